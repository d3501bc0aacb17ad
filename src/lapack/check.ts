/**
 * The checker of `lapack.*`: every argument of a call against its declaration's requirements
 * (`ffi/routines.ts`), before the call crosses the boundary. See `src/lapack.ts` for what is
 * checked and how violations are reported.
 *
 * @module
 */
import type { NativeFunction } from "../../ffi/runtime.ts";
import type { ArgReq, ArrayArg, IntArg, RealArg, Routine, Template } from "../../ffi/declare.ts";
import { Scope } from "./formula.ts";
import {
  apply,
  bufferState,
  describe,
  quote,
  taBuffer,
  taByteOffset,
  taLength,
  typedArrayTag,
} from "./intrinsics.ts";
// ---------------------------------------------------------------------------------------------
// The checker.

interface Param {
  name: string;
  index: number;
  kind: "i" | "c" | "r" | "a" | "s";
  int?: IntArg;
  chars?: string;
  real?: RealArg["rule"];
  arr?: ArrayArg;
}

export interface Info {
  name: string;
  /** The name in upper case, as messages start with it (LAPACK's XERBLA style). */
  label: string;
  spec: Template;
  complex: boolean;
  double: boolean;
  /** The constructor name of float arrays: Float32Array or Float64Array. */
  cls: "Float32Array" | "Float64Array";
  params: Param[];
  ints: Param[];
  arrays: Param[];
  chars: Param[];
  signature: string;
  /** The last workspace query made for an LWORK below the documented minimum. */
  queried?: { key: string; value: number | undefined };
  /** The formulas' values, reused by every call. */
  scope: Scope;
  /** Names of the derived values, cleared before each call. */
  derived: string[];
  /** Bytes LAPACK may touch per array argument, reused by every call. */
  needed: number[];
  /** Argument index by name. */
  index: Record<string, number>;
}

export function routineInfo(r: Routine): Info {
  const spec = r.decl;
  const params: Param[] = [];
  r.names.forEach((name, index) => {
    const kind = r.kinds[index];
    if (kind === "info") return;
    const p: Param = { name, index: params.length, kind };
    const req = (spec.req as Record<string, ArgReq>)[name];
    if (req?.kind === "int") p.int = req;
    else if (req?.kind === "char") p.chars = req.letters;
    else if (req?.kind === "real") p.real = req.rule;
    else if (req?.kind === "array") p.arr = req;
    if (
      p.int === undefined && p.chars === undefined && p.real === undefined && p.arr === undefined
    ) {
      throw new Error(
        `Internal error in ffi/routines.ts: no requirement for ${r.name} argument ${name}`,
      );
    }
    params.push(p);
  });
  const complex = r.type === "c" || r.type === "z";
  return {
    name: r.name,
    label: r.name.toUpperCase(),
    spec,
    complex,
    double: r.double,
    cls: r.double ? "Float64Array" : "Float32Array",
    params,
    ints: params.filter((p) => p.kind === "i"),
    arrays: params.filter((p) => p.kind === "a" || p.kind === "s"),
    chars: params.filter((p) => p.kind === "c"),
    signature: `${r.name}(${params.map((p) => p.name).join(", ")})`,
    scope: new Scope({ cx: complex }, spec),
    derived: Object.keys(spec.let ?? {}),
    needed: params.map(() => 0),
    index: Object.fromEntries(params.map((p) => [p.name, p.index])),
  };
}

/** The values the formulas see, with derived values computed on first use. */
const LP64_MAX = 2147483647;

const WORKSPACE_NAMES = new Set(["WORK", "RWORK", "IWORK"]);

/**
 * The LWORK this library's workspace query asks for with these arguments (LAPACK's query
 * returns at least its own minimum), or undefined when the query gives no usable answer. The
 * query runs on private one-element workspaces; the answer is kept for the next call with the
 * same sizes and options.
 */
function libraryLwork(
  info: Info,
  args: unknown[],
  lworkIndex: number,
  fn: NativeFunction,
  stride: 1 | 2,
): number | undefined {
  const key = info.params
    .filter((p) => (p.kind === "i" || p.kind === "c") && p.index !== lworkIndex)
    .map((p) => args[p.index])
    .join(",");
  if (info.queried?.key === key) return info.queried.value;
  const Float = info.double ? Float64Array : Float32Array;
  const qargs = args.slice();
  qargs[lworkIndex] = -1;
  let work: Float32Array | Float64Array | undefined;
  for (const p of info.arrays) {
    if (!WORKSPACE_NAMES.has(p.name)) continue;
    const scratch = p.arr!.elem === "i"
      ? new Int32Array(stride)
      : new Float(p.arr!.elem === "x" && info.complex ? 2 : 1);
    if (p.name === "WORK") work = scratch as Float32Array | Float64Array;
    qargs[p.index] = scratch;
  }
  let value: number | undefined;
  if (
    work !== undefined && apply(fn, undefined, qargs) === 0 && Number.isFinite(work[0]) &&
    work[0] >= 1
  ) {
    // A single-precision answer above 2^24 may have been rounded down.
    value = Math.ceil(info.double || work[0] <= 2 ** 24 ? work[0] : work[0] * (1 + 2 ** -22));
  }
  info.queried = { key, value };
  return value;
}

export function check(info: Info, args: unknown[], stride: 1 | 2, fn: NativeFunction): void {
  const { params, spec } = info;
  // Messages start with the routine's name as LAPACK's XERBLA prints it: "DGETRF: ...".
  const name = info.label;
  if (args.length !== params.length) {
    throw new TypeError(
      `${name}: expected ${params.length} arguments ${
        info.signature.slice(name.length)
      }, got ${args.length}`,
    );
  }
  // One scope per routine, reset here: no allocation per call for the formulas.
  const scope = info.scope;
  const v = scope.v;
  for (const k of info.derived) v[k] = undefined as unknown as number;
  const intMax = stride === 2 ? Number.MAX_SAFE_INTEGER : LP64_MAX;
  // Scalars: types and representable values.
  for (const p of params) {
    const a = args[p.index];
    if (p.kind === "i") {
      if (typeof a !== "number") {
        throw new TypeError(`${name}: ${p.name} must be an integer number, got ${describe(a)}`);
      }
      if (!Number.isInteger(a)) throw new RangeError(`${name}: ${p.name} = ${a} is not an integer`);
      if (a > intMax || a < -intMax) {
        throw new RangeError(
          `${name}: ${p.name} = ${a} does not fit the library's ${
            stride === 2 ? "64-bit (safe)" : "32-bit"
          } integers`,
        );
      }
      v[p.name] = a;
    } else if (p.kind === "c") {
      const allowed = p.chars!;
      if (typeof a !== "string") {
        throw new TypeError(`${name}: ${p.name} must be a one-letter string, got ${describe(a)}`);
      }
      const up = a.length === 1 && /^[A-Za-z0-9]$/.test(a) ? a.toUpperCase() : "";
      if (up === "" || !allowed.includes(up)) {
        throw new RangeError(
          `${name}: ${p.name} = ${quote(a)} is not one of ${
            [...allowed].map((c) => `'${c}'`).join(", ")
          }`,
        );
      }
      args[p.index] = up;
      v[p.name] = up;
    } else if (p.kind === "r") {
      if (typeof a !== "number") {
        throw new TypeError(`${name}: ${p.name} must be a number, got ${describe(a)}`);
      }
      const stored = info.double ? a : Math.fround(a);
      if (p.real === "nonneg" && !(Number.isFinite(stored) && stored >= 0)) {
        throw new RangeError(
          `${name}: ${p.name} = ${a} must be finite and >= 0${
            info.double ? "" : " in single precision"
          }`,
        );
      }
      if (Number.isNaN(a)) throw new RangeError(`${name}: ${p.name} must not be NaN`);
    }
  }
  // Integer rules, in Fortran order (a bound only uses arguments before it).
  let query = false;
  // LWORK below the documented minimum, which covers every code path: it may still be at
  // least what this library's workspace query asks for, decided once the arrays are checked.
  let short: Param | undefined;
  const tooSmall = (p: Param, asked?: number): RangeError => {
    const a = v[p.name] as number;
    const doc = scope.show(p.int!.lo!, info.chars);
    if (asked !== undefined && asked < scope.value(p.int!.lo!)) {
      return new RangeError(
        `${name}: ${p.name} = ${a} is too small: ${asked} is needed, as this library's workspace query reports (LAPACK documents ${p.name} >= ${doc} as enough in every case; -1 makes a workspace query)`,
      );
    }
    return new RangeError(
      `${name}: ${p.name} = ${a} is too small: ${p.name} >= ${doc} is needed (or -1 for a workspace query)`,
    );
  };
  for (const p of info.ints) {
    const rule = p.int!;
    const a = v[p.name] as number;
    if (rule.rule === "inc") {
      if (a === 0) throw new RangeError(`${name}: ${p.name} must not be 0`);
      continue;
    }
    if (rule.rule === "work" && a === -1) {
      query = true;
      continue;
    }
    const lo = scope.value(rule.lo!);
    if (a < lo) {
      if (rule.rule === "work") {
        if (p.name === "LWORK" && a >= 0) {
          short = p;
          continue;
        }
        throw tooSmall(p);
      }
      throw new RangeError(
        `${name}: ${p.name} = ${a} must be >= ${scope.show(rule.lo!, info.chars)}`,
      );
    }
    if (rule.hi !== undefined && a > scope.value(rule.hi)) {
      throw new RangeError(
        `${name}: ${p.name} = ${a} must be <= ${scope.show(rule.hi, info.chars)}`,
      );
    }
  }
  if (short !== undefined && query) throw tooSmall(short);
  const bad = spec.check?.(v);
  if (bad !== undefined) throw new RangeError(`${name}: ${bad}`);
  // Arrays: class, buffer, length, alignment.
  const needed = info.needed;
  for (const p of info.arrays) {
    const a = args[p.index];
    const rule = p.arr!;
    const tag = typedArrayTag(a);
    const want = rule.elem === "i" ? "Int32Array" : info.cls;
    if (tag !== want) {
      const what = p.kind === "s"
        ? `a ${want} of 1 ${info.complex ? "complex element (2 floats)" : "element"}`
        : rule.elem === "i"
        ? "an Int32Array (make it with lapack.intArray(n))"
        : `a ${want}`;
      throw new TypeError(`${name}: ${p.name} must be ${what}, got ${describe(a)}`);
    }
    const buf = taBuffer(a);
    const state = bufferState(buf);
    if (state === "detached") {
      throw new TypeError(`${name}: ${p.name} is detached (its ArrayBuffer was transferred)`);
    }
    if (state === "shared" && rule.elem === "i") {
      throw new TypeError(
        `${name}: ${p.name} must not be backed by a SharedArrayBuffer: another thread could change the integers LAPACK indexes with`,
      );
    }
    const words = taLength(a) as number;
    const per = rule.elem === "i" ? stride : rule.elem === "x" && info.complex ? 2 : 1;
    const have = Math.floor(words / per);
    let need = scope.value(rule.size);
    if (query && rule.work) need = Math.min(need, 1);
    if (stride === 1 && need > LP64_MAX) {
      // 32-bit LAPACK and BLAS compute offsets like (N-1)*INCX in INTEGER: they would wrap.
      throw new RangeError(
        `${name}: ${p.name} would span ${need} elements, more than the library's 32-bit integers can index (${LP64_MAX}): use an ILP64 LAPACK`,
      );
    }
    if (have < need) {
      const unit = rule.elem === "i"
        ? "integers"
        : rule.elem === "x" && info.complex
        ? "complex elements"
        : "elements";
      const detail = per === 1
        ? ""
        : rule.elem === "i"
        ? ` (${words} Int32 words: the library's integers are 64-bit)`
        : ` (${words} floats)`;
      const why = query && rule.work
        ? "1 is needed for a workspace query"
        : `${scope.show(rule.size, info.chars)} are needed`;
      throw new RangeError(`${name}: ${p.name} has ${have} ${unit}${detail}, but ${why}`);
    }
    if (rule.elem === "i" && stride === 2 && (taByteOffset(a) as number) % 8 !== 0) {
      throw new RangeError(
        `${name}: ${p.name} starts at byte ${
          taByteOffset(a)
        } of its buffer, but the library's 64-bit integers need an 8-byte aligned start`,
      );
    }
    needed[p.index] = need * per * (rule.elem === "i" ? 4 : info.double ? 8 : 4);
  }
  // No array LAPACK writes may overlap another array.
  const arrays = info.arrays;
  for (let j = 0; j < arrays.length; j++) {
    const p = arrays[j];
    if (needed[p.index] === 0) continue;
    const pa = args[p.index];
    const pbuf = taBuffer(pa);
    const p0 = taByteOffset(pa) as number;
    for (let k = j + 1; k < arrays.length; k++) {
      const q = arrays[k];
      if (p.arr!.readOnly && q.arr!.readOnly) continue;
      if (needed[q.index] === 0) continue;
      const qa = args[q.index];
      if (taBuffer(qa) !== pbuf) continue;
      const q0 = taByteOffset(qa) as number;
      if (p0 < q0 + needed[q.index] && q0 < p0 + needed[p.index]) {
        const written = p.arr!.readOnly ? q.name : p.name;
        throw new RangeError(
          `${name}: ${p.name} (bytes ${p0}..${p0 + needed[p.index]}) and ${q.name} (bytes ${q0}..${
            q0 + needed[q.index]
          }) overlap in one buffer, and LAPACK writes ${written}`,
        );
      }
    }
  }
  if (short !== undefined) {
    const asked = libraryLwork(info, args, short.index, fn, stride);
    if (asked === undefined || (v.LWORK as number) < asked) throw tooSmall(short, asked);
  }
  if (query) return;
  // Contents LAPACK indexes with, or may not return on.
  if (spec.pivots !== undefined) {
    const ipiv = args[info.index[spec.pivots.a]] as Int32Array;
    const n = v[spec.pivots.n] as number;
    for (let k = 0; k < n; k++) {
      const lo = ipiv[k * stride];
      const value = stride === 2 ? ipiv[k * 2 + 1] * 4294967296 + (lo >>> 0) : lo;
      if (!(value >= 1 && value <= n)) {
        throw new RangeError(
          `${name}: ${spec.pivots.a}(${
            k + 1
          }) = ${value} is not an index in 1..${spec.pivots.n} = 1..${n}`,
        );
      }
    }
  }
  for (const fr of spec.finite ?? []) {
    const a = args[info.index[fr.a]] as Float32Array | Float64Array;
    const rows = v[fr.rows] as number, cols = v[fr.cols] as number, ld = v[fr.ld] as number;
    const upper = fr.uplo === undefined ? undefined : v[fr.uplo] === "U";
    const w = info.complex ? 2 : 1;
    for (let c = 0; c < cols; c++) {
      const r0 = upper === false ? c : 0;
      const r1 = upper === true ? Math.min(c + 1, rows) : rows;
      for (let r = r0; r < r1; r++) {
        const at = (c * ld + r) * w;
        if (!Number.isFinite(a[at]) || (w === 2 && !Number.isFinite(a[at + 1]))) {
          const val = w === 2
            ? `${a[at]}${a[at + 1] < 0 ? "-" : "+"}${Math.abs(a[at + 1])}i`
            : String(a[at]);
          throw new RangeError(
            `${name}: ${fr.a} must not contain infs or NaNs (LAPACK may not return on them): ${fr.a}(${
              r + 1
            },${c + 1}) = ${val}`,
          );
        }
      }
    }
  }
}
