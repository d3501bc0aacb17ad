/**
 * Building arrays: joining (`concatenate stack vstack hstack`), ranges (`arange linspace`),
 * filled and triangular arrays (`full zerosLike onesLike diag tril triu`), and axis moves that
 * are views (`expandDims squeeze swapaxes moveaxis broadcastTo`).
 *
 * @module
 */
import type { ArrayDType } from "./dtype.ts";
import { allocArrayData, isComplex, parseArrayDType, promoteTypes } from "./dtype.ts";
import type { ArrayLike, NDArray } from "./ndarray.ts";
import { describeValue } from "./_describe.ts";
import type { OptionKeys } from "./_options.ts";
import { checkOptions, optionKeys } from "./_options.ts";
import { dataOf, dtypeOf, makeArray, operand, promoteOperands } from "./_ufunc.ts";
import { broadcastShapeList, shapeArg, shapeString } from "./_strided.ts";
import { arrayOf, assignInto, broadcastStrides, sliceView } from "./indexing.ts";
import type { SqueezeOptions } from "./_ndarray.ts";
export type { SqueezeOptions } from "./_ndarray.ts";

/** Options with an axis. */
export interface AxisOptions {
  /** The axis (negative counts from the end); default 0. */
  axis?: number;
}

/** Options with a dtype. */
export interface DTypeOptions {
  /** The result dtype. */
  dtype?: ArrayDType | string;
}

/** Options with a diagonal offset. */
export interface DiagonalOptions {
  /** The diagonal: 0 the main one (default), > 0 above, < 0 below. */
  k?: number;
}

const AXIS_KEYS: OptionKeys = optionKeys("axis");
const DTYPE_KEYS: OptionKeys = optionKeys("dtype");
const K_KEYS: OptionKeys = optionKeys("k");

function axisOf(axis: unknown, nd: number, fn: string, what = "axis"): number {
  if (typeof axis !== "number" || !Number.isInteger(axis)) {
    throw new TypeError(
      `Invalid ${what} for ${fn}(): expected an integer, got ${describeValue(axis)}`,
    );
  }
  if (axis < -nd || axis >= nd) {
    throw new RangeError(
      `Axis ${axis} is out of bounds for an array of ${nd} dimension${
        nd === 1 ? "" : "s"
      } in ${fn}()`,
    );
  }
  return axis < 0 ? axis + nd : axis;
}

function axesArg(x: unknown, nd: number, fn: string, what: string): number[] {
  const list = typeof x === "number" ? [x] : x;
  if (!Array.isArray(list)) {
    throw new TypeError(
      `Invalid ${what} for ${fn}(): expected an integer or an array of integers, got ${
        describeValue(x)
      }`,
    );
  }
  return list.map((s) => axisOf(s, nd, fn, what));
}

function dtypeOption(options: DTypeOptions | undefined): ArrayDType | undefined {
  return options?.dtype === undefined ? undefined : parseArrayDType(options.dtype, "dtype");
}

function listOf(arrays: unknown, fn: string): NDArray[] {
  if (!Array.isArray(arrays)) {
    throw new TypeError(
      `Invalid arrays for ${fn}(): expected an array of arrays, got ${describeValue(arrays)}`,
    );
  }
  if (arrays.length === 0) {
    throw new RangeError(
      `Need at least one array to ${fn === "stack" ? "stack" : "concatenate"} in ${fn}()`,
    );
  }
  // Array.from, not map: a hole (`[, 2]`) is undefined here, which arrayOf refuses.
  return Array.from(arrays, (a) => arrayOf(a, fn));
}

function join(list: NDArray[], axis: number, fn: string): NDArray {
  const nd = list[0].shape.length;
  if (nd === 0) throw new RangeError(`Zero-dimensional arrays cannot be concatenated in ${fn}()`);
  const ax = axisOf(axis, nd, fn);
  let dtype = dtypeOf(list[0]);
  let total = 0;
  for (let k = 0; k < list.length; k++) {
    const a = list[k];
    if (a.shape.length !== nd) {
      throw new RangeError(
        `All the input arrays of ${fn}() must have the same number of dimensions: array 0 has ${nd}, array ${k} has ${a.shape.length}`,
      );
    }
    for (let i = 0; i < nd; i++) {
      if (i !== ax && a.shape[i] !== list[0].shape[i]) {
        throw new RangeError(
          `All the input array dimensions of ${fn}() except for the concatenation axis must match exactly: ` +
            `along dimension ${i}, array 0 has size ${list[0].shape[i]} and array ${k} has size ${
              a.shape[i]
            }`,
        );
      }
    }
    total += a.shape[ax];
    if (k > 0) dtype = promoteTypes(dtype, dtypeOf(a));
  }
  const shape = list[0].shape.slice();
  shape[ax] = total;
  const r = makeArray(allocArrayData(dtype, shape.reduce((p, n) => p * n, 1)), dtype, shape);
  let at = 0;
  for (const a of list) {
    const n = a.shape[ax];
    if (n > 0) {
      const index: string[] = [];
      for (let i = 0; i < ax; i++) index.push(":");
      index.push(`${at}:${at + n}`);
      assignInto(sliceView(r, index), a);
    }
    at += n;
  }
  return r;
}

/**
 * Joins arrays along an existing axis (numpy's `concatenate`); the dtype is their promotion.
 *
 * @param arrays The arrays: the same shape except along `axis`.
 * @param options `axis` (default 0).
 * @returns A new array.
 * @throws {RangeError} For no arrays, 0-d arrays, or shapes that differ off the axis.
 *
 * @example concatenate
 * ```ts
 * import assert from "node:assert/strict";
 * import { concatenate } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(concatenate([[[1, 2]], [[3, 4]]]).toArray(), [[1, 2], [3, 4]]);
 * assert.deepEqual(concatenate([[[1], [2]], [[3], [4]]], { axis: 1 }).toArray(), [[1, 3], [2, 4]]);
 * ```
 */
export function concatenate(arrays: readonly ArrayLike[], options?: AxisOptions): NDArray {
  checkOptions(options, "concatenate", AXIS_KEYS);
  return join(listOf(arrays, "concatenate"), options?.axis ?? 0, "concatenate");
}

/**
 * Joins arrays of one shape along a new axis (numpy's `stack`).
 *
 * @param arrays The arrays, all of the same shape.
 * @param options `axis` (default 0): where the new axis goes in the result.
 * @returns A new array with one more dimension.
 * @throws {RangeError} For no arrays or different shapes.
 *
 * @example stack
 * ```ts
 * import assert from "node:assert/strict";
 * import { stack } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(stack([[1, 2], [3, 4]]).shape, [2, 2]);
 * assert.deepEqual(stack([[1, 2], [3, 4]], { axis: 1 }).toArray(), [[1, 3], [2, 4]]);
 * ```
 */
export function stack(arrays: readonly ArrayLike[], options?: AxisOptions): NDArray {
  checkOptions(options, "stack", AXIS_KEYS);
  const list = listOf(arrays, "stack");
  const shape = list[0].shape;
  for (let k = 1; k < list.length; k++) {
    const s = list[k].shape;
    if (s.length !== shape.length || s.some((d, i) => d !== shape[i])) {
      throw new RangeError(
        `All input arrays of stack() must have the same shape: array 0 has ${
          shapeString(shape)
        }, array ${k} has ${shapeString(s)}`,
      );
    }
  }
  const ax = axisOf(options?.axis ?? 0, shape.length + 1, "stack");
  return join(list.map((a) => expandDims(a, ax)), ax, "stack");
}

/**
 * Joins arrays row-wise (numpy's `vstack`): 1-D arrays become rows, then `concatenate` along
 * axis 0.
 *
 * @param arrays The arrays.
 * @returns A new array of at least 2 dimensions.
 *
 * @example vstack
 * ```ts
 * import assert from "node:assert/strict";
 * import { vstack } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(vstack([[1, 2], [3, 4]]).toArray(), [[1, 2], [3, 4]]);
 * ```
 */
export function vstack(arrays: readonly ArrayLike[]): NDArray {
  const list = listOf(arrays, "vstack").map((a) =>
    a.shape.length === 0 ? a.reshape(1, 1) : a.shape.length === 1 ? a.reshape(1, a.shape[0]) : a
  );
  return join(list, 0, "vstack");
}

/**
 * Joins arrays column-wise (numpy's `hstack`): along axis 1, or axis 0 for 1-D arrays.
 *
 * @param arrays The arrays.
 * @returns A new array.
 *
 * @example hstack
 * ```ts
 * import assert from "node:assert/strict";
 * import { hstack } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(hstack([[1, 2], [3]]).toArray(), [1, 2, 3]);
 * assert.deepEqual(hstack([[[1], [2]], [[3], [4]]]).toArray(), [[1, 3], [2, 4]]);
 * ```
 */
export function hstack(arrays: readonly ArrayLike[]): NDArray {
  const list = listOf(arrays, "hstack").map((a) => (a.shape.length === 0 ? a.reshape(1) : a));
  return join(list, list[0].shape.length === 1 ? 0 : 1, "hstack");
}

function finite(x: unknown, what: string, fn: string): number {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new TypeError(
      `Invalid ${what} for ${fn}(): expected a finite number, got ${describeValue(x)}`,
    );
  }
  return x;
}

/**
 * Evenly spaced values in `[start, stop)` (numpy's `arange`): `arange(n)` is 0..n-1. The dtype
 * is int32 when every argument is an integer, else float64 (numpy: int64 and float64).
 *
 * @param start The first value (or the stop, when `stop` is left out).
 * @param stop The end, excluded.
 * @param step The spacing (default 1, not 0).
 * @param options `dtype`.
 * @returns A 1-D array of `ceil((stop - start) / step)` values.
 * @throws {RangeError} For a zero step.
 *
 * @example arange
 * ```ts
 * import assert from "node:assert/strict";
 * import { arange } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(arange(4).toArray(), [0, 1, 2, 3]);
 * assert.equal(arange(4).dtype, "int32");
 * assert.deepEqual(arange(1, 2, 0.25).toArray(), [1, 1.25, 1.5, 1.75]);
 * ```
 */
export function arange(
  start: number,
  stop?: number,
  step?: number,
  options?: DTypeOptions,
): NDArray {
  checkOptions(options, "arange", DTYPE_KEYS);
  let lo = finite(start, "start", "arange");
  let hi: number;
  if (stop === undefined || stop === null) {
    hi = lo;
    lo = 0;
  } else hi = finite(stop, "stop", "arange");
  const st = step === undefined ? 1 : finite(step, "step", "arange");
  if (st === 0) throw new RangeError("Invalid step for arange(): the step is zero");
  const n = Math.max(0, Math.ceil((hi - lo) / st));
  const ints = Number.isInteger(lo) && Number.isInteger(hi) && Number.isInteger(st) &&
    Math.abs(lo) < 2 ** 31 && Math.abs(lo + n * st) <= 2 ** 31;
  const dtype = dtypeOption(options) ?? (ints ? "int32" : "float64");
  if (isComplex(dtype)) {
    const r = makeArray(allocArrayData(dtype, n), dtype, [n]);
    const d = dataOf(r);
    for (let i = 0; i < n; i++) d[2 * i] = lo + i * st;
    return r;
  }
  const d = allocArrayData(dtype, n);
  for (let i = 0; i < n; i++) d[i] = lo + i * st;
  return makeArray(d, dtype, [n]);
}

/** Options of `linspace`. */
export interface LinspaceOptions extends DTypeOptions {
  /** Whether `stop` is the last value (default true). */
  endpoint?: boolean;
}

const LINSPACE_KEYS: OptionKeys = optionKeys("endpoint", "dtype");

/**
 * `num` evenly spaced values from `start` to `stop` (numpy's `linspace`: `start + i * step`,
 * the last value exactly `stop` when `endpoint`).
 *
 * @param start The first value.
 * @param stop The last value (excluded when `endpoint` is false).
 * @param num The number of values (default 50).
 * @param options `endpoint` (default true), `dtype` (default float64).
 * @returns A 1-D array.
 * @throws {RangeError} For a negative `num`.
 *
 * @example linspace
 * ```ts
 * import assert from "node:assert/strict";
 * import { linspace } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(linspace(0, 1, 5).toArray(), [0, 0.25, 0.5, 0.75, 1]);
 * assert.deepEqual(linspace(0, 1, 4, { endpoint: false }).toArray(), [0, 0.25, 0.5, 0.75]);
 * ```
 */
export function linspace(
  start: number,
  stop: number,
  num?: number,
  options?: LinspaceOptions,
): NDArray {
  checkOptions(options, "linspace", LINSPACE_KEYS);
  const a = finite(start, "start", "linspace");
  const b = finite(stop, "stop", "linspace");
  const n = num === undefined ? 50 : num;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(
      `Invalid num for linspace(): expected a non-negative integer, got ${describeValue(n)}`,
    );
  }
  const endpoint = options?.endpoint ?? true;
  const dtype = dtypeOption(options) ?? "float64";
  const div = endpoint ? n - 1 : n;
  const step = div > 0 ? (b - a) / div : NaN;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = div > 0 ? a + i * step : a;
  if (endpoint && n > 1) out[n - 1] = b;
  const r = makeArray(out, "float64", [n]);
  return dtype === "float64" ? r : r.astype(dtype);
}

/**
 * A new array of `shape` filled with `value` (numpy's `full`); the dtype follows the value
 * (bool, int32 for integers, float64, complex128) unless given.
 *
 * @param shape The shape.
 * @param value The fill value: a number, boolean or `{ re, im }`.
 * @param options `dtype`.
 * @returns The array.
 *
 * @example full
 * ```ts
 * import assert from "node:assert/strict";
 * import { full } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(full([2, 2], 7).toArray(), [[7, 7], [7, 7]]);
 * assert.equal(full(3, 1.5, { dtype: "float32" }).dtype, "float32");
 * ```
 */
export function full(
  shape: number | readonly number[],
  value: number | boolean | { re: number; im: number },
  options?: DTypeOptions,
): NDArray {
  checkOptions(options, "full", DTYPE_KEYS);
  const o = operand(value, 1, "full");
  if (o.array !== null && o.array.shape.length > 0) {
    throw new TypeError(
      `Invalid fill value for full(): expected a scalar, got ${describeValue(value)}`,
    );
  }
  const dtype = dtypeOption(options) ??
    (o.array === null ? promoteOperands([o]) : dtypeOf(o.array));
  return assignInto(zerosOf(shapeArg(shape, "full"), dtype), value);
}

function zerosOf(shape: readonly number[], dtype: ArrayDType): NDArray {
  // The constructor checks the shape again; allocation needs its size first.
  let size = 1;
  for (const d of shape) {
    if (typeof d !== "number" || !Number.isSafeInteger(d) || d < 0) {
      throw new RangeError(
        `Invalid shape ${describeValue(shape)}: dimensions must be non-negative integers`,
      );
    }
    size *= d;
  }
  return makeArray(allocArrayData(dtype, size), dtype, shape);
}

/**
 * Zeros of the shape (and dtype, unless given) of `a`.
 *
 * @param a An array.
 * @param options `dtype`.
 * @returns A new array.
 *
 * @example zerosLike
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, zerosLike } from "jsr:@dlapack/dlapack";
 * const z = zerosLike(array([[1, 2]], { dtype: "int32" }));
 * assert.equal(z.dtype, "int32");
 * assert.deepEqual(z.toArray(), [[0, 0]]);
 * ```
 */
export function zerosLike(a: ArrayLike, options?: DTypeOptions): NDArray {
  checkOptions(options, "zerosLike", DTYPE_KEYS);
  const x = arrayOf(a, "zerosLike");
  const dtype = dtypeOption(options) ?? dtypeOf(x);
  return makeArray(allocArrayData(dtype, x.size), dtype, x.shape);
}

/**
 * Ones of the shape (and dtype, unless given) of `a`.
 *
 * @param a An array.
 * @param options `dtype`.
 * @returns A new array.
 *
 * @example onesLike
 * ```ts
 * import assert from "node:assert/strict";
 * import { onesLike } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(onesLike([[1, 2]]).toArray(), [[1, 1]]);
 * ```
 */
export function onesLike(a: ArrayLike, options?: DTypeOptions): NDArray {
  checkOptions(options, "onesLike", DTYPE_KEYS);
  return assignInto(zerosLike(a, options), 1);
}

function kOf(options: DiagonalOptions | undefined, fn: string): number {
  checkOptions(options, fn, K_KEYS);
  const k = options?.k ?? 0;
  if (!Number.isSafeInteger(k)) {
    throw new TypeError(
      `Invalid diagonal k for ${fn}(): expected an integer, got ${describeValue(k)}`,
    );
  }
  return k;
}

/**
 * numpy's `diag`: of a 1-D array, the square matrix with it on diagonal `k`; of a 2-D array, a
 * copy of its diagonal `k`.
 *
 * @param v A 1-D or 2-D array.
 * @param options `k` (default 0).
 * @returns A new array.
 * @throws {RangeError} For other dimensions.
 *
 * @example diag
 * ```ts
 * import assert from "node:assert/strict";
 * import { diag } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(diag([1, 2]).toArray(), [[1, 0], [0, 2]]);
 * assert.deepEqual(diag([[1, 2], [3, 4]]).toArray(), [1, 4]);
 * assert.deepEqual(diag([[1, 2], [3, 4]], { k: 1 }).toArray(), [2]);
 * ```
 */
export function diag(v: ArrayLike, options?: DiagonalOptions): NDArray {
  const k = kOf(options, "diag");
  const a = arrayOf(v, "diag");
  if (a.shape.length === 1) {
    const n = a.shape[0] + Math.abs(k);
    const r = zerosOf([n, n], dtypeOf(a));
    const view = makeArray(dataOf(r), dtypeOf(r), [a.shape[0]], [n + 1], k >= 0 ? k : -k * n);
    assignInto(view, a);
    return r;
  }
  if (a.shape.length === 2) {
    const [m, n] = a.shape;
    const len = Math.max(0, k >= 0 ? Math.min(m, n - k) : Math.min(m + k, n));
    const off = len === 0 ? a.offset : a.offset + (k >= 0 ? k * a.strides[1] : -k * a.strides[0]);
    return makeArray(dataOf(a), dtypeOf(a), [len], [a.strides[0] + a.strides[1]], off).copy();
  }
  throw new RangeError(`Input must be 1- or 2-d in diag(): got ${a.shape.length} dimensions`);
}

function triangle(
  m: ArrayLike,
  options: DiagonalOptions | undefined,
  fn: string,
  lower: boolean,
): NDArray {
  const k = kOf(options, fn);
  const a = arrayOf(m, fn);
  if (a.shape.length < 2) {
    throw new RangeError(
      `Input must be at least 2-d in ${fn}(): got ${a.shape.length} dimension${
        a.shape.length === 1 ? "" : "s"
      }`,
    );
  }
  const r = a.copy();
  const nd = r.shape.length;
  const rows = r.shape[nd - 2];
  const cols = r.shape[nd - 1];
  const d = dataOf(r);
  const f = isComplex(r.dtype) ? 2 : 1;
  const per = rows * cols;
  for (let base = 0; base < r.size; base += per) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const zero = lower ? j - i > k : j - i < k;
        if (zero) {
          const p = (base + i * cols + j) * f;
          d[p] = 0;
          if (f === 2) d[p + 1] = 0;
        }
      }
    }
  }
  return r;
}

/**
 * The lower triangle of each matrix of a stack (numpy's `tril`): zeros above diagonal `k`.
 *
 * @param m An array of at least 2 dimensions.
 * @param options `k` (default 0).
 * @returns A new array.
 *
 * @example tril
 * ```ts
 * import assert from "node:assert/strict";
 * import { tril } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(tril([[1, 2], [3, 4]]).toArray(), [[1, 0], [3, 4]]);
 * ```
 */
export function tril(m: ArrayLike, options?: DiagonalOptions): NDArray {
  return triangle(m, options, "tril", true);
}

/**
 * The upper triangle of each matrix of a stack (numpy's `triu`): zeros below diagonal `k`.
 *
 * @param m An array of at least 2 dimensions.
 * @param options `k` (default 0).
 * @returns A new array.
 *
 * @example triu
 * ```ts
 * import assert from "node:assert/strict";
 * import { triu } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(triu([[1, 2], [3, 4]], { k: 1 }).toArray(), [[0, 2], [0, 0]]);
 * ```
 */
export function triu(m: ArrayLike, options?: DiagonalOptions): NDArray {
  return triangle(m, options, "triu", false);
}

/**
 * A view with a new axis of size 1 at `axis` (numpy's `expand_dims`).
 *
 * @param a An array.
 * @param axis Where the new axis goes in the result (negative counts from the end).
 * @returns The view.
 *
 * @example expandDims
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandDims } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(expandDims([1, 2], 0).shape, [1, 2]);
 * assert.deepEqual(expandDims([1, 2], -1).shape, [2, 1]);
 * ```
 */
export function expandDims(a: ArrayLike, axis: number): NDArray {
  const x = arrayOf(a, "expandDims");
  const ax = axisOf(axis, x.shape.length + 1, "expandDims");
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape.splice(ax, 0, 1);
  strides.splice(ax, 0, 0);
  return makeArray(dataOf(x), dtypeOf(x), shape, strides, x.offset);
}

/**
 * A view without axes of size 1 (numpy's `squeeze`).
 *
 * @param a An array.
 * @param options `axis`: only these axes (each must have size 1).
 * @returns The view.
 * @throws {RangeError} When a chosen axis does not have size 1.
 *
 * @example squeeze
 * ```ts
 * import assert from "node:assert/strict";
 * import { squeeze, zeros } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(squeeze(zeros([1, 3, 1])).shape, [3]);
 * assert.deepEqual(squeeze(zeros([1, 3, 1]), { axis: 0 }).shape, [3, 1]);
 * ```
 */
export function squeeze(a: ArrayLike, options?: SqueezeOptions): NDArray {
  checkOptions(options, "squeeze", AXIS_KEYS);
  const x = arrayOf(a, "squeeze");
  const nd = x.shape.length;
  const drop = new Array<boolean>(nd).fill(false);
  if (options?.axis === undefined) { for (let i = 0; i < nd; i++) drop[i] = x.shape[i] === 1; }
  else {
    for (const i of axesArg(options.axis, nd, "squeeze", "axis")) {
      if (x.shape[i] !== 1) {
        throw new RangeError(
          `Cannot select an axis to squeeze out which has size not equal to one: axis ${i} has size ${
            x.shape[i]
          } in squeeze()`,
        );
      }
      drop[i] = true;
    }
  }
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < nd; i++) {
    if (!drop[i]) {
      shape.push(x.shape[i]);
      strides.push(x.strides[i]);
    }
  }
  return makeArray(dataOf(x), dtypeOf(x), shape, strides, x.offset);
}

/**
 * A view with two axes interchanged (numpy's `swapaxes`).
 *
 * @param a An array.
 * @param axis1 One axis.
 * @param axis2 The other.
 * @returns The view.
 *
 * @example swapaxes
 * ```ts
 * import assert from "node:assert/strict";
 * import { swapaxes, zeros } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(swapaxes(zeros([2, 3, 4]), 0, 2).shape, [4, 3, 2]);
 * ```
 */
export function swapaxes(a: ArrayLike, axis1: number, axis2: number): NDArray {
  const x = arrayOf(a, "swapaxes");
  const nd = x.shape.length;
  const i = axisOf(axis1, nd, "swapaxes", "axis1");
  const j = axisOf(axis2, nd, "swapaxes", "axis2");
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  [shape[i], shape[j]] = [shape[j], shape[i]];
  [strides[i], strides[j]] = [strides[j], strides[i]];
  return makeArray(dataOf(x), dtypeOf(x), shape, strides, x.offset);
}

/**
 * A view with axes moved to new positions, the others keeping their order (numpy's
 * `moveaxis`).
 *
 * @param a An array.
 * @param source The axis or axes to move.
 * @param destination Their positions in the result.
 * @returns The view.
 *
 * @example moveaxis
 * ```ts
 * import assert from "node:assert/strict";
 * import { moveaxis, zeros } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(moveaxis(zeros([3, 4, 5]), 0, -1).shape, [4, 5, 3]);
 * assert.deepEqual(moveaxis(zeros([3, 4, 5]), [0, 1], [-1, -2]).shape, [5, 4, 3]);
 * ```
 */
export function moveaxis(
  a: ArrayLike,
  source: number | readonly number[],
  destination: number | readonly number[],
): NDArray {
  const x = arrayOf(a, "moveaxis");
  const nd = x.shape.length;
  const src = axesArg(source, nd, "moveaxis", "source");
  const dst = axesArg(destination, nd, "moveaxis", "destination");
  if (src.length !== dst.length) {
    throw new RangeError(
      "`source` and `destination` arguments must have the same number of elements in moveaxis()",
    );
  }
  if (new Set(src).size !== src.length || new Set(dst).size !== dst.length) {
    throw new RangeError("Repeated axis in moveaxis()");
  }
  const order: number[] = [];
  for (let i = 0; i < nd; i++) if (!src.includes(i)) order.push(i);
  const pairs = dst.map((d, k) => [d, src[k]]).sort((p, q) => p[0] - q[0]);
  for (const [d, s] of pairs) order.splice(d, 0, s);
  return x.transpose(order);
}

/**
 * A read-only-by-convention view of `a` broadcast to `shape` (numpy's `broadcast_to`): the
 * repeated elements share memory (stride 0), so do not write into it.
 *
 * @param a An array.
 * @param shape The target shape.
 * @returns The view.
 * @throws {RangeError} When `a` does not broadcast to `shape`.
 *
 * @example broadcastTo
 * ```ts
 * import assert from "node:assert/strict";
 * import { broadcastTo } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(broadcastTo([1, 2], [2, 2]).toArray(), [[1, 2], [1, 2]]);
 * ```
 */
export function broadcastTo(a: ArrayLike, shape: number | readonly number[]): NDArray {
  const x = arrayOf(a, "broadcastTo");
  const to = shapeArg(shape, "broadcastTo");
  const got = broadcastShapeList([x.shape, to], "broadcastTo");
  if (got.length !== to.length || got.some((d, i) => d !== to[i])) {
    throw new RangeError(
      `Cannot broadcast an array of shape ${shapeString(x.shape)} to shape ${
        shapeString(to)
      } in broadcastTo()`,
    );
  }
  return makeArray(dataOf(x), dtypeOf(x), to, broadcastStrides(x, to), x.offset);
}
