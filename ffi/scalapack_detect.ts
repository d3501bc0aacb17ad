/**
 * Where to look for ScaLAPACK and MPI, as a pure function of (os, env, exists), like
 * `detect.ts` for LAPACK: no runtime API is touched, so every list is testable anywhere.
 *
 * ScaLAPACK (with BLACS inside, as every current build has it), first to last:
 * 1. `DLAPACK_SCALAPACK`, when set, is the whole list.
 * 2. `$CONDA_PREFIX/lib` (conda-forge's `scalapack`), then `LD_LIBRARY_PATH`/`DYLD_LIBRARY_PATH`.
 * 3. Distribution packages: Debian/Ubuntu `libscalapack-openmpi` before `libscalapack-mpich`,
 *    Fedora/RHEL's per-MPI directories, Homebrew and /usr/local.
 * 4. Bare names for the system loader.
 *
 * MPI follows the ScaLAPACK that was found: `DLAPACK_MPI` when set, else the same family
 * (OpenMPI's `libmpi.so.40`, MPICH's `libmpich.so.12`/`libmpi.so.12`) beside it, then the
 * usual places.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scalapackSearchList } from "./scalapack_detect.ts";
 * const list = scalapackSearchList({ os: "linux", arch: "x86_64", env: {}, exists: () => true });
 * assert.equal(list[0].path, "/usr/lib/x86_64-linux-gnu/libscalapack-openmpi.so.2.2");
 * ```
 *
 * @module
 */
import type { Candidate, SearchInput } from "./detect.ts";
import { splitLibraryList } from "./detect.ts";

function multiarch(arch: string): string {
  return arch === "aarch64" || arch === "arm64" ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
}

function envDirs(input: SearchInput): { dir: string; source: string }[] {
  const out: { dir: string; source: string }[] = [];
  const conda = input.env.CONDA_PREFIX;
  if (conda) out.push({ dir: `${conda}/lib`, source: "CONDA_PREFIX" });
  const ld = input.os === "darwin" ? "DYLD_LIBRARY_PATH" : "LD_LIBRARY_PATH";
  for (const d of (input.env[ld] ?? "").split(":")) if (d) out.push({ dir: d, source: ld });
  return out;
}

function keepExisting(input: SearchInput, list: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    if (seen.has(c.path)) return false;
    seen.add(c.path);
    return c.probeByOpening === true || input.exists(c.path);
  });
}

/**
 * The ScaLAPACK libraries to try, in order (see the module doc).
 *
 * @param input The platform, the environment and a file test.
 * @returns The candidates that exist (bare names are always kept, for the loader to resolve).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scalapackSearchList } from "./scalapack_detect.ts";
 * const env = { DLAPACK_SCALAPACK: "/opt/sl/libscalapack.so" };
 * const list = scalapackSearchList({ os: "linux", arch: "x86_64", env, exists: () => false });
 * assert.deepEqual(list.map((c) => c.source), ["DLAPACK_SCALAPACK"]);
 * ```
 */
export function scalapackSearchList(input: SearchInput): Candidate[] {
  const forced = input.env.DLAPACK_SCALAPACK;
  if (forced) {
    return splitLibraryList(forced, input.os).map((path) => ({
      path,
      source: "DLAPACK_SCALAPACK",
      probeByOpening: true,
    }));
  }
  const dylib = input.os === "darwin";
  const list: Candidate[] = [];
  for (const { dir, source } of envDirs(input)) {
    const names = dylib
      ? ["libscalapack.dylib"]
      : ["libscalapack.so", "libscalapack-openmpi.so", "libscalapack-mpich.so"];
    for (const n of names) list.push({ path: `${dir}/${n}`, source });
  }
  if (dylib) {
    list.push(
      { path: "/opt/homebrew/lib/libscalapack.dylib", source: "Homebrew (Apple Silicon)" },
      { path: "/usr/local/lib/libscalapack.dylib", source: "Homebrew (Intel) or /usr/local" },
    );
    return keepExisting(input, list);
  }
  const deb = `/usr/lib/${multiarch(input.arch)}`;
  for (const flavour of ["openmpi", "mpich"]) {
    for (const v of ["2.2", "2.1", "2.0"]) {
      list.push({ path: `${deb}/libscalapack-${flavour}.so.${v}`, source: `Debian/Ubuntu` });
    }
    list.push({ path: `${deb}/libscalapack-${flavour}.so`, source: "Debian/Ubuntu" });
  }
  list.push(
    { path: "/usr/lib64/openmpi/lib/libscalapack.so.2", source: "Fedora/RHEL (openmpi)" },
    { path: "/usr/lib64/mpich/lib/libscalapack.so.2", source: "Fedora/RHEL (mpich)" },
    { path: "/usr/local/lib/libscalapack.so", source: "/usr/local" },
    { path: "libscalapack-openmpi.so.2.2", source: "system loader", probeByOpening: true },
    { path: "libscalapack.so", source: "system loader", probeByOpening: true },
  );
  return keepExisting(input, list);
}

/**
 * The MPI libraries to try, given the ScaLAPACK that was found (its MPI family first).
 *
 * @param input The platform, the environment and a file test.
 * @param scalapackPath The path of the ScaLAPACK library in use.
 * @returns The candidates.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mpiSearchList } from "./scalapack_detect.ts";
 * const input = { os: "linux", arch: "x86_64", env: {}, exists: () => true };
 * const list = mpiSearchList(input, "/usr/lib/x86_64-linux-gnu/libscalapack-mpich.so.2.2");
 * assert.equal(list[0].path, "/usr/lib/x86_64-linux-gnu/libmpich.so.12");
 * ```
 */
export function mpiSearchList(input: SearchInput, scalapackPath: string): Candidate[] {
  const forced = input.env.DLAPACK_MPI;
  if (forced) {
    return splitLibraryList(forced, input.os).map((path) => ({
      path,
      source: "DLAPACK_MPI",
      probeByOpening: true,
    }));
  }
  const dylib = input.os === "darwin";
  const mpich = /mpich/i.test(scalapackPath);
  const names = dylib
    ? (mpich ? ["libmpi.12.dylib", "libmpi.40.dylib"] : ["libmpi.40.dylib", "libmpi.12.dylib"])
    : mpich
    ? ["libmpich.so.12", "libmpi.so.12", "libmpi.so.40"]
    : ["libmpi.so.40", "libmpich.so.12", "libmpi.so.12"];
  const slash = scalapackPath.lastIndexOf("/");
  const dirs: { dir: string; source: string }[] = [];
  if (slash > 0) dirs.push({ dir: scalapackPath.slice(0, slash), source: "beside ScaLAPACK" });
  dirs.push(...envDirs(input));
  if (dylib) dirs.push({ dir: "/opt/homebrew/lib", source: "Homebrew" });
  else {
    dirs.push(
      { dir: `/usr/lib/${multiarch(input.arch)}`, source: "Debian/Ubuntu" },
      { dir: mpich ? "/usr/lib64/mpich/lib" : "/usr/lib64/openmpi/lib", source: "Fedora/RHEL" },
    );
  }
  const list: Candidate[] = [];
  for (const { dir, source } of dirs) {
    for (const n of names) list.push({ path: `${dir}/${n}`, source });
  }
  for (const n of names) list.push({ path: n, source: "system loader", probeByOpening: true });
  return keepExisting(input, list);
}

/**
 * The install command for ScaLAPACK and MPI on a platform.
 *
 * @param os The platform.
 * @returns One or more lines.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scalapackInstallHint } from "./scalapack_detect.ts";
 * assert.match(scalapackInstallHint("linux"), /libscalapack-openmpi-dev openmpi-bin/);
 * ```
 */
export function scalapackInstallHint(os: string): string {
  const conda = "conda install -c conda-forge scalapack openmpi (or mpich)";
  if (os === "darwin") return `brew install scalapack open-mpi\nor: ${conda}`;
  if (os === "windows") {
    return `ScaLAPACK over MPI is not packaged for Windows: use WSL2 (apt-get install libscalapack-openmpi-dev openmpi-bin)\nor: ${conda}`;
  }
  return [
    "Debian/Ubuntu: apt-get install libscalapack-openmpi-dev openmpi-bin",
    "Fedora/RHEL: dnf install scalapack-openmpi openmpi (then module load mpi/openmpi)",
    `conda: ${conda}`,
  ].join("\n");
}
