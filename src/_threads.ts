// The thread policy per routine family: up to which core dimension a gufunc runs on one thread
// (larger problems get the library's default count). Read once per plan by the engine.
//
// Decided by `deno run -A bench/overhead_bench.ts --threads` (bench/RESULTS.md, "Threads per
// routine family"): the C floor on one thread against the default 2 threads, interleaved,
// median of 3 runs, OpenBLAS 0.3.21 on 2 shared cores (load average 7-13 from other jobs).
// Default-threads time / one-thread time:
//
//   family    n=32  n=64  n=100 n=150 n=200 n=300 n=500
//   solve     1.26  0.98  1.05  1.48  1.35  6.88  3.58
//   det       0.81  0.86  1.66  1.40  1.14  6.42  2.86
//   inv       0.98  1.89  1.48  1.75  0.95  1.24  0.59
//   cholesky  1.73  3.08  2.35  2.20  1.71  2.23  1.96
//   qr        4.39  0.89  1.56  1.43  1.16  3.13  1.50
//   eigh      1.79  1.94  4.26  3.83  1.59  1.90  2.67
//   svd       0.61  4.12  3.44  2.70  0.96  4.50  1.28
//   eig       2.50  1.00  1.32  1.37  1.22  1.50  1.25
//   lstsq     1.25  1.48  1.54  4.31  1.51  1.53  1.36
//   matmul    0.85  0.99  2.60  0.99  0.64  3.88  0.88
//
// On a shared 2-core machine a second OpenBLAS thread loses at every measured size except inv
// and matmul at 500 (the idle core is rarely idle; OpenBLAS's threads spin waiting for it). So
// each family runs on one thread up to the largest size at which threads did not win by 10%,
// and up to 500, the largest measured, where they never did. The figures at n <= 64 (ratios
// near 1, microseconds apart) only confirm the old single threshold of 64. Rerun the table on
// the machine that matters and change the numbers here: nothing else holds the policy.

/** Largest core dimension run on one thread, per gufunc name; others: DEFAULT_SMALL_DIM. */
const SMALL_DIM: Readonly<Record<string, number>> = {
  // LU (getrf, getrs, getri)
  inv: 300,
  solve: 500,
  det: 500,
  slogdet: 500,
  luFactor: 500,
  luSolve: 500,
  lu: 500,
  // Cholesky (potrf, potrs)
  cholesky: 500,
  choFactor: 500,
  choSolve: 500,
  // QR (geqrf, orgqr)
  qr: 500,
  rq: 500,
  // symmetric eigenproblem (syevd)
  eigh: 500,
  eigvalsh: 500,
  // SVD (gesdd, gesvd)
  svd: 500,
  pinv: 500,
  matrixRank: 500,
  cond: 500,
  // nonsymmetric eigenproblem (geev)
  eig: 500,
  eigvals: 500,
  // least squares (gelsd)
  lstsq: 500,
  // gemm
  matmul: 300,
};

/** Families not measured keep the engine's old threshold (up to n = 64 on one thread). */
export const DEFAULT_SMALL_DIM = 64;

/** The largest core dimension that gufunc `name` runs on one thread. */
export function smallDimOf(name: string): number {
  return Object.hasOwn(SMALL_DIM, name) ? SMALL_DIM[name] : DEFAULT_SMALL_DIM;
}
