// lapack.*: typed raw routines. Four parts (1 in lapack_answers_test.ts; the specific rules of
// single routines in lapack_rules_test.ts):
// 1. answers: a real call of every template in every type, checked against known answers;
// 2. workspace queries (LWORK = -1) and calls with the sizes they return;
// 3. boundaries: for a grid of sizes and every option letter, the minimal arguments are found
//    from the error messages, LAPACK is called with exactly them (arrays inside guard zones:
//    nothing outside may change, arrays LAPACK only reads must not change, INFO >= 0), and
//    one less of any leading dimension, LWORK or array length must throw;
// 4. hostile values for every argument of every routine, in this process: each must throw
//    TypeError or RangeError (a crash would end the run).
// Run it also with DLAPACK_LIBRARY set to reference LAPACK, whose XERBLA stops the process on
// any argument LAPACK rejects, and to an ILP64 library.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Routine } from "../ffi/symbols.ts";
import type { Any, FA } from "./_lapack_helpers.ts";
import { L, ROUTINES, stride } from "./_lapack_helpers.ts";
import {
  build,
  checkGuards,
  INT_ARRAYS,
  label,
  letterCombos,
  perElement,
  sizeCases,
  WORK_ARGS,
  WORKSPACES,
} from "./_lapack_build.ts";

describe("lapack: minimal arguments are enough for LAPACK, and one less is refused", () => {
  for (const r of ROUTINES) {
    const template = r.name.slice(1);
    test(r.name, () => {
      let calls = 0;
      for (const given of sizeCases(r)) {
        for (const letters of letterCombos(template)) {
          const what = label(r, given, letters);
          // build() made the call with the minimal arguments.
          const { built, info, before } = build(r, given, letters);
          const names = r.names.filter((_, k) => r.kinds[k] !== "info");
          calls++;
          if (r.ret === "real") assert.ok(Number.isFinite(info), `${what}: ${info}`);
          else assert.ok(info >= 0, `${what}: INFO = ${info}`);
          for (const [n, g] of built.arrays) checkGuards(g, `${what}: ${n}`);
          for (const [n, v] of before) {
            const after = [...built.arrays.get(n)!.view];
            assert.deepEqual(after, v, `${what}: LAPACK changed ${n}`);
          }
          // One less of any leading dimension or LWORK is refused.
          names.forEach((n, k) => {
            if (r.kinds[k] !== "i" || !(n.startsWith("LD") || WORK_ARGS.test(n))) return;
            const args = [...built.args];
            args[k] = (args[k] as number) - 1;
            assert.throws(() => L[r.name](...args), RangeError, `${what}: ${n} - 1`);
          });
          // One element less of any array is refused.
          names.forEach((n, k) => {
            const g = built.arrays.get(n);
            if (g === undefined || g.view.length === 0) return;
            const per = perElement(r, n);
            const args = [...built.args];
            args[k] = g.view.subarray(0, g.view.length - per);
            assert.throws(() => L[r.name](...args), RangeError, `${what}: ${n} one element short`);
          });
          // A workspace query touches only the first element of each workspace.
          if (names.some((n) => WORK_ARGS.test(n))) {
            const { built: q, info: qinfo } = build(r, given, letters, true);
            assert.equal(qinfo, 0, `${what}: query INFO`);
            for (const [n, g] of q.arrays) {
              if (WORKSPACES.has(n)) {
                assert.ok(
                  g.view.length <= (INT_ARRAYS.has(n) ? stride : 2),
                  `${what}: ${n} in a query`,
                );
              }
              checkGuards(g, `${what}: query ${n}`);
            }
          }
        }
      }
      assert.ok(calls > 0);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// 2 (cont.). Queries, then calls with the sizes they return.

describe("lapack: workspace queries", () => {
  for (const r of ROUTINES.filter((r) => r.names.some((n) => WORK_ARGS.test(n)))) {
    test(r.name, () => {
      const template = r.name.slice(1);
      for (const letters of letterCombos(template)) {
        for (const given of sizeCases(r)) {
          const what = label(r, given, letters);
          const { built, info } = build(r, given, letters, true);
          assert.equal(info, 0, what);
          const names = r.names.filter((_, k) => r.kinds[k] !== "info");
          const work = built.arrays.get("WORK")!.view as FA;
          // (xGETRI answers 0 for N = 0.)
          assert.ok(work[0] >= ((given.N ?? 1) === 0 ? 0 : 1), `${what}: optimal LWORK ${work[0]}`);
          // Call again with the returned sizes: accepted, as the minimum is at most what the
          // library's own query asks for.
          const { built: min } = build(r, given, letters);
          const args = [...min.args];
          names.forEach((n, k) => {
            if (!WORK_ARGS.test(n)) return;
            const arr = n === "LWORK" ? "WORK" : n === "LIWORK" ? "IWORK" : "RWORK";
            const q = built.arrays.get(arr)!.view;
            assert.ok(
              Math.ceil(q[0]) >= (args[k] as number) || (n === "LWORK" && q[0] < 1),
              `${what}: ${n} ${q[0]} queried, minimum ${args[k]}`,
            );
            const size = Math.max(args[k] as number, Math.ceil(q[0]));
            args[k] = size;
            const idx = names.indexOf(arr);
            const per = perElement(r, arr);
            // Padded: OpenBLAS 0.3.21's complex gemv reads past a matrix held in WORK (#4013).
            args[idx] = new ((args[idx] as FA).constructor as Any)(size * per + 4096).subarray(
              0,
              size * per,
            );
          });
          // JPVT is in/out: the size search left it nonzero (fixed columns); start free again.
          min.arrays.get("JPVT")?.view.fill(0);
          const again = L[r.name](...args);
          assert.ok(again >= 0, `${what}: INFO ${again} with the queried sizes`);
        }
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// 4. Hostile values: every argument of every routine, each must throw TypeError/RangeError.

function detached(a: FA | Int32Array): FA | Int32Array {
  const copy = new (a.constructor as Any)(a.length);
  structuredClone(copy.buffer, { transfer: [copy.buffer] });
  return copy;
}

function hostileValues(
  r: Routine,
  name: string,
  kind: string,
  good: unknown,
): [unknown, typeof TypeError | typeof RangeError][] {
  const E = TypeError, R = RangeError;
  if (kind === "i") {
    const common: [unknown, typeof TypeError | typeof RangeError][] = [
      ["3", E],
      [undefined, E],
      [null, E],
      [3n, E],
      [{ valueOf: () => 3 }, E],
      [1.5, R],
      [NaN, R],
      [Infinity, R],
      [-Infinity, R],
      [2 ** 53, R],
      [-(2 ** 53), R],
      [Number.MAX_VALUE, R],
    ];
    if (name.startsWith("INC")) return [...common, [0, R]];
    if (WORK_ARGS.test(name)) return [...common, [-2, R], [0, R], [(good as number) - 1, R]];
    if (name.startsWith("LD")) return [...common, [-1, R], [0, R], [(good as number) - 1, R]];
    if (name === "ISGN") return [...common, [0, R], [2, R], [-2, R]];
    // A size: negative, or far more than the arrays hold.
    return [...common, [-1, R], [2 ** 31 - 1, R], [stride === 1 ? 2 ** 31 : 2 ** 40, R]];
  }
  if (kind === "c") {
    return [
      ["X", R],
      ["", R],
      ["NN", R],
      ["\u017f", R],
      ["\u0131", R],
      ["\0", R],
      ["N\0", R],
      [78, E],
      [null, E],
      [new String("N"), E],
      [undefined, E],
    ];
  }
  if (kind === "r") {
    const out: [unknown, typeof TypeError | typeof RangeError][] = [["1", E], [1n, E], [
      undefined,
      E,
    ], [NaN, R]];
    if (name === "ANORM") out.push([-1, R], [Infinity, R]);
    if (name === "ANORM" && !r.double) out.push([1e39, R]);
    return out;
  }
  const g = good as FA | Int32Array;
  const n = g.length;
  const other = INT_ARRAYS.has(name)
    ? [new Float64Array(n), new Uint32Array(n), new BigInt64Array(n), new Float32Array(n)]
    : [
      r.double ? new Float32Array(n) : new Float64Array(n),
      new Int32Array(n),
      new Uint8Array(n * 8),
    ];
  const out: [unknown, typeof TypeError | typeof RangeError][] = [
    ...other.filter((o) => (o as Any).constructor !== g.constructor).map((
      o,
    ): [unknown, typeof TypeError] => [o, E]),
    [Array.from(g), E],
    [null, E],
    [undefined, E],
    [new DataView(new ArrayBuffer(n * 8 + 8)), E],
    [{ length: n + 100 }, E],
    [new Proxy(g, {}), E],
    [Object.create(g), E],
    [detached(g), E],
  ];
  if (INT_ARRAYS.has(name)) {
    const shared = new Int32Array(new SharedArrayBuffer(Math.max(8, n * 4)));
    out.push([shared, E]);
    if (stride === 2 && n > 0) {
      const buf = new Int32Array(n + 1);
      out.push([buf.subarray(1), R]); // misaligned 64-bit integers
    }
  }
  if (n > 0) out.push([g.subarray(0, n - 1), R]);
  // A subclass that lies about its length is read through the intrinsics.
  if (n > 0) {
    const Base = g.constructor as Any;
    class Liar extends Base {
      get length() {
        return 1e9;
      }
    }
    const liar = new (Liar as Any)(n - 1) as unknown;
    out.push([liar, R]);
  }
  return out;
}

describe("lapack: hostile values for every argument of every routine", () => {
  for (const r of ROUTINES) {
    test(r.name, () => {
      const template = r.name.slice(1);
      const given = sizeCases(r).find((c) => (c.M ?? 3) === 3 && c.N >= 2 && c.N <= 3) ??
        sizeCases(r)[4];
      const letters = letterCombos(template)[0];
      const { built } = build(r, given, letters);
      const base = built.args;
      const names = r.names.filter((_, k) => r.kinds[k] !== "info");
      const kinds = r.kinds.filter((k) => k !== "info");
      let n = 0;
      // Every message starts with a capital: the routine's name as LAPACK's XERBLA prints it.
      const prefix = `${r.name.toUpperCase()}: `;
      names.forEach((name, k) => {
        for (const [bad, E] of hostileValues(r, name, kinds[k], base[k])) {
          const args = [...base];
          args[k] = bad;
          const what = `${r.name}: ${name} = ${describeValue(bad)}`;
          assert.throws(() => L[r.name](...args), (e: unknown) => {
            assert.ok(e instanceof E, `${what}: ${e}`);
            assert.ok(e.message.startsWith(prefix), `${what}: ${e.message}`);
            return true;
          });
          n++;
        }
      });
      assert.throws(() => L[r.name](...base.slice(0, -1)), TypeError);
      assert.throws(() => L[r.name](...base, 0), TypeError);
      assert.throws(() => L[r.name](), TypeError);
      // The process is alive and the valid call still works.
      assert.ok(r.ret === "real" ? Number.isFinite(L[r.name](...base)) : L[r.name](...base) >= 0);
      assert.ok(n > 10);
    });
  }
});

function describeValue(v: unknown): string {
  try {
    if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as Any).length})`;
    return typeof v === "bigint" ? `${v}n` : String(v);
  } catch {
    return typeof v;
  }
}
