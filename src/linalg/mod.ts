/**
 * `numpy.linalg` for TypeScript: every function takes arrays (NDArray, nested arrays or typed
 * arrays), works on stacks of matrices, and raises `LinAlgError` with numpy's messages.
 *
 * @module
 */
export { inv, solve } from "./solve.ts";
export type { InvOptions, SolveOptions } from "./solve.ts";
export { det, slogdet } from "./det.ts";
export type { SlogdetResult } from "./det.ts";
export { cholesky, qr, rq } from "./decomp.ts";
export type {
  CholeskyOptions,
  QrMode,
  QrOptions,
  QrPivotedOptions,
  QrPivots,
  QrRawResult,
  QrResult,
  QrRResult,
  RqMode,
  RqOptions,
  RqResult,
} from "./decomp.ts";
export { eig, eigh, eigvals, eigvalsh } from "./eig.ts";
export type { EighOptions, EigResult } from "./eig.ts";

// linalg.async and createPool: the functions each family registered (./_registry.ts), typed.
import { asyncFunctions } from "../async.ts";
import type { AsyncOf } from "../async.ts";
import { startPool } from "../pool.ts";
import type { PoolOf, PoolOptions } from "../pool.ts";
import type { inv, solve } from "./solve.ts";
import type { det, slogdet } from "./det.ts";
import type { cholesky, qr, rq } from "./decomp.ts";
import type { eig, eigh, eigvals, eigvalsh } from "./eig.ts";
import type { ldl } from "./ldl.ts";
import type { lstsq } from "./lstsq.ts";
export type { ArrayParameters, PoolOf, PoolOptions } from "../pool.ts";
export type { AsyncOf } from "../async.ts";

/** `linalg.async`: each function takes the same arguments and returns a Promise. */
export type AsyncLinalg = AsyncOf<{
  inv: typeof inv;
  solve: typeof solve;
  det: typeof det;
  slogdet: typeof slogdet;
  cholesky: typeof cholesky;
  qr: typeof qr;
  rq: typeof rq;
  eig: typeof eig;
  eigvals: typeof eigvals;
  eigh: typeof eigh;
  eigvalsh: typeof eigvalsh;
  ldl: typeof ldl;
  lstsq: typeof lstsq;
}>;

/**
 * `linalg.async`: the expensive functions run off the main thread, so a server's event loop
 * keeps answering while a 2000x2000 `eigh` runs. One background worker takes the calls in order;
 * it starts on first use and stops when idle. Inputs are copied when the call starts; outputs
 * come back by transfer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { eigenvalues } = await linalg.async.eigh([[2, 0], [0, 1]]);
 * assert.deepEqual(eigenvalues.toArray(), [1, 2]);
 * ```
 */
export const async: AsyncLinalg = asyncFunctions() as AsyncLinalg;

/** A worker pool: the stacked functions, `size` and `close()`. */
export type Pool = PoolOf<{
  inv: typeof inv;
  det: typeof det;
  solve: typeof solve;
  cholesky: typeof cholesky;
}>;

/**
 * Starts a pool of workers for large stacks of small matrices: the stack is copied once into a
 * SharedArrayBuffer, split along its first axis across the workers, and each worker writes its
 * part of the result straight into a shared output.
 *
 * @param options `workers` (default: the number of CPUs), `minItemsPerWorker` (default 256).
 * @returns The pool; `close()` it when done.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const pool = linalg.createPool({ workers: 2, minItemsPerWorker: 1 });
 * try {
 *   const r = await pool.det([[[2, 0], [0, 3]], [[1, 2], [3, 4]]]);
 *   assert.deepEqual(r.toArray().map((x: number) => Math.round(x)), [6, -2]);
 * } finally {
 *   pool.close();
 * }
 * ```
 */
export function createPool(options?: PoolOptions): Pool {
  return startPool(options) as unknown as Pool;
}

// The other families.
export {
  cross,
  diagonal,
  matmul,
  matrixPower,
  matrixTranspose,
  multiDot,
  outer,
  tensorinv,
  tensorsolve,
  trace,
  vecdot,
} from "./products.ts";
export type {
  AxisOptions,
  MatmulOptions,
  MultiDotOptions,
  OffsetOptions,
  TensorinvOptions,
  TensorsolveOptions,
} from "./products.ts";
export { matrixNorm, norm, vectorNorm } from "./norms.ts";
export type { MatrixNormOptions, NormOptions, NormOrder, VectorNormOptions } from "./norms.ts";
export { cond, matrixRank, pinv, svd, svdvals } from "./svd.ts";
export type { CondOrder, MatrixRankOptions, PinvOptions, SvdOptions, SvdResult } from "./svd.ts";
export { lstsq } from "./lstsq.ts";
export type { LstsqDriver, LstsqGelsyResult, LstsqOptions, LstsqResult } from "./lstsq.ts";
export { lu, luFactor, luSolve } from "./lu.ts";
export type {
  LuFactorResult,
  LuOptions,
  LuPermutedResult,
  LuResult,
  LuSolveOptions,
} from "./lu.ts";
export { choFactor, choSolve } from "./cholesky.ts";
export { ldl } from "./ldl.ts";
export type { LdlOptions, LdlResult } from "./ldl.ts";
export type { ChoFactorOptions, ChoFactorResult } from "./cholesky.ts";
export { solveTriangular } from "./triangular.ts";
export type { SolveTriangularOptions } from "./triangular.ts";
export { expm } from "./matfuncs.ts";
export { blockDiag, kron, tensordot } from "./tensor.ts";
export type { TensordotOptions } from "./tensor.ts";
export { nullSpace, orth, polar, subspaceAngles } from "./subspace.ts";
export type { PolarOptions, PolarResult, RcondOptions } from "./subspace.ts";
export { eighTridiagonal, solveBanded, solvehBanded } from "./banded.ts";
export type {
  EighTridiagonalOptions,
  EighTridiagonalResult,
  SolvehBandedOptions,
} from "./banded.ts";
// scipy.linalg part B: Schur-type decompositions, matrix functions, control equations.
export { hessenberg, rsf2csf, schur } from "./schur.ts";
export type { HessenbergOptions, HessenbergResult, SchurOptions, SchurResult } from "./schur.ts";
export { solveContinuousLyapunov, solveDiscreteLyapunov, solveSylvester } from "./solvers.ts";
export type { DiscreteLyapunovOptions } from "./solvers.ts";
export { solveContinuousAre, solveDiscreteAre } from "./riccati.ts";
export type { AreOptions } from "./riccati.ts";
export { sqrtm } from "./sqrtm.ts";
export { logm } from "./logm.ts";
export { ordqz, qz } from "./qz.ts";
export type { OrdqzOptions, OrdqzResult, QzOptions, QzResult } from "./qz.ts";
