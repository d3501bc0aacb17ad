/**
 * The Cholesky driver: `?potrf` (factor) and `?potrs` (solve with the factor). Used by
 * `cholesky`; no workspace.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { routine } from "../../ffi/backend.ts";
import { typeLetter } from "./_plan.ts";

/** What a positive `info` of `?potrf` means. */
export const notPositiveDefinite = (info: number): string =>
  `Matrix is not positive definite: the leading minor of order ${info} is not positive`;

/** A Cholesky plan for n x n column-major matrices (leading dimension max(1, n)). */
export interface CholPlan {
  /** `?potrf` on triangle `uplo`, in place; info > 0: not positive definite. */
  factor(a: FloatArray): number;
  /** `?potrs` with the factor in `a`: solves A X = B for `nrhs` columns of `b` in place. */
  solve(a: FloatArray, b: FloatArray, nrhs: number): number;
}

/** Plans Cholesky on triangle `uplo` of n x n matrices. */
export function cholPlan(n: number, dtype: DType, uplo: "U" | "L"): CholPlan {
  const t = typeLetter(dtype);
  const potrf = routine(`${t}potrf`);
  const potrs = routine(`${t}potrs`);
  const ld = Math.max(1, n);
  return {
    factor: (a) => potrf(uplo, n, a, ld),
    solve: (a, b, nrhs) => potrs(uplo, n, nrhs, a, ld, b, ld),
  };
}
