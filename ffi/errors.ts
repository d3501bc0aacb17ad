/**
 * The error of the native boundary that dlapack's public API re-exports (`src/errors.ts`):
 * LapackNotFoundError, thrown by the detector when no usable LAPACK is found.
 *
 * @module
 */

/** One place the detector looked, and why it did not work. */
export interface TriedCandidate {
  /** The path or library name tried. */
  path: string;
  /** Why it was on the list (e.g. "DLAPACK_LIBRARY", "Homebrew"). */
  source: string;
  /** Why it was rejected: absent, dlopen's own error, missing symbols. */
  reason: string;
}

/**
 * No usable LAPACK was found. The message lists every candidate tried, why each failed, and
 * the install command for this platform; `tried` holds the same list as data.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LapackNotFoundError } from "jsr:@dlapack/dlapack";
 * const e = new LapackNotFoundError("No LAPACK library found", []);
 * assert.equal(e.name, "LapackNotFoundError");
 * assert.deepEqual(e.tried, []);
 * ```
 */
export class LapackNotFoundError extends Error {
  /** Every candidate tried, in order, with the reason it failed. */
  readonly tried: TriedCandidate[];
  /** Creates the error; `message` should already include the tried list and install hint. */
  constructor(message: string, tried: TriedCandidate[], options?: ErrorOptions) {
    super(message, options);
    this.name = "LapackNotFoundError";
    this.tried = tried;
  }
}
