/**
 * One measurement for bench/compare.ts: `run_one.ts <tool> <op> <n> [stack]` with tool
 * dlapack, ml-matrix or mathjs; prints one JSON line like bench/floor.c.
 *
 * @module
 */
import process from "node:process";
import { fill, measure } from "./_inputs.ts";
import { add, array, linalg, NDArray, sum } from "../mod.ts";
import { kalman } from "./_kalman.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
const runtime = G.Bun ? "bun" : G.Deno ? "deno" : "node";
const [tool, op, nArg, stackArg] = process.argv.slice(G.Deno ? 2 : 2);
const n = Number(nArg);
const stack = Number(stackArg ?? 0);
const spd = op === "cholesky" || op === "eigh";

/** The array-core cases: add of two (n, n) (addout: into `out`), sum of n, n Kalman steps. */
function coreCase(): (() => unknown) | undefined {
  if (op === "add") {
    const a = new NDArray(fill(n, false, 1), "float64", [n, n]);
    const b = new NDArray(fill(n, false, 2), "float64", [n, n]);
    return () => add(a, b);
  }
  if (op === "addout") {
    const a = new NDArray(fill(n, false, 1), "float64", [n, n]);
    const b = new NDArray(fill(n, false, 2), "float64", [n, n]);
    const out = new NDArray(new Float64Array(n * n), "float64", [n, n]);
    return () => add(a, b, { out });
  }
  if (op === "sum") {
    const x = new NDArray(new Float64Array(n).map((_, i) => (i % 1000) / 7), "float64", [n]);
    return () => sum(x);
  }
  if (op === "kalman") {
    const zs = Array.from({ length: n }, (_, t) => array([2 * t + Math.sin(3 * t), -t]));
    return () => kalman(zs);
  }
  return undefined;
}

function dlapackCase(): () => unknown {
  const core = coreCase();
  if (core) return core;
  const items = Math.max(stack, 1);
  const data = new Float64Array(items * n * n);
  for (let k = 0; k < items; k++) data.set(fill(n, spd, 1 + (k % 7)), k * n * n);
  const a = new NDArray(data, "float64", stack ? [stack, n, n] : [n, n]);
  const b = new NDArray(data.slice(0, n), "float64", [n]);
  // deno-lint-ignore no-explicit-any
  const L = linalg as any;
  const table: Record<string, () => unknown> = {
    inv: () => L.inv(a),
    solve: () => L.solve(a, b),
    det: () => L.det(a),
    cholesky: () => L.cholesky(a),
    qr: () => L.qr(a),
    svd: () => L.svd(a),
    eigh: () => L.eigh(a),
    eig: () => L.eig(a),
    lstsq: () => L.lstsq(a, b),
    matmul: () => L.matmul(a, a),
  };
  const name = op === "inv" || op === "solve" || op === "det" ? op : op;
  if (typeof L[name] !== "function") throw new Error(`dlapack has no ${op} yet`);
  return table[op];
}

async function peerCase(): Promise<() => unknown> {
  if (stack) throw new Error("peers have no stacked API");
  const rows = (x: Float64Array) =>
    Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * n, (i + 1) * n)));
  const a = rows(fill(n, spd, 1));
  const bv = a.map((r) => r[0]);
  if (tool === "ml-matrix") {
    const M = await import("ml-matrix");
    const A = new M.Matrix(a);
    const B = M.Matrix.columnVector(bv);
    const table: Record<string, () => unknown> = {
      inv: () => M.inverse(A),
      solve: () => M.solve(A, B),
      det: () => M.determinant(A),
      cholesky: () => new M.CholeskyDecomposition(A),
      qr: () => new M.QrDecomposition(A),
      svd: () => new M.SingularValueDecomposition(A),
      eigh: () => new M.EigenvalueDecomposition(A, { assumeSymmetric: true }),
      eig: () => new M.EigenvalueDecomposition(A),
      lstsq: () => M.solve(A, B, true),
      matmul: () => A.mmul(A),
    };
    return table[op];
  }
  const m = await import("mathjs");
  const A = m.matrix(a);
  const table: Record<string, () => unknown> = {
    inv: () => m.inv(A),
    solve: () => m.lusolve(A, bv),
    det: () => m.det(A),
    qr: () => m.qr(A),
    eigh: () => m.eigs(A),
    eig: () => m.eigs(A),
    matmul: () => m.multiply(A, A),
  };
  if (!table[op]) throw new Error(`mathjs has no ${op}`);
  return table[op];
}

try {
  const f = tool === "dlapack" ? dlapackCase() : await peerCase();
  // kalman: n steps per call, reported per step.
  const us = op === "kalman" ? measure(f, 100) / n : measure(f, op === "sum" ? 1000 : n);
  console.log(
    JSON.stringify({
      tool: tool === "dlapack" ? `dlapack-${runtime}` : `${tool}-${runtime}`,
      op,
      n,
      stack,
      median_us: us,
    }),
  );
} catch (e) {
  console.log(
    JSON.stringify({
      tool: tool === "dlapack" ? `dlapack-${runtime}` : `${tool}-${runtime}`,
      op,
      n,
      stack,
      skipped: (e as Error).message,
    }),
  );
}
