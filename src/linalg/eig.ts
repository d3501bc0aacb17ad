/**
 * Eigenproblems: `eigh` and `eigvalsh` for Hermitian (symmetric) matrices (`?syevd`,
 * `?heevd`), `eig` and `eigvals` for general ones (`?geev`).
 *
 * `eigh` reads C-order input as its transpose: a C-order Hermitian matrix read as Fortran is
 * its conjugate, so numpy's UPLO = 'L' is LAPACK's 'U' on the C-order buffer, the eigenvalues
 * are the same and the eigenvectors come out conjugated (conjugated back in place for complex
 * input; a no-op for real input).
 *
 * `eig` copies into Fortran order: `?geev` on A^T would give the same eigenvalues, but not
 * necessarily in numpy's order, and the left instead of the right eigenvectors.
 *
 * @module
 */
import type { FloatArray } from "../dtype.ts";
import { complexDType, isComplex, realDType } from "../dtype.ts";
import type { ArrayLike } from "../ndarray.ts";
import { NDArray } from "../ndarray.ts";
import type { Dims, GufuncOptions, GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { generalizedEig, generalizedEigh } from "./geneig.ts";
import { describeValue } from "../_describe.ts";
import { evdFailure, evdPlan } from "../drivers/evd.ts";
import { geevPlan } from "../drivers/geev.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import { register } from "./_registry.ts";
import {
  arrayArg,
  assertStackedSquare,
  BATCH_KEYS,
  batchOf,
  checkOptions,
  ENGINE_KEYS,
  optionKeys,
} from "./_util.ts";

const ALL = <T>(k: T) => ({ float32: k, float64: k, complex64: k, complex128: k });

// --- eigh, eigvalsh --------------------------------------------------------------------------

/**
 * `jobz` 'V' (eigenvectors, written over A) or 'N'; `uplo` is the Fortran triangle of the
 * C-order buffer, the other one than numpy's.
 */
const eighKernel =
  (jobz: "N" | "V", uplo: "L" | "U"): KernelFactory => ({ dims: { m }, dtype }) => {
    const evd = evdPlan(m, dtype, jobz, uplo);
    if (!isComplex(dtype) || jobz === "N") return ([a, w]) => evd(a, w);
    return ([a, w]) => {
      const info = evd(a, w);
      if (info === 0) {
        for (let i = 1, len = 2 * m * m; i < len; i += 2) a[i] = -a[i];
      }
      return info;
    };
  };

const noConvergence = evdFailure;

const eighSpec = (uplo: "L" | "U"): GufuncSpec => ({
  name: "eigh",
  signature: "(m,m)->(m),(m,m)",
  layouts: "CFF",
  inplace: [-1, 0],
  outDTypes: [realDType, (d) => d],
  kernels: ALL(eighKernel("V", uplo)),
  failure: noConvergence,
});
const eigvalshSpec = (uplo: "L" | "U"): GufuncSpec => ({
  name: "eigvalsh",
  signature: "(m,m)->(m)",
  layouts: "CF",
  outDTypes: [realDType],
  kernels: ALL(eighKernel("N", uplo)),
  failure: noConvergence,
});
// Keyed by numpy's UPLO; the kernels get the other triangle (C-order buffer = A^T).
const EIGH = { L: eighSpec("U"), U: eighSpec("L") };
const EIGVALSH = { L: eigvalshSpec("U"), U: eigvalshSpec("L") };

/** The options of `eigh` and `eigvalsh`: `UPLO` and the engine's (the results are its outputs). */
export const EIGH_KEYS: OptionKeys = optionKeys("UPLO", ...ENGINE_KEYS);
export const EIGVALSH_KEYS: OptionKeys = EIGH_KEYS;
/**
 * The options of `eig` and `eigvals`: `errors` and `precision` only. Their results are not
 * always the engine's outputs (a real result is a new array), so `out` could not hold them.
 */
export const EIG_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);
export const EIGVALS_KEYS: OptionKeys = EIG_KEYS;

/** Options of `eigh` and `eigvalsh`. */
export interface EighOptions extends GufuncOptions {
  /** Which triangle of A is read: "L" (default, as numpy) or "U"; the other is ignored. */
  UPLO?: "L" | "U";
}

/** The result of `eigh` and `eig`: A v[:, i] = w[i] v[:, i]. */
export interface EigResult {
  /** `(..., m)`: the eigenvalues (ascending and real for `eigh`). */
  eigenvalues: NDArray;
  /** `(..., m, m)`: the normalized eigenvectors, as columns: `eigenvectors[..., :, i]`. */
  eigenvectors: NDArray;
}

function uploOf(options: EighOptions | undefined, name: string): "L" | "U" {
  const u = options?.UPLO ?? "L";
  const up = typeof u === "string" ? u.toUpperCase() : u;
  if (up !== "L" && up !== "U") {
    throw new TypeError(`Invalid UPLO for ${name}(): expected "L" or "U", got ${describeValue(u)}`);
  }
  return up;
}

/**
 * Eigenvalues and eigenvectors of a Hermitian (real symmetric) matrix, or of each matrix of a
 * stack (`?syevd`, `?heevd`). Only the triangle `UPLO` names is read, as numpy. With a second
 * matrix `b` (Hermitian positive definite), scipy's generalized problem `A v = w B v`
 * (`options.type` 2: `A B v = w v`, 3: `B A v = w v`) by `?sygvd`/`?hegvd`, eigenvectors
 * normalized so that `Vᴴ B V = I`; a `b` that is not positive definite is a LinAlgError naming
 * its leading minor.
 *
 * @param a A matrix `(..., m, m)`.
 * @param options `UPLO: "L" | "U"`, `errors`, `precision`, `out` (two arrays), `dtype`.
 * @returns `{ eigenvalues, eigenvectors }`: real eigenvalues in ascending order (float64 or
 * float32), orthonormal eigenvectors as columns (the input's dtype).
 * @throws {LinAlgError} "Eigenvalues did not converge".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eigh } from "./eig.ts";
 * const { eigenvalues, eigenvectors } = eigh([[2, 1], [1, 2]]);
 * assert.deepEqual(eigenvalues.toArray().map((x: number) => Math.round(x * 1e12) / 1e12), [1, 3]);
 * const v = eigenvectors.toArray() as number[][];
 * assert.ok(Math.abs(Math.abs(v[0][1]) - Math.SQRT1_2) < 1e-12);
 * ```
 *
 * @example Generalized: A v = w B v (scipy's `eigh(a, b)`, `?sygvd`/`?hegvd`)
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { eigenvalues } = linalg.eigh([[2, 0], [0, 6]], [[1, 0], [0, 2]]);
 * assert.deepEqual(eigenvalues.toArray().map((x: number) => Math.round(x * 1e12) / 1e12), [2, 3]);
 * ```
 */
export function eigh(a: ArrayLike, b: ArrayLike, options?: GeneralizedEighOptions): EigResult;
export function eigh(a: ArrayLike, options?: EighOptions): EigResult;
export function eigh(
  a: ArrayLike,
  bOrOptions?: ArrayLike | EighOptions,
  maybe?: GeneralizedEighOptions,
): EigResult {
  if (isMatrixArg(bOrOptions)) {
    const [eigenvalues, eigenvectors] = generalized("eigh", a, bOrOptions, maybe, true);
    return { eigenvalues, eigenvectors };
  }
  const options = bOrOptions as EighOptions | undefined;
  checkOptions(options, "eigh", EIGH_KEYS);
  const uplo = uploOf(options, "eigh");
  const arr = arrayArg(a, 0, "eigh");
  assertStackedSquare(arr, "eigh");
  const [eigenvalues, eigenvectors] = runGufunc(EIGH[uplo], [arr], options);
  return { eigenvalues, eigenvectors };
}

/**
 * Eigenvalues of a Hermitian (real symmetric) matrix or of each matrix of a stack (`?syevd`,
 * `?heevd` without eigenvectors). Only the triangle `UPLO` names is read.
 *
 * @param a A matrix `(..., m, m)`.
 * @param options `UPLO: "L" | "U"`, `errors`, `precision`, `out`, `dtype`.
 * @returns The real eigenvalues `(..., m)`, ascending.
 * @throws {LinAlgError} "Eigenvalues did not converge".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eigvalsh } from "./eig.ts";
 * const w = eigvalsh([[2, { re: 0, im: -1 }], [{ re: 0, im: 1 }, 2]]);
 * assert.equal(w.dtype, "float64");
 * assert.deepEqual(w.toArray().map((x: number) => Math.round(x * 1e12) / 1e12), [1, 3]);
 * ```
 */
export function eigvalsh(a: ArrayLike, b: ArrayLike, options?: GeneralizedEighOptions): NDArray;
export function eigvalsh(a: ArrayLike, options?: EighOptions): NDArray;
export function eigvalsh(
  a: ArrayLike,
  bOrOptions?: ArrayLike | EighOptions,
  maybe?: GeneralizedEighOptions,
): NDArray {
  if (isMatrixArg(bOrOptions)) return generalized("eigvalsh", a, bOrOptions, maybe, false)[0];
  const options = bOrOptions as EighOptions | undefined;
  checkOptions(options, "eigvalsh", EIGVALSH_KEYS);
  const uplo = uploOf(options, "eigvalsh");
  const arr = arrayArg(a, 0, "eigvalsh");
  assertStackedSquare(arr, "eigvalsh");
  return runGufunc(EIGVALSH[uplo], [arr], options)[0];
}

/** Whether the argument after `a` is the matrix `b` (an array) rather than an options object. */
function isMatrixArg(x: unknown): x is ArrayLike {
  return x instanceof NDArray || Array.isArray(x) || ArrayBuffer.isView(x) ||
    typeof x === "number";
}

/** The options of `eigh(a, b)` and `eigvalsh(a, b)`. */
export const GENERALIZED_EIGH_KEYS: OptionKeys = optionKeys("UPLO", "type", ...BATCH_KEYS);

/** Options of `eigh(a, b)` and `eigvalsh(a, b)` (scipy's generalized problem). */
export interface GeneralizedEighOptions extends BatchOptions {
  /** Which triangle of A and B is read: "L" (default, as scipy's lower=True) or "U". */
  UPLO?: "L" | "U";
  /** 1 (default): `A v = w B v`; 2: `A B v = w v`; 3: `B A v = w v` (scipy's `type`). */
  type?: 1 | 2 | 3;
}

function generalized(
  name: "eigh" | "eigvalsh",
  a: ArrayLike,
  b: ArrayLike,
  options: GeneralizedEighOptions | undefined,
  vectors: boolean,
): NDArray[] {
  checkOptions(options, name, GENERALIZED_EIGH_KEYS);
  const uplo = uploOf(options, name);
  const itype = options?.type ?? 1;
  if (itype !== 1 && itype !== 2 && itype !== 3) {
    throw new TypeError(
      `Invalid type for ${name}(): expected 1, 2 or 3, got ${describeValue(itype)}`,
    );
  }
  const A = arrayArg(a, 0, name);
  const B = arrayArg(b, 1, name);
  assertStackedSquare(A, name);
  assertStackedSquare(B, name);
  return generalizedEigh(A, B, itype, uplo, vectors, batchOf(options));
}

// --- eig, eigvals ----------------------------------------------------------------------------

/** Whether the column-major `m x m` block holds only finite numbers (numpy's `_assert_finite`). */
function finite(a: FloatArray): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] - a[i] !== 0) return false;
  return true;
}

/**
 * `?geev` with JOBVL = 'N' and JOBVR = `jobvr`, into complex outputs: the eigenvalues and, for
 * 'V', the eigenvectors. A non-finite input returns info m + 1 (numpy refuses it).
 */
const eigKernel = (jobvr: "N" | "V"): KernelFactory => ({ dims: { m }, dtype }) => {
  const geev = geevPlan(m, dtype, jobvr);
  return ([a, w, v]) => finite(a) ? geev(a, w, v) : m + 1;
};

const eigFailure = (info: number, { m }: Dims) =>
  info > m
    ? "Array must not contain infs or NaNs"
    : `Eigenvalues did not converge: the QR algorithm found only ${m - info} of ${m} eigenvalues`;

const EIG: GufuncSpec = {
  name: "eig",
  signature: "(m,m)->(m),(m,m)",
  outDTypes: [complexDType, complexDType],
  kernels: ALL(eigKernel("V")),
  failure: eigFailure,
};
const EIGVALS: GufuncSpec = {
  name: "eigvals",
  signature: "(m,m)->(m)",
  outDTypes: [complexDType],
  kernels: ALL(eigKernel("N")),
  failure: eigFailure,
};

/** numpy's rule: real input gives a real result when every imaginary part is exactly zero. */
function allReal(w: NDArray): boolean {
  const d = w.data;
  for (let i = 1; i < d.length; i += 2) if (d[i] !== 0) return false;
  return true;
}

/** The real parts of a fresh C-contiguous complex array, as a new real array. */
function realPart(z: NDArray): NDArray {
  const view = new NDArray(
    z.data,
    realDType(z.dtype),
    z.shape,
    z.strides.map((s) => 2 * s),
    2 * z.offset,
  );
  return view.copy();
}

/**
 * Eigenvalues and right eigenvectors of a general square matrix, or of each matrix of a stack
 * (`?geev`). As numpy: for real input the result is real when every eigenvalue of the whole
 * stack is real, and complex (complex128 for float64, complex64 for float32) as soon as one
 * matrix has a complex-conjugate pair; it is computed complex and cast to real afterwards.
 * The eigenvalues are not sorted; each eigenvector has unit norm. With a second matrix `b`,
 * scipy's generalized problem `A v = w B v` (`?ggev`, QZ): eigenvalues alpha / beta, always
 * complex as scipy's, Infinity where beta = 0 (NaN for 0 / 0), unit-norm eigenvectors.
 *
 * @param a A matrix `(..., m, m)`.
 * @param options `errors`, `precision`.
 * @returns `{ eigenvalues, eigenvectors }` with `a @ v[:, i] = w[i] * v[:, i]`.
 * @throws {LinAlgError} "Eigenvalues did not converge", or "Array must not contain infs or
 * NaNs".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eig } from "./eig.ts";
 * const { eigenvalues } = eig([[0, -1], [1, 0]]); // a rotation: +i and -i
 * assert.equal(eigenvalues.dtype, "complex128");
 * assert.deepEqual(eigenvalues.toArray().map((z: { im: number }) => Math.round(z.im)).sort(), [-1, 1]);
 * assert.equal(eig([[2, 0], [0, 3]]).eigenvalues.dtype, "float64");
 * ```
 *
 * @example Generalized: A v = w B v (scipy's `eig(a, b)`, `?ggev`)
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * // B singular: one eigenvalue is infinite, as scipy's.
 * const w = linalg.eigvals([[1, 0], [0, 2]], [[1, 0], [0, 0]]).toArray() as { re: number }[];
 * assert.deepEqual(w.map((z) => z.re), [1, Infinity]);
 * ```
 */
export function eig(a: ArrayLike, b: ArrayLike, options?: BatchOptions): EigResult;
export function eig(a: ArrayLike, options?: BatchOptions): EigResult;
export function eig(
  a: ArrayLike,
  bOrOptions?: ArrayLike | BatchOptions,
  maybe?: BatchOptions,
): EigResult {
  if (isMatrixArg(bOrOptions)) {
    const [eigenvalues, eigenvectors] = generalizedGeneral("eig", a, bOrOptions, maybe, true);
    return { eigenvalues, eigenvectors };
  }
  const options = bOrOptions as BatchOptions | undefined;
  checkOptions(options, "eig", EIG_KEYS);
  const arr = arrayArg(a, 0, "eig");
  assertStackedSquare(arr, "eig");
  const [w, v] = runGufunc(EIG, [arr], batchOf(options));
  if (isComplex(arr.dtype) || !allReal(w)) return { eigenvalues: w, eigenvectors: v };
  return { eigenvalues: realPart(w), eigenvectors: realPart(v) };
}

function generalizedGeneral(
  name: "eig" | "eigvals",
  a: ArrayLike,
  b: ArrayLike,
  options: BatchOptions | undefined,
  vectors: boolean,
): NDArray[] {
  checkOptions(options, name, EIG_KEYS);
  const A = arrayArg(a, 0, name);
  const B = arrayArg(b, 1, name);
  assertStackedSquare(A, name);
  assertStackedSquare(B, name);
  return generalizedEig(A, B, vectors, batchOf(options));
}

/**
 * Eigenvalues of a general square matrix or of each matrix of a stack (`?geev` without
 * eigenvectors); real for real input when all of them are real, as numpy (see `eig`).
 *
 * @param a A matrix `(..., m, m)`.
 * @param options `errors`, `precision`.
 * @returns The eigenvalues `(..., m)`, not sorted.
 * @throws {LinAlgError} "Eigenvalues did not converge", or "Array must not contain infs or
 * NaNs".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eigvals } from "./eig.ts";
 * const w = eigvals([[1, 2], [0, 3]]);
 * assert.equal(w.dtype, "float64");
 * assert.deepEqual(w.toArray().sort(), [1, 3]);
 * ```
 */
export function eigvals(a: ArrayLike, b: ArrayLike, options?: BatchOptions): NDArray;
export function eigvals(a: ArrayLike, options?: BatchOptions): NDArray;
export function eigvals(
  a: ArrayLike,
  bOrOptions?: ArrayLike | BatchOptions,
  maybe?: BatchOptions,
): NDArray {
  if (isMatrixArg(bOrOptions)) {
    return generalizedGeneral("eigvals", a, bOrOptions, maybe, false)[0];
  }
  const options = bOrOptions as BatchOptions | undefined;
  checkOptions(options, "eigvals", EIGVALS_KEYS);
  const arr = arrayArg(a, 0, "eigvals");
  assertStackedSquare(arr, "eigvals");
  const w = runGufunc(EIGVALS, [arr], batchOf(options))[0];
  return isComplex(arr.dtype) || !allReal(w) ? w : realPart(w);
}

// What linalg.async and createPool may run (./_registry.ts).
register(eig, "eig", 1, EIG_KEYS);
register(eigvals, "eigvals", 1, EIGVALS_KEYS);
register(eigh, "eigh", 1, EIGH_KEYS);
register(eigvalsh, "eigvalsh", 1, EIGVALSH_KEYS);
