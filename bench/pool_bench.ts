/**
 * The worker pool against one thread on a (100000, 10, 10) inv stack:
 * `deno run -A bench/pool_bench.ts` (also bun / node --experimental-ffi). Medians of 7.
 *
 * @module
 */
import { linalg, NDArray } from "../mod.ts";
import { fill } from "./_inputs.ts";

const k = 100000;
const n = 10;
const data = new Float64Array(k * n * n);
for (let q = 0; q < 7; q++) data.set(fill(n, false, 1 + q), q * n * n);
for (let q = 7; q < k; q++) data.copyWithin(q * n * n, (q % 7) * n * n, (q % 7 + 1) * n * n);
const a = new NDArray(data, "float64", [k, n, n]);
const pool = linalg.createPool();
await pool.inv(a);
linalg.inv(a);
const one: number[] = [];
const many: number[] = [];
for (let r = 0; r < 7; r++) {
  let t0 = performance.now();
  linalg.inv(a);
  one.push(performance.now() - t0);
  t0 = performance.now();
  await pool.inv(a);
  many.push(performance.now() - t0);
}
pool.close();
const med = (x: number[]) => x.sort((p, q) => p - q)[x.length >> 1];
console.log(
  `inv (100000, 10, 10): one thread ${med(one).toFixed(1)} ms, pool of ${pool.size} ${
    med(many).toFixed(1)
  } ms, ` +
    `ratio ${(med(many) / med(one)).toFixed(2)}`,
);
