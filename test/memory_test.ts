// Memory: 1,000,000 small calls (inv of a 10x10 matrix with and without `out`, solve, det) and
// 100 large ones (inv and solve of 300x300, eigh and svd of 200x200) in a child process of this
// runtime (_memory_child.ts), whose resident set size (RSS) must stop growing: the assertions
// bound the growth in MB, they never time anything.
//
// The child forces a full garbage collection before each sample (gc() with --expose-gc on V8,
// Bun.gc(true) on Bun). On Deno and Node it also runs with --max-semi-space-size=1: V8 grows its
// young generation (two semi-spaces, up to 16 MB each) when allocation is fast, which shows up as
// 8-20 MB RSS steps at unpredictable points of the run (measured: +10 to +23 MB over the small
// phase with the default, 0 to +6 MB with the cap); the cap makes the RSS follow what the
// library keeps alive, so the bounds can be tight enough to catch a small leak.
//
// Bounds, as growth in MB (measured here on 2 shared cores, 1e6 calls; 4 runs on Deno and Node,
// 9 on Bun):
//                                      deno         node         bun          bound
//   small: last sample - baseline      -0.5..+2.1   +0.5..+4.8   -0.3..+4.6    32
//   second half: max - sample at 500k  0..+0.1      0            0..+2.4       16
//   large: max - last small sample     -0.3..+0.5   +4.8..+5.3   -2.5..+1.1    24
// (Bun also has a transient bump of +8..+16 MB around 100,000 calls, gone by 200,000.)
// A leak of 100 bytes per small call adds 93 MB over the small phase (48 MB over its second
// half) and fails both small-phase bounds; the smallest leak they catch is about 34 bytes per
// call. Large calls that kept their results (0.3-0.7 MB each) added 45-50 MB to the large phase.
// Check it: MEMORY_LEAK=100 node scripts/test.mjs memory must fail on every runtime.
//
// Environment: MEMORY_CALLS (default 1000000) and MEMORY_LARGE (default 100) set the number of
// calls; MEMORY_LEAK (bytes per small call, default 0) makes the child leak on purpose.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import process from "node:process";
import { here, runtimeCommand } from "./_runtime.ts";
import type { Sample } from "./_memory_child.ts";

const CALLS = Number(process.env.MEMORY_CALLS ?? 1_000_000);
const LARGE = Number(process.env.MEMORY_LARGE ?? 100);
const CHILD = here("_memory_child.ts");

/** Growth bounds in MB (see the table above). */
const SMALL_GROWTH_MB = 32;
const SECOND_HALF_GROWTH_MB = 16;
const LARGE_GROWTH_MB = 24;

interface Report {
  runtime: string;
  gc: string;
  smallCalls: number;
  largeCalls: number;
  warmup: number;
  leakBytesPerCall: number;
  leakedMB: number;
  startMB: number;
  baselineMB: number;
  samples: Sample[];
  largeSamples: Sample[];
  ms: { warmup: number; small: number; large: number; total: number };
}

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
const runtime = G.Deno !== undefined ? "deno" : G.Bun !== undefined ? "bun" : "node";

function runMemoryChild() {
  const { cmd, args } = runtimeCommand(CHILD);
  if (runtime === "deno") {
    args.splice(args.length - 1, 0, "--v8-flags=--expose-gc,--max-semi-space-size=1");
  } else if (runtime === "node") args.unshift("--expose-gc", "--max-semi-space-size=1");
  const started = Date.now();
  // The timeout only stops a hung child; nothing is asserted about time.
  const r = spawnSync(cmd, args, {
    env: {
      ...process.env,
      MEMORY_CALLS: String(CALLS),
      MEMORY_LARGE: String(LARGE),
      NO_COLOR: "1",
    },
    encoding: "utf8",
    timeout: 600_000,
    maxBuffer: 64 << 20,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout = r.stdout ?? "";
  const at = stdout.indexOf("MEMORY_REPORT ");
  let report: Report | undefined;
  if (at >= 0) {
    const end = stdout.indexOf("\n", at);
    report = JSON.parse(
      stdout.slice(at + "MEMORY_REPORT ".length, end < 0 ? undefined : end),
    ) as Report;
  }
  return {
    status: r.status,
    signal: r.signal,
    stderr: r.stderr ?? "",
    report,
    ms: Date.now() - started,
  };
}

const run = runMemoryChild();
const report = run.report;
const mbs = (s: Sample[]) => s.map((x) => x.mb).join(", ");
const signed = (x: number) => (x < 0 ? "" : "+") + x.toFixed(1);

let smallGrowth = NaN;
let secondHalfGrowth = NaN;
let largeGrowth = NaN;
let mid: Sample | undefined;
if (report !== undefined) {
  const { samples, largeSamples, baselineMB } = report;
  // End against baseline, not the peak: Bun's RSS has a transient bump of up to +16 MB around
  // 100,000 calls that is gone by 200,000; a leak does not go away.
  smallGrowth = samples[samples.length - 1].mb - baselineMB;
  // The first sample at or past half of the calls, and every sample after it.
  const m = samples.findIndex((s) => s.calls >= report.smallCalls / 2);
  mid = samples[m];
  secondHalfGrowth = Math.max(...samples.slice(m).map((s) => s.mb)) - mid.mb;
  const endSmall = samples[samples.length - 1].mb;
  largeGrowth = largeSamples.length === 0
    ? 0
    : Math.max(...largeSamples.map((s) => s.mb)) - endSmall;
  const end = largeSamples.length > 0
    ? largeSamples[largeSamples.length - 1]
    : samples[samples.length - 1];
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const parts = [
    `${report.smallCalls} small + ${report.largeCalls} large calls in ${s(report.ms.total)}`,
    `(small ${s(report.ms.small)}, large ${s(report.ms.large)});`,
    `RSS start ${report.startMB} MB, baseline after ${report.warmup} calls ${baselineMB} MB,`,
    `end of small ${endSmall} MB, end ${end.mb} MB;`,
    `growth small ${signed(smallGrowth)} (bound ${SMALL_GROWTH_MB}),`,
    `second half ${signed(secondHalfGrowth)} (bound ${SECOND_HALF_GROWTH_MB}),`,
    `large ${signed(largeGrowth)} (bound ${LARGE_GROWTH_MB});`,
    `JS heap used ${samples[0].heapUsed} -> ${end.heapUsed} MB`,
  ];
  if (report.leakBytesPerCall > 0) {
    parts.push(`(MEMORY_LEAK: leaking ${report.leakBytesPerCall} bytes per small call on purpose)`);
  }
  console.log(`memory (${runtime}, gc ${report.gc}): ${parts.join(" ")}`);
  console.log(
    `memory (${runtime}): RSS samples (MB) small: ${mbs(samples)}; large: ${mbs(largeSamples)}`,
  );
}

const title =
  `memory: ${CALLS} small calls and ${LARGE} large ones, resident memory stays bounded (${runtime})`;
const exit = run.signal !== null
  ? `was killed by ${run.signal}`
  : `exited with status ${run.status}`;
const smallSamples = () => `Samples (MB): ${mbs(report!.samples)}`;
const perCall = () => Math.round((smallGrowth * 1024 * 1024) / (CALLS - report!.warmup));

describe(title, () => {
  const skip = report === undefined ? "no report (see the first test)" : false;

  test("the child process ran to the end and reported", () => {
    assert.ok(
      run.status === 0 && report !== undefined,
      `the memory child ${exit} after ${run.ms} ms without a report.\n` +
        `stderr (end):\n${run.stderr.slice(-3000)}`,
    );
  });

  test("it made every call, with garbage collection forced before each sample", { skip }, () => {
    const r = report!;
    assert.equal(r.smallCalls, CALLS);
    assert.equal(r.largeCalls, LARGE);
    assert.equal(r.samples[r.samples.length - 1].calls, CALLS);
    assert.equal(r.largeSamples.at(-1)?.calls ?? 0, LARGE);
    assert.notEqual(r.gc, "none", "the child could not force a garbage collection");
  });

  test(`the RSS grows by less than ${SMALL_GROWTH_MB} MB from warm-up to the last small call`, {
    skip,
  }, () => {
    assert.ok(
      smallGrowth < SMALL_GROWTH_MB,
      `RSS grew by ${smallGrowth.toFixed(1)} MB over the baseline ${report!.baselineMB} MB ` +
        `(a leak of about ${perCall()} bytes per call). ${smallSamples()}`,
    );
  });

  test(`the RSS stops growing: less than ${SECOND_HALF_GROWTH_MB} MB over the second half`, {
    skip,
  }, () => {
    assert.ok(
      secondHalfGrowth < SECOND_HALF_GROWTH_MB,
      `RSS grew by ${secondHalfGrowth.toFixed(1)} MB after ${mid!.calls} calls ` +
        `(${mid!.mb} MB). ${smallSamples()}`,
    );
  });

  test(`the large calls add less than ${LARGE_GROWTH_MB} MB to the RSS`, { skip }, () => {
    assert.ok(
      largeGrowth < LARGE_GROWTH_MB,
      `RSS grew by ${largeGrowth.toFixed(1)} MB over the large calls. ${smallSamples()}; ` +
        `large: ${mbs(report!.largeSamples)}`,
    );
  });
});
