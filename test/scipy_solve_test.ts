// solve(assumeA), solveBanded, solvehBanded, eighTridiagonal against scipy 1.10's answers in
// every layout, plus identities and errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ARRAYS, CASES, decode } from "./_scipy_fixture.ts";
import type { Arr } from "./_scipy_fixture.ts";
import { linalg, LinAlgError, NDArray } from "../mod.ts";
import type { ArrayLike } from "../mod.ts";
import { isSingle } from "../src/dtype.ts";
import { assertClose, LAYOUTS } from "./_cases.ts";

/** Each column's sign fixed so that its largest entry is positive. */
function signFixed(x: NDArray): number[][] {
  const m = x.toArray() as number[][];
  const n = m[0]?.length ?? 0;
  for (let j = 0; j < n; j++) {
    let best = 0;
    for (const r of m) if (Math.abs(r[j]) > Math.abs(best) + 1e-9) best = r[j];
    if (best < 0) { for (const r of m) r[j] = -r[j]; }
  }
  return m;
}

const RUN: Record<string, (args: ArrayLike[], o: any) => NDArray | Record<string, NDArray>> = {
  solve: ([a, b], o) => linalg.solve(a, b, o),
  solveBanded: ([ab, b], o) => linalg.solveBanded([o.l, o.u], ab, b),
  solvehBanded: ([ab, b], o) => linalg.solvehBanded(ab, b, o),
  eighTridiagonal: ([d, e], o) => {
    const r = linalg.eighTridiagonal(d, e, o) as NDArray | Record<string, NDArray>;
    return r instanceof NDArray ? r : { ...r };
  },
};

for (const fn of Object.keys(RUN)) {
  describe(`${fn}: scipy's answers for every case and layout`, () => {
    for (const c of CASES.filter((c) => c.fn === fn)) {
      const args = c.args.map((i) => ARRAYS[i]);
      const tol = (isSingle(args[0].dtype) ? 2e-6 : 1e-12) * c.tol;
      for (const v of LAYOUTS.filter((v) => args.every((a) => v.applies(a)))) {
        test(`${c.name} / ${v.name}`, () => {
          const made = args.map((a) => v.make(a));
          const r = RUN[fn](made, c.options);
          if ("dtype" in c.result) {
            const want = decode(c.result as Arr);
            assert.deepEqual((r as NDArray).shape, want.shape);
            if (v.keepsDType) assert.equal((r as NDArray).dtype, want.dtype);
            assertClose(r as NDArray, want.toArray(), tol, c.name);
            return;
          }
          const parts = c.result as Record<string, Arr>;
          const got = r as Record<string, NDArray>;
          assertClose(got.eigenvalues, decode(parts.eigenvalues).toArray(), tol, "eigenvalues");
          assertClose(
            signFixed(got.eigenvectors),
            signFixed(decode(parts.eigenvectors)),
            tol,
            "eigenvectors",
          );
        });
      }
    }
  });
}

describe("structured solves: identities and errors", () => {
  test("every assumeA agrees with the general solve on an SPD stack", () => {
    const a = [[[4, 1], [1, 3]], [[2, 0.5], [0.5, 5]]];
    const b = [[1], [2]];
    const x = linalg.solve(a, b).toArray();
    for (const assumeA of ["sym", "her", "pos"] as const) {
      assertClose(linalg.solve(a, b, { assumeA }), x, 1e-12, assumeA);
      assertClose(linalg.solve(a, b, { assumeA, lower: true }), x, 1e-12, assumeA);
    }
  });
  test("errors in scipy's words, naming the item", () => {
    assert.throws(
      () => linalg.solve([[1, 2], [2, 1]], [1, 1], { assumeA: "pos" }),
      (e: Error) => e instanceof LinAlgError && /^Matrix is singular/.test(e.message),
    );
    assert.throws(
      () => linalg.solve([[0, 0], [0, 0]], [1, 1], { assumeA: "sym" }),
      /Matrix is singular/,
    );
    assert.throws(() => linalg.solve([[1]], [1], { assumeA: "tri" as any }), TypeError);
    assert.throws(
      () => linalg.solveBanded([1, 1], [[1, 2]], [1, 2]),
      /l\+u\+1 \(3\) does not equal/,
    );
    assert.throws(() => linalg.solveBanded([1, -1] as any, [[1, 2]], [1, 2]), TypeError);
    assert.throws(
      () => linalg.solveBanded([0, 0], [[[1, 1]], [[1, 0]]], [1, 1]),
      (e: Error) => e instanceof LinAlgError && /item 1 of the stack/.test(e.message),
    );
    assert.throws(
      () => linalg.solvehBanded([[0, 1], [1, -1]], [1, 1]),
      {
        name: "LinAlgError",
        message: "Matrix is not positive definite: the leading minor of order 2 is not positive",
      },
    );
    assert.throws(() => linalg.eighTridiagonal([1, 2], [1, 2]), RangeError);
    assert.throws(() => linalg.eighTridiagonal([{ re: 1, im: 1 }], []), TypeError);
  });
  test("eighTridiagonal: T V = V diag(w)", () => {
    const { eigenvalues, eigenvectors } = linalg.eighTridiagonal([1, 2, 3], [0.5, 0.25]);
    const t = [[1, 0.5, 0], [0.5, 2, 0.25], [0, 0.25, 3]];
    const tv = linalg.matmul(t, eigenvectors).toArray() as number[][];
    const v = eigenvectors.toArray() as number[][];
    const w = eigenvalues.toArray() as number[];
    tv.forEach((row, i) => row.forEach((x, j) => assert.ok(Math.abs(x - v[i][j] * w[j]) < 1e-12)));
    assert.deepEqual(linalg.eighTridiagonal([5], [], { eigvalsOnly: true }).toArray(), [5]);
  });
});

describe('svd(a, { lapackDriver: "gesvd" }): scipy\'s singular values, U S Vh = A', () => {
  for (const c of CASES.filter((c) => c.fn === "svdGesvd")) {
    const a = ARRAYS[c.args[0]];
    const tol = (isSingle(a.dtype) ? 2e-6 : 1e-12) * c.tol;
    for (const v of LAYOUTS.filter((v) => v.applies(a))) {
      test(`${c.name} / ${v.name}`, () => {
        const made = v.make(a);
        const { U, S, Vh } = linalg.svd(made, { lapackDriver: "gesvd", fullMatrices: false });
        assertClose(S, decode(c.result as Arr).toArray(), tol, "S");
        assertClose(
          linalg.svd(made, { lapackDriver: "gesvd", computeUv: false }).S,
          decode(c.result as Arr).toArray(),
          tol,
          "S alone",
        );
        const k = S.shape[S.ndim - 1];
        const us = linalg.matmul(U, linalg.matmul(diagStack(S, k), Vh));
        assertClose(us, a.toArray(), tol * 10, "U S Vh");
      });
    }
  }
  test("a driver scipy does not have is a TypeError", () => {
    assert.throws(() => linalg.svd([[1]], { lapackDriver: "gesvj" as any }), TypeError);
  });
});

/** diag(S) for a stack of singular values, as a real NDArray. */
function diagStack(S: NDArray, k: number): NDArray {
  const s = S.copy();
  const items = s.size / Math.max(k, 1);
  const data = new Float64Array(items * k * k);
  for (let it = 0; it < items; it++) {
    for (let i = 0; i < k; i++) data[it * k * k + i * k + i] = s.data[it * k + i];
  }
  return new NDArray(data, "float64", [...S.shape.slice(0, -1), k, k]);
}
