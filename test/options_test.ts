// Options objects: every public function that takes one refuses a key it does not read with a
// TypeError (numpy's answer to an unexpected keyword), naming the function and what it takes,
// so that `{ out }` given to a function without `out`, or a misspelled key, cannot silently
// give another program. And the keys a function takes are exactly those it reads.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  array,
  asarray,
  configure,
  empty,
  eye,
  fromTypedArray,
  gufunc,
  linalg,
  NDArray,
  ones,
  zeros,
} from "../mod.ts";
import { throwsMsg } from "./_cases.ts";

type Options = Record<string, unknown>;

interface Entry {
  /** The name in messages. */
  name: string;
  /** A valid call with these options. */
  call: (o: Options | undefined) => unknown;
  /** The keys it takes, in the order its message lists them. */
  keys: string[];
  /** Whether the call can be made with a Proxy that records what is read (false: it posts or starts workers). */
  reads?: boolean;
}

const ENGINE = ["out", "errors", "precision", "dtype"];
const BATCH = ["errors", "precision"];
const A = [[4, 2], [2, 10]];
const L = linalg;
const rowSum = gufunc({
  name: "rowSum",
  signature: "(m,n)->(m)",
  kernels: {
    float64: ({ dims: { m, n } }) => ([a, out]) => {
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i + j * m];
        out[i] = s;
      }
      return 0;
    },
  },
});

// deno-lint-ignore no-explicit-any
const o = (x: Options | undefined): any => x;

const SYNC: Entry[] = [
  { name: "inv", call: (x) => L.inv(A, o(x)), keys: ENGINE },
  {
    name: "solve",
    call: (x) => L.solve(A, [1, 2], o(x)),
    keys: ["assumeA", "lower", ...ENGINE],
  },
  { name: "det", call: (x) => L.det(A, o(x)), keys: ENGINE },
  { name: "slogdet", call: (x) => L.slogdet(A, o(x)), keys: ENGINE },
  { name: "cholesky", call: (x) => L.cholesky(A, o(x)), keys: ["upper", ...ENGINE] },
  { name: "qr", call: (x) => L.qr(A, o(x)), keys: ["mode", "pivoting", ...ENGINE] },
  { name: "eig", call: (x) => L.eig(A, o(x)), keys: BATCH },
  { name: "eigvals", call: (x) => L.eigvals(A, o(x)), keys: BATCH },
  { name: "eigh", call: (x) => L.eigh(A, o(x)), keys: ["UPLO", ...ENGINE] },
  { name: "eigvalsh", call: (x) => L.eigvalsh(A, o(x)), keys: ["UPLO", ...ENGINE] },
  {
    name: "svd",
    call: (x) => L.svd(A, o(x)),
    keys: ["fullMatrices", "computeUv", "hermitian", "lapackDriver", ...BATCH],
  },
  { name: "svdvals", call: (x) => L.svdvals(A, o(x)), keys: BATCH },
  { name: "pinv", call: (x) => L.pinv(A, o(x)), keys: ["rcond", "rtol", "hermitian", ...BATCH] },
  {
    name: "matrixRank",
    call: (x) => L.matrixRank(A, o(x)),
    keys: ["tol", "rtol", "hermitian", ...BATCH],
  },
  { name: "cond", call: (x) => L.cond(A, undefined, o(x)), keys: BATCH },
  {
    name: "lstsq",
    call: (x) => L.lstsq(A, [1, 2], o(x)),
    keys: ["rcond", "lapackDriver", "precision"],
  },
  { name: "norm", call: (x) => L.norm([3, 4], o(x)), keys: ["ord", "axis", "keepdims"] },
  { name: "matrixNorm", call: (x) => L.matrixNorm(A, o(x)), keys: ["ord", "keepdims"] },
  {
    name: "vectorNorm",
    call: (x) => L.vectorNorm([3, 4], o(x)),
    keys: ["ord", "axis", "keepdims"],
  },
  { name: "matmul", call: (x) => L.matmul(A, A, o(x)), keys: ENGINE },
  { name: "multiDot", call: (x) => L.multiDot([A, A, [1, 2]], o(x)), keys: ["out", "precision"] },
  { name: "outer", call: (x) => L.outer([1, 2], [3, 4], o(x)), keys: ENGINE },
  { name: "cross", call: (x) => L.cross([1, 0, 0], [0, 1, 0], o(x)), keys: ["axis", "precision"] },
  { name: "vecdot", call: (x) => L.vecdot([1, 2], [3, 4], o(x)), keys: ["axis", "precision"] },
  { name: "trace", call: (x) => L.trace(A, o(x)), keys: ["offset"] },
  { name: "diagonal", call: (x) => L.diagonal(A, o(x)), keys: ["offset"] },
  { name: "matrixPower", call: (x) => L.matrixPower(A, -2, o(x)), keys: BATCH },
  {
    name: "tensorsolve",
    call: (x) => L.tensorsolve(eye(6).reshape([2, 3, 6]), ones([2, 3]), o(x)),
    keys: ["axes", "precision"],
  },
  {
    name: "tensorinv",
    call: (x) => L.tensorinv(eye(4).reshape([2, 2, 4]), o(x)),
    keys: ["ind", ...BATCH],
  },
  { name: "array", call: (x) => array([1, 2], o(x)), keys: ["dtype"] },
  { name: "asarray", call: (x) => asarray([1, 2], o(x)), keys: ["dtype"] },
  { name: "zeros", call: (x) => zeros(2, o(x)), keys: ["dtype"] },
  { name: "ones", call: (x) => ones(2, o(x)), keys: ["dtype"] },
  { name: "empty", call: (x) => empty(2, o(x)), keys: ["dtype"] },
  { name: "eye", call: (x) => eye(2, o(x)), keys: ["m", "k", "dtype"] },
  {
    name: "fromTypedArray",
    call: (x) => fromTypedArray(new Float64Array(2), [2], o(x)),
    keys: ["dtype", "order"],
  },
  { name: "rowSum", call: (x) => rowSum([[1, 2]], o(x)), keys: ENGINE },
  // Both throw before anything changes for an unknown key; read no further here (configure
  // would change the backend's settings, createPool would start workers).
  {
    name: "configure",
    call: (x) => configure(o(x)),
    keys: ["library", "abi", "integers", "heap"],
    reads: false,
  },
  {
    name: "createPool",
    call: (x) => L.createPool(o(x)).close(),
    keys: ["workers", "minItemsPerWorker"],
    reads: false,
  },
];

/** The expected message for `key`. */
const unknown = (key: string, name: string, keys: string[]) =>
  new RegExp(
    `^Unknown option ${JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} for ${
      name.replace(".", "\\.")
    }\\(\\): it takes ${keys.join(", ")}$`,
  );

describe("options: a key a function does not take is a TypeError", () => {
  for (const e of SYNC) {
    const bogus = e.keys.includes("out") ? "outt" : "out";
    test(`${e.name}({ ${bogus} })`, () => {
      throwsMsg(
        () => e.call({ [bogus]: zeros([2, 2]) }),
        TypeError,
        unknown(bogus, e.name, e.keys),
      );
    });
  }

  test("the first example of the fuzz finding: norm(a, { out }) names what norm takes", () => {
    throwsMsg(
      () => linalg.norm([3, 4], { out: zeros([]) } as never),
      TypeError,
      /^Unknown option "out" for norm\(\): it takes ord, axis, keepdims$/,
    );
  });

  test("a misspelled key among good ones", () => {
    throwsMsg(
      () => linalg.svd([[1, 2]], { computeUv: true, fullmatrices: false } as never),
      TypeError,
      /^Unknown option "fullmatrices" for svd\(\): it takes fullMatrices, computeUv, hermitian, lapackDriver, errors, precision$/,
    );
  });

  test("an inherited enumerable key is refused too (the function would read it)", () => {
    const opts = Object.create({ out: zeros([]) });
    throwsMsg(
      () => linalg.trace([[1, 2], [3, 4]], opts),
      TypeError,
      /^Unknown option "out" for trace\(\)/,
    );
  });

  test("a long key is cut in the message", () => {
    throwsMsg(
      () => linalg.det(A, { ["k".repeat(1000)]: 1 } as never),
      TypeError,
      /^Unknown option "k{40}\.\.\." for det\(\): it takes/,
    );
  });

  test("undefined is no options; an object without keys is fine; a non-object is refused as before", () => {
    assert.equal(linalg.det([[2]]).item(), 2);
    assert.equal(linalg.det([[2]], {}).item(), 2);
    assert.equal(linalg.norm([3, 4], Object.create(null)).item(), 5);
    throwsMsg(
      () => rowSum([[1, 2]], 5 as never),
      TypeError,
      /^Invalid options for rowSum\(\): expected an object, got number$/,
    );
    throwsMsg(
      () => L.createPool(null as never),
      TypeError,
      /^Invalid options for createPool\(\): expected an object, got null$/,
    );
  });
});

describe("options: the keys a function takes are exactly those it reads", () => {
  for (const e of SYNC.filter((e) => e.reads !== false)) {
    test(`${e.name} takes each of ${e.keys.join(", ")} (given as undefined)`, () => {
      for (const k of e.keys) e.call({ [k]: undefined });
    });
    test(`${e.name} reads ${e.keys.join(", ")} and nothing else`, () => {
      const read = new Set<string>();
      const spy = new Proxy({}, {
        get(_t, k) {
          if (typeof k === "string") read.add(k);
          return undefined;
        },
      });
      e.call(spy as Options);
      assert.deepEqual([...read].sort(), [...e.keys].sort());
    });
  }

  test("functions that pass their options on take what the callee needs: cond -> inv, norm's orders, pinv -> svd", () => {
    assert.ok((linalg.cond(A, "fro", { precision: "single", errors: "nan" }).item() as number) > 1);
    assert.equal(linalg.norm([[1, 2], [3, 4]], { ord: 1, axis: [0, 1], keepdims: true }).item(), 6);
    assert.deepEqual(linalg.pinv(A, { hermitian: true, rtol: null, precision: "single" }).shape, [
      2,
      2,
    ]);
    const out = zeros([2, 2]);
    assert.equal(linalg.multiDot([A, A], { out, precision: "double" }), out);
    assert.equal(linalg.matrixPower(A, -1, { errors: "raise" }).shape[0], 2);
  });

  test("where `out` is taken, the result is `out`", () => {
    const out = zeros([2, 2]);
    assert.equal(linalg.cholesky(A, { out }), out);
    const [s, l] = [zeros([]), zeros([])];
    const r = linalg.slogdet(A, { out: [s, l] });
    assert.ok(r.sign === s && r.logabsdet === l);
  });
});

describe("options: linalg.async takes the synchronous function's options less `out`", () => {
  const ASYNC: [string, (x: Options) => Promise<unknown>, string[]][] = [
    ["inv", (x) => L.async.inv(A, o(x)), BATCH.concat("dtype")],
    ["solve", (x) => L.async.solve(A, [1, 2], o(x)), ["assumeA", "lower", ...BATCH, "dtype"]],
    ["det", (x) => L.async.det(A, o(x)), BATCH.concat("dtype")],
    ["slogdet", (x) => L.async.slogdet(A, o(x)), BATCH.concat("dtype")],
    ["cholesky", (x) => L.async.cholesky(A, o(x)), ["upper", ...BATCH, "dtype"]],
    ["qr", (x) => L.async.qr(A, o(x)), ["mode", "pivoting", ...BATCH, "dtype"]],
    ["eig", (x) => L.async.eig(A, o(x)), BATCH],
    ["eigvals", (x) => L.async.eigvals(A, o(x)), BATCH],
    ["eigh", (x) => L.async.eigh(A, o(x)), ["UPLO", ...BATCH, "dtype"]],
    ["eigvalsh", (x) => L.async.eigvalsh(A, o(x)), ["UPLO", ...BATCH, "dtype"]],
  ];
  for (const [name, call, keys] of ASYNC) {
    test(`linalg.async.${name}({ bogus })`, async () => {
      await assert.rejects(call({ bogus: 1 }), (e: unknown) => {
        assert.ok(e instanceof TypeError, String(e));
        assert.match((e as Error).message, unknown("bogus", `linalg.async.${name}`, keys));
        return true;
      });
    });
  }
  test("and runs with the options it takes", async () => {
    const r = await L.async.det(A, { errors: "nan", precision: "double" });
    assert.ok(r instanceof NDArray);
    assert.ok(Math.abs((r.item() as number) - 36) < 1e-9);
  });
});
