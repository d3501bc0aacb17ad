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
 * import { LinAlgError } from "jsr:@dlapack/dlapack";
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

// Thrown by the detector in ffi/, which imports nothing from src/: defined there, the same class.
export { LapackNotFoundError } from "../ffi/errors.ts";
export type { TriedCandidate } from "../ffi/errors.ts";
