import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ARRAYS, CASES, decode } from "./_products_fixture.ts";
import { array, eye, gufuncStats, LinAlgError, NDArray, zeros } from "../mod.ts";
import type { ArrayLike } from "../mod.ts";
import { isSingle } from "../src/dtype.ts";
import {
  cross,
  diagonal,
  matmul,
  matrixPower,
  matrixTranspose,
  multiDot,
  outer,
  tensorinv,
  tensorsolve,
  trace,
  vecdot,
} from "../src/linalg/products.ts";
import { assertClose, deepArray, forge, FORGED, HOSTILE, LAYOUTS } from "./_cases.ts";

// ---------------------------------------------------------------------------------------------
// The fixture: inputs shared by index, numpy's answers (scripts/fixtures_products.py).

const RUN: Record<string, (args: ArrayLike[], o: any) => NDArray> = {
  matmul: ([a, b], o) => matmul(a, b, o),
  multiDot: (args, o) => multiDot(args, o),
  outer: ([a, b], o) => outer(a, b, o),
  cross: ([a, b], o) => cross(a, b, o),
  vecdot: ([a, b], o) => vecdot(a, b, o),
  trace: ([a], o) => trace(a, o),
  diagonal: ([a], o) => diagonal(a, o),
  matrixTranspose: ([a]) => matrixTranspose(a),
  matrixPower: ([a], o) => matrixPower(a, o.n),
  tensorsolve: ([a, b], o) => tensorsolve(a, b, o),
  tensorinv: ([a], o) => tensorinv(a, o),
};

const snapshot = (x: ArrayLike) => (x instanceof NDArray ? Array.from(x.data) : JSON.stringify(x));

for (const fn of Object.keys(RUN)) {
  describe(`${fn}: numpy's answers for every case and layout`, () => {
    for (const c of CASES.filter((c) => c.fn === fn)) {
      const args = c.args.map((i) => ARRAYS[i]);
      const want = decode(c.result);
      const tol = (isSingle(want.dtype) ? 1e-6 : 1e-12) * c.tol;
      for (const v of LAYOUTS.filter((v) => args.every((a) => v.applies(a)))) {
        test(`${c.name} / ${v.name}`, () => {
          const made = args.map((a) => v.make(a));
          const before = made.map(snapshot);
          const r = RUN[fn](made, c.options);
          assert.deepEqual(r.shape, want.shape);
          if (v.keepsDType) assert.equal(r.dtype, want.dtype);
          assertClose(r, want.toArray(), tol, c.name);
          assert.deepEqual(made.map(snapshot), before, "inputs unchanged");
        });
      }
    }
  });
}

const f32 = (x: ArrayLike) => array(x, { dtype: "float32" });
const throwsMsg = (f: () => unknown, cls: new (...a: any[]) => Error, re: RegExp) =>
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.match((e as Error).message, re);
    return true;
  });

// ---------------------------------------------------------------------------------------------

describe("matmul", () => {
  test("views: transposes, strided and reversed operands need no copies by the caller", () => {
    const a = array([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(matmul(a, a.T).toArray(), [[14, 32], [32, 77]]);
    assert.deepEqual(matmul(a.T, a).toArray(), [[17, 22, 27], [22, 29, 36], [27, 36, 45]]);
    const rev = new NDArray(a.data, "float64", [2, 3], [-3, -1], 5); // [[6,5,4],[3,2,1]]
    assert.deepEqual(matmul(rev, [1, 0, 0]).toArray(), [6, 3]);
  });
  test("float32 stays float32; precision single calls sgemm", () => {
    const a = f32([[1, 2], [3, 4]]);
    assert.equal(matmul(a, a).dtype, "float32");
    const r = matmul(a, a, { precision: "single" });
    assert.equal(r.dtype, "float32");
    assert.deepEqual(r.toArray(), [[7, 10], [15, 22]]);
    const c = array([[{ re: 1, im: 1 }]], { dtype: "complex64" });
    assert.deepEqual(matmul(c, c, { precision: "single" }).toArray(), [[{ re: 0, im: 2 }]]);
    assert.deepEqual(matmul(f32([1, 2]), f32([[1], [1]]), { precision: "single" }).toArray(), [3]);
  });
  test("complex is not conjugated", () => {
    const i = { re: 0, im: 1 };
    assert.deepEqual(matmul([i], [i]).item(), { re: -1, im: 0 });
    assert.deepEqual(matmul([[i]], [[i]]).toArray(), [[{ re: -1, im: 0 }]]);
  });
  test("out: the result lands in the given array", () => {
    const out = zeros([2, 2]);
    const r = matmul([[1, 2], [3, 4]], eye(2), { out });
    assert.equal(r, out);
    assert.deepEqual(out.toArray(), [[1, 2], [3, 4]]);
    const vout = zeros([2]);
    assert.equal(matmul([[1, 2], [3, 4]], [1, 1], { out: vout }), vout);
    assert.deepEqual(vout.toArray(), [3, 7]);
    throwsMsg(
      () => matmul(eye(2), eye(2), { out: zeros([3, 3]) }),
      RangeError,
      /^Invalid out for matmul\(\): it has shape/,
    );
    throwsMsg(
      () => matmul(eye(2), eye(2), { out: zeros([2, 2], { dtype: "float32" }) }),
      TypeError,
      /dtype/,
    );
  });
  test("k = 0 gives zeros even when the scratch held a previous product", () => {
    matmul(array([[1, 2]]), array([[3], [4]]));
    const r = matmul(zeros([4, 1, 0]), zeros([0, 1]));
    assert.deepEqual(r.toArray(), [[[0]], [[0]], [[0]], [[0]]]);
  });
  test("stacks of 10000 small matrices: one scratch, one kernel", () => {
    const n = 4;
    const data = new Float64Array(10000 * n * n);
    for (let k = 0; k < 10000; k++) for (let i = 0; i < n; i++) data[k * n * n + i * n + i] = k;
    const a = new NDArray(data, "float64", [10000, n, n]);
    const s0 = gufuncStats.scratchAllocations;
    const k0 = gufuncStats.kernelCreations;
    const r = matmul(a, array([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]));
    assert.ok(gufuncStats.scratchAllocations - s0 <= 1);
    assert.ok(gufuncStats.kernelCreations - k0 <= 1);
    assert.equal(r.at(9999, 3, 0), 9999 * 13);
  });
  test("errors in numpy's words", () => {
    throwsMsg(
      () => matmul([[1, 2, 3]], [[1, 2, 3]]),
      RangeError,
      /mismatch in its core dimension 0/,
    );
    throwsMsg(() => matmul([1, 2], [1, 2, 3]), RangeError, /mismatch in its core dimension/);
    throwsMsg(
      () => matmul(5, [1, 2]),
      RangeError,
      /^Input operand 0 of matmul\(\) does not have enough dimensions \(has 0,/,
    );
    throwsMsg(
      () => matmul([1, 2], 5),
      RangeError,
      /^Input operand 1 of matmul\(\) does not have enough dimensions \(has 0,/,
    );
    throwsMsg(
      () => matmul(zeros([2, 2, 2]), zeros([3, 2, 2])),
      RangeError,
      /could not be broadcast/,
    );
    throwsMsg(
      () => matmul(eye(2), eye(2), 3 as never),
      TypeError,
      /^Invalid options for matmul\(\): expected an object/,
    );
    throwsMsg(() => matmul(eye(2), eye(2), { precision: "half" as never }), TypeError, /precision/);
  });
});

describe("multiDot", () => {
  test("equals the left-to-right product, whatever order it picks", () => {
    const a = array([[1, 2, 3], [4, 5, 6]]);
    const b = array([[1, 0], [2, 1], [0, 3]]);
    const c = array([[1, 1, 1, 1], [2, 0, 2, 0]]);
    const d = array([[1], [2], [3], [4]]);
    assert.deepEqual(
      multiDot([a, b, c, d]).toArray(),
      matmul(matmul(matmul(a, b), c), d).toArray(),
    );
  });
  test("out receives the final product", () => {
    const out = zeros([2]);
    const r = multiDot([[[1, 0], [0, 2]], [[1, 1], [1, 1]], [1, 2]], { out });
    assert.equal(r, out);
    assert.deepEqual(out.toArray(), [3, 6]);
  });
  test("float32 chains stay float32", () => {
    assert.equal(multiDot([f32([[1]]), f32([[2]]), f32([[3]])]).dtype, "float32");
  });
  test("errors", () => {
    throwsMsg(() => multiDot([eye(2)]), RangeError, /^Expecting at least two arrays/);
    throwsMsg(
      () => multiDot([eye(2), zeros([2, 2, 2]), eye(2)]),
      LinAlgError,
      /^3-dimensional array given\. Array must be two-dimensional/,
    );
    throwsMsg(() => multiDot([[1, 2], [1, 2], eye(2)]), LinAlgError, /^1-dimensional array given/);
    throwsMsg(
      () => multiDot([eye(2), zeros([3, 2]), eye(2)]),
      RangeError,
      /^Shapes \(2,2\) and \(3,2\) not aligned: 2 \(dim 1\) != 3 \(dim 0\)/,
    );
    throwsMsg(() => multiDot(eye(2) as never), TypeError, /expected an array of arrays/);
  });
});

describe("outer, cross, vecdot", () => {
  test("outer needs vectors", () => {
    throwsMsg(
      () => outer([[1, 2]], [1]),
      RangeError,
      /^Input arrays must be one-dimensional, but they are x1\.ndim=2 and x2\.ndim=1/,
    );
  });
  test("outer: out", () => {
    const out = zeros([2, 2]);
    assert.equal(outer([1, 2], [3, 4], { out }), out);
    assert.deepEqual(out.toArray(), [[3, 4], [6, 8]]);
  });
  test("cross: right-handed basis, and the vector axis stays where it was", () => {
    assert.deepEqual(cross([0, 1, 0], [0, 0, 1]).toArray(), [1, 0, 0]);
    const a = array([[1, 0], [0, 1], [0, 0]]); // two vectors along axis 0
    const b = array([[0, 0], [1, 0], [0, 1]]);
    assert.deepEqual(cross(a, b, { axis: 0 }).toArray(), [[0, 1], [0, 0], [1, 0]]);
  });
  test("cross errors", () => {
    throwsMsg(
      () => cross([1, 2], [1, 2, 3]),
      RangeError,
      /^Both input arrays must be \(arrays of\) 3-dimensional vectors, but they are 2 and 3 dimensional instead/,
    );
    throwsMsg(
      () => cross([1, 2, 3], [1, 2, 3], { axis: 1 }),
      RangeError,
      /^Axis 1 is out of bounds for array of dimension 1/,
    );
    throwsMsg(
      () => cross([1, 2, 3], [1, 2, 3], { axis: 0.5 }),
      TypeError,
      /^Invalid axis for cross\(\): expected an integer/,
    );
    throwsMsg(() => cross(zeros([2, 3]), zeros([3, 3])), RangeError, /could not be broadcast/);
  });
  test("vecdot conjugates the first argument", () => {
    const a = [{ re: 1, im: 2 }, { re: 3, im: -1 }];
    const r = vecdot(a, a).item() as { re: number; im: number };
    assert.deepEqual(r, { re: 15, im: 0 });
    assert.deepEqual(vecdot([{ re: 0, im: 1 }], [1]).item(), { re: 0, im: -1 });
  });
  test("vecdot errors", () => {
    throwsMsg(() => vecdot([1, 2], [1, 2, 3]), RangeError, /mismatch in its core dimension/);
    throwsMsg(
      () => vecdot(5, [1]),
      RangeError,
      /Axis -1 is out of bounds for array of dimension 0/,
    );
  });
});

describe("trace, diagonal, matrixTranspose", () => {
  test("diagonal is a view of the input", () => {
    const a = array([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    const d = diagonal(a, { offset: 1 });
    assert.equal(d.data, a.data);
    assert.deepEqual(d.toArray(), [2, 6]);
    d.set([0], 20);
    assert.equal(a.at(0, 1), 20);
  });
  test("matrixTranspose is a view", () => {
    const a = zeros([2, 3, 4]);
    const t = matrixTranspose(a);
    assert.deepEqual(t.shape, [2, 4, 3]);
    assert.equal(t.data, a.data);
  });
  test("trace keeps float32 and complex64", () => {
    assert.equal(trace(f32([[1, 2], [3, 4]])).dtype, "float32");
    const c = array([[{ re: 1, im: 1 }, 0], [0, { re: 2, im: -3 }]], { dtype: "complex64" });
    assert.deepEqual(trace(c).item(), { re: 3, im: -2 });
  });
  test("offsets far outside give an empty diagonal and trace 0", () => {
    assert.deepEqual(diagonal(eye(3), { offset: 7 }).shape, [0]);
    assert.equal(trace(eye(3), { offset: -7 }).item(), 0);
  });
  test("errors", () => {
    throwsMsg(
      () => trace([1, 2]),
      RangeError,
      /^Diag requires an array of at least two dimensions/,
    );
    throwsMsg(() => diagonal(5), RangeError, /^Diag requires an array of at least two dimensions/);
    throwsMsg(
      () => diagonal(eye(2), { offset: 0.5 }),
      TypeError,
      /^Invalid offset for diagonal\(\): expected an integer/,
    );
    throwsMsg(
      () => matrixTranspose([1, 2]),
      RangeError,
      /^Input array must be at least 2-dimensional, but it is 1/,
    );
  });
});

describe("matrixPower", () => {
  test("n = 0 is the identity in the input's dtype, n = 1 a copy", () => {
    const a = f32([[1, 2], [3, 4]]);
    const i = matrixPower(a, 0);
    assert.equal(i.dtype, "float32");
    assert.deepEqual(i.toArray(), [[1, 0], [0, 1]]);
    const c = matrixPower(array([[{ re: 0, im: 1 }]]), 0);
    assert.deepEqual(c.toArray(), [[{ re: 1, im: 0 }]]);
    const one = matrixPower(a, 1);
    assert.notEqual(one.data, a.data);
    assert.deepEqual(one.toArray(), a.toArray());
  });
  test("huge exponents: a permutation of order 3 to the power 3^30 + 1", () => {
    const p = [[0, 1, 0], [0, 0, 1], [1, 0, 0]];
    assert.deepEqual(matrixPower(p, 3 ** 30 + 1).toArray(), p);
    assert.deepEqual(matrixPower(p, -(3 ** 30) - 1).toArray(), matrixPower(p, 2).toArray());
  });
  test("errors", () => {
    throwsMsg(() => matrixPower(eye(2), 1.5), TypeError, /^Exponent must be an integer/);
    throwsMsg(() => matrixPower(eye(2), "2" as never), TypeError, /^Exponent must be an integer/);
    throwsMsg(
      () => matrixPower([[1, 2, 3]], 2),
      LinAlgError,
      /^Last 2 dimensions of the array must be square/,
    );
    throwsMsg(() => matrixPower([1, 2], 2), LinAlgError, /at least two-dimensional/);
    throwsMsg(() => matrixPower([[1, 2], [2, 4]], -1), LinAlgError, /^Singular matrix/);
  });
  test("negative power of a stack with a singular item, errors: nan", () => {
    const r = matrixPower([[[2, 0], [0, 2]], [[1, 2], [2, 4]]], -1, { errors: "nan" }).toArray();
    assertClose(r[0], [[0.5, 0], [0, 0.5]], 0);
    assert.ok(r[1].flat().every(Number.isNaN));
  });
});

describe("tensorsolve and tensorinv", () => {
  test("tensorinv undoes itself through matmul of the reshaped matrices", () => {
    const a = array([[4, 1, 0, 0], [1, 4, 1, 0], [0, 1, 4, 1], [0, 0, 1, 4]]).reshape([2, 2, 2, 2]);
    const ia = tensorinv(a);
    assert.deepEqual(ia.shape, [2, 2, 2, 2]);
    const p = matmul(a.reshape([4, 4]), ia.reshape([4, 4])).toArray().flat();
    eye(4).toArray().flat().forEach((v: number, i: number) =>
      assert.ok(Math.abs(p[i] - v) < 1e-14)
    );
  });
  test("errors", () => {
    throwsMsg(
      () => tensorsolve(zeros([2, 3, 4]), zeros([2, 3])),
      LinAlgError,
      /^Input arrays must satisfy the requirement prod\(a\.shape\[b\.ndim:\]\) == prod\(a\.shape\[:b\.ndim\]\)/,
    );
    throwsMsg(
      () => tensorsolve(zeros([2, 2, 4]), zeros([4]), { axes: [0, 0] }),
      RangeError,
      /^Repeated axis/,
    );
    throwsMsg(
      () => tensorsolve(zeros([2, 2]), zeros([2]), { axes: [2] }),
      RangeError,
      /out of bounds/,
    );
    throwsMsg(() => tensorsolve([[1, 2], [2, 4]], [1, 1]), LinAlgError, /^Singular matrix/);
    throwsMsg(() => tensorinv(eye(2), { ind: 0 }), RangeError, /^Invalid ind argument/);
    throwsMsg(() => tensorinv(eye(2), { ind: 1.5 }), TypeError, /^Invalid ind argument/);
    throwsMsg(() => tensorinv(zeros([2, 3])), LinAlgError, /square/);
    throwsMsg(() => tensorinv(zeros([2, 3]), { ind: 1 }), LinAlgError, /square/);
  });
});

describe("products: messages say what and why, and never run user code", () => {
  const deep = deepArray();
  test("matmul: numpy's words, operand and function named", () => {
    throwsMsg(
      () => matmul([[1, 2, 3]], [[1, 2, 3]]),
      RangeError,
      /^Input operand 1 of matmul\(\) has a mismatch in its core dimension 0, with gufunc signature \(m,k\),\(k,n\)->\(m,n\) \(size 1 is different from 3\)$/,
    );
    throwsMsg(
      () => matmul(zeros([2, 2, 2]), zeros([3, 2, 2])),
      RangeError,
      /^Operands of matmul\(\) could not be broadcast together with shapes \(2\) \(3\)$/,
    );
    throwsMsg(
      () => matmul(eye(2), eye(2), 3 as never),
      TypeError,
      /^Invalid options for matmul\(\): expected an object, got number$/,
    );
    throwsMsg(
      () => matmul(eye(2), eye(2), { out: zeros([3, 3]) }),
      RangeError,
      /^Invalid out for matmul\(\): it has shape \(3, 3\), but the result has shape \(2, 2\)$/,
    );
  });
  test("multiDot: holes of a sparse list are undefined, refused by asarray", () => {
    throwsMsg(() => multiDot(new Array(5)), TypeError, /^Cannot make an array from undefined/);
    // deno-lint-ignore no-sparse-arrays
    throwsMsg(
      () => multiDot([eye(2), , eye(2)] as never),
      TypeError,
      /^Cannot make an array from undefined/,
    );
  });
  test("multiDot: not a list", () => {
    throwsMsg(
      () => multiDot(eye(2) as never),
      TypeError,
      /^Invalid arrays for multiDot\(\): expected an array of arrays, got an? NDArray$/,
    );
    throwsMsg(() => multiDot(HOSTILE as never), TypeError, /got an object$/);
  });
  test("cross and vecdot: a bad axis is described, never converted", () => {
    throwsMsg(
      () => cross([1, 2, 3], [1, 2, 3], { axis: 0.5 }),
      TypeError,
      /^Invalid axis for cross\(\): expected an integer, got 0\.5$/,
    );
    throwsMsg(
      () => cross([1, 2, 3], [1, 2, 3], { axis: deep as never }),
      TypeError,
      /^Invalid axis for cross\(\): expected an integer, got an array$/,
    );
    throwsMsg(
      () => cross([1, 2, 3], [1, 2, 3], { axis: HOSTILE as never }),
      TypeError,
      /got an object$/,
    );
    throwsMsg(
      () => cross([1, 2, 3], [1, 2, 3], { axis: Object.create(null) }),
      TypeError,
      /got an object$/,
    );
    throwsMsg(
      () => vecdot([1, 2], [1, 2], { axis: deep as never }),
      TypeError,
      /^Invalid axis for vecdot\(\): expected an integer, got an array$/,
    );
    throwsMsg(
      () => vecdot([1, 2], [1, 2], { axis: Symbol() as never }),
      TypeError,
      /got a symbol$/,
    );
  });
  test("trace and diagonal: a bad offset is described, never converted", () => {
    throwsMsg(
      () => diagonal(eye(2), { offset: 0.5 }),
      TypeError,
      /^Invalid offset for diagonal\(\): expected an integer, got 0\.5$/,
    );
    throwsMsg(
      () => diagonal(eye(2), { offset: deep as never }),
      TypeError,
      /^Invalid offset for diagonal\(\): expected an integer, got an array$/,
    );
    throwsMsg(
      () => trace(eye(2), { offset: HOSTILE as never }),
      TypeError,
      /^Invalid offset for trace\(\): expected an integer, got an object$/,
    );
  });
  test("tensorsolve: axes described; a hole is undefined, refused", () => {
    throwsMsg(
      () => tensorsolve(zeros([2, 2]), zeros([2]), { axes: HOSTILE as never }),
      TypeError,
      /^Invalid axes for tensorsolve\(\): expected an array of integers, got an object$/,
    );
    // deno-lint-ignore no-sparse-arrays
    throwsMsg(
      () => tensorsolve(zeros([2, 2, 4]), zeros([4]), { axes: [0, , 1] as never }),
      TypeError,
      /^Invalid axis for tensorsolve\(\): expected an integer, got undefined$/,
    );
    throwsMsg(
      () => tensorinv(eye(2), { ind: deep as never }),
      TypeError,
      /^Invalid ind argument: expected a positive integer, got an array$/,
    );
    throwsMsg(
      () => matrixPower(eye(2), HOSTILE as never),
      TypeError,
      /^Exponent must be an integer: matrixPower\(\) got an object$/,
    );
  });
});

describe("products: forged arrays are refused before their shape is read", () => {
  const bad = () => FORGED[1].make(); // negative dimensions
  const cases: [string, number, () => unknown][] = [
    ["matmul", 0, () => matmul(bad(), eye(2))],
    ["matmul", 1, () => matmul(eye(2), bad())],
    ["multiDot", 2, () => multiDot([eye(2), eye(2), bad()])],
    ["outer", 1, () => outer([1, 2], bad())],
    ["cross", 0, () => cross(bad(), [1, 2, 3])],
    ["vecdot", 1, () => vecdot([1, 2], bad())],
    ["trace", 0, () => trace(bad())],
    ["diagonal", 0, () => diagonal(bad())],
    ["matrixTranspose", 0, () => matrixTranspose(bad())],
    ["matrixPower", 0, () => matrixPower(bad(), 2)],
    ["tensorsolve", 0, () => tensorsolve(bad(), [1, 2])],
    ["tensorsolve", 1, () => tensorsolve(eye(2), bad())],
    ["tensorinv", 0, () => tensorinv(bad())],
  ];
  for (const [name, k, f] of cases) {
    test(`${name}, operand ${k}`, () => {
      throwsMsg(
        f,
        TypeError,
        new RegExp(`^Invalid NDArray for operand ${k} of ${name}\\(\\): dimension 0 is -3`),
      );
    });
  }
  test("every kind of forgery, through matmul", () => {
    for (const f of FORGED) {
      throwsMsg(
        () => matmul(f.make(), eye(2)),
        TypeError,
        /^Invalid NDArray for operand 0 of matmul\(\): /,
      );
    }
  });
  test("a forged out", () => {
    const out = forge({
      shape: [2, 2],
      strides: [2, 1],
      offset: 0,
      dtype: "float64",
      data: new Float64Array(3),
    });
    throwsMsg(
      () => matmul(eye(2), eye(2), { out }),
      TypeError,
      /^Invalid NDArray for out of matmul\(\): its view reaches item 3, but its data holds 3 items$/,
    );
  });
});
