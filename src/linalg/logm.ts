/**
 * scipy.linalg's `logm` on stacks: the principal matrix logarithm by the inverse scaling and
 * squaring algorithm of Al-Mohy and Higham (2012, Algorithm 4.1), as scipy 1.10 runs it
 * (`scipy/linalg/_matfuncs_inv_ssq.py`):
 *
 * 1. A = Z T Zᴴ, T upper triangular (`?gees`; a real Schur form with 2 x 2 blocks is made
 *    complex by `rsf2csf`); an upper triangular A is its own T (Z = I).
 * 2. T is replaced by T^(1/2^s): square roots (`sqrtTriuInPlace`) until the spectrum is near 1,
 *    then more while the bounds α_p = ‖(T - I)^p‖₁^(1/p) are above the θ_m of the paper's
 *    Table 2.1 for every degree m ≤ 7 worth the cost.
 * 3. R = T - I, whose diagonal and first superdiagonal are recomputed from T₀'s entries without
 *    cancellation (Al-Mohy's Briggs helper for a^(1/2^s) - 1, Higham and Lin's formula for the
 *    superdiagonal of a fractional power), when the principal branch exists at T₀.
 * 4. 2^s r_m(R), r_m the degree-m Padé approximant of log(1 + x), by its partial fractions:
 *    Σ_k α_k (I + β_k R)⁻¹ R over the Gauss–Legendre nodes β_k and weights α_k on [0, 1]
 *    (`?trtrs`).
 * 5. The diagonal is log(T₀[j,j]) and the first superdiagonal Higham's formula (11.28) with the
 *    unwinding number, then X = Z U Zᴴ (`?gemm`).
 *
 * scipy estimates ‖(T - I)^p‖₁ (`onenormest`, randomized for n > 2); here the norms are exact,
 * which can pick another s or m on rare inputs (the result agrees to rounding).
 *
 * References: A. H. Al-Mohy and N. J. Higham, "Improved inverse scaling and squaring algorithms
 * for the matrix logarithm", SIAM J. Sci. Comput. 34(4):C153-C169, 2012, doi:10.1137/110852553;
 * A. H. Al-Mohy, "A more accurate Briggs method for the logarithm", Numer. Algorithms
 * 59:393-402, 2012; N. J. Higham and L. Lin, "A Schur-Padé algorithm for fractional powers of
 * a matrix", SIAM J. Matrix Anal. Appl. 32(3):1056-1078, 2011; N. J. Higham, "Functions of
 * Matrices: Theory and Computation", SIAM, 2008, §11.
 *
 * @module
 */
import type { FloatArray } from "../dtype.ts";
import { allocData, complexDType, isComplex } from "../dtype.ts";
import type { NDArray } from "../ndarray.ts";
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
import {
  abs,
  add,
  atanh,
  div,
  exp,
  log,
  mul,
  type Pair,
  PI,
  pow,
  same,
  scale,
  sinh,
  sqrt,
  sub,
  unwind,
} from "./_complex.ts";
import { register } from "./_registry.ts";
import { ALL } from "./_scipy.ts";
import { allFinite, rsf2csfInPlace } from "./schur.ts";
import { realPart, sqrtTriuInPlace } from "./sqrtm.ts";

// --- complex scalars (the O(n) parts: diagonal and first superdiagonal) ------------------------

/** a^(1/2^k) - 1 without subtractive cancellation (Al-Mohy 2012, Algorithm 2). */
function briggs(a: Pair, k: number): Pair {
  if (k === 0) return [a[0] - 1, a[1]];
  if (k === 1) return sub(sqrt(a), [1, 0]);
  let kh = k;
  if (Math.atan2(a[1], a[0]) >= PI / 2) {
    a = sqrt(a);
    kh = k - 1;
  }
  const z0: Pair = [a[0] - 1, a[1]];
  a = sqrt(a);
  let r: Pair = [1 + a[0], a[1]];
  for (let j = 1; j < kh; j++) {
    a = sqrt(a);
    r = mul(r, [1 + a[0], a[1]]);
  }
  return div(z0, r);
}

/** The (1,2) entry of [[l1, t12], [0, l2]]^p (Higham and Lin 2011, eqs. 5.5-5.6). */
function powerSuperdiag(l1: Pair, l2: Pair, t12: Pair, p: number): Pair {
  if (same(l1, l2)) return mul(t12, scale(pow(l1, p - 1), p));
  const d = sub(l2, l1);
  if (abs(d) > abs(add(l1, l2)) / 2) return div(mul(t12, sub(pow(l2, p), pow(l1, p))), d);
  const z = div(d, add(l1, l2));
  const lg1 = log(l1), lg2 = log(l2);
  const a = mul(t12, exp(scale(add(lg2, lg1), p / 2)));
  const u = unwind(sub(lg2, lg1));
  const b = scale(u === 0 ? atanh(z) : add(atanh(z), [0, PI * u]), p);
  return mul(a, div(scale(sinh(b), 2), d));
}

/** The (1,2) entry of log([[l1, t12], [0, l2]]) (Higham 2008, eq. 11.28, as scipy's). */
function logSuperdiag(l1: Pair, l2: Pair, t12: Pair): Pair {
  if (same(l1, l2)) return div(t12, l1);
  const d = sub(l2, l1);
  if (abs(d) > abs(add(l1, l2)) / 2) return div(mul(t12, sub(log(l2), log(l1))), d);
  const z = div(d, add(l1, l2));
  const u = unwind(sub(log(l2), log(l1)));
  const f = u === 0 ? atanh(z) : add(atanh(z), [0, PI * u]);
  return div(mul(t12, scale(f, 2)), d);
}

// --- the Padé approximant ---------------------------------------------------------------------

/** θ_m for m = 1..7 (Al-Mohy and Higham 2012, Table 2.1; index 0 unused). */
const THETA = [0, 1.59e-5, 2.31e-3, 1.94e-2, 6.21e-2, 1.28e-1, 2.06e-1, 2.88e-1];

/** Gauss–Legendre nodes and weights of degree m, moved from [-1, 1] to [0, 1]. */
function gaussLegendre(m: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [], weights: number[] = [];
  for (let i = 0; i < m; i++) {
    let x = Math.cos((PI * (i + 0.75)) / (m + 0.5));
    let dp = 1;
    for (let it = 0; it < 100; it++) {
      let p0 = 1, p1 = x;
      for (let k = 2; k <= m; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      dp = m === 1 ? 1 : (m * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) <= 1e-17) break;
    }
    nodes.push(0.5 + 0.5 * x);
    weights.push(1 / ((1 - x * x) * dp * dp));
  }
  return { nodes, weights };
}

const GAUSS = THETA.map((_, m) => gaussLegendre(m));

// --- the kernel -------------------------------------------------------------------------------

const NOT_FINITE = 1, NO_SCHUR = 2, SINGULAR = 3, NO_ROOT = 4, NO_CONVERGENCE = 5;

/** The largest number of square roots taken before giving up (NaN or overflow in the norms). */
const MAX_ROOTS = 100;

/** Buffers: A (computation dtype), X (complex). */
const logmKernel: KernelFactory = ({ dims: { m }, dtype }) => {
  const cx = complexDType(dtype);
  const eps = dtype === "float32" || dtype === "complex64" ? 2 ** -23 : 2 ** -52;
  const gees = geesPlan(m, dtype);
  const gemm = routine(`${letter(cx)}gemm`);
  const trtrs = routine(`${letter(cx)}trtrs`);
  const nn = m * m, ld = Math.max(1, m);
  const z = allocData(dtype, nn);
  const [t, t0, zc, r, p1, p2, w, b] = Array.from({ length: 8 }, () => allocData(cx, nn));
  const diag = new Float64Array(2 * m);
  const one = allocData(cx, 1), zero = allocData(cx, 1);
  one[0] = 1;
  const at = (x: FloatArray, i: number, j: number): Pair => [
    x[2 * (j * m + i)],
    x[2 * (j * m + i) + 1],
  ];
  const put = (x: FloatArray, i: number, j: number, v: Pair) => {
    x[2 * (j * m + i)] = v[0];
    x[2 * (j * m + i) + 1] = v[1];
  };

  // ‖(T - I)^p‖₁^(1/p) for the current T: powers kept, multiplied on as p grows.
  let power = 0, cur = r;
  const resetPowers = () => {
    r.set(t);
    for (let j = 0; j < m; j++) r[2 * (j * m + j)] -= 1;
    power = 1;
    cur = r;
  };
  const alpha = (p: number): number => {
    while (power < p) {
      const next = cur === p1 ? p2 : p1;
      gemm("N", "N", m, m, m, one, cur, ld, r, ld, zero, next, ld);
      cur = next;
      power++;
    }
    let norm = 0;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let i = 0; i <= j; i++) s += Math.hypot(cur[2 * (j * m + i)], cur[2 * (j * m + i) + 1]);
      if (!(s <= norm)) norm = s;
    }
    return norm ** (1 / p);
  };

  /** T := T^(1/2) (and the powers start again); false if there is no square root. */
  const root = (): boolean => {
    if (!sqrtTriuInPlace(t, m)) return false;
    resetPowers();
    return true;
  };

  /** U = log(T) for the upper triangular T in `t`, into `b`; returns a failure code or 0. */
  function logmTriu(): number {
    t0.set(t);
    // s0: the square roots that bring every eigenvalue within θ_7 of 1.
    let s0 = 0;
    for (let j = 0; j < m; j++) {
      diag[2 * j] = t[2 * (j * m + j)];
      diag[2 * j + 1] = t[2 * (j * m + j) + 1];
    }
    for (;;) {
      let far = 0;
      for (let j = 0; j < m; j++) far = Math.max(far, Math.hypot(diag[2 * j] - 1, diag[2 * j + 1]));
      if (!(far > THETA[7])) break;
      if (++s0 > MAX_ROOTS) return NO_CONVERGENCE;
      for (let j = 0; j < m; j++) {
        const q = sqrt([diag[2 * j], diag[2 * j + 1]]);
        diag[2 * j] = q[0];
        diag[2 * j + 1] = q[1];
      }
    }
    for (let i = 0; i < s0; i++) if (!sqrtTriuInPlace(t, m)) return NO_ROOT;
    resetPowers();
    // The degree m and more square roots (lines 3-34 of the paper's Algorithm 4.1).
    let s = s0, k = 0, deg = 0;
    let d3 = alpha(3);
    const a2 = Math.max(alpha(2), d3);
    if (a2 <= THETA[1]) deg = 1;
    else if (a2 <= THETA[2]) deg = 2;
    while (deg === 0) {
      if (s > MAX_ROOTS) return NO_CONVERGENCE;
      if (s > s0) d3 = alpha(3);
      const d4 = alpha(4);
      const a3 = Math.max(d3, d4);
      if (a3 <= THETA[7]) {
        let j1 = 3;
        while (a3 > THETA[j1]) j1++;
        if (j1 <= 6) {
          deg = j1;
          break;
        }
        if (a3 / 2 <= THETA[5] && k < 2) {
          k++;
          if (!root()) return NO_ROOT;
          s++;
          continue;
        }
      }
      const eta = Math.min(a3, Math.max(d4, alpha(5)));
      if (eta <= THETA[6]) deg = 6;
      else if (eta <= THETA[7]) deg = 7;
      else {
        if (!root()) return NO_ROOT;
        s++;
      }
    }
    // R = T - I is in `r`; its diagonal and superdiagonal again from T₀ if the branch exists.
    let principal = true;
    for (let j = 0; j < m; j++) {
      if (!(t0[2 * (j * m + j)] > 0 || t0[2 * (j * m + j) + 1] !== 0)) principal = false;
    }
    if (principal) {
      for (let j = 0; j < m; j++) put(r, j, j, briggs(at(t0, j, j), s));
      const p = 2 ** -s;
      for (let j = 0; j + 1 < m; j++) {
        put(r, j, j + 1, powerSuperdiag(at(t0, j, j), at(t0, j + 1, j + 1), at(t0, j, j + 1), p));
      }
    }
    // U = 2^s Σ α_k (I + β_k R)⁻¹ R, accumulated in p1.
    const { nodes, weights } = GAUSS[deg];
    p1.fill(0);
    for (let q = 0; q < deg; q++) {
      const beta = nodes[q], wq = weights[q];
      for (let i = 0; i < 2 * nn; i++) {
        w[i] = beta * r[i];
        b[i] = wq * r[i];
      }
      for (let j = 0; j < m; j++) w[2 * (j * m + j)] += 1;
      if (trtrs("U", "N", "N", m, m, w, ld, b, ld) !== 0) return NO_ROOT;
      for (let i = 0; i < 2 * nn; i++) p1[i] += b[i];
    }
    const f = 2 ** s;
    for (let i = 0; i < 2 * nn; i++) b[i] = f * p1[i];
    if (principal) {
      for (let j = 0; j < m; j++) put(b, j, j, log(at(t0, j, j)));
      for (let j = 0; j + 1 < m; j++) {
        put(b, j, j + 1, logSuperdiag(at(t0, j, j), at(t0, j + 1, j + 1), at(t0, j, j + 1)));
      }
    }
    return 0;
  }

  return ([a, x]) => {
    if (!allFinite(a)) return NOT_FINITE;
    if (m === 0) return 0;
    const f = isComplex(dtype) ? 2 : 1;
    let triangular = true;
    for (let j = 0; j < m && triangular; j++) {
      for (let i = (j + 1) * f; i < m * f; i++) {
        if (a[j * m * f + i] !== 0) {
          triangular = false;
          break;
        }
      }
    }
    if (!triangular && gees(a, z) !== 0) return NO_SCHUR;
    if (f === 2) {
      t.set(a);
      if (!triangular) zc.set(z);
    } else {
      t.fill(0);
      for (let i = 0; i < nn; i++) t[2 * i] = a[i];
      if (!triangular) {
        zc.fill(0);
        for (let i = 0; i < nn; i++) zc[2 * i] = z[i];
        let blocks = false;
        for (let j = 0; j + 1 < m; j++) if (a[j * m + j + 1] !== 0) blocks = true;
        if (blocks) rsf2csfInPlace(t, zc, m, eps);
      }
    }
    for (let j = 0; j < m; j++) {
      if (t[2 * (j * m + j)] === 0 && t[2 * (j * m + j) + 1] === 0) return SINGULAR;
    }
    const info = logmTriu();
    if (info !== 0) return info;
    if (triangular) x.set(b);
    else {
      gemm("N", "N", m, m, m, one, zc, ld, b, ld, zero, p2, ld);
      gemm("N", "C", m, m, m, one, p2, ld, zc, ld, zero, x, ld);
    }
    return 0;
  };
};

const LOGM: GufuncSpec = {
  name: "logm",
  signature: "(m,m)->(m,m)",
  outDTypes: [complexDType],
  kernels: ALL(logmKernel),
  failure: (info) =>
    info === NOT_FINITE
      ? "Array must not contain infs or NaNs"
      : info === NO_SCHUR
      ? "Schur form not found. Possibly ill-conditioned."
      : info === SINGULAR
      ? "The logm input matrix is exactly singular: a zero eigenvalue has no logarithm"
      : info === NO_ROOT
      ? "Failed to find a square root: a square root of the triangular factor does not exist"
      : "Failed to find the matrix logarithm: the square roots did not approach the identity",
};

/** The options of `logm`. */
export const LOGM_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);

/**
 * scipy's `_maybe_real`: whether every imaginary part is within scipy's tolerance of zero
 * (1e6 eps for a double result, 1e3 eps for a single one; NaN is not).
 */
function nearlyReal(x: NDArray): boolean {
  const d = x.data;
  const tol = x.dtype === "complex64" ? 1e3 * 2 ** -23 : 1e6 * 2 ** -52;
  for (let i = 1; i < d.length; i += 2) if (!(Math.abs(d[i]) <= tol)) return false;
  return true;
}

/**
 * The principal logarithm of a matrix or of each matrix of a stack (scipy's `linalg.logm`), by
 * the inverse scaling and squaring algorithm of Al-Mohy and Higham (SIAM J. Sci. Comput.
 * 34(4):C153-C169, 2012, Algorithm 4.1) on the complex Schur form, as scipy 1.10: square roots
 * of the triangular factor, a Padé approximant of degree ≤ 7 evaluated by partial fractions at
 * the Gauss–Legendre nodes, and the diagonal and first superdiagonal recomputed from the
 * eigenvalues. expm(logm(A)) = A. Eigenvalues on the negative real axis take the logarithm
 * with imaginary part +π, as scipy's.
 *
 * Result dtype, as scipy's: for real input, a real result when every imaginary part of the
 * complex result is within 1e6 ε of zero (scipy's `_maybe_real`; for the whole stack), else
 * complex (negative real eigenvalues). float32 stays single (float32 or complex64), as does
 * complex64 (scipy 1.10 returns complex128 for it); float32 is computed in double unless
 * `precision: "single"`. An empty (0 x 0) matrix gives an empty result (scipy raises).
 *
 * Singular input: a matrix with an exactly zero eigenvalue (in its Schur form) has no
 * logarithm, and this raises LinAlgError where scipy warns "The logm input matrix is exactly
 * singular", moves the zero to 1e-20 and returns entries near -46; `errors: "nan"` gives NaN
 * for such items instead. A nearly singular matrix is computed without a warning, and scipy's
 * printed "logm result may be inaccurate, approximate err = ..." (‖expm(F) - A‖₁ / ‖A‖₁ ≥
 * 1000 ε) has no counterpart: compare `expm(logm(a))` with `a` to check a doubtful case.
 *
 * @param a A square matrix `(..., m, m)`.
 * @param options `errors`, `precision`.
 * @returns X with expm(X) = A, the principal logarithm.
 * @throws {LinAlgError} "The logm input matrix is exactly singular", "Array must not contain
 * infs or NaNs", "Schur form not found. Possibly ill-conditioned.", or "Last 2 dimensions of
 * the array must be square", naming the item of the stack.
 *
 * @example Logarithm of a 2 x 2 matrix, and back with expm
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const a = [[1, 3], [1, 4]];
 * const x = linalg.logm(a);
 * assert.equal(x.dtype, "float64");
 * const back = linalg.expm(x).toArray() as number[][];
 * assert.ok(back.every((row, i) => row.every((v, j) => Math.abs(v - a[i][j]) < 1e-12)));
 * // A negative eigenvalue makes the logarithm complex: log(-1) = iπ.
 * const c = linalg.logm([[-1, 0], [0, 1]]);
 * assert.equal(c.dtype, "complex128");
 * ```
 */
export function logm(a: ArrayLike, options?: BatchOptions): NDArray {
  checkOptions(options, "logm", LOGM_KEYS);
  const arr = arrayArg(a, 0, "logm");
  assertStackedSquare(arr, "logm");
  const x = runGufunc(LOGM, [arr], batchOf(options))[0];
  if (isComplex(arr.dtype) || !nearlyReal(x)) return x;
  return realPart(x);
}

register(logm, "logm", 1, LOGM_KEYS);
