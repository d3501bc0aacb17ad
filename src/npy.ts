/**
 * numpy's `.npy` format: `loadNpy`/`saveNpy` turn bytes into an NDArray and back, and
 * `readNpy`/`writeNpy` do the same with a file (through `node:fs`, which Deno, Bun and Node
 * all provide). numpy reads what `saveNpy` writes, and `loadNpy` reads what `np.save` writes.
 *
 * Reading accepts format versions 1.0, 2.0 and 3.0, either byte order, C or Fortran order
 * (a Fortran-order file gives an array with Fortran strides, without a transposing copy), and
 * the dtypes float32, float64, complex64, complex128, int32 and bool as they are, plus float16
 * and the other integer types converted to float64 (as `array()` converts JS integers). The
 * header is parsed exactly, as the Python literal numpy writes; anything else, including a
 * header whose shape does not match the bytes that follow it, is a `TypeError` raised before
 * any array is allocated.
 *
 * Writing gives version 1.0 (2.0 only if the header needs it), C order, little-endian
 * (`'<f4'`, `'<f8'`, `'<c8'`, `'<c16'`, `'<i4'`, `'|b1'`), byte for byte what `np.save` writes
 * for that array.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadNpy, saveNpy } from "jsr:@dlapack/dlapack";
 * const bytes = saveNpy([[1, 2], [3, 4]]);
 * assert.deepEqual(loadNpy(bytes).toArray(), [[1, 2], [3, 4]]);
 * ```
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { MAX_DIMS } from "./_shape.ts";
import { describeValue } from "./_describe.ts";
import type { ArrayData, ArrayDType } from "./dtype.ts";
import type { ArrayLike } from "./ndarray.ts";
import { asarray, NDArray } from "./ndarray.ts";
import type { Py, PyDict, PyTuple } from "./_pyliteral.ts";
import { invalid, isTagged, parseLiteral, repr } from "./_pyliteral.ts";

// ---------------------------------------------------------------------------------------------
// Errors

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function unsupported(descr: string, what: string): TypeError {
  return new TypeError(
    `Unsupported .npy dtype ${descr} (${what}): loadNpy reads float16, float32, float64, ` +
      `complex64, complex128, integer and boolean arrays`,
  );
}

// ---------------------------------------------------------------------------------------------
// Dtypes

/** A supported descr: kind, item size in bytes, and whether the bytes are little-endian. */
export interface Descr {
  kind: "f" | "c" | "i" | "u" | "b";
  size: number;
  little: boolean;
}

const HOST_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** numpy's names and one-letter codes of the supported dtypes, as type strings. */
const DTYPE_NAMES: ReadonlyMap<string, string> = new Map([
  ["float16", "f2"],
  ["float32", "f4"],
  ["float64", "f8"],
  ["complex64", "c8"],
  ["complex128", "c16"],
  ["int8", "i1"],
  ["int16", "i2"],
  ["int32", "i4"],
  ["int64", "i8"],
  ["uint8", "u1"],
  ["uint16", "u2"],
  ["uint32", "u4"],
  ["uint64", "u8"],
  ["bool", "b1"],
  ["?", "b1"],
  ["e", "f2"],
  ["f", "f4"],
  ["d", "f8"],
  ["F", "c8"],
  ["D", "c16"],
  ["b", "i1"],
  ["B", "u1"],
  ["h", "i2"],
  ["H", "u2"],
  ["i", "i4"],
  ["I", "u4"],
  ["q", "i8"],
  ["Q", "u8"],
]);

const OTHER_KINDS: Readonly<Record<string, string>> = {
  O: "Python objects",
  U: "unicode strings",
  S: "byte strings",
  a: "byte strings",
  V: "void, raw bytes",
  M: "datetime64",
  m: "timedelta64",
  g: "long double",
  G: "complex long double",
};

function parseDescr(d: Py): Descr {
  if (Array.isArray(d)) throw unsupported(repr(d), "a structured dtype");
  if (isTagged(d, "tuple")) throw unsupported(repr(d), "a subarray dtype");
  if (typeof d !== "string") throw invalid(`descr is not a valid dtype descriptor: ${repr(d)}`);
  let order = "";
  let body = d;
  if (d.length > 1 && "<>=|".includes(d[0])) {
    order = d[0];
    body = d.slice(1);
  }
  body = DTYPE_NAMES.get(body) ?? body;
  const little = order === "<" || (order !== ">" && HOST_LITTLE);
  const m = /^([fciub])([0-9]{1,3})$/.exec(body);
  if (m !== null) {
    const kind = m[1] as Descr["kind"];
    const size = Number(m[2]);
    const ok = kind === "f"
      ? size === 2 || size === 4 || size === 8
      : kind === "c"
      ? size === 8 || size === 16
      : kind === "b"
      ? size === 1
      : size === 1 || size === 2 || size === 4 || size === 8;
    if (ok) return { kind, size, little };
    if (kind === "f" && (size === 10 || size === 12 || size === 16)) {
      throw unsupported(repr(d), `float${8 * size}, long double`);
    }
    if (kind === "c" && (size === 20 || size === 24 || size === 32)) {
      throw unsupported(repr(d), `complex${8 * size}, complex long double`);
    }
  } else if (body.length > 0 && Object.hasOwn(OTHER_KINDS, body[0])) {
    throw unsupported(repr(d), OTHER_KINDS[body[0]]);
  } else if (/^datetime64|^timedelta64|^str|^bytes|^object|^void/.test(body)) {
    throw unsupported(repr(d), body.replace(/[^a-z0-9].*$/, ""));
  }
  throw invalid(`descr is not a valid dtype descriptor: ${repr(d)}`);
}

/** The dtype an NDArray of this descr gets: the six kept as they are, the rest float64. */
function resultDType(d: Descr): ArrayDType {
  if (d.kind === "f" && d.size === 4) return "float32";
  if (d.kind === "i" && d.size === 4) return "int32";
  if (d.kind === "b") return "bool";
  if (d.kind === "c") return d.size === 8 ? "complex64" : "complex128";
  return "float64";
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Python's repr of a shape tuple. */
function tupleString(shape: readonly (number | bigint)[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

// Intrinsic getters, captured once: the bytes are found without running any user code (no
// getter of a typed-array subclass, no Symbol.toStringTag), and read by their real lengths.
const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
const reflectApply = Reflect.apply;
function getter(proto: object, key: PropertyKey): (self: unknown) => unknown {
  const get = Object.getOwnPropertyDescriptor(proto, key)?.get;
  if (get === undefined) return () => undefined;
  return (self: unknown) => reflectApply(get, self, []);
}
const taTag = getter(TypedArrayProto, Symbol.toStringTag);
const taBuffer = getter(TypedArrayProto, "buffer");
const taByteOffset = getter(TypedArrayProto, "byteOffset");
const taByteLength = getter(TypedArrayProto, "byteLength");
const dvBuffer = getter(DataView.prototype, "buffer");
const dvByteOffset = getter(DataView.prototype, "byteOffset");
const dvByteLength = getter(DataView.prototype, "byteLength");
const abByteLength = getter(ArrayBuffer.prototype, "byteLength");
const sabByteLength = typeof SharedArrayBuffer === "function"
  ? getter(SharedArrayBuffer.prototype, "byteLength")
  : undefined;
const urlHref = getter(URL.prototype, "href");

/** Whether `x` is an ArrayBuffer or a SharedArrayBuffer (a brand check: no user code runs). */
function isBuffer(x: unknown): boolean {
  if (typeof x !== "object" || x === null) return false;
  for (const byteLength of [abByteLength, sabByteLength]) {
    try {
      if (byteLength !== undefined) {
        byteLength(x);
        return true;
      }
    } catch {
      // not this kind of buffer
    }
  }
  return false;
}

/**
 * A Uint8Array over the bytes of a typed array, DataView, ArrayBuffer or SharedArrayBuffer;
 * undefined for anything else. Throws (the engine's TypeError) for a detached buffer or a view
 * past the end of a shrunk resizable buffer.
 */
function bytesOf(bytes: unknown): Uint8Array | undefined {
  if (ArrayBuffer.isView(bytes)) {
    const typed = taTag(bytes) !== undefined;
    return new Uint8Array(
      (typed ? taBuffer(bytes) : dvBuffer(bytes)) as ArrayBuffer,
      (typed ? taByteOffset(bytes) : dvByteOffset(bytes)) as number,
      (typed ? taByteLength(bytes) : dvByteLength(bytes)) as number,
    );
  }
  return isBuffer(bytes) ? new Uint8Array(bytes as ArrayBuffer) : undefined;
}

function toBytes(bytes: unknown): Uint8Array {
  let b: Uint8Array | undefined;
  try {
    b = bytesOf(bytes);
  } catch (e) {
    throw new TypeError(
      "Cannot load .npy data from a detached ArrayBuffer or a view past the end of its buffer",
      { cause: e },
    );
  }
  if (b !== undefined) return b;
  const kind = bytes === null
    ? "null"
    : typeof bytes === "object"
    ? "an object"
    : typeof bytes === "string"
    ? "a string (for a file, use readNpy)"
    : typeof bytes;
  throw new TypeError(`Cannot load .npy data from ${kind}: expected a Uint8Array or ArrayBuffer`);
}

/** The header's fields, checked: shape, order and the descr (readHeader's result, also for the distributed reader). */
export interface Header {
  shape: number[];
  fortran: boolean;
  descr: Descr;
  descrText: string;
  dataStart: number;
}

export function readHeader(b: Uint8Array): Header {
  const len = b.length;
  for (let k = 0; k < MAGIC.length && k < len; k++) {
    if (b[k] !== MAGIC[k]) {
      const zip = len >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4;
      throw invalid(
        "the magic string \\x93NUMPY is missing" +
          (zip ? " (this is a zip archive, maybe a .npz file: load the .npy files in it)" : ""),
      );
    }
  }
  if (len < 8) throw invalid(`${len} bytes are too short for a .npy header`);
  const major = b[6];
  const minor = b[7];
  if (!((major === 1 || major === 2 || major === 3) && minor === 0)) {
    throw invalid(`unsupported format version ${major}.${minor}: expected 1.0, 2.0 or 3.0`);
  }
  const lenBytes = major === 1 ? 2 : 4;
  const start = 8 + lenBytes;
  if (len < start) throw invalid(`${len} bytes are too short for a version ${major}.0 header`);
  const headerLen = major === 1
    ? b[8] | (b[9] << 8)
    : (b[8] | (b[9] << 8) | (b[10] << 16)) + b[11] * 0x1000000;
  if (headerLen > len - start) {
    throw invalid(
      `the header length ${headerLen} goes past the end of the file (${len - start} bytes follow)`,
    );
  }
  const raw = b.subarray(start, start + headerLen);
  let text: string;
  if (major === 3) {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
    } catch {
      throw invalid("the version 3.0 header is not valid UTF-8");
    }
  } else {
    // latin1: one character per byte
    text = "";
    for (let k = 0; k < raw.length; k += 4096) {
      text += String.fromCharCode.apply(null, Array.from(raw.subarray(k, k + 4096)));
    }
  }
  const d = parseLiteral(text, major < 3);
  if (!isTagged(d, "dict")) throw invalid(`the header is not a dictionary: ${repr(d)}`);
  const fields = new Map<string, Py>();
  let keysOk = true;
  for (const [k, v] of (d as PyDict).entries) {
    if (k === "descr" || k === "fortran_order" || k === "shape") fields.set(k, v);
    else keysOk = false;
  }
  if (!keysOk || fields.size !== 3) {
    const keys = (d as PyDict).entries.map((e) => repr(e[0], 30));
    throw invalid(
      `the header must have exactly the keys 'descr', 'fortran_order' and 'shape', got ${
        [...new Set(keys)].sort().join(", ") || "none"
      }`,
    );
  }
  const shapeValue = fields.get("shape")!;
  const items = isTagged(shapeValue, "tuple") ? (shapeValue as PyTuple).items : null;
  if (items === null || !items.every((x) => typeof x === "bigint")) {
    throw invalid(`shape is not a tuple of integers: ${repr(shapeValue)}`);
  }
  const dims = items as bigint[];
  if (dims.length > MAX_DIMS) {
    throw invalid(`shape has ${dims.length} dimensions, but at most ${MAX_DIMS} are supported`);
  }
  const shape: number[] = [];
  // Strides are products of the nonzero dimensions: they must stay exact even when the size is 0.
  let span = 1n;
  for (let k = 0; k < dims.length; k++) {
    if (dims[k] < 0n) throw invalid(`shape ${repr(shapeValue)} has a negative dimension`);
    if (dims[k] > 0n) span *= dims[k];
    if (span > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw invalid(`shape ${repr(shapeValue)} is too large`);
    }
    shape.push(Number(dims[k]));
  }
  const fortran = fields.get("fortran_order")!;
  if (typeof fortran !== "boolean") {
    throw invalid(`fortran_order is not True or False: ${repr(fortran)}`);
  }
  const descrValue = fields.get("descr")!;
  const descr = parseDescr(descrValue);
  return { shape, fortran, descr, descrText: repr(descrValue), dataStart: start + headerLen };
}

/** Reverses the bytes of each `width`-byte value of `b`, in place. */
function swapBytes(b: Uint8Array, width: number): void {
  const n = b.length;
  for (let p = 0; p < n; p += width) {
    for (let lo = p, hi = p + width - 1; lo < hi; lo++, hi--) {
      const t = b[lo];
      b[lo] = b[hi];
      b[hi] = t;
    }
  }
}

/** float16 bits to a number. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return sign * f * 2 ** -24;
  if (e === 31) return f === 0 ? sign * Infinity : NaN;
  return sign * (1024 + f) * 2 ** (e - 25);
}

/** Converts `count` items of `descr` (already in host byte order in `buf`) to float data. */
function convert(buf: Uint8Array, d: Descr, count: number): ArrayData {
  const ab = buf.buffer;
  if (d.kind === "i" && d.size === 4) return new Int32Array(ab, 0, count);
  if (d.kind === "b") {
    const out = new Uint8Array(count);
    for (let k = 0; k < count; k++) out[k] = buf[k] === 0 ? 0 : 1;
    return out;
  }
  if (d.kind === "f" && d.size === 4) return new Float32Array(ab, 0, count);
  if (d.kind === "c" && d.size === 8) return new Float32Array(ab, 0, 2 * count);
  if (d.kind === "f" && d.size === 8) return new Float64Array(ab, 0, count);
  if (d.kind === "c") return new Float64Array(ab, 0, 2 * count);
  const out = new Float64Array(count);
  if (d.kind === "f") {
    const h = new Uint16Array(ab, 0, count);
    for (let k = 0; k < count; k++) out[k] = halfToNumber(h[k]);
  } else if (d.size === 8) {
    // Exact high * 2^32 + low, rounded once: numpy's int64 -> float64 cast.
    const lo32 = new Uint32Array(ab, 0, 2 * count);
    const hi32 = d.kind === "i" ? new Int32Array(ab, 0, 2 * count) : lo32;
    const lo = HOST_LITTLE ? 0 : 1;
    for (let k = 0; k < count; k++) out[k] = hi32[2 * k + 1 - lo] * 4294967296 + lo32[2 * k + lo];
  } else {
    const signed = d.kind === "i";
    out.set(
      d.size === 1
        ? (signed ? new Int8Array(ab, 0, count) : buf)
        : d.size === 2
        ? (signed ? new Int16Array(ab, 0, count) : new Uint16Array(ab, 0, count))
        : (signed ? new Int32Array(ab, 0, count) : new Uint32Array(ab, 0, count)),
    );
  }
  return out;
}

/**
 * Reads an array from the bytes of a `.npy` file (format versions 1.0, 2.0 and 3.0). The data
 * is copied, so the array does not share memory with `bytes`.
 *
 * float32, float64, complex64, complex128, int32 and bool keep their dtype; float16, int8,
 * int16, int64 and uint8 to uint64 become float64 (int64 values beyond 2^53 round as numpy's
 * `astype(float64)`). Big-endian data is byte-swapped; Fortran-order data gives an array with
 * Fortran strides.
 *
 * @param bytes The whole file: a Uint8Array (a Node Buffer works) or an ArrayBuffer.
 * @returns The array.
 * @throws {TypeError} For a file that is not a valid `.npy` (`Invalid .npy file: ...`: no
 * magic string, an unknown version, a header that is not numpy's dictionary, a negative or too
 * large dimension, data shorter or longer than the shape needs), or a dtype loadNpy cannot
 * represent (`Unsupported .npy dtype ...`: objects, strings, structured, datetime, long
 * double).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadNpy } from "jsr:@dlapack/dlapack";
 * // What np.save(f, np.array([[1, 2]], dtype="<i4")) writes.
 * const header = "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }";
 * const text = "\x93NUMPY\x01\x00" + String.fromCharCode(118, 0) + header.padEnd(117) + "\n";
 * const bytes = new Uint8Array(text.length + 8);
 * for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
 * new DataView(bytes.buffer).setInt32(text.length, 1, true);
 * new DataView(bytes.buffer).setInt32(text.length + 4, 2, true);
 * const a = loadNpy(bytes);
 * assert.equal(a.dtype, "int32");
 * assert.deepEqual(a.toArray(), [[1, 2]]);
 * assert.throws(() => loadNpy(bytes.subarray(0, 130)), TypeError);
 * ```
 */
export function loadNpy(bytes: Uint8Array | ArrayBuffer): NDArray {
  const b = toBytes(bytes);
  const h = readHeader(b);
  const { shape, descr } = h;
  // Check the data length against the shape before allocating anything.
  let count = 1n;
  for (let k = 0; k < shape.length; k++) count *= BigInt(shape[k]);
  const need = count * BigInt(descr.size);
  const have = b.length - h.dataStart;
  if (need !== BigInt(have)) {
    const what = `shape ${
      tupleString(shape)
    } of ${h.descrText} takes ${need} bytes of data, but ${have} follow the header`;
    throw invalid(
      need > BigInt(have) ? `truncated: ${what}` : `${BigInt(have) - need} extra bytes: ${what}`,
    );
  }
  const n = Number(count);
  const buf = new Uint8Array(have);
  buf.set(b.subarray(h.dataStart));
  const width = descr.kind === "c" ? descr.size / 2 : descr.size;
  if (width > 1 && descr.little !== HOST_LITTLE) swapBytes(buf, width);
  const data = convert(buf, descr, n);
  let strides: number[] | undefined;
  if (h.fortran) {
    strides = [];
    let acc = 1;
    for (let k = 0; k < shape.length; k++) {
      strides.push(acc);
      acc *= shape[k] || 1;
    }
  }
  return new NDArray(data, resultDType(descr), shape, strides, 0);
}

// ---------------------------------------------------------------------------------------------
// Writing

const DESCRS: Readonly<Record<ArrayDType, string>> = {
  bool: "|b1",
  int32: "<i4",
  float32: "<f4",
  float64: "<f8",
  complex64: "<c8",
  complex128: "<c16",
};

/**
 * Writes an array in the `.npy` format: version 1.0 (2.0 if the header needs it), C order,
 * little-endian (`'<f4'`, `'<f8'`, `'<c8'`, `'<c16'`, `'<i4'`, `'|b1'`), the header padded to 64 bytes with
 * room to grow the first axis, byte for byte what `np.save` writes for the same array.
 *
 * @param array An NDArray (any strides; it is written in C order) or anything `array()`
 * takes (JS integers and booleans become float64, as in `array()`).
 * @returns The bytes of the file.
 * @throws {TypeError} For a value `asarray` rejects.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { array, loadNpy, saveNpy } from "jsr:@dlapack/dlapack";
 * const a = array([[1, 2, 3], [4, 5, 6]], { dtype: "float32" });
 * const bytes = saveNpy(a.T); // a view: written in C order
 * assert.equal(bytes.length, 128 + 6 * 4);
 * const header = new TextDecoder().decode(bytes.subarray(10, 128));
 * assert.ok(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }"));
 * const b = loadNpy(bytes);
 * assert.equal(b.dtype, "float32");
 * assert.deepEqual(b.toArray(), [[1, 4], [2, 5], [3, 6]]);
 * ```
 */
export function saveNpy(array: ArrayLike): Uint8Array {
  const a = asarray(array);
  const shape = checkedShape(a);
  let header = `{'descr': '${DESCRS[a.dtype]}', 'fortran_order': False, 'shape': ${
    tupleString(shape)
  }, }`;
  // numpy leaves room to grow the first axis to 21 digits in place.
  if (shape.length > 0) header += " ".repeat(Math.max(0, 21 - String(shape[0]).length));
  let major = 1;
  let prefix = 10;
  let total = prefix + header.length + 1;
  total += 64 - (total % 64);
  if (total - prefix > 0xffff) {
    major = 2;
    prefix = 12;
    total = prefix + header.length + 1;
    total += 64 - (total % 64);
  }
  const fpi = a.dtype === "complex64" || a.dtype === "complex128" ? 2 : 1;
  const size = a.size;
  const src = a.isCContiguous
    ? a.data.subarray(a.offset * fpi, (a.offset + size) * fpi)
    : a.copy("C").data;
  if (src.length !== size * fpi) {
    throw new TypeError(
      `Cannot save an NDArray of shape ${tupleString(shape)} whose data holds ${src.length} ` +
        `of the ${size * fpi} floats it needs (was it changed after construction?)`,
    );
  }
  const out = new Uint8Array(total + src.byteLength);
  out.set(MAGIC);
  out[6] = major;
  const hl = total - prefix;
  out[8] = hl & 0xff;
  out[9] = (hl >> 8) & 0xff;
  if (major === 2) {
    out[10] = (hl >> 16) & 0xff;
    out[11] = (hl >>> 24) & 0xff;
  }
  for (let k = 0; k < header.length; k++) out[prefix + k] = header.charCodeAt(k);
  out.fill(0x20, prefix + header.length, total - 1);
  out[total - 1] = 0x0a;
  const data = out.subarray(total);
  data.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength));
  if (!HOST_LITTLE) swapBytes(data, src.BYTES_PER_ELEMENT);
  return out;
}

/**
 * The shape of an NDArray, checked again (its fields can be changed after construction): at
 * most 64 non-negative integer dimensions of a safe total size, and a dtype saveNpy writes.
 */
function checkedShape(a: NDArray): number[] {
  const shape: unknown = a.shape;
  const dtype: unknown = a.dtype;
  if (typeof dtype !== "string" || !Object.hasOwn(DESCRS, dtype)) {
    throw new TypeError(
      `Cannot save an NDArray of dtype ${describeValue(dtype)}: expected float32, float64, ` +
        `complex64 or complex128 (was it changed after construction?)`,
    );
  }
  if (Array.isArray(shape) && shape.length <= MAX_DIMS) {
    const out: number[] = [];
    let size = 1;
    for (let k = 0; k < shape.length; k++) {
      const d: unknown = shape[k];
      if (typeof d !== "number" || !Number.isSafeInteger(d) || d < 0) break;
      out.push(d);
      size *= d;
    }
    if (out.length === shape.length && size <= Number.MAX_SAFE_INTEGER) return out;
  }
  throw new TypeError(
    "Cannot save an NDArray whose shape is not a list of at most 64 non-negative integers " +
      "(was it changed after construction?)",
  );
}

// ---------------------------------------------------------------------------------------------
// Files

/**
 * Reads a `.npy` file (`node:fs` `readFileSync`, then `loadNpy`).
 *
 * @param path The file's path (or a `file:` URL).
 * @returns The array.
 * @throws {TypeError} For a path that is not a non-empty string or a `file:` URL (a number is
 * not taken as a file descriptor), a file that is not a valid `.npy`, or a dtype `loadNpy`
 * cannot represent.
 * @throws {Error} The file system's error when the file cannot be read (`ENOENT`, ...).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mkdtempSync, rmSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { readNpy, writeNpy } from "jsr:@dlapack/dlapack";
 * const dir = mkdtempSync(join(tmpdir(), "npy-"));
 * writeNpy(join(dir, "a.npy"), [{ re: 1, im: -1 }, 2]);
 * const a = readNpy(join(dir, "a.npy"));
 * assert.equal(a.dtype, "complex128");
 * assert.deepEqual(a.toArray(), [{ re: 1, im: -1 }, { re: 2, im: 0 }]);
 * rmSync(dir, { recursive: true });
 * ```
 */
export function readNpy(path: string | URL): NDArray {
  return loadNpy(readFileSync(checkPath(path, "readNpy")));
}

/**
 * Writes an array to a `.npy` file (`saveNpy`, then `node:fs` `writeFileSync`), replacing the
 * file if it exists.
 *
 * @param path The file's path (or a `file:` URL).
 * @param array An NDArray or anything `array()` takes.
 * @throws {TypeError} For a path that is not a non-empty string or a `file:` URL (a number is
 * not taken as a file descriptor), or a value `asarray` rejects; the file is then not touched.
 * @throws {Error} The file system's error when the file cannot be written.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mkdtempSync, readFileSync, rmSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { eye, writeNpy } from "jsr:@dlapack/dlapack";
 * const dir = mkdtempSync(join(tmpdir(), "npy-"));
 * writeNpy(join(dir, "eye.npy"), eye(3));
 * const bytes = readFileSync(join(dir, "eye.npy"));
 * assert.equal(bytes.length, 128 + 9 * 8);
 * assert.equal(bytes.subarray(1, 6).toString(), "NUMPY");
 * rmSync(dir, { recursive: true });
 * ```
 */
export function writeNpy(path: string | URL, array: ArrayLike): void {
  const p = checkPath(path, "writeNpy");
  // The whole file is made before the file system is touched: a bad array leaves no file.
  writeFileSync(p, saveNpy(array));
}

/**
 * The path for `node:fs`, checked: a non-empty string without NUL characters, or a `file:`
 * URL (a fresh copy of it). Anything else would reach `node:fs` as something it is not: a
 * number as a file descriptor (2 is stderr), and under Deno null or [] as the path "null" or "".
 */
function checkPath(path: unknown, fn: string): string | URL {
  const expected = "expected a non-empty string or a file: URL";
  if (typeof path === "string") {
    if (path === "") throw new TypeError(`Invalid path for ${fn}(): ${expected}, got ""`);
    if (path.includes("\0")) {
      throw new TypeError(
        `Invalid path for ${fn}(): ${describeValue(path)} contains a NUL character`,
      );
    }
    return path;
  }
  let href: unknown;
  try {
    href = urlHref(path); // the intrinsic getter: only a real URL has one
  } catch {
    href = undefined;
  }
  if (typeof href !== "string") {
    throw new TypeError(`Invalid path for ${fn}(): ${expected}, got ${describeValue(path)}`);
  }
  const url = new URL(href);
  if (url.protocol !== "file:") {
    throw new TypeError(
      `Invalid path for ${fn}(): ${expected}, got the URL ${describeValue(href)}`,
    );
  }
  return url;
}
