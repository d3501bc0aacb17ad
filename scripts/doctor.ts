/**
 * `deno task doctor` / `bun scripts/doctor.ts` / `node --experimental-ffi scripts/doctor.ts`:
 * prints what the LAPACK detector found and everything it tried, with the install command
 * for this platform when nothing was usable. Exit code 0 when a LAPACK was found, 1 otherwise.
 *
 * @module
 */
import process from "node:process";
import {
  currentRuntime,
  detectionReport,
  globalBlas,
  heapReport,
  openblasBefore0324,
} from "../ffi/backend.ts";
import { scalapackReport } from "../ffi/scalapack.ts";

/** Prints the doctor's report; returns the exit code. */
export function doctor(print: (line: string) => void = console.log): number {
  let report;
  try {
    report = detectionReport();
  } catch (e) {
    print(`dlapack doctor: ${(e as Error).message}`);
    return 2;
  }
  const rt = currentRuntime().name;
  print(`dlapack doctor (${rt}, ${report.os}/${report.arch})`);
  const f = report.found;
  if (f !== null) {
    print(`  LAPACK found: ${f.path}`);
    print(`    vendor     ${f.vendor}${f.version ? " " + f.version : ""}`);
    print(
      `    lapack     ${f.lapack.vendor} from ${f.lapack.file}${
        f.lapackVersion ? ` (LAPACK ${f.lapackVersion})` : ""
      }`,
    );
    print(
      `    blas       ${f.blas.vendor}${
        f.blas.version ? " " + f.blas.version : ""
      } from ${f.blas.file}`,
    );
    print(
      `    abi        ${f.abi}, ${
        f.intWidth === 64 ? "ilp64" : "lp64"
      } (${f.intWidth}-bit integers), symbols ${f.prefix}dgetrf${f.suffix}`,
    );
    print(`    threads    ${f.threads ?? "no thread control"}`);
    const heap = heapReport();
    if (heap !== undefined) print(`    heap       ${heap.mode}: ${heap.detail}`);
    if (f.config) print(`    config     ${f.config}`);
    if (f.mkl !== null) {
      const m = f.mkl;
      print(
        `    mkl        threading layer ${m.threadingLayer} (${
          m.chosenBy === "auto" ? "chosen by dlapack" : "from MKL_THREADING_LAYER"
        }${
          m.runtime ? `, runtime ${m.runtime}` : ""
        }), interface layer ${m.interfaceLayer.toUpperCase()}`,
      );
      for (const s of m.skipped) print(`               skipped: ${s}`);
    }
    if (f.blas.vendor === "openblas" && openblasBefore0324(f.blas.version)) {
      print(
        `  Note: OpenBLAS ${f.blas.version} (any release before 0.3.24) has two bugs dlapack works around:`,
      );
      print(
        "    its threaded getrf needs ~0.5 MB of stack per recursion level (large solve/inv/det on threads",
      );
      print(
        "    with small stacks, such as Deno/Bun workers, can crash: setNumThreads(1) there), and its",
      );
      print(
        "    complex gemv reads slightly past its matrix (OpenBLAS issue 4013, fixed in 0.3.24).",
      );
    }
    const other = globalBlas();
    if (other !== null && other !== f.blas.file) {
      print(`  Note: another BLAS is in this process's global scope: ${other}`);
      print(
        "    (preloaded, or opened with RTLD_GLOBAL by another module). A LAPACK that calls BLAS by name",
      );
      print(
        `    binds to it before ${f.blas.file}; dlapack's own calls go to the library it loaded.`,
      );
    }
  }
  if (report.unlearned.length > 0) {
    print("  Not learned under the permissions granted:");
    for (const u of report.unlearned) print(`    ${u.fact}: ${u.reason}`);
  }
  // Candidates the permissions kept closed are counted, not listed: there can be dozens.
  const denied = report.tried.filter((t) => t.reason.startsWith("denied"));
  const tried = report.tried.filter((t) => !t.reason.startsWith("denied"));
  if (tried.length > 0) {
    print(f === null ? "  No usable LAPACK found. Tried:" : "  Tried before it:");
    for (const t of tried) print(`    ${t.path} (${t.source}): ${t.reason}`);
  }
  if (denied.length > 0) {
    print(
      `  Not opened (${denied[0].reason}): ${denied.length} candidate${
        denied.length > 1 ? "s" : ""
      } (${denied[0].path}${denied.length > 1 ? ` ... ${denied[denied.length - 1].path}` : ""})`,
    );
  }
  if (f === null && report.error !== undefined) {
    for (const line of report.error.split("\n")) print(`  ${line}`);
    return 1;
  }
  distributedReport(print);
  if (f === null) {
    print("  Install one:");
    for (const line of report.hint.split("\n")) print(`    ${line}`);
    print("  Or set DLAPACK_LIBRARY to the library's full path.");
    return 1;
  }
  return 0;
}

/** The distributed mode's libraries (optional: their absence does not change the exit code). */
function distributedReport(print: (line: string) => void): void {
  let r;
  try {
    r = scalapackReport();
  } catch (e) {
    print(`  Distributed mode (ScaLAPACK over MPI): cannot look: ${(e as Error).message}`);
    return;
  }
  if (r.found !== null) {
    print(`  Distributed mode (ScaLAPACK over MPI, import "dlapack/distributed"): ready`);
    print(`    scalapack  ${r.found.path}`);
    print(`    mpi        ${r.found.mpiPath} (${r.found.mpiVersion})`);
    return;
  }
  print("  Distributed mode (ScaLAPACK over MPI): not available (optional)");
  for (const line of r.error!.message.split("\n")) print(`    ${line}`);
}

if (import.meta.main) {
  // exitCode, not exit(): exit() would cut off output still queued for a pipe.
  process.exitCode = doctor();
}
