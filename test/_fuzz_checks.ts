// The fuzz child (_fuzz_child.ts), part 4: checks of inputs (unchanged), results and errors.
import { NDArray } from "../mod.ts";
import type { Any, Ctx } from "./_fuzz_values.ts";
import { describe } from "./_fuzz_values.ts";
import type { Target } from "./_fuzz_targets.ts";
import { IO } from "./_fuzz_targets.ts";

// ---------------------------------------------------------------------------------------------
// Checks: immutability (a hash of every array reachable from the arguments), results, errors.

/** FNV-1a over everything reachable from `roots` (arrays, plain objects, typed arrays, NDArrays). */
export function fingerprint(roots: unknown[], skip: Set<unknown>): number {
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

export const ALLOWED = new Set(["TypeError", "RangeError", "LinAlgError"]);
// numpy's own words, which a message may start with although they do not start with a capital.
export const NUMPY_WORDS =
  /^(\d+-dimensional array given\. |cond is not defined on empty arrays|'axis' must be None, an integer or a tuple of integers|`\w+` and `\w+` can't be both set)/;
// Messages of the JS engines themselves (V8, JavaScriptCore): a check the library did not make.
export const ENGINE =
  /^(Cannot read propert|Cannot set propert|Cannot convert|Cannot mix BigInt|Cannot perform|Cannot create property|Invalid typed array length|Invalid array length|Underlying ArrayBuffer|undefined is not|null is not|Array buffer allocation failed|Out of memory$)|is not a function|is not iterable|is not an object|is not a constructor|detached ArrayBuffer|out-of-bounds ArrayBuffer/;

export interface Finding {
  kind: string;
  fn: string;
  detail: string;
  input: string;
  index: number;
  count: number;
}

export const findings = new Map<string, Finding>();
export function find(kind: string, fn: string, detail: string, input: string, index: number): void {
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

export const errorsByClass: Record<string, number> = {};
export const byFunction: Record<
  string,
  { calls: number; ok: number; ms: number; errors: Record<string, number> }
> = {};
export const engineErrors: Record<
  string,
  { count: number; fn: string; message: string; input: string }
> = {};

/** Classifies a thrown value: returns undefined when it is acceptable. */
export function badError(
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

export const MAX_DATA_CHECK = 1 << 20;

/** Checks an NDArray result; returns a problem or undefined. */
export function badNDArray(a: unknown, ctx: Ctx, infOk: boolean): string | undefined {
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
export function expectedShapes(
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
export const INF_OK = new Set([
  "slogdet",
  // scipy's answers: an infinite generalized eigenvalue (beta = 0), a solve with a zero pivot
  // that luFactor kept (scipy warns, dlapack does not), an exponential that overflows.
  "eig",
  "eigvals",
  "luSolve",
  "expm",
  "cond",
  "norm",
  "vectorNorm",
  "matrixNorm",
  "NDArray#toArray",
  "NDArray#item",
  "NDArray#at",
]);

export function checkResult(t: Target, r: unknown, args: unknown[], ctx: Ctx): string | undefined {
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
      if (typeof v === "boolean") continue; // choFactor's lower, as scipy's tuple
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
export function sameValues(a: NDArray, b: NDArray): string | undefined {
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
