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
export type { CholeskyOptions, QrMode, QrOptions, QrRawResult, QrResult, QrRResult } from "./decomp.ts";
export { eig, eigh, eigvals, eigvalsh } from "./eig.ts";
export type { EighOptions, EigResult } from "./eig.ts";
export { async } from "../async.ts";
export type { AsyncLinalg } from "../async.ts";
