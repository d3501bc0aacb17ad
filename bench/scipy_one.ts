/**
 * One dlapack measurement for bench/scipy_compare.ts: `scipy_one.ts <op> <n> [stack]`, the
 * inputs of bench/scipy_bench.py; prints one JSON line.
 *
 * @module
 */
import process from "node:process";
import { fill, measure } from "./_inputs.ts";
import { linalg, NDArray } from "../mod.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
const runtime = G.Bun ? "bun" : G.Deno ? "deno" : "node";
const [op, nArg, stackArg] = process.argv.slice(2);
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
// deno-lint-ignore no-explicit-any
const L = linalg as any;
const table: Record<string, () => unknown> = {
  "choFactor+choSolve": () => L.choSolve(L.choFactor(a), b),
  expm: () => L.expm(stack ? items : a),
  "eigh(a, b)": () => L.eigh(a, bm),
};
try {
  const f = table[op];
  f();
  console.log(
    JSON.stringify({ tool: `dlapack-${runtime}`, op, n, stack, median_us: measure(f, n) }),
  );
} catch (e) {
  console.log(JSON.stringify({ tool: `dlapack-${runtime}`, op, n, stack, skipped: String(e) }));
}
