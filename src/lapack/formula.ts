/**
 * The size formulas of the requirement table (`ffi/routines.ts`): a tiny expression language,
 * so that each requirement is written once and a message shows it with its numbers
 * ("LDA*N = 3*3 = 9"). Names: arguments (upper case) and derived values (lower case);
 * operators + - * ( ); functions min, max, abs. Compiled once per formula text.
 *
 * @module
 */
import type { Formula, Template, Vals } from "../../ffi/declare.ts";

/** A compiled formula: its value, given a lookup of names. */
export type Compiled = (get: (name: string) => number) => number;

const compiledCache = new Map<string, Compiled>();

/** The compiled formula of a static formula string: compiled once, kept on a small table. */
const staticFormulas: Record<string, Compiled> = Object.create(null);
export function precompiled(src: string): Compiled {
  return staticFormulas[src] ??= compile(src);
}

export function compile(src: string): Compiled {
  const hit = compiledCache.get(src);
  if (hit !== undefined) return hit;
  const tokens = src.match(/\d+|[A-Za-z_]\w*|[-+*(),]/g) ?? [];
  if (tokens.join("") !== src.replace(/\s+/g, "")) throw new Error(`Bad formula ${src}`);
  let i = 0;
  const peek = () => tokens[i];
  const eat = (t: string) => {
    if (tokens[i] !== t) throw new Error(`Bad formula ${src}: expected ${t} at token ${i}`);
    i++;
  };
  const FUNCS: Record<string, (xs: number[]) => number> = {
    min: (xs) => Math.min(...xs),
    max: (xs) => Math.max(...xs),
    abs: (xs) => Math.abs(xs[0]),
  };
  function atom(): Compiled {
    const t = tokens[i++];
    if (t === "(") {
      const e = sum();
      eat(")");
      return e;
    }
    if (t === "-") {
      const e = atom();
      return (g) => -e(g);
    }
    if (/^\d+$/.test(t)) {
      const n = Number(t);
      return () => n;
    }
    if (t !== undefined && /^[A-Za-z_]/.test(t)) {
      if (peek() === "(") {
        const f = FUNCS[t];
        if (f === undefined) throw new Error(`Bad formula ${src}: unknown function ${t}`);
        eat("(");
        const args: Compiled[] = [sum()];
        while (peek() === ",") {
          eat(",");
          args.push(sum());
        }
        eat(")");
        return (g) => f(args.map((a) => a(g)));
      }
      return (g) => g(t);
    }
    throw new Error(`Bad formula ${src}: unexpected ${t}`);
  }
  function product(): Compiled {
    let e = atom();
    while (peek() === "*") {
      eat("*");
      const l = e, r = atom();
      e = (g) => l(g) * r(g);
    }
    return e;
  }
  function sum(): Compiled {
    let e = product();
    while (peek() === "+" || peek() === "-") {
      const op = tokens[i++];
      const l = e, r = product();
      e = op === "+" ? (g) => l(g) + r(g) : (g) => l(g) - r(g);
    }
    return e;
  }
  const e = sum();
  if (i !== tokens.length) throw new Error(`Bad formula ${src}: trailing ${tokens[i]}`);
  compiledCache.set(src, e);
  return e;
}

export class Scope {
  readonly v: Vals;
  readonly spec: Template;
  readonly get: (name: string) => number;
  constructor(v: Vals, spec: Template) {
    this.v = v;
    this.spec = spec;
    this.get = (name: string): number => {
      const have = this.v[name];
      if (typeof have === "number") return have;
      const d = this.spec.let?.[name];
      if (d === undefined) {
        throw new Error(`Internal error in lapack.ts: a formula uses the unknown name ${name}`);
      }
      const n = typeof d === "string" ? precompiled(d)(this.get) : d(this.get);
      this.v[name] = n;
      return n;
    };
  }
  /** The formula text of `f` for the current values. */
  text(f: Formula): string {
    return typeof f === "string" ? f : f(this.v);
  }
  value(f: Formula): number {
    return (typeof f === "string" ? precompiled(f) : compile(f(this.v)))(this.get);
  }
  /** "LDA*N = 3*3 = 9": the formula, with its numbers, and its value. */
  show(f: Formula, chars: readonly { name: string }[]): string {
    const src = this.text(f);
    const value = compile(src)(this.get);
    const subst = src.replace(/\b[A-Za-z_]\w*\b(?!\()/g, (nm) => String(this.get(nm)));
    const parts = [src];
    if (subst !== src) parts.push(subst);
    if (String(value) !== parts[parts.length - 1]) parts.push(String(value));
    let s = parts.join(" = ");
    if (typeof f === "function" && chars.length > 0) {
      s += ` (${chars.map((c) => `${c.name} = '${this.v[c.name]}'`).join(", ")})`;
    }
    return s;
  }
}
