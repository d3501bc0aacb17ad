import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  array,
  asarray,
  checkShape,
  empty,
  eye,
  fromTypedArray,
  isNDArray,
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
  test("booleans become 0 and 1 in float64", () => {
    const a = array([true, false]);
    assert.equal(a.dtype, "float64");
    assert.deepEqual(a.toArray(), [1, 0]);
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
  test("typed arrays: Float32Array gives float32, every other kind float64", () => {
    assert.equal(array(new Float32Array([1.5])).dtype, "float32");
    const kinds = [
      Float64Array,
      Int8Array,
      Uint8Array,
      Uint8ClampedArray,
      Int16Array,
      Uint16Array,
      Int32Array,
      Uint32Array,
    ];
    for (const K of kinds) {
      const a = array(new K([1, 2, 3]));
      assert.equal(a.dtype, "float64", K.name);
      assert.deepEqual(a.toArray(), [1, 2, 3], K.name);
    }
    assert.deepEqual(array(new Int8Array([-1])).toArray(), [-1]);
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
    assert.equal(b.dtype, "float64");
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
    assert.throws(() => fromTypedArray(new Int32Array(4), [4]), {
      name: "TypeError",
      message:
        "Cannot wrap an Int32Array without copying: fromTypedArray takes a Float32Array or Float64Array; use array() to copy other data",
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

describe("at() and set()", () => {
  test("negative indices count from the end", () => {
    const a = array([[1, 2, 3], [4, 5, 6]]);
    assert.equal(a.at(-1, -3), 4);
    a.set([-1, -1], 60);
    assert.equal(a.at(1, 2), 60);
  });
  test("complex elements", () => {
    const a = zeros([2], { dtype: "complex64" });
    a.set([1], { re: 1.5, im: -2 });
    assert.deepEqual(a.at(1), { re: 1.5, im: -2 });
    a.set([0], 3);
    assert.deepEqual(a.at(0), { re: 3, im: 0 });
  });
  test("0-d arrays take no index", () => {
    assert.equal(array(4).at(), 4);
  });
  test("set on a view writes through", () => {
    const a = array([[1, 2], [3, 4]]);
    a.T.set([0, 1], 30);
    assert.equal(a.at(1, 0), 30);
  });
  test("set on float32 rounds", () => {
    const a = zeros(1, { dtype: "float32" });
    a.set([0], 0.1);
    assert.equal(a.at(0), Math.fround(0.1));
  });
  test("errors: out of bounds", () => {
    const a = zeros([2, 3]);
    assert.throws(() => a.at(0, 3), {
      name: "RangeError",
      message: "Index 3 is out of bounds for axis 1 with size 3",
    });
    assert.throws(() => a.at(-3, 0), {
      name: "RangeError",
      message: "Index -3 is out of bounds for axis 0 with size 2",
    });
    assert.throws(() => a.set([2, 0], 1), RangeError);
  });
  test("errors: wrong number of indices", () => {
    assert.throws(() => zeros([2, 3]).at(1), {
      name: "RangeError",
      message: "Cannot index an array of 2 dimensions with 1 index: give one index per dimension",
    });
  });
  test("errors: non-integer indices", () => {
    assert.throws(() => zeros(3).at(0.5), {
      name: "RangeError",
      message: "Invalid index 0.5 for axis 0: expected an integer",
    });
    assert.throws(() => zeros(3).at(NaN), RangeError);
    assert.throws(() => zeros(3).at("1" as unknown as number), {
      name: "TypeError",
      message: "Invalid index for axis 0: expected an integer, got string",
    });
  });
  test("errors: complex value into a real array", () => {
    assert.throws(() => zeros(1).set([0], { re: 1, im: 0 }), {
      name: "TypeError",
      message: "Cannot store a complex value in a float64 array",
    });
    assert.throws(() => zeros(1).set([0], "1" as unknown as number), TypeError);
  });
});

describe("item()", () => {
  test("0-d and size-1 arrays", () => {
    assert.equal(array(3).item(), 3);
    assert.equal(array([[[2]]]).item(), 2);
    assert.deepEqual(array([{ re: 1, im: 2 }]).item(), { re: 1, im: 2 });
  });
  test("a size-1 view with an offset", () => {
    assert.equal(new NDArray(new Float64Array([1, 2, 3]), "float64", [1], [1], 2).item(), 3);
  });
  test("errors: size is not 1", () => {
    assert.throws(() => zeros([2, 3]).item(), {
      name: "RangeError",
      message: "Can only convert an array of size 1 to a scalar: size is 6",
    });
    assert.throws(() => zeros(0).item(), {
      message: "Can only convert an array of size 1 to a scalar: size is 0",
    });
  });
});

describe("toArray()", () => {
  test("nested numbers", () => {
    assert.deepEqual(array([[[1], [2]], [[3], [4]]]).toArray(), [[[1], [2]], [[3], [4]]]);
  });
  test("0-d gives the scalar", () => {
    assert.equal(array(7).toArray(), 7);
    assert.deepEqual(array({ re: 0, im: 1 }).toArray(), { re: 0, im: 1 });
  });
  test("complex objects", () => {
    assert.deepEqual(array([[{ re: 1, im: 2 }]]).toArray(), [[{ re: 1, im: 2 }]]);
  });
  test("empty", () => {
    assert.deepEqual(zeros([2, 0]).toArray(), [[], []]);
  });
});

describe("reshape()", () => {
  test("a C-contiguous array gives a view", () => {
    const a = arange(6);
    const b = a.reshape([2, 3]);
    assert.equal(b.data, a.data);
    assert.deepEqual(b.strides, [3, 1]);
    b.set([1, 0], 30);
    assert.equal(a.at(3), 30);
  });
  test("shape as numbers or an array, -1 inferred", () => {
    const a = arange(12);
    assert.deepEqual(a.reshape(3, 4).shape, [3, 4]);
    assert.deepEqual(a.reshape([2, -1, 3]).shape, [2, 2, 3]);
    assert.deepEqual(a.reshape(-1).shape, [12]);
    assert.deepEqual(array(5).reshape([1, 1]).shape, [1, 1]);
    assert.deepEqual(arange(1).reshape([]).shape, []);
  });
  test("a transposed array is copied, in C order of its elements", () => {
    const a = arange(6).reshape(2, 3);
    const b = a.T.reshape(6);
    assert.notEqual(b.data, a.data);
    assert.deepEqual(b.toArray(), [0, 3, 1, 4, 2, 5]);
  });
  test("strided views that allow it stay views (numpy's no-copy reshape)", () => {
    const a = arange(24).reshape(4, 6);
    // a[:, :3]: rows of 3 with a row stride of 6.
    const v = new NDArray(a.data, "float64", [4, 3], [6, 1]);
    const w = v.reshape(2, 2, 3);
    assert.equal(w.data, a.data);
    assert.deepEqual(w.strides, [12, 6, 1]);
    assert.deepEqual(w.toArray(), [[[0, 1, 2], [6, 7, 8]], [[12, 13, 14], [18, 19, 20]]]);
    const x = v.reshape(4, 3, 1);
    assert.equal(x.data, a.data);
    const flat = v.reshape(12);
    assert.notEqual(flat.data, a.data);
    assert.deepEqual(flat.toArray(), [0, 1, 2, 6, 7, 8, 12, 13, 14, 18, 19, 20]);
  });
  test("negative-stride views are copied correctly", () => {
    const r = new NDArray(new Float64Array([1, 2, 3, 4]), "float64", [4], [-1], 3);
    const m = r.reshape(2, 2);
    assert.deepEqual(m.toArray(), [[4, 3], [2, 1]]);
  });
  test("empty arrays", () => {
    assert.deepEqual(zeros([0, 3]).reshape(3, 0).shape, [3, 0]);
    assert.deepEqual(zeros([0, 3]).reshape(-1, 3).shape, [0, 3]);
  });
  test("complex views", () => {
    const a = array([{ re: 1, im: 2 }, { re: 3, im: 4 }]).reshape(1, 2);
    assert.deepEqual(a.toArray(), [[{ re: 1, im: 2 }, { re: 3, im: 4 }]]);
  });
  test("errors: size mismatch names both shapes", () => {
    assert.throws(() => arange(6).reshape(4, 2), {
      name: "RangeError",
      message: "Cannot reshape an array of shape (6,) (size 6) into shape (4, 2) (size 8)",
    });
    assert.throws(() => arange(6).reshape(4, -1), {
      name: "RangeError",
      message:
        "Cannot reshape an array of shape (6,) (size 6) into shape [4, -1]: 6 is not a multiple of 4",
    });
    assert.throws(() => zeros([0, 3]).reshape(0, -1), RangeError);
  });
  test("errors: two unknown dimensions, bad dimensions", () => {
    assert.throws(() => arange(6).reshape(-1, -1), {
      name: "RangeError",
      message: "Cannot reshape into shape [-1, -1]: only one dimension can be -1",
    });
    assert.throws(() => arange(6).reshape(-2, -3), RangeError);
    assert.throws(() => arange(6).reshape(2.5, 2), RangeError);
    assert.throws(() => arange(6).reshape([2, 3], 1), TypeError);
  });
});

describe("transpose(), T, matrixTranspose()", () => {
  test("T reverses shape and strides and shares data", () => {
    const a = zeros([2, 3, 4]);
    const t = a.T;
    assert.deepEqual(t.shape, [4, 3, 2]);
    assert.deepEqual(t.strides, [1, 4, 12]);
    assert.equal(t.data, a.data);
  });
  test("T of 0-d and 1-d arrays", () => {
    assert.deepEqual(zeros(3).T.shape, [3]);
    assert.deepEqual(array(1).T.shape, []);
  });
  test("values of the transposed view", () => {
    assert.deepEqual(array([[1, 2, 3], [4, 5, 6]]).T.toArray(), [[1, 4], [2, 5], [3, 6]]);
  });
  test("axes permutation, negative axes", () => {
    const a = zeros([2, 3, 4]);
    const t = a.transpose([2, 0, 1]);
    assert.deepEqual(t.shape, [4, 2, 3]);
    assert.deepEqual(t.strides, [1, 12, 4]);
    assert.deepEqual(a.transpose([-1, -3, -2]).shape, [4, 2, 3]);
  });
  test("matrixTranspose swaps the last two axes", () => {
    const a = arange(12).reshape(2, 2, 3);
    const m = a.matrixTranspose();
    assert.deepEqual(m.shape, [2, 3, 2]);
    assert.deepEqual(m.strides, [6, 1, 3]);
    assert.equal(m.data, a.data);
    assert.deepEqual(m.toArray(), [[[0, 3], [1, 4], [2, 5]], [[6, 9], [7, 10], [8, 11]]]);
  });
  test("transposing a negative-stride view", () => {
    const r = new NDArray(new Float64Array([1, 2, 3, 4]), "float64", [2, 2], [-2, 1], 2);
    assert.deepEqual(r.T.toArray(), [[3, 1], [4, 2]]);
  });
  test("errors: bad axes", () => {
    const a = zeros([2, 3]);
    assert.throws(() => a.transpose([0]), {
      name: "RangeError",
      message: "Invalid axes [0]: an array of 2 dimensions needs 2 axes",
    });
    assert.throws(() => a.transpose([0, 0]), {
      name: "RangeError",
      message: "Invalid axes [0, 0]: axis 0 is repeated",
    });
    assert.throws(() => a.transpose([0, 2]), {
      name: "RangeError",
      message: "Invalid axes [0, 2]: axis 2 is out of bounds for an array of 2 dimensions",
    });
    assert.throws(() => a.transpose([0, 1.5]), RangeError);
    assert.throws(() => a.transpose([0, "1"] as unknown as number[]), TypeError);
  });
  test("errors: matrixTranspose of fewer than 2 dimensions", () => {
    assert.throws(() => zeros(3).matrixTranspose(), {
      name: "RangeError",
      message: "Cannot transpose the matrices of an array of 1 dimension: at least 2 are needed",
    });
  });
});

describe("astype()", () => {
  test("float64 to float32 rounds", () => {
    const a = array([0.1, 1e300]).astype("float32");
    assert.equal(a.dtype, "float32");
    assert.deepEqual(a.toArray(), [Math.fround(0.1), Infinity]);
  });
  test("real to complex", () => {
    const a = array([[1, 2]], { dtype: "float32" }).astype("complex128");
    assert.equal(a.dtype, "complex128");
    assert.deepEqual(Array.from(a.data), [1, 0, 2, 0]);
  });
  test("complex128 to complex64", () => {
    const a = array([{ re: 0.1, im: 1 }]).astype("complex64");
    assert.deepEqual(a.at(0), { re: Math.fround(0.1), im: 1 });
  });
  test("always a copy, even to the same dtype", () => {
    const a = array([1, 2]);
    const b = a.astype("float64");
    assert.notEqual(b.data, a.data);
    assert.deepEqual(b.toArray(), [1, 2]);
  });
  test("from a strided view, to C order", () => {
    const a = array([[1, 2], [3, 4]]).T.astype("f4");
    assert.deepEqual(Array.from(a.data), [1, 3, 2, 4]);
    assert.equal(a.isCContiguous, true);
  });
  test("errors: complex to real", () => {
    assert.throws(() => zeros(2, { dtype: "complex128" }).astype("float64"), {
      name: "TypeError",
      message: "Cannot cast complex128 to float64 without losing the imaginary part",
    });
  });
  test("errors: unknown dtype", () => {
    assert.throws(() => zeros(1).astype("int8"), TypeError);
  });
});

describe("copy()", () => {
  test("C order by default, new data", () => {
    const a = array([[1, 2], [3, 4]]);
    const c = a.copy();
    assert.notEqual(c.data, a.data);
    assert.deepEqual(c.strides, [2, 1]);
    c.set([0, 0], 9);
    assert.equal(a.at(0, 0), 1);
  });
  test("F order", () => {
    const a = array([[1, 2, 3], [4, 5, 6]]);
    const f = a.copy("F");
    assert.deepEqual(Array.from(f.data), [1, 4, 2, 5, 3, 6]);
    assert.deepEqual(f.strides, [1, 2]);
    assert.deepEqual(f.toArray(), a.toArray());
  });
  test("F order of complex 3-D", () => {
    const a = array([[[{ re: 1, im: 1 }, 2]], [[3, 4]]]);
    const f = a.copy("F");
    assert.equal(f.isFContiguous, true);
    assert.deepEqual(f.toArray(), a.toArray());
  });
  test("0-d", () => {
    assert.equal(array(5).copy().item(), 5);
  });
  test("errors: bad order", () => {
    assert.throws(() => zeros(1).copy("A" as "C"), {
      name: "TypeError",
      message: 'Invalid order "A": expected "C" or "F"',
    });
  });
});

describe("toString() (numpy's repr)", () => {
  test("2x2 float64", () => {
    assert.equal(array([[1, 2], [3, 4]]).toString(), "array([[1., 2.],\n       [3., 4.]])");
  });
  test("float32 vector", () => {
    assert.equal(array([1, 2], { dtype: "float32" }).toString(), "array([1., 2.], dtype=float32)");
    assert.equal(
      array([0.1, 1 / 3], { dtype: "float32" }).toString(),
      "array([0.1       , 0.33333334], dtype=float32)",
    );
  });
  test("complex128", () => {
    assert.equal(
      array([{ re: 1, im: 2 }, { re: 0, im: -1 }]).toString(),
      "array([1.+2.j, 0.-1.j])",
    );
    assert.equal(
      array([[{ re: 1.5, im: -2 }, { re: 0, im: 3 }], [-1, { re: 0.25, im: 1e-3 }]]).toString(),
      "array([[ 1.5 -2.e+00j,  0.  +3.e+00j],\n       [-1.  +0.e+00j,  0.25+1.e-03j]])",
    );
  });
  test("0-d", () => {
    assert.equal(array(5).toString(), "array(5.)");
    assert.equal(
      array({ re: 1, im: 2 }, { dtype: "complex64" }).toString(),
      "array(1.+2.j, dtype=complex64)",
    );
  });
  test("empty", () => {
    assert.equal(zeros([0, 3]).toString(), "array([], shape=(0, 3), dtype=float64)");
    assert.equal(zeros(0, { dtype: "complex64" }).toString(), "array([], dtype=complex64)");
  });
  test("3-D", () => {
    assert.equal(
      arange(24).reshape(2, 3, 4).toString(),
      "array([[[ 0.,  1.,  2.,  3.],\n        [ 4.,  5.,  6.,  7.],\n        [ 8.,  9., 10., 11.]],\n\n" +
        "       [[12., 13., 14., 15.],\n        [16., 17., 18., 19.],\n        [20., 21., 22., 23.]]])",
    );
  });
  test("signed zero, NaN and infinities", () => {
    assert.equal(array([-0, 1, NaN, -Infinity]).toString(), "array([ -0.,   1.,  nan, -inf])");
  });
  test("scientific notation when the range is wide", () => {
    assert.equal(
      array([1e-5, 1, 123456]).toString(),
      "array([1.00000e-05, 1.00000e+00, 1.23456e+05])",
    );
  });
  test("long rows wrap at 75 columns", () => {
    const a = arange(30);
    const d = a.data;
    for (let i = 0; i < 30; i++) d[i] = i / 7;
    assert.equal(
      a.toString(),
      "array([0.        , 0.14285714, 0.28571429, 0.42857143, 0.57142857,\n" +
        "       0.71428571, 0.85714286, 1.        , 1.14285714, 1.28571429,\n" +
        "       1.42857143, 1.57142857, 1.71428571, 1.85714286, 2.        ,\n" +
        "       2.14285714, 2.28571429, 2.42857143, 2.57142857, 2.71428571,\n" +
        "       2.85714286, 3.        , 3.14285714, 3.28571429, 3.42857143,\n" +
        "       3.57142857, 3.71428571, 3.85714286, 4.        , 4.14285714])",
    );
  });
  test("more than 1000 elements are elided", () => {
    assert.equal(
      arange(1001).toString(),
      "array([   0.,    1.,    2., ...,  998.,  999., 1000.], shape=(1001,))",
    );
    const s = arange(2000).reshape(40, 50).toString();
    assert.ok(s.includes("..."));
    assert.equal(
      s,
      "array([[0.000e+00, 1.000e+00, 2.000e+00, ..., 4.700e+01, 4.800e+01,\n        4.900e+01],\n" +
        "       [5.000e+01, 5.100e+01, 5.200e+01, ..., 9.700e+01, 9.800e+01,\n        9.900e+01],\n" +
        "       [1.000e+02, 1.010e+02, 1.020e+02, ..., 1.470e+02, 1.480e+02,\n        1.490e+02],\n" +
        "       ...,\n" +
        "       [1.850e+03, 1.851e+03, 1.852e+03, ..., 1.897e+03, 1.898e+03,\n        1.899e+03],\n" +
        "       [1.900e+03, 1.901e+03, 1.902e+03, ..., 1.947e+03, 1.948e+03,\n        1.949e+03],\n" +
        "       [1.950e+03, 1.951e+03, 1.952e+03, ..., 1.997e+03, 1.998e+03,\n        1.999e+03]], shape=(40, 50))",
    );
  });
  test("views print their own elements", () => {
    const r = new NDArray(new Float64Array([1, 2, 3]), "float64", [3], [-1], 2);
    assert.equal(r.toString(), "array([3., 2., 1.])");
  });
  test("console.log hooks of Deno and Node/Bun return the repr", () => {
    const a = array([[1, 2], [3, 4]]);
    const hooks = a as unknown as Record<symbol, () => string>;
    assert.equal(hooks[Symbol.for("Deno.customInspect")](), a.toString());
    assert.equal(hooks[Symbol.for("nodejs.util.inspect.custom")](), a.toString());
    assert.equal(`${a}`, a.toString());
  });
});

describe("isNDArray()", () => {
  test("NDArrays and other values", () => {
    assert.equal(isNDArray(zeros(1)), true);
    assert.equal(isNDArray([1]), false);
    assert.equal(isNDArray(new Float64Array(1)), false);
    assert.equal(isNDArray(null), false);
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile values: messages never run user code, forged and changed arrays are refused.

/** An array nested 100000 deep: String() and JavaScriptCore's JSON.stringify overflow on it. */
function deepArray(): unknown {
  let deep: unknown = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  return deep;
}

/** An object whose conversions record that they ran and throw. */
function hostile(): { ran: boolean; value: object } {
  const h = { ran: false, value: {} };
  h.value = {
    valueOf(): number {
      h.ran = true;
      throw new Error("valueOf ran");
    },
    toString(): string {
      h.ran = true;
      throw new Error("toString ran");
    },
  };
  return h;
}

describe("NDArray fields are read-only", () => {
  test("assigning a field throws and changes nothing", () => {
    const a = zeros([2, 3]);
    const data = a.data;
    assert.ok(Object.isFrozen(a));
    const any = a as unknown as Record<string, unknown>;
    for (
      const [k, v] of [["shape", [-1]], ["strides", [1]], ["offset", 5], ["data", null], [
        "dtype",
        "float32",
      ]]
    ) {
      assert.throws(() => {
        any[k as string] = v;
      }, TypeError);
    }
    assert.deepEqual(a.shape, [2, 3]);
    assert.deepEqual(a.strides, [3, 1]);
    assert.equal(a.offset, 0);
    assert.equal(a.data, data);
    assert.equal(a.dtype, "float64");
  });
  test("a subclass keeps its own fields, but the array's are read-only too", () => {
    class Named extends NDArray {
      name = "m";
    }
    const a = new Named(new Float64Array(4), "float64", [2, 2]);
    a.name = "n";
    assert.equal(a.name, "n");
    assert.throws(() => {
      (a as unknown as { offset: number }).offset = 1;
    }, TypeError);
    assert.deepEqual(a.T.toArray(), [[0, 0], [0, 0]]);
  });
  test("a shape changed in place is refused by every method, with the reason", () => {
    // shape and strides stay plain arrays (frozen arrays are slow to make and to read), so the
    // methods check them: a.shape[0] = -1 once made reshape() loop forever.
    const a = zeros([1, 3, 2, 2]);
    (a.shape as number[])[0] = -1;
    const message =
      /^Invalid NDArray in reshape\(\): dimension 0 of its shape \[-1, 3, 2, 2\] is negative \(its shape or strides were changed after construction, or its buffer shrank\)$/;
    assert.throws(() => a.reshape([-1]), { name: "RangeError", message });
    assert.throws(() => a.reshape(12), { name: "RangeError", message });
    for (
      const [name, f] of [
        ["toArray()", () => a.toArray()],
        ["copy()", () => a.copy("F")],
        ["astype()", () => a.astype("complex128")],
        ["transpose()", () => a.T],
        ["matrixTranspose()", () => a.matrixTranspose()],
        ["toString()", () => a.toString()],
        ["item()", () => a.item()],
        ["size", () => a.size],
        ["isCContiguous", () => a.isCContiguous],
        ["at()", () => a.at(0, 0, 0, 0)],
        ["set()", () => a.set([0, 0, 0, 0], 1)],
        ["array()", () => array(a)],
        ["array()", () => array([a])],
        ["asarray()", () => asarray(a)],
      ] as const
    ) {
      assert.throws(f, {
        name: "RangeError",
        message: new RegExp(`^Invalid NDArray in ${name.replace(/[()]/g, "\\$&")}`),
      }, name);
    }
  });
  test("other changes: strides, pushed dimensions, non-numbers, views past the data", () => {
    const s = zeros([2, 2]);
    (s.strides as number[])[0] = 1e9;
    assert.throws(() => s.at(1, 0), {
      name: "RangeError",
      message:
        /^Invalid NDArray in at\(\): its shape \[2, 2\] with strides \[1000000000, 1\] and offset 0 reaches item 1000000001, but data holds 4 items /,
    });
    const p = zeros([2, 2]);
    (p.shape as number[]).push(2);
    assert.throws(() => p.toArray(), {
      name: "RangeError",
      message:
        /^Invalid NDArray in toArray\(\): its shape \[2, 2, 2\] and strides \[2, 1\] differ in length /,
    });
    const o = zeros([2, 2]);
    const h = hostile();
    (o.shape as unknown[])[1] = h.value;
    assert.throws(() => o.at(0, 0), {
      name: "TypeError",
      message:
        /^Invalid NDArray in at\(\): dimension 1 of its shape \[2, an object\] is not a number /,
    });
    assert.throws(() => o.reshape(-1), TypeError);
    assert.equal(h.ran, false);
    const l = zeros([2, 2]);
    (l.shape as number[]).length = 2 ** 32 - 1;
    assert.throws(() => l.size, {
      name: "RangeError",
      message:
        /^Invalid NDArray in size: it has 4294967295 dimensions and 2 strides, but at most 64 are supported /,
    });
  });
  test("a getter that changes a dimension after the check does not reach the loops", () => {
    const a = zeros([2, 3]);
    let reads = 0;
    Object.defineProperty(a.shape, 0, { get: () => (reads++ === 0 ? 2 : -1) });
    // The shape is read once per call, and the loops use that copy.
    assert.deepEqual(a.reshape(-1).shape, [6]);
    reads = 0;
    assert.deepEqual(a.toArray(), [[0, 0, 0], [0, 0, 0]]);
  });
});

describe("forged NDArrays (Object.create(NDArray.prototype))", () => {
  const forged = (): NDArray => Object.create(NDArray.prototype);
  test("methods and getters throw a TypeError", () => {
    for (
      const [name, f] of [
        ["toArray()", (a: NDArray) => a.toArray()],
        ["reshape()", (a: NDArray) => a.reshape([-1])],
        ["at()", (a: NDArray) => a.at(0)],
        ["set()", (a: NDArray) => a.set([0], 1)],
        ["item()", (a: NDArray) => a.item()],
        ["transpose()", (a: NDArray) => a.T],
        ["matrixTranspose()", (a: NDArray) => a.matrixTranspose()],
        ["astype()", (a: NDArray) => a.astype("float32")],
        ["copy()", (a: NDArray) => a.copy()],
        ["toString()", (a: NDArray) => a.toString()],
        ["ndim", (a: NDArray) => a.ndim],
        ["size", (a: NDArray) => a.size],
        ["itemSize", (a: NDArray) => a.itemSize],
        ["isFContiguous", (a: NDArray) => a.isFContiguous],
      ] as const
    ) {
      assert.throws(() => f(forged()), {
        name: "TypeError",
        message: `Invalid NDArray in ${name}: it was not made by the NDArray constructor`,
      });
    }
  });
  test("even with plausible fields", () => {
    const o = Object.assign(forged(), {
      dtype: "float64",
      shape: [2, 2],
      strides: [2, 1],
      offset: 0,
      data: new Float64Array(4),
    });
    assert.throws(() => o.toArray(), TypeError);
    assert.equal(isNDArray(o), false);
  });
  test("array() and asarray() refuse them, naming where", () => {
    const o = forged();
    assert.throws(() => array(o), {
      name: "TypeError",
      message: "Invalid NDArray in array() (value): it was not made by the NDArray constructor",
    });
    assert.throws(() => asarray(o), {
      name: "TypeError",
      message: "Invalid NDArray in asarray() (value): it was not made by the NDArray constructor",
    });
    assert.throws(() => array([zeros(2), o]), {
      name: "TypeError",
      message: "Invalid NDArray in array() (value[1]): it was not made by the NDArray constructor",
    });
    assert.throws(() => array([[o]]), {
      name: "TypeError",
      message:
        "Invalid NDArray in array() (value[0][0]): it was not made by the NDArray constructor",
    });
  });
  test("isNDArray() is false", () => {
    assert.equal(isNDArray(forged()), false);
  });
});

describe("messages never run user code", () => {
  test("at(): the index type is checked before any arithmetic", () => {
    const a = zeros([2, 2]);
    const h = hostile();
    assert.throws(() => a.at(h.value as unknown as number, 0), {
      name: "TypeError",
      message: "Invalid index for axis 0: expected an integer, got an object",
    });
    assert.throws(() => a.at(0, deepArray() as number), {
      name: "TypeError",
      message: "Invalid index for axis 1: expected an integer, got an array",
    });
    assert.throws(() => a.set([h.value as unknown as number, 0], 1), TypeError);
    assert.equal(h.ran, false);
  });
  test("checkShape(): a what that is not a string is not formatted", () => {
    const h = hostile();
    for (const w of [h.value, deepArray(), null, 5]) {
      assert.throws(() => checkShape([-1], w as string), {
        name: "RangeError",
        message: "Invalid shape [-1]: dimension 0 is negative",
      });
      assert.throws(() => checkShape("2", w as string), {
        name: "TypeError",
        message: "Invalid shape: expected an array of non-negative integers, got string",
      });
    }
    assert.equal(h.ran, false);
  });
  test("copy() and fromTypedArray(): a bad order is described, not converted", () => {
    const h = hostile();
    const a = zeros([2, 2]);
    for (
      const [order, described] of [[deepArray(), "an array"], [h.value, "an object"], [5, "5"]]
    ) {
      const message = `Invalid order ${described}: expected "C" or "F"`;
      assert.throws(() => a.copy(order as "C"), { name: "TypeError", message });
      assert.throws(
        () => fromTypedArray(new Float64Array(4), [2, 2], { order: order as "C" }),
        { name: "TypeError", message },
      );
    }
    assert.equal(h.ran, false);
  });
  test("long strings and long lists are cut in messages", () => {
    assert.throws(() => checkShape(["x".repeat(1000)]), {
      message: /^Invalid shape \["x{40}\.\.\."\]: dimension 0 is not a number \(got string\)$/,
    });
    assert.throws(() => new NDArray(new Float64Array(4), "float64", [4], new Array(1000).fill(1)), {
      name: "RangeError",
      message:
        "Invalid strides [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ... (1000 items)]: 1000 values for 1 dimension",
    });
  });
});

describe("creation options must be an object", () => {
  const calls: [string, (o: unknown) => unknown][] = [
    ["zeros()", (o) => zeros([2], o as undefined)],
    ["ones()", (o) => ones([2], o as undefined)],
    ["empty()", (o) => empty([2], o as undefined)],
    ["eye()", (o) => eye(2, o as undefined)],
    ["array()", (o) => array([1, 2], o as undefined)],
    ["asarray()", (o) => asarray([1, 2], o as undefined)],
    ["asarray()", (o) => asarray(zeros(2), o as undefined)],
    ["fromTypedArray()", (o) => fromTypedArray(new Float64Array(2), [2], o as undefined)],
  ];
  test("null, numbers, strings, arrays and functions are TypeErrors", () => {
    for (const [name, f] of calls) {
      for (
        const [o, described] of [[null, "null"], [5, "5"], ["f4", '"f4"'], [[], "an array"], [
          () => 1,
          "a function",
        ]]
      ) {
        assert.throws(() => f(o), {
          name: "TypeError",
          message: `Invalid options for ${name}: expected an object, got ${described}`,
        }, `${name} ${described}`);
      }
    }
  });
  test("undefined and {} are no options", () => {
    for (const [name, f] of calls) {
      assert.equal((f(undefined) as NDArray).dtype, "float64", name);
      assert.equal((f({}) as NDArray).dtype, "float64", name);
    }
  });
});

describe("size-proportional work is bounded", () => {
  // A legal zero-stride view of 2^40 elements over one float.
  const huge = () => new NDArray(new Float64Array(1), "float64", [2 ** 20, 2 ** 20], [0, 0]);
  test("toArray() of a huge view is a RangeError, not a heap exhaustion", () => {
    assert.throws(() => huge().toArray(), {
      name: "RangeError",
      message: "Cannot convert an array of 1099511627776 elements (shape (1048576, 1048576)) to " +
        "nested arrays: the limit is 67108864 (use .data or a loop over views)",
    });
    // Empty arrays too: a (2^40, 0) array would be 2^40 empty lists.
    const empty0 = new NDArray(new Float64Array(0), "float64", [2 ** 40, 0]);
    assert.throws(() => empty0.toArray(), {
      name: "RangeError",
      message: /^Cannot convert an array of 0 elements/,
    });
    // Views of it are fine.
    const row = new NDArray(new Float64Array([7]), "float64", [3], [0]);
    assert.deepEqual(row.toArray(), [7, 7, 7]);
  });
  test("copy(), astype(), reshape() and array() of a huge view fail as RangeErrors naming the size", () => {
    const message = /^Cannot allocate 1099511627776 items of (float64|complex128) \(\d+ bytes\): /;
    assert.throws(() => huge().copy(), { name: "RangeError", message });
    assert.throws(() => huge().copy("F"), { name: "RangeError", message });
    assert.throws(() => huge().astype("complex128"), { name: "RangeError", message });
    // (A zero-stride view reshapes to a zero-stride view, as in numpy: this one needs a copy.)
    const cols = new NDArray(new Float64Array(2 ** 20), "float64", [2 ** 20, 2 ** 20], [1, 0]);
    assert.throws(() => cols.reshape(-1), { name: "RangeError", message });
    assert.deepEqual(huge().reshape(-1).strides, [0]);
    assert.throws(() => array(huge()), { name: "RangeError", message });
    assert.throws(() => array([huge()]), { name: "RangeError", message });
  });
  test("toString() of a view that would show too many elements is a RangeError", () => {
    // 2^30 elements, 2 per axis: eliding (which keeps 6 per axis) does not shorten it.
    const shape = new Array(30).fill(2);
    const a = new NDArray(new Float64Array(1), "float64", shape, new Array(30).fill(0));
    assert.throws(() => a.toString(), {
      name: "RangeError",
      message:
        /^Cannot print an array of shape \(2, 2, .*\): it shows 1073741824 elements, over the limit of 4194304/,
    });
    // The usual eliding still prints huge arrays.
    assert.match(huge().toString(), /^array\(\[\[0\., 0\., 0\., \.\.\., 0\., 0\., 0\.\],/);
  });
});
