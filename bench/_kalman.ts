/**
 * The README's Kalman filter as a function, for test/kalman_test.ts and the benchmark: a 2-D
 * constant-velocity tracker (state [px, py, vx, vy], position measured), written with dlapack
 * alone, the same operations in the same order as numpy's version (scripts/fixtures_kalman.py,
 * bench/numpy_bench.py).
 *
 * @module
 */
import type { NDArray } from "../mod.ts";
import { array, eye, linalg, zeros } from "../mod.ts";

const dt = 1;
const F = array([[1, 0, dt, 0], [0, 1, 0, dt], [0, 0, 1, 0], [0, 0, 0, 1]]);
const H = array([[1, 0, 0, 0], [0, 1, 0, 0]]);
const Q = eye(4).multiply(1e-3);
const R = eye(2).multiply(0.25);
const I = eye(4);

/** Runs the filter over the measurements `zs` (each [px, py]); calls `each` with every state. */
export function kalman(
  zs: readonly NDArray[],
  each?: (x: NDArray, k: number) => void,
): { x: NDArray; P: NDArray } {
  let x = zeros(4);
  let P = eye(4).multiply(10);
  for (let k = 0; k < zs.length; k++) {
    // predict
    x = F.matmul(x);
    P = F.matmul(P).matmul(F.T).add(Q);
    // update
    const S = H.matmul(P).matmul(H.T).add(R);
    const K = P.matmul(H.T).matmul(linalg.inv(S));
    x = x.add(K.matmul(zs[k].subtract(H.matmul(x))));
    P = I.subtract(K.matmul(H)).matmul(P);
    each?.(x, k);
  }
  return { x, P };
}
