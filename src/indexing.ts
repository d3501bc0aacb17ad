/**
 * Basic indexing as views (numpy's `a[1, ::-1, None, ...]` is `a.slice(1, "::-1", null, "...")`)
 * and writing into arrays with broadcasting (`a[...] = v` is `a.assign(v)`).
 *
 * @module
 */
import type { ArrayDType } from "./dtype.ts";
import { isComplex } from "./dtype.ts";
import type { ArrayLike, NDArray } from "./ndarray.ts";
import { asarray, isNDArray } from "./ndarray.ts";
import { checkNDArray } from "./gufunc.ts";
import { describeValue } from "./_describe.ts";
import { dataOf, dtypeOf, makeArray, operand, promoteOperands } from "./_ufunc.ts";
import type { Bound } from "./_ufunc.ts";
import { bind } from "./_ufunc.ts";
import { forEachRow, shapeString, stridesFor } from "./_strided.ts";
import * as K from "./_kernels.ts";
export type { IndexItem } from "./_ndarray.ts";

const SLICE = /^\s*([+-]?\d+)?\s*:\s*([+-]?\d+)?\s*(?::\s*([+-]?\d+)?\s*)?$/;

/** Python's slice.indices(n): start, step and the number of items. */
function sliceIndices(text: string, n: number, axis: number, fn: string): [number, number, number] {
  const m = SLICE.exec(text);
  if (m === null) {
    throw new TypeError(
      `Invalid index ${
        JSON.stringify(text)
      } for axis ${axis} in ${fn}: expected an integer, null, "..." or a slice "start:stop:step"`,
    );
  }
  const step = m[3] === undefined ? 1 : Number(m[3]);
  if (step === 0) {
    throw new RangeError(`Invalid slice ${JSON.stringify(text)} in ${fn}: the step is zero`);
  }
  let start: number;
  let stop: number;
  if (step > 0) {
    start = m[1] === undefined ? 0 : Number(m[1]);
    stop = m[2] === undefined ? n : Number(m[2]);
    if (start < 0) start = Math.max(0, start + n);
    else start = Math.min(start, n);
    if (stop < 0) stop = Math.max(0, stop + n);
    else stop = Math.min(stop, n);
    return [start, step, stop > start ? Math.ceil((stop - start) / step) : 0];
  }
  start = m[1] === undefined ? n - 1 : Number(m[1]);
  stop = m[2] === undefined ? -1 : Number(m[2]);
  if (start < 0) start = Math.max(-1, start + n);
  else start = Math.min(start, n - 1);
  if (m[2] !== undefined) {
    if (stop < 0) stop = Math.max(-1, stop + n);
    else stop = Math.min(stop, n - 1);
  }
  return [start, step, start > stop ? Math.ceil((stop - start) / step) : 0];
}

/**
 * The view `a[...index]` (numpy's basic indexing): no copy, the same `data`.
 *
 * @param a The array.
 * @param index The index items (see `IndexItem`).
 * @returns The view.
 * @throws {RangeError} For an integer out of range (naming the axis), too many indices, a zero step.
 * @throws {TypeError} For a malformed slice string (quoted), a non-integer number, two ellipses.
 */
export function sliceView(a: NDArray, index: readonly unknown[]): NDArray {
  const fn = "slice()";
  checkNDArray(a, "the array", "slice");
  let ellipsis = -1;
  let used = 0;
  for (let k = 0; k < index.length; k++) {
    const it = index[k];
    if (it === "...") {
      if (ellipsis >= 0) {
        throw new TypeError(
          `Invalid index in ${fn}: an index can only have a single ellipsis ("...")`,
        );
      }
      ellipsis = k;
    } else if (it !== null) used++;
  }
  const nd = a.shape.length;
  if (used > nd) {
    throw new RangeError(
      `Too many indices for array in ${fn}: the array is ${nd}-dimensional, but ${used} were indexed`,
    );
  }
  const shape: number[] = [];
  const strides: number[] = [];
  let offset = a.offset;
  let axis = 0;
  for (let k = 0; k < index.length; k++) {
    const it = index[k];
    if (it === null) {
      shape.push(1);
      strides.push(0);
    } else if (it === "...") {
      for (let e = 0; e < nd - used; e++, axis++) {
        shape.push(a.shape[axis]);
        strides.push(a.strides[axis]);
      }
    } else if (typeof it === "number") {
      const n = a.shape[axis];
      if (!Number.isInteger(it)) {
        throw new TypeError(`Invalid index ${it} for axis ${axis} in ${fn}: expected an integer`);
      }
      if (it < -n || it >= n) {
        throw new RangeError(
          `Index ${it} is out of bounds for axis ${axis} with size ${n} in ${fn}`,
        );
      }
      offset += (it < 0 ? it + n : it) * a.strides[axis];
      axis++;
    } else if (typeof it === "string") {
      const [start, step, len] = sliceIndices(it, a.shape[axis], axis, fn);
      if (len > 0) offset += start * a.strides[axis];
      shape.push(len);
      strides.push(a.strides[axis] * step);
      axis++;
    } else {
      throw new TypeError(
        `Invalid index ${
          describeValue(it)
        } in ${fn}: expected an integer, null, "..." or a slice string`,
      );
    }
  }
  for (; axis < nd; axis++) {
    shape.push(a.shape[axis]);
    strides.push(a.strides[axis]);
  }
  // An empty view reads nothing: keep the array's own offset (numpy: a[::-1, ::-1] of shape
  // (0, 3) is fine, though its start would lie past the data).
  if (shape.includes(0)) offset = a.offset;
  return makeArray(dataOf(a), dtypeOf(a), shape, strides, offset);
}

/**
 * Writes `value`, broadcast to the shape of `target`, into `target` (numpy's `target[...] =
 * value`). Values are cast as numpy's assignment does (float to int32 truncates; nonzero to
 * bool is true); a complex value into a real array is a TypeError.
 *
 * @param target The array (or view) to write into.
 * @param value The values.
 * @returns `target`.
 */
export function assignInto(target: NDArray, value: unknown): NDArray {
  const fn = "assign";
  checkNDArray(target, "the target", fn);
  const o = operand(value, 0, fn);
  const td = dtypeOf(target);
  const vd = o.array === null ? promoteOperands([o]) : dtypeOf(o.array);
  if (isComplex(vd) && !isComplex(td)) {
    throw new TypeError(
      `Cannot assign ${vd} values to a ${td} array in ${fn}(): the imaginary parts would be lost`,
    );
  }
  const shape = target.shape;
  if (o.array !== null) {
    const vs = o.array.shape;
    const lead = shape.length - vs.length;
    let ok = lead >= 0;
    for (let i = 0; ok && i < vs.length; i++) {
      if (vs[i] !== 1 && vs[i] !== shape[lead + i]) ok = false;
    }
    if (!ok) {
      throw new RangeError(
        `Could not broadcast input array from shape ${shapeString(vs)} into shape ${
          shapeString(shape)
        } in ${fn}()`,
      );
    }
  }
  // The value as its own dtype (complex when the target is), read once; copied first when it
  // shares memory with the target.
  const cd: ArrayDType = isComplex(td) ? (isComplex(vd) ? vd : td) : vd;
  let b: Bound = bind(o, cd, shape, fn);
  if (b.data.buffer === target.data.buffer) {
    const copy = makeArray(b.data, cd, shape, b.strides, b.offset).copy();
    b = { data: dataOf(copy), strides: copy.strides.slice(), offset: 0 };
  }
  const k = isComplex(td) ? K.ccopy : td === "bool" ? K.toBool : K.copy;
  const out = dataOf(target);
  forEachRow(shape, [b.strides, target.strides], [b.offset, target.offset], (p, s, n) => {
    k(b.data, p[0], s[0], out, p[1], s[1], n);
  });
  return target;
}

/** The array of an argument that must be an array. */
export function arrayOf(x: unknown, fn: string): NDArray {
  if (isNDArray(x)) {
    checkNDArray(x, 0, fn);
    return x;
  }
  return asarray(x as ArrayLike);
}

/** Strides of `a` seen through the broadcast shape `to` (for broadcastTo). */
export function broadcastStrides(a: NDArray, to: readonly number[]): number[] {
  return stridesFor(a.shape, a.strides, to);
}
