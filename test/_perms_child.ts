// Child process for permissions_test.ts: loads dlapack through its public entry and calls
// det, printing one JSON line. Failures are left uncaught: the test reads what a user sees.
import { backend, linalg } from "../mod.ts";

const det = linalg.det([[4, 1], [2, 3]]).item();
const b = backend();
console.log(JSON.stringify({ det, path: b.path, vendor: b.vendor, version: b.version }));
