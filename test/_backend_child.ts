// Child process for backend_test.ts: loads whatever DLAPACK_LIBRARY / DLAPACK_ABI name,
// prints the backend record and one dgesv answer as JSON on stdout.
import { intArray, routine } from "../ffi/backend.ts";
import { backend } from "../mod.ts";

try {
  const b = backend();
  const gesv = routine("dgesv");
  const a = new Float64Array([4, 2, 1, 3]); // [[4, 1], [2, 3]] column-major
  const x = new Float64Array([1, 2]);
  const info = gesv(2, 1, a, 2, intArray(2), x, 2);
  console.log(JSON.stringify({ ok: true, backend: b, info, x: [...x] }));
} catch (e) {
  const err = e as Error & { tried?: unknown };
  console.log(
    JSON.stringify({ ok: false, name: err.name, message: err.message, tried: err.tried }),
  );
}
