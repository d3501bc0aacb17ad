/**
 * What every driver shares: the LAPACK type letters of a dtype, narrowed to real or complex
 * (so `variant(t, "syevd")` is typed as `?syevd` or `?heevd`), workspace sizes from a query
 * with a floor, and the floors themselves: LAPACK's documented minimums, from the declarations.
 *
 * @module
 */
import type { DType } from "../dtype.ts";
import type { ArgReq, Template, Vals } from "../../ffi/declare.ts";
import type { TemplateName } from "../../ffi/routines.ts";
import { TEMPLATES } from "../../ffi/routines.ts";
import { Scope } from "../lapack/formula.ts";

/** The type letter of a real dtype (float32, float64). */
export function realLetter(dtype: DType): "s" | "d" {
  return dtype === "float32" ? "s" : "d";
}

/** The type letter of a complex dtype (complex64, complex128). */
export function complexLetter(dtype: DType): "c" | "z" {
  return dtype === "complex64" ? "c" : "z";
}

/**
 * A workspace length from a query's answer (`q[0]`, rounded up: a single-precision answer
 * may be rounded down), at least `min` (LAPACK's documented minimum) and at least 1.
 */
export function workspace(q: ArrayLike<number>, min: number): number {
  return Math.max(1, min, Math.ceil(q[0]));
}

/**
 * LAPACK's documented minimum of an INTEGER argument (LWORK, LIWORK, ...) or the documented
 * length of an array argument (RWORK, IWORK, ...) of template `t`,
 * computed from its declaration in `ffi/routines.ts` (the same formula `lapack.*` checks),
 * for the values `v` of the other arguments (`cx`: a complex variant).
 */
export function documentedMin(t: TemplateName, arg: string, v: Vals): number {
  const d = TEMPLATES[t] as Template;
  const req = (d.req as Record<string, ArgReq>)[arg];
  const f = req?.kind === "int" ? req.lo : req?.kind === "array" ? req.size : undefined;
  if (f === undefined) throw new Error(`Internal error: ${t} has no size for ${arg}`);
  return new Scope({ ...v }, d).value(f);
}

/** The type letter of a dtype. */
export function typeLetter(dtype: DType): "s" | "d" | "c" | "z" {
  return dtype === "float32" ? "s" : dtype === "float64" ? "d" : dtype === "complex64" ? "c" : "z";
}
