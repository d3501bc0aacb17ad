/**
 * Reductions with numpy's `{ axis, keepdims }`: `sum mean prod min max argmin argmax all any`.
 * A contiguous float64 sum is numpy's pairwise summation, so it gives numpy's bits.
 *
 * Result dtypes: `sum` and `prod` keep the dtype, except that int32 and bool give float64:
 * numpy gives int64, which dlapack does not have, and an int32 result would wrap around past
 * 2^31 - 1. The float64 result is the exact sum or product while it stays within 2^53 (numpy's
 * int64 wraps past 2^63 instead). `mean` gives float64 for int32 and bool; `min` and `max` keep
 * the dtype; `argmin` and `argmax` give int32; `all` and `any` give bool.
 *
 * `out` (every reduction) takes the result, as numpy's: an array of exactly the reduced shape
 * (keeping size-1 axes with `keepdims`) that the result casts to within its kind; it may share
 * memory with the input. `dtype` (sum, prod, mean) sets the accumulation and result dtype, and
 * without it an `out` whose dtype the input casts to within its kind sets it (numpy's rule), so
 * `sum(int32Array, { out: int32Out })` wraps around as numpy's does.
 *
 * @module
 */
import type { ArrayData, ArrayDType } from "./dtype.ts";
import {
  allocArrayData,
  canCastSameKind,
  isComplex,
  parseArrayDType,
  sharesMemory,
} from "./dtype.ts";
import type { ArrayLike, NDArray } from "./ndarray.ts";
import { asarray, isNDArray } from "./ndarray.ts";
import { checkNDArray } from "./gufunc.ts";
import { describeValue } from "./_describe.ts";
import type { OptionKeys } from "./_options.ts";
import { checkOptions, optionKeys } from "./_options.ts";
import { checkOut, cStrides, dataOf, dtypeOf, makeArray } from "./_ufunc.ts";
import * as K from "./_kernels.ts";
import { forEachRow, shapeString } from "./_strided.ts";
import type { CReducer, Reducer } from "./_reducers.ts";
import * as R from "./_reducers.ts";
import type { ArgReduceOptions, ReduceOptions, SumOptions } from "./_ndarray.ts";
export type { ArgReduceOptions, ReduceOptions, SumOptions } from "./_ndarray.ts";

const REDUCE_KEYS: OptionKeys = optionKeys("axis", "keepdims", "out");
const SUM_KEYS: OptionKeys = optionKeys("axis", "keepdims", "out", "dtype");

/** The array argument of a reduction. */
function input(x: unknown, name: string): NDArray {
  if (isNDArray(x)) {
    checkNDArray(x, 0, name);
    return x;
  }
  return asarray(x as ArrayLike);
}

/** Normalizes `axis` for an array of `nd` dimensions: a sorted list of distinct axes. */
export function normalizeAxes(axis: unknown, nd: number, name: string): number[] {
  if (typeof name !== "string") {
    throw new TypeError(
      `Invalid name for normalizeAxes(): expected a function name, got ${describeValue(name)}`,
    );
  }
  if (typeof nd !== "number" || !Number.isSafeInteger(nd) || nd < 0) {
    throw new TypeError(
      `Invalid number of dimensions for normalizeAxes(): expected a non-negative integer, got ${
        describeValue(nd)
      }`,
    );
  }
  if (axis === undefined || axis === null) return Array.from({ length: nd }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : axis;
  if (!Array.isArray(list)) {
    throw new TypeError(
      `Invalid axis for ${name}(): expected an integer or an array of integers, got ${
        describeValue(axis)
      }`,
    );
  }
  const seen = new Set<number>();
  for (const a of list) {
    if (typeof a !== "number" || !Number.isInteger(a)) {
      throw new TypeError(`Invalid axis for ${name}(): ${describeValue(a)} is not an integer`);
    }
    if (a < -nd || a >= nd) {
      throw new RangeError(
        `Axis ${a} is out of bounds for an array of ${nd} dimension${
          nd === 1 ? "" : "s"
        } in ${name}()`,
      );
    }
    const k = a < 0 ? a + nd : a;
    if (seen.has(k)) throw new RangeError(`Duplicate value in axis for ${name}(): axis ${k}`);
    seen.add(k);
  }
  return [...seen].sort((x, y) => x - y);
}

interface Spec {
  name: string;
  real: Reducer;
  int?: Reducer;
  complex: CReducer | Reducer | null;
  /** "same": the input's dtype (float64 for int32 and bool when `widen`); "bool"; "int32"
   * (arg*). */
  result: "same" | "bool" | "int32" | "mean";
  /** int32 and bool give float64 (sum and prod: numpy's int64 without its wraparound). */
  widen?: boolean;
  /** sum, prod and mean take `dtype`, and out's dtype as their accumulation dtype. */
  accumulates?: boolean;
  /** The reduction in a bool accumulation: logical or (sum, mean), logical and (prod). */
  bool?: { reduce: Reducer; combine: (x: number, y: number) => number };
  /** min and max have no identity: an empty reduction is an error. */
  noIdentity?: string;
  /** How partial results of several runs combine (one output from several runs). */
  combine: (x: number, y: number) => number;
  ccombine?: (x: [number, number], y: [number, number]) => void;
}

/** Checks the `out` option's type (its shape and dtype are checked once the result's are known). */
function outOption(out: unknown, name: string): NDArray | undefined {
  if (out === undefined) return undefined;
  if (!isNDArray(out)) {
    throw new TypeError(
      `Invalid out for ${name}(): expected an NDArray, got ${describeValue(out)}`,
    );
  }
  return out;
}

/** Copies a fresh C-order result into `out` (checked), casting within kind. */
function deliver(res: NDArray, out: NDArray): NDArray {
  const rc = isComplex(res.dtype);
  const oc = isComplex(out.dtype);
  const k = rc ? K.ccopy : oc ? K.rcopy : K.copy;
  const src = dataOf(res);
  const dst = dataOf(out);
  forEachRow(out.shape, [cStrides(out.shape), out.strides], [0, out.offset], (p, s, n) => {
    k(src, p[0], s[0], dst, p[1], s[1], n);
  });
  return out;
}

function reduce(spec: Spec, x: unknown, options: SumOptions | undefined): NDArray {
  const name = spec.name;
  checkOptions(options, name, spec.accumulates ? SUM_KEYS : REDUCE_KEYS);
  const keepdims = options?.keepdims ?? false;
  if (typeof keepdims !== "boolean") {
    throw new TypeError(
      `Invalid keepdims for ${name}(): expected a boolean, got ${describeValue(keepdims)}`,
    );
  }
  const outArg = outOption(options?.out, name);
  let a = input(x, name);
  const nd = a.shape.length;
  const axes = normalizeAxes(options?.axis, nd, name);
  const isRed = new Array<boolean>(nd).fill(false);
  for (const k of axes) isRed[k] = true;
  const keptShape: number[] = [];
  const keptStrides: number[] = [];
  const keptAxes: number[] = [];
  const redShape: number[] = [];
  const redStrides: number[] = [];
  const outShape: number[] = [];
  for (let i = 0; i < nd; i++) {
    if (isRed[i]) {
      redShape.push(a.shape[i]);
      redStrides.push(a.strides[i]);
      if (keepdims) outShape.push(1);
    } else {
      keptShape.push(a.shape[i]);
      keptStrides.push(a.strides[i]);
      keptAxes.push(outShape.length);
      outShape.push(a.shape[i]);
    }
  }
  let d = dtypeOf(a);
  const redSize = redShape.reduce((p, n) => p * n, 1);
  const outSize = keptShape.reduce((p, n) => p * n, 1);
  if (spec.noIdentity !== undefined && redSize === 0 && outSize > 0) {
    throw new RangeError(
      `Zero-size array to reduction operation ${spec.noIdentity} which has no identity: ${name}() of shape ${
        shapeString(a.shape)
      }${
        options?.axis === undefined || options.axis === null ? "" : ` along axis ${axes.join(", ")}`
      }`,
    );
  }
  // The accumulation dtype of sum, prod and mean: `dtype`, else out's when the input casts to it
  // within its kind (numpy's rule), else the default below.
  let acc: ArrayDType | undefined;
  if (spec.accumulates) {
    const want = options?.dtype;
    if (want !== undefined) {
      acc = parseArrayDType(want, "dtype");
      if (isComplex(d) && !isComplex(acc)) {
        throw new TypeError(
          `Cannot cast the input of ${name}() from ${d} to ${acc} without losing the imaginary part`,
        );
      }
      // numpy casts each element first: floats truncate into int32.
      if (acc === "int32" && d !== "int32" && d !== "bool") {
        a = a.astype("int32");
        d = "int32";
      }
    } else if (outArg !== undefined && canCastSameKind(d, dtypeOf(outArg))) acc = dtypeOf(outArg);
  }
  let rd: ArrayDType;
  if (spec.result === "bool") rd = "bool";
  else if (spec.result === "int32") rd = "int32";
  else if (acc !== undefined) rd = acc;
  else if (spec.result === "mean") rd = d === "int32" || d === "bool" ? "float64" : d;
  else rd = spec.widen && (d === "bool" || d === "int32") ? "float64" : d;
  if (outArg !== undefined) {
    if (spec.result === "int32" && outArg.dtype !== "int32") {
      throw new TypeError(
        `Invalid out for ${name}(): the indices are int32, and out is ${outArg.dtype}`,
      );
    }
    checkOut(outArg, outShape, rd, name);
  }
  // Straight into out when it has the result's dtype and shares no memory with the input.
  const direct = outArg !== undefined && dtypeOf(outArg) === rd &&
    !sharesMemory(dataOf(outArg), dataOf(a));
  let out: ArrayData;
  let outStrides: number[];
  let outOffset: number;
  if (direct) {
    out = dataOf(outArg);
    outStrides = keptAxes.map((j) => outArg.strides[j]);
    outOffset = outArg.offset;
  } else {
    out = allocArrayData(rd, outSize);
    outStrides = cStrides(keptShape);
    outOffset = 0;
  }
  // The reduced axes as few runs as possible: merge neighbours that are contiguous.
  const rs: number[] = [];
  const rt: number[] = [];
  for (let i = 0; i < redShape.length; i++) {
    const n = redShape[i];
    if (n === 1) continue;
    const last = rs.length - 1;
    if (last >= 0 && rt[last] === redStrides[i] * n) {
      rs[last] *= n;
      rt[last] = redStrides[i];
    } else {
      rs.push(n);
      rt.push(redStrides[i]);
    }
  }
  const data = dataOf(a);
  const complex = isComplex(d);
  // An int32 accumulation: the product wraps at each step (Math.imul); a sum is exact in double
  // and wraps when stored (ToInt32), as numpy's. A bool one is logical or (sum, mean) or and.
  const wrapProd = spec.accumulates && rd === "int32" && spec.int !== undefined;
  const boolAcc = spec.accumulates && rd === "bool" && spec.bool !== undefined;
  const real = boolAcc ? spec.bool!.reduce : wrapProd ? spec.int! : spec.real;
  const combine = boolAcc ? spec.bool!.combine : wrapProd ? Math.imul : spec.combine;
  const toBool = spec.accumulates && rd === "bool";
  const realToComplex = !complex && isComplex(rd);
  const mean = spec.result === "mean";
  // (An empty reduction is one run of length 0, whatever its shape.)
  const one = rs.length <= 1 || redSize === 0;
  const n1 = redSize === 0 ? 0 : rs.length === 0 ? 1 : rs[0];
  const s1 = rs.length === 0 ? 0 : rt[0];
  const cpart: [number, number] = [0, 0];
  const visit = (p: number, q: number): void => {
    if (complex && spec.complex !== null && spec.result !== "bool" && spec.result !== "int32") {
      const f = spec.complex as CReducer;
      if (one) f(data, p, s1, n1);
      else {
        let first = true;
        forEachRow(rs.slice(0, -1), [rt.slice(0, -1)], [p], (pp, st, m) => {
          for (let i = 0, q = pp[0]; i < m; i++, q += st[0]) {
            f(data, q, rt[rt.length - 1], rs[rs.length - 1]);
            if (first) {
              cpart[0] = R.cres[0];
              cpart[1] = R.cres[1];
              first = false;
            } else spec.ccombine!(cpart, R.cres);
          }
        });
        R.cres[0] = cpart[0];
        R.cres[1] = cpart[1];
      }
      out[2 * q] = mean ? R.cres[0] / redSize : R.cres[0];
      out[2 * q + 1] = mean ? R.cres[1] / redSize : R.cres[1];
      return;
    }
    const f = complex ? spec.complex as Reducer : real;
    let v: number;
    if (one) v = f(data, p, s1, n1);
    else {
      let acc = NaN;
      let first = true;
      forEachRow(rs.slice(0, -1), [rt.slice(0, -1)], [p], (pp, st, m) => {
        for (let i = 0, q = pp[0]; i < m; i++, q += st[0]) {
          const r = f(data, q, rt[rt.length - 1], rs[rs.length - 1]);
          acc = first ? r : combine(acc, r);
          first = false;
        }
      });
      v = acc;
    }
    if (mean) v /= redSize;
    if (toBool) v = v !== 0 ? 1 : 0;
    if (realToComplex) {
      out[2 * q] = v;
      out[2 * q + 1] = 0;
    } else out[q] = v;
  };
  if (outSize > 0) {
    forEachRow(keptShape, [keptStrides, outStrides], [a.offset, outOffset], (p, s, n) => {
      for (let i = 0, pa = p[0], po = p[1]; i < n; i++, pa += s[0], po += s[1]) visit(pa, po);
    });
  }
  if (direct) return outArg;
  const res = makeArray(out, rd, outShape);
  return outArg === undefined ? res : deliver(res, outArg);
}

const add = (x: number, y: number): number => x + y;
const cadd = (x: [number, number], y: [number, number]): void => {
  x[0] += y[0];
  x[1] += y[1];
};

const or = (x: number, y: number): number => (x !== 0 || y !== 0 ? 1 : 0);
const and = (x: number, y: number): number => (x !== 0 && y !== 0 ? 1 : 0);
const SUM: Spec = {
  name: "sum",
  real: R.sum,
  complex: R.csum,
  result: "same",
  widen: true,
  accumulates: true,
  bool: { reduce: R.any, combine: or },
  combine: add,
  ccombine: cadd,
};
const MEAN: Spec = { ...SUM, name: "mean", result: "mean" };
const PROD: Spec = {
  name: "prod",
  real: R.prod,
  int: R.iprod,
  complex: R.cprod,
  result: "same",
  widen: true,
  accumulates: true,
  bool: { reduce: R.all, combine: and },
  combine: (x, y) => x * y,
  ccombine: (x, y) => {
    const t = x[0] * y[0] - x[1] * y[1];
    x[1] = x[0] * y[1] + x[1] * y[0];
    x[0] = t;
  },
};
const nanMax = (x: number, y: number): number => (x !== x || y !== y ? NaN : x > y ? x : y);
const nanMin = (x: number, y: number): number => (x !== x || y !== y ? NaN : x < y ? x : y);
const cbetter = (sign: number) => (x: [number, number], y: [number, number]): void => {
  if (x[0] !== x[0] || x[1] !== x[1]) return;
  if (
    y[0] !== y[0] || y[1] !== y[1] ||
    (sign > 0
      ? y[0] > x[0] || (y[0] === x[0] && y[1] > x[1])
      : y[0] < x[0] || (y[0] === x[0] && y[1] < x[1]))
  ) {
    x[0] = y[0];
    x[1] = y[1];
  }
};
const MAX: Spec = {
  name: "max",
  real: R.max,
  complex: R.cmax,
  result: "same",
  noIdentity: "maximum",
  combine: nanMax,
  ccombine: cbetter(1),
};
const MIN: Spec = {
  name: "min",
  real: R.min,
  complex: R.cmin,
  result: "same",
  noIdentity: "minimum",
  combine: nanMin,
  ccombine: cbetter(-1),
};
const ALL: Spec = {
  name: "all",
  real: R.all,
  complex: R.call,
  result: "bool",
  combine: and,
};
const ANY: Spec = {
  name: "any",
  real: R.any,
  complex: R.cany,
  result: "bool",
  combine: or,
};

/**
 * The sum of the elements over the given axes (numpy's pairwise summation). The sum of int32
 * or bool elements is float64 (numpy: int64, which dlapack lacks): exact up to 2^53, where an
 * int32 sum would wrap around past 2^31 - 1.
 *
 * @param x An array or nested arrays.
 * @param options `axis` (default all), `keepdims`, `out` (see `ReduceOptions`), `dtype` (the
 * accumulation and result dtype, see `SumOptions`).
 * @returns The sums: a 0-d array when every axis is reduced.
 * @throws {RangeError} For an axis out of bounds, or an `out` whose shape is not the result's.
 * @throws {TypeError} For an `out` the result does not cast to within its kind, or a real
 * `dtype` for complex input.
 *
 * @example sum
 * ```ts
 * import assert from "node:assert/strict";
 * import { sum } from "jsr:@dlapack/dlapack";
 * const a = [[1, 2, 3], [4, 5, 6]];
 * assert.equal(sum(a).item(), 21);
 * assert.deepEqual(sum(a, { axis: 0 }).toArray(), [5, 7, 9]);
 * assert.deepEqual(sum(a, { axis: 1, keepdims: true }).toArray(), [[6], [15]]);
 * ```
 *
 * @example int32 and bool: float64, without wraparound
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, sum } from "jsr:@dlapack/dlapack";
 * const s = sum(array([2 ** 31 - 1, 1], { dtype: "int32" }));
 * assert.equal(s.dtype, "float64");
 * assert.equal(s.item(), 2147483648);
 * assert.equal(sum([true, true, false]).item(), 2);
 * ```
 *
 * @example out and dtype
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, sum, zeros } from "jsr:@dlapack/dlapack";
 * const a = array([[1, 2, 3], [4, 5, 6]]);
 * const out = zeros(3);
 * assert.equal(sum(a, { axis: 0, out }), out);
 * assert.deepEqual(out.toArray(), [5, 7, 9]);
 * const o32 = zeros([2, 1], { dtype: "float32" });
 * sum(a, { axis: 1, keepdims: true, out: o32 });
 * assert.deepEqual(o32.toArray(), [[6], [15]]);
 * assert.equal(sum([1.5, 2.5], { dtype: "int32" }).item(), 3);
 * assert.throws(() => sum(a, { axis: 0, out: zeros(2) }), RangeError);
 * assert.throws(() => sum(a, { out: zeros([], { dtype: "int32" }) }), TypeError);
 * ```
 */
export function sum(x: ArrayLike, options?: SumOptions): NDArray {
  return reduce(SUM, x, options);
}

/**
 * The arithmetic mean over the given axes (NaN for an empty reduction, as numpy's, which warns).
 *
 * @param x An array or nested arrays.
 * @param options `axis` (default all), `keepdims`, `out` (see `ReduceOptions`), `dtype` (the
 * accumulation and result dtype, see `SumOptions`).
 * @returns The means (float64 for int32 and bool input).
 * @throws {RangeError} For an axis out of bounds, or an `out` whose shape is not the result's.
 * @throws {TypeError} For an `out` the result does not cast to within its kind, or a real
 * `dtype` for complex input.
 *
 * @example mean
 * ```ts
 * import assert from "node:assert/strict";
 * import { mean } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(mean([[1, 2], [3, 4]], { axis: 0 }).toArray(), [2, 3]);
 * ```
 */
export function mean(x: ArrayLike, options?: SumOptions): NDArray {
  return reduce(MEAN, x, options);
}

/**
 * The product of the elements over the given axes (1 for an empty reduction). The product of
 * int32 or bool elements is float64, as for `sum` (exact up to 2^53, no wraparound).
 *
 * @param x An array or nested arrays.
 * @param options `axis` (default all), `keepdims`, `out` (see `ReduceOptions`), `dtype` (the
 * accumulation and result dtype, see `SumOptions`).
 * @returns The products.
 * @throws {RangeError} For an axis out of bounds, or an `out` whose shape is not the result's.
 * @throws {TypeError} For an `out` the result does not cast to within its kind, or a real
 * `dtype` for complex input.
 *
 * @example prod
 * ```ts
 * import assert from "node:assert/strict";
 * import { prod } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(prod([[1, 2], [3, 4]], { axis: 1 }).toArray(), [2, 12]);
 * ```
 */
export function prod(x: ArrayLike, options?: SumOptions): NDArray {
  return reduce(PROD, x, options);
}

/**
 * The largest element over the given axes; a NaN propagates (numpy's `max`).
 *
 * @param x An array or nested arrays.
 * @param options `axis` (default all), `keepdims`, `out` (see `ReduceOptions`).
 * @returns The maxima.
 * @throws {RangeError} For an empty reduction (it has no identity), an axis out of bounds, or
 * an `out` whose shape is not the result's.
 * @throws {TypeError} For an `out` the result does not cast to within its kind.
 *
 * @example max
 * ```ts
 * import assert from "node:assert/strict";
 * import { max } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(max([[1, 5], [3, 4]], { axis: 0 }).toArray(), [3, 5]);
 * assert.throws(() => max([]), RangeError);
 * ```
 */
export function max(x: ArrayLike, options?: ReduceOptions): NDArray {
  return reduce(MAX, x, options);
}

/**
 * The smallest element over the given axes; a NaN propagates (numpy's `min`).
 *
 * @param x An array or nested arrays.
 * @param options `axis` (default all), `keepdims`, `out` (see `ReduceOptions`).
 * @returns The minima.
 * @throws {RangeError} For an empty reduction (it has no identity), an axis out of bounds, or
 * an `out` whose shape is not the result's.
 * @throws {TypeError} For an `out` the result does not cast to within its kind.
 *
 * @example min
 * ```ts
 * import assert from "node:assert/strict";
 * import { min } from "jsr:@dlapack/dlapack";
 * assert.equal(min([[1, 5], [3, -4]]).item(), -4);
 * ```
 *
 * @example out
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, min, zeros } from "jsr:@dlapack/dlapack";
 * const out = zeros([1, 2]);
 * min(array([[1, 5], [3, -4]], { dtype: "int32" }), { axis: 0, keepdims: true, out });
 * assert.deepEqual(out.toArray(), [[1, -4]]);
 * ```
 */
export function min(x: ArrayLike, options?: ReduceOptions): NDArray {
  return reduce(MIN, x, options);
}

/**
 * Whether every element over the given axes is nonzero (true for an empty reduction).
 *
 * @param x An array or nested arrays.
 * @param options `axis` (default all), `keepdims`, `out` (see `ReduceOptions`).
 * @returns A bool array.
 * @throws {RangeError} For an axis out of bounds, or an `out` whose shape is not the result's.
 *
 * @example all
 * ```ts
 * import assert from "node:assert/strict";
 * import { all } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(all([[1, 0], [1, 1]], { axis: 1 }).toArray(), [false, true]);
 * ```
 */
export function all(x: ArrayLike, options?: ReduceOptions): NDArray {
  return reduce(ALL, x, options);
}

/**
 * Whether any element over the given axes is nonzero (false for an empty reduction).
 *
 * @param x An array or nested arrays.
 * @param options `axis` (default all), `keepdims`, `out` (see `ReduceOptions`).
 * @returns A bool array.
 * @throws {RangeError} For an axis out of bounds, or an `out` whose shape is not the result's.
 *
 * @example any
 * ```ts
 * import assert from "node:assert/strict";
 * import { any } from "jsr:@dlapack/dlapack";
 * assert.equal(any([[0, 0], [0, 1]]).item(), true);
 * ```
 */
export function any(x: ArrayLike, options?: ReduceOptions): NDArray {
  return reduce(ANY, x, options);
}

function argReduce(
  name: string,
  real: Reducer,
  complex: Reducer,
  x: unknown,
  options: ArgReduceOptions | undefined,
): NDArray {
  checkOptions(options, name, REDUCE_KEYS);
  const a = input(x, name);
  const axis = options?.axis;
  if (axis !== undefined && axis !== null && typeof axis !== "number") {
    throw new TypeError(
      `Invalid axis for ${name}(): expected an integer, got ${describeValue(axis)}`,
    );
  }
  const keepdims = options?.keepdims ?? false;
  if (typeof keepdims !== "boolean") {
    throw new TypeError(
      `Invalid keepdims for ${name}(): expected a boolean, got ${describeValue(keepdims)}`,
    );
  }
  const spec: Spec = {
    name,
    real,
    complex,
    result: "int32",
    noIdentity: name === "argmax" ? "argmax" : "argmin",
    combine: add,
  };
  const out = outOption(options?.out, name);
  if (axis === undefined || axis === null) {
    // The index into the flattened array: reduce a C-order copy over all axes.
    const shape = keepdims ? a.shape.map(() => 1) : [];
    if (out !== undefined) {
      if (out.dtype !== "int32") {
        throw new TypeError(
          `Invalid out for ${name}(): the indices are int32, and out is ${out.dtype}`,
        );
      }
      checkOut(out, shape, "int32", name);
    }
    const flat = a.reshape(a.size);
    const r = reduce({ ...spec, complex: complex }, flat, { axis: 0 });
    const res = keepdims ? r.reshape(shape) : r;
    return out === undefined ? res : deliver(res, out);
  }
  return reduce(spec, a, { axis, keepdims, out });
}

/**
 * The index of the largest element along an axis (the first one, or the first NaN), or into
 * the flattened array.
 *
 * @param x An array or nested arrays.
 * @param options `axis` (default none: flattened), `keepdims`, `out` (an int32 array of the
 * result's shape).
 * @returns int32 indices.
 * @throws {RangeError} For an empty array or axis (numpy's "attempt to get argmax of an empty
 * sequence").
 *
 * @example argmax
 * ```ts
 * import assert from "node:assert/strict";
 * import { argmax } from "jsr:@dlapack/dlapack";
 * assert.equal(argmax([[1, 9], [3, 4]]).item(), 1);
 * assert.deepEqual(argmax([[1, 9], [3, 4]], { axis: 0 }).toArray(), [1, 0]);
 * ```
 *
 * @example out
 * ```ts
 * import assert from "node:assert/strict";
 * import { argmax, zeros } from "jsr:@dlapack/dlapack";
 * const out = zeros(2, { dtype: "int32" });
 * argmax([[1, 9], [3, 4]], { axis: 1, out });
 * assert.deepEqual(out.toArray(), [1, 1]);
 * ```
 */
export function argmax(x: ArrayLike, options?: ArgReduceOptions): NDArray {
  return argReduce("argmax", R.argmax, R.cargmax, x, options);
}

/**
 * The index of the smallest element along an axis (the first one, or the first NaN), or into
 * the flattened array.
 *
 * @param x An array or nested arrays.
 * @param options `axis` (default none: flattened), `keepdims`, `out` (an int32 array of the
 * result's shape).
 * @returns int32 indices.
 * @throws {RangeError} For an empty array or axis.
 *
 * @example argmin
 * ```ts
 * import assert from "node:assert/strict";
 * import { argmin } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(argmin([[1, 9], [3, 0]], { axis: 1 }).toArray(), [0, 1]);
 * ```
 */
export function argmin(x: ArrayLike, options?: ArgReduceOptions): NDArray {
  return argReduce("argmin", R.argmin, R.cargmin, x, options);
}
