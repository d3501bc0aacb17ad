// The array core on views: every numpy fixture case of test/fixtures/arraycore.json (binary and
// unary elementwise functions, reductions) run again with each operand as a negative-stride
// view and as a strided view into a bigger buffer, plus empty operands of every dtype. The
// answers must be numpy's, and no byte of any input buffer may change.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/arraycore.json" with { type: "json" };
import * as dl from "../mod.ts";
import type { ArrayDType, NDArray } from "../mod.ts";
import { array, zeros } from "../mod.ts";
import { close, decode, fns, type Json, tolOf } from "./_numpy_fixture.ts";

function make(data: Json, dtype: string, shape: number[]): NDArray {
  const v = decode(data, dtype.startsWith("complex"), shape.length);
  return array(v as dl.ArrayLike, { dtype: dtype as ArrayDType }).reshape(shape);
}

/** The same values as `a`, as a view whose strides are all negative. */
function reversed(a: NDArray): NDArray {
  if (a.ndim === 0) return a;
  const all = a.shape.map(() => "::-1");
  return a.slice(...all).copy().slice(...all);
}

/** The same values as `a`, as a view of every other element of a bigger buffer. */
function strided(a: NDArray): NDArray {
  if (a.ndim === 0) return a;
  const big = zeros([...a.shape.slice(0, -1), 2 * a.shape[a.ndim - 1]], { dtype: a.dtype });
  const v = big.slice("...", "1::2");
  v.assign(a);
  return v;
}

/** A copy of the bytes of an array's whole buffer. */
const bytes = (a: NDArray): Uint8Array =>
  new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength).slice();

const views: [string, (a: NDArray) => NDArray][] = [
  ["negative strides", reversed],
  ["strided", strided],
];

for (const [kind, view] of views) {
  describe(`binary elementwise functions on ${kind} views, as numpy`, () => {
    for (const c of fixture.binary) {
      if ("error" in c) continue;
      const label = `${c.op} ${c.adtype}${JSON.stringify(c.ashape)} ${c.bdtype}${
        JSON.stringify(c.bshape)
      }`;
      test(label, () => {
        const a = view(make(c.a as Json, c.adtype, c.ashape));
        const b = view(make(c.b as Json, c.bdtype, c.bshape));
        const before = [bytes(a), bytes(b)];
        const r = fns[c.op](a, b);
        assert.equal(r.dtype, c.dtype);
        assert.deepEqual(r.shape, c.shape);
        const want = decode(c.r as Json, c.dtype!.startsWith("complex"), c.shape!.length);
        close(r.toArray(), want, tolOf(c.dtype!) * (c.op === "power" ? 10 : 1), label);
        assert.deepEqual([bytes(a), bytes(b)], before, "the input buffers are unchanged");
      });
    }
  });

  describe(`unary elementwise functions on ${kind} views, as numpy`, () => {
    for (const c of fixture.unary) {
      if ("error" in c) continue;
      test(`${c.op} ${c.adtype}`, () => {
        const a = view(make(c.a as Json, c.adtype, c.ashape));
        const before = bytes(a);
        const r = fns[c.op](a);
        assert.equal(r.dtype, c.dtype);
        const want = decode(c.r as Json, c.dtype!.startsWith("complex"), c.ashape.length);
        close(r.toArray(), want, tolOf(c.dtype!) * 4, `${c.op} ${c.adtype}`);
        assert.deepEqual(bytes(a), before);
      });
    }
  });

  describe(`reductions on ${kind} views, as numpy`, () => {
    for (const c of fixture.reductions) {
      const label = `${c.op} ${c.adtype} axis=${JSON.stringify(c.axis)}${
        c.keepdims ? " keepdims" : ""
      }`;
      test(label, () => {
        const a = view(make(c.a as Json, c.adtype, c.ashape));
        const before = bytes(a);
        const r = fns[c.op](a, { axis: c.axis, keepdims: c.keepdims });
        assert.equal(r.dtype, c.dtype);
        assert.deepEqual(r.shape, c.shape);
        const want = decode(c.r as Json, c.dtype.startsWith("complex"), c.shape.length);
        close(r.toArray(), want, tolOf(c.dtype) * 8, label);
        assert.deepEqual(bytes(a), before);
      });
    }
  });
}

describe("empty operands of every dtype", () => {
  test("views of empty arrays, reversed (numpy: a[::-1, ::-1] of shape (0, 3))", () => {
    const e = zeros([0, 3]);
    assert.deepEqual(e.slice("::-1", "::-1").shape, [0, 3]);
    assert.deepEqual(e.slice(":", "::-2").shape, [0, 2]);
    assert.deepEqual(e.slice(":", 1).shape, [0]);
  });
  const DTYPES: ArrayDType[] = ["bool", "int32", "float32", "float64", "complex64", "complex128"];
  const binary = [...new Set(fixture.binary.map((c) => c.op))];
  const unary = [...new Set(fixture.unary.map((c) => c.op))];
  for (const d of DTYPES) {
    test(d, () => {
      const e = zeros([2, 0], { dtype: d });
      const one = zeros([1, 1], { dtype: d });
      for (const op of binary) {
        if (d === "bool" && op === "subtract") continue;
        const r = fns[op](e, one);
        assert.deepEqual(r.shape, [2, 0], op);
      }
      for (const op of unary) {
        if (d === "bool" && op === "negative") continue;
        assert.deepEqual(fns[op](e).shape, [2, 0], op);
      }
      assert.deepEqual(dl.where(e, e, one).shape, [2, 0]);
      assert.deepEqual(dl.isclose(e, one).shape, [2, 0]);
      assert.equal(dl.allclose(e, one), true);
      const zero = d.startsWith("complex") ? { re: 0, im: 0 } : 0;
      assert.deepEqual(dl.sum(e, { axis: 1 }).toArray(), [zero, zero]);
      assert.deepEqual(dl.any(e, { axis: 0 }).shape, [0]);
      const out = zeros([2, 0], { dtype: "complex128" });
      if (d !== "bool") assert.equal(dl.add(e, one, { out }), out);
    });
  }
});

describe("a.real and a.imag: attributes, as numpy's", () => {
  test("views of a complex array's parts; writes show in the array", () => {
    const z = array([{ re: 1, im: 2 }, { re: 3, im: -4 }], { dtype: "complex64" });
    assert.equal(z.real.dtype, "float32");
    assert.deepEqual(z.real.toArray(), [1, 3]);
    assert.deepEqual(z.imag.toArray(), [2, -4]);
    z.imag.fill(0);
    assert.deepEqual(z.toArray(), [{ re: 1, im: 0 }, { re: 3, im: 0 }]);
  });
  test("a real array: itself (a view) and zeros", () => {
    const a = array([[1, 2], [3, 4]]).T;
    assert.equal(a.real.data, a.data);
    assert.deepEqual(a.real.toArray(), [[1, 3], [2, 4]]);
    assert.deepEqual(a.imag.toArray(), [[0, 0], [0, 0]]);
  });
});

describe("no input changes: building, views, tests", () => {
  test("every function leaves its input buffers as they were", () => {
    const base = array([[1, -2, 3], [4, 5, -6]]);
    const a = base.slice("::-1", "::2"); // a negative-stride, strided view: [[4, -6], [1, 3]]
    const b = array([[true, false], [false, true]]);
    const before = [bytes(base), bytes(b)];
    const calls: [string, () => unknown][] = [
      ["concatenate", () => dl.concatenate([a, a], { axis: 1 })],
      ["stack", () => dl.stack([a, a])],
      ["vstack", () => dl.vstack([a, a])],
      ["hstack", () => dl.hstack([a, a])],
      ["diag", () => dl.diag(a)],
      ["tril", () => dl.tril(a)],
      ["triu", () => dl.triu(a, { k: 1 })],
      ["zerosLike", () => dl.zerosLike(a)],
      ["onesLike", () => dl.onesLike(a)],
      ["expandDims", () => dl.expandDims(a, 0)],
      ["squeeze", () => dl.squeeze(dl.expandDims(a, 0))],
      ["swapaxes", () => dl.swapaxes(a, 0, 1)],
      ["moveaxis", () => dl.moveaxis(a, 0, 1)],
      ["broadcastTo", () => dl.broadcastTo(a, [3, 2, 2])],
      ["flatten", () => a.flatten()],
      ["copy", () => a.copy()],
      ["astype", () => a.astype("int32")],
      ["toTypedArray", () => a.toTypedArray()],
      ["toArray", () => a.toArray()],
      ["where", () => dl.where(b, a, 0)],
      ["isclose", () => dl.isclose(a, b)],
      ["allclose", () => dl.allclose(a, a)],
      ["isfinite", () => dl.isfinite(a)],
      ["real", () => dl.real(a)],
      ["imag", () => dl.imag(a)],
      ["matmul", () => a.matmul(a)],
      ["argmax", () => dl.argmax(a)],
      ["asarray", () => dl.asarray(a, { dtype: "float32" })],
    ];
    for (const [name, f] of calls) {
      f();
      assert.deepEqual([bytes(base), bytes(b)], before, name);
    }
  });
});
