/**
 * Per-call overhead of a small `inv`: `inv_small.ts [calls]` times `inv` of a 10 x 10 in a
 * loop, with and without `{ out }`, and prints microseconds of CPU time per call (best of 5
 * runs: CPU time, not wall time, so that other processes on a shared machine count less).
 *
 * @module
 */
import process from "node:process";
import { linalg, NDArray } from "../mod.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
const runtime = G.Bun ? "bun" : G.Deno ? "deno" : "node";
const calls = Number(process.argv[2] ?? 200000);
const n = 10;
const data = new Float64Array(n * n);
for (let i = 0; i < n; i++) {
  for (let j = 0; j < n; j++) {
    data[i * n + j] = i === j ? n : 1 / (1 + i + j);
  }
}
const a = new NDArray(data, "float64", [n, n]);
const out = new NDArray(new Float64Array(n * n), "float64", [n, n]);

function time(f: () => unknown): number {
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = process.cpuUsage();
    for (let k = 0; k < calls; k++) f();
    const t = process.cpuUsage(t0);
    best = Math.min(best, (t.user + t.system) / calls);
  }
  return best;
}
for (let k = 0; k < 2000; k++) linalg.inv(a); // warm up
const plain = time(() => linalg.inv(a));
const withOut = time(() => linalg.inv(a, { out }));
console.log(
  `${runtime}: inv 10x10, ${calls} calls: ${plain.toFixed(2)} us/call, with { out } ${
    withOut.toFixed(2)
  } us/call`,
);
