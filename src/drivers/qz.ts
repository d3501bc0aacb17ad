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

/** The eigenvalue filters of scipy's `ordqz`, on alpha (re, im) and beta (re, im). */
export type QzSort = "lhp" | "rhp" | "iuc" | "ouc";

function selected(sort: QzSort, ar: number, ai: number, br: number, bi: number): boolean {
  const d = br * br + bi * bi;
  if (d === 0) return sort === "ouc" && (ar !== 0 || ai !== 0);
  const re = (ar * br + ai * bi) / d, im = (ai * br - ar * bi) / d;
  if (sort === "lhp") return re < 0;
  if (sort === "rhp") return re > 0;
  return sort === "iuc" ? Math.hypot(re, im) < 1 : Math.hypot(re, im) > 1;
}

/**
 * Plans `?gges` then `?tgsen` (IJOB = 0) moving the eigenvalues `sort` selects to the top
 * left: `run(a, b, q, z, alpha, beta)` as `ggesPlan`'s, plus the reordered eigenvalues (alpha
 * complex, beta of the dtype); it returns gges's info, or n + 3 when `?tgsen` failed.
 */
export function ordqzPlan(
  n: number,
  dtype: DType,
  sort: QzSort,
): (
  a: FloatArray,
  b: FloatArray,
  q: FloatArray,
  z: FloatArray,
  alpha: FloatArray,
  beta: FloatArray,
) => number {
  const ld = Math.max(1, n);
  const cx = isComplex(dtype);
  const sel = intArray(1), sdim = intArray(1), bwork = intArray(1);
  const select = intArray(n), stride = select.length / Math.max(1, n);
  const m = intArray(1), iwork = intArray(1);
  const pl = allocData(realDType(dtype), 1), pr = allocData(realDType(dtype), 1);
  const dif = allocData(realDType(dtype), 2);
  const w = allocData(dtype, 1);
  const dummy = allocData(dtype, 1);
  const lwT = documentedMin("tgsen", "LWORK", { N: n, cx });
  const workT = allocData(dtype, Math.max(1, lwT));
  const ar = allocData(realDType(dtype), Math.max(1, n));
  const ai = allocData(realDType(dtype), Math.max(1, n));
  const alphaC = allocData(dtype, Math.max(1, n));
  const min = documentedMin("gges", "LWORK", { N: n, cx });
  const mark = (beta: FloatArray) => {
    for (let j = 0; j < n; j++) {
      const [x, y, p, s] = cx
        ? [alphaC[2 * j], alphaC[2 * j + 1], beta[2 * j], beta[2 * j + 1]]
        : [ar[j], ai[j], beta[j], 0];
      select[j * stride] = selected(sort, x, y, p, s) ? 1 : 0;
    }
  };
  if (cx) {
    const gges = variant(complexLetter(dtype), "gges");
    const tgsen = variant(complexLetter(dtype), "tgsen");
    const rwork = allocData(realDType(dtype), Math.max(1, 8 * n));
    gges(
      "V",
      "V",
      "N",
      sel,
      n,
      dummy,
      ld,
      dummy,
      ld,
      sdim,
      dummy,
      dummy,
      dummy,
      ld,
      dummy,
      ld,
      w,
      -1,
      rwork,
      bwork,
    );
    const lw = workspace(w, min);
    const work = allocData(dtype, lw);
    return (a, b, q, z, alpha, beta) => {
      const info = gges(
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
        alphaC,
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
      if (info !== 0) return info;
      mark(beta);
      const t = tgsen(
        0,
        1,
        1,
        select,
        n,
        a,
        ld,
        b,
        ld,
        alphaC,
        beta,
        q,
        ld,
        z,
        ld,
        m,
        pl,
        pr,
        dif,
        workT,
        workT.length / 2,
        iwork,
        1,
      );
      if (t !== 0) return n + 3;
      alpha.set(alphaC.subarray(0, 2 * n));
      return 0;
    };
  }
  const gges = variant(realLetter(dtype), "gges");
  const tgsen = variant(realLetter(dtype), "tgsen");
  gges(
    "V",
    "V",
    "N",
    sel,
    n,
    dummy,
    ld,
    dummy,
    ld,
    sdim,
    ar,
    ai,
    dummy,
    dummy,
    ld,
    dummy,
    ld,
    w,
    -1,
    bwork,
  );
  const lw = workspace(w, min);
  const work = allocData(dtype, lw);
  return (a, b, q, z, alpha, beta) => {
    const info = gges(
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
      ar,
      ai,
      beta,
      q,
      ld,
      z,
      ld,
      work,
      lw,
      bwork,
    );
    if (info !== 0) return info;
    mark(beta);
    const t = tgsen(
      0,
      1,
      1,
      select,
      n,
      a,
      ld,
      b,
      ld,
      ar,
      ai,
      beta,
      q,
      ld,
      z,
      ld,
      m,
      pl,
      pr,
      dif,
      workT,
      workT.length,
      iwork,
      1,
    );
    if (t !== 0) return n + 3;
    for (let j = 0; j < n; j++) {
      alpha[2 * j] = ar[j];
      alpha[2 * j + 1] = ai[j];
    }
    return 0;
  };
}
