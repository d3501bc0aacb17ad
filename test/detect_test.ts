import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { installHint, searchList, splitLibraryList } from "../ffi/detect.ts";
import type { SearchInput } from "../ffi/detect.ts";

const fs = (os: string, files: string[], env: Record<string, string> = {}, arch = "x86_64"): SearchInput => {
  const set = new Set(os === "windows" ? files.map((f) => f.toLowerCase()) : files);
  return { os, arch, env, exists: (p) => set.has(os === "windows" ? p.toLowerCase() : p) };
};
const paths = (i: SearchInput) => searchList(i).filter((c) => c.source !== "system loader").map((c) => c.path);

describe("detect: Linux", () => {
  const D = "/usr/lib/x86_64-linux-gnu";
  test("Debian multiarch: OpenBLAS before reference and ATLAS, LP64 before ILP64", () => {
    const list = paths(fs("linux", [
      `${D}/openblas64-pthread/libopenblas64.so.0`, `${D}/lapack/liblapack.so.3`, `${D}/atlas/liblapack.so.3`,
      `${D}/openblas-serial/libopenblas.so.0`, `${D}/openblas-pthread/libopenblas.so.0`, `${D}/libopenblas.so.0`,
    ]));
    assert.deepEqual(list, [
      `${D}/libopenblas.so.0`, `${D}/openblas-pthread/libopenblas.so.0`, `${D}/openblas-serial/libopenblas.so.0`,
      `${D}/atlas/liblapack.so.3`, `${D}/lapack/liblapack.so.3`, `${D}/openblas64-pthread/libopenblas64.so.0`,
    ]);
  });
  test("arm64 uses the aarch64 triplet", () => {
    assert.deepEqual(paths(fs("linux", ["/usr/lib/aarch64-linux-gnu/libopenblas.so.0"], {}, "aarch64")), ["/usr/lib/aarch64-linux-gnu/libopenblas.so.0"]);
  });
  test("Fedora: FlexiBLAS first", () => {
    const list = paths(fs("linux", ["/usr/lib64/libopenblaso.so.0", "/usr/lib64/libflexiblas.so.3"]));
    assert.deepEqual(list, ["/usr/lib64/libflexiblas.so.3", "/usr/lib64/libopenblaso.so.0"]);
  });
  test("Arch and Alpine (ILP64 with its suffix after LP64)", () => {
    assert.deepEqual(paths(fs("linux", ["/usr/lib/libopenblas.so.0"])), ["/usr/lib/libopenblas.so.0"]);
    assert.deepEqual(paths(fs("linux", ["/usr/lib/libopenblas64_.so.3", "/usr/lib/libopenblas.so.3"])), [
      "/usr/lib/libopenblas.so.3", "/usr/lib/libopenblas64_.so.3",
    ]);
  });
  test("conda first, then LD_LIBRARY_PATH", () => {
    const list = paths(fs("linux", ["/opt/conda/lib/libopenblas.so.0", "/x/liblapack.so.3", `${D}/libopenblas.so.0`], {
      CONDA_PREFIX: "/opt/conda", LD_LIBRARY_PATH: "/x",
    }));
    assert.deepEqual(list, ["/opt/conda/lib/libopenblas.so.0", "/x/liblapack.so.3", `${D}/libopenblas.so.0`]);
  });
  test("nothing on disk: only loader names, to be opened", () => {
    const list = searchList(fs("linux", []));
    assert.ok(list.length > 0);
    assert.ok(list.every((c) => c.source === "system loader" && c.probeByOpening && !c.path.includes("/")));
  });
  test("DLAPACK_LIBRARY overrides all: path, bare name, lists", () => {
    const only = (v: string) => searchList(fs("linux", [`${D}/libopenblas.so.0`], { DLAPACK_LIBRARY: v }));
    assert.deepEqual(only("/opt/x/liblapack.so").map((c) => [c.path, c.source]), [["/opt/x/liblapack.so", "DLAPACK_LIBRARY"]]);
    assert.deepEqual(only("libopenblas.so.0").map((c) => c.path), ["libopenblas.so.0"]);
    assert.deepEqual(only("/a.so:/b.so,/c.so").map((c) => c.path), ["/a.so", "/b.so", "/c.so"]);
  });
  test("install hints per distribution", () => {
    assert.match(installHint(fs("linux", ["/etc/debian_version"])), /sudo apt-get install libopenblas0/);
    assert.match(installHint(fs("linux", ["/etc/fedora-release"])), /sudo dnf install flexiblas-netlib/);
    assert.match(installHint(fs("linux", ["/etc/arch-release"])), /sudo pacman -S openblas/);
    assert.match(installHint(fs("linux", ["/etc/alpine-release"])), /sudo apk add openblas/);
    assert.match(installHint(fs("linux", ["/etc/NIXOS"])), /nix-shell -p openblas/);
    const unknown = installHint(fs("linux", []));
    assert.match(unknown, /apt-get/);
    assert.match(unknown, /dnf/);
    assert.match(installHint(fs("linux", [], { CONDA_PREFIX: "/c" })), /conda install -c conda-forge/);
  });
});

describe("detect: macOS", () => {
  const accel = "/System/Library/Frameworks/Accelerate.framework/Accelerate";
  test("Apple Silicon Homebrew OpenBLAS before Accelerate", () => {
    const list = searchList(fs("darwin", ["/opt/homebrew/opt/openblas/lib/libopenblas.dylib"], {}, "aarch64"));
    assert.equal(list[0].path, "/opt/homebrew/opt/openblas/lib/libopenblas.dylib");
    assert.equal(list[1].path, accel);
  });
  test("Intel Homebrew and MacPorts", () => {
    const list = paths(fs("darwin", ["/usr/local/opt/openblas/lib/libopenblas.dylib", "/opt/local/lib/libopenblas.dylib"]));
    assert.deepEqual(list.slice(0, 2), ["/usr/local/opt/openblas/lib/libopenblas.dylib", "/opt/local/lib/libopenblas.dylib"]);
  });
  test("nothing installed: Accelerate is still listed, to be opened (it is not on disk)", () => {
    const list = searchList(fs("darwin", []));
    assert.equal(list[0].path, accel);
    assert.equal(list[0].probeByOpening, true);
    assert.ok(list.every((c) => c.source === "Apple Accelerate"));
  });
  test("conda", () => {
    assert.equal(paths(fs("darwin", ["/c/lib/liblapack.3.dylib"], { CONDA_PREFIX: "/c" }))[0], "/c/lib/liblapack.3.dylib");
  });
  test("install hint", () => {
    assert.match(installHint(fs("darwin", [])), /brew install openblas/);
    assert.match(installHint(fs("darwin", [])), /sudo port install OpenBLAS/);
  });
});

describe("detect: Windows", () => {
  test("PATH with an OpenBLAS release directory", () => {
    const list = paths(fs("windows", ["C:\\OpenBLAS-0.3.28\\bin\\libopenblas.dll"], { PATH: "C:\\Windows;C:\\OpenBLAS-0.3.28\\bin" }));
    assert.deepEqual(list, ["C:\\OpenBLAS-0.3.28\\bin\\libopenblas.dll"]);
  });
  test("conda Library\\bin with MKL", () => {
    const list = paths(fs("windows", ["C:\\conda\\Library\\bin\\mkl_rt.2.dll"], { CONDA_PREFIX: "C:\\conda" }));
    assert.deepEqual(list, ["C:\\conda\\Library\\bin\\mkl_rt.2.dll"]);
  });
  test("vcpkg: lapack.dll with openblas.dll preloaded", () => {
    const bin = "C:\\vcpkg\\installed\\x64-windows\\bin";
    const list = searchList(fs("windows", [`${bin}\\lapack.dll`, `${bin}\\openblas.dll`]));
    assert.equal(list[0].path, `${bin}\\lapack.dll`);
    assert.deepEqual(list[0].preload, [`${bin}\\openblas.dll`]);
  });
  test("MSYS2 ucrt64 and MKLROOT", () => {
    assert.deepEqual(paths(fs("windows", ["C:\\msys64\\ucrt64\\bin\\libopenblas.dll"])), ["C:\\msys64\\ucrt64\\bin\\libopenblas.dll"]);
    assert.deepEqual(paths(fs("windows", ["D:\\mkl\\bin\\mkl_rt.3.dll"], { MKLROOT: "D:\\mkl" })), ["D:\\mkl\\bin\\mkl_rt.3.dll"]);
  });
  test("nothing at all: loader names only", () => {
    const list = searchList(fs("windows", []));
    assert.ok(list.every((c) => c.source === "system loader"));
    assert.ok(list.some((c) => c.path === "libopenblas.dll"));
  });
  test("de-duplication is case-insensitive", () => {
    const list = paths(fs("windows", ["C:\\ob\\libopenblas.dll"], { PATH: "C:\\ob;c:\\OB;C:\\ob\\" }));
    assert.equal(list.length, 1);
  });
  test("DLAPACK_LIBRARY list with ;", () => {
    assert.deepEqual(splitLibraryList("C:\\a.dll;C:\\b.dll", "windows"), ["C:\\a.dll", "C:\\b.dll"]);
  });
  test("install hint", () => {
    const h = installHint(fs("windows", []));
    assert.match(h, /vcpkg install openblas:x64-windows lapack-reference:x64-windows/);
    assert.match(h, /mingw-w64-ucrt-x86_64-openblas/);
    assert.match(h, /no winget package/);
  });
});
