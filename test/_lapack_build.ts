// Helpers of lapack_test.ts: workspace names, and calls built from a routine's argument names
// with the minimal sizes found from the error messages, arrays inside guard zones.
import assert from "node:assert/strict";
import type { Routine } from "../ffi/symbols.ts";
import type { FA } from "./_lapack_helpers.ts";
import { Cls, isC, L, stride } from "./_lapack_helpers.ts";

// ---------------------------------------------------------------------------------------------
// 2. Workspace queries.

export const WORK_ARGS = /^L[IR]?WORK$/;
export const WORKSPACES = new Set(["WORK", "IWORK", "RWORK"]);
export const INT_ARRAYS = new Set([
  "IPIV",
  "IWORK",
  "RANK",
  "SELECT",
  "SELCTG",
  "SDIM",
  "BWORK",
  "M",
  "JPVT",
]);

// ---------------------------------------------------------------------------------------------
// 3. Boundaries. A call is built from the routine's argument names: sizes and increments
// given by the case, option letters by the case, leading dimensions and LWORKs found from
// the error messages, arrays allocated at exactly the length the messages ask for.

/** The letters of each CHARACTER argument, per template (written from the LAPACK docs). */
export const LETTERS: Record<string, Record<string, string>> = {
  getrs: { TRANS: "NTC" },
  potrf: { UPLO: "UL" },
  potrs: { UPLO: "UL" },
  syevd: { JOBZ: "NV", UPLO: "UL" },
  heevd: { JOBZ: "NV", UPLO: "UL" },
  geev: { JOBVL: "NV", JOBVR: "NV" },
  gesdd: { JOBZ: "ASON" },
  gesvd: { JOBU: "ASON", JOBVT: "ASON" },
  trtrs: { UPLO: "UL", TRANS: "NTC", DIAG: "NU" },
  gecon: { NORM: "1OI" },
  gees: { JOBVS: "NV", SORT: "N" },
  gges: { JOBVSL: "NV", JOBVSR: "NV", SORT: "N" },
  trsyl: { TRANA: "NC", TRANB: "NC" },
  sysv: { UPLO: "UL" },
  hesv: { UPLO: "UL" },
  posv: { UPLO: "UL" },
  pbsv: { UPLO: "UL" },
  sytrf: { UPLO: "UL" },
  hetrf: { UPLO: "UL" },
  stev: { JOBZ: "NV" },
  sygvd: { JOBZ: "NV", UPLO: "UL" },
  hegvd: { JOBZ: "NV", UPLO: "UL" },
  ggev: { JOBVL: "NV", JOBVR: "NV" },
  gemm: { TRANSA: "NTC", TRANSB: "NTC" },
  gemv: { TRANS: "NTC" },
  trsm: { SIDE: "LR", UPLO: "UL", TRANSA: "NTC", DIAG: "NU" },
};
/** Arrays LAPACK must leave unchanged (written from the LAPACK docs). */
export const READ_ONLY: Record<string, string[]> = {
  getrs: ["A", "IPIV"],
  getri: ["IPIV"],
  potrs: ["A"],
  orgqr: ["TAU"],
  ungqr: ["TAU"],
  orgrq: ["TAU"],
  ungrq: ["TAU"],
  orghr: ["TAU"],
  tgsen: ["SELECT"],
  trsyl: ["A", "B"],
  unghr: ["TAU"],
  trtrs: ["A"],
  gecon: ["A"],
  gemm: ["ALPHA", "A", "B", "BETA"],
  gemv: ["ALPHA", "A", "X", "BETA"],
  dot: ["X", "Y"],
  copy: ["X"],
  trsm: ["ALPHA", "A"],
};

export const MN: [number, number][] = [
  [0, 0],
  [0, 3],
  [3, 0],
  [1, 1],
  [2, 2],
  [3, 2],
  [2, 3],
  [5, 5],
  [13, 4],
  [4, 13],
  [30, 20],
  [20, 30],
  [60, 55],
];
export const NS = [0, 1, 2, 3, 5, 14, 30, 55];

export function letterCombos(template: string): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const [name, letters] of Object.entries(LETTERS[template] ?? {})) {
    out = out.flatMap((c) => [...letters].map((l) => ({ ...c, [name]: l })));
  }
  if (template === "gesvd") out = out.filter((c) => !(c.JOBU === "O" && c.JOBVT === "O"));
  return out;
}

/** Integer arguments given by the case (everything but leading dimensions and LWORKs). */
export function sizeCases(r: Routine): Record<string, number>[] {
  const names = r.names.filter((n, k) =>
    r.kinds[k] === "i" && !n.startsWith("LD") && !WORK_ARGS.test(n)
  );
  const has = (n: string) => names.includes(n);
  const out: Record<string, number>[] = [];
  const incs: [number, number][] = [[1, 1], [2, -1], [-3, 2]];
  if (has("M")) {
    MN.forEach(([m, n], k) => {
      const c: Record<string, number> = { M: m, N: n };
      // gelsd: NRHS = 0 only with an empty A (LAPACK's xLALSD rejects it otherwise).
      if (has("NRHS")) c.NRHS = [2, r.name.endsWith("gelsd") && m * n > 0 ? 1 : 0, 1, 3][k % 4];
      if (has("ISGN")) c.ISGN = k % 2 === 0 ? 1 : -1;
      if (has("K")) {
        if (r.name.endsWith("gqr")) {
          if (n > m) return;
          c.K = k % 2 === 0 ? n : Math.max(0, n - 1);
        } else if (r.name.endsWith("grq")) {
          if (m > n) return;
          c.K = k % 2 === 0 ? m : Math.max(0, m - 1);
        } else c.K = [0, 1, 3, 7][k % 4];
      }
      if (has("INCX")) [c.INCX, c.INCY] = incs[k % 3];
      out.push(c);
    });
  } else {
    NS.forEach((n, k) => {
      const c: Record<string, number> = { N: n };
      if (has("NRHS")) c.NRHS = [2, 0, 1, 3][k % 4];
      if (has("ILO")) [c.ILO, c.IHI] = [1, n];
      if (has("IJOB")) [c.IJOB, c.WANTQ, c.WANTZ] = [0, k % 2, 1 - (k % 2)];
      if (has("KL")) [c.KL, c.KU] = [[0, 1], [1, 0], [2, 1], [1, 3]][k % 4];
      if (has("KD")) c.KD = [0, 1, 2, 4][k % 4];
      if (has("ITYPE")) c.ITYPE = [1, 2, 3][k % 3];
      if (has("INCX")) [c.INCX, c.INCY] = incs[k % 3];
      out.push(c);
    });
  }
  for (const c of out) for (const n of names) assert.ok(n in c, `${r.name}: case lacks ${n}`);
  return out;
}

/** Words per element of an array argument: 2 for complex arrays, stride for integers. */
export function perElement(r: Routine, name: string): number {
  if (INT_ARRAYS.has(name)) return stride;
  if (!isC(r.type)) return 1;
  const real = ["S", "RWORK", "RCOND", "WR", "WI", "SCALE", "ALPHAR", "ALPHAI", "PL", "PR", "DIF"]
    .concat(
      /(heevd|hegvd)$/.test(r.name) ? ["W"] : [],
    );
  return real.includes(name) ? 1 : 2;
}

export interface Guarded {
  whole: FA | Int32Array;
  view: FA | Int32Array;
  pre: number;
}
// Wide guard zones: OpenBLAS 0.3.21's cgemv_n/zgemv_n Haswell kernels read past the end of
// their matrix (OpenBLAS issue #4013), which faults when an array ends at a mapping boundary.
export const PRE = 64, POST = 4096;
export const SENTINEL_F = 1234.5, SENTINEL_I = 0x5a5a5a5a;

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let u = Math.imul(s ^ (s >>> 15), s | 1);
    u ^= u + Math.imul(u ^ (u >>> 7), u | 61);
    return (((u ^ (u >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/** Allocates `words` words of an array inside guard zones and fills it for its role. */
export function guarded(
  r: Routine,
  name: string,
  words: number,
  ints: Record<string, number>,
  rand: () => number,
): Guarded {
  const t = r.type;
  if (INT_ARRAYS.has(name)) {
    const whole = new Int32Array(PRE + words + POST).fill(SENTINEL_I);
    const view = whole.subarray(PRE, PRE + words);
    view.fill(0);
    if (name === "IPIV") { for (let k = 0; k * stride < words; k++) view[k * stride] = k + 1; }
    return { whole, view, pre: PRE };
  }
  const whole = new (Cls(t))(PRE + words + POST).fill(SENTINEL_F);
  const view = whole.subarray(PRE, PRE + words);
  for (let k = 0; k < words; k++) view[k] = rand();
  if (name === "A" && ints.LDA !== undefined) {
    const w = isC(t) ? 2 : 1;
    const ld = ints.LDA;
    for (let j = 0; (j * ld + j) * w < words; j++) view[(j * ld + j) * w] += 8 + j;
  }
  if (name === "ALPHA" || name === "BETA") view.fill(0.5);
  return { whole, view, pre: PRE };
}

export function checkGuards(g: Guarded, what: string): void {
  const sentinel = g.whole instanceof Int32Array ? SENTINEL_I : Math.fround(SENTINEL_F);
  for (let k = 0; k < g.whole.length; k++) {
    if (k >= g.pre && k < g.pre + g.view.length) continue;
    if (g.whole[k] !== sentinel) {
      assert.fail(
        `${what}: word ${k - g.pre} relative to the array start was written (${g.whole[k]})`,
      );
    }
  }
}

export const NEEDED = /(-?\d+)(?: \([^()]*\))?(?: (?:is|are) needed.*)?$/;

export interface Built {
  args: unknown[];
  arrays: Map<string, Guarded>;
  ints: Record<string, number>;
}

/**
 * Builds the minimal call: starts with 0 for every leading dimension and LWORK and empty
 * arrays, and follows the RangeErrors until the call goes through (which it then did).
 */
export function build(
  r: Routine,
  given: Record<string, number>,
  letters: Record<string, string>,
  query = false,
): { built: Built; info: number; before: Map<string, number[]> } {
  const rand = rng(r.name.length * 1000 + Object.values(given).reduce((a, b) => a * 31 + b + 7, 1));
  const names = r.names.filter((_, k) => r.kinds[k] !== "info");
  const kinds = r.kinds.filter((k) => k !== "info");
  const ints: Record<string, number> = { ...given };
  const arrays = new Map<string, Guarded>();
  const wordsOf = (n: string, count: number) => count * perElement(r, n);
  names.forEach((n, k) => {
    if (kinds[k] === "i" && !(n in ints)) ints[n] = query && WORK_ARGS.test(n) ? -1 : 0;
  });
  names.forEach((n, k) => {
    if (kinds[k] === "a" || kinds[k] === "s") {
      arrays.set(n, guarded(r, n, kinds[k] === "s" ? wordsOf(n, 1) : 0, ints, rand));
    }
  });
  const argsOf = (): unknown[] =>
    names.map((n, k) =>
      kinds[k] === "i"
        ? ints[n]
        : kinds[k] === "c"
        ? letters[n]
        : kinds[k] === "r"
        ? (n === "ANORM" ? 1 : -1)
        : arrays.get(n)!.view
    );
  for (let step = 0; step < 60; step++) {
    const args = argsOf();
    const before = new Map<string, number[]>();
    for (const n of READ_ONLY[r.name.slice(1)] ?? []) before.set(n, [...arrays.get(n)!.view]);
    try {
      const info = L[r.name](...args);
      return { built: { args, arrays, ints }, info, before };
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      const msg = e.message;
      const m = msg.match(/^\w+: (\w+) (?:=|has) /);
      const need = msg.match(NEEDED);
      if (m === null || need === null) throw e;
      const name = m[1];
      const value = Number(need[1]);
      if (name in ints) {
        assert.ok(!(name in given), `${msg}: a given value is refused`);
        assert.ok(value > ints[name], `${msg}: no progress`);
        ints[name] = value;
      } else {
        assert.ok(arrays.has(name), msg);
        assert.ok(msg.includes(" has "), msg);
        arrays.set(name, guarded(r, name, wordsOf(name, value), ints, rand));
      }
    }
  }
  throw new Error(`${r.name}: no valid call found`);
}

export function label(
  r: Routine,
  given: Record<string, number>,
  letters: Record<string, string>,
): string {
  return `${r.name}(${
    Object.entries({ ...letters, ...given }).map(([k, v]) => `${k}=${v}`).join(" ")
  })`;
}
