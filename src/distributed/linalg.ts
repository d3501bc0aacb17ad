/**
 * numpy-named linear algebra on distributed arrays, each a few lines over one ScaLAPACK
 * driver: shape and dtype checks first (the same on every rank, so a bad call is a RangeError
 * or TypeError everywhere), then the routine, then `info` agreed over the grid, so a failure
 * on any rank is the same LinAlgError on every rank.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex, realDType, resultType } from "../dtype.ts";
import { LinAlgError } from "../errors.ts";
import { array, NDArray } from "../ndarray.ts";
import { describeValue } from "../_describe.ts";
import type { Grid } from "./_grid.ts";
import { agreeInfo, checkAlive } from "./_grid.ts";
import { checkKeys, DArray, emptyLike, letterOf } from "./darray.ts";

/** The result of `eigh`. */
export interface DistributedEighResult {
  /** Ascending eigenvalues, an NDArray on every rank. */
  eigenvalues: NDArray;
  /** The eigenvectors as columns, distributed like the input. */
  eigenvectors: DArray;
}

/** The result of `svd` (the reduced SVD: U is m x k, Vh is k x n, k = min(m, n)). */
export interface DistributedSvdResult {
  /** The left singular vectors, m x k, distributed. */
  U: DArray;
  /** Descending singular values, an NDArray on every rank. */
  S: NDArray;
  /** The right singular vectors, conjugate-transposed: k x n, distributed. */
  Vh: DArray;
}

/** The result of `choFactor`, which `choSolve` takes. */
export interface DistributedChoFactorResult {
  /** The factor: upper (c^H c = a) or lower (c c^H = a); the other triangle is zero. */
  c: DArray;
  /** Whether `c` is the lower factor. */
  lower: boolean;
}

/** The result of `lstsq`. */
export interface DistributedLstsqResult {
  /** The solution, n x nrhs. */
  x: DArray;
  /** Squared residual norms per column when m > n, else empty; an NDArray on every rank. */
  residuals: NDArray;
}

/** `world.linalg`: the distributed functions, named as numpy.linalg and scipy.linalg. */
export interface DistributedLinalg {
  /** Solves a x = b (p?gesv, LU with partial pivoting). */
  solve(a: DArray, b: DArray): DArray;
  /** The Cholesky factor (lower, or upper with `{ upper: true }`), p?potrf. */
  cholesky(a: DArray, options?: { upper?: boolean }): DArray;
  /** scipy's cho_factor: the Cholesky factor (upper by default, lower with `{ lower: true }`) and which it is (p?potrf). */
  choFactor(a: DArray, options?: { lower?: boolean }): DistributedChoFactorResult;
  /** scipy's cho_solve: solves a x = b from `choFactor(a)` (p?potrs). */
  choSolve(factor: DistributedChoFactorResult, b: DArray): DArray;
  /** Least squares for a full-rank a (p?gels, QR or LQ). */
  lstsq(a: DArray, b: DArray): DistributedLstsqResult;
  /** Eigenvalues and eigenvectors of a symmetric or Hermitian matrix (p?syevd / p?heevd). */
  eigh(a: DArray, options?: { UPLO?: "L" | "U" }): DistributedEighResult;
  /** The reduced SVD (p?gesvd). */
  svd(a: DArray, options?: { fullMatrices?: false }): DistributedSvdResult;
  /** The singular values only (p?gesvd without vectors), on every rank. */
  svdvals(a: DArray): NDArray;
  /** The inverse (p?getrf + p?getri). */
  inv(a: DArray): DArray;
  /** The determinant, a 0-d NDArray on every rank (p?getrf, then a reduction over the diagonal). */
  det(a: DArray): NDArray;
  /** The matrix product (p?gemm). */
  matmul(a: DArray, b: DArray): DArray;
}

function operand(x: unknown, i: number, fn: string): DArray {
  if (!(x instanceof DArray)) {
    throw new TypeError(
      `Invalid operand ${i} of ${fn}(): expected a distributed array (DArray) made by the world, got ${
        describeValue(x)
      } (use world.scatter to distribute an NDArray)`,
    );
  }
  return x;
}

/**
 * Checks the operands (same grid) and returns the grid, the result dtype, and the operands
 * with operand 0's block size (others are redistributed with p?gemr2d when theirs differs).
 */
function prepare(fn: string, ...xs: unknown[]): { g: Grid; dtype: DType; ops: DArray[] } {
  const ops = xs.map((x, i) => operand(x, i, fn));
  const g = DArray.grid(ops[0]);
  checkAlive(g, fn);
  for (let i = 1; i < ops.length; i++) {
    if (DArray.grid(ops[i]) !== g) {
      throw new RangeError(`Cannot ${fn}(): operands 0 and ${i} live on different grids`);
    }
    if (ops[i].blockSize !== ops[0].blockSize) {
      const o = ops[i];
      const r = emptyLike(ops[0], o.dtype, [o.shape[0], o.shape[1]]);
      redistribute(g, o, r, o.shape[0], o.shape[1]);
      ops[i] = r;
    }
  }
  return { g, dtype: resultType(...ops.map((a) => a.dtype)), ops };
}

function square(a: DArray, fn: string): number {
  if (a.shape[0] !== a.shape[1]) {
    throw new LinAlgError(
      `Last 2 dimensions of the array must be square: ${fn}() got shape (${a.shape[0]}, ${
        a.shape[1]
      })`,
    );
  }
  return a.shape[0];
}

/** A copy in `dtype` (the drivers overwrite their inputs). */
function work(a: DArray, dtype: DType): DArray {
  return a.dtype === dtype ? a.copy() : a.astype(dtype);
}

function P(g: Grid, name: string, dtype: DType) {
  return g.lib.routine(`p${letterOf(dtype)}${name}`);
}

/** Agrees on info; a negative one is a bug of ours (everything was checked), never a hang. */
function agreed(g: Grid, info: number, routine: string): number {
  const i = agreeInfo(g, info);
  if (i < 0) {
    throw new Error(
      `Internal error: ${routine} refused argument ${-i} (please report it with the shapes and block size)`,
    );
  }
  return i;
}

/** The size a workspace query returned, with a small margin. */
function lw(w: FloatArray): number {
  return Math.max(1, Math.ceil(w[0] * 1.01) + 16);
}

function alloc(dtype: DType, n: number): FloatArray {
  return allocData(dtype, Math.max(1, n));
}

function rows(a: DArray, b: DArray, fn: string): void {
  if (b.shape[0] !== a.shape[0]) {
    throw new RangeError(
      `Incompatible dimensions for ${fn}(): a has ${a.shape[0]} rows, b has ${b.shape[0]}`,
    );
  }
}

function redistribute(g: Grid, src: DArray, dst: DArray, m: number, n: number): void {
  if (m > 0 && n > 0) {
    P(g, "gemr2d", src.dtype)(m, n, src.data, 1, 1, src.desc, dst.data, 1, 1, dst.desc, g.ctxt);
  }
}

function solve(a0: DArray, b0: DArray): DArray {
  const { g, dtype, ops: [a, b] } = prepare("solve", a0, b0);
  const n = square(a, "solve");
  rows(a, b, "solve");
  const lu = work(a, dtype);
  const x = work(b, dtype);
  if (n === 0 || b.shape[1] === 0) return x;
  const ipiv = new Int32Array(lu.localShape[0] + lu.blockSize);
  const info = agreed(
    g,
    P(g, "gesv", dtype)(n, b.shape[1], lu.data, 1, 1, lu.desc, ipiv, x.data, 1, 1, x.desc),
    `p${letterOf(dtype)}gesv`,
  );
  if (info > 0) {
    throw new LinAlgError(`Singular matrix: U[${info - 1},${info - 1}] is exactly zero`);
  }
  return x;
}

function zeroTriangle(c: DArray, upper: boolean): void {
  const [mloc, nloc] = c.localShape;
  const cplx = isComplex(c.dtype) ? 2 : 1;
  for (let lj = 0; lj < nloc; lj++) {
    const j = c.globalCol(lj);
    for (let li = 0; li < mloc; li++) {
      const i = c.globalRow(li);
      if (upper ? i > j : i < j) {
        const k = (li + lj * c.lld) * cplx;
        c.data[k] = 0;
        if (cplx === 2) c.data[k + 1] = 0;
      }
    }
  }
}

function upperOption(options: unknown, fn: string): boolean {
  checkKeys(options, fn, ["upper"]);
  const u = (options as { upper?: unknown } | undefined)?.upper;
  if (u !== undefined && typeof u !== "boolean") {
    throw new TypeError(`Invalid upper ${describeValue(u)} for ${fn}(): expected true or false`);
  }
  return u === true;
}

function cholesky(a: DArray, options?: { upper?: boolean }): DArray {
  const upper = upperOption(options, "cholesky");
  const { g, dtype } = prepare("cholesky", a);
  const n = square(a, "cholesky");
  const c = work(a, dtype);
  if (n === 0) return c;
  const uplo = upper ? "U" : "L";
  const info = agreed(g, P(g, "potrf", dtype)(uplo, n, c.data, 1, 1, c.desc), "potrf");
  if (info > 0) {
    throw new LinAlgError(
      `Matrix is not positive definite: the leading minor of order ${info} is not positive`,
    );
  }
  zeroTriangle(c, upper);
  return c;
}

function choFactor(a: DArray, options?: { lower?: boolean }): DistributedChoFactorResult {
  checkKeys(options, "choFactor", ["lower"]);
  const lower = options?.lower ?? false;
  if (typeof lower !== "boolean") {
    throw new TypeError(
      `Invalid lower ${describeValue(lower)} for choFactor(): expected true or false`,
    );
  }
  return { c: cholesky(a, { upper: !lower }), lower };
}

function choSolve(factor: DistributedChoFactorResult, b0: DArray): DArray {
  const what = "Invalid factor for choSolve(): expected { c, lower } from choFactor()";
  if (typeof factor !== "object" || factor === null || !(factor.c instanceof DArray)) {
    throw new TypeError(`${what}, got ${describeValue(factor)}`);
  }
  if (typeof factor.lower !== "boolean") {
    throw new TypeError(`${what}: lower is ${describeValue(factor.lower)}`);
  }
  const { g, dtype, ops: [c, b] } = prepare("choSolve", factor.c, b0);
  const n = square(c, "choSolve");
  rows(c, b, "choSolve");
  const f = c.dtype === dtype ? c : c.astype(dtype);
  const x = work(b, dtype);
  if (n === 0 || b.shape[1] === 0) return x;
  const uplo = factor.lower ? "L" : "U";
  const nrhs = b.shape[1];
  agreed(
    g,
    P(g, "potrs", dtype)(uplo, n, nrhs, f.data, 1, 1, f.desc, x.data, 1, 1, x.desc),
    "potrs",
  );
  return x;
}

function lstsq(a0: DArray, b0: DArray): DistributedLstsqResult {
  const { g, dtype, ops: [a, b] } = prepare("lstsq", a0, b0);
  rows(a, b, "lstsq");
  const [m, n] = a.shape;
  const nrhs = b.shape[1];
  const rdt = realDType(dtype);
  if (m === 0 || n === 0 || nrhs === 0) {
    throw new RangeError(
      `Cannot lstsq() an empty problem: a is (${m}, ${n}), b has ${nrhs} columns`,
    );
  }
  const A = work(a, dtype);
  let B: DArray;
  if (m >= n) B = work(b, dtype);
  else {
    B = emptyLike(b, dtype, [n, nrhs]);
    redistribute(g, b.dtype === dtype ? b : b.astype(dtype), B, m, nrhs);
  }
  const gels = P(g, "gels", dtype);
  const q = alloc(dtype, 1);
  gels("N", m, n, nrhs, A.data, 1, 1, A.desc, B.data, 1, 1, B.desc, q, -1);
  const lwork = lw(q);
  const w = alloc(dtype, lwork);
  const info = agreed(
    g,
    gels("N", m, n, nrhs, A.data, 1, 1, A.desc, B.data, 1, 1, B.desc, w, lwork),
    "gels",
  );
  if (info > 0) {
    throw new LinAlgError(
      `Singular matrix: lstsq() needs a full-rank a (p?gels found rank < ${Math.min(m, n)})`,
    );
  }
  let x = B;
  if (m > n) {
    x = emptyLike(b, dtype, [n, nrhs]);
    redistribute(g, B, x, n, nrhs);
  }
  const res = new Float64Array(m > n ? nrhs : 0);
  if (m > n) {
    const [mloc, nloc] = B.localShape;
    const c = isComplex(dtype) ? 2 : 1;
    for (let lj = 0; lj < nloc; lj++) {
      const j = B.globalCol(lj);
      for (let li = 0; li < mloc; li++) {
        if (B.globalRow(li) < n) continue;
        const k = (li + lj * B.lld) * c;
        res[j] += B.data[k] * B.data[k] + (c === 2 ? B.data[k + 1] * B.data[k + 1] : 0);
      }
    }
    g.lib.dsum(g.ctxt, res);
  }
  return { x, residuals: array(rdt === "float64" ? res : Float32Array.from(res), { dtype: rdt }) };
}

function eigh(a: DArray, options?: { UPLO?: "L" | "U" }): DistributedEighResult {
  checkKeys(options, "eigh", ["UPLO"]);
  const uplo = options?.UPLO ?? "L";
  if (uplo !== "L" && uplo !== "U") {
    throw new TypeError(`Invalid UPLO ${describeValue(uplo)} for eigh(): expected "L" or "U"`);
  }
  const { g, dtype } = prepare("eigh", a);
  const n = square(a, "eigh");
  const rdt = realDType(dtype);
  const A = work(a, dtype);
  const Z = emptyLike(a, dtype);
  const W = alloc(rdt, n);
  if (n === 0) return { eigenvalues: array([], { dtype: rdt }), eigenvectors: Z };
  const iq = new Int32Array(1);
  const q = alloc(dtype, 1);
  const liwmin = 7 * n + 8 * g.npcol + 2;
  let info: number;
  if (isComplex(dtype)) {
    const f = P(g, "heevd", dtype);
    const rq = alloc(rdt, 1);
    f("V", uplo, n, A.data, 1, 1, A.desc, W, Z.data, 1, 1, Z.desc, q, -1, rq, -1, iq, -1);
    const lwork = lw(q), lrwork = lw(rq), liwork = Math.max(iq[0], liwmin);
    info = f(
      "V",
      uplo,
      n,
      A.data,
      1,
      1,
      A.desc,
      W,
      Z.data,
      1,
      1,
      Z.desc,
      alloc(dtype, lwork),
      lwork,
      alloc(rdt, lrwork),
      lrwork,
      new Int32Array(liwork),
      liwork,
    );
  } else {
    const f = P(g, "syevd", dtype);
    f("V", uplo, n, A.data, 1, 1, A.desc, W, Z.data, 1, 1, Z.desc, q, -1, iq, -1);
    const lwork = lw(q), liwork = Math.max(iq[0], liwmin);
    info = f(
      "V",
      uplo,
      n,
      A.data,
      1,
      1,
      A.desc,
      W,
      Z.data,
      1,
      1,
      Z.desc,
      alloc(dtype, lwork),
      lwork,
      new Int32Array(liwork),
      liwork,
    );
  }
  if (agreed(g, info, isComplex(dtype) ? "heevd" : "syevd") > 0) {
    throw new LinAlgError(
      `Eigenvalues did not converge: p?${
        isComplex(dtype) ? "heevd" : "syevd"
      } failed (info ${info})`,
    );
  }
  return { eigenvalues: new NDArray(W.subarray(0, n), rdt, [n]), eigenvectors: Z };
}

function gesvd(a: DArray, vectors: boolean, fn: string): { U: DArray; S: NDArray; Vh: DArray } {
  const { g, dtype } = prepare(fn, a);
  const [m, n] = a.shape;
  if (m === 0 || n === 0) {
    throw new RangeError(`Cannot ${fn}() an empty matrix of shape (${m}, ${n})`);
  }
  const k = Math.min(m, n);
  const rdt = realDType(dtype);
  const A = work(a, dtype);
  const U = emptyLike(a, dtype, vectors ? [m, k] : [1, 1]);
  const Vt = emptyLike(a, dtype, vectors ? [k, n] : [1, 1]);
  const S = alloc(rdt, k);
  const job = vectors ? "V" : "N";
  const f = P(g, "gesvd", dtype);
  const q = alloc(dtype, 1);
  const args = (
    w: FloatArray,
    l: number,
  ) => [
    job,
    job,
    m,
    n,
    A.data,
    1,
    1,
    A.desc,
    S,
    U.data,
    1,
    1,
    U.desc,
    Vt.data,
    1,
    1,
    Vt.desc,
    w,
    l,
  ];
  let info: number;
  if (isComplex(dtype)) {
    const rw = alloc(rdt, 1 + 4 * Math.max(m, n) + 64);
    f(...args(q, -1), rw);
    const lwork = lw(q);
    const rwork = rw[0] > rw.length ? alloc(rdt, lw(rw)) : rw;
    info = f(...args(alloc(dtype, lwork), lwork), rwork);
  } else {
    f(...args(q, -1));
    const lwork = lw(q);
    info = f(...args(alloc(dtype, lwork), lwork));
  }
  if (agreed(g, info, "gesvd") > 0) {
    throw new LinAlgError(`SVD did not converge: p?gesvd failed (info ${info})`);
  }
  return { U, S: new NDArray(S.subarray(0, k), rdt, [k]), Vh: Vt };
}

function svd(a: DArray, options?: { fullMatrices?: false }): DistributedSvdResult {
  checkKeys(options, "svd", ["fullMatrices"]);
  const fm = options?.fullMatrices;
  if (fm !== undefined && fm !== false) {
    throw new TypeError(
      `Unsupported fullMatrices ${
        describeValue(fm)
      } for the distributed svd(): ScaLAPACK's p?gesvd computes the reduced SVD only (U is m x k, Vh is k x n, k = min(m, n))`,
    );
  }
  return gesvd(a, true, "svd");
}

function svdvals(a: DArray): NDArray {
  return gesvd(a, false, "svdvals").S;
}

function getrf(g: Grid, A: DArray, dtype: DType): { info: number; ipiv: Int32Array } {
  const n = A.shape[0];
  const ipiv = new Int32Array(A.localShape[0] + A.blockSize);
  const info = agreed(g, P(g, "getrf", dtype)(n, n, A.data, 1, 1, A.desc, ipiv), "getrf");
  return { info, ipiv };
}

function inv(a: DArray): DArray {
  const { g, dtype } = prepare("inv", a);
  const n = square(a, "inv");
  const A = work(a, dtype);
  if (n === 0) return A;
  const { info, ipiv } = getrf(g, A, dtype);
  if (info > 0) {
    throw new LinAlgError(`Singular matrix: U[${info - 1},${info - 1}] is exactly zero`);
  }
  const f = P(g, "getri", dtype);
  const q = alloc(dtype, 1);
  const iq = new Int32Array(1);
  f(n, A.data, 1, 1, A.desc, ipiv, q, -1, iq, -1);
  const lwork = lw(q);
  const liwork = Math.max(1, iq[0] + 16);
  const i2 = agreed(
    g,
    f(n, A.data, 1, 1, A.desc, ipiv, alloc(dtype, lwork), lwork, new Int32Array(liwork), liwork),
    "getri",
  );
  if (i2 > 0) throw new LinAlgError(`Singular matrix: U[${i2 - 1},${i2 - 1}] is exactly zero`);
  return A;
}

function det(a: DArray): NDArray {
  const { g, dtype } = prepare("det", a);
  const n = square(a, "det");
  const cplx = isComplex(dtype);
  if (n === 0) return array(cplx ? { re: 1, im: 0 } : 1, { dtype });
  const A = work(a, dtype);
  const { info, ipiv } = getrf(g, A, dtype);
  if (info > 0) return array(cplx ? { re: 0, im: 0 } : 0, { dtype });
  // log|d|, the number of negative diagonal entries (or the sum of their angles), and swaps.
  const acc = new Float64Array(3);
  const [mloc, nloc] = A.localShape;
  for (let lj = 0; lj < nloc; lj++) {
    const j = A.globalCol(lj);
    for (let li = 0; li < mloc; li++) {
      if (A.globalRow(li) !== j) continue;
      const k = li + lj * A.lld;
      if (cplx) {
        const re = A.data[2 * k], im = A.data[2 * k + 1];
        acc[0] += Math.log(Math.hypot(re, im));
        acc[1] += Math.atan2(im, re);
      } else {
        acc[0] += Math.log(Math.abs(A.data[k]));
        if (A.data[k] < 0) acc[1] += 1;
      }
    }
  }
  // IPIV is held by every process column: count the swaps in column 0 only.
  if (g.mycol === 0) {
    for (let li = 0; li < mloc; li++) if (ipiv[li] !== A.globalRow(li) + 1) acc[2] += 1;
  }
  g.lib.dsum(g.ctxt, acc);
  const swaps = acc[2] % 2;
  const mag = Math.exp(acc[0]);
  if (cplx) {
    const phase = acc[1] + Math.PI * swaps;
    return array({ re: mag * Math.cos(phase), im: mag * Math.sin(phase) }, { dtype });
  }
  return array((acc[1] + swaps) % 2 === 0 ? mag : -mag, { dtype });
}

function matmul(a0: DArray, b0: DArray): DArray {
  const { g, dtype, ops: [a, b] } = prepare("matmul", a0, b0);
  const [m, k] = a.shape;
  if (b.shape[0] !== k) {
    throw new RangeError(
      `matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size ${
        b.shape[0]
      } is different from ${k})`,
    );
  }
  const n = b.shape[1];
  const A = a.dtype === dtype ? a : a.astype(dtype);
  const B = b.dtype === dtype ? b : b.astype(dtype);
  const C = emptyLike(a, dtype, [m, n]);
  if (m === 0 || n === 0 || k === 0) return C;
  const one = alloc(dtype, 1);
  one[0] = 1;
  const zero = alloc(dtype, 1);
  P(g, "gemm", dtype)(
    "N",
    "N",
    m,
    n,
    k,
    one,
    A.data,
    1,
    1,
    A.desc,
    B.data,
    1,
    1,
    B.desc,
    zero,
    C.data,
    1,
    1,
    C.desc,
  );
  return C;
}

/** The `world.linalg` object. */
export function makeLinalg(): DistributedLinalg {
  return Object.freeze({
    solve,
    cholesky,
    choFactor,
    choSolve,
    lstsq,
    eigh,
    svd,
    svdvals,
    inv,
    det,
    matmul,
  });
}
