/**
 * Intrinsics, captured once: the checks read typed arrays through them, so no user getter,
 * subclass or proxy can lie about a length, and no user code runs between check and call.
 * And `describe`, which names a value for a message without running user code.
 *
 * @module
 */
import { constructorName } from "../_describe.ts";

const TypedArrayProto = Object.getPrototypeOf(Int8Array.prototype);
const callBound = Function.prototype.call.bind(Function.prototype.call) as (
  f: (this: unknown) => unknown,
  self: unknown,
) => unknown;
/** An intrinsic getter as a plain function of its receiver. */
function getter(proto: object, key: PropertyKey): ((self: unknown) => unknown) | undefined {
  const get = Object.getOwnPropertyDescriptor(proto, key)?.get as
    | ((this: unknown) => unknown)
    | undefined;
  return get === undefined ? undefined : (self: unknown) => callBound(get, self);
}
export const taTag = getter(TypedArrayProto, Symbol.toStringTag)!;
export const taLength = getter(TypedArrayProto, "length")!;
export const taByteOffset = getter(TypedArrayProto, "byteOffset")!;
export const taBuffer = getter(TypedArrayProto, "buffer")!;
const abDetached = getter(ArrayBuffer.prototype, "detached");
const abByteLength = getter(ArrayBuffer.prototype, "byteLength")!;
export const apply = Reflect.apply;

/** What a typed array really is, read through the intrinsics; undefined when not one. */
export function typedArrayTag(a: unknown): string | undefined {
  return a !== null && typeof a === "object" ? taTag(a) as string | undefined : undefined;
}

/** "shared", "detached" or "ok" for a typed array's buffer. */
export function bufferState(buf: unknown): "shared" | "detached" | "ok" {
  try {
    if (abDetached !== undefined) return abDetached(buf) ? "detached" : "ok";
    if (abByteLength(buf) !== 0) return "ok";
    try {
      new Uint8Array(buf as ArrayBuffer);
      return "ok";
    } catch {
      return "detached";
    }
  } catch {
    return "shared"; // the ArrayBuffer getters refuse a SharedArrayBuffer
  }
}

/**
 * A value for a message, without running user code: no toString, valueOf or getter of the
 * value runs (numbers and bigints are printed, strings quoted and cut, anything else named by
 * its kind).
 */
export function describe(a: unknown, typed = true): string {
  try {
    if (a === null) return "null";
    if (Array.isArray(a)) return "an Array";
    const tag = typedArrayTag(a);
    if (tag !== undefined) return tag;
    if (typeof a === "object") {
      const ctor = ctorName(a as object);
      const what = typed ? "an object that is not a typed array" : "an object";
      return `${what}${ctor ? ` (constructor ${ctor})` : ""}`;
    }
    if (typeof a === "string") return `the string ${quote(a)}`;
    if (typeof a === "number") return `number ${String(a)}`;
    if (typeof a === "bigint") return `bigint ${String(a)}`;
    return typeof a;
  } catch {
    return "an object"; // a revoked proxy
  }
}

/**
 * The name of an object's constructor, read from data properties only (the prototype's own
 * `constructor`, and its own `name`), so that no getter runs; undefined when there is none.
 */
/** The constructor's name, read without running a getter, quoted when it does not look like one. */
function ctorName(a: object): string | undefined {
  const name = constructorName(a);
  return name === undefined ? undefined : quoteName(name);
}

/** A constructor name as it is when it looks like one, else quoted and cut. */
function quoteName(s: string): string {
  return /^[A-Za-z_$][\w$]{0,40}$/.test(s) ? s : quote(s);
}

export function quote(s: string): string {
  return JSON.stringify(s.length > 20 ? s.slice(0, 20) + "..." : s);
}
