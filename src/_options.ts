// Options objects: every public function that takes one rejects a key it does not read, as
// numpy raises TypeError for an unexpected keyword, so that `{ out }` given to a function
// without `out`, or a misspelled key, is an error instead of a silently different program.
import { describeValue } from "./_describe.ts";

/** The keys a function's options object may have, in the order its message lists them. */
export type OptionKeys = readonly string[];

/** The keys of a function's options: made once, at module level, never per call. */
export function optionKeys(...keys: string[]): OptionKeys {
  return Object.freeze(keys);
}

/**
 * Rejects options that are not an object (a common slip: passing a number), and an object
 * with a key not in `keys` (`Unknown option "out" for norm(): it takes ord, axis, keepdims`),
 * as numpy rejects an unexpected keyword. `keys` is a module-level list: what the function
 * reads, itself or through the functions it passes its options to. Undefined is no options.
 * `name` is the function's name without parentheses. `describe` words a value that is not an
 * object for the message: by default its type (`got number`); the creation functions of
 * ndarray.ts pass `describeValue` (`got 5`).
 */
export function checkOptions<T extends object>(
  options: T | undefined,
  name: string,
  keys: OptionKeys,
  describe: (x: unknown) => string = typeOf,
): T | undefined {
  if (options !== undefined) {
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
      throw new TypeError(
        `Invalid options for ${name}(): expected an object, got ${describe(options)}`,
      );
    }
    checkOptionKeys(options, keys, name);
  }
  return options;
}

/**
 * Throws a TypeError for the first enumerable string key of `options` (own or inherited: the
 * function would read either) that is not in `keys`. Symbol keys are not checked: no option
 * is named by a symbol, and listing them would allocate on every call. On the hot path: one
 * `for...in` and a scan of a few strings per key (cheaper than a Set's lookup in JavaScriptCore),
 * no allocation; the message is made only on failure.
 */
export function checkOptionKeys(options: object, keys: OptionKeys, name: string): void {
  for (const k in options) {
    let i = 0;
    while (i < keys.length && keys[i] !== k) i++;
    if (i === keys.length) throw unknownOption(k, keys, name);
  }
}

/** `Unknown option "out" for norm(): it takes ord, axis, keepdims` (a long key is cut). */
function unknownOption(key: string, keys: OptionKeys, name: string): TypeError {
  return new TypeError(
    `Unknown option ${describeValue(key)} for ${name}(): it takes ${keys.join(", ")}`,
  );
}

/** A value's type for messages: "null", "an array", "number", "string", ... */
function typeOf(x: unknown): string {
  return x === null ? "null" : Array.isArray(x) ? "an array" : typeof x;
}
