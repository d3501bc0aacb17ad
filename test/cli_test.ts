// The `dlapack` command: run from source on this runtime, and compiled to one file with
// `bun build --compile` (and `deno compile` when DENORT_BIN points at a denort binary),
// checked against numpy on .npy files numpy wrote.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { runtimeCommand } from "./_runtime.ts";
import { loadNpy, saveNpy } from "../src/npy.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "scripts/cli.ts");
const dir = mkdtempSync(join(tmpdir(), "dlapack-cli-"));
const python = "/usr/bin/python3";
const hasNumpy = existsSync(python) && spawnSync(python, ["-c", "import numpy"]).status === 0;

function dlapack(args: string[], input?: string) {
  const { cmd, args: pre } = runtimeCommand(cli);
  // Deno: the CLI also writes files, so allow all.
  const flags = G.Deno === undefined ? pre : ["run", "-A", cli];
  const r = spawnSync(cmd, [...flags, ...args], {
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

const A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]];
writeFileSync(join(dir, "a.npy"), saveNpy(A));
writeFileSync(join(dir, "a.csv"), A.map((r) => r.join(",")).join("\n") + "\n");
writeFileSync(join(dir, "b.json"), JSON.stringify([1, 2, 3]));

describe("dlapack CLI from source", () => {
  test("inv .npy -> .npy", () => {
    const r = dlapack(["inv", join(dir, "a.npy"), "--out", join(dir, "ainv.npy")]);
    assert.equal(r.status, 0, r.stderr);
    const x = loadNpy(readFileSync(join(dir, "ainv.npy")));
    assert.deepEqual(x.shape, [3, 3]);
    assert.ok(Math.abs((x.at(0, 0) as number) - 5 / 18) < 1e-15);
  });
  test("det of a CSV prints CSV", () => {
    const r = dlapack(["det", join(dir, "a.csv")]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Math.abs(Number(r.stdout.trim()) - 18) < 1e-12);
  });
  test("solve .npy and .json, JSON out", () => {
    const r = dlapack(["solve", join(dir, "a.npy"), join(dir, "b.json"), "--format", "json"]);
    assert.equal(r.status, 0, r.stderr);
    const x = JSON.parse(r.stdout);
    assert.equal(x.length, 3);
  });
  test("eigh from standard input, several results as one JSON object", () => {
    const r = dlapack(["eigh", "-", "--format", "json"], JSON.stringify(A));
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ["eigenvalues", "eigenvectors"]);
  });
  test("errors: stderr, non-zero exit, no stack trace", () => {
    const singular = dlapack(["inv", "-"], "[[1,2],[2,4]]");
    assert.equal(singular.status, 1);
    assert.match(singular.stderr, /^dlapack: Singular matrix/);
    const missing = dlapack(["inv", join(dir, "nope.npy")]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Cannot read/);
    const unknown = dlapack(["frobnicate"]);
    assert.equal(unknown.status, 2);
    const bad = dlapack(["inv", "-"], "1,2\n3,x\n");
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /row 2, column 2/);
    const extra = dlapack(["inv", join(dir, "a.npy"), join(dir, "a.csv")]);
    assert.equal(extra.status, 2);
    assert.match(extra.stderr, /^dlapack: The inv command takes 1 file \(A\), got 2$/m);
    for (const r of [singular, missing, unknown, bad, extra]) {
      assert.doesNotMatch(r.stderr, /^\s+at /m);
    }
  });
  test("--help for each command", {
    skip: process.platform === "win32" &&
      "argument parsing: tested on Linux (eleven slow starts under Wine)",
  }, () => {
    for (
      const c of [
        "inv",
        "det",
        "solve",
        "eig",
        "eigh",
        "svd",
        "lstsq",
        "cholesky",
        "qr",
        "doctor",
        "bench",
      ]
    ) {
      const r = dlapack([c, "--help"]);
      assert.equal(r.status, 0, `${c}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`dlapack ${c}`));
    }
  });
});

describe("dlapack CLI compiled to one file", {
  skip: (G.Deno === undefined && "built once, from the Deno run") ||
    (process.platform === "win32" && "built on Linux for Windows by scripts/test-windows.sh"),
}, () => {
  test("bun build --compile: inv of a numpy .npy agrees with numpy to 1e-12", {
    skip: !hasNumpy && "no python3-numpy",
  }, () => {
    const exe = join(dir, "dlapack");
    const b = spawnSync(join(root, "node_modules/.bin/bun"), [
      "build",
      "--compile",
      cli,
      "--outfile",
      exe,
    ], { encoding: "utf8" });
    assert.equal(b.status, 0, b.stderr);
    const made = spawnSync(python, [
      "-c",
      `import numpy as np; r=np.random.default_rng(1); a=r.standard_normal((50,50))+50*np.eye(50); np.save("${dir}/big.npy", a)`,
    ]);
    assert.equal(made.status, 0, String(made.stderr));
    const r = spawnSync(exe, ["inv", join(dir, "big.npy"), "--out", join(dir, "big_inv.npy")], {
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    const check = spawnSync(python, [
      "-c",
      `import numpy as np; a=np.load("${dir}/big.npy"); x=np.load("${dir}/big_inv.npy"); print(abs(x-np.linalg.inv(a)).max())`,
    ], { encoding: "utf8" });
    assert.ok(Number(check.stdout) < 1e-12, check.stdout + check.stderr);
    const doc = spawnSync(exe, ["doctor"], { encoding: "utf8" });
    assert.equal(doc.status, 0);
    assert.match(doc.stdout, /openblas/);
  });
  test("deno compile (needs DENORT_BIN: deno compile downloads its runtime otherwise)", {
    skip: !process.env.DENORT_BIN && "DENORT_BIN is not set",
  }, () => {
    const exe = join(dir, "dlapack-deno");
    const b = spawnSync(join(root, "node_modules/.bin/deno"), [
      "compile",
      "--allow-ffi",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "-o",
      exe,
      cli,
    ], { encoding: "utf8" });
    assert.equal(b.status, 0, b.stderr);
    const r = spawnSync(exe, ["det", join(dir, "a.csv")], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Math.abs(Number(r.stdout.trim()) - 18) < 1e-12);
  });
});
