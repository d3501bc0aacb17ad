import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { array, linalg, LinAlgError, zeros } from "../mod.ts";
import { assertClose, CASES, FORGED, LAYOUTS, stackOf, throwsMsg, tolerance } from "./_cases.ts";
import { here, runChild } from "./_runtime.ts";
import { isComplex } from "../src/dtype.ts";

const { det, slogdet } = linalg;
const cases = CASES.filter((c) => c.det !== undefined);

describe("det and slogdet: numpy's answers for every case and layout", () => {
  for (const c of cases) {
    for (const v of LAYOUTS.filter((v) => v.applies(c.a))) {
      test(`${c.name} / ${v.name}`, () => {
        const d = det(v.make(c.a));
        assert.deepEqual(d.shape, []);
        if (v.keepsDType) assert.equal(d.dtype, c.dtype);
        assertClose(d.item(), c.det, tolerance(c) * 10, `det ${c.name}`);
        const { sign, logabsdet } = slogdet(v.make(c.a));
        assertClose(sign.item(), c.slogdet!.sign, tolerance(c) * 10, `sign ${c.name}`);
        if (v.keepsDType) {
          assert.equal(
            logabsdet.dtype,
            isComplex(c.dtype) ? (c.dtype === "complex64" ? "float32" : "float64") : c.dtype,
          );
        }
        const l = logabsdet.item() as number;
        const want = c.slogdet!.logabsdet;
        assert.ok(
          Number.isFinite(want)
            ? Math.abs(l - want) <= tolerance(c) * 100 * Math.max(1, Math.abs(want))
            : l === want,
          `logabsdet ${l} vs ${want}`,
        );
      });
    }
  }
});

describe("det: stacks", () => {
  for (const c of cases.filter((c) => c.a.shape[0] > 0 && !isComplex(c.dtype))) {
    test(`tile3: det(kA) = k^n det(A): ${c.name}`, () => {
      const n = c.a.shape[0];
      const r = det(stackOf(c.a, [1, 2, -1]));
      assert.deepEqual(r.shape, [3]);
      assertClose(r, [1, 2, -1].map((k) => c.det * k ** n), tolerance(c) * 10, c.name);
    });
  }
});

describe("det and slogdet: edge cases", () => {
  test("singular: det 0, sign 0, logabsdet -Infinity (no error, as numpy)", () => {
    assert.equal(det([[1, 2], [2, 4]]).item(), 0);
    const { sign, logabsdet } = slogdet([[1, 2], [2, 4]]);
    assert.equal(sign.item(), 0);
    assert.equal(logabsdet.item(), -Infinity);
  });
  test("a NaN shows in the result on every flavour (ATLAS and OpenBLAS 0.3.29 take a NaN pivot for zero)", () => {
    for (const a of [[[NaN, 1], [1, 1]], [[1, 1], [1, NaN]], [[1, NaN], [1, 1]]]) {
      assert.ok(Number.isNaN(det(a).item()), `det ${JSON.stringify(a)}`);
      const { sign, logabsdet } = slogdet(a);
      // numpy's sign is 1 (a NaN diagonal element does not flip it); the pivots' parity may
      // differ between LAPACKs (libFLAME), so only that it is a sign is checked.
      assert.ok([1, -1].includes(sign.item() as number), `sign ${sign.item()}`);
      assert.ok(Number.isNaN(logabsdet.item() as number));
      assert.ok((linalg.inv(a).toArray() as number[][]).flat().every(Number.isNaN));
      assert.ok((linalg.solve(a, [1, 2]).toArray() as number[]).every(Number.isNaN));
    }
    const c = array([[{ re: NaN, im: 0 }, { re: 1, im: 0 }], [{ re: 1, im: 0 }, { re: 1, im: 1 }]]);
    assert.ok(Number.isNaN((det(c).item() as { re: number }).re));
    assert.equal(det([[Infinity, 1], [1, 1]]).item(), Infinity);
    assert.equal(
      det([[0, 0], [0, NaN]]).item(),
      0,
      "a zero column before the NaN is singular, as numpy",
    );
  });
  test("0x0: det 1, slogdet (1, 0)", () => {
    assert.equal(det(zeros([0, 0])).item(), 1);
    const { sign, logabsdet } = slogdet(zeros([0, 0]));
    assert.equal(sign.item(), 1);
    assert.equal(logabsdet.item(), 0);
  });
  test("empty stack", () => {
    assert.deepEqual(det(zeros([0, 2, 2])).shape, [0]);
  });
  test("float32 stays float32", () => {
    assert.equal(det(array([[1, 2], [3, 4]], { dtype: "float32" })).dtype, "float32");
  });
  test("huge entries: det overflows to Infinity, slogdet does not", () => {
    const a = [[1e200, 0], [0, 1e200]];
    assert.equal(det(a).item(), Infinity);
    assert.ok(Math.abs((slogdet(a).logabsdet.item() as number) - 400 * Math.log(10)) < 1e-9);
  });
  test("complex sign has modulus 1", () => {
    const s = slogdet([[{ re: 0, im: 1 }, { re: 0, im: 0 }], [{ re: 0, im: 0 }, { re: 1, im: 0 }]])
      .sign.item() as { re: number; im: number };
    assert.ok(Math.abs(s.re) < 1e-15 && Math.abs(s.im - 1) < 1e-15);
  });
  test("non-square raises LinAlgError", () => {
    assert.throws(() => det([[1, 2, 3]]), LinAlgError);
    assert.throws(() => slogdet([1, 2]), LinAlgError);
  });
});

describe("det: messages and forged arrays", () => {
  test("out of the wrong shape: the engine's message names the function", () => {
    throwsMsg(
      () => det(zeros([2, 2, 2]), { out: zeros([1]) } as never),
      RangeError,
      /^Invalid out for det\(\): it has shape \(1\), but the result has shape \(2\)$/,
    );
  });
  test("out of the wrong shape for slogdet's second output", () => {
    throwsMsg(
      () => slogdet(zeros([2, 2]), { out: [zeros([]), zeros([1])] } as never),
      RangeError,
      /^Invalid out for slogdet\(\): out\[1\] has shape \(1\), but the result has shape \(\)$/,
    );
    throwsMsg(
      () => slogdet(zeros([2, 2]), { out: [zeros([])] } as never),
      TypeError,
      /^Invalid out for slogdet\(\): expected 2 arrays, got 1$/,
    );
  });
  for (const f of FORGED) {
    test(`forged input: ${f.name}`, () => {
      for (const fn of [det, slogdet]) {
        const name = fn === det ? "det" : "slogdet";
        assert.throws(() => fn(f.make()), (e: unknown) => {
          assert.ok(e instanceof TypeError, String(e));
          const prefix = `Invalid NDArray for operand 0 of ${name}(): `;
          assert.ok((e as Error).message.startsWith(prefix), (e as Error).message);
          assert.match((e as Error).message.slice(prefix.length), f.problem);
          return true;
        });
      }
    });
  }
});

describe("det: forged arrays in a child process (a LAPACK whose XERBLA exits cannot end the runner)", () => {
  const REFERENCE_LAPACK = "/usr/lib/x86_64-linux-gnu/lapack/liblapack.so.3";
  const check = (env: Record<string, string | undefined>) => {
    const r = runChild(here("_forged_child.ts"), env);
    const line = r.stdout.split("\n").find((l) => l.startsWith("FORGED "));
    assert.ok(
      r.status === 0 && line !== undefined,
      `status ${r.status}, no FORGED line: LAPACK saw the forged sizes?\n${r.stdout}\n${
        r.stderr.slice(-1500)
      }`,
    );
    const results: Record<string, string> = JSON.parse(line.slice("FORGED ".length));
    for (const [name, got] of Object.entries(results)) {
      if (name.startsWith("empty")) assert.equal(got, "returned", name);
      else {assert.match(
          got,
          /^TypeError: Invalid NDArray for (operand \d|out) of \w+\(\): dimension 0 is -\d/,
          name,
        );}
    }
    // Bun for Windows under Wine warns "Internal error: directory mismatch for directory ..." on
    // its own (a Bun/Wine quirk, not LAPACK's XERBLA): leave that line out.
    const out = (r.stdout + r.stderr).replace(/^Internal error: directory mismatch .*$/gm, "");
    assert.doesNotMatch(out, /XERBLA|parameter number|Internal error/);
  };
  test("the default LAPACK", () => check({}));
  test("reference LAPACK (XERBLA stops the process)", {
    skip: !existsSync(REFERENCE_LAPACK) && "not installed",
  }, () => {
    // Reference LAPACK as it is: not the ABI, width or preload a flavour run may have set (set,
    // not removed: Deno's spawnSync adds the parent's environment to the one it is given).
    const plain = { DLAPACK_ABI: "fortran", DLAPACK_INTEGERS: "lp64", LD_PRELOAD: "" };
    check({ ...plain, DLAPACK_LIBRARY: REFERENCE_LAPACK });
  });
});
