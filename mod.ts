/**
 * dlapack: the machine's own LAPACK (OpenBLAS, MKL, Accelerate, ATLAS, BLIS/libFLAME,
 * reference) for Deno, Bun and Node 26+ through their built-in FFI, with typed-array
 * ndarrays, numpy-style stacks of matrices, and `numpy.linalg`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, linalg } from "jsr:@dlapack/dlapack";
 * const a = array([[4, 1], [2, 3]]);
 * const x = linalg.solve(a, [1, 2]);
 * assert.deepEqual(x.toArray().map((v: number) => Math.round(v * 10) / 10), [0.1, 0.6]);
 * ```
 *
 * @module
 */
export * as linalg from "./src/linalg/mod.ts";
export * from "./src/ndarray.ts";
export * from "./src/dtype.ts";
export { LapackNotFoundError, LinAlgError } from "./src/errors.ts";
export type { TriedCandidate } from "./src/errors.ts";
export { gufunc, gufuncStats } from "./src/gufunc.ts";
export type {
  Dims,
  GufuncFunction,
  GufuncOptions,
  GufuncSpec,
  Kernel,
  KernelCall,
  KernelFactory,
} from "./src/gufunc.ts";
export { backend, configure, getNumThreads, setNumThreads } from "./src/backend.ts";
export type {
  Abi,
  BackendInfo,
  ConfigureOptions,
  HeapMode,
  MklLayers,
  Provider,
  ThreadingLayer,
} from "./src/backend.ts";
export { FfiPermissionError } from "./ffi/runtime.ts";
export { loadNpy, readNpy, saveNpy, writeNpy } from "./src/npy.ts";
export { lapack } from "./src/lapack.ts";
export { einsum } from "./src/linalg/einsum.ts";
export type { MatmulOptions } from "./src/linalg/products.ts";
export type { Lapack, LapackFunctions } from "./src/lapack.ts";
export * from "./src/elementwise.ts";
export * from "./src/reductions.ts";
export * from "./src/methods.ts";
export * from "./src/build.ts";
export type { IndexItem } from "./src/indexing.ts";
export { randn, random } from "./src/random.ts";
export type { RandomOptions } from "./src/random.ts";
