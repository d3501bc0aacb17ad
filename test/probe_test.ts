// The prober on a library that lacks BLAS symbols (as vcpkg's lapack.dll does on Windows, where
// a DLL's dependencies are not searched): simulated by hiding OpenBLAS's BLAS symbols.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { currentRuntime, platform } from "../ffi/backend.ts";
import { bindRoutine } from "../ffi/abi.ts";
import { ProbeFailure, probeLibrary, UNKNOWN } from "../ffi/probe.ts";
import type { NativeLibrary, Runtime } from "../ffi/runtime.ts";
import { FfiPermissionError } from "../ffi/runtime.ts";
import { ROUTINE, ROUTINES } from "../ffi/symbols.ts";

const OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0";
const BLAS = new Set(
  ROUTINES.filter((r) => r.family === "blas").flatMap((r) =>
    [...r.types].map((t) => `${t}${r.name}_`)
  ),
);

/** The real runtime, whose libraries pretend to have no BLAS when opened as "lapack-only". */
function hidingRuntime(real: Runtime): Runtime {
  return {
    ...real,
    open(path: string): NativeLibrary {
      if (path !== "lapack-only") return real.open(path);
      const lib = real.open(OPENBLAS);
      const hidden = (name: string) => BLAS.has(name) || name === "isamax_";
      return {
        path,
        fn: (name, sig, nb) => (hidden(name) ? null : lib.fn(name, sig, nb)),
        has: (name) => !hidden(name) && lib.has(name),
        address: (name) => (hidden(name) ? null : lib.address(name)),
      };
    },
  };
}

describe(
  "probe: a LAPACK without BLAS",
  { skip: !existsSync(OPENBLAS) && "no OpenBLAS here" },
  () => {
    const rt = hidingRuntime(currentRuntime());
    const os = platform().os;
    test("gets its BLAS from the matching BLAS library", () => {
      const p = probeLibrary(rt, "lapack-only", { os, blas: [OPENBLAS] });
      assert.ok(p.target.blasLib !== undefined);
      const gemm = bindRoutine(ROUTINE.dgemm, p.target)!;
      const c = new Float64Array(1);
      gemm(
        "N",
        "N",
        1,
        1,
        1,
        new Float64Array([2]),
        new Float64Array([3]),
        1,
        new Float64Array([4]),
        1,
        new Float64Array([0]),
        c,
        1,
      );
      assert.equal(c[0], 24);
      assert.equal(p.info.blas.vendor, "openblas");
    });
    test("says so when no BLAS is found", () => {
      // Nothing but the LAPACK itself can be opened.
      const lonely: Runtime = {
        ...rt,
        open(p) {
          if (p !== "lapack-only") {
            throw new Error(
              `${p}: cannot open shared object file: No such file or directory`,
            );
          }
          return rt.open(p);
        },
      };
      assert.throws(
        () => probeLibrary(lonely, "lapack-only", { os, blas: ["/nonexistent/libblas.so.3"] }),
        (e: unknown) =>
          e instanceof ProbeFailure && /a LAPACK without BLAS/.test((e as Error).message),
      );
    });
  },
);

/**
 * The real runtime under a permission that opens one library and reads no pointer (what Deno's
 * scoped --allow-ffi would be without libc reachable through the library, e.g. on Windows).
 */
function scopedRuntime(real: Runtime, allowed: string): Runtime {
  const deny = (what: string) => {
    throw new FfiPermissionError(`Reading ${what} needs --allow-ffi (unscoped)`);
  };
  return {
    ...real,
    open(path: string): NativeLibrary {
      if (path !== allowed) throw new FfiPermissionError(`Not covered: --allow-ffi=${path}`);
      const lib = real.open(path);
      return {
        path,
        fn: (name, sig, nb) => (name === "dladdr" ? null : lib.fn(name, sig, nb)),
        has: (name) => lib.has(name),
        address: () => deny("a symbol's address"),
      };
    },
    cstring: () => deny("a C string"),
  };
}

describe(
  "probe: facts the permissions do not let it read degrade to unknown",
  { skip: !existsSync(OPENBLAS) && "no OpenBLAS here" },
  () => {
    const os = platform().os;
    test("no C strings, no libc: the load still works, the version is unknown", () => {
      const p = probeLibrary(scopedRuntime(currentRuntime(), OPENBLAS), OPENBLAS, { os });
      assert.equal(p.info.vendor, "openblas");
      assert.equal(p.info.version, UNKNOWN);
      assert.match(p.info.lapackVersion, /^3\.\d+\.\d+$/); // ilaver needs no pointer read
      assert.equal(p.info.lapack.version, UNKNOWN);
      assert.equal(p.info.lapack.file, OPENBLAS);
      assert.deepEqual(p.unlearned.map((u) => u.fact), [
        "which files provide LAPACK and BLAS",
        "the OpenBLAS version",
      ]);
      assert.match(p.unlearned[0].reason, /--allow-ffi=libc\.so\.6/);
      assert.match(p.unlearned[1].reason, /--allow-ffi \(unscoped\)/);
      const gesv = bindRoutine(ROUTINE.dgesv, p.target)!;
      const b = new Float64Array([1, 2]);
      assert.equal(gesv(2, 1, new Float64Array([4, 2, 1, 3]), 2, new Int32Array(2), b, 2), 0);
      assert.ok(Math.abs(b[0] - 0.1) < 1e-12);
    });
    test("a dladdr found but no pointer reads: which file provides what is unknown", () => {
      const rt = scopedRuntime(currentRuntime(), OPENBLAS);
      const withDladdr: Runtime = {
        ...rt,
        open(path) {
          const lib = rt.open(path);
          const real = currentRuntime().open(path);
          return { ...lib, fn: (n, s, nb) => real.fn(n, s, nb) };
        },
      };
      const p = probeLibrary(withDladdr, OPENBLAS, { os });
      assert.equal(p.info.vendor, "openblas");
      assert.deepEqual(p.unlearned.map((u) => u.fact).sort(), [
        "the OpenBLAS version",
        "which files provide LAPACK and BLAS",
      ]);
    });
  },
);
