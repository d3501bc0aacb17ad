#!/usr/bin/python3
"""Writes test/fixtures/logm.json: inputs and scipy 1.10's logm for dlapack's linalg.logm.
Run with Debian's scipy: /usr/bin/python3 scripts/fixtures_logm.py

Each case stores the input (its own dtype), scipy's answer computed on the input widened to
double (float32 -> float64, complex64 -> complex128), whether that answer is real (scipy's
_maybe_real), and scipy's own error estimate ||expm(F) - A||_1 / ||A||_1. Arrays are
{"dtype", "shape", "data"} (C order, complex interleaved).
"""
import json
import os
import warnings
import numpy as np
import scipy.linalg as sl

rng = np.random.default_rng(20261205)
NAMES = {np.float32: "float32", np.float64: "float64", np.complex64: "complex64",
         np.complex128: "complex128"}


def enc(x):
    x = np.asarray(x)
    flat = x.reshape(-1)
    data = np.stack([flat.real, flat.imag], axis=-1).reshape(-1) if np.iscomplexobj(flat) else flat
    return {"dtype": NAMES[x.dtype.type], "shape": list(x.shape), "data": [float(v) for v in data]}


def randn(shape, cx=False):
    x = rng.standard_normal(shape)
    return x + 1j * rng.standard_normal(shape) if cx else x


cases = []


def add(name, a, dtypes, tags=()):
    a = np.asarray(a)
    for dt in dtypes:
        x = a.astype(dt)
        wide = x.astype(np.complex128 if np.iscomplexobj(x) else np.float64)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            f, err = sl.logm(wide, disp=False)
        cases.append({"name": f"{name} {NAMES[dt]}", "tags": list(tags), "a": enc(x),
                      "real": not np.iscomplexobj(f), "err": float(err),
                      "result": enc(f.astype(np.complex128 if np.iscomplexobj(f) else np.float64))})


REAL = [np.float32, np.float64]
CX = [np.complex64, np.complex128]
ALL = REAL + CX

# Well conditioned: eigenvalues near n/2 and beyond, mostly positive.
for n in [1, 2, 3, 5, 8]:
    add(f"shifted {n}x{n}", randn((n, n)) + 0.7 * n * np.eye(n) + 0.5, REAL)
    add(f"shifted complex {n}x{n}", randn((n, n), True) + 0.7 * n * np.eye(n) + 0.5, CX)
# expm of a small random matrix: the logarithm is that matrix.
add("expm of small 4x4", sl.expm(0.3 * randn((4, 4))), REAL)
add("expm of small complex 4x4", sl.expm(0.3 * randn((4, 4), True)), CX)
# A real matrix whose eigenvalues are complex pairs: a real logarithm after rsf2csf.
add("rotation 2x2", [[np.cos(1.0), -np.sin(1.0)], [np.sin(1.0), np.cos(1.0)]], ALL)
add("complex pairs 6x6", randn((6, 6)) + 3 * np.eye(6) + 2 * (np.triu(np.ones((6, 6)), 1)
                                                            - np.tril(np.ones((6, 6)), -1)), REAL)
# Triangular input (no Schur form): positive, repeated, and close diagonals.
add("upper triangular 4x4", np.triu(randn((4, 4))) + np.diag([1.0, 2.0, 3.0, 4.0]), ALL)
add("Jordan-like 3x3", [[2.0, 1.0, 0.5], [0.0, 2.0, 1.0], [0.0, 0.0, 2.0]], ALL)
add("close diagonal 3x3", [[1.0, 3.0, -1.0], [0.0, 1.0 + 1e-6, 2.0], [0.0, 0.0, 1.0 - 1e-6]],
    REAL, ["nearlydefective"])
add("upper triangular complex 3x3", np.triu(randn((3, 3), True)) + 2 * np.eye(3), CX)
# Nearly defective: a Jordan block perturbed by 1e-8.
j = np.diag(np.full(4, 1.5)) + np.diag(np.ones(3), 1)
q, _ = np.linalg.qr(randn((4, 4)))
add("nearly defective 4x4", q @ (j + 1e-8 * np.diag([0.0, 1.0, 2.0, 3.0])) @ q.T, REAL,
    ["nearlydefective"])
# Negative eigenvalues: a complex logarithm for real input.
add("negative diagonal 2x2", [[-1.0, 0.0], [0.0, 2.0]], REAL)
add("negative eigenvalue 3x3", q[:3, :3] @ np.diag([-2.0, 0.5, 3.0]) @ q[:3, :3].T, REAL)
add("negative triangular 3x3", [[-2.0, 1.0, 0.5], [0.0, 3.0, -1.0], [0.0, 0.0, -0.5]], REAL)
add("random 5x5", randn((5, 5)), ALL)
add("random complex 5x5", randn((5, 5), True), CX)
# Identity, diagonal, and a wide spectrum (many square roots, the highest degrees).
add("identity 3x3", np.eye(3), ALL)
add("diagonal 4x4", np.diag([0.5, 1.0, 7.0, 100.0]), ALL)
v = randn((6, 6)) + 4 * np.eye(6)
add("wide spectrum 6x6", v @ np.diag([1e-3, 1e-1, 1.0, 10.0, 1e2, 1e3]) @ np.linalg.inv(v), REAL)
add("random 20x20", randn((20, 20)) + 6 * np.eye(20), [np.float64, np.complex128])

out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "logm.json")
with open(out, "w") as fh:
    json.dump({"scipy": __import__("scipy").__version__, "cases": cases}, fh)
print(f"wrote {len(cases)} cases to {os.path.normpath(out)}")
