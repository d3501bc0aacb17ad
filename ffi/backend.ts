/**
 * The loaded backend: picks the runtime adapter, walks the detector's search list, proves
 * the first usable candidate, and hands out bound routines. Loading is lazy: nothing is
 * opened until the first LAPACK call, `backend()` or `lapack.*`.
 *
 * @module
 */
import type { Abi } from "./abi.ts";
import { bindRoutine } from "./abi.ts";
import { bunRuntime } from "./bun.ts";
import { denoAllows, denoRuntime } from "./deno.ts";
import type { Candidate } from "./detect.ts";
import { installHint, searchList } from "./detect.ts";
import { nodeRuntime } from "./node.ts";
import type { BackendInfo, ProvenLibrary, Unlearned } from "./probe.ts";
import { globalProvider, ProbeFailure, probeLibrary } from "./probe.ts";
import type { NativeFunction, Runtime } from "./runtime.ts";
import { FfiPermissionError, runtimeName } from "./runtime.ts";
import type { RoutineFn, RoutineName, TemplateName, TypeLetter, VariantOf } from "./routines.ts";
import { ROUTINE, variantName } from "./routines.ts";
import { LapackNotFoundError } from "./errors.ts";
import type { TriedCandidate } from "./errors.ts";
import type { HeapMode, HeapReport } from "./heap.ts";
import { tuneHeap } from "./heap.ts";

export type { BackendInfo, Provider, Unlearned } from "./probe.ts";
export type { Abi } from "./abi.ts";
export type { MklLayers, ThreadingLayer } from "./mkl.ts";
export type { HeapMode } from "./heap.ts";

/** The adapter of the runtime running this code. */
export function currentRuntime(): Runtime {
  const n = runtimeName();
  return n === "deno" ? denoRuntime : n === "bun" ? bunRuntime : nodeRuntime;
}

// deno-lint-ignore no-explicit-any
const G = globalThis as any;

/** The platform as the detector names it. */
export function platform(): { os: string; arch: string } {
  if (G.Deno?.build) return { os: G.Deno.build.os, arch: G.Deno.build.arch };
  const p = G.process;
  return { os: p.platform === "win32" ? "windows" : p.platform, arch: p.arch };
}

/** Environment variable names Deno did not let the detector read (asked, never prompted). */
const unreadEnv = new Set<string>();

/** Reads an environment variable; a denied read (Deno without --allow-env) counts as unset. */
export function readEnv(name: string): string | undefined {
  try {
    if (G.Deno?.env) {
      if (!denoAllows({ name: "env", variable: name })) {
        unreadEnv.add(name);
        return undefined;
      }
      return G.Deno.env.get(name) ?? undefined;
    }
    return G.process?.env?.[name];
  } catch {
    return undefined;
  }
}

/** The variables the detector reads on each platform (the least --allow-env to grant). */
const ENV_USED: Record<string, readonly string[]> = {
  linux: [
    "DLAPACK_LIBRARY",
    "DLAPACK_ABI",
    "DLAPACK_INTEGERS",
    "CONDA_PREFIX",
    "VIRTUAL_ENV",
    "LD_LIBRARY_PATH",
    "MKLROOT",
    "MKL_THREADING_LAYER",
  ],
  darwin: [
    "DLAPACK_LIBRARY",
    "DLAPACK_ABI",
    "DLAPACK_INTEGERS",
    "CONDA_PREFIX",
    "VIRTUAL_ENV",
    "DYLD_LIBRARY_PATH",
    "HOMEBREW_PREFIX",
  ],
  windows: [
    "DLAPACK_LIBRARY",
    "DLAPACK_ABI",
    "DLAPACK_INTEGERS",
    "CONDA_PREFIX",
    "VIRTUAL_ENV",
    "PATH",
    "MKLROOT",
    "MKL_THREADING_LAYER",
    "VCPKG_ROOT",
    "MSYS2_ROOT",
    "ProgramFiles",
    "ProgramFiles(x86)",
    "USERPROFILE",
    "ProgramData",
  ],
};

function envSnapshot(): Record<string, string | undefined> {
  const names = [
    "DLAPACK_LIBRARY",
    "CONDA_PREFIX",
    "VIRTUAL_ENV",
    "LD_LIBRARY_PATH",
    "DYLD_LIBRARY_PATH",
    "PATH",
    "Path",
    "MKLROOT",
    "VCPKG_ROOT",
    "HOMEBREW_PREFIX",
    "MSYS2_ROOT",
    "ProgramFiles",
    "ProgramFiles(x86)",
    "USERPROFILE",
    "ProgramData",
  ];
  return Object.fromEntries(names.map((n) => [n, readEnv(n)]));
}

/**
 * Whether a file exists: true, false, or undefined when the permissions do not let us look
 * (Deno without --allow-read, Node's --permission without --allow-fs-read there); then opening
 * decides.
 */
function lookFor(path: string): boolean | undefined {
  try {
    if (G.Deno?.statSync) {
      if (!denoAllows({ name: "read", path })) return undefined;
      G.Deno.statSync(path);
      return true;
    }
    if (G.process?.permission?.has("fs.read", path) === false) return undefined;
    return G.process.getBuiltinModule("node:fs").existsSync(path);
  } catch (e) {
    const name = (e as Error)?.name;
    return name === "NotCapable" || name === "PermissionDenied" ? undefined : false;
  }
}

/** The running program's folder, when it can be known (Deno needs --allow-read). */
function exeDir(os: string): string | undefined {
  if (os !== "windows") return undefined;
  try {
    if (G.Deno?.execPath && !denoAllows({ name: "read" })) return undefined;
    const exe: string = G.Deno?.execPath ? G.Deno.execPath() : G.process.execPath;
    const i = Math.max(exe.lastIndexOf("\\"), exe.lastIndexOf("/"));
    return i > 0 ? exe.slice(0, i) : undefined;
  } catch {
    return undefined;
  }
}

interface Settings {
  library?: string | string[];
  abi?: Abi;
  integers?: "lp64" | "ilp64";
  heap?: HeapMode;
}

let settings: Settings = {};
let loaded: ProvenLibrary | undefined;
let heap: HeapReport | undefined;
let userThreads: number | null = null;
let currentThreads: number | null = null;

/** Options of `configure`. */
export interface ConfigureOptions {
  /** A library path or name, or several to try in order (overrides DLAPACK_LIBRARY). */
  library?: string | string[];
  /** Force the calling convention: "fortran" or "lapacke" (overrides DLAPACK_ABI). */
  abi?: Abi;
  /**
   * The LAPACK integer width: "lp64" (32-bit) or "ilp64" (64-bit; overrides
   * DLAPACK_INTEGERS). A library of the other width is skipped; MKL's `mkl_rt` is switched.
   */
  integers?: "lp64" | "ilp64";
  /**
   * What dlapack does to glibc's malloc on Deno and Node under Linux (overrides DLAPACK_HEAP):
   * "reuse" (the default) keeps memory that the garbage collector frees in batches for the
   * next results, instead of returning it to the kernel and faulting fresh pages back in;
   * "system" leaves malloc as the process has it. See README, "Memory".
   */
  heap?: HeapMode;
}

/**
 * `configure()` (src/backend.ts) after its options check: the settings' values, and the
 * refusal once the backend is loaded.
 */
export function configureBackend(options: ConfigureOptions): void {
  oneOf("abi", options?.abi, ABIS);
  oneOf("integers", options?.integers, WIDTHS);
  oneOf("heap", options?.heap, HEAPS);
  if (loaded !== undefined) {
    throw new Error(
      `Cannot configure dlapack: the backend ${loaded.info.path} is already loaded; call configure() before the first LAPACK call`,
    );
  }
  settings = { ...settings, ...options };
}

const ABIS = ["fortran", "lapacke"] as const;
const WIDTHS = ["lp64", "ilp64"] as const;
const HEAPS = ["reuse", "system"] as const;

/**
 * `value` when it is undefined or one of `allowed`; else a TypeError naming `label` (an option
 * of `configure` or an environment variable) and the values it takes.
 */
function oneOf<T extends string>(
  label: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || allowed.includes(value as T)) return value as T | undefined;
  throw new TypeError(
    `Invalid ${label} ${JSON.stringify(value)}: expected ${
      allowed.map((a) => JSON.stringify(a)).join(" or ")
    }`,
  );
}

/** An environment variable of the choices `allowed`, trimmed and lower-cased; unset: undefined. */
function envChoice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
  return oneOf(name, readEnv(name)?.trim().toLowerCase() || undefined, allowed);
}

/** The report of a detection: what was found, and everything tried. */
export interface DetectionReport {
  found: BackendInfo | null;
  tried: TriedCandidate[];
  hint: string;
  os: string;
  arch: string;
  /** What the permissions granted did not let the detector learn, and which flag would. */
  unlearned: Unlearned[];
  /** When the permissions denied every candidate: the error, naming the flags to grant. */
  error?: string;
}

let lastReport: DetectionReport | undefined;

function detect(): ProvenLibrary {
  const rt = currentRuntime();
  const { os, arch } = platform();
  unreadEnv.clear();
  const env = envSnapshot();
  const lib = settings.library;
  if (lib !== undefined) {
    env.DLAPACK_LIBRARY = Array.isArray(lib) ? lib.join(os === "windows" ? ";" : ":") : lib;
  }
  const abiEnv = readEnv("DLAPACK_ABI");
  const abi = settings.abi ?? (abiEnv === "lapacke" || abiEnv === "fortran" ? abiEnv : undefined);
  const intsEnv = envChoice("DLAPACK_INTEGERS", WIDTHS); // checked even when configure overrides
  const integers = settings.integers ?? intsEnv;
  const threadingLayer = readEnv("MKL_THREADING_LAYER");
  const looked = new Map<string, boolean | undefined>();
  const exists = (p: string) => {
    if (!looked.has(p)) looked.set(p, lookFor(p));
    return looked.get(p) !== false; // could not look: let opening decide
  };
  const input = { os, arch, env, exists, exeDir: exeDir(os) };
  const candidates: Candidate[] = searchList(input);
  const hint = installHint(input);
  const unlearned = detectionLimits(rt, os, lib !== undefined, looked);
  const tried: TriedCandidate[] = [];
  const denied: Candidate[] = [];
  for (const c of candidates) {
    try {
      for (const p of c.preload ?? []) {
        try {
          rt.open(p); // e.g. vcpkg's openblas.dll under its lapack.dll
        } catch { /* the probe below reports what is missing */ }
      }
      const proven = probeLibrary(rt, c.path, {
        os,
        abi,
        blas: c.preload,
        integers,
        threadingLayer,
      });
      unlearned.push(...proven.unlearned);
      lastReport = { found: proven.info, tried, hint, os, arch, unlearned };
      return proven;
    } catch (e) {
      if (e instanceof FfiPermissionError) {
        // A scope that does not cover this candidate: skip it, the next may be covered.
        denied.push(c);
        tried.push({ path: c.path, source: c.source, reason: DENIED[rt.name] });
        if (rt.name === "node") break; // Node's FFI permission has no scope: all are denied
        continue;
      }
      if (!(e instanceof ProbeFailure)) throw e;
      tried.push({ path: c.path, source: c.source, reason: e.message });
    }
  }
  lastReport = { found: null, tried, hint, os, arch, unlearned };
  if (denied.length > 0) {
    // No cause: each candidate's denial is in the report, and its stack is the detector's.
    throw new FfiPermissionError(
      lastReport.error = deniedMessage(rt, os, arch, denied, tried, looked),
    );
  }
  const lines = tried.map((t) => `  ${t.path} (${t.source}): ${t.reason}`);
  throw new LapackNotFoundError(
    `No usable LAPACK library found on ${os}/${arch}. Tried:\n${
      lines.join("\n") || "  (no candidates)"
    }\n` +
      `Install one:\n${hint.replace(/^/gm, "  ")}\n` +
      `Or set DLAPACK_LIBRARY to the library's path (run the doctor: deno task doctor)`,
    tried,
  );
}

/** The reason recorded for a candidate the permissions did not let us open. */
const DENIED: Record<Runtime["name"], string> = {
  deno: "denied: not covered by Deno's --allow-ffi",
  node: "denied: Node's --permission without --allow-ffi",
  bun: "denied",
};

/** What the detector could not learn before probing: unread variables, unlooked files. */
function detectionLimits(
  rt: Runtime,
  os: string,
  configured: boolean,
  looked: Map<string, boolean | undefined>,
): Unlearned[] {
  const limits: Unlearned[] = [];
  const used = (ENV_USED[os] ?? ENV_USED.linux).filter((n) =>
    unreadEnv.has(n) && !(configured && n === "DLAPACK_LIBRARY")
  );
  if (used.length > 0) {
    limits.push({
      fact: `the environment variables ${used.join(", ")} (read as unset)`,
      reason: `Deno's --allow-env does not cover them: grant --allow-env=${used.join(",")}`,
    });
  }
  if ([...looked.values()].includes(undefined)) {
    limits.push({
      fact: "which candidate libraries exist (each was tried in turn)",
      reason: rt.name === "node"
        ? "Node's --permission does not let it read there: grant --allow-fs-read for the library folders"
        : "Deno's --allow-read does not cover them: grant --allow-read (or --allow-read=<the library folders>)",
    });
  }
  return limits;
}

/** The error of a search every candidate of which the permissions denied. */
function deniedMessage(
  rt: Runtime,
  os: string,
  arch: string,
  denied: Candidate[],
  tried: TriedCandidate[],
  looked: Map<string, boolean | undefined>,
): string {
  const others = tried.filter((t) => t.reason !== DENIED[rt.name]);
  const failed = others.length === 0
    ? ""
    : `\nThe others failed:\n${
      others.map((t) => `  ${t.path} (${t.source}): ${t.reason}`).join("\n")
    }`;
  if (rt.name === "node") {
    return `No LAPACK library could be opened on ${os}/${arch}: Node's permission model denies FFI. ` +
      `Run with --permission --allow-ffi (and --experimental-ffi); Node's --allow-ffi has no scope, ` +
      `it allows every library${failed}`;
  }
  const paths = denied.filter((c) => /[\\/]/.test(c.path));
  const present = paths.find((c) => looked.get(c.path) === true);
  let grant: string;
  if (present !== undefined) {
    grant = `Grant the first one found: --allow-ffi=${present.path}`;
  } else if (paths.length > 0 && paths.every((c) => c.source === "DLAPACK_LIBRARY")) {
    grant = `Grant the library DLAPACK_LIBRARY names: --allow-ffi=${paths[0].path}`;
  } else {
    // Without read permission nothing says which exists: name the first of each place.
    const bySource = new Map<string, string>();
    for (const c of paths) if (!bySource.has(c.source)) bySource.set(c.source, c.path);
    const places = [...bySource].map(([source, path]) => `  --allow-ffi=${path}   (${source})`);
    grant = (places.length > 0
      ? `Grant your LAPACK library with --allow-ffi=<its path>; the first candidate of each place is:\n${
        places.join("\n")
      }\n(add --allow-read to let dlapack see which exists)`
      : "Grant --allow-ffi=<the library's full path>") +
      `\nOr name it: DLAPACK_LIBRARY=<its path> with --allow-env=DLAPACK_LIBRARY --allow-ffi=<its path>`;
  }
  return `No LAPACK library could be opened on ${os}/${arch}: Deno's FFI permission covers none of the ${denied.length} candidates. ` +
    `${grant}${failed}`;
}

/**
 * Loads the backend on first use and returns it. A failure's stack starts at `caller`, the
 * public function the user called, not inside the detector.
 */
export function load(caller: (...args: never[]) => unknown = load): ProvenLibrary {
  if (loaded === undefined) {
    let asked: HeapMode | undefined;
    try {
      asked = settings.heap ?? envChoice("DLAPACK_HEAP", HEAPS);
      loaded = detect();
    } catch (e) {
      if (e instanceof LapackNotFoundError || e instanceof FfiPermissionError) {
        (Error as { captureStackTrace?: (e: object, f: unknown) => void }).captureStackTrace?.(
          e,
          caller,
        );
      }
      throw e;
    }
    userThreads = loaded.threads?.get() ?? null;
    currentThreads = userThreads;
    heap = tuneHeap(
      { runtime: currentRuntime().name, os: platform().os, asked, env: readEnv },
      loaded.target.lib,
    );
    loaded.info.heap = heap.mode;
  }
  return loaded;
}

/** What loading the backend did to the heap (for the doctor), or undefined before loading. */
export function heapReport(): HeapReport | undefined {
  return heap;
}

/** Runs the detection (loading the backend when possible) and returns its full report. */
export function detectionReport(): DetectionReport {
  try {
    load();
  } catch (e) {
    if (!(e instanceof LapackNotFoundError) && !(e instanceof FfiPermissionError)) throw e;
  }
  return lastReport!;
}

/** `backend()` (src/backend.ts); a failure's stack starts at `caller`. */
export function backendInfo(caller: (...args: never[]) => unknown = backendInfo): BackendInfo {
  const b = load(caller);
  return { ...b.info, threads: userThreads };
}

/** `setNumThreads()` (src/backend.ts); a failure's stack starts at `caller`. */
export function setThreads(
  n: number,
  caller: (...args: never[]) => unknown = setThreads,
): boolean {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`Invalid thread count ${n}: expected a positive integer`);
  }
  const b = load(caller);
  if (b.threads === null) return false;
  b.threads.set(n);
  userThreads = n;
  currentThreads = n;
  return true;
}

/** `getNumThreads()` (src/backend.ts); a failure's stack starts at `caller`. */
export function threadCount(caller: (...args: never[]) => unknown = threadCount): number | null {
  load(caller);
  return userThreads;
}

/**
 * Switches the vendor to one thread for small problems and back to the user's count for big
 * ones. Lazy: it calls the vendor only when the mode changes, so a loop of small calls pays
 * nothing after the first.
 */
export function threadsFor(small: boolean): void {
  const b = loaded;
  if (b === undefined || b.threads === null || userThreads === null || userThreads === 1) return;
  const want = small ? 1 : userThreads;
  if (currentThreads !== want) {
    const local = b.threads.setLocal;
    // MKL: this thread only, and 0 returns it to the global count setNumThreads set.
    if (local !== undefined) local(small ? 1 : 0);
    else b.threads.set(want);
    currentThreads = want;
  }
}

const bound: Record<string, NativeFunction> = {};

/**
 * The bound kernel-contract function of one routine (`"dgetrf"`, ...), typed from its
 * declaration in `routines.ts`: a wrong argument count, order or type is a compile error. For
 * a union of the variants of one template (`routine(`${t}getrf`)`), the arrays are
 * `Float32Array | Float64Array`. Unchecked: kernels pass what their plan proved. Throws when
 * the library lacks the routine.
 */
export function routine<K extends RoutineName>(name: K): RoutineFn<K> {
  const cached = bound[name];
  if (cached !== undefined) return cached as RoutineFn<K>;
  const r = ROUTINE[name];
  if (r === undefined) throw new Error(`Unknown routine ${name}: not in ffi/routines.ts`);
  const b = load(routine);
  const f = bindRoutine(r, b.target);
  if (f === null) {
    throw new Error(
      `The LAPACK library ${b.info.path} does not export ${name} (${b.info.abi} ABI, suffix ${
        JSON.stringify(b.info.suffix)
      })`,
    );
  }
  return (bound[name] = f) as RoutineFn<K>;
}

/**
 * The routine of template `t` in type `letter`, typed: `variant(t, "orgqr")` is `?orgqr` for
 * s and d and `?ungqr` for c and z; `variant(t, "syevd")` is `?syevd` or `?heevd`.
 */
export function variant<T extends TemplateName, L extends TypeLetter>(
  letter: L,
  t: T,
): RoutineFn<VariantOf<T, L>> {
  return routine(variantName(letter, t)) as RoutineFn<VariantOf<T, L>>;
}

/** The integer-array type the backend's LAPACK expects, sized for `n` integers. */
export function intArray(n: number): Int32Array {
  return new Int32Array((load(intArray).target.intWidth === 64 ? 2 : 1) * Math.max(1, n));
}

/** How many Int32 words one LAPACK integer takes (1 for LP64, 2 for ILP64). */
export function intStride(): 1 | 2 {
  return load(intStride).target.intWidth === 64 ? 2 : 1;
}

/** Bugs of the loaded library that dlapack works around. */
export interface Quirks {
  /** OpenBLAS before 0.3.24: complex gemv kernels read a little past their matrix (issue 4013). */
  gemvOverRead: boolean;
  /** OpenBLAS before 0.3.24: threaded getrf takes ~0.5 MB of stack per recursion level. */
  getrfStack: boolean;
}

/**
 * Whether an OpenBLAS version is older than 0.3.24, the first release after OpenBLAS issue
 * 4013 (April 2023). An unknown version counts as old: the workarounds are cheap.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openblasBefore0324 } from "./backend.ts";
 * assert.equal(openblasBefore0324("0.3.21"), true);
 * assert.equal(openblasBefore0324("0.3.29"), false);
 * assert.equal(openblasBefore0324("unknown"), true);
 * ```
 */
export function openblasBefore0324(version: string): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (m === null) return true;
  const [a, b, c] = [+m[1], +m[2], +m[3]];
  return a === 0 && (b < 3 || (b === 3 && c < 24));
}

function quirksOf(info: BackendInfo): Quirks {
  const old = info.blas.vendor === "openblas" && openblasBefore0324(info.blas.version);
  return { gemvOverRead: old, getrfStack: old };
}

/** The loaded library's quirks (loading it first). */
export function quirks(): Quirks {
  return quirksOf(load(quirks).info);
}

/** The quirks when a library is already loaded, else undefined (nothing is opened). */
export function loadedQuirks(): Quirks | undefined {
  return loaded === undefined ? undefined : quirksOf(loaded.info);
}

/**
 * The file that provides `dgemm_` to the whole process (its global scope), when something
 * other than dlapack's own opening put a BLAS there, else null. A LAPACK that calls BLAS by
 * name (reference LAPACK, ATLAS, libFLAME) binds to that one first; see the README.
 */
export function globalBlas(): string | null {
  const b = load(globalBlas);
  const file = globalProvider(currentRuntime(), platform().os, b.target.lib, "dgemm_");
  // mkl_rt itself loads its interface layer (libmkl_intel_lp64, ...) with global binding.
  const own = b.info.blas.vendor === "mkl" && /(^|[\\/])(lib)?mkl_[^\\/]*$/.test(file ?? "");
  return file === null || own || file === b.info.blas.file ? null : file;
}
