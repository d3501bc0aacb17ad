/**
 * scipy.linalg's functions over the SVD, on stacks: `polar`, `nullSpace`, `orth` and
 * `subspaceAngles`. Each is a few steps over `svd` (`?gesdd`) and `matmul` (`?gemm`), as in
 * scipy 1.10.
 *
 * @module
 */
import type { FloatArray } from "../dtype.ts";
import { floatsPerItem, isSingle } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { describeValue } from "../_describe.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import {
  arrayArg,
  assertStacked2d,
  BATCH_KEYS,
  batchOf,
  checkOptions,
  optionKeys,
} from "./_util.ts";
import { svd, svdvals } from "./svd.ts";
import { matmul } from "./products.ts";
import { ALL, coreDim } from "./_scipy.ts";

// (k,n),(k) -> (k,n): row i times s[i] (s real; its imaginary part, if any, is zero).
const scaleRowsKernel: KernelFactory = ({ dims: { k, n }, dtype }) => {
  const f = floatsPerItem(dtype);
  return ([x, s, out]: FloatArray[]) => {
    for (let i = 0; i < k; i++) {
      const c = s[i * f];
      for (let j = 0; j < n * f; j++) out[i * n * f + j] = x[i * n * f + j] * c;
    }
    return 0;
  };
};
const SCALE_ROWS: GufuncSpec = {
  name: "polar",
  signature: "(k,n),(k)->(k,n)",
  layouts: "CFC",
  kernels: ALL(scaleRowsKernel),
};

// (m,n),(r),(c) -> (r,c): the conjugate transpose of the block of rows first..first+c-1 and
// columns 0..r-1.
const adjointKernel = (first: number): KernelFactory => ({ dims: { m, n, r, c }, dtype }) => {
  const f = floatsPerItem(dtype);
  void m;
  return ([x, , , out]: FloatArray[]) => {
    // x is C order (m x n); out is C order (r x c): out[i, j] = conj(x[first + j, i]).
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) {
        const p = ((first + j) * n + i) * f;
        const q = (i * c + j) * f;
        out[q] = x[p];
        if (f === 2) out[q + 1] = -x[p + 1];
      }
    }
    return 0;
  };
};
const adjointSpecs = new Map<number, GufuncSpec>();
/** `x[..., first:first+c, :r]` conjugate-transposed, as a new C-order array. */
function adjoint(x: NDArray, first: number, c: number, r: number): NDArray {
  let s = adjointSpecs.get(first);
  if (s === undefined) {
    s = {
      name: "adjoint",
      signature: "(m,n),(r),(c)->(r,c)",
      layouts: "CFFC",
      kernels: ALL(adjointKernel(first)),
    };
    adjointSpecs.set(first, s);
  }
  const d = x.dtype;
  return runGufunc(s, [x, coreDim(r, d), coreDim(c, d)], {
    precision: "single",
  })[0];
}

/** The conjugate transpose of every matrix of a stack. */
function adj(x: NDArray): NDArray {
  const m = x.shape[x.ndim - 2];
  const n = x.shape[x.ndim - 1];
  return adjoint(x, 0, m, n);
}

/** The options of `polar`. */
export const POLAR_KEYS: OptionKeys = optionKeys("side", ...BATCH_KEYS);

/** Options of `polar`. */
export interface PolarOptions extends BatchOptions {
  /** "right" (default): `a = u p`; "left": `a = p u`. */
  side?: "right" | "left";
}

/** The result of `polar`. */
export interface PolarResult {
  /** `(..., m, n)`: orthonormal columns (m >= n) or rows (m < n). */
  u: NDArray;
  /** `(..., n, n)` ("right") or `(..., m, m)` ("left"): Hermitian positive semidefinite. */
  p: NDArray;
}

/**
 * The polar decomposition `a = u p` (or `p u` with `side: "left"`) of a matrix or of each
 * matrix of a stack (scipy's `polar`): from the SVD `a = W S Vh`, `u = W Vh` and
 * `p = Vhᴴ S Vh` (right) or `W S Wᴴ` (left).
 *
 * @param a A matrix `(..., m, n)`.
 * @param options `side`, `errors`, `precision`.
 * @returns `{ u, p }`.
 * @throws {LinAlgError} "SVD did not converge".
 *
 * @example u p = a
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { u, p } = linalg.polar([[1, -1], [2, 4]]);
 * const back = linalg.matmul(u, p).toArray() as number[][];
 * assert.deepEqual(back.map((r) => r.map((v) => Math.round(v * 1e12) / 1e12)), [[1, -1], [2, 4]]);
 * ```
 */
export function polar(a: ArrayLike, options?: PolarOptions): PolarResult {
  checkOptions(options, "polar", POLAR_KEYS);
  const side = options?.side ?? "right";
  if (side !== "right" && side !== "left") {
    throw new TypeError(
      `Invalid side for polar(): expected "right" or "left", got ${describeValue(side)}`,
    );
  }
  const A = arrayArg(a, 0, "polar");
  assertStacked2d(A, "polar");
  const batch = batchOf(options);
  const { U: w, S: s, Vh: vh } = svd(A, { ...batch, fullMatrices: false });
  const u = matmul(w, vh);
  const p = side === "right"
    ? matmul(adj(vh), runGufunc(SCALE_ROWS, [vh, s], { precision: "single" })[0])
    : matmul(w, runGufunc(SCALE_ROWS, [adj(w), s], { precision: "single" })[0]);
  return { u, p };
}

/** The options of `nullSpace` and `orth`. */
export const NULL_SPACE_KEYS: OptionKeys = optionKeys("rcond", ...BATCH_KEYS);
export const ORTH_KEYS: OptionKeys = NULL_SPACE_KEYS;

/** Options of `nullSpace` and `orth`. */
export interface RcondOptions extends BatchOptions {
  /**
   * Singular values below `rcond * max(S)` count as zero; default `eps * max(m, n)` with the
   * input's precision's eps.
   */
  rcond?: number;
}

/** The number of singular values above the cutoff, the same for every matrix of the stack. */
function rankOf(S: NDArray, m: number, n: number, rcond: number | undefined, name: string): number {
  const eps = isSingle(S.dtype) ? 2 ** -23 : 2 ** -52;
  const rc = rcond ?? eps * Math.max(m, n);
  if (typeof rc !== "number" || Number.isNaN(rc)) {
    throw new TypeError(`Invalid rcond for ${name}(): expected a number, got ${describeValue(rc)}`);
  }
  const s = S.copy().data;
  const k = Math.min(m, n);
  const items = k === 0 ? 0 : s.length / k;
  let rank = -1;
  for (let it = 0; it < items; it++) {
    let mx = 0;
    for (let i = 0; i < k; i++) mx = Math.max(mx, s[it * k + i]);
    let r = 0;
    for (let i = 0; i < k; i++) if (s[it * k + i] > mx * rc) r++;
    if (rank >= 0 && r !== rank) {
      throw new RangeError(
        `Invalid stack for ${name}(): every matrix needs the same rank, item 0 has rank ${rank}, item ${it} has rank ${r}`,
      );
    }
    rank = r;
  }
  return Math.max(rank, 0);
}

/**
 * An orthonormal basis of the null space of a matrix, or of each matrix of a stack (scipy's
 * `null_space`): the right singular vectors whose singular values are below
 * `rcond * max(S)`. The basis is unique only up to a unitary change of basis (signs, for
 * distinct singular values), as scipy's. A stack's matrices must share their rank.
 *
 * @param a A matrix `(..., m, n)`.
 * @param options `rcond`, `errors`, `precision`.
 * @returns `(..., n, n - rank)`.
 * @throws {RangeError} For a stack whose matrices have different ranks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const z = linalg.nullSpace([[1, 1], [1, 1]]);
 * assert.deepEqual(z.shape, [2, 1]);
 * const v = z.toArray() as number[][];
 * assert.ok(Math.abs(v[0][0] + v[1][0]) < 1e-12 && Math.abs(Math.abs(v[0][0]) - Math.SQRT1_2) < 1e-12);
 * ```
 */
export function nullSpace(a: ArrayLike, options?: RcondOptions): NDArray {
  checkOptions(options, "nullSpace", NULL_SPACE_KEYS);
  const A = arrayArg(a, 0, "nullSpace");
  assertStacked2d(A, "nullSpace");
  const m = A.shape[A.ndim - 2];
  const n = A.shape[A.ndim - 1];
  const { S, Vh } = svd(A, { ...batchOf(options), fullMatrices: true });
  const rank = rankOf(S, m, n, options?.rcond, "nullSpace");
  return adjoint(Vh, rank, n - rank, n);
}

/**
 * An orthonormal basis of the range of a matrix, or of each matrix of a stack (scipy's
 * `orth`): the left singular vectors whose singular values are above `rcond * max(S)`. A
 * stack's matrices must share their rank.
 *
 * @param a A matrix `(..., m, n)`.
 * @param options `rcond`, `errors`, `precision`.
 * @returns `(..., m, rank)`.
 * @throws {RangeError} For a stack whose matrices have different ranks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const q = linalg.orth([[1, 1], [1, 1]]);
 * assert.deepEqual(q.shape, [2, 1]);
 * ```
 */
export function orth(a: ArrayLike, options?: RcondOptions): NDArray {
  checkOptions(options, "orth", ORTH_KEYS);
  const A = arrayArg(a, 0, "orth");
  assertStacked2d(A, "orth");
  const m = A.shape[A.ndim - 2];
  const n = A.shape[A.ndim - 1];
  const { U, S } = svd(A, { ...batchOf(options), fullMatrices: false });
  const rank = rankOf(S, m, n, options?.rcond, "orth");
  // The first `rank` columns of U: the adjoint of the adjoint's first rows.
  return adjoint(adjoint(U, 0, m, Math.min(m, n)), 0, rank, m);
}

/** The options of `subspaceAngles`: the batch policy. */
export const SUBSPACE_ANGLES_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);

/**
 * The principal angles between the column spaces of two matrices, or of each pair of a
 * broadcast stack (scipy's `subspace_angles`, by Knyazev and Argentati's method: cosines from
 * the SVD of `QAᴴ QB`, sines for the small angles from the SVD of the residual).
 *
 * @param a A matrix `(..., m, p)`.
 * @param b A matrix `(..., m, q)`.
 * @param options `errors`, `precision`.
 * @returns The angles in radians, largest first, `(..., min(rank a, rank b))` (real dtype).
 *
 * @example Two planes in R^3 that share a line
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const t = linalg.subspaceAngles([[1, 0], [0, 1], [0, 0]], [[1, 0], [0, 1], [0, 1]]).toArray();
 * assert.deepEqual(t.map((x: number) => Math.round(x * 1e12) / 1e12), [Math.round(Math.PI / 4 * 1e12) / 1e12, 0]);
 * ```
 */
export function subspaceAngles(a: ArrayLike, b: ArrayLike, options?: BatchOptions): NDArray {
  checkOptions(options, "subspaceAngles", SUBSPACE_ANGLES_KEYS);
  const A = arrayArg(a, 0, "subspaceAngles");
  const B = arrayArg(b, 1, "subspaceAngles");
  assertStacked2d(A, "subspaceAngles");
  assertStacked2d(B, "subspaceAngles");
  if (A.shape[A.ndim - 2] !== B.shape[B.ndim - 2]) {
    throw new RangeError(
      `Invalid operands for subspaceAngles(): a has ${A.shape[A.ndim - 2]} rows, b has ${
        B.shape[B.ndim - 2]
      }`,
    );
  }
  const batch = batchOf(options);
  const QA = orth(A, batch);
  const QB = orth(B, batch);
  const ra = QA.shape[QA.ndim - 1];
  const rb = QB.shape[QB.ndim - 1];
  const QAhQB = matmul(adj(QA), QB);
  const sigma = svdvals(QAhQB, batch);
  const R = ra >= rb ? subtract(QB, matmul(QA, QAhQB)) : subtract(QA, matmul(QB, adj(QAhQB)));
  const k = Math.min(ra, rb);
  const mu = svdvals(R, batch);
  // theta[i] = asin(mu[i]) where sigma[i]^2 >= 1/2, else acos(sigma[k-1-i]) (scipy's order).
  const sg = sigma.copy();
  const mv = mu.copy();
  const out = sg.copy();
  const items = k === 0 ? 0 : sg.size / k;
  const kmu = mv.shape[mv.ndim - 1];
  const clip = (x: number) => Math.min(1, Math.max(-1, x));
  for (let it = 0; it < items; it++) {
    for (let i = 0; i < k; i++) {
      const s = sg.data[it * k + i];
      out.data[it * k + i] = s * s >= 0.5
        ? Math.asin(clip(mv.data[it * kmu + i]))
        : Math.acos(clip(sg.data[it * k + k - 1 - i]));
    }
  }
  return out;
}

// x - y for two stacks of the same shape (broadcast), through a tiny gufunc.
const subKernel: KernelFactory = ({ dims: { m, n }, dtype }) => {
  const len = m * n * floatsPerItem(dtype);
  return ([x, y, out]: FloatArray[]) => {
    for (let i = 0; i < len; i++) out[i] = x[i] - y[i];
    return 0;
  };
};
const SUB: GufuncSpec = {
  name: "subspaceAngles",
  signature: "(m,n),(m,n)->(m,n)",
  layouts: "CCC",
  kernels: ALL(subKernel),
};
function subtract(x: NDArray, y: NDArray): NDArray {
  return runGufunc(SUB, [x, y])[0];
}
