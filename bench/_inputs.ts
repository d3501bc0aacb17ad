// The benchmark inputs, the same LCG as bench/floor.c and bench/numpy_bench.py:
// diagonally dominant matrices, symmetric positive definite for cholesky/eigh.

/** Row-major n x n matrix from the shared LCG. */
export function fill(n: number, spd: boolean, seed: number): Float64Array {
  const a = new Float64Array(n * n);
  let s = seed;
  for (let i = 0; i < n * n; i++) {
    // s * 1103515245 passes 2^53: multiply by its two 16-bit halves so every step is exact,
    // as the C and Python sides' integer arithmetic.
    s = (((s * 16838) % 32768) * 65536 + s * 20077 + 12345) % 2147483648;
    a[i] = s / 2147483648 - 0.5;
  }
  if (spd) { for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i]; }
  for (let i = 0; i < n; i++) a[i * n + i] += n;
  return a;
}

/**
 * Times `f` like the C and Python sides: batches of >= 5 ms, median per call, in us. `quick`
 * (a smoke run): a budget of 150 ms and at least 3 batches instead of 600 ms (2 s from n = 500)
 * and 5.
 */
export function measure(f: () => unknown, n: number, quick = false): number {
  const first = performance.now();
  f();
  const once = performance.now() - first;
  if (once > 1000) return once * 1000; // a slow peer: one call is the measurement
  const budget = quick ? 150 : n >= 500 ? 2000 : 600;
  const least = quick ? 3 : 5;
  const times: number[] = [];
  let reps = 1;
  const t0 = performance.now();
  for (;;) {
    const s = performance.now();
    for (let r = 0; r < reps; r++) f();
    const dt = performance.now() - s;
    if (times.length === 0 && dt < 5 && reps < 2 ** 30) {
      reps *= 2;
      continue;
    }
    times.push(dt / reps);
    if (times.length >= 64 || (times.length >= least && performance.now() - t0 > budget)) break;
  }
  times.sort((x, y) => x - y);
  return times[times.length >> 1] * 1000;
}
