/**
 * Where to look for LAPACK, per platform, as a pure function of (os, arch, env, exists): no
 * runtime API is touched here, so every platform's list is testable on any machine.
 *
 * Order of the search list, first to last:
 * 1. `DLAPACK_LIBRARY`, when set, is the whole list: files, or folders (the LAPACK names are
 *    looked for in a folder).
 * 2. Windows: the running program's folder (a compiled CLI ships its DLLs beside it).
 *    Places the environment names: `$CONDA_PREFIX` (an activated environment is a choice),
 *    `$VIRTUAL_ENV` (pip's `mkl` wheel),
 *    then `LD_LIBRARY_PATH`/`DYLD_LIBRARY_PATH` (posix) or `PATH` (Windows), then `$MKLROOT`.
 * 3. Hand installs and vendor installers (/usr/local, /opt/OpenBLAS, Intel oneAPI, vcpkg,
 *    MSYS2, an OpenBLAS release zip), then distribution packages. Within a place: OpenBLAS
 *    and MKL (fast, LAPACK inside) before reference LAPACK; the alternatives-chosen file
 *    first, then pthread, OpenMP, serial builds; ILP64 right after the LP64 builds, before
 *    the generic `liblapack.so.3`, ATLAS, reference LAPACK and libFLAME.
 * 4. macOS: OpenBLAS from Homebrew or MacPorts (someone installed it on purpose), then Apple
 *    Accelerate (always listed, opened rather than looked for: it lives in the dyld shared
 *    cache), then reference LAPACK from Homebrew or MacPorts (slower than Accelerate, and
 *    usually only there as another formula's dependency).
 * 5. Bare names for the system loader (Linux, Windows; not macOS, where Accelerate is the
 *    fallback).
 *
 * @module
 */

/**
 * The platform, named as `Deno.build.os` names it ("windows" where Node says "win32").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { OS } from "./detect.ts";
 * const fromNode = (platform: string): OS => platform === "win32" ? "windows" : platform;
 * assert.equal(fromNode("win32"), "windows");
 * ```
 */
export type OS = "linux" | "darwin" | "windows" | string;

/**
 * One library to try, and why it is on the list.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { searchList } from "./detect.ts";
 * const [c] = searchList({ os: "darwin", arch: "aarch64", env: {}, exists: () => false });
 * assert.deepEqual(c, {
 *   path: "/System/Library/Frameworks/Accelerate.framework/Accelerate",
 *   source: "Apple Accelerate",
 *   probeByOpening: true,
 * });
 * ```
 */
export interface Candidate {
  /** Absolute path, or a bare name for the OS loader to resolve (e.g. "libopenblas.so.0"). */
  path: string;
  /** Why it is on the list, e.g. "DLAPACK_LIBRARY", "Homebrew (Apple Silicon)", "PATH". */
  source: string;
  /** True when the file cannot be looked for on disk and must simply be opened. */
  probeByOpening?: boolean;
  /** Libraries to open first, e.g. vcpkg's `openblas.dll` beside its `lapack.dll`. */
  preload?: string[];
}

/**
 * Everything the detector depends on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { SearchInput } from "./detect.ts";
 * import { searchList } from "./detect.ts";
 * const disk = new Set(["/usr/lib/x86_64-linux-gnu/libopenblas.so.0"]);
 * const input: SearchInput = { os: "linux", arch: "x64", env: {}, exists: (p) => disk.has(p) };
 * assert.equal(searchList(input)[0].path, "/usr/lib/x86_64-linux-gnu/libopenblas.so.0");
 * ```
 */
export interface SearchInput {
  /** The platform. */
  os: OS;
  /** The CPU as `Deno.build.arch` ("x86_64", "aarch64") or `process.arch` ("x64", "arm64"). */
  arch: string;
  /** Environment variables; a variable that could not be read is undefined. */
  env: Record<string, string | undefined>;
  /** Whether a file exists (a fake filesystem in tests). */
  exists: (path: string) => boolean;
  /** The running program's folder (Windows: a compiled CLI ships its DLLs beside it). */
  exeDir?: string;
}

/** A directory and the file names (possibly in subdirectories) to look for in it. */
type Place = [source: string, dir: string | undefined, names: readonly string[]];

/** Names to look for in a directory the environment names (conda, library paths). */
const DIR_NAMES: Record<"posix" | "darwin" | "windows", readonly string[]> = {
  posix: [
    "libopenblas.so.0",
    "libopenblas.so",
    "libmkl_rt.so.2",
    "libmkl_rt.so",
    "libflexiblas.so.3",
    "liblapack.so.3",
    "liblapack.so",
  ],
  darwin: [
    "libopenblas.0.dylib",
    "libopenblas.dylib",
    "libmkl_rt.2.dylib",
    "libmkl_rt.dylib",
    "liblapack.3.dylib",
    "liblapack.dylib",
  ],
  windows: [
    "libopenblas.dll",
    "openblas.dll",
    "mkl_rt.3.dll",
    "mkl_rt.2.dll",
    "liblapack.dll",
    "lapack.dll",
  ],
};

/** Bare names the system loader resolves, tried last. */
const LOADER_NAMES: Record<"posix" | "darwin" | "windows", readonly string[]> = {
  posix: [
    "libopenblas.so.0",
    "libopenblas.so",
    "libmkl_rt.so.2",
    "libflexiblas.so.3",
    "liblapack.so.3",
  ],
  darwin: [],
  windows: ["libopenblas.dll", "openblas.dll", "mkl_rt.3.dll", "mkl_rt.2.dll", "liblapack.dll"],
};

/** Libraries that must be opened before a file of this name, from the same directory. */
const PRELOAD: Record<string, readonly string[]> = {
  "lapack.dll": ["openblas.dll"],
  // MKL's Intel threading layer needs Intel's OpenMP runtime, which sits beside mkl_rt.
  "mkl_rt.3.dll": ["libiomp5md.dll"],
  "mkl_rt.2.dll": ["libiomp5md.dll"],
};

const ACCELERATE = [
  "/System/Library/Frameworks/Accelerate.framework/Accelerate",
  "/System/Library/Frameworks/Accelerate.framework/Versions/A/Frameworks/vecLib.framework/Versions/A/libLAPACK.dylib",
];

/** Debian multiarch triplets by `Deno.build.arch` / `process.arch`. */
const TRIPLET: Record<string, string> = {
  x64: "x86_64-linux-gnu",
  x86_64: "x86_64-linux-gnu",
  amd64: "x86_64-linux-gnu",
  arm64: "aarch64-linux-gnu",
  aarch64: "aarch64-linux-gnu",
  ppc64: "powerpc64le-linux-gnu",
  ppc64le: "powerpc64le-linux-gnu",
  s390x: "s390x-linux-gnu",
  riscv64: "riscv64-linux-gnu",
  loong64: "loongarch64-linux-gnu",
  ia32: "i386-linux-gnu",
  x86: "i386-linux-gnu",
  arm: "arm-linux-gnueabihf",
};

const isArm64 = (arch: string) => arch === "arm64" || arch === "aarch64";
const family = (os: OS) => (os === "windows" || os === "darwin" ? os : "posix");

/** Joins a directory and a name with the platform's separator, collapsing doubled separators. */
function join(os: OS, dir: string, name: string): string {
  return os === "windows"
    ? `${dir}\\${name}`.replace(/(?<!^)[\\/]+/g, "\\")
    : `${dir}/${name}`.replace(/\/{2,}/g, "/");
}

function linuxPlaces(arch: string, env: SearchInput["env"]): Place[] {
  const t = `/usr/lib/${TRIPLET[arch] ?? `${arch}-linux-gnu`}`;
  const mkl = env.MKLROOT;
  const oneapi = "/opt/intel/oneapi/mkl/latest/lib";
  const openblas = ["libopenblas.so.0", "libopenblas.so"];
  return [
    ["$MKLROOT", mkl, [
      "lib/libmkl_rt.so.2",
      "lib/intel64/libmkl_rt.so.2",
      "lib/intel64/libmkl_rt.so",
    ]],
    ["/usr/local", "/usr/local/lib", openblas],
    ["OpenBLAS default prefix", "/opt/OpenBLAS/lib", openblas],
    ["Intel oneAPI", oneapi, ["libmkl_rt.so.2", "intel64/libmkl_rt.so.2"]],
    ["Debian/Ubuntu multiarch", t, [
      "libopenblas.so.0",
      "openblas-pthread/libopenblas.so.0",
      "openblas-openmp/libopenblas.so.0",
      "openblas-serial/libopenblas.so.0",
      "libmkl_rt.so",
      "libflexiblas.so.3",
      "libopenblas64.so.0",
      "openblas64-pthread/libopenblas64.so.0",
      "openblas64-openmp/libopenblas64.so.0",
      "openblas64-serial/libopenblas64.so.0",
      "liblapack.so.3",
      "atlas/liblapack.so.3",
      "lapack/liblapack.so.3",
      "libflame.so.1",
    ]],
    ["Fedora/RHEL", "/usr/lib64", [
      "libflexiblas.so.3",
      "libopenblasp.so.0",
      "libopenblaso.so.0",
      "libopenblas.so.0",
      "libflexiblas64.so.3",
      "libopenblasp64_.so.0",
      "libopenblaso64_.so.0",
      "libopenblas64_.so.0",
      "liblapack.so.3",
      "libflame.so.1",
    ]],
    ["Arch/Alpine", "/usr/lib", [
      "libopenblas.so.0",
      "libopenblas.so.3",
      "libopenblas.so",
      "libopenblas64_.so.0",
      "libopenblas64_.so.3",
      "liblapack.so.3",
      "libflame.so.1",
    ]],
  ];
}

function brewLabel(prefix: string): string {
  if (prefix === "/opt/homebrew") return "Homebrew (Apple Silicon)";
  return prefix === "/usr/local" ? "Homebrew (Intel)" : "Homebrew ($HOMEBREW_PREFIX)";
}

/** macOS places, split around Accelerate: [before, after]. */
function darwinPlaces(arch: string, env: SearchInput["env"]): [Place[], Place[]] {
  const native = isArm64(arch) ? ["/opt/homebrew", "/usr/local"] : ["/usr/local", "/opt/homebrew"];
  const brews = [...new Set([env.HOMEBREW_PREFIX, ...native].filter((p): p is string => !!p))];
  return [
    [
      ...brews.map((p): Place => [brewLabel(p), `${p}/opt/openblas/lib`, ["libopenblas.dylib"]]),
      ["MacPorts", "/opt/local/lib", ["libopenblas.dylib"]],
    ],
    [
      ...brews.map((p): Place => [brewLabel(p), `${p}/opt/lapack/lib`, ["liblapack.dylib"]]),
      ["MacPorts", "/opt/local/lib/lapack", ["liblapack.dylib"]],
      ...brews.map((p): Place => [brewLabel(p), `${p}/opt/lapack/lib`, ["liblapacke.dylib"]]),
    ],
  ];
}

/** Default conda install folders, under the user profile or ProgramData (all users). */
const CONDA_DIRS = ["miniforge3", "mambaforge", "miniconda3", "anaconda3"];

function windowsPlaces(arch: string, env: SearchInput["env"]): Place[] {
  const names = DIR_NAMES.windows;
  const vcpkg = `installed\\${
    isArm64(arch) ? "arm64" : arch === "ia32" || arch === "x86" ? "x86" : "x64"
  }-windows\\bin`;
  const msys = isArm64(arch)
    ? ["clangarm64", "ucrt64", "mingw64", "clang64"]
    : ["ucrt64", "mingw64", "clang64"];
  const oneapi = [
    env["ProgramFiles(x86)"] ?? "C:\\Program Files (x86)",
    env.ProgramFiles ?? "C:\\Program Files",
  ]
    .flatMap((p) =>
      ["bin", "redist\\intel64"].map((
        d,
      ): Place => ["Intel oneAPI", `${p}\\Intel\\oneAPI\\mkl\\latest\\${d}`, names])
    );
  return [
    ["%MKLROOT%", env.MKLROOT && `${env.MKLROOT}\\bin`, names],
    ["%MKLROOT%", env.MKLROOT && `${env.MKLROOT}\\redist\\intel64`, names],
    ...[env.VCPKG_ROOT, "C:\\vcpkg", "C:\\src\\vcpkg"].map((
      r,
    ): Place => ["vcpkg", r && `${r}\\${vcpkg}`, ["lapack.dll"]]),
    ...[env.MSYS2_ROOT, "C:\\msys64"].flatMap((r) =>
      msys.map((s): Place => [`MSYS2 (${s})`, r && `${r}\\${s}\\bin`, names])
    ),
    ["OpenBLAS release zip", "C:\\OpenBLAS\\bin", names],
    ...[env.USERPROFILE, env.ProgramData].flatMap((r) =>
      CONDA_DIRS.map((c): Place => [`conda (${c})`, r && `${r}\\${c}\\Library\\bin`, names])
    ),
    ...oneapi,
  ];
}

/**
 * Splits a `DLAPACK_LIBRARY` value into library paths or names: on the platform's path-list
 * separator (":" on posix, ";" on Windows) and on ",", trimming blanks and dropping empties.
 *
 * @param value The variable's value.
 * @param os The platform, which decides the separator.
 * @returns The entries in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitLibraryList } from "./detect.ts";
 * assert.deepEqual(splitLibraryList("/opt/a.so:libopenblas.so.0, /b.so", "linux"), ["/opt/a.so", "libopenblas.so.0", "/b.so"]);
 * assert.deepEqual(splitLibraryList("C:\\x\\a.dll;b.dll", "windows"), ["C:\\x\\a.dll", "b.dll"]);
 * ```
 */
export function splitLibraryList(value: string, os: OS): string[] {
  return value.split(os === "windows" ? /[;,]/ : /[:,]/).map((s) => s.trim()).filter((s) =>
    s !== ""
  );
}

/**
 * The ordered, de-duplicated list of libraries to try on a platform (see the module doc for
 * the order). On-disk places are listed only when `exists` says so, except macOS Accelerate
 * and the bare names for the system loader, which are marked `probeByOpening`.
 *
 * @param input The platform, environment and a file-exists check.
 * @returns The candidates, best first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { searchList } from "./detect.ts";
 * const disk = new Set(["/opt/homebrew/opt/openblas/lib/libopenblas.dylib"]);
 * const list = searchList({ os: "darwin", arch: "aarch64", env: {}, exists: (p) => disk.has(p) });
 * assert.deepEqual(list.map((c) => c.source), ["Homebrew (Apple Silicon)", "Apple Accelerate", "Apple Accelerate"]);
 * const own = searchList({ os: "linux", arch: "x64", env: { DLAPACK_LIBRARY: "/opt/my/liblapack.so" }, exists: () => false });
 * assert.deepEqual(own, [{ path: "/opt/my/liblapack.so", source: "DLAPACK_LIBRARY" }]);
 * ```
 */
export function searchList(input: SearchInput): Candidate[] {
  const { os, arch, env, exists } = input;
  const fam = family(os);
  const override = splitLibraryList(env.DLAPACK_LIBRARY ?? "", os);
  if (override.length > 0) {
    return override.flatMap((path): Candidate[] => {
      const bare = !/[\\/]/.test(path);
      // A folder: not a library's file name, with LAPACK names in it.
      const file = bare || /\.(dll|dylib|so)(\.\d+)*$/i.test(path) || /\.framework\//.test(path);
      const inFolder = file ? [] : DIR_NAMES[fam].filter((n) => exists(join(os, path, n)));
      if (inFolder.length > 0) {
        return inFolder.map((name) => {
          const c: Candidate = { path: join(os, path, name), source: "DLAPACK_LIBRARY (folder)" };
          const preload = (PRELOAD[name] ?? []).map((n) => join(os, path, n)).filter(exists);
          return preload.length > 0 ? { ...c, preload } : c;
        });
      }
      const cached = os === "darwin" && /^\/(System\/Library|usr\/lib)\//.test(path);
      return bare || cached
        ? [{ path, source: "DLAPACK_LIBRARY", probeByOpening: true }]
        : [{ path, source: "DLAPACK_LIBRARY" }];
    });
  }

  const list: Candidate[] = [];
  const seen = new Set<string>();
  const key = (p: string) => (os === "windows" ? p.toLowerCase() : p);
  const add = (c: Candidate) => {
    if (seen.has(key(c.path))) return;
    seen.add(key(c.path));
    list.push(c);
  };
  const scan = (places: Place[]) => {
    for (const [source, dir, names] of places) {
      if (!dir) continue;
      for (const name of names) {
        const path = join(os, dir, name);
        if (!exists(path)) continue;
        const preload = (PRELOAD[name] ?? []).map((n) => join(os, dir, n)).filter(exists);
        add(preload.length > 0 ? { path, source, preload } : { path, source });
      }
    }
  };
  const envDirs = (source: string, value: string | undefined, sep: string): Place[] =>
    (value ?? "").split(sep).map((d) => d.trim().replace(/^"(.*)"$/, "$1"))
      .map((d): Place => [source, d, DIR_NAMES[fam]]);

  if (os === "windows" && input.exeDir) {
    scan([["the program's folder", input.exeDir, DIR_NAMES.windows]]);
  }
  if (env.CONDA_PREFIX) {
    const [source, dir] = os === "windows"
      ? ["conda (%CONDA_PREFIX%)", `${env.CONDA_PREFIX}\\Library\\bin`]
      : ["conda ($CONDA_PREFIX)", `${env.CONDA_PREFIX}/lib`];
    scan([[source, dir, DIR_NAMES[fam]]]);
  }
  if (env.VIRTUAL_ENV) {
    // pip's mkl (and intel-openmp) wheels put their libraries in the environment's lib/
    // (Windows: Library\bin\), beside nothing else of Python's.
    const [source, dir] = os === "windows"
      ? ["pip (%VIRTUAL_ENV%)", `${env.VIRTUAL_ENV}\\Library\\bin`]
      : ["pip ($VIRTUAL_ENV)", `${env.VIRTUAL_ENV}/lib`];
    scan([[source, dir, DIR_NAMES[fam]]]);
  }
  if (os === "windows") {
    scan(envDirs("PATH", env.PATH ?? env.Path, ";"));
    scan(windowsPlaces(arch, env));
  } else if (os === "darwin") {
    const [before, after] = darwinPlaces(arch, env);
    scan([...envDirs("DYLD_LIBRARY_PATH", env.DYLD_LIBRARY_PATH, ":"), ...before]);
    for (const path of ACCELERATE) add({ path, source: "Apple Accelerate", probeByOpening: true });
    scan(after);
  } else {
    scan([...envDirs("LD_LIBRARY_PATH", env.LD_LIBRARY_PATH, ":"), ...linuxPlaces(arch, env)]);
  }
  for (const path of LOADER_NAMES[fam]) {
    add({ path, source: "system loader", probeByOpening: true });
  }
  return list;
}

const CONDA = `conda install -c conda-forge liblapacke "libblas=*=*openblas"`;

/** Linux distributions: the file that gives one away, and its install line. */
const DISTROS: [file: string, hint: string][] = [
  [
    "/etc/debian_version",
    "Debian/Ubuntu: sudo apt-get install libopenblas0 (for LAPACKE also: sudo apt-get install liblapacke)",
  ],
  [
    "/etc/fedora-release",
    "Fedora/RHEL: sudo dnf install flexiblas-netlib, or: sudo dnf install openblas-openmp (EPEL on RHEL)",
  ],
  [
    "/etc/redhat-release",
    "Fedora/RHEL: sudo dnf install flexiblas-netlib, or: sudo dnf install openblas-openmp (EPEL on RHEL)",
  ],
  ["/etc/arch-release", "Arch: sudo pacman -S openblas"],
  ["/etc/alpine-release", "Alpine: apk add openblas (as root)"],
  [
    "/etc/NIXOS",
    "NixOS: nix-shell -p openblas, and put its lib on LD_LIBRARY_PATH (there is no ld.so cache):\n" +
    "  export LD_LIBRARY_PATH=$(nix-build '<nixpkgs>' -A openblas --no-out-link)/lib",
  ],
];

/**
 * The command(s) that install a LAPACK on this platform: by distribution on Linux (guessed
 * from `/etc/*-release` files; all of them when unknown), with the conda line first inside
 * an activated conda environment.
 *
 * @param input The platform, environment and a file-exists check.
 * @returns One or more lines of instructions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { installHint } from "./detect.ts";
 * const hint = installHint({ os: "linux", arch: "x64", env: {}, exists: (p) => p === "/etc/debian_version" });
 * assert.match(hint, /sudo apt-get install libopenblas0/);
 * assert.match(installHint({ os: "darwin", arch: "aarch64", env: {}, exists: () => false }), /brew install openblas/);
 * ```
 */
export function installHint(input: SearchInput): string {
  const { os, arch, env, exists } = input;
  const lines: string[] = [];
  if (os === "windows") {
    const [vcpkg, msys] = isArm64(arch)
      ? ["arm64-windows", "clang-aarch64"]
      : ["x64-windows", "ucrt-x86_64"];
    lines.push(
      ...(env.CONDA_PREFIX
        ? ["conda (this environment): conda install -c conda-forge openblas"]
        : []),
      "There is no winget or Chocolatey package for OpenBLAS; use one of:",
      ...(env.CONDA_PREFIX ? [] : ["conda: conda install -c conda-forge openblas"]),
      `vcpkg: vcpkg install openblas:${vcpkg} lapack-reference:${vcpkg}`,
      `MSYS2: pacman -S mingw-w64-${msys}-openblas`,
      "Intel oneMKL: pip install mkl (or the Intel oneAPI installer)",
      "OpenBLAS release: OpenBLAS-<version>-x64.zip from https://github.com/OpenMathLib/OpenBLAS/releases",
      "then set DLAPACK_LIBRARY to the DLL's full path if it is not on PATH",
    );
    return lines.join("\n");
  }
  if (env.CONDA_PREFIX) lines.push(`conda (this environment): ${CONDA}`);
  if (os === "darwin") {
    lines.push(
      "Apple Accelerate is built in and should load; if it did not:",
      "Homebrew: brew install openblas",
      "MacPorts: sudo port install OpenBLAS",
    );
  } else if (os === "linux") {
    const found = DISTROS.filter(([file]) => exists(file));
    lines.push(...new Set((found.length > 0 ? found : DISTROS).map(([, hint]) => hint)));
    if (found.length === 0 && !env.CONDA_PREFIX) lines.push(`conda: ${CONDA}`);
  } else {
    lines.push(
      "Install OpenBLAS (or reference LAPACK) with the system's package manager, e.g. FreeBSD: sudo pkg install openblas",
      "then set DLAPACK_LIBRARY to the library's full path if it is not found",
    );
  }
  return lines.join("\n");
}
