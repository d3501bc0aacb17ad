/**
 * Seeded random arrays that are the same on Deno, Bun and Node: `random` (uniform in [0, 1))
 * and `randn` (standard normal).
 *
 * The generator is xoshiro128** (Blackman and Vigna, "Scrambled linear pseudorandom number
 * generators", 2018), seeded from the seed by splitmix32 (four outputs), all in 32-bit integer
 * arithmetic (`Math.imul`, shifts), which every engine computes alike. A double in [0, 1) takes
 * two outputs: 27 high bits of the first and 26 of the second make 53 bits, times 2^-53.
 * Normal deviates use Marsaglia's polar method with fdlibm's `log` written out here (engines'
 * `Math.log` may differ in the last bit; `Math.sqrt` is exact by IEEE 754). These are not
 * numpy's numbers (numpy's `default_rng` is PCG64 with SeedSequence, and a ziggurat for
 * normals); the same seed gives the same array everywhere dlapack runs.
 *
 * @module
 */
import type { NDArray } from "./ndarray.ts";
import { allocArrayData, parseArrayDType } from "./dtype.ts";
import { describeValue } from "./_describe.ts";
import type { OptionKeys } from "./_options.ts";
import { checkOptions, optionKeys } from "./_options.ts";
import { makeArray } from "./_ufunc.ts";
import { shapeArg } from "./_strided.ts";

/** Options of `random` and `randn`. */
export interface RandomOptions {
  /** The seed: an integer from 0 to 2^32 - 1. Without one, a seed is drawn from `Math.random`. */
  seed?: number;
  /** The dtype: float64 (default) or float32 (the float64 values rounded). */
  dtype?: "float64" | "float32";
}

const RANDOM_KEYS: OptionKeys = optionKeys("seed", "dtype");
/** The most numbers one call makes (8 GiB of float64). */
const MAX_RANDOM = 2 ** 30;

/** xoshiro128** state, seeded by splitmix32. */
class Xoshiro128 {
  s0: number;
  s1: number;
  s2: number;
  s3: number;
  constructor(seed: number) {
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }
  /** The next 32-bit output, unsigned. */
  next(): number {
    const s1 = this.s1;
    const t = Math.imul(s1, 5);
    const r = Math.imul((t << 7) | (t >>> 25), 9) >>> 0;
    const sh = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= sh;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return r;
  }
  /** A double in [0, 1) with 53 random bits. */
  double(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}

// fdlibm's e_log.c (Sun Microsystems, 1993), for x in (0, 1]: the same bits on every engine.
const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
const LG1 = 6.666666666666735130e-01;
const LG2 = 3.999999999940941908e-01;
const LG3 = 2.857142874366239149e-01;
const LG4 = 2.222219843214978396e-01;
const LG5 = 1.818357216161805012e-01;
const LG6 = 1.531383769920937332e-01;
const LG7 = 1.479819860511658591e-01;
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

function log(x: number): number {
  F64[0] = x;
  let hx = U32[HI] | 0;
  let k = 0;
  if (hx < 0x00100000) {
    F64[0] = x * 1.80143985094819840000e+16; // subnormal: scale by 2^54
    hx = U32[HI] | 0;
    k = -54;
  }
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  U32[HI] = hx | (i0 ^ 0x3ff00000);
  k += i0 >> 20;
  const f = F64[0] - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - ((R - dk * LN2_LO) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0
      ? f - (hfsq - s * (hfsq + R))
      : dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

function setup(
  shape: number | readonly number[],
  options: RandomOptions | undefined,
  fn: string,
): { gen: Xoshiro128; shape: number[]; size: number; dtype: "float64" | "float32" } {
  checkOptions(options, fn, RANDOM_KEYS);
  const seed = options?.seed ?? Math.floor(Math.random() * 4294967296);
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
    throw new TypeError(
      `Invalid seed for ${fn}(): expected an integer from 0 to 2^32 - 1, got ${
        describeValue(seed)
      }`,
    );
  }
  const d = options?.dtype === undefined ? "float64" : parseArrayDType(options.dtype, "dtype");
  if (d !== "float64" && d !== "float32") {
    throw new TypeError(`Invalid dtype for ${fn}(): expected float64 or float32, got ${d}`);
  }
  const shp = shapeArg(shape, fn);
  let size = 1;
  for (const n of shp) size *= n;
  if (size > MAX_RANDOM) {
    throw new RangeError(
      `Cannot make ${size} random numbers in ${fn}(): the limit is ${MAX_RANDOM} (2^30) per call`,
    );
  }
  return { gen: new Xoshiro128(seed), shape: shp, size, dtype: d };
}

/**
 * An array of uniform random numbers in [0, 1), reproducible by seed on every runtime.
 *
 * @param shape The shape.
 * @param options `seed` (0 to 2^32 - 1; default a random one), `dtype` (float64 or float32).
 * @returns The array.
 * @throws {TypeError} For a bad seed or dtype.
 * @throws {RangeError} For a bad shape.
 *
 * @example random
 * ```ts
 * import assert from "node:assert/strict";
 * import { random } from "jsr:@dlapack/dlapack";
 * const a = random([2, 3], { seed: 42 });
 * assert.deepEqual(a.shape, [2, 3]);
 * assert.ok(a.toArray().flat().every((v: number) => v >= 0 && v < 1));
 * assert.deepEqual(random([2, 3], { seed: 42 }).toArray(), a.toArray());
 * ```
 */
export function random(shape: number | readonly number[], options?: RandomOptions): NDArray {
  const { gen, shape: shp, size, dtype } = setup(shape, options, "random");
  const data = allocArrayData(dtype, size);
  for (let i = 0; i < size; i++) data[i] = gen.double();
  return makeArray(data, dtype, shp);
}

/**
 * An array of standard normal random numbers (mean 0, variance 1), reproducible by seed on
 * every runtime (Marsaglia's polar method over the uniform generator of `random`).
 *
 * @param shape The shape.
 * @param options `seed` (0 to 2^32 - 1; default a random one), `dtype` (float64 or float32).
 * @returns The array.
 *
 * @example randn
 * ```ts
 * import assert from "node:assert/strict";
 * import { mean, randn } from "jsr:@dlapack/dlapack";
 * const a = randn(10000, { seed: 1 });
 * assert.ok(Math.abs(mean(a).item() as number) < 0.05);
 * ```
 */
export function randn(shape: number | readonly number[], options?: RandomOptions): NDArray {
  const { gen, shape: shp, size, dtype } = setup(shape, options, "randn");
  const data = allocArrayData(dtype, size);
  for (let i = 0; i < size; i += 2) {
    let u: number, v: number, s: number;
    do {
      u = 2 * gen.double() - 1;
      v = 2 * gen.double() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt(-2 * log(s) / s);
    data[i] = u * f;
    if (i + 1 < size) data[i + 1] = v * f;
  }
  return makeArray(data, dtype, shp);
}

/** fdlibm's log, for the tests (it must agree with a correctly rounded log). */
export const fdlibmLog: (x: number) => number = log;
