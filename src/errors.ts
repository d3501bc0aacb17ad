/**
 * Error classes of dlapack.
 *
 * @module
 */

/**
 * A linear-algebra failure caused by the caller's matrix, as numpy's `LinAlgError`:
 * the message starts with numpy's words ("Singular matrix", "Matrix is not positive
 * definite", ...) and then says where, e.g. `Singular matrix: item 3 of the stack, U[2,2] is
 * exactly zero`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LinAlgError } from "./errors.ts";
 * const e = new LinAlgError("Singular matrix");
 * assert.ok(e instanceof Error);
 * assert.equal(e.name, "LinAlgError");
 * ```
 */
export class LinAlgError extends Error {
  /** Creates the error with its message and optional `cause`. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "LinAlgError";
  }
}

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
 * import { LapackNotFoundError } from "./errors.ts";
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
