// The fuzz child (_fuzz_child.ts), part 2: scalars, shapes and options, and argument generation.
import type { Any, Ctx, Fn, Gen } from "./_fuzz_values.ts";
import {
  deep,
  describe,
  describeView,
  detach,
  DTYPES,
  forged,
  goodArray,
  goodShape,
  HOSTILE,
  makeView,
  MODES,
  randomShape,
  shapeStr,
  UserError,
} from "./_fuzz_values.ts";

// ---------------------------------------------------------------------------------------------
// Scalars, shapes and options.

export const NASTY = (): unknown[] => [
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

export const SCALARS: unknown[] = [
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

export const SHAPES: unknown[] = [
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

export const SMALL_SHAPES = SHAPES.filter((s) =>
  !(Array.isArray(s) ? s : [s]).some((d) => typeof d === "number" && d > 1e5)
);

export const BOOLS: unknown[] = [true, false, "yes", 0, 1, null, undefined, "false"];
export const NUMS: unknown[] = [
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
export const TOLS: unknown[] = [
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

export function optionValue(ctx: Ctx, key: string): Gen {
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

export const OPTION_KEYS = [
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

export function genOptions(ctx: Ctx): Gen {
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
export function genOut(ctx: Ctx): Gen {
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

export function arrayArg(ctx: Ctx, position: number): Gen {
  const r = ctx.rng;
  const x = r.next();
  if (x < 0.7) return goodArray(ctx, goodShape(ctx, position));
  if (x < 0.95) return r.pick(HOSTILE)(ctx);
  const v = tame(ctx, r.pick<unknown>([2, 0, -1, NaN, Infinity, true, { re: 1, im: -1 }, 1e308]));
  return { v, d: describe(v) };
}

/** Marks the call as extreme when a number is not finite or is large. */
export function tame(ctx: Ctx, v: unknown): unknown {
  if (typeof v === "number" && !(Math.abs(v) <= 1e6)) ctx.extreme = true;
  return v;
}

export function scalarArg(ctx: Ctx): Gen {
  const v = tame(ctx, ctx.rng.chance(0.1) ? ctx.rng.pick(NASTY()) : ctx.rng.pick(SCALARS));
  return { v, d: describe(v) };
}

export function shapeArg(ctx: Ctx): Gen {
  const r = ctx.rng;
  if (r.chance(0.3)) {
    const s = goodShape(ctx, 0);
    return { v: s, d: shapeStr(s) };
  }
  const v = tame(ctx, r.pick(r.chance(0.7) ? SHAPES : SMALL_SHAPES));
  return { v, d: describe(v) };
}

/** What a parameter takes, from its name in the function's source. */
export type Param = "array" | "arrays" | "options" | "order" | "int";

/**
 * The parameter kinds of a function, read from its source text (`function solve(a, b,
 * options)`; Node blanks the type annotations, Deno and Bun remove them), so functions added
 * later get sensible arguments without a table here. Unknown names count as arrays.
 */
export function paramKinds(fn: Fn): Param[] {
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

export const ORDERS: unknown[] = [
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
export const INTS: unknown[] = [0, 1, 2, 3, 5, -1, -2, -3, 1, 2];

export function linalgArgs(ctx: Ctx, kinds: readonly Param[]): Gen[] {
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
export function listOfArrays(ctx: Ctx): Gen {
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
