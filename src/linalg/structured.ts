/**
 * scipy's structured solves behind `solve(a, b, { assumeA })`: `?sysv` (symmetric,
 * Bunch-Kaufman), `?hesv` (Hermitian) and `?posv` (Cholesky), on Fortran-order copies.
 *
 * @module
 */
import type { FloatArray } from "../dtype.ts";
import { allocData, isComplex } from "../dtype.ts";
import type { NDArray } from "../ndarray.ts";
import type { GufuncOptions, GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { describeValue } from "../_describe.ts";
import { intArray, routine } from "../../ffi/backend.ts";
import { complexLetter } from "../drivers/_plan.ts";
import { letter, lwork } from "./_util.ts";
import { ALL } from "./_scipy.ts";

type Kind = "sym" | "her" | "pos";

const structuredKernel =
  (kind: Kind, uplo: "U" | "L"): KernelFactory => ({ dims: { m, n }, dtype }) => {
    const t = letter(dtype);
    const ld = Math.max(1, m);
    const nrhs = n ?? 1;
    if (kind === "pos") {
      const posv = routine(`${t}posv`);
      return (buf: FloatArray[]) => posv(uplo, m, nrhs, buf[0], ld, buf[1], ld);
    }
    const complex = isComplex(dtype);
    const sv = kind === "her" && complex
      ? routine(`${complexLetter(dtype)}hesv`)
      : routine(`${t}sysv`);
    const ipiv = intArray(m);
    const q = allocData(dtype, 1);
    const dummy = allocData(dtype, 1);
    sv(uplo, m, nrhs, dummy, ld, ipiv, dummy, ld, q, -1);
    const work = allocData(dtype, lwork(q));
    const nwork = work.length / (complex ? 2 : 1);
    return (buf: FloatArray[]) => sv(uplo, m, nrhs, buf[0], ld, ipiv, buf[1], ld, work, nwork);
  };

const specs = new Map<string, GufuncSpec>();
function spec(kind: Kind, uplo: "U" | "L", vector: boolean): GufuncSpec {
  const key = `${kind}${uplo}${vector}`;
  let s = specs.get(key);
  if (s === undefined) {
    s = {
      name: "solve",
      signature: vector ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)",
      inplace: [1],
      kernels: ALL(structuredKernel(kind, uplo)),
      failure: kind === "pos"
        ? (info) =>
          `Matrix is singular: the leading minor of order ${info} is not positive definite`
        : (info) => `Matrix is singular: D[${info - 1},${info - 1}] is exactly zero`,
    };
    specs.set(key, s);
  }
  return s;
}

/** `solve(a, b, { assumeA, lower })` for "sym", "her" and "pos". Internal (solve.ts). */
export function structuredSolve(
  A: NDArray,
  B: NDArray,
  assume: unknown,
  lower: unknown,
  options: GufuncOptions | undefined,
): NDArray {
  if (assume !== "sym" && assume !== "her" && assume !== "pos") {
    throw new TypeError(
      `Invalid assumeA for solve(): expected "gen", "sym", "her" or "pos", got ${
        describeValue(assume)
      }`,
    );
  }
  if (lower !== undefined && typeof lower !== "boolean") {
    throw new TypeError(
      `Invalid lower for solve(): expected true or false, got ${describeValue(lower)}`,
    );
  }
  return runGufunc(spec(assume, lower ? "L" : "U", B.ndim === 1), [A, B], options)[0];
}
