import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ARRAYS, CASES, decode } from "./_products_fixture.ts";
import { array, asarray, gufuncStats, LinAlgError, NDArray, zeros } from "../mod.ts";
import type { ArrayLike } from "../mod.ts";
import type { Complex } from "../src/dtype.ts";
import { isSingle } from "../src/dtype.ts";
import { matrixNorm, norm, vectorNorm } from "../src/linalg/norms.ts";
import { assertClose, deepArray, FORGED, HOSTILE, LAYOUTS } from "./_cases.ts";

// ---------------------------------------------------------------------------------------------
// The fixture: inputs shared by index, numpy's answers (scripts/fixtures_products.py).

const RUN: Record<string, (x: ArrayLike, o: any) => NDArray> = { norm, matrixNorm, vectorNorm };
const snapshot = (x: ArrayLike) => (x instanceof NDArray ? Array.from(x.data) : JSON.stringify(x));

for (const fn of Object.keys(RUN)) {
  describe(`${fn}: numpy's answers for every order, axis and layout`, () => {
    for (const c of CASES.filter((c) => c.fn === fn)) {
      const x = ARRAYS[c.args[0]];
      const want = decode(c.result);
      const tol = (isSingle(want.dtype) ? 1e-6 : 1e-12) * c.tol;
      for (const v of LAYOUTS.filter((v) => v.applies(x))) {
        test(`${c.name} / ${v.name}`, () => {
          const made = v.make(x);
          const before = snapshot(made);
          const r = RUN[fn](made, c.options);
          assert.deepEqual(r.shape, want.shape);
          if (v.keepsDType) assert.equal(r.dtype, want.dtype);
          const flat = (a: NDArray) =>
            ([a.toArray()].flat(Infinity as 1) as unknown[]).map((v) =>
              typeof v === "number" ? v : Math.hypot((v as Complex).re, (v as Complex).im)
            );
          const big = Math.max(...flat(asarray(x)).map(Math.abs).filter(Number.isFinite), 0);
          const w = flat(want);
          if (w.length > 0 && w.every((v) => Math.abs(v) <= 1e-10 * big)) {
            // A zero up to rounding (the smallest singular value of a rank-deficient matrix):
            // each LAPACK rounds differently, so only its size relative to the input is checked.
            for (const v of flat(r)) assert.ok(Math.abs(v) <= 1e-10 * big, `${c.name}: ${v}`);
          } else {
            assertClose(r, want.toArray(), tol, c.name);
          }
          assert.deepEqual(snapshot(made), before, "input unchanged");
        });
      }
    }
  });
}

const throwsMsg = (f: () => unknown, cls: new (...a: any[]) => Error, re: RegExp) =>
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.match((e as Error).message, re);
    return true;
  });
const near = (got: unknown, want: number, rtol = 1e-15) =>
  assert.ok(Math.abs((got as number) - want) <= rtol * Math.abs(want), `${got} is not ${want}`);

// ---------------------------------------------------------------------------------------------

describe("norm: no overflow or underflow in the 2-norm", () => {
  test("huge entries", () => {
    near(norm([1e200, 1e200]).item(), Math.SQRT2 * 1e200);
    near(norm([3e300, 4e300]).item(), 5e300);
    near(norm([[1e300, 1e300], [1e300, 1e300]], { ord: "fro" }).item(), 2e300);
    near(vectorNorm([1e300, 1e300], { axis: 0 }).item(), Math.SQRT2 * 1e300);
    near(norm(zeros([2, 3, 4]).astype("float64")).item(), 0, 0);
  });
  test("tiny entries", () => {
    near(norm([1e-200, 1e-200]).item(), Math.SQRT2 * 1e-200);
    near(norm([3e-310, 4e-310]).item(), 5e-310, 1e-5);
    near(norm([5e-324]).item(), 5e-324);
  });
  test("complex magnitudes", () => {
    const z = [{ re: 3e200, im: 4e200 }, { re: 0, im: 0 }];
    near(norm(z).item(), 5e200);
    near(norm(z, { ord: Infinity }).item(), 5e200);
    near(norm(z, { ord: 1 }).item(), 5e200);
    near(norm(z, { ord: 3 }).item(), 5e200);
    assert.equal(norm(z, { ord: 0 }).item(), 1);
    assert.equal(norm(z, { ord: -Infinity }).item(), 0);
    near(norm([[{ re: 0, im: 2 }]], { ord: 2 }).item(), 2);
  });
  test("large p does not overflow", () => {
    near(norm([3, 4], { ord: 1000 }).item(), 4);
    near(norm([1e300, 1e300], { ord: 3 }).item(), 2 ** (1 / 3) * 1e300, 1e-14);
  });
  test("NaN wins over Infinity; Infinity over finite", () => {
    assert.ok(Number.isNaN(norm([Infinity, NaN]).item()));
    assert.equal(norm([Infinity, 1e300, 1e300]).item(), Infinity);
    assert.equal(norm([-Infinity, Infinity], { ord: 1 }).item(), Infinity);
    assert.ok(Number.isNaN(norm([[NaN, 1], [1, 1]], { ord: 1 }).item()));
  });
});

describe("norm: dtypes and shapes", () => {
  test("results are real, single for single input", () => {
    assert.equal(norm(array([3, 4], { dtype: "float32" })).dtype, "float32");
    assert.equal(norm(array([3, 4], { dtype: "complex64" }), { ord: 1 }).dtype, "float32");
    assert.equal(norm(array([[3, 4]], { dtype: "complex128" }), { ord: "nuc" }).dtype, "float64");
  });
  test("0-d result for one norm, keepdims keeps every axis", () => {
    assert.deepEqual(norm([[1, 2], [3, 4]], { ord: 2 }).shape, []);
    assert.deepEqual(norm([[1, 2], [3, 4]], { ord: 2, keepdims: true }).shape, [1, 1]);
    assert.deepEqual(norm(zeros([2, 3, 4]), { keepdims: true }).shape, [1, 1, 1]);
  });
  test("strided stacks of matrices through the SVD kernel", () => {
    const s = array([[[3, 0], [0, 4]], [[1, 0], [0, 1]], [[0, 2], [0, 0]]]);
    assert.deepEqual(norm(s, { ord: 2, axis: [1, 2] }).toArray(), [4, 1, 2]);
    assertClose(norm(s.transpose([2, 1, 0]), { ord: -2, axis: [0, 1] }), [3, 1, 0], 1e-15);
  });
  test("a stack of 10000 matrices: one scratch, one kernel", () => {
    const data = new Float64Array(10000 * 9);
    for (let k = 0; k < 10000; k++) data[k * 9] = k;
    const a = new NDArray(data, "float64", [10000, 3, 3]);
    const s0 = gufuncStats.scratchAllocations;
    const k0 = gufuncStats.kernelCreations;
    const r = matrixNorm(a, { ord: 2 });
    assert.ok(gufuncStats.scratchAllocations - s0 <= 1);
    assert.ok(gufuncStats.kernelCreations - k0 <= 1);
    assert.equal(r.at(9999), 9999);
  });
});

describe("norm: errors in numpy's words", () => {
  test("orders", () => {
    throwsMsg(
      () => norm([[1, 2], [3, 4]], { ord: 3 }),
      RangeError,
      /^Invalid norm order for matrices/,
    );
    throwsMsg(
      () => norm([[1, 2], [3, 4]], { ord: "foo" as never }),
      RangeError,
      /^Invalid norm order for matrices/,
    );
    throwsMsg(
      () => norm([1, 2], { ord: "nuc" }),
      RangeError,
      /^Invalid norm order 'nuc' for vectors/,
    );
    throwsMsg(
      () => norm([1, 2], { ord: "fro" }),
      RangeError,
      /^Invalid norm order 'fro' for vectors/,
    );
    throwsMsg(
      () => vectorNorm([1, 2], { ord: "fro" as never }),
      RangeError,
      /^Invalid norm order 'fro' for vectors/,
    );
    throwsMsg(
      () => matrixNorm([[1, 2]], { ord: 0 }),
      RangeError,
      /^Invalid norm order for matrices/,
    );
    throwsMsg(() => norm([1, 2], { ord: true as never }), TypeError, /^Invalid norm order/);
  });
  test("dimensions and axes", () => {
    throwsMsg(
      () => norm(zeros([2, 2, 2]), { ord: 1 }),
      RangeError,
      /^Improper number of dimensions to norm/,
    );
    throwsMsg(
      () => norm(zeros([2, 2, 2]), { axis: [0, 1, 2] }),
      RangeError,
      /^Improper number of dimensions to norm/,
    );
    throwsMsg(
      () => norm(array(3), { ord: 2 }),
      RangeError,
      /^Improper number of dimensions to norm/,
    );
    throwsMsg(() => norm(zeros([2, 2]), { axis: [0, -2] }), RangeError, /^Duplicate axes given/);
    throwsMsg(
      () => norm(zeros([2, 2]), { axis: 2 }),
      RangeError,
      /^Axis 2 is out of bounds for array of dimension 2/,
    );
    throwsMsg(() => norm(zeros([2, 2]), { axis: [0, 5] }), RangeError, /out of bounds/);
    throwsMsg(
      () => norm(zeros([2, 2]), { axis: 0.5 }),
      TypeError,
      /^'axis' must be None, an integer or a tuple of integers/,
    );
    throwsMsg(() => norm(zeros([2, 2]), { axis: "0" as never }), TypeError, /'axis' must be/);
    throwsMsg(
      () => matrixNorm([1, 2]),
      RangeError,
      /^Axis -2 is out of bounds for array of dimension 1/,
    );
    throwsMsg(() => vectorNorm(zeros([2, 2]), { axis: [1, -1] }), RangeError, /^Repeated axis/);
    throwsMsg(
      () => norm([1], 2 as never),
      TypeError,
      /^Invalid options for norm\(\): expected an object, got number$/,
    );
  });
  test("max and min over an empty axis have no identity", () => {
    const re = /^Zero-size array to reduction operation (maximum|minimum) which has no identity/;
    throwsMsg(() => norm(zeros([0]), { ord: Infinity }), RangeError, re);
    throwsMsg(() => norm(zeros([0]), { ord: -Infinity }), RangeError, re);
    throwsMsg(() => norm(zeros([0, 0]), { ord: 2 }), RangeError, re);
    throwsMsg(() => norm(zeros([2, 0, 3]), { ord: -2, axis: [1, 2] }), RangeError, re);
    throwsMsg(() => norm(zeros([3, 0]), { ord: 1 }), RangeError, re);
    throwsMsg(() => norm(zeros([0, 3]), { ord: Infinity }), RangeError, re);
    throwsMsg(() => norm(zeros([3, 0]), { ord: Infinity, axis: 1 }), RangeError, re);
  });
  test("NaN in a spectral norm: SVD did not converge, naming the item", () => {
    throwsMsg(() => norm([[1, NaN], [0, 1]], { ord: 2 }), LinAlgError, /^SVD did not converge/);
    throwsMsg(
      () => matrixNorm([[[1, 0], [0, 1]], [[1, NaN], [0, 1]]], { ord: "nuc" }),
      LinAlgError,
      /^SVD did not converge: item 1 of the stack/,
    );
    throwsMsg(
      () => norm([[{ re: NaN, im: 0 }]], { ord: -2 }),
      LinAlgError,
      /^SVD did not converge/,
    );
    assert.ok(
      Number.isNaN(norm([[{ re: NaN, im: Infinity }]], { ord: -2 }).item()),
      "complex with an infinite part is infinite",
    );
    assert.ok(Number.isNaN(norm([[1, NaN], [0, 1]]).item()));
  });
});

describe("norm: user values in messages are described, never converted", () => {
  const deep = deepArray();
  test("axis: a deeply nested array (String() would overflow the stack)", () => {
    const re = /^'axis' must be None, an integer or a tuple of integers: got an array$/;
    throwsMsg(() => norm(zeros([2, 2]), { axis: deep as never }), TypeError, re);
    throwsMsg(() => vectorNorm(zeros([2, 2]), { axis: deep as never }), TypeError, re);
    throwsMsg(() => norm(zeros([2, 2]), { axis: [deep, 0] as never }), TypeError, re);
  });
  test("axis: an object whose toString throws, and one without a prototype", () => {
    throwsMsg(() => norm(zeros([2, 2]), { axis: HOSTILE as never }), TypeError, /got an object$/);
    throwsMsg(
      () => vectorNorm(zeros([2, 2]), { axis: [HOSTILE] as never }),
      TypeError,
      /got an object$/,
    );
    throwsMsg(
      () => norm(zeros([2, 2]), { axis: Object.create(null) }),
      TypeError,
      /got an object$/,
    );
  });
  test("axis: a hole of a sparse list is undefined, not skipped", () => {
    // deno-lint-ignore no-sparse-arrays
    throwsMsg(
      () => vectorNorm(zeros([2, 2, 2]), { axis: [0, , 1] as never }),
      TypeError,
      /got undefined$/,
    );
  });
  test("ord: described by value or kind", () => {
    throwsMsg(
      () => norm([1, 2], { ord: true as never }),
      TypeError,
      /^Invalid norm order: expected a number, "fro" or "nuc", got true$/,
    );
    throwsMsg(() => norm([1, 2], { ord: deep as never }), TypeError, /got an array$/);
    throwsMsg(
      () => matrixNorm([[1, 2]], { ord: "x".repeat(100) as never }),
      RangeError,
      /^Invalid norm order for matrices: "x{40}\.\.\."/,
    );
  });
  test("duplicate axes", () => {
    throwsMsg(
      () => norm(zeros([2, 2]), { axis: [0, -2] }),
      RangeError,
      /^Duplicate axes given: axis \(0, -2\) for an array of dimension 2$/,
    );
  });
});

describe("norm: forged arrays are refused before their shape is read", () => {
  for (const f of FORGED) {
    test(f.name, () => {
      throwsMsg(() => norm(f.make()), TypeError, /^Invalid NDArray for operand 0 of norm\(\): /);
      throwsMsg(
        () => vectorNorm(f.make(), { axis: 0 }),
        TypeError,
        /^Invalid NDArray for operand 0 of vectorNorm\(\): /,
      );
      throwsMsg(
        () => matrixNorm(f.make()),
        TypeError,
        /^Invalid NDArray for operand 0 of matrixNorm\(\): /,
      );
    });
  }
});
