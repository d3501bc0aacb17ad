// The .npy header: the Python literal numpy writes (a dict of descr, fortran_order and shape),
// parsed exactly as ast.literal_eval would, without eval.

/** Deeper nesting in a header is refused (numpy's own headers nest at most a few levels). */
const MAX_DEPTH = 32;
/** Numbers longer than this in a header are refused before any conversion. */
const MAX_NUMBER_LENGTH = 400;

/** The error of a malformed .npy file: `Invalid .npy file: <detail>`. */
export function invalid(detail: string): TypeError {
  return new TypeError(`Invalid .npy file: ${detail}`);
}

/** A Python value of the header: str, bool, None, int, float (kept as text), tuple, list, dict. */
export type Py = string | boolean | null | bigint | PyFloat | PyTuple | Py[] | PyDict;
export interface PyFloat {
  kind: "float";
  text: string;
}
export interface PyTuple {
  kind: "tuple";
  items: Py[];
}
export interface PyDict {
  kind: "dict";
  entries: [Py, Py][];
}

export function isTagged(x: Py, kind: "float" | "tuple" | "dict"): boolean {
  return typeof x === "object" && x !== null && !Array.isArray(x) && x.kind === kind;
}

/** Python's repr, shortened for messages. */
export function repr(x: Py, budget = 80): string {
  const s = reprFull(x, budget);
  return s.length > budget ? s.slice(0, budget - 3) + "..." : s;
}

function reprFull(x: Py, budget: number): string {
  if (x === null) return "None";
  if (typeof x === "boolean") return x ? "True" : "False";
  if (typeof x === "bigint") return x.toString();
  if (typeof x === "string") {
    const q = x.includes("'") && !x.includes('"') ? '"' : "'";
    let out = q;
    for (const ch of x) {
      if (ch === "\\" || ch === q) out += "\\" + ch;
      else if (ch === "\n") out += "\\n";
      else if (ch < " " || ch === "\x7f") {
        out += "\\x" + ch.charCodeAt(0).toString(16).padStart(2, "0");
      } else out += ch;
    }
    return out + q;
  }
  const parts: string[] = [];
  let used = 0;
  const add = (s: string) => {
    parts.push(s);
    used += s.length + 2;
  };
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length && used <= budget; i++) add(reprFull(x[i], budget));
    return `[${parts.join(", ")}]`;
  }
  if (x.kind === "float") return x.text;
  if (x.kind === "tuple") {
    for (let i = 0; i < x.items.length && used <= budget; i++) add(reprFull(x.items[i], budget));
    return x.items.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
  }
  for (let i = 0; i < x.entries.length && used <= budget; i++) {
    add(`${reprFull(x.entries[i][0], budget)}: ${reprFull(x.entries[i][1], budget)}`);
  }
  return `{${parts.join(", ")}}`;
}

const NUMBER = /(?:[0-9]|\.[0-9])(?:[0-9a-zA-Z_.]|(?<=[eE])[+-])*/y;
const DECIMAL_INT = /^(?:0(?:_?0)*|[1-9](?:_?[0-9])*)$/;
const PREFIXED_INT = /^0(?:[xX](?:_?[0-9a-fA-F])+|[oO](?:_?[0-7])+|[bB](?:_?[01])+)$/;
const DIGITS = "[0-9](?:_?[0-9])*";
const FLOAT = new RegExp(
  `^(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?[jJ]?$`,
);
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * Parses the header text as the Python literal `ast.literal_eval` accepts, in the subset a
 * .npy header can hold: dict, tuple, list, str, int, float, bool and None, with Python's
 * whitespace, comments and trailing commas. `py2` drops the `L` of Python 2 long integers, as
 * numpy does for format versions 1.0 and 2.0.
 */
export function parseLiteral(s: string, py2: boolean): Py {
  let i = 0;
  const n = s.length;
  const fail = (what: string): never => {
    const shown = s.length > 100 ? JSON.stringify(s.slice(0, 100)) + "..." : JSON.stringify(s);
    throw invalid(`cannot parse the header: ${what} at character ${i} of ${shown}`);
  };
  const skip = () => {
    while (i < n) {
      const c = s[i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f") i++;
      else if (c === "\\" && (s[i + 1] === "\n" || s[i + 1] === "\r")) i += 2;
      else if (c === "#") {
        while (i < n && s[i] !== "\n" && s[i] !== "\r") i++;
      } else break;
    }
  };
  const expect = (c: string) => {
    skip();
    if (s[i] !== c) {
      fail(i < n ? `expected '${c}', found ${JSON.stringify(s[i])}` : `expected '${c}'`);
    }
    i++;
  };

  const str = (): string => {
    const q = s[i];
    const triple = s.startsWith(q + q + q, i);
    i += triple ? 3 : 1;
    let out = "";
    for (;;) {
      if (i >= n) fail("unterminated string");
      const c = s[i];
      if (c === q && (!triple || s.startsWith(q + q + q, i))) {
        i += triple ? 3 : 1;
        return out;
      }
      if ((c === "\n" || c === "\r") && !triple) fail("end of line inside a string");
      if (c !== "\\") {
        out += c;
        i++;
        continue;
      }
      const e = s[i + 1];
      i += 2;
      if (e === undefined) fail("unterminated string");
      const simple: Record<string, string> = {
        "\\": "\\",
        "'": "'",
        '"': '"',
        n: "\n",
        t: "\t",
        r: "\r",
        a: "\x07",
        b: "\b",
        f: "\f",
        v: "\v",
        "\n": "",
      };
      if (Object.hasOwn(simple, e)) out += simple[e];
      else if (e === "x" || e === "u" || e === "U") {
        const len = e === "x" ? 2 : e === "u" ? 4 : 8;
        const hex = s.slice(i, i + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) fail(`invalid \\${e} escape`);
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) fail(`invalid \\${e} escape`);
        out += String.fromCodePoint(cp);
        i += len;
      } else if (e >= "0" && e <= "7") {
        let oct = e;
        while (oct.length < 3 && s[i] >= "0" && s[i] <= "7") oct += s[i++];
        out += String.fromCharCode(parseInt(oct, 8));
      } else if (e === "N") fail("\\N{...} escapes are not supported");
      else out += "\\" + e; // Python keeps unknown escapes as they are
    }
  };

  const number = (sign: string): bigint | PyFloat => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(s);
    if (m === null) return fail("expected a number");
    let text = m[0];
    if (text.length > MAX_NUMBER_LENGTH) fail(`a number of ${text.length} characters`);
    i += text.length;
    if (py2 && text.endsWith("L") && text.length > 1) text = text.slice(0, -1);
    if (DECIMAL_INT.test(text) || PREFIXED_INT.test(text)) {
      const v = BigInt(text.replaceAll("_", ""));
      return sign === "-" ? -v : v;
    }
    if (FLOAT.test(text) && /[.eEjJ]/.test(text)) {
      return { kind: "float", text: (sign === "-" ? "-" : "") + text };
    }
    return fail(`invalid number ${JSON.stringify(text)}`);
  };

  const value = (depth: number): Py => {
    if (depth > MAX_DEPTH) fail(`values nested more than ${MAX_DEPTH} deep`);
    skip();
    if (i >= n) fail("unexpected end");
    const c = s[i];
    if (c === "{") {
      i++;
      const entries: [Py, Py][] = [];
      for (;;) {
        skip();
        if (s[i] === "}") break;
        const k = value(depth + 1);
        expect(":");
        entries.push([k, value(depth + 1)]);
        skip();
        if (s[i] === ",") i++;
        else if (s[i] !== "}") fail("expected ',' or '}'");
      }
      i++;
      return { kind: "dict", entries };
    }
    if (c === "(" || c === "[") {
      const close = c === "(" ? ")" : "]";
      i++;
      const items: Py[] = [];
      let comma = false;
      for (;;) {
        skip();
        if (s[i] === close) break;
        items.push(value(depth + 1));
        skip();
        if (s[i] === ",") {
          i++;
          comma = true;
        } else if (s[i] !== close) fail(`expected ',' or '${close}'`);
      }
      i++;
      if (c === "[") return items;
      if (items.length === 1 && !comma) return items[0]; // (x) is x, not a tuple
      return { kind: "tuple", items };
    }
    if (c === "'" || c === '"') return str();
    if ((c === "u" || c === "U") && (s[i + 1] === "'" || s[i + 1] === '"')) {
      i++;
      return str();
    }
    if (c === "-" || c === "+") {
      i++;
      skip();
      return number(c);
    }
    if ((c >= "0" && c <= "9") || c === ".") return number("+");
    NAME.lastIndex = i;
    const m = NAME.exec(s);
    if (m !== null) {
      if (m[0] === "True" || m[0] === "False" || m[0] === "None") {
        i += m[0].length;
        return m[0] === "None" ? null : m[0] === "True";
      }
      fail(`unexpected name ${JSON.stringify(m[0].slice(0, 40))}`);
    }
    return fail(`unexpected character ${JSON.stringify(c)}`);
  };

  skip();
  const v = value(0);
  skip();
  if (i < n) fail(`unexpected ${JSON.stringify(s[i])} after the dictionary`);
  return v;
}
