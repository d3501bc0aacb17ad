/**
 * The functions that `linalg.async` and `createPool` run in a worker, each declared once by its
 * family file (`register(inv, "inv", 1, INV_KEYS, { pool: true })`): how many array arguments
 * it takes before its options, and which option keys it reads. `async.ts`, `pool.ts` and the
 * worker read this table, so adding a function never edits them. It imports nothing from the
 * families, so no import circle runs through it.
 *
 * @module
 */
import type { OptionKeys } from "../_options.ts";

/** One registered function. */
export interface Registered {
  /** The function (the worker and the pool's first probe call it). */
  // deno-lint-ignore no-explicit-any
  fn: (...args: any[]) => any;
  /** The number of array arguments before the options object. */
  arrays: number;
  /** The option keys it reads (`linalg.async` drops `out`: results are transferred back). */
  keys: OptionKeys;
  /** Whether `createPool` may split it along a stack: one output, of the stack's leading shape, written through `out`. */
  pool: boolean;
}

const TABLE: Record<string, Registered> = Object.create(null);
const NAMES: string[] = [];

/**
 * Declares `fn` to `linalg.async` (and with `pool`, to `createPool`) under `name`. Called once
 * per function, at module level, by the function's family file.
 */
export function register(
  // deno-lint-ignore no-explicit-any
  fn: (...args: any[]) => any,
  name: string,
  arrays: number,
  keys: OptionKeys,
  options?: { pool?: boolean },
): void {
  if (TABLE[name] === undefined) NAMES.push(name);
  TABLE[name] = { fn, arrays, keys, pool: options?.pool === true };
}

/** The registered function of that name, or undefined. */
export function registered(name: string): Registered | undefined {
  return TABLE[name];
}

/** The registered names, in the order of registration. */
export function registeredNames(): readonly string[] {
  return NAMES;
}
