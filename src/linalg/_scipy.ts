/**
 * Private helpers of the scipy.linalg families: option values in scipy's terms, and the
 * zero-stride operand that binds a core dimension no input has (`k = min(m, n)`).
 *
 * @module
 */
import type { ArrayDType, DType, FloatArray } from "../dtype.ts";
import { realDType } from "../dtype.ts";
import { NDArray } from "../ndarray.ts";
import type { KernelFactory } from "../gufunc.ts";
import { describeValue } from "../_describe.ts";

/** The same kernel factory for the four computation dtypes. */
export const ALL = (f: KernelFactory): Record<DType, KernelFactory> => ({
  float32: f,
  float64: f,
  complex64: f,
  complex128: f,
});

/**
 * A length-`k` operand that reads one element (stride 0), of `dtype`'s real type so that it
 * changes no type resolution: it binds the core dimension `k` of a signature such as
 * `"(m,n),(k)->(m,n),(k)"`. The kernel ignores it.
 */
export function coreDim(k: number, dtype: ArrayDType): NDArray {
  const real = realDType(dtype);
  const data = real === "float32" ? new Float32Array(1) : new Float64Array(1);
  return new NDArray(data, real, [k], [0]);
}

/** A boolean option (default `def`), or a TypeError naming it. */
export function flag(value: unknown, def: boolean, key: string, name: string): boolean {
  if (value === undefined) return def;
  if (typeof value !== "boolean") {
    throw new TypeError(
      `Invalid ${key} for ${name}(): expected true or false, got ${describeValue(value)}`,
    );
  }
  return value;
}

/** scipy's `trans`: 0, 1, 2 or "N", "T", "C", as LAPACK's letter. */
export function transOf(value: unknown, name: string): "N" | "T" | "C" {
  if (value === undefined || value === 0 || value === "N") return "N";
  if (value === 1 || value === "T") return "T";
  if (value === 2 || value === "C") return "C";
  throw new TypeError(
    `Invalid trans for ${name}(): expected 0, 1, 2, "N", "T" or "C", got ${describeValue(value)}`,
  );
}

/** Zeroes a column-major `m x n` block (complex when `f` is 2). */
export function fillZero(x: FloatArray, count: number): void {
  x.fill(0, 0, count);
}

/** A named field of a factor object (`{ lu, piv }`), or a TypeError naming what is missing. */
export function field(obj: unknown, key: string, what: string, name: string): unknown {
  if (typeof obj !== "object" || obj === null || !(key in obj)) {
    throw new TypeError(
      `Invalid factorization for ${name}(): expected ${what}, got ${describeValue(obj)}`,
    );
  }
  return (obj as Record<string, unknown>)[key];
}
