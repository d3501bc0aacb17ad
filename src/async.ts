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
import type { OptionKeys } from "./_options.ts";
import { checkOptions, optionKeys } from "./_options.ts";
import { registered, registeredNames } from "./linalg/_registry.ts";

/**
 * The asynchronous version of a table of functions: each takes the same arguments and returns a
 * Promise of the same result (`linalg.async`'s type).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const run: linalg.AsyncOf<{ det: typeof linalg.det }> = linalg.async;
 * assert.equal((await run.det([[2, 0], [0, 3]])).item(), 6);
 * ```
 */
export type AsyncOf<T> = {
  // An overloaded function runs off the main thread in its last form (its most general one;
  // `eigh(a, b, options)` is declared before `eigh(a, options)` for this).
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R>
    : never;
};

/** Each function's option keys less `out` (results are transferred back), made on first use. */
const ASYNC_KEYS: Record<string, OptionKeys> = Object.create(null);

function asyncKeys(name: string, keys: OptionKeys): OptionKeys {
  return ASYNC_KEYS[name] ??= optionKeys(...keys.filter((k) => k !== "out"));
}

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

function call(name: string, args: unknown[]): Promise<unknown> {
  const transfer: ArrayBuffer[] = [];
  const { arrays, keys: all } = registered(name)!;
  const keys = asyncKeys(name, all);
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
 * Builds `linalg.async` from the functions registered so far (`linalg/_registry.ts`): called by
 * `linalg/mod.ts` once every family it imports has registered its own.
 */
export function asyncFunctions(): Record<string, (...args: unknown[]) => Promise<unknown>> {
  return Object.fromEntries(
    registeredNames().map((name) => [name, (...args: unknown[]) => {
      try {
        return call(name, args);
      } catch (e) {
        return Promise.reject(e);
      }
    }]),
  );
}
