/* The floor: the same LAPACK routines dlapack calls, called directly from C on the same
 * inputs (a copy of the input first, since LAPACK overwrites it, as dlapack must). Built by
 * bench/compare.ts with the machine's gcc against the library dlapack detected:
 *   gcc -O2 bench/floor.c <libopenblas.so.0> -o floor -lm
 * Prints one JSON object per line: {"tool", "op", "n", "stack", "threads", "median_us"}.
 * Usage: floor <op> <n> [stack]   (op: inv solve det cholesky qr svd eigh eig lstsq matmul)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int lint;
void dgetrf_(lint *, lint *, double *, lint *, lint *, lint *);
void dgetri_(lint *, double *, lint *, lint *, double *, lint *, lint *);
void dgesv_(lint *, lint *, double *, lint *, lint *, double *, lint *, lint *);
void dpotrf_(char *, lint *, double *, lint *, lint *, size_t);
void dgeqrf_(lint *, lint *, double *, lint *, double *, double *, lint *, lint *);
void dorgqr_(lint *, lint *, lint *, double *, lint *, double *, double *, lint *, lint *);
void dgesdd_(char *, lint *, lint *, double *, lint *, double *, double *, lint *, double *, lint *,
             double *, lint *, lint *, lint *, size_t);
void dsyevd_(char *, char *, lint *, double *, lint *, double *, double *, lint *, lint *, lint *,
             lint *, size_t, size_t);
void dgeev_(char *, char *, lint *, double *, lint *, double *, double *, double *, lint *, double *,
            lint *, double *, lint *, lint *, size_t, size_t);
void dgelsd_(lint *, lint *, lint *, double *, lint *, double *, lint *, double *, double *, lint *,
             double *, lint *, lint *, lint *);
void dgemm_(char *, char *, lint *, lint *, lint *, double *, double *, lint *, double *, lint *,
            double *, double *, lint *, size_t, size_t);
void openblas_set_num_threads(int);
int openblas_get_num_threads(void);

/* FLOOR_CLOCK=cpu: the process's CPU time (all threads), for a machine other jobs load. */
static clockid_t clock_id = CLOCK_MONOTONIC;

static double now(void) {
  struct timespec t;
  clock_gettime(clock_id, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/* The benchmark inputs, the same LCG in every tool: diagonally dominant, and symmetric
 * positive definite for cholesky/eigh. */
static void fill(double *a, long n, int spd, unsigned long seed) {
  unsigned long s = seed;
  for (long i = 0; i < n * n; i++) {
    s = (s * 1103515245UL + 12345UL) % 2147483648UL;
    a[i] = (double)s / 2147483648.0 - 0.5;
  }
  if (spd)
    for (long i = 0; i < n; i++)
      for (long j = 0; j < i; j++) a[i * n + j] = a[j * n + i];
  for (long i = 0; i < n; i++) a[i * n + i] += n;
}

static int cmp(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return a < b ? -1 : a > b;
}

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  const char *op = argv[1];
  lint n = atoi(argv[2]);
  long stack = argc > 3 ? atol(argv[3]) : 0;
  long items = stack > 0 ? stack : 1;
  int spd = !strcmp(op, "cholesky") || !strcmp(op, "eigh");
  /* One thread for small problems, as dlapack does; the library's default otherwise. */
  /* FLOOR_THREADS=k: k threads at every size (bench/overhead_bench.ts's two floors). */
  const char *fc = getenv("FLOOR_CLOCK");
  if (fc != NULL && !strcmp(fc, "cpu")) clock_id = CLOCK_PROCESS_CPUTIME_ID;
  const char *ft = getenv("FLOOR_THREADS");
  if (ft != NULL && atoi(ft) > 0) openblas_set_num_threads(atoi(ft));
  else if (n <= 64) openblas_set_num_threads(1);
  int threads = openblas_get_num_threads();
  long nn = (long)n * n;
  double *in = malloc(sizeof(double) * nn * items), *a = malloc(sizeof(double) * nn);
  double *b = malloc(sizeof(double) * nn), *c = malloc(sizeof(double) * nn);
  double *w = malloc(sizeof(double) * (n + 1)), *w2 = malloc(sizeof(double) * (n + 1));
  double *u = malloc(sizeof(double) * nn), *vt = malloc(sizeof(double) * nn);
  lint *ipiv = malloc(sizeof(lint) * (8 * n + 8));
  for (long k = 0; k < items; k++) fill(in + k * nn, n, spd, 1 + k);
  for (long i = 0; i < nn; i++) b[i] = in[i];
  lint one = 1, info, lwork = -1, liwork = -1, rank;
  double q, one_d = 1.0, zero_d = 0.0, rcond = -1;
  lint iq;
  /* Workspace queries, once. */
  double *work = NULL;
  lint *iwork = NULL;
  if (!strcmp(op, "inv")) dgetri_(&n, a, &n, ipiv, &q, &lwork, &info);
  else if (!strcmp(op, "qr")) dgeqrf_(&n, &n, a, &n, w, &q, &lwork, &info);
  else if (!strcmp(op, "svd")) dgesdd_("A", &n, &n, a, &n, w, u, &n, vt, &n, &q, &lwork, ipiv, &info, 1);
  else if (!strcmp(op, "eigh")) dsyevd_("V", "L", &n, a, &n, w, &q, &lwork, &iq, &liwork, &info, 1, 1);
  else if (!strcmp(op, "eig")) dgeev_("N", "V", &n, a, &n, w, w2, u, &n, vt, &n, &q, &lwork, &info, 1, 1);
  else if (!strcmp(op, "lstsq")) dgelsd_(&n, &n, &one, a, &n, b, &n, w, &rcond, &rank, &q, &lwork, &iq, &info);
  else q = 1;
  lwork = (lint)q + 1;
  if (!strcmp(op, "qr")) {
    double q2;
    lint l2 = -1;
    dorgqr_(&n, &n, &n, a, &n, w, &q2, &l2, &info);
    if ((lint)q2 + 1 > lwork) lwork = (lint)q2 + 1;
  }
  work = malloc(sizeof(double) * lwork);
  liwork = !strcmp(op, "eigh") ? iq + 1 : !strcmp(op, "lstsq") ? iq + 1 : 8 * n + 8;
  iwork = malloc(sizeof(lint) * liwork);

  /* FLOOR_BUDGET=s: seconds of timed batches (at least 5 batches); quick runs pass less. */
  const char *fb = getenv("FLOOR_BUDGET");
  double budget = fb != NULL && atof(fb) > 0 ? atof(fb) : n >= 500 ? 2.0 : 0.6, t0 = now(), times[64];
  int batches = 0;
  long reps = 1;
  /* Calibrate reps so that a batch lasts about 5 ms. */
  for (;;) {
    double s = now();
    for (long r = 0; r < reps; r++) {
      for (long k = 0; k < items; k++) {
        const double *src = in + (k % items) * nn;
        if (!strcmp(op, "matmul")) {
          dgemm_("N", "N", &n, &n, &n, &one_d, (double *)src, &n, b, &n, &zero_d, c, &n, 1, 1);
          continue;
        }
        memcpy(a, src, sizeof(double) * nn);
        if (!strcmp(op, "inv")) {
          dgetrf_(&n, &n, a, &n, ipiv, &info);
          dgetri_(&n, a, &n, ipiv, work, &lwork, &info);
        } else if (!strcmp(op, "solve")) {
          memcpy(c, src, sizeof(double) * n);
          dgesv_(&n, &one, a, &n, ipiv, c, &n, &info);
        } else if (!strcmp(op, "det")) {
          dgetrf_(&n, &n, a, &n, ipiv, &info);
          double d = 1;
          for (lint i = 0; i < n; i++) d *= (ipiv[i] != i + 1 ? -1 : 1) * a[i * (n + 1)];
          w[0] = d;
        } else if (!strcmp(op, "cholesky")) {
          dpotrf_("L", &n, a, &n, &info, 1);
        } else if (!strcmp(op, "qr")) {
          dgeqrf_(&n, &n, a, &n, w, work, &lwork, &info);
          dorgqr_(&n, &n, &n, a, &n, w, work, &lwork, &info);
        } else if (!strcmp(op, "svd")) {
          dgesdd_("A", &n, &n, a, &n, w, u, &n, vt, &n, work, &lwork, iwork, &info, 1);
        } else if (!strcmp(op, "eigh")) {
          dsyevd_("V", "L", &n, a, &n, w, work, &lwork, iwork, &liwork, &info, 1, 1);
        } else if (!strcmp(op, "eig")) {
          dgeev_("N", "V", &n, a, &n, w, w2, u, &n, vt, &n, work, &lwork, &info, 1, 1);
        } else if (!strcmp(op, "lstsq")) {
          memcpy(c, src, sizeof(double) * n);
          dgelsd_(&n, &n, &one, a, &n, c, &n, w, &rcond, &rank, work, &lwork, iwork, &info);
        } else {
          fprintf(stderr, "unknown op %s\n", op);
          return 2;
        }
      }
    }
    double dt = now() - s;
    if (batches == 0 && dt < 0.005 && reps < (1L << 30)) {
      reps *= 2;
      continue;
    }
    times[batches++] = dt / reps;
    if (batches >= 64 || (batches >= 5 && now() - t0 > budget)) break;
  }
  qsort(times, batches, sizeof(double), cmp);
  printf("{\"tool\":\"c-floor\",\"op\":\"%s\",\"n\":%d,\"stack\":%ld,\"threads\":%d,\"median_us\":%.4f}\n", op, n,
         stack, threads, times[batches / 2] * 1e6);
  return 0;
}
