/**
 * The one table of every ScaLAPACK (and PBLAS) routine the distributed mode calls, written once
 * per routine and expanded to its s/d/c/z variants, in the spirit of `symbols.ts`; plus the
 * BLACS C interface and the few MPI calls, with their C prototypes. Each entry carries the
 * Fortran prototype as a comment (x = S, D, C or Z; the symbols are `p` + letter + name + `_`).
 *
 * Argument kinds of the Fortran routines (all passed by reference; LP64: INTEGER is 32-bit):
 * - `i`: INTEGER input
 * - `c`: CHARACTER*1 input (a hidden `size_t` length of 1 is appended at the end)
 * - `s`: scalar of the element type, passed as a typed array (PBLAS alpha and beta)
 * - `a`: local array, or an output scalar, passed as a typed array
 * - `d`: array descriptor, an Int32Array(9)
 * - `info`: INFO, the last argument
 *
 * @module
 */

/** An argument kind of a ScaLAPACK routine, see the module doc. */
export type PArgKind = "i" | "c" | "s" | "a" | "d" | "info";

/** One ScaLAPACK routine template. */
export interface PRoutineTemplate {
  /** Name without the `p` and the type letter, e.g. "gesv". */
  name: string;
  /** Which type letters exist. */
  types: string;
  /** Fortran arguments, "NAME:kind ...", for the real variants (or all). */
  args: string;
  /** Fortran arguments of the complex variants, when they differ. */
  complexArgs?: string;
}

/** The routines. */
export const PROUTINES: readonly PRoutineTemplate[] = [
  // SUBROUTINE PxGESV( N, NRHS, A, IA, JA, DESCA, IPIV, B, IB, JB, DESCB, INFO )
  {
    name: "gesv",
    types: "sdcz",
    args: "N:i NRHS:i A:a IA:i JA:i DESCA:d IPIV:a B:a IB:i JB:i DESCB:d INFO:info",
  },
  // SUBROUTINE PxGETRF( M, N, A, IA, JA, DESCA, IPIV, INFO )
  { name: "getrf", types: "sdcz", args: "M:i N:i A:a IA:i JA:i DESCA:d IPIV:a INFO:info" },
  // SUBROUTINE PxGETRI( N, A, IA, JA, DESCA, IPIV, WORK, LWORK, IWORK, LIWORK, INFO )
  {
    name: "getri",
    types: "sdcz",
    args: "N:i A:a IA:i JA:i DESCA:d IPIV:a WORK:a LWORK:i IWORK:a LIWORK:i INFO:info",
  },
  // SUBROUTINE PxPOTRF( UPLO, N, A, IA, JA, DESCA, INFO )
  { name: "potrf", types: "sdcz", args: "UPLO:c N:i A:a IA:i JA:i DESCA:d INFO:info" },
  // SUBROUTINE PxPOTRS( UPLO, N, NRHS, A, IA, JA, DESCA, B, IB, JB, DESCB, INFO )
  {
    name: "potrs",
    types: "sdcz",
    args: "UPLO:c N:i NRHS:i A:a IA:i JA:i DESCA:d B:a IB:i JB:i DESCB:d INFO:info",
  },
  // SUBROUTINE PxGELS( TRANS, M, N, NRHS, A, IA, JA, DESCA, B, IB, JB, DESCB, WORK, LWORK, INFO )
  {
    name: "gels",
    types: "sdcz",
    args:
      "TRANS:c M:i N:i NRHS:i A:a IA:i JA:i DESCA:d B:a IB:i JB:i DESCB:d WORK:a LWORK:i INFO:info",
  },
  // SUBROUTINE PxSYEVD( JOBZ, UPLO, N, A, IA, JA, DESCA, W, Z, IZ, JZ, DESCZ, WORK, LWORK,
  //                     IWORK, LIWORK, INFO )                                              (S, D)
  {
    name: "syevd",
    types: "sd",
    args:
      "JOBZ:c UPLO:c N:i A:a IA:i JA:i DESCA:d W:a Z:a IZ:i JZ:i DESCZ:d WORK:a LWORK:i IWORK:a LIWORK:i INFO:info",
  },
  // SUBROUTINE PxHEEVD( JOBZ, UPLO, N, A, IA, JA, DESCA, W, Z, IZ, JZ, DESCZ, WORK, LWORK,
  //                     RWORK, LRWORK, IWORK, LIWORK, INFO )                               (C, Z)
  {
    name: "heevd",
    types: "cz",
    args:
      "JOBZ:c UPLO:c N:i A:a IA:i JA:i DESCA:d W:a Z:a IZ:i JZ:i DESCZ:d WORK:a LWORK:i RWORK:a LRWORK:i IWORK:a LIWORK:i INFO:info",
  },
  // SUBROUTINE PxGESVD( JOBU, JOBVT, M, N, A, IA, JA, DESCA, S, U, IU, JU, DESCU, VT, IVT, JVT,
  //                     DESCVT, WORK, LWORK, INFO )                                        (S, D)
  // SUBROUTINE PxGESVD( ..., DESCVT, WORK, LWORK, RWORK, INFO )                             (C, Z)
  {
    name: "gesvd",
    types: "sdcz",
    args:
      "JOBU:c JOBVT:c M:i N:i A:a IA:i JA:i DESCA:d S:a U:a IU:i JU:i DESCU:d VT:a IVT:i JVT:i DESCVT:d WORK:a LWORK:i INFO:info",
    complexArgs:
      "JOBU:c JOBVT:c M:i N:i A:a IA:i JA:i DESCA:d S:a U:a IU:i JU:i DESCU:d VT:a IVT:i JVT:i DESCVT:d WORK:a LWORK:i RWORK:a INFO:info",
  },
  // SUBROUTINE PxGEMM( TRANSA, TRANSB, M, N, K, ALPHA, A, IA, JA, DESCA, B, IB, JB, DESCB,
  //                    BETA, C, IC, JC, DESCC )
  {
    name: "gemm",
    types: "sdcz",
    args:
      "TRANSA:c TRANSB:c M:i N:i K:i ALPHA:s A:a IA:i JA:i DESCA:d B:a IB:i JB:i DESCB:d BETA:s C:a IC:i JC:i DESCC:d",
  },
  // SUBROUTINE PxGEMR2D( M, N, A, IA, JA, DESCA, B, IB, JB, DESCB, ICTXT )   (redistribution)
  {
    name: "gemr2d",
    types: "sdcz",
    args: "M:i N:i A:a IA:i JA:i DESCA:d B:a IB:i JB:i DESCB:d ICTXT:i",
  },
];

/** One concrete routine, e.g. `pdgesv`. */
export interface PRoutine {
  /** Full lower-case name, e.g. "pdgesv". */
  name: string;
  /** The exported symbol, e.g. "pdgesv_". */
  symbol: string;
  type: "s" | "d" | "c" | "z";
  names: string[];
  kinds: PArgKind[];
}

function expand(t: PRoutineTemplate): PRoutine[] {
  return [...t.types].map((type) => {
    const complex = type === "c" || type === "z";
    const pairs = ((complex && t.complexArgs) || t.args).split(/\s+/).map((p) => p.split(":"));
    const name = `p${type}${t.name}`;
    return {
      name,
      symbol: `${name}_`,
      type: type as PRoutine["type"],
      names: pairs.map((p) => p[0]),
      kinds: pairs.map((p) => p[1] as PArgKind),
    };
  });
}

/** Every concrete routine by full name (`pdgesv`, `pzheevd`, ...). */
export const PROUTINE: Readonly<Record<string, PRoutine>> = Object.fromEntries(
  PROUTINES.flatMap(expand).map((r) => [r.name, r]),
);

/** ScaLAPACK's Fortran tools (not typed by precision), same kinds. */
export const TOOLS: Readonly<Record<string, PRoutine>> = {
  // INTEGER FUNCTION NUMROC( N, NB, IPROC, ISRCPROC, NPROCS )
  numroc: {
    name: "numroc",
    symbol: "numroc_",
    type: "d",
    names: ["N", "NB", "IPROC", "ISRCPROC", "NPROCS"],
    kinds: ["i", "i", "i", "i", "i"],
  },
  // SUBROUTINE DESCINIT( DESC, M, N, MB, NB, IRSRC, ICSRC, ICTXT, LLD, INFO )
  descinit: {
    name: "descinit",
    symbol: "descinit_",
    type: "d",
    names: ["DESC", "M", "N", "MB", "NB", "IRSRC", "ICSRC", "ICTXT", "LLD", "INFO"],
    kinds: ["d", "i", "i", "i", "i", "i", "i", "i", "i", "info"],
  },
};

/**
 * The BLACS C interface (arguments by value, `int *` as typed arrays). `scope` and `top` are
 * one-letter NUL-terminated strings ("A" all, "R" row, "C" column; " " default topology).
 */
export const BLACS = {
  // void Cblacs_pinfo(int *mypnum, int *nprocs)       (starts MPI when it is not running)
  Cblacs_pinfo: { args: ["ptr", "ptr"], ret: "void" },
  // void Cblacs_get(int icontxt, int what, int *val)
  Cblacs_get: { args: ["i32", "i32", "ptr"], ret: "void" },
  // void Cblacs_gridinit(int *icontxt, char *order, int nprow, int npcol)
  Cblacs_gridinit: { args: ["ptr", "ptr", "i32", "i32"], ret: "void" },
  // void Cblacs_gridmap(int *icontxt, int *usermap, int ldumap, int nprow, int npcol)
  Cblacs_gridmap: { args: ["ptr", "ptr", "i32", "i32", "i32"], ret: "void" },
  // void Cblacs_gridinfo(int icontxt, int *nprow, int *npcol, int *myrow, int *mycol)
  Cblacs_gridinfo: { args: ["i32", "ptr", "ptr", "ptr", "ptr"], ret: "void" },
  // void Cblacs_barrier(int icontxt, char *scope)
  Cblacs_barrier: { args: ["i32", "ptr"], ret: "void" },
  // void Cblacs_gridexit(int icontxt)
  Cblacs_gridexit: { args: ["i32"], ret: "void" },
  // void Cblacs_exit(int notdone)                     (0: also finalizes MPI)
  Cblacs_exit: { args: ["i32"], ret: "void" },
  // void Cblacs_abort(int icontxt, int errornum)      (MPI_Abort on the context's communicator)
  Cblacs_abort: { args: ["i32", "i32"], ret: "void" },
  // int Csys2blacs_handle(MPI_Comm comm)
  Csys2blacs_handle: { args: ["addr"], ret: "i32" },
  // void Cigamx2d(int ctxt, char *scope, char *top, int m, int n, int *A, int lda,
  //               int *rA, int *cA, int ldia, int rdest, int cdest)     (element-wise max)
  Cigamx2d: {
    args: ["i32", "ptr", "ptr", "i32", "i32", "ptr", "i32", "addr", "addr", "i32", "i32", "i32"],
    ret: "void",
  },
  // void Cigamn2d(...)                                (element-wise min, same arguments)
  Cigamn2d: {
    args: ["i32", "ptr", "ptr", "i32", "i32", "ptr", "i32", "addr", "addr", "i32", "i32", "i32"],
    ret: "void",
  },
  // void Cdgsum2d(int ctxt, char *scope, char *top, int m, int n, double *A, int lda,
  //               int rdest, int cdest)               (element-wise sum)
  Cdgsum2d: { args: ["i32", "ptr", "ptr", "i32", "i32", "ptr", "i32", "i32", "i32"], ret: "void" },
  // void Cigebs2d(int ctxt, char *scope, char *top, int m, int n, int *A, int lda)  (broadcast)
  Cigebs2d: { args: ["i32", "ptr", "ptr", "i32", "i32", "ptr", "i32"], ret: "void" },
  // void Cigebr2d(int ctxt, char *scope, char *top, int m, int n, int *A, int lda,
  //               int rsrc, int csrc)                 (receive a broadcast)
  Cigebr2d: { args: ["i32", "ptr", "ptr", "i32", "i32", "ptr", "i32", "i32", "i32"], ret: "void" },
} as const;

/** The MPI calls (C interface): only what BLACS does not offer. */
export const MPI = {
  // MPI_Comm MPI_Comm_f2c(MPI_Fint comm)   (OpenMPI: a function returning a pointer; MPICH: a
  // macro, absent from the library, since its C and Fortran handles are the same int)
  MPI_Comm_f2c: { args: ["i32"], ret: "ptr" },
  // int MPI_Get_library_version(char *version, int *resultlen)
  MPI_Get_library_version: { args: ["ptr", "ptr"], ret: "i32" },
  // int MPI_Initialized(int *flag)
  MPI_Initialized: { args: ["ptr"], ret: "i32" },
} as const;

/** The symbols that prove a library is ScaLAPACK with BLACS. */
export const SCALAPACK_PROOF = [
  "Cblacs_pinfo",
  "Csys2blacs_handle",
  "numroc_",
  "descinit_",
  "pdgesv_",
];
/** The symbols that prove a library is MPI. */
export const MPI_PROOF = ["MPI_Get_library_version", "MPI_Initialized"];
