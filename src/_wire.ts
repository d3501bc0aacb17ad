/**
 * How arrays cross to and from the worker: NDArrays as `{ dtype, shape, data }` with a fresh
 * C-contiguous buffer of their own (`toOwned()`) that is transferred, everything else as is.
 *
 * @module
 */
import { NDArray } from "./ndarray.ts";

const TAG = "__dlapack_ndarray__";

/** Encodes a value for postMessage, adding the buffers to transfer. */
export function encode(value: unknown, transfer: ArrayBuffer[]): unknown {
  if (value instanceof NDArray) {
    // A buffer of its own: transferring a pooled array's slab would detach other arrays.
    const c = value.toOwned();
    transfer.push(c.data.buffer as ArrayBuffer);
    return { [TAG]: true, dtype: c.dtype, shape: c.shape.slice(), data: c.data };
  }
  if (Array.isArray(value)) return value.map((v) => encode(v, transfer));
  if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v, transfer)]));
  }
  return value;
}

/** Decodes what `encode` made. */
export function decode(value: unknown): unknown {
  if (value !== null && typeof value === "object") {
    // deno-lint-ignore no-explicit-any
    const v = value as any;
    if (v[TAG] === true) return new NDArray(v.data, v.dtype, v.shape);
    if (Array.isArray(v)) return v.map(decode);
    if (!ArrayBuffer.isView(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
    }
  }
  return value;
}
