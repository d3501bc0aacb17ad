#!/usr/bin/python3
"""Writes test/fixtures/linalg_cases.json: the shared case table's base matrices and
numpy's answers for them. Run with Debian's numpy: /usr/bin/python3 scripts/make_fixtures.py

Complex numbers are stored as [re, im] pairs; the JS side turns them into {re, im}.
"""
import json
import os
import numpy as np

rng = np.random.default_rng(20261125)


def enc(x):
    x = np.asarray(x)
    if np.iscomplexobj(x):
        return np.stack([x.real, x.imag], axis=-1).tolist()
    return x.tolist()


def dtype_name(x):
    return {np.float32: "float32", np.float64: "float64",
            np.complex64: "complex64", np.complex128: "complex128"}[np.asarray(x).dtype.type]


def square(n, complex_=False):
    a = rng.standard_normal((n, n)) + n * np.eye(n) * 0.5
    if complex_:
        a = a + 1j * rng.standard_normal((n, n))
    return a


cases = []


def add(name, a, b, tags):
    a = np.asarray(a)
    b = np.asarray(b)
    case = {"name": name, "tags": tags, "dtype": dtype_name(a), "a": enc(a), "b": enc(b),
            "bdtype": dtype_name(b)}
    if a.ndim == 2 and a.shape[0] == a.shape[1]:
        # numpy computes float32 in double and casts back: compute in double for reference
        ad = a.astype(np.complex128 if np.iscomplexobj(a) else np.float64)
        bd = b.astype(np.result_type(ad, b.dtype))
        case["inv"] = enc(np.linalg.inv(ad)) if a.shape[0] else []
        case["det"] = enc(np.linalg.det(ad))
        s, l = np.linalg.slogdet(ad)
        case["slogdet"] = {"sign": enc(s), "logabsdet": float(l)}
        if b.ndim >= 1:
            case["solve"] = enc(np.linalg.solve(ad, bd))
    cases.append(case)


for dt, cplx in [(np.float32, False), (np.float64, False), (np.complex64, True), (np.complex128, True)]:
    tag = dt.__name__
    a3 = square(3, cplx).astype(dt)
    add(f"{tag} 3x3 vector b", a3, square(3, cplx)[:, 0].astype(dt), ["square", "vector"])
    add(f"{tag} 3x3 matrix b", a3, square(3, cplx)[:, :2].astype(dt), ["square", "matrix"])
    add(f"{tag} 1x1", square(1, cplx).astype(dt), square(1, cplx)[:, :1].astype(dt), ["square", "matrix"])
    add(f"{tag} 8x8", square(8, cplx).astype(dt), square(8, cplx)[:, :3].astype(dt), ["square", "matrix"])

add("float64 nonsymmetric integer", np.array([[2., 1, 0], [1, 3, 1], [0, 1, 4]]) @ np.array([[1., 2, 0], [0, 1, 0], [3, 0, 1]]),
    np.array([1., 2, 3]), ["square", "vector"])
add("float64 needs pivoting", np.array([[0., 1], [1, 0]]), np.array([2., 3]), ["square", "vector"])
add("float64 negative det", np.array([[1., 2], [3, 4]]), np.array([[5., 6], [7, 8]]), ["square", "matrix"])
add("float64 huge entries (slogdet without overflow)", np.eye(4) * 1e200, np.ones(4), ["square", "vector"])
add("float64 0x0", np.zeros((0, 0)), np.zeros((0,)), ["square", "empty"])
add("float64 hilbert 6", 1 / (np.arange(6)[:, None] + np.arange(6)[None, :] + 1), np.ones(6), ["square", "vector", "illconditioned"])

def finite(x):
    """JSON has no Infinity or NaN: store them as strings, decoded by test/_cases.ts."""
    if isinstance(x, float) and not np.isfinite(x):
        return "NaN" if np.isnan(x) else ("Infinity" if x > 0 else "-Infinity")
    if isinstance(x, list):
        return [finite(y) for y in x]
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    return x


cases = finite(cases)
out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "linalg_cases.json")
with open(out, "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases}, f, separators=(",", ":"), allow_nan=False)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(out)} (numpy {np.__version__})")
