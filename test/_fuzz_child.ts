// Child process for fuzz_test.ts: calls every public function with hostile values drawn from a
// seeded PRNG and prints one JSON report line (`FUZZ_REPORT {...}`) on stdout.
//
// Each call must return a well-formed result or throw a TypeError, RangeError or LinAlgError
// with a message that starts with a capital letter, and must leave its array inputs
// byte-identical. Before each call the child writes "index: description" to the file named by
// FUZZ_LAST_FILE, so that after a crash (segfault, abort, OOM kill) the parent can name the
// input.
//
// Environment:
//   FUZZ_SEED       the seed (default 1)
//   FUZZ_CALLS      how many calls (default 20000)
//   FUZZ_FROM       the index of the first call (default 0): FUZZ_FROM=i FUZZ_CALLS=1 replays
//                   call i of a seed, since every call draws from its own PRNG stream
//   FUZZ_ONLY       a comma-separated list of function names to fuzz (default: all)
//   FUZZ_MODULES    extra modules (comma-separated paths relative to the repository) whose
//                   exported functions join the linalg functions, e.g. files not yet in mod.ts
//   FUZZ_LAST_FILE  where to write the current input (default: nowhere)
//   FUZZ_DIR        the working directory for the run (default: a new temporary directory,
//                   removed at the end); writeNpy may create files there (Deno's node:fs
//                   turns any path value into a string: writeNpy(null, a) writes "./null")
//   FUZZ_VERBOSE=1  print every call and its outcome on stderr
//   FUZZ_EXCLUDE    a JSON list of regular expressions: calls whose "name(input)" matches one
//                   are not made (known crashes, reproduced one per process by FUZZ_REPRO)
//   FUZZ_REPRO      run one reproduction of a known crash instead of the loop
import process from "node:process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as dl from "../mod.ts";
import { NDArray } from "../mod.ts";
import type { Any, Ctx, DT, Gen } from "./_fuzz_values.ts";
import {
  CALLS,
  CLEAN_MODES,
  describe,
  describeView,
  DTYPES,
  env,
  FROM,
  LAST,
  lookAlike,
  makeView,
  Rng,
  scenario,
  SEED,
  streamSeed,
  VERBOSE,
} from "./_fuzz_values.ts";
import type { Target } from "./_fuzz_targets.ts";
import { guardsIntact, NO_HUGE, targets } from "./_fuzz_targets.ts";
import {
  badError,
  byFunction,
  checkResult,
  engineErrors,
  errorsByClass,
  find,
  findings,
  fingerprint,
  sameValues,
} from "./_fuzz_checks.ts";
export type { Finding } from "./_fuzz_checks.ts";

let calls = 0;
let results = 0;

// ---------------------------------------------------------------------------------------------
// The loop.

function note(index: number, text: string): void {
  if (LAST !== undefined) writeFileSync(LAST, `${index}: ${text}`);
  if (VERBOSE) process.stderr.write(`#${index} ${text}\n`);
}

function freshCtx(seed: number, fname: string): Ctx {
  return {
    rng: new Rng(seed),
    fname,
    lenient: false,
    extreme: false,
    volatile: false,
    broken: false,
    aliasOut: false,
    huge: !NO_HUGE.has(fname) && !NO_HUGE.has(fname.replace("NDArray#", "")),
    m: 0,
    n: 0,
    k: 0,
    stack: [],
    made: [],
    guards: [],
    keys: undefined,
  };
}

function count(fn: string, outcome: string): void {
  const b = (byFunction[fn] ??= { calls: 0, ok: 0, ms: 0, errors: {} });
  b.calls++;
  calls++;
  if (outcome === "ok") {
    b.ok++;
    results++;
  } else {
    b.errors[outcome] = (b.errors[outcome] ?? 0) + 1;
    errorsByClass[outcome] = (errorsByClass[outcome] ?? 0) + 1;
  }
}

interface Outcome {
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

/** One call with its checks. */
function attempt(
  t: Target,
  args: unknown[],
  input: string,
  ctx: Ctx,
  index: number,
  skipImmut: Set<unknown>,
): Outcome {
  const check = !ctx.volatile;
  const before = check ? fingerprint(args, skipImmut) : 0;
  let out: Outcome;
  try {
    if (DRY) throw new TypeError("Dry run");
    out = { ok: true, value: t.call(args) };
  } catch (e) {
    out = { ok: false, error: e };
  }
  if (ctx.guards.length > 0 && !guardsIntact(ctx)) {
    find(
      "overrun",
      t.name,
      `wrote past an array the checks accepted (${out.ok ? "returned" : "threw"})`,
      input,
      index,
    );
  }
  if (check && !(ctx.aliasOut && out.ok)) {
    const after = fingerprint(args, skipImmut);
    if (after !== before) find("mutated", t.name, "an input changed", input, index);
  }
  if (out.ok) {
    count(t.name, "ok");
    const p = checkResult(t, out.value, args, ctx);
    if (p !== undefined) find("badResult", t.name, p, input, index);
  } else {
    const e = out.error;
    const cls = e instanceof Error ? e.name : `non-Error ${typeof e}`;
    count(t.name, cls);
    const bad = badError(e, ctx, input);
    if (bad !== undefined) find(bad.kind, t.name, bad.detail, input, index);
  }
  if (VERBOSE) {
    const e = out.error as Error | undefined;
    process.stderr.write(
      `   -> ${out.ok ? `ok ${describe(out.value)}` : `${e?.name}: ${e?.message}`}\n`,
    );
  }
  return out;
}

/**
 * The arguments with `out` added to the options object (the last declared parameter), or
 * undefined when that slot holds something else (the first call then had no options).
 */
function withOut(args: unknown[], arity: number, outValue: NDArray): unknown[] | undefined {
  const pos = arity - 1;
  if (pos < 1 || args.length > arity || args.length < pos) return undefined;
  const copy = args.slice();
  const o = copy[pos];
  if (o === undefined) copy[pos] = { out: outValue };
  else if (typeof o === "object" && o !== null && Object.getPrototypeOf(o) === Object.prototype) {
    copy[pos] = { ...o, out: outValue };
  } else return undefined;
  return copy;
}

/** A second call with an `out` of the result's shape: a strided view must get the same values. */
function outPhase(
  t: Target,
  args: unknown[],
  input: string,
  r: NDArray,
  ctx: Ctx,
  index: number,
): void {
  const rng = ctx.rng;
  const x = rng.next();
  // A view of an input (matrixTranspose): nothing to write. (Its storage, not its buffer: small
  // arrays share pooled slabs.)
  for (const a of args) if (a instanceof NDArray && a.data === r.data) return;
  if (r.dtype === "int32" || r.dtype === "bool") return; // integer results (matrixRank): no out
  let out: NDArray;
  let d: string;
  let kind: "view" | "dtype" | "shape" | "alias";
  if (x < 0.6) {
    const mode = rng.pick(CLEAN_MODES);
    out = makeView(ctx, r.dtype as DT, r.shape.slice(), mode);
    d = `out ${describeView(out, mode)}`;
    kind = "view";
  } else if (x < 0.75) {
    const dt = rng.pick(DTYPES.filter((z) => z !== r.dtype));
    out = makeView(ctx, dt, r.shape.slice(), "C");
    d = `out of dtype ${dt}`;
    kind = "dtype";
  } else if (x < 0.9) {
    const s = r.shape.slice();
    if (s.length > 0 && rng.chance(0.6)) s[rng.int(s.length)] += rng.chance(0.5) ? 1 : -1;
    else s.push(1);
    if (s.some((z) => z < 0)) s.push(2);
    if (s.length > 64) return;
    out = makeView(ctx, r.dtype as DT, s.map((z) => Math.max(0, z)), "C");
    d = `out of shape [${out.shape}]`;
    kind = "shape";
  } else {
    const a = args[0];
    if (
      !(a instanceof NDArray) || a.dtype !== r.dtype || a.shape.length !== r.shape.length ||
      a.shape.some((z, i) => z !== r.shape[i])
    ) return;
    out = a;
    d = "out = the input itself";
    kind = "alias";
    ctx.aliasOut = true;
  }
  const args2 = withOut(args, t.arity, out);
  if (args2 === undefined) return;
  const input2 = `${input} + ${d}`;
  note(index, `${t.name} ${input2}`);
  const skip = new Set<unknown>([out]);
  if (kind === "alias") skip.clear();
  const o = attempt(t, args2, input2, ctx, index, skip);
  if (!o.ok) return;
  if (o.value !== out) {
    // A function without `out` must refuse it (a TypeError, as numpy's for a keyword it
    // lacks), not return another array: the caller would read a buffer never written.
    const p = o.value instanceof NDArray ? sameValues(r, o.value) : "not an NDArray";
    if (p !== undefined) find("outMismatch", t.name, `out ignored, and then: ${p}`, input2, index);
    else {find(
        "outIgnored",
        t.name,
        "out was given but not used (an option a function does not take must be a TypeError)",
        input2,
        index,
      );}
    return;
  }
  if (kind === "shape") {
    find("outMismatch", t.name, `accepted ${d} for a result of shape [${r.shape}]`, input2, index);
    return;
  }
  if (kind === "dtype") return; // numpy casts into `out` ("same_kind"); dlapack may refuse
  const p = sameValues(r, out);
  if (p !== undefined) find("outMismatch", t.name, `with out: ${p}`, input2, index);
}

const TRACE_RSS = env("FUZZ_TRACE_RSS") === "1";
// Known crashes (see fuzz_test.ts): calls whose "name(input)" matches are not made.
const EXCLUDE: RegExp[] = (JSON.parse(env("FUZZ_EXCLUDE") ?? "[]") as string[]).map((x) =>
  new RegExp(x)
);
const excluded: Record<string, number> = {};
const DRY = env("FUZZ_DRY") === "1";
let lastRss = 0;

async function main(): Promise<void> {
  const list = await targets();
  const groups = {
    linalg: list.filter((t) => t.group === "linalg"),
    lapack: list.filter((t) => t.group === "lapack"),
    rest: list.filter((t) => t.group !== "linalg" && t.group !== "lapack"),
  };
  const started = Date.now();
  const slow: { ms: number; fn: string; index: number }[] = [];
  for (let index = FROM; index < FROM + CALLS; index++) {
    const pickRng = new Rng(streamSeed(SEED, index) ^ 0x5bd1e995);
    // 55% linalg, 20% lapack, 25% the rest (of the groups that are not empty).
    const x = pickRng.next();
    const pool = [
      x < 0.55 ? groups.linalg : x < 0.75 ? groups.lapack : groups.rest,
      groups.linalg,
      groups.lapack,
      groups.rest,
    ]
      .find((p) => p.length > 0)!;
    const t = pool[pickRng.int(pool.length)];
    const ctx = freshCtx(streamSeed(SEED, index), t.name);
    ctx.keys = t.keys;
    scenario(ctx);
    let gens: Gen[];
    try {
      gens = t.args(ctx);
    } catch (e) {
      find(
        "generator",
        t.name,
        `the fuzzer's own generator failed: ${(e as Error)?.stack ?? e}`,
        "",
        index,
      );
      continue;
    }
    const args = gens.map((g) => g.v);
    const input = `(${gens.map((g) => g.d).join(", ")})`;
    if (EXCLUDE.some((re) => re.test(`${t.name}${input}`))) {
      excluded[t.name] = (excluded[t.name] ?? 0) + 1;
      continue;
    }
    note(index, `${t.name}${input}`);
    const t0 = Date.now();
    // `out` is written by design: it is not an input (unless it aliases one).
    const skip = new Set<unknown>();
    for (const a of args.slice(1)) {
      if (
        typeof a !== "object" || a === null || Array.isArray(a) || ArrayBuffer.isView(a) ||
        ctx.volatile || ctx.aliasOut
      ) continue;
      try {
        if (Object.hasOwn(a, "out")) skip.add((a as Any).out);
      } catch { /* a Proxy */ }
    }
    const o = attempt(t, args, input, ctx, index, skip);
    if (
      o.ok && t.group === "linalg" && o.value instanceof NDArray && !ctx.lenient && !ctx.broken &&
      !ctx.volatile && ctx.rng.chance(0.3)
    ) {
      const lastArg = args[args.length - 1];
      if (!(typeof lastArg === "object" && lastArg !== null && "out" in lastArg)) {
        outPhase(t, args, input, o.value, ctx, index);
      }
    }
    const ms = Date.now() - t0;
    if (TRACE_RSS) {
      const rss = process.memoryUsage().rss;
      if (index % 500 === 0) {
        process.stderr.write(`#${index} ${JSON.stringify(process.memoryUsage())}\n`);
      }
      if (rss > lastRss + 50e6) {
        process.stderr.write(
          `rss +${((rss - lastRss) / 1e6).toFixed(0)} MB to ${
            (rss / 1e6).toFixed(0)
          } MB at #${index} ${t.name}${input}\n`,
        );
      }
      lastRss = rss;
    }
    byFunction[t.name].ms += ms;
    if (slow.length < 5 || ms > slow[slow.length - 1].ms) {
      slow.push({ ms, fn: t.name, index });
      slow.sort((a, b) => b.ms - a.ms);
      slow.length = Math.min(slow.length, 5);
    }
  }
  const list2 = [...findings.values()].sort((a, b) => (a.kind + a.fn).localeCompare(b.kind + b.fn));
  const report = {
    seed: SEED,
    from: FROM,
    calls,
    results,
    excluded,
    errorsByClass,
    ms: Date.now() - started,
    functions: list.map((t) => t.name),
    byFunction,
    findings: list2,
    engineErrors: Object.values(engineErrors).sort((a, b) => b.count - a.count).slice(0, 40),
    slowest: slow,
  };
  process.stdout.write(`FUZZ_REPORT ${JSON.stringify(report)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Reproductions of known crashes (FUZZ_REPRO=name): the fuzz loop skips these inputs (see
// FUZZ_EXCLUDE), and fuzz_test.ts runs each alone, so that a crash takes only its own process.

const REPROS: Record<string, () => unknown> = {
  /** A valid zero-stride view of 2^40 elements: toArray() must refuse, not exhaust the heap. */
  toArrayHuge: () =>
    new NDArray(new Float64Array(1), "float64", [2 ** 20, 2 ** 20], [0, 0]).toArray(),
  /** A real array whose shape array was changed in place: LAPACK must never see -2. */
  changedShape: () => {
    const a: Any = dl.zeros([2, 2]);
    a.shape[0] = -2;
    return dl.linalg.det(a);
  },
  /** A look-alike of an array with a negative shape: LAPACK must never see -2. */
  negativeDimsDet: () => dl.linalg.det(lookAlike(dl.zeros([2, 2]), { shape: [-2, -2] })),
  /** The same through inv, whose kernel factory queries LAPACK's workspace first. */
  negativeDimsInv: () => dl.linalg.inv(lookAlike(dl.zeros([3, 3]), { shape: [-3, -3] })),
  /** A negative shape: reshape's no-copy stride search must not loop forever. */
  reshapeNegativeShape: () =>
    lookAlike(dl.zeros([1, 3, 2, 2]), { shape: [-1, 3, 2, 2] }).reshape([-1]),
  /** A number is not a path: it must not be taken as a file descriptor (2: stderr). */
  npyFileDescriptor: () => (dl as Any).writeNpy(2, [1, 2]),
};

function repro(name: string): void {
  const f = REPROS[name];
  if (f === undefined) throw new Error(`No reproduction named ${name}`);
  let out: Record<string, unknown>;
  try {
    const r = f();
    out = { ok: true, result: describe(r) };
  } catch (e) {
    const err = e as Error;
    out = { ok: false, name: err?.name, message: String(err?.message).slice(0, 300) };
  }
  process.stdout.write(`FUZZ_REPRO ${JSON.stringify(out)}\n`);
}

/** Moves to a scratch directory, so that files written by fuzzed calls land there. */
function scratch(): () => void {
  const given = env("FUZZ_DIR");
  const dir = given ?? mkdtempSync(join(tmpdir(), "dlapack-fuzz-"));
  const back = process.cwd();
  process.chdir(dir);
  return () => {
    process.chdir(back);
    if (given === undefined) rmSync(dir, { recursive: true, force: true });
  };
}

const REPRO = env("FUZZ_REPRO");
const restore = scratch();
try {
  if (REPRO !== undefined) repro(REPRO);
  else await main();
} finally {
  restore();
}
