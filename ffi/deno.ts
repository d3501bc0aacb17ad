/**
 * The Deno adapter: `Deno.dlopen` with `buffer` parameters (typed arrays are passed as
 * pointers for the duration of the call, so nothing has to be pinned by hand).
 *
 * Least privilege: a scoped `--allow-ffi=<library>` lets Deno open that library and call its
 * functions, but not use `Deno.UnsafePointer`/`UnsafePointerView` (they need unscoped
 * `--allow-ffi`). So nothing here needs them when the scope is all there is: a symbol's
 * presence is a null check, a symbol's address comes back from libc's `memmove(p, p, 0)`, an
 * address is passed as a `usize`, and a C string is copied by libc's `strncpy` into a buffer,
 * libc being reached through the opened library itself (the loader searches its
 * dependencies). Permissions are queried before use, so Deno never prompts.
 *
 * @module
 */
import type { NativeLibrary, NativeSignature, NativeType, Runtime } from "./runtime.ts";
import { FfiPermissionError, oneLine } from "./runtime.ts";

// deno-lint-ignore no-explicit-any
const D = (globalThis as any).Deno;

const ARG: Record<NativeType, string> = {
  ptr: "buffer",
  addr: "usize",
  i32: "i32",
  i64: "i64",
  u64: "usize",
  u8: "u8",
  f32: "f32",
  f64: "f64",
  void: "void",
};
const RET: Record<NativeType, string> = { ...ARG, ptr: "pointer" };

/** A permission Deno can be asked about, as `Deno.permissions.querySync` takes it. */
export type DenoPermission =
  | { name: "ffi"; path?: string }
  | { name: "read"; path?: string }
  | { name: "env"; variable?: string };

/**
 * Whether Deno grants a permission right now, asked without prompting (a prompt counts as
 * no: a library must not stop a program to ask).
 */
export function denoAllows(permission: DenoPermission): boolean {
  try {
    return D.permissions.querySync(permission).state === "granted";
  } catch {
    return false;
  }
}

/** The message of a denied library, naming the flag that allows it. */
function deniedMessage(path: string): string {
  return /[\\/]/.test(path)
    ? `Deno's FFI permission does not cover ${path}: grant it with --allow-ffi=${path}`
    : `Deno's FFI permission does not cover the bare name ${path} (a scope names a path): grant --allow-ffi, or the library's full path with --allow-ffi=<path>`;
}

function wrapOpenError(path: string, e: unknown): Error {
  const err = e as Error;
  if (err?.name === "NotCapable" || err?.name === "PermissionDenied") {
    return new FfiPermissionError(deniedMessage(path), { cause: e });
  }
  return new Error(oneLine(String(err?.message ?? e).replace(/^(Could not open library: )+/, "")), {
    cause: e,
  });
}

/** Whether pointers may be read directly (unscoped --allow-ffi), asked once. */
let unscoped: boolean | undefined;
const pointersAllowed = () => (unscoped ??= denoAllows({ name: "ffi" }));

/** Paths opened so far: libc's helpers are looked up through them. */
const opened: string[] = [];

// deno-lint-ignore no-explicit-any
type Helpers = { copyFrom: any; copyFromAddress: any; identity: any };
let helpers: Helpers | null | undefined;

/** libc's strncpy and memmove, reached through an opened library, or null (e.g. Windows). */
function libc(): Helpers | null {
  if (helpers) return helpers;
  for (const path of opened) {
    try {
      const h = D.dlopen(path, {
        copyFrom: {
          name: "strncpy",
          parameters: ["buffer", "pointer", "usize"],
          result: "void",
          optional: true,
        },
        copyFromAddress: {
          name: "strncpy",
          parameters: ["buffer", "usize", "usize"],
          result: "void",
          optional: true,
        },
        identity: {
          name: "memmove",
          parameters: ["pointer", "pointer", "usize"],
          result: "usize",
          optional: true,
        },
      });
      if (h.symbols.copyFrom !== null && h.symbols.identity !== null) {
        return (helpers = h.symbols as Helpers);
      }
      h.close();
    } catch { /* try the next */ }
  }
  return null;
}

function needsUnscoped(what: string): FfiPermissionError {
  return new FfiPermissionError(
    `Deno's scoped --allow-ffi does not allow ${what}, and libc could not be reached through the library: grant --allow-ffi (unscoped)`,
  );
}

class DenoLibrary implements NativeLibrary {
  readonly path: string;
  // deno-lint-ignore no-explicit-any
  readonly #handles: any[] = [];
  constructor(path: string) {
    this.path = path;
    // Asked first, so that Deno does not prompt for every candidate of the search.
    if (!denoAllows({ name: "ffi", path })) throw new FfiPermissionError(deniedMessage(path));
    try {
      this.#handles.push(D.dlopen(path, {}));
    } catch (e) {
      throw wrapOpenError(path, e);
    }
    opened.push(path);
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
  #symbol(name: string) {
    const h = D.dlopen(this.path, { s: { name, type: "pointer", optional: true } });
    return { h, p: h.symbols.s };
  }
  has(name: string): boolean {
    const { h, p } = this.#symbol(name);
    h.close();
    return p !== null;
  }
  address(name: string): bigint | null {
    const { h, p } = this.#symbol(name);
    try {
      if (p === null) return null;
      if (pointersAllowed()) return BigInt(D.UnsafePointer.value(p));
      const c = libc();
      if (c === null) throw needsUnscoped("reading a symbol's address");
      return BigInt(c.identity(p, p, 0));
    } finally {
      h.close();
    }
  }
}

const MAX_CSTRING = 4096;

/** The Deno runtime adapter. */
export const denoRuntime: Runtime = {
  name: "deno",
  open: (path: string): NativeLibrary => new DenoLibrary(path),
  cstring(pointer: unknown): string | null {
    if (pointer === null || pointer === 0n || pointer === 0) return null;
    const address = typeof pointer === "bigint" || typeof pointer === "number";
    if (pointersAllowed()) {
      const p = address ? D.UnsafePointer.create(BigInt(pointer as bigint)) : pointer;
      return new D.UnsafePointerView(p).getCString();
    }
    const c = libc();
    if (c === null) throw needsUnscoped("reading a C string");
    const buf = new Uint8Array(MAX_CSTRING + 1);
    (address ? c.copyFromAddress : c.copyFrom)(buf, pointer, MAX_CSTRING);
    return new TextDecoder().decode(buf.subarray(0, buf.indexOf(0)));
  },
  int64: (v: number): bigint => BigInt(v),
  addr: (v: bigint): bigint => v,
  loadPointer: (s: BigUint64Array, i: number): bigint => s[i],
};
