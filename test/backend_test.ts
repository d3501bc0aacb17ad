import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { heapHere, here, runChild } from "./_runtime.ts";

const D = "/usr/lib/x86_64-linux-gnu";
const child = here("_backend_child.ts");
const HEAP_HERE = heapHere();

interface Flavour {
  name: string;
  path: string;
  abi?: string;
  vendor: string;
  blas: string;
  intWidth: 32 | 64;
}

// Every LAPACK flavour Debian offers here (installed by scripts/setup.mjs --test).
const FLAVOURS: Flavour[] = [
  {
    name: "OpenBLAS pthread",
    path: `${D}/openblas-pthread/libopenblas.so.0`,
    vendor: "openblas",
    blas: "openblas",
    intWidth: 32,
  },
  {
    name: "OpenBLAS serial",
    path: `${D}/openblas-serial/libopenblas.so.0`,
    vendor: "openblas",
    blas: "openblas",
    intWidth: 32,
  },
  {
    name: "OpenBLAS ILP64",
    path: `${D}/openblas64-pthread/libopenblas64.so.0`,
    vendor: "openblas",
    blas: "openblas",
    intWidth: 64,
  },
  {
    name: "reference LAPACK",
    path: `${D}/lapack/liblapack.so.3`,
    vendor: "reference",
    blas: "openblas",
    intWidth: 32,
  },
  {
    name: "ATLAS",
    path: `${D}/atlas/liblapack.so.3`,
    vendor: "atlas",
    blas: "openblas",
    intWidth: 32,
  },
  {
    name: "LAPACKE",
    path: `${D}/liblapacke.so.3`,
    abi: "lapacke",
    vendor: "reference",
    blas: "openblas",
    intWidth: 32,
  },
];

function load(env: Record<string, string | undefined>) {
  const r = runChild(child, env);
  assert.equal(r.status, 0, `child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

describe("backend: each Debian LAPACK flavour, loaded for real", () => {
  for (const f of FLAVOURS) {
    test(f.name, { skip: !existsSync(f.path) && `${f.path} is not installed` }, () => {
      const out = load({ DLAPACK_LIBRARY: f.path, DLAPACK_ABI: f.abi });
      assert.equal(out.ok, true, out.message);
      assert.equal(out.backend.path, f.path);
      assert.equal(out.backend.vendor, f.vendor);
      assert.equal(out.backend.blas.vendor, f.blas);
      assert.equal(out.backend.intWidth, f.intWidth);
      assert.equal(out.backend.abi, f.abi ?? "fortran");
      assert.equal(out.info, 0);
      // glibc's mallopt is reached through every flavour's dependencies (ffi/heap.ts).
      assert.equal(out.backend.heap, HEAP_HERE);
      assert.ok(
        Math.abs(out.x[0] - 0.1) < 1e-14 && Math.abs(out.x[1] - 0.6) < 1e-14,
        `x = ${out.x}`,
      );
    });
  }

  test("OpenBLAS reports its version and thread control", () => {
    const out = load({ DLAPACK_LIBRARY: `${D}/openblas-pthread/libopenblas.so.0` });
    assert.match(out.backend.version, /^0\.3\.\d+/);
    assert.ok(out.backend.threads >= 1);
    assert.match(out.backend.config, /OpenBLAS/);
  });

  test("the default search finds OpenBLAS, LP64", () => {
    const out = load({ DLAPACK_LIBRARY: undefined, DLAPACK_ABI: undefined });
    assert.equal(out.ok, true, out.message);
    assert.equal(out.backend.vendor, "openblas");
    assert.equal(out.backend.intWidth, 32);
  });

  test(
    "libFLAME alone: says why and names LD_PRELOAD",
    { skip: !existsSync(`${D}/libflame.so.1`) },
    () => {
      const out = load({ DLAPACK_LIBRARY: `${D}/libflame.so.1` });
      assert.equal(out.ok, false);
      assert.equal(out.name, "LapackNotFoundError");
      assert.match(out.message, /libflame\.so\.1/);
      assert.match(out.message, /unresolved/);
      assert.match(out.message, /LD_PRELOAD=/);
    },
  );

  test("a BLAS without LAPACK is rejected with the reason", {
    skip: !existsSync(`${D}/blis-pthread/libblis.so.4`),
  }, () => {
    const out = load({ DLAPACK_LIBRARY: `${D}/blis-pthread/libblis.so.4` });
    assert.equal(out.ok, false);
    assert.match(out.message, /a BLAS without LAPACK/);
  });

  test("DLAPACK_LIBRARY list: the first usable one wins, failures are reported", () => {
    const out = load({ DLAPACK_LIBRARY: `/nonexistent/liblapack.so.3:${D}/lapack/liblapack.so.3` });
    assert.equal(out.ok, true, out.message);
    assert.equal(out.backend.path, `${D}/lapack/liblapack.so.3`);
  });

  test("nothing usable: LapackNotFoundError lists every path with its reason and the install command", () => {
    const out = load({ DLAPACK_LIBRARY: "/nonexistent/libopenblas.so.0" });
    assert.equal(out.ok, false);
    assert.equal(out.name, "LapackNotFoundError");
    assert.match(out.message, /\/nonexistent\/libopenblas\.so\.0 \(DLAPACK_LIBRARY\): absent/);
    assert.match(out.message, /apt-get install libopenblas0/);
    assert.equal(out.tried.length, 1);
  });

  test("DLAPACK_ABI=lapacke on a library without LAPACKE is refused clearly", () => {
    const out = load({
      DLAPACK_LIBRARY: `${D}/openblas-pthread/libopenblas.so.0`,
      DLAPACK_ABI: "lapacke",
    });
    assert.equal(out.ok, false);
    assert.match(out.message, /no LAPACKE_dgetrf_work/);
  });
});

describe("doctor", () => {
  const doctor = here("../scripts/doctor.ts");
  test("names OpenBLAS, its version and lp64", () => {
    const r = runChild(doctor, { DLAPACK_LIBRARY: undefined });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /vendor\s+openblas 0\.3\.\d+/);
    assert.match(r.stdout, /lp64/);
  });
  test("names another BLAS already in the process's global scope (symbol interposition)", {
    skip: !existsSync(`${D}/blis-pthread/libblis.so.4`),
  }, () => {
    const r = runChild(doctor, {
      DLAPACK_LIBRARY: `${D}/lapack/liblapack.so.3`,
      LD_PRELOAD: `${D}/blis-pthread/libblis.so.4`,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /another BLAS is in this process's global scope: .*libblis\.so\.4/);
    const plain = runChild(doctor, { DLAPACK_LIBRARY: `${D}/lapack/liblapack.so.3` });
    assert.doesNotMatch(plain.stdout, /another BLAS/);
  });
  test("DLAPACK_LIBRARY=/nonexistent: tried paths, install hint, exit 1, no stack trace", () => {
    const r = runChild(doctor, { DLAPACK_LIBRARY: "/nonexistent" });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /\/nonexistent \(DLAPACK_LIBRARY\): absent/);
    assert.match(r.stdout, /sudo apt-get install libopenblas0/);
    assert.doesNotMatch(r.stdout + r.stderr, /^\s+at /m);
  });
});
