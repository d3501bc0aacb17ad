// dlapack's background worker: runs linalg calls for `linalg.async` (one call per message,
// arrays copied in and transferred out) and slices of stacks for `createPool` (views on
// SharedArrayBuffers, results written straight into the shared output).
// linalg/mod.ts loads every family, and each registers its functions (linalg/_registry.ts).
import "./linalg/mod.ts";
import { registered } from "./linalg/_registry.ts";
import { decode, encode } from "./_wire.ts";
import { floatsPerItem } from "./dtype.ts";
import type { DType } from "./dtype.ts";
import { NDArray } from "./ndarray.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
// deno-lint-ignore no-explicit-any
const port: any = G.Deno !== undefined || G.Bun !== undefined
  ? null
  : G.process.getBuiltinModule("node:worker_threads").parentPort;

interface Shared {
  sab: SharedArrayBuffer;
  dtype: DType;
  shape: number[];
}

/** The items [from, to) of a shared stack, as a view (no copy). */
function view(s: Shared, from: number, to: number): NDArray {
  const per = s.shape.slice(1).reduce((p, d) => p * d, 1) * floatsPerItem(s.dtype);
  const single = s.dtype === "float32" || s.dtype === "complex64";
  const start = from * per;
  const data = single
    ? new Float32Array(s.sab, start * 4, (to - from) * per)
    : new Float64Array(s.sab, start * 8, (to - from) * per);
  return new NDArray(data, s.dtype, [to - from, ...s.shape.slice(1)]);
}

// deno-lint-ignore no-explicit-any
function handle(msg: any): [any, ArrayBuffer[]] {
  const transfer: ArrayBuffer[] = [];
  const fn = (name: string) => {
    const r = registered(name);
    if (r === undefined) throw new TypeError(`Unknown function for the worker: ${String(name)}`);
    return r.fn;
  };
  try {
    if (msg.pool) {
      const { name, inputs, out, from, to } = msg.pool;
      try {
        fn(name)(...inputs.map((s: Shared) => view(s, from, to)), { out: view(out, from, to) });
      } catch (e) {
        const err = e as Error;
        if (err?.name !== "LinAlgError") throw e;
        // Renumber "item i of the stack" from this slice to the whole stack.
        const m = /item \(?(\d+)/.exec(err.message);
        const item = m ? from + Number(m[1]) : from;
        const message = m ? err.message.replace(/item (\(?)(\d+)/, `item $1${item}`) : err.message;
        return [{ id: msg.id, failed: { item, message } }, []];
      }
      return [{ id: msg.id }, []];
    }
    const result = fn(msg.name)(...msg.args.map(decode));
    return [{ id: msg.id, result: encode(result, transfer) }, transfer];
  } catch (e) {
    const err = e as Error;
    return [{
      id: msg.id,
      error: { name: err?.name ?? "Error", message: String(err?.message ?? e) },
    }, []];
  }
}

if (port) {
  // deno-lint-ignore no-explicit-any
  port.on("message", (msg: any) => {
    const [reply, transfer] = handle(msg);
    port.postMessage(reply, transfer);
  });
} else {
  G.onmessage = (e: MessageEvent) => {
    const [reply, transfer] = handle(e.data);
    G.postMessage(reply, transfer);
  };
}
