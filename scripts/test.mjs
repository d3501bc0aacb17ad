#!/usr/bin/env node
// Runs the whole suite on Deno, Bun and Node 26 and ends with one line `N passed, N failed`
// summing all three. Plain JavaScript on node: built-ins, runnable by any Node or by Deno.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import process from "node:process";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (b) => join(root, "node_modules", ".bin", b);
const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const files = readdirSync(join(root, "test"))
  .filter((f) => f.endsWith("_test.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => join("test", f));
const env = { ...process.env, NO_COLOR: "1" };
delete env.FORCE_COLOR;

const runs = [
  {
    name: "deno",
    cmd: bin("deno"),
    args: [
      "test",
      "--allow-ffi",
      "--allow-env",
      "--allow-read",
      "--allow-run",
      "--allow-write",
      ...files,
    ],
    count: denoCount,
  },
  {
    // Every JSDoc @example runs, so the docs cannot lie.
    name: "deno --doc",
    cmd: bin("deno"),
    args: [
      "test",
      "--allow-ffi",
      "--allow-env",
      "--allow-read",
      "--allow-write",
      "--doc",
      "mod.ts",
      "src/",
      "ffi/",
      "README.md",
    ],
    count: denoCount,
    skip: only.length > 0,
  },
  {
    name: "bun",
    cmd: bin("bun"),
    // Bun stops a test after 5 s by default; the child-process tests need more on a loaded machine.
    args: ["test", "--timeout", "120000", ...files.map((f) => "./" + f)],
    count(out) {
      const p = [...out.matchAll(/^\s*(\d+) pass$/gm)].pop();
      const f = [...out.matchAll(/^\s*(\d+) fail$/gm)].pop();
      return p ? { passed: +p[1], failed: f ? +f[1] : 0 } : null;
    },
  },
  {
    name: "node",
    cmd: bin("node"),
    args: ["--experimental-ffi", "--no-warnings", "--test", "--test-concurrency=1", ...files],
    count(out) {
      const p = /^ℹ pass (\d+)$/m.exec(out);
      const f = /^ℹ fail (\d+)$/m.exec(out);
      return p ? { passed: +p[1], failed: f ? +f[1] : 0 } : null;
    },
  },
];

// "ok | 6 passed (188 steps) | 0 failed": Deno counts each describe() as a test and the tests
// inside it as steps; the steps are the leaves that Bun and Node count.
function denoCount(out) {
  const m = [
    ...out.matchAll(/\| (\d+) passed(?: \((\d+) steps?\))? \| (\d+) failed(?: \((\d+) steps?\))?/g),
  ].pop();
  if (!m) return null;
  return { passed: m[2] ? +m[2] : +m[1], failed: m[4] ? +m[4] : +m[3] };
}

let passed = 0;
let failed = 0;
for (const r of runs) {
  if (r.skip) continue;
  console.log(`\n=== ${r.name}: ${r.cmd} ${r.args.join(" ")}`);
  const res = spawnSync(r.cmd, r.args, { cwd: root, env, encoding: "utf8", maxBuffer: 1 << 28 });
  const out = `${res.stdout ?? ""}${res.stderr ?? ""}`;
  process.stdout.write(out);
  const c = r.count(out);
  if (c === null) {
    console.log(
      `=== ${r.name}: no test summary found (exit code ${res.status}); counted as 1 failure`,
    );
    failed += 1;
    continue;
  }
  if (res.status !== 0 && c.failed === 0) c.failed = 1;
  console.log(`=== ${r.name}: ${c.passed} passed, ${c.failed} failed`);
  passed += c.passed;
  failed += c.failed;
}
console.log(`\n${passed} passed, ${failed} failed`);
// exitCode, not exit(): exit() would drop output still queued for a slow pipe (tee in CI)
process.exitCode = failed === 0 ? 0 : 1;
