/**
 * Opening a DLL on Windows so that its dependencies beside it are found, without touching
 * the process's DLL search path: the dependencies found beside it (read from the PE import
 * tables) are opened first, by full path, in dependency order; the loader then resolves the
 * DLL's imports to those already-loaded modules. When it still fails, the message names the
 * DLL it needs that is neither beside it nor on `PATH`.
 *
 * @module
 */
import type { DllWorld } from "./pe.ts";
import { dllPlan, explainMissing, splitWindowsPath } from "./pe.ts";
import type { NativeLibrary, Runtime } from "./runtime.ts";
import { FfiPermissionError, oneLine } from "./runtime.ts";
import { denoAllows } from "./deno.ts";

// deno-lint-ignore no-explicit-any
const G = globalThis as any;

function env(name: string): string | undefined {
  try {
    if (!G.Deno?.env) return G.process?.env?.[name];
    return denoAllows({ name: "env", variable: name })
      ? G.Deno.env.get(name) ?? undefined
      : undefined;
  } catch {
    return undefined; // Deno without --allow-env
  }
}

/** The real filesystem and environment, as the dependency walk sees them. */
function realWorld(): DllWorld {
  const fs = G.Deno ? null : G.process.getBuiltinModule("node:fs");
  const root = env("SystemRoot") ?? env("windir") ?? "C:\\Windows";
  return {
    read(path) {
      try {
        if (G.Deno && !denoAllows({ name: "read", path })) return null;
        return G.Deno ? G.Deno.readFileSync(path) : new Uint8Array(fs.readFileSync(path));
      } catch {
        return null; // absent, or Deno without --allow-read: the loader decides alone
      }
    },
    exists(path) {
      try {
        if (G.Deno) return denoAllows({ name: "read", path }) && G.Deno.statSync(path).isFile;
        return fs.statSync(path).isFile();
      } catch {
        return false;
      }
    },
    path: (env("PATH") ?? env("Path") ?? "").split(";").map((d) =>
      d.trim().replace(/^"(.*)"$/, "$1")
    )
      .filter((d) => d !== ""),
    system: [`${root}\\System32`, root],
  };
}

/** Dependencies opened ahead of a DLL, kept open for the life of the process. */
const preloaded = new Map<string, NativeLibrary>();

/**
 * Opens a Windows DLL by full path or bare name. For a full path, the dependencies beside it
 * are opened first; on failure the error names the missing DLL and how to get it.
 *
 * @param rt The runtime adapter.
 * @param path The DLL's full path, or a bare name for the system loader.
 * @returns The opened library.
 */
export function openWindowsDll(rt: Runtime, path: string): NativeLibrary {
  const [dir, name] = splitWindowsPath(path);
  const world = dir === "" ? null : realWorld();
  const plan = world === null ? null : dllPlan(path, world);
  for (const dep of plan?.beside ?? []) {
    const key = dep.toLowerCase();
    if (preloaded.has(key)) continue;
    try {
      preloaded.set(key, rt.open(dep));
    } catch {
      // Not allowed (a Deno --allow-ffi scope naming only the DLL: scope its folder) or not
      // loadable: the open of `path` below reports what is missing.
    }
  }
  try {
    return rt.open(path);
  } catch (e) {
    if (e instanceof FfiPermissionError) throw e;
    const raw = oneLine(String((e as Error)?.message ?? e));
    const notFound = /\b126\b|module not found|could not be found|specified module/i.test(raw);
    if (world !== null && plan !== null && world.exists(path)) {
      const explained = explainMissing(path, plan.missing);
      if (explained !== null) throw new Error(explained, { cause: e });
      throw new Error(`${name} was found at ${dir} but could not be loaded: ${raw}`, { cause: e });
    }
    if (notFound) {
      throw new Error(
        dir === ""
          ? `absent (no ${name} beside the program, on PATH or in the system folders)`
          : "absent (no such file)",
        { cause: e },
      );
    }
    throw new Error(raw, { cause: e });
  }
}
