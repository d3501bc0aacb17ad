import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/svd.json" with { type: "json" };
import type { Complex, DType } from "../src/dtype.ts";
import { allocData, isComplex, isSingle, realDType, resultType } from "../src/dtype.ts";
import { array, NDArray, zeros } from "../src/ndarray.ts";
import { LinAlgError } from "../src/errors.ts";
import { lstsq } from "../src/linalg/lstsq.ts";
import {
  assertClose,
  deepArray,
  forge,
  FORGED,
  LAYOUTS,
  numbers,
  pairsToComplex as pairs,
  throwsMsg,
} from "./_cases.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

interface LstsqCase {
  name: string;
  tags: string[];
  dtype: DType;
  bdtype: DType;
  a: NDArray;
  b: NDArray;
  x: Json;
  residuals: number[];
  rank: number;
  s: number[];
  rcond?: number;
}

function make(x: Json, dtype: DType, shape: number[]): NDArray {
  if (shape.reduce((p, d) => p * d, 1) === 0) return new NDArray(allocData(dtype, 0), dtype, shape);
  return array(isComplex(dtype) ? pairs(numbers(x), shape.length) : numbers(x), { dtype });
}

const CASES: LstsqCase[] = (fixture as Json).lstsq.map((c: Json) => {
  const xdtype = resultType(c.dtype, c.bdtype);
  const xshape = c.bshape.length === 1 ? [c.ashape[1]] : [c.ashape[1], c.bshape[1]];
  const x = xshape.reduce((p: number, d: number) => p * d, 1) === 0
    ? numbers(c.x)
    : isComplex(xdtype)
    ? pairs(numbers(c.x), xshape.length)
    : numbers(c.x);
  return {
    ...c,
    a: make(c.a, c.dtype, c.ashape),
    b: make(c.b, c.bdtype, c.bshape),
    x,
    residuals: numbers(c.residuals),
    s: numbers(c.s),
  };
});

const tol = (c: LstsqCase) => {
  const base = isSingle(resultType(c.dtype, c.bdtype)) ? 2e-6 : 1e-11;
  return c.tags.includes("deficient") && isSingle(c.dtype) ? base * 100 : base;
};

const cx = (v: Json): Complex => (typeof v === "number" ? { re: v, im: 0 } : v);

/** A^H (b - A x): zero at a least-squares solution. Returns its largest modulus and the scale. */
function normalEquations(a: Json[][], b: Json, x: Json): { err: number; scale: number } {
  const m = a.length;
  const n = a[0].length;
  const cols = Array.isArray(b[0]) ? b[0].length : 1;
  const at = (v: Json, i: number, j: number) => cx(Array.isArray(v[0]) ? v[i][j] : v[i]);
  let err = 0;
  let na = 0;
  let nb = 0;
  for (const row of a) for (const v of row) na = Math.max(na, Math.hypot(cx(v).re, cx(v).im));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < cols; j++) nb = Math.max(nb, Math.hypot(at(b, i, j).re, at(b, i, j).im));
  }
  for (let j = 0; j < cols; j++) {
    const r: Complex[] = [];
    for (let i = 0; i < m; i++) {
      let re = at(b, i, j).re;
      let im = at(b, i, j).im;
      for (let k = 0; k < n; k++) {
        const p = cx(a[i][k]);
        const q = at(x, k, j);
        re -= p.re * q.re - p.im * q.im;
        im -= p.re * q.im + p.im * q.re;
      }
      r.push({ re, im });
    }
    for (let k = 0; k < n; k++) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < m; i++) {
        const p = cx(a[i][k]);
        re += p.re * r[i].re + p.im * r[i].im;
        im += p.re * r[i].im - p.im * r[i].re;
      }
      err = Math.max(err, Math.hypot(re, im));
    }
  }
  return { err, scale: na * na * nb * m };
}

describe("lstsq: numpy's answers for every case and layout", () => {
  for (const c of CASES) {
    for (const v of LAYOUTS.filter((v) => v.applies(c.a) && v.applies(c.b))) {
      test(`${c.name} / ${v.name}`, () => {
        const a0 = c.a.toArray();
        const b0 = c.b.toArray();
        const opts = c.rcond === undefined ? undefined : { rcond: c.rcond };
        const { x, residuals, rank, s } = lstsq(v.make(c.a), v.make(c.b), opts);
        const xdtype = resultType(c.dtype, c.bdtype);
        if (v.keepsDType) {
          assert.equal(x.dtype, xdtype);
          assert.equal(residuals.dtype, realDType(xdtype));
          assert.equal(s.dtype, realDType(xdtype));
        }
        assert.equal(rank, c.rank, "rank");
        assert.deepEqual(x.shape, c.b.ndim === 1 ? [c.a.shape[1]] : [c.a.shape[1], c.b.shape[1]]);
        assertClose(x, c.x, tol(c), `x ${c.name}`);
        assertClose(s, c.s, tol(c), `s ${c.name}`);
        assert.deepEqual(residuals.shape, [c.residuals.length]);
        const bscale = Math.max(
          1,
          ...(b0.flat
            ? (b0 as Json[]).flat().map((z: Json) => Math.hypot(cx(z).re, cx(z).im) ** 2)
            : []),
        );
        residuals.toArray().forEach((r: number, i: number) => {
          assert.ok(
            Math.abs(r - c.residuals[i]) <= tol(c) * Math.max(bscale, c.residuals[i]) * 10,
            `residual ${i}: ${r} vs ${c.residuals[i]}`,
          );
        });
        assert.deepEqual(c.a.toArray(), a0, "a unchanged");
        assert.deepEqual(c.b.toArray(), b0, "b unchanged");
      });
    }
  }
});

describe("lstsq: the solution satisfies the normal equations A^H (b - A x) = 0", () => {
  // (float32 rank-deficient cases are full rank by round-off, with x ~ 1e8: its rounding to
  // float32 alone breaks the equations)
  for (
    const c of CASES.filter((c) =>
      c.a.size > 0 && c.b.size > 0 && !(isSingle(c.dtype) && c.tags.includes("deficient"))
    )
  ) {
    test(c.name, () => {
      const { x } = lstsq(c.a, c.b, c.rcond === undefined ? undefined : { rcond: c.rcond });
      if (c.rcond !== undefined && c.rcond > 1e-10) return; // a truncated SVD is not a least-squares solution of A
      const { err, scale } = normalEquations(c.a.toArray(), c.b.toArray(), x.toArray());
      assert.ok(err <= (isSingle(x.dtype) ? 1e-5 : 1e-12) * scale, `${err} vs ${scale}`);
    });
  }
});

describe("lstsq: numpy's documented behaviour", () => {
  test("the docs example: y = m t + c through four points", () => {
    const t = [0, 1, 2, 3];
    const { x, residuals, rank, s } = lstsq(t.map((v) => [v, 1]), [-1, 0.2, 0.9, 2.1]);
    assertClose(x, [1, -0.95], 1e-14);
    assertClose(residuals, [0.05], 1e-12);
    assert.equal(rank, 2);
    assert.deepEqual(s.shape, [2]);
  });
  test("rank-deficient: the minimum-norm solution, residuals empty", () => {
    // columns 1 and 2 equal: x1 + x2 is determined, the minimum norm splits it evenly
    const { x, residuals, rank } = lstsq([[1, 1, 0], [1, 1, 0], [0, 0, 1], [1, 1, 1]], [
      2,
      2,
      1,
      3,
    ]);
    assert.equal(rank, 2);
    assertClose(x, [1, 1, 1], 1e-12);
    assert.deepEqual(residuals.shape, [0]);
    assert.equal(residuals.dtype, "float64");
  });
  test("underdetermined: residuals empty even at full rank (M <= N)", () => {
    const { x, residuals, rank } = lstsq([[1, 1]], [2]);
    assertClose(x, [1, 1], 1e-14);
    assert.equal(rank, 1);
    assert.deepEqual(residuals.shape, [0]);
  });
  test("a vector b gives residuals of shape (1) (numpy does not squeeze them)", () => {
    const { residuals } = lstsq([[1], [1]], [1, 3]);
    assert.deepEqual(residuals.shape, [1]);
    assertClose(residuals, [2], 1e-15);
  });
  test("rcond cuts small singular values; negative rcond means machine precision", () => {
    const a = [[1, 0], [0, 1e-8], [0, 0]];
    assert.equal(lstsq(a, [1, 1, 0]).rank, 2);
    assert.equal(lstsq(a, [1, 1, 0], { rcond: 1e-6 }).rank, 1);
    assert.equal(lstsq(a, [1, 1, 0], { rcond: -1 }).rank, 2);
    assertClose(lstsq(a, [1, 1, 0], { rcond: 1e-6 }).x, [1, 0], 1e-14);
  });
  test("complex b with real a", () => {
    const { x } = lstsq([[2, 0], [0, 4], [0, 0]], [{ re: 2, im: 2 }, { re: 4, im: 0 }, {
      re: 0,
      im: 0,
    }]);
    assert.equal(x.dtype, "complex128");
    assertClose(x, [{ re: 1, im: 1 }, { re: 1, im: 0 }], 1e-15);
  });
  test("float32 is computed in double and rounded; precision single calls the s routines", () => {
    const a = array([[1, 0], [0, 1], [1, 1]], { dtype: "float32" });
    const b = array([1, 2, 3], { dtype: "float32" });
    assert.equal(lstsq(a, b).x.dtype, "float32");
    const r = lstsq(a, b, { precision: "single" });
    assert.equal(r.x.dtype, "float32");
    assertClose(r.x, [1, 2], 1e-6);
  });
  test("the same shape twice reuses the kernel (workspace queried once)", () => {
    const a = [[1, 2], [3, 4], [5, 7]];
    const first = lstsq(a, [1, 2, 3]).x.toArray();
    assert.deepEqual(lstsq(a, [1, 2, 3]).x.toArray(), first);
  });
});

describe("lstsq: empty inputs (numpy's shapes)", () => {
  test("no right-hand sides: x (N, 0), residuals (0), s still computed", () => {
    const { x, residuals, rank, s } = lstsq([[1, 0], [0, 2], [0, 0]], zeros([3, 0]));
    assert.deepEqual(x.shape, [2, 0]);
    assert.deepEqual(residuals.shape, [0]);
    assert.equal(rank, 2);
    assertClose(s, [2, 1], 1e-15);
  });
  test("N = 0: x empty, rank 0, residuals |b|^2", () => {
    const { x, residuals, rank, s } = lstsq(zeros([3, 0]), [1, 1, 1]);
    assert.deepEqual(x.shape, [0]);
    assert.equal(rank, 0);
    assert.deepEqual(residuals.toArray(), [3]);
    assert.deepEqual(s.shape, [0]);
  });
  test("M = 0: x zeros", () => {
    const { x, residuals, rank } = lstsq(zeros([0, 3]), zeros([0, 2]));
    assert.deepEqual(x.toArray(), [[0, 0], [0, 0], [0, 0]]);
    assert.deepEqual(residuals.shape, [0]);
    assert.equal(rank, 0);
  });
});

describe("lstsq: errors", () => {
  test("stacks are taken (numpy 2's broadcasting rule); a must be at least 2-D", () => {
    assert.deepEqual(lstsq(zeros([2, 3, 2]), zeros([3])).x.shape, [2, 2]);
    assert.deepEqual(lstsq(zeros([3, 2]), zeros([2, 3, 1])).x.shape, [2, 2, 1]);
    assert.throws(() => lstsq(zeros([2, 3, 2]), zeros([2, 2])), {
      name: "LinAlgError",
      message: "Incompatible dimensions: a has 3 rows, b has 2",
    });
    assert.throws(() => lstsq([1, 2], [1, 2]), {
      name: "LinAlgError",
      message: /^1-dimensional array given\. Array must be at least two-dimensional/,
    });
  });
  test("incompatible dimensions", () => {
    assert.throws(() => lstsq(zeros([3, 2]), zeros([4])), {
      name: "LinAlgError",
      message: /^Incompatible dimensions/,
    });
  });
  test("NaN or infinity: SVD did not converge in Linear Least Squares", () => {
    assert.throws(() => lstsq([[NaN, 1], [1, 1]], [1, 1]), {
      name: "LinAlgError",
      message: "SVD did not converge in Linear Least Squares: a or b contains NaN or infinity",
    });
    assert.throws(() => lstsq([[1, 1], [1, 2]], [Infinity, 1]), LinAlgError);
  });
  test("bad options", () => {
    assert.throws(() => lstsq([[1]], [1], 3 as never), TypeError);
    assert.throws(() => lstsq([[1]], [1], { rcond: "1e-3" as never }), TypeError);
    assert.throws(() => lstsq([[1]], [1], { precision: "half" as never }), TypeError);
  });
});

describe("lstsq: messages and forged arrays", () => {
  test("rcond: the value described, never converted", () => {
    throwsMsg(
      () => lstsq([[1]], [1], { rcond: "1e-3" as never }),
      TypeError,
      /^Invalid rcond for lstsq\(\): expected a number, got "1e-3"$/,
    );
    throwsMsg(() => lstsq([[1]], [1], { rcond: deepArray() as never }), TypeError, /got an array$/);
  });
  test("options not an object", () => {
    throwsMsg(
      () => lstsq([[1]], [1], 3 as never),
      TypeError,
      /^Invalid options for lstsq\(\): expected an object, got number$/,
    );
  });
  test("forged a: operand 0", () => {
    for (const f of FORGED) {
      throwsMsg(
        () => lstsq(f.make(), [1, 2]),
        TypeError,
        /^Invalid NDArray for operand 0 of lstsq\(\): /,
      );
    }
  });
  test("forged b: operand 1", () => {
    const b = forge({
      shape: [-1],
      strides: [1],
      offset: 0,
      dtype: "float64",
      data: new Float64Array(2),
    });
    throwsMsg(
      () => lstsq([[1], [1]], b),
      TypeError,
      /^Invalid NDArray for operand 1 of lstsq\(\): dimension 0 is -1/,
    );
  });
});
