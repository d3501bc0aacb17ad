// Windows for real (scripts/test-windows.sh runs this under Wine with the Windows Deno, Bun
// and Node): a MinGW-built LAPACK whose runtime DLLs sit beside it, in a folder not on PATH.
// DLAPACK_WIN_LIB names that folder; elsewhere the tests are skipped.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { here, runChild } from "./_runtime.ts";

const lib = process.env.DLAPACK_WIN_LIB;
const doctor = here("../scripts/doctor.ts");
/** The doctor in a child, with DLAPACK_LIBRARY as given and the DLL folder not on PATH. */
const run = (library: string) => {
  const r = runChild(doctor, { DLAPACK_LIBRARY: library });
  return { ...r, out: r.stdout + r.stderr };
};

/** The doctor's line about one LAPACK candidate. */
const lapackLine = (out: string, name = "liblapack.dll") =>
  out.split("\n").find((l) => l.includes(`${name} (`)) ?? "";

describe("Windows: a MinGW LAPACK with its DLLs beside it, not on PATH", {
  skip: (process.platform !== "win32" || !lib) && "only on Windows, with DLAPACK_WIN_LIB set",
}, () => {
  test("DLAPACK_LIBRARY naming the DLL: it loads, reference LAPACK 3.11", () => {
    assert.ok(!(process.env.PATH ?? "").toLowerCase().includes(lib!.toLowerCase()));
    const r = run(join(lib!, "liblapack.dll"));
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /LAPACK found: .*liblapack\.dll/);
    assert.match(r.out, /lapack +reference from .*\(LAPACK 3\.\d+\.\d+\)/);
    assert.match(r.out, /blas +reference from .*libblas\.dll/);
  });
  test("DLAPACK_LIBRARY naming the folder", () => {
    const r = run(lib!);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /LAPACK found: .*liblapack\.dll/);
  });
  for (const gone of ["libgfortran-5.dll", "libquadmath-0.dll", "libblas.dll"]) {
    test(`${gone} removed from the folder: the doctor names it and exits 1`, () => {
      const dir = mkdtempSync(join(tmpdir(), "dlapack-win-"));
      try {
        for (const f of readdirSync(lib!)) {
          if (f.toLowerCase() !== gone) copyFileSync(join(lib!, f), join(dir, f));
        }
        const r = run(join(dir, "liblapack.dll"));
        assert.equal(r.status, 1, r.out);
        assert.ok(
          r.out.includes(
            `liblapack.dll was found at ${dir} but could not be loaded: it needs ${gone}`,
          ),
          r.out,
        );
        assert.match(r.out, /neither beside it nor on PATH/);
        assert.doesNotMatch(r.out, /\r/);
        assert.doesNotMatch(lapackLine(r.out), /error code 126|Module not found/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  test("nothing set and nothing on PATH: each name is absent, never error code 126", () => {
    const r = run(""); // empty, not unset: Deno's child_process on Windows keeps an unset one
    assert.equal(r.status, 1, r.out);
    assert.match(
      r.out,
      /liblapack\.dll \(system loader\): absent \(no liblapack\.dll beside the program, on PATH or in the system folders\)/,
    );
    assert.doesNotMatch(r.out, /\r/);
    for (const name of ["libopenblas.dll", "liblapack.dll"]) {
      assert.doesNotMatch(lapackLine(r.out, name), /error code 126|Module not found/);
    }
  });
});
