/**
 * `inv` and `solve` over LU factorization (`?getrf` + `?getri`, `?getrf` + `?getrs`).
 *
 * Both read C-order matrices as their transposes, so the common case costs one memcpy in
 * and one out: inv(A^T) = inv(A)^T, and A x = b is solved from the LU of A^T with `getrs`
 * `trans = 'T'`.
 *
 * @module
 */
import type { FloatArray } from "../dtype.ts";
import { allocData } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { GufuncOptions, GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { intArray, routine } from "../../ffi/backend.ts";
import type { OptionKeys } from "./_util.ts";
import { register } from "./_registry.ts";
import {
  arrayArg,
  assertStackedSquare,
  checkOptions,
  ENGINE_KEYS,
  letter,
  lwork,
  nanPivotBefore,
  optionKeys,
} from "./_util.ts";

const singular = (info: number) => `Singular matrix: U[${info - 1},${info - 1}] is exactly zero`;

const invKernel: KernelFactory = ({ dims: { m }, dtype }) => {
  const t = letter(dtype);
  const getrf = routine(`${t}getrf`);
  const getri = routine(`${t}getri`);
  const ld = Math.max(1, m);
  const ipiv = intArray(m);
  const q = allocData(dtype, 1);
  const dummy = allocData(dtype, 1);
  getri(m, dummy, ld, ipiv, q, -1);
  const work = allocData(dtype, lwork(q));
  const complex = dtype === "complex64" || dtype === "complex128";
  const nwork = work.length / (complex ? 2 : 1);
  return (b: FloatArray[]) => {
    const a = b[0];
    const info = getrf(m, m, a, ld, ipiv);
    if (info > 0 && nanPivotBefore(a, ld, info, complex)) return void a.fill(NaN), 0;
    if (info !== 0) return info;
    return getri(m, a, ld, ipiv, work, nwork);
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
export const SOLVE_KEYS: OptionKeys = INV_KEYS;

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
  const t = letter(dtype);
  const getrf = routine(`${t}getrf`);
  const getrs = routine(`${t}getrs`);
  const ld = Math.max(1, m);
  const nrhs = n ?? 1;
  const ipiv = intArray(m);
  const complex = dtype === "complex64" || dtype === "complex128";
  return (buf: FloatArray[]) => {
    const a = buf[0];
    const info = getrf(m, m, a, ld, ipiv);
    if (info > 0 && nanPivotBefore(a, ld, info, complex)) return void buf[1].fill(NaN), 0;
    if (info !== 0) return info;
    return getrs("T", m, nrhs, a, ld, ipiv, buf[1], ld);
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
}

/**
 * Solves `a @ x = b` for `x` (`?getrf` + `?getrs`). As in numpy 2, `b` is a vector when it is
 * 1-D, and a matrix `(..., m, n)` otherwise; stacks broadcast.
 *
 * @param a Coefficients `(..., m, m)`.
 * @param b Right-hand side `(m)` or `(..., m, n)`.
 * @param options `out`, `errors`, `precision`.
 * @returns `x`, shaped like `b` (broadcast with the stack of `a`).
 * @throws {LinAlgError} "Singular matrix".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { solve } from "./solve.ts";
 * const x = solve([[3, 1], [1, 2]], [9, 8]);
 * assert.deepEqual(x.toArray().map((v: number) => Math.round(v * 1e9) / 1e9), [2, 3]);
 * ```
 */
export function solve(a: ArrayLike, b: ArrayLike, options?: SolveOptions): NDArray {
  checkOptions(options, "solve", SOLVE_KEYS);
  const A = arrayArg(a, 0, "solve");
  const B = arrayArg(b, 1, "solve");
  assertStackedSquare(A, "solve");
  return runGufunc(B.ndim === 1 ? SOLVE1 : SOLVE, [A, B], options)[0];
}

// What linalg.async and createPool may run (./_registry.ts).
register(inv, "inv", 1, INV_KEYS, { pool: true });
register(solve, "solve", 2, SOLVE_KEYS, { pool: true });
