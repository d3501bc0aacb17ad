/**
 * The SVD driver: `?gesdd`, falling back to `?gesvd` on a restored copy of the matrix when
 * divide and conquer does not converge, as numpy's `svd` does not but scipy's `lapack_driver`
 * choice allows. Used by `svd`, `svdvals`, `pinv`, `matrixRank`, `cond` and `norm(a, 2)`.
 *
 * One plan per gufunc call: the workspace query of both routines runs once, every workspace
 * is at least LAPACK's documented minimum, and the returned function allocates nothing.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex, realDType } from "../dtype.ts";
import { intArray, variant } from "../../ffi/backend.ts";
import { complexLetter, documentedMin, realLetter, workspace } from "./_plan.ts";

/** The `info` of a plan for input with NaN or infinities (never a LAPACK count). */
export const NONFINITE = 2 ** 30;

/** What a failed SVD means, for a gufunc's `failure`. */
export const svdFailure = (info: number): string =>
  info === NONFINITE
    ? "SVD did not converge: the matrix contains NaN or infinity"
    : `SVD did not converge: ?gesdd and ?gesvd both failed, ${info} superdiagonals of the bidiagonal form did not converge to zero`;

/**
 * Test hooks, not part of the public API (mod.ts does not re-export them): `failGesdd` makes
 * every `?gesdd` call report non-convergence after it ran, so the `?gesvd` fallback runs on a
 * restored copy of the matrix (`gesvdCalls` counts the fallbacks); `pinvGemmAbove` is the
 * product size (flops) above which `pinv` multiplies with the BLAS `?gemm` instead of a JS
 * loop (tests set 0 to run the BLAS path on small matrices, or Infinity for the loop).
 */
export const svdTestHooks: { failGesdd: boolean; gesvdCalls: number; pinvGemmAbove: number } = {
  failGesdd: false,
  gesvdCalls: 0,
  pinvGemmAbove: 4096,
};

/** Copies `a` into `backup` and reports whether every float is finite. */
function backupFinite(a: FloatArray, backup: FloatArray): boolean {
  let ok = true;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    backup[i] = x;
    if (x - x !== 0) ok = false;
  }
  return ok;
}

/** One SVD of a column-major matrix; `s`, `u`, `vt` as LAPACK names them. Returns info. */
export type SvdRun = (a: FloatArray, s: FloatArray, u: FloatArray, vt: FloatArray) => number;

/**
 * Plans `?gesdd` with JOBZ `job` on a column-major rows x cols matrix (`?gesvd` on a restored
 * copy when it does not converge). U is rows x rows ('A') or rows x k ('S'), leading dimension
 * rows; VT is cols x cols ('A') or k x cols ('S'). Input with NaN or infinity gives NONFINITE.
 * `driver` "gesvd" (scipy's `lapack_driver`) calls `?gesvd` alone.
 */
export function svdPlan(
  rows: number,
  cols: number,
  dtype: DType,
  job: "A" | "S" | "N",
  driver: "gesdd" | "gesvd" = "gesdd",
): SvdRun {
  const k = Math.min(rows, cols);
  const lda = Math.max(1, rows);
  const ldu = job === "N" ? 1 : lda;
  const ldvt = job === "N" ? 1 : Math.max(1, job === "A" ? cols : k);
  const iwork = intArray(8 * k);
  const dummy = allocData(dtype, 1);
  const q = allocData(dtype, 1);
  const ds = allocData(realDType(dtype), 1);
  const backup = allocData(dtype, rows * cols);
  // LAPACK's documented minimums (from the declarations), which cover every code path.
  const cx = isComplex(dtype);
  const sdd = { M: rows, N: cols, JOBZ: job, cx };
  const svd = { M: rows, N: cols, JOBU: job, JOBVT: job, cx };
  const minWork = Math.max(
    documentedMin("gesdd", "LWORK", sdd),
    documentedMin("gesvd", "LWORK", svd),
  );
  if (cx) {
    const t = complexLetter(dtype);
    const gesdd = variant(t, "gesdd");
    const gesvd = variant(t, "gesvd");
    // RWORK: the documented minimum of either LAPACK version (no query reports it).
    const rwork = allocData(
      realDType(dtype),
      Math.max(documentedMin("gesdd", "RWORK", sdd), documentedMin("gesvd", "RWORK", svd)),
    );
    gesdd(job, rows, cols, dummy, lda, ds, dummy, ldu, dummy, ldvt, q, -1, rwork, iwork);
    let size = workspace(q, minWork);
    gesvd(job, job, rows, cols, dummy, lda, ds, dummy, ldu, dummy, ldvt, q, -1, rwork);
    size = workspace(q, size);
    const work = allocData(dtype, size);
    return (a, s, u, vt) => {
      if (job === "N") u = vt = dummy;
      if (!backupFinite(a, backup)) return NONFINITE;
      // scipy's lapack_driver="gesvd" goes straight to the fallback.
      let info = driver === "gesvd"
        ? 1
        : gesdd(job, rows, cols, a, lda, s, u, ldu, vt, ldvt, work, size, rwork, iwork);
      if (info === 0 && svdTestHooks.failGesdd) info = 1;
      if (info > 0) {
        svdTestHooks.gesvdCalls++;
        a.set(backup);
        info = gesvd(job, job, rows, cols, a, lda, s, u, ldu, vt, ldvt, work, size, rwork);
      }
      return info;
    };
  }
  const t = realLetter(dtype);
  const gesdd = variant(t, "gesdd");
  const gesvd = variant(t, "gesvd");
  gesdd(job, rows, cols, dummy, lda, ds, dummy, ldu, dummy, ldvt, q, -1, iwork);
  let size = workspace(q, minWork);
  gesvd(job, job, rows, cols, dummy, lda, ds, dummy, ldu, dummy, ldvt, q, -1);
  size = workspace(q, size);
  const work = allocData(dtype, size);
  return (a, s, u, vt) => {
    if (job === "N") u = vt = dummy;
    if (!backupFinite(a, backup)) return NONFINITE;
    let info = driver === "gesvd"
      ? 1
      : gesdd(job, rows, cols, a, lda, s, u, ldu, vt, ldvt, work, size, iwork);
    if (info === 0 && svdTestHooks.failGesdd) info = 1;
    if (info > 0) {
      svdTestHooks.gesvdCalls++;
      a.set(backup);
      info = gesvd(job, job, rows, cols, a, lda, s, u, ldu, vt, ldvt, work, size);
    }
    return info;
  };
}
