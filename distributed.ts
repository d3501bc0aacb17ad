/**
 * dlapack's distributed mode: dense linear algebra across MPI ranks (one machine or many) on
 * ScaLAPACK, from Deno, Bun and Node 26 through their built-in FFI. A separate entry point:
 * programs that import only `mod.ts` load nothing of it.
 *
 * Run a program on N ranks with `scripts/mpirun.sh N deno run -A prog.ts` (or `bun prog.ts`,
 * `node --experimental-ffi prog.ts`); it needs ScaLAPACK and MPI (`apt-get install
 * libscalapack-openmpi-dev openmpi-bin`, or conda's `scalapack` + `openmpi`/`mpich`).
 *
 * @example Solve a system every rank fills itself
 * ```ts ignore
 * import { init } from "jsr:@dlapack/dlapack/distributed";
 * const world = init(); // 2x2 grid on 4 ranks
 * const n = 2000;
 * const a = world.fromFunction([n, n], (i, j) => (i === j ? n : 0) + 1 / (i + j + 1));
 * const b = world.fromFunction([n, 1], () => 1);
 * const x = world.linalg.solve(a, b);
 * const whole = x.gather({ root: 0 }); // an NDArray on rank 0, null elsewhere
 * if (world.rank === 0) console.log(whole!.shape);
 * world.finalize();
 * ```
 *
 * @module
 */
export { defaultGrid, init, World } from "./src/distributed/world.ts";
export type { GridInfo, InitOptions } from "./src/distributed/world.ts";
export { DArray } from "./src/distributed/darray.ts";
export type { MakeOptions } from "./src/distributed/darray.ts";
export type {
  DistributedChoFactorResult,
  DistributedEighResult,
  DistributedLinalg,
  DistributedLstsqResult,
  DistributedSvdResult,
} from "./src/distributed/linalg.ts";
export { LinAlgError } from "./src/errors.ts";
export { ScalapackNotFoundError } from "./ffi/scalapack.ts";
export type { TriedLibrary } from "./ffi/scalapack.ts";
export type { ArrayData, ArrayDType, Complex, DType, FloatArray } from "./src/dtype.ts";
// The local blocks and the small results are NDArrays: their type (and the types its methods
// mention) are documented here too; the functions that make and take them are in mod.ts.
export type {
  ArgReduceOptions,
  ArrayLike,
  ArrayMethods,
  ForeignNDArray,
  GufuncOptions,
  IndexItem,
  MatmulOptions,
  NDArray,
  ReduceOptions,
  Scalar,
  SqueezeOptions,
  UfuncOptions,
} from "./src/_ndarray.ts";
