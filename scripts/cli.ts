/**
 * The `dlapack` command: linear algebra on .npy, .csv and JSON files from the shell, and the
 * doctor. Compiles to one file:
 *
 *   bun build --compile scripts/cli.ts --outfile dlapack
 *   deno compile --allow-ffi --allow-read --allow-write --allow-env -o dlapack scripts/cli.ts
 *
 * Errors go to stderr with exit code 1 (2 for usage), never with a stack trace.
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import process from "node:process";
import { array, backend, isNDArray, linalg, LinAlgError, NDArray } from "../mod.ts";
import { loadNpy, saveNpy } from "../src/npy.ts";
import { doctor } from "./doctor.ts";

type Format = "npy" | "csv" | "json";
type Result = NDArray | Record<string, NDArray>;

class UsageError extends Error {}

const COMMANDS: Record<
  string,
  { args: string[]; help: string; run: (a: NDArray[], o: Opts) => Result }
> = {
  inv: {
    args: ["A"],
    help: "Inverse of A (or of each matrix of a stack)",
    run: ([a]) => linalg.inv(a),
  },
  det: { args: ["A"], help: "Determinant of A", run: ([a]) => linalg.det(a) },
  solve: { args: ["A", "B"], help: "Solution X of A X = B", run: ([a, b]) => linalg.solve(a, b) },
  eig: {
    args: ["A"],
    help: "Eigenvalues and right eigenvectors of a general matrix",
    run: ([a]) => ({ ...linalg.eig(a) }),
  },
  eigh: {
    args: ["A"],
    help: "Eigenvalues (ascending) and eigenvectors of a symmetric/Hermitian matrix (--uplo L|U)",
    run: ([a], o) => ({ ...linalg.eigh(a, { UPLO: o.uplo }) }),
  },
  svd: {
    args: ["A"],
    help: "Singular value decomposition U, S, Vh (--reduced for the thin one)",
    run: ([a], o) => ({ ...linalg.svd(a, { fullMatrices: !o.reduced }) }),
  },
  lstsq: {
    args: ["A", "B"],
    help: "Least-squares solution x, residuals, rank and singular values s",
    run: ([a, b]) => toArrays({ ...linalg.lstsq(a, b) }),
  },
  cholesky: {
    args: ["A"],
    help: "Lower Cholesky factor L (A = L L^H; --upper for U)",
    run: ([a], o) => linalg.cholesky(a, { upper: o.upper }),
  },
  qr: {
    args: ["A"],
    help: "QR decomposition Q, R (--mode reduced|complete)",
    run: ([a], o) => ({ ...linalg.qr(a, { mode: o.mode as "reduced" }) }),
  },
};

interface Opts {
  out?: string;
  format?: Format;
  uplo: "L" | "U";
  reduced: boolean;
  upper: boolean;
  mode: string;
}

function toArrays(r: Record<string, unknown>): Record<string, NDArray> {
  return Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k, isNDArray(v) ? v : array(v as number)]),
  );
}

const USAGE = `dlapack: the machine's LAPACK from the shell

Usage:
  dlapack doctor                      what LAPACK was found, and what was tried
  dlapack <command> A [B] [options]   A and B: .npy, .csv or .json files, or - for stdin
  dlapack bench                       a quick speed check on this machine
  dlapack <command> --help

Commands:
${
  Object.entries(COMMANDS).map(([k, c]) => `  ${(k + " " + c.args.join(" ")).padEnd(16)} ${c.help}`)
    .join("\n")
}

Options:
  --out FILE         write the result there (default: standard output); for several
                     results, FILE.<name>.<ext> (or one JSON object)
  --format F         npy, csv or json for the output (default: the input's format;
                     json on a terminal for npy input)
  --help             this text
Environment: DLAPACK_LIBRARY picks the LAPACK library (path or name).`;

function parseArgs(argv: string[]): { cmd: string; files: string[]; opts: Opts; help: boolean } {
  const opts: Opts = { uplo: "L", reduced: false, upper: false, mode: "reduced" };
  const files: string[] = [];
  let help = false;
  let cmd = "";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`Missing value after ${a}`);
      return v;
    };
    if (a === "--help" || a === "-h") help = true;
    else if (a === "--out" || a === "-o") opts.out = value();
    else if (a === "--format") {
      const f = value();
      if (f !== "npy" && f !== "csv" && f !== "json") {
        throw new UsageError(`Unknown format ${f}: expected npy, csv or json`);
      }
      opts.format = f;
    } else if (a === "--uplo") {
      const u = value().toUpperCase();
      if (u !== "L" && u !== "U") throw new UsageError(`Invalid --uplo ${u}: expected L or U`);
      opts.uplo = u;
    } else if (a === "--reduced") opts.reduced = true;
    else if (a === "--upper") opts.upper = true;
    else if (a === "--mode") opts.mode = value();
    else if (a.startsWith("--")) throw new UsageError(`Unknown option ${a}`);
    else if (cmd === "") cmd = a;
    else files.push(a);
  }
  return { cmd, files, opts, help };
}

function formatOf(path: string, bytes?: Uint8Array): Format {
  if (path.endsWith(".npy")) return "npy";
  if (path.endsWith(".csv")) return "csv";
  if (path.endsWith(".json")) return "json";
  if (bytes && bytes[0] === 0x93 && String.fromCharCode(...bytes.subarray(1, 6)) === "NUMPY") {
    return "npy";
  }
  const text = new TextDecoder().decode(bytes?.subarray(0, 64) ?? new Uint8Array());
  return /^\s*[[{]/.test(text) ? "json" : "csv";
}

function read(path: string): { a: NDArray; format: Format } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path === "-" ? 0 : path);
  } catch (e) {
    throw new UsageError(`Cannot read ${path}: ${(e as Error).message.replace(/^\w+: /, "")}`);
  }
  const format = formatOf(path, bytes);
  if (format === "npy") return { a: loadNpy(bytes), format };
  const text = new TextDecoder().decode(bytes);
  if (format === "json") {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new TypeError(`Invalid JSON in ${path}: ${(e as Error).message}`);
    }
    return { a: array(value as number[][]), format };
  }
  const rows = text.split(/\r?\n/).map((l) => l.trim()).filter((l) =>
    l !== "" && !l.startsWith("#")
  );
  const values = rows.map((l, i) =>
    l.split(/\s*[,;\t]\s*|\s+/).map((c, j) => {
      const x = Number(c);
      if (c === "" || Number.isNaN(x) && c.toLowerCase() !== "nan") {
        throw new TypeError(
          `Invalid CSV in ${path}: row ${i + 1}, column ${j + 1} is ${
            JSON.stringify(c)
          }, not a number`,
        );
      }
      return x;
    })
  );
  return { a: array(values.length === 1 ? values[0] : values), format };
}

function csv(a: NDArray): string {
  const v = a.toArray();
  const cell = (x: unknown) =>
    typeof x === "number"
      ? String(x)
      : `${(x as { re: number }).re}${(x as { im: number }).im < 0 ? "" : "+"}${
        (x as { im: number }).im
      }j`;
  if (a.ndim === 0) return cell(v) + "\n";
  if (a.ndim === 1) return (v as unknown[]).map(cell).join(",") + "\n";
  if (a.ndim === 2) return (v as unknown[][]).map((r) => r.map(cell).join(",")).join("\n") + "\n";
  throw new RangeError(
    `Cannot write a ${a.ndim}-dimensional result as CSV: use --format npy or json`,
  );
}

function encode(a: NDArray, format: Format): Uint8Array {
  if (format === "npy") return saveNpy(a);
  if (format === "csv") return new TextEncoder().encode(csv(a));
  return new TextEncoder().encode(JSON.stringify(a.toArray()) + "\n");
}

/** Writes the result; paths are resolved first (a Bun-compiled exe under Wine cannot create a relative one). */
function write(result: Result, format: Format, out: string | undefined): void {
  const parts: [string, NDArray][] = isNDArray(result) ? [["", result]] : Object.entries(result);
  if (format === "json" && parts.length > 1) {
    const text = JSON.stringify(Object.fromEntries(parts.map(([k, v]) => [k, v.toArray()]))) + "\n";
    if (out === undefined || out === "-") process.stdout.write(text);
    else writeFileSync(resolve(out), text);
    return;
  }
  for (const [name, a] of parts) {
    const bytes = encode(a, format);
    if (out === undefined || out === "-") {
      if (name) process.stdout.write(format === "npy" ? "" : `# ${name}\n`);
      process.stdout.write(bytes);
    } else {
      const path = name ? out.replace(/(\.\w+)?$/, (ext) => `.${name}${ext || "." + format}`) : out;
      writeFileSync(resolve(path), bytes);
    }
  }
}

function bench(): void {
  const b = backend();
  console.log(
    `${b.vendor} ${b.version} (${b.path}), ${b.abi}, ${b.intWidth === 64 ? "ilp64" : "lp64"}`,
  );
  for (const n of [10, 100, 500]) {
    const data = new Float64Array(n * n).map((_, i) => Math.sin(i) + (i % (n + 1) === 0 ? n : 0));
    const a = new NDArray(data, "float64", [n, n]);
    const reps = n === 10 ? 20000 : n === 100 ? 200 : 5;
    linalg.inv(a);
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) linalg.inv(a);
    const us = ((performance.now() - t0) / reps) * 1000;
    console.log(
      `inv ${n}x${n}: ${us < 1000 ? us.toFixed(2) + " us" : (us / 1000).toFixed(2) + " ms"}`,
    );
  }
}

/** Runs the CLI with `argv` (without the program name); returns the exit code. */
export function main(argv: string[]): number {
  try {
    const { cmd, files, opts, help } = parseArgs(argv);
    if (cmd === "" || cmd === "help") {
      console.log(USAGE);
      return cmd === "" && !help ? 2 : 0;
    }
    if (cmd === "doctor") {
      return help
        ? (console.log("dlapack doctor: prints the detected LAPACK and every place tried"), 0)
        : doctor();
    }
    if (cmd === "bench") {
      return help ? (console.log("dlapack bench: times inv at a few sizes"), 0) : (bench(), 0);
    }
    const c = COMMANDS[cmd];
    if (c === undefined) throw new UsageError(`Unknown command ${cmd}: run dlapack --help`);
    if (help) {
      console.log(
        `dlapack ${cmd} ${c.args.join(" ")} [--out FILE] [--format npy|csv|json]\n  ${c.help}`,
      );
      return 0;
    }
    if (files.length !== c.args.length) {
      throw new UsageError(
        `The ${cmd} command takes ${c.args.length} file${c.args.length === 1 ? "" : "s"} (${
          c.args.join(", ")
        }), got ${files.length}`,
      );
    }
    const inputs = files.map(read);
    const result = c.run(inputs.map((i) => i.a), opts);
    const isTty = !opts.out && process.stdout.isTTY;
    const format = opts.format ??
      (opts.out
        ? formatOf(opts.out)
        : inputs[0].format === "npy" && isTty
        ? "json"
        : inputs[0].format);
    write(result, format, opts.out);
    return 0;
  } catch (e) {
    const err = e as Error;
    const known = e instanceof UsageError || e instanceof LinAlgError || e instanceof TypeError ||
      e instanceof RangeError ||
      err?.name === "LapackNotFoundError";
    console.error(
      `dlapack: ${known ? err.message : `${err?.name ?? "Error"}: ${err?.message ?? e}`}`,
    );
    return e instanceof UsageError ? 2 : 1;
  }
}

// exitCode, not exit(): exit() would cut off output still queued for a pipe.
if (import.meta.main) process.exitCode = main(process.argv.slice(2));
