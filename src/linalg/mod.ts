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
export { cholesky, qr } from "./decomp.ts";
export type {
  CholeskyOptions,
  QrMode,
  QrOptions,
  QrRawResult,
  QrResult,
  QrRResult,
} from "./decomp.ts";
export { eig, eigh, eigvals, eigvalsh } from "./eig.ts";
export type { EighOptions, EigResult } from "./eig.ts";
export { async } from "../async.ts";
export type { AsyncLinalg } from "../async.ts";
export { createPool } from "../pool.ts";
export type { Pool, PoolOptions } from "../pool.ts";
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
export type { LstsqOptions, LstsqResult } from "./lstsq.ts";
export { lu, luFactor, luSolve } from "./lu.ts";
export type {
  LuFactorResult,
  LuOptions,
  LuPermutedResult,
  LuResult,
  LuSolveOptions,
} from "./lu.ts";
export { choFactor, choSolve } from "./cholesky.ts";
export type { ChoFactorOptions, ChoFactorResult } from "./cholesky.ts";
export { solveTriangular } from "./triangular.ts";
export type { SolveTriangularOptions } from "./triangular.ts";
export { expm } from "./matfuncs.ts";
export { blockDiag, kron, tensordot } from "./tensor.ts";
export type { TensordotOptions } from "./tensor.ts";
export { nullSpace, orth, polar, subspaceAngles } from "./subspace.ts";
export type { PolarOptions, PolarResult, RcondOptions } from "./subspace.ts";
