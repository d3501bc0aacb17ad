// The background worker of `linalg.async`: runs one linalg call per message, in order.
import * as linalg from "./linalg/mod.ts";
import { decode, encode } from "./_wire.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
// deno-lint-ignore no-explicit-any
const port: any = G.Deno !== undefined || G.Bun !== undefined
  ? null
  : G.process.getBuiltinModule("node:worker_threads").parentPort;

// deno-lint-ignore no-explicit-any
function handle(msg: { id: number; name: string; args: unknown[] }): [any, ArrayBuffer[]] {
  const transfer: ArrayBuffer[] = [];
  try {
    // deno-lint-ignore no-explicit-any
    const f = (linalg as any)[msg.name];
    const result = f(...msg.args.map(decode));
    return [{ id: msg.id, result: encode(result, transfer) }, transfer];
  } catch (e) {
    const err = e as Error;
    return [{ id: msg.id, error: { name: err?.name ?? "Error", message: String(err?.message ?? e) } }, []];
  }
}

if (port) {
  port.on("message", (msg: { id: number; name: string; args: unknown[] }) => {
    const [reply, transfer] = handle(msg);
    port.postMessage(reply, transfer);
  });
} else {
  G.onmessage = (e: MessageEvent) => {
    const [reply, transfer] = handle(e.data);
    G.postMessage(reply, transfer);
  };
}
