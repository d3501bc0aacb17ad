/**
 * Vector and matrix norms: `norm` (numpy's `linalg.norm`, every `ord` it accepts), and numpy
 * 2's `matrixNorm` and `vectorNorm`.
 *
 * The reduced axes are moved to the end (a view) and each norm is a small gufunc kernel over
 * them, so stacks, strides and dtypes behave as everywhere else. The 2-norm and the Frobenius
 * norm do not overflow or underflow where the result is representable (a plain sum of
 * squares first, then, only if that left the safe range, the scaled sum of BLAS `nrm2`);
 * complex magnitudes are `hypot(re, im)`. The spectral norms (`ord` 2, -2, "nuc") take the
 * singular values from `?gesdd` with `JOBZ = 'N'`, reading C-order matrices as their
 * transposes (same singular values). Results are real: float32 for float32 and complex64.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex, realDType } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import { array } from "../ndarray.ts";
import type { GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { svdFailure, svdPlan } from "../drivers/svd.ts";
import type { OptionKeys } from "./_util.ts";
import { arrayArg, checkOptions, optionKeys } from "./_util.ts";
import { describeValue } from "../_describe.ts";

/** A norm order: a number (Infinity and -Infinity included), "fro" (or "f"), "nuc". */
export type NormOrder = number | "fro" | "f" | "nuc" | null;

// ---------------------------------------------------------------------------------------------
// Reductions over n items of a contiguous scratch (complex items are (re, im) pairs).

/** sqrt(sum x[i]^2) over `len` floats, without overflow or underflow (BLAS nrm2's scaling). */
function l2(x: FloatArray, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += x[i] * x[i];
  // Accurate unless a square overflowed, or squares underflowed (s tiny), or NaN/Infinity.
  if (s < Infinity && s > 1e-280) return Math.sqrt(s);
  let scale = 0;
  let ssq = 1;
  let nan = false;
  let inf = false;
  for (let i = 0; i < len; i++) {
    const a = Math.abs(x[i]);
    if (a !== a) nan = true;
    else if (a === Infinity) inf = true;
    else if (a > 0) {
      if (scale < a) {
        const r = scale / a;
        ssq = 1 + ssq * r * r;
        scale = a;
      } else {
        const r = a / scale;
        ssq += r * r;
      }
    }
  }
  return nan ? NaN : inf ? Infinity : scale * Math.sqrt(ssq);
}

/** |x[i]| (complex: hypot). */
const abs = (x: FloatArray, i: number, complex: boolean): number =>
  complex ? Math.hypot(x[2 * i], x[2 * i + 1]) : Math.abs(x[i]);

/** Larger (or smaller) of two, NaN winning, as numpy's maximum and minimum. */
const max = (a: number, b: number): number => (b > a || b !== b ? b : a);
const min = (a: number, b: number): number => (b < a || b !== b ? b : a);

type Reduce = (x: FloatArray, n: number, complex: boolean) => number;

const sumAbs: Reduce = (x, n, c) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += abs(x, i, c);
  return s;
};
const maxAbs: Reduce = (x, n, c) => {
  let r = -Infinity;
  for (let i = 0; i < n; i++) r = max(r, abs(x, i, c));
  return r;
};
const minAbs: Reduce = (x, n, c) => {
  let r = Infinity;
  for (let i = 0; i < n; i++) r = min(r, abs(x, i, c));
  return r;
};
const nonzero: Reduce = (x, n, c) => {
  let s = 0;
  for (let i = 0; i < n; i++) if (c ? x[2 * i] !== 0 || x[2 * i + 1] !== 0 : x[i] !== 0) s++;
  return s;
};

/** (sum |x|^p)^(1/p); for p > 0 scaled by max |x| so that it neither overflows nor underflows. */
function pNorm(x: FloatArray, n: number, c: boolean, p: number): number {
  let scale = 1;
  if (p > 0) {
    scale = maxAbs(x, n, c);
    if (!(scale > 0 && scale < Infinity)) return n === 0 ? 0 : scale;
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += (abs(x, i, c) / scale) ** p;
  return scale * s ** (1 / p);
}

const all = (f: KernelFactory): Record<DType, KernelFactory> => ({
  float32: f,
  float64: f,
  complex64: f,
  complex128: f,
});

/** A vector norm over the last axis: "(n)->()". */
function vectorSpec(f: Reduce): GufuncSpec {
  return {
    name: "norm",
    signature: "(n)->()",
    outDTypes: [realDType],
    kernels: all(({ dims: { n }, dtype }) => {
      const c = isComplex(dtype);
      return ([x, out]) => {
        out[0] = f(x, n, c);
        return 0;
      };
    }),
  };
}

const V2 = vectorSpec((x, n, c) => l2(x, c ? 2 * n : n));
const V1 = vectorSpec(sumAbs);
const VMAX = vectorSpec(maxAbs);
const VMIN = vectorSpec(minAbs);
const V0 = vectorSpec(nonzero);
/** Any other p, passed as a second (0-d) input. */
const VP: GufuncSpec = {
  name: "norm",
  signature: "(n),()->()",
  outDTypes: [realDType],
  kernels: all(({ dims: { n }, dtype }) => {
    const c = isComplex(dtype);
    return ([x, p, out]) => {
      out[0] = pNorm(x, n, c, p[0]);
      return 0;
    };
  }),
};

/** A matrix norm of the last two axes, read in C order (row i at i * n): "(m,n)->()". */
function matrixSpec(
  make: (m: number, n: number, complex: boolean) => (a: FloatArray) => number,
): GufuncSpec {
  return {
    name: "norm",
    signature: "(m,n)->()",
    layouts: "CC",
    outDTypes: [realDType],
    kernels: all(({ dims: { m, n }, dtype }) => {
      const f = make(m, n, isComplex(dtype));
      return ([a, out]) => {
        out[0] = f(a);
        return 0;
      };
    }),
  };
}

const MFRO = matrixSpec((m, n, c) => (a) => l2(a, (c ? 2 : 1) * m * n));

/** Largest (smallest) column sum of |a|: ord 1 (-1). */
const columnSums = (pick: typeof max) =>
  matrixSpec((m, n, c) => {
    const sums = new Float64Array(n);
    return (a) => {
      sums.fill(0);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) sums[j] += abs(a, i * n + j, c);
      let r = sums[0];
      for (let j = 1; j < n; j++) r = pick(r, sums[j]);
      return r;
    };
  });

/** Largest (smallest) row sum of |a|: ord Infinity (-Infinity). */
const rowSums = (pick: typeof max) =>
  matrixSpec((m, n, c) => {
    const sub = (
      a: FloatArray,
      i: number,
    ) => (c ? a.subarray(2 * i * n, 2 * (i + 1) * n) : a.subarray(i * n, (i + 1) * n));
    return (a) => {
      let r = sumAbs(sub(a, 0), n, c);
      for (let i = 1; i < m; i++) r = pick(r, sumAbs(sub(a, i), n, c));
      return r;
    };
  });

const M1 = columnSums(max);
const MM1 = columnSums(min);
const MINF = rowSums(max);
const MMINF = rowSums(min);

/** The `info` a kernel returns for a matrix with NaN (LAPACK would reject it, numpy raises). */
const HAS_NAN = 0x7fffffff;

type SvReduce = "max" | "min" | "sum";

/**
 * Singular values by the SVD driver (`?gesdd` with JOBZ = 'N', `?gesvd` when it does not
 * converge), reduced to their max, min or sum. The C-order
 * scratch read as Fortran is A^T (n x m), which has the same singular values. A matrix with
 * Infinity gives NaN (as numpy's LAPACK call does), one with NaN fails (numpy raises).
 */
const svdKernel = (reduce: SvReduce): KernelFactory => ({ dims: { m, n }, dtype }) => {
  const k = Math.min(m, n);
  if (k === 0) {
    return ([, out]) => {
      out[0] = 0;
      return 0;
    };
  }
  const complex = isComplex(dtype);
  const step = complex ? 2 : 1;
  const floats = m * n * step;
  const s = allocData(realDType(dtype), k);
  const svd = svdPlan(n, m, dtype, "N");
  return ([a, out]) => {
    // LAPACK's max |a_ij| decides: NaN is rejected, Infinity (complex: either part) gives NaN.
    let inf = false;
    for (let i = 0; i < floats; i += step) {
      const mag = complex ? Math.hypot(a[i], a[i + 1]) : Math.abs(a[i]);
      if (mag !== mag) return HAS_NAN;
      if (mag === Infinity) inf = true;
    }
    if (inf) {
      out[0] = NaN;
      return 0;
    }
    const info = svd(a, s, s, s);
    if (info !== 0) return info;
    let r = reduce === "max" ? s[0] : s[k - 1];
    if (reduce === "sum") { for (let i = k - 2; i >= 0; i--) r += s[i]; }
    out[0] = r;
    return 0;
  };
};

function svdSpec(reduce: SvReduce): GufuncSpec {
  return {
    name: "norm",
    signature: "(m,n)->()",
    layouts: "CC",
    outDTypes: [realDType],
    kernels: all(svdKernel(reduce)),
    failure: (info) =>
      info === HAS_NAN ? "SVD did not converge: the matrix contains NaN" : svdFailure(info),
  };
}

const S2 = svdSpec("max");
const SM2 = svdSpec("min");
const SNUC = svdSpec("sum");

// ---------------------------------------------------------------------------------------------
// Axes and orders, numpy's way.

/** numpy's `normalize_axis_index`. */
function normalizeAxis(axis: unknown, nd: number): number {
  if (typeof axis !== "number" || !Number.isInteger(axis)) {
    throw new TypeError(
      `'axis' must be None, an integer or a tuple of integers: got ${describeValue(axis)}`,
    );
  }
  if (axis < -nd || axis >= nd) {
    throw new RangeError(`Axis ${axis} is out of bounds for array of dimension ${nd}`);
  }
  return axis < 0 ? axis + nd : axis;
}

/** The axes of an `axis` option, as a list (not yet normalized). */
function axisList(axis: number | readonly number[]): readonly unknown[] {
  if (typeof axis === "number") return [axis];
  if (!Array.isArray(axis)) {
    throw new TypeError(
      `'axis' must be None, an integer or a tuple of integers: got ${describeValue(axis)}`,
    );
  }
  return axis;
}

function checkOrd(ord: unknown): NormOrder {
  if (ord === undefined || ord === null) return null;
  if (typeof ord === "number" || typeof ord === "string") return ord as NormOrder;
  throw new TypeError(
    `Invalid norm order: expected a number, "fro" or "nuc", got ${describeValue(ord)}`,
  );
}

/** The array with axes `axes` moved to the end, in that order (a view). */
function moveLast(a: NDArray, axes: number[]): NDArray {
  const rest = a.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  return a.transpose([...rest, ...axes]);
}

/** `r` reshaped to `a`'s shape with 1 on the reduced axes (numpy's keepdims). */
function keep(r: NDArray, a: NDArray, axes: number[], keepdims: boolean): NDArray {
  return keepdims ? r.reshape(a.shape.map((d, i) => (axes.includes(i) ? 1 : d))) : r;
}

const emptyReduction = (op: string, what: string) =>
  new RangeError(`Zero-size array to reduction operation ${op} which has no identity: ${what}`);

/** A vector norm along one (normalized) axis. */
function vectorAlong(a: NDArray, axis: number, ord: NormOrder, keepdims: boolean): NDArray {
  if (typeof ord === "string") {
    // numpy's words and quotes; a long string cut as describeValue cuts it.
    throw new RangeError(
      `Invalid norm order '${ord.length > 40 ? ord.slice(0, 40) + "..." : ord}' for vectors`,
    );
  }
  const x = moveLast(a, [axis]);
  let spec = V2;
  if (ord === Infinity || ord === -Infinity) {
    if (a.shape[axis] === 0) {
      throw emptyReduction(
        ord > 0 ? "maximum" : "minimum",
        `the vector norm with ord=${ord} of an empty vector`,
      );
    }
    spec = ord > 0 ? VMAX : VMIN;
  } else if (ord === 0) spec = V0;
  else if (ord === 1) spec = V1;
  else if (ord !== null && ord !== 2) {
    return keep(runGufunc(VP, [x, array(ord)], { dtype: a.dtype })[0], a, [axis], keepdims);
  }
  return keep(runGufunc(spec, [x])[0], a, [axis], keepdims);
}

/** A matrix norm over two (normalized, distinct) axes: rows along `r`, columns along `c`. */
function matrixAlong(a: NDArray, r: number, c: number, ord: NormOrder, keepdims: boolean): NDArray {
  const [m, n] = [a.shape[r], a.shape[c]];
  let spec: GufuncSpec;
  let emptyAxis = -1; // the reduction numpy makes with max/min, and the size it reduces
  if (ord === 2 || ord === -2) [spec, emptyAxis] = [ord > 0 ? S2 : SM2, Math.min(m, n)];
  else if (ord === 1 || ord === -1) [spec, emptyAxis] = [ord > 0 ? M1 : MM1, n];
  else if (ord === Infinity || ord === -Infinity) [spec, emptyAxis] = [ord > 0 ? MINF : MMINF, m];
  else if (ord === null || ord === "fro" || ord === "f") spec = MFRO;
  else if (ord === "nuc") spec = SNUC;
  else {throw new RangeError(
      `Invalid norm order for matrices: ${
        describeValue(ord)
      } (expected 2, -2, 1, -1, Infinity, -Infinity, "fro" or "nuc")`,
    );}
  if (emptyAxis === 0) {
    throw emptyReduction(
      (ord as number) > 0 ? "maximum" : "minimum",
      `the matrix norm with ord=${ord} of a ${m}x${n} matrix`,
    );
  }
  return keep(runGufunc(spec, [moveLast(a, [r, c])])[0], a, [r, c], keepdims);
}

/** `norm` over an explicit list of axes. */
function normAlong(
  a: NDArray,
  axes: readonly unknown[],
  ord: NormOrder,
  keepdims: boolean,
): NDArray {
  if (axes.length === 1) return vectorAlong(a, normalizeAxis(axes[0], a.ndim), ord, keepdims);
  if (axes.length !== 2) {
    throw new RangeError(
      `Improper number of dimensions to norm: ${axes.length} axes given (shape (${
        a.shape.join(", ")
      })), expected 1 or 2`,
    );
  }
  const [r, c] = [normalizeAxis(axes[0], a.ndim), normalizeAxis(axes[1], a.ndim)];
  if (r === c) {
    throw new RangeError(
      `Duplicate axes given: axis (${describeValue(axes[0])}, ${
        describeValue(axes[1])
      }) for an array of dimension ${a.ndim}`,
    );
  }
  return matrixAlong(a, r, c, ord, keepdims);
}

/** The 2-norm of all elements, as one vector (numpy's fast path), 0-d or keepdims. */
function flatNorm(a: NDArray, keepdims: boolean): NDArray {
  const r = runGufunc(V2, [a.reshape([-1])])[0];
  return keepdims ? r.reshape(a.shape.map(() => 1)) : r;
}

// ---------------------------------------------------------------------------------------------
// Public functions.

/** The options of `norm`. */
export const NORM_KEYS: OptionKeys = optionKeys("ord", "axis", "keepdims");

/** Options of `norm`. */
export interface NormOptions {
  /**
   * The order. Vectors: 2 (default), Infinity (max |x|), -Infinity (min |x|), 0 (count of
   * non-zeros), 1, or any p (`sum(|x|^p)^(1/p)`). Matrices: "fro" (default), "nuc" (sum of
   * singular values), Infinity / -Infinity (max / min row sum), 1 / -1 (max / min column
   * sum), 2 / -2 (largest / smallest singular value).
   */
  ord?: NormOrder;
  /** One axis (vector norms) or two (matrix norms); default: all (1-D or 2-D input only, unless ord is unset). */
  axis?: number | readonly number[] | null;
  /** Keep the reduced axes with size 1. */
  keepdims?: boolean;
}

/**
 * A vector or matrix norm (numpy's `linalg.norm`). Without `axis`, a 1-D input gets a vector
 * norm and a 2-D input a matrix norm; without `ord` too, any input gets the 2-norm of all its
 * elements. A number `axis` takes vector norms along it; a pair, matrix norms over them.
 *
 * @param x The array.
 * @param options `ord`, `axis`, `keepdims`.
 * @returns The norms, real (float32 for float32 and complex64 input); 0-d for one norm.
 * @throws {RangeError} For an order numpy rejects ("Invalid norm order for matrices", ...),
 * axes out of bounds or repeated, more than two axes, or a max/min over an empty axis.
 * @throws {LinAlgError} "SVD did not converge" (ord 2, -2, "nuc" with NaN entries).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { norm } from "./norms.ts";
 * assert.equal(norm([3, 4]).item(), 5);
 * assert.equal(norm([[1, -2], [3, 4]], { ord: 1 }).item(), 6);
 * assert.deepEqual(norm([[3, 4], [6, 8]], { axis: 1 }).toArray(), [5, 10]);
 * assert.equal(norm([1e200, 1e200]).item(), Math.SQRT2 * 1e200);
 * ```
 */
export function norm(x: ArrayLike, options?: NormOptions): NDArray {
  checkOptions(options, "norm", NORM_KEYS);
  const a = arrayArg(x, 0, "norm");
  const ord = checkOrd(options?.ord);
  const keepdims = options?.keepdims === true;
  const axis = options?.axis;
  if (axis === undefined || axis === null) {
    if (ord === null) return flatNorm(a, keepdims);
    return normAlong(a, a.shape.map((_, i) => i), ord, keepdims);
  }
  return normAlong(a, axisList(axis), ord, keepdims);
}

/** The options of `matrixNorm`. */
export const MATRIX_NORM_KEYS: OptionKeys = optionKeys("ord", "keepdims");

/** Options of `matrixNorm`. */
export interface MatrixNormOptions {
  /** "fro" (default), "nuc", Infinity, -Infinity, 1, -1, 2, -2. */
  ord?: NormOrder;
  /** Keep the last two axes with size 1. */
  keepdims?: boolean;
}

/**
 * The matrix norm of each matrix of a stack (numpy 2's `linalg.matrix_norm`: the last two
 * axes).
 *
 * @param x A matrix or stack `(..., m, n)`.
 * @param options `ord` (default "fro"), `keepdims`.
 * @returns The norms, real; 0-d for one matrix.
 * @throws {RangeError} For fewer than two dimensions or an invalid order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matrixNorm } from "./norms.ts";
 * assert.equal(matrixNorm([[3, 0], [0, 4]]).item(), 5);
 * assert.equal(matrixNorm([[3, 0], [0, 4]], { ord: 2 }).item(), 4);
 * ```
 */
export function matrixNorm(x: ArrayLike, options?: MatrixNormOptions): NDArray {
  checkOptions(options, "matrixNorm", MATRIX_NORM_KEYS);
  const a = arrayArg(x, 0, "matrixNorm");
  const ord = checkOrd(options?.ord ?? "fro");
  return normAlong(a, [-2, -1], ord, options?.keepdims === true);
}

/** The options of `vectorNorm`. */
export const VECTOR_NORM_KEYS: OptionKeys = optionKeys("ord", "axis", "keepdims");

/** Options of `vectorNorm`. */
export interface VectorNormOptions {
  /** 2 (default), Infinity, -Infinity, 0, 1, or any p. */
  ord?: number | null;
  /** One axis or several (treated as one flattened vector); default: all elements. */
  axis?: number | readonly number[] | null;
  /** Keep the reduced axes with size 1. */
  keepdims?: boolean;
}

/**
 * The vector norm of all elements, or along one or several axes (numpy 2's
 * `linalg.vector_norm`; several axes are flattened into one vector).
 *
 * @param x The array.
 * @param options `ord` (default 2), `axis` (default all), `keepdims`.
 * @returns The norms, real; 0-d without `axis`.
 * @throws {RangeError} For axes out of bounds or repeated, or a string order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { vectorNorm } from "./norms.ts";
 * assert.equal(vectorNorm([[1, 2], [3, 4]], { ord: 1 }).item(), 10);
 * assert.deepEqual(vectorNorm([[1, -2], [3, 4]], { ord: Infinity, axis: 0 }).toArray(), [3, 4]);
 * ```
 */
export function vectorNorm(x: ArrayLike, options?: VectorNormOptions): NDArray {
  checkOptions(options, "vectorNorm", VECTOR_NORM_KEYS);
  const a = arrayArg(x, 0, "vectorNorm");
  const ord = checkOrd(options?.ord ?? 2);
  const keepdims = options?.keepdims === true;
  const axis = options?.axis;
  const axes = axis === undefined || axis === null
    ? a.shape.map((_, i) => i)
    : Array.from(axisList(axis), (ax) => normalizeAxis(ax, a.ndim)); // a hole is undefined, not skipped
  if (new Set(axes).size !== axes.length) {
    throw new RangeError(`Repeated axis in axis (${axes.join(", ")})`);
  }
  if (axes.length === 1) return vectorAlong(a, axes[0], ord, keepdims);
  const moved = moveLast(a, axes);
  const rest = moved.shape.slice(0, a.ndim - axes.length);
  const flat = moved.reshape([...rest, axes.reduce((p, i) => p * a.shape[i], 1)]);
  return keep(vectorAlong(flat, flat.ndim - 1, ord, false), a, axes, keepdims);
}
