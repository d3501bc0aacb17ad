// NDArray against hostile input: read-only fields, forged arrays, messages that run no user
// code, option objects, and work bounded by the size.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  array,
  asarray,
  checkShape,
  empty,
  eye,
  fromTypedArray,
  isNDArray,
  NDArray,
  ones,
  zeros,
} from "../src/ndarray.ts";

// ---------------------------------------------------------------------------------------------
// Hostile values: messages never run user code, forged and changed arrays are refused.

/** An array nested 100000 deep: String() and JavaScriptCore's JSON.stringify overflow on it. */
function deepArray(): unknown {
  let deep: unknown = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  return deep;
}

/** An object whose conversions record that they ran and throw. */
function hostile(): { ran: boolean; value: object } {
  const h = { ran: false, value: {} };
  h.value = {
    valueOf(): number {
      h.ran = true;
      throw new Error("valueOf ran");
    },
    toString(): string {
      h.ran = true;
      throw new Error("toString ran");
    },
  };
  return h;
}

describe("NDArray fields are read-only", () => {
  test("assigning a field throws and changes nothing", () => {
    const a = zeros([2, 3]);
    const data = a.data;
    assert.ok(Object.isFrozen(a));
    const any = a as unknown as Record<string, unknown>;
    for (
      const [k, v] of [["shape", [-1]], ["strides", [1]], ["offset", 5], ["data", null], [
        "dtype",
        "float32",
      ]]
    ) {
      assert.throws(() => {
        any[k as string] = v;
      }, TypeError);
    }
    assert.deepEqual(a.shape, [2, 3]);
    assert.deepEqual(a.strides, [3, 1]);
    assert.equal(a.offset, 0);
    assert.equal(a.data, data);
    assert.equal(a.dtype, "float64");
  });
  test("a subclass keeps its own fields, but the array's are read-only too", () => {
    class Named extends NDArray {
      name = "m";
    }
    const a = new Named(new Float64Array(4), "float64", [2, 2]);
    a.name = "n";
    assert.equal(a.name, "n");
    assert.throws(() => {
      (a as unknown as { offset: number }).offset = 1;
    }, TypeError);
    assert.deepEqual(a.T.toArray(), [[0, 0], [0, 0]]);
  });
  test("a shape changed in place is refused by every method, with the reason", () => {
    // shape and strides stay plain arrays (frozen arrays are slow to make and to read), so the
    // methods check them: a.shape[0] = -1 once made reshape() loop forever.
    const a = zeros([1, 3, 2, 2]);
    (a.shape as number[])[0] = -1;
    const message =
      /^Invalid NDArray in reshape\(\): dimension 0 of its shape \[-1, 3, 2, 2\] is negative \(its shape or strides were changed after construction, or its buffer shrank\)$/;
    assert.throws(() => a.reshape([-1]), { name: "RangeError", message });
    assert.throws(() => a.reshape(12), { name: "RangeError", message });
    for (
      const [name, f] of [
        ["toArray()", () => a.toArray()],
        ["copy()", () => a.copy("F")],
        ["astype()", () => a.astype("complex128")],
        ["transpose()", () => a.T],
        ["matrixTranspose()", () => a.matrixTranspose()],
        ["toString()", () => a.toString()],
        ["item()", () => a.item()],
        ["size", () => a.size],
        ["isCContiguous", () => a.isCContiguous],
        ["at()", () => a.at(0, 0, 0, 0)],
        ["set()", () => a.set([0, 0, 0, 0], 1)],
        ["array()", () => array(a)],
        ["array()", () => array([a])],
        ["asarray()", () => asarray(a)],
      ] as const
    ) {
      assert.throws(f, {
        name: "RangeError",
        message: new RegExp(`^Invalid NDArray in ${name.replace(/[()]/g, "\\$&")}`),
      }, name);
    }
  });
  test("other changes: strides, pushed dimensions, non-numbers, views past the data", () => {
    const s = zeros([2, 2]);
    (s.strides as number[])[0] = 1e9;
    assert.throws(() => s.at(1, 0), {
      name: "RangeError",
      message:
        /^Invalid NDArray in at\(\): its shape \[2, 2\] with strides \[1000000000, 1\] and offset 0 reaches item 1000000001, but data holds 4 items /,
    });
    const p = zeros([2, 2]);
    (p.shape as number[]).push(2);
    assert.throws(() => p.toArray(), {
      name: "RangeError",
      message:
        /^Invalid NDArray in toArray\(\): its shape \[2, 2, 2\] and strides \[2, 1\] differ in length /,
    });
    const o = zeros([2, 2]);
    const h = hostile();
    (o.shape as unknown[])[1] = h.value;
    assert.throws(() => o.at(0, 0), {
      name: "TypeError",
      message:
        /^Invalid NDArray in at\(\): dimension 1 of its shape \[2, an object\] is not a number /,
    });
    assert.throws(() => o.reshape(-1), TypeError);
    assert.equal(h.ran, false);
    const l = zeros([2, 2]);
    (l.shape as number[]).length = 2 ** 32 - 1;
    assert.throws(() => l.size, {
      name: "RangeError",
      message:
        /^Invalid NDArray in size: it has 4294967295 dimensions and 2 strides, but at most 64 are supported /,
    });
  });
  test("a getter that changes a dimension after the check does not reach the loops", () => {
    const a = zeros([2, 3]);
    let reads = 0;
    Object.defineProperty(a.shape, 0, { get: () => (reads++ === 0 ? 2 : -1) });
    // The shape is read once per call, and the loops use that copy.
    assert.deepEqual(a.reshape(-1).shape, [6]);
    reads = 0;
    assert.deepEqual(a.toArray(), [[0, 0, 0], [0, 0, 0]]);
  });
});

describe("forged NDArrays (Object.create(NDArray.prototype))", () => {
  const forged = (): NDArray => Object.create(NDArray.prototype);
  test("methods and getters throw a TypeError", () => {
    for (
      const [name, f] of [
        ["toArray()", (a: NDArray) => a.toArray()],
        ["reshape()", (a: NDArray) => a.reshape([-1])],
        ["at()", (a: NDArray) => a.at(0)],
        ["set()", (a: NDArray) => a.set([0], 1)],
        ["item()", (a: NDArray) => a.item()],
        ["transpose()", (a: NDArray) => a.T],
        ["matrixTranspose()", (a: NDArray) => a.matrixTranspose()],
        ["astype()", (a: NDArray) => a.astype("float32")],
        ["copy()", (a: NDArray) => a.copy()],
        ["toString()", (a: NDArray) => a.toString()],
        ["ndim", (a: NDArray) => a.ndim],
        ["size", (a: NDArray) => a.size],
        ["itemSize", (a: NDArray) => a.itemSize],
        ["isFContiguous", (a: NDArray) => a.isFContiguous],
      ] as const
    ) {
      assert.throws(() => f(forged()), {
        name: "TypeError",
        message: `Invalid NDArray in ${name}: it was not made by the NDArray constructor`,
      });
    }
  });
  test("even with plausible fields", () => {
    const o = Object.assign(forged(), {
      dtype: "float64",
      shape: [2, 2],
      strides: [2, 1],
      offset: 0,
      data: new Float64Array(4),
    });
    assert.throws(() => o.toArray(), TypeError);
    assert.equal(isNDArray(o), false);
  });
  test("array() and asarray() refuse them, naming where", () => {
    const o = forged();
    assert.throws(() => array(o), {
      name: "TypeError",
      message: "Invalid NDArray in array() (value): it was not made by the NDArray constructor",
    });
    assert.throws(() => asarray(o), {
      name: "TypeError",
      message: "Invalid NDArray in asarray() (value): it was not made by the NDArray constructor",
    });
    assert.throws(() => array([zeros(2), o]), {
      name: "TypeError",
      message: "Invalid NDArray in array() (value[1]): it was not made by the NDArray constructor",
    });
    assert.throws(() => array([[o]]), {
      name: "TypeError",
      message:
        "Invalid NDArray in array() (value[0][0]): it was not made by the NDArray constructor",
    });
  });
  test("isNDArray() is false", () => {
    assert.equal(isNDArray(forged()), false);
  });
});

describe("messages never run user code", () => {
  test("at(): the index type is checked before any arithmetic", () => {
    const a = zeros([2, 2]);
    const h = hostile();
    assert.throws(() => a.at(h.value as unknown as number, 0), {
      name: "TypeError",
      message: "Invalid index for axis 0: expected an integer, got an object",
    });
    assert.throws(() => a.at(0, deepArray() as number), {
      name: "TypeError",
      message: "Invalid index for axis 1: expected an integer, got an array",
    });
    assert.throws(() => a.set([h.value as unknown as number, 0], 1), TypeError);
    assert.equal(h.ran, false);
  });
  test("checkShape(): a what that is not a string is not formatted", () => {
    const h = hostile();
    for (const w of [h.value, deepArray(), null, 5]) {
      assert.throws(() => checkShape([-1], w as string), {
        name: "RangeError",
        message: "Invalid shape [-1]: dimension 0 is negative",
      });
      assert.throws(() => checkShape("2", w as string), {
        name: "TypeError",
        message: "Invalid shape: expected an array of non-negative integers, got string",
      });
    }
    assert.equal(h.ran, false);
  });
  test("copy() and fromTypedArray(): a bad order is described, not converted", () => {
    const h = hostile();
    const a = zeros([2, 2]);
    for (
      const [order, described] of [[deepArray(), "an array"], [h.value, "an object"], [5, "5"]]
    ) {
      const message = `Invalid order ${described}: expected "C" or "F"`;
      assert.throws(() => a.copy(order as "C"), { name: "TypeError", message });
      assert.throws(
        () => fromTypedArray(new Float64Array(4), [2, 2], { order: order as "C" }),
        { name: "TypeError", message },
      );
    }
    assert.equal(h.ran, false);
  });
  test("long strings and long lists are cut in messages", () => {
    assert.throws(() => checkShape(["x".repeat(1000)]), {
      message: /^Invalid shape \["x{40}\.\.\."\]: dimension 0 is not a number \(got string\)$/,
    });
    assert.throws(() => new NDArray(new Float64Array(4), "float64", [4], new Array(1000).fill(1)), {
      name: "RangeError",
      message:
        "Invalid strides [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ... (1000 items)]: 1000 values for 1 dimension",
    });
  });
});

describe("creation options must be an object", () => {
  const calls: [string, (o: unknown) => unknown][] = [
    ["zeros()", (o) => zeros([2], o as undefined)],
    ["ones()", (o) => ones([2], o as undefined)],
    ["empty()", (o) => empty([2], o as undefined)],
    ["eye()", (o) => eye(2, o as undefined)],
    ["array()", (o) => array([1, 2], o as undefined)],
    ["asarray()", (o) => asarray([1, 2], o as undefined)],
    ["asarray()", (o) => asarray(zeros(2), o as undefined)],
    ["fromTypedArray()", (o) => fromTypedArray(new Float64Array(2), [2], o as undefined)],
  ];
  test("null, numbers, strings, arrays and functions are TypeErrors", () => {
    for (const [name, f] of calls) {
      for (
        const [o, described] of [[null, "null"], [5, "5"], ["f4", '"f4"'], [[], "an array"], [
          () => 1,
          "a function",
        ]]
      ) {
        assert.throws(() => f(o), {
          name: "TypeError",
          message: `Invalid options for ${name}: expected an object, got ${described}`,
        }, `${name} ${described}`);
      }
    }
  });
  test("undefined and {} are no options", () => {
    for (const [name, f] of calls) {
      assert.equal((f(undefined) as NDArray).dtype, "float64", name);
      assert.equal((f({}) as NDArray).dtype, "float64", name);
    }
  });
});

describe("size-proportional work is bounded", () => {
  // A legal zero-stride view of 2^40 elements over one float.
  const huge = () => new NDArray(new Float64Array(1), "float64", [2 ** 20, 2 ** 20], [0, 0]);
  test("toArray() of a huge view is a RangeError, not a heap exhaustion", () => {
    assert.throws(() => huge().toArray(), {
      name: "RangeError",
      message: "Cannot convert an array of 1099511627776 elements (shape (1048576, 1048576)) to " +
        "nested arrays: the limit is 67108864 (use .data or a loop over views)",
    });
    // Empty arrays too: a (2^40, 0) array would be 2^40 empty lists.
    const empty0 = new NDArray(new Float64Array(0), "float64", [2 ** 40, 0]);
    assert.throws(() => empty0.toArray(), {
      name: "RangeError",
      message: /^Cannot convert an array of 0 elements/,
    });
    // Views of it are fine.
    const row = new NDArray(new Float64Array([7]), "float64", [3], [0]);
    assert.deepEqual(row.toArray(), [7, 7, 7]);
  });
  test("copy(), astype(), reshape() and array() of a huge view fail as RangeErrors naming the size", () => {
    const message = /^Cannot allocate 1099511627776 items of (float64|complex128) \(\d+ bytes\): /;
    assert.throws(() => huge().copy(), { name: "RangeError", message });
    assert.throws(() => huge().copy("F"), { name: "RangeError", message });
    assert.throws(() => huge().astype("complex128"), { name: "RangeError", message });
    // (A zero-stride view reshapes to a zero-stride view, as in numpy: this one needs a copy.)
    const cols = new NDArray(new Float64Array(2 ** 20), "float64", [2 ** 20, 2 ** 20], [1, 0]);
    assert.throws(() => cols.reshape(-1), { name: "RangeError", message });
    assert.deepEqual(huge().reshape(-1).strides, [0]);
    assert.throws(() => array(huge()), { name: "RangeError", message });
    assert.throws(() => array([huge()]), { name: "RangeError", message });
  });
  test("toString() of a view that would show too many elements is a RangeError", () => {
    // 2^30 elements, 2 per axis: eliding (which keeps 6 per axis) does not shorten it.
    const shape = new Array(30).fill(2);
    const a = new NDArray(new Float64Array(1), "float64", shape, new Array(30).fill(0));
    assert.throws(() => a.toString(), {
      name: "RangeError",
      message:
        /^Cannot print an array of shape \(2, 2, .*\): it shows 1073741824 elements, over the limit of 4194304/,
    });
    // The usual eliding still prints huge arrays.
    assert.match(huge().toString(), /^array\(\[\[0\., 0\., 0\., \.\.\., 0\., 0\., 0\.\],/);
  });
});
