// The gufunc engine's dtype resolution: the computation and result dtypes of a call, and the
// kernel a call without one of its preferred dtype falls back to (numpy's loop resolution).
import type { DType } from "./dtype.ts";
import { doubleDType, isComplex, isDType, isSingle, parseDType, resultType } from "./dtype.ts";
import type { NDArray } from "./ndarray.ts";
import type { GufuncOptions } from "./_ndarray.ts";
import { describeValue } from "./_describe.ts";

/** Resolves the computation dtype and the result dtype of a call. */
export function resolveDTypes(
  arrays: readonly NDArray[],
  options: GufuncOptions | undefined,
  name?: string,
): { computation: DType; result: DType } {
  let result: DType;
  if (options?.dtype !== undefined) result = parseDType(options.dtype, "dtype");
  else if (arrays.length === 1) result = resultType(arrays[0].dtype);
  else if (arrays.length === 2) result = resultType(arrays[0].dtype, arrays[1].dtype);
  else result = resultType(...arrays.map((a) => a.dtype));
  const precision = options?.precision;
  if (precision !== undefined && precision !== "double" && precision !== "single") {
    throw new TypeError(
      `Invalid precision${
        name === undefined ? "" : ` for ${name}()`
      }: expected "double" or "single", got ${describeValue(precision)}`,
    );
  }
  return { computation: precision === "single" ? result : doubleDType(result), result };
}

/**
 * The kernel for a call whose preferred computation dtype has none, as numpy resolves a ufunc's
 * loop: the kernel of the inputs' own dtype `from` (a float32 kernel for float32 input), else the
 * first kernel, in the spec's order (`kernels`), that `from` casts to safely (float32 to float64 or complex,
 * real to complex, never complex to real or double to single). A forced real result dtype
 * (`forced`) takes no complex kernel.
 */
export function fallbackKernel(
  kernels: Partial<Record<DType, unknown>>,
  name: string,
  from: DType,
  forced: boolean,
): DType {
  if (kernels[from] !== undefined) return from;
  for (const k in kernels) {
    if (!isDType(k) || kernels[k] === undefined) continue;
    const safe = (isComplex(k) || !isComplex(from)) && (isSingle(from) || !isSingle(k));
    if (safe && !(forced && isComplex(k) !== isComplex(from))) return k;
  }
  throw new TypeError(
    `Unsupported dtype ${from} for ${name}(): the gufunc has no kernel for it`,
  );
}
