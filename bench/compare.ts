/**
 * The side-by-side run (`deno task bench:compare`): the same inputs through the C floor
 * (the same LAPACK routines called from C), numpy (default threads and one thread),
 * ml-matrix and mathjs (pure JS), and dlapack on Deno, Bun and Node 26. Writes
 * bench/RESULTS.md: medians in microseconds and ratios. `--quick` is the CI smoke version.
 *
 * @module
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { backend } from "../mod.ts";

const root = new URL("..", import.meta.url).pathname;
const bin = (b: string) => join(root, "node_modules", ".bin", b);
const quick = process.argv.includes("--quick");
// --core: only the array-core cases (add, sum, the README's Kalman step), numpy beside dlapack;
// their table replaces the array-core block of bench/RESULTS.md.
const core = process.argv.includes("--core");
const python = "/usr/bin/python3";

const OPS = ["inv", "solve", "det", "cholesky", "qr", "svd", "eigh", "eig", "lstsq", "matmul"];
const SIZES = quick ? [10] : [4, 10, 100, 1000];
const STACKED = ["inv", "solve", "det", "cholesky", "eigh", "matmul"];
const PEER_MAX: Record<string, number> = { inv: 1000, solve: 1000, det: 1000, matmul: 1000 }; // else 100

interface Row {
  tool: string;
  op: string;
  n: number;
  stack: number;
  median_us?: number;
  skipped?: string;
}

const b = backend();
const results: Row[] = [];
const t0 = Date.now();

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

// The floor, built against the library dlapack detected.
let floor: string | null = null;
try {
  const dir = mkdtempSync(join(tmpdir(), "dlapack-floor-"));
  floor = join(dir, "floor");
  execFileSync("gcc", [
    "-O2",
    join(root, "bench/floor.c"),
    b.path.startsWith("/") ? b.path : `-l:${b.path}`,
    "-o",
    floor,
    "-lm",
  ]);
} catch (e) {
  console.error(`No C floor: gcc failed or is absent (${(e as Error).message.split("\n")[0]})`);
  floor = null;
}
const hasNumpy = existsSync(python) && spawnSync(python, ["-c", "import numpy"]).status === 0;

const cases: { op: string; n: number; stack: number }[] = [];
if (core) {
  // The array core: add of two (1000, 1000), sum of 1e6, a Kalman step (100 steps per call).
  cases.push({ op: "add", n: 1000, stack: 0 }, { op: "addout", n: 1000, stack: 0 });
  cases.push({ op: "sum", n: 1000000, stack: 0 });
  cases.push({ op: "kalman", n: 100, stack: 0 });
} else {
  for (const op of OPS) for (const n of SIZES) cases.push({ op, n, stack: 0 });
  for (const op of quick ? ["inv"] : STACKED) {
    cases.push({ op, n: 10, stack: quick ? 1000 : 10000 });
  }
}

// --core runs every tool on every case ROUNDS times, interleaved, and reports the median of the
// rounds: the machine may be shared, and a slow minute then hits every tool alike.
const ROUNDS = core ? 3 : 1;
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) {
    const args = [c.op, String(c.n), ...(c.stack ? [String(c.stack)] : [])];
    const label = `${c.op} ${c.stack ? `(${c.stack}, ${c.n}, ${c.n})` : `${c.n}x${c.n}`}`;
    console.error(`${label} ...${ROUNDS > 1 ? ` (round ${round + 1} of ${ROUNDS})` : ""}`);
    const push = (r: Row | null, tool?: string) => r && results.push(tool ? { ...r, tool } : r);
    if (floor && !core) push(run(floor, args));
    if (hasNumpy) {
      push(run(python, ["bench/numpy_bench.py", ...args]), "numpy");
      if (!quick && !core) {
        push(
          run(python, ["bench/numpy_bench.py", ...args], { OPENBLAS_NUM_THREADS: "1" }),
          "numpy-1t",
        );
      }
    }
    push(run(bin("deno"), ["run", "-A", "bench/run_one.ts", "dlapack", ...args]));
    push(run(bin("bun"), ["bench/run_one.ts", "dlapack", ...args]));
    push(
      run(bin("node"), [
        "--experimental-ffi",
        "--no-warnings",
        "bench/run_one.ts",
        "dlapack",
        ...args,
      ]),
    );
    if (!c.stack && c.n <= (PEER_MAX[c.op] ?? 100) && !quick && !core) {
      push(run(bin("node"), ["bench/run_one.ts", "ml-matrix", ...args]));
      push(run(bin("node"), ["bench/run_one.ts", "mathjs", ...args]));
    }
  }
}

const TOOLS = [
  "c-floor",
  "numpy",
  "numpy-1t",
  "dlapack-deno",
  "dlapack-bun",
  "dlapack-node",
  "ml-matrix-node",
  "mathjs-node",
];
const fmt = (us?: number) =>
  us === undefined
    ? ""
    : us >= 1e6
    ? `${(us / 1e6).toFixed(2)} s`
    : us >= 1e3
    ? `${(us / 1e3).toFixed(2)} ms`
    : `${us.toFixed(2)} us`;
/** The median over rounds of a tool's result on a case. */
const get = (tool: string, c: { op: string; n: number; stack: number }) => {
  const xs = results
    .filter((r) => r.tool === tool && r.op === c.op && r.n === c.n && r.stack === c.stack)
    .map((r) => r.median_us)
    .filter((x): x is number => x !== undefined)
    .sort((x, y) => x - y);
  return xs.length === 0 ? undefined : xs[xs.length >> 1];
};

const CORE_START = "<!-- array core -->";
const CORE_END = "<!-- /array core -->";
if (core) {
  const label = (c: { op: string; n: number }) =>
    c.op === "add"
      ? "add (1000,1000) + (1000,1000)"
      : c.op === "addout"
      ? "add (1000,1000) + (1000,1000) into out"
      : c.op === "sum"
      ? "sum of 1e6"
      : "Kalman filter, per step";
  const t: string[] = [CORE_START, "", "## The array core", ""];
  t.push(
    `\`deno task bench:compare --core\` on ${
      new Date().toISOString().slice(0, 10)
    }: ${cpus().length} cores, load average ${
      loadavg().map((x) => x.toFixed(1)).join(" ")
    } at the end; ` +
      `the median of ${ROUNDS} interleaved rounds of each tool's median per call, float64, ` +
      'results allocated per call except in the "into out" row; the Kalman filter is ' +
      "the README's (bench/_kalman.ts, the same loop in bench/numpy_bench.py), per step. " +
      "Ratios: dlapack / numpy.",
    "",
    "| case | numpy | dlapack-deno | dlapack-bun | dlapack-node | deno / numpy | bun / numpy | node / numpy |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  const ratio = (x?: number, y?: number) => x && y ? (x / y).toFixed(2) + "x" : "";
  for (const c of cases) {
    const np = get("numpy", c);
    const d = get("dlapack-deno", c);
    const bn = get("dlapack-bun", c);
    const nd = get("dlapack-node", c);
    t.push(
      `| ${label(c)} | ${fmt(np)} | ${fmt(d)} | ${fmt(bn)} | ${fmt(nd)} | ${ratio(d, np)} | ${
        ratio(bn, np)
      } | ${ratio(nd, np)} |`,
    );
  }
  t.push(
    "",
    "A new (1000, 1000) result is 8 MB of fresh memory: on Deno, Bun and Node a call takes " +
      "some 500-2000 first-touch page faults (a dead result is freed only at a later GC, and the " +
      "allocator has given the memory back to the kernel meanwhile; measured with " +
      "process.resourceUsage()), numpy about 14 (malloc reuses the block just freed). On a VM " +
      "whose freed memory goes back to the host a fault costs 10-20 us, so the allocating row " +
      'measures page faults, not the add; "into out" is the loop itself. `sum` gives numpy\'s bits ' +
      "(its pairwise summation).",
    "",
    CORE_END,
  );
  const file = join(root, "bench/RESULTS.md");
  const prev = existsSync(file) ? readFileSync(file, "utf8") : "";
  const at = prev.indexOf(CORE_START);
  const end = prev.indexOf(CORE_END);
  const next = at >= 0 && end > at
    ? prev.slice(0, at) + t.join("\n") + prev.slice(end + CORE_END.length)
    : prev.trimEnd() + "\n\n" + t.join("\n") + "\n";
  writeFileSync(file, next);
  console.log(t.join("\n"));
  console.error(`wrote ${file}`);
  process.exit(0);
}

const lines: string[] = [];
lines.push("# Benchmark results", "");
lines.push(
  `One run of \`deno task bench:compare${quick ? " --quick" : ""}\` on ${
    new Date().toISOString().slice(0, 10)
  }: ` +
    `${cpus().length} cores (${
      cpus()[0]?.model ?? "unknown CPU"
    }), ${b.vendor} ${b.version} (${b.path}), ` +
    `${b.threads} threads by default. Medians per call (for a stack: per whole stack), float64.`,
  "",
  "- **c-floor**: the same LAPACK routines from C on the same inputs, with a copy of the input (LAPACK overwrites it), one thread for n <= 64 as dlapack does.",
  "- **numpy**: Debian's python3-numpy with default threads; **numpy-1t** with OPENBLAS_NUM_THREADS=1.",
  "- **dlapack-***: this module on Deno, Bun and Node 26, results allocated per call (no `out`).",
  "- **ml-matrix**, **mathjs**: the pure-JS libraries, on Node 26 (skipped above n = 100 for the slow decompositions).",
  "- **vs floor**: dlapack-deno / c-floor; **numpy / dlapack**: numpy (default threads) / dlapack-deno.",
  "",
);
lines.push(`| case | ${TOOLS.join(" | ")} | vs floor | numpy / dlapack |`);
lines.push(`|---|${TOOLS.map(() => "---:").join("|")}|---:|---:|`);
for (const c of cases) {
  const label = `${c.op} ${c.stack ? `(${c.stack},${c.n},${c.n})` : `${c.n}`}`;
  const cells = TOOLS.map((t) => fmt(get(t, c)));
  const d = get("dlapack-deno", c);
  const f = get("c-floor", c);
  const np = get("numpy", c);
  lines.push(
    `| ${label} | ${cells.join(" | ")} | ${d && f ? (d / f).toFixed(2) + "x" : ""} | ${
      d && np ? (np / d).toFixed(2) + "x" : ""
    } |`,
  );
}
lines.push(
  "",
  `Versions: deno, bun, node from package.json; numpy ${
    hasNumpy
      ? spawnSync(python, ["-c", "import numpy; print(numpy.__version__)"], { encoding: "utf8" })
        .stdout.trim()
      : "absent"
  }. Took ${Math.round((Date.now() - t0) / 1000)} s.`,
);
const out = join(root, quick ? "bench/RESULTS-quick.md" : "bench/RESULTS.md");
// Keep the scipy.linalg table that bench/scipy_compare.ts writes into the same file.
const previous = existsSync(out) ? readFileSync(out, "utf8") : "";
const coreAt = previous.indexOf(CORE_START);
const coreEnd = previous.indexOf(CORE_END);
if (coreAt >= 0 && coreEnd > coreAt) {
  lines.push("", previous.slice(coreAt, coreEnd + CORE_END.length));
}
const scipyAt = previous.indexOf("<!-- scipy.linalg");
const scipyEnd = previous.indexOf("<!-- /scipy.linalg -->");
if (scipyAt >= 0 && scipyEnd > scipyAt) {
  lines.push("", previous.slice(scipyAt, scipyEnd + "<!-- /scipy.linalg -->".length));
}
// And the tables of bench/overhead_bench.ts and bench/heap_bench.ts.
for (
  const [open, close] of [["<!-- overhead -->", "<!-- /overhead -->"], [
    "<!-- heap:",
    "<!-- /heap -->",
  ]]
) {
  const at = previous.indexOf(open);
  const end = previous.indexOf(close);
  if (at >= 0 && end > at) lines.push("", previous.slice(at, end + close.length));
}
writeFileSync(out, lines.join("\n") + "\n");
console.log(lines.join("\n"));
console.error(`wrote ${out}`);
