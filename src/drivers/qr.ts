/**
 * The QR drivers: `?geqrf` (Householder QR) or `?geqp3` (QR with column pivoting) and
 * `?orgqr`/`?ungqr` (form Q), sharing one workspace, used by `qr`; `?gerqf` and
 * `?orgrq`/`?ungrq` likewise for `rq`.
 *
 * One plan per gufunc call: both workspace queries (at least LAPACK's documented minimum:
 * N for `?geqrf`, 3N+1 for real `?geqp3` and N+1 for complex, which also takes RWORK of 2N),
 * TAU and JPVT allocated once; the plan's functions allocate nothing. `info` is never
 * positive for these routines: a nonzero one is an argument error.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex, realDType } from "../dtype.ts";
import { intArray, intStride, variant } from "../../ffi/backend.ts";
import { complexLetter, documentedMin, realLetter, typeLetter, workspace } from "./_plan.ts";

/** A QR plan for m x n column-major matrices (leading dimension max(1, m)). */
export interface QrPlan {
  /** min(m, n): the number of reflectors. */
  readonly k: number;
  /** The leading dimension, max(1, m). */
  readonly ld: number;
  /** The plan's TAU (k elements), for `factor` and `formQ`. */
  readonly tau: FloatArray;
  /**
   * `?geqrf` (or, when planned with pivoting, `?geqp3` with every column free) in place: R
   * above the diagonal, the reflectors below, their scales in `tau`.
   */
  factor(a: FloatArray, tau: FloatArray): number;
  /**
   * After a pivoted `factor`: column j of A Pᵀ (of Q R) is column `p[j]` of A, written 0-based
   * into `p` (n elements); the identity when min(m, n) = 0.
   */
  pivots(p: FloatArray): void;
  /** `?orgqr`/`?ungqr` with the plan's `tau`: `cols` columns of Q over the reflectors in `a`. */
  formQ(a: FloatArray, cols: number): number;
}

/**
 * Plans QR of m x n matrices; `qCols` > 0 also plans forming that many columns of Q;
 * `pivoting` factors with `?geqp3` instead of `?geqrf`.
 */
export function qrPlan(
  m: number,
  n: number,
  qCols: number,
  dtype: DType,
  pivoting = false,
): QrPlan {
  const t = typeLetter(dtype);
  const orgqr = variant(t, "orgqr");
  const k = Math.min(m, n);
  const ld = Math.max(1, m);
  const tau = allocData(dtype, k);
  const q = allocData(dtype, 1);
  const dummy = allocData(dtype, 1);
  let lw: number;
  let factor: (a: FloatArray, tau: FloatArray) => number;
  const jpvt = pivoting ? intArray(n) : new Int32Array(0);
  const st = intStride();
  if (pivoting) {
    const cx = isComplex(dtype);
    const min = documentedMin("geqp3", "LWORK", { N: n, cx });
    const rwork = allocData(realDType(dtype), Math.max(1, 2 * n));
    if (cx) {
      const geqp3 = variant(complexLetter(dtype), "geqp3");
      geqp3(m, n, dummy, ld, jpvt, dummy, q, -1, rwork);
      lw = workspace(q, min);
      factor = (a, tau) => (jpvt.fill(0), geqp3(m, n, a, ld, jpvt, tau, work, lw, rwork));
    } else {
      const geqp3 = variant(realLetter(dtype), "geqp3");
      geqp3(m, n, dummy, ld, jpvt, dummy, q, -1);
      lw = workspace(q, min);
      factor = (a, tau) => (jpvt.fill(0), geqp3(m, n, a, ld, jpvt, tau, work, lw));
    }
  } else {
    const geqrf = variant(t, "geqrf");
    geqrf(m, n, dummy, ld, dummy, q, -1);
    lw = workspace(q, n);
    factor = (a, tau) => geqrf(m, n, a, ld, tau, work, lw);
  }
  if (qCols > 0) {
    orgqr(m, qCols, k, dummy, ld, dummy, q, -1);
    lw = workspace(q, Math.max(lw, qCols));
  }
  const work = allocData(dtype, lw);
  return {
    k,
    ld,
    tau,
    factor,
    pivots: (p) => {
      for (let j = 0; j < n; j++) p[j] = k > 0 ? jpvt[j * st] - 1 : j;
    },
    formQ: (a, cols) => orgqr(m, cols, k, a, ld, tau, work, lw),
  };
}

/** An RQ plan for m x n column-major matrices (leading dimension max(1, m)). */
export interface RqPlan {
  /** `?gerqf` in place: R in the last min(m, n) columns' upper part, reflectors before. */
  factor(a: FloatArray): number;
  /**
   * `?orgrq`/`?ungrq` with the plan's TAU: the `rows` x `cols` Q whose last `k` rows hold the
   * reflectors, over `q` (leading dimension `rows`).
   */
  formQ(q: FloatArray, rows: number, cols: number, k: number): number;
}

/**
 * Plans RQ of m x n matrices (`?gerqf`), and with `qRows` > 0 forming a `qRows` x n Q from
 * min(m, n) reflectors (`?orgrq`/`?ungrq`); one workspace (at least LAPACK's minimum).
 */
export function rqPlan(m: number, n: number, qRows: number, dtype: DType): RqPlan {
  const t = typeLetter(dtype);
  const gerqf = variant(t, "gerqf");
  const orgrq = variant(t, "orgrq");
  const k = Math.min(m, n);
  const ld = Math.max(1, m);
  const tau = allocData(dtype, Math.max(1, k));
  const q = allocData(dtype, 1);
  const dummy = allocData(dtype, 1);
  gerqf(m, n, dummy, ld, dummy, q, -1);
  let lw = workspace(q, m);
  if (qRows > 0) {
    orgrq(qRows, n, k, dummy, Math.max(1, qRows), dummy, q, -1);
    lw = workspace(q, Math.max(lw, qRows));
  }
  const work = allocData(dtype, lw);
  return {
    factor: (a) => gerqf(m, n, a, ld, tau, work, lw),
    formQ: (a, rows, cols, kk) => orgrq(rows, cols, kk, a, Math.max(1, rows), tau, work, lw),
  };
}
