/**
 * Starting dlapack's worker (src/_worker.ts) in Deno, Bun or Node, and talking to it with
 * request/response messages.
 *
 * @module
 */
import { LinAlgError } from "./errors.ts";
import { loadedQuirks } from "../ffi/backend.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;

/** A running worker. */
export interface WorkerHandle {
  /** Sends one message and resolves with the worker's reply (rejects with its error). */
  // deno-lint-ignore no-explicit-any
  request(message: Record<string, unknown>, transfer?: ArrayBuffer[]): Promise<any>;
  /** Stops it; pending requests are rejected. */
  terminate(): void;
  /** Lets the process exit while it is idle (Node and Bun; Deno has no such call). */
  unref(): void;
}

/** The number of CPUs. */
export function cpuCount(): number {
  try {
    return G.navigator?.hardwareConcurrency ?? G.process.getBuiltinModule("node:os").cpus().length;
  } catch {
    return 1;
  }
}

function workerUrl(): URL {
  const ext = import.meta.url.endsWith(".js") ? ".js" : ".ts";
  return new URL(`./_worker${ext}`, import.meta.url);
}

/**
 * Refuses, with the flag to grant, a worker the runtime's permissions would not start: Deno
 * loads a worker's modules only with read access to them (dlapack's folder, when it is local).
 */
function checkWorkerPermission(url: URL): void {
  if (G.Deno === undefined || G.Bun !== undefined || url.protocol !== "file:") return;
  const root = new URL("..", url); // the worker imports src/ and ffi/
  let state = "granted";
  try {
    state = G.Deno.permissions.querySync({ name: "read", path: root }).state;
  } catch { /* no permissions API: let the worker try */ }
  if (state === "granted") return;
  let path = decodeURIComponent(root.pathname);
  if (G.Deno.build?.os === "windows") path = path.slice(1).replaceAll("/", "\\");
  throw new Error(
    `The async functions of dlapack run in a Web Worker, which Deno starts only with read access to dlapack's modules: grant --allow-read=${path}`,
  );
}

/** Starts a worker. */
export function spawnWorker(): WorkerHandle {
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  let idleUnref = false;
  const onMessage = (msg: { id: number; error?: { name: string; message: string } }) => {
    const p = pending.get(msg.id);
    if (p === undefined) return;
    pending.delete(msg.id);
    if (pending.size === 0 && idleUnref) w.unref?.();
    if (msg.error) p.reject(rebuildError(msg.error));
    else p.resolve(msg);
  };
  const fail = (e: unknown) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  // deno-lint-ignore no-explicit-any
  let w: any;
  if (G.Deno !== undefined || G.Bun !== undefined) {
    checkWorkerPermission(workerUrl());
    w = new G.Worker(workerUrl(), { type: "module" });
    w.onmessage = (e: MessageEvent) => onMessage(e.data);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      fail(new Error(`The dlapack worker failed: ${e.message}`));
    };
  } else {
    const { Worker } = G.process.getBuiltinModule("node:worker_threads");
    // A big stack for OpenBLAS before 0.3.24 (or a library not loaded yet): its threaded getrf
    // takes about 0.5 MB of stack per recursion level, more than the 4 MB default of Node's
    // worker threads allows for large matrices.
    const big = loadedQuirks()?.getrfStack !== false;
    try {
      w = new Worker(workerUrl(), big ? { resourceLimits: { stackSizeMb: 64 } } : {});
    } catch (e) {
      if ((e as { code?: string })?.code !== "ERR_ACCESS_DENIED") throw e;
      throw new Error(
        "The async functions of dlapack run in a worker thread, which Node's --permission starts only with --allow-worker: add --allow-worker",
        { cause: e },
      );
    }
    w.on("message", onMessage);
    w.on(
      "error",
      (e: Error) => fail(new Error(`The dlapack worker failed: ${e.message}`, { cause: e })),
    );
  }
  return {
    request(message, transfer = []) {
      const id = nextId++;
      w.ref?.(); // keep the process alive while a request is pending
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ ...message, id }, transfer);
      });
    },
    terminate() {
      fail(new Error("The dlapack worker was stopped"));
      w.terminate();
    },
    unref() {
      idleUnref = true;
      if (pending.size === 0) w.unref?.();
    },
  };
}

/** Rebuilds an error that crossed from the worker with its class. */
export function rebuildError(e: { name: string; message: string }): Error {
  const E = e.name === "LinAlgError"
    ? LinAlgError
    : e.name === "TypeError"
    ? TypeError
    : e.name === "RangeError"
    ? RangeError
    : Error;
  const err = new E(e.message);
  if (E === Error) err.name = e.name;
  return err;
}
