/**
 * `npm start` / `deno task start`: shows the detected LAPACK, then a few solves and inverses
 * with their timings on this machine.
 *
 * @module
 */
import { array, backend, linalg, NDArray, zeros } from "../mod.ts";
import { doctor } from "./doctor.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
if (doctor() !== 0) G.Deno ? G.Deno.exit(1) : G.process.exit(1);

function time(label: string, reps: number, f: () => unknown): void {
  for (let i = 0; i < Math.min(reps, 100); i++) f();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  const us = ((performance.now() - t0) / reps) * 1000;
  console.log(
    `  ${label.padEnd(44)} ${us < 1000 ? `${us.toFixed(2)} us` : `${(us / 1000).toFixed(2)} ms`}`,
  );
}

function random(shape: number[], seed = 1): NDArray {
  const size = shape.reduce((p, n) => p * n, 1);
  const data = new Float64Array(size);
  let s = seed;
  for (let i = 0; i < size; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = s / 2147483648 - 0.5;
  }
  const n = shape[shape.length - 1];
  // diagonally dominant, so well conditioned
  for (let k = 0; k < size / (n * n); k++) {
    for (let i = 0; i < n; i++) data[k * n * n + i * n + i] += n;
  }
  return new NDArray(data, "float64", shape);
}

const b = backend();
console.log(
  `\nSolving with ${b.vendor} ${b.version} (${b.abi}, ${b.intWidth === 64 ? "ilp64" : "lp64"}):`,
);
const a = array([[4, 1], [2, 3]]);
console.log("  a =", String(a).replace(/\n/g, "\n      "));
console.log("  solve(a, [1, 2]) =", String(linalg.solve(a, [1, 2])));
console.log("  inv(a) =", String(linalg.inv(a)).replace(/\n/g, "\n           "));
console.log(`  det(a) = ${linalg.det(a).item()}`);

console.log("\nTimings (median-free quick check; see bench/ for the real benchmarks):");
const a10 = random([10, 10]);
const out = zeros([10, 10]);
time("inv 10x10", 20000, () => linalg.inv(a10));
time("inv 10x10 with out (no allocation)", 20000, () => linalg.inv(a10, { out }));
const b10 = new Float64Array(10).fill(1);
time("solve 10x10, vector b", 20000, () => linalg.solve(a10, b10));
const stack = random([10000, 10, 10]);
time("inv of a (10000, 10, 10) stack", 5, () => linalg.inv(stack));
const a500 = random([500, 500]);
time("inv 500x500", 5, () => linalg.inv(a500));
time("det 500x500", 5, () => linalg.det(a500));
