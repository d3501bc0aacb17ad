// Runs under mpirun (scripts/mpirun.sh 4 <runtime> test/_distributed_child.ts <mode> ...): every
// distributed function on several grid shapes, compared on rank 0 with single-machine dlapack
// on the same matrix. Prints one `RESULT {json}` line per case and rank; distributed_test.ts
// reads them. Modes: "grids" (float64 on 1x4, 2x2, 4x1), "dtypes" (all four dtypes on 2x2),
// "errors" (every rank raises the same error), "throw" (rank 1 throws: the job must end).
import process from "node:process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { init, LinAlgError } from "../distributed.ts";
import type { DArray, World } from "../distributed.ts";
import type { NDArray } from "../mod.ts";
import { fromTypedArray, linalg, readNpy, writeNpy } from "../mod.ts";

const args = process.argv.slice(2).filter((a) => !a.endsWith(".ts"));
const mode = args[0] ?? "grids";
/** A directory every rank can see, for the .npy cases (the parent test makes and removes it). */
const TMP = process.env.DLAPACK_DIST_TMP ?? tmpdir();
const n = Number(args[1] ?? 500);

function report(rank: number, r: Record<string, unknown>): void {
  console.log("RESULT " + JSON.stringify({ rank, ...r }));
}

type Fn = (i: number, j: number) => number | { re: number; im: number };

/** A well-conditioned general matrix, a symmetric/Hermitian positive definite one, as functions. */
function gen(n: number, complex: boolean): { gen: Fn; spd: Fn; det: Fn } {
  const s = (i: number, j: number) => 1.5 * Math.sin(7 * i + 3 * j + 1) / n;
  const c = (i: number, j: number) => Math.cos(5 * i - 2 * j) / n;
  if (!complex) {
    return {
      gen: (i, j) => (i === j ? 4 : 0) + s(i, j),
      spd: (i, j) => (i === j ? 4 : 0) + s(Math.min(i, j), Math.max(i, j)),
      det: (i, j) => (i === j ? 1 : 0) + 0.5 * s(i, j),
    };
  }
  return {
    gen: (i, j) => ({ re: (i === j ? 4 : 0) + s(i, j), im: c(i, j) }),
    spd: (i, j) => {
      const a = Math.min(i, j), b = Math.max(i, j);
      const im = i === j ? 0 : (i < j ? 1 : -1) * c(a, b);
      return { re: (i === j ? 4 : 0) + s(a, b), im };
    },
    det: (i, j) => ({ re: (i === j ? 1 : 0) + 0.5 * s(i, j), im: 0.5 * c(i, j) }),
  };
}

function dense(f: Fn, m: number, k: number, dtype: string): NDArray {
  const complex = dtype.startsWith("complex");
  const single = dtype === "float32" || dtype === "complex64";
  const data = single
    ? new Float32Array(m * k * (complex ? 2 : 1))
    : new Float64Array(m * k * (complex ? 2 : 1));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) {
      const v = f(i, j);
      if (complex) {
        data[2 * (i * k + j)] = typeof v === "number" ? v : v.re;
        data[2 * (i * k + j) + 1] = typeof v === "number" ? 0 : v.im;
      } else data[i * k + j] = v as number;
    }
  }
  return fromTypedArray(data, [m, k], { dtype });
}

/** Relative Frobenius distance of two arrays of the same shape (any strides; complex as pairs). */
function rel(x: NDArray, y: NDArray): number {
  if (x.shape.join() !== y.shape.join()) return Infinity;
  const c = x.dtype.startsWith("complex") ? 2 : 1;
  const [m, k] = x.shape.length === 2 ? x.shape : x.shape.length === 1 ? [x.shape[0], 1] : [1, 1];
  const sx = x.shape.length === 2 ? x.strides : [x.strides[0] ?? 0, 0];
  const sy = y.shape.length === 2 ? y.strides : [y.strides[0] ?? 0, 0];
  let s = 0, t = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) {
      const p = (x.offset + i * sx[0] + j * sx[1]) * c, q = (y.offset + i * sy[0] + j * sy[1]) * c;
      for (let r = 0; r < c; r++) {
        s += (x.data[p + r] - y.data[q + r]) ** 2;
        t += y.data[q + r] ** 2;
      }
    }
  }
  return Math.sqrt(s / Math.max(t, 1e-300));
}

function run(world: World, dtype: string, nb: number, tag: string): void {
  const complex = dtype.startsWith("complex");
  const single = dtype === "float32" || dtype === "complex64";
  const tol = single ? 2e-3 : 1e-9;
  const f = gen(n, complex);
  const me = world.rank === 0;
  const opts = { blockSize: nb, dtype };
  const A = world.fromFunction([n, n], f.gen, opts);
  const S = world.fromFunction([n, n], f.spd, opts);
  const D = world.fromFunction([n, n], f.det, opts);
  const nrhs = 3;
  const rhs: Fn = (i, j) => complex ? { re: i % 7 - j, im: (i + j) % 5 } : i % 7 - j;
  const B = world.fromFunction([n, nrhs], rhs, opts);
  const mt = n + 41;
  const T = world.fromFunction([mt, n], f.gen, opts);
  const BT = world.fromFunction([mt, nrhs], rhs, opts);
  // Each comparison runs on its own rank in turn (the result gathered there), so the
  // single-machine references are computed on all ranks instead of one.
  let turn = 0;
  const lazy = <T>(f: () => T) => {
    let v: T | undefined;
    return () => (v ??= f());
  };
  const As = lazy(() => dense(f.gen, n, n, dtype));
  const Ss = lazy(() => dense(f.spd, n, n, dtype));
  const Bs = lazy(() => dense(rhs, n, nrhs, dtype));
  const out = (name: string, err: number, t: number = tol) =>
    report(world.rank, { tag, case: name, dtype, err, tol: t, ok: err <= t });
  /** Gathers the results on the next rank in turn; `compare` runs there. */
  const on = (ds: DArray[], compare: (...g: NDArray[]) => void) => {
    const root = turn++ % world.size;
    const g = ds.map((d) => d.gather({ root }));
    if (world.rank === root) compare(...(g as NDArray[]));
  };
  const check = (name: string, d: DArray, single: () => NDArray) =>
    on([d], (g) => out(name, rel(g, single())));
  const full = tag === "2x2";
  check("solve", world.linalg.solve(A, B), () => linalg.solve(As(), Bs()));
  check("cholesky", world.linalg.cholesky(S), () => linalg.cholesky(Ss()));
  if (full) {
    const U = world.linalg.cholesky(S, { upper: true });
    check("cholesky upper", U, () => linalg.cholesky(Ss(), { upper: true }));
  }
  const upper = world.linalg.choFactor(S);
  check("choSolve", world.linalg.choSolve(upper, B), () => linalg.solve(Ss(), Bs()));
  if (full) {
    const lower = world.linalg.choFactor(S, { lower: true });
    check("choSolve lower", world.linalg.choSolve(lower, B), () => linalg.solve(Ss(), Bs()));
  }
  const ls = world.linalg.lstsq(T, BT);
  on([ls.x], (x) => {
    const r = linalg.lstsq(dense(f.gen, mt, n, dtype), dense(rhs, mt, nrhs, dtype));
    out("lstsq", Math.max(rel(x, r.x), rel(ls.residuals, r.residuals)), single ? 1e-2 : tol);
  });
  const e = world.linalg.eigh(S);
  on([e.eigenvectors], (V) => {
    const r = linalg.eigh(Ss());
    // eigenvectors have free signs (phases): compare A V = V diag(w) instead
    const AV = linalg.matmul(Ss(), V);
    const w = e.eigenvalues.toArray() as number[];
    const VW = linalg.matmul(V, dense((i, j) => (i === j ? w[i] : 0), n, n, dtype));
    out("eigh", Math.max(rel(e.eigenvalues, r.eigenvalues), rel(AV, VW)));
  });
  const sv = world.linalg.svd(A);
  on([sv.U, sv.Vh], (U, Vh) => {
    const r = linalg.svd(As());
    const s = sv.S.toArray() as number[];
    const US = linalg.matmul(U, dense((i, j) => (i === j ? s[i] : 0), n, n, dtype));
    out("svd", Math.max(rel(sv.S, r.S), rel(linalg.matmul(US, Vh), As())));
  });
  if (full) {
    const sOnly = world.linalg.svdvals(A);
    if (world.rank === turn++ % world.size) out("svdvals", rel(sOnly, linalg.svd(As()).S));
  }
  check("inv", world.linalg.inv(A), () => linalg.inv(As()));
  const det = world.linalg.det(D);
  if (world.rank === turn++ % world.size) {
    out("det", rel(det, linalg.det(dense(f.det, n, n, dtype))), single ? 1e-2 : tol);
  }
  check("matmul", world.linalg.matmul(A, B), () => linalg.matmul(As(), Bs()));
  check(
    "matmul tall",
    world.linalg.matmul(T, A),
    () => linalg.matmul(dense(f.gen, mt, n, dtype), As()),
  );
  // scatter from rank 1, gather to the last rank
  const root = Math.min(1, world.size - 1);
  const sc = world.scatter(world.rank === root ? As() : null, { root, blockSize: nb });
  const back = sc.gather({ root: world.size - 1 });
  if (world.rank === world.size - 1) {
    const err = rel(back!, As());
    report(world.rank, { tag, case: "scatter/gather", dtype, err, tol: 0, ok: err === 0 });
  }
  // .npy written block by block and read back, both ways (a directory every rank sees)
  const path = join(TMP, `${tag}-${dtype}-${n}.npy`);
  A.writeNpy(path);
  if (me) out("writeNpy", rel(readNpy(path), As()), 0);
  if (me) writeNpy(path, Ss());
  world.barrier();
  const R = world.readNpy(path, { blockSize: nb + 5 });
  check("readNpy", R, () => Ss());
  world.barrier();
  if (me) rmSync(path, { force: true });
}

function errors(world: World): void {
  const r = world.rank;
  const expect = (
    name: string,
    f: () => unknown,
    cls: new (...a: never[]) => Error,
    words: string,
  ) => {
    try {
      f();
      report(r, { case: name, ok: false, msg: "did not throw" });
    } catch (e) {
      const ok = e instanceof cls && (e as Error).message.startsWith(words);
      report(r, { case: name, ok, msg: `${(e as Error).name}: ${(e as Error).message}` });
    }
  };
  const n = 200;
  const sing = world.fromFunction(
    [n, n],
    (i, j) => (i === 150 || j === 150 ? 0 : (i === j ? 2 : 0.1)),
    { blockSize: 32 },
  );
  const b = world.fromFunction([n, 1], () => 1, { blockSize: 32 });
  expect("solve singular", () => world.linalg.solve(sing, b), LinAlgError, "Singular matrix");
  expect("inv singular", () => world.linalg.inv(sing), LinAlgError, "Singular matrix");
  const det = world.linalg.det(sing).item();
  report(r, { case: "det singular is 0", ok: det === 0, msg: String(det) });
  const notpd = world.fromFunction([n, n], (i, j) => (i === j ? (i === 120 ? -1 : 2) : 0), {
    blockSize: 32,
  });
  expect(
    "cholesky not positive definite",
    () => world.linalg.cholesky(notpd),
    LinAlgError,
    "Matrix is not positive definite",
  );
  const rect = world.fromFunction([n, n + 1], () => 1);
  expect(
    "solve not square",
    () => world.linalg.solve(rect, b),
    LinAlgError,
    "Last 2 dimensions of the array must be square",
  );
  const b2 = world.fromFunction([n + 3, 1], () => 1);
  expect(
    "solve mismatched b",
    () => world.linalg.solve(sing, b2),
    RangeError,
    "Incompatible dimensions",
  );
  expect(
    "matmul mismatch",
    () => world.linalg.matmul(b, sing),
    RangeError,
    "matmul: Input operand 1",
  );
  expect("bad shape", () => world.fromFunction([n] as never, () => 1), RangeError, "Invalid shape");
  expect(
    "bad blockSize",
    () => world.fromFunction([n, n], () => 1, { blockSize: 0 }),
    RangeError,
    "Invalid blockSize",
  );
  expect(
    "unknown option",
    () => world.linalg.cholesky(sing, { lower: true } as never),
    TypeError,
    "Unknown option",
  );
  expect(
    "not a DArray",
    () => world.linalg.solve([[1]] as never, b),
    TypeError,
    "Invalid operand 0",
  );
  expect("bad grid", () => init({ grid: [3, 3] }), RangeError, "Invalid grid 3x3");
  expect(
    "callback throws on one rank",
    () =>
      world.fromFunction([n, n], (i, j) => {
        if (i === 0 && j === 0) throw new Error("boom");
        return 1;
      }),
    Error,
    world.rank === 0 ? "boom" : "Cannot fromFunction: rank 0 failed",
  );
  expect(
    "scatter of a 1-D array",
    () => world.scatter(world.rank === 0 ? fromTypedArray(new Float64Array(3), [3]) : null),
    Error,
    world.rank === 0 ? "Cannot scatter a 1-dimensional" : "Cannot scatter: the array on rank 0",
  );
  expect("readNpy missing file", () => world.readNpy("/nonexistent/x.npy"), Error, "ENOENT");
  expect(
    "svd fullMatrices",
    () => world.linalg.svd(sing, { fullMatrices: true as never }),
    TypeError,
    "Unsupported fullMatrices",
  );
  // still in step after all that: a collective that must complete
  const x = world.linalg.solve(world.fromFunction([n, n], (i, j) => (i === j ? 2 : 0)), b).gather();
  if (r === 0) {
    report(r, {
      case: "in step after errors",
      ok: Math.abs((x!.toArray() as number[][])[5][0] - 0.5) < 1e-15,
    });
  }
}

const t = performance.now();
if (mode === "grids") {
  const nb = Number(args[2] ?? 64);
  for (const grid of [[1, 4], [2, 2], [4, 1]] as [number, number][]) {
    const world = init({ grid });
    run(world, "float64", grid[0] === 2 ? nb : nb - 27, `${grid[0]}x${grid[1]}`);
  }
  init().finalize();
} else if (mode === "dtypes") {
  const world = init({ grid: [2, 2] });
  for (const dtype of (args[2] ?? "float32,complex64,complex128").split(",")) {
    run(world, dtype, 48, "2x2");
  }
  world.finalize();
} else if (mode === "errors") {
  const world = init();
  errors(world);
  world.finalize();
} else if (mode === "absent") {
  // Run without mpirun, with DLAPACK_SCALAPACK naming a library that is not there.
  try {
    init();
    console.log(
      "RESULT " + JSON.stringify({ case: "absent", ok: false, msg: "init() did not throw" }),
    );
  } catch (e) {
    const err = e as Error;
    console.log("RESULT " + JSON.stringify({ case: "absent", name: err.name, msg: err.message }));
  }
} else if (mode === "throw") {
  const world = init();
  world.fromFunction([100, 100], () => 1);
  if (world.rank === 1) throw new Error("rank 1 fails on purpose");
  world.linalg.solve(
    world.fromFunction([100, 100], (i, j) => (i === j ? 1 : 0)),
    world.fromFunction([100, 1], () => 1),
  );
  world.barrier();
  world.finalize();
}
if (mode !== "throw" && mode !== "absent") {
  console.log(`DONE ${mode} in ${(performance.now() - t).toFixed(0)} ms`);
}
