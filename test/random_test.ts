// random and randn: the same numbers on Deno, Bun and Node (the values below were made by one
// runtime; this file runs on all three), in range, with the right moments.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mean, randn, random } from "../mod.ts";
import { fdlibmLog } from "../src/random.ts";

describe("random and randn", () => {
  test("the same seed gives the same numbers on every runtime", () => {
    assert.deepEqual(random(4, { seed: 42 }).toArray(), [
      0.6606157208001621,
      0.1117019639532224,
      0.0791056456144914,
      0.015209237180418,
    ]);
    assert.deepEqual(randn(5, { seed: 7 }).toArray(), [
      -1.5370383110628956,
      -0.2949978339025397,
      2.7798852822589497,
      0.5592582996313386,
      1.170719761828895,
    ]);
  });
  test("uniform in [0, 1) with mean 1/2 and variance 1/12; float32 rounds the same values", () => {
    const a = random([100, 1000], { seed: 5 });
    const v = a.toTypedArray();
    assert.ok(v.every((x) => x >= 0 && x < 1));
    assert.ok(Math.abs((mean(a).item() as number) - 0.5) < 0.005);
    const s = random(10, { seed: 5, dtype: "float32" }).toArray();
    assert.deepEqual(s, Array.from(v.subarray(0, 10), Math.fround));
  });
  test("normal: mean 0, variance 1", () => {
    const x = randn(100001, { seed: 3 }).toTypedArray();
    let m = 0;
    for (const v of x) m += v;
    m /= x.length;
    let q = 0;
    for (const v of x) q += (v - m) ** 2;
    assert.ok(Math.abs(m) < 0.01);
    assert.ok(Math.abs(q / x.length - 1) < 0.02);
  });
  test("the log behind randn is fdlibm's: within one ulp of Math.log", () => {
    for (let i = 1; i < 20000; i++) {
      const x = i / 20001;
      const a = fdlibmLog(x);
      const b = Math.log(x);
      assert.ok(Math.abs(a - b) <= Math.abs(b) * 2.3e-16, `log(${x}): ${a} vs ${b}`);
    }
    assert.equal(fdlibmLog(1), 0);
    assert.ok(Math.abs(fdlibmLog(5e-324) - Math.log(5e-324)) < 1e-12);
  });
  test("errors: seed, dtype, shape, unknown options", () => {
    assert.throws(() => random(2, { seed: -1 }), TypeError);
    assert.throws(() => random(2, { seed: 1.5 }), TypeError);
    assert.throws(() => random(2, { dtype: "int32" as "float64" }), TypeError);
    assert.throws(() => random([2, -1]), RangeError);
    assert.throws(() => randn(2, { sed: 1 } as never), TypeError);
    assert.deepEqual(random([0, 3]).shape, [0, 3]);
  });
});
