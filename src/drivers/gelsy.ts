/**
 * The least-squares driver `?gelsy` (complete orthogonal factorization: QR with column
 * pivoting, `?geqp3`, then an RZ factorization of the leading R11 whose estimated condition
 * number is below 1/RCOND). Used by `lstsq(a, b, { lapackDriver: "gelsy" })`.
 *
 * One plan per gufunc call: one workspace query (at least LAPACK's documented minimum:
 * max(mn + 3N + 1, 2mn + NRHS) real, mn + max(2mn, N + 1, mn + NRHS) complex, which also takes
 * RWORK of 2N), JPVT and the rank allocated once; `run` allocates nothing. `info` is never
 * positive: a nonzero one is an argument error. `?gelsy` computes no singular values.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex, realDType } from "../dtype.ts";
import { intArray, variant } from "../../ffi/backend.ts";
import { complexLetter, documentedMin, realLetter, workspace } from "./_plan.ts";

/** A `?gelsy` plan: `run` solves in place in `b`. */
export interface GelsyPlan {
  /** The effective rank of the last `run` (first Int32 word). */
  readonly rank: Int32Array;
  /** min || b - a x ||: `a` m x n (ld max(1, m)), `b` max(m, n) x nrhs (ld max(1, m, n)). */
  run(a: FloatArray, b: FloatArray, rcond: number): number;
}

/** Plans `?gelsy` for an m x n `a` (min(m, n) > 0) and `nrhs` >= 1 right-hand sides. */
export function gelsyPlan(m: number, n: number, nrhs: number, dtype: DType): GelsyPlan {
  const lda = Math.max(1, m);
  const ldb = Math.max(1, m, n);
  const rank = intArray(1);
  const jpvt = intArray(n);
  const q = allocData(dtype, 1);
  const d = allocData(dtype, 1);
  const cx = isComplex(dtype);
  const min = documentedMin("gelsy", "LWORK", { M: m, N: n, NRHS: nrhs, cx });
  if (cx) {
    const gelsy = variant(complexLetter(dtype), "gelsy");
    const rwork = allocData(realDType(dtype), Math.max(1, 2 * n));
    gelsy(m, n, nrhs, d, lda, d, ldb, jpvt, -1, rank, q, -1, rwork);
    const lw = workspace(q, min);
    const work = allocData(dtype, lw);
    return {
      rank,
      // JPVT(i) = 0: every column is free to move
      run: (
        a,
        b,
        rcond,
      ) => (jpvt.fill(0), gelsy(m, n, nrhs, a, lda, b, ldb, jpvt, rcond, rank, work, lw, rwork)),
    };
  }
  const gelsy = variant(realLetter(dtype), "gelsy");
  gelsy(m, n, nrhs, d, lda, d, ldb, jpvt, -1, rank, q, -1);
  const lw = workspace(q, min);
  const work = allocData(dtype, lw);
  return {
    rank,
    run: (
      a,
      b,
      rcond,
    ) => (jpvt.fill(0), gelsy(m, n, nrhs, a, lda, b, ldb, jpvt, rcond, rank, work, lw)),
  };
}
