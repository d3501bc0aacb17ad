/**
 * `.npy` files read and written block by block: every rank reads or writes only its own
 * blocks, at their offsets in a file every rank can see (a shared or network file system).
 *
 * @module
 */
import { closeSync, ftruncateSync, openSync, readSync, writeSync } from "node:fs";
import type { DType, FloatArray } from "../dtype.ts";
import { readHeader } from "../npy.ts";
import type { Grid } from "./_grid.ts";
import { globalIndex, together } from "./_grid.ts";

/** What the block I/O needs of a distributed array. */
export interface Piece {
  readonly shape: readonly [number, number];
  readonly dtype: DType;
  readonly blockSize: number;
  readonly localShape: readonly [number, number];
  readonly lld: number;
  readonly data: FloatArray;
}

const DESCR: Record<DType, string> = {
  float32: "<f4",
  float64: "<f8",
  complex64: "<c8",
  complex128: "<c16",
};
const ITEM: Record<DType, number> = { float32: 4, float64: 8, complex64: 8, complex128: 16 };
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** One run of consecutive elements along the file's fast axis that this rank holds. */
interface Run {
  /** Offset of the run in the file, in items from the data start. */
  item: number;
  /** Length in items. */
  len: number;
  /** First local element (column-major index into the piece) and its step along the run. */
  local: number;
  step: number;
}

/** The runs of a piece in a C-order (or Fortran-order) file. */
function* runs(g: Grid, p: Piece, fortran: boolean): Generator<Run> {
  const [m, n] = p.shape;
  const [mloc, nloc] = p.localShape;
  const nb = p.blockSize;
  if (fortran) {
    for (let lj = 0; lj < nloc; lj++) {
      const j = globalIndex(lj, nb, g.mycol, g.npcol);
      for (let li = 0; li < mloc; li += nb) {
        const i = globalIndex(li, nb, g.myrow, g.nprow);
        yield { item: i + j * m, len: Math.min(nb, mloc - li), local: li + lj * p.lld, step: 1 };
      }
    }
  } else {
    for (let li = 0; li < mloc; li++) {
      const i = globalIndex(li, nb, g.myrow, g.nprow);
      for (let lj = 0; lj < nloc; lj += nb) {
        const j = globalIndex(lj, nb, g.mycol, g.npcol);
        yield {
          item: i * n + j,
          len: Math.min(nb, nloc - lj),
          local: li + lj * p.lld,
          step: p.lld,
        };
      }
    }
  }
}

function dtypeOf(kind: string, size: number, path: string): DType {
  if (kind === "f" && size === 4) return "float32";
  if (kind === "f" && size === 8) return "float64";
  if (kind === "c" && size === 8) return "complex64";
  if (kind === "c" && size === 16) return "complex128";
  throw new TypeError(
    `Unsupported .npy dtype in ${path} for a distributed array: readNpy reads float32, float64, complex64 and complex128 (convert with numpy's astype first)`,
  );
}

/** Reads the header of `path` (on every rank: the file must be visible to all). */
function header(fd: number, path: string) {
  const head = new Uint8Array(12);
  const got = readSync(fd, head, 0, 12, 0);
  let total = 12;
  if (got >= 10) {
    const major = head[6];
    total = major === 1
      ? 10 + (head[8] | (head[9] << 8))
      : 12 + (head[8] | (head[9] << 8) | (head[10] << 16)) + head[11] * 0x1000000;
  }
  const bytes = new Uint8Array(Math.min(total, 1 << 24));
  readSync(fd, bytes, 0, bytes.length, 0);
  const h = readHeader(bytes);
  if (h.shape.length !== 2) {
    throw new RangeError(
      `Cannot read ${path} as a distributed array: it holds a ${h.shape.length}-dimensional array, a distributed array is a matrix`,
    );
  }
  return h;
}

/** Reads `path` into a new distributed array made by `make`. */
export function readBlocks<T extends Piece>(
  g: Grid,
  path: string,
  _nb: number,
  make: (shape: [number, number], dtype: DType) => T,
): T {
  let fd = -1;
  const h = together(g, `read ${path}`, () => {
    fd = openSync(path, "r");
    return header(fd, path);
  });
  try {
    const dtype = dtypeOf(h.descr.kind, h.descr.size, path);
    const a = make([h.shape[0], h.shape[1]], dtype);
    together(g, `read ${path}`, () => {
      const c = dtype === "complex64" || dtype === "complex128" ? 2 : 1;
      const item = ITEM[dtype];
      const swap = h.descr.little !== LITTLE && item > 1;
      const bytes = new Uint8Array(item * a.blockSize);
      const view = dtype === "float32" || dtype === "complex64"
        ? new Float32Array(bytes.buffer)
        : new Float64Array(bytes.buffer);
      for (const r of runs(g, a, h.fortran)) {
        const len = r.len * item;
        const got = readSync(fd, bytes, 0, len, h.dataStart + r.item * item);
        if (got !== len) throw new TypeError(`Invalid .npy file ${path}: truncated data`);
        if (swap) {
          const w = item / c;
          for (let p = 0; p < len; p += w) bytes.subarray(p, p + w).reverse();
        }
        for (let k = 0; k < r.len; k++) {
          const dst = (r.local + k * r.step) * c;
          a.data[dst] = view[k * c];
          if (c === 2) a.data[dst + 1] = view[k * c + 1];
        }
      }
    });
    return a;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

function headerBytes(shape: readonly [number, number], dtype: DType): Uint8Array {
  const dict = `{'descr': '${DESCR[dtype]}', 'fortran_order': False, 'shape': (${shape[0]}, ${
    shape[1]
  }), }`;
  let major = 1;
  let pre = 10;
  if (dict.length + 1 + pre > 65535) {
    major = 2;
    pre = 12;
  }
  const total = Math.ceil((pre + dict.length + 1) / 64) * 64;
  const text = dict.padEnd(total - pre - 1) + "\n";
  const out = new Uint8Array(total);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const len = total - pre;
  if (major === 1) out.set([len & 0xff, len >> 8], 8);
  else new DataView(out.buffer).setUint32(8, len, true);
  for (let k = 0; k < text.length; k++) out[pre + k] = text.charCodeAt(k);
  return out;
}

/** Writes a distributed array to `path` in C order: the root writes the header, each rank its blocks. */
export function writeBlocks(g: Grid, a: Piece, path: string): void {
  const head = headerBytes(a.shape, a.dtype);
  const item = ITEM[a.dtype];
  together(g, `write ${path}`, () => {
    if (g.rank !== 0) return;
    const fd = openSync(path, "w");
    try {
      writeSync(fd, head, 0, head.length, 0);
      ftruncateSync(fd, head.length + a.shape[0] * a.shape[1] * item);
    } finally {
      closeSync(fd);
    }
  });
  together(g, `write ${path}`, () => {
    const fd = openSync(path, "r+");
    try {
      const c = a.dtype === "complex64" || a.dtype === "complex128" ? 2 : 1;
      const bytes = new Uint8Array(item * a.blockSize);
      const view = a.dtype === "float32" || a.dtype === "complex64"
        ? new Float32Array(bytes.buffer)
        : new Float64Array(bytes.buffer);
      for (const r of runs(g, a, false)) {
        for (let k = 0; k < r.len; k++) {
          const src = (r.local + k * r.step) * c;
          view[k * c] = a.data[src];
          if (c === 2) view[k * c + 1] = a.data[src + 1];
        }
        writeSync(fd, bytes, 0, r.len * item, head.length + r.item * item);
      }
    } finally {
      closeSync(fd);
    }
  });
  g.lib.barrier(g.ctxt);
}
