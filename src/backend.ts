/**
 * The backend's public controls: which LAPACK to load (`configure`), what was loaded
 * (`backend`), and the vendor's thread count (`setNumThreads`, `getNumThreads`). Thin: the
 * options check here, the work in `ffi/backend.ts`.
 *
 * @module
 */
import type { BackendInfo, ConfigureOptions } from "../ffi/backend.ts";
import { backendInfo, configureBackend, setThreads, threadCount } from "../ffi/backend.ts";
import type { OptionKeys } from "./_options.ts";
import { checkOptions, optionKeys } from "./_options.ts";

export type {
  Abi,
  BackendInfo,
  ConfigureOptions,
  HeapMode,
  MklLayers,
  Provider,
  ThreadingLayer,
} from "../ffi/backend.ts";

/** The options of `configure`. */
const CONFIGURE_KEYS: OptionKeys = optionKeys("library", "abi", "integers", "heap");

/**
 * Chooses the LAPACK library and ABI. Must be called before the first LAPACK call.
 *
 * @param options `library` (a path or name, or several to try in order), `abi` ("fortran" or
 * "lapacke"), `integers` ("lp64" or "ilp64"), `heap` ("reuse", the default, or "system": whether
 * dlapack may raise glibc's malloc thresholds on Deno and Node, see README "Memory").
 * @throws {TypeError} For an unknown option or value.
 * @throws {Error} When the backend is already loaded.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configure } from "jsr:@dlapack/dlapack";
 * assert.throws(() => configure({ abi: "cobol" as never }), TypeError);
 * ```
 */
export function configure(options: ConfigureOptions): void {
  checkOptions(options, "configure", CONFIGURE_KEYS);
  configureBackend(options);
}

/**
 * What the detector found: path, vendor, version, ABI, integer width, symbol suffix, threads,
 * and the LAPACK and BLAS providers apart. Throws LapackNotFoundError when there is none.
 *
 * @returns The loaded library's description.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { backend } from "jsr:@dlapack/dlapack";
 * const b = backend();
 * assert.ok(b.intWidth === 32 || b.intWidth === 64);
 * ```
 */
export function backend(): BackendInfo {
  return backendInfo(backend);
}

/**
 * Sets the vendor's thread count (OpenBLAS, MKL, BLIS, FlexiBLAS). Returns false when the
 * library has no thread control.
 *
 * @param n The thread count, a positive integer.
 * @returns Whether the library could be told.
 *
 * @example
 * ```ts
 * import { getNumThreads, setNumThreads } from "jsr:@dlapack/dlapack";
 * const before = getNumThreads();
 * if (before !== null) setNumThreads(before);
 * ```
 */
export function setNumThreads(n: number): boolean {
  return setThreads(n, setNumThreads);
}

/**
 * The thread count the user asked for (or the vendor's default), null without thread control.
 *
 * @returns The count, or null.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getNumThreads } from "jsr:@dlapack/dlapack";
 * const n = getNumThreads();
 * assert.ok(n === null || n >= 1);
 * ```
 */
export function getNumThreads(): number | null {
  return threadCount(getNumThreads);
}
