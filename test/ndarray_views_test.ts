// NDArray: element access, conversions, views, copies and printing.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { array, isNDArray, NDArray, zeros } from "../src/ndarray.ts";

/** 0, 1, ..., n-1 as float64. */
function arange(n: number): NDArray {
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = i;
  return new NDArray(d, "float64", [n]);
}

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
