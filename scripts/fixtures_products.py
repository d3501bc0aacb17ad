#!/usr/bin/python3
"""Writes test/fixtures/products.json: inputs and numpy's answers for the products and norms
(matmul, multi_dot, outer, cross, vecdot, trace, diagonal, matrix_transpose, matrix_power,
tensorsolve, tensorinv, norm, matrix_norm, vector_norm).
Run with Debian's numpy: /usr/bin/python3 scripts/fixtures_products.py

numpy 1.24 lacks numpy 2's linalg.cross/vecdot/trace/diagonal/matrix_transpose/outer/
matrix_norm/vector_norm: they are written here the way numpy 2 defines them, over the 1.24
functions they call.

Inputs are listed once in "arrays" and named by index in each case's "args". Every array is
{"dtype", "shape", "data"}: data flat in C order, complex interleaved (re, im),
non-finite numbers as strings. Answers are computed in double from the (possibly single)
inputs, as dlapack computes them, and stored with numpy's result dtype; `tol` scales the
test's tolerance for cases that amplify rounding.
"""
import json
import warnings
import os
import numpy as np

rng = np.random.default_rng(20261127)
np.seterr(all="ignore")
warnings.simplefilter("ignore")

NAMES = {np.float32: "float32", np.float64: "float64", np.complex64: "complex64", np.complex128: "complex128"}
DTYPES = [np.float32, np.float64, np.complex64, np.complex128]


def enc(x):
    x = np.asarray(x)
    if x.dtype.type not in NAMES:
        x = x.astype(np.float64)
    flat = x.reshape(-1)
    if np.iscomplexobj(flat):
        data = np.stack([flat.real, flat.imag], axis=-1).reshape(-1)
    else:
        data = flat
    return {"dtype": NAMES[x.dtype.type], "shape": list(x.shape), "data": [finite(float(v)) for v in data]}


def finite(v):
    if np.isfinite(v):
        return v
    return "NaN" if np.isnan(v) else ("Infinity" if v > 0 else "-Infinity")


def rand(shape, dt):
    x = rng.standard_normal(shape)
    if np.issubdtype(dt, np.complexfloating):
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dt)


def square(n, dt, stack=()):
    """Well-conditioned: random plus n/2 on the diagonal, scaled to norm about 1."""
    x = rand(stack + (n, n), dt).astype(np.complex128 if np.issubdtype(dt, np.complexfloating) else np.float64)
    x = (x + 0.5 * n * np.eye(n)) / n
    return x.astype(dt)


def double(x):
    x = np.asarray(x)
    return x.astype(np.complex128) if np.iscomplexobj(x) else x.astype(np.float64)


cases = []
arrays = []  # inputs, shared by the cases that use them (by index)
seen = {}


def ref(x):
    x = np.asarray(x)
    key = (x.dtype.str, x.shape, x.tobytes())
    if key not in seen:
        seen[key] = len(arrays)
        arrays.append(enc(x))
    return seen[key]


def add(fn, name, args, options, f, tol=1):
    """f(*args) on the original dtypes gives numpy's result dtype; on doubles, the values."""
    want_dtype = np.asarray(f(*args)).dtype
    result = np.asarray(f(*[double(a) for a in args]))
    if np.iscomplexobj(result) and not np.issubdtype(want_dtype, np.complexfloating):
        raise ValueError(name)
    opts = {k: (finite(float(v)) if isinstance(v, float) else v) for k, v in options.items()}
    cases.append({"fn": fn, "name": name, "args": [ref(a) for a in args], "options": opts,
                  "result": enc(result.astype(want_dtype)), "tol": tol})


def tag(dt):
    return NAMES[dt]


# -- numpy 2 definitions over numpy 1.24 ------------------------------------------------------

def vecdot(a, b, axis=-1):
    a = np.moveaxis(a, axis, -1)
    b = np.moveaxis(b, axis, -1)
    return np.sum(np.conj(a) * b, axis=-1)


def cross(a, b, axis=-1):
    return np.cross(a, b, axis=axis)


def trace(a, offset=0):
    return np.trace(a, offset, axis1=-2, axis2=-1)


def diagonal(a, offset=0):
    return np.diagonal(a, offset, axis1=-2, axis2=-1)


def matrix_norm(x, ord="fro", keepdims=False):
    return np.linalg.norm(x, ord=ord, axis=(-2, -1), keepdims=keepdims)


def vector_norm(x, axis=None, keepdims=False, ord=2):
    shape = list(x.shape)
    if axis is None:
        x = x.ravel()
        _axis = 0
    elif isinstance(axis, tuple):
        normalized = tuple(a % x.ndim for a in axis)
        rest = tuple(i for i in range(x.ndim) if i not in normalized)
        x = np.transpose(x, normalized + rest).reshape(
            (int(np.prod([x.shape[i] for i in normalized])), *[x.shape[i] for i in rest]))
        _axis = 0
    else:
        _axis = axis
    res = np.linalg.norm(x, axis=_axis, ord=ord)
    if keepdims:
        axes = range(len(shape)) if axis is None else (axis if isinstance(axis, tuple) else (axis,))
        for i in axes:
            shape[i % len(shape)] = 1
        res = np.reshape(res, shape)
    return res


# -- matmul -------------------------------------------------------------------------------------

for dt in DTYPES:
    t = tag(dt)
    mm = lambda a, b: np.matmul(a, b)
    add("matmul", f"{t} (3,4) @ (4,2)", [rand((3, 4), dt), rand((4, 2), dt)], {}, mm)
    add("matmul", f"{t} (4) @ (4,2)", [rand((4,), dt), rand((4, 2), dt)], {}, mm)
    add("matmul", f"{t} (3,4) @ (4)", [rand((3, 4), dt), rand((4,), dt)], {}, mm)
    add("matmul", f"{t} (4) @ (4)", [rand((4,), dt), rand((4,), dt)], {}, mm)
    add("matmul", f"{t} 1x1", [rand((1, 1), dt), rand((1, 1), dt)], {}, mm)
    add("matmul", f"{t} broadcast (2,1,3,4) @ (5,4,2)", [rand((2, 1, 3, 4), dt), rand((5, 4, 2), dt)], {}, mm)
    add("matmul", f"{t} stack (2,3,4) @ (4)", [rand((2, 3, 4), dt), rand((4,), dt)], {}, mm)
    add("matmul", f"{t} (4) @ stack (2,4,3)", [rand((4,), dt), rand((2, 4, 3), dt)], {}, mm)
    add("matmul", f"{t} (3,4) @ stack (2,4,5)", [rand((3, 4), dt), rand((2, 4, 5), dt)], {}, mm)
add("matmul", "float64 long k (2,65) @ (65,3)", [rand((2, 65), np.float64), rand((65, 3), np.float64)], {}, np.matmul)
add("matmul", "complex128 long k (3,66) @ (66,2)", [rand((3, 66), np.complex128), rand((66, 2), np.complex128)], {}, np.matmul)
add("matmul", "float64 k=0 (3,0) @ (0,2) is zeros", [np.zeros((3, 0)), np.zeros((0, 2))], {}, np.matmul)
add("matmul", "complex128 k=0 stack (2,3,0) @ (0,2)", [np.zeros((2, 3, 0), np.complex128), np.zeros((0, 2), np.complex128)], {}, np.matmul)
add("matmul", "float64 k=0 (3,0) @ (0)", [np.zeros((3, 0)), np.zeros((0,))], {}, np.matmul)
add("matmul", "float64 k=0 (0) @ (0,2)", [np.zeros((0,)), np.zeros((0, 2))], {}, np.matmul)
add("matmul", "float64 k=0 (0) @ (0)", [np.zeros((0,)), np.zeros((0,))], {}, np.matmul)
add("matmul", "float64 m=0 (0,3) @ (3,2)", [np.zeros((0, 3)), rand((3, 2), np.float64)], {}, np.matmul)
add("matmul", "float64 n=0 (2,3) @ (3,0)", [rand((2, 3), np.float64), np.zeros((3, 0))], {}, np.matmul)
add("matmul", "float64 empty stack (0,2,3) @ (3,2)", [np.zeros((0, 2, 3)), rand((3, 2), np.float64)], {}, np.matmul)
for da, db in [(np.float32, np.float64), (np.float32, np.complex64), (np.float64, np.complex64),
               (np.complex64, np.complex128), (np.complex128, np.float32)]:
    add("matmul", f"mixed {tag(da)} @ {tag(db)}", [rand((2, 3), da), rand((3, 2), db)], {}, np.matmul)

# -- multi_dot ----------------------------------------------------------------------------------

md = lambda *xs: np.linalg.multi_dot(list(xs))
for dt in DTYPES:
    t = tag(dt)
    add("multiDot", f"{t} four matrices (6,12),(12,3),(3,15),(15,2)",
        [rand((6, 12), dt), rand((12, 3), dt), rand((3, 15), dt), rand((15, 2), dt)], {}, md)
    add("multiDot", f"{t} three, first 1-D", [rand((4,), dt), rand((4, 6), dt), rand((6, 2), dt)], {}, md)
    add("multiDot", f"{t} three, last 1-D", [rand((2, 4), dt), rand((4, 6), dt), rand((6,), dt)], {}, md)
    add("multiDot", f"{t} five, both ends 1-D", [rand((3,), dt), rand((3, 7), dt), rand((7, 2), dt), rand((2, 9), dt), rand((9,), dt)], {}, md)
add("multiDot", "float64 two matrices", [rand((2, 3), np.float64), rand((3, 4), np.float64)], {}, md)
add("multiDot", "float64 two vectors", [rand((3,), np.float64), rand((3,), np.float64)], {}, md)
add("multiDot", "float64 three, (AB)C cheaper", [rand((2, 10), np.float64), rand((10, 3), np.float64), rand((3, 20), np.float64)], {}, md)
add("multiDot", "float64 three, A(BC) cheaper", [rand((20, 3), np.float64), rand((3, 10), np.float64), rand((10, 2), np.float64)], {}, md)
add("multiDot", "float64 six, mixed dtypes", [rand((4, 2), np.float32), rand((2, 5), np.float64), rand((5, 5), np.complex64),
                                                rand((5, 1), np.float64), rand((1, 6), np.float64), rand((6, 3), np.float32)], {}, md)
add("multiDot", "float64 with an empty inner dimension", [rand((2, 3), np.float64), np.zeros((3, 0)), np.zeros((0, 4)), rand((4, 2), np.float64)], {}, md)

# -- outer, cross, vecdot -----------------------------------------------------------------------

for dt in DTYPES:
    t = tag(dt)
    add("outer", f"{t} (3) x (4)", [rand((3,), dt), rand((4,), dt)], {}, np.outer)
    add("cross", f"{t} (3) x (3)", [rand((3,), dt), rand((3,), dt)], {}, cross)
    add("cross", f"{t} broadcast (2,1,3) x (4,3)", [rand((2, 1, 3), dt), rand((4, 3), dt)], {}, cross)
    add("vecdot", f"{t} (5) . (5)", [rand((5,), dt), rand((5,), dt)], {}, vecdot)
    add("vecdot", f"{t} broadcast (2,1,5) . (4,5)", [rand((2, 1, 5), dt), rand((4, 5), dt)], {}, vecdot)
add("outer", "float64 empty (0) x (3)", [np.zeros((0,)), rand((3,), np.float64)], {}, np.outer)
add("outer", "mixed float32 x complex128", [rand((2,), np.float32), rand((3,), np.complex128)], {}, np.outer)
add("cross", "float64 axis 0 (3,4) x (3,4)", [rand((3, 4), np.float64), rand((3, 4), np.float64)], {"axis": 0},
    lambda a, b: cross(a, b, axis=0))
add("cross", "complex128 axis 1 (2,3,4) x (2,3,4)", [rand((2, 3, 4), np.complex128), rand((2, 3, 4), np.complex128)], {"axis": 1},
    lambda a, b: cross(a, b, axis=1))
add("cross", "float64 axis -2 (5,3,2) x (3,2)", [rand((5, 3, 2), np.float64), rand((3, 2), np.float64)], {"axis": -2},
    lambda a, b: cross(a, b, axis=-2))
add("cross", "mixed float32 x float64", [rand((3,), np.float32), rand((3,), np.float64)], {}, cross)
add("cross", "float64 empty stack (0,3) x (3)", [np.zeros((0, 3)), rand((3,), np.float64)], {}, cross)
add("vecdot", "float64 axis 0 (5,3) . (5,3)", [rand((5, 3), np.float64), rand((5, 3), np.float64)], {"axis": 0},
    lambda a, b: vecdot(a, b, axis=0))
add("vecdot", "complex128 axis 1 (2,4,3) . (2,4,3)", [rand((2, 4, 3), np.complex128), rand((2, 4, 3), np.complex128)], {"axis": 1},
    lambda a, b: vecdot(a, b, axis=1))
add("vecdot", "mixed float64 . complex64 (conjugates the first)", [rand((4,), np.float64), rand((4,), np.complex64)], {}, vecdot)
add("vecdot", "mixed complex64 . float32 (conjugates the first)", [rand((4,), np.complex64), rand((4,), np.float32)], {}, vecdot)
add("vecdot", "float64 n=0 is 0", [np.zeros((2, 0)), np.zeros((0,))], {}, vecdot)

# -- trace, diagonal, matrix_transpose ------------------------------------------------------

for dt in DTYPES:
    t = tag(dt)
    a34 = rand((3, 4), dt)
    for k in [0, 1, -1, 3, -3, 5]:
        add("trace", f"{t} (3,4) offset {k}", [a34], {"offset": k}, lambda a, k=k: trace(a, k))
        add("diagonal", f"{t} (3,4) offset {k}", [a34], {"offset": k}, lambda a, k=k: diagonal(a, k))
    add("trace", f"{t} stack (2,3,3)", [rand((2, 3, 3), dt)], {}, trace)
    add("diagonal", f"{t} stack (2,3,4) offset 1", [rand((2, 3, 4), dt)], {"offset": 1}, lambda a: diagonal(a, 1))
    add("matrixTranspose", f"{t} stack (2,3,4)", [rand((2, 3, 4), dt)], {}, lambda a: np.swapaxes(a, -1, -2))
add("trace", "float64 0x0 is 0", [np.zeros((0, 0))], {}, trace)
add("trace", "float64 stack of 0x3", [np.zeros((2, 0, 3))], {}, trace)
add("trace", "float64 empty stack (0,3,3)", [np.zeros((0, 3, 3))], {}, trace)
add("diagonal", "float64 empty stack (0,3,3)", [np.zeros((0, 3, 3))], {}, diagonal)
add("matrixTranspose", "float64 (3,2)", [rand((3, 2), np.float64)], {}, lambda a: np.swapaxes(a, -1, -2))

# -- matrix_power, tensorsolve, tensorinv -----------------------------------------------------

for dt in DTYPES:
    t = tag(dt)
    a = square(3, dt)
    for n in [0, 1, 2, 3, 5, 13, -1, -3]:
        add("matrixPower", f"{t} 3x3 ** {n}", [a], {"n": n}, lambda x, n=n: np.linalg.matrix_power(x, n), tol=100)
    add("matrixPower", f"{t} stack (2,3,3) ** 4", [square(3, dt, (2,))], {"n": 4}, lambda x: np.linalg.matrix_power(x, 4), tol=100)
    add("matrixPower", f"{t} stack (2,1,3,3) ** -2", [square(3, dt, (2, 1))], {"n": -2}, lambda x: np.linalg.matrix_power(x, -2), tol=100)
add("matrixPower", "float64 0x0 ** 3", [np.zeros((0, 0))], {"n": 3}, lambda x: np.linalg.matrix_power(x, 3))
add("matrixPower", "float64 0x0 ** 0", [np.zeros((0, 0))], {"n": 0}, lambda x: np.linalg.matrix_power(x, 0))
add("matrixPower", "float64 empty stack (0,2,2) ** 0", [np.zeros((0, 2, 2))], {"n": 0}, lambda x: np.linalg.matrix_power(x, 0))
add("matrixPower", "float64 2x2 ** 1000 (rotation)", [np.array([[np.cos(0.1), -np.sin(0.1)], [np.sin(0.1), np.cos(0.1)]])],
    {"n": 1000}, lambda x: np.linalg.matrix_power(x, 1000), tol=1000)

for dt in DTYPES:
    t = tag(dt)
    a = square(6, dt).reshape(2, 3, 6)
    add("tensorsolve", f"{t} a (2,3,6), b (2,3)", [a, rand((2, 3), dt)], {}, np.linalg.tensorsolve, tol=100)
    a = square(6, dt).reshape(3, 2, 2, 3)
    add("tensorsolve", f"{t} a (3,2,2,3), b (3,2)", [a, rand((3, 2), dt)], {}, np.linalg.tensorsolve, tol=100)
    a = square(6, dt).reshape(6, 2, 3)
    add("tensorsolve", f"{t} a (6,2,3) axes [0], b (2,3)", [a, rand((2, 3), dt)], {"axes": [0]},
        lambda a, b: np.linalg.tensorsolve(a, b, axes=(0,)), tol=100)
    a = square(6, dt).reshape(2, 3, 3, 2)
    add("tensorinv", f"{t} (2,3,3,2) ind 2", [a], {}, np.linalg.tensorinv, tol=100)
    a = square(6, dt).reshape(6, 2, 3)
    add("tensorinv", f"{t} (6,2,3) ind 1", [a], {"ind": 1}, lambda a: np.linalg.tensorinv(a, ind=1), tol=100)
add("tensorsolve", "float64 a (2,6,3,4) axes [1,0], b (3,4)", [square(12, np.float64).reshape(2, 6, 3, 4), rand((3, 4), np.float64)],
    {"axes": [1, 0]}, lambda a, b: np.linalg.tensorsolve(a, b, axes=(1, 0)), tol=100)

# -- norms --------------------------------------------------------------------------------------

VECTOR_ORDS = [None, 2, np.inf, -np.inf, 0, 1, -1, 3, 0.5, -2, -0.5]
MATRIX_ORDS = [None, "fro", "nuc", np.inf, -np.inf, 1, -1, 2, -2]


def ordopt(o):
    return {} if o is None else {"ord": finite(float(o)) if not isinstance(o, str) else o}


for dt in DTYPES:
    t = tag(dt)
    v = rand((5,), dt)
    v[2] = 0
    for o in VECTOR_ORDS:
        add("norm", f"{t} vector ord {o}", [v], ordopt(o), lambda x, o=o: np.linalg.norm(x, o))
    m = rand((3, 4), dt)
    for o in MATRIX_ORDS:
        add("norm", f"{t} matrix ord {o}", [m], ordopt(o), lambda x, o=o: np.linalg.norm(x, o))
    s = rand((2, 3, 4), dt)
    for o in VECTOR_ORDS:
        add("norm", f"{t} (2,3,4) axis 1 ord {o}", [s], {**ordopt(o), "axis": 1}, lambda x, o=o: np.linalg.norm(x, o, axis=1))
    for o in MATRIX_ORDS:
        add("norm", f"{t} (2,3,4) axis [2,0] ord {o}", [s], {**ordopt(o), "axis": [2, 0]},
            lambda x, o=o: np.linalg.norm(x, o, axis=(2, 0)))
        add("matrixNorm", f"{t} stack (2,3,4) ord {o}", [s], ordopt(o),
            lambda x, o=o: matrix_norm(x, "fro" if o is None else o))
    add("norm", f"{t} (2,3,4) ord None (all elements)", [s], {}, lambda x: np.linalg.norm(x))
    add("norm", f"{t} (2,3,4) keepdims", [s], {"keepdims": True}, lambda x: np.linalg.norm(x, keepdims=True))
    add("norm", f"{t} (2,3,4) axis -1 keepdims ord 1", [s], {"axis": -1, "keepdims": True, "ord": 1},
        lambda x: np.linalg.norm(x, 1, axis=-1, keepdims=True))
    add("norm", f"{t} (2,3,4) axis [0,-1] keepdims ord nuc", [s], {"axis": [0, -1], "keepdims": True, "ord": "nuc"},
        lambda x: np.linalg.norm(x, "nuc", axis=(0, -1), keepdims=True))
    add("matrixNorm", f"{t} stack keepdims ord 2", [s], {"keepdims": True, "ord": 2},
        lambda x: matrix_norm(x, 2, keepdims=True))
    for o in [None, np.inf, 0, 1, 3, -1]:
        add("vectorNorm", f"{t} (2,3,4) all, ord {o}", [s], ordopt(o), lambda x, o=o: vector_norm(x, ord=2 if o is None else o))
        add("vectorNorm", f"{t} (2,3,4) axis [0,2], ord {o}", [s], {**ordopt(o), "axis": [0, 2]},
            lambda x, o=o: vector_norm(x, axis=(0, 2), ord=2 if o is None else o))
    add("vectorNorm", f"{t} (2,3,4) axis 1 keepdims", [s], {"axis": 1, "keepdims": True}, lambda x: vector_norm(x, axis=1, keepdims=True))
    add("vectorNorm", f"{t} (2,3,4) axis [2,0] keepdims", [s], {"axis": [2, 0], "keepdims": True},
        lambda x: vector_norm(x, axis=(2, 0), keepdims=True))
    add("vectorNorm", f"{t} (2,3,4) all keepdims", [s], {"keepdims": True}, lambda x: vector_norm(x, keepdims=True))

for o in [None, 1, -1, 0, 3, -0.5]:
    add("norm", f"float64 empty vector ord {o}", [np.zeros((0,))], ordopt(o), lambda x, o=o: np.linalg.norm(x, o))
for o in [None, "fro", "nuc", 1, -1]:
    add("norm", f"float64 empty (0,3) ord {o}", [np.zeros((0, 3))], ordopt(o), lambda x, o=o: np.linalg.norm(x, o))
for o in [None, "fro", "nuc", np.inf, -np.inf]:
    add("norm", f"float64 empty (3,0) ord {o}", [np.zeros((3, 0))], ordopt(o), lambda x, o=o: np.linalg.norm(x, o))
add("norm", "float64 stack of 0x0 fro", [np.zeros((2, 0, 0))], {"axis": [1, 2]}, lambda x: np.linalg.norm(x, axis=(1, 2)))
add("norm", "float64 empty stack (0,2,2) ord 2", [np.zeros((0, 2, 2))], {"axis": [1, 2], "ord": 2}, lambda x: np.linalg.norm(x, 2, axis=(1, 2)))
add("norm", "float64 empty stack (0,3) axis 1 ord inf", [np.zeros((0, 3))], {"axis": 1, "ord": "Infinity"},
    lambda x: np.linalg.norm(x, np.inf, axis=1))
add("norm", "float64 0-d", [np.array(-3.0)], {}, lambda x: np.linalg.norm(x))
add("vectorNorm", "float64 0-d ord 1", [np.array(-3.0)], {"ord": 1}, lambda x: vector_norm(x, ord=1))
add("norm", "float64 NaN vector", [np.array([1.0, np.nan, 2])], {}, lambda x: np.linalg.norm(x))
add("norm", "float64 NaN and Infinity vector ord inf", [np.array([1.0, np.nan, np.inf])], {"ord": "Infinity"},
    lambda x: np.linalg.norm(x, np.inf))
add("norm", "float64 Infinity vector", [np.array([1.0, -np.inf, 2])], {}, lambda x: np.linalg.norm(x))
add("norm", "float64 Infinity vector ord 3", [np.array([1.0, -np.inf, 2])], {"ord": 3}, lambda x: np.linalg.norm(x, 3))
add("norm", "float64 Infinity vector ord -3", [np.array([1.0, -np.inf, 2])], {"ord": -3}, lambda x: np.linalg.norm(x, -3))
add("norm", "float64 Infinity matrix ord 2 is NaN", [np.array([[1.0, np.inf], [0, 1]])], {"ord": 2}, lambda x: np.linalg.norm(x, 2))
add("norm", "complex128 Infinity matrix ord nuc is NaN", [np.array([[1.0, complex(0, np.inf)], [0, 1]])], {"ord": "nuc"}, lambda x: np.linalg.norm(x, "nuc"))
add("norm", "complex128 NaN+Infinity j entry ord 2 is NaN", [np.array([[1.0, complex(np.nan, np.inf)], [0, 1]])], {"ord": 2}, lambda x: np.linalg.norm(x, 2))
add("norm", "float64 rank-deficient ord -2 is 0", [np.array([[1.0, 2], [2, 4]])], {"ord": -2}, lambda x: np.linalg.norm(x, -2), tol=1e4)
add("norm", "float64 integer-valued ord f", [np.array([[1.0, 2], [3, 4]])], {"ord": "f"}, lambda x: np.linalg.norm(x, "fro"))

out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "products.json")
with open(out, "w") as f:
    json.dump({"numpy": np.__version__, "arrays": arrays, "cases": cases}, f, separators=(",", ":"), allow_nan=False)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(out)} (numpy {np.__version__})")
