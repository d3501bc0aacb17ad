// The gufunc engine's copies between an operand's core block (any strides) and the item's
// scratch view (C or F order): per item, allocation-free; and, for one matrix, which operands
// need no copy at all.
import type { ArrayData, ArrayDType, DType, FloatArray } from "./dtype.ts";
import { quirks } from "../ffi/backend.ts";

/** Whether a core block with these strides (in floats) is contiguous in the layout `c`. */
function contiguous(core: number[], strides: number[], c: boolean, fpi: number): boolean {
  let expect = fpi;
  for (let i = 0; i < core.length; i++) {
    const d = c ? core.length - 1 - i : i;
    if (core[d] !== 1 && strides[d] !== expect) return false;
    expect *= core[d];
  }
  return true;
}

/** What decides, for a one-matrix plan, which operands need no copy (see `noCopies`). */
export interface OperandLayout {
  /** The spec's `inplace` and `readOnly`. */
  inplace: readonly number[] | undefined;
  readOnly: unknown;
  /** Per operand (inputs then outputs): C order (true) or F, core dims, core strides in floats, floats per item. */
  layouts: readonly boolean[];
  cores: number[][];
  coreStrides: number[][];
  fpis: number[];
  computation: DType;
  inDTypes: readonly ArrayDType[];
  outDTypes: readonly DType[];
}

/** The operands of a one-matrix plan that need no copy, as listed in `Plan` (src/gufunc.ts). */
export function noCopies(o: OperandLayout): {
  direct: number[] | undefined;
  borrowed: number[] | undefined;
  cloned: number[] | undefined;
} {
  const { inplace, layouts, cores, coreStrides, fpis, computation, inDTypes, outDTypes } = o;
  const nIn = inDTypes.length;
  // Complex: OpenBLAS's gemv over-read (see makeCache) must stay inside the padded scratch.
  const overRead = (k: number) => fpis[k] === 2 && quirks().gemvOverRead;
  const flat = (k: number) =>
    contiguous(cores[k], coreStrides[k], layouts[k], fpis[k]) &&
    (k < nIn ? inDTypes[k] : outDTypes[k - nIn]) === computation;
  // Outputs LAPACK may write in place: sharing an input's scratch, contiguous in the layout.
  let direct: number[] | undefined;
  for (let j = 0; j < outDTypes.length; j++) {
    const from = inplace?.[j] ?? -1;
    if (from >= 0 && !overRead(nIn + j) && flat(nIn + j)) (direct ??= []).push(j);
  }
  // Inputs the kernel may read where they are: read-only, of no output, contiguous.
  let borrowed: number[] | undefined;
  for (const k of Array.isArray(o.readOnly) ? o.readOnly : []) {
    if (!(Number.isInteger(k) && k >= 0 && k < nIn) || inplace?.includes(k)) continue;
    if (!overRead(k) && flat(k)) (borrowed ??= []).push(k);
  }
  // Direct outputs made as a copy of their input's storage, which is what the copy in writes.
  const cloned = direct?.filter((j) => flat(inplace![j]));
  return { direct, borrowed, cloned: cloned?.length ? cloned : undefined };
}

/**
 * A copy of a float array (float64 storage when `double`) made by its constructor, which fills
 * new storage from `src` instead of zero-filling it first (for 2 MB, 40-90 us less than a fresh
 * array and a copy, on Deno, Bun and Node); undefined for small arrays (src/dtype.ts pools
 * those: cheaper still) and when the allocation fails (allocArrayData then says why).
 */
export function copyOf(src: FloatArray, double: boolean): FloatArray | undefined {
  if (src.byteLength <= 2048) return undefined;
  try {
    return double ? new Float64Array(src) : new Float32Array(src);
  } catch {
    return undefined;
  }
}

export /** Copies one core block of `src` into the scratch view, in C or F order. */
function copyIn(
  src: ArrayData,
  off: number,
  strides: number[],
  core: number[],
  dst: FloatArray,
  cOrder: boolean,
  fpi: number,
): void {
  const n = core.length;
  if (n === 0) {
    dst[0] = src[off];
    if (fpi === 2) dst[1] = src[off + 1];
    return;
  }
  if (n === 1) {
    const len = core[0];
    const s = strides[0];
    if (s === fpi && (len > 64 || (off === 0 && src.length === len * fpi))) {
      dst.set(off === 0 && src.length === len * fpi ? src : src.subarray(off, off + len * fpi));
      return;
    }
    if (fpi === 1) { for (let i = 0, p = off; i < len; i++, p += s) dst[i] = src[p]; }
    else {for (let i = 0, p = off; i < 2 * len; i += 2, p += s) {
        dst[i] = src[p];
        dst[i + 1] = src[p + 1];
      }}
    return;
  }
  if (n > 2) {
    copyND(src, off, strides, core, dst, 0, cOrder, fpi, 0, true);
    return;
  }
  // Two core dims: outer loop over the slow axis of the scratch layout.
  const rows = core[0];
  const cols = core[1];
  const outer = cOrder ? rows : cols;
  const inner = cOrder ? cols : rows;
  const so = cOrder ? strides[0] : strides[1];
  const si = cOrder ? strides[1] : strides[0];
  const count = rows * cols * fpi;
  if (si === fpi && so === inner * fpi) {
    // A whole array (the common case): one memcpy, no view made.
    if (off === 0 && src.length === count) dst.set(src);
    else if (count > 256) dst.set(src.subarray(off, off + count));
    else for (let i = 0; i < count; i++) dst[i] = src[off + i];
    return;
  }
  let q = 0;
  if (fpi === 1) {
    for (let o = 0; o < outer; o++) {
      for (let i = 0, p = off + o * so; i < inner; i++, p += si) dst[q++] = src[p];
    }
  } else {
    for (let o = 0; o < outer; o++) {
      for (let i = 0, p = off + o * so; i < inner; i++, p += si) {
        dst[q++] = src[p];
        dst[q++] = src[p + 1];
      }
    }
  }
}

export /** Copies a scratch view (C or F order) into one core block of `dst`. */
function copyOut(
  src: FloatArray,
  dst: ArrayData,
  off: number,
  strides: number[],
  core: number[],
  cOrder: boolean,
  fpi: number,
): void {
  const n = core.length;
  if (n === 0) {
    dst[off] = src[0];
    if (fpi === 2) dst[off + 1] = src[1];
    return;
  }
  if (n === 1) {
    const len = core[0];
    const s = strides[0];
    if (s === fpi && len > 64) {
      dst.set(src.subarray(0, len * fpi), off);
      return;
    }
    for (let i = 0, p = off, q = 0; i < len; i++, p += s, q += fpi) {
      dst[p] = src[q];
      if (fpi === 2) dst[p + 1] = src[q + 1];
    }
    return;
  }
  if (n > 2) {
    copyND(dst, off, strides, core, src, 0, cOrder, fpi, 0, false);
    return;
  }
  const rows = core[0];
  const cols = core[1];
  const outer = cOrder ? rows : cols;
  const inner = cOrder ? cols : rows;
  const so = cOrder ? strides[0] : strides[1];
  const si = cOrder ? strides[1] : strides[0];
  const count = rows * cols * fpi;
  if (si === fpi && so === inner * fpi) {
    if (count > 256) dst.set(src.subarray(0, count), off);
    else for (let i = 0; i < count; i++) dst[off + i] = src[i];
    return;
  }
  let q = 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0, p = off + o * so; i < inner; i++, p += si) {
      dst[p] = src[q];
      if (fpi === 2) dst[p + 1] = src[q + 1];
      q += fpi;
    }
  }
}

/**
 * Copies a core block of three or more dimensions between an operand (`arr` at `off`, with
 * `strides` in floats) and a scratch view (`scratch` from `q`, in C or F order): into the
 * scratch when `toScratch`, else out of it. Recursive over the axes, so nothing is allocated.
 * Returns the scratch position after the block.
 */
function copyND(
  arr: ArrayData,
  off: number,
  strides: number[],
  core: number[],
  scratch: FloatArray,
  q: number,
  cOrder: boolean,
  fpi: number,
  level: number,
  toScratch: boolean,
): number {
  const n = core.length;
  const axis = cOrder ? level : n - 1 - level;
  const len = core[axis];
  const s = strides[axis];
  if (level < n - 1) {
    for (let i = 0, p = off; i < len; i++, p += s) {
      q = copyND(arr, p, strides, core, scratch, q, cOrder, fpi, level + 1, toScratch);
    }
    return q;
  }
  for (let i = 0, p = off; i < len; i++, p += s, q += fpi) {
    if (toScratch) {
      scratch[q] = arr[p];
      if (fpi === 2) scratch[q + 1] = arr[p + 1];
    } else {
      arr[p] = scratch[q];
      if (fpi === 2) arr[p + 1] = scratch[q + 1];
    }
  }
  return q;
}
