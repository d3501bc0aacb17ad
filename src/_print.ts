// numpy's repr (numpy/_core/arrayprint.py with the default options), for NDArray#toString and
// the console.log hooks of Deno, Node and Bun.
import type { ArrayData } from "./dtype.ts";
import { isComplex, isSingle } from "./dtype.ts";
import type { Layout, Storage } from "./_layout.ts";
import { tupleString } from "./_shape.ts";

/** The most elements `toString()` and the inspect hooks format (after eliding). */
const MAX_PRINTED = 2 ** 22;

const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 75;
const PRECISION = 8;

/** How one real column of numbers (real or imaginary parts) is printed. */
interface FloatFormat {
  exp: boolean;
  precision: number;
  padLeft: number;
  padRight: number;
  expSize: number;
  plus: boolean;
  single: boolean;
}

export function repr(a: Storage, layout: Layout): string {
  const prefix = "array(";
  const { shape, size } = layout;
  const summarize = size > THRESHOLD;
  if (size > 0) {
    // Eliding keeps 2 * EDGE_ITEMS per axis, which still leaves 6 ** 20 elements for 20 axes.
    let shown = 1;
    for (let i = 0; i < shape.length; i++) {
      shown *= summarize ? Math.min(shape[i], 2 * EDGE_ITEMS) : shape[i];
    }
    if (shown > MAX_PRINTED) {
      throw new RangeError(
        `Cannot print an array of shape ${tupleString(shape)}: it shows ${shown} elements, ` +
          `over the limit of ${MAX_PRINTED} (print views of it)`,
      );
    }
  }
  const lst = size === 0 ? "[]" : array2string(a, layout, summarize, " ".repeat(prefix.length + 1));
  const extras: string[] = [];
  if ((size === 0 && !(shape.length === 1 && shape[0] === 0)) || size > THRESHOLD) {
    extras.push(`shape=${tupleString(shape)}`);
  }
  if (
    a.dtype === "float32" || a.dtype === "complex64" || a.dtype === "int32" || size === 0
  ) {
    extras.push(`dtype=${a.dtype}`);
  }
  if (extras.length === 0) return prefix + lst + ")";
  const arrStr = prefix + lst + ",";
  const extraStr = extras.join(", ") + ")";
  const lastLineLen = arrStr.length - (arrStr.lastIndexOf("\n") + 1);
  const spacer = lastLineLen + extraStr.length + 1 > LINE_WIDTH
    ? "\n" + " ".repeat(prefix.length)
    : " ";
  return arrStr + spacer + extraStr;
}

/** The state of one array's formatting. */
interface FormatContext {
  data: ArrayData;
  /** "f" float or complex, "i" int32 (padded to `width`), "b" bool. */
  kind: "f" | "i" | "b";
  width: number;
  /** numpy prints True as " True" beside False, except in a 0-d array. */
  trueStr: string;
  shape: readonly number[];
  strides: readonly number[];
  complex: boolean;
  summarize: boolean;
  re: FloatFormat;
  im: FloatFormat | null;
}

function array2string(
  a: Storage,
  layout: Layout,
  summarize: boolean,
  nextLinePrefix: string,
): string {
  const complex = isComplex(a.dtype);
  const single = isSingle(a.dtype);
  const reVals: number[] = [];
  const imVals: number[] = [];
  collect(a.data, layout.shape, layout.strides, 0, a.offset, complex, summarize, reVals, imVals);
  const kind = a.dtype === "int32" ? "i" : a.dtype === "bool" ? "b" : "f";
  let width = 0;
  if (kind === "i") { for (const v of reVals) width = Math.max(width, String(v).length); }
  const ctx: FormatContext = {
    data: a.data,
    kind,
    width,
    trueStr: layout.shape.length === 0 ? "True" : " True",
    shape: layout.shape,
    strides: layout.strides,
    complex,
    summarize,
    re: floatFormat(kind === "f" ? reVals : [], single, false),
    im: complex ? floatFormat(imVals, single, true) : null,
  };
  // The line width excludes the closing ")".
  return formatAxis(ctx, 0, a.offset, nextLinePrefix, LINE_WIDTH - 1);
}

/** The values the format is fitted to: all of them, or only the edges when summarizing. */
function collect(
  data: ArrayData,
  shape: readonly number[],
  strides: readonly number[],
  axis: number,
  pos: number,
  complex: boolean,
  summarize: boolean,
  re: number[],
  im: number[],
): void {
  if (axis === shape.length) {
    if (complex) {
      re.push(data[2 * pos]);
      im.push(data[2 * pos + 1]);
    } else re.push(data[pos]);
    return;
  }
  const n = shape[axis];
  const s = strides[axis];
  const skip = summarize && n > 2 * EDGE_ITEMS;
  for (let i = 0; i < n; i++) {
    if (skip && i === EDGE_ITEMS) i = n - EDGE_ITEMS;
    collect(data, shape, strides, axis + 1, pos + i * s, complex, summarize, re, im);
  }
}

function formatAxis(
  ctx: FormatContext,
  axis: number,
  pos: number,
  hangingIndent: string,
  currWidth: number,
): string {
  const shape = ctx.shape;
  const axesLeft = shape.length - axis;
  if (axesLeft === 0) return formatElement(ctx, pos);
  const nextHangingIndent = hangingIndent + " ";
  const nextWidth = currWidth - 1;
  const n = shape[axis];
  const stride = ctx.strides[axis];
  const showSummary = ctx.summarize && 2 * EDGE_ITEMS < n;
  const leading = showSummary ? EDGE_ITEMS : 0;
  const trailing = showSummary ? EDGE_ITEMS : n;
  let s = "";
  if (axesLeft === 1) {
    const elemWidth = currWidth - 1;
    let line = hangingIndent;
    const add = (word: string, width: number): void => {
      if (line.length + word.length > width && line.length > hangingIndent.length) {
        s += line.trimEnd() + "\n";
        line = hangingIndent;
      }
      line += word;
    };
    for (let i = 0; i < leading; i++) {
      add(formatAxis(ctx, axis + 1, pos + i * stride, nextHangingIndent, nextWidth), elemWidth);
      line += ", ";
    }
    if (showSummary) {
      add("...", elemWidth);
      line += ", ";
    }
    for (let i = trailing; i > 1; i--) {
      add(
        formatAxis(ctx, axis + 1, pos + (n - i) * stride, nextHangingIndent, nextWidth),
        elemWidth,
      );
      line += ", ";
    }
    add(formatAxis(ctx, axis + 1, pos + (n - 1) * stride, nextHangingIndent, nextWidth), elemWidth);
    s += line;
  } else {
    const lineSep = "," + "\n".repeat(axesLeft - 1);
    for (let i = 0; i < leading; i++) {
      s += hangingIndent +
        formatAxis(ctx, axis + 1, pos + i * stride, nextHangingIndent, nextWidth) + lineSep;
    }
    if (showSummary) s += hangingIndent + "..." + lineSep;
    for (let i = trailing; i > 1; i--) {
      s += hangingIndent +
        formatAxis(ctx, axis + 1, pos + (n - i) * stride, nextHangingIndent, nextWidth) +
        lineSep;
    }
    s += hangingIndent +
      formatAxis(ctx, axis + 1, pos + (n - 1) * stride, nextHangingIndent, nextWidth);
  }
  return "[" + s.slice(hangingIndent.length) + "]";
}

function formatElement(ctx: FormatContext, pos: number): string {
  const data = ctx.data;
  if (ctx.kind === "b") return data[pos] !== 0 ? ctx.trueStr : "False";
  if (ctx.kind === "i") return String(data[pos]).padStart(ctx.width);
  if (!ctx.complex) return formatFloat(data[pos], ctx.re);
  const r = formatFloat(data[2 * pos], ctx.re);
  const i = formatFloat(data[2 * pos + 1], ctx.im as FloatFormat);
  const sp = i.trimEnd().length;
  return r + i.slice(0, sp) + "j" + i.slice(sp);
}

/** numpy's FloatingFormat.fillFormat with floatmode "maxprec", precision 8. */
function floatFormat(vals: readonly number[], single: boolean, plus: boolean): FloatFormat {
  let finite = 0;
  let maxAbs = 0;
  let minAbs = Infinity;
  let negInf = false;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (Number.isFinite(v)) {
      finite++;
      if (v !== 0) {
        const x = Math.abs(v);
        if (x > maxAbs) maxAbs = x;
        if (x < minAbs) minAbs = x;
      }
    } else if (v === -Infinity) negInf = true;
  }
  let exp = false;
  if (maxAbs > 0) {
    // numpy compares float32 data in float32.
    // and switches at 10**min(8, decimal precision): 1e6 for float32, 1e8 for float64.
    exp = single
      ? maxAbs >= 1e6 || minAbs < Math.fround(1e-4) || Math.fround(maxAbs / minAbs) > 1000
      : maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1000;
  }
  const f: FloatFormat = {
    exp,
    precision: PRECISION,
    padLeft: 0,
    padRight: 0,
    expSize: -1,
    plus,
    single,
  };
  if (finite > 0) {
    if (exp) {
      let precision = 0;
      let expDigits = 2;
      for (let i = 0; i < vals.length; i++) {
        const v = vals[i];
        if (!Number.isFinite(v)) continue;
        const [digits, e] = scientificDigits(Math.abs(v), single);
        f.padLeft = Math.max(f.padLeft, signOf(v, plus).length + 1);
        precision = Math.max(precision, digits.length - 1);
        expDigits = Math.max(expDigits, String(Math.abs(e)).length);
      }
      f.precision = precision;
      f.expSize = expDigits;
      f.padRight = expDigits + 2 + precision;
    } else {
      for (let i = 0; i < vals.length; i++) {
        const v = vals[i];
        if (!Number.isFinite(v)) continue;
        const [int, frac] = positionalParts(Math.abs(v), single);
        f.padLeft = Math.max(f.padLeft, signOf(v, plus).length + int.length);
        f.padRight = Math.max(f.padRight, frac.length);
      }
    }
  }
  if (finite !== vals.length) {
    const offset = f.padRight + 1;
    f.padLeft = Math.max(f.padLeft, 3 - offset, 3 + (plus || negInf ? 1 : 0) - offset);
  }
  return f;
}

function signOf(v: number, plus: boolean): string {
  return v < 0 || Object.is(v, -0) ? "-" : plus ? "+" : "";
}

function formatFloat(v: number, f: FloatFormat): string {
  if (!Number.isFinite(v)) {
    const ret = Number.isNaN(v)
      ? (f.plus ? "+nan" : "nan")
      : v < 0
      ? "-inf"
      : f.plus
      ? "+inf"
      : "inf";
    return ret.padStart(f.padLeft + f.padRight + 1);
  }
  const sign = signOf(v, f.plus);
  const x = Math.abs(v);
  if (f.exp) {
    // Every value gets exactly `precision` decimals: the exact value rounded there (numpy's
    // min_digits), which for float32 may show digits past the shortest representation.
    let digits = "0";
    let e = 0;
    if (x !== 0) {
      e = decimalExponent(x);
      digits = roundScaled(x, f.precision - e).toString();
      if (digits.length > f.precision + 1) {
        e++;
        digits = digits.slice(0, f.precision + 1);
      }
    }
    const exponent = (e < 0 ? "e-" : "e+") + String(Math.abs(e)).padStart(f.expSize, "0");
    return (sign + digits[0]).padStart(f.padLeft) + "." + digits.slice(1).padEnd(f.precision, "0") +
      exponent;
  }
  const [int, frac] = positionalParts(x, f.single);
  return (sign + int).padStart(f.padLeft) + "." + frac.padEnd(f.padRight);
}

/**
 * The shortest digits that read back as `x` (x > 0 finite; in float32 when `single`), and the
 * decimal exponent of the first digit. Among equally short candidates, the nearest, and of two
 * nearest the even one (as numpy's Dragon4 and JS's Number#toString).
 */
function shortestDigits(x: number, single: boolean): [string, number] {
  if (!single) {
    const s = x.toExponential();
    const i = s.indexOf("e");
    return [trimZeros(s[0] + s.slice(2, i)), Number(s.slice(i + 1))];
  }
  // toExponential(p) rounds ties up, Dragon4 to even: round exactly instead.
  const e0 = decimalExponent(x);
  let digits = "";
  let e = e0;
  for (let p = 1; p <= 9; p++) {
    digits = roundScaled(x, p - 1 - e0).toString();
    e = e0;
    if (digits.length > p) {
      e++;
      digits = digits.slice(0, p);
    }
    if (Math.fround(Number(`${digits}e${e - p + 1}`)) === x) break;
  }
  return [trimZeros(digits), e];
}

function trimZeros(digits: string): string {
  let end = digits.length;
  while (end > 1 && digits[end - 1] === "0") end--;
  return digits.slice(0, end);
}

/** floor(log10(x)) exactly, for finite x > 0. */
function decimalExponent(x: number): number {
  let e = Math.floor(Math.log10(x));
  const f = roundScaled(x, -e, true);
  if (f === 0n) e--;
  else if (f >= 10n) e++;
  return e;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * round-half-even(x * 10^q) exactly, for finite x > 0 (numpy's Dragon4 cutoff rounding), or
 * floor(x * 10^q) when `floor` is true.
 */
function roundScaled(x: number, q: number, floor?: boolean): bigint {
  F64[0] = x;
  const hi = U32[HI];
  const lo = U32[1 - HI];
  const e = (hi >>> 20) & 0x7ff;
  const frac = (hi & 0xfffff) * 4294967296 + lo;
  const m = BigInt(e === 0 ? frac : frac + 4503599627370496);
  const k = (e === 0 ? 1 : e) - 1075;
  let num = k > 0 ? m << BigInt(k) : m;
  let den = k < 0 ? 1n << BigInt(-k) : 1n;
  if (q > 0) num *= 10n ** BigInt(q);
  else if (q < 0) den *= 10n ** BigInt(-q);
  let r = num / den;
  if (floor === true) return r;
  const rem2 = (num % den) * 2n;
  if (rem2 > den || (rem2 === den && (r & 1n) === 1n)) r += 1n;
  return r;
}

/** Digits for scientific notation: the shortest, capped at 1 + 8 digits; and the exponent. */
function scientificDigits(x: number, single: boolean): [string, number] {
  if (x === 0) return ["0", 0];
  const sd = shortestDigits(x, single);
  if (sd[0].length <= PRECISION + 1) return sd;
  let e = sd[1];
  let s = roundScaled(x, PRECISION - e).toString();
  if (s.length > PRECISION + 1) {
    e++;
    s = s.slice(0, PRECISION + 1);
  }
  return [trimZeros(s), e];
}

/** Integer and fraction digits for positional notation: shortest, capped at 8 decimals. */
function positionalParts(x: number, single: boolean): [string, string] {
  if (x === 0) return ["0", ""];
  const [digits, e] = shortestDigits(x, single);
  if (digits.length - 1 - e <= PRECISION) {
    if (e >= 0) return [digits.slice(0, e + 1).padEnd(e + 1, "0"), digits.slice(e + 1)];
    return ["0", "0".repeat(-e - 1) + digits];
  }
  const s = roundScaled(x, PRECISION).toString().padStart(PRECISION + 1, "0");
  let end = s.length;
  while (end > s.length - PRECISION && s[end - 1] === "0") end--;
  return [s.slice(0, s.length - PRECISION), s.slice(s.length - PRECISION, end)];
}
