/**
 * The NDArray class (the constructor's checks and the methods), and the public types its
 * methods mention: `ArrayLike`, the option types of the array-core functions and `matmul`, and
 * `ArrayMethods`, the methods methods.ts installs. They live here, below every module that
 * implements them, so that the import graph has no circle; their modules re-export them. The
 * checks each method runs on its receiver (a forged object, or one whose shape or strides were
 * changed) are in _view.ts.
 *
 * @module
 */
import { describeValue as describe, kindOf } from "./_describe.ts";
import type { ArrayData, ArrayDType, Complex, DType } from "./dtype.ts";
import { isArrayDType, isComplex, isPooled, itemSize, parseArrayDType } from "./dtype.ts";
import type { Layout } from "./_layout.ts";
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
import type { ForeignNDArray, IndexItem, Scalar, SqueezeOptions } from "./_types.ts";
export type { ForeignNDArray, IndexItem, NestedValue, Scalar, SqueezeOptions } from "./_types.ts";
import {
  checkDims,
  checkLayout,
  checkView,
  invalid,
  isGenuine,
  layoutOf,
  position,
  scalarAt,
  setBrand,
} from "./_view.ts";
export { checkDims, checkLayout, checkView, layoutOf } from "./_view.ts";
import {
  checkShape,
  cStrides,
  fStrides,
  listString,
  shapeSize,
  tupleString,
  viewProblem,
} from "./_shape.ts";

/**
 * Anything `array()` accepts: an NDArray, a scalar, a 1-D typed array, nested arrays of those
 * (`number[][]`, `Complex[][]`, `Float64Array[]`, `NDArray[]`, ...), or an array of the npm
 * packages `ndarray` (scijs) or `@stdlib/ndarray`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, type ArrayLike } from "jsr:@dlapack/dlapack";
 * const rows: ArrayLike = [new Float64Array([1, 2]), [3, 4]];
 * assert.deepEqual(array(rows).toArray(), [[1, 2], [3, 4]]);
 * ```
 */
export type ArrayLike =
  | Scalar
  | NDArray
  | ArrayBufferView
  | ForeignNDArray
  | readonly ArrayLike[];

/** Options of every elementwise function. */
export interface UfuncOptions {
  /** Where to write the result: an array of the broadcast shape whose dtype the result casts to
   * within its kind (numpy's `casting="same_kind"`). It may be one of the inputs. */
  out?: NDArray;
}

/** Options every gufunc call accepts. */
export interface GufuncOptions {
  /** Output arrays to write into (one per output), of the exact result shape and dtype. */
  out?: NDArray | NDArray[];
  /** "raise" (default) throws LinAlgError if any item fails; "nan" fills failed items with NaN. */
  errors?: "raise" | "nan";
  /** "double" (default: float32 computed in float64, as numpy) or "single" (s/c routines). */
  precision?: "double" | "single";
  /** Force the result dtype. */
  dtype?: DType | string;
}

/** Options of `matmul` and `outer`. */
export interface MatmulOptions extends Omit<GufuncOptions, "out"> {
  /** Where to write the result (its exact shape and dtype): a hot loop allocates nothing. */
  out?: NDArray;
}

/** Options of the reductions. */
export interface ReduceOptions {
  /** The axis or axes to reduce (negative counts from the end); default all of them. */
  axis?: number | readonly number[] | null;
  /** Keep the reduced axes as dimensions of size 1 (default false). */
  keepdims?: boolean;
  /** Where to write the result: an array of exactly the reduced shape (with the size-1 axes
   * when `keepdims`), whose dtype the result casts to within its kind (numpy's
   * `casting="same_kind"`). It may share memory with the input. */
  out?: NDArray;
}

/** Options of `sum`, `prod` and `mean`: the reductions' options plus the accumulation dtype. */
export interface SumOptions extends ReduceOptions {
  /** The dtype to accumulate in and return (numpy's `dtype`; complex to real is refused).
   * Default: the input's dtype, float64 for int32 and bool; with `out` and no `dtype`, out's
   * dtype when the input casts to it within its kind (numpy's rule). int32: the elements are
   * cast as `astype` does (floats truncate) and the sum wraps around as numpy's; bool: numpy's
   * logical or (sum, mean) or and (prod); float32 and complex64: summed in double precision and
   * rounded once (numpy sums in single precision: the last bits can differ). */
  dtype?: ArrayDType | string;
}

/** Options of `argmin` and `argmax`: one axis, or none (the index into the flattened array). */
export interface ArgReduceOptions {
  /** The axis (negative counts from the end); default none: the flattened array. */
  axis?: number | null;
  /** Keep the reduced axis as a dimension of size 1 (default false). */
  keepdims?: boolean;
  /** Where to write the indices: an int32 array of exactly the result's shape. */
  out?: NDArray;
}

/**
 * The methods every NDArray has once `jsr:@dlapack/dlapack` is loaded.
 *
 * @example Chaining
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, eye } from "jsr:@dlapack/dlapack";
 * const F = array([[1, 1], [0, 1]]);
 * const P = eye(2);
 * const Q = eye(2).multiply(0.5);
 * assert.deepEqual(F.matmul(P).matmul(F.T).add(Q).toArray(), [[2.5, 1], [1, 1.5]]);
 * assert.deepEqual(array([[1, 2], [3, 4]]).slice(":", -1).toArray(), [2, 4]);
 * ```
 *
 * @example real and imag, attributes as numpy's
 * ```ts
 * import assert from "node:assert/strict";
 * import { array } from "jsr:@dlapack/dlapack";
 * const z = array([{ re: 1, im: 2 }, { re: 3, im: -4 }]);
 * assert.deepEqual(z.real.toArray(), [1, 3]);
 * assert.deepEqual(z.imag.toArray(), [2, -4]);
 * assert.equal(z.real.data, z.data);
 * ```
 */
export interface ArrayMethods {
  /** `add(this, y, options)`: see the function `add`. */
  add(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `subtract(this, y, options)`: see the function `subtract`. */
  subtract(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `multiply(this, y, options)`: see the function `multiply`. */
  multiply(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `divide(this, y, options)`: see the function `divide`. */
  divide(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `power(this, y, options)`: see the function `power`. */
  power(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `maximum(this, y, options)`: see the function `maximum`. */
  maximum(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `minimum(this, y, options)`: see the function `minimum`. */
  minimum(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `equal(this, y, options)`: see the function `equal`. */
  equal(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `notEqual(this, y, options)`: see the function `notEqual`. */
  notEqual(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `less(this, y, options)`: see the function `less`. */
  less(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `lessEqual(this, y, options)`: see the function `lessEqual`. */
  lessEqual(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `greater(this, y, options)`: see the function `greater`. */
  greater(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `greaterEqual(this, y, options)`: see the function `greaterEqual`. */
  greaterEqual(y: ArrayLike, options?: UfuncOptions): NDArray;
  /** `negative(this, options)`: see the function `negative`. */
  negative(options?: UfuncOptions): NDArray;
  /** `abs(this, options)`: see the function `abs`. */
  abs(options?: UfuncOptions): NDArray;
  /** `conj(this, options)`: see the function `conj`. */
  conj(options?: UfuncOptions): NDArray;
  /** `sum(this, options)`: see the function `sum`. */
  sum(options?: SumOptions): NDArray;
  /** `mean(this, options)`: see the function `mean`. */
  mean(options?: SumOptions): NDArray;
  /** `prod(this, options)`: see the function `prod`. */
  prod(options?: SumOptions): NDArray;
  /** `min(this, options)`: see the function `min`. */
  min(options?: ReduceOptions): NDArray;
  /** `max(this, options)`: see the function `max`. */
  max(options?: ReduceOptions): NDArray;
  /** `all(this, options)`: see the function `all`. */
  all(options?: ReduceOptions): NDArray;
  /** `any(this, options)`: see the function `any`. */
  any(options?: ReduceOptions): NDArray;
  /** `argmin(this, options)`: see the function `argmin`. */
  argmin(options?: ArgReduceOptions): NDArray;
  /** `argmax(this, options)`: see the function `argmax`. */
  argmax(options?: ArgReduceOptions): NDArray;
  /** The matrix product `matmul(this, b, options)` (numpy's `@`). */
  matmul(b: ArrayLike, options?: MatmulOptions): NDArray;
  /**
   * The view `this[...index]`: integers (drop the axis; negative from the end), slice strings
   * `"1:3"`, `":"`, `"::-1"`, `"-2:"`, `null` (new axis), `"..."`. No copy.
   */
  slice(...index: IndexItem[]): NDArray;
  /** Writes `value`, broadcast, into this array or view (numpy's `a[...] = value`); returns this. */
  assign(value: ArrayLike): NDArray;
  /** Sets every element to `value`; returns this. */
  fill(value: number | boolean | { re: number; im: number }): NDArray;
  /** A C-order 1-D copy. */
  flatten(): NDArray;
  /** A view without axes of size 1 (or only the given ones). */
  squeeze(options?: SqueezeOptions): NDArray;
  /** A view with two axes interchanged. */
  swapaxes(axis1: number, axis2: number): NDArray;
  /**
   * The elements in C order as a typed array of the dtype's storage (complex interleaved): the
   * array's own memory when it is C-contiguous (a subarray, no copy), else a copy.
   */
  toTypedArray(): ArrayData;
  /** The real parts, as numpy's `a.real`: a view (of the array itself when it is real); see the
   * function `real`. */
  readonly real: NDArray;
  /** The imaginary parts, as numpy's `a.imag`: a view for complex arrays, zeros otherwise; see
   * the function `imag`. */
  readonly imag: NDArray;
}

/** The most elements `toArray()` converts to nested JS arrays. */
const MAX_NESTED = 2 ** 26;

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
    setBrand((x) => typeof x === "object" && x !== null && #genuine in x);
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
    if (trusted) {
      // A result the engine made (see resultArray): fields already known to be well-formed.
      trusted = false;
      this.dtype = dtype;
      this.shape = shape;
      this.strides = strides!;
      this.offset = 0;
      this.data = data;
      Object.freeze(this);
      return;
    }
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
    if (!isGenuine(this)) invalid(this, "ndim");
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
    if (!isGenuine(this)) invalid(this, "set()");
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

/** Set by resultArray for the next construction only: the constructor's checks are skipped. */
let trusted = false;

/**
 * A new array over storage the library just allocated, without the constructor's checks (they
 * cost 40-130 ns per small result): `data` of exactly `dtype`'s typed array holding the whole
 * C-contiguous view, `shape` of non-negative safe integers with `strides` its C strides, both
 * arrays fresh and owned by the result. Internal: the gufunc engine's allocated outputs.
 */
export function resultArray(
  data: ArrayData,
  dtype: ArrayDType,
  shape: number[],
  strides: number[],
): NDArray {
  trusted = true;
  return new NDArray(data, dtype, shape, strides);
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
  return isGenuine(x);
}
