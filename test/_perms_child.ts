// Child process for permissions_test.ts: loads dlapack through its public entry and calls
// det (with the argument "async": linalg.async.det, in dlapack's worker), printing one JSON
// line. Failures are left uncaught: the test reads what a user sees.
import process from "node:process";
import { backend, linalg } from "../mod.ts";

const a = [[4, 1], [2, 3]];
const det = process.argv.includes("async")
  ? (await linalg.async.det(a)).item()
  : linalg.det(a).item();
const b = backend();
console.log(JSON.stringify({ det, path: b.path, vendor: b.vendor, version: b.version }));
