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
import { denoRuntime } from "./deno.ts";
import type { Candidate } from "./detect.ts";
import { installHint, searchList } from "./detect.ts";
import { nodeRuntime } from "./node.ts";
import type { BackendInfo, ProvenLibrary } from "./probe.ts";
import { ProbeFailure, probeLibrary } from "./probe.ts";
import type { NativeFunction, Runtime } from "./runtime.ts";
import { FfiPermissionError, runtimeName } from "./runtime.ts";
import { ROUTINE } from "./symbols.ts";
import { LapackNotFoundError } from "../src/errors.ts";
import type { TriedCandidate } from "../src/errors.ts";
import type { OptionKeys } from "../src/_options.ts";
import { checkOptions, optionKeys } from "../src/_options.ts";

export type { BackendInfo, Provider } from "./probe.ts";

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

/** Reads an environment variable; a denied read (Deno without --allow-env) counts as unset. */
export function readEnv(name: string): string | undefined {
  try {
    if (G.Deno?.env) return G.Deno.env.get(name) ?? undefined;
    return G.process?.env?.[name];
  } catch {
    return undefined;
  }
}

function envSnapshot(): Record<string, string | undefined> {
  const names = [
    "DLAPACK_LIBRARY",
    "CONDA_PREFIX",
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
  ];
  return Object.fromEntries(names.map((n) => [n, readEnv(n)]));
}

function fileExists(path: string): boolean {
  try {
    if (G.Deno?.statSync) {
      G.Deno.statSync(path);
      return true;
    }
    return G.process.getBuiltinModule("node:fs").existsSync(path);
  } catch (e) {
    const name = (e as Error)?.name;
    // Without --allow-read we cannot look: let opening decide.
    return name === "NotCapable" || name === "PermissionDenied";
  }
}

interface Settings {
  library?: string | string[];
  abi?: Abi;
}

let settings: Settings = {};
let loaded: ProvenLibrary | undefined;
let userThreads: number | null = null;
let currentThreads: number | null = null;

/** The options of `configure`. */
const CONFIGURE_KEYS: OptionKeys = optionKeys("library", "abi");

/** Options of `configure`. */
export interface ConfigureOptions {
  /** A library path or name, or several to try in order (overrides DLAPACK_LIBRARY). */
  library?: string | string[];
  /** Force the calling convention: "fortran" or "lapacke" (overrides DLAPACK_ABI). */
  abi?: Abi;
}

/**
 * Chooses the LAPACK library and ABI. Must be called before the first LAPACK call.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configure } from "./backend.ts";
 * assert.throws(() => configure({ abi: "cobol" as never }), TypeError);
 * ```
 */
export function configure(options: ConfigureOptions): void {
  checkOptions(options, "configure", CONFIGURE_KEYS);
  const abi = options?.abi;
  if (abi !== undefined && abi !== "fortran" && abi !== "lapacke") {
    throw new TypeError(`Invalid abi ${JSON.stringify(abi)}: expected "fortran" or "lapacke"`);
  }
  if (loaded !== undefined) {
    throw new Error(
      `Cannot configure dlapack: the backend ${loaded.info.path} is already loaded; call configure() before the first LAPACK call`,
    );
  }
  settings = { ...settings, ...options };
}

/** The report of a detection: what was found, and everything tried. */
export interface DetectionReport {
  found: BackendInfo | null;
  tried: TriedCandidate[];
  hint: string;
  os: string;
  arch: string;
}

let lastReport: DetectionReport | undefined;

function detect(): ProvenLibrary {
  const rt = currentRuntime();
  const { os, arch } = platform();
  const env = envSnapshot();
  const lib = settings.library;
  if (lib !== undefined) {
    env.DLAPACK_LIBRARY = Array.isArray(lib) ? lib.join(os === "windows" ? ";" : ":") : lib;
  }
  const abiEnv = readEnv("DLAPACK_ABI");
  const abi = settings.abi ?? (abiEnv === "lapacke" || abiEnv === "fortran" ? abiEnv : undefined);
  const input = { os, arch, env, exists: fileExists };
  const candidates: Candidate[] = searchList(input);
  const tried: TriedCandidate[] = [];
  for (const c of candidates) {
    try {
      for (const p of c.preload ?? []) {
        try {
          rt.open(p); // e.g. vcpkg's openblas.dll under its lapack.dll
        } catch { /* the probe below reports what is missing */ }
      }
      const proven = probeLibrary(rt, c.path, { os, abi, blas: c.preload });
      lastReport = { found: proven.info, tried, hint: installHint(input), os, arch };
      return proven;
    } catch (e) {
      if (e instanceof FfiPermissionError) throw e;
      if (!(e instanceof ProbeFailure)) throw e;
      tried.push({ path: c.path, source: c.source, reason: e.message });
    }
  }
  const hint = installHint(input);
  lastReport = { found: null, tried, hint, os, arch };
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

/** Loads the backend on first use and returns it. */
export function load(): ProvenLibrary {
  if (loaded === undefined) {
    loaded = detect();
    userThreads = loaded.threads?.get() ?? null;
    currentThreads = userThreads;
  }
  return loaded;
}

/** Runs the detection (loading the backend when possible) and returns its full report. */
export function detectionReport(): DetectionReport {
  try {
    load();
  } catch (e) {
    if (!(e instanceof LapackNotFoundError)) throw e;
  }
  return lastReport!;
}

/**
 * What the detector found: path, vendor, version, ABI, integer width, symbol suffix, threads,
 * and the LAPACK and BLAS providers apart. Throws LapackNotFoundError when there is none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { backend } from "./backend.ts";
 * const b = backend();
 * assert.ok(b.intWidth === 32 || b.intWidth === 64);
 * ```
 */
export function backend(): BackendInfo {
  const b = load();
  return { ...b.info, threads: userThreads };
}

/**
 * Sets the vendor's thread count (OpenBLAS, MKL, BLIS, FlexiBLAS). Returns false when the
 * library has no thread control.
 *
 * @example
 * ```ts
 * import { getNumThreads, setNumThreads } from "./backend.ts";
 * const before = getNumThreads();
 * if (before !== null) setNumThreads(before);
 * ```
 */
export function setNumThreads(n: number): boolean {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`Invalid thread count ${n}: expected a positive integer`);
  }
  const b = load();
  if (b.threads === null) return false;
  b.threads.set(n);
  userThreads = n;
  currentThreads = n;
  return true;
}

/**
 * The thread count the user asked for (or the vendor's default), null without thread control.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getNumThreads } from "./backend.ts";
 * const n = getNumThreads();
 * assert.ok(n === null || n >= 1);
 * ```
 */
export function getNumThreads(): number | null {
  load();
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
    b.threads.set(want);
    currentThreads = want;
  }
}

const bound: Record<string, NativeFunction> = {};

/**
 * The bound kernel-contract function of one routine (`"dgetrf"`, ...). Throws when the
 * library lacks it.
 */
export function routine(name: string): NativeFunction {
  const cached = bound[name];
  if (cached !== undefined) return cached;
  const r = ROUTINE[name];
  if (r === undefined) throw new Error(`Unknown routine ${name}: not in ffi/symbols.ts`);
  const b = load();
  const f = bindRoutine(r, b.target);
  if (f === null) {
    throw new Error(
      `The LAPACK library ${b.info.path} does not export ${name} (${b.info.abi} ABI, suffix ${
        JSON.stringify(b.info.suffix)
      })`,
    );
  }
  return (bound[name] = f);
}

/** The integer-array type the backend's LAPACK expects, sized for `n` integers. */
export function intArray(n: number): Int32Array {
  return new Int32Array((load().target.intWidth === 64 ? 2 : 1) * Math.max(1, n));
}

/** How many Int32 words one LAPACK integer takes (1 for LP64, 2 for ILP64). */
export function intStride(): 1 | 2 {
  return load().target.intWidth === 64 ? 2 : 1;
}
