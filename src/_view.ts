/**
 * The checks every NDArray method runs on its receiver, and that functions run on their array
 * arguments: the brand (made by the constructor, not `Object.create(NDArray.prototype)`), and
 * that `shape`, `strides` and `offset`, plain fields that code outside may change, still describe
 * a view within `data`. They read an array only through the fields of `View`, so that this file
 * sits below the class (_ndarray.ts) that calls them.
 *
 * @module
 */
import { kindOf } from "./_describe.ts";
import type { ArrayData, ArrayDType, Complex } from "./dtype.ts";
import type { Layout } from "./_layout.ts";
import { dimProblem, listString, MAX_DIMS, viewProblem } from "./_shape.ts";

/** The fields of an NDArray these checks read. */
export interface View {
  readonly dtype: ArrayDType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly data: ArrayData;
}

/** Whether `x` was made by the NDArray constructor (set once, by the class's static block). */
let genuine: (x: unknown) => boolean = () => false;
let branded = false;

/**
 * Installs the NDArray class's brand test (`#genuine in x`); the class's static block calls it
 * once, when _ndarray.ts loads, and a second call throws.
 */
export function setBrand(test: (x: unknown) => boolean): void {
  if (branded) throw new TypeError("The NDArray brand is already set");
  branded = true;
  genuine = test;
}

/** Whether `x` was made by the NDArray constructor. */
export function isGenuine(x: unknown): boolean {
  return genuine(x);
}

/**
 * Checks that `a` was made by the NDArray constructor (not `Object.create(NDArray.prototype)`)
 * and that its shape and strides, plain arrays that code outside may change, still describe a
 * view within its data; returns copies of them, so that no later change (not even by a getter on
 * an element) reaches the caller's loops.
 *
 * @param a The array.
 * @param fn The function, for messages: "toArray()".
 * @param where Which array, for messages: "value[1]" (default: the receiver).
 */
export function layoutOf(a: View, fn: string, where?: string): Layout {
  const nd = checkDims(a, fn, where);
  const shape0 = a.shape;
  const strides0 = a.strides;
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < nd; i++) {
    shape.push(shape0[i]);
    strides.push(strides0[i]);
  }
  return { shape, strides, size: checkView(a, shape, strides, fn, where) };
}

/**
 * layoutOf's checks without the copies, for callers that do not loop over the shape.
 *
 * @returns The size.
 */
export function checkLayout(a: View, fn: string, where?: string): number {
  checkDims(a, fn, where);
  return checkView(a, a.shape, a.strides, fn, where);
}

/** Checks the brand and the number of dimensions and strides; returns the latter. */
export function checkDims(a: View, fn: string, where: string | undefined): number {
  if (!genuine(a)) {
    throw new TypeError(
      `Invalid NDArray in ${whatOf(fn, where)}: it was not made by the NDArray constructor`,
    );
  }
  const shape = a.shape;
  const strides = a.strides;
  const nd = shape.length;
  const ns = strides.length;
  if (!(nd <= MAX_DIMS && ns === nd)) {
    throw tampered(
      RangeError,
      fn,
      where,
      nd <= MAX_DIMS && ns <= MAX_DIMS
        ? `its shape ${listString(shape)} and strides ${listString(strides)} differ in length`
        : `it has ${nd} dimensions and ${ns} strides, but at most ${MAX_DIMS} are supported`,
    );
  }
  return nd;
}

/** Checks each dimension and stride, and that the view lies within the data; returns the size. */
export function checkView(
  a: View,
  shape: readonly unknown[],
  strides: readonly unknown[],
  fn: string,
  where: string | undefined,
): number {
  const data = a.data;
  const items = a.dtype === "complex128" || a.dtype === "complex64"
    ? data.length >> 1
    : data.length;
  const off = a.offset;
  const p = viewProblem(shape, strides, off, items);
  if (typeof p === "number") return p;
  const { what, index: i, value } = p;
  if (what === "dimension") {
    throw tampered(
      typeof value === "number" ? RangeError : TypeError,
      fn,
      where,
      `dimension ${i} of its shape ${listString(shape)} ${
        typeof value === "number" ? dimProblem(value) : "is not a number"
      }`,
    );
  }
  if (what === "stride") {
    throw tampered(
      typeof value === "number" ? RangeError : TypeError,
      fn,
      where,
      `stride ${i} of its strides ${listString(strides)} is not an integer`,
    );
  }
  if (what === "size") {
    throw tampered(
      RangeError,
      fn,
      where,
      `the size of its shape ${listString(shape)} is too large`,
    );
  }
  throw tampered(
    RangeError,
    fn,
    where,
    `its shape ${listString(shape)} with strides ${listString(strides)} and offset ${off} ` +
      `reaches item ${i}, but data holds ${items} items`,
  );
}

function whatOf(fn: string, where: string | undefined): string {
  return where === undefined ? fn : `${fn} (${where})`;
}

function tampered(
  e: typeof RangeError | typeof TypeError,
  fn: string,
  where: string | undefined,
  problem: string,
): Error {
  return new e(
    `Invalid NDArray in ${whatOf(fn, where)}: ${problem} (its shape or strides were changed ` +
      `after construction, or its buffer shrank)`,
  );
}

/**
 * The data position (in items) of an element; validates the index, and that the position lies
 * in `data` (a receiver whose shape or strides were changed may say otherwise). Small, for at()
 * in loops: failures go to indexError, which is not given `index` (passing the rest array to a
 * call that is not inlined makes V8 allocate it on every at()).
 */
export function position(a: View, index: readonly unknown[], fn: string): number {
  if (!genuine(a)) throw indexError(a, fn, -1, 0);
  const shape = a.shape;
  const strides = a.strides;
  const nd = shape.length;
  if (index.length !== nd) throw indexError(a, fn, -1, index.length);
  let p = a.offset;
  for (let k = 0; k < nd; k++) {
    const i = index[k];
    const n = shape[k];
    const s = strides[k];
    // The types first: arithmetic on an object would run its valueOf.
    if (typeof i !== "number" || typeof n !== "number" || typeof s !== "number") {
      throw indexError(a, fn, k, i);
    }
    const j = i < 0 ? i + n : i;
    if (!(j >= 0 && j < n && Math.floor(j) === j)) throw indexError(a, fn, k, i);
    p += j * s;
  }
  const data = a.data;
  const items = a.dtype === "complex128" || a.dtype === "complex64"
    ? data.length >> 1
    : data.length;
  if (!(p >= 0 && p < items && Number.isSafeInteger(p))) throw indexError(a, fn, nd, 0);
  return p;
}

/**
 * Why position() failed: the array (layoutOf's checks), else index `i` of axis `k` (k = -1: the
 * number of indices is `i`).
 */
function indexError(a: View, fn: string, k: number, i: unknown): Error {
  const nd = layoutOf(a, fn).shape.length;
  if (k < 0) {
    return new RangeError(
      `Cannot index an array of ${nd} dimension${nd === 1 ? "" : "s"} with ${i} ` +
        `ind${i === 1 ? "ex" : "ices"}: give one index per dimension`,
    );
  }
  if (k < nd) {
    if (typeof i !== "number") {
      return new TypeError(`Invalid index for axis ${k}: expected an integer, got ${kindOf(i)}`);
    }
    if (Math.floor(i) !== i) {
      return new RangeError(`Invalid index ${i} for axis ${k}: expected an integer`);
    }
    const n = a.shape[k];
    if (!(i >= -n && i < n)) {
      return new RangeError(`Index ${i} is out of bounds for axis ${k} with size ${n}`);
    }
  }
  return invalid(a, fn);
}

/** Throws layoutOf's error for an array that failed a quick check. */
export function invalid(a: View, fn: string): never {
  layoutOf(a, fn);
  // Only when a getter on an element of shape or strides answers differently each time.
  throw new RangeError(
    `Invalid NDArray in ${fn}: its shape or strides are changing (they must not be changed ` +
      `after construction)`,
  );
}

/** Element `p` of storage of dtype `d` as a JS value. */
export function scalarAt(data: ArrayData, d: ArrayDType, p: number): number | boolean | Complex {
  if (d === "float64" || d === "float32" || d === "int32") return data[p];
  if (d === "bool") return data[p] !== 0;
  return { re: data[2 * p], im: data[2 * p + 1] };
}
