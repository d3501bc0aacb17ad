/**
 * scipy.linalg's Schur-type decompositions on stacks: `schur` (`?gees`), `rsf2csf` (Givens
 * rotations over the real Schur form, as scipy's) and `hessenberg` (`?gehrd` +
 * `?orghr`/`?unghr`).
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { complexDType, floatsPerItem, isComplex } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { Dims, GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { describeValue } from "../_describe.ts";
import { geesPlan, hessPlan } from "../drivers/schur.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import {
  arrayArg,
  assertStackedSquare,
  BATCH_KEYS,
  batchOf,
  checkOptions,
  optionKeys,
} from "./_util.ts";
import { register } from "./_registry.ts";
import { ALL, flag } from "./_scipy.ts";

/** Whether a block holds only finite numbers. */
export function allFinite(a: FloatArray): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] - a[i] !== 0) return false;
  return true;
}

const NOT_FINITE = "Array must not contain infs or NaNs";

// --- schur -------------------------------------------------------------------------------------

const schurKernel: KernelFactory = ({ dims: { m }, dtype }) => {
  const gees = geesPlan(m, dtype);
  // Buffers: A, T (A's scratch, in place), Z.
  return ([a, , z]) => allFinite(a) ? gees(a, z) : m + 3;
};

const schurFailure = (info: number, { m }: Dims) =>
  info === m + 3 ? NOT_FINITE : "Schur form not found. Possibly ill-conditioned.";

const SCHUR: GufuncSpec = {
  name: "schur",
  signature: "(m,m)->(m,m),(m,m)",
  inplace: [0, -1],
  kernels: ALL(schurKernel),
  failure: schurFailure,
};

/** The options of `schur`. */
export const SCHUR_KEYS: OptionKeys = optionKeys("output", ...BATCH_KEYS);

/** Options of `schur`. */
export interface SchurOptions extends BatchOptions {
  /**
   * "real" (default): for real input the real Schur form, quasi-upper-triangular with 2 x 2
   * blocks for complex-conjugate pairs; "complex": the upper triangular complex Schur form.
   * Complex input always gives the complex form.
   */
  output?: "real" | "complex";
}

/** The result of `schur`: A = Z T Zᴴ. */
export interface SchurResult {
  /** The Schur form: upper triangular (complex), or quasi-upper-triangular (real). */
  T: NDArray;
  /** The unitary (orthogonal) Schur vectors. */
  Z: NDArray;
}

function outputOf(value: unknown, name: string): "real" | "complex" {
  if (value === undefined || value === "real" || value === "r") return "real";
  if (value === "complex" || value === "c") return "complex";
  throw new TypeError(
    `Invalid output for ${name}(): expected "real" or "complex", got ${describeValue(value)}`,
  );
}

/**
 * The Schur decomposition A = Z T Zᴴ of a matrix or of each matrix of a stack (`?gees`, no
 * sorting), as scipy's `linalg.schur`. The Schur form is not unique; its diagonal (or its 1 x 1
 * and 2 x 2 blocks) holds the eigenvalues. Real input with `output: "complex"` is converted to
 * complex first, as scipy does.
 *
 * @param a A square matrix `(..., m, m)`.
 * @param options `output` ("real" or "complex"), `errors`, `precision`.
 * @returns `{ T, Z }`.
 * @throws {LinAlgError} "Schur form not found. Possibly ill-conditioned." (the QR algorithm
 * failed) or "Array must not contain infs or NaNs", naming the item of the stack.
 *
 * @example Schur form of a 2 x 2 matrix
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { T, Z } = linalg.schur([[1, 2], [0, 3]]);
 * const back = linalg.matmul(linalg.matmul(Z, T), linalg.matrixTranspose(Z)).toArray() as number[][];
 * assert.ok(Math.abs(back[0][1] - 2) < 1e-12);
 * const c = linalg.schur([[0, -1], [1, 0]], { output: "complex" });
 * assert.equal(c.T.dtype, "complex128");
 * ```
 */
export function schur(a: ArrayLike, options?: SchurOptions): SchurResult {
  checkOptions(options, "schur", SCHUR_KEYS);
  const output = outputOf(options?.output, "schur");
  const arr = arrayArg(a, 0, "schur");
  assertStackedSquare(arr, "schur");
  const batch = batchOf(options);
  const dtype: DType | undefined = output === "complex" && !isComplex(arr.dtype)
    ? complexDType(arr.dtype)
    : undefined;
  const [T, Z] = runGufunc(SCHUR, [arr], dtype === undefined ? batch : { ...batch, dtype });
  return { T, Z };
}

// --- rsf2csf -----------------------------------------------------------------------------------

/**
 * scipy's `rsf2csf` on complex copies of T and Z (column-major, m x m): for each nonzero
 * subdiagonal entry from the bottom, a Givens rotation built from the block's first eigenvalue
 * (the one of positive imaginary part, as `eigvals` orders a conjugate pair) zeroes it.
 */
const rsf2csfKernel: KernelFactory = ({ dims: { m }, dtype }) => {
  const eps = dtype === "complex64" ? 2 ** -23 : 2 ** -52;
  return ([t, z]) => {
    if (!allFinite(t) || !allFinite(z)) return 1;
    rsf2csfInPlace(t, z, m, eps);
    return 0;
  };
};

/** scipy's `rsf2csf` on complex column-major m x m T and Z, in place (`eps`: the precision). */
export function rsf2csfInPlace(t: FloatArray, z: FloatArray, m: number, eps: number): void {
  {
    const re = (i: number, j: number) => t[2 * (j * m + i)];
    const im = (i: number, j: number) => t[2 * (j * m + i) + 1];
    const abs = (i: number, j: number) => Math.hypot(re(i, j), im(i, j));
    for (let k = m - 1; k > 0; k--) {
      if (abs(k, k - 1) > eps * (abs(k - 1, k - 1) + abs(k, k))) {
        // Eigenvalues of the block [[a, b], [c, d]]: (a + d) / 2 +- sqrt(((a - d) / 2)^2 + b c).
        const ar = re(k - 1, k - 1), ai = im(k - 1, k - 1);
        const br = re(k - 1, k), bi = im(k - 1, k);
        const cr = re(k, k - 1), ci = im(k, k - 1);
        const dr = re(k, k), di = im(k, k);
        const hr = (ar - dr) / 2, hi = (ai - di) / 2;
        const pr = hr * hr - hi * hi + br * cr - bi * ci;
        const pi = 2 * hr * hi + br * ci + bi * cr;
        // Principal square root, then the root of positive imaginary part first (geev's order
        // for a real pair; for complex blocks, the first of the pair as numpy returns it).
        const mod = Math.hypot(pr, pi);
        let sr = Math.sqrt(Math.max(0, (mod + pr) / 2));
        let si = Math.sqrt(Math.max(0, (mod - pr) / 2));
        if (pi < 0) si = -si;
        if (si < 0 || (si === 0 && sr < 0)) [sr, si] = [-sr, -si];
        // mu = lambda_1 - d
        const mr = (ar + dr) / 2 + sr - dr, mi = (ai + di) / 2 + si - di;
        const r = Math.hypot(mr, mi, cr, ci);
        const gcr = mr / r, gci = mi / r; // c
        const gsr = cr / r, gsi = ci / r; // s
        // Rows k-1, k, columns k-1..m-1: G = [[conj(c), s], [-s, c]].
        for (let j = k - 1; j < m; j++) {
          const x = 2 * (j * m + k - 1), y = x + 2;
          const xr = t[x], xi = t[x + 1], yr = t[y], yi = t[y + 1];
          t[x] = gcr * xr + gci * xi + gsr * yr - gsi * yi;
          t[x + 1] = gcr * xi - gci * xr + gsr * yi + gsi * yr;
          t[y] = -(gsr * xr - gsi * xi) + gcr * yr - gci * yi;
          t[y + 1] = -(gsr * xi + gsi * xr) + gcr * yi + gci * yr;
        }
        // Columns k-1, k times G^H = [[c, -conj(s)], [conj(s), conj(c)]], on rows 0..k of T and
        // all rows of Z.
        const rot = (x: FloatArray, rows: number) => {
          for (let i = 0; i < rows; i++) {
            const p = 2 * ((k - 1) * m + i), q = 2 * (k * m + i);
            const pr2 = x[p], pi2 = x[p + 1], qr = x[q], qi = x[q + 1];
            x[p] = pr2 * gcr - pi2 * gci + qr * gsr + qi * gsi;
            x[p + 1] = pr2 * gci + pi2 * gcr + qi * gsr - qr * gsi;
            x[q] = -(pr2 * gsr + pi2 * gsi) + qr * gcr + qi * gci;
            x[q + 1] = -(pi2 * gsr - pr2 * gsi) + qi * gcr - qr * gci;
          }
        };
        rot(t, k + 1);
        rot(z, m);
      }
      t[2 * ((k - 1) * m + k)] = 0;
      t[2 * ((k - 1) * m + k) + 1] = 0;
    }
  }
}

const RSF2CSF: GufuncSpec = {
  name: "rsf2csf",
  signature: "(m,m),(m,m)->(m,m),(m,m)",
  inplace: [0, 1],
  kernels: { complex64: rsf2csfKernel, complex128: rsf2csfKernel },
  failure: () => NOT_FINITE,
};

/** The options of `rsf2csf`. */
export const RSF2CSF_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);

/**
 * Converts a real Schur form to the complex Schur form (scipy's `linalg.rsf2csf`): each 2 x 2
 * block of T is triangularized by a Givens rotation applied to T and Z, so that still
 * A = Z T Zᴴ, now with T upper triangular. Stacks broadcast.
 *
 * @param T A real Schur form `(..., m, m)`.
 * @param Z Its Schur vectors `(..., m, m)`.
 * @param options `errors`, `precision`.
 * @returns `{ T, Z }`, complex.
 * @throws {LinAlgError} "Array must not contain infs or NaNs", naming the item of the stack.
 *
 * @example From the real to the complex Schur form
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const r = linalg.schur([[0, -1], [1, 0]]);
 * const { T } = linalg.rsf2csf(r.T, r.Z);
 * const t = T.toArray() as { re: number; im: number }[][];
 * assert.equal(t[1][0].re, 0);
 * assert.ok(Math.abs(Math.abs(t[0][0].im) - 1) < 1e-12);
 * ```
 */
export function rsf2csf(T: ArrayLike, Z: ArrayLike, options?: BatchOptions): SchurResult {
  checkOptions(options, "rsf2csf", RSF2CSF_KEYS);
  const t = arrayArg(T, 0, "rsf2csf");
  const z = arrayArg(Z, 1, "rsf2csf");
  assertStackedSquare(t, "rsf2csf");
  assertStackedSquare(z, "rsf2csf");
  if (t.shape[t.ndim - 1] !== z.shape[z.ndim - 1]) {
    throw new RangeError(
      `Matrices T and Z must have the same dimensions for rsf2csf(): got ${
        t.shape[t.ndim - 1]
      } and ${z.shape[z.ndim - 1]}`,
    );
  }
  const [T2, Z2] = runGufunc(RSF2CSF, [t, z], batchOf(options));
  return { T: T2, Z: Z2 };
}

// --- hessenberg --------------------------------------------------------------------------------

const hessKernel = (calcQ: boolean): KernelFactory => ({ dims: { m }, dtype }) => {
  const plan = hessPlan(m, dtype, calcQ);
  const f = floatsPerItem(dtype);
  // Buffers: A, H (A's scratch, in place), Q.
  return ([a, , q]) => {
    if (!allFinite(a)) return 1;
    if (m > 2) {
      const info = plan.reduce(a);
      if (info !== 0) return info;
    }
    if (calcQ) {
      if (m > 2) {
        q.set(a);
        const info = plan.formQ(q);
        if (info !== 0) return info;
      } else {
        q.fill(0);
        for (let i = 0; i < m; i++) q[(i * m + i) * f] = 1;
      }
    }
    // H: zero below the first subdiagonal (scipy's triu(h, -1)).
    for (let j = 0; j < m; j++) a.fill(0, (j * m + j + 2) * f, (j + 1) * m * f);
    return 0;
  };
};

const HESS = {
  q: {
    name: "hessenberg",
    signature: "(m,m)->(m,m),(m,m)",
    inplace: [0, -1],
    kernels: ALL(hessKernel(true)),
    failure: () => NOT_FINITE,
  } as GufuncSpec,
  h: {
    name: "hessenberg",
    signature: "(m,m)->(m,m)",
    inplace: [0],
    kernels: ALL(hessKernel(false)),
    failure: () => NOT_FINITE,
  } as GufuncSpec,
};

/** The options of `hessenberg`. */
export const HESSENBERG_KEYS: OptionKeys = optionKeys("calcQ", ...BATCH_KEYS);

/** Options of `hessenberg`. */
export interface HessenbergOptions extends BatchOptions {
  /** Also compute Q (default true; scipy's `calc_q`, whose default is false). */
  calcQ?: boolean;
}

/** The result of `hessenberg`: A = Q H Qᴴ. */
export interface HessenbergResult {
  /** Upper Hessenberg: zero below the first subdiagonal. */
  H: NDArray;
  /** Unitary (orthogonal). */
  Q: NDArray;
}

/**
 * The Hessenberg decomposition A = Q H Qᴴ of a matrix or of each matrix of a stack (`?gehrd`
 * and `?orghr`/`?unghr`), as scipy's `linalg.hessenberg`. Unlike scipy, Q is computed unless
 * `calcQ` is false (then the result is `{ H }`).
 *
 * @param a A square matrix `(..., m, m)`.
 * @param options `calcQ`, `errors`, `precision`.
 * @returns `{ H, Q }`, or `{ H }` with `calcQ: false`.
 * @throws {LinAlgError} "Array must not contain infs or NaNs", naming the item of the stack.
 *
 * @example Hessenberg form of a 3 x 3 matrix
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const { H, Q } = linalg.hessenberg([[1, 2, 3], [4, 5, 6], [7, 8, 10]]);
 * assert.equal((H.toArray() as number[][])[2][0], 0);
 * const back = linalg.matmul(linalg.matmul(Q, H), linalg.matrixTranspose(Q)).toArray() as number[][];
 * assert.ok(Math.abs(back[2][2] - 10) < 1e-12);
 * ```
 */
export function hessenberg(
  a: ArrayLike,
  options?: HessenbergOptions & { calcQ?: true },
): HessenbergResult;
export function hessenberg(a: ArrayLike, options: HessenbergOptions & { calcQ: false }): {
  H: NDArray;
};
export function hessenberg(
  a: ArrayLike,
  options?: HessenbergOptions,
): HessenbergResult | { H: NDArray };
export function hessenberg(
  a: ArrayLike,
  options?: HessenbergOptions,
): HessenbergResult | { H: NDArray } {
  checkOptions(options, "hessenberg", HESSENBERG_KEYS);
  const calcQ = flag(options?.calcQ, true, "calcQ", "hessenberg");
  const arr = arrayArg(a, 0, "hessenberg");
  assertStackedSquare(arr, "hessenberg");
  const batch = batchOf(options);
  if (!calcQ) return { H: runGufunc(HESS.h, [arr], batch)[0] };
  const [H, Q] = runGufunc(HESS.q, [arr], batch);
  return { H, Q };
}

// What linalg.async and createPool may run (./_registry.ts).
register(schur, "schur", 1, SCHUR_KEYS);
register(rsf2csf, "rsf2csf", 2, RSF2CSF_KEYS);
register(hessenberg, "hessenberg", 1, HESSENBERG_KEYS);
