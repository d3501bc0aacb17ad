/**
 * scipy.linalg side by side (`deno run -A bench/scipy_compare.ts [--quick]`): the same inputs
 * through scipy 1.10 (a stack is a Python loop over scipy) and dlapack on Deno, Bun and Node 26,
 * every process on one thread (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, MKL_NUM_THREADS = 1).
 * Writes its table into bench/RESULTS.md between the `scipy.linalg` markers (bench/compare.ts
 * keeps that part when it rewrites the file). `--quick`: a 150 ms budget per case and tool
 * instead of 600 ms (2 s from n = 500), a smoke run of about a minute.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cpus, loadavg } from "node:os";
import process from "node:process";

const root = new URL("..", import.meta.url).pathname;
const bin = (b: string) => join(root, "node_modules", ".bin", b);
const python = "/usr/bin/python3";

interface Row {
  tool: string;
  op: string;
  n: number;
  stack: number;
  median_us?: number;
  cold_us?: number;
  skipped?: string;
}

const quick = process.argv.includes("--quick");
const CASES = [
  { op: "choFactor+choSolve", n: 10, stack: 0 },
  { op: "choFactor+choSolve", n: 100, stack: 0 },
  { op: "choFactor+choSolve", n: 200, stack: 0 },
  { op: "choFactor+choSolve", n: 500, stack: 0 },
  { op: "expm", n: 10, stack: 0 },
  { op: "expm", n: 200, stack: 0 },
  { op: "expm", n: 4, stack: 10000 },
  { op: "solveDiscreteAre", n: 10, stack: 0 },
  { op: "eigh(a, b)", n: 200, stack: 0 },
];
const ONE_THREAD = { OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };

function run(cmd: string, args: string[]): Row | null {
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...ONE_THREAD },
    timeout: 300_000,
  });
  const line = (r.stdout ?? "").trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line);
  } catch {
    console.error(`  ${cmd} ${args.join(" ")} failed: ${(r.stderr ?? "").slice(0, 300)}`);
    return null;
  }
}

const rows: Row[] = [];
/** Rounds of every case and tool, interleaved; the table shows each one's median round. */
const ROUNDS = quick ? 1 : 5;
const hasScipy = existsSync(python) && spawnSync(python, ["-c", "import scipy"]).status === 0;
const started = performance.now();
const load = loadavg()[0].toFixed(1);
for (let round = 1; round <= ROUNDS; round++) {
  for (const c of CASES) {
    const args = [
      c.op,
      String(c.n),
      ...(c.stack ? [String(c.stack)] : []),
      ...(quick ? ["--quick"] : []),
    ];
    console.error(`${c.op} ${c.n} ${c.stack || ""} ... (round ${round} of ${ROUNDS})`);
    const push = (r: Row | null, tool?: string) => r && rows.push(tool ? { ...r, tool } : r);
    if (hasScipy) push(run(python, ["bench/scipy_bench.py", ...args]), "scipy");
    push(run(bin("deno"), ["run", "-A", "bench/scipy_one.ts", ...args]));
    push(run(bin("bun"), ["bench/scipy_one.ts", ...args]));
    push(run(bin("node"), ["--experimental-ffi", "--no-warnings", "bench/scipy_one.ts", ...args]));
  }
}
const seconds = Math.round((performance.now() - started) / 1000);

const TOOLS = ["scipy", "dlapack-deno", "dlapack-bun", "dlapack-node"];
const fmt = (us?: number) =>
  us === undefined
    ? ""
    : us >= 1e6
    ? `${(us / 1e6).toFixed(2)} s`
    : us >= 1e3
    ? `${(us / 1e3).toFixed(2)} ms`
    : `${us.toFixed(2)} us`;
/** The round whose median is the median of the rounds (the lower middle one of an even count). */
const find = (tool: string, c: { op: string; n: number; stack: number }) => {
  const mine = rows.filter((r) =>
    r.tool === tool && r.op === c.op && r.n === c.n && r.stack === c.stack &&
    r.median_us !== undefined
  ).sort((x, y) => x.median_us! - y.median_us!);
  return mine[(mine.length - 1) >> 1];
};
const get = (tool: string, c: { op: string; n: number; stack: number }) => find(tool, c)?.median_us;
const lines = [
  "<!-- scipy.linalg: written by bench/scipy_compare.ts -->",
  "## scipy.linalg",
  "",
  `One run of \`deno run -A bench/scipy_compare.ts${quick ? " --quick" : ""}\` on ${
    new Date().toISOString().slice(0, 10)
  } (${seconds} s, load average ${load} on ${cpus().length} cores at the start${
    quick ? ", --quick: short budgets, a smoke run whose figures are not final" : ""
  }). ` +
  "Every process on one thread (OPENBLAS_NUM_THREADS=1). Medians per call, float64, the " +
  `median of ${ROUNDS} interleaved round${ROUNDS === 1 ? "" : "s"} (a process each), the ` +
  "same inputs on both sides. choFactor+choSolve: factor and solve 100 right-hand sides; " +
  "expm inputs have norm about 2; solveDiscreteAre: n states, 4 inputs, Q = I, R = I; a " +
  "stack is one dlapack call against a Python loop over scipy (scipy 1.10 takes one matrix " +
  "at a time). **scipy / dlapack**: scipy / dlapack-deno (above 1: dlapack is faster); " +
  "**scipy / bun**, **scipy / node**: the same for Bun and Node. " +
  "Each dlapack process first calls the function until four windows of calls in a row (100 " +
  "ms each) average under one page fault per call (at most 15 s), past V8's first garbage " +
  "collections: until then every " +
  "result is fresh memory, and first-touch page faults cost 15-20 us per 4 KB on this VM " +
  "(README, Speed). **deno, first 32**: the median of the first 32 calls on Deno. At n = 100 " +
  "and 200 choFactor+choSolve makes the same LAPACK calls on both sides (potrf + potrs), so " +
  "those rows differ by the copies around the calls and by this VM's noise (a few percent " +
  "between runs). expm 200 takes degree 7 and no squaring on both sides, but scipy makes five " +
  "gemm and getrf + getrs, dlapack four gemm and gesv: the bound ‖A^8‖^(1/8) <= ‖A^4‖^(1/4) " +
  "already decides the degree, so A^8 is not formed.",
  "",
  `| case | ${TOOLS.join(" | ")} | scipy / dlapack | scipy / bun | scipy / node | deno, first 32 |`,
  `|---|${TOOLS.map(() => "---:").join("|")}|---:|---:|---:|---:|`,
];
for (const c of CASES) {
  const label = `${c.op} ${c.stack ? `(${c.stack},${c.n},${c.n})` : c.n}`;
  const s = get("scipy", c);
  const ratio = (tool: string) => {
    const d = get(tool, c);
    return d && s ? (s / d).toFixed(2) + "x" : "";
  };
  lines.push(
    `| ${label} | ${TOOLS.map((t) => fmt(get(t, c))).join(" | ")} | ${
      ["dlapack-deno", "dlapack-bun", "dlapack-node"].map(ratio).join(" | ")
    } | ${fmt(find("dlapack-deno", c)?.cold_us)} |`,
  );
}
lines.push("<!-- /scipy.linalg -->");
const file = join(root, "bench/RESULTS.md");
const old = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
const start = old.indexOf("<!-- scipy.linalg");
const end = old.indexOf("<!-- /scipy.linalg -->");
const next = start >= 0 && end > start
  ? old.slice(0, start) + lines.join("\n") + old.slice(end + "<!-- /scipy.linalg -->".length)
  : old.trimEnd() + "\n\n" + lines.join("\n") + "\n";
writeFileSync(file, next);
console.log(lines.join("\n"));
