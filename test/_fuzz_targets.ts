// The fuzz child (_fuzz_child.ts), part 3: the targets (every public function, method and
// raw routine) and their arguments.
import * as dl from "../mod.ts";
import { NDArray } from "../mod.ts";
import type { Routine } from "../ffi/symbols.ts";
import { ROUTINE } from "../ffi/symbols.ts";
import type { Any, Ctx, Fn, Gen } from "./_fuzz_values.ts";
import {
  BAD_DATA,
  BAD_OFFSETS,
  BAD_STRIDES,
  describe,
  describeView,
  detach,
  DTYPES,
  entry,
  env,
  forged,
  goodArray,
  goodShape,
  HOSTILE,
  makeView,
  MODES,
  ONLY,
  resizable,
  sizeOf,
  tampered,
} from "./_fuzz_values.ts";
import {
  arrayArg,
  genOptions,
  linalgArgs,
  optionValue,
  paramKinds,
  scalarArg,
  SCALARS,
  shapeArg,
} from "./_fuzz_args.ts";

// ---------------------------------------------------------------------------------------------
// Targets.

export interface Target {
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
export function optionKeysOf(f: Fn, arity: number, before: unknown[] = []): string[] | undefined {
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

export const METHODS = [
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
export const SKIP = new Set([
  "configure",
  "setNumThreads",
  "getNumThreads",
  "backend",
  "gufunc",
  "createPool",
]);
export const CREATE = new Set([
  "array",
  "asarray",
  "zeros",
  "ones",
  "empty",
  "eye",
  "fromTypedArray",
]);
// Full reductions read every element of a huge zero-stride view: they would run for hours, as
// numpy would. Not a crash; such views are not given to them.
export const NO_HUGE = new Set([
  "norm",
  "vectorNorm",
  "multiDot",
  "toArray",
  "toString",
  "copy",
  "astype",
  "reshape",
]);

export const byKey = (
  a: [string, unknown],
  b: [string, unknown],
) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export async function targets(): Promise<Target[]> {
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

export function createArgs(ctx: Ctx, name: string): Gen[] {
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

export function ctorArgs(ctx: Ctx): Gen[] {
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

export function methodArgs(ctx: Ctx, m: string): Gen[] {
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

export const NPY_DESCRS = [
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
export const NPY_SHAPES = [
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

export function npyArgs(ctx: Ctx): Gen[] {
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
export function ioArgs(ctx: Ctx, write: boolean): Gen[] {
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

export const LETTERS: Record<string, string> = {
  TRANS: "NTC",
  TRANSA: "NTC",
  TRANSB: "NTC",
  UPLO: "UL",
  DIAG: "NU",
  SIDE: "LR",
  JOBVL: "NV",
  JOBVR: "NV",
  JOBU: "ASON",
  JOBVT: "ASON",
  NORM: "1OI",
};
export const INT_ARRAYS = new Set(["IPIV", "IWORK", "RANK"]);
export const GUARD = 64;
export const SENTINEL = -7.0e-77;

/**
 * A typed array of `length` elements followed, in the same buffer, by a guard of 64 elements
 * holding a sentinel: a routine that writes past what the checks allowed changes the guard.
 */
export function guarded<T extends Float32Array | Float64Array | Int32Array>(
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
export function guardsIntact(ctx: Ctx): boolean {
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

export function lapackArgs(ctx: Ctx, r: Routine): Gen[] {
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

export function intArrayArgs(ctx: Ctx): Gen[] {
  const v = ctx.rng.chance(0.5)
    ? ctx.rng.pick([0, 1, 5, 100])
    : ctx.rng.pick(SCALARS.concat([2 ** 40, 1e15, -1, 2 ** 53]));
  return [{ v, d: describe(v) }];
}

export const IO = new Set(["readNpy", "writeNpy"]);
export const CUSTOM: Record<string, (ctx: Ctx) => Gen[]> = {
  loadNpy: npyArgs,
  saveNpy: (ctx) => [arrayArg(ctx, 0)],
  readNpy: (ctx) => ioArgs(ctx, false),
  writeNpy: (ctx) => ioArgs(ctx, true),
};

export function otherArgs(ctx: Ctx, length: number): Gen[] {
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
