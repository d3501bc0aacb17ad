import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { installHint, searchList, splitLibraryList } from "../ffi/detect.ts";
import type { Candidate, SearchInput } from "../ffi/detect.ts";

/** A simulated machine: the files on disk (case-insensitive on Windows), env and arch. */
function machine(
  os: string,
  files: string[],
  env: Record<string, string> = {},
  arch = "x86_64",
): SearchInput {
  const fold = (p: string) => (os === "windows" ? p.toLowerCase() : p);
  const disk = new Set(files.map(fold));
  return { os, arch, env, exists: (p) => disk.has(fold(p)) };
}
const found = (i: SearchInput) => searchList(i).filter((c) => c.source !== "system loader");
const paths = (i: SearchInput) => found(i).map((c) => c.path);
const loader = (names: string[]): Candidate[] =>
  names.map((path) => ({ path, source: "system loader", probeByOpening: true }));

const LINUX_LOADER = [
  "libopenblas.so.0",
  "libopenblas.so",
  "libmkl_rt.so.2",
  "libflexiblas.so.3",
  "liblapack.so.3",
];
const WINDOWS_LOADER = [
  "libopenblas.dll",
  "openblas.dll",
  "mkl_rt.3.dll",
  "mkl_rt.2.dll",
  "liblapack.dll",
];
const ACCELERATE = "/System/Library/Frameworks/Accelerate.framework/Accelerate";
const VECLIB =
  "/System/Library/Frameworks/Accelerate.framework/Versions/A/Frameworks/vecLib.framework/Versions/A/libLAPACK.dylib";

describe("detect: Linux", () => {
  const D = "/usr/lib/x86_64-linux-gnu";
  test("Debian multiarch: OpenBLAS LP64, then ILP64, then the alternatives, ATLAS, reference", () => {
    const files = [
      `${D}/lapack/liblapack.so.3`,
      `${D}/atlas/liblapack.so.3`,
      `${D}/liblapack.so.3`,
      `${D}/openblas64-pthread/libopenblas64.so.0`,
      `${D}/libopenblas64.so.0`,
      `${D}/openblas-serial/libopenblas.so.0`,
      `${D}/openblas-pthread/libopenblas.so.0`,
      `${D}/libopenblas.so.0`,
    ];
    assert.deepEqual(paths(machine("linux", files)), [
      `${D}/libopenblas.so.0`,
      `${D}/openblas-pthread/libopenblas.so.0`,
      `${D}/openblas-serial/libopenblas.so.0`,
      `${D}/libopenblas64.so.0`,
      `${D}/openblas64-pthread/libopenblas64.so.0`,
      `${D}/liblapack.so.3`,
      `${D}/atlas/liblapack.so.3`,
      `${D}/lapack/liblapack.so.3`,
    ]);
    assert.ok(
      found(machine("linux", files)).every((c) =>
        c.source === "Debian/Ubuntu multiarch" && !c.probeByOpening
      ),
    );
  });
  test("Debian: MKL and FlexiBLAS before reference, libFLAME last", () => {
    const files = [
      `${D}/libflame.so.1`,
      `${D}/lapack/liblapack.so.3`,
      `${D}/libflexiblas.so.3`,
      `${D}/libmkl_rt.so`,
    ];
    assert.deepEqual(paths(machine("linux", files)), [
      `${D}/libmkl_rt.so`,
      `${D}/libflexiblas.so.3`,
      `${D}/lapack/liblapack.so.3`,
      `${D}/libflame.so.1`,
    ]);
  });
  test("triplets: Deno and Node arch names", () => {
    for (
      const [arch, triplet] of [["aarch64", "aarch64"], ["arm64", "aarch64"], ["x64", "x86_64"], [
        "ppc64",
        "powerpc64le",
      ]]
    ) {
      const file = `/usr/lib/${triplet}-linux-gnu/libopenblas.so.0`;
      assert.deepEqual(paths(machine("linux", [file], {}, arch)), [file], arch);
    }
  });
  test("Fedora: FlexiBLAS first, pthread before OpenMP before serial, ILP64 after, reference last", () => {
    const files = [
      "/usr/lib64/liblapack.so.3",
      "/usr/lib64/libopenblas64_.so.0",
      "/usr/lib64/libopenblas.so.0",
      "/usr/lib64/libopenblaso.so.0",
      "/usr/lib64/libopenblasp.so.0",
      "/usr/lib64/libflexiblas.so.3",
    ];
    assert.deepEqual(paths(machine("linux", files)), [
      "/usr/lib64/libflexiblas.so.3",
      "/usr/lib64/libopenblasp.so.0",
      "/usr/lib64/libopenblaso.so.0",
      "/usr/lib64/libopenblas.so.0",
      "/usr/lib64/libopenblas64_.so.0",
      "/usr/lib64/liblapack.so.3",
    ]);
  });
  test("Arch", () => {
    const files = [
      "/usr/lib/liblapack.so.3",
      "/usr/lib/libopenblas.so",
      "/usr/lib/libopenblas.so.0",
    ];
    assert.deepEqual(paths(machine("linux", files)), [
      "/usr/lib/libopenblas.so.0",
      "/usr/lib/libopenblas.so",
      "/usr/lib/liblapack.so.3",
    ]);
  });
  test("Alpine: ILP64 (64_ suffix) after LP64", () => {
    const files = ["/usr/lib/libopenblas64_.so.3", "/usr/lib/libopenblas.so.3"];
    assert.deepEqual(paths(machine("linux", files)), [
      "/usr/lib/libopenblas.so.3",
      "/usr/lib/libopenblas64_.so.3",
    ]);
  });
  test("conda first, then LD_LIBRARY_PATH, then the distribution", () => {
    const files = [
      "/opt/conda/lib/liblapack.so.3",
      "/opt/conda/lib/libopenblas.so.0",
      "/nix/x/lib/libopenblas.so.0",
      `${D}/libopenblas.so.0`,
    ];
    const list = found(
      machine("linux", files, { CONDA_PREFIX: "/opt/conda", LD_LIBRARY_PATH: ":/nix/x/lib:" }),
    );
    assert.deepEqual(list, [
      { path: "/opt/conda/lib/libopenblas.so.0", source: "conda ($CONDA_PREFIX)" },
      { path: "/opt/conda/lib/liblapack.so.3", source: "conda ($CONDA_PREFIX)" },
      { path: "/nix/x/lib/libopenblas.so.0", source: "LD_LIBRARY_PATH" },
      { path: `${D}/libopenblas.so.0`, source: "Debian/Ubuntu multiarch" },
    ]);
  });
  test("MKLROOT, hand installs and Intel oneAPI before the distribution", () => {
    const files = [
      `${D}/libopenblas.so.0`,
      "/opt/intel/oneapi/mkl/latest/lib/libmkl_rt.so.2",
      "/usr/local/lib/libopenblas.so",
      "/opt/OpenBLAS/lib/libopenblas.so",
      "/m/lib/intel64/libmkl_rt.so.2",
    ];
    assert.deepEqual(paths(machine("linux", files, { MKLROOT: "/m/" })), [
      "/m/lib/intel64/libmkl_rt.so.2",
      "/usr/local/lib/libopenblas.so",
      "/opt/OpenBLAS/lib/libopenblas.so",
      "/opt/intel/oneapi/mkl/latest/lib/libmkl_rt.so.2",
      `${D}/libopenblas.so.0`,
    ]);
  });
  test("nothing on disk: only the loader's bare names, to be opened", () => {
    assert.deepEqual(searchList(machine("linux", [])), loader(LINUX_LOADER));
  });
  test("de-duplication: the same directory twice, with a trailing slash, and as a known place", () => {
    const list = found(
      machine("linux", [`${D}/libopenblas.so.0`], { LD_LIBRARY_PATH: `${D}:${D}/:${D}//` }),
    );
    assert.deepEqual(list, [{ path: `${D}/libopenblas.so.0`, source: "LD_LIBRARY_PATH" }]);
  });
  test("install hints per distribution", () => {
    const hint = (file: string, env = {}) => installHint(machine("linux", [file], env));
    assert.match(hint("/etc/debian_version"), /sudo apt-get install libopenblas0/);
    assert.match(hint("/etc/debian_version"), /sudo apt-get install liblapacke/);
    assert.doesNotMatch(hint("/etc/debian_version"), /dnf|pacman|conda/);
    assert.match(hint("/etc/fedora-release"), /sudo dnf install flexiblas-netlib/);
    assert.match(hint("/etc/redhat-release"), /sudo dnf install openblas-openmp/);
    assert.match(hint("/etc/arch-release"), /sudo pacman -S openblas/);
    assert.match(hint("/etc/alpine-release"), /apk add openblas/);
    assert.match(hint("/etc/NIXOS"), /nix-shell -p openblas/);
    assert.match(hint("/etc/NIXOS"), /LD_LIBRARY_PATH/);
    const unknown = hint("/nothing");
    for (
      const cmd of [
        "apt-get install",
        "dnf install",
        "pacman -S",
        "apk add",
        "nix-shell",
        "conda install",
      ]
    ) {
      assert.ok(unknown.includes(cmd), cmd);
    }
    const conda = hint("/etc/debian_version", { CONDA_PREFIX: "/opt/conda" }).split("\n");
    assert.equal(
      conda[0],
      `conda (this environment): conda install -c conda-forge liblapacke "libblas=*=*openblas"`,
    );
    assert.match(conda[1], /apt-get/);
  });
});

describe("detect: DLAPACK_LIBRARY", () => {
  const D = "/usr/lib/x86_64-linux-gnu";
  const only = (value: string, os = "linux") =>
    searchList(machine(os, [`${D}/libopenblas.so.0`], { DLAPACK_LIBRARY: value }));
  test("a single path, listed whether it exists or not", () => {
    assert.deepEqual(only("/opt/x/liblapack.so"), [{
      path: "/opt/x/liblapack.so",
      source: "DLAPACK_LIBRARY",
    }]);
  });
  test("a bare name is kept for the loader", () => {
    assert.deepEqual(only("libopenblas.so.0"), [{
      path: "libopenblas.so.0",
      source: "DLAPACK_LIBRARY",
      probeByOpening: true,
    }]);
  });
  test("lists on ':' and ',', in order, blanks dropped", () => {
    assert.deepEqual(only(" /a.so:/b.so, /c.so,,libd.so ").map((c) => c.path), [
      "/a.so",
      "/b.so",
      "/c.so",
      "libd.so",
    ]);
  });
  test("Windows lists on ';' and ',', drive letters intact", () => {
    assert.deepEqual(only("C:\\a\\x.dll;D:\\b.dll,mkl_rt.2.dll", "windows").map((c) => c.path), [
      "C:\\a\\x.dll",
      "D:\\b.dll",
      "mkl_rt.2.dll",
    ]);
    assert.deepEqual(splitLibraryList("C:\\a.dll;C:\\b.dll", "windows"), [
      "C:\\a.dll",
      "C:\\b.dll",
    ]);
  });
  test("macOS Accelerate given by path is opened, not looked for", () => {
    assert.deepEqual(only(ACCELERATE, "darwin"), [{
      path: ACCELERATE,
      source: "DLAPACK_LIBRARY",
      probeByOpening: true,
    }]);
  });
  test("empty or blank means unset", () => {
    assert.equal(only(" ")[0].path, `${D}/libopenblas.so.0`);
    assert.deepEqual(splitLibraryList("", "linux"), []);
  });
});

describe("detect: macOS", () => {
  const accelerate = loader([ACCELERATE, VECLIB]).map((c) => ({
    ...c,
    source: "Apple Accelerate",
  }));
  const brewArm = "/opt/homebrew/opt/openblas/lib/libopenblas.dylib";
  const brewIntel = "/usr/local/opt/openblas/lib/libopenblas.dylib";
  test("nothing installed: Accelerate is first and only, to be opened (it is not on disk)", () => {
    assert.deepEqual(searchList(machine("darwin", [], {}, "aarch64")), accelerate);
  });
  test("Apple Silicon Homebrew OpenBLAS before Accelerate", () => {
    assert.deepEqual(searchList(machine("darwin", [brewArm], {}, "aarch64")), [
      { path: brewArm, source: "Homebrew (Apple Silicon)" },
      ...accelerate,
    ]);
  });
  test("Intel Homebrew: the native prefix first", () => {
    assert.deepEqual(paths(machine("darwin", [brewArm, brewIntel], {}, "x86_64")), [
      brewIntel,
      brewArm,
      ACCELERATE,
      VECLIB,
    ]);
    assert.deepEqual(paths(machine("darwin", [brewArm, brewIntel], {}, "arm64")), [
      brewArm,
      brewIntel,
      ACCELERATE,
      VECLIB,
    ]);
    assert.equal(found(machine("darwin", [brewIntel]))[0].source, "Homebrew (Intel)");
  });
  test("MacPorts OpenBLAS before Accelerate, reference LAPACK (and LAPACKE) after it", () => {
    const files = [
      "/opt/local/lib/lapack/liblapack.dylib",
      "/opt/homebrew/opt/lapack/lib/liblapacke.dylib",
      "/opt/homebrew/opt/lapack/lib/liblapack.dylib",
      "/opt/local/lib/libopenblas.dylib",
    ];
    assert.deepEqual(paths(machine("darwin", files, {}, "aarch64")), [
      "/opt/local/lib/libopenblas.dylib",
      ACCELERATE,
      VECLIB,
      "/opt/homebrew/opt/lapack/lib/liblapack.dylib",
      "/opt/local/lib/lapack/liblapack.dylib",
      "/opt/homebrew/opt/lapack/lib/liblapacke.dylib",
    ]);
  });
  test("HOMEBREW_PREFIX, conda and DYLD_LIBRARY_PATH", () => {
    const files = [
      "/h/opt/openblas/lib/libopenblas.dylib",
      "/c/lib/liblapack.3.dylib",
      "/c/lib/libopenblas.0.dylib",
      "/d/libopenblas.dylib",
    ];
    const list = found(
      machine("darwin", files, {
        HOMEBREW_PREFIX: "/h",
        CONDA_PREFIX: "/c",
        DYLD_LIBRARY_PATH: "/d",
      }),
    );
    assert.deepEqual(list.map((c) => [c.path, c.source]), [
      ["/c/lib/libopenblas.0.dylib", "conda ($CONDA_PREFIX)"],
      ["/c/lib/liblapack.3.dylib", "conda ($CONDA_PREFIX)"],
      ["/d/libopenblas.dylib", "DYLD_LIBRARY_PATH"],
      ["/h/opt/openblas/lib/libopenblas.dylib", "Homebrew ($HOMEBREW_PREFIX)"],
      [ACCELERATE, "Apple Accelerate"],
      [VECLIB, "Apple Accelerate"],
    ]);
  });
  test("install hint", () => {
    const hint = installHint(machine("darwin", []));
    assert.match(hint, /Accelerate is built in/);
    assert.match(hint, /brew install openblas/);
    assert.match(hint, /sudo port install OpenBLAS/);
    assert.match(
      installHint(machine("darwin", [], { CONDA_PREFIX: "/c" })),
      /^conda .*conda install -c conda-forge/,
    );
  });
});

describe("detect: Windows", () => {
  test("PATH with an OpenBLAS release directory (quoted entries too)", () => {
    const dir = "C:\\OpenBLAS-0.3.28\\bin";
    const list = found(
      machine("windows", [`${dir}\\libopenblas.dll`], { PATH: `C:\\Windows\\system32;"${dir}";` }),
    );
    assert.deepEqual(list, [{ path: `${dir}\\libopenblas.dll`, source: "PATH" }]);
    assert.deepEqual(paths(machine("windows", [`${dir}\\libopenblas.dll`], { Path: dir })), [
      `${dir}\\libopenblas.dll`,
    ]);
    const unc = "\\\\server\\share\\bin\\openblas.dll";
    assert.deepEqual(paths(machine("windows", [unc], { PATH: "\\\\server\\share\\bin\\" })), [unc]);
  });
  test("conda Library\\bin with MKL, its liblapack.dll after", () => {
    const bin = "C:\\Users\\me\\miniforge3\\Library\\bin";
    const list = found(
      machine("windows", [`${bin}\\liblapack.dll`, `${bin}\\mkl_rt.2.dll`], {
        CONDA_PREFIX: "C:\\Users\\me\\miniforge3",
        PATH: bin,
      }),
    );
    assert.deepEqual(list, [
      { path: `${bin}\\mkl_rt.2.dll`, source: "conda (%CONDA_PREFIX%)" },
      { path: `${bin}\\liblapack.dll`, source: "conda (%CONDA_PREFIX%)" },
    ]);
  });
  test("vcpkg: lapack.dll with openblas.dll preloaded, never openblas.dll alone", () => {
    const bin = "C:\\vcpkg\\installed\\x64-windows\\bin";
    assert.deepEqual(found(machine("windows", [`${bin}\\lapack.dll`, `${bin}\\openblas.dll`])), [
      { path: `${bin}\\lapack.dll`, source: "vcpkg", preload: [`${bin}\\openblas.dll`] },
    ]);
    assert.deepEqual(found(machine("windows", [`${bin}\\openblas.dll`])), []);
    const own = "D:\\dev\\vcpkg\\installed\\arm64-windows\\bin";
    assert.deepEqual(
      paths(
        machine("windows", [`${own}\\lapack.dll`], { VCPKG_ROOT: "D:\\dev\\vcpkg" }, "aarch64"),
      ),
      [`${own}\\lapack.dll`],
    );
  });
  test("MSYS2 ucrt64 before mingw64, and MSYS2_ROOT", () => {
    const files = [
      "C:\\msys64\\mingw64\\bin\\libopenblas.dll",
      "C:\\msys64\\ucrt64\\bin\\libopenblas.dll",
      "E:\\m\\clang64\\bin\\libopenblas.dll",
    ];
    assert.deepEqual(
      found(machine("windows", files, { MSYS2_ROOT: "E:\\m" })).map((c) => [c.path, c.source]),
      [
        ["E:\\m\\clang64\\bin\\libopenblas.dll", "MSYS2 (clang64)"],
        ["C:\\msys64\\ucrt64\\bin\\libopenblas.dll", "MSYS2 (ucrt64)"],
        ["C:\\msys64\\mingw64\\bin\\libopenblas.dll", "MSYS2 (mingw64)"],
      ],
    );
  });
  test("MKLROOT (bin, then the older redist\\intel64), and the default oneAPI place", () => {
    const files = [
      "D:\\mkl\\redist\\intel64\\mkl_rt.2.dll",
      "D:\\mkl\\bin\\mkl_rt.3.dll",
      "C:\\Program Files (x86)\\Intel\\oneAPI\\mkl\\latest\\bin\\mkl_rt.2.dll",
      "C:\\OpenBLAS\\bin\\libopenblas.dll",
    ];
    assert.deepEqual(paths(machine("windows", files, { MKLROOT: "D:\\mkl\\" })), [
      "D:\\mkl\\bin\\mkl_rt.3.dll",
      "D:\\mkl\\redist\\intel64\\mkl_rt.2.dll",
      "C:\\OpenBLAS\\bin\\libopenblas.dll",
      "C:\\Program Files (x86)\\Intel\\oneAPI\\mkl\\latest\\bin\\mkl_rt.2.dll",
    ]);
  });
  test("the running program's folder first: a compiled CLI ships its DLLs beside it", () => {
    const app = "C:\\Tools\\dlapack";
    const input = {
      ...machine("windows", [`${app}\\liblapack.dll`, "C:\\ob\\libopenblas.dll"], {
        PATH: "C:\\ob",
      }),
      exeDir: app,
    };
    assert.deepEqual(found(input), [
      { path: `${app}\\liblapack.dll`, source: "the program's folder" },
      { path: "C:\\ob\\libopenblas.dll", source: "PATH" },
    ]);
    const linux = { ...machine("linux", ["/opt/app/liblapack.so.3"]), exeDir: "/opt/app" };
    assert.deepEqual(found(linux), []);
  });
  test("DLAPACK_LIBRARY naming a folder: the LAPACK names in it, best first", () => {
    const dir = "D:\\OpenBLAS-0.3.30-x64\\bin";
    const files = [`${dir}\\libopenblas.dll`, `${dir}\\liblapack.dll`];
    assert.deepEqual(searchList(machine("windows", files, { DLAPACK_LIBRARY: `${dir}\\` })), [
      { path: `${dir}\\libopenblas.dll`, source: "DLAPACK_LIBRARY (folder)" },
      { path: `${dir}\\liblapack.dll`, source: "DLAPACK_LIBRARY (folder)" },
    ]);
    const vcpkg = "C:\\v\\installed\\x64-windows\\bin";
    assert.deepEqual(
      searchList(
        machine("windows", [`${vcpkg}\\lapack.dll`, `${vcpkg}\\openblas.dll`], {
          DLAPACK_LIBRARY: vcpkg,
        }),
      ),
      [
        { path: `${vcpkg}\\openblas.dll`, source: "DLAPACK_LIBRARY (folder)" },
        {
          path: `${vcpkg}\\lapack.dll`,
          source: "DLAPACK_LIBRARY (folder)",
          preload: [`${vcpkg}\\openblas.dll`],
        },
      ],
    );
    // A file is a file; a folder without a LAPACK name in it is tried as given (and fails).
    assert.deepEqual(
      searchList(machine("windows", files, { DLAPACK_LIBRARY: `${dir}\\liblapack.dll` })),
      [{ path: `${dir}\\liblapack.dll`, source: "DLAPACK_LIBRARY" }],
    );
    assert.deepEqual(searchList(machine("windows", [], { DLAPACK_LIBRARY: "C:\\empty" })), [
      { path: "C:\\empty", source: "DLAPACK_LIBRARY" },
    ]);
    assert.deepEqual(
      searchList(machine("linux", ["/opt/ob/lib/libopenblas.so.0"], {
        DLAPACK_LIBRARY: "/opt/ob/lib",
      })),
      [{ path: "/opt/ob/lib/libopenblas.so.0", source: "DLAPACK_LIBRARY (folder)" }],
    );
  });
  test("conda installed but not activated: Miniforge/Anaconda under the profile or ProgramData", () => {
    const env = { USERPROFILE: "C:\\Users\\me", ProgramData: "C:\\ProgramData" };
    const files = [
      "C:\\ProgramData\\anaconda3\\Library\\bin\\mkl_rt.2.dll",
      "C:\\Users\\me\\anaconda3\\Library\\bin\\liblapack.dll",
      "C:\\Users\\me\\miniforge3\\Library\\bin\\libopenblas.dll",
      "C:\\Users\\me\\miniforge3\\Library\\bin\\liblapack.dll",
    ];
    assert.deepEqual(found(machine("windows", files, env)).map((c) => [c.path, c.source]), [
      ["C:\\Users\\me\\miniforge3\\Library\\bin\\libopenblas.dll", "conda (miniforge3)"],
      ["C:\\Users\\me\\miniforge3\\Library\\bin\\liblapack.dll", "conda (miniforge3)"],
      ["C:\\Users\\me\\anaconda3\\Library\\bin\\liblapack.dll", "conda (anaconda3)"],
      ["C:\\ProgramData\\anaconda3\\Library\\bin\\mkl_rt.2.dll", "conda (anaconda3)"],
    ]);
    // An activated environment comes first.
    const active = { ...env, CONDA_PREFIX: "C:\\Users\\me\\anaconda3" };
    assert.equal(found(machine("windows", files, active))[0].source, "conda (%CONDA_PREFIX%)");
  });
  test("MSYS2 mingw64 alone, oneAPI under Program Files", () => {
    assert.deepEqual(paths(machine("windows", ["C:\\msys64\\mingw64\\bin\\libopenblas.dll"])), [
      "C:\\msys64\\mingw64\\bin\\libopenblas.dll",
    ]);
    const one = "C:\\Program Files\\Intel\\oneAPI\\mkl\\latest\\bin\\mkl_rt.2.dll";
    assert.deepEqual(found(machine("windows", [one])), [{ path: one, source: "Intel oneAPI" }]);
  });
  test("nothing at all: only the loader's bare names", () => {
    assert.deepEqual(
      searchList(machine("windows", [], { PATH: "C:\\Windows\\system32" })),
      loader(WINDOWS_LOADER),
    );
  });
  test("de-duplication is case-insensitive and ignores slash style", () => {
    const list = found(
      machine("windows", ["C:\\ob\\libopenblas.dll"], { PATH: "C:\\ob;c:\\OB;C:\\ob\\;C:/ob" }),
    );
    assert.deepEqual(list, [{ path: "C:\\ob\\libopenblas.dll", source: "PATH" }]);
  });
  test("install hint", () => {
    const hint = installHint(machine("windows", []));
    assert.match(hint, /conda install -c conda-forge openblas/);
    assert.match(hint, /vcpkg install openblas:x64-windows lapack-reference:x64-windows/);
    assert.match(hint, /pacman -S mingw-w64-ucrt-x86_64-openblas/);
    assert.match(hint, /pip install mkl/);
    assert.match(hint, /no winget/);
    assert.match(hint, /DLAPACK_LIBRARY/);
    assert.match(installHint(machine("windows", [], {}, "arm64")), /openblas:arm64-windows/);
  });
});

describe("detect: other systems", () => {
  test("FreeBSD: the posix places and loader names, and a generic hint", () => {
    const list = searchList(machine("freebsd", ["/usr/local/lib/libopenblas.so"], {}, "x64"));
    assert.deepEqual(list, [
      { path: "/usr/local/lib/libopenblas.so", source: "/usr/local" },
      ...loader(LINUX_LOADER),
    ]);
    assert.match(installHint(machine("freebsd", [])), /pkg install openblas/);
  });
  test("deterministic: the same input gives the same list", () => {
    const input = machine("linux", ["/usr/lib/libopenblas.so.0"], { LD_LIBRARY_PATH: "/a:/b" });
    assert.deepEqual(searchList(input), searchList(input));
  });
});

describe("detect: Intel MKL in each of its homes", () => {
  const D = "/usr/lib/x86_64-linux-gnu";
  test("Debian non-free: libmkl_rt.so in the multiarch folder", () => {
    assert.deepEqual(found(machine("linux", [`${D}/libmkl_rt.so`])), [
      { path: `${D}/libmkl_rt.so`, source: "Debian/Ubuntu multiarch" },
    ]);
  });
  test("oneAPI: /opt/intel/oneapi/mkl/latest/lib/libmkl_rt.so.2, and $MKLROOT first", () => {
    const one = "/opt/intel/oneapi/mkl/latest/lib/libmkl_rt.so.2";
    assert.deepEqual(found(machine("linux", [one])), [{ path: one, source: "Intel oneAPI" }]);
    const root = "/opt/intel/oneapi/mkl/2025.1";
    assert.deepEqual(
      paths(machine("linux", [one, `${root}/lib/libmkl_rt.so.2`], { MKLROOT: root })),
      [`${root}/lib/libmkl_rt.so.2`, one],
    );
  });
  test("conda: $CONDA_PREFIX/lib/libmkl_rt.so.2 before the system's OpenBLAS", () => {
    const env = { CONDA_PREFIX: "/home/me/miniforge3/envs/x" };
    const files = [`${env.CONDA_PREFIX}/lib/libmkl_rt.so.2`, `${D}/libopenblas.so.0`];
    assert.deepEqual(found(machine("linux", files, env)), [
      { path: `${env.CONDA_PREFIX}/lib/libmkl_rt.so.2`, source: "conda ($CONDA_PREFIX)" },
      { path: `${D}/libopenblas.so.0`, source: "Debian/Ubuntu multiarch" },
    ]);
  });
  test("pip's mkl wheel: $VIRTUAL_ENV/lib on Linux and macOS, Library\\bin on Windows", () => {
    const venv = "/home/me/.venv";
    assert.deepEqual(
      found(machine("linux", [`${venv}/lib/libmkl_rt.so.2`], { VIRTUAL_ENV: venv })),
      [
        { path: `${venv}/lib/libmkl_rt.so.2`, source: "pip ($VIRTUAL_ENV)" },
      ],
    );
    assert.deepEqual(
      paths(machine("darwin", [`${venv}/lib/libmkl_rt.2.dylib`], { VIRTUAL_ENV: venv }, "x86_64")),
      [`${venv}/lib/libmkl_rt.2.dylib`, ACCELERATE, VECLIB],
    );
    const wv = "C:\\Users\\me\\.venv";
    const bin = `${wv}\\Library\\bin`;
    assert.deepEqual(
      found(
        machine("windows", [`${bin}\\mkl_rt.2.dll`, `${bin}\\libiomp5md.dll`], { VIRTUAL_ENV: wv }),
      ),
      [{
        path: `${bin}\\mkl_rt.2.dll`,
        source: "pip (%VIRTUAL_ENV%)",
        preload: [`${bin}\\libiomp5md.dll`],
      }],
    );
  });
  test("Windows: mkl_rt.2.dll with libiomp5md.dll beside it, preloaded; alone when absent", () => {
    const bin = "C:\\Program Files (x86)\\Intel\\oneAPI\\mkl\\latest\\bin";
    assert.deepEqual(
      found(machine("windows", [`${bin}\\mkl_rt.2.dll`, `${bin}\\libiomp5md.dll`])),
      [
        {
          path: `${bin}\\mkl_rt.2.dll`,
          source: "Intel oneAPI",
          preload: [`${bin}\\libiomp5md.dll`],
        },
      ],
    );
    assert.deepEqual(found(machine("windows", [`${bin}\\mkl_rt.2.dll`])), [
      { path: `${bin}\\mkl_rt.2.dll`, source: "Intel oneAPI" },
    ]);
  });
});
