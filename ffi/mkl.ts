/**
 * Intel MKL's single dynamic library (`mkl_rt`): choosing its threading and interface layers
 * before any computational call.
 *
 * `mkl_rt` loads a threading layer at its first computational call. The Intel layer needs the
 * OpenMP runtime `libiomp5` (`libiomp5md.dll` on Windows), the GNU layer `libgomp`, the TBB
 * layer `libtbb`; the layer libraries do not list these as dependencies, so a missing runtime
 * ends the process at a lazy symbol lookup (`undefined symbol: omp_get_num_procs`), and a
 * missing layer library makes MKL itself call `exit()`. No exception can catch either. So the
 * layer is decided here first: the layer's own MKL library must open, its runtime is loaded
 * into the process with global binding (libc's `dlopen(RTLD_NOW | RTLD_GLOBAL)`: the
 * runtimes' own FFI opens libraries with local binding, which MKL's layer cannot see), and
 * only then `MKL_Set_Threading_Layer` names it. A layer the user chose through
 * `MKL_THREADING_LAYER` that cannot load is a clear error; without a choice the first layer
 * that loads wins: Intel, then GNU, then sequential.
 *
 * @module
 */
import type { NativeFunction, NativeLibrary, Runtime } from "./runtime.ts";

/** MKL's threading layers, as `MKL_THREADING_LAYER` names them. */
export type ThreadingLayer = "INTEL" | "SEQUENTIAL" | "PGI" | "GNU" | "TBB";

/** `MKL_THREADING_INTEL` ... `MKL_THREADING_TBB` of mkl_service.h. */
const LAYER_CODE: Record<ThreadingLayer, number> = {
  INTEL: 0,
  SEQUENTIAL: 1,
  PGI: 2,
  GNU: 3,
  TBB: 4,
};

/** The layers tried, in order, when the user chose none. */
const AUTO: readonly ThreadingLayer[] = ["INTEL", "GNU", "SEQUENTIAL"];

/** What MKL's threading and interface layers were set to. */
export interface MklLayers {
  /** The threading layer in use. */
  threadingLayer: ThreadingLayer;
  /** Who chose it: the `MKL_THREADING_LAYER` variable, or dlapack ("auto"). */
  chosenBy: "MKL_THREADING_LAYER" | "auto";
  /** The OpenMP (or TBB) runtime loaded for it, null for SEQUENTIAL. */
  runtime: string | null;
  /** "lp64" or "ilp64" (`MKL_Set_Interface_Layer`). */
  interfaceLayer: "lp64" | "ilp64";
  /** Why each automatic layer that was skipped was skipped. */
  skipped: string[];
}

/** What one threading layer needs on a platform. */
export interface LayerNeeds {
  /** MKL's own layer library (any of these names). */
  layerLibrary: string[];
  /** The runtime it needs in the process (any of these), empty for SEQUENTIAL. */
  runtime: string[];
  /** How to install the layer library. */
  installLayer: string;
  /** How to install the runtime. */
  installRuntime: string;
}

const joinDir = (os: string, dir: string, name: string) =>
  dir === "" ? name : os === "windows" ? `${dir}\\${name}` : `${dir}/${name}`;

/**
 * Parses `MKL_THREADING_LAYER` as MKL does (case-insensitive): the layer, null when unset or
 * blank, or "invalid" for any other value (MKL would fall back to its Intel default, which is
 * exactly what cannot load).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseThreadingLayer } from "./mkl.ts";
 * assert.equal(parseThreadingLayer(" gnu "), "GNU");
 * assert.equal(parseThreadingLayer(undefined), null);
 * assert.equal(parseThreadingLayer("openmp"), "invalid");
 * ```
 */
export function parseThreadingLayer(value: string | undefined): ThreadingLayer | null | "invalid" {
  const v = (value ?? "").trim().toUpperCase();
  if (v === "") return null;
  return v in LAYER_CODE ? (v as ThreadingLayer) : "invalid";
}

/**
 * What a threading layer needs on `os`, with the paths beside `mkl_rt` (in `dir`) first: a
 * pure function, so every platform's list is testable anywhere.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { layerNeeds } from "./mkl.ts";
 * const n = layerNeeds("INTEL", "windows", "C:\\mkl\\bin");
 * assert.ok(n.runtime.includes("C:\\mkl\\bin\\libiomp5md.dll"));
 * ```
 */
export function layerNeeds(layer: ThreadingLayer, os: string, dir: string): LayerNeeds {
  const name = layer === "SEQUENTIAL" ? "sequential" : `${layer.toLowerCase()}_thread`;
  const layerLibrary = os === "windows"
    ? [`mkl_${name}.3.dll`, `mkl_${name}.2.dll`, `mkl_${name}.dll`]
    : os === "darwin"
    ? [`libmkl_${name}.2.dylib`, `libmkl_${name}.dylib`]
    : [`libmkl_${name}.so.2`, `libmkl_${name}.so`];
  const runtimeNames: Record<ThreadingLayer, string[]> = os === "windows"
    ? { INTEL: ["libiomp5md.dll"], GNU: [], TBB: ["tbb12.dll"], PGI: ["pgmp.dll"], SEQUENTIAL: [] }
    : os === "darwin"
    ? {
      INTEL: ["libiomp5.dylib", "libomp.dylib"],
      GNU: [],
      TBB: ["libtbb.12.dylib"],
      PGI: ["libpgmp.dylib"],
      SEQUENTIAL: [],
    }
    : {
      // LLVM's libomp implements the Intel OpenMP ABI (Debian's libomp-dev links libiomp5.so
      // to it).
      INTEL: ["libiomp5.so", "libomp.so.5", "libomp.so"],
      GNU: ["libgomp.so.1"],
      TBB: ["libtbb.so.12", "libtbb.so.2"],
      PGI: ["libpgmp.so"],
      SEQUENTIAL: [],
    };
  const names = runtimeNames[layer];
  // Beside mkl_rt (conda, pip: one lib or Library\bin folder), oneAPI's compiler folder, then
  // the loader's own search.
  const beside = dir === "" ? [] : names.map((n) => joinDir(os, dir, n));
  const oneapi = dir !== "" && os === "linux" && layer === "INTEL"
    ? [`${dir}/../../../compiler/latest/lib/libiomp5.so`]
    : [];
  const runtime = [...new Set([...beside, ...oneapi, ...names])];
  const layerPkg: Record<ThreadingLayer, string> = {
    INTEL: "libmkl-intel-thread",
    GNU: "libmkl-gnu-thread",
    SEQUENTIAL: "libmkl-sequential",
    PGI: "libmkl-pgi-thread",
    TBB: "",
  };
  const installLayer = os === "linux" && layerPkg[layer]
    ? `Debian: apt-get install ${layerPkg[layer]}; conda or pip: install mkl`
    : "it ships with Intel oneMKL (the oneAPI installer, conda install mkl, pip install mkl)";
  const installRuntime: Record<ThreadingLayer, string> = {
    INTEL: os === "linux"
      ? "Debian: apt-get install libomp5, LLVM's OpenMP, which MKL's Intel layer accepts; conda: conda install intel-openmp; pip: pip install intel-openmp"
      : "conda: conda install intel-openmp; pip: pip install intel-openmp (or copy " +
        `${names[0]} beside mkl_rt)`,
    GNU: os === "linux"
      ? "Debian: apt-get install libgomp1 (GCC's OpenMP)"
      : "the GNU layer exists only on Linux",
    TBB: os === "linux"
      ? "Debian: apt-get install libtbb12; conda: conda install tbb; pip: pip install tbb"
      : "conda: conda install tbb; pip: pip install tbb",
    PGI: "the PGI (NVIDIA HPC SDK) compilers' OpenMP runtime",
    SEQUENTIAL: "",
  };
  return {
    layerLibrary: [
      ...layerLibrary.map((n) => joinDir(os, dir, n)),
      ...(dir === "" ? [] : layerLibrary),
    ],
    runtime,
    installLayer,
    installRuntime: installRuntime[layer],
  };
}

/** How the layer search touches the system (fakes in tests). */
export interface LayerSystem {
  /** Whether MKL's own layer library opens. */
  opens(path: string): boolean;
  /** Loads a runtime into the process for MKL to see; false when it cannot. */
  loadGlobal(path: string): boolean;
  /** Why loadGlobal cannot work at all (e.g. libc's dlopen unreachable), else null. */
  globalUnavailable: string | null;
}

/**
 * Chooses the threading layer: the user's (`MKL_THREADING_LAYER`) or the first of Intel, GNU,
 * sequential whose libraries load. Loads the chosen layer's runtime. Throws an Error naming
 * the missing library and the package that brings it when the user's layer cannot load, or
 * when no layer at all can.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chooseThreadingLayer } from "./mkl.ts";
 * const sys = { opens: () => true, loadGlobal: (p: string) => p === "libgomp.so.1", globalUnavailable: null };
 * const r = chooseThreadingLayer(undefined, "linux", "", sys);
 * assert.equal(r.layer, "GNU");
 * assert.throws(() => chooseThreadingLayer("INTEL", "linux", "", sys), /libiomp5\.so/);
 * ```
 */
export function chooseThreadingLayer(
  envValue: string | undefined,
  os: string,
  dir: string,
  sys: LayerSystem,
): { layer: ThreadingLayer; runtime: string | null; skipped: string[] } {
  const asked = parseThreadingLayer(envValue);
  if (asked === "invalid") {
    throw new Error(
      `MKL_THREADING_LAYER=${
        JSON.stringify(envValue)
      } is not a threading layer MKL knows: set INTEL, GNU, SEQUENTIAL, TBB or PGI, or unset it (MKL would fall back to INTEL)`,
    );
  }
  const attempt = (layer: ThreadingLayer): { runtime: string | null } | string => {
    if (layer === "GNU" && os !== "linux") return "the GNU layer exists only on Linux";
    const needs = layerNeeds(layer, os, dir);
    if (!needs.layerLibrary.some((p) => sys.opens(p))) {
      return `the ${layer} layer needs MKL's ${
        needs.layerLibrary.at(-1)
      }, which is not installed (${needs.installLayer})`;
    }
    if (needs.runtime.length === 0) return { runtime: null };
    const runtimeName = needs.runtime.find((n) => !/[\\/]/.test(n))!;
    if (sys.globalUnavailable !== null) {
      return `the ${layer} layer needs ${runtimeName} loaded with global binding, which is not possible here: ${sys.globalUnavailable}`;
    }
    const found = needs.runtime.find((p) => sys.loadGlobal(p));
    if (found === undefined) {
      return `the ${layer} layer needs the runtime ${runtimeName}, which cannot be loaded (${needs.installRuntime})`;
    }
    return { runtime: found };
  };
  if (asked !== null) {
    const r = attempt(asked);
    if (typeof r === "string") {
      throw new Error(
        `MKL_THREADING_LAYER=${asked} cannot be used: ${r}; or set MKL_THREADING_LAYER=SEQUENTIAL`,
      );
    }
    return { layer: asked, runtime: r.runtime, skipped: [] };
  }
  const skipped: string[] = [];
  for (const layer of AUTO) {
    const r = attempt(layer);
    if (typeof r !== "string") return { layer, runtime: r.runtime, skipped };
    skipped.push(r);
  }
  throw new Error(`No MKL threading layer can load: ${skipped.join("; ")}`);
}

/**
 * libc's `dlopen`, for loading with global binding: opened by name, else reached through
 * `lib` itself (its dependencies include libc; a scoped Deno permission may keep libc closed).
 */
function globalLoader(
  rt: Runtime,
  lib: NativeLibrary,
  os: string,
): { load: NativeFunction; flags: number } | string {
  if (os === "windows") return "not needed on Windows";
  const names = os === "darwin"
    ? ["/usr/lib/libSystem.B.dylib"]
    : ["libc.so.6", "libdl.so.2", "libc.so"];
  // RTLD_NOW | RTLD_GLOBAL: 0x2 | 0x100 (glibc, musl), 0x2 | 0x8 (macOS).
  const flags = os === "darwin" ? 0x2 | 0x8 : 0x2 | 0x100;
  const sig = { args: ["ptr", "i32"], ret: "ptr" } as const;
  const reasons: string[] = [];
  for (const n of names) {
    try {
      const f = rt.open(n).fn("dlopen", sig);
      if (f !== null) return { load: f, flags };
      reasons.push(`${n} has no dlopen`);
    } catch (e) {
      reasons.push(`${n}: ${(e as Error).message}`);
    }
  }
  try {
    const f = lib.fn("dlopen", sig);
    if (f !== null) return { load: f, flags };
  } catch { /* reported below */ }
  return `libc's dlopen cannot be reached (${reasons.join("; ")})`;
}

const isNull = (p: unknown) => p === null || p === undefined || p === 0 || p === 0n;

/**
 * Sets up `mkl_rt` (when `lib` is one): the interface layer, then the threading layer, before
 * any computational call. Returns null for a library that is not `mkl_rt`. Throws an Error
 * with the reason when no safe layer exists.
 */
export function setupMkl(
  rt: Runtime,
  lib: NativeLibrary,
  options: {
    os: string;
    dir: string;
    threadingLayer: string | undefined;
    integers: "lp64" | "ilp64" | undefined;
  },
): MklLayers | null {
  const setThreading = lib.fn("MKL_Set_Threading_Layer", { args: ["i32"], ret: "i32" });
  const setInterface = lib.fn("MKL_Set_Interface_Layer", { args: ["i32"], ret: "i32" });
  if (setThreading === null || setInterface === null) return null;
  const { os, dir } = options;
  const loader = globalLoader(rt, lib, os);
  const sys: LayerSystem = {
    opens(path) {
      try {
        rt.open(path);
        return true;
      } catch (e) {
        // A layer library alone leaves MKL's core symbols unresolved: it is there, and MKL
        // opens it after its core.
        return /undefined symbol/.test(String((e as Error)?.message));
      }
    },
    loadGlobal(path) {
      if (os === "windows") {
        // Windows has one module list per process: once loaded, MKL's own load by name finds it.
        return sys.opens(path);
      }
      if (typeof loader === "string") return false;
      return !isNull(loader.load(new TextEncoder().encode(path + "\0"), loader.flags));
    },
    globalUnavailable: typeof loader === "string" && os !== "windows" ? loader : null,
  };
  // MKL_INTERFACE_LP64 = 0, MKL_INTERFACE_ILP64 = 1 (GNU complex returns, 2, would matter
  // only for the complex-valued BLAS functions, which dlapack does not call).
  const interfaceLayer = options.integers ?? "lp64";
  setInterface(interfaceLayer === "ilp64" ? 1 : 0);
  const chosen = chooseThreadingLayer(options.threadingLayer, os, dir, sys);
  setThreading(LAYER_CODE[chosen.layer]);
  return {
    threadingLayer: chosen.layer,
    chosenBy: parseThreadingLayer(options.threadingLayer) === null ? "auto" : "MKL_THREADING_LAYER",
    runtime: chosen.runtime,
    interfaceLayer,
    skipped: chosen.skipped,
  };
}
