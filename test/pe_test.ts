import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { dllPlan, explainMissing, peImports } from "../ffi/pe.ts";
import type { DllWorld } from "../ffi/pe.ts";

/** A minimal PE file (PE32+ or PE32) whose import table names `imports`. */
function pe(imports: string[], pe32 = false): Uint8Array {
  const b = new Uint8Array(0x400 + 64 * imports.length);
  const v = new DataView(b.buffer);
  v.setUint16(0, 0x5a4d, true);
  v.setUint32(0x3c, 0x40, true);
  v.setUint32(0x40, 0x4550, true);
  v.setUint16(0x44, pe32 ? 0x14c : 0x8664, true);
  v.setUint16(0x46, 1, true); // one section
  const optSize = pe32 ? 224 : 240;
  v.setUint16(0x54, optSize, true);
  const opt = 0x58;
  v.setUint16(opt, pe32 ? 0x10b : 0x20b, true);
  const dirs = opt + (pe32 ? 96 : 112);
  v.setUint32(dirs - 4, 16, true);
  v.setUint32(dirs + 8, 0x1000, true); // the import directory's RVA: the section's start
  const sec = opt + optSize;
  b.set(new TextEncoder().encode(".idata"), sec);
  v.setUint32(sec + 8, b.length - 0x200, true);
  v.setUint32(sec + 12, 0x1000, true);
  v.setUint32(sec + 16, b.length - 0x200, true);
  v.setUint32(sec + 20, 0x200, true);
  let name = 0x200 + 20 * (imports.length + 1);
  imports.forEach((dll, i) => {
    v.setUint32(0x200 + 20 * i + 12, name - 0x200 + 0x1000, true);
    v.setUint32(0x200 + 20 * i + 16, 0x1000, true);
    b.set(new TextEncoder().encode(dll), name);
    name += dll.length + 1;
  });
  return b;
}

/** A Windows machine: files (case-insensitive) with their PE imports, and PATH. */
function world(files: Record<string, string[]>, path: string[] = []): DllWorld {
  const disk = new Map(Object.entries(files).map(([k, v]) => [k.toLowerCase(), pe(v)]));
  return {
    read: (p) => disk.get(p.toLowerCase()) ?? null,
    exists: (p) => disk.has(p.toLowerCase()),
    path,
    system: ["C:\\Windows\\System32", "C:\\Windows"],
  };
}

const LIB = "C:\\lib";
const SYS = {
  "C:\\Windows\\System32\\KERNEL32.dll": [],
  "C:\\Windows\\System32\\msvcrt.dll": [],
};
/** The MinGW reference LAPACK as cross-built by scripts/test-windows.sh. */
const MINGW = {
  ...SYS,
  [`${LIB}\\liblapack.dll`]: [
    "libblas.dll",
    "libgfortran-5.dll",
    "KERNEL32.dll",
    "msvcrt.dll",
    "libgcc_s_seh-1.dll",
  ],
  [`${LIB}\\libblas.dll`]: ["libgfortran-5.dll", "KERNEL32.dll", "msvcrt.dll"],
  [`${LIB}\\libgfortran-5.dll`]: [
    "libgcc_s_seh-1.dll",
    "libquadmath-0.dll",
    "api-ms-win-crt-runtime-l1-1-0.dll",
    "KERNEL32.dll",
  ],
  [`${LIB}\\libquadmath-0.dll`]: ["libgcc_s_seh-1.dll", "KERNEL32.dll"],
  [`${LIB}\\libgcc_s_seh-1.dll`]: ["KERNEL32.dll", "msvcrt.dll"],
};
const without = (name: string) =>
  Object.fromEntries(Object.entries(MINGW).filter(([k]) => !k.endsWith(`\\${name}`)));

describe("pe: the import table", () => {
  test("PE32+ and PE32 name their imports in order", () => {
    assert.deepEqual(peImports(pe(["libblas.dll", "KERNEL32.dll"])), [
      "libblas.dll",
      "KERNEL32.dll",
    ]);
    assert.deepEqual(peImports(pe(["msvcrt.dll"], true)), ["msvcrt.dll"]);
    assert.deepEqual(peImports(pe([])), []);
  });
  test("not a PE file, or a cut-off one: null, never a throw", () => {
    assert.equal(peImports(new Uint8Array(0)), null);
    assert.equal(peImports(new TextEncoder().encode("\x7fELF....")), null);
    const whole = pe(["libblas.dll"]);
    for (const n of [2, 0x40, 0x60, 0x150, 0x205]) {
      assert.equal(peImports(whole.subarray(0, n)), null);
    }
  });
});

describe("pe: dependencies beside a DLL", () => {
  test("the MinGW LAPACK: its runtime DLLs first, each after its own dependencies", () => {
    assert.deepEqual(dllPlan(`${LIB}\\liblapack.dll`, world(MINGW)), {
      beside: [
        `${LIB}\\libgcc_s_seh-1.dll`,
        `${LIB}\\libquadmath-0.dll`,
        `${LIB}\\libgfortran-5.dll`,
        `${LIB}\\libblas.dll`,
      ],
      missing: [],
    });
  });
  test("a dependency found nowhere is named, with the DLL that needs it", () => {
    assert.deepEqual(
      dllPlan(`${LIB}\\liblapack.dll`, world(without("libgfortran-5.dll"))).missing,
      [
        ["libgfortran-5.dll", "liblapack.dll"],
      ],
    );
    assert.deepEqual(
      dllPlan(`${LIB}\\liblapack.dll`, world(without("libquadmath-0.dll"))).missing,
      [["libquadmath-0.dll", "libgfortran-5.dll"]],
    );
  });
  test("a dependency on PATH or in the system folders is not missing", () => {
    const files = {
      ...without("libgfortran-5.dll"),
      "D:\\mingw\\bin\\libgfortran-5.dll": [],
    };
    assert.deepEqual(
      dllPlan(`${LIB}\\liblapack.dll`, world(files, ["D:\\mingw\\bin\\"])).missing,
      [],
    );
    assert.deepEqual(
      dllPlan(`${LIB}\\liblapack.dll`, world({ ...MINGW, ...SYS }, [])).missing,
      [],
    );
  });
  test("a dependency cycle ends", () => {
    const files = {
      "C:\\c\\a.dll": ["b.dll"],
      "C:\\c\\b.dll": ["a.dll", "c.dll"],
      "C:\\c\\c.dll": ["b.dll"],
    };
    assert.deepEqual(dllPlan("C:\\c\\a.dll", world(files)), {
      beside: ["C:\\c\\c.dll", "C:\\c\\b.dll"],
      missing: [],
    });
  });
  test("an unreadable DLL has no known dependencies", () => {
    assert.deepEqual(dllPlan("C:\\x\\liblapack.dll", world({})), { beside: [], missing: [] });
  });
});

describe("pe: messages a Windows user can act on", () => {
  test("names the missing DLL and where the library was found", () => {
    const msg = explainMissing("C:\\lib\\liblapack.dll", [["libgfortran-5.dll", "liblapack.dll"]]);
    assert.match(
      msg!,
      /^liblapack\.dll was found at C:\\lib but could not be loaded: it needs libgfortran-5\.dll, which is neither beside it nor on PATH \(it is a MinGW runtime DLL/,
    );
    assert.doesNotMatch(msg!, /[\r\n]|\.$/);
    assert.equal(explainMissing("C:\\lib\\liblapack.dll", []), null);
  });
  test("MSYS2's libopenblas.dll without libgfortran: the pacman line of its own subsystem", () => {
    const msg = explainMissing("C:\\msys64\\ucrt64\\bin\\libopenblas.dll", [
      ["libgfortran-5.dll", "libopenblas.dll"],
      ["libquadmath-0.dll", "libgfortran-5.dll"],
    ]);
    assert.match(
      msg!,
      /it needs libgfortran-5\.dll and libquadmath-0\.dll \(for libgfortran-5\.dll\), which are neither/,
    );
    assert.match(
      msg!,
      /pacman -S mingw-w64-ucrt-x86_64-gcc-libs mingw-w64-ucrt-x86_64-gcc-libgfortran/,
    );
    const mingw64 = explainMissing("C:\\msys64\\mingw64\\bin\\libopenblas.dll", [
      ["libgfortran-5.dll", "libopenblas.dll"],
    ]);
    assert.match(mingw64!, /mingw-w64-x86_64-gcc-libgfortran/);
  });
  test("vcpkg, MKL and MSVC runtimes get their own hints", () => {
    const m = (dep: string) => explainMissing("C:\\x\\lapack.dll", [[dep, "lapack.dll"]])!;
    assert.match(m("openblas.dll"), /vcpkg install openblas/);
    assert.match(m("libiomp5md.dll"), /MKL_THREADING_LAYER=SEQUENTIAL/);
    assert.match(m("VCRUNTIME140.dll"), /Visual C\+\+ Redistributable/);
  });
});
