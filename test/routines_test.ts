// The declaration layer (ffi/routines.ts): the signatures derived from the declarations are
// what the kernels and lapack.* are checked against. `deno test` type-checks this file, so
// each `@ts-expect-error` below proves a wrong call is a compile error; the runtime part
// checks what the declarations expand to.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ROUTINE, TEMPLATES, variantName } from "../ffi/routines.ts";
import type { LapackRoutines, RoutineFn, RoutineName } from "../ffi/routines.ts";
import { atLeast, declare, dim, x } from "../ffi/declare.ts";
import { lapack } from "../src/lapack.ts";
import type { LapackFunctions } from "../src/lapack.ts";

/** Type-only: never called (a call would bind and run LAPACK on nonsense). */
function typeChecks(L: LapackRoutines, routine: <K extends RoutineName>(k: K) => RoutineFn<K>) {
  const a = new Float64Array(4), s = new Float32Array(4), ipiv = new Int32Array(2);
  L.dgetrf(2, 2, a, 2, ipiv);
  // @ts-expect-error: wrong order (the array where M goes)
  L.dgetrf(2, a, 2, 2, ipiv);
  // @ts-expect-error: one argument short
  L.dgetrf(2, 2, a, 2);
  // @ts-expect-error: a Float32Array for a double routine
  L.dgetrf(2, 2, s, 2, ipiv);
  // @ts-expect-error: 'X' is not a TRANS letter
  L.dgetrs("X", 2, 1, a, 2, ipiv, a, 2);
  // @ts-expect-error: IPIV must be an Int32Array
  L.dgetrs("N", 2, 1, a, 2, a, a, 2);
  // @ts-expect-error: there is no complex syevd (it is heevd)
  void L.zsyevd;
  L.zheevd("V", "U", 2, a, 2, a, a, 1, a, 1, ipiv, 1);
  // @ts-expect-error: heevd has RWORK and LRWORK
  L.zheevd("V", "U", 2, a, 2, a, a, 1, ipiv, 1);

  // What kernels do: one routine for a dtype chosen at run time.
  const t = "d" as "s" | "d" | "c" | "z";
  const fa: Float32Array | Float64Array = a;
  const getrf = routine(`${t}getrf`);
  getrf(2, 2, fa, 2, ipiv);
  // @ts-expect-error: wrong count in a kernel's call
  getrf(2, 2, fa, 2);
  const getri = routine(`${t}getri`);
  // @ts-expect-error: WORK and LWORK swapped
  getri(2, fa, 2, ipiv, 4, fa);
  const geev = routine(`${t}geev`);
  geev("N", "V", 2, fa, 2, fa, fa, fa, 1, fa, 2, fa, 8); // real: WR, WI
  geev("N", "V", 2, fa, 2, fa, fa, 1, fa, 2, fa, 8, fa); // complex: W, RWORK
  // @ts-expect-error: neither variant's arguments
  geev("N", "V", 2, fa, 2, fa, fa, 1, fa, 2, fa, 8);
  // @ts-expect-error: the checked namespace has the same signatures
  lapack.dpotrf("U", 2, a);
}

describe("routines: one declaration per template", () => {
  test("the signatures are compile-time checked (see the @ts-expect-error lines)", () => {
    assert.equal(typeof typeChecks, "function");
  });

  test("a declaration without a requirement for each argument does not compile", () => {
    const ok = declare({
      types: "sdcz",
      fortran: "SUBROUTINE xPOTRI( UPLO, N, A, LDA, INFO )",
      // @ts-expect-error: UPLO has no requirement
      req: { N: dim, A: x("LDA*N"), LDA: atLeast("max(1,N)") },
    });
    declare({
      types: "sd",
      fortran: "SUBROUTINE xFOO( N, A, LDA, INFO )",
      // @ts-expect-error: LDB is not an argument
      req: { N: dim, A: x("LDA*N"), LDA: atLeast("max(1,N)"), LDB: dim },
    });
    assert.equal(ok.types, "sdcz");
  });

  test("variants: names and arguments from the prototypes", () => {
    assert.equal(variantName("s", "orgqr"), "sorgqr");
    assert.equal(variantName("z", "orgqr"), "zungqr");
    assert.equal(variantName("c", "syevd"), "cheevd");
    assert.deepEqual(ROUTINE.zheevd.kinds.filter((k) => k === "a").length, 5);
    assert.deepEqual(ROUTINE.dgetrs.kinds, ["c", "i", "i", "a", "i", "a", "a", "i", "info"]);
    assert.deepEqual(ROUTINE.dgemm.kinds[5], "s");
    assert.equal(ROUTINE.ddot.ret, "real");
    assert.equal(ROUTINE.dgelsd.kinds[8], "r");
    for (const [id, t] of Object.entries(TEMPLATES)) {
      for (const c of t.types) assert.ok(ROUTINE[variantName(c as "s", id as "gesv")], id + c);
    }
  });
});

describe("routines: the public signatures", () => {
  test("src/lapack/signatures.ts is what scripts/gen_signatures.ts writes", async () => {
    const { signaturesSource } = await import("../scripts/gen_signatures.ts");
    const { readFileSync } = await import("node:fs");
    const have = readFileSync(new URL("../src/lapack/signatures.ts", import.meta.url), "utf8");
    // The file is deno-fmt'ed: compare without whitespace.
    const squash = (s: string) => s.replace(/\s+/g, "").replace(/,\)/g, ")");
    assert.ok(
      squash(have) === squash(signaturesSource()),
      "src/lapack/signatures.ts is stale: run deno run -A scripts/gen_signatures.ts",
    );
  });

  test("they equal the signatures the compiler derives from the declarations", () => {
    type Same<A, B> = [A] extends [B] ? [B] extends [A] ? true : false : false;
    const same: Same<LapackRoutines, LapackFunctions> = true;
    assert.equal(same, true);
  });
});
