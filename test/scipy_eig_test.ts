// eigh(a, b), eigvalsh(a, b), eig(a, b), eigvals(a, b) against scipy 1.10's answers in every
// layout (eigenvectors compared after fixing each column's phase), plus the identities
// A V = B V diag(w), Vᴴ B V = I, and the errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ARRAYS, CASES, decode } from "./_scipy_fixture.ts";
import type { Arr } from "./_scipy_fixture.ts";
import { array, linalg, LinAlgError } from "../mod.ts";
import type { NDArray } from "../mod.ts";
import type { ArrayLike } from "../mod.ts";
import { isSingle } from "../src/dtype.ts";
import { assertClose, LAYOUTS } from "./_cases.ts";

type C = { re: number; im: number };
const cx = (v: number | C): C => (typeof v === "number" ? { re: v, im: 0 } : v);

/** Each column scaled by the conjugate phase of its largest entry (as nested {re, im}). */
function phaseFixed(x: NDArray): C[][][] {
  const nested = x.toArray() as unknown;
  const mats = (x.ndim === 2 ? [nested] : (nested as unknown[])) as (number | C)[][][];
  return mats.map((m) => {
    const rows = m.map((r) => r.map(cx));
    const n = rows[0]?.length ?? 0;
    for (let j = 0; j < n; j++) {
      let best = rows[0][j];
      for (const r of rows) {
        if (Math.hypot(r[j].re, r[j].im) > Math.hypot(best.re, best.im) + 1e-9) best = r[j];
      }
      const s = Math.hypot(best.re, best.im) || 1;
      const pr = best.re / s;
      const pi = -best.im / s;
      for (const r of rows) {
        r[j] = { re: r[j].re * pr - r[j].im * pi, im: r[j].re * pi + r[j].im * pr };
      }
    }
    return rows;
  });
}

const RUN: Record<string, (args: ArrayLike[], o: any) => NDArray | Record<string, NDArray>> = {
  eighGeneralized: ([a, b], o) => ({ ...linalg.eigh(a, b, o) }),
  eigvalshGeneralized: ([a, b], o) => linalg.eigvalsh(a, b, o),
  eigGeneralized: ([a, b], o) => ({ ...linalg.eig(a, b, o) }),
  eigvalsGeneralized: ([a, b], o) => linalg.eigvals(a, b, o),
};

for (const fn of Object.keys(RUN)) {
  describe(`${fn}: scipy's answers for every case and layout`, () => {
    for (const c of CASES.filter((c) => c.fn === fn)) {
      const args = c.args.map((i) => ARRAYS[i]);
      const single = isSingle(args[0].dtype);
      const tol = (single ? 2e-6 : 1e-12) * c.tol;
      for (const v of LAYOUTS.filter((v) => args.every((a) => v.applies(a)))) {
        test(`${c.name} / ${v.name}`, () => {
          const r = RUN[fn](args.map((a) => v.make(a)), c.options);
          if ("dtype" in c.result) {
            const want = decode(c.result as Arr);
            assert.deepEqual((r as NDArray).shape, want.shape);
            if (v.keepsDType) assert.equal((r as NDArray).dtype, want.dtype);
            assertClose(r as NDArray, want.toArray(), tol, c.name);
            return;
          }
          const parts = c.result as Record<string, Arr>;
          const got = r as Record<string, NDArray>;
          const w = decode(parts.eigenvalues);
          assertClose(got.eigenvalues, w.toArray(), tol, `${c.name}: eigenvalues`);
          if (v.keepsDType) assert.equal(got.eigenvectors.dtype, parts.eigenvectors.dtype);
          assertClose(
            phaseFixed(got.eigenvectors),
            phaseFixed(decode(parts.eigenvectors)),
            tol,
            `${c.name}: eigenvectors`,
          );
        });
      }
    }
  });
}

describe("generalized identities and errors", () => {
  test("A V = B V diag(w) and Vᴴ B V = I, on a broadcast stack", () => {
    const a = array([[[2, 1, 0], [1, 3, 1], [0, 1, 4]], [[1, 0, 0], [0, 2, 0], [0, 0, 3]]]);
    const b = array([[4, 1, 0], [1, 3, 0], [0, 0, 2]]);
    const { eigenvalues: w, eigenvectors: v } = linalg.eigh(a, b);
    const av = linalg.matmul(a, v).toArray() as number[][][];
    const bv = linalg.matmul(b, v).toArray() as number[][][];
    const ws = w.toArray() as number[][];
    av.forEach((m, k) =>
      m.forEach((row, i) =>
        row.forEach((x, j) => assert.ok(Math.abs(x - bv[k][i][j] * ws[k][j]) < 1e-12))
      )
    );
    const vbv = linalg.matmul(v.matrixTranspose(), linalg.matmul(b, v));
    const eye = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    assertClose(vbv, [eye, eye], 1e-12, "Vᵀ B V");
  });
  test("eigvals(a, b) with a singular b gives Infinity, as scipy's", () => {
    const w = linalg.eigvals([[1, 0], [0, 2]], [[1, 0], [0, 0]]).toArray() as C[];
    assert.deepEqual(w.map((z) => z.re).sort(), [1, Infinity]);
  });
  test("b not positive definite names the minor and the item", () => {
    assert.throws(
      () =>
        linalg.eigh([[[1, 0], [0, 1]], [[1, 0], [0, 1]]], [[[1, 0], [0, 1]], [[1, 0], [0, -1]]]),
      (e: Error) =>
        e instanceof LinAlgError &&
        /^The leading minor of order 2 of B is not positive definite: item 1 of the stack/.test(
          e.message,
        ),
    );
    assert.throws(() => linalg.eig([[1, NaN], [0, 1]], [[1, 0], [0, 1]]), /infs or NaNs/);
  });
  test("options", () => {
    assert.throws(() => linalg.eigh([[1]], [[1]], { type: 4 as any }), TypeError);
    assert.throws(() => linalg.eigh([[1]], [[1]], { out: 1 } as any), /Unknown option "out"/);
    assert.throws(() => linalg.eigh([[1, 2]], [[1]]), LinAlgError);
    assert.deepEqual(linalg.eigh([[2]], [[4]]).eigenvalues.toArray(), [0.5]);
    assert.deepEqual(linalg.eigvalsh([[2]], [[4]], { UPLO: "U" }).toArray(), [0.5]);
  });
});
