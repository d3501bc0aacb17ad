// Describing any value for an error message without running user code.

/**
 * A short description of a value for error messages, safe on any value: strings quoted (and
 * cut at 40 characters), numbers printed, other values by their kind ("an array", "a Map",
 * "an object", "null"). It never runs user code (no toString, no JSON of nested arrays).
 */
export function describeValue(x: unknown): string {
  try {
    if (typeof x === "string") return JSON.stringify(x.length > 40 ? x.slice(0, 40) + "..." : x);
    if (typeof x === "number" || typeof x === "boolean" || x === undefined) return String(x);
    if (typeof x === "bigint") return `${x}n`;
    if (typeof x === "symbol") return "a symbol";
    if (typeof x === "function") return "a function";
    if (x === null) return "null";
    if (Array.isArray(x)) return "an array";
    const name = constructorName(x);
    if (name === undefined || name === "Object") return "an object";
    return (/^([AEIO]|[FHLMNRSX][A-Z])/.test(name) ? "an " : "a ") + name;
  } catch {
    return "an object"; // a revoked proxy, or a throwing constructor getter
  }
}

/** The name of a value's constructor, read only from data properties (no getter runs). */
export function constructorName(x: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(x);
  if (proto === null || typeof proto !== "object") return undefined;
  const c = Object.getOwnPropertyDescriptor(proto, "constructor");
  if (c === undefined || !("value" in c) || typeof c.value !== "function") return undefined;
  const n = Object.getOwnPropertyDescriptor(c.value, "name");
  return n !== undefined && "value" in n && typeof n.value === "string" && n.value !== ""
    ? n.value
    : undefined;
}

/**
 * A short description of a value for messages: "string", "undefined", "a Map", "an object".
 * Like `describeValue` it never runs user code to make the text, but names primitives by type.
 */
export function kindOf(x: unknown): string {
  return typeof x === "object" || typeof x === "function" ? describeValue(x) : typeof x;
}
