import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { nativeSymbol } from "../ffi/abi.ts";
import type { BindTarget } from "../ffi/abi.ts";
import { fortranName, lapackeName, NAMINGS, ROUTINE, ROUTINES } from "../ffi/symbols.ts";
import { intArray, intStride, routine } from "../ffi/backend.ts";
import { runtimeName } from "../ffi/runtime.ts";

const target = (abi: "fortran" | "lapacke", intWidth: 32 | 64, suffix = "_"): BindTarget => ({
  runtime: undefined as never,
  lib: undefined as never,
  abi,
  intWidth,
  naming: NAMINGS.find((n) => n.suffix === suffix)!,
});

describe("symbol table", () => {
  test("every template expands to its type letters", () => {
    for (const t of ROUTINES) for (const c of t.types) assert.ok(ROUTINE[c + t.name], c + t.name);
    assert.equal(ROUTINE.dsyevd.names.length, 11);
    assert.equal(ROUTINE.zheevd.names.includes("RWORK"), true);
    assert.equal(ROUTINE.sgeev.names.includes("WI"), true);
    assert.equal(ROUTINE.cgeev.names.includes("WI"), false);
  });
  test("names under each scheme", () => {
    assert.equal(fortranName("dgetrf", NAMINGS[0]), "dgetrf_");
    assert.equal(fortranName("dgetrf", NAMINGS.find((n) => n.suffix === "64_")!), "dgetrf64_");
    assert.equal(
      fortranName("dgetrf", NAMINGS.find((n) => n.prefix === "scipy_")!),
      "scipy_dgetrf_",
    );
    assert.equal(
      fortranName("dgetrf", NAMINGS.find((n) => n.suffix === "$NEWLAPACK$ILP64")!),
      "dgetrf$NEWLAPACK$ILP64",
    );
    assert.equal(lapackeName("zgesdd", 32), "LAPACKE_zgesdd_work");
    assert.equal(lapackeName("zgesdd", 64), "LAPACKE_zgesdd_work64_");
  });
});

describe("nativeSymbol", () => {
  test("Fortran: everything by reference, one hidden length per CHARACTER, at the end", () => {
    const s = nativeSymbol(ROUTINE.dgetrs, target("fortran", 32));
    assert.equal(s.symbol, "dgetrs_");
    assert.deepEqual(s.args, [
      "ptr",
      "ptr",
      "ptr",
      "ptr",
      "ptr",
      "ptr",
      "ptr",
      "ptr",
      "ptr",
      "u64",
    ]);
    assert.equal(s.ret, "void");
    const t = nativeSymbol(ROUTINE.ztrtrs, target("fortran", 64, "64_"));
    assert.equal(t.symbol, "ztrtrs64_");
    assert.deepEqual(t.args.slice(-3), ["u64", "u64", "u64"]);
  });
  test("LAPACKE: layout first, scalars by value, INFO returned", () => {
    const s = nativeSymbol(ROUTINE.dgetrs, target("lapacke", 32));
    assert.equal(s.symbol, "LAPACKE_dgetrs_work");
    assert.deepEqual(s.args, ["i32", "u8", "i32", "i32", "ptr", "i32", "ptr", "ptr", "i32"]);
    assert.equal(s.ret, "i32");
    const g = nativeSymbol(ROUTINE.sgelsd, target("lapacke", 64));
    assert.equal(g.args[9], "f32"); // RCOND by value, single precision
    assert.equal(g.ret, "i64");
  });
  test("BLAS stays Fortran under LAPACKE", () => {
    const s = nativeSymbol(ROUTINE.zgemm, target("lapacke", 32));
    assert.equal(s.symbol, "zgemm_");
    assert.equal(s.args.length, 13 + 2);
    assert.equal(nativeSymbol(ROUTINE.ddot, target("fortran", 32)).ret, "f64");
    assert.equal(nativeSymbol(ROUTINE.sdot, target("fortran", 32)).ret, "f32");
  });
});

describe("bound routines", () => {
  // Node's bindings cache each array argument's address with the array passed last time.
  test("the same arrays again, other arrays, views at an offset", () => {
    const getrf = routine("dgetrf");
    const ipiv = intArray(2);
    const stride = intStride();
    const pivots = () => [ipiv[0], ipiv[stride]];
    const a = new Float64Array(4);
    const slab = new Float64Array(12);
    const b = slab.subarray(4, 8);
    for (let round = 0; round < 3; round++) {
      a.set([4, 2, 1, 3]); // [[4, 1], [2, 3]], column-major
      assert.equal(getrf(2, 2, a, 2, ipiv), 0);
      assert.deepEqual([...a], [4, 0.5, 1, 2.5]);
      assert.deepEqual(pivots(), [1, 2]);
      b.set([1, 3, 2, 4]); // [[1, 2], [3, 4]]: rows swapped
      assert.equal(getrf(2, 2, b, 2, ipiv), 0);
      assert.deepEqual([...b].map((x) => Math.round(x * 1e12) / 1e12), [
        3,
        0.333333333333,
        4,
        0.666666666667,
      ]);
      assert.deepEqual(pivots(), [2, 2]);
      assert.deepEqual([...slab.subarray(0, 4), ...slab.subarray(8)], new Array(8).fill(0));
    }
  });
  test("Node: an array whose buffer was detached after a call is refused, not used", {
    skip: runtimeName() !== "node",
  }, () => {
    const getrf = routine("dgetrf");
    const ipiv = intArray(2);
    const a = new Float64Array([4, 2, 1, 3]);
    assert.equal(getrf(2, 2, a, 2, ipiv), 0);
    structuredClone(a.buffer, { transfer: [a.buffer] });
    assert.throws(() => getrf(0, 0, a, 1, ipiv));
  });
});
