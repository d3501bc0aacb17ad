/**
 * `init()`: starts MPI through BLACS, makes the process grid, and returns the world that makes
 * distributed arrays and holds `world.linalg`.
 *
 * @module
 */
import { loadScalapack } from "../../ffi/scalapack.ts";
import type { DType } from "../dtype.ts";
import type { Grid } from "./_grid.ts";
import { checkAlive } from "./_grid.ts";
import { describeValue } from "../_describe.ts";
import type { DArray, MakeOptions } from "./darray.ts";
import {
  checkBlockSize,
  checkKeys,
  checkShape2,
  fromFunction,
  newDArray,
  readNpyDistributed,
  scatter,
} from "./darray.ts";
import type { DistributedLinalg } from "./linalg.ts";
import { makeLinalg } from "./linalg.ts";

/** The options of `init`. */
export interface InitOptions {
  /** The grid shape [rows, columns]; their product must be the number of ranks. Default: as square as the rank count allows (2x2 for 4, 2x3 for 6, 1x5 for 5). */
  grid?: readonly [number, number];
  /** The default block size of the arrays this world makes (default 64). */
  blockSize?: number;
  /** A communicator's Fortran handle (mpi4py's `comm.py2f()`, MPI_Comm_c2f), made into a C handle with MPI_Comm_f2c; default MPI_COMM_WORLD. */
  comm?: number;
}

/** The grid as a world reports it. */
export interface GridInfo {
  /** Process rows. */
  readonly rows: number;
  /** Process columns. */
  readonly cols: number;
  /** This rank's process row. */
  readonly row: number;
  /** This rank's process column. */
  readonly col: number;
}

/** The grid shape for `p` ranks: the divisor pair closest to square, fewer rows than columns. */
export function defaultGrid(p: number): [number, number] {
  let r = Math.floor(Math.sqrt(p));
  while (p % r !== 0) r--;
  return [r, p / r];
}

const shared = { alive: true, finalized: false };

/**
 * A process grid over MPI ranks, the maker of distributed arrays. Every method is a collective:
 * every rank of the grid calls it, in the same order.
 */
export class World {
  /** This process's rank. */
  readonly rank: number;
  /** The number of ranks. */
  readonly size: number;
  /** The process grid. */
  readonly grid: GridInfo;
  /** The default block size. */
  readonly blockSize: number;
  /** The libraries in use: ScaLAPACK's and MPI's paths and MPI's version line. */
  readonly library: {
    readonly scalapack: string;
    readonly mpi: string;
    readonly mpiVersion: string;
  };
  /** numpy-named distributed linear algebra over this grid. */
  readonly linalg: DistributedLinalg;
  readonly #g: Grid;

  /** Not for users: use `init()`. */
  constructor(g: Grid, blockSize: number) {
    this.#g = g;
    this.rank = g.rank;
    this.size = g.size;
    this.grid = Object.freeze({ rows: g.nprow, cols: g.npcol, row: g.myrow, col: g.mycol });
    this.blockSize = blockSize;
    this.library = Object.freeze({
      scalapack: g.lib.path,
      mpi: g.lib.mpiPath,
      mpiVersion: g.lib.mpiVersion,
    });
    this.linalg = makeLinalg();
  }

  /**
   * A distributed array whose element (i, j) is `f(i, j)` (global, 0-based); each rank calls
   * `f` for its own elements only.
   *
   * @param shape [rows, columns].
   * @param f The element function (a number, or `{ re, im }` for complex dtypes).
   * @param options `blockSize`, `dtype` (default float64).
   */
  fromFunction(
    shape: readonly [number, number],
    f: (i: number, j: number) => number | { re: number; im: number },
    options?: MakeOptions,
  ): DArray {
    return fromFunction(this.#g, shape, f, {
      ...options,
      blockSize: options?.blockSize ?? this.blockSize,
    });
  }

  /** A distributed array of zeros. */
  zeros(shape: readonly [number, number], options?: MakeOptions): DArray {
    checkAlive(this.#g, "zeros");
    checkKeys(options, "zeros", ["blockSize", "dtype"]);
    const dtype = (options?.dtype ?? "float64") as DType;
    return newDArray(
      this.#g,
      checkShape2(shape, "zeros"),
      dtype,
      checkBlockSize(options?.blockSize, this.blockSize),
    );
  }

  /**
   * Distributes a matrix held by one rank. The root passes the matrix (an NDArray or anything
   * `array()` takes); the other ranks pass anything (null). A collective.
   *
   * @param value The matrix, on the root.
   * @param options `root` (default 0), `blockSize`, `dtype`.
   */
  scatter(value: unknown, options?: MakeOptions & { root?: number }): DArray {
    return scatter(this.#g, value, {
      ...options,
      blockSize: options?.blockSize ?? this.blockSize,
    });
  }

  /**
   * Reads a 2-D `.npy` file every rank can see; each rank reads only its own blocks.
   *
   * @param path The file's path.
   * @param options `blockSize`.
   */
  readNpy(path: string, options?: { blockSize?: number }): DArray {
    return readNpyDistributed(this.#g, path, {
      blockSize: options?.blockSize ?? this.blockSize,
    });
  }

  /** Waits for every rank. */
  barrier(): void {
    checkAlive(this.#g, "barrier");
    this.#g.lib.barrier(this.#g.ctxt);
  }

  /** Ends every rank of the job at once (MPI_Abort) with exit code `code`. */
  abort(code = 1): void {
    this.#g.lib.abort(this.#g.ctxt, code);
  }

  /**
   * Frees the grids and finalizes MPI. A collective; afterwards no world can be used, and
   * `init()` cannot run again in this process.
   */
  finalize(): void {
    const g = this.#g;
    if (!g.state.alive) return;
    g.lib.barrier(g.ctxt);
    g.state.alive = false;
    shared.finalized = true;
    g.lib.exit(0);
  }

  /** A short description. */
  toString(): string {
    return `World(rank ${this.rank} of ${this.size}, grid ${this.grid.rows}x${this.grid.cols})`;
  }
}

/**
 * Starts MPI (through BLACS, when it is not running yet), makes a process grid over all ranks,
 * and returns the world. Run the program with `mpirun -np N` (`scripts/mpirun.sh`); one process
 * without mpirun is a world of one.
 *
 * @param options `grid` [rows, columns], `blockSize` (default 64), `comm` (a Fortran handle).
 * @returns The world.
 * @throws {ScalapackNotFoundError} When ScaLAPACK or MPI is missing, naming what was tried and the install command.
 * @throws {RangeError} For a grid that does not match the number of ranks.
 */
export function init(options?: InitOptions): World {
  checkKeys(options, "init", ["grid", "blockSize", "comm"]);
  if (shared.finalized) {
    throw new Error("Cannot init(): MPI was finalized in this process, and MPI cannot start twice");
  }
  const blockSize = checkBlockSize(options?.blockSize, 64);
  const comm = options?.comm;
  if (comm !== undefined && !(typeof comm === "number" && Number.isSafeInteger(comm))) {
    throw new TypeError(
      `Invalid comm ${describeValue(comm)}: expected a communicator's Fortran handle (an integer)`,
    );
  }
  const lib = loadScalapack();
  const { rank, size } = lib.pinfo();
  const sys = lib.systemContext(comm);
  let shape = defaultGrid(size);
  if (options?.grid !== undefined) {
    const gr = options.grid;
    if (
      !Array.isArray(gr) || gr.length !== 2 ||
      !gr.every((x) => typeof x === "number" && Number.isSafeInteger(x) && x >= 1)
    ) {
      throw new RangeError(
        `Invalid grid ${describeValue(gr)}: expected [rows, columns] of positive integers`,
      );
    }
    if (gr[0] * gr[1] !== size) {
      throw new RangeError(
        `Invalid grid ${gr[0]}x${gr[1]}: it needs ${
          gr[0] * gr[1]
        } ranks, but the job has ${size} (run with mpirun -np ${gr[0] * gr[1]})`,
      );
    }
    shape = [gr[0], gr[1]];
  }
  const ctxt = lib.gridinit(sys, shape[0], shape[1]);
  const [nprow, npcol, myrow, mycol] = lib.gridinfo(ctxt);
  const g: Grid = {
    lib,
    ctxt,
    sys,
    rank,
    size,
    nprow,
    npcol,
    myrow,
    mycol,
    roots: new Map(),
    state: shared,
  };
  return new World(g, blockSize);
}
