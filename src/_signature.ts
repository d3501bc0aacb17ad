// Gufunc signatures: "(m,n),(n)->(m)" parsed once per spec, with numpy's fixed-size ("(3)") and
// optional ("(n?)") core dimensions.
import { describeValue } from "./_describe.ts";

/**
 * Core-dimension sizes by name, e.g. `{ m: 3, n: 2 }` (an object without prototype, so any name
 * is a plain key). An optional dimension (`n?`) that is missing counts as 1, as in numpy.
 */
export type Dims = Record<string, number>;

/**
 * A parsed signature: core-dimension names per operand, and per name whether its size is fixed
 * (`"(3)"`: the name is the number) and whether it may be missing (`"(n?)"`, numpy's flexible
 * dimensions). The records have no prototype, so that any name (`constructor`) is a plain key.
 */
export interface Signature {
  inputs: string[][];
  outputs: string[][];
  /** Fixed sizes by name (`"3"` -> 3). */
  fixed: Dims;
  /** The names marked `?`: they may be missing, then they count as size 1. */
  optional: string[];
}

/**
 * Parses `"(m,n),(n)->(m)"` into core-dimension names per operand, with numpy's fixed sizes
 * (`"(3),(3)->(3)"`) and optional dimensions (`"(n?,k),(k,m?)->(n?,m?)"`, matmul's signature).
 * As numpy: a name starts with a letter or `_`; a size is a positive integer; a name marked `?`
 * is marked on every use.
 */
export function parseSignature(signature: string): Signature {
  if (typeof signature !== "string") {
    throw new TypeError(
      `Invalid gufunc signature: expected a string such as "(m,n)->(m)", got ${
        describeValue(signature)
      }`,
    );
  }
  const m = /^\s*(.*?)\s*->\s*(.*?)\s*$/.exec(signature);
  if (m === null) {
    throw new TypeError(
      `Invalid gufunc signature ${describeValue(signature)}: expected "(...)->(...)"`,
    );
  }
  const fixed: Dims = Object.create(null);
  const marked: Record<string, boolean> = Object.create(null);
  const optional: string[] = [];
  const invalid = (why: string) =>
    new TypeError(`Invalid gufunc signature ${describeValue(signature)}: ${why}`);
  const side = (s: string) => {
    const ops = [...s.matchAll(/\(([^()]*)\)/g)].map((g) =>
      g[1].trim() === "" ? [] : g[1].split(",").map((d) => d.trim())
    );
    if (ops.length === 0 || s.replace(/\(([^()]*)\)/g, "").replace(/[\s,]/g, "") !== "") {
      throw invalid(`bad operand list ${describeValue(s)}`);
    }
    return ops.map((op) =>
      op.map((d) => {
        const dm = /^(?:([A-Za-z_]\w*)|(\d+))(\?)?$/.exec(d);
        if (dm === null) {
          throw invalid(
            `bad core dimension ${
              describeValue(d)
            } (expected a name, a positive integer, either one followed by "?")`,
          );
        }
        let name = dm[1];
        if (name === undefined) {
          const size = Number(dm[2]);
          if (!(size > 0 && Number.isSafeInteger(size))) {
            throw invalid(`a fixed core dimension must be a positive integer, got ${dm[2]}`);
          }
          name = String(size);
          fixed[name] = size;
        }
        const q = dm[3] !== undefined;
        const seen = marked[name];
        if (seen === undefined) {
          marked[name] = q;
          if (q) optional.push(name);
        } else if (seen !== q) {
          throw invalid(
            `dimension ${name} is ${seen ? "" : "not "}marked "?" where it first appears, ` +
              `so it must ${seen ? "" : "not "}be marked on every use`,
          );
        }
        return name;
      })
    );
  };
  return { inputs: side(m[1]), outputs: side(m[2]), fixed, optional };
}
