import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { array, LinAlgError, linalg, zeros } from "../mod.ts";
import { assertClose, CASES, LAYOUTS, stackOf, tolerance } from "./_cases.ts";
import { isComplex } from "../src/dtype.ts";

const { det, slogdet } = linalg;
const cases = CASES.filter((c) => c.det !== undefined);

describe("det and slogdet: numpy's answers for every case and layout", () => {
  for (const c of cases) {
    for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
      test(`${c.name} / ${v.name}`, () => {
        const d = det(v.make(c.a));
        assert.deepEqual(d.shape, []);
        if (v.keepsDType) assert.equal(d.dtype, c.dtype);
        assertClose(d.item(), c.det, tolerance(c) * 10, `det ${c.name}`);
        const { sign, logabsdet } = slogdet(v.make(c.a));
        assertClose(sign.item(), c.slogdet!.sign, tolerance(c) * 10, `sign ${c.name}`);
        if (v.keepsDType) assert.equal(logabsdet.dtype, isComplex(c.dtype) ? (c.dtype === "complex64" ? "float32" : "float64") : c.dtype);
        const l = logabsdet.item() as number;
        const want = c.slogdet!.logabsdet;
        assert.ok(Number.isFinite(want) ? Math.abs(l - want) <= tolerance(c) * 100 * Math.max(1, Math.abs(want)) : l === want, `logabsdet ${l} vs ${want}`);
      });
    }
  }
});

describe("det: stacks", () => {
  for (const c of cases.filter((c) => c.a.shape[0] > 0 && !isComplex(c.dtype))) {
    test(`tile3: det(kA) = k^n det(A): ${c.name}`, () => {
      const n = c.a.shape[0];
      const r = det(stackOf(c.a, [1, 2, -1]));
      assert.deepEqual(r.shape, [3]);
      assertClose(r, [1, 2, -1].map((k) => c.det * k ** n), tolerance(c) * 10, c.name);
    });
  }
});

describe("det and slogdet: edge cases", () => {
  test("singular: det 0, sign 0, logabsdet -Infinity (no error, as numpy)", () => {
    assert.equal(det([[1, 2], [2, 4]]).item(), 0);
    const { sign, logabsdet } = slogdet([[1, 2], [2, 4]]);
    assert.equal(sign.item(), 0);
    assert.equal(logabsdet.item(), -Infinity);
  });
  test("0x0: det 1, slogdet (1, 0)", () => {
    assert.equal(det(zeros([0, 0])).item(), 1);
    const { sign, logabsdet } = slogdet(zeros([0, 0]));
    assert.equal(sign.item(), 1);
    assert.equal(logabsdet.item(), 0);
  });
  test("empty stack", () => {
    assert.deepEqual(det(zeros([0, 2, 2])).shape, [0]);
  });
  test("float32 stays float32", () => {
    assert.equal(det(array([[1, 2], [3, 4]], { dtype: "float32" })).dtype, "float32");
  });
  test("huge entries: det overflows to Infinity, slogdet does not", () => {
    const a = [[1e200, 0], [0, 1e200]];
    assert.equal(det(a).item(), Infinity);
    assert.ok(Math.abs((slogdet(a).logabsdet.item() as number) - 400 * Math.log(10)) < 1e-9);
  });
  test("complex sign has modulus 1", () => {
    const s = slogdet([[{ re: 0, im: 1 }, { re: 0, im: 0 }], [{ re: 0, im: 0 }, { re: 1, im: 0 }]]).sign.item() as { re: number; im: number };
    assert.ok(Math.abs(s.re) < 1e-15 && Math.abs(s.im - 1) < 1e-15);
  });
  test("non-square raises LinAlgError", () => {
    assert.throws(() => det([[1, 2, 3]]), LinAlgError);
    assert.throws(() => slogdet([1, 2]), LinAlgError);
  });
});
