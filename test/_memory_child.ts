// Child process for memory_test.ts: makes MEMORY_CALLS small linalg calls (default 1,000,000:
// inv of a 10x10 float64 matrix with and without `out`, solve, det) and then MEMORY_LARGE large
// ones (default 100: inv of 300x300, solve of 300x300 with 300 right-hand sides, eigh and svd of
// 200x200), sampling the resident set size (RSS) after a forced garbage collection where the
// runtime allows one. Prints one line `MEMORY_REPORT {json}` on stdout.
//
// Phases:
//   warm-up    the first WARMUP small calls (2% of them, at least 20,000) and 4 large ones (JIT,
//              kernel caches and allocator pools settle); the RSS after it is the baseline
//   small      the rest of the small calls, one RSS sample every SAMPLE_EVERY calls
//   large      the large calls, one RSS sample every 10 of them
//
// Environment:
//   MEMORY_CALLS  how many small calls in all, warm-up included (default 1000000)
//   MEMORY_LARGE  how many large calls (default 100)
//   MEMORY_LEAK   bytes to leak per small call (default 0), to check that memory_test.ts catches
//                 a leak of that size: each call writes that many bytes into 1 MiB buffers that
//                 are kept alive, so exactly MEMORY_LEAK * calls bytes stay resident
//
// Run by hand (memory_test.ts passes the same flags):
//   deno run -A --v8-flags=--expose-gc,--max-semi-space-size=1 test/_memory_child.ts
//   node --expose-gc --max-semi-space-size=1 --experimental-ffi test/_memory_child.ts
//   bun test/_memory_child.ts
import process from "node:process";
import { array, linalg, zeros } from "../mod.ts";
import type { NDArray } from "../mod.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;

const CALLS = Number(process.env.MEMORY_CALLS ?? 1_000_000);
const LARGE = Number(process.env.MEMORY_LARGE ?? 100);
const LEAK = Number(process.env.MEMORY_LEAK ?? 0);
if (!Number.isInteger(CALLS) || CALLS < 0) throw new RangeError(`Invalid MEMORY_CALLS ${CALLS}`);
if (!Number.isInteger(LARGE) || LARGE < 0) throw new RangeError(`Invalid MEMORY_LARGE ${LARGE}`);
if (!Number.isInteger(LEAK) || LEAK < 0 || LEAK > 1 << 20) {
  throw new RangeError(`Invalid MEMORY_LEAK ${LEAK}`);
}
const WARMUP = Math.min(CALLS, Math.max(20_000, Math.round(CALLS / 50))); // 20,000 of 1e6
const SAMPLE_EVERY = Math.max(1, Math.round(CALLS / 10)); // 100,000 of 1e6

const runtime = G.Bun !== undefined ? "bun" : G.Deno !== undefined ? "deno" : "node";
const gcKind = G.Bun !== undefined ? "Bun.gc" : typeof G.gc === "function" ? "gc" : "none";

function collect(): void {
  if (G.Bun !== undefined) {
    G.Bun.gc(true);
    G.Bun.gc(true);
  } else if (typeof G.gc === "function") {
    G.gc();
    G.gc();
  }
}

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 100) / 100;
/** One sample after `calls` calls: RSS, and the JS heap (used, total) and external memory (MB). */
export interface Sample {
  calls: number;
  mb: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}
function sample(calls: number): Sample {
  collect();
  const m = process.memoryUsage();
  return {
    calls,
    mb: mb(m.rss),
    heapUsed: mb(m.heapUsed),
    heapTotal: mb(m.heapTotal),
    external: mb(m.external),
  };
}

// A deterministic, well-conditioned matrix: diagonally dominant with pseudo-random entries.
function matrix(n: number, seed: number): number[][] {
  let s = seed >>> 0;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) row.push(rnd() + (i === j ? n : 0));
    rows.push(row);
  }
  return rows;
}

function fail(msg: string): never {
  throw new Error(`Wrong result: ${msg}`);
}

// ---------------------------------------------------------------------------------------------
// Small calls.

const N = 10;
const A = array(matrix(N, 1));
const Adata = A.data;
const b = array(matrix(N, 2)[0]);
const out = zeros([N, N]);
const leaked: Uint8Array[] = [];
let leakAt = 1 << 20;

/** Keeps LEAK more bytes resident (written, so their pages are touched). */
function leak(): void {
  if (leakAt + LEAK > 1 << 20) {
    leaked.push(new Uint8Array(1 << 20));
    leakAt = 0;
  }
  leaked[leaked.length - 1].fill(1, leakAt, leakAt + LEAK);
  leakAt += LEAK;
}

/** ‖A·X − I‖∞ for an inverse X (C order). */
function invResidual(x: NDArray): number {
  const X = x.data;
  let worst = 0;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < N; k++) s += Adata[i * N + k] * X[k * N + j];
      worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
    }
  }
  return worst;
}

/** ‖A·x − b‖∞ for a solution x. */
function solveResidual(x: NDArray): number {
  const X = x.data;
  let worst = 0;
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let k = 0; k < N; k++) s += Adata[i * N + k] * X[k];
    worst = Math.max(worst, Math.abs(s - b.data[i]));
  }
  return worst;
}

let detRef = NaN;

/** Small call number i; every 4096th result is checked. */
function small(i: number): void {
  const check = (i & 4095) < 4;
  switch (i & 3) {
    case 0: {
      const r = linalg.inv(A, { out });
      if (check && (r !== out || !(invResidual(out) < 1e-12))) fail(`inv(A, { out }) at call ${i}`);
      break;
    }
    case 1: {
      const r = linalg.inv(A);
      if (check && !(invResidual(r) < 1e-12)) fail(`inv(A) at call ${i}`);
      break;
    }
    case 2: {
      const r = linalg.solve(A, b);
      if (check && !(solveResidual(r) < 1e-12)) fail(`solve(A, b) at call ${i}`);
      break;
    }
    default: {
      const d = linalg.det(A).item() as number;
      if (Number.isNaN(detRef)) detRef = d;
      if (check && !(Math.abs(d - detRef) <= 1e-12 * Math.abs(detRef) && detRef !== 0)) {
        fail(`det(A) = ${d}, first ${detRef}, at call ${i}`);
      }
    }
  }
  if (LEAK > 0) leak();
}

// ---------------------------------------------------------------------------------------------
// Large calls.

const LA = array(matrix(300, 4));
const LB = array(matrix(300, 5));
const SA = array(matrix(200, 6));
const SYM = linalg.matmul(SA, linalg.matrixTranspose(SA));

function large(i: number): void {
  switch (i & 3) {
    case 0: {
      const x = linalg.inv(LA);
      if (i % 20 === 0) {
        const e = linalg.matmul(LA, x).data;
        for (let k = 0; k < 300; k++) {
          if (Math.abs(e[k * 301] - 1) > 1e-10) fail(`inv(300x300) at large call ${i}`);
        }
      }
      break;
    }
    case 1: {
      const x = linalg.solve(LA, LB);
      if (x.shape[0] !== 300 || x.shape[1] !== 300) {
        fail(`solve(300x300, 300x300) shape at large call ${i}`);
      }
      break;
    }
    case 2: {
      const { eigenvalues } = linalg.eigh(SYM);
      if (!(eigenvalues.data[0] > 0)) fail(`eigh(200x200) at large call ${i}`);
      break;
    }
    default: {
      const { S } = linalg.svd(SA);
      if (!(S.data[0] >= S.data[199] && S.data[199] > 0)) fail(`svd(200x200) at large call ${i}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Run.

const t0 = performance.now();
const start = sample(0).mb;
for (let i = 0; i < WARMUP; i++) small(i);
// Warm the large kernels too, so their first-use costs are not counted as growth.
for (let i = 0; i < Math.min(LARGE, 4); i++) large(i);
const samples: Sample[] = [sample(WARMUP)];
const t1 = performance.now();
for (let i = WARMUP; i < CALLS;) {
  const next = Math.min(CALLS, (Math.floor(i / SAMPLE_EVERY) + 1) * SAMPLE_EVERY);
  for (; i < next; i++) small(i);
  samples.push(sample(i));
}
const t2 = performance.now();
const largeSamples: Sample[] = [];
for (let i = 0; i < LARGE;) {
  const next = Math.min(LARGE, i + 10);
  for (; i < next; i++) large(i);
  largeSamples.push(sample(i));
}
const t3 = performance.now();

const report = {
  runtime,
  gc: gcKind,
  smallCalls: CALLS,
  largeCalls: LARGE,
  warmup: WARMUP,
  leakBytesPerCall: LEAK,
  leakedMB: mb(leaked.length === 0 ? 0 : (leaked.length - 1) * (1 << 20) + leakAt),
  startMB: start,
  baselineMB: samples[0].mb,
  samples,
  largeSamples,
  ms: {
    warmup: Math.round(t1 - t0),
    small: Math.round(t2 - t1),
    large: Math.round(t3 - t2),
    total: Math.round(t3 - t0),
  },
};
console.log(`MEMORY_REPORT ${JSON.stringify(report)}`);
