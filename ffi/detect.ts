/**
 * Where to look for LAPACK, per platform: a pure function of (os, arch, env, exists), so the
 * search for macOS and Windows is tested on Linux with a simulated filesystem. Proving a
 * candidate (symbols, vendor, integer width) is `probe.ts`'s job.
 *
 * Order: `DLAPACK_LIBRARY` alone when set; else conda, then the loader's path variables, then
 * the platform's known places (fast OpenBLAS/MKL before reference LAPACK, LP64 before its
 * ILP64 sibling), then bare names for the system loader. On macOS, Accelerate comes after
 * Homebrew, MacPorts and conda (a user who installed OpenBLAS wants it) and is always listed,
 * to be opened: it lives in the dyld shared cache, not on disk.
 *
 * @module
 */

/** The platform name as Deno spells it ("linux", "darwin", "windows", ...). */
export type OS = "linux" | "darwin" | "windows" | string;

/** One place to try. */
export interface Candidate {
  /** An absolute path, or a bare name for the OS loader to resolve. */
  path: string;
  /** Why it is on the list, e.g. "DLAPACK_LIBRARY", "Homebrew (Apple Silicon)". */
  source: string;
  /** True when it must simply be opened (not on disk: Accelerate, loader names). */
  probeByOpening?: boolean;
  /** Libraries to open first (vcpkg's lapack.dll needs openblas.dll). */
  preload?: string[];
}

/** The inputs of the search. */
export interface SearchInput {
  os: OS;
  arch: string;
  env: Record<string, string | undefined>;
  exists: (path: string) => boolean;
}

const ACCELERATE = [
  "/System/Library/Frameworks/Accelerate.framework/Accelerate",
  "/System/Library/Frameworks/Accelerate.framework/Versions/A/Frameworks/vecLib.framework/Versions/A/libLAPACK.dylib",
];

const TRIPLETS: Record<string, string> = {
  x86_64: "x86_64-linux-gnu",
  x64: "x86_64-linux-gnu",
  aarch64: "aarch64-linux-gnu",
  arm64: "aarch64-linux-gnu",
  ppc64le: "powerpc64le-linux-gnu",
  ppc64: "powerpc64le-linux-gnu",
  s390x: "s390x-linux-gnu",
  riscv64: "riscv64-linux-gnu",
  arm: "arm-linux-gnueabihf",
};

// Library file names by kind, best first; LP64 before ILP64.
const LINUX_NAMES = [
  "libopenblas.so.0", "libopenblas.so.3", "libopenblas.so", "libmkl_rt.so.2", "libmkl_rt.so",
  "libflexiblas.so.3", "liblapack.so.3", "liblapack.so", "libopenblas64_.so.0", "libopenblas64_.so.3",
  "libopenblas64.so.0",
];
const MAC_NAMES = ["libopenblas.dylib", "libopenblas.0.dylib", "liblapack.dylib", "liblapack.3.dylib", "libmkl_rt.2.dylib", "liblapacke.dylib"];
const WIN_NAMES = ["libopenblas.dll", "openblas.dll", "mkl_rt.3.dll", "mkl_rt.2.dll", "liblapack.dll", "lapack.dll"];

/**
 * Splits a `DLAPACK_LIBRARY` value: the platform's path-list separator (":" on posix, ";" on
 * Windows) or ",", empty entries dropped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitLibraryList } from "./detect.ts";
 * assert.deepEqual(splitLibraryList("/a/libx.so:/b/liby.so", "linux"), ["/a/libx.so", "/b/liby.so"]);
 * assert.deepEqual(splitLibraryList("C:\\x\\openblas.dll;mkl_rt.2.dll", "windows"), ["C:\\x\\openblas.dll", "mkl_rt.2.dll"]);
 * ```
 */
export function splitLibraryList(value: string, os: OS): string[] {
  return value.split(os === "windows" ? /[;,]/ : /[:,]/).map((s) => s.trim()).filter((s) => s !== "");
}

function join(os: OS, dir: string, name: string): string {
  const sep = os === "windows" ? "\\" : "/";
  return dir.endsWith("/") || dir.endsWith("\\") ? dir + name : dir + sep + name;
}

/**
 * The ordered, de-duplicated list of candidates for this platform.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { searchList } from "./detect.ts";
 * const files = new Set(["/opt/homebrew/opt/openblas/lib/libopenblas.dylib"]);
 * const list = searchList({ os: "darwin", arch: "aarch64", env: {}, exists: (p) => files.has(p) });
 * assert.equal(list[0].path, "/opt/homebrew/opt/openblas/lib/libopenblas.dylib");
 * assert.ok(list.some((c) => c.path.endsWith("Accelerate") && c.probeByOpening));
 * ```
 */
export function searchList(input: SearchInput): Candidate[] {
  const { os, env, exists } = input;
  const override = env.DLAPACK_LIBRARY;
  if (override !== undefined && override.trim() !== "") {
    return splitLibraryList(override, os).map((path) => ({ path, source: "DLAPACK_LIBRARY" }));
  }
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const key = (p: string) => (os === "windows" ? p.toLowerCase() : p);
  const add = (path: string, source: string, extra: Partial<Candidate> = {}) => {
    if (seen.has(key(path))) return;
    seen.add(key(path));
    out.push({ path, source, ...extra });
  };
  const addIfExists = (path: string, source: string, extra: Partial<Candidate> = {}) => {
    if (exists(path)) add(path, source, extra);
  };
  const dirs = (dirList: (string | undefined)[], names: string[], source: string) => {
    for (const d of dirList) if (d) for (const n of names) addIfExists(join(os, d, n), source);
  };
  const conda = env.CONDA_PREFIX;

  if (os === "windows") {
    if (conda) dirs([join(os, conda, "Library\\bin")], WIN_NAMES, "conda (%CONDA_PREFIX%)");
    const path = env.PATH ?? env.Path ?? "";
    dirs(path.split(";"), WIN_NAMES, "PATH");
    const mkl = env.MKLROOT;
    if (mkl) dirs([join(os, mkl, "bin"), join(os, mkl, "redist\\intel64")], ["mkl_rt.3.dll", "mkl_rt.2.dll"], "Intel oneMKL (%MKLROOT%)");
    for (const root of [env.VCPKG_ROOT, "C:\\vcpkg", "C:\\src\\vcpkg"]) {
      if (!root) continue;
      const bin = join(os, root, "installed\\x64-windows\\bin");
      const openblas = join(os, bin, "openblas.dll");
      // vcpkg's openblas has no LAPACK: lapack.dll (lapack-reference) over openblas.dll.
      if (exists(join(os, bin, "lapack.dll"))) {
        add(join(os, bin, "lapack.dll"), "vcpkg", exists(openblas) ? { preload: [openblas] } : {});
      }
    }
    for (const root of [env.MSYS2_ROOT, "C:\\msys64"]) {
      if (root) dirs(["ucrt64", "mingw64", "clang64"].map((e) => join(os, root, `${e}\\bin`)), ["libopenblas.dll", "liblapack.dll"], "MSYS2");
    }
    addIfExists("C:\\OpenBLAS\\bin\\libopenblas.dll", "OpenBLAS release zip");
    dirs(
      [
        "C:\\Program Files (x86)\\Intel\\oneAPI\\mkl\\latest\\bin",
        "C:\\Program Files\\Intel\\oneAPI\\mkl\\latest\\bin",
      ],
      ["mkl_rt.3.dll", "mkl_rt.2.dll"],
      "Intel oneMKL",
    );
    for (const n of WIN_NAMES) add(n, "system loader", { probeByOpening: true });
    return out;
  }

  if (os === "darwin") {
    if (conda) dirs([join(os, conda, "lib")], MAC_NAMES, "conda ($CONDA_PREFIX)");
    dirs((env.DYLD_LIBRARY_PATH ?? "").split(":"), MAC_NAMES, "DYLD_LIBRARY_PATH");
    if (env.HOMEBREW_PREFIX) dirs([join(os, env.HOMEBREW_PREFIX, "opt/openblas/lib")], ["libopenblas.dylib"], "Homebrew ($HOMEBREW_PREFIX)");
    addIfExists("/opt/homebrew/opt/openblas/lib/libopenblas.dylib", "Homebrew (Apple Silicon)");
    addIfExists("/usr/local/opt/openblas/lib/libopenblas.dylib", "Homebrew (Intel)");
    addIfExists("/opt/local/lib/libopenblas.dylib", "MacPorts");
    addIfExists("/opt/homebrew/opt/lapack/lib/liblapack.dylib", "Homebrew lapack (Apple Silicon)");
    addIfExists("/usr/local/opt/lapack/lib/liblapack.dylib", "Homebrew lapack (Intel)");
    addIfExists("/opt/local/lib/lapack/liblapack.dylib", "MacPorts lapack");
    for (const p of ACCELERATE) add(p, "Apple Accelerate", { probeByOpening: true });
    addIfExists("/opt/homebrew/opt/lapack/lib/liblapacke.dylib", "Homebrew lapack LAPACKE (Apple Silicon)");
    addIfExists("/usr/local/opt/lapack/lib/liblapacke.dylib", "Homebrew lapack LAPACKE (Intel)");
    return out;
  }

  // Linux and other Unix.
  if (conda) dirs([join(os, conda, "lib")], LINUX_NAMES, "conda ($CONDA_PREFIX)");
  dirs((env.LD_LIBRARY_PATH ?? "").split(":"), LINUX_NAMES, "LD_LIBRARY_PATH");
  const triplet = TRIPLETS[input.arch] ?? `${input.arch}-linux-gnu`;
  const deb = `/usr/lib/${triplet}`;
  const debian: [string, string][] = [
    ["libopenblas.so.0", "Debian/Ubuntu multiarch"],
    ["openblas-pthread/libopenblas.so.0", "Debian/Ubuntu OpenBLAS (pthread)"],
    ["openblas-openmp/libopenblas.so.0", "Debian/Ubuntu OpenBLAS (OpenMP)"],
    ["openblas-serial/libopenblas.so.0", "Debian/Ubuntu OpenBLAS (serial)"],
    ["libmkl_rt.so", "Debian/Ubuntu intel-mkl"],
    ["liblapack.so.3", "Debian/Ubuntu liblapack.so.3 (update-alternatives)"],
    ["atlas/liblapack.so.3", "Debian/Ubuntu ATLAS"],
    ["lapack/liblapack.so.3", "Debian/Ubuntu reference LAPACK"],
    ["libopenblas64.so.0", "Debian/Ubuntu OpenBLAS ILP64"],
    ["openblas64-pthread/libopenblas64.so.0", "Debian/Ubuntu OpenBLAS ILP64 (pthread)"],
    ["openblas64-openmp/libopenblas64.so.0", "Debian/Ubuntu OpenBLAS ILP64 (OpenMP)"],
    ["openblas64-serial/libopenblas64.so.0", "Debian/Ubuntu OpenBLAS ILP64 (serial)"],
    ["libflame.so.1", "Debian/Ubuntu libFLAME"],
  ];
  for (const [f, source] of debian) addIfExists(`${deb}/${f}`, source);
  const fedora: [string, string][] = [
    ["/usr/lib64/libflexiblas.so.3", "Fedora/RHEL FlexiBLAS"],
    ["/usr/lib64/libopenblaso.so.0", "Fedora/RHEL OpenBLAS (OpenMP)"],
    ["/usr/lib64/libopenblasp.so.0", "Fedora/RHEL OpenBLAS (pthreads)"],
    ["/usr/lib64/libopenblas.so.0", "Fedora/RHEL OpenBLAS (serial)"],
    ["/usr/lib64/liblapack.so.3", "Fedora/RHEL reference LAPACK"],
    ["/usr/lib64/libopenblaso64_.so.0", "Fedora/RHEL OpenBLAS ILP64 (OpenMP)"],
    ["/usr/lib64/libopenblas64_.so.0", "Fedora/RHEL OpenBLAS ILP64"],
  ];
  for (const [p, source] of fedora) addIfExists(p, source);
  const others: [string, string][] = [
    ["/usr/lib/libopenblas.so.0", "Arch"],
    ["/usr/lib/libopenblas.so.3", "Alpine"],
    ["/usr/lib/libopenblas.so", "Arch/Alpine"],
    ["/usr/lib/liblapack.so.3", "Arch/Alpine reference LAPACK"],
    ["/usr/lib/libopenblas64_.so.3", "Alpine OpenBLAS ILP64"],
    ["/usr/local/lib/libopenblas.so.0", "/usr/local"],
    ["/usr/local/lib/libopenblas.so", "/usr/local"],
    ["/opt/OpenBLAS/lib/libopenblas.so", "OpenBLAS make install"],
  ];
  for (const [p, source] of others) addIfExists(p, source);
  for (const root of [env.MKLROOT, "/opt/intel/oneapi/mkl/latest"]) {
    if (root) dirs([join(os, root, "lib"), join(os, root, "lib/intel64")], ["libmkl_rt.so.2", "libmkl_rt.so"], "Intel oneMKL");
  }
  for (const n of ["libopenblas.so.0", "libopenblas.so", "liblapack.so.3", "libflexiblas.so.3", "libmkl_rt.so.2"]) {
    add(n, "system loader", { probeByOpening: true });
  }
  return out;
}

/**
 * The exact install command(s) for this platform (multi-line).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { installHint } from "./detect.ts";
 * const hint = installHint({ os: "linux", arch: "x86_64", env: {}, exists: (p) => p === "/etc/debian_version" });
 * assert.match(hint, /sudo apt-get install libopenblas0/);
 * ```
 */
export function installHint(input: SearchInput): string {
  const { os, env, exists } = input;
  const conda = `conda install -c conda-forge liblapacke "libblas=*=*openblas"`;
  const lines: string[] = [];
  if (env.CONDA_PREFIX) lines.push(`${conda}    (conda environment ${env.CONDA_PREFIX})`);
  if (os === "darwin") {
    lines.push(
      "Apple Accelerate is built in and should load; if it did not:",
      "brew install openblas    (Homebrew)",
      "sudo port install OpenBLAS    (MacPorts)",
    );
  } else if (os === "windows") {
    lines.push(
      "conda install -c conda-forge openblas    (conda)",
      "vcpkg install openblas:x64-windows lapack-reference:x64-windows    (vcpkg)",
      "pacman -S mingw-w64-ucrt-x86_64-openblas    (MSYS2 UCRT64)",
      "pip install mkl    (Intel oneMKL; or Intel's installer)",
      "There is no winget package for OpenBLAS. Then set DLAPACK_LIBRARY to the DLL's full path if it is not on PATH.",
    );
  } else {
    const distros: [string, string[]][] = [
      ["/etc/debian_version", ["sudo apt-get install libopenblas0    (LAPACKE too: sudo apt-get install liblapacke)"]],
      ["/etc/fedora-release", ["sudo dnf install flexiblas-netlib    (or: sudo dnf install openblas-openmp)"]],
      ["/etc/redhat-release", ["sudo dnf install flexiblas-netlib    (or: sudo dnf install openblas-openmp, from EPEL on RHEL)"]],
      ["/etc/arch-release", ["sudo pacman -S openblas"]],
      ["/etc/alpine-release", ["sudo apk add openblas"]],
      ["/etc/NIXOS", ["nix-shell -p openblas    (then put its lib/ directory on LD_LIBRARY_PATH, or use nix-ld)"]],
    ];
    const found = distros.find(([f]) => exists(f));
    if (found) lines.push(...found[1]);
    else {
      lines.push(
        "Debian/Ubuntu: sudo apt-get install libopenblas0",
        "Fedora/RHEL: sudo dnf install flexiblas-netlib",
        "Arch: sudo pacman -S openblas",
        "Alpine: sudo apk add openblas",
        `conda: ${conda}`,
      );
    }
  }
  return lines.join("\n");
}
