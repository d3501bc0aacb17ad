/**
 * The four dtypes dlapack computes in, and numpy's rules for choosing among them: integers and
 * booleans become float64, float32 stays float32, any complex operand makes the result
 * complex, and any double operand makes it double.
 *
 * @module
 */

import { describeValue as describe } from "./_describe.ts";

/**
 * The element type of an NDArray: LAPACK's four precisions (s, d, c, z).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { DType } from "jsr:@dlapack/dlapack";
 * const d: DType = "complex128";
 * assert.equal(d, "complex128");
 * ```
 */
export type DType = "float32" | "float64" | "complex64" | "complex128";

/**
 * Single-precision real (LAPACK's `s` routines).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { float32 } from "jsr:@dlapack/dlapack";
 * assert.equal(float32, "float32");
 * ```
 */
export const float32 = "float32";
/**
 * Double-precision real (LAPACK's `d` routines), the default.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { float64 } from "jsr:@dlapack/dlapack";
 * assert.equal(float64, "float64");
 * ```
 */
export const float64 = "float64";
/**
 * Single-precision complex (LAPACK's `c` routines): two float32 per item.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { complex64 } from "jsr:@dlapack/dlapack";
 * assert.equal(complex64, "complex64");
 * ```
 */
export const complex64 = "complex64";
/**
 * Double-precision complex (LAPACK's `z` routines): two float64 per item.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { complex128 } from "jsr:@dlapack/dlapack";
 * assert.equal(complex128, "complex128");
 * ```
 */
export const complex128 = "complex128";

/**
 * A complex number, as `at()`, `item()` and `toArray()` give it and `array()` takes it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Complex } from "jsr:@dlapack/dlapack";
 * const z: Complex = { re: 1, im: -2 };
 * assert.equal(Math.hypot(z.re, z.im), Math.sqrt(5));
 * ```
 */
export type Complex = { re: number; im: number };

/**
 * The storage of an NDArray: complex items are interleaved (re, im) pairs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { FloatArray } from "jsr:@dlapack/dlapack";
 * const data: FloatArray = new Float64Array([1, 2]); // one complex128 item: 1+2i
 * assert.equal(data.length, 2);
 * ```
 */
export type FloatArray = Float32Array | Float64Array;

/**
 * Whether `x` is one of the four dtype names (aliases such as `"f8"` are not).
 *
 * @param x Any value.
 * @returns `true` for `"float32"`, `"float64"`, `"complex64"` and `"complex128"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isDType } from "jsr:@dlapack/dlapack";
 * assert.equal(isDType("complex64"), true);
 * assert.equal(isDType("int32"), false);
 * ```
 */
export function isDType(x: unknown): x is DType {
  return x === "float64" || x === "float32" || x === "complex128" || x === "complex64";
}

/**
 * Whether the dtype is complex.
 *
 * @param d A dtype.
 * @returns `true` for complex64 and complex128.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isComplex } from "jsr:@dlapack/dlapack";
 * assert.equal(isComplex("complex64"), true);
 * assert.equal(isComplex("float64"), false);
 * ```
 */
export function isComplex(d: ArrayDType): boolean {
  return d === "complex128" || d === "complex64";
}

/**
 * Whether the dtype is single precision.
 *
 * @param d A dtype.
 * @returns `true` for float32 and complex64.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isSingle } from "jsr:@dlapack/dlapack";
 * assert.equal(isSingle("complex64"), true);
 * assert.equal(isSingle("float64"), false);
 * ```
 */
export function isSingle(d: ArrayDType): boolean {
  return d === "float32" || d === "complex64";
}

/**
 * The real dtype of the same precision (the dtype of a complex array's real part, of its
 * singular values, of its norms).
 *
 * @param d A dtype.
 * @returns float32 for float32 and complex64, float64 otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { realDType } from "jsr:@dlapack/dlapack";
 * assert.equal(realDType("complex64"), "float32");
 * assert.equal(realDType("complex128"), "float64");
 * ```
 */
export function realDType(d: ArrayDType): "float32" | "float64" {
  return d === "float32" || d === "complex64" ? "float32" : "float64";
}

/**
 * The complex dtype of the same precision (the dtype of `eig`'s eigenvalues).
 *
 * @param d A dtype.
 * @returns complex64 for float32 and complex64, complex128 otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { complexDType } from "jsr:@dlapack/dlapack";
 * assert.equal(complexDType("float32"), "complex64");
 * assert.equal(complexDType("float64"), "complex128");
 * ```
 */
export function complexDType(d: ArrayDType): "complex64" | "complex128" {
  return d === "float32" || d === "complex64" ? "complex64" : "complex128";
}

/**
 * The double-precision dtype of the same kind (what numpy computes single-precision input
 * in).
 *
 * @param d A dtype.
 * @returns float64 for float32, int32 and bool, complex128 for complex64, `d` otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { doubleDType } from "jsr:@dlapack/dlapack";
 * assert.equal(doubleDType("float32"), "float64");
 * assert.equal(doubleDType("complex64"), "complex128");
 * assert.equal(doubleDType("float64"), "float64");
 * ```
 */
export function doubleDType(d: ArrayDType): DType {
  return d === "float32" || d === "int32" || d === "bool"
    ? "float64"
    : d === "complex64"
    ? "complex128"
    : d;
}

/**
 * The single-precision dtype of the same kind.
 *
 * @param d A dtype.
 * @returns float32 for float64, complex64 for complex128, `d` otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { singleDType } from "jsr:@dlapack/dlapack";
 * assert.equal(singleDType("float64"), "float32");
 * assert.equal(singleDType("complex128"), "complex64");
 * ```
 */
export function singleDType(d: DType): DType {
  return d === "float64" ? "float32" : d === "complex128" ? "complex64" : d;
}

/**
 * The size of one item in bytes.
 *
 * @param d A dtype.
 * @returns 4, 8, 8 or 16 for float32, float64, complex64, complex128; 4 for int32, 1 for bool.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { itemSize } from "jsr:@dlapack/dlapack";
 * assert.equal(itemSize("float32"), 4);
 * assert.equal(itemSize("complex128"), 16);
 * ```
 */
export function itemSize(d: ArrayDType): number {
  return d === "float64" || d === "complex64"
    ? 8
    : d === "float32" || d === "int32"
    ? 4
    : d === "bool"
    ? 1
    : 16;
}

/**
 * How many typed-array elements one item takes: 2 for complex (re, im), 1 for real.
 *
 * @param d A dtype.
 * @returns 1 or 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { floatsPerItem } from "jsr:@dlapack/dlapack";
 * assert.equal(floatsPerItem("float64"), 1);
 * assert.equal(floatsPerItem("complex64"), 2);
 * ```
 */
export function floatsPerItem(d: ArrayDType): 1 | 2 {
  return d === "complex128" || d === "complex64" ? 2 : 1;
}

// ---------------------------------------------------------------------------------------------
// The small-result pool. A fresh ArrayBuffer costs about 1 us on Deno and 0.4-2 us on Node 26
// whatever its size (V8's backing-store bookkeeping), against 0.05-0.15 us for a view of an
// existing buffer; JSC (Bun) allocates small typed arrays in its own heap for 0.01-0.06 us,
// cheaper than a view. So, on V8 only, storage of up to POOL_MAX bytes is carved from a shared
// slab by bump allocation: each region is handed out once and never reused, and a full slab is
// dropped (not recycled) for a fresh one; the garbage collector frees it when the last view of
// it dies. No array can see another array's data change; a kept small result keeps its whole
// slab (SLAB bytes) alive, and `NDArray#toOwned()` gives a copy with a buffer of its own.
// Only arrays' storage is pooled (allocArrayData), never workspace or scratch (allocData): a
// user who transfers one pooled array's buffer detaches its whole slab, and that must not reach
// anything the library keeps. Measured on 2 shared cores (bench/overhead_bench.ts).

/** Bytes per slab. */
const SLAB = 32768;
/** The largest pooled request in bytes (V8 runtimes), 0 (no pool) on Bun. */
const POOL_MAX: number = (globalThis as { Bun?: unknown }).Bun !== undefined ? 0 : 2048;
/** The current slab, and the byte position of the next region in it. */
let slab = new ArrayBuffer(0);
let slabNext = 0;
/** Where the region `carve` returned starts. */
let slabAt = 0;
/** Every slab made, to tell pooled storage from storage that owns its buffer. */
const slabs = new WeakSet<ArrayBufferLike>();

/** Reserves `bytes` (<= POOL_MAX) in the current slab, or a fresh one; sets slabAt. */
function carve(bytes: number): ArrayBuffer {
  // Regions start on 16-byte boundaries, as malloc's, for the vector loads of BLAS kernels.
  const size = (bytes + 15) & ~15;
  if (slabNext + size > slab.byteLength) {
    slab = new ArrayBuffer(SLAB);
    slabs.add(slab);
    slabNext = 0;
  }
  slabAt = slabNext;
  slabNext += size;
  return slab;
}

/** Small storage of a valid dtype: a region of the current slab; else undefined. */
function pooled(d: ArrayDType, items: number): ArrayData | undefined {
  if (
    !(typeof items === "number" && items > 0 && items * itemSize(d) <= POOL_MAX && items % 1 === 0)
  ) {
    return undefined;
  }
  switch (d) {
    case "float64":
      return new Float64Array(carve(items * 8), slabAt, items);
    case "complex128":
      return new Float64Array(carve(items * 16), slabAt, 2 * items);
    case "float32":
      return new Float32Array(carve(items * 4), slabAt, items);
    case "complex64":
      return new Float32Array(carve(items * 8), slabAt, 2 * items);
    case "int32":
      return new Int32Array(carve(items * 4), slabAt, items);
    case "bool":
      return new Uint8Array(carve(items), slabAt, items);
  }
  return undefined;
}

/**
 * Whether `data` was carved from the small-result pool: its `buffer` is a slab that other
 * arrays share, so it must not be transferred or detached.
 *
 * @param data Any typed array.
 * @returns `true` for pooled storage.
 * @throws {TypeError} When `data` is not a typed array or DataView.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { allocData, isPooled } from "jsr:@dlapack/dlapack";
 * assert.equal(isPooled(new Float64Array(4)), false);
 * assert.equal(typeof isPooled(allocData("float64", 4)), "boolean"); // true on Deno and Node
 * ```
 */
export function isPooled(data: ArrayBufferView): boolean {
  if (!ArrayBuffer.isView(data)) {
    throw new TypeError(
      `Invalid argument for isPooled(): expected a typed array or DataView, got ${describe(data)}`,
    );
  }
  return slabs.has(data.buffer);
}

/**
 * Whether two typed arrays share bytes: the same buffer and overlapping byte ranges. (Two
 * pooled arrays share a buffer without sharing memory.)
 *
 * @param x A typed array.
 * @param y A typed array.
 * @returns `true` when writing one can change the other.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sharesMemory } from "jsr:@dlapack/dlapack";
 * const a = new Float64Array(8);
 * assert.equal(sharesMemory(a.subarray(0, 4), a.subarray(4)), false);
 * assert.equal(sharesMemory(a.subarray(0, 5), a.subarray(4)), true);
 * ```
 */
export function sharesMemory(x: ArrayBufferView, y: ArrayBufferView): boolean {
  if (!ArrayBuffer.isView(x) || !ArrayBuffer.isView(y)) {
    throw new TypeError(
      `Invalid argument for sharesMemory(): expected two typed arrays or DataViews, got ${
        describe(ArrayBuffer.isView(x) ? y : x)
      }`,
    );
  }
  if (x.buffer !== y.buffer) return false;
  const a = x.byteOffset;
  const b = y.byteOffset;
  return a < b + y.byteLength && b < a + x.byteLength;
}

/**
 * Allocates zeroed storage for `items` items of dtype `d`: a Float32Array for float32 and
 * complex64, a Float64Array for float64 and complex128, of length `items * floatsPerItem(d)`.
 * Never pooled (see `allocArrayData`): workspace and scratch are made here, and a pooled slab
 * can be detached by whoever transfers the buffer of any array in it.
 *
 * @param d The dtype.
 * @param items The number of items (not floats).
 * @returns The zero-filled typed array.
 * @throws {TypeError} When `d` is not one of the four dtypes or `items` is not a number.
 * @throws {RangeError} When `items` is not a non-negative safe integer, or the runtime
 * cannot allocate that much memory.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { allocData } from "jsr:@dlapack/dlapack";
 * const data = allocData("complex64", 3);
 * assert.ok(data instanceof Float32Array);
 * assert.equal(data.length, 6);
 * ```
 */
export function allocData(d: DType, items: number): FloatArray {
  // Check the types before any arithmetic or formatting: neither may run user code.
  if (!isDType(d)) parseDType(d);
  if (typeof items !== "number") {
    throw new TypeError(
      `Invalid item count for ${d} data: expected a non-negative integer, got ${describe(items)}`,
    );
  }
  const n = d === "complex128" || d === "complex64" ? 2 * items : items;
  if (!(n >= 0 && n <= Number.MAX_SAFE_INTEGER && Math.floor(n) === n)) {
    throw new RangeError(`Cannot allocate ${items} items of ${d}: expected a non-negative integer`);
  }
  try {
    return d === "float64" || d === "complex128" ? new Float64Array(n) : new Float32Array(n);
  } catch (e) {
    // V8: "Array buffer allocation failed" or "Invalid typed array length"; JSC: "Out of memory".
    throw new RangeError(
      `Cannot allocate ${items} items of ${d} (${items * itemSize(d)} bytes): ${
        e instanceof Error && typeof e.message === "string" ? e.message : "out of memory"
      }`,
      { cause: e },
    );
  }
}

// Bit 0: double precision, bit 1: complex.
const DTYPE_BITS: Record<DType, number> = { float32: 0, float64: 1, complex64: 2, complex128: 3 };
const BITS_DTYPE: readonly DType[] = ["float32", "float64", "complex64", "complex128"];

/**
 * numpy's linear-algebra type resolution: the result is complex when any operand is, and double
 * precision when any operand is (so complex64 with float64 gives complex128); int32 and bool
 * operands count as float64. (Elementwise functions use `promoteTypes` instead.)
 *
 * @param ds One or more dtypes.
 * @returns The smallest dtype that holds every operand without loss.
 * @throws {TypeError} With no dtype, or a value that is not one of the four dtypes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resultType } from "jsr:@dlapack/dlapack";
 * assert.equal(resultType("float32", "float32"), "float32");
 * assert.equal(resultType("float32", "float64"), "float64");
 * assert.equal(resultType("complex64", "float64"), "complex128");
 * assert.equal(resultType("int32"), "float64");
 * ```
 */
export function resultType(...ds: ArrayDType[]): DType {
  if (ds.length === 0) throw new TypeError("Cannot resolve a result dtype: no dtype given");
  let bits = 0;
  for (let i = 0; i < ds.length; i++) {
    const d = ds[i];
    if (d === "int32" || d === "bool") {
      bits |= 1;
      continue;
    }
    if (!isDType(d)) parseDType(d);
    bits |= DTYPE_BITS[d];
  }
  return BITS_DTYPE[bits];
}

const ALIASES: ReadonlyMap<string, DType> = new Map<string, DType>([
  ["float32", "float32"],
  ["float64", "float64"],
  ["complex64", "complex64"],
  ["complex128", "complex128"],
  ["f4", "float32"],
  ["f8", "float64"],
  ["c8", "complex64"],
  ["c16", "complex128"],
  ["single", "float32"],
  ["double", "float64"],
  ["csingle", "complex64"],
  ["cdouble", "complex128"],
  ["float", "float64"],
  ["complex", "complex128"],
]);

/**
 * Parses a dtype name. Accepts the four names and numpy's aliases: `"f4"`, `"f8"`, `"c8"`,
 * `"c16"`, `"single"`, `"double"`, `"csingle"`, `"cdouble"`, `"float"` (float64) and
 * `"complex"` (complex128).
 *
 * @param x The value to parse.
 * @param what What the value is, for the message (default `"dtype"`).
 * @returns The dtype.
 * @throws {TypeError} For anything else, e.g. `Unsupported dtype "int32": expected float32,
 * float64, complex64 or complex128`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseDType } from "jsr:@dlapack/dlapack";
 * assert.equal(parseDType("f8"), "float64");
 * assert.equal(parseDType("csingle"), "complex64");
 * assert.throws(() => parseDType("int32"), TypeError);
 * ```
 */
export function parseDType(x: unknown, what?: string): DType {
  if (typeof x === "string") {
    const d = ALIASES.get(x);
    if (d !== undefined) return d;
  }
  throw new TypeError(
    `Unsupported ${typeof what === "string" ? what : "dtype"} ${
      describe(x)
    }: expected float32, float64, complex64 or complex128`,
  );
}

/**
 * The dtype an array made from this typed array gets: numpy's own dtype for the typed array's
 * element type when dlapack has it (Float64Array float64, Float32Array float32, Int32Array
 * int32), else the smallest dtype that numpy casts that element type to without loss:
 * int32 for Int8Array, Uint8Array, Uint8ClampedArray, Int16Array and Uint16Array (numpy's
 * int8, uint8, int16 and uint16), float64 for Uint32Array (uint32), float32 for Float16Array
 * (float16). A Uint8Array is numbers (numpy's uint8), not booleans, although bool data is
 * stored in one: `array(u8)` gives int32; `array(u8, { dtype: "bool" })` gives booleans, and
 * `fromTypedArray(u8, shape, { dtype: "bool" })` wraps 0/1 bytes as bool without copying.
 *
 * @param a A typed array.
 * @returns float32, float64 or int32.
 * @throws {TypeError} For BigInt64Array, BigUint64Array, DataView and non-views.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dtypeOfTypedArray } from "jsr:@dlapack/dlapack";
 * assert.equal(dtypeOfTypedArray(new Float32Array(2)), "float32");
 * assert.equal(dtypeOfTypedArray(new Int32Array(2)), "int32");
 * assert.equal(dtypeOfTypedArray(new Uint8Array(2)), "int32");
 * assert.equal(dtypeOfTypedArray(new Uint32Array(2)), "float64");
 * assert.throws(() => dtypeOfTypedArray(new BigInt64Array(2)), TypeError);
 * ```
 */
export function dtypeOfTypedArray(a: ArrayBufferView): ArrayDType {
  const tag = typedArrayTag(a);
  if (tag === undefined) {
    throw new TypeError(`Cannot use ${describe(a)} as array data: expected a typed array`);
  }
  const d = TYPED_ARRAY_DTYPES.get(tag);
  if (d !== undefined) return d;
  if (tag === "BigInt64Array" || tag === "BigUint64Array") {
    throw new TypeError(
      `Cannot use a ${tag} as array data: BigInt elements are not supported, convert them to numbers`,
    );
  }
  // A typed array of a kind this table does not know yet: its numbers, as doubles.
  return "float64";
}

/** numpy's dtype of each typed array's elements, or the smallest safe cast of it we have. */
const TYPED_ARRAY_DTYPES: ReadonlyMap<string, ArrayDType> = new Map<string, ArrayDType>([
  ["Float64Array", "float64"],
  ["Float32Array", "float32"],
  ["Float16Array", "float32"],
  ["Int32Array", "int32"],
  ["Int16Array", "int32"],
  ["Int8Array", "int32"],
  ["Uint16Array", "int32"],
  ["Uint8Array", "int32"],
  ["Uint8ClampedArray", "int32"],
  ["Uint32Array", "float64"],
]);

/**
 * The class name of a typed array ("Float64Array", ...), or undefined for anything else
 * (DataView included). Works across realms, unlike `instanceof`.
 *
 * @param a Any value.
 * @returns The typed array's class name, or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { typedArrayTag } from "jsr:@dlapack/dlapack";
 * assert.equal(typedArrayTag(new Int16Array(1)), "Int16Array");
 * assert.equal(typedArrayTag(new DataView(new ArrayBuffer(1))), undefined);
 * ```
 */
export function typedArrayTag(a: unknown): string | undefined {
  if (!ArrayBuffer.isView(a)) return undefined;
  const tag = (a as unknown as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  return typeof tag === "string" && tag !== "DataView" ? tag : undefined;
}

/**
 * The dtype of an NDArray: the four computing dtypes plus `int32` (Int32Array storage) and
 * `bool` (Uint8Array storage holding 0 and 1), which hold integer and boolean results (ranks,
 * comparisons) and take part in elementwise arithmetic; linear algebra computes them in float64.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { ArrayDType } from "jsr:@dlapack/dlapack";
 * const d: ArrayDType = "int32";
 * assert.equal(d, "int32");
 * ```
 */
export type ArrayDType = DType | "int32" | "bool";

/**
 * 32-bit signed integers (Int32Array storage); arithmetic wraps around as numpy's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { int32 } from "jsr:@dlapack/dlapack";
 * assert.equal(int32, "int32");
 * ```
 */
export const int32 = "int32";
/**
 * Booleans (Uint8Array storage, 0 and 1): the results of comparisons.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bool } from "jsr:@dlapack/dlapack";
 * assert.equal(bool, "bool");
 * ```
 */
export const bool = "bool";

/**
 * The storage of an NDArray of any dtype.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { ArrayData } from "jsr:@dlapack/dlapack";
 * const data: ArrayData = new Int32Array([1, 2]);
 * assert.equal(data.length, 2);
 * ```
 */
export type ArrayData = FloatArray | Int32Array | Uint8Array;

/**
 * Whether `x` is one of the six dtype names.
 *
 * @param x Any value.
 * @returns `true` for the four computing dtypes, `"int32"` and `"bool"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isArrayDType } from "jsr:@dlapack/dlapack";
 * assert.equal(isArrayDType("int32"), true);
 * assert.equal(isArrayDType("int64"), false);
 * ```
 */
export function isArrayDType(x: unknown): x is ArrayDType {
  return isDType(x) || x === "int32" || x === "bool";
}

const ARRAY_ALIASES: ReadonlyMap<string, ArrayDType> = new Map<string, ArrayDType>([
  ["int32", "int32"],
  ["i4", "int32"],
  ["intc", "int32"],
  ["bool", "bool"],
  ["?", "bool"],
  ["b1", "bool"],
]);

/**
 * Parses a dtype name of any of the six dtypes: `parseDType`'s names and aliases, plus
 * `"int32"` (`"i4"`, `"intc"`) and `"bool"` (`"?"`, `"b1"`).
 *
 * @param x The value to parse.
 * @param what What the value is, for the message (default `"dtype"`).
 * @returns The dtype.
 * @throws {TypeError} For anything else.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseArrayDType } from "jsr:@dlapack/dlapack";
 * assert.equal(parseArrayDType("i4"), "int32");
 * assert.equal(parseArrayDType("f8"), "float64");
 * assert.throws(() => parseArrayDType("int64"), TypeError);
 * ```
 */
export function parseArrayDType(x: unknown, what?: string): ArrayDType {
  if (typeof x === "string") {
    const d = ALIASES.get(x) ?? ARRAY_ALIASES.get(x);
    if (d !== undefined) return d;
  }
  throw new TypeError(
    `Unsupported ${typeof what === "string" ? what : "dtype"} ${
      describe(x)
    }: expected bool, int32, float32, float64, complex64 or complex128`,
  );
}

/**
 * Allocates zeroed storage for `items` items of any dtype: Int32Array for int32, Uint8Array
 * for bool, else as `allocData`. The storage of new arrays: on Deno and Node, up to 2 KB of it
 * is a view of a shared slab (see `isPooled`), a region of its own that is never handed out
 * again, whose `buffer` is not its own to transfer.
 *
 * @param d The dtype.
 * @param items The number of items.
 * @returns The zero-filled typed array.
 * @throws {TypeError} For an unknown dtype or a non-number count.
 * @throws {RangeError} For a bad count or when the memory cannot be allocated.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { allocArrayData } from "jsr:@dlapack/dlapack";
 * assert.ok(allocArrayData("int32", 3) instanceof Int32Array);
 * assert.ok(allocArrayData("bool", 3) instanceof Uint8Array);
 * ```
 */
export function allocArrayData(d: ArrayDType, items: number): ArrayData {
  const small = pooled(d, items);
  if (small !== undefined) return small;
  if (d !== "int32" && d !== "bool") return allocData(d, items);
  if (typeof items !== "number") {
    throw new TypeError(
      `Invalid item count for ${d} data: expected a non-negative integer, got ${describe(items)}`,
    );
  }
  if (!(items >= 0 && items <= Number.MAX_SAFE_INTEGER && Math.floor(items) === items)) {
    throw new RangeError(`Cannot allocate ${items} items of ${d}: expected a non-negative integer`);
  }
  try {
    return d === "int32" ? new Int32Array(items) : new Uint8Array(items);
  } catch (e) {
    throw new RangeError(
      `Cannot allocate ${items} items of ${d} (${items * itemSize(d)} bytes): ${
        e instanceof Error && typeof e.message === "string" ? e.message : "out of memory"
      }`,
      { cause: e },
    );
  }
}

// numpy's promotion lattice over the six dtypes, by index: bool, int32, float32, float64,
// complex64, complex128 (numpy.promote_types; int32 with float32 needs float64 to be exact).
const ORDER: readonly ArrayDType[] = [
  "bool",
  "int32",
  "float32",
  "float64",
  "complex64",
  "complex128",
];
const PROMOTE: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5],
  [1, 1, 3, 3, 5, 5],
  [2, 3, 2, 3, 4, 5],
  [3, 3, 3, 3, 5, 5],
  [4, 5, 4, 5, 4, 5],
  [5, 5, 5, 5, 5, 5],
];

/**
 * numpy's `promote_types` over the six dtypes: the smallest dtype both cast to safely
 * (int32 with float32 gives float64, float64 with complex64 gives complex128, bool with
 * anything gives the other).
 *
 * @param a A dtype.
 * @param b A dtype.
 * @returns The promoted dtype.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { promoteTypes } from "jsr:@dlapack/dlapack";
 * assert.equal(promoteTypes("int32", "float32"), "float64");
 * assert.equal(promoteTypes("bool", "int32"), "int32");
 * assert.equal(promoteTypes("float64", "complex64"), "complex128");
 * ```
 */
export function promoteTypes(a: ArrayDType, b: ArrayDType): ArrayDType {
  const i = ORDER.indexOf(a);
  const j = ORDER.indexOf(b);
  if (i < 0) parseArrayDType(a);
  if (j < 0) parseArrayDType(b);
  return ORDER[PROMOTE[i][j]];
}

/**
 * numpy's kind character of a dtype: `"b"` bool, `"i"` signed integer, `"f"` float, `"c"`
 * complex.
 *
 * @param d A dtype.
 * @returns The kind.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dtypeKind } from "jsr:@dlapack/dlapack";
 * assert.equal(dtypeKind("int32"), "i");
 * assert.equal(dtypeKind("complex64"), "c");
 * ```
 */
export function dtypeKind(d: ArrayDType): "b" | "i" | "f" | "c" {
  return d === "bool" ? "b" : d === "int32" ? "i" : d === "float32" || d === "float64" ? "f" : "c";
}

/**
 * numpy's `can_cast(from, to, casting="same_kind")`: a safe cast, or one within the same kind
 * (float64 to float32). What an `out` array must allow.
 *
 * @param from The source dtype.
 * @param to The target dtype.
 * @returns Whether the cast is allowed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { canCastSameKind } from "jsr:@dlapack/dlapack";
 * assert.equal(canCastSameKind("float64", "float32"), true);
 * assert.equal(canCastSameKind("float64", "int32"), false);
 * ```
 */
export function canCastSameKind(from: ArrayDType, to: ArrayDType): boolean {
  const k = "bifc";
  return k.indexOf(dtypeKind(from)) <= k.indexOf(dtypeKind(to));
}
