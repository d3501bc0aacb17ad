// asarray/array with the real npm packages `ndarray` (scijs) and `@stdlib/ndarray`: views
// without copying where the layout allows, and the data handed back.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import ndarray from "ndarray";
import stdlibArray from "@stdlib/ndarray/array/lib/index.js";
import StdlibNdarray from "@stdlib/ndarray/ctor/lib/index.js";
import Complex128Array from "@stdlib/array/complex128/lib/index.js";
import { add, array, asarray, linalg, sum } from "../mod.ts";

describe("scijs ndarray", () => {
  test("a float64 view: no copy, writes show on both sides", () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const s = ndarray(data, [2, 3]);
    const a = asarray(s);
    assert.equal(a.data, data);
    assert.deepEqual(a.toArray(), [[1, 2, 3], [4, 5, 6]]);
    a.slice(0, 0).fill(9);
    assert.equal(s.get(0, 0), 9);
  });
  test("transposed, sliced and negative-stride views keep their layout", () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const t = asarray(ndarray(data, [2, 3]).transpose(1, 0));
    assert.deepEqual(t.toArray(), [[1, 4], [2, 5], [3, 6]]);
    assert.equal(t.data, data);
    const r = asarray(ndarray(data, [2, 3]).step(-1, 1));
    assert.deepEqual(r.toArray(), [[4, 5, 6], [1, 2, 3]]);
    const h = asarray(ndarray(data, [2, 3]).hi(2, 2).lo(0, 1));
    assert.deepEqual(h.toArray(), [[2], [5]]);
  });
  test("float32 and int32 keep their dtype; uint8 is copied to int32, as array() does", () => {
    assert.equal(asarray(ndarray(new Float32Array(4), [2, 2])).dtype, "float32");
    assert.equal(asarray(ndarray(new Int32Array([1, 2]), [2])).dtype, "int32");
    const u = asarray(ndarray(new Uint8Array([1, 255]), [2]));
    assert.equal(u.dtype, "int32");
    assert.deepEqual(u.toArray(), [1, 255]);
  });
  test("array() copies; linear algebra and elementwise functions take them", () => {
    const data = new Float64Array([4, 1, 2, 3]);
    const s = ndarray(data, [2, 2]);
    const c = array(s);
    assert.notEqual(c.data, data);
    assert.ok(Math.abs((linalg.det(s).item() as number) - 10) < 1e-12);
    assert.deepEqual(add(s, 1).toArray(), [[5, 2], [3, 4]]);
  });
  test("handing data back: ndarray(a.data, a.shape, a.strides, a.offset)", () => {
    const a = array([[1, 2], [3, 4]]).T;
    const s = ndarray(a.data as Float64Array, [...a.shape], [...a.strides], a.offset);
    assert.equal(s.get(0, 1), 3);
    assert.deepEqual(Array.from(a.toTypedArray()), [1, 3, 2, 4]);
  });
});

describe("@stdlib/ndarray", () => {
  test("a float64 array: a view, no copy", () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const s = stdlibArray(data, { shape: [2, 3] });
    const a = asarray(s);
    assert.equal(a.data, data);
    assert.deepEqual(a.toArray(), [[1, 2, 3], [4, 5, 6]]);
    assert.equal(sum(s).item(), 21);
  });
  test("strides and offset of a constructed view", () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const s = new StdlibNdarray("float64", data, [3, 2], [1, 3], 0, "column-major");
    assert.deepEqual(asarray(s).toArray(), [[1, 4], [2, 5], [3, 6]]);
    const r = new StdlibNdarray("float64", data, [3], [-2], 5, "row-major");
    assert.deepEqual(asarray(r).toArray(), [6, 4, 2]);
  });
  test("complex128 data (a Complex128Array) is read in place", () => {
    const buf = new Complex128Array(new Float64Array([1, 2, 3, 4]));
    const s = new StdlibNdarray("complex128", buf, [2], [1], 0, "row-major");
    const a = asarray(s);
    assert.equal(a.dtype, "complex128");
    assert.deepEqual(a.toArray(), [{ re: 1, im: 2 }, { re: 3, im: 4 }]);
    assert.equal(a.data.buffer, buf.buffer);
  });
  test("int32 and float32", () => {
    assert.equal(asarray(stdlibArray(new Int32Array([1, 2]))).dtype, "int32");
    assert.equal(asarray(stdlibArray(new Float32Array([1, 2]))).dtype, "float32");
  });
});
