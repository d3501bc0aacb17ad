/**
 * `det` and `slogdet` from the LU factorization (`?getrf`): the product of U's diagonal and
 * the sign of the row permutation. det(A^T) = det(A), so C-order input is read as is.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { isComplex, realDType } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { GufuncOptions, GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { luPlan } from "../drivers/lu.ts";
import type { OptionKeys } from "./_util.ts";
import { register } from "./_registry.ts";
import { arrayArg, assertStackedSquare, checkOptions, ENGINE_KEYS, optionKeys } from "./_util.ts";

/**
 * Factorizes `a` in place and reports sign (re, im) and log|det| into `res`; a singular
 * matrix gives sign 0 and log|det| -Infinity, as numpy.
 */
function luKernel(m: number, dtype: DType) {
  const lu = luPlan(m, dtype);
  const complex = isComplex(dtype);
  const res = new Float64Array(3); // sign re, sign im, logabsdet
  return (a: FloatArray): Float64Array => {
    const info = lu.factor(a);
    // A NaN pivot ATLAS took for zero (NAN_PIVOT) is not singular: the NaN goes on.
    if (info > 0) {
      res[0] = 0;
      res[1] = 0;
      res[2] = -Infinity;
      return res;
    }
    let sr = lu.swaps() % 2 === 0 ? 1 : -1;
    let si = 0;
    let logdet = 0;
    if (!complex) {
      for (let i = 0; i < m; i++) {
        const d = a[i * (m + 1)];
        if (d < 0) sr = -sr;
        logdet += Math.log(Math.abs(d));
      }
    } else {
      for (let i = 0; i < m; i++) {
        const re = a[2 * i * (m + 1)];
        const im = a[2 * i * (m + 1) + 1];
        const abs = Math.hypot(re, im);
        const ur = re / abs;
        const ui = im / abs;
        const nr = sr * ur - si * ui;
        si = sr * ui + si * ur;
        sr = nr;
        logdet += Math.log(abs);
      }
    }
    res[0] = sr;
    res[1] = si;
    res[2] = logdet;
    return res;
  };
}

const detKernel: KernelFactory = ({ dims: { m }, dtype }) => {
  if (isComplex(dtype)) {
    const lu = luKernel(m, dtype);
    return ([a, out]) => {
      const r = lu(a);
      const scale = Math.exp(r[2]);
      out[0] = r[0] * scale;
      out[1] = r[1] * scale;
      return 0;
    };
  }
  // Real: the plain product of the diagonal (more accurate than exp(log)).
  const lu = luPlan(m, dtype);
  return ([a, out]) => {
    const info = lu.factor(a);
    if (info > 0) {
      out[0] = 0;
      return 0;
    }
    let d = lu.swaps() % 2 === 0 ? 1 : -1;
    for (let i = 0; i < m; i++) d *= a[i * (m + 1)];
    out[0] = d;
    return 0;
  };
};

/** The options of `det` and `slogdet`: the engine's (their results are the engine's outputs). */
export const DET_KEYS: OptionKeys = optionKeys(...ENGINE_KEYS);
export const SLOGDET_KEYS: OptionKeys = DET_KEYS;

const DET: GufuncSpec = {
  name: "det",
  signature: "(m,m)->()",
  layouts: "CC",
  kernels: { float32: detKernel, float64: detKernel, complex64: detKernel, complex128: detKernel },
};

/**
 * The determinant of a square matrix or of each matrix of a stack (`?getrf`). A singular
 * matrix gives 0, as in numpy.
 *
 * @param a A matrix `(..., m, m)`.
 * @param options `errors`, `precision`, `out`, `dtype`.
 * @returns A 0-d array for one matrix (use `.item()`), else an array of the stack's shape.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { det } from "./det.ts";
 * assert.ok(Math.abs((det([[1, 2], [3, 4]]).item() as number) + 2) < 1e-12);
 * ```
 */
export function det(a: ArrayLike, options?: GufuncOptions): NDArray {
  checkOptions(options, "det", DET_KEYS);
  const arr = arrayArg(a, 0, "det");
  assertStackedSquare(arr, "det");
  return runGufunc(DET, [arr], options)[0];
}

const slogdetKernel: KernelFactory = ({ dims: { m }, dtype }) => {
  const lu = luKernel(m, dtype);
  if (isComplex(dtype)) {
    return ([a, sign, logdet]) => {
      const r = lu(a);
      sign[0] = r[0];
      sign[1] = r[1];
      logdet[0] = r[2];
      return 0;
    };
  }
  return ([a, sign, logdet]) => {
    const r = lu(a);
    sign[0] = r[0];
    logdet[0] = r[2];
    return 0;
  };
};

const SLOGDET: GufuncSpec = {
  name: "slogdet",
  signature: "(m,m)->(),()",
  layouts: "CCC",
  outDTypes: [(d) => d, (d) => realDType(d)],
  kernels: {
    float32: slogdetKernel,
    float64: slogdetKernel,
    complex64: slogdetKernel,
    complex128: slogdetKernel,
  },
};

/** The result of `slogdet`: det = sign * exp(logabsdet). */
export interface SlogdetResult {
  /** 1, -1 or 0 for real input; a unit complex number (or 0) for complex input. */
  sign: NDArray;
  /** The natural log of |det| (-Infinity for a singular matrix). */
  logabsdet: NDArray;
}

/**
 * Sign and natural logarithm of the determinant, without overflow (`?getrf`).
 *
 * @param a A matrix `(..., m, m)`.
 * @param options `errors`, `precision`, `out` (two arrays), `dtype`.
 * @returns `{ sign, logabsdet }`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { slogdet } from "./det.ts";
 * const { sign, logabsdet } = slogdet([[1, 2], [3, 4]]);
 * assert.equal(sign.item(), -1);
 * assert.ok(Math.abs((logabsdet.item() as number) - Math.log(2)) < 1e-12);
 * ```
 */
export function slogdet(a: ArrayLike, options?: GufuncOptions): SlogdetResult {
  checkOptions(options, "slogdet", SLOGDET_KEYS);
  const arr = arrayArg(a, 0, "slogdet");
  assertStackedSquare(arr, "slogdet");
  const [sign, logabsdet] = runGufunc(SLOGDET, [arr], options);
  return { sign, logabsdet };
}

// What linalg.async and createPool may run (./_registry.ts).
register(det, "det", 1, DET_KEYS, { pool: true });
register(slogdet, "slogdet", 1, SLOGDET_KEYS);
