/**
 * The routines of dlapack's scipy.linalg functions that `lapack.*` does not expose yet: each
 * declared once with `declare()` (the Fortran prototype and one requirement per argument, as
 * `routines.ts`) and bound through the same ABI code, but kept out of `TEMPLATES` until their
 * boundary tests in test/lapack_test.ts exist. Reached through `internalRoutine()`.
 *
 * @module
 */
import type { Routine } from "./declare.ts";
import { atLeast, char, declare, dim, expand, f, i, lwork, x } from "./declare.ts";

/** The templates, by id. Prototypes as in the reference LAPACK sources. */
export const INTERNAL_TEMPLATES = {
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
};

/** Every internal routine by full name (`dsysv`, `zhegvd`, ...). */
export const INTERNAL_ROUTINE: Readonly<Record<string, Routine>> = Object.fromEntries(
  Object.entries(INTERNAL_TEMPLATES).flatMap(([id, t]) => expand(id, t)).map((r) => [r.name, r]),
);
