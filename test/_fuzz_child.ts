// Child process for fuzz_test.ts: calls every public function with hostile values drawn from a
// seeded PRNG and prints one JSON report line (`FUZZ_REPORT {...}`) on stdout.
//
// Each call must return a well-formed result or throw a TypeError, RangeError or LinAlgError
// with a message that starts with a capital letter, and must leave its array inputs
// byte-identical. Before each call the child writes "index: description" to the file named by
// FUZZ_LAST_FILE, so that after a crash (segfault, abort, OOM kill) the parent can name the
// input.
//
// Environment:
//   FUZZ_SEED       the seed (default 1)
//   FUZZ_CALLS      how many calls (default 20000)
//   FUZZ_FROM       the index of the first call (default 0): FUZZ_FROM=i FUZZ_CALLS=1 replays
//                   call i of a seed, since every call draws from its own PRNG stream
//   FUZZ_ONLY       a comma-separated list of function names to fuzz (default: all)
//   FUZZ_MODULES    extra modules (comma-separated paths relative to the repository) whose
//                   exported functions join the linalg functions, e.g. files not yet in mod.ts
//   FUZZ_LAST_FILE  where to write the current input (default: nowhere)
//   FUZZ_DIR        the working directory for the run (default: a new temporary directory,
//                   removed at the end); writeNpy may create files there (Deno's node:fs
//                   turns any path value into a string: writeNpy(null, a) writes "./null")
//   FUZZ_VERBOSE=1  print every call and its outcome on stderr
//   FUZZ_EXCLUDE    a JSON list of regular expressions: calls whose "name(input)" matches one
//                   are not made (known crashes, reproduced one per process by FUZZ_REPRO)
//   FUZZ_REPRO      run one reproduction of a known crash instead of the loop
import process from "node:process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as dl from "../mod.ts";
import { NDArray } from "../mod.ts";
import type { Routine } from "../ffi/symbols.ts";
import { ROUTINE } from "../ffi/symbols.ts";

// deno-lint-ignore no-explicit-any
type Any = any;
type Fn = (...args: unknown[]) => unknown;

const env = (k: string): string | undefined => process.env[k];
const SEED = Number(env("FUZZ_SEED") ?? 1) >>> 0;
const CALLS = Number(env("FUZZ_CALLS") ?? 20000);
const FROM = Number(env("FUZZ_FROM") ?? 0);
const ONLY = (env("FUZZ_ONLY") ?? "").split(",").filter((s) => s !== "");
const LAST = env("FUZZ_LAST_FILE");
const VERBOSE = env("FUZZ_VERBOSE") === "1";

// ---------------------------------------------------------------------------------------------
// PRNG: one mulberry32 stream per call, seeded from (seed, index).

class Rng {
  s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

function streamSeed(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// The per-call context and generated values.

interface Ctx {
  rng: Rng;
  fname: string;
  /** Forged or tampered NDArrays: engine errors and their messages are tolerated. */
  lenient: boolean;
  /** Non-finite or extreme entries: infinite results are allowed. */
  extreme: boolean;
  /** Proxies and getters that change: the immutability check is skipped. */
  volatile: boolean;
  /** Inputs over detached or shrunk buffers: results may be views over nothing. */
  broken: boolean;
  /** The option `out` shares memory with an input. */
  aliasOut: boolean;
  /** Huge zero-stride views are allowed (not for full reductions, which would just run long). */
  huge: boolean;
  m: number;
  n: number;
  k: number;
  stack: number[];
  /** Real NDArrays made for this call (candidates for an aliasing `out`). */
  made: NDArray[];
  /** Guard regions after the arrays given to lapack.* routines. */
  guards: { all: Float32Array | Float64Array | Int32Array; from: number }[];
  /** The option keys the function takes (from its message for an unknown key), if known. */
  keys: readonly string[] | undefined;
}

interface Gen {
  v: unknown;
  d: string;
}

const DTYPES = ["float64", "float32", "complex128", "complex64"] as const;
type DT = (typeof DTYPES)[number];
const SHORT: Record<DT, string> = {
  float64: "f64",
  float32: "f32",
  complex128: "c128",
  complex64: "c64",
};
const fpi = (d: string) => (d === "complex128" || d === "complex64" ? 2 : 1);
const single = (d: string) => d === "float32" || d === "complex64";

const SPECIAL = [
  NaN,
  Infinity,
  -Infinity,
  1e308,
  -1e308,
  5e-324,
  1e-300,
  1e154,
  -1e154,
  3.5e38,
  -3.5e38,
];

function entry(ctx: Ctx, special: number): number {
  const r = ctx.rng;
  if (special > 0 && r.chance(special)) {
    ctx.extreme = true;
    return r.pick(SPECIAL);
  }
  if (r.chance(0.45)) return r.int(9) - 4;
  if (r.chance(0.05)) return -0;
  return (r.next() * 2 - 1) * 3;
}

const cStrides = (shape: readonly number[]): number[] => {
  const s = shape.map(() => 1);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i] || 1;
  }
  return s;
};
const fStrides = (shape: readonly number[]): number[] => {
  const s = shape.map(() => 1);
  let acc = 1;
  for (let i = 0; i < shape.length; i++) {
    s[i] = acc;
    acc *= shape[i] || 1;
  }
  return s;
};
const sizeOf = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);
const shapeStr = (shape: readonly unknown[]) => `[${shape.map((d) => describe(d)).join(",")}]`;

const MODES = [
  "C",
  "C",
  "C",
  "F",
  "strided",
  "neg",
  "offset",
  "bcast",
  "overlap",
  "random",
  "T",
] as const;
const CLEAN_MODES = ["C", "F", "strided", "neg", "offset", "T"] as const;

/** A real NDArray of this shape and dtype, laid out as `mode` says, over random data. */
function makeView(ctx: Ctx, dtype: DT, shape: number[], mode: string, special = 0): NDArray {
  const r = ctx.rng;
  const nd = shape.length;
  let strides: number[];
  switch (mode) {
    case "F":
      strides = fStrides(shape);
      break;
    case "T": {
      // The matrix transpose of a C-order array.
      if (nd < 2) {
        strides = cStrides(shape);
        break;
      }
      const sw = shape.slice();
      [sw[nd - 2], sw[nd - 1]] = [sw[nd - 1], sw[nd - 2]];
      strides = cStrides(sw);
      [strides[nd - 2], strides[nd - 1]] = [strides[nd - 1], strides[nd - 2]];
      break;
    }
    case "strided": {
      const step = 2 + r.int(2);
      strides = cStrides(shape).map((s) => s * step);
      break;
    }
    case "neg":
      strides = cStrides(shape).map((s) => (r.chance(0.6) ? -s : s));
      break;
    case "bcast":
      strides = cStrides(shape).map((s) => (r.chance(0.4) ? 0 : s));
      break;
    case "overlap":
      strides = shape.map(() => r.int(3) * (r.chance(0.3) ? -1 : 1));
      break;
    case "random":
      strides = shape.map(() => r.int(15) - 7);
      break;
    default:
      strides = cStrides(shape);
  }
  let lo = 0;
  let hi = 0;
  const empty = sizeOf(shape) === 0;
  if (!empty) {
    for (let i = 0; i < nd; i++) {
      const reach = (shape[i] - 1) * strides[i];
      if (reach < 0) lo += reach;
      else hi += reach;
    }
  }
  const pad = mode === "offset" ? 1 + r.int(4) : r.int(2);
  const offset = -lo + pad;
  const items = offset + (empty ? 0 : hi + 1) + r.int(3);
  const f = fpi(dtype);
  const data = single(dtype) ? new Float32Array(items * f) : new Float64Array(items * f);
  for (let i = 0; i < data.length; i++) data[i] = entry(ctx, special);
  const a = new NDArray(data, dtype, shape, strides, offset);
  ctx.made.push(a);
  return a;
}

function describeView(a: NDArray, mode: string): string {
  return `${SHORT[a.dtype as DT]}${shapeStr(a.shape)}${mode === "C" ? "" : mode}`;
}

/** A short description of any value for the report. */
function describe(x: unknown, depth = 0): string {
  switch (typeof x) {
    case "number":
      return Object.is(x, -0) ? "-0" : String(x);
    case "bigint":
      return `${x}n`;
    case "string":
      return JSON.stringify(x.length > 20 ? x.slice(0, 20) + "..." : x);
    case "symbol":
      return "Symbol()";
    case "function":
      return "function";
    case "undefined":
      return "undefined";
    case "boolean":
      return String(x);
  }
  if (x === null) return "null";
  if (x instanceof NDArray) return `NDArray${shapeStr(x.shape)}`;
  if (Array.isArray(x)) {
    if (depth > 3) return "[...]";
    return x.length <= 4
      ? `[${x.map((y) => describe(y, depth + 1)).join(",")}]`
      : `array(${x.length})`;
  }
  const tag = Object.prototype.toString.call(x).slice(8, -1);
  if (
    tag === "Object" && typeof (x as Any).toString === "function" &&
    Object.hasOwn(x as object, "toString")
  ) return "object whose toString throws";
  return tag === "Object" ? "object" : tag;
}

// ---------------------------------------------------------------------------------------------
// Detached and resized buffers.

function detach(ctx: Ctx, buf: ArrayBuffer): void {
  const t = (buf as Any).transfer;
  if (typeof t === "function" && ctx.rng.chance(0.5)) t.call(buf);
  else structuredClone(buf, { transfer: [buf] });
}

function resizable(
  ctx: Ctx,
  floats: number,
  single32: boolean,
): { buf: Any; ta: Float64Array | Float32Array; tracking: boolean } {
  const bytes = floats * (single32 ? 4 : 8);
  const buf = new (ArrayBuffer as Any)(bytes, { maxByteLength: bytes * 4 + 64 });
  const tracking = ctx.rng.chance(0.5);
  const C = single32 ? Float32Array : Float64Array;
  const ta = tracking ? new C(buf) : new C(buf, 0, floats);
  for (let i = 0; i < ta.length; i++) ta[i] = entry(ctx, 0);
  return { buf, ta, tracking };
}

// ---------------------------------------------------------------------------------------------
// Shapes of the scenario: arguments often fit together, so the fuzzer gets past the checks.

function scenario(ctx: Ctx): void {
  const r = ctx.rng;
  ctx.m = r.pick([0, 1, 1, 2, 2, 3, 3, 3, 4, 5]);
  ctx.n = r.chance(0.6) ? ctx.m : r.pick([0, 1, 2, 3, 4, 5]);
  ctx.k = r.pick([0, 1, 2, 3, 3]);
  ctx.stack = r.pick([[], [], [], [], [2], [3], [1], [2, 2], [0], [1, 3], [2, 1], [4]]);
}

function goodShape(ctx: Ctx, position: number): number[] {
  const r = ctx.rng;
  const { m, n, k, stack } = ctx;
  const x = r.next();
  if (position === 0) {
    if (x < 0.5) return [...stack, m, n];
    if (x < 0.7) return [...stack, m, m];
    if (x < 0.8) return [m];
    if (x < 0.85) return [];
    return randomShape(ctx);
  }
  const st = r.chance(0.7) ? stack : r.pick([[], [1], [2], [3], [1, 1], [2, 2], [5]]);
  if (x < 0.3) return [...st, n, k];
  if (x < 0.5) return [n];
  if (x < 0.6) return [m];
  if (x < 0.75) return [...st, m, k];
  if (x < 0.82) return [...st, m, m];
  if (x < 0.9) return [3];
  return randomShape(ctx);
}

function randomShape(ctx: Ctx): number[] {
  const r = ctx.rng;
  const nd = r.int(5);
  const s: number[] = [];
  for (let i = 0; i < nd; i++) s.push(r.pick([0, 1, 1, 2, 2, 3, 4]));
  return s;
}

/** A valid array-like of this shape: an NDArray view, nested JS arrays, or a typed array. */
function goodArray(ctx: Ctx, shape: number[]): Gen {
  const r = ctx.rng;
  const dtype = r.pick(DTYPES);
  const special = r.chance(0.75) ? 0 : r.pick([0.05, 0.2, 0.6]);
  const x = r.next();
  if (x < 0.65) {
    const mode = r.pick(MODES);
    const a = makeView(ctx, dtype, shape, mode, special);
    return { v: a, d: describeView(a, mode) };
  }
  if (x < 0.85 || shape.length === 0 || sizeOf(shape) === 0) {
    const a = makeView(ctx, dtype, shape, "C", special);
    return { v: a.toArray(), d: `nested${SHORT[dtype]}${shapeStr(shape)}` };
  }
  if (shape.length === 1) {
    const Ctor = r.pick([
      Float64Array,
      Float32Array,
      Int32Array,
      Uint8Array,
      Int16Array,
      Float64Array,
    ]);
    const t = new Ctor(shape[0]);
    for (let i = 0; i < t.length; i++) t[i] = entry(ctx, special);
    return { v: t, d: `${Ctor.name}(${shape[0]})` };
  }
  // Nested arrays whose innermost level is typed arrays or NDArrays.
  const a = makeView(ctx, r.chance(0.5) ? "float64" : "float32", shape, "C", special);
  const rows = r.chance(0.5);
  const split = (x: NDArray, depth: number): unknown => {
    if (x.ndim === 1 && rows) return Float64Array.from(x.toArray() as number[]);
    if (!rows && depth === 1) return x.copy();
    const out: unknown[] = [];
    for (let i = 0; i < x.shape[0]; i++) {
      const sub = new NDArray(
        x.data,
        x.dtype,
        x.shape.slice(1),
        x.strides.slice(1),
        x.offset + i * x.strides[0],
      );
      out.push(split(sub, depth + 1));
    }
    return out;
  };
  return { v: split(a, 0), d: `${rows ? "typedRows" : "ndarrayRows"}${shapeStr(shape)}` };
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

function deep(n: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

class Thing {
  x = 1;
}
class MyArray extends Array {}

const HUGE_DIMS = [1e6, 2 ** 40, 1e15, 2 ** 53 - 1, 2 ** 53, 1e300, 2 ** 34];

/** Values that are not arrays, or are broken arrays. */
const HOSTILE: ((ctx: Ctx) => Gen)[] = [
  () => ({ v: null, d: "null" }),
  () => ({ v: undefined, d: "undefined" }),
  () => ({ v: "", d: '""' }),
  () => ({ v: "[[1,2],[3,4]]", d: "string" }),
  () => ({ v: 3n, d: "3n" }),
  () => ({ v: Symbol("s"), d: "Symbol()" }),
  () => ({ v: () => 1, d: "arrow function" }),
  () => ({ v: Thing, d: "class" }),
  () => ({ v: new Map([[0, 1]]), d: "Map" }),
  () => ({ v: new Set([1, 2]), d: "Set" }),
  () => ({ v: new Date(0), d: "Date" }),
  () => ({ v: /x/, d: "RegExp" }),
  () => ({ v: Promise.resolve(1), d: "Promise" }),
  () => ({ v: new Error("x"), d: "Error" }),
  () => ({ v: new ArrayBuffer(16), d: "ArrayBuffer(16)" }),
  () => ({ v: new DataView(new ArrayBuffer(16)), d: "DataView" }),
  () => ({ v: new Thing(), d: "class instance" }),
  () => ({ v: Object.create(null), d: "Object.create(null)" }),
  () => ({ v: { length: 3, 0: 1 }, d: "{length:3,0:1}" }),
  () => ({ v: { length: -1 }, d: "{length:-1}" }),
  () => ({ v: { length: 1e12 }, d: "{length:1e12}" }),
  () => ({ v: { shape: [2, 2], data: [1, 2, 3, 4] }, d: "{shape:[2,2],data:[...]}" }),
  () => ({
    v: {
      dtype: "float64",
      shape: [2, 2],
      strides: [2, 1],
      offset: 0,
      data: new Float64Array([1, 2, 3, 4]),
      ndim: 2,
      size: 4,
    },
    d: "duck NDArray object",
  }),
  () => ({ v: { re: 1 }, d: "{re:1}" }),
  () => ({ v: { re: "1", im: 2 }, d: '{re:"1",im:2}' }),
  () => ({ v: { re: 1n, im: 0 }, d: "{re:1n,im:0}" }),
  (ctx) => {
    ctx.extreme = true;
    return { v: { re: NaN, im: Infinity, extra: 1 }, d: "{re:NaN,im:Inf}" };
  },
  () => ({
    v: {
      toString() {
        throw new UserError("toString");
      },
      valueOf() {
        throw new UserError("valueOf");
      },
    },
    d: "object whose toString throws",
  }),
  () => ({ v: { valueOf: () => 3 }, d: "{valueOf:()=>3}" }),
  // deno-lint-ignore no-sparse-arrays
  () => ({ v: [1, , 3], d: "[1,,3] (hole)" }),
  // deno-lint-ignore no-sparse-arrays
  () => ({ v: [[1, 2], [3, ,]], d: "[[1,2],[3,<hole>]]" }),
  () => ({ v: new Array(5), d: "new Array(5) (holes)" }),
  () => ({ v: [[1, 2], [3]], d: "ragged [[1,2],[3]]" }),
  () => ({ v: [[1, 2], 3], d: "ragged [[1,2],3]" }),
  () => ({ v: [1, [2, 3]], d: "ragged [1,[2,3]]" }),
  () => ({ v: [[1, 2], [3, "4"]], d: 'string element "4"' }),
  () => ({ v: [[1, 2], [3, null]], d: "null element" }),
  () => ({ v: [[1, 2], [3, undefined]], d: "undefined element" }),
  () => ({ v: [[1n, 2n], [3n, 4n]], d: "bigint elements" }),
  () => ({ v: [Symbol("s")], d: "[Symbol()]" }),
  () => ({ v: [[{}]], d: "[[{}]]" }),
  () => ({ v: [[[1]], [2]], d: "[[[1]],[2]]" }),
  () => ({ v: [], d: "[]" }),
  () => ({ v: [[]], d: "[[]]" }),
  () => ({ v: [[], []], d: "[[],[]]" }),
  () => ({ v: [[[]]], d: "[[[]]]" }),
  () => ({ v: deep(10000, 1), d: "nested 10000 deep" }),
  () => ({ v: deep(100000, 1), d: "nested 100000 deep" }),
  () => ({ v: deep(65, 1), d: "nested 65 deep" }),
  () => ({ v: deep(64, 1), d: "nested 64 deep (a valid 64-d array)" }),
  () => ({ v: deep(10000, []), d: "nested 10000 deep around []" }),
  () => {
    const a: unknown[] = [];
    a.push(a);
    return { v: a, d: "cyclic array a = [a]" };
  },
  () => {
    const a: unknown[] = [1, 2];
    const b = [a, a];
    a[1] = b;
    return { v: b, d: "cyclic array b = [[1, b], [1, b]]" };
  },
  (ctx) => {
    const a = makeView(ctx, "float64", [2, 2], "C");
    return { v: [a, makeView(ctx, "float64", [3], "C")], d: "[NDArray[2,2], NDArray[3]]" };
  },
  () => ({ v: [new Float64Array(2), [1, 2, 3]], d: "[Float64Array(2),[1,2,3]]" }),
  () => ({ v: [new Float64Array(2), new Float32Array(3)], d: "[Float64Array(2),Float32Array(3)]" }),
  () => ({ v: [[new Float64Array(2)], [1]], d: "[[Float64Array(2)],[1]]" }),
  () => ({ v: new BigInt64Array(4), d: "BigInt64Array(4)" }),
  () => ({ v: new BigUint64Array(4), d: "BigUint64Array(4)" }),
  () => ({ v: [new BigInt64Array(2), new BigInt64Array(2)], d: "[BigInt64Array(2) x2]" }),
  (ctx) => {
    const F16 = (globalThis as Any).Float16Array;
    ctx.extreme = true;
    return F16
      ? { v: new F16([1, 2, 65504, NaN]), d: "Float16Array(4)" }
      : { v: new Int8Array([1, -2]), d: "Int8Array(2)" };
  },
  () => ({ v: new Uint8ClampedArray([1, 2, 3, 4]), d: "Uint8ClampedArray(4)" }),
  () => ({ v: new Float64Array(0), d: "Float64Array(0)" }),
  () => ({ v: new Float64Array(new SharedArrayBuffer(32)), d: "Float64Array(SharedArrayBuffer)" }),
  () => ({
    v: Object.freeze([Object.freeze([1, 2]), Object.freeze([3, 4])]),
    d: "frozen [[1,2],[3,4]]",
  }),
  () => ({ v: MyArray.from([1, 2, 3]), d: "Array subclass" }),
  () => {
    const a: Any = [[1, 2], [3, 4]];
    a.shape = [9, 9];
    a.dtype = "complex128";
    return { v: a, d: "array with extra shape/dtype props" };
  },
  () => {
    const a: Any = [1, 2, 3];
    Object.defineProperty(a, 1, { get: () => 7, enumerable: true });
    return { v: a, d: "array with a getter element" };
  },
  (ctx) => {
    ctx.volatile = true;
    let c = 0;
    return {
      v: new Proxy([[1, 2], [3, 4]], {
        get(t, p, rcv) {
          if (p === "length") return c++ % 2 === 0 ? 2 : 7;
          return Reflect.get(t, p, rcv);
        },
      }),
      d: "Proxy array whose length changes",
    };
  },
  (ctx) => {
    ctx.volatile = true;
    const inner = [1, 2];
    const a: Any = [inner, [3, 4]];
    Object.defineProperty(a, 1, {
      get() {
        inner.length = 0;
        return [3, 4];
      },
    });
    return { v: a, d: "array whose element getter empties a sibling" };
  },
  (ctx) => {
    ctx.volatile = true;
    let c = 0;
    return {
      v: new Proxy([1, 2, 3, 4], {
        get(t, p, rcv) {
          if (p === "0") return c++ % 2 === 0 ? 1 : "x";
          return Reflect.get(t, p, rcv);
        },
      }),
      d: "Proxy array whose element 0 alternates 1/'x'",
    };
  },
  (ctx) => {
    ctx.volatile = true;
    ctx.lenient = true; // even Symbol.toPrimitive is 2: the engine's own TypeError is fine
    return {
      v: new Proxy({}, { get: () => 2, has: () => true, ownKeys: () => ["length"] }),
      d: "Proxy object answering 2 to everything",
    };
  },
  // Detached buffers: a typed array, an NDArray, nested rows.
  (ctx) => {
    ctx.broken = true;
    const t = new Float64Array([1, 2, 3, 4]);
    detach(ctx, t.buffer as ArrayBuffer);
    return { v: t, d: "Float64Array(4) detached" };
  },
  (ctx) => {
    ctx.broken = true;
    const dtype = ctx.rng.pick(DTYPES);
    const shape = goodShape(ctx, 0);
    const a = makeView(ctx, dtype, shape, ctx.rng.pick(MODES));
    detach(ctx, a.data.buffer as ArrayBuffer);
    return { v: a, d: `${SHORT[dtype]}${shapeStr(shape)} NDArray detached` };
  },
  (ctx) => {
    ctx.broken = true;
    const t = new Float32Array([1, 2]);
    detach(ctx, t.buffer as ArrayBuffer);
    return { v: [t, new Float32Array([3, 4])], d: "[detached Float32Array(2), Float32Array(2)]" };
  },
  // Resizable buffers, shrunk (fixed-length views go out of bounds) or grown.
  (ctx) => {
    ctx.broken = true;
    const { buf, ta, tracking } = resizable(ctx, 9, false);
    const shrink = ctx.rng.chance(0.7);
    buf.resize(shrink ? 16 : buf.maxByteLength);
    return {
      v: ta,
      d: `Float64Array(${tracking ? "tracking" : "fixed 9"}) on a resizable buffer ${
        shrink ? "shrunk to 2" : "grown"
      }`,
    };
  },
  (ctx) => {
    ctx.broken = true;
    const dtype = ctx.rng.pick(DTYPES);
    const m = ctx.m;
    const f = fpi(dtype);
    const { buf, ta, tracking } = resizable(ctx, m * m * f, single(dtype));
    const a = new NDArray(ta, dtype, [m, m]);
    const shrink = ctx.rng.chance(0.7);
    buf.resize(
      shrink ? ctx.rng.int(Math.max(1, m * m * f)) * (single(dtype) ? 4 : 8) : buf.maxByteLength,
    );
    return {
      v: a,
      d: `${SHORT[dtype]}[${m},${m}] NDArray on a resizable buffer (${
        tracking ? "tracking" : "fixed"
      }) ${shrink ? "shrunk" : "grown"}`,
    };
  },
  // Huge zero-stride views: valid arrays whose results cannot be allocated.
  (ctx) => {
    if (!ctx.huge) return { v: new Float64Array(3), d: "Float64Array(3)" };
    const dtype = ctx.rng.pick(DTYPES);
    const big = ctx.rng.pick(HUGE_DIMS.filter((d) => d <= 2 ** 53 - 1));
    const shape = [big, big, 2, 2].slice(ctx.rng.int(2));
    const data = single(dtype)
      ? new Float32Array(4 * fpi(dtype))
      : new Float64Array(4 * fpi(dtype));
    data.set([1, 2, 3, 5]);
    const strides = shape.map((
      _,
      i,
    ) => (i < shape.length - 2 ? 0 : i === shape.length - 2 ? 2 : 1));
    try {
      return {
        v: new NDArray(data, dtype, shape, strides, 0),
        d: `${SHORT[dtype]}${shapeStr(shape)} zero-stride view`,
      };
    } catch {
      return { v: data, d: "Float64Array(4)" };
    }
  },
  // NDArrays that pass `instanceof` but were never checked by the constructor, or were changed
  // after it (their fields are plain properties; shape and strides are plain arrays).
  (ctx) => forged(ctx),
  (ctx) => tampered(ctx),
  (ctx) => tampered(ctx),
];

class UserError extends Error {
  constructor(m: string) {
    super(m);
    this.name = "UserError";
  }
}

const BAD_SHAPES: unknown[] = [
  [1e6, 1e6],
  [-1, 2],
  [2.5, 2],
  [NaN, NaN],
  ["2", "2"],
  [2],
  [2, 2, 2],
  [0, 0],
  [3, 3],
  [Infinity, 1],
  [2 ** 31, 2 ** 31],
  [-2, -2],
  [2 ** 53, 1],
  null,
  "22",
  [],
];
const BAD_STRIDES: unknown[] = [
  [1e9, 1],
  [-1e9, 0],
  [NaN, 1],
  [1.5, 1],
  [0, 0],
  [2 ** 53, 1],
  [1],
  null,
  ["2", "1"],
  [-1, -2],
];
const BAD_OFFSETS: unknown[] = [-5, 1e9, NaN, 1.5, "0", null, 2 ** 53, -1];
const BAD_DATA = (): unknown[] => [
  null,
  new Float64Array(1),
  [1, 2, 3, 4],
  new Float32Array(4),
  new Int32Array(4),
  {},
  new Float64Array(0),
  "data",
];

function forged(ctx: Ctx): Gen {
  ctx.lenient = true;
  const r = ctx.rng;
  const o: Any = Object.create(NDArray.prototype);
  const m = Math.max(1, ctx.m);
  o.dtype = r.chance(0.7) ? r.pick(DTYPES) : r.pick(["int8", null, 5, "f8"]);
  o.shape = r.chance(0.5) ? [m, m] : r.pick(BAD_SHAPES);
  o.strides = r.chance(0.5) ? [m, 1] : r.pick(BAD_STRIDES);
  o.offset = r.chance(0.6) ? 0 : r.pick(BAD_OFFSETS);
  o.data = r.chance(0.5) ? new Float64Array(m * m * 2) : r.pick(BAD_DATA());
  return {
    v: o,
    d: `forged NDArray {dtype:${describe(o.dtype)}, shape:${describe(o.shape)}, strides:${
      describe(o.strides)
    }, offset:${describe(o.offset)}, data:${describe(o.data)}}`,
  };
}

function tampered(ctx: Ctx): Gen {
  ctx.lenient = true;
  const r = ctx.rng;
  const dtype = r.pick(DTYPES);
  const shape = r.chance(0.7) ? [...ctx.stack, ctx.m, ctx.m] : goodShape(ctx, 0);
  const real: Any = makeView(ctx, dtype, shape, r.pick(MODES));
  // A real NDArray's fields are read-only, but its shape and strides arrays can be changed in
  // place (cases 1, 3 and 7); field replacements go to a look-alike with the same fields.
  const what = r.int(8);
  const inPlace = (what === 1 || what === 3 || what === 7) && r.chance(0.5);
  const a: Any = inPlace
    ? real
    : lookAlike(real, { shape: [...real.shape], strides: [...real.strides] });
  let d: string;
  switch (what) {
    case 0: {
      const s = r.pick(BAD_SHAPES);
      a.shape = s;
      d = `.shape = ${describe(s)}`;
      break;
    }
    case 1: {
      if (a.shape.length > 0) a.shape[0] = r.pick([1e6, -1, 2.5, NaN, 5, 0, 2 ** 40]);
      d = `.shape[0] = ${describe(a.shape[0])}`;
      break;
    }
    case 2: {
      const s = r.pick(BAD_STRIDES);
      a.strides = s;
      d = `.strides = ${describe(s)}`;
      break;
    }
    case 3: {
      if (a.strides.length > 0) {
        a.strides[a.strides.length - 1] = r.pick([1e9, -1e9, NaN, 0.5, 2 ** 53]);
      }
      d = `.strides[-1] = ${describe(a.strides[a.strides.length - 1])}`;
      break;
    }
    case 4: {
      const o = r.pick(BAD_OFFSETS);
      a.offset = o;
      d = `.offset = ${describe(o)}`;
      break;
    }
    case 5: {
      const t = r.pick(["int8", "float32", "float64", "complex128", "complex64", null]);
      a.dtype = t;
      d = `.dtype = ${describe(t)}`;
      break;
    }
    case 6: {
      const t = r.pick(BAD_DATA());
      a.data = t;
      d = `.data = ${describe(t)}`;
      break;
    }
    default: {
      a.shape.push(2);
      d = ".shape.push(2)";
    }
  }
  return { v: a, d: `${SHORT[dtype]}${shapeStr(shape)} tampered: ${d}` };
}

// ---------------------------------------------------------------------------------------------
// Scalars, shapes and options.

const NASTY = (): unknown[] => [
  deep(100000, 1),
  {
    toString() {
      throw new UserError("toString");
    },
    valueOf() {
      throw new UserError("valueOf");
    },
  },
  Object.create(null),
  Symbol("s"),
];

const SCALARS: unknown[] = [
  0,
  1,
  -1,
  2,
  3,
  -2,
  -3,
  0.5,
  1.5,
  -0,
  NaN,
  Infinity,
  -Infinity,
  2 ** 31,
  -(2 ** 31),
  2 ** 53,
  1e300,
  -1e300,
  "fro",
  "nuc",
  "f",
  "inf",
  "2",
  "",
  true,
  false,
  null,
  undefined,
  3n,
  {},
  [],
  [2],
  Symbol("s"),
  () => 2,
];

const SHAPES: unknown[] = [
  [2, 3],
  [0],
  [],
  4,
  0,
  [1, 1, 1],
  [3, 3],
  [2, 2],
  [0, 3],
  [6],
  [-1],
  [2, -1],
  [-1, -1],
  [3, -1, 1],
  -1,
  [1.5],
  1.5,
  [NaN],
  NaN,
  [Infinity],
  Infinity,
  ["2"],
  "3",
  [2n],
  2n,
  null,
  undefined,
  {},
  [[2]],
  [1e6, 1e6],
  1e6 * 1e6,
  [2 ** 53],
  2 ** 53,
  [2 ** 40, 2 ** 40],
  1e15,
  2 ** 34,
  [2 ** 34],
  new Array(65).fill(1),
  // deno-lint-ignore no-sparse-arrays
  new Array(64).fill(2),
  [, 2],
  Float64Array.of(2, 2),
  [-0],
  -0,
  { length: 2, 0: 2, 1: 2 },
  [true, 2],
  [1e300],
  [2 ** 31, 2 ** 31, 2 ** 31],
  [Symbol("s")],
];

const SMALL_SHAPES = SHAPES.filter((s) =>
  !(Array.isArray(s) ? s : [s]).some((d) => typeof d === "number" && d > 1e5)
);

const BOOLS: unknown[] = [true, false, "yes", 0, 1, null, undefined, "false"];
const NUMS: unknown[] = [
  0,
  1,
  -1,
  2,
  -2,
  3,
  0.5,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  1e300,
  2 ** 31,
  2 ** 53,
  "1",
  null,
  undefined,
  1n,
  [1],
  {},
];
const TOLS: unknown[] = [
  1e-15,
  0,
  -1,
  NaN,
  Infinity,
  null,
  "x",
  [1e-3, 1e-2],
  1e300,
  1e-300,
  undefined,
  1n,
];

function optionValue(ctx: Ctx, key: string): Gen {
  const r = ctx.rng;
  const p = <T>(xs: readonly T[]): Gen => {
    const v = tame(ctx, r.chance(0.04) ? r.pick(NASTY()) : r.pick(xs));
    return { v, d: describe(v) };
  };
  switch (key) {
    case "out":
      return genOut(ctx);
    case "errors":
      return p(["raise", "nan", "nan", "ignore", "", null, 1, undefined, "RAISE"]);
    case "precision":
      return p(["double", "single", "single", "half", null, 1, "", undefined]);
    case "dtype":
      return p([
        "float32",
        "float64",
        "complex64",
        "complex128",
        "f8",
        "c8",
        "single",
        "int32",
        "bool",
        "",
        null,
        5,
        {},
        Symbol("s"),
        "float16",
      ]);
    case "mode":
      return p(["reduced", "complete", "r", "raw", "economic", "full", 1, null, ""]);
    case "UPLO":
      return p(["L", "U", "l", "u", "X", 1, null, ""]);
    case "rcond":
    case "rtol":
    case "tol":
      if (r.chance(0.15)) {
        const a = makeView(ctx, "float64", r.pick([[], [1], ctx.stack, [3, 1]]), "C");
        return { v: a, d: `NDArray${shapeStr(a.shape)}` };
      }
      return p(TOLS);
    case "ord":
      return p([
        1,
        -1,
        2,
        -2,
        Infinity,
        -Infinity,
        0,
        3,
        0.5,
        -0.5,
        "fro",
        "nuc",
        "f",
        "inf",
        null,
        NaN,
        "x",
        [1],
        undefined,
        1n,
      ]);
    case "axis":
      return p([
        0,
        1,
        -1,
        -2,
        2,
        5,
        -5,
        [0, 1],
        [1, 0],
        [0, 0],
        [-1, -2],
        [0, 1, 2],
        [],
        1.5,
        NaN,
        "0",
        null,
        [NaN, 1],
        2 ** 31,
        [1.5, 0],
        [0, "1"],
      ]);
    case "offset":
      return p([0, 1, -1, 2, 5, -5, 1.5, NaN, 1e300, "1", null, Infinity, 2 ** 53]);
    case "ind":
      return p([1, 2, 0, -1, 1.5, NaN, 100, 1e9, "1", null]);
    case "axes":
      return p([[0], [0, 1], [-1], [5], [0, 0], null, "x", [1.5], [], [1, 0]]);
    case "m":
    case "k":
    case "n":
      return p([0, 1, 2, 3, -1, 1.5, NaN, 1e6, 2 ** 53, "2", null]);
    case "order":
      return p(["C", "F", "K", "A", "c", null, 1]);
    case "upper":
    case "hermitian":
    case "fullMatrices":
    case "computeUv":
    case "keepdims":
      return p(BOOLS);
    default:
      return r.chance(0.5) ? p(NUMS) : p(BOOLS);
  }
}

const OPTION_KEYS = [
  "out",
  "out",
  "out",
  "errors",
  "errors",
  "precision",
  "precision",
  "dtype",
  "mode",
  "mode",
  "UPLO",
  "upper",
  "hermitian",
  "fullMatrices",
  "computeUv",
  "rcond",
  "rtol",
  "tol",
  "ord",
  "ord",
  "axis",
  "axis",
  "keepdims",
  "offset",
  "ind",
  "axes",
  "m",
  "k",
  "n",
  "order",
  "p",
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
];

function genOptions(ctx: Ctx): Gen {
  const r = ctx.rng;
  const x = r.next();
  if (x < 0.4) return { v: undefined, d: "undefined" };
  if (x < 0.46) {
    const v = r.pick<unknown>([5, "x", null, [], true, () => ({}), Symbol("s"), new Map(), 3n, [
      {},
    ]]);
    return { v, d: describe(v) };
  }
  if (x < 0.48) {
    ctx.volatile = true;
    let c = 0;
    return {
      v: {
        get errors() {
          return c++ % 2 === 0 ? "raise" : "bogus";
        },
        get precision() {
          return c++ % 2 === 0 ? "double" : 5;
        },
      },
      d: "options whose getters alternate",
    };
  }
  if (x < 0.5) {
    ctx.volatile = true;
    ctx.lenient = true;
    return {
      v: new Proxy({}, { get: (_t, p) => (p === "then" ? undefined : "x") }),
      d: "Proxy options answering 'x'",
    };
  }
  const o: Any = r.chance(0.1) ? Object.create(null) : {};
  const parts: string[] = [];
  const nKeys = 1 + r.int(3);
  for (let i = 0; i < nKeys; i++) {
    // Mostly keys the function takes (so that calls get past the key check to the values);
    // now and then any key, which must be refused.
    const key = ctx.keys !== undefined && r.chance(0.85) ? r.pick(ctx.keys) : r.pick(OPTION_KEYS);
    const g = optionValue(ctx, key);
    Object.defineProperty(o, key, {
      value: g.v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    parts.push(`${key}: ${g.d}`);
  }
  if (r.chance(0.05)) Object.freeze(o);
  return { v: o, d: `{${parts.join(", ")}}` };
}

/** An `out` value: mostly NDArrays of a plausible but often wrong shape or dtype. */
function genOut(ctx: Ctx): Gen {
  const r = ctx.rng;
  const x = r.next();
  if (x < 0.55) {
    const dtype = r.pick(DTYPES);
    const shape = r.chance(0.5)
      ? [...ctx.stack, ctx.m, ctx.n]
      : r.chance(0.5)
      ? [...ctx.stack]
      : randomShape(ctx);
    const mode = r.pick(MODES);
    const a = makeView(ctx, dtype, shape, mode);
    return { v: a, d: describeView(a, mode) };
  }
  if (x < 0.65 && ctx.made.length > 0) {
    ctx.aliasOut = true;
    const a = ctx.made[0];
    return { v: a, d: "the first input itself" };
  }
  if (x < 0.7) {
    const a = makeView(ctx, "float64", [ctx.m, ctx.m], "C");
    return { v: [a, makeView(ctx, "float64", [ctx.m], "C")], d: "[NDArray, NDArray]" };
  }
  if (x < 0.75) {
    ctx.broken = true;
    const a = makeView(ctx, r.pick(DTYPES), [...ctx.stack, ctx.m, ctx.m], "C");
    detach(ctx, a.data.buffer as ArrayBuffer);
    return { v: a, d: "a detached NDArray" };
  }
  if (x < 0.8) return forged(ctx);
  const v = r.pick<unknown>([null, 5, "out", new Float64Array(4), [[0, 0], [0, 0]], {}, {
    shape: [2, 2],
    data: new Float64Array(4),
  }, true]);
  return { v, d: describe(v) };
}

// ---------------------------------------------------------------------------------------------
// Argument generation.

function arrayArg(ctx: Ctx, position: number): Gen {
  const r = ctx.rng;
  const x = r.next();
  if (x < 0.7) return goodArray(ctx, goodShape(ctx, position));
  if (x < 0.95) return r.pick(HOSTILE)(ctx);
  const v = tame(ctx, r.pick<unknown>([2, 0, -1, NaN, Infinity, true, { re: 1, im: -1 }, 1e308]));
  return { v, d: describe(v) };
}

/** Marks the call as extreme when a number is not finite or is large. */
function tame(ctx: Ctx, v: unknown): unknown {
  if (typeof v === "number" && !(Math.abs(v) <= 1e6)) ctx.extreme = true;
  return v;
}

function scalarArg(ctx: Ctx): Gen {
  const v = tame(ctx, ctx.rng.chance(0.1) ? ctx.rng.pick(NASTY()) : ctx.rng.pick(SCALARS));
  return { v, d: describe(v) };
}

function shapeArg(ctx: Ctx): Gen {
  const r = ctx.rng;
  if (r.chance(0.3)) {
    const s = goodShape(ctx, 0);
    return { v: s, d: shapeStr(s) };
  }
  const v = tame(ctx, r.pick(r.chance(0.7) ? SHAPES : SMALL_SHAPES));
  return { v, d: describe(v) };
}

/** What a parameter takes, from its name in the function's source. */
type Param = "array" | "arrays" | "options" | "order" | "int";

/**
 * The parameter kinds of a function, read from its source text (`function solve(a, b,
 * options)`; Node blanks the type annotations, Deno and Bun remove them), so functions added
 * later get sensible arguments without a table here. Unknown names count as arrays.
 */
function paramKinds(fn: Fn): Param[] {
  const m = /^[^(]*\(([^)]*)\)/.exec(Function.prototype.toString.call(fn));
  const names = m === null
    ? []
    : m[1].split(",").map((x) => /^\s*(\w*)/.exec(x)![1]).filter((x) => x !== "");
  const kinds = names.map((n): Param =>
    /^(options|opts)$/.test(n)
      ? "options"
      : /^arrays$/.test(n)
      ? "arrays"
      : /^(p|ord)$/.test(n)
      ? "order"
      : /^(n|k|ind|axis)$/.test(n)
      ? "int"
      : "array"
  );
  while (kinds.length < fn.length) kinds.push("array");
  return kinds.length > 0 ? kinds : ["array"];
}

const ORDERS: unknown[] = [
  undefined,
  null,
  1,
  -1,
  2,
  -2,
  Infinity,
  -Infinity,
  "fro",
  "nuc",
  0,
  3,
  0.5,
];
const INTS: unknown[] = [0, 1, 2, 3, 5, -1, -2, -3, 1, 2];

function linalgArgs(ctx: Ctx, kinds: readonly Param[]): Gen[] {
  const r = ctx.rng;
  const args: Gen[] = [];
  let arrays = 0;
  for (const k of kinds) {
    switch (k) {
      case "options":
        args.push(genOptions(ctx));
        break;
      case "arrays":
        args.push(r.chance(0.8) ? listOfArrays(ctx) : arrayArg(ctx, 0));
        break;
      case "order":
      case "int": {
        if (r.chance(0.75)) {
          const v = r.pick(k === "order" ? ORDERS : INTS);
          args.push({ v, d: describe(v) });
        } else args.push(r.chance(0.8) ? scalarArg(ctx) : arrayArg(ctx, 1));
        break;
      }
      default:
        args.push(arrayArg(ctx, arrays++));
    }
  }
  // Now and then: one argument too many, or too few.
  if (r.chance(0.05)) args.push(r.chance(0.5) ? genOptions(ctx) : arrayArg(ctx, 1));
  if (r.chance(0.04)) args.length = r.int(args.length + 1);
  // Trailing undefined options are dropped half of the time (the usual call).
  while (
    args.length > 1 && args[args.length - 1].v === undefined &&
    args[args.length - 1].d === "undefined" && r.chance(0.5)
  ) args.pop();
  return args;
}

/** For `multiDot`-like functions: a list of matrices that chain, or not. */
function listOfArrays(ctx: Ctx): Gen {
  const r = ctx.rng;
  const n = r.int(5);
  const dims: number[] = [];
  for (let i = 0; i <= n; i++) dims.push(r.pick([0, 1, 2, 3, 4]));
  const items: Gen[] = [];
  for (let i = 0; i < n; i++) {
    const shape = r.chance(0.85)
      ? [dims[i], dims[i + 1]]
      : r.chance(0.5)
      ? [dims[i]]
      : randomShape(ctx);
    items.push(r.chance(0.9) ? goodArray(ctx, shape) : r.pick(HOSTILE)(ctx));
  }
  return { v: items.map((g) => g.v), d: `list[${items.map((g) => g.d).join(", ")}]` };
}

// ---------------------------------------------------------------------------------------------
// Targets.

interface Target {
  name: string;
  group: "linalg" | "lapack" | "create" | "method" | "other";
  call: (args: unknown[]) => unknown;
  args: (ctx: Ctx) => Gen[];
  /** What a successful call must return. */
  returns: "ndarray" | "result" | "any";
  /** The declared parameter count (the options object is the last). */
  arity: number;
  /** The option keys it takes, when it names them (see `optionKeysOf`). */
  keys?: readonly string[];
}

/**
 * The option keys a function takes, read from its TypeError for an unknown key ("Unknown
 * option "..." for norm(): it takes ord, axis, keepdims"), so that the options drawn for it
 * mostly get past that check. The options object is its last declared parameter; `before`
 * are the arguments that must be valid for the options to be read.
 */
function optionKeysOf(f: Fn, arity: number, before: unknown[] = []): string[] | undefined {
  if (arity < 1) return undefined;
  const args: unknown[] = before.slice(0, arity - 1);
  while (args.length < arity - 1) args.push(undefined);
  args.push({ __fuzzProbe__: 1 });
  try {
    f(...args);
  } catch (e) {
    const m = /^Unknown option "__fuzzProbe__" for [\w.#]+\(\): it takes (.+)$/.exec(
      String((e as Error)?.message),
    );
    if (m !== null) return m[1].split(", ");
  }
  return undefined;
}

const METHODS = [
  "reshape",
  "transpose",
  "astype",
  "copy",
  "matrixTranspose",
  "at",
  "item",
  "toArray",
  "toString",
];
// Functions of mod.ts not fuzzed: they change process-wide state (library, threads) or
// build user functions; createPool starts worker threads (up to 256 per call) and, like
// `linalg.async`, answers with promises: not for this synchronous loop.
const SKIP = new Set([
  "configure",
  "setNumThreads",
  "getNumThreads",
  "backend",
  "gufunc",
  "createPool",
]);
const CREATE = new Set(["array", "asarray", "zeros", "ones", "empty", "eye", "fromTypedArray"]);
// Full reductions read every element of a huge zero-stride view: they would run for hours, as
// numpy would. Not a crash; such views are not given to them.
const NO_HUGE = new Set([
  "norm",
  "vectorNorm",
  "multiDot",
  "toArray",
  "toString",
  "copy",
  "astype",
  "reshape",
]);

const byKey = (
  a: [string, unknown],
  b: [string, unknown],
) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

async function targets(): Promise<Target[]> {
  const out: Target[] = [];
  const linalg: Record<string, unknown> = { ...(dl.linalg as Record<string, unknown>) };
  for (const path of (env("FUZZ_MODULES") ?? "").split(",").filter((s) => s !== "")) {
    const m = await import(new URL(`../${path}`, import.meta.url).href);
    for (const [k, v] of Object.entries(m)) {
      if (typeof v === "function" && !/^[A-Z]/.test(k) && !(k in linalg)) linalg[k] = v;
    }
  }
  for (const [name, fn] of Object.entries(linalg).sort(byKey)) {
    if (typeof fn !== "function" || SKIP.has(name)) continue;
    const kinds = paramKinds(fn as Fn);
    const arity = kinds.length;
    const keys = kinds[arity - 1] === "options" ? optionKeysOf(fn as Fn, arity) : undefined;
    out.push({
      name,
      group: "linalg",
      call: (a) => (fn as Fn)(...a),
      args: (ctx) => linalgArgs(ctx, kinds),
      returns: "result",
      arity,
      keys,
    });
  }
  for (const [name, fn] of Object.entries(dl as Record<string, unknown>).sort(byKey)) {
    if (typeof fn !== "function" || SKIP.has(name) || name === "NDArray" || /Error$/.test(name)) {
      continue;
    }
    const f = fn as Fn;
    if (CREATE.has(name)) {
      const keys = optionKeysOf(
        f,
        f.length,
        name === "fromTypedArray" ? [new Float64Array(1), [1]] : [],
      );
      out.push({
        name,
        group: "create",
        call: (a) => f(...a),
        args: (ctx) => createArgs(ctx, name),
        returns: "ndarray",
        arity: f.length,
        keys,
      });
    } else if (CUSTOM[name] !== undefined) {
      const returns = name === "loadNpy" || name === "readNpy" ? "ndarray" : "any";
      out.push({
        name,
        group: "other",
        call: (a) => f(...a),
        args: CUSTOM[name],
        returns,
        arity: f.length,
      });
    } else {
      out.push({
        name,
        group: "other",
        call: (a) => f(...a),
        args: (ctx) => otherArgs(ctx, f.length),
        returns: "any",
        arity: f.length,
      });
    }
  }
  const lp = (dl as Any).lapack as Record<string, unknown> | undefined;
  if (lp !== undefined) {
    for (const [name, fn] of Object.entries(lp).sort(byKey)) {
      if (typeof fn !== "function") continue;
      const r = ROUTINE[name];
      const f = fn as Fn;
      if (r !== undefined) {
        out.push({
          name: `lapack.${name}`,
          group: "lapack",
          call: (a) => f(...a),
          args: (ctx) => lapackArgs(ctx, r),
          returns: "any",
          arity: f.length,
        });
      } else {
        out.push({
          name: `lapack.${name}`,
          group: "other",
          call: (a) => f(...a),
          args: name === "intArray" ? intArrayArgs : () => [],
          returns: "any",
          arity: f.length,
        });
      }
    }
  }
  out.push({
    name: "new NDArray",
    group: "create",
    call: (a) => Reflect.construct(NDArray, a),
    args: ctorArgs,
    returns: "ndarray",
    arity: 5,
  });
  for (const m of METHODS) {
    out.push({
      name: `NDArray#${m}`,
      group: "method",
      call: (a) => (a[0] as Any)[m](...a.slice(1)),
      args: (ctx) => methodArgs(ctx, m),
      returns: ["at", "item", "toArray", "toString"].includes(m) ? "any" : "ndarray",
      arity: 1,
    });
  }
  return ONLY.length > 0 ? out.filter((t) => ONLY.includes(t.name)) : out;
}

function createArgs(ctx: Ctx, name: string): Gen[] {
  const r = ctx.rng;
  const opts = (): Gen => {
    if (r.chance(0.5)) return genOptions(ctx);
    const o: Any = {};
    const parts: string[] = [];
    for (const k of ctx.keys ?? ["dtype", "order", "m", "k"]) {
      if (r.chance(0.4)) {
        const g = optionValue(ctx, k);
        o[k] = g.v;
        parts.push(`${k}: ${g.d}`);
      }
    }
    return { v: o, d: `{${parts.join(", ")}}` };
  };
  switch (name) {
    case "zeros":
    case "ones":
    case "empty":
      return r.chance(0.7) ? [shapeArg(ctx), opts()] : [shapeArg(ctx)];
    case "eye": {
      const n = r.chance(0.5)
        ? { v: ctx.m, d: String(ctx.m) }
        : r.chance(0.5)
        ? scalarArg(ctx)
        : shapeArg(ctx);
      return r.chance(0.7) ? [n, opts()] : [n];
    }
    case "fromTypedArray": {
      const shape = shapeArg(ctx);
      let data: Gen;
      const x = r.next();
      if (x < 0.5) {
        const dims = typeof shape.v === "number"
          ? [shape.v]
          : Array.isArray(shape.v)
          ? shape.v
          : [4];
        const n = dims.every((z) => typeof z === "number") ? sizeOf(dims as number[]) : 4;
        const len =
          (Number.isSafeInteger(n) && n >= 0 && n < 1000 ? n : 4) * (r.chance(0.3) ? 2 : 1) +
          (r.chance(0.2) ? 1 : 0);
        const C = r.pick([Float64Array, Float32Array]);
        data = { v: new C(len), d: `${C.name}(${len})` };
      } else data = arrayArg(ctx, 0);
      return r.chance(0.7) ? [data, shape, opts()] : [data, shape];
    }
    default:
      return r.chance(0.5) ? [arrayArg(ctx, 0), opts()] : [arrayArg(ctx, 0)];
  }
}

function ctorArgs(ctx: Ctx): Gen[] {
  const r = ctx.rng;
  const n = 1 + r.int(8);
  const dtype = r.chance(0.8)
    ? r.pick(DTYPES)
    : r.pick<unknown>(["int8", "f8", null, 5, undefined]);
  const single32 = dtype === "float32" || dtype === "complex64";
  let data: Gen;
  const x = r.next();
  if (x < 0.6) {
    const C = r.chance(0.8)
      ? (single32 ? Float32Array : Float64Array)
      : r.pick([Float64Array, Float32Array]);
    data = { v: new C(n), d: `${C.name}(${n})` };
  } else if (x < 0.7) {
    ctx.broken = true;
    const t = new Float64Array(n);
    detach(ctx, t.buffer as ArrayBuffer);
    data = { v: t, d: `detached Float64Array(${n})` };
  } else if (x < 0.8) {
    ctx.broken = true;
    const { buf, ta } = resizable(ctx, n, single32);
    buf.resize(0);
    data = { v: ta, d: `Float${single32 ? 32 : 64}Array(${n}) on a resizable buffer shrunk to 0` };
  } else {
    const v = r.pick(BAD_DATA());
    data = { v, d: describe(v) };
  }
  const shape = r.chance(0.5) ? { v: [n], d: `[${n}]` } : shapeArg(ctx);
  const args: Gen[] = [data, { v: dtype, d: describe(dtype) }, shape];
  if (r.chance(0.6)) {
    const nd = Array.isArray(shape.v) ? shape.v.length : 1;
    const s: unknown = r.chance(0.5)
      ? Array.from({ length: nd }, () => r.pick([1, -1, 0, 2, 1e15, -(2 ** 52), NaN, 1.5, 2 ** 53]))
      : r.pick(BAD_STRIDES);
    args.push({ v: s, d: describe(s) });
    if (r.chance(0.6)) {
      const o = r.chance(0.5) ? r.int(n + 2) : r.pick(BAD_OFFSETS);
      args.push({ v: o, d: describe(o) });
    }
  }
  return args;
}

function methodArgs(ctx: Ctx, m: string): Gen[] {
  const r = ctx.rng;
  const self = r.chance(0.85)
    ? goodArray(ctx, goodShape(ctx, 0))
    : r.chance(0.5)
    ? tampered(ctx)
    : forged(ctx);
  if (!(self.v instanceof NDArray)) {
    const a = makeView(ctx, r.pick(DTYPES), goodShape(ctx, 0), r.pick(MODES));
    self.v = a;
    self.d = describeView(a, "view");
  }
  const a = self.v as NDArray;
  // A tampered or forged receiver may have any shape: read it defensively.
  const shape: number[] = Array.isArray(a.shape) ? (a.shape as number[]) : [];
  const ndim = shape.length;
  const size = shape.every((d) => typeof d === "number") ? sizeOf(shape) : 1;
  const rest: Gen[] = [];
  switch (m) {
    case "reshape": {
      const x = r.next();
      if (x < 0.3) rest.push({ v: [size], d: `[${size}]` });
      else if (x < 0.45) rest.push({ v: [-1], d: "[-1]" });
      else if (x < 0.6) {
        const n = 1 + r.int(3);
        for (let i = 0; i < n; i++) {
          rest.push(r.chance(0.7) ? { v: r.pick([-1, 1, 2, size, 0]), d: "" } : scalarArg(ctx));
        }
        for (const g of rest) if (g.d === "") g.d = describe(g.v);
      } else rest.push(shapeArg(ctx));
      break;
    }
    case "transpose":
      if (r.chance(0.6)) {
        const axes = shape.map((_, i) => i).reverse();
        if (r.chance(0.5) && axes.length > 0) {
          axes[0] = r.pick([axes[0], -1, ndim, 1.5, NaN, axes[axes.length - 1]]);
        }
        rest.push({ v: axes, d: describe(axes) });
      } else if (r.chance(0.5)) rest.push(shapeArg(ctx));
      break;
    case "astype":
      rest.push(optionValue(ctx, "dtype"));
      break;
    case "copy":
      if (r.chance(0.6)) rest.push(optionValue(ctx, "order"));
      break;
    case "at": {
      const n = r.chance(0.7) ? ndim : r.int(4);
      for (let i = 0; i < n; i++) {
        rest.push(r.chance(0.7) ? { v: r.int(3) - 1, d: "" } : scalarArg(ctx));
      }
      for (const g of rest) if (g.d === "") g.d = describe(g.v);
      break;
    }
    default:
      if (r.chance(0.2)) rest.push(scalarArg(ctx));
  }
  return [self, ...rest];
}

// ---------------------------------------------------------------------------------------------
// .npy files: numpy's bytes, then broken headers, shapes, lengths and bytes.

const NPY_DESCRS = [
  "'<f8'",
  "'<f8'",
  "'>f8'",
  "'<f4'",
  "'>f4'",
  "'<c16'",
  "'>c8'",
  "'|b1'",
  "'<i4'",
  "'>u8'",
  "'<i8'",
  "'<f2'",
  "'|u1'",
  "'|i1'",
  "'O'",
  "'<U3'",
  "'<f16'",
  "[('a', '<f4')]",
  "'<M8[s]'",
  "12",
  "'<f8 '",
  "''",
  "'<f3'",
  "'<c4'",
  "None",
  "'" + "f".repeat(3000) + "'",
];
const NPY_SHAPES = [
  "()",
  "(2,)",
  "(2, 3)",
  "(3, 2)",
  "(0,)",
  "(0, 3)",
  "(1, 1)",
  "(2, 2, 2)",
  "(1000000, 1000000)",
  "(-1,)",
  "(-1, -1)",
  "(99999999999999999999,)",
  "(9007199254740993,)",
  "(2.5,)",
  "('a',)",
  "[2, 3]",
  "(2" + ", 1".repeat(70) + ")",
  "(" + "(".repeat(5000) + ")".repeat(5000) + ")",
  "(1, 1",
  "2",
  "(True,)",
  "(0x10,)",
  "(1_0,)",
  "(+2,)",
  "(2,,)",
  "(,)",
  "(2 3)",
  "(" + "1, ".repeat(64) + ")",
];

function npyArgs(ctx: Ctx): Gen[] {
  const r = ctx.rng;
  const x = r.next();
  if (x < 0.1) return [r.chance(0.5) ? r.pick(HOSTILE)(ctx) : arrayArg(ctx, 0)];
  let bytes: Uint8Array;
  let d: string;
  const save = (dl as Any).saveNpy as ((a: unknown) => Uint8Array) | undefined;
  if (x < 0.4 && save !== undefined) {
    const g = goodArray(ctx, goodShape(ctx, 0));
    try {
      bytes = save(g.v);
    } catch {
      bytes = new Uint8Array(0);
    }
    d = `saveNpy(${g.d})`;
  } else {
    const descr = r.pick(NPY_DESCRS);
    const fortran = r.pick(["False", "False", "True", "1", "None"]);
    const shape = r.chance(0.5) ? r.pick(NPY_SHAPES.slice(0, 8)) : r.pick(NPY_SHAPES);
    const layout = r.int(10);
    let header = layout === 0
      ? `{'descr': ${descr}, 'shape': ${shape}, }`
      : layout === 1
      ? `{'descr': ${descr}, 'fortran_order': ${fortran}, 'shape': ${shape}, 'extra': 1}`
      : layout === 2
      ? `{'descr': ${descr}, 'descr': ${descr}, 'fortran_order': ${fortran}, 'shape': ${shape}}`
      : layout === 3
      ? r.pick([
        "[1, 2]",
        "",
        "{",
        "{".repeat(20000),
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2,)",
        "{1: 2}",
        "'" + "x".repeat(70000),
      ])
      : `{'descr': ${descr}, 'fortran_order': ${fortran}, 'shape': ${shape}, }`;
    header = header.padEnd(Math.ceil((header.length + 11) / 64) * 64 - 11) + "\n";
    const major = r.chance(0.85) ? r.pick([1, 1, 2, 3]) : r.pick([0, 4, 9]);
    const minor = r.chance(0.95) ? 0 : 1;
    const lenBytes = major === 1 ? 2 : 4;
    const enc = major === 3
      ? new TextEncoder().encode(header)
      : Uint8Array.from(header, (c) => c.charCodeAt(0) & 0xff);
    let hlen = enc.length;
    if (r.chance(0.1)) hlen = r.pick([0, 0xffff, hlen + 1, hlen - 1, 0xffffffff]);
    // Data: what the shape needs when that is small, then cut or padded now and then.
    const size = /^\((\d+)(, (\d+))?,?\)$/.exec(shape);
    let count = size === null ? 2 : Number(size[1]) * (size[3] === undefined ? 1 : Number(size[3]));
    if (shape === "()") count = 1;
    if (!(count <= 4096)) count = 4;
    const width = /[0-9]+/.exec(descr)?.[0];
    let dataLen = count * Number(width ?? 8);
    if (r.chance(0.15)) dataLen = Math.max(0, dataLen + r.pick([-1, 1, -8, 8, 3]));
    bytes = new Uint8Array(8 + lenBytes + enc.length + dataLen);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, minor]);
    for (let i = 0; i < lenBytes; i++) bytes[8 + i] = Math.floor(hlen / 256 ** i) & 0xff;
    bytes.set(enc, 8 + lenBytes);
    for (let i = 8 + lenBytes + enc.length; i < bytes.length; i++) bytes[i] = r.int(256);
    d = `npy v${major}.${minor} ${
      header.length > 90 ? header.slice(0, 90) + "..." : header.trimEnd()
    } +${dataLen} bytes`;
  }
  if (r.chance(0.15) && bytes.length > 0) {
    const n = 1 + r.int(3);
    for (let i = 0; i < n; i++) bytes[r.int(Math.min(bytes.length, 128))] = r.int(256);
    d += ` with ${n} byte(s) changed`;
  }
  if (r.chance(0.1)) {
    bytes = bytes.subarray(0, r.int(bytes.length + 1));
    d += ` cut to ${bytes.length}`;
  }
  const how = r.int(6);
  if (how === 0) return [{ v: bytes.slice().buffer, d: `ArrayBuffer of ${d}` }];
  if (how === 1) {
    const big = new Uint8Array(bytes.length + 3);
    big.set(bytes, 3);
    return [{ v: big.subarray(3), d: `Uint8Array at offset 3 of ${d}` }];
  }
  if (how === 2 && bytes.length % 4 === 0) {
    return [{ v: new Uint32Array(bytes.slice().buffer), d: `Uint32Array of ${d}` }];
  }
  return [{ v: bytes, d }];
}

/** Paths for readNpy and writeNpy: never a file descriptor, never a file that exists. */
function ioArgs(ctx: Ctx, write: boolean): Gen[] {
  const r = ctx.rng;
  const paths: unknown[] = [
    "/nonexistent-dlapack-fuzz/a.npy",
    new URL("file:///nonexistent-dlapack-fuzz/b.npy"),
    "",
    null,
    undefined,
    {},
    [],
    3n,
    Symbol("s"),
    true,
    () => 1,
    new URL("http://localhost:1/x.npy"),
    "/nonexistent-dlapack-fuzz/\0.npy",
    ["a"],
    new Float64Array(2),
  ];
  const p = r.pick(paths);
  const path = { v: p, d: describe(p) };
  return write ? [path, arrayArg(ctx, 0)] : [path];
}

// ---------------------------------------------------------------------------------------------
// lapack.*: raw routines. A valid call (small sizes, generous arrays, identity pivots), then
// one to three arguments replaced by hostile ones: bad sizes, letters, classes, lengths,
// detached, shrunk and overlapping arrays, bad pivots, non-finite matrices.

const LETTERS: Record<string, string> = {
  TRANS: "NTC",
  TRANSA: "NTC",
  TRANSB: "NTC",
  UPLO: "UL",
  DIAG: "NU",
  JOBVL: "NV",
  JOBVR: "NV",
  JOBU: "ASON",
  JOBVT: "ASON",
  NORM: "1OI",
};
const INT_ARRAYS = new Set(["IPIV", "IWORK", "RANK"]);
const GUARD = 64;
const SENTINEL = -7.0e-77;

/**
 * A typed array of `length` elements followed, in the same buffer, by a guard of 64 elements
 * holding a sentinel: a routine that writes past what the checks allowed changes the guard.
 */
function guarded<T extends Float32Array | Float64Array | Int32Array>(
  ctx: Ctx,
  C: { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  const buf = new ArrayBuffer((length + GUARD) * C.BYTES_PER_ELEMENT);
  const all = new C(buf, 0, length + GUARD);
  all.fill(all instanceof Int32Array ? -123456789 : SENTINEL, length);
  const view = new C(buf, 0, length);
  ctx.guards.push({ all, from: length });
  return view;
}

/** Whether every guard still holds its sentinel. */
function guardsIntact(ctx: Ctx): boolean {
  for (const { all, from } of ctx.guards) {
    if (all.length === 0) continue; // detached by the call? then nothing was written either
    const want = all instanceof Int32Array
      ? -123456789
      : all instanceof Float32Array
      ? Math.fround(SENTINEL)
      : SENTINEL;
    for (let k = from; k < all.length; k++) if (all[k] !== want) return false;
  }
  return true;
}

function lapackArgs(ctx: Ctx, r: Routine): Gen[] {
  const g = ctx.rng;
  ctx.volatile = true; // LAPACK writes its output arrays: no immutability check
  const n = r.kinds.filter((k) => k !== "info").length;
  const names = r.names.slice(0, n);
  const kinds = r.kinds.slice(0, n);
  const F = r.double ? Float64Array : Float32Array;
  const cx = r.type === "c" || r.type === "z";
  const dims: Record<string, number> = {};
  for (const d of ["M", "N", "K", "NRHS"]) dims[d] = g.pick([0, 1, 1, 2, 3, 3, 4, 5]);
  const big = Math.max(1, dims.M, dims.N, dims.K, dims.NRHS);
  const ld = big + g.int(2);
  const query = g.chance(0.25);
  const len = (ld * big + 8 * big * big + 64) * (cx ? 2 : 1) + 1200;
  const vals: unknown[] = [];
  const desc: string[] = [];
  const lengths: number[] = [];
  for (let i = 0; i < n; i++) {
    const name = names[i];
    const kind = kinds[i];
    let v: unknown;
    let d: string;
    if (kind === "i") {
      if (name in dims) v = dims[name];
      else if (name.startsWith("LD")) v = ld;
      else if (/^L[IR]?WORK$/.test(name)) v = query ? -1 : 1000;
      else if (name.startsWith("INC")) v = g.pick([1, 1, 1, -1, 2]);
      else v = big;
      d = `${name}=${v}`;
    } else if (kind === "c") {
      const letters = name === "JOBZ"
        ? (r.name.endsWith("gesdd") ? "ASON" : "NV")
        : LETTERS[name] ?? "N";
      v = letters[g.int(letters.length)];
      d = `${name}=${JSON.stringify(v)}`;
    } else if (kind === "r") {
      v = name === "RCOND" ? g.pick([-1, 1e-10, 0.1]) : g.pick([1, 2.5, 0]);
      d = `${name}=${v}`;
    } else if (kind === "s") {
      const a = new F(cx ? 2 : 1);
      a[0] = g.pick([1, 0, -1, 0.5]);
      v = a;
      d = `${name}=${F.name}(${a.length})`;
    } else {
      if (INT_ARRAYS.has(name)) {
        const stride = dl.lapack.intStride();
        const a = guarded(ctx, Int32Array, len * stride);
        for (let k = 0; k < len; k++) {
          a[k * stride] = name === "IPIV" ? 1 + (k % Math.max(1, dims.N)) : 0;
        }
        v = a;
        d = `${name}=intArray(${len})`;
      } else {
        const a = guarded(ctx, F as typeof Float64Array, len);
        for (let k = 0; k < a.length; k++) a[k] = entry(ctx, 0);
        v = a;
        d = `${name}=${F.name}(${len})`;
      }
      lengths[i] = len;
    }
    vals.push(v);
    desc.push(d);
  }
  // Hostile replacements.
  const hits = g.pick([0, 1, 1, 1, 2, 2, 3]);
  for (let h = 0; h < hits && n > 0; h++) {
    const i = g.int(n);
    const name = names[i];
    let v: unknown;
    switch (kinds[i]) {
      case "i":
        v = g.pick<unknown>([
          -1,
          -2,
          0,
          2 ** 31,
          2 ** 31 - 1,
          2 ** 32 + 1,
          2 ** 53,
          1e300,
          NaN,
          Infinity,
          1.5,
          -0,
          "3",
          3n,
          null,
          undefined,
          ld - 1,
          big + 100,
          1e9,
          -(2 ** 31),
        ]);
        break;
      case "c":
        v = g.pick<unknown>([
          "X",
          "",
          "NN",
          "n",
          "u",
          1,
          null,
          undefined,
          "\u0000",
          Symbol("s"),
          "A",
          "V",
          "O",
          "C",
        ]);
        break;
      case "r":
        v = g.pick<unknown>([NaN, Infinity, -1, "1", null, 1n, -0, 1e300]);
        break;
      default: {
        const x = g.next();
        const other = r.double ? Float32Array : Float64Array;
        const peers = vals.filter((p, k) => k !== i && ArrayBuffer.isView(p)) as Float64Array[];
        if (x < 0.15) {
          // Shorter, often near the documented minimum: the checks must refuse what LAPACK
          // would overrun, and whatever they accept must not be written past (the guard).
          const L = g.int(g.pick([4, 16, 64, 256, len]));
          const t = vals[i];
          if (t instanceof Int32Array) {
            const stride = dl.lapack.intStride();
            const a = guarded(ctx, Int32Array, L * stride);
            for (let k = 0; k < L; k++) {
              a[k * stride] = name === "IPIV" ? 1 + (k % Math.max(1, dims.N)) : 0;
            }
            v = a;
          } else {
            const a = guarded(ctx, F as typeof Float64Array, L);
            for (let k = 0; k < L; k++) a[k] = entry(ctx, 0);
            v = a;
          }
        } else if (x < 0.25) v = new other(len);
        else if (x < 0.3) v = new Int32Array(len);
        else if (x < 0.35) v = new Uint8Array(len * 8);
        else if (x < 0.4) {
          v = g.pick<unknown>([
            [1, 2, 3],
            null,
            undefined,
            {},
            "A",
            3,
            new DataView(new ArrayBuffer(64)),
          ]);
        } else if (x < 0.48) {
          const t = new F(len);
          detach(ctx, t.buffer as ArrayBuffer);
          v = t;
        } else if (x < 0.56) {
          const { buf, ta } = resizable(ctx, len, !r.double);
          buf.resize(g.int(4) * (r.double ? 8 : 4));
          v = ta;
        } else if (x < 0.7 && peers.length > 0) {
          const p = g.pick(peers);
          try {
            v = g.chance(0.5) ? p : p.subarray(g.int(Math.max(1, p.length >> 1)));
          } catch {
            v = p; // a detached peer
          }
        } else if (x < 0.75) {
          v = new F(new SharedArrayBuffer(len * F.BYTES_PER_ELEMENT) as unknown as ArrayBuffer);
        } else if (x < 0.82 && vals[i] instanceof Int32Array) {
          v = (vals[i] as Int32Array).subarray(1);
        } else if (x < 0.9 && ArrayBuffer.isView(vals[i])) {
          // Contents: non-finite entries, or pivots out of range.
          const t = vals[i] as Float64Array | Int32Array;
          for (let k = 0; k < 3 && t.length > 0; k++) {
            t[g.int(Math.min(t.length, 40))] = t instanceof Int32Array
              ? g.pick([0, -1, big + 1, 2 ** 31 - 1])
              : g.pick([NaN, Infinity, -Infinity]);
          }
          v = t;
        } else {
          try {
            v = (vals[i] as Float64Array)?.subarray?.(0, g.int(8)) ?? null;
          } catch {
            v = null;
          }
        }
      }
    }
    vals[i] = v;
    desc[i] = `${name}=${describe(v)}${
      ArrayBuffer.isView(v) ? `(${(v as Float64Array).length ?? "?"})` : ""
    } <-`;
  }
  const out = vals.map((v, i) => ({ v, d: desc[i] }));
  if (g.chance(0.03)) out.pop();
  if (g.chance(0.03)) out.push({ v: 1, d: "extra 1" });
  return out;
}

function intArrayArgs(ctx: Ctx): Gen[] {
  const v = ctx.rng.chance(0.5)
    ? ctx.rng.pick([0, 1, 5, 100])
    : ctx.rng.pick(SCALARS.concat([2 ** 40, 1e15, -1, 2 ** 53]));
  return [{ v, d: describe(v) }];
}

const IO = new Set(["readNpy", "writeNpy"]);
const CUSTOM: Record<string, (ctx: Ctx) => Gen[]> = {
  loadNpy: npyArgs,
  saveNpy: (ctx) => [arrayArg(ctx, 0)],
  readNpy: (ctx) => ioArgs(ctx, false),
  writeNpy: (ctx) => ioArgs(ctx, true),
};

function otherArgs(ctx: Ctx, length: number): Gen[] {
  const r = ctx.rng;
  const n = r.chance(0.8) ? Math.max(1, length) : r.int(4);
  const args: Gen[] = [];
  for (let i = 0; i < n; i++) {
    const x = r.next();
    args.push(
      x < 0.3
        ? optionValue(ctx, "dtype")
        : x < 0.6
        ? shapeArg(ctx)
        : x < 0.8
        ? arrayArg(ctx, i)
        : scalarArg(ctx),
    );
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Checks: immutability (a hash of every array reachable from the arguments), results, errors.

/** FNV-1a over everything reachable from `roots` (arrays, plain objects, typed arrays, NDArrays). */
function fingerprint(roots: unknown[], skip: Set<unknown>): number {
  let h = 0x811c9dc5;
  const mix = (x: number) => {
    h = Math.imul(h ^ (x & 0xff), 16777619);
    h = Math.imul(h ^ ((x >>> 8) & 0xff), 16777619);
    h = Math.imul(h ^ ((x >>> 16) & 0xff), 16777619);
    h = Math.imul(h ^ (x >>> 24), 16777619);
  };
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  const num = (x: number) => {
    f64[0] = x;
    mix(u32[0]);
    mix(u32[1]);
  };
  const str = (s: string) => {
    mix(s.length);
    for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
  };
  const seen = new Set<unknown>();
  const stack: unknown[] = roots.slice().reverse();
  let budget = 300000;
  while (stack.length > 0 && budget-- > 0) {
    const v = stack.pop();
    if (typeof v === "number") {
      num(v);
      continue;
    }
    if (typeof v === "string") {
      str(v);
      continue;
    }
    if (typeof v !== "object" || v === null || typeof v === "function") {
      str(typeof v);
      continue;
    }
    if (seen.has(v) || skip.has(v)) {
      mix(7);
      continue;
    }
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      let b: Uint8Array;
      try {
        b = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      } catch {
        mix(0xdead); // detached or out of bounds
        continue;
      }
      mix(b.length);
      for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 16777619);
      continue;
    }
    if (
      v instanceof ArrayBuffer || v instanceof Map || v instanceof Set || v instanceof Date ||
      v instanceof Promise
    ) {
      str(Object.prototype.toString.call(v));
      continue;
    }
    if (Array.isArray(v)) {
      mix(v.length);
      for (let i = v.length - 1; i >= 0; i--) stack.push(i in v ? v[i] : "<hole>");
      continue;
    }
    for (const k of Object.keys(v).reverse()) {
      str(k);
      stack.push((v as Any)[k]);
    }
  }
  return h >>> 0;
}

const ALLOWED = new Set(["TypeError", "RangeError", "LinAlgError"]);
// numpy's own words, which a message may start with although they do not start with a capital.
const NUMPY_WORDS =
  /^(\d+-dimensional array given\. |cond is not defined on empty arrays|'axis' must be None, an integer or a tuple of integers|`\w+` and `\w+` can't be both set)/;
// Messages of the JS engines themselves (V8, JavaScriptCore): a check the library did not make.
const ENGINE =
  /^(Cannot read propert|Cannot set propert|Cannot convert|Cannot mix BigInt|Cannot perform|Cannot create property|Invalid typed array length|Invalid array length|Underlying ArrayBuffer|undefined is not|null is not|Array buffer allocation failed|Out of memory$)|is not a function|is not iterable|is not an object|is not a constructor|detached ArrayBuffer|out-of-bounds ArrayBuffer/;

export interface Finding {
  kind: string;
  fn: string;
  detail: string;
  input: string;
  index: number;
  count: number;
}

const findings = new Map<string, Finding>();
function find(kind: string, fn: string, detail: string, input: string, index: number): void {
  const key = `${kind}|${fn}|${detail.replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/g, "#").slice(0, 160)}`;
  const f = findings.get(key);
  if (f !== undefined) f.count++;
  else {findings.set(key, {
      kind,
      fn,
      detail: detail.slice(0, 400),
      input: input.slice(0, 600),
      index,
      count: 1,
    });}
}

const errorsByClass: Record<string, number> = {};
const byFunction: Record<
  string,
  { calls: number; ok: number; ms: number; errors: Record<string, number> }
> = {};
const engineErrors: Record<string, { count: number; fn: string; message: string; input: string }> =
  {};
let calls = 0;
let results = 0;

/** Classifies a thrown value: returns undefined when it is acceptable. */
function badError(
  e: unknown,
  ctx: Ctx,
  input: string,
): { kind: string; detail: string } | undefined {
  if (!(e instanceof Error)) {
    return { kind: "wrongClass", detail: `threw a non-Error: ${describe(e)}` };
  }
  const name = e.name;
  const msg = typeof e.message === "string" ? e.message : "";
  if (/Maximum call stack|call stack size|too much recursion|stack overflow/i.test(msg)) {
    return { kind: "wrongClass", detail: `stack overflow: ${name}: ${msg}` };
  }
  // The file system's own errors (ENOENT, Deno's NotFound, a denied permission) for file I/O.
  if (
    IO.has(ctx.fname) &&
    (typeof (e as Any).code === "string" || /^(NotFound|NotCapable|PermissionDenied)$/.test(name))
  ) return undefined;
  if (!ALLOWED.has(name)) return { kind: "wrongClass", detail: `${name}: ${msg}` };
  if (/Internal error|bug in dlapack/i.test(msg)) {
    return { kind: "wrongClass", detail: `internal error: ${name}: ${msg}` };
  }
  if (ENGINE.test(msg)) {
    const key = `${name}: ${msg.replace(/\d+/g, "#").slice(0, 100)}`;
    const rec = engineErrors[key];
    if (rec === undefined) {
      engineErrors[key] = {
        count: 1,
        fn: ctx.fname,
        message: `${name}: ${msg}`.slice(0, 200),
        input: input.slice(0, 300),
      };
    } else rec.count++;
    // Forged or tampered arrays, detached or shrunk buffers: the engine's own TypeError is
    // fine. Anything else: the library let a value through unchecked, whatever the message
    // (V8's "Cannot read properties of null" passes for a capitalized message; JSC's "null is
    // not an object" does not: both are the same missing check).
    if (ctx.lenient || ctx.broken) return undefined;
    if (!IO.has(ctx.fname)) return { kind: "engineError", detail: `${name}: ${msg}` };
  }
  if (msg.length === 0 || !(/^[A-Z]/.test(msg) || NUMPY_WORDS.test(msg))) {
    if (ctx.lenient) return undefined;
    return { kind: "badMessage", detail: `${name}: ${msg}` };
  }
  return undefined;
}

const MAX_DATA_CHECK = 1 << 20;

/** Checks an NDArray result; returns a problem or undefined. */
function badNDArray(a: unknown, ctx: Ctx, infOk: boolean): string | undefined {
  if (!(a instanceof NDArray)) return `expected an NDArray, got ${describe(a)}`;
  try {
    new NDArray(a.data, a.dtype, a.shape, a.strides, a.offset);
  } catch (e) {
    if (ctx.broken || ctx.lenient) return undefined;
    return `an invalid NDArray: ${(e as Error).message}`;
  }
  if (ctx.extreme || infOk || ctx.lenient || ctx.broken) return undefined;
  const d = a.data;
  if (d.length > MAX_DATA_CHECK) return undefined;
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    if (x === Infinity || x === -Infinity) {
      return `an infinite value at data[${i}] from finite input`;
    }
  }
  return undefined;
}

/** numpy's result shape, for the functions where it is simple; undefined when unknown. */
function expectedShapes(
  name: string,
  args: unknown[],
): Record<string, number[]> | number[] | undefined {
  const a = args[0];
  if (!(a instanceof NDArray) || a.ndim < 2) return undefined;
  const s = a.shape.slice();
  const nd = s.length;
  const lead = s.slice(0, nd - 2);
  const [m, n] = [s[nd - 2], s[nd - 1]];
  switch (name) {
    case "inv":
    case "cholesky":
    case "matrixPower":
      return s;
    case "det":
      return lead;
    case "slogdet":
      return { sign: lead, logabsdet: lead };
    case "eigvals":
    case "eigvalsh":
      return s.slice(0, nd - 1);
    case "eig":
    case "eigh":
      return { eigenvalues: s.slice(0, nd - 1), eigenvectors: s };
    case "svdvals":
      return [...lead, Math.min(m, n)];
    case "pinv": {
      // An array rcond/rtol broadcasts against the stack (numpy too): only plain calls.
      const o = args[1] as Any;
      if (
        typeof o === "object" && o !== null &&
        (typeof o.rcond === "object" || typeof o.rtol === "object")
      ) return undefined;
      return [...lead, n, m];
    }
    case "matrixTranspose":
      return [...lead, n, m];
    default:
      return undefined;
  }
}

// Infinity is a right answer here: log|det| of a singular matrix, the condition number of a
// singular matrix, a norm of negative order over zeros or an empty array (1 / 0, as numpy).
const INF_OK = new Set([
  "slogdet",
  "cond",
  "norm",
  "vectorNorm",
  "matrixNorm",
  "NDArray#toArray",
  "NDArray#item",
  "NDArray#at",
]);

function checkResult(t: Target, r: unknown, args: unknown[], ctx: Ctx): string | undefined {
  if (t.returns === "any") return undefined;
  const infOk = INF_OK.has(t.name);
  if (t.returns === "ndarray" || r instanceof NDArray) {
    const p = badNDArray(r, ctx, infOk);
    if (p !== undefined) return p;
  } else {
    if (typeof r !== "object" || r === null) {
      return `expected an NDArray or an object of NDArrays, got ${describe(r)}`;
    }
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === "number" && Number.isFinite(v)) continue; // lstsq's rank, as numpy's int
      const p = badNDArray(v, ctx, infOk);
      if (p !== undefined) return `${k}: ${p}`;
    }
  }
  if (ctx.lenient || ctx.broken) return undefined;
  const want = t.group === "linalg" ? expectedShapes(t.name, args) : undefined;
  if (want !== undefined) {
    const same = (x: readonly number[], y: readonly number[]) =>
      x.length === y.length && x.every((d, i) => d === y[i]);
    if (Array.isArray(want)) {
      if (r instanceof NDArray && !same(r.shape, want)) {
        return `shape [${r.shape}], expected [${want}]`;
      }
    } else {
      for (const [k, s] of Object.entries(want)) {
        const v = (r as Any)[k];
        if (v instanceof NDArray && !same(v.shape, s)) {
          return `${k} has shape [${v.shape}], expected [${s}]`;
        }
      }
    }
  }
  if (t.name === "zeros" || t.name === "ones" || t.name === "empty") {
    const s = args[0];
    const want2 = typeof s === "number" ? [s] : (s as number[]);
    const got = (r as NDArray).shape;
    if (got.length !== want2.length || got.some((d, i) => d !== want2[i])) {
      return `shape [${got}], expected [${want2}]`;
    }
  }
  return undefined;
}

/** Element-wise comparison of two arrays of the same shape; NaN equals NaN. */
function sameValues(a: NDArray, b: NDArray): string | undefined {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    return `shape [${a.shape}] vs [${b.shape}]`;
  }
  const x = a.toArray();
  const y = b.toArray();
  const flat = (v: unknown, acc: number[]) => {
    if (Array.isArray(v)) { for (const e of v) flat(e, acc); }
    else if (typeof v === "number") acc.push(v);
    else {
      acc.push((v as Any).re);
      acc.push((v as Any).im);
    }
    return acc;
  };
  const p = flat(x, []);
  const q = flat(y, []);
  for (let i = 0; i < p.length; i++) {
    const u = p[i];
    const v = q[i];
    if (Number.isNaN(u) && Number.isNaN(v)) continue;
    if (u === v) continue;
    if (Math.abs(u - v) <= 1e-9 * (1 + Math.abs(u))) continue;
    return `element ${i}: ${u} (no out) vs ${v} (out)`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The loop.

function note(index: number, text: string): void {
  if (LAST !== undefined) writeFileSync(LAST, `${index}: ${text}`);
  if (VERBOSE) process.stderr.write(`#${index} ${text}\n`);
}

function freshCtx(seed: number, fname: string): Ctx {
  return {
    rng: new Rng(seed),
    fname,
    lenient: false,
    extreme: false,
    volatile: false,
    broken: false,
    aliasOut: false,
    huge: !NO_HUGE.has(fname) && !NO_HUGE.has(fname.replace("NDArray#", "")),
    m: 0,
    n: 0,
    k: 0,
    stack: [],
    made: [],
    guards: [],
    keys: undefined,
  };
}

function count(fn: string, outcome: string): void {
  const b = (byFunction[fn] ??= { calls: 0, ok: 0, ms: 0, errors: {} });
  b.calls++;
  calls++;
  if (outcome === "ok") {
    b.ok++;
    results++;
  } else {
    b.errors[outcome] = (b.errors[outcome] ?? 0) + 1;
    errorsByClass[outcome] = (errorsByClass[outcome] ?? 0) + 1;
  }
}

interface Outcome {
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

/** One call with its checks. */
function attempt(
  t: Target,
  args: unknown[],
  input: string,
  ctx: Ctx,
  index: number,
  skipImmut: Set<unknown>,
): Outcome {
  const check = !ctx.volatile;
  const before = check ? fingerprint(args, skipImmut) : 0;
  let out: Outcome;
  try {
    if (DRY) throw new TypeError("Dry run");
    out = { ok: true, value: t.call(args) };
  } catch (e) {
    out = { ok: false, error: e };
  }
  if (ctx.guards.length > 0 && !guardsIntact(ctx)) {
    find(
      "overrun",
      t.name,
      `wrote past an array the checks accepted (${out.ok ? "returned" : "threw"})`,
      input,
      index,
    );
  }
  if (check && !(ctx.aliasOut && out.ok)) {
    const after = fingerprint(args, skipImmut);
    if (after !== before) find("mutated", t.name, "an input changed", input, index);
  }
  if (out.ok) {
    count(t.name, "ok");
    const p = checkResult(t, out.value, args, ctx);
    if (p !== undefined) find("badResult", t.name, p, input, index);
  } else {
    const e = out.error;
    const cls = e instanceof Error ? e.name : `non-Error ${typeof e}`;
    count(t.name, cls);
    const bad = badError(e, ctx, input);
    if (bad !== undefined) find(bad.kind, t.name, bad.detail, input, index);
  }
  if (VERBOSE) {
    const e = out.error as Error | undefined;
    process.stderr.write(
      `   -> ${out.ok ? `ok ${describe(out.value)}` : `${e?.name}: ${e?.message}`}\n`,
    );
  }
  return out;
}

/**
 * The arguments with `out` added to the options object (the last declared parameter), or
 * undefined when that slot holds something else (the first call then had no options).
 */
function withOut(args: unknown[], arity: number, outValue: NDArray): unknown[] | undefined {
  const pos = arity - 1;
  if (pos < 1 || args.length > arity || args.length < pos) return undefined;
  const copy = args.slice();
  const o = copy[pos];
  if (o === undefined) copy[pos] = { out: outValue };
  else if (typeof o === "object" && o !== null && Object.getPrototypeOf(o) === Object.prototype) {
    copy[pos] = { ...o, out: outValue };
  } else return undefined;
  return copy;
}

/** A second call with an `out` of the result's shape: a strided view must get the same values. */
function outPhase(
  t: Target,
  args: unknown[],
  input: string,
  r: NDArray,
  ctx: Ctx,
  index: number,
): void {
  const rng = ctx.rng;
  const x = rng.next();
  const inputs = new Set<unknown>();
  for (const a of args) if (a instanceof NDArray) inputs.add(a.data.buffer);
  if (inputs.has(r.data.buffer)) return; // a view of an input (matrixTranspose): nothing to write
  let out: NDArray;
  let d: string;
  let kind: "view" | "dtype" | "shape" | "alias";
  if (x < 0.6) {
    const mode = rng.pick(CLEAN_MODES);
    out = makeView(ctx, r.dtype as DT, r.shape.slice(), mode);
    d = `out ${describeView(out, mode)}`;
    kind = "view";
  } else if (x < 0.75) {
    const dt = rng.pick(DTYPES.filter((z) => z !== r.dtype));
    out = makeView(ctx, dt, r.shape.slice(), "C");
    d = `out of dtype ${dt}`;
    kind = "dtype";
  } else if (x < 0.9) {
    const s = r.shape.slice();
    if (s.length > 0 && rng.chance(0.6)) s[rng.int(s.length)] += rng.chance(0.5) ? 1 : -1;
    else s.push(1);
    if (s.some((z) => z < 0)) s.push(2);
    if (s.length > 64) return;
    out = makeView(ctx, r.dtype as DT, s.map((z) => Math.max(0, z)), "C");
    d = `out of shape [${out.shape}]`;
    kind = "shape";
  } else {
    const a = args[0];
    if (
      !(a instanceof NDArray) || a.dtype !== r.dtype || a.shape.length !== r.shape.length ||
      a.shape.some((z, i) => z !== r.shape[i])
    ) return;
    out = a;
    d = "out = the input itself";
    kind = "alias";
    ctx.aliasOut = true;
  }
  const args2 = withOut(args, t.arity, out);
  if (args2 === undefined) return;
  const input2 = `${input} + ${d}`;
  note(index, `${t.name} ${input2}`);
  const skip = new Set<unknown>([out]);
  if (kind === "alias") skip.clear();
  const o = attempt(t, args2, input2, ctx, index, skip);
  if (!o.ok) return;
  if (o.value !== out) {
    // A function without `out` must refuse it (a TypeError, as numpy's for a keyword it
    // lacks), not return another array: the caller would read a buffer never written.
    const p = o.value instanceof NDArray ? sameValues(r, o.value) : "not an NDArray";
    if (p !== undefined) find("outMismatch", t.name, `out ignored, and then: ${p}`, input2, index);
    else {find(
        "outIgnored",
        t.name,
        "out was given but not used (an option a function does not take must be a TypeError)",
        input2,
        index,
      );}
    return;
  }
  if (kind === "shape") {
    find("outMismatch", t.name, `accepted ${d} for a result of shape [${r.shape}]`, input2, index);
    return;
  }
  if (kind === "dtype") return; // numpy casts into `out` ("same_kind"); dlapack may refuse
  const p = sameValues(r, out);
  if (p !== undefined) find("outMismatch", t.name, `with out: ${p}`, input2, index);
}

const TRACE_RSS = env("FUZZ_TRACE_RSS") === "1";
// Known crashes (see fuzz_test.ts): calls whose "name(input)" matches are not made.
const EXCLUDE: RegExp[] = (JSON.parse(env("FUZZ_EXCLUDE") ?? "[]") as string[]).map((x) =>
  new RegExp(x)
);
const excluded: Record<string, number> = {};
const DRY = env("FUZZ_DRY") === "1";
let lastRss = 0;

async function main(): Promise<void> {
  const list = await targets();
  const groups = {
    linalg: list.filter((t) => t.group === "linalg"),
    lapack: list.filter((t) => t.group === "lapack"),
    rest: list.filter((t) => t.group !== "linalg" && t.group !== "lapack"),
  };
  const started = Date.now();
  const slow: { ms: number; fn: string; index: number }[] = [];
  for (let index = FROM; index < FROM + CALLS; index++) {
    const pickRng = new Rng(streamSeed(SEED, index) ^ 0x5bd1e995);
    // 55% linalg, 20% lapack, 25% the rest (of the groups that are not empty).
    const x = pickRng.next();
    const pool = [
      x < 0.55 ? groups.linalg : x < 0.75 ? groups.lapack : groups.rest,
      groups.linalg,
      groups.lapack,
      groups.rest,
    ]
      .find((p) => p.length > 0)!;
    const t = pool[pickRng.int(pool.length)];
    const ctx = freshCtx(streamSeed(SEED, index), t.name);
    ctx.keys = t.keys;
    scenario(ctx);
    let gens: Gen[];
    try {
      gens = t.args(ctx);
    } catch (e) {
      find(
        "generator",
        t.name,
        `the fuzzer's own generator failed: ${(e as Error)?.stack ?? e}`,
        "",
        index,
      );
      continue;
    }
    const args = gens.map((g) => g.v);
    const input = `(${gens.map((g) => g.d).join(", ")})`;
    if (EXCLUDE.some((re) => re.test(`${t.name}${input}`))) {
      excluded[t.name] = (excluded[t.name] ?? 0) + 1;
      continue;
    }
    note(index, `${t.name}${input}`);
    const t0 = Date.now();
    // `out` is written by design: it is not an input (unless it aliases one).
    const skip = new Set<unknown>();
    for (const a of args.slice(1)) {
      if (
        typeof a !== "object" || a === null || Array.isArray(a) || ArrayBuffer.isView(a) ||
        ctx.volatile || ctx.aliasOut
      ) continue;
      try {
        if (Object.hasOwn(a, "out")) skip.add((a as Any).out);
      } catch { /* a Proxy */ }
    }
    const o = attempt(t, args, input, ctx, index, skip);
    if (
      o.ok && t.group === "linalg" && o.value instanceof NDArray && !ctx.lenient && !ctx.broken &&
      !ctx.volatile && ctx.rng.chance(0.3)
    ) {
      const lastArg = args[args.length - 1];
      if (!(typeof lastArg === "object" && lastArg !== null && "out" in lastArg)) {
        outPhase(t, args, input, o.value, ctx, index);
      }
    }
    const ms = Date.now() - t0;
    if (TRACE_RSS) {
      const rss = process.memoryUsage().rss;
      if (index % 500 === 0) {
        process.stderr.write(`#${index} ${JSON.stringify(process.memoryUsage())}\n`);
      }
      if (rss > lastRss + 50e6) {
        process.stderr.write(
          `rss +${((rss - lastRss) / 1e6).toFixed(0)} MB to ${
            (rss / 1e6).toFixed(0)
          } MB at #${index} ${t.name}${input}\n`,
        );
      }
      lastRss = rss;
    }
    byFunction[t.name].ms += ms;
    if (slow.length < 5 || ms > slow[slow.length - 1].ms) {
      slow.push({ ms, fn: t.name, index });
      slow.sort((a, b) => b.ms - a.ms);
      slow.length = Math.min(slow.length, 5);
    }
  }
  const list2 = [...findings.values()].sort((a, b) => (a.kind + a.fn).localeCompare(b.kind + b.fn));
  const report = {
    seed: SEED,
    from: FROM,
    calls,
    results,
    excluded,
    errorsByClass,
    ms: Date.now() - started,
    functions: list.map((t) => t.name),
    byFunction,
    findings: list2,
    engineErrors: Object.values(engineErrors).sort((a, b) => b.count - a.count).slice(0, 40),
    slowest: slow,
  };
  process.stdout.write(`FUZZ_REPORT ${JSON.stringify(report)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Reproductions of known crashes (FUZZ_REPRO=name): the fuzz loop skips these inputs (see
// FUZZ_EXCLUDE), and fuzz_test.ts runs each alone, so that a crash takes only its own process.

const REPROS: Record<string, () => unknown> = {
  /** A valid zero-stride view of 2^40 elements: toArray() must refuse, not exhaust the heap. */
  toArrayHuge: () =>
    new NDArray(new Float64Array(1), "float64", [2 ** 20, 2 ** 20], [0, 0]).toArray(),
  /** A real array whose shape array was changed in place: LAPACK must never see -2. */
  changedShape: () => {
    const a: Any = dl.zeros([2, 2]);
    a.shape[0] = -2;
    return dl.linalg.det(a);
  },
  /** A look-alike of an array with a negative shape: LAPACK must never see -2. */
  negativeDimsDet: () => dl.linalg.det(lookAlike(dl.zeros([2, 2]), { shape: [-2, -2] })),
  /** The same through inv, whose kernel factory queries LAPACK's workspace first. */
  negativeDimsInv: () => dl.linalg.inv(lookAlike(dl.zeros([3, 3]), { shape: [-3, -3] })),
  /** A negative shape: reshape's no-copy stride search must not loop forever. */
  reshapeNegativeShape: () =>
    lookAlike(dl.zeros([1, 3, 2, 2]), { shape: [-1, 3, 2, 2] }).reshape([-1]),
  /** A number is not a path: it must not be taken as a file descriptor (2: stderr). */
  npyFileDescriptor: () => (dl as Any).writeNpy(2, [1, 2]),
};

/** An object with an NDArray's prototype and fields, some replaced: real arrays are frozen. */
function lookAlike(a: NDArray, changes: Record<string, unknown>): NDArray {
  const o: Any = Object.create(NDArray.prototype);
  for (const k of ["dtype", "shape", "strides", "offset", "data"]) o[k] = (a as Any)[k];
  return Object.assign(o, changes);
}

function repro(name: string): void {
  const f = REPROS[name];
  if (f === undefined) throw new Error(`No reproduction named ${name}`);
  let out: Record<string, unknown>;
  try {
    const r = f();
    out = { ok: true, result: describe(r) };
  } catch (e) {
    const err = e as Error;
    out = { ok: false, name: err?.name, message: String(err?.message).slice(0, 300) };
  }
  process.stdout.write(`FUZZ_REPRO ${JSON.stringify(out)}\n`);
}

/** Moves to a scratch directory, so that files written by fuzzed calls land there. */
function scratch(): () => void {
  const given = env("FUZZ_DIR");
  const dir = given ?? mkdtempSync(join(tmpdir(), "dlapack-fuzz-"));
  const back = process.cwd();
  process.chdir(dir);
  return () => {
    process.chdir(back);
    if (given === undefined) rmSync(dir, { recursive: true, force: true });
  };
}

const REPRO = env("FUZZ_REPRO");
const restore = scratch();
try {
  if (REPRO !== undefined) repro(REPRO);
  else await main();
} finally {
  restore();
}
