/**
 * The Node adapter: Node 26's `node:ffi` (`--experimental-ffi`; `--allow-ffi` under the
 * permission model), with `buffer` arguments for typed arrays.
 *
 * @module
 */
import type {
  NativeFunction,
  NativeLibrary,
  NativeSignature,
  NativeType,
  Runtime,
} from "./runtime.ts";
import { FfiPermissionError, oneLine } from "./runtime.ts";

// deno-lint-ignore no-explicit-any
let F: any;
// deno-lint-ignore no-explicit-any
function ffi(): any {
  if (F === undefined) {
    // deno-lint-ignore no-explicit-any
    const p = (globalThis as any).process;
    try {
      F = p.getBuiltinModule("node:ffi");
    } catch (e) {
      F = undefined;
      throw new Error(
        `This Node.js (${p.version}) has no node:ffi: dlapack needs Node 26 or newer`,
        {
          cause: e,
        },
      );
    }
    if (F === undefined) {
      throw new Error(
        `This Node.js (${p.version}) has no node:ffi: dlapack needs Node 26 or newer, run with --experimental-ffi`,
      );
    }
  }
  return F;
}

const ARG: Record<NativeType, string> = {
  ptr: "buffer",
  addr: "pointer",
  i32: "i32",
  i64: "i64",
  u64: "u64",
  u8: "u8",
  f32: "f32",
  f64: "f64",
  void: "void",
};
const RET: Record<NativeType, string> = { ...ARG, ptr: "pointer" };

class NodeLibrary implements NativeLibrary {
  readonly path: string;
  // deno-lint-ignore no-explicit-any
  readonly #lib: any;
  constructor(path: string) {
    this.path = path;
    const f = ffi();
    try {
      this.#lib = new f.DynamicLibrary(path);
    } catch (e) {
      const err = e as Error & { code?: string };
      if (err?.code === "ERR_ACCESS_DENIED") {
        throw new FfiPermissionError(
          `Node denied FFI access: run with --allow-ffi under the permission model (and --experimental-ffi)`,
          { cause: e },
        );
      }
      throw new Error(oneLine(String(err?.message ?? e).replace(/^dlopen failed: /, "")), {
        cause: e,
      });
    }
  }
  fn(name: string, sig: NativeSignature): NativeFunction | null {
    if (!this.has(name)) return null;
    return this.#lib.getFunction(name, {
      arguments: sig.args.map((t) => (sig.raw && t === "ptr" ? "pointer" : ARG[t])),
      return: RET[sig.ret],
    });
  }
  has(name: string): boolean {
    return this.address(name) !== null;
  }
  address(name: string): bigint | null {
    try {
      return BigInt(this.#lib.getSymbol(name));
    } catch {
      return null;
    }
  }
}

/** The address of each buffer whose views were passed: valid while the buffer is attached. */
const addresses = new WeakMap<ArrayBufferLike, bigint>();

/**
 * The address of a typed array's first element (a `raw` function's `ptr` argument); anything
 * else (an address, null) is passed as it is. Cached per buffer, so the many small results
 * carved from one slab, and the views of one scratch block, cost one `getRawPointer` in all.
 * A detached view (byteLength 0) always asks again, and node:ffi's `getRawPointer` throws, as
 * for a `buffer` argument.
 */
function pointerOf(v: unknown): unknown {
  if (!ArrayBuffer.isView(v)) return v ?? 0n;
  if (v.byteLength !== 0) {
    const base = addresses.get(v.buffer);
    if (base !== undefined) return v.byteOffset === 0 ? base : base + BigInt(v.byteOffset);
  }
  const p = ffi().getRawPointer(v) as bigint;
  if (v.byteLength !== 0) addresses.set(v.buffer, p - BigInt(v.byteOffset));
  return p;
}

/** The Node runtime adapter. */
export const nodeRuntime: Runtime = {
  name: "node",
  open: (path: string): NativeLibrary => new NodeLibrary(path),
  cstring(pointer: unknown): string | null {
    return pointer === null || pointer === 0n ? null : ffi().toString(pointer);
  },
  int64: (v: number): bigint => BigInt(v),
  addr: (v: bigint): bigint => v,
  loadPointer: (s: BigUint64Array, i: number): bigint => s[i],
  pointerOf,
};
