import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { chooseThreadingLayer, layerNeeds, parseThreadingLayer } from "../ffi/mkl.ts";
import type { LayerSystem } from "../ffi/mkl.ts";
import { here, runChild } from "./_runtime.ts";

const MKL = "/usr/lib/x86_64-linux-gnu/libmkl_rt.so";
const D = "/usr/lib/x86_64-linux-gnu";

/** A fake system: which layer libraries are installed, which runtimes load. */
function system(layers: string[], runtimes: string[], globalUnavailable: string | null = null) {
  const loaded: string[] = [];
  const sys: LayerSystem = {
    opens: (p) => layers.includes(p),
    loadGlobal: (p) => runtimes.includes(p) && loaded.push(p) > 0,
    globalUnavailable,
  };
  return { sys, loaded };
}

describe("mkl: the threading layer, decided before any call", () => {
  test("MKL_THREADING_LAYER is read as MKL reads it", () => {
    assert.equal(parseThreadingLayer("intel"), "INTEL");
    assert.equal(parseThreadingLayer("Sequential"), "SEQUENTIAL");
    assert.equal(parseThreadingLayer(""), null);
    assert.equal(parseThreadingLayer("  "), null);
    assert.equal(parseThreadingLayer("OMP"), "invalid");
  });
  test("what each layer needs: MKL's layer library beside mkl_rt, then its runtime", () => {
    const intel = layerNeeds("INTEL", "linux", D);
    assert.deepEqual(intel.layerLibrary.slice(0, 2), [
      `${D}/libmkl_intel_thread.so.2`,
      `${D}/libmkl_intel_thread.so`,
    ]);
    assert.ok(intel.runtime.includes(`${D}/libiomp5.so`));
    assert.ok(intel.runtime.includes("libomp.so.5"));
    assert.match(intel.installRuntime, /libomp5/);
    const oneapi = layerNeeds("INTEL", "linux", "/opt/intel/oneapi/mkl/latest/lib");
    assert.ok(
      oneapi.runtime.includes(
        "/opt/intel/oneapi/mkl/latest/lib/../../../compiler/latest/lib/libiomp5.so",
      ),
    );
    assert.deepEqual(layerNeeds("GNU", "linux", "").runtime, ["libgomp.so.1"]);
    assert.deepEqual(layerNeeds("SEQUENTIAL", "linux", "").runtime, []);
    const win = layerNeeds("INTEL", "windows", "C:\\py\\Library\\bin");
    assert.deepEqual(win.runtime, ["C:\\py\\Library\\bin\\libiomp5md.dll", "libiomp5md.dll"]);
    assert.ok(win.layerLibrary.includes("C:\\py\\Library\\bin\\mkl_intel_thread.2.dll"));
    assert.deepEqual(layerNeeds("TBB", "windows", "").runtime, ["tbb12.dll"]);
  });
  test("automatic: Intel when its runtime loads, else GNU, else sequential", () => {
    const all = [
      `${D}/libmkl_intel_thread.so`,
      `${D}/libmkl_gnu_thread.so`,
      `${D}/libmkl_sequential.so`,
    ];
    let s = system(all, [`${D}/libiomp5.so`, "libgomp.so.1"]);
    assert.equal(chooseThreadingLayer(undefined, "linux", D, s.sys).layer, "INTEL");
    assert.deepEqual(s.loaded, [`${D}/libiomp5.so`], "only the chosen runtime is loaded");
    s = system(all, ["libgomp.so.1"]);
    const gnu = chooseThreadingLayer("", "linux", D, s.sys);
    assert.equal(gnu.layer, "GNU");
    assert.match(gnu.skipped[0], /INTEL layer needs the runtime libiomp5\.so/);
    s = system(all, []);
    assert.equal(chooseThreadingLayer(undefined, "linux", D, s.sys).layer, "SEQUENTIAL");
    s = system(all, [`${D}/libiomp5.so`], "libc's dlopen cannot be opened");
    assert.equal(chooseThreadingLayer(undefined, "linux", D, s.sys).layer, "SEQUENTIAL");
    assert.throws(
      () => chooseThreadingLayer(undefined, "linux", D, system([], []).sys),
      /No MKL threading layer can load: .*libmkl-sequential/,
    );
  });
  test("a layer the user chose that cannot load: the missing library and its package", () => {
    const s = system([`${D}/libmkl_intel_thread.so`, `${D}/libmkl_gnu_thread.so`], []);
    assert.throws(
      () => chooseThreadingLayer("INTEL", "linux", D, s.sys),
      /^Error: MKL_THREADING_LAYER=INTEL cannot be used: the INTEL layer needs the runtime libiomp5\.so, which cannot be loaded \(Debian: apt-get install libomp5/,
    );
    assert.throws(
      () => chooseThreadingLayer("gnu", "linux", D, s.sys),
      /the GNU layer needs the runtime libgomp\.so\.1.*libgomp1/,
    );
    assert.throws(
      () => chooseThreadingLayer("TBB", "linux", D, s.sys),
      /MKL's libmkl_tbb_thread\.so, which is not installed/,
    );
    assert.throws(() => chooseThreadingLayer("GNU", "windows", "", s.sys), /only on Linux/);
    assert.throws(
      () => chooseThreadingLayer("OpenMP", "linux", D, s.sys),
      /MKL_THREADING_LAYER="OpenMP" is not a threading layer MKL knows/,
    );
    assert.deepEqual(s.loaded, []);
  });
});

// Every value, in a child of this runtime: it either works or fails with a clear message; the
// process never dies in the loader ("symbol lookup error") or in MKL ("MKL FATAL ERROR").
describe("mkl: every MKL_THREADING_LAYER value, for real", {
  skip: !existsSync(MKL) && `${MKL} is not installed (apt-get install libmkl-rt, Debian non-free)`,
}, () => {
  const child = here("_backend_child.ts");
  const values = ["INTEL", "GNU", "SEQUENTIAL", "TBB", "PGI", "garbage", "intel", undefined];
  for (const value of values) {
    test(`MKL_THREADING_LAYER=${value ?? "(unset)"}`, () => {
      const r = runChild(child, { DLAPACK_LIBRARY: MKL, MKL_THREADING_LAYER: value });
      assert.equal(r.status, 0, `the process ended: ${r.stderr}`);
      assert.doesNotMatch(r.stderr + r.stdout, /symbol lookup error|MKL FATAL ERROR/);
      const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
      if (out.ok) {
        assert.equal(out.backend.vendor, "mkl");
        assert.ok(Math.abs(out.x[0] - 0.1) < 1e-14 && Math.abs(out.x[1] - 0.6) < 1e-14);
        const layer = out.backend.mkl.threadingLayer;
        if (value !== undefined) assert.equal(layer, value.toUpperCase());
        else assert.ok(["INTEL", "GNU", "SEQUENTIAL"].includes(layer), layer);
      } else {
        assert.equal(out.name, "LapackNotFoundError");
        assert.match(out.message, /MKL_THREADING_LAYER=/);
        assert.ok(
          !["SEQUENTIAL", undefined].includes(value),
          `${value ?? "unset"} must work: ${out.message}`,
        );
      }
    });
  }
  test("ILP64 on request: the interface layer switches, and the probe proves it", () => {
    const r = runChild(child, { DLAPACK_LIBRARY: MKL, DLAPACK_INTEGERS: "ilp64" });
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
    assert.equal(out.ok, true, out.message);
    assert.equal(out.backend.intWidth, 64);
    assert.equal(out.backend.mkl.interfaceLayer, "ilp64");
    assert.ok(Math.abs(out.x[0] - 0.1) < 1e-14);
  });
  test("the doctor names MKL's version, both layers and the thread count", () => {
    const r = runChild(here("../scripts/doctor.ts"), { DLAPACK_LIBRARY: MKL });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /config\s+Intel\(R\) Math Kernel Library Version \d+/);
    assert.match(r.stdout, /mkl\s+threading layer (INTEL|GNU|SEQUENTIAL) .*interface layer LP64/);
    assert.match(r.stdout, /threads\s+\d+/);
    assert.doesNotMatch(r.stdout, /another BLAS/, "MKL's own interface layer is not another BLAS");
  });
});
