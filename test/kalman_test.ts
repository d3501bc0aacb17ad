// The README's Kalman filter, 1,000 steps, against the same filter in numpy
// (test/fixtures/kalman.json from scripts/fixtures_kalman.py).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/kalman.json" with { type: "json" };
import { array } from "../mod.ts";
import { kalman } from "../bench/_kalman.ts";

describe("Kalman filter", () => {
  test("1,000 steps agree with numpy's to 1e-10", () => {
    const zs = fixture.zs.map((z) => array(z));
    let worst = 0;
    const { P } = kalman(zs, (x, k) => {
      const want = fixture.xs[k];
      const got = x.toArray() as number[];
      for (let i = 0; i < 4; i++) {
        worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
      }
    });
    assert.ok(worst < 1e-10, `largest relative difference ${worst}`);
    const p = P.toArray() as number[][];
    p.forEach((row, i) =>
      row.forEach((v, j) => assert.ok(Math.abs(v - fixture.P[i][j]) < 1e-10, `P[${i}][${j}]`))
    );
    assert.equal(zs[0].toArray()[0], fixture.zs[0][0], "the inputs are unchanged");
  });
});
