// Packaging: `deno publish --dry-run` is clean (no slow types), and the npm tarball works for
// real on Node 26, Bun and Deno from a consumer's node_modules. Runs once, under Deno.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";

// deno-lint-ignore no-explicit-any
const isDeno = (globalThis as any).Deno !== undefined;
const root = new URL("..", import.meta.url).pathname;
const bin = (b: string) => join(root, "node_modules", ".bin", b);
const env = {
  ...process.env,
  PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH}`,
  NO_COLOR: "1",
};
const run = (cmd: string, args: string[], cwd = root) => {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout: 180_000 });
  return { status: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
};

describe("packaging", { skip: !isDeno && "runs once, under Deno" }, () => {
  test("deno publish --dry-run is clean", () => {
    const r = run(bin("deno"), ["publish", "--dry-run", "--allow-dirty"]);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /Dry run complete/);
  });

  test("npm tarball: Node 26, Bun and Deno import it from node_modules", () => {
    const dir = mkdtempSync(join(tmpdir(), "dlapack-pack-"));
    const pack = run("npm", ["pack", "--pack-destination", dir]);
    assert.equal(pack.status, 0, pack.out);
    const tgz = readdirSync(dir).find((f) => f.endsWith(".tgz"))!;
    assert.ok(tgz, pack.out);
    const app = join(dir, "app");
    run("mkdir", ["-p", app]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ type: "module", private: true }));
    const install = run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--offline", join(dir, tgz)],
      app,
    );
    assert.equal(install.status, 0, install.out);
    const files = run("tar", ["-tzf", join(dir, tgz)]).out.split("\n").map((f) =>
      f.replace(/^package\//, "")
    );
    assert.ok(files.includes("dist/mod.js") && files.includes("mod.ts"), files.join(" "));
    assert.ok(
      files.includes("dist/distributed.js") && files.includes("distributed.ts"),
      files.join(" "),
    );
    assert.ok(
      !files.some((f) =>
        f.startsWith("test/") || f.startsWith("bench/") || f.startsWith("node_modules/")
      ),
    );
    writeFileSync(
      join(app, "main.mjs"),
      `import { linalg } from "dlapack";\nimport { defaultGrid } from "dlapack/distributed";\n` +
        `if (defaultGrid(4).join() !== "2,2") throw new Error("dlapack/distributed");\n` +
        `console.log(linalg.det([[2, 0], [0, 4]]).item());\n`,
    );
    for (
      const [cmd, args] of [
        [bin("node"), ["--experimental-ffi", "--no-warnings", "main.mjs"]],
        [bin("bun"), ["main.mjs"]],
        [bin("deno"), ["run", "--allow-ffi", "--allow-env", "--allow-read", "main.mjs"]],
      ] as [string, string[]][]
    ) {
      const r = run(cmd, args, app);
      assert.equal(r.status, 0, `${cmd}: ${r.out}`);
      assert.equal(
        // deno-lint-ignore no-control-regex
        r.out.replace(/\x1b\[[0-9;]*m/g, "").trim().split("\n").pop(),
        "8",
        `${cmd}: ${r.out}`,
      );
    }
  });
});
