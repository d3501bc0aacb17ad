/**
 * NDArray: an n-dimensional strided view of a Float32Array or Float64Array, numpy's ndarray
 * reduced to what linear algebra needs. Creation (`array`, `asarray`, `fromTypedArray`,
 * `zeros`, `ones`, `empty`, `eye`), views (`reshape`, `transpose`, `T`, `matrixTranspose`),
 * conversion (`astype`, `copy`, `toArray`, `item`) and numpy's repr for printing.
 *
 * The fields `data`, `shape`, `strides` and `offset` are plain properties that hot loops may
 * read directly. They are read-only (the NDArray object is frozen); `shape` and `strides` are
 * plain arrays, which must not be changed either: the methods check them and refuse an array
 * whose shape or strides no longer describe a view of its data. Strides and offset count items,
 * not bytes or floats: complex item `i` lives at `data[2 * i]` (real part) and `data[2 * i + 1]`
 * (imaginary part).
 *
 * @module
 */
import { describeValue as describe } from "./_describe.ts";
import type { OptionKeys } from "./_options.ts";
import { checkOptionKeys, optionKeys } from "./_options.ts";
import type { Complex, DType, FloatArray } from "./dtype.ts";
import {
  allocData,
  dtypeOfTypedArray,
  isComplex,
  isDType,
  isSingle,
  itemSize,
  parseDType,
  typedArrayTag,
} from "./dtype.ts";

/**
 * One element: a number (booleans count as 0 and 1) or a complex `{ re, im }`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Scalar, zeros } from "./ndarray.ts";
 * const v: Scalar = { re: 1, im: 1 };
 * const a = zeros(1, { dtype: "complex128" });
 * a.set([0], v);
 * assert.deepEqual(a.at(0), v);
 * ```
 */
export type Scalar = number | boolean | Complex;

/**
 * Anything `array()` accepts: an NDArray, a scalar, a 1-D typed array, or nested arrays of
 * those (`number[][]`, `Complex[][]`, `Float64Array[]`, `NDArray[]`, ...).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, type ArrayLike } from "./ndarray.ts";
 * const rows: ArrayLike = [new Float64Array([1, 2]), [3, 4]];
 * assert.deepEqual(array(rows).toArray(), [[1, 2], [3, 4]]);
 * ```
 */
export type ArrayLike = Scalar | NDArray | ArrayBufferView | readonly ArrayLike[];

/**
 * The values `toArray()` produces: nested arrays of numbers, or of `{ re, im }` for complex
 * dtypes, and a bare scalar for a 0-d array. (`toArray()` itself is typed `any`, since the
 * depth is only known at run time; annotate with this type to keep checking.)
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eye, type NestedValue } from "./ndarray.ts";
 * const v: NestedValue = eye(2).toArray();
 * assert.deepEqual(v, [[1, 0], [0, 1]]);
 * ```
 */
export type NestedValue = number | Complex | NestedValue[];

/**
 * Options of the creation functions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type ArrayOptions, ones } from "./ndarray.ts";
 * const options: ArrayOptions = { dtype: "f4" };
 * assert.equal(ones(2, options).dtype, "float32");
 * ```
 */
export interface ArrayOptions {
  /** The dtype of the result (also `"f8"`, `"c16"`, `"double"`, ...). */
  dtype?: DType | string;
}

/** The most dimensions an array may have (numpy's limit). */
const MAX_DIMS = 64;

/**
 * A short description of a value for messages: "string", "undefined", "a Map", "an object".
 * Like `describeValue` it never runs user code to make the text, but names primitives by type.
 */
function kindOf(x: unknown): string {
  return typeof x === "object" || typeof x === "function" ? describe(x) : typeof x;
}

/** The most elements `toArray()` converts to nested JS arrays. */
const MAX_NESTED = 2 ** 26;

/** The most elements `toString()` and the inspect hooks format (after eliding). */
const MAX_PRINTED = 2 ** 22;

/** Formats a list for messages: `[2, -1]`, strings quoted, at most 10 items shown. */
function listString(xs: readonly unknown[]): string {
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
function tupleString(shape: readonly number[]): string {
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
 * import { checkShape } from "./ndarray.ts";
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

function dimProblem(d: number): string {
  if (Number.isNaN(d)) return "is NaN";
  if (d < 0) return "is negative";
  if (!Number.isFinite(d)) return "is infinite";
  if (Math.floor(d) !== d) return "is not an integer";
  return "is too large";
}

/** C-order (row-major) strides in items; a zero dimension counts as 1, like numpy. */
function cStrides(shape: readonly number[]): number[] {
  const s = shape.slice();
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i] || 1;
  }
  return s;
}

/** F-order (column-major) strides in items. */
function fStrides(shape: readonly number[]): number[] {
  const s = shape.slice();
  let acc = 1;
  for (let i = 0; i < shape.length; i++) {
    s[i] = acc;
    acc *= shape[i] || 1;
  }
  return s;
}

function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/** A `{ re, im }` pair of numbers (extra properties allowed). */
function isComplexObject(x: unknown): x is Complex {
  return typeof x === "object" && x !== null &&
    typeof (x as Complex).re === "number" && typeof (x as Complex).im === "number";
}

/** Whether `x` was made by the NDArray constructor (set in the class's static block). */
let genuine: (x: unknown) => boolean;

/** An array's shape and strides, read once and checked: what methods loop over. */
interface Layout {
  shape: number[];
  strides: number[];
  size: number;
}

/**
 * Checks that `a` was made by the NDArray constructor (not `Object.create(NDArray.prototype)`)
 * and that its shape and strides, plain arrays that code outside may change, still describe a
 * view within its data; returns copies of them, so that no later change (not even by a getter on
 * an element) reaches the caller's loops.
 *
 * @param a The array.
 * @param fn The function, for messages: "toArray()".
 * @param where Which array, for messages: "value[1]" (default: the receiver).
 */
function layoutOf(a: NDArray, fn: string, where?: string): Layout {
  const nd = checkDims(a, fn, where);
  const shape0 = a.shape;
  const strides0 = a.strides;
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < nd; i++) {
    shape.push(shape0[i]);
    strides.push(strides0[i]);
  }
  return { shape, strides, size: checkView(a, shape, strides, fn, where) };
}

/**
 * layoutOf's checks without the copies, for callers that do not loop over the shape.
 *
 * @returns The size.
 */
function checkLayout(a: NDArray, fn: string, where?: string): number {
  checkDims(a, fn, where);
  return checkView(a, a.shape, a.strides, fn, where);
}

/** Checks the brand and the number of dimensions and strides; returns the latter. */
function checkDims(a: NDArray, fn: string, where: string | undefined): number {
  if (!genuine(a)) {
    throw new TypeError(
      `Invalid NDArray in ${whatOf(fn, where)}: it was not made by the NDArray constructor`,
    );
  }
  const shape = a.shape;
  const strides = a.strides;
  const nd = shape.length;
  const ns = strides.length;
  if (!(nd <= MAX_DIMS && ns === nd)) {
    throw tampered(
      RangeError,
      fn,
      where,
      nd <= MAX_DIMS && ns <= MAX_DIMS
        ? `its shape ${listString(shape)} and strides ${listString(strides)} differ in length`
        : `it has ${nd} dimensions and ${ns} strides, but at most ${MAX_DIMS} are supported`,
    );
  }
  return nd;
}

/** Checks each dimension and stride, and that the view lies within the data; returns the size. */
function checkView(
  a: NDArray,
  shape: readonly unknown[],
  strides: readonly unknown[],
  fn: string,
  where: string | undefined,
): number {
  const nd = shape.length;
  const data = a.data;
  const items = a.dtype === "complex128" || a.dtype === "complex64"
    ? data.length >> 1
    : data.length;
  const off = a.offset;
  let size = 1;
  let lo = off;
  let hi = off;
  for (let i = 0; i < nd; i++) {
    const n = shape[i];
    const s = strides[i];
    if (typeof n !== "number" || !(n >= 0 && Number.isSafeInteger(n))) {
      throw tampered(
        typeof n === "number" ? RangeError : TypeError,
        fn,
        where,
        `dimension ${i} of its shape ${listString(shape)} ${
          typeof n === "number" ? dimProblem(n) : "is not a number"
        }`,
      );
    }
    if (typeof s !== "number" || !Number.isSafeInteger(s)) {
      throw tampered(
        typeof s === "number" ? RangeError : TypeError,
        fn,
        where,
        `stride ${i} of its strides ${listString(strides)} is not an integer`,
      );
    }
    size *= n;
    const reach = (n - 1) * s;
    if (reach < 0) lo += reach;
    else hi += reach;
  }
  if (size > Number.MAX_SAFE_INTEGER) {
    throw tampered(
      RangeError,
      fn,
      where,
      `the size of its shape ${listString(shape)} is too large`,
    );
  }
  if (size === 0 ? off > items : lo < 0 || hi >= items) {
    throw tampered(
      RangeError,
      fn,
      where,
      `its shape ${listString(shape)} with strides ${listString(strides)} and offset ${off} ` +
        `reaches item ${lo < 0 ? lo : size === 0 ? off : hi}, but data holds ${items} items`,
    );
  }
  return size;
}

function whatOf(fn: string, where: string | undefined): string {
  return where === undefined ? fn : `${fn} (${where})`;
}

function tampered(
  e: typeof RangeError | typeof TypeError,
  fn: string,
  where: string | undefined,
  problem: string,
): Error {
  return new e(
    `Invalid NDArray in ${whatOf(fn, where)}: ${problem} (its shape or strides were changed ` +
      `after construction, or its buffer shrank)`,
  );
}

const FIELDS = ["dtype", "shape", "strides", "offset", "data"] as const;

const DENO_INSPECT: unique symbol = Symbol.for("Deno.customInspect");
const NODE_INSPECT: unique symbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * An n-dimensional array of float32, float64, complex64 or complex128 over a typed array.
 * Views (`reshape`, `transpose`, `T`) share `data`; strides may be negative or zero.
 *
 * The object is frozen. Its methods throw a TypeError for an object the constructor did not
 * make (`Object.create(NDArray.prototype)`), and a RangeError (a TypeError for a non-number) when
 * the elements of `shape` or `strides` were changed so that they no longer describe a view of
 * `data`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NDArray } from "./ndarray.ts";
 * // A 2x3 C-order array, then a view of its columns in reverse order.
 * const a = new NDArray(new Float64Array([1, 2, 3, 4, 5, 6]), "float64", [2, 3]);
 * assert.deepEqual(a.strides, [3, 1]);
 * const r = new NDArray(a.data, "float64", [2, 3], [3, -1], 2);
 * assert.deepEqual(r.toArray(), [[3, 2, 1], [6, 5, 4]]);
 * assert.equal(r.at(1, 0), 6);
 * ```
 */
export class NDArray {
  /** The element type. */
  readonly dtype: DType;
  /** The dimensions. */
  readonly shape: readonly number[];
  /** Per dimension, the distance in items between consecutive elements (may be <= 0). */
  readonly strides: readonly number[];
  /** The position, in items, of the first element in `data`. */
  readonly offset: number;
  /** The storage: Float32Array for float32/complex64, Float64Array otherwise; complex interleaved. */
  readonly data: FloatArray;
  /** The brand of arrays made by the constructor (forged ones, from Object.create, lack it). */
  #genuine = true;

  static {
    genuine = (x) => typeof x === "object" && x !== null && #genuine in x;
  }

  /**
   * Wraps `data` without copying.
   *
   * @param data Float32Array (float32, complex64) or Float64Array (float64, complex128).
   * @param dtype The element type.
   * @param shape The dimensions.
   * @param strides Per dimension, in items; default C order (row-major).
   * @param offset The first element's position in items; default 0.
   * @throws {TypeError} When `data` is not the typed array the dtype needs.
   * @throws {RangeError} For a bad shape or strides, or when an element would lie outside `data`.
   */
  constructor(
    data: FloatArray,
    dtype: DType,
    shape: readonly number[],
    strides?: readonly number[],
    offset?: number,
  ) {
    if (!isDType(dtype)) parseDType(dtype);
    const double = dtype === "float64" || dtype === "complex128";
    if (
      !(double ? data instanceof Float64Array : data instanceof Float32Array) ||
      !ArrayBuffer.isView(data)
    ) {
      throw new TypeError(
        `Invalid data for dtype ${dtype}: expected a ${
          double ? "Float64Array" : "Float32Array"
        }, got ${kindOf(data)}`,
      );
    }
    const complex = dtype === "complex128" || dtype === "complex64";
    if (complex && (data.length & 1) !== 0) {
      throw new RangeError(
        `Invalid data for dtype ${dtype}: length ${data.length} is odd, but complex items are (re, im) pairs`,
      );
    }
    const shp = checkShape(shape);
    const nd = shp.length;
    let str: number[];
    if (strides === undefined) {
      str = cStrides(shp);
    } else {
      if (!Array.isArray(strides)) {
        throw new TypeError(
          `Invalid strides: expected an array of integers, got ${kindOf(strides)}`,
        );
      }
      if (strides.length !== nd) {
        throw new RangeError(
          `Invalid strides ${listString(strides)}: ${strides.length} values for ${nd} dimension${
            nd === 1 ? "" : "s"
          }`,
        );
      }
      str = [];
      for (let i = 0; i < nd; i++) {
        const s = strides[i];
        if (!Number.isSafeInteger(s)) {
          const e = typeof s === "number" ? RangeError : TypeError;
          throw new e(`Invalid strides ${listString(strides)}: stride ${i} is not an integer`);
        }
        str.push(s);
      }
    }
    const off = offset === undefined ? 0 : offset;
    if (!(Number.isSafeInteger(off) && off >= 0)) {
      const e = typeof off === "number" ? RangeError : TypeError;
      throw new e(
        `Invalid offset ${
          typeof off === "number" ? off : kindOf(off)
        }: expected a non-negative integer`,
      );
    }
    const items = complex ? data.length >> 1 : data.length;
    const size = shapeSize(shp);
    if (size === 0) {
      if (off > items) {
        throw new RangeError(`Invalid offset ${off}: data holds only ${items} items`);
      }
    } else {
      let lo = off;
      let hi = off;
      for (let i = 0; i < nd; i++) {
        const reach = (shp[i] - 1) * str[i];
        if (reach < 0) lo += reach;
        else hi += reach;
      }
      if (lo < 0 || hi >= items) {
        throw new RangeError(
          `Invalid view: shape ${tupleString(shp)} with strides ${
            tupleString(str)
          } and offset ${off} ` +
            `reaches item ${lo < 0 ? lo : hi}, but data holds ${items} items`,
        );
      }
    }
    this.dtype = dtype;
    this.shape = shp;
    this.strides = str;
    this.offset = off;
    this.data = data;
    // Read-only fields. (shape and strides stay plain arrays: frozen arrays cost 30-600 ns to
    // make and slow every read of their elements, so methods check them instead: layoutOf.)
    if (new.target === NDArray) Object.freeze(this);
    else {
      // A subclass may still add its own fields.
      for (let i = 0; i < FIELDS.length; i++) {
        Object.defineProperty(this, FIELDS[i], { writable: false, configurable: false });
      }
    }
  }

  /** The number of dimensions. */
  get ndim(): number {
    if (!genuine(this)) invalid(this, "ndim");
    return this.shape.length;
  }

  /** The number of elements (1 for a 0-d array). */
  get size(): number {
    return checkLayout(this, "size");
  }

  /** The size of one element in bytes (16 for complex128). */
  get itemSize(): number {
    checkLayout(this, "itemSize");
    return itemSize(this.dtype);
  }

  /** Whether the elements are in row-major order without gaps (numpy's rules: size-1 dims ignored). */
  get isCContiguous(): boolean {
    return cContiguous(layoutOf(this, "isCContiguous"));
  }

  /** Whether the elements are in column-major order without gaps (numpy's rules). */
  get isFContiguous(): boolean {
    const { shape, strides, size } = layoutOf(this, "isFContiguous");
    if (size === 0) return true;
    let expected = 1;
    for (let i = 0; i < shape.length; i++) {
      const n = shape[i];
      if (n !== 1) {
        if (strides[i] !== expected) return false;
        expected *= n;
      }
    }
    return true;
  }

  /** The transpose (all axes reversed), a view. */
  get T(): NDArray {
    return this.transpose();
  }

  /**
   * One element.
   *
   * @param index One index per dimension; negative indices count from the end.
   * @returns A number, or a new `{ re, im }` for complex dtypes.
   * @throws {RangeError} For the wrong number of indices or an index out of bounds.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "./ndarray.ts";
   * const a = array([[1, 2], [3, 4]]);
   * assert.equal(a.at(1, 0), 3);
   * assert.equal(a.at(-1, -1), 4);
   * assert.deepEqual(array([{ re: 1, im: 2 }]).at(0), { re: 1, im: 2 });
   * ```
   */
  at(...index: number[]): number | Complex {
    const p = position(this, index, "at()");
    const data = this.data;
    if (this.dtype === "float64" || this.dtype === "float32") return data[p];
    return { re: data[2 * p], im: data[2 * p + 1] };
  }

  /**
   * Writes one element (into `data`, so every view of it sees the change).
   *
   * @param index One index per dimension; negative indices count from the end.
   * @param value A number (or boolean), or `{ re, im }` for complex dtypes.
   * @throws {RangeError} For a bad index.
   * @throws {TypeError} For a value that is not a number, or a complex value in a real array.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { zeros } from "./ndarray.ts";
   * const a = zeros([2, 2]);
   * a.set([0, 1], 5);
   * assert.deepEqual(a.toArray(), [[0, 5], [0, 0]]);
   * ```
   */
  set(index: readonly number[], value: Scalar): void {
    if (!genuine(this)) invalid(this, "set()");
    if (!Array.isArray(index)) {
      throw new TypeError(`Invalid index: expected an array of integers, got ${kindOf(index)}`);
    }
    const p = position(this, index, "set()");
    const data = this.data;
    const complex = this.dtype === "complex128" || this.dtype === "complex64";
    let re: number;
    let im = 0;
    if (typeof value === "number") re = value;
    else if (typeof value === "boolean") re = value ? 1 : 0;
    else if (isComplexObject(value)) {
      if (!complex) {
        throw new TypeError(`Cannot store a complex value in a ${this.dtype} array`);
      }
      re = value.re;
      im = value.im;
    } else {
      throw new TypeError(
        `Cannot store ${kindOf(value)} in an array: expected a number or { re, im }`,
      );
    }
    if (complex) {
      data[2 * p] = re;
      data[2 * p + 1] = im;
    } else data[p] = re;
  }

  /**
   * The only element of a size-1 array, as a scalar.
   *
   * @returns A number, or `{ re, im }` for complex dtypes.
   * @throws {RangeError} When the array does not have exactly one element.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "./ndarray.ts";
   * assert.equal(array(5).item(), 5);
   * assert.equal(array([[7]]).item(), 7);
   * assert.throws(() => array([1, 2]).item(), RangeError);
   * ```
   */
  item(): number | Complex {
    const size = checkLayout(this, "item()");
    if (size !== 1) {
      throw new RangeError(`Can only convert an array of size 1 to a scalar: size is ${size}`);
    }
    const p = this.offset;
    const data = this.data;
    if (this.dtype === "float64" || this.dtype === "float32") return data[p];
    return { re: data[2 * p], im: data[2 * p + 1] };
  }

  /**
   * The elements as nested JS arrays (numbers, or `{ re, im }` for complex); a 0-d array
   * gives its scalar. Typed `any`, like numpy's `tolist()`, because the nesting depth is the
   * run-time `ndim`: `a.toArray()[0][1]` and `a.toArray().map(...)` need no cast. The values
   * are always a `NestedValue`.
   *
   * @returns Nested arrays of the array's shape.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "./ndarray.ts";
   * assert.deepEqual(array([[1, 2], [3, 4]]).T.toArray(), [[1, 3], [2, 4]]);
   * assert.equal(array([[1, 2], [3, 4]]).toArray()[1][0], 3);
   * assert.equal(array(2.5).toArray(), 2.5);
   * ```
   */
  toArray(): any {
    const { shape, strides, size } = layoutOf(this, "toArray()");
    const nd = shape.length;
    if (nd === 0) return this.item();
    // The JS values it makes: the elements and every nested array (a [n, 0, ...] array has none
    // of the former but n of the latter).
    let values = 0;
    for (let i = 0, p = 1; i < nd && p > 0; i++) {
      p *= shape[i];
      values += p;
    }
    if (values > MAX_NESTED) {
      throw new RangeError(
        `Cannot convert an array of ${size} elements (shape ${
          tupleString(shape)
        }) to nested arrays: the limit is ${MAX_NESTED} (use .data or a loop over views)`,
      );
    }
    return nest(this.data, shape, strides, 0, this.offset, isComplex(this.dtype));
  }

  /**
   * The same elements in another shape (C order). A view when the strides allow it (always for
   * C-contiguous arrays), else a copy.
   *
   * @param shape The new shape, as an array or as separate numbers; one dimension may be -1
   * (inferred).
   * @param more The other dimensions, when `shape` is a number.
   * @returns The reshaped array.
   * @throws {RangeError} When the sizes differ or the shape is invalid.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "./ndarray.ts";
   * const a = array([1, 2, 3, 4, 5, 6]);
   * const b = a.reshape(2, -1);
   * assert.deepEqual(b.shape, [2, 3]);
   * assert.equal(b.data, a.data); // a view
   * assert.deepEqual(a.reshape([3, 2]).toArray(), [[1, 2], [3, 4], [5, 6]]);
   * ```
   */
  reshape(shape: readonly number[] | number, ...more: number[]): NDArray {
    let req: readonly unknown[];
    if (typeof shape === "number") req = [shape, ...more];
    else if (Array.isArray(shape)) {
      if (more.length > 0) {
        throw new TypeError(
          "Invalid reshape arguments: give the shape as one array or as numbers, not both",
        );
      }
      req = shape;
    } else {
      throw new TypeError(`Invalid shape: expected an array of integers, got ${kindOf(shape)}`);
    }
    const layout = layoutOf(this, "reshape()");
    const size = layout.size;
    const newShape = resolveShape(layout.shape, size, req);
    const strides = size === 0
      ? cStrides(newShape)
      : noCopyStrides(layout.shape, layout.strides, newShape);
    if (strides !== null) return new NDArray(this.data, this.dtype, newShape, strides, this.offset);
    return new NDArray(copyData(this, layout, this.dtype), this.dtype, newShape);
  }

  /**
   * Permutes the axes, a view.
   *
   * @param axes A permutation of `0..ndim-1` (negative values count from the end); default:
   * all axes reversed.
   * @returns The transposed view.
   * @throws {RangeError} When `axes` is not a permutation of the axes.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { zeros } from "./ndarray.ts";
   * const a = zeros([2, 3, 4]);
   * assert.deepEqual(a.transpose().shape, [4, 3, 2]);
   * assert.deepEqual(a.transpose([1, 0, 2]).strides, [4, 12, 1]);
   * ```
   */
  transpose(axes?: readonly number[]): NDArray {
    // No copies: the loops below run nd times, and the constructor checks what they read.
    const nd = checkDims(this, "transpose()", undefined);
    const shape = this.shape;
    const strides = this.strides;
    checkView(this, shape, strides, "transpose()", undefined);
    const newShape: number[] = [];
    const newStrides: number[] = [];
    if (axes === undefined) {
      for (let i = nd - 1; i >= 0; i--) {
        newShape.push(shape[i]);
        newStrides.push(strides[i]);
      }
    } else {
      if (!Array.isArray(axes)) {
        throw new TypeError(`Invalid axes: expected an array of integers, got ${kindOf(axes)}`);
      }
      if (axes.length !== nd) {
        throw new RangeError(
          `Invalid axes ${listString(axes)}: an array of ${nd} dimension${
            nd === 1 ? "" : "s"
          } needs ${nd} axes`,
        );
      }
      const seen: boolean[] = [];
      for (let i = 0; i < nd; i++) seen.push(false);
      for (let i = 0; i < nd; i++) {
        const ax = axes[i];
        if (typeof ax !== "number") {
          throw new TypeError(
            `Invalid axes ${listString(axes)}: axis ${i} is not a number (got ${kindOf(ax)})`,
          );
        }
        if (!(Number.isInteger(ax) && ax >= -nd && ax < nd)) {
          throw new RangeError(
            `Invalid axes ${
              listString(axes)
            }: axis ${ax} is out of bounds for an array of ${nd} dimension${nd === 1 ? "" : "s"}`,
          );
        }
        const a = ax < 0 ? ax + nd : ax;
        if (seen[a]) {
          throw new RangeError(`Invalid axes ${listString(axes)}: axis ${a} is repeated`);
        }
        seen[a] = true;
        newShape.push(shape[a]);
        newStrides.push(strides[a]);
      }
    }
    return new NDArray(this.data, this.dtype, newShape, newStrides, this.offset);
  }

  /**
   * Swaps the last two axes (the transpose of each matrix of a stack), a view.
   *
   * @returns The view.
   * @throws {RangeError} When the array has fewer than 2 dimensions.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { zeros } from "./ndarray.ts";
   * assert.deepEqual(zeros([5, 2, 3]).matrixTranspose().shape, [5, 3, 2]);
   * ```
   */
  matrixTranspose(): NDArray {
    const { shape, strides } = layoutOf(this, "matrixTranspose()");
    const nd = shape.length;
    if (nd < 2) {
      throw new RangeError(
        `Cannot transpose the matrices of an array of ${nd} dimension${
          nd === 1 ? "" : "s"
        }: at least 2 are needed`,
      );
    }
    const m = shape[nd - 2];
    shape[nd - 2] = shape[nd - 1];
    shape[nd - 1] = m;
    const s = strides[nd - 2];
    strides[nd - 2] = strides[nd - 1];
    strides[nd - 1] = s;
    return new NDArray(this.data, this.dtype, shape, strides, this.offset);
  }

  /**
   * A C-order copy converted to another dtype.
   *
   * @param dtype The new dtype.
   * @returns The copy (a new array even when the dtype is the same).
   * @throws {TypeError} For an unknown dtype, or complex to real (which would drop the
   * imaginary parts).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "./ndarray.ts";
   * const a = array([1.5, 2]).astype("complex64");
   * assert.equal(a.dtype, "complex64");
   * assert.deepEqual(a.toArray(), [{ re: 1.5, im: 0 }, { re: 2, im: 0 }]);
   * assert.throws(() => a.astype("float64"), TypeError);
   * ```
   */
  astype(dtype: DType | string): NDArray {
    const layout = layoutOf(this, "astype()");
    const d = parseDType(dtype, "dtype");
    checkCast(this.dtype, d);
    return new NDArray(copyData(this, layout, d), d, layout.shape);
  }

  /**
   * A contiguous copy.
   *
   * @param order "C" (row-major, the default) or "F" (column-major).
   * @returns The copy.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "./ndarray.ts";
   * const f = array([[1, 2], [3, 4]]).copy("F");
   * assert.deepEqual(Array.from(f.data), [1, 3, 2, 4]);
   * assert.equal(f.isFContiguous, true);
   * ```
   */
  copy(order?: "C" | "F"): NDArray {
    const layout = layoutOf(this, "copy()");
    const { shape, strides } = layout;
    if (order === undefined || order === "C") {
      return new NDArray(copyData(this, layout, this.dtype), this.dtype, shape);
    }
    if (order !== "F") {
      throw new TypeError(`Invalid order ${describe(order)}: expected "C" or "F"`);
    }
    // The C-order copy of the transpose is the F-order copy.
    const reversed: Layout = {
      shape: shape.slice().reverse(),
      strides: strides.slice().reverse(),
      size: layout.size,
    };
    return new NDArray(copyData(this, reversed, this.dtype), this.dtype, shape, fStrides(shape));
  }

  /**
   * numpy's repr: `array([[1., 2.],\n       [3., 4.]])`, with `dtype=` for float32 and
   * complex64, and `...` for arrays of more than 1000 elements.
   *
   * @returns The repr string.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "./ndarray.ts";
   * assert.equal(array([[1, 2], [3, 4]]).toString(), "array([[1., 2.],\n       [3., 4.]])");
   * assert.equal(array([0.5, 1], { dtype: "float32" }).toString(), "array([0.5, 1. ], dtype=float32)");
   * ```
   */
  toString(): string {
    return repr(this, layoutOf(this, "toString()"));
  }

  /** Deno's `console.log` hook: prints the repr. */
  [DENO_INSPECT](): string {
    return repr(this, layoutOf(this, "inspect()"));
  }

  /** Node's and Bun's `console.log` hook: prints the repr. */
  [NODE_INSPECT](): string {
    return repr(this, layoutOf(this, "inspect()"));
  }
}

/**
 * The data position (in items) of an element; validates the index, and that the position lies
 * in `data` (a receiver whose shape or strides were changed may say otherwise). Small, for at()
 * in loops: failures go to indexError, which is not given `index` (passing the rest array to a
 * call that is not inlined makes V8 allocate it on every at()).
 */
function position(a: NDArray, index: readonly unknown[], fn: string): number {
  if (!genuine(a)) throw indexError(a, fn, -1, 0);
  const shape = a.shape;
  const strides = a.strides;
  const nd = shape.length;
  if (index.length !== nd) throw indexError(a, fn, -1, index.length);
  let p = a.offset;
  for (let k = 0; k < nd; k++) {
    const i = index[k];
    const n = shape[k];
    const s = strides[k];
    // The types first: arithmetic on an object would run its valueOf.
    if (typeof i !== "number" || typeof n !== "number" || typeof s !== "number") {
      throw indexError(a, fn, k, i);
    }
    const j = i < 0 ? i + n : i;
    if (!(j >= 0 && j < n && Math.floor(j) === j)) throw indexError(a, fn, k, i);
    p += j * s;
  }
  const data = a.data;
  const items = a.dtype === "complex128" || a.dtype === "complex64"
    ? data.length >> 1
    : data.length;
  if (!(p >= 0 && p < items && Number.isSafeInteger(p))) throw indexError(a, fn, nd, 0);
  return p;
}

/**
 * Why position() failed: the array (layoutOf's checks), else index `i` of axis `k` (k = -1: the
 * number of indices is `i`).
 */
function indexError(a: NDArray, fn: string, k: number, i: unknown): Error {
  const nd = layoutOf(a, fn).shape.length;
  if (k < 0) {
    return new RangeError(
      `Cannot index an array of ${nd} dimension${nd === 1 ? "" : "s"} with ${i} ` +
        `ind${i === 1 ? "ex" : "ices"}: give one index per dimension`,
    );
  }
  if (k < nd) {
    if (typeof i !== "number") {
      return new TypeError(`Invalid index for axis ${k}: expected an integer, got ${kindOf(i)}`);
    }
    if (Math.floor(i) !== i) {
      return new RangeError(`Invalid index ${i} for axis ${k}: expected an integer`);
    }
    const n = a.shape[k];
    if (!(i >= -n && i < n)) {
      return new RangeError(`Index ${i} is out of bounds for axis ${k} with size ${n}`);
    }
  }
  return invalid(a, fn);
}

/** Throws layoutOf's error for an array that failed a quick check. */
function invalid(a: NDArray, fn: string): never {
  layoutOf(a, fn);
  // Only when a getter on an element of shape or strides answers differently each time.
  throw new RangeError(
    `Invalid NDArray in ${fn}: its shape or strides are changing (they must not be changed ` +
      `after construction)`,
  );
}

/** Whether a layout is in row-major order without gaps (numpy's rules). */
function cContiguous(layout: Layout): boolean {
  const { shape, strides, size } = layout;
  if (size === 0) return true;
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const n = shape[i];
    if (n !== 1) {
      if (strides[i] !== expected) return false;
      expected *= n;
    }
  }
  return true;
}

function nest(
  data: FloatArray,
  shape: readonly number[],
  strides: readonly number[],
  axis: number,
  pos: number,
  complex: boolean,
): NestedValue[] {
  const n = shape[axis];
  const s = strides[axis];
  const out: NestedValue[] = [];
  if (axis === shape.length - 1) {
    if (complex) {
      for (let i = 0, p = pos; i < n; i++, p += s) {
        out.push({ re: data[2 * p], im: data[2 * p + 1] });
      }
    } else {
      for (let i = 0, p = pos; i < n; i++, p += s) out.push(data[p]);
    }
  } else {
    for (let i = 0, p = pos; i < n; i++, p += s) {
      out.push(nest(data, shape, strides, axis + 1, p, complex));
    }
  }
  return out;
}

function checkCast(from: DType, to: DType): void {
  if (
    (from === "complex128" || from === "complex64") && to !== "complex128" && to !== "complex64"
  ) {
    throw new TypeError(`Cannot cast ${from} to ${to} without losing the imaginary part`);
  }
}

/**
 * Copies the elements of `a`, in C order of `layout` (its checked shape and strides, from
 * layoutOf), into new storage of dtype `to` (real to complex fills zero imaginary parts; the
 * caller rules out complex to real).
 */
function copyData(a: NDArray, layout: Layout, to: DType): FloatArray {
  const { shape, strides, size } = layout;
  const dst = allocData(to, size);
  if (size === 0) return dst;
  const src = a.data;
  const sf = a.dtype === "complex128" || a.dtype === "complex64" ? 2 : 1;
  const df = to === "complex128" || to === "complex64" ? 2 : 1;
  const nd = shape.length;
  const off = a.offset;
  if (sf === df && cContiguous(layout)) {
    dst.set(src.subarray(off * sf, (off + size) * sf));
    return dst;
  }
  if (nd === 0) {
    dst[0] = src[off * sf];
    if (sf === 2) dst[1] = src[off * sf + 1];
    return dst;
  }
  const n = shape[nd - 1];
  const s = strides[nd - 1] * sf;
  const outer = size / n;
  const idx: number[] = [];
  for (let d = 0; d < nd - 1; d++) idx.push(0);
  let p = off * sf;
  let q = 0;
  for (let o = 0; o < outer; o++) {
    if (sf === 1 && df === 1) {
      for (let i = 0, r = p; i < n; i++, r += s) dst[q++] = src[r];
    } else if (sf === 2) {
      for (let i = 0, r = p; i < n; i++, r += s) {
        dst[q++] = src[r];
        dst[q++] = src[r + 1];
      }
    } else {
      for (let i = 0, r = p; i < n; i++, r += s, q += 2) dst[q] = src[r];
    }
    for (let d = nd - 2; d >= 0; d--) {
      p += strides[d] * sf;
      if (++idx[d] < shape[d]) break;
      p -= strides[d] * sf * shape[d];
      idx[d] = 0;
    }
  }
  return dst;
}

/** Validates a reshape target and resolves its -1. */
function resolveShape(old: readonly number[], size: number, req: readonly unknown[]): number[] {
  let unknown = -1;
  let known = 1;
  const out: number[] = [];
  for (let i = 0; i < req.length; i++) {
    const d = req[i];
    if (d === -1) {
      if (unknown >= 0) {
        throw new RangeError(
          `Cannot reshape into shape ${listString(req)}: only one dimension can be -1`,
        );
      }
      unknown = i;
      out.push(1);
    } else {
      out.push(d as number);
    }
  }
  const checked = checkShape(out, "shape");
  for (let i = 0; i < checked.length; i++) known *= checked[i];
  if (unknown >= 0) {
    if (known === 0 || size % known !== 0) {
      throw new RangeError(
        `Cannot reshape an array of shape ${tupleString(old)} (size ${size}) into shape ${
          listString(req)
        }: ${size} is not a multiple of ${known}`,
      );
    }
    checked[unknown] = size / known;
  } else if (known !== size) {
    throw new RangeError(
      `Cannot reshape an array of shape ${tupleString(old)} (size ${size}) into shape ${
        tupleString(checked)
      } (size ${known})`,
    );
  }
  return checked;
}

/**
 * numpy's `_attempt_nocopy_reshape` (C order): the strides that view the same memory in the
 * new shape, or null when a copy is needed. Requires a non-empty array of the same size, with
 * checked dimensions (layoutOf, resolveShape).
 */
function noCopyStrides(
  shape: readonly number[],
  strides: readonly number[],
  newShape: readonly number[],
): number[] | null {
  const oldDims: number[] = [];
  const oldStrides: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] !== 1) {
      oldDims.push(shape[i]);
      oldStrides.push(strides[i]);
    }
  }
  const oldNd = oldDims.length;
  const newNd = newShape.length;
  const newStrides: number[] = [];
  for (let i = 0; i < newNd; i++) newStrides.push(0);
  let oi = 0;
  let oj = 1;
  let ni = 0;
  let nj = 1;
  // Each step moves nj or oj forward, and both stop at the end: the loops end even when the
  // sizes differ (they cannot: resolveShape checked them, and layoutOf the dimensions).
  while (ni < newNd && oi < oldNd) {
    let np = newShape[ni];
    let op = oldDims[oi];
    while (np !== op) {
      if (np < op) {
        if (nj >= newNd) return null;
        np *= newShape[nj++];
      } else {
        if (oj >= oldNd) return null;
        op *= oldDims[oj++];
      }
    }
    for (let ok = oi; ok < oj - 1; ok++) {
      if (oldStrides[ok] !== oldDims[ok + 1] * oldStrides[ok + 1]) return null;
    }
    newStrides[nj - 1] = oldStrides[oj - 1];
    for (let nk = nj - 1; nk > ni; nk--) newStrides[nk - 1] = newStrides[nk] * newShape[nk];
    ni = nj++;
    oi = oj++;
  }
  const last = ni >= 1 ? newStrides[ni - 1] : 1;
  for (let nk = ni; nk < newNd; nk++) newStrides[nk] = last;
  return newStrides;
}

// ---------------------------------------------------------------------------------------------
// Creation

/**
 * Makes a new array from a value, always copying: nested arrays (`number[][]`, `Complex[][]`,
 * ...), a scalar, a 1-D typed array, or an NDArray. Without a dtype, the result is complex128 if
 * any element is a `{ re, im }` object (or a complex NDArray), float32 if every element comes
 * from a Float32Array or a float32 NDArray, else float64 (numbers, booleans, integer typed
 * arrays).
 *
 * @param value The elements.
 * @param options `dtype`: the result dtype.
 * @returns The new array.
 * @throws {TypeError} For a ragged or non-numeric value, naming the bad element, e.g.
 * `Cannot make an array from value[2][1]: expected a number, got string`, or a complex value
 * with a real dtype.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { array } from "./ndarray.ts";
 * const a = array([[1, 2], [3, 4]]);
 * assert.equal(a.dtype, "float64");
 * assert.deepEqual(a.shape, [2, 2]);
 * assert.equal(array([{ re: 1, im: -1 }, 2]).dtype, "complex128");
 * assert.equal(array(new Float32Array(3)).dtype, "float32");
 * assert.throws(() => array([[1, 2], [3]]), TypeError);
 * ```
 */
export function array(value: ArrayLike, options?: ArrayOptions): NDArray {
  checkOptions(options, "array", DTYPE_KEYS);
  const dtype = options === undefined || options.dtype === undefined
    ? undefined
    : parseDType(options.dtype, "dtype");
  return fromValue(value, dtype, "array()");
}

/** The options of `array`, `asarray`, `zeros`, `ones` and `empty`. */
const DTYPE_KEYS: OptionKeys = optionKeys("dtype");
/** The options of `fromTypedArray`. */
const FROM_TYPED_ARRAY_KEYS: OptionKeys = optionKeys("dtype", "order");
/** The options of `eye`. */
const EYE_KEYS: OptionKeys = optionKeys("m", "k", "dtype");

/**
 * Rejects options that are not an object, or that have a key not in `keys` (undefined is no
 * options). `fn` is the function's name without parentheses.
 */
function checkOptions(options: unknown, fn: string, keys: OptionKeys): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(
      `Invalid options for ${fn}(): expected an object, got ${describe(options)}`,
    );
  }
  checkOptionKeys(options, keys, fn);
}

/**
 * Like `array()`, but returns `value` itself when it is already an NDArray of the wanted dtype
 * (or no dtype is asked).
 *
 * @param value The elements.
 * @param options `dtype`: the result dtype.
 * @returns `value` unchanged, or a new array.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, asarray } from "./ndarray.ts";
 * const a = array([1, 2]);
 * assert.equal(asarray(a), a);
 * assert.equal(asarray(a, { dtype: "float64" }), a);
 * assert.notEqual(asarray(a, { dtype: "float32" }), a);
 * ```
 */
export function asarray(value: ArrayLike, options?: ArrayOptions): NDArray {
  checkOptions(options, "asarray", DTYPE_KEYS);
  const dtype = options === undefined || options.dtype === undefined
    ? undefined
    : parseDType(options.dtype, "dtype");
  if (value instanceof NDArray) {
    // Also when returning it: a forged or changed array must not reach the caller.
    if (dtype === undefined || dtype === value.dtype) {
      checkLayout(value, "asarray()", "value");
      return value;
    }
    const layout = layoutOf(value, "asarray()", "value");
    checkCast(value.dtype, dtype);
    return new NDArray(copyData(value, layout, dtype), dtype, layout.shape);
  }
  return fromValue(value, dtype, "asarray()");
}

function fromValue(value: unknown, dtype: DType | undefined, fn: string): NDArray {
  if (value instanceof NDArray) {
    const layout = layoutOf(value, fn, "value");
    const d = dtype ?? value.dtype;
    checkCast(value.dtype, d);
    return new NDArray(copyData(value, layout, d), d, layout.shape);
  }
  if (Array.isArray(value)) return fromNested(value, dtype, fn);
  if (typeof value === "number" || typeof value === "boolean") {
    const d = dtype ?? "float64";
    const data = allocData(d, 1);
    data[0] = +value;
    return new NDArray(data, d, []);
  }
  if (ArrayBuffer.isView(value)) {
    const tag = typedArrayTag(value);
    if (tag === undefined) {
      throw new TypeError(
        `Cannot make an array from ${kindOf(value)}: use a typed array over its buffer`,
      );
    }
    const own = dtypeOfTypedArray(value);
    const d = dtype ?? own;
    const src = value as unknown as Float64Array;
    const n = src.length;
    const data = allocData(d, n);
    if (d === "float64" || d === "float32") data.set(src);
    else for (let i = 0; i < n; i++) data[2 * i] = src[i];
    return new NDArray(data, d, [n]);
  }
  if (isComplexObject(value)) {
    const d = dtype ?? "complex128";
    checkCast("complex128", d);
    const data = allocData(d, 1);
    data[0] = value.re;
    data[1] = value.im;
    return new NDArray(data, d, []);
  }
  throw new TypeError(
    `Cannot make an array from ${
      kindOf(value)
    }: expected a number, a { re, im } object, a typed array, ` +
      `an NDArray or nested arrays of those`,
  );
}

/** Reads nested arrays into separate real and imaginary Float64Arrays, validating as it goes. */
class NestedReader {
  /** The function, for messages. */
  fn: string;
  shape: number[];
  re: Float64Array;
  im: Float64Array | null;
  q: number;
  path: number[];
  /** Saw an element that needs double precision (a JS number, a float64 source). */
  double: boolean;
  /** Saw an element from a single-precision source. */
  single: boolean;

  constructor(shape: number[], size: number, fn: string) {
    this.fn = fn;
    this.shape = shape;
    this.re = allocData("float64", size) as Float64Array;
    this.im = null;
    this.q = 0;
    this.path = [];
    for (let i = 0; i < shape.length; i++) this.path.push(0);
    this.double = false;
    this.single = false;
  }

  where(depth: number): string {
    let s = "value";
    for (let i = 0; i < depth; i++) s += `[${this.path[i]}]`;
    return s;
  }

  /** `value[0][0]` at this depth: the element the shape was read from. */
  reference(depth: number): string {
    return "value" + "[0]".repeat(depth);
  }

  ragged(depth: number, what: string): TypeError {
    const n = this.shape[depth];
    const ref = depth === this.shape.length ? "is a scalar" : `has length ${n}`;
    return new TypeError(
      `Cannot make an array: ${this.where(depth)} ${what} but ${this.reference(depth)} ${ref}`,
    );
  }

  imag(): Float64Array {
    if (this.im === null) this.im = allocData("float64", this.re.length) as Float64Array;
    return this.im;
  }

  read(v: unknown, depth: number): void {
    const shape = this.shape;
    const nd = shape.length;
    if (depth === nd) {
      if (typeof v === "number") {
        this.re[this.q++] = v;
        this.double = true;
      } else if (typeof v === "boolean") {
        this.re[this.q++] = v ? 1 : 0;
        this.double = true;
      } else if (v instanceof NDArray) {
        this.readNDArray(v, depth);
      } else if (isComplexObject(v)) {
        this.imag()[this.q] = v.im;
        this.re[this.q++] = v.re;
        this.double = true;
      } else if (Array.isArray(v) || typedArrayTag(v) !== undefined) {
        throw this.ragged(depth, `is an array of length ${(v as { length: number }).length}`);
      } else {
        throw new TypeError(
          `Cannot make an array from ${this.where(depth)}: expected a number, got ${leafKind(v)}`,
        );
      }
      return;
    }
    const n = shape[depth];
    if (Array.isArray(v)) {
      if (v.length !== n) throw this.ragged(depth, `has length ${v.length}`);
      const path = this.path;
      if (depth === nd - 1) {
        const re = this.re;
        let q = this.q;
        let i = 0;
        for (; i < n; i++) {
          const x = v[i];
          if (typeof x !== "number") break;
          re[q++] = x;
        }
        this.q = q;
        if (i > 0) this.double = true;
        for (; i < n; i++) {
          path[depth] = i;
          this.read(v[i], depth + 1);
        }
      } else {
        for (let i = 0; i < n; i++) {
          path[depth] = i;
          this.read(v[i], depth + 1);
        }
      }
      return;
    }
    if (v instanceof NDArray) {
      this.readNDArray(v, depth);
      return;
    }
    const tag = typedArrayTag(v);
    if (tag !== undefined) {
      const t = v as Float64Array;
      if (t.length !== n) throw this.ragged(depth, `has length ${t.length}`);
      if (depth !== nd - 1) {
        throw new TypeError(
          `Cannot make an array: ${this.where(depth)} is ${kindOf(v)} of numbers but ${
            this.reference(depth + 1)
          } has length ${shape[depth + 1]}`,
        );
      }
      if (dtypeOfTypedArray(t) === "float32") this.single = true;
      else this.double = true;
      this.re.set(t, this.q);
      this.q += n;
      return;
    }
    if (typeof v === "number" || typeof v === "boolean" || isComplexObject(v)) {
      throw this.ragged(depth, `is a ${typeof v === "object" ? "complex number" : typeof v}`);
    }
    throw new TypeError(
      `Cannot make an array from ${this.where(depth)}: expected an array of length ${n}, got ${
        leafKind(v)
      }`,
    );
  }

  readNDArray(a: NDArray, depth: number): void {
    const shape = this.shape;
    const want = shape.slice(depth);
    const layout = layoutOf(a, this.fn, this.where(depth));
    const got = layout.shape;
    if (got.length !== want.length || got.some((d, i) => d !== want[i])) {
      throw new TypeError(
        `Cannot make an array: ${this.where(depth)} is an NDArray of shape ${
          tupleString(got)
        } but ${this.reference(depth)} has shape ${tupleString(want)}`,
      );
    }
    if (isSingle(a.dtype)) this.single = true;
    else this.double = true;
    const n = layout.size;
    const flat = copyData(a, layout, a.dtype);
    if (isComplex(a.dtype)) {
      const re = this.re;
      const im = this.imag();
      for (let i = 0, q = this.q; i < n; i++, q++) {
        re[q] = flat[2 * i];
        im[q] = flat[2 * i + 1];
      }
    } else {
      this.re.set(flat, this.q);
    }
    this.q += n;
  }
}

function leafKind(v: unknown): string {
  if (typeof v === "object" && v !== null && !Array.isArray(v) && ("re" in v || "im" in v)) {
    return "an object whose re and im are not both numbers";
  }
  return kindOf(v);
}

function fromNested(value: readonly unknown[], dtype: DType | undefined, fn: string): NDArray {
  const dims: number[] = [];
  let v: unknown = value;
  for (;;) {
    if (Array.isArray(v)) {
      dims.push(v.length);
      if (v.length === 0) break;
      v = v[0];
    } else if (v instanceof NDArray) {
      const got = layoutOf(v, fn, "value" + "[0]".repeat(dims.length)).shape;
      for (let i = 0; i < got.length; i++) dims.push(got[i]);
      break;
    } else {
      const tag = typedArrayTag(v);
      if (tag !== undefined) dims.push((v as Float64Array).length);
      break;
    }
    if (dims.length > MAX_DIMS) {
      throw new RangeError(
        `Cannot make an array: value is nested more than ${MAX_DIMS} levels deep`,
      );
    }
  }
  const shape = checkShape(dims, "shape");
  const size = shapeSize(shape);
  const reader = new NestedReader(shape, size, fn);
  reader.read(value, 0);
  const complexSeen = reader.im !== null;
  const d: DType = dtype ??
    (complexSeen
      ? (reader.single && !reader.double ? "complex64" : "complex128")
      : (reader.single && !reader.double ? "float32" : "float64"));
  if (complexSeen) checkCast(reader.single && !reader.double ? "complex64" : "complex128", d);
  if (d === "float64") return new NDArray(reader.re, d, shape);
  if (d === "float32") return new NDArray(new Float32Array(reader.re), d, shape);
  const data = allocData(d, size);
  const re = reader.re;
  const im = reader.im;
  for (let i = 0; i < size; i++) data[2 * i] = re[i];
  if (im !== null) { for (let i = 0; i < size; i++) data[2 * i + 1] = im[i]; }
  return new NDArray(data, d, shape);
}

/**
 * Options of `fromTypedArray`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromTypedArray, type FromTypedArrayOptions } from "./ndarray.ts";
 * const options: FromTypedArrayOptions = { dtype: "complex64", order: "F" };
 * assert.deepEqual(fromTypedArray(new Float32Array(8), [2, 2], options).strides, [1, 2]);
 * ```
 */
export interface FromTypedArrayOptions {
  /** The dtype; default float32 for a Float32Array, float64 for a Float64Array. */
  dtype?: DType | string;
  /** "C" (row-major, default) or "F" (column-major). */
  order?: "C" | "F";
}

/**
 * Wraps a Float32Array or Float64Array as an array, without copying: writes to either show in
 * the other. Complex dtypes read the data as interleaved (re, im) pairs.
 *
 * @param data The storage: its length must be exactly the size (times 2 for complex).
 * @param shape The dimensions.
 * @param options `dtype` and `order` ("C" row-major, default, or "F" column-major).
 * @returns The array over `data`.
 * @throws {TypeError} For another kind of typed array (use `array()` to copy it), or a dtype of
 * the other precision.
 * @throws {RangeError} When the length does not match the shape.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromTypedArray } from "./ndarray.ts";
 * const data = new Float64Array([1, 2, 3, 4]);
 * const a = fromTypedArray(data, [2, 2], { order: "F" });
 * assert.deepEqual(a.toArray(), [[1, 3], [2, 4]]);
 * data[1] = 9;
 * assert.equal(a.at(1, 0), 9);
 * const z = fromTypedArray(new Float64Array([1, 2]), [1], { dtype: "complex128" });
 * assert.deepEqual(z.at(0), { re: 1, im: 2 });
 * ```
 */
export function fromTypedArray(
  data: ArrayBufferView,
  shape: readonly number[] | number,
  options?: FromTypedArrayOptions,
): NDArray {
  const isF64 = data instanceof Float64Array;
  if (!(isF64 || data instanceof Float32Array) || !ArrayBuffer.isView(data)) {
    throw new TypeError(
      `Cannot wrap ${kindOf(data)} without copying: fromTypedArray takes a ` +
        `Float32Array or Float64Array; use array() to copy other data`,
    );
  }
  checkOptions(options, "fromTypedArray", FROM_TYPED_ARRAY_KEYS);
  const shp = checkShape(shape);
  const dtype = options === undefined || options.dtype === undefined
    ? (isF64 ? "float64" : "float32")
    : parseDType(options.dtype, "dtype");
  const single = isSingle(dtype);
  if (single === isF64) {
    throw new TypeError(
      `Cannot wrap a ${isF64 ? "Float64Array" : "Float32Array"} as ${dtype}: ${dtype} data is a ${
        single ? "Float32Array" : "Float64Array"
      }`,
    );
  }
  const order = options === undefined || options.order === undefined ? "C" : options.order;
  if (order !== "C" && order !== "F") {
    throw new TypeError(`Invalid order ${describe(order)}: expected "C" or "F"`);
  }
  const floats = shapeSize(shp) * (isComplex(dtype) ? 2 : 1);
  if (data.length !== floats) {
    throw new RangeError(
      `Cannot wrap ${data.length} elements as shape ${
        tupleString(shp)
      } of ${dtype}: that takes exactly ${floats}`,
    );
  }
  return new NDArray(data, dtype, shp, order === "F" ? fStrides(shp) : undefined, 0);
}

/**
 * A new array of zeros.
 *
 * @param shape The dimensions (a number for 1-D).
 * @param options `dtype` (default float64).
 * @returns The array.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { zeros } from "./ndarray.ts";
 * assert.deepEqual(zeros([2, 2]).toArray(), [[0, 0], [0, 0]]);
 * assert.equal(zeros(3, { dtype: "complex64" }).data.length, 6);
 * ```
 */
export function zeros(shape: number | readonly number[], options?: ArrayOptions): NDArray {
  checkOptions(options, "zeros", DTYPE_KEYS);
  return filled(shape, options);
}

/** A new array of zeros (options checked by the caller). */
function filled(shape: unknown, options: ArrayOptions | undefined): NDArray {
  const shp = checkShape(shape);
  const d = options === undefined || options.dtype === undefined
    ? "float64"
    : parseDType(options.dtype, "dtype");
  return new NDArray(allocData(d, shapeSize(shp)), d, shp);
}

/**
 * A new array of ones (complex: 1 + 0i).
 *
 * @param shape The dimensions (a number for 1-D).
 * @param options `dtype` (default float64).
 * @returns The array.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ones } from "./ndarray.ts";
 * assert.deepEqual(ones(2).toArray(), [1, 1]);
 * assert.deepEqual(ones(1, { dtype: "complex128" }).toArray(), [{ re: 1, im: 0 }]);
 * ```
 */
export function ones(shape: number | readonly number[], options?: ArrayOptions): NDArray {
  checkOptions(options, "ones", DTYPE_KEYS);
  const a = filled(shape, options);
  const data = a.data;
  if (isComplex(a.dtype)) { for (let i = 0; i < data.length; i += 2) data[i] = 1; }
  else data.fill(1);
  return a;
}

/**
 * A new array whose contents do not matter (they are zeros: typed arrays are always
 * initialized).
 *
 * @param shape The dimensions (a number for 1-D).
 * @param options `dtype` (default float64).
 * @returns The array.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { empty } from "./ndarray.ts";
 * assert.deepEqual(empty([2, 3]).shape, [2, 3]);
 * ```
 */
export function empty(shape: number | readonly number[], options?: ArrayOptions): NDArray {
  checkOptions(options, "empty", DTYPE_KEYS);
  return filled(shape, options);
}

/**
 * Options of `eye`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eye, type EyeOptions } from "./ndarray.ts";
 * const options: EyeOptions = { m: 3, k: -1 };
 * assert.deepEqual(eye(2, options).toArray(), [[0, 0, 0], [1, 0, 0]]);
 * ```
 */
export interface EyeOptions extends ArrayOptions {
  /** The number of columns (default `n`). */
  m?: number;
  /** The diagonal: 0 the main one (default), > 0 above, < 0 below. */
  k?: number;
}

/**
 * A 2-D array with ones on a diagonal and zeros elsewhere.
 *
 * @param n The number of rows.
 * @param options `m` columns (default `n`), `k` the diagonal (default 0), `dtype`.
 * @returns The n x m array.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eye } from "./ndarray.ts";
 * assert.deepEqual(eye(2).toArray(), [[1, 0], [0, 1]]);
 * assert.deepEqual(eye(2, { m: 3, k: 1 }).toArray(), [[0, 1, 0], [0, 0, 1]]);
 * ```
 */
export function eye(n: number, options?: EyeOptions): NDArray {
  checkOptions(options, "eye", EYE_KEYS);
  const m = options === undefined || options.m === undefined ? n : options.m;
  const k = options === undefined || options.k === undefined ? 0 : options.k;
  if (typeof k !== "number") {
    throw new TypeError(`Invalid diagonal k: expected an integer, got ${kindOf(k)}`);
  }
  if (!Number.isSafeInteger(k)) {
    throw new RangeError(`Invalid diagonal k ${k}: expected an integer`);
  }
  const a = filled([n, m], options);
  const data = a.data;
  const f = isComplex(a.dtype) ? 2 : 1;
  for (let i = Math.max(0, -k); i < n && i + k < m; i++) data[(i * m + i + k) * f] = 1;
  return a;
}

/**
 * Whether `x` is an NDArray made by its constructor (an object made with
 * `Object.create(NDArray.prototype)` is not).
 *
 * @param x Any value.
 * @returns `true` for NDArray instances.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, isNDArray } from "./ndarray.ts";
 * assert.equal(isNDArray(array([1])), true);
 * assert.equal(isNDArray([1]), false);
 * ```
 */
export function isNDArray(x: unknown): x is NDArray {
  return genuine(x);
}

// ---------------------------------------------------------------------------------------------
// numpy's repr (numpy/_core/arrayprint.py with the default options)

const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 75;
const PRECISION = 8;

/** How one real column of numbers (real or imaginary parts) is printed. */
interface FloatFormat {
  exp: boolean;
  precision: number;
  padLeft: number;
  padRight: number;
  expSize: number;
  plus: boolean;
  single: boolean;
}

function repr(a: NDArray, layout: Layout): string {
  const prefix = "array(";
  const { shape, size } = layout;
  const summarize = size > THRESHOLD;
  if (size > 0) {
    // Eliding keeps 2 * EDGE_ITEMS per axis, which still leaves 6 ** 20 elements for 20 axes.
    let shown = 1;
    for (let i = 0; i < shape.length; i++) {
      shown *= summarize ? Math.min(shape[i], 2 * EDGE_ITEMS) : shape[i];
    }
    if (shown > MAX_PRINTED) {
      throw new RangeError(
        `Cannot print an array of shape ${tupleString(shape)}: it shows ${shown} elements, ` +
          `over the limit of ${MAX_PRINTED} (print views of it)`,
      );
    }
  }
  const lst = size === 0 ? "[]" : array2string(a, layout, summarize, " ".repeat(prefix.length + 1));
  const extras: string[] = [];
  if ((size === 0 && !(shape.length === 1 && shape[0] === 0)) || size > THRESHOLD) {
    extras.push(`shape=${tupleString(shape)}`);
  }
  if (a.dtype === "float32" || a.dtype === "complex64" || size === 0) {
    extras.push(`dtype=${a.dtype}`);
  }
  if (extras.length === 0) return prefix + lst + ")";
  const arrStr = prefix + lst + ",";
  const extraStr = extras.join(", ") + ")";
  const lastLineLen = arrStr.length - (arrStr.lastIndexOf("\n") + 1);
  const spacer = lastLineLen + extraStr.length + 1 > LINE_WIDTH
    ? "\n" + " ".repeat(prefix.length)
    : " ";
  return arrStr + spacer + extraStr;
}

/** The state of one array's formatting. */
interface FormatContext {
  data: FloatArray;
  shape: readonly number[];
  strides: readonly number[];
  complex: boolean;
  summarize: boolean;
  re: FloatFormat;
  im: FloatFormat | null;
}

function array2string(
  a: NDArray,
  layout: Layout,
  summarize: boolean,
  nextLinePrefix: string,
): string {
  const complex = isComplex(a.dtype);
  const single = isSingle(a.dtype);
  const reVals: number[] = [];
  const imVals: number[] = [];
  collect(a.data, layout.shape, layout.strides, 0, a.offset, complex, summarize, reVals, imVals);
  const ctx: FormatContext = {
    data: a.data,
    shape: layout.shape,
    strides: layout.strides,
    complex,
    summarize,
    re: floatFormat(reVals, single, false),
    im: complex ? floatFormat(imVals, single, true) : null,
  };
  // The line width excludes the closing ")".
  return formatAxis(ctx, 0, a.offset, nextLinePrefix, LINE_WIDTH - 1);
}

/** The values the format is fitted to: all of them, or only the edges when summarizing. */
function collect(
  data: FloatArray,
  shape: readonly number[],
  strides: readonly number[],
  axis: number,
  pos: number,
  complex: boolean,
  summarize: boolean,
  re: number[],
  im: number[],
): void {
  if (axis === shape.length) {
    if (complex) {
      re.push(data[2 * pos]);
      im.push(data[2 * pos + 1]);
    } else re.push(data[pos]);
    return;
  }
  const n = shape[axis];
  const s = strides[axis];
  const skip = summarize && n > 2 * EDGE_ITEMS;
  for (let i = 0; i < n; i++) {
    if (skip && i === EDGE_ITEMS) i = n - EDGE_ITEMS;
    collect(data, shape, strides, axis + 1, pos + i * s, complex, summarize, re, im);
  }
}

function formatAxis(
  ctx: FormatContext,
  axis: number,
  pos: number,
  hangingIndent: string,
  currWidth: number,
): string {
  const shape = ctx.shape;
  const axesLeft = shape.length - axis;
  if (axesLeft === 0) return formatElement(ctx, pos);
  const nextHangingIndent = hangingIndent + " ";
  const nextWidth = currWidth - 1;
  const n = shape[axis];
  const stride = ctx.strides[axis];
  const showSummary = ctx.summarize && 2 * EDGE_ITEMS < n;
  const leading = showSummary ? EDGE_ITEMS : 0;
  const trailing = showSummary ? EDGE_ITEMS : n;
  let s = "";
  if (axesLeft === 1) {
    const elemWidth = currWidth - 1;
    let line = hangingIndent;
    const add = (word: string, width: number): void => {
      if (line.length + word.length > width && line.length > hangingIndent.length) {
        s += line.trimEnd() + "\n";
        line = hangingIndent;
      }
      line += word;
    };
    for (let i = 0; i < leading; i++) {
      add(formatAxis(ctx, axis + 1, pos + i * stride, nextHangingIndent, nextWidth), elemWidth);
      line += ", ";
    }
    if (showSummary) {
      add("...", elemWidth);
      line += ", ";
    }
    for (let i = trailing; i > 1; i--) {
      add(
        formatAxis(ctx, axis + 1, pos + (n - i) * stride, nextHangingIndent, nextWidth),
        elemWidth,
      );
      line += ", ";
    }
    add(formatAxis(ctx, axis + 1, pos + (n - 1) * stride, nextHangingIndent, nextWidth), elemWidth);
    s += line;
  } else {
    const lineSep = "," + "\n".repeat(axesLeft - 1);
    for (let i = 0; i < leading; i++) {
      s += hangingIndent +
        formatAxis(ctx, axis + 1, pos + i * stride, nextHangingIndent, nextWidth) + lineSep;
    }
    if (showSummary) s += hangingIndent + "..." + lineSep;
    for (let i = trailing; i > 1; i--) {
      s += hangingIndent +
        formatAxis(ctx, axis + 1, pos + (n - i) * stride, nextHangingIndent, nextWidth) +
        lineSep;
    }
    s += hangingIndent +
      formatAxis(ctx, axis + 1, pos + (n - 1) * stride, nextHangingIndent, nextWidth);
  }
  return "[" + s.slice(hangingIndent.length) + "]";
}

function formatElement(ctx: FormatContext, pos: number): string {
  const data = ctx.data;
  if (!ctx.complex) return formatFloat(data[pos], ctx.re);
  const r = formatFloat(data[2 * pos], ctx.re);
  const i = formatFloat(data[2 * pos + 1], ctx.im as FloatFormat);
  const sp = i.trimEnd().length;
  return r + i.slice(0, sp) + "j" + i.slice(sp);
}

/** numpy's FloatingFormat.fillFormat with floatmode "maxprec", precision 8. */
function floatFormat(vals: readonly number[], single: boolean, plus: boolean): FloatFormat {
  let finite = 0;
  let maxAbs = 0;
  let minAbs = Infinity;
  let negInf = false;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (Number.isFinite(v)) {
      finite++;
      if (v !== 0) {
        const x = Math.abs(v);
        if (x > maxAbs) maxAbs = x;
        if (x < minAbs) minAbs = x;
      }
    } else if (v === -Infinity) negInf = true;
  }
  let exp = false;
  if (maxAbs > 0) {
    // numpy compares float32 data in float32.
    // and switches at 10**min(8, decimal precision): 1e6 for float32, 1e8 for float64.
    exp = single
      ? maxAbs >= 1e6 || minAbs < Math.fround(1e-4) || Math.fround(maxAbs / minAbs) > 1000
      : maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1000;
  }
  const f: FloatFormat = {
    exp,
    precision: PRECISION,
    padLeft: 0,
    padRight: 0,
    expSize: -1,
    plus,
    single,
  };
  if (finite > 0) {
    if (exp) {
      let precision = 0;
      let expDigits = 2;
      for (let i = 0; i < vals.length; i++) {
        const v = vals[i];
        if (!Number.isFinite(v)) continue;
        const [digits, e] = scientificDigits(Math.abs(v), single);
        f.padLeft = Math.max(f.padLeft, signOf(v, plus).length + 1);
        precision = Math.max(precision, digits.length - 1);
        expDigits = Math.max(expDigits, String(Math.abs(e)).length);
      }
      f.precision = precision;
      f.expSize = expDigits;
      f.padRight = expDigits + 2 + precision;
    } else {
      for (let i = 0; i < vals.length; i++) {
        const v = vals[i];
        if (!Number.isFinite(v)) continue;
        const [int, frac] = positionalParts(Math.abs(v), single);
        f.padLeft = Math.max(f.padLeft, signOf(v, plus).length + int.length);
        f.padRight = Math.max(f.padRight, frac.length);
      }
    }
  }
  if (finite !== vals.length) {
    const offset = f.padRight + 1;
    f.padLeft = Math.max(f.padLeft, 3 - offset, 3 + (plus || negInf ? 1 : 0) - offset);
  }
  return f;
}

function signOf(v: number, plus: boolean): string {
  return v < 0 || Object.is(v, -0) ? "-" : plus ? "+" : "";
}

function formatFloat(v: number, f: FloatFormat): string {
  if (!Number.isFinite(v)) {
    const ret = Number.isNaN(v)
      ? (f.plus ? "+nan" : "nan")
      : v < 0
      ? "-inf"
      : f.plus
      ? "+inf"
      : "inf";
    return ret.padStart(f.padLeft + f.padRight + 1);
  }
  const sign = signOf(v, f.plus);
  const x = Math.abs(v);
  if (f.exp) {
    // Every value gets exactly `precision` decimals: the exact value rounded there (numpy's
    // min_digits), which for float32 may show digits past the shortest representation.
    let digits = "0";
    let e = 0;
    if (x !== 0) {
      e = decimalExponent(x);
      digits = roundScaled(x, f.precision - e).toString();
      if (digits.length > f.precision + 1) {
        e++;
        digits = digits.slice(0, f.precision + 1);
      }
    }
    const exponent = (e < 0 ? "e-" : "e+") + String(Math.abs(e)).padStart(f.expSize, "0");
    return (sign + digits[0]).padStart(f.padLeft) + "." + digits.slice(1).padEnd(f.precision, "0") +
      exponent;
  }
  const [int, frac] = positionalParts(x, f.single);
  return (sign + int).padStart(f.padLeft) + "." + frac.padEnd(f.padRight);
}

/**
 * The shortest digits that read back as `x` (x > 0 finite; in float32 when `single`), and the
 * decimal exponent of the first digit. Among equally short candidates, the nearest, and of two
 * nearest the even one (as numpy's Dragon4 and JS's Number#toString).
 */
function shortestDigits(x: number, single: boolean): [string, number] {
  if (!single) {
    const s = x.toExponential();
    const i = s.indexOf("e");
    return [trimZeros(s[0] + s.slice(2, i)), Number(s.slice(i + 1))];
  }
  // toExponential(p) rounds ties up, Dragon4 to even: round exactly instead.
  const e0 = decimalExponent(x);
  let digits = "";
  let e = e0;
  for (let p = 1; p <= 9; p++) {
    digits = roundScaled(x, p - 1 - e0).toString();
    e = e0;
    if (digits.length > p) {
      e++;
      digits = digits.slice(0, p);
    }
    if (Math.fround(Number(`${digits}e${e - p + 1}`)) === x) break;
  }
  return [trimZeros(digits), e];
}

function trimZeros(digits: string): string {
  let end = digits.length;
  while (end > 1 && digits[end - 1] === "0") end--;
  return digits.slice(0, end);
}

/** floor(log10(x)) exactly, for finite x > 0. */
function decimalExponent(x: number): number {
  let e = Math.floor(Math.log10(x));
  const f = roundScaled(x, -e, true);
  if (f === 0n) e--;
  else if (f >= 10n) e++;
  return e;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * round-half-even(x * 10^q) exactly, for finite x > 0 (numpy's Dragon4 cutoff rounding), or
 * floor(x * 10^q) when `floor` is true.
 */
function roundScaled(x: number, q: number, floor?: boolean): bigint {
  F64[0] = x;
  const hi = U32[HI];
  const lo = U32[1 - HI];
  const e = (hi >>> 20) & 0x7ff;
  const frac = (hi & 0xfffff) * 4294967296 + lo;
  const m = BigInt(e === 0 ? frac : frac + 4503599627370496);
  const k = (e === 0 ? 1 : e) - 1075;
  let num = k > 0 ? m << BigInt(k) : m;
  let den = k < 0 ? 1n << BigInt(-k) : 1n;
  if (q > 0) num *= 10n ** BigInt(q);
  else if (q < 0) den *= 10n ** BigInt(-q);
  let r = num / den;
  if (floor === true) return r;
  const rem2 = (num % den) * 2n;
  if (rem2 > den || (rem2 === den && (r & 1n) === 1n)) r += 1n;
  return r;
}

/** Digits for scientific notation: the shortest, capped at 1 + 8 digits; and the exponent. */
function scientificDigits(x: number, single: boolean): [string, number] {
  if (x === 0) return ["0", 0];
  const sd = shortestDigits(x, single);
  if (sd[0].length <= PRECISION + 1) return sd;
  let e = sd[1];
  let s = roundScaled(x, PRECISION - e).toString();
  if (s.length > PRECISION + 1) {
    e++;
    s = s.slice(0, PRECISION + 1);
  }
  return [trimZeros(s), e];
}

/** Integer and fraction digits for positional notation: shortest, capped at 8 decimals. */
function positionalParts(x: number, single: boolean): [string, string] {
  if (x === 0) return ["0", ""];
  const [digits, e] = shortestDigits(x, single);
  if (digits.length - 1 - e <= PRECISION) {
    if (e >= 0) return [digits.slice(0, e + 1).padEnd(e + 1, "0"), digits.slice(e + 1)];
    return ["0", "0".repeat(-e - 1) + digits];
  }
  const s = roundScaled(x, PRECISION).toString().padStart(PRECISION + 1, "0");
  let end = s.length;
  while (end > s.length - PRECISION && s[end - 1] === "0") end--;
  return [s.slice(0, s.length - PRECISION), s.slice(s.length - PRECISION, end)];
}
