/**
 * The one table of every ScaLAPACK (and PBLAS) routine the distributed mode calls: one
 * declaration per routine template with `declare()` of `declare.ts`, as `routines.ts` declares
 * LAPACK's (the Fortran prototype is the declaration; x = S, D, C or Z), expanded to its s/d/c/z
 * variants and bound by `abi.ts`'s Fortran ABI (arguments by reference, hidden CHARACTER
 * lengths; this ScaLAPACK is LP64, so INTEGER is 32-bit) under the naming `p` + name + `_`.
 * Plus ScaLAPACK's two tools (NUMROC, DESCINIT), the BLACS C interface and the few MPI calls,
 * with their C prototypes.
 *
 * @module
 */
import type { Routine, Template } from "./declare.ts";
import { atLeast, char, declare, dim, expand, f, i, lwork, scalar, x } from "./declare.ts";
import type { Naming } from "./symbols.ts";

/** An argument kind of a ScaLAPACK routine, see the module doc. */
export type PArgKind = "i" | "c" | "s" | "a" | "d" | "info";

// Requirements in the sense of `declare.ts`. The local pieces' sizes depend on the grid
// (NUMROC), so they are not formulas here: src/distributed/ sizes every array from the
// descriptor before the call, and no ScaLAPACK call goes through `lapack.*`'s checks.
const local = x("1");
const localF = f("1");
const localI = i("1");
const desc = i("9", "r");
const index = atLeast("1");
const work = x("max(1,LWORK)", "w");

/**
 * The routine templates, by id, declared as `routines.ts` declares LAPACK's: the prototype is
 * the reference Fortran one without its leading P (the symbol is `p` + letter + name + `_`,
 * the naming `SCALAPACK_NAMING` gives `abi.ts`).
 */
export const PTEMPLATES = {
  // PxGESV
  gesv: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGESV( N, NRHS, A, IA, JA, DESCA, IPIV, B, IB, JB, DESCB, INFO )",
    req: {
      N: dim,
      NRHS: dim,
      A: local,
      IA: index,
      JA: index,
      DESCA: desc,
      IPIV: localI,
      B: local,
      IB: index,
      JB: index,
      DESCB: desc,
    },
  }),
  // PxGETRF
  getrf: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGETRF( M, N, A, IA, JA, DESCA, IPIV, INFO )",
    req: { M: dim, N: dim, A: local, IA: index, JA: index, DESCA: desc, IPIV: localI },
  }),
  // PxGETRI
  getri: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGETRI( N, A, IA, JA, DESCA, IPIV, WORK, LWORK, IWORK, LIWORK, INFO )",
    req: {
      N: dim,
      A: local,
      IA: index,
      JA: index,
      DESCA: desc,
      IPIV: localI,
      WORK: work,
      LWORK: lwork("1"),
      IWORK: i("max(1,LIWORK)", "w"),
      LIWORK: lwork("1"),
    },
  }),
  // PxPOTRF
  potrf: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xPOTRF( UPLO, N, A, IA, JA, DESCA, INFO )",
    req: { UPLO: char("UL"), N: dim, A: local, IA: index, JA: index, DESCA: desc },
  }),
  // PxPOTRS
  potrs: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xPOTRS( UPLO, N, NRHS, A, IA, JA, DESCA, B, IB, JB, DESCB, INFO )",
    req: {
      UPLO: char("UL"),
      N: dim,
      NRHS: dim,
      A: x("1", "r"),
      IA: index,
      JA: index,
      DESCA: desc,
      B: local,
      IB: index,
      JB: index,
      DESCB: desc,
    },
  }),
  // PxGELS
  gels: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xGELS( TRANS, M, N, NRHS, A, IA, JA, DESCA, B, IB, JB, DESCB, WORK, LWORK, INFO )",
    req: {
      TRANS: char("NTC"),
      M: dim,
      N: dim,
      NRHS: dim,
      A: local,
      IA: index,
      JA: index,
      DESCA: desc,
      B: local,
      IB: index,
      JB: index,
      DESCB: desc,
      WORK: work,
      LWORK: lwork("1"),
    },
  }),
  // PxSYEVD (s, d) and PxHEEVD (c, z)
  syevd: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xSYEVD( JOBZ, UPLO, N, A, IA, JA, DESCA, W, Z, IZ, JZ, DESCZ, WORK, LWORK, IWORK, LIWORK, INFO )",
    complex:
      "SUBROUTINE xHEEVD( JOBZ, UPLO, N, A, IA, JA, DESCA, W, Z, IZ, JZ, DESCZ, WORK, LWORK, RWORK, LRWORK, IWORK, LIWORK, INFO )",
    req: {
      JOBZ: char("V"),
      UPLO: char("UL"),
      N: dim,
      A: local,
      IA: index,
      JA: index,
      DESCA: desc,
      W: f("N"),
      Z: local,
      IZ: index,
      JZ: index,
      DESCZ: desc,
      WORK: work,
      LWORK: lwork("1"),
      RWORK: f("max(1,LRWORK)", "w"),
      LRWORK: lwork("1"),
      IWORK: i("max(1,LIWORK)", "w"),
      LIWORK: lwork("1"),
    },
  }),
  // PxGESVD; the complex variants add RWORK
  gesvd: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xGESVD( JOBU, JOBVT, M, N, A, IA, JA, DESCA, S, U, IU, JU, DESCU, VT, IVT, JVT, DESCVT, WORK, LWORK, INFO )",
    complex:
      "SUBROUTINE xGESVD( JOBU, JOBVT, M, N, A, IA, JA, DESCA, S, U, IU, JU, DESCU, VT, IVT, JVT, DESCVT, WORK, LWORK, RWORK, INFO )",
    req: {
      JOBU: char("VN"),
      JOBVT: char("VN"),
      M: dim,
      N: dim,
      A: local,
      IA: index,
      JA: index,
      DESCA: desc,
      S: f("min(M,N)"),
      U: local,
      IU: index,
      JU: index,
      DESCU: desc,
      VT: local,
      IVT: index,
      JVT: index,
      DESCVT: desc,
      WORK: work,
      LWORK: lwork("1"),
      RWORK: localF,
    },
  }),
  // PxGEMM (PBLAS)
  gemm: declare({
    types: "sdcz",
    fortran:
      "SUBROUTINE xGEMM( TRANSA, TRANSB, M, N, K, ALPHA, A, IA, JA, DESCA, B, IB, JB, DESCB, BETA, C, IC, JC, DESCC )",
    req: {
      TRANSA: char("NTC"),
      TRANSB: char("NTC"),
      M: dim,
      N: dim,
      K: dim,
      ALPHA: scalar,
      A: x("1", "r"),
      IA: index,
      JA: index,
      DESCA: desc,
      B: x("1", "r"),
      IB: index,
      JB: index,
      DESCB: desc,
      BETA: scalar,
      C: local,
      IC: index,
      JC: index,
      DESCC: desc,
    },
  }),
  // PxGEMR2D (redistribution between two descriptors; ICTXT spans both grids)
  gemr2d: declare({
    types: "sdcz",
    fortran: "SUBROUTINE xGEMR2D( M, N, A, IA, JA, DESCA, B, IB, JB, DESCB, ICTXT )",
    req: {
      M: dim,
      N: dim,
      A: x("1", "r"),
      IA: index,
      JA: index,
      DESCA: desc,
      B: local,
      IB: index,
      JB: index,
      DESCB: desc,
      ICTXT: atLeast("0"),
    },
  }),
};

/** The symbol naming of ScaLAPACK's routines for `abi.ts`: `p` + `dgesv` + `_`. */
export const SCALAPACK_NAMING: Naming = { prefix: "p", suffix: "_", intWidth: 32 };

/** Every concrete routine, by its ScaLAPACK name (`pdgesv`, `pzheevd`, ...). */
export const PROUTINE: Readonly<Record<string, Routine>> = Object.fromEntries(
  Object.entries(PTEMPLATES).flatMap(([id, t]) =>
    expand(id, t as unknown as Template).map((r) => [`p${r.name}`, r])
  ),
);

/** A tool routine (not typed by precision), bound by `scalapack.ts` itself. */
export interface PRoutine {
  /** Lower-case name, e.g. "numroc". */
  name: string;
  /** The exported symbol, e.g. "numroc_". */
  symbol: string;
  /** Argument names, in Fortran order. */
  names: string[];
  /** Argument kinds, in Fortran order ("d": a descriptor). */
  kinds: PArgKind[];
}

/** ScaLAPACK's Fortran tools (not typed by precision), same kinds. */
export const TOOLS: Readonly<Record<string, PRoutine>> = {
  // INTEGER FUNCTION NUMROC( N, NB, IPROC, ISRCPROC, NPROCS )
  numroc: {
    name: "numroc",
    symbol: "numroc_",
    names: ["N", "NB", "IPROC", "ISRCPROC", "NPROCS"],
    kinds: ["i", "i", "i", "i", "i"],
  },
  // SUBROUTINE DESCINIT( DESC, M, N, MB, NB, IRSRC, ICSRC, ICTXT, LLD, INFO )
  descinit: {
    name: "descinit",
    symbol: "descinit_",
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
