/**
 * `lstsq`: the least-squares solution of `a @ x = b` by the SVD (`?gelsd`, divide and
 * conquer, or `?gelss`) or a complete orthogonal factorization (`?gelsy`), with numpy's rules
 * for the cutoff, the rank and the residuals, on stacks.
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
import { gelssPlan } from "../drivers/gelss.ts";
import { gelsyPlan } from "../drivers/gelsy.ts";
import type { OptionKeys } from "./_util.ts";
import { arrayArg, assertStacked2d, checkOptions, optionKeys } from "./_util.ts";
import { ALL } from "./_scipy.ts";
import { register } from "./_registry.ts";

/** The `info` the kernel returns for NaN or infinite input (never a LAPACK count). */
const NONFINITE = 2 ** 30;

/** Whether every float of `a` is finite. */
function finite(a: FloatArray): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] - a[i] !== 0) return false;
  return true;
}

/** The LAPACK least-squares drivers `lstsq` can use (scipy's `lapack_driver`). */
export type LstsqDriver = "gelsd" | "gelsy" | "gelss";

/** One solve in place in `b` (`s` gets the singular values, except from `?gelsy`). */
interface Solver {
  readonly rank: Int32Array;
  solve(a: FloatArray, b: FloatArray, s: FloatArray, rcond: number): number;
}

function solver(driver: LstsqDriver, m: number, n: number, nrhs: number, dtype: DType): Solver {
  if (driver === "gelsy") {
    const p = gelsyPlan(m, n, nrhs, dtype);
    return { rank: p.rank, solve: (a, b, _s, rc) => p.run(a, b, rc) };
  }
  const p = driver === "gelss" ? gelssPlan(m, n, nrhs, dtype) : gelsdPlan(m, n, nrhs, dtype);
  return { rank: p.rank, solve: (a, b, s, rc) => p.run(a, b, s, rc) };
}

// Operands: a, b, rcond, then x, residuals, rank, s (gelsd, gelss) or x, rank (gelsy).
const lstsqKernel = (driver: LstsqDriver): KernelFactory => ({ dims: { m, n, p }, dtype }) => {
  const fpi = floatsPerItem(dtype);
  const k = Math.min(m, n);
  const mx = Math.max(m, n);
  const ldb = Math.max(1, mx);
  const nrhs = Math.max(1, p); // LAPACK cannot take 0 right-hand sides: one zero column
  const bw = allocData(dtype, ldb * nrhs); // b padded to max(M, N) rows; x comes back in it
  const plan = k > 0 ? solver(driver, m, n, nrhs, dtype) : undefined;
  const svd = driver !== "gelsy";
  return (ops) => {
    const a = ops[0], b = ops[1], x = ops[3];
    const rk = svd ? ops[5] : ops[4];
    if (!finite(a) || !finite(b)) return NONFINITE;
    bw.fill(0);
    for (let j = 0; j < p; j++) bw.set(b.subarray(j * m * fpi, (j + 1) * m * fpi), j * ldb * fpi);
    let r = 0;
    if (plan !== undefined) {
      const info = plan.solve(a, bw, ops[6], ops[2][0]);
      if (info !== 0) return info;
      r = plan.rank[0];
    }
    // x: the first N rows (zeros when M = 0, as numpy)
    for (let j = 0; j < p; j++) x.set(bw.subarray(j * ldb * fpi, (j * ldb + n) * fpi), j * n * fpi);
    rk[0] = r;
    if (!svd) return 0;
    // residuals: |b - a x|^2 per column is the squared norm of rows N..M-1 (full rank, M > N)
    const res = ops[4];
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
    return 0;
  };
};

const failure = (driver: LstsqDriver) => (info: number) =>
  info === NONFINITE
    ? "SVD did not converge in Linear Least Squares: a or b contains NaN or infinity"
    : `SVD did not converge in Linear Least Squares: ?${driver} failed (info ${info})`;
const real = (d: DType) => realDType(d);
const float64 = (): DType => "float64";
// numpy binds K = min(M, N) per call; our engine binds names, so each shape class has a spec.
const specs = (driver: LstsqDriver) => {
  const wide: GufuncSpec = {
    name: "lstsq",
    signature: "(m,n),(m,p),()->(n,p),(p),(),(m)",
    outDTypes: [(d) => d, real, float64, real],
    kernels: ALL(lstsqKernel(driver)),
    failure: failure(driver),
  };
  return { wide, tall: { ...wide, signature: "(m,n),(m,p),()->(n,p),(p),(),(n)" } };
};
const LSTSQ = { gelsd: specs("gelsd"), gelss: specs("gelss") };
const LSTSQ_GELSY: GufuncSpec = {
  name: "lstsq",
  signature: "(m,n),(m,p),()->(n,p),()",
  outDTypes: [(d) => d, float64],
  kernels: ALL(lstsqKernel("gelsy")),
  failure: failure("gelsy"),
};

/** The options of `lstsq`. */
export const LSTSQ_KEYS: OptionKeys = optionKeys("rcond", "lapackDriver", "precision");

/** Options of `lstsq`. */
export interface LstsqOptions {
  /**
   * Singular values at or below `rcond * max(S)` count as zero (for `?gelsy`: the leading
   * triangle of the pivoted QR is cut where its estimated condition number reaches
   * 1 / rcond). Default (numpy 2) `eps * max(M, N)` with the computation's eps (double, even
   * for float32 input); a negative value means machine precision (LAPACK's rule).
   */
  rcond?: number | null;
  /**
   * The LAPACK driver, as scipy's `lapack_driver`: "gelsd" (default, SVD by divide and
   * conquer), "gelss" (SVD by QR iteration) or "gelsy" (complete orthogonal factorization, the
   * fastest on well-conditioned problems; gives no singular values and no residuals).
   */
  lapackDriver?: LstsqDriver;
  /** "double" (default: float32 computed in float64, as numpy) or "single". */
  precision?: "double" | "single";
}

/** The result of `lstsq`. */
export interface LstsqResult {
  /**
   * The least-squares solution of minimum norm: `(..., N)` for a vector b, else
   * `(..., N, K)`.
   */
  x: NDArray;
  /**
   * Squared 2-norms of the columns of `b - a @ x`, real. One matrix: shape `(K)` (`(1)` for a
   * vector b, as numpy), or empty `(0)` when the rank is below N or M <= N. A stack:
   * `(..., K)`, NaN for the items whose rank is below N, or `(..., 0)` when M <= N. Empty
   * (`(0)`, `(..., 0)`) with "gelsy", as scipy's.
   */
  residuals: NDArray;
  /**
   * The effective rank of `a`: a number for one matrix (numpy's int), an int32 NDArray of the
   * stack's shape for a stack.
   */
  rank: number | NDArray;
  /** The singular values of `a`, descending, real: `(..., min(M, N))`. */
  s: NDArray;
}

/** The result of `lstsq` with `lapackDriver: "gelsy"`: no singular values (scipy's `None`). */
export interface LstsqGelsyResult extends Omit<LstsqResult, "s"> {
  /** `null`: `?gelsy` computes no singular values. */
  s: null;
}

/**
 * The least-squares solution of `a @ x = b`: minimizes the 2-norm of each column of
 * `b - a @ x`, and among the minimizers (rank-deficient or underdetermined `a`) returns the
 * one of least norm. By the SVD (`?gelsd`, default; or `?gelss`) or by a complete orthogonal
 * factorization (`?gelsy`), as scipy's `lapack_driver`.
 *
 * Stacks broadcast (numpy 2's rule, which numpy's and scipy's `lstsq` do not take): `b` is a
 * vector `(M)` when it is 1-D, else a stack of matrices `(..., M, K)`; the stacks of `a` and
 * `b` broadcast, and `rank`, `residuals` and `s` gain the stack's dimensions.
 *
 * @param a Coefficients `(..., M, N)`.
 * @param b Right-hand side `(M)` or `(..., M, K)`.
 * @param options `rcond` (default `eps * max(M, N)`), `lapackDriver`, `precision`.
 * @returns `{ x, residuals, rank, s }`; the arrays have the result dtype of a and b (real for
 * residuals and s); `s` is `null` with "gelsy".
 * @throws {LinAlgError} For a of fewer than two dimensions, "Incompatible dimensions",
 * "SVD did not converge in Linear Least Squares" (also for NaN or infinite entries), naming
 * the item of a stack.
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
 *
 * @example Two fits at once with ?gelsy
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const a = [[[0, 1], [1, 1], [2, 1]], [[1, 1], [2, 1], [3, 1]]]; // (2, 3, 2)
 * const { x, rank, s } = linalg.lstsq(a, [1, 3, 5], { lapackDriver: "gelsy" });
 * assert.deepEqual(x.shape, [2, 2]);
 * assert.deepEqual((rank as { toArray(): unknown }).toArray(), [2, 2]);
 * assert.equal(s, null);
 * const [[m0, c0], [m1, c1]] = x.toArray() as number[][];
 * assert.ok(Math.abs(m0 - 2) + Math.abs(c0 - 1) + Math.abs(m1 - 2) + Math.abs(c1 + 1) < 1e-12);
 * ```
 */
export function lstsq(
  a: ArrayLike,
  b: ArrayLike,
  options: LstsqOptions & { lapackDriver: "gelsy" },
): LstsqGelsyResult;
export function lstsq(
  a: ArrayLike,
  b: ArrayLike,
  options?: LstsqOptions & { lapackDriver?: "gelsd" | "gelss" },
): LstsqResult;
export function lstsq(
  a: ArrayLike,
  b: ArrayLike,
  options?: LstsqOptions,
): LstsqResult | LstsqGelsyResult;
export function lstsq(
  a: ArrayLike,
  b: ArrayLike,
  options?: LstsqOptions,
): LstsqResult | LstsqGelsyResult {
  checkOptions(options, "lstsq", LSTSQ_KEYS);
  const driver = options?.lapackDriver ?? "gelsd";
  if (driver !== "gelsd" && driver !== "gelsy" && driver !== "gelss") {
    throw new TypeError(
      `Invalid lapackDriver for lstsq(): expected "gelsd", "gelsy" or "gelss", got ${
        describeValue(driver)
      }`,
    );
  }
  const A = arrayArg(a, 0, "lstsq");
  const B = arrayArg(b, 1, "lstsq");
  assertStacked2d(A, "lstsq");
  if (B.ndim === 0) {
    throw new LinAlgError(
      "0-dimensional array given. Array must be at least one-dimensional: lstsq() takes b as a vector (M) or a matrix (..., M, K)",
    );
  }
  const [m, n] = A.shape.slice(-2);
  const vector = B.ndim === 1;
  const bm = B.shape[B.ndim - (vector ? 1 : 2)];
  if (bm !== m) {
    throw new LinAlgError(`Incompatible dimensions: a has ${m} rows, b has ${bm}`);
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
  const spec = driver === "gelsy" ? LSTSQ_GELSY : LSTSQ[driver][m <= n ? "wide" : "tall"];
  const outs = runGufunc(spec, [A, vector ? B.reshape([m, 1]) : B, asarray(cut)], {
    precision: options?.precision,
    dtype,
  });
  const x = outs[0];
  const lead = x.shape.slice(0, -2);
  const rk = outs[driver === "gelsy" ? 1 : 2];
  const rank = lead.length === 0 ? rk.item() as number : rk.astype("int32");
  const empty = () => new NDArray(allocData(realDType(dtype), 0), realDType(dtype), [...lead, 0]);
  const X = vector ? x.reshape(x.shape.slice(0, -1)) : x;
  if (driver === "gelsy") return { x: X, residuals: empty(), rank, s: null };
  const res = outs[1];
  const noResiduals = m <= n || (lead.length === 0 && rank !== n);
  return { x: X, residuals: noResiduals ? empty() : res, rank, s: outs[3] };
}

// What linalg.async may run (./_registry.ts).
register(lstsq, "lstsq", 2, LSTSQ_KEYS);
