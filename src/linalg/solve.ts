/**
 * `inv` and `solve` over LU factorization (`?getrf` + `?getri`, `?getrf` + `?getrs`).
 *
 * Both read C-order matrices as their transposes, so the common case costs one memcpy in
 * and one out: inv(A^T) = inv(A)^T, and A x = b is solved from the LU of A^T with `getrs`
 * `trans = 'T'`.
 *
 * @module
 */
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { GufuncOptions, GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { luPlan, luSingular, NAN_PIVOT } from "../drivers/lu.ts";
import { describeValue } from "../_describe.ts";
import { structuredSolve } from "./structured.ts";
import type { OptionKeys } from "./_util.ts";
import { register } from "./_registry.ts";
import { arrayArg, assertStackedSquare, checkOptions, ENGINE_KEYS, optionKeys } from "./_util.ts";

const singular = luSingular;

const invKernel: KernelFactory = ({ dims: { m }, dtype }) => {
  const lu = luPlan(m, dtype, "inverse");
  return (b) => {
    const a = b[0];
    const info = lu.factor(a);
    if (info === NAN_PIVOT) return void a.fill(NaN), 0;
    return info || lu.invert(a);
  };
};

const INV: GufuncSpec = {
  name: "inv",
  signature: "(m,m)->(m,m)",
  layouts: "CC",
  inplace: [0],
  kernels: { float32: invKernel, float64: invKernel, complex64: invKernel, complex128: invKernel },
  failure: singular,
};

/** The options of `inv` and `solve`: the engine's. */
export const INV_KEYS: OptionKeys = optionKeys(...ENGINE_KEYS);
/** The options of `solve`: the engine's, and scipy's `assumeA` and `lower`. */
export const SOLVE_KEYS: OptionKeys = optionKeys("assumeA", "lower", ...ENGINE_KEYS);

/** Options of `inv`. */
export interface InvOptions extends GufuncOptions {
  /** Where to write the result (shape and dtype of the result): a hot loop allocates nothing. */
  out?: NDArray;
}

/**
 * The inverse of a square matrix, or of each matrix of a stack (`?getrf` + `?getri`).
 *
 * @param a A matrix `(..., m, m)`.
 * @param options `out`, `errors: "raise" | "nan"`, `precision: "double" | "single"`.
 * @returns The inverse, same shape; float32 stays float32.
 * @throws {LinAlgError} "Singular matrix" (naming the item of the stack that failed).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inv } from "./solve.ts";
 * const ainv = inv([[4, 7], [2, 6]]);
 * assert.deepEqual(ainv.toArray().flat().map((x: number) => Math.round(x * 10) / 10), [0.6, -0.7, -0.2, 0.4]);
 * ```
 */
export function inv(a: ArrayLike, options?: InvOptions): NDArray {
  checkOptions(options, "inv", INV_KEYS);
  const arr = arrayArg(a, 0, "inv");
  assertStackedSquare(arr, "inv");
  return runGufunc(INV, [arr], options)[0];
}

const solveKernel: KernelFactory = ({ dims: { m, n }, dtype }) => {
  const lu = luPlan(m, dtype, "solve");
  const nrhs = n ?? 1;
  return (b) => {
    const info = lu.factor(b[0]);
    if (info === NAN_PIVOT) return void b[1].fill(NaN), 0;
    return info || lu.solve("T", b[0], b[1], nrhs);
  };
};

const kernels = {
  float32: solveKernel,
  float64: solveKernel,
  complex64: solveKernel,
  complex128: solveKernel,
};
const SOLVE: GufuncSpec = {
  name: "solve",
  signature: "(m,m),(m,n)->(m,n)",
  layouts: "CFF",
  inplace: [1],
  kernels,
  failure: singular,
};
const SOLVE1: GufuncSpec = {
  name: "solve",
  signature: "(m,m),(m)->(m)",
  layouts: "CFF",
  inplace: [1],
  kernels,
  failure: singular,
};

/** Options of `solve`. */
export interface SolveOptions extends GufuncOptions {
  /** Where to write the result. */
  out?: NDArray;
  /**
   * scipy's `assume_a`: "gen" (default, LU: `?getrf` + `?getrs`), "sym" (symmetric,
   * `?sysv`), "her" (Hermitian, `?hesv`) or "pos" (Hermitian positive definite, `?posv`).
   */
  assumeA?: "gen" | "sym" | "her" | "pos";
  /** For "sym", "her", "pos": read the lower triangle of `a` (default false: the upper one). */
  lower?: boolean;
}

/**
 * Solves `a @ x = b` for `x` (`?getrf` + `?getrs`). As in numpy 2, `b` is a vector when it is
 * 1-D, and a matrix `(..., m, n)` otherwise; stacks broadcast. scipy's `assumeA` picks a
 * structured solver that reads one triangle of `a` (`lower` says which): "sym" (`?sysv`),
 * "her" (`?hesv`) or "pos" (`?posv`); their failures are "Matrix is singular" (scipy's words).
 * There is no warning for an ill-conditioned `a` (scipy warns; numpy does not).
 *
 * @param a Coefficients `(..., m, m)`.
 * @param b Right-hand side `(m)` or `(..., m, n)`.
 * @param options `assumeA`, `lower`, `out`, `errors`, `precision`.
 * @returns `x`, shaped like `b` (broadcast with the stack of `a`).
 * @throws {LinAlgError} "Singular matrix" ("Matrix is singular" with `assumeA`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { solve } from "./solve.ts";
 * const x = solve([[3, 1], [1, 2]], [9, 8]);
 * assert.deepEqual(x.toArray().map((v: number) => Math.round(v * 1e9) / 1e9), [2, 3]);
 * const y = solve([[3, 1], [1, 2]], [9, 8], { assumeA: "pos" });
 * assert.deepEqual(y.toArray().map((v: number) => Math.round(v * 1e9) / 1e9), [2, 3]);
 * ```
 */
export function solve(a: ArrayLike, b: ArrayLike, options?: SolveOptions): NDArray {
  checkOptions(options, "solve", SOLVE_KEYS);
  const A = arrayArg(a, 0, "solve");
  const B = arrayArg(b, 1, "solve");
  assertStackedSquare(A, "solve");
  const assume = options?.assumeA ?? "gen";
  const engine = options === undefined ? undefined : {
    out: options.out,
    errors: options.errors,
    precision: options.precision,
    dtype: options.dtype,
  };
  if (assume === "gen") {
    if (options?.lower !== undefined && typeof options.lower !== "boolean") {
      throw new TypeError(
        `Invalid lower for solve(): expected true or false, got ${describeValue(options.lower)}`,
      );
    }
    return runGufunc(B.ndim === 1 ? SOLVE1 : SOLVE, [A, B], engine)[0];
  }
  return structuredSolve(A, B, assume, options?.lower, engine);
}

// What linalg.async and createPool may run (./_registry.ts).
register(inv, "inv", 1, INV_KEYS, { pool: true });
register(solve, "solve", 2, SOLVE_KEYS, { pool: true });
