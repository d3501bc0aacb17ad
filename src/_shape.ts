// Shapes and strides: the checks and helpers every module shares (one copy of each).
import { describeValue as describe, kindOf } from "./_describe.ts";

/** The most dimensions an array may have (numpy's limit). */
export const MAX_DIMS = 64;

/** Formats a list for messages: `[2, -1]`, strings quoted, at most 10 items shown. */
export function listString(xs: readonly unknown[]): string {
  const parts: string[] = [];
  const n = xs.length;
  for (let i = 0; i < n && i < 10; i++) {
    const x = xs[i];
    parts.push(typeof x === "number" || typeof x === "string" ? describe(x) : kindOf(x));
  }
  if (n > 10) parts.push(`... (${n} items)`);
  return `[${parts.join(", ")}]`;
}

/** A shape as numpy prints it: `(2, 3)`, `(5,)`, `()`. */
export function tupleString(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/**
 * Validates a shape: a non-negative integer (a 1-D shape) or an array of them, at most 64
 * dimensions, with a total size that is a safe integer.
 *
 * @param shape The value to check.
 * @param what What the value is, for messages (default `"shape"`).
 * @returns A new plain array of the dimensions.
 * @throws {TypeError} When the shape or a dimension is not a number.
 * @throws {RangeError} When a dimension is negative, fractional, NaN or too large, e.g.
 * `Invalid shape [2, -1]: dimension 1 is negative`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkShape } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(checkShape([2, 3]), [2, 3]);
 * assert.deepEqual(checkShape(4), [4]);
 * assert.throws(() => checkShape([2, -1]), { name: "RangeError", message: "Invalid shape [2, -1]: dimension 1 is negative" });
 * ```
 */
export function checkShape(shape: unknown, what?: string): number[] {
  const name = typeof what === "string" ? what : "shape";
  if (typeof shape === "number") {
    if (!(shape >= 0 && Number.isSafeInteger(shape))) {
      throw new RangeError(`Invalid ${name} ${shape}: dimension 0 ${dimProblem(shape)}`);
    }
    return [shape];
  }
  if (!Array.isArray(shape)) {
    throw new TypeError(
      `Invalid ${name}: expected an array of non-negative integers, got ${kindOf(shape)}`,
    );
  }
  const n = shape.length;
  if (n > MAX_DIMS) {
    throw new RangeError(
      `Invalid ${name}: ${n} dimensions, but at most ${MAX_DIMS} are supported`,
    );
  }
  const out: number[] = [];
  let size = 1;
  for (let i = 0; i < n; i++) {
    const d = shape[i];
    if (typeof d !== "number") {
      throw new TypeError(
        `Invalid ${name} ${listString(shape)}: dimension ${i} is not a number (got ${kindOf(d)})`,
      );
    }
    if (!(d >= 0 && Number.isSafeInteger(d))) {
      throw new RangeError(
        `Invalid ${name} ${listString(shape)}: dimension ${i} ${dimProblem(d)}`,
      );
    }
    out.push(d);
    size *= d;
  }
  if (size > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(
      `Invalid ${name} ${listString(shape)}: the total size is too large`,
    );
  }
  return out;
}

export function dimProblem(d: number): string {
  if (Number.isNaN(d)) return "is NaN";
  if (d < 0) return "is negative";
  if (!Number.isFinite(d)) return "is infinite";
  if (Math.floor(d) !== d) return "is not an integer";
  return "is too large";
}

/** C-order (row-major) strides in items; a zero dimension counts as 1, like numpy. */
export function cStrides(shape: readonly number[]): number[] {
  const s = shape.slice();
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i] || 1;
  }
  return s;
}

/** F-order (column-major) strides in items. */
export function fStrides(shape: readonly number[]): number[] {
  const s = shape.slice();
  let acc = 1;
  for (let i = 0; i < shape.length; i++) {
    s[i] = acc;
    acc *= shape[i] || 1;
  }
  return s;
}

export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/**
 * What is wrong with a view: a dimension or a stride that is not a (non-negative) safe integer
 * (`index` is the axis, `value` the bad value), an offset that is not a non-negative safe
 * integer, a size that is not a safe integer, or an extent outside the data (`index` is the
 * first item it reaches outside: below 0, or at or past the end).
 */
export interface ViewProblem {
  what: "offset" | "dimension" | "stride" | "size" | "extent";
  index: number;
  value: unknown;
}

/**
 * The one view validator: whether `shape` and `strides` (one entry per axis, in items) from
 * `offset` describe elements that all lie within `items` items of data (an empty view may start
 * one past the end). Returns the view's size when they do, else the first problem, which each caller
 * words for its own message (the NDArray constructor, its methods' checks of a changed array,
 * and the gufunc engine's check of forged arrays). Allocates only on failure.
 */
export function viewProblem(
  shape: readonly unknown[],
  strides: readonly unknown[],
  offset: unknown,
  items: number,
): number | ViewProblem {
  if (typeof offset !== "number" || !(offset >= 0 && Number.isSafeInteger(offset))) {
    return { what: "offset", index: -1, value: offset };
  }
  const nd = shape.length;
  let size = 1;
  let lo = offset;
  let hi = offset;
  for (let i = 0; i < nd; i++) {
    const n = shape[i];
    const s = strides[i];
    if (typeof n !== "number" || !(n >= 0 && Number.isSafeInteger(n))) {
      return { what: "dimension", index: i, value: n };
    }
    if (typeof s !== "number" || !Number.isSafeInteger(s)) {
      return { what: "stride", index: i, value: s };
    }
    size *= n;
    const reach = (n - 1) * s;
    if (reach < 0) lo += reach;
    else hi += reach;
  }
  if (size > Number.MAX_SAFE_INTEGER) return { what: "size", index: -1, value: size };
  if (size === 0 ? offset > items : lo < 0 || hi >= items) {
    return { what: "extent", index: lo < 0 ? lo : size === 0 ? offset : hi, value: size };
  }
  return size;
}

/** numpy's broadcasting of two shapes; `name` is the function named in the message. */
export function broadcastShapes(
  a: readonly number[],
  b: readonly number[],
  name?: string,
): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new RangeError(
        `Operands ${
          name === undefined ? "" : `of ${name}() `
        }could not be broadcast together with shapes ` +
          `(${a.join(",")}) (${b.join(",")})`,
      );
    }
    out[i] = x === 1 ? y : x;
  }
  return out;
}

/** Whether two lists of numbers are equal, element by element. */
export function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The item's position in the stack, for messages: "item 3" or "item (1, 2)". */
export function itemLabel(item: number, loopShape: readonly number[]): string {
  if (loopShape.length <= 1) return `item ${item}`;
  const idx: number[] = [];
  let r = item;
  for (let d = loopShape.length - 1; d >= 0; d--) {
    idx.unshift(r % loopShape[d]);
    r = Math.floor(r / loopShape[d]);
  }
  return `item (${idx.join(", ")})`;
}
