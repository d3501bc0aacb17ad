// Helpers of the lapack.* tests (lapack_test.ts, lapack_answers_test.ts, lapack_rules_test.ts):
// complex-aware column-major matrices and known answers. The tests run on one thread (below).
import assert from "node:assert/strict";
import { lapack } from "../src/lapack.ts";
import { ROUTINE } from "../ffi/symbols.ts";
import { setNumThreads } from "../mod.ts";
import type { Routine } from "../ffi/symbols.ts";

// deno-lint-ignore no-explicit-any
export type Any = any;
export type T = "s" | "d" | "c" | "z";
export type FA = Float32Array | Float64Array;
export type C = [number, number];

export const L = lapack as unknown as Record<string, (...args: unknown[]) => number>;
export const ROUTINES: Routine[] = Object.values(ROUTINE);
export const stride = lapack.intStride();
// OpenBLAS 0.3.21's threaded xGETRF takes about 0.5 MB of stack per recursion level (job
// arrays sized for 64 threads), more than the 2 MB thread `deno test` runs tests on, so a
// 30 x 30 dgesv can overflow it. This file is about the arguments, so it runs on one thread.
setNumThreads(1);

export const isC = (t: string): boolean => t === "c" || t === "z";
export const Cls = (t: string): typeof Float32Array | typeof Float64Array =>
  t === "s" || t === "c" ? Float32Array : Float64Array;
export const tol = (t: string): number => (t === "s" || t === "c" ? 3e-4 : 1e-10);

// ---------------------------------------------------------------------------------------------
// Complex-aware helpers: matrices as column-major lists of [re, im].

export const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
export const conj = (a: C): C => [a[0], -a[1]];

/**
 * A float array of `n` floats inside a larger buffer, so that the known over-reads of
 * OpenBLAS 0.3.21's complex gemv kernels (issue #4013) cannot reach unmapped memory.
 */
export function floats(t: T, n: number): FA {
  return new (Cls(t))(n + 4096).subarray(0, n);
}

/** Values for type t: the imaginary parts are dropped for real types. */
export function vals(t: T, xs: (number | C)[]): C[] {
  return xs.map((v) => (typeof v === "number" ? [v, 0] : isC(t) ? v : [v[0], 0]));
}
export function pack(t: T, xs: C[], length = xs.length): FA {
  const w = isC(t) ? 2 : 1;
  const a = floats(t, length * w);
  xs.forEach((v, k) => {
    a[k * w] = v[0];
    if (w === 2) a[k * w + 1] = v[1];
  });
  return a;
}
export function unpack(t: T, a: FA, n = a.length / (isC(t) ? 2 : 1), offset = 0): C[] {
  const w = isC(t) ? 2 : 1;
  const out: C[] = [];
  for (let k = offset; k < offset + n; k++) out.push([a[k * w], w === 2 ? a[k * w + 1] : 0]);
  return out;
}
/** (m x k) * (k x n), column-major. */
export function matmul(m: number, k: number, n: number, a: C[], b: C[]): C[] {
  const out: C[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      let s: C = [0, 0];
      for (let l = 0; l < k; l++) {
        const p = cmul(a[l * m + i], b[j * k + l]);
        s = [s[0] + p[0], s[1] + p[1]];
      }
      out.push(s);
    }
  }
  return out;
}
/** op(A) of an (m x n) matrix: "N", "T" or "C". */
export function op(
  trans: string,
  m: number,
  n: number,
  a: C[],
): { rows: number; cols: number; v: C[] } {
  if (trans === "N") return { rows: m, cols: n, v: a };
  const v: C[] = [];
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) v.push(trans === "C" ? conj(a[i * m + j]) : a[i * m + j]);
  }
  return { rows: n, cols: m, v };
}
export function identity(n: number): C[] {
  const out: C[] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) out.push([i === j ? 1 : 0, 0]);
  return out;
}
export function assertClose(t: T, got: C[], want: C[], what: string, scale = 1): void {
  assert.equal(got.length, want.length, `${what}: length`);
  const e = tol(t) * scale * Math.max(1, ...want.map((w) => Math.hypot(w[0], w[1])));
  got.forEach((g, k) => {
    const d = Math.hypot(g[0] - want[k][0], g[1] - want[k][1]);
    assert.ok(d <= e, `${what}: element ${k} is ${g}, expected ${want[k]} (error ${d})`);
  });
}
/** A fixed, well-conditioned (n x n) matrix with complex entries for c/z. */
export function general(t: T, m: number, n = m): C[] {
  const out: C[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      const re = i === j ? 4 + i : Math.sin(1 + i * 7 + j * 3);
      out.push([re, isC(t) ? Math.cos(2 + i * 5 + j) : 0]);
    }
  }
  return out;
}
/** A Hermitian (symmetric) positive definite matrix B^H B + n I. */
export function hpd(t: T, n: number): C[] {
  const b = general(t, n);
  return matmul(n, n, n, op("C", n, n, b).v, b).map((v, k) =>
    k % (n + 1) === 0 ? [v[0] + n, 0] : v
  );
}
export const ivals = (a: Int32Array, n: number): number[] =>
  Array.from({ length: n }, (_, k) => a[k * stride]);
