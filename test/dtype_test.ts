import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  allocData,
  complex128,
  complex64,
  complexDType,
  doubleDType,
  type DType,
  dtypeOfTypedArray,
  float32,
  float64,
  floatsPerItem,
  isComplex,
  isDType,
  isSingle,
  itemSize,
  parseDType,
  realDType,
  resultType,
  singleDType,
  typedArrayTag,
} from "../src/dtype.ts";

const ALL: DType[] = ["float32", "float64", "complex64", "complex128"];

describe("dtype constants", () => {
  test("are the dtype names", () => {
    assert.deepEqual([float32, float64, complex64, complex128], ALL);
  });
});

describe("isDType()", () => {
  test("the four names", () => {
    for (const d of ALL) assert.equal(isDType(d), true);
  });
  test("aliases and other values are not dtypes", () => {
    for (const x of ["f8", "int32", "Float64", "", 8, null, undefined, {}]) {
      assert.equal(isDType(x), false);
    }
  });
});

describe("kind and precision", () => {
  test("isComplex", () => {
    assert.deepEqual(ALL.map(isComplex), [false, false, true, true]);
  });
  test("isSingle", () => {
    assert.deepEqual(ALL.map(isSingle), [true, false, true, false]);
  });
  test("realDType", () => {
    assert.deepEqual(ALL.map(realDType), ["float32", "float64", "float32", "float64"]);
  });
  test("complexDType", () => {
    assert.deepEqual(ALL.map(complexDType), ["complex64", "complex128", "complex64", "complex128"]);
  });
  test("doubleDType", () => {
    assert.deepEqual(ALL.map(doubleDType), ["float64", "float64", "complex128", "complex128"]);
  });
  test("singleDType", () => {
    assert.deepEqual(ALL.map(singleDType), ["float32", "float32", "complex64", "complex64"]);
  });
});

describe("itemSize() and floatsPerItem()", () => {
  test("bytes per item", () => {
    assert.deepEqual(ALL.map(itemSize), [4, 8, 8, 16]);
  });
  test("floats per item", () => {
    assert.deepEqual(ALL.map(floatsPerItem), [1, 1, 2, 2]);
  });
});

describe("allocData()", () => {
  test("typed array class and length per dtype", () => {
    const f32 = allocData("float32", 3);
    const f64 = allocData("float64", 3);
    const c64 = allocData("complex64", 3);
    const c128 = allocData("complex128", 3);
    assert.ok(f32 instanceof Float32Array);
    assert.ok(f64 instanceof Float64Array);
    assert.ok(c64 instanceof Float32Array);
    assert.ok(c128 instanceof Float64Array);
    assert.deepEqual([f32.length, f64.length, c64.length, c128.length], [3, 3, 6, 6]);
  });
  test("zero-filled", () => {
    assert.ok(allocData("complex128", 4).every((x) => x === 0));
  });
  test("zero items", () => {
    assert.equal(allocData("float64", 0).length, 0);
  });
  test("errors: negative, fractional, NaN", () => {
    for (const n of [-1, 1.5, NaN, Infinity]) {
      assert.throws(() => allocData("float64", n), RangeError);
    }
  });
  test("errors: too large for the runtime is a RangeError with a clear message", () => {
    assert.throws(() => allocData("complex128", 2 ** 50), (e: unknown) => {
      assert.ok(e instanceof RangeError);
      assert.match(
        e.message,
        /^Cannot allocate 1125899906842624 items of complex128 \(18014398509481984 bytes\): /,
      );
      return true;
    });
  });
  test("errors: a non-number count is a TypeError, checked before any arithmetic", () => {
    let ran = false;
    const hostile = {
      valueOf(): number {
        ran = true;
        throw new Error("valueOf ran");
      },
      toString(): string {
        ran = true;
        throw new Error("toString ran");
      },
    };
    assert.throws(() => allocData("complex128", hostile as unknown as number), {
      name: "TypeError",
      message:
        "Invalid item count for complex128 data: expected a non-negative integer, got an object",
    });
    assert.equal(ran, false);
    assert.throws(() => allocData("float64", "3" as unknown as number), {
      name: "TypeError",
      message: 'Invalid item count for float64 data: expected a non-negative integer, got "3"',
    });
    assert.throws(() => allocData("float64", 3n as unknown as number), TypeError);
  });
  test("errors: a deeply nested array as the count does not overflow the stack", () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.throws(() => allocData("complex64", deep as number), {
      name: "TypeError",
      message: /got an array$/,
    });
  });
  test("errors: an unknown dtype is a TypeError", () => {
    assert.throws(() => allocData("int8" as DType, 2), {
      name: "TypeError",
      message: /^Unsupported dtype "int8": /,
    });
    assert.throws(() => allocData({} as DType, 2), { name: "TypeError", message: /an object/ });
  });
});

describe("resultType()", () => {
  // numpy.result_type over the four dtypes.
  const table: [DType, DType, DType][] = [
    ["float32", "float32", "float32"],
    ["float32", "float64", "float64"],
    ["float32", "complex64", "complex64"],
    ["float32", "complex128", "complex128"],
    ["float64", "float64", "float64"],
    ["float64", "complex64", "complex128"],
    ["float64", "complex128", "complex128"],
    ["complex64", "complex64", "complex64"],
    ["complex64", "complex128", "complex128"],
    ["complex128", "complex128", "complex128"],
  ];
  test("pairs, both orders", () => {
    for (const [a, b, r] of table) {
      assert.equal(resultType(a, b), r, `${a} + ${b}`);
      assert.equal(resultType(b, a), r, `${b} + ${a}`);
    }
  });
  test("one dtype", () => {
    for (const d of ALL) assert.equal(resultType(d), d);
  });
  test("three dtypes", () => {
    assert.equal(resultType("float32", "float32", "complex64"), "complex64");
    assert.equal(resultType("float32", "complex64", "float64"), "complex128");
  });
  test("errors: no dtype", () => {
    assert.throws(() => resultType(), {
      name: "TypeError",
      message: "Cannot resolve a result dtype: no dtype given",
    });
  });
  test("errors: not a dtype", () => {
    assert.throws(() => resultType("float64", "int64" as DType), TypeError);
    assert.equal(resultType("float32", "int32"), "float64", "int32 computes in float64");
  });
});

describe("parseDType()", () => {
  test("the four names", () => {
    for (const d of ALL) assert.equal(parseDType(d), d);
  });
  test("numpy aliases", () => {
    const aliases: Record<string, DType> = {
      f4: "float32",
      f8: "float64",
      c8: "complex64",
      c16: "complex128",
      single: "float32",
      double: "float64",
      csingle: "complex64",
      cdouble: "complex128",
      float: "float64",
      complex: "complex128",
    };
    for (const [alias, d] of Object.entries(aliases)) assert.equal(parseDType(alias), d, alias);
  });
  test("errors: unsupported string", () => {
    assert.throws(() => parseDType("int32"), {
      name: "TypeError",
      message: 'Unsupported dtype "int32": expected float32, float64, complex64 or complex128',
    });
  });
  test("errors: non-strings", () => {
    assert.throws(() => parseDType(42), {
      name: "TypeError",
      message: "Unsupported dtype 42: expected float32, float64, complex64 or complex128",
    });
    assert.throws(() => parseDType(undefined), { message: /^Unsupported dtype undefined: / });
    assert.throws(() => parseDType(Float64Array), {
      message: /^Unsupported dtype a function: /,
    });
    assert.throws(() => parseDType({}), { message: /^Unsupported dtype an object: / });
    assert.throws(() => parseDType(new Map()), { message: /^Unsupported dtype a Map: / });
  });
  test("errors: names what is parsed", () => {
    assert.throws(() => parseDType("f2", "out dtype"), {
      message: /^Unsupported out dtype "f2": /,
    });
  });
  test("errors: a what that is not a string is not formatted", () => {
    let ran = false;
    const what = {
      toString(): string {
        ran = true;
        return "hostile";
      },
    };
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    for (const w of [what, deep, null, 5, Symbol("s")]) {
      assert.throws(() => parseDType("f2", w as string), {
        name: "TypeError",
        message: 'Unsupported dtype "f2": expected float32, float64, complex64 or complex128',
      });
    }
    assert.equal(ran, false);
  });
});

describe("dtypeOfTypedArray()", () => {
  test("Float32Array is float32", () => {
    assert.equal(dtypeOfTypedArray(new Float32Array(1)), "float32");
  });
  test("integer typed arrays: int32, or float64 for Uint32Array", () => {
    const arrays: [ArrayBufferView, string][] = [
      [new Float64Array(1), "float64"],
      [new Int8Array(1), "int32"],
      [new Uint8Array(1), "int32"],
      [new Uint8ClampedArray(1), "int32"],
      [new Int16Array(1), "int32"],
      [new Uint16Array(1), "int32"],
      [new Int32Array(1), "int32"],
      [new Uint32Array(1), "float64"],
    ];
    for (const [a, d] of arrays) assert.equal(dtypeOfTypedArray(a), d, a.constructor.name);
  });
  test("Float16Array (where the runtime has it) is float32", () => {
    const F16 = (globalThis as { Float16Array?: new (n: number) => ArrayBufferView }).Float16Array;
    if (F16 !== undefined) assert.equal(dtypeOfTypedArray(new F16(1)), "float32");
  });
  test("errors: BigInt arrays", () => {
    assert.throws(() => dtypeOfTypedArray(new BigInt64Array(1)), {
      name: "TypeError",
      message:
        "Cannot use a BigInt64Array as array data: BigInt elements are not supported, convert them to numbers",
    });
    assert.throws(() => dtypeOfTypedArray(new BigUint64Array(1)), TypeError);
  });
  test("errors: DataView and non-views", () => {
    assert.throws(() => dtypeOfTypedArray(new DataView(new ArrayBuffer(8))), {
      name: "TypeError",
      message: "Cannot use a DataView as array data: expected a typed array",
    });
    assert.throws(() => dtypeOfTypedArray([1, 2] as unknown as ArrayBufferView), TypeError);
  });
});

describe("typedArrayTag()", () => {
  test("class names of typed arrays", () => {
    assert.equal(typedArrayTag(new Float64Array(1)), "Float64Array");
    assert.equal(typedArrayTag(new Uint8Array(1)), "Uint8Array");
  });
  test("undefined for DataView and others", () => {
    assert.equal(typedArrayTag(new DataView(new ArrayBuffer(1))), undefined);
    assert.equal(typedArrayTag([1]), undefined);
    assert.equal(typedArrayTag(null), undefined);
  });
});
