#!/usr/bin/env node
// The flavour matrix: the linalg test files against every real LAPACK flavour, one line per
// flavour, and a last line `N passed, N failed` summing them all. Plain JavaScript on node.
//
//   node scripts/flavours.mjs --setup   installs (Debian) or extracts what the flavours need
//   node scripts/flavours.mjs           runs the matrix (flavours that are absent are skipped)
//   node scripts/flavours.mjs mkl atlas runs the flavours whose name contains a word
//
// Deno runs every flavour; MKL also runs under Bun and Node 26 (its loading is the
// runtime-sensitive part). OpenBLAS 0.3.29 comes from Debian trixie, extracted with
// `apt-get download` + `dpkg -x` into .flavours/ (never installed into the base system) and
// made loadable on Debian 12's glibc by scripts/glibc238.mjs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { patchGlibc238 } from "./glibc238.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (b) => join(root, "node_modules", ".bin", b);
const log = (s) => console.error(`[flavours] ${s}`);
const D = "/usr/lib/x86_64-linux-gnu";
const store = join(root, ".flavours");
const OPENBLAS_0329 = join(store, "openblas-0.3.29", `${D}/openblas-pthread/libopenblas.so.0`);

/** The linalg test files: what every flavour must pass. */
export const LINALG_FILES = [
  "solve",
  "inv",
  "det",
  "decomp",
  "eig",
  "svd",
  "lstsq",
  "norms",
  "products",
  "scipy_lu",
].map((f) => join("test", `${f}_test.ts`)).filter((f) => existsSync(join(root, f)));

const MKL = `${D}/libmkl_rt.so`;
/** Every flavour: its environment, and the runtimes it runs on. */
export const FLAVOURS = [
  {
    name: "OpenBLAS 0.3.21 pthread",
    env: { DLAPACK_LIBRARY: `${D}/openblas-pthread/libopenblas.so.0` },
  },
  {
    name: "OpenBLAS 0.3.21 serial",
    env: { DLAPACK_LIBRARY: `${D}/openblas-serial/libopenblas.so.0` },
  },
  {
    name: "OpenBLAS 0.3.21 ILP64",
    env: { DLAPACK_LIBRARY: `${D}/openblas64-pthread/libopenblas64.so.0` },
  },
  { name: "OpenBLAS 0.3.29 pthread", env: { DLAPACK_LIBRARY: OPENBLAS_0329 } },
  { name: "MKL LP64", env: { DLAPACK_LIBRARY: MKL }, runtimes: ["deno", "bun", "node"] },
  {
    name: "MKL ILP64",
    env: { DLAPACK_LIBRARY: MKL, DLAPACK_INTEGERS: "ilp64" },
  },
  { name: "reference LAPACK", env: { DLAPACK_LIBRARY: `${D}/lapack/liblapack.so.3` } },
  { name: "ATLAS", env: { DLAPACK_LIBRARY: `${D}/atlas/liblapack.so.3` } },
  {
    // libFLAME leaves BLAS symbols unresolved: BLIS first in the list, as a user would set it.
    name: "BLIS + libFLAME",
    env: { DLAPACK_LIBRARY: `${D}/libflame.so.1`, LD_PRELOAD: `${D}/blis-pthread/libblis.so.4` },
  },
  { name: "LAPACKE ABI", env: { DLAPACK_LIBRARY: `${D}/liblapacke.so.3`, DLAPACK_ABI: "lapacke" } },
];

function run(cmd, args) {
  log(`${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed with exit code ${r.status}`);
}

/** Debian: the non-free component (for MKL) in the package sources, signed by the archive key. */
function ensureNonFree() {
  const policy = spawnSync("apt-cache", ["policy", "libmkl-rt"], { encoding: "utf8" }).stdout ?? "";
  if (/Candidate: (?!\(none\))/.test(policy)) return false;
  const os = readFileSync("/etc/os-release", "utf8");
  if (!/^ID=debian$/m.test(os)) {
    log("not Debian: MKL comes from Ubuntu's multiverse or Intel; skipped");
    return false;
  }
  const codename = /^VERSION_CODENAME=(\w+)$/m.exec(os)?.[1] ?? "bookworm";
  writeFileSync(
    "/etc/apt/sources.list.d/dlapack-non-free.sources",
    `Types: deb\nURIs: http://deb.debian.org/debian\nSuites: ${codename}\nComponents: non-free\n` +
      "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n",
  );
  log(`added Debian ${codename} non-free to the package sources (for libmkl-rt)`);
  return true;
}

/** OpenBLAS 0.3.29 from trixie, through a private apt state: the system's sources stay as they are. */
function extractOpenBlas0329() {
  if (existsSync(OPENBLAS_0329)) return;
  const apt = join(store, "apt");
  for (const d of ["lists/partial", "cache/archives/partial"]) {
    mkdirSync(join(apt, d), { recursive: true });
  }
  writeFileSync(
    join(apt, "trixie.sources"),
    "Types: deb\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\n" +
      "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n",
  );
  const o = [
    "-o",
    `Dir::Etc::SourceList=${join(apt, "trixie.sources")}`,
    "-o",
    "Dir::Etc::SourceParts=/dev/null",
    "-o",
    `Dir::State::Lists=${join(apt, "lists")}`,
    "-o",
    `Dir::Cache=${join(apt, "cache")}`,
    "-o",
    "APT::Sandbox::User=root",
  ];
  run("apt-get", [...o, "update", "-qq"]);
  const r = spawnSync("apt-get", [...o, "download", "libopenblas0-pthread"], {
    cwd: store,
    stdio: "inherit",
  });
  if (r.status !== 0) throw new Error("apt-get download libopenblas0-pthread (trixie) failed");
  const deb = readdirSync(store).find((f) => /^libopenblas0-pthread_0\.3\.29.*\.deb$/.test(f));
  if (!deb) {
    throw new Error(
      "trixie's libopenblas0-pthread is not 0.3.29 any more: update scripts/flavours.mjs",
    );
  }
  run("dpkg", ["-x", join(store, deb), join(store, "openblas-0.3.29")]);
  const real = readdirSync(dirname(OPENBLAS_0329)).find((f) => /^libopenblasp-r.*\.so$/.test(f));
  log(patchGlibc238(join(dirname(OPENBLAS_0329), real)));
}

export function setup() {
  const isDebian = existsSync("/etc/debian_version") && existsSync("/usr/bin/apt-get");
  if (!isDebian || process.env.DLAPACK_NO_INSTALL) {
    log("not Debian, or DLAPACK_NO_INSTALL is set: nothing installed");
    return;
  }
  if (typeof process.getuid === "function" && process.getuid() !== 0) {
    log("not root: run as root to install MKL and extract OpenBLAS 0.3.29");
    return;
  }
  const added = ensureNonFree();
  const want = ["libmkl-rt", "libomp5"];
  const q = spawnSync("dpkg-query", ["-W", "-f=${Package} ${Status}\\n", ...want], {
    encoding: "utf8",
  });
  const have = (q.stdout ?? "").split("\n").filter((l) => l.endsWith("install ok installed"));
  if (have.length < want.length) {
    if (added || have.length === 0) run("apt-get", ["update", "-qq"]);
    // --no-install-recommends: MKL recommends compilers; its debconf question (MKL as the
    // system BLAS) keeps its default, no, so the alternatives stay as they are.
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...want]);
  }
  try {
    extractOpenBlas0329();
  } catch (e) {
    log(`OpenBLAS 0.3.29 not available: ${e.message}`);
  }
}

function count(name, out) {
  if (name === "deno") {
    const m = [
      ...out.matchAll(
        /\| (\d+) passed(?: \((\d+) steps?\))? \| (\d+) failed(?: \((\d+) steps?\))?/g,
      ),
    ].pop();
    return m ? { passed: m[2] ? +m[2] : +m[1], failed: m[4] ? +m[4] : +m[3] } : null;
  }
  if (name === "bun") {
    const p = [...out.matchAll(/^\s*(\d+) pass$/gm)].pop();
    const f = [...out.matchAll(/^\s*(\d+) fail$/gm)].pop();
    return p ? { passed: +p[1], failed: f ? +f[1] : 0 } : null;
  }
  const p = /^ℹ pass (\d+)$/m.exec(out);
  const f = /^ℹ fail (\d+)$/m.exec(out);
  return p ? { passed: +p[1], failed: f ? +f[1] : 0 } : null;
}

const COMMANDS = {
  deno: () => [bin("deno"), [
    "test",
    "--allow-ffi",
    "--allow-env",
    "--allow-read",
    "--allow-run",
    "--allow-write",
    ...LINALG_FILES,
  ]],
  bun: () => [bin("bun"), ["test", "--timeout", "60000", ...LINALG_FILES.map((f) => "./" + f)]],
  node: () => [bin("node"), [
    "--experimental-ffi",
    "--no-warnings",
    "--test",
    "--test-concurrency=1",
    ...LINALG_FILES,
  ]],
};

export function runMatrix(only = []) {
  let passed = 0;
  let failed = 0;
  const lines = [];
  for (const f of FLAVOURS) {
    if (only.length > 0 && !only.some((o) => f.name.toLowerCase().includes(o.toLowerCase()))) {
      continue;
    }
    const lib = f.env.DLAPACK_LIBRARY;
    if (!existsSync(lib)) {
      lines.push(
        `flavour ${f.name}: skipped, ${lib} is not installed (node scripts/flavours.mjs --setup)`,
      );
      console.log(lines.at(-1));
      continue;
    }
    for (const rt of f.runtimes ?? ["deno"]) {
      const [cmd, args] = COMMANDS[rt]();
      const env = { ...process.env, ...f.env, NO_COLOR: "1" };
      delete env.FORCE_COLOR;
      const t0 = Date.now();
      const r = spawnSync(cmd, args, { cwd: root, env, encoding: "utf8", maxBuffer: 1 << 28 });
      const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
      const c = count(rt, out) ?? { passed: 0, failed: 1 };
      if (r.status !== 0 && c.failed === 0) c.failed = 1;
      if (c.failed > 0) {
        process.stdout.write(
          out.split("\n").filter((l) => /fail|error|✖|not ok/i.test(l)).slice(0, 40).join("\n") +
            "\n",
        );
      }
      const s = ((Date.now() - t0) / 1000).toFixed(0);
      lines.push(`flavour ${f.name} (${rt}): ${c.passed} passed, ${c.failed} failed (${s} s)`);
      console.log(lines.at(-1));
      passed += c.passed;
      failed += c.failed;
    }
  }
  console.log(`\n=== flavour matrix\n${lines.join("\n")}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes("--setup")) setup();
  else {process.exitCode = runMatrix(process.argv.slice(2).filter((a) => !a.startsWith("-"))) === 0
      ? 0
      : 1;}
}
