// test/fixtures/scipy.json (scripts/fixtures_scipy.py): input arrays stored once by index,
// cases referring to them, scipy 1.10's answers (an array, or an object of named arrays).
import fixture from "./fixtures/scipy.json" with { type: "json" };
import type { DType } from "../src/dtype.ts";
import { isSingle } from "../src/dtype.ts";
import { NDArray } from "../src/ndarray.ts";

/** An array as the fixture stores it. */
export interface Arr {
  dtype: DType | "int32";
  shape: number[];
  data: (number | string)[];
}

/** One case: a function, indices of its argument arrays, options, scipy's result. */
export interface Case {
  fn: string;
  name: string;
  args: number[];
  // deno-lint-ignore no-explicit-any
  options: Record<string, any>;
  result: Arr | Record<string, Arr>;
  tol: number;
}

/** Makes an NDArray of a fixture array ("Infinity", "NaN" strings become numbers). */
export function decode(a: Arr): NDArray {
  const nums = a.data.map(Number);
  if (a.dtype === "int32") return new NDArray(Int32Array.from(nums), "int32", a.shape);
  return new NDArray(
    isSingle(a.dtype) ? Float32Array.from(nums) : Float64Array.from(nums),
    a.dtype,
    a.shape,
  );
}

// deno-lint-ignore no-explicit-any
const raw = fixture as any;
/** The input arrays, by index. */
export const ARRAYS: NDArray[] = raw.arrays.map(decode);
/** The cases. */
export const CASES: Case[] = raw.cases;
