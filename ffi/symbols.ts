/**
 * Symbol names: the Fortran name-mangling schemes the prober tries, the LAPACKE names, and
 * the optional vendor and marker symbols. The routines themselves are declared once, in
 * `routines.ts` (re-exported here).
 *
 * @module
 */
export type { ArgKind, Routine } from "./declare.ts";
export { ROUTINE, ROUTINES } from "./routines.ts";

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
