// What dlapack does to glibc's malloc (ffi/heap.ts): the decision as a pure function, the
// application through a library handle (faked here, so every branch runs anywhere), and the
// real thing in children: backend().heap, DLAPACK_HEAP, configure({ heap }) and the doctor.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { NativeLibrary, NativeSignature } from "../ffi/runtime.ts";
import { HEAP_SETTINGS, heapDecision, tuneHeap } from "../ffi/heap.ts";
import type { HeapInput } from "../ffi/heap.ts";
import { configure } from "../mod.ts";
import { heapHere, here, runChild } from "./_runtime.ts";

const none = () => undefined;
const input = (over: Partial<HeapInput> = {}): HeapInput => ({
  runtime: "deno",
  os: "linux",
  asked: undefined,
  env: none,
  ...over,
});

describe("heap: the decision", () => {
  test("Deno and Node on Linux go ahead by default, and when asked to reuse", () => {
    assert.equal(heapDecision(input()), null);
    assert.equal(heapDecision(input({ runtime: "node", asked: "reuse" })), null);
  });
  test("asked for the system's malloc: left alone", () => {
    const r = heapDecision(input({ asked: "system" }));
    assert.deepEqual(r, { mode: "system", detail: "left to malloc, as asked" });
  });
  test("Bun, macOS and Windows: left alone, saying why", () => {
    assert.match(heapDecision(input({ runtime: "bun" }))!.detail, /Bun's arrays are not glibc's/);
    assert.match(heapDecision(input({ os: "darwin" }))!.detail, /not glibc \(darwin\)/);
    assert.equal(heapDecision(input({ os: "windows" }))!.mode, "system");
  });
  test("the user's own malloc tuning wins", () => {
    for (const name of ["MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_"]) {
      const env = (n: string) => (n === name ? "1048576" : undefined);
      assert.match(heapDecision(input({ env }))!.detail, new RegExp(`${name} tunes it already`));
    }
    const tunables = (v: string) => (n: string) => (n === "GLIBC_TUNABLES" ? v : undefined);
    const r = heapDecision(input({ env: tunables("glibc.malloc.trim_threshold=1048576") }));
    assert.match(r!.detail, /GLIBC_TUNABLES tunes it already/);
    // Tunables of something else than malloc do not count.
    assert.equal(heapDecision(input({ env: tunables("glibc.cpu.hwcaps=-AVX2") })), null);
  });
});

/** A library handle that records mallopt calls and answers as told. */
function fakeLib(opts: { glibc?: boolean; mallopt?: ((p: number, v: number) => number) | null }) {
  const calls: [number, number][] = [];
  const lib: NativeLibrary = {
    path: "fake",
    fn(name: string, _sig: NativeSignature) {
      if (name !== "mallopt" || opts.mallopt === null) return null;
      const f = opts.mallopt ?? (() => 1);
      return (p: number, v: number) => (calls.push([p, v]), f(p, v));
    },
    has: (name: string) => name === "gnu_get_libc_version" && opts.glibc !== false,
    address: () => null,
  };
  return { lib, calls };
}

describe("heap: applying it", () => {
  test("glibc: the mmap threshold (32 MB), then the trim threshold (128 MB)", () => {
    const { lib, calls } = fakeLib({});
    const r = tuneHeap(input(), lib);
    assert.equal(r.mode, "reuse");
    assert.match(r.detail, /128 MB of freed heap/);
    assert.deepEqual(calls, [[-3, HEAP_SETTINGS.mmapThreshold], [-1, HEAP_SETTINGS.trimThreshold]]);
    assert.deepEqual(HEAP_SETTINGS, { mmapThreshold: 33554432, trimThreshold: 134217728 });
  });
  test("not glibc (musl), no mallopt, or a refusal: left alone, and says so", () => {
    const musl = fakeLib({ glibc: false });
    assert.match(tuneHeap(input(), musl.lib).detail, /not glibc/);
    assert.deepEqual(musl.calls, []);
    assert.match(tuneHeap(input(), fakeLib({ mallopt: null }).lib).detail, /mallopt was not found/);
    const refused = tuneHeap(input(), fakeLib({ mallopt: () => 0 }).lib);
    assert.deepEqual(refused.mode, "system");
    assert.match(refused.detail, /refused/);
  });
  test("never throws: a failing handle leaves malloc alone", () => {
    const { lib } = fakeLib({});
    lib.fn = () => {
      throw new Error("Boom");
    };
    assert.deepEqual(tuneHeap(input(), lib), { mode: "system", detail: "left to malloc: Boom" });
  });
  test("a decision not to tune makes no call at all", () => {
    const { lib, calls } = fakeLib({});
    assert.equal(tuneHeap(input({ runtime: "bun" }), lib).mode, "system");
    assert.deepEqual(calls, []);
  });
});

/** What this runtime's children should report with no option set. */
const expected = heapHere();

describe("heap: for real, in a child", () => {
  const child = here("_backend_child.ts");
  const load = (env: Record<string, string | undefined>) => {
    const r = runChild(child, { DLAPACK_HEAP: undefined, ...env });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout.trim().split("\n").pop()!);
  };
  test(`backend().heap is "${expected}" here by default`, () => {
    const out = load({});
    assert.equal(out.ok, true, out.message);
    assert.equal(out.backend.heap, expected);
  });
  test("DLAPACK_HEAP=system leaves malloc alone; a bad value is a TypeError naming it", () => {
    assert.equal(load({ DLAPACK_HEAP: "system" }).backend.heap, "system");
    const bad = load({ DLAPACK_HEAP: "forever" });
    assert.equal(bad.ok, false);
    assert.equal(bad.name, "TypeError");
    assert.equal(bad.message, 'Invalid DLAPACK_HEAP "forever": expected "reuse" or "system"');
  });
  test("the doctor says what was done", () => {
    const r = runChild(here("../scripts/doctor.ts"), { DLAPACK_HEAP: undefined });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`heap\\s+${expected}: `));
  });
});

test("configure({ heap }) takes reuse or system, and nothing else", () => {
  assert.throws(
    () => configure({ heap: "never" as never }),
    { name: "TypeError", message: 'Invalid heap "never": expected "reuse" or "system"' },
  );
});
