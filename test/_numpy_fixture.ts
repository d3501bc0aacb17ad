// The numpy fixtures of the array core (test/fixtures/arraycore.json, nep50.json): decoding
// their values and comparing results with them, shared by the elementwise, NEP 50, reductions
// and views tests.
import assert from "node:assert/strict";
import * as dl from "../mod.ts";
import type { NDArray } from "../mod.ts";

/** A fixture value: numbers, booleans, "nan"/"inf"/"-inf" strings, nested arrays. */
export type Json = number | string | boolean | Json[];

/** A fixture number: "nan"/"inf"/"-inf" strings decoded. */
export const num = (x: Json): number =>
  x === "nan" ? NaN : x === "inf" ? Infinity : x === "-inf" ? -Infinity : (x as number);

/** Decodes a fixture value of `depth` nested levels: [re, im] pairs for complex dtypes. */
export function decode(x: Json, complex: boolean, depth: number): unknown {
  if (depth === 0) {
    if (complex) {
      const [re, im] = x as Json[];
      return { re: num(re), im: num(im) };
    }
    return typeof x === "boolean" ? x : num(x);
  }
  return (x as Json[]).map((y) => decode(y, complex, depth - 1));
}

/** Compares nested values: exact for bool/int (tol 0), within tol for floats, NaN equal to NaN. */
export function close(got: unknown, want: unknown, tol: number, where: string): void {
  if (Array.isArray(want)) {
    assert.ok(Array.isArray(got), `${where}: expected an array`);
    assert.equal(got.length, want.length, `${where}: length`);
    want.forEach((w, i) => close((got as unknown[])[i], w, tol, `${where}[${i}]`));
  } else if (typeof want === "object" && want !== null) {
    const w = want as dl.Complex;
    const g = got as dl.Complex;
    close(g.re, w.re, tol, where + ".re");
    close(g.im, w.im, tol, where + ".im");
  } else if (typeof want === "number" && typeof got === "number") {
    if (Number.isNaN(want)) assert.ok(Number.isNaN(got), `${where}: ${got} is not NaN`);
    else if (!Number.isFinite(want) || tol === 0) assert.equal(got, want, where);
    else {
      assert.ok(
        Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)),
        `${where}: got ${got}, want ${want}`,
      );
    }
  } else assert.equal(got, want, where);
}

/** The relative tolerance of a dtype: `single` for float32/complex64, 1e-14 double, 0 exact. */
export const tolOf = (d: string, single = 2e-6): number =>
  d === "float32" || d === "complex64" ? single : d === "float64" || d === "complex128" ? 1e-14 : 0;

/** The public functions by name. */
// deno-lint-ignore no-explicit-any
export const fns = dl as unknown as Record<string, (...a: any[]) => NDArray>;
