/**
 * Proving a candidate library: open it, find its symbol naming, probe its integer width by
 * calling it (as libblastrampoline does), name its vendor and version, find which files
 * provide LAPACK and BLAS, and check one `dgesv` answer. Nothing is guessed from file names.
 *
 * @module
 */
import type { Abi, BindTarget } from "./abi.ts";
import { bindRoutine } from "./abi.ts";
import type { HeapMode } from "./heap.ts";
import type { MklLayers } from "./mkl.ts";
import { setupMkl } from "./mkl.ts";
import type { NativeFunction, NativeLibrary, Runtime } from "./runtime.ts";
import { FfiPermissionError } from "./runtime.ts";
import type { Naming } from "./symbols.ts";
import { openWindowsDll } from "./windows.ts";
import { fortranName, lapackeName, MARKERS, NAMINGS, ROUTINE, VENDOR } from "./symbols.ts";

/** Who provides one half (LAPACK or BLAS) of a backend. */
export interface Provider {
  /** The file the symbols come from (via `dladdr`), or the opened path when unknown. */
  file: string;
  /** "openblas", "mkl", "accelerate", "atlas", "blis", "libflame", "flexiblas" or "reference". */
  vendor: string;
  /** The vendor's version string when it has one, else "". */
  version: string;
}

/** What the detector proved about a library. */
export interface BackendInfo {
  /** The path (or name) that was opened. */
  path: string;
  /** The vendor of the LAPACK routines. */
  vendor: string;
  /** The LAPACK vendor's version (e.g. "0.3.21"), or the LAPACK version from `ilaver`. */
  version: string;
  /** LAPACK version reported by `ilaver`, e.g. "3.11.0" ("" when absent). */
  lapackVersion: string;
  /** "fortran" or "lapacke". */
  abi: Abi;
  /** 32 (LP64) or 64 (ILP64), probed by calling the library. */
  intWidth: 32 | 64;
  /** Fortran symbol suffix found, e.g. "_", "64_", "$NEWLAPACK". */
  suffix: string;
  /** Fortran symbol prefix found ("" or "scipy_"). */
  prefix: string;
  /** Thread count reported by the vendor, or null when it has no thread control. */
  threads: number | null;
  /** Where the LAPACK routines come from. */
  lapack: Provider;
  /** Where the BLAS routines come from (may differ: reference LAPACK over OpenBLAS's BLAS). */
  blas: Provider;
  /** The vendor's own configuration string (OpenBLAS `openblas_get_config`, MKL's version
   * string), if any. */
  config: string;
  /** MKL's layers when the library is `mkl_rt`, else null. */
  mkl: MklLayers | null;
  /**
   * "reuse" when dlapack raised glibc's malloc thresholds on loading (Deno and Node on Linux,
   * unless `configure({ heap: "system" })`, DLAPACK_HEAP=system or the user's own malloc
   * tuning said no), else "system".
   */
  heap: HeapMode;
}

/** What the caller asks of a candidate beyond its path. */
export interface ProbeOptions {
  os: string;
  abi?: Abi;
  blas?: string[];
  /** The integer width asked for: a library of the other width is rejected (mkl_rt is set). */
  integers?: "lp64" | "ilp64";
  /** The value of `MKL_THREADING_LAYER`, for `mkl_rt`. */
  threadingLayer?: string;
}

/** A fact the probe could not learn under the permissions granted, and what would let it. */
export interface Unlearned {
  /** What is unknown, e.g. "the OpenBLAS version". */
  fact: string;
  /** Why, in the runtime's words, naming the flag that would let it. */
  reason: string;
}

/** A proven library: its record, and what is needed to bind routines. */
export interface ProvenLibrary {
  info: BackendInfo;
  target: BindTarget;
  /** Vendor thread control, when there is one. */
  threads: { get: () => number; set: (n: number) => void; setLocal?: (n: number) => void } | null;
  /** Facts the permissions did not let the probe learn (reported as "unknown"). */
  unlearned: Unlearned[];
}

/** Why a candidate was rejected. */
export class ProbeFailure extends Error {
  /** Creates it with the human-readable reason. */
  constructor(message: string) {
    super(message);
    this.name = "ProbeFailure";
  }
}

function vendorFn(lib: NativeLibrary, name: keyof typeof VENDOR): NativeFunction | null {
  const s = VENDOR[name];
  return lib.fn(name, { args: s.args, ret: s.ret });
}

const WHICH_FILES = "which files provide LAPACK and BLAS";

/**
 * Runs a probe step that reads pointers; when the runtime's permissions do not allow it (Deno's
 * scoped --allow-ffi), records the fact as unknown and returns null instead of failing the load.
 */
function permitted<T>(unlearned: Unlearned[], fact: string, step: () => T): T | null {
  try {
    return step();
  } catch (e) {
    if (!(e instanceof FfiPermissionError)) throw e;
    if (!unlearned.some((u) => u.fact === fact)) unlearned.push({ fact, reason: e.message });
    return null;
  }
}

/** Names the file that provides `symbol` through `lib`, using libc's dladdr when available. */
function fileProviding(
  rt: Runtime,
  lib: NativeLibrary,
  dladdr: NativeFunction | null,
  symbol: string,
  unlearned: Unlearned[],
): string | null {
  if (dladdr === null) return null;
  return permitted(unlearned, WHICH_FILES, () => {
    const address = lib.address(symbol);
    if (address === null) return null;
    const info = new BigUint64Array(4);
    if (dladdr(rt.addr(address), info) === 0) return null;
    const name = rt.loadPointer(info, 0);
    return name === 0n ? null : rt.cstring(rt.addr(name));
  });
}

/**
 * libc's dladdr: opened by name, else through the library (whose dependencies include libc).
 * When a permission kept libc closed and the library does not lead to it, which file provides
 * what is unknown.
 */
function openDladdr(
  rt: Runtime,
  os: string,
  lib: NativeLibrary,
  unlearned: Unlearned[],
): NativeFunction | null {
  const names = os === "darwin"
    ? ["/usr/lib/libSystem.B.dylib"]
    : os === "linux"
    ? ["libc.so.6", "libc.so"]
    : [];
  let denial: FfiPermissionError | undefined;
  for (const n of names) {
    try {
      return vendorFn(rt.open(n), "dladdr");
    } catch (e) {
      if (e instanceof FfiPermissionError) denial ??= e;
    }
  }
  // A scoped permission (Deno's --allow-ffi=<library>) does not cover libc itself.
  const viaLib = names.length > 0 ? vendorFn(lib, "dladdr") : null;
  if (viaLib === null && denial !== undefined) {
    unlearned.push({ fact: WHICH_FILES, reason: denial.message });
  }
  return viaLib;
}

function explainOpenError(message: string, os: string): string {
  const undefinedSym = /undefined symbol: (\w+)/.exec(message);
  if (undefinedSym) {
    const blas = os === "linux" ? "/usr/lib/x86_64-linux-gnu/libblas.so.3" : "a BLAS library";
    return `${message}: the library leaves BLAS symbols such as ${undefinedSym[1]} unresolved ` +
      `(libFLAME does), so it cannot be opened alone; load a BLAS first with ` +
      `LD_PRELOAD=${blas} or point DLAPACK_LIBRARY at a complete LAPACK such as OpenBLAS`;
  }
  if (
    /no such file|cannot open shared object|image not found|not found|cannot find/i.test(message)
  ) {
    return `absent (${message})`;
  }
  return message;
}

/** Opens a candidate, or throws ProbeFailure with the loader's reason. */
export function openCandidate(rt: Runtime, path: string, os: string): NativeLibrary {
  try {
    return os === "windows" ? openWindowsDll(rt, path) : rt.open(path);
  } catch (e) {
    if (e instanceof FfiPermissionError) throw e;
    const message = String((e as Error).message ?? e);
    throw new ProbeFailure(os === "windows" ? message : explainOpenError(message, os));
  }
}

/** What a report says for a fact the permissions did not let the probe read. */
export const UNKNOWN = "unknown";

function parseOpenBlas(config: string): string {
  return /OpenBLAS\s+([\w.]+)/.exec(config)?.[1] ?? "";
}

/**
 * Proves one library: symbols, ABI, integer width, vendor, providers, and a `dgesv` check.
 * Throws ProbeFailure (or FfiPermissionError) when it is not a usable LAPACK.
 */
export function probeLibrary(
  rt: Runtime,
  path: string,
  options: ProbeOptions,
): ProvenLibrary {
  const lib = openCandidate(rt, path, options.os);
  // mkl_rt: its layers before anything that computes (ilaver included), or the process may die.
  let mkl: MklLayers | null;
  try {
    mkl = setupMkl(rt, lib, {
      os: options.os,
      dir: libraryDir(rt, lib, path, options.os),
      threadingLayer: options.threadingLayer,
      integers: options.integers,
    });
  } catch (e) {
    if (e instanceof FfiPermissionError) throw e;
    throw new ProbeFailure((e as Error).message);
  }
  const naming = NAMINGS.find((n) => lib.has(fortranName("dgetrf", n)));
  const hasLapacke32 = lib.has(lapackeName("dgetrf", 32));
  const hasLapacke64 = lib.has(lapackeName("dgetrf", 64));
  let abi: Abi;
  if (options.abi === "lapacke") {
    if (!hasLapacke32 && !hasLapacke64) {
      throw new ProbeFailure(
        `LAPACKE was asked for (DLAPACK_ABI=lapacke) but ${path} has no LAPACKE_dgetrf_work`,
      );
    }
    abi = "lapacke";
  } else if (options.abi === "fortran" && naming === undefined) {
    throw new ProbeFailure(`no Fortran LAPACK symbols (dgetrf_ and variants) in ${path}`);
  } else {
    abi = naming !== undefined ? "fortran" : (hasLapacke32 || hasLapacke64) ? "lapacke" : "fortran";
  }
  if (naming === undefined && abi === "fortran") {
    const blasOnly = NAMINGS.some((n) => lib.has(fortranName("dgemm", n)));
    throw new ProbeFailure(
      blasOnly
        ? "missing symbols: a BLAS without LAPACK (no dgetrf_ or any variant, no LAPACKE_dgetrf_work)"
        : "missing symbols: no dgetrf_ (or dgetrf, dgetrf64_, dgetrf_64, scipy_dgetrf_, dgetrf$NEWLAPACK) and no LAPACKE_dgetrf_work",
    );
  }
  const fortranNaming: Naming = naming ?? NAMINGS[0];

  // Integer width: the name may say it; otherwise call ilaver (LAPACK) then isamax (BLAS)
  // with 64-bit slots whose upper halves are poisoned, as libblastrampoline does.
  let intWidth: 32 | 64 | undefined = abi === "lapacke"
    ? (hasLapacke32 ? undefined : 64)
    : fortranNaming.intWidth;
  let lapackVersion = "";
  const ilaverName = abi === "lapacke" && naming === undefined
    ? (hasLapacke32 ? "LAPACKE_ilaver" : "LAPACKE_ilaver64_")
    : fortranName("ilaver", fortranNaming);
  const ilaver = lib.fn(ilaverName, { args: ["ptr", "ptr", "ptr"], ret: "void" });
  if (ilaver !== null) {
    const v = new BigInt64Array([-1n, -1n, -1n]);
    ilaver(v.subarray(0, 1), v.subarray(1, 2), v.subarray(2, 3));
    const major = v[0];
    if (major >= 1n && major < 100n) {
      intWidth ??= 64;
      lapackVersion = `${v[0]}.${v[1]}.${v[2]}`;
    } else {
      const w = new Int32Array(v.buffer);
      intWidth ??= 32;
      lapackVersion = `${w[0]}.${w[2]}.${w[4]}`;
    }
  }
  if (intWidth === undefined) {
    const isamax = lib.fn(fortranName("isamax", fortranNaming), {
      args: ["ptr", "ptr", "ptr"],
      ret: "i32",
    });
    if (isamax === null) {
      throw new ProbeFailure(
        "cannot tell the integer width: neither ilaver nor isamax is exported",
      );
    }
    // n = 3 and incx = 1 in the low words, -1 in the high words: LP64 reads 3 and answers 3,
    // ILP64 reads a negative n and answers 0.
    const n = new Int32Array([3, -1]);
    const inc = new Int32Array([1, -1]);
    intWidth = isamax(n, new Float32Array([1, 2, 3]), inc) === 3 ? 32 : 64;
  }

  if (options.integers !== undefined && (options.integers === "ilp64") !== (intWidth === 64)) {
    const has = intWidth === 64
      ? "an ILP64 library (64-bit integers)"
      : "an LP64 library (32-bit integers)";
    throw new ProbeFailure(
      `${has}, but ${options.integers.toUpperCase()} was asked for (configure({ integers }) or DLAPACK_INTEGERS)`,
    );
  }
  const target: BindTarget = { runtime: rt, lib, abi, naming: fortranNaming, intWidth };
  // A LAPACK without BLAS symbols gets its BLAS from the matching BLAS library: the preloads
  // the search list names, else the usual BLAS names beside it.
  if (!lib.has(fortranName("dgemm", fortranNaming))) {
    target.blasLib = findBlas(rt, path, fortranNaming, options);
    if (target.blasLib === undefined) {
      throw new ProbeFailure(
        `a LAPACK without BLAS: ${
          fortranName("dgemm", fortranNaming)
        } is neither in it nor in a BLAS library beside it; ` +
          `put the BLAS first in DLAPACK_LIBRARY's list or on the loader's path`,
      );
    }
  }

  // One real call proves ABI and width: solve [[4, 1], [2, 3]] x = [1, 2].
  const gesv = bindRoutine(ROUTINE.dgesv, target);
  if (gesv === null) throw new ProbeFailure(`missing symbols: ${nativeName("dgesv", target)}`);
  const a = new Float64Array([4, 2, 1, 3]);
  const b = new Float64Array([1, 2]);
  const ipiv = new Int32Array(4);
  const info = gesv(2, 1, a, 2, ipiv, b, 2);
  if (info !== 0 || Math.abs(b[0] - 0.1) > 1e-12 || Math.abs(b[1] - 0.6) > 1e-12) {
    throw new ProbeFailure(
      `dgesv gave a wrong answer (info ${info}, x = [${b[0]}, ${
        b[1]
      }]): the ABI or integer width is not what was detected`,
    );
  }

  // Vendors, and which file provides LAPACK and BLAS.
  const unlearned: Unlearned[] = [];
  const dladdr = openDladdr(rt, options.os, lib, unlearned);
  const providing = (h: NativeLibrary, symbol: string) =>
    fileProviding(rt, h, dladdr, symbol, unlearned);
  // Under LAPACKE the routines themselves still come from a Fortran LAPACK: report that one.
  const lapackFile = providing(lib, fortranName("dgetrf", fortranNaming)) ??
    providing(lib, lapackeName("dgetrf", intWidth)) ?? path;
  const blasHandle = target.blasLib ?? lib;
  const blasFile = providing(blasHandle, fortranName("dgemm", fortranNaming)) ??
    (target.blasLib?.path ?? lapackFile);
  let config = "";
  // The LAPACK vendor must provide its marker from the very file that provides dgetrf (so a
  // reference LAPACK over OpenBLAS's BLAS is not called OpenBLAS); the BLAS vendor may sit
  // behind the file that provides dgemm (Debian's libblas.so.3 shim forwards to OpenBLAS).
  const vendorOf = (file: string, strict: boolean): Provider => {
    let h: NativeLibrary = lib;
    if (!strict && file !== path) {
      try {
        h = rt.open(file);
      } catch { /* keep the candidate's handle */ }
    }
    const provides = (symbol: string) => {
      if (!h.has(symbol)) return false;
      if (!strict) return true;
      const f = providing(h, symbol);
      return f === null || f === file;
    };
    const call = (name: keyof typeof VENDOR) => vendorFn(h, name)!;
    const text = (buf: Uint8Array) =>
      new TextDecoder().decode(buf.subarray(0, Math.max(0, buf.indexOf(0))));
    // A C string the permissions do not let us read is null: the version is "unknown".
    const cstring = (fact: string, pointer: unknown) =>
      permitted(unlearned, fact, () => rt.cstring(pointer) ?? "");
    if (provides("openblas_get_config")) {
      const text = cstring("the OpenBLAS version", call("openblas_get_config")());
      config = text ?? "";
      return { file, vendor: "openblas", version: text === null ? UNKNOWN : parseOpenBlas(config) };
    }
    if (provides("MKL_Get_Version_String")) {
      const buf = new Uint8Array(256);
      call("MKL_Get_Version_String")(buf, 255);
      const s = text(buf);
      config = s.trim();
      return { file, vendor: "mkl", version: /(\d+(\.\d+)+)/.exec(s)?.[1] ?? s.trim() };
    }
    if (provides("flexiblas_current_backend")) {
      const buf = new Uint8Array(256);
      call("flexiblas_current_backend")(buf, rt.int64(255));
      return { file, vendor: "flexiblas", version: text(buf) };
    }
    if (provides("bli_info_get_version_str")) {
      return {
        file,
        vendor: "blis",
        version: cstring("the BLIS version", call("bli_info_get_version_str")()) ?? UNKNOWN,
      };
    }
    if (MARKERS.flame.some(provides)) return { file, vendor: "libflame", version: "" };
    if (MARKERS.atlas.some(provides)) return { file, vendor: "atlas", version: "" };
    if (
      fortranNaming.suffix.startsWith("$NEWLAPACK") || /Accelerate|vecLib/.test(file) ||
      MARKERS.accelerate.some(provides)
    ) {
      return { file, vendor: "accelerate", version: "" };
    }
    return { file, vendor: "reference", version: strict ? lapackVersion : "" };
  };
  const lapack = vendorOf(lapackFile, true);
  const blas = blasFile === lapackFile ? lapack : vendorOf(blasFile, false);

  // Thread control through the BLAS vendor's own call.
  let threads: ProvenLibrary["threads"] = null;
  const pick = (get: keyof typeof VENDOR, set: keyof typeof VENDOR, wide = false) => {
    const g = vendorFn(blasHandle, get);
    const s = vendorFn(blasHandle, set);
    if (g === null || s === null) return null;
    return wide
      ? { get: () => Number(g()), set: (n: number) => void s(rt.int64(n)) }
      : { get: () => Number(g()), set: (n: number) => void s(n) };
  };
  const mklLocal = vendorFn(blasHandle, "MKL_Set_Num_Threads_Local");
  threads = pick("openblas_get_num_threads", "openblas_set_num_threads") ??
    pick("MKL_Get_Max_Threads", "MKL_Set_Num_Threads") ??
    pick("flexiblas_get_num_threads", "flexiblas_set_num_threads") ??
    pick("bli_thread_get_num_threads", "bli_thread_set_num_threads", true);
  if (threads !== null && mklLocal !== null && blas.vendor === "mkl") {
    // This thread only: a worker's small-matrix policy leaves the other threads alone.
    threads.setLocal = (n: number) => void mklLocal(n);
  }

  return {
    info: {
      path,
      vendor: lapack.vendor,
      version: lapack.version || lapackVersion,
      lapackVersion,
      abi,
      intWidth,
      suffix: abi === "lapacke" ? (intWidth === 64 ? "_work64_" : "_work") : fortranNaming.suffix,
      prefix: abi === "lapacke" ? "LAPACKE_" : fortranNaming.prefix,
      threads: threads === null ? null : threads.get(),
      lapack,
      blas,
      config,
      mkl,
      heap: "system", // until the backend's loader tunes it (ffi/heap.ts)
    },
    target,
    threads,
    unlearned,
  };
}

/** The folder of a library (from its path, else from the file providing one of its symbols). */
function libraryDir(rt: Runtime, lib: NativeLibrary, path: string, os: string): string {
  let file: string | null = path;
  if (!/[\\/]/.test(path)) {
    // Only for mkl_rt opened by a bare name; what a permission hides is reported elsewhere.
    const ignored: Unlearned[] = [];
    try {
      file = lib.has("MKL_Set_Threading_Layer")
        ? fileProviding(
          rt,
          lib,
          openDladdr(rt, os, lib, ignored),
          "MKL_Set_Threading_Layer",
          ignored,
        )
        : null;
    } catch {
      file = null; // the loader's own search then
    }
  }
  if (file === null) return "";
  const cut = Math.max(file.lastIndexOf("/"), os === "windows" ? file.lastIndexOf("\\") : -1);
  return cut < 0 ? "" : file.slice(0, cut);
}

/** Opens the BLAS that completes a LAPACK without BLAS symbols. */
function findBlas(
  rt: Runtime,
  path: string,
  naming: Naming,
  options: { os: string; blas?: string[] },
): NativeLibrary | undefined {
  const sep = options.os === "windows" ? "\\" : "/";
  const dir = path.includes(sep) ? path.slice(0, path.lastIndexOf(sep) + 1) : "";
  const names = options.os === "windows"
    ? ["openblas.dll", "libopenblas.dll", "blas.dll", "libblas.dll"]
    : options.os === "darwin"
    ? ["libopenblas.dylib", "libblas.dylib", "libblas.3.dylib"]
    : ["libopenblas.so.0", "libblas.so.3", "libblas.so"];
  for (const p of [...(options.blas ?? []), ...names.map((n) => dir + n)]) {
    try {
      const b = rt.open(p);
      if (b.has(fortranName("dgemm", naming))) return b;
    } catch { /* try the next */ }
  }
  return undefined;
}

function nativeName(routine: string, t: BindTarget): string {
  return t.abi === "lapacke" ? lapackeName(routine, t.intWidth) : fortranName(routine, t.naming);
}

/**
 * The file that provides `symbol` in the process's global scope (`dlsym(RTLD_DEFAULT)`), or
 * null when nothing global provides it or it cannot be learned (Windows, a permission). The
 * three runtimes open libraries with local binding, so this is what the executable, an
 * LD_PRELOAD or a library opened with RTLD_GLOBAL (an OpenMP runtime, a native addon, an
 * embedded Python's numpy) put there: a LAPACK that calls BLAS by name binds to it first.
 */
export function globalProvider(
  rt: Runtime,
  os: string,
  lib: NativeLibrary,
  symbol: string,
): string | null {
  if (os === "windows") return null;
  try {
    const names = os === "darwin" ? ["/usr/lib/libSystem.B.dylib"] : ["libc.so.6", "libc.so"];
    const sig = { args: ["addr", "ptr"], ret: "addr" } as const;
    let dlsym: NativeFunction | null = null;
    for (const n of names) {
      try {
        dlsym ??= rt.open(n).fn("dlsym", sig);
      } catch { /* the next */ }
    }
    dlsym ??= lib.fn("dlsym", sig);
    const dladdr = openDladdr(rt, os, lib, []);
    if (dlsym === null || dladdr === null) return null;
    // RTLD_DEFAULT: (void *)0 on glibc and musl, (void *)-2 on macOS.
    const where = rt.addr(os === "darwin" ? 0xfffffffffffffffen : 0n);
    const p = dlsym(where, new TextEncoder().encode(symbol + "\0"));
    if (p === null || p === 0 || p === 0n) return null;
    const info = new BigUint64Array(4);
    if (dladdr(p, info) === 0) return null;
    const name = rt.loadPointer(info, 0);
    return name === 0n ? null : rt.cstring(rt.addr(name));
  } catch {
    return null;
  }
}
