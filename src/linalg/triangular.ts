/**
 * scipy.linalg's `solve_triangular` on stacks (`?trtrs`).
 *
 * @module
 */
import type { FloatArray } from "../dtype.ts";
import { resultType } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { routine } from "../../ffi/backend.ts";
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
import { ALL, flag, transOf } from "./_scipy.ts";

type Letter = "N" | "T" | "C";

const trtrsKernel = (uplo: "L" | "U", trans: Letter, diag: "N" | "U"): KernelFactory =>
(
  { dims: { m, n }, dtype },
) => {
  const trtrs = routine(`${letter(dtype)}trtrs`);
  const nrhs = n ?? 1;
  const ld = Math.max(1, m);
  return (b: FloatArray[]) => trtrs(uplo, trans, diag, m, nrhs, b[0], ld, b[1], ld);
};

const specs = new Map<string, GufuncSpec>();
function spec(uplo: "L" | "U", trans: Letter, diag: "N" | "U", vector: boolean): GufuncSpec {
  const key = `${uplo}${trans}${diag}${vector}`;
  let s = specs.get(key);
  if (s === undefined) {
    s = {
      name: "solveTriangular",
      signature: vector ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)",
      inplace: [1],
      kernels: ALL(trtrsKernel(uplo, trans, diag)),
      failure: (info) => `Singular matrix: resolution failed at diagonal ${info - 1}`,
    };
    specs.set(key, s);
  }
  return s;
}

/** The options of `solveTriangular`. */
export const SOLVE_TRIANGULAR_KEYS: OptionKeys = optionKeys(
  "lower",
  "trans",
  "unitDiagonal",
  ...BATCH_KEYS,
);

/** Options of `solveTriangular`. */
export interface SolveTriangularOptions extends BatchOptions {
  /** Read the lower triangle of `a` (default false: the upper one). */
  lower?: boolean;
  /** 0 (default) solves `a x = b`, 1 `aᵀ x = b`, 2 `aᴴ x = b` (also "N", "T", "C"). */
  trans?: 0 | 1 | 2 | "N" | "T" | "C";
  /** Take the diagonal of `a` as ones, without reading it (default false). */
  unitDiagonal?: boolean;
}

/**
 * Solves `a x = b` for triangular `a` (scipy's `solve_triangular`, `?trtrs`): only the
 * triangle `lower` names is read. `b` is a vector when it is 1-D, else a matrix
 * `(..., m, n)`; stacks broadcast. There is no warning for an ill-conditioned `a`.
 *
 * @param a Triangular coefficients `(..., m, m)`.
 * @param b Right-hand side `(m)` or `(..., m, n)`.
 * @param options `lower`, `trans`, `unitDiagonal`, `errors`, `precision`.
 * @returns `x`, shaped like `b` (broadcast with the stack of `a`).
 * @throws {LinAlgError} "Singular matrix: resolution failed at diagonal 1" (a zero on the
 * diagonal, counted from 0 as scipy's).
 *
 * @example Back substitution
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const x = linalg.solveTriangular([[2, 1], [0, 4]], [4, 8]);
 * assert.deepEqual(x.toArray(), [1, 2]);
 * const y = linalg.solveTriangular([[2, 0], [1, 4]], [4, 10], { lower: true });
 * assert.deepEqual(y.toArray(), [2, 2]);
 * ```
 */
export function solveTriangular(
  a: ArrayLike,
  b: ArrayLike,
  options?: SolveTriangularOptions,
): NDArray {
  checkOptions(options, "solveTriangular", SOLVE_TRIANGULAR_KEYS);
  const lower = flag(options?.lower, false, "lower", "solveTriangular");
  const unit = flag(options?.unitDiagonal, false, "unitDiagonal", "solveTriangular");
  const trans = transOf(options?.trans, "solveTriangular");
  const A = arrayArg(a, 0, "solveTriangular");
  const B = arrayArg(b, 1, "solveTriangular");
  assertStackedSquare(A, "solveTriangular");
  const s = spec(lower ? "L" : "U", trans, unit ? "U" : "N", B.ndim === 1);
  const dtype = resultType(A.dtype, B.dtype);
  return runGufunc(s, [A, B], { ...batchOf(options), dtype })[0];
}
