/**
 * scipy.linalg's algebraic Riccati equation solvers on stacks: `solveContinuousAre` and
 * `solveDiscreteAre`, by scipy 1.10's method. The (2m + n) extended pencil of the equation is
 * balanced (symplectic balancing: a `?gebal`-style scaling of |H| + |J|, then diag(D, D⁻¹)),
 * deflated to 2m x 2m by the Q of a QR of its last n columns (`?geqrf`, `?orgqr`), its stable
 * deflating subspace found by the QZ algorithm with reordering (`?gges` + `?tgsen`, sort "lhp"
 * or "iuc"), and X = U₂₁ U₁₁⁻¹ solved from an LU of U₁₁ (`?getrf`, `?getrs`), then made
 * hermitian.
 *
 * References: A. J. Laub, "A Schur method for solving algebraic Riccati equations", IEEE Trans.
 * Automat. Control 24(6):913-921, 1979, doi:10.1109/TAC.1979.1102178; P. Van Dooren, "A
 * generalized eigenvalue approach for solving Riccati equations", SIAM J. Sci. Stat. Comput.
 * 2(2):121-135, 1981, doi:10.1137/0902010; P. Benner, "Symplectic balancing of Hamiltonian
 * matrices", SIAM J. Sci. Comput. 22(5):1885-1904, 2001, doi:10.1137/S1064827500367993.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import {
  allocData,
  complexDType,
  floatsPerItem,
  isSingle,
  realDType,
  resultType,
} from "../dtype.ts";
import type { ArrayLike, FloatNDArray, NDArray } from "../ndarray.ts";
import type { Dims, GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { routine } from "../../ffi/backend.ts";
import { qrPlan } from "../drivers/qr.ts";
import { luPlan } from "../drivers/lu.ts";
import { svdPlan } from "../drivers/svd.ts";
import { ordqzPlan } from "../drivers/qz.ts";
import type { BatchOptions, OptionKeys } from "./_util.ts";
import { arrayArg, BATCH_KEYS, batchOf, checkOptions, letter, optionKeys } from "./_util.ts";
import { register } from "./_registry.ts";
import { ALL, flag } from "./_scipy.ts";
import { allFinite } from "./schur.ts";

// Failure codes (kernels return them; `failure` words them).
const NOT_FINITE = 1_000_001;
const Q_NOT_HERMITIAN = 1_000_002;
const R_NOT_HERMITIAN = 1_000_003;
const R_SINGULAR = 1_000_004;
const E_SINGULAR = 1_000_005;
const QZ_FAILED = 1_000_006;
const REORDER_FAILED = 1_000_007;
const NO_SOLUTION = 1_000_008;
const NOT_SYMMETRIC = 1_000_009;

type Kind = "care" | "dare";

const failureOf = (kind: Kind) => (info: number, _dims: Dims): string => {
  switch (info) {
    case NOT_FINITE:
      return "Array must not contain infs or NaNs";
    case Q_NOT_HERMITIAN:
      return "Matrix q should be symmetric/hermitian: q - qᴴ exceeds 100 ulp of q in the 1-norm";
    case R_NOT_HERMITIAN:
      return "Matrix r should be symmetric/hermitian: r - rᴴ exceeds 100 ulp of r in the 1-norm";
    case R_SINGULAR:
      return "Matrix r is numerically singular: its smallest singular value is below eps times its 1-norm";
    case E_SINGULAR:
      return "Matrix e is numerically singular: its smallest singular value is below eps times its 1-norm";
    case QZ_FAILED:
      return "The QZ iteration failed: the extended pencil has no generalized Schur form";
    case REORDER_FAILED:
      return "Reordering failed in ?tgsen: the stable eigenvalues could not be moved first";
    case NO_SOLUTION:
      return "Failed to find a finite solution: U11, the top block of the stable subspace basis, is singular to working precision";
    case NOT_SYMMETRIC:
      return kind === "care"
        ? "The associated Hamiltonian pencil has eigenvalues too close to the imaginary axis"
        : "The associated symplectic pencil has eigenvalues too close to the unit circle";
    default:
      return `The kernel failed: info ${info}`;
  }
};

// --- small helpers over column-major buffers (f floats per element) ---------------------------

/** The 1-norm (largest column sum of moduli) of the k x k matrix at `a` (leading dim `ld`). */
function norm1(a: FloatArray, k: number, ld: number, f: number): number {
  let best = 0;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < k; i++) {
      const p = (i + j * ld) * f;
      s += f === 1 ? Math.abs(a[p]) : Math.hypot(a[p], a[p + 1]);
    }
    if (s > best || s !== s) best = s;
  }
  return best;
}

/** The 1-norm of A - Aᴴ for the k x k matrix at `a` (leading dimension `ld`). */
function skewNorm1(a: FloatArray, k: number, ld: number, f: number): number {
  let best = 0;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < k; i++) {
      const p = (i + j * ld) * f, t = (j + i * ld) * f;
      s += f === 1 ? Math.abs(a[p] - a[t]) : Math.hypot(a[p] - a[t], a[p + 1] + a[t + 1]);
    }
    if (s > best || s !== s) best = s;
  }
  return best;
}

/** numpy's `spacing(x)` for x ≥ 0 in double: the distance from x to the next larger double. */
function spacing(x: number): number {
  if (!(x > 0)) return Number.MIN_VALUE;
  let e = Math.floor(Math.log2(x));
  if (2 ** e > x) e--;
  else if (2 ** (e + 1) <= x) e++;
  return Math.max(2 ** (e - 52), Number.MIN_VALUE);
}

/** numpy's `round` (half to even) of a multiple of 1/2. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : r;
}

/**
 * Writes `sign` * S (or `sign` * Sᴴ with `ct`) into the block of `dst` (leading dimension `ld`)
 * at row `r0`, column `c0`; S is column-major rows x cols (cols x rows with `ct`).
 */
function block(
  dst: FloatArray,
  ld: number,
  r0: number,
  c0: number,
  src: FloatArray,
  rows: number,
  cols: number,
  f: number,
  sign: 1 | -1,
  ct: boolean,
): void {
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      const d = (r0 + i + (c0 + j) * ld) * f;
      const s = (ct ? j + i * cols : i + j * rows) * f;
      dst[d] = sign * src[s];
      if (f === 2) dst[d + 1] = (ct ? -sign : sign) * src[s + 1];
    }
  }
}

/** Writes the identity into the k x k block of `dst` at (r0, r0). */
function identity(dst: FloatArray, ld: number, r0: number, k: number, f: number): void {
  for (let i = 0; i < k; i++) dst[(r0 + i + (r0 + i) * ld) * f] = 1;
}

const SFMIN1 = 2 ** -1022 / 2 ** -52;
const SFMAX1 = 1 / SFMIN1;
const SFMIN2 = SFMIN1 * 2;
const SFMAX2 = 1 / SFMIN2;

/**
 * The scaling of LAPACK's `?gebal` with JOB = 'S' (no permutation; 2-norms of rows and
 * columns, as LAPACK since 3.5), on the nonnegative N x N matrix `w` (scaled in place): the
 * powers of 2 `sca` such that diag(sca)⁻¹ W diag(sca) has rows and columns of similar norm. It
 * is what scipy's `matrix_balance(M, separate=1, permute=0)` returns; done here on the moduli
 * only, so it calls no LAPACK routine.
 */
function balanceScaling(w: Float64Array, N: number, sca: Float64Array): void {
  sca.fill(1);
  let noconv = true;
  while (noconv) {
    noconv = false;
    for (let i = 0; i < N; i++) {
      let c = 0, r = 0, ca = 0, ra = 0;
      for (let k = 0; k < N; k++) {
        const x = w[k + i * N], y = w[i + k * N];
        c += x * x;
        r += y * y;
        if (x > ca) ca = x;
        if (y > ra) ra = y;
      }
      c = Math.sqrt(c);
      r = Math.sqrt(r);
      if (c === 0 || r === 0) continue;
      if (c + ca + r + ra !== c + ca + r + ra) return;
      let g = r / 2, fct = 1;
      const s = c + r;
      while (c < g && Math.max(fct, c, ca) < SFMAX2 && Math.min(r, g, ra) > SFMIN2) {
        fct *= 2;
        c *= 2;
        ca *= 2;
        r /= 2;
        g /= 2;
        ra /= 2;
      }
      g = c / 2;
      while (g >= r && Math.max(r, ra) < SFMAX2 && Math.min(fct, c, g, ca) > SFMIN2) {
        fct /= 2;
        c /= 2;
        g /= 2;
        ca /= 2;
        r *= 2;
        ra *= 2;
      }
      if (c + r >= 0.95 * s) continue;
      if (fct < 1 && sca[i] < 1 && fct * sca[i] <= SFMIN1) continue;
      if (fct > 1 && sca[i] > 1 && sca[i] >= SFMAX1 / fct) continue;
      sca[i] *= fct;
      noconv = true;
      for (let k = 0; k < N; k++) {
        w[i + k * N] /= fct;
        w[k + i * N] *= fct;
      }
    }
  }
}

// --- the kernel --------------------------------------------------------------------------------

/**
 * One Riccati equation. Buffers: a (m,m), b (m,n), q (m,m), r (n,n), [e (m,m)], [s (m,n)], x.
 */
const areKernel =
  (kind: Kind, hasE: boolean, hasS: boolean, balanced: boolean): KernelFactory =>
  ({ dims: { m, n }, dtype }) => {
    const f = floatsPerItem(dtype);
    const eps = isSingle(dtype) ? 2 ** -23 : 2 ** -52;
    const N = 2 * m + n, M2 = 2 * m;
    const gemm = routine(`${letter(dtype)}gemm`);
    const one = allocData(dtype, 1);
    one[0] = 1;
    const zero = allocData(dtype, 1);
    const mul = (
      ta: "N" | "C",
      rows: number,
      cols: number,
      k: number,
      A: FloatArray,
      lda: number,
      B: FloatArray,
      ldb: number,
      C: FloatArray,
      ldc: number,
    ) => gemm(ta, "N", rows, cols, k, one, A, lda, B, ldb, zero, C, ldc);
    const H = allocData(dtype, N * N), J = allocData(dtype, N * N);
    const w = new Float64Array(N * N), sca = new Float64Array(N);
    const qf = allocData(dtype, N * N);
    const qr = qrPlan(N, n, N, dtype);
    const H2 = allocData(dtype, M2 * M2), J2 = allocData(dtype, M2 * M2);
    const Qz = allocData(dtype, M2 * M2), Z = allocData(dtype, M2 * M2);
    const alpha = allocData(complexDType(dtype), M2), beta = allocData(dtype, M2);
    const ordqz = ordqzPlan(M2, dtype, kind === "care" ? "lhp" : "iuc");
    const W = hasE ? allocData(dtype, M2 * m) : Z;
    const qrW = hasE ? qrPlan(M2, m, m, dtype) : qr;
    const lu = luPlan(m, dtype, "solve");
    const U = allocData(dtype, m * m), T = allocData(dtype, Math.max(m, n) ** 2);
    const Y = allocData(dtype, m * m);
    const svdM = svdPlan(m, m, dtype, "N");
    const svdN = kind === "care" ? svdPlan(n, n, dtype, "N") : svdM;
    const sv = allocData(realDType(dtype), Math.max(1, m, n));
    const dummy = allocData(dtype, 1);
    /** Whether the k x k matrix `a` is singular to working precision (scipy's test). */
    const nearlySingular = (a: FloatArray, k: number, svd: typeof svdM): boolean => {
      T.set(a.subarray(0, k * k * f));
      if (svd(T, sv, dummy, dummy) !== 0) return true;
      const min = sv[k - 1];
      return min === 0 || min < eps * norm1(a, k, k, f);
    };
    const hermitian = (a: FloatArray, k: number) =>
      !(skewNorm1(a, k, k, f) > spacing(norm1(a, k, k, f)) * 100);

    return (bufs) => {
      const a = bufs[0], b = bufs[1], q = bufs[2], r = bufs[3];
      let k = 4;
      const e = hasE ? bufs[k++] : undefined;
      const s = hasS ? bufs[k++] : undefined;
      const x = bufs[k];
      for (let i = 0; i < k; i++) if (!allFinite(bufs[i])) return NOT_FINITE;
      if (m === 0) return 0;
      if (!hermitian(q, m)) return Q_NOT_HERMITIAN;
      if (!hermitian(r, n)) return R_NOT_HERMITIAN;
      if (kind === "care" && n > 0 && nearlySingular(r, n, svdN)) return R_SINGULAR;
      if (e !== undefined && nearlySingular(e, m, svdM)) return E_SINGULAR;

      // The extended pencil H - λ J, (2m + n) x (2m + n).
      H.fill(0);
      J.fill(0);
      block(H, N, 0, 0, a, m, m, f, 1, false);
      block(H, N, 0, M2, b, m, n, f, 1, false);
      block(H, N, m, 0, q, m, m, f, -1, false);
      if (s !== undefined) {
        block(H, N, m, M2, s, m, n, f, -1, false);
        block(H, N, M2, 0, s, n, m, f, 1, true);
      }
      block(H, N, M2, M2, r, n, n, f, 1, false);
      if (kind === "care") {
        block(H, N, m, m, a, m, m, f, -1, true);
        block(H, N, M2, m, b, n, m, f, 1, true);
        if (e !== undefined) {
          block(J, N, 0, 0, e, m, m, f, 1, false);
          block(J, N, m, m, e, m, m, f, 1, true);
        } else identity(J, N, 0, M2, f);
      } else {
        if (e !== undefined) {
          block(H, N, m, m, e, m, m, f, 1, true);
          block(J, N, 0, 0, e, m, m, f, 1, false);
        } else {
          identity(H, N, m, m, f);
          identity(J, N, 0, m, f);
        }
        block(J, N, m, m, a, m, m, f, 1, true);
        block(J, N, M2, m, b, n, m, f, -1, true);
      }

      // Symplectic balancing: scale |H| + |J| (diagonal removed), keep the diag(D, D⁻¹) form.
      let scaled = false;
      if (balanced) {
        for (let j = 0; j < N; j++) {
          for (let i = 0; i < N; i++) {
            const p = i + j * N;
            w[p] = i === j
              ? 0
              : f === 1
              ? Math.abs(H[p]) + Math.abs(J[p])
              : Math.hypot(H[2 * p], H[2 * p + 1]) + Math.hypot(J[2 * p], J[2 * p + 1]);
          }
        }
        balanceScaling(w, N, sca);
        for (let i = 0; i < N; i++) if (Math.abs(sca[i] - 1) > 1e-8 + 1e-5) scaled = true;
        if (scaled) {
          for (let i = 0; i < m; i++) {
            const t = roundHalfEven((Math.log2(sca[m + i]) - Math.log2(sca[i])) / 2);
            sca[i] = 2 ** t;
            sca[m + i] = 2 ** -t;
          }
          for (let j = 0; j < N; j++) {
            for (let i = 0; i < N; i++) {
              const c = sca[i] / sca[j], p = (i + j * N) * f;
              H[p] *= c;
              J[p] *= c;
              if (f === 2) {
                H[p + 1] *= c;
                J[p + 1] *= c;
              }
            }
          }
        }
      }

      // Deflate to 2m x 2m: Q of the QR of H's last n columns; H2 = Q₂ᴴ H[:, :2m], J2 likewise.
      qf.set(H.subarray(M2 * N * f, N * N * f));
      const fi = qr.factor(qf, qr.tau);
      if (fi < 0) return fi;
      const gi = qr.formQ(qf, N);
      if (gi < 0) return gi;
      const q2 = qf.subarray(n * N * f);
      mul("C", M2, M2, N, q2, N, H, N, H2, M2);
      mul("C", M2, M2, N, q2, N, J, N, J2, M2);

      // The stable deflating subspace: its basis is the first m columns of Z.
      const oi = ordqz(H2, J2, Qz, Z, alpha, beta);
      if (oi < 0) return oi;
      if (oi === M2 + 3) return REORDER_FAILED;
      if (oi !== 0) return QZ_FAILED;
      let u = Z;
      if (e !== undefined) {
        // Orthonormal basis of [e' U₁₁; U₂₁], e' = D e D⁻¹ the balanced pencil's e (scipy 1.10
        // multiplies the balanced U₁₁ by the unbalanced e, which fails or errs when D ≠ I).
        for (let j = 0; j < m; j++) {
          for (let i = 0; i < m; i++) {
            const p = (i + j * m) * f, src = (i + j * M2) * f, c = scaled ? 1 / sca[i] : 1;
            T[p] = Z[src] * c;
            if (f === 2) T[p + 1] = Z[src + 1] * c;
          }
        }
        mul("N", m, m, m, e, m, T, m, W, M2);
        if (scaled) {
          for (let j = 0; j < m; j++) {
            for (let i = 0; i < m; i++) {
              const p = (i + j * M2) * f;
              W[p] *= sca[i];
              if (f === 2) W[p + 1] *= sca[i];
            }
          }
        }
        for (let j = 0; j < m; j++) {
          W.set(Z.subarray((m + j * M2) * f, (M2 + j * M2) * f), (m + j * M2) * f);
        }
        const wi = qrW.factor(W, qrW.tau);
        if (wi < 0) return wi;
        const wq = qrW.formQ(W, m);
        if (wq < 0) return wq;
        u = W;
      }

      // X = U₂₁ U₁₁⁻¹: U₁₁ᴴ Xᴴ = U₂₁ᴴ by the LU of U₁₁, after scipy's test of cond(U).
      for (let j = 0; j < m; j++) {
        U.set(u.subarray(j * M2 * f, (m + j * M2) * f), j * m * f);
        for (let i = 0; i < m; i++) {
          const d = (i + j * m) * f, src = (m + j + i * M2) * f;
          Y[d] = u[src];
          if (f === 2) Y[d + 1] = -u[src + 1];
        }
      }
      if (lu.factor(U) !== 0) return NO_SOLUTION;
      T.fill(0);
      for (let j = 0; j < m; j++) {
        T.set(U.subarray(j * m * f, (j + 1 + j * m) * f), j * m * f);
      }
      if (svdM(T, sv, dummy, dummy) !== 0 || !(sv[m - 1] / sv[0] >= eps)) return NO_SOLUTION;
      const si = lu.solve("C", U, Y, m);
      if (si < 0) return si;

      // scipy's test of success: U₁₁ᴴ U₂₁ must be hermitian.
      mul("C", m, m, m, u, M2, u.subarray(m * f), M2, T, m);
      const threshold = Math.max(spacing(1000), 0.1 * norm1(T, m, m, f));
      if (!(skewNorm1(T, m, m, f) <= threshold)) return NOT_SYMMETRIC;

      // X = Yᴴ, unscaled, made hermitian: x[i, j] = (conj(Y[j, i]) + Y[i, j]) / 2.
      for (let j = 0; j < m; j++) {
        for (let i = 0; i < m; i++) {
          const c = scaled ? sca[i] * sca[j] / 2 : 0.5;
          const p = (i + j * m) * f, t = (j + i * m) * f;
          x[p] = (Y[t] + Y[p]) * c;
          if (f === 2) x[p + 1] = (Y[p + 1] - Y[t + 1]) * c;
        }
      }
      return 0;
    };
  };

const SPECS = new Map<string, GufuncSpec>();
function areSpec(kind: Kind, hasE: boolean, hasS: boolean, balanced: boolean): GufuncSpec {
  const key = `${kind}${+hasE}${+hasS}${+balanced}`;
  let spec = SPECS.get(key);
  if (spec === undefined) {
    spec = {
      name: kind === "care" ? "solveContinuousAre" : "solveDiscreteAre",
      signature: `(m,m),(m,n),(m,m),(n,n)${hasE ? ",(m,m)" : ""}${hasS ? ",(m,n)" : ""}->(m,m)`,
      kernels: ALL(areKernel(kind, hasE, hasS, balanced)),
      failure: failureOf(kind),
    };
    SPECS.set(key, spec);
  }
  return spec;
}

// --- public functions ----------------------------------------------------------------------------

/** The options of `solveContinuousAre` and `solveDiscreteAre`. */
export const ARE_KEYS: OptionKeys = optionKeys("e", "s", "balanced", ...BATCH_KEYS);
// linalg.async sends the options object by structured clone, which an NDArray does not survive.
const ARE_ASYNC_KEYS: OptionKeys = optionKeys("balanced", ...BATCH_KEYS);

/** Options of `solveContinuousAre` and `solveDiscreteAre`. */
export interface AreOptions extends BatchOptions {
  /** E of the generalized equation `(..., m, m)`, nonsingular; by default the identity. */
  e?: ArrayLike;
  /** S, the cross term of the generalized equation `(..., m, n)`; by default zero. */
  s?: ArrayLike;
  /** Symplectic balancing of the pencil before QZ (default true, as scipy). */
  balanced?: boolean;
}

/** scipy's `atleast_2d`: a scalar is 1 x 1, a vector one row. */
function atLeast2d(x: ArrayLike, operand: number, name: string): FloatNDArray {
  const a = arrayArg(x, operand, name);
  if (a.ndim >= 2) return a;
  return a.reshape(a.ndim === 0 ? [1, 1] : [1, a.shape[0]]) as FloatNDArray;
}

const shapeOf = (a: NDArray) => `(${a.shape.join(", ")})`;
const rows = (a: NDArray) => a.shape[a.ndim - 2];
const cols = (a: NDArray) => a.shape[a.ndim - 1];

function solveAre(
  kind: Kind,
  a: ArrayLike,
  b: ArrayLike,
  q: ArrayLike,
  r: ArrayLike,
  options: AreOptions | undefined,
): NDArray {
  const name = kind === "care" ? "solveContinuousAre" : "solveDiscreteAre";
  checkOptions(options, name, ARE_KEYS);
  const balanced = flag(options?.balanced, true, "balanced", name);
  const A = atLeast2d(a, 0, name), B = atLeast2d(b, 1, name);
  const Q = atLeast2d(q, 2, name), R = atLeast2d(r, 3, name);
  const E = options?.e === undefined ? undefined : atLeast2d(options.e, 4, name);
  const S = options?.s === undefined ? undefined : atLeast2d(options.s, 5, name);
  const mats: [string, NDArray | undefined][] = [["a", A], ["q", Q], ["r", R], ["e", E]];
  for (const [key, x] of mats) {
    if (x !== undefined && rows(x) !== cols(x)) {
      throw new RangeError(
        `Matrix ${key} should be square for ${name}(): got shape ${shapeOf(x)}`,
      );
    }
  }
  const mismatch = (what: string, x: NDArray, y: NDArray) =>
    new RangeError(
      `Matrix ${what} for ${name}(): got shapes ${shapeOf(x)} and ${shapeOf(y)}`,
    );
  if (rows(B) !== cols(A)) throw mismatch("a and b should have the same number of rows", A, B);
  if (cols(Q) !== cols(A)) throw mismatch("a and q should have the same shape", A, Q);
  if (cols(R) !== cols(B)) throw mismatch("b and r should have the same number of cols", B, R);
  if (E !== undefined && cols(E) !== cols(A)) {
    throw mismatch("a and e should have the same shape", A, E);
  }
  if (S !== undefined && (rows(S) !== rows(B) || cols(S) !== cols(B))) {
    throw mismatch("b and s should have the same shape", B, S);
  }
  const ops = [A, B, Q, R, ...(E ? [E] : []), ...(S ? [S] : [])];
  const dtype: DType = resultType(...ops.map((x) => x.dtype));
  const spec = areSpec(kind, E !== undefined, S !== undefined, balanced);
  return runGufunc(spec, ops, { ...batchOf(options), dtype })[0];
}

/**
 * Solves the continuous-time algebraic Riccati equation (scipy's
 * `linalg.solve_continuous_are`), for the stabilizing solution X:
 *
 *   Aᴴ X + X A - X B R⁻¹ Bᴴ X + Q = 0,
 *
 * or with `e` and `s` the generalized equation
 *
 *   Aᴴ X E + Eᴴ X A - (Eᴴ X B + S) R⁻¹ (Bᴴ X E + Sᴴ) + Q = 0,
 *
 * by scipy 1.10's method: the (2m + n) extended Hamiltonian pencil, balanced (Benner's
 * symplectic balancing, as scipy's `balanced=True`), deflated by a QR of its last n columns,
 * its stable deflating subspace [U₁₁; U₂₁] found by QZ ordered with sort "lhp", and
 * X = U₂₁ U₁₁⁻¹ by LU, made hermitian. Stacks broadcast. Q and R must be hermitian and R
 * nonsingular; the pair (A, B) stabilizable. As scipy, it does not warn when X is
 * ill-conditioned, and it checks the inputs' symmetry per item, as a LinAlgError (scipy: a
 * ValueError). Unlike scipy 1.10, which with `e` multiplies the balanced basis by the
 * unbalanced e (and so fails, or errs, whenever balancing scales), e is balanced with the
 * pencil: the answer is scipy's `balanced=False` one.
 *
 * References: Laub 1979 (doi:10.1109/TAC.1979.1102178), Van Dooren 1981
 * (doi:10.1137/0902010), Benner 2001 (doi:10.1137/S1064827500367993), as scipy cites them.
 *
 * @param a `(..., m, m)`.
 * @param b `(..., m, n)`.
 * @param q `(..., m, m)`, hermitian.
 * @param r `(..., n, n)`, hermitian, nonsingular. A number is a 1 x 1 matrix.
 * @param options `e` `(..., m, m)`, `s` `(..., m, n)`, `balanced` (default true), `errors`,
 * `precision`.
 * @returns X `(..., m, m)`, hermitian.
 * @throws {RangeError} When the shapes do not fit (naming them).
 * @throws {LinAlgError} "Failed to find a finite solution" (U₁₁ singular: no stabilizing
 * solution), "The associated Hamiltonian pencil has eigenvalues too close to the imaginary
 * axis", "Matrix q should be symmetric/hermitian", "Matrix r is numerically singular", "Array
 * must not contain infs or NaNs", naming the item of the stack.
 *
 * @example The LQR gain of a double integrator
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const a = [[0, 1], [0, 0]], b = [[0], [1]];
 * const x = linalg.solveContinuousAre(a, b, [[1, 0], [0, 1]], 1);
 * // X = [[√3, 1], [1, √3]]; the feedback u = -K x with K = R⁻¹ Bᵀ X = [1, √3].
 * const k = linalg.matmul(linalg.matrixTranspose(b), x).toArray() as number[][];
 * assert.ok(Math.abs(k[0][0] - 1) < 1e-12 && Math.abs(k[0][1] - Math.sqrt(3)) < 1e-12);
 * ```
 */
export function solveContinuousAre(
  a: ArrayLike,
  b: ArrayLike,
  q: ArrayLike,
  r: ArrayLike,
  options?: AreOptions,
): NDArray {
  return solveAre("care", a, b, q, r, options);
}

/**
 * Solves the discrete-time algebraic Riccati equation (scipy's `linalg.solve_discrete_are`),
 * for the stabilizing solution X:
 *
 *   Aᴴ X A - X - Aᴴ X B (R + Bᴴ X B)⁻¹ Bᴴ X A + Q = 0,
 *
 * or with `e` and `s` the generalized equation
 *
 *   Aᴴ X A - Eᴴ X E - (Aᴴ X B + S) (R + Bᴴ X B)⁻¹ (Bᴴ X A + Sᴴ) + Q = 0,
 *
 * by scipy 1.10's method: the (2m + n) extended symplectic pencil, balanced (scipy's
 * `balanced=True`), deflated by a QR of its last n columns, its deflating subspace of the
 * eigenvalues inside the unit circle [U₁₁; U₂₁] found by QZ ordered with sort "iuc", and
 * X = U₂₁ U₁₁⁻¹ by LU, made hermitian. Stacks broadcast. As scipy, it does not warn when X is
 * ill-conditioned, and it checks the inputs' symmetry per item, as a LinAlgError (scipy: a
 * ValueError). Unlike scipy 1.10, which with `e` multiplies the balanced basis by the
 * unbalanced e (and so fails, or errs, whenever balancing scales), e is balanced with the
 * pencil: the answer is scipy's `balanced=False` one.
 *
 * References: Laub 1979 (doi:10.1109/TAC.1979.1102178), Van Dooren 1981
 * (doi:10.1137/0902010), Benner 2001 (doi:10.1137/S1064827500367993), as scipy cites them.
 *
 * @param a `(..., m, m)`.
 * @param b `(..., m, n)`.
 * @param q `(..., m, m)`, hermitian.
 * @param r `(..., n, n)`, hermitian. A number is a 1 x 1 matrix.
 * @param options `e` `(..., m, m)`, `s` `(..., m, n)`, `balanced` (default true), `errors`,
 * `precision`.
 * @returns X `(..., m, m)`, hermitian.
 * @throws {RangeError} When the shapes do not fit (naming them).
 * @throws {LinAlgError} "Failed to find a finite solution" (no stabilizing solution), "The
 * associated symplectic pencil has eigenvalues too close to the unit circle", "Matrix q should
 * be symmetric/hermitian", "Array must not contain infs or NaNs", naming the item of the stack.
 *
 * @example The steady-state Kalman gain of a random walk
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * // x[k+1] = x[k] + w (variance 1), y[k] = x[k] + v (variance 1): the filter's Riccati
 * // equation is the dual one, A → Aᵀ, B → Cᵀ.
 * const p = linalg.solveDiscreteAre([[1]], [[1]], [[1]], [[1]]).item() as number;
 * assert.ok(Math.abs(p - (1 + Math.sqrt(5)) / 2) < 1e-12); // the prior covariance: φ
 * const gain = p / (p + 1); // K = P Cᵀ (C P Cᵀ + R)⁻¹
 * assert.ok(Math.abs(gain - 0.6180339887498949) < 1e-12);
 * ```
 */
export function solveDiscreteAre(
  a: ArrayLike,
  b: ArrayLike,
  q: ArrayLike,
  r: ArrayLike,
  options?: AreOptions,
): NDArray {
  return solveAre("dare", a, b, q, r, options);
}

// What linalg.async and createPool may run (./_registry.ts).
register(solveContinuousAre, "solveContinuousAre", 4, ARE_ASYNC_KEYS);
register(solveDiscreteAre, "solveDiscreteAre", 4, ARE_ASYNC_KEYS);
