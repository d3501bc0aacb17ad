/**
 * The QR drivers: `?geqrf` (Householder QR) and `?orgqr`/`?ungqr` (form Q), sharing one
 * workspace, used by `qr`; `?gerqf` and `?orgrq`/`?ungrq` likewise for `rq`.
 *
 * One plan per gufunc call: both workspace queries (at least LAPACK's documented minimum N),
 * TAU allocated once; the plan's functions allocate nothing.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData } from "../dtype.ts";
import { variant } from "../../ffi/backend.ts";
import { typeLetter, workspace } from "./_plan.ts";

/** A QR plan for m x n column-major matrices (leading dimension max(1, m)). */
export interface QrPlan {
  /** min(m, n): the number of reflectors. */
  readonly k: number;
  /** The leading dimension, max(1, m). */
  readonly ld: number;
  /** The plan's TAU (k elements), for `factor` and `formQ`. */
  readonly tau: FloatArray;
  /** `?geqrf` in place: R above the diagonal, the reflectors below, their scales in `tau`. */
  factor(a: FloatArray, tau: FloatArray): number;
  /** `?orgqr`/`?ungqr` with the plan's `tau`: `cols` columns of Q over the reflectors in `a`. */
  formQ(a: FloatArray, cols: number): number;
}

/** Plans QR of m x n matrices; `qCols` > 0 also plans forming that many columns of Q. */
export function qrPlan(m: number, n: number, qCols: number, dtype: DType): QrPlan {
  const t = typeLetter(dtype);
  const geqrf = variant(t, "geqrf");
  const orgqr = variant(t, "orgqr");
  const k = Math.min(m, n);
  const ld = Math.max(1, m);
  const tau = allocData(dtype, k);
  const q = allocData(dtype, 1);
  const dummy = allocData(dtype, 1);
  geqrf(m, n, dummy, ld, dummy, q, -1);
  let lw = workspace(q, n);
  if (qCols > 0) {
    orgqr(m, qCols, k, dummy, ld, dummy, q, -1);
    lw = workspace(q, Math.max(lw, qCols));
  }
  const work = allocData(dtype, lw);
  return {
    k,
    ld,
    tau,
    factor: (a, tau) => geqrf(m, n, a, ld, tau, work, lw),
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
