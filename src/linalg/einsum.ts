/**
 * `einsum`: Einstein summation over the operands' axes, as numpy's. Two-operand contractions
 * whose every letter is a batch, free or summed axis (a matrix product up to transposes) go
 * to BLAS through `matmul`, as numpy's `optimize=True` sends them to `tensordot`; three or
 * more operands are contracted left to right; anything else (a diagonal `"ii->i"`, a letter in
 * one operand only that is summed, broadcasting through `...`) is a direct loop.
 *
 * @module
 */
import type { ArrayData, DType } from "../dtype.ts";
import { allocData, floatsPerItem, resultType } from "../dtype.ts";
import type { ArrayLike } from "../ndarray.ts";
import { NDArray } from "../ndarray.ts";
import { describeValue } from "../_describe.ts";
import { arrayArg } from "./_util.ts";
import { matmul } from "./products.ts";

interface Parsed {
  inputs: string[][];
  output: string[];
}

const LETTER = /[A-Za-z]/;

function syntax(subscripts: string, at: number, why: string): never {
  throw new TypeError(
    `Invalid einsum subscripts ${describeValue(subscripts)}: ${why} at position ${at}`,
  );
}

/**
 * Parses `"ij,jk->ik"` (spaces allowed, `...` for broadcast axes) against the operands'
 * dimensions: each operand's letters, `...` expanded to private labels "0", "1", ... counted
 * from the right, and the output's (implicit: every letter seen once, in alphabetical order,
 * after the broadcast axes).
 */
function parse(subscripts: string, ndims: number[]): Parsed {
  const arrow = subscripts.indexOf("->");
  const lhs = arrow < 0 ? subscripts : subscripts.slice(0, arrow);
  const terms: { labels: string[]; ellipsis: number; start: number }[] = [];
  let cur: string[] = [];
  let ell = -1;
  let start = 0;
  for (let i = 0; i <= lhs.length; i++) {
    const ch = lhs[i];
    if (i === lhs.length || ch === ",") {
      terms.push({ labels: cur, ellipsis: ell, start });
      cur = [];
      ell = -1;
      start = i + 1;
    } else if (ch === " ") continue;
    else if (ch === ".") {
      if (lhs.slice(i, i + 3) !== "..." || ell >= 0) {
        syntax(subscripts, i, "a lone '.' or a second '...'");
      }
      ell = cur.length;
      i += 2;
    } else if (LETTER.test(ch)) cur.push(ch);
    else if (ch === "-" || ch === ">") syntax(subscripts, i, "a stray '-' or '>'");
    else syntax(subscripts, i, `${JSON.stringify(ch)} is not a letter`);
  }
  if (terms.length !== ndims.length) {
    throw new RangeError(
      `Invalid einsum subscripts ${describeValue(subscripts)}: ${terms.length} operand${
        terms.length === 1 ? "" : "s"
      } named, ${ndims.length} given`,
    );
  }
  let broadcast = 0;
  const inputs = terms.map((t, k) => {
    const nd = ndims[k];
    if (t.ellipsis < 0) {
      if (t.labels.length !== nd) {
        throw new RangeError(
          `Invalid einsum subscripts ${
            describeValue(subscripts)
          }: operand ${k} has ${nd} dimension${
            nd === 1 ? "" : "s"
          }, its term names ${t.labels.length} (at position ${t.start})`,
        );
      }
      return t.labels;
    }
    const extra = nd - t.labels.length;
    if (extra < 0) {
      throw new RangeError(
        `Invalid einsum subscripts ${describeValue(subscripts)}: operand ${k} has ${nd} dimension${
          nd === 1 ? "" : "s"
        }, its term names more (at position ${t.start})`,
      );
    }
    broadcast = Math.max(broadcast, extra);
    const dots = Array.from({ length: extra }, (_, i) => String(extra - 1 - i));
    return [...t.labels.slice(0, t.ellipsis), ...dots, ...t.labels.slice(t.ellipsis)];
  });
  const dotLabels = Array.from({ length: broadcast }, (_, i) => String(broadcast - 1 - i));
  let output: string[];
  if (arrow < 0) {
    const count = new Map<string, number>();
    for (const t of terms) for (const l of t.labels) count.set(l, (count.get(l) ?? 0) + 1);
    const once = [...count].filter(([, c]) => c === 1).map(([l]) => l);
    // numpy's order: by code point, uppercase before lowercase.
    once.sort();
    output = [...dotLabels, ...once];
  } else {
    const rhs = subscripts.slice(arrow + 2);
    output = [];
    let sawDots = false;
    for (let i = 0; i < rhs.length; i++) {
      const ch = rhs[i];
      const at = arrow + 2 + i;
      if (ch === " ") continue;
      if (ch === ".") {
        if (rhs.slice(i, i + 3) !== "..." || sawDots) {
          syntax(subscripts, at, "a lone '.' or a second '...'");
        }
        sawDots = true;
        output.push(...dotLabels);
        i += 2;
      } else if (LETTER.test(ch)) {
        if (output.includes(ch)) syntax(subscripts, at, `output letter ${ch} repeated`);
        if (!terms.some((t) => t.labels.includes(ch))) {
          syntax(subscripts, at, `output letter ${ch} is in no input`);
        }
        output.push(ch);
      } else syntax(subscripts, at, `${JSON.stringify(ch)} is not a letter`);
    }
    // Without '...' on the right, the broadcast axes are summed, as numpy's.
  }
  return { inputs, output };
}

/** Sizes per label, broadcasting size 1 (only '...' axes may broadcast, as numpy). */
function labelSizes(p: Parsed, arrays: NDArray[], subscripts: string): Map<string, number> {
  const size = new Map<string, number>();
  p.inputs.forEach((labels, k) => {
    labels.forEach((l, d) => {
      const n = arrays[k].shape[d];
      const had = size.get(l);
      if (had === undefined || had === 1) size.set(l, n);
      else if (n !== had && !(n === 1 && /\d/.test(l))) {
        throw new RangeError(
          `Invalid einsum operands for ${describeValue(subscripts)}: ${
            /\d/.test(l) ? "broadcast axes" : `letter ${l}`
          } has size ${had} in one operand and ${n} in operand ${k}`,
        );
      }
    });
  });
  return size;
}

/** The direct loop: every combination of output and summed labels. */
function direct(p: Parsed, arrays: NDArray[], size: Map<string, number>, dtype: DType): NDArray {
  const all = [...p.output];
  for (const labels of p.inputs) for (const l of labels) if (!all.includes(l)) all.push(l);
  const nOut = p.output.length;
  const dims = all.map((l) => size.get(l)!);
  const f = floatsPerItem(dtype);
  const datas: ArrayData[] = [];
  const strides: number[][] = [];
  const offsets: number[] = [];
  for (let k = 0; k < arrays.length; k++) {
    const a = arrays[k];
    const af = floatsPerItem(a.dtype);
    datas.push(a.data);
    offsets.push(a.offset * af);
    const st = all.map(() => 0);
    p.inputs[k].forEach((l, d) => {
      if (a.shape[d] !== 1) st[all.indexOf(l)] += a.strides[d] * af;
    });
    strides.push(st);
  }
  const outShape = dims.slice(0, nOut);
  const total = outShape.reduce((x, y) => x * y, 1);
  const out = allocData(dtype, total);
  const inner = dims.slice(nOut).reduce((x, y) => x * y, 1);
  if (total === 0) return new NDArray(out, dtype, outShape);
  const cplx = arrays.map((a) => floatsPerItem(a.dtype) === 2);
  const idx = new Array(dims.length).fill(0);
  const pos = offsets.slice();
  for (let o = 0; o < total; o++) {
    let re = 0;
    let im = 0;
    for (let s = 0; s < inner; s++) {
      let pr = 1;
      let pi = 0;
      for (let k = 0; k < datas.length; k++) {
        const xr = datas[k][pos[k]];
        const xi = cplx[k] ? datas[k][pos[k] + 1] : 0;
        const t = pr * xr - pi * xi;
        pi = pr * xi + pi * xr;
        pr = t;
      }
      re += pr;
      im += pi;
      // Odometer over the summed labels (the last ones), then the output's.
      for (let d = dims.length - 1; d >= nOut; d--) {
        for (let k = 0; k < pos.length; k++) pos[k] += strides[k][d];
        if (++idx[d] < dims[d]) break;
        for (let k = 0; k < pos.length; k++) pos[k] -= strides[k][d] * dims[d];
        idx[d] = 0;
      }
    }
    out[o * f] = re;
    if (f === 2) out[o * f + 1] = im;
    for (let d = nOut - 1; d >= 0; d--) {
      for (let k = 0; k < pos.length; k++) pos[k] += strides[k][d];
      if (++idx[d] < dims[d]) break;
      for (let k = 0; k < pos.length; k++) pos[k] -= strides[k][d] * dims[d];
      idx[d] = 0;
    }
  }
  return new NDArray(out, dtype, outShape);
}

/**
 * Two operands as a (batched) matrix product when every label is distinct within its operand
 * and is a batch label (both inputs and output), a free label (one input and output) or a
 * summed label (both inputs, not output), with no broadcasting: `undefined` otherwise.
 */
function asMatmul(
  p: Parsed,
  arrays: NDArray[],
  size: Map<string, number>,
): NDArray | undefined {
  const [la, lb] = p.inputs;
  const [A, B] = arrays;
  if (new Set(la).size !== la.length || new Set(lb).size !== lb.length) return undefined;
  for (let d = 0; d < la.length; d++) if (A.shape[d] !== size.get(la[d])) return undefined;
  for (let d = 0; d < lb.length; d++) if (B.shape[d] !== size.get(lb[d])) return undefined;
  const out = p.output;
  const batch = out.filter((l) => la.includes(l) && lb.includes(l));
  const freeA = out.filter((l) => la.includes(l) && !lb.includes(l));
  const freeB = out.filter((l) => lb.includes(l) && !la.includes(l));
  const summed = la.filter((l) => lb.includes(l) && !out.includes(l));
  if (la.some((l) => !out.includes(l) && !lb.includes(l))) return undefined;
  if (lb.some((l) => !out.includes(l) && !la.includes(l))) return undefined;
  const prod = (ls: string[]) => ls.reduce((x, l) => x * size.get(l)!, 1);
  const Bt = prod(batch);
  const M = prod(freeA);
  const N = prod(freeB);
  const K = prod(summed);
  const a3 = A.transpose([...batch, ...freeA, ...summed].map((l) => la.indexOf(l)))
    .reshape([Bt, M, K]);
  const b3 = B.transpose([...batch, ...summed, ...freeB].map((l) => lb.indexOf(l)))
    .reshape([Bt, K, N]);
  const order = [...batch, ...freeA, ...freeB];
  const c = matmul(a3, b3).reshape(order.map((l) => size.get(l)!));
  return c.transpose(out.map((l) => order.indexOf(l))).copy();
}

/**
 * Einstein summation (numpy's `einsum`): `"ij,jk->ik"` is a matrix product, `"ii"` a trace,
 * `"ij->ji"` a transpose, `"...ij,...jk"` a batched product, `"i,i"` a dot product. Letters
 * name axes, `...` the broadcast axes; without `->`, the output is every letter seen once, in
 * alphabetical order. Matrix-product contractions run on BLAS (`?gemm`), as numpy's
 * `optimize=True`; float32 is summed in double and rounded back.
 *
 * @param subscripts The subscripts, e.g. `"bij,bjk->bik"`.
 * @param operands The arrays, one per term.
 * @returns The result (0-d for a full contraction: `.item()`).
 * @throws {TypeError} For a malformed subscript string, naming the position.
 * @throws {RangeError} For a term that does not match its operand's dimensions or sizes.
 *
 * @example Matrix product, trace and outer product
 * ```ts
 * import assert from "node:assert/strict";
 * import { einsum } from "jsr:@dlapack/dlapack";
 * assert.deepEqual(einsum("ij,jk->ik", [[1, 2], [3, 4]], [[1, 0], [0, 1]]).toArray(), [[1, 2], [3, 4]]);
 * assert.equal(einsum("ii", [[1, 2], [3, 4]]).item(), 5);
 * assert.deepEqual(einsum("i,j", [1, 2], [3, 4]).toArray(), [[3, 4], [6, 8]]);
 * assert.throws(() => einsum("ij,j$->i", [[1]], [[1]]), /position 4/);
 * ```
 */
export function einsum(subscripts: string, ...operands: ArrayLike[]): NDArray {
  if (typeof subscripts !== "string") {
    throw new TypeError(
      `Invalid einsum subscripts: expected a string such as "ij,jk->ik", got ${
        describeValue(subscripts)
      }`,
    );
  }
  if (operands.length === 0) {
    throw new TypeError("Invalid call to einsum(): it needs at least one operand");
  }
  const arrays = operands.map((x, k) => arrayArg(x, k, "einsum"));
  const p = parse(subscripts, arrays.map((a) => a.ndim));
  const size = labelSizes(p, arrays, subscripts);
  const dtype = resultType(...arrays.map((a) => a.dtype));
  return contract(p, arrays, size, dtype);
}

function contract(p: Parsed, arrays: NDArray[], size: Map<string, number>, dtype: DType): NDArray {
  if (arrays.length === 2) {
    const r = asMatmul(p, arrays, size);
    if (r !== undefined) return r.dtype === dtype ? r : r.astype(dtype);
  }
  if (arrays.length > 2) {
    // Left to right: the first two, keeping the labels still needed, then the rest.
    const later = new Set([...p.output, ...p.inputs.slice(2).flat()]);
    const seen: string[] = [];
    for (const l of [...p.inputs[0], ...p.inputs[1]]) {
      if (later.has(l) && !seen.includes(l)) seen.push(l);
    }
    const first = contract(
      { inputs: [p.inputs[0], p.inputs[1]], output: seen },
      arrays.slice(0, 2),
      size,
      resultType(arrays[0].dtype, arrays[1].dtype),
    );
    return contract(
      { inputs: [seen, ...p.inputs.slice(2)], output: p.output },
      [first, ...arrays.slice(2)],
      size,
      dtype,
    );
  }
  return direct(p, arrays, size, dtype);
}
