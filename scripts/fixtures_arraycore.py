#!/usr/bin/env python3
"""Writes test/fixtures/arraycore.json: numpy's answers for the array core (elementwise
functions over every dtype pair with broadcasting, unary functions with special values,
reductions, and reductions into `out`). Run with numpy 2: python3 scripts/fixtures_arraycore.py
(python3 -m pip install 'numpy>=2' where Debian's is 1.24; numpy 1.24 differs in the last bits of
some complex64 products and in 0 ** z for complex z, which numpy 2 makes 0 when Re(z) > 0).

Only array-with-array cases are stored here; the weak-scalar (NEP 50) cases are in
test/fixtures/nep50.json (scripts/fixtures_nep50.py). Encoding: complex as [re, im], non-finite
floats as the strings "nan", "inf", "-inf". numpy's int8 result of bool ** bool is stored as
int32 (dlapack has no int8), its int64 sums and products of int32 and bool as float64 (dlapack's
choice: no int64, and no int32 wraparound), its float16 results of sqrt, exp, log, sin and cos of
bool as float64 (dlapack has no float16).
"""
import json
import os
import warnings
import numpy as np

assert int(np.__version__.split(".")[0]) >= 2, "run with numpy >= 2 (numpy 2's rules)"
warnings.simplefilter("ignore")
DTYPES = ["bool", "int32", "float32", "float64", "complex64", "complex128"]


def f(v):
    v = float(v)
    if np.isnan(v):
        return "nan"
    if np.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def enc(x):
    x = np.asarray(x)
    if x.dtype == np.bool_:
        return x.tolist()
    if np.iscomplexobj(x):
        return _cplx(x)
    if x.dtype.kind in "iu":
        return x.tolist()
    return np.vectorize(f, otypes=[object])(x).tolist() if x.ndim else f(x)


def _cplx(x):
    if x.ndim == 0:
        return [f(x.real), f(x.imag)]
    return [_cplx(y) for y in x]


def name(dt):
    n = np.dtype(dt).name
    return {"int8": "int32", "int64": "int32"}.get(n, n)


def base(dtype, shape, seed, positive=False):
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    if dtype == "bool":
        v = rng.integers(0, 2, n).astype(bool)
    elif dtype == "int32":
        v = rng.integers(1 if positive else -5, 6, n).astype(np.int32)
    elif dtype.startswith("float"):
        v = rng.uniform(0.25 if positive else -3, 3, n).round(3).astype(dtype)
    else:
        v = (rng.uniform(0.25 if positive else -3, 3, n) + 1j * rng.uniform(-2, 2, n)).round(3)
        v = v.astype(dtype)
    return v.reshape(shape)


BINARY = {
    "add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.divide,
    "power": np.power, "maximum": np.maximum, "minimum": np.minimum, "equal": np.equal,
    "notEqual": np.not_equal, "less": np.less, "lessEqual": np.less_equal,
    "greater": np.greater, "greaterEqual": np.greater_equal,
}
SHAPES = [((3, 1), (4,)), ((2, 1, 3), (5, 1)), ((2, 3), ()), ((0, 3), (3,))]

binary = []
for op, fn in BINARY.items():
    for i, da in enumerate(DTYPES):
        for j, db in enumerate(DTYPES):
            for k, (sa, sb) in enumerate(SHAPES):
                if k >= 2 and da != db:
                    continue  # 0-d and empty: same dtype only
                if k == 1 and (i + j) % 2:
                    continue
                a = base(da, sa, 10 * i + k)
                b = base(db, sb, 100 + 10 * j + k, positive=(op == "power"))
                if op in ("less", "lessEqual", "greater", "greaterEqual", "maximum",
                          "minimum") and (da.startswith("complex") or db.startswith("complex")):
                    pass
                case = {"op": op, "a": enc(a), "adtype": da, "ashape": list(sa), "b": enc(b),
                        "bdtype": db, "bshape": list(sb)}
                try:
                    r = fn(a, b)
                    case.update({"dtype": name(r.dtype), "shape": list(r.shape), "r": enc(r)})
                except TypeError as e:
                    case["error"] = "TypeError"
                binary.append(case)

SPECIAL = [0.0, -0.0, 1.5, -2.25, 4.0, np.inf, -np.inf, np.nan]
UNARY = {"negative": np.negative, "abs": np.abs, "sqrt": np.sqrt, "exp": np.exp, "log": np.log,
         "sin": np.sin, "cos": np.cos, "conj": np.conj, "isfinite": np.isfinite,
         "isnan": np.isnan}
unary = []
for op, fn in UNARY.items():
    for dt in DTYPES:
        if dt == "bool":
            a = np.array([[True, False], [False, True]])
        elif dt == "int32":
            a = np.array([[0, -3], [7, 2]], dtype=np.int32)
        elif dt.startswith("float"):
            a = np.array(SPECIAL, dtype=dt).reshape(2, 4)
        else:
            re = np.array(SPECIAL[:6] + [1.0, 0.5])
            im = np.array([0.5, -1.0, 2.0, 0.0, -0.0, 1.0, np.inf, np.nan])
            a = (re + 1j * im).astype(dt).reshape(2, 4)
        if op in ("sin", "cos") and dt.startswith("complex"):
            a = np.where(np.isfinite(a), a, 0.5 - 0.25j).astype(dt)  # C99 corner cases aside
        case = {"op": op, "a": enc(a), "adtype": dt, "ashape": list(a.shape)}
        try:
            # numpy gives float16 for these of bool: dlapack has no float16, it gives float64.
            x = a.astype(np.float64) if dt == "bool" and op in ("sqrt", "exp", "log", "sin",
                                                                 "cos") else a
            r = fn(x)
            case.update({"dtype": name(r.dtype), "r": enc(r)})
        except TypeError:
            case["error"] = "TypeError"
        unary.append(case)

REDUCE = {"sum": np.sum, "mean": np.mean, "prod": np.prod, "min": np.min, "max": np.max,
          "all": np.all, "any": np.any}
AXES = [None, 0, 1, -1, [0, 2]]
reductions = []
for op, fn in REDUCE.items():
    for i, dt in enumerate(DTYPES):
        a = base(dt, (2, 3, 4), 500 + i)
        if dt in ("int32",):
            a = (a % 3 + 1).astype(np.int32) if op == "prod" else a
        for ax in AXES:
            for keep in (False, True):
                r = fn(a, axis=tuple(ax) if isinstance(ax, list) else ax, keepdims=keep)
                r = np.asarray(r)
                rdt = "float64" if r.dtype == np.int64 else name(r.dtype)
                reductions.append({"op": op, "a": enc(a), "adtype": dt, "ashape": [2, 3, 4],
                                   "axis": ax, "keepdims": keep, "dtype": rdt,
                                   "shape": list(r.shape), "r": enc(r)})
for op, fn in {"argmin": np.argmin, "argmax": np.argmax}.items():
    for i, dt in enumerate(DTYPES):
        a = base(dt, (2, 3, 4), 600 + i)
        for ax in [None, 0, 1, -1]:
            r = np.asarray(fn(a, axis=ax))
            reductions.append({"op": op, "a": enc(a), "adtype": dt, "ashape": [2, 3, 4],
                               "axis": ax, "keepdims": False, "dtype": "int32",
                               "shape": list(r.shape), "r": enc(r)})
# Reductions into `out` of every dtype: numpy's answer where the input casts to out's dtype within
# its kind (numpy then accumulates in out's dtype, as dlapack does), "TypeError" where it does not
# (numpy casts unsafely there; dlapack refuses, as its elementwise out does). all/any give bool,
# which casts to every dtype; argmin/argmax write int32 indices only.
REDUCE_OUT = dict(REDUCE, argmin=np.argmin, argmax=np.argmax)
reduce_out = []
for op, fn in REDUCE_OUT.items():
    for i, dt in enumerate(DTYPES):
        a = base(dt, (2, 3, 4), 700 + i)
        if op == "prod" and dt == "int32":
            a = (a % 3 + 1).astype(np.int32)
        for odt in DTYPES:
            for ax, keep in ((1, False), ([0, 2], True)):
                if op.startswith("arg"):
                    if keep:
                        continue
                    ok = odt == "int32"
                elif op in ("all", "any"):
                    ok = True
                else:
                    ok = np.can_cast(dt, odt, "same_kind")
                axis = tuple(ax) if isinstance(ax, list) else ax
                shape = list(np.asarray(fn(a, axis=axis, keepdims=keep)).shape)
                case = {"op": op, "a": enc(a), "adtype": dt, "ashape": [2, 3, 4], "axis": ax,
                        "keepdims": keep, "odtype": odt, "shape": shape}
                if ok:
                    o = np.zeros(shape, dtype=odt)
                    if op.startswith("arg"):
                        fn(a, axis=axis, out=o)
                    else:
                        fn(a, axis=axis, keepdims=keep, out=o)
                    case["r"] = enc(o)
                else:
                    case["error"] = "TypeError"
                reduce_out.append(case)

# A long contiguous float64 sum: numpy's pairwise summation in buffers of 8192.
long = ((np.arange(100000) * 7919) % 1000) / 7.0  # the same bits in JS
long_sum = {"n": 100000, "sum": float(long.sum()), "sumAxis1": enc(long.reshape(100, 1000).sum(axis=1))}


# Basic indexing: dlapack's index items (integers, "start:stop:step" strings, None, "...")
# and numpy's answer for a[items].
def pyitem(it):
    if it is None or isinstance(it, int):
        return it
    if it == "...":
        return Ellipsis
    parts = [int(x) if x.strip() else None for x in it.split(":")]
    return slice(*parts)


A = np.arange(24).reshape(2, 3, 4)
INDICES = [[1], [-1], [0, 1], [":", 2], ["1:3"], [":", "1:3"], [":", "::-1"], ["::-1", "::-2"],
           [":", "-2:"], [":", ":", "-3:-1"], [None], [":", None, 1], ["...", 0], [0, "..."],
           ["...", None], [1, "...", "::-1"], [":", "5:"], [":", "2:0"], [":", "2:0:-1"],
           ["-5:5"], [":", ":", "::3"], [0, -1, -1], [":", "::-1", "1::2"]]
indexing = [{"index": ix, "shape": list(A[tuple(pyitem(i) for i in ix)].shape),
             "r": A[tuple(pyitem(i) for i in ix)].tolist()} for ix in INDICES]

building = {
    "concatenate": np.concatenate([A, A[:, :1]], axis=1).tolist(),
    "stack2": np.stack([A[0], A[1]], axis=2).tolist(),
    "vstack": np.vstack([np.arange(3), np.arange(3, 6)]).tolist(),
    "hstack": np.hstack([A[0], A[1]]).tolist(),
    "linspace": np.linspace(-1, 2, 7).tolist(),
    "linspaceOpen": np.linspace(0, 1, 3, endpoint=False).tolist(),
    "arange": np.arange(0.5, 3, 0.7).tolist(),
    "diagK": np.diag(np.arange(1, 4), k=-1).tolist(),
    "diagOf": np.diag(np.arange(12).reshape(3, 4), k=1).tolist(),
    "tril": np.tril(A, k=1).tolist(),
    "triu": np.triu(A, k=-1).tolist(),
    "moveaxis": list(np.moveaxis(A, [0, 2], [2, 0]).shape),
    "moveaxisValues": np.moveaxis(A, [0, 2], [2, 0]).tolist(),
}
out = {"numpy": np.__version__, "indexing": indexing, "building": building, "binary": binary, "unary": unary, "reductions": reductions,
       "reduceOut": reduce_out,
       "longSum": long_sum}
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "arraycore.json")
with open(path, "w") as fh:
    json.dump(out, fh, separators=(",", ":"))
print(path, len(binary), len(unary), len(reductions), len(reduce_out))
