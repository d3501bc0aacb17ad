import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/svd.json" with { type: "json" };
import type { Complex, DType } from "../src/dtype.ts";
import { allocData, isComplex, isSingle, realDType } from "../src/dtype.ts";
import { array, NDArray, zeros } from "../src/ndarray.ts";
import { LinAlgError } from "../src/errors.ts";
import { gufuncStats } from "../src/gufunc.ts";
import { cond, matrixRank, pinv, svd, svdTestHooks, svdvals } from "../src/linalg/svd.ts";
import {
  assertClose,
  deepArray,
  FORGED,
  HOSTILE,
  LAYOUTS,
  numbers,
  pairsToComplex as pairs,
  stackOf,
  strided,
  throwsMsg,
} from "./_cases.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

interface SvdCase {
  name: string;
  tags: string[];
  dtype: DType;
  a: NDArray;
  s: number[];
  pinv?: Json;
  pinv_rtol?: Json;
  rank?: number;
  cond?: Record<string, number>;
  tol?: number;
  rank_tol?: number;
  s_h?: number[];
  pinv_h?: Json;
  rank_h?: number;
}

const matrix = (x: Json, dtype: DType): Json => isComplex(dtype) ? pairs(x, 2) : x;

const CASES: SvdCase[] = (fixture as Json).cases.map((c: Json) => {
  const [m, n] = c.shape;
  const a = m * n === 0
    ? new NDArray(allocData(c.dtype, 0), c.dtype, [m, n])
    : array(matrix(numbers(c.a), c.dtype), { dtype: c.dtype });
  const cnd = c.cond === undefined
    ? undefined
    : Object.fromEntries(Object.entries(c.cond).map(([k, v]) => [k, numbers(v)]));
  return {
    ...c,
    a,
    s: numbers(c.s),
    cond: cnd,
    pinv: c.pinv && matrix(numbers(c.pinv), c.dtype),
    pinv_rtol: c.pinv_rtol && matrix(numbers(c.pinv_rtol), c.dtype),
    pinv_h: c.pinv_h && matrix(numbers(c.pinv_h), c.dtype),
  } as SvdCase;
});

const single = (c: { dtype: DType }) => isSingle(c.dtype);
/** Tolerance for numpy's answers: f32 and f64 apart; ill-conditioned and rank-deficient cases looser. */
function tol(c: SvdCase): number {
  const base = single(c) ? 2e-6 : 1e-11;
  if (c.tags.includes("illconditioned")) return base * 1e5;
  if (c.tags.includes("deficient")) return base * 1e3;
  return base;
}
/** Tolerance for identities (reconstruction, orthogonality), relative to the largest entry. */
const itol = (c: { dtype: DType }) => (single(c) ? 2e-5 : 1e-12);

const cx = (v: Json): Complex => (typeof v === "number" ? { re: v, im: 0 } : v);
const asComplex = (x: Json): Json => (Array.isArray(x) ? x.map(asComplex) : cx(x));

/** U diag(S) Vh for one matrix (nested values), as {re, im}. */
function rebuild(U: Json[][], S: number[], Vh: Json[][]): Complex[][] {
  const m = U.length;
  const n = Vh[0]?.length ?? 0;
  const k = S.length;
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let re = 0;
      let im = 0;
      for (let p = 0; p < k; p++) {
        const u = cx(U[i][p]);
        const v = cx(Vh[p][j]);
        re += S[p] * (u.re * v.re - u.im * v.im);
        im += S[p] * (u.re * v.im + u.im * v.re);
      }
      return { re, im };
    }));
}

/** X^H X when `cols`, X X^H otherwise: the identity for orthonormal columns (rows). */
function gram(X: Json[][], cols: boolean): Complex[][] {
  const r = X.length;
  const c = X[0]?.length ?? 0;
  const k = cols ? c : r;
  const len = cols ? r : c;
  const at = (p: number, q: number) => cx(cols ? X[q][p] : X[p][q]);
  return Array.from({ length: k }, (_, a) =>
    Array.from({ length: k }, (_, b) => {
      let re = 0;
      let im = 0;
      for (let q = 0; q < len; q++) {
        const x = at(a, q);
        const y = at(b, q);
        re += x.re * y.re + x.im * y.im;
        im += x.re * y.im - x.im * y.re;
      }
      return { re, im };
    }));
}

const eye = (k: number): Complex[][] =>
  Array.from(
    { length: k },
    (_, i) => Array.from({ length: k }, (_, j) => ({ re: i === j ? 1 : 0, im: 0 })),
  );

/** Checks a decomposition of one matrix: shapes, descending S, reconstruction, orthonormality. */
function checkSvd(
  c: { dtype: DType },
  a: Json[][],
  U: Json[][],
  S: number[],
  Vh: Json[][],
  full: boolean,
  what: string,
) {
  const m = a.length;
  const n = a[0].length;
  const k = Math.min(m, n);
  assert.equal(S.length, k, `${what}: S length`);
  for (let i = 1; i < k; i++) assert.ok(S[i - 1] >= S[i], `${what}: S descending`);
  assert.equal(U.length, m);
  assert.equal(U[0].length, full ? m : k);
  assert.equal(Vh.length, full ? n : k);
  assert.equal(Vh[0].length, n);
  assertClose(rebuild(U, S, Vh), asComplex(a), itol(c), `${what}: U diag(S) Vh = A`);
  assertClose(gram(U, true), eye(full ? m : k), itol(c), `${what}: U^H U = I`);
  assertClose(gram(Vh, false), eye(full ? n : k), itol(c), `${what}: Vh Vh^H = I`);
}

const nonEmpty = CASES.filter((c) => c.a.size > 0);

describe("svd: numpy's singular values for every case and layout", () => {
  for (const c of CASES) {
    for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
      test(`${c.name} / ${v.name}`, () => {
        const before = c.a.toArray();
        const s = svdvals(v.make(c.a));
        if (v.keepsDType) assert.equal(s.dtype, realDType(c.dtype));
        assert.deepEqual(s.shape, [Math.min(...c.a.shape)]);
        assertClose(s, c.s, tol(c), `svdvals ${c.name}`);
        const r = svd(v.make(c.a), { computeUv: false });
        assert.deepEqual(Object.keys(r), ["S"]);
        assertClose(r.S, c.s, tol(c), `svd S ${c.name}`);
        assert.deepEqual(c.a.toArray(), before, "input unchanged");
      });
    }
  }
});

describe("svd: U diag(S) Vh = A, full and reduced, every dtype and layout", () => {
  for (const c of nonEmpty) {
    for (const full of [true, false]) {
      for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
        test(`${c.name} / ${full ? "full" : "reduced"} / ${v.name}`, () => {
          const { U, S, Vh } = svd(v.make(c.a), { fullMatrices: full });
          if (v.keepsDType) {
            assert.equal(U.dtype, c.dtype);
            assert.equal(Vh.dtype, c.dtype);
            assert.equal(S.dtype, realDType(c.dtype));
          }
          assertClose(S, c.s, tol(c), `S ${c.name}`);
          checkSvd(c, c.a.toArray(), U.toArray(), S.toArray(), Vh.toArray(), full, c.name);
        });
      }
    }
  }
});

describe("svd: stacks", () => {
  for (const c of nonEmpty.filter((c) => !c.tags.includes("illconditioned"))) {
    test(`tile3 (3, m, n): ${c.name}`, () => {
      const factors = [1, 2, -3];
      const st = stackOf(c.a, factors);
      for (const full of [true, false]) {
        const { U, S, Vh } = svd(st, { fullMatrices: full });
        const k = Math.min(...c.a.shape);
        assert.deepEqual(S.shape, [3, k]);
        const u = U.toArray();
        const s = S.toArray();
        const vh = Vh.toArray();
        const a = st.toArray();
        for (let i = 0; i < 3; i++) {
          assertClose(s[i], c.s.map((x) => x * Math.abs(factors[i])), tol(c), `S ${i}`);
          checkSvd(c, a[i], u[i], s[i], vh[i], full, `${c.name} item ${i}`);
        }
      }
      assertClose(
        svdvals(st),
        factors.map((f) => c.s.map((x) => x * Math.abs(f))),
        tol(c),
        "svdvals",
      );
    });
    test(`tile213 (2, 1, 3, m, n) strided: ${c.name}`, () => {
      const st = strided(stackOf(c.a, [1, 2, 3, 4, 5, 6]).reshape([2, 1, 3, ...c.a.shape]));
      const { U, S, Vh } = svd(st, { fullMatrices: false });
      assert.deepEqual(S.shape, [2, 1, 3, Math.min(...c.a.shape)]);
      const a = st.toArray();
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 3; j++) {
          checkSvd(
            c,
            a[i][0][j],
            U.toArray()[i][0][j],
            S.toArray()[i][0][j],
            Vh.toArray()[i][0][j],
            false,
            `${c.name} (${i},0,${j})`,
          );
        }
      }
    });
  }
});

describe("svd: hermitian (eigendecomposition)", () => {
  for (const c of CASES.filter((c) => c.s_h !== undefined)) {
    for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
      test(`${c.name} / ${v.name}`, () => {
        const { U, S, Vh } = svd(v.make(c.a), { hermitian: true });
        if (v.keepsDType) assert.equal(S.dtype, realDType(c.dtype));
        assertClose(S, c.s_h, tol(c), `S ${c.name}`);
        checkSvd(c, c.a.toArray(), U.toArray(), S.toArray(), Vh.toArray(), true, c.name);
        assertClose(
          svd(v.make(c.a), { hermitian: true, computeUv: false }).S,
          c.s_h,
          tol(c),
          "computeUv false",
        );
      });
    }
  }
  test("only the lower triangle is read (numpy's eigh): NaN above the diagonal is ignored", () => {
    const { S } = svd([[2, NaN], [1, 2]], { hermitian: true });
    assertClose(S, [3, 1], 1e-14);
  });
  test("a zero eigenvalue keeps Vh unitary", () => {
    const { U, S, Vh } = svd([[1, 1], [1, 1]], { hermitian: true });
    checkSvd(
      { dtype: "float64" },
      [[1, 1], [1, 1]],
      U.toArray(),
      S.toArray(),
      Vh.toArray(),
      true,
      "rank 1",
    );
  });
  test("stacked", () => {
    const c = CASES.find((c) => c.name === "complex128 4x4 hermitian indefinite")!;
    const st = stackOf(c.a, [1, -2]);
    const { U, S, Vh } = svd(st, { hermitian: true });
    for (let i = 0; i < 2; i++) {
      assertClose(S.toArray()[i], c.s_h!.map((x) => x * (i + 1)), tol(c), "S");
      checkSvd(
        c,
        st.toArray()[i],
        U.toArray()[i],
        S.toArray()[i],
        Vh.toArray()[i],
        true,
        `item ${i}`,
      );
    }
  });
  test("non-square raises LinAlgError", () => {
    assert.throws(
      () => svd([[1, 2, 3]], { hermitian: true }),
      (e: unknown) => e instanceof LinAlgError && /square/.test((e as Error).message),
    );
  });
});

describe("svd: empty matrices (numpy's shapes and identities)", () => {
  test("0x3 full: U 0x0, S (0), Vh the 3x3 identity", () => {
    const { U, S, Vh } = svd(zeros([0, 3]));
    assert.deepEqual([U.shape, S.shape, Vh.shape], [[0, 0], [0], [3, 3]]);
    assert.deepEqual(Vh.toArray(), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  });
  test("3x0 full: U the 3x3 identity, Vh 0x0", () => {
    const { U, S, Vh } = svd(zeros([3, 0], { dtype: "complex64" }));
    assert.deepEqual([U.shape, S.shape, Vh.shape], [[3, 3], [0], [0, 0]]);
    assert.equal(U.dtype, "complex64");
    assert.equal(S.dtype, "float32");
    assert.deepEqual(U.toArray()[1][1], { re: 1, im: 0 });
    assert.deepEqual(U.toArray()[1][0], { re: 0, im: 0 });
  });
  test("3x0 reduced and computeUv false", () => {
    const { U, S, Vh } = svd(zeros([3, 0]), { fullMatrices: false });
    assert.deepEqual([U.shape, S.shape, Vh.shape], [[3, 0], [0], [0, 0]]);
    assert.deepEqual(svd(zeros([3, 0]), { computeUv: false }).S.shape, [0]);
    assert.deepEqual(svdvals(zeros([0, 0])).shape, [0]);
  });
  test("stack of 0x2 matrices, full: identities in every item", () => {
    const { U, Vh } = svd(zeros([2, 0, 2]));
    assert.deepEqual(U.shape, [2, 0, 0]);
    assert.deepEqual(Vh.toArray(), [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]);
  });
  test("empty stack (0, 3, 3)", () => {
    const { U, S, Vh } = svd(zeros([0, 3, 3]));
    assert.deepEqual([U.shape, S.shape, Vh.shape], [[0, 3, 3], [0, 3], [0, 3, 3]]);
  });
});

describe("svd: ?gesvd fallback when ?gesdd does not converge", () => {
  for (
    const c of nonEmpty.filter((c) =>
      c.tags.includes("tall") || c.tags.includes("wide") || c.name.endsWith("3x3")
    )
  ) {
    test(`${c.name}: full, reduced and values only`, () => {
      const calls = svdTestHooks.gesvdCalls;
      svdTestHooks.failGesdd = true;
      try {
        for (const full of [true, false]) {
          const { U, S, Vh } = svd(c.a, { fullMatrices: full });
          assertClose(S, c.s, tol(c), "S");
          checkSvd(c, c.a.toArray(), U.toArray(), S.toArray(), Vh.toArray(), full, c.name);
        }
        assertClose(
          svdvals(stackOf(c.a, [1, 2])),
          [c.s, c.s.map((x) => 2 * x)],
          tol(c),
          "stacked values",
        );
        assertClose(pinv(c.a), c.pinv, tol(c), "pinv");
      } finally {
        svdTestHooks.failGesdd = false;
      }
      assert.equal(svdTestHooks.gesvdCalls - calls, 5, "one ?gesvd call per matrix");
    });
  }
});

describe("svd: NaN and infinities", () => {
  test("NaN raises LinAlgError in numpy's words", () => {
    assert.throws(() => svd([[NaN, 1], [1, 1]]), (e: unknown) => {
      assert.ok(e instanceof LinAlgError);
      assert.equal(
        (e as Error).message,
        "SVD did not converge: the matrix contains NaN or infinity",
      );
      return true;
    });
    assert.throws(() => svdvals([[1, 1], [1, Infinity]]), {
      name: "LinAlgError",
      message: /^SVD did not converge/,
    });
    assert.throws(() => svd([[1, 1], [NaN, 1]], { hermitian: true }), LinAlgError); // lower triangle
  });
  test("a stack names the failed item; errors: nan fills only that item", () => {
    const st = [[[2, 0], [0, 1]], [[NaN, 0], [0, 1]], [[3, 0], [0, 4]]];
    assert.throws(() => svd(st), (e: unknown) => {
      assert.equal(
        (e as Error).message,
        "SVD did not converge: item 1 of the stack, the matrix contains NaN or infinity",
      );
      return true;
    });
    const { U, S, Vh } = svd(st, { errors: "nan" });
    assertClose(S.toArray()[0], [2, 1], 1e-15);
    assertClose(S.toArray()[2], [4, 3], 1e-15);
    assert.ok([U, S, Vh].every((x) => (x.toArray()[1] as Json).flat().every(Number.isNaN)));
    const s = svdvals(st, { errors: "nan" }).toArray();
    assert.ok(s[1].every(Number.isNaN));
  });
});

describe("svd: options and errors", () => {
  test("float32 is computed in double and rounded; precision single calls the s routines", () => {
    const a = array([[3, 0], [0, 4]], { dtype: "float32" });
    assert.equal(svd(a).U.dtype, "float32");
    const r = svd(a, { precision: "single" });
    assert.equal(r.S.dtype, "float32");
    assertClose(r.S, [4, 3], 1e-7);
  });
  test("1-D input raises LinAlgError", () => {
    assert.throws(
      () => svd([1, 2]),
      (e: unknown) => e instanceof LinAlgError && /two-dimensional/.test((e as Error).message),
    );
    assert.throws(() => svdvals(3), LinAlgError);
  });
  test("bad options", () => {
    assert.throws(() => svd([[1]], 3 as never), TypeError);
    assert.throws(() => svd([[1]], { fullMatrices: "no" as never }), TypeError);
    assert.throws(() => svd([[1]], { errors: "ignore" as never }), TypeError);
  });
  test("(1000, 3, 3) stack: one scratch, one kernel", () => {
    const st = stackOf(
      array([[1, 2, 0], [0, 1, 3], [4, 0, 1]]),
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );
    const s0 = gufuncStats.scratchAllocations;
    const k0 = gufuncStats.kernelCreations;
    const { S } = svd(st);
    assert.ok(gufuncStats.scratchAllocations - s0 <= 1);
    assert.ok(gufuncStats.kernelCreations - k0 <= 1);
    assertClose(S.toArray()[999], (S.toArray()[0] as number[]).map((x) => 1000 * x), 1e-12);
  });
});

describe("pinv: numpy's answers", () => {
  for (const c of nonEmpty) {
    for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
      test(`${c.name} / ${v.name}`, () => {
        const before = c.a.toArray();
        const p = pinv(v.make(c.a));
        if (v.keepsDType) assert.equal(p.dtype, c.dtype);
        assert.deepEqual(p.shape, [c.a.shape[1], c.a.shape[0]]);
        assertClose(p, c.pinv, tol(c), `pinv ${c.name}`);
        // eps is the dtype's: nested arrays are float64
        if (v.keepsDType || !single(c)) {
          assertClose(
            pinv(v.make(c.a), { rtol: null }),
            c.pinv_rtol,
            tol(c),
            "rtol: null (max(M, N) eps)",
          );
        }
        if (c.pinv_h !== undefined) {
          assertClose(pinv(v.make(c.a), { hermitian: true }), c.pinv_h, tol(c), "hermitian");
        }
        assert.deepEqual(c.a.toArray(), before, "input unchanged");
      });
    }
  }
  test("the BLAS product (?gemm) gives numpy's answers too, for every case", () => {
    const before = svdTestHooks.pinvGemmAbove;
    svdTestHooks.pinvGemmAbove = 0;
    try {
      for (const c of nonEmpty) {
        assertClose(pinv(c.a), c.pinv, tol(c), `pinv ${c.name}`);
        assertClose(pinv(c.a, { rtol: null }), c.pinv_rtol, tol(c), `rtol: null ${c.name}`);
        if (c.pinv_h !== undefined) {
          assertClose(pinv(c.a, { hermitian: true }), c.pinv_h, tol(c), `hermitian ${c.name}`);
        }
      }
    } finally {
      svdTestHooks.pinvGemmAbove = before;
    }
  });
  test("40x30 and Hermitian 30x30 complex: the JS loop and ?gemm agree, on a strided stack", () => {
    const re = Array.from(
      { length: 40 },
      (_, i) =>
        Array.from(
          { length: 30 },
          (_, j) => ({ re: Math.sin(i * 31 + j * 7), im: Math.cos(i * j + 1) }),
        ),
    );
    const a = strided(stackOf(array(re), [1, -2]));
    const h = array(re).toArray().slice(0, 30).map((row: Json[], i: number) =>
      row.map((_: Json, j: number) =>
        j < i
          ? re[i][j]
          : j === i
          ? { re: re[i][i].re, im: 0 }
          : { re: re[j][i].re, im: -re[j][i].im }
      )
    );
    const before = svdTestHooks.pinvGemmAbove;
    try {
      svdTestHooks.pinvGemmAbove = Infinity;
      const loop = pinv(a).toArray();
      const loopH = pinv(h, { hermitian: true }).toArray();
      svdTestHooks.pinvGemmAbove = 0;
      assertClose(pinv(a), loop, 1e-12, "general");
      assertClose(pinv(h, { hermitian: true }), loopH, 1e-12, "hermitian");
      assertClose(pinv(h, { hermitian: true }), pinv(h).toArray(), 1e-9, "hermitian = general");
    } finally {
      svdTestHooks.pinvGemmAbove = before;
    }
  });
  test("stacks, and an rcond array broadcast over the stack", () => {
    const a = [[[1, 0], [0, 1e-3]], [[2, 0], [0, 1e-3]]];
    assertClose(pinv(a), [[[1, 0], [0, 1e3]], [[0.5, 0], [0, 1e3]]], 1e-12);
    assertClose(pinv(a, { rcond: [1e-4, 1e-2] }), [[[1, 0], [0, 1e3]], [[0.5, 0], [0, 0]]], 1e-12);
    assertClose(pinv(a, { rtol: 1e-2 }), [[[1, 0], [0, 0]], [[0.5, 0], [0, 0]]], 1e-12);
    assert.deepEqual(pinv(a, { rtol: [[1e-4], [1e-2]] }).shape, [2, 2, 2, 2]);
  });
  test("Penrose identities on a rank-deficient complex matrix", () => {
    const c = CASES.find((c) => c.name === "complex128 4x3 rank 2")!;
    const a = c.a.toArray();
    const p = pinv(c.a).toArray();
    const mul = (x: Json, y: Json) => rebuild(x, Array(y.length).fill(1), y);
    assertClose(mul(mul(a, p), a), asComplex(a), 1e-12, "A A+ A = A");
    assertClose(mul(mul(p, a), p), asComplex(p), 1e-12, "A+ A A+ = A+");
  });
  test("empty: (..., N, M) of the input's dtype", () => {
    assert.deepEqual(pinv(zeros([0, 3])).shape, [3, 0]);
    assert.deepEqual(pinv(zeros([2, 3, 0], { dtype: "float32" })).shape, [2, 0, 3]);
    assert.equal(pinv(zeros([2, 3, 0], { dtype: "float32" })).dtype, "float32");
  });
  test("errors", () => {
    assert.throws(() => pinv([[1]], { rcond: 1e-3, rtol: 1e-3 }), RangeError);
    assert.throws(() => pinv([1, 2]), LinAlgError);
    assert.throws(() => pinv([[NaN]]), { name: "LinAlgError", message: /^SVD did not converge/ });
    assert.ok(
      (pinv([[[1]], [[NaN]]], { errors: "nan" }).toArray()[1][0] as number[]).every(Number.isNaN),
    );
    assert.throws(() => pinv([[1, 2]], { hermitian: true }), LinAlgError);
  });
});

describe("matrixRank: numpy's answers", () => {
  for (const c of nonEmpty) {
    test(c.name, () => {
      // eps is the dtype's: nested arrays are float64
      for (const v of LAYOUTS.filter((v) => v.applies(c.a) && (v.keepsDType || !single(c)))) {
        const r = matrixRank(v.make(c.a));
        assert.deepEqual(r.shape, []);
        assert.equal(r.item(), c.rank, v.name);
        if (c.rank_tol !== undefined) {
          assert.equal(matrixRank(v.make(c.a), { tol: c.tol }).item(), c.rank_tol, "tol");
        }
        if (c.rank_h !== undefined) {
          assert.equal(matrixRank(v.make(c.a), { hermitian: true }).item(), c.rank_h, "hermitian");
        }
      }
    });
  }
  test("vectors and scalars: 1 unless all zero (numpy)", () => {
    assert.equal(matrixRank([0, 0, 0]).item(), 0);
    assert.equal(matrixRank([0, 1e-300, 0]).item(), 1);
    assert.equal(matrixRank(2).item(), 1);
    assert.equal(matrixRank([NaN]).item(), 1);
    assert.equal(
      matrixRank(strided(array([0, 0]))).item(),
      0,
      "NaN between strided elements is not read",
    );
  });
  test("stacks, tol and rtol arrays", () => {
    const st = [[[1, 0], [0, 1e-3]], [[1, 0], [0, 0]], [[0, 0], [0, 0]]];
    assert.deepEqual(matrixRank(st).toArray(), [2, 1, 0]);
    assert.deepEqual(matrixRank(st, { tol: 1e-2 }).toArray(), [1, 1, 0]);
    assert.deepEqual(matrixRank(st, { rtol: [1e-4, 1e-4, 1e-4] }).toArray(), [2, 1, 0]);
    assert.deepEqual(matrixRank(st, { rtol: [[1e-2], [1e-4]] }).toArray(), [[1, 1, 0], [2, 1, 0]]);
    assert.equal(matrixRank(st).dtype, "int32");
  });
  test("float32 uses float32's eps (numpy)", () => {
    const a = [[1, 0], [0, 1e-7]];
    assert.equal(matrixRank(a).item(), 2);
    assert.equal(matrixRank(array(a, { dtype: "float32" })).item(), 1);
  });
  test("empty matrices have rank 0 (numpy 2)", () => {
    assert.equal(matrixRank(zeros([0, 3])).item(), 0);
    assert.deepEqual(matrixRank(zeros([2, 3, 0])).toArray(), [0, 0]);
  });
  test("errors", () => {
    assert.throws(() => matrixRank([[1]], { tol: 1, rtol: 1 }), RangeError);
    assert.throws(() => matrixRank([[NaN, 1], [1, 1]]), {
      name: "LinAlgError",
      message: /^SVD did not converge/,
    });
    assert.throws(() => matrixRank([[1, 2]], { hermitian: true }), LinAlgError);
  });
});

const ORDERS: [string, Json][] = [
  ["None", undefined],
  ["fro", "fro"],
  ["nuc", "nuc"],
  ["inf", Infinity],
  ["-inf", -Infinity],
  ["1", 1],
  ["-1", -1],
  ["2", 2],
  ["-2", -2],
];

/** cond of a rank-deficient matrix is round-off: check only that it is huge (or tiny). */
function assertCond(actual: number, expected: number, c: SvdCase, what: string) {
  if (c.tags.includes("deficient") && !single(c) && (expected > 1e15 || expected < 1e-15)) {
    assert.ok(
      expected > 1 ? actual > 1e14 : actual < 1e-14,
      `${what}: ${actual}, numpy ${expected}`,
    );
    return;
  }
  assertClose([actual], [expected], tol(c) * 10, what);
}

describe("cond: numpy's answers for every order", () => {
  for (const c of nonEmpty) {
    for (const [key, p] of ORDERS.filter(([k]) => c.cond![k] !== undefined)) {
      test(`${c.name} / p = ${key}`, () => {
        for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
          const r = cond(v.make(c.a), p);
          assert.deepEqual(r.shape, []);
          if (v.keepsDType) assert.equal(r.dtype, realDType(c.dtype));
          assertCond(r.item() as number, c.cond![key], c, `${c.name} p=${key} ${v.name}`);
        }
      });
    }
  }
  test("stacks, every order", () => {
    const c = CASES.find((c) => c.name === "complex128 3x3")!;
    const st = stackOf(c.a, [1, -2, 5]);
    for (const [key, p] of ORDERS) {
      const r = cond(st, p);
      assert.deepEqual(r.shape, [3]);
      assertClose(r, [1, 1, 1].map(() => c.cond![key]), 1e-10, key);
    }
  });
  test("singular matrices give Infinity for every order (numpy's convention)", () => {
    for (const [key, p] of ORDERS) {
      assert.equal(cond([[0, 0], [0, 0]], p).item(), Infinity, key);
      if (key !== "None" && key !== "2" && key !== "-2") {
        assert.equal(cond([[1, 2], [2, 4]], p).item(), Infinity, key);
      }
    }
    assert.deepEqual(cond([[[1, 2], [2, 4]], [[1, 0], [0, 2]]], 1).toArray(), [Infinity, 2]);
  });
  test("NaN: the 2-norm raises (numpy's SVD), other orders give NaN", () => {
    assert.throws(() => cond([[NaN, 1], [1, 1]]), {
      name: "LinAlgError",
      message: /^SVD did not converge/,
    });
    assert.ok(
      Number.isNaN(cond([[NaN, 1], [1, 1]], undefined, { errors: "nan" }).item() as number),
    );
    for (const p of ["fro", "nuc", Infinity, -Infinity, 1, -1] as const) {
      assert.ok(Number.isNaN(cond([[NaN, 1], [1, 1]], p).item() as number), String(p));
    }
  });
  test("infinite entries give Infinity", () => {
    assert.equal(cond([[Infinity, 1], [1, 1]]).item(), Infinity);
    assert.equal(cond([[Infinity, 1], [1, 1]], "fro").item(), Infinity);
  });
  test("non-square: the 2-norm works, other orders need a square matrix", () => {
    assert.ok(Math.abs((cond([[1, 0, 0], [0, 2, 0]]).item() as number) - 2) < 1e-14);
    assert.throws(
      () => cond([[1, 2, 3], [4, 5, 6]], 1),
      (e: unknown) => e instanceof LinAlgError && /square/.test((e as Error).message),
    );
  });
  test("errors", () => {
    assert.throws(
      () => cond(zeros([0, 2])),
      (e: unknown) =>
        e instanceof LinAlgError &&
        /^cond is not defined on empty arrays/.test((e as Error).message),
    );
    assert.deepEqual(
      cond(zeros([0, 2, 2])).shape,
      [0],
      "an empty stack of matrices is not empty matrices",
    );
    assert.throws(
      () => cond([[1, 2], [3, 4]], 3),
      (e: unknown) =>
        e instanceof RangeError && /^Invalid norm order for matrices/.test((e as Error).message),
    );
    assert.throws(() => cond([[1, 2], [3, 4]], "inf" as never), RangeError);
    assert.throws(() => cond([1, 2]), LinAlgError);
  });
});

describe("svd family: messages and forged arrays", () => {
  test("cond: a deeply nested p is a TypeError, not a stack overflow", () => {
    throwsMsg(
      () => cond([[1, 0], [0, 1]], deepArray() as never),
      TypeError,
      /^Invalid norm order for matrices: expected undefined, 2, -2, "fro", "nuc", Infinity, -Infinity, 1 or -1, got an array$/,
    );
  });
  test("cond: a p whose toString throws never runs it", () => {
    throwsMsg(() => cond([[1, 0], [0, 1]], HOSTILE as never), TypeError, /got an object$/);
    throwsMsg(() => cond([[1, 0], [0, 1]], Object.create(null)), TypeError, /got an object$/);
  });
  test("cond: a bad number or string is a RangeError naming it", () => {
    throwsMsg(() => cond([[1, 0], [0, 1]], 3 as never), RangeError, /got 3$/);
    throwsMsg(() => cond([[1, 0], [0, 1]], "inf" as never), RangeError, /got "inf"$/);
  });
  test("boolean options: the option, the function and the value", () => {
    throwsMsg(
      () => svd([[1]], { fullMatrices: "no" as never }),
      TypeError,
      /^Invalid option fullMatrices for svd\(\): expected a boolean, got "no"$/,
    );
    throwsMsg(
      () => svd([[1]], { computeUv: deepArray() as never }),
      TypeError,
      /^Invalid option computeUv for svd\(\): expected a boolean, got an array$/,
    );
    throwsMsg(
      () => svd([[1]], 3 as never),
      TypeError,
      /^Invalid options for svd\(\): expected an object, got number$/,
    );
  });
  for (const f of FORGED) {
    test(`forged input: ${f.name}`, () => {
      for (
        const [name, fn] of [["svd", svd], ["svdvals", svdvals], ["pinv", pinv], [
          "matrixRank",
          matrixRank,
        ], ["cond", cond]] as const
      ) {
        throwsMsg(
          () => (fn as (a: NDArray) => unknown)(f.make()),
          TypeError,
          new RegExp(`^Invalid NDArray for operand 0 of ${name}\\(\\): `),
        );
      }
    });
  }
});
