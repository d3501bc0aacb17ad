/**
 * `lapack`: the raw LAPACK and BLAS routines of dlapack's symbol table (`ffi/symbols.ts`),
 * typed, for people who know LAPACK (like `scipy.linalg.lapack`). Column-major; Fortran
 * argument order without INFO; INFO is returned (positive INFO is a result, not an error).
 * Integers are numbers, CHARACTER arguments one-letter strings, real scalars numbers, arrays
 * typed arrays: Float32Array for the s and c routines, Float64Array for d and z (complex
 * arrays interleaved, 2 floats per element), integer arrays from `lapack.intArray(n)`
 * (`lapack.intStride()` Int32 words per integer: 2 on ILP64 libraries). BLAS alpha and beta
 * are typed arrays of one element.
 *
 * No argument can crash the process: before a call crosses the boundary every argument is
 * checked against the requirements declared with the routine template (`ffi/routines.ts`),
 * applied to its s/d/c/z variants: integer ranges (leading dimensions,
 * LWORK minimums, increments), CHARACTER letters, typed-array classes, detached buffers,
 * array lengths (what LAPACK will touch, from the documented formulas, rounded up where
 * LAPACK versions differ), overlaps between arrays LAPACK writes, pivot indices of
 * `getrs`/`getri`, and finite input for the iterative drivers (`geev`, `syevd`/`heevd`,
 * `gesdd`, `gesvd`, `gelsd`), which LAPACK may loop on or reject with a negative INFO. A
 * violation throws TypeError (wrong type or class) or RangeError (wrong value or size) naming
 * the routine (in upper case, as LAPACK's XERBLA does), the argument and the numbers:
 * `DGETRF: LDA = 2 must be >= max(1,M) = max(1,3) = 3`. LAPACK's own checks are never
 * reached: reference LAPACK's XERBLA stops the process.
 *
 * LWORK is accepted when it is -1 (a workspace query: each workspace then needs one element),
 * at least LAPACK's documented minimum, or at least what the library's own workspace query
 * asks for with the same arguments (the documented minimum of `gesdd`, `gesvd`, `gelsd` and
 * `geqrf` covers every code path, and can exceed the optimal size of the path taken), so the
 * usual query-then-call pattern always works.
 *
 * What no check can cover is a library reading past an array by itself: OpenBLAS 0.3.21's
 * complex gemv kernels on Haswell and later read a little past their matrix (OpenBLAS issue
 * #4013), which faults when the array ends at the end of mapped memory. Update such a library.
 *
 * @module
 */
import type { NativeFunction } from "../ffi/runtime.ts";
import type { Routine } from "../ffi/declare.ts";
import { ROUTINE } from "../ffi/routines.ts";
import { intStride as backendIntStride, routine as bindRoutine } from "../ffi/backend.ts";
import { check, routineInfo } from "./lapack/check.ts";
import { apply, describe } from "./lapack/intrinsics.ts";
import type { LapackFunctions } from "./lapack/signatures.ts";

export type { LapackFunctions } from "./lapack/signatures.ts";

/**
 * The `lapack` namespace: every routine of the table (`lapack.dgetrf`, ...), typed from its
 * declaration (`ffi/routines.ts`, written out by `scripts/gen_signatures.ts`), and the
 * integer-array helpers.
 */
export interface Lapack extends LapackFunctions {
  /**
   * An integer array for `n` LAPACK integers (IPIV, IWORK, RANK), zero-filled: an
   * Int32Array of `n * intStride()` words. Throws a TypeError for an `n` that is not a
   * number, a RangeError for one that is not an integer >= 0 or cannot be allocated.
   */
  intArray(n: number): Int32Array;
  /** Int32 words per LAPACK integer: 1 (LP64), 2 (ILP64; integer `i` is at word `2*i`). */
  intStride(): 1 | 2;
}

// ---------------------------------------------------------------------------------------------
// The namespace.

let strideCache: 1 | 2 | undefined;
function stride(): 1 | 2 {
  return strideCache ??= backendIntStride();
}

function makeRoutine(r: Routine): (...args: unknown[]) => number {
  const info = routineInfo(r);
  let fn: NativeFunction | undefined;
  const wrapper = (...args: unknown[]): number => {
    if (fn === undefined) fn = bindRoutine(r.name as never) as NativeFunction;
    check(info, args, stride(), fn);
    return apply(fn, undefined, args) as number;
  };
  Object.defineProperty(wrapper, "name", { value: r.name });
  return wrapper;
}

/** The most Int32 words `intArray` tries to allocate: the bytes stay exact numbers. */
const MAX_INT_WORDS = Math.floor(Number.MAX_SAFE_INTEGER / 4);

function intArray(n: number): Int32Array {
  if (typeof n !== "number") {
    throw new TypeError(
      `Invalid n for lapack.intArray(): expected an integer number, got ${describe(n, false)}`,
    );
  }
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`Invalid n for lapack.intArray(): ${n} is not an integer >= 0`);
  }
  const words = n * stride();
  const cannot = `Cannot allocate an integer array of ${n} elements (${words * 4} bytes)`;
  if (words > MAX_INT_WORDS) {
    throw new RangeError(
      `${cannot}: more than the ${MAX_INT_WORDS * 4} bytes a JavaScript number counts exactly`,
    );
  }
  try {
    return new Int32Array(words);
  } catch (e) {
    // The engine's own RangeError ("Array buffer allocation failed", Bun: "Out of memory").
    const why = e instanceof Error && typeof e.message === "string" ? `: ${e.message}` : "";
    throw new RangeError(cannot + why, { cause: e });
  }
}

function makeLapack(): Lapack {
  const ns: Record<string, unknown> = {};
  for (const r of Object.values(ROUTINE)) ns[r.name] = makeRoutine(r);
  ns.intArray = intArray;
  ns.intStride = stride;
  return Object.freeze(ns) as unknown as Lapack;
}

/**
 * Typed raw LAPACK and BLAS routines (`lapack.dgetrf`, `lapack.zheevd`, `lapack.dgemm`, ...),
 * column-major, with every argument checked before the call (see the module doc), plus
 * `lapack.intArray(n)` (an integer array for `n` LAPACK integers) and `lapack.intStride()`.
 * Each routine takes its Fortran arguments in order without INFO and returns INFO (the
 * value for `dot`, 0 for the other BLAS routines); binding happens on the first call.
 *
 * @throws {TypeError} an argument of the wrong type or typed-array class, or detached.
 * @throws {RangeError} a size, leading dimension, LWORK, letter or array length LAPACK
 * would reject or overrun; from `intArray`, an `n` that cannot be allocated.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lapack } from "jsr:@dlapack/dlapack";
 * // Solve [[4, 3], [6, 3]] x = [10, 12], column-major.
 * const a = new Float64Array([4, 6, 3, 3]);
 * const b = new Float64Array([10, 12]);
 * const ipiv = lapack.intArray(2);
 * assert.equal(lapack.dgetrf(2, 2, a, 2, ipiv), 0);
 * assert.equal(lapack.dgetrs("N", 2, 1, a, 2, ipiv, b, 2), 0);
 * assert.deepEqual([...b].map((v) => Math.round(v * 1e12) / 1e12), [1, 2]);
 * assert.throws(() => lapack.dgetrf(2, 2, a.subarray(1), 2, ipiv), RangeError);
 * ```
 *
 * @example Workspace query, then the call (eigenvalues of a symmetric matrix)
 * ```ts
 * import assert from "node:assert/strict";
 * import { lapack } from "jsr:@dlapack/dlapack";
 * const a = new Float64Array([2, 1, 1, 2]);
 * const w = new Float64Array(2);
 * const q = new Float64Array(1), iq = lapack.intArray(1);
 * assert.equal(lapack.dsyevd("V", "U", 2, a, 2, w, q, -1, iq, -1), 0);
 * const lwork = q[0], liwork = iq[0]; // iq[0]: the first word holds a small integer
 * const info = lapack.dsyevd("V", "U", 2, a, 2, w, new Float64Array(lwork), lwork, lapack.intArray(liwork), liwork);
 * assert.equal(info, 0);
 * assert.deepEqual([...w].map(Math.round), [1, 3]);
 * ```
 */
export const lapack: Lapack = makeLapack();
