/**
 * The one table of every LAPACK and BLAS routine dlapack calls, written once per routine
 * and expanded to its s/d/c/z variants (as Julia's `lapack.jl` loops one body over four
 * types). Each entry carries the Fortran prototype as a comment; the Deno, Bun and Node
 * adapters and both ABIs (Fortran and LAPACKE) are generated from it in `abi.ts`.
 *
 * Argument kinds:
 * - `i`: INTEGER input (Fortran: by reference; LAPACKE: by value)
 * - `c`: CHARACTER*1 input (Fortran: by reference plus a hidden `size_t` length at the end)
 * - `r`: real scalar input (REAL for s/c, DOUBLE PRECISION for d/z)
 * - `s`: scalar input of the element type, passed as a typed array (BLAS alpha and beta)
 * - `a`: array or output scalar, passed as a typed array (pointer in both ABIs)
 * - `info`: INFO (Fortran: last pointer argument; LAPACKE: the return value)
 *
 * @module
 */

/** An argument kind, see the module doc. */
export type ArgKind = "i" | "c" | "r" | "s" | "a" | "info";

/** One routine template. `args` is "NAME:kind ..."; `complexArgs` replaces it for c/z. */
export interface RoutineTemplate {
  /** Routine name without the type letter, e.g. "getrf". */
  name: string;
  /** Which type letters exist ("sdcz", "sd" or "cz"). */
  types: string;
  /** Fortran arguments for the real variants (or all variants). */
  args: string;
  /** Fortran arguments for the complex variants, when they differ. */
  complexArgs?: string;
  /** "lapack" (has a LAPACKE `_work` twin) or "blas" (Fortran ABI only). */
  family: "lapack" | "blas";
  /** Return type, for BLAS functions (default: subroutine). */
  ret?: "real" | "int";
}

/** The routines. Prototypes as in the reference LAPACK sources (x = S, D, C or Z). */
export const ROUTINES: readonly RoutineTemplate[] = [
  // SUBROUTINE xGESV( N, NRHS, A, LDA, IPIV, B, LDB, INFO )
  {
    name: "gesv",
    types: "sdcz",
    family: "lapack",
    args: "N:i NRHS:i A:a LDA:i IPIV:a B:a LDB:i INFO:info",
  },
  // SUBROUTINE xGETRF( M, N, A, LDA, IPIV, INFO )
  { name: "getrf", types: "sdcz", family: "lapack", args: "M:i N:i A:a LDA:i IPIV:a INFO:info" },
  // SUBROUTINE xGETRS( TRANS, N, NRHS, A, LDA, IPIV, B, LDB, INFO )
  {
    name: "getrs",
    types: "sdcz",
    family: "lapack",
    args: "TRANS:c N:i NRHS:i A:a LDA:i IPIV:a B:a LDB:i INFO:info",
  },
  // SUBROUTINE xGETRI( N, A, LDA, IPIV, WORK, LWORK, INFO )
  {
    name: "getri",
    types: "sdcz",
    family: "lapack",
    args: "N:i A:a LDA:i IPIV:a WORK:a LWORK:i INFO:info",
  },
  // SUBROUTINE xPOTRF( UPLO, N, A, LDA, INFO )
  { name: "potrf", types: "sdcz", family: "lapack", args: "UPLO:c N:i A:a LDA:i INFO:info" },
  // SUBROUTINE xPOTRS( UPLO, N, NRHS, A, LDA, B, LDB, INFO )
  {
    name: "potrs",
    types: "sdcz",
    family: "lapack",
    args: "UPLO:c N:i NRHS:i A:a LDA:i B:a LDB:i INFO:info",
  },
  // SUBROUTINE xSYEVD( JOBZ, UPLO, N, A, LDA, W, WORK, LWORK, IWORK, LIWORK, INFO )
  {
    name: "syevd",
    types: "sd",
    family: "lapack",
    args: "JOBZ:c UPLO:c N:i A:a LDA:i W:a WORK:a LWORK:i IWORK:a LIWORK:i INFO:info",
  },
  // SUBROUTINE xHEEVD( JOBZ, UPLO, N, A, LDA, W, WORK, LWORK, RWORK, LRWORK, IWORK, LIWORK, INFO )
  {
    name: "heevd",
    types: "cz",
    family: "lapack",
    args:
      "JOBZ:c UPLO:c N:i A:a LDA:i W:a WORK:a LWORK:i RWORK:a LRWORK:i IWORK:a LIWORK:i INFO:info",
  },
  // SUBROUTINE xGEEV( JOBVL, JOBVR, N, A, LDA, WR, WI, VL, LDVL, VR, LDVR, WORK, LWORK, INFO )          (S, D)
  // SUBROUTINE xGEEV( JOBVL, JOBVR, N, A, LDA, W, VL, LDVL, VR, LDVR, WORK, LWORK, RWORK, INFO )        (C, Z)
  {
    name: "geev",
    types: "sdcz",
    family: "lapack",
    args:
      "JOBVL:c JOBVR:c N:i A:a LDA:i WR:a WI:a VL:a LDVL:i VR:a LDVR:i WORK:a LWORK:i INFO:info",
    complexArgs:
      "JOBVL:c JOBVR:c N:i A:a LDA:i W:a VL:a LDVL:i VR:a LDVR:i WORK:a LWORK:i RWORK:a INFO:info",
  },
  // SUBROUTINE xGESDD( JOBZ, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, IWORK, INFO )             (S, D)
  // SUBROUTINE xGESDD( JOBZ, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, RWORK, IWORK, INFO )      (C, Z)
  {
    name: "gesdd",
    types: "sdcz",
    family: "lapack",
    args: "JOBZ:c M:i N:i A:a LDA:i S:a U:a LDU:i VT:a LDVT:i WORK:a LWORK:i IWORK:a INFO:info",
    complexArgs:
      "JOBZ:c M:i N:i A:a LDA:i S:a U:a LDU:i VT:a LDVT:i WORK:a LWORK:i RWORK:a IWORK:a INFO:info",
  },
  // SUBROUTINE xGESVD( JOBU, JOBVT, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, INFO )             (S, D)
  // SUBROUTINE xGESVD( JOBU, JOBVT, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, RWORK, INFO )      (C, Z)
  {
    name: "gesvd",
    types: "sdcz",
    family: "lapack",
    args: "JOBU:c JOBVT:c M:i N:i A:a LDA:i S:a U:a LDU:i VT:a LDVT:i WORK:a LWORK:i INFO:info",
    complexArgs:
      "JOBU:c JOBVT:c M:i N:i A:a LDA:i S:a U:a LDU:i VT:a LDVT:i WORK:a LWORK:i RWORK:a INFO:info",
  },
  // SUBROUTINE xGEQRF( M, N, A, LDA, TAU, WORK, LWORK, INFO )
  {
    name: "geqrf",
    types: "sdcz",
    family: "lapack",
    args: "M:i N:i A:a LDA:i TAU:a WORK:a LWORK:i INFO:info",
  },
  // SUBROUTINE xORGQR( M, N, K, A, LDA, TAU, WORK, LWORK, INFO )                                       (S, D)
  {
    name: "orgqr",
    types: "sd",
    family: "lapack",
    args: "M:i N:i K:i A:a LDA:i TAU:a WORK:a LWORK:i INFO:info",
  },
  // SUBROUTINE xUNGQR( M, N, K, A, LDA, TAU, WORK, LWORK, INFO )                                       (C, Z)
  {
    name: "ungqr",
    types: "cz",
    family: "lapack",
    args: "M:i N:i K:i A:a LDA:i TAU:a WORK:a LWORK:i INFO:info",
  },
  // SUBROUTINE xGELSD( M, N, NRHS, A, LDA, B, LDB, S, RCOND, RANK, WORK, LWORK, IWORK, INFO )          (S, D)
  // SUBROUTINE xGELSD( M, N, NRHS, A, LDA, B, LDB, S, RCOND, RANK, WORK, LWORK, RWORK, IWORK, INFO )   (C, Z)
  {
    name: "gelsd",
    types: "sdcz",
    family: "lapack",
    args: "M:i N:i NRHS:i A:a LDA:i B:a LDB:i S:a RCOND:r RANK:a WORK:a LWORK:i IWORK:a INFO:info",
    complexArgs:
      "M:i N:i NRHS:i A:a LDA:i B:a LDB:i S:a RCOND:r RANK:a WORK:a LWORK:i RWORK:a IWORK:a INFO:info",
  },
  // SUBROUTINE xTRTRS( UPLO, TRANS, DIAG, N, NRHS, A, LDA, B, LDB, INFO )
  {
    name: "trtrs",
    types: "sdcz",
    family: "lapack",
    args: "UPLO:c TRANS:c DIAG:c N:i NRHS:i A:a LDA:i B:a LDB:i INFO:info",
  },
  // SUBROUTINE xGECON( NORM, N, A, LDA, ANORM, RCOND, WORK, IWORK, INFO )                              (S, D)
  // SUBROUTINE xGECON( NORM, N, A, LDA, ANORM, RCOND, WORK, RWORK, INFO )                              (C, Z)
  {
    name: "gecon",
    types: "sdcz",
    family: "lapack",
    args: "NORM:c N:i A:a LDA:i ANORM:r RCOND:a WORK:a IWORK:a INFO:info",
    complexArgs: "NORM:c N:i A:a LDA:i ANORM:r RCOND:a WORK:a RWORK:a INFO:info",
  },
  // SUBROUTINE xGEMM( TRANSA, TRANSB, M, N, K, ALPHA, A, LDA, B, LDB, BETA, C, LDC )
  {
    name: "gemm",
    types: "sdcz",
    family: "blas",
    args: "TRANSA:c TRANSB:c M:i N:i K:i ALPHA:s A:a LDA:i B:a LDB:i BETA:s C:a LDC:i",
  },
  // SUBROUTINE xGEMV( TRANS, M, N, ALPHA, A, LDA, X, INCX, BETA, Y, INCY )
  {
    name: "gemv",
    types: "sdcz",
    family: "blas",
    args: "TRANS:c M:i N:i ALPHA:s A:a LDA:i X:a INCX:i BETA:s Y:a INCY:i",
  },
  // DOUBLE PRECISION FUNCTION DDOT( N, DX, INCX, DY, INCY )   (REAL FUNCTION SDOT)
  { name: "dot", types: "sd", family: "blas", ret: "real", args: "N:i X:a INCX:i Y:a INCY:i" },
  // SUBROUTINE xCOPY( N, X, INCX, Y, INCY )
  { name: "copy", types: "sdcz", family: "blas", args: "N:i X:a INCX:i Y:a INCY:i" },
];

/** One concrete routine, e.g. `dgetrf`. */
export interface Routine {
  /** Full lower-case name, e.g. "dgetrf". */
  name: string;
  /** Type letter: s, d, c or z. */
  type: "s" | "d" | "c" | "z";
  family: "lapack" | "blas";
  /** Argument names, in Fortran order. */
  names: string[];
  /** Argument kinds, in Fortran order. */
  kinds: ArgKind[];
  /** Whether the real scalars of this variant are double. */
  double: boolean;
  ret?: "real" | "int";
}

function expand(t: RoutineTemplate): Routine[] {
  return [...t.types].map((type) => {
    const complex = type === "c" || type === "z";
    const spec = (complex && t.complexArgs) || t.args;
    const pairs = spec.split(/\s+/).map((p) => p.split(":"));
    return {
      name: type + t.name,
      type: type as Routine["type"],
      family: t.family,
      names: pairs.map((p) => p[0]),
      kinds: pairs.map((p) => p[1] as ArgKind),
      double: type === "d" || type === "z",
      ret: t.ret,
    };
  });
}

/** Every concrete routine by full name (`dgetrf`, `zheevd`, ...). */
export const ROUTINE: Readonly<Record<string, Routine>> = Object.fromEntries(
  ROUTINES.flatMap(expand).map((r) => [r.name, r]),
);

/** Symbol naming schemes tried by the prober, most common first. */
export interface Naming {
  /** Label shown by `backend()`, e.g. "_" or "64_" or "$NEWLAPACK". */
  suffix: string;
  prefix: string;
  /** Integer width implied by the name itself (ILP64 suffixes), else probed. */
  intWidth?: 32 | 64;
}

/** Fortran name-mangling schemes, in the order they are tried. */
export const NAMINGS: readonly Naming[] = [
  { prefix: "", suffix: "_" },
  { prefix: "", suffix: "" },
  { prefix: "", suffix: "64_", intWidth: 64 },
  { prefix: "", suffix: "_64", intWidth: 64 },
  { prefix: "scipy_", suffix: "_" },
  { prefix: "scipy_", suffix: "64_", intWidth: 64 },
  { prefix: "", suffix: "$NEWLAPACK" },
  { prefix: "", suffix: "$NEWLAPACK$ILP64", intWidth: 64 },
];

/** The exported symbol of `routine` (e.g. "dgetrf") under a naming scheme. */
export function fortranName(routine: string, n: Naming): string {
  return n.prefix + routine + n.suffix;
}

/** The LAPACKE `_work` symbol of a routine, e.g. "LAPACKE_dgetrf_work". */
export function lapackeName(routine: string, intWidth: 32 | 64): string {
  return `LAPACKE_${routine}_work${intWidth === 64 ? "64_" : ""}`;
}

/**
 * Probes and vendor symbols (C ABI), all optional.
 * - `ILAVER( VERS_MAJOR, VERS_MINOR, VERS_PATCH )`: LAPACK version, and the integer-width probe
 * - `ISAMAX( N, SX, INCX )`: the BLAS integer-width probe
 */
export const VENDOR = {
  // char *openblas_get_config(void)
  openblas_get_config: { args: [], ret: "ptr" },
  // int openblas_get_num_threads(void)
  openblas_get_num_threads: { args: [], ret: "i32" },
  // void openblas_set_num_threads(int)
  openblas_set_num_threads: { args: ["i32"], ret: "void" },
  // char *openblas_get_corename(void)
  openblas_get_corename: { args: [], ret: "ptr" },
  // void MKL_Get_Version_String(char *buffer, int len)
  MKL_Get_Version_String: { args: ["ptr", "i32"], ret: "void" },
  // int MKL_Get_Max_Threads(void)
  MKL_Get_Max_Threads: { args: [], ret: "i32" },
  // void MKL_Set_Num_Threads(int)
  MKL_Set_Num_Threads: { args: ["i32"], ret: "void" },
  // int MKL_Set_Num_Threads_Local(int)   (this thread only; 0 returns it to the global count)
  MKL_Set_Num_Threads_Local: { args: ["i32"], ret: "i32" },
  // char *bli_info_get_version_str(void)
  bli_info_get_version_str: { args: [], ret: "ptr" },
  // dim_t bli_thread_get_num_threads(void)
  bli_thread_get_num_threads: { args: [], ret: "i64" },
  // void bli_thread_set_num_threads(dim_t)
  bli_thread_set_num_threads: { args: ["i64"], ret: "void" },
  // int flexiblas_current_backend(char *name, size_t len)
  flexiblas_current_backend: { args: ["ptr", "u64"], ret: "i32" },
  // int flexiblas_get_num_threads(void)
  flexiblas_get_num_threads: { args: [], ret: "i32" },
  // void flexiblas_set_num_threads(int)
  flexiblas_set_num_threads: { args: ["i32"], ret: "void" },
  // int dladdr(const void *addr, Dl_info *info)   (libc; names the file that provides a symbol)
  dladdr: { args: ["addr", "ptr"], ret: "i32" },
} as const;

/** Symbols whose presence names a vendor that has no version call. */
export const MARKERS = {
  atlas: ["ATL_dgetrf", "clapack_dgetrf", "ATL_xerbla", "atl_f77wrap_dgemm_"],
  flame: ["FLA_Init"],
  accelerate: ["appleblas_sgeadd", "vDSP_vadd"],
} as const;
