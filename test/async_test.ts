import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { linalg, LinAlgError, NDArray, zeros } from "../mod.ts";
import { FORGED } from "./_cases.ts";

function spd(n: number): NDArray {
  const a = new Float64Array(n * n);
  let s = 7;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      a[i * n + j] = a[j * n + i] = s / 2147483648 - 0.5;
    }
  }
  for (let i = 0; i < n; i++) a[i * n + i] += n;
  return new NDArray(a, "float64", [n, n]);
}

describe("linalg.async", () => {
  // About 4 s alone on 2 cores: more than bun's 5 s default on a busy machine (and the next
  // test then waits for the same worker).
  test(
    "a timer keeps firing while a 2000x2000 eigh runs, and the result equals the synchronous one",
    { timeout: 120_000 },
    async () => {
      const a = spd(2000);
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      const t0 = performance.now();
      const promise = linalg.async.eigh(a);
      const r = await promise;
      const elapsed = performance.now() - t0;
      clearInterval(timer);
      // Bounded, not timed: the event loop ran during the call (at least a third of the
      // ticks a free loop would have made).
      assert.ok(
        ticks >= Math.floor(elapsed / 10 / 3),
        `${ticks} ticks in ${elapsed.toFixed(0)} ms`,
      );
      const s = linalg.eigh(a);
      const w1 = r.eigenvalues.data;
      const w2 = s.eigenvalues.data;
      for (let i = 0; i < w1.length; i++) {
        assert.ok(
          Math.abs(w1[i] - w2[i]) <= 1e-10 * Math.abs(w2[i]),
          `eigenvalue ${i}`,
        );
      }
    },
  );

  test("inputs changed while the call runs do not change its result", async () => {
    const a = new NDArray(new Float64Array([2, 0, 0, 4]), "float64", [2, 2]);
    const p = linalg.async.inv(a);
    a.data.fill(NaN);
    assert.deepEqual((await p).toArray().flat().map((x: number) => x + 0), [0.5, 0, 0, 0.25]);
  });

  test("errors keep their class and numpy's message", async () => {
    await assert.rejects(
      linalg.async.inv([[1, 2], [2, 4]]),
      (e: unknown) => e instanceof LinAlgError && /^Singular matrix/.test((e as Error).message),
    );
    await assert.rejects(linalg.async.solve([[1, 0], [0, 1]], [1, 2, 3]), RangeError);
    await assert.rejects(linalg.async.inv(eyeOut(), { out: zeros([2, 2]) } as never), TypeError);
  });

  test("several calls in flight resolve in order", async () => {
    const rs = await Promise.all([1, 2, 3, 4].map((k) => linalg.async.det([[k, 0], [0, 1]])));
    assert.deepEqual(rs.map((r) => r.item()), [1, 2, 3, 4]);
  });

  test("multi-part results come back as objects of NDArrays", async () => {
    const { sign, logabsdet } = await linalg.async.slogdet([[1, 2], [3, 4]]);
    assert.equal(sign.item(), -1);
    assert.ok(Math.abs((logabsdet.item() as number) - Math.log(2)) < 1e-12);
  });
});

function eyeOut(): number[][] {
  return [[1, 0], [0, 1]];
}

describe("linalg.async: messages and forged arrays", () => {
  test("out is refused, saying why", async () => {
    await assert.rejects(linalg.async.inv(eyeOut(), { out: zeros([2, 2]) } as never), {
      name: "TypeError",
      message:
        "Unsupported option out for linalg.async.inv(): the result is transferred back, not written into an array",
    });
  });
  test("errors from the worker keep the engine's words", async () => {
    await assert.rejects(linalg.async.solve([[1, 0], [0, 1]], [1, 2, 3]), {
      name: "RangeError",
      message: /^Input operand 1 of solve\(\) has a mismatch in its core dimension 0/,
    });
  });
  test("forged inputs are refused before they are copied for the worker", async () => {
    for (const f of FORGED) {
      await assert.rejects(linalg.async.det(f.make()), {
        name: "TypeError",
        message: /^Invalid NDArray for operand 0 of linalg\.async\.det\(\): /,
      });
    }
  });
});
