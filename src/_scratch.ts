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

export /**
 * The inputs (indices from the spec's `readOnly`) of a one-matrix plan that the kernel may
 * read where they are: the computation dtype, contiguous in the kernel's layout (`layouts`,
 * true = C, per operand), and written by no output (`inplace`).
 */
function borrowedInputs(
  readOnly: unknown,
  inplace: readonly number[] | undefined,
  layouts: readonly boolean[],
  computation: DType,
  inDTypes: readonly ArrayDType[],
  cores: number[][],
  coreStrides: number[][],
  fpis: number[],
): number[] | undefined {
  if (!Array.isArray(readOnly)) return undefined;
  let borrowed: number[] | undefined;
  for (const k of readOnly) {
    if (!(Number.isInteger(k) && k >= 0 && k < inDTypes.length)) continue;
    // Complex: OpenBLAS's gemv over-read (see makeCache) must stay inside the padded scratch.
    if (inDTypes[k] !== computation || (fpis[k] === 2 && quirks().gemvOverRead)) continue;
    if (inplace?.includes(k)) continue; // an output would write it
    if (contiguous(cores[k], coreStrides[k], layouts[k], fpis[k])) (borrowed ??= []).push(k);
  }
  return borrowed;
}

export /**
 * The outputs of a one-matrix plan that LAPACK may write in place: those that share an
 * input's scratch (`inplace`), of the computation dtype, contiguous in the kernel's layout.
 */
function directOutputs(
  inplace: readonly number[] | undefined,
  nIn: number,
  layouts: readonly boolean[],
  computation: DType,
  outDTypes: DType[],
  cores: number[][],
  coreStrides: number[][],
  fpis: number[],
): number[] | undefined {
  let direct: number[] | undefined;
  for (let j = 0; j < outDTypes.length; j++) {
    const k = nIn + j;
    const from = inplace?.[j] ?? -1;
    // Complex: OpenBLAS's gemv over-read (see makeCache) must stay inside the padded scratch.
    if (from < 0 || outDTypes[j] !== computation || (fpis[k] === 2 && quirks().gemvOverRead)) {
      continue;
    }
    // Contiguous in the kernel's layout (C: last axis fastest; F: first axis fastest).
    if (contiguous(cores[k], coreStrides[k], layouts[k], fpis[k])) (direct ??= []).push(j);
  }
  return direct;
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
