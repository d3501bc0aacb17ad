/**
 * The contract every runtime adapter (Deno, Bun, Node) fulfils, and the choice of adapter.
 * Nothing here knows about LAPACK: it opens libraries and binds C functions.
 *
 * @module
 */

/** C types the symbol table uses. `ptr` arguments take typed arrays (pinned for the call). */
export type NativeType = "ptr" | "addr" | "i32" | "i64" | "u64" | "u8" | "f32" | "f64" | "void";

/** A C function's argument and return types. */
export interface NativeSignature {
  args: readonly NativeType[];
  ret: NativeType;
  /**
   * The `ptr` arguments are raw addresses from `Runtime.pointerOf` (the runtimes that have it),
   * not typed arrays: the routine table's bindings, whose every array argument goes through it.
   */
  raw?: boolean;
}

/** A callable C function. */
// deno-lint-ignore no-explicit-any
export type NativeFunction = (...args: any[]) => any;

/** One opened shared library. */
export interface NativeLibrary {
  /** The path or name it was opened with. */
  readonly path: string;
  /** Binds `name` with `sig`, or returns null when the library (and its dependencies) lack it. */
  fn(name: string, sig: NativeSignature, nonblocking?: boolean): NativeFunction | null;
  /** Whether the symbol resolves through this handle. */
  has(name: string): boolean;
  /** The symbol's address, or null. */
  address(name: string): bigint | null;
}

/** A runtime's FFI: open libraries, read C strings. */
export interface Runtime {
  readonly name: "deno" | "bun" | "node";
  /** Opens a library; throws an Error carrying the loader's own message. */
  open(path: string): NativeLibrary;
  /** Reads the NUL-terminated string at a pointer returned by a `ptr` function. */
  cstring(pointer: unknown): string | null;
  /** The value to pass for a `u64`/`i64` argument (BigInt where the runtime requires it). */
  int64(value: number): number | bigint;
  /** The value to pass for an `addr` argument. */
  addr(value: bigint): unknown;
  /** Reads a 64-bit address stored in a BigUint64Array slot into an `addr`-compatible value. */
  loadPointer(source: BigUint64Array, index: number): bigint;
  /**
   * Node only: the address of a typed array's first element, for a `ptr` argument of a
   * function bound with `raw`. node:ffi converts a typed-array argument through two JS
   * wrappers and a native call per argument (0.2-0.5 us per LAPACK call); an address (BigInt)
   * goes straight through. A view's address is cached while its buffer is attached (V8 moves
   * an on-heap array's data off the heap at the first address taken, and never again).
   */
  pointerOf?(view: unknown): unknown;
}

/**
 * The runtime's permissions let dlapack open no LAPACK (Deno's `--allow-ffi` covers none of
 * the candidates; Node's `--permission` without `--allow-ffi`). The message names the flag to
 * grant, e.g. `--allow-ffi=/usr/lib/x86_64-linux-gnu/libopenblas.so.0`.
 *
 * @example Telling a permission problem from a missing library
 * ```ts
 * import assert from "node:assert/strict";
 * import { FfiPermissionError, linalg } from "jsr:@dlapack/dlapack";
 * try {
 *   assert.equal(Math.round(linalg.det([[4, 1], [2, 3]]).item() as number), 10);
 * } catch (e) {
 *   assert.ok(e instanceof FfiPermissionError);
 *   assert.match(e.message, /--allow-ffi/);
 * }
 * ```
 */
export class FfiPermissionError extends Error {
  /** Creates it with the runtime's message and the flags that fix it. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "FfiPermissionError";
  }
}

// deno-lint-ignore no-explicit-any
const g = globalThis as any;

/** Which runtime runs this code. */
export function runtimeName(): "deno" | "bun" | "node" {
  if (g.Bun !== undefined) return "bun";
  if (g.Deno !== undefined && typeof g.Deno.dlopen === "function") return "deno";
  return "node";
}

/** A loader's message on one line, without its final period (Windows' end in ".\r\n"). */
export function oneLine(message: string): string {
  return message.replace(/\s+/g, " ").trim().replace(/\.$/, "");
}
