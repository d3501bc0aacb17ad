/**
 * scipy.linalg's `ldl` on stacks: the Bunch-Kaufman factorization A = L D Lᴴ (`?hetrf`) or
 * A = L D Lᵀ (`?sytrf`), unpacked as scipy unpacks it (`_ldl_sanitize_ipiv`,
 * `_ldl_get_d_and_l`, `_ldl_construct_tri_factor` of scipy/linalg/_decomp_ldl.py): D block
 * diagonal with 1x1 and 2x2 blocks, `lu` the row-permuted triangular factor, and `perm` the
 * row order that makes `lu[perm]` triangular.
 *
 * @module
 */
import type { DType } from "../dtype.ts";
import { floatsPerItem } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { sytrfPlan } from "../drivers/sytrf.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import {
  arrayArg,
  assertStackedSquare,
  BATCH_KEYS,
  batchOf,
  checkOptions,
  optionKeys,
} from "./_util.ts";
import { ALL, flag } from "./_scipy.ts";
import { register } from "./_registry.ts";

/** The `info` of a pivot vector scipy's parser would refuse (never seen from LAPACK). */
const BAD_IPIV = 2 ** 30;

/**
 * scipy's `_ldl_sanitize_ipiv`: from LAPACK's 1-based pivots, `swap[i]` (the row interchanged
 * with row i, 0-based) and `blocks[i]` (1: a 1x1 block at i; 2: a 2x2 block at i, i + 1, and 0
 * at i + 1). False if the pivots are not LAPACK's encoding.
 */
function sanitize(
  ipiv: Int32Array,
  st: number,
  n: number,
  lower: boolean,
  swap: Int32Array,
  blocks: Int32Array,
): boolean {
  for (let i = 0; i < n; i++) {
    swap[i] = i;
    blocks[i] = 0;
  }
  const x = lower ? 1 : -1;
  for (let s = 0; s < n; s++) {
    const i = lower ? s : n - 1 - s;
    const p = ipiv[i * st];
    if (p > 0 && p <= n) {
      swap[i] = p - 1;
      blocks[i] = 1;
    } else if (p < 0 && -p <= n && i + x >= 0 && i + x < n && ipiv[(i + x) * st] === p) {
      // 2x2 block on rows i, i + x: row i + x was interchanged with row -p (1-based)
      swap[i + x] = -p - 1;
      blocks[lower ? i : i - 1] = 2;
      s++;
    } else return false;
  }
  return true;
}

// (m,m) -> lu (m,m) in place, d (m,m), perm (m) as float64 integers.
const ldlKernel =
  (lower: boolean, hermitian: boolean): KernelFactory => ({ dims: { m }, dtype }) => {
    const n = m;
    const f = floatsPerItem(dtype);
    const cx = f === 2;
    const plan = n > 0 ? sytrfPlan(n, dtype, lower ? "L" : "U", hermitian) : undefined;
    const swap = new Int32Array(n);
    const blocks = new Int32Array(n);
    const order = new Int32Array(n);
    const at = (i: number, j: number) => (j * n + i) * f;
    return ([a, _lu, d, perm]) => {
      if (plan === undefined) return 0;
      const info = plan.factor(a);
      if (info < 0) return info;
      if (!sanitize(plan.ipiv, plan.stride, n, lower, swap, blocks)) return BAD_IPIV;
      // D: the diagonal, then each 2x2 block's off-diagonal pair (conjugated across when Hermitian)
      d.fill(0);
      for (let i = 0; i < n; i++) for (let c = 0; c < f; c++) d[at(i, i) + c] = a[at(i, i) + c];
      for (let b = 0; b < n; b++) {
        if (blocks[b] !== 2) continue;
        const [r, c] = lower ? [b + 1, b] : [b, b + 1];
        const s = at(r, c);
        d[s] = a[s];
        d[at(c, r)] = a[s];
        if (cx) {
          d[s + 1] = a[s + 1];
          d[at(c, r) + 1] = hermitian ? -a[s + 1] : a[s + 1];
        }
        a[s] = 0;
        if (cx) a[s + 1] = 0;
      }
      // The triangular factor: unit diagonal, the other triangle zero
      for (let j = 0; j < n; j++) {
        if (lower) a.fill(0, at(0, j), at(j, j));
        else a.fill(0, at(j + 1, j), (j + 1) * n * f);
        a[at(j, j)] = 1;
        if (cx) a[at(j, j) + 1] = 0;
      }
      // scipy's _ldl_construct_tri_factor: undo the interchanges on the columns they touched
      for (let i = 0; i < n; i++) order[i] = i;
      for (let s = 0; s < n; s++) {
        const i = lower ? n - 1 - s : s;
        const t = swap[i];
        if (t === i) continue;
        let c0 = lower ? i : 0;
        let c1 = lower ? n : i + 1;
        if (blocks[i] === (lower ? 0 : 2)) {
          if (lower) c0 -= 1;
          else c1 += 1;
        }
        for (let j = c0; j < c1; j++) {
          for (let c = 0; c < f; c++) {
            const u = a[at(t, j) + c];
            a[at(t, j) + c] = a[at(i, j) + c];
            a[at(i, j) + c] = u;
          }
        }
        const o = order[t];
        order[t] = order[i];
        order[i] = o;
      }
      // perm = argsort(order): order is a permutation
      for (let i = 0; i < n; i++) perm[order[i]] = i;
      return 0;
    };
  };

const FLOAT64 = (): DType => "float64";
const ldlSpec = (lower: boolean, hermitian: boolean): GufuncSpec => ({
  name: "ldl",
  signature: "(m,m)->(m,m),(m,m),(m)",
  inplace: [0, -1, -1],
  outDTypes: [(d) => d, (d) => d, FLOAT64],
  kernels: ALL(ldlKernel(lower, hermitian)),
  failure: (info) => `LDL factorization failed: ?sytrf returned invalid pivots (info ${info})`,
});
const LDL = {
  lower: { hermitian: ldlSpec(true, true), symmetric: ldlSpec(true, false) },
  upper: { hermitian: ldlSpec(false, true), symmetric: ldlSpec(false, false) },
};

/** The options of `ldl`. */
export const LDL_KEYS: OptionKeys = optionKeys("lower", "hermitian", ...BATCH_KEYS);

/** Options of `ldl`. */
export interface LdlOptions extends BatchOptions {
  /** Factor the lower triangle, A = L D Lᴴ (true, the default, as scipy), or the upper one. */
  lower?: boolean;
  /**
   * For complex input: A is Hermitian, A = L D Lᴴ (`?hetrf`; true, the default), or complex
   * symmetric, A = L D Lᵀ (`?sytrf`). Real input always uses `?sytrf`.
   */
  hermitian?: boolean;
}

/** The result of `ldl`: A = lu @ d @ luᴴ (luᵀ when complex symmetric). */
export interface LdlResult {
  /** `(..., m, m)`: the triangular factor with its rows permuted; `lu[perm]` is triangular. */
  lu: NDArray;
  /** `(..., m, m)`: block diagonal, with 1x1 and 2x2 blocks. */
  d: NDArray;
  /** `(..., m)`: int32, the row order that makes `lu` triangular (scipy's `perm`). */
  perm: NDArray;
}

/**
 * The LDLᴴ (LDLᵀ) factorization of a symmetric or Hermitian matrix, or of each matrix of a
 * stack, with Bunch-Kaufman pivoting (`?sytrf`, `?hetrf`), as scipy's `linalg.ldl`: `lu`, `d`
 * and `perm` are scipy's, for the same input.
 *
 * Only the triangle `lower` names is read. As scipy, an exactly singular D is returned, not
 * refused; unlike scipy, dlapack does not warn when a Hermitian matrix's diagonal has imaginary
 * parts (LAPACK ignores them), and does not check for NaN or infinity (they propagate).
 *
 * @param a A symmetric (Hermitian) matrix `(..., m, m)`.
 * @param options `lower`, `hermitian`, `errors`, `precision`.
 * @returns `{ lu, d, perm }`: `lu` and `d` of the input's dtype, `perm` int32.
 * @throws {LinAlgError} For a non-square input.
 *
 * @example Factor an indefinite matrix
 * ```ts
 * import assert from "node:assert/strict";
 * import { allclose, linalg } from "jsr:@dlapack/dlapack";
 * const a = [[2, -1, 3], [-1, 2, 0], [3, 0, 1]];
 * const { lu, d, perm } = linalg.ldl(a);
 * assert.equal(perm.dtype, "int32");
 * const back = linalg.matmul(linalg.matmul(lu, d), linalg.matrixTranspose(lu));
 * assert.ok(allclose(back, a));
 * ```
 */
export function ldl(a: ArrayLike, options?: LdlOptions): LdlResult {
  checkOptions(options, "ldl", LDL_KEYS);
  const lower = flag(options?.lower, true, "lower", "ldl");
  const hermitian = flag(options?.hermitian, true, "hermitian", "ldl");
  const A = arrayArg(a, 0, "ldl");
  assertStackedSquare(A, "ldl");
  const spec = LDL[lower ? "lower" : "upper"][hermitian ? "hermitian" : "symmetric"];
  const [lu, d, perm] = runGufunc(spec, [A], batchOf(options));
  return { lu, d, perm: perm.astype("int32") };
}

// What linalg.async may run (./_registry.ts).
register(ldl, "ldl", 1, LDL_KEYS);
