// Arrays of the other JS ndarray packages, read without copying where the layout allows:
// scijs `ndarray` ({ data, shape, stride, offset, dtype }) and `@stdlib/ndarray`
// ({ data, shape, strides, offset, dtype, order }, complex data a Complex128Array or
// Complex64Array over interleaved floats, bool data a BooleanArray over bytes). Both keep
// strides and offsets in elements, as dlapack does, so a view of theirs is a view of ours.
// Internal: asarray and array call it; nothing else reads foreign objects.
import type { ArrayData, ArrayDType } from "./dtype.ts";
import { allocArrayData, dtypeOfTypedArray, typedArrayTag } from "./dtype.ts";
import { NDArray } from "./_ndarray.ts";

/** The own data property of `x` (never a getter: no user code runs). */
function own(x: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(x, key);
  if (d !== undefined) return "value" in d ? d.value : undefined;
  // stdlib's fields are getters on its prototype; read them only for its class.
  return undefined;
}

function intList(x: unknown): number[] | undefined {
  if (!Array.isArray(x) && !(x instanceof Int32Array) && !(ArrayBuffer.isView(x))) return undefined;
  const list = Array.from(x as ArrayLike<number>);
  return list.every((v) => typeof v === "number" && Number.isSafeInteger(v)) ? list : undefined;
}

/** The constructor name of an object's class, through its prototype (no getters run). */
function className(x: object): string | undefined {
  const p: unknown = Object.getPrototypeOf(x);
  if (p === null || typeof p !== "object") return undefined;
  const c = Object.getOwnPropertyDescriptor(p, "constructor");
  const f = c !== undefined && "value" in c ? c.value : undefined;
  return typeof f === "function" && typeof f.name === "string" ? f.name : undefined;
}

/**
 * A view of a scijs or stdlib ndarray as an NDArray, sharing its memory, or undefined when `x`
 * is neither. Element types dlapack has no dtype for are copied to the dtype `array()` gives
 * such a typed array (uint8, int16, ...: int32; uint32: float64), plain arrays to float64.
 */
export function foreignView(x: unknown): NDArray | undefined {
  if (x === null || typeof x !== "object" || Array.isArray(x) || ArrayBuffer.isView(x)) {
    return undefined;
  }
  const obj = x as Record<string, unknown>;
  let data: unknown, shape: number[] | undefined, strides: number[] | undefined;
  let offset: unknown, dtype: unknown;
  const stride = own(obj, "stride");
  if (stride !== undefined) {
    // scijs: plain fields (a generated View class per dtype and dimension).
    data = own(obj, "data");
    shape = intList(own(obj, "shape"));
    strides = intList(stride);
    offset = own(obj, "offset");
    dtype = undefined;
  } else if (className(obj) === "ndarray" && "strides" in obj && "order" in obj) {
    // stdlib: accessors on its prototype, plain data behind them.
    data = obj.data;
    shape = intList(obj.shape);
    strides = intList(obj.strides);
    offset = obj.offset;
    dtype = String(obj.dtype);
  } else return undefined;
  if (shape === undefined || strides === undefined || strides.length !== shape.length) {
    return undefined;
  }
  const off = typeof offset === "number" ? offset : 0;
  let buf: ArrayData | undefined;
  let d: ArrayDType | undefined;
  if (data instanceof Float64Array) [buf, d] = [data, "float64"];
  else if (data instanceof Float32Array) [buf, d] = [data, "float32"];
  else if (data instanceof Int32Array) [buf, d] = [data, "int32"];
  else if (
    data !== null && typeof data === "object" &&
    (dtype === "complex128" || dtype === "complex64" || dtype === "bool")
  ) {
    const b = (data as { buffer?: unknown }).buffer;
    const bo = (data as { byteOffset?: unknown }).byteOffset;
    const n = (data as { length?: unknown }).length;
    if (b instanceof ArrayBuffer && typeof bo === "number" && typeof n === "number") {
      if (dtype === "complex128") [buf, d] = [new Float64Array(b, bo, 2 * n), "complex128"];
      else if (dtype === "complex64") [buf, d] = [new Float32Array(b, bo, 2 * n), "complex64"];
      else [buf, d] = [new Uint8Array(b, bo, n), "bool"];
    }
  }
  if (buf !== undefined && d !== undefined) return new NDArray(buf, d, shape, strides, off);
  // Anything else with indexable numbers: a copy in C order, of the dtype array() gives such a
  // typed array (int32 for uint8, int16, ...; float64 for uint32 and plain arrays).
  if (data === null || typeof data !== "object") return undefined;
  const src = data as ArrayLike<unknown>;
  if (typeof src.length !== "number") return undefined;
  const size = shape.reduce((p, n) => p * n, 1);
  const tag = typedArrayTag(data);
  const to = tag !== undefined && !tag.startsWith("Big")
    ? dtypeOfTypedArray(data as Uint8Array)
    : "float64";
  const out = allocArrayData(to, size);
  const idx = shape.map(() => 0);
  for (let k = 0; k < size; k++) {
    let p = off;
    for (let i = 0; i < shape.length; i++) p += idx[i] * strides[i];
    const v = src[p];
    if (typeof v !== "number" && typeof v !== "boolean") {
      throw new TypeError(
        `Cannot read element ${k} of a foreign ndarray: expected numbers, got ${typeof v}`,
      );
    }
    out[k] = +v;
    for (let i = shape.length - 1; i >= 0; i--) {
      if (++idx[i] < shape[i]) break;
      idx[i] = 0;
    }
  }
  return new NDArray(out, to, shape);
}
