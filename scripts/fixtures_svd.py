#!/usr/bin/python3
"""Writes test/fixtures/svd.json: numpy's answers for the SVD family (svd's singular
values, pinv, matrix_rank, cond for every order) and for lstsq. Run with Debian's numpy:
/usr/bin/python3 scripts/fixtures_svd.py

Complex numbers are stored as [re, im] pairs; NaN and infinities as strings. numpy computes
float32 and complex64 input in double and rounds the result: the answers below are numpy's
own, for the dtype given.
"""
import json
import os
import numpy as np

rng = np.random.default_rng(20261126)
L = np.linalg


def enc(x):
    x = np.asarray(x)
    if np.iscomplexobj(x):
        return np.stack([x.real, x.imag], axis=-1).tolist()
    return x.tolist()


def dtype_name(x):
    return {np.float32: "float32", np.float64: "float64",
            np.complex64: "complex64", np.complex128: "complex128"}[np.asarray(x).dtype.type]


def rand(shape, complex_=False):
    a = rng.standard_normal(shape)
    if complex_:
        a = a + 1j * rng.standard_normal(shape)
    return a


def hermitian(n, complex_=False, definite=False):
    a = rand((n, n), complex_)
    h = a + a.conj().T
    if definite:
        h = h + 2 * n * np.eye(n)
    return h


CONDS = [None, "fro", "nuc", "inf", "-inf", 1, -1, 2, -2]


def order(p):
    return {"inf": np.inf, "-inf": -np.inf}.get(p, p)


cases = []


def add(name, a, tags, tol=None):
    a = np.asarray(a)
    m, n = a.shape
    case = {"name": name, "tags": tags, "dtype": dtype_name(a), "shape": [m, n], "a": enc(a)}
    case["s"] = enc(L.svd(a, compute_uv=False))
    if m and n:
        case["pinv"] = enc(L.pinv(a))
        eps = np.finfo(a.dtype).eps
        case["pinv_rtol"] = enc(L.pinv(a, rcond=max(m, n) * eps))  # numpy 2's rtol=None
        case["rank"] = int(L.matrix_rank(a))
        case["cond"] = {}
        for p in CONDS:
            if m != n and p not in (None, 2, -2):
                continue
            with np.errstate(all="ignore"):
                try:
                    c = L.cond(a, order(p))
                except L.LinAlgError:
                    c = np.inf  # numpy's nuc path raises on singular input; dlapack gives Infinity
            case["cond"][str(p)] = float(np.real(c))
    if tol is not None:
        case["tol"] = tol
        case["rank_tol"] = int(L.matrix_rank(a, tol=tol))
    if "hermitian" in tags:
        case["s_h"] = enc(L.svd(a, compute_uv=False, hermitian=True))
        case["pinv_h"] = enc(L.pinv(a, hermitian=True))
        case["rank_h"] = int(L.matrix_rank(a, hermitian=True))
    cases.append(case)


for dt, cplx in [(np.float32, False), (np.float64, False), (np.complex64, True), (np.complex128, True)]:
    tag = dt.__name__
    add(f"{tag} 3x3", rand((3, 3), cplx).astype(dt), ["square"])
    add(f"{tag} 5x3 tall", rand((5, 3), cplx).astype(dt), ["tall"])
    add(f"{tag} 3x5 wide", rand((3, 5), cplx).astype(dt), ["wide"])
    add(f"{tag} 1x1", rand((1, 1), cplx).astype(dt), ["square"])
    add(f"{tag} 6x6", rand((6, 6), cplx).astype(dt), ["square"])
    # rank 2: product of 4x2 and 2x3
    add(f"{tag} 4x3 rank 2", (rand((4, 2), cplx) @ rand((2, 3), cplx)).astype(dt), ["tall", "deficient"], tol=0.5)
    add(f"{tag} 4x4 hermitian indefinite", hermitian(4, cplx).astype(dt), ["square", "hermitian"])
    add(f"{tag} 3x3 hermitian definite", hermitian(3, cplx, True).astype(dt), ["square", "hermitian"])

add("float64 zero 3x3", np.zeros((3, 3)), ["square", "deficient", "hermitian"])
add("float64 rank 1 3x3", np.outer([1., 2, 3], [4., 5, 6]), ["square", "deficient"])
add("float64 singular 2x2", np.array([[1., 2], [2, 4]]), ["square", "deficient", "hermitian"])
add("float64 diagonal with a tiny value", np.diag([1., 1e-17, 3]), ["square", "deficient", "hermitian"])
add("float64 hilbert 6", 1 / (np.arange(6)[:, None] + np.arange(6)[None, :] + 1), ["square", "illconditioned", "hermitian"])
add("float64 2x3 integer", np.array([[1., 2, 3], [4, 5, 6]]), ["wide"], tol=1.0)
add("float64 0x3", np.zeros((0, 3)), ["empty"])
add("float64 3x0", np.zeros((3, 0)), ["empty"])
add("float64 0x0", np.zeros((0, 0)), ["empty"])

lstsq = []


def add_lstsq(name, a, b, tags, rcond=None):
    a = np.asarray(a)
    b = np.asarray(b)
    x, res, rank, s = L.lstsq(a, b, rcond=rcond)
    case = {"name": name, "tags": tags, "dtype": dtype_name(a), "bdtype": dtype_name(b),
            "ashape": list(a.shape), "bshape": list(b.shape), "a": enc(a), "b": enc(b),
            "x": enc(x), "residuals": enc(res), "rank": int(rank), "s": enc(s)}
    if rcond is not None:
        case["rcond"] = rcond
    lstsq.append(case)


# numpy's documentation example: fit y = m x + c
xs = np.array([0., 1, 2, 3])
add_lstsq("numpy docs line fit", np.vstack([xs, np.ones(len(xs))]).T, np.array([-1, 0.2, 0.9, 2.1]), ["docs"])
for dt, cplx in [(np.float32, False), (np.float64, False), (np.complex64, True), (np.complex128, True)]:
    tag = dt.__name__
    add_lstsq(f"{tag} 6x3 overdetermined vector b", rand((6, 3), cplx).astype(dt), rand(6, cplx).astype(dt), ["tall"])
    add_lstsq(f"{tag} 6x3 overdetermined matrix b", rand((6, 3), cplx).astype(dt), rand((6, 2), cplx).astype(dt), ["tall"])
    add_lstsq(f"{tag} 3x5 underdetermined", rand((3, 5), cplx).astype(dt), rand((3, 2), cplx).astype(dt), ["wide"])
    add_lstsq(f"{tag} 4x4 square", rand((4, 4), cplx).astype(dt), rand(4, cplx).astype(dt), ["square"])
    add_lstsq(f"{tag} 5x3 rank 2", (rand((5, 2), cplx) @ rand((2, 3), cplx)).astype(dt), rand((5, 2), cplx).astype(dt), ["tall", "deficient"])
add_lstsq("float64 rank 1 with vector b", np.outer([1., 2, 3, 4], [1., 1, 2]), np.array([1., 2, 3, 5]), ["tall", "deficient"])
add_lstsq("float64 large rcond cuts a singular value", np.diag([3., 2, 1e-3]) @ rand((3, 3)), rand(3), ["square", "deficient"], rcond=1e-2)
add_lstsq("float64 rcond -1 (machine precision)", rand((5, 2)), rand(5), ["tall"], rcond=-1)
add_lstsq("float32 a with float64 b", rand((4, 2)).astype(np.float32), rand(4), ["tall", "mixed"])
add_lstsq("float64 exact fit, zero residuals", np.array([[1., 0], [0, 1], [1, 1]]), np.array([1., 2, 3]), ["tall"])
add_lstsq("float64 0 right-hand sides", rand((4, 2)), np.zeros((4, 0)), ["tall", "empty"])
add_lstsq("float64 3x0", np.zeros((3, 0)), np.ones(3), ["empty"])
add_lstsq("float64 0x3", np.zeros((0, 3)), np.zeros((0,)), ["empty"])
add_lstsq("float64 0x3 matrix b", np.zeros((0, 3)), np.zeros((0, 2)), ["empty"])


def finite(x):
    """JSON has no Infinity or NaN: store them as strings, decoded by the tests."""
    if isinstance(x, float) and not np.isfinite(x):
        return "NaN" if np.isnan(x) else ("Infinity" if x > 0 else "-Infinity")
    if isinstance(x, list):
        return [finite(y) for y in x]
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    return x


out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "svd.json")
with open(out, "w") as f:
    json.dump({"numpy": np.__version__, "cases": finite(cases), "lstsq": finite(lstsq)}, f,
              separators=(",", ":"), allow_nan=False)
    f.write("\n")
print(f"wrote {len(cases)} svd cases and {len(lstsq)} lstsq cases to {os.path.normpath(out)} (numpy {np.__version__})")
