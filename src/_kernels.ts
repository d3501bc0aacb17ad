// The elementwise loops: one plain typed-array loop per operation, over one row of a strided
// loop (positions and strides in items; complex operands are interleaved, so their positions
// are doubled inside). No callback per element, no allocation. The arrays may be of any of
// the storage types: reading an Int32Array or a Uint8Array in a double loop is exact, and the
// store rounds to the output's type (float32: the correctly rounded result of +, -, *, / and
// sqrt, as numpy's float32 loops; int32: wraps modulo 2^32, as numpy's int32 add).
import type { ArrayData } from "./dtype.ts";

type D = ArrayData;
/** A binary loop: o[op + i*so] = f(a[ap + i*sa], b[bp + i*sb]) for i < n. */
export type Binary = (
  a: D,
  ap: number,
  sa: number,
  b: D,
  bp: number,
  sb: number,
  o: D,
  op: number,
  so: number,
  n: number,
) => void;
/** A unary loop: o[op + i*so] = f(a[ap + i*sa]) for i < n. */
export type Unary = (a: D, ap: number, sa: number, o: D, op: number, so: number, n: number) => void;

// ---- contiguous float64 loops. One function literal per operation and operand pattern, so the
// element accesses of each see only Float64Array (monomorphic in V8 and JSC), over zero-based
// views bounded by their length, unrolled by 16 (V8's fastest: 1.2-1.6x the plain loop on a 1e6
// add; 8 gains less).

function addF64(x: Float64Array, y: Float64Array, z: Float64Array): void {
  const n = z.length;
  const m = n - (n & 15);
  let i = 0;
  for (; i < m; i += 16) {
    z[i] = x[i] + y[i];
    z[i + 1] = x[i + 1] + y[i + 1];
    z[i + 2] = x[i + 2] + y[i + 2];
    z[i + 3] = x[i + 3] + y[i + 3];
    z[i + 4] = x[i + 4] + y[i + 4];
    z[i + 5] = x[i + 5] + y[i + 5];
    z[i + 6] = x[i + 6] + y[i + 6];
    z[i + 7] = x[i + 7] + y[i + 7];
    z[i + 8] = x[i + 8] + y[i + 8];
    z[i + 9] = x[i + 9] + y[i + 9];
    z[i + 10] = x[i + 10] + y[i + 10];
    z[i + 11] = x[i + 11] + y[i + 11];
    z[i + 12] = x[i + 12] + y[i + 12];
    z[i + 13] = x[i + 13] + y[i + 13];
    z[i + 14] = x[i + 14] + y[i + 14];
    z[i + 15] = x[i + 15] + y[i + 15];
  }
  for (; i < n; i++) z[i] = x[i] + y[i];
}
function addF64S(x: Float64Array, c: number, z: Float64Array): void {
  const n = z.length;
  const m = n - (n & 15);
  let i = 0;
  for (; i < m; i += 16) {
    z[i] = x[i] + c;
    z[i + 1] = x[i + 1] + c;
    z[i + 2] = x[i + 2] + c;
    z[i + 3] = x[i + 3] + c;
    z[i + 4] = x[i + 4] + c;
    z[i + 5] = x[i + 5] + c;
    z[i + 6] = x[i + 6] + c;
    z[i + 7] = x[i + 7] + c;
    z[i + 8] = x[i + 8] + c;
    z[i + 9] = x[i + 9] + c;
    z[i + 10] = x[i + 10] + c;
    z[i + 11] = x[i + 11] + c;
    z[i + 12] = x[i + 12] + c;
    z[i + 13] = x[i + 13] + c;
    z[i + 14] = x[i + 14] + c;
    z[i + 15] = x[i + 15] + c;
  }
  for (; i < n; i++) z[i] = x[i] + c;
}
function subtractF64(x: Float64Array, y: Float64Array, z: Float64Array): void {
  const n = z.length;
  const m = n - (n & 15);
  let i = 0;
  for (; i < m; i += 16) {
    z[i] = x[i] - y[i];
    z[i + 1] = x[i + 1] - y[i + 1];
    z[i + 2] = x[i + 2] - y[i + 2];
    z[i + 3] = x[i + 3] - y[i + 3];
    z[i + 4] = x[i + 4] - y[i + 4];
    z[i + 5] = x[i + 5] - y[i + 5];
    z[i + 6] = x[i + 6] - y[i + 6];
    z[i + 7] = x[i + 7] - y[i + 7];
    z[i + 8] = x[i + 8] - y[i + 8];
    z[i + 9] = x[i + 9] - y[i + 9];
    z[i + 10] = x[i + 10] - y[i + 10];
    z[i + 11] = x[i + 11] - y[i + 11];
    z[i + 12] = x[i + 12] - y[i + 12];
    z[i + 13] = x[i + 13] - y[i + 13];
    z[i + 14] = x[i + 14] - y[i + 14];
    z[i + 15] = x[i + 15] - y[i + 15];
  }
  for (; i < n; i++) z[i] = x[i] - y[i];
}
function subtractF64S(x: Float64Array, c: number, z: Float64Array): void {
  const n = z.length;
  const m = n - (n & 15);
  let i = 0;
  for (; i < m; i += 16) {
    z[i] = x[i] - c;
    z[i + 1] = x[i + 1] - c;
    z[i + 2] = x[i + 2] - c;
    z[i + 3] = x[i + 3] - c;
    z[i + 4] = x[i + 4] - c;
    z[i + 5] = x[i + 5] - c;
    z[i + 6] = x[i + 6] - c;
    z[i + 7] = x[i + 7] - c;
    z[i + 8] = x[i + 8] - c;
    z[i + 9] = x[i + 9] - c;
    z[i + 10] = x[i + 10] - c;
    z[i + 11] = x[i + 11] - c;
    z[i + 12] = x[i + 12] - c;
    z[i + 13] = x[i + 13] - c;
    z[i + 14] = x[i + 14] - c;
    z[i + 15] = x[i + 15] - c;
  }
  for (; i < n; i++) z[i] = x[i] - c;
}
function subtractF64L(x: Float64Array, c: number, z: Float64Array): void {
  const n = z.length;
  const m = n - (n & 15);
  let i = 0;
  for (; i < m; i += 16) {
    z[i] = c - x[i];
    z[i + 1] = c - x[i + 1];
    z[i + 2] = c - x[i + 2];
    z[i + 3] = c - x[i + 3];
    z[i + 4] = c - x[i + 4];
    z[i + 5] = c - x[i + 5];
    z[i + 6] = c - x[i + 6];
    z[i + 7] = c - x[i + 7];
    z[i + 8] = c - x[i + 8];
    z[i + 9] = c - x[i + 9];
    z[i + 10] = c - x[i + 10];
    z[i + 11] = c - x[i + 11];
    z[i + 12] = c - x[i + 12];
    z[i + 13] = c - x[i + 13];
    z[i + 14] = c - x[i + 14];
    z[i + 15] = c - x[i + 15];
  }
  for (; i < n; i++) z[i] = c - x[i];
}
function multiplyF64(x: Float64Array, y: Float64Array, z: Float64Array): void {
  const n = z.length;
  const m = n - (n & 15);
  let i = 0;
  for (; i < m; i += 16) {
    z[i] = x[i] * y[i];
    z[i + 1] = x[i + 1] * y[i + 1];
    z[i + 2] = x[i + 2] * y[i + 2];
    z[i + 3] = x[i + 3] * y[i + 3];
    z[i + 4] = x[i + 4] * y[i + 4];
    z[i + 5] = x[i + 5] * y[i + 5];
    z[i + 6] = x[i + 6] * y[i + 6];
    z[i + 7] = x[i + 7] * y[i + 7];
    z[i + 8] = x[i + 8] * y[i + 8];
    z[i + 9] = x[i + 9] * y[i + 9];
    z[i + 10] = x[i + 10] * y[i + 10];
    z[i + 11] = x[i + 11] * y[i + 11];
    z[i + 12] = x[i + 12] * y[i + 12];
    z[i + 13] = x[i + 13] * y[i + 13];
    z[i + 14] = x[i + 14] * y[i + 14];
    z[i + 15] = x[i + 15] * y[i + 15];
  }
  for (; i < n; i++) z[i] = x[i] * y[i];
}
function multiplyF64S(x: Float64Array, c: number, z: Float64Array): void {
  const n = z.length;
  const m = n - (n & 15);
  let i = 0;
  for (; i < m; i += 16) {
    z[i] = x[i] * c;
    z[i + 1] = x[i + 1] * c;
    z[i + 2] = x[i + 2] * c;
    z[i + 3] = x[i + 3] * c;
    z[i + 4] = x[i + 4] * c;
    z[i + 5] = x[i + 5] * c;
    z[i + 6] = x[i + 6] * c;
    z[i + 7] = x[i + 7] * c;
    z[i + 8] = x[i + 8] * c;
    z[i + 9] = x[i + 9] * c;
    z[i + 10] = x[i + 10] * c;
    z[i + 11] = x[i + 11] * c;
    z[i + 12] = x[i + 12] * c;
    z[i + 13] = x[i + 13] * c;
    z[i + 14] = x[i + 14] * c;
    z[i + 15] = x[i + 15] * c;
  }
  for (; i < n; i++) z[i] = x[i] * c;
}
function divideF64(x: Float64Array, y: Float64Array, z: Float64Array): void {
  const n = z.length;
  const m = n - (n & 15);
  let i = 0;
  for (; i < m; i += 16) {
    z[i] = x[i] / y[i];
    z[i + 1] = x[i + 1] / y[i + 1];
    z[i + 2] = x[i + 2] / y[i + 2];
    z[i + 3] = x[i + 3] / y[i + 3];
    z[i + 4] = x[i + 4] / y[i + 4];
    z[i + 5] = x[i + 5] / y[i + 5];
    z[i + 6] = x[i + 6] / y[i + 6];
    z[i + 7] = x[i + 7] / y[i + 7];
    z[i + 8] = x[i + 8] / y[i + 8];
    z[i + 9] = x[i + 9] / y[i + 9];
    z[i + 10] = x[i + 10] / y[i + 10];
    z[i + 11] = x[i + 11] / y[i + 11];
    z[i + 12] = x[i + 12] / y[i + 12];
    z[i + 13] = x[i + 13] / y[i + 13];
    z[i + 14] = x[i + 14] / y[i + 14];
    z[i + 15] = x[i + 15] / y[i + 15];
  }
  for (; i < n; i++) z[i] = x[i] / y[i];
}
function divideF64S(x: Float64Array, c: number, z: Float64Array): void {
  const n = z.length;
  const m = n - (n & 15);
  let i = 0;
  for (; i < m; i += 16) {
    z[i] = x[i] / c;
    z[i + 1] = x[i + 1] / c;
    z[i + 2] = x[i + 2] / c;
    z[i + 3] = x[i + 3] / c;
    z[i + 4] = x[i + 4] / c;
    z[i + 5] = x[i + 5] / c;
    z[i + 6] = x[i + 6] / c;
    z[i + 7] = x[i + 7] / c;
    z[i + 8] = x[i + 8] / c;
    z[i + 9] = x[i + 9] / c;
    z[i + 10] = x[i + 10] / c;
    z[i + 11] = x[i + 11] / c;
    z[i + 12] = x[i + 12] / c;
    z[i + 13] = x[i + 13] / c;
    z[i + 14] = x[i + 14] / c;
    z[i + 15] = x[i + 15] / c;
  }
  for (; i < n; i++) z[i] = x[i] / c;
}
function divideF64L(x: Float64Array, c: number, z: Float64Array): void {
  const n = z.length;
  const m = n - (n & 15);
  let i = 0;
  for (; i < m; i += 16) {
    z[i] = c / x[i];
    z[i + 1] = c / x[i + 1];
    z[i + 2] = c / x[i + 2];
    z[i + 3] = c / x[i + 3];
    z[i + 4] = c / x[i + 4];
    z[i + 5] = c / x[i + 5];
    z[i + 6] = c / x[i + 6];
    z[i + 7] = c / x[i + 7];
    z[i + 8] = c / x[i + 8];
    z[i + 9] = c / x[i + 9];
    z[i + 10] = c / x[i + 10];
    z[i + 11] = c / x[i + 11];
    z[i + 12] = c / x[i + 12];
    z[i + 13] = c / x[i + 13];
    z[i + 14] = c / x[i + 14];
    z[i + 15] = c / x[i + 15];
  }
  for (; i < n; i++) z[i] = c / x[i];
}

type VV = (x: Float64Array, y: Float64Array, z: Float64Array) => void;
type VS = (x: Float64Array, c: number, z: Float64Array) => void;

/** Runs a contiguous float64 row (two runs, or a run and a repeated item) through its loops;
 * false when the row is not one. */
function f64(
  vv: VV,
  vs: VS,
  sv: VS,
  a: D,
  ap: number,
  sa: number,
  b: D,
  bp: number,
  sb: number,
  o: D,
  op: number,
  so: number,
  n: number,
): boolean {
  if (
    so !== 1 || n < 64 || !(o instanceof Float64Array) || !(a instanceof Float64Array) ||
    !(b instanceof Float64Array)
  ) return false;
  if (sa === 1 && sb === 1) {
    vv(a.subarray(ap, ap + n), b.subarray(bp, bp + n), o.subarray(op, op + n));
  } else if (sa === 1 && sb === 0) vs(a.subarray(ap, ap + n), b[bp], o.subarray(op, op + n));
  else if (sa === 0 && sb === 1) sv(b.subarray(bp, bp + n), a[ap], o.subarray(op, op + n));
  else return false;
  return true;
}

// ---- real binary

export const add: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  if (f64(addF64, addF64S, addF64S, a, ap, sa, b, bp, sb, o, op, so, n)) return;
  if (sa === 1 && sb === 1 && so === 1) {
    if (n >= 256) {
      // Views that start at 0 with the loop bounded by their length: V8 drops the bounds
      // checks (twice as fast for a 1e6 add).
      const x = a.subarray(ap, ap + n), y = b.subarray(bp, bp + n), z = o.subarray(op, op + n);
      for (let i = 0; i < z.length; i++) z[i] = x[i] + y[i];
    } else for (let i = 0; i < n; i++) o[op + i] = a[ap + i] + b[bp + i];
  } else for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) o[op] = a[ap] + b[bp];
};
export const subtract: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  if (f64(subtractF64, subtractF64S, subtractF64L, a, ap, sa, b, bp, sb, o, op, so, n)) return;
  if (sa === 1 && sb === 1 && so === 1) {
    if (n >= 256) {
      // Views that start at 0 with the loop bounded by their length: V8 drops the bounds
      // checks (twice as fast for a 1e6 add).
      const x = a.subarray(ap, ap + n), y = b.subarray(bp, bp + n), z = o.subarray(op, op + n);
      for (let i = 0; i < z.length; i++) z[i] = x[i] - y[i];
    } else for (let i = 0; i < n; i++) o[op + i] = a[ap + i] - b[bp + i];
  } else for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) o[op] = a[ap] - b[bp];
};
export const multiply: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  if (f64(multiplyF64, multiplyF64S, multiplyF64S, a, ap, sa, b, bp, sb, o, op, so, n)) return;
  if (sa === 1 && sb === 1 && so === 1) {
    if (n >= 256) {
      // Views that start at 0 with the loop bounded by their length: V8 drops the bounds
      // checks (twice as fast for a 1e6 add).
      const x = a.subarray(ap, ap + n), y = b.subarray(bp, bp + n), z = o.subarray(op, op + n);
      for (let i = 0; i < z.length; i++) z[i] = x[i] * y[i];
    } else for (let i = 0; i < n; i++) o[op + i] = a[ap + i] * b[bp + i];
  } else for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) o[op] = a[ap] * b[bp];
};
/** int32 multiply: the low 32 bits of the product, as C's wrap-around. */
export const imultiply: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) o[op] = Math.imul(a[ap], b[bp]);
};
export const divide: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  if (f64(divideF64, divideF64S, divideF64L, a, ap, sa, b, bp, sb, o, op, so, n)) return;
  if (sa === 1 && sb === 1 && so === 1) {
    if (n >= 256) {
      // Views that start at 0 with the loop bounded by their length: V8 drops the bounds
      // checks (twice as fast for a 1e6 add).
      const x = a.subarray(ap, ap + n), y = b.subarray(bp, bp + n), z = o.subarray(op, op + n);
      for (let i = 0; i < z.length; i++) z[i] = x[i] / y[i];
    } else for (let i = 0; i < n; i++) o[op + i] = a[ap + i] / b[bp + i];
  } else for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) o[op] = a[ap] / b[bp];
};
export const power: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) o[op] = a[ap] ** b[bp];
};
/** int32 power by squaring, wrapping; the caller ruled out negative exponents. */
export const ipower: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    let x = a[ap] | 0;
    let e = b[bp];
    let r = 1;
    while (e > 0) {
      if (e & 1) r = Math.imul(r, x);
      x = Math.imul(x, x);
      e >>>= 1;
    }
    o[op] = r;
  }
};
// numpy's maximum/minimum: a NaN in either operand propagates.
export const maximum: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    const x = a[ap];
    const y = b[bp];
    o[op] = x >= y || x !== x ? x : y;
  }
};
export const minimum: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    const x = a[ap];
    const y = b[bp];
    o[op] = x <= y || x !== x ? x : y;
  }
};
export const equal: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) o[op] = a[ap] === b[bp] ? 1 : 0;
};
export const notEqual: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) o[op] = a[ap] !== b[bp] ? 1 : 0;
};
export const less: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) o[op] = a[ap] < b[bp] ? 1 : 0;
};
export const lessEqual: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) o[op] = a[ap] <= b[bp] ? 1 : 0;
};
export const greater: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) o[op] = a[ap] > b[bp] ? 1 : 0;
};
export const greaterEqual: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) o[op] = a[ap] >= b[bp] ? 1 : 0;
};

/** isclose's parameters, set by the caller right before the loop runs (loops take no options). */
export const closeness = { rtol: 1e-5, atol: 1e-8, equalNan: false };

export const isclose: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  const { rtol, atol, equalNan } = closeness;
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    const x = a[ap];
    const y = b[bp];
    let r: boolean;
    if (x === y) r = true;
    else if (Number.isFinite(x) && Number.isFinite(y)) {
      r = Math.abs(x - y) <= atol + rtol * Math.abs(y);
    } else r = equalNan && x !== x && y !== y;
    o[op] = r ? 1 : 0;
  }
};

// ---- real unary

export const copy: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) o[op] = a[ap];
};
export const negative: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) o[op] = -a[ap];
};
export const abs: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) o[op] = Math.abs(a[ap]);
};
export const sqrt: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) o[op] = Math.sqrt(a[ap]);
};
export const exp: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) o[op] = Math.exp(a[ap]);
};
export const log: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) o[op] = Math.log(a[ap]);
};
export const sin: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) o[op] = Math.sin(a[ap]);
};
export const cos: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) o[op] = Math.cos(a[ap]);
};
export const isfinite: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) o[op] = Number.isFinite(a[ap]) ? 1 : 0;
};
export const isnan: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) o[op] = a[ap] !== a[ap] ? 1 : 0;
};
/** Any value to bool: nonzero (NaN included) is true. */
export const toBool: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) o[op] = a[ap] !== 0 ? 1 : 0;
};

// ---- complex: interleaved (re, im); positions are in items

export const cadd: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    o[2 * op] = a[2 * ap] + b[2 * bp];
    o[2 * op + 1] = a[2 * ap + 1] + b[2 * bp + 1];
  }
};
export const csubtract: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    o[2 * op] = a[2 * ap] - b[2 * bp];
    o[2 * op + 1] = a[2 * ap + 1] - b[2 * bp + 1];
  }
};
export const cmultiply: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    const xr = a[2 * ap], xi = a[2 * ap + 1], yr = b[2 * bp], yi = b[2 * bp + 1];
    o[2 * op] = xr * yr - xi * yi;
    o[2 * op + 1] = xr * yi + xi * yr;
  }
};
/** Smith's algorithm, as numpy's complex division. */
export const cdivide: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    const xr = a[2 * ap], xi = a[2 * ap + 1], yr = b[2 * bp], yi = b[2 * bp + 1];
    const ar = Math.abs(yr), ai = Math.abs(yi);
    let re: number, im: number;
    if (ar >= ai) {
      if (ar === 0 && ai === 0) {
        re = xr / ar;
        im = xi / ar;
      } else {
        const rat = yi / yr;
        const scl = 1 / (yr + yi * rat);
        re = (xr + xi * rat) * scl;
        im = (xi - xr * rat) * scl;
      }
    } else {
      const rat = yr / yi;
      const scl = 1 / (yi + yr * rat);
      re = (xr * rat + xi) * scl;
      im = (xi * rat - xr) * scl;
    }
    o[2 * op] = re;
    o[2 * op + 1] = im;
  }
};
/** numpy's npy_cpow: small integer exponents by repeated multiplication, else exp(b log a). */
export const cpower: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    const xr = a[2 * ap], xi = a[2 * ap + 1], yr = b[2 * bp], yi = b[2 * bp + 1];
    let re: number, im: number;
    if (yr === 0 && yi === 0) {
      re = 1;
      im = 0;
    } else if (xr === 0 && xi === 0) {
      // numpy 2: 0 ** z is 0 when Re(z) > 0 (numpy 1 asked Im(z) = 0 too), else NaN.
      if (yr > 0) re = im = 0;
      else re = im = NaN;
    } else if (yi === 0 && Math.floor(yr) === yr && Math.abs(yr) < 100) {
      let k = Math.abs(yr);
      let pr = xr, pi = xi;
      re = 1;
      im = 0;
      while (k > 0) {
        if (k & 1) {
          const t = re * pr - im * pi;
          im = re * pi + im * pr;
          re = t;
        }
        k >>>= 1;
        if (k > 0) {
          const t = pr * pr - pi * pi;
          pi = 2 * pr * pi;
          pr = t;
        }
      }
      if (yr < 0) {
        // 1 / (re + i im), Smith's way
        if (Math.abs(re) >= Math.abs(im)) {
          const rat = im / re;
          const scl = 1 / (re + im * rat);
          re = scl;
          im = -rat * scl;
        } else {
          const rat = re / im;
          const scl = 1 / (im + re * rat);
          re = rat * scl;
          im = -scl;
        }
      }
    } else {
      const lr = Math.log(Math.hypot(xr, xi));
      const li = Math.atan2(xi, xr);
      const er = Math.exp(yr * lr - yi * li);
      const ei = yr * li + yi * lr;
      re = er * Math.cos(ei);
      im = er * Math.sin(ei);
    }
    o[2 * op] = re;
    o[2 * op + 1] = im;
  }
};
// Lexicographic order, as numpy's complex comparisons: a NaN anywhere makes < and > false.
const clt = (xr: number, xi: number, yr: number, yi: number): boolean =>
  (xr < yr && xi === xi && yi === yi) || (xr === yr && xi < yi);
const cle = (xr: number, xi: number, yr: number, yi: number): boolean =>
  (xr < yr && xi === xi && yi === yi) || (xr === yr && xi <= yi);
export const cmaximum: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    const xr = a[2 * ap], xi = a[2 * ap + 1], yr = b[2 * bp], yi = b[2 * bp + 1];
    const first = cle(yr, yi, xr, xi) || xr !== xr || xi !== xi;
    o[2 * op] = first ? xr : yr;
    o[2 * op + 1] = first ? xi : yi;
  }
};
export const cminimum: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    const xr = a[2 * ap], xi = a[2 * ap + 1], yr = b[2 * bp], yi = b[2 * bp + 1];
    const first = cle(xr, xi, yr, yi) || xr !== xr || xi !== xi;
    o[2 * op] = first ? xr : yr;
    o[2 * op + 1] = first ? xi : yi;
  }
};
export const cequal: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    o[op] = a[2 * ap] === b[2 * bp] && a[2 * ap + 1] === b[2 * bp + 1] ? 1 : 0;
  }
};
export const cnotEqual: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    o[op] = a[2 * ap] !== b[2 * bp] || a[2 * ap + 1] !== b[2 * bp + 1] ? 1 : 0;
  }
};
export const cless: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    o[op] = clt(a[2 * ap], a[2 * ap + 1], b[2 * bp], b[2 * bp + 1]) ? 1 : 0;
  }
};
export const clessEqual: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    o[op] = cle(a[2 * ap], a[2 * ap + 1], b[2 * bp], b[2 * bp + 1]) ? 1 : 0;
  }
};
export const cgreater: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    o[op] = clt(b[2 * bp], b[2 * bp + 1], a[2 * ap], a[2 * ap + 1]) ? 1 : 0;
  }
};
export const cgreaterEqual: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    o[op] = cle(b[2 * bp], b[2 * bp + 1], a[2 * ap], a[2 * ap + 1]) ? 1 : 0;
  }
};
export const cisclose: Binary = (a, ap, sa, b, bp, sb, o, op, so, n) => {
  const { rtol, atol, equalNan } = closeness;
  for (let i = 0; i < n; i++, ap += sa, bp += sb, op += so) {
    const xr = a[2 * ap], xi = a[2 * ap + 1], yr = b[2 * bp], yi = b[2 * bp + 1];
    let r: boolean;
    if (xr === yr && xi === yi) r = true;
    else if (
      Number.isFinite(xr) && Number.isFinite(xi) && Number.isFinite(yr) && Number.isFinite(yi)
    ) r = Math.hypot(xr - yr, xi - yi) <= atol + rtol * Math.hypot(yr, yi);
    else r = equalNan && (xr !== xr || xi !== xi) && (yr !== yr || yi !== yi);
    o[op] = r ? 1 : 0;
  }
};

export const ccopy: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) {
    o[2 * op] = a[2 * ap];
    o[2 * op + 1] = a[2 * ap + 1];
  }
};
/** Real to complex: the imaginary parts are zero. */
export const rcopy: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) {
    o[2 * op] = a[ap];
    o[2 * op + 1] = 0;
  }
};
export const cnegative: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) {
    o[2 * op] = -a[2 * ap];
    o[2 * op + 1] = -a[2 * ap + 1];
  }
};
export const cconj: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) {
    o[2 * op] = a[2 * ap];
    o[2 * op + 1] = -a[2 * ap + 1];
  }
};
/** |z| into a real output. */
export const cabs: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) o[op] = Math.hypot(a[2 * ap], a[2 * ap + 1]);
};
/** The principal square root (C99 csqrt's branch cut, numerically stable form). */
export const csqrt: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) {
    const x = a[2 * ap], y = a[2 * ap + 1];
    let re: number, im: number;
    if (x === 0 && y === 0) {
      re = 0;
      im = y;
    } else if (y === Infinity || y === -Infinity) {
      re = Infinity;
      im = y;
    } else if (x !== x) {
      re = x;
      im = y === y ? x : y;
    } else if (x === -Infinity) {
      re = y === y ? 0 : y;
      im = y === y ? (y < 0 || Object.is(y, -0) ? -Infinity : Infinity) : Infinity;
    } else if (x === Infinity) {
      re = x;
      im = y === y ? (y < 0 || Object.is(y, -0) ? -0 : 0) : y;
    } else {
      const t = Math.sqrt((Math.abs(x) + Math.hypot(x, y)) / 2);
      if (x >= 0) {
        re = t;
        im = y / (2 * t);
      } else {
        re = Math.abs(y) / (2 * t);
        im = y < 0 || Object.is(y, -0) ? -t : t;
      }
    }
    o[2 * op] = re;
    o[2 * op + 1] = im;
  }
};
export const cexp: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) {
    const x = a[2 * ap], y = a[2 * ap + 1];
    const e = Math.exp(x);
    if (y === 0) {
      o[2 * op] = e;
      o[2 * op + 1] = y;
    } else {
      o[2 * op] = e * Math.cos(y);
      o[2 * op + 1] = e * Math.sin(y);
    }
  }
};
export const clog: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) {
    const x = a[2 * ap], y = a[2 * ap + 1];
    o[2 * op] = Math.log(Math.hypot(x, y));
    o[2 * op + 1] = Math.atan2(y, x);
  }
};
export const csin: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) {
    const x = a[2 * ap], y = a[2 * ap + 1];
    o[2 * op] = Math.sin(x) * Math.cosh(y);
    o[2 * op + 1] = Math.cos(x) * Math.sinh(y);
  }
};
export const ccos: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) {
    const x = a[2 * ap], y = a[2 * ap + 1];
    o[2 * op] = Math.cos(x) * Math.cosh(y);
    o[2 * op + 1] = -(Math.sin(x) * Math.sinh(y));
  }
};
export const cisfinite: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) {
    o[op] = Number.isFinite(a[2 * ap]) && Number.isFinite(a[2 * ap + 1]) ? 1 : 0;
  }
};
export const cisnan: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) {
    const x = a[2 * ap], y = a[2 * ap + 1];
    o[op] = x !== x || y !== y ? 1 : 0;
  }
};
export const ctoBool: Unary = (a, ap, sa, o, op, so, n) => {
  for (let i = 0; i < n; i++, ap += sa, op += so) {
    o[op] = a[2 * ap] !== 0 || a[2 * ap + 1] !== 0 ? 1 : 0;
  }
};
