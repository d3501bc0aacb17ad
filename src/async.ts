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
import type { NDArray } from "./ndarray.ts";
import { asarray, isNDArray } from "./ndarray.ts";
import type { ArrayLike } from "./ndarray.ts";
import { LinAlgError } from "./errors.ts";
import { decode, encode } from "./_wire.ts";
import type * as Linalg from "./linalg/mod.ts";

/** The functions available asynchronously. */
export const ASYNC_FUNCTIONS = [
  "inv", "solve", "det", "slogdet", "cholesky", "qr", "eig", "eigvals", "eigh", "eigvalsh",
] as const;

type Name = typeof ASYNC_FUNCTIONS[number];
type Fn<K extends Name> = (typeof Linalg)[K];

/** `linalg.async`: each function takes the same arguments and returns a Promise. */
export type AsyncLinalg = { [K in Name]: (...args: Parameters<Fn<K>>) => Promise<ReturnType<Fn<K>>> };

// deno-lint-ignore no-explicit-any
const G = globalThis as any;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

// deno-lint-ignore no-explicit-any
let worker: any;
let nextId = 1;
const pending = new Map<number, Pending>();
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function workerUrl(): URL {
  const ext = import.meta.url.endsWith(".js") ? ".js" : ".ts";
  return new URL(`./_worker${ext}`, import.meta.url);
}

function onMessage(msg: { id: number; result?: unknown; error?: { name: string; message: string } }): void {
  const p = pending.get(msg.id);
  if (p === undefined) return;
  pending.delete(msg.id);
  if (msg.error) {
    const E = msg.error.name === "LinAlgError"
      ? LinAlgError
      : msg.error.name === "TypeError"
      ? TypeError
      : msg.error.name === "RangeError"
      ? RangeError
      : Error;
    const e = new E(msg.error.message);
    if (E === Error) e.name = msg.error.name;
    p.reject(e);
  } else {
    p.resolve(decode(msg.result));
  }
  if (pending.size === 0) scheduleStop();
}

function fail(error: unknown): void {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
  stop();
}

function start(): void {
  if (worker !== undefined) return;
  if (G.Deno !== undefined || G.Bun !== undefined) {
    worker = new G.Worker(workerUrl(), { type: "module" });
    worker.onmessage = (e: MessageEvent) => onMessage(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      fail(new Error(`The dlapack worker failed: ${e.message}`));
    };
  } else {
    const { Worker } = G.process.getBuiltinModule("node:worker_threads");
    worker = new Worker(workerUrl());
    worker.on("message", onMessage);
    worker.on("error", (e: Error) => fail(new Error(`The dlapack worker failed: ${e.message}`, { cause: e })));
  }
}

function stop(): void {
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  idleTimer = undefined;
  worker?.terminate();
  worker = undefined;
}

function scheduleStop(): void {
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (pending.size === 0) stop();
  }, 200);
  // Do not keep the process alive for an idle worker.
  // deno-lint-ignore no-explicit-any
  const t = idleTimer as any;
  if (typeof t?.unref === "function") t.unref();
  else if (G.Deno?.unrefTimer && typeof t === "number") G.Deno.unrefTimer(t);
}

function call(name: Name, args: unknown[]): Promise<unknown> {
  const transfer: ArrayBuffer[] = [];
  const wire = args.map((a, i) => {
    if (i < args.length - 1 || isNDArray(a) || Array.isArray(a) || ArrayBuffer.isView(a) || typeof a === "number") {
      return encode(isNDArray(a) || typeof a !== "object" || a === null ? a : asarray(a as ArrayLike), transfer);
    }
    // the options object
    if (a !== undefined && a !== null && typeof a === "object" && "out" in a) {
      throw new TypeError(`linalg.async.${name}(): out is not supported asynchronously: the result is transferred back`);
    }
    return a;
  });
  start();
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, name, args: wire }, transfer);
  });
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
