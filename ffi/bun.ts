/**
 * The Bun adapter: `bun:ffi` with `ptr` arguments. Typed arrays are converted to pointers at
 * call time; a `ptr()` of a small typed array is never kept, because Bun may move it.
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
import { oneLine } from "./runtime.ts";

// deno-lint-ignore no-explicit-any
let ffi: any;
// deno-lint-ignore no-explicit-any
function B(): any {
  // deno-lint-ignore no-explicit-any
  return ffi ??= (globalThis as any).process.getBuiltinModule("bun:ffi");
}

const TYPE: Record<NativeType, string> = {
  ptr: "ptr",
  addr: "ptr",
  i32: "i32",
  i64: "i64",
  u64: "u64",
  u8: "u8",
  f32: "f32",
  f64: "f64",
  void: "void",
};
const PROBE = "dlapack_no_such_symbol__";

class BunLibrary implements NativeLibrary {
  readonly path: string;
  constructor(path: string) {
    this.path = path;
    try {
      B().dlopen(path, { [PROBE]: { args: [], returns: "void" } });
    } catch (e) {
      const msg = String((e as Error)?.message ?? e);
      if (!msg.includes(PROBE)) {
        throw new Error(oneLine(msg.replace(/^Failed to open library "[^"]*": /, "")), {
          cause: e,
        });
      }
    }
  }
  fn(name: string, sig: NativeSignature): NativeFunction | null {
    try {
      const h = B().dlopen(this.path, {
        [name]: { args: sig.args.map((t) => TYPE[t]), returns: TYPE[sig.ret] },
      });
      return h.symbols[name];
    } catch {
      return null;
    }
  }
  has(name: string): boolean {
    return this.address(name) !== null;
  }
  address(name: string): bigint | null {
    try {
      const h = B().dlopen(this.path, { [name]: { args: [], returns: "void" } });
      const p = BigInt(h.symbols[name].ptr);
      h.close();
      return p;
    } catch {
      return null;
    }
  }
}

/** The Bun runtime adapter. */
export const bunRuntime: Runtime = {
  name: "bun",
  open: (path: string): NativeLibrary => new BunLibrary(path),
  cstring(pointer: unknown): string | null {
    return pointer === null || pointer === 0 ? null : new (B().CString)(pointer).toString();
  },
  int64: (v: number): number => v,
  addr: (v: bigint): number => Number(v),
  loadPointer: (s: BigUint64Array, i: number): bigint => s[i],
};
