// The nested-array parser: what array() and asarray() make of nested arrays, scalars, typed
// arrays and NDArrays.
import { kindOf } from "./_describe.ts";
import type { ArrayData, ArrayDType, DType } from "./dtype.ts";
import {
  allocArrayData,
  allocData,
  dtypeOfTypedArray,
  isComplex,
  promoteTypes,
  typedArrayTag,
} from "./dtype.ts";
import { checkCast, copyData, isComplexObject } from "./_layout.ts";
import { layoutOf, NDArray } from "./_ndarray.ts";
import { foreignView } from "./_foreign.ts";
import { checkShape, MAX_DIMS, shapeSize, tupleString } from "./_shape.ts";

export function fromValue(value: unknown, dtype: ArrayDType | undefined, fn: string): NDArray {
  if (dtype === "int32" || dtype === "bool") {
    // Read as float64 (or complex, refused by the cast check), then cast as numpy's astype.
    const f = value instanceof NDArray ? value : fromValue(value, undefined, fn);
    if (f !== value && f.dtype === dtype) return f;
    const layout = layoutOf(f, fn, "value");
    checkCast(f.dtype, dtype);
    return new NDArray(copyData(f, layout, dtype), dtype, layout.shape);
  }
  if (value instanceof NDArray) {
    const layout = layoutOf(value, fn, "value");
    const d = dtype ?? value.dtype;
    checkCast(value.dtype, d);
    return new NDArray(copyData(value, layout, d), d, layout.shape);
  }
  if (Array.isArray(value)) return fromNested(value, dtype, fn);
  if (typeof value === "number" || typeof value === "boolean") {
    const d = dtype ?? (typeof value === "boolean" ? "bool" : "float64");
    const data = allocArrayData(d, 1);
    data[0] = +value;
    return new NDArray(data, d, []);
  }
  if (ArrayBuffer.isView(value)) {
    const tag = typedArrayTag(value);
    if (tag === undefined) {
      throw new TypeError(
        `Cannot make an array from ${kindOf(value)}: use a typed array over its buffer`,
      );
    }
    // numpy's dtype of the elements (int32 for Int32Array), or the smallest safe cast of it.
    const own = dtypeOfTypedArray(value);
    const d = dtype ?? own;
    const src = value as unknown as Float64Array;
    const n = src.length;
    const layout = { shape: [n], strides: [1], size: n };
    if (d === own || own === "int32" && d === "float64") {
      const data = allocArrayData(d, n) as Float64Array;
      data.set(src);
      return new NDArray(data, d, [n]);
    }
    // Through the own dtype, then cast as astype does (nonzero is true, floats truncate).
    let data = src as unknown as ArrayData;
    if (tag !== "Float64Array" && tag !== "Float32Array" && tag !== "Int32Array") {
      data = allocArrayData(own, n);
      data.set(src);
    }
    return new NDArray(copyData({ data, dtype: own, offset: 0 }, layout, d), d, [n]);
  }
  const foreign = foreignView(value);
  if (foreign !== undefined) {
    const layout = layoutOf(foreign, fn, "value");
    const d = dtype ?? foreign.dtype;
    checkCast(foreign.dtype, d);
    return new NDArray(copyData(foreign, layout, d), d, layout.shape);
  }
  if (isComplexObject(value)) {
    const d = dtype ?? "complex128";
    checkCast("complex128", d);
    const data = allocArrayData(d, 1);
    data[0] = value.re;
    data[1] = value.im;
    return new NDArray(data, d, []);
  }
  throw new TypeError(
    `Cannot make an array from ${
      kindOf(value)
    }: expected a number, a { re, im } object, a typed array, ` +
      `an NDArray or nested arrays of those`,
  );
}

/** Reads nested arrays into separate real and imaginary Float64Arrays, validating as it goes. */
class NestedReader {
  /** The function, for messages. */
  fn: string;
  shape: number[];
  re: Float64Array;
  im: Float64Array | null;
  q: number;
  path: number[];
  /** numpy's promotion of the elements' dtypes so far (a JS number is float64, a boolean bool). */
  dtype: ArrayDType | undefined;

  constructor(shape: number[], size: number, fn: string) {
    this.fn = fn;
    this.shape = shape;
    this.re = allocArrayData("float64", size) as Float64Array;
    this.im = null;
    this.q = 0;
    this.path = [];
    for (let i = 0; i < shape.length; i++) this.path.push(0);
    this.dtype = undefined;
  }

  /** Joins the dtype of an element or row that was read. */
  saw(d: ArrayDType): void {
    const t = this.dtype;
    this.dtype = t === undefined || t === d ? d : promoteTypes(t, d);
  }

  where(depth: number): string {
    let s = "value";
    for (let i = 0; i < depth; i++) s += `[${this.path[i]}]`;
    return s;
  }

  /** `value[0][0]` at this depth: the element the shape was read from. */
  reference(depth: number): string {
    return "value" + "[0]".repeat(depth);
  }

  ragged(depth: number, what: string): TypeError {
    const n = this.shape[depth];
    const ref = depth === this.shape.length ? "is a scalar" : `has length ${n}`;
    return new TypeError(
      `Cannot make an array: ${this.where(depth)} ${what} but ${this.reference(depth)} ${ref}`,
    );
  }

  imag(): Float64Array {
    if (this.im === null) this.im = allocData("float64", this.re.length) as Float64Array;
    return this.im;
  }

  read(v: unknown, depth: number): void {
    const shape = this.shape;
    const nd = shape.length;
    if (depth === nd) {
      if (typeof v === "number") {
        this.re[this.q++] = v;
        this.saw("float64");
      } else if (typeof v === "boolean") {
        this.re[this.q++] = v ? 1 : 0;
        this.saw("bool");
      } else if (v instanceof NDArray) {
        this.readNDArray(v, depth);
      } else if (isComplexObject(v)) {
        this.imag()[this.q] = v.im;
        this.re[this.q++] = v.re;
        this.saw("complex128");
      } else if (Array.isArray(v) || typedArrayTag(v) !== undefined) {
        throw this.ragged(depth, `is an array of length ${(v as { length: number }).length}`);
      } else {
        throw new TypeError(
          `Cannot make an array from ${this.where(depth)}: expected a number, got ${leafKind(v)}`,
        );
      }
      return;
    }
    const n = shape[depth];
    if (Array.isArray(v)) {
      if (v.length !== n) throw this.ragged(depth, `has length ${v.length}`);
      const path = this.path;
      if (depth === nd - 1) {
        const re = this.re;
        let q = this.q;
        let i = 0;
        for (; i < n; i++) {
          const x = v[i];
          if (typeof x !== "number") break;
          re[q++] = x;
        }
        this.q = q;
        if (i > 0) this.saw("float64");
        for (; i < n; i++) {
          path[depth] = i;
          this.read(v[i], depth + 1);
        }
      } else {
        for (let i = 0; i < n; i++) {
          path[depth] = i;
          this.read(v[i], depth + 1);
        }
      }
      return;
    }
    if (v instanceof NDArray) {
      this.readNDArray(v, depth);
      return;
    }
    const tag = typedArrayTag(v);
    if (tag !== undefined) {
      const t = v as Float64Array;
      if (t.length !== n) throw this.ragged(depth, `has length ${t.length}`);
      if (depth !== nd - 1) {
        throw new TypeError(
          `Cannot make an array: ${this.where(depth)} is ${kindOf(v)} of numbers but ${
            this.reference(depth + 1)
          } has length ${shape[depth + 1]}`,
        );
      }
      this.saw(dtypeOfTypedArray(t));
      this.re.set(t, this.q);
      this.q += n;
      return;
    }
    if (typeof v === "number" || typeof v === "boolean" || isComplexObject(v)) {
      throw this.ragged(depth, `is a ${typeof v === "object" ? "complex number" : typeof v}`);
    }
    throw new TypeError(
      `Cannot make an array from ${this.where(depth)}: expected an array of length ${n}, got ${
        leafKind(v)
      }`,
    );
  }

  readNDArray(a: NDArray, depth: number): void {
    const shape = this.shape;
    const want = shape.slice(depth);
    const layout = layoutOf(a, this.fn, this.where(depth));
    const got = layout.shape;
    if (got.length !== want.length || got.some((d, i) => d !== want[i])) {
      throw new TypeError(
        `Cannot make an array: ${this.where(depth)} is an NDArray of shape ${
          tupleString(got)
        } but ${this.reference(depth)} has shape ${tupleString(want)}`,
      );
    }
    this.saw(a.dtype);
    const n = layout.size;
    const flat = copyData(a, layout, a.dtype);
    if (isComplex(a.dtype)) {
      const re = this.re;
      const im = this.imag();
      for (let i = 0, q = this.q; i < n; i++, q++) {
        re[q] = flat[2 * i];
        im[q] = flat[2 * i + 1];
      }
    } else {
      this.re.set(flat, this.q);
    }
    this.q += n;
  }
}

function leafKind(v: unknown): string {
  if (typeof v === "object" && v !== null && !Array.isArray(v) && ("re" in v || "im" in v)) {
    return "an object whose re and im are not both numbers";
  }
  return kindOf(v);
}

function fromNested(value: readonly unknown[], dtype: DType | undefined, fn: string): NDArray {
  // (An int32 or bool dtype asked for was routed through the inferred dtype by fromValue.)
  const dims: number[] = [];
  let v: unknown = value;
  for (;;) {
    if (Array.isArray(v)) {
      dims.push(v.length);
      if (v.length === 0) break;
      v = v[0];
    } else if (v instanceof NDArray) {
      const got = layoutOf(v, fn, "value" + "[0]".repeat(dims.length)).shape;
      for (let i = 0; i < got.length; i++) dims.push(got[i]);
      break;
    } else {
      const tag = typedArrayTag(v);
      if (tag !== undefined) dims.push((v as Float64Array).length);
      break;
    }
    if (dims.length > MAX_DIMS) {
      throw new RangeError(
        `Cannot make an array: value is nested more than ${MAX_DIMS} levels deep`,
      );
    }
  }
  const shape = checkShape(dims, "shape");
  const size = shapeSize(shape);
  const reader = new NestedReader(shape, size, fn);
  reader.read(value, 0);
  // numpy's promotion of what was read: JS numbers are float64 (numpy's Python ints would be
  // int64, which dlapack lacks), booleans bool, typed arrays and NDArrays their own dtype.
  const seen = reader.dtype ?? "float64";
  const d: ArrayDType = dtype ?? seen;
  checkCast(seen, d);
  if (d === "float64") return new NDArray(reader.re, d, shape);
  if (d === "float32" || d === "int32" || d === "bool") {
    // int32 and bool only when every value read was one (exact); float32 rounds.
    const data = allocArrayData(d, size);
    data.set(reader.re);
    return new NDArray(data, d, shape);
  }
  const data = allocArrayData(d, size);
  const re = reader.re;
  const im = reader.im;
  for (let i = 0; i < size; i++) data[2 * i] = re[i];
  if (im !== null) { for (let i = 0; i < size; i++) data[2 * i + 1] = im[i]; }
  return new NDArray(data, d, shape);
}
