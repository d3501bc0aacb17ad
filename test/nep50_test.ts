// NEP 50: a JS scalar is a weak operand. Every binary elementwise function and `where`, with
// every dtype and every kind of JS scalar (boolean, integer-valued number, other number,
// { re, im }) on either side, against numpy's answers (test/fixtures/nep50.json, from
// scripts/fixtures_nep50.py, numpy 2).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/nep50.json" with { type: "json" };
import * as dl from "../mod.ts";
import type { ArrayDType, NDArray } from "../mod.ts";
import { array } from "../mod.ts";

type Json = number | string | boolean | Json[];
const num = (x: Json): number =>
  x === "nan" ? NaN : x === "inf" ? Infinity : x === "-inf" ? -Infinity : (x as number);
function decode(x: Json, complex: boolean, depth: number): unknown {
  if (depth === 0) {
    if (complex) return { re: num((x as Json[])[0]), im: num((x as Json[])[1]) };
    return typeof x === "boolean" ? x : num(x);
  }
  return (x as Json[]).map((y) => decode(y, complex, depth - 1));
}
function close(got: unknown, want: unknown, tol: number, where: string): void {
  if (Array.isArray(want)) {
    assert.ok(Array.isArray(got), where);
    assert.equal(got.length, want.length, where);
    want.forEach((w, i) => close((got as unknown[])[i], w, tol, `${where}[${i}]`));
  } else if (typeof want === "object" && want !== null) {
    const w = want as { re: number; im: number };
    const g = got as { re: number; im: number };
    close(g.re, w.re, tol, where + ".re");
    close(g.im, w.im, tol, where + ".im");
  } else if (typeof want === "number" && typeof got === "number" && Number.isFinite(want)) {
    assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `${where}: ${got}`);
  } else assert.equal(got, want, where);
}
const tolOf = (d: string): number =>
  d === "float32" || d === "complex64" ? 4e-6 : d === "float64" || d === "complex128" ? 1e-14 : 0;
// deno-lint-ignore no-explicit-any
const fns = dl as unknown as Record<string, (...a: any[]) => NDArray>;

describe("NEP 50: JS scalars with every dtype, as numpy", () => {
  for (const c of fixture.weak) {
    const s = JSON.stringify(c.scalar);
    const label = c.side === "left"
      ? `${c.op}(${s}, ${c.adtype})`
      : `${c.op}(${c.op === "where" ? "cond, " : ""}${c.adtype}, ${s})`;
    test(label, () => {
      const a = array(
        decode(c.a as Json, c.adtype.startsWith("complex"), 2) as dl.ArrayLike,
        { dtype: c.adtype as ArrayDType },
      );
      const before = a.toArray();
      const v = c.scalar as number;
      const run = () =>
        c.op === "where"
          ? dl.where(c.cond as boolean[][], a, v)
          : c.side === "left"
          ? fns[c.op](v, a)
          : fns[c.op](a, v);
      if (c.error !== undefined) {
        assert.throws(run, TypeError);
        return;
      }
      const r = run();
      assert.equal(r.dtype, c.dtype);
      assert.deepEqual(r.shape, [2, 3]);
      const want = decode(c.r as Json, c.dtype!.startsWith("complex"), 2);
      close(r.toArray(), want, tolOf(c.dtype!), label);
      assert.deepEqual(a.toArray(), before);
    });
  }
});
