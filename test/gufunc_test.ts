// The gufunc engine's signatures and type resolution, as numpy's gufuncs behave: fixed-size
// core dimensions ("(3)"), optional ones ("(n?)", matmul's signature), dimension names that are
// Object.prototype members, kernels of one dtype only, and cores of three dimensions.
// Expected values: numpy 2.4's numpy._core._umath_tests (matmul, cross1d, test_signature).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { array, fromTypedArray, gufunc, type NDArray } from "../mod.ts";
import type { Kernel, KernelCall } from "../mod.ts";
import { throwsMsg } from "./_cases.ts";

type Factory = (call: KernelCall) => Kernel;

/** C = A·B on column-major buffers: what numpy's _umath_tests.matmul computes. */
const matmulKernel: Factory = ({ dims: { n, k, m } }) => ([a, b, c]) => {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i + p * n] * b[p + j * k];
      c[i + j * n] = s;
    }
  }
  return 0;
};

/** numpy's _umath_tests.cross1d: "(3),(3)->(3)". */
const cross: Factory = () => ([a, b, c]) => {
  c[0] = a[1] * b[2] - a[2] * b[1];
  c[1] = a[2] * b[0] - a[0] * b[2];
  c[2] = a[0] * b[1] - a[1] * b[0];
  return 0;
};

const one = (r: NDArray | NDArray[]): NDArray => r as NDArray;

describe("gufunc: fixed-size core dimensions", () => {
  const cross1d = gufunc({
    name: "cross1d",
    signature: "(3),(3)->(3)",
    kernels: { float64: cross },
  });
  test("(3),(3)->(3) computes on stacks, and the output has the fixed size", () => {
    assert.deepEqual(one(cross1d([1, 0, 0], [0, 1, 0])).toArray(), [0, 0, 1]);
    const r = one(cross1d([[1, 0, 0], [0, 1, 0]], [0, 0, 1]));
    assert.deepEqual(r.shape, [2, 3]);
    assert.deepEqual(r.toArray(), [[0, -1, 0], [1, 0, 0]]);
  });
  test("a size that differs from the fixed one is a RangeError, as numpy's ValueError", () => {
    throwsMsg(
      () => cross1d([1, 2], [3, 4]),
      RangeError,
      /^Input operand 0 of cross1d\(\) has a mismatch in its core dimension 0, with gufunc signature \(3\),\(3\)->\(3\) \(size 2 is different from 3\)$/,
    );
    throwsMsg(
      () => cross1d([1, 2, 3], [[3, 4, 5, 6]]),
      RangeError,
      /^Input operand 1 of cross1d\(\) has a mismatch in its core dimension 0, .* \(size 4 is different from 3\)$/,
    );
  });
  test("a fixed output dimension: (n)->(2)", () => {
    const ends = gufunc({
      name: "ends",
      signature: "(n)->(2)",
      kernels: {
        float64: ({ dims: { n } }) => ([a, o]) => {
          o[0] = a[0];
          o[1] = a[n - 1];
          return 0;
        },
      },
    });
    assert.deepEqual(one(ends([[1, 2, 3], [4, 5, 6]])).toArray(), [[1, 3], [4, 6]]);
  });
  test("a size that is not a positive integer is a bad signature, as numpy", () => {
    for (const signature of ["(0)->()", "(1a)->()", "(?)->()", "(n??)->()", "(n)x->()"]) {
      assert.throws(() => gufunc({ name: "f", signature, kernels: {} }), TypeError, signature);
    }
    throwsMsg(
      () => gufunc({ name: "f", signature: "(0)->()", kernels: {} }),
      TypeError,
      /^Invalid gufunc signature "\(0\)->\(\)": a fixed core dimension must be a positive integer, got 0$/,
    );
  });
});

describe("gufunc: optional core dimensions (n?)", () => {
  const matmul = gufunc({
    name: "matmul",
    signature: "(n?,k),(k,m?)->(n?,m?)",
    kernels: { float64: matmulKernel },
  });
  const A = [[1, 2], [3, 4], [5, 6]];
  const S = [[[0, 1], [2, 3], [4, 5]], [[6, 7], [8, 9], [10, 11]]];
  test("matrix·vector, vector·matrix, vector·vector and stacks: numpy's shapes and values", () => {
    const cases: [unknown, unknown, number[], unknown][] = [
      [A, [1, -1], [3], [-1, -1, -1]],
      [[2, 1, 0], A, [2], [5, 8]],
      [[2, 1, 0], [2, 1, 0], [], 5],
      [S, [1, -1], [2, 3], [[-1, -1, -1], [-1, -1, -1]]],
      [[2, 1, 0], S, [2, 2], [[2, 5], [20, 23]]],
      [[[1, 3, 5], [2, 4, 6]], A, [2, 2], [[35, 44], [44, 56]]],
    ];
    for (const [a, b, shape, expected] of cases) {
      const r = one(matmul(a as number[], b as number[]));
      assert.deepEqual(r.shape, shape);
      assert.deepEqual(r.toArray(), expected);
    }
  });
  test("a mismatch names the dimension among those present, as numpy", () => {
    throwsMsg(
      () => matmul([1, -1], A),
      RangeError,
      /^Input operand 1 of matmul\(\) has a mismatch in its core dimension 0, with gufunc signature \(n\?,k\),\(k,m\?\)->\(n\?,m\?\) \(size 3 is different from 2\)$/,
    );
    throwsMsg(
      () => matmul(5, A),
      RangeError,
      /^Input operand 0 of matmul\(\) does not have enough dimensions \(has 0, gufunc core with signature .* requires 1\)$/,
    );
  });
  test('"(n?),(n,m?)->(m?)": numpy rejects a name marked "?" in one place only, and so do we', () => {
    throwsMsg(
      () => gufunc({ name: "f", signature: "(n?),(n,m?)->(m?)", kernels: {} }),
      TypeError,
      /^Invalid gufunc signature "\(n\?\),\(n,m\?\)->\(m\?\)": dimension n is marked "\?" where it first appears, so it must be marked on every use$/,
    );
    throwsMsg(
      () => gufunc({ name: "f", signature: "(n,n?)->()", kernels: {} }),
      TypeError,
      /dimension n is not marked "\?" where it first appears, so it must not be marked on every use$/,
    );
  });
  test('"(n?),(n?,m?)->(m?)": an operand short of dimensions drops its first "?" name', () => {
    const vm = gufunc({
      name: "vm",
      signature: "(n?),(n?,m?)->(m?)",
      kernels: {
        float64: ({ dims: { n, m } }) => ([a, b, c]) => {
          for (let j = 0; j < m; j++) {
            let s = 0;
            for (let p = 0; p < n; p++) s += a[p] * b[p + j * n];
            c[j] = s;
          }
          return 0;
        },
      },
    });
    assert.deepEqual(one(vm([2, 1, 0], A)).toArray(), [5, 8]);
    // b has one dimension for (n?,m?): n goes (numpy's order), from every operand, so a's
    // dimension becomes a loop dimension and the result is an outer product.
    assert.deepEqual(one(vm([2, 1, 0], [2, 1, 0])).toArray(), [[4, 2, 0], [2, 1, 0], [0, 0, 0]]);
    // Both missing: n and m are size 1, as numpy passes them to the loop.
    assert.deepEqual(one(vm(3, 4)).toArray(), 12);
  });
});

describe("gufunc: kernels of some dtypes only, resolved as numpy", () => {
  const doubler = (f: number): Factory => () => ([a, o]) => {
    o[0] = a[0] * f;
    return 0;
  };
  test("a float32-only kernel serves float32 input, and float64 input says which dtype", () => {
    const f = gufunc({ name: "f32", signature: "()->()", kernels: { float32: doubler(2) } });
    const r = one(f(array([1.5, 2], { dtype: "float32" })));
    assert.equal(r.dtype, "float32");
    assert.deepEqual(r.toArray(), [3, 4]);
    throwsMsg(
      () => f([1.5]),
      TypeError,
      /^Unsupported dtype float64 for f32\(\): the gufunc has no kernel for it$/,
    );
    throwsMsg(
      () => f(array([1], { dtype: "complex64" })),
      TypeError,
      /^Unsupported dtype complex64 for f32\(\): the gufunc has no kernel for it$/,
    );
  });
  test("the exact kernel first: float32 input with float32 and complex64 kernels", () => {
    const f = gufunc({
      name: "two",
      signature: "()->()",
      kernels: { complex64: doubler(3), float32: doubler(2) },
    });
    assert.deepEqual(one(f(array([1], { dtype: "float32" }))).toArray(), [2]);
  });
  test("else the first kernel the input casts to safely, in the spec's order", () => {
    const f = gufunc({
      name: "complexOnly",
      signature: "()->()",
      kernels: { complex64: doubler(3), complex128: doubler(2) },
    });
    // float64 -> complex64 would lose precision: complex128.
    const r = one(f([1]));
    assert.equal(r.dtype, "complex128");
    assert.deepEqual(r.toArray(), [{ re: 2, im: 0 }]);
    // float32 -> complex64 (listed first); the result keeps the input's precision.
    const s = one(f(array([1], { dtype: "float32" })));
    assert.equal(s.dtype, "complex64");
    assert.deepEqual(s.toArray(), [{ re: 3, im: 0 }]);
  });
  test("precision single with only double kernels computes in double", () => {
    const f = gufunc({ name: "f64", signature: "()->()", kernels: { float64: doubler(2) } });
    const r = one(f(array([1.5], { dtype: "float32" }), { precision: "single" }));
    assert.equal(r.dtype, "float32");
    assert.deepEqual(r.toArray(), [3]);
  });
  test("a complex kernel never serves a forced real dtype", () => {
    const f = gufunc({ name: "c", signature: "()->()", kernels: { complex128: doubler(2) } });
    throwsMsg(
      () => f([1], { dtype: "float64" }),
      TypeError,
      /^Unsupported dtype float64 for c\(\): the gufunc has no kernel for it$/,
    );
  });
});

describe("gufunc: dimension names that are Object.prototype members", () => {
  for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
    test(`(${name})`, () => {
      const f = gufunc({
        name: "sum",
        signature: `(${name}),(${name})->()`,
        kernels: {
          float64: ({ dims }) => ([a, b, o]) => {
            let s = 0;
            for (let i = 0; i < dims[name]; i++) s += a[i] * b[i];
            o[0] = s;
            return 0;
          },
        },
      });
      assert.equal(one(f([1, 2, 3], [1, 1, 1])).item(), 6);
      throwsMsg(() => f([1, 2, 3], [1, 1]), RangeError, /size 2 is different from 3/);
    });
  }
  test("(constructor)->() with an unbound output name is still an error", () => {
    const f = gufunc({
      name: "f",
      signature: "()->(toString)",
      kernels: { float64: () => () => 0 },
    });
    throwsMsg(() => f(1), TypeError, /output dimension toString is not bound by any input$/);
  });
});

describe("gufunc: cores of three dimensions", () => {
  const x = array([
    [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]],
    [[13, 14, 15, 16], [17, 18, 19, 20], [21, 22, 23, 24]],
  ]);
  for (const layouts of ["FF", "CC", "CF", "FC"]) {
    test(`(a,b,c)->(a,b,c) copies every element in and out, layouts ${layouts}`, () => {
      const id = gufunc({
        name: "id",
        signature: "(a,b,c)->(a,b,c)",
        layouts,
        kernels: {
          float64: ({ dims: { a, b, c } }) => ([x, o]) => {
            for (let i = 0; i < a; i++) {
              for (let j = 0; j < b; j++) {
                for (let k = 0; k < c; k++) {
                  const pc = (i * b + j) * c + k;
                  const pf = i + a * (j + b * k);
                  o[layouts[1] === "C" ? pc : pf] = x[layouts[0] === "C" ? pc : pf];
                }
              }
            }
            return 0;
          },
        },
      });
      for (const v of [x, x.transpose([2, 0, 1]), x.reshape(2, 3, 2, 2)]) {
        assert.deepEqual(one(id(v)).toArray(), v.toArray());
      }
    });
  }
});

describe("readOnly inputs", () => {
  test("one contiguous matrix of the computation dtype is read where it is, never written", () => {
    let seen: unknown;
    // Row sums of a C-order (m,n) matrix.
    const rowSum = gufunc({
      name: "rowSum",
      signature: "(m,n)->(m)",
      layouts: "CC",
      readOnly: [0],
      kernels: {
        float64: ({ dims: { m, n } }) => ([a, o]) => {
          seen = a;
          for (let i = 0; i < m; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += a[i * n + j];
            o[i] = s;
          }
          return 0;
        },
      },
    });
    const x = array([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(one(rowSum(x)).toArray(), [6, 15]);
    assert.equal(seen, x.data, "read in place");
    // Copied instead: a transposed view, another dtype, a stack, shared memory.
    const t = array([[1, 4], [2, 5], [3, 6]]).T;
    assert.deepEqual(one(rowSum(t)).toArray(), [6, 15]);
    assert.notEqual(seen, t.data);
    const f32 = array([[1, 2, 3], [4, 5, 6]], { dtype: "float32" });
    assert.deepEqual(one(rowSum(f32)).toArray(), [6, 15]);
    assert.notEqual(seen, f32.data);
    const st = array([[[1, 2, 3], [4, 5, 6]], [[1, 1, 1], [2, 2, 2]]]);
    assert.deepEqual(one(rowSum(st)).toArray(), [[6, 15], [3, 6]]);
    assert.notEqual(seen, st.data);
    if (typeof SharedArrayBuffer === "function") {
      const data = new Float64Array(new SharedArrayBuffer(48));
      data.set([1, 2, 3, 4, 5, 6]);
      const sh = fromTypedArray(data, [2, 3]);
      assert.deepEqual(one(rowSum(sh)).toArray(), [6, 15]);
      assert.notEqual(seen, data);
    }
    // An index that is no input is ignored.
    const odd = gufunc({
      name: "odd",
      signature: "(m)->(m)",
      readOnly: [3, -1, 0.5],
      kernels: { float64: ({ dims: { m } }) => ([a, o]) => (o.set(a.subarray(0, m)), 0) },
    });
    assert.deepEqual(one(odd([1, 2])).toArray(), [1, 2]);
  });
  test("an in-place output made as a copy of its input: input unchanged, every layout right", () => {
    // Doubles a C-order (m,n) matrix in place: the output shares the input's scratch.
    const twice = gufunc({
      name: "twice",
      signature: "(m,n)->(m,n)",
      layouts: "CC",
      inplace: [0],
      kernels: { float64: () => ([a]) => (a.forEach((v, i) => a[i] = 2 * v), 0) },
    });
    for (const [m, n] of [[2, 3], [30, 40]]) { // 48 bytes (pooled), 9600 (copied)
      const rows = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => i - j));
      const x = array(rows);
      const before = Array.from(x.data);
      const want = rows.map((r) => r.map((v) => 2 * v));
      for (const v of [x, x.copy("F"), x.astype("float32")]) {
        const r = one(twice(v));
        assert.deepEqual(r.toArray(), want);
        assert.notEqual(r.data, v.data);
      }
      assert.deepEqual(Array.from(x.data), before, "input unchanged");
    }
  });
});
