// The fuzz child (_fuzz_child.ts), part 1: configuration, the PRNG, the per-call context,
// views, detached buffers, scenario shapes and hostile values.
import process from "node:process";
import { NDArray } from "../mod.ts";

// deno-lint-ignore no-explicit-any
export type Any = any;
export type Fn = (...args: unknown[]) => unknown;

export const env = (k: string): string | undefined => process.env[k];
export const SEED = Number(env("FUZZ_SEED") ?? 1) >>> 0;
export const CALLS = Number(env("FUZZ_CALLS") ?? 20000);
export const FROM = Number(env("FUZZ_FROM") ?? 0);
export const ONLY = (env("FUZZ_ONLY") ?? "").split(",").filter((s) => s !== "");
export const LAST = env("FUZZ_LAST_FILE");
export const VERBOSE = env("FUZZ_VERBOSE") === "1";

// ---------------------------------------------------------------------------------------------
// PRNG: one mulberry32 stream per call, seeded from (seed, index).

export class Rng {
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

export function streamSeed(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// The per-call context and generated values.

export interface Ctx {
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

export interface Gen {
  v: unknown;
  d: string;
}

export const DTYPES = ["float64", "float32", "complex128", "complex64"] as const;
export type DT = (typeof DTYPES)[number];
export const SHORT: Record<DT, string> = {
  float64: "f64",
  float32: "f32",
  complex128: "c128",
  complex64: "c64",
};
export const fpi = (d: string) => (d === "complex128" || d === "complex64" ? 2 : 1);
export const single = (d: string) => d === "float32" || d === "complex64";

export const SPECIAL = [
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

export function entry(ctx: Ctx, special: number): number {
  const r = ctx.rng;
  if (special > 0 && r.chance(special)) {
    ctx.extreme = true;
    return r.pick(SPECIAL);
  }
  if (r.chance(0.45)) return r.int(9) - 4;
  if (r.chance(0.05)) return -0;
  return (r.next() * 2 - 1) * 3;
}

export const cStrides = (shape: readonly number[]): number[] => {
  const s = shape.map(() => 1);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i] || 1;
  }
  return s;
};
export const fStrides = (shape: readonly number[]): number[] => {
  const s = shape.map(() => 1);
  let acc = 1;
  for (let i = 0; i < shape.length; i++) {
    s[i] = acc;
    acc *= shape[i] || 1;
  }
  return s;
};
export const sizeOf = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);
export const shapeStr = (shape: readonly unknown[]) =>
  `[${shape.map((d) => describe(d)).join(",")}]`;

export const MODES = [
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
export const CLEAN_MODES = ["C", "F", "strided", "neg", "offset", "T"] as const;

/** A real NDArray of this shape and dtype, laid out as `mode` says, over random data. */
export function makeView(ctx: Ctx, dtype: DT, shape: number[], mode: string, special = 0): NDArray {
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
  // Results may be int32 (matrixRank) or bool: their out arrays need that storage.
  const storage = dtype as string;
  const data = storage === "int32"
    ? new Int32Array(items)
    : storage === "bool"
    ? new Uint8Array(items)
    : single(dtype)
    ? new Float32Array(items * f)
    : new Float64Array(items * f);
  for (let i = 0; i < data.length; i++) data[i] = entry(ctx, special);
  const a = new NDArray(data as Float64Array, dtype, shape, strides, offset);
  ctx.made.push(a);
  return a;
}

export function describeView(a: NDArray, mode: string): string {
  return `${SHORT[a.dtype as DT]}${shapeStr(a.shape)}${mode === "C" ? "" : mode}`;
}

/** A short description of any value for the report. */
export function describe(x: unknown, depth = 0): string {
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

export function detach(ctx: Ctx, buf: ArrayBuffer): void {
  const t = (buf as Any).transfer;
  if (typeof t === "function" && ctx.rng.chance(0.5)) t.call(buf);
  else structuredClone(buf, { transfer: [buf] });
}

export function resizable(
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

export function scenario(ctx: Ctx): void {
  const r = ctx.rng;
  ctx.m = r.pick([0, 1, 1, 2, 2, 3, 3, 3, 4, 5]);
  ctx.n = r.chance(0.6) ? ctx.m : r.pick([0, 1, 2, 3, 4, 5]);
  ctx.k = r.pick([0, 1, 2, 3, 3]);
  ctx.stack = r.pick([[], [], [], [], [2], [3], [1], [2, 2], [0], [1, 3], [2, 1], [4]]);
}

export function goodShape(ctx: Ctx, position: number): number[] {
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

export function randomShape(ctx: Ctx): number[] {
  const r = ctx.rng;
  const nd = r.int(5);
  const s: number[] = [];
  for (let i = 0; i < nd; i++) s.push(r.pick([0, 1, 1, 2, 2, 3, 4]));
  return s;
}

/** A valid array-like of this shape: an NDArray view, nested JS arrays, or a typed array. */
export function goodArray(ctx: Ctx, shape: number[]): Gen {
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

export function deep(n: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

export class Thing {
  x = 1;
}
export class MyArray extends Array {}

export const HUGE_DIMS = [1e6, 2 ** 40, 1e15, 2 ** 53 - 1, 2 ** 53, 1e300, 2 ** 34];

/** Values that are not arrays, or are broken arrays. */
export const HOSTILE: ((ctx: Ctx) => Gen)[] = [
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

export class UserError extends Error {
  constructor(m: string) {
    super(m);
    this.name = "UserError";
  }
}

export const BAD_SHAPES: unknown[] = [
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
export const BAD_STRIDES: unknown[] = [
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
export const BAD_OFFSETS: unknown[] = [-5, 1e9, NaN, 1.5, "0", null, 2 ** 53, -1];
export const BAD_DATA = (): unknown[] => [
  null,
  new Float64Array(1),
  [1, 2, 3, 4],
  new Float32Array(4),
  new Int32Array(4),
  {},
  new Float64Array(0),
  "data",
];

export function forged(ctx: Ctx): Gen {
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

export function tampered(ctx: Ctx): Gen {
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

/** An object with an NDArray's prototype and fields, some replaced: real arrays are frozen. */
export function lookAlike(a: NDArray, changes: Record<string, unknown>): NDArray {
  const o: Any = Object.create(NDArray.prototype);
  for (const k of ["dtype", "shape", "strides", "offset", "data"]) o[k] = (a as Any)[k];
  return Object.assign(o, changes);
}
