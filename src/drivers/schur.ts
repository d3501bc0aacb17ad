/**
 * The Schur drivers: `?gees` (Schur form and Schur vectors, SORT = 'N': callbacks cannot cross
 * the FFI portably), used by `schur`, `sqrtm`, `logm` and the Sylvester solvers; `?gehrd` +
 * `?orghr`/`?unghr` (Hessenberg form and its Q), used by `hessenberg`.
 *
 * One plan per gufunc call: one workspace query (at least LAPACK's documented minimum), the
 * eigenvalue arrays allocated once; the plan's functions allocate nothing.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex, realDType } from "../dtype.ts";
import { intArray, variant } from "../../ffi/backend.ts";
import { complexLetter, documentedMin, realLetter, typeLetter, workspace } from "./_plan.ts";

/**
 * Plans `?gees` with JOBVS = 'V' on a column-major n x n matrix (leading dimension max(1, n)):
 * `run(a, z)` overwrites `a` with its Schur form T (quasi-triangular for real types) and writes
 * the Schur vectors into `z`; it returns LAPACK's info (> 0: the QR algorithm failed).
 */
export function geesPlan(n: number, dtype: DType): (a: FloatArray, z: FloatArray) => number {
  const ld = Math.max(1, n);
  const dummy = allocData(dtype, 1);
  const q = allocData(dtype, 1);
  const select = intArray(1);
  const sdim = intArray(1);
  const bwork = intArray(1);
  const cx = isComplex(dtype);
  const min = documentedMin("gees", "LWORK", { N: n, cx });
  if (cx) {
    const gees = variant(complexLetter(dtype), "gees");
    const w = allocData(dtype, Math.max(1, n));
    const rwork = allocData(realDType(dtype), Math.max(1, n));
    gees("V", "N", select, n, dummy, ld, sdim, w, dummy, ld, q, -1, rwork, bwork);
    const lw = workspace(q, min);
    const work = allocData(dtype, lw);
    return (a, z) => gees("V", "N", select, n, a, ld, sdim, w, z, ld, work, lw, rwork, bwork);
  }
  const gees = variant(realLetter(dtype), "gees");
  const wr = allocData(dtype, Math.max(1, n));
  const wi = allocData(dtype, Math.max(1, n));
  gees("V", "N", select, n, dummy, ld, sdim, wr, wi, dummy, ld, q, -1, bwork);
  const lw = workspace(q, min);
  const work = allocData(dtype, lw);
  return (a, z) => gees("V", "N", select, n, a, ld, sdim, wr, wi, z, ld, work, lw, bwork);
}

/** A Hessenberg plan for n x n column-major matrices (leading dimension max(1, n)). */
export interface HessPlan {
  /** `?gehrd` in place (ILO = 1, IHI = n): H above the first subdiagonal, reflectors below. */
  reduce(a: FloatArray): number;
  /** `?orghr`/`?unghr` with the plan's TAU over `q`, a copy of the reduced matrix. */
  formQ(q: FloatArray): number;
}

/** Plans `?gehrd` and, with `calcQ`, `?orghr`/`?unghr`; one workspace. */
export function hessPlan(n: number, dtype: DType, calcQ: boolean): HessPlan {
  const t = typeLetter(dtype);
  const gehrd = variant(t, "gehrd");
  const orghr = variant(t, "orghr");
  const ld = Math.max(1, n);
  const ilo = 1;
  const tau = allocData(dtype, Math.max(1, n - 1));
  const q = allocData(dtype, 1);
  const dummy = allocData(dtype, 1);
  gehrd(n, ilo, n, dummy, ld, dummy, q, -1);
  let lw = workspace(q, Math.max(1, n));
  if (calcQ) {
    orghr(n, ilo, n, dummy, ld, dummy, q, -1);
    lw = workspace(q, lw);
  }
  const work = allocData(dtype, lw);
  return {
    reduce: (a) => gehrd(n, ilo, n, a, ld, tau, work, lw),
    formQ: (a) => orghr(n, ilo, n, a, ld, tau, work, lw),
  };
}
