/**
 * scipy.linalg's matrix equation solvers on stacks: `solveSylvester` and
 * `solveContinuousLyapunov` (Bartels–Stewart: Schur forms by `?gees`, the triangular
 * Sylvester equation by `?trsyl`, products by `?gemm`), and `solveDiscreteLyapunov` (scipy's
 * direct Kronecker solve for n < 10, else its bilinear transformation to a continuous
 * Lyapunov equation).
 *
 * Reference: R. H. Bartels and G. W. Stewart, "Solution of the matrix equation AX + XB = C",
 * Comm. ACM 15(9):820-826, 1972, doi:10.1145/361573.361582.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, floatsPerItem, isComplex, resultType } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { Dims, GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { intArray, routine } from "../../ffi/backend.ts";
import { geesPlan } from "../drivers/schur.ts";
import { add, conj, negative, subtract } from "../elementwise.ts";
import { eye } from "../ndarray.ts";
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
import { register } from "./_registry.ts";
import { ALL } from "./_scipy.ts";
import { allFinite } from "./schur.ts";
import { inv } from "./solve.ts";
import { matmul, matrixTranspose } from "./products.ts";

const NOT_FINITE = 1_000_001;
const NO_SCHUR = 1_000_002;
const SINGULAR = 1_000_003;

const failure = (info: number) =>
  info === NOT_FINITE
    ? "Array must not contain infs or NaNs"
    : info === NO_SCHUR
    ? "Schur form not found. Possibly ill-conditioned."
    : info === SINGULAR
    ? "Matrix is singular"
    : `Illegal value encountered in the ${-info} term`;

/** A column-major product helper over `?gemm` for one dtype. */
function gemmOf(dtype: DType) {
  const gemm = routine(`${letter(dtype)}gemm`);
  const one = allocData(dtype, 1);
  one[0] = 1;
  const zero = allocData(dtype, 1);
  return (
    ta: "N" | "C",
    tb: "N" | "C",
    m: number,
    n: number,
    k: number,
    a: FloatArray,
    b: FloatArray,
    c: FloatArray,
  ) =>
    gemm(
      ta,
      tb,
      m,
      n,
      k,
      one,
      a,
      Math.max(1, ta === "N" ? m : k),
      b,
      Math.max(1, tb === "N" ? k : n),
      zero,
      c,
      Math.max(1, m),
    );
}

/** Writes the conjugate transpose of the column-major n x n `src` into `dst`. */
function conjTranspose(src: FloatArray, dst: FloatArray, n: number, f: number): void {
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      dst[(i * n + j) * f] = src[(j * n + i) * f];
      if (f === 2) dst[(i * n + j) * f + 1] = -src[(j * n + i) * f + 1];
    }
  }
}

/**
 * Bartels–Stewart, as scipy's `solve_sylvester` (`lyap`: scipy's `solve_continuous_lyapunov`,
 * B = Aᴴ, one Schur form): A = U R Uᴴ, Bᴴ = V S Vᴴ, F = Uᴴ Q V, R Y + Y Sᴴ = scale F
 * (`?trsyl`), X = U Y Vᴴ / scale. Buffers: A, B (or none), Q, X.
 */
const sylvesterKernel = (lyap: boolean): KernelFactory => ({ dims: { m, n }, dtype }) => {
  const nn = lyap ? m : n;
  const f = floatsPerItem(dtype);
  const trsyl = routine(`${letter(dtype)}trsyl`);
  const mm = gemmOf(dtype);
  const geesA = geesPlan(m, dtype);
  const geesB = lyap ? geesA : geesPlan(nn, dtype);
  const u = allocData(dtype, m * m);
  const s = lyap ? allocData(dtype, 1) : allocData(dtype, nn * nn);
  const v = lyap ? u : allocData(dtype, nn * nn);
  const tmp = allocData(dtype, m * nn);
  const scale = allocData(dtype, 1);
  return (bufs) => {
    const [a, b, q, x] = lyap ? [bufs[0], bufs[0], bufs[1], bufs[2]] : bufs;
    if (!allFinite(a) || !allFinite(b) || !allFinite(q)) return NOT_FINITE;
    if (m === 0 || nn === 0) return 0;
    if (!lyap) conjTranspose(b, s, nn, f);
    if (geesA(a, u) !== 0) return NO_SCHUR;
    if (!lyap && geesB(s, v) !== 0) return NO_SCHUR;
    const r = a, ss = lyap ? a : s;
    mm("C", "N", m, nn, m, u, q, tmp);
    mm("N", "N", m, nn, nn, tmp, v, x);
    const info = trsyl("N", "C", 1, m, nn, r, m, ss, nn, x, m, scale);
    if (info < 0) return info;
    mm("N", "N", m, nn, m, u, x, tmp);
    mm("N", "C", m, nn, nn, tmp, v, x);
    const sc = scale[0];
    if (sc !== 1) { for (let i = 0; i < x.length; i++) x[i] /= sc; }
    return 0;
  };
};

const SYLVESTER: GufuncSpec = {
  name: "solveSylvester",
  signature: "(m,m),(n,n),(m,n)->(m,n)",
  kernels: ALL(sylvesterKernel(false)),
  failure,
};
const LYAPUNOV: GufuncSpec = {
  name: "solveContinuousLyapunov",
  signature: "(m,m),(m,m)->(m,m)",
  kernels: ALL(sylvesterKernel(true)),
  failure,
};

/** The options of the solvers: the batch policy. */
export const SOLVER_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);

/**
 * Solves the Sylvester equation A X + X B = Q for X (scipy's `linalg.solve_sylvester`) by the
 * Bartels–Stewart algorithm: real Schur forms of A and Bᴴ (`?gees`), the quasi-triangular
 * equation by `?trsyl`. Stacks broadcast. As scipy, a nearly singular equation (A and -B with
 * close eigenvalues) is solved with perturbed values and no warning.
 *
 * @param a `(..., m, m)`.
 * @param b `(..., n, n)`.
 * @param q `(..., m, n)`.
 * @param options `errors`, `precision`.
 * @returns X `(..., m, n)`.
 * @throws {LinAlgError} "Schur form not found. Possibly ill-conditioned." or "Array must not
 * contain infs or NaNs", naming the item of the stack.
 *
 * @example A X + X B = Q
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const x = linalg.solveSylvester([[1, 2], [0, 3]], [[4]], [[5], [7]]);
 * assert.deepEqual(x.toArray(), [[0.6], [1]]);
 * ```
 */
export function solveSylvester(
  a: ArrayLike,
  b: ArrayLike,
  q: ArrayLike,
  options?: BatchOptions,
): NDArray {
  checkOptions(options, "solveSylvester", SOLVER_KEYS);
  const A = arrayArg(a, 0, "solveSylvester");
  const B = arrayArg(b, 1, "solveSylvester");
  const Q = arrayArg(q, 2, "solveSylvester");
  assertStackedSquare(A, "solveSylvester");
  assertStackedSquare(B, "solveSylvester");
  const m = A.shape[A.ndim - 1], n = B.shape[B.ndim - 1];
  if (Q.ndim < 2 || Q.shape[Q.ndim - 2] !== m || Q.shape[Q.ndim - 1] !== n) {
    throw new RangeError(
      `Invalid q for solveSylvester(): expected a (..., ${m}, ${n}) matrix, got shape (${
        Q.shape.join(", ")
      })`,
    );
  }
  const dtype = resultType(A.dtype, B.dtype, Q.dtype);
  return runGufunc(SYLVESTER, [A, B, Q], { ...batchOf(options), dtype })[0];
}

function lyapunovArgs(a: ArrayLike, q: ArrayLike, name: string): [NDArray, NDArray] {
  const A = arrayArg(a, 0, name);
  const Q = arrayArg(q, 1, name);
  assertStackedSquare(A, name);
  assertStackedSquare(Q, name);
  if (A.shape[A.ndim - 1] !== Q.shape[Q.ndim - 1]) {
    throw new RangeError(
      `Matrix a and q should have the same shape for ${name}(): got ${A.shape[A.ndim - 1]} and ${
        Q.shape[Q.ndim - 1]
      }`,
    );
  }
  return [A, Q];
}

/**
 * Solves the continuous Lyapunov equation A X + X Aᴴ = Q (scipy's
 * `linalg.solve_continuous_lyapunov`) by Bartels–Stewart: one Schur form of A (`?gees`), then
 * `?trsyl`. Stacks broadcast. Unlike scipy, an eigenvalue pair of A summing to (nearly) zero
 * gives no RuntimeWarning (the solution comes from perturbed values, as scipy's).
 *
 * @param a `(..., m, m)`.
 * @param q `(..., m, m)`.
 * @param options `errors`, `precision`.
 * @returns X `(..., m, m)`.
 * @throws {LinAlgError} "Schur form not found. Possibly ill-conditioned." or "Array must not
 * contain infs or NaNs", naming the item of the stack.
 *
 * @example A X + X Aᵀ = Q
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const x = linalg.solveContinuousLyapunov([[-1, 0], [0, -2]], [[-2, 0], [0, -4]]);
 * assert.deepEqual(x.toArray(), [[1, 0], [0, 1]]);
 * ```
 */
export function solveContinuousLyapunov(
  a: ArrayLike,
  q: ArrayLike,
  options?: BatchOptions,
): NDArray {
  checkOptions(options, "solveContinuousLyapunov", SOLVER_KEYS);
  const [A, Q] = lyapunovArgs(a, q, "solveContinuousLyapunov");
  const dtype = resultType(A.dtype, Q.dtype);
  return runGufunc(LYAPUNOV, [A, Q], { ...batchOf(options), dtype })[0];
}

/**
 * scipy's direct method: vec(X) solves (I - A ⊗ conj(A)) vec(X) = vec(Q) (row-major vec,
 * `?getrf` + `?getrs`), n² unknowns. Buffers: A, Q, X.
 */
const directKernel: KernelFactory = ({ dims: { m }, dtype }) => {
  const f = floatsPerItem(dtype);
  const t = letter(dtype);
  const getrf = routine(`${t}getrf`);
  const getrs = routine(`${t}getrs`);
  const N = m * m;
  const lhs = allocData(dtype, Math.max(1, N * N));
  const rhs = allocData(dtype, Math.max(1, N));
  const piv = intArray(N);
  return ([a, q, x]) => {
    if (!allFinite(a) || !allFinite(q)) return NOT_FINITE;
    if (m === 0) return 0;
    // Unknown p = i m + k is X[i, k]; row p: X[i,k] - sum a[i,j] conj(a[k,l]) X[j,l].
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < m; k++) {
        const p = i * m + k;
        for (let j = 0; j < m; j++) {
          const ar = a[(j * m + i) * f], ai = f === 2 ? a[(j * m + i) * f + 1] : 0;
          for (let l = 0; l < m; l++) {
            const br = a[(l * m + k) * f], bi = f === 2 ? -a[(l * m + k) * f + 1] : 0;
            const r = j * m + l;
            const o = (r * N + p) * f;
            lhs[o] = (p === r ? 1 : 0) - (ar * br - ai * bi);
            if (f === 2) lhs[o + 1] = -(ar * bi + ai * br);
          }
        }
        rhs[p * f] = q[(k * m + i) * f];
        if (f === 2) rhs[p * f + 1] = q[(k * m + i) * f + 1];
      }
    }
    if (getrf(N, N, lhs, N, piv) !== 0) return SINGULAR;
    getrs("N", N, 1, lhs, N, piv, rhs, N);
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < m; k++) {
        x[(k * m + i) * f] = rhs[(i * m + k) * f];
        if (f === 2) x[(k * m + i) * f + 1] = rhs[(i * m + k) * f + 1];
      }
    }
    return 0;
  };
};

const DISCRETE_DIRECT: GufuncSpec = {
  name: "solveDiscreteLyapunov",
  signature: "(m,m),(m,m)->(m,m)",
  kernels: ALL(directKernel),
  failure: (info: number, _dims: Dims) => failure(info),
};

/** The options of `solveDiscreteLyapunov`. */
export const DISCRETE_LYAPUNOV_KEYS: OptionKeys = optionKeys("method", ...BATCH_KEYS);

/** Options of `solveDiscreteLyapunov`. */
export interface DiscreteLyapunovOptions extends BatchOptions {
  /** "direct" (n² unknowns), "bilinear", or by default "direct" for n < 10, as scipy. */
  method?: "direct" | "bilinear";
}

/**
 * Solves the discrete Lyapunov equation A X Aᴴ - X + Q = 0 (scipy's
 * `linalg.solve_discrete_lyapunov`): by default, as scipy, directly (a Kronecker system of n²
 * unknowns) for n < 10, else by the bilinear transformation B = (Aᴴ - I)(Aᴴ + I)⁻¹,
 * C = 2 (A + I)⁻¹ Q (Aᴴ + I)⁻¹ to the continuous equation Bᴴ X + X B = -C. Stacks broadcast.
 *
 * Reference: Gajic and Qureshi, "Lyapunov Matrix Equation in System Stability and Control",
 * Dover, 2008 (the bilinear transformation, as scipy cites it).
 *
 * @param a `(..., m, m)`.
 * @param q `(..., m, m)`.
 * @param options `method` ("direct" or "bilinear"), `errors`, `precision`.
 * @returns X `(..., m, m)`.
 * @throws {LinAlgError} "Matrix is singular" (direct: A has eigenvalues λ, μ with λ conj(μ) = 1;
 * bilinear: an eigenvalue -1), or as `solveContinuousLyapunov`.
 *
 * @example A X Aᵀ - X + Q = 0
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const x = linalg.solveDiscreteLyapunov([[0.5, 0], [0, 0]], [[3, 0], [0, 1]]);
 * assert.deepEqual(x.toArray(), [[4, 0], [0, 1]]);
 * ```
 */
export function solveDiscreteLyapunov(
  a: ArrayLike,
  q: ArrayLike,
  options?: DiscreteLyapunovOptions,
): NDArray {
  checkOptions(options, "solveDiscreteLyapunov", DISCRETE_LYAPUNOV_KEYS);
  const method = options?.method;
  if (method !== undefined && method !== "direct" && method !== "bilinear") {
    throw new TypeError(
      `Invalid method for solveDiscreteLyapunov(): expected "direct" or "bilinear", got ${
        typeof method === "string" ? JSON.stringify(method) : typeof method
      }`,
    );
  }
  const [A, Q] = lyapunovArgs(a, q, "solveDiscreteLyapunov");
  const n = A.shape[A.ndim - 1];
  const batch = batchOf(options);
  const dtype = resultType(A.dtype, Q.dtype);
  if ((method ?? (n < 10 ? "direct" : "bilinear")) === "direct") {
    return runGufunc(DISCRETE_DIRECT, [A, Q], { ...batch, dtype })[0];
  }
  const I = eye(n, { dtype: isComplex(dtype) ? "complex128" : "float64" });
  const aH = conj(matrixTranspose(A));
  const aHIinv = inv(add(aH, I), batch);
  const b = matmul(subtract(aH, I), aHIinv);
  const c = matmul(matmul(inv(add(A, I), batch), Q), aHIinv);
  const x = solveContinuousLyapunov(
    conj(matrixTranspose(b)),
    negative(add(c, c)),
    batch,
  );
  return x.dtype === dtype ? x : x.astype(dtype);
}

// What linalg.async and createPool may run (./_registry.ts).
register(solveSylvester, "solveSylvester", 3, SOLVER_KEYS);
register(solveContinuousLyapunov, "solveContinuousLyapunov", 2, SOLVER_KEYS);
register(solveDiscreteLyapunov, "solveDiscreteLyapunov", 2, DISCRETE_LYAPUNOV_KEYS);
