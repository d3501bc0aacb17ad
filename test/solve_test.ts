import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { array, linalg, LinAlgError, zeros } from "../mod.ts";
import {
  assertClose,
  CASES,
  forge,
  FORGED,
  LAYOUTS,
  matmulNested,
  scale,
  stackOf,
  throwsMsg,
  tolerance,
} from "./_cases.ts";

const { solve } = linalg;
const cases = CASES.filter((c) => c.solve !== undefined);

describe("solve: numpy's answers for every case and layout", () => {
  for (const c of cases) {
    for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
      test(`${c.name} / ${v.name}`, () => {
        const a0 = c.a.toArray();
        const b0 = c.b.toArray();
        const x = solve(v.make(c.a), v.make(c.b));
        assert.deepEqual(x.shape, c.b.shape);
        assertClose(x, c.solve, tolerance(c), c.name);
        assert.deepEqual(c.a.toArray(), a0);
        assert.deepEqual(c.b.toArray(), b0);
      });
    }
  }
});

describe("solve: A·x = b", () => {
  for (const c of cases.filter((c) => c.a.shape[0] > 0)) {
    test(c.name, () => {
      const x = solve(c.a, c.b).toArray();
      assertClose(matmulNested(c.a.toArray(), x), c.b.toArray(), tolerance(c) * 1e3, c.name);
    });
  }
});

describe("solve: stacks and broadcasting", () => {
  for (const c of cases.filter((c) => c.a.shape[0] > 0)) {
    test(`stacked a, shared b: ${c.name}`, () => {
      const x = solve(stackOf(c.a, [1, 2, 4]), c.b);
      assert.deepEqual(x.shape, [3, ...c.b.shape]);
      assertClose(x, [1, 0.5, 0.25].map((f) => scale(c.solve, f)), tolerance(c), c.name);
    });
    if (c.b.ndim === 2) {
      test(`a (2,1,n,n) with b (3,n,k) broadcasts to (2,3,n,k): ${c.name}`, () => {
        const a = stackOf(c.a, [1, 2]).reshape([2, 1, ...c.a.shape]);
        const b = stackOf(c.b, [1, 3, 5]);
        const x = solve(a, b);
        assert.deepEqual(x.shape, [2, 3, ...c.b.shape]);
        const want = [1, 2].map((fa) => [1, 3, 5].map((fb) => scale(c.solve, fb / fa)));
        assertClose(x, want, tolerance(c), c.name);
      });
    }
  }
});

describe("solve: edge cases and errors", () => {
  test("numpy 2 rule: 1-D b is a vector even when a is stacked", () => {
    const x = solve([[[2, 0], [0, 4]], [[1, 0], [0, 1]]], [2, 4]);
    assertClose(x, [[1, 1], [2, 4]], 1e-15);
  });
  test("complex b with real a promotes to complex", () => {
    const x = solve([[2, 0], [0, 4]], [{ re: 2, im: 2 }, { re: 4, im: 0 }]);
    assert.equal(x.dtype, "complex128");
    assertClose(x, [{ re: 1, im: 1 }, { re: 1, im: 0 }], 1e-15);
  });
  test("float32 a with float64 b gives float64", () => {
    assert.equal(solve(array([[1, 0], [0, 1]], { dtype: "float32" }), [1, 2]).dtype, "float64");
  });
  test("empty: 0x0 a and (0) b, and (0, k) b", () => {
    assert.deepEqual(solve(zeros([0, 0]), zeros([0])).shape, [0]);
    assert.deepEqual(solve(zeros([0, 0]), zeros([0, 3])).shape, [0, 3]);
    assert.deepEqual(solve([[1, 0], [0, 1]], zeros([2, 0])).shape, [2, 0]);
  });
  test("mismatched core dimension: RangeError naming operand and sizes", () => {
    assert.throws(() => solve([[1, 0], [0, 1]], [1, 2, 3]), (e: unknown) => {
      assert.ok(e instanceof RangeError);
      assert.equal(
        (e as Error).message,
        "Input operand 1 of solve() has a mismatch in its core dimension 0, with gufunc signature (m,m),(m)->(m) " +
          "(size 3 is different from 2)",
      );
      return true;
    });
  });
  test("stacks that do not broadcast: RangeError", () => {
    assert.throws(() => solve(zeros([2, 3, 3]), zeros([4, 3, 1])), RangeError);
  });
  test("singular: LinAlgError", () => {
    assert.throws(() => solve([[1, 1], [1, 1]], [1, 2]), LinAlgError);
  });
  test("errors: nan", () => {
    const x = solve([[[1, 1], [1, 1]], [[1, 0], [0, 1]]], [1, 2], { errors: "nan" })
      .toArray() as number[][];
    assert.ok(x[0].every(Number.isNaN));
    assertClose(x[1], [1, 2], 1e-15);
  });
  test("non-square a", () => {
    assert.throws(() => solve([[1, 2, 3], [4, 5, 6]], [1, 2]), LinAlgError);
  });
});

describe("solve: messages and forged arrays", () => {
  test("stacks that do not broadcast: numpy's words, naming the function", () => {
    throwsMsg(
      () => solve(zeros([2, 3, 3]), zeros([4, 3, 1])),
      RangeError,
      /^Operands of solve\(\) could not be broadcast together with shapes \(2\) \(4\)$/,
    );
  });
  test("b with too few dimensions", () => {
    throwsMsg(
      () => solve(zeros([2, 2]), 5),
      RangeError,
      /^Input operand 1 of solve\(\) does not have enough dimensions \(has 0, gufunc core with signature \(m,m\),\(m,n\)->\(m,n\) requires 2\)$/,
    );
  });
  test("options not an object", () => {
    throwsMsg(
      () => solve(zeros([2, 2]), [1, 2], "x" as never),
      TypeError,
      /^Invalid options for solve\(\): expected an object, got string$/,
    );
  });
  test("forged a: operand 0", () => {
    for (const f of FORGED) {
      throwsMsg(
        () => solve(f.make(), [1, 2]),
        TypeError,
        /^Invalid NDArray for operand 0 of solve\(\): /,
      );
    }
  });
  test("forged b: operand 1", () => {
    const b = forge({
      shape: [-2],
      strides: [1],
      offset: 0,
      dtype: "float64",
      data: new Float64Array(2),
    });
    throwsMsg(
      () => solve([[1, 0], [0, 1]], b),
      TypeError,
      /^Invalid NDArray for operand 1 of solve\(\): dimension 0 is -2/,
    );
  });
  test("forged out", () => {
    const out = forge({
      shape: [2],
      strides: [5],
      offset: 0,
      dtype: "float64",
      data: new Float64Array(2),
    });
    throwsMsg(
      () => solve([[1, 0], [0, 1]], [1, 2], { out }),
      TypeError,
      /^Invalid NDArray for out of solve\(\): its view reaches item 5, but its data holds 2 items$/,
    );
  });
});
