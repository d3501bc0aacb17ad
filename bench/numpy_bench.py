#!/usr/bin/python3
"""numpy's side of bench/compare.ts: the same ops on the same inputs (the shared LCG).
Usage: numpy_bench.py <op> <n> [stack]; prints one JSON line like bench/floor.c."""
import json
import os
import sys
import time

import numpy as np


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


def kalman(zs):
    """The README's filter (bench/_kalman.ts), the same operations in the same order."""
    dt = 1.0
    F = np.array([[1, 0, dt, 0], [0, 1, 0, dt], [0, 0, 1, 0], [0, 0, 0, 1]])
    H = np.array([[1.0, 0, 0, 0], [0, 1, 0, 0]])
    Q = np.eye(4) * 1e-3
    R = np.eye(2) * 0.25
    I = np.eye(4)
    x = np.zeros(4)
    P = np.eye(4) * 10
    for z in zs:
        x = F @ x
        P = F @ P @ F.T + Q
        S = H @ P @ H.T + R
        K = P @ H.T @ np.linalg.inv(S)
        x = x + K @ (z - H @ x)
        P = (I - K @ H) @ P
    return x, P


def core(op, n):
    """The array-core cases: add of two (n, n) (addout: into out), sum of n, n Kalman steps."""
    if op == "add":
        a, b = fill(n, False, 1), fill(n, False, 2)
        return lambda: a + b
    if op == "addout":
        a, b = fill(n, False, 1), fill(n, False, 2)
        out = np.empty_like(a)
        return lambda: np.add(a, b, out=out)
    if op == "sum":
        x = (np.arange(n) % 1000) / 7
        return lambda: x.sum()
    zs = [np.array([2 * t + np.sin(3 * t), -t]) for t in range(n)]
    return lambda: kalman(zs)


def main():
    op, n = sys.argv[1], int(sys.argv[2])
    stack = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    if op in ("add", "addout", "sum", "kalman"):
        f = core(op, n)
        timed(f, op, n, stack, per=n if op == "kalman" else 1, big=op != "kalman")
        return
    spd = op in ("cholesky", "eigh")
    if stack:
        a = np.stack([fill(n, spd, 1 + k) for k in range(min(stack, 7))])
        a = np.concatenate([a] * (stack // len(a) + 1))[:stack]
    else:
        a = fill(n, spd, 1)
    b = a[..., :, 0].copy()
    la = np.linalg
    fns = {
        "inv": lambda: la.inv(a),
        "solve": lambda: la.solve(a, b),
        "det": lambda: la.det(a),
        "cholesky": lambda: la.cholesky(a),
        "qr": lambda: la.qr(a),
        "svd": lambda: la.svd(a),
        "eigh": lambda: la.eigh(a),
        "eig": lambda: la.eig(a),
        "lstsq": lambda: la.lstsq(a, b, rcond=None),
        "matmul": lambda: a @ a,
        "add": lambda: np.add(a, a),
        "zeros": lambda: np.zeros((n, n)),
    }
    timed(fns[op], op, n, stack)


def timed(f, op, n, stack, per=1, big=None):
    f()
    budget = 2.0 if (n >= 500 if big is None else big) else 0.6
    if os.environ.get("BENCH_BUDGET"):  # quick runs (bench/overhead_bench.ts --quick)
        budget = float(os.environ["BENCH_BUDGET"])
    # BENCH_CLOCK=cpu: the process's CPU time (all threads), for a machine other jobs load.
    clock = time.process_time if os.environ.get("BENCH_CLOCK") == "cpu" else time.perf_counter
    reps, times, t0 = 1, [], clock()
    while True:
        s = clock()
        for _ in range(reps):
            f()
        dt = clock() - s
        if not times and dt < 0.005 and reps < 1 << 30:
            reps *= 2
            continue
        times.append(dt / reps)
        if len(times) >= 64 or (len(times) >= 5 and clock() - t0 > budget):
            break
    times.sort()
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(json.dumps({"tool": "numpy", "op": op, "n": n, "stack": stack, "threads": threads,
                      "median_us": times[len(times) // 2] * 1e6 / per}))


main()
