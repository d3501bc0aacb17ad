/**
 * Generalized eigenproblems on stacks, scipy's extensions of `eigh`/`eigvalsh` and
 * `eig`/`eigvals` with a second matrix: `A v = w B v` for Hermitian A and Hermitian
 * positive-definite B (`?sygvd`, `?hegvd`: divide and conquer after a Cholesky
 * factorization of B), and for general A, B (`?ggev`: the QZ algorithm; an eigenvalue
 * alpha / beta with beta = 0 is Infinity, 0 / 0 is NaN, as scipy's).
 *
 * @module
 */
import type { FloatArray } from "../dtype.ts";
import { allocData, complexDType, isComplex, realDType } from "../dtype.ts";
import type { NDArray } from "../ndarray.ts";
import type { Dims, GufuncOptions, GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { intArray, routine } from "../../ffi/backend.ts";
import { complexLetter, realLetter } from "../drivers/_plan.ts";
import { complexEigenvectors } from "../drivers/geev.ts";
import { letter, lwork } from "./_util.ts";
import { ALL } from "./_scipy.ts";

// --- Hermitian-definite: sygvd / hegvd --------------------------------------------------------

const gvdKernel =
  (itype: number, jobz: "N" | "V", uplo: "L" | "U"): KernelFactory => ({ dims: { m }, dtype }) => {
    const ld = Math.max(1, m);
    const dummy = allocData(dtype, 1);
    const rdummy = allocData(realDType(dtype), 1);
    const q = allocData(dtype, 1);
    const iq = intArray(1);
    if (!isComplex(dtype)) {
      const sygvd = routine(`${realLetter(dtype)}sygvd`);
      sygvd(itype, jobz, uplo, m, dummy, ld, dummy, ld, rdummy, q, -1, iq, -1);
      const work = allocData(dtype, lwork(q));
      const liwork = Math.max(1, iq[0]);
      const iwork = intArray(liwork);
      return ([a, b, w]) =>
        sygvd(itype, jobz, uplo, m, a, ld, b, ld, w, work, work.length, iwork, liwork);
    }
    const hegvd = routine(`${complexLetter(dtype)}hegvd`);
    const rq = allocData(realDType(dtype), 1);
    hegvd(itype, jobz, uplo, m, dummy, ld, dummy, ld, rdummy, q, -1, rq, -1, iq, -1);
    const lw = lwork(q);
    const work = allocData(dtype, lw);
    const rwork = allocData(realDType(dtype), lwork(rq));
    const liwork = Math.max(1, iq[0]);
    const iwork = intArray(liwork);
    return ([a, b, w]) =>
      hegvd(itype, jobz, uplo, m, a, ld, b, ld, w, work, lw, rwork, rwork.length, iwork, liwork);
  };

const gvdFailure = (info: number, { m }: Dims) =>
  info > m
    ? `The leading minor of order ${
      info - m
    } of B is not positive definite: the factorization of B could not be completed and no eigenvalues or eigenvectors were computed`
    : `Eigenvalues did not converge: the divide and conquer algorithm failed (LAPACK info ${info})`;

const specs = new Map<string, GufuncSpec>();
function gvdSpec(itype: number, vectors: boolean, uplo: "L" | "U"): GufuncSpec {
  const key = `${itype}${vectors}${uplo}`;
  let s = specs.get(key);
  if (s === undefined) {
    s = vectors
      ? {
        name: "eigh",
        signature: "(m,m),(m,m)->(m),(m,m)",
        inplace: [-1, 0],
        outDTypes: [realDType, (d) => d],
        kernels: ALL(gvdKernel(itype, "V", uplo)),
        failure: gvdFailure,
      }
      : {
        name: "eigvalsh",
        signature: "(m,m),(m,m)->(m)",
        outDTypes: [realDType],
        kernels: ALL(gvdKernel(itype, "N", uplo)),
        failure: gvdFailure,
      };
    specs.set(key, s);
  }
  return s;
}

/**
 * `eigh(a, b)` / `eigvalsh(a, b)`: `itype` 1 (`A v = w B v`), 2 (`A B v = w v`) or 3
 * (`B A v = w v`); eigenvectors B-orthonormal (`Vᴴ B V = I` for 1 and 2). Internal: the
 * public functions are `eigh` and `eigvalsh` of eig.ts.
 */
export function generalizedEigh(
  a: NDArray,
  b: NDArray,
  itype: number,
  uplo: "L" | "U",
  vectors: boolean,
  options: GufuncOptions | undefined,
): NDArray[] {
  return runGufunc(gvdSpec(itype, vectors, uplo), [a, b], options);
}

// --- General: ggev ----------------------------------------------------------------------------

/** Finite check of a column-major block (scipy's check_finite). */
function finite(a: FloatArray): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] - a[i] !== 0) return false;
  return true;
}

/** w = alpha / beta as scipy's `_make_eigvals`: beta = 0 gives Infinity (NaN for 0 / 0). */
function ratio(w: FloatArray, j: number, ar: number, ai: number, br: number, bi: number) {
  if (br === 0 && bi === 0) {
    const zero = ar === 0 && ai === 0;
    w[2 * j] = zero ? NaN : Infinity;
    w[2 * j + 1] = zero ? NaN : 0;
    return;
  }
  const d = br * br + bi * bi;
  w[2 * j] = (ar * br + ai * bi) / d;
  w[2 * j + 1] = (ai * br - ar * bi) / d;
}

/** Scales each column of the complex column-major `m x m` block v to unit 2-norm. */
function normalize(v: FloatArray, m: number) {
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += v[2 * (i + j * m)] ** 2 + v[2 * (i + j * m) + 1] ** 2;
    const c = s > 0 ? 1 / Math.sqrt(s) : 1;
    for (let i = 0; i < 2 * m; i++) v[2 * j * m + i] *= c;
  }
}

const ggevKernel = (jobvr: "N" | "V"): KernelFactory => ({ dims: { m }, dtype }) => {
  const t = letter(dtype);
  const ggev = routine(`${t}ggev`);
  const ld = Math.max(1, m);
  const ldvr = jobvr === "V" ? ld : 1;
  const dummy = allocData(dtype, 1);
  const q = allocData(dtype, 1);
  if (isComplex(dtype)) {
    const rwork = allocData(realDType(dtype), 8 * m);
    const alpha = allocData(dtype, m);
    const beta = allocData(dtype, m);
    ggev("N", jobvr, m, dummy, ld, dummy, ld, alpha, beta, dummy, 1, dummy, ldvr, q, -1, rwork);
    const lw = lwork(q);
    const work = allocData(dtype, lw);
    return ([a, b, w, v]) => {
      if (!finite(a) || !finite(b)) return m + 3;
      const info = ggev(
        "N",
        jobvr,
        m,
        a,
        ld,
        b,
        ld,
        alpha,
        beta,
        dummy,
        1,
        v ?? dummy,
        ldvr,
        work,
        lw,
        rwork,
      );
      if (info !== 0) return info;
      for (let j = 0; j < m; j++) {
        ratio(w, j, alpha[2 * j], alpha[2 * j + 1], beta[2 * j], beta[2 * j + 1]);
      }
      if (v !== undefined) normalize(v, m);
      return 0;
    };
  }
  const ar = allocData(dtype, m);
  const ai = allocData(dtype, m);
  const beta = allocData(dtype, m);
  const vr = allocData(dtype, jobvr === "V" ? m * m : 1);
  ggev("N", jobvr, m, dummy, ld, dummy, ld, ar, ai, beta, dummy, 1, vr, ldvr, q, -1);
  const lw = lwork(q);
  const work = allocData(dtype, lw);
  return ([a, b, w, v]) => {
    if (!finite(a) || !finite(b)) return m + 3;
    const info = ggev("N", jobvr, m, a, ld, b, ld, ar, ai, beta, dummy, 1, vr, ldvr, work, lw);
    if (info !== 0) return info;
    for (let j = 0; j < m; j++) ratio(w, j, ar[j], ai[j], beta[j], 0);
    if (v === undefined) return 0;
    complexEigenvectors(vr, ai, v, m);
    normalize(v, m);
    return 0;
  };
};

const ggevFailure = (info: number, { m }: Dims) =>
  info === m + 3
    ? "Array must not contain infs or NaNs"
    : info > m
    ? `Generalized eigenvalue problem failed: LAPACK ggev info ${info}`
    : `Eigenvalues did not converge: the QZ iteration failed (LAPACK info ${info})`;

const GGEV: GufuncSpec = {
  name: "eig",
  signature: "(m,m),(m,m)->(m),(m,m)",
  outDTypes: [complexDType, complexDType],
  kernels: ALL(ggevKernel("V")),
  failure: ggevFailure,
};
const GGEV_VALS: GufuncSpec = {
  name: "eigvals",
  signature: "(m,m),(m,m)->(m)",
  outDTypes: [complexDType],
  kernels: ALL(ggevKernel("N")),
  failure: ggevFailure,
};

/**
 * `eig(a, b)` / `eigvals(a, b)`: complex eigenvalues (always complex, as scipy's) and
 * unit-norm right eigenvectors. Internal: the public functions are in eig.ts.
 */
export function generalizedEig(
  a: NDArray,
  b: NDArray,
  vectors: boolean,
  options: GufuncOptions | undefined,
): NDArray[] {
  return runGufunc(vectors ? GGEV : GGEV_VALS, [a, b], options);
}
