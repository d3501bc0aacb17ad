/**
 * The BLAS part of the routine table (`routines.ts`, which spreads it into `TEMPLATES`): one
 * declaration per routine template, as the LAPACK ones.
 *
 * @module
 */
import type { Vals } from "./declare.ts";
import { atLeast, char, declare, dim, inc, scalar, x } from "./declare.ts";

/** Length of a BLAS vector of `n` elements with increment `incName`. */
const vec = (n: string, incName: string): (v: Vals) => string => {
  const formula = `1+(${n}-1)*abs(${incName})`;
  return (v: Vals): string => (v[n] as number) > 0 ? formula : "0";
};

/** The BLAS routine templates, by id. Prototypes as in the reference BLAS sources. */
export const BLAS_TEMPLATES = {
  gemm: declare({
    types: "sdcz",
    family: "blas",
    fortran: "SUBROUTINE xGEMM( TRANSA, TRANSB, M, N, K, ALPHA, A, LDA, B, LDB, BETA, C, LDC )",
    req: {
      TRANSA: char("NTC"),
      TRANSB: char("NTC"),
      M: dim,
      N: dim,
      K: dim,
      ALPHA: scalar,
      A: x((v) => v.TRANSA === "N" ? "LDA*K" : "LDA*M", "r"),
      LDA: atLeast((v) => v.TRANSA === "N" ? "max(1,M)" : "max(1,K)"),
      B: x((v) => v.TRANSB === "N" ? "LDB*N" : "LDB*K", "r"),
      LDB: atLeast((v) => v.TRANSB === "N" ? "max(1,K)" : "max(1,N)"),
      BETA: scalar,
      C: x("LDC*N"),
      LDC: atLeast("max(1,M)"),
    },
  }),
  gemv: declare({
    types: "sdcz",
    family: "blas",
    fortran: "SUBROUTINE xGEMV( TRANS, M, N, ALPHA, A, LDA, X, INCX, BETA, Y, INCY )",
    req: {
      TRANS: char("NTC"),
      M: dim,
      N: dim,
      ALPHA: scalar,
      A: x("LDA*N", "r"),
      LDA: atLeast("max(1,M)"),
      X: x((v) => v.TRANS === "N" ? vec("N", "INCX")(v) : vec("M", "INCX")(v), "r"),
      INCX: inc,
      BETA: scalar,
      Y: x((v) => v.TRANS === "N" ? vec("M", "INCY")(v) : vec("N", "INCY")(v)),
      INCY: inc,
    },
  }),
  dot: declare({
    types: "sd",
    family: "blas",
    fortran: "REAL FUNCTION xDOT( N, X, INCX, Y, INCY )",
    req: { N: dim, X: x(vec("N", "INCX"), "r"), INCX: inc, Y: x(vec("N", "INCY"), "r"), INCY: inc },
  }),
  copy: declare({
    types: "sdcz",
    family: "blas",
    fortran: "SUBROUTINE xCOPY( N, X, INCX, Y, INCY )",
    req: { N: dim, X: x(vec("N", "INCX"), "r"), INCX: inc, Y: x(vec("N", "INCY")), INCY: inc },
  }),
  trsm: declare({
    types: "sdcz",
    family: "blas",
    fortran: "SUBROUTINE xTRSM( SIDE, UPLO, TRANSA, DIAG, M, N, ALPHA, A, LDA, B, LDB )",
    req: {
      SIDE: char("LR"),
      UPLO: char("UL"),
      TRANSA: char("NTC"),
      DIAG: char("NU"),
      M: dim,
      N: dim,
      ALPHA: scalar,
      A: x((v) => v.SIDE === "L" ? "LDA*M" : "LDA*N", "r"),
      LDA: atLeast((v) => v.SIDE === "L" ? "max(1,M)" : "max(1,N)"),
      B: x("LDB*N"),
      LDB: atLeast("max(1,M)"),
    },
  }),
};
