/**
 * `lstsq`: the least-squares solution of `a @ x = b` by the SVD (`?gelsd`, divide and
 * conquer), with numpy's rules for the cutoff, the rank and the residuals.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import {
  allocData,
  doubleDType,
  floatsPerItem,
  isSingle,
  realDType,
  resultType,
} from "../dtype.ts";
import type { ArrayLike } from "../ndarray.ts";
import { asarray, NDArray } from "../ndarray.ts";
import type { GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { describeValue } from "../_describe.ts";
import { LinAlgError } from "../errors.ts";
import { gelsdPlan } from "../drivers/gelsd.ts";
import type { OptionKeys } from "./_util.ts";
import { arrayArg, checkOptions, optionKeys } from "./_util.ts";

/** The `info` the kernel returns for NaN or infinite input (never a LAPACK count). */
const NONFINITE = 2 ** 30;

/** Whether every float of `a` is finite. */
function finite(a: FloatArray): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] - a[i] !== 0) return false;
  return true;
}

const lstsqKernel: KernelFactory = ({ dims: { m, n, p }, dtype }) => {
  const fpi = floatsPerItem(dtype);
  const k = Math.min(m, n);
  const mx = Math.max(m, n);
  const ldb = Math.max(1, mx);
  const nrhs = Math.max(1, p); // LAPACK cannot take 0 right-hand sides: one zero column
  const bw = allocData(dtype, ldb * nrhs); // b padded to max(M, N) rows; x comes back in it
  const plan = k > 0 ? gelsdPlan(m, n, nrhs, dtype) : undefined;
  return ([a, b, rc, x, res, rk, s]) => {
    if (!finite(a) || !finite(b)) return NONFINITE;
    bw.fill(0);
    for (let j = 0; j < p; j++) bw.set(b.subarray(j * m * fpi, (j + 1) * m * fpi), j * ldb * fpi);
    let r = 0;
    if (plan !== undefined) {
      const info = plan.run(a, bw, s, rc[0]);
      if (info !== 0) return info;
      r = plan.rank[0];
    }
    // x: the first N rows (zeros when M = 0, as numpy)
    for (let j = 0; j < p; j++) x.set(bw.subarray(j * ldb * fpi, (j * ldb + n) * fpi), j * n * fpi);
    // residuals: |b - a x|^2 per column is the squared norm of rows N..M-1 (full rank, M > N)
    for (let j = 0; j < p; j++) {
      let t = NaN;
      if (r === n && m > n) {
        t = 0;
        for (let i = (j * ldb + n) * fpi, end = (j * ldb + m) * fpi; i < end; i++) {
          t += bw[i] * bw[i];
        }
      }
      res[j] = t;
    }
    rk[0] = r;
    return 0;
  };
};

const failure = (info: number) =>
  info === NONFINITE
    ? "SVD did not converge in Linear Least Squares: a or b contains NaN or infinity"
    : `SVD did not converge in Linear Least Squares: ?gelsd failed (info ${info})`;
const kernels = {
  float32: lstsqKernel,
  float64: lstsqKernel,
  complex64: lstsqKernel,
  complex128: lstsqKernel,
};
const real = (d: DType) => realDType(d);
const float64 = (): DType => "float64";
// numpy binds K = min(M, N) per call; our engine binds names, so each shape class has a spec.
const LSTSQ_WIDE: GufuncSpec = {
  name: "lstsq",
  signature: "(m,n),(m,p),()->(n,p),(p),(),(m)",
  outDTypes: [(d) => d, real, float64, real],
  kernels,
  failure,
};
const LSTSQ_TALL: GufuncSpec = { ...LSTSQ_WIDE, signature: "(m,n),(m,p),()->(n,p),(p),(),(n)" };

/** The options of `lstsq`. */
export const LSTSQ_KEYS: OptionKeys = optionKeys("rcond", "precision");

/** Options of `lstsq`. */
export interface LstsqOptions {
  /**
   * Singular values at or below `rcond * max(S)` count as zero. Default (numpy 2)
   * `eps * max(M, N)` with the computation's eps (double, even for float32 input); a
   * negative value means machine precision (LAPACK's rule).
   */
  rcond?: number | null;
  /** "double" (default: float32 computed in float64, as numpy) or "single". */
  precision?: "double" | "single";
}

/** The result of `lstsq`. */
export interface LstsqResult {
  /** The least-squares solution of minimum norm: `(N)` for a vector b, else `(N, K)`. */
  x: NDArray;
  /**
   * Squared 2-norms of the columns of `b - a @ x`: shape `(K)` (`(1)` for a vector b, as
   * numpy), or empty `(0)` when the rank is below N or M <= N. Real dtype.
   */
  residuals: NDArray;
  /** The effective rank of `a`. */
  rank: number;
  /** The singular values of `a`, descending, real: `(min(M, N))`. */
  s: NDArray;
}

/**
 * The least-squares solution of `a @ x = b` (`?gelsd`): minimizes the 2-norm of each column
 * of `b - a @ x`, and among the minimizers (rank-deficient or underdetermined `a`) returns the
 * one of least norm. As numpy, `a` is one matrix, not a stack.
 *
 * @param a Coefficients `(M, N)`.
 * @param b Right-hand side `(M)` or `(M, K)`.
 * @param options `rcond` (default `eps * max(M, N)`), `precision`.
 * @returns `{ x, residuals, rank, s }`; `rank` is a number (numpy's int), the arrays have the
 * result dtype of a and b (real for residuals and s).
 * @throws {LinAlgError} For a or b of the wrong dimensionality ("Array must be
 * two-dimensional"), "Incompatible dimensions", "SVD did not converge in Linear Least
 * Squares" (also for NaN or infinite entries).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lstsq } from "./lstsq.ts";
 * // numpy's example: fit y = m t + c through four points
 * const t = [0, 1, 2, 3];
 * const { x, residuals, rank } = lstsq(t.map((v) => [v, 1]), [-1, 0.2, 0.9, 2.1]);
 * const [m, c] = x.toArray() as number[];
 * assert.ok(Math.abs(m - 1) < 1e-12 && Math.abs(c + 0.95) < 1e-12);
 * assert.equal(rank, 2);
 * assert.ok(Math.abs((residuals.toArray() as number[])[0] - 0.05) < 1e-12);
 * ```
 */
export function lstsq(a: ArrayLike, b: ArrayLike, options?: LstsqOptions): LstsqResult {
  checkOptions(options, "lstsq", LSTSQ_KEYS);
  const A = arrayArg(a, 0, "lstsq");
  const B = arrayArg(b, 1, "lstsq");
  for (const [arr, what] of [[A, "a"], [B, "b"]] as const) {
    if (arr.ndim !== 2 && !(arr === B && arr.ndim === 1)) {
      throw new LinAlgError(
        `${arr.ndim}-dimensional array given. Array must be two-dimensional: lstsq() takes one matrix ${what}, not a stack`,
      );
    }
  }
  const [m, n] = A.shape;
  if (B.shape[0] !== m) {
    throw new LinAlgError(`Incompatible dimensions: a has ${m} rows, b has ${B.shape[0]}`);
  }
  const rcond = options?.rcond ?? null;
  if (rcond !== null && typeof rcond !== "number") {
    throw new TypeError(
      `Invalid rcond for lstsq(): expected a number, got ${describeValue(rcond)}`,
    );
  }
  const dtype = resultType(A.dtype, B.dtype);
  const computation = options?.precision === "single" ? dtype : doubleDType(dtype);
  const cut = rcond ?? (isSingle(computation) ? 2 ** -23 : 2 ** -52) * Math.max(m, n);
  const B2 = B.ndim === 1 ? B.reshape([m, 1]) : B;
  const spec = m <= n ? LSTSQ_WIDE : LSTSQ_TALL;
  const [x, res, rk, s] = runGufunc(spec, [A, B2, asarray(cut)], {
    precision: options?.precision,
    dtype,
  });
  const rank = rk.item() as number;
  return {
    x: B.ndim === 1 ? x.reshape([n]) : x,
    residuals: rank !== n || m <= n
      ? new NDArray(allocData(realDType(dtype), 0), realDType(dtype), [0])
      : res,
    rank,
    s,
  };
}
