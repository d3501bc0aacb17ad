#!/usr/bin/python3
"""Writes test/fixtures/riccati.json: inputs and scipy 1.10's answers for dlapack's
solveContinuousAre and solveDiscreteAre. Run with Debian's scipy:
/usr/bin/python3 scripts/fixtures_riccati.py

The matrices of scipy's own tests (scipy/linalg/tests/test_solvers.py: the CAREX and DAREX
benchmark collections of Benner, Laub and Mehrmann, and the generalized cases) are read from
the installed test module: each test function's `cases` list and `min_decimal` tuple are taken
from its syntax tree and evaluated here, with the module's data files (the five with more
than 40 states are left out, to keep the file small). Random cases in the four
dtypes follow, and generalized ones with complex e and s (where scipy's balanced answer fails,
its unbalanced one is stored: see xUnbalanced). Each case stores scipy's X (or scipy's error),
scipy's residual requirement
(decimals, None when scipy marks the case as a known failure) and the case's origin. Arrays
are {"dtype", "shape", "data"} (C order, complex interleaved); answers in double.
"""
import ast
import json
import os

import numpy as np
import scipy.linalg as sl
import scipy.linalg.tests as tests_pkg

rng = np.random.default_rng(20261205)
NAMES = {np.float32: "float32", np.float64: "float64", np.complex64: "complex64",
         np.complex128: "complex128"}
TESTS = os.path.dirname(tests_pkg.__file__)


def enc(x):
    x = np.asarray(x)
    if x.dtype.type not in NAMES:
        x = x.astype(np.complex128 if np.iscomplexobj(x) else np.float64)
    flat = x.reshape(-1)
    data = np.stack([flat.real, flat.imag], axis=-1).reshape(-1) if np.iscomplexobj(flat) else flat
    return {"dtype": NAMES[x.dtype.type], "shape": list(x.shape), "data": [float(v) for v in data]}


def load_data(name):
    with np.load(os.path.join(TESTS, "data", name)) as f:
        return dict(f.items())


def scipy_cases(fn_name):
    """The `cases` and `min_decimal` of one test function of test_solvers.py, evaluated."""
    with open(os.path.join(TESTS, "test_solvers.py")) as f:
        tree = ast.parse(f.read())
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == fn_name)
    scope = {"np": np, "block_diag": sl.block_diag, "_load_data": load_data}
    for stmt in fn.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
            name = stmt.targets[0].id
            if name.startswith("mat") or name in ("cases", "min_decimal"):
                scope[name] = eval(compile(ast.Expression(stmt.value), "<test>", "eval"), scope)
    return scope["cases"], scope["min_decimal"]


def solve(fn, a, b, q, r, e=None, s=None):
    try:
        return {"x": enc(fn(a, b, q, r, e, s))}
    except Exception as err:  # scipy's LinAlgError or ValueError: record its words
        return {"error": type(err).__name__ + ": " + str(err)}


out = []
for test, fn, kind in [
    ("test_solve_continuous_are", sl.solve_continuous_are, "care"),
    ("test_solve_discrete_are", sl.solve_discrete_are, "dare"),
    ("test_solve_generalized_continuous_are", sl.solve_continuous_are, "care"),
    ("test_solve_generalized_discrete_are", sl.solve_discrete_are, "dare"),
]:
    cases, decimals = scipy_cases(test)
    for k, case in enumerate(cases):
        if len(case) == 5:
            a, b, q, r, known = case
            e = s = None
        else:
            a, b, q, r, e, s, known = case
        a, b, q, r = (np.atleast_2d(np.asarray(x)) for x in (a, b, q, r))
        if a.shape[0] > 40:
            continue  # CAREX 15, 17-19 and DAREX 18 (60 to 421 states): too big to store
        row = {"kind": kind, "name": f"{test} case {k}", "a": enc(a), "b": enc(b), "q": enc(q),
               "r": enc(r), "decimal": None if known else decimals[k], "known": known}
        if e is not None:
            row["e"] = enc(e)
        if s is not None:
            row["s"] = enc(s)
        row.update(solve(fn, a, b, q, r, e, s))
        out.append(row)


def rand(shape, dt):
    x = rng.standard_normal(shape)
    if np.issubdtype(dt, np.complexfloating):
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dt)


def herm_pd(k, dt, shift):
    x = rand((k, k), dt)
    return (x @ x.conj().T + shift * np.eye(k)).astype(dt)


# Random cases, every dtype: m = 4 states, n = 2 inputs; X computed in double.
for dt in [np.float32, np.float64, np.complex64, np.complex128]:
    wide = np.complex128 if np.issubdtype(dt, np.complexfloating) else np.float64
    for kind, fn in [("care", sl.solve_continuous_are), ("dare", sl.solve_discrete_are)]:
        a, b = rand((4, 4), dt), rand((4, 2), dt)
        q, r = herm_pd(4, dt, 0.5), herm_pd(2, dt, 1.0)
        row = {"kind": kind, "name": f"random {NAMES[dt]}", "a": enc(a), "b": enc(b),
               "q": enc(q), "r": enc(r), "decimal": 10 if wide == dt else 4, "known": None}
        row.update(solve(fn, *(x.astype(wide) for x in (a, b, q, r))))
        out.append(row)

# The generalized forms with complex e and s (scipy's own generalized cases are real).
for dt in [np.float64, np.complex128]:
    for kind, fn in [("care", sl.solve_continuous_are), ("dare", sl.solve_discrete_are)]:
        a, b = rand((4, 4), dt), rand((4, 2), dt)
        q, r = herm_pd(4, dt, 0.5), herm_pd(2, dt, 1.0)
        e, s = (np.eye(4) + 0.2 * rand((4, 4), dt)).astype(dt), 0.1 * rand((4, 2), dt)
        row = {"kind": kind, "name": f"random generalized {NAMES[dt]}", "a": enc(a), "b": enc(b),
               "q": enc(q), "r": enc(r), "e": enc(e), "s": enc(s), "decimal": 10, "known": None}
        row.update(solve(fn, a, b, q, r, e, s))
        if "error" in row:
            # scipy 1.10 multiplies the balanced basis by the unbalanced e: when balancing
            # scales, it fails (or errs). dlapack balances e too; its answer is the unbalanced one.
            row["xUnbalanced"] = enc(fn(a, b, q, r, e, s, balanced=False))
        out.append(row)

# A stack with broadcasting: a (3, 4, 4), b (4, 2) shared, q (1, 4, 4), r (3, 2, 2).
A = rand((3, 4, 4), np.float64)
B = rand((4, 2), np.float64)
Q = herm_pd(4, np.float64, 0.5)[None]
R = np.stack([herm_pd(2, np.float64, 1.0) for _ in range(3)])
stack = {"a": enc(A), "b": enc(B), "q": enc(Q), "r": enc(R)}
for kind, fn in [("care", sl.solve_continuous_are), ("dare", sl.solve_discrete_are)]:
    stack[kind] = enc(np.stack([fn(A[i], B, Q[0], R[i]) for i in range(3)]))

path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "riccati.json")
with open(path, "w") as f:
    json.dump({"cases": out, "stack": stack}, f, separators=(",", ":"))
print(f"wrote {len(out)} cases to {os.path.normpath(path)}")
