// expm against scipy 1.10's answers (test/fixtures/scipy.json) in every layout, plus the
// identities: exp of a diagonal, exp(A) exp(-A) = I, a broadcast stack, empty input, errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ARRAYS, CASES, decode } from "./_scipy_fixture.ts";
import type { Arr } from "./_scipy_fixture.ts";
import { array, linalg, LinAlgError, NDArray } from "../mod.ts";
import type { ArrayLike } from "../mod.ts";
import { isSingle } from "../src/dtype.ts";
import { assertClose, LAYOUTS } from "./_cases.ts";

const RUN: Record<string, (args: ArrayLike[], o: any) => NDArray> = {
  expm: ([a]) => linalg.expm(a),
};

const snapshot = (x: ArrayLike) => (x instanceof NDArray ? Array.from(x.data) : JSON.stringify(x));

for (const fn of Object.keys(RUN)) {
  describe(`${fn}: scipy's answers for every case and layout`, () => {
    for (const c of CASES.filter((c) => c.fn === fn)) {
      const args = c.args.map((i) => ARRAYS[i]);
      const want = decode(c.result as Arr);
      const tol = (isSingle(args[0].dtype) ? 2e-6 : 1e-12) * c.tol;
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

describe("expm identities", () => {
  test("exp of a diagonal is the exp of its entries", () => {
    const r = linalg.expm([[1, 0, 0, 0], [0, -2, 0, 0], [0, 0, 0.5, 0], [0, 0, 0, 3]]);
    assert.deepEqual(
      (r.toArray() as number[][]).map((row, i) => row[i]),
      [Math.exp(1), Math.exp(-2), Math.exp(0.5), Math.exp(3)],
    );
  });
  test("exp(A) exp(-A) = I on a stack, every degree and scaling", () => {
    const n = 5;
    const items = [0.001, 0.1, 0.5, 1.5, 3, 20, 200];
    const data = new Float64Array(items.length * n * n);
    items.forEach((s, k) => {
      for (let i = 0; i < n * n; i++) data[k * n * n + i] = Math.sin(7 * i + k) * s / n;
    });
    const a = new NDArray(data, "float64", [items.length, n, n]);
    const neg = new NDArray(data.map((v) => -v), "float64", [items.length, n, n]);
    const prod = linalg.matmul(linalg.expm(a), linalg.expm(neg)).toArray() as number[][][];
    prod.forEach((p, k) =>
      p.forEach((row, i) =>
        row.forEach((v, j) =>
          assert.ok(Math.abs(v - (i === j ? 1 : 0)) < 1e-9 * Math.exp(items[k]), `item ${k}`)
        )
      )
    );
  });
  test("exp(A) exp(-A) = I and exp(Aᵀ) = exp(A)ᵀ at n = 12 (products in JS on Node) and 16 (BLAS)", () => {
    for (const n of [12, 16]) {
      for (const s of [0.05, 0.9, 3, 40]) {
        const data = new Float64Array(n * n).map((_, i) => Math.cos(3 * i + s) * s / n);
        const a = new NDArray(data, "float64", [n, n]);
        const e = linalg.expm(a).toArray() as number[][];
        const eT = linalg.expm(a.T).toArray() as number[][];
        const inv = linalg.expm(new NDArray(data.map((v) => -v), "float64", [n, n]));
        const prod = linalg.matmul(linalg.expm(a), inv).toArray() as number[][];
        const big = Math.exp(s);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            assert.ok(Math.abs(prod[i][j] - (i === j ? 1 : 0)) < 1e-12 * big * big, `norm ${s}`);
            assert.ok(Math.abs(eT[i][j] - e[j][i]) < 1e-14 * big, `norm ${s}, transpose`);
          }
        }
      }
    }
  });
  test("a triangular input has a triangular exponential, upper and lower, in JS and BLAS", () => {
    for (const n of [10, 16]) triangular(n);
  });
  const triangular = (n: number) => {
    const up = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) up[i * n + j] = Math.sin(i + 2 * j) * 3;
    const u = new NDArray(up, "float64", [n, n]);
    const eu = linalg.expm(u).toArray() as number[][];
    const el = linalg.expm(u.T).toArray() as number[][];
    for (let i = 0; i < n; i++) {
      const d = Math.exp(up[i * n + i]);
      assert.ok(Math.abs(eu[i][i] - d) < 1e-13 * d);
      for (let j = 0; j < i; j++) assert.equal(eu[i][j], 0);
      for (let j = 0; j < n; j++) {
        assert.ok(Math.abs(el[j][i] - eu[i][j]) <= 1e-13 * Math.abs(eu[i][j]));
      }
    }
  };
  test("a huge item of a stack does not spoil the next ones (A^8 is only read where formed)", () => {
    for (const n of [3, 10]) {
      const big = new Float64Array(n * n).map((_, i) => (1 + (i % 3)) * 1e150);
      const small = new Float64Array(n * n).map((_, i) => (i % 4) * 0.01);
      const stack = new NDArray(new Float64Array([...big, ...small]), "float64", [2, n, n]);
      const alone = linalg.expm(new NDArray(small, "float64", [n, n])).data;
      assert.deepEqual(Array.from(linalg.expm(stack).data.subarray(n * n)), Array.from(alone));
    }
  });
  test("a non-finite entry makes its item NaN everywhere, whatever the structure and size", () => {
    for (
      const [n, at, v] of [[2, 1, NaN], [3, 4, Infinity], [4, 6, -Infinity], [5, 20, NaN], [
        10,
        99,
        Infinity,
      ]]
    ) {
      for (const shape of ["diagonal", "upper", "full"]) {
        const d = new Float64Array(3 * n * n);
        for (let k = 0; k < 3; k++) {
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              if (i === j || (shape !== "diagonal" && (i < j || shape === "full"))) {
                d[k * n * n + i * n + j] = Math.sin(i + 3 * j + k) / n;
              }
            }
          }
        }
        const p = shape === "diagonal" ? (at % n) * (n + 1) : at;
        d[n * n + p] = v; // item 1 only
        const r = linalg.expm(new NDArray(d, "float64", [3, n, n])).data;
        const one = r.subarray(n * n, 2 * n * n);
        assert.ok(one.every(Number.isNaN), `${shape} n = ${n}`);
        assert.ok(r.subarray(0, n * n).every(Number.isFinite), `${shape} n = ${n}, item 0`);
        assert.ok(r.subarray(2 * n * n).every(Number.isFinite), `${shape} n = ${n}, item 2`);
      }
    }
    const c = linalg.expm(array([[0, { re: NaN, im: Infinity }, 0], [0, 1, 0], [1, 0, 0]]));
    assert.ok((c.data as Float64Array).every(Number.isNaN));
  });
  test("powers that overflow give inf or NaN, never a finite answer that looks right", () => {
    // Norm about 1e100: A^4 is inf - inf = NaN; its norm must not read as 0 (degree 3, finite).
    for (const n of [3, 5, 10]) {
      for (const big of [1e100, 1e200]) {
        const d = new Float64Array(n * n).map((_, i) => Math.sin(i * 1.7) * big);
        const r = linalg.expm(new NDArray(d, "float64", [n, n])).data;
        assert.ok(!r.every(Number.isFinite), `n = ${n}, norm ${big}`);
      }
    }
  });
  test("empty and broadcast", () => {
    assert.deepEqual(linalg.expm(new NDArray(new Float64Array(0), "float64", [3, 0, 0])).shape, [
      3,
      0,
      0,
    ]);
    assert.deepEqual(linalg.expm(new NDArray(new Float64Array(0), "float64", [0, 4, 4])).shape, [
      0,
      4,
      4,
    ]);
    const c = linalg.expm(array([[0, 1], [0, 0]]).astype("complex64"));
    assert.equal(c.dtype, "complex64");
    assert.deepEqual(c.toArray(), [[{ re: 1, im: 0 }, { re: 1, im: 0 }], [{ re: 0, im: 0 }, {
      re: 1,
      im: 0,
    }]]);
  });
  test("2 x 2 closed form near the negative real axis (a complex root without cancellation)", () => {
    // (a - d)^2 + 4bc = -4 + 2e-16i: the root is 2i, not 0 (which gave NaN everywhere).
    const r = linalg.expm(array([[0, { re: -1, im: 1e-16 }], [1, 0]]));
    const want = [[Math.cos(1), -Math.sin(1)], [Math.sin(1), Math.cos(1)]];
    const got = r.toArray() as { re: number; im: number }[][];
    got.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v.re - want[i][j]) < 1e-15)));
  });
  test("errors", () => {
    assert.throws(() => linalg.expm([1, 2]), LinAlgError);
    assert.throws(() => linalg.expm([[1, 2, 3], [4, 5, 6]]), LinAlgError);
    assert.throws(() => linalg.expm([[1]], { out: 1 } as any), /Unknown option "out"/);
  });
});
