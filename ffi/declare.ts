/**
 * How a LAPACK or BLAS routine template is declared (the table itself is `routines.ts`), and
 * everything derived from a declaration: the concrete s/d/c/z routines the ABI layer binds,
 * and, at the type level, each routine's TypeScript signature.
 *
 * A declaration is the Fortran prototype (as text: the argument list is read from it, by the
 * code and by the compiler) plus one requirement per argument, keyed by the argument's name:
 * `int(...)`/`dim`/`lwork(...)` for INTEGER, `char("NTC")` for CHARACTER (its letters),
 * `real(...)` for a real scalar, `x(...)`/`f(...)`/`i(...)` for arrays of the element type,
 * of its real type, and of LAPACK integers (with the number of elements LAPACK touches), and
 * `scalar` for BLAS alpha and beta. The requirement decides the argument's kind, so a missing
 * requirement is a compile error, and so is a requirement for an argument the prototype lacks.
 *
 * @module
 */

// ---------------------------------------------------------------------------------------------
// Requirements.

/** The values a formula sees: arguments (upper case), derived values (lower case), `cx`. */
export type Vals = Record<string, number | string | boolean>;
/**
 * A size formula: a small expression over argument names and derived values with `+ - * ( )`,
 * `min`, `max`, `abs` (e.g. `"max(1,N)"`), or a function choosing one from the CHARACTER
 * arguments and sizes (`v.cx` is true for the complex variants).
 */
export type Formula = string | ((v: Vals) => string);

/** The requirement of an INTEGER argument. */
export interface IntArg {
  /** The argument kind: INTEGER. */
  readonly kind: "int";
  /** "min": lo <= value (<= hi); "work": value >= lo, or -1 for a workspace query;
   * "inc": a BLAS increment, not 0. */
  readonly rule: "min" | "work" | "inc";
  /** The lower bound. */
  readonly lo?: Formula;
  /** The upper bound. */
  readonly hi?: Formula;
}
/** The requirement of a CHARACTER argument: the letters it may be (either case accepted). */
export interface CharArg<L extends string = string> {
  /** The argument kind: CHARACTER. */
  readonly kind: "char";
  /** The allowed letters, e.g. "NTC". */
  readonly letters: L;
}
/** The requirement of a real scalar argument (REAL for s/c, DOUBLE PRECISION for d/z). */
export interface RealArg {
  /** The argument kind: a real scalar. */
  readonly kind: "real";
  /** "nonneg": finite and >= 0; "any": not NaN. */
  readonly rule: "nonneg" | "any";
}
/** The requirement of an array argument, or of a BLAS scalar (alpha, beta). */
export interface ArrayArg<E extends "x" | "f" | "i" = "x" | "f" | "i"> {
  /** The argument kind: an array. */
  readonly kind: "array";
  /** x: the element type (complex for c/z); f: the real type of the precision; i: integers. */
  readonly elem: E;
  /** Elements LAPACK may touch. */
  readonly size: Formula;
  /** LAPACK only reads it (it may overlap other read-only arrays). */
  readonly readOnly: boolean;
  /** A workspace: a workspace query (some LWORK = -1) touches at most its first element. */
  readonly work: boolean;
  /** A BLAS scalar passed by reference (alpha, beta): one element. */
  readonly scalar: boolean;
}
/** The requirement of one argument; its kind is the argument's kind. */
export type ArgReq = IntArg | CharArg | RealArg | ArrayArg;

/** A size, >= 0. */
export const dim: IntArg = { kind: "int", rule: "min", lo: "0" };
/** An INTEGER in lo..hi (e.g. a leading dimension: `atLeast("max(1,M)")`). */
export const atLeast = (lo: Formula, hi?: Formula): IntArg => ({
  kind: "int",
  rule: "min",
  lo,
  hi,
});
/** A workspace length: at least `lo`, or -1 for a workspace query. */
export const lwork = (lo: Formula): IntArg => ({ kind: "int", rule: "work", lo });
/** A BLAS increment: not 0. */
export const inc: IntArg = { kind: "int", rule: "inc" };
/** A CHARACTER argument taking one of `letters`. */
export const char = <const L extends string>(letters: L): CharArg<L> => ({
  kind: "char",
  letters,
});
/** A real scalar: "nonneg" (finite, >= 0) or "any" (not NaN). */
export const real = (rule: RealArg["rule"]): RealArg => ({ kind: "real", rule });
const arr = <E extends "x" | "f" | "i">(elem: E) => (size: Formula, flags = ""): ArrayArg<E> => ({
  kind: "array",
  elem,
  size,
  readOnly: flags.includes("r"),
  work: flags.includes("w"),
  scalar: false,
});
/** An array of the element type of `size` elements; flags "r" (read only), "w" (workspace). */
export const x: (size: Formula, flags?: string) => ArrayArg<"x"> = arr("x");
/** An array of the real type of the precision (W of `heevd`, S of `gesdd`, RWORK). */
export const f: (size: Formula, flags?: string) => ArrayArg<"f"> = arr("f");
/** An array of LAPACK integers (IPIV, IWORK, RANK). */
export const i: (size: Formula, flags?: string) => ArrayArg<"i"> = arr("i");
/** A BLAS scalar of the element type passed by reference (alpha, beta): read only. */
export const scalar: ArrayArg<"x"> = {
  kind: "array",
  elem: "x",
  size: "1",
  readOnly: true,
  work: false,
  scalar: true,
};

/** A matrix region that must hold finite numbers (the iterative drivers may not return). */
export interface FiniteRule<N extends string = string> {
  /** The array. */
  a: N;
  /** Its rows, columns and leading dimension (argument names). */
  rows: N;
  /** Columns. */
  cols: N;
  /** Leading dimension. */
  ld: N;
  /** Only the triangle named by this CHARACTER argument is read. */
  uplo?: N;
}

// ---------------------------------------------------------------------------------------------
// Declarations.

/** The type letters a template exists in. */
export type Types = "sdcz" | "sd" | "cz";

/** The argument names of a Fortran prototype, e.g. `"SUBROUTINE xGETRF( M, N, A, LDA, IPIV, INFO )"`. */
export type ArgNames<P extends string> = P extends `${string}( ${infer L} )` ? SplitArgs<L>
  : never;
/** "M, N, A" -> ["M", "N", "A"]. */
export type SplitArgs<S extends string> = S extends `${infer H}, ${infer T}` ? [H, ...SplitArgs<T>]
  : [S];
/** The routine name of a prototype without its type letter, lower case ("getrf"). */
export type ProtoName<P extends string> = P extends `${string} x${infer N}( ${string}`
  ? Lowercase<N>
  : never;

/** The requirements of a template: one per argument of its prototypes, keyed by name. */
export type Requirements<N extends string> = { readonly [K in Exclude<N, "INFO">]: ArgReq };

/** One routine template, as declared in `routines.ts`. */
export interface Template<
  P extends string = string,
  C extends string = string,
  R extends Requirements<string> = Requirements<string>,
  T extends Types = Types,
> {
  /** Which type letters exist. */
  readonly types: T;
  /** The Fortran prototype of every variant, or of the real ones when `complex` is given. */
  readonly fortran: P;
  /** The Fortran prototype of the complex variants (c, z) when it differs (RWORK, `he`, `un`). */
  readonly complex?: C;
  /** "blas" for BLAS routines (Fortran ABI only); LAPACK routines have a LAPACKE twin. */
  readonly family?: "lapack" | "blas";
  /** Every argument's requirement (INFO has none). */
  readonly req: R;
  /** Derived values: a formula, or a function of the other values computing the number. */
  readonly let?: Record<string, string | ((get: (name: string) => number) => number)>;
  /** A cross-argument rule; returns the message of a violation. */
  readonly check?: (v: Vals) => string | undefined;
  /** Pivot indices that must be in 1..n (read by LAPACK as row or column indices). */
  readonly pivots?: { a: string; n: string };
  /** Regions that must be finite: LAPACK may loop on infs or NaNs, or reject them. */
  readonly finite?: readonly FiniteRule[];
}

/**
 * Declares a routine template. Type-checked: `req` must have exactly one requirement per
 * argument of the prototypes (INFO excluded); `pivots` and `finite` name arguments.
 */
export function declare<
  const P extends string,
  const R extends Requirements<ArgNames<P>[number] | ArgNames<C>[number]>,
  const T extends Types,
  const C extends string = P,
>(
  d: {
    types: T;
    fortran: P;
    complex?: C;
    family?: "lapack" | "blas";
    req: R & Record<Exclude<keyof R, ArgNames<P>[number] | ArgNames<C>[number]>, never>;
    let?: Template["let"];
    check?: Template["check"];
    pivots?: { a: ArgNames<P>[number]; n: ArgNames<P>[number] };
    finite?: readonly FiniteRule<ArgNames<P>[number] | ArgNames<C>[number]>[];
  },
): Template<P, C, R, T> {
  return d as Template<P, C, R, T>;
}

// ---------------------------------------------------------------------------------------------
// Concrete routines.

/** An argument kind as the ABI layer sees it. */
export type ArgKind = "i" | "c" | "r" | "s" | "a" | "info";

/** One concrete routine, e.g. `dgetrf`. */
export interface Routine {
  /** Full lower-case name, e.g. "dgetrf". */
  name: string;
  /** Type letter: s, d, c or z. */
  type: "s" | "d" | "c" | "z";
  /** "lapack" or "blas". */
  family: "lapack" | "blas";
  /** Argument names, in Fortran order. */
  names: string[];
  /** Argument kinds, in Fortran order. */
  kinds: ArgKind[];
  /** Whether the real scalars of this variant are double. */
  double: boolean;
  /** Whether it is a complex variant (c or z). */
  complex: boolean;
  /** The return type of a BLAS function; subroutines have none. */
  ret?: "real" | "int";
  /** The template id (the key in `routines.ts`) and its declaration. */
  template: string;
  /** The declaration. */
  decl: Template;
}

function argKind(name: string, req: ArgReq | undefined): ArgKind {
  if (name === "INFO") return "info";
  switch (req?.kind) {
    case "int":
      return "i";
    case "char":
      return "c";
    case "real":
      return "r";
    case "array":
      return req.scalar ? "s" : "a";
  }
  throw new Error(`Internal error in ffi/routines.ts: no requirement for argument ${name}`);
}

function parse(proto: string): { name: string; args: string[]; ret?: "real" } {
  const m = / x(\w+)\( (.*) \)$/.exec(proto);
  if (m === null) throw new Error(`Internal error in ffi/routines.ts: bad prototype ${proto}`);
  return {
    name: m[1].toLowerCase(),
    args: m[2].split(", "),
    ret: /FUNCTION/.test(proto) ? "real" : undefined,
  };
}

/** The s/d/c/z routines of a template. */
export function expand(id: string, t: Template): Routine[] {
  return [...t.types].map((type) => {
    const complex = type === "c" || type === "z";
    const p = parse((complex && t.complex) || t.fortran);
    const req = t.req as Record<string, ArgReq>;
    return {
      name: type + p.name,
      type: type as Routine["type"],
      family: t.family ?? "lapack",
      names: p.args,
      kinds: p.args.map((a) => argKind(a, req[a])),
      double: type === "d" || type === "z",
      complex,
      ret: p.ret,
      template: id,
      decl: t,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Signatures, at the type level.

/** The letters of a CHARACTER requirement as a union: "NTC" -> "N" | "T" | "C". */
export type Letters<L extends string> = L extends `${infer H}${infer T}` ? H | Letters<T> : never;

/** The TypeScript type of one argument with requirement `R`, for float arrays `F`. */
export type ArgType<R, F> = R extends CharArg<infer L> ? Letters<L>
  : R extends ArrayArg<infer E> ? (E extends "i" ? Int32Array : F)
  : number;

/** The parameter tuple of an argument list (INFO dropped) under requirements `R`. */
export type Params<A, R, F> = A extends [infer H, ...infer T]
  ? H extends "INFO" ? Params<T, R, F> : [ArgType<R[H & keyof R], F>, ...Params<T, R, F>]
  : [];

/** The float array class of a set of type letters: Float32Array (s, c), Float64Array (d, z). */
export type FloatOf<P extends string> = [P] extends ["s" | "c"] ? Float32Array
  : [P] extends ["d" | "z"] ? Float64Array
  : Float32Array | Float64Array;

/** A template's routine names, `${letter}${name}` per type letter. */
export type VariantNames<D> = D extends Template<infer P, infer C, infer _R, infer T>
  ? Letters<T> extends infer L
    ? L extends "c" | "z" ? `${L}${ProtoName<C>}` : L extends string ? `${L}${ProtoName<P>}`
    : never
  : never
  : never;

/** The signature of the routines `N` (one name, or a union of the variants of one template). */
export type Signature<D, N extends string> = (...args: ArgsOf<D, N, FloatOf<Letter<N>>>) => number;
/** The type letter of routine names. */
export type Letter<N extends string> = N extends `${infer L}${string}` ? L : never;
/** The parameter tuple of routine `N` of template `D` (a union over variants of `N`). */
export type ArgsOf<D, N extends string, F> = D extends Template<infer P, infer C, infer R>
  ? N extends `${"c" | "z"}${string}` ? Params<ArgNames<C>, R, F> : Params<ArgNames<P>, R, F>
  : never;
