// The elementwise engine: numpy's ufunc machinery for functions with signature ()...->(),
// written as typed-array loops instead of the gufunc engine's per-matrix linearize path.
// Operands are NDArrays (strong) or JS scalars (weak, NEP 50); the computation dtype comes
// from numpy's promotion; the loop walks the broadcast shape by rows (_strided.ts) and calls
// one loop of _kernels.ts per row, so a contiguous call is a single loop.
import type { ArrayData, ArrayDType, Complex, DType } from "./dtype.ts";
import {
  allocArrayData,
  canCastSameKind,
  dtypeKind,
  isComplex,
  promoteTypes,
  sharesMemory,
} from "./dtype.ts";
import type { ArrayLike } from "./ndarray.ts";
import { asarray, isNDArray, NDArray } from "./ndarray.ts";
import { checkNDArray } from "./gufunc.ts";
import { describeValue } from "./_describe.ts";
import type { OptionKeys } from "./_options.ts";
import { checkOptions, optionKeys } from "./_options.ts";
import { broadcastShapeList, forEachRow, shapeString, stridesFor } from "./_strided.ts";
import type { Binary, Unary } from "./_kernels.ts";
import * as K from "./_kernels.ts";
import type { UfuncOptions } from "./_ndarray.ts";
export type { UfuncOptions } from "./_ndarray.ts";

/** The option keys of elementwise functions. */
export const UFUNC_KEYS: OptionKeys = optionKeys("out");

/** Makes an NDArray of any dtype. */
export function makeArray(
  data: ArrayData,
  dtype: ArrayDType,
  shape: readonly number[],
  strides?: readonly number[],
  offset?: number,
): NDArray {
  return new NDArray(data as Float64Array, dtype as DType, shape, strides, offset);
}

/** The data of an array as any storage type. */
export const dataOf = (a: NDArray): ArrayData => a.data as ArrayData;
/** The dtype of an array as any of the six. */
export const dtypeOf = (a: NDArray): ArrayDType => a.dtype as ArrayDType;

/** A weak scalar's kind (NEP 50): a JS boolean, an integer-valued number, another number, a complex. */
type Weak = "b" | "i" | "f" | "c";

/** An operand: an array (strong), or a JS scalar (weak). */
export interface Operand {
  array: NDArray | null;
  value: number | Complex;
  weak: Weak | null;
}

function isComplexValue(x: unknown): x is Complex {
  if (x === null || typeof x !== "object" || Array.isArray(x) || ArrayBuffer.isView(x)) {
    return false;
  }
  const d1 = Object.getOwnPropertyDescriptor(x, "re");
  const d2 = Object.getOwnPropertyDescriptor(x, "im");
  return d1 !== undefined && d2 !== undefined && "value" in d1 && "value" in d2 &&
    typeof d1.value === "number" && typeof d2.value === "number" && !isNDArray(x);
}

/** Reads operand `i` of `name`: an NDArray is checked, a JS scalar stays weak, anything else
 * goes through asarray. */
export function operand(x: unknown, i: number, name: string): Operand {
  if (typeof x === "number") {
    return { array: null, value: x, weak: Number.isInteger(x) ? "i" : "f" };
  }
  if (typeof x === "boolean") return { array: null, value: x ? 1 : 0, weak: "b" };
  if (isNDArray(x)) {
    checkNDArray(x, i, name);
    return { array: x, value: 0, weak: null };
  }
  if (isComplexValue(x)) {
    const d1 = Object.getOwnPropertyDescriptor(x, "re")!.value as number;
    const d2 = Object.getOwnPropertyDescriptor(x, "im")!.value as number;
    return { array: null, value: { re: d1, im: d2 }, weak: "c" };
  }
  return { array: asarray(x as ArrayLike), value: 0, weak: null };
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The dtype a weak scalar takes beside an array of dtype `d` (NEP 50). */
function weakPromote(d: ArrayDType, w: Weak): ArrayDType {
  if (w === "b") return d;
  if (w === "i") return d === "bool" ? "int32" : d;
  if (w === "f") return d === "bool" || d === "int32" ? "float64" : d;
  return d === "float32" || d === "complex64" ? "complex64" : "complex128";
}

/** The dtype a weak scalar has alone (both operands weak): bool, int32 when it fits, float64, complex128. */
function weakDefault(o: Operand): ArrayDType {
  if (o.weak === "b") return "bool";
  if (o.weak === "i") {
    const v = o.value as number;
    return v >= INT32_MIN && v <= INT32_MAX ? "int32" : "float64";
  }
  return o.weak === "f" ? "float64" : "complex128";
}

/** numpy's result dtype of several operands, weak scalars included (NEP 50). */
export function promoteOperands(ops: readonly Operand[]): ArrayDType {
  let d: ArrayDType | null = null;
  for (const o of ops) {
    if (o.array !== null) {
      d = d === null ? dtypeOf(o.array) : promoteTypes(d, dtypeOf(o.array));
    }
  }
  if (d === null) {
    d = weakDefault(ops[0]);
    for (let k = 1; k < ops.length; k++) d = promoteTypes(d, weakDefault(ops[k]));
    return d;
  }
  for (const o of ops) if (o.weak !== null) d = weakPromote(d, o.weak);
  return d;
}

/** An operand ready for a loop: its storage, strides over the loop shape, and offset. */
export interface Bound {
  data: ArrayData;
  strides: number[];
  offset: number;
}

/** Storage of one item of dtype `d` holding a weak scalar; int32 range is checked (numpy 2
 * raises OverflowError for an integer that does not fit). */
function scalarData(o: Operand, d: ArrayDType, name: string): ArrayData {
  const data = allocArrayData(d, 1);
  const v = o.value;
  if (typeof v === "number") {
    if (d === "int32" && !(v >= INT32_MIN && v <= INT32_MAX)) {
      throw new RangeError(
        `The JS number ${v} is out of bounds for int32 in ${name}(): use an array of dtype float64`,
      );
    }
    data[0] = d === "bool" ? (v !== 0 ? 1 : 0) : v;
  } else {
    data[0] = v.re;
    data[1] = v.im;
  }
  return data;
}

/** Binds an operand to the loop shape `shape`, as dtype kind of `cd` needs: real arrays are
 * read as they are (any real storage reads exactly), real arrays in a complex loop are copied
 * to complex, scalars become one item. */
export function bind(o: Operand, cd: ArrayDType, shape: readonly number[], name: string): Bound {
  const complex = isComplex(cd as DType);
  if (o.array === null) {
    return { data: scalarData(o, cd, name), strides: shape.map(() => 0), offset: 0 };
  }
  const a = o.array;
  if (complex && !isComplex(a.dtype)) {
    const size = a.size;
    const data = allocArrayData(cd, size);
    const cs = cStrides(a.shape);
    forEachRow(a.shape, [a.strides, cs], [a.offset, 0], (p, s, n) => {
      K.rcopy(dataOf(a), p[0], s[0], data, p[1], s[1], n);
    });
    return { data, strides: stridesFor(a.shape, cs, shape), offset: 0 };
  }
  return { data: dataOf(a), strides: stridesFor(a.shape, a.strides, shape), offset: a.offset };
}

/** C-order strides of a shape. */
export function cStrides(shape: readonly number[]): number[] {
  const s: number[] = new Array(shape.length);
  let k = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = k;
    k *= shape[i];
  }
  return s;
}

/** Checks `out` against the result's shape and dtype (the reductions' `out` too). */
export function checkOut(
  out: unknown,
  shape: readonly number[],
  rd: ArrayDType,
  name: string,
): NDArray {
  if (!isNDArray(out)) {
    throw new TypeError(
      `Invalid out for ${name}(): expected an NDArray, got ${describeValue(out)}`,
    );
  }
  checkNDArray(out, "out", name);
  const os = out.shape;
  if (os.length !== shape.length || os.some((d, i) => d !== shape[i])) {
    throw new RangeError(
      `Invalid out for ${name}(): its shape is ${shapeString(os)}, the result's is ${
        shapeString(shape)
      }`,
    );
  }
  if (!canCastSameKind(rd, dtypeOf(out))) {
    throw new TypeError(
      `Cannot cast the output of ${name}() from ${rd} to ${out.dtype} with casting rule "same_kind"`,
    );
  }
  return out;
}

/** Whether the loop writes `out` where it could still read `b` later (a partial overlap). */
function overlaps(out: NDArray, b: Bound, ostrides: readonly number[]): boolean {
  if (!sharesMemory(b.data, out.data)) return false;
  if (b.data === dataOf(out) && b.offset === out.offset) {
    let same = true;
    for (let i = 0; i < ostrides.length && same; i++) {
      if (b.strides[i] !== ostrides[i] && out.shape[i] !== 1) same = false;
    }
    if (same) return false;
  }
  return true;
}

/** A copy of a bound operand into fresh C-order storage (for an out that overlaps it). */
function detach(b: Bound, shape: readonly number[], complex: boolean, dtype: ArrayDType): Bound {
  const size = shape.reduce((x, y) => x * y, 1);
  const data = allocArrayData(dtype, size);
  const cs = cStrides(shape);
  const k = complex ? K.ccopy : K.copy;
  forEachRow(shape, [b.strides, cs], [b.offset, 0], (p, s, n) => {
    k(b.data, p[0], s[0], data, p[1], s[1], n);
  });
  return { data, strides: cs, offset: 0 };
}

/** Where a loop writes: `out` (checked), or a new array; with a temporary when the loop's output
 * kind differs from out's (a real result into a complex out). */
export interface Target {
  result: NDArray;
  write: NDArray;
}

export function target(
  out: NDArray | undefined,
  shape: readonly number[],
  rd: ArrayDType,
  name: string,
): Target {
  if (out === undefined) {
    const size = shape.reduce((x, y) => x * y, 1);
    const r = makeArray(allocArrayData(rd, size), rd, shape);
    return { result: r, write: r };
  }
  const o = checkOut(out, shape, rd, name);
  if (isComplex(o.dtype) && !isComplex(rd as DType)) {
    const size = shape.reduce((x, y) => x * y, 1);
    return { result: o, write: makeArray(allocArrayData(rd, size), rd, shape) };
  }
  return { result: o, write: o };
}

/** Copies a real temporary into a complex out. */
export function finish(t: Target): NDArray {
  if (t.write !== t.result) {
    const w = t.write;
    const r = t.result;
    forEachRow(r.shape, [w.strides, r.strides], [w.offset, r.offset], (p, s, n) => {
      K.rcopy(dataOf(w), p[0], s[0], dataOf(r), p[1], s[1], n);
    });
  }
  return t.result;
}

/** How a binary function picks its loops and result dtype. */
export interface BinarySpec {
  name: string;
  /** "arith": result = computation dtype; "divide": ints compute in float64; "power": bool
   * computes in int32; "compare": result bool. */
  kind: "arith" | "divide" | "power" | "compare";
  real: Binary;
  int?: Binary;
  /** The bool loop; null: bool operands are a TypeError with this message. */
  bool?: Binary | string;
  complex: Binary;
}

/** Runs a binary elementwise function. */
export function binary(
  spec: BinarySpec,
  x: unknown,
  y: unknown,
  options: UfuncOptions | undefined,
): NDArray {
  const name = spec.name;
  checkOptions(options, name, UFUNC_KEYS);
  const a = operand(x, 0, name);
  const b = operand(y, 1, name);
  let cd = promoteOperands([a, b]);
  if (spec.kind === "divide" && (cd === "bool" || cd === "int32")) cd = "float64";
  if (spec.kind === "power" && cd === "bool") cd = "int32";
  let k: Binary;
  if (isComplex(cd as DType)) k = spec.complex;
  else if (cd === "int32") k = spec.int ?? spec.real;
  else if (cd === "bool" && spec.bool !== undefined) {
    if (typeof spec.bool === "string") throw new TypeError(spec.bool);
    k = spec.bool;
  } else k = spec.real;
  const rd: ArrayDType = spec.kind === "compare" ? "bool" : cd;
  if (options === undefined || options.out === undefined) {
    const r = fastBinary(name, k, a, b, cd, rd);
    if (r !== null) return r;
  }
  const shape = broadcastShapeList([
    a.array === null ? [] : a.array.shape,
    b.array === null ? [] : b.array.shape,
  ], name);
  let ba = bind(a, cd, shape, name);
  let bb = bind(b, cd, shape, name);
  if (k === K.ipower) negativeExponent(bb, shape, name);
  const t = target(options?.out, shape, rd, name);
  const o = t.write;
  const os = stridesFor(o.shape, o.strides, shape);
  if (options?.out !== undefined) {
    const complex = isComplex(cd as DType);
    if (overlaps(o, ba, os)) ba = detach(ba, shape, complex, cd);
    if (overlaps(o, bb, os)) bb = detach(bb, shape, complex, cd);
  }
  const od = dataOf(o);
  forEachRow(shape, [ba.strides, bb.strides, os], [ba.offset, bb.offset, o.offset], (p, s, n) => {
    k(ba.data, p[0], s[0], bb.data, p[1], s[1], od, p[2], s[2], n);
  });
  return finish(t);
}

/** The size of `a` when it is C-contiguous, else -1 (no allocation). */
function contiguousSize(a: NDArray): number {
  const shape = a.shape;
  const strides = a.strides;
  let size = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const n = shape[i];
    if (n !== 1 && strides[i] !== size) return -1;
    size *= n;
  }
  return size;
}

/**
 * The common small call without broadcasting machinery: two C-contiguous arrays of one shape
 * (or an array and a weak scalar) read as they are, into a new array. Null when it does not
 * apply. (The general path gives the same result; this one only allocates less.)
 */
function fastBinary(
  name: string,
  k: Binary,
  a: Operand,
  b: Operand,
  cd: ArrayDType,
  rd: ArrayDType,
): NDArray | null {
  if (k === K.ipower) return null;
  const complex = isComplex(cd as DType);
  const A = a.array;
  const B = b.array;
  const main = A ?? B;
  if (main === null || isComplex(main.dtype) !== complex) return null;
  const size = contiguousSize(main);
  if (size < 0) return null;
  const shape = main.shape;
  if (A !== null && B !== null) {
    if (isComplex(B.dtype) !== complex || isComplex(A.dtype) !== complex) return null;
    const bs = B.shape;
    if (bs.length !== shape.length) return null;
    for (let i = 0; i < bs.length; i++) if (bs[i] !== shape[i]) return null;
    if (contiguousSize(B) < 0) return null;
  }
  const out = allocArrayData(rd, size);
  const ad = A === null ? scalarData(a, cd, name) : dataOf(A);
  const bd = B === null ? scalarData(b, cd, name) : dataOf(B);
  k(
    ad,
    A === null ? 0 : A.offset,
    A === null ? 0 : 1,
    bd,
    B === null ? 0 : B.offset,
    B === null ? 0 : 1,
    out,
    0,
    1,
    size,
  );
  return makeArray(out, rd, shape);
}

function negativeExponent(b: Bound, shape: readonly number[], name: string): void {
  let bad = false;
  forEachRow(shape, [b.strides], [b.offset], (p, s, n) => {
    const d = b.data;
    for (let i = 0, q = p[0]; i < n; i++, q += s[0]) if (d[q] < 0) bad = true;
  });
  if (bad) {
    throw new RangeError(
      `Integers to negative integer powers are not allowed in ${name}(): use a float exponent`,
    );
  }
}

/** How a unary function picks its loop and result dtype. */
export interface UnarySpec {
  name: string;
  /** "same": result dtype = input's; "float": ints and bools compute in float64; "bool": result bool. */
  kind: "same" | "float" | "bool";
  real: Unary;
  complex: Unary;
  /** A complex input gives a real result of the same precision (abs). */
  complexToReal?: boolean;
  /** Message for a bool input, when that is a TypeError (negative). */
  noBool?: string;
  /** The result dtype of a bool input, when it is not bool (numpy's conj: an integer). */
  boolResult?: ArrayDType;
}

/** Runs a unary elementwise function. */
export function unary(spec: UnarySpec, x: unknown, options: UfuncOptions | undefined): NDArray {
  const name = spec.name;
  checkOptions(options, name, UFUNC_KEYS);
  const a = operand(x, 0, name);
  let cd = promoteOperands([a]);
  if (cd === "bool" && spec.noBool !== undefined) throw new TypeError(spec.noBool);
  if (spec.kind === "float" && (cd === "bool" || cd === "int32")) cd = "float64";
  if (cd === "bool" && spec.boolResult !== undefined) cd = spec.boolResult;
  const complex = isComplex(cd as DType);
  const rd: ArrayDType = spec.kind === "bool"
    ? "bool"
    : complex && spec.complexToReal
    ? (cd === "complex64" ? "float32" : "float64")
    : cd;
  const k = complex ? spec.complex : spec.real;
  const shape = a.array === null ? [] : a.array.shape.slice();
  let ba = bind(a, cd, shape, name);
  const t = target(options?.out, shape, rd, name);
  const o = t.write;
  const os = stridesFor(o.shape, o.strides, shape);
  if (options?.out !== undefined && overlaps(o, ba, os)) ba = detach(ba, shape, complex, cd);
  const od = dataOf(o);
  forEachRow(shape, [ba.strides, os], [ba.offset, o.offset], (p, s, n) => {
    k(ba.data, p[0], s[0], od, p[1], s[1], n);
  });
  return finish(t);
}

/** The elementwise kind of a dtype, for messages. */
export function kindName(d: ArrayDType): string {
  return { b: "bool", i: "integer", f: "float", c: "complex" }[dtypeKind(d)];
}
