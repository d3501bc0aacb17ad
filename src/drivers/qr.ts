/**
 * The QR driver: `?geqrf` (Householder QR) and `?orgqr`/`?ungqr` (form Q), sharing one
 * workspace. Used by `qr`.
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
