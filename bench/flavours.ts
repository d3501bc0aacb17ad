/**
 * Which LAPACK to install: inv 10x10, inv of a (10000, 10, 10) stack, solve 1000 and eigh 1000
 * on every flavour of scripts/flavours.mjs, side by side, from one run.
 *
 *   deno run -A bench/flavours.ts            every installed flavour, one child process each
 *   DLAPACK_LIBRARY=... deno run -A bench/flavours.ts --one   the current library, as JSON
 *
 * Short runs: the small cases are timed in batches for about half a second, the big ones as
 * the median of three calls after one warm-up. A shared machine moves these figures; compare
 * within one run only.
 *
 * @module
 */
import process from "node:process";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fill, measure } from "./_inputs.ts";
import { backend, linalg, NDArray } from "../mod.ts";
import { FLAVOURS } from "../scripts/flavours.mjs";

const CASES = ["inv 10x10", "inv (10000,10,10)", "solve 1000", "eigh 1000"] as const;

function matrix(n: number, items: number, spd = false): NDArray {
  const data = new Float64Array(items * n * n);
  for (let k = 0; k < items; k++) data.set(fill(n, spd, 1 + (k % 7)), k * n * n);
  return new NDArray(data, "float64", items > 1 ? [items, n, n] : [n, n]);
}

function median3(f: () => unknown): number {
  f();
  const t: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[1] * 1000;
}

function one(): Record<string, number | string> {
  const a10 = matrix(10, 1);
  const stack = matrix(10, 10000);
  const a1000 = matrix(1000, 1);
  const b1000 = new NDArray(fill(1000, false, 3).slice(0, 1000), "float64", [1000]);
  const s1000 = matrix(1000, 1, true);
  const b = backend();
  return {
    library: `${b.vendor} ${b.version}${b.intWidth === 64 ? " ilp64" : ""}`,
    "inv 10x10": measure(() => linalg.inv(a10), 10),
    "inv (10000,10,10)": median3(() => linalg.inv(stack)),
    "solve 1000": median3(() => linalg.solve(a1000, b1000)),
    "eigh 1000": median3(() => linalg.eigh(s1000)),
  };
}

const fmt = (us: number) =>
  us >= 1e6
    ? `${(us / 1e6).toFixed(2)} s`
    : us >= 1e3
    ? `${(us / 1e3).toFixed(2)} ms`
    : `${us.toFixed(2)} us`;

if (process.argv.includes("--one")) {
  console.log(JSON.stringify(one()));
} else {
  const rows: string[][] = [];
  for (const f of FLAVOURS) {
    if (!existsSync(f.env.DLAPACK_LIBRARY)) continue;
    const r = spawnSync(
      Deno.execPath(),
      ["run", "-A", new URL(import.meta.url).pathname, "--one"],
      { env: { ...process.env, ...f.env }, encoding: "utf8", timeout: 600_000 },
    );
    const line = (r.stdout ?? "").trim().split("\n").pop() ?? "";
    try {
      const j = JSON.parse(line);
      rows.push([f.name, ...CASES.map((c) => fmt(j[c]))]);
    } catch {
      rows.push([f.name, ...CASES.map(() => "failed")]);
      console.error(`${f.name}: ${r.stderr}`);
    }
    console.error(`done: ${f.name}`);
  }
  const head = ["flavour (Deno)", ...CASES];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join(" | ")} |`;
  console.log(line(head));
  console.log(
    `| ${w.map((n, i) => (i === 0 ? "-".repeat(n) : "-".repeat(n - 1) + ":")).join(" | ")} |`,
  );
  for (const r of rows) console.log(line(r));
}
