/**
 * Products that build bigger arrays: scipy's `kron` and `block_diag`, and numpy's
 * `tensordot` (a transpose and a reshape around one `matmul`, so BLAS does the work), all on
 * stacks of matrices.
 *
 * @module
 */
import type { DType, FloatArray } from "../dtype.ts";
import { floatsPerItem, resultType } from "../dtype.ts";
import type { ArrayLike } from "../ndarray.ts";
import { NDArray } from "../ndarray.ts";
import type { GufuncSpec, KernelFactory } from "../gufunc.ts";
import { runGufunc } from "../gufunc.ts";
import { describeValue } from "../_describe.ts";
import type { OptionKeys } from "./_util.ts";
import { arrayArg, checkOptions, optionKeys } from "./_util.ts";
import { matmul } from "./products.ts";
import { ALL, coreDim } from "./_scipy.ts";

// (m,n),(p,q),(r),(s) -> (r,s), r = m p, s = n q, all row-major.
const kronKernel: KernelFactory = ({ dims: { m, n, p, q }, dtype }) => {
  const f = floatsPerItem(dtype);
  const cols = n * q;
  return ([a, b, , , out]: FloatArray[]) => {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const ar = a[(i * n + j) * f];
        const ai = f === 2 ? a[(i * n + j) * f + 1] : 0;
        for (let k = 0; k < p; k++) {
          let at = ((i * p + k) * cols + j * q) * f;
          for (let l = 0; l < q; l++, at += f) {
            const br = b[(k * q + l) * f];
            if (f === 1) out[at] = ar * br;
            else {
              const bi = b[(k * q + l) * f + 1];
              out[at] = ar * br - ai * bi;
              out[at + 1] = ar * bi + ai * br;
            }
          }
        }
      }
    }
    return 0;
  };
};

const KRON: GufuncSpec = {
  name: "kron",
  signature: "(m,n),(p,q),(r),(s)->(r,s)",
  layouts: "CCFFC",
  kernels: ALL(kronKernel),
};

/** The options of `kron`, `blockDiag`: none. */
export const KRON_KEYS: OptionKeys = optionKeys();

/**
 * The Kronecker product of two matrices, or of each pair of a broadcast stack: the block
 * matrix whose block `(i, j)` is `a[i, j] * b` (scipy's `kron`). A 1-D operand is a row.
 *
 * @param a A matrix `(..., m, n)` (or a vector `(n)`).
 * @param b A matrix `(..., p, q)` (or a vector `(q)`).
 * @returns `(..., m p, n q)`; 1-D when both operands are 1-D.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const k = linalg.kron([[1, 2], [3, 4]], [[1, 1]]);
 * assert.deepEqual(k.toArray(), [[1, 1, 2, 2], [3, 3, 4, 4]]);
 * ```
 */
export function kron(a: ArrayLike, b: ArrayLike): NDArray {
  const A = arrayArg(a, 0, "kron");
  const B = arrayArg(b, 1, "kron");
  if (A.ndim === 0 || B.ndim === 0) {
    throw new RangeError(`Invalid operand for kron(): expected arrays of at least 1 dimension`);
  }
  const A2 = A.ndim === 1 ? A.reshape([1, A.shape[0]]) : A;
  const B2 = B.ndim === 1 ? B.reshape([1, B.shape[0]]) : B;
  const [m, n] = A2.shape.slice(-2);
  const [p, q] = B2.shape.slice(-2);
  const dtype = resultType(A.dtype, B.dtype);
  const out = runGufunc(KRON, [A2, B2, coreDim(m * p, dtype), coreDim(n * q, dtype)])[0];
  return A.ndim === 1 && B.ndim === 1 ? out.reshape([n * q]) : out;
}

// (r0,c0),(r1,c1),...,(R),(C) -> (R,C): each block at its offset, zeros elsewhere.
const blockKernel = (count: number): KernelFactory => ({ dims, dtype }) => {
  const f = floatsPerItem(dtype);
  const R = dims.R;
  const C = dims.C;
  return (bufs: FloatArray[]) => {
    const out = bufs[count + 2];
    out.fill(0);
    let r0 = 0;
    let c0 = 0;
    for (let k = 0; k < count; k++) {
      const rows = dims[`r${k}`];
      const cols = dims[`c${k}`];
      const x = bufs[k];
      for (let i = 0; i < rows; i++) {
        const from = i * cols * f;
        out.set(x.subarray(from, from + cols * f), ((r0 + i) * C + c0) * f);
      }
      r0 += rows;
      c0 += cols;
    }
    void R;
    return 0;
  };
};

const blockSpecs: GufuncSpec[] = [];
function blockSpec(count: number): GufuncSpec {
  let s = blockSpecs[count];
  if (s === undefined) {
    const ins = Array.from({ length: count }, (_, k) => `(r${k},c${k})`).join(",");
    s = blockSpecs[count] = {
      name: "blockDiag",
      signature: `${ins},(R),(C)->(R,C)`,
      layouts: "C".repeat(count) + "FFC",
      kernels: ALL(blockKernel(count)),
    };
  }
  return s;
}

/**
 * The block-diagonal matrix of its arguments (scipy's `block_diag`), or a stack of them when
 * the arguments are stacks (their stacks broadcast). A 0-D argument is a 1 x 1 block, a 1-D
 * one a row; no argument gives a `(1, 0)` array.
 *
 * @param arrays The blocks, top left to bottom right.
 * @returns `(..., sum of rows, sum of columns)`, in the arguments' common dtype.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const d = linalg.blockDiag([[1, 2]], 3, [[4], [5]]);
 * assert.deepEqual(d.toArray(), [[1, 2, 0, 0], [0, 0, 3, 0], [0, 0, 0, 4], [0, 0, 0, 5]]);
 * ```
 */
export function blockDiag(...arrays: ArrayLike[]): NDArray {
  if (arrays.length === 0) return new NDArray(new Float64Array(0), "float64", [1, 0]);
  const mats = arrays.map((x, k) => {
    const a = arrayArg(x, k, "blockDiag");
    return a.ndim === 0 ? a.reshape([1, 1]) : a.ndim === 1 ? a.reshape([1, a.shape[0]]) : a;
  });
  let R = 0;
  let C = 0;
  for (const m of mats) {
    R += m.shape[m.ndim - 2];
    C += m.shape[m.ndim - 1];
  }
  const dtype: DType = resultType(...mats.map((m) => m.dtype));
  const dims = [coreDim(R, dtype), coreDim(C, dtype)];
  return runGufunc(blockSpec(mats.length), [...mats, ...dims], { dtype, precision: "single" })[0];
}

/** The options of `tensordot`. */
export const TENSORDOT_KEYS: OptionKeys = optionKeys("axes");

/** Options of `tensordot`. */
export interface TensordotOptions {
  /**
   * `N` (default 2): sum over the last N axes of `a` and the first N of `b`; or
   * `[axesOfA, axesOfB]`, two lists of the same length (negative axes count from the end).
   */
  axes?: number | readonly [number | readonly number[], number | readonly number[]];
}

function axisList(x: unknown, nd: number, which: string): number[] {
  const list = typeof x === "number" ? [x] : Array.isArray(x) ? x : undefined;
  if (list === undefined || list.some((v) => !Number.isInteger(v) || v < -nd || v >= nd)) {
    throw new TypeError(
      `Invalid axes for tensordot(): the axes of ${which} must be integers from ${-nd} to ${
        nd - 1
      }, got ${describeValue(x)}`,
    );
  }
  const norm = list.map((v: number) => (v < 0 ? v + nd : v));
  if (new Set(norm).size !== norm.length) {
    throw new RangeError(`Invalid axes for tensordot(): repeated axis of ${which}`);
  }
  return norm;
}

/**
 * The tensor dot product along the given axes (numpy's `tensordot`, also in numpy 2's
 * `numpy.linalg`): the summed axes of `a` and `b` are moved together, both arrays are read as
 * matrices, and one `matmul` (BLAS `?gemm`) does the sum.
 *
 * @param a An array.
 * @param b An array.
 * @param options `axes`: a count (default 2) or a pair of axis lists.
 * @returns The free axes of `a` then those of `b`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linalg } from "jsr:@dlapack/dlapack";
 * const t = linalg.tensordot([[1, 2], [3, 4]], [[1, 0], [0, 1]], { axes: 1 });
 * assert.deepEqual(t.toArray(), [[1, 2], [3, 4]]);
 * assert.equal(linalg.tensordot([[1, 2], [3, 4]], [[1, 2], [3, 4]]).item(), 30);
 * ```
 */
export function tensordot(a: ArrayLike, b: ArrayLike, options?: TensordotOptions): NDArray {
  checkOptions(options, "tensordot", TENSORDOT_KEYS);
  const A = arrayArg(a, 0, "tensordot");
  const B = arrayArg(b, 1, "tensordot");
  const axes = options?.axes ?? 2;
  let sa: number[];
  let sb: number[];
  if (typeof axes === "number") {
    if (!Number.isInteger(axes) || axes < 0 || axes > A.ndim || axes > B.ndim) {
      throw new RangeError(
        `Invalid axes for tensordot(): ${
          describeValue(axes)
        } axes cannot be summed over arrays of ${A.ndim} and ${B.ndim} dimensions`,
      );
    }
    sa = Array.from({ length: axes }, (_, i) => A.ndim - axes + i);
    sb = Array.from({ length: axes }, (_, i) => i);
  } else if (Array.isArray(axes) && axes.length === 2) {
    sa = axisList(axes[0], A.ndim, "a");
    sb = axisList(axes[1], B.ndim, "b");
    if (sa.length !== sb.length) {
      throw new RangeError("Invalid axes for tensordot(): shape-mismatch for sum");
    }
  } else {
    throw new TypeError(
      `Invalid axes for tensordot(): expected a count or two axis lists, got ${
        describeValue(axes)
      }`,
    );
  }
  for (let i = 0; i < sa.length; i++) {
    if (A.shape[sa[i]] !== B.shape[sb[i]]) {
      throw new RangeError(
        `Invalid axes for tensordot(): shape-mismatch for sum (axis ${sa[i]} of a has ${
          A.shape[sa[i]]
        }, axis ${sb[i]} of b has ${B.shape[sb[i]]})`,
      );
    }
  }
  const freeA = A.shape.map((_, i) => i).filter((i) => !sa.includes(i));
  const freeB = B.shape.map((_, i) => i).filter((i) => !sb.includes(i));
  const K = sa.reduce((p, i) => p * A.shape[i], 1);
  const M = freeA.reduce((p, i) => p * A.shape[i], 1);
  const N = freeB.reduce((p, i) => p * B.shape[i], 1);
  const a2 = A.transpose([...freeA, ...sa]).reshape([M, K]);
  const b2 = B.transpose([...sb, ...freeB]).reshape([K, N]);
  const shape = [...freeA.map((i) => A.shape[i]), ...freeB.map((i) => B.shape[i])];
  return matmul(a2, b2).reshape(shape);
}
