// NDArray: the constructor, properties, creation functions and checkShape.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  array,
  asarray,
  checkShape,
  empty,
  eye,
  fromTypedArray,
  NDArray,
  ones,
  zeros,
} from "../src/ndarray.ts";

/** 0, 1, ..., n-1 as float64. */
function arange(n: number): NDArray {
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = i;
  return new NDArray(d, "float64", [n]);
}

describe("NDArray constructor", () => {
  test("default strides are C order", () => {
    const a = new NDArray(new Float64Array(24), "float64", [2, 3, 4]);
    assert.deepEqual(a.strides, [12, 4, 1]);
    assert.equal(a.offset, 0);
  });
  test("fields are plain own properties, always in the same order", () => {
    const a = new NDArray(new Float64Array(4), "float64", [2, 2]);
    assert.deepEqual(Object.keys(a), ["dtype", "shape", "strides", "offset", "data"]);
    const b = a.T;
    assert.deepEqual(Object.keys(b), Object.keys(a));
    for (const k of ["dtype", "shape", "strides", "offset", "data"]) {
      const desc = Object.getOwnPropertyDescriptor(a, k);
      assert.ok(desc !== undefined && "value" in desc, k);
    }
  });
  test("copies the shape array", () => {
    const shape = [2, 2];
    const a = new NDArray(new Float64Array(4), "float64", shape);
    shape[0] = 7;
    assert.deepEqual(a.shape, [2, 2]);
  });
  test("complex strides count items, not floats", () => {
    const a = new NDArray(new Float64Array(12), "complex128", [2, 3]);
    assert.deepEqual(a.strides, [3, 1]);
  });
  test("negative strides: a reversed view read by at(), toArray() and copy()", () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    // Rows and columns both reversed: starts at the last item.
    const r = new NDArray(data, "float64", [2, 3], [-3, -1], 5);
    assert.equal(r.at(0, 0), 6);
    assert.equal(r.at(1, 2), 1);
    assert.deepEqual(r.toArray(), [[6, 5, 4], [3, 2, 1]]);
    const c = r.copy();
    assert.deepEqual(Array.from(c.data), [6, 5, 4, 3, 2, 1]);
    assert.deepEqual(c.strides, [3, 1]);
    assert.deepEqual(r.copy("F").toArray(), [[6, 5, 4], [3, 2, 1]]);
  });
  test("negative strides: complex", () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const r = new NDArray(data, "complex64", [3], [-1], 2);
    assert.deepEqual(r.toArray(), [{ re: 5, im: 6 }, { re: 3, im: 4 }, { re: 1, im: 2 }]);
    assert.deepEqual(Array.from(r.copy().data), [5, 6, 3, 4, 1, 2]);
  });
  test("zero strides: a broadcast view of one row", () => {
    const row = new Float64Array([1, 2, 3]);
    const b = new NDArray(row, "float64", [4, 3], [0, 1]);
    assert.deepEqual(b.toArray(), [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]);
    assert.equal(b.isCContiguous, false);
    row[1] = 9;
    assert.equal(b.at(3, 1), 9);
    assert.deepEqual(b.copy().toArray()[2], [1, 9, 3]);
  });
  test("offset view of a sub-block", () => {
    const a = arange(12).reshape(3, 4);
    const v = new NDArray(a.data, "float64", [2, 2], [4, 1], 5);
    assert.deepEqual(v.toArray(), [[5, 6], [9, 10]]);
  });
  test("errors: data of the wrong precision", () => {
    assert.throws(() => new NDArray(new Float32Array(4), "float64", [4]), {
      name: "TypeError",
      message: "Invalid data for dtype float64: expected a Float64Array, got a Float32Array",
    });
    assert.throws(() => new NDArray(new Float64Array(4), "complex64", [2]), TypeError);
    assert.throws(() => new NDArray([1, 2] as unknown as Float64Array, "float64", [2]), TypeError);
  });
  test("errors: unknown dtype", () => {
    assert.throws(() => new NDArray(new Float64Array(1), "int32" as "float64", [1]), TypeError);
  });
  test("errors: odd length for complex", () => {
    assert.throws(() => new NDArray(new Float64Array(3), "complex128", [1]), {
      name: "RangeError",
      message:
        "Invalid data for dtype complex128: length 3 is odd, but complex items are (re, im) pairs",
    });
  });
  test("errors: elements outside data", () => {
    assert.throws(() => new NDArray(new Float64Array(5), "float64", [2, 3]), {
      name: "RangeError",
      message:
        "Invalid view: shape (2, 3) with strides (3, 1) and offset 0 reaches item 5, but data holds 5 items",
    });
    assert.throws(
      () => new NDArray(new Float64Array(6), "float64", [3], [-1], 1),
      /reaches item -1/,
    );
    assert.throws(() => new NDArray(new Float64Array(6), "float64", [6], [1], 1), RangeError);
  });
  test("errors: strides", () => {
    assert.throws(() => new NDArray(new Float64Array(6), "float64", [2, 3], [3]), {
      name: "RangeError",
      message: "Invalid strides [3]: 1 values for 2 dimensions",
    });
    assert.throws(() => new NDArray(new Float64Array(6), "float64", [6], [0.5]), RangeError);
    assert.throws(
      () => new NDArray(new Float64Array(6), "float64", [6], ["1" as unknown as number]),
      TypeError,
    );
  });
  test("errors: offset", () => {
    assert.throws(
      () => new NDArray(new Float64Array(6), "float64", [2], undefined, -1),
      RangeError,
    );
    assert.throws(
      () => new NDArray(new Float64Array(6), "float64", [2], undefined, 1.5),
      RangeError,
    );
  });
  test("empty arrays accept any strides", () => {
    const a = new NDArray(new Float64Array(0), "float64", [0, 3], [100, -7]);
    assert.equal(a.size, 0);
    assert.deepEqual(a.toArray(), []);
  });
});

describe("NDArray properties", () => {
  test("ndim, size, itemSize", () => {
    const a = zeros([2, 3, 4], { dtype: "complex128" });
    assert.equal(a.ndim, 3);
    assert.equal(a.size, 24);
    assert.equal(a.itemSize, 16);
    assert.equal(array(1).ndim, 0);
    assert.equal(array(1).size, 1);
    assert.equal(zeros([3, 0]).size, 0);
  });
  test("contiguity of C, F, transposed and 1-D arrays", () => {
    const c = zeros([2, 3]);
    assert.equal(c.isCContiguous, true);
    assert.equal(c.isFContiguous, false);
    assert.equal(c.T.isCContiguous, false);
    assert.equal(c.T.isFContiguous, true);
    const v = zeros(5);
    assert.equal(v.isCContiguous && v.isFContiguous, true);
  });
  test("contiguity ignores dimensions of size 1 and empty arrays (numpy's rules)", () => {
    const a = new NDArray(new Float64Array(3), "float64", [3, 1], [1, 7]);
    assert.equal(a.isCContiguous, true);
    assert.equal(a.isFContiguous, true);
    const e = new NDArray(new Float64Array(0), "float64", [0, 2], [5, 5]);
    assert.equal(e.isCContiguous && e.isFContiguous, true);
  });
  test("contiguity fails for gaps", () => {
    const a = new NDArray(new Float64Array(6), "float64", [3], [2]);
    assert.equal(a.isCContiguous, false);
    assert.equal(a.isFContiguous, false);
  });
});

describe("array()", () => {
  test("float64 from number[][]", () => {
    const a = array([[1, 2, 3], [4, 5, 6]]);
    assert.equal(a.dtype, "float64");
    assert.deepEqual(a.shape, [2, 3]);
    assert.ok(a.data instanceof Float64Array);
    assert.deepEqual(Array.from(a.data), [1, 2, 3, 4, 5, 6]);
  });
  test("float32 with the dtype option", () => {
    const a = array([[0.1, 2]], { dtype: "float32" });
    assert.equal(a.dtype, "float32");
    assert.ok(a.data instanceof Float32Array);
    assert.equal(a.at(0, 0), Math.fround(0.1));
  });
  test("complex128 inferred from { re, im } elements", () => {
    const a = array([[{ re: 1, im: 2 }, 3], [4, { re: 0, im: -1 }]]);
    assert.equal(a.dtype, "complex128");
    assert.deepEqual(Array.from(a.data), [1, 2, 3, 0, 4, 0, 0, -1]);
  });
  test("complex inferred when the first complex element comes late", () => {
    const a = array([1, 2, 3, { re: 4, im: 5 }]);
    assert.equal(a.dtype, "complex128");
    assert.deepEqual(a.toArray(), [{ re: 1, im: 0 }, { re: 2, im: 0 }, { re: 3, im: 0 }, {
      re: 4,
      im: 5,
    }]);
  });
  test("complex64 with the dtype option", () => {
    const a = array([{ re: 1, im: 2 }], { dtype: "complex64" });
    assert.equal(a.dtype, "complex64");
    assert.ok(a.data instanceof Float32Array);
    assert.deepEqual(Array.from(a.data), [1, 2]);
  });
  test("real values with a complex dtype", () => {
    assert.deepEqual(Array.from(array([1, 2], { dtype: "c16" }).data), [1, 0, 2, 0]);
  });
  test("booleans give bool, as numpy's; with numbers, 0 and 1 in float64", () => {
    const a = array([true, false]);
    assert.equal(a.dtype, "bool");
    assert.deepEqual(a.toArray(), [true, false]);
    assert.deepEqual(array([true, 2]).toArray(), [1, 2]);
  });
  test("NaN and infinities are kept", () => {
    assert.deepEqual(array([NaN, Infinity, -Infinity]).toArray(), [NaN, Infinity, -Infinity]);
  });
  test("a number gives a 0-d array", () => {
    const a = array(5);
    assert.deepEqual(a.shape, []);
    assert.equal(a.item(), 5);
  });
  test("a { re, im } gives a 0-d complex array", () => {
    const a = array({ re: 1, im: -2 });
    assert.equal(a.dtype, "complex128");
    assert.deepEqual(a.item(), { re: 1, im: -2 });
  });
  test("empty lists", () => {
    assert.deepEqual(array([]).shape, [0]);
    assert.equal(array([]).dtype, "float64");
    assert.deepEqual(array([[], []]).shape, [2, 0]);
  });
  test("typed arrays: numpy's dtype, or the smallest that holds it exactly", () => {
    assert.equal(array(new Float32Array([1.5])).dtype, "float32");
    const kinds: [new (v: number[]) => ArrayBufferView, string][] = [
      [Float64Array, "float64"],
      [Int8Array, "int32"],
      [Uint8Array, "int32"],
      [Uint8ClampedArray, "int32"],
      [Int16Array, "int32"],
      [Uint16Array, "int32"],
      [Int32Array, "int32"],
      [Uint32Array, "float64"],
    ];
    for (const [K, d] of kinds) {
      const a = array(new K([1, 2, 3]));
      assert.equal(a.dtype, d, K.name);
      assert.deepEqual(a.toArray(), [1, 2, 3], K.name);
    }
    assert.deepEqual(array(new Int8Array([-1])).toArray(), [-1]);
    assert.deepEqual(array(new Uint32Array([2 ** 32 - 1])).toArray(), [2 ** 32 - 1]);
  });
  test("typed arrays are copied", () => {
    const src = new Float64Array([1, 2]);
    const a = array(src);
    src[0] = 9;
    assert.equal(a.at(0), 1);
  });
  test("a typed array with a complex dtype gives real parts", () => {
    assert.deepEqual(Array.from(array(new Int32Array([1, 2]), { dtype: "complex128" }).data), [
      1,
      0,
      2,
      0,
    ]);
  });
  test("nested typed arrays", () => {
    const a = array([new Float32Array([1, 2]), new Float32Array([3, 4])]);
    assert.equal(a.dtype, "float32");
    assert.deepEqual(a.toArray(), [[1, 2], [3, 4]]);
    const b = array([new Int16Array([1, 2]), [3, 4]]);
    assert.equal(b.dtype, "float64"); // int32 rows and JS numbers (float64)
    assert.deepEqual(b.toArray(), [[1, 2], [3, 4]]);
  });
  test("an NDArray is copied, keeping its dtype", () => {
    const a = array([1, 2], { dtype: "float32" });
    const b = array(a);
    assert.notEqual(b.data, a.data);
    assert.equal(b.dtype, "float32");
    a.set([0], 7);
    assert.equal(b.at(0), 1);
  });
  test("a list of NDArrays is stacked", () => {
    const a = array([array([1, 2]), array([3, 4])]);
    assert.deepEqual(a.shape, [2, 2]);
    assert.deepEqual(a.toArray(), [[1, 2], [3, 4]]);
    const c = array([
      array([{ re: 1, im: 1 }], { dtype: "complex64" }),
      array([{ re: 2, im: 2 }], { dtype: "complex64" }),
    ]);
    assert.equal(c.dtype, "complex64");
    assert.deepEqual(c.toArray(), [[{ re: 1, im: 1 }], [{ re: 2, im: 2 }]]);
  });
  test("errors: ragged rows name both paths", () => {
    assert.throws(() => array([[1, 2, 3], [4, 5]]), {
      name: "TypeError",
      message: "Cannot make an array: value[1] has length 2 but value[0] has length 3",
    });
    assert.throws(() => array([[[1, 2]], [[3, 4], [5, 6]]]), {
      message: "Cannot make an array: value[1] has length 2 but value[0] has length 1",
    });
    assert.throws(() => array([[[1, 2]], [[3]]]), {
      message: "Cannot make an array: value[1][0] has length 1 but value[0][0] has length 2",
    });
  });
  test("errors: a number where a row was expected", () => {
    assert.throws(() => array([[1, 2], 3]), {
      name: "TypeError",
      message: "Cannot make an array: value[1] is a number but value[0] has length 2",
    });
  });
  test("errors: a row where a number was expected", () => {
    assert.throws(() => array([1, [2]]), {
      name: "TypeError",
      message: "Cannot make an array: value[1] is an array of length 1 but value[0] is a scalar",
    });
  });
  test("errors: non-numeric elements name the path", () => {
    assert.throws(() => array([[1, 2], [3, 4], [5, "6"]] as unknown as number[][]), {
      name: "TypeError",
      message: "Cannot make an array from value[2][1]: expected a number, got string",
    });
    assert.throws(() => array([null] as unknown as number[]), {
      message: "Cannot make an array from value[0]: expected a number, got null",
    });
    assert.throws(() => array([1, 2n] as unknown as number[]), {
      message: "Cannot make an array from value[1]: expected a number, got bigint",
    });
    assert.throws(() => array([{ re: 1, im: "2" }] as unknown as number[]), {
      message:
        "Cannot make an array from value[0]: expected a number, got an object whose re and im are not both numbers",
    });
  });
  test("errors: a non-array at a row position", () => {
    assert.throws(() => array([[1], "x"] as unknown as number[][]), {
      message: "Cannot make an array from value[1]: expected an array of length 1, got string",
    });
  });
  test("errors: stacked NDArrays of different shapes", () => {
    assert.throws(() => array([array([1, 2]), array([1, 2, 3])]), {
      name: "TypeError",
      message:
        "Cannot make an array: value[1] is an NDArray of shape (3,) but value[0] has shape (2,)",
    });
  });
  test("errors: complex values with a real dtype", () => {
    assert.throws(() => array([{ re: 1, im: 0 }], { dtype: "float64" }), {
      name: "TypeError",
      message: "Cannot cast complex128 to float64 without losing the imaginary part",
    });
    assert.throws(() => array(array([{ re: 1, im: 0 }]), { dtype: "float32" }), TypeError);
  });
  test("errors: BigInt typed arrays and DataView", () => {
    assert.throws(() => array(new BigInt64Array(2)), TypeError);
    assert.throws(() => array([new BigInt64Array(2)] as unknown as number[][]), TypeError);
    assert.throws(() => array(new DataView(new ArrayBuffer(8))), {
      name: "TypeError",
      message: "Cannot make an array from a DataView: use a typed array over its buffer",
    });
  });
  test("errors: unsupported values and dtypes", () => {
    assert.throws(() => array("12" as unknown as number), TypeError);
    assert.throws(() => array(undefined as unknown as number), TypeError);
    assert.throws(() => array([1], { dtype: "int64" }), {
      name: "TypeError",
      message:
        'Unsupported dtype "int64": expected bool, int32, float32, float64, complex64 or complex128',
    });
  });
  test("errors: self-referencing lists", () => {
    const a: unknown[] = [];
    a.push(a);
    assert.throws(() => array(a as number[]), RangeError);
  });
});

describe("asarray()", () => {
  test("returns the same NDArray when no dtype is asked", () => {
    const a = zeros(3);
    assert.equal(asarray(a), a);
  });
  test("returns the same NDArray when it has the dtype (aliases too)", () => {
    const a = zeros(3, { dtype: "float32" });
    assert.equal(asarray(a, { dtype: "float32" }), a);
    assert.equal(asarray(a, { dtype: "f4" }), a);
  });
  test("converts to another dtype", () => {
    const a = zeros(3, { dtype: "float32" });
    const b = asarray(a, { dtype: "float64" });
    assert.notEqual(b, a);
    assert.equal(b.dtype, "float64");
  });
  test("errors: complex to real", () => {
    assert.throws(() => asarray(zeros(1, { dtype: "complex64" }), { dtype: "float32" }), TypeError);
  });
  test("converts other values like array()", () => {
    assert.deepEqual(asarray([[1, 2]]).shape, [1, 2]);
  });
});

describe("fromTypedArray()", () => {
  test("shares memory both ways", () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const a = fromTypedArray(data, [2, 3]);
    assert.equal(a.data, data);
    data[4] = 50;
    assert.equal(a.at(1, 1), 50);
    a.set([0, 0], -1);
    assert.equal(data[0], -1);
  });
  test("C order (default) and F order", () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    assert.deepEqual(fromTypedArray(data, [2, 3]).toArray(), [[1, 2, 3], [4, 5, 6]]);
    const f = fromTypedArray(data, [2, 3], { order: "F" });
    assert.deepEqual(f.toArray(), [[1, 3, 5], [2, 4, 6]]);
    assert.deepEqual(f.strides, [1, 2]);
    assert.equal(f.isFContiguous, true);
  });
  test("Float32Array gives float32", () => {
    const a = fromTypedArray(new Float32Array(4), [2, 2]);
    assert.equal(a.dtype, "float32");
  });
  test("complex dtypes read interleaved pairs", () => {
    const data = new Float32Array([1, 2, 3, 4]);
    const z = fromTypedArray(data, [2], { dtype: "complex64" });
    assert.deepEqual(z.toArray(), [{ re: 1, im: 2 }, { re: 3, im: 4 }]);
    const zf = fromTypedArray(new Float64Array([1, 0, 2, 0, 3, 0, 4, 0]), [2, 2], {
      dtype: "complex128",
      order: "F",
    });
    assert.deepEqual(zf.strides, [1, 2]);
    assert.deepEqual(zf.at(0, 1), { re: 3, im: 0 });
  });
  test("a subarray view is shared too", () => {
    const buf = new Float64Array([0, 1, 2, 3, 4]);
    const a = fromTypedArray(buf.subarray(1, 5), [2, 2]);
    buf[4] = 40;
    assert.equal(a.at(1, 1), 40);
  });
  test("a number shape", () => {
    assert.deepEqual(fromTypedArray(new Float64Array(3), 3).shape, [3]);
  });
  test("errors: length mismatch", () => {
    assert.throws(() => fromTypedArray(new Float64Array(5), [2, 3]), {
      name: "RangeError",
      message: "Cannot wrap 5 elements as shape (2, 3) of float64: that takes exactly 6",
    });
    assert.throws(
      () => fromTypedArray(new Float64Array(6), [6], { dtype: "complex128" }),
      RangeError,
    );
  });
  test("errors: other typed arrays cannot be shared", () => {
    assert.throws(() => fromTypedArray(new Int16Array(4), [4]), {
      name: "TypeError",
      message:
        "Cannot wrap an Int16Array without copying: fromTypedArray takes a Float32Array, Float64Array, Int32Array or Uint8Array; use array() to copy other data",
    });
  });
  test("errors: dtype of the other precision", () => {
    assert.throws(() => fromTypedArray(new Float32Array(4), [4], { dtype: "float64" }), {
      name: "TypeError",
      message: "Cannot wrap a Float32Array as float64: float64 data is a Float64Array",
    });
  });
  test("errors: bad order", () => {
    assert.throws(() => fromTypedArray(new Float64Array(4), [4], { order: "K" as "C" }), TypeError);
  });
});

describe("zeros(), ones(), empty()", () => {
  test("zeros of each dtype", () => {
    for (const dtype of ["float32", "float64", "complex64", "complex128"] as const) {
      const a = zeros([2, 3], { dtype });
      assert.equal(a.dtype, dtype);
      assert.deepEqual(a.shape, [2, 3]);
      assert.ok(a.data.every((x) => x === 0));
    }
  });
  test("ones, real and complex", () => {
    assert.deepEqual(ones([2, 2]).toArray(), [[1, 1], [1, 1]]);
    assert.deepEqual(Array.from(ones(2, { dtype: "complex64" }).data), [1, 0, 1, 0]);
  });
  test("empty has the shape and dtype", () => {
    const e = empty([3, 1], { dtype: "float32" });
    assert.deepEqual(e.shape, [3, 1]);
    assert.equal(e.dtype, "float32");
  });
  test("a number shape, an empty shape and zero dimensions", () => {
    assert.deepEqual(zeros(4).shape, [4]);
    assert.deepEqual(zeros([]).shape, []);
    assert.equal(zeros([]).size, 1);
    assert.deepEqual(zeros([0, 3]).shape, [0, 3]);
  });
  test("errors: negative, fractional and NaN dimensions are RangeErrors", () => {
    assert.throws(() => zeros([2, -1]), {
      name: "RangeError",
      message: "Invalid shape [2, -1]: dimension 1 is negative",
    });
    assert.throws(() => ones([2.5]), {
      name: "RangeError",
      message: "Invalid shape [2.5]: dimension 0 is not an integer",
    });
    assert.throws(() => empty([NaN]), {
      name: "RangeError",
      message: "Invalid shape [NaN]: dimension 0 is NaN",
    });
    assert.throws(() => zeros(-3), {
      name: "RangeError",
      message: "Invalid shape -3: dimension 0 is negative",
    });
  });
  test("errors: non-number dimensions are TypeErrors", () => {
    assert.throws(() => zeros(["2"] as unknown as number[]), {
      name: "TypeError",
      message: 'Invalid shape ["2"]: dimension 0 is not a number (got string)',
    });
    assert.throws(() => zeros("2" as unknown as number), TypeError);
  });
  test("errors: too large to allocate", () => {
    assert.throws(() => zeros([2 ** 26, 2 ** 26]), RangeError);
  });
});

describe("eye()", () => {
  test("square", () => {
    assert.deepEqual(eye(3).toArray(), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  });
  test("rectangular", () => {
    assert.deepEqual(eye(2, { m: 3 }).toArray(), [[1, 0, 0], [0, 1, 0]]);
    assert.deepEqual(eye(3, { m: 2 }).toArray(), [[1, 0], [0, 1], [0, 0]]);
  });
  test("k above and below the diagonal", () => {
    assert.deepEqual(eye(3, { k: 1 }).toArray(), [[0, 1, 0], [0, 0, 1], [0, 0, 0]]);
    assert.deepEqual(eye(3, { k: -2 }).toArray(), [[0, 0, 0], [0, 0, 0], [1, 0, 0]]);
    assert.deepEqual(eye(2, { k: 5 }).toArray(), [[0, 0], [0, 0]]);
    assert.deepEqual(eye(2, { m: 4, k: -5 }).toArray(), [[0, 0, 0, 0], [0, 0, 0, 0]]);
  });
  test("complex", () => {
    const a = eye(2, { dtype: "complex128" });
    assert.deepEqual(Array.from(a.data), [1, 0, 0, 0, 0, 0, 1, 0]);
  });
  test("n = 0", () => {
    assert.deepEqual(eye(0).shape, [0, 0]);
  });
  test("errors", () => {
    assert.throws(() => eye(-1), RangeError);
    assert.throws(() => eye(2, { k: 0.5 }), RangeError);
    assert.throws(() => eye(2, { m: NaN }), RangeError);
  });
});

describe("checkShape()", () => {
  test("returns a new plain array", () => {
    const s = [2, 3];
    const c = checkShape(s);
    assert.deepEqual(c, [2, 3]);
    assert.notEqual(c, s);
  });
  test("names what is checked", () => {
    assert.throws(() => checkShape([1, -2], "out shape"), {
      message: "Invalid out shape [1, -2]: dimension 1 is negative",
    });
  });
  test("errors: infinite and unsafe dimensions", () => {
    assert.throws(() => checkShape([Infinity]), {
      message: "Invalid shape [Infinity]: dimension 0 is infinite",
    });
    assert.throws(() => checkShape([2 ** 53]), {
      message: "Invalid shape [9007199254740992]: dimension 0 is too large",
    });
    assert.throws(() => checkShape([2 ** 30, 2 ** 30, 2 ** 30]), {
      name: "RangeError",
      message: "Invalid shape [1073741824, 1073741824, 1073741824]: the total size is too large",
    });
  });
  test("errors: more than 64 dimensions", () => {
    assert.throws(() => checkShape(new Array(65).fill(1)), RangeError);
  });
  test("errors: not an array", () => {
    assert.throws(() => checkShape({ length: 2 }), {
      name: "TypeError",
      message: "Invalid shape: expected an array of non-negative integers, got an object",
    });
  });
});
