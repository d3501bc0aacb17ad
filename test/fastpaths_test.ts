// The contiguous float64 fast paths (src/_kernels.ts, src/_reducers.ts) against the general
// strided loops on the same values: the same bits, at sizes that reach every branch (unrolled
// body and tail, the 8192-item blocks of sum and the partial last one).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { add, divide, fromTypedArray, multiply, subtract, sum } from "../mod.ts";
import type { NDArray } from "../mod.ts";

/** Values with spread exponents, signed zeros, an infinity and a NaN. */
function values(n: number, seed: number, finite = false): Float64Array {
  const v = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const u = s / 2147483648 - 0.5;
    v[i] = i % 97 === 5 ? -0 : u * 10 ** ((i % 13) - 6);
  }
  if (n > 300 && !finite) {
    v[200] = Infinity;
    v[250] = NaN;
  }
  return v;
}

/** The same values as a contiguous array and as a stride-2 view (the general loops). */
function pair(n: number, seed: number, finite = false): [NDArray, NDArray] {
  const v = values(n, seed, finite);
  const w = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) w[2 * i] = v[i];
  return [fromTypedArray(v, [n]), fromTypedArray(w, [2 * n]).slice("::2")];
}

const same = (x: NDArray, y: NDArray) => {
  const a = x.toArray() as number[];
  const b = y.toArray() as number[];
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    assert.ok(Object.is(a[i], b[i]), `item ${i}: ${a[i]} vs ${b[i]}`);
  }
};

describe("contiguous float64 fast paths", () => {
  const sizes = [1, 63, 64, 65, 71, 200, 1000, 8191, 8192, 8193, 20000];
  for (const n of sizes) {
    test(`add subtract multiply divide, n = ${n}`, () => {
      const [a, as] = pair(n, 1);
      const [b, bs] = pair(n, 2);
      for (const f of [add, subtract, multiply, divide]) {
        same(f(a, b), f(as, bs));
        same(f(a, 1.5), f(as, 1.5));
        same(f(-2.25, a), f(-2.25, as));
      }
    });
    test(`sum, n = ${n}`, () => {
      const [a, as] = pair(n, 3);
      assert.ok(Object.is(sum(a).item(), sum(as).item()));
      const [f, fs] = pair(n, 4, true);
      const s = sum(f).item() as number;
      assert.ok(Number.isFinite(s));
      assert.ok(Object.is(s, sum(fs).item()));
    });
  }
});
