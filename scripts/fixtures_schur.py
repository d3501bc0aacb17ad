#!/usr/bin/python3
"""Writes test/fixtures/schur.json: inputs and scipy 1.10's answers for dlapack's schur,
rsf2csf, hessenberg, solveSylvester, solveContinuousLyapunov, solveDiscreteLyapunov, sqrtm and qz (by its generalized eigenvalues). Run with Debian's scipy: /usr/bin/python3 scripts/fixtures_schur.py

Schur forms are not unique, so for schur the fixture stores the eigenvalues (the diagonal of
scipy's complex Schur form, sorted by real then imaginary part); rsf2csf is stored for scipy's
own real Schur form, and hessenberg (deterministic: ?gehrd) entry by entry. Arrays are
{"dtype", "shape", "data"} (C order, complex interleaved); answers in double.
"""
import json
import os
import numpy as np
import scipy.linalg as sl

rng = np.random.default_rng(20261205)
NAMES = {np.float32: "float32", np.float64: "float64", np.complex64: "complex64", np.complex128: "complex128"}


def enc(x):
    x = np.asarray(x)
    flat = x.reshape(-1)
    data = np.stack([flat.real, flat.imag], axis=-1).reshape(-1) if np.iscomplexobj(flat) else flat
    return {"dtype": NAMES[x.dtype.type], "shape": list(x.shape), "data": [float(v) for v in data]}


def rand(shape, dt):
    x = rng.standard_normal(shape)
    if np.issubdtype(dt, np.complexfloating):
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dt)


def sorted_eigs(t):
    d = np.diag(t).astype(np.complex128)
    return d[np.lexsort((np.round(d.imag, 8), np.round(d.real, 8)))]


cases = []
for dt in [np.float32, np.float64, np.complex64, np.complex128]:
    for n in [1, 2, 3, 6]:
        a = rand((n, n), dt)
        a64 = a.astype(np.complex128 if np.iscomplexobj(a) else np.float64)
        tc, _ = sl.schur(a64, output="complex")
        t, z = sl.schur(a64)
        case = {"name": f"{NAMES[dt]} {n}x{n}", "a": enc(a), "eigs": enc(sorted_eigs(tc)),
                "hessenberg": {k: enc(v) for k, v in zip("HQ", sl.hessenberg(a64, calc_q=True))}}
        if not np.iscomplexobj(a):
            case["rsf"] = {"T": enc(t), "Z": enc(z)}
            case["csf"] = {k: enc(v) for k, v in zip("TZ", sl.rsf2csf(t, z))}
        cases.append(case)

solvers = []
for dt in [np.float32, np.float64, np.complex64, np.complex128]:
    wide = np.complex128 if np.issubdtype(dt, np.complexfloating) else np.float64
    a, b, q = rand((3, 3), dt), rand((2, 2), dt), rand((3, 2), dt)
    d = lambda x: x.astype(wide)
    solvers.append({"fn": "solveSylvester", "name": NAMES[dt], "args": [enc(a), enc(b), enc(q)],
                    "result": enc(sl.solve_sylvester(d(a), d(b), d(q)))})
    q3 = rand((3, 3), dt)
    solvers.append({"fn": "solveContinuousLyapunov", "name": NAMES[dt], "args": [enc(a), enc(q3)],
                    "result": enc(sl.solve_continuous_lyapunov(d(a), d(q3)))})
    for n in [3, 12]:
        s_ = (rand((n, n), dt) / (2 * np.sqrt(n))).astype(dt)
        qn = rand((n, n), dt)
        solvers.append({"fn": "solveDiscreteLyapunov", "name": f"{NAMES[dt]} {n}x{n}",
                        "args": [enc(s_), enc(qn)], "result": enc(sl.solve_discrete_lyapunov(d(s_), d(qn)))})

def root(x):
    # scipy 1.10's sqrtm can return complex256 for complex input: stored in double.
    return x.astype(np.complex128 if np.iscomplexobj(x) else np.float64)


for dt in [np.float32, np.float64, np.complex64, np.complex128]:
    wide = np.complex128 if np.issubdtype(dt, np.complexfloating) else np.float64
    for n, shift in [(3, 4.0), (4, 0.0)]:
        a = (rand((n, n), dt) + shift * np.eye(n)).astype(dt)
        solvers.append({"fn": "sqrtm", "name": f"{NAMES[dt]} {n}x{n}", "args": [enc(a)],
                        "result": enc(root(sl.sqrtm(a.astype(wide))))})

qz = []
for dt in [np.float32, np.float64, np.complex64, np.complex128]:
    wide = np.complex128 if np.issubdtype(dt, np.complexfloating) else np.float64
    for n in [1, 3, 5]:
        a, b = rand((n, n), dt), rand((n, n), dt)
        aa, bb, _, _ = sl.qz(a.astype(wide), b.astype(wide), output="complex")
        w = np.diag(aa) / np.diag(bb)
        qz.append({"name": f"{NAMES[dt]} {n}x{n}", "a": enc(a), "b": enc(b),
                   "eigs": enc(w[np.lexsort((np.round(w.imag, 6), np.round(w.real, 6)))])})

out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "schur.json")
with open(out, "w") as f:
    json.dump({"scipy": __import__("scipy").__version__, "cases": cases, "solvers": solvers, "qz": qz}, f, separators=(",", ":"))
