#!/usr/bin/env python3
"""Writes test/fixtures/nep50.json: numpy 2's answers (NEP 50, weak scalars) for every binary
elementwise function and `where`, with every dtype and every kind of JS scalar on either side.
A JS boolean is a Python bool, an integer-valued number a Python int, another number a Python
float, { re, im } a Python complex. Needs numpy 2 (Debian 12's numpy 1.24 has the rule only as an
opt-in that np.where does not follow): python3 -m pip install 'numpy>=2', then
python3 scripts/fixtures_nep50.py. Encoding as in fixtures_arraycore.py; numpy's int64 results
(bool with a Python int) are stored as int32, dlapack's integer dtype.
"""
import json
import os
import warnings
import numpy as np

assert int(np.__version__.split(".")[0]) >= 2, "NEP 50 is numpy 2's rule: run with numpy >= 2"
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
    if x.dtype == np.bool_ or x.dtype.kind in "iu":
        return x.tolist()
    if np.iscomplexobj(x):
        return _cplx(x)
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
SCALARS = [True, 3, -2, 1.5, complex(0.5, -1.0)]


def enc_scalar(v):
    if isinstance(v, complex):
        return {"re": v.real, "im": v.imag}
    return v


weak = []
for op, fn in BINARY.items():
    for i, dt in enumerate(DTYPES):
        a = base(dt, (2, 3), 900 + i, positive=(op == "power"))
        for v in SCALARS:
            if op == "power" and v == -2:
                continue  # integers to negative integer powers: a ValueError in numpy
            for side in ("left", "right"):
                case = {"op": op, "a": enc(a), "adtype": dt, "ashape": [2, 3],
                        "scalar": enc_scalar(v), "side": side}
                try:
                    r = fn(a, v) if side == "right" else fn(v, a)
                    case.update({"dtype": name(r.dtype), "r": enc(r)})
                except TypeError:
                    case["error"] = "TypeError"
                weak.append(case)
cond = np.array([[True, False, True], [False, True, False]])
for i, dt in enumerate(DTYPES):
    a = base(dt, (2, 3), 950 + i)
    for v in SCALARS:
        r = np.where(cond, a, v)
        weak.append({"op": "where", "a": enc(a), "adtype": dt, "ashape": [2, 3],
                     "scalar": enc_scalar(v), "side": "right", "cond": cond.tolist(),
                     "dtype": name(r.dtype), "r": enc(r)})
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "nep50.json")
with open(path, "w") as fh:
    json.dump({"numpy": np.__version__, "weak": weak}, fh, separators=(",", ":"))
print(path, len(weak))
