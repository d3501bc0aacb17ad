#!/usr/bin/python3
"""Writes test/fixtures/decomp.json: the cases of the decomposition and eigenproblem tests
(cholesky, qr, eigh, eigvalsh, eig, eigvals) and numpy's answers for them.
Run with Debian's numpy: /usr/bin/python3 scripts/fixtures_decomp.py

Each case is one matrix with tags saying which functions apply: "square", "pd" (both
triangles define a positive definite Hermitian matrix), "garbage" (the matrix is not
Hermitian: only the triangle a function reads counts), "nonsquare", "empty". Answers are
computed in double precision (numpy computes float32 in double and casts back). Complex numbers
are stored as [re, im] pairs; non-finite numbers as strings.
"""
import json
import os
import numpy as np

rng = np.random.default_rng(20261126)

DTYPES = [(np.float32, "float32"), (np.float64, "float64"),
          (np.complex64, "complex64"), (np.complex128, "complex128")]


def enc(x):
    x = np.asarray(x)
    if np.iscomplexobj(x):
        return np.stack([x.real, x.imag], axis=-1).tolist()
    return x.tolist()


def rand(shape, cplx):
    a = rng.standard_normal(shape)
    if cplx:
        a = a + 1j * rng.standard_normal(shape)
    return a


def hpd(n, cplx):
    b = rand((n, n), cplx)
    return b @ b.conj().T + n * np.eye(n)


def herm_lower(a):
    """The Hermitian matrix LAPACK sees when it reads the lower triangle (real diagonal)."""
    d = np.diag(np.diag(a).real)
    return np.tril(a, -1) + np.tril(a, -1).conj().T + d


def herm_upper(a):
    return herm_lower(a.conj().T)


def sort_eigs(w):
    """Eigenvalues sorted by (real, imag), for an order-free comparison."""
    return w[np.lexsort((w.imag, w.real))] if np.iscomplexobj(w) else np.sort(w)


cases = []


def add(name, a, dt, tags):
    a = np.asarray(a).astype(dt)
    cplx = np.iscomplexobj(a)
    ad = a.astype(np.complex128 if cplx else np.float64)
    m, n = a.shape
    case = {"name": name, "tags": tags, "dtype": dict(DTYPES)[dt], "shape": [m, n], "a": enc(a)}
    # qr: every mode
    q, r = np.linalg.qr(ad, mode="reduced")
    qc, rc = np.linalg.qr(ad, mode="complete")
    h, tau = np.linalg.qr(ad, mode="raw")
    case["qr"] = {"Q": enc(q), "R": enc(r), "Qc": enc(qc), "Rc": enc(rc),
                  "r": enc(np.linalg.qr(ad, mode="r")), "h": enc(h), "tau": enc(tau)}
    if m == n:
        w = np.linalg.eigvals(ad)
        case["eig"] = {"real": not np.iscomplexobj(w), "sorted": enc(sort_eigs(w))}
        # eigh reads one triangle only: numpy's answer for each
        wl, vl = np.linalg.eigh(ad, UPLO="L")
        wu, vu = np.linalg.eigh(ad, UPLO="U")
        assert np.allclose(wl, np.linalg.eigvalsh(herm_lower(ad)))
        assert np.allclose(wu, np.linalg.eigvalsh(herm_upper(ad)))
        case["eigh"] = {"wL": enc(wl), "vL": enc(vl), "wU": enc(wu), "vU": enc(vu)}
        if "pd" in tags:
            lo = np.linalg.cholesky(ad)  # numpy 1.24 reads the lower triangle
            assert np.allclose(lo, np.linalg.cholesky(herm_lower(ad)))
            up = np.linalg.cholesky(herm_upper(ad)).conj().T  # numpy 2's upper=True
            case["cholesky"] = {"L": enc(lo), "U": enc(up)}
    cases.append(case)


for dt, tag in DTYPES:
    cplx = tag.startswith("complex")
    add(f"{tag} hpd 3x3", hpd(3, cplx), dt, ["square", "pd"])
    add(f"{tag} hpd 1x1", hpd(1, cplx), dt, ["square", "pd"])
    add(f"{tag} hpd 6x6", hpd(6, cplx), dt, ["square", "pd"])
    g = hpd(4, cplx) + 4 * np.eye(4)
    junk = 0.2 * rand((4, 4), cplx)
    diag_junk = 0.3j * np.eye(4) if cplx else 0  # zpotrf and zheevd ignore imaginary parts on the diagonal
    add(f"{tag} hpd 4x4, other triangle garbage", g + np.triu(junk, 1) + diag_junk, dt,
        ["square", "pd", "garbage"])
    add(f"{tag} general 4x4", rand((4, 4), cplx), dt, ["square", "garbage"])
    add(f"{tag} general 5x5", rand((5, 5), cplx) + 2 * np.eye(5), dt, ["square", "garbage"])
    add(f"{tag} tall 5x3", rand((5, 3), cplx), dt, ["nonsquare"])
    add(f"{tag} wide 3x5", rand((3, 5), cplx), dt, ["nonsquare"])
    add(f"{tag} row 1x4", rand((1, 4), cplx), dt, ["nonsquare"])
    add(f"{tag} column 4x1", rand((4, 1), cplx), dt, ["nonsquare"])

add("float64 upper triangular (real spectrum)", np.triu(rng.standard_normal((4, 4))) + np.diag([1., 2, 3, 4]), np.float64,
    ["square", "garbage"])
add("float64 rotation (eigenvalues +i, -i)", np.array([[0., -1], [1, 0]]), np.float64, ["square", "garbage"])
add("float64 diagonal", np.diag([3., -1, 2]), np.float64, ["square"])
add("float64 symmetric indefinite", np.array([[2., 1, 0], [1, -3, 1], [0, 1, 4]]), np.float64, ["square"])
add("float64 0x0", np.zeros((0, 0)), np.float64, ["square", "empty"])
add("float64 3x0", np.zeros((3, 0)), np.float64, ["nonsquare", "empty"])
add("float64 0x3", np.zeros((0, 3)), np.float64, ["nonsquare", "empty"])


def finite(x):
    """JSON has no Infinity or NaN: store them as strings."""
    if isinstance(x, float) and not np.isfinite(x):
        return "NaN" if np.isnan(x) else ("Infinity" if x > 0 else "-Infinity")
    if isinstance(x, list):
        return [finite(y) for y in x]
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    return x


cases = finite(cases)
out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "decomp.json")
with open(out, "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases}, f, separators=(",", ":"), allow_nan=False)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(out)} (numpy {np.__version__})")
