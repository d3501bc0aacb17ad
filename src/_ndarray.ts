/**
 * The NDArray class: the constructor's checks, the methods, and the checks that every method
 * runs on its receiver (a forged object, or one whose shape or strides were changed).
 *
 * @module
 */
import { describeValue as describe, kindOf } from "./_describe.ts";
import type { ArrayData, ArrayDType, Complex } from "./dtype.ts";
import { isArrayDType, isComplex, isPooled, itemSize, parseArrayDType } from "./dtype.ts";
import type { Layout } from "./_layout.ts";
import type { ArrayMethods } from "./methods.ts";
import {
  cContiguous,
  checkCast,
  copyData,
  isComplexObject,
  nest,
  noCopyStrides,
  resolveShape,
} from "./_layout.ts";
import { repr } from "./_print.ts";
import {
  checkShape,
  cStrides,
  dimProblem,
  fStrides,
  listString,
  MAX_DIMS,
  shapeSize,
  tupleString,
  viewProblem,
} from "./_shape.ts";

/**
 * One element: a number (booleans count as 0 and 1) or a complex `{ re, im }`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Scalar, zeros } from "jsr:@dlapack/dlapack";
 * const v: Scalar = { re: 1, im: 1 };
 * const a = zeros(1, { dtype: "complex128" });
 * a.set([0], v);
 * assert.deepEqual(a.at(0), v);
 * ```
 */
export type Scalar = number | boolean | Complex;

/**
 * The values `toArray()` produces: nested arrays of numbers, or of `{ re, im }` for complex
 * dtypes, and a bare scalar for a 0-d array. (`toArray()` itself is typed `any`, since the
 * depth is only known at run time; annotate with this type to keep checking.)
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eye, type NestedValue } from "jsr:@dlapack/dlapack";
 * const v: NestedValue = eye(2).toArray();
 * assert.deepEqual(v, [[1, 0], [0, 1]]);
 * ```
 */
export type NestedValue = number | boolean | Complex | NestedValue[];

/** The most elements `toArray()` converts to nested JS arrays. */
const MAX_NESTED = 2 ** 26;

/** Whether `x` was made by the NDArray constructor (set in the class's static block). */
let genuine: (x: unknown) => boolean;

/**
 * Checks that `a` was made by the NDArray constructor (not `Object.create(NDArray.prototype)`)
 * and that its shape and strides, plain arrays that code outside may change, still describe a
 * view within its data; returns copies of them, so that no later change (not even by a getter on
 * an element) reaches the caller's loops.
 *
 * @param a The array.
 * @param fn The function, for messages: "toArray()".
 * @param where Which array, for messages: "value[1]" (default: the receiver).
 */
export function layoutOf(a: NDArray, fn: string, where?: string): Layout {
  const nd = checkDims(a, fn, where);
  const shape0 = a.shape;
  const strides0 = a.strides;
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < nd; i++) {
    shape.push(shape0[i]);
    strides.push(strides0[i]);
  }
  return { shape, strides, size: checkView(a, shape, strides, fn, where) };
}

/**
 * layoutOf's checks without the copies, for callers that do not loop over the shape.
 *
 * @returns The size.
 */
export function checkLayout(a: NDArray, fn: string, where?: string): number {
  checkDims(a, fn, where);
  return checkView(a, a.shape, a.strides, fn, where);
}

/** Checks the brand and the number of dimensions and strides; returns the latter. */
export function checkDims(a: NDArray, fn: string, where: string | undefined): number {
  if (!genuine(a)) {
    throw new TypeError(
      `Invalid NDArray in ${whatOf(fn, where)}: it was not made by the NDArray constructor`,
    );
  }
  const shape = a.shape;
  const strides = a.strides;
  const nd = shape.length;
  const ns = strides.length;
  if (!(nd <= MAX_DIMS && ns === nd)) {
    throw tampered(
      RangeError,
      fn,
      where,
      nd <= MAX_DIMS && ns <= MAX_DIMS
        ? `its shape ${listString(shape)} and strides ${listString(strides)} differ in length`
        : `it has ${nd} dimensions and ${ns} strides, but at most ${MAX_DIMS} are supported`,
    );
  }
  return nd;
}

/** Checks each dimension and stride, and that the view lies within the data; returns the size. */
export function checkView(
  a: NDArray,
  shape: readonly unknown[],
  strides: readonly unknown[],
  fn: string,
  where: string | undefined,
): number {
  const data = a.data;
  const items = a.dtype === "complex128" || a.dtype === "complex64"
    ? data.length >> 1
    : data.length;
  const off = a.offset;
  const p = viewProblem(shape, strides, off, items);
  if (typeof p === "number") return p;
  const { what, index: i, value } = p;
  if (what === "dimension") {
    throw tampered(
      typeof value === "number" ? RangeError : TypeError,
      fn,
      where,
      `dimension ${i} of its shape ${listString(shape)} ${
        typeof value === "number" ? dimProblem(value) : "is not a number"
      }`,
    );
  }
  if (what === "stride") {
    throw tampered(
      typeof value === "number" ? RangeError : TypeError,
      fn,
      where,
      `stride ${i} of its strides ${listString(strides)} is not an integer`,
    );
  }
  if (what === "size") {
    throw tampered(
      RangeError,
      fn,
      where,
      `the size of its shape ${listString(shape)} is too large`,
    );
  }
  throw tampered(
    RangeError,
    fn,
    where,
    `its shape ${listString(shape)} with strides ${listString(strides)} and offset ${off} ` +
      `reaches item ${i}, but data holds ${items} items`,
  );
}

function whatOf(fn: string, where: string | undefined): string {
  return where === undefined ? fn : `${fn} (${where})`;
}

function tampered(
  e: typeof RangeError | typeof TypeError,
  fn: string,
  where: string | undefined,
  problem: string,
): Error {
  return new e(
    `Invalid NDArray in ${whatOf(fn, where)}: ${problem} (its shape or strides were changed ` +
      `after construction, or its buffer shrank)`,
  );
}

const FIELDS = ["dtype", "shape", "strides", "offset", "data"] as const;

const DENO_INSPECT: unique symbol = Symbol.for("Deno.customInspect");
const NODE_INSPECT: unique symbol = Symbol.for("nodejs.util.inspect.custom");

/** The array-core methods (add, sum, slice, matmul, ...), installed by methods.ts. */
export interface NDArray extends ArrayMethods {}

/**
 * An n-dimensional array of float32, float64, complex64 or complex128 over a typed array.
 * Views (`reshape`, `transpose`, `T`) share `data`; strides may be negative or zero.
 *
 * The object is frozen. Its methods throw a TypeError for an object the constructor did not
 * make (`Object.create(NDArray.prototype)`), and a RangeError (a TypeError for a non-number) when
 * the elements of `shape` or `strides` were changed so that they no longer describe a view of
 * `data`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NDArray } from "jsr:@dlapack/dlapack";
 * // A 2x3 C-order array, then a view of its columns in reverse order.
 * const a = new NDArray(new Float64Array([1, 2, 3, 4, 5, 6]), "float64", [2, 3]);
 * assert.deepEqual(a.strides, [3, 1]);
 * const r = new NDArray(a.data, "float64", [2, 3], [3, -1], 2);
 * assert.deepEqual(r.toArray(), [[3, 2, 1], [6, 5, 4]]);
 * assert.equal(r.at(1, 0), 6);
 * ```
 */
export class NDArray {
  /** The element type. */
  readonly dtype: ArrayDType;
  /** The dimensions. */
  readonly shape: readonly number[];
  /** Per dimension, the distance in items between consecutive elements (may be <= 0). */
  readonly strides: readonly number[];
  /** The position, in items, of the first element in `data`. */
  readonly offset: number;
  /**
   * The storage: Float32Array for float32/complex64, Float64Array for float64/complex128
   * (complex interleaved), Int32Array for int32, Uint8Array (0 and 1) for bool.
   *
   * Sharing: views (`reshape`, `transpose`, `T`, slices) share `data` with their base. On Deno
   * and Node, a small new array (2 KB of data or less) is a view of a shared 32 KB slab, as
   * Node's `Buffer.allocUnsafe` pools: its elements are its own (no other array ever gets that
   * region, and nothing it does changes another array), but `data.buffer` is the slab, so
   * `data.buffer` is not the array's to transfer, a `new Float64Array(data.buffer)` sees other
   * arrays, a structured clone of `data` (`postMessage(a.data)` without transfer) copies the
   * whole slab, and one kept small array keeps its slab alive. `toOwned()` gives a copy with
   * a buffer of its own. `data.byteOffset` and `data.length` always describe the storage.
   */
  readonly data: ArrayData;
  /** The brand of arrays made by the constructor (forged ones, from Object.create, lack it). */
  #genuine = true;

  static {
    genuine = (x) => typeof x === "object" && x !== null && #genuine in x;
  }

  /**
   * Wraps `data` without copying.
   *
   * @param data Float32Array (float32, complex64) or Float64Array (float64, complex128).
   * @param dtype The element type.
   * @param shape The dimensions.
   * @param strides Per dimension, in items; default C order (row-major).
   * @param offset The first element's position in items; default 0.
   * @throws {TypeError} When `data` is not the typed array the dtype needs.
   * @throws {RangeError} For a bad shape or strides, or when an element would lie outside `data`.
   */
  constructor(
    data: ArrayData,
    dtype: ArrayDType,
    shape: readonly number[],
    strides?: readonly number[],
    offset?: number,
  ) {
    if (!isArrayDType(dtype)) parseArrayDType(dtype);
    const want = dtype === "float64" || dtype === "complex128"
      ? Float64Array
      : dtype === "int32"
      ? Int32Array
      : dtype === "bool"
      ? Uint8Array
      : Float32Array;
    if (!(data instanceof want) || !ArrayBuffer.isView(data)) {
      throw new TypeError(
        `Invalid data for dtype ${dtype}: expected a ${want.name}, got ${kindOf(data)}`,
      );
    }
    const complex = dtype === "complex128" || dtype === "complex64";
    if (complex && (data.length & 1) !== 0) {
      throw new RangeError(
        `Invalid data for dtype ${dtype}: length ${data.length} is odd, but complex items are (re, im) pairs`,
      );
    }
    const shp = checkShape(shape);
    const nd = shp.length;
    let str: number[];
    if (strides === undefined) {
      str = cStrides(shp);
    } else {
      if (!Array.isArray(strides)) {
        throw new TypeError(
          `Invalid strides: expected an array of integers, got ${kindOf(strides)}`,
        );
      }
      if (strides.length !== nd) {
        throw new RangeError(
          `Invalid strides ${listString(strides)}: ${strides.length} values for ${nd} dimension${
            nd === 1 ? "" : "s"
          }`,
        );
      }
      str = [];
      for (let i = 0; i < nd; i++) {
        const s = strides[i];
        if (!Number.isSafeInteger(s)) {
          const e = typeof s === "number" ? RangeError : TypeError;
          throw new e(`Invalid strides ${listString(strides)}: stride ${i} is not an integer`);
        }
        str.push(s);
      }
    }
    const off = offset === undefined ? 0 : offset;
    if (!(Number.isSafeInteger(off) && off >= 0)) {
      const e = typeof off === "number" ? RangeError : TypeError;
      throw new e(
        `Invalid offset ${
          typeof off === "number" ? off : kindOf(off)
        }: expected a non-negative integer`,
      );
    }
    const items = complex ? data.length >> 1 : data.length;
    const p = viewProblem(shp, str, off, items);
    if (typeof p !== "number") {
      throw new RangeError(
        shapeSize(shp) === 0
          ? `Invalid offset ${off}: data holds only ${items} items`
          : `Invalid view: shape ${tupleString(shp)} with strides ${
            tupleString(str)
          } and offset ${off} reaches item ${p.index}, but data holds ${items} items`,
      );
    }
    this.dtype = dtype;
    this.shape = shp;
    this.strides = str;
    this.offset = off;
    this.data = data;
    // Read-only fields. (shape and strides stay plain arrays: frozen arrays cost 30-600 ns to
    // make and slow every read of their elements, so methods check them instead: layoutOf.)
    if (new.target === NDArray) Object.freeze(this);
    else {
      // A subclass may still add its own fields.
      for (let i = 0; i < FIELDS.length; i++) {
        Object.defineProperty(this, FIELDS[i], { writable: false, configurable: false });
      }
    }
  }

  /** The number of dimensions. */
  get ndim(): number {
    if (!genuine(this)) invalid(this, "ndim");
    return this.shape.length;
  }

  /** The number of elements (1 for a 0-d array). */
  get size(): number {
    return checkLayout(this, "size");
  }

  /** The size of one element in bytes (16 for complex128). */
  get itemSize(): number {
    checkLayout(this, "itemSize");
    return itemSize(this.dtype);
  }

  /** Whether the elements are in row-major order without gaps (numpy's rules: size-1 dims ignored). */
  get isCContiguous(): boolean {
    return cContiguous(layoutOf(this, "isCContiguous"));
  }

  /** Whether the elements are in column-major order without gaps (numpy's rules). */
  get isFContiguous(): boolean {
    const { shape, strides, size } = layoutOf(this, "isFContiguous");
    if (size === 0) return true;
    let expected = 1;
    for (let i = 0; i < shape.length; i++) {
      const n = shape[i];
      if (n !== 1) {
        if (strides[i] !== expected) return false;
        expected *= n;
      }
    }
    return true;
  }

  /** The transpose (all axes reversed), a view. */
  get T(): NDArray {
    return this.transpose();
  }

  /**
   * One element.
   *
   * @param index One index per dimension; negative indices count from the end.
   * @returns A number, a boolean for bool, or a new `{ re, im }` for complex dtypes.
   * @throws {RangeError} For the wrong number of indices or an index out of bounds.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "jsr:@dlapack/dlapack";
   * const a = array([[1, 2], [3, 4]]);
   * assert.equal(a.at(1, 0), 3);
   * assert.equal(a.at(-1, -1), 4);
   * assert.deepEqual(array([{ re: 1, im: 2 }]).at(0), { re: 1, im: 2 });
   * ```
   */
  at(...index: number[]): number | boolean | Complex {
    const p = position(this, index, "at()");
    return scalarAt(this.data, this.dtype, p);
  }

  /**
   * Writes one element (into `data`, so every view of it sees the change).
   *
   * @param index One index per dimension; negative indices count from the end.
   * @param value A number (or boolean), or `{ re, im }` for complex dtypes.
   * @throws {RangeError} For a bad index.
   * @throws {TypeError} For a value that is not a number, or a complex value in a real array.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { zeros } from "jsr:@dlapack/dlapack";
   * const a = zeros([2, 2]);
   * a.set([0, 1], 5);
   * assert.deepEqual(a.toArray(), [[0, 5], [0, 0]]);
   * ```
   */
  set(index: readonly number[], value: Scalar): void {
    if (!genuine(this)) invalid(this, "set()");
    if (!Array.isArray(index)) {
      throw new TypeError(`Invalid index: expected an array of integers, got ${kindOf(index)}`);
    }
    const p = position(this, index, "set()");
    const data = this.data;
    const complex = this.dtype === "complex128" || this.dtype === "complex64";
    let re: number;
    let im = 0;
    if (typeof value === "number") re = value;
    else if (typeof value === "boolean") re = value ? 1 : 0;
    else if (isComplexObject(value)) {
      if (!complex) {
        throw new TypeError(`Cannot store a complex value in a ${this.dtype} array`);
      }
      re = value.re;
      im = value.im;
    } else {
      throw new TypeError(
        `Cannot store ${kindOf(value)} in an array: expected a number or { re, im }`,
      );
    }
    if (complex) {
      data[2 * p] = re;
      data[2 * p + 1] = im;
    } else data[p] = this.dtype === "bool" ? (re !== 0 ? 1 : 0) : re;
  }

  /**
   * The only element of a size-1 array, as a scalar.
   *
   * @returns A number, a boolean for bool, or `{ re, im }` for complex dtypes.
   * @throws {RangeError} When the array does not have exactly one element.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "jsr:@dlapack/dlapack";
   * assert.equal(array(5).item(), 5);
   * assert.equal(array([[7]]).item(), 7);
   * assert.throws(() => array([1, 2]).item(), RangeError);
   * ```
   */
  item(): number | boolean | Complex {
    const size = checkLayout(this, "item()");
    if (size !== 1) {
      throw new RangeError(`Can only convert an array of size 1 to a scalar: size is ${size}`);
    }
    return scalarAt(this.data, this.dtype, this.offset);
  }

  /**
   * The elements as nested JS arrays (numbers, or `{ re, im }` for complex); a 0-d array
   * gives its scalar. Typed `any`, like numpy's `tolist()`, because the nesting depth is the
   * run-time `ndim`: `a.toArray()[0][1]` and `a.toArray().map(...)` need no cast. The values
   * are always a `NestedValue`.
   *
   * @returns Nested arrays of the array's shape.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "jsr:@dlapack/dlapack";
   * assert.deepEqual(array([[1, 2], [3, 4]]).T.toArray(), [[1, 3], [2, 4]]);
   * assert.equal(array([[1, 2], [3, 4]]).toArray()[1][0], 3);
   * assert.equal(array(2.5).toArray(), 2.5);
   * ```
   */
  toArray(): any {
    const { shape, strides, size } = layoutOf(this, "toArray()");
    const nd = shape.length;
    if (nd === 0) return this.item();
    // The JS values it makes: the elements and every nested array (a [n, 0, ...] array has none
    // of the former but n of the latter).
    let values = 0;
    for (let i = 0, p = 1; i < nd && p > 0; i++) {
      p *= shape[i];
      values += p;
    }
    if (values > MAX_NESTED) {
      throw new RangeError(
        `Cannot convert an array of ${size} elements (shape ${
          tupleString(shape)
        }) to nested arrays: the limit is ${MAX_NESTED} (use .data or a loop over views)`,
      );
    }
    const mode = isComplex(this.dtype) ? 1 : this.dtype === "bool" ? 2 : 0;
    return nest(this.data, shape, strides, 0, this.offset, mode);
  }

  /**
   * The same elements in another shape (C order). A view when the strides allow it (always for
   * C-contiguous arrays), else a copy.
   *
   * @param shape The new shape, as an array or as separate numbers; one dimension may be -1
   * (inferred).
   * @param more The other dimensions, when `shape` is a number.
   * @returns The reshaped array.
   * @throws {RangeError} When the sizes differ or the shape is invalid.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "jsr:@dlapack/dlapack";
   * const a = array([1, 2, 3, 4, 5, 6]);
   * const b = a.reshape(2, -1);
   * assert.deepEqual(b.shape, [2, 3]);
   * assert.equal(b.data, a.data); // a view
   * assert.deepEqual(a.reshape([3, 2]).toArray(), [[1, 2], [3, 4], [5, 6]]);
   * ```
   */
  reshape(shape: readonly number[] | number, ...more: number[]): NDArray {
    let req: readonly unknown[];
    if (typeof shape === "number") req = [shape, ...more];
    else if (Array.isArray(shape)) {
      if (more.length > 0) {
        throw new TypeError(
          "Invalid reshape arguments: give the shape as one array or as numbers, not both",
        );
      }
      req = shape;
    } else {
      throw new TypeError(`Invalid shape: expected an array of integers, got ${kindOf(shape)}`);
    }
    const layout = layoutOf(this, "reshape()");
    const size = layout.size;
    const newShape = resolveShape(layout.shape, size, req);
    const strides = size === 0
      ? cStrides(newShape)
      : noCopyStrides(layout.shape, layout.strides, newShape);
    if (strides !== null) return new NDArray(this.data, this.dtype, newShape, strides, this.offset);
    return new NDArray(copyData(this, layout, this.dtype), this.dtype, newShape);
  }

  /**
   * Permutes the axes, a view.
   *
   * @param axes A permutation of `0..ndim-1` (negative values count from the end); default:
   * all axes reversed.
   * @returns The transposed view.
   * @throws {RangeError} When `axes` is not a permutation of the axes.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { zeros } from "jsr:@dlapack/dlapack";
   * const a = zeros([2, 3, 4]);
   * assert.deepEqual(a.transpose().shape, [4, 3, 2]);
   * assert.deepEqual(a.transpose([1, 0, 2]).strides, [4, 12, 1]);
   * ```
   */
  transpose(axes?: readonly number[]): NDArray {
    // No copies: the loops below run nd times, and the constructor checks what they read.
    const nd = checkDims(this, "transpose()", undefined);
    const shape = this.shape;
    const strides = this.strides;
    checkView(this, shape, strides, "transpose()", undefined);
    const newShape: number[] = [];
    const newStrides: number[] = [];
    if (axes === undefined) {
      for (let i = nd - 1; i >= 0; i--) {
        newShape.push(shape[i]);
        newStrides.push(strides[i]);
      }
    } else {
      if (!Array.isArray(axes)) {
        throw new TypeError(`Invalid axes: expected an array of integers, got ${kindOf(axes)}`);
      }
      if (axes.length !== nd) {
        throw new RangeError(
          `Invalid axes ${listString(axes)}: an array of ${nd} dimension${
            nd === 1 ? "" : "s"
          } needs ${nd} axes`,
        );
      }
      const seen: boolean[] = [];
      for (let i = 0; i < nd; i++) seen.push(false);
      for (let i = 0; i < nd; i++) {
        const ax = axes[i];
        if (typeof ax !== "number") {
          throw new TypeError(
            `Invalid axes ${listString(axes)}: axis ${i} is not a number (got ${kindOf(ax)})`,
          );
        }
        if (!(Number.isInteger(ax) && ax >= -nd && ax < nd)) {
          throw new RangeError(
            `Invalid axes ${
              listString(axes)
            }: axis ${ax} is out of bounds for an array of ${nd} dimension${nd === 1 ? "" : "s"}`,
          );
        }
        const a = ax < 0 ? ax + nd : ax;
        if (seen[a]) {
          throw new RangeError(`Invalid axes ${listString(axes)}: axis ${a} is repeated`);
        }
        seen[a] = true;
        newShape.push(shape[a]);
        newStrides.push(strides[a]);
      }
    }
    return new NDArray(this.data, this.dtype, newShape, newStrides, this.offset);
  }

  /**
   * Swaps the last two axes (the transpose of each matrix of a stack), a view.
   *
   * @returns The view.
   * @throws {RangeError} When the array has fewer than 2 dimensions.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { zeros } from "jsr:@dlapack/dlapack";
   * assert.deepEqual(zeros([5, 2, 3]).matrixTranspose().shape, [5, 3, 2]);
   * ```
   */
  matrixTranspose(): NDArray {
    const { shape, strides } = layoutOf(this, "matrixTranspose()");
    const nd = shape.length;
    if (nd < 2) {
      throw new RangeError(
        `Cannot transpose the matrices of an array of ${nd} dimension${
          nd === 1 ? "" : "s"
        }: at least 2 are needed`,
      );
    }
    const m = shape[nd - 2];
    shape[nd - 2] = shape[nd - 1];
    shape[nd - 1] = m;
    const s = strides[nd - 2];
    strides[nd - 2] = strides[nd - 1];
    strides[nd - 1] = s;
    return new NDArray(this.data, this.dtype, shape, strides, this.offset);
  }

  /**
   * A C-order copy converted to another dtype.
   *
   * @param dtype The new dtype.
   * @returns The copy (a new array even when the dtype is the same).
   * @throws {TypeError} For an unknown dtype, or complex to real (which would drop the
   * imaginary parts).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "jsr:@dlapack/dlapack";
   * const a = array([1.5, 2]).astype("complex64");
   * assert.equal(a.dtype, "complex64");
   * assert.deepEqual(a.toArray(), [{ re: 1.5, im: 0 }, { re: 2, im: 0 }]);
   * assert.throws(() => a.astype("float64"), TypeError);
   * ```
   */
  astype(dtype: ArrayDType | string): NDArray {
    const layout = layoutOf(this, "astype()");
    const d = parseArrayDType(dtype, "dtype");
    checkCast(this.dtype, d);
    return new NDArray(copyData(this, layout, d), d, layout.shape);
  }

  /**
   * A contiguous copy.
   *
   * @param order "C" (row-major, the default) or "F" (column-major).
   * @returns The copy.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "jsr:@dlapack/dlapack";
   * const f = array([[1, 2], [3, 4]]).copy("F");
   * assert.deepEqual(Array.from(f.data), [1, 3, 2, 4]);
   * assert.equal(f.isFContiguous, true);
   * ```
   */
  copy(order?: "C" | "F"): NDArray {
    const layout = layoutOf(this, "copy()");
    const { shape, strides } = layout;
    if (order === undefined || order === "C") {
      return new NDArray(copyData(this, layout, this.dtype), this.dtype, shape);
    }
    if (order !== "F") {
      throw new TypeError(`Invalid order ${describe(order)}: expected "C" or "F"`);
    }
    // The C-order copy of the transpose is the F-order copy.
    const reversed: Layout = {
      shape: shape.slice().reverse(),
      strides: strides.slice().reverse(),
      size: layout.size,
    };
    return new NDArray(copyData(this, reversed, this.dtype), this.dtype, shape, fStrides(shape));
  }

  /**
   * A C-order copy whose `data` owns its whole `ArrayBuffer` (never a pooled slab, shared with
   * no other array): what to transfer to a worker (`postMessage(x, [x.data.buffer])`) or keep
   * for a long time without keeping a slab of small results alive.
   *
   * @returns The copy, with `data.byteOffset` 0 and `data.buffer.byteLength` its own size.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "jsr:@dlapack/dlapack";
   * const a = array([[1, 2], [3, 4]]);
   * const b = a.toOwned();
   * assert.equal(b.data.buffer.byteLength, 32);
   * structuredClone(b.data.buffer, { transfer: [b.data.buffer] }); // b is detached, a is not
   * assert.deepEqual(a.toArray(), [[1, 2], [3, 4]]);
   * ```
   */
  toOwned(): NDArray {
    const layout = layoutOf(this, "toOwned()");
    const c = copyData(this, layout, this.dtype);
    // slice() makes a buffer of exactly its length; unpooled storage already is one.
    return new NDArray(isPooled(c) ? c.slice() : c, this.dtype, layout.shape);
  }

  /**
   * numpy's repr: `array([[1., 2.],\n       [3., 4.]])`, with `dtype=` for float32 and
   * complex64, and `...` for arrays of more than 1000 elements.
   *
   * @returns The repr string.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { array } from "jsr:@dlapack/dlapack";
   * assert.equal(array([[1, 2], [3, 4]]).toString(), "array([[1., 2.],\n       [3., 4.]])");
   * assert.equal(array([0.5, 1], { dtype: "float32" }).toString(), "array([0.5, 1. ], dtype=float32)");
   * ```
   */
  toString(): string {
    return repr(this, layoutOf(this, "toString()"));
  }

  /** Deno's `console.log` hook: prints the repr. */
  [DENO_INSPECT](): string {
    return repr(this, layoutOf(this, "inspect()"));
  }

  /** Node's and Bun's `console.log` hook: prints the repr. */
  [NODE_INSPECT](): string {
    return repr(this, layoutOf(this, "inspect()"));
  }
}

/**
 * The data position (in items) of an element; validates the index, and that the position lies
 * in `data` (a receiver whose shape or strides were changed may say otherwise). Small, for at()
 * in loops: failures go to indexError, which is not given `index` (passing the rest array to a
 * call that is not inlined makes V8 allocate it on every at()).
 */
function position(a: NDArray, index: readonly unknown[], fn: string): number {
  if (!genuine(a)) throw indexError(a, fn, -1, 0);
  const shape = a.shape;
  const strides = a.strides;
  const nd = shape.length;
  if (index.length !== nd) throw indexError(a, fn, -1, index.length);
  let p = a.offset;
  for (let k = 0; k < nd; k++) {
    const i = index[k];
    const n = shape[k];
    const s = strides[k];
    // The types first: arithmetic on an object would run its valueOf.
    if (typeof i !== "number" || typeof n !== "number" || typeof s !== "number") {
      throw indexError(a, fn, k, i);
    }
    const j = i < 0 ? i + n : i;
    if (!(j >= 0 && j < n && Math.floor(j) === j)) throw indexError(a, fn, k, i);
    p += j * s;
  }
  const data = a.data;
  const items = a.dtype === "complex128" || a.dtype === "complex64"
    ? data.length >> 1
    : data.length;
  if (!(p >= 0 && p < items && Number.isSafeInteger(p))) throw indexError(a, fn, nd, 0);
  return p;
}

/**
 * Why position() failed: the array (layoutOf's checks), else index `i` of axis `k` (k = -1: the
 * number of indices is `i`).
 */
function indexError(a: NDArray, fn: string, k: number, i: unknown): Error {
  const nd = layoutOf(a, fn).shape.length;
  if (k < 0) {
    return new RangeError(
      `Cannot index an array of ${nd} dimension${nd === 1 ? "" : "s"} with ${i} ` +
        `ind${i === 1 ? "ex" : "ices"}: give one index per dimension`,
    );
  }
  if (k < nd) {
    if (typeof i !== "number") {
      return new TypeError(`Invalid index for axis ${k}: expected an integer, got ${kindOf(i)}`);
    }
    if (Math.floor(i) !== i) {
      return new RangeError(`Invalid index ${i} for axis ${k}: expected an integer`);
    }
    const n = a.shape[k];
    if (!(i >= -n && i < n)) {
      return new RangeError(`Index ${i} is out of bounds for axis ${k} with size ${n}`);
    }
  }
  return invalid(a, fn);
}

/** Throws layoutOf's error for an array that failed a quick check. */
function invalid(a: NDArray, fn: string): never {
  layoutOf(a, fn);
  // Only when a getter on an element of shape or strides answers differently each time.
  throw new RangeError(
    `Invalid NDArray in ${fn}: its shape or strides are changing (they must not be changed ` +
      `after construction)`,
  );
}

/** Element `p` of storage of dtype `d` as a JS value. */
function scalarAt(data: ArrayData, d: ArrayDType, p: number): number | boolean | Complex {
  if (d === "float64" || d === "float32" || d === "int32") return data[p];
  if (d === "bool") return data[p] !== 0;
  return { re: data[2 * p], im: data[2 * p + 1] };
}

/**
 * Whether `x` is an NDArray made by its constructor (an object made with
 * `Object.create(NDArray.prototype)` is not).
 *
 * @param x Any value.
 * @returns `true` for NDArray instances.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, isNDArray } from "jsr:@dlapack/dlapack";
 * assert.equal(isNDArray(array([1])), true);
 * assert.equal(isNDArray([1]), false);
 * ```
 */
export function isNDArray(x: unknown): x is NDArray {
  return genuine(x);
}
