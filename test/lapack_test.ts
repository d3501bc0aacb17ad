// lapack.*: typed raw routines. Four parts:
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
import { lapack } from "../src/lapack.ts";
import type { Lapack } from "../src/lapack.ts";
import { ROUTINE } from "../ffi/symbols.ts";
import { setNumThreads } from "../mod.ts";
import type { Routine } from "../ffi/symbols.ts";

// deno-lint-ignore no-explicit-any
type Any = any;
type T = "s" | "d" | "c" | "z";
type FA = Float32Array | Float64Array;
type C = [number, number];

const L = lapack as unknown as Record<string, (...args: unknown[]) => number>;
const ROUTINES: Routine[] = Object.values(ROUTINE);
const stride = lapack.intStride();
// OpenBLAS 0.3.21's threaded xGETRF takes about 0.5 MB of stack per recursion level (job
// arrays sized for 64 threads), more than the 2 MB thread `deno test` runs tests on, so a
// 30 x 30 dgesv can overflow it. This file is about the arguments, so it runs on one thread.
setNumThreads(1);

const isC = (t: string): boolean => t === "c" || t === "z";
const Cls = (t: string): typeof Float32Array | typeof Float64Array =>
  t === "s" || t === "c" ? Float32Array : Float64Array;
const tol = (t: string): number => (t === "s" || t === "c" ? 3e-4 : 1e-10);

// ---------------------------------------------------------------------------------------------
// Complex-aware helpers: matrices as column-major lists of [re, im].

const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const conj = (a: C): C => [a[0], -a[1]];

/**
 * A float array of `n` floats inside a larger buffer, so that the known over-reads of
 * OpenBLAS 0.3.21's complex gemv kernels (issue #4013) cannot reach unmapped memory.
 */
function floats(t: T, n: number): FA {
  return new (Cls(t))(n + 4096).subarray(0, n);
}

/** Values for type t: the imaginary parts are dropped for real types. */
function vals(t: T, xs: (number | C)[]): C[] {
  return xs.map((v) => (typeof v === "number" ? [v, 0] : isC(t) ? v : [v[0], 0]));
}
function pack(t: T, xs: C[], length = xs.length): FA {
  const w = isC(t) ? 2 : 1;
  const a = floats(t, length * w);
  xs.forEach((v, k) => {
    a[k * w] = v[0];
    if (w === 2) a[k * w + 1] = v[1];
  });
  return a;
}
function unpack(t: T, a: FA, n = a.length / (isC(t) ? 2 : 1), offset = 0): C[] {
  const w = isC(t) ? 2 : 1;
  const out: C[] = [];
  for (let k = offset; k < offset + n; k++) out.push([a[k * w], w === 2 ? a[k * w + 1] : 0]);
  return out;
}
/** (m x k) * (k x n), column-major. */
function matmul(m: number, k: number, n: number, a: C[], b: C[]): C[] {
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
function op(trans: string, m: number, n: number, a: C[]): { rows: number; cols: number; v: C[] } {
  if (trans === "N") return { rows: m, cols: n, v: a };
  const v: C[] = [];
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) v.push(trans === "C" ? conj(a[i * m + j]) : a[i * m + j]);
  }
  return { rows: n, cols: m, v };
}
function identity(n: number): C[] {
  const out: C[] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) out.push([i === j ? 1 : 0, 0]);
  return out;
}
function assertClose(t: T, got: C[], want: C[], what: string, scale = 1): void {
  assert.equal(got.length, want.length, `${what}: length`);
  const e = tol(t) * scale * Math.max(1, ...want.map((w) => Math.hypot(w[0], w[1])));
  got.forEach((g, k) => {
    const d = Math.hypot(g[0] - want[k][0], g[1] - want[k][1]);
    assert.ok(d <= e, `${what}: element ${k} is ${g}, expected ${want[k]} (error ${d})`);
  });
}
/** A fixed, well-conditioned (n x n) matrix with complex entries for c/z. */
function general(t: T, m: number, n = m): C[] {
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
function hpd(t: T, n: number): C[] {
  const b = general(t, n);
  return matmul(n, n, n, op("C", n, n, b).v, b).map((v, k) =>
    k % (n + 1) === 0 ? [v[0] + n, 0] : v
  );
}
const ivals = (a: Int32Array, n: number): number[] =>
  Array.from({ length: n }, (_, k) => a[k * stride]);

// ---------------------------------------------------------------------------------------------
// 1. Answers.

const ANSWERS: Record<string, (t: T) => void> = {
  gesv(t) {
    const a = general(t, 3);
    const x = vals(t, [1, [2, 1], -1, [0.5, -2], 3, 0]);
    const b = pack(t, matmul(3, 3, 2, a, x));
    const ipiv = lapack.intArray(3);
    assert.equal(L[t + "gesv"](3, 2, pack(t, a), 3, ipiv, b, 3), 0);
    assertClose(t, unpack(t, b), x, "x");
  },
  getrf(t) {
    // getrf + getrs with every TRANS.
    const a = general(t, 3);
    const lu = pack(t, a);
    const ipiv = lapack.intArray(3);
    assert.equal(L[t + "getrf"](3, 3, lu, 3, ipiv), 0);
    for (const p of ivals(ipiv, 3)) assert.ok(p >= 1 && p <= 3);
    for (const trans of ["N", "T", "C"]) {
      const x = vals(t, [[1, 1], -2, 3]);
      const o = op(trans, 3, 3, a);
      const b = pack(t, matmul(3, 3, 1, o.v, x));
      assert.equal(L[t + "getrs"](trans, 3, 1, lu, 3, ipiv, b, 3), 0);
      assertClose(t, unpack(t, b), x, `trans ${trans}`);
    }
    // A singular matrix: positive INFO is returned.
    assert.equal(L[t + "getrf"](2, 2, pack(t, vals(t, [1, 2, 2, 4])), 2, lapack.intArray(2)), 2);
  },
  getrs(t) {
    ANSWERS.getrf(t);
  },
  getri(t) {
    const a = general(t, 3);
    const inv = pack(t, a);
    const ipiv = lapack.intArray(3);
    assert.equal(L[t + "getrf"](3, 3, inv, 3, ipiv), 0);
    const work = floats(t, 3 * 4 * (isC(t) ? 2 : 1));
    assert.equal(L[t + "getri"](3, inv, 3, ipiv, work, 12), 0);
    assertClose(t, matmul(3, 3, 3, a, unpack(t, inv)), identity(3), "A inv(A)");
  },
  potrf(t) {
    const a = hpd(t, 3);
    for (const uplo of ["U", "L"]) {
      const f = pack(t, a);
      assert.equal(L[t + "potrf"](uplo, 3, f, 3), 0);
      const r = unpack(t, f).map((v, k): C => {
        const i = k % 3, j = Math.floor(k / 3);
        return (uplo === "U" ? i <= j : i >= j) ? v : [0, 0];
      });
      const prod = uplo === "U"
        ? matmul(3, 3, 3, op("C", 3, 3, r).v, r)
        : matmul(3, 3, 3, r, op("C", 3, 3, r).v);
      assertClose(t, prod, a, `${uplo}: factor`);
      const x = vals(t, [1, [0, 1], -1, 2, 0, [3, -1]]);
      const b = pack(t, matmul(3, 3, 2, a, x));
      assert.equal(L[t + "potrs"](uplo, 3, 2, f, 3, b, 3), 0);
      assertClose(t, unpack(t, b), x, `${uplo}: solve`);
    }
    // Not positive definite: positive INFO.
    assert.equal(L[t + "potrf"]("U", 2, pack(t, vals(t, [1, 2, 2, 1])), 2), 2);
  },
  potrs(t) {
    ANSWERS.potrf(t);
  },
  syevd(t) {
    eigh(t, "syevd");
  },
  heevd(t) {
    eigh(t, "heevd");
  },
  geev(t) {
    const n = 3;
    const diag = pack(t, vals(t, [2, 0, 0, 0, 3, 0, 0, 0, 1]));
    const work = floats(t, 4 * n * 2 + 10);
    const lw = 4 * n;
    const vr = floats(t, n * n * (isC(t) ? 2 : 1));
    const vl = floats(t, 0);
    let ev: C[];
    if (isC(t)) {
      const w = floats(t, 2 * n);
      const rwork = floats(t, 2 * n);
      assert.equal(L[t + "geev"]("N", "V", n, diag, n, w, vl, 1, vr, n, work, lw, rwork), 0);
      ev = unpack(t, w);
    } else {
      const wr = floats(t, n), wi = floats(t, n);
      assert.equal(L[t + "geev"]("N", "V", n, diag, n, wr, wi, vl, 1, vr, n, work, lw), 0);
      ev = Array.from(wr, (re, k): C => [re, wi[k]]);
    }
    assertClose(t, ev, vals(t, [2, 3, 1]), "eigenvalues of a diagonal");
    assertClose(
      t,
      unpack(t, vr).map((v): C => [Math.abs(v[0]), Math.abs(v[1])]),
      identity(3),
      "vectors",
    );
    // A rotation: eigenvalues +i and -i (real: as WR, WI pairs).
    const rot = pack(t, vals(t, [0, 1, -1, 0]));
    if (isC(t)) {
      const w = floats(t, 4);
      assert.equal(L[t + "geev"]("N", "N", 2, rot, 2, w, vl, 1, vl, 1, work, 4, floats(t, 4)), 0);
      const got = unpack(t, w).sort((p, q) => p[1] - q[1]);
      assertClose(t, got, [[0, -1], [0, 1]], "rotation");
    } else {
      const wr = floats(t, 2), wi = floats(t, 2);
      assert.equal(L[t + "geev"]("N", "N", 2, rot, 2, wr, wi, vl, 1, vl, 1, work, 6), 0);
      assertClose(t, [[wr[0], wi[0]], [wr[1], wi[1]]], [[0, 1], [0, -1]], "rotation");
    }
  },
  gesdd(t) {
    svd(t, "gesdd");
  },
  gesvd(t) {
    svd(t, "gesvd");
  },
  geqrf(t) {
    const m = 4, n = 3;
    const a = general(t, m, n);
    const qr = pack(t, a);
    const tau = floats(t, n * (isC(t) ? 2 : 1));
    const work = floats(t, 64 * (isC(t) ? 2 : 1));
    assert.equal(L[t + "geqrf"](m, n, qr, m, tau, work, 64), 0);
    const r = unpack(t, qr).map((v, k): C => (k % m <= Math.floor(k / m) ? v : [0, 0]));
    const rr = r.filter((_, k) => k % m < n); // the n x n R
    assert.equal(L[t + (isC(t) ? "ungqr" : "orgqr")](m, n, n, qr, m, tau, work, 64), 0);
    const q = unpack(t, qr);
    assertClose(t, matmul(n, m, n, op("C", m, n, q).v, q), identity(n), "Q^H Q");
    assertClose(t, matmul(m, n, n, q, rr), a, "Q R");
  },
  gerqf(t) {
    const m = 3, n = 4;
    const a = general(t, m, n);
    const rq = pack(t, a);
    const tau = floats(t, m * (isC(t) ? 2 : 1));
    const work = floats(t, 64 * (isC(t) ? 2 : 1));
    assert.equal(L[t + "gerqf"](m, n, rq, m, tau, work, 64), 0);
    // R: the m x m upper triangle in the last m columns.
    const f = unpack(t, rq);
    const r = identity(m).map((_, k): C => {
      const i = k % m, j = Math.floor(k / m);
      return i <= j ? f[(n - m + j) * m + i] : [0, 0];
    });
    assert.equal(L[t + (isC(t) ? "ungrq" : "orgrq")](m, n, m, rq, m, tau, work, 64), 0);
    const q = unpack(t, rq);
    assertClose(t, matmul(m, n, m, q, op("C", m, n, q).v), identity(m), "Q Q^H");
    assertClose(t, matmul(m, m, n, r, q), a, "R Q");
  },
  orgrq(t) {
    ANSWERS.gerqf(t);
  },
  ungrq(t) {
    ANSWERS.gerqf(t);
  },
  orgqr(t) {
    ANSWERS.geqrf(t);
  },
  ungqr(t) {
    ANSWERS.geqrf(t);
  },
  gelsd(t) {
    const m = 4, n = 2;
    const a = general(t, m, n);
    const x = vals(t, [[1, -1], 2]);
    const b = pack(t, matmul(m, n, 1, a, x));
    const s = floats(t, n);
    const rank = lapack.intArray(1);
    const work = floats(t, 2000);
    const iwork = lapack.intArray(100);
    const lw = isC(t) ? 1000 : 2000;
    const call = (aa: FA, bb: FA) =>
      isC(t)
        ? L[t + "gelsd"](m, n, 1, aa, m, bb, m, s, -1, rank, work, lw, floats(t, 2000), iwork)
        : L[t + "gelsd"](m, n, 1, aa, m, bb, m, s, -1, rank, work, lw, iwork);
    assert.equal(call(pack(t, a), b), 0);
    assert.equal(ivals(rank, 1)[0], 2);
    assert.ok(s[0] >= s[1] && s[1] > 0);
    assertClose(t, unpack(t, b, n), x, "x");
    // Two equal columns: rank 1.
    const dup = a.slice(0, m).concat(a.slice(0, m));
    assert.equal(call(pack(t, dup), pack(t, matmul(m, n, 1, dup, x))), 0);
    assert.equal(ivals(rank, 1)[0], 1);
  },
  trtrs(t) {
    const a = general(t, 3).map((v, k): C => (k % 3 <= Math.floor(k / 3) ? v : [0, 0]));
    for (const trans of ["N", "T", "C"]) {
      const x = vals(t, [1, [2, 2], -3]);
      const b = pack(t, matmul(3, 3, 1, op(trans, 3, 3, a).v, x));
      assert.equal(L[t + "trtrs"]("U", trans, "N", 3, 1, pack(t, a), 3, b, 3), 0);
      assertClose(t, unpack(t, b), x, `trans ${trans}`);
    }
    // A zero on the diagonal: positive INFO.
    const sing = pack(t, vals(t, [1, 0, 0, 0]));
    assert.equal(L[t + "trtrs"]("U", "N", "N", 2, 1, sing, 2, pack(t, vals(t, [1, 1])), 2), 2);
  },
  gecon(t) {
    for (const norm of ["1", "O", "I"]) {
      const rcond = floats(t, 1);
      const work = floats(t, 4 * 3 * 2);
      const last = isC(t) ? floats(t, 6) : lapack.intArray(3);
      assert.equal(L[t + "gecon"](norm, 3, pack(t, identity(3)), 3, 1, rcond, work, last), 0);
      assert.ok(Math.abs(rcond[0] - 1) < tol(t), `rcond(I) = ${rcond[0]}`);
    }
  },
  gemm(t) {
    const a = general(t, 2, 3), b = general(t, 3, 2), c0 = general(t, 2, 2);
    const alpha: C = isC(t) ? [1, 1] : [2, 0], beta: C = [0.5, 0];
    for (const [ta, tb] of [["N", "N"], ["T", "N"], ["N", "C"], ["C", "T"]]) {
      const sa = ta === "N" ? a : op(ta === "T" ? "T" : "C", 2, 3, a).v; // stored op^-1
      const sb = tb === "N" ? b : op(tb === "T" ? "T" : "C", 3, 2, b).v;
      // op(stored) must give back a and b: conj-transposing twice is the identity.
      const c = pack(t, c0);
      const lda = ta === "N" ? 2 : 3, ldb = tb === "N" ? 3 : 2;
      assert.equal(
        L[t + "gemm"](
          ta,
          tb,
          2,
          2,
          3,
          pack(t, [alpha]),
          pack(t, sa),
          lda,
          pack(t, sb),
          ldb,
          pack(t, [beta]),
          c,
          2,
        ),
        0,
      );
      const ab = matmul(2, 3, 2, a, b);
      const want = ab.map((v, k): C => {
        const p = cmul(alpha, v), q = cmul(beta, c0[k]);
        return [p[0] + q[0], p[1] + q[1]];
      });
      assertClose(t, unpack(t, c), want, `${ta}${tb}`);
    }
  },
  gemv(t) {
    const a = general(t, 3, 2);
    const xv = vals(t, [1, [0, 2]]);
    const x = pack(t, [xv[0], [99, 99], xv[1]]); // INCX = 2
    const y0 = vals(t, [1, 2, 3]);
    const y = pack(t, [...y0].reverse()); // INCY = -1
    assert.equal(
      L[t + "gemv"]("N", 3, 2, pack(t, [[1, 0]]), pack(t, a), 3, x, 2, pack(t, [[2, 0]]), y, -1),
      0,
    );
    const ax = matmul(3, 2, 1, a, xv);
    const want = ax.map((v, k): C => [v[0] + 2 * y0[k][0], v[1] + 2 * y0[k][1]]);
    assertClose(t, unpack(t, y).reverse(), want, "y");
  },
  dot(t) {
    const x = pack(t, vals(t, [1, 2, 3])), y = pack(t, vals(t, [4, 5, 6]));
    assert.equal(L[t + "dot"](3, x, 1, y, 1), 32);
    assert.equal(L[t + "dot"](3, x, -1, y, 1), 28);
    assert.equal(L[t + "dot"](2, x, 2, y, 1), 1 * 4 + 3 * 5);
    assert.equal(L[t + "dot"](0, floats(t, 0), 1, floats(t, 0), 1), 0);
  },
  copy(t) {
    const x = pack(t, vals(t, [1, [2, 1], 3]));
    const y = floats(t, x.length);
    assert.equal(L[t + "copy"](3, x, 1, y, -1), 0);
    assertClose(t, unpack(t, y), vals(t, [3, [2, 1], 1]), "reversed");
  },
};

function eigh(t: T, name: string): void {
  const n = 3;
  const call = (jobz: string, uplo: string, a: FA, w: FA) => {
    const work = floats(t, 200);
    const iwork = lapack.intArray(50);
    return isC(t)
      ? L[t + name](jobz, uplo, n, a, n, w, work, 100, floats(t, 100), 100, iwork, 50)
      : L[t + name](jobz, uplo, n, a, n, w, work, 200, iwork, 50);
  };
  const w = floats(t, n);
  assert.equal(call("N", "U", pack(t, vals(t, [3, 0, 0, 0, 1, 0, 0, 0, 2])), w), 0);
  assertClose(
    t,
    Array.from(w, (v): C => [v, 0]),
    [[1, 0], [2, 0], [3, 0]],
    "eigenvalues of a diagonal",
  );
  const h = hpd(t, n);
  for (const uplo of ["U", "L"]) {
    const v = pack(t, h);
    assert.equal(call("V", uplo, v, w), 0);
    const vv = unpack(t, v);
    const lam = vv.map((x, k): C => cmul(x, [w[Math.floor(k / n)], 0]));
    assertClose(t, matmul(n, n, n, h, vv), lam, `${uplo}: A V = V diag(w)`, 10);
    assertClose(t, matmul(n, n, n, op("C", n, n, vv).v, vv), identity(n), `${uplo}: V^H V`, 10);
  }
}

function svd(t: T, name: string): void {
  // The singular values of diag(3, -1, 2) are 3, 2, 1; of a general 4 x 3, by reconstruction.
  for (const job of ["N", "S", "A", "O"]) {
    const m = 3, n = 3;
    const a = pack(t, vals(t, [3, 0, 0, 0, -1, 0, 0, 0, 2]));
    const s = floats(t, 3);
    svdCall(t, name, job, m, n, a, s);
    assertClose(
      t,
      Array.from(s, (v): C => [v, 0]),
      [[3, 0], [2, 0], [1, 0]],
      `${name} ${job}: singular values`,
    );
  }
  const m = 4, n = 3;
  const a0 = general(t, m, n);
  const s = floats(t, n);
  const { u, vt } = svdCall(t, name, "S", m, n, pack(t, a0), s);
  const us = unpack(t, u).map((v, k): C => cmul(v, [s[Math.floor(k / m)], 0]));
  assertClose(t, matmul(m, n, n, us, unpack(t, vt)), a0, `${name}: U S VT`, 10);
}

function svdCall(
  t: T,
  name: string,
  job: string,
  m: number,
  n: number,
  a: FA,
  s: FA,
): { u: FA; vt: FA } {
  const w = isC(t) ? 2 : 1;
  const u = floats(t, m * m * w), vt = floats(t, n * n * w);
  const work = floats(t, 1000 * w), rwork = floats(t, 1000), iwork = lapack.intArray(8 * n);
  let info: number;
  if (name === "gesdd") {
    info = isC(t)
      ? L[t + name](job, m, n, a, m, s, u, m, vt, n, work, 1000, rwork, iwork)
      : L[t + name](job, m, n, a, m, s, u, m, vt, n, work, 1000, iwork);
  } else {
    const jv = job === "O" ? "N" : job;
    info = isC(t)
      ? L[t + name](job, jv, m, n, a, m, s, u, m, vt, n, work, 1000, rwork)
      : L[t + name](job, jv, m, n, a, m, s, u, m, vt, n, work, 1000);
  }
  assert.equal(info, 0, `${name} ${job}`);
  return { u, vt };
}

describe("lapack: answers of every routine", () => {
  test("every template has an answer test, and lapack has every routine", () => {
    for (const r of ROUTINES) {
      assert.ok(ANSWERS[r.name.slice(1)] !== undefined, r.name);
      assert.equal(typeof L[r.name], "function", r.name);
      assert.equal((L[r.name] as Any).name, r.name);
    }
    assert.equal(Object.keys(lapack).length, ROUTINES.length + 2);
    assert.ok(Object.isFrozen(lapack));
  });
  for (const r of ROUTINES) {
    test(r.name, () => ANSWERS[r.name.slice(1)](r.type));
  }
});

// ---------------------------------------------------------------------------------------------
// 2. Workspace queries.

const WORK_ARGS = /^L[IR]?WORK$/;
const WORKSPACES = new Set(["WORK", "IWORK", "RWORK"]);
const INT_ARRAYS = new Set(["IPIV", "IWORK", "RANK"]);

// ---------------------------------------------------------------------------------------------
// 3. Boundaries. A call is built from the routine's argument names: sizes and increments
// given by the case, option letters by the case, leading dimensions and LWORKs found from
// the error messages, arrays allocated at exactly the length the messages ask for.

/** The letters of each CHARACTER argument, per template (written from the LAPACK docs). */
const LETTERS: Record<string, Record<string, string>> = {
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
  gemm: { TRANSA: "NTC", TRANSB: "NTC" },
  gemv: { TRANS: "NTC" },
};
/** Arrays LAPACK must leave unchanged (written from the LAPACK docs). */
const READ_ONLY: Record<string, string[]> = {
  getrs: ["A", "IPIV"],
  getri: ["IPIV"],
  potrs: ["A"],
  orgqr: ["TAU"],
  ungqr: ["TAU"],
  orgrq: ["TAU"],
  ungrq: ["TAU"],
  trtrs: ["A"],
  gecon: ["A"],
  gemm: ["ALPHA", "A", "B", "BETA"],
  gemv: ["ALPHA", "A", "X", "BETA"],
  dot: ["X", "Y"],
  copy: ["X"],
};

const MN: [number, number][] = [
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
const NS = [0, 1, 2, 3, 5, 14, 30, 55];

function letterCombos(template: string): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const [name, letters] of Object.entries(LETTERS[template] ?? {})) {
    out = out.flatMap((c) => [...letters].map((l) => ({ ...c, [name]: l })));
  }
  if (template === "gesvd") out = out.filter((c) => !(c.JOBU === "O" && c.JOBVT === "O"));
  return out;
}

/** Integer arguments given by the case (everything but leading dimensions and LWORKs). */
function sizeCases(r: Routine): Record<string, number>[] {
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
      if (has("INCX")) [c.INCX, c.INCY] = incs[k % 3];
      out.push(c);
    });
  }
  for (const c of out) for (const n of names) assert.ok(n in c, `${r.name}: case lacks ${n}`);
  return out;
}

/** Words per element of an array argument: 2 for complex arrays, stride for integers. */
function perElement(r: Routine, name: string): number {
  if (INT_ARRAYS.has(name)) return stride;
  if (!isC(r.type)) return 1;
  const real = ["S", "RWORK", "RCOND", "WR", "WI"].concat(r.name.endsWith("heevd") ? ["W"] : []);
  return real.includes(name) ? 1 : 2;
}

interface Guarded {
  whole: FA | Int32Array;
  view: FA | Int32Array;
  pre: number;
}
// Wide guard zones: OpenBLAS 0.3.21's cgemv_n/zgemv_n Haswell kernels read past the end of
// their matrix (OpenBLAS issue #4013), which faults when an array ends at a mapping boundary.
const PRE = 64, POST = 4096;
const SENTINEL_F = 1234.5, SENTINEL_I = 0x5a5a5a5a;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let u = Math.imul(s ^ (s >>> 15), s | 1);
    u ^= u + Math.imul(u ^ (u >>> 7), u | 61);
    return (((u ^ (u >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/** Allocates `words` words of an array inside guard zones and fills it for its role. */
function guarded(
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

function checkGuards(g: Guarded, what: string): void {
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

const NEEDED = /(-?\d+)(?: \([^()]*\))?(?: (?:is|are) needed.*)?$/;

interface Built {
  args: unknown[];
  arrays: Map<string, Guarded>;
  ints: Record<string, number>;
}

/**
 * Builds the minimal call: starts with 0 for every leading dimension and LWORK and empty
 * arrays, and follows the RangeErrors until the call goes through (which it then did).
 */
function build(
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

function label(r: Routine, given: Record<string, number>, letters: Record<string, string>): string {
  return `${r.name}(${
    Object.entries({ ...letters, ...given }).map(([k, v]) => `${k}=${v}`).join(" ")
  })`;
}

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

// ---------------------------------------------------------------------------------------------
// Specific rules.

describe("lapack: specific rules", () => {
  test("messages name the routine (upper case, as XERBLA), the argument and the numbers", () => {
    const ipiv = lapack.intArray(3);
    assert.throws(() => lapack.dgetrf(3, 3, new Float64Array(8), 3, ipiv), {
      name: "RangeError",
      message: "DGETRF: A has 8 elements, but LDA*N = 3*3 = 9 are needed",
    });
    assert.throws(() => lapack.dgetrf(3, 3, new Float64Array(9), 2, ipiv), {
      name: "RangeError",
      message: "DGETRF: LDA = 2 must be >= max(1,M) = max(1,3) = 3",
    });
    assert.throws(() => lapack.dgetrf(3, 3, new Float32Array(9) as Any, 3, ipiv), {
      name: "TypeError",
      message: "DGETRF: A must be a Float64Array, got Float32Array",
    });
    assert.throws(() => lapack.zgetrf(3, 3, new Float64Array(17), 3, ipiv), {
      message: "ZGETRF: A has 8 complex elements (17 floats), but LDA*N = 3*3 = 9 are needed",
    });
    assert.throws(
      () =>
        lapack.dgesdd(
          "A",
          3,
          2,
          new Float64Array(6),
          3,
          new Float64Array(2),
          new Float64Array(9),
          3,
          new Float64Array(4),
          2,
          new Float64Array(30),
          29,
          lapack.intArray(16),
        ),
      {
        message:
          "DGESDD: LWORK = 29 is too small: LWORK >= max(1,4*mn*mn+6*mn+mx) = max(1,4*2*2+6*2+3) = 31 (JOBZ = 'A') is needed (or -1 for a workspace query)",
      },
    );
    assert.throws(() => lapack.ddot(2, new Float64Array(2), 0, new Float64Array(2), 1), {
      message: "DDOT: INCX must not be 0",
    });
    assert.throws(
      () => lapack.dgetrs("Q" as never, 1, 1, new Float64Array(1), 1, ipiv, new Float64Array(1), 1),
      {
        name: "RangeError",
        message: "DGETRS: TRANS = \"Q\" is not one of 'N', 'T', 'C'",
      },
    );
    assert.throws(() => lapack.dgetrf(3, 3, new Float64Array(9), 3, new Int32Array(2)), RangeError);
    assert.throws(() => (lapack.dgetrf as Any)(3, 3, new Float64Array(9), 3), {
      name: "TypeError",
      message: "DGETRF: expected 5 arguments (M, N, A, LDA, IPIV), got 4",
    });
  });

  test("gelsd: NRHS = 0 only with an empty A", () => {
    const call = (m: number, n: number, nrhs: number) =>
      lapack.dgelsd(
        m,
        n,
        nrhs,
        new Float64Array(4),
        2,
        new Float64Array(4),
        2,
        new Float64Array(2),
        -1,
        lapack.intArray(1),
        new Float64Array(1000),
        1000,
        lapack.intArray(100),
      );
    assert.throws(() => call(2, 2, 0), {
      message: "DGELSD: NRHS = 0 must be >= min(1,M,N) = min(1,2,2) = 1",
    });
    assert.equal(call(2, 0, 0), 0);
    assert.equal(call(0, 2, 0), 0);
  });

  test("32-bit libraries: no array may span more elements than INTEGER indexes", () => {
    if (stride === 2) return;
    // dcopy computes (-N+1)*INCX in INTEGER: 3 elements 2^30 apart would wrap.
    const x = new Float64Array(1);
    assert.throws(() => lapack.dcopy(3, x, -(2 ** 30), new Float64Array(3), 1), {
      name: "RangeError",
      message:
        /X would span 2147483649 elements, more than the library's 32-bit integers can index/,
    });
  });

  test("lower-case letters are accepted", () => {
    const a = new Float64Array([4, 2, 2, 3]);
    assert.equal(lapack.dpotrf("l" as Any, 2, a, 2), 0);
    const b = new Float64Array([1, 1]);
    assert.equal(lapack.dpotrs("l" as Any, 2, 1, a, 2, b, 2), 0);
    assert.ok(Math.abs(4 * b[0] + 2 * b[1] - 1) < 1e-12);
  });

  test("pivots must be row indices in 1..N", () => {
    const a = new Float64Array([2, 0, 0, 2]), b = new Float64Array(2);
    for (const bad of [0, 3, -1, 2 ** 31 - 1]) {
      const ipiv = lapack.intArray(2);
      ipiv[0] = 1;
      ipiv[stride] = bad;
      assert.throws(() => lapack.dgetrs("N", 2, 1, a, 2, ipiv, b, 2), RangeError, String(bad));
      assert.throws(
        () => lapack.dgetri(2, a, 2, ipiv, new Float64Array(2), 2),
        RangeError,
        String(bad),
      );
    }
    if (stride === 2) {
      const ipiv = lapack.intArray(2);
      ipiv[0] = 1;
      ipiv[2] = 2;
      ipiv[3] = 1; // 2 + 2^32
      assert.throws(() => lapack.dgetrs("N", 2, 1, a, 2, ipiv, b, 2), RangeError);
    }
    // A workspace query does not read the pivots.
    assert.equal(lapack.dgetri(2, a, 2, lapack.intArray(2), new Float64Array(1), -1), 0);
  });

  test("the iterative drivers refuse infs and NaNs where LAPACK reads", () => {
    const n = 2;
    const nanA = () => new Float64Array([1, NaN, 0, 1]); // A(2,1) = NaN
    const w = new Float64Array(n), work = new Float64Array(100), iw = lapack.intArray(20);
    assert.throws(() => lapack.dsyevd("N", "L", n, nanA(), n, w, work, 100, iw, 20), {
      message:
        "DSYEVD: A must not contain infs or NaNs (LAPACK may not return on them): A(2,1) = NaN",
    });
    // The upper triangle does not read A(2,1).
    assert.equal(lapack.dsyevd("N", "U", n, nanA(), n, w, work, 100, iw, 20), 0);
    assert.throws(
      () =>
        lapack.dgeev(
          "N",
          "N",
          n,
          nanA(),
          n,
          w,
          w.slice(),
          work,
          1,
          work.slice(),
          1,
          work.slice(),
          100,
        ),
      RangeError,
    );
    assert.throws(
      () =>
        lapack.dgesdd(
          "N",
          n,
          n,
          nanA(),
          n,
          w,
          work.slice(),
          1,
          work.slice(),
          1,
          work.slice(),
          100,
          iw,
        ),
      RangeError,
    );
    assert.throws(
      () =>
        lapack.dgesvd(
          "N",
          "N",
          n,
          n,
          nanA(),
          n,
          w,
          work.slice(),
          1,
          work.slice(),
          1,
          work.slice(),
          100,
        ),
      RangeError,
    );
    assert.throws(
      () =>
        lapack.zgesdd(
          "N",
          1,
          1,
          new Float64Array([1, Infinity]),
          1,
          new Float64Array(1),
          new Float64Array(2),
          1,
          new Float64Array(2),
          1,
          new Float64Array(20),
          10,
          new Float64Array(20),
          lapack.intArray(8),
        ),
      {
        message:
          "ZGESDD: A must not contain infs or NaNs (LAPACK may not return on them): A(1,1) = 1+Infinityi",
      },
    );
    // Padding rows beyond M (LDA > M) are not read.
    const padded = new Float64Array([1, NaN, 2, NaN]);
    assert.equal(
      lapack.dgesdd(
        "N",
        1,
        2,
        padded,
        2,
        new Float64Array(1),
        new Float64Array(1),
        1,
        new Float64Array(1),
        1,
        new Float64Array(100),
        100,
        lapack.intArray(8),
      ),
      0,
    );
    // A workspace query does not read A.
    assert.equal(
      lapack.dgesdd(
        "N",
        n,
        n,
        nanA(),
        n,
        w,
        work.slice(),
        1,
        work.slice(),
        1,
        work.slice(),
        -1,
        iw,
      ),
      0,
    );
    // gelsd: B too.
    const b = new Float64Array([1, NaN]);
    assert.throws(
      () =>
        lapack.dgelsd(
          2,
          2,
          1,
          new Float64Array([1, 0, 0, 1]),
          2,
          b,
          2,
          w,
          -1,
          lapack.intArray(1),
          new Float64Array(1000),
          1000,
          lapack.intArray(100),
        ),
      /B\(2,1\) = NaN/,
    );
  });

  test("an array LAPACK writes may not overlap another array", () => {
    const buf = new ArrayBuffer(1024);
    const a = new Float64Array(buf, 0, 4);
    const ipiv = new Int32Array(buf, 16, 2 * stride);
    assert.throws(() => lapack.dgetrf(2, 2, a, 2, ipiv), /IPIV .* overlap/);
    // Adjacent is fine.
    new Float64Array(buf, 0, 4).set([2, 1, 1, 2]);
    assert.equal(
      lapack.dgetrf(2, 2, new Float64Array(buf, 0, 4), 2, new Int32Array(buf, 32, 2 * stride)),
      0,
    );
    // Read-only arrays may share memory: A^T A with A passed twice.
    const m = new Float64Array([1, 2, 3, 4]);
    const c = new Float64Array(4);
    const one = new Float64Array([1]), zero = new Float64Array([0]);
    assert.equal(lapack.dgemm("T", "N", 2, 2, 2, one, m, 2, m, 2, zero, c, 2), 0);
    assert.deepEqual([...c], [5, 11, 11, 25]);
    // C overlapping A is refused; so is the same array as X and Y of copy.
    const big = new Float64Array(8);
    assert.throws(
      () =>
        lapack.dgemm(
          "N",
          "N",
          2,
          2,
          2,
          one,
          big.subarray(0, 4),
          2,
          c,
          2,
          zero,
          big.subarray(2, 6),
          2,
        ),
      {
        message:
          "DGEMM: A (bytes 0..32) and C (bytes 16..48) overlap in one buffer, and LAPACK writes C",
      },
    );
    assert.equal(
      lapack.dgemm(
        "N",
        "N",
        2,
        2,
        2,
        one,
        big.subarray(0, 4),
        2,
        c,
        2,
        zero,
        big.subarray(4, 8),
        2,
      ),
      0,
    );
    assert.throws(() => lapack.dcopy(2, m, 1, m, 1), /overlap/);
    assert.equal(lapack.dcopy(2, m, 1, m.subarray(2), 1), 0);
    assert.deepEqual([...m], [1, 2, 1, 2]);
  });

  test("shared memory: floats are fine, integers are refused", () => {
    const a = new Float64Array(new SharedArrayBuffer(32));
    a.set([2, 0, 0, 2]);
    assert.equal(lapack.dgetrf(2, 2, a, 2, lapack.intArray(2)), 0);
    const shared = new Int32Array(new SharedArrayBuffer(16));
    assert.throws(() => lapack.dgetrf(2, 2, a, 2, shared), /SharedArrayBuffer/);
  });

  test("resizable buffers and subclasses are read by their real lengths", () => {
    const rb = new ArrayBuffer(16, { maxByteLength: 64 });
    const x = new Float64Array(rb);
    x.set([1, 2]);
    assert.equal(lapack.ddot(2, x, 1, x, 1), 5);
    rb.resize(8);
    assert.throws(() => lapack.ddot(2, x, 1, new Float64Array(2), 1), RangeError);
    class Mine extends Float64Array {}
    assert.equal(lapack.ddot(2, new Mine([1, 2]), 1, new Mine([3, 4]), 1), 11);
  });

  test("ANORM and RCOND", () => {
    const args = (anorm: number) =>
      [
        "1",
        1,
        new Float32Array([1]),
        1,
        anorm,
        new Float32Array(1),
        new Float32Array(4),
        lapack.intArray(1),
      ] as const;
    assert.equal((lapack.sgecon as Any)(...args(1)), 0);
    assert.throws(() => (lapack.sgecon as Any)(...args(1e39)), /single precision/);
    assert.throws(() => (lapack.sgecon as Any)(...args(-0.5)), RangeError);
    assert.equal(
      (lapack.dgecon as Any)(
        "1",
        1,
        new Float64Array([1]),
        1,
        1e300,
        new Float64Array(1),
        new Float64Array(4),
        lapack.intArray(1),
      ),
      0,
    );
  });

  test("intArray and intStride", () => {
    assert.ok(stride === 1 || stride === 2);
    assert.equal(lapack.intArray(3).length, 3 * stride);
    assert.equal(lapack.intArray(0).length, 0);
    assert.ok(lapack.intArray(2) instanceof Int32Array);
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53]) {
      assert.throws(() => lapack.intArray(bad), RangeError);
    }
    assert.throws(() => lapack.intArray("3" as never), TypeError);
    assert.throws(() => lapack.intArray(NaN), {
      name: "RangeError",
      message: "Invalid n for lapack.intArray(): NaN is not an integer >= 0",
    });
    assert.throws(() => lapack.intArray("3" as never), {
      name: "TypeError",
      message: 'Invalid n for lapack.intArray(): expected an integer number, got the string "3"',
    });
  });

  test("intArray: an allocation the engine refuses is a RangeError naming n and the bytes", () => {
    // V8: "Array buffer allocation failed", JavaScriptCore: "Out of memory", both RangeErrors
    // without n; here the message says what could not be allocated.
    assert.throws(() => lapack.intArray(1e15), (e: unknown) => {
      assert.ok(e instanceof RangeError, String(e));
      const head = `Cannot allocate an integer array of 1000000000000000 elements (${
        4e15 * stride
      } bytes)`;
      assert.ok(e.message.startsWith(head), e.message);
      return true;
    });
    // Beyond what a number counts exactly: refused before any allocation is tried.
    for (const n of [2 ** 53, 1e300]) {
      assert.throws(() => lapack.intArray(n), {
        name: "RangeError",
        message:
          /^Cannot allocate an integer array of \S+ elements \(\S+ bytes\): more than the \d+ bytes a JavaScript number counts exactly$/,
      });
    }
    // The process is fine, and the next allocation works.
    assert.equal(lapack.intArray(4).length, 4 * stride);
  });

  test("messages never run user code (no toString, valueOf or getter of a value)", () => {
    let ran = 0;
    const hit = () => {
      ran++;
      return 1;
    };
    class Sneaky {
      static get name(): string {
        hit();
        return "Sneaky";
      }
    }
    class Plain {}
    const viaProto = Object.create({
      get constructor() {
        return hit();
      },
    });
    const primitive = {
      toString: hit,
      valueOf: hit,
      [Symbol.toPrimitive]: hit,
      get constructor() {
        return hit();
      },
    };
    const proxy = new Proxy({}, { get: hit, has: () => !!hit(), ownKeys: () => (hit(), []) });
    let deep: unknown[] = [1];
    for (let k = 0; k < 100_000; k++) deep = [deep];
    const named = class {};
    Object.defineProperty(named, "name", { value: { toString: hit } });
    const hostile: [unknown, string][] = [
      [new Sneaky(), "an object that is not a typed array"],
      [viaProto, "an object that is not a typed array"],
      [primitive, "an object that is not a typed array (constructor Object)"],
      [proxy, "an object that is not a typed array (constructor Object)"],
      [deep, "an Array"],
      [new named(), "an object that is not a typed array"],
      [Object.create(null), "an object that is not a typed array"],
      [new Plain(), "an object that is not a typed array (constructor Plain)"],
      [new ArrayBuffer(72), "an object that is not a typed array (constructor ArrayBuffer)"],
    ];
    const ipiv = lapack.intArray(3);
    for (const [v, shown] of hostile) {
      // An array argument, an integer, a letter, a real, and intArray's n.
      assert.throws(() => lapack.dgetrf(3, 3, v as never, 3, ipiv), {
        name: "TypeError",
        message: `DGETRF: A must be a Float64Array, got ${shown}`,
      });
      assert.throws(() => lapack.dgetrf(v as never, 3, new Float64Array(9), 3, ipiv), {
        name: "TypeError",
        message: `DGETRF: M must be an integer number, got ${shown}`,
      });
      assert.throws(
        () => lapack.dpotrf(v as never, 1, new Float64Array(1), 1),
        { name: "TypeError", message: `DPOTRF: UPLO must be a one-letter string, got ${shown}` },
      );
      assert.throws(
        () =>
          lapack.dgecon(
            "1",
            1,
            new Float64Array(1),
            1,
            v as never,
            new Float64Array(1),
            new Float64Array(4),
            lapack.intArray(1),
          ),
        { name: "TypeError", message: `DGECON: ANORM must be a number, got ${shown}` },
      );
      assert.throws(() => lapack.intArray(v as never), {
        name: "TypeError",
        message: `Invalid n for lapack.intArray(): expected an integer number, got ${
          shown.replace(" that is not a typed array", "")
        }`,
      });
    }
    assert.equal(ran, 0, "user code ran while a message was made");
  });

  test("types: signatures per template", () => {
    const getrf: (m: number, n: number, a: Float64Array, lda: number, ipiv: Int32Array) => number =
      lapack.dgetrf;
    const cgetrf: (m: number, n: number, a: Float32Array, lda: number, ipiv: Int32Array) => number =
      lapack.cgetrf;
    const dot: Lapack["sdot"] = lapack.sdot;
    // @ts-expect-error: a Float32Array is not a Float64Array
    const wrong: Lapack["dgetrf"] = (_m: number, _n: number, _a: Float32Array) => 0;
    // @ts-expect-error: there is no complex syevd
    void lapack.zsyevd;
    assert.equal([getrf, cgetrf, dot, wrong].length, 4);
  });
});
