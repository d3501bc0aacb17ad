/**
 * The block-cyclic distributed matrix: a ScaLAPACK descriptor, this rank's local piece
 * (column-major, leading dimension `lld`) and the grid; made from a function of the global
 * indices, by scattering an NDArray from one rank, or by reading a `.npy` file; back by
 * gathering to one rank or writing a `.npy` file.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { allocData, isComplex, isDType, isSingle, parseDType } from "../dtype.ts";
import type { ArrayLike } from "../ndarray.ts";
import { asarray, NDArray } from "../ndarray.ts";
import { describeValue } from "../_describe.ts";
import type { Grid } from "./_grid.ts";
import { checkAlive, globalIndex, numroc, together } from "./_grid.ts";
import { readBlocks, writeBlocks } from "./_npyio.ts";

const TOKEN = Symbol("DArray");

/** The type letter ScaLAPACK uses for a dtype. */
export function letterOf(d: DType): "s" | "d" | "c" | "z" {
  return d === "float32" ? "s" : d === "float64" ? "d" : d === "complex64" ? "c" : "z";
}

/**
 * A matrix distributed block-cyclically over a process grid, as ScaLAPACK stores it: global
 * element (i, j) lives on process (⌊i/nb⌋ mod P_r, ⌊j/nb⌋ mod P_c). Each rank holds only its
 * blocks, in `data` (column-major, leading dimension `lld`; complex interleaved). Made by a
 * world (`fromFunction`, `scatter`, `readNpy`) and by `world.linalg`.
 *
 * @example
 * ```ts ignore
 * import { init } from "jsr:@dlapack/dlapack/distributed";
 * const world = init();
 * const a = world.fromFunction([1000, 1000], (i, j) => i === j ? 2 : 1 / (i + j + 1));
 * console.log(world.rank, a.localShape); // e.g. 0 [500, 500] on a 2x2 grid
 * const whole = a.gather({ root: 0 }); // an NDArray on rank 0, null elsewhere
 * world.finalize();
 * ```
 */
export class DArray {
  /** The global shape [rows, columns]. */
  readonly shape: readonly [number, number];
  /** The element type. */
  readonly dtype: DType;
  /** The block size: blocks are blockSize x blockSize. */
  readonly blockSize: number;
  /** The shape of this rank's local piece [local rows, local columns]. */
  readonly localShape: readonly [number, number];
  /** The leading dimension of the local piece (at least 1). */
  readonly lld: number;
  /** The local piece, column-major with leading dimension `lld`; complex interleaved. */
  readonly data: FloatArray;
  /** The ScaLAPACK array descriptor (9 integers). */
  readonly desc: Int32Array;
  readonly #grid: Grid;

  /** Not for users: arrays come from a world. */
  constructor(token: symbol, grid: Grid, shape: [number, number], dtype: DType, blockSize: number) {
    if (token !== TOKEN) {
      throw new TypeError(
        "DArray has no public constructor: use world.fromFunction, world.scatter or world.readNpy",
      );
    }
    this.#grid = grid;
    this.shape = Object.freeze(shape) as readonly [number, number];
    this.dtype = dtype;
    this.blockSize = blockSize;
    const mloc = numroc(shape[0], blockSize, grid.myrow, grid.nprow);
    const nloc = numroc(shape[1], blockSize, grid.mycol, grid.npcol);
    this.localShape = Object.freeze([mloc, nloc]) as readonly [number, number];
    this.lld = Math.max(1, mloc);
    this.desc = new Int32Array(9);
    const info = grid.lib.descinit(
      this.desc,
      shape[0],
      shape[1],
      blockSize,
      blockSize,
      0,
      0,
      grid.ctxt,
      this.lld,
    );
    if (info !== 0) {
      throw new RangeError(
        `Invalid distributed array: DESCINIT refused argument ${-info} for shape (${shape[0]}, ${
          shape[1]
        }) with block size ${blockSize}`,
      );
    }
    this.data = allocData(dtype, this.lld * Math.max(1, nloc));
  }

  /** The grid (internal). */
  static grid(a: DArray): Grid {
    return a.#grid;
  }

  /** The global row (0-based) of local row `li`. */
  globalRow(li: number): number {
    return globalIndex(li, this.blockSize, this.#grid.myrow, this.#grid.nprow);
  }

  /** The global column (0-based) of local column `lj`. */
  globalCol(lj: number): number {
    return globalIndex(lj, this.blockSize, this.#grid.mycol, this.#grid.npcol);
  }

  /** This rank's local piece as an NDArray (a view: writes show in the distributed array). */
  get local(): NDArray {
    const [m, n] = this.localShape;
    return new NDArray(this.data, this.dtype, [m, n], [1, this.lld], 0);
  }

  /** A copy with the same distribution. */
  copy(): DArray {
    const c = emptyLike(this);
    c.data.set(this.data);
    return c;
  }

  /** A copy converted to `dtype` (real to complex, double to single and back). */
  astype(dtype: DType | string): DArray {
    const d = parseDType(dtype, "dtype");
    if (d === this.dtype) return this.copy();
    const c = newDArray(this.#grid, [this.shape[0], this.shape[1]], d, this.blockSize);
    const toC = isComplex(d), fromC = isComplex(this.dtype);
    const n = this.lld * Math.max(1, this.localShape[1]);
    for (let k = 0; k < n; k++) {
      if (toC) {
        c.data[2 * k] = fromC ? this.data[2 * k] : this.data[k];
        c.data[2 * k + 1] = fromC ? this.data[2 * k + 1] : 0;
      } else c.data[k] = fromC ? this.data[2 * k] : this.data[k];
    }
    return c;
  }

  /**
   * Gathers the whole matrix on one rank (a collective: every rank must call it).
   *
   * @param options `root`: the rank that receives it (default 0).
   * @returns The NDArray on the root, null on every other rank.
   */
  gather(options?: { root?: number }): NDArray | null {
    const g = this.#grid;
    checkAlive(g, "gather");
    checkKeys(options, "gather", ["root"]);
    const root = checkRoot(g, options?.root, "gather");
    const [m, n] = this.shape;
    const rctxt = rootContext(g, root);
    const mine = g.rank === root;
    const descR = new Int32Array(9);
    let full: FloatArray | null = null;
    if (mine) {
      g.lib.descinit(descR, m, n, this.blockSize, this.blockSize, 0, 0, rctxt, Math.max(1, m));
      full = allocData(this.dtype, Math.max(1, m) * Math.max(1, n));
    } else descR.set([1, -1, m, n, this.blockSize, this.blockSize, 0, 0, 1]);
    if (m > 0 && n > 0) {
      g.lib.routine(`p${letterOf(this.dtype)}gemr2d`)(
        m,
        n,
        this.data,
        1,
        1,
        this.desc,
        full ?? new Float64Array(2),
        1,
        1,
        descR,
        g.ctxt,
      );
    }
    if (!mine) return null;
    const c = isComplex(this.dtype) ? 2 : 1;
    return new NDArray(full!.subarray(0, m * n * c), this.dtype, [m, n], [1, m], 0);
  }

  /**
   * Writes the matrix to a `.npy` file every rank can see (C order, as `np.save`): the root
   * writes the header, then each rank writes its own blocks at their offsets. A collective.
   *
   * @param path The file's path.
   */
  writeNpy(path: string): void {
    const g = this.#grid;
    checkAlive(g, "writeNpy");
    if (typeof path !== "string" || path === "") {
      throw new TypeError(
        `Invalid path for writeNpy(): expected a non-empty string, got ${describeValue(path)}`,
      );
    }
    writeBlocks(g, this, path);
  }

  /** numpy-like summary; the data stays distributed. */
  toString(): string {
    return `DArray(shape=(${this.shape[0]}, ${
      this.shape[1]
    }), dtype=${this.dtype}, blockSize=${this.blockSize}, grid=${this.#grid.nprow}x${this.#grid.npcol})`;
  }
}

/** A new zero distributed array (internal). */
export function newDArray(g: Grid, shape: [number, number], dtype: DType, nb: number): DArray {
  return new DArray(TOKEN, g, shape, dtype, nb);
}

/** A new zero array distributed like `a`. */
export function emptyLike(a: DArray, dtype: DType = a.dtype, shape?: [number, number]): DArray {
  return newDArray(DArray.grid(a), shape ?? [a.shape[0], a.shape[1]], dtype, a.blockSize);
}

/** Options every maker takes. */
export interface MakeOptions {
  /** Rows and columns of one block (default 64). */
  blockSize?: number;
  /** The element type (default float64, or the scattered array's). */
  dtype?: DType | string;
}

/** Unknown option keys are a TypeError (checked on every rank alike). */
export function checkKeys(options: unknown, fn: string, keys: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `Invalid options for ${fn}(): expected an object, got ${describeValue(options)}`,
    );
  }
  const bad = Object.keys(options).filter((k) => !keys.includes(k));
  if (bad.length > 0) {
    throw new TypeError(
      `Unknown option${bad.length > 1 ? "s" : ""} ${bad.join(", ")} for ${fn}(): it takes ${
        keys.join(", ") || "none"
      }`,
    );
  }
}

/** The block size option, checked. */
export function checkBlockSize(nb: unknown, fallback: number): number {
  if (nb === undefined) return fallback;
  if (typeof nb !== "number" || !Number.isSafeInteger(nb) || nb < 1) {
    throw new RangeError(`Invalid blockSize ${describeValue(nb)}: expected a positive integer`);
  }
  return nb;
}

/** A 2-D global shape, checked. */
export function checkShape2(shape: unknown, fn: string): [number, number] {
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new RangeError(
      `Invalid shape ${
        describeValue(shape)
      } for ${fn}(): a distributed array is a matrix [rows, columns]`,
    );
  }
  for (const d of shape) {
    if (typeof d !== "number" || !Number.isSafeInteger(d) || d < 0 || d > 0x7fffffff) {
      throw new RangeError(
        `Invalid shape ${
          describeValue(shape)
        } for ${fn}(): dimensions must be integers from 0 to 2^31-1`,
      );
    }
  }
  return [shape[0], shape[1]];
}

function checkRoot(g: Grid, root: unknown, fn: string): number {
  if (root === undefined) return 0;
  if (typeof root !== "number" || !Number.isSafeInteger(root) || root < 0 || root >= g.size) {
    throw new RangeError(
      `Invalid root ${describeValue(root)} for ${fn}(): expected a rank from 0 to ${g.size - 1}`,
    );
  }
  return root;
}

/** The 1x1 grid holding only `root` (made once per root; a collective over the world). */
function rootContext(g: Grid, root: number): number {
  let c = g.roots.get(root);
  if (c === undefined) {
    c = g.lib.gridmap(g.sys, [root], 1, 1);
    g.roots.set(root, c);
  }
  return c;
}

/**
 * Each rank fills its own blocks with `f(i, j)` (global, 0-based indices).
 * @internal
 */
export function fromFunction(
  g: Grid,
  shape: unknown,
  f: unknown,
  options?: MakeOptions,
): DArray {
  checkAlive(g, "fromFunction");
  checkKeys(options, "fromFunction", ["blockSize", "dtype"]);
  const shp = checkShape2(shape, "fromFunction");
  const nb = checkBlockSize(options?.blockSize, 64);
  const dtype = options?.dtype === undefined ? "float64" : parseDType(options.dtype, "dtype");
  if (typeof f !== "function") {
    throw new TypeError(
      `Invalid function for fromFunction(): expected (i, j) => number, got ${describeValue(f)}`,
    );
  }
  const a = newDArray(g, shp, dtype, nb);
  const fill = f as (i: number, j: number) => unknown;
  const complex = isComplex(dtype);
  together(g, "fromFunction", () => {
    const [mloc, nloc] = a.localShape;
    const rows = new Array<number>(mloc);
    for (let li = 0; li < mloc; li++) rows[li] = a.globalRow(li);
    for (let lj = 0; lj < nloc; lj++) {
      const j = a.globalCol(lj);
      for (let li = 0; li < mloc; li++) {
        const v = fill(rows[li], j);
        const k = li + lj * a.lld;
        if (typeof v === "number") {
          if (complex) {
            a.data[2 * k] = v;
            a.data[2 * k + 1] = 0;
          } else a.data[k] = v;
        } else if (
          complex && typeof v === "object" && v !== null &&
          typeof (v as { re: unknown }).re === "number" &&
          typeof (v as { im: unknown }).im === "number"
        ) {
          a.data[2 * k] = (v as { re: number }).re;
          a.data[2 * k + 1] = (v as { im: number }).im;
        } else {
          throw new TypeError(
            `Invalid value from the fromFunction callback at (${
              rows[li]
            }, ${j}): expected a number${complex ? " or { re, im }" : ""}, got ${describeValue(v)}`,
          );
        }
      }
    }
  });
  return a;
}

const DTYPES: readonly DType[] = ["float32", "float64", "complex64", "complex128"];

/**
 * Scatters an NDArray held by `root` over the grid (the other ranks pass anything, e.g. null).
 * @internal
 */
export function scatter(
  g: Grid,
  value: unknown,
  options?: MakeOptions & { root?: number },
): DArray {
  checkAlive(g, "scatter");
  checkKeys(options, "scatter", ["root", "blockSize", "dtype"]);
  const root = checkRoot(g, options?.root, "scatter");
  const nb = checkBlockSize(options?.blockSize, 64);
  const want = options?.dtype === undefined ? undefined : parseDType(options.dtype, "dtype");
  const mine = g.rank === root;
  // The root checks its array and tells everyone the shape and dtype (or that it failed).
  const head = new Int32Array(4);
  let src: NDArray | undefined;
  let error: unknown;
  if (mine) {
    try {
      let a = asarray(value as ArrayLike);
      if (a.ndim !== 2) {
        throw new RangeError(
          `Cannot scatter a ${a.ndim}-dimensional array: a distributed array is a matrix (reshape it to 2-D)`,
        );
      }
      // Integers and booleans compute in float64, as in single-machine linalg.
      if (!isDType(a.dtype)) a = a.astype("float64");
      if (want !== undefined && want !== a.dtype) a = a.astype(want);
      src = a;
      head.set([1, a.shape[0], a.shape[1], DTYPES.indexOf(a.dtype as DType)]);
    } catch (e) {
      error = e;
    }
  }
  g.lib.ibcast(g.ctxt, head, Math.floor(root / g.npcol), root % g.npcol, mine);
  if (head[0] !== 1) {
    if (mine) throw error;
    throw new Error(
      `Cannot scatter: the array on rank ${root} is invalid (its error is raised there)`,
    );
  }
  const [, m, n, dt] = head;
  const dtype = DTYPES[dt];
  const a = newDArray(g, [m, n], dtype, nb);
  const rctxt = rootContext(g, root);
  const descR = new Int32Array(9);
  let full: FloatArray = new Float64Array(2);
  if (mine) {
    g.lib.descinit(descR, m, n, nb, nb, 0, 0, rctxt, Math.max(1, m));
    full = fortranData(src!);
  } else descR.set([1, -1, m, n, nb, nb, 0, 0, 1]);
  if (m > 0 && n > 0) {
    g.lib.routine(`p${letterOf(dtype)}gemr2d`)(
      m,
      n,
      full,
      1,
      1,
      descR,
      a.data,
      1,
      1,
      a.desc,
      g.ctxt,
    );
  }
  return a;
}

/** The array's elements in Fortran order, as one typed array. */
function fortranData(a: NDArray): FloatArray {
  const [m, n] = a.shape;
  const dtype = a.dtype as DType;
  const c = isComplex(dtype) ? 2 : 1;
  const out = allocData(dtype, Math.max(1, m * n));
  const [s0, s1] = a.strides;
  const d = a.data;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      const src = (a.offset + i * s0 + j * s1) * c;
      const dst = (i + j * m) * c;
      out[dst] = d[src];
      if (c === 2) out[dst + 1] = d[src + 1];
    }
  }
  return out;
}

/**
 * Reads a `.npy` file every rank can see, each rank reading only its own blocks.
 * @internal
 */
export function readNpyDistributed(
  g: Grid,
  path: unknown,
  options?: { blockSize?: number },
): DArray {
  checkAlive(g, "readNpy");
  checkKeys(options, "readNpy", ["blockSize"]);
  const nb = checkBlockSize(options?.blockSize, 64);
  if (typeof path !== "string" || path === "") {
    throw new TypeError(
      `Invalid path for readNpy(): expected a non-empty string, got ${describeValue(path)}`,
    );
  }
  return readBlocks(g, path, nb, (shape, dtype) => newDArray(g, shape, dtype, nb));
}

/** Whether a dtype is single precision (re-exported for linalg). */
export { isComplex, isSingle };
