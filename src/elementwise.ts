/**
 * Elementwise arithmetic, comparisons and tests with numpy's broadcasting and numpy 2's type
 * promotion (NEP 50): float32 with float64 gives float64, real with complex gives complex, int32
 * with float32 gives float64, a JS number is a "weak" scalar (float32 + 1.5 stays float32,
 * int32 + 2 stays int32, int32 + 1.5 gives float64), and int32 / int32 gives float64.
 *
 * Every function takes arrays or scalars and an optional `{ out }`; each is a ufunc with
 * signature `(),()->()` (or `()->()`), run as typed-array loops, never a callback per element.
 *
 * @module
 */
import type { ArrayLike, NDArray } from "./ndarray.ts";
import { asarray } from "./ndarray.ts";
import type { DType } from "./dtype.ts";
import { allocArrayData, isComplex } from "./dtype.ts";
import type { BinarySpec, Bound, UfuncOptions, UnarySpec } from "./_ufunc.ts";
import {
  binary,
  bind,
  dataOf,
  dtypeOf,
  finish,
  makeArray,
  operand,
  promoteOperands,
  target,
  unary,
} from "./_ufunc.ts";
import { broadcastShapeList, forEachRow } from "./_strided.ts";
import * as K from "./_kernels.ts";
import { describeValue } from "./_describe.ts";
import type { OptionKeys } from "./_options.ts";
import { checkOptions, optionKeys } from "./_options.ts";

export type { UfuncOptions } from "./_ufunc.ts";

const BOOLSUB =
  "Boolean subtract is not supported in subtract(), as in numpy: use notEqual (logical xor) instead";
const NEGBOOL =
  "Boolean negative is not supported in negative(), as in numpy: use equal(x, false) (logical not) instead";

const ADD: BinarySpec = {
  name: "add",
  kind: "arith",
  real: K.add,
  bool: K.maximum,
  complex: K.cadd,
};
/**
 * The sum of two arrays, elementwise, with numpy's broadcasting (bool + bool is logical or).
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example add
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, add } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(add([[1], [2]], [10, 20, 30]).toArray(), [[11, 21, 31], [12, 22, 32]]);
 * assert.equal(add(array([1, 2], { dtype: "float32" }), 1.5).dtype, "float32");
 * ```
 */
export function add(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(ADD, x, y, options);
}

const SUBTRACT: BinarySpec = {
  name: "subtract",
  kind: "arith",
  real: K.subtract,
  bool: BOOLSUB,
  complex: K.csubtract,
};
/**
 * The difference of two arrays, elementwise (bool - bool is a TypeError, as in numpy).
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example subtract
 * ```ts
 * import assert from "node:assert/strict";
 * import { subtract } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(subtract([5, 7], 2).toArray(), [3, 5]);
 * ```
 */
export function subtract(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(SUBTRACT, x, y, options);
}

const MULTIPLY: BinarySpec = {
  name: "multiply",
  kind: "arith",
  real: K.multiply,
  int: K.imultiply,
  bool: K.minimum,
  complex: K.cmultiply,
};
/**
 * The product of two arrays, elementwise (int32 wraps around; bool * bool is logical and).
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example multiply
 * ```ts
 * import assert from "node:assert/strict";
 * import { multiply } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(multiply([1, 2, 3], [[1], [2]]).toArray(), [[1, 2, 3], [2, 4, 6]]);
 * ```
 */
export function multiply(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(MULTIPLY, x, y, options);
}

const DIVIDE: BinarySpec = { name: "divide", kind: "divide", real: K.divide, complex: K.cdivide };
/**
 * True division, elementwise: int32 and bool operands give float64.
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example divide
 * ```ts
 * import assert from "node:assert/strict";
 * import { divide } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(divide([1, 3], 2).toArray(), [0.5, 1.5]);
 * ```
 */
export function divide(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(DIVIDE, x, y, options);
}

const POWER: BinarySpec = {
  name: "power",
  kind: "power",
  real: K.power,
  int: K.ipower,
  complex: K.cpower,
};
/**
 * The first array raised to the powers of the second, elementwise (integers to negative integer powers are a RangeError, as in numpy).
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example power
 * ```ts
 * import assert from "node:assert/strict";
 * import { power } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(power([1, 2, 3], 2).toArray(), [1, 4, 9]);
 * ```
 */
export function power(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(POWER, x, y, options);
}

const MAXIMUM: BinarySpec = {
  name: "maximum",
  kind: "arith",
  real: K.maximum,
  complex: K.cmaximum,
};
/**
 * The larger of two arrays' elements; a NaN in either propagates.
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example maximum
 * ```ts
 * import assert from "node:assert/strict";
 * import { maximum } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(maximum([1, 5, NaN], [3, 2, 0]).toArray(), [3, 5, NaN]);
 * ```
 */
export function maximum(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(MAXIMUM, x, y, options);
}

const MINIMUM: BinarySpec = {
  name: "minimum",
  kind: "arith",
  real: K.minimum,
  complex: K.cminimum,
};
/**
 * The smaller of two arrays' elements; a NaN in either propagates.
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example minimum
 * ```ts
 * import assert from "node:assert/strict";
 * import { minimum } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(minimum([1, 5], [3, 2]).toArray(), [1, 2]);
 * ```
 */
export function minimum(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(MINIMUM, x, y, options);
}

const EQUAL: BinarySpec = { name: "equal", kind: "compare", real: K.equal, complex: K.cequal };
/**
 * Whether the elements are equal: a bool array.
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example equal
 * ```ts
 * import assert from "node:assert/strict";
 * import { equal } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(equal([1, 2, 3], 2).toArray(), [false, true, false]);
 * ```
 */
export function equal(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(EQUAL, x, y, options);
}

const NOTEQUAL: BinarySpec = {
  name: "notEqual",
  kind: "compare",
  real: K.notEqual,
  complex: K.cnotEqual,
};
/**
 * Whether the elements differ: a bool array.
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example notEqual
 * ```ts
 * import assert from "node:assert/strict";
 * import { notEqual } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(notEqual([1, 2], 2).toArray(), [true, false]);
 * ```
 */
export function notEqual(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(NOTEQUAL, x, y, options);
}

const LESS: BinarySpec = { name: "less", kind: "compare", real: K.less, complex: K.cless };
/**
 * Whether `x < y`, elementwise: a bool array (complex numbers compare lexicographically, as in numpy).
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example less
 * ```ts
 * import assert from "node:assert/strict";
 * import { less } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(less([1, 2, 3], 2).toArray(), [true, false, false]);
 * ```
 */
export function less(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(LESS, x, y, options);
}

const LESSEQUAL: BinarySpec = {
  name: "lessEqual",
  kind: "compare",
  real: K.lessEqual,
  complex: K.clessEqual,
};
/**
 * Whether `x <= y`, elementwise: a bool array.
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example lessEqual
 * ```ts
 * import assert from "node:assert/strict";
 * import { lessEqual } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(lessEqual([1, 2, 3], 2).toArray(), [true, true, false]);
 * ```
 */
export function lessEqual(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(LESSEQUAL, x, y, options);
}

const GREATER: BinarySpec = {
  name: "greater",
  kind: "compare",
  real: K.greater,
  complex: K.cgreater,
};
/**
 * Whether `x > y`, elementwise: a bool array.
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example greater
 * ```ts
 * import assert from "node:assert/strict";
 * import { greater } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(greater([1, 2, 3], 2).toArray(), [false, false, true]);
 * ```
 */
export function greater(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(GREATER, x, y, options);
}

const GREATEREQUAL: BinarySpec = {
  name: "greaterEqual",
  kind: "compare",
  real: K.greaterEqual,
  complex: K.cgreaterEqual,
};
/**
 * Whether `x >= y`, elementwise: a bool array.
 *
 * @param x The first operand: an array, nested arrays, or a JS scalar (weak, NEP 50).
 * @param y The second operand.
 * @param options `out`: where to write the result.
 * @returns The result, of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example greaterEqual
 * ```ts
 * import assert from "node:assert/strict";
 * import { greaterEqual } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(greaterEqual([1, 2, 3], 2).toArray(), [false, true, true]);
 * ```
 */
export function greaterEqual(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): NDArray {
  return binary(GREATEREQUAL, x, y, options);
}

const NEGATIVE: UnarySpec = {
  name: "negative",
  kind: "same",
  real: K.negative,
  complex: K.cnegative,
  noBool: NEGBOOL,
};
/**
 * The negation, elementwise (a bool array is a TypeError, as in numpy).
 *
 * @param x An array, nested arrays, or a JS scalar.
 * @param options `out`: where to write the result.
 * @returns The result, of `x`'s shape.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example negative
 * ```ts
 * import assert from "node:assert/strict";
 * import { negative } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(negative([1, -2]).toArray(), [-1, 2]);
 * ```
 */
export function negative(x: ArrayLike, options?: UfuncOptions): NDArray {
  return unary(NEGATIVE, x, options);
}

const ABS: UnarySpec = {
  name: "abs",
  kind: "same",
  real: K.abs,
  complex: K.cabs,
  complexToReal: true,
};
/**
 * The absolute value, elementwise; of a complex array, the modulus (a real array of the same precision).
 *
 * @param x An array, nested arrays, or a JS scalar.
 * @param options `out`: where to write the result.
 * @returns The result, of `x`'s shape.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example abs
 * ```ts
 * import assert from "node:assert/strict";
 * import { abs } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(abs([-1.5, 2]).toArray(), [1.5, 2]);
 * assert.deepEqual(abs([{ re: 3, im: 4 }]).toArray(), [5]);
 * ```
 */
export function abs(x: ArrayLike, options?: UfuncOptions): NDArray {
  return unary(ABS, x, options);
}

const SQRT: UnarySpec = { name: "sqrt", kind: "float", real: K.sqrt, complex: K.csqrt };
/**
 * The square root, elementwise (the principal root for complex; NaN for negative reals, as numpy).
 *
 * @param x An array, nested arrays, or a JS scalar.
 * @param options `out`: where to write the result.
 * @returns The result, of `x`'s shape.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example sqrt
 * ```ts
 * import assert from "node:assert/strict";
 * import { sqrt } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(sqrt([4, 9]).toArray(), [2, 3]);
 * ```
 */
export function sqrt(x: ArrayLike, options?: UfuncOptions): NDArray {
  return unary(SQRT, x, options);
}

const EXP: UnarySpec = { name: "exp", kind: "float", real: K.exp, complex: K.cexp };
/**
 * The exponential, elementwise.
 *
 * @param x An array, nested arrays, or a JS scalar.
 * @param options `out`: where to write the result.
 * @returns The result, of `x`'s shape.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example exp
 * ```ts
 * import assert from "node:assert/strict";
 * import { exp } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(exp([0]).toArray(), [1]);
 * ```
 */
export function exp(x: ArrayLike, options?: UfuncOptions): NDArray {
  return unary(EXP, x, options);
}

const LOG: UnarySpec = { name: "log", kind: "float", real: K.log, complex: K.clog };
/**
 * The natural logarithm, elementwise (the principal branch for complex).
 *
 * @param x An array, nested arrays, or a JS scalar.
 * @param options `out`: where to write the result.
 * @returns The result, of `x`'s shape.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example log
 * ```ts
 * import assert from "node:assert/strict";
 * import { log } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(log([1, Math.E]).toArray(), [0, 1]);
 * ```
 */
export function log(x: ArrayLike, options?: UfuncOptions): NDArray {
  return unary(LOG, x, options);
}

const SIN: UnarySpec = { name: "sin", kind: "float", real: K.sin, complex: K.csin };
/**
 * The sine, elementwise (radians).
 *
 * @param x An array, nested arrays, or a JS scalar.
 * @param options `out`: where to write the result.
 * @returns The result, of `x`'s shape.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example sin
 * ```ts
 * import assert from "node:assert/strict";
 * import { sin } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(sin([0]).toArray(), [0]);
 * ```
 */
export function sin(x: ArrayLike, options?: UfuncOptions): NDArray {
  return unary(SIN, x, options);
}

const COS: UnarySpec = { name: "cos", kind: "float", real: K.cos, complex: K.ccos };
/**
 * The cosine, elementwise (radians).
 *
 * @param x An array, nested arrays, or a JS scalar.
 * @param options `out`: where to write the result.
 * @returns The result, of `x`'s shape.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example cos
 * ```ts
 * import assert from "node:assert/strict";
 * import { cos } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(cos([0]).toArray(), [1]);
 * ```
 */
export function cos(x: ArrayLike, options?: UfuncOptions): NDArray {
  return unary(COS, x, options);
}

const CONJ: UnarySpec = {
  name: "conj",
  kind: "same",
  real: K.copy,
  complex: K.cconj,
  boolResult: "int32",
};
/**
 * The complex conjugate, elementwise (a copy for real arrays; int32 for bool, as numpy's integer).
 *
 * @param x An array, nested arrays, or a JS scalar.
 * @param options `out`: where to write the result.
 * @returns The result, of `x`'s shape.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example conj
 * ```ts
 * import assert from "node:assert/strict";
 * import { conj } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(conj([{ re: 1, im: 2 }]).toArray(), [{ re: 1, im: -2 }]);
 * ```
 */
export function conj(x: ArrayLike, options?: UfuncOptions): NDArray {
  return unary(CONJ, x, options);
}

const ISFINITE: UnarySpec = {
  name: "isfinite",
  kind: "bool",
  real: K.isfinite,
  complex: K.cisfinite,
};
/**
 * Whether each element is finite (not infinite, not NaN): a bool array.
 *
 * @param x An array, nested arrays, or a JS scalar.
 * @param options `out`: where to write the result.
 * @returns The result, of `x`'s shape.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example isfinite
 * ```ts
 * import assert from "node:assert/strict";
 * import { isfinite } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(isfinite([1, Infinity, NaN]).toArray(), [true, false, false]);
 * ```
 */
export function isfinite(x: ArrayLike, options?: UfuncOptions): NDArray {
  return unary(ISFINITE, x, options);
}

const ISNAN: UnarySpec = { name: "isnan", kind: "bool", real: K.isnan, complex: K.cisnan };
/**
 * Whether each element is NaN (for complex: either part): a bool array.
 *
 * @param x An array, nested arrays, or a JS scalar.
 * @param options `out`: where to write the result.
 * @returns The result, of `x`'s shape.
 * @throws {TypeError} For a bad operand, option or `out`.
 *
 * @example isnan
 * ```ts
 * import assert from "node:assert/strict";
 * import { isnan } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(isnan([1, NaN]).toArray(), [false, true]);
 * ```
 */
export function isnan(x: ArrayLike, options?: UfuncOptions): NDArray {
  return unary(ISNAN, x, options);
}

/** Options of `isclose` and `allclose`. */
export interface IscloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** Whether NaN equals NaN (default false). */
  equalNan?: boolean;
}

const ISCLOSE_KEYS: OptionKeys = optionKeys("rtol", "atol", "equalNan");

function tolerance(v: unknown, def: number, key: string, name: string): number {
  if (v === undefined) return def;
  if (typeof v !== "number" || !(v >= 0)) {
    throw new TypeError(
      `Invalid ${key} for ${name}(): expected a non-negative number, got ${describeValue(v)}`,
    );
  }
  return v;
}

function closeSpec(options: IscloseOptions | undefined, name: string): BinarySpec {
  checkOptions(options, name, ISCLOSE_KEYS);
  const eq = options?.equalNan;
  if (eq !== undefined && typeof eq !== "boolean") {
    throw new TypeError(
      `Invalid equalNan for ${name}(): expected a boolean, got ${describeValue(eq)}`,
    );
  }
  K.closeness.rtol = tolerance(options?.rtol, 1e-5, "rtol", name);
  K.closeness.atol = tolerance(options?.atol, 1e-8, "atol", name);
  K.closeness.equalNan = eq === true;
  return { name, kind: "compare", real: K.isclose, complex: K.cisclose };
}

/**
 * Whether two arrays are equal within a tolerance, elementwise: `|x - y| <= atol + rtol * |y|`
 * (numpy's `isclose`, not symmetric), infinities equal when they have the same sign, NaN equal
 * to NaN only with `equalNan`.
 *
 * @param x The first operand.
 * @param y The second operand (the reference).
 * @param options `rtol` (1e-5), `atol` (1e-8), `equalNan` (false).
 * @returns A bool array of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 * @throws {TypeError} For a bad operand or option.
 *
 * @example isclose
 * ```ts
 * import assert from "node:assert/strict";
 * import { isclose } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(isclose([1, 1.1, NaN], 1).toArray(), [true, false, false]);
 * assert.deepEqual(isclose([NaN], NaN, { equalNan: true }).toArray(), [true]);
 * ```
 */
export function isclose(x: ArrayLike, y: ArrayLike, options?: IscloseOptions): NDArray {
  return binary(closeSpec(options, "isclose"), x, y, undefined);
}

/**
 * Whether all elements of two arrays are close (`isclose`), as one JS boolean.
 *
 * @param x The first operand.
 * @param y The second operand (the reference).
 * @param options `rtol` (1e-5), `atol` (1e-8), `equalNan` (false).
 * @returns `true` when every pair is close (also for empty arrays).
 * @throws {RangeError} When the shapes do not broadcast.
 *
 * @example allclose
 * ```ts
 * import assert from "node:assert/strict";
 * import { allclose } from "jsr:@dlapack/dlapack";
 * assert.equal(allclose([1, 2], [1, 2 + 1e-9]), true);
 * assert.equal(allclose([1, 2], [1, 2.1], { atol: 0.2 }), true);
 * assert.equal(allclose([1, 2], [1, 2.1]), false);
 * ```
 */
export function allclose(x: ArrayLike, y: ArrayLike, options?: IscloseOptions): boolean {
  const r = binary(closeSpec(options, "allclose"), x, y, undefined);
  const d = r.data as unknown as Uint8Array;
  for (let i = 0; i < d.length; i++) if (d[i] === 0) return false;
  return true;
}

/**
 * Elements of `x` where `cond` is true, of `y` elsewhere (numpy's three-argument `where`), all
 * three broadcast together. The result dtype is `x` and `y` promoted (NEP 50 for JS scalars).
 *
 * @param cond The condition (any dtype: nonzero is true).
 * @param x The values where `cond` is true.
 * @param y The values where `cond` is false.
 * @returns A new array of the broadcast shape.
 * @throws {RangeError} When the shapes do not broadcast.
 *
 * @example where
 * ```ts
 * import assert from "node:assert/strict";
 * import { greater, where } from "jsr:@dlapack/dlapack";
 * const a = [[1, -2], [-3, 4]];
 * assert.deepEqual(where(greater(a, 0), a, 0).toArray(), [[1, 0], [0, 4]]);
 * ```
 */
export function where(cond: ArrayLike, x: ArrayLike, y: ArrayLike): NDArray {
  const name = "where";
  const c = operand(cond, 0, name);
  const a = operand(x, 1, name);
  const b = operand(y, 2, name);
  const shape = broadcastShapeList(
    [c, a, b].map((o) => (o.array === null ? [] : o.array.shape)),
    name,
  );
  let cb: Bound;
  if (c.array !== null && isComplex(c.array.dtype)) {
    const t = unary(TOBOOL, c.array, undefined);
    cb = bind({ array: t, value: 0, weak: null }, "bool", shape, name);
  } else {
    cb = bind(c, c.array === null ? "float64" : dtypeOf(c.array), shape, name);
  }
  const rd = promoteOperands([a, b]);
  const ba = bind(a, rd, shape, name);
  const bb = bind(b, rd, shape, name);
  const t = target(undefined, shape, rd, name);
  const o = t.write;
  const od = dataOf(o);
  const os = o.strides.slice();
  const complex = isComplex(rd as DType);
  const cd = cb.data, ad = ba.data, bd = bb.data;
  forEachRow(
    shape,
    [cb.strides, ba.strides, bb.strides, os],
    [cb.offset, ba.offset, bb.offset, 0],
    (p, s, n) => {
      let pc = p[0], pa = p[1], pb = p[2], po = p[3];
      const sc = s[0], sa = s[1], sb = s[2], so = s[3];
      if (complex) {
        for (let i = 0; i < n; i++, pc += sc, pa += sa, pb += sb, po += so) {
          const take = cd[pc] !== 0;
          od[2 * po] = take ? ad[2 * pa] : bd[2 * pb];
          od[2 * po + 1] = take ? ad[2 * pa + 1] : bd[2 * pb + 1];
        }
      } else {
        for (let i = 0; i < n; i++, pc += sc, pa += sa, pb += sb, po += so) {
          od[po] = cd[pc] !== 0 ? ad[pa] : bd[pb];
        }
      }
    },
  );
  return finish(t);
}

const TOBOOL: UnarySpec = { name: "where", kind: "bool", real: K.toBool, complex: K.ctoBool };

/**
 * The real part: for a complex array a view of its real parts (no copy, as numpy's `.real`),
 * for a real array a view of the array itself.
 *
 * @param x An array or nested arrays.
 * @returns The real parts, of the matching real dtype.
 *
 * @example real
 * ```ts
 * import assert from "node:assert/strict";
 * import { real } from "jsr:@dlapack/dlapack";
 * const r = real([{ re: 1, im: 2 }, { re: 3, im: 4 }]);
 * assert.equal(r.dtype, "float64");
 * assert.deepEqual(r.toArray(), [1, 3]);
 * ```
 */
export function real(x: ArrayLike): NDArray {
  return part(x, "real", 0);
}

/**
 * The imaginary part: for a complex array a view of its imaginary parts (no copy), for a real
 * array zeros of its dtype.
 *
 * @param x An array or nested arrays.
 * @returns The imaginary parts, of the matching real dtype.
 *
 * @example imag
 * ```ts
 * import assert from "node:assert/strict";
 * import { imag } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(imag([{ re: 1, im: 2 }, { re: 3, im: 4 }]).toArray(), [2, 4]);
 * assert.deepEqual(imag([1, 2]).toArray(), [0, 0]);
 * ```
 */
export function imag(x: ArrayLike): NDArray {
  return part(x, "imag", 1);
}

function part(x: ArrayLike, name: string, which: 0 | 1): NDArray {
  const o = operand(x, 0, name);
  const a = o.array ?? asarray(x);
  if (isComplex(a.dtype)) {
    return makeArray(
      dataOf(a),
      a.dtype === "complex64" ? "float32" : "float64",
      a.shape,
      a.strides.map((s) => 2 * s),
      2 * a.offset + which,
    );
  }
  if (which === 0) return makeArray(dataOf(a), dtypeOf(a), a.shape, a.strides, a.offset);
  return makeArray(allocArrayData(dtypeOf(a), a.size), dtypeOf(a), a.shape);
}
