/**
 * `cholesky` (`?potrf`) and `qr` (`?geqrf` + `?orgqr` / `?ungqr`).
 *
 * `cholesky` reads C-order input as its transpose: a C-order Hermitian matrix read as Fortran
 * is its conjugate (A^T = conj(A)), and if conj(A) = U^H U with U upper triangular then
 * A = U^T conj(U) = L L^H with L = U^T. So `?potrf` with UPLO = 'U' on the C-order buffer
 * leaves in it, read back in C order, numpy's lower factor L itself (no conjugation), reading
 * only A's lower triangle as numpy does; `upper: true` is the mirror image (UPLO = 'L').
 *
 * `qr` needs A itself (the QR of A^T is not A's), so it copies into Fortran order; the raw
 * mode's `h` is that Fortran buffer read back in C order, which is numpy's `h` (the LAPACK
 * result transposed).
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { floatsPerItem } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { GufuncOptions, GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { describeValue } from "../_describe.ts";
import { cholPlan, notPositiveDefinite } from "../drivers/chol.ts";
import { qrPlan, rqPlan } from "../drivers/qr.ts";
import type { OptionKeys } from "./_util.ts";
import { register } from "./_registry.ts";
import {
  arrayArg,
  assertStacked2d,
  assertStackedSquare,
  batchOf,
  checkOptions,
  ENGINE_KEYS,
  optionKeys,
} from "./_util.ts";

const ALL = <T>(k: T) => ({ float32: k, float64: k, complex64: k, complex128: k });

/** Zeroes the strictly lower (below the diagonal) part of a column-major `rows x cols` block. */
function zeroLower(a: FloatArray, rows: number, cols: number, ld: number, f: number): void {
  for (let j = 0; j < cols && j + 1 < rows; j++) {
    a.fill(0, (j * ld + j + 1) * f, (j * ld + rows) * f);
  }
}

/** Zeroes the strictly upper part of a column-major `rows x cols` block. */
function zeroUpper(a: FloatArray, rows: number, cols: number, ld: number, f: number): void {
  for (let j = 1; j < cols; j++) a.fill(0, j * ld * f, (j * ld + Math.min(j, rows)) * f);
}

// --- cholesky --------------------------------------------------------------------------------

/** `uplo` is the Fortran triangle of the C-order buffer: 'U' gives numpy's lower factor. */
const choleskyKernel = (uplo: "L" | "U"): KernelFactory => ({ dims: { m }, dtype }) => {
  const chol = cholPlan(m, dtype, uplo);
  const ld = Math.max(1, m);
  const f = floatsPerItem(dtype);
  return ([a]) => {
    const info = chol.factor(a);
    if (info !== 0) return info;
    if (uplo === "U") zeroLower(a, m, m, ld, f);
    else zeroUpper(a, m, m, ld, f);
    return 0;
  };
};

const notPD = notPositiveDefinite;

const CHOLESKY_LO: GufuncSpec = {
  name: "cholesky",
  signature: "(m,m)->(m,m)",
  layouts: "CC",
  inplace: [0],
  kernels: ALL(choleskyKernel("U")),
  failure: notPD,
};
const CHOLESKY_UP: GufuncSpec = { ...CHOLESKY_LO, kernels: ALL(choleskyKernel("L")) };

/** The options of `cholesky`: `upper` and the engine's (the result is the engine's output). */
export const CHOLESKY_KEYS: OptionKeys = optionKeys("upper", ...ENGINE_KEYS);

/** Options of `cholesky`. */
export interface CholeskyOptions extends GufuncOptions {
  /** Return the upper factor U with A = U^H U (numpy 2's `upper=True`), reading A's upper triangle. Default false. */
  upper?: boolean;
}

/**
 * The Cholesky factor of a Hermitian (symmetric) positive-definite matrix, or of each matrix
 * of a stack (`?potrf`): lower triangular L with A = L L^H, as numpy. Only the lower triangle
 * of A is read (the upper one with `upper: true`); the other triangle of the result is zero.
 *
 * @param a A matrix `(..., m, m)`.
 * @param options `upper`, `errors: "raise" | "nan"`, `precision: "double" | "single"`, `out`,
 * `dtype`.
 * @returns L (or U), same shape; float32 stays float32.
 * @throws {LinAlgError} "Matrix is not positive definite" (naming the item of the stack and
 * the order of the leading minor that failed).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cholesky } from "./decomp.ts";
 * const L = cholesky([[4, 2], [2, 10]]);
 * assert.deepEqual(L.toArray(), [[2, 0], [1, 3]]);
 * assert.deepEqual(cholesky([[4, 2], [2, 10]], { upper: true }).toArray(), [[2, 1], [0, 3]]);
 * ```
 */
export function cholesky(a: ArrayLike, options?: CholeskyOptions): NDArray {
  checkOptions(options, "cholesky", CHOLESKY_KEYS);
  const upper = options?.upper ?? false;
  if (typeof upper !== "boolean") {
    throw new TypeError(
      `Invalid upper option for cholesky(): expected a boolean, got ${describeValue(upper)}`,
    );
  }
  const arr = arrayArg(a, 0, "cholesky");
  assertStackedSquare(arr, "cholesky");
  return runGufunc(upper ? CHOLESKY_UP : CHOLESKY_LO, [arr], options)[0];
}

// --- qr --------------------------------------------------------------------------------------

/** Copies the upper trapezoid of `a` (ld `lda`) into `r` (`rows x cols`, ld `rows`), zeros below. */
function copyUpper(
  a: FloatArray,
  lda: number,
  r: FloatArray,
  rows: number,
  cols: number,
  f: number,
): void {
  for (let j = 0; j < cols; j++) {
    const top = Math.min(j + 1, rows) * f;
    const src = j * lda * f;
    const dst = j * rows * f;
    for (let i = 0; i < top; i++) r[dst + i] = a[src + i];
    r.fill(0, dst + top, dst + rows * f);
  }
}

// With pivoting (`?geqp3`), each kernel has one more output, last: P (n), 0-based, float64.
// `?geqp3` is not given NaN or infinity (the routine table marks it: LAPACK may not return).

/** The `info` of a pivoted kernel for NaN or infinite input (never a LAPACK count). */
const NONFINITE = 2 ** 30;

/** Whether every float of `a` is finite. */
function finite(a: FloatArray): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] - a[i] !== 0) return false;
  return true;
}

/** m >= n, reduced: Q (m, n) overwrites A, R (n, n). */
const qrTallKernel = (pivoting: boolean): KernelFactory => ({ dims: { m, n }, dtype }) => {
  const qr = qrPlan(m, n, n, dtype, pivoting);
  const f = floatsPerItem(dtype);
  return ([a, _q, r, p]) => {
    if (pivoting && !finite(a)) return NONFINITE;
    const info = qr.factor(a, qr.tau);
    if (info !== 0) return info;
    if (pivoting) qr.pivots(p);
    copyUpper(a, qr.ld, r, n, n, f);
    return qr.formQ(a, n);
  };
};

/** Complete (and reduced when m < n): Q (m, m), R (m, n) overwrites A. */
const qrCompleteKernel = (pivoting: boolean): KernelFactory => ({ dims: { m, n }, dtype }) => {
  const qr = qrPlan(m, n, m, dtype, pivoting);
  const { k, ld } = qr;
  const f = floatsPerItem(dtype);
  return ([a, q, _r, p]) => {
    if (pivoting && !finite(a)) return NONFINITE;
    if (k > 0) {
      const info = qr.factor(a, qr.tau);
      if (info !== 0) return info;
      for (let i = 0, len = m * k * f; i < len; i++) q[i] = a[i];
      zeroLower(a, m, n, ld, f);
    }
    if (pivoting) qr.pivots(p);
    return qr.formQ(q, m);
  };
};

/** Mode "r": R (k, n) only. */
const qrRKernel = (pivoting: boolean): KernelFactory => ({ dims: { m, n }, dtype }) => {
  const qr = qrPlan(m, n, 0, dtype, pivoting);
  const f = floatsPerItem(dtype);
  return ([a, r, p]) => {
    if (pivoting && !finite(a)) return NONFINITE;
    const info = qr.factor(a, qr.tau);
    if (info !== 0) return info;
    if (pivoting) qr.pivots(p);
    copyUpper(a, qr.ld, r, qr.k, n, f);
    return 0;
  };
};

/** Mode "raw": `?geqrf`'s own output; h (n, m) is the Fortran buffer read in C order. */
const qrRawKernel = (pivoting: boolean): KernelFactory => ({ dims: { m, n }, dtype }) => {
  const qr = qrPlan(m, n, 0, dtype, pivoting);
  return ([a, _h, tau, p]) => {
    if (pivoting && !finite(a)) return NONFINITE;
    const info = qr.factor(a, tau);
    if (info === 0 && pivoting) qr.pivots(p);
    return info;
  };
};

const FLOAT64 = () => "float64" as const;
const qrSpec = (
  signature: string,
  kernel: (pivoting: boolean) => KernelFactory,
  extra: Partial<GufuncSpec>,
  pivoting = false,
): GufuncSpec => ({
  name: "qr",
  signature: pivoting ? `${signature},(n)` : signature,
  kernels: ALL(kernel(pivoting)),
  failure: (info) =>
    info === NONFINITE
      ? "QR factorization failed: a contains NaN or infinity (refused with pivoting)"
      : `QR factorization failed: LAPACK info ${info}`,
  ...extra,
  ...(pivoting
    ? {
      inplace: extra.inplace === undefined ? undefined : [...extra.inplace, -1],
      outDTypes: [...signature.split("->")[1].split("),").map(() => (d: DType) => d), FLOAT64],
    }
    : {}),
});

// Core dimension K = min(M, N) is not a signature name, so each mode has a spec per case.
const qrSpecs = (pivoting: boolean) => ({
  reducedTall: qrSpec("(m,n)->(m,n),(n,n)", qrTallKernel, { inplace: [0, -1] }, pivoting),
  complete: qrSpec("(m,n)->(m,m),(m,n)", qrCompleteKernel, { inplace: [-1, 0] }, pivoting),
  rTall: qrSpec("(m,n)->(n,n)", qrRKernel, {}, pivoting),
  rWide: qrSpec("(m,n)->(m,n)", qrRKernel, {}, pivoting),
  rawTall: qrSpec("(m,n)->(n,m),(n)", qrRawKernel, { layouts: "FC", inplace: [0, -1] }, pivoting),
  rawWide: qrSpec("(m,n)->(n,m),(m)", qrRawKernel, { layouts: "FC", inplace: [0, -1] }, pivoting),
});
const QR = qrSpecs(false);
const QR_PIVOTED = qrSpecs(true);

/** The modes of `qr`, as numpy's. */
export type QrMode = "reduced" | "complete" | "r" | "raw";

/** The options of `qr`: `mode`, `pivoting` and the engine's (the results are the engine's outputs). */
export const QR_KEYS: OptionKeys = optionKeys("mode", "pivoting", ...ENGINE_KEYS);

/** Options of `qr`. */
export interface QrOptions extends GufuncOptions {
  /**
   * "reduced" (default): Q (m, k), R (k, n) with k = min(m, n); "complete": Q (m, m),
   * R (m, n); "r": R (k, n) only; "raw": LAPACK's Householder form `{ h, tau }`.
   */
  mode?: QrMode;
  /**
   * Factor with column pivoting (`?geqp3`, scipy's `pivoting=True`): A[..., :, P] = Q R with
   * |diag(R)| non-increasing, and the result gains `P` (int32, 0-based). Default false. With
   * pivoting, `out` is not taken (P is a new int32 array), and NaN or infinity in A is a
   * LinAlgError (scipy's `check_finite` refuses them too).
   */
  pivoting?: boolean;
}

/** The result of `qr` in modes "reduced" and "complete": A = Q R. */
export interface QrResult {
  /** Orthonormal (unitary) columns. */
  Q: NDArray;
  /** Upper triangular (trapezoidal). */
  R: NDArray;
}

/** The result of `qr` in mode "r". */
export interface QrRResult {
  /** Upper triangular (trapezoidal) R (k, n). */
  R: NDArray;
}

/** The result of `qr` in mode "raw", as numpy's `(h, tau)`. */
export interface QrRawResult {
  /** `(..., n, m)`: `?geqrf`'s output transposed: R above the diagonal of h^T, reflectors below. */
  h: NDArray;
  /** `(..., k)`: the scaling factors of the reflectors. */
  tau: NDArray;
}

/** The column permutation of a pivoted `qr`. */
export interface QrPivots {
  /** `(..., n)`, int32, 0-based: column j of Q R is column `P[j]` of A (scipy's `P`). */
  P: NDArray;
}

/** The options of a pivoted `qr`. */
export type QrPivotedOptions = Omit<QrOptions, "out"> & { pivoting: true };

/**
 * The QR factorization A = Q R of a matrix or of each matrix of a stack (`?geqrf` and
 * `?orgqr`/`?ungqr`), with numpy's modes. Any shape works, including k = min(m, n) = 0
 * (then "complete" gives Q = I).
 *
 * With `pivoting: true` (scipy's `qr(a, pivoting=True)`, `?geqp3`), the columns are permuted
 * so that |diag(R)| is non-increasing, A[..., :, P] = Q R, and each result gains `P` (int32).
 * The modes keep numpy's names: "reduced" is scipy's "economic", "complete" scipy's "full";
 * "raw" gives numpy's `h` (scipy's raw `qr` transposed).
 *
 * @param a A matrix `(..., m, n)`.
 * @param options `mode`, `pivoting`, `errors`, `precision`, `out` (one array per part of the
 * result; not with pivoting), `dtype`.
 * @returns `{ Q, R }` ("reduced", "complete"), `{ R }` ("r") or `{ h, tau }` ("raw"); with
 * pivoting, each with `P`.
 * @throws {TypeError} For an unknown mode, a non-boolean `pivoting`, or `out` with pivoting.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { qr } from "./decomp.ts";
 * const { Q, R } = qr([[3, 1], [4, 2]]);
 * assert.deepEqual(Q.shape, [2, 2]);
 * assert.ok(Math.abs(Math.abs(R.at(0, 0) as number) - 5) < 1e-12);
 * assert.equal(R.at(1, 0), 0);
 * assert.deepEqual(qr([[1, 2, 3]], { mode: "raw" }).h.shape, [3, 1]);
 * ```
 *
 * @example QR with column pivoting
 * ```ts
 * import assert from "node:assert/strict";
 * import { allclose, linalg } from "jsr:@dlapack/dlapack";
 * const a = [[1, 10, 0], [0, 10, 1], [1, 0, 1]];
 * const { Q, R, P } = linalg.qr(a, { pivoting: true });
 * assert.equal(P.dtype, "int32");
 * assert.equal(P.at(0), 1); // the largest column comes first
 * const permuted = a.map((row) => (P.toArray() as number[]).map((j) => row[j]));
 * assert.ok(allclose(linalg.matmul(Q, R), permuted));
 * ```
 */
export function qr(
  a: ArrayLike,
  options: QrPivotedOptions & { mode?: "reduced" | "complete" },
): QrResult & QrPivots;
export function qr(a: ArrayLike, options: QrPivotedOptions & { mode: "r" }): QrRResult & QrPivots;
export function qr(
  a: ArrayLike,
  options: QrPivotedOptions & { mode: "raw" },
): QrRawResult & QrPivots;
export function qr(a: ArrayLike, options?: QrOptions & { mode?: "reduced" | "complete" }): QrResult;
export function qr(a: ArrayLike, options: QrOptions & { mode: "r" }): QrRResult;
export function qr(a: ArrayLike, options: QrOptions & { mode: "raw" }): QrRawResult;
export function qr(
  a: ArrayLike,
  options?: QrOptions,
): QrResult | QrRResult | QrRawResult | (QrResult & QrPivots);
export function qr(
  a: ArrayLike,
  options?: QrOptions,
): QrResult | QrRResult | QrRawResult | (QrResult & QrPivots) {
  checkOptions(options, "qr", QR_KEYS);
  const mode = options?.mode ?? "reduced";
  if (mode !== "reduced" && mode !== "complete" && mode !== "r" && mode !== "raw") {
    throw new TypeError(
      `Invalid mode for qr(): expected "reduced", "complete", "r" or "raw", got ${
        describeValue(mode)
      }`,
    );
  }
  const pivoting = options?.pivoting ?? false;
  if (typeof pivoting !== "boolean") {
    throw new TypeError(
      `Invalid pivoting for qr(): expected true or false, got ${describeValue(pivoting)}`,
    );
  }
  if (pivoting && options?.out !== undefined) {
    throw new TypeError(
      "Invalid out for qr(): with pivoting, P is a new int32 array, so out is not taken",
    );
  }
  const arr = arrayArg(a, 0, "qr");
  assertStacked2d(arr, "qr");
  const tall = arr.shape[arr.ndim - 2] >= arr.shape[arr.ndim - 1];
  const S = pivoting ? QR_PIVOTED : QR;
  const spec = mode === "reduced" || mode === "complete"
    ? (mode === "reduced" && tall ? S.reducedTall : S.complete)
    : mode === "r"
    ? (tall ? S.rTall : S.rWide)
    : (tall ? S.rawTall : S.rawWide);
  const outs = runGufunc(spec, [arr], options);
  const P = pivoting ? { P: outs[outs.length - 1].astype("int32") } : {};
  if (mode === "reduced" || mode === "complete") return { Q: outs[0], R: outs[1], ...P };
  if (mode === "r") return { R: outs[0], ...P };
  return { h: outs[0], tau: outs[1], ...P };
}

// --- rq ----------------------------------------------------------------------------------------

/**
 * scipy's `rq`, on a Fortran-order copy of A (m x n, ld m): R = triu(RQ, n - m) (m x n), or in
 * "economic" mode with m <= n the m x m triangle of the last m columns; Q from `?orgrq`.
 */
const rqKernel = (mode: RqMode): KernelFactory => ({ dims: { m, n }, dtype }) => {
  const k = Math.min(m, n);
  const f = floatsPerItem(dtype);
  // Q: n x n ("full", or "economic" with m > n), m x n ("economic" with m <= n), none ("r").
  const qRows = mode === "r" ? 0 : mode === "economic" && m <= n ? m : n;
  const rq = rqPlan(m, n, qRows, dtype);
  const ld = Math.max(1, m);
  const rCols = mode === "economic" && m <= n ? m : n;
  const shift = n - rCols; // R's column j is A's column j + shift
  return ([a, r, q]) => {
    if (k > 0) {
      const info = rq.factor(a);
      if (info !== 0) return info;
    }
    // R(i, j) = RQ(i, j + shift) where j + shift - i >= n - m, else 0.
    for (let j = 0; j < rCols; j++) {
      const top = Math.min(m, Math.max(0, j + shift - (n - m) + 1));
      const src = (j + shift) * ld * f;
      const dst = j * m * f;
      for (let i = 0; i < top * f; i++) r[dst + i] = a[src + i];
      r.fill(0, dst + top * f, dst + m * f);
    }
    if (qRows === 0) return 0;
    // Q's last k rows get the reflectors (the last k rows of RQ), the rest starts at zero.
    q.fill(0);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < k; i++) {
        const s = (j * ld + (m - k) + i) * f, d = (j * qRows + (qRows - k) + i) * f;
        q[d] = a[s];
        if (f === 2) q[d + 1] = a[s + 1];
      }
    }
    return rq.formQ(q, qRows, n, k);
  };
};

const rqSpec = (signature: string, mode: RqMode): GufuncSpec => ({
  name: "rq",
  signature,
  layouts: mode === "r" ? "FF" : "FFF",
  kernels: ALL(rqKernel(mode)),
  failure: (info) => `RQ factorization failed: LAPACK info ${info}`,
});

const RQ = {
  full: rqSpec("(m,n)->(m,n),(n,n)", "full"),
  r: rqSpec("(m,n)->(m,n)", "r"),
  economicWide: rqSpec("(m,n)->(m,m),(m,n)", "economic"),
};

/** The modes of `rq`, as scipy's. */
export type RqMode = "full" | "r" | "economic";

/** The options of `rq`: `mode` and the batch policy. */
export const RQ_KEYS: OptionKeys = optionKeys("mode", "errors", "precision");

/** Options of `rq`. */
export interface RqOptions extends Pick<GufuncOptions, "errors" | "precision"> {
  /**
   * "full" (default): R (m, n), Q (n, n); "r": R only; "economic": R (m, k), Q (k, n) with
   * k = min(m, n).
   */
  mode?: RqMode;
}

/** The result of `rq`: A = R Q. */
export interface RqResult {
  /** Upper triangular (trapezoidal): `R[i, j] = 0` for `j - i < n - m`. */
  R: NDArray;
  /** Orthonormal (unitary) rows. */
  Q: NDArray;
}

/**
 * The RQ factorization A = R Q of a matrix or of each matrix of a stack (`?gerqf` and
 * `?orgrq`/`?ungrq`), as scipy's `linalg.rq`.
 *
 * @param a A matrix `(..., m, n)`.
 * @param options `mode` ("full", "r", "economic"), `errors`, `precision`.
 * @returns `{ R, Q }`, or `{ R }` for mode "r".
 * @throws {TypeError} For an unknown mode.
 *
 * @example RQ of a 2 x 3 matrix
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { R, Q } = linalg.rq([[1, 2, 3], [4, 5, 6]]);
 * assert.deepEqual([R.shape, Q.shape], [[2, 3], [3, 3]]);
 * const back = linalg.matmul(R, Q).toArray() as number[][];
 * assert.ok(Math.abs(back[1][2] - 6) < 1e-12);
 * assert.equal(linalg.rq([[1, 2, 3], [4, 5, 6]], { mode: "economic" }).Q.shape[0], 2);
 * ```
 */
export function rq(a: ArrayLike, options?: RqOptions & { mode?: "full" | "economic" }): RqResult;
export function rq(a: ArrayLike, options: RqOptions & { mode: "r" }): { R: NDArray };
export function rq(a: ArrayLike, options?: RqOptions): RqResult | { R: NDArray };
export function rq(a: ArrayLike, options?: RqOptions): RqResult | { R: NDArray } {
  checkOptions(options, "rq", RQ_KEYS);
  const mode = options?.mode ?? "full";
  if (mode !== "full" && mode !== "r" && mode !== "economic") {
    throw new TypeError(
      `Invalid mode for rq(): expected "full", "r" or "economic", got ${describeValue(mode)}`,
    );
  }
  const arr = arrayArg(a, 0, "rq");
  assertStacked2d(arr, "rq");
  const wide = arr.shape[arr.ndim - 2] <= arr.shape[arr.ndim - 1];
  const batch = batchOf(options);
  if (mode === "r") return { R: runGufunc(RQ.r, [arr], batch)[0] };
  const [R, Q] = runGufunc(mode === "economic" && wide ? RQ.economicWide : RQ.full, [arr], batch);
  return { R, Q };
}

// What linalg.async and createPool may run (./_registry.ts).
register(cholesky, "cholesky", 1, CHOLESKY_KEYS, { pool: true });
register(qr, "qr", 1, QR_KEYS);
register(rq, "rq", 1, RQ_KEYS);
