#!/usr/bin/python3
"""scipy's side of bench/scipy_compare.ts: the same inputs (the shared LCG of bench/_inputs.ts).
Usage: scipy_bench.py <op> <n> [stack] [--quick]; prints one JSON line like
bench/numpy_bench.py (--quick: a 150 ms budget and 3 batches at least, for a smoke run).
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
    quick = "--quick" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--quick"]
    op, n = args[0], int(args[1])
    stack = int(args[2]) if len(args) > 2 else 0
    a = fill(n, True, 1)
    if op == "expm":
        # Scaled to norm about 1, so that the run is the usual degree-13 path.
        a = (a - n * np.eye(n)) / n * 2
    if stack:
        items = np.stack([a / (1 + k % 7) for k in range(stack)])
    b = fill(n, True, 2)[:, :1] @ np.ones((1, 100)) + np.arange(100)
    bm = fill(n, True, 3)
    nb = min(4, n)
    are = (fill(n, False, 1) / n, fill(n, False, 2)[:, :nb], np.eye(n), np.eye(nb))
    fns = {
        "choFactor+choSolve": lambda: sl.cho_solve(sl.cho_factor(a), b),
        "expm": (lambda: [sl.expm(x) for x in items]) if stack else (lambda: sl.expm(a)),
        "eigh(a, b)": lambda: sl.eigh(a, bm),
        "solveDiscreteAre": lambda: sl.solve_discrete_are(*are),
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
        if len(times) >= 64 or (len(times) >= (3 if quick else 5)
                                and time.perf_counter() - t0 > (0.15 if quick else 0.6)):
            break
    times.sort()
    print(json.dumps({"tool": "scipy", "op": op, "n": n, "stack": stack, "median_us": times[len(times) // 2] * 1e6}))


main()
