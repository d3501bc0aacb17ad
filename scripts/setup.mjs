#!/usr/bin/env node
// Set-up for `npm start` / `npm test` (and `deno task start|test`): installs what is missing.
// Plain JavaScript on node: built-ins only, so the machine's own Node (any version >= 18) or
// Deno can run it before anything else is installed.
//
//   node scripts/setup.mjs          npm devDependencies, and a LAPACK when none is found
//   node scripts/setup.mjs --test   also every LAPACK flavour the test suite loads, and numpy
//
// Set DLAPACK_NO_INSTALL=1 to forbid system package installs (it then only reports).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import process from "node:process";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const forTests = process.argv.includes("--test");
const log = (s) => console.error(`[setup] ${s}`);

function run(cmd, args, opts = {}) {
  log(`${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed with exit code ${r.status}`);
}

// 1. npm devDependencies (deno, bun, node 26, mitata).
const bins = ["deno", "bun", "node"].map((b) => join(root, "node_modules", ".bin", b));
if (!bins.every(existsSync)) run("npm", ["install", "--no-audit", "--no-fund"]);

// 2. A LAPACK through the OS package manager, when none is found and we may.
const TEST_PACKAGES = [
  "libopenblas0-pthread",
  "libopenblas0-serial",
  "libopenblas64-0-pthread",
  "liblapack3",
  "libblas3",
  "liblapacke",
  "libatlas3-base",
  "libblis4-pthread",
  "libflame1",
  "python3-numpy",
  "python3-scipy",
  "gcc",
  "libc6-dev",
];
function hasLapack() {
  if (process.platform !== "linux") return true; // macOS has Accelerate; Windows: see README
  try {
    const out = execFileSync("ldconfig", ["-p"], { encoding: "utf8" });
    return /libopenblas|liblapack\.so|libmkl_rt|libflexiblas/.test(out);
  } catch {
    return ["/usr/lib", "/usr/lib64", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu"]
      .some((d) =>
        existsSync(d) && readdirSync(d).some((f) => /^lib(openblas|lapack)\.so/.test(f))
      );
  }
}
function missingDebianPackages(pkgs) {
  const r = spawnSync("dpkg-query", ["-W", "-f=${Package} ${Status}\\n", ...pkgs], {
    encoding: "utf8",
  });
  const installed = new Set(
    (r.stdout || "").split("\n").filter((l) => l.endsWith("install ok installed")).map((l) =>
      l.split(" ")[0]
    ),
  );
  return pkgs.filter((p) => !installed.has(p));
}
const isDebian = existsSync("/etc/debian_version") && existsSync("/usr/bin/apt-get");
const mayInstall = !process.env.DLAPACK_NO_INSTALL;
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const wanted = forTests ? TEST_PACKAGES : hasLapack() ? [] : ["libopenblas0"];
if (wanted.length && isDebian) {
  const missing = missingDebianPackages(wanted);
  if (missing.length) {
    if (!mayInstall) {
      log(`missing Debian packages (DLAPACK_NO_INSTALL is set): ${missing.join(" ")}`);
    } else {
      const sudo = isRoot ? [] : ["sudo"];
      const apt = (args) =>
        run(sudo[0] ?? "apt-get", [...(isRoot ? [] : ["apt-get"]), ...args], {
          env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
        });
      apt(["update", "-qq"]);
      apt(["install", "-y", "-qq", "--no-install-recommends", ...missing]);
    }
  }
}
// 3. For the distributed tests: ScaLAPACK over OpenMPI. Optional: when it cannot be installed,
// test/distributed_test.ts skips with the reason printed.
const DIST_PACKAGES = ["libscalapack-openmpi-dev", "openmpi-bin", "libopenmpi-dev"];
if (forTests && isDebian && mayInstall) {
  const missing = missingDebianPackages(DIST_PACKAGES);
  if (missing.length) {
    try {
      const cmd = isRoot ? ["apt-get"] : ["sudo", "apt-get"];
      const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
      run(cmd[0], [...cmd.slice(1), "update", "-qq"], { env });
      run(
        cmd[0],
        [...cmd.slice(1), "install", "-y", "-qq", "--no-install-recommends", ...missing],
        {
          env,
        },
      );
    } catch (e) {
      log(`could not install ${missing.join(" ")} (${e.message}): the distributed tests will skip`);
    }
  }
}
if (wanted.length && !isDebian && !hasLapack()) {
  log("no LAPACK found and this is not Debian/Ubuntu: install one (see README), or run the doctor");
}

// 3. For the tests: Intel MKL (Debian non-free) and OpenBLAS 0.3.29 (extracted from trixie),
// the flavours only the flavour matrix and test/mkl_test.ts load (scripts/flavours.mjs).
if (forTests && isDebian && mayInstall && isRoot) {
  const { setup } = await import("./flavours.mjs");
  setup();
}
