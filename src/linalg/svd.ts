/**
 * The singular value decomposition (`?gesdd`, falling back to `?gesvd` for a matrix whose
 * divide and conquer does not converge) and what numpy builds on it: `svdvals`, `pinv`,
 * `matrixRank` and `cond`. With `hermitian: true` they use the eigendecomposition instead
 * (`?syevd` / `?heevd`), as numpy does.
 *
 * Every kernel reads the C-order matrix as its transpose: a row-major M x N matrix is a
 * column-major N x M matrix A^T, and A^T = U' S V'^H gives A = (V'^H)^T S U'^T, so LAPACK's V'^H
 * written column-major IS numpy's U in row-major order and U' is Vh: no copy, no transpose.
 * Likewise pinv(A)^T = pinv(A^T), so the pseudo-inverse of the transposed buffer, written
 * column-major, is the row-major answer.
 *
 * Input with NaN or infinities is a failure ("SVD did not converge"): LAPACK's `?gesdd`
 * rejects NaN and returns meaningless values for infinities, and numpy raises for NaN.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, doubleDType, floatsPerItem, isComplex, isSingle, realDType } from "../dtype.ts";
import type { ArrayLike } from "../ndarray.ts";
import { asarray, NDArray } from "../ndarray.ts";
import type { GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { LinAlgError } from "../errors.ts";
import { describeValue } from "../_describe.ts";
import { routine } from "../../ffi/backend.ts";
import { NONFINITE, svdFailure, svdPlan, svdTestHooks } from "../drivers/svd.ts";
import { evdPlan } from "../drivers/evd.ts";

export { svdTestHooks } from "../drivers/svd.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import {
  arrayArg,
  assertStacked2d,
  assertStackedSquare,
  BATCH_KEYS,
  checkOptions,
  letter,
  optionKeys,
} from "./_util.ts";
import { inv } from "./solve.ts";

const eighFailure = (info: number) =>
  info === NONFINITE
    ? "SVD did not converge: the matrix contains NaN or infinity"
    : `Eigenvalues did not converge: ?syevd/?heevd failed (info ${info})`;

/** Machine epsilon of a dtype's precision (numpy's `finfo(dtype).eps`). */
function eps(dtype: DType): number {
  return isSingle(dtype) ? 2 ** -23 : 2 ** -52;
}

/** `?syevd`/`?heevd` on the upper triangle of a column-major n x n matrix; eigenvalues in `w`. */
function eighRunner(
  n: number,
  dtype: DType,
  job: "V" | "N",
): { run: (a: FloatArray) => number; w: FloatArray } {
  const w = allocData(realDType(dtype), Math.max(1, n));
  const evd = evdPlan(n, dtype, job, "U");
  const fpi = floatsPerItem(dtype);
  const run = (a: FloatArray): number => {
    // LAPACK reads only the upper triangle: numpy ignores NaN elsewhere, and so do we.
    for (let j = 0; j < n; j++) {
      for (let i = j * n * fpi, end = (j * n + j + 1) * fpi; i < end; i++) {
        if (a[i] - a[i] !== 0) return NONFINITE;
      }
    }
    return evd(a, w);
  };
  return { run, w };
}

/**
 * Orders eigenvalues (ascending, as LAPACK returns them) by decreasing absolute value into
 * `order`: a merge from both ends, since |w| decreases over the negative ones and increases
 * over the rest.
 */
function byAbsDescending(w: FloatArray, n: number, order: Int32Array): void {
  let lo = 0;
  let hi = n - 1;
  for (let j = 0; j < n; j++) order[j] = Math.abs(w[lo]) > Math.abs(w[hi]) ? lo++ : hi--;
}

/** Singular values (descending) of the C-order buffer, by SVD or, hermitian, by eigenvalues. */
function singularValues(
  m: number,
  n: number,
  dtype: DType,
  hermitian: boolean,
): { run: (a: FloatArray) => number; s: FloatArray } {
  const k = Math.min(m, n);
  const s = allocData(realDType(dtype), Math.max(1, k));
  if (!hermitian) {
    const svd = svdPlan(n, m, dtype, "N");
    return { run: (a) => svd(a, s, s, s), s };
  }
  const eig = eighRunner(m, dtype, "N");
  const order = new Int32Array(Math.max(1, m));
  const run = (a: FloatArray): number => {
    const info = eig.run(a);
    if (info !== 0) return info;
    byAbsDescending(eig.w, m, order);
    for (let j = 0; j < m; j++) s[j] = Math.abs(eig.w[order[j]]);
    return 0;
  };
  return { run, s };
}

/** Writes the n x n identity into `a` (real or complex). */
function identity(a: FloatArray, n: number, fpi: number): void {
  a.fill(0);
  for (let i = 0; i < n; i++) a[i * (n + 1) * fpi] = 1;
}

const svdKernel = (
  job: "A" | "S" | "N",
  driver: "gesdd" | "gesvd" = "gesdd",
): KernelFactory =>
({ dims: { m, n }, dtype }) => {
  if (Math.min(m, n) === 0) {
    // Only full matrices reach here (the other results are empty): LAPACK leaves U and Vh
    // unset, numpy makes them identities.
    const fpi = floatsPerItem(dtype);
    return (b) => {
      identity(b[1], m, fpi);
      identity(b[3], n, fpi);
      return 0;
    };
  }
  // The buffer is A^T (n x m): its U' is our Vh, its V'^H our U, both in row-major order.
  const run = svdPlan(n, m, dtype, job, driver);
  if (job === "N") return (b) => run(b[0], b[1], b[1], b[1]);
  return (b) => run(b[0], b[2], b[3], b[1]);
};

const svdHermitianKernel: KernelFactory = ({ dims: { m }, dtype }) => {
  const eig = eighRunner(m, dtype, "V");
  const w = eig.w;
  const order = new Int32Array(Math.max(1, m));
  const complex = isComplex(dtype);
  // The buffer is A^T = conj(A) for the Hermitian A numpy builds from the lower triangle: its
  // eigenvectors W are the conjugates of A's. U = conj(W) in |eigenvalue| order, S = |w|,
  // Vh = sign(w) U^H (numpy moves the signs into Vh; a zero eigenvalue counts as positive).
  return ([a, u, s, vh]) => {
    const info = eig.run(a);
    if (info !== 0) return info;
    byAbsDescending(w, m, order);
    for (let j = 0; j < m; j++) {
      const k = order[j];
      s[j] = Math.abs(w[k]);
      const sg = w[k] < 0 ? -1 : 1;
      if (!complex) {
        for (let i = 0; i < m; i++) {
          const x = a[i + k * m];
          u[i * m + j] = x;
          vh[j * m + i] = sg * x;
        }
      } else {
        for (let i = 0; i < m; i++) {
          const re = a[2 * (i + k * m)];
          const im = a[2 * (i + k * m) + 1];
          u[2 * (i * m + j)] = re;
          u[2 * (i * m + j) + 1] = -im;
          vh[2 * (j * m + i)] = sg * re;
          vh[2 * (j * m + i) + 1] = sg * im;
        }
      }
    }
    return 0;
  };
};

const svdValsKernel = (hermitian: boolean): KernelFactory => ({ dims: { m, n = m }, dtype }) => {
  const sv = singularValues(m, n, dtype, hermitian);
  const k = Math.min(m, n);
  return ([a, out]) => {
    const info = sv.run(a);
    if (info !== 0) return info;
    for (let j = 0; j < k; j++) out[j] = sv.s[j];
    return 0;
  };
};

const ALL = <T>(f: T) => ({ float32: f, float64: f, complex64: f, complex128: f });
const real = (d: DType) => realDType(d);

const svdSpec = (
  signature: string,
  job: "A" | "S",
  driver: "gesdd" | "gesvd" = "gesdd",
): GufuncSpec => ({
  name: "svd",
  signature,
  layouts: "CCFC",
  outDTypes: [(d) => d, real, (d) => d],
  kernels: ALL(svdKernel(job, driver)),
  failure: svdFailure,
});
const svdValsSpec = (signature: string, hermitian: boolean): GufuncSpec => ({
  name: "svd",
  signature,
  layouts: "CF",
  outDTypes: [real],
  kernels: ALL(svdValsKernel(hermitian)),
  failure: hermitian ? eighFailure : svdFailure,
});

// numpy binds K = min(M, N) per call; our engine binds names, so each shape class has a spec.
const SVD_FULL_WIDE = svdSpec("(m,n)->(m,m),(m),(n,n)", "A");
const SVD_FULL_TALL = svdSpec("(m,n)->(m,m),(n),(n,n)", "A");
const SVD_REDUCED_WIDE = svdSpec("(m,n)->(m,m),(m),(m,n)", "S");
const SVD_REDUCED_TALL = svdSpec("(m,n)->(m,n),(n),(n,n)", "S");
// scipy's lapack_driver="gesvd".
const GESVD_FULL_WIDE = svdSpec("(m,n)->(m,m),(m),(n,n)", "A", "gesvd");
const GESVD_FULL_TALL = svdSpec("(m,n)->(m,m),(n),(n,n)", "A", "gesvd");
const GESVD_REDUCED_WIDE = svdSpec("(m,n)->(m,m),(m),(m,n)", "S", "gesvd");
const GESVD_REDUCED_TALL = svdSpec("(m,n)->(m,n),(n),(n,n)", "S", "gesvd");
const SVDVALS_WIDE = svdValsSpec("(m,n)->(m)", false);
const SVDVALS_TALL = svdValsSpec("(m,n)->(n)", false);
const SVDVALS_HERMITIAN = svdValsSpec("(m,m)->(m)", true);
const SVD_HERMITIAN: GufuncSpec = {
  name: "svd",
  signature: "(m,m)->(m,m),(m),(m,m)",
  layouts: "CCFC",
  outDTypes: [(d) => d, real, (d) => d],
  kernels: ALL(svdHermitianKernel),
  failure: eighFailure,
};

/** Reads a boolean option (default `def`), rejecting anything else. */
function flag(options: object | undefined, key: string, name: string, def: boolean): boolean {
  const v = (options as Record<string, unknown> | undefined)?.[key];
  if (v === undefined) return def;
  if (typeof v !== "boolean") {
    throw new TypeError(
      `Invalid option ${key} for ${name}(): expected a boolean, got ${describeValue(v)}`,
    );
  }
  return v;
}

/** The options passed to the engine: the batch policy only, and optionally a result dtype. */
function batch(options: BatchOptions | undefined, dtype?: DType) {
  return { errors: options?.errors, precision: options?.precision, dtype };
}

/** The two core dimensions of a checked stack of matrices. */
function coreDims(a: NDArray): [number, number] {
  return [a.shape[a.ndim - 2], a.shape[a.ndim - 1]];
}

/** Singular values of a checked stack, as `svd(a, { computeUv: false })`. */
function svals(a: NDArray, hermitian: boolean, options: BatchOptions | undefined): NDArray {
  const [m, n] = coreDims(a);
  const spec = hermitian ? SVDVALS_HERMITIAN : m <= n ? SVDVALS_WIDE : SVDVALS_TALL;
  return runGufunc(spec, [a], batch(options))[0];
}

/** The options of `svd`. */
export const SVD_KEYS: OptionKeys = optionKeys(
  "fullMatrices",
  "computeUv",
  "hermitian",
  "lapackDriver",
  ...BATCH_KEYS,
);
/** The options of `svdvals`. */
export const SVDVALS_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);

/** Options of `svd`. */
export interface SvdOptions extends BatchOptions {
  /** U is M x M and Vh N x N (default true), else M x K and K x N with K = min(M, N). */
  fullMatrices?: boolean;
  /** Compute U and Vh (default true); false returns `{ S }` only. */
  computeUv?: boolean;
  /**
   * The matrix is Hermitian (symmetric if real): use the eigendecomposition of its lower
   * triangle (`?syevd`/`?heevd`), as numpy. Default false.
   */
  hermitian?: boolean;
  /** scipy's `lapack_driver`: "gesdd" (default, divide and conquer) or "gesvd" (QR iteration). */
  lapackDriver?: "gesdd" | "gesvd";
}

/** The result of `svd`: `a = U @ diag(S) @ Vh`. */
export interface SvdResult {
  /** Left singular vectors, as columns: `(..., M, M)` or `(..., M, K)`. */
  U: NDArray;
  /** Singular values, descending, real (float64 for complex128): `(..., K)`. */
  S: NDArray;
  /** Right singular vectors, as rows (conjugate-transposed): `(..., N, N)` or `(..., K, N)`. */
  Vh: NDArray;
}

/**
 * The singular values only: with `computeUv: false` the result is `{ S }` (see the main
 * overload below, and `svdvals`).
 *
 * @param a A matrix `(..., M, N)`.
 * @param options As below, with `computeUv: false`.
 * @returns `{ S }`, the real singular values `(..., K)`, descending.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { svd } from "./svd.ts";
 * const { S } = svd([[0, 2], [1, 0]], { computeUv: false });
 * assert.deepEqual(S.toArray(), [2, 1]);
 * ```
 */
export function svd(a: ArrayLike, options: SvdOptions & { computeUv: false }): { S: NDArray };
/**
 * The singular value decomposition `a = U @ diag(S) @ Vh` of a matrix or of each matrix of a
 * stack (`?gesdd`; `?gesvd` for a matrix where `?gesdd` does not converge). With
 * `computeUv: false` the result is `{ S }` (numpy returns the bare array; results with
 * several parts are objects here, so the one-part result is too; see also `svdvals`).
 *
 * With `hermitian: true` the lower triangle is read as a Hermitian matrix and decomposed with
 * `?syevd`/`?heevd`: S = |eigenvalues| sorted descending, U the eigenvectors, and the signs of
 * the eigenvalues moved into Vh (numpy's method; a zero eigenvalue keeps a + sign, so Vh stays
 * unitary where numpy zeroes that row).
 *
 * @param a A matrix `(..., M, N)`.
 * @param options `lapackDriver: "gesdd" | "gesvd"` (scipy's; default "gesdd"),
 * `fullMatrices` (default true), `computeUv` (default true), `hermitian`
 * (default false), `errors: "raise" | "nan"`, `precision: "double" | "single"`.
 * @returns `{ U, S, Vh }`, or `{ S }` when `computeUv` is false. U and Vh have the input's
 * dtype; S is real.
 * @throws {LinAlgError} "SVD did not converge" (also for NaN or infinite entries), naming
 * the item of a stack; fewer than 2 dimensions; non-square input with `hermitian`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { svd } from "./svd.ts";
 * const { U, S, Vh } = svd([[3, 0], [0, -4]]);
 * assert.deepEqual(S.toArray(), [4, 3]);
 * // U diag(S) Vh rebuilds the matrix
 * const u = U.toArray() as number[][];
 * const s = S.toArray() as number[];
 * const vh = Vh.toArray() as number[][];
 * const a10 = u[1][0] * s[0] * vh[0][0] + u[1][1] * s[1] * vh[1][0];
 * assert.ok(Math.abs(a10) < 1e-15);
 * assert.equal(svd([[1, 2, 3]], { fullMatrices: false }).Vh.shape.join("x"), "1x3");
 * assert.deepEqual(Object.keys(svd([[1, 2]], { computeUv: false })), ["S"]);
 * ```
 */
export function svd(a: ArrayLike, options?: SvdOptions): SvdResult;
export function svd(a: ArrayLike, options?: SvdOptions): SvdResult | { S: NDArray } {
  checkOptions(options, "svd", SVD_KEYS);
  const full = flag(options, "fullMatrices", "svd", true);
  const uv = flag(options, "computeUv", "svd", true);
  const hermitian = flag(options, "hermitian", "svd", false);
  const driver = options?.lapackDriver ?? "gesdd";
  if (driver !== "gesdd" && driver !== "gesvd") {
    throw new TypeError(
      `Invalid lapackDriver for svd(): expected "gesdd" or "gesvd", got ${describeValue(driver)}`,
    );
  }
  const arr = arrayArg(a, 0, "svd");
  if (hermitian) assertStackedSquare(arr, "svd");
  else assertStacked2d(arr, "svd");
  const gesvd = driver === "gesvd" && !hermitian;
  if (!uv && !gesvd) return { S: svals(arr, hermitian, options) };
  const [m, n] = coreDims(arr);
  const wide = m <= n;
  const spec = hermitian
    ? SVD_HERMITIAN
    : gesvd
    ? (full && uv
      ? (wide ? GESVD_FULL_WIDE : GESVD_FULL_TALL)
      : (wide ? GESVD_REDUCED_WIDE : GESVD_REDUCED_TALL))
    : full
    ? (wide ? SVD_FULL_WIDE : SVD_FULL_TALL)
    : (wide ? SVD_REDUCED_WIDE : SVD_REDUCED_TALL);
  const [U, S, Vh] = runGufunc(spec, [arr], batch(options));
  if (!uv) return { S };
  return { U, S, Vh };
}

/**
 * The singular values of a matrix or of each matrix of a stack, descending (numpy 2's
 * `svdvals`, the same as `svd(a, { computeUv: false }).S`), by `?gesdd` without vectors.
 *
 * @param a A matrix `(..., M, N)`.
 * @param options `errors`, `precision`.
 * @returns The real singular values `(..., K)`, K = min(M, N).
 * @throws {LinAlgError} "SVD did not converge" (also for NaN or infinite entries).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { svdvals } from "./svd.ts";
 * const s = svdvals([[0, 2], [1, 0], [0, 0]]).toArray() as number[];
 * assert.deepEqual(s.map((x) => Math.round(x * 1e12) / 1e12), [2, 1]);
 * ```
 */
export function svdvals(a: ArrayLike, options?: BatchOptions): NDArray {
  checkOptions(options, "svdvals", SVDVALS_KEYS);
  const arr = arrayArg(a, 0, "svdvals");
  assertStacked2d(arr, "svdvals");
  return svals(arr, false, options);
}

/** `?gemm` with alpha 1 and beta 0, for the products of the pseudo-inverse. */
function gemmOf(dtype: DType) {
  const gemm = routine(`${letter(dtype)}gemm`);
  const one = allocData(dtype, 1);
  one[0] = 1;
  const zero = allocData(dtype, 1);
  return (
    ta: "N" | "T" | "C",
    tb: "N" | "T" | "C",
    m: number,
    n: number,
    k: number,
    a: FloatArray,
    lda: number,
    b: FloatArray,
    ldb: number,
    c: FloatArray,
  ) =>
    gemm(ta, tb, m, n, k, one, a, Math.max(1, lda), b, Math.max(1, ldb), zero, c, Math.max(1, m));
}

const pinvKernel: KernelFactory = ({ dims: { m, n }, dtype }) => {
  // The buffer is B = A^T (n x m) and the result buffer, read column-major, is pinv(B) (m x n)
  // = Vh^H S^+ U^H over the r singular values above the cutoff:
  // out[j + i m] = sum_c conj(Vh[c, j]) / s_c conj(U[i, c]).
  const k = Math.min(m, n);
  const fpi = floatsPerItem(dtype);
  const run = svdPlan(n, m, dtype, "S");
  const u = allocData(dtype, n * k);
  const vt = allocData(dtype, k * m);
  const v = allocData(dtype, m); // conj(row c of vt): the inner loop runs over it contiguously
  const s = allocData(realDType(dtype), k);
  const complex = isComplex(dtype);
  const gemm = gemmOf(dtype);
  const t = complex ? "C" : "T";
  return ([a, rc, p]) => {
    const info = run(a, s, u, vt);
    if (info !== 0) return info;
    const cutoff = rc[0] * s[0];
    let r = 0;
    while (r < k && s[r] > cutoff) r++; // descending
    if (r * m * n > svdTestHooks.pinvGemmAbove) {
      // U S^+ in place, then out = Vh^H (U S^+)^H with the BLAS.
      for (let c = 0; c < r; c++) {
        const inv = 1 / s[c];
        for (let i = c * n * fpi, end = (c + 1) * n * fpi; i < end; i++) u[i] *= inv;
      }
      gemm(t, t, m, n, r, vt, k, u, n, p);
      return 0;
    }
    p.fill(0);
    for (let c = 0; c < r; c++) {
      const inv = 1 / s[c];
      if (!complex) {
        for (let j = 0; j < m; j++) v[j] = vt[c + j * k];
        for (let i = 0; i < n; i++) {
          const f = u[i + c * n] * inv;
          for (let j = 0, o = i * m; j < m; j++) p[o + j] += v[j] * f;
        }
      } else {
        for (let j = 0; j < m; j++) {
          v[2 * j] = vt[2 * (c + j * k)];
          v[2 * j + 1] = -vt[2 * (c + j * k) + 1];
        }
        for (let i = 0; i < n; i++) {
          const fr = u[2 * (i + c * n)] * inv;
          const fi = -u[2 * (i + c * n) + 1] * inv;
          for (let j = 0, o = 2 * i * m; j < m; j++) {
            const vr = v[2 * j];
            const vi = v[2 * j + 1];
            p[o + 2 * j] += vr * fr - vi * fi;
            p[o + 2 * j + 1] += vr * fi + vi * fr;
          }
        }
      }
    }
    return 0;
  };
};

const pinvHermitianKernel: KernelFactory = ({ dims: { m }, dtype }) => {
  // The buffer is H = conj(A) (Hermitian), the result buffer read column-major is
  // pinv(H) = sum_c w_c w_c^H / lambda_c over |lambda_c| > cutoff.
  const eig = eighRunner(m, dtype, "V");
  const w = eig.w;
  const fpi = floatsPerItem(dtype);
  const complex = isComplex(dtype);
  const gemm = gemmOf(dtype);
  const x = allocData(dtype, m * m); // the kept eigenvectors divided by their eigenvalues
  const y = allocData(dtype, m * m); // the kept eigenvectors
  return ([a, rc, p]) => {
    const info = eig.run(a);
    if (info !== 0) return info;
    const cutoff = rc[0] * Math.max(Math.abs(w[0]), Math.abs(w[m - 1]));
    let r = 0;
    for (let c = 0; c < m; c++) if (Math.abs(w[c]) > cutoff) r++;
    if (r * m * m > svdTestHooks.pinvGemmAbove) {
      const col = m * fpi;
      for (let c = 0, q = 0; c < m; c++) {
        if (!(Math.abs(w[c]) > cutoff)) continue;
        const inv = 1 / w[c];
        for (let i = 0; i < col; i++) {
          y[q + i] = a[c * col + i];
          x[q + i] = a[c * col + i] * inv;
        }
        q += col;
      }
      gemm("N", complex ? "C" : "T", m, m, r, x, m, y, m, p);
      return 0;
    }
    p.fill(0);
    for (let c = 0; c < m; c++) {
      if (!(Math.abs(w[c]) > cutoff)) continue;
      const inv = 1 / w[c];
      if (!complex) {
        for (let i = 0; i < m; i++) {
          const f = a[i + c * m] * inv;
          for (let j = 0, o = i * m, q = c * m; j < m; j++) p[o + j] += a[q + j] * f;
        }
      } else {
        for (let i = 0; i < m; i++) {
          const fr = a[2 * (i + c * m)] * inv;
          const fi = -a[2 * (i + c * m) + 1] * inv;
          for (let j = 0, o = 2 * i * m, q = 2 * c * m; j < m; j++) {
            const vr = a[q + 2 * j];
            const vi = a[q + 2 * j + 1];
            p[o + 2 * j] += vr * fr - vi * fi;
            p[o + 2 * j + 1] += vr * fi + vi * fr;
          }
        }
      }
    }
    return 0;
  };
};

const PINV: GufuncSpec = {
  name: "pinv",
  signature: "(m,n),()->(n,m)",
  layouts: "CFC",
  kernels: ALL(pinvKernel),
  failure: svdFailure,
};
const PINV_HERMITIAN: GufuncSpec = {
  name: "pinv",
  signature: "(m,m),()->(m,m)",
  layouts: "CFC",
  kernels: ALL(pinvHermitianKernel),
  failure: eighFailure,
};

/** The options of `pinv`. */
export const PINV_KEYS: OptionKeys = optionKeys("rcond", "rtol", "hermitian", ...BATCH_KEYS);

/** Options of `pinv`. */
export interface PinvOptions extends BatchOptions {
  /**
   * Cutoff relative to the largest singular value (numpy's legacy name of `rtol`); singular
   * values at or below `rcond * max(S)` count as zero. Default 1e-15 when neither `rcond`
   * nor `rtol` is given, as numpy.
   */
  rcond?: number | ArrayLike | null;
  /**
   * The same cutoff, by its numpy 2 name; `null` selects `max(M, N) * eps` of the dtype
   * (numpy's `rtol=None`). Cannot be combined with `rcond`.
   */
  rtol?: number | ArrayLike | null;
  /** The matrix is Hermitian: use its eigendecomposition (lower triangle). Default false. */
  hermitian?: boolean;
}

/**
 * The Moore-Penrose pseudo-inverse of a matrix or of each matrix of a stack, numpy's way:
 * the SVD, singular values at or below `rcond * max(S)` dropped, then `V diag(1/S) U^H`
 * (computed in the kernel, in the computation precision, without intermediate arrays: a JS
 * loop for small matrices, the library's `?gemm` above 4096 flops).
 *
 * @param a A matrix `(..., M, N)`.
 * @param options `rcond` or `rtol` (a number, or an array broadcasting against the stack),
 * `hermitian`, `errors`, `precision`.
 * @returns The pseudo-inverse `(..., N, M)`, in the input's dtype.
 * @throws {LinAlgError} "SVD did not converge" (also for NaN or infinite entries).
 * @throws {RangeError} When both `rcond` and `rtol` are set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pinv } from "./svd.ts";
 * const p = pinv([[1, 2], [2, 4]]).toArray() as number[][]; // singular: rank 1
 * const want = [[0.04, 0.08], [0.08, 0.16]];
 * assert.ok(p.flat().every((x, i) => Math.abs(x - want.flat()[i]) < 1e-12));
 * assert.deepEqual(pinv([[1, 2, 3]]).shape, [3, 1]);
 * ```
 */
export function pinv(a: ArrayLike, options?: PinvOptions): NDArray {
  checkOptions(options, "pinv", PINV_KEYS);
  const hermitian = flag(options, "hermitian", "pinv", false);
  const arr = arrayArg(a, 0, "pinv");
  if (hermitian) assertStackedSquare(arr, "pinv");
  else assertStacked2d(arr, "pinv");
  const rcond = options?.rcond ?? null;
  const rtol = options?.rtol;
  if (rcond !== null && rtol !== undefined) {
    throw new RangeError("`rtol` and `rcond` can't be both set: pinv() takes one cutoff");
  }
  const cut = rcond ??
    (rtol === undefined ? 1e-15 : rtol ?? Math.max(...coreDims(arr)) * eps(arr.dtype));
  return runGufunc(
    hermitian ? PINV_HERMITIAN : PINV,
    [arr, asarray(cut)],
    batch(options, arr.dtype),
  )[0];
}

const rankKernel =
  (relative: boolean, hermitian: boolean): KernelFactory => ({ dims: { m, n = m }, dtype }) => {
    const k = Math.min(m, n);
    if (k === 0) {
      return (b) => {
        b[2][0] = 0;
        return 0;
      };
    }
    const sv = singularValues(m, n, dtype, hermitian);
    const s = sv.s;
    return ([a, tol, out]) => {
      const info = sv.run(a);
      if (info !== 0) return info;
      const threshold = relative ? tol[0] * s[0] : tol[0];
      let r = 0;
      for (let j = 0; j < k; j++) if (s[j] > threshold) r++;
      out[0] = r;
      return 0;
    };
  };

const rankSpec = (relative: boolean, hermitian: boolean): GufuncSpec => ({
  name: "matrixRank",
  signature: hermitian ? "(m,m),()->()" : "(m,n),()->()",
  layouts: "CFF",
  outDTypes: [() => "float64"],
  kernels: ALL(rankKernel(relative, hermitian)),
  failure: hermitian ? eighFailure : svdFailure,
});
const RANK = [
  rankSpec(false, false),
  rankSpec(true, false),
  rankSpec(false, true),
  rankSpec(true, true),
];

/** The options of `matrixRank`. */
export const MATRIX_RANK_KEYS: OptionKeys = optionKeys("tol", "rtol", "hermitian", ...BATCH_KEYS);

/** Options of `matrixRank`. */
export interface MatrixRankOptions extends BatchOptions {
  /** Absolute threshold: singular values above it count (number or array over the stack). */
  tol?: number | ArrayLike | null;
  /** Threshold relative to the largest singular value; default `max(M, N) * eps`. */
  rtol?: number | ArrayLike | null;
  /** The matrix is Hermitian: use its eigenvalues (lower triangle). Default false. */
  hermitian?: boolean;
}

/**
 * The rank of a matrix or of each matrix of a stack by numpy's rule: the number of singular
 * values above `tol`, or above `rtol * max(S)` (default `rtol = max(M, N) * eps` of the
 * dtype: float32 input uses float32's eps, as numpy). A vector (or scalar) has rank 1 unless
 * it is all zeros. An empty matrix has rank 0 (numpy 2).
 *
 * @param a A matrix `(..., M, N)`, a vector or a scalar.
 * @param options `tol` or `rtol` (a number or an array broadcasting against the stack),
 * `hermitian`, `errors`, `precision`.
 * @returns The ranks as an int32 array (0-d for one matrix: `.item()`); with `errors: "nan"`,
 * a matrix whose SVD failed has rank -1.
 * @throws {LinAlgError} "SVD did not converge" (also for NaN or infinite entries).
 * @throws {RangeError} When both `tol` and `rtol` are set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matrixRank } from "./svd.ts";
 * assert.equal(matrixRank([[1, 2], [2, 4]]).item(), 1);
 * assert.deepEqual(matrixRank([[[1, 0], [0, 1]], [[0, 0], [0, 0]]]).toArray(), [2, 0]);
 * assert.equal(matrixRank([[1, 0], [0, 1e-3]], { tol: 0.01 }).item(), 1);
 * ```
 */
export function matrixRank(a: ArrayLike, options?: MatrixRankOptions): NDArray {
  checkOptions(options, "matrixRank", MATRIX_RANK_KEYS);
  const hermitian = flag(options, "hermitian", "matrixRank", false);
  const arr = arrayArg(a, 0, "matrixRank");
  const tol = options?.tol ?? null;
  const rtol = options?.rtol ?? null;
  if (tol !== null && rtol !== null) {
    throw new RangeError("`tol` and `rtol` can't be both set: matrixRank() takes one threshold");
  }
  if (arr.ndim < 2) {
    return new NDArray(Int32Array.of(arr.copy().data.some((x) => x !== 0) ? 1 : 0), "int32", []);
  }
  if (hermitian) assertStackedSquare(arr, "matrixRank");
  const relative = tol === null;
  const threshold = tol ?? rtol ?? Math.max(...coreDims(arr)) * eps(arr.dtype);
  const spec = RANK[(relative ? 1 : 0) + (hermitian ? 2 : 0)];
  return toRanks(runGufunc(spec, [arr, asarray(threshold)], batch(options, arr.dtype))[0]);
}

/** The ranks as int32 (numpy's integer result); an item that failed (`errors: "nan"`) is -1. */
function toRanks(r: NDArray): NDArray {
  const f = r.data;
  const out = new Int32Array(f.length);
  for (let i = 0; i < f.length; i++) out[i] = f[i] === f[i] ? f[i] : -1;
  return new NDArray(out, "int32", r.shape);
}

const condKernel = (inverse: boolean): KernelFactory => ({ dims: { m, n }, dtype }) => {
  const k = Math.min(m, n);
  const sv = singularValues(m, n, dtype, false);
  const s = sv.s;
  return ([a, out]) => {
    // numpy: NaN fails in the SVD; infinities give NaN singular values, reported as Infinity.
    let inf = false;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (x !== x) return NONFINITE;
      if (x === Infinity || x === -Infinity) inf = true;
    }
    if (inf) {
      out[0] = Infinity;
      return 0;
    }
    const info = sv.run(a);
    if (info !== 0) return info;
    const r = inverse ? s[k - 1] / s[0] : s[0] / s[k - 1];
    out[0] = r !== r ? Infinity : r; // 0 / 0: the zero matrix
    return 0;
  };
};

const condSpec = (inverse: boolean): GufuncSpec => ({
  name: "cond",
  signature: "(m,n)->()",
  layouts: "CF",
  outDTypes: [real],
  kernels: ALL(condKernel(inverse)),
  failure: svdFailure,
});
const COND2 = condSpec(false);
const COND_MINUS2 = condSpec(true);

/** The norm orders `cond` takes (numpy's `p`). */
export type CondOrder = 2 | -2 | 1 | -1 | number | "fro" | "nuc";

/**
 * The matrix norm of order `p` of every matrix of a stack, in double precision, and whether
 * each matrix has a NaN (numpy keeps NaN for those and reports Infinity for the others).
 */
function norms(x: NDArray, p: number | "fro"): { norm: Float64Array; nan: Uint8Array } {
  const nd = x.ndim;
  const rows = x.shape[nd - 2];
  const cols = x.shape[nd - 1];
  const f = floatsPerItem(x.dtype);
  const sr = x.strides[nd - 2] * f;
  const sc = x.strides[nd - 1] * f;
  const items = x.size / (rows * cols);
  const norm = new Float64Array(items);
  const nan = new Uint8Array(items);
  const d = x.data;
  const sums = new Float64Array(p === "fro" ? 0 : Math.abs(p) === 1 ? cols : rows);
  for (let it = 0; it < items; it++) {
    let off = x.offset * f;
    for (let r = it, ax = nd - 3; ax >= 0; ax--) {
      off += (r % x.shape[ax]) * x.strides[ax] * f;
      r = Math.floor(r / x.shape[ax]);
    }
    let fro = 0;
    let hasNaN = false;
    sums.fill(0);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const at = off + i * sr + j * sc;
        const re = d[at];
        const im = f === 2 ? d[at + 1] : 0;
        if (re !== re || im !== im) hasNaN = true;
        const abs = f === 2 ? Math.hypot(re, im) : Math.abs(re);
        if (p === "fro") fro += abs * abs;
        else if (Math.abs(p) === 1) sums[j] += abs;
        else sums[i] += abs;
      }
    }
    nan[it] = hasNaN ? 1 : 0;
    if (p === "fro") norm[it] = Math.sqrt(fro);
    else if (hasNaN) norm[it] = NaN;
    else {
      let best = sums[0];
      for (let i = 1; i < sums.length; i++) {
        best = p > 0 ? Math.max(best, sums[i]) : Math.min(best, sums[i]);
      }
      norm[it] = best;
    }
  }
  return { norm, nan };
}

/** Sum of the singular values of each matrix (nuclear norm); NaN where the SVD fails. */
function nuclear(x: NDArray, options: BatchOptions | undefined): Float64Array {
  const s = svals(x, false, { precision: options?.precision, errors: "nan" });
  const k = s.shape[s.ndim - 1];
  const out = new Float64Array(s.size / k);
  const d = s.data;
  for (let i = 0; i < out.length; i++) {
    let t = 0;
    for (let j = 0; j < k; j++) t += d[i * k + j];
    out[i] = t;
  }
  return out;
}

/** The options of `cond` (the order is its second argument). */
export const COND_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);

/**
 * The condition number of a matrix or of each matrix of a stack in the norm of order `p`:
 * for `p` undefined, null, 2 or -2 the ratio of the largest to the smallest singular value
 * (or its inverse for -2), any shape; for "fro", "nuc", Infinity, -Infinity, 1 and -1 (square
 * matrices) `norm(x, p) * norm(inv(x), p)`, as numpy. A singular matrix gives Infinity (numpy's
 * documented convention: NaN results become Infinity unless the matrix has NaN entries).
 *
 * @param x A matrix `(..., M, N)` (square unless `p` is undefined, null or ±2).
 * @param p The norm order: undefined/null (2-norm), 2, -2, "fro", "nuc", Infinity,
 * -Infinity, 1 or -1.
 * @param options `errors`, `precision` (for the 2-norm path; NaN entries fail there, as numpy).
 * @returns The condition numbers, real (float32 for single-precision input): 0-d for one
 * matrix (`.item()`).
 * @throws {LinAlgError} "cond is not defined on empty arrays"; "SVD did not converge" for NaN
 * entries with the 2-norm; non-square input for other orders.
 * @throws {RangeError} For another number or string `p` ("Invalid norm order for matrices").
 * @throws {TypeError} For a `p` of another type.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cond } from "./svd.ts";
 * assert.ok(Math.abs((cond([[1, 0], [0, 4]]).item() as number) - 4) < 1e-12);
 * assert.ok(Math.abs((cond([[1, 2], [3, 4]], "fro").item() as number) - 15) < 1e-12);
 * assert.equal(cond([[1, 2], [2, 4]], 1).item(), Infinity);
 * ```
 */
export function cond(x: ArrayLike, p?: CondOrder | null, options?: BatchOptions): NDArray {
  checkOptions(options, "cond", COND_KEYS);
  const arr = arrayArg(x, 0, "cond");
  const valid = p === undefined || p === null || p === "fro" || p === "nuc" ||
    p === 2 || p === -2 || p === 1 || p === -1 || p === Infinity || p === -Infinity;
  if (!valid) {
    // A wrong value is a RangeError (numpy's ValueError), a wrong type a TypeError.
    const E = typeof p === "number" || typeof p === "string" ? RangeError : TypeError;
    throw new E(
      'Invalid norm order for matrices: expected undefined, 2, -2, "fro", "nuc", Infinity, -Infinity, 1 or -1, ' +
        `got ${describeValue(p)}`,
    );
  }
  const last = arr.shape.slice(-2);
  if (arr.size === 0 && last.reduce((s, d) => s * d, 1) === 0) {
    throw new LinAlgError(
      "cond is not defined on empty arrays: got shape (" + arr.shape.join(", ") + ")",
    );
  }
  if (p === undefined || p === null || p === 2 || p === -2) {
    assertStacked2d(arr, "cond");
    return runGufunc(p === -2 ? COND_MINUS2 : COND2, [arr], batch(options))[0];
  }
  assertStackedSquare(arr, "cond");
  const computation = options?.precision === "single" ? arr.dtype : doubleDType(arr.dtype);
  const ainv = inv(arr, { errors: "nan", precision: options?.precision, dtype: computation });
  const na = p === "nuc"
    ? { norm: nuclear(arr, options), nan: norms(arr, "fro").nan }
    : norms(arr, p);
  const ni = p === "nuc" ? nuclear(ainv, options) : norms(ainv, p).norm;
  const shape = arr.shape.slice(0, -2);
  const out = allocData(realDType(arr.dtype), ni.length);
  for (let i = 0; i < out.length; i++) {
    const r = na.norm[i] * ni[i];
    out[i] = r !== r && na.nan[i] === 0 ? Infinity : r;
  }
  return new NDArray(out, realDType(arr.dtype), shape);
}
