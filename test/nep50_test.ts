// NEP 50: a JS scalar is a weak operand. Every binary elementwise function and `where`, with
// every dtype and every kind of JS scalar (boolean, integer-valued number, other number,
// { re, im }) on either side, against numpy's answers (test/fixtures/nep50.json, from
// scripts/fixtures_nep50.py, numpy 2).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/nep50.json" with { type: "json" };
import * as dl from "../mod.ts";
import type { ArrayDType } from "../mod.ts";
import { array } from "../mod.ts";
import { close, decode, fns, type Json, tolOf } from "./_numpy_fixture.ts";

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
      close(r.toArray(), want, tolOf(c.dtype!, 4e-6), label);
      assert.deepEqual(a.toArray(), before);
    });
  }
});
