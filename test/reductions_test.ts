// Reductions: the result dtype of int32 and bool sums and products (float64, no wraparound).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { array, mean, prod, sum } from "../mod.ts";

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
