/**
 * mitata benchmarks of the linalg surface on this runtime: `deno task bench`,
 * `bun bench/linalg_bench.ts`, `node --experimental-ffi bench/linalg_bench.ts`.
 * `--quick` (CI smoke) runs n = 10 only, briefly.
 *
 * @module
 */
import process from "node:process";
import { bench, group, run, summary } from "mitata";
import { linalg, NDArray, zeros } from "../mod.ts";
import { fill } from "./_inputs.ts";

const quick = process.argv.includes("--quick");
// deno-lint-ignore no-explicit-any
const L = linalg as any;
const SIZES = quick ? [10] : [4, 10, 100, 1000];
const OPS: [string, (a: NDArray, b: NDArray) => unknown, number][] = [
  ["inv", (a) => L.inv(a), 1000],
  ["solve", (a, b) => L.solve(a, b), 1000],
  ["det", (a) => L.det(a), 1000],
  ["cholesky", (a) => L.cholesky(a), 1000],
  ["qr", (a) => L.qr(a), 1000],
  ["svd", (a) => L.svd(a), 100],
  ["eigh", (a) => L.eigh(a), 1000],
  ["eig", (a) => L.eig(a), 100],
  ["lstsq", (a, b) => L.lstsq(a, b), 100],
  ["matmul", (a) => L.matmul(a, a), 1000],
];

function input(n: number, dtype: "float64" | "float32", spd: boolean, stack = 0): NDArray {
  const items = Math.max(stack, 1);
  const data = new Float64Array(items * n * n);
  for (let k = 0; k < items; k++) data.set(fill(n, spd, 1 + (k % 7)), k * n * n);
  const a = new NDArray(data, "float64", stack ? [stack, n, n] : [n, n]);
  return dtype === "float64" ? a : a.astype("float32");
}

for (const [name, f, max] of OPS) {
  if (typeof L[name] !== "function") continue;
  const spd = name === "cholesky" || name === "eigh";
  summary(() => {
    group(name, () => {
      for (const dtype of ["float64", "float32"] as const) {
        for (const n of SIZES.filter((n) => n <= max)) {
          const a = input(n, dtype, spd);
          const b = a.reshape([n * n]).copy().reshape([n, n]).matrixTranspose().copy().reshape([
            n * n,
          ]);
          const bv = new NDArray(b.astype("float64").data.slice(0, n), "float64", [n]).astype(
            dtype,
          );
          bench(`${name} ${n}x${n} ${dtype}`, () => f(a, bv));
        }
        if (!quick) {
          const s = input(10, dtype, spd, 10000);
          const bs = zeros([10], { dtype });
          bs.data.fill(1);
          bench(`${name} (10000,10,10) ${dtype}`, () => f(s, bs));
        }
      }
    });
  });
}
if (quick) {
  const out = zeros([10, 10]);
  const a = input(10, "float64", false);
  bench("inv 10x10 float64 with out", () => L.inv(a, { out }));
}
await run();
