/**
 * An opt-in worker pool for large stacks of small matrices: the stack is copied once into a
 * SharedArrayBuffer, split along its first axis across the workers, and each worker writes its
 * part of the result straight into a shared output, so nothing is copied back. Per-matrix
 * LAPACK calls on small matrices are single-threaded, so this is how a stack uses all cores.
 *
 * @module
 */
import type { DType } from "./dtype.ts";
import { allocData, floatsPerItem } from "./dtype.ts";
import type { ArrayLike } from "./ndarray.ts";
import { asarray, NDArray } from "./ndarray.ts";
import { LinAlgError } from "./errors.ts";
import { checkNDArray } from "./gufunc.ts";
import { describeValue } from "./_describe.ts";
import type { OptionKeys } from "./_options.ts";
import { checkOptions, optionKeys } from "./_options.ts";
import { cpuCount, spawnWorker } from "./_spawn.ts";
import type { WorkerHandle } from "./_spawn.ts";

/** Functions the pool splits: each has one output of the stack's leading shape. */
export const POOL_FUNCTIONS = ["inv", "det", "solve", "cholesky"] as const;
type Name = typeof POOL_FUNCTIONS[number];

/** The options of `createPool`. */
const CREATE_POOL_KEYS: OptionKeys = optionKeys("workers", "minItemsPerWorker");

/** Options of `createPool`. */
export interface PoolOptions {
  /** Number of workers (default: the number of CPUs). */
  workers?: number;
  /** Stacks with fewer items run on one worker (default 256). */
  minItemsPerWorker?: number;
}

/** A worker pool: the stacked functions, and `close()`. */
export interface Pool {
  /** Inverse of each matrix of a stack `(k, ..., m, m)`. */
  inv(a: ArrayLike): Promise<NDArray>;
  /** Determinant of each matrix of a stack. */
  det(a: ArrayLike): Promise<NDArray>;
  /** Solves each system of a stack; `b` has the stack's leading shape (no broadcasting of b). */
  solve(a: ArrayLike, b: ArrayLike): Promise<NDArray>;
  /** Cholesky factor of each matrix of a stack. */
  cholesky(a: ArrayLike): Promise<NDArray>;
  /** Number of workers. */
  readonly size: number;
  /** Stops the workers. */
  close(): void;
}

interface Shared {
  sab: SharedArrayBuffer;
  dtype: DType;
  shape: number[];
}

function share(a: NDArray): Shared {
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
 * Starts a pool of workers for stacked linear algebra.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createPool } from "./pool.ts";
 * const pool = createPool({ workers: 2, minItemsPerWorker: 1 });
 * try {
 *   const r = await pool.det([[[2, 0], [0, 3]], [[1, 2], [3, 4]]]);
 *   assert.deepEqual(r.toArray().map((x: number) => Math.round(x)), [6, -2]);
 * } finally {
 *   pool.close();
 * }
 * ```
 */
export function createPool(options: PoolOptions = {}): Pool {
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

  async function run(name: Name, inputs: ArrayLike[]): Promise<NDArray> {
    if (closed) throw new Error("The pool is closed");
    // One small synchronous call on the first item finds the result's dtype and core shape,
    // and raises the caller's shape errors here, before any worker starts.
    const arrays = inputs.map((x, i) => {
      // A forged or tampered NDArray is refused before it is copied or shared.
      if (x instanceof NDArray) checkNDArray(x, i, `pool.${name}`);
      return asarray(x);
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
    const linalg = await import("./linalg/mod.ts");
    // deno-lint-ignore no-explicit-any
    const f = (linalg as any)[name] as (...a: unknown[]) => NDArray;
    if (k === 0) return f(...arrays);
    const probe = f(...arrays.map((x) => slice0(x)), { errors: "nan" });
    const outDType = probe.dtype;
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

  return {
    size,
    inv: (a) => run("inv", [a]),
    det: (a) => run("det", [a]),
    solve: (a, b) => run("solve", [a, b]),
    cholesky: (a) => run("cholesky", [a]),
    close() {
      closed = true;
      for (const w of workers) w.terminate();
    },
  };
}

function slice0(x: NDArray): NDArray {
  const per = x.shape.slice(1);
  const n = per.reduce((p, d) => p * d, 1);
  const data = allocData(x.dtype, n);
  const c = x.copy("C");
  data.set(c.data.subarray(0, n * floatsPerItem(x.dtype)));
  return new NDArray(data, x.dtype, per);
}
