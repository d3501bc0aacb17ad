/**
 * scipy.linalg side by side (`deno run -A bench/scipy_compare.ts`): the same inputs through
 * scipy 1.10 (default threads and one thread; a stack is a Python loop over scipy) and
 * dlapack on Deno, Bun and Node 26. Writes its table into bench/RESULTS.md between the
 * `scipy.linalg` markers (bench/compare.ts keeps that part when it rewrites the file).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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
  skipped?: string;
}

const CASES = [
  { op: "choFactor+choSolve", n: 10, stack: 0 },
  { op: "choFactor+choSolve", n: 200, stack: 0 },
  { op: "expm", n: 10, stack: 0 },
  { op: "expm", n: 200, stack: 0 },
  { op: "expm", n: 4, stack: 10000 },
  { op: "eigh(a, b)", n: 200, stack: 0 },
];

function run(cmd: string, args: string[], env: Record<string, string> = {}): Row | null {
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
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
const hasScipy = existsSync(python) && spawnSync(python, ["-c", "import scipy"]).status === 0;
for (const c of CASES) {
  const args = [c.op, String(c.n), ...(c.stack ? [String(c.stack)] : [])];
  console.error(`${c.op} ${c.n} ${c.stack || ""} ...`);
  const push = (r: Row | null, tool?: string) => r && rows.push(tool ? { ...r, tool } : r);
  if (hasScipy) {
    push(run(python, ["bench/scipy_bench.py", ...args]), "scipy");
    push(run(python, ["bench/scipy_bench.py", ...args], { OPENBLAS_NUM_THREADS: "1" }), "scipy-1t");
  }
  push(run(bin("deno"), ["run", "-A", "bench/scipy_one.ts", ...args]));
  push(run(bin("bun"), ["bench/scipy_one.ts", ...args]));
  push(run(bin("node"), ["--experimental-ffi", "--no-warnings", "bench/scipy_one.ts", ...args]));
}

const TOOLS = ["scipy", "scipy-1t", "dlapack-deno", "dlapack-bun", "dlapack-node"];
const fmt = (us?: number) =>
  us === undefined
    ? ""
    : us >= 1e6
    ? `${(us / 1e6).toFixed(2)} s`
    : us >= 1e3
    ? `${(us / 1e3).toFixed(2)} ms`
    : `${us.toFixed(2)} us`;
const get = (tool: string, c: { op: string; n: number; stack: number }) =>
  rows.find((r) => r.tool === tool && r.op === c.op && r.n === c.n && r.stack === c.stack)
    ?.median_us;
const lines = [
  "<!-- scipy.linalg: written by bench/scipy_compare.ts -->",
  "## scipy.linalg",
  "",
  `One run of \`deno run -A bench/scipy_compare.ts\` on ${
    new Date().toISOString().slice(0, 10)
  }. ` +
  "Medians per call, float64. choFactor+choSolve: factor and solve 100 right-hand sides; " +
  "expm inputs have norm about 2; a stack is one dlapack call against a Python loop over " +
  "scipy (scipy 1.10 takes one matrix at a time). **scipy-1t**: OPENBLAS_NUM_THREADS=1; " +
  "**scipy / dlapack**: scipy (default threads) / dlapack-deno.",
  "",
  `| case | ${TOOLS.join(" | ")} | scipy / dlapack |`,
  `|---|${TOOLS.map(() => "---:").join("|")}|---:|`,
];
for (const c of CASES) {
  const label = `${c.op} ${c.stack ? `(${c.stack},${c.n},${c.n})` : c.n}`;
  const d = get("dlapack-deno", c);
  const s = get("scipy", c);
  lines.push(
    `| ${label} | ${TOOLS.map((t) => fmt(get(t, c))).join(" | ")} | ${
      d && s ? (s / d).toFixed(2) + "x" : ""
    } |`,
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
