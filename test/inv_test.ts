import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { array, eye, gufunc, gufuncStats, linalg, LinAlgError, NDArray, zeros } from "../mod.ts";
import {
  assertClose,
  CASES,
  deepArray,
  forge,
  FORGED,
  HOSTILE,
  identity,
  LAYOUTS,
  matmulNested,
  scale,
  stackOf,
  throwsMsg,
  tolerance,
} from "./_cases.ts";

const { inv } = linalg;
const cases = CASES.filter((c) => c.inv !== undefined);

describe("inv: numpy's answers for every case and layout", () => {
  for (const c of cases) {
    for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
      test(`${c.name} / ${v.name}`, () => {
        const before = c.a.copy().toArray();
        const r = inv(v.make(c.a));
        if (v.keepsDType) assert.equal(r.dtype, c.dtype);
        assert.deepEqual(r.shape, c.a.shape);
        assertClose(r, c.inv, tolerance(c), c.name);
        assert.deepEqual(c.a.toArray(), before, "input unchanged");
      });
    }
  }
});

describe("inv: identities", () => {
  for (const c of cases.filter((c) => c.a.shape[0] > 0)) {
    test(`A·inv(A) = I: ${c.name}`, () => {
      const a = c.a.toArray();
      const prod = matmulNested(a, inv(c.a).toArray());
      const n = c.a.shape[0];
      const id = identity(n);
      assertClose(
        prod,
        typeof (prod as any)[0][0] === "number"
          ? id
          : id.map((r) => r.map((x) => ({ re: x, im: 0 }))),
        tolerance(c) * 1e3,
        c.name,
      );
    });
  }
});

describe("inv: stacks", () => {
  for (const c of cases.filter((c) => c.a.shape[0] > 0)) {
    test(`tile3 (3, n, n): ${c.name}`, () => {
      const r = inv(stackOf(c.a, [1, 2, -4]));
      assert.deepEqual(r.shape, [3, ...c.a.shape]);
      const want = [scale(c.inv, 1), scale(c.inv, 1 / 2), scale(c.inv, -1 / 4)];
      assertClose(r, want, tolerance(c), c.name);
    });
    test(`tile213 (2, 1, 3, n, n) strided: ${c.name}`, () => {
      const s = stackOf(c.a, [1, 2, 3, 4, 5, 6]).reshape([2, 1, 3, ...c.a.shape]);
      const r = inv(s.transpose([0, 1, 2, 3, 4]));
      assert.deepEqual(r.shape, [2, 1, 3, ...c.a.shape]);
      const want = [1, 2, 3, 4, 5, 6].map((k) => scale(c.inv, 1 / k));
      assertClose(r, [[want.slice(0, 3)], [want.slice(3)]], tolerance(c), c.name);
    });
  }
});

describe("inv: edge cases", () => {
  test("empty stack (0, 3, 3)", () => {
    const r = inv(zeros([0, 3, 3]));
    assert.deepEqual(r.shape, [0, 3, 3]);
  });
  test("0x0 matrix", () => {
    assert.deepEqual(inv(zeros([0, 0])).shape, [0, 0]);
  });
  test("stack of 0x0 matrices", () => {
    assert.deepEqual(inv(zeros([4, 0, 0])).shape, [4, 0, 0]);
  });
  test("integer typed array input becomes float64", () => {
    const a = new NDArray(new Float64Array([2, 0, 0, 4]), "float64", [2, 2]);
    assertClose(inv(a), [[0.5, 0], [0, 0.25]], 0);
  });
  test("precision single calls the s routines", () => {
    const r = inv(array([[2, 0], [0, 4]], { dtype: "float32" }), { precision: "single" });
    assert.equal(r.dtype, "float32");
    assertClose(r, [[0.5, 0], [0, 0.25]], 0);
  });
  test("out: the result lands in the given array, nothing else allocated", () => {
    const out = zeros([2, 2]);
    const r = inv([[2, 0], [0, 4]], { out });
    assert.equal(r, out);
    assertClose(out, [[0.5, 0], [0, 0.25]], 0);
  });
  test("out of the wrong shape or dtype", () => {
    assert.throws(() => inv([[2, 0], [0, 4]], { out: zeros([3, 3]) }), RangeError);
    assert.throws(
      () => inv([[2, 0], [0, 4]], { out: zeros([2, 2], { dtype: "float32" }) }),
      TypeError,
    );
  });
});

describe("inv: errors", () => {
  test("singular matrix raises LinAlgError in numpy's words", () => {
    assert.throws(() => inv([[1, 2], [2, 4]]), (e: unknown) => {
      assert.ok(e instanceof LinAlgError);
      assert.match((e as Error).message, /^Singular matrix: U\[1,1\] is exactly zero$/);
      return true;
    });
  });
  test("a stack with one singular matrix names the item", () => {
    const s = [identity(2), identity(2), [[1, 2], [2, 4]], identity(2)];
    assert.throws(() => inv(s), (e: unknown) => {
      assert.ok(e instanceof LinAlgError);
      assert.equal(
        (e as Error).message,
        "Singular matrix: item 2 of the stack, U[1,1] is exactly zero",
      );
      return true;
    });
  });
  test("errors: nan fills only the failed item", () => {
    const s = [[[2, 0], [0, 4]], [[1, 2], [2, 4]], [[1, 0], [0, 1]]];
    const r = inv(s, { errors: "nan" }).toArray() as number[][][];
    assertClose(r[0], [[0.5, 0], [0, 0.25]], 0);
    assert.ok(r[1].flat().every(Number.isNaN));
    assertClose(r[2], [[1, 0], [0, 1]], 0);
  });
  test("non-square raises LinAlgError", () => {
    assert.throws(
      () => inv([[1, 2, 3], [4, 5, 6]]),
      (e: unknown) => e instanceof LinAlgError && /square/.test((e as Error).message),
    );
  });
  test("1-D input raises LinAlgError", () => {
    assert.throws(
      () => inv([1, 2]),
      (e: unknown) =>
        e instanceof LinAlgError && /at least two-dimensional/.test((e as Error).message),
    );
  });
  test("bad options", () => {
    assert.throws(() => inv(eye(2), { errors: "ignore" as never }), TypeError);
    assert.throws(() => inv(eye(2), 3 as never), TypeError);
    assert.throws(() => inv(eye(2), { precision: "half" as never }), TypeError);
  });
  test("NaN input gives NaN, not a crash", () => {
    const r = inv([[NaN, 1], [1, 1]], { errors: "nan" });
    assert.equal(r.shape.length, 2);
  });
});

describe("inv: nothing allocated per matrix", () => {
  test("(10000, 10, 10) stack: one scratch, one kernel", () => {
    const n = 10;
    const data = new Float64Array(10000 * n * n);
    for (let k = 0; k < 10000; k++) {
      for (let i = 0; i < n; i++) data[k * n * n + i * n + i] = 2 + (k % 7);
    }
    const a = new NDArray(data, "float64", [10000, n, n]);
    const s0 = gufuncStats.scratchAllocations;
    const k0 = gufuncStats.kernelCreations;
    const r = inv(a);
    assert.ok(gufuncStats.scratchAllocations - s0 <= 1);
    assert.ok(gufuncStats.kernelCreations - k0 <= 1);
    assert.equal(r.at(9999, 3, 3), 1 / (2 + (9999 % 7)));
  });
  test("a single 10x10 goes through the same engine and reuses its scratch on the next call", () => {
    const a = eye(10);
    inv(a);
    const s0 = gufuncStats.scratchAllocations;
    for (let i = 0; i < 100; i++) inv(a);
    assert.equal(gufuncStats.scratchAllocations, s0);
  });
});

describe("inv: messages say what and why, starting with a capital", () => {
  test("options not an object", () => {
    throwsMsg(
      () => inv(eye(2), 3 as never),
      TypeError,
      /^Invalid options for inv\(\): expected an object, got number$/,
    );
    throwsMsg(
      () => inv(eye(2), null as never),
      TypeError,
      /^Invalid options for inv\(\): expected an object, got null$/,
    );
    throwsMsg(
      () => inv(eye(2), [] as never),
      TypeError,
      /^Invalid options for inv\(\): expected an object, got an array$/,
    );
  });
  test("out of the wrong shape", () => {
    throwsMsg(
      () => inv([[2, 0], [0, 4]], { out: zeros([3, 3]) }),
      RangeError,
      /^Invalid out for inv\(\): it has shape \(3, 3\), but the result has shape \(2, 2\)$/,
    );
  });
  test("out of the wrong dtype", () => {
    throwsMsg(
      () => inv([[2, 0], [0, 4]], { out: zeros([2, 2], { dtype: "float32" }) }),
      TypeError,
      /^Invalid out for inv\(\): it has dtype float32, but the result is float64$/,
    );
  });
  test("out not an NDArray", () => {
    throwsMsg(
      () => inv(eye(2), { out: {} as never }),
      TypeError,
      /^Invalid out for inv\(\): expected an NDArray, got an object$/,
    );
    throwsMsg(
      () => inv(eye(2), { out: [] as never }),
      TypeError,
      /^Invalid out for inv\(\): expected 1 array, got 0$/,
    );
  });
  test("out sharing memory with the input", () => {
    const a = eye(2);
    throwsMsg(
      () => inv(a, { out: a }),
      RangeError,
      /^Invalid out for inv\(\): it shares memory with an input; inputs are never modified$/,
    );
  });
  test("errors and precision options: the value described, never converted", () => {
    throwsMsg(
      () => inv(eye(2), { errors: "ignore" as never }),
      TypeError,
      /^Invalid errors option for inv\(\): expected "raise" or "nan", got "ignore"$/,
    );
    throwsMsg(
      () => inv(eye(2), { precision: "half" as never }),
      TypeError,
      /^Invalid precision for inv\(\): expected "double" or "single", got "half"$/,
    );
    const deep = deepArray();
    throwsMsg(
      () => inv(eye(2), { errors: deep as never }),
      TypeError,
      /^Invalid errors option for inv\(\): .*got an array$/,
    );
    throwsMsg(
      () => inv(eye(2), { precision: deep as never }),
      TypeError,
      /^Invalid precision for inv\(\): .*got an array$/,
    );
    throwsMsg(() => inv(eye(2), { errors: HOSTILE as never }), TypeError, /got an object$/);
    throwsMsg(() => inv(eye(2), { precision: HOSTILE as never }), TypeError, /got an object$/);
  });
});

describe("inv: forged and tampered arrays never reach LAPACK", () => {
  for (const f of FORGED) {
    test(`input: ${f.name}`, () => {
      assert.throws(() => inv(f.make()), (e: unknown) => {
        assert.ok(e instanceof TypeError, String(e));
        const prefix = "Invalid NDArray for operand 0 of inv(): ";
        assert.ok((e as Error).message.startsWith(prefix), (e as Error).message);
        assert.match((e as Error).message.slice(prefix.length), f.problem);
        return true;
      });
    });
  }
  test("out: forged", () => {
    const out = forge({
      shape: [-2, -2],
      strides: [1, 1],
      offset: 0,
      dtype: "float64",
      data: new Float64Array(4),
    });
    throwsMsg(
      () => inv(eye(2), { out }),
      TypeError,
      /^Invalid NDArray for out of inv\(\): dimension 0 is -2/,
    );
  });
  test("out: forged as a view past the end of its data", () => {
    const out = forge({
      shape: [2, 2],
      strides: [2, 1],
      offset: 1,
      dtype: "float64",
      data: new Float64Array(4),
    });
    throwsMsg(
      () => inv(eye(2), { out }),
      TypeError,
      /^Invalid NDArray for out of inv\(\): its view reaches item 4, but its data holds 4 items$/,
    );
  });
  test("a well-formed array made without the constructor: the right result or a TypeError", () => {
    // The engine's check accepts it; NDArray itself may refuse arrays it did not make.
    const a = forge({
      shape: [2, 2],
      strides: [1, 2],
      offset: 1,
      dtype: "float64",
      data: new Float64Array([9, 2, 0, 0, 4]),
    });
    const empty = forge({
      shape: [0, 0],
      strides: [0, 0],
      offset: 1,
      dtype: "float64",
      data: new Float64Array(1),
    });
    try {
      assertClose(inv(a), [[0.5, 0], [0, 0.25]], 0);
      assert.deepEqual(inv(empty).shape, [0, 0]);
    } catch (e) {
      assert.ok(e instanceof TypeError, String(e));
      assert.match((e as Error).message, /^Invalid NDArray/);
    }
  });
  test("a genuine array whose buffer was detached after construction", () => {
    const a = new NDArray(new Float64Array([2, 0, 0, 4]), "float64", [2, 2]);
    structuredClone(a.data.buffer, { transfer: [a.data.buffer as ArrayBuffer] });
    throwsMsg(
      () => inv(a),
      TypeError,
      /^Invalid NDArray for operand 0 of inv\(\): its view reaches item 3, but its data holds 0 items$/,
    );
    // A buffer of its own: a small zeros() result's buffer is a slab other arrays share.
    const out = zeros([2, 2]).toOwned();
    structuredClone(out.data.buffer, { transfer: [out.data.buffer as ArrayBuffer] });
    throwsMsg(
      () => inv(eye(2), { out }),
      TypeError,
      /^Invalid NDArray for out of inv\(\): its view reaches item 3, but its data holds 0 items$/,
    );
  });
  test("a shape getter that turns negative after the check: still no LAPACK call with it", () => {
    for (let good = 0; good < 12; good++) {
      let reads = 0;
      const a = Object.create(NDArray.prototype, {
        shape: { get: () => (reads++ < good ? [2, 2] : [-2, -2]) },
        strides: { value: [2, 1] },
        offset: { value: 0 },
        dtype: { value: "float64" },
        data: { value: new Float64Array([2, 0, 0, 4]) },
      });
      try {
        inv(a);
      } catch (e) {
        assert.ok(
          e instanceof TypeError || e instanceof RangeError || e instanceof LinAlgError,
          String(e),
        );
        assert.doesNotMatch((e as Error).message, /Internal error|LAPACK rejected/);
      }
    }
  });
});

describe("gufunc(): the engine's own messages", () => {
  const kernels = { float64: () => () => 0 };
  test("a bad spec is described, never converted", () => {
    throwsMsg(
      () => gufunc(null as never),
      TypeError,
      /^Invalid gufunc spec: expected an object, got null$/,
    );
    throwsMsg(
      () => gufunc({ name: HOSTILE, signature: "()->()", kernels } as never),
      TypeError,
      /^Invalid gufunc name: expected a string, got an object$/,
    );
    throwsMsg(
      () => gufunc({ name: "f", signature: deepArray(), kernels } as never),
      TypeError,
      /^Invalid gufunc signature: expected a string such as "\(m,n\)->\(m\)", got an array$/,
    );
    throwsMsg(
      () => gufunc({ name: "f", signature: "(m)", kernels }),
      TypeError,
      /^Invalid gufunc signature "\(m\)": expected "\(\.\.\.\)->\(\.\.\.\)"$/,
    );
    throwsMsg(
      () => gufunc({ name: "f", signature: "()->()", kernels: 3 } as never),
      TypeError,
      /^Invalid kernels for gufunc f\(\): /,
    );
  });
  test("wrong number of arrays, and a dtype without a kernel", () => {
    const f = gufunc({ name: "twice", signature: "(n),(n)->(n)", kernels });
    throwsMsg(
      () => f([1]),
      TypeError,
      /^Wrong number of arrays for twice\(\): it takes 2 array arguments, got 1$/,
    );
    throwsMsg(
      () => f([{ re: 1, im: 0 }], [1]),
      TypeError,
      /^Unsupported dtype complex128 for twice\(\): the gufunc has no kernel for it$/,
    );
  });
  test("a failing kernel without a failure message", () => {
    const f = gufunc({ name: "fails", signature: "()->()", kernels: { float64: () => () => 3 } });
    throwsMsg(() => f(1), LinAlgError, /^The kernel of fails\(\) failed: info 3$/);
  });
  test("a forged input to a user gufunc", () => {
    const f = gufunc({ name: "ident", signature: "(n)->(n)", kernels });
    throwsMsg(
      () => f(FORGED[1].make()),
      TypeError,
      /^Invalid NDArray for operand 0 of ident\(\): dimension 0 is -3/,
    );
  });
});

describe("inv: a loop's repeated call (no options, the last call's kind) answers as any call", () => {
  test("after a float64 2x2: other dtypes, strides, a singular matrix, a detached buffer", () => {
    const a = array([[4, 7], [2, 6]]);
    const want = [[0.6, -0.7], [-0.2, 0.4]];
    for (let i = 0; i < 3; i++) assertClose(inv(a), want, 1e-15);
    const f32 = inv(a.astype("float32"));
    assert.equal(f32.dtype, "float32");
    assertClose(f32, want, 1e-6);
    assert.equal(inv(a.astype("int32")).dtype, "float64");
    assert.equal(inv(a.astype("complex128")).dtype, "complex128");
    assertClose(inv(a.transpose()), [[0.6, -0.2], [-0.7, 0.4]], 1e-15);
    assertClose(inv(a), want, 1e-15);
    throwsMsg(() => inv(array([[1, 2], [2, 4]])), LinAlgError, /^Singular matrix/);
    const nan = [...inv(array([[1, 2], [2, 4]]), { errors: "nan" }).data];
    assert.ok(nan.every(Number.isNaN));
    throwsMsg(() => inv(array([[1, 2], [2, 4]])), LinAlgError, /^Singular matrix/);
    const gone = array([[4, 7], [2, 6]]).toOwned();
    structuredClone(gone.data.buffer, { transfer: [gone.data.buffer as ArrayBuffer] });
    throwsMsg(
      () => inv(gone),
      TypeError,
      /^Invalid NDArray for operand 0 of inv\(\): its view reaches item 3, but its data holds 0 items$/,
    );
    assertClose(inv(a), want, 1e-15);
  });
  test("after a float64 2x2 with out: other outs, aliasing, errors nan", () => {
    const a = array([[4, 7], [2, 6]]);
    const want = [[0.6, -0.7], [-0.2, 0.4]];
    const out = zeros([2, 2]);
    for (let i = 0; i < 3; i++) assertClose(inv(a, { out }), want, 1e-15);
    assert.equal(inv(a, { out }), out);
    const other = zeros([2, 2]);
    assertClose(inv(a, { out: other }), want, 1e-15);
    throwsMsg(() => inv(a, { out: a }), RangeError, /shares memory with an input/);
    throwsMsg(() => inv(a, { out: zeros([2, 2], { dtype: "float32" }) }), TypeError, /dtype/);
    throwsMsg(() => inv(a, { out: zeros([3, 3]) }), RangeError, /shape/);
    const tOut = zeros([2, 2]).transpose(); // F-order out: the general path's copy
    assertClose(inv(a, { out: tOut }), want, 1e-15);
    const s = array([[1, 2], [2, 4]]);
    throwsMsg(() => inv(s, { out }), LinAlgError, /^Singular matrix/);
    inv(s, { out, errors: "nan" });
    assert.ok([...out.data].every(Number.isNaN));
    assertClose(inv(a, { out }), want, 1e-15);
  });
});
