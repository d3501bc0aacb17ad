/**
 * The two ABIs behind one column-major kernel contract.
 *
 * Every routine of `routines.ts` becomes a JS function taking its Fortran arguments in order,
 * without INFO, and returning INFO (or the BLAS function's value): integers as numbers,
 * characters as one-letter strings, real scalars as numbers, arrays and BLAS scalars as typed
 * arrays. For example `dgetrf(m, n, a, lda, ipiv)`.
 *
 * - Fortran ABI (default): every argument by reference. Integers, characters and real
 *   scalars go through small preallocated blocks reused by every call (no allocation per
 *   call); a hidden `size_t` length of 1 is appended for each CHARACTER argument. ILP64
 *   integers are written as two 32-bit words, so no BigInt is made on the hot path.
 * - LAPACKE ABI: `LAPACKE_x_work(LAPACK_COL_MAJOR, ...)` with scalars by value; the work
 *   variant with column-major layout adds no transposes and no allocation.
 *
 * The functions are generated once per routine (`new Function`), so a call is one native
 * call plus a few typed-array stores.
 *
 * @module
 */
import type { NativeFunction, NativeLibrary, NativeType, Runtime } from "./runtime.ts";
import type { Routine } from "./declare.ts";
import type { Naming } from "./symbols.ts";
import { fortranName, lapackeName } from "./symbols.ts";

/** Which calling convention a backend uses. */
export type Abi = "fortran" | "lapacke";

/** Everything `bindRoutine` needs to know about the library. */
export interface BindTarget {
  runtime: Runtime;
  lib: NativeLibrary;
  /** Where BLAS routines come from when `lib` lacks them (Windows does not search a DLL's
   * dependencies: vcpkg's lapack.dll gets its BLAS from openblas.dll). */
  blasLib?: NativeLibrary;
  abi: Abi;
  naming: Naming;
  intWidth: 32 | 64;
}

const LAPACK_COL_MAJOR = 102;

/** The C symbol name and native signature of a routine under a target's ABI. */
export function nativeSymbol(
  r: Routine,
  t: BindTarget,
): { symbol: string; args: NativeType[]; ret: NativeType } {
  const int: NativeType = t.intWidth === 64 ? "i64" : "i32";
  const real: NativeType = r.double ? "f64" : "f32";
  const ret: NativeType = r.ret === "real" ? real : r.ret === "int" ? "i32" : "void";
  if (t.abi === "lapacke" && r.family === "lapack") {
    const args: NativeType[] = ["i32"];
    for (const k of r.kinds) {
      if (k === "info") continue;
      args.push(k === "i" ? int : k === "c" ? "u8" : k === "r" ? real : "ptr");
    }
    return { symbol: lapackeName(r.name, t.intWidth), args, ret: int };
  }
  const args: NativeType[] = r.kinds.map(() => "ptr");
  for (const k of r.kinds) if (k === "c") args.push("u64");
  return { symbol: fortranName(r.name, t.naming), args, ret };
}

// 128 one-byte views, one per ASCII code, shared by every routine: CHARACTER arguments.
let charViews: Uint8Array[] | undefined;
function chars(): Uint8Array[] {
  if (charViews === undefined) {
    const block = new Uint8Array(new ArrayBuffer(128));
    charViews = [];
    for (let i = 0; i < 128; i++) {
      block[i] = i;
      charViews.push(block.subarray(i, i + 1));
    }
  }
  return charViews;
}

let charAddresses: unknown[] | undefined;

/** No array: a raw binding's per-argument cache before its first call (never matches). */
const NONE = new Uint8Array(0);
/** The largest buffer a raw binding's per-argument cache keeps alive between calls. */
const KEEP_BYTES = 32768;

/**
 * What a raw binding's per-argument cache may hold after a call with `v`: `v` itself when it is
 * a view of a small buffer (a plan's pivots, workspace and scratch, a pooled result), so that
 * the cache keeps at most a small buffer alive per argument; NONE otherwise.
 */
function keepable(v: unknown): ArrayBufferView {
  return ArrayBuffer.isView(v) && v.buffer.byteLength <= KEEP_BYTES ? v : NONE;
}

/**
 * Binds one routine to the library and returns its kernel-contract function, or null when
 * the library does not export it.
 */
export function bindRoutine(
  r: Routine,
  t: BindTarget,
  nonblocking = false,
): NativeFunction | null {
  const { symbol, args, ret } = nativeSymbol(r, t);
  const lib = r.family === "blas" && t.blasLib !== undefined ? t.blasLib : t.lib;
  // Node: array arguments as addresses (P), and the slots' addresses taken once, here.
  const P = t.runtime.pointerOf;
  const raw = P !== undefined;
  const f = lib.fn(symbol, { args, ret, raw }, nonblocking);
  if (f === null) return null;
  const params: string[] = [];
  const body: string[] = [];
  const call: string[] = [];
  const ch = chars();
  const env: Record<string, unknown> = { f, CH: raw ? (charAddresses ??= ch.map(P)) : ch, P };
  /** A slot's own block, by address when the binding is raw (the block is never detached). */
  const slot = (name: string, block: ArrayBufferView) => {
    env[name] = block;
    if (raw) env[`${name}P`] = P(block);
    return raw ? `${name}P` : name;
  };
  const words = t.intWidth === 64 ? 2 : 1;
  const lapacke = t.abi === "lapacke" && r.family === "lapack";
  if (lapacke) {
    call.push(String(LAPACK_COL_MAJOR));
    env.I64 = t.runtime.int64;
  }
  const hidden: string[] = [];
  // Raw (Node): each array argument's address, cached with the array passed there last time
  // while its buffer is attached (a plan's pivots, workspace and scratch come back every call;
  // see `keepable`), else asked of `pointerOf`.
  const cached: string[] = [];
  const array = (i: number): string => {
    const p = `a${i}`;
    if (!raw) return p;
    cached.push(`V${i} = NONE, A${i}`);
    body.push(
      `let x${i};`,
      `if (${p} === V${i} && ${p}.byteLength !== 0) x${i} = A${i};`,
      `else { x${i} = A${i} = P(${p}); V${i} = K(${p}); }`,
    );
    return `x${i}`;
  };
  r.kinds.forEach((k, i) => {
    const p = `a${i}`;
    if (k === "info") {
      if (!lapacke) call.push(slot("INFO", new Int32Array(new ArrayBuffer(8))));
      return;
    }
    params.push(p);
    if (lapacke) {
      if (k === "i") call.push(t.intWidth === 64 ? `I64(${p})` : p);
      else if (k === "c") call.push(`${p}.charCodeAt(0)`);
      else call.push(array(i));
      return;
    }
    if (k === "i") {
      const s = `I${i}`;
      call.push(slot(s, new Int32Array(new ArrayBuffer(4 * words))));
      body.push(`${s}[0] = ${p};`);
      if (words === 2) body.push(`${s}[1] = Math.floor(${p} / 4294967296);`);
    } else if (k === "c") {
      call.push(`CH[${p}.charCodeAt(0)]`);
      hidden.push("L");
    } else if (k === "r") {
      const s = `R${i}`;
      call.push(slot(
        s,
        r.double ? new Float64Array(new ArrayBuffer(8)) : new Float32Array(new ArrayBuffer(4)),
      ));
      body.push(`${s}[0] = ${p};`);
    } else {
      call.push(array(i));
    }
  });
  env.L = t.runtime.int64(1);
  call.push(...hidden);
  let tail: string;
  if (lapacke) tail = `return Number(f(${call.join(", ")}));`;
  else if (r.kinds.includes("info")) tail = `f(${call.join(", ")});\n  return INFO[0];`;
  else if (ret === "void") tail = `f(${call.join(", ")});\n  return 0;`;
  else tail = `return f(${call.join(", ")});`;
  if (cached.length > 0) {
    env.NONE = NONE;
    env.K = keepable;
  }
  const names = Object.keys(env);
  const src = `${cached.length > 0 ? `let ${cached.join(", ")};\n` : ""}return function ${r.name}(${
    params.join(", ")
  }) {\n  ${body.join("\n  ")}\n  ${tail}\n};`;
  return new Function(...names, src)(...names.map((n) => env[n])) as NativeFunction;
}
