/**
 * Windows DLLs and their dependencies, as pure functions over file bytes and a fake-able
 * filesystem: the import table of a PE file, the order in which a DLL's dependencies that sit
 * beside it must be opened so that a DLL loaded by full path from a folder that is not on
 * `PATH` finds them (Windows does not search a DLL's own folder for its imports), and which
 * dependencies are found nowhere.
 *
 * @module
 */

/**
 * The DLL names a PE file (`.dll`, `.exe`) imports, in the order of its import table; null
 * when the bytes are not a PE file. Delay-loaded imports are not listed: they cannot stop a
 * load.
 *
 * @param bytes The file's contents.
 * @returns The imported DLL names as written in the file, or null.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { peImports } from "./pe.ts";
 * assert.equal(peImports(new TextEncoder().encode("not a DLL")), null);
 * ```
 */
export function peImports(bytes: Uint8Array): string[] | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => (o + 2 <= v.byteLength ? v.getUint16(o, true) : -1);
  const u32 = (o: number) => (o + 4 <= v.byteLength ? v.getUint32(o, true) : -1);
  if (u16(0) !== 0x5a4d) return null; // "MZ"
  const pe = u32(0x3c);
  if (pe < 0 || u32(pe) !== 0x4550) return null; // "PE\0\0"
  const sections = u16(pe + 6);
  const optSize = u16(pe + 20);
  const opt = pe + 24;
  const magic = u16(opt);
  if (magic !== 0x10b && magic !== 0x20b) return null; // PE32, PE32+
  if (opt + optSize + 40 * sections > v.byteLength) return null; // cut off
  const dirs = opt + (magic === 0x20b ? 112 : 96);
  if (u32(dirs - 4) < 2) return [];
  const importRva = u32(dirs + 8);
  if (importRva <= 0) return [];
  const table = opt + optSize;
  const offset = (rva: number): number => {
    for (let i = 0; i < sections; i++) {
      const s = table + 40 * i;
      const size = Math.max(u32(s + 8), u32(s + 16));
      const va = u32(s + 12);
      if (va >= 0 && rva >= va && rva < va + size) return rva - va + u32(s + 20);
    }
    return -1;
  };
  const names: string[] = [];
  let d = offset(importRva);
  if (d < 0) return null;
  for (; names.length < 4096; d += 20) {
    if (d + 20 > v.byteLength) return null; // cut off before the table's end
    const nameRva = u32(d + 12);
    if (nameRva === 0 && u32(d) === 0 && u32(d + 16) === 0) break;
    const o = offset(nameRva);
    if (o < 0) return null;
    const end = bytes.indexOf(0, o);
    if (end < 0) return null;
    names.push(String.fromCharCode(...bytes.subarray(o, Math.min(end, o + 260))));
  }
  return names;
}

/** What the dependency walk needs: file access, fake-able in tests. */
export interface DllWorld {
  /** The file's bytes, or null when it cannot be read. */
  read(path: string): Uint8Array | null;
  /** Whether a file exists. */
  exists(path: string): boolean;
  /** The folders of `PATH`. */
  path: readonly string[];
  /** The system folders (`%SystemRoot%\System32`, `%SystemRoot%`). */
  system: readonly string[];
}

/** A DLL's dependencies, as far as its folder, `PATH` and the system folders tell. */
export interface DllPlan {
  /** Dependencies found beside it, to open first, in this order (dependencies first). */
  beside: string[];
  /** Dependencies found nowhere: `[needed, neededBy]` (file names). */
  missing: [needed: string, by: string][];
}

/** The folder and file name of a Windows path. */
export function splitWindowsPath(path: string): [dir: string, name: string] {
  const i = Math.max(path.lastIndexOf("\\"), path.lastIndexOf("/"));
  return i < 0 ? ["", path] : [path.slice(0, i), path.slice(i + 1)];
}

/** API sets (`api-ms-win-*`, `ext-ms-*`) are resolved by the loader, never files. */
const isApiSet = (name: string) => /^(api|ext)-ms-/i.test(name);

/**
 * Walks a DLL's import table, and its dependencies' that sit beside it, and lists the ones
 * beside it in the order to open them (each after its own dependencies), and those found
 * neither beside it, nor on `PATH`, nor in the system folders.
 *
 * @param dll The DLL's full path.
 * @param world File access.
 * @returns The plan; an unreadable file has no known dependencies.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dllPlan } from "./pe.ts";
 * const world = { read: () => null, exists: () => false, path: [], system: [] };
 * assert.deepEqual(dllPlan("C:\\lib\\liblapack.dll", world), { beside: [], missing: [] });
 * ```
 */
export function dllPlan(dll: string, world: DllWorld): DllPlan {
  const [dir, self] = splitWindowsPath(dll);
  const join = (d: string, n: string) => `${d.replace(/[\\/]+$/, "")}\\${n}`;
  const importsOf = (file: string) => {
    const bytes = world.read(file);
    return (bytes === null ? null : peImports(bytes))?.filter((d) => !isApiSet(d)) ?? [];
  };
  const beside = (dep: string) => dir !== "" && world.exists(join(dir, dep));
  const elsewhere = (dep: string) =>
    [...world.path, ...world.system].some((d) => d !== "" && world.exists(join(d, dep)));
  const missing = new Map<string, [string, string]>();
  const note = (dep: string, by: string) => {
    if (!missing.has(dep.toLowerCase())) missing.set(dep.toLowerCase(), [dep, by]);
  };
  const top = importsOf(dll);
  // The DLL itself is named as the one that needs what it imports directly.
  for (const dep of top) if (!beside(dep) && !elsewhere(dep)) note(dep, self);
  const order: string[] = [];
  const visited = new Set<string>([self.toLowerCase()]);
  const visit = (imports: string[], name: string) => {
    for (const dep of imports) {
      if (beside(dep)) {
        if (visited.has(dep.toLowerCase())) continue;
        visited.add(dep.toLowerCase());
        visit(importsOf(join(dir, dep)), dep); // its own dependencies first
        order.push(join(dir, dep));
      } else if (!elsewhere(dep)) note(dep, name);
    }
  };
  visit(top, self);
  return { beside: order, missing: [...missing.values()] };
}

/** Where a missing runtime DLL usually comes from, and how to get it. */
const RUNTIMES: [pattern: RegExp, hint: (found: string) => string][] = [
  [/^lib(gfortran|quadmath|gcc_s|winpthread|gomp|stdc\+\+)[-\w]*\.dll$/i, (found) => {
    const msys = /\\msys64\\(\w+)\\bin\\/i.exec(found)?.[1]?.toLowerCase();
    const pkg = { ucrt64: "ucrt-x86_64", mingw64: "x86_64", clang64: "clang-x86_64" }[msys ?? ""];
    return pkg !== undefined
      ? `MSYS2: pacman -S mingw-w64-${pkg}-gcc-libs mingw-w64-${pkg}-gcc-libgfortran, or add ${
        splitWindowsPath(found)[0]
      } to PATH`
      : "it is a MinGW runtime DLL: copy it beside the library from the MinGW/MSYS2 that built it (e.g. C:\\msys64\\ucrt64\\bin), or add that folder to PATH";
  }],
  [
    /^openblas\.dll$/i,
    () => "vcpkg: vcpkg install openblas:x64-windows, or put openblas.dll beside it",
  ],
  [
    /^(libiomp5md|tbb\d*)\.dll$/i,
    () =>
      "Intel OpenMP: pip install intel-openmp (or the oneAPI installer), or set MKL_THREADING_LAYER=SEQUENTIAL",
  ],
  [/^mkl_\w+\.dll$/i, () => "it is part of Intel oneMKL: reinstall MKL (pip install mkl)"],
  [
    /^(vcruntime|msvcp)\d+(_\d+)?\.dll$/i,
    () => "install the Microsoft Visual C++ Redistributable (x64)",
  ],
  [
    /^lib(blas|cblas|lapack)\.dll$/i,
    () => "it belongs to the same build: copy it from where the library came from",
  ],
];

/**
 * The message for a DLL that is on disk but would not load, naming what it lacks and how to
 * get it; null when nothing is known to be missing.
 *
 * @param dll The DLL's full path.
 * @param missing The plan's missing dependencies.
 * @returns The message, or null.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { explainMissing } from "./pe.ts";
 * assert.equal(
 *   explainMissing("C:\\lib\\liblapack.dll", [["libgfortran-5.dll", "liblapack.dll"]]),
 *   "liblapack.dll was found at C:\\lib but could not be loaded: it needs libgfortran-5.dll, which is neither beside it nor on PATH (it is a MinGW runtime DLL: copy it beside the library from the MinGW/MSYS2 that built it (e.g. C:\\msys64\\ucrt64\\bin), or add that folder to PATH)",
 * );
 * ```
 */
export function explainMissing(dll: string, missing: DllPlan["missing"]): string | null {
  if (missing.length === 0) return null;
  const [dir, self] = splitWindowsPath(dll);
  const needs = missing.map(([dep, by]) =>
    by.toLowerCase() === self.toLowerCase() ? dep : `${dep} (for ${by})`
  );
  const list = needs.length === 1
    ? needs[0]
    : `${needs.slice(0, -1).join(", ")} and ${needs[needs.length - 1]}`;
  const hints = [
    ...new Set(
      missing.map(([dep]) => RUNTIMES.find(([p]) => p.test(dep))?.[1](dll)).filter((h) => !!h),
    ),
  ];
  return `${self} was found at ${dir} but could not be loaded: it needs ${list}, which ${
    needs.length === 1 ? "is" : "are"
  } neither beside it nor on PATH${hints.length > 0 ? ` (${hints.join("; ")})` : ""}`;
}
