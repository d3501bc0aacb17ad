// The dtype array() and asarray() give (numpy's dtype discovery, with JS numbers as float64),
// and fromTypedArray's zero-copy int32 and bool. numpy's answers are quoted beside each case
// (numpy 2.4: np.array(...).dtype).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { add, array, asarray, fromTypedArray, sum } from "../mod.ts";

describe("array(): dtype discovery", () => {
  test("nested JS booleans give bool (numpy: bool)", () => {
    const a = array([true, false]);
    assert.equal(a.dtype, "bool");
    assert.deepEqual(a.toArray(), [true, false]);
    const b = array([[true], [false]]);
    assert.equal(b.dtype, "bool");
    assert.deepEqual(b.shape, [2, 1]);
    assert.equal(array(true).dtype, "bool");
    assert.equal(array(true).item(), true);
  });
  test("booleans mixed with numbers promote (numpy: int64 with ints, float64 with floats)", () => {
    const a = array([true, 2]);
    assert.equal(a.dtype, "float64");
    assert.deepEqual(a.toArray(), [1, 2]);
    assert.equal(array([[true, false], [0.5, 1]]).dtype, "float64");
    assert.equal(array([true, { re: 0, im: 1 }]).dtype, "complex128");
  });
  test("nested JS numbers stay float64 (numpy: int64; JS numbers are doubles)", () => {
    assert.equal(array([1, 2]).dtype, "float64");
    assert.equal(array([[1], [2]]).dtype, "float64");
    assert.equal(array(3).dtype, "float64");
  });
  test("integer typed arrays give int32; rows of them promote as numpy's promote_types", () => {
    assert.equal(array(new Int32Array([1, -2])).dtype, "int32");
    assert.equal(asarray(new Int32Array([1, -2])).dtype, "int32");
    const rows = array([new Int32Array([1, 2]), new Int32Array([3, 4])]);
    assert.equal(rows.dtype, "int32");
    assert.deepEqual(rows.toArray(), [[1, 2], [3, 4]]);
    // int32 with bool: int32; int32 with float32: float64; int32 with JS numbers: float64.
    assert.equal(array([new Int32Array([1, 2]), [true, false]]).dtype, "int32");
    assert.equal(array([new Int32Array([1, 2]), new Float32Array([3, 4])]).dtype, "float64");
    assert.equal(array([new Int32Array([1, 2]), [3, 4]]).dtype, "float64");
    assert.equal(array([new Float32Array([1, 2]), [true, false]]).dtype, "float32");
  });
  test("NDArrays in a list keep and promote their dtypes", () => {
    const i = array([1, 2], { dtype: "int32" });
    assert.equal(array([i, i]).dtype, "int32");
    assert.equal(array([i, array([true, false])]).dtype, "int32");
    assert.equal(array([array([true]), array([false])]).dtype, "bool");
  });
  test("a Uint8Array is numbers, int32 (numpy: uint8), not booleans", () => {
    const a = array(new Uint8Array([0, 7, 255]));
    assert.equal(a.dtype, "int32");
    assert.deepEqual(a.toArray(), [0, 7, 255]);
    // Its arithmetic does not wrap at 256 as numpy's uint8 would: int32 holds the result.
    assert.deepEqual(add(a, a).toArray(), [0, 14, 510]);
  });
  test("{ dtype } overrides, casting as numpy's astype", () => {
    assert.deepEqual(array(new Uint8Array([0, 2]), { dtype: "bool" }).toArray(), [false, true]);
    assert.deepEqual(array([true, false], { dtype: "float32" }).toArray(), [1, 0]);
    assert.deepEqual(array([true, false], { dtype: "int32" }).toArray(), [1, 0]);
    assert.deepEqual(array([0, 0.5, NaN], { dtype: "bool" }).toArray(), [false, true, true]);
    assert.deepEqual(
      array(new Float64Array([2.7, -3.9]), { dtype: "int32" }).toArray(),
      [2, -3],
    );
    assert.deepEqual(array(new Int32Array([5]), { dtype: "float32" }).toArray(), [5]);
    assert.deepEqual(array(new Int32Array([5]), { dtype: "complex64" }).toArray(), [{
      re: 5,
      im: 0,
    }]);
    assert.equal(array(new Int32Array([5]), { dtype: "int32" }).dtype, "int32");
    assert.throws(() => array([{ re: 1, im: 1 }], { dtype: "bool" }), {
      name: "TypeError",
      message: "Cannot cast complex128 to bool without losing the imaginary part",
    });
  });
  test("typed arrays are copied by array() and asarray()", () => {
    const src = new Int32Array([1, 2]);
    const a = asarray(src);
    src[0] = 9;
    assert.equal(a.at(0), 1);
  });
});

describe("fromTypedArray(): int32 and bool without copying", () => {
  test("an Int32Array is int32, shared", () => {
    const data = new Int32Array([1, 2, 3, 4, 5, 6]);
    const a = fromTypedArray(data, [2, 3]);
    assert.equal(a.dtype, "int32");
    assert.equal(a.data, data);
    data[5] = 60;
    assert.equal(a.at(1, 2), 60);
    const f = fromTypedArray(data, [2, 3], { order: "F", dtype: "i4" });
    assert.deepEqual(f.strides, [1, 2]);
    assert.equal(f.at(1, 0), 2);
  });
  test("a Uint8Array of 0 and 1 is bool, shared", () => {
    const data = new Uint8Array([1, 0, 0, 1]);
    const a = fromTypedArray(data, [2, 2]);
    assert.equal(a.dtype, "bool");
    assert.equal(a.data, data);
    assert.deepEqual(a.toArray(), [[true, false], [false, true]]);
    assert.equal(sum(a).item(), 2);
  });
  test("errors: a byte that is not 0 or 1; a dtype another typed array holds", () => {
    assert.throws(() => fromTypedArray(new Uint8Array([0, 1, 2]), [3]), {
      name: "RangeError",
      message:
        'Cannot wrap a Uint8Array as bool: element 2 is 2, and bool data holds only 0 and 1; use array(data, { dtype: "bool" }) to copy it as nonzero = true',
    });
    assert.throws(() => fromTypedArray(new Int32Array(2), [2], { dtype: "float64" }), {
      name: "TypeError",
      message: "Cannot wrap an Int32Array as float64: float64 data is a Float64Array",
    });
    assert.throws(() => fromTypedArray(new Float64Array(2), [2], { dtype: "int32" }), {
      name: "TypeError",
      message: "Cannot wrap a Float64Array as int32: int32 data is an Int32Array",
    });
    assert.throws(() => fromTypedArray(new Uint8Array(2), [2], { dtype: "int32" }), TypeError);
    assert.throws(() => fromTypedArray(new Uint8ClampedArray(2), [2]), TypeError);
    assert.throws(() => fromTypedArray(new Int32Array(3), [2]), RangeError);
  });
});
