/**
 * scipy.linalg's `sqrtm` on stacks, by the Schur method: A = Z T Zᴴ (`?gees`; a real Schur
 * form with 2 x 2 blocks is made triangular by `rsf2csf`), the upper triangular square root R
 * of T column by column (R[j,j] = sqrt(T[j,j]), R[i,j] = (T[i,j] - Σ R[i,k] R[k,j]) /
 * (R[i,i] + R[j,j])), then X = Z R Zᴴ (`?gemm`). scipy 1.10 runs the same recurrence in blocks
 * (Deadman, Higham and Ralha), which changes only the rounding; here it is unblocked.
 *
 * References: Å. Björck and S. Hammarling, "A Schur method for the square root of a matrix",
 * Linear Algebra Appl. 52/53:127-140, 1983; E. Deadman, N. J. Higham and R. Ralha, "Blocked
 * Schur Algorithms for Computing the Matrix Square Root", PARA 2012, LNCS 7782:171-182, 2013.
 *
 * @module
 */
import type { FloatArray } from "../dtype.ts";
import { allocData, complexDType, isComplex, realDType } from "../dtype.ts";
import { NDArray } from "../ndarray.ts";
import type { ArrayLike } from "../ndarray.ts";
import type { GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { routine } from "../../ffi/backend.ts";
import { geesPlan } from "../drivers/schur.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import {
  arrayArg,
  assertStackedSquare,
  BATCH_KEYS,
  batchOf,
  checkOptions,
  letter,
  optionKeys,
} from "./_util.ts";
import { register } from "./_registry.ts";
import { ALL } from "./_scipy.ts";
import { allFinite, rsf2csfInPlace } from "./schur.ts";

const NOT_FINITE = 1, NO_SCHUR = 2, NO_ROOT = 3;

/**
 * The principal square root R of a complex upper triangular m x m T (column-major,
 * interleaved), in place over T's upper triangle, column by column: R[j,j] = sqrt(T[j,j]),
 * R[i,j] = (T[i,j] - Σ R[i,k] R[k,j]) / (R[i,i] + R[j,j]). The strict lower triangle is not
 * read. Returns false when a denominator is zero under a nonzero numerator (no square root).
 * Shared by `sqrtm` and `logm` (whose inverse scaling takes repeated square roots).
 */
export function sqrtTriuInPlace(t: FloatArray, m: number): boolean {
  for (let j = 0; j < m; j++) {
    const d = 2 * (j * m + j);
    const re = t[d], im = t[d + 1];
    // The principal root without cancellation: the larger part from sqrt((|z| + |re|) / 2),
    // the other as im / (2 * that); a zero imaginary part keeps its sign (-1 - 0i -> -i).
    const h = Math.sqrt((Math.hypot(re, im) + Math.abs(re)) / 2);
    let sr: number, si: number;
    if (h === 0) [sr, si] = [0, 0];
    else if (re >= 0) [sr, si] = [h, im / (2 * h)];
    else [sr, si] = [Math.abs(im) / (2 * h), im < 0 || Object.is(im, -0) ? -h : h];
    t[d] = sr;
    t[d + 1] = si;
    for (let i = j - 1; i >= 0; i--) {
      let nr = t[2 * (j * m + i)], ni = t[2 * (j * m + i) + 1];
      for (let k = i + 1; k < j; k++) {
        const pr = t[2 * (k * m + i)], pi = t[2 * (k * m + i) + 1];
        const qr = t[2 * (j * m + k)], qi = t[2 * (j * m + k) + 1];
        nr -= pr * qr - pi * qi;
        ni -= pr * qi + pi * qr;
      }
      const dr = t[2 * (i * m + i)] + sr, di = t[2 * (i * m + i) + 1] + si;
      if (dr === 0 && di === 0) {
        if (nr !== 0 || ni !== 0) return false;
        t[2 * (j * m + i)] = 0;
        t[2 * (j * m + i) + 1] = 0;
        continue;
      }
      if (di === 0) {
        t[2 * (j * m + i)] = nr / dr;
        t[2 * (j * m + i) + 1] = ni / dr;
      } else {
        const den = dr * dr + di * di;
        t[2 * (j * m + i)] = (nr * dr + ni * di) / den;
        t[2 * (j * m + i) + 1] = (ni * dr - nr * di) / den;
      }
    }
  }
  return true;
}

/** Buffers: A (computation dtype), X (complex). */
const sqrtmKernel: KernelFactory = ({ dims: { m }, dtype }) => {
  const cx = complexDType(dtype);
  const eps = dtype === "float32" || dtype === "complex64" ? 2 ** -23 : 2 ** -52;
  const gees = geesPlan(m, dtype);
  const gemm = routine(`${letter(cx)}gemm`);
  const z = allocData(dtype, m * m);
  const t = allocData(cx, m * m), zc = allocData(cx, m * m), tmp = allocData(cx, m * m);
  const one = allocData(cx, 1), zero = allocData(cx, 1);
  one[0] = 1;
  const ld = Math.max(1, m);
  return ([a, x]) => {
    if (!allFinite(a)) return NOT_FINITE;
    if (m === 0) return 0;
    if (gees(a, z) !== 0) return NO_SCHUR;
    if (isComplex(dtype)) {
      t.set(a);
      zc.set(z);
    } else {
      t.fill(0);
      zc.fill(0);
      for (let i = 0; i < m * m; i++) {
        t[2 * i] = a[i];
        zc[2 * i] = z[i];
      }
      let blocks = false;
      for (let j = 0; j + 1 < m; j++) if (a[j * m + j + 1] !== 0) blocks = true;
      if (blocks) rsf2csfInPlace(t, zc, m, eps);
    }
    if (!sqrtTriuInPlace(t, m)) return NO_ROOT;
    gemm("N", "N", m, m, m, one, zc, ld, t, ld, zero, tmp, ld);
    gemm("N", "C", m, m, m, one, tmp, ld, zc, ld, zero, x, ld);
    return 0;
  };
};

const SQRTM: GufuncSpec = {
  name: "sqrtm",
  signature: "(m,m)->(m,m)",
  outDTypes: [complexDType],
  kernels: ALL(sqrtmKernel),
  failure: (info) =>
    info === NOT_FINITE
      ? "Array must not contain infs or NaNs"
      : info === NO_SCHUR
      ? "Schur form not found. Possibly ill-conditioned."
      : "Failed to find a square root",
};

/** The options of `sqrtm`. */
export const SQRTM_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);

/** Whether every imaginary part of a complex array is exactly zero. */
function allReal(w: NDArray): boolean {
  const d = w.data;
  for (let i = 1; i < d.length; i += 2) if (d[i] !== 0) return false;
  return true;
}

/**
 * The principal square root of a matrix or of each matrix of a stack (scipy's
 * `linalg.sqrtm`), by the Schur method of Björck and Hammarling (scipy 1.10 blocks it as
 * Deadman, Higham and Ralha 2013). As scipy: for real input the result is real when the
 * computation stayed real (real Schur form triangular, no negative eigenvalue; here for every
 * item of the stack), else complex. sqrtm(A) @ sqrtm(A) = A. Where scipy prints "Failed to find
 * a square root." and returns NaN (a singular matrix without a square root), this raises
 * LinAlgError; `errors: "nan"` gives scipy's NaN.
 *
 * @param a A square matrix `(..., m, m)`.
 * @param options `errors`, `precision`.
 * @returns X with X @ X = A.
 * @throws {LinAlgError} "Failed to find a square root", "Schur form not found. Possibly
 * ill-conditioned." or "Array must not contain infs or NaNs", naming the item of the stack.
 *
 * @example Square root of a 2 x 2 matrix
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const x = linalg.sqrtm([[4, 1], [0, 9]]);
 * assert.equal(x.dtype, "float64");
 * const r = x.toArray() as number[][];
 * assert.ok(Math.abs(r[0][0] - 2) < 1e-12 && Math.abs(r[0][1] - 0.2) < 1e-12);
 * ```
 */
export function sqrtm(a: ArrayLike, options?: BatchOptions): NDArray {
  checkOptions(options, "sqrtm", SQRTM_KEYS);
  const arr = arrayArg(a, 0, "sqrtm");
  assertStackedSquare(arr, "sqrtm");
  const x = runGufunc(SQRTM, [arr], batchOf(options))[0];
  if (isComplex(arr.dtype) || !allReal(x)) return x;
  return realPart(x);
}

/**
 * The real parts of a complex result as a new real array (scipy's real result of sqrtm and
 * logm, once the imaginary parts were found to be zero or negligible).
 */
export function realPart(x: NDArray): NDArray {
  const view = new NDArray(x.data, realDType(x.dtype), x.shape, x.strides.map((s) => 2 * s), 0);
  return view.copy();
}

register(sqrtm, "sqrtm", 1, SQRTM_KEYS);
