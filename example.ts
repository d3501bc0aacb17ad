/**
 * The distributed mode in one program: a 2000 x 2000 system that every rank fills itself (each
 * only its own blocks), solved with ScaLAPACK across the ranks, and checked on rank 0 against
 * single-machine dlapack on the same matrix.
 *
 *   scripts/mpirun.sh 4 deno run -A example.ts          (or: mpirun -np 4 deno run -A example.ts)
 *   scripts/mpirun.sh 4 bun example.ts
 *   scripts/mpirun.sh 4 node example.ts
 *
 * Arguments: the size (default 2000) and the grid (default from the rank count, e.g. 2x2).
 *
 * @module
 */
import process from "node:process";
import { init } from "./distributed.ts";
import { fromTypedArray, linalg } from "./mod.ts";

const args = process.argv.slice(2).filter((a) => !a.endsWith(".ts"));
const n = Number(args[0] ?? 2000);
const grid = args[1]?.split("x").map(Number) as [number, number] | undefined;

const world = init(grid ? { grid } : undefined);
// A diagonally dominant matrix and a right-hand side, as functions of the global indices.
const a = (i: number, j: number) => (i === j ? 4 : 0) + Math.sin(i + 2 * j) / n;
const b = (i: number, _j: number) => Math.cos(i);

const t0 = performance.now();
const A = world.fromFunction([n, n], a, { blockSize: 64 });
const B = world.fromFunction([n, 1], b, { blockSize: 64 });
const t1 = performance.now();
const X = world.linalg.solve(A, B);
world.barrier();
const t2 = performance.now();
const x = X.gather({ root: 0 });

if (world.rank === 0) {
  const dense = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) dense[i * n + j] = a(i, j);
  const rhs = new Float64Array(n);
  for (let i = 0; i < n; i++) rhs[i] = b(i, 0);
  const xs = linalg.solve(fromTypedArray(dense, [n, n]), fromTypedArray(rhs, [n, 1]));
  let d = 0, s = 0;
  for (let i = 0; i < n; i++) {
    d += (x!.at(i, 0) as number - (xs.at(i, 0) as number)) ** 2;
    s += (xs.at(i, 0) as number) ** 2;
  }
  const rel = Math.sqrt(d / s);
  console.log(
    `n=${n} ranks=${world.size} grid=${world.grid.rows}x${world.grid.cols}: fill ${
      (t1 - t0).toFixed(0)
    } ms, p?gesv ${(t2 - t1).toFixed(0)} ms; relative difference from single-machine dlapack ${
      rel.toExponential(2)
    }`,
  );
  if (!(rel <= 1e-10)) process.exitCode = 1;
}
world.finalize();
