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
import { intArray, intStride, routine } from "../../ffi/backend.ts";
import type { RoutineFn } from "../../ffi/routines.ts";
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
  /** `?getrs` with the last factors: solves op(A) X = B for `nrhs` columns of `b` in place
   * (needs `use` "solve"). */
  solve(trans: "N" | "T" | "C", a: FloatArray, b: FloatArray, nrhs: number): number;
  /** `?getri` with the last factors: the inverse over `a` (needs `use` "inverse"). */
  invert(a: FloatArray): number;
  /** How many rows the last `factor` swapped: the sign of det(P) is (-1)^swaps. */
  swaps(): number;
}

type Getrf = RoutineFn<"sgetrf" | "dgetrf" | "cgetrf" | "zgetrf">;
type Getrs = RoutineFn<"sgetrs" | "dgetrs" | "cgetrs" | "zgetrs">;
type Getri = RoutineFn<"sgetri" | "dgetri" | "cgetri" | "zgetri">;

// A class, not closures: a plan is made per gufunc call (per `inv` of a small matrix), so it
// costs one object; the routines it does not need are not bound.
class Lu implements LuPlan {
  readonly ipiv: Int32Array;
  readonly stride: 1 | 2;
  readonly #n: number;
  readonly #ld: number;
  readonly #complex: boolean;
  readonly #getrf: Getrf;
  readonly #getrs: Getrs | undefined;
  readonly #getri: Getri | undefined;
  readonly #work: FloatArray | undefined;
  readonly #nwork: number;
  constructor(n: number, dtype: DType, use: "factor" | "solve" | "inverse") {
    const t = typeLetter(dtype);
    this.#n = n;
    this.#ld = Math.max(1, n);
    this.#complex = isComplex(dtype);
    this.ipiv = intArray(n);
    this.stride = intStride();
    this.#getrf = routine(`${t}getrf`);
    this.#getrs = use === "solve" ? routine(`${t}getrs`) : undefined;
    this.#nwork = 0;
    if (use === "inverse") {
      const getri = routine(`${t}getri`);
      const q = allocData(dtype, 1);
      getri(n, allocData(dtype, 1), this.#ld, this.ipiv, q, -1);
      this.#nwork = workspace(q, n);
      this.#work = allocData(dtype, this.#nwork);
      this.#getri = getri;
    }
  }
  factor(a: FloatArray): number {
    const n = this.#n, ld = this.#ld;
    const info = this.#getrf(n, n, a, ld, this.ipiv);
    return info > 0 && nanPivotBefore(a, ld, info, this.#complex) ? NAN_PIVOT : info;
  }
  solve(trans: "N" | "T" | "C", a: FloatArray, b: FloatArray, nrhs: number): number {
    return this.#getrs!(trans, this.#n, nrhs, a, this.#ld, this.ipiv, b, this.#ld);
  }
  invert(a: FloatArray): number {
    return this.#getri!(this.#n, a, this.#ld, this.ipiv, this.#work!, this.#nwork);
  }
  swaps(): number {
    let k = 0;
    for (let i = 0; i < this.#n; i++) if (this.ipiv[i * this.stride] !== i + 1) k++;
    return k;
  }
}

/**
 * Plans LU on n x n matrices: `use` "factor" (`factor`, `swaps`), "solve" (also `solve`) or
 * "inverse" (also `invert`, with `?getri`'s workspace queried once).
 */
export function luPlan(
  n: number,
  dtype: DType,
  use: "factor" | "solve" | "inverse" = "factor",
): LuPlan {
  return new Lu(n, dtype, use);
}

/**
 * Whether a `?getrf` that reported a zero pivot at `info` (1-based) passed a NaN pivot before
 * it. ATLAS's getrf takes a NaN pivot without scaling its column, so `[[NaN, 1], [1, 1]]`
 * looks singular there; OpenBLAS, MKL and reference LAPACK carry the NaN through, and numpy
 * answers NaN. Callers then answer NaN too, so every flavour agrees. Only U's diagonal before
 * the zero pivot is read: nothing is paid on the normal path.
 */
function nanPivotBefore(a: ArrayLike<number>, ld: number, info: number, complex: boolean) {
  for (let j = 0; j < info - 1; j++) {
    const k = j * (ld + 1);
    if (complex ? a[2 * k] !== a[2 * k] || a[2 * k + 1] !== a[2 * k + 1] : a[k] !== a[k]) {
      return true;
    }
  }
  return false;
}
