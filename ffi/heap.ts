/**
 * glibc's heap under a garbage collector. V8 (Deno, Node) frees the memory of dropped typed
 * arrays only at a garbage collection, tens of megabytes at once; glibc then finds more than
 * its trim threshold (128 KB until a large mmapped block is freed) free at the top of its heap
 * and returns it to the kernel, so the next results are fresh pages, each faulting on first
 * touch. A program calling `choFactor` at n = 100 in a loop spends most of its time there.
 * dlapack raises the two thresholds once, when it loads the backend, with glibc's `mallopt`
 * (reached through the LAPACK library, whose dependencies include libc).
 *
 * @module
 */
import type { NativeLibrary, Runtime } from "./runtime.ts";

/** `"reuse"`: dlapack raised glibc's thresholds; `"system"`: malloc is as the process had it. */
export type HeapMode = "reuse" | "system";

/** What dlapack did to the process's heap, and why. */
export interface HeapReport {
  mode: HeapMode;
  /** One line for the doctor: the settings made, or why none were. */
  detail: string;
}

/** glibc's `mallopt` parameters (malloc.h). */
const M_TRIM_THRESHOLD = -1;
const M_MMAP_THRESHOLD = -3;

/**
 * The settings. 32 MB is glibc's own ceiling for its dynamic mmap threshold on 64-bit
 * (DEFAULT_MMAP_THRESHOLD_MAX), the value a process that freed one 32 MB block already has;
 * below it, blocks come from the heap and are reused instead of mapped fresh each time. 128 MB
 * of free heap top is kept instead of 128 KB: more than V8 frees at one collection in the loops
 * of bench/heap_bench.ts up to n = 200 (64 MB kept still let bursts through), and never more
 * than the heap's peak, which the process had already reached.
 */
export const HEAP_SETTINGS = { mmapThreshold: 32 * 2 ** 20, trimThreshold: 128 * 2 ** 20 };

/** The environment variables that say the user tuned glibc's malloc already. */
const USER_TUNING = ["MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_"];

/** What decides the heap mode: all plain values, so every branch is testable anywhere. */
export interface HeapInput {
  runtime: Runtime["name"];
  os: string;
  /** `configure({ heap })`, else `DLAPACK_HEAP`, else undefined (the default, "reuse"). */
  asked: HeapMode | undefined;
  /** Reads an environment variable (undefined when unset or unreadable). */
  env: (name: string) => string | undefined;
}

/**
 * Whether to tune, as a pure function of the input: the report of a decision not to, or null
 * to go ahead (then whether the library reaches glibc's `mallopt` decides).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { heapDecision } from "./heap.ts";
 * const env = () => undefined;
 * assert.equal(heapDecision({ runtime: "node", os: "linux", asked: undefined, env }), null);
 * assert.equal(heapDecision({ runtime: "bun", os: "linux", asked: undefined, env })?.mode, "system");
 * ```
 */
export function heapDecision(input: HeapInput): HeapReport | null {
  const { runtime, os, asked, env } = input;
  if (asked === "system") {
    return { mode: "system", detail: "left to malloc, as asked" };
  }
  if (runtime === "bun") {
    return { mode: "system", detail: "left to malloc: Bun's arrays are not glibc's (mimalloc)" };
  }
  if (os !== "linux") return { mode: "system", detail: `left to malloc: not glibc (${os})` };
  const tuned = USER_TUNING.find((n) => env(n) !== undefined) ??
    (/glibc\.malloc\./.test(env("GLIBC_TUNABLES") ?? "") ? "GLIBC_TUNABLES" : undefined);
  if (tuned !== undefined) {
    return { mode: "system", detail: `left to malloc: ${tuned} tunes it already` };
  }
  return null;
}

const MB = 2 ** 20;

/**
 * Applies the settings through `lib` (whose dependencies include the process's libc) unless
 * `heapDecision` says not to. Never throws: a libc that is not glibc, or a `mallopt` that
 * refuses, leaves malloc as it was and says so.
 */
export function tuneHeap(input: HeapInput, lib: NativeLibrary): HeapReport {
  const no = heapDecision(input);
  if (no !== null) return no;
  try {
    if (!lib.has("gnu_get_libc_version")) {
      return { mode: "system", detail: "left to malloc: the C library is not glibc" };
    }
    const mallopt = lib.fn("mallopt", { args: ["i32", "i32"], ret: "i32" });
    if (mallopt === null) {
      return { mode: "system", detail: "left to malloc: glibc's mallopt was not found" };
    }
    // The mmap threshold first: setting either one ends glibc's dynamic adjustment of both.
    const { mmapThreshold, trimThreshold } = HEAP_SETTINGS;
    if (
      mallopt(M_MMAP_THRESHOLD, mmapThreshold) !== 1 ||
      mallopt(M_TRIM_THRESHOLD, trimThreshold) !== 1
    ) {
      return { mode: "system", detail: "left to malloc: glibc's mallopt refused the settings" };
    }
    return {
      mode: "reuse",
      detail: `glibc keeps up to ${trimThreshold / MB} MB of freed heap for reuse, blocks under ${
        mmapThreshold / MB
      } MB come from the heap (heap: "system" or DLAPACK_HEAP=system leaves malloc alone)`,
    };
  } catch (e) {
    return {
      mode: "system",
      detail: `left to malloc: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
