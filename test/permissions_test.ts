// The least privilege that works, proved per runtime: a child process per permission set loads
// dlapack and calls det; each set either works or fails with a message naming what to grant,
// never with a stack trace from inside ffi/. The README's permission table is written from
// this file.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { here } from "./_runtime.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
const root = here("..");
const child = here("_perms_child.ts");
const deno = join(root, "node_modules/.bin/deno");
const node = join(root, "node_modules/.bin/node");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): Run {
  const merged: Record<string, string> = { NO_COLOR: "1" };
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== "DLAPACK_LIBRARY" && k !== "FORCE_COLOR") merged[k] = v;
  }
  const r = spawnSync(cmd, args, { env: { ...merged, ...env }, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** The child worked: det is 10. Returns its report. */
function works(r: Run): { det: number; path: string; vendor: string; version: string } {
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
  assert.ok(Math.abs(out.det - 10) < 1e-12);
  return out;
}

/** The child failed with dlapack's own message, not the runtime's, and no ffi/ frames. */
function refused(r: Run, message: RegExp): void {
  assert.notEqual(r.status, 0, r.stdout);
  assert.match(r.stderr, /FfiPermissionError: No LAPACK library could be opened/);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /NotCapable|ERR_ACCESS_DENIED/);
  assert.doesNotMatch(r.stderr, /^\s+at .*[\\/]ffi[\\/]/m, "a stack frame inside ffi/");
}

/** The library every runtime finds with all permissions (the one to scope to). */
function library(): string | undefined {
  const r = run(deno, ["run", "-A", child]);
  return r.status === 0 ? JSON.parse(r.stdout.trim().split("\n").pop()!).path : undefined;
}

const isDeno = G.Deno !== undefined && G.Bun === undefined;
const isNode = G.Deno === undefined && G.Bun === undefined;
const lib = existsSync(deno) ? library() : undefined;

if (isDeno && lib && !process.env.DENORT_BIN) {
  console.log(
    "permissions: the deno compile case is skipped: DENORT_BIN is not set (deno compile would download its runtime)",
  );
}

describe("permissions: Deno", {
  skip: !isDeno ? "the Deno matrix runs under deno test" : !lib && "no LAPACK found with -A",
}, () => {
  const L = lib!;
  const wrong = join(dirname(L), "libnot-lapack.so.0");
  test("-A", () => assert.equal(works(run(deno, ["run", "-A", child])).path, L));
  test("--allow-ffi", () => {
    assert.equal(works(run(deno, ["run", "--allow-ffi", child])).path, L);
  });
  test("--allow-ffi=<lib>: the search skips what the scope denies, the probe reads nothing it may not", () => {
    const out = works(run(deno, ["run", `--allow-ffi=${L}`, child]));
    assert.equal(out.path, L);
    assert.notEqual(out.version, "unknown");
  });
  test("--allow-ffi=<lib> --allow-env=DLAPACK_LIBRARY", () => {
    const r = run(deno, ["run", `--allow-ffi=${L}`, "--allow-env=DLAPACK_LIBRARY", child], {
      DLAPACK_LIBRARY: L,
    });
    assert.equal(works(r).path, L);
  });
  test("--allow-ffi=<lib> --allow-read", () => {
    assert.equal(works(run(deno, ["run", `--allow-ffi=${L}`, "--allow-read", child])).path, L);
  });
  test("--allow-ffi=<wrong lib>: names the flag for each place (it cannot see which exists)", () => {
    refused(run(deno, ["run", `--allow-ffi=${wrong}`, child]), new RegExp(`--allow-ffi=${L}\\b`));
  });
  test("--allow-ffi=<wrong lib> --allow-read: names the flag for the library it found", () => {
    refused(
      run(deno, ["run", `--allow-ffi=${wrong}`, "--allow-read", child]),
      new RegExp(`Grant the first one found: --allow-ffi=${L}$`, "m"),
    );
  });
  test("DLAPACK_LIBRARY=<lib> --allow-env=DLAPACK_LIBRARY --allow-ffi=<wrong lib>", () => {
    const r = run(deno, ["run", `--allow-ffi=${wrong}`, "--allow-env=DLAPACK_LIBRARY", child], {
      DLAPACK_LIBRARY: L,
    });
    refused(r, new RegExp(`Grant the library DLAPACK_LIBRARY names: --allow-ffi=${L}$`, "m"));
  });
  test("no permission at all", () => {
    refused(run(deno, ["run", child]), /--allow-ffi=<its path>/);
  });
  test("linalg.async under --allow-ffi=<lib>: its worker needs --allow-read=<dlapack's folder>", () => {
    const r = run(deno, ["run", `--allow-ffi=${L}`, child, "async"]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, new RegExp(`grant --allow-read=${root}`));
    assert.doesNotMatch(r.stderr, /^\s+at .*[\\/]ffi[\\/]/m);
    const ok = run(deno, ["run", `--allow-ffi=${L}`, `--allow-read=${root}`, child, "async"]);
    assert.equal(works(ok).path, L);
  });
  test("the doctor under --allow-ffi=<lib> says what it could not learn and which flag would", () => {
    const r = run(deno, ["run", `--allow-ffi=${L}`, join(root, "scripts/doctor.ts")]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`LAPACK found: ${L}`));
    assert.match(r.stdout, /Not learned under the permissions granted:/);
    assert.match(r.stdout, /grant --allow-env=DLAPACK_LIBRARY,DLAPACK_ABI/);
    assert.match(r.stdout, /grant --allow-read/);
  });
  test("deno compile with --allow-ffi=<lib> baked in", {
    skip: !process.env.DENORT_BIN &&
      "DENORT_BIN is not set (deno compile would download its runtime)",
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), "dlapack-perms-"));
    try {
      const exe = join(dir, "det");
      const made = run(deno, ["compile", `--allow-ffi=${L}`, "-o", exe, child]);
      assert.equal(made.status, 0, made.stderr);
      assert.equal(works(run(exe, [])).path, L);
      const wrongExe = join(dir, "det-wrong");
      const madeWrong = run(deno, ["compile", `--allow-ffi=${wrong}`, "-o", wrongExe, child]);
      assert.equal(madeWrong.status, 0, madeWrong.stderr);
      refused(run(wrongExe, []), new RegExp(`--allow-ffi=${L}\\b`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("permissions: Node 26 (--permission)", {
  skip: !isNode ? "the Node matrix runs under node --test" : !lib && "no LAPACK found with -A",
}, () => {
  const L = lib!;
  const read = `--allow-fs-read=${root}`;
  const args = (...flags: string[]) => ["--experimental-ffi", "--no-warnings", ...flags, child];
  test("no permission model", () => assert.equal(works(run(node, args())).path, L));
  test("--permission --allow-fs-read=<app> --allow-ffi", () => {
    assert.equal(works(run(node, args("--permission", read, "--allow-ffi"))).path, L);
  });
  test("--allow-ffi=<path> is no scope in Node 26: a path that does not exist allows every library", () => {
    const r = run(node, args("--permission", read, "--allow-ffi=/nonexistent/libnothing.so"));
    assert.equal(works(r).path, L);
  });
  test("--permission --allow-fs-read=<app> --allow-ffi with DLAPACK_LIBRARY", () => {
    const r = run(node, args("--permission", read, "--allow-ffi"), { DLAPACK_LIBRARY: L });
    assert.equal(works(r).path, L);
  });
  test("linalg.async under --permission: its worker thread needs --allow-worker", () => {
    const r = run(node, [...args("--permission", read, "--allow-ffi"), "async"]);
    assert.notEqual(r.status, 0);
    assert.match(
      r.stderr,
      /worker thread, which Node's --permission starts only with --allow-worker/,
    );
    const ok = run(node, [...args("--permission", read, "--allow-ffi", "--allow-worker"), "async"]);
    assert.equal(works(ok).path, L);
  });
  test("--permission --allow-fs-read=<app> without --allow-ffi", () => {
    refused(run(node, args("--permission", read)), /Run with --permission --allow-ffi/);
  });
});

describe("permissions: Bun", { skip: G.Bun === undefined && "not Bun" }, () => {
  test("Bun has no permission model: nothing to grant", () => {
    assert.ok(Math.abs(works(run(process.execPath, [child])).det - 10) < 1e-12);
  });
});
