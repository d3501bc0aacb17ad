import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { nativeSymbol } from "../ffi/abi.ts";
import type { BindTarget } from "../ffi/abi.ts";
import { fortranName, lapackeName, NAMINGS, ROUTINE, ROUTINES } from "../ffi/symbols.ts";

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
