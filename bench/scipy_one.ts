/**
 * One dlapack measurement for bench/scipy_compare.ts: `scipy_one.ts <op> <n> [stack]
 * [--quick]`, the inputs of bench/scipy_bench.py; prints one JSON line.
 *
 * @module
 */
import process from "node:process";
import { readFileSync } from "node:fs";
import { fill, measure } from "./_inputs.ts";
import { eye, linalg, NDArray } from "../mod.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
const runtime = G.Bun ? "bun" : G.Deno ? "deno" : "node";
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const [op, nArg, stackArg] = argv.filter((a) => a !== "--quick");
const n = Number(nArg);
const stack = Number(stackArg ?? 0);

let a = new NDArray(fill(n, true, 1), "float64", [n, n]);
if (op === "expm") {
  const d = a.copy().data;
  for (let i = 0; i < n * n; i++) d[i] = (d[i] - (i % (n + 1) === 0 ? n : 0)) / n * 2;
  a = new NDArray(d, "float64", [n, n]);
}
let items = a;
if (stack) {
  const data = new Float64Array(stack * n * n);
  const src = a.data;
  for (let k = 0; k < stack; k++) {
    for (let i = 0; i < n * n; i++) data[k * n * n + i] = src[i] / (1 + (k % 7));
  }
  items = new NDArray(data, "float64", [stack, n, n]);
}
const bcol = fill(n, true, 2);
const b = new NDArray(new Float64Array(n * 100), "float64", [n, 100]);
for (let i = 0; i < n; i++) for (let j = 0; j < 100; j++) b.data[i * 100 + j] = bcol[i * n] + j;
const bm = new NDArray(fill(n, true, 3), "float64", [n, n]);
// solveDiscreteAre: A = fill(n) / n (eigenvalues near 1), B the first 4 columns of another,
// Q = I, R = I (a Kalman filter's or an LQR's size).
const nb = Math.min(4, n);
const ad = fill(n, false, 1).map((v) => v / n);
const bd = fill(n, false, 2);
const bare = new NDArray(new Float64Array(n * nb), "float64", [n, nb]);
for (let i = 0; i < n; i++) for (let j = 0; j < nb; j++) bare.data[i * nb + j] = bd[i * n + j];
const are = [new NDArray(ad, "float64", [n, n]), bare, eye(n), eye(nb)];
// deno-lint-ignore no-explicit-any
const L = linalg as any;
const table: Record<string, () => unknown> = {
  "choFactor+choSolve": () => L.choSolve(L.choFactor(a), b),
  expm: () => L.expm(stack ? items : a),
  "eigh(a, b)": () => L.eigh(a, bm),
  solveDiscreteAre: () => L.solveDiscreteAre(are[0], are[1], are[2], are[3]),
};
try {
  const f = table[op];
  // Warm-up: V8 frees a typed array's memory only at a garbage collection, which it starts after
  // about 64 MB of new arrays; until then each result is fresh pages (first-touch faults, 15-20
  // us per 4 KB page on this VM). A long-running program is past that point, and so is the
  // measurement: calls go on until four windows of them in a row (each >= 8 calls, >= 100 ms)
  // average under one page fault per call (Linux's /proc/self/stat; elsewhere 128 MB of
  // results), at most 15 s.
  // The first 32 calls are reported apart (`cold_us`).
  const faults = (): number => {
    try {
      return Number(readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ")[7]);
    } catch {
      return NaN;
    }
  };
  const bytes = (r: unknown): number =>
    r instanceof NDArray
      ? r.data.byteLength
      : typeof r === "object" && r !== null
      ? Object.values(r).reduce((t: number, v) => t + bytes(v), 0)
      : 0;
  const first: number[] = [];
  const warm = performance.now();
  let made = 0;
  let quiet = 0;
  for (;;) {
    const f0 = faults();
    const t0 = performance.now();
    let calls = 0;
    while (calls < 8 || performance.now() - t0 < 100) {
      const s = performance.now();
      made += bytes(f());
      if (first.length < 32) first.push(performance.now() - s);
      calls++;
    }
    const still = Number.isNaN(f0) ? made > 128e6 : (faults() - f0) / calls < 1;
    quiet = still ? quiet + 1 : 0;
    if ((quiet >= 4 && first.length >= 32) || performance.now() - warm > 15_000) break;
  }
  first.sort((x, y) => x - y);
  const cold_us = first[first.length >> 1] * 1000;
  const median_us = measure(f, n, quick);
  console.log(JSON.stringify({ tool: `dlapack-${runtime}`, op, n, stack, median_us, cold_us }));
} catch (e) {
  console.log(JSON.stringify({ tool: `dlapack-${runtime}`, op, n, stack, skipped: String(e) }));
}
