// ldl against scipy 1.10's answers (test/fixtures/ldl.json) in every layout, plus the identity
// A = lu d luᴴ, stacks with broadcasting, empty matrices, single precision and errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { array, linalg, LinAlgError, NDArray } from "../mod.ts";
import type { ArrayLike } from "../mod.ts";
import { checkAgainstScipy } from "./_ldl_fixture.ts";
import { assertClose } from "./_cases.ts";

checkAgainstScipy("ldl", ([a], o) => ({ ...linalg.ldl(a, o) }));

/** lu @ d @ luᴴ (luᵀ when not Hermitian). */
function rebuild(lu: NDArray, d: NDArray, hermitian: boolean): NDArray {
  const t = linalg.matrixTranspose(lu);
  return linalg.matmul(linalg.matmul(lu, d), hermitian ? t.conj() : t);
}

function sample(shape: number[], dtype: "float32" | "float64" | "complex64" | "complex128") {
  const n = shape.reduce((p, d) => p * d, 1);
  const cx = dtype.startsWith("complex");
  const vals = Array.from({ length: n * (cx ? 2 : 1) }, (_, i) => Math.sin(i * i * 0.53 + 0.3) * 2);
  const single = dtype === "float32" || dtype === "complex64";
  const data = single ? Float32Array.from(vals) : Float64Array.from(vals);
  return new NDArray(data, dtype, shape);
}

describe("identities", () => {
  for (const dtype of ["float32", "float64", "complex64", "complex128"] as const) {
    for (const hermitian of dtype.startsWith("complex") ? [true, false] : [true]) {
      for (const lower of [true, false]) {
        test(`${dtype} hermitian ${hermitian} lower ${lower}: A = lu d lu^H on a (3,5,5) stack`, () => {
          const x = sample([3, 5, 5], dtype);
          const xt = linalg.matrixTranspose(x);
          const a = x.add(hermitian ? xt.conj() : xt);
          const { lu, d, perm } = linalg.ldl(a, { lower, hermitian });
          assert.equal(lu.dtype, dtype);
          assert.deepEqual(perm.shape, [3, 5]);
          const tol = dtype === "float32" || dtype === "complex64" ? 1e-5 : 1e-12;
          assertClose(rebuild(lu, d, hermitian), a.toArray(), tol, "lu d lu^H");
          // lu[perm] is triangular with a unit diagonal
          for (let s = 0; s < 3; s++) {
            const rows = perm.toArray()[s] as number[];
            const l = lu.toArray()[s] as unknown[][];
            rows.forEach((r, i) => {
              for (let j = 0; j < 5; j++) {
                const v = l[r][j] as number | { re: number; im: number };
                const z = typeof v === "number" ? v : Math.hypot(v.re, v.im);
                if (i === j) assert.ok(Math.abs(z - 1) < 1e-6);
                else if (lower ? j > i : j < i) assert.equal(z, 0);
              }
            });
          }
        });
      }
    }
  }
  test("precision single gives the same factors to single precision", () => {
    const a = array([[4, 1, 2], [1, -3, 0], [2, 0, 1]], { dtype: "float32" });
    const s = linalg.ldl(a, { precision: "single" });
    const d = linalg.ldl(a);
    assert.equal(s.lu.dtype, "float32");
    assertClose(s.d, d.d.toArray(), 1e-5, "d");
  });
  test("only the named triangle is read", () => {
    const a = [[4, 99, 99], [1, -3, 99], [2, 0, 1]];
    const b = [[4, 1, 2], [1, -3, 0], [2, 0, 1]];
    assert.deepEqual(linalg.ldl(a).d.toArray(), linalg.ldl(b).d.toArray());
    assert.deepEqual(
      linalg.ldl(linalg.matrixTranspose(array(a)), { lower: false }).d.toArray(),
      linalg.ldl(b, { lower: false }).d.toArray(),
    );
  });
  test("empty matrices and empty stacks", () => {
    const e = linalg.ldl(new NDArray(new Float64Array(0), "float64", [0, 0]));
    assert.deepEqual([e.lu.shape, e.d.shape, e.perm.shape, e.perm.dtype], [
      [0, 0],
      [0, 0],
      [0],
      "int32",
    ]);
    const s = linalg.ldl(new NDArray(new Float64Array(0), "float64", [0, 3, 3]));
    assert.deepEqual([s.lu.shape, s.perm.shape], [[0, 3, 3], [0, 3]]);
  });
  test("a singular D is returned, not refused (as scipy)", () => {
    const { d } = linalg.ldl([[0, 0], [0, 0]]);
    assert.deepEqual(d.toArray(), [[0, 0], [0, 0]]);
  });
});

describe("errors", () => {
  const a: ArrayLike = [[2, 1], [1, 2]];
  test("non-square and 1-D input", () => {
    assert.throws(() => linalg.ldl([[1, 2, 3], [4, 5, 6]]), LinAlgError);
    assert.throws(() => linalg.ldl([1, 2]), LinAlgError);
  });
  test("unknown and malformed options", () => {
    assert.throws(() => linalg.ldl(a, { lowr: true } as never), TypeError);
    assert.throws(() => linalg.ldl(a, { lower: 1 } as never), {
      name: "TypeError",
      message: "Invalid lower for ldl(): expected true or false, got 1",
    });
    assert.throws(() => linalg.ldl(a, { hermitian: "yes" } as never), TypeError);
  });
});

describe("linalg.async", () => {
  test("ldl and lstsq run in the worker with the same answers", async () => {
    const a = [[4, 1, 2], [1, -3, 0], [2, 0, 1]];
    const sync = linalg.ldl(a, { lower: false });
    const r = await linalg.async.ldl(a, { lower: false });
    assert.deepEqual([r.lu.toArray(), r.d.toArray(), r.perm.toArray()], [
      sync.lu.toArray(),
      sync.d.toArray(),
      sync.perm.toArray(),
    ]);
    const l = await linalg.async.lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 4], {
      lapackDriver: "gelsy",
    });
    assert.deepEqual([l.rank, l.s], [2, null]);
    assertClose(l.x, linalg.lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 4]).x.toArray(), 1e-12, "x");
  });
});
