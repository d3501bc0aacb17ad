/**
 * The least-squares driver `?gelss` (the SVD by QR iteration, `?bdsqr`). Used by
 * `lstsq(a, b, { lapackDriver: "gelss" })`.
 *
 * One plan per gufunc call: one workspace query (at least LAPACK's documented minimum:
 * 3mn + max(2mn, max(M, N), NRHS) real, 2mn + max(max(M, N), NRHS) complex, which also takes
 * RWORK of 5mn), the rank allocated once; `run` allocates nothing. A positive `info` is the
 * number of superdiagonals of the bidiagonal form that did not converge to zero: "SVD did not
 * converge".
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex, realDType } from "../dtype.ts";
import { intArray, variant } from "../../ffi/backend.ts";
import { complexLetter, documentedMin, realLetter, workspace } from "./_plan.ts";

/** A `?gelss` plan: `run` solves in place in `b` and writes the singular values into `s`. */
export interface GelssPlan {
  /** The effective rank of the last `run` (first Int32 word). */
  readonly rank: Int32Array;
  /** min || b - a x ||: `a` m x n (ld max(1, m)), `b` max(m, n) x nrhs (ld max(1, m, n)). */
  run(a: FloatArray, b: FloatArray, s: FloatArray, rcond: number): number;
}

/** Plans `?gelss` for an m x n `a` (min(m, n) > 0) and `nrhs` >= 1 right-hand sides. */
export function gelssPlan(m: number, n: number, nrhs: number, dtype: DType): GelssPlan {
  const lda = Math.max(1, m);
  const ldb = Math.max(1, m, n);
  const rank = intArray(1);
  const q = allocData(dtype, 1);
  const d = allocData(dtype, 1);
  const ds = allocData(realDType(dtype), 1);
  const cx = isComplex(dtype);
  const min = documentedMin("gelss", "LWORK", { M: m, N: n, NRHS: nrhs, cx });
  if (cx) {
    const gelss = variant(complexLetter(dtype), "gelss");
    const rwork = allocData(realDType(dtype), Math.max(1, 5 * Math.min(m, n)));
    gelss(m, n, nrhs, d, lda, d, ldb, ds, -1, rank, q, -1, rwork);
    const lw = workspace(q, min);
    const work = allocData(dtype, lw);
    return {
      rank,
      run: (a, b, s, rcond) => gelss(m, n, nrhs, a, lda, b, ldb, s, rcond, rank, work, lw, rwork),
    };
  }
  const gelss = variant(realLetter(dtype), "gelss");
  gelss(m, n, nrhs, d, lda, d, ldb, ds, -1, rank, q, -1);
  const lw = workspace(q, min);
  const work = allocData(dtype, lw);
  return {
    rank,
    run: (a, b, s, rcond) => gelss(m, n, nrhs, a, lda, b, ldb, s, rcond, rank, work, lw),
  };
}
