/**
 * The one table of every LAPACK and BLAS routine dlapack calls: one declaration per routine
 * template, expanded to its s/d/c/z variants (as Julia's `lapack.jl` loops one body over four
 * types). A declaration is the Fortran prototype (the argument list is read from it) and one
 * requirement per argument (see `declare.ts`); from it come the Deno, Bun and Node bindings
 * and both ABIs (`abi.ts`), the checks of `lapack.*` (`src/lapack/`), and the TypeScript
 * signature of every routine (`Lapack`, `routine()`).
 *
 * Sizes are LAPACK's documented dimensions; where LAPACK versions document different
 * minimums, the larger one.
 *
 * @module
 */
import type { Routine, Signature, Vals, VariantNames } from "./declare.ts";
import { BLAS_TEMPLATES } from "./routines_blas.ts";
import { atLeast, char, declare, dim, expand, f, i, lwork, real, x } from "./declare.ts";

/**
 * NLVL of `gelsd` for SMLSIZ = 25: LAPACK computes MAX(INT(LOG(MN/26)/LOG(2)) + 1, 0) in
 * floating point; this is the exact value, rounded up at the boundaries where a libm could
 * round the other way (MN = 13 and MN = 26 * 2^k).
 */
export function gelsdLevels(mn: number): number {
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

/** The routine templates, by id. Prototypes as in the reference LAPACK sources. */
export const TEMPLATES = {
  gesv: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGESV( N, NRHS, A, LDA, IPIV, B, LDB, INFO )",
    req: {
      N: dim,
      NRHS: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      IPIV: i("N"),
      B: x("LDB*NRHS"),
      LDB: atLeast("max(1,N)"),
    },
  }),
  getrf: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGETRF( M, N, A, LDA, IPIV, INFO )",
    req: { M: dim, N: dim, A: x("LDA*N"), LDA: atLeast("max(1,M)"), IPIV: i("min(M,N)") },
  }),
  getrs: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGETRS( TRANS, N, NRHS, A, LDA, IPIV, B, LDB, INFO )",
    req: {
      TRANS: char("NTC"),
      N: dim,
      NRHS: dim,
      A: x("LDA*N", "r"),
      LDA: atLeast("max(1,N)"),
      IPIV: i("N", "r"),
      B: x("LDB*NRHS"),
      LDB: atLeast("max(1,N)"),
    },
    pivots: { a: "IPIV", n: "N" },
  }),
  getri: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGETRI( N, A, LDA, IPIV, WORK, LWORK, INFO )",
    req: {
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      IPIV: i("N", "r"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork("max(1,N)"),
    },
    pivots: { a: "IPIV", n: "N" },
  }),
  potrf: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xPOTRF( UPLO, N, A, LDA, INFO )",
    req: { UPLO: char("UL"), N: dim, A: x("LDA*N"), LDA: atLeast("max(1,N)") },
  }),
  potrs: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xPOTRS( UPLO, N, NRHS, A, LDA, B, LDB, INFO )",
    req: {
      UPLO: char("UL"),
      N: dim,
      NRHS: dim,
      A: x("LDA*N", "r"),
      LDA: atLeast("max(1,N)"),
      B: x("LDB*NRHS"),
      LDB: atLeast("max(1,N)"),
    },
  }),
  syevd: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xSYEVD( JOBZ, UPLO, N, A, LDA, W, WORK, LWORK, IWORK, LIWORK, INFO )",
    complex:
      "SUBROUTINE xHEEVD( JOBZ, UPLO, N, A, LDA, W, WORK, LWORK, RWORK, LRWORK, IWORK, LIWORK, INFO )",
    req: {
      JOBZ: char("NV"),
      UPLO: char("UL"),
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      W: f("N"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork((v) =>
        (v.N as number) <= 1
          ? "1"
          : v.cx
          ? v.JOBZ === "V" ? "2*N+N*N" : "N+1"
          : v.JOBZ === "V"
          ? "1+6*N+2*N*N"
          : "2*N+1"
      ),
      RWORK: f("max(1,LRWORK)", "w"),
      LRWORK: lwork((v) => (v.N as number) <= 1 ? "1" : v.JOBZ === "V" ? "1+5*N+2*N*N" : "N"),
      IWORK: i("max(1,LIWORK)", "w"),
      LIWORK: lwork((v) => (v.N as number) <= 1 || v.JOBZ === "N" ? "1" : "3+5*N"),
    },
    finite: [{ a: "A", rows: "N", cols: "N", ld: "LDA", uplo: "UPLO" }],
  }),
  geev: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xGEEV( JOBVL, JOBVR, N, A, LDA, WR, WI, VL, LDVL, VR, LDVR, WORK, LWORK, INFO )",
    complex:
      "SUBROUTINE xGEEV( JOBVL, JOBVR, N, A, LDA, W, VL, LDVL, VR, LDVR, WORK, LWORK, RWORK, INFO )",
    req: {
      JOBVL: char("NV"),
      JOBVR: char("NV"),
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      WR: f("N"),
      WI: f("N"),
      W: x("N"),
      VL: x((v) => v.JOBVL === "V" ? "LDVL*N" : "0"),
      LDVL: atLeast((v) => v.JOBVL === "V" ? "max(1,N)" : "1"),
      VR: x((v) => v.JOBVR === "V" ? "LDVR*N" : "0"),
      LDVR: atLeast((v) => v.JOBVR === "V" ? "max(1,N)" : "1"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork((v) =>
        v.cx ? "max(1,2*N)" : v.JOBVL === "V" || v.JOBVR === "V" ? "max(1,4*N)" : "max(1,3*N)"
      ),
      RWORK: f("2*N", "w"),
    },
    finite: [{ a: "A", rows: "N", cols: "N", ld: "LDA" }],
  }),
  gesdd: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xGESDD( JOBZ, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, IWORK, INFO )",
    complex:
      "SUBROUTINE xGESDD( JOBZ, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, RWORK, IWORK, INFO )",
    let: { mn: "min(M,N)", mx: "max(M,N)" },
    req: {
      JOBZ: char("ASON"),
      M: dim,
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,M)"),
      S: f("mn"),
      U: x((v) => v.JOBZ === "S" ? "LDU*mn" : wantsU(v) ? "LDU*M" : "0"),
      LDU: atLeast((v) => wantsU(v) ? "max(1,M)" : "1"),
      VT: x((v) => wantsVT(v) ? "LDVT*N" : "0"),
      LDVT: atLeast((v) =>
        v.JOBZ === "S" ? "max(1,mn)" : v.JOBZ === "A" || wantsVT(v) ? "max(1,N)" : "1"
      ),
      WORK: x("max(1,LWORK)", "w"),
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
      // LAPACK 3.7+ documents 5*mn for JOBZ = 'N' (7*mn before) and
      // max(5*mn*mn+5*mn, 2*mx*mn+2*mn*mn+mn) otherwise (mn*max(5*mn+7, 2*mx+2*mn+1) before).
      RWORK: f(
        (v) => v.JOBZ === "N" ? "max(1,7*mn)" : "max(1,5*mn*mn+7*mn,2*mx*mn+2*mn*mn+mn)",
        "w",
      ),
      IWORK: i("8*mn", "w"),
    },
    finite: [{ a: "A", rows: "M", cols: "N", ld: "LDA" }],
  }),
  gesvd: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xGESVD( JOBU, JOBVT, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, INFO )",
    complex:
      "SUBROUTINE xGESVD( JOBU, JOBVT, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, RWORK, INFO )",
    let: { mn: "min(M,N)", mx: "max(M,N)" },
    req: {
      JOBU: char("ASON"),
      JOBVT: char("ASON"),
      M: dim,
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,M)"),
      S: f("mn"),
      U: x((v) => v.JOBU === "A" ? "LDU*M" : v.JOBU === "S" ? "LDU*mn" : "0"),
      LDU: atLeast((v) => v.JOBU === "A" || v.JOBU === "S" ? "max(1,M)" : "1"),
      VT: x((v) => v.JOBVT === "A" || v.JOBVT === "S" ? "LDVT*N" : "0"),
      LDVT: atLeast((v) => v.JOBVT === "A" ? "max(1,N)" : v.JOBVT === "S" ? "max(1,mn)" : "1"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork((v) => v.cx ? "max(1,2*mn+mx)" : "max(1,3*mn+mx,5*mn)"),
      RWORK: f("5*mn", "w"),
    },
    check: (v) =>
      v.JOBU === "O" && v.JOBVT === "O" ? "JOBU and JOBVT cannot both be 'O'" : undefined,
    finite: [{ a: "A", rows: "M", cols: "N", ld: "LDA" }],
  }),
  geqrf: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGEQRF( M, N, A, LDA, TAU, WORK, LWORK, INFO )",
    req: {
      M: dim,
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,M)"),
      TAU: x("min(M,N)"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork("max(1,N)"),
    },
  }),
  orgqr: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xORGQR( M, N, K, A, LDA, TAU, WORK, LWORK, INFO )",
    complex: "SUBROUTINE xUNGQR( M, N, K, A, LDA, TAU, WORK, LWORK, INFO )",
    req: {
      M: dim,
      N: atLeast("0", "M"),
      K: atLeast("0", "N"),
      A: x("LDA*N"),
      LDA: atLeast("max(1,M)"),
      TAU: x("K", "r"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork("max(1,N)"),
    },
  }),
  gerqf: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGERQF( M, N, A, LDA, TAU, WORK, LWORK, INFO )",
    req: {
      M: dim,
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,M)"),
      TAU: x("min(M,N)"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork("max(1,M)"),
    },
  }),
  orgrq: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xORGRQ( M, N, K, A, LDA, TAU, WORK, LWORK, INFO )",
    complex: "SUBROUTINE xUNGRQ( M, N, K, A, LDA, TAU, WORK, LWORK, INFO )",
    req: {
      M: dim,
      N: atLeast("M"),
      K: atLeast("0", "M"),
      A: x("LDA*N"),
      LDA: atLeast("max(1,M)"),
      TAU: x("K", "r"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork("max(1,M)"),
    },
  }),
  gelsd: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xGELSD( M, N, NRHS, A, LDA, B, LDB, S, RCOND, RANK, WORK, LWORK, IWORK, INFO )",
    complex:
      "SUBROUTINE xGELSD( M, N, NRHS, A, LDA, B, LDB, S, RCOND, RANK, WORK, LWORK, RWORK, IWORK, INFO )",
    let: { mn: "min(M,N)", mx: "max(M,N)", nlvl: (get) => gelsdLevels(get("mn")) },
    req: {
      M: dim,
      N: dim,
      // xGELSD accepts NRHS = 0, but the xLALSD it calls rejects it (through XERBLA, which
      // stops the process in reference LAPACK) unless the quick return for an empty A came first.
      NRHS: atLeast("min(1,M,N)"),
      A: x("LDA*N"),
      LDA: atLeast("max(1,M)"),
      B: x("LDB*NRHS"),
      LDB: atLeast("max(1,mx)"),
      S: f("mn"),
      RCOND: real("any"),
      RANK: i("1"),
      WORK: x("max(1,LWORK)", "w"),
      // Real: the documented 12*mn + 2*mn*SMLSIZ + 8*mn*NLVL + mn*NRHS + (SMLSIZ+1)**2, and
      // 3*N+M, which LAPACK also demands for M >= N when it does not take the QR path first.
      // Complex: LAPACK's code demands 2*mn + max(mx, mn*NRHS) (the docs omit the mx).
      LWORK: lwork((v) =>
        v.cx ? "max(1,2*mn+max(mx,mn*NRHS))" : "max(1,12*mn+2*mn*25+8*mn*nlvl+mn*NRHS+26*26,3*mn+M)"
      ),
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
  }),
  // scipy.linalg part A: structured solves, generalized eigenproblems, ldl, pivoted QR, lstsq
  sysv: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xSYSV( UPLO, N, NRHS, A, LDA, IPIV, B, LDB, WORK, LWORK, INFO )",
    req: {
      UPLO: char("UL"),
      N: dim,
      NRHS: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      IPIV: i("N"),
      B: x("LDB*NRHS"),
      LDB: atLeast("max(1,N)"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork("1"),
    },
  }),
  hesv: declare({
    types: "cz",
    fortran: "SUBROUTINE xHESV( UPLO, N, NRHS, A, LDA, IPIV, B, LDB, WORK, LWORK, INFO )",
    req: {
      UPLO: char("UL"),
      N: dim,
      NRHS: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      IPIV: i("N"),
      B: x("LDB*NRHS"),
      LDB: atLeast("max(1,N)"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork("1"),
    },
  }),
  posv: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xPOSV( UPLO, N, NRHS, A, LDA, B, LDB, INFO )",
    req: {
      UPLO: char("UL"),
      N: dim,
      NRHS: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      B: x("LDB*NRHS"),
      LDB: atLeast("max(1,N)"),
    },
  }),
  gbsv: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGBSV( N, KL, KU, NRHS, AB, LDAB, IPIV, B, LDB, INFO )",
    req: {
      N: dim,
      KL: dim,
      KU: dim,
      NRHS: dim,
      AB: x("LDAB*N"),
      LDAB: atLeast("2*KL+KU+1"),
      IPIV: i("N"),
      B: x("LDB*NRHS"),
      LDB: atLeast("max(1,N)"),
    },
  }),
  pbsv: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xPBSV( UPLO, N, KD, NRHS, AB, LDAB, B, LDB, INFO )",
    req: {
      UPLO: char("UL"),
      N: dim,
      KD: dim,
      NRHS: dim,
      AB: x("LDAB*N"),
      LDAB: atLeast("KD+1"),
      B: x("LDB*NRHS"),
      LDB: atLeast("max(1,N)"),
    },
  }),
  stev: declare({
    types: "sd",
    fortran: "SUBROUTINE xSTEV( JOBZ, N, D, E, Z, LDZ, WORK, INFO )",
    req: {
      JOBZ: char("NV"),
      N: dim,
      D: f("N"),
      E: f("max(0,N-1)"),
      Z: f((v) => v.JOBZ === "V" ? "LDZ*N" : "0"),
      LDZ: atLeast((v) => v.JOBZ === "V" ? "max(1,N)" : "1"),
      WORK: f((v) => v.JOBZ === "V" ? "max(1,2*N-2)" : "0", "w"),
    },
  }),
  sygvd: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xSYGVD( ITYPE, JOBZ, UPLO, N, A, LDA, B, LDB, W, WORK, LWORK, IWORK, LIWORK, INFO )",
    complex:
      "SUBROUTINE xHEGVD( ITYPE, JOBZ, UPLO, N, A, LDA, B, LDB, W, WORK, LWORK, RWORK, LRWORK, IWORK, LIWORK, INFO )",
    req: {
      ITYPE: atLeast("1", "3"),
      JOBZ: char("NV"),
      UPLO: char("UL"),
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      B: x("LDB*N"),
      LDB: atLeast("max(1,N)"),
      W: f("N"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork((v) =>
        (v.N as number) <= 1
          ? "1"
          : v.cx
          ? (v.JOBZ === "V" ? "2*N+N*N" : "N+1")
          : v.JOBZ === "V"
          ? "1+6*N+2*N*N"
          : "2*N+1"
      ),
      RWORK: f("max(1,LRWORK)", "w"),
      LRWORK: lwork((v) => (v.N as number) <= 1 ? "1" : v.JOBZ === "V" ? "1+5*N+2*N*N" : "N"),
      IWORK: i("max(1,LIWORK)", "w"),
      LIWORK: lwork((v) => (v.N as number) <= 1 || v.JOBZ === "N" ? "1" : "3+5*N"),
    },
    finite: [
      { a: "A", rows: "N", cols: "N", ld: "LDA", uplo: "UPLO" },
      { a: "B", rows: "N", cols: "N", ld: "LDB", uplo: "UPLO" },
    ],
  }),
  ggev: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xGGEV( JOBVL, JOBVR, N, A, LDA, B, LDB, ALPHAR, ALPHAI, BETA, VL, LDVL, VR, LDVR, WORK, LWORK, INFO )",
    complex:
      "SUBROUTINE xGGEV( JOBVL, JOBVR, N, A, LDA, B, LDB, ALPHA, BETA, VL, LDVL, VR, LDVR, WORK, LWORK, RWORK, INFO )",
    req: {
      JOBVL: char("NV"),
      JOBVR: char("NV"),
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      B: x("LDB*N"),
      LDB: atLeast("max(1,N)"),
      ALPHAR: f("N"),
      ALPHAI: f("N"),
      ALPHA: x("N"),
      BETA: x("N"),
      VL: x((v) => v.JOBVL === "V" ? "LDVL*N" : "0"),
      LDVL: atLeast((v) => v.JOBVL === "V" ? "max(1,N)" : "1"),
      VR: x((v) => v.JOBVR === "V" ? "LDVR*N" : "0"),
      LDVR: atLeast((v) => v.JOBVR === "V" ? "max(1,N)" : "1"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork((v) => v.cx ? "max(1,2*N)" : "max(1,8*N)"),
      RWORK: f("8*N", "w"),
    },
    finite: [
      { a: "A", rows: "N", cols: "N", ld: "LDA" },
      { a: "B", rows: "N", cols: "N", ld: "LDB" },
    ],
  }),
  sytrf: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xSYTRF( UPLO, N, A, LDA, IPIV, WORK, LWORK, INFO )",
    req: {
      UPLO: char("UL"),
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      IPIV: i("N"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork("1"),
    },
  }),
  hetrf: declare({
    types: "cz",
    fortran: "SUBROUTINE xHETRF( UPLO, N, A, LDA, IPIV, WORK, LWORK, INFO )",
    req: {
      UPLO: char("UL"),
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      IPIV: i("N"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork("1"),
    },
  }),
  geqp3: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGEQP3( M, N, A, LDA, JPVT, TAU, WORK, LWORK, INFO )",
    complex: "SUBROUTINE xGEQP3( M, N, A, LDA, JPVT, TAU, WORK, LWORK, RWORK, INFO )",
    req: {
      M: dim,
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,M)"),
      JPVT: i("N"),
      TAU: x("min(M,N)"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork((v) => v.cx ? "N+1" : "3*N+1"),
      RWORK: f("2*N", "w"),
    },
    finite: [{ a: "A", rows: "M", cols: "N", ld: "LDA" }],
  }),
  gelsy: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xGELSY( M, N, NRHS, A, LDA, B, LDB, JPVT, RCOND, RANK, WORK, LWORK, INFO )",
    complex:
      "SUBROUTINE xGELSY( M, N, NRHS, A, LDA, B, LDB, JPVT, RCOND, RANK, WORK, LWORK, RWORK, INFO )",
    let: { mn: "min(M,N)" },
    req: {
      M: dim,
      N: dim,
      NRHS: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,M)"),
      B: x("LDB*NRHS"),
      LDB: atLeast("max(1,M,N)"),
      JPVT: i("N"),
      RCOND: real("any"),
      RANK: i("1"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork((v) => v.cx ? "mn+max(2*mn,N+1,mn+NRHS)" : "max(mn+3*N+1,2*mn+NRHS)"),
      RWORK: f("2*N", "w"),
    },
    finite: [{ a: "A", rows: "M", cols: "N", ld: "LDA" }],
  }),
  gelss: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGELSS( M, N, NRHS, A, LDA, B, LDB, S, RCOND, RANK, WORK, LWORK, INFO )",
    complex:
      "SUBROUTINE xGELSS( M, N, NRHS, A, LDA, B, LDB, S, RCOND, RANK, WORK, LWORK, RWORK, INFO )",
    let: { mn: "min(M,N)", mx: "max(M,N)" },
    req: {
      M: dim,
      N: dim,
      NRHS: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,M)"),
      // With NRHS = 0, xGELSS still writes B(1,1) (LAPACK 3.12): one column at least.
      B: x("LDB*max(1,NRHS)"),
      LDB: atLeast("max(1,M,N)"),
      S: f("mn"),
      RCOND: real("any"),
      RANK: i("1"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork((v) => v.cx ? "max(1,2*mn+max(mx,NRHS))" : "max(1,3*mn+max(2*mn,mx,NRHS))"),
      RWORK: f("5*mn", "w"),
    },
    finite: [{ a: "A", rows: "M", cols: "N", ld: "LDA" }],
  }),
  trtrs: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xTRTRS( UPLO, TRANS, DIAG, N, NRHS, A, LDA, B, LDB, INFO )",
    req: {
      UPLO: char("UL"),
      TRANS: char("NTC"),
      DIAG: char("NU"),
      N: dim,
      NRHS: dim,
      A: x("LDA*N", "r"),
      LDA: atLeast("max(1,N)"),
      B: x("LDB*NRHS"),
      LDB: atLeast("max(1,N)"),
    },
  }),
  gecon: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGECON( NORM, N, A, LDA, ANORM, RCOND, WORK, IWORK, INFO )",
    complex: "SUBROUTINE xGECON( NORM, N, A, LDA, ANORM, RCOND, WORK, RWORK, INFO )",
    req: {
      NORM: char("1OI"),
      N: dim,
      A: x("LDA*N", "r"),
      LDA: atLeast("max(1,N)"),
      ANORM: real("nonneg"),
      RCOND: f("1"),
      WORK: x((v) => v.cx ? "2*N" : "4*N"),
      IWORK: i("N"),
      RWORK: f("2*N"),
    },
  }),
  // Schur and QZ (scipy.linalg part B)
  gees: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xGEES( JOBVS, SORT, SELECT, N, A, LDA, SDIM, WR, WI, VS, LDVS, WORK, LWORK, BWORK, INFO )",
    complex:
      "SUBROUTINE xGEES( JOBVS, SORT, SELECT, N, A, LDA, SDIM, W, VS, LDVS, WORK, LWORK, RWORK, BWORK, INFO )",
    req: {
      JOBVS: char("NV"),
      // No callbacks through the FFI: SORT = 'N' only (SELECT and BWORK are not referenced);
      // reorder afterwards with ?trsen.
      SORT: char("N"),
      SELECT: i("1", "r"),
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      SDIM: i("1"),
      WR: f("N"),
      WI: f("N"),
      W: x("N"),
      VS: x((v) => v.JOBVS === "V" ? "LDVS*N" : "0"),
      LDVS: atLeast((v) => v.JOBVS === "V" ? "max(1,N)" : "1"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork((v) => v.cx ? "max(1,2*N)" : "max(1,3*N)"),
      RWORK: f("N", "w"),
      BWORK: i("1", "w"),
    },
    finite: [{ a: "A", rows: "N", cols: "N", ld: "LDA" }],
  }),
  gges: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xGGES( JOBVSL, JOBVSR, SORT, SELCTG, N, A, LDA, B, LDB, SDIM, ALPHAR, ALPHAI, BETA, VSL, LDVSL, VSR, LDVSR, WORK, LWORK, BWORK, INFO )",
    complex:
      "SUBROUTINE xGGES( JOBVSL, JOBVSR, SORT, SELCTG, N, A, LDA, B, LDB, SDIM, ALPHA, BETA, VSL, LDVSL, VSR, LDVSR, WORK, LWORK, RWORK, BWORK, INFO )",
    req: {
      JOBVSL: char("NV"),
      JOBVSR: char("NV"),
      // No callbacks through the FFI: SORT = 'N' only (SELCTG and BWORK are not referenced).
      SORT: char("N"),
      SELCTG: i("1", "r"),
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      B: x("LDB*N"),
      LDB: atLeast("max(1,N)"),
      SDIM: i("1"),
      ALPHAR: f("N"),
      ALPHAI: f("N"),
      ALPHA: x("N"),
      BETA: x("N"),
      VSL: x((v) => v.JOBVSL === "V" ? "LDVSL*N" : "0"),
      LDVSL: atLeast((v) => v.JOBVSL === "V" ? "max(1,N)" : "1"),
      VSR: x((v) => v.JOBVSR === "V" ? "LDVSR*N" : "0"),
      LDVSR: atLeast((v) => v.JOBVSR === "V" ? "max(1,N)" : "1"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork((v) => v.cx ? "max(1,2*N)" : (v.N as number) === 0 ? "1" : "max(8*N,6*N+16)"),
      RWORK: f("8*N", "w"),
      BWORK: i("1", "w"),
    },
    finite: [{ a: "A", rows: "N", cols: "N", ld: "LDA" }, {
      a: "B",
      rows: "N",
      cols: "N",
      ld: "LDB",
    }],
  }),
  tgsen: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xTGSEN( IJOB, WANTQ, WANTZ, SELECT, N, A, LDA, B, LDB, ALPHAR, ALPHAI, BETA, Q, LDQ, Z, LDZ, M, PL, PR, DIF, WORK, LWORK, IWORK, LIWORK, INFO )",
    complex:
      "SUBROUTINE xTGSEN( IJOB, WANTQ, WANTZ, SELECT, N, A, LDA, B, LDB, ALPHA, BETA, Q, LDQ, Z, LDZ, M, PL, PR, DIF, WORK, LWORK, IWORK, LIWORK, INFO )",
    req: {
      // IJOB = 0 only (reorder, no condition estimates): LWORK's minimum does not depend on M.
      IJOB: atLeast("0", "0"),
      // LOGICAL, passed as an INTEGER: 0 (.FALSE.) or 1 (.TRUE.).
      WANTQ: atLeast("0", "1"),
      WANTZ: atLeast("0", "1"),
      SELECT: i("N", "r"),
      N: dim,
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      B: x("LDB*N"),
      LDB: atLeast("max(1,N)"),
      ALPHAR: f("N"),
      ALPHAI: f("N"),
      ALPHA: x("N"),
      BETA: x("N"),
      Q: x((v) => v.WANTQ === 1 ? "LDQ*N" : "0"),
      LDQ: atLeast((v) => v.WANTQ === 1 ? "max(1,N)" : "1"),
      Z: x((v) => v.WANTZ === 1 ? "LDZ*N" : "0"),
      LDZ: atLeast((v) => v.WANTZ === 1 ? "max(1,N)" : "1"),
      M: i("1"),
      PL: f("1"),
      PR: f("1"),
      DIF: f("2"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork((v) => v.cx ? "1" : "max(1,4*N+16)"),
      IWORK: i("max(1,LIWORK)", "w"),
      LIWORK: lwork("1"),
    },
    finite: [{ a: "A", rows: "N", cols: "N", ld: "LDA" }, {
      a: "B",
      rows: "N",
      cols: "N",
      ld: "LDB",
    }],
  }),
  gehrd: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGEHRD( N, ILO, IHI, A, LDA, TAU, WORK, LWORK, INFO )",
    req: {
      N: dim,
      ILO: atLeast("1", "max(1,N)"),
      IHI: atLeast("min(ILO,N)", "N"),
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      TAU: x("max(0,N-1)"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork("max(1,N)"),
    },
  }),
  orghr: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xORGHR( N, ILO, IHI, A, LDA, TAU, WORK, LWORK, INFO )",
    complex: "SUBROUTINE xUNGHR( N, ILO, IHI, A, LDA, TAU, WORK, LWORK, INFO )",
    req: {
      N: dim,
      ILO: atLeast("1", "max(1,N)"),
      IHI: atLeast("min(ILO,N)", "N"),
      A: x("LDA*N"),
      LDA: atLeast("max(1,N)"),
      TAU: x("max(0,N-1)", "r"),
      WORK: x("max(1,LWORK)", "w"),
      LWORK: lwork("max(1,IHI-ILO)"),
    },
  }),
  trsyl: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xTRSYL( TRANA, TRANB, ISGN, M, N, A, LDA, B, LDB, C, LDC, SCALE, INFO )",
    req: {
      TRANA: char("NTC"),
      TRANB: char("NTC"),
      ISGN: atLeast("-1", "1"),
      M: dim,
      N: dim,
      A: x("LDA*M", "r"),
      LDA: atLeast("max(1,M)"),
      B: x("LDB*N", "r"),
      LDB: atLeast("max(1,N)"),
      C: x("LDC*N"),
      LDC: atLeast("max(1,M)"),
      SCALE: f("1"),
    },
    check: (v) =>
      v.ISGN !== 1 && v.ISGN !== -1
        ? "ISGN must be 1 or -1"
        : v.cx && /T/i.test(`${v.TRANA}${v.TRANB}`)
        ? "TRANA and TRANB must be 'N' or 'C' for complex types"
        : undefined,
  }),
  ...BLAS_TEMPLATES,
};

type Templates = typeof TEMPLATES;
/** A template id: a key of the table (`"getrf"`, `"syevd"` for `?syevd`/`?heevd`, ...). */
export type TemplateName = keyof Templates;
/** Every concrete routine name (`"dgetrf"`, `"zheevd"`, `"sdot"`, ...). */
export type RoutineName = { [K in TemplateName]: VariantNames<Templates[K]> }[TemplateName];
/** The template of routine names. */
export type TemplateOf<N extends string> = {
  [K in TemplateName]: N extends VariantNames<Templates[K]> ? K : never;
}[TemplateName];
/**
 * The signature of routine `N`: its Fortran arguments in order without INFO, returning INFO
 * (a BLAS function's value; 0 for the BLAS subroutines). For a union of variants of one
 * template (`${t}getrf` with `t` any letter), the arrays are `Float32Array | Float64Array` and
 * the arguments are those of any of the variants.
 */
export type RoutineFn<N extends RoutineName> = Signature<Templates[TemplateOf<N>], N>;
/** Every routine by name, typed. */
export type LapackRoutines = { [N in RoutineName]: RoutineFn<N> };

/** Every concrete routine by full name (`dgetrf`, `zheevd`, ...). */
export const ROUTINE: Readonly<Record<string, Routine>> = Object.fromEntries(
  Object.entries(TEMPLATES).flatMap(([id, t]) => expand(id, t)).map((r) => [r.name, r]),
);

/** The routines by name without the type letter (`heevd` apart from `syevd`), with their letters. */
export const ROUTINES: readonly { name: string; types: string; family: "lapack" | "blas" }[] =
  (() => {
    const by: Record<string, { name: string; types: string; family: "lapack" | "blas" }> = {};
    for (const r of Object.values(ROUTINE)) {
      const name = r.name.slice(1);
      (by[name] ??= { name, types: "", family: r.family }).types += r.type;
    }
    return Object.values(by);
  })();

/** A type letter. */
export type TypeLetter = "s" | "d" | "c" | "z";
/** The routine of template `T` in type(s) `L`: `VariantOf<"orgqr", "z">` is `"zungqr"`. */
export type VariantOf<T extends TemplateName, L extends TypeLetter> = Extract<
  VariantNames<Templates[T]>,
  `${L}${string}`
>;

const VARIANT: Record<string, string> = Object.fromEntries(
  Object.values(ROUTINE).map((r) => [r.type + r.template, r.name]),
);

/** The routine name of template `t` in type `letter` (`"z"`, `"orgqr"` -> `"zungqr"`). */
export function variantName<T extends TemplateName, L extends TypeLetter>(
  letter: L,
  t: T,
): VariantOf<T, L> {
  const name = VARIANT[letter + t];
  if (name === undefined) throw new Error(`Unknown routine: no ${letter} variant of ${t}`);
  return name as VariantOf<T, L>;
}
