// solveSylvester, solveContinuousLyapunov and solveDiscreteLyapunov against scipy 1.10
// (test/fixtures/schur.json, "solvers", from scripts/fixtures_schur.py) in every layout, plus
// the residuals of the equations, stacks, empty input and errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/schur.json" with { type: "json" };
import { add, array, linalg, LinAlgError, multiply, NDArray, subtract } from "../mod.ts";
import type { ArrayLike } from "../mod.ts";
import type { DType } from "../src/dtype.ts";
import { isComplex, isSingle } from "../src/dtype.ts";
import { assertClose, LAYOUTS } from "./_cases.ts";

interface Arr {
  dtype: DType;
  shape: number[];
  data: number[];
}
const decode = (a: Arr) =>
  new NDArray(
    isSingle(a.dtype) ? Float32Array.from(a.data) : Float64Array.from(a.data),
    a.dtype,
    a.shape,
  );
// deno-lint-ignore no-explicit-any
const CASES: any[] = (fixture as any).solvers;
// deno-lint-ignore no-explicit-any
const RUN: Record<string, (args: ArrayLike[], o?: any) => NDArray> = {
  solveSylvester: ([a, b, q]) => linalg.solveSylvester(a, b, q),
  solveContinuousLyapunov: ([a, q]) => linalg.solveContinuousLyapunov(a, q),
  solveDiscreteLyapunov: ([a, q]) => linalg.solveDiscreteLyapunov(a, q),
  sqrtm: ([a]) => linalg.sqrtm(a),
};

describe("matrix equation solvers: scipy's answers for every case and layout", () => {
  for (const c of CASES) {
    const args: NDArray[] = c.args.map(decode);
    const want = decode(c.result);
    const tol = isSingle(args[0].dtype) ? 1e-4 : 1e-10;
    for (const v of LAYOUTS.filter((v) => args.every((a) => v.applies(a)))) {
      test(`${c.fn} ${c.name} / ${v.name}`, () => {
        const made = args.map((a) => v.make(a));
        const before = made.map((x) =>
          x instanceof NDArray ? Array.from(x.data) : JSON.stringify(x)
        );
        const r = RUN[c.fn](made);
        assert.deepEqual(r.shape, want.shape);
        if (v.keepsDType) {
          if (c.fn !== "sqrtm") assert.equal(r.dtype, args[0].dtype);
          else if (isComplex(want.dtype)) assert.ok(isComplex(r.dtype));
        }
        assertClose(r, want.toArray(), tol, c.name);
        assert.deepEqual(
          made.map((x) => x instanceof NDArray ? Array.from(x.data) : JSON.stringify(x)),
          before,
          "inputs unchanged",
        );
      });
    }
  }
});

const mm = linalg.matmul;
const H = (x: ArrayLike) => linalg.matrixTranspose(x);
function small(x: NDArray, tol: number) {
  for (const v of x.data) assert.ok(Math.abs(v) < tol, `residual ${v}`);
}

describe("matrix equation solvers: residuals, stacks, empty input, errors", () => {
  const A = array([[[1, 2, 0.5], [-4, 5, 6], [7, -8, 10]], [[-1, 0, 0], [1, -2, 0], [0, 1, -3]]]);
  const Q = array([[1, 2, 3], [4, 5, 6], [7, 8, 10]]);
  test("A X + X B = Q on a broadcast stack", () => {
    const B = array([[2, 1], [0.3, 4]]);
    const q = array([[1, 2], [3, 4], [5, 6]]);
    const x = linalg.solveSylvester(A, B, q);
    assert.deepEqual(x.shape, [2, 3, 2]);
    for (const k of [0, 1]) {
      const xa = x.toArray() as number[][][];
      const a = (A.toArray() as number[][][])[k];
      small(subtract(add(mm(a, xa[k]), mm(xa[k], B)), q), 1e-12);
    }
  });
  test("A X + X Aᵀ = Q and A X Aᵀ - X + Q = 0 (direct and bilinear)", () => {
    const x = linalg.solveContinuousLyapunov(A, Q);
    small(subtract(add(mm(A, x), mm(x, H(A))), Q), 1e-12);
    const s = multiply(A, 0.05);
    for (const method of ["direct", "bilinear"] as const) {
      const y = linalg.solveDiscreteLyapunov(s, Q, { method });
      small(add(subtract(mm(mm(s, y), H(s)), y), Q), 1e-12);
    }
  });
  test("sqrtm(A) @ sqrtm(A) = A on a stack; no square root is a LinAlgError", () => {
    const s = array([[[4, 1, 0], [1, 5, 1], [0, 1, 6]], [[0, -1, 0], [1, 0, 0], [0, 0, -2]]]);
    const x = linalg.sqrtm(s);
    assert.equal(x.dtype, "complex128");
    small(subtract(mm(x, x), s), 1e-12);
    assert.equal(linalg.sqrtm(s.astype("float32"), { precision: "single" }).dtype, "complex64");
    assert.throws(
      () => linalg.sqrtm([[[1, 0], [0, 1]], [[0, 1], [0, 0]]]),
      (e: Error) => e instanceof LinAlgError && /^Failed to find a square root/.test(e.message),
    );
    const n = linalg.sqrtm([[0, 1], [0, 0]], { errors: "nan" });
    assert.ok(Number.isNaN(n.data[0]));
    assert.deepEqual(linalg.sqrtm(new NDArray(new Float64Array(0), "float64", [0, 0])).shape, [
      0,
      0,
    ]);
  });
  test("empty matrices", () => {
    const e = new NDArray(new Float64Array(0), "float64", [0, 0]);
    assert.deepEqual(
      linalg.solveSylvester(e, [[1]], new NDArray(new Float64Array(0), "float64", [0, 1])).shape,
      [0, 1],
    );
    assert.deepEqual(linalg.solveContinuousLyapunov(e, e).shape, [0, 0]);
    assert.deepEqual(linalg.solveDiscreteLyapunov(e, e).shape, [0, 0]);
  });
  test("errors name the item of the stack, in scipy's words", () => {
    const bad = array([[[1, 0], [0, 1]], [[NaN, 0], [0, 1]]]);
    assert.throws(
      () => linalg.solveContinuousLyapunov(bad, [[1, 0], [0, 1]]),
      (e: Error) => e instanceof LinAlgError && /infs or NaNs/.test(e.message),
    );
    assert.throws(
      () => linalg.solveDiscreteLyapunov([[1, 0], [0, 1]], [[1, 0], [0, 1]]),
      (e: Error) => e instanceof LinAlgError && /^Matrix is singular/.test(e.message),
    );
    assert.throws(() => linalg.solveSylvester([[1]], [[1]], [[1, 2]]), RangeError);
    assert.throws(() => linalg.solveContinuousLyapunov([[1]], [[1, 2], [3, 4]]), RangeError);
    assert.throws(
      () => linalg.solveDiscreteLyapunov([[1]], [[1]], { method: "x" as "direct" }),
      TypeError,
    );
    assert.throws(
      () => linalg.solveSylvester([[1]], [[1]], [[1]], { lower: true } as never),
      TypeError,
    );
  });
});
