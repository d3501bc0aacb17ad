/**
 * The Deno adapter: `Deno.dlopen` with `buffer` parameters (typed arrays are passed as
 * pointers for the duration of the call, so nothing has to be pinned by hand).
 *
 * @module
 */
import type { NativeLibrary, NativeSignature, NativeType, Runtime } from "./runtime.ts";
import { FfiPermissionError } from "./runtime.ts";

// deno-lint-ignore no-explicit-any
const D = (globalThis as any).Deno;

const ARG: Record<NativeType, string> = {
  ptr: "buffer",
  addr: "pointer",
  i32: "i32",
  i64: "i64",
  u64: "usize",
  u8: "u8",
  f32: "f32",
  f64: "f64",
  void: "void",
};
const RET: Record<NativeType, string> = { ...ARG, ptr: "pointer" };

function wrapOpenError(path: string, e: unknown): Error {
  const err = e as Error;
  if (err?.name === "NotCapable" || err?.name === "PermissionDenied") {
    return new FfiPermissionError(
      `Deno denied FFI access to ${path}: run with --allow-ffi (and --allow-env --allow-read so the detector can read DLAPACK_LIBRARY and look for libraries), e.g. deno run --allow-ffi --allow-env --allow-read main.ts`,
      { cause: e },
    );
  }
  return new Error(String(err?.message ?? e).replace(/^(Could not open library: )+/, ""), {
    cause: e,
  });
}

class DenoLibrary implements NativeLibrary {
  readonly path: string;
  // deno-lint-ignore no-explicit-any
  readonly #handles: any[] = [];
  constructor(path: string) {
    this.path = path;
    try {
      this.#handles.push(D.dlopen(path, {}));
    } catch (e) {
      throw wrapOpenError(path, e);
    }
  }
  fn(name: string, sig: NativeSignature, nonblocking = false) {
    const h = D.dlopen(this.path, {
      f: {
        name,
        parameters: sig.args.map((t) => ARG[t]),
        result: RET[sig.ret],
        optional: true,
        nonblocking,
      },
    });
    if (h.symbols.f === null) {
      h.close();
      return null;
    }
    this.#handles.push(h);
    return h.symbols.f;
  }
  has(name: string): boolean {
    return this.address(name) !== null;
  }
  address(name: string): bigint | null {
    const h = D.dlopen(this.path, { s: { name, type: "pointer", optional: true } });
    const p = h.symbols.s;
    const v = p === null ? null : BigInt(D.UnsafePointer.value(p));
    h.close();
    return v;
  }
}

/** The Deno runtime adapter. */
export const denoRuntime: Runtime = {
  name: "deno",
  open: (path: string): NativeLibrary => new DenoLibrary(path),
  cstring(pointer: unknown): string | null {
    return pointer === null ? null : new D.UnsafePointerView(pointer).getCString();
  },
  int64: (v: number): bigint => BigInt(v),
  addr: (v: bigint): unknown => D.UnsafePointer.create(v),
  loadPointer: (s: BigUint64Array, i: number): bigint => s[i],
};
