// The small-result pool (src/dtype.ts): on Deno and Node, small results are views of shared
// slabs. These tests prove that no result ever sees another's data change, that `toOwned()`
// gives a buffer that can be transferred without touching any other array, and that the
// checks that used to compare `data.buffer` (out overlapping an input) still see real overlap
// only. (Speed is bench/overhead_bench.ts's business.)
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { add, allocData, array, isPooled, linalg, NDArray, sharesMemory, zeros } from "../mod.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
const bun = G.Bun !== undefined;

const A = array([[4, 1, 0], [1, 3, 1], [0, 1, 2]]);

/** The values result `i` holds: distinct per result, so a neighbour's write shows. */
function stamp(r: NDArray, i: number): void {
  const d = r.data;
  for (let k = 0; k < d.length; k++) d[k] = i * 1000 + k;
}
function stamped(r: NDArray, i: number): boolean {
  const d = r.data;
  for (let k = 0; k < d.length; k++) if (d[k] !== i * 1000 + k) return false;
  return true;
}

describe("small-result pool", () => {
  test("small results are pooled on V8 (Deno, Node 26), not on Bun", () => {
    const a = zeros([2, 2]);
    const b = zeros([2, 2]);
    assert.equal(isPooled(a.data), !bun);
    assert.equal(a.data.buffer === b.data.buffer, !bun);
    assert.equal(sharesMemory(a.data, b.data), false);
    // Large storage is never pooled.
    assert.equal(isPooled(zeros([100, 100]).data), false);
    assert.equal(isPooled(new Float64Array(4)), false);
  });

  test("fresh storage is zero, even after its neighbours were written", () => {
    for (let i = 0; i < 2000; i++) {
      const d = allocData("float64", 1 + (i % 37));
      for (let k = 0; k < d.length; k++) assert.equal(d[k], 0);
      d.fill(NaN);
    }
  });

  test("after 1e5 small results are created and dropped, no live result changed", () => {
    const live: { r: NDArray; i: number }[] = [];
    const f32 = A.astype("float32");
    for (let i = 0; i < 100_000; i++) {
      let r: NDArray;
      switch (i % 6) {
        case 0:
          r = linalg.inv(A);
          break;
        case 1:
          r = zeros([i % 9 + 1]);
          break;
        case 2:
          r = linalg.det(A);
          break;
        case 3:
          r = add(A, i);
          break;
        case 4:
          r = linalg.inv(f32);
          break;
        default:
          r = zeros([2, 3], { dtype: i & 1 ? "int32" : "bool" });
      }
      if (r.dtype === "bool") {
        r.data.fill(1);
        if (i % 997 === 0) live.push({ r, i: -1 });
        continue;
      }
      if (i % 997 === 0) {
        stamp(r, i % 2000);
        live.push({ r, i: i % 2000 });
      } else {
        // A dropped result is written all over: a region handed out twice would show it.
        r.data.fill(-7);
      }
    }
    assert.ok(live.length > 100);
    for (const { r, i } of live) {
      if (i < 0) assert.ok(r.data.every((x) => x === 1));
      else assert.ok(stamped(r, i), `a live ${r.dtype} result changed`);
    }
  });

  test("toOwned() owns its whole buffer, and transferring it touches no other array", async () => {
    const before = linalg.inv(A);
    const a = linalg.inv(A);
    const after = linalg.inv(A);
    const expect = before.toArray();
    const b = a.toOwned();
    assert.equal(isPooled(b.data), false);
    assert.equal(b.data.byteOffset, 0);
    assert.equal(b.data.buffer.byteLength, b.data.byteLength);
    assert.deepEqual(b.toArray(), expect);
    // Transfer to another thread's port: b's buffer is detached, nothing else is.
    const { port1, port2 } = new MessageChannel();
    const got = new Promise<Float64Array>((resolve) => {
      port2.onmessage = (e: MessageEvent) => resolve(e.data as Float64Array);
    });
    port1.postMessage(b.data, [b.data.buffer as ArrayBuffer]);
    const received = await got;
    port1.close();
    port2.close();
    assert.equal(b.data.length, 0, "b's buffer was transferred");
    assert.deepEqual(Array.from(received), Array.from(before.data));
    for (const x of [before, a, after]) assert.deepEqual(x.toArray(), expect);
    // A view: the copy is C-ordered and holds only the view's elements.
    const t = linalg.inv(A).T.toOwned();
    assert.deepEqual(t.toArray(), linalg.inv(A).T.toArray());
    assert.deepEqual(t.strides, [3, 1]);
  });

  test("a pooled buffer transferred by mistake: later results and the library are unharmed", () => {
    linalg.inv(A); // the plan, with its scratch and workspace, exists before the transfer
    const neighbour = linalg.inv(A);
    const victim = zeros([2, 2]);
    structuredClone(victim.data.buffer, { transfer: [victim.data.buffer as ArrayBuffer] });
    if (!bun) assert.throws(() => linalg.inv(neighbour), /^TypeError: Invalid NDArray/);
    const fresh = linalg.inv(A);
    assert.ok(fresh.data.length === 9 && fresh.data.buffer.byteLength > 0);
    assert.deepEqual(
      linalg.inv(fresh).toArray().flat().map((x: number) => +x.toFixed(12)),
      A.toArray().flat(),
    );
    assert.deepEqual(zeros([3]).toArray(), [0, 0, 0]);
  });

  test("linalg.async sends pooled arrays to its worker and leaves their neighbours", async () => {
    const left = linalg.inv(A);
    const mid = array([[2, 0], [0, 4]]);
    const right = linalg.inv(A);
    const expect = left.toArray();
    const r = await linalg.async.inv(mid);
    assert.deepEqual(r.toArray().flat().map((x: number) => x + 0), [0.5, 0, 0, 0.25]);
    assert.deepEqual(mid.toArray(), [[2, 0], [0, 4]]);
    assert.deepEqual(left.toArray(), expect);
    assert.deepEqual(right.toArray(), expect);
  });

  test("out: a pooled neighbour is not an overlap, a view of the input is", () => {
    const a = linalg.inv(A); // pooled
    const out = zeros([3, 3]); // pooled, likely the next region of the same slab
    linalg.inv(a, { out });
    assert.deepEqual(out.toArray().flat().map((x: number) => +x.toFixed(12)), A.toArray().flat());
    const x = zeros([3]);
    const y = add(x, 1, { out: zeros([3]) });
    assert.deepEqual(y.toArray(), [1, 1, 1]);
    assert.throws(() => linalg.inv(a, { out: a }), /shares memory with an input/);
    const view = new NDArray(a.data, "float64", [3, 3], [1, 3]);
    assert.throws(() => linalg.inv(a, { out: view }), /shares memory/);
    // Elementwise functions may overlap: a partial overlap is computed from a copy.
    const v = array([1, 2, 3, 4]);
    const shifted = new NDArray(v.data, "float64", [3], [1], 1);
    const head = new NDArray(v.data, "float64", [3], [1], 0);
    add(head, 10, { out: shifted });
    assert.deepEqual(v.toArray(), [1, 11, 12, 13]);
  });
});
