/**
 * The symmetric-indefinite driver: `?sytrf` (real, or complex symmetric) and `?hetrf` (complex
 * Hermitian), Bunch-Kaufman diagonal pivoting, used by `ldl`.
 *
 * One plan per gufunc call: one workspace query (at least LAPACK's documented minimum 1), the
 * pivots allocated once; `factor` allocates nothing. A positive `info` (D(i, i) is exactly
 * zero) is no failure: the factorization is complete and D is singular, as scipy reports it.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex } from "../dtype.ts";
import { intArray, intStride, variant } from "../../ffi/backend.ts";
import { complexLetter, documentedMin, typeLetter, workspace } from "./_plan.ts";

/** A `?sytrf`/`?hetrf` plan for n x n column-major matrices (leading dimension max(1, n)). */
export interface SytrfPlan {
  /** The pivots of the last `factor`, LAPACK's 1-based encoding: read `ipiv[i * stride]`. */
  readonly ipiv: Int32Array;
  /** Int32 words per LAPACK integer (2 for ILP64). */
  readonly stride: 1 | 2;
  /** Factors `a` in place (the triangle `uplo` names); LAPACK's `info`. */
  factor(a: FloatArray): number;
}

/**
 * Plans `?sytrf` (or `?hetrf` when `hermitian` and the dtype is complex) of n x n matrices
 * (n >= 1) reading triangle `uplo`.
 */
export function sytrfPlan(n: number, dtype: DType, uplo: "L" | "U", hermitian: boolean): SytrfPlan {
  const f = isComplex(dtype) && hermitian
    ? variant(complexLetter(dtype), "hetrf")
    : variant(typeLetter(dtype), "sytrf");
  const ld = Math.max(1, n);
  const ipiv = intArray(n);
  const q = allocData(dtype, 1);
  const dummy = allocData(dtype, 1);
  f(uplo, n, dummy, ld, ipiv, q, -1);
  const lw = workspace(q, documentedMin("sytrf", "LWORK", { N: n }));
  const work = allocData(dtype, lw);
  return { ipiv, stride: intStride(), factor: (a) => f(uplo, n, a, ld, ipiv, work, lw) };
}
