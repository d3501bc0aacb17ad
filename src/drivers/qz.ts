/**
 * The QZ driver: `?gges` with JOBVSL = JOBVSR = 'V' and SORT = 'N' (callbacks cannot cross the
 * FFI portably), used by `qz`.
 *
 * One plan per gufunc call: one workspace query (at least LAPACK's documented minimum), the
 * eigenvalue arrays allocated once; the returned function allocates nothing.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex, realDType } from "../dtype.ts";
import { intArray, variant } from "../../ffi/backend.ts";
import { complexLetter, documentedMin, realLetter, workspace } from "./_plan.ts";

/**
 * Plans `?gges` on column-major n x n pencils (leading dimensions max(1, n)): `run(a, b, q, z)`
 * overwrites A and B with the generalized Schur form (S, P) and writes the left and right
 * Schur vectors into `q` and `z`, so that A = Q S Zᴴ, B = Q P Zᴴ; it returns LAPACK's info.
 */
export function ggesPlan(
  n: number,
  dtype: DType,
): (a: FloatArray, b: FloatArray, q: FloatArray, z: FloatArray) => number {
  const ld = Math.max(1, n);
  const dummy = allocData(dtype, 1);
  const w = allocData(dtype, 1);
  const sel = intArray(1), sdim = intArray(1), bwork = intArray(1);
  const cx = isComplex(dtype);
  const min = documentedMin("gges", "LWORK", { N: n, cx });
  const beta = allocData(dtype, Math.max(1, n));
  if (cx) {
    const gges = variant(complexLetter(dtype), "gges");
    const alpha = allocData(dtype, Math.max(1, n));
    const rwork = allocData(realDType(dtype), Math.max(1, 8 * n));
    const call = (
      a: FloatArray,
      b: FloatArray,
      q: FloatArray,
      z: FloatArray,
      work: FloatArray,
      lw: number,
    ) =>
      gges(
        "V",
        "V",
        "N",
        sel,
        n,
        a,
        ld,
        b,
        ld,
        sdim,
        alpha,
        beta,
        q,
        ld,
        z,
        ld,
        work,
        lw,
        rwork,
        bwork,
      );
    call(dummy, dummy, dummy, dummy, w, -1);
    const lw = workspace(w, min);
    const work = allocData(dtype, lw);
    return (a, b, q, z) => call(a, b, q, z, work, lw);
  }
  const gges = variant(realLetter(dtype), "gges");
  const ar = allocData(dtype, Math.max(1, n)), ai = allocData(dtype, Math.max(1, n));
  const call = (
    a: FloatArray,
    b: FloatArray,
    q: FloatArray,
    z: FloatArray,
    work: FloatArray,
    lw: number,
  ) => gges("V", "V", "N", sel, n, a, ld, b, ld, sdim, ar, ai, beta, q, ld, z, ld, work, lw, bwork);
  call(dummy, dummy, dummy, dummy, w, -1);
  const lw = workspace(w, min);
  const work = allocData(dtype, lw);
  return (a, b, q, z) => call(a, b, q, z, work, lw);
}
