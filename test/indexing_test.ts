// Basic indexing (views), assignment and building arrays, against numpy's answers
// (test/fixtures/arraycore.json from scripts/fixtures_arraycore.py).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/arraycore.json" with { type: "json" };
import * as dl from "../mod.ts";
import type { IndexItem } from "../mod.ts";
import { arange, array, zeros } from "../mod.ts";

const A = () => arange(24).reshape(2, 3, 4);

describe("slice(): numpy's basic indexing, as views", () => {
  for (const c of fixture.indexing) {
    test(JSON.stringify(c.index), () => {
      const a = A();
      const v = a.slice(...(c.index as IndexItem[]));
      assert.deepEqual(v.shape, c.shape);
      assert.deepEqual(v.toArray(), c.r);
      assert.equal(v.data, a.data, "a view: no copy");
    });
  }
  test("writing through a view changes the base", () => {
    const a = zeros([2, 3]);
    a.slice(1, "::-1").assign([1, 2, 3]);
    assert.deepEqual(a.toArray(), [[0, 0, 0], [3, 2, 1]]);
  });
  test("errors: out-of-range integers name the axis; malformed slices are quoted", () => {
    assert.throws(() => A().slice(0, 3), {
      name: "RangeError",
      message: "Index 3 is out of bounds for axis 1 with size 3 in slice()",
    });
    assert.throws(() => A().slice(-3), RangeError);
    assert.throws(() => A().slice("1:x"), {
      name: "TypeError",
      message:
        'Invalid index "1:x" for axis 0 in slice(): expected an integer, null, "..." or a slice "start:stop:step"',
    });
    assert.throws(() => A().slice("::0"), RangeError);
    assert.throws(() => A().slice(0, 0, 0, 0), RangeError);
    assert.throws(() => A().slice("...", "..."), TypeError);
    assert.throws(() => A().slice(1.5), TypeError);
    assert.throws(() => A().slice({} as unknown as number), TypeError);
  });
});

describe("assign(), fill(), copy()", () => {
  test("assign broadcasts; casts as numpy's assignment", () => {
    const a = zeros([2, 3], { dtype: "int32" });
    a.assign([[1.9], [-2.5]]);
    assert.deepEqual(a.toArray(), [[1, 1, 1], [-2, -2, -2]]);
    const b = zeros(2, { dtype: "bool" });
    b.assign([0, 0.5]);
    assert.deepEqual(b.toArray(), [false, true]);
    const c = zeros(2, { dtype: "complex64" });
    c.assign(1.5);
    assert.deepEqual(c.toArray(), [{ re: 1.5, im: 0 }, { re: 1.5, im: 0 }]);
  });
  test("errors: shapes that do not broadcast, complex into real", () => {
    assert.throws(() => zeros([2, 2]).assign([1, 2, 3]), {
      name: "RangeError",
      message: "Could not broadcast input array from shape (3) into shape (2,2) in assign()",
    });
    assert.throws(() => zeros(1).assign([{ re: 1, im: 1 }]), TypeError);
    assert.throws(() => zeros(1).fill([1] as unknown as number), TypeError);
  });
  test("an overlapping source is read before it is written", () => {
    const a = arange(5);
    a.slice("1:").assign(a.slice(":-1"));
    assert.deepEqual(a.toArray(), [0, 0, 1, 2, 3]);
  });
  test("fill and copy", () => {
    const a = zeros([2, 2]);
    const v = a.slice(":", 0);
    v.fill(5);
    assert.deepEqual(a.toArray(), [[5, 0], [5, 0]]);
    const c = a.copy();
    c.fill(1);
    assert.deepEqual(a.toArray(), [[5, 0], [5, 0]], "the copy is independent");
  });
});

describe("building arrays, as numpy", () => {
  const B = fixture.building;
  test("concatenate, stack, vstack, hstack", () => {
    const a = A();
    assert.deepEqual(dl.concatenate([a, a.slice(":", ":1")], { axis: 1 }).toArray(), B.concatenate);
    assert.deepEqual(dl.stack([a.slice(0), a.slice(1)], { axis: 2 }).toArray(), B.stack2);
    assert.deepEqual(dl.vstack([arange(3), arange(3, 6)]).toArray(), B.vstack);
    assert.deepEqual(dl.hstack([a.slice(0), a.slice(1)]).toArray(), B.hstack);
    assert.equal(dl.concatenate([[1], array([2], { dtype: "float32" })]).dtype, "float64");
    assert.throws(() => dl.concatenate([zeros([2, 2]), zeros([3, 3])]), RangeError);
    assert.throws(() => dl.concatenate([]), RangeError);
    assert.throws(() => dl.stack([zeros(2), zeros(3)]), RangeError);
  });
  test("arange, linspace, full, zerosLike, onesLike", () => {
    assert.deepEqual(dl.arange(0.5, 3, 0.7).toArray(), B.arange);
    assert.deepEqual(dl.linspace(-1, 2, 7).toArray(), B.linspace);
    assert.deepEqual(dl.linspace(0, 1, 3, { endpoint: false }).toArray(), B.linspaceOpen);
    assert.deepEqual(dl.arange(5, 0, -2).toArray(), [5, 3, 1]);
    assert.throws(() => dl.arange(0, 1, 0), RangeError);
    assert.deepEqual(dl.full([2], true).toArray(), [true, true]);
    assert.equal(dl.zerosLike(array([1], { dtype: "complex64" })).dtype, "complex64");
    assert.deepEqual(dl.onesLike([[1, 2]], { dtype: "int32" }).toArray(), [[1, 1]]);
  });
  test("diag, tril, triu", () => {
    assert.deepEqual(dl.diag(arange(1, 4), { k: -1 }).toArray(), B.diagK);
    assert.deepEqual(dl.diag(arange(12).reshape(3, 4), { k: 1 }).toArray(), B.diagOf);
    assert.deepEqual(dl.tril(A(), { k: 1 }).toArray(), B.tril);
    assert.deepEqual(dl.triu(A(), { k: -1 }).toArray(), B.triu);
    assert.throws(() => dl.tril([1, 2]), RangeError);
  });
  test("expandDims, squeeze, swapaxes, moveaxis, broadcastTo, flatten: views (flatten copies)", () => {
    const a = A();
    const m = dl.moveaxis(a, [0, 2], [2, 0]);
    assert.deepEqual(m.shape, B.moveaxis);
    assert.deepEqual(m.toArray(), B.moveaxisValues);
    assert.equal(m.data, a.data);
    assert.deepEqual(dl.expandDims(a, 1).shape, [2, 1, 3, 4]);
    assert.deepEqual(dl.squeeze(zeros([1, 2, 1]), { axis: -1 }).shape, [1, 2]);
    assert.throws(() => dl.squeeze(zeros([1, 2]), { axis: 1 }), RangeError);
    assert.deepEqual(a.swapaxes(0, -1).shape, [4, 3, 2]);
    assert.deepEqual(dl.broadcastTo(arange(3), [2, 3]).strides, [0, 1]);
    assert.throws(() => dl.broadcastTo(arange(3), [3, 2]), RangeError);
    const f = a.slice("::-1").flatten();
    assert.deepEqual(f.shape, [24]);
    assert.equal(f.at(0), 12);
  });
  test("chained methods: the Kalman filter's predict step", () => {
    const F = array([[1, 1], [0, 1]]);
    const P = dl.eye(2);
    const Q = dl.eye(2).multiply(0.5);
    assert.deepEqual(F.matmul(P).matmul(F.T).add(Q).toArray(), [[2.5, 1], [1, 1.5]]);
    assert.equal(array([1, 2, 3]).sum().item(), 6);
  });
});
