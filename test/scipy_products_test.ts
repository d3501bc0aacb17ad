// kron, blockDiag, tensordot, einsum, polar, nullSpace, orth and subspaceAngles against
// scipy 1.10's (and numpy's) answers in every layout, plus identities and errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ARRAYS, CASES, decode } from "./_scipy_fixture.ts";
import type { Arr } from "./_scipy_fixture.ts";
import { array, einsum, linalg, NDArray } from "../mod.ts";
import type { ArrayLike } from "../mod.ts";
import { isSingle } from "../src/dtype.ts";
import { assertClose, LAYOUTS } from "./_cases.ts";

type Result = NDArray | Record<string, NDArray>;
// A basis is unique up to a unitary change: compare the projector Q Qᴴ.
const projector = (q: NDArray) => linalg.matmul(q, conjT(q));
function conjT(q: NDArray): NDArray {
  const t = q.matrixTranspose();
  if (q.dtype !== "complex64" && q.dtype !== "complex128") return t;
  const c = t.copy();
  for (let i = 1; i < c.data.length; i += 2) c.data[i] = -c.data[i];
  return c;
}
const RUN: Record<string, (args: ArrayLike[], o: any) => Result> = {
  kron: ([a, b]) => linalg.kron(a, b),
  blockDiag: (args) => linalg.blockDiag(...args),
  tensordot: ([a, b], o) => linalg.tensordot(a, b, o),
  einsum: (args, o) => einsum(o.subscripts, ...args),
  polar: ([a], o) => ({ ...linalg.polar(a, o) }),
  nullSpace: ([a]) => projector(linalg.nullSpace(a)),
  orth: ([a]) => projector(linalg.orth(a)),
  subspaceAngles: ([a, b]) => linalg.subspaceAngles(a, b),
};
const BASIS = new Set(["nullSpace", "orth"]);

const snapshot = (x: ArrayLike) => (x instanceof NDArray ? Array.from(x.data) : JSON.stringify(x));

function check(got: NDArray, want: NDArray, tol: number, what: string, keepsDType: boolean) {
  assert.deepEqual(got.shape, want.shape, what);
  if (keepsDType) assert.equal(got.dtype, want.dtype, what);
  assertClose(got, want.toArray(), tol, what);
}

for (const fn of Object.keys(RUN)) {
  describe(`${fn}: scipy's answers for every case and layout`, () => {
    for (const c of CASES.filter((c) => c.fn === fn)) {
      const args = c.args.map((i) => ARRAYS[i]);
      const parts = "dtype" in c.result ? undefined : c.result as Record<string, Arr>;
      const single = args.some((a) => isSingle(a.dtype));
      const tol = (single ? 2e-6 : 1e-12) * c.tol;
      // A basis's size depends on the precision's eps: nested arrays (float64) would differ.
      const layouts = LAYOUTS.filter((v) => !(BASIS.has(fn) && single && !v.keepsDType));
      for (const v of layouts.filter((v) => args.every((a) => v.applies(a)))) {
        test(`${c.name} / ${v.name}`, () => {
          const made = args.map((a) => v.make(a));
          const before = made.map(snapshot);
          const r = RUN[fn](made, c.options);
          if (parts === undefined) {
            let want = decode(c.result as Arr);
            if (BASIS.has(fn)) want = projector(want);
            check(r as NDArray, want, tol, c.name, v.keepsDType);
          } else {
            for (const [k, want] of Object.entries(parts)) {
              check(
                (r as Record<string, NDArray>)[k],
                decode(want),
                tol,
                `${c.name}: ${k}`,
                v.keepsDType,
              );
            }
          }
          assert.deepEqual(made.map(snapshot), before, "inputs unchanged");
        });
      }
    }
  });
}

describe("identities and edges", () => {
  test("nullSpace: a z = 0, orthonormal columns, stacked", () => {
    const a = array([[[1, 2, 3], [2, 4, 6]], [[1, 0, 1], [2, 0, 2]]]);
    const z = linalg.nullSpace(a);
    assert.deepEqual(z.shape, [2, 3, 2]);
    const az = (linalg.matmul(a, z).toArray() as number[][][]).flat(2);
    assert.ok(az.every((v) => Math.abs(v) < 1e-12), "a z = 0");
    const eye2 = [[1, 0], [0, 1]];
    assertClose(linalg.matmul(z.matrixTranspose(), z), [eye2, eye2], 1e-12, "zᵀ z");
  });
  test("polar left: p u = a", () => {
    const a = array([[1, 2, 3], [4, 5, 6]]);
    const { u, p } = linalg.polar(a, { side: "left" });
    assertClose(linalg.matmul(p, u), a.toArray(), 1e-12, "p u");
  });
  test("einsum: empty operands, 0-d results, broadcasting, errors with positions", () => {
    assert.equal(einsum("i,i", [], []).item(), 0);
    assert.deepEqual(
      einsum("ij->j", new NDArray(new Float64Array(0), "float64", [0, 3])).toArray(),
      [0, 0, 0],
    );
    assert.deepEqual(einsum("...i->i", [[1, 2], [3, 4]]).toArray(), [4, 6]);
    assert.throws(() => einsum("ij,jk->i%", [[1]], [[1]]), /position 8/);
    assert.throws(() => einsum("i.j", [[1]]), /position 1/);
    assert.throws(() => einsum("ij->ik", [[1]]), /position 5/);
    assert.throws(() => einsum("ij,jk", [[1, 2]], [[1, 2]]), RangeError);
    assert.throws(() => einsum("ijk", [[1]]), RangeError);
    assert.throws(() => einsum(3 as any, [[1]]), TypeError);
  });
  test("tensordot and kron errors", () => {
    assert.throws(() => linalg.tensordot([1, 2], [1, 2, 3], { axes: 1 }), RangeError);
    assert.throws(() => linalg.tensordot([1, 2], [1, 2], { axes: [[0], [5]] }), TypeError);
    assert.throws(() => linalg.tensordot([1, 2], [1, 2], { axis: 1 } as any), /Unknown option/);
    assert.throws(() => linalg.kron(1, [1]), RangeError);
    assert.deepEqual(linalg.blockDiag().shape, [1, 0]);
  });
  test("nullSpace of a stack of different ranks is refused", () => {
    assert.throws(() => linalg.nullSpace([[[1, 0], [0, 1]], [[1, 1], [1, 1]]]), /same rank/);
  });
});
