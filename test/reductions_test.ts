// Reductions: the result dtype of int32 and bool sums and products (float64, no wraparound);
// `out` (numpy's answers in test/fixtures/arraycore.json, from scripts/fixtures_arraycore.py)
// and `dtype`.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/arraycore.json" with { type: "json" };
import * as dl from "../mod.ts";
import type { ArrayDType } from "../mod.ts";
import { all, any, argmax, argmin, array, max, mean, min, prod, sum, zeros } from "../mod.ts";
import { close, decode, fns, type Json, tolOf } from "./_numpy_fixture.ts";

describe("sum and prod of int32 and bool: float64, exact, no wraparound", () => {
  test("sum of [2**31 - 1, 1] as int32 is 2147483648, not negative", () => {
    const s = sum(array([2 ** 31 - 1, 1], { dtype: "int32" }));
    assert.equal(s.dtype, "float64");
    assert.equal(s.item(), 2147483648);
  });
  test("exact up to 2^53: a big int32 sum along an axis", () => {
    const a = array(new Int32Array(4096).fill(2 ** 31 - 1));
    assert.equal(sum(a).item(), 4096 * (2 ** 31 - 1));
    const m = a.reshape(64, 64);
    assert.deepEqual(sum(m, { axis: 0 }).toArray(), new Array(64).fill(64 * (2 ** 31 - 1)));
  });
  test("prod of int32 past 2^31 is the true product", () => {
    const p = prod(array([65536, 65536, -3], { dtype: "int32" }));
    assert.equal(p.dtype, "float64");
    assert.equal(p.item(), -3 * 2 ** 32);
  });
  test("bool: counts, and the product is 0 or 1", () => {
    const b = array([[true, false, true], [true, true, true]]);
    assert.equal(sum(b).dtype, "float64");
    assert.deepEqual(sum(b, { axis: 1 }).toArray(), [2, 3]);
    assert.deepEqual(prod(b, { axis: 1 }).toArray(), [0, 1]);
    assert.equal(mean(b).dtype, "float64");
    assert.equal(mean(b).item(), 5 / 6);
  });
  test("empty: 0 and 1 in float64", () => {
    const e = array([], { dtype: "int32" });
    assert.equal(sum(e).item(), 0);
    assert.equal(prod(e).item(), 1);
    assert.equal(sum(e).dtype, "float64");
  });
  test("the input does not change", () => {
    const a = array([1, 2, 3], { dtype: "int32" });
    sum(a);
    prod(a);
    assert.deepEqual(a.toArray(), [1, 2, 3]);
    assert.equal(a.dtype, "int32");
  });
});

describe("out: every reduction into every dtype, as numpy", () => {
  for (const c of fixture.reduceOut) {
    const label = `${c.op} ${c.adtype} axis=${JSON.stringify(c.axis)}${
      c.keepdims ? " keepdims" : ""
    } into ${c.odtype}`;
    test(label, () => {
      const a = array(
        decode(c.a as Json, c.adtype.startsWith("complex"), 3) as dl.ArrayLike,
        { dtype: c.adtype as ArrayDType },
      );
      const before = a.toArray();
      const options = c.op.startsWith("arg")
        ? { axis: c.axis as number }
        : { axis: c.axis, keepdims: c.keepdims };
      // A negative-stride view of a bigger array as out: only its elements change.
      const big = zeros([...c.shape.slice(0, -1), 2 * (c.shape.at(-1) ?? 1)], {
        dtype: c.odtype as ArrayDType,
      });
      const out = c.shape.length === 0 ? zeros([], { dtype: c.odtype as ArrayDType }) : big.slice(
        "...",
        "::-2",
      );
      if (c.error !== undefined) {
        assert.throws(() => fns[c.op](a, { ...options, out }), TypeError);
        assert.deepEqual(big.toArray(), zeros(big.shape, { dtype: big.dtype }).toArray());
        return;
      }
      assert.equal(fns[c.op](a, { ...options, out }), out);
      const want = decode(c.r as Json, c.odtype.startsWith("complex"), c.shape.length);
      close(out.toArray(), want, tolOf(c.odtype) * 8, label);
      if (c.shape.length > 0) {
        // The other half of big is untouched.
        const rest = big.slice("...", "-2::-2");
        assert.deepEqual(rest.toArray(), zeros(rest.shape, { dtype: rest.dtype }).toArray());
      }
      assert.deepEqual(a.toArray(), before);
    });
  }
});

describe("out: shapes, overlap, keepdims, empty", () => {
  test("the exact reduced shape; keepdims keeps size-1 axes", () => {
    const a = dl.ones([2, 3]);
    assert.deepEqual(sum(a, { axis: 0, out: zeros(3) }).toArray(), [2, 2, 2]);
    assert.deepEqual(sum(a, { axis: 0, keepdims: true, out: zeros([1, 3]) }).toArray(), [[
      2,
      2,
      2,
    ]]);
    assert.equal(sum(a, { out: zeros([]) }).item(), 6);
    assert.deepEqual(sum(a, { keepdims: true, out: zeros([1, 1]) }).toArray(), [[6]]);
  });
  test("errors: out's shape (numpy's ValueError as a RangeError naming both shapes)", () => {
    const a = dl.ones([2, 3]);
    assert.throws(() => sum(a, { axis: 0, out: zeros([3, 1]) }), {
      name: "RangeError",
      message: "Invalid out for sum(): its shape is (3,1), the result's is (3)",
    });
    assert.throws(() => max(a, { axis: 0, keepdims: true, out: zeros(3) }), {
      name: "RangeError",
      message: "Invalid out for max(): its shape is (3), the result's is (1,3)",
    });
    assert.throws(() => argmin(a, { out: zeros([1], { dtype: "int32" }) }), {
      name: "RangeError",
      message: "Invalid out for argmin(): its shape is (1), the result's is ()",
    });
  });
  test("errors: out's dtype and type, numpy's casting words", () => {
    const a = dl.ones([2, 3]);
    assert.throws(() => sum(a, { out: zeros([], { dtype: "int32" }) }), {
      name: "TypeError",
      message:
        'Cannot cast the output of sum() from float64 to int32 with casting rule "same_kind"',
    });
    assert.throws(() => argmax(a, { out: zeros([]) }), {
      name: "TypeError",
      message: "Invalid out for argmax(): the indices are int32, and out is float64",
    });
    assert.throws(() => mean(a, { out: [0] as never }), {
      name: "TypeError",
      message: "Invalid out for mean(): expected an NDArray, got an array",
    });
    assert.throws(() => min(a, { dtype: "float32" } as never), {
      name: "TypeError",
      message: 'Unknown option "dtype" for min(): it takes axis, keepdims, out',
    });
  });
  test("out may be the input or overlap it: the input is read first", () => {
    const a = array([[1, 2], [3, 4]]);
    sum(a, { axis: 0, out: a.slice(0) });
    assert.deepEqual(a.toArray(), [[4, 6], [3, 4]]);
    const b = array([[1, 2], [3, 4]]);
    max(b, { axis: 1, out: b.slice(":", 1) });
    assert.deepEqual(b.toArray(), [[1, 2], [3, 4]]);
    const c = array([[1, 2], [3, 4]]);
    prod(c, { axis: 1, out: c.slice("::-1", 0) });
    assert.deepEqual(c.toArray(), [[12, 2], [2, 4]]);
    const i = array([[5, 1], [0, 7]], { dtype: "int32" });
    argmin(i, { axis: 1, out: i.slice(":", 0) });
    assert.deepEqual(i.toArray(), [[1, 1], [0, 7]]);
  });
  test("negative-stride input and out", () => {
    const a = array([[1, 2, 3], [4, 5, 6]]).slice("::-1", "::-1");
    const o = zeros(3);
    sum(a, { axis: 0, out: o.slice("::-1") });
    assert.deepEqual(o.toArray(), [5, 7, 9]);
    const m = zeros([2, 1], { dtype: "int32" });
    argmax(a, { axis: 1, keepdims: true, out: m });
    assert.deepEqual(m.toArray(), [[0], [0]]);
  });
  test("empty arrays: the identity, or numpy's no-identity error before out is written", () => {
    const e = zeros([0, 3]);
    const o = zeros(3).fill(7);
    assert.deepEqual(sum(e, { axis: 0, out: o }).toArray(), [0, 0, 0]);
    assert.deepEqual(prod(e, { axis: 0, out: o }).toArray(), [1, 1, 1]);
    assert.deepEqual(all(e, { axis: 0, out: o }).toArray(), [1, 1, 1]);
    assert.deepEqual(any(e, { axis: 0, out: o }).toArray(), [0, 0, 0]);
    o.fill(7);
    assert.throws(() => max(e, { axis: 0, out: o }), RangeError);
    assert.deepEqual(o.toArray(), [7, 7, 7]);
    assert.deepEqual(sum(e, { axis: 1, out: zeros(0) }).shape, [0]);
  });
  test("methods take out too", () => {
    const a = array([[1, 2], [3, 4]]);
    const o = zeros(2);
    assert.equal(a.sum({ axis: 1, out: o }), o);
    assert.deepEqual(o.toArray(), [3, 7]);
    assert.deepEqual(a.mean({ axis: 0, out: o }).toArray(), [2, 3]);
  });
});

describe("dtype on sum, prod and mean, as numpy", () => {
  test("int32 accumulation wraps around as numpy's (asked for); the default does not", () => {
    const i = array([2 ** 31 - 1, 1], { dtype: "int32" });
    assert.equal(sum(i, { dtype: "int32" }).item(), -(2 ** 31));
    assert.equal(sum(i, { out: zeros([], { dtype: "int32" }) }).item(), -(2 ** 31));
    assert.equal(sum(i).item(), 2 ** 31);
    const p = array([[65536, 3], [65536, 5]], { dtype: "int32" });
    assert.equal(prod(p, { axis: [0, 1], dtype: "int32" }).item(), 0); // 2^32 wraps to 0
    assert.equal(prod(p, { axis: [0, 1] }).item(), 15 * 2 ** 32);
  });
  test("floats into int32 truncate first (numpy casts each element)", () => {
    assert.equal(sum([1.5, 2.5], { dtype: "int32" }).item(), 3);
    assert.equal(sum([-1.5, -2.5], { dtype: "i4" }).dtype, "int32");
    assert.equal(mean([1, 2], { dtype: "int32" }).item(), 1);
  });
  test("bool accumulation: logical or (sum, mean) and and (prod)", () => {
    assert.equal(sum([true, true], { dtype: "bool" }).item(), true);
    assert.equal(sum([0, 0], { dtype: "bool" }).item(), false);
    assert.equal(prod([2, 0], { dtype: "bool" }).item(), false);
    assert.equal(mean([true, false], { dtype: "bool" }).item(), true);
  });
  test("float and complex dtypes", () => {
    const s = sum(array([1, 2], { dtype: "int32" }), { dtype: "float32" });
    assert.equal(s.dtype, "float32");
    assert.equal(s.item(), 3);
    assert.deepEqual(sum([1, 2], { dtype: "complex64" }).item(), { re: 3, im: 0 });
    assert.deepEqual(mean([[1, 2], [3, 5]], { axis: 1, dtype: "float32" }).toArray(), [1.5, 4]);
  });
  test("errors: complex to real, unknown dtype", () => {
    assert.throws(() => sum([{ re: 1, im: 1 }], { dtype: "float64" }), {
      name: "TypeError",
      message:
        "Cannot cast the input of sum() from complex128 to float64 without losing the imaginary part",
    });
    assert.throws(() => prod([1], { dtype: "int64" }), TypeError);
  });
});
