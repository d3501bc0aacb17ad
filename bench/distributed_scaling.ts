/**
 * Time against ranks for the distributed solve (p?gesv) and eigh (p?syevd), and the machine
 * rates the ScaLAPACK performance model needs (per-rank dgemm rate, MPI latency and bandwidth).
 *
 *   deno run -A bench/distributed_scaling.ts [sizes=2000,4000] [ranks=1,2,4] [runs=1]
 *
 * runs itself under scripts/mpirun.sh once per rank count and prints one table (markdown), the
 * rates, and the ScaLAPACK model's figures computed from those rates (kept apart: modelled). Each
 * figure is the minimum over `runs` runs, timed between barriers, fill and start-up excluded.
 * SCALING_FROM=file re-prints both from the SCALING lines a run wrote to stderr.
 *
 * @module
 */
import process from "node:process";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { init } from "../distributed.ts";
import { loadScalapack } from "../ffi/scalapack.ts";

const argv = process.argv.slice(2).filter((a) => !a.endsWith(".ts"));

if (argv[0] === "--child") {
  const sizes = argv[1].split(",").map(Number);
  const runs = Number(argv[2] ?? 1);
  const world = init();
  const me = world.rank === 0;
  const time = (f: () => void) => {
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
      world.barrier();
      const t = performance.now();
      f();
      world.barrier();
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  const out: Record<string, number> = { ranks: world.size };
  for (const n of sizes) {
    const a = world.fromFunction([n, n], (i, j) => (i === j ? 4 : 0) + Math.sin(i + 2 * j) / n);
    const b = world.fromFunction([n, 1], (i) => Math.cos(i));
    const s = world.fromFunction([n, n], (i, j) => (i === j ? 4 : 0) + Math.sin(i + j) / n);
    out[`solve${n}`] = time(() => world.linalg.solve(a, b));
    out[`eigh${n}`] = time(() => world.linalg.eigh(s));
    if (n === sizes[0]) out[`gemm${n}`] = time(() => world.linalg.matmul(a, a));
  }
  // MPI through BLACS: a 4-byte broadcast (latency) and an 8 MB one (bandwidth), from rank 0.
  if (world.size > 1) {
    const lib = loadScalapack();
    const sys = lib.systemContext();
    const ctxt = lib.gridinit(sys, 1, world.size);
    const [, , , col] = lib.gridinfo(ctxt);
    const small = new Int32Array(1), big = new Int32Array(1 << 21);
    const reps = 2000;
    lib.barrier(ctxt);
    let t = performance.now();
    for (let k = 0; k < reps; k++) lib.ibcast(ctxt, small, 0, 0, col === 0);
    lib.barrier(ctxt);
    out.bcastSmallUs = ((performance.now() - t) / reps) * 1000;
    t = performance.now();
    for (let k = 0; k < 10; k++) lib.ibcast(ctxt, big, 0, 0, col === 0);
    lib.barrier(ctxt);
    out.bcastBigMBs = (10 * big.byteLength) / 1e6 / ((performance.now() - t) / 1000);
    lib.gridexit(ctxt);
  }
  if (me) console.log("SCALING " + JSON.stringify(out));
  world.finalize();
} else {
  const sizes = argv[0] ?? "2000,4000";
  const ranks = (argv[1] ?? "1,2,4").split(",").map(Number);
  const runs = argv[2] ?? "1";
  const root = new URL("..", import.meta.url).pathname;
  const rows: Record<string, number>[] = [];
  if (process.env.SCALING_FROM) {
    // Re-print the table and the model from saved SCALING lines, without measuring again.
    for (const l of readFileSync(process.env.SCALING_FROM, "utf8").split("\n")) {
      if (l.startsWith("SCALING ")) rows.push(JSON.parse(l.slice(8)));
    }
  } else {
    for (const p of ranks) {
      const r = spawnSync(
        "bash",
        [
          `${root}scripts/mpirun.sh`,
          String(p),
          "deno",
          "run",
          "-A",
          import.meta.filename ?? "",
          "--child",
          sizes,
          runs,
        ],
        { encoding: "utf8", cwd: root, maxBuffer: 1 << 26 },
      );
      const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith("SCALING "));
      if (!line) {
        console.error(`ranks ${p}: no result (exit ${r.status})\n${r.stdout}${r.stderr}`);
        continue;
      }
      rows.push(JSON.parse(line.slice(8)));
      console.error(line);
    }
  }
  const ns = sizes.split(",");
  const head = ["ranks", ...ns.flatMap((n) => [`solve ${n}`, `eigh ${n}`]), `gemm ${ns[0]}`];
  console.log(`| ${head.join(" | ")} |`);
  console.log(`|${head.map(() => "---:").join("|")}|`);
  for (const r of rows) {
    const cells = [...ns.flatMap((n) => [r[`solve${n}`], r[`eigh${n}`]]), r[`gemm${ns[0]}`]]
      .map((ms) => ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
    console.log(`| ${r.ranks} | ${cells.join(" | ")} |`);
  }
  // The model (ScaLAPACK Users' Guide, chapter 5), LU solve constants, with the rates measured above.
  const one = rows.find((r) => r.ranks === 1);
  const comm = rows.find((r) => r.bcastSmallUs !== undefined);
  if (one && comm) {
    const n0 = Number(ns[0]);
    const rate = (2 * n0 ** 3) / (one[`gemm${n0}`] / 1000);
    const L = comm.bcastSmallUs / 1e6, B = comm.bcastBigMBs * 1e6;
    console.log(
      `\nrates: r = ${(rate / 1e9).toFixed(2)} GFlop/s per rank, L = ${
        (L * 1e6).toFixed(1)
      } us, B = ${(B / 1e6).toFixed(0)} MB/s`,
    );
    for (const n of ns.map(Number)) {
      const cf = (one[`eigh${n}`] / 1000) * rate / n ** 3;
      console.log(`eigh ${n}: effective C_f = ${cf.toFixed(1)} (one rank's time x r / N^3)`);
    }
    const rowsOut = [];
    for (
      const [n, p, lat, bw, what] of [
        ...ns.flatMap((n) =>
          ranks.filter((p) => p > 1).map((p) => [Number(n), p, L, B, "this machine's rates"])
        ),
        [100_000, 64, L, B, "this machine's rates"],
        [
          100_000,
          64,
          2e-6,
          10e9,
          "r from here; L = 2 us, B = 10 GB/s (an InfiniBand-class network, assumed)",
        ],
        [100_000, 256, 2e-6, 10e9, "r from here; L = 2 us, B = 10 GB/s (assumed)"],
      ] as [number, number, number, number, string][]
    ) {
      const lg = Math.log2(p);
      const tf = (2 / 3) * n ** 3 / (p * rate);
      const tv = (3 + lg / 4) * (n ** 2 / Math.sqrt(p)) * 8 / bw;
      const tm = (6 + lg) * n * lat;
      rowsOut.push(
        `| ${n} | ${p} | ${tf.toFixed(2)} s | ${tv.toFixed(2)} s | ${tm.toFixed(2)} s | ${
          (tf + tv + tm).toFixed(2)
        } s | ${what} |`,
      );
    }
    console.log("\nmodelled solve (p?gesv):\n");
    console.log("| N | P | work | words | messages | total | rates |");
    console.log("|---:|---:|---:|---:|---:|---:|---|");
    for (const r of rowsOut) console.log(r);
  }
  for (const r of rows) {
    if (r.bcastSmallUs !== undefined) {
      console.log(
        `ranks ${r.ranks}: 4-byte broadcast ${r.bcastSmallUs.toFixed(1)} us, 8 MB broadcast ${
          r.bcastBigMBs.toFixed(0)
        } MB/s`,
      );
    }
  }
}
