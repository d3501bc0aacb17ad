/**
 * What glibc's trimming costs a loop of calls, and what `heap: "reuse"` (ffi/heap.ts) gives
 * back: `deno run -A bench/heap_bench.ts [--quick]`. Each case runs in fresh processes of
 * Deno, Bun and Node, with DLAPACK_HEAP=reuse (the default) and DLAPACK_HEAP=system, on one
 * OpenBLAS thread, interleaved over rounds; the median round is shown. Unlike
 * bench/scipy_compare.ts, nothing waits for the heap to settle: the figure is the mean time
 * per call over the whole loop from the first call, as a program sees it, with the page
 * faults per call and the peak resident memory (Linux's /proc/self/status VmHWM). Writes its
 * table into bench/RESULTS.md between the `heap` markers (not with `--quick`).
 *
 * @module
 */
import process from "node:process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const argv = process.argv.slice(2);

/** One case: a name, a size, and how many seconds of calls. */
const CASES: [string, number][] = [
  ["choFactor+choSolve", 100],
  ["choFactor+choSolve", 200],
  ["eigh", 200],
  ["inv", 500],
];

async function child(op: string, n: number, seconds: number): Promise<void> {
  const { fill } = await import("./_inputs.ts");
  const { linalg, NDArray } = await import("../mod.ts");
  // deno-lint-ignore no-explicit-any
  const L = linalg as any;
  const a = new NDArray(fill(n, true, 1), "float64", [n, n]);
  const b = new NDArray(new Float64Array(n * 100).map((_, i) => (i % 97) / 7), "float64", [n, 100]);
  const f = op === "choFactor+choSolve"
    ? () => L.choSolve(L.choFactor(a), b)
    : op === "eigh"
    ? () => L.eigh(a)
    : () => L.inv(a);
  const stat = (): string[] => readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  f(); // loads the backend (and tunes the heap) before the clock starts
  const f0 = Number(stat()[7]);
  const t0 = performance.now();
  let calls = 0;
  while (performance.now() - t0 < seconds * 1000) {
    f();
    calls++;
  }
  const us = (performance.now() - t0) / calls * 1000;
  const faults = (Number(stat()[7]) - f0) / calls;
  const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"));
  const heap = (await import("../mod.ts")).backend().heap;
  console.log(JSON.stringify({ us, faults, peakMB: hwm ? Number(hwm[1]) / 1024 : NaN, heap }));
}

function parent(quick: boolean): void {
  const root = new URL("..", import.meta.url).pathname;
  const bin = (b: string) => join(root, "node_modules", ".bin", b);
  const self = "bench/heap_bench.ts";
  const runtimes: [string, string, string[]][] = [
    ["Deno", bin("deno"), ["run", "-A", self]],
    ["Bun", bin("bun"), [self]],
    ["Node", bin("node"), ["--experimental-ffi", "--no-warnings", self]],
  ];
  const rounds = quick ? 1 : 3;
  const seconds = quick ? 0.5 : 3;
  type Row = { us: number; faults: number; peakMB: number; heap: string };
  const results = new Map<string, Row[]>();
  for (let r = 0; r < rounds; r++) {
    for (const [op, n] of CASES) {
      for (const [name, cmd, args] of runtimes) {
        for (const mode of ["reuse", "system"]) {
          const out = spawnSync(cmd, [...args, "--child", op, String(n), String(seconds)], {
            cwd: root,
            encoding: "utf8",
            env: { ...process.env, DLAPACK_HEAP: mode, OPENBLAS_NUM_THREADS: "1" },
            timeout: 120_000,
          });
          const line = (out.stdout ?? "").trim().split("\n").pop() ?? "";
          try {
            const key = `${op} ${n}|${name}|${mode}`;
            results.set(key, [...(results.get(key) ?? []), JSON.parse(line)]);
          } catch {
            console.error(`${name} ${op} ${n} ${mode} failed: ${(out.stderr ?? "").slice(0, 300)}`);
          }
        }
      }
    }
  }
  const median = (rows: Row[]): Row => [...rows].sort((x, y) => x.us - y.us)[rows.length >> 1];
  const fmt = (us: number) => us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(0)} us`;
  const lines = [
    "<!-- heap: written by bench/heap_bench.ts -->",
    "## The heap under a garbage collector (bench/heap_bench.ts)",
    "",
    `Mean time per call over ${seconds} s of calls from the first (median of ${rounds} rounds, ` +
    "fresh processes, interleaved; the slowest round in brackets), page faults per call, peak RSS; one OpenBLAS thread. " +
    '`heap: "reuse"` is the default (README, "Memory"); Bun is never tuned.',
    "",
    '| case | runtime | heap: "reuse" (default) | heap: "system" | system / reuse |',
    "|---|---|---:|---:|---:|",
  ];
  for (const [op, n] of CASES) {
    for (const [name] of runtimes) {
      const get = (mode: string) => results.get(`${op} ${n}|${name}|${mode}`);
      const a = get("reuse");
      const b = get("system");
      if (!a || !b) continue;
      const ra = median(a);
      const rb = median(b);
      const worst = (rows: Row[]) => Math.max(...rows.map((r) => r.us));
      const cell = (r: Row, rows: Row[]) =>
        `${fmt(r.us)} (worst ${fmt(worst(rows))}), ${r.faults.toFixed(1)} faults, ${
          r.peakMB.toFixed(0)
        } MB${r.heap === "reuse" ? "" : " (untuned)"}`;
      lines.push(
        `| ${op} ${n} | ${name} | ${cell(ra, a)} | ${cell(rb, b)} | ${
          (rb.us / ra.us).toFixed(2)
        }x |`,
      );
    }
  }
  lines.push("<!-- /heap -->");
  console.log(lines.join("\n"));
  if (quick) return;
  const file = join(root, "bench/RESULTS.md");
  const old = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const start = old.indexOf("<!-- heap:");
  const end = old.indexOf("<!-- /heap -->");
  writeFileSync(
    file,
    start >= 0 && end > start
      ? old.slice(0, start) + lines.join("\n") + old.slice(end + "<!-- /heap -->".length)
      : old.trimEnd() + "\n\n" + lines.join("\n") + "\n",
  );
}

const at = argv.indexOf("--child");
if (at >= 0) await child(argv[at + 1], Number(argv[at + 2]), Number(argv[at + 3]));
else parent(argv.includes("--quick"));
