/**
 * Banded and tridiagonal problems on stacks, in scipy's band storage: `solveBanded`
 * (`?gbsv`), `solvehBanded` (`?pbsv`) and `eighTridiagonal` (`?stev`).
 *
 * Band storage (scipy's, LAPACK's): for a matrix with `l` diagonals below and `u` above the
 * main one, `ab[u + i - j, j] = a[i, j]`, an `(l + u + 1, n)` array whose unused corners are
 * ignored. The Hermitian form of `solvehBanded` stores the upper band (`ab[u + i - j, j]`,
 * i <= j) or, with `lower: true`, the lower one (`ab[i - j, j]`, i >= j).
 *
 * @module
 */
import type { FloatArray } from "../dtype.ts";
import { allocData, floatsPerItem, isComplex, resultType } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { describeValue } from "../_describe.ts";
import { LinAlgError } from "../errors.ts";
import { intArray, routine } from "../../ffi/backend.ts";
import { realLetter } from "../drivers/_plan.ts";
import { notPositiveDefinite } from "../drivers/chol.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import {
  arrayArg,
  assertStacked2d,
  BATCH_KEYS,
  batchOf,
  checkOptions,
  letter,
  optionKeys,
} from "./_util.ts";
import { ALL, flag } from "./_scipy.ts";

// (r,m),(m,n) -> (m,n): gbsv on a copy of ab moved down l rows (LAPACK's room for fill-in).
const gbsvKernel = (l: number, u: number): KernelFactory => ({ dims: { m, n }, dtype }) => {
  const gbsv = routine(`${letter(dtype)}gbsv`);
  const f = floatsPerItem(dtype);
  const r = l + u + 1;
  const ldab = 2 * l + u + 1;
  const work = allocData(dtype, ldab * Math.max(1, m));
  const ipiv = intArray(m);
  const nrhs = n ?? 1;
  return ([ab, b]: FloatArray[]) => {
    work.fill(0);
    for (let j = 0; j < m; j++) {
      work.set(ab.subarray(j * r * f, (j + 1) * r * f), (j * ldab + l) * f);
    }
    return gbsv(m, l, u, nrhs, work, ldab, ipiv, b, Math.max(1, m));
  };
};

const gbsvSpecs = new Map<string, GufuncSpec>();
function gbsvSpec(l: number, u: number, vector: boolean): GufuncSpec {
  const key = `${l},${u},${vector}`;
  let s = gbsvSpecs.get(key);
  if (s === undefined) {
    s = {
      name: "solveBanded",
      signature: vector ? "(r,m),(m)->(m)" : "(r,m),(m,n)->(m,n)",
      inplace: [1],
      kernels: ALL(gbsvKernel(l, u)),
      failure: (info) => `Singular matrix: U[${info - 1},${info - 1}] is exactly zero`,
    };
    gbsvSpecs.set(key, s);
  }
  return s;
}

/** The options of `solveBanded`: the batch policy. */
export const SOLVE_BANDED_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);

function count(x: unknown, what: string, name: string): number {
  if (!Number.isSafeInteger(x) || (x as number) < 0) {
    throw new TypeError(
      `Invalid ${what} for ${name}(): expected a non-negative integer, got ${describeValue(x)}`,
    );
  }
  return x as number;
}

/**
 * Solves `a x = b` for a banded `a` given in band storage (scipy's `solve_banded`, `?gbsv`:
 * LU with partial pivoting). `b` is a vector when it is 1-D, else a matrix `(..., m, n)`;
 * stacks broadcast. There is no warning for an ill-conditioned `a`.
 *
 * @param lu `[l, u]`: the number of diagonals below and above the main one.
 * @param ab `a` in band storage, `(..., l + u + 1, m)`: `ab[u + i - j, j] = a[i, j]`.
 * @param b Right-hand side `(m)` or `(..., m, n)`.
 * @param options `errors`, `precision`.
 * @returns `x`, shaped like `b` (broadcast with the stack of `ab`).
 * @throws {LinAlgError} "Singular matrix".
 *
 * @example A tridiagonal system
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * // a = [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]
 * const ab = [[0, -1, -1], [2, 2, 2], [-1, -1, 0]];
 * const x = linalg.solveBanded([1, 1], ab, [1, 0, 1]);
 * assert.deepEqual(x.toArray().map((v: number) => Math.round(v * 1e12) / 1e12), [1, 1, 1]);
 * ```
 */
export function solveBanded(
  lu: readonly [number, number],
  ab: ArrayLike,
  b: ArrayLike,
  options?: BatchOptions,
): NDArray {
  checkOptions(options, "solveBanded", SOLVE_BANDED_KEYS);
  if (!Array.isArray(lu) || lu.length !== 2) {
    throw new TypeError(
      `Invalid (l, u) for solveBanded(): expected two counts [l, u], got ${describeValue(lu)}`,
    );
  }
  const l = count(lu[0], "l", "solveBanded");
  const u = count(lu[1], "u", "solveBanded");
  const AB = arrayArg(ab, 1, "solveBanded");
  const B = arrayArg(b, 2, "solveBanded");
  assertStacked2d(AB, "solveBanded");
  const rows = AB.shape[AB.ndim - 2];
  if (rows !== l + u + 1) {
    throw new RangeError(
      `Invalid values for the number of lower and upper diagonals: l+u+1 (${
        l + u + 1
      }) does not equal ab.shape[-2] (${rows})`,
    );
  }
  const dtype = resultType(AB.dtype, B.dtype);
  return runGufunc(gbsvSpec(l, u, B.ndim === 1), [AB, B], { ...batchOf(options), dtype })[0];
}

// (r,m),(m,n) -> (m,n): pbsv on the band, which it overwrites with its Cholesky factor.
const pbsvKernel = (uplo: "U" | "L"): KernelFactory => ({ dims: { r, m, n }, dtype }) => {
  const pbsv = routine(`${letter(dtype)}pbsv`);
  const nrhs = n ?? 1;
  return ([ab, b]: FloatArray[]) => pbsv(uplo, m, r - 1, nrhs, ab, r, b, Math.max(1, m));
};

const pbsvSpecs = new Map<string, GufuncSpec>();
function pbsvSpec(uplo: "U" | "L", vector: boolean): GufuncSpec {
  const key = `${uplo}${vector}`;
  let s = pbsvSpecs.get(key);
  if (s === undefined) {
    s = {
      name: "solvehBanded",
      signature: vector ? "(r,m),(m)->(m)" : "(r,m),(m,n)->(m,n)",
      inplace: [1],
      kernels: ALL(pbsvKernel(uplo)),
      failure: notPositiveDefinite,
    };
    pbsvSpecs.set(key, s);
  }
  return s;
}

/** The options of `solvehBanded`. */
export const SOLVEH_BANDED_KEYS: OptionKeys = optionKeys("lower", ...BATCH_KEYS);

/** Options of `solvehBanded`. */
export interface SolvehBandedOptions extends BatchOptions {
  /** `ab` holds the lower band (`ab[i - j, j]`) instead of the upper one (default false). */
  lower?: boolean;
}

/**
 * Solves `a x = b` for a Hermitian positive-definite banded `a` in band storage (scipy's
 * `solveh_banded`, `?pbsv`: banded Cholesky). `b` is a vector when it is 1-D, else a matrix
 * `(..., m, n)`; stacks broadcast.
 *
 * @param ab The upper band `(..., u + 1, m)` (`ab[u + i - j, j] = a[i, j]`), or the lower one
 * with `lower: true` (`ab[i - j, j] = a[i, j]`).
 * @param b Right-hand side `(m)` or `(..., m, n)`.
 * @param options `lower`, `errors`, `precision`.
 * @returns `x`, shaped like `b`.
 * @throws {LinAlgError} "Matrix is not positive definite: the leading minor of order 2 is not
 * positive" (as `cholesky`), naming the item of the stack.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * // a = [[4, 1, 0], [1, 4, 1], [0, 1, 4]], upper band
 * const x = linalg.solvehBanded([[0, 1, 1], [4, 4, 4]], [5, 6, 5]);
 * assert.deepEqual(x.toArray().map((v: number) => Math.round(v * 1e12) / 1e12), [1, 1, 1]);
 * ```
 */
export function solvehBanded(
  ab: ArrayLike,
  b: ArrayLike,
  options?: SolvehBandedOptions,
): NDArray {
  checkOptions(options, "solvehBanded", SOLVEH_BANDED_KEYS);
  const lower = flag(options?.lower, false, "lower", "solvehBanded");
  const AB = arrayArg(ab, 0, "solvehBanded");
  const B = arrayArg(b, 1, "solvehBanded");
  assertStacked2d(AB, "solvehBanded");
  if (AB.shape[AB.ndim - 2] === 0) {
    throw new RangeError("Invalid band for solvehBanded(): ab needs at least one row");
  }
  const dtype = resultType(AB.dtype, B.dtype);
  return runGufunc(pbsvSpec(lower ? "L" : "U", B.ndim === 1), [AB, B], {
    ...batchOf(options),
    dtype,
  })[0];
}

// (m),(k) -> (m)[,(m,m)]: stev on a copy of e (stev overwrites it).
const stevKernel = (jobz: "N" | "V"): KernelFactory => ({ dims: { m }, dtype }) => {
  const stev = routine(`${realLetter(dtype)}stev`);
  const e = allocData(dtype, Math.max(1, m));
  const work = allocData(dtype, Math.max(1, 2 * m - 2));
  const dummy = allocData(dtype, 1);
  return (bufs: FloatArray[]) => {
    const [d, ein, w] = bufs;
    e.set(ein.subarray(0, Math.max(0, m - 1)));
    w.set(d.subarray(0, m));
    const z = jobz === "V" ? bufs[3] : dummy;
    return stev(jobz, m, w, e, z, jobz === "V" ? Math.max(1, m) : 1, work);
  };
};

const stevFailure = (info: number) =>
  `Eigenvalues did not converge: ${info} off-diagonal elements of an intermediate tridiagonal form did not converge to zero`;
const EIGH_TRIDIAGONAL: GufuncSpec = {
  name: "eighTridiagonal",
  signature: "(m),(k)->(m),(m,m)",
  kernels: { float32: stevKernel("V"), float64: stevKernel("V") },
  failure: stevFailure,
};
const EIGVALSH_TRIDIAGONAL: GufuncSpec = {
  name: "eighTridiagonal",
  signature: "(m),(k)->(m)",
  kernels: { float32: stevKernel("N"), float64: stevKernel("N") },
  failure: stevFailure,
};

/** The options of `eighTridiagonal`. */
export const EIGH_TRIDIAGONAL_KEYS: OptionKeys = optionKeys("eigvalsOnly", ...BATCH_KEYS);

/** Options of `eighTridiagonal`. */
export interface EighTridiagonalOptions extends BatchOptions {
  /** Return only the eigenvalues (default false). */
  eigvalsOnly?: boolean;
}

/** The result of `eighTridiagonal`. */
export interface EighTridiagonalResult {
  /** `(..., m)`: ascending. */
  eigenvalues: NDArray;
  /** `(..., m, m)`: orthonormal eigenvectors as columns. */
  eigenvectors: NDArray;
}

/**
 * Eigenvalues (and eigenvectors) of a real symmetric tridiagonal matrix given by its diagonal
 * and off-diagonal, or of each of a stack (scipy's `eigh_tridiagonal`, here with `?stev`:
 * implicit QL/QR). Real input only, as scipy's.
 *
 * @param d The diagonal `(..., m)`.
 * @param e The off-diagonal `(..., m - 1)`.
 * @param options `eigvalsOnly`, `errors`, `precision`.
 * @returns `{ eigenvalues, eigenvectors }`, or the eigenvalues alone with `eigvalsOnly`.
 * @throws {LinAlgError} "Eigenvalues did not converge".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const w = linalg.eighTridiagonal([2, 2], [1], { eigvalsOnly: true });
 * assert.deepEqual(w.toArray().map((v: number) => Math.round(v * 1e12) / 1e12), [1, 3]);
 * ```
 */
export function eighTridiagonal(
  d: ArrayLike,
  e: ArrayLike,
  options: EighTridiagonalOptions & { eigvalsOnly: true },
): NDArray;
export function eighTridiagonal(
  d: ArrayLike,
  e: ArrayLike,
  options?: EighTridiagonalOptions,
): EighTridiagonalResult;
export function eighTridiagonal(
  d: ArrayLike,
  e: ArrayLike,
  options?: EighTridiagonalOptions,
): EighTridiagonalResult | NDArray {
  checkOptions(options, "eighTridiagonal", EIGH_TRIDIAGONAL_KEYS);
  const only = flag(options?.eigvalsOnly, false, "eigvalsOnly", "eighTridiagonal");
  const D = arrayArg(d, 0, "eighTridiagonal");
  const E = arrayArg(e, 1, "eighTridiagonal");
  if (isComplex(D.dtype) || isComplex(E.dtype)) {
    throw new TypeError(
      "Only real arrays currently supported: eighTridiagonal() got complex input",
    );
  }
  if (D.ndim === 0 || E.ndim === 0) {
    throw new LinAlgError("Invalid input for eighTridiagonal(): d and e must be at least 1-D");
  }
  const m = D.shape[D.ndim - 1];
  const k = E.shape[E.ndim - 1];
  if (k !== Math.max(m - 1, 0)) {
    throw new RangeError(
      `Invalid input for eighTridiagonal(): e has ${k} elements, expected len(d) - 1 = ${m - 1}`,
    );
  }
  const batch = batchOf(options);
  if (only) return runGufunc(EIGVALSH_TRIDIAGONAL, [D, E], batch)[0];
  const [eigenvalues, eigenvectors] = runGufunc(EIGH_TRIDIAGONAL, [D, E], batch);
  return { eigenvalues, eigenvectors };
}
