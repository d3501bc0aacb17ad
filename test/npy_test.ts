// .npy interop: we read what numpy wrote (test/fixtures/npy, made by scripts/fixtures_npy.py),
// numpy reads what we write (when /usr/bin/python3 has numpy), round trips keep every bit, and
// no file, however malformed, does anything but load or throw a TypeError.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import process from "node:process";
import index from "./fixtures/npy/index.json" with { type: "json" };
import type { DType } from "../src/dtype.ts";
import { allocData, isComplex } from "../src/dtype.ts";
import { array, NDArray } from "../src/ndarray.ts";
import { loadNpy, readNpy, saveNpy, writeNpy } from "../src/npy.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

interface Entry {
  file: string;
  ok: boolean;
  descr?: string;
  dtype?: DType;
  shape?: number[];
  fortran?: boolean;
  canonical?: boolean;
  values?: Json;
  error?: string;
  numpy_rejects?: boolean;
  note?: string;
}

const ENTRIES = index as Entry[];
const DIR = fileURLToPath(new URL("./fixtures/npy/", import.meta.url));
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, name)));

/** numpy's values (complex as [re, im], non-finite as strings) as loadNpy's toArray() gives them. */
function expected(x: Json, complex: boolean, depth: number): Json {
  if (depth === 0) {
    const num = (
      v: Json,
    ) => (typeof v === "string" ? (v === "nan" ? NaN : v === "inf" ? Infinity : -Infinity) : v);
    return complex ? { re: num(x[0]), im: num(x[1]) } : num(x);
  }
  return x.map((y: Json) => expected(y, complex, depth - 1));
}

/** Deep equality where NaN equals NaN and -0 differs from 0 (bit-exact for our purposes). */
function assertSame(actual: Json, want: Json, where = "value"): void {
  if (typeof want === "number" || typeof want === "boolean") {
    assert.ok(Object.is(actual, want), `${where}: got ${actual}, want ${want}`);
  } else if (Array.isArray(want)) {
    assert.ok(Array.isArray(actual) && actual.length === want.length, `${where}: length`);
    for (let i = 0; i < want.length; i++) assertSame(actual[i], want[i], `${where}[${i}]`);
  } else {
    assertSame(actual.re, want.re, `${where}.re`);
    assertSame(actual.im, want.im, `${where}.im`);
  }
}

function fStrides(shape: readonly number[]): number[] {
  const s: number[] = [];
  let acc = 1;
  for (const d of shape) {
    s.push(acc);
    acc *= d || 1;
  }
  return s;
}

/** A hand-made .npy: magic, version, header length, header (padded like numpy), data. */
function npy(
  header: string,
  data: ArrayLike<number> = [],
  opts: { version?: number; pad?: boolean } = {},
): Uint8Array {
  const version = opts.version ?? 1;
  let h: number[] = version === 3
    ? [...new TextEncoder().encode(header)]
    : [...header].map((c) => c.charCodeAt(0));
  const pre = version === 1 ? 10 : 12;
  if (opts.pad !== false) {
    while ((pre + h.length + 1) % 64 !== 0) h.push(0x20);
    h = [...h, 0x0a];
  }
  const len = version === 1
    ? [h.length & 0xff, h.length >> 8]
    : [h.length & 0xff, (h.length >> 8) & 0xff, (h.length >> 16) & 0xff, h.length >>> 24];
  return new Uint8Array([
    0x93,
    0x4e,
    0x55,
    0x4d,
    0x50,
    0x59,
    version,
    0,
    ...len,
    ...h,
    ...Array.from(data),
  ]);
}

const f64Bytes = (xs: number[]): Uint8Array => new Uint8Array(new Float64Array(xs).buffer);
const hdr = (descr: string, shape: string, fortran = "False") =>
  `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;

function assertInvalid(bytes: Uint8Array, fragment: string | RegExp): void {
  assert.throws(() => loadNpy(bytes), (e: unknown) => {
    assert.ok(e instanceof TypeError, `expected a TypeError, got ${e}`);
    assert.match(e.message, /^(Invalid \.npy file: |Unsupported \.npy dtype )/);
    if (typeof fragment === "string") {
      assert.ok(e.message.includes(fragment), `"${e.message}" lacks "${fragment}"`);
    } else assert.match(e.message, fragment);
    return true;
  });
}

describe("loadNpy: what numpy wrote", () => {
  for (const e of ENTRIES.filter((e) => e.ok)) {
    test(`${e.file}${e.note ? ` (${e.note})` : ""}`, () => {
      const bytes = fixture(e.file);
      const copy = bytes.slice();
      const a = loadNpy(bytes);
      assert.ok(a instanceof NDArray);
      assert.equal(a.dtype, e.dtype);
      assert.deepEqual(a.shape, e.shape);
      if (e.fortran) assert.deepEqual(a.strides, fStrides(a.shape), "Fortran strides, no copy");
      const complex = isComplex(a.dtype);
      assertSame(a.toArray(), expected(e.values, complex, a.ndim));
      assert.deepEqual(bytes, copy, "the input is not modified");
      assert.notEqual(a.data.buffer, bytes.buffer, "the array owns its data");
      assertSame(readNpy(join(DIR, e.file)).toArray(), a.toArray());
    });
  }
});

describe("saveNpy: byte for byte what np.save writes", () => {
  const canonical = ENTRIES.filter((e) => e.canonical);
  test("there are canonical fixtures of every dtype", () => {
    assert.deepEqual(
      new Set(canonical.map((e) => e.descr)),
      new Set(["<f4", "<f8", "<c8", "<c16", "<i4", "|b1"]),
    );
  });
  for (const e of canonical) {
    test(e.file, () => {
      const bytes = fixture(e.file);
      assert.deepEqual(saveNpy(loadNpy(bytes)), bytes);
    });
  }
  test("a Fortran-order or big-endian file is rewritten C order little-endian, same values", () => {
    for (const name of ["f8_f.npy", "c16_be_f.npy", "f4_f3d.npy", "c8_be.npy"]) {
      const a = loadNpy(fixture(name));
      const b = loadNpy(saveNpy(a));
      assert.ok(b.isCContiguous);
      assertSame(b.toArray(), a.toArray(), name);
      const descr =
        { float32: "<f4", float64: "<f8", complex64: "<c8", complex128: "<c16" }[a.dtype as DType];
      assert.ok(
        new TextDecoder().decode(saveNpy(a).subarray(10, 64)).startsWith(
          `{'descr': '${descr}', 'fortran_order': False,`,
        ),
      );
    }
  });
});

describe("loadNpy: malformed and unsupported files from numpy's side", () => {
  for (const e of ENTRIES.filter((e) => !e.ok)) {
    test(`${e.file}: ${e.error}${e.numpy_rejects ? "" : " (numpy reads it)"}`, () => {
      assertInvalid(fixture(e.file), e.error!);
    });
  }
});

describe("round trips keep every bit", () => {
  test("int32 and bool", () => {
    const i = array([[1, -2], [2147483647, -2147483648]], { dtype: "int32" });
    const b = array([true, false, true] as unknown as number[], { dtype: "bool" });
    for (const a of [i, b, i.T]) {
      const r = loadNpy(saveNpy(a));
      assert.equal(r.dtype, a.dtype);
      assert.deepEqual(r.toArray(), a.toArray());
    }
  });
  const DTYPES: DType[] = ["float32", "float64", "complex64", "complex128"];
  const special = [NaN, -0, Infinity, -Infinity, 5e-324, 1.7976931348623157e308, -1.5, 1 / 3];
  for (const dtype of DTYPES) {
    for (const shape of [[], [0], [0, 3], [3, 0, 2], [4], [2, 3], [2, 1, 4], [1, 1, 1, 1, 2]]) {
      test(`${dtype} ${JSON.stringify(shape)}`, () => {
        const size = shape.reduce((p, d) => p * d, 1);
        const data = allocData(dtype, size);
        for (let i = 0; i < data.length; i++) {
          data[i] = i < special.length ? special[i] : Math.sin(i) * 10 ** (i % 7);
        }
        const a = new NDArray(data, dtype, shape);
        const b = loadNpy(saveNpy(a));
        assert.equal(b.dtype, dtype);
        assert.deepEqual(b.shape, shape);
        assert.deepEqual(
          new Uint8Array(b.data.buffer, b.data.byteOffset, b.data.byteLength),
          new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        );
      });
    }
  }
  test("views: transposed, strided, reversed, offset", () => {
    const base = array([[1, 2, 3], [4, 5, 6]]);
    const views = [
      base.T,
      new NDArray(base.data, "float64", [2, 2], [3, 2], 0),
      new NDArray(base.data, "float64", [3], [-1], 5),
      new NDArray(base.data, "float64", [2], [1], 3),
      new NDArray(base.data, "float64", [1, 2], [100, 1], 1),
    ];
    for (const v of views) {
      const b = loadNpy(saveNpy(v));
      assert.deepEqual(b.toArray(), v.toArray());
    }
    const z = array([[{ re: 1, im: 2 }, { re: 3, im: 4 }], [{ re: 5, im: 6 }, { re: 7, im: 8 }]], {
      dtype: "complex64",
    });
    assert.deepEqual(loadNpy(saveNpy(z.T)).toArray(), z.T.toArray());
  });
  test("nested arrays, typed arrays, booleans, scalars", () => {
    assert.deepEqual(loadNpy(saveNpy([[1, 2], [3, 4]])).toArray(), [[1, 2], [3, 4]]);
    assert.equal(loadNpy(saveNpy(new Float32Array([1, 2]))).dtype, "float32");
    assert.deepEqual(loadNpy(saveNpy(new Int16Array([-1, 7]))).toArray(), [-1, 7]);
    assert.deepEqual(loadNpy(saveNpy([true, false])).toArray(), [true, false]);
    const s = loadNpy(saveNpy(2.5));
    assert.deepEqual(s.shape, []);
    assert.equal(s.item(), 2.5);
    assert.throws(() => saveNpy([[1, 2], [3]]), TypeError);
    assert.throws(() => saveNpy("abc" as never), TypeError);
  });
  test("the header is padded to 64 bytes with room to grow the first axis", () => {
    // 20 dimensions whose strides stay safe integers (loadNpy refuses larger ones, size 0 or not).
    const long = Array.from({ length: 20 }, (_, k) => 2 + (k % 3));
    for (const shape of [[], [7], [1234567, 0], [1, 2, 3, 4, 5, 6, 7], long]) {
      const bytes = saveNpy(
        new NDArray(
          allocData("float64", 0),
          "float64",
          shape.length ? [...shape.slice(0, -1), 0] : [0],
        ),
      );
      const hl = bytes[8] | (bytes[9] << 8);
      assert.equal((10 + hl) % 64, 0);
      assert.equal(bytes[10 + hl - 1], 0x0a);
    }
  });
  test("file helpers", () => {
    const dir = mkdtempSync(join(tmpdir(), "dlapack-npy-"));
    try {
      const p = join(dir, "x.npy");
      writeNpy(p, array([[1, 2]], { dtype: "complex64" }));
      assert.deepEqual(readNpy(p).toArray(), [[{ re: 1, im: 0 }, { re: 2, im: 0 }]]);
      writeNpy(new URL(`file://${p}`), [3]);
      assert.deepEqual(readNpy(new URL(`file://${p}`)).toArray(), [3]);
      assert.throws(() => readNpy(join(dir, "missing.npy")), { code: "ENOENT" });
      writeFileSync(p, "not numpy");
      assertInvalid(new Uint8Array(readFileSync(p)), "magic");
      assert.throws(() => readNpy(p), TypeError);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe("readNpy and writeNpy: arguments", () => {
  test("a path is a non-empty string or a file: URL, anything else a TypeError before node:fs", () => {
    const dir = mkdtempSync(join(tmpdir(), "dlapack-npy-"));
    const cwd = process.cwd();
    // A relative path would land here: Deno's node:fs once wrote writeNpy(null, a) to ./null.
    process.chdir(dir);
    try {
      // A number is not a file descriptor: writeNpy(2, a) wrote to stderr, and readNpy(5)
      // blocked Node forever on an internal pipe.
      const bad: [unknown, string][] = [
        [2, "2"],
        [5, "5"],
        [0, "0"],
        [null, "null"],
        [undefined, "undefined"],
        ["", '""'],
        [[], "an array"],
        [["a.npy"], "an array"],
        [{}, "an object"],
        [3n, "3n"],
        [true, "true"],
        [new Float64Array(2), "a Float64Array"],
        [{ href: "file:///tmp/a.npy", protocol: "file:" }, "an object"],
      ];
      for (const [path, shown] of bad) {
        for (const fn of ["readNpy", "writeNpy"] as const) {
          const call = () =>
            fn === "readNpy" ? readNpy(path as never) : writeNpy(path as never, [1, 2]);
          assert.throws(call, {
            name: "TypeError",
            message:
              `Invalid path for ${fn}(): expected a non-empty string or a file: URL, got ${shown}`,
          });
        }
      }
      assert.throws(() => readNpy(Symbol("s") as never), {
        name: "TypeError",
        message: /got a symbol$/,
      });
      // node:fs takes a Buffer as a path; readNpy and writeNpy do not.
      const bytes = new TextEncoder().encode("a.npy");
      // Not a URL, though its prototype is: read through the intrinsic href getter.
      assert.throws(() => writeNpy(Object.create(URL.prototype), [1]), {
        name: "TypeError",
        message: /^Invalid path .* got an? URL$/,
      });
      assert.throws(() => readNpy(bytes as never), {
        name: "TypeError",
        message: /^Invalid path .* got an? Uint8Array$/,
      });
      assert.throws(() => writeNpy(new URL("http://localhost:1/x.npy"), [1]), {
        name: "TypeError",
        message:
          'Invalid path for writeNpy(): expected a non-empty string or a file: URL, got the URL "http://localhost:1/x.npy"',
      });
      assert.throws(() => writeNpy(join(dir, "a\0.npy"), [1]), {
        name: "TypeError",
        message: /^Invalid path for writeNpy\(\): ".*a\\u0000\.npy" contains a NUL character$/,
      });
      assert.deepEqual(readdirSync(dir), [], "no file was written");
      // Relative paths and file: URLs work.
      writeNpy("rel.npy", [1, 2]);
      assert.deepEqual(readNpy("rel.npy").toArray(), [1, 2]);
      const url = new URL(`file://${join(dir, "u.npy")}`);
      writeNpy(url, [3]);
      assert.deepEqual(readNpy(url).toArray(), [3]);
      // A URL subclass is read by its real href, not its own getter.
      class Other extends URL {
        override get href(): string {
          return "file:///nonexistent-dlapack/other.npy";
        }
      }
      assert.deepEqual(readNpy(new Other(url.href)).toArray(), [3]);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true });
    }
  });

  test("writeNpy: an array asarray refuses is a TypeError, and the file is not touched", () => {
    const dir = mkdtempSync(join(tmpdir(), "dlapack-npy-"));
    try {
      const p = join(dir, "x.npy");
      for (const a of [null, undefined, {}, "abc", [[1], [2, 3]], Object.create(null)]) {
        assert.throws(() => writeNpy(p, a as never), TypeError);
        assert.ok(!existsSync(p), "no file");
      }
      writeNpy(p, [1, 2]);
      const before = readFileSync(p);
      assert.throws(() => writeNpy(p, { toString: () => "1" } as never), TypeError);
      assert.deepEqual(readFileSync(p), before, "the file is unchanged");
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test("saveNpy: an NDArray whose fields were changed after construction is a TypeError", () => {
    const forged = (fields: Record<string, unknown>) =>
      Object.assign(Object.create(NDArray.prototype), {
        data: new Float64Array(2),
        dtype: "float64",
        shape: [2],
        strides: [1],
        offset: 0,
        ...fields,
      });
    // asarray may refuse such an array first ("Invalid NDArray ..."); either way a TypeError.
    const refused = (what: RegExp) => ({
      name: "TypeError",
      message: new RegExp(`^(Invalid NDArray|${what.source})`),
    });
    const tampered = new NDArray(new Float64Array(2), "float64", [2]);
    for (const shape of [[-2], [1.5], ["2"], [NaN], [2 ** 53], Array(65).fill(1), "2", null]) {
      assert.throws(
        () => saveNpy(forged({ shape })),
        refused(
          /Cannot save an NDArray whose shape is not a list of at most 64 non-negative integers/,
        ),
      );
      try {
        (tampered as Json).shape = shape; // refused if NDArray's fields are read-only
      } catch {
        continue;
      }
      assert.throws(
        () => saveNpy(tampered),
        refused(/Cannot save an NDArray whose shape is not a list/),
      );
    }
    assert.throws(
      () => saveNpy(forged({ shape: [3] })),
      refused(/Cannot save an NDArray of shape \(3,\) whose data holds 2 of the 3 floats it needs/),
    );
    assert.throws(
      () => saveNpy(forged({ dtype: "int32" })),
      refused(
        /Cannot save an NDArray of dtype "int32": expected float32, float64, complex64 or complex128/,
      ),
    );
  });
});

describe("loadNpy: inputs", () => {
  const good = saveNpy([[1, 2], [3, 4]]);
  test("ArrayBuffer, Buffer, unaligned Uint8Array, DataView", () => {
    assert.deepEqual(loadNpy(good.slice().buffer).toArray(), [[1, 2], [3, 4]]);
    const shifted = new Uint8Array(good.length + 3);
    shifted.set(good, 3);
    assert.deepEqual(loadNpy(shifted.subarray(3)).toArray(), [[1, 2], [3, 4]]);
    assert.deepEqual(loadNpy(new DataView(shifted.buffer, 3) as never).toArray(), [[1, 2], [3, 4]]);
  });
  test("not bytes: TypeError", () => {
    for (const x of ["a.npy", 3, null, undefined, {}, [1, 2]]) {
      assert.throws(() => loadNpy(x as never), {
        name: "TypeError",
        message: /^Cannot load \.npy data from/,
      });
    }
  });
  test("detached and out-of-bounds buffers: TypeError", () => {
    const ab = good.slice().buffer;
    const view = new Uint8Array(ab);
    structuredClone(ab, { transfer: [ab] }); // detaches ab
    const rb = new ArrayBuffer(good.length, { maxByteLength: 2 * good.length });
    const dv = new DataView(rb, 64);
    rb.resize(32); // dv now ends past its buffer
    for (const x of [ab, view, dv]) {
      assert.throws(() => loadNpy(x as never), {
        name: "TypeError",
        message:
          "Cannot load .npy data from a detached ArrayBuffer or a view past the end of its buffer",
      });
    }
  });
  test("the bytes are found without running user code (a subclass's getters, toStringTag)", () => {
    let ran = 0;
    class Sneaky extends Uint8Array {
      override get length(): number {
        ran++;
        return 0;
      }
      override get byteLength(): number {
        ran++;
        return 0;
      }
      override get buffer(): ArrayBuffer {
        ran++;
        return new ArrayBuffer(0);
      }
      override subarray(): Uint8Array<ArrayBuffer> {
        ran++;
        return new Uint8Array(0);
      }
    }
    const s = new Sneaky(good.length);
    s.set(good);
    assert.deepEqual(loadNpy(s).toArray(), [[1, 2], [3, 4]]);
    const tagged = Object.defineProperty({}, Symbol.toStringTag, {
      get() {
        ran++;
        return "ArrayBuffer";
      },
    });
    assert.throws(() => loadNpy(tagged as never), {
      name: "TypeError",
      message: /^Cannot load \.npy data from an object/,
    });
    assert.equal(ran, 0);
  });
});

describe("loadNpy: the header", () => {
  const six = f64Bytes([0, 1, 2, 3, 4, 5]);
  const ok = (header: string, shape: number[], opts: { version?: number; pad?: boolean } = {}) => {
    const a = loadNpy(npy(header, six, opts));
    assert.deepEqual(a.shape, shape, header);
    return a;
  };
  test("numpy's own and numpy-readable spellings", () => {
    ok(hdr("<f8", "(2, 3)"), [2, 3]);
    ok("{'shape':(6,),'descr':'<f8','fortran_order':False}", [6]);
    ok(' {"descr" : "<f8", "fortran_order" : False, "shape" : (3, 2), } ', [3, 2]);
    ok("{'descr': u'<f8', 'fortran_order': False, 'shape': (6,)}", [6]);
    ok("{'descr': '''<f8''', 'fortran_order': False, 'shape': (6,)}", [6]);
    ok("{'descr': '\\x3cf8', 'fortran_order': False, 'shape': (6,)}", [6]);
    ok("{'descr': '<f8', # a comment\n 'fortran_order': False, 'shape': (0x2, 0o3)}", [2, 3]);
    ok("{'descr': '<f8', 'fortran_order': False, 'shape': ((6),)}", [6]);
    ok("{'descr': '<f8', 'fortran_order': False, 'shape': (+6,)}", [6]);
    ok("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1, 6, 1)}", [1, 1, 1, 6, 1]);
    ok("{'descr': 'float64', 'fortran_order': False, 'shape': (6,)}", [6]);
    ok("{'descr': 'd', 'fortran_order': False, 'shape': (6,)}", [6]);
    ok("{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L)}", [2, 3], { version: 2 });
    ok("{'descr': '<f8', 'fortran_order': False, 'shape': (6,), 'shape': (2, 3)}", [2, 3]);
    ok(hdr("<f8", "(6,)"), [6], { version: 3 });
    ok(hdr("<f8", "(6,)"), [6], { pad: false });
    assert.deepEqual(loadNpy(npy(hdr("<c16", "(0, 1099511627776)", "True"))).strides, [1, 1]);
    const f = ok(hdr("<f8", "(2, 3)", "True"), [2, 3]);
    assert.deepEqual(f.strides, [1, 2]);
    assert.deepEqual(f.toArray(), [[0, 2, 4], [1, 3, 5]]);
  });
  test("anything else is a TypeError naming the problem", () => {
    const bad = (
      header: string,
      fragment: string | RegExp,
      data: ArrayLike<number> = six,
      version = 1,
    ) => assertInvalid(npy(header, data, { version }), fragment);
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L)}", "parse", six, 3);
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (6,)} x", "parse");
    bad("{'descr': '<f8' 'fortran_order': False, 'shape': (6,)}", "parse");
    bad("{'descr': '<f8', 'fortran_order': false, 'shape': (6,)}", "parse");
    bad("{'descr': '<f8\n', 'fortran_order': False, 'shape': (6,)}", "parse");
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (6,)", "parse");
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (06,)}", "parse");
    bad("{'descr': b'<f8', 'fortran_order': False, 'shape': (6,)}", "parse");
    bad(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (" + "9".repeat(100000) + ",)}",
      "parse",
      six,
      2,
    );
    bad(
      "{'descr': '<f8', 'fortran_order': False, 'shape': " + "(".repeat(100000) +
        ")".repeat(100000) + "}",
      "nested",
      six,
      2,
    );
    bad("", "parse");
    bad("[]", "not a dictionary");
    bad("{}", "keys");
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (6,), 1: 2}", "keys");
    bad("{'descr': '<f8', 'fortran_order': None, 'shape': (6,)}", "fortran_order");
    bad("{'descr': '<f8', 'fortran_order': 1, 'shape': (6,)}", "fortran_order");
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': 6}", "shape");
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (True,)}", "shape");
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': ('6',)}", "shape");
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (6.,)}", "shape");
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (-0, 6)}", "bytes of data");
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (3, -2)}", "negative");
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (9007199254740992,)}", "too large");
    bad(
      `{'descr': '<f8', 'fortran_order': False, 'shape': (${Array(65).fill(1).join(", ")})}`,
      "65 dimensions",
    );
    bad(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (9007199254740991, 9007199254740991)}",
      "too large",
    );
    bad(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 4503599627370496, 4503599627370496)}",
      "too large",
      [],
    );
    bad(
      "{'descr': '<f8', 'fortran_order': True, 'shape': (0, 4503599627370496, 4503599627370496)}",
      "too large",
      [],
    );
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 9007199254740991)}", "extra bytes");
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (1048576, 1048576, 1024)}", "truncated");
    bad(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (7,)}",
      "takes 56 bytes of data, but 48 follow",
    );
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': (5,)}", "8 extra bytes");
    bad("{'descr': '<f8', 'fortran_order': False, 'shape': ()}", "8 bytes of data, but 48");
    bad(
      "{'descr': None, 'fortran_order': False, 'shape': (6,)}",
      "descr is not a valid dtype descriptor: None",
    );
    bad("{'descr': '<f9', 'fortran_order': False, 'shape': (6,)}", "descr");
    bad("{'descr': '<b2', 'fortran_order': False, 'shape': (6,)}", "descr");
    bad("{'descr': '', 'fortran_order': False, 'shape': (6,)}", "descr");
    bad(
      "{'descr': '<U3', 'fortran_order': False, 'shape': (4,)}",
      /^Unsupported \.npy dtype '<U3' \(unicode strings\)/,
    );
    bad("{'descr': '|O', 'fortran_order': False, 'shape': (6,)}", "Python objects");
    bad("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (6,)}", "structured");
    bad("{'descr': ('<f8', (2,)), 'fortran_order': False, 'shape': (3,)}", "subarray");
    bad("{'descr': '<m8[s]', 'fortran_order': False, 'shape': (6,)}", "timedelta64");
    bad("{'descr': '<g', 'fortran_order': False, 'shape': (6,)}", "long double");
  });
  test("prefix: magic, version, header length", () => {
    const good = npy(hdr("<f8", "(6,)"), six);
    assertInvalid(new Uint8Array(0), "too short");
    assertInvalid(good.subarray(0, 3), "too short");
    assertInvalid(good.subarray(0, 9), "too short");
    assertInvalid(new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 0, 0]), "too short");
    assertInvalid(new TextEncoder().encode("NUMPY"), "magic");
    const v = (major: number, minor: number) => {
      const b = good.slice();
      b[6] = major;
      b[7] = minor;
      return b;
    };
    assertInvalid(v(0, 0), "version 0.0");
    assertInvalid(v(1, 1), "version 1.1");
    assertInvalid(v(255, 255), "version 255.255");
    const huge = npy(hdr("<f8", "(6,)"), six, { version: 2 });
    huge[8] =
      huge[9] =
      huge[10] =
      huge[11] =
        0xff;
    assertInvalid(huge, "the header length 4294967295 goes past the end");
    const zero = good.slice();
    zero[8] = zero[9] = 0;
    assertInvalid(zero, "parse");
    const v3 = npy(hdr("<f8", "(6,)"), six, { version: 3 });
    v3[20] = 0xff;
    assertInvalid(v3, "UTF-8");
  });
  test("a lying shape fails fast, before allocating", () => {
    const t = performance.now();
    for (let i = 0; i < 100; i++) {
      assertInvalid(npy(hdr("<c16", "(4503599627370496, 1, 1)"), six), "truncated");
      assertInvalid(
        npy(hdr("|b1", `(${[...Array(52).fill(2), ...Array(12).fill(1)].join(", ")})`), six),
        "truncated",
      );
      assertInvalid(
        npy(hdr("<f8", `(${Array(64).fill(9007199254740991).join(", ")})`), six),
        "too large",
      );
    }
    assert.ok(performance.now() - t < 2000);
  });
});

describe("loadNpy: conversions", () => {
  test("int32 and bool keep their dtype; other integers and float16 become float64", () => {
    const le = (descr: string, bytes: number[], shape: string) =>
      loadNpy(npy(hdr(descr, shape), bytes));
    assert.deepEqual(le("|i1", [0x80, 0x7f, 0xff], "(3,)").toArray(), [-128, 127, -1]);
    assert.deepEqual(le("|u1", [0x80, 0x7f, 0xff], "(3,)").toArray(), [128, 127, 255]);
    assert.deepEqual(le(">i2", [0x80, 0x00, 0x00, 0x01], "(2,)").toArray(), [-32768, 1]);
    assert.deepEqual(le(">u4", [0xff, 0xff, 0xff, 0xfe], "(1,)").toArray(), [4294967294]);
    assert.deepEqual(
      le("<i8", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0, 0, 0, 0, 0x80], "(2,)")
        .toArray(),
      [-1, -(2 ** 63)],
    ); // -2^63 + 1 rounds
    assert.deepEqual(le(">i8", [0, 0x20, 0, 0, 0, 0, 0, 1], "()").item(), 2 ** 53); // 2^53 + 1 rounds to even
    assert.deepEqual(le("|b1", [0, 1, 2], "(3,)").toArray(), [false, true, true]);
    assert.deepEqual(le(">i4", [0xff, 0xff, 0xff, 0xfe], "(1,)").toArray(), [-2]);
    assert.equal(le("<i4", [1, 0, 0, 0], "()").dtype, "int32");
    assert.deepEqual(
      le("<f2", [0x00, 0x3c, 0x01, 0x00, 0x00, 0xfc, 0xff, 0x7b], "(4,)").toArray(),
      [1, 2 ** -24, -Infinity, 65504],
    );
    assert.deepEqual(le(">f2", [0x3c, 0x00], "(1,)").toArray(), [1]);
  });
  test("big-endian float and complex are byte-swapped copies", () => {
    const be = new Uint8Array(16);
    new DataView(be.buffer).setFloat64(0, 1.25, false);
    new DataView(be.buffer).setFloat64(8, -3, false);
    const copy = be.slice();
    const z = loadNpy(npy(hdr(">c16", "()"), be));
    assert.deepEqual(z.item(), { re: 1.25, im: -3 });
    assert.deepEqual(be, copy);
    const f = loadNpy(npy(hdr(">f4", "(2,)", "True"), [0x3f, 0x80, 0, 0, 0xc0, 0, 0, 0]));
    assert.equal(f.dtype, "float32");
    assert.deepEqual(f.toArray(), [1, -2]);
  });
  test("Fortran order: strides, not a copy", () => {
    const a = loadNpy(
      npy(
        hdr("<c8", "(2, 1, 3)", "True"),
        new Uint8Array(new Float32Array([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0]).buffer),
      ),
    );
    assert.deepEqual(a.strides, [1, 2, 2]);
    assert.ok(a.isFContiguous);
    assert.deepEqual(a.toArray().map((p: Json) => p[0].map((z: Json) => z.re)), [[1, 3, 5], [
      2,
      4,
      6,
    ]]);
  });
});

const PY = "/usr/bin/python3";
const HAS_NUMPY = (() => {
  try {
    return spawnSync(PY, ["-c", "import numpy"], { timeout: 30_000 }).status === 0;
  } catch {
    return false; // no permission to run, or no python
  }
})();

describe(
  "numpy reads what we write",
  { skip: !HAS_NUMPY && `${PY} with numpy is not available` },
  () => {
    test("every dtype, shape and view; values bit for bit", () => {
      const dir = mkdtempSync(join(tmpdir(), "dlapack-npy-"));
      try {
        const arrays: NDArray[] = [
          array([[1, -0, NaN], [Infinity, -Infinity, 5e-324]]),
          array([[1.5, 2.25], [3, 4]], { dtype: "float32" }).T,
          array([[{ re: 1, im: -2 }, { re: NaN, im: Infinity }]], { dtype: "complex128" }),
          array([{ re: 0.1, im: 0.2 }, { re: -0, im: 3 }], { dtype: "complex64" }),
          array(7),
          new NDArray(allocData("float64", 0), "float64", [0, 3]),
          new NDArray(allocData("complex64", 0), "complex64", [2, 0]),
          new NDArray(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]), "float64", [2, 2], [-4, 2], 5),
          array([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]).transpose([2, 0, 1]),
        ];
        const files = arrays.map((a, i) => {
          const p = join(dir, `a${i}.npy`);
          writeNpy(p, a);
          return p;
        });
        const script = `
import json, sys, math
import numpy as np
def num(x):
    x = float(x)
    return "nan" if math.isnan(x) else ("inf" if x == math.inf else ("-inf" if x == -math.inf else x))
def walk(x):
    return [walk(y) for y in x] if isinstance(x, list) else num(x)
out = []
for p in sys.argv[1:]:
    a = np.load(p)
    v = np.stack([a.real, a.imag], axis=-1) if np.iscomplexobj(a) else a
    out.append({"descr": a.dtype.str, "shape": list(a.shape), "c": bool(a.flags.c_contiguous),
                "values": walk(v.astype(np.float64).tolist())})
print(json.dumps(out))
`;
        const r = spawnSync(PY, ["-c", script, ...files], { encoding: "utf8", timeout: 60_000 });
        assert.equal(r.status, 0, r.stderr);
        const got: Json[] = JSON.parse(r.stdout);
        arrays.forEach((a, i) => {
          const g = got[i];
          assert.equal(
            g.descr,
            {
              float32: "<f4",
              float64: "<f8",
              complex64: "<c8",
              complex128: "<c16",
            }[a.dtype as DType],
          );
          assert.deepEqual(g.shape, a.shape);
          assert.ok(g.c);
          assertSame(expected(g.values, isComplex(a.dtype), a.ndim), a.toArray(), `array ${i}`);
        });
      } finally {
        rmSync(dir, { recursive: true });
      }
    });
  },
);

describe("fuzz: mutated files load or throw TypeError, never anything else", () => {
  // mulberry32: a small seeded generator, so failures reproduce.
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const bases = [
    "f8_c.npy",
    "c16_be_f.npy",
    "f4_f3d.npy",
    "i8.npy",
    "u8.npy",
    "f2.npy",
    "b1.npy",
    "f8_v2.npy",
    "f8_v3.npy",
    "f8_0d.npy",
    "f8_empty.npy",
    "hdr_whitespace.npy",
    "hdr_py2_long.npy",
    "c8_c.npy",
  ].map(fixture);
  const INTERESTING = "0123456789-+(),:'\"{}[] \n#\\xuLTrueFalsNon<>|=fcibuUO.eEj_";
  test("4000 mutations", () => {
    const r = rng(20261125);
    const int = (n: number) => Math.floor(r() * n);
    let loaded = 0;
    let rejected = 0;
    for (let iter = 0; iter < 4000; iter++) {
      const base = bases[int(bases.length)];
      const headerEnd = Math.min(
        base.length,
        10 + (base[8] | (base[9] << 8)) + (base[6] === 1 ? 0 : 2),
      );
      let b = base.slice();
      const op = int(8);
      if (op === 7) {
        for (let k = 1 + int(3); k > 0; k--) b[headerEnd + int(b.length - headerEnd)] = int(256);
      } else if (op === 0) {
        for (let k = 1 + int(3); k > 0; k--) b[int(b.length)] = int(256);
      } else if (op === 1 || op === 2) {
        for (let k = 1 + int(op === 1 ? 2 : 6); k > 0; k--) {
          b[int(headerEnd)] = INTERESTING.charCodeAt(int(INTERESTING.length));
        }
      } else if (op === 3) {
        b = b.slice(0, int(b.length));
      } else if (op === 4) {
        const extra = new Uint8Array(1 + int(16)).map(() => int(256));
        const c = new Uint8Array(b.length + extra.length);
        c.set(b);
        c.set(extra, b.length);
        b = c;
      } else if (op === 5) {
        const at = 8 + int(base[6] === 1 ? 2 : 4);
        b[at] = r() < 0.5 ? int(256) : (b[at] + (r() < 0.5 ? 1 : 255)) & 0xff;
      } else {
        // insert or delete one header character, leaving the header length as it is
        const at = 10 + int(headerEnd - 10);
        const c = r() < 0.5
          ? [
            ...b.subarray(0, at),
            INTERESTING.charCodeAt(int(INTERESTING.length)),
            ...b.subarray(at),
          ]
          : [...b.subarray(0, at), ...b.subarray(at + 1)];
        b = new Uint8Array(c);
      }
      try {
        const a = loadNpy(b);
        assert.ok(a instanceof NDArray);
        assert.ok(a.size * a.itemSize <= b.length * 8, "bounded by the file size");
        loaded++;
      } catch (e) {
        if (
          !(e instanceof TypeError) ||
          !/^(Invalid \.npy file|Unsupported \.npy dtype)/.test(e.message)
        ) {
          throw new Error(`iteration ${iter} (op ${op}) threw ${e}`, { cause: e });
        }
        rejected++;
      }
    }
    assert.ok(loaded > 300 && rejected > 2000, `loaded ${loaded}, rejected ${rejected}`);
  });
});
