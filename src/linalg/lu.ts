/**
 * scipy.linalg's LU family on stacks: `luFactor` and `luSolve` (factor once, solve many, over
 * `?getrf` and `?getrs`), and `lu` (the explicit `P`, `L`, `U`).
 *
 * Pivots are 0-based int32, as scipy's. The gufunc writes them as float64 integers (its
 * outputs are computing dtypes) and `luFactor` hands them out as int32; `luSolve` takes int32
 * pivots and, as before, float64 ones holding integers.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { isComplex, realDType, resultType } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { intArray, intStride, routine } from "../../ffi/backend.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import {
  arrayArg,
  assertStacked2d,
  assertStackedSquare,
  BATCH_KEYS,
  batchOf,
  checkOptions,
  letter,
  optionKeys,
} from "./_util.ts";
import { ALL, coreDim, field, flag, transOf } from "./_scipy.ts";

const FLOAT64 = (): DType => "float64";

// (m,n),(k) -> (m,n),(k): getrf in place, the pivots written 0-based.
const luFactorKernel: KernelFactory = ({ dims: { m, n }, dtype }) => {
  const getrf = routine(`${letter(dtype)}getrf`);
  const k = Math.min(m, n);
  const ipiv = intArray(k);
  const st = intStride();
  return (b: FloatArray[]) => {
    const info = getrf(m, n, b[0], Math.max(1, m), ipiv);
    // The pivots' scratch is real (float64 output), whatever the computation dtype.
    const piv = b[3];
    for (let i = 0; i < k; i++) piv[i] = ipiv[i * st] - 1;
    // A zero pivot is no failure: scipy returns the factors (U has the zero).
    return info > 0 ? 0 : info;
  };
};

const LU_FACTOR: GufuncSpec = {
  name: "luFactor",
  signature: "(m,n),(k)->(m,n),(k)",
  inplace: [0, -1],
  outDTypes: [(d) => d, FLOAT64],
  kernels: ALL(luFactorKernel),
};

/** The options of `luFactor`, `lu`: the batch policy. */
export const LU_FACTOR_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);
/** The options of `lu`. */
export const LU_KEYS: OptionKeys = optionKeys("permuteL", ...BATCH_KEYS);
/** The options of `luSolve`. */
export const LU_SOLVE_KEYS: OptionKeys = optionKeys("trans", ...BATCH_KEYS);

/** What `luFactor` returns and `luSolve` takes. */
export interface LuFactorResult {
  /** `(..., m, n)`: `L` below the diagonal (unit diagonal implied) and `U` on and above it. */
  lu: NDArray;
  /** `(..., min(m, n))`: row `i` was swapped with row `piv[i]` (0-based, int32). */
  piv: NDArray;
}

/**
 * The pivoted LU factorization of a matrix or of each matrix of a stack, packed as LAPACK's
 * `?getrf` leaves it (scipy's `lu_factor`), for `luSolve` to reuse.
 *
 * An exactly singular matrix is factored all the same (a zero on the diagonal of `U`), as
 * scipy does; scipy warns about it, dlapack does not warn (`luSolve` then gives inf or NaN).
 *
 * @param a A matrix `(..., m, n)`.
 * @param options `errors`, `precision`.
 * @returns `{ lu, piv }`.
 *
 * @example Factor once, solve twice
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const f = linalg.luFactor([[1, 2], [3, 4]]);
 * assert.equal(f.piv.dtype, "int32");
 * assert.deepEqual(f.piv.toArray(), [1, 1]);
 * const x = linalg.luSolve(f, [5, 11]);
 * assert.deepEqual(x.toArray().map((v: number) => Math.round(v * 1e9) / 1e9), [1, 2]);
 * ```
 */
export function luFactor(a: ArrayLike, options?: BatchOptions): LuFactorResult {
  checkOptions(options, "luFactor", LU_FACTOR_KEYS);
  const A = arrayArg(a, 0, "luFactor");
  assertStacked2d(A, "luFactor");
  const k = Math.min(A.shape[A.ndim - 2], A.shape[A.ndim - 1]);
  const [lu, piv] = runGufunc(LU_FACTOR, [A, coreDim(k, A.dtype)], batchOf(options));
  return { lu, piv: piv.astype("int32") };
}

// (m,m),(m),(m,n) -> (m,n): getrs with the 0-based pivots turned back into LAPACK's.
const luSolveKernel = (trans: "N" | "T" | "C"): KernelFactory => ({ dims: { m, n }, dtype }) => {
  const getrs = routine(`${letter(dtype)}getrs`);
  const ipiv = intArray(m);
  const st = intStride();
  const f = isComplex(dtype) ? 2 : 1;
  const nrhs = n ?? 1;
  return (b: FloatArray[]) => {
    const piv = b[1];
    for (let i = 0; i < m; i++) {
      const p = piv[i * f];
      // A pivot out of range would make LAPACK swap rows outside the matrix.
      if (!(p >= i && p < m && Math.floor(p) === p)) return m + 1 + i;
      ipiv[i * st] = p + 1;
    }
    return getrs(trans, m, nrhs, b[0], Math.max(1, m), ipiv, b[2], Math.max(1, m));
  };
};

const badPivot = (info: number, { m }: { m: number }) =>
  `Invalid pivots: piv[${info - m - 1}] is not an integer from ${info - m - 1} to ${m - 1}`;

const luSolveSpec = (vector: boolean, trans: "N" | "T" | "C"): GufuncSpec => ({
  name: "luSolve",
  signature: vector ? "(m,m),(m),(m)->(m)" : "(m,m),(m),(m,n)->(m,n)",
  inplace: [2],
  kernels: ALL(luSolveKernel(trans)),
  failure: (info, dims) => badPivot(info, dims as { m: number }),
});
const LU_SOLVE = {
  N: [luSolveSpec(false, "N"), luSolveSpec(true, "N")],
  T: [luSolveSpec(false, "T"), luSolveSpec(true, "T")],
  C: [luSolveSpec(false, "C"), luSolveSpec(true, "C")],
};

/** Options of `luSolve`. */
export interface LuSolveOptions extends BatchOptions {
  /** 0 (default) solves `a x = b`, 1 `aᵀ x = b`, 2 `aᴴ x = b` (also "N", "T", "C"). */
  trans?: 0 | 1 | 2 | "N" | "T" | "C";
}

/**
 * Solves `a x = b` from `luFactor(a)` (scipy's `lu_solve`, `?getrs`). `b` is a vector when it
 * is 1-D, else a matrix `(..., m, n)`; stacks broadcast against the factors'.
 *
 * @param factors `{ lu, piv }` from `luFactor` (of square matrices).
 * @param b Right-hand side `(m)` or `(..., m, n)`.
 * @param options `trans: 0 | 1 | 2`, `errors`, `precision`.
 * @returns `x`, shaped like `b` (broadcast with the stack of `lu`).
 * @throws {LinAlgError} "Invalid pivots" when `piv` is not a pivot vector `luFactor` makes.
 *
 * @example Transposed solve
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const f = linalg.luFactor([[2, 0], [1, 4]]);
 * const x = linalg.luSolve(f, [4, 8], { trans: 1 }); // [[2, 1], [0, 4]] x = [4, 8]
 * assert.deepEqual(x.toArray(), [1, 2]);
 * ```
 */
export function luSolve(factors: LuFactorResult, b: ArrayLike, options?: LuSolveOptions): NDArray {
  checkOptions(options, "luSolve", LU_SOLVE_KEYS);
  const what = "{ lu, piv } from luFactor()";
  const lu = arrayArg(field(factors, "lu", what, "luSolve") as ArrayLike, 0, "luSolve");
  const piv = arrayArg(field(factors, "piv", what, "luSolve") as ArrayLike, 1, "luSolve");
  const B = arrayArg(b, 2, "luSolve");
  assertStackedSquare(lu, "luSolve");
  if (isComplex(piv.dtype)) {
    throw new TypeError(`Invalid pivots for luSolve(): piv is ${piv.dtype}, expected integers`);
  }
  const trans = transOf(options?.trans, "luSolve");
  const spec = LU_SOLVE[trans][B.ndim === 1 ? 1 : 0];
  const dtype = resultType(lu.dtype, B.dtype);
  return runGufunc(spec, [lu, piv, B], { ...batchOf(options), dtype })[0];
}

// (m,n),(k) -> P (m,m), L (m,k), U (k,n); or PL (m,k), U (k,n).
const luKernel = (permuteL: boolean): KernelFactory => ({ dims: { m, n }, dtype }) => {
  const getrf = routine(`${letter(dtype)}getrf`);
  const k = Math.min(m, n);
  const ipiv = intArray(k);
  const st = intStride();
  const perm = new Int32Array(m);
  const f = isComplex(dtype) ? 2 : 1;
  return (b: FloatArray[]) => {
    const a = b[0];
    const info = getrf(m, n, a, Math.max(1, m), ipiv);
    if (info < 0) return info;
    for (let i = 0; i < m; i++) perm[i] = i;
    for (let i = 0; i < k; i++) {
      const p = ipiv[i * st] - 1;
      const t = perm[i];
      perm[i] = perm[p];
      perm[p] = t;
    }
    // Row i of L U is row perm[i] of A: A = P L U with P[perm[i], i] = 1.
    const L = permuteL ? b[2] : b[3];
    const U = permuteL ? b[3] : b[4];
    L.fill(0);
    U.fill(0);
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < m; i++) {
        const row = permuteL ? perm[i] : i;
        const to = (row + j * m) * f;
        if (i === j) L[to] = 1;
        else if (i > j) {
          L[to] = a[(i + j * m) * f];
          if (f === 2) L[to + 1] = a[(i + j * m) * f + 1];
        }
      }
    }
    for (let j = 0; j < n; j++) {
      for (let i = 0; i <= Math.min(j, k - 1); i++) {
        U[(i + j * k) * f] = a[(i + j * m) * f];
        if (f === 2) U[(i + j * k) * f + 1] = a[(i + j * m) * f + 1];
      }
    }
    if (!permuteL) {
      const P = b[2];
      P.fill(0);
      for (let i = 0; i < m; i++) P[perm[i] + i * m] = 1;
    }
    return 0;
  };
};

const LU: GufuncSpec = {
  name: "lu",
  signature: "(m,n),(k)->(m,m),(m,k),(k,n)",
  outDTypes: [realDType, (d) => d, (d) => d],
  kernels: ALL(luKernel(false)),
};
const LU_PERMUTE_L: GufuncSpec = {
  name: "lu",
  signature: "(m,n),(k)->(m,k),(k,n)",
  kernels: ALL(luKernel(true)),
};

/** Options of `lu`. */
export interface LuOptions extends BatchOptions {
  /** Return `{ PL, U }` with the permutation applied to `L` (default false: `{ P, L, U }`). */
  permuteL?: boolean;
}

/** The result of `lu`: `A = P L U`. */
export interface LuResult {
  /** `(..., m, m)`: the permutation matrix (real dtype). */
  P: NDArray;
  /** `(..., m, k)`: unit lower triangular (trapezoidal), `k = min(m, n)`. */
  L: NDArray;
  /** `(..., k, n)`: upper triangular (trapezoidal). */
  U: NDArray;
}

/** The result of `lu` with `permuteL`: `A = PL U`. */
export interface LuPermutedResult {
  /** `(..., m, k)`: `P L`. */
  PL: NDArray;
  /** `(..., k, n)`: upper triangular (trapezoidal). */
  U: NDArray;
}

/**
 * The pivoted LU decomposition `A = P L U` of a matrix or of each matrix of a stack (scipy's
 * `lu`, over `?getrf`); rectangular matrices too. A singular matrix is decomposed all the same.
 *
 * @param a A matrix `(..., m, n)`.
 * @param options `permuteL`, `errors`, `precision`.
 * @returns `{ P, L, U }`, or `{ PL, U }` with `permuteL: true`.
 *
 * @example P L U = A
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { P, L, U } = linalg.lu([[1, 2], [3, 4]]);
 * assert.deepEqual(P.toArray(), [[0, 1], [1, 0]]);
 * const back = linalg.matmul(P, linalg.matmul(L, U)).toArray() as number[][];
 * assert.deepEqual(back.map((r) => r.map((v) => Math.round(v * 1e12) / 1e12)), [[1, 2], [3, 4]]);
 * ```
 */
export function lu(a: ArrayLike, options?: LuOptions & { permuteL?: false }): LuResult;
export function lu(a: ArrayLike, options: LuOptions & { permuteL: true }): LuPermutedResult;
export function lu(a: ArrayLike, options?: LuOptions): LuResult | LuPermutedResult;
export function lu(a: ArrayLike, options?: LuOptions): LuResult | LuPermutedResult {
  checkOptions(options, "lu", LU_KEYS);
  const permuteL = flag(options?.permuteL, false, "permuteL", "lu");
  const A = arrayArg(a, 0, "lu");
  assertStacked2d(A, "lu");
  const k = Math.min(A.shape[A.ndim - 2], A.shape[A.ndim - 1]);
  const args = [A, coreDim(k, A.dtype)];
  if (permuteL) {
    const [PL, U] = runGufunc(LU_PERMUTE_L, args, batchOf(options));
    return { PL, U };
  }
  const [P, L, U] = runGufunc(LU, args, batchOf(options));
  return { P, L, U };
}
