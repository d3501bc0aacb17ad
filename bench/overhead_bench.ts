/**
 * Per-call overhead (issue 13), with mitata: small calls with and without `out`, `zeros`, a 4x4
 * `add` and `matmul`, a (10000, 10, 10) inv stack, and the mid sizes where the thread policy
 * decides (solve 100, det 50, eigh 200, svd 300, inv 500).
 *
 *   deno run -A bench/overhead_bench.ts            mitata's report, this runtime
 *   bun bench/overhead_bench.ts                    (node --experimental-ffi ... the same)
 *   deno run -A bench/overhead_bench.ts --compare  the side-by-side run: the C floors (one
 *       thread, default threads), numpy (default threads, one thread), and this file on Deno,
 *       Bun and Node 26, three runs each (the median of the three is reported); writes the
 *       table between the `<!-- overhead -->` markers of bench/RESULTS.md
 *
 * `--json` prints one line `{ case: median_us }` (mitata's p50) instead of the report.
 *
 * @module
 */
import process from "node:process";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { bench, run } from "mitata";
import { add, backend, linalg, NDArray, zeros } from "../mod.ts";
import { fill } from "./_inputs.ts";

/** One case: what the C floor and numpy run for it (op, n, stack), and dlapack's call. */
interface Case {
  name: string;
  op: string;
  n: number;
  stack?: number;
  /** Per matrix: the figure is divided by the stack's size. */
  perItem?: boolean;
  /** The mid sizes: the floor runs with one thread and with the default threads. */
  mid?: boolean;
  /** No C floor for this op (zeros, add). */
  noFloor?: boolean;
}

const CASES: Case[] = [
  { name: "inv 10x10", op: "inv", n: 10 },
  { name: "solve 10x10, one rhs", op: "solve", n: 10 },
  { name: "det 10x10", op: "det", n: 10 },
  { name: "matmul 10x10", op: "matmul", n: 10 },
  { name: "matmul 4x4", op: "matmul", n: 4 },
  { name: "add 4x4", op: "add", n: 4, noFloor: true },
  { name: "zeros 10x10", op: "zeros", n: 10, noFloor: true },
  { name: "inv (10000,10,10) per matrix", op: "inv", n: 10, stack: 10000, perItem: true },
  { name: "solve 100x100, one rhs", op: "solve", n: 100, mid: true },
  { name: "det 50x50", op: "det", n: 50, mid: true },
  { name: "eigh 200x200", op: "eigh", n: 200, mid: true },
  { name: "svd 300x300", op: "svd", n: 300, mid: true },
  { name: "inv 500x500", op: "inv", n: 500, mid: true },
];

function input(n: number, spd: boolean, stack = 0): NDArray {
  const items = Math.max(stack, 1);
  const data = new Float64Array(items * n * n);
  for (let k = 0; k < items; k++) data.set(fill(n, spd, 1 + (k % 7)), k * n * n);
  return new NDArray(data, "float64", stack ? [stack, n, n] : [n, n]);
}

/** dlapack's calls for a case: without out, and with out (when the function takes one). */
function calls(c: Case): { plain: () => unknown; out?: () => unknown } {
  const a = input(c.n, c.op === "eigh", c.stack);
  const b = new NDArray(a.data.slice(0, c.n), "float64", [c.n]);
  switch (c.op) {
    case "inv": {
      const out = zeros(a.shape);
      return { plain: () => linalg.inv(a), out: () => linalg.inv(a, { out }) };
    }
    case "solve": {
      const out = zeros([c.n]);
      return { plain: () => linalg.solve(a, b), out: () => linalg.solve(a, b, { out }) };
    }
    case "det": {
      const out = zeros([]);
      return { plain: () => linalg.det(a), out: () => linalg.det(a, { out }) };
    }
    case "matmul": {
      const out = zeros(a.shape);
      return { plain: () => linalg.matmul(a, a), out: () => linalg.matmul(a, a, { out }) };
    }
    case "add": {
      const out = zeros(a.shape);
      return { plain: () => add(a, a), out: () => add(a, a, { out }) };
    }
    case "zeros":
      return { plain: () => zeros([c.n, c.n]) };
    case "eigh":
      return { plain: () => linalg.eigh(a) };
    case "svd":
      return { plain: () => linalg.svd(a) };
  }
  throw new Error(`No dlapack call for ${c.op}`);
}

/** The 0-d add with out: the engine's fixed cost alone. */
const scalarAdd = (() => {
  const x = zeros([]);
  const out = zeros([]);
  return () => add(x, x, { out });
})();

async function measureHere(json: boolean): Promise<void> {
  const names: { key: string; div: number }[] = [];
  for (const c of CASES) {
    const f = calls(c);
    const div = c.perItem ? c.stack! : 1;
    bench(`${c.name} | dlapack`, f.plain);
    names.push({ key: `${c.name} | dlapack`, div });
    if (f.out) {
      bench(`${c.name} | dlapack out`, f.out);
      names.push({ key: `${c.name} | dlapack out`, div });
    }
  }
  bench("add 0-d | dlapack out", scalarAdd);
  names.push({ key: "add 0-d | dlapack out", div: 1 });
  const r = await run(json ? { format: "quiet" } : {});
  if (!json) return;
  const result: Record<string, number> = {};
  // deno-lint-ignore no-explicit-any
  r.benchmarks.forEach((b: any, i: number) => {
    result[names[i].key] = b.runs[0].stats.p50 / 1000 / names[i].div;
  });
  console.log(JSON.stringify(result));
}

// ---------------------------------------------------------------------------------------------
// --compare

const root = new URL("..", import.meta.url).pathname;
const binOf = (x: string) => join(root, "node_modules", ".bin", x);
const python = "/usr/bin/python3";
const RUNS = 3;

function jsonLine(cmd: string, args: string[], env: Record<string, string> = {}): any {
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env, NO_COLOR: "1" },
    timeout: 900_000,
    maxBuffer: 64 << 20,
  });
  const line = (r.stdout ?? "").trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line);
  } catch {
    console.error(`  ${cmd} ${args.join(" ")} failed: ${(r.stderr ?? "").slice(-400)}`);
    return null;
  }
}

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((p, q) => p - q);
  return s.length === 0 ? NaN : s[(s.length - 1) >> 1];
};

function compare(): void {
  const t0 = Date.now();
  const b = backend();
  const dir = mkdtempSync(join(tmpdir(), "dlapack-floor-"));
  let floor: string | null = join(dir, "floor");
  try {
    execFileSync("gcc", [
      "-O2",
      join(root, "bench/floor.c"),
      b.path.startsWith("/") ? b.path : `-l:${b.path}`,
      "-o",
      floor,
      "-lm",
    ]);
  } catch (e) {
    console.error(`No C floor: ${(e as Error).message.split("\n")[0]}`);
    floor = null;
  }
  const hasNumpy = existsSync(python) && spawnSync(python, ["-c", "import numpy"]).status === 0;
  // column -> case -> median us (per matrix for a stack)
  const table: Record<string, Record<string, number>> = {};
  const put = (col: string, c: Case, us: number | undefined) => {
    if (us === undefined || !Number.isFinite(us)) return;
    (table[col] ??= {})[c.name] = c.perItem ? us / c.stack! : us;
  };
  for (const c of CASES) {
    console.error(`${c.name}: C floor, numpy ...`);
    const args = [c.op, String(c.n), ...(c.stack ? [String(c.stack)] : [])];
    if (floor && !c.noFloor) {
      put("C floor 1t", c, jsonLine(floor, args, { FLOOR_THREADS: "1" })?.median_us);
      put(
        "C floor",
        c,
        jsonLine(floor, args, { FLOOR_THREADS: String(b.threads ?? 0) })?.median_us,
      );
    }
    if (hasNumpy) {
      put("numpy", c, jsonLine(python, ["bench/numpy_bench.py", ...args])?.median_us);
      put(
        "numpy 1t",
        c,
        jsonLine(python, ["bench/numpy_bench.py", ...args], { OPENBLAS_NUM_THREADS: "1" })
          ?.median_us,
      );
    }
  }
  const commands: Record<string, [string, string[]]> = {
    deno: [binOf("deno"), ["run", "-A", "bench/overhead_bench.ts", "--json"]],
    bun: [binOf("bun"), ["bench/overhead_bench.ts", "--json"]],
    node: [binOf("node"), [
      "--experimental-ffi",
      "--no-warnings",
      "bench/overhead_bench.ts",
      "--json",
    ]],
  };
  const runs: Record<string, Record<string, number>[]> = { deno: [], bun: [], node: [] };
  for (let r = 0; r < RUNS; r++) {
    for (const rt of Object.keys(commands)) {
      console.error(`dlapack on ${rt}, run ${r + 1} of ${RUNS} ...`);
      const got = jsonLine(...commands[rt]);
      if (got) runs[rt].push(got);
    }
  }
  const dl = (rt: string, key: string) => median(runs[rt].map((x) => x[key]));
  const fmt = (us: number | undefined) =>
    us === undefined || !Number.isFinite(us)
      ? ""
      : us >= 1e3
      ? `${(us / 1e3).toFixed(2)} ms`
      : `${us.toFixed(2)} us`;
  const ratio = (x: number, y: number | undefined) =>
    y === undefined || !Number.isFinite(x) || !Number.isFinite(y) ? "" : `${(x / y).toFixed(2)}`;
  const lines: string[] = [
    "<!-- overhead -->",
    "## Per-call overhead (bench/overhead_bench.ts)",
    "",
  ];
  lines.push(
    `One run of \`deno run -A bench/overhead_bench.ts --compare\` on ${
      new Date().toISOString().slice(0, 10)
    }: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), ${b.vendor} ${b.version}, ` +
      `${b.threads} threads by default. Medians per call in microseconds (mitata's p50 for ` +
      `dlapack, the median of ${RUNS} runs per runtime; batches of >= 5 ms for C and numpy); for ` +
      `the stack, per matrix. **C floor 1t**: the LAPACK routines from C on one thread; ` +
      `**C floor**: with the library's default threads. **floor**: the faster of the two C ` +
      `floors. Ratios: dlapack / floor, and numpy (default threads) / dlapack.`,
    "",
  );
  const rts = ["deno", "bun", "node"];
  const head = [
    "case",
    "C floor 1t",
    "C floor",
    "numpy",
    "numpy 1t",
    ...rts.flatMap((rt) => [`${rt}`, `${rt} out`]),
    ...rts.map((rt) => `${rt} / floor`),
    ...rts.map((rt) => `numpy / ${rt}`),
  ];
  lines.push(`| ${head.join(" | ")} |`, `|---|${head.slice(1).map(() => "---:").join("|")}|`);
  const rows = [...CASES, { name: "add 0-d", op: "add", n: 0, noFloor: true } as Case];
  for (const c of rows) {
    const f1 = table["C floor 1t"]?.[c.name];
    const fd = table["C floor"]?.[c.name];
    const fl = f1 === undefined ? fd : fd === undefined ? f1 : Math.min(f1, fd);
    const np = table["numpy"]?.[c.name];
    const cells = [
      c.name,
      fmt(f1),
      fmt(fd),
      fmt(np),
      fmt(table["numpy 1t"]?.[c.name]),
      ...rts.flatMap((rt) => [
        fmt(dl(rt, `${c.name} | dlapack`)),
        fmt(dl(rt, `${c.name} | dlapack out`)),
      ]),
      ...rts.map((rt) => ratio(dl(rt, `${c.name} | dlapack`), fl)),
      ...rts.map((rt) => (np === undefined ? "" : ratio(np, dl(rt, `${c.name} | dlapack`)))),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  lines.push("", `Took ${Math.round((Date.now() - t0) / 1000)} s.`, "<!-- /overhead -->");
  const file = join(root, "bench/RESULTS.md");
  const prev = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const at = prev.indexOf("<!-- overhead -->");
  const end = prev.indexOf("<!-- /overhead -->");
  const block = lines.join("\n");
  const next = at >= 0 && end > at
    ? prev.slice(0, at) + block + prev.slice(end + "<!-- /overhead -->".length)
    : prev.trimEnd() + "\n\n" + block + "\n";
  writeFileSync(file, next);
  console.log(block);
  console.error(`wrote ${file}`);
}

if (process.argv.includes("--compare")) compare();
else await measureHere(process.argv.includes("--json"));
