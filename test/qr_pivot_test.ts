// qr(a, { pivoting: true }) against scipy 1.10's answers (test/fixtures/ldl.json) in every
// layout and mode, plus A[..., :, P] = Q R with |diag(R)| non-increasing, stacks, empty
// matrices, single precision and errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { linalg, NDArray } from "../mod.ts";
import { checkAgainstScipy } from "./_ldl_fixture.ts";
import { assertClose } from "./_cases.ts";

checkAgainstScipy("qrPivot", ([a], o) => ({ ...linalg.qr(a, o) }));

function sample(shape: number[], dtype: "float32" | "float64" | "complex64" | "complex128") {
  const n = shape.reduce((p, d) => p * d, 1);
  const cx = dtype.startsWith("complex");
  const vals = Array.from({ length: n * (cx ? 2 : 1) }, (_, i) => Math.sin(i * i * 0.61 + 0.7) * 3);
  const single = dtype === "float32" || dtype === "complex64";
  return new NDArray(single ? Float32Array.from(vals) : Float64Array.from(vals), dtype, shape);
}

/** a[..., :, P] as nested arrays, per item of a (stack) of matrices. */
function permuteColumns(a: unknown[][], p: number[]): unknown[][] {
  return a.map((row) => p.map((j) => row[j]));
}

const abs = (v: unknown) =>
  typeof v === "number"
    ? Math.abs(v)
    : Math.hypot((v as { re: number }).re, (v as { im: number }).im);

describe("identities", () => {
  for (const dtype of ["float32", "float64", "complex64", "complex128"] as const) {
    const tol = dtype === "float32" || dtype === "complex64" ? 1e-5 : 1e-12;
    for (const shape of [[2, 5, 3], [2, 3, 5], [4, 4]]) {
      for (const mode of ["reduced", "complete"] as const) {
        test(`${dtype} ${JSON.stringify(shape)} ${mode}: A[..., :, P] = Q R, |diag(R)| non-increasing`, () => {
          const a = sample(shape, dtype);
          const { Q, R, P } = linalg.qr(a, { pivoting: true, mode });
          assert.equal(P.dtype, "int32");
          assert.equal(Q.dtype, dtype);
          const items = shape.length === 3 ? shape[0] : 1;
          const A = (shape.length === 3 ? a.toArray() : [a.toArray()]) as unknown[][][];
          const QR = linalg.matmul(Q, R).toArray() as unknown[];
          const Ps = (shape.length === 3 ? P.toArray() : [P.toArray()]) as number[][];
          const Rs = (shape.length === 3 ? R.toArray() : [R.toArray()]) as unknown[][][];
          for (let s = 0; s < items; s++) {
            assert.deepEqual([...Ps[s]].sort((x, y) => x - y), [...Ps[s].keys()]);
            const want = permuteColumns(A[s], Ps[s]);
            assertClose(shape.length === 3 ? QR[s] : QR, want, tol, "Q R");
            const k = Math.min(shape.at(-2)!, shape.at(-1)!);
            for (let i = 1; i < k; i++) {
              assert.ok(abs(Rs[s][i][i]) <= abs(Rs[s][i - 1][i - 1]) * (1 + tol));
            }
          }
        });
      }
    }
  }
  test("mode r gives the same R and P; raw gives h, tau and P", () => {
    const a = sample([5, 3], "float64");
    const full = linalg.qr(a, { pivoting: true });
    const r = linalg.qr(a, { pivoting: true, mode: "r" });
    assert.deepEqual(r.P.toArray(), full.P.toArray());
    assertClose(r.R, full.R.toArray(), 1e-14, "R");
    const raw = linalg.qr(a, { pivoting: true, mode: "raw" });
    assert.deepEqual([raw.h.shape, raw.tau.shape, raw.P.toArray()], [
      [3, 5],
      [3],
      full.P.toArray(),
    ]);
  });
  test("without pivoting nothing changed: no P", () => {
    const r = linalg.qr([[1, 2], [3, 4]]);
    assert.equal("P" in r, false);
    assert.equal("P" in linalg.qr([[1, 2], [3, 4]], { pivoting: false }), false);
  });
  test("precision single", () => {
    const a = sample([4, 3], "float32");
    const { Q, R, P } = linalg.qr(a, { pivoting: true, precision: "single" });
    assert.equal(Q.dtype, "float32");
    assertClose(
      linalg.matmul(Q, R),
      permuteColumns(a.toArray() as unknown[][], P.toArray() as number[]),
      1e-5,
      "Q R",
    );
  });
  test("empty matrices and empty stacks", () => {
    const e = linalg.qr(new NDArray(new Float64Array(0), "float64", [0, 3]), { pivoting: true });
    assert.deepEqual([e.Q.shape, e.R.shape, e.P.toArray()], [[0, 0], [0, 3], [0, 1, 2]]);
    const c = linalg.qr(new NDArray(new Float64Array(0), "float64", [3, 0]), {
      pivoting: true,
      mode: "complete",
    });
    assert.deepEqual([c.Q.toArray(), c.R.shape, c.P.shape], [[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [
      3,
      0,
    ], [0]]);
    const s = linalg.qr(new NDArray(new Float64Array(0), "float64", [0, 4, 2]), { pivoting: true });
    assert.deepEqual([s.Q.shape, s.P.shape], [[0, 4, 2], [0, 2]]);
  });
});

describe("errors", () => {
  test("pivoting must be a boolean; out is not taken with pivoting", () => {
    assert.throws(() => linalg.qr([[1, 2]], { pivoting: 1 } as never), {
      name: "TypeError",
      message: "Invalid pivoting for qr(): expected true or false, got 1",
    });
    assert.throws(
      () => linalg.qr([[1, 2]], { pivoting: true, out: [] } as never),
      /^TypeError: Invalid out for qr\(\)/,
    );
    assert.throws(() => linalg.qr([[1, 2]], { pivot: true } as never), TypeError);
    assert.throws(() => linalg.qr([1, 2], { pivoting: true }), { name: "LinAlgError" });
  });
});

describe("non-finite input", () => {
  test("NaN or infinity is a LinAlgError naming the item; errors: nan fills that item", () => {
    for (const bad of [NaN, Infinity]) {
      assert.throws(() => linalg.qr([[1, 2], [bad, 1]], { pivoting: true }), {
        name: "LinAlgError",
        message: "QR factorization failed: a contains NaN or infinity (refused with pivoting)",
      });
    }
    const stack = [[[1, 2], [3, 4]], [[1, NaN], [3, 4]]];
    assert.throws(() => linalg.qr(stack, { pivoting: true, mode: "r" }), {
      name: "LinAlgError",
      message:
        "QR factorization failed: item 1 of the stack, a contains NaN or infinity (refused with pivoting)",
    });
    const { R } = linalg.qr(stack, { pivoting: true, errors: "nan" });
    const items = R.toArray() as number[][][];
    assert.ok(Number.isFinite(items[0][0][0]) && Number.isNaN(items[1][0][0]));
    // without pivoting, NaN propagates as before
    assert.ok(Number.isNaN((linalg.qr([[NaN, 1], [1, 1]]).R.toArray() as number[][])[0][0]));
  });
});
