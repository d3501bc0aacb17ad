/**
 * The Hermitian (symmetric) eigenvalue driver: `?syevd` for real, `?heevd` for complex
 * matrices. Used by `eigh`, `eigvalsh` and the `hermitian: true` paths of `svd`, `svdvals`,
 * `pinv`, `matrixRank` and `cond`.
 *
 * One plan per gufunc call: one workspace query, each workspace at least LAPACK's documented
 * minimum (from the declaration: some libraries' queries under-report LIWORK or LRWORK), and
 * the returned function allocates nothing.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex, realDType } from "../dtype.ts";
import { intArray, variant } from "../../ffi/backend.ts";
import { complexLetter, documentedMin, realLetter, workspace } from "./_plan.ts";

/** What a positive `info` of `?syevd`/`?heevd` means. */
export const evdFailure = (info: number): string =>
  `Eigenvalues did not converge: the divide and conquer algorithm failed (LAPACK info ${info})`;

/**
 * Plans `?syevd`/`?heevd` with JOBZ `job` on triangle `uplo` of a column-major n x n matrix:
 * `run(a, w)` writes the eigenvalues (ascending) into `w` and, for 'V', the eigenvectors over
 * `a`; it returns LAPACK's info.
 */
export function evdPlan(
  n: number,
  dtype: DType,
  job: "V" | "N",
  uplo: "U" | "L",
): (a: FloatArray, w: FloatArray) => number {
  const lda = Math.max(1, n);
  const dummy = allocData(dtype, 1);
  const rdummy = allocData(realDType(dtype), 1);
  const q = allocData(dtype, 1);
  const iq = intArray(1);
  const cx = isComplex(dtype);
  const v = { N: n, JOBZ: job, cx };
  if (cx) {
    const heevd = variant(complexLetter(dtype), "syevd");
    const rq = allocData(realDType(dtype), 1);
    heevd(job, uplo, n, dummy, lda, rdummy, q, -1, rq, -1, iq, -1);
    const lw = workspace(q, documentedMin("syevd", "LWORK", v));
    const lrw = workspace(rq, documentedMin("syevd", "LRWORK", v));
    const liw = workspace(iq, documentedMin("syevd", "LIWORK", v));
    const work = allocData(dtype, lw);
    const rwork = allocData(realDType(dtype), lrw);
    const iwork = intArray(liw);
    return (a, w) => heevd(job, uplo, n, a, lda, w, work, lw, rwork, lrw, iwork, liw);
  }
  const syevd = variant(realLetter(dtype), "syevd");
  syevd(job, uplo, n, dummy, lda, rdummy, q, -1, iq, -1);
  const lw = workspace(q, documentedMin("syevd", "LWORK", v));
  const liw = workspace(iq, documentedMin("syevd", "LIWORK", v));
  const work = allocData(dtype, lw);
  const iwork = intArray(liw);
  return (a, w) => syevd(job, uplo, n, a, lda, w, work, lw, iwork, liw);
}
