/**
 * Products and the functions numpy builds from them: `matmul` (BLAS `?gemm` per matrix of a
 * stack, `?gemv` when one side is a vector), `multiDot` (the optimal chain order), `outer`,
 * `cross`, `vecdot`, `trace`, `diagonal`, `matrixTranspose`, `matrixPower`, `tensorsolve` and
 * `tensorinv`.
 *
 * `matmul` copies nothing beyond the engine's scratch: its operands are read in C order, and
 * a C-order matrix read as Fortran is its transpose, so C = A B is computed as
 * C^T = B^T A^T with `gemm('N', 'N', n, m, k, 1, B, n, A, k, 0, C, n)`; a float64 product
 * of at most 256 multiply-adds is summed in JavaScript instead. Like every dlapack
 * function (and unlike numpy, which multiplies float32 in float32), float32 input is
 * multiplied in double and the result rounded back to float32, unless
 * `{ precision: "single" }` asks for `sgemm`/`cgemm`.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, floatsPerItem, isComplex } from "../dtype.ts";
import type { ArrayLike, FloatNDArray } from "../ndarray.ts";
import { NDArray } from "../ndarray.ts";
import type { GufuncOptions, GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { routine } from "../../ffi/backend.ts";
import { LinAlgError } from "../errors.ts";
import { describeValue } from "../_describe.ts";
import { inv, solve } from "./solve.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import {
  arrayArg,
  assertStackedSquare,
  BATCH_KEYS,
  batchOf,
  checkOptions,
  ENGINE_KEYS,
  letter,
  optionKeys,
  smallGemm,
} from "./_util.ts";
import type { MatmulOptions } from "../_ndarray.ts";
export type { MatmulOptions } from "../_ndarray.ts";

/** The same kernel factory for the four computation dtypes. */
const all = (f: KernelFactory): Record<DType, KernelFactory> => ({
  float32: f,
  float64: f,
  complex64: f,
  complex128: f,
});

/** BLAS scalars 1 and 0 of a dtype, as the typed arrays `?gemm`/`?gemv` take. */
function scalars(dtype: DType) {
  const one = allocData(dtype, 1);
  one[0] = 1;
  return { one, zero: allocData(dtype, 1) };
}

/** k = 0: the product is zeros (the scratch is reused, so it must be cleared). */
const zeroFill = (b: FloatArray[]): number => {
  b[2].fill(0);
  return 0;
};

/**
 * The largest float64 product (m * k * n multiply-adds) done in JavaScript rather than by
 * `dgemm`: below it the FFI call costs more than the arithmetic (Node 26's most, 0.3-0.5 us a
 * call), as in Julia's 2 x 2 and 3 x 3 `matmul` special cases. Measured in
 * bench/overhead_bench.ts (matmul 4x4, 10x10).
 */
const SMALL_PRODUCT = 256;

// (m,k) @ (k,n): C-order operands read as Fortran are B^T (n x k) and A^T (k x m), and
// C^T = B^T A^T lands in C's scratch, read back in C order.
const gemmKernel: KernelFactory = ({ dims: { m, k, n }, dtype }) => {
  if (k === 0) return zeroFill;
  if (dtype === "float64" && m * k * n <= SMALL_PRODUCT) {
    return ([A, B, C]) => {
      smallGemm(C, A, B, m, k, n);
      return 0;
    };
  }
  const gemm = routine(`${letter(dtype)}gemm`);
  const { one, zero } = scalars(dtype);
  const ldb = Math.max(1, n);
  const lda = Math.max(1, k);
  return (b) => {
    gemm("N", "N", n, m, k, one, b[1], ldb, b[0], lda, zero, b[2], ldb);
    return 0;
  };
};

// (m,k) @ (k): A in C order is A^T (k x m) in Fortran: y = (A^T)^T x.
const matvecKernel: KernelFactory = ({ dims: { m, k }, dtype }) => {
  if (k === 0) return zeroFill;
  const gemv = routine(`${letter(dtype)}gemv`);
  const { one, zero } = scalars(dtype);
  const lda = Math.max(1, k);
  return (b) => {
    gemv("T", k, m, one, b[0], lda, b[1], 1, zero, b[2], 1);
    return 0;
  };
};

// (k) @ (k,n): B in C order is B^T (n x k) in Fortran: y = B^T x.
const vecmatKernel: KernelFactory = ({ dims: { k, n }, dtype }) => {
  if (k === 0) return zeroFill;
  const gemv = routine(`${letter(dtype)}gemv`);
  const { one, zero } = scalars(dtype);
  const ldb = Math.max(1, n);
  return (b) => {
    gemv("N", n, k, one, b[1], ldb, b[0], 1, zero, b[2], 1);
    return 0;
  };
};

/** Sum of x[i] * y[i] (conjugating x when `conj`), into out[0] (and out[1]). */
const dotKernel = (conj: boolean): KernelFactory => ({ dims, dtype }) => {
  const k = dims.k ?? dims.n;
  if (!isComplex(dtype)) {
    return ([x, y, out]) => {
      let s = 0;
      for (let i = 0; i < k; i++) s += x[i] * y[i];
      out[0] = s;
      return 0;
    };
  }
  const sign = conj ? -1 : 1;
  return ([x, y, out]) => {
    let re = 0;
    let im = 0;
    for (let i = 0; i < 2 * k; i += 2) {
      const xr = x[i];
      const xi = sign * x[i + 1];
      re += xr * y[i] - xi * y[i + 1];
      im += xr * y[i + 1] + xi * y[i];
    }
    out[0] = re;
    out[1] = im;
    return 0;
  };
};

const MATMUL: GufuncSpec = {
  name: "matmul",
  signature: "(m,k),(k,n)->(m,n)",
  layouts: "CCC",
  kernels: all(gemmKernel),
};
const MATVEC: GufuncSpec = {
  name: "matmul",
  signature: "(m,k),(k)->(m)",
  layouts: "CFF",
  kernels: all(matvecKernel),
};
const VECMAT: GufuncSpec = {
  name: "matmul",
  signature: "(k),(k,n)->(n)",
  layouts: "FCF",
  kernels: all(vecmatKernel),
};
const VECVEC: GufuncSpec = {
  name: "matmul",
  signature: "(k),(k)->()",
  kernels: all(dotKernel(false)),
};

/** The options of `matmul` and `outer`: the engine's (the result is the engine's output). */
export const MATMUL_KEYS: OptionKeys = optionKeys(...ENGINE_KEYS);
export const OUTER_KEYS: OptionKeys = MATMUL_KEYS;

/**
 * The matrix product, numpy's `matmul` (`a @ b`): stacks broadcast; a 1-D `a` is a row vector
 * and a 1-D `b` a column vector, and that dimension is removed from the result. Each product
 * is one BLAS `?gemm` (or `?gemv` with a vector), with no transposed copies; a float64 product
 * of at most 256 multiply-adds (6 x 6 by 6 x 6) is summed in JavaScript, where the FFI call
 * would cost more than the arithmetic.
 *
 * @param a `(..., m, k)` or `(k)`.
 * @param b `(..., k, n)` or `(k)`.
 * @param options `out`, `precision` (float32 is multiplied in double unless "single"),
 * `dtype`, `errors`.
 * @returns `(..., m, n)`, `(..., m)`, `(..., n)` or a 0-d array for two vectors; the dtype
 * both inputs promote to.
 * @throws {RangeError} When `k` differs, stacks do not broadcast, or an input is 0-d.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { matmul } = linalg;
 * assert.deepEqual(matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]]).toArray(), [[19, 22], [43, 50]]);
 * assert.deepEqual(matmul([[1, 2], [3, 4]], [1, 1]).toArray(), [3, 7]);
 * assert.equal(matmul([1, 2, 3], [4, 5, 6]).item(), 32);
 * ```
 */
export function matmul(a: ArrayLike, b: ArrayLike, options?: MatmulOptions): NDArray {
  checkOptions(options, "matmul", MATMUL_KEYS);
  const A = arrayArg(a, 0, "matmul");
  const B = arrayArg(b, 1, "matmul");
  if (A.ndim === 0 || B.ndim === 0) notScalar("matmul", A, B); // no rest array per call
  const spec = A.ndim === 1 ? (B.ndim === 1 ? VECVEC : VECMAT) : B.ndim === 1 ? MATVEC : MATMUL;
  return runGufunc(spec, [A, B], options)[0];
}

function notScalar(name: string, ...arrays: NDArray[]): void {
  const i = arrays.findIndex((x) => x.ndim === 0);
  if (i >= 0) {
    throw new RangeError(
      `Input operand ${i} of ${name}() does not have enough dimensions (has 0, gufunc core with ` +
        `signature (n?,k),(k,m?)->(n?,m?) requires 1): use elementwise multiplication for scalars`,
    );
  }
}

/** The options of `multiDot`. */
export const MULTI_DOT_KEYS: OptionKeys = optionKeys("out", "precision");

/** Options of `multiDot`. */
export interface MultiDotOptions extends Pick<GufuncOptions, "precision"> {
  /** Where to write the final product (its exact shape and dtype). */
  out?: NDArray;
}

/**
 * The product of two or more matrices in the cheapest order (numpy's `multi_dot`: the
 * classic O(n^3) dynamic program over the chain's dimensions). The first array may be 1-D (a
 * row vector) and the last 1-D (a column vector); the others must be 2-D. Unlike numpy, two
 * arrays are multiplied by `matmul` rules, so they too must be 1-D or 2-D.
 *
 * @param arrays The matrices, in order.
 * @param options `out` (the final product), `precision`.
 * @returns The product: 2-D, 1-D when one end is a vector, 0-d when both are.
 * @throws {LinAlgError} When an inner array is not 2-D.
 * @throws {RangeError} For fewer than two arrays or dimensions that do not chain.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { multiDot } = linalg;
 * const r = multiDot([[1, 2], [[1, 0], [0, 1]], [[2, 0], [0, 2]], [3, 4]]);
 * assert.equal(r.item(), 22);
 * ```
 */
export function multiDot(arrays: readonly ArrayLike[], options?: MultiDotOptions): NDArray {
  checkOptions(options, "multiDot", MULTI_DOT_KEYS);
  if (!Array.isArray(arrays)) {
    throw new TypeError(
      `Invalid arrays for multiDot(): expected an array of arrays, got ${describeValue(arrays)}`,
    );
  }
  if (arrays.length < 2) {
    throw new RangeError(`Expecting at least two arrays: multiDot() got ${arrays.length}`);
  }
  const as = Array.from(arrays, (x, i) => arrayArg(x, i, "multiDot"));
  const split = chainOrder(chainDims(as));
  const inner = { precision: options?.precision };
  const product = (i: number, j: number, opts: MultiDotOptions | undefined): NDArray =>
    i === j
      ? as[i]
      : matmul(product(i, split[i][j], inner), product(split[i][j] + 1, j, inner), opts);
  return product(0, as.length - 1, options && { out: options.out, precision: options.precision });
}

/** The chain's dimensions p (matrix i is p[i] x p[i+1]), checked as numpy's `multi_dot`. */
function chainDims(as: NDArray[]): number[] {
  const n = as.length;
  const shapes = as.map((a, i) => {
    if (a.ndim === 1 && i === 0) return [1, a.shape[0]];
    if (a.ndim === 1 && i === n - 1) return [a.shape[0], 1];
    if (a.ndim !== 2) {
      throw new LinAlgError(
        `${a.ndim}-dimensional array given. Array must be two-dimensional: multiDot() array ${i} has shape (${
          a.shape.join(", ")
        })`,
      );
    }
    return a.shape;
  });
  for (let i = 0; i + 1 < n; i++) {
    if (shapes[i][1] !== shapes[i + 1][0]) {
      throw new RangeError(
        `Shapes (${shapes[i].join(",")}) and (${shapes[i + 1].join(",")}) not aligned: ` +
          `${shapes[i][1]} (dim 1) != ${shapes[i + 1][0]} (dim 0): multiDot() arrays ${i} and ${
            i + 1
          }`,
      );
    }
  }
  return [...shapes.map((s) => s[0]), shapes[n - 1][1]];
}

/** split[i][j]: where the optimal parenthesization of matrices i..j splits (numpy's DP). */
function chainOrder(p: number[]): number[][] {
  const n = p.length - 1;
  const cost = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const split = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let l = 1; l < n; l++) {
    for (let i = 0; i < n - l; i++) {
      const j = i + l;
      cost[i][j] = Infinity;
      for (let k = i; k < j; k++) {
        const q = cost[i][k] + cost[k + 1][j] + p[i] * p[k + 1] * p[j + 1];
        if (q < cost[i][j]) {
          cost[i][j] = q;
          split[i][j] = k;
        }
      }
    }
  }
  return split;
}

const outerKernel: KernelFactory = ({ dims: { m, n }, dtype }) => {
  if (!isComplex(dtype)) {
    return ([x, y, o]) => {
      for (let i = 0, q = 0; i < m; i++) {
        const xi = x[i];
        for (let j = 0; j < n; j++) o[q++] = xi * y[j];
      }
      return 0;
    };
  }
  return ([x, y, o]) => {
    for (let i = 0, q = 0; i < 2 * m; i += 2) {
      const xr = x[i];
      const xi = x[i + 1];
      for (let j = 0; j < 2 * n; j += 2) {
        o[q++] = xr * y[j] - xi * y[j + 1];
        o[q++] = xr * y[j + 1] + xi * y[j];
      }
    }
    return 0;
  };
};

const OUTER: GufuncSpec = {
  name: "outer",
  signature: "(m),(n)->(m,n)",
  layouts: "FFC",
  kernels: all(outerKernel),
};

/**
 * The outer product of two vectors (numpy 2's `linalg.outer`): `r[i, j] = a[i] * b[j]`.
 *
 * @param a A vector `(m)`.
 * @param b A vector `(n)`.
 * @param options `out`, `precision`, `dtype`, `errors`.
 * @returns `(m, n)`, the dtype both inputs promote to.
 * @throws {RangeError} When an input is not 1-D.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { outer } = linalg;
 * assert.deepEqual(outer([1, 2], [3, 4, 5]).toArray(), [[3, 4, 5], [6, 8, 10]]);
 * ```
 */
export function outer(a: ArrayLike, b: ArrayLike, options?: MatmulOptions): NDArray {
  checkOptions(options, "outer", OUTER_KEYS);
  const A = arrayArg(a, 0, "outer");
  const B = arrayArg(b, 1, "outer");
  if (A.ndim !== 1 || B.ndim !== 1) {
    throw new RangeError(
      `Input arrays must be one-dimensional, but they are x1.ndim=${A.ndim} and x2.ndim=${B.ndim}`,
    );
  }
  return runGufunc(OUTER, [A, B], options)[0];
}

const crossKernel: KernelFactory = ({ dtype }) => {
  if (!isComplex(dtype)) {
    return ([a, b, c]) => {
      c[0] = a[1] * b[2] - a[2] * b[1];
      c[1] = a[2] * b[0] - a[0] * b[2];
      c[2] = a[0] * b[1] - a[1] * b[0];
      return 0;
    };
  }
  // (a_i b_j - a_j b_i) for the three (i, j), complex.
  return ([a, b, c]) => {
    for (let r = 0; r < 3; r++) {
      const i = 2 * ((r + 1) % 3);
      const j = 2 * ((r + 2) % 3);
      c[2 * r] = a[i] * b[j] - a[i + 1] * b[j + 1] - (a[j] * b[i] - a[j + 1] * b[i + 1]);
      c[2 * r + 1] = a[i] * b[j + 1] + a[i + 1] * b[j] - (a[j] * b[i + 1] + a[j + 1] * b[i]);
    }
    return 0;
  };
};

const CROSS: GufuncSpec = {
  name: "cross",
  signature: "(t),(t)->(t)",
  kernels: all(crossKernel),
};

/** The options of `cross` and `vecdot`. */
export const CROSS_KEYS: OptionKeys = optionKeys("axis", "precision");
export const VECDOT_KEYS: OptionKeys = CROSS_KEYS;

/** Options of `cross` and `vecdot`. */
export interface AxisOptions extends Pick<GufuncOptions, "precision"> {
  /** The axis that holds the vectors (default -1). */
  axis?: number;
}

/**
 * The cross product of 3-vectors (numpy 2's `linalg.cross`): the vectors lie along `axis` of
 * both inputs (size 3), the other axes broadcast.
 *
 * @param a Vectors `(..., 3)`.
 * @param b Vectors `(..., 3)`.
 * @param options `axis` (default -1), `precision`.
 * @returns The cross products, with the vector axis at `axis`.
 * @throws {RangeError} When the vector axis is not of size 3, or the stacks do not broadcast.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { cross } = linalg;
 * assert.deepEqual(cross([1, 0, 0], [0, 1, 0]).toArray(), [0, 0, 1]);
 * assert.deepEqual(cross([[1, 2, 3]], [4, 5, 6]).toArray(), [[-3, 6, -3]]);
 * ```
 */
export function cross(a: ArrayLike, b: ArrayLike, options?: AxisOptions): NDArray {
  checkOptions(options, "cross", CROSS_KEYS);
  const A = arrayArg(a, 0, "cross");
  const B = arrayArg(b, 1, "cross");
  const axis = options?.axis ?? -1;
  const [ia, ib] = [normalizeAxis(axis, A.ndim, "cross"), normalizeAxis(axis, B.ndim, "cross")];
  if (A.shape[ia] !== 3 || B.shape[ib] !== 3) {
    throw new RangeError(
      "Both input arrays must be (arrays of) 3-dimensional vectors, " +
        `but they are ${A.shape[ia]} and ${B.shape[ib]} dimensional instead`,
    );
  }
  const r =
    runGufunc(CROSS, [moveToEnd(A, ia), moveToEnd(B, ib)], { precision: options?.precision })[0];
  return moveFromEnd(r, normalizeAxis(axis, r.ndim, "cross"));
}

const VECDOT: GufuncSpec = {
  name: "vecdot",
  signature: "(n),(n)->()",
  kernels: all(dotKernel(true)),
};

/**
 * The dot product of vectors along `axis` (numpy 2's `linalg.vecdot`), conjugating the first
 * argument when complex: `sum(conj(a) * b)`. The other axes broadcast.
 *
 * @param a Vectors `(..., n)`.
 * @param b Vectors `(..., n)`.
 * @param options `axis` (default -1), `precision`.
 * @returns The dot products, the vector axis removed.
 * @throws {RangeError} When the vector lengths differ or the stacks do not broadcast.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { vecdot } = linalg;
 * assert.deepEqual(vecdot([[1, 2], [3, 4]], [1, 1]).toArray(), [3, 7]);
 * assert.deepEqual(vecdot([{ re: 0, im: 1 }], [{ re: 0, im: 1 }]).item(), { re: 1, im: 0 });
 * ```
 */
export function vecdot(a: ArrayLike, b: ArrayLike, options?: AxisOptions): NDArray {
  checkOptions(options, "vecdot", VECDOT_KEYS);
  const A = arrayArg(a, 0, "vecdot");
  const B = arrayArg(b, 1, "vecdot");
  const axis = options?.axis ?? -1;
  const [ia, ib] = [normalizeAxis(axis, A.ndim, "vecdot"), normalizeAxis(axis, B.ndim, "vecdot")];
  return runGufunc(VECDOT, [moveToEnd(A, ia), moveToEnd(B, ib)], {
    precision: options?.precision,
  })[0];
}

const sumKernel: KernelFactory = ({ dims: { n }, dtype }) => {
  const f = floatsPerItem(dtype);
  return ([x, out]) => {
    let re = 0;
    let im = 0;
    for (let i = 0; i < f * n; i += f) {
      re += x[i];
      if (f === 2) im += x[i + 1];
    }
    out[0] = re;
    if (f === 2) out[1] = im;
    return 0;
  };
};

const SUM: GufuncSpec = { name: "trace", signature: "(n)->()", kernels: all(sumKernel) };

/** The options of `trace` and `diagonal`. */
export const TRACE_KEYS: OptionKeys = optionKeys("offset");
export const DIAGONAL_KEYS: OptionKeys = TRACE_KEYS;

/** Options of `trace` and `diagonal`. */
export interface OffsetOptions {
  /** Which diagonal: 0 the main one (default), > 0 above it, < 0 below it. */
  offset?: number;
}

/**
 * The sum of each matrix's diagonal (numpy 2's `linalg.trace`: the last two axes).
 *
 * @param a A matrix or stack `(..., m, n)`.
 * @param options `offset` (default 0).
 * @returns A 0-d array for one matrix, else the stack's shape; the input's dtype.
 * @throws {RangeError} For fewer than two dimensions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { trace } = linalg;
 * assert.equal(trace([[1, 2], [3, 4]]).item(), 5);
 * assert.equal(trace([[1, 2], [3, 4]], { offset: 1 }).item(), 2);
 * ```
 */
export function trace(a: ArrayLike, options?: OffsetOptions): NDArray {
  checkOptions(options, "trace", TRACE_KEYS);
  const d = diagonalView(arrayArg(a, 0, "trace"), options?.offset, "trace");
  return runGufunc(SUM, [d])[0];
}

/**
 * The diagonal of each matrix (numpy 2's `linalg.diagonal`: the last two axes), a view.
 *
 * @param a A matrix or stack `(..., m, n)`.
 * @param options `offset` (default 0).
 * @returns A view `(..., k)` sharing `a`'s data (when `a` is an NDArray).
 * @throws {RangeError} For fewer than two dimensions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { diagonal } = linalg;
 * assert.deepEqual(diagonal([[1, 2, 3], [4, 5, 6]]).toArray(), [1, 5]);
 * assert.deepEqual(diagonal([[1, 2, 3], [4, 5, 6]], { offset: -1 }).toArray(), [4]);
 * ```
 */
export function diagonal(a: ArrayLike, options?: OffsetOptions): NDArray {
  checkOptions(options, "diagonal", DIAGONAL_KEYS);
  return diagonalView(arrayArg(a, 0, "diagonal"), options?.offset, "diagonal");
}

function diagonalView(a: NDArray, offset: number | undefined, name: string): NDArray {
  const k = offset ?? 0;
  if (typeof k !== "number" || !Number.isSafeInteger(k)) {
    throw new TypeError(
      `Invalid offset for ${name}(): expected an integer, got ${describeValue(k)}`,
    );
  }
  const nd = a.ndim;
  if (nd < 2) {
    throw new RangeError(
      `Diag requires an array of at least two dimensions: ${name}() got shape (${
        a.shape.join(", ")
      })`,
    );
  }
  const [m, n] = [a.shape[nd - 2], a.shape[nd - 1]];
  const [sr, sc] = [a.strides[nd - 2], a.strides[nd - 1]];
  const len = Math.max(0, k >= 0 ? Math.min(m, n - k) : Math.min(m + k, n));
  const shape = [...a.shape.slice(0, nd - 2), len];
  const empty = shape.some((d) => d === 0);
  const start = empty ? a.offset : a.offset + (k >= 0 ? k * sc : -k * sr);
  return new NDArray(a.data, a.dtype, shape, [...a.strides.slice(0, nd - 2), sr + sc], start);
}

/**
 * Swaps the last two axes (numpy 2's `linalg.matrix_transpose`), a view.
 *
 * @param a A matrix or stack `(..., m, n)`.
 * @returns A view `(..., n, m)`.
 * @throws {RangeError} For fewer than two dimensions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { matrixTranspose } = linalg;
 * assert.deepEqual(matrixTranspose([[1, 2, 3]]).toArray(), [[1], [2], [3]]);
 * ```
 */
export function matrixTranspose(a: ArrayLike): NDArray {
  const A = arrayArg(a, 0, "matrixTranspose");
  if (A.ndim < 2) {
    throw new RangeError(`Input array must be at least 2-dimensional, but it is ${A.ndim}`);
  }
  return A.matrixTranspose();
}

/** The options of `matrixPower`. */
export const MATRIX_POWER_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);

/**
 * Raises a square matrix (or each of a stack) to an integer power by repeated squaring with
 * `matmul`; 0 gives the identity, a negative power inverts first (`inv`).
 *
 * @param a A square matrix or stack `(..., m, m)`.
 * @param n The exponent, any integer.
 * @param options `errors` (for the inverse), `precision`.
 * @returns `a^n`, same shape and dtype.
 * @throws {TypeError} When `n` is not an integer.
 * @throws {LinAlgError} When `a` is not square, or singular with `n < 0`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { matrixPower } = linalg;
 * assert.deepEqual(matrixPower([[1, 1], [1, 0]], 10).toArray(), [[89, 55], [55, 34]]);
 * const inverse = matrixPower([[2, 1], [1, 1]], -2).toArray().flat();
 * assert.deepEqual(inverse.map(Math.round), [2, -3, -3, 5]);
 * ```
 */
export function matrixPower(a: ArrayLike, n: number, options?: BatchOptions): NDArray {
  checkOptions(options, "matrixPower", MATRIX_POWER_KEYS);
  const A = arrayArg(a, 0, "matrixPower");
  assertStackedSquare(A, "matrixPower");
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new TypeError(`Exponent must be an integer: matrixPower() got ${describeValue(n)}`);
  }
  if (n === 0) return identityLike(A);
  return power(n < 0 ? inv(A, batchOf(options)) : A.copy(), Math.abs(n), {
    precision: options?.precision,
  });
}

/** numpy's binary decomposition of `n` (>= 1): at most 2 log2(n) products. */
function power(a: NDArray, n: number, options: MatmulOptions): NDArray {
  if (n === 1) return a;
  if (n === 2) return matmul(a, a, options);
  if (n === 3) return matmul(matmul(a, a, options), a, options);
  let z: NDArray | undefined;
  let result: NDArray | undefined;
  while (n > 0) {
    z = z === undefined ? a : matmul(z, z, options);
    const bit = n % 2;
    n = Math.floor(n / 2);
    if (bit === 1) result = result === undefined ? z : matmul(result, z, options);
  }
  return result!;
}

function identityLike(a: FloatNDArray): NDArray {
  const r = new NDArray(allocData(a.dtype, a.size), a.dtype, a.shape);
  const m = a.shape[a.ndim - 1];
  const f = floatsPerItem(a.dtype);
  for (let p = 0; p < a.size; p += m * m) {
    for (let i = 0; i < m; i++) r.data[(p + i * (m + 1)) * f] = 1;
  }
  return r;
}

/** The options of `tensorsolve`. */
export const TENSORSOLVE_KEYS: OptionKeys = optionKeys("axes", "precision");

/** Options of `tensorsolve`. */
export interface TensorsolveOptions extends Pick<GufuncOptions, "precision"> {
  /** Axes of `a` to move to the end, in this order, before solving. */
  axes?: readonly number[];
}

/**
 * Solves the tensor equation `tensordot(a, x, x.ndim) = b` for `x` (numpy's `tensorsolve`):
 * `a` is reshaped to a square matrix `prod(b.shape) x prod(x.shape)` and passed to `solve`.
 *
 * @param a Coefficients, shape `b.shape + x.shape`.
 * @param b Right-hand side.
 * @param options `axes`, `precision`.
 * @returns `x`, of shape `a.shape.slice(b.ndim)` (after moving `axes`).
 * @throws {LinAlgError} When the shapes do not make a square problem, or `a` is singular.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { tensorsolve } = linalg;
 * const a = [[[[2, 0], [0, 0]], [[0, 2], [0, 0]]], [[[0, 0], [2, 0]], [[0, 0], [0, 2]]]];
 * assert.deepEqual(tensorsolve(a, [[2, 4], [6, 8]]).toArray(), [[1, 2], [3, 4]]);
 * ```
 */
export function tensorsolve(a: ArrayLike, b: ArrayLike, options?: TensorsolveOptions): NDArray {
  checkOptions(options, "tensorsolve", TENSORSOLVE_KEYS);
  let A = arrayArg(a, 0, "tensorsolve");
  const B = arrayArg(b, 1, "tensorsolve");
  if (options?.axes !== undefined && options.axes !== null) {
    A = A.transpose(axesLast(A.ndim, options.axes)) as FloatNDArray;
  }
  const shape = A.shape.slice(-(A.ndim - B.ndim));
  const prod = shape.reduce((p, d) => p * d, 1);
  if (A.size !== prod * prod) {
    throw new LinAlgError(
      "Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim]): " +
        `tensorsolve() got a of shape (${A.shape.join(", ")}) and b of shape (${
          B.shape.join(", ")
        })`,
    );
  }
  return solve(A.reshape([prod, prod]), B.reshape([-1]), { precision: options?.precision }).reshape(
    shape,
  );
}

/** numpy's `tensorsolve` axis order: `axes` removed, then appended in order. */
function axesLast(nd: number, axes: readonly number[]): number[] {
  if (!Array.isArray(axes)) {
    throw new TypeError(
      `Invalid axes for tensorsolve(): expected an array of integers, got ${describeValue(axes)}`,
    );
  }
  // Array.from, not map: a hole is undefined (rejected), not skipped.
  const moved = Array.from(axes, (ax: unknown) => normalizeAxis(ax, nd, "tensorsolve"));
  if (new Set(moved).size !== moved.length) {
    throw new RangeError(
      `Repeated axis in axes [${moved.join(", ")}]: tensorsolve() moves each axis once`,
    );
  }
  return [...Array.from({ length: nd }, (_, i) => i).filter((i) => !moved.includes(i)), ...moved];
}

/** The options of `tensorinv`. */
export const TENSORINV_KEYS: OptionKeys = optionKeys("ind", ...BATCH_KEYS);

/** Options of `tensorinv`. */
export interface TensorinvOptions extends BatchOptions {
  /** How many leading axes index the result's trailing part (default 2). */
  ind?: number;
}

/**
 * The inverse of a tensor for `tensordot` (numpy's `tensorinv`): `a` is reshaped to a square
 * matrix `prod(a.shape.slice(0, ind)) x prod(a.shape.slice(ind))` and inverted.
 *
 * @param a A tensor with `prod(shape[:ind]) == prod(shape[ind:])`.
 * @param options `ind` (default 2, a positive integer), `errors`, `precision`.
 * @returns The inverse, of shape `a.shape.slice(ind) + a.shape.slice(0, ind)`.
 * @throws {LinAlgError} When the reshaped matrix is not square, or singular.
 * @throws {RangeError} When `ind` is not positive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { tensorinv } = linalg;
 * const a = [[[2, 1]], [[1, 1]]]; // (2, 1, 2): a 2x2 matrix, rows indexed by the first axis
 * const r = tensorinv(a, { ind: 1 });
 * assert.deepEqual(r.shape, [1, 2, 2]);
 * assert.deepEqual(r.toArray().flat(2).map(Math.round), [1, -1, -1, 2]);
 * ```
 */
export function tensorinv(a: ArrayLike, options?: TensorinvOptions): NDArray {
  checkOptions(options, "tensorinv", TENSORINV_KEYS);
  const A = arrayArg(a, 0, "tensorinv");
  const ind = options?.ind ?? 2;
  if (typeof ind !== "number" || !Number.isInteger(ind)) {
    throw new TypeError(
      `Invalid ind argument: expected a positive integer, got ${describeValue(ind)}`,
    );
  }
  if (ind <= 0) {
    throw new RangeError(`Invalid ind argument: expected a positive integer, got ${ind}`);
  }
  const [lead, rest] = [A.shape.slice(0, ind), A.shape.slice(ind)];
  const prod = rest.reduce((p, d) => p * d, 1);
  const ia = inv(A.reshape([prod, -1]), { errors: options?.errors, precision: options?.precision });
  return ia.reshape([...rest, ...lead]);
}

/** numpy's `normalize_axis_index`. */
function normalizeAxis(axis: unknown, nd: number, name: string): number {
  if (typeof axis !== "number" || !Number.isInteger(axis)) {
    throw new TypeError(
      `Invalid axis for ${name}(): expected an integer, got ${describeValue(axis)}`,
    );
  }
  if (axis < -nd || axis >= nd) {
    throw new RangeError(`Axis ${axis} is out of bounds for array of dimension ${nd}: ${name}()`);
  }
  return axis < 0 ? axis + nd : axis;
}

/** A view with axis `k` moved to the end. */
function moveToEnd(a: NDArray, k: number): NDArray {
  if (k === a.ndim - 1) return a;
  const order = Array.from({ length: a.ndim }, (_, i) => i).filter((i) => i !== k);
  return a.transpose([...order, k]);
}

/** A view with the last axis moved to position `k`. */
function moveFromEnd(a: NDArray, k: number): NDArray {
  const last = a.ndim - 1;
  if (k === last) return a;
  const order = Array.from({ length: last }, (_, i) => i);
  order.splice(k, 0, last);
  return a.transpose(order);
}
