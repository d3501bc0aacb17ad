// solveContinuousAre and solveDiscreteAre against scipy 1.10 (test/fixtures/riccati.json, from
// scripts/fixtures_riccati.py: scipy's own CAREX/DAREX and generalized test cases, random cases
// in four dtypes, a broadcast stack), plus the residual of each equation, X hermitian, layouts,
// empty input, the failure cases and the argument errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fixture from "./fixtures/riccati.json" with { type: "json" };
import { add, conj, eye, linalg, LinAlgError, NDArray, subtract } from "../mod.ts";
import type { ArrayLike } from "../mod.ts";
import type { DType } from "../src/dtype.ts";
import { isComplex, isSingle } from "../src/dtype.ts";
import { assertClose, LAYOUTS } from "./_cases.ts";

interface Arr {
  dtype: DType;
  shape: number[];
  data: number[];
}
interface Case {
  kind: "care" | "dare";
  name: string;
  a: Arr;
  b: Arr;
  q: Arr;
  r: Arr;
  e?: Arr;
  s?: Arr;
  x?: Arr;
  xUnbalanced?: Arr;
  error?: string;
  decimal: number | null;
  known: string | null;
}
const decode = (a: Arr) =>
  new NDArray(
    isSingle(a.dtype) ? Float32Array.from(a.data) : Float64Array.from(a.data),
    a.dtype,
    a.shape,
  );
// deno-lint-ignore no-explicit-any
const F = fixture as any;
const CASES: Case[] = F.cases;

const mm = linalg.matmul;
const H = (x: ArrayLike) => conj(linalg.matrixTranspose(x));
function maxAbs(x: NDArray): number {
  let m = 0;
  for (let i = 0; i < x.data.length; i++) m = Math.max(m, Math.abs(x.data[i] as number));
  return m;
}
interface Ops {
  e?: ArrayLike;
  s?: ArrayLike;
}

/** The residual of the (generalized) equation, computed in double. */
function residual(
  kind: "care" | "dare",
  a: ArrayLike,
  b: ArrayLike,
  q: ArrayLike,
  r: ArrayLike,
  x: NDArray,
  o: Ops = {},
): NDArray {
  const wide = isComplex(x.dtype) ? "complex128" : "float64";
  const X = x.astype(wide);
  if (kind === "care") {
    const axe = o.e ? mm(mm(H(a), X), o.e) : mm(H(a), X);
    const f = add(o.e ? mm(mm(H(o.e), X), b) : mm(X, b), o.s ?? 0);
    return subtract(add(add(axe, H(axe)), q), mm(f, linalg.solve(r, H(f))));
  }
  const exe = o.e ? mm(mm(H(o.e), X), o.e) : X;
  const f = add(mm(mm(H(a), X), b), o.s ?? 0);
  const g = linalg.solve(add(r, mm(mm(H(b), X), b)), H(f));
  return subtract(add(subtract(mm(mm(H(a), X), a), exe), q), mm(f, g));
}

function assertHermitian(x: NDArray, tol: number) {
  const d = maxAbs(subtract(x, H(x)));
  assert.ok(d <= tol * Math.max(1, maxAbs(x)), `X - Xᴴ is ${d}`);
}

const solver = (kind: "care" | "dare") =>
  kind === "care" ? linalg.solveContinuousAre : linalg.solveDiscreteAre;

describe("solveContinuousAre / solveDiscreteAre: scipy's cases", () => {
  for (const c of CASES) {
    test(`${c.kind} ${c.name}`, () => {
      const [a, b, q, r] = [c.a, c.b, c.q, c.r].map(decode);
      const o: Ops = {};
      if (c.e) o.e = decode(c.e);
      if (c.s) o.s = decode(c.s);
      const run = () => solver(c.kind)(a, b, q, r, o);
      if (c.known !== null) {
        // scipy's known failures (bad residual accuracy): an answer or a LinAlgError, no crash.
        try {
          assert.deepEqual(run().shape, [a.shape[0], a.shape[0]]);
        } catch (e) {
          assert.ok(e instanceof LinAlgError, String(e));
        }
        return;
      }
      // scipy 1.10 with e and balancing combines the balanced basis with the unbalanced e and
      // fails where balancing scales; dlapack balances e too and gives the unbalanced answer.
      const want = c.x ?? c.xUnbalanced;
      assert.ok(want, `scipy failed: ${c.error}`);
      const x = run();
      assert.equal(x.dtype, a.dtype === "float32" && b.dtype === "float32" ? "float32" : x.dtype);
      const single = isSingle(x.dtype);
      assertClose(x, decode(want).toArray(), single ? 1e-5 : 1e-9, c.name);
      assertHermitian(x, single ? 1e-6 : 1e-13);
      const res = residual(c.kind, a, b, q, r, x, o);
      const allowed = 15 * 10 ** -c.decimal!;
      assert.ok(maxAbs(res) <= allowed, `residual ${maxAbs(res)} > ${allowed}`);
    });
  }
});

describe("solveContinuousAre / solveDiscreteAre: layouts, dtypes, stacks, empty", () => {
  const random = CASES.filter((c) => c.name.startsWith("random"));
  for (const c of random.filter((c) => !isSingle(c.a.dtype))) {
    const args = [c.a, c.b, c.q, c.r, ...(c.e ? [c.e, c.s!] : [])].map(decode);
    for (const v of LAYOUTS) {
      test(`${c.kind} ${c.name} / ${v.name}`, () => {
        const made = args.map((x) => v.make(x));
        const before = made.map((x) => x instanceof NDArray ? Array.from(x.data) : x);
        const o = made.length > 4 ? { e: made[4], s: made[5] } : {};
        const x = solver(c.kind)(made[0], made[1], made[2], made[3], o);
        if (v.keepsDType) assert.equal(x.dtype, args[0].dtype);
        assertClose(x, decode((c.x ?? c.xUnbalanced)!).toArray(), 1e-9, c.name);
        assert.deepEqual(
          made.map((x) => x instanceof NDArray ? Array.from(x.data) : x),
          before,
          "inputs unchanged",
        );
      });
    }
  }

  test("float32 and complex64 stay single; precision: single agrees", () => {
    for (const c of random.filter((c) => isSingle(c.a.dtype))) {
      const [a, b, q, r] = [c.a, c.b, c.q, c.r].map(decode);
      for (const precision of ["double", "single"] as const) {
        const x = solver(c.kind)(a, b, q, r, { precision });
        assert.equal(x.dtype, a.dtype);
        assertClose(x, decode(c.x!).toArray(), precision === "single" ? 2e-3 : 1e-5, c.name);
        assertHermitian(x, 1e-6);
      }
    }
  });

  test("a broadcast stack: a (3, 4, 4), b (4, 2), q (1, 4, 4), r (3, 2, 2)", () => {
    const [a, b, q, r] = [F.stack.a, F.stack.b, F.stack.q, F.stack.r].map(decode);
    for (const kind of ["care", "dare"] as const) {
      const x = solver(kind)(a, b, q, r);
      assert.deepEqual(x.shape, [3, 4, 4]);
      assertClose(x, decode(F.stack[kind]).toArray(), 1e-9, kind);
      const res = residual(kind, a, b, q, r, x);
      assert.ok(maxAbs(res) < 1e-10 * Math.max(1, maxAbs(x)), `${kind} residual ${maxAbs(res)}`);
    }
  });

  test("the generalized form: e = I and s = 0 give the standard answer", () => {
    const c = random.find((c) => c.a.dtype === "complex128" && c.kind === "dare")!;
    const [a, b, q, r] = [c.a, c.b, c.q, c.r].map(decode);
    const e = eye(4);
    const s = [[0, 0], [0, 0], [0, 0], [0, 0]];
    for (const kind of ["care", "dare"] as const) {
      const x0 = solver(kind)(a, b, q, r);
      assertClose(solver(kind)(a, b, q, r, { e, s }), x0.toArray(), 1e-10, kind);
      assertClose(solver(kind)(a, b, q, r, { balanced: false }), x0.toArray(), 1e-9, kind);
    }
  });

  test("a scalar r and a 1-D b are scipy's atleast_2d", () => {
    const x = linalg.solveContinuousAre([[0, 1], [0, 0]], [[0], [1]], [[1, 0], [0, 1]], 1);
    assertClose(x, [[Math.sqrt(3), 1], [1, Math.sqrt(3)]], 1e-14);
    const p = linalg.solveDiscreteAre(2, [1], 1, 1);
    assert.deepEqual(p.shape, [1, 1]);
    assert.ok(Math.abs((p.item() as number) - (2 + Math.sqrt(5))) < 1e-12); // p² - 4p - 1 = 0
  });

  test("empty: no states, no inputs, an empty stack", () => {
    const z = (...s: number[]) => new NDArray(new Float64Array(0), "float64", s);
    for (const kind of ["care", "dare"] as const) {
      assert.deepEqual(solver(kind)(z(0, 0), z(0, 2), z(0, 0), [[1, 0], [0, 1]]).shape, [0, 0]);
      assert.deepEqual(
        solver(kind)(z(0, 3, 3), [[1], [0], [0]], eye(3), [[1]]).shape,
        [0, 3, 3],
      );
    }
    // No inputs (n = 0): the Lyapunov equation Aᴴ X + X A + Q = 0.
    const x = linalg.solveContinuousAre([[-1]], z(1, 0), [[2]], z(0, 0));
    assert.ok(Math.abs((x.item() as number) - 1) < 1e-14);
  });
});

describe("solveContinuousAre / solveDiscreteAre: failures and errors", () => {
  test("no stabilizing solution: scipy's words, naming the item; errors: nan", () => {
    // a = 1 unstable and b = 0: (A, B) is not stabilizable, U11 is singular.
    const a = [[[-1]], [[1]], [[-2]]];
    assert.throws(
      () => linalg.solveContinuousAre(a, [[0]], [[1]], [[1]]),
      (e: unknown) =>
        e instanceof LinAlgError &&
        /^Failed to find a finite solution: item 1 of the stack, U11/.test(e.message),
    );
    assert.throws(
      () => linalg.solveDiscreteAre([[[0.5]], [[2]]], [[0]], [[1]], [[1]]),
      (e: unknown) =>
        e instanceof LinAlgError &&
        /^Failed to find a finite solution: item 1 of the stack/.test(e.message),
    );
    const x = linalg.solveContinuousAre(a, [[0]], [[1]], [[1]], { errors: "nan" }).toArray();
    assert.deepEqual(x, [[[0.5]], [[NaN]], [[0.25]]]);
    assert.throws(() => linalg.solveContinuousAre([[1]], [[0]], [[1]], [[1]]), {
      name: "LinAlgError",
      message: /^Failed to find a finite solution: U11/,
    });
  });

  test("scipy's infeasible example: eigenvalues too close to the imaginary axis", () => {
    const A = [[1, -1, 1], [0, 1, 1], [0, 0, 1]];
    const B = [[1, 0], [1, 0], [0, 1]];
    const Q = [[6, -2, -2], [-2, -3, -2], [-2, -2, -3.9]];
    assert.throws(() => linalg.solveContinuousAre(A, B, Q, [[-10, 0], [0, 0.1]]), {
      name: "LinAlgError",
      message: "The associated Hamiltonian pencil has eigenvalues too close to the imaginary axis",
    });
  });

  test("data errors per item: q not hermitian, r singular, NaN", () => {
    const a = [[1, 2], [3, 4]], b = [[1], [1]], q = [[1, 0], [0, 1]];
    assert.throws(() => linalg.solveContinuousAre(a, b, [[1, 2], [3, 1]], [[1]]), {
      name: "LinAlgError",
      message: /^Matrix q should be symmetric\/hermitian/,
    });
    assert.throws(() => linalg.solveDiscreteAre(a, b, q, [[[1]], [[1]], [[{ re: 1, im: 1 }]]]), {
      name: "LinAlgError",
      message: /^Matrix r should be symmetric\/hermitian: item 2 of the stack/,
    });
    assert.throws(() => linalg.solveContinuousAre(a, b, q, [[0]]), {
      name: "LinAlgError",
      message: /^Matrix r is numerically singular/,
    });
    assert.throws(() => linalg.solveContinuousAre(a, b, q, [[1]], { e: [[1, 1], [1, 1]] }), {
      name: "LinAlgError",
      message: /^Matrix e is numerically singular/,
    });
    assert.throws(() => linalg.solveDiscreteAre([[1, 2], [3, NaN]], b, q, [[1]]), {
      name: "LinAlgError",
      message: "Array must not contain infs or NaNs",
    });
  });

  test("shape errors are RangeErrors naming the shapes; options are checked", () => {
    const a = [[1, 2], [3, 4]], b = [[1], [1]], q = [[1, 0], [0, 1]];
    const cases: [() => unknown, RegExp][] = [
      [() => linalg.solveContinuousAre([[1, 2]], b, q, 1), /^Matrix a should be square/],
      [
        () => linalg.solveDiscreteAre(a, [[1], [1], [1]], q, 1),
        /same number of rows.*\(2, 2\) and \(3, 1\)/,
      ],
      [
        () => linalg.solveContinuousAre(a, b, [[1]], 1),
        /^Matrix a and q should have the same shape/,
      ],
      [
        () => linalg.solveContinuousAre(a, b, q, [[1, 0], [0, 1]]),
        /^Matrix b and r should have the same number of cols/,
      ],
      [
        () => linalg.solveContinuousAre(a, b, q, 1, { e: [[1]] }),
        /^Matrix a and e should have the same shape/,
      ],
      [
        () => linalg.solveDiscreteAre(a, b, q, 1, { s: [[1, 1]] }),
        /^Matrix b and s should have the same shape/,
      ],
      [
        () =>
          linalg.solveContinuousAre(a, b, [[[1, 0], [0, 1]], [[1, 0], [0, 1]]], [[[1]], [[1]], [[
            1,
          ]]]),
        /broadcast|shape/i,
      ],
    ];
    for (const [f, re] of cases) {
      assert.throws(f, (e: unknown) => e instanceof RangeError && re.test(e.message));
    }
    // deno-lint-ignore no-explicit-any
    const bad = (o: any) => () => linalg.solveDiscreteAre(a, b, q, 1, o);
    assert.throws(bad({ foo: 1 }), { name: "TypeError", message: /Unknown option "foo"/ });
    assert.throws(bad({ balanced: "yes" }), { name: "TypeError", message: /Invalid balanced/ });
  });
});
