// cholesky and qr: numpy's answers (test/fixtures/decomp.json, made by
// scripts/fixtures_decomp.py) on every layout variant of the shared case table, reconstruction
// identities, stacks, numpy's edge cases and errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/decomp.json" with { type: "json" };
import { array, backend, gufuncStats, LinAlgError, NDArray, zeros } from "../mod.ts";
import type { Complex, DType } from "../src/dtype.ts";
import { allocData, isComplex, realDType } from "../src/dtype.ts";
import { cholesky, qr } from "../src/linalg/decomp.ts";
import {
  assertClose,
  deepArray,
  FORGED,
  HOSTILE,
  identity,
  LAYOUTS,
  matmulNested,
  numbers,
  pairsToComplex as pairs,
  scale,
  stackOf,
  throwsMsg,
  tolerance,
} from "./_cases.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

interface Case {
  name: string;
  tags: string[];
  dtype: DType;
  a: NDArray;
  qr: Record<"Q" | "R" | "Qc" | "Rc" | "r" | "h" | "tau", Json>;
  cholesky?: { L: Json; U: Json };
}

const CASES: Case[] = (fixture as Json).cases.map((c: Json) => {
  const cx = isComplex(c.dtype);
  const dec = (x: Json, ndim: number) => (cx ? pairs(numbers(x), ndim) : numbers(x));
  const [m, n] = c.shape;
  const a = m * n === 0
    ? new NDArray(allocData(c.dtype, 0), c.dtype, [m, n])
    : array(dec(c.a, 2), { dtype: c.dtype });
  const q = c.qr;
  return {
    name: c.name,
    tags: c.tags,
    dtype: c.dtype,
    a,
    qr: {
      Q: dec(q.Q, 2),
      R: dec(q.R, 2),
      Qc: dec(q.Qc, 2),
      Rc: dec(q.Rc, 2),
      r: dec(q.r, 2),
      h: dec(q.h, 2),
      tau: dec(q.tau, 1),
    },
    cholesky: c.cholesky && { L: dec(c.cholesky.L, 2), U: dec(c.cholesky.U, 2) },
  };
});

const toC = (
  x: Json,
): Json => (Array.isArray(x) ? x.map(toC) : typeof x === "number" ? { re: x, im: 0 } : x);
const conjT = (x: Json[][]): Json[][] =>
  (x[0] ?? []).map((_: Json, j: number) =>
    x.map((r) => (typeof r[j] === "number" ? r[j] : { re: r[j].re, im: -r[j].im }))
  );
/** The Hermitian matrix made from the lower (or upper) triangle of `a`, real diagonal. */
function hermitianFrom(a: Json[][], lower: boolean): Json[][] {
  return a.map((row, i) =>
    row.map((_, j) => {
      const src = (i === j || (i > j) === lower) ? a[i][j] : a[j][i];
      const conj = i !== j && (i > j) !== lower;
      if (typeof src === "number") return src;
      return { re: src.re, im: i === j ? 0 : conj ? -src.im : src.im };
    })
  );
}
const closeTo = (x: Json, want: Json, tol: number, what: string) =>
  assertClose(toC(x), toC(want), tol, what);
const sameDType = (got: NDArray, c: Case, v: { keepsDType: boolean }) => {
  if (v.keepsDType) assert.equal(got.dtype, c.dtype);
};

/**
 * Q and R with R's diagonal made real and nonnegative. A QR factorization is unique only up
 * to those signs (phases), and LAPACKs choose them differently: reference LAPACK and OpenBLAS
 * (numpy's fixtures) by the sign of the leading element, -0 included; MKL and ATLAS read -0 as
 * +0; libFLAME has its own Householder convention. Every flavour must agree after this.
 */
function signFixed(qIn: Json, rIn: Json): [Json[][], Json[][]] {
  const q: Json[][] = (qIn instanceof NDArray ? qIn.toArray() : qIn).map((row: Json[]) =>
    row.map(toC)
  );
  const r: Json[][] = (rIn instanceof NDArray ? rIn.toArray() : rIn).map((row: Json[]) =>
    row.map(toC)
  );
  const mul = (x: Json, s: Json) => ({
    re: x.re * s.re - x.im * s.im,
    im: x.re * s.im + x.im * s.re,
  });
  for (let i = 0; i < Math.min(r.length, r[0]?.length ?? 0); i++) {
    const d = r[i][i];
    const a = Math.hypot(d.re, d.im);
    if (!(a > 0)) continue;
    const s = { re: d.re / a, im: d.im / a };
    r[i] = r[i].map((x) => mul(x, { re: s.re, im: -s.im }));
    for (const row of q) if (i < row.length) row[i] = mul(row[i], s);
  }
  return [q, r];
}
/** Q and R compared with the expected ones up to the signs LAPACKs may choose. */
function sameQR(Q: Json, R: Json, wantQ: Json, wantR: Json, tol: number, what: string) {
  const [q, r] = signFixed(Q, R);
  const [wq, wr] = signFixed(wantQ, wantR);
  // Only Q's first min(m, n) columns are determined; the rest span the complement.
  const k = Math.min(r.length, r[0]?.length ?? 0);
  assertClose(q.map((row) => row.slice(0, k)), wq.map((row) => row.slice(0, k)), tol, `Q ${what}`);
  assertClose(r, wr, tol, `R ${what}`);
}
/** Whether the LAPACK's geqrf is reference LAPACK's (numpy's raw h and tau then match). */
const referenceQR = ["openblas", "reference"].includes(backend().lapack.vendor);

const pd = CASES.filter((c) => c.cholesky !== undefined);

describe("cholesky: numpy's answers for every case and layout", () => {
  for (const c of pd) {
    for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
      test(`${c.name} / ${v.name}`, () => {
        const before = c.a.toArray();
        const L = cholesky(v.make(c.a));
        sameDType(L, c, v);
        assert.deepEqual(L.shape, c.a.shape);
        assertClose(L, c.cholesky!.L, tolerance(c) * 10, `L ${c.name}`);
        const U = cholesky(v.make(c.a), { upper: true });
        sameDType(U, c, v);
        assertClose(U, c.cholesky!.U, tolerance(c) * 10, `U ${c.name}`);
        assert.deepEqual(c.a.toArray(), before, "input unchanged");
      });
    }
  }
});

describe("cholesky: reconstruction", () => {
  for (const c of pd) {
    test(`L·L^H = A (lower triangle) and U^H·U = A (upper triangle): ${c.name}`, () => {
      const a = c.a.toArray();
      const L = cholesky(c.a).toArray();
      closeTo(matmulNested(L, conjT(L)), hermitianFrom(a, true), tolerance(c) * 100, c.name);
      const U = cholesky(c.a, { upper: true }).toArray();
      closeTo(matmulNested(conjT(U), U), hermitianFrom(a, false), tolerance(c) * 100, c.name);
    });
  }
  test("L is lower triangular with a real positive diagonal (complex Hermitian)", () => {
    const a = [[{ re: 4, im: 0 }, { re: 1, im: 2 }], [{ re: 1, im: -2 }, { re: 10, im: 0 }]];
    const L = cholesky(a).toArray() as Complex[][];
    closeTo(L, [[2, 0], [{ re: 0.5, im: -1 }, Math.sqrt(10 - 5 / 4)]], 1e-15, "L");
    const U = cholesky(a, { upper: true }).toArray() as Complex[][];
    closeTo(U, [[2, { re: 0.5, im: 1 }], [0, Math.sqrt(10 - 5 / 4)]], 1e-15, "U");
  });
});

describe("cholesky: stacks", () => {
  for (const c of pd) {
    test(`tile3: chol(kA) = sqrt(k) chol(A): ${c.name}`, () => {
      const r = cholesky(stackOf(c.a, [1, 4, 9]));
      assert.deepEqual(r.shape, [3, ...c.a.shape]);
      assertClose(r, [1, 2, 3].map((k) => scale(c.cholesky!.L, k)), tolerance(c) * 10, c.name);
    });
    test(`tile213 (2, 1, 3, n, n), upper: ${c.name}`, () => {
      const ks = [1, 4, 9, 16, 25, 36];
      const r = cholesky(stackOf(c.a, ks).reshape([2, 1, 3, ...c.a.shape]), { upper: true });
      assert.deepEqual(r.shape, [2, 1, 3, ...c.a.shape]);
      const want = ks.map((k) => scale(c.cholesky!.U, Math.sqrt(k)));
      assertClose(r, [[want.slice(0, 3)], [want.slice(3)]], tolerance(c) * 10, c.name);
    });
  }
});

describe("cholesky: edge cases", () => {
  test("0x0, (0, 3, 3) and (4, 0, 0)", () => {
    assert.deepEqual(cholesky(zeros([0, 0])).shape, [0, 0]);
    assert.deepEqual(cholesky(zeros([0, 3, 3])).shape, [0, 3, 3]);
    assert.deepEqual(cholesky(zeros([4, 0, 0]), { upper: true }).shape, [4, 0, 0]);
  });
  test("float32 and complex64 stay single; precision single calls spotrf", () => {
    assert.equal(cholesky(array([[4, 2], [2, 10]], { dtype: "float32" })).dtype, "float32");
    assert.equal(cholesky(array([[4, 2], [2, 10]], { dtype: "complex64" })).dtype, "complex64");
    const r = cholesky(array([[4, 2], [2, 10]], { dtype: "float32" }), { precision: "single" });
    assert.equal(r.dtype, "float32");
    assertClose(r, [[2, 0], [1, 3]], 0);
  });
  test("the other triangle is ignored (NaN there is harmless)", () => {
    assertClose(cholesky([[4, NaN], [2, 10]]), [[2, 0], [1, 3]], 0);
    assertClose(cholesky([[4, 2], [NaN, 10]], { upper: true }), [[2, 1], [0, 3]], 0);
  });
  test("nothing allocated per matrix: (5000, 4, 4)", () => {
    const s = stackOf(
      array([[4, 2, 0, 0], [2, 10, 0, 0], [0, 0, 1, 0], [0, 0, 0, 9]]),
      new Array(5000).fill(1),
    );
    const s0 = gufuncStats.scratchAllocations;
    const r = cholesky(s);
    assert.ok(gufuncStats.scratchAllocations - s0 <= 1);
    assertClose(r.toArray()[4999], [[2, 0, 0, 0], [1, 3, 0, 0], [0, 0, 1, 0], [0, 0, 0, 3]], 0);
  });
});

describe("cholesky: errors", () => {
  test("not positive definite, in numpy's words with the order of the minor", () => {
    assert.throws(() => cholesky([[1, 2], [2, 1]]), {
      name: "LinAlgError",
      message: "Matrix is not positive definite: the leading minor of order 2 is not positive",
    });
    assert.throws(() => cholesky([[-1, 0], [0, 1]], { upper: true }), {
      name: "LinAlgError",
      message: "Matrix is not positive definite: the leading minor of order 1 is not positive",
    });
  });
  test("a stack names the failed item", () => {
    const s = [identity(3), identity(3), [[1, 0, 0], [0, 1, 2], [0, 2, 1]]];
    assert.throws(() => cholesky(s), (e: unknown) => {
      assert.ok(e instanceof LinAlgError);
      assert.equal(
        (e as Error).message,
        "Matrix is not positive definite: item 2 of the stack, the leading minor of order 3 is not positive",
      );
      return true;
    });
    const s2 = [[identity(2), [[1, 2], [2, 1]]]];
    assert.throws(() => cholesky(s2), {
      message: /^Matrix is not positive definite: item \(0, 1\) of the stack/,
    });
  });
  test("errors: nan fills only the failed item", () => {
    const r = cholesky([[[4, 2], [2, 10]], [[1, 2], [2, 1]], [[9, 0], [0, 1]]], { errors: "nan" })
      .toArray() as number[][][];
    assertClose(r[0], [[2, 0], [1, 3]], 0);
    assert.ok(r[1].flat().every(Number.isNaN));
    assertClose(r[2], [[3, 0], [0, 1]], 0);
  });
  test("NaN on the read triangle gives NaN (as numpy with OpenBLAS) or raises (reference LAPACK)", () => {
    try {
      const L = cholesky([[NaN, 0], [0, 1]]).toArray() as number[][];
      assert.ok(Number.isNaN(L[0][0]));
    } catch (e) {
      assert.ok(e instanceof LinAlgError);
    }
  });
  test("non-square and 1-D input raise LinAlgError", () => {
    assert.throws(() => cholesky([[1, 2, 3], [4, 5, 6]]), {
      name: "LinAlgError",
      message: /square/,
    });
    assert.throws(() => cholesky([1, 2]), {
      name: "LinAlgError",
      message: /at least two-dimensional/,
    });
  });
  test("bad options", () => {
    assert.throws(() => cholesky(identity(2), { upper: "yes" as never }), TypeError);
    assert.throws(() => cholesky(identity(2), { errors: "ignore" as never }), TypeError);
    assert.throws(() => cholesky(identity(2), 1 as never), TypeError);
  });
});

describe("qr: numpy's answers for every mode, case and layout", () => {
  for (const c of CASES) {
    for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
      test(`${c.name} / ${v.name}`, () => {
        const before = c.a.toArray();
        const tol = tolerance(c) * 10;
        const red = qr(v.make(c.a));
        sameDType(red.Q, c, v);
        sameDType(red.R, c, v);
        sameQR(red.Q, red.R, c.qr.Q, c.qr.R, tol, c.name);
        const com = qr(v.make(c.a), { mode: "complete" });
        sameQR(com.Q, com.R, c.qr.Qc, c.qr.Rc, tol, `complete ${c.name}`);
        const { R } = qr(v.make(c.a), { mode: "r" });
        sameDType(R, c, v);
        assertClose(signFixed(com.Q, R)[1], signFixed(c.qr.Qc, c.qr.r)[1], tol, `r ${c.name}`);
        const raw = qr(v.make(c.a), { mode: "raw" });
        sameDType(raw.h, c, v);
        sameDType(raw.tau, c, v);
        assert.deepEqual(raw.h.shape, [c.a.shape[1], c.a.shape[0]]);
        if (referenceQR) {
          assertClose(raw.h, c.qr.h, tol, `h ${c.name}`);
          assertClose(raw.tau, c.qr.tau, tol, `tau ${c.name}`);
        }
        assert.deepEqual(c.a.toArray(), before, "input unchanged");
      });
    }
  }
});

describe("qr: Q·R = A, Q unitary, R upper triangular", () => {
  for (const c of CASES.filter((c) => c.a.size > 0)) {
    test(c.name, () => {
      const [m, n] = c.a.shape;
      const k = Math.min(m, n);
      const a = c.a.toArray();
      const tol = tolerance(c) * 100;
      for (const mode of ["reduced", "complete"] as const) {
        const { Q, R } = qr(c.a, { mode });
        const cols = mode === "complete" ? m : k;
        assert.deepEqual(Q.shape, [m, cols]);
        assert.deepEqual(R.shape, [cols, n]);
        const q = Q.toArray();
        const r = R.toArray() as Json[][];
        closeTo(matmulNested(q, r), a, tol, `${mode} QR = A`);
        closeTo(matmulNested(conjT(q), q), identity(cols), tol, `${mode} Q^H Q = I`);
        r.forEach((row, i) =>
          row.forEach((x, j) => j < i && assert.deepEqual(toC(x), { re: 0, im: 0 }))
        );
      }
    });
  }
});

describe("qr: stacks", () => {
  for (const c of CASES.filter((c) => c.a.size > 0)) {
    test(`tile3: qr(kA) = (Q, kR) for k = 1, -2, 3: ${c.name}`, () => {
      const s = stackOf(c.a, [1, -2, 3]);
      const { Q, R } = qr(s);
      const [qs, rs] = [Q.toArray() as Json[], R.toArray() as Json[]];
      [1, -2, 3].forEach((k, i) =>
        sameQR(qs[i], rs[i], c.qr.Q, scale(c.qr.R, k), tolerance(c) * 10, `${c.name} k=${k}`)
      );
      const raw = qr(s, { mode: "raw" });
      assert.deepEqual(raw.h.shape, [3, c.a.shape[1], c.a.shape[0]]);
      if (referenceQR) {
        assertClose(raw.tau, [c.qr.tau, c.qr.tau, c.qr.tau], tolerance(c) * 10, c.name);
      }
    });
    test(`tile213 (2, 1, 3, m, n), complete and r: ${c.name}`, () => {
      const ks = [1, 2, 3, 4, 5, 6];
      const s = stackOf(c.a, ks).reshape([2, 1, 3, ...c.a.shape]);
      const { Q, R } = qr(s, { mode: "complete" });
      assert.deepEqual(Q.shape, [2, 1, 3, c.a.shape[0], c.a.shape[0]]);
      const qs = (Q.toArray() as Json[][][]).flat(2);
      const got = (R.toArray() as Json[][][]).flat(2);
      const rOnly = (qr(s, { mode: "r" }).R.toArray() as Json[][][]).flat(2);
      ks.forEach((k, i) => {
        const what = `${c.name} k=${k}`;
        sameQR(qs[i], got[i], c.qr.Qc, scale(c.qr.Rc, k), tolerance(c) * 10, what);
        const want = signFixed(c.qr.Qc, scale(c.qr.r, k))[1];
        assertClose(signFixed(qs[i], rOnly[i])[1], want, tolerance(c) * 10, `r ${what}`);
      });
    });
  }
});

describe("qr: empty shapes, as numpy", () => {
  const shapes = (m: number, n: number) => {
    const k = Math.min(m, n);
    return {
      reduced: [[m, k], [k, n]],
      complete: [[m, m], [m, n]],
      r: [[k, n]],
      raw: [[n, m], [k]],
    };
  };
  for (const [m, n] of [[0, 0], [3, 0], [0, 3], [1, 0]]) {
    test(`${m}x${n}`, () => {
      const want = shapes(m, n);
      const a = zeros([m, n]);
      const red = qr(a);
      assert.deepEqual([red.Q.shape, red.R.shape], want.reduced);
      const com = qr(a, { mode: "complete" });
      assert.deepEqual([com.Q.shape, com.R.shape], want.complete);
      assert.deepEqual(com.Q.toArray(), identity(m), "complete Q is the identity");
      assert.deepEqual([qr(a, { mode: "r" }).R.shape], want.r);
      const raw = qr(a, { mode: "raw" });
      assert.deepEqual([raw.h.shape, raw.tau.shape], want.raw);
    });
  }
  test("stacks of empty matrices and empty stacks", () => {
    const { Q, R } = qr(zeros([2, 3, 0]), { mode: "complete" });
    assert.deepEqual(Q.toArray(), [identity(3), identity(3)]);
    assert.deepEqual(R.shape, [2, 3, 0]);
    const e = qr(zeros([0, 4, 2]));
    assert.deepEqual([e.Q.shape, e.R.shape], [[0, 4, 2], [0, 2, 2]]);
    const raw = qr(zeros([0, 2, 4]), { mode: "raw" });
    assert.deepEqual([raw.h.shape, raw.tau.shape], [[0, 4, 2], [0, 2]]);
  });
});

describe("qr: dtypes, options and errors", () => {
  for (const dtype of ["float32", "complex64"] as const) {
    test(`${dtype} stays single in every mode`, () => {
      const a = array([[1, 2], [3, 4], [5, 6]], { dtype });
      const { Q, R } = qr(a);
      assert.equal(Q.dtype, dtype);
      assert.equal(R.dtype, dtype);
      assert.equal(qr(a, { mode: "r" }).R.dtype, dtype);
      const raw = qr(a, { mode: "raw", precision: "single" });
      assert.equal(raw.h.dtype, dtype);
      assert.equal(raw.tau.dtype, dtype);
      assert.equal(qr(a, { mode: "complete", precision: "single" }).Q.dtype, dtype);
      assert.equal(realDType(dtype), "float32");
    });
  }
  test("rank-deficient input still factors (numpy does not raise)", () => {
    const { Q, R } = qr([[1, 2], [2, 4], [3, 6]]);
    assertClose(matmulNested(Q.toArray(), R.toArray()), [[1, 2], [2, 4], [3, 6]], 1e-14);
  });
  test("nothing allocated per matrix: (3000, 5, 3)", () => {
    const c = CASES.find((c) => c.name === "float64 tall 5x3")!;
    const s = stackOf(c.a, new Array(3000).fill(1));
    const s0 = gufuncStats.scratchAllocations;
    const { R } = qr(s);
    assert.ok(gufuncStats.scratchAllocations - s0 <= 1);
    assertClose(R.toArray()[2999], c.qr.R, 1e-12);
  });
  test("bad mode is a TypeError", () => {
    assert.throws(() => qr(identity(2), { mode: "economic" as never }), {
      name: "TypeError",
      message:
        'Invalid mode for qr(): expected "reduced", "complete", "r" or "raw", got "economic"',
    });
    assert.throws(() => qr(identity(2), "r" as never), TypeError);
  });
  test("1-D input raises LinAlgError", () => {
    assert.throws(() => qr([1, 2, 3]), {
      name: "LinAlgError",
      message: /at least two-dimensional/,
    });
  });
  test("NaN input gives NaN, not a crash or a hang", () => {
    const { Q, R } = qr([[NaN, 1], [1, 1]]);
    // Where: OpenBLAS puts it in R[0,0]; MKL's norm skips it there (R[0,0] = sqrt(2)), the
    // rest of R and all of Q are NaN.
    assert.ok((R.toArray() as number[][]).flat().some(Number.isNaN));
    assert.ok((Q.toArray() as number[][]).flat().some(Number.isNaN));
  });
});

describe("cholesky and qr: messages and forged arrays", () => {
  const deep = deepArray();
  test("cholesky upper: the value described, never converted", () => {
    throwsMsg(
      () => cholesky(identity(2), { upper: "yes" as never }),
      TypeError,
      /^Invalid upper option for cholesky\(\): expected a boolean, got "yes"$/,
    );
    throwsMsg(() => cholesky(identity(2), { upper: deep as never }), TypeError, /got an array$/);
    throwsMsg(
      () => cholesky(identity(2), { upper: HOSTILE as never }),
      TypeError,
      /got an object$/,
    );
  });
  test("qr mode: the value described, never converted", () => {
    throwsMsg(
      () => qr(identity(2), { mode: deep as never }),
      TypeError,
      /^Invalid mode for qr\(\): expected "reduced", "complete", "r" or "raw", got an array$/,
    );
    throwsMsg(() => qr(identity(2), { mode: HOSTILE as never }), TypeError, /got an object$/);
    throwsMsg(() => qr(identity(2), { mode: 3 as never }), TypeError, /got 3$/);
  });
  test("options not an object", () => {
    throwsMsg(
      () => cholesky(identity(2), 1 as never),
      TypeError,
      /^Invalid options for cholesky\(\): expected an object, got number$/,
    );
    throwsMsg(
      () => qr(identity(2), "r" as never),
      TypeError,
      /^Invalid options for qr\(\): expected an object, got string$/,
    );
  });
  for (const f of FORGED) {
    test(`forged input: ${f.name}`, () => {
      throwsMsg(
        () => cholesky(f.make()),
        TypeError,
        /^Invalid NDArray for operand 0 of cholesky\(\): /,
      );
      throwsMsg(() => qr(f.make()), TypeError, /^Invalid NDArray for operand 0 of qr\(\): /);
    });
  }
});
