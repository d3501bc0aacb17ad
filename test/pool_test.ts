import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { linalg, LinAlgError, NDArray, zeros } from "../mod.ts";
import { FORGED, HOSTILE } from "./_cases.ts";

function stack(k: number, n: number): NDArray {
  const data = new Float64Array(k * n * n);
  let s = 3;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = s / 2147483648 - 0.5;
  }
  for (let q = 0; q < k; q++) for (let i = 0; i < n; i++) data[q * n * n + i * n + i] += n;
  return new NDArray(data, "float64", [k, n, n]);
}

describe("createPool", () => {
  test("inv, det, solve, cholesky over 2 workers equal the synchronous results", async () => {
    const pool = linalg.createPool({ workers: 2, minItemsPerWorker: 10 });
    try {
      const a = stack(1000, 6);
      assert.deepEqual((await pool.inv(a)).data, linalg.inv(a).data);
      assert.deepEqual((await pool.det(a)).data, linalg.det(a).data);
      const b = stack(1000, 6);
      assert.deepEqual((await pool.solve(a, b)).data, linalg.solve(a, b).data);
      // deno-lint-ignore no-explicit-any
      const matmul = (linalg as any).matmul;
      const spd = matmul ? matmul(a, a.matrixTranspose()) : null;
      if (spd) assert.deepEqual((await pool.cholesky(spd)).data, linalg.cholesky(spd).data);
    } finally {
      pool.close();
    }
  });
  test("a singular matrix deep in the stack is named by its index in the whole stack", async () => {
    const pool = linalg.createPool({ workers: 2, minItemsPerWorker: 10 });
    try {
      const a = stack(100, 3);
      a.data.fill(0, 77 * 9, 78 * 9);
      await assert.rejects(
        pool.inv(a),
        (e: unknown) =>
          e instanceof LinAlgError && /item 77 of the stack/.test((e as Error).message),
      );
    } finally {
      pool.close();
    }
  });
  test("empty stacks and bad input", async () => {
    const pool = linalg.createPool({ workers: 1 });
    try {
      assert.deepEqual((await pool.inv(zeros([0, 3, 3]))).shape, [0, 3, 3]);
      await assert.rejects(pool.inv([[1, 2], [3, 4]]), RangeError);
      assert.throws(() => linalg.createPool({ workers: 0 }), RangeError);
    } finally {
      pool.close();
    }
  });
});

describe("createPool: messages and forged arrays", () => {
  const rejectsMsg = (p: Promise<unknown>, cls: new (...a: never[]) => Error, re: RegExp) =>
    assert.rejects(p, (e: unknown) => {
      assert.ok(e instanceof cls, String(e));
      assert.match((e as Error).message, re);
      return true;
    });
  test("not a stack", async () => {
    const pool = linalg.createPool({ workers: 1 });
    try {
      await rejectsMsg(
        pool.inv([[1, 2], [3, 4]]),
        RangeError,
        /^Not a stack: pool\.inv\(\) needs at least 3 dimensions, got 2$/,
      );
    } finally {
      pool.close();
    }
  });
  test("stacks of different sizes", async () => {
    const pool = linalg.createPool({ workers: 1 });
    try {
      await rejectsMsg(
        pool.solve(zeros([2, 3, 3]), zeros([4, 3, 1])),
        RangeError,
        /^Stacks of different sizes for pool\.solve\(\): input 1 has shape \(4, 3, 1\), but every input must have the stack's leading size 2$/,
      );
    } finally {
      pool.close();
    }
  });
  test("forged inputs are refused before they are copied or shared", async () => {
    const pool = linalg.createPool({ workers: 1 });
    try {
      for (const f of FORGED) {
        await rejectsMsg(
          pool.inv(f.make()),
          TypeError,
          /^Invalid NDArray for operand 0 of pool\.inv\(\): /,
        );
        await rejectsMsg(
          pool.solve(zeros([1, 2, 2]), f.make()),
          TypeError,
          /^Invalid NDArray for operand 1 of pool\.solve\(\): /,
        );
      }
    } finally {
      pool.close();
    }
  });
  test("a bad worker count is described, never converted", () => {
    assert.throws(() => linalg.createPool({ workers: 0 }), {
      name: "RangeError",
      message: "Invalid worker count for createPool(): expected an integer from 1 to 256, got 0",
    });
    assert.throws(() => linalg.createPool({ workers: HOSTILE as never }), {
      name: "TypeError",
      message: /got an object$/,
    });
  });
});
