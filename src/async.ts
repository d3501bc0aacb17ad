/**
 * `linalg.async`: the expensive functions run off the main thread, so a server's event loop
 * keeps answering while a 2000x2000 `eigh` runs. One background worker (a Web Worker in Deno
 * and Bun, a `worker_threads` Worker in Node) takes the calls in order; it starts on first use
 * and stops when idle.
 *
 * Inputs are copied when the call starts, so changing them while the call runs cannot change
 * its result; outputs come back by transfer (no second copy).
 *
 * @module
 */
import { asarray, isNDArray, NDArray } from "./ndarray.ts";
import type { ArrayLike } from "./ndarray.ts";
import { decode, encode } from "./_wire.ts";
import { checkNDArray } from "./gufunc.ts";
import { spawnWorker } from "./_spawn.ts";
import type { WorkerHandle } from "./_spawn.ts";
import type * as Linalg from "./linalg/mod.ts";
import type { OptionKeys } from "./_options.ts";
import { checkOptions, optionKeys } from "./_options.ts";
import { INV_KEYS, SOLVE_KEYS } from "./linalg/solve.ts";
import { DET_KEYS, SLOGDET_KEYS } from "./linalg/det.ts";
import { CHOLESKY_KEYS, QR_KEYS } from "./linalg/decomp.ts";
import { EIG_KEYS, EIGH_KEYS, EIGVALS_KEYS, EIGVALSH_KEYS } from "./linalg/eig.ts";

/** The functions available asynchronously. */
export const ASYNC_FUNCTIONS = [
  "inv",
  "solve",
  "det",
  "slogdet",
  "cholesky",
  "qr",
  "eig",
  "eigvals",
  "eigh",
  "eigvalsh",
] as const;

type Name = typeof ASYNC_FUNCTIONS[number];
type Fn<K extends Name> = (typeof Linalg)[K];

/**
 * Each function's options: the synchronous function's less `out` (results are transferred
 * back, not written into an array), after how many array arguments they come.
 */
const SIGNATURES: Record<Name, { arrays: number; keys: OptionKeys }> = {
  inv: signature(1, INV_KEYS),
  solve: signature(2, SOLVE_KEYS),
  det: signature(1, DET_KEYS),
  slogdet: signature(1, SLOGDET_KEYS),
  cholesky: signature(1, CHOLESKY_KEYS),
  qr: signature(1, QR_KEYS),
  eig: signature(1, EIG_KEYS),
  eigvals: signature(1, EIGVALS_KEYS),
  eigh: signature(1, EIGH_KEYS),
  eigvalsh: signature(1, EIGVALSH_KEYS),
};

function signature(arrays: number, keys: OptionKeys): { arrays: number; keys: OptionKeys } {
  return { arrays, keys: optionKeys(...[...keys].filter((k) => k !== "out")) };
}

/** `linalg.async`: each function takes the same arguments and returns a Promise. */
export type AsyncLinalg = {
  [K in Name]: (...args: Parameters<Fn<K>>) => Promise<ReturnType<Fn<K>>>;
};

// One worker for every async call, started on first use and stopped when idle.
let worker: WorkerHandle | undefined;
let inFlight = 0;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function done(): void {
  if (--inFlight > 0) return;
  idleTimer = setTimeout(() => {
    if (inFlight === 0) {
      worker?.terminate();
      worker = undefined;
    }
  }, 200);
  // An idle worker must not keep the process alive.
  // deno-lint-ignore no-explicit-any
  const t = idleTimer as any;
  // deno-lint-ignore no-explicit-any
  const D = (globalThis as any).Deno;
  if (typeof t?.unref === "function") t.unref();
  else if (D?.unrefTimer && typeof t === "number") D.unrefTimer(t);
}

function call(name: Name, args: unknown[]): Promise<unknown> {
  const transfer: ArrayBuffer[] = [];
  const { arrays, keys } = SIGNATURES[name];
  const wire = args.map((a, i) => {
    if (i === arrays) {
      // The options object: checked here, so that the message names linalg.async.
      if (a !== undefined && a !== null && typeof a === "object" && "out" in a) {
        throw new TypeError(
          `Unsupported option out for linalg.async.${name}(): the result is transferred back, not written into an array`,
        );
      }
      checkOptions(a as object | undefined, `linalg.async.${name}`, keys);
    }
    // A forged or tampered NDArray is refused before it is copied for the worker.
    if (a instanceof NDArray) checkNDArray(a, i, `linalg.async.${name}`);
    if (
      i < args.length - 1 || isNDArray(a) || Array.isArray(a) || ArrayBuffer.isView(a) ||
      typeof a === "number"
    ) {
      return encode(
        isNDArray(a) || typeof a !== "object" || a === null ? a : asarray(a as ArrayLike),
        transfer,
      );
    }
    return a; // the options object
  });
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  worker ??= spawnWorker();
  inFlight++;
  return worker.request({ name, args: wire }, transfer).then(
    (reply) => {
      done();
      return decode(reply.result);
    },
    (e) => {
      done();
      throw e;
    },
  );
}

/**
 * The asynchronous linalg functions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "../mod.ts";
 * const { eigenvalues } = await linalg.async.eigh([[2, 0], [0, 1]]);
 * assert.deepEqual(eigenvalues.toArray(), [1, 2]);
 * ```
 */
export const async: AsyncLinalg = Object.fromEntries(
  ASYNC_FUNCTIONS.map((name) => [name, (...args: unknown[]) => {
    try {
      return call(name, args);
    } catch (e) {
      return Promise.reject(e);
    }
  }]),
) as AsyncLinalg;

export type { NDArray };
