/**
 * The general eigenvalue driver: `?geev` with JOBVL = 'N', into complex outputs for real and
 * complex input alike (the real variant's WR + i WI and its packed conjugate-pair vectors are
 * unpacked here). Used by `eig` and `eigvals`.
 *
 * One plan per gufunc call: one workspace query (at least LAPACK's documented minimum), the
 * real variant's WR, WI and VR allocated once; the returned function allocates nothing.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex, realDType } from "../dtype.ts";
import { variant } from "../../ffi/backend.ts";
import { complexLetter, documentedMin, realLetter, workspace } from "./_plan.ts";

/**
 * Plans `?geev` on a column-major m x m matrix with JOBVR `jobvr`: `run(a, w, v)` writes the
 * eigenvalues into the complex `w` and, for 'V', the right eigenvectors into the complex `v`;
 * it returns LAPACK's info (> 0: the QR algorithm failed, eigenvalues info..m are valid).
 */
export function geevPlan(
  m: number,
  dtype: DType,
  jobvr: "N" | "V",
): (a: FloatArray, w: FloatArray, v: FloatArray | undefined) => number {
  const ld = Math.max(1, m);
  const ldvr = jobvr === "V" ? ld : 1;
  const dummy = allocData(dtype, 1);
  const q = allocData(dtype, 1);
  const min = documentedMin("geev", "LWORK", {
    N: m,
    JOBVL: "N",
    JOBVR: jobvr,
    cx: isComplex(dtype),
  });
  if (isComplex(dtype)) {
    const geev = variant(complexLetter(dtype), "geev");
    const rwork = allocData(realDType(dtype), Math.max(1, 2 * m));
    geev("N", jobvr, m, dummy, ld, dummy, dummy, 1, dummy, ldvr, q, -1, rwork);
    const lw = workspace(q, min);
    const work = allocData(dtype, lw);
    return (a, w, v) => geev("N", jobvr, m, a, ld, w, dummy, 1, v ?? dummy, ldvr, work, lw, rwork);
  }
  // Real: eigenvalues WR + i WI; a complex pair's vectors packed in VR columns j (re), j+1 (im).
  const geev = variant(realLetter(dtype), "geev");
  const wr = allocData(dtype, m);
  const wi = allocData(dtype, m);
  const vr = allocData(dtype, jobvr === "V" ? m * m : 1);
  geev("N", jobvr, m, dummy, ld, wr, wi, dummy, 1, vr, ldvr, q, -1);
  const lw = workspace(q, min);
  const work = allocData(dtype, lw);
  return (a, w, v) => {
    const info = geev("N", jobvr, m, a, ld, wr, wi, dummy, 1, vr, ldvr, work, lw);
    if (info !== 0) return info;
    for (let j = 0; j < m; j++) {
      w[2 * j] = wr[j];
      w[2 * j + 1] = wi[j];
    }
    if (v === undefined) return 0;
    complexEigenvectors(vr, wi, v, m);
    return 0;
  };
}

/**
 * Unpacks the real eigenvectors of `?geev`/`?ggev` (a complex pair j, j+1 stored as the real
 * and imaginary columns VR(:, j), VR(:, j+1)) into interleaved complex columns of `v`:
 * v_j = VR(:, j) + i VR(:, j+1), v_{j+1} = conj(v_j). `wi` is the imaginary part of each
 * eigenvalue (nonzero on both members of a pair).
 */
export function complexEigenvectors(
  vr: FloatArray,
  wi: FloatArray,
  v: FloatArray,
  m: number,
): void {
  for (let j = 0; j < m; j++) {
    const re = j * m;
    if (wi[j] === 0 || j + 1 === m) {
      for (let i = 0; i < m; i++) {
        v[2 * (re + i)] = vr[re + i];
        v[2 * (re + i) + 1] = 0;
      }
      continue;
    }
    const im = re + m;
    for (let i = 0; i < m; i++) {
      const x = vr[re + i];
      const y = vr[im + i];
      v[2 * (re + i)] = x;
      v[2 * (re + i) + 1] = y;
      v[2 * (im + i)] = x;
      v[2 * (im + i) + 1] = -y;
    }
    j++;
  }
}
