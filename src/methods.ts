/**
 * The array-core methods of NDArray, numpy's ndarray methods and operators as methods so that
 * they chain: `F.matmul(P).matmul(F.T).add(Q)`. Each calls the top-level function of the same
 * name with the array as its first operand. The class declares them (`interface NDArray extends
 * ArrayMethods`, in _ndarray.ts); this module installs them on its prototype when mod.ts loads,
 * so that the class file needs no import of the modules that import it.
 *
 * @module
 */
import type { ArrayLike, NDArray } from "./ndarray.ts";
import { NDArray as NDArrayClass } from "./ndarray.ts";
import type { UfuncOptions } from "./elementwise.ts";
import * as E from "./elementwise.ts";
import type { ArgReduceOptions, ReduceOptions } from "./reductions.ts";
import * as R from "./reductions.ts";
import type { IndexItem } from "./indexing.ts";
import { assignInto, sliceView } from "./indexing.ts";
import type { SqueezeOptions } from "./build.ts";
import { squeeze, swapaxes } from "./build.ts";
import type { MatmulOptions } from "./linalg/products.ts";
import { matmul } from "./linalg/products.ts";
import { dataOf } from "./_ufunc.ts";
import type { ArrayData } from "./dtype.ts";

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
  sum(options?: ReduceOptions): NDArray;
  /** `mean(this, options)`: see the function `mean`. */
  mean(options?: ReduceOptions): NDArray;
  /** `prod(this, options)`: see the function `prod`. */
  prod(options?: ReduceOptions): NDArray;
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
}

const METHODS: Record<string, (this: NDArray, ...args: never[]) => unknown> = {
  add(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.add(this, y, options);
  },
  subtract(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.subtract(this, y, options);
  },
  multiply(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.multiply(this, y, options);
  },
  divide(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.divide(this, y, options);
  },
  power(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.power(this, y, options);
  },
  maximum(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.maximum(this, y, options);
  },
  minimum(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.minimum(this, y, options);
  },
  equal(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.equal(this, y, options);
  },
  notEqual(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.notEqual(this, y, options);
  },
  less(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.less(this, y, options);
  },
  lessEqual(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.lessEqual(this, y, options);
  },
  greater(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.greater(this, y, options);
  },
  greaterEqual(this: NDArray, y: ArrayLike, options?: UfuncOptions): NDArray {
    return E.greaterEqual(this, y, options);
  },
  negative(this: NDArray, options?: UfuncOptions): NDArray {
    return E.negative(this, options);
  },
  abs(this: NDArray, options?: UfuncOptions): NDArray {
    return E.abs(this, options);
  },
  conj(this: NDArray, options?: UfuncOptions): NDArray {
    return E.conj(this, options);
  },
  sum(this: NDArray, options?: ReduceOptions): NDArray {
    return R.sum(this, options);
  },
  mean(this: NDArray, options?: ReduceOptions): NDArray {
    return R.mean(this, options);
  },
  prod(this: NDArray, options?: ReduceOptions): NDArray {
    return R.prod(this, options);
  },
  min(this: NDArray, options?: ReduceOptions): NDArray {
    return R.min(this, options);
  },
  max(this: NDArray, options?: ReduceOptions): NDArray {
    return R.max(this, options);
  },
  all(this: NDArray, options?: ReduceOptions): NDArray {
    return R.all(this, options);
  },
  any(this: NDArray, options?: ReduceOptions): NDArray {
    return R.any(this, options);
  },
  argmin(this: NDArray, options?: ArgReduceOptions): NDArray {
    return R.argmin(this, options);
  },
  argmax(this: NDArray, options?: ArgReduceOptions): NDArray {
    return R.argmax(this, options);
  },
  matmul(this: NDArray, b: ArrayLike, options?: MatmulOptions): NDArray {
    return matmul(this, b, options);
  },
  slice(this: NDArray, ...index: IndexItem[]): NDArray {
    return sliceView(this, index);
  },
  assign(this: NDArray, value: ArrayLike): NDArray {
    return assignInto(this, value);
  },
  fill(this: NDArray, value: number | boolean | { re: number; im: number }): NDArray {
    if (typeof value !== "number" && typeof value !== "boolean" && !isPair(value)) {
      throw new TypeError("Invalid value for fill(): expected a number, a boolean or { re, im }");
    }
    return assignInto(this, value);
  },
  flatten(this: NDArray): NDArray {
    return this.copy().reshape(this.size);
  },
  squeeze(this: NDArray, options?: SqueezeOptions): NDArray {
    return squeeze(this, options);
  },
  swapaxes(this: NDArray, axis1: number, axis2: number): NDArray {
    return swapaxes(this, axis1, axis2);
  },
  toTypedArray(this: NDArray): ArrayData {
    const a = this.isCContiguous ? this : this.copy();
    const f = a.dtype === "complex64" || a.dtype === "complex128" ? 2 : 1;
    return dataOf(a).subarray(a.offset * f, (a.offset + a.size) * f);
  },
};

function isPair(x: unknown): boolean {
  return typeof x === "object" && x !== null && typeof (x as { re?: unknown }).re === "number" &&
    typeof (x as { im?: unknown }).im === "number";
}

for (const name of Object.keys(METHODS)) {
  Object.defineProperty(NDArrayClass.prototype, name, {
    value: METHODS[name],
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
