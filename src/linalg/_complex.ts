/**
 * Complex scalars as `[re, im]` pairs, for the O(n) parts of the matrix functions (diagonals and
 * superdiagonals of triangular factors): logm's, and expm's products and exponentials.
 *
 * @module
 */
export type Pair = [number, number];

export const PI = Math.PI;
export const add = (a: Pair, b: Pair): Pair => [a[0] + b[0], a[1] + b[1]];
export const sub = (a: Pair, b: Pair): Pair => [a[0] - b[0], a[1] - b[1]];
export const scale = (a: Pair, f: number): Pair => [a[0] * f, a[1] * f];
export const mul = (
  a: Pair,
  b: Pair,
): Pair => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
export const abs = (a: Pair): number => Math.hypot(a[0], a[1]);
export const same = (a: Pair, b: Pair): boolean => a[0] === b[0] && a[1] === b[1];

/** a / b (Smith's algorithm; a real b divides each part, so real stays exactly real). */
export function div(a: Pair, b: Pair): Pair {
  if (b[1] === 0) return [a[0] / b[0], a[1] / b[0]];
  if (Math.abs(b[0]) >= Math.abs(b[1])) {
    const r = b[1] / b[0], d = b[0] + b[1] * r;
    return [(a[0] + a[1] * r) / d, (a[1] - a[0] * r) / d];
  }
  const r = b[0] / b[1], d = b[0] * r + b[1];
  return [(a[0] * r + a[1]) / d, (a[1] * r - a[0]) / d];
}

/** The principal square root (a zero imaginary part keeps its sign: sqrt(-1 - 0i) = -i). */
export function sqrt(z: Pair): Pair {
  const [re, im] = z;
  const h = Math.sqrt((Math.hypot(re, im) + Math.abs(re)) / 2);
  if (h === 0) return [0, im];
  if (re >= 0) return [h, im / (2 * h)];
  return [Math.abs(im) / (2 * h), im < 0 || Object.is(im, -0) ? -h : h];
}

/** The principal logarithm. */
export const log = (z: Pair): Pair => [Math.log(abs(z)), Math.atan2(z[1], z[0])];

export const exp = (z: Pair): Pair => {
  const e = Math.exp(z[0]);
  return z[1] === 0 ? [e, 0] : [e * Math.cos(z[1]), e * Math.sin(z[1])];
};

export const sinh = (z: Pair): Pair =>
  z[1] === 0
    ? [Math.sinh(z[0]), 0]
    : [Math.sinh(z[0]) * Math.cos(z[1]), Math.cosh(z[0]) * Math.sin(z[1])];

/** z^p for real p, on the principal branch (a positive real z stays real). */
export const pow = (z: Pair, p: number): Pair =>
  z[1] === 0 && z[0] > 0 ? [Math.pow(z[0], p), 0] : exp(scale(log(z), p));

/** log(1 + w) without cancellation for small w. */
export const log1p = (w: Pair): Pair => [
  Math.log1p(2 * w[0] + w[0] * w[0] + w[1] * w[1]) / 2,
  Math.atan2(w[1], 1 + w[0]),
];

/** atanh(z) = (log(1 + z) - log(1 - z)) / 2, accurate for small z (here |z| ≤ 1/2). */
export const atanh = (z: Pair): Pair =>
  z[1] === 0 && Math.abs(z[0]) < 1
    ? [Math.atanh(z[0]), 0]
    : scale(sub(log1p(z), log1p([-z[0], -z[1]])), 0.5);

/** The unwinding number of z: (z - log(exp(z))) / (2πi) (Higham and Lin 2011, eq. 5.3). */
export const unwind = (z: Pair): number => Math.ceil((z[1] - PI) / (2 * PI));
