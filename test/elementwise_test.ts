// Elementwise functions and reductions against numpy's answers (test/fixtures/arraycore.json,
// from scripts/fixtures_arraycore.py), plus NEP 50 cases written by hand (numpy 2's answers for
// every dtype and scalar kind are in nep50_test.ts).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/arraycore.json" with { type: "json" };
import * as dl from "../mod.ts";
import type { ArrayDType, NDArray } from "../mod.ts";
import { array, fromTypedArray, zeros } from "../mod.ts";
import { close, decode, fns, type Json, tolOf } from "./_numpy_fixture.ts";

function make(data: Json, dtype: string, shape: number[]): NDArray {
  const v = decode(data, dtype.startsWith("complex"), shape.length);
  if (dtype === "bool" || dtype === "int32") {
    const flat = (shape.length === 0 ? [v] : (v as unknown[]).flat(shape.length)) as (
      | number
      | boolean
    )[];
    const d = dtype === "bool" ? new Uint8Array(flat.length) : new Int32Array(flat.length);
    flat.forEach((x, i) => (d[i] = +x));
    return new dl.NDArray(d, dtype, shape);
  }
  return array(v as dl.ArrayLike, { dtype: dtype as ArrayDType }).reshape(shape);
}

describe("binary elementwise functions: every dtype pair, as numpy", () => {
  for (const c of fixture.binary) {
    const label = `${c.op} ${c.adtype}${JSON.stringify(c.ashape)} ${c.bdtype}${
      JSON.stringify(c.bshape)
    }`;
    test(label, () => {
      const a = make(c.a as Json, c.adtype, c.ashape);
      const b = make(c.b as Json, c.bdtype, c.bshape);
      const before = [a.toArray(), b.toArray()];
      if ("error" in c) {
        assert.throws(() => fns[c.op](a, b), TypeError);
        return;
      }
      const r = fns[c.op](a, b);
      assert.equal(r.dtype, c.dtype);
      assert.deepEqual(r.shape, c.shape);
      const want = decode(c.r as Json, c.dtype!.startsWith("complex"), c.shape!.length);
      close(r.toArray(), want, tolOf(c.dtype!) * (c.op === "power" ? 10 : 1), label);
      assert.deepEqual([a.toArray(), b.toArray()], before, "the inputs are unchanged");
    });
  }
});

describe("unary elementwise functions with special values, as numpy", () => {
  for (const c of fixture.unary) {
    const label = `${c.op} ${c.adtype}`;
    test(label, () => {
      const a = make(c.a as Json, c.adtype, c.ashape);
      if ("error" in c) {
        assert.throws(() => fns[c.op](a), TypeError);
        return;
      }
      const r = fns[c.op](a);
      assert.equal(r.dtype, c.dtype);
      const want = decode(c.r as Json, c.dtype!.startsWith("complex"), c.ashape.length);
      close(r.toArray(), want, tolOf(c.dtype!) * 4, label);
    });
  }
});

describe("reductions, as numpy", () => {
  for (const c of fixture.reductions) {
    const label = `${c.op} ${c.adtype} axis=${JSON.stringify(c.axis)}${
      c.keepdims ? " keepdims" : ""
    }`;
    test(label, () => {
      const a = make(c.a as Json, c.adtype, c.ashape);
      const r = fns[c.op](a, { axis: c.axis, keepdims: c.keepdims });
      assert.equal(r.dtype, c.dtype);
      assert.deepEqual(r.shape, c.shape);
      const want = decode(c.r as Json, c.dtype.startsWith("complex"), c.shape.length);
      close(r.toArray(), want, tolOf(c.dtype) * 8, label);
    });
  }
  test("a long contiguous float64 sum gives numpy's bits (pairwise, buffers of 8192)", () => {
    const n = fixture.longSum.n;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = ((i * 7919) % 1000) / 7;
    assert.equal(dl.sum(x).item(), fixture.longSum.sum);
    close(
      dl.sum(fromTypedArray(x, [100, 1000]), { axis: 1 }).toArray(),
      fixture.longSum.sumAxis1,
      0,
      "axis 1",
    );
  });
  test("empty min and max are errors, as numpy's; empty sum is 0, empty mean NaN", () => {
    assert.throws(() => dl.max([]), {
      name: "RangeError",
      message: /^Zero-size array to reduction operation maximum which has no identity/,
    });
    assert.throws(() => dl.min(zeros([2, 0]), { axis: 1 }), RangeError);
    assert.deepEqual(dl.min(zeros([0, 2]), { axis: 1 }).shape, [0]);
    assert.equal(dl.sum([]).item(), 0);
    assert.ok(Number.isNaN(dl.mean([]).item() as number));
    assert.throws(() => dl.argmax([]), RangeError);
  });
  test("errors: axis out of bounds, repeated, not an integer; unknown options", () => {
    assert.throws(() => dl.sum([[1]], { axis: 2 }), {
      name: "RangeError",
      message: "Axis 2 is out of bounds for an array of 2 dimensions in sum()",
    });
    assert.throws(() => dl.sum([[1]], { axis: [0, -2] }), RangeError);
    assert.throws(() => dl.sum([[1]], { axis: 0.5 }), TypeError);
    assert.throws(() => dl.sum([[1]], { where: true } as never), TypeError);
  });
  test("negative-stride views", () => {
    const a = array([[1, 2, 3], [4, 5, 6]]);
    const r = new dl.NDArray(a.data, "float64", [2, 3], [-3, -1], 5);
    assert.deepEqual(dl.sum(r, { axis: 0 }).toArray(), [9, 7, 5]);
    assert.deepEqual(dl.argmax(r, { axis: 1 }).toArray(), [0, 0]);
  });
});

describe("NEP 50: JS numbers are weak scalars", () => {
  const f32 = array([1, 2], { dtype: "float32" });
  const i32 = array([1, 2], { dtype: "int32" });
  const b = array([1, 0], { dtype: "bool" });
  const cases: [string, NDArray, unknown, string][] = [
    ["float32 + 1.5 stays float32", f32, 1.5, "float32"],
    ["float32 + 2 stays float32", f32, 2, "float32"],
    ["int32 + 2 stays int32", i32, 2, "int32"],
    ["int32 + 1.5 gives float64", i32, 1.5, "float64"],
    ["bool + true stays bool", b, true, "bool"],
    ["bool + 2 gives int32 (numpy: the default int)", b, 2, "int32"],
    ["bool + 0.5 gives float64", b, 0.5, "float64"],
    ["float32 + complex gives complex64", f32, { re: 0, im: 1 }, "complex64"],
    ["int32 + complex gives complex128", i32, { re: 0, im: 1 }, "complex128"],
    ["float64 + complex gives complex128", array([1]), { re: 0, im: 1 }, "complex128"],
  ];
  for (const [name, x, s, want] of cases) {
    test(name, () => {
      assert.equal(dl.add(x, s as number).dtype, want);
      assert.equal(dl.add(s as number, x).dtype, want);
    });
  }
  test("int32 / int32 and int32 / 2 give float64", () => {
    assert.equal(dl.divide(i32, i32).dtype, "float64");
    assert.deepEqual(dl.divide(i32, 2).toArray(), [0.5, 1]);
  });
  test("float32 + float64 array gives float64; two JS numbers give a 0-d array", () => {
    assert.equal(dl.add(f32, array([1, 1])).dtype, "float64");
    assert.equal(dl.add(2, 3).dtype, "int32");
    assert.equal(dl.add(2, 0.5).item(), 2.5);
  });
  test("an integer out of int32's range with an int32 array is a RangeError (numpy: OverflowError)", () => {
    assert.throws(() => dl.add(i32, 2 ** 40), RangeError);
  });
  test("int32 arithmetic wraps around as numpy's", () => {
    const big = array([2 ** 31 - 1], { dtype: "int32" });
    assert.deepEqual(dl.add(big, 1).toArray(), [-(2 ** 31)]);
    assert.deepEqual(dl.multiply(big, big).toArray(), [1]);
  });
});

describe("broadcasting, out, errors", () => {
  test("(3,1) with (4), (2,1,3) with (5,1), 0-d with anything", () => {
    assert.deepEqual(dl.add(zeros([3, 1]), zeros(4)).shape, [3, 4]);
    assert.deepEqual(dl.add(zeros([2, 1, 3]), zeros([5, 1])).shape, [2, 5, 3]);
    assert.deepEqual(dl.add(array(1), zeros([2, 0, 3])).shape, [2, 0, 3]);
  });
  test("shapes that do not broadcast: numpy's message, naming the function", () => {
    assert.throws(() => dl.add(zeros([3, 2]), zeros(4)), {
      name: "RangeError",
      message: "Operands of add() could not be broadcast together with shapes (3,2) (4)",
    });
  });
  test("out: written in place, returned; the same array as an input; a view", () => {
    const a = array([1, 2, 3]);
    const r = dl.add(a, a, { out: a });
    assert.equal(r, a);
    assert.deepEqual(a.toArray(), [2, 4, 6]);
    const m = zeros([2, 2]);
    dl.multiply([1, 2], [[1], [3]], { out: m.T });
    assert.deepEqual(m.toArray(), [[1, 3], [2, 6]]);
  });
  test("out overlapping an input partially reads the input first", () => {
    const x = array([1, 2, 3, 4]);
    const head = new dl.NDArray(x.data, "float64", [3], [1], 0);
    const tail = new dl.NDArray(x.data, "float64", [3], [1], 1);
    dl.add(head, 10, { out: tail });
    assert.deepEqual(x.toArray(), [1, 11, 12, 13]);
  });
  test("out: float64 result into float32 (same kind) works; into int32 is a TypeError", () => {
    const o = zeros(2, { dtype: "float32" });
    dl.add([1.5, 2], 1, { out: o });
    assert.deepEqual(o.toArray(), [2.5, 3]);
    assert.throws(() => dl.add([1.5], 1, { out: zeros(1, { dtype: "int32" }) }), {
      name: "TypeError",
      message:
        'Cannot cast the output of add() from float64 to int32 with casting rule "same_kind"',
    });
    assert.throws(() => dl.add([1], 1, { out: zeros(2) }), RangeError);
    const c = zeros(1, { dtype: "complex128" });
    dl.add([1], 1, { out: c });
    assert.deepEqual(c.toArray(), [{ re: 2, im: 0 }]);
  });
  test("bool subtract and negative are TypeErrors, as numpy's", () => {
    const b = array([1, 0], { dtype: "bool" });
    assert.throws(() => dl.subtract(b, b), TypeError);
    assert.throws(() => dl.negative(b), TypeError);
    assert.throws(() => dl.power(array([2], { dtype: "int32" }), -1), RangeError);
  });
  test("negative-stride views and empty arrays", () => {
    const a = array([1, 2, 3]);
    const r = new dl.NDArray(a.data, "float64", [3], [-1], 2);
    assert.deepEqual(dl.subtract(r, a).toArray(), [2, 0, -2]);
    assert.deepEqual(dl.sqrt(zeros([0, 2])).shape, [0, 2]);
  });
  test("where, isclose, allclose, real, imag", () => {
    assert.deepEqual(dl.where([1, 0, 1], [1, 2, 3], [[10], [20]]).toArray(), [[1, 10, 3], [
      1,
      20,
      3,
    ]]);
    assert.equal(dl.where([true], array([1], { dtype: "float32" }), 0.5).dtype, "float32");
    assert.deepEqual(dl.isclose([1, Infinity, NaN], [1 + 1e-9, Infinity, NaN]).toArray(), [
      true,
      true,
      false,
    ]);
    assert.equal(dl.allclose([1, NaN], [1, NaN], { equalNan: true }), true);
    assert.equal(dl.allclose([1, 2], [1, 2.5], { rtol: 0.3 }), true);
    assert.throws(() => dl.allclose([1], [1], { rtol: -1 }), TypeError);
    const z = array([{ re: 1, im: 2 }]);
    assert.equal(dl.real(z).data, z.data, "a view");
    assert.deepEqual(dl.imag(z).toArray(), [2]);
  });
  test("contiguous float64 loops run once (no per-element callback): a 1e6 add is fast", () => {
    const a = zeros([1000, 1000]);
    const r = dl.add(a, 1);
    assert.equal(dl.sum(r).item(), 1e6);
  });
});
