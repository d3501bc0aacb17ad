// test/fixtures/ldl.json (scripts/fixtures_ldl.py): scipy 1.10's answers for ldl,
// qr(pivoting=True) and lstsq(lapack_driver=...), in scipy.json's format, and the loop that
// checks one function against them in every layout of the shared case table (test/_cases.ts).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/ldl.json" with { type: "json" };
import type { Arr, Case } from "./_scipy_fixture.ts";
import { decode } from "./_scipy_fixture.ts";
import { NDArray } from "../mod.ts";
import type { ArrayLike } from "../mod.ts";
import { isSingle } from "../src/dtype.ts";
import { assertClose, LAYOUTS } from "./_cases.ts";

// deno-lint-ignore no-explicit-any
const raw = fixture as any;
/** The input arrays, by index. */
export const ARRAYS: NDArray[] = raw.arrays.map(decode);
/** The cases. */
export const CASES: Case[] = raw.cases;

const snapshot = (x: ArrayLike) => (x instanceof NDArray ? Array.from(x.data) : JSON.stringify(x));

/**
 * For each case of `fn`, in every layout: `run` gives the parts of the result, compared with
 * scipy's (int32 parts exactly), and the inputs stay unchanged.
 */
export function checkAgainstScipy(
  fn: string,
  // deno-lint-ignore no-explicit-any
  run: (args: ArrayLike[], options: any) => Record<string, unknown>,
): void {
  describe(`${fn}: scipy's answers for every case and layout`, () => {
    const cases = CASES.filter((c) => c.fn === fn);
    test("there are cases", () => assert.ok(cases.length > 0));
    for (const c of cases) {
      const args = c.args.map((i) => ARRAYS[i]);
      const single = isSingle(args[0].dtype);
      const tol = (single ? 2e-6 : 1e-12) * c.tol;
      for (const v of LAYOUTS.filter((v) => args.every((a) => v.applies(a)))) {
        test(`${c.name} / ${v.name}`, () => {
          const made = args.map((a) => v.make(a));
          const before = made.map(snapshot);
          const r = run(made, c.options);
          for (const [k, want] of Object.entries(c.result as Record<string, Arr>)) {
            const w = decode(want);
            const g = r[k];
            const what = `${c.name}: ${k}`;
            if (typeof g === "number") {
              assert.equal(g, w.item(), what);
              continue;
            }
            assert.ok(g instanceof NDArray, `${what} is missing`);
            assert.deepEqual(g.shape, w.shape, what);
            if (w.dtype === "int32") {
              assert.equal(g.dtype, "int32", what);
              assert.deepEqual(g.toArray(), w.toArray(), what);
              continue;
            }
            if (v.keepsDType) assert.equal(g.dtype, w.dtype, what);
            assertClose(g, w.toArray(), tol, what);
          }
          assert.deepEqual(made.map(snapshot), before, "inputs unchanged");
        });
      }
    }
  });
}
