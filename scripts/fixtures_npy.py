#!/usr/bin/python3
"""Writes test/fixtures/npy/*.npy, small .npy files made by numpy, and
test/fixtures/npy/index.json describing each one. Run with Debian's numpy:
/usr/bin/python3 scripts/fixtures_npy.py

Valid files ("ok": true) carry the values numpy reads from them, int32 and bool as they are and
converted to float64 for the other integer dtypes and float16 (what dlapack's loadNpy returns),
as nested lists with
complex numbers as [re, im] pairs and non-finite numbers as the strings "nan", "inf", "-inf".
"canonical": true marks the files np.save wrote for a C-order little-endian float32, float64,
complex64, complex128, int32 or bool array: saveNpy must write exactly the same bytes.

Malformed or unsupported files ("ok": false) carry "error", a fragment of the TypeError message
loadNpy must give, and "numpy_rejects" when numpy's own reader refuses the file too (checked
here).
"""
import io
import json
import math
import os
import struct

import numpy as np

rng = np.random.default_rng(20261125)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "npy")
os.makedirs(OUT, exist_ok=True)
for f in os.listdir(OUT):
    if f.endswith(".npy") or f == "index.json":
        os.remove(os.path.join(OUT, f))

index = []


def num(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def enc(a):
    """numpy's values as loadNpy returns them: nested lists, complex as [re, im]."""
    if np.iscomplexobj(a):
        a = a.astype(np.complex128)
        v = np.stack([a.real, a.imag], axis=-1)
    elif a.dtype in (np.float32, np.float64):
        v = a.astype(np.float64)
    elif a.dtype in (np.int32, np.bool_):
        return a.astype(a.dtype.newbyteorder("=")).tolist()  # int32 and bool stay as they are
    else:
        v = a.astype(np.float64)  # ints, bools, float16: as array() and loadNpy convert them
    def walk(x):
        if isinstance(x, list):
            return [walk(y) for y in x]
        return num(x)
    return walk(v.tolist())


def result_dtype(a):
    return {"f4": "float32", "f8": "float64", "c8": "complex64", "c16": "complex128",
            "i4": "int32", "b1": "bool"}.get(a.dtype.kind + str(a.dtype.itemsize), "float64")


def save(name, a, version=None, note=""):
    """np.save (or write_array with an explicit version); records numpy's reading of it."""
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        if version is None:
            np.save(f, a)
        else:
            np.lib.format.write_array(f, a, version=version)
    back = np.load(path)
    assert back.dtype == a.dtype and back.shape == a.shape
    canonical = (version is None and a.dtype.str in ("<f4", "<f8", "<c8", "<c16", "<i4", "|b1")
                 and (a.flags.c_contiguous or not a.flags.f_contiguous))
    index.append({"file": name, "ok": True, "descr": a.dtype.str, "dtype": result_dtype(a),
                  "shape": list(a.shape), "fortran": bool(a.flags.f_contiguous and not a.flags.c_contiguous),
                  "canonical": bool(canonical), "values": enc(back), "note": note})


def raw(name, header, data, version=(1, 0), pad=True, error=None, values_of=None, note=""):
    """A hand-made file: magic, version, header length, the header text (padded like numpy
    unless pad=False), then data. error=None means it is valid and numpy reads values_of."""
    enc_ = "utf8" if version == (3, 0) else "latin1"
    h = header.encode(enc_)
    pre = 8 + (2 if version == (1, 0) else 4)
    if pad:
        h = h + b" " * (63 - (pre + len(h)) % 64) + b"\n"
    fmt = "<H" if version == (1, 0) else "<I"
    blob = b"\x93NUMPY" + bytes(version) + struct.pack(fmt, len(h)) + h + data
    write_raw(name, blob, error, values_of, note)


def write_raw(name, blob, error=None, values_of=None, note=""):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(blob)
    try:
        back = np.load(path, allow_pickle=False)
        numpy_ok = True
    except Exception:
        numpy_ok = False
    if error is None:
        assert numpy_ok, name
        a = values_of if values_of is not None else back
        assert back.shape == a.shape and np.array_equal(back, a, equal_nan=True), name
        index.append({"file": name, "ok": True, "descr": back.dtype.str, "dtype": result_dtype(back),
                      "shape": list(back.shape), "fortran": bool(back.flags.f_contiguous and not back.flags.c_contiguous),
                      "canonical": False, "values": enc(back), "note": note})
    else:
        index.append({"file": name, "ok": False, "error": error, "numpy_rejects": not numpy_ok,
                      "note": note})


# --- the four dtypes, C and Fortran order, both byte orders ------------------------------
f8 = rng.standard_normal((2, 3))
f8[0, 0], f8[0, 1], f8[0, 2] = np.nan, np.inf, -np.inf
f8[1, 0], f8[1, 1] = -0.0, 5e-324
save("f8_c.npy", f8, note="float64 with nan, +-inf, -0, the smallest subnormal")
save("f4_c.npy", rng.standard_normal((3, 4)).astype(np.float32))
save("c8_c.npy", (rng.standard_normal((2, 2)) + 1j * rng.standard_normal((2, 2))).astype(np.complex64))
c16 = rng.standard_normal((3, 2)) + 1j * rng.standard_normal((3, 2))
c16[2, 1] = complex(np.nan, -np.inf)
save("c16_c.npy", c16)
save("f8_f.npy", np.asfortranarray(rng.standard_normal((3, 4))), note="fortran_order True")
save("c16_f.npy", np.asfortranarray(rng.standard_normal((2, 3)) + 1j * rng.standard_normal((2, 3))))
save("f4_f3d.npy", np.asfortranarray(rng.standard_normal((2, 3, 4)).astype(np.float32)))
save("c8_f.npy", np.asfortranarray((rng.standard_normal((3, 2)) + 1j).astype(np.complex64)))
save("f8_be.npy", rng.standard_normal((2, 3)).astype(">f8"))
save("f4_be.npy", rng.standard_normal((4,)).astype(">f4"))
save("c8_be.npy", (rng.standard_normal((2, 2)) - 2j).astype(">c8"))
save("c16_be.npy", (rng.standard_normal(3) + 1j * rng.standard_normal(3)).astype(">c16"))
save("f8_be_f.npy", np.asfortranarray(rng.standard_normal((3, 2)).astype(">f8")))
save("c16_be_f.npy", np.asfortranarray((rng.standard_normal((2, 3)) + 3j).astype(">c16")))

# --- shapes --------------------------------------------------------------------------------
save("f8_0d.npy", np.array(3.5))
save("c16_0d.npy", np.array(1 - 2j))
save("f4_0d.npy", np.array(-0.25, dtype=np.float32))
save("f8_1d.npy", rng.standard_normal(5))
save("f8_empty.npy", np.zeros((0, 3)))
save("f4_empty1d.npy", np.zeros(0, dtype=np.float32))
save("c16_empty3d.npy", np.zeros((2, 0, 4), dtype=np.complex128))
save("f8_4d.npy", rng.standard_normal((2, 1, 3, 2)))
save("f8_long.npy", np.arange(1000, dtype=np.float64).reshape(10, 100) / 7,
     note="data longer than the header")

# --- header versions -----------------------------------------------------------------------
save("f8_v2.npy", rng.standard_normal((3, 2)), version=(2, 0))
save("c8_v2_f.npy", np.asfortranarray((rng.standard_normal((2, 3)) + 1j).astype(np.complex64)), version=(2, 0))
save("f8_v3.npy", rng.standard_normal((2, 2)), version=(3, 0))

# --- other dtypes, read as float64 -----------------------------------------------------------
save("i4.npy", np.array([[1, -2, 3], [2147483647, -2147483648, 0]], dtype=np.int32))
save("i8.npy", np.array([0, -1, 2**53 + 1, 2**63 - 1, -2**63, 123456789012], dtype=np.int64),
     note="int64 beyond 2**53 rounds as numpy's astype(float64)")
save("i8_be.npy", np.array([[-5, 2**40 + 3], [7, -2**62]], dtype=">i8"))
save("i4_be.npy", np.array([-1, 1, 65536, -65536], dtype=">i4"))
save("i2.npy", np.array([-32768, 32767, 1], dtype=np.int16))
save("i1.npy", np.array([-128, 127, 0, -1], dtype=np.int8))
save("u1.npy", np.array([[0, 255], [128, 1]], dtype=np.uint8))
save("u2_be.npy", np.array([65535, 256], dtype=">u2"))
save("u4.npy", np.array([4294967295, 0, 7], dtype=np.uint32))
save("u8.npy", np.array([0, 2**64 - 1, 2**53 + 3, 2**32], dtype=np.uint64))
save("b1.npy", np.array([[True, False], [False, True]]))
save("f2.npy", np.array([1.5, -0.0, 65504, 6e-8, np.inf, -np.inf, np.nan, 0.1], dtype=np.float16),
     note="float16 with subnormal, max, infinities, nan")
save("f2_be_f.npy", np.asfortranarray(np.array([[1, 2, 3], [4, 5, 6]], dtype=">f2")))
save("i8_f.npy", np.asfortranarray(np.arange(6, dtype=np.int64).reshape(2, 3)))

# --- hand-made headers numpy also reads -------------------------------------------------------
d6 = np.arange(6, dtype="<f8")
raw("hdr_key_order.npy", "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f8'}",
    d6.tobytes(), note="keys in another order, no trailing comma")
raw("hdr_double_quotes.npy", '{"descr": "<f8", "fortran_order": False, "shape": (6,)}',
    d6.tobytes())
raw("hdr_whitespace.npy", "{ 'descr' :'<f8' ,\n 'fortran_order':True,'shape':( 3 , 2 , ) , }",
    d6.tobytes(), values_of=d6.reshape(2, 3).T, note="odd whitespace, newline inside")
raw("hdr_no_pad.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (6,)}", d6.tobytes(),
    pad=False, note="no padding and no final newline")
raw("hdr_py2_long.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }",
    d6.tobytes(), note="Python 2 long integers")
raw("hdr_native.npy", "{'descr': '=f4', 'fortran_order': False, 'shape': (2,), }",
    np.array([1.5, -2], dtype="<f4").tobytes(), note="'=' byte order")
raw("hdr_pipe.npy", "{'descr': '|f8', 'fortran_order': False, 'shape': (1,), }",
    np.array([2.5]).tobytes(), note="'|' byte order")
raw("hdr_name.npy", "{'descr': 'complex128', 'fortran_order': False, 'shape': (1,), }",
    np.array([1 + 2j]).tobytes(), note="a dtype name, not a type string")
raw("bad_v3_utf8.npy", "{'descr': '<f8\u00e9', 'fortran_order': False, 'shape': (2,), }",
    np.array([1.0, 2.0]).tobytes(), version=(3, 0), error="'<f8\u00e9'",
    note="version 3.0 headers are utf8: the message shows the descr decoded")

# --- malformed files ----------------------------------------------------------------------------
good = io.BytesIO()
np.save(good, np.arange(6, dtype=np.float64).reshape(2, 3))
good = good.getvalue()
write_raw("bad_empty.npy", b"", error="too short")
write_raw("bad_magic.npy", b"\x93NUMPX" + good[6:], error="magic")
write_raw("bad_text.npy", b"1.0 2.0 3.0\n", error="magic")
write_raw("bad_zip.npy", b"PK\x03\x04" + bytes(60), error=".npz")
write_raw("bad_version4.npy", good[:6] + b"\x04\x00" + good[8:], error="version 4.0")
write_raw("bad_version11.npy", good[:6] + b"\x01\x01" + good[8:], error="version 1.1")
write_raw("bad_only_magic.npy", good[:8], error="too short")
write_raw("bad_header_len.npy", good[:8] + struct.pack("<H", 60000) + good[10:], error="past the end")
write_raw("bad_trunc_header.npy", good[:40], error="past the end")
write_raw("bad_trunc_data.npy", good[:-5], error="truncated")
write_raw("bad_extra_data.npy", good + b"\x00" * 8, error="extra bytes",
          note="numpy ignores what follows the data; loadNpy does not")
raw("bad_not_dict.npy", "('<f8', False, (2,))", bytes(16), error="not a dictionary")
raw("bad_missing_key.npy", "{'descr': '<f8', 'shape': (2,), }", bytes(16), error="keys")
raw("bad_extra_key.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}",
    bytes(16), error="keys")
raw("bad_fortran.npy", "{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }", bytes(16),
    error="fortran_order")
raw("bad_shape_list.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': [2], }",
    bytes(16), error="shape")
raw("bad_shape_int.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2), }",
    bytes(16), error="shape", note="(2) is an int, not a tuple")
raw("bad_shape_float.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2.0,), }",
    bytes(16), error="shape")
raw("bad_shape_negative.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 2), }",
    bytes(16), error="negative")
raw("bad_shape_huge.npy",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (100000000000000000000000000000,), }",
    bytes(16), error="too large")
raw("bad_shape_product.npy",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (67108864, 67108864), }",
    bytes(16), error="bytes of data", note="a size far beyond the data: must not allocate")
raw("bad_syntax.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), ", bytes(16),
    error="parse")
raw("bad_descr_int.npy", "{'descr': 3, 'fortran_order': False, 'shape': (2,), }", bytes(16),
    error="descr")
raw("bad_descr_i3.npy", "{'descr': '<i3', 'fortran_order': False, 'shape': (2,), }", bytes(6),
    error="descr")
raw("bad_nested.npy", "{'descr': " + "[" * 200 + "]" * 200 + ", 'fortran_order': False, 'shape': (2,), }",
    bytes(16), error="nest", note="deep nesting must not overflow the stack")


def unsupported(name, a, word, **kw):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        np.save(f, a, **kw)
    index.append({"file": name, "ok": False, "error": word,
                  "numpy_rejects": a.dtype.hasobject, "note": f"dtype {a.dtype.str}"})


unsupported("unsup_object.npy", np.array([1, "a", None], dtype=object), "object", allow_pickle=True)
unsupported("unsup_unicode.npy", np.array(["abc", "de"]), "string")
unsupported("unsup_bytes.npy", np.array([b"ab", b"c"]), "string")
unsupported("unsup_struct.npy", np.zeros(2, dtype=[("a", "<f8"), ("b", "<i4")]), "structured")
unsupported("unsup_datetime.npy", np.array(["2024-01-01"], dtype="datetime64[D]"), "datetime")
unsupported("unsup_longdouble.npy", np.zeros(2, dtype=np.longdouble), "float128")
unsupported("unsup_clongdouble.npy", np.zeros(2, dtype=np.clongdouble), "complex256")
unsupported("unsup_void.npy", np.zeros(2, dtype="V4"), "void")
raw("unsup_subarray.npy", "{'descr': ('<f8', (2,)), 'fortran_order': False, 'shape': (1,), }",
    bytes(16), error="subarray")

with open(os.path.join(OUT, "index.json"), "w") as f:
    json.dump(index, f, indent=1)
    f.write("\n")
print(f"wrote {len(index)} files to {os.path.normpath(OUT)}")
