/**
 * An opt-in worker pool for large stacks of small matrices: the stack is copied once into a
 * SharedArrayBuffer, split along its first axis across the workers, and each worker writes its
 * part of the result straight into a shared output, so nothing is copied back. Per-matrix
 * LAPACK calls on small matrices are single-threaded, so this is how a stack uses all cores.
 *
 * @module
 */
import type { DType, FloatArray } from "./dtype.ts";
import { allocData, floatsPerItem } from "./dtype.ts";
import type { ArrayLike, FloatNDArray } from "./ndarray.ts";
import { asarray, NDArray } from "./ndarray.ts";
import { LinAlgError } from "./errors.ts";
import { checkNDArray } from "./gufunc.ts";
import { describeValue } from "./_describe.ts";
import type { OptionKeys } from "./_options.ts";
import { checkOptions, optionKeys } from "./_options.ts";
import { cpuCount, spawnWorker } from "./_spawn.ts";
import type { WorkerHandle } from "./_spawn.ts";
import { registered, registeredNames } from "./linalg/_registry.ts";

/** The options of `createPool`. */
const CREATE_POOL_KEYS: OptionKeys = optionKeys("workers", "minItemsPerWorker");

/** Options of `createPool`. */
export interface PoolOptions {
  /** Number of workers (default: the number of CPUs). */
  workers?: number;
  /** Stacks with fewer items run on one worker (default 256). */
  minItemsPerWorker?: number;
}

/**
 * The leading array parameters of a parameter list (those before the options object), e.g.
 * `[a: ArrayLike]` for `inv`'s `[a: ArrayLike, options?: InvOptions]`.
 */
export type ArrayParameters<P extends readonly unknown[]> = P extends readonly [infer H, ...infer T]
  ? (H extends ArrayLike ? [H, ...ArrayParameters<T>] : [])
  : [];

/**
 * A worker pool for a table of functions: each takes the function's array arguments (no options)
 * and returns a Promise of its result; `size` is the number of workers, and `close()` stops
 * them (`createPool`'s type).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const pool: linalg.PoolOf<{ det: typeof linalg.det }> = linalg.createPool({ workers: 1 });
 * try {
 *   assert.deepEqual((await pool.det([[[2, 0], [0, 3]]])).toArray(), [6]);
 * } finally {
 *   pool.close();
 * }
 * ```
 */
export type PoolOf<T> =
  & {
    // The last overload only (see AsyncOf).
    [K in keyof T]: T[K] extends (...args: infer A) => infer R
      ? (...arrays: ArrayParameters<A>) => Promise<R>
      : never;
  }
  & {
    /** Number of workers. */
    readonly size: number;
    /** Stops the workers. */
    close(): void;
  };

interface Shared {
  sab: SharedArrayBuffer;
  dtype: DType;
  shape: number[];
}

function share(a: FloatNDArray): Shared {
  const dtype = a.dtype;
  const n = a.size * floatsPerItem(dtype);
  const bytes = n * (dtype === "float32" || dtype === "complex64" ? 4 : 8);
  const sab = new SharedArrayBuffer(Math.max(bytes, 8));
  const view = dtype === "float32" || dtype === "complex64"
    ? new Float32Array(sab, 0, n)
    : new Float64Array(sab, 0, n);
  // One copy when the input is C-contiguous (the common case), two otherwise.
  const f = floatsPerItem(a.dtype);
  const src = a.isCContiguous ? a.data.subarray(a.offset * f, a.offset * f + n) : a.copy("C").data;
  view.set(src);
  return { sab, dtype, shape: a.shape.slice() };
}

function sharedArray(s: Shared): NDArray {
  const single = s.dtype === "float32" || s.dtype === "complex64";
  const n = s.shape.reduce((p, d) => p * d, 1) * floatsPerItem(s.dtype);
  return new NDArray(
    single ? new Float32Array(s.sab, 0, n) : new Float64Array(s.sab, 0, n),
    s.dtype,
    s.shape,
  );
}

/**
 * Starts a pool of workers for the functions registered with `pool: true`
 * (`linalg/_registry.ts`): `linalg.createPool` is this, typed.
 */
export function startPool(
  options: PoolOptions = {},
): Record<string, (...arrays: ArrayLike[]) => Promise<NDArray>> & { size: number; close(): void } {
  checkOptions(options, "createPool", CREATE_POOL_KEYS);
  const size = options.workers ?? cpuCount();
  if (!Number.isSafeInteger(size) || size < 1 || size > 256) {
    const E = typeof size === "number" ? RangeError : TypeError;
    throw new E(
      `Invalid worker count for createPool(): expected an integer from 1 to 256, got ${
        describeValue(size)
      }`,
    );
  }
  const minItems = options.minItemsPerWorker ?? 256;
  const workers: WorkerHandle[] = Array.from({ length: size }, () => spawnWorker());
  for (const w of workers) w.unref();
  let closed = false;

  async function run(name: string, inputs: ArrayLike[]): Promise<NDArray> {
    if (closed) throw new Error("The pool is closed");
    // One small synchronous call on the first item finds the result's dtype and core shape,
    // and raises the caller's shape errors here, before any worker starts.
    const arrays = inputs.map((x, i) => {
      // A forged or tampered NDArray is refused before it is copied or shared.
      if (x instanceof NDArray) checkNDArray(x, i, `pool.${name}`);
      // int32 and bool compute in float64, as numpy's linalg.
      const y = asarray(x);
      const d: string = y.dtype;
      return (d === "int32" || d === "bool" ? y.astype("float64") : y) as FloatNDArray;
    });
    const a = arrays[0];
    if (a.ndim < 3) {
      throw new RangeError(
        `Not a stack: pool.${name}() needs at least 3 dimensions, got ${a.ndim}`,
      );
    }
    const k = a.shape[0];
    for (let i = 1; i < arrays.length; i++) {
      const x = arrays[i];
      if (x.ndim < 2 || x.shape[0] !== k) {
        throw new RangeError(
          `Stacks of different sizes for pool.${name}(): input ${i} has shape (${
            x.shape.join(", ")
          }), ` +
            `but every input must have the stack's leading size ${k}`,
        );
      }
    }
    const f = registered(name)!.fn as (...a: unknown[]) => NDArray;
    if (k === 0) return f(...arrays);
    const probe = f(...arrays.map((x) => slice0(x)), { errors: "nan" });
    const outDType = probe.dtype as DType; // inv, det, solve, cholesky: float results
    const outShape = [k, ...probe.shape];
    const shared = arrays.map((x) => share(x));
    const single = outDType === "float32" || outDType === "complex64";
    const outItems = outShape.reduce((p, d) => p * d, 1) * floatsPerItem(outDType);
    const out: Shared = {
      sab: new SharedArrayBuffer(Math.max(outItems * (single ? 4 : 8), 8)),
      dtype: outDType,
      shape: outShape,
    };
    const parts = Math.max(1, Math.min(size, Math.floor(k / minItems) || 1));
    const chunk = Math.ceil(k / parts);
    const jobs: Promise<{ failed?: { item: number; message: string } }>[] = [];
    for (let p = 0; p < parts; p++) {
      const from = p * chunk;
      const to = Math.min(k, from + chunk);
      if (from >= to) break;
      jobs.push(workers[p].request({ pool: { name, inputs: shared, out, from, to } }));
    }
    const results = await Promise.all(jobs);
    const failed =
      results.map((r) => r.failed).filter((x) => x !== undefined).sort((x, y) =>
        x!.item - y!.item
      )[0];
    if (failed) throw new LinAlgError(failed.message);
    return sharedArray(out);
  }

  const pool: Record<string, (...arrays: ArrayLike[]) => Promise<NDArray>> = {};
  for (const name of registeredNames()) {
    const r = registered(name)!;
    if (r.pool) pool[name] = (...arrays) => run(name, arrays.slice(0, r.arrays));
  }
  return Object.assign(pool, {
    size,
    close() {
      closed = true;
      for (const w of workers) w.terminate();
    },
  });
}

function slice0(x: FloatNDArray): NDArray {
  const per = x.shape.slice(1);
  const n = per.reduce((p, d) => p * d, 1);
  const data = allocData(x.dtype, n);
  const c = x.copy("C");
  data.set((c.data as FloatArray).subarray(0, n * floatsPerItem(x.dtype)));
  return new NDArray(data, x.dtype, per);
}
