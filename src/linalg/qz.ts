/**
 * scipy.linalg's `qz` on stacks (`?gges`, no sorting).
 *
 * @module
 */
import type { DType } from "../dtype.ts";
import { complexDType, isComplex, resultType } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { Dims, GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { describeValue } from "../_describe.ts";
import type { QzSort } from "../drivers/qz.ts";
import { ggesPlan, ordqzPlan } from "../drivers/qz.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import {
  arrayArg,
  assertStackedSquare,
  BATCH_KEYS,
  batchOf,
  checkOptions,
  optionKeys,
} from "./_util.ts";
import { register } from "./_registry.ts";
import { ALL } from "./_scipy.ts";
import { allFinite } from "./schur.ts";

// Buffers: A, B, AA (A's scratch), BB (B's scratch), Q, Z.
const qzKernel: KernelFactory = ({ dims: { m }, dtype }) => {
  const gges = ggesPlan(m, dtype);
  return ([a, b, , , q, z]) => allFinite(a) && allFinite(b) ? gges(a, b, q, z) : m + 4;
};

const QZ: GufuncSpec = {
  name: "qz",
  signature: "(m,m),(m,m)->(m,m),(m,m),(m,m),(m,m)",
  inplace: [0, 1, -1, -1],
  kernels: ALL(qzKernel),
  failure: (info: number, { m }: Dims) =>
    info === m + 4
      ? "Array must not contain infs or NaNs"
      : info <= m
      ? `The QZ iteration failed: (a, b) are not in Schur form (LAPACK info ${info})`
      : "Something other than QZ iteration failed",
};

/** The options of `qz`. */
export const QZ_KEYS: OptionKeys = optionKeys("output", ...BATCH_KEYS);

/** Options of `qz`. */
export interface QzOptions extends BatchOptions {
  /** "real" (default): the real generalized Schur form for real input; "complex": triangular. */
  output?: "real" | "complex";
}

/** The result of `qz`: A = Q AA Zᴴ and B = Q BB Zᴴ. */
export interface QzResult {
  /** The generalized Schur form of A: (quasi-)upper triangular. */
  AA: NDArray;
  /** The generalized Schur form of B: upper triangular. */
  BB: NDArray;
  /** The left Schur vectors (unitary). */
  Q: NDArray;
  /** The right Schur vectors (unitary). */
  Z: NDArray;
}

/**
 * The QZ (generalized Schur) decomposition of a pencil (A, B), or of each pencil of a stack
 * (`?gges`, no sorting), as scipy's `linalg.qz`: A = Q AA Zᴴ, B = Q BB Zᴴ. The generalized
 * eigenvalues are AA[i,i] / BB[i,i] (from the 2 x 2 blocks of AA for real input). Stacks
 * broadcast. Unlike scipy, which only warns, a failed QZ iteration is a LinAlgError.
 *
 * @param a `(..., m, m)`.
 * @param b `(..., m, m)`.
 * @param options `output` ("real" or "complex"), `errors`, `precision`.
 * @returns `{ AA, BB, Q, Z }`.
 * @throws {LinAlgError} "The QZ iteration failed", "Something other than QZ iteration failed"
 * or "Array must not contain infs or NaNs", naming the item of the stack.
 *
 * @example QZ of a 2 x 2 pencil
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { AA, BB, Q, Z } = linalg.qz([[1, 2], [3, 4]], [[2, 0], [0, 1]]);
 * const back = linalg.matmul(linalg.matmul(Q, BB), linalg.matrixTranspose(Z)).toArray() as number[][];
 * assert.ok(Math.abs(back[0][0] - 2) < 1e-12 && Math.abs(back[0][1]) < 1e-12);
 * assert.equal(AA.shape[0], 2);
 * ```
 */
export function qz(a: ArrayLike, b: ArrayLike, options?: QzOptions): QzResult {
  checkOptions(options, "qz", QZ_KEYS);
  const output = options?.output ?? "real";
  if (output !== "real" && output !== "complex") {
    throw new TypeError(
      `Invalid output for qz(): expected "real" or "complex", got ${describeValue(output)}`,
    );
  }
  const A = arrayArg(a, 0, "qz");
  const B = arrayArg(b, 1, "qz");
  assertStackedSquare(A, "qz");
  assertStackedSquare(B, "qz");
  if (A.shape[A.ndim - 1] !== B.shape[B.ndim - 1]) {
    throw new RangeError(
      `Array dimensions must be equal for qz(): got ${A.shape[A.ndim - 1]} and ${
        B.shape[B.ndim - 1]
      }`,
    );
  }
  let dtype: DType = resultType(A.dtype, B.dtype);
  if (output === "complex" && !isComplex(dtype)) dtype = complexDType(dtype);
  const [AA, BB, Q, Z] = runGufunc(QZ, [A, B], { ...batchOf(options), dtype });
  return { AA, BB, Q, Z };
}

// --- ordqz -------------------------------------------------------------------------------------

// Buffers: A, B, AA (A's scratch), BB (B's scratch), alpha, beta, Q, Z.
const ordqzKernel = (sort: QzSort): KernelFactory => ({ dims: { m }, dtype }) => {
  const plan = ordqzPlan(m, dtype, sort);
  return ([a, b, , , alpha, beta, q, z]) =>
    allFinite(a) && allFinite(b) ? plan(a, b, q, z, alpha, beta) : m + 4;
};

const ORDQZ = new Map<QzSort, GufuncSpec>();
function ordqzSpec(sort: QzSort): GufuncSpec {
  let s = ORDQZ.get(sort);
  if (s === undefined) {
    const same = (d: DType) => d;
    s = {
      name: "ordqz",
      signature: "(m,m),(m,m)->(m,m),(m,m),(m),(m),(m,m),(m,m)",
      inplace: [0, 1, -1, -1, -1, -1],
      outDTypes: [same, same, complexDType, same, same, same],
      kernels: ALL(ordqzKernel(sort)),
      failure: (info: number, dims: Dims) =>
        info === dims.m + 3 ? "Reordering failed in ?tgsen" : QZ.failure!(info, dims),
    };
    ORDQZ.set(sort, s);
  }
  return s;
}

/** The options of `ordqz`. */
export const ORDQZ_KEYS: OptionKeys = optionKeys("sort", "output", ...BATCH_KEYS);

/** Options of `ordqz`. */
export interface OrdqzOptions extends QzOptions {
  /**
   * Which eigenvalues alpha / beta go first (default "lhp"): "lhp" real part < 0, "rhp" real part
   * > 0, "iuc" inside the unit circle, "ouc" outside it (an infinite one, beta = 0, is outside).
   */
  sort?: QzSort;
}

/** The result of `ordqz`: `qz`'s, reordered, with the generalized eigenvalues alpha / beta. */
export interface OrdqzResult extends QzResult {
  /** alpha (complex), in the order of the diagonal. */
  alpha: NDArray;
  /** beta. */
  beta: NDArray;
}

/**
 * The QZ decomposition with the eigenvalues `sort` selects moved to the top left (scipy's
 * `linalg.ordqz` with a string sort): `?gges` unsorted, then `?tgsen` with the computed
 * selection (callbacks cannot cross the FFI portably). Stacks broadcast.
 *
 * @param a `(..., m, m)`.
 * @param b `(..., m, m)`.
 * @param options `sort` ("lhp", "rhp", "iuc", "ouc"), `output`, `errors`, `precision`.
 * @returns `{ AA, BB, alpha, beta, Q, Z }`.
 * @throws {LinAlgError} As `qz`, or "Reordering failed in ?tgsen".
 *
 * @example The stable eigenvalue first
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const r = linalg.ordqz([[2, 0], [0, -3]], [[1, 0], [0, 1]], { sort: "lhp" });
 * const aa = r.AA.toArray() as number[][];
 * assert.ok(Math.abs(aa[0][0] + 3) < 1e-12 && Math.abs(aa[1][1] - 2) < 1e-12);
 * ```
 */
export function ordqz(a: ArrayLike, b: ArrayLike, options?: OrdqzOptions): OrdqzResult {
  checkOptions(options, "ordqz", ORDQZ_KEYS);
  const sort = options?.sort ?? "lhp";
  if (sort !== "lhp" && sort !== "rhp" && sort !== "iuc" && sort !== "ouc") {
    throw new TypeError(
      `Invalid sort for ordqz(): expected "lhp", "rhp", "iuc" or "ouc", got ${describeValue(sort)}`,
    );
  }
  const output = options?.output ?? "real";
  if (output !== "real" && output !== "complex") {
    throw new TypeError(
      `Invalid output for ordqz(): expected "real" or "complex", got ${describeValue(output)}`,
    );
  }
  const A = arrayArg(a, 0, "ordqz");
  const B = arrayArg(b, 1, "ordqz");
  assertStackedSquare(A, "ordqz");
  assertStackedSquare(B, "ordqz");
  if (A.shape[A.ndim - 1] !== B.shape[B.ndim - 1]) {
    throw new RangeError(
      `Array dimensions must be equal for ordqz(): got ${A.shape[A.ndim - 1]} and ${
        B.shape[B.ndim - 1]
      }`,
    );
  }
  let dtype: DType = resultType(A.dtype, B.dtype);
  if (output === "complex" && !isComplex(dtype)) dtype = complexDType(dtype);
  const [AA, BB, alpha, beta, Q, Z] = runGufunc(ordqzSpec(sort), [A, B], {
    ...batchOf(options),
    dtype,
  });
  return { AA, BB, alpha, beta, Q, Z };
}

register(qz, "qz", 2, QZ_KEYS);
register(ordqz, "ordqz", 2, ORDQZ_KEYS);
