// linalg.rq: scipy's answers, and R Q = A, Q Q^H = I, R upper trapezoidal, for every mode,
// dtype and shape (tall, wide, square, empty), on stacks.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { array, linalg } from "../mod.ts";
import type { NDArray } from "../mod.ts";

type Z = { re: number; im: number };
const num = (v: number | Z): Z => (typeof v === "number" ? { re: v, im: 0 } : v);
const grid = (x: NDArray): Z[][] => (x.toArray() as (number | Z)[][]).map((r) => r.map(num));

function close(got: Z[][], want: (number | Z)[][], tol: number, what: string): void {
  assert.equal(got.length, want.length, what);
  got.forEach((row, i) =>
    row.forEach((g, j) => {
      const w = num(want[i][j]);
      assert.ok(
        Math.hypot(g.re - w.re, g.im - w.im) < tol,
        `${what}[${i}][${j}]: ${g.re}+${g.im}i`,
      );
    })
  );
}

function product(a: Z[][], b: Z[][], conjB = false): Z[][] {
  const n = conjB ? b.length : b[0]?.length ?? 0;
  return a.map((row) =>
    Array.from({ length: n }, (_, j) => {
      let re = 0, im = 0;
      row.forEach((x, k) => {
        const y = conjB ? { re: b[j][k].re, im: -b[j][k].im } : b[k][j];
        re += x.re * y.re - x.im * y.im;
        im += x.re * y.im + x.im * y.re;
      });
      return { re, im };
    })
  );
}

const eye = (n: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

describe("rq: scipy's answers", () => {
  const a = [[1, 2, 3], [4, 5, 6]];
  test("full", () => {
    const { R, Q } = linalg.rq(a);
    close(grid(R), [[0, 0.837435789359, -3.646738446708], [0, 0, -8.774964387392]], 1e-10, "R");
    close(
      grid(Q),
      [
        [0.408248290464, -0.816496580928, 0.408248290464],
        [-0.790911578839, -0.09304842104, 0.604814736759],
        [-0.455842305839, -0.569802882298, -0.683763458758],
      ],
      1e-10,
      "Q",
    );
  });
  test("economic", () => {
    const { R, Q } = linalg.rq(a, { mode: "economic" });
    close(grid(R), [[0.837435789359, -3.646738446708], [0, -8.774964387392]], 1e-10, "R");
    assert.deepEqual(Q.shape, [2, 3]);
  });
  test("r", () => {
    const res = linalg.rq(a, { mode: "r" });
    assert.deepEqual(Object.keys(res), ["R"]);
    close(grid(res.R), [[0, 0.837435789359, -3.646738446708], [0, 0, -8.774964387392]], 1e-10, "R");
  });
  test("tall", () => {
    const { R, Q } = linalg.rq([[2, 1], [1, 3], [0, 1]]);
    close(grid(R), [[2, 1], [1, 3], [0, 1]], 1e-12, "R");
    close(grid(Q), eye(2), 1e-12, "Q");
  });
  test("complex", () => {
    const c = array([[{ re: 1, im: 1 }, 2], [3, { re: 4, im: -2 }]] as never, {
      dtype: "complex128",
    } as never);
    const { R, Q } = linalg.rq(c);
    close(
      grid(R),
      [[{ re: 0.371390676354, im: 0 }, { re: -2.042648719948, im: -1.299867367239 }], [0, {
        re: -5.385164807135,
        im: 0,
      }]],
      1e-10,
      "R",
    );
    close(
      grid(Q),
      [[{ re: -0.371390676354, im: 0.742781352708 }, { re: 0, im: -0.557086014531 }], [
        -0.557086014531,
        { re: -0.742781352708, im: 0.371390676354 },
      ]],
      1e-10,
      "Q",
    );
  });
});

describe("rq: identities", () => {
  const shapes: [number, number][] = [[1, 1], [2, 5], [5, 2], [4, 4], [3, 7], [7, 3]];
  for (const dtype of ["float32", "float64", "complex64", "complex128"] as const) {
    const tol = dtype === "float32" || dtype === "complex64" ? 1e-4 : 1e-11;
    for (const [m, n] of shapes) {
      for (const mode of ["full", "economic"] as const) {
        test(`${dtype} ${m}x${n} ${mode}`, () => {
          const data = Array.from(
            { length: m },
            (_, i) =>
              Array.from(
                { length: n },
                (_, j) =>
                  dtype.startsWith("complex")
                    ? { re: Math.sin(i + 2 * j + 1), im: Math.cos(3 * i - j) }
                    : Math.sin(i + 2 * j + 1),
              ),
          );
          const a = array(data as never, { dtype } as never);
          const { R, Q } = linalg.rq(a, { mode });
          const k = Math.min(m, n);
          assert.deepEqual(R.shape, mode === "economic" && m <= n ? [m, m] : [m, n]);
          assert.deepEqual(Q.shape, mode === "economic" && m <= n ? [k, n] : [n, n]);
          assert.equal(R.dtype, dtype);
          const r = grid(R), q = grid(Q);
          close(product(r, q), data as (number | Z)[][], tol * 10, "R Q");
          close(product(q, q, true), eye(q.length), tol * 10, "Q Q^H");
          const off = r[0].length - m; // R[i][j] = 0 for j - i < off
          r.forEach((row, i) =>
            row.forEach((v, j) => {
              if (j - i < off) assert.deepEqual([v.re, v.im], [0, 0], `R[${i}][${j}]`);
            })
          );
        });
      }
    }
  }
  test("a stack, an empty matrix, and errors", () => {
    const s = linalg.rq([[[1, 2], [3, 4]], [[0, 1], [1, 0]]]);
    assert.deepEqual([s.R.shape, s.Q.shape], [[2, 2, 2], [2, 2, 2]]);
    const e = linalg.rq(array([[], []] as never));
    assert.deepEqual([e.R.shape, e.Q.shape], [[2, 0], [0, 0]]);
    assert.throws(() => linalg.rq([[1]], { mode: "raw" as never }), {
      name: "TypeError",
      message: 'Invalid mode for rq(): expected "full", "r" or "economic", got "raw"',
    });
    assert.throws(() => linalg.rq([[1]], { out: 1 } as never), TypeError);
    assert.throws(() => linalg.rq([1, 2]), { name: "LinAlgError" });
  });
  test("linalg.async runs it", async () => {
    const { R } = await linalg.async.rq([[1, 2, 3], [4, 5, 6]], { mode: "economic" });
    assert.deepEqual(R.shape, [2, 2]);
  });
});
