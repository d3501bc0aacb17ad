/**
 * The array-core methods of NDArray, numpy's ndarray methods and operators as methods so that
 * they chain: `F.matmul(P).matmul(F.T).add(Q)`. Each calls the top-level function of the same
 * name with the array as its first operand. The class file declares them, and the option types
 * they take (`interface NDArray extends ArrayMethods`, in _ndarray.ts); this module installs
 * them on its prototype when mod.ts loads, so that the class file imports nothing that imports
 * it (the import graph has no circle).
 *
 * @module
 */
import type { ArrayLike, NDArray } from "./ndarray.ts";
import { NDArray as NDArrayClass } from "./ndarray.ts";
import type { UfuncOptions } from "./elementwise.ts";
import * as E from "./elementwise.ts";
import type { ArgReduceOptions, ReduceOptions, SumOptions } from "./reductions.ts";
import * as R from "./reductions.ts";
import type { IndexItem } from "./indexing.ts";
import { assignInto, sliceView } from "./indexing.ts";
import type { SqueezeOptions } from "./build.ts";
import { squeeze, swapaxes } from "./build.ts";
import type { MatmulOptions } from "./linalg/products.ts";
import { matmul } from "./linalg/products.ts";
import { dataOf } from "./_ufunc.ts";
import type { ArrayData } from "./dtype.ts";
export type { ArrayMethods } from "./_ndarray.ts";

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
  sum(this: NDArray, options?: SumOptions): NDArray {
    return R.sum(this, options);
  },
  mean(this: NDArray, options?: SumOptions): NDArray {
    return R.mean(this, options);
  },
  prod(this: NDArray, options?: SumOptions): NDArray {
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

// numpy's `a.real` and `a.imag` are attributes: getters here.
const GETTERS: Record<string, (this: NDArray) => NDArray> = {
  real(this: NDArray): NDArray {
    return E.real(this);
  },
  imag(this: NDArray): NDArray {
    return E.imag(this);
  },
};
for (const name of Object.keys(GETTERS)) {
  Object.defineProperty(NDArrayClass.prototype, name, {
    get: GETTERS[name],
    configurable: true,
    enumerable: false,
  });
}

for (const name of Object.keys(METHODS)) {
  Object.defineProperty(NDArrayClass.prototype, name, {
    value: METHODS[name],
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
