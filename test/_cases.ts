// The shared case table, like numpy's test_linalg.py: base cases come from
// test/fixtures/linalg_cases.json (numpy's answers, made by scripts/make_fixtures.py), and
// variants are derived mechanically: nested-array input, stacks (tile3), broadcast stacks
// (tile213), strided views with NaN poison between elements, reversed (negative-stride)
// views, and Fortran-order arrays.
import assert from "node:assert/strict";
import fixture from "./fixtures/linalg_cases.json" with { type: "json" };
import type { Complex, DType } from "../src/dtype.ts";
import { allocData, floatsPerItem, isComplex, isSingle } from "../src/dtype.ts";
import type { ArrayLike } from "../src/ndarray.ts";
import { array, NDArray } from "../src/ndarray.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

/** One base case: matrices and numpy's answers (complex as {re, im}). */
export interface BaseCase {
  name: string;
  tags: string[];
  dtype: DType;
  bdtype: DType;
  a: NDArray;
  b: NDArray;
  inv?: Json;
  det?: Json;
  solve?: Json;
  slogdet?: { sign: Json; logabsdet: number };
}

/** Turns [re, im] pairs at `depth` into {re, im} objects. */
export const pairsToComplex = (x: Json, depth: number): Json =>
  depth === 0 ? { re: x[0], im: x[1] } : x.map((y: Json) => pairsToComplex(y, depth - 1));

function decode(x: Json, dtype: DType, ndim: number): Json {
  return isComplex(dtype) ? pairsToComplex(x, ndim) : x;
}

function ndimOf(x: Json, complex: boolean): number {
  let n = 0;
  while (Array.isArray(x)) {
    x = x[0];
    n++;
  }
  return complex ? n - 1 : n;
}

/** Turns the fixtures' "Infinity"/"-Infinity"/"NaN" strings back into numbers. */
export const numbers = (x: Json): Json =>
  typeof x === "string"
    ? Number(x)
    : Array.isArray(x)
    ? x.map(numbers)
    : x !== null && typeof x === "object"
    ? Object.fromEntries(
      Object.entries(x).map((
        [k, v],
      ) => [k, k === "name" || k === "tags" || k.endsWith("dtype") ? v : numbers(v)]),
    )
    : x;

/** The base cases. */
export const CASES: BaseCase[] = (fixture as Json).cases.map(numbers).map((c: Json) => {
  const cplx = isComplex(c.dtype);
  const bcplx = isComplex(c.bdtype);
  const na = c.a.length === 0 ? 2 : ndimOf(c.a, cplx);
  const nb = ndimOf(c.b, bcplx);
  const a = c.a.length === 0
    ? new NDArray(allocData(c.dtype, 0), c.dtype, [0, 0])
    : array(decode(c.a, c.dtype, na), { dtype: c.dtype });
  const b = c.b.length === 0
    ? new NDArray(allocData(c.bdtype, 0), c.bdtype, [0])
    : array(decode(c.b, c.bdtype, nb), { dtype: c.bdtype });
  return {
    name: c.name,
    tags: c.tags,
    dtype: c.dtype,
    bdtype: c.bdtype,
    a,
    b,
    inv: c.inv === undefined ? undefined : decode(c.inv, c.dtype, 2),
    det: c.det === undefined ? undefined : decode(c.det, c.dtype, 0),
    solve: c.solve === undefined ? undefined : decode(c.solve, c.dtype, b.ndim),
    slogdet: c.slogdet === undefined
      ? undefined
      : { sign: decode(c.slogdet.sign, c.dtype, 0), logabsdet: c.slogdet.logabsdet },
  };
});

/** A stack of `x` scaled by each factor: shape (factors.length, ...x.shape). */
export function stackOf(x: NDArray, factors: number[]): NDArray {
  const per = x.size * floatsPerItem(x.dtype);
  const src = x.copy("C").data;
  const data = allocData(x.dtype as DType, x.size * factors.length);
  factors.forEach((f, i) => {
    for (let j = 0; j < per; j++) data[i * per + j] = src[j] * f;
  });
  return new NDArray(data, x.dtype, [factors.length, ...x.shape]);
}

/** The same values in a view with stride 2 on every axis, NaN in the gaps. */
export function strided(x: NDArray): NDArray {
  const f = floatsPerItem(x.dtype);
  const big = x.shape.map((n) => 2 * n);
  const size = big.reduce((p, n) => p * n, 1);
  const data = allocData(x.dtype as DType, Math.max(size, 1)).fill(NaN);
  const cstr: number[] = [];
  let s = 1;
  for (let i = big.length - 1; i >= 0; i--) {
    cstr[i] = s;
    s *= big[i];
  }
  const view = new NDArray(data, x.dtype, x.shape, cstr.map((c) => 2 * c), 0);
  const src = x.copy("C");
  const flat = src.data;
  // write element by element through the view's strides
  const idx = new Array(x.ndim).fill(0);
  for (let k = 0; k < x.size; k++) {
    let off = 0;
    for (let d = 0; d < x.ndim; d++) off += idx[d] * view.strides[d];
    for (let j = 0; j < f; j++) data[off * f + j] = flat[k * f + j];
    for (let d = x.ndim - 1; d >= 0; d--) {
      if (++idx[d] < x.shape[d]) break;
      idx[d] = 0;
    }
  }
  return view;
}

/** The same values in a view with negative strides on every axis. */
export function reversed(x: NDArray): NDArray {
  const c = x.copy("C");
  const f = floatsPerItem(x.dtype);
  const n = x.size;
  const data = allocData(x.dtype as DType, n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < f; j++) data[(n - 1 - k) * f + j] = c.data[k * f + j];
  }
  const cstr: number[] = [];
  let s = 1;
  for (let i = x.ndim - 1; i >= 0; i--) {
    cstr[i] = -s;
    s *= x.shape[i];
  }
  return new NDArray(data, x.dtype, x.shape, cstr, n === 0 ? 0 : n - 1);
}

/** The same values stored in Fortran order. */
export function fortran(x: NDArray): NDArray {
  return x.copy("F");
}

/** A variant: an input transformation and the tag it carries. */
export interface Variant {
  name: string;
  make: (x: NDArray) => ArrayLike;
  /** False when the variant loses the dtype (nested numbers are float64). */
  keepsDType: boolean;
  /** False when the variant cannot express the case (nested arrays of a 0x0 matrix). */
  applies: (x: NDArray) => boolean;
}

/** Layout variants every function is tested on. */
export const LAYOUTS: Variant[] = [
  { name: "contiguous", make: (x) => x, keepsDType: true, applies: () => true },
  {
    name: "nested arrays",
    make: (x) => x.toArray() as ArrayLike,
    keepsDType: false,
    applies: (x) => x.size > 0,
  },
  { name: "strided (NaN between elements)", make: strided, keepsDType: true, applies: () => true },
  { name: "negative strides", make: reversed, keepsDType: true, applies: () => true },
  { name: "Fortran order", make: fortran, keepsDType: true, applies: () => true },
];

/** Tolerances: float32 results are rounded to single precision; ill-conditioned cases loosen. */
export function tolerance(c: { dtype: DType; tags: string[] }): number {
  const base = isSingle(c.dtype) ? 2e-6 : 1e-11;
  return c.tags.includes("illconditioned") ? base * 1e5 : base;
}

function flatten(x: Json, out: number[] = []): number[] {
  if (Array.isArray(x)) { for (const y of x) flatten(y, out); }
  else if (typeof x === "object" && x !== null) out.push(x.re, x.im);
  else out.push(x);
  return out;
}

/** Asserts `actual` matches `expected` (nested, complex as {re, im}) within rtol of its scale. */
export function assertClose(actual: NDArray | Json, expected: Json, rtol: number, what = ""): void {
  const a = flatten(actual instanceof NDArray ? actual.toArray() : actual);
  const e = flatten(expected);
  assert.equal(a.length, e.length, `${what}: ${a.length} values, expected ${e.length}`);
  const scale = Math.max(1e-300, ...e.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0)));
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(e[i])) {
      assert.equal(a[i], e[i], `${what}: value ${i} is ${a[i]}, expected ${e[i]}`);
      continue;
    }
    const err = Math.abs(a[i] - e[i]);
    assert.ok(
      err <= rtol * scale,
      `${what}: value ${i} is ${a[i]}, expected ${e[i]} (error ${err}, allowed ${rtol * scale})`,
    );
  }
}

/** Multiplies nested matrices (complex as {re, im}); for identity checks. */
export function matmulNested(a: Json, b: Json): Json {
  const cx = (v: Json): Complex => (typeof v === "number" ? { re: v, im: 0 } : v);
  const bm = Array.isArray(b[0]) ? b : b.map((v: Json) => [v]);
  const res = a.map((row: Json[]) =>
    bm[0].map((_: Json, j: number) =>
      row.reduce((s: Complex, v: Json, k: number) => {
        const x = cx(v);
        const y = cx(bm[k][j]);
        return { re: s.re + x.re * y.re - x.im * y.im, im: s.im + x.re * y.im + x.im * y.re };
      }, { re: 0, im: 0 })
    )
  );
  const real = typeof a[0]?.[0] === "number" && (typeof bm[0]?.[0] === "number");
  const out = real ? res.map((r: Complex[]) => r.map((z) => z.re)) : res;
  return Array.isArray(b[0]) ? out : out.map((r: Json[]) => r[0]);
}

/** Scales a nested value (complex-aware). */
export function scale(x: Json, f: number): Json {
  if (Array.isArray(x)) return x.map((y) => scale(y, f));
  if (typeof x === "object" && x !== null) return { re: x.re * f, im: x.im * f };
  return x * f;
}

/** The identity matrix as nested arrays. */
export function identity(n: number): number[][] {
  return Array.from(
    { length: n },
    (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
}

// ---------------------------------------------------------------------------------------------
// Hostile values for the checks: arrays forged without the constructor, and option values
// whose formatting must not run user code or overflow the stack.

/** An "NDArray" made with Object.create(NDArray.prototype): the constructor's checks bypassed. */
export function forge(
  fields: Partial<Record<"dtype" | "shape" | "strides" | "offset" | "data", unknown>>,
): NDArray {
  const props: PropertyDescriptorMap = {};
  for (const [k, v] of Object.entries(fields)) props[k] = { value: v, enumerable: true };
  return Object.create(NDArray.prototype, props);
}

/** Forged arrays, each with the reason the check must give (matched after "...(): "). */
export const FORGED: { name: string; make: () => NDArray; problem: RegExp }[] = [
  {
    name: "no fields at all",
    make: () => Object.create(NDArray.prototype),
    problem: /^its dtype is undefined, expected "bool", "int32", "float32"/,
  },
  {
    name: "negative dimensions (frozen-shape bypass)",
    make: () =>
      forge({
        shape: [-3, -3],
        strides: [1, 1],
        offset: 0,
        dtype: "float64",
        data: new Float64Array(9),
      }),
    problem: /^dimension 0 is -3, expected a non-negative integer$/,
  },
  {
    name: "an unknown dtype",
    make: () =>
      forge({
        shape: [2, 2],
        strides: [2, 1],
        offset: 0,
        dtype: "int8",
        data: new Float64Array(4),
      }),
    problem: /^its dtype is "int8", expected/,
  },
  {
    name: "data of the wrong typed array",
    make: () =>
      forge({
        shape: [2, 2],
        strides: [2, 1],
        offset: 0,
        dtype: "float64",
        data: new Float32Array(4),
      }),
    problem: /^its data is a Float32Array, but dtype float64 needs a Float64Array$/,
  },
  {
    name: "data a plain array",
    make: () =>
      forge({ shape: [2, 2], strides: [2, 1], offset: 0, dtype: "float32", data: [1, 0, 0, 1] }),
    problem: /^its data is an array, but dtype float32 needs a Float32Array$/,
  },
  {
    name: "shape not an array",
    make: () =>
      forge({
        shape: "22",
        strides: [2, 1],
        offset: 0,
        dtype: "float64",
        data: new Float64Array(4),
      }),
    problem: /^its shape is "22", expected an array$/,
  },
  {
    name: "strides of another length",
    make: () =>
      forge({
        shape: [2, 2],
        strides: [1],
        offset: 0,
        dtype: "float64",
        data: new Float64Array(4),
      }),
    problem: /^its strides have 1 values for 2 dimensions$/,
  },
  {
    name: "a fractional dimension",
    make: () =>
      forge({
        shape: [2, 2.5],
        strides: [2, 1],
        offset: 0,
        dtype: "float64",
        data: new Float64Array(9),
      }),
    problem: /^dimension 1 is 2\.5, expected a non-negative integer$/,
  },
  {
    name: "a NaN stride",
    make: () =>
      forge({
        shape: [2, 2],
        strides: [NaN, 1],
        offset: 0,
        dtype: "float64",
        data: new Float64Array(4),
      }),
    problem: /^stride 0 is NaN, expected an integer$/,
  },
  {
    name: "a negative offset",
    make: () =>
      forge({
        shape: [2, 2],
        strides: [2, 1],
        offset: -1,
        dtype: "float64",
        data: new Float64Array(4),
      }),
    problem: /^its offset is -1, expected a non-negative integer$/,
  },
  {
    name: "a view past the end of data",
    make: () =>
      forge({
        shape: [3, 3],
        strides: [3, 1],
        offset: 0,
        dtype: "float64",
        data: new Float64Array(4),
      }),
    problem: /^its view reaches item 8, but its data holds 4 items$/,
  },
  {
    name: "a negative stride reaching before the start",
    make: () =>
      forge({
        shape: [2, 2],
        strides: [-2, 1],
        offset: 1,
        dtype: "float64",
        data: new Float64Array(4),
      }),
    problem: /^its view reaches item -1, but its data holds 4 items$/,
  },
  {
    name: "complex data too short for the view",
    make: () =>
      forge({
        shape: [2, 2],
        strides: [2, 1],
        offset: 0,
        dtype: "complex128",
        data: new Float64Array(7),
      }),
    problem: /^its view reaches item 3, but its data holds 3 items$/,
  },
  {
    name: "65 dimensions",
    make: () =>
      forge({
        shape: new Array(65).fill(1),
        strides: new Array(65).fill(1),
        offset: 0,
        dtype: "float64",
        data: new Float64Array(1),
      }),
    problem: /^its shape has 65 dimensions, but at most 64 are supported$/,
  },
];

/** An array nested `depth` deep: String() or JSON.stringify() of it overflows the stack. */
export function deepArray(depth = 200_000): unknown {
  let x: unknown = [];
  for (let i = 0; i < depth; i++) x = [x];
  return x;
}

/** An object whose toString and valueOf throw: a message that formats it runs user code. */
export const HOSTILE = {
  toString(): string {
    throw new Error("user code ran");
  },
  valueOf(): number {
    throw new Error("user code ran");
  },
  toJSON(): never {
    throw new Error("user code ran");
  },
};

/** Asserts `f` throws `cls` with a message matching `re` (the message shown when not). */
// deno-lint-ignore no-explicit-any
export function throwsMsg(f: () => unknown, cls: new (...a: any[]) => Error, re: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(
      e instanceof cls,
      `expected ${cls.name}, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
    );
    assert.match((e as Error).message, re);
    return true;
  });
}
