// lapack.*: the specific rules of single routines and of the checked layer.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { lapack } from "../src/lapack.ts";
import type { Lapack } from "../src/lapack.ts";
import type { Any } from "./_lapack_helpers.ts";
import { stride } from "./_lapack_helpers.ts";

// ---------------------------------------------------------------------------------------------
// Specific rules.

describe("lapack: specific rules", () => {
  test("messages name the routine (upper case, as XERBLA), the argument and the numbers", () => {
    const ipiv = lapack.intArray(3);
    assert.throws(() => lapack.dgetrf(3, 3, new Float64Array(8), 3, ipiv), {
      name: "RangeError",
      message: "DGETRF: A has 8 elements, but LDA*N = 3*3 = 9 are needed",
    });
    assert.throws(() => lapack.dgetrf(3, 3, new Float64Array(9), 2, ipiv), {
      name: "RangeError",
      message: "DGETRF: LDA = 2 must be >= max(1,M) = max(1,3) = 3",
    });
    assert.throws(() => lapack.dgetrf(3, 3, new Float32Array(9) as Any, 3, ipiv), {
      name: "TypeError",
      message: "DGETRF: A must be a Float64Array, got Float32Array",
    });
    assert.throws(() => lapack.zgetrf(3, 3, new Float64Array(17), 3, ipiv), {
      message: "ZGETRF: A has 8 complex elements (17 floats), but LDA*N = 3*3 = 9 are needed",
    });
    assert.throws(
      () =>
        lapack.dgesdd(
          "A",
          3,
          2,
          new Float64Array(6),
          3,
          new Float64Array(2),
          new Float64Array(9),
          3,
          new Float64Array(4),
          2,
          new Float64Array(30),
          29,
          lapack.intArray(16),
        ),
      {
        message:
          "DGESDD: LWORK = 29 is too small: LWORK >= max(1,4*mn*mn+6*mn+mx) = max(1,4*2*2+6*2+3) = 31 (JOBZ = 'A') is needed (or -1 for a workspace query)",
      },
    );
    assert.throws(() => lapack.ddot(2, new Float64Array(2), 0, new Float64Array(2), 1), {
      message: "DDOT: INCX must not be 0",
    });
    assert.throws(
      () => lapack.dgetrs("Q" as never, 1, 1, new Float64Array(1), 1, ipiv, new Float64Array(1), 1),
      {
        name: "RangeError",
        message: "DGETRS: TRANS = \"Q\" is not one of 'N', 'T', 'C'",
      },
    );
    assert.throws(() => lapack.dgetrf(3, 3, new Float64Array(9), 3, new Int32Array(2)), RangeError);
    assert.throws(() => (lapack.dgetrf as Any)(3, 3, new Float64Array(9), 3), {
      name: "TypeError",
      message: "DGETRF: expected 5 arguments (M, N, A, LDA, IPIV), got 4",
    });
  });

  test("gelsd: NRHS = 0 only with an empty A", () => {
    const call = (m: number, n: number, nrhs: number) =>
      lapack.dgelsd(
        m,
        n,
        nrhs,
        new Float64Array(4),
        2,
        new Float64Array(4),
        2,
        new Float64Array(2),
        -1,
        lapack.intArray(1),
        new Float64Array(1000),
        1000,
        lapack.intArray(100),
      );
    assert.throws(() => call(2, 2, 0), {
      message: "DGELSD: NRHS = 0 must be >= min(1,M,N) = min(1,2,2) = 1",
    });
    assert.equal(call(2, 0, 0), 0);
    assert.equal(call(0, 2, 0), 0);
  });

  test("32-bit libraries: no array may span more elements than INTEGER indexes", () => {
    if (stride === 2) return;
    // dcopy computes (-N+1)*INCX in INTEGER: 3 elements 2^30 apart would wrap.
    const x = new Float64Array(1);
    assert.throws(() => lapack.dcopy(3, x, -(2 ** 30), new Float64Array(3), 1), {
      name: "RangeError",
      message:
        /X would span 2147483649 elements, more than the library's 32-bit integers can index/,
    });
  });

  test("lower-case letters are accepted", () => {
    const a = new Float64Array([4, 2, 2, 3]);
    assert.equal(lapack.dpotrf("l" as Any, 2, a, 2), 0);
    const b = new Float64Array([1, 1]);
    assert.equal(lapack.dpotrs("l" as Any, 2, 1, a, 2, b, 2), 0);
    assert.ok(Math.abs(4 * b[0] + 2 * b[1] - 1) < 1e-12);
  });

  test("pivots must be row indices in 1..N", () => {
    const a = new Float64Array([2, 0, 0, 2]), b = new Float64Array(2);
    for (const bad of [0, 3, -1, 2 ** 31 - 1]) {
      const ipiv = lapack.intArray(2);
      ipiv[0] = 1;
      ipiv[stride] = bad;
      assert.throws(() => lapack.dgetrs("N", 2, 1, a, 2, ipiv, b, 2), RangeError, String(bad));
      assert.throws(
        () => lapack.dgetri(2, a, 2, ipiv, new Float64Array(2), 2),
        RangeError,
        String(bad),
      );
    }
    if (stride === 2) {
      const ipiv = lapack.intArray(2);
      ipiv[0] = 1;
      ipiv[2] = 2;
      ipiv[3] = 1; // 2 + 2^32
      assert.throws(() => lapack.dgetrs("N", 2, 1, a, 2, ipiv, b, 2), RangeError);
    }
    // A workspace query does not read the pivots.
    assert.equal(lapack.dgetri(2, a, 2, lapack.intArray(2), new Float64Array(1), -1), 0);
  });

  test("the iterative drivers refuse infs and NaNs where LAPACK reads", () => {
    const n = 2;
    const nanA = () => new Float64Array([1, NaN, 0, 1]); // A(2,1) = NaN
    const w = new Float64Array(n), work = new Float64Array(100), iw = lapack.intArray(20);
    assert.throws(() => lapack.dsyevd("N", "L", n, nanA(), n, w, work, 100, iw, 20), {
      message:
        "DSYEVD: A must not contain infs or NaNs (LAPACK may not return on them): A(2,1) = NaN",
    });
    // The upper triangle does not read A(2,1).
    assert.equal(lapack.dsyevd("N", "U", n, nanA(), n, w, work, 100, iw, 20), 0);
    assert.throws(
      () =>
        lapack.dgeev(
          "N",
          "N",
          n,
          nanA(),
          n,
          w,
          w.slice(),
          work,
          1,
          work.slice(),
          1,
          work.slice(),
          100,
        ),
      RangeError,
    );
    assert.throws(
      () =>
        lapack.dgesdd(
          "N",
          n,
          n,
          nanA(),
          n,
          w,
          work.slice(),
          1,
          work.slice(),
          1,
          work.slice(),
          100,
          iw,
        ),
      RangeError,
    );
    assert.throws(
      () =>
        lapack.dgesvd(
          "N",
          "N",
          n,
          n,
          nanA(),
          n,
          w,
          work.slice(),
          1,
          work.slice(),
          1,
          work.slice(),
          100,
        ),
      RangeError,
    );
    assert.throws(
      () =>
        lapack.zgesdd(
          "N",
          1,
          1,
          new Float64Array([1, Infinity]),
          1,
          new Float64Array(1),
          new Float64Array(2),
          1,
          new Float64Array(2),
          1,
          new Float64Array(20),
          10,
          new Float64Array(20),
          lapack.intArray(8),
        ),
      {
        message:
          "ZGESDD: A must not contain infs or NaNs (LAPACK may not return on them): A(1,1) = 1+Infinityi",
      },
    );
    // Padding rows beyond M (LDA > M) are not read.
    const padded = new Float64Array([1, NaN, 2, NaN]);
    assert.equal(
      lapack.dgesdd(
        "N",
        1,
        2,
        padded,
        2,
        new Float64Array(1),
        new Float64Array(1),
        1,
        new Float64Array(1),
        1,
        new Float64Array(100),
        100,
        lapack.intArray(8),
      ),
      0,
    );
    // A workspace query does not read A.
    assert.equal(
      lapack.dgesdd(
        "N",
        n,
        n,
        nanA(),
        n,
        w,
        work.slice(),
        1,
        work.slice(),
        1,
        work.slice(),
        -1,
        iw,
      ),
      0,
    );
    // gelsd: B too.
    const b = new Float64Array([1, NaN]);
    assert.throws(
      () =>
        lapack.dgelsd(
          2,
          2,
          1,
          new Float64Array([1, 0, 0, 1]),
          2,
          b,
          2,
          w,
          -1,
          lapack.intArray(1),
          new Float64Array(1000),
          1000,
          lapack.intArray(100),
        ),
      /B\(2,1\) = NaN/,
    );
  });

  test("an array LAPACK writes may not overlap another array", () => {
    const buf = new ArrayBuffer(1024);
    const a = new Float64Array(buf, 0, 4);
    const ipiv = new Int32Array(buf, 16, 2 * stride);
    assert.throws(() => lapack.dgetrf(2, 2, a, 2, ipiv), /IPIV .* overlap/);
    // Adjacent is fine.
    new Float64Array(buf, 0, 4).set([2, 1, 1, 2]);
    assert.equal(
      lapack.dgetrf(2, 2, new Float64Array(buf, 0, 4), 2, new Int32Array(buf, 32, 2 * stride)),
      0,
    );
    // Read-only arrays may share memory: A^T A with A passed twice.
    const m = new Float64Array([1, 2, 3, 4]);
    const c = new Float64Array(4);
    const one = new Float64Array([1]), zero = new Float64Array([0]);
    assert.equal(lapack.dgemm("T", "N", 2, 2, 2, one, m, 2, m, 2, zero, c, 2), 0);
    assert.deepEqual([...c], [5, 11, 11, 25]);
    // C overlapping A is refused; so is the same array as X and Y of copy.
    const big = new Float64Array(8);
    assert.throws(
      () =>
        lapack.dgemm(
          "N",
          "N",
          2,
          2,
          2,
          one,
          big.subarray(0, 4),
          2,
          c,
          2,
          zero,
          big.subarray(2, 6),
          2,
        ),
      {
        message:
          "DGEMM: A (bytes 0..32) and C (bytes 16..48) overlap in one buffer, and LAPACK writes C",
      },
    );
    assert.equal(
      lapack.dgemm(
        "N",
        "N",
        2,
        2,
        2,
        one,
        big.subarray(0, 4),
        2,
        c,
        2,
        zero,
        big.subarray(4, 8),
        2,
      ),
      0,
    );
    assert.throws(() => lapack.dcopy(2, m, 1, m, 1), /overlap/);
    assert.equal(lapack.dcopy(2, m, 1, m.subarray(2), 1), 0);
    assert.deepEqual([...m], [1, 2, 1, 2]);
  });

  test("shared memory: floats are fine, integers are refused", () => {
    const a = new Float64Array(new SharedArrayBuffer(32));
    a.set([2, 0, 0, 2]);
    assert.equal(lapack.dgetrf(2, 2, a, 2, lapack.intArray(2)), 0);
    const shared = new Int32Array(new SharedArrayBuffer(16));
    assert.throws(() => lapack.dgetrf(2, 2, a, 2, shared), /SharedArrayBuffer/);
  });

  test("resizable buffers and subclasses are read by their real lengths", () => {
    const rb = new ArrayBuffer(16, { maxByteLength: 64 });
    const x = new Float64Array(rb);
    x.set([1, 2]);
    assert.equal(lapack.ddot(2, x, 1, x, 1), 5);
    rb.resize(8);
    assert.throws(() => lapack.ddot(2, x, 1, new Float64Array(2), 1), RangeError);
    class Mine extends Float64Array {}
    assert.equal(lapack.ddot(2, new Mine([1, 2]), 1, new Mine([3, 4]), 1), 11);
  });

  test("ANORM and RCOND", () => {
    const args = (anorm: number) =>
      [
        "1",
        1,
        new Float32Array([1]),
        1,
        anorm,
        new Float32Array(1),
        new Float32Array(4),
        lapack.intArray(1),
      ] as const;
    assert.equal((lapack.sgecon as Any)(...args(1)), 0);
    assert.throws(() => (lapack.sgecon as Any)(...args(1e39)), /single precision/);
    assert.throws(() => (lapack.sgecon as Any)(...args(-0.5)), RangeError);
    assert.equal(
      (lapack.dgecon as Any)(
        "1",
        1,
        new Float64Array([1]),
        1,
        1e300,
        new Float64Array(1),
        new Float64Array(4),
        lapack.intArray(1),
      ),
      0,
    );
  });

  test("intArray and intStride", () => {
    assert.ok(stride === 1 || stride === 2);
    assert.equal(lapack.intArray(3).length, 3 * stride);
    assert.equal(lapack.intArray(0).length, 0);
    assert.ok(lapack.intArray(2) instanceof Int32Array);
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53]) {
      assert.throws(() => lapack.intArray(bad), RangeError);
    }
    assert.throws(() => lapack.intArray("3" as never), TypeError);
    assert.throws(() => lapack.intArray(NaN), {
      name: "RangeError",
      message: "Invalid n for lapack.intArray(): NaN is not an integer >= 0",
    });
    assert.throws(() => lapack.intArray("3" as never), {
      name: "TypeError",
      message: 'Invalid n for lapack.intArray(): expected an integer number, got the string "3"',
    });
  });

  test("intArray: an allocation the engine refuses is a RangeError naming n and the bytes", () => {
    // V8: "Array buffer allocation failed", JavaScriptCore: "Out of memory", both RangeErrors
    // without n; here the message says what could not be allocated.
    assert.throws(() => lapack.intArray(1e15), (e: unknown) => {
      assert.ok(e instanceof RangeError, String(e));
      const head = `Cannot allocate an integer array of 1000000000000000 elements (${
        4e15 * stride
      } bytes)`;
      assert.ok(e.message.startsWith(head), e.message);
      return true;
    });
    // Beyond what a number counts exactly: refused before any allocation is tried.
    for (const n of [2 ** 53, 1e300]) {
      assert.throws(() => lapack.intArray(n), {
        name: "RangeError",
        message:
          /^Cannot allocate an integer array of \S+ elements \(\S+ bytes\): more than the \d+ bytes a JavaScript number counts exactly$/,
      });
    }
    // The process is fine, and the next allocation works.
    assert.equal(lapack.intArray(4).length, 4 * stride);
  });

  test("messages never run user code (no toString, valueOf or getter of a value)", () => {
    let ran = 0;
    const hit = () => {
      ran++;
      return 1;
    };
    class Sneaky {
      static get name(): string {
        hit();
        return "Sneaky";
      }
    }
    class Plain {}
    const viaProto = Object.create({
      get constructor() {
        return hit();
      },
    });
    const primitive = {
      toString: hit,
      valueOf: hit,
      [Symbol.toPrimitive]: hit,
      get constructor() {
        return hit();
      },
    };
    const proxy = new Proxy({}, { get: hit, has: () => !!hit(), ownKeys: () => (hit(), []) });
    let deep: unknown[] = [1];
    for (let k = 0; k < 100_000; k++) deep = [deep];
    const named = class {};
    Object.defineProperty(named, "name", { value: { toString: hit } });
    const hostile: [unknown, string][] = [
      [new Sneaky(), "an object that is not a typed array"],
      [viaProto, "an object that is not a typed array"],
      [primitive, "an object that is not a typed array (constructor Object)"],
      [proxy, "an object that is not a typed array (constructor Object)"],
      [deep, "an Array"],
      [new named(), "an object that is not a typed array"],
      [Object.create(null), "an object that is not a typed array"],
      [new Plain(), "an object that is not a typed array (constructor Plain)"],
      [new ArrayBuffer(72), "an object that is not a typed array (constructor ArrayBuffer)"],
    ];
    const ipiv = lapack.intArray(3);
    for (const [v, shown] of hostile) {
      // An array argument, an integer, a letter, a real, and intArray's n.
      assert.throws(() => lapack.dgetrf(3, 3, v as never, 3, ipiv), {
        name: "TypeError",
        message: `DGETRF: A must be a Float64Array, got ${shown}`,
      });
      assert.throws(() => lapack.dgetrf(v as never, 3, new Float64Array(9), 3, ipiv), {
        name: "TypeError",
        message: `DGETRF: M must be an integer number, got ${shown}`,
      });
      assert.throws(
        () => lapack.dpotrf(v as never, 1, new Float64Array(1), 1),
        { name: "TypeError", message: `DPOTRF: UPLO must be a one-letter string, got ${shown}` },
      );
      assert.throws(
        () =>
          lapack.dgecon(
            "1",
            1,
            new Float64Array(1),
            1,
            v as never,
            new Float64Array(1),
            new Float64Array(4),
            lapack.intArray(1),
          ),
        { name: "TypeError", message: `DGECON: ANORM must be a number, got ${shown}` },
      );
      assert.throws(() => lapack.intArray(v as never), {
        name: "TypeError",
        message: `Invalid n for lapack.intArray(): expected an integer number, got ${
          shown.replace(" that is not a typed array", "")
        }`,
      });
    }
    assert.equal(ran, 0, "user code ran while a message was made");
  });

  test("types: signatures per template", () => {
    const getrf: (m: number, n: number, a: Float64Array, lda: number, ipiv: Int32Array) => number =
      lapack.dgetrf;
    const cgetrf: (m: number, n: number, a: Float32Array, lda: number, ipiv: Int32Array) => number =
      lapack.cgetrf;
    const dot: Lapack["sdot"] = lapack.sdot;
    // @ts-expect-error: a Float32Array is not a Float64Array
    const wrong: Lapack["dgetrf"] = (_m: number, _n: number, _a: Float32Array) => 0;
    // @ts-expect-error: there is no complex syevd
    void lapack.zsyevd;
    assert.equal([getrf, cgetrf, dot, wrong].length, 4);
  });
});
