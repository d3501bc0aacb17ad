// The distributed mode (distributed.ts) on 4 MPI ranks with this runtime: every function on the
// grids 1x4, 2x2 and 4x1 with block sizes that do not divide n, in all four dtypes on 2x2, each
// result compared with single-machine dlapack on the same matrix (in the MPI job, on rank 0:
// _distributed_child.ts); the same error on every rank; a rank that throws ends the job with a
// non-zero exit; absent ScaLAPACK gives an error naming it and the install command (init and the
// doctor); example.ts solves its 2000 x 2000 system to 1e-10 of single-machine dlapack.
//
// Needs mpirun and ScaLAPACK (scripts/setup.mjs --test installs libscalapack-openmpi-dev
// openmpi-bin libopenmpi-dev on Debian); without them every test is skipped with the reason
// printed. DLAPACK_DIST_N sets n (default 500).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { here, runtimeCommand } from "./_runtime.ts";
import { scalapackSearchList } from "../ffi/scalapack_detect.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;
const runtime = G.Deno !== undefined ? "deno" : G.Bun !== undefined ? "bun" : "node";
const ROOT = here("..");
const CHILD = here("_distributed_child.ts");
const N = Number(process.env.DLAPACK_DIST_N ?? 500);

function whyNot(): string | false {
  if (process.platform !== "linux") {
    return `the distributed tests run on Linux only (this is ${process.platform})`;
  }
  const which = spawnSync("sh", ["-c", "command -v mpirun || command -v mpiexec"], {
    encoding: "utf8",
  });
  if (which.status !== 0) return "mpirun is not installed (apt-get install openmpi-bin)";
  const env = Object.fromEntries(
    ["DLAPACK_SCALAPACK", "CONDA_PREFIX", "LD_LIBRARY_PATH"].map((k) => [k, process.env[k]]),
  );
  const list = scalapackSearchList({ os: "linux", arch: process.arch, env, exists: existsSync })
    .filter((c) => !c.probeByOpening || c.source !== "system loader");
  if (list.length === 0) {
    return "ScaLAPACK is not installed (apt-get install libscalapack-openmpi-dev)";
  }
  return false;
}
const skip = whyNot();
if (skip) console.log(`distributed (${runtime}): SKIPPED, ${skip}`);

interface Result {
  rank: number;
  tag?: string;
  case: string;
  dtype?: string;
  err?: number;
  tol?: number;
  ok?: boolean;
  msg?: string;
  name?: string;
}
interface Job {
  status: number | null;
  signal: string | null;
  ms: number;
  out: string;
  results: Result[];
}

/** Runs the child (or another script) on `np` ranks through scripts/mpirun.sh. */
function mpi(np: number, script: string, args: string[], timeout = 300): Job {
  const { cmd, args: rtArgs } = runtimeCommand(script);
  const full = runtime === "deno" ? ["run", "-A", script] : rtArgs;
  const started = Date.now();
  const r = spawnSync("bash", [`${ROOT}/scripts/mpirun.sh`, String(np), cmd, ...full, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      NO_COLOR: "1",
      DLAPACK_MPI_TIMEOUT: String(timeout),
      DLAPACK_DIST_TMP: TMP,
    },
    encoding: "utf8",
    maxBuffer: 64 << 20,
    timeout: (timeout + 30) * 1000,
  });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  const results = out.split("\n").filter((l) => l.startsWith("RESULT ")).map((l) =>
    JSON.parse(l.slice(7)) as Result
  );
  return { status: r.status, signal: r.signal, ms: Date.now() - started, out, results };
}

const TMP = skip ? "" : mkdtempSync(join(tmpdir(), "dlapack-dist-"));
const jobs = skip ? undefined : {
  grids: mpi(4, CHILD, ["grids", String(N), "64"]),
  dtypes: mpi(4, CHILD, ["dtypes", String(N)]),
  errors: mpi(4, CHILD, ["errors"]),
  throws: mpi(4, CHILD, ["throw"], 120),
  example: mpi(4, here("../example.ts"), ["2000"]),
};
if (jobs) {
  rmSync(TMP, { recursive: true, force: true });
  console.log(
    `distributed (${runtime}): jobs took ${
      Object.entries(jobs).map(([k, j]) => `${k} ${(j.ms / 1000).toFixed(1)} s`).join(", ")
    }`,
  );
}

const CASES = [
  "solve",
  "cholesky",
  "choSolve",
  "cholesky upper",
  "choSolve lower",
  "lstsq",
  "eigh",
  "svd",
  "svdvals",
  "inv",
  "det",
  "matmul",
  "matmul tall",
  "scatter/gather",
  "writeNpy",
  "readNpy",
];

function tail(j: Job): string {
  return j.out.split("\n").filter((l) => !l.startsWith("RESULT ")).slice(-25).join("\n");
}

/** Cases run on the 2x2 grid only (the others run on every grid). */
const ONLY_2X2 = new Set(["cholesky upper", "choSolve lower", "svdvals"]);

function compared(job: () => Job, tag: string, dtype: string) {
  for (const c of CASES.filter((c) => tag === "2x2" || !ONLY_2X2.has(c))) {
    test(`${c} matches single-machine dlapack`, { skip }, () => {
      const j = job();
      const r = j.results.find((x) => x.tag === tag && x.dtype === dtype && x.case === c);
      assert.ok(r, `no result for ${c} (job exit ${j.status} ${j.signal ?? ""}):\n${tail(j)}`);
      assert.ok(r.ok, `${c} ${dtype} on ${tag}: relative difference ${r.err} > ${r.tol}`);
    });
  }
}

describe(`distributed, 4 ranks (${runtime})`, () => {
  for (const tag of ["1x4", "2x2", "4x1"]) {
    describe(`float64 on a ${tag} grid, n=${N}, block ${tag === "2x2" ? 64 : 37}`, () => {
      compared(() => jobs!.grids, tag, "float64");
    });
  }
  for (const dtype of ["float32", "complex64", "complex128"]) {
    describe(`${dtype} on a 2x2 grid, n=${N}, block 48`, () => {
      compared(() => jobs!.dtypes, "2x2", dtype);
    });
  }
  test("the grid and dtype jobs end cleanly", { skip }, () => {
    for (const j of [jobs!.grids, jobs!.dtypes]) assert.equal(j.status, 0, tail(j));
  });

  describe("errors are the same on every rank, and the ranks stay in step", () => {
    const names = [
      "solve singular",
      "inv singular",
      "det singular is 0",
      "cholesky not positive definite",
      "solve not square",
      "solve mismatched b",
      "matmul mismatch",
      "bad shape",
      "bad blockSize",
      "unknown option",
      "not a DArray",
      "bad grid",
      "callback throws on one rank",
      "scatter of a 1-D array",
      "readNpy missing file",
      "svd fullMatrices",
    ];
    for (const name of names) {
      test(name, { skip }, () => {
        const j = jobs!.errors;
        const rs = j.results.filter((r) => r.case === name);
        assert.equal(rs.length, 4, `expected a result from each of 4 ranks:\n${tail(j)}`);
        for (const r of rs) assert.ok(r.ok, `rank ${r.rank}: ${r.msg}`);
        if (name !== "callback throws on one rank" && name !== "scatter of a 1-D array") {
          assert.equal(new Set(rs.map((r) => r.msg)).size, 1, "the ranks raised different errors");
        }
      });
    }
    test("a collective after the errors completes", { skip }, () => {
      const j = jobs!.errors;
      assert.ok(j.results.find((r) => r.case === "in step after errors")?.ok, tail(j));
      assert.equal(j.status, 0, tail(j));
    });
  });

  test("a rank that throws ends the job with a non-zero exit, without hanging", { skip }, () => {
    const j = jobs!.throws;
    assert.notEqual(j.status, 0, tail(j));
    assert.notEqual(j.status, 124, `the job hung until the timeout:\n${tail(j)}`);
    assert.match(j.out, /rank 1 fails on purpose/);
  });

  test(
    "example.ts solves its 2000 x 2000 system to 1e-10 of single-machine dlapack",
    { skip },
    () => {
      const j = jobs!.example;
      assert.equal(j.status, 0, tail(j));
      const m = /relative difference from single-machine dlapack ([0-9.e+-]+)/.exec(j.out);
      assert.ok(m && Number(m[1]) <= 1e-10, tail(j));
    },
  );
});

describe(`distributed without ScaLAPACK (${runtime})`, () => {
  const missing = { DLAPACK_SCALAPACK: "/nonexistent/libscalapack.so" };
  const run = (script: string, args: string[]) => {
    const { cmd, args: a } = runtimeCommand(script);
    return spawnSync(cmd, [...a, ...args], {
      env: { ...process.env, ...missing, NO_COLOR: "1" },
      encoding: "utf8",
      timeout: 60_000,
    });
  };
  test("init() throws ScalapackNotFoundError naming the library and the install command", () => {
    const r = run(CHILD, ["absent"]);
    const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith("RESULT "));
    assert.ok(line, `${r.stdout}${r.stderr}`);
    const res = JSON.parse(line.slice(7)) as Result;
    assert.equal(res.name, "ScalapackNotFoundError");
    assert.match(res.msg!, /^No usable ScaLAPACK library found/);
    assert.match(res.msg!, /\/nonexistent\/libscalapack\.so \(DLAPACK_SCALAPACK\)/);
    assert.match(res.msg!, /apt-get install libscalapack-openmpi-dev openmpi-bin/);
    assert.match(res.msg!, /conda install -c conda-forge scalapack openmpi/);
  });
  test("the doctor reports it, with the install command", () => {
    const r = run(here("../scripts/doctor.ts"), []);
    assert.match(r.stdout, /Distributed mode \(ScaLAPACK over MPI\): not available/);
    assert.match(r.stdout, /apt-get install libscalapack-openmpi-dev openmpi-bin/);
  });
});
