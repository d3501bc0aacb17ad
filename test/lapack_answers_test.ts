// lapack.*, part 1: a real call of every template in every type, checked against known answers.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { lapack } from "../src/lapack.ts";
import type { Any, C, FA, T } from "./_lapack_helpers.ts";
import {
  assertClose,
  cmul,
  conj,
  floats,
  general,
  hpd,
  identity,
  isC,
  ivals,
  L,
  matmul,
  op,
  pack,
  ROUTINES,
  tol,
  unpack,
  vals,
} from "./_lapack_helpers.ts";

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
  gees(t) {
    // A = Z T Z^H with Z unitary and T (quasi-)upper triangular.
    const n = 4;
    const a = general(t, n, n);
    const tt = pack(t, a);
    const z = floats(t, n * n * (isC(t) ? 2 : 1));
    const work = floats(t, 64 * (isC(t) ? 2 : 1));
    const ints = () => new Int32Array(lapack.intStride());
    if (isC(t)) {
      const w = floats(t, 2 * n);
      const args = [ints(), n, tt, n, ints(), w, z, n, work, 64, floats(t, n), ints()];
      assert.equal(L[t + "gees"]("V", "N", ...args), 0);
    } else {
      const wr = floats(t, n), wi = floats(t, n);
      const args = [ints(), n, tt, n, ints(), wr, wi, z, n, work, 64, ints()];
      assert.equal(L[t + "gees"]("V", "N", ...args), 0);
    }
    const T = unpack(t, tt), Z = unpack(t, z);
    for (let j = 0; j < n; j++) {
      for (let i = j + (isC(t) ? 1 : 2); i < n; i++) assert.deepEqual(T[j * n + i], [0, 0]);
    }
    assertClose(t, matmul(n, n, n, op("C", n, n, Z).v, Z), identity(n), "Z^H Z");
    assertClose(t, matmul(n, n, n, matmul(n, n, n, Z, T), op("C", n, n, Z).v), a, "Z T Z^H");
  },
  gges(t) {
    // A = Q S Z^H, B = Q P Z^H with Q, Z unitary.
    const n = 4;
    const a = general(t, n, n), b = general(t, n, n).reverse();
    const s = pack(t, a), p = pack(t, b);
    const q = floats(t, n * n * (isC(t) ? 2 : 1)), z = floats(t, n * n * (isC(t) ? 2 : 1));
    const work = floats(t, 128 * (isC(t) ? 2 : 1));
    const ints = () => new Int32Array(lapack.intStride());
    const beta = floats(t, n * (isC(t) ? 2 : 1));
    const head = ["V", "V", "N", ints(), n, s, n, p, n, ints()];
    if (isC(t)) {
      const alpha = floats(t, 2 * n);
      const rest = [alpha, beta, q, n, z, n, work, 128, floats(t, 8 * n), ints()];
      assert.equal(L[t + "gges"](...head, ...rest), 0);
    } else {
      const rest = [floats(t, n), floats(t, n), beta, q, n, z, n, work, 128, ints()];
      assert.equal(L[t + "gges"](...head, ...rest), 0);
    }
    const S = unpack(t, s), P = unpack(t, p), Q = unpack(t, q), Z = unpack(t, z);
    const back = (m: C[]) => matmul(n, n, n, matmul(n, n, n, Q, m), op("C", n, n, Z).v);
    assertClose(t, matmul(n, n, n, op("C", n, n, Q).v, Q), identity(n), "Q^H Q");
    assertClose(t, matmul(n, n, n, op("C", n, n, Z).v, Z), identity(n), "Z^H Z");
    assertClose(t, back(S), a, "Q S Z^H", 10);
    assertClose(t, back(P), b, "Q P Z^H", 10);
  },
  tgsen(t) {
    // (A, B) = (upper triangular with diagonal 1..4, I), Q = Z = I: selecting the last
    // eigenvalue moves 4 to the top; A = Q S Z^H and B = Q P Z^H still hold.
    const n = 4;
    const a = general(t, n, n).map((v, k): C => {
      const i = k % n, j = Math.floor(k / n);
      return i > j ? [0, 0] : i === j ? [i + 1, 0] : v;
    });
    const b = identity(n);
    const s = pack(t, a), p = pack(t, b), q = pack(t, identity(n)), z = pack(t, identity(n));
    const stride = lapack.intStride();
    const select = new Int32Array(n * stride);
    select[(n - 1) * stride] = 1;
    const m = new Int32Array(stride);
    const work = floats(t, 64 * (isC(t) ? 2 : 1));
    const tail = [m, floats(t, 1), floats(t, 1), floats(t, 2), work, 64, new Int32Array(stride), 1];
    const beta = floats(t, n * (isC(t) ? 2 : 1));
    const head = [0, 1, 1, select, n, s, n, p, n];
    const eig = isC(t) ? [floats(t, 2 * n), beta] : [floats(t, n), floats(t, n), beta];
    assert.equal(L[t + "tgsen"](...head, ...eig, q, n, z, n, ...tail), 0);
    assert.equal(m[0], 1);
    const S = unpack(t, s), P = unpack(t, p), Q = unpack(t, q), Z = unpack(t, z);
    const w = cmul(S[0], [P[0][0], -P[0][1]]);
    const d = P[0][0] ** 2 + P[0][1] ** 2;
    assertClose(t, [[w[0] / d, w[1] / d]], [[4, 0]], "the selected eigenvalue first");
    const back = (x: C[]) => matmul(n, n, n, matmul(n, n, n, Q, x), op("C", n, n, Z).v);
    assertClose(t, back(S), a, "Q S Z^H", 10);
    assertClose(t, back(P), b, "Q P Z^H", 10);
  },
  gehrd(t) {
    // A = Q H Q^H with H upper Hessenberg.
    const n = 5;
    const a = general(t, n, n);
    const h = pack(t, a);
    const tau = floats(t, (n - 1) * (isC(t) ? 2 : 1));
    const work = floats(t, 64 * (isC(t) ? 2 : 1));
    assert.equal(L[t + "gehrd"](n, 1, n, h, n, tau, work, 64), 0);
    const q = h.slice();
    const H = unpack(t, h).map((v, k): C => (k % n) > Math.floor(k / n) + 1 ? [0, 0] : v);
    assert.equal(L[t + (isC(t) ? "unghr" : "orghr")](n, 1, n, q, n, tau, work, 64), 0);
    const Q = unpack(t, q);
    assertClose(t, matmul(n, n, n, op("C", n, n, Q).v, Q), identity(n), "Q^H Q");
    assertClose(t, matmul(n, n, n, matmul(n, n, n, Q, H), op("C", n, n, Q).v), a, "Q H Q^H");
  },
  orghr(t) {
    ANSWERS.gehrd(t);
  },
  unghr(t) {
    ANSWERS.gehrd(t);
  },
  trsyl(t) {
    // A X + X B = scale C with A (3 x 3) and B (2 x 2) upper triangular.
    const m = 3, n = 2;
    const a = general(t, m, m).map((v, k): C => (k % m) > Math.floor(k / m) ? [0, 0] : v);
    const b = general(t, n, n).map((v, k): C => (k % n) > Math.floor(k / n) ? [0, 0] : v);
    a[0] = [5, 0];
    a[4] = [6, 0];
    a[8] = [7, 0];
    const c = general(t, m, n);
    const x = pack(t, c);
    const scale = floats(t, 1);
    const args = [1, m, n, pack(t, a), m, pack(t, b), n, x, m, scale];
    assert.equal(L[t + "trsyl"]("N", "N", ...args), 0);
    const X = unpack(t, x);
    const lhs = matmul(m, m, n, a, X).map((v, k): C => {
      const w = matmul(m, n, n, X, b)[k];
      return [v[0] + w[0], v[1] + w[1]];
    });
    assertClose(t, lhs, c.map((v): C => [v[0] * scale[0], v[1] * scale[0]]), "A X + X B");
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
  // scipy.linalg's routines (sysv, hesv, posv, gbsv, pbsv, sytrf, hetrf, stev, sygvd, hegvd,
  // ggev, geqp3, gelsy, gelss): one known answer each.
  sysv(t) {
    const n = 3;
    const g = general(t, n);
    const a = g.map((v, k): C => {
      const w = g[(k % n) * n + Math.floor(k / n)];
      return [(v[0] + w[0]) / 2, (v[1] + w[1]) / 2];
    });
    const x = vals(t, [1, [2, -1], -1]);
    const b = pack(t, matmul(n, n, 1, a, x));
    const work = floats(t, 64 * (isC(t) ? 2 : 1));
    const ipiv = lapack.intArray(n);
    assert.equal(L[t + "sysv"]("U", n, 1, pack(t, a), n, ipiv, b, n, work, 64), 0);
    assertClose(t, unpack(t, b), x, "x");
  },
  hesv(t) {
    const n = 3;
    const a = hpd(t, n);
    const x = vals(t, [1, [2, -1], -1]);
    const b = pack(t, matmul(n, n, 1, a, x));
    const work = floats(t, 64 * 2);
    assert.equal(L[t + "hesv"]("L", n, 1, pack(t, a), n, lapack.intArray(n), b, n, work, 64), 0);
    assertClose(t, unpack(t, b), x, "x");
  },
  posv(t) {
    const n = 3;
    const a = hpd(t, n);
    const x = vals(t, [1, [2, -1], -1]);
    const b = pack(t, matmul(n, n, 1, a, x));
    assert.equal(L[t + "posv"]("U", n, 1, pack(t, a), n, b, n), 0);
    assertClose(t, unpack(t, b), x, "x");
    assert.equal(L[t + "posv"]("U", 2, 1, pack(t, vals(t, [1, 2, 2, 1])), 2, floats(t, 4), 2), 2);
  },
  gbsv(t) {
    // Tridiagonal (KL = KU = 1) in band storage with room for the fill-in: LDAB = 4.
    const n = 3, ldab = 4;
    const a = general(t, n).map((v, k): C =>
      Math.abs((k % n) - Math.floor(k / n)) <= 1 ? v : [0, 0]
    );
    const band: C[] = Array.from({ length: ldab * n }, (): C => [0, 0]);
    a.forEach((v, k) => {
      const i = k % n, j = Math.floor(k / n);
      if (Math.abs(i - j) <= 1) band[2 + i - j + j * ldab] = v;
    });
    const x = vals(t, [1, [0, 1], 2]);
    const b = pack(t, matmul(n, n, 1, a, x));
    assert.equal(L[t + "gbsv"](n, 1, 1, 1, pack(t, band), ldab, lapack.intArray(n), b, n), 0);
    assertClose(t, unpack(t, b), x, "x");
  },
  pbsv(t) {
    // The full upper band (KD = N - 1) of an HPD matrix.
    const n = 3;
    const a = hpd(t, n);
    const band: C[] = Array.from({ length: n * n }, (): C => [0, 0]);
    a.forEach((v, k) => {
      const i = k % n, j = Math.floor(k / n);
      if (i <= j) band[n - 1 + i - j + j * n] = v;
    });
    const x = vals(t, [1, [0, 1], 2]);
    const b = pack(t, matmul(n, n, 1, a, x));
    assert.equal(L[t + "pbsv"]("U", n, n - 1, 1, pack(t, band), n, b, n), 0);
    assertClose(t, unpack(t, b), x, "x");
  },
  sytrf(t) {
    const n = 3;
    const ipiv = lapack.intArray(n);
    const work = floats(t, 64 * (isC(t) ? 2 : 1));
    assert.equal(L[t + "sytrf"]("L", n, pack(t, hpd(t, n)), n, ipiv, work, 64), 0);
    for (const p of ivals(ipiv, n)) assert.ok(p !== 0 && Math.abs(p) <= n);
  },
  hetrf(t) {
    const n = 3;
    const ipiv = lapack.intArray(n);
    assert.equal(L[t + "hetrf"]("U", n, pack(t, hpd(t, n)), n, ipiv, floats(t, 128), 64), 0);
    for (const p of ivals(ipiv, n)) assert.ok(p !== 0 && Math.abs(p) <= n);
  },
  stev(t) {
    const d = pack(t, vals(t, [2, 2, 2]));
    const e = pack(t, vals(t, [1, 1]));
    assert.equal(L[t + "stev"]("N", 3, d, e, floats(t, 1), 1, floats(t, 1)), 0);
    assertClose(t, unpack(t, d), vals(t, [2 - Math.SQRT2, 2, 2 + Math.SQRT2]), "eigenvalues");
  },
  sygvd(t) {
    generalizedDiagonal(t);
  },
  hegvd(t) {
    generalizedDiagonal(t);
  },
  ggev(t) {
    // diag(2, 3, 1) v = w diag(1, 1, 2) v: w = 2, 3, 0.5.
    const n = 3;
    const a = pack(t, vals(t, [2, 0, 0, 0, 3, 0, 0, 0, 1]));
    const b = pack(t, vals(t, [1, 0, 0, 0, 1, 0, 0, 0, 2]));
    const work = floats(t, 64 * (isC(t) ? 2 : 1));
    const none = floats(t, 1);
    let w: C[];
    if (isC(t)) {
      const alpha = floats(t, 2 * n), beta = floats(t, 2 * n);
      assert.equal(
        L[t + "ggev"](
          "N",
          "N",
          n,
          a,
          n,
          b,
          n,
          alpha,
          beta,
          none,
          1,
          none,
          1,
          work,
          64,
          floats(t, 8 * n),
        ),
        0,
      );
      w = unpack(t, alpha).map((al, k) => {
        const be = unpack(t, beta)[k];
        return [al[0] / be[0], 0];
      });
    } else {
      const ar = floats(t, n), ai = floats(t, n), beta = floats(t, n);
      assert.equal(
        L[t + "ggev"]("N", "N", n, a, n, b, n, ar, ai, beta, none, 1, none, 1, work, 64),
        0,
      );
      w = Array.from(ar, (x, k): C => [x / beta[k], ai[k]]);
    }
    assertClose(t, w, vals(t, [2, 3, 0.5]), "alpha / beta");
  },
  geqp3(t) {
    const m = 4, n = 3;
    const qr = pack(t, general(t, m, n));
    const jpvt = lapack.intArray(n);
    const tau = floats(t, n * (isC(t) ? 2 : 1));
    const work = floats(t, 64 * (isC(t) ? 2 : 1));
    const info = isC(t)
      ? L[t + "geqp3"](m, n, qr, m, jpvt, tau, work, 64, floats(t, 2 * n))
      : L[t + "geqp3"](m, n, qr, m, jpvt, tau, work, 64);
    assert.equal(info, 0);
    assert.deepEqual(ivals(jpvt, n).sort(), [1, 2, 3]);
    const r = unpack(t, qr);
    const d = [0, 1, 2].map((k) => Math.hypot(...r[k + k * m]));
    assert.ok(d[0] >= d[1] - 1e-6 && d[1] >= d[2] - 1e-6, "|R| diagonal non-increasing");
  },
  gelsy(t) {
    leastSquares(t, "gelsy");
  },
  gelss(t) {
    leastSquares(t, "gelss");
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
  trsm(t) {
    // op(A) X = alpha B (side L, X 3 x 2) and X op(A) = alpha B (side R, X 2 x 3), A upper.
    const a = general(t, 3).map((v, k): C => (k % 3 <= Math.floor(k / 3) ? v : [0, 0]));
    const alpha: C = isC(t) ? [2, 1] : [2, 0];
    for (const side of ["L", "R"]) {
      for (const trans of ["N", "T", "C"]) {
        const m = side === "L" ? 3 : 2, n = side === "L" ? 2 : 3;
        const x = vals(t, [1, [2, 2], -3, 0.5, [1, -1], 4]);
        const ax = side === "L"
          ? matmul(3, 3, 2, op(trans, 3, 3, a).v, x)
          : matmul(2, 3, 3, x, op(trans, 3, 3, a).v);
        const alphaInv = cmul(conj(alpha), [1 / (alpha[0] ** 2 + alpha[1] ** 2), 0]);
        const b = pack(t, ax.map((v) => cmul(alphaInv, v)));
        assert.equal(
          L[t + "trsm"](side, "U", trans, "N", m, n, pack(t, [alpha]), pack(t, a), 3, b, m),
          0,
        );
        assertClose(t, unpack(t, b), x, `side ${side} trans ${trans}`, 10);
      }
    }
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

/** sygvd / hegvd on diag(2, 6, 12) v = w diag(1, 2, 3) v: w = 2, 3, 4. */
function generalizedDiagonal(t: T): void {
  const a = pack(t, vals(t, [2, 0, 0, 0, 6, 0, 0, 0, 12]));
  const b = pack(t, vals(t, [1, 0, 0, 0, 2, 0, 0, 0, 3]));
  const w = floats(t, 3);
  const work = floats(t, 64 * (isC(t) ? 2 : 1));
  const iwork = lapack.intArray(32);
  const info = isC(t)
    ? L[t + "hegvd"](1, "V", "L", 3, a, 3, b, 3, w, work, 64, floats(t, 64), 64, iwork, 32)
    : L[t + "sygvd"](1, "V", "L", 3, a, 3, b, 3, w, work, 64, iwork, 32);
  assert.equal(info, 0);
  assertClose(t, Array.from(w, (x): C => [x, 0]), vals(t, [2, 3, 4]), "eigenvalues");
}

/** gelsy / gelss on a full-rank 4 x 2 system with an exact solution. */
function leastSquares(t: T, name: "gelsy" | "gelss"): void {
  const m = 4, n = 2;
  const a = general(t, m, n);
  const x = vals(t, [[1, -1], 2]);
  const b = pack(t, matmul(m, n, 1, a, x));
  const rank = lapack.intArray(1);
  const work = floats(t, 400 * (isC(t) ? 2 : 1));
  const mid = name === "gelsy" ? lapack.intArray(n) : floats(t, n);
  const extra = isC(t) ? [floats(t, 5 * n)] : [];
  const info = L[t + name](m, n, 1, pack(t, a), m, b, m, mid, 1e-10, rank, work, 400, ...extra);
  assert.equal(info, 0);
  assert.equal(ivals(rank, 1)[0], 2);
  assertClose(t, unpack(t, b, n), x, "x");
}
