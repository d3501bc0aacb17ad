/**
 * The public types of the array core that mention no NDArray: elements, nested values, foreign
 * arrays, index items and squeeze's options. They sit below _ndarray.ts (which re-exports them)
 * so that the class file stays small.
 *
 * @module
 */
import type { Complex } from "./dtype.ts";

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

/**
 * The shape of the arrays of the npm packages `ndarray` (scijs: `stride`) and `@stdlib/ndarray`
 * (`strides`, `dtype`, `order`), as `asarray` reads them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { asarray, type ForeignNDArray } from "jsr:@dlapack/dlapack";
 * const x: ForeignNDArray = { data: new Float32Array(4), shape: [2, 2], stride: [2, 1], offset: 0 };
 * assert.equal(asarray(x).dtype, "float32");
 * ```
 */
export type ForeignNDArray =
  | {
    readonly data: unknown;
    readonly shape: readonly number[];
    readonly stride: readonly number[];
    readonly offset: number;
  }
  | {
    readonly data: unknown;
    readonly shape: readonly number[];
    readonly strides: readonly number[];
    readonly offset: number;
    readonly dtype: unknown;
    readonly order: string;
  };

/**
 * One item of an index: an integer (picks one position and drops the axis; negative counts from
 * the end), a slice string `"start:stop:step"` (any part may be left out: `":"`, `"1:3"`,
 * `"::-1"`, `"-2:"`), `null` (a new axis of size 1) or `"..."` (as many `":"` as needed).
 *
 * @example Index items
 * ```ts
 * import assert from "node:assert/strict";
 * import { arange, type IndexItem } from "jsr:@dlapack/dlapack";
 * const index: IndexItem[] = [1, "::-1", null];
 * assert.deepEqual(arange(6).reshape(2, 3).slice(...index).toArray(), [[5], [4], [3]]);
 * ```
 */
export type IndexItem = number | string | null;

/** Options of `squeeze`. */
export interface SqueezeOptions {
  /** The axis or axes to remove (each of size 1); default every axis of size 1. */
  axis?: number | readonly number[];
}
