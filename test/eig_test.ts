// eigh, eigvalsh, eig, eigvals: numpy's answers (test/fixtures/decomp.json, made by
// scripts/fixtures_decomp.py) on every layout variant of the shared case table, residuals,
// numpy's real-or-complex rule, stacks, edge cases and errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/decomp.json" with { type: "json" };
import { array, gufuncStats, LinAlgError, NDArray, zeros } from "../mod.ts";
import type { Complex, DType } from "../src/dtype.ts";
import { allocData, complexDType, isComplex, realDType } from "../src/dtype.ts";
import { eig, eigh, eigvals, eigvalsh } from "../src/linalg/eig.ts";
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
  eig: { real: boolean; sorted: Json };
  eigh: { wL: number[]; vL: Json; wU: number[]; vU: Json };
}

const CASES: Case[] = (fixture as Json).cases.filter((c: Json) => c.eig !== undefined).map(
  (c: Json) => {
    const cx = isComplex(c.dtype);
    const dec = (
      x: Json,
      ndim: number,
      complex = cx,
    ) => (complex ? pairs(numbers(x), ndim) : numbers(x));
    const n = c.shape[0];
    const a = n === 0
      ? new NDArray(allocData(c.dtype, 0), c.dtype, [0, 0])
      : array(dec(c.a, 2), { dtype: c.dtype });
    const e = c.eigh;
    return {
      name: c.name,
      tags: c.tags,
      dtype: c.dtype,
      a,
      eig: { real: c.eig.real, sorted: dec(c.eig.sorted, 1, !c.eig.real) },
      eigh: { wL: numbers(e.wL), vL: dec(e.vL, 2), wU: numbers(e.wU), vU: dec(e.vU, 2) },
    };
  },
);

const C = (x: number | Complex): Complex => (typeof x === "number" ? { re: x, im: 0 } : x);
const toC = (x: Json): Json => (Array.isArray(x) ? x.map(toC) : C(x));
const mul = (x: Complex, y: Complex): Complex => ({
  re: x.re * y.re - x.im * y.im,
  im: x.re * y.im + x.im * y.re,
});
const abs = (x: Complex) => Math.hypot(x.re, x.im);
const byReIm = (x: Complex, y: Complex) => x.re - y.re || x.im - y.im;

/** The Hermitian matrix made from the lower (or upper) triangle of `a`, real diagonal. */
function hermitianFrom(a: Json[][], lower: boolean): Complex[][] {
  return a.map((row, i) =>
    row.map((_, j) => {
      if (i === j) return { re: C(a[i][i]).re, im: 0 };
      const own = (i > j) === lower;
      const z = C(own ? a[i][j] : a[j][i]);
      return own ? z : { re: z.re, im: -z.im };
    })
  );
}

/** Asserts A v_j = w_j v_j and |v_j| = 1 for every column j, relative to the size of A. */
function assertEigenpairs(a: Json[][], w: Json[], v: Json[][], tol: number, what: string): void {
  const n = a.length;
  const av = matmulNested(toC(a), toC(v)) as Complex[][];
  const norm = Math.max(1, ...a.flat().map((x: Json) => abs(C(x))));
  for (let j = 0; j < n; j++) {
    let len = 0;
    for (let i = 0; i < n; i++) {
      const lhs = av[i][j];
      const rhs = mul(C(v[i][j]), C(w[j]));
      const err = abs({ re: lhs.re - rhs.re, im: lhs.im - rhs.im });
      assert.ok(err <= tol * norm * n, `${what}: residual ${err} in row ${i} of eigenpair ${j}`);
      len += abs(C(v[i][j])) ** 2;
    }
    assert.ok(
      Math.abs(Math.sqrt(len) - 1) <= tol * n,
      `${what}: eigenvector ${j} has norm ${Math.sqrt(len)}`,
    );
  }
}

/** Compares eigenvectors column by column up to a unit phase (sign for real vectors). */
function assertSameVectors(got: Json[][], want: Json[][], tol: number, what: string): void {
  const n = want.length;
  for (let j = 0; j < n; j++) {
    let p = 0;
    for (let i = 1; i < n; i++) if (abs(C(want[i][j])) > abs(C(want[p][j]))) p = i;
    const g = C(got[p][j]);
    const u = C(want[p][j]);
    // phase = g / u, normalized
    const d = abs(g) * abs(u);
    const ph = { re: (g.re * u.re + g.im * u.im) / d, im: (g.im * u.re - g.re * u.im) / d };
    const col = got.map((r) => mul(C(r[j]), { re: ph.re, im: -ph.im }));
    assertClose(col, want.map((r) => C(r[j])), tol, `${what} eigenvector ${j}`);
  }
}

const square = CASES.filter((c) => c.a.shape[0] > 0);

describe("eigh and eigvalsh: numpy's answers for every case, layout and UPLO", () => {
  for (const c of CASES) {
    for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
      test(`${c.name} / ${v.name}`, () => {
        const before = c.a.toArray();
        const tol = tolerance(c) * 100;
        for (const UPLO of ["L", "U"] as const) {
          const { eigenvalues: w, eigenvectors: vec } = eigh(v.make(c.a), { UPLO });
          if (v.keepsDType) {
            assert.equal(w.dtype, realDType(c.dtype));
            assert.equal(vec.dtype, c.dtype);
          }
          assert.deepEqual(w.shape, [c.a.shape[0]]);
          assert.deepEqual(vec.shape, c.a.shape);
          const want = UPLO === "L" ? c.eigh.wL : c.eigh.wU;
          assertClose(w, want, tol, `eigh ${UPLO} ${c.name}`);
          assertSameVectors(
            vec.toArray(),
            UPLO === "L" ? c.eigh.vL : c.eigh.vU,
            tol * 10,
            `eigh ${UPLO} ${c.name}`,
          );
          const wo = eigvalsh(v.make(c.a), { UPLO });
          if (v.keepsDType) assert.equal(wo.dtype, realDType(c.dtype));
          assertClose(wo, want, tol, `eigvalsh ${UPLO} ${c.name}`);
        }
        assert.deepEqual(c.a.toArray(), before, "input unchanged");
      });
    }
  }
});

describe("eigh: reconstruction H v = w v, where H is made from the UPLO triangle", () => {
  for (const c of square) {
    test(c.name, () => {
      for (const UPLO of ["L", "U"] as const) {
        const { eigenvalues, eigenvectors } = eigh(c.a, { UPLO });
        const w = eigenvalues.toArray() as number[];
        for (let i = 1; i < w.length; i++) assert.ok(w[i - 1] <= w[i], "ascending");
        const h = hermitianFrom(c.a.toArray(), UPLO === "L");
        assertEigenpairs(h, w, eigenvectors.toArray(), tolerance(c) * 100, `${UPLO} ${c.name}`);
      }
    });
  }
});

describe("eigh: stacks", () => {
  for (const c of square) {
    test(`tile3: eigh(kA) for k = 2, 1, 3: ${c.name}`, () => {
      const { eigenvalues, eigenvectors } = eigh(stackOf(c.a, [2, 1, 3]));
      assert.deepEqual(eigenvectors.shape, [3, ...c.a.shape]);
      assertClose(
        eigenvalues,
        [2, 1, 3].map((k) => scale(c.eigh.wL, k)),
        tolerance(c) * 100,
        c.name,
      );
      const vs = eigenvectors.toArray() as Json[][][];
      for (const v of vs) assertSameVectors(v, c.eigh.vL, tolerance(c) * 1e3, c.name);
      const w = eigvalsh(stackOf(c.a, [1, 2, 3, 4, 5, 6]).reshape([2, 1, 3, ...c.a.shape]), {
        UPLO: "U",
      });
      assert.deepEqual(w.shape, [2, 1, 3, c.a.shape[0]]);
      const want = [1, 2, 3, 4, 5, 6].map((k) => scale(c.eigh.wU, k));
      assertClose(w, [[want.slice(0, 3)], [want.slice(3)]], tolerance(c) * 100, c.name);
    });
  }
});

describe("eigh and eigvalsh: edge cases and errors", () => {
  test("only the UPLO triangle is read: NaN in the other one is ignored", () => {
    const clean = eigh([[2, 1], [1, 2]]);
    const lower = eigh([[2, NaN], [1, 2]]);
    const upper = eigh([[2, 1], [NaN, 2]], { UPLO: "U" });
    // Each eigenvector up to its sign, which LAPACKs choose differently (libFLAME).
    const signed = (v: number[][]) => {
      const s = v[0].map((_, j) => Math.sign(v.find((row) => row[j] !== 0)?.[j] ?? 1));
      return v.map((row) => row.map((x, j) => x * s[j]));
    };
    for (const r of [lower, upper]) {
      assertClose(r.eigenvalues, clean.eigenvalues.toArray(), 1e-15);
      assertClose(
        signed(r.eigenvectors.toArray() as number[][]),
        signed(clean.eigenvectors.toArray() as number[][]),
        1e-15,
      );
    }
    assertClose(eigvalsh([[2, NaN], [1, 2]]), [1, 3], 1e-15);
  });
  test("complex Hermitian: eigenvectors are not conjugated by the C-order trick", () => {
    const a = [[{ re: 2, im: 0 }, { re: 0, im: -1 }], [{ re: 0, im: 1 }, { re: 2, im: 0 }]];
    const { eigenvalues, eigenvectors } = eigh(a);
    assertClose(eigenvalues, [1, 3], 1e-15);
    assertEigenpairs(a, eigenvalues.toArray(), eigenvectors.toArray(), 1e-15, "hermitian 2x2");
  });
  test("0x0, (0, 3, 3) and (2, 0, 0)", () => {
    const e = eigh(zeros([0, 0]));
    assert.deepEqual([e.eigenvalues.shape, e.eigenvectors.shape], [[0], [0, 0]]);
    assert.deepEqual(eigvalsh(zeros([0, 3, 3])).shape, [0, 3]);
    const s = eigh(zeros([2, 0, 0], { dtype: "complex64" }));
    assert.deepEqual([s.eigenvalues.shape, s.eigenvalues.dtype, s.eigenvectors.dtype], [
      [2, 0],
      "float32",
      "complex64",
    ]);
  });
  test("lower-case UPLO is accepted, as numpy", () => {
    assertClose(eigvalsh([[2, NaN], [1, 2]], { UPLO: "l" as never }), [1, 3], 1e-15);
  });
  test("precision single calls ssyevd / cheevd", () => {
    const w = eigvalsh(array([[2, 1], [1, 2]], { dtype: "float32" }), { precision: "single" });
    assert.equal(w.dtype, "float32");
    assertClose(w, [1, 3], 1e-6);
    const { eigenvalues, eigenvectors } = eigh(array([[2, 1], [1, 2]], { dtype: "complex64" }), {
      precision: "single",
    });
    assert.equal(eigenvalues.dtype, "float32");
    assert.equal(eigenvectors.dtype, "complex64");
  });
  test("nothing allocated per matrix: (5000, 4, 4)", () => {
    const c = CASES.find((c) => c.name === "float64 hpd 4x4, other triangle garbage")!;
    const s0 = gufuncStats.scratchAllocations;
    const { eigenvalues } = eigh(stackOf(c.a, new Array(5000).fill(1)));
    assert.ok(gufuncStats.scratchAllocations - s0 <= 1);
    assertClose(eigenvalues.toArray()[4999], c.eigh.wL, 1e-12);
  });
  test("bad UPLO is a TypeError; non-square and 1-D raise LinAlgError", () => {
    assert.throws(() => eigh(identity(2), { UPLO: "X" as never }), {
      name: "TypeError",
      message: 'Invalid UPLO for eigh(): expected "L" or "U", got "X"',
    });
    assert.throws(() => eigvalsh(identity(2), { UPLO: 1 as never }), TypeError);
    assert.throws(() => eigh([[1, 2, 3]]), { name: "LinAlgError", message: /square/ });
    assert.throws(() => eigvalsh([1, 2]), {
      name: "LinAlgError",
      message: /at least two-dimensional/,
    });
    assert.throws(() => eigh(identity(2), { errors: "skip" as never }), TypeError);
  });
  test("NaN on the read triangle: NaN results (as numpy), no crash or hang", () => {
    const { eigenvectors } = eigh([[NaN, 1], [1, 1]], { errors: "nan" });
    assert.ok((eigenvectors.toArray() as number[][]).flat().some(Number.isNaN));
  });
});

describe("eig and eigvals: numpy's answers for every case and layout", () => {
  for (const c of CASES) {
    for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
      test(`${c.name} / ${v.name}`, () => {
        const before = c.a.toArray();
        const tol = tolerance(c) * 100;
        const { eigenvalues: w, eigenvectors: vec } = eig(v.make(c.a));
        const real = c.eig.real && !isComplex(c.dtype);
        if (v.keepsDType) {
          const want = real ? c.dtype : complexDType(c.dtype);
          assert.equal(w.dtype, want);
          assert.equal(vec.dtype, want);
        } else {
          assert.equal(isComplex(w.dtype), !real);
        }
        assert.deepEqual(w.shape, [c.a.shape[0]]);
        assert.deepEqual(vec.shape, c.a.shape);
        const sorted = (x: NDArray) => (x.toArray() as Json[]).map(C).sort(byReIm);
        assertClose(sorted(w), toC(c.eig.sorted), tol, `eig ${c.name}`);
        const wo = eigvals(v.make(c.a));
        assert.equal(wo.dtype, w.dtype);
        assertClose(sorted(wo), toC(c.eig.sorted), tol, `eigvals ${c.name}`);
        assert.deepEqual(c.a.toArray(), before, "input unchanged");
      });
    }
  }
});

describe("eig: A v = v w for every case", () => {
  for (const c of square) {
    test(c.name, () => {
      const { eigenvalues, eigenvectors } = eig(c.a);
      assertEigenpairs(
        c.a.toArray(),
        eigenvalues.toArray(),
        eigenvectors.toArray(),
        tolerance(c) * 100,
        c.name,
      );
    });
  }
});

describe("eig: numpy's real-or-complex rule", () => {
  test("rotation [[0, -1], [1, 0]] gives +i and -i with complex eigenvectors", () => {
    const { eigenvalues, eigenvectors } = eig([[0, -1], [1, 0]]);
    assert.equal(eigenvalues.dtype, "complex128");
    assert.equal(eigenvectors.dtype, "complex128");
    assertClose((eigenvalues.toArray() as Complex[]).sort(byReIm), [{ re: 0, im: -1 }, {
      re: 0,
      im: 1,
    }], 1e-15);
    const v = eigenvectors.toArray() as Complex[][];
    // a conjugate pair has conjugate eigenvectors
    assertClose(v.map((r) => r[1]), v.map((r) => ({ re: r[0].re, im: -r[0].im })), 0);
    assertEigenpairs([[0, -1], [1, 0]], eigenvalues.toArray(), v, 1e-15, "rotation");
    assert.equal(eigvals([[0, -1], [1, 0]]).dtype, "complex128");
  });
  test("a diagonal matrix gives real eigenvalues and the identity as eigenvectors", () => {
    const { eigenvalues, eigenvectors } = eig([[3, 0, 0], [0, -1, 0], [0, 0, 2]]);
    assert.equal(eigenvalues.dtype, "float64");
    assert.deepEqual(eigenvalues.toArray(), [3, -1, 2]);
    assert.deepEqual(eigenvectors.toArray(), identity(3));
    assert.ok(eigenvalues.isCContiguous && eigenvectors.isCContiguous);
  });
  test("float32 gives float32 when real, complex64 otherwise", () => {
    const r = eig(array([[1, 2], [0, 3]], { dtype: "float32" }));
    assert.equal(r.eigenvalues.dtype, "float32");
    assert.equal(r.eigenvectors.dtype, "float32");
    assert.equal(eigvals(array([[0, -1], [1, 0]], { dtype: "float32" })).dtype, "complex64");
    assert.equal(
      eig(array([[0, -1], [1, 0]], { dtype: "float32" }), { precision: "single" }).eigenvectors
        .dtype,
      "complex64",
    );
  });
  test("complex input stays complex, even with a real spectrum", () => {
    const r = eig(array([[2, 0], [0, 3]], { dtype: "complex128" }));
    assert.equal(r.eigenvalues.dtype, "complex128");
    assert.equal(eigvals(array([[2, 0], [0, 3]], { dtype: "complex64" })).dtype, "complex64");
  });
  test("a stack is complex when any item has a complex pair", () => {
    const s = [[[1, 2], [0, 3]], [[0, -1], [1, 0]]];
    const { eigenvalues, eigenvectors } = eig(s);
    assert.equal(eigenvalues.dtype, "complex128");
    assert.equal(eigenvectors.dtype, "complex128");
    const w = eigenvalues.toArray() as Complex[][];
    assertClose(w[0].sort(byReIm), [{ re: 1, im: 0 }, { re: 3, im: 0 }], 1e-15);
    assertEigenpairs(s[0], w[0], (eigenvectors.toArray() as Json)[0], 1e-15, "real item");
    const real = eig([[[1, 2], [0, 3]], [[2, 0], [0, 5]]]);
    assert.equal(real.eigenvalues.dtype, "float64");
    assert.deepEqual(real.eigenvalues.shape, [2, 2]);
  });
  test("complex input: A v = v w", () => {
    const a = [[{ re: 1, im: 1 }, { re: 2, im: 0 }], [{ re: 0, im: -1 }, { re: 3, im: 0.5 }]];
    const { eigenvalues, eigenvectors } = eig(a);
    assertEigenpairs(a, eigenvalues.toArray(), eigenvectors.toArray(), 1e-14, "complex 2x2");
  });
});

describe("eig: stacks", () => {
  for (const c of square) {
    test(`tile3 and tile213: eigvals(kA) = k eigvals(A): ${c.name}`, () => {
      const ks = [1, -2, 3];
      const w = eigvals(stackOf(c.a, ks));
      assert.deepEqual(w.shape, [3, c.a.shape[0]]);
      (w.toArray() as Json[][]).forEach((row, i) => {
        const sorted = row.map(C).sort(byReIm);
        const want = toC(scale(toC(c.eig.sorted), ks[i])).sort(byReIm);
        assertClose(sorted, want, tolerance(c) * 100, c.name);
      });
      const s = stackOf(c.a, [1, 2, 3, 4, 5, 6]).reshape([2, 1, 3, ...c.a.shape]);
      const { eigenvalues, eigenvectors } = eig(s);
      assert.deepEqual(eigenvalues.shape, [2, 1, 3, c.a.shape[0]]);
      assert.deepEqual(eigenvectors.shape, [2, 1, 3, ...c.a.shape]);
      const last = (eigenvectors.toArray() as Json)[1][0][2];
      assertEigenpairs(
        scale(c.a.toArray(), 6),
        (eigenvalues.toArray() as Json)[1][0][2],
        last,
        tolerance(c) * 100,
        c.name,
      );
    });
  }
});

describe("eig and eigvals: edge cases and errors", () => {
  test("0x0 gives real empty results, (0, 3, 3) and (2, 0, 0) keep their shapes", () => {
    const e = eig(zeros([0, 0]));
    assert.deepEqual([e.eigenvalues.shape, e.eigenvalues.dtype, e.eigenvectors.shape], [
      [0],
      "float64",
      [0, 0],
    ]);
    assert.deepEqual(eigvals(zeros([0, 3, 3])).shape, [0, 3]);
    const s = eig(zeros([2, 0, 0], { dtype: "complex64" }));
    assert.deepEqual([s.eigenvalues.shape, s.eigenvalues.dtype], [[2, 0], "complex64"]);
  });
  test("infs and NaNs raise, as numpy", () => {
    assert.throws(() => eig([[NaN, 1], [1, 1]]), {
      name: "LinAlgError",
      message: "Array must not contain infs or NaNs",
    });
    assert.throws(() => eigvals([[{ re: 1, im: Infinity }]]), {
      name: "LinAlgError",
      message: /^Array must not contain infs or NaNs/,
    });
    assert.throws(() => eigvals([identity(2), [[1, 2], [Infinity, 1]]]), {
      name: "LinAlgError",
      message: "Array must not contain infs or NaNs: item 1 of the stack",
    });
  });
  test("errors: nan fills only the failed item (and makes the result complex)", () => {
    const { eigenvalues } = eig([[[2, 0], [0, 3]], [[NaN, 0], [0, 1]]], { errors: "nan" });
    const w = eigenvalues.toArray() as Complex[][];
    assertClose(w[0], [{ re: 2, im: 0 }, { re: 3, im: 0 }], 0);
    assert.ok(w[1].every((z) => Number.isNaN(z.re) && Number.isNaN(z.im)));
  });
  test("non-square and 1-D raise LinAlgError; bad options are TypeErrors", () => {
    assert.throws(() => eig([[1, 2, 3], [4, 5, 6]]), { name: "LinAlgError", message: /square/ });
    assert.throws(() => eigvals([1, 2]), {
      name: "LinAlgError",
      message: /at least two-dimensional/,
    });
    assert.throws(() => eig(identity(2), { precision: "half" as never }), TypeError);
    assert.throws(() => eigvals(identity(2), "x" as never), TypeError);
    // An array after `a` is scipy's `b` (the generalized problem): a 1-D one is refused.
    assert.throws(() => eigvals(identity(2), [] as never), LinAlgError);
  });
  test("nothing allocated per matrix: (5000, 3, 3)", () => {
    const c = CASES.find((c) => c.name === "float64 general 5x5")!;
    const s0 = gufuncStats.scratchAllocations;
    const w = eigvals(stackOf(c.a, new Array(5000).fill(1)));
    assert.ok(gufuncStats.scratchAllocations - s0 <= 1);
    assertClose((w.toArray()[4999] as Json[]).map(C).sort(byReIm), toC(c.eig.sorted), 1e-10);
  });
});

describe("LinAlgError is the error class", () => {
  test("instanceof", () => {
    try {
      eig([[NaN]]);
      assert.fail("no error");
    } catch (e) {
      assert.ok(e instanceof LinAlgError);
    }
  });
});

describe("eig and eigh: messages and forged arrays", () => {
  test("UPLO: the value described, never converted", () => {
    throwsMsg(
      () => eigvalsh(identity(2), { UPLO: "X" as never }),
      TypeError,
      /^Invalid UPLO for eigvalsh\(\): expected "L" or "U", got "X"$/,
    );
    throwsMsg(
      () => eigh(identity(2), { UPLO: deepArray() as never }),
      TypeError,
      /^Invalid UPLO for eigh\(\): expected "L" or "U", got an array$/,
    );
    throwsMsg(() => eigh(identity(2), { UPLO: HOSTILE as never }), TypeError, /got an object$/);
  });
  test("errors option: the value described", () => {
    throwsMsg(
      () => eigh(identity(2), { errors: "skip" as never }),
      TypeError,
      /^Invalid errors option for eigh\(\): expected "raise" or "nan", got "skip"$/,
    );
  });
  for (const f of FORGED) {
    test(`forged input: ${f.name}`, () => {
      throwsMsg(() => eig(f.make()), TypeError, /^Invalid NDArray for operand 0 of eig\(\): /);
      throwsMsg(
        () => eigvals(f.make()),
        TypeError,
        /^Invalid NDArray for operand 0 of eigvals\(\): /,
      );
      throwsMsg(() => eigh(f.make()), TypeError, /^Invalid NDArray for operand 0 of eigh\(\): /);
      throwsMsg(
        () => eigvalsh(f.make()),
        TypeError,
        /^Invalid NDArray for operand 0 of eigvalsh\(\): /,
      );
    });
  }
});
