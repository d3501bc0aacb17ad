// Whether an array that reaches the gufunc engine is a well-formed NDArray: the constructor's
// checks again, for an array forged with Object.create(NDArray.prototype) or changed since.
import { describeValue } from "./_describe.ts";
import { isNDArray, type NDArray } from "./ndarray.ts";
import { MAX_DIMS, viewProblem } from "./_shape.ts";

/**
 * Whether `a` is a well-formed NDArray: a dtype of the four, `data` the typed array it needs,
 * `shape` and `strides` arrays of one length (at most 64), every dimension a non-negative safe
 * integer, every stride a safe integer, `offset` a non-negative integer, and the view inside
 * `data`: what the constructor checks, for an array forged with `Object.create(NDArray.prototype)`
 * or changed after construction (a detached or shrunk buffer too). On the hot path: small
 * enough to inline, each field read once, no allocation.
 */
export function isWellFormed(a: NDArray): boolean {
  return isNDArray(a as unknown) ? viewInData(a) : fieldProblem(a) === undefined;
}

/**
 * For an array the constructor made, which checked every field and froze them: only the
 * buffer can have changed since (detached, or a resizable one shrunk), so the view's extent is
 * all that is left to check. Small, to be inlined.
 */
function viewInData(a: NDArray): boolean {
  const data = a.data;
  const items = a.dtype === "complex128" || a.dtype === "complex64"
    ? data.length >> 1
    : data.length;
  return typeof viewProblem(a.shape, a.strides, a.offset, items) === "number";
}

/**
 * Why `a` is not a well-formed NDArray (see `isWellFormed`), or undefined when it is: the
 * message's second half, e.g. "dimension 0 is -3, expected a non-negative integer".
 */
export function ndarrayProblem(a: NDArray): string | undefined {
  if (isWellFormed(a)) return undefined;
  // Only a getter answers differently on a second read.
  return fieldProblem(a) ?? "its fields changed while they were checked";
}

/** Every field, as the constructor checks them: the problem, or undefined when there is none. */
function fieldProblem(a: NDArray): string | undefined {
  const dtype = a.dtype;
  const data = a.data;
  let items: number;
  if (dtype === "float64" || dtype === "complex128") {
    if (!(data instanceof Float64Array)) {
      return `its data is ${describeValue(data)}, but dtype ${dtype} needs a Float64Array`;
    }
    items = dtype === "float64" ? data.length : data.length >> 1;
  } else if (dtype === "float32" || dtype === "complex64") {
    if (!(data instanceof Float32Array)) {
      return `its data is ${describeValue(data)}, but dtype ${dtype} needs a Float32Array`;
    }
    items = dtype === "float32" ? data.length : data.length >> 1;
  } else if (dtype === "int32" || dtype === "bool") {
    const want = dtype === "int32" ? Int32Array : Uint8Array;
    if (!(data instanceof want)) {
      return `its data is ${describeValue(data)}, but dtype ${dtype} needs a ${want.name}`;
    }
    items = data.length;
  } else {
    return `its dtype is ${
      describeValue(dtype)
    }, expected "bool", "int32", "float32", "float64", "complex64" or "complex128"`;
  }
  const shape = a.shape;
  const strides = a.strides;
  const offset = a.offset;
  if (!Array.isArray(shape)) return `its shape is ${describeValue(shape)}, expected an array`;
  if (!Array.isArray(strides)) {
    return `its strides are ${describeValue(strides)}, expected an array`;
  }
  const nd = shape.length;
  if (nd > MAX_DIMS) return `its shape has ${nd} dimensions, but at most ${MAX_DIMS} are supported`;
  if (strides.length !== nd) {
    return `its strides have ${strides.length} values for ${nd} dimensions`;
  }
  const p = viewProblem(shape, strides, offset, items);
  if (typeof p === "number") return undefined;
  const { what, index: i, value } = p;
  if (what === "offset") {
    return `its offset is ${describeValue(offset)}, expected a non-negative integer`;
  }
  if (what === "dimension") {
    return `dimension ${i} is ${describeValue(value)}, expected a non-negative integer`;
  }
  if (what === "stride") return `stride ${i} is ${describeValue(value)}, expected an integer`;
  if (what === "size") return "its size is too large";
  // An empty view reads nothing; its offset may be one past the end, as the constructor's.
  if (p.value === 0) return `its offset ${offset} is past the end of its data (${items} items)`;
  return `its view reaches item ${i}, but its data holds ${items} items`;
}

/**
 * Throws a TypeError when `a` is not a well-formed NDArray (see `isWellFormed`):
 * `Invalid NDArray for operand 0 of det(): dimension 0 is -3, expected a non-negative integer`.
 * Every array that reaches a kernel passes here first. Internal.
 */
export function checkNDArray(a: NDArray, operand: number | string, name: string): void {
  if (!isWellFormed(a)) {
    throw new TypeError(
      `Invalid NDArray for ${
        typeof operand === "number" ? `operand ${operand}` : operand
      } of ${name}(): ${ndarrayProblem(a)}`,
    );
  }
}
