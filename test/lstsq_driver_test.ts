// lstsq(a, b, { lapackDriver }) against scipy 1.10's answers (test/fixtures/ldl.json) in every
// layout, and lstsq on broadcast stacks: each item is the single-matrix answer, rank and s
// gain the stack's dimensions, residuals are NaN for rank-deficient items; errors name the item.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { array, linalg, LinAlgError, NDArray } from "../mod.ts";
import { checkAgainstScipy } from "./_ldl_fixture.ts";
import { assertClose } from "./_cases.ts";

checkAgainstScipy("lstsqDriver", ([a, b], o) => {
  const r = linalg.lstsq(a, b, o);
  if (o.lapackDriver === "gelsy") {
    assert.equal(r.s, null);
    assert.deepEqual([r.residuals.size, r.residuals.shape.at(-1)], [0, 0]);
  }
  return { ...r };
});

function sample(shape: number[], seed: number, dtype: "float32" | "float64" | "complex128") {
  const n = shape.reduce((p, d) => p * d, 1) * (dtype === "complex128" ? 2 : 1);
  const vals = Array.from({ length: n }, (_, i) => Math.sin(i * i * 0.77 + seed * 13) * 2);
  return new NDArray(
    dtype === "float32" ? Float32Array.from(vals) : Float64Array.from(vals),
    dtype,
    shape,
  );
}

const item = (x: NDArray, i: number) => x.slice(i);

describe("stacks", () => {
  for (const driver of ["gelsd", "gelss", "gelsy"] as const) {
    for (const dtype of ["float32", "float64", "complex128"] as const) {
      const tol = dtype === "float32" ? 1e-5 : 1e-11;
      test(`${driver} ${dtype}: (3,1,6,4) with (2,6,2) broadcast, per item as one matrix`, () => {
        const a = sample([3, 1, 6, 4], 0.1, dtype);
        const b = sample([2, 6, 2], 0.7, dtype);
        const r = linalg.lstsq(a, b, { lapackDriver: driver });
        assert.deepEqual(r.x.shape, [3, 2, 4, 2]);
        assert.ok(r.rank instanceof NDArray);
        assert.deepEqual([r.rank.dtype, r.rank.shape], ["int32", [3, 2]]);
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 2; j++) {
            const one = linalg.lstsq(item(item(a, i), 0), item(b, j), { lapackDriver: driver });
            assertClose(item(item(r.x, i), j), one.x.toArray(), tol, "x");
            assert.equal((r.rank.toArray() as number[][])[i][j], one.rank);
            if (driver !== "gelsy") {
              assertClose(item(item(r.s!, i), j), one.s!.toArray(), tol, "s");
              assertClose(item(item(r.residuals, i), j), one.residuals.toArray(), tol, "res");
            }
          }
        }
        if (driver === "gelsy") {
          assert.equal(r.s, null);
          assert.deepEqual(r.residuals.shape, [3, 2, 0]);
        }
      });
    }
  }
  test("a vector b broadcasts against a stack of a: x (..., N), residuals (..., 1)", () => {
    const a = sample([2, 5, 3], 0.3, "float64");
    const r = linalg.lstsq(a, [1, 2, 3, 4, 5]);
    assert.deepEqual([r.x.shape, r.residuals.shape, (r.s as NDArray).shape], [[2, 3], [2, 1], [
      2,
      3,
    ]]);
  });
  test("a rank-deficient item: residuals NaN there only", () => {
    const a = array([[[1, 0], [0, 1], [1, 1]], [[1, 2], [2, 4], [3, 6]]]);
    const r = linalg.lstsq(a, [[1], [2], [4]]);
    assert.deepEqual((r.rank as NDArray).toArray(), [2, 1]);
    const res = r.residuals.toArray() as number[][];
    assert.ok(Math.abs(res[0][0] - 1 / 3) < 1e-12);
    assert.ok(Number.isNaN(res[1][0]));
  });
  test("wide items: residuals (..., 0)", () => {
    const r = linalg.lstsq(sample([2, 2, 4], 1, "float64"), sample([2, 2, 1], 2, "float64"));
    assert.deepEqual(r.residuals.shape, [2, 0]);
  });
  test("empty stacks and empty matrices", () => {
    const r = linalg.lstsq(new NDArray(new Float64Array(0), "float64", [0, 3, 2]), [1, 2, 3]);
    assert.deepEqual([r.x.shape, (r.rank as NDArray).shape, (r.s as NDArray).shape], [[0, 2], [0], [
      0,
      2,
    ]]);
    for (const driver of ["gelsd", "gelss", "gelsy"] as const) {
      const e = linalg.lstsq(new NDArray(new Float64Array(0), "float64", [3, 0]), [1, 2, 3], {
        lapackDriver: driver,
      });
      assert.deepEqual([e.x.shape, e.rank], [[0], 0]);
    }
  });
  test("precision single", () => {
    const a = sample([2, 5, 3], 0.3, "float32");
    const b = array([1, 2, 3, 4, 5], { dtype: "float32" });
    for (const driver of ["gelsd", "gelss", "gelsy"] as const) {
      const s = linalg.lstsq(a, b, { lapackDriver: driver, precision: "single" });
      const d = linalg.lstsq(a, b, { lapackDriver: driver });
      assert.equal(s.x.dtype, "float32");
      assertClose(s.x, d.x.toArray(), 1e-4, driver);
    }
  });
});

describe("errors", () => {
  test("NaN in one item: scipy's words, naming the item", () => {
    const a = array([[[1, 0], [0, 1], [1, 1]], [[1, NaN], [2, 4], [3, 6]]]);
    for (const driver of ["gelsd", "gelss", "gelsy"] as const) {
      assert.throws(() => linalg.lstsq(a, [1, 2, 3], { lapackDriver: driver }), (e: unknown) => {
        assert.ok(e instanceof LinAlgError);
        assert.equal(
          (e as Error).message,
          "SVD did not converge in Linear Least Squares: item 1 of the stack, a or b contains NaN or infinity",
        );
        return true;
      });
    }
  });
  test("bad lapackDriver, shapes that do not fit", () => {
    assert.throws(() => linalg.lstsq([[1]], [1], { lapackDriver: "gels" } as never), {
      name: "TypeError",
      message: 'Invalid lapackDriver for lstsq(): expected "gelsd", "gelsy" or "gelss", got "gels"',
    });
    assert.throws(() => linalg.lstsq([[1], [2]], [[[1], [2], [3]]]), {
      name: "LinAlgError",
      message: "Incompatible dimensions: a has 2 rows, b has 3",
    });
    assert.throws(
      () => linalg.lstsq([[[1], [2]], [[1], [2]], [[1], [2]]], [[[1], [2]], [[1], [2]]]),
      RangeError,
    );
    assert.throws(() => linalg.lstsq([[1], [2]], 3), LinAlgError);
  });
});
