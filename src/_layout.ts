// Layouts (a checked shape and strides) and the copies and reshapes that work on them: what the
// NDArray class, the nested-array parser and the creation functions share.
import type { ArrayData, ArrayDType, Complex } from "./dtype.ts";
import { allocArrayData } from "./dtype.ts";
import { checkShape, listString, tupleString } from "./_shape.ts";

/** What the copies read of an array: its storage, dtype and offset. */
export interface Storage {
  readonly dtype: ArrayDType;
  readonly data: ArrayData;
  readonly offset: number;
}

/** An array's shape and strides, read once and checked: what methods loop over. */
export interface Layout {
  shape: number[];
  strides: number[];
  size: number;
}

/** A `{ re, im }` pair of numbers (extra properties allowed). */
export function isComplexObject(x: unknown): x is Complex {
  return typeof x === "object" && x !== null &&
    typeof (x as Complex).re === "number" && typeof (x as Complex).im === "number";
}

/** Whether a layout is in row-major order without gaps (numpy's rules). */
export function cContiguous(layout: Layout): boolean {
  const { shape, strides, size } = layout;
  if (size === 0) return true;
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const n = shape[i];
    if (n !== 1) {
      if (strides[i] !== expected) return false;
      expected *= n;
    }
  }
  return true;
}

export function checkCast(from: ArrayDType, to: ArrayDType): void {
  if (
    (from === "complex128" || from === "complex64") && to !== "complex128" && to !== "complex64"
  ) {
    throw new TypeError(`Cannot cast ${from} to ${to} without losing the imaginary part`);
  }
}

/**
 * Copies the elements of `a`, in C order of `layout` (its checked shape and strides, from
 * layoutOf), into new storage of dtype `to` (real to complex fills zero imaginary parts; the
 * caller rules out complex to real). numpy's casts: to bool, nonzero (NaN too) is true; float to
 * int32 truncates toward zero, and NaN, infinities and values out of range give -2^31 (what
 * numpy gives on x86).
 */
export function copyData(a: Storage, layout: Layout, to: ArrayDType): ArrayData {
  const from = a.dtype;
  if ((to === "bool" || to === "int32") && from !== to && from !== "bool") {
    const tmp = copyData(a, layout, "float64");
    const dst = allocArrayData(to, layout.size);
    if (to === "bool") { for (let i = 0; i < tmp.length; i++) dst[i] = tmp[i] !== 0 ? 1 : 0; }
    else {
      for (let i = 0; i < tmp.length; i++) {
        const v = tmp[i];
        dst[i] = v > -2147483649 && v < 2147483648 ? v : -2147483648;
      }
    }
    return dst;
  }
  const { shape, strides, size } = layout;
  const dst = allocArrayData(to, size);
  if (size === 0) return dst;
  const src = a.data;
  const sf = a.dtype === "complex128" || a.dtype === "complex64" ? 2 : 1;
  const df = to === "complex128" || to === "complex64" ? 2 : 1;
  const nd = shape.length;
  const off = a.offset;
  if (sf === df && cContiguous(layout)) {
    dst.set(src.subarray(off * sf, (off + size) * sf));
    return dst;
  }
  if (nd === 0) {
    dst[0] = src[off * sf];
    if (sf === 2) dst[1] = src[off * sf + 1];
    return dst;
  }
  const n = shape[nd - 1];
  const s = strides[nd - 1] * sf;
  const outer = size / n;
  const idx: number[] = [];
  for (let d = 0; d < nd - 1; d++) idx.push(0);
  let p = off * sf;
  let q = 0;
  for (let o = 0; o < outer; o++) {
    if (sf === 1 && df === 1) {
      for (let i = 0, r = p; i < n; i++, r += s) dst[q++] = src[r];
    } else if (sf === 2) {
      for (let i = 0, r = p; i < n; i++, r += s) {
        dst[q++] = src[r];
        dst[q++] = src[r + 1];
      }
    } else {
      for (let i = 0, r = p; i < n; i++, r += s, q += 2) dst[q] = src[r];
    }
    for (let d = nd - 2; d >= 0; d--) {
      p += strides[d] * sf;
      if (++idx[d] < shape[d]) break;
      p -= strides[d] * sf * shape[d];
      idx[d] = 0;
    }
  }
  return dst;
}

/** Validates a reshape target and resolves its -1. */
export function resolveShape(
  old: readonly number[],
  size: number,
  req: readonly unknown[],
): number[] {
  let unknown = -1;
  let known = 1;
  const out: number[] = [];
  for (let i = 0; i < req.length; i++) {
    const d = req[i];
    if (d === -1) {
      if (unknown >= 0) {
        throw new RangeError(
          `Cannot reshape into shape ${listString(req)}: only one dimension can be -1`,
        );
      }
      unknown = i;
      out.push(1);
    } else {
      out.push(d as number);
    }
  }
  const checked = checkShape(out, "shape");
  for (let i = 0; i < checked.length; i++) known *= checked[i];
  if (unknown >= 0) {
    if (known === 0 || size % known !== 0) {
      throw new RangeError(
        `Cannot reshape an array of shape ${tupleString(old)} (size ${size}) into shape ${
          listString(req)
        }: ${size} is not a multiple of ${known}`,
      );
    }
    checked[unknown] = size / known;
  } else if (known !== size) {
    throw new RangeError(
      `Cannot reshape an array of shape ${tupleString(old)} (size ${size}) into shape ${
        tupleString(checked)
      } (size ${known})`,
    );
  }
  return checked;
}

/**
 * numpy's `_attempt_nocopy_reshape` (C order): the strides that view the same memory in the
 * new shape, or null when a copy is needed. Requires a non-empty array of the same size, with
 * checked dimensions (layoutOf, resolveShape).
 */
export function noCopyStrides(
  shape: readonly number[],
  strides: readonly number[],
  newShape: readonly number[],
): number[] | null {
  const oldDims: number[] = [];
  const oldStrides: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] !== 1) {
      oldDims.push(shape[i]);
      oldStrides.push(strides[i]);
    }
  }
  const oldNd = oldDims.length;
  const newNd = newShape.length;
  const newStrides: number[] = [];
  for (let i = 0; i < newNd; i++) newStrides.push(0);
  let oi = 0;
  let oj = 1;
  let ni = 0;
  let nj = 1;
  // Each step moves nj or oj forward, and both stop at the end: the loops end even when the
  // sizes differ (they cannot: resolveShape checked them, and layoutOf the dimensions).
  while (ni < newNd && oi < oldNd) {
    let np = newShape[ni];
    let op = oldDims[oi];
    while (np !== op) {
      if (np < op) {
        if (nj >= newNd) return null;
        np *= newShape[nj++];
      } else {
        if (oj >= oldNd) return null;
        op *= oldDims[oj++];
      }
    }
    for (let ok = oi; ok < oj - 1; ok++) {
      if (oldStrides[ok] !== oldDims[ok + 1] * oldStrides[ok + 1]) return null;
    }
    newStrides[nj - 1] = oldStrides[oj - 1];
    for (let nk = nj - 1; nk > ni; nk--) newStrides[nk - 1] = newStrides[nk] * newShape[nk];
    ni = nj++;
    oi = oj++;
  }
  const last = ni >= 1 ? newStrides[ni - 1] : 1;
  for (let nk = ni; nk < newNd; nk++) newStrides[nk] = last;
  return newStrides;
}

/** What `toArray()` makes (the NDArray module's `NestedValue`). */
type Nested = number | boolean | Complex | Nested[];

/** toArray()'s nesting; mode: 0 real, 1 complex, 2 bool. */
export function nest(
  data: ArrayData,
  shape: readonly number[],
  strides: readonly number[],
  axis: number,
  pos: number,
  mode: number,
): Nested[] {
  const n = shape[axis];
  const s = strides[axis];
  const out: Nested[] = [];
  if (axis === shape.length - 1) {
    if (mode === 2) {
      for (let i = 0, p = pos; i < n; i++, p += s) out.push(data[p] !== 0);
    } else if (mode === 1) {
      for (let i = 0, p = pos; i < n; i++, p += s) {
        out.push({ re: data[2 * p], im: data[2 * p + 1] });
      }
    } else {
      for (let i = 0, p = pos; i < n; i++, p += s) out.push(data[p]);
    }
  } else {
    for (let i = 0, p = pos; i < n; i++, p += s) {
      out.push(nest(data, shape, strides, axis + 1, p, mode));
    }
  }
  return out;
}
