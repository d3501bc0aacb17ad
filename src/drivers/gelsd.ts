/**
 * The least-squares driver: `?gelsd` (SVD-based, divide and conquer). Used by `lstsq`.
 *
 * One plan per gufunc call: one workspace query, each workspace at least LAPACK's documented
 * minimum (some libraries' queries leave IWORK or RWORK unset), the rank output allocated once;
 * the returned function allocates nothing.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex, realDType } from "../dtype.ts";
import { intArray, variant } from "../../ffi/backend.ts";
import { complexLetter, documentedMin, realLetter, workspace } from "./_plan.ts";

/** A `?gelsd` plan: `run` solves in place in `b` and writes the singular values into `s`. */
export interface GelsdPlan {
  /** The effective rank of the last `run` (first Int32 word). */
  readonly rank: Int32Array;
  /** min || b - a x ||: `a` m x n (ld max(1, m)), `b` max(m, n) x nrhs (ld max(1, m, n)). */
  run(a: FloatArray, b: FloatArray, s: FloatArray, rcond: number): number;
}

/** Plans `?gelsd` for an m x n `a` (min(m, n) > 0) and `nrhs` >= 1 right-hand sides. */
export function gelsdPlan(m: number, n: number, nrhs: number, dtype: DType): GelsdPlan {
  const lda = Math.max(1, m);
  const ldb = Math.max(1, m, n);
  const rank = intArray(1);
  const q = allocData(dtype, 1);
  const iq = intArray(1);
  const d = allocData(dtype, 1);
  const ds = allocData(realDType(dtype), 1);
  const cx = isComplex(dtype);
  const v = { M: m, N: n, NRHS: nrhs, cx };
  if (cx) {
    const gelsd = variant(complexLetter(dtype), "gelsd");
    const rq = allocData(realDType(dtype), 1);
    gelsd(m, n, nrhs, d, lda, d, ldb, ds, -1, rank, q, -1, rq, iq);
    const lw = workspace(q, documentedMin("gelsd", "LWORK", v));
    const work = allocData(dtype, lw);
    const rwork = allocData(realDType(dtype), workspace(rq, documentedMin("gelsd", "RWORK", v)));
    const iwork = intArray(workspace(iq, documentedMin("gelsd", "IWORK", v)));
    return {
      rank,
      run: (a, b, s, rcond) =>
        gelsd(m, n, nrhs, a, lda, b, ldb, s, rcond, rank, work, lw, rwork, iwork),
    };
  }
  const gelsd = variant(realLetter(dtype), "gelsd");
  gelsd(m, n, nrhs, d, lda, d, ldb, ds, -1, rank, q, -1, iq);
  const lw = workspace(q, documentedMin("gelsd", "LWORK", v));
  const work = allocData(dtype, lw);
  const iwork = intArray(workspace(iq, documentedMin("gelsd", "IWORK", v)));
  return {
    rank,
    run: (a, b, s, rcond) => gelsd(m, n, nrhs, a, lda, b, ldb, s, rcond, rank, work, lw, iwork),
  };
}
