/**
 * Private helpers shared by the linalg families: input checks in numpy's words, the LAPACK
 * type letter of a dtype, and the small real product done in JavaScript instead of BLAS.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import type { ArrayLike as ArrayInput, FloatNDArray } from "../ndarray.ts";
import { asarray, isNDArray, NDArray } from "../ndarray.ts";
import { LinAlgError } from "../errors.ts";
import type { GufuncOptions } from "../gufunc.ts";
import { checkNDArray, GUFUNC_OPTION_KEYS } from "../gufunc.ts";
import { optionKeys } from "../_options.ts";

export type { OptionKeys } from "../_options.ts";
export { checkOptions, optionKeys } from "../_options.ts";

/** The keys of `GufuncOptions`, for functions whose options object goes to the engine as is. */
export const ENGINE_KEYS: readonly string[] = GUFUNC_OPTION_KEYS;
/** The keys of `BatchOptions`. */
export const BATCH_KEYS: readonly string[] = optionKeys("errors", "precision");

/** The LAPACK type letter of a computation dtype. */
export function letter(dtype: DType): "s" | "d" | "c" | "z" {
  return dtype === "float32" ? "s" : dtype === "float64" ? "d" : dtype === "complex64" ? "c" : "z";
}

/** numpy's `_assert_stacked_2d`. */
export function assertStacked2d(a: NDArray, name: string): void {
  if (a.ndim < 2) {
    throw new LinAlgError(
      `${a.ndim}-dimensional array given. Array must be at least two-dimensional: ${name}() needs a matrix or a stack of matrices`,
    );
  }
}

/** numpy's `_assert_stacked_square`. */
export function assertStackedSquare(a: NDArray, name: string): void {
  assertStacked2d(a, name);
  const m = a.shape[a.ndim - 2];
  const n = a.shape[a.ndim - 1];
  if (m !== n) {
    throw new LinAlgError(
      `Last 2 dimensions of the array must be square: ${name}() got shape (${a.shape.join(", ")})`,
    );
  }
}

/**
 * An array argument: `asarray(x)`, and for an NDArray not made by the constructor (forged
 * with `Object.create(NDArray.prototype)`), the check that it is well-formed before anything
 * reads its shape. One the constructor made has frozen fields, so it is checked once, by the
 * engine (runGufunc checks every array, its data's length included). Operands count from 0, as
 * numpy's.
 */
export function arrayArg(x: ArrayInput, operand: number, name: string): FloatNDArray {
  let a: NDArray;
  if (x instanceof NDArray) {
    if (!isNDArray(x)) checkNDArray(x, operand, name);
    a = x;
  } else a = asarray(x);
  // int32 and bool compute in float64, as numpy's linalg.
  const d: string = a.dtype;
  return (d === "int32" || d === "bool" ? a.astype("float64") : a) as FloatNDArray;
}

/** The options all batched linalg functions take. */
export type BatchOptions = Pick<GufuncOptions, "errors" | "precision">;

/**
 * Only the batch policy of an options object, for a function that passes on no more than
 * that (its other keys were refused or are its own).
 */
export function batchOf(options: BatchOptions | undefined): BatchOptions | undefined {
  return options === undefined
    ? undefined
    : { errors: options.errors, precision: options.precision };
}

/** Size of a workspace from a query (`work[0]` holds it), at least 1. */
export function lwork(q: ArrayLike<number>): number {
  return Math.max(1, Math.ceil(q[0]));
}

/**
 * C = X Y for small row-major real matrices, X `m x k` and Y `k x n`, where a BLAS call would
 * cost more than the arithmetic (matmul's small float64 products, expm's small orders). Four
 * columns of C at a time (one load of X[i, p] for four sums); each entry is summed in order of
 * p, so the bits are a plain triple loop's.
 */
export function smallGemm(
  C: FloatArray,
  X: FloatArray,
  Y: FloatArray,
  m: number,
  k: number,
  n: number,
): void {
  for (let i = 0, r = 0, c = 0; i < m; i++, r += k, c += n) {
    let j = 0;
    for (; j + 3 < n; j += 4) {
      let v0 = 0;
      let v1 = 0;
      let v2 = 0;
      let v3 = 0;
      for (let p = 0, q = j; p < k; p++, q += n) {
        const x = X[r + p];
        v0 += x * Y[q];
        v1 += x * Y[q + 1];
        v2 += x * Y[q + 2];
        v3 += x * Y[q + 3];
      }
      C[c + j] = v0;
      C[c + j + 1] = v1;
      C[c + j + 2] = v2;
      C[c + j + 3] = v3;
    }
    for (; j < n; j++) {
      let v = 0;
      for (let p = 0, q = j; p < k; p++, q += n) v += X[r + p] * Y[q];
      C[c + j] = v;
    }
  }
}
