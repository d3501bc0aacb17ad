// schur, rsf2csf and hessenberg against scipy 1.10 (test/fixtures/schur.json from
// scripts/fixtures_schur.py) in every layout: Schur forms are not unique, so schur is checked
// by its eigenvalues and the identities A = Z T Zᴴ, Zᴴ Z = I and the shape of T; rsf2csf and
// hessenberg (deterministic) entry by entry. Stacks, empty input, errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/schur.json" with { type: "json" };
import { array, linalg, LinAlgError, NDArray } from "../mod.ts";
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
const CASES: any[] = (fixture as any).cases;

type C = [number, number];
/** An n x n matrix (last two axes of item `k` of a stack) as complex pairs, row-major. */
function mat(x: NDArray, k = 0): C[][] {
  const n = x.shape[x.ndim - 1];
  const f = isComplex(x.dtype) ? 2 : 1;
  const c = x.copy();
  const out: C[][] = [];
  for (let i = 0; i < n; i++) {
    out.push([]);
    for (let j = 0; j < n; j++) {
      const p = (k * n * n + i * n + j) * f;
      out[i].push([c.data[p], f === 2 ? c.data[p + 1] : 0]);
    }
  }
  return out;
}
const mul = (a: C[][], b: C[][]): C[][] =>
  a.map((row) =>
    b[0].map((_, j) =>
      row.reduce<C>(
        (
          s,
          x,
          l,
        ) => [
          s[0] + x[0] * b[l][j][0] - x[1] * b[l][j][1],
          s[1] + x[0] * b[l][j][1] + x[1] * b[l][j][0],
        ],
        [0, 0],
      )
    )
  );
const ct = (a: C[][]): C[][] => a[0].map((_, j) => a.map((row): C => [row[j][0], -row[j][1]]));
const eye = (n: number): C[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): C => [i === j ? 1 : 0, 0]));
function near(a: C[][], b: C[][], tol: number, what: string) {
  const scale = Math.max(1, ...b.flat().map((v) => Math.hypot(v[0], v[1])));
  a.forEach((row, i) =>
    row.forEach((v, j) => {
      const d = Math.hypot(v[0] - b[i][j][0], v[1] - b[i][j][1]);
      assert.ok(d <= tol * scale, `${what}: (${i}, ${j}) off by ${d}`);
    })
  );
}
/** The eigenvalues of a (quasi-)triangular T, sorted as the fixture. */
function eigsOf(t: C[][]): C[] {
  const n = t.length, out: C[] = [];
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && t[i + 1][i][0] !== 0 && t[i + 1][i][1] === 0 && t[i][i][1] === 0) {
      const [a, b, c, d] = [t[i][i][0], t[i][i + 1][0], t[i + 1][i][0], t[i + 1][i + 1][0]];
      const h = (a - d) / 2, disc = h * h + b * c;
      const s = Math.sqrt(Math.abs(disc));
      if (disc < 0) out.push([(a + d) / 2, s], [(a + d) / 2, -s]);
      else out.push([(a + d) / 2 + s, 0], [(a + d) / 2 - s, 0]);
      i++;
    } else out.push(t[i][i]);
  }
  const r = (x: number) => Math.round(x * 1e8) / 1e8;
  return out.sort((p, q) => r(p[0]) - r(q[0]) || r(p[1]) - r(q[1]));
}

function checkSchur(a: NDArray, T: NDArray, Z: NDArray, complexForm: boolean, tol: number, k = 0) {
  const A = mat(a, k), t = mat(T, k), z = mat(Z, k);
  const n = A.length;
  near(mul(ct(z), z), eye(n), tol, "Zᴴ Z");
  near(mul(mul(z, t), ct(z)), A, tol, "Z T Zᴴ");
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i - (complexForm ? 0 : 1); j++) assert.deepEqual(t[i][j], [0, 0]);
    if (!complexForm && i > 0 && i + 1 < n) {
      assert.ok(t[i][i - 1][0] === 0 || t[i + 1][i][0] === 0, "no two adjacent subdiagonals");
    }
  }
}

describe("schur, rsf2csf, hessenberg: scipy's answers for every case and layout", () => {
  for (const c of CASES) {
    const a = decode(c.a);
    const tol = isSingle(a.dtype) ? 2e-5 : 1e-12;
    for (const v of LAYOUTS.filter((v) => v.applies(a))) {
      test(`${c.name} / ${v.name}`, () => {
        const x = v.make(a);
        const before = x instanceof NDArray ? Array.from(x.data) : JSON.stringify(x);
        for (const output of ["real", "complex"] as const) {
          const { T, Z } = linalg.schur(x, { output });
          if (v.keepsDType) {
            assert.equal(
              T.dtype,
              output === "complex" && !isComplex(a.dtype)
                ? (isSingle(a.dtype) ? "complex64" : "complex128")
                : a.dtype,
            );
          }
          const cf = output === "complex" || isComplex(a.dtype);
          checkSchur(a, T, Z, cf, tol);
          const got = eigsOf(mat(T));
          const e = decode(c.eigs).data;
          const want = got.map((_, k): C => [e[2 * k], e[2 * k + 1]]);
          near([got], [want], tol * 10, "eigenvalues");
        }
        const h = linalg.hessenberg(x);
        assertClose(h.H, decode(c.hessenberg.H).toArray(), tol, "H");
        // scipy's Q for n <= 2 is a float64 identity, whatever the input.
        assertClose(h.Q, decode(c.hessenberg.Q).astype(h.Q.dtype).toArray(), tol, "Q");
        assert.deepEqual(linalg.hessenberg(x, { calcQ: false }).H.shape, h.H.shape);
        if (c.rsf !== undefined) {
          const r = linalg.rsf2csf(decode(c.rsf.T), decode(c.rsf.Z));
          assertClose(r.T, decode(c.csf.T).toArray(), tol, "rsf2csf T");
          assertClose(r.Z, decode(c.csf.Z).toArray(), tol, "rsf2csf Z");
        }
        assert.deepEqual(x instanceof NDArray ? Array.from(x.data) : JSON.stringify(x), before);
      });
    }
  }
});

describe("schur, rsf2csf, hessenberg: stacks, empty input, errors", () => {
  const stack = array([
    [[[1, 2, 3], [-4, 5, 6], [7, -8, 10]], [[0, -1, 0], [1, 0, 0], [0, 0, 2]]],
  ]);
  test("a stack: each item its own decomposition", () => {
    const { T, Z } = linalg.schur(stack);
    assert.deepEqual(T.shape, [1, 2, 3, 3]);
    for (const k of [0, 1]) checkSchur(stack, T, Z, false, 1e-12, k);
    const c = linalg.rsf2csf(T, Z);
    for (const k of [0, 1]) checkSchur(stack, c.T, c.Z, true, 1e-12, k);
    const h = linalg.hessenberg(stack, { precision: "single" });
    assert.equal(h.H.dtype, "float64");
    const h32 = linalg.hessenberg(stack.astype("float32"), { precision: "single" });
    assert.equal(h32.Q.dtype, "float32");
  });
  test("empty matrices and empty stacks", () => {
    assert.deepEqual(linalg.schur(new NDArray(new Float64Array(0), "float64", [0, 0])).T.shape, [
      0,
      0,
    ]);
    assert.deepEqual(linalg.schur(new NDArray(new Float64Array(0), "float64", [0, 3, 3])).Z.shape, [
      0,
      3,
      3,
    ]);
    assert.deepEqual(
      linalg.hessenberg(new NDArray(new Float64Array(0), "float64", [2, 0, 0])).Q.shape,
      [2, 0, 0],
    );
    const e = new NDArray(new Float64Array(0), "float64", [0, 0]);
    assert.equal(linalg.rsf2csf(e, e).T.dtype, "complex128");
  });
  test("errors name the item of the stack, in scipy's words", () => {
    const bad = array([[[1, 0], [0, 1]], [[NaN, 0], [0, 1]]]);
    assert.throws(
      () => linalg.schur(bad),
      (e: Error) =>
        e instanceof LinAlgError && /infs or NaNs/.test(e.message) && /1/.test(e.message),
    );
    assert.throws(() => linalg.hessenberg(bad), LinAlgError);
    const r = linalg.schur(bad, { errors: "nan" });
    assert.ok(Number.isNaN((r.T.toArray() as number[][][])[1][0][0]));
    assert.throws(() => linalg.schur([[1, 2, 3]]), LinAlgError);
    assert.throws(() => linalg.schur([[1]], { output: "x" as "real" }), TypeError);
    assert.throws(() => linalg.schur([[1]], { sort: "lhp" } as never), TypeError);
    assert.throws(() => linalg.hessenberg([[1]], { calcQ: 1 as never }), TypeError);
    assert.throws(() => linalg.rsf2csf([[1, 2], [3, 4]], [[1]]), RangeError);
  });
  test("the input is never changed", () => {
    const a = array([[1, 2], [3, 4]]);
    linalg.schur(a);
    linalg.hessenberg(a);
    assert.deepEqual(a.toArray(), [[1, 2], [3, 4]]);
  });
  test("linalg.async runs them", async () => {
    const { T } =
      await (linalg.async as unknown as Record<string, (a: ArrayLike) => Promise<{ T: NDArray }>>)
        .schur([[2, 0], [0, 3]]);
    assert.deepEqual(T.toArray(), [[2, 0], [0, 3]]);
  });
});

describe("qz: scipy's generalized eigenvalues, Q AA Zᴴ = A, Q BB Zᴴ = B", () => {
  // deno-lint-ignore no-explicit-any
  for (const c of (fixture as any).qz) {
    const a = decode(c.a), b = decode(c.b);
    const tol = isSingle(a.dtype) ? 2e-5 : 1e-12;
    for (const v of LAYOUTS.filter((v) => v.applies(a))) {
      test(`${c.name} / ${v.name}`, () => {
        for (const output of ["real", "complex"] as const) {
          const r = linalg.qz(v.make(a), v.make(b), { output });
          const [A, B, AA, BB, Q, Z] = [a, b, r.AA, r.BB, r.Q, r.Z].map((x) => mat(x));
          const n = A.length;
          near(mul(ct(Q), Q), eye(n), tol, "Qᴴ Q");
          near(mul(ct(Z), Z), eye(n), tol, "Zᴴ Z");
          near(mul(mul(Q, AA), ct(Z)), A, tol * 10, "Q AA Zᴴ");
          near(mul(mul(Q, BB), ct(Z)), B, tol * 10, "Q BB Zᴴ");
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < i; j++) assert.deepEqual(BB[i][j], [0, 0]);
          }
          if (output === "complex" || isComplex(a.dtype)) {
            const w = AA.map((row, i): C => {
              const [p, q] = [row[i], BB[i][i]];
              const d = q[0] * q[0] + q[1] * q[1];
              return [(p[0] * q[0] + p[1] * q[1]) / d, (p[1] * q[0] - p[0] * q[1]) / d];
            });
            const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
            w.sort((p, q) => r6(p[0]) - r6(q[0]) || r6(p[1]) - r6(q[1]));
            const e = decode(c.eigs).data;
            const want = w.map((_, k): C => [e[2 * k], e[2 * k + 1]]);
            near([w], [want], tol * 1e3, "generalized eigenvalues");
          }
        }
      });
    }
  }
  test("stacks broadcast, errors", () => {
    const r = linalg.qz(array([[[1, 2], [3, 4]], [[0, 1], [-1, 0]]]), [[1, 0], [0, 2]]);
    assert.deepEqual(r.Q.shape, [2, 2, 2]);
    assert.throws(() => linalg.qz([[NaN]], [[1]]), LinAlgError);
    assert.throws(() => linalg.qz([[1]], [[1, 2], [3, 4]]), RangeError);
    assert.throws(() => linalg.qz([[1]], [[1]], { output: "x" as "real" }), TypeError);
    const e = new NDArray(new Float64Array(0), "float64", [0, 0]);
    assert.deepEqual(linalg.qz(e, e).Z.shape, [0, 0]);
  });
});

describe("ordqz: the selected eigenvalues first, same pencil, scipy's eigenvalues", () => {
  const pick: Record<string, (re: number, im: number) => boolean> = {
    lhp: (re) => re < 0,
    rhp: (re) => re > 0,
    iuc: (re, im) => Math.hypot(re, im) < 1,
    ouc: (re, im) => Math.hypot(re, im) > 1,
  };
  // deno-lint-ignore no-explicit-any
  for (const c of (fixture as any).qz) {
    const a = decode(c.a), b = decode(c.b);
    const tol = isSingle(a.dtype) ? 2e-5 : 1e-12;
    test(c.name, () => {
      for (const sort of ["lhp", "rhp", "iuc", "ouc"] as const) {
        const r = linalg.ordqz(a, b, { sort });
        const [A, B, AA, BB, Q, Z] = [a, b, r.AA, r.BB, r.Q, r.Z].map((x) => mat(x));
        near(mul(mul(Q, AA), ct(Z)), A, tol * 10, "Q AA Zᴴ");
        near(mul(mul(Q, BB), ct(Z)), B, tol * 10, "Q BB Zᴴ");
        const al = r.alpha.data, be = r.beta.data, fb = isComplex(r.beta.dtype) ? 2 : 1;
        const w = Array.from({ length: A.length }, (_, k): C => {
          const [p, q] = [[al[2 * k], al[2 * k + 1]], [be[fb * k], fb === 2 ? be[fb * k + 1] : 0]];
          const d = q[0] * q[0] + q[1] * q[1];
          return [(p[0] * q[0] + p[1] * q[1]) / d, (p[1] * q[0] - p[0] * q[1]) / d];
        });
        const flags = w.map(([re, im]) => pick[sort](re, im));
        const first = flags.indexOf(false);
        if (first >= 0) assert.ok(flags.slice(first).every((f) => !f), `${sort}: ${flags}`);
        const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
        w.sort((p, q) => r6(p[0]) - r6(q[0]) || r6(p[1]) - r6(q[1]));
        const e = decode(c.eigs).data;
        near([w], [w.map((_, k): C => [e[2 * k], e[2 * k + 1]])], tol * 1e3, "eigenvalues");
      }
    });
  }
  test("stacks, errors", () => {
    const r = linalg.ordqz(array([[[2, 0], [0, -3]], [[-1, 0], [0, 5]]]), [[1, 0], [0, 1]]);
    const aa = r.AA.toArray() as number[][][];
    assert.ok(aa[0][0][0] < 0 && aa[1][0][0] < 0);
    assert.equal(r.alpha.dtype, "complex128");
    assert.throws(() => linalg.ordqz([[1]], [[1]], { sort: "x" as "lhp" }), TypeError);
    assert.throws(() => linalg.ordqz([[Infinity]], [[1]]), LinAlgError);
  });
});
