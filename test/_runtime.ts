// Test helpers: run a script in a child process of the same runtime (so a crash, or a
// library loaded with other settings, cannot take the test runner with it).
import { spawnSync } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { heapDecision } from "../ffi/heap.ts";
import type { HeapMode } from "../ffi/heap.ts";
import { runtimeName } from "../ffi/runtime.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;

/** The command line that runs `script` with the current runtime and FFI allowed. */
export function runtimeCommand(script: string): { cmd: string; args: string[] } {
  if (G.Bun !== undefined) return { cmd: process.execPath, args: [script] };
  if (G.Deno !== undefined) {
    return {
      cmd: G.Deno.execPath(),
      args: ["run", "--allow-ffi", "--allow-env", "--allow-read", script],
    };
  }
  return { cmd: process.execPath, args: ["--experimental-ffi", "--no-warnings", script] };
}

/** Runs `script` in a child of this runtime with extra environment; returns its output. */
export function runChild(
  script: string,
  env: Record<string, string | undefined>,
  extraArgs: string[] = [],
): { status: number | null; stdout: string; stderr: string } {
  const { cmd, args } = runtimeCommand(script);
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) {
    if (v !== undefined) merged[k] = v;
  }
  const r = spawnSync(cmd, [...args, ...extraArgs], {
    env: merged,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** A path relative to this test directory. */
export function here(name: string): string {
  return fileURLToPath(new URL(name, import.meta.url));
}

/** What a child of this runtime reports as `backend().heap` with no option set (ffi/heap.ts). */
export function heapHere(): HeapMode {
  return heapDecision({
    runtime: runtimeName(),
    os: (G.Deno?.build?.os ?? process.platform) === "linux" ? "linux" : "other",
    asked: undefined,
    env: (n) => process.env[n],
  })?.mode ?? "reuse";
}
