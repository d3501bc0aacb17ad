/**
 * Per-call overhead (issue 13), with mitata: small calls with and without `out`, `zeros`, a 4x4
 * `add` and `matmul`, a (10000, 10, 10) inv stack, and the mid sizes where the thread policy
 * decides (solve 100, det 50, eigh 200, svd 300, inv 500).
 *
 *   deno run -A bench/overhead_bench.ts            mitata's report, this runtime
 *   bun bench/overhead_bench.ts                    (node --experimental-ffi ... the same)
 *   deno run -A bench/overhead_bench.ts --compare  the side-by-side run: the C floors (one
 *       thread, default threads), numpy (default threads, one thread), and this file on Deno,
 *       Bun and Node 26; three runs of every tool, one after the other, and the median of the
 *       three per cell; writes the table between the `<!-- overhead -->` markers of
 *       bench/RESULTS.md (about 12 minutes on 2 quiet cores)
 *   ... --compare --quick                          one run, short batches: prints the table,
 *       writes nothing (about 2 minutes)
 *   deno run -A bench/overhead_bench.ts --threads  the C floor on one thread against the default
 *       threads per routine family and size (the table behind src/_threads.ts), three
 *       interleaved runs; writes the `<!-- threads -->` block (about 1.5 minutes; --quick: 10 s)
 *
 *   ... --compare --cpu                            CPU time instead of wall time everywhere (C,
 *       numpy, and dlapack measured as C and numpy are, not by mitata): for a machine other
 *       jobs load; a threaded run counts every thread's time
 *
 * `--json` prints one line `{ case: median_us }` (mitata's p50) instead of the report
 * (`--json --quick`: 200 ms of samples per case instead of mitata's 642).
 *
 * @module
 */
import process from "node:process";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { bench, measure, run } from "mitata";
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

/**
 * Calls `f` for 100 ms (at least twice) before mitata measures it. mitata times its first call
 * and, when that takes over 0.5 ms, measures one call per sample instead of batches of 4096:
 * each sample then carries the clock's own cost (0.1-1 us), which is the size of what is
 * measured here. A case's first call is that slow (the library's loading, a new plan, Bun's
 * compiling of each FFI binding), so unwarmed, the first case of the file and the first call
 * of each new kind were measured one call at a time.
 */
function warmUp(f: () => unknown): void {
  const t0 = performance.now();
  for (let i = 0; i < 2 || performance.now() - t0 < 100; i++) f();
}

/** Microseconds of this process's CPU time (all threads). */
const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * `--cpu`: the C floor's and numpy's method on CPU time (mitata's clock is wall time, which a
 * loaded machine inflates 2-10x): batches of at least 5 ms, at least 5 of them and `budget` ms
 * in all; the median batch, per call, in microseconds.
 */
function cpuMedian(f: () => unknown, budget: number): number {
  // Warm up for a fifth of the budget, 100 ms at least: the optimizing compiler runs on
  // another thread, whose CPU time would count.
  const w = cpuNow();
  while (cpuNow() - w < Math.max(budget * 200, 100_000)) for (let i = 0; i < 100; i++) f();
  let reps = 1;
  const times: number[] = [];
  const t0 = cpuNow();
  for (;;) {
    const s = cpuNow();
    for (let r = 0; r < reps; r++) f();
    const dt = cpuNow() - s;
    if (times.length === 0 && dt < 5000 && reps < 2 ** 30) {
      reps *= 2;
      continue;
    }
    times.push(dt / reps);
    if (times.length >= 64 || (times.length >= 5 && cpuNow() - t0 > budget * 1000)) break;
  }
  return median(times);
}

async function measureHere(json: boolean, quick: boolean, cpu: boolean): Promise<void> {
  const cases: { key: string; div: number; f: () => unknown }[] = [];
  for (const c of CASES) {
    const f = calls(c);
    const div = c.perItem ? c.stack! : 1;
    cases.push({ key: `${c.name} | dlapack`, div, f: f.plain });
    if (f.out) cases.push({ key: `${c.name} | dlapack out`, div, f: f.out });
  }
  cases.push({ key: "add 0-d | dlapack out", div: 1, f: scalarAdd });
  if (!json) {
    for (const c of cases) {
      warmUp(c.f);
      bench(c.key, c.f);
    }
    await run();
    return;
  }
  // mitata's sampler, case by case: at least 642 ms per case (its default), 200 ms quick.
  const result: Record<string, number> = {};
  for (const c of cases) {
    if (cpu) {
      result[c.key] = cpuMedian(c.f, quick ? 200 : 642) / c.div;
      continue;
    }
    warmUp(c.f);
    const stats = await measure(c.f, { min_cpu_time: (quick ? 200 : 642) * 1e6 });
    result[c.key] = stats.p50 / 1000 / c.div;
  }
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

/** Builds bench/floor.c against the library dlapack loaded; null (said why) without gcc. */
function buildFloor(path: string): string | null {
  const dir = mkdtempSync(join(tmpdir(), "dlapack-floor-"));
  const floor = join(dir, "floor");
  try {
    execFileSync("gcc", [
      "-O2",
      join(root, "bench/floor.c"),
      path.startsWith("/") ? path : `-l:${path}`,
      "-o",
      floor,
      "-lm",
    ]);
    return floor;
  } catch (e) {
    console.error(`No C floor: ${(e as Error).message.split("\n")[0]}`);
    return null;
  }
}

const fmtUs = (us: number | undefined) =>
  us === undefined || !Number.isFinite(us)
    ? ""
    : us >= 1e3
    ? `${(us / 1e3).toFixed(2)} ms`
    : `${us.toFixed(2)} us`;

/** Replaces the block between `<!-- tag -->` and `<!-- /tag -->` of bench/RESULTS.md. */
function writeBlock(tag: string, lines: string[]): void {
  const file = join(root, "bench/RESULTS.md");
  const prev = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const at = prev.indexOf(`<!-- ${tag} -->`);
  const end = prev.indexOf(`<!-- /${tag} -->`);
  const block = lines.join("\n");
  const next = at >= 0 && end > at
    ? prev.slice(0, at) + block + prev.slice(end + `<!-- /${tag} -->`.length)
    : prev.trimEnd() + "\n\n" + block + "\n";
  writeFileSync(file, next);
  console.log(block);
  console.error(`wrote ${file}`);
}

function compare(quick: boolean, cpu: boolean): void {
  const t0 = Date.now();
  const b = backend();
  const floor = buildFloor(b.path);
  const hasNumpy = existsSync(python) && spawnSync(python, ["-c", "import numpy"]).status === 0;
  const runsN = quick ? 1 : RUNS;
  // Quick: short batches for the C floor and numpy, 200 ms per dlapack case, one run.
  const budget: Record<string, string> = {
    ...(quick ? { FLOOR_BUDGET: "0.05", BENCH_BUDGET: "0.05" } : {}),
    ...(cpu ? { FLOOR_CLOCK: "cpu", BENCH_CLOCK: "cpu" } : {}),
  };
  // column -> case -> one median (us, per matrix for a stack) per run
  const cols: Record<string, Record<string, number[]>> = {};
  const put = (col: string, c: Case, us: number | undefined) => {
    if (us === undefined || !Number.isFinite(us)) return;
    ((cols[col] ??= {})[c.name] ??= []).push(c.perItem ? us / c.stack! : us);
  };
  const json = ["--json", ...(quick ? ["--quick"] : []), ...(cpu ? ["--cpu"] : [])];
  const commands: Record<string, [string, string[]]> = {
    deno: [binOf("deno"), ["run", "-A", "bench/overhead_bench.ts", ...json]],
    bun: [binOf("bun"), ["bench/overhead_bench.ts", ...json]],
    node: [binOf("node"), [
      "--experimental-ffi",
      "--no-warnings",
      "bench/overhead_bench.ts",
      ...json,
    ]],
  };
  const runs: Record<string, Record<string, number>[]> = { deno: [], bun: [], node: [] };
  // Every tool once per run, runs one after the other: a burst of load hits one run, not one tool.
  for (let r = 0; r < runsN; r++) {
    for (const c of CASES) {
      console.error(`run ${r + 1} of ${runsN}: ${c.name}: C floor, numpy ...`);
      const args = [c.op, String(c.n), ...(c.stack ? [String(c.stack)] : [])];
      if (floor && !c.noFloor) {
        put("C floor 1t", c, jsonLine(floor, args, { ...budget, FLOOR_THREADS: "1" })?.median_us);
        put(
          "C floor",
          c,
          jsonLine(floor, args, { ...budget, FLOOR_THREADS: String(b.threads ?? 0) })?.median_us,
        );
      }
      if (hasNumpy) {
        put("numpy", c, jsonLine(python, ["bench/numpy_bench.py", ...args], budget)?.median_us);
        put(
          "numpy 1t",
          c,
          jsonLine(python, ["bench/numpy_bench.py", ...args], {
            ...budget,
            OPENBLAS_NUM_THREADS: "1",
          })?.median_us,
        );
      }
    }
    for (const rt of Object.keys(commands)) {
      console.error(`run ${r + 1} of ${runsN}: dlapack on ${rt} ...`);
      const got = jsonLine(...commands[rt]);
      if (got) runs[rt].push(got);
    }
  }
  const table: Record<string, Record<string, number>> = {};
  for (const col in cols) {
    table[col] = {};
    for (const name in cols[col]) table[col][name] = median(cols[col][name]);
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
    `${quick ? "A quick run" : "One run"} of \`deno run -A bench/overhead_bench.ts --compare${
      quick ? " --quick" : ""
    }${cpu ? " --cpu" : ""}\` on ${
      new Date().toISOString().slice(0, 10)
    }: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), ${b.vendor} ${b.version}, ` +
      `${b.threads} threads by default. Medians per call in microseconds (mitata's p50 for ` +
      `dlapack; batches of >= 5 ms for C and numpy), the median of ${runsN} run${
        runsN === 1 ? "" : "s"
      } of every tool; for ` +
      `the stack, per matrix. ${
        cpu
          ? "**CPU time** of each process (all its threads), not wall time: the machine was " +
            `loaded (load average ${loadavg()[0].toFixed(1)} at the end), and a default-threads ` +
            "figure counts both threads' time. "
          : ""
      }**C floor 1t**: the LAPACK routines from C on one thread; ` +
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
  if (quick) console.log(lines.join("\n")); // a quick run writes nothing
  else writeBlock("overhead", lines);
}

// ---------------------------------------------------------------------------------------------
// --threads: the table that sets the thread policy per routine family (src/_threads.ts)

const THREAD_OPS = [
  "solve",
  "det",
  "inv",
  "cholesky",
  "qr",
  "eigh",
  "svd",
  "eig",
  "lstsq",
  "matmul",
];
const THREAD_SIZES = [32, 64, 100, 150, 200, 300, 500];

/** Where the library's default threads start to win: 2+ threads at most this share of 1 thread. */
const THREADS_WIN = 0.9;

function threadTable(quick: boolean): void {
  const t0 = Date.now();
  const b = backend();
  const floor = buildFloor(b.path);
  if (floor === null) return;
  const reps = quick ? 1 : RUNS;
  const sizes = quick ? [64, 150, 300] : THREAD_SIZES;
  const budget = quick ? "0.05" : "0.15";
  const def = String(b.threads ?? 0);
  // op -> n -> [1 thread runs, default runs]: interleaved, so that load hits both alike
  const got: Record<string, Record<number, [number[], number[]]>> = {};
  for (let r = 0; r < reps; r++) {
    console.error(`threads: run ${r + 1} of ${reps} ...`);
    for (const op of THREAD_OPS) {
      for (const n of sizes) {
        const cell = (got[op] ??= {})[n] ??= [[], []];
        for (const [i, t] of [[0, "1"], [1, def]] as const) {
          const us = jsonLine(floor, [op, String(n)], { FLOOR_THREADS: t, FLOOR_BUDGET: budget })
            ?.median_us;
          if (typeof us === "number") cell[i].push(us);
        }
      }
    }
  }
  const lines = [
    "<!-- threads -->",
    "## Threads per routine family (bench/overhead_bench.ts --threads)",
    "",
    `The C floor on one thread against the library's default (${def} threads), interleaved, ` +
    `the median of ${reps} run${reps === 1 ? "" : "s"}, on ${
      new Date().toISOString().slice(0, 10)
    } (${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at the end). Each ` +
    `cell: default-threads time / one-thread time (below 1: threads help). **threads from**: ` +
    `the smallest size from which every larger one is at most ${THREADS_WIN}x; ` +
    `src/_threads.ts runs smaller problems on one thread.`,
    "",
    `| family | ${sizes.map((n) => `n = ${n}`).join(" | ")} | threads from |`,
    `|---|${sizes.map(() => "---:").join("|")}|---:|`,
  ];
  for (const op of THREAD_OPS) {
    const ratios = sizes.map((n) => median(got[op][n][1]) / median(got[op][n][0]));
    let from = sizes.length;
    while (from > 0 && ratios[from - 1] <= THREADS_WIN) from--;
    const cells = sizes.map((n, i) => `${ratios[i].toFixed(2)} (${fmtUs(median(got[op][n][0]))})`);
    lines.push(`| ${op} | ${cells.join(" | ")} | ${from < sizes.length ? sizes[from] : "never"} |`);
  }
  lines.push(
    "",
    "In parentheses: the one-thread time.",
    `Took ${Math.round((Date.now() - t0) / 1000)} s.`,
    "<!-- /threads -->",
  );
  writeBlock("threads", lines);
}

if (process.argv.includes("--threads")) threadTable(process.argv.includes("--quick"));
else if (process.argv.includes("--compare")) {
  compare(process.argv.includes("--quick"), process.argv.includes("--cpu"));
} else {
  const has = (flag: string) => process.argv.includes(flag);
  await measureHere(has("--json"), has("--quick"), has("--cpu"));
}
