/**
 * The process grid shared by a world and its distributed arrays: the BLACS context, this
 * process's place in it, and the collective checks that make every rank raise the same error.
 *
 * @module
 */
import type { Scalapack } from "../../ffi/scalapack.ts";

/** A BLACS process grid (private to the distributed mode). */
export interface Grid {
  readonly lib: Scalapack;
  /** The BLACS context of the grid. */
  readonly ctxt: number;
  /** The BLACS system context (the communicator) the grid was made over. */
  readonly sys: number;
  readonly rank: number;
  readonly size: number;
  readonly nprow: number;
  readonly npcol: number;
  readonly myrow: number;
  readonly mycol: number;
  /** 1x1 grids on a root rank, for scatter and gather, by rank. */
  readonly roots: Map<number, number>;
  /** Cleared by finalize(). */
  state: { alive: boolean };
}

/** Throws when MPI was finalized. */
export function checkAlive(g: Grid, what: string): void {
  if (!g.state.alive) {
    throw new Error(`Cannot ${what}: the world was finalized (MPI ends with finalize())`);
  }
}

/**
 * Agrees on a LAPACK-style `info` across the grid: negative if any rank's is negative (the
 * largest in magnitude), else the smallest positive one, else 0. Every rank gets the same value.
 */
export function agreeInfo(g: Grid, info: number): number {
  const BIG = 1 << 30;
  const v = Int32Array.of(info > 0 ? BIG - info : 0, info < 0 ? -info : 0);
  g.lib.imax(g.ctxt, v); // absolute max; all values are >= 0
  if (v[1] > 0) return -v[1];
  return v[0] > 0 ? BIG - v[0] : 0;
}

/**
 * Runs `f` on every rank and agrees on whether it threw: a rank that threw rethrows its own
 * error, the others throw one naming the rank, so no rank is left waiting in a collective.
 */
export function together<T>(g: Grid, what: string, f: () => T): T {
  let result: T | undefined;
  let error: unknown;
  let failed = false;
  try {
    result = f();
  } catch (e) {
    error = e;
    failed = true;
  }
  const v = Int32Array.of(failed ? g.rank + 1 : 0);
  g.lib.imax(g.ctxt, v);
  if (failed) throw error;
  if (v[0] > 0) {
    throw new Error(`Cannot ${what}: rank ${v[0] - 1} failed (its own error is raised there)`);
  }
  return result as T;
}

/** The local rows (or columns) a process holds: NUMROC, computed here (source process 0). */
export function numroc(n: number, nb: number, iproc: number, nprocs: number): number {
  const nblocks = Math.floor(n / nb);
  let count = Math.floor(nblocks / nprocs) * nb;
  const extra = nblocks % nprocs;
  if (iproc < extra) count += nb;
  else if (iproc === extra) count += n % nb;
  return count;
}

/** The global index (0-based) of local index `l` on process `p` of `np` (block size `nb`). */
export function globalIndex(l: number, nb: number, p: number, np: number): number {
  return (Math.floor(l / nb) * np + p) * nb + (l % nb);
}

/** The process that owns global index `g`, and its local index there. */
export function owner(g: number, nb: number, np: number): { p: number; l: number } {
  const b = Math.floor(g / nb);
  return { p: b % np, l: Math.floor(b / np) * nb + (g % nb) };
}
