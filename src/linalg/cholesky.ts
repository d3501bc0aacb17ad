/**
 * scipy.linalg's Cholesky factor-and-solve pair on stacks: `choFactor` (`?potrf`) and
 * `choSolve` (`?potrs`'s two triangular solves, as `?trsm` on the C-order factor).
 *
 * @module
 */
import type { FloatArray } from "../dtype.ts";
import { resultType } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { routine } from "../../ffi/backend.ts";
import { notPositiveDefinite } from "../drivers/chol.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import {
  arrayArg,
  assertStackedSquare,
  BATCH_KEYS,
  batchOf,
  checkOptions,
  letter,
  optionKeys,
} from "./_util.ts";
import { ALL, field, flag } from "./_scipy.ts";

// numpy's cholesky words (scipy's start with a digit: "2-th leading minor ..."), as cholesky.
const notPositive = notPositiveDefinite;

// choFactor works on the C-order matrix itself: read as column-major it is Aᵀ = conj(A), whose
// Fortran "L" factor L' (conj(A) = L' L'ᴴ) lies in the C-order upper triangle as U = L'ᵀ, with
// A = Uᴴ U (and "U" gives the lower factor likewise). So `uplo` here is the Fortran triangle,
// the other one from the result's: the input is copied straight into the result (one memcpy),
// LAPACK factors it there, and nothing is transposed in or out.
const choFactorKernel = (uplo: "L" | "U"): KernelFactory => ({ dims: { m }, dtype }) => {
  const potrf = routine(`${letter(dtype)}potrf`);
  return (b: FloatArray[]) => potrf(uplo, m, b[0], Math.max(1, m));
};

const choFactorSpec = (uplo: "L" | "U"): GufuncSpec => ({
  name: "choFactor",
  signature: "(m,m)->(m,m)",
  layouts: "CC",
  inplace: [0],
  kernels: ALL(choFactorKernel(uplo)),
  failure: notPositive,
});
const CHO_FACTOR = { L: choFactorSpec("U"), U: choFactorSpec("L") };

/** The options of `choFactor`. */
export const CHO_FACTOR_KEYS: OptionKeys = optionKeys("lower", ...BATCH_KEYS);
/** The options of `choSolve`. */
export const CHO_SOLVE_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);

/** Options of `choFactor`. */
export interface ChoFactorOptions extends BatchOptions {
  /** Factor as `L Lᴴ` (true) or `Uᴴ U` (false, the default, as scipy). */
  lower?: boolean;
}

/** What `choFactor` returns and `choSolve` takes. */
export interface ChoFactorResult {
  /**
   * `(..., m, m)`: the factor in the triangle `lower` names; the other triangle holds the
   * input's entries (as scipy's: not zeroed).
   */
  c: NDArray;
  /** Which triangle holds the factor. */
  lower: boolean;
}

/**
 * The Cholesky factorization of a Hermitian positive-definite matrix or of each matrix of a
 * stack, for `choSolve` to reuse (scipy's `cho_factor`, `?potrf`). Only the triangle `lower`
 * names is read.
 *
 * @param a A matrix `(..., m, m)`.
 * @param options `lower`, `errors`, `precision`.
 * @returns `{ c, lower }`.
 * @throws {LinAlgError} "Matrix is not positive definite: the leading minor of order 2 is not
 * positive" (as `cholesky`), naming the item of the stack.
 *
 * @example Factor a covariance once, solve for many right-hand sides
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const f = linalg.choFactor([[4, 2], [2, 3]]);
 * assert.equal(f.lower, false);
 * const x = linalg.choSolve(f, [[6, 4], [5, 5]]);
 * assert.deepEqual(x.toArray().flat().map((v: number) => Math.round(v * 1e9) / 1e9), [1, 0.25, 1, 1.5]);
 * ```
 */
export function choFactor(a: ArrayLike, options?: ChoFactorOptions): ChoFactorResult {
  checkOptions(options, "choFactor", CHO_FACTOR_KEYS);
  const lower = flag(options?.lower, false, "lower", "choFactor");
  const A = arrayArg(a, 0, "choFactor");
  assertStackedSquare(A, "choFactor");
  const c = runGufunc(CHO_FACTOR[lower ? "L" : "U"], [A], batchOf(options))[0];
  return { c, lower };
}

// Factors and right-hand sides in C order, nothing transposed: read as column-major, the
// factor buffer is F (the Fortran triangle `uplo` of Aᵀ = conj(A), as choFactor makes it:
// conj(A) = F Fᴴ for "L", Fᴴ F for "U") and b's is Bᵀ (nrhs x m, ld nrhs). A X = B is
// Xᵀ Aᵀ = Bᵀ, that is Xᵀ conj(A) = Bᵀ: two ?trsm from the right ("C" is "T" for real
// dtypes). The factor is only read: one matrix of the computation dtype is read where it is
// (the gufunc's `readOnly`), and b is solved in place in the result.
const choSolveKernel = (uplo: "L" | "U"): KernelFactory => ({ dims: { m, n }, dtype }) => {
  const trsm = routine(`${letter(dtype)}trsm`);
  const k = n ?? 1;
  const one = dtype === "float32" || dtype === "complex64"
    ? new Float32Array([1, 0])
    : new Float64Array([1, 0]);
  const [first, second] = uplo === "L" ? ["C", "N"] as const : ["N", "C"] as const;
  const lda = Math.max(1, m);
  const ldb = Math.max(1, k);
  return (b: FloatArray[]) => {
    trsm("R", uplo, first, "N", k, m, one, b[0], lda, b[1], ldb);
    return trsm("R", uplo, second, "N", k, m, one, b[0], lda, b[1], ldb);
  };
};

// `uplo` is the Fortran triangle of the C-order buffer: the other one from `lower`'s.
const choSolveSpec = (uplo: "L" | "U", vector: boolean): GufuncSpec => ({
  name: "choSolve",
  signature: vector ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)",
  layouts: "CCC",
  inplace: [1],
  readOnly: [0],
  kernels: ALL(choSolveKernel(uplo)),
});
/** By [lower][vector]. */
const CHO_SOLVE = [false, true].map((lower) => {
  const uplo = lower ? "U" : "L";
  return [choSolveSpec(uplo, false), choSolveSpec(uplo, true)];
});

/**
 * Solves `a x = b` from `choFactor(a)` (scipy's `cho_solve`: `?potrs`'s two triangular
 * solves, here `?trsm` on the factor as it is). `b` is a vector when it is 1-D, else a matrix
 * `(..., m, n)`; stacks broadcast against the factor's.
 *
 * @param factor `{ c, lower }` from `choFactor`.
 * @param b Right-hand side `(m)` or `(..., m, n)`.
 * @param options `errors`, `precision`.
 * @returns `x`, shaped like `b` (broadcast with the stack of `c`).
 *
 * @example A stack of factors, one right-hand side each
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const f = linalg.choFactor([[[4, 0], [0, 9]], [[1, 0], [0, 4]]], { lower: true });
 * const x = linalg.choSolve(f, [[[4], [9]], [[1], [8]]]);
 * assert.deepEqual(x.toArray(), [[[1], [1]], [[1], [2]]]);
 * ```
 */
export function choSolve(factor: ChoFactorResult, b: ArrayLike, options?: BatchOptions): NDArray {
  checkOptions(options, "choSolve", CHO_SOLVE_KEYS);
  const what = "{ c, lower } from choFactor()";
  const c = arrayArg(field(factor, "c", what, "choSolve") as ArrayLike, 0, "choSolve");
  const lower = flag(field(factor, "lower", what, "choSolve"), false, "lower", "choSolve");
  const B = arrayArg(b, 1, "choSolve");
  assertStackedSquare(c, "choSolve");
  const dtype = resultType(c.dtype, B.dtype);
  const spec = CHO_SOLVE[+lower][B.ndim === 1 ? 1 : 0];
  return runGufunc(spec, [c, B], { ...batchOf(options), dtype })[0];
}
