#!/usr/bin/python3
"""Writes test/fixtures/scipy.json: inputs and scipy 1.10's answers for dlapack's scipy.linalg
functions (lu_factor, lu_solve, lu, cho_factor, cho_solve, solve_triangular, expm, kron,
block_diag, tensordot, einsum, polar, null_space, orth, subspace_angles).
Run with Debian's scipy: /usr/bin/python3 scripts/fixtures_scipy.py

scipy 1.10 takes one matrix at a time: a stack's answer is scipy's answer per item, stacked.
Inputs are listed once in "arrays" and named by index in each case's "args"; every array is
{"dtype", "shape", "data"} (C order, complex interleaved, non-finite numbers as strings).
Answers are computed in double from the (possibly single) inputs, as dlapack computes them,
and stored with the result dtype dlapack gives; a result with several parts is an object of
arrays. `tol` scales the test's tolerance.
"""
import json
import os
import warnings
import numpy as np
import scipy.linalg as sl

rng = np.random.default_rng(20261204)
np.seterr(all="ignore")
warnings.simplefilter("ignore")

NAMES = {np.float32: "float32", np.float64: "float64", np.complex64: "complex64", np.complex128: "complex128",
         np.int32: "int32"}
DTYPES = [np.float32, np.float64, np.complex64, np.complex128]


def finite(v):
    if np.isfinite(v):
        return v
    return "NaN" if np.isnan(v) else ("Infinity" if v > 0 else "-Infinity")


def enc(x):
    x = np.asarray(x)
    if x.dtype.type not in NAMES:
        x = x.astype(np.float64)
    flat = x.reshape(-1)
    data = np.stack([flat.real, flat.imag], axis=-1).reshape(-1) if np.iscomplexobj(flat) else flat
    return {"dtype": NAMES[x.dtype.type], "shape": list(x.shape), "data": [finite(float(v)) for v in data]}


def rand(shape, dt):
    x = rng.standard_normal(shape)
    if np.issubdtype(dt, np.complexfloating):
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dt)


def double(x):
    x = np.asarray(x)
    return x.astype(np.complex128) if np.iscomplexobj(x) else x.astype(np.float64)


def spd(n, dt, stack=()):
    x = rand(stack + (n, n), np.complex128 if np.issubdtype(dt, np.complexfloating) else np.float64)
    return (x @ np.conj(np.swapaxes(x, -1, -2)) + n * np.eye(n)).astype(dt)


def per_item(f, *args, core=(2, 2)):
    """f over the stack of the args (broadcast), one matrix at a time, as scipy 1.10 needs."""
    lead = np.broadcast_shapes(*[np.shape(a)[:np.ndim(a) - c] for a, c in zip(args, core)])
    args = [np.broadcast_to(a, lead + np.shape(a)[np.ndim(a) - c:]) for a, c in zip(args, core)]
    outs = [f(*[a[i] for a in args]) for i in np.ndindex(*lead)]
    if not outs:
        return None
    first = outs[0]
    if isinstance(first, dict):
        return {k: np.stack([o[k] for o in outs]).reshape(lead + np.shape(first[k])) for k in first}
    return np.stack(outs).reshape(lead + np.shape(first))


cases = []
arrays = []
seen = {}


def ref(x):
    x = np.asarray(x)
    key = (x.dtype.str, x.shape, x.tobytes())
    if key not in seen:
        seen[key] = len(arrays)
        arrays.append(enc(x))
    return seen[key]


def add(fn, name, args, options, f, dtypes, tol=1):
    """f on doubles gives the values; `dtypes` (a dtype or {part: dtype}) the stored dtypes."""
    result = f(*[double(a) for a in args])
    if isinstance(result, dict):
        enc_result = {k: enc(np.asarray(v).astype(dtypes[k])) for k, v in result.items()}
    else:
        enc_result = enc(np.asarray(result).astype(dtypes))
    cases.append({"fn": fn, "name": name, "args": [ref(a) for a in args], "options": options,
                  "result": enc_result, "tol": tol})


def real_of(dt):
    return np.float32 if dt in (np.float32, np.complex64) else np.float64


# -- lu_factor, lu_solve, lu --------------------------------------------------------------------

def lu_factor(a):
    lu, piv = sl.lu_factor(a)
    return {"lu": lu, "piv": piv}


def lu_p(a, permute_l=False):
    if permute_l:
        pl, u = sl.lu(a, permute_l=True)
        return {"PL": pl, "U": u}
    p, l, u = sl.lu(a)
    return {"P": p, "L": l, "U": u}


for dt in DTYPES:
    t = NAMES[dt]
    for shape in [(4, 4), (3, 5), (5, 3), (2, 3, 3)]:
        a = rand(shape, dt)
        add("luFactor", f"{t} {shape}", [a], {}, lambda a: per_item(lu_factor, a),
            {"lu": dt, "piv": np.int32})
        add("lu", f"{t} {shape}", [a], {}, lambda a: per_item(lu_p, a),
            {"P": real_of(dt), "L": dt, "U": dt})
        add("lu", f"{t} {shape} permuteL", [a], {"permuteL": True},
            lambda a: per_item(lambda x: lu_p(x, True), a), {"PL": dt, "U": dt})
    a = rand((4, 4), dt)
    for trans in (0, 1, 2):
        add("luSolve", f"{t} trans {trans} matrix b", [a, rand((4, 2), dt)], {"trans": trans},
            lambda a, b, tr=trans: sl.lu_solve(sl.lu_factor(a), b, trans=tr), dt)
        add("luSolve", f"{t} trans {trans} vector b", [a, rand((4,), dt)], {"trans": trans},
            lambda a, b, tr=trans: sl.lu_solve(sl.lu_factor(a), b, trans=tr), dt)
    add("luSolve", f"{t} stack (2,3,3) b (3,2)", [rand((2, 3, 3), dt), rand((3, 2), dt)], {},
        lambda a, b: per_item(lambda x, y: sl.lu_solve(sl.lu_factor(x), y), a, b), dt)
sing = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]])
add("luFactor", "float64 singular", [sing], {}, lu_factor, {"lu": np.float64, "piv": np.int32})
add("lu", "float64 singular", [sing], {}, lu_p, {"P": np.float64, "L": np.float64, "U": np.float64})
add("luFactor", "float64 (0,0)", [np.zeros((0, 0))], {}, lambda a: {"lu": a, "piv": np.zeros(0)},
    {"lu": np.float64, "piv": np.int32})

# -- cho_factor, cho_solve ----------------------------------------------------------------------


def cho_factor(a, lower):
    c, _ = sl.cho_factor(a, lower=lower)
    return c


for dt in DTYPES:
    t = NAMES[dt]
    for lower in (False, True):
        a = spd(4, dt)
        add("choFactor", f"{t} lower {lower}", [a], {"lower": lower}, lambda a, lo=lower: cho_factor(a, lo), dt)
        add("choSolve", f"{t} lower {lower} matrix b", [a, rand((4, 3), dt)], {"lower": lower},
            lambda a, b, lo=lower: sl.cho_solve(sl.cho_factor(a, lower=lo), b), dt)
        add("choSolve", f"{t} lower {lower} vector b", [a, rand((4,), dt)], {"lower": lower},
            lambda a, b, lo=lower: sl.cho_solve(sl.cho_factor(a, lower=lo), b), dt)
    a = spd(3, dt, (2,))
    add("choFactor", f"{t} stack (2,3,3)", [a], {}, lambda a: per_item(lambda x: cho_factor(x, False), a), dt)
    add("choSolve", f"{t} stack (2,3,3) b (2,3,1)", [a, rand((2, 3, 1), dt)], {},
        lambda a, b: per_item(lambda x, y: sl.cho_solve(sl.cho_factor(x), y), a, b), dt)

# -- solve_triangular ---------------------------------------------------------------------------

for dt in DTYPES:
    t = NAMES[dt]
    a = rand((4, 4), dt) + 3 * np.eye(4, dtype=dt)
    for lower in (False, True):
        for trans in (0, 1, 2):
            for unit in (False, True):
                add("solveTriangular", f"{t} lower {lower} trans {trans} unit {unit}", [a, rand((4, 2), dt)],
                    {"lower": lower, "trans": trans, "unitDiagonal": unit},
                    lambda a, b, lo=lower, tr=trans, u=unit: sl.solve_triangular(a, b, lower=lo, trans=tr, unit_diagonal=u), dt)
    add("solveTriangular", f"{t} vector b", [a, rand((4,), dt)], {},
        lambda a, b: sl.solve_triangular(a, b), dt)
    add("solveTriangular", f"{t} stack (2,3,3) b (3,1)", [rand((2, 3, 3), dt) + 3 * np.eye(3, dtype=dt), rand((3, 1), dt)],
        {"lower": True}, lambda a, b: per_item(lambda x, y: sl.solve_triangular(x, y, lower=True), a, b), dt)

# -- expm ---------------------------------------------------------------------------------------

for dt in DTYPES:
    t = NAMES[dt]
    for n, scale in [(4, 0.001), (4, 0.05), (5, 0.2), (5, 0.5), (6, 1.0), (6, 4.0), (8, 30.0)]:
        x = rand((n, n), dt)
        x = (x / np.linalg.norm(double(x), 1) * scale).astype(dt)
        add("expm", f"{t} n={n} norm {scale}", [x], {}, sl.expm, dt, tol=1 + scale)
    add("expm", f"{t} 2x2", [rand((2, 2), dt)], {}, sl.expm, dt)
    add("expm", f"{t} 1x1", [rand((1, 1), dt)], {}, sl.expm, dt)
    add("expm", f"{t} diagonal", [np.diag(rand((4,), dt))], {}, sl.expm, dt)
    add("expm", f"{t} upper triangular, scaled", [np.triu(rand((5, 5), dt) * 3)], {}, sl.expm, dt, tol=10)
    add("expm", f"{t} lower triangular, scaled", [np.tril(rand((5, 5), dt) * 3)], {}, sl.expm, dt, tol=10)
    add("expm", f"{t} stack (2,3,3)", [rand((2, 3, 3), dt)], {}, sl.expm, dt, tol=2)
add("expm", "float64 (0,0)", [np.zeros((0, 0))], {}, lambda a: a, np.float64)
add("expm", "float64 nilpotent", [np.array([[0.0, 1.0, 2.0], [0, 0, 3.0], [0, 0, 0]])], {}, sl.expm, np.float64)
add("expm", "float64 rotation generator", [np.array([[0.0, -np.pi], [np.pi, 0.0]])], {}, sl.expm, np.float64)

# -- kron, block_diag, tensordot, einsum ----------------------------------------------------------

for dt in DTYPES:
    t = NAMES[dt]
    add("kron", f"{t} (2,3) x (3,2)", [rand((2, 3), dt), rand((3, 2), dt)], {}, sl.kron, dt)
    add("kron", f"{t} stack (2,2,2) x (1,3)", [rand((2, 2, 2), dt), rand((1, 3), dt)], {},
        lambda a, b: per_item(sl.kron, a, b), dt)
    add("blockDiag", f"{t} three blocks", [rand((2, 2), dt), rand((1, 3), dt), rand((3, 1), dt)], {},
        sl.block_diag, dt)
    add("tensordot", f"{t} axes 2", [rand((2, 3, 4), dt), rand((3, 4, 5), dt)], {}, np.tensordot, dt)
    add("tensordot", f"{t} axes [[0, 2], [2, 0]]", [rand((2, 3, 4), dt), rand((4, 5, 2), dt)],
        {"axes": [[0, 2], [2, 0]]}, lambda a, b: np.tensordot(a, b, axes=([0, 2], [2, 0])), dt)
    for sub, shapes in [("ij,jk->ik", [(3, 4), (4, 2)]), ("bij,bjk->bik", [(2, 3, 4), (2, 4, 2)]),
                        ("ij,kj->ki", [(3, 4), (2, 4)]), ("ii->i", [(3, 3)]), ("ii", [(3, 3)]),
                        ("ij->ji", [(2, 3)]), ("i,i", [(4,), (4,)]), ("i,j", [(2,), (3,)]),
                        ("...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 2)]), ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 2)]),
                        ("ijk,jil->kl", [(3, 2, 4), (2, 3, 5)]), ("ij->", [(3, 2)]), ("iij->j", [(2, 2, 3)]),
                        ("ab,b", [(3, 2), (2,)]), ("Ba,aB->", [(2, 3), (3, 2)])]:
        args = [rand(sh, dt) for sh in shapes]
        add("einsum", f"{t} {sub}", args, {"subscripts": sub}, lambda *xs, s=sub: np.einsum(s, *xs), dt)
add("blockDiag", "float64 scalar, row, empty block", [np.array(2.0), np.array([1.0, 2.0]), np.zeros((0, 2))], {},
    sl.block_diag, np.float64)
add("blockDiag", "mixed float32 and complex64", [rand((2, 2), np.float32), rand((1, 1), np.complex64)], {},
    sl.block_diag, np.complex64)

# -- polar, null_space, orth, subspace_angles ----------------------------------------------------------

for dt in DTYPES:
    t = NAMES[dt]
    for shape in [(3, 3), (4, 2), (2, 4)]:
        a = rand(shape, dt)
        for side in ("right", "left"):
            add("polar", f"{t} {shape} {side}", [a], {"side": side},
                lambda a, sd=side: dict(zip(("u", "p"), sl.polar(a, side=sd))), {"u": dt, "p": dt})
    a = rand((4, 2), dt) @ rand((2, 5), dt)
    # The cutoff is eps of the input's precision (scipy on float32 input uses float32's).
    rc = np.finfo(real_of(dt)).eps * 5
    add("nullSpace", f"{t} rank 2 (4,5)", [a], {}, lambda a: sl.null_space(a, rcond=rc), dt, tol=10)
    add("orth", f"{t} rank 2 (4,5)", [a], {}, lambda a: sl.orth(a, rcond=rc), dt, tol=10)
    add("orth", f"{t} stack of rank-2 (2,4,5)", [np.stack([a, 2 * a])], {},
        lambda a: per_item(lambda x: sl.orth(x, rcond=rc), a), dt, tol=10)
    add("subspaceAngles", f"{t} (5,2) and (5,3)", [rand((5, 2), dt), rand((5, 3), dt)], {}, sl.subspace_angles,
        real_of(dt), tol=10)
add("subspaceAngles", "float64 shared line", [np.array([[1.0, 0], [0, 1], [0, 0]]), np.array([[1.0, 0], [0, 1], [0, 1]])],
    {}, sl.subspace_angles, np.float64)

# -- generalized eigenproblems: eigh(a, b), eigvalsh(a, b), eig(a, b), eigvals(a, b) -----------

def herm(n, dt, stack=()):
    x = rand(stack + (n, n), np.complex128 if np.issubdtype(dt, np.complexfloating) else np.float64)
    return ((x + np.conj(np.swapaxes(x, -1, -2))) / 2).astype(dt)


for dt in DTYPES:
    t = NAMES[dt]
    a, b = herm(4, dt), spd(4, dt)
    for typ in (1, 2, 3):
        add("eighGeneralized", f"{t} type {typ}", [a, b], {"type": typ},
            lambda a, b, ty=typ: dict(zip(("eigenvalues", "eigenvectors"), sl.eigh(a, b, type=ty))),
            {"eigenvalues": real_of(dt), "eigenvectors": dt}, tol=10)
    add("eighGeneralized", f"{t} upper", [a, b], {"UPLO": "U"},
        lambda a, b: dict(zip(("eigenvalues", "eigenvectors"), sl.eigh(a, b, lower=False))),
        {"eigenvalues": real_of(dt), "eigenvectors": dt}, tol=10)
    add("eighGeneralized", f"{t} stack (2,3,3)", [herm(3, dt, (2,)), spd(3, dt, (2,))], {},
        lambda a, b: per_item(lambda x, y: dict(zip(("eigenvalues", "eigenvectors"), sl.eigh(x, y))), a, b),
        {"eigenvalues": real_of(dt), "eigenvectors": dt}, tol=10)
    add("eigvalshGeneralized", f"{t}", [a, b], {}, lambda a, b: sl.eigh(a, b, eigvals_only=True), real_of(dt), tol=10)
    g, h = rand((4, 4), dt), rand((4, 4), dt)
    cdt = np.complex64 if dt in (np.float32, np.complex64) else np.complex128
    add("eigGeneralized", f"{t}", [g, h], {},
        lambda a, b: dict(zip(("eigenvalues", "eigenvectors"), sl.eig(a, b))),
        {"eigenvalues": cdt, "eigenvectors": cdt}, tol=100)
    add("eigvalsGeneralized", f"{t}", [g, h], {}, lambda a, b: sl.eigvals(a, b), cdt, tol=100)
sing = np.diag([1.0, 2.0, 3.0])
add("eigvalsGeneralized", "float64 singular b: infinite eigenvalue", [sing, np.diag([1.0, 0.0, 1.0])], {},
    lambda a, b: sl.eigvals(a, b), np.complex128)

# -- solve(assume_a), solve_banded, solveh_banded, eigh_tridiagonal ---------------------------------

def to_band(a, l, u):
    n = a.shape[-1]
    ab = np.zeros((l + u + 1, n), dtype=a.dtype)
    for j in range(n):
        for i in range(max(0, j - u), min(n, j + l + 1)):
            ab[u + i - j, j] = a[i, j]
    return ab


for dt in DTYPES:
    t = NAMES[dt]
    for assume in ("sym", "her", "pos"):
        if assume == "her" and dt in (np.float32, np.float64):
            continue
        a = spd(4, dt) if assume == "pos" else (herm(4, dt) if assume == "her" else (lambda x: (x + x.T) / 2)(rand((4, 4), dt)))
        for lower in (False, True):
            add("solve", f"{t} assumeA {assume} lower {lower}", [a, rand((4, 2), dt)], {"assumeA": assume, "lower": lower},
                lambda a, b, am=assume, lo=lower: sl.solve(a, b, assume_a=am, lower=lo), dt)
        add("solve", f"{t} assumeA {assume} vector b", [a, rand((4,), dt)], {"assumeA": assume},
            lambda a, b, am=assume: sl.solve(a, b, assume_a=am), dt)
    full = rand((6, 6), dt) + 4 * np.eye(6, dtype=dt)
    for l, u in [(1, 1), (2, 1), (0, 2)]:
        band = np.triu(np.tril(full, u), -l)
        add("solveBanded", f"{t} l={l} u={u}", [to_band(band, l, u), rand((6, 2), dt)], {"l": l, "u": u},
            lambda ab, b, l=l, u=u: sl.solve_banded((l, u), ab, b), dt)
    add("solveBanded", f"{t} stack vector b", [np.stack([to_band(np.triu(np.tril(full, 1), -1), 1, 1)] * 2), rand((6,), dt)],
        {"l": 1, "u": 1}, lambda ab, b: per_item(lambda x, y: sl.solve_banded((1, 1), x, y), ab, b, core=(2, 1)), dt)
    h = spd(6, dt)
    hb = np.triu(np.tril(h, 2), -2)
    upper = to_band(hb, 0, 2)
    lowerb = np.stack([np.concatenate([np.diagonal(hb, -k), np.zeros(k, dtype=dt)]) for k in range(3)])
    add("solvehBanded", f"{t} upper", [upper, rand((6, 2), dt)], {}, lambda ab, b: sl.solveh_banded(ab, b), dt)
    add("solvehBanded", f"{t} lower", [lowerb, rand((6,), dt)], {"lower": True},
        lambda ab, b: sl.solveh_banded(ab, b, lower=True), dt)
for dt in (np.float32, np.float64):
    t = NAMES[dt]
    d, e = rand((5,), dt), rand((4,), dt)
    add("eighTridiagonal", f"{t}", [d, e], {},
        lambda d, e: dict(zip(("eigenvalues", "eigenvectors"), sl.eigh_tridiagonal(d, e))),
        {"eigenvalues": dt, "eigenvectors": dt}, tol=10)
    add("eighTridiagonal", f"{t} eigvalsOnly stack", [rand((2, 5), dt), rand((2, 4), dt)], {"eigvalsOnly": True},
        lambda d, e: per_item(lambda x, y: sl.eigh_tridiagonal(x, y, eigvals_only=True), d, e, core=(1, 1)), dt, tol=10)

# -- svd(lapack_driver="gesvd") ------------------------------------------------------------------

for dt in DTYPES:
    t = NAMES[dt]
    for shape in [(4, 3), (3, 5), (2, 3, 3)]:
        add("svdGesvd", f"{t} {shape}", [rand(shape, dt)], {"lapackDriver": "gesvd"},
            lambda a: per_item(lambda x: sl.svd(x, lapack_driver="gesvd", compute_uv=False), a, core=(2,)),
            real_of(dt), tol=10)

out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "scipy.json")
with open(out, "w") as f:
    json.dump({"scipy": __import__("scipy").__version__, "arrays": arrays, "cases": cases}, f, separators=(",", ":"))
print(f"{len(cases)} cases, {len(arrays)} arrays -> {os.path.normpath(out)}")
