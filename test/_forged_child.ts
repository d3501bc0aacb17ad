// Child of det_test.ts: calls det and inv on forged arrays (negative sizes that the NDArray
// constructor would refuse), and a few functions on empty arrays with a dimension of 2**31
// (more than LAPACK's 32-bit integers hold: nothing to compute, so LAPACK must not be called,
// not even for a workspace query), and prints one line `FORGED {...}` with what each did. Run in
// its own process so that a LAPACK whose XERBLA ends the process (reference LAPACK) cannot
// take the test runner with it: a missing line means LAPACK saw the forged sizes.
import { linalg, NDArray, zeros } from "../mod.ts";

const forged = (n: number): NDArray =>
  Object.create(NDArray.prototype, {
    shape: { value: [n, n] },
    strides: { value: [1, 1] },
    offset: { value: 0 },
    dtype: { value: "float64" },
    data: { value: new Float64Array(9) },
  });

const results: Record<string, string> = {};
const calls: Record<string, () => unknown> = {
  det: () => linalg.det(forged(-3)),
  inv: () => linalg.inv(forged(-3)),
  slogdet: () => linalg.slogdet(forged(-2)),
  solve: () => linalg.solve(forged(-3), [1, 2, 3]),
  eigvalsh: () => linalg.eigvalsh(forged(-3)),
  svdvals: () => linalg.svdvals(forged(-3)),
  invOut: () => linalg.inv(zeros([3, 3]), { out: forged(-3) }),
  emptySvdvals: () => linalg.svdvals(zeros([0, 2 ** 31])),
  emptyPinv: () => linalg.pinv(zeros([0, 2 ** 31])),
  emptyQr: () => linalg.qr(zeros([2 ** 31, 0])),
  emptyNuc: () => linalg.matrixNorm(zeros([2 ** 31, 0]), { ord: "nuc" }),
};
for (const [name, f] of Object.entries(calls)) {
  try {
    f();
    results[name] = "returned";
  } catch (e) {
    results[name] = `${(e as Error).name}: ${(e as Error).message}`;
  }
}
console.log(`FORGED ${JSON.stringify(results)}`);
