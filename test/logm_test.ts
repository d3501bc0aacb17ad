// linalg.logm against scipy 1.10 (test/fixtures/logm.json, from scripts/fixtures_logm.py) in
// every layout, with scipy's dtype rule, plus expm(logm(A)) = A, logm(expm(B)) = B, stacks,
// empty input, single precision and errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/logm.json" with { type: "json" };
import { array, linalg, LinAlgError, NDArray, subtract } from "../mod.ts";
import type { DType } from "../src/dtype.ts";
import { isComplex, isSingle } from "../src/dtype.ts";
import { assertClose, LAYOUTS } from "./_cases.ts";

interface Arr {
  dtype: DType;
  shape: number[];
  data: number[];
}
interface Case {
  name: string;
  tags: string[];
  a: Arr;
  real: boolean;
  err: number;
  result: Arr;
}
const decode = (a: Arr) =>
  new NDArray(
    isSingle(a.dtype) ? Float32Array.from(a.data) : Float64Array.from(a.data),
    a.dtype,
    a.shape,
  );
const CASES = (fixture as unknown as { cases: Case[] }).cases;

/** The largest |x - y| over the largest |y| (complex parts count separately). */
function relErr(x: NDArray, y: NDArray): number {
  const a = x.astype(isComplex(x.dtype) || isComplex(y.dtype) ? "complex128" : "float64").data;
  const b = y.astype(isComplex(x.dtype) || isComplex(y.dtype) ? "complex128" : "float64").data;
  let err = 0, scale = 1e-300;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

/** The dtype scipy's rule gives dlapack: real input stays real when scipy's result is real. */
function expectedDType(input: DType, real: boolean): DType {
  if (isComplex(input) || !real) return isSingle(input) ? "complex64" : "complex128";
  return input;
}

describe("logm: scipy's answers for every case and layout", () => {
  for (const c of CASES) {
    const a = decode(c.a);
    const want = decode(c.result);
    const single = isSingle(a.dtype);
    const tol = (single ? 2e-5 : 1e-10) * (c.tags.includes("nearlydefective") ? 100 : 1);
    for (const v of LAYOUTS.filter((v) => v.applies(a))) {
      test(`${c.name} / ${v.name}`, () => {
        const made = v.make(a);
        const before = made instanceof NDArray ? Array.from(made.data) : JSON.stringify(made);
        const r = linalg.logm(made);
        assert.deepEqual(r.shape, want.shape);
        const input: DType = v.keepsDType
          ? a.dtype as DType
          : isComplex(a.dtype)
          ? "complex128"
          : "float64";
        assert.equal(r.dtype, expectedDType(input, c.real));
        assertClose(r, want.toArray(), tol, c.name);
        assert.deepEqual(
          made instanceof NDArray ? Array.from(made.data) : JSON.stringify(made),
          before,
          "input unchanged",
        );
      });
    }
  }
});

describe("logm: identities", () => {
  test("expm(logm(A)) = A on every fixture", () => {
    for (const c of CASES) {
      const a = decode(c.a);
      const back = linalg.expm(linalg.logm(a));
      const err = relErr(back, a);
      const tol = isSingle(a.dtype) ? 1e-5 : c.tags.includes("nearlydefective") ? 1e-8 : 1e-11;
      assert.ok(err <= tol, `${c.name}: relative error ${err}`);
    }
  });

  test("logm(expm(B)) = B for small-norm B, real and complex, on a stack", () => {
    let s = 12345;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
    for (const dtype of ["float64", "complex128", "float32", "complex64"] as const) {
      const n = 5, items = 3;
      const f = isComplex(dtype) ? 2 : 1;
      const data = Array.from({ length: items * n * n * f }, () => rnd() * 0.8);
      const b = new NDArray(
        isSingle(dtype) ? Float32Array.from(data) : Float64Array.from(data),
        dtype,
        [items, n, n],
      );
      const x = linalg.logm(linalg.expm(b));
      assert.equal(x.dtype, dtype);
      const err = relErr(x, b);
      assert.ok(err <= (isSingle(dtype) ? 1e-5 : 1e-12), `${dtype}: relative error ${err}`);
    }
  });

  test("a stack equals its items; one complex item makes the whole stack complex", () => {
    const items = [[[4, 1], [2, 3]], [[2, 0], [0, 0.5]], [[-1, 2], [0, 3]]];
    const all = linalg.logm(items);
    assert.equal(all.dtype, "complex128");
    for (let i = 0; i < 3; i++) {
      const one = linalg.logm(items[i]).astype("complex128");
      assert.ok(relErr(all.slice(i), one) <= 1e-15, `item ${i}`);
    }
    const realStack = linalg.logm(array(items.slice(0, 2)).reshape([2, 1, 2, 2]));
    assert.equal(realStack.dtype, "float64");
    assert.deepEqual(realStack.shape, [2, 1, 2, 2]);
  });

  test("the identity gives zero; a diagonal matrix gives its entries' logarithms", () => {
    assert.deepEqual(linalg.logm([[1, 0], [0, 1]]).toArray(), [[0, 0], [0, 0]]);
    const d = linalg.logm([[Math.E, 0, 0], [0, 2, 0], [0, 0, 0.25]]).toArray() as number[][];
    assert.ok(Math.abs(d[0][0] - 1) < 1e-15 && Math.abs(d[1][1] - Math.LN2) < 1e-15);
    assert.ok(Math.abs(d[2][2] + 2 * Math.LN2) < 1e-15 && d[0][1] === 0 && d[2][0] === 0);
  });
});

describe("logm: dtypes, empty input, errors", () => {
  test("precision single computes in float32 and complex64", () => {
    const a = array([[4, 1, 0], [1, 5, 1], [0, 1, 6]], { dtype: "float32" });
    const x = linalg.logm(a, { precision: "single" });
    assert.equal(x.dtype, "float32");
    assert.ok(relErr(x, linalg.logm(a.astype("float64"))) < 1e-5);
    const c = linalg.logm(a.astype("complex64"), { precision: "single" });
    assert.equal(c.dtype, "complex64");
    assert.equal(linalg.logm([[-1, 0], [0, 1]], { precision: "single" }).dtype, "complex128");
  });

  test("empty matrices and empty stacks", () => {
    for (const shape of [[0, 0], [3, 0, 0], [0, 2, 2]]) {
      const e = new NDArray(new Float64Array(shape[0] * 0), "float64", shape);
      const r = linalg.logm(e);
      assert.deepEqual(r.shape, shape);
      assert.equal(r.dtype, "float64");
    }
  });

  test("a singular matrix is a LinAlgError naming the item; errors: 'nan' gives NaN", () => {
    assert.throws(
      () => linalg.logm([[1, 2], [0, 0]]),
      (e: Error) =>
        e instanceof LinAlgError && /^The logm input matrix is exactly singular/.test(e.message),
    );
    assert.throws(
      () => linalg.logm([[[1, 0], [0, 1]], [[1, 2], [2, 4]]]),
      (e: Error) => e instanceof LinAlgError && /item 1 of the stack/.test(e.message),
    );
    const n = linalg.logm([[[1, 0], [0, 1]], [[0, 0], [0, 1]]], { errors: "nan" });
    assert.equal(n.dtype, "complex128");
    assert.ok(Number.isNaN(n.data[8]) && n.data[0] === 0);
  });

  test("bad input: NaN, non-square, 1-D, unknown options", () => {
    assert.throws(
      () => linalg.logm([[1, NaN], [0, 1]]),
      (e: Error) => e instanceof LinAlgError && /infs or NaNs/.test(e.message),
    );
    assert.throws(
      () => linalg.logm([[1, 2, 3], [4, 5, 6]]),
      (e: Error) => e instanceof LinAlgError && /square.*\(2, 3\)/.test(e.message),
    );
    assert.throws(() => linalg.logm([1, 2]), LinAlgError);
    assert.throws(() => linalg.logm([[1]], { disp: false } as never), TypeError);
  });

  test("linalg.async.logm gives the synchronous result", async () => {
    const a = [[1, 3], [1, 4]];
    // Registered for linalg.async (untyped there, as sqrtm).
    const run = linalg.async as unknown as Record<string, (a: unknown) => Promise<NDArray>>;
    const x = await run.logm(a);
    assert.deepEqual(x.toArray(), linalg.logm(a).toArray());
  });

  test("the result of a large spread of eigenvalues stays accurate", () => {
    const a = array([[1e-6, 1], [0, 1e6]]);
    const x = linalg.logm(a);
    const back = linalg.expm(x);
    assert.ok(relErr(back, a) < 1e-10);
    assert.ok(Math.abs((x.toArray() as number[][])[0][0] - Math.log(1e-6)) < 1e-13);
    assert.ok(Math.abs(subtract(x, x).data[0]) === 0);
  });
});
