#!/usr/bin/python3
"""Writes test/fixtures/ldl.json: inputs and scipy 1.10's answers for ldl, qr(pivoting=True)
and lstsq(lapack_driver=...), in the format of test/fixtures/scipy.json (see
scripts/fixtures_scipy.py): arrays listed once, cases naming them by index, answers computed in
double from the (possibly single) inputs and stored with the dtype dlapack returns.
Run with Debian's scipy: /usr/bin/python3 scripts/fixtures_ldl.py

scipy 1.10 takes one matrix at a time: a stack's answer is scipy's answer per item, stacked.
dlapack's names: qr mode "reduced" is scipy's "economic", "complete" is scipy's "full", "r" is
numpy's (R of min(m, n) rows), "raw" numpy's (h is scipy's raw qr transposed); lstsq
keeps numpy's conventions (residuals `(K)`, `(1)` for a vector b), so the cases pass `rcond`.
"""
import json
import os
import warnings
import numpy as np
import scipy.linalg as sl

rng = np.random.default_rng(20261205)
np.seterr(all="ignore")
warnings.simplefilter("ignore")

NAMES = {np.float32: "float32", np.float64: "float64", np.complex64: "complex64", np.complex128: "complex128",
         np.int32: "int32"}
DTYPES = [np.float32, np.float64, np.complex64, np.complex128]
cases, arrays, seen = [], [], {}


def enc(x):
    x = np.asarray(x)
    if x.dtype.type not in NAMES:
        x = x.astype(np.float64)
    flat = x.reshape(-1)
    data = np.stack([flat.real, flat.imag], axis=-1).reshape(-1) if np.iscomplexobj(flat) else flat
    return {"dtype": NAMES[x.dtype.type], "shape": list(x.shape), "data": [float(v) for v in data]}


def rand(shape, dt):
    x = rng.standard_normal(shape)
    if np.issubdtype(dt, np.complexfloating):
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dt)


def double(x):
    x = np.asarray(x)
    return x.astype(np.complex128) if np.iscomplexobj(x) else x.astype(np.float64)


def real_of(dt):
    return np.float32 if dt in (np.float32, np.complex64) else np.float64


def ref(x):
    x = np.asarray(x)
    key = (x.dtype.str, x.shape, x.tobytes())
    if key not in seen:
        seen[key] = len(arrays)
        arrays.append(enc(x))
    return seen[key]


def per_item(f, *args, core=(2, 2)):
    lead = np.broadcast_shapes(*[np.shape(a)[:np.ndim(a) - c] for a, c in zip(args, core)])
    args = [np.broadcast_to(a, lead + np.shape(a)[np.ndim(a) - c:]) for a, c in zip(args, core)]
    outs = [f(*[a[i] for a in args]) for i in np.ndindex(*lead)]
    first = outs[0]
    return {k: np.stack([o[k] for o in outs]).reshape(lead + np.shape(first[k])) for k in first}


def add(fn, name, args, options, f, dtypes, tol=1):
    result = f(*[double(a) for a in args])
    enc_result = {k: enc(np.asarray(v).astype(dtypes[k])) for k, v in result.items()}
    cases.append({"fn": fn, "name": name, "args": [ref(a) for a in args], "options": options,
                  "result": enc_result, "tol": tol})


def sym(n, dt, hermitian, stack=()):
    x = rand(stack + (n, n), dt)
    xt = np.swapaxes(x, -1, -2)
    return (x + (np.conj(xt) if hermitian else xt)).astype(dt)


# -- ldl -------------------------------------------------------------------------------------------

def ldl(a, lower, hermitian):
    lu, d, perm = sl.ldl(a, lower=lower, hermitian=hermitian)
    return {"lu": lu, "d": d, "perm": perm}


# A zero diagonal forces 2x2 pivots; the 6x6 one mixes 1x1 and 2x2 blocks and interchanges.
zero_diag = np.array([[0.0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]])
mixed = np.array([[1e-3, 5, 0.2, 0, 1, 2], [5, 1e-3, 1, 3, 0, 1], [0.2, 1, 4, 0.1, 2, 0],
                  [0, 3, 0.1, -2, 0.5, 7], [1, 0, 2, 0.5, 1e-2, 0.3], [2, 1, 0, 7, 0.3, -1]])
for dt in DTYPES:
    t = NAMES[dt]
    cx = dt in (np.complex64, np.complex128)
    outs = {"lu": dt, "d": dt, "perm": np.int32}
    for hermitian in ((True, False) if cx else (True,)):
        h = "" if not cx else (" hermitian" if hermitian else " symmetric")
        for lower in (True, False):
            for n in (1, 2, 5, 7):
                a = sym(n, dt, hermitian)
                add("ldl", f"{t}{h} n={n} lower {lower}", [a], {"lower": lower, "hermitian": hermitian},
                    lambda a, lo=lower, he=hermitian: ldl(a, lo, he), outs, tol=10)
            for name, m in (("zero diagonal", zero_diag), ("mixed blocks", mixed)):
                a = (m * (1 + 1j) if cx and not hermitian else m).astype(dt)
                if cx and hermitian:
                    a = (m + 1j * (np.triu(m, 1) - np.tril(m, -1))).astype(dt)
                add("ldl", f"{t}{h} {name} lower {lower}", [a], {"lower": lower, "hermitian": hermitian},
                    lambda a, lo=lower, he=hermitian: ldl(a, lo, he), outs, tol=100)
        a = sym(4, dt, hermitian, (2,))
        add("ldl", f"{t}{h} stack (2,4,4)", [a], {"hermitian": hermitian},
            lambda a, he=hermitian: per_item(lambda x: ldl(x, True, he), a, core=(2,)), outs, tol=10)

# -- qr(pivoting=True) -------------------------------------------------------------------------------

SCIPY_MODE = {"reduced": "economic", "complete": "full", "r": "r", "raw": "raw"}


def qrp(a, mode):
    out = sl.qr(a, pivoting=True, mode=SCIPY_MODE[mode])
    if mode == "r":  # numpy's "r": the first min(m, n) rows of scipy's R
        return {"R": out[0][:min(a.shape)], "P": out[1]}
    if mode == "raw":
        (h, tau), _, p = out
        return {"h": h.T, "tau": tau, "P": p}
    return {"Q": out[0], "R": out[1], "P": out[2]}


rankdef = np.array([[1.0, 2, 3, 4], [2, 4, 6, 8], [1, 0, 1, 0], [0, 1, 1, 2], [3, 1, 4, 1]])
for dt in DTYPES:
    t = NAMES[dt]
    for shape in [(4, 4), (5, 3), (3, 5)]:
        a = rand(shape, dt)
        for mode in ("reduced", "complete", "r", "raw"):
            parts = {"Q": dt, "R": dt, "P": np.int32, "h": dt, "tau": dt}
            add("qrPivot", f"{t} {shape} {mode}", [a], {"pivoting": True, "mode": mode},
                lambda a, md=mode: qrp(a, md), parts, tol=10)
    a = rand((2, 4, 3), dt)
    add("qrPivot", f"{t} stack (2,4,3)", [a], {"pivoting": True},
        lambda a: per_item(lambda x: qrp(x, "reduced"), a, core=(2,)), {"Q": dt, "R": dt, "P": np.int32}, tol=10)
    add("qrPivot", f"{t} rank 3 (5,4)", [rankdef.astype(dt)], {"pivoting": True},
        lambda a: qrp(a, "reduced"), {"Q": dt, "R": dt, "P": np.int32}, tol=100)

# -- lstsq(lapack_driver=...) -------------------------------------------------------------------------


def lstsq(a, b, driver, rcond):
    x, res, rank, s = sl.lstsq(a, b, cond=rcond, lapack_driver=driver)
    out = {"x": x, "rank": np.int32(rank)}
    if driver != "gelsy":
        out["s"] = s
        m, n = a.shape
        # numpy's conventions: residuals (K), (1) for a vector b, empty unless full rank and m > n
        out["residuals"] = np.atleast_1d(res) if rank == n and m > n else np.zeros(0)
    return out


for dt in DTYPES:
    t = NAMES[dt]
    rc = 1e-10
    for driver in ("gelsd", "gelsy", "gelss"):
        parts = {"x": dt, "rank": np.int32, "s": real_of(dt), "residuals": real_of(dt)}
        for sa, sb in [((6, 4), (6, 2)), ((6, 4), (6,)), ((4, 6), (4, 3)), ((5, 5), (5, 1))]:
            add("lstsqDriver", f"{t} {driver} a {sa} b {sb}", [rand(sa, dt), rand(sb, dt)],
                {"lapackDriver": driver, "rcond": rc}, lambda a, b, d=driver: lstsq(a, b, d, rc), parts, tol=100)
        low = (rand((6, 2), dt) @ rand((2, 4), dt)).astype(dt)
        add("lstsqDriver", f"{t} {driver} rank 2 (6,4)", [low, rand((6, 2), dt)],
            {"lapackDriver": driver, "rcond": 1e-5}, lambda a, b, d=driver: lstsq(a, b, d, 1e-5), parts, tol=1000)
        sp = {k: v for k, v in parts.items() if k != "residuals"}
        add("lstsqDriver", f"{t} {driver} stack (2,5,3) b (5,2)", [rand((2, 5, 3), dt), rand((5, 2), dt)],
            {"lapackDriver": driver, "rcond": rc},
            lambda a, b, d=driver: per_item(lambda x, y: {k: v for k, v in lstsq(x, y, d, rc).items() if k != "residuals"}, a, b),
            sp, tol=100)

out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "ldl.json")
with open(out, "w") as f:
    json.dump({"scipy": __import__("scipy").__version__, "arrays": arrays, "cases": cases}, f, separators=(",", ":"))
print(f"{len(cases)} cases, {len(arrays)} arrays -> {os.path.normpath(out)}")
