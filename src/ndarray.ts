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
import { describeValue as describe, kindOf } from "./_describe.ts";
import type { OptionKeys } from "./_options.ts";
import { checkOptions, optionKeys } from "./_options.ts";
import type { ArrayData, ArrayDType, DType, FloatArray } from "./dtype.ts";
import { allocArrayData, isComplex, parseArrayDType } from "./dtype.ts";
import { checkCast, copyData } from "./_layout.ts";
import { foreignView } from "./_foreign.ts";
import { checkLayout, layoutOf, NDArray } from "./_ndarray.ts";
import { fromValue } from "./_nested.ts";
import { checkShape, fStrides, shapeSize, tupleString } from "./_shape.ts";

export { isNDArray, NDArray } from "./_ndarray.ts";
export type { ArrayLike, ForeignNDArray, NestedValue, Scalar } from "./_ndarray.ts";
import type { ArrayLike } from "./_ndarray.ts";

/**
 * An NDArray of one of the four computing dtypes (what linear algebra works on).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, type FloatNDArray } from "jsr:@dlapack/dlapack";
 * const a = array([1, 2]) as FloatNDArray;
 * assert.ok(a.data instanceof Float64Array);
 * ```
 */
export type FloatNDArray = NDArray & { readonly dtype: DType; readonly data: FloatArray };

export { checkShape } from "./_shape.ts";

/**
 * Options of the creation functions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type ArrayOptions, ones } from "jsr:@dlapack/dlapack";
 * const options: ArrayOptions = { dtype: "f4" };
 * assert.equal(ones(2, options).dtype, "float32");
 * ```
 */
export interface ArrayOptions {
  /** The dtype of the result (also `"f8"`, `"c16"`, `"double"`, `"int32"`, `"bool"`, ...). */
  dtype?: ArrayDType | string;
}

/**
 * Makes a new array from a value, always copying: nested arrays (`number[][]`, `Complex[][]`,
 * ...), a scalar, a 1-D typed array, or an NDArray. Without a dtype, each element brings its
 * own dtype and the result is numpy's promotion of them all (`promoteTypes`):
 * - a JS number is float64. This departs from numpy on purpose: numpy makes `[1, 2]` int64,
 *   but a JS number is a double and dlapack has no int64, so `array([1, 2])` is float64; ask
 *   `{ dtype: "int32" }` for integers;
 * - a JS boolean is bool: `array([true, false])` is bool, and booleans mixed with numbers give
 *   float64 (numpy: int64 with Python ints, float64 with floats);
 * - a `{ re, im }` object is complex128;
 * - a typed array has the dtype of `dtypeOfTypedArray`: Float64Array float64, Float32Array
 *   float32, Int32Array int32; Int8/Int16/Uint8/Uint16Array int32 (numpy keeps int8, uint8,
 *   ...; dlapack has only int32, which holds them exactly), Uint32Array float64. A Uint8Array
 *   is read as numbers, not booleans (it is numpy's uint8); `{ dtype: "bool" }` or
 *   `fromTypedArray(u8, shape)` make it bool;
 * - an NDArray keeps its dtype.
 * So `[new Float32Array(2), new Float32Array(2)]` is float32, `[int32Array, [true, false]]`
 * int32 and `[int32Array, float32Array]` float64 (as numpy's `promote_types`). `{ dtype }`
 * overrides all of this, casting as numpy's `astype` (nonzero is true; floats truncate toward
 * zero into int32).
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
 * import { array } from "jsr:@dlapack/dlapack";
 * const a = array([[1, 2], [3, 4]]);
 * assert.equal(a.dtype, "float64");
 * assert.deepEqual(a.shape, [2, 2]);
 * assert.equal(array([{ re: 1, im: -1 }, 2]).dtype, "complex128");
 * assert.equal(array(new Float32Array(3)).dtype, "float32");
 * assert.throws(() => array([[1, 2], [3]]), TypeError);
 * ```
 *
 * @example Booleans, integer typed arrays, and an explicit dtype
 * ```ts
 * import assert from "node:assert/strict";
 * import { array } from "jsr:@dlapack/dlapack";
 * assert.equal(array([[true], [false]]).dtype, "bool");
 * assert.equal(array([true, 0.5]).dtype, "float64");
 * assert.equal(array(new Int32Array([1, 2])).dtype, "int32");
 * assert.equal(array(new Uint8Array([0, 255])).dtype, "int32");
 * assert.deepEqual(array([1, 2], { dtype: "int32" }).toArray(), [1, 2]);
 * ```
 */
export function array(value: ArrayLike, options?: ArrayOptions): NDArray {
  checkOptions(options, "array", DTYPE_KEYS, describe);
  const dtype = options === undefined || options.dtype === undefined
    ? undefined
    : parseArrayDType(options.dtype, "dtype");
  return fromValue(value, dtype, "array()");
}

/** The options of `array`, `asarray`, `zeros`, `ones` and `empty`. */
const DTYPE_KEYS: OptionKeys = optionKeys("dtype");
/** The options of `fromTypedArray`. */
const FROM_TYPED_ARRAY_KEYS: OptionKeys = optionKeys("dtype", "order");
/** The options of `eye`. */
const EYE_KEYS: OptionKeys = optionKeys("m", "k", "dtype");

/**
 * Like `array()`, but returns `value` itself when it is already an NDArray of the wanted dtype
 * (or no dtype is asked), and a view without copying of an array of the npm packages `ndarray`
 * (scijs: `{ data, shape, stride, offset }`) and `@stdlib/ndarray` when its data is a
 * Float64Array, Float32Array, Int32Array, a complex array or a bool array (other element types
 * are copied, to the dtype `array()` gives their typed array: int32 for uint8, int16, ...). A
 * typed array is copied, as by `array()`; `fromTypedArray` wraps one without copying. To hand an array back: `ndarray(a.data, a.shape, a.strides,
 * a.offset)` for scijs (real dtypes), or `a.toTypedArray()` for the elements in C order.
 *
 * @param value The elements.
 * @param options `dtype`: the result dtype.
 * @returns `value` unchanged, a view, or a new array.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, asarray } from "jsr:@dlapack/dlapack";
 * const a = array([1, 2]);
 * assert.equal(asarray(a), a);
 * assert.equal(asarray(a, { dtype: "float64" }), a);
 * assert.notEqual(asarray(a, { dtype: "float32" }), a);
 * ```
 *
 * @example A scijs ndarray, without copying
 * ```ts
 * import assert from "node:assert/strict";
 * import { asarray } from "jsr:@dlapack/dlapack";
 * const data = new Float64Array([1, 2, 3, 4, 5, 6]);
 * // What ndarray(data, [2, 3]).transpose(1, 0) is: shape [3, 2], stride [1, 3].
 * const scijs = { data, shape: [3, 2], stride: [1, 3], offset: 0 };
 * const a = asarray(scijs);
 * assert.equal(a.data, data);
 * assert.deepEqual(a.toArray(), [[1, 4], [2, 5], [3, 6]]);
 * ```
 */
export function asarray(value: ArrayLike, options?: ArrayOptions): NDArray {
  checkOptions(options, "asarray", DTYPE_KEYS, describe);
  const dtype = options === undefined || options.dtype === undefined
    ? undefined
    : parseArrayDType(options.dtype, "dtype");
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
  // A scijs or @stdlib ndarray: a view of its memory (a copy when the dtype differs).
  const foreign = foreignView(value);
  if (foreign !== undefined) {
    return dtype === undefined || dtype === foreign.dtype ? foreign : foreign.astype(dtype);
  }
  return fromValue(value, dtype, "asarray()");
}

/**
 * Options of `fromTypedArray`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromTypedArray, type FromTypedArrayOptions } from "jsr:@dlapack/dlapack";
 * const options: FromTypedArrayOptions = { dtype: "complex64", order: "F" };
 * assert.deepEqual(fromTypedArray(new Float32Array(8), [2, 2], options).strides, [1, 2]);
 * ```
 */
export interface FromTypedArrayOptions {
  /**
   * The dtype; default float32 for a Float32Array, float64 for a Float64Array, int32 for an
   * Int32Array, bool for a Uint8Array.
   */
  dtype?: ArrayDType | string;
  /** "C" (row-major, default) or "F" (column-major). */
  order?: "C" | "F";
}

/** The typed array that holds each dtype's data. */
const STORAGE: Readonly<Record<ArrayDType, string>> = {
  float64: "Float64Array",
  float32: "Float32Array",
  complex128: "Float64Array",
  complex64: "Float32Array",
  int32: "Int32Array",
  bool: "Uint8Array",
};

/**
 * Wraps the storage of an array, without copying: writes to either show in the other. A
 * Float64Array holds float64 or complex128, a Float32Array float32 or complex64 (complex dtypes
 * read the data as interleaved (re, im) pairs), an Int32Array int32, and a Uint8Array bool
 * (its bytes must be 0 or 1; for other bytes, `array(u8, { dtype: "bool" })` copies them as
 * numpy's `astype(bool)`, and `array(u8)` reads them as numbers, int32).
 *
 * @param data The storage: its length must be exactly the size (times 2 for complex).
 * @param shape The dimensions.
 * @param options `dtype` and `order` ("C" row-major, default, or "F" column-major).
 * @returns The array over `data`.
 * @throws {TypeError} For another kind of typed array (use `array()` to copy it), or a dtype
 * that another typed array holds.
 * @throws {RangeError} When the length does not match the shape, or a bool byte is not 0 or 1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromTypedArray } from "jsr:@dlapack/dlapack";
 * const data = new Float64Array([1, 2, 3, 4]);
 * const a = fromTypedArray(data, [2, 2], { order: "F" });
 * assert.deepEqual(a.toArray(), [[1, 3], [2, 4]]);
 * data[1] = 9;
 * assert.equal(a.at(1, 0), 9);
 * const z = fromTypedArray(new Float64Array([1, 2]), [1], { dtype: "complex128" });
 * assert.deepEqual(z.at(0), { re: 1, im: 2 });
 * ```
 *
 * @example Int32Array and Uint8Array: int32 and bool
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromTypedArray } from "jsr:@dlapack/dlapack";
 * const ints = new Int32Array([1, 2, 3, 4]);
 * const i = fromTypedArray(ints, [2, 2]);
 * assert.equal(i.dtype, "int32");
 * assert.equal(i.data, ints);
 * const mask = fromTypedArray(new Uint8Array([1, 0, 1]), [3]);
 * assert.equal(mask.dtype, "bool");
 * assert.deepEqual(mask.toArray(), [true, false, true]);
 * assert.throws(() => fromTypedArray(new Uint8Array([2]), [1]), RangeError);
 * ```
 */
export function fromTypedArray(
  data: ArrayBufferView,
  shape: readonly number[] | number,
  options?: FromTypedArrayOptions,
): NDArray {
  const tag = data instanceof Float64Array
    ? "Float64Array"
    : data instanceof Float32Array
    ? "Float32Array"
    : data instanceof Int32Array
    ? "Int32Array"
    : data instanceof Uint8Array
    ? "Uint8Array"
    : undefined;
  if (tag === undefined || !ArrayBuffer.isView(data)) {
    throw new TypeError(
      `Cannot wrap ${kindOf(data)} without copying: fromTypedArray takes a ` +
        `Float32Array, Float64Array, Int32Array or Uint8Array; use array() to copy other data`,
    );
  }
  const storage = data as ArrayData;
  checkOptions(options, "fromTypedArray", FROM_TYPED_ARRAY_KEYS, describe);
  const shp = checkShape(shape);
  const own: ArrayDType = tag === "Float64Array"
    ? "float64"
    : tag === "Float32Array"
    ? "float32"
    : tag === "Int32Array"
    ? "int32"
    : "bool";
  const dtype = options === undefined || options.dtype === undefined
    ? own
    : parseArrayDType(options.dtype, "dtype");
  if (STORAGE[dtype] !== tag) {
    throw new TypeError(
      `Cannot wrap ${an(tag)} as ${dtype}: ${dtype} data is ${an(STORAGE[dtype])}`,
    );
  }
  const order = options === undefined || options.order === undefined ? "C" : options.order;
  if (order !== "C" && order !== "F") {
    throw new TypeError(`Invalid order ${describe(order)}: expected "C" or "F"`);
  }
  const floats = shapeSize(shp) * (isComplex(dtype) ? 2 : 1);
  if (storage.length !== floats) {
    throw new RangeError(
      `Cannot wrap ${storage.length} elements as shape ${
        tupleString(shp)
      } of ${dtype}: that takes exactly ${floats}`,
    );
  }
  if (dtype === "bool") {
    const bytes = storage;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] > 1) {
        throw new RangeError(
          `Cannot wrap a Uint8Array as bool: element ${i} is ${
            bytes[i]
          }, and bool data holds only 0 and 1; use array(data, { dtype: "bool" }) to copy it as nonzero = true`,
        );
      }
    }
  }
  return new NDArray(storage, dtype, shp, order === "F" ? fStrides(shp) : undefined, 0);
}

/** "an Int32Array", "a Float64Array". */
function an(tag: string): string {
  return (tag[0] === "I" ? "an " : "a ") + tag;
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
 * import { zeros } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(zeros([2, 2]).toArray(), [[0, 0], [0, 0]]);
 * assert.equal(zeros(3, { dtype: "complex64" }).data.length, 6);
 * ```
 */
export function zeros(shape: number | readonly number[], options?: ArrayOptions): NDArray {
  checkOptions(options, "zeros", DTYPE_KEYS, describe);
  return filled(shape, options);
}

/** A new array of zeros (options checked by the caller). */
function filled(shape: unknown, options: ArrayOptions | undefined): NDArray {
  const shp = checkShape(shape);
  const d = options === undefined || options.dtype === undefined
    ? "float64"
    : parseArrayDType(options.dtype, "dtype");
  return new NDArray(allocArrayData(d, shapeSize(shp)), d, shp);
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
 * import { ones } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(ones(2).toArray(), [1, 1]);
 * assert.deepEqual(ones(1, { dtype: "complex128" }).toArray(), [{ re: 1, im: 0 }]);
 * ```
 */
export function ones(shape: number | readonly number[], options?: ArrayOptions): NDArray {
  checkOptions(options, "ones", DTYPE_KEYS, describe);
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
 * import { empty } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(empty([2, 3]).shape, [2, 3]);
 * ```
 */
export function empty(shape: number | readonly number[], options?: ArrayOptions): NDArray {
  checkOptions(options, "empty", DTYPE_KEYS, describe);
  return filled(shape, options);
}

/**
 * Options of `eye`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eye, type EyeOptions } from "jsr:@dlapack/dlapack";
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
 * import { eye } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(eye(2).toArray(), [[1, 0], [0, 1]]);
 * assert.deepEqual(eye(2, { m: 3, k: 1 }).toArray(), [[0, 1, 0], [0, 0, 1]]);
 * ```
 */
export function eye(n: number, options?: EyeOptions): NDArray {
  checkOptions(options, "eye", EYE_KEYS, describe);
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
