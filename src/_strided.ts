// Strided iteration shared by the array core (elementwise, reductions, assignment, building):
// numpy's broadcasting of several shapes, and an odometer that walks the rows of a broadcast
// loop, merging dimensions that are contiguous for every operand so a contiguous call is one
// row. Internal: nothing here is exported from mod.ts.

import { describeValue } from "./_describe.ts";

/** A shape argument: a number or an array of non-negative integers. */
export function shapeArg(shape: unknown, fn: string): number[] {
  const list = typeof shape === "number" ? [shape] : shape;
  if (!Array.isArray(list)) {
    throw new TypeError(
      `Invalid shape for ${fn}(): expected an integer or an array of integers, got ${
        describeValue(shape)
      }`,
    );
  }
  const out: number[] = [];
  for (const d of list) {
    if (typeof d !== "number") {
      throw new TypeError(`Invalid shape for ${fn}(): ${describeValue(d)} is not an integer`);
    }
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new RangeError(
        `Invalid shape for ${fn}(): dimensions must be non-negative integers, got ${d}`,
      );
    }
    out.push(d);
  }
  return out;
}

/** A shape as numpy prints it in messages, without the 1-tuple comma: `(3,2)`, `(4)`, `()`. */
export function shapeString(shape: readonly number[]): string {
  return `(${shape.join(",")})`;
}

/**
 * numpy's broadcasting of any number of shapes: `(3,1)` with `(4)` is `(3,4)`, a 0-d shape
 * broadcasts with anything. `name` is the function in the message.
 */
export function broadcastShapeList(shapes: readonly (readonly number[])[], name: string): number[] {
  let nd = 0;
  for (let k = 0; k < shapes.length; k++) nd = Math.max(nd, shapes[k].length);
  const out: number[] = [];
  for (let i = 0; i < nd; i++) {
    let d = 1;
    for (let k = 0; k < shapes.length; k++) {
      const s = shapes[k];
      const x = s[s.length - nd + i] ?? 1;
      if (x === d || x === 1) continue;
      if (d !== 1) {
        throw new RangeError(
          `Operands of ${name}() could not be broadcast together with shapes ${
            shapes.map(shapeString).join(" ")
          }`,
        );
      }
      d = x;
    }
    out.push(d);
  }
  return out;
}

/**
 * The strides of an array of `shape` and `strides` seen through the broadcast shape `to`
 * (0 on dimensions it gains or stretches). The caller checked that `shape` broadcasts to `to`.
 */
export function stridesFor(
  shape: readonly number[],
  strides: readonly number[],
  to: readonly number[],
): number[] {
  const out: number[] = [];
  const lead = to.length - shape.length;
  for (let i = 0; i < to.length; i++) {
    if (i < lead) out.push(0);
    else {
      const d = shape[i - lead];
      out.push(d === 1 && to[i] !== 1 ? 0 : strides[i - lead]);
    }
  }
  return out;
}

/** What a row callback receives: the position of each operand and its stride along the row. */
export type RowFunction = (pos: number[], inner: readonly number[], n: number) => void;

/**
 * Calls `row` once per row of the loop over `shape`: operand k starts at `offsets[k]` and moves
 * by `strides[k][d]` along dimension d. Size-1 dimensions are dropped and dimensions that are
 * contiguous for every operand are merged, so a contiguous loop is one call. Allocates a few
 * small arrays per call, none per row.
 */
export function forEachRow(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
  offsets: readonly number[],
  row: RowFunction,
): void {
  // row must not change pos: it is the odometer's own state.
  const m = strides.length;
  const shp: number[] = [];
  const str: number[][] = [];
  for (let k = 0; k < m; k++) str.push([]);
  for (let d = 0; d < shape.length; d++) {
    const n = shape[d];
    if (n === 0) return;
    if (n === 1) continue;
    const last = shp.length - 1;
    let merge = last >= 0;
    for (let k = 0; k < m && merge; k++) {
      if (str[k][last] !== strides[k][d] * n) merge = false;
    }
    if (merge) {
      shp[last] *= n;
      for (let k = 0; k < m; k++) str[k][last] = strides[k][d];
    } else {
      shp.push(n);
      for (let k = 0; k < m; k++) str[k].push(strides[k][d]);
    }
  }
  const pos = offsets.slice();
  const nd = shp.length;
  if (nd === 0) {
    const inner: number[] = [];
    for (let k = 0; k < m; k++) inner.push(0);
    row(pos, inner, 1);
    return;
  }
  const inner: number[] = [];
  for (let k = 0; k < m; k++) inner.push(str[k][nd - 1]);
  const n = shp[nd - 1];
  if (nd === 1) {
    row(pos, inner, n);
    return;
  }
  const idx: number[] = [];
  for (let d = 0; d < nd - 1; d++) idx.push(0);
  for (;;) {
    row(pos, inner, n);
    let d = nd - 2;
    for (; d >= 0; d--) {
      if (++idx[d] < shp[d]) {
        for (let k = 0; k < m; k++) pos[k] += str[k][d];
        break;
      }
      idx[d] = 0;
      for (let k = 0; k < m; k++) pos[k] -= str[k][d] * (shp[d] - 1);
    }
    if (d < 0) return;
  }
}
