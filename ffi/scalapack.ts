/**
 * ScaLAPACK, BLACS and MPI through the runtime adapters: finds the libraries (the search lists
 * of `scalapack_detect.ts`, each candidate proven by its symbols), binds the routines of
 * `scalapack_symbols.ts`, and hands out functions that take numbers and typed arrays only.
 * Loading is lazy and happens once, on `loadScalapack()`.
 *
 * @module
 */
import { currentRuntime, platform, readEnv } from "./backend.ts";
import type { Candidate } from "./detect.ts";
import type { NativeFunction, NativeLibrary, NativeType, Runtime } from "./runtime.ts";
import { FfiPermissionError } from "./runtime.ts";
import { mpiSearchList, scalapackInstallHint, scalapackSearchList } from "./scalapack_detect.ts";
import type { PRoutine } from "./scalapack_symbols.ts";
import {
  BLACS,
  MPI,
  MPI_PROOF,
  PROUTINE,
  SCALAPACK_NAMING as naming,
  SCALAPACK_PROOF,
  TOOLS,
} from "./scalapack_symbols.ts";
import { bindRoutine } from "./abi.ts";

/** One place looked at, and why it did not do. */
export interface TriedLibrary {
  /** The library path or name tried. */
  path: string;
  /** Where the candidate came from. */
  source: string;
  /** Why it was not used. */
  reason: string;
}

/**
 * ScaLAPACK or MPI could not be found or loaded. The message names what is missing, every
 * place tried and the install command; `tried` holds the same list as data.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ScalapackNotFoundError } from "./scalapack.ts";
 * const e = new ScalapackNotFoundError("No ScaLAPACK library found", []);
 * assert.equal(e.name, "ScalapackNotFoundError");
 * ```
 */
export class ScalapackNotFoundError extends Error {
  /** Every candidate tried, with the reason it failed. */
  readonly tried: TriedLibrary[];
  /** Creates it; `message` already holds the list and the install command. */
  constructor(message: string, tried: TriedLibrary[]) {
    super(message);
    this.name = "ScalapackNotFoundError";
    this.tried = tried;
  }
}

/** A bound ScaLAPACK routine: its Fortran arguments in order without INFO; returns INFO (0 when it has none). */
export type PFunction = (...args: unknown[]) => number;

/** The loaded libraries, as functions over numbers and typed arrays. */
export interface Scalapack {
  /** The ScaLAPACK library's path. */
  readonly path: string;
  /** The MPI library's path. */
  readonly mpiPath: string;
  /** MPI_Get_library_version's first line, e.g. "Open MPI v4.1.4, ...". */
  readonly mpiVersion: string;
  /** The routine `name` of the table (`pdgesv`, ...). */
  routine(name: string): PFunction;
  /** NUMROC: how many rows (or columns) of `n` in blocks of `nb` process `iproc` of `nprocs` holds. */
  numroc(n: number, nb: number, iproc: number, isrc: number, nprocs: number): number;
  /** DESCINIT into `desc`; returns INFO. */
  descinit(
    desc: Int32Array,
    m: number,
    n: number,
    mb: number,
    nb: number,
    irsrc: number,
    icsrc: number,
    ctxt: number,
    lld: number,
  ): number;
  /** Starts MPI when needed; this process's rank and the number of processes. */
  pinfo(): { rank: number; size: number };
  /** The BLACS system context of MPI_COMM_WORLD, or of the communicator with Fortran handle `fcomm`. */
  systemContext(fcomm?: number): number;
  /** A `nprow` x `npcol` grid, row-major, over the system context `sys`. */
  gridinit(sys: number, nprow: number, npcol: number): number;
  /** A grid whose process (r, c) is rank `map[r + c * nprow]` of the system context. */
  gridmap(sys: number, map: readonly number[], nprow: number, npcol: number): number;
  /** [nprow, npcol, myrow, mycol]; myrow is -1 for a process outside the grid. */
  gridinfo(ctxt: number): [number, number, number, number];
  barrier(ctxt: number): void;
  gridexit(ctxt: number): void;
  /** Frees BLACS; `notDone` 0 also finalizes MPI. */
  exit(notDone: number): void;
  /** Ends every process of the context's communicator (MPI_Abort). */
  abort(ctxt: number, code: number): void;
  /** Element-wise max (or min) over the whole grid, result on every process. */
  imax(ctxt: number, values: Int32Array): void;
  imin(ctxt: number, values: Int32Array): void;
  /** Element-wise sum over the whole grid, result on every process. */
  dsum(ctxt: number, values: Float64Array): void;
  /** Broadcast from grid process (rsrc, csrc) to every process. */
  ibcast(ctxt: number, values: Int32Array, rsrc: number, csrc: number, me: boolean): void;
}

const G = globalThis as unknown as {
  Deno?: { statSync(p: string): unknown };
  process?: { getBuiltinModule(n: string): { existsSync(p: string): boolean } };
};

function exists(path: string): boolean {
  try {
    if (G.Deno?.statSync) {
      G.Deno.statSync(path);
      return true;
    }
    return G.process!.getBuiltinModule("node:fs").existsSync(path);
  } catch (e) {
    const name = (e as Error)?.name;
    return name === "NotCapable" || name === "PermissionDenied"; // cannot look: let opening decide
  }
}

function openProven(
  rt: Runtime,
  list: Candidate[],
  proof: readonly string[],
  tried: TriedLibrary[],
  same?: (lib: NativeLibrary) => string | null,
): NativeLibrary | null {
  for (const c of list) {
    let lib: NativeLibrary;
    try {
      lib = rt.open(c.path);
    } catch (e) {
      if (e instanceof FfiPermissionError) throw e;
      tried.push({ path: c.path, source: c.source, reason: (e as Error).message });
      continue;
    }
    const missing = proof.filter((s) => !lib.has(s));
    const other = missing.length === 0 && same ? same(lib) : null;
    if (missing.length === 0 && other === null) return lib;
    tried.push({ path: c.path, source: c.source, reason: other ?? `lacks ${missing.join(", ")}` });
  }
  return null;
}

const cstr = (s: string) => new TextEncoder().encode(s + "\0");
const ALL = cstr("A");
const TOP = cstr(" ");
const ROW = cstr("Row");

function bindP(lib: NativeLibrary, rt: Runtime, r: PRoutine, ret: NativeType = "void"): PFunction {
  const nChars = r.kinds.filter((k) => k === "c").length;
  const args: NativeType[] = [...r.kinds.map(() => "ptr" as NativeType)];
  for (let k = 0; k < nChars; k++) args.push("u64");
  const f = lib.fn(r.symbol, { args, ret });
  if (f === null) {
    throw new ScalapackNotFoundError(
      `The ScaLAPACK library ${lib.path} has no ${r.symbol}: it is too old or built without it`,
      [],
    );
  }
  const one = rt.int64(1);
  const info = new Int32Array(1);
  const kinds = r.kinds;
  return (...values: unknown[]): number => {
    const call: unknown[] = [];
    let v = 0;
    for (const k of kinds) {
      if (k === "info") {
        info[0] = 0;
        call.push(info);
      } else if (k === "i") call.push(Int32Array.of(values[v++] as number));
      else if (k === "c") call.push(Uint8Array.of((values[v++] as string).charCodeAt(0)));
      else call.push(values[v++]);
    }
    for (let k = 0; k < nChars; k++) call.push(one);
    const out = f(...call);
    return ret === "i32" ? out as number : info[0];
  };
}

let loaded: Scalapack | undefined;

/**
 * Finds, proves and binds ScaLAPACK and MPI, once.
 *
 * @throws {ScalapackNotFoundError} When either is missing, naming what was tried and the install command.
 */
export function loadScalapack(): Scalapack {
  if (loaded !== undefined) return loaded;
  const rt = currentRuntime();
  const { os, arch } = platform();
  const env: Record<string, string | undefined> = {};
  for (
    const n of [
      "DLAPACK_SCALAPACK",
      "DLAPACK_MPI",
      "CONDA_PREFIX",
      "LD_LIBRARY_PATH",
      "DYLD_LIBRARY_PATH",
    ]
  ) {
    env[n] = readEnv(n);
  }
  const input = { os, arch, env, exists };
  const tried: TriedLibrary[] = [];
  const hint = scalapackInstallHint(os).replace(/^/gm, "  ");
  const fail = (what: string, override: string) => {
    const lines = tried.map((t) => `  ${t.path} (${t.source}): ${t.reason}`).join("\n");
    return new ScalapackNotFoundError(
      `No usable ${what} library found on ${os}/${arch}: the distributed mode needs ScaLAPACK over MPI. Tried:\n${
        lines || "  (no candidates)"
      }\nInstall them:\n${hint}\nOr set ${override} to the library's path (run the doctor: deno task doctor)`,
      tried,
    );
  };
  // MPI first when it is named (some builds need libmpi in global scope before ScaLAPACK).
  const sl = openProven(rt, scalapackSearchList(input), SCALAPACK_PROOF, tried);
  if (sl === null) throw fail("ScaLAPACK", "DLAPACK_SCALAPACK");
  // The MPI must be the one ScaLAPACK calls: the same MPI_Initialized, resolved through both.
  // (Not checked on Bun, whose symbol addresses were seen to differ between two handles of the
  // same library; there the search order, ScaLAPACK's own MPI family first, decides.)
  const theirs = rt.name === "bun" ? null : sl.address("MPI_Initialized");
  const mpi = openProven(
    rt,
    mpiSearchList(input, sl.path),
    MPI_PROOF,
    tried,
    (lib) =>
      theirs === null || lib.address("MPI_Initialized") === theirs
        ? null
        : `is not the MPI that ${sl.path} calls (mixing two MPIs aborts)`,
  );
  if (mpi === null) throw fail("MPI", "DLAPACK_MPI");
  const b = <K extends keyof typeof BLACS>(name: K): NativeFunction => {
    const s = BLACS[name];
    const f = sl.fn(name, { args: s.args as unknown as NativeType[], ret: s.ret });
    if (f === null) throw fail(`ScaLAPACK with ${name}`, "DLAPACK_SCALAPACK");
    return f;
  };
  const m = <K extends keyof typeof MPI>(name: K): NativeFunction | null =>
    mpi.fn(name, { args: MPI[name].args as unknown as NativeType[], ret: MPI[name].ret });
  const pinfo = b("Cblacs_pinfo");
  const get = b("Cblacs_get");
  const gridinit = b("Cblacs_gridinit");
  const gridmap = b("Cblacs_gridmap");
  const gridinfo = b("Cblacs_gridinfo");
  const barrier = b("Cblacs_barrier");
  const gridexit = b("Cblacs_gridexit");
  const bexit = b("Cblacs_exit");
  const babort = b("Cblacs_abort");
  const sys2blacs = b("Csys2blacs_handle");
  const igamx = b("Cigamx2d");
  const igamn = b("Cigamn2d");
  const dgsum = b("Cdgsum2d");
  const igebs = b("Cigebs2d");
  const igebr = b("Cigebr2d");
  // MPICH has no MPI_Comm_f2c function: its handles are ints, the same in C and Fortran.
  const f2c = m("MPI_Comm_f2c") ?? ((h: number) => rt.addr(BigInt(h)));
  const version = m("MPI_Get_library_version")!;
  const numroc = bindP(sl, rt, TOOLS.numroc, "i32");
  const descinit = bindP(sl, rt, TOOLS.descinit);
  const routines = new Map<string, PFunction>();
  const nullp = rt.addr(0n);
  const buf = new Uint8Array(8192);
  const len = new Int32Array(1);
  version(buf, len);
  const mpiVersion = new TextDecoder().decode(buf.subarray(0, Math.max(0, Math.min(len[0], 8192))))
    .split("\n")[0].replace(/\0.*$/, "").trim();
  const i1 = () => new Int32Array(1);
  loaded = {
    path: sl.path,
    mpiPath: mpi.path,
    mpiVersion,
    routine(name: string): PFunction {
      let f = routines.get(name);
      if (f === undefined) {
        const r = PROUTINE[name];
        if (r === undefined) {
          throw new Error(`Internal error: ${name} is not in the ScaLAPACK table`);
        }
        const target = {
          runtime: rt,
          lib: sl,
          abi: "fortran" as const,
          naming,
          intWidth: 32 as const,
        };
        const bound = bindRoutine(r, target);
        if (bound === null) {
          throw new ScalapackNotFoundError(
            `The ScaLAPACK library ${sl.path} has no ${name}_: it is too old or built without it`,
            [],
          );
        }
        f = bound as PFunction;
        routines.set(name, f);
      }
      return f;
    },
    numroc: (n, nb, iproc, isrc, nprocs) => numroc(n, nb, iproc, isrc, nprocs),
    descinit: (desc, m_, n, mb, nb, irsrc, icsrc, ctxt, lld) =>
      descinit(desc, m_, n, mb, nb, irsrc, icsrc, ctxt, lld),
    pinfo() {
      const r = i1(), s = i1();
      pinfo(r, s);
      return { rank: r[0], size: s[0] };
    },
    systemContext(fcomm?: number): number {
      if (fcomm === undefined) {
        const c = i1();
        get(-1, 0, c);
        return c[0];
      }
      return sys2blacs(f2c(fcomm)) as number;
    },
    gridinit(sys, nprow, npcol) {
      const c = Int32Array.of(sys);
      gridinit(c, ROW, nprow, npcol);
      return c[0];
    },
    gridmap(sys, map, nprow, npcol) {
      const c = Int32Array.of(sys);
      gridmap(c, Int32Array.from(map), nprow, nprow, npcol);
      return c[0];
    },
    gridinfo(ctxt) {
      const a = i1(), b_ = i1(), c = i1(), d = i1();
      gridinfo(ctxt, a, b_, c, d);
      return [a[0], b_[0], c[0], d[0]];
    },
    barrier: (ctxt) => void barrier(ctxt, ALL),
    gridexit: (ctxt) => void gridexit(ctxt),
    exit: (notDone) => void bexit(notDone),
    abort: (ctxt, code) => void babort(ctxt, code),
    imax: (ctxt, v) =>
      void igamx(ctxt, ALL, TOP, v.length, 1, v, v.length, nullp, nullp, -1, -1, 0),
    imin: (ctxt, v) =>
      void igamn(ctxt, ALL, TOP, v.length, 1, v, v.length, nullp, nullp, -1, -1, 0),
    dsum: (ctxt, v) => void dgsum(ctxt, ALL, TOP, v.length, 1, v, v.length, -1, 0),
    ibcast(ctxt, v, rsrc, csrc, me) {
      if (me) igebs(ctxt, ALL, TOP, v.length, 1, v, v.length);
      else igebr(ctxt, ALL, TOP, v.length, 1, v, v.length, rsrc, csrc);
    },
  };
  return loaded;
}

/** What the doctor prints: the libraries found, or the error. */
export function scalapackReport(): {
  found: Scalapack | null;
  error: ScalapackNotFoundError | null;
} {
  try {
    return { found: loadScalapack(), error: null };
  } catch (e) {
    if (e instanceof ScalapackNotFoundError) return { found: null, error: e };
    throw e;
  }
}
