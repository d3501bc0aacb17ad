/**
 * `lapack`: the raw LAPACK and BLAS routines of dlapack's symbol table (`ffi/symbols.ts`),
 * typed, for people who know LAPACK (like `scipy.linalg.lapack`). Column-major; Fortran
 * argument order without INFO; INFO is returned (positive INFO is a result, not an error).
 * Integers are numbers, CHARACTER arguments one-letter strings, real scalars numbers, arrays
 * typed arrays: Float32Array for the s and c routines, Float64Array for d and z (complex
 * arrays interleaved, 2 floats per element), integer arrays from `lapack.intArray(n)`
 * (`lapack.intStride()` Int32 words per integer: 2 on ILP64 libraries). BLAS alpha and beta
 * are typed arrays of one element.
 *
 * No argument can crash the process: before a call crosses the boundary every argument is
 * checked against one requirement table below, written once per routine template (as the
 * symbol table is) and applied to its s/d/c/z variants: integer ranges (leading dimensions,
 * LWORK minimums, increments), CHARACTER letters, typed-array classes, detached buffers,
 * array lengths (what LAPACK will touch, from the documented formulas, rounded up where
 * LAPACK versions differ), overlaps between arrays LAPACK writes, pivot indices of
 * `getrs`/`getri`, and finite input for the iterative drivers (`geev`, `syevd`/`heevd`,
 * `gesdd`, `gesvd`, `gelsd`), which LAPACK may loop on or reject with a negative INFO. A
 * violation throws TypeError (wrong type or class) or RangeError (wrong value or size) naming
 * the routine (in upper case, as LAPACK's XERBLA does), the argument and the numbers:
 * `DGETRF: LDA = 2 must be >= max(1,M) = max(1,3) = 3`. LAPACK's own checks are never
 * reached: reference LAPACK's XERBLA stops the process.
 *
 * LWORK is accepted when it is -1 (a workspace query: each workspace then needs one element),
 * at least LAPACK's documented minimum, or at least what the library's own workspace query
 * asks for with the same arguments (the documented minimum of `gesdd`, `gesvd`, `gelsd` and
 * `geqrf` covers every code path, and can exceed the optimal size of the path taken), so the
 * usual query-then-call pattern always works.
 *
 * What no check can cover is a library reading past an array by itself: OpenBLAS 0.3.21's
 * complex gemv kernels on Haswell and later read a little past their matrix (OpenBLAS issue
 * #4013), which faults when the array ends at the end of mapped memory. Update such a library.
 *
 * @module
 */
import { constructorName } from "./_describe.ts";
import type { NativeFunction } from "../ffi/runtime.ts";
import type { Routine } from "../ffi/symbols.ts";
import { ROUTINE } from "../ffi/symbols.ts";
import { intStride as backendIntStride, routine as bindRoutine } from "../ffi/backend.ts";

// ---------------------------------------------------------------------------------------------
// Types: one signature per template, over the float array class F.

/** TRANS of `getrs`, `trtrs`, `gemm`, `gemv`: no transpose, transpose, conjugate transpose. */
export type Trans = "N" | "T" | "C";
/** UPLO: upper or lower triangle. */
export type Uplo = "U" | "L";
/** DIAG of `trtrs`: non-unit or unit diagonal. */
export type Diag = "N" | "U";
/** JOBZ of `syevd`/`heevd`, JOBVL/JOBVR of `geev`: no vectors or vectors. */
export type JobV = "N" | "V";
/** JOBZ of `gesdd`, JOBU/JOBVT of `gesvd`: all, some (thin), overwrite A, none. */
export type JobSvd = "A" | "S" | "O" | "N";
/** NORM of `gecon`: one-norm ("1" or "O") or infinity-norm ("I"). */
export type Norm = "1" | "O" | "I";

/** The templates the real (s, d) and complex (c, z) variants share, over the array class F. */
export interface SharedRoutines<F> {
  /** `xGESV( N, NRHS, A, LDA, IPIV, B, LDB, INFO )`: solves A X = B by LU; returns INFO. */
  gesv(n: number, nrhs: number, a: F, lda: number, ipiv: Int32Array, b: F, ldb: number): number;
  /** `xGETRF( M, N, A, LDA, IPIV, INFO )`: LU factorization with partial pivoting. */
  getrf(m: number, n: number, a: F, lda: number, ipiv: Int32Array): number;
  /** `xGETRS( TRANS, N, NRHS, A, LDA, IPIV, B, LDB, INFO )`: solves with the LU of `getrf`. */
  getrs(
    trans: Trans,
    n: number,
    nrhs: number,
    a: F,
    lda: number,
    ipiv: Int32Array,
    b: F,
    ldb: number,
  ): number;
  /** `xGETRI( N, A, LDA, IPIV, WORK, LWORK, INFO )`: inverse from the LU of `getrf`. */
  getri(n: number, a: F, lda: number, ipiv: Int32Array, work: F, lwork: number): number;
  /** `xPOTRF( UPLO, N, A, LDA, INFO )`: Cholesky factorization. */
  potrf(uplo: Uplo, n: number, a: F, lda: number): number;
  /** `xPOTRS( UPLO, N, NRHS, A, LDA, B, LDB, INFO )`: solves with the Cholesky factor. */
  potrs(uplo: Uplo, n: number, nrhs: number, a: F, lda: number, b: F, ldb: number): number;
  /** `xGEQRF( M, N, A, LDA, TAU, WORK, LWORK, INFO )`: QR factorization. */
  geqrf(m: number, n: number, a: F, lda: number, tau: F, work: F, lwork: number): number;
  /** `xTRTRS( UPLO, TRANS, DIAG, N, NRHS, A, LDA, B, LDB, INFO )`: triangular solve. */
  trtrs(
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    n: number,
    nrhs: number,
    a: F,
    lda: number,
    b: F,
    ldb: number,
  ): number;
  /** `xGEMM( TRANSA, TRANSB, M, N, K, ALPHA, A, LDA, B, LDB, BETA, C, LDC )`; returns 0. */
  gemm(
    transa: Trans,
    transb: Trans,
    m: number,
    n: number,
    k: number,
    alpha: F,
    a: F,
    lda: number,
    b: F,
    ldb: number,
    beta: F,
    c: F,
    ldc: number,
  ): number;
  /** `xGEMV( TRANS, M, N, ALPHA, A, LDA, X, INCX, BETA, Y, INCY )`; returns 0. */
  gemv(
    trans: Trans,
    m: number,
    n: number,
    alpha: F,
    a: F,
    lda: number,
    x: F,
    incx: number,
    beta: F,
    y: F,
    incy: number,
  ): number;
  /** `xCOPY( N, X, INCX, Y, INCY )`; returns 0. */
  copy(n: number, x: F, incx: number, y: F, incy: number): number;
}

/** The real templates (s: Float32Array, d: Float64Array). */
export interface RealRoutines<F> extends SharedRoutines<F> {
  /** `xSYEVD( JOBZ, UPLO, N, A, LDA, W, WORK, LWORK, IWORK, LIWORK, INFO )`. */
  syevd(
    jobz: JobV,
    uplo: Uplo,
    n: number,
    a: F,
    lda: number,
    w: F,
    work: F,
    lwork: number,
    iwork: Int32Array,
    liwork: number,
  ): number;
  /** `xGEEV( JOBVL, JOBVR, N, A, LDA, WR, WI, VL, LDVL, VR, LDVR, WORK, LWORK, INFO )`. */
  geev(
    jobvl: JobV,
    jobvr: JobV,
    n: number,
    a: F,
    lda: number,
    wr: F,
    wi: F,
    vl: F,
    ldvl: number,
    vr: F,
    ldvr: number,
    work: F,
    lwork: number,
  ): number;
  /** `xGESDD( JOBZ, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, IWORK, INFO )`. */
  gesdd(
    jobz: JobSvd,
    m: number,
    n: number,
    a: F,
    lda: number,
    s: F,
    u: F,
    ldu: number,
    vt: F,
    ldvt: number,
    work: F,
    lwork: number,
    iwork: Int32Array,
  ): number;
  /** `xGESVD( JOBU, JOBVT, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, INFO )`. */
  gesvd(
    jobu: JobSvd,
    jobvt: JobSvd,
    m: number,
    n: number,
    a: F,
    lda: number,
    s: F,
    u: F,
    ldu: number,
    vt: F,
    ldvt: number,
    work: F,
    lwork: number,
  ): number;
  /** `xORGQR( M, N, K, A, LDA, TAU, WORK, LWORK, INFO )`: Q of `geqrf`. */
  orgqr(
    m: number,
    n: number,
    k: number,
    a: F,
    lda: number,
    tau: F,
    work: F,
    lwork: number,
  ): number;
  /** `xGELSD( M, N, NRHS, A, LDA, B, LDB, S, RCOND, RANK, WORK, LWORK, IWORK, INFO )`. */
  gelsd(
    m: number,
    n: number,
    nrhs: number,
    a: F,
    lda: number,
    b: F,
    ldb: number,
    s: F,
    rcond: number,
    rank: Int32Array,
    work: F,
    lwork: number,
    iwork: Int32Array,
  ): number;
  /** `xGECON( NORM, N, A, LDA, ANORM, RCOND, WORK, IWORK, INFO )`. */
  gecon(
    norm: Norm,
    n: number,
    a: F,
    lda: number,
    anorm: number,
    rcond: F,
    work: F,
    iwork: Int32Array,
  ): number;
  /** `xDOT( N, X, INCX, Y, INCY )`: returns the dot product. */
  dot(n: number, x: F, incx: number, y: F, incy: number): number;
}

/** The complex templates (c: Float32Array, z: Float64Array, 2 floats per complex element). */
export interface ComplexRoutines<F> extends SharedRoutines<F> {
  /** `xHEEVD( JOBZ, UPLO, N, A, LDA, W, WORK, LWORK, RWORK, LRWORK, IWORK, LIWORK, INFO )`. */
  heevd(
    jobz: JobV,
    uplo: Uplo,
    n: number,
    a: F,
    lda: number,
    w: F,
    work: F,
    lwork: number,
    rwork: F,
    lrwork: number,
    iwork: Int32Array,
    liwork: number,
  ): number;
  /** `xGEEV( JOBVL, JOBVR, N, A, LDA, W, VL, LDVL, VR, LDVR, WORK, LWORK, RWORK, INFO )`. */
  geev(
    jobvl: JobV,
    jobvr: JobV,
    n: number,
    a: F,
    lda: number,
    w: F,
    vl: F,
    ldvl: number,
    vr: F,
    ldvr: number,
    work: F,
    lwork: number,
    rwork: F,
  ): number;
  /** `xGESDD( JOBZ, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, RWORK, IWORK, INFO )`. */
  gesdd(
    jobz: JobSvd,
    m: number,
    n: number,
    a: F,
    lda: number,
    s: F,
    u: F,
    ldu: number,
    vt: F,
    ldvt: number,
    work: F,
    lwork: number,
    rwork: F,
    iwork: Int32Array,
  ): number;
  /** `xGESVD( JOBU, JOBVT, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, RWORK, INFO )`. */
  gesvd(
    jobu: JobSvd,
    jobvt: JobSvd,
    m: number,
    n: number,
    a: F,
    lda: number,
    s: F,
    u: F,
    ldu: number,
    vt: F,
    ldvt: number,
    work: F,
    lwork: number,
    rwork: F,
  ): number;
  /** `xUNGQR( M, N, K, A, LDA, TAU, WORK, LWORK, INFO )`: Q of `geqrf`. */
  ungqr(
    m: number,
    n: number,
    k: number,
    a: F,
    lda: number,
    tau: F,
    work: F,
    lwork: number,
  ): number;
  /** `xGELSD( M, N, NRHS, A, LDA, B, LDB, S, RCOND, RANK, WORK, LWORK, RWORK, IWORK, INFO )`. */
  gelsd(
    m: number,
    n: number,
    nrhs: number,
    a: F,
    lda: number,
    b: F,
    ldb: number,
    s: F,
    rcond: number,
    rank: Int32Array,
    work: F,
    lwork: number,
    rwork: F,
    iwork: Int32Array,
  ): number;
  /** `xGECON( NORM, N, A, LDA, ANORM, RCOND, WORK, RWORK, INFO )`. */
  gecon(
    norm: Norm,
    n: number,
    a: F,
    lda: number,
    anorm: number,
    rcond: F,
    work: F,
    rwork: F,
  ): number;
}

/** `T`'s members renamed with the type letter `P` in front (`getrf` -> `dgetrf`). */
export type Prefixed<P extends string, T> = { [K in keyof T as `${P}${K & string}`]: T[K] };

/** The `lapack` namespace: every routine of the symbol table, and the integer-array helpers. */
export type Lapack =
  & Prefixed<"s", RealRoutines<Float32Array>>
  & Prefixed<"d", RealRoutines<Float64Array>>
  & Prefixed<"c", ComplexRoutines<Float32Array>>
  & Prefixed<"z", ComplexRoutines<Float64Array>>
  & {
    /**
     * An integer array for `n` LAPACK integers (IPIV, IWORK, RANK), zero-filled: an
     * Int32Array of `n * intStride()` words. Throws a TypeError for an `n` that is not a
     * number, a RangeError for one that is not an integer >= 0 or cannot be allocated.
     */
    intArray(n: number): Int32Array;
    /** Int32 words per LAPACK integer: 1 (LP64), 2 (ILP64; integer `i` is at word `2*i`). */
    intStride(): 1 | 2;
  };

// ---------------------------------------------------------------------------------------------
// Formulas: a tiny expression language, so that each requirement is written once and the
// message shows it with its numbers ("LDA*N = 3*3 = 9"). Names: arguments (upper case) and
// derived values (lower case); operators + - * ( ); functions min, max, abs.

type Vals = Record<string, number | string | boolean>;
/** A formula, or a function choosing one from the CHARACTER arguments and sizes. */
type Formula = string | ((v: Vals) => string);
type Compiled = (get: (name: string) => number) => number;

const compiledCache = new Map<string, Compiled>();

/** The compiled formula of a static formula string: compiled once, kept on a small table. */
const staticFormulas: Record<string, Compiled> = Object.create(null);
function precompiled(src: string): Compiled {
  return staticFormulas[src] ??= compile(src);
}

function compile(src: string): Compiled {
  const hit = compiledCache.get(src);
  if (hit !== undefined) return hit;
  const tokens = src.match(/\d+|[A-Za-z_]\w*|[-+*(),]/g) ?? [];
  if (tokens.join("") !== src.replace(/\s+/g, "")) throw new Error(`Bad formula ${src}`);
  let i = 0;
  const peek = () => tokens[i];
  const eat = (t: string) => {
    if (tokens[i] !== t) throw new Error(`Bad formula ${src}: expected ${t} at token ${i}`);
    i++;
  };
  const FUNCS: Record<string, (xs: number[]) => number> = {
    min: (xs) => Math.min(...xs),
    max: (xs) => Math.max(...xs),
    abs: (xs) => Math.abs(xs[0]),
  };
  function atom(): Compiled {
    const t = tokens[i++];
    if (t === "(") {
      const e = sum();
      eat(")");
      return e;
    }
    if (t === "-") {
      const e = atom();
      return (g) => -e(g);
    }
    if (/^\d+$/.test(t)) {
      const n = Number(t);
      return () => n;
    }
    if (t !== undefined && /^[A-Za-z_]/.test(t)) {
      if (peek() === "(") {
        const f = FUNCS[t];
        if (f === undefined) throw new Error(`Bad formula ${src}: unknown function ${t}`);
        eat("(");
        const args: Compiled[] = [sum()];
        while (peek() === ",") {
          eat(",");
          args.push(sum());
        }
        eat(")");
        return (g) => f(args.map((a) => a(g)));
      }
      return (g) => g(t);
    }
    throw new Error(`Bad formula ${src}: unexpected ${t}`);
  }
  function product(): Compiled {
    let e = atom();
    while (peek() === "*") {
      eat("*");
      const l = e, r = atom();
      e = (g) => l(g) * r(g);
    }
    return e;
  }
  function sum(): Compiled {
    let e = product();
    while (peek() === "+" || peek() === "-") {
      const op = tokens[i++];
      const l = e, r = product();
      e = op === "+" ? (g) => l(g) + r(g) : (g) => l(g) - r(g);
    }
    return e;
  }
  const e = sum();
  if (i !== tokens.length) throw new Error(`Bad formula ${src}: trailing ${tokens[i]}`);
  compiledCache.set(src, e);
  return e;
}

// ---------------------------------------------------------------------------------------------
// The requirement table.

/** A rule for an INTEGER argument. */
interface IntRule {
  /** "min": value >= lo (and <= hi); "work": value >= lo or -1 (query); "inc": value != 0. */
  kind: "min" | "work" | "inc";
  lo?: Formula;
  hi?: Formula;
}
/** A rule for an array argument (or BLAS scalar): its kind, size and role. */
interface ArrRule {
  /** x: element type (complex for c/z); f: real of the precision; i: LAPACK integer. */
  kind: "x" | "f" | "i";
  /** Elements LAPACK may touch. */
  size: Formula;
  /** LAPACK only reads it (it may overlap other read-only arrays). */
  readOnly: boolean;
  /** A workspace: a workspace query (some LWORK = -1) touches at most its first element. */
  work: boolean;
}
/** A matrix region that must hold finite numbers. */
interface FiniteRule {
  a: string;
  rows: string;
  cols: string;
  ld: string;
  /** Only the triangle named by this CHARACTER argument is read. */
  uplo?: string;
}
/** The requirements of one routine template, for all its type variants. */
interface Spec {
  /** Derived values: a formula, or a function of the other values computing the number. */
  let?: Record<string, string | ((get: (name: string) => number) => number)>;
  /** Allowed letters of each CHARACTER argument (either case is accepted). */
  chars?: Record<string, string>;
  ints: Record<string, IntRule>;
  /** Real scalars: "nonneg" (finite, >= 0) or "any" (not NaN). */
  reals?: Record<string, "nonneg" | "any">;
  arrays: Record<string, ArrRule>;
  /** A cross-argument rule; returns the message of a violation. */
  check?: (v: Vals) => string | undefined;
  /** Pivot indices that must be in 1..n (read by LAPACK as row or column indices). */
  pivots?: { a: string; n: string };
  finite?: FiniteRule[];
}

const dim: IntRule = { kind: "min", lo: "0" };
const atLeast = (lo: Formula, hi?: Formula): IntRule => ({ kind: "min", lo, hi });
const lwork = (lo: Formula): IntRule => ({ kind: "work", lo });
const inc: IntRule = { kind: "inc" };
const arr = (kind: ArrRule["kind"]) => (size: Formula, flags = ""): ArrRule => ({
  kind,
  size,
  readOnly: flags.includes("r"),
  work: flags.includes("w"),
});
const x = arr("x");
const f = arr("f");
const i = arr("i");

/** Length of a BLAS vector of `n` elements with increment `incName`. */
const vec = (n: string, incName: string) => {
  const formula = `1+(${n}-1)*abs(${incName})`;
  return (v: Vals): string => (v[n] as number) > 0 ? formula : "0";
};

/**
 * NLVL of `gelsd` for SMLSIZ = 25: LAPACK computes MAX(INT(LOG(MN/26)/LOG(2)) + 1, 0) in
 * floating point; this is the exact value, rounded up at the boundaries where a libm could
 * round the other way (MN = 13 and MN = 26 * 2^k).
 */
function gelsdLevels(mn: number): number {
  if (mn <= 12) return 0;
  if (mn < 26) return 1;
  let k = 1;
  while (26 * 2 ** k <= mn) k++;
  return k;
}

/** The formula for the value of a CHARACTER argument. */
const pick = (c: Vals[string], table: Record<string, string>): string => table[c as string];

const wantsU = (v: Vals) => v.JOBZ === "A" || v.JOBZ === "S" || (v.JOBZ === "O" && v.M < v.N);
const wantsVT = (v: Vals) => v.JOBZ === "A" || v.JOBZ === "S" || (v.JOBZ === "O" && v.M >= v.N);

/**
 * Per template: what every argument must satisfy. Sizes are LAPACK's documented
 * dimensions; where LAPACK versions document different minimums, the larger one.
 */
const SPECS: Record<string, Spec> = {
  gesv: {
    ints: { N: dim, NRHS: dim, LDA: atLeast("max(1,N)"), LDB: atLeast("max(1,N)") },
    arrays: { A: x("LDA*N"), IPIV: i("N"), B: x("LDB*NRHS") },
  },
  getrf: {
    ints: { M: dim, N: dim, LDA: atLeast("max(1,M)") },
    arrays: { A: x("LDA*N"), IPIV: i("min(M,N)") },
  },
  getrs: {
    chars: { TRANS: "NTC" },
    ints: { N: dim, NRHS: dim, LDA: atLeast("max(1,N)"), LDB: atLeast("max(1,N)") },
    arrays: { A: x("LDA*N", "r"), IPIV: i("N", "r"), B: x("LDB*NRHS") },
    pivots: { a: "IPIV", n: "N" },
  },
  getri: {
    ints: { N: dim, LDA: atLeast("max(1,N)"), LWORK: lwork("max(1,N)") },
    arrays: { A: x("LDA*N"), IPIV: i("N", "r"), WORK: x("max(1,LWORK)", "w") },
    pivots: { a: "IPIV", n: "N" },
  },
  potrf: {
    chars: { UPLO: "UL" },
    ints: { N: dim, LDA: atLeast("max(1,N)") },
    arrays: { A: x("LDA*N") },
  },
  potrs: {
    chars: { UPLO: "UL" },
    ints: { N: dim, NRHS: dim, LDA: atLeast("max(1,N)"), LDB: atLeast("max(1,N)") },
    arrays: { A: x("LDA*N", "r"), B: x("LDB*NRHS") },
  },
  syevd: {
    chars: { JOBZ: "NV", UPLO: "UL" },
    ints: {
      N: dim,
      LDA: atLeast("max(1,N)"),
      LWORK: lwork((v) => (v.N as number) <= 1 ? "1" : v.JOBZ === "V" ? "1+6*N+2*N*N" : "2*N+1"),
      LIWORK: lwork((v) => (v.N as number) <= 1 || v.JOBZ === "N" ? "1" : "3+5*N"),
    },
    arrays: {
      A: x("LDA*N"),
      W: f("N"),
      WORK: x("max(1,LWORK)", "w"),
      IWORK: i("max(1,LIWORK)", "w"),
    },
    finite: [{ a: "A", rows: "N", cols: "N", ld: "LDA", uplo: "UPLO" }],
  },
  heevd: {
    chars: { JOBZ: "NV", UPLO: "UL" },
    ints: {
      N: dim,
      LDA: atLeast("max(1,N)"),
      LWORK: lwork((v) => (v.N as number) <= 1 ? "1" : v.JOBZ === "V" ? "2*N+N*N" : "N+1"),
      LRWORK: lwork((v) => (v.N as number) <= 1 ? "1" : v.JOBZ === "V" ? "1+5*N+2*N*N" : "N"),
      LIWORK: lwork((v) => (v.N as number) <= 1 || v.JOBZ === "N" ? "1" : "3+5*N"),
    },
    arrays: {
      A: x("LDA*N"),
      W: f("N"),
      WORK: x("max(1,LWORK)", "w"),
      RWORK: f("max(1,LRWORK)", "w"),
      IWORK: i("max(1,LIWORK)", "w"),
    },
    finite: [{ a: "A", rows: "N", cols: "N", ld: "LDA", uplo: "UPLO" }],
  },
  geev: {
    chars: { JOBVL: "NV", JOBVR: "NV" },
    ints: {
      N: dim,
      LDA: atLeast("max(1,N)"),
      LDVL: atLeast((v) => v.JOBVL === "V" ? "max(1,N)" : "1"),
      LDVR: atLeast((v) => v.JOBVR === "V" ? "max(1,N)" : "1"),
      LWORK: lwork((v) =>
        v.cx ? "max(1,2*N)" : v.JOBVL === "V" || v.JOBVR === "V" ? "max(1,4*N)" : "max(1,3*N)"
      ),
    },
    arrays: {
      A: x("LDA*N"),
      WR: f("N"),
      WI: f("N"),
      W: x("N"),
      VL: x((v) => v.JOBVL === "V" ? "LDVL*N" : "0"),
      VR: x((v) => v.JOBVR === "V" ? "LDVR*N" : "0"),
      WORK: x("max(1,LWORK)", "w"),
      RWORK: f("2*N", "w"),
    },
    finite: [{ a: "A", rows: "N", cols: "N", ld: "LDA" }],
  },
  gesdd: {
    let: { mn: "min(M,N)", mx: "max(M,N)" },
    chars: { JOBZ: "ASON" },
    ints: {
      M: dim,
      N: dim,
      LDA: atLeast("max(1,M)"),
      LDU: atLeast((v) => wantsU(v) ? "max(1,M)" : "1"),
      LDVT: atLeast((v) =>
        v.JOBZ === "S" ? "max(1,mn)" : v.JOBZ === "A" || wantsVT(v) ? "max(1,N)" : "1"
      ),
      LWORK: lwork((v) =>
        pick(
          v.JOBZ,
          v.cx
            ? {
              N: "max(1,2*mn+mx)",
              O: "max(1,2*mn*mn+2*mn+mx)",
              S: "max(1,mn*mn+3*mn)",
              A: "max(1,mn*mn+2*mn+mx)",
            }
            : {
              N: "max(1,3*mn+max(mx,7*mn))",
              O: "max(1,3*mn+max(mx,5*mn*mn+4*mn))",
              S: "max(1,4*mn*mn+7*mn)",
              A: "max(1,4*mn*mn+6*mn+mx)",
            },
        )
      ),
    },
    arrays: {
      A: x("LDA*N"),
      S: f("mn"),
      U: x((v) => v.JOBZ === "S" ? "LDU*mn" : wantsU(v) ? "LDU*M" : "0"),
      VT: x((v) => wantsVT(v) ? "LDVT*N" : "0"),
      WORK: x("max(1,LWORK)", "w"),
      // LAPACK 3.7+ documents 5*mn for JOBZ = 'N' (7*mn before) and
      // max(5*mn*mn+5*mn, 2*mx*mn+2*mn*mn+mn) otherwise (mn*max(5*mn+7, 2*mx+2*mn+1) before).
      RWORK: f(
        (v) => v.JOBZ === "N" ? "max(1,7*mn)" : "max(1,5*mn*mn+7*mn,2*mx*mn+2*mn*mn+mn)",
        "w",
      ),
      IWORK: i("8*mn", "w"),
    },
    finite: [{ a: "A", rows: "M", cols: "N", ld: "LDA" }],
  },
  gesvd: {
    let: { mn: "min(M,N)", mx: "max(M,N)" },
    chars: { JOBU: "ASON", JOBVT: "ASON" },
    ints: {
      M: dim,
      N: dim,
      LDA: atLeast("max(1,M)"),
      LDU: atLeast((v) => v.JOBU === "A" || v.JOBU === "S" ? "max(1,M)" : "1"),
      LDVT: atLeast((v) => v.JOBVT === "A" ? "max(1,N)" : v.JOBVT === "S" ? "max(1,mn)" : "1"),
      LWORK: lwork((v) => v.cx ? "max(1,2*mn+mx)" : "max(1,3*mn+mx,5*mn)"),
    },
    arrays: {
      A: x("LDA*N"),
      S: f("mn"),
      U: x((v) => v.JOBU === "A" ? "LDU*M" : v.JOBU === "S" ? "LDU*mn" : "0"),
      VT: x((v) => v.JOBVT === "A" || v.JOBVT === "S" ? "LDVT*N" : "0"),
      WORK: x("max(1,LWORK)", "w"),
      RWORK: f("5*mn", "w"),
    },
    check: (v) =>
      v.JOBU === "O" && v.JOBVT === "O" ? "JOBU and JOBVT cannot both be 'O'" : undefined,
    finite: [{ a: "A", rows: "M", cols: "N", ld: "LDA" }],
  },
  geqrf: {
    ints: { M: dim, N: dim, LDA: atLeast("max(1,M)"), LWORK: lwork("max(1,N)") },
    arrays: { A: x("LDA*N"), TAU: x("min(M,N)"), WORK: x("max(1,LWORK)", "w") },
  },
  orgqr: {
    ints: {
      M: dim,
      N: atLeast("0", "M"),
      K: atLeast("0", "N"),
      LDA: atLeast("max(1,M)"),
      LWORK: lwork("max(1,N)"),
    },
    arrays: { A: x("LDA*N"), TAU: x("K", "r"), WORK: x("max(1,LWORK)", "w") },
  },
  gelsd: {
    let: { mn: "min(M,N)", mx: "max(M,N)", nlvl: (get) => gelsdLevels(get("mn")) },
    ints: {
      M: dim,
      N: dim,
      // xGELSD accepts NRHS = 0, but the xLALSD it calls rejects it (through XERBLA, which
      // stops the process in reference LAPACK) unless the quick return for an empty A came first.
      NRHS: atLeast("min(1,M,N)"),
      LDA: atLeast("max(1,M)"),
      LDB: atLeast("max(1,mx)"),
      // Real: the documented 12*mn + 2*mn*SMLSIZ + 8*mn*NLVL + mn*NRHS + (SMLSIZ+1)**2, and
      // 3*N+M, which LAPACK also demands for M >= N when it does not take the QR path first.
      // Complex: LAPACK's code demands 2*mn + max(mx, mn*NRHS) (the docs omit the mx).
      LWORK: lwork((v) =>
        v.cx ? "max(1,2*mn+max(mx,mn*NRHS))" : "max(1,12*mn+2*mn*25+8*mn*nlvl+mn*NRHS+26*26,3*mn+M)"
      ),
    },
    reals: { RCOND: "any" },
    arrays: {
      A: x("LDA*N"),
      B: x("LDB*NRHS"),
      S: f("mn"),
      RANK: i("1"),
      WORK: x("max(1,LWORK)", "w"),
      RWORK: f(
        "max(1,10*mn+2*mn*25+8*mn*nlvl+3*25*NRHS+max(26*26,N*(1+NRHS)+2*NRHS))",
        "w",
      ),
      IWORK: i("max(1,3*mn*nlvl+11*mn)", "w"),
    },
    finite: [
      { a: "A", rows: "M", cols: "N", ld: "LDA" },
      { a: "B", rows: "M", cols: "NRHS", ld: "LDB" },
    ],
  },
  trtrs: {
    chars: { UPLO: "UL", TRANS: "NTC", DIAG: "NU" },
    ints: { N: dim, NRHS: dim, LDA: atLeast("max(1,N)"), LDB: atLeast("max(1,N)") },
    arrays: { A: x("LDA*N", "r"), B: x("LDB*NRHS") },
  },
  gecon: {
    chars: { NORM: "1OI" },
    ints: { N: dim, LDA: atLeast("max(1,N)") },
    reals: { ANORM: "nonneg" },
    arrays: {
      A: x("LDA*N", "r"),
      RCOND: f("1"),
      WORK: x((v) => v.cx ? "2*N" : "4*N"),
      IWORK: i("N"),
      RWORK: f("2*N"),
    },
  },
  gemm: {
    chars: { TRANSA: "NTC", TRANSB: "NTC" },
    ints: {
      M: dim,
      N: dim,
      K: dim,
      LDA: atLeast((v) => v.TRANSA === "N" ? "max(1,M)" : "max(1,K)"),
      LDB: atLeast((v) => v.TRANSB === "N" ? "max(1,K)" : "max(1,N)"),
      LDC: atLeast("max(1,M)"),
    },
    arrays: {
      ALPHA: x("1", "r"),
      A: x((v) => v.TRANSA === "N" ? "LDA*K" : "LDA*M", "r"),
      B: x((v) => v.TRANSB === "N" ? "LDB*N" : "LDB*K", "r"),
      BETA: x("1", "r"),
      C: x("LDC*N"),
    },
  },
  gemv: {
    chars: { TRANS: "NTC" },
    ints: { M: dim, N: dim, LDA: atLeast("max(1,M)"), INCX: inc, INCY: inc },
    arrays: {
      ALPHA: x("1", "r"),
      A: x("LDA*N", "r"),
      X: x((v) => v.TRANS === "N" ? vec("N", "INCX")(v) : vec("M", "INCX")(v), "r"),
      BETA: x("1", "r"),
      Y: x((v) => v.TRANS === "N" ? vec("M", "INCY")(v) : vec("N", "INCY")(v)),
    },
  },
  dot: {
    ints: { N: dim, INCX: inc, INCY: inc },
    arrays: { X: x(vec("N", "INCX"), "r"), Y: x(vec("N", "INCY"), "r") },
  },
  copy: {
    ints: { N: dim, INCX: inc, INCY: inc },
    arrays: { X: x(vec("N", "INCX"), "r"), Y: x(vec("N", "INCY")) },
  },
};
SPECS.ungqr = SPECS.orgqr;

// ---------------------------------------------------------------------------------------------
// Intrinsics, captured once: the checks read typed arrays through them, so no user getter,
// subclass or proxy can lie about a length, and no user code runs between check and call.

const TypedArrayProto = Object.getPrototypeOf(Int8Array.prototype);
const callBound = Function.prototype.call.bind(Function.prototype.call) as (
  f: (this: unknown) => unknown,
  self: unknown,
) => unknown;
/** An intrinsic getter as a plain function of its receiver. */
function getter(proto: object, key: PropertyKey): ((self: unknown) => unknown) | undefined {
  const get = Object.getOwnPropertyDescriptor(proto, key)?.get as
    | ((this: unknown) => unknown)
    | undefined;
  return get === undefined ? undefined : (self: unknown) => callBound(get, self);
}
const taTag = getter(TypedArrayProto, Symbol.toStringTag)!;
const taLength = getter(TypedArrayProto, "length")!;
const taByteOffset = getter(TypedArrayProto, "byteOffset")!;
const taBuffer = getter(TypedArrayProto, "buffer")!;
const abDetached = getter(ArrayBuffer.prototype, "detached");
const abByteLength = getter(ArrayBuffer.prototype, "byteLength")!;
const apply = Reflect.apply;

/** What a typed array really is, read through the intrinsics; undefined when not one. */
function typedArrayTag(a: unknown): string | undefined {
  return a !== null && typeof a === "object" ? taTag(a) as string | undefined : undefined;
}

/** "shared", "detached" or "ok" for a typed array's buffer. */
function bufferState(buf: unknown): "shared" | "detached" | "ok" {
  try {
    if (abDetached !== undefined) return abDetached(buf) ? "detached" : "ok";
    if (abByteLength(buf) !== 0) return "ok";
    try {
      new Uint8Array(buf as ArrayBuffer);
      return "ok";
    } catch {
      return "detached";
    }
  } catch {
    return "shared"; // the ArrayBuffer getters refuse a SharedArrayBuffer
  }
}

/**
 * A value for a message, without running user code: no toString, valueOf or getter of the
 * value runs (numbers and bigints are printed, strings quoted and cut, anything else named by
 * its kind).
 */
function describe(a: unknown, typed = true): string {
  try {
    if (a === null) return "null";
    if (Array.isArray(a)) return "an Array";
    const tag = typedArrayTag(a);
    if (tag !== undefined) return tag;
    if (typeof a === "object") {
      const ctor = ctorName(a as object);
      const what = typed ? "an object that is not a typed array" : "an object";
      return `${what}${ctor ? ` (constructor ${ctor})` : ""}`;
    }
    if (typeof a === "string") return `the string ${quote(a)}`;
    if (typeof a === "number") return `number ${String(a)}`;
    if (typeof a === "bigint") return `bigint ${String(a)}`;
    return typeof a;
  } catch {
    return "an object"; // a revoked proxy
  }
}

/**
 * The name of an object's constructor, read from data properties only (the prototype's own
 * `constructor`, and its own `name`), so that no getter runs; undefined when there is none.
 */
/** The constructor's name, read without running a getter, quoted when it does not look like one. */
function ctorName(a: object): string | undefined {
  const name = constructorName(a);
  return name === undefined ? undefined : quoteName(name);
}

/** A constructor name as it is when it looks like one, else quoted and cut. */
function quoteName(s: string): string {
  return /^[A-Za-z_$][\w$]{0,40}$/.test(s) ? s : quote(s);
}

function quote(s: string): string {
  return JSON.stringify(s.length > 20 ? s.slice(0, 20) + "..." : s);
}

// ---------------------------------------------------------------------------------------------
// The checker.

interface Param {
  name: string;
  index: number;
  kind: "i" | "c" | "r" | "a" | "s";
  int?: IntRule;
  chars?: string;
  real?: "nonneg" | "any";
  arr?: ArrRule;
}

interface Info {
  name: string;
  /** The name in upper case, as messages start with it (LAPACK's XERBLA style). */
  label: string;
  spec: Spec;
  complex: boolean;
  double: boolean;
  /** The constructor name of float arrays: Float32Array or Float64Array. */
  cls: "Float32Array" | "Float64Array";
  params: Param[];
  ints: Param[];
  arrays: Param[];
  chars: Param[];
  signature: string;
  /** The last workspace query made for an LWORK below the documented minimum. */
  queried?: { key: string; value: number | undefined };
  /** The formulas' values, reused by every call. */
  scope: Scope;
  /** Names of the derived values, cleared before each call. */
  derived: string[];
  /** Bytes LAPACK may touch per array argument, reused by every call. */
  needed: number[];
  /** Argument index by name. */
  index: Record<string, number>;
}

function routineInfo(r: Routine): Info {
  const template = r.name.slice(1);
  const spec = SPECS[template];
  if (spec === undefined) {
    throw new Error(`Internal error in lapack.ts: no requirements for ${template}`);
  }
  const params: Param[] = [];
  r.names.forEach((name, index) => {
    const kind = r.kinds[index];
    if (kind === "info") return;
    const p: Param = { name, index: params.length, kind };
    if (kind === "i") p.int = spec.ints[name];
    else if (kind === "c") p.chars = spec.chars?.[name];
    else if (kind === "r") p.real = spec.reals?.[name];
    else p.arr = spec.arrays[name];
    if (
      p.int === undefined && p.chars === undefined && p.real === undefined && p.arr === undefined
    ) {
      throw new Error(`Internal error in lapack.ts: no requirement for ${r.name} argument ${name}`);
    }
    params.push(p);
  });
  const complex = r.type === "c" || r.type === "z";
  return {
    name: r.name,
    label: r.name.toUpperCase(),
    spec,
    complex,
    double: r.double,
    cls: r.double ? "Float64Array" : "Float32Array",
    params,
    ints: params.filter((p) => p.kind === "i"),
    arrays: params.filter((p) => p.kind === "a" || p.kind === "s"),
    chars: params.filter((p) => p.kind === "c"),
    signature: `${r.name}(${params.map((p) => p.name).join(", ")})`,
    scope: new Scope({ cx: complex }, spec),
    derived: Object.keys(spec.let ?? {}),
    needed: params.map(() => 0),
    index: Object.fromEntries(params.map((p) => [p.name, p.index])),
  };
}

/** The values the formulas see, with derived values computed on first use. */
class Scope {
  readonly v: Vals;
  readonly spec: Spec;
  readonly get: (name: string) => number;
  constructor(v: Vals, spec: Spec) {
    this.v = v;
    this.spec = spec;
    this.get = (name: string): number => {
      const have = this.v[name];
      if (typeof have === "number") return have;
      const d = this.spec.let?.[name];
      if (d === undefined) {
        throw new Error(`Internal error in lapack.ts: a formula uses the unknown name ${name}`);
      }
      const n = typeof d === "string" ? precompiled(d)(this.get) : d(this.get);
      this.v[name] = n;
      return n;
    };
  }
  /** The formula text of `f` for the current values. */
  text(f: Formula): string {
    return typeof f === "string" ? f : f(this.v);
  }
  value(f: Formula): number {
    return (typeof f === "string" ? precompiled(f) : compile(f(this.v)))(this.get);
  }
  /** "LDA*N = 3*3 = 9": the formula, with its numbers, and its value. */
  show(f: Formula, chars: Param[]): string {
    const src = this.text(f);
    const value = compile(src)(this.get);
    const subst = src.replace(/\b[A-Za-z_]\w*\b(?!\()/g, (nm) => String(this.get(nm)));
    const parts = [src];
    if (subst !== src) parts.push(subst);
    if (String(value) !== parts[parts.length - 1]) parts.push(String(value));
    let s = parts.join(" = ");
    if (typeof f === "function" && chars.length > 0) {
      s += ` (${chars.map((c) => `${c.name} = '${this.v[c.name]}'`).join(", ")})`;
    }
    return s;
  }
}

const LP64_MAX = 2147483647;

const WORKSPACE_NAMES = new Set(["WORK", "RWORK", "IWORK"]);

/**
 * The LWORK this library's workspace query asks for with these arguments (LAPACK's query
 * returns at least its own minimum), or undefined when the query gives no usable answer. The
 * query runs on private one-element workspaces; the answer is kept for the next call with the
 * same sizes and options.
 */
function libraryLwork(
  info: Info,
  args: unknown[],
  lworkIndex: number,
  fn: NativeFunction,
  stride: 1 | 2,
): number | undefined {
  const key = info.params
    .filter((p) => (p.kind === "i" || p.kind === "c") && p.index !== lworkIndex)
    .map((p) => args[p.index])
    .join(",");
  if (info.queried?.key === key) return info.queried.value;
  const Float = info.double ? Float64Array : Float32Array;
  const qargs = args.slice();
  qargs[lworkIndex] = -1;
  let work: Float32Array | Float64Array | undefined;
  for (const p of info.arrays) {
    if (!WORKSPACE_NAMES.has(p.name)) continue;
    const scratch = p.arr!.kind === "i"
      ? new Int32Array(stride)
      : new Float(p.arr!.kind === "x" && info.complex ? 2 : 1);
    if (p.name === "WORK") work = scratch as Float32Array | Float64Array;
    qargs[p.index] = scratch;
  }
  let value: number | undefined;
  if (
    work !== undefined && apply(fn, undefined, qargs) === 0 && Number.isFinite(work[0]) &&
    work[0] >= 1
  ) {
    // A single-precision answer above 2^24 may have been rounded down.
    value = Math.ceil(info.double || work[0] <= 2 ** 24 ? work[0] : work[0] * (1 + 2 ** -22));
  }
  info.queried = { key, value };
  return value;
}

function check(info: Info, args: unknown[], stride: 1 | 2, fn: NativeFunction): void {
  const { params, spec } = info;
  // Messages start with the routine's name as LAPACK's XERBLA prints it: "DGETRF: ...".
  const name = info.label;
  if (args.length !== params.length) {
    throw new TypeError(
      `${name}: expected ${params.length} arguments ${
        info.signature.slice(name.length)
      }, got ${args.length}`,
    );
  }
  // One scope per routine, reset here: no allocation per call for the formulas.
  const scope = info.scope;
  const v = scope.v;
  for (const k of info.derived) v[k] = undefined as unknown as number;
  const intMax = stride === 2 ? Number.MAX_SAFE_INTEGER : LP64_MAX;
  // Scalars: types and representable values.
  for (const p of params) {
    const a = args[p.index];
    if (p.kind === "i") {
      if (typeof a !== "number") {
        throw new TypeError(`${name}: ${p.name} must be an integer number, got ${describe(a)}`);
      }
      if (!Number.isInteger(a)) throw new RangeError(`${name}: ${p.name} = ${a} is not an integer`);
      if (a > intMax || a < -intMax) {
        throw new RangeError(
          `${name}: ${p.name} = ${a} does not fit the library's ${
            stride === 2 ? "64-bit (safe)" : "32-bit"
          } integers`,
        );
      }
      v[p.name] = a;
    } else if (p.kind === "c") {
      const allowed = p.chars!;
      if (typeof a !== "string") {
        throw new TypeError(`${name}: ${p.name} must be a one-letter string, got ${describe(a)}`);
      }
      const up = a.length === 1 && /^[A-Za-z0-9]$/.test(a) ? a.toUpperCase() : "";
      if (up === "" || !allowed.includes(up)) {
        throw new RangeError(
          `${name}: ${p.name} = ${quote(a)} is not one of ${
            [...allowed].map((c) => `'${c}'`).join(", ")
          }`,
        );
      }
      args[p.index] = up;
      v[p.name] = up;
    } else if (p.kind === "r") {
      if (typeof a !== "number") {
        throw new TypeError(`${name}: ${p.name} must be a number, got ${describe(a)}`);
      }
      const stored = info.double ? a : Math.fround(a);
      if (p.real === "nonneg" && !(Number.isFinite(stored) && stored >= 0)) {
        throw new RangeError(
          `${name}: ${p.name} = ${a} must be finite and >= 0${
            info.double ? "" : " in single precision"
          }`,
        );
      }
      if (Number.isNaN(a)) throw new RangeError(`${name}: ${p.name} must not be NaN`);
    }
  }
  // Integer rules, in Fortran order (a bound only uses arguments before it).
  let query = false;
  // LWORK below the documented minimum, which covers every code path: it may still be at
  // least what this library's workspace query asks for, decided once the arrays are checked.
  let short: Param | undefined;
  const tooSmall = (p: Param, asked?: number): RangeError => {
    const a = v[p.name] as number;
    const doc = scope.show(p.int!.lo!, info.chars);
    if (asked !== undefined && asked < scope.value(p.int!.lo!)) {
      return new RangeError(
        `${name}: ${p.name} = ${a} is too small: ${asked} is needed, as this library's workspace query reports (LAPACK documents ${p.name} >= ${doc} as enough in every case; -1 makes a workspace query)`,
      );
    }
    return new RangeError(
      `${name}: ${p.name} = ${a} is too small: ${p.name} >= ${doc} is needed (or -1 for a workspace query)`,
    );
  };
  for (const p of info.ints) {
    const rule = p.int!;
    const a = v[p.name] as number;
    if (rule.kind === "inc") {
      if (a === 0) throw new RangeError(`${name}: ${p.name} must not be 0`);
      continue;
    }
    if (rule.kind === "work" && a === -1) {
      query = true;
      continue;
    }
    const lo = scope.value(rule.lo!);
    if (a < lo) {
      if (rule.kind === "work") {
        if (p.name === "LWORK" && a >= 0) {
          short = p;
          continue;
        }
        throw tooSmall(p);
      }
      throw new RangeError(
        `${name}: ${p.name} = ${a} must be >= ${scope.show(rule.lo!, info.chars)}`,
      );
    }
    if (rule.hi !== undefined && a > scope.value(rule.hi)) {
      throw new RangeError(
        `${name}: ${p.name} = ${a} must be <= ${scope.show(rule.hi, info.chars)}`,
      );
    }
  }
  if (short !== undefined && query) throw tooSmall(short);
  const bad = spec.check?.(v);
  if (bad !== undefined) throw new RangeError(`${name}: ${bad}`);
  // Arrays: class, buffer, length, alignment.
  const needed = info.needed;
  for (const p of info.arrays) {
    const a = args[p.index];
    const rule = p.arr!;
    const tag = typedArrayTag(a);
    const want = rule.kind === "i" ? "Int32Array" : info.cls;
    if (tag !== want) {
      const what = p.kind === "s"
        ? `a ${want} of 1 ${info.complex ? "complex element (2 floats)" : "element"}`
        : rule.kind === "i"
        ? "an Int32Array (make it with lapack.intArray(n))"
        : `a ${want}`;
      throw new TypeError(`${name}: ${p.name} must be ${what}, got ${describe(a)}`);
    }
    const buf = taBuffer(a);
    const state = bufferState(buf);
    if (state === "detached") {
      throw new TypeError(`${name}: ${p.name} is detached (its ArrayBuffer was transferred)`);
    }
    if (state === "shared" && rule.kind === "i") {
      throw new TypeError(
        `${name}: ${p.name} must not be backed by a SharedArrayBuffer: another thread could change the integers LAPACK indexes with`,
      );
    }
    const words = taLength(a) as number;
    const per = rule.kind === "i" ? stride : rule.kind === "x" && info.complex ? 2 : 1;
    const have = Math.floor(words / per);
    let need = scope.value(rule.size);
    if (query && rule.work) need = Math.min(need, 1);
    if (stride === 1 && need > LP64_MAX) {
      // 32-bit LAPACK and BLAS compute offsets like (N-1)*INCX in INTEGER: they would wrap.
      throw new RangeError(
        `${name}: ${p.name} would span ${need} elements, more than the library's 32-bit integers can index (${LP64_MAX}): use an ILP64 LAPACK`,
      );
    }
    if (have < need) {
      const unit = rule.kind === "i"
        ? "integers"
        : rule.kind === "x" && info.complex
        ? "complex elements"
        : "elements";
      const detail = per === 1
        ? ""
        : rule.kind === "i"
        ? ` (${words} Int32 words: the library's integers are 64-bit)`
        : ` (${words} floats)`;
      const why = query && rule.work
        ? "1 is needed for a workspace query"
        : `${scope.show(rule.size, info.chars)} are needed`;
      throw new RangeError(`${name}: ${p.name} has ${have} ${unit}${detail}, but ${why}`);
    }
    if (rule.kind === "i" && stride === 2 && (taByteOffset(a) as number) % 8 !== 0) {
      throw new RangeError(
        `${name}: ${p.name} starts at byte ${
          taByteOffset(a)
        } of its buffer, but the library's 64-bit integers need an 8-byte aligned start`,
      );
    }
    needed[p.index] = need * per * (rule.kind === "i" ? 4 : info.double ? 8 : 4);
  }
  // No array LAPACK writes may overlap another array.
  const arrays = info.arrays;
  for (let j = 0; j < arrays.length; j++) {
    const p = arrays[j];
    if (needed[p.index] === 0) continue;
    const pa = args[p.index];
    const pbuf = taBuffer(pa);
    const p0 = taByteOffset(pa) as number;
    for (let k = j + 1; k < arrays.length; k++) {
      const q = arrays[k];
      if (p.arr!.readOnly && q.arr!.readOnly) continue;
      if (needed[q.index] === 0) continue;
      const qa = args[q.index];
      if (taBuffer(qa) !== pbuf) continue;
      const q0 = taByteOffset(qa) as number;
      if (p0 < q0 + needed[q.index] && q0 < p0 + needed[p.index]) {
        const written = p.arr!.readOnly ? q.name : p.name;
        throw new RangeError(
          `${name}: ${p.name} (bytes ${p0}..${p0 + needed[p.index]}) and ${q.name} (bytes ${q0}..${
            q0 + needed[q.index]
          }) overlap in one buffer, and LAPACK writes ${written}`,
        );
      }
    }
  }
  if (short !== undefined) {
    const asked = libraryLwork(info, args, short.index, fn, stride);
    if (asked === undefined || (v.LWORK as number) < asked) throw tooSmall(short, asked);
  }
  if (query) return;
  // Contents LAPACK indexes with, or may not return on.
  if (spec.pivots !== undefined) {
    const ipiv = args[info.index[spec.pivots.a]] as Int32Array;
    const n = v[spec.pivots.n] as number;
    for (let k = 0; k < n; k++) {
      const lo = ipiv[k * stride];
      const value = stride === 2 ? ipiv[k * 2 + 1] * 4294967296 + (lo >>> 0) : lo;
      if (!(value >= 1 && value <= n)) {
        throw new RangeError(
          `${name}: ${spec.pivots.a}(${
            k + 1
          }) = ${value} is not an index in 1..${spec.pivots.n} = 1..${n}`,
        );
      }
    }
  }
  for (const fr of spec.finite ?? []) {
    const a = args[info.index[fr.a]] as Float32Array | Float64Array;
    const rows = v[fr.rows] as number, cols = v[fr.cols] as number, ld = v[fr.ld] as number;
    const upper = fr.uplo === undefined ? undefined : v[fr.uplo] === "U";
    const w = info.complex ? 2 : 1;
    for (let c = 0; c < cols; c++) {
      const r0 = upper === false ? c : 0;
      const r1 = upper === true ? Math.min(c + 1, rows) : rows;
      for (let r = r0; r < r1; r++) {
        const at = (c * ld + r) * w;
        if (!Number.isFinite(a[at]) || (w === 2 && !Number.isFinite(a[at + 1]))) {
          const val = w === 2
            ? `${a[at]}${a[at + 1] < 0 ? "-" : "+"}${Math.abs(a[at + 1])}i`
            : String(a[at]);
          throw new RangeError(
            `${name}: ${fr.a} must not contain infs or NaNs (LAPACK may not return on them): ${fr.a}(${
              r + 1
            },${c + 1}) = ${val}`,
          );
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The namespace.

let strideCache: 1 | 2 | undefined;
function stride(): 1 | 2 {
  return strideCache ??= backendIntStride();
}

function makeRoutine(r: Routine): (...args: unknown[]) => number {
  const info = routineInfo(r);
  let fn: NativeFunction | undefined;
  const wrapper = (...args: unknown[]): number => {
    if (fn === undefined) fn = bindRoutine(r.name);
    check(info, args, stride(), fn);
    return apply(fn, undefined, args) as number;
  };
  Object.defineProperty(wrapper, "name", { value: r.name });
  return wrapper;
}

/** The most Int32 words `intArray` tries to allocate: the bytes stay exact numbers. */
const MAX_INT_WORDS = Math.floor(Number.MAX_SAFE_INTEGER / 4);

function intArray(n: number): Int32Array {
  if (typeof n !== "number") {
    throw new TypeError(
      `Invalid n for lapack.intArray(): expected an integer number, got ${describe(n, false)}`,
    );
  }
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`Invalid n for lapack.intArray(): ${n} is not an integer >= 0`);
  }
  const words = n * stride();
  const cannot = `Cannot allocate an integer array of ${n} elements (${words * 4} bytes)`;
  if (words > MAX_INT_WORDS) {
    throw new RangeError(
      `${cannot}: more than the ${MAX_INT_WORDS * 4} bytes a JavaScript number counts exactly`,
    );
  }
  try {
    return new Int32Array(words);
  } catch (e) {
    // The engine's own RangeError ("Array buffer allocation failed", Bun: "Out of memory").
    const why = e instanceof Error && typeof e.message === "string" ? `: ${e.message}` : "";
    throw new RangeError(cannot + why, { cause: e });
  }
}

function makeLapack(): Lapack {
  const ns: Record<string, unknown> = {};
  for (const r of Object.values(ROUTINE)) ns[r.name] = makeRoutine(r);
  ns.intArray = intArray;
  ns.intStride = stride;
  return Object.freeze(ns) as unknown as Lapack;
}

/**
 * Typed raw LAPACK and BLAS routines (`lapack.dgetrf`, `lapack.zheevd`, `lapack.dgemm`, ...),
 * column-major, with every argument checked before the call (see the module doc), plus
 * `lapack.intArray(n)` (an integer array for `n` LAPACK integers) and `lapack.intStride()`.
 * Each routine takes its Fortran arguments in order without INFO and returns INFO (the
 * value for `dot`, 0 for the other BLAS routines); binding happens on the first call.
 *
 * @throws {TypeError} an argument of the wrong type or typed-array class, or detached.
 * @throws {RangeError} a size, leading dimension, LWORK, letter or array length LAPACK
 * would reject or overrun; from `intArray`, an `n` that cannot be allocated.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lapack } from "./lapack.ts";
 * // Solve [[4, 3], [6, 3]] x = [10, 12], column-major.
 * const a = new Float64Array([4, 6, 3, 3]);
 * const b = new Float64Array([10, 12]);
 * const ipiv = lapack.intArray(2);
 * assert.equal(lapack.dgetrf(2, 2, a, 2, ipiv), 0);
 * assert.equal(lapack.dgetrs("N", 2, 1, a, 2, ipiv, b, 2), 0);
 * assert.deepEqual([...b].map((v) => Math.round(v * 1e12) / 1e12), [1, 2]);
 * assert.throws(() => lapack.dgetrf(2, 2, a.subarray(1), 2, ipiv), RangeError);
 * ```
 *
 * @example Workspace query, then the call (eigenvalues of a symmetric matrix)
 * ```ts
 * import assert from "node:assert/strict";
 * import { lapack } from "./lapack.ts";
 * const a = new Float64Array([2, 1, 1, 2]);
 * const w = new Float64Array(2);
 * const q = new Float64Array(1), iq = lapack.intArray(1);
 * assert.equal(lapack.dsyevd("V", "U", 2, a, 2, w, q, -1, iq, -1), 0);
 * const lwork = q[0], liwork = iq[0]; // iq[0]: the first word holds a small integer
 * const info = lapack.dsyevd("V", "U", 2, a, 2, w, new Float64Array(lwork), lwork, lapack.intArray(liwork), liwork);
 * assert.equal(info, 0);
 * assert.deepEqual([...w].map(Math.round), [1, 3]);
 * ```
 */
export const lapack: Lapack = makeLapack();
