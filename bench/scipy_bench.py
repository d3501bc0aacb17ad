#!/usr/bin/python3
"""scipy's side of bench/scipy_compare.ts: the same inputs (the shared LCG of bench/_inputs.ts).
Usage: scipy_bench.py <op> <n> [stack]; prints one JSON line like bench/numpy_bench.py.
A stack is a Python loop over scipy (scipy 1.10 takes one matrix at a time)."""
import json
import sys
import time

import numpy as np
import scipy.linalg as sl


def fill(n, spd, seed):
    s = seed
    out = np.empty(n * n)
    for i in range(n * n):
        s = (s * 1103515245 + 12345) % 2147483648
        out[i] = s / 2147483648.0 - 0.5
    a = out.reshape(n, n)
    if spd:
        a = np.triu(a) + np.triu(a, 1).T
    return a + n * np.eye(n)


def main():
    op, n = sys.argv[1], int(sys.argv[2])
    stack = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    a = fill(n, True, 1)
    if op == "expm":
        # Scaled to norm about 1, so that the run is the usual degree-13 path.
        a = (a - n * np.eye(n)) / n * 2
    if stack:
        items = np.stack([a / (1 + k % 7) for k in range(stack)])
    b = fill(n, True, 2)[:, :1] @ np.ones((1, 100)) + np.arange(100)
    bm = fill(n, True, 3)
    fns = {
        "choFactor+choSolve": lambda: sl.cho_solve(sl.cho_factor(a), b),
        "expm": (lambda: [sl.expm(x) for x in items]) if stack else (lambda: sl.expm(a)),
        "eigh(a, b)": lambda: sl.eigh(a, bm),
    }
    f = fns[op]
    f()
    times = []
    reps = 1
    t0 = time.perf_counter()
    while True:
        s = time.perf_counter()
        for _ in range(reps):
            f()
        dt = time.perf_counter() - s
        if not times and dt < 0.005:
            reps *= 2
            continue
        times.append(dt / reps)
        if len(times) >= 64 or (len(times) >= 5 and time.perf_counter() - t0 > 0.6):
            break
    times.sort()
    print(json.dumps({"tool": "scipy", "op": op, "n": n, "stack": stack, "median_us": times[len(times) // 2] * 1e6}))


main()
