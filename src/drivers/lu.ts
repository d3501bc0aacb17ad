/**
 * The LU driver: `?getrf` (factor with partial pivoting), `?getrs` (solve with the factors),
 * `?getri` (inverse from the factors). Used by `inv`, `solve`, `det` and `slogdet`.
 *
 * One plan per gufunc call: the pivot array, and for `inverse` the `?getri` workspace query
 * (at least LAPACK's documented minimum N); the plan's functions allocate nothing.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex } from "../dtype.ts";
import { nanPivotBefore } from "../linalg/_util.ts";
import { intArray, intStride, routine } from "../../ffi/backend.ts";
import { typeLetter, workspace } from "./_plan.ts";

/**
 * The `info` of `factor` for a zero pivot after a NaN one: ATLAS's getrf takes a NaN pivot
 * without scaling its column, so `[[NaN, 1], [1, 1]]` looks singular there, where OpenBLAS,
 * MKL and reference LAPACK carry the NaN through and numpy answers NaN. Callers answer NaN.
 */
export const NAN_PIVOT = -(2 ** 30);

/** What a positive `info` of `?getrf` means: U(info, info) is exactly zero. */
export const luSingular = (info: number): string =>
  `Singular matrix: U[${info - 1},${info - 1}] is exactly zero`;

/** An LU plan for n x n column-major matrices (leading dimension max(1, n)). */
export interface LuPlan {
  /** The pivots of the last `factor`: LAPACK integers, `stride` Int32 words each. */
  readonly ipiv: Int32Array;
  /** Int32 words per pivot (2 on ILP64 libraries). */
  readonly stride: 1 | 2;
  /**
   * `?getrf` in place; returns info: > 0, U(info, info) is exactly zero (`luSingular`);
   * NAN_PIVOT, a NaN on U's diagonal before that zero (the answer is NaN, not an error).
   */
  factor(a: FloatArray): number;
  /** `?getrs` with the last factors: solves op(A) X = B for `nrhs` columns of `b` in place. */
  solve(trans: "N" | "T" | "C", a: FloatArray, b: FloatArray, nrhs: number): number;
  /** `?getri` with the last factors: the inverse over `a` (needs `inverse` in the plan). */
  invert(a: FloatArray): number;
  /** How many rows the last `factor` swapped: the sign of det(P) is (-1)^swaps. */
  swaps(): number;
}

/** Plans LU on n x n matrices; `inverse` also plans `?getri`'s workspace. */
export function luPlan(n: number, dtype: DType, inverse = false): LuPlan {
  const t = typeLetter(dtype);
  const getrf = routine(`${t}getrf`);
  const getrs = routine(`${t}getrs`);
  const ld = Math.max(1, n);
  const ipiv = intArray(n);
  const stride = intStride();
  const complex = isComplex(dtype);
  let work: FloatArray | undefined;
  let nwork = 0;
  let getri: ReturnType<typeof routine<`${typeof t}getri`>> | undefined;
  if (inverse) {
    getri = routine(`${t}getri`);
    const q = allocData(dtype, 1);
    getri(n, allocData(dtype, 1), ld, ipiv, q, -1);
    nwork = workspace(q, n);
    work = allocData(dtype, nwork);
  }
  return {
    ipiv,
    stride,
    factor: (a) => {
      const info = getrf(n, n, a, ld, ipiv);
      return info > 0 && nanPivotBefore(a, ld, info, complex) ? NAN_PIVOT : info;
    },
    solve: (trans, a, b, nrhs) => getrs(trans, n, nrhs, a, ld, ipiv, b, ld),
    invert: (a) => getri!(n, a, ld, ipiv, work!, nwork),
    swaps: () => {
      let k = 0;
      for (let i = 0; i < n; i++) if (ipiv[i * stride] !== i + 1) k++;
      return k;
    },
  };
}
