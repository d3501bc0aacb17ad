/**
 * Matrix functions on stacks: `expm`, by the scaling-and-squaring algorithm of Al-Mohy and
 * Higham (2009) as scipy 1.10 implements it (`scipy/linalg/_matfuncs.py` and
 * `_matfuncs_expm.pyx`): the Padé degree m in {3, 5, 7, 9, 13} and the scaling s are picked
 * from exact 1-norms of powers of A and a bound on the backward error (the `ell` function,
 * from powers of |A| applied to a vector of ones), then `(V - U) R = V + U` is solved
 * (`?gesv`) and R is squared s times (`?gemm`). Triangular matrices recompute the diagonal
 * and the first off-diagonal exactly at each squaring (Code Fragment 2.1 of the paper), a
 * diagonal matrix is exponentiated entry by entry, and a 2 x 2 matrix has a closed form.
 *
 * Reference: A. H. Al-Mohy and N. J. Higham, "A New Scaling and Squaring Algorithm for the
 * Matrix Exponential", SIAM J. Matrix Anal. Appl. 31(3):970-989, 2009, doi:10.1137/09074721X.
 *
 * @module
 */
import type { FloatArray } from "../dtype.ts";
import { allocData, isComplex } from "../dtype.ts";
import type { ArrayLike, NDArray } from "../ndarray.ts";
import type { GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { intArray, routine } from "../../ffi/backend.ts";
import { runtimeName } from "../../ffi/runtime.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import {
  arrayArg,
  assertStackedSquare,
  BATCH_KEYS,
  batchOf,
  checkOptions,
  letter,
  optionKeys,
  smallGemm,
} from "./_util.ts";
import { ALL } from "./_scipy.ts";
import { exp as cexp, mul as cmul, type Pair } from "./_complex.ts";

// Al-Mohy & Higham's theta_m for m = 3, 5, 7, 9, 13 (double precision).
const THETA = [
  1.495585217958292e-2,
  2.539398330063230e-1,
  9.504178996162932e-1,
  2.097847961257068,
  4.25,
];
// |c_{2m+1}| / u of the backward-error bound, per m (double precision, as scipy's).
const COEFF = [
  1.1191048088221578e-11,
  1.1167770708198077e-6,
  4.9826124310493469e-1,
  6.5662862500000000e+5,
  1.2573361865339437e+19,
];
// Padé coefficients b_0 .. b_m.
const B3 = [120, 60, 12, 1];
const B5 = [30240, 15120, 3360, 420, 30, 1];
const B7 = [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1];
const B9 = [
  17643225600,
  8821612800,
  2075673600,
  302702400,
  30270240,
  2162160,
  110880,
  3960,
  90,
  1,
];
const B13 = [
  64764752532480000,
  32382376266240000,
  7771770303897600,
  1187353796428800,
  129060195264000,
  10559470521600,
  670442572800,
  33522128640,
  1323241920,
  40840800,
  960960,
  16380,
  182,
  1,
];

// expm keeps its own division and square root (_complex.ts's differ in the last bits: Smith's
// division, and the sign rule for a -0 imaginary part), so that its results stay bit for bit.
const cdiv = (a: Pair, b: Pair): Pair => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};
const csqrt = (a: Pair): Pair => {
  if (a[1] === 0) return a[0] >= 0 ? [Math.sqrt(a[0]), 0] : [0, Math.sqrt(-a[0])];
  // The larger part first, the other from it: no cancellation near the negative real axis.
  const h = Math.sqrt((Math.hypot(a[0], a[1]) + Math.abs(a[0])) / 2);
  return a[0] >= 0 ? [h, a[1] / (2 * h)] : [Math.abs(a[1]) / (2 * h), a[1] < 0 ? -h : h];
};

/** exp(x) and (exp(x[j+1]) - exp(x[j])) / (x[j+1] - x[j]) (Higham's (10.42)), scipy's `_exp_sinch`. */
function expSinch(x0: Pair, x1: Pair): Pair {
  if (x0[0] === x1[0] && x0[1] === x1[1]) return cexp(x0);
  const e0 = cexp(x0);
  const e1 = cexp(x1);
  return cdiv([e1[0] - e0[0], e1[1] - e0[1]], [x1[0] - x0[0], x1[1] - x0[1]]);
}

/**
 * Largest order whose products run in JavaScript rather than through BLAS: where a product in
 * JavaScript costs less than an FFI call to `gemm` (13 arguments) or `gemv` (11). Node 26's
 * FFI takes at most six integer or pointer arguments on its fast path, so each of those calls
 * costs about 1 us more there. Measured crossovers of expm, float64, us per call (JavaScript
 * against BLAS): Deno 6.3 / 5.9 at n = 10; Bun 4.1 / 4.6 at 10, 5.5 / 4.8 at 12; Node 10.1 /
 * 14.4 at 12, 15.2 / 16.2 at 14, 19.7 / 16.1 at 16.
 */
const SMALL = ({ deno: 8, bun: 10, node: 12 } as const)[runtimeName()];

// Everything below is row-major (the gufunc hands the kernel C-order scratch): element (i, j)
// of an n x n matrix is at i * n + j (times 2 for complex). BLAS, column-major, sees the
// transposes; see the kernel.

/** y = X x for a row-major real `n x n` X. */
function smallGemv(y: FloatArray, X: FloatArray, x: FloatArray, n: number): void {
  for (let i = 0, r = 0; i < n; i++, r += n) {
    let v = 0;
    for (let k = 0; k < n; k++) v += X[r + k] * x[k];
    y[i] = v;
  }
}

/** C = X Y for row-major complex (interleaved) `n x n` matrices. */
function smallZgemm(C: FloatArray, X: FloatArray, Y: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < n; k++) {
        const p = 2 * (i * n + k);
        const q = 2 * (k * n + j);
        re += X[p] * Y[q] - X[p + 1] * Y[q + 1];
        im += X[p] * Y[q + 1] + X[p + 1] * Y[q];
      }
      C[2 * (i * n + j)] = re;
      C[2 * (i * n + j) + 1] = im;
    }
  }
}

/** ell of the backward-error bound: max(ceil(log2(ratio / coeff) / d), 0). */
function ell(ratio: number, k: number, d: number): number {
  return Math.max(Math.ceil(Math.log2(ratio / COEFF[k]) / d), 0) || 0;
}

// theta_k^2, theta_k^4 and theta_k^6, for rootBelow.
const THETA2 = THETA.map((t) => t * t);
const THETA4 = THETA.map((t) => Math.pow(t, 4));
const THETA6 = THETA.map((t) => Math.pow(t, 6));

/**
 * Math.pow(x, e) < theta (e = 1 / p, tp = theta^p) without the root, which costs more than
 * the rest of a 4 x 4 item's norms: decided by x against tp unless x is within a relative
 * 1e-12 of it, far beyond the rounding of either side, so the answer is the root's.
 */
function rootBelow(x: number, tp: number, e: number, theta: number): boolean {
  if (x < tp * (1 - 1e-12)) return true;
  if (!(x <= tp * (1 + 1e-12))) return false; // also NaN, whose root is NaN
  return Math.pow(x, e) < theta;
}

/** Whether ell(ratio, k, d) is 0 (log2(x) <= 0 exactly when x <= 1), without the logarithm. */
function fits(ratio: number, k: number): boolean {
  return !(ratio / COEFF[k] > 1);
}

/**
 * Solves P X = R in place for small row-major real P (LU with partial pivoting, as LAPACK's
 * unblocked `?getf2`); returns LAPACK's info (k + 1 for an exact zero pivot at k).
 */
function smallSolveReal(P: FloatArray, R: FloatArray, n: number): number {
  for (let k = 0, kn = 0; k < n; k++, kn += n) {
    let best = -1;
    let at = k;
    for (let i = k; i < n; i++) {
      const v = Math.abs(P[i * n + k]);
      if (v > best) {
        best = v;
        at = i;
      }
    }
    if (best === 0) return k + 1;
    if (at !== k) {
      for (let j = 0, an = at * n; j < n; j++) {
        let t = P[kn + j];
        P[kn + j] = P[an + j];
        P[an + j] = t;
        t = R[kn + j];
        R[kn + j] = R[an + j];
        R[an + j] = t;
      }
    }
    const pr = P[kn + k];
    for (let i = k + 1, in_ = (k + 1) * n; i < n; i++, in_ += n) {
      const lr = P[in_ + k] / pr;
      P[in_ + k] = lr;
      for (let j = k + 1; j < n; j++) P[in_ + j] -= lr * P[kn + j];
      for (let j = 0; j < n; j++) R[in_ + j] -= lr * R[kn + j];
    }
  }
  // Back substitution: U X = R, a row at a time (its divisions independent of each other).
  for (let i = n - 1, r = i * n; i >= 0; i--, r -= n) {
    const d = P[r + i];
    for (let j = 0; j < n; j++) {
      let x = R[r + j];
      for (let k = i + 1; k < n; k++) x -= P[r + k] * R[k * n + j];
      R[r + j] = x / d;
    }
  }
  return 0;
}

/** smallSolveReal for complex (interleaved) P and R. */
function smallSolveComplex(P: FloatArray, R: FloatArray, n: number): number {
  for (let k = 0; k < n; k++) {
    let best = -1;
    let at = k;
    for (let i = k; i < n; i++) {
      const p = 2 * (i * n + k);
      const v = Math.abs(P[p]) + Math.abs(P[p + 1]);
      if (v > best) {
        best = v;
        at = i;
      }
    }
    if (best === 0) return k + 1;
    if (at !== k) {
      for (let x = 2 * k * n, y = 2 * at * n, e = x + 2 * n; x < e; x++, y++) {
        let t = P[x];
        P[x] = P[y];
        P[y] = t;
        t = R[x];
        R[x] = R[y];
        R[y] = t;
      }
    }
    const d = 2 * (k * n + k);
    const pr = P[d];
    const pi = P[d + 1];
    const den = pr * pr + pi * pi;
    for (let i = k + 1; i < n; i++) {
      const q = 2 * (i * n + k);
      // l = P[i,k] / P[k,k]
      const xr = P[q];
      const xi = P[q + 1];
      const lr = (xr * pr + xi * pi) / den;
      const li = (xi * pr - xr * pi) / den;
      P[q] = lr;
      P[q + 1] = li;
      for (let j = k + 1; j < n; j++) {
        const a = 2 * (k * n + j);
        const b = 2 * (i * n + j);
        P[b] -= lr * P[a] - li * P[a + 1];
        P[b + 1] -= lr * P[a + 1] + li * P[a];
      }
      for (let j = 0; j < n; j++) {
        const a = 2 * (k * n + j);
        const b = 2 * (i * n + j);
        R[b] -= lr * R[a] - li * R[a + 1];
        R[b + 1] -= lr * R[a + 1] + li * R[a];
      }
    }
  }
  for (let j = 0; j < n; j++) {
    for (let i = n - 1; i >= 0; i--) {
      const b = 2 * (i * n + j);
      let xr = R[b];
      let xi = R[b + 1];
      for (let k = i + 1; k < n; k++) {
        const u = 2 * (i * n + k);
        const x = 2 * (k * n + j);
        const ur = P[u];
        const ui = P[u + 1];
        const rr = R[x];
        const ri = R[x + 1];
        xr -= ur * rr - ui * ri;
        xi -= ur * ri + ui * rr;
      }
      const d = 2 * (i * n + i);
      const pr = P[d];
      const pi = P[d + 1];
      const den = pr * pr + pi * pi;
      R[b] = (xr * pr + xi * pi) / den;
      R[b + 1] = (xi * pr - xr * pi) / den;
    }
  }
  return 0;
}

/**
 * The kernel works on row-major (C-order) scratch, A and its result in one buffer (the
 * result overwrites A; a single matrix is computed in the result's own storage). BLAS,
 * column-major, sees Aᵀ: products are formed as (X Y)ᵀ = Yᵀ Xᵀ, |A| x as `gemv("T")` on
 * |A|ᵀ, and `gesv` factors (V - U)ᵀ and solves for Rᵀ (V - U and V + U commute, both
 * polynomials in A: (V - U)⁻ᵀ (V + U)ᵀ = ((V - U)⁻¹ (V + U))ᵀ), as scipy's own C-order code
 * does. The norms are A's (column sums of the row-major data), so the degree and the scaling
 * are scipy's choice.
 */
const expmKernel: KernelFactory = ({ dims: { m: n }, dtype }) => {
  const f = isComplex(dtype) ? 2 : 1;
  const nn = n * n * f;
  const t = letter(dtype);
  const gemm = routine(`${t}gemm`);
  const gemv = routine(t === "s" || t === "c" ? "sgemv" : "dgemv");
  const gesv = routine(`${t}gesv`);
  const one = allocData(dtype, 1);
  one[0] = 1;
  const zero = allocData(dtype, 1);
  const ipiv = intArray(n);
  const buf = allocData(dtype, 7 * n * n);
  const A2 = buf.subarray(0, nn);
  const A4 = buf.subarray(nn, 2 * nn);
  const A6 = buf.subarray(2 * nn, 3 * nn);
  const A8 = buf.subarray(3 * nn, 4 * nn);
  const U = buf.subarray(4 * nn, 5 * nn);
  const V = buf.subarray(5 * nn, 6 * nn);
  const T = buf.subarray(6 * nn, 7 * nn);
  const realType = dtype === "float32" || dtype === "complex64" ? "float32" : "float64";
  const absA = allocData(realType, n * n);
  const work = allocData(realType, 2 * n);
  const w0 = work.subarray(0, n);
  const w1 = work.subarray(n, 2 * n);
  const diag = new Float64Array(2 * n);
  const sd = new Float64Array(2 * n);
  const sums = new Float64Array(n);
  let pickS = 0;
  let n2 = 0; // ‖A^2‖, ‖A^4‖, ‖A^6‖ (1-norms)
  let n4 = 0;
  let n6 = 0;
  let have6 = false; // A^6 and n6 formed for this matrix
  let power = 0; // w1 = |A|^power 1
  const ld = Math.max(1, n);

  // Up to SMALL, products run in JavaScript (see SMALL).
  const small = n <= SMALL;
  // C = X Y (row-major): BLAS forms Cᵀ = Yᵀ Xᵀ.
  const mul = (C: FloatArray, X: FloatArray, Y: FloatArray) => {
    if (!small) gemm("N", "N", n, n, n, one, Y, ld, X, ld, zero, C, ld);
    else if (f === 1) smallGemm(C, X, Y, n, n, n);
    else smallZgemm(C, X, Y, n);
  };
  // y = |A| x: BLAS holds |A|ᵀ.
  const mv = (y: FloatArray, x: FloatArray) => {
    if (!small) gemv("T", n, n, one, absA, ld, x, 1, zero, y, 1);
    else smallGemv(y, absA, x, n);
  };
  // 1-norm: the largest column sum of absolute values, each summed down its column; inf when
  // one is NaN (a power that overflowed into inf - inf: its norm must not look small).
  const norm1 = (X: FloatArray): number => {
    let all = 0; // NaN when a sum is
    if (f === 1) {
      // Four columns at a time, each down its rows: four independent sums.
      let best = 0;
      let j = 0;
      for (; j + 3 < n; j += 4) {
        let s0 = Math.abs(X[j]);
        let s1 = Math.abs(X[j + 1]);
        let s2 = Math.abs(X[j + 2]);
        let s3 = Math.abs(X[j + 3]);
        for (let p = j + n; p < nn; p += n) {
          s0 += Math.abs(X[p]);
          s1 += Math.abs(X[p + 1]);
          s2 += Math.abs(X[p + 2]);
          s3 += Math.abs(X[p + 3]);
        }
        if (s0 > best) best = s0;
        if (s1 > best) best = s1;
        if (s2 > best) best = s2;
        if (s3 > best) best = s3;
        all += s0 + s1 + s2 + s3;
      }
      for (; j < n; j++) {
        let s = Math.abs(X[j]);
        for (let p = j + n; p < nn; p += n) s += Math.abs(X[p]);
        if (s > best) best = s;
        all += s;
      }
      return all === all ? best : Infinity;
    } else {
      for (let j = 0; j < n; j++) sums[j] = Math.hypot(X[2 * j], X[2 * j + 1]);
      for (let p = 2 * n; p < nn;) {
        for (let j = 0; j < n; j++, p += 2) sums[j] += Math.hypot(X[p], X[p + 1]);
      }
    }
    let best = 0;
    for (let j = 0; j < n; j++) {
      if (sums[j] > best) best = sums[j];
      all += sums[j];
    }
    return all === all ? best : Infinity;
  };
  // w1 <- |A|^p 1 (from the power it holds, by alternating products), and its largest entry.
  const spin = (p: number): number => {
    for (; power < p; power += 2) {
      mv(w0, w1);
      mv(w1, w0);
    }
    let best = 0;
    for (let i = 0; i < n; i++) if (w1[i] > best) best = w1[i];
    return best;
  };
  // A^6 and its norm, once per matrix, when needed.
  const form6 = () => {
    if (have6) return;
    mul(A6, A4, A2);
    n6 = norm1(A6);
    have6 = true;
  };
  // eta1 = max(d4, d6) < theta_k (d_p = ‖A^p‖^(1/p)), decided on the norms (rootBelow); d6 <=
  // max(d2, d4), so A^6 is formed only when d2 does not pass.
  const eta1Below = (k: number): boolean => {
    if (!rootBelow(n4, THETA4[k], 0.25, THETA[k])) return false;
    if (rootBelow(n2, THETA2[k], 0.5, THETA[k])) return true;
    form6();
    return rootBelow(n6, THETA6[k], 1 / 6, THETA[k]);
  };
  // out <- ca Xa + cb Xb + cc Xc + cd Xd + c0 I, the first k terms only (no arrays made per
  // call; a term past k is not read, so it may hold an earlier matrix's, even inf).
  const combo = (
    out: FloatArray,
    c0: number,
    k: number,
    ca: number,
    Xa: FloatArray,
    cb: number,
    Xb: FloatArray,
    cc: number,
    Xc: FloatArray,
    cd: number,
    Xd: FloatArray,
  ) => {
    if (k === 4) {
      for (let p = 0; p < nn; p++) out[p] = ca * Xa[p] + cb * Xb[p] + cc * Xc[p] + cd * Xd[p];
    } else if (k === 3) {
      for (let p = 0; p < nn; p++) out[p] = ca * Xa[p] + cb * Xb[p] + cc * Xc[p];
    } else if (k === 2) {
      for (let p = 0; p < nn; p++) out[p] = ca * Xa[p] + cb * Xb[p];
    } else {
      for (let p = 0; p < nn; p++) out[p] = ca * Xa[p];
    }
    for (let i = 0; i < n; i++) out[(i * n + i) * f] += c0;
  };
  const scale = (X: FloatArray, c: number) => {
    for (let p = 0; p < nn; p++) X[p] *= c;
  };

  // b[0] is A and, in place, the result.
  return (b: FloatArray[]) => {
    const A = b[0];
    const R = b[1];
    if (n === 1) {
      const e = cexp([A[0], f === 2 ? A[1] : 0]);
      R[0] = e[0];
      if (f === 2) R[1] = e[1];
      return 0;
    }
    // A non-finite entry makes every entry NaN (no scaling could bound its norm): looked for
    // here for 2 x 2 and diagonal input (a NaN off the diagonal makes a full matrix), in
    // pick's pass over |A| for the rest.
    if (n === 2) {
      for (let p = 0; p < nn; p++) {
        if (A[p] - A[p] !== 0) {
          R.fill(NaN);
          return 0;
        }
      }
      return expm2(A, R);
    }
    // Bandwidth: is any entry below (lower) or above (upper) the diagonal nonzero? (A full
    // matrix answers at its first entries.)
    let lower = false;
    let upper = false;
    for (let i = 1; i < n && !lower; i++) {
      for (let p = i * n * f, end = p + i * f; p < end; p++) {
        if (A[p] !== 0) {
          lower = true;
          break;
        }
      }
    }
    for (let i = 0; i < n - 1 && !upper; i++) {
      for (let p = (i * n + i + 1) * f, end = (i + 1) * n * f; p < end; p++) {
        if (A[p] !== 0) {
          upper = true;
          break;
        }
      }
    }
    // The diagonal and the first off-diagonal, for Code Fragment 2.1 (and a diagonal input).
    for (let i = 0; i < n; i++) {
      const p = (i * n + i) * f;
      diag[2 * i] = A[p];
      diag[2 * i + 1] = f === 2 ? A[p + 1] : 0;
      if (i < n - 1) {
        const q = (upper ? i * n + i + 1 : (i + 1) * n + i) * f;
        sd[2 * i] = A[q];
        sd[2 * i + 1] = f === 2 ? A[q + 1] : 0;
      }
    }
    if (!lower && !upper) {
      for (let i = 0; i < 2 * n; i++) {
        if (diag[i] - diag[i] !== 0) {
          R.fill(NaN);
          return 0;
        }
      }
      R.fill(0);
      for (let i = 0; i < n; i++) {
        const p = (i * n + i) * f;
        const e = cexp([diag[2 * i], diag[2 * i + 1]]);
        R[p] = e[0];
        if (f === 2) R[p + 1] = e[1];
      }
      return 0;
    }
    const m = pick(A);
    if (m === 0) {
      R.fill(NaN);
      return 0;
    }
    const s = pickS;
    padeSolveInto(A, R, m);
    const info = small
      ? (f === 1 ? smallSolveReal(T, R, n) : smallSolveComplex(T, R, n))
      : gesv(n, n, T, ld, ipiv, R, ld);
    if (info !== 0) return info;
    if (s > 0) {
      if (lower && upper) {
        for (let k = 0; k < s; k++) {
          mul(T, R, R);
          R.set(T);
        }
      } else {
        setDiag(R, Math.pow(2, -s), upper);
        for (let k = s - 1; k >= 0; k--) {
          mul(T, R, R);
          R.set(T);
          setDiag(R, Math.pow(2, -k), upper);
        }
      }
    }
    // A triangular input has a triangular exponential: clear the other triangle.
    if (!lower || !upper) {
      for (let i = 0, p = 0; i < n; i++) {
        for (let j = 0; j < n; j++, p += f) {
          if (upper ? i > j : i < j) {
            R[p] = 0;
            if (f === 2) R[p + 1] = 0;
          }
        }
      }
    }
    return 0;
  };

  /** exp(2^-k diag) on the diagonal, exp_sinch times 2^-k off-diagonal on the first off-diagonal. */
  function setDiag(R: FloatArray, c: number, upper: boolean) {
    for (let i = 0; i < n; i++) {
      const e = cexp([diag[2 * i] * c, diag[2 * i + 1] * c]);
      const p = (i * n + i) * f;
      R[p] = e[0];
      if (f === 2) R[p + 1] = e[1];
    }
    for (let i = 0; i < n - 1; i++) {
      const x0: Pair = [diag[2 * i] * c, diag[2 * i + 1] * c];
      const x1: Pair = [diag[2 * i + 2] * c, diag[2 * i + 3] * c];
      const v = cmul(expSinch(x0, x1), [sd[2 * i] * c, sd[2 * i + 1] * c]);
      const q = (upper ? i * n + i + 1 : (i + 1) * n + i) * f;
      R[q] = v[0];
      if (f === 2) R[q + 1] = v[1];
    }
  }

  /**
   * scipy's pick_pade_structure: the degree m and the scaling s; A, A2, A4, A6 scaled by 2^-s;
   * 0 for an entry that is not finite.
   * The same tests in the same order, except that a bound is looked at only where its test
   * can decide (ell's powers of |A| are formed when needed, and its logarithm only for s),
   * and that A^6 and A^8 are formed only when their bounds do not decide: ‖A^6‖^(1/6) <=
   * max(‖A^2‖^(1/2), ‖A^4‖^(1/4)) (degrees 3 and 5 need no A^6), ‖A^8‖^(1/8) <= ‖A^4‖^(1/4).
   */
  function pick(A: FloatArray): number {
    let finite = true;
    if (f === 1) {
      for (let p = 0; p < nn; p++) {
        const a = Math.abs(A[p]);
        absA[p] = a;
        if (!(a < Infinity)) finite = false;
      }
    } else {
      for (let p = 0; p < n * n; p++) {
        const a = Math.hypot(A[2 * p], A[2 * p + 1]); // inf when either part is
        absA[p] = a;
        if (!(a < Infinity)) finite = false;
      }
    }
    if (!finite) return 0;
    // |A| 1: its row sums (in JavaScript the same sums as the product's).
    if (small) {
      for (let i = 0, r = 0; i < n; i++, r += n) {
        let v = 0;
        for (let k = 0; k < n; k++) v += absA[r + k];
        w1[i] = v;
      }
    } else {
      w0.fill(1);
      mv(w1, w0);
    }
    power = 1;
    let normA = 0;
    for (let i = 0; i < n; i++) if (w1[i] > normA) normA = w1[i];
    mul(A2, A, A);
    mul(A4, A2, A2);
    n2 = norm1(A2);
    n4 = norm1(A4);
    have6 = false;
    pickS = 0;
    if (eta1Below(0) && fits(spin(7) / normA, 0)) return 3; // |A|^7
    if (eta1Below(1) && fits(spin(11) / normA, 1)) return 5; // |A|^11
    // Degree 7 fails its bound whatever d8 is, or passes it with d8's bound d4.
    let fails7 = false;
    if (eta1Below(2)) {
      if (fits(spin(15) / normA, 2)) return 7; // |A|^15
      fails7 = true;
    }
    mul(A8, A4, A4);
    const d8 = Math.pow(norm1(A8), 0.125);
    form6();
    const d6 = Math.pow(n6, 1 / 6);
    const eta2 = Math.max(d6, d8);
    if (!fails7 && eta2 < THETA[2] && fits(spin(15) / normA, 2)) return 7;
    if (eta2 < THETA[3] && fits(spin(19) / normA, 3)) return 9; // |A|^19
    mul(T, A6, A4);
    const d10 = Math.pow(norm1(T), 0.1);
    const eta4 = Math.min(eta2, Math.max(d8, d10));
    let s = Math.max(Math.ceil(Math.log2(eta4 / THETA[4])), 0) || 0;
    spin(19);
    if (s !== 0) {
      const c = Math.pow(2, -s);
      for (let p = 0; p < n * n; p++) absA[p] *= c;
      const c19 = Math.pow(2, -19 * s);
      for (let i = 0; i < n; i++) w1[i] *= c19;
      normA *= c;
    }
    s += ell(spin(27) / normA, 4, 26); // |A|^27
    // Entries near the top of the double range overflow the norms: the bound is then no
    // bound, and the squarings (as many as a double's exponent range) end in inf or NaN.
    if (!(s <= 1100)) s = 1100;
    if (s !== 0) {
      scale(A, Math.pow(2, -s));
      scale(A2, Math.pow(4, -s));
      scale(A4, Math.pow(16, -s));
      scale(A6, Math.pow(64, -s));
    }
    pickS = s;
    return 13;
  }

  /** U and V of the degree-m Padé approximant; T <- V - U, R <- V + U (R may be A). */
  function padeSolveInto(A: FloatArray, R: FloatArray, m: number) {
    if (m >= 7) form6();
    if (m === 13) {
      const b = B13;
      combo(T, 0, 3, b[13], A6, b[11], A4, b[9], A2, 0, A2);
      mul(U, A6, T);
      combo(T, b[1], 4, 1, U, b[7], A6, b[5], A4, b[3], A2);
      mul(U, A, T);
      combo(T, 0, 3, b[12], A6, b[10], A4, b[8], A2, 0, A2);
      mul(V, A6, T);
      combo(V, b[0], 4, 1, V, b[6], A6, b[4], A4, b[2], A2);
    } else {
      const b = m === 3 ? B3 : m === 5 ? B5 : m === 7 ? B7 : B9;
      // The terms A^2 .. A^(m - 1): A^6 and A^8 are read only where formed. (Coefficients
      // past the degree are passed as 0: b[m + 1] and beyond are undefined.)
      const k = (m - 1) / 2;
      const c = (i: number) => (i <= m ? b[i] : 0);
      combo(T, b[1], k, c(3), A2, c(5), A4, c(7), A6, c(9), A8);
      mul(U, A, T);
      combo(V, b[0], k, c(2), A2, c(4), A4, c(6), A6, c(8), A8);
    }
    for (let p = 0; p < nn; p++) {
      const u = U[p];
      const v = V[p];
      T[p] = v - u;
      R[p] = v + u;
    }
  }

  function expm2(A: FloatArray, R: FloatArray): number {
    const g = (i: number): Pair => [A[i * f], f === 2 ? A[i * f + 1] : 0];
    // Row-major: a1 = A[0,0], a2 = A[0,1], a3 = A[1,0], a4 = A[1,1] (read before R is written).
    const a1 = g(0);
    const a2 = g(1);
    const a3 = g(2);
    const a4 = g(3);
    const dm: Pair = [a1[0] - a4[0], a1[1] - a4[1]];
    const disc = cmul(dm, dm);
    const bc = cmul(a2, a3);
    const r = csqrt([disc[0] + 4 * bc[0], disc[1] + 4 * bc[1]]);
    const mu: Pair = [r[0] / 2, r[1] / 2];
    const e = cexp([(a1[0] + a4[0]) / 2, (a1[1] + a4[1]) / 2]);
    const half: Pair = [dm[0] / 2, dm[1] / 2];
    const cosh: Pair = [Math.cosh(mu[0]) * Math.cos(mu[1]), Math.sinh(mu[0]) * Math.sin(mu[1])];
    const sinh: Pair = [Math.sinh(mu[0]) * Math.cos(mu[1]), Math.cosh(mu[0]) * Math.sin(mu[1])];
    const sinch: Pair = mu[0] === 0 && mu[1] === 0 ? [1, 0] : cdiv(sinh, mu);
    const hs = cmul(half, sinch);
    const put = (i: number, v: Pair) => {
      const w = cmul(e, v);
      R[i * f] = w[0];
      if (f === 2) R[i * f + 1] = w[1];
    };
    put(0, [cosh[0] + hs[0], cosh[1] + hs[1]]);
    put(1, cmul(a2, sinch));
    put(2, cmul(a3, sinch));
    put(3, [cosh[0] - hs[0], cosh[1] - hs[1]]);
    return 0;
  }
};

const EXPM: GufuncSpec = {
  name: "expm",
  signature: "(m,m)->(m,m)",
  kernels: ALL(expmKernel),
  // Row-major scratch (a C-order input is one memcpy), the result in A's place.
  layouts: "CC",
  inplace: [0],
  failure: () => "Singular matrix: the Padé denominator V - U could not be factored",
};

/** The options of `expm`: the batch policy. */
export const EXPM_KEYS: OptionKeys = optionKeys(...BATCH_KEYS);

/**
 * The matrix exponential of a square matrix or of each matrix of a stack (scipy's `expm`), by
 * Al-Mohy and Higham's scaling and squaring (SIAM J. Matrix Anal. Appl. 31(3):970-989, 2009):
 * a Padé approximant of degree 3 to 13 chosen from the 1-norms of powers of A, a scaling by
 * 2^-s, and s squarings; triangular input recomputes its diagonal and first off-diagonal at
 * every squaring (the paper's Code Fragment 2.1), diagonal input is exponentiated entry by
 * entry, and 2 x 2 input has a closed form, all as scipy 1.10. float32 is computed in double
 * (unless `precision: "single"`). There is no warning for a result that overflows; an input
 * with a NaN or an infinity gives NaN everywhere (scipy keeps the zeros of a triangular one).
 *
 * @param a A matrix `(..., m, m)`.
 * @param options `errors`, `precision`.
 * @returns `exp(a)`, same shape and dtype.
 *
 * @example A rotation generator exponentiates to a rotation
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const r = linalg.expm([[0, -Math.PI / 2], [Math.PI / 2, 0]]).toArray() as number[][];
 * assert.deepEqual(r.map((row) => row.map((v) => Math.round(v * 1e12) / 1e12 + 0)), [[0, -1], [1, 0]]);
 * const d = linalg.expm([[1, 0, 0], [0, 2, 0], [0, 0, 0]]).toArray() as number[][];
 * assert.equal(d[1][1], Math.exp(2));
 * ```
 */
export function expm(a: ArrayLike, options?: BatchOptions): NDArray {
  checkOptions(options, "expm", EXPM_KEYS);
  const A = arrayArg(a, 0, "expm");
  assertStackedSquare(A, "expm");
  return runGufunc(EXPM, [A], batchOf(options))[0];
}
