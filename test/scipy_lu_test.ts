// luFactor, luSolve, lu, choFactor, choSolve, solveTriangular against scipy 1.10's answers
// (test/fixtures/scipy.json) in every layout, plus the identities, stacks and errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ARRAYS, CASES, decode } from "./_scipy_fixture.ts";
import type { Arr } from "./_scipy_fixture.ts";
import { array, linalg, LinAlgError, NDArray } from "../mod.ts";
import type { ArrayLike } from "../mod.ts";
import { isSingle } from "../src/dtype.ts";
import { assertClose, LAYOUTS } from "./_cases.ts";

type Result = NDArray | Record<string, NDArray | boolean>;
const RUN: Record<string, (args: ArrayLike[], o: any) => Result> = {
  luFactor: ([a]) => ({ ...linalg.luFactor(a) }),
  lu: ([a], o) => ({ ...linalg.lu(a, o) }),
  luSolve: ([a, b], o) => linalg.luSolve(linalg.luFactor(a), b, o),
  choFactor: ([a], o) => linalg.choFactor(a, o).c,
  choSolve: ([a, b], o) => linalg.choSolve(linalg.choFactor(a, o), b),
  solveTriangular: ([a, b], o) => linalg.solveTriangular(a, b, o),
};

const snapshot = (x: ArrayLike) => (x instanceof NDArray ? Array.from(x.data) : JSON.stringify(x));

function check(got: NDArray, want: NDArray, tol: number, what: string, keepsDType: boolean) {
  assert.deepEqual(got.shape, want.shape, what);
  if (keepsDType) assert.equal(got.dtype, want.dtype, what);
  assertClose(got, want.toArray(), tol, what);
}

for (const fn of Object.keys(RUN)) {
  describe(`${fn}: scipy's answers for every case and layout`, () => {
    for (const c of CASES.filter((c) => c.fn === fn)) {
      const args = c.args.map((i) => ARRAYS[i]);
      const parts = "dtype" in c.result ? undefined : c.result as Record<string, Arr>;
      const single = isSingle(args[0].dtype);
      const tol = (single ? 2e-6 : 1e-12) * c.tol;
      for (const v of LAYOUTS.filter((v) => args.every((a) => v.applies(a)))) {
        test(`${c.name} / ${v.name}`, () => {
          const made = args.map((a) => v.make(a));
          const before = made.map(snapshot);
          const r = RUN[fn](made, c.options);
          if (parts === undefined) {
            check(r as NDArray, decode(c.result as Arr), tol, c.name, v.keepsDType);
          } else {
            for (const [k, want] of Object.entries(parts)) {
              check(
                (r as Record<string, NDArray>)[k],
                decode(want),
                tol,
                `${c.name}: ${k}`,
                v.keepsDType,
              );
            }
          }
          assert.deepEqual(made.map(snapshot), before, "inputs unchanged");
        });
      }
    }
  });
}

const round = (x: NDArray) =>
  (x.toArray() as number[][]).map((r) => r.map((v) => Math.round(v * 1e10) / 1e10));

describe("identities", () => {
  test("P L U = A and PL U = A, rectangular and stacked", () => {
    for (const shape of [[3, 5], [5, 3], [2, 4, 4]]) {
      const n = shape.reduce((p, d) => p * d, 1);
      const a = new NDArray(
        Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.3) * 3),
        "float64",
        shape,
      );
      const { P, L, U } = linalg.lu(a);
      assertClose(linalg.matmul(P, linalg.matmul(L, U)), a.toArray(), 1e-12, "P L U");
      const { PL, U: U2 } = linalg.lu(a, { permuteL: true });
      assertClose(linalg.matmul(PL, U2), a.toArray(), 1e-12, "PL U");
    }
  });
  test("luSolve and choSolve agree with solve on a broadcast stack", () => {
    const a = array([[[4, 1, 0], [1, 5, 2], [0, 2, 6]], [[9, 2, 1], [2, 8, 0], [1, 0, 7]]]);
    const b = array([[1, 2], [3, 4], [5, 6]]);
    const x = linalg.solve(a, b);
    assertClose(linalg.luSolve(linalg.luFactor(a), b), x.toArray(), 1e-12, "luSolve");
    assertClose(linalg.choSolve(linalg.choFactor(a), b), x.toArray(), 1e-12, "choSolve");
    assertClose(
      linalg.choSolve(linalg.choFactor(a, { lower: true }), b),
      x.toArray(),
      1e-12,
      "lower",
    );
  });
  test("choFactor: Uᴴ U = A on the factor's triangle", () => {
    const { c } = linalg.choFactor([[4, 2], [2, 3]]);
    assert.deepEqual(round(c), [[2, 1], [2, Math.round(Math.SQRT2 * 1e10) / 1e10]]);
  });
  test("choFactor at n = 80 (LAPACK's blocked path): cholesky's factor, the other triangle kept", () => {
    // choFactor factors the C-order buffer as Fortran's other triangle; complex included.
    const n = 80;
    for (const dtype of ["float64", "complex128", "float32", "complex64"] as const) {
      const f = dtype.startsWith("complex") ? 2 : 1;
      const m = (i: number, j: number, p: number) => Math.sin(1 + i * 7 + j * 3 + p * 5);
      const d = dtype === "float32" || dtype === "complex64"
        ? new Float32Array(n * n * f)
        : new Float64Array(n * n * f);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let re = i === j ? n : 0, im = 0; // (M Mᴴ)[i][j] + n I
          for (let k = 0; k < n; k++) {
            re += m(i, k, 0) * m(j, k, 0) + (f === 2 ? m(i, k, 1) * m(j, k, 1) : 0);
            if (f === 2) im += m(i, k, 1) * m(j, k, 0) - m(i, k, 0) * m(j, k, 1);
          }
          d[(i * n + j) * f] = re;
          if (f === 2) d[(i * n + j) * f + 1] = im;
        }
      }
      const a = new NDArray(d, dtype, [n, n]);
      const before = Array.from(d);
      const L = linalg.cholesky(a).data;
      const tol = d instanceof Float32Array ? 1e-4 : 1e-11;
      for (const lower of [false, true]) {
        const factor = linalg.choFactor(a, { lower });
        const c = factor.c.data;
        // choSolve reads a real factor in C order (Fortran's other triangle): solve's answer.
        const rhs = new NDArray(d.slice(0, n * 3 * f), dtype, [n, 3]);
        const kept = Array.from(c);
        const x = linalg.solve(a, rhs).toArray();
        assertClose(linalg.choSolve(factor, rhs), x, tol, "choSolve");
        // The factor is read where it is (one C-contiguous matrix), never written; an F-order
        // copy of it is copied in instead, with the same answer; a vector too.
        assert.deepEqual(Array.from(c), kept, "the factor unchanged");
        const copied = { c: factor.c.copy("F"), lower };
        assertClose(linalg.choSolve(copied, rhs), x, tol, "choSolve, F-order factor");
        const v = new NDArray(d.slice(0, n * f), dtype, [n]);
        assertClose(linalg.choSolve(factor, v), linalg.solve(a, v).toArray(), tol, "vector");
        assert.deepEqual(Array.from(d), before, "input unchanged");
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const q = (i * n + j) * f;
            if (lower ? i < j : i > j) {
              for (let p = 0; p < f; p++) assert.equal(c[q + p], d[q + p], "the other triangle");
              continue;
            }
            // U = Lᴴ: c[i][j] = conj(L[j][i]); lower: c[i][j] = L[i][j].
            const r = lower ? q : (j * n + i) * f;
            const s = lower ? 1 : -1;
            assert.ok(Math.abs(c[q] - L[r]) <= tol * n, `${dtype} ${lower} (${i}, ${j})`);
            if (f === 2) assert.ok(Math.abs(c[q + 1] - s * L[r + 1]) <= tol * n, "imaginary");
          }
        }
      }
    }
  });
  test("empty matrices and empty stacks", () => {
    assert.deepEqual(
      linalg.luFactor(new NDArray(new Float64Array(0), "float64", [0, 0])).piv.shape,
      [0],
    );
    assert.deepEqual(linalg.lu(new NDArray(new Float64Array(0), "float64", [2, 0, 3])).U.shape, [
      2,
      0,
      3,
    ]);
    assert.deepEqual(
      linalg.solveTriangular(
        new NDArray(new Float64Array(0), "float64", [0, 0]),
        new NDArray(new Float64Array(0), "float64", [0]),
      ).shape,
      [0],
    );
    assert.deepEqual(
      linalg.choFactor(new NDArray(new Float64Array(0), "float64", [0, 3, 3])).c.shape,
      [0, 3, 3],
    );
  });
});

describe("errors", () => {
  test("choFactor: cholesky's words, naming the minor and the item", () => {
    assert.throws(() => linalg.choFactor([[1, 2], [2, 1]]), {
      name: "LinAlgError",
      message: "Matrix is not positive definite: the leading minor of order 2 is not positive",
    });
    assert.throws(
      () => linalg.choFactor([[[1, 0], [0, 1]], [[1, 2], [2, 1]]]),
      (e: Error) =>
        e instanceof LinAlgError &&
        e.message ===
          "Matrix is not positive definite: item 1 of the stack, the leading minor of order 2 is not positive",
    );
  });
  test("solveTriangular: a zero on the diagonal", () => {
    assert.throws(() => linalg.solveTriangular([[1, 2], [0, 0]], [1, 2]), {
      name: "LinAlgError",
      message: "Singular matrix: resolution failed at diagonal 1",
    });
    const x = linalg.solveTriangular([[1, 2], [0, 0]], [1, 2], { errors: "nan" });
    assert.ok(Number.isNaN(x.toArray()[0]));
  });
  test("luSolve: pivots luFactor could not have made", () => {
    const { lu } = linalg.luFactor([[1, 2], [3, 4]]);
    for (const piv of [[5, 1], [-1, 1], [0.5, 1], [1, 0]]) {
      assert.throws(() => linalg.luSolve({ lu, piv: array(piv) }, [1, 2]), LinAlgError);
    }
    assert.throws(
      () => linalg.luSolve({ lu, piv: array([5, 1]).astype("int32") }, [1, 2]),
      LinAlgError,
    );
    assert.throws(() => linalg.luSolve({ lu } as any, [1, 2]), TypeError);
    assert.throws(() => linalg.luSolve(null as any, [1, 2]), TypeError);
  });
  test("luFactor: int32 pivots; luSolve takes them and float64 integers alike", () => {
    const a = array([[[1, 2, 0], [3, 4, 1], [0, 5, 6]], [[2, 1, 1], [1, 3, 0], [4, 0, 1]]]);
    const f = linalg.luFactor(a);
    assert.equal(f.piv.dtype, "int32");
    assert.deepEqual(f.piv.shape, [2, 3]);
    const b = array([1, 2, 3]);
    const x = linalg.luSolve(f, b);
    const y = linalg.luSolve({ lu: f.lu, piv: f.piv.astype("float64") }, b);
    assert.deepEqual(x.toArray(), y.toArray());
    assertClose(x, linalg.solve(a, b).toArray(), 1e-12, "luSolve");
    assert.equal(linalg.luFactor(array([[1, 2]]).astype("complex64")).piv.dtype, "int32");
  });
  test("options", () => {
    assert.throws(
      () => linalg.luSolve(linalg.luFactor([[1]]), [1], { trans: 3 as any }),
      TypeError,
    );
    assert.throws(() => linalg.solveTriangular([[1]], [1], { lower: 1 as any }), TypeError);
    assert.throws(() => linalg.choFactor([[1]], { low: true } as any), /Unknown option "low"/);
    assert.throws(() => linalg.lu([1, 2]), LinAlgError);
    assert.throws(() => linalg.solveTriangular([[1, 2]], [1]), LinAlgError);
  });
});
