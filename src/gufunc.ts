/**
 * The generalized-ufunc engine: what numpy calls `_umath_linalg`. A gufunc has a signature
 * such as `"(m,m),(m,n)->(m,n)"` and one kernel per computation dtype. The engine binds the
 * core dimensions, broadcasts the loop dimensions, and for each matrix of the stack copies
 * the inputs into one reused scratch block (Fortran or C order, as the kernel asks), calls
 * the kernel, and copies the outputs out. Kernels never throw: they return LAPACK's `info`,
 * and the engine raises after the loop (or fills the failed items with NaN).
 *
 * Nothing is allocated per matrix: the scratch block, the kernel (with its LAPACK workspace)
 * and the parsed signature are made once per call, and reused by the next call of the same
 * shape.
 *
 * @module
 */
import type { ArrayData, ArrayDType, DType, FloatArray } from "./dtype.ts";
import {
  allocArrayData,
  allocData,
  complexDType,
  doubleDType,
  floatsPerItem,
  isComplex,
  realDType,
  sharesMemory,
} from "./dtype.ts";
import type { ArrayLike } from "./ndarray.ts";
import type { FloatNDArray } from "./ndarray.ts";
import { asarray, NDArray } from "./ndarray.ts";
import { LinAlgError } from "./errors.ts";
import { describeValue } from "./_describe.ts";
import { broadcastShapes, cStrides, itemLabel, sameList, shapeSize } from "./_shape.ts";

export { broadcastShapes };
import type { OptionKeys } from "./_options.ts";
import { checkOptions, optionKeys } from "./_options.ts";
import { quirks, threadsFor } from "../ffi/backend.ts";

export type { Dims } from "./_signature.ts";
import type { Dims, Signature } from "./_signature.ts";
import { parseSignature } from "./_signature.ts";
export { parseSignature };
export type { Signature };
import { copyIn, copyOf, copyOut, noCopies } from "./_scratch.ts";
import { fallbackKernel, resolveDTypes } from "./_resolve.ts";
export { resolveDTypes };
import { smallDimOf } from "./_threads.ts";
import { checkNDArray, isWellFormed, ndarrayProblem } from "./_wellformed.ts";
import type { GufuncOptions } from "./_ndarray.ts";
import { resultArray } from "./_ndarray.ts";
export type { GufuncOptions } from "./_ndarray.ts";
export { checkNDArray, ndarrayProblem };

/** What a kernel factory learns once per call. */
export interface KernelCall {
  /** Bound core dimensions. */
  dims: Dims;
  /** The computation dtype (the scratch buffers' dtype). */
  dtype: DType;
}

/**
 * A kernel: given the scratch buffers of one item (inputs then outputs, each in the layout the
 * gufunc declares), computes the outputs and returns `info` (0 success, > 0 the matrix's
 * fault, < 0 a bad argument: a bug). It must not throw and must not allocate.
 */
export type Kernel = (buffers: FloatArray[]) => number;

/** Makes a kernel for one call; it may allocate workspace here, once. */
export type KernelFactory = (call: KernelCall) => Kernel;

/** A gufunc definition. */
export interface GufuncSpec {
  /** Name used in error messages, e.g. "inv". */
  name: string;
  /**
   * Signature, e.g. `"(m,m)->(m,m)"`, with numpy's fixed sizes (`"(3),(3)->(3)"`: a mismatch is
   * a RangeError) and optional dimensions (`"(n?,k),(k,m?)->(n?,m?)"`, matmul's: an operand with
   * too few dimensions drops its `?` names, first to last, from every operand).
   */
  signature: string;
  /**
   * One kernel factory per computation dtype. A call uses the kernel of its computation dtype
   * (float32 input computes in float64 unless `precision: "single"`), else, as numpy resolves
   * loops, the kernel of the input dtype, else the first one listed that the input casts to
   * safely (float32 to float64 or complex, real to complex).
   */
  kernels: Partial<Record<DType, KernelFactory>>;
  /**
   * Scratch layout per operand (inputs then outputs): "F" column-major (default) or "C"
   * row-major. A C-order input is copied with one memcpy from a C-contiguous array; a kernel
   * that can work on the transpose (inv(A^T) = inv(A)^T) asks for "C".
   */
  layouts?: string;
  /** Output dtypes from the computation dtype (default: the same dtype). */
  outDTypes?: ((computation: DType) => DType)[];
  /** The message for a positive `info`, in numpy's words first. */
  failure?: (info: number, dims: Dims) => string;
  /**
   * Largest core dimension still "small" enough to run single-threaded. Default: the measured
   * policy of the gufunc's routine family (src/_threads.ts, by `name`: e.g. 500 for eigh, 300
   * for inv and matmul), 64 for families not measured.
   */
  smallDim?: number;
  /**
   * For each output, the input whose scratch it shares (the kernel works in place, as LAPACK
   * does), or -1. Shapes must match.
   */
  inplace?: number[];
  /**
   * Inputs the kernel only reads (no output shares their scratch). For one matrix whose array
   * is already of the computation dtype, contiguous in the kernel's layout and not shared
   * memory, the kernel reads the array itself: no copy in (a 500 x 500 factor is 2 MB).
   */
  readOnly?: number[];
}

/** The keys of `GufuncOptions`: what the engine reads from an options object. */
export const GUFUNC_OPTION_KEYS: OptionKeys = optionKeys("out", "errors", "precision", "dtype");

interface Parsed extends Signature {
  layouts: boolean[]; // true = C order
  /** The spec's last few plans, most recent first (see PLANS_PER_GUFUNC). */
  plans: Plan[];
}

const parsedCache = new WeakMap<GufuncSpec, Parsed>();

function parsed(spec: GufuncSpec): Parsed {
  let p = parsedCache.get(spec);
  if (p === undefined) {
    const s = parseSignature(spec.signature);
    const n = s.inputs.length + s.outputs.length;
    const layouts = [...(spec.layouts ?? "").padEnd(n, "F")].map((c) => c === "C");
    p = { ...s, layouts, plans: [] };
    parsedCache.set(spec, p);
  }
  return p;
}

/** Counters that tests read to prove nothing is allocated per matrix. */
export const gufuncStats: { scratchAllocations: number; kernelCreations: number } = {
  scratchAllocations: 0,
  kernelCreations: 0,
};

interface CallCache {
  dtype: DType;
  dims: number[];
  kernel: Kernel;
  scratch: FloatArray;
  /** The kernel's buffers: `home`, except while an output is written in place. */
  views: FloatArray[];
  /** The scratch views, per operand. */
  home: readonly FloatArray[];
  busy: boolean;
}

/** Everything about a call that depends only on dtypes, shapes and strides: reused by the next call of the same kind. */
interface Plan {
  // the key
  computation: DType;
  result: DType;
  inDTypes: ArrayDType[];
  inShapes: (readonly number[])[];
  inStrides: (readonly number[])[];
  outGiven: boolean;
  outStrides: (readonly number[])[];
  // the plan
  dims: Dims;
  loopShape: number[];
  outShapes: number[][];
  outDTypes: DType[];
  items: number;
  empty: boolean;
  cores: number[][];
  fpis: number[];
  coreStrides: number[][];
  loopStrides: Float64Array; // per operand, per loop dim, in floats
  small: boolean;
  /** One matrix of the computation dtype: a call with no options but `out` may skip to it. */
  lean: boolean;
  /**
   * One matrix: the outputs (indices) whose scratch is an input's (`inplace`) and whose array
   * can be that scratch itself (the computation dtype, contiguous in the kernel's layout): the
   * input is copied straight into the result, LAPACK works there, and nothing is copied out.
   */
  direct: number[] | undefined;
  /**
   * One matrix: the inputs (indices, from `readOnly`) that the kernel may read where they are
   * (the computation dtype, contiguous in the kernel's layout); checked per call for offset 0,
   * whole storage and an unshared buffer.
   */
  borrowed: number[] | undefined;
  /**
   * One matrix: the direct outputs made as a copy of their input's storage (offset 0, whole
   * storage), which then needs no copy in.
   */
  cloned: number[] | undefined;
  cache: CallCache;
}

// Parsed.plans: a loop that alternates calls (with and without `out`, two shapes) finds its plan
// instead of making one (and its kernel, with a LAPACK workspace query) per call.
// 16: a loop over small matrices (the README's Kalman step makes 10 matmul plans) must find
// every one of its plans again, else it remakes one per call (a 4-plan cache made the step 5x
// slower).
const PLANS_PER_GUFUNC = 16;
/** The scratch (in floats) that the plans kept beside the newest may hold together: 1 MB of
 * float64. */
const SMALL_PLAN_FLOATS = 131072;

function planMatches(
  p: Plan,
  arrays: readonly NDArray[],
  computation: DType,
  result: DType,
  given: NDArray[] | undefined,
): boolean {
  if (
    p.computation !== computation || p.result !== result || p.outGiven !== (given !== undefined)
  ) return false;
  for (let k = 0; k < arrays.length; k++) {
    const a = arrays[k];
    if (
      a.dtype !== p.inDTypes[k] || !sameList(a.shape, p.inShapes[k]) ||
      !sameList(a.strides, p.inStrides[k])
    ) {
      return false;
    }
  }
  if (given !== undefined) {
    for (let j = 0; j < given.length; j++) {
      const o = given[j];
      if (
        !(o instanceof NDArray) || o.dtype !== p.outDTypes[j] ||
        !sameList(o.shape, p.outShapes[j]) ||
        !sameList(o.strides, p.outStrides[j])
      ) return false;
    }
  }
  return true;
}

function makePlan(
  spec: GufuncSpec,
  sig: Parsed,
  arrays: readonly NDArray[],
  computation: DType,
  result: DType,
  given: NDArray[] | undefined,
): Plan {
  const nIn = sig.inputs.length;
  const nOut = sig.outputs.length;
  const factory = spec.kernels[computation];
  if (factory === undefined) {
    throw new TypeError(
      `Unsupported dtype ${computation} for ${spec.name}(): the gufunc has no kernel for it`,
    );
  }
  // numpy's optional dimensions: an operand with too few dimensions drops its "?" dimensions,
  // first to last, until it has enough; a dropped name is missing from every operand, and the
  // kernel sees it as size 1.
  const counts: number[] = [];
  for (let k = 0; k < nIn + nOut; k++) {
    counts.push(k < nIn ? sig.inputs[k].length : sig.outputs[k - nIn].length);
  }
  let missing: Record<string, boolean> | undefined;
  if (sig.optional.length > 0) {
    for (let k = 0; k < nIn; k++) {
      const nd = arrays[k].shape.length;
      const core = sig.inputs[k];
      for (let c = 0; c < core.length && nd < counts[k]; c++) {
        const name = core[c];
        if (!sig.optional.includes(name) || missing?.[name]) continue;
        (missing ??= Object.create(null) as Record<string, boolean>)[name] = true;
        const ops = [...sig.inputs, ...sig.outputs];
        for (let o = 0; o < ops.length; o++) {
          for (const n of ops[o]) if (n === name) counts[o]--;
        }
      }
    }
  }
  const present = (core: string[]) =>
    missing === undefined ? core : core.filter((n) => !missing![n]);
  // Bind core dimensions (fixed sizes first) and broadcast loop dimensions.
  const dims: Dims = Object.create(null);
  for (const name in sig.fixed) dims[name] = sig.fixed[name];
  if (missing !== undefined) { for (const name in missing) dims[name] = 1; }
  let loopShape: number[] = [];
  for (let k = 0; k < nIn; k++) {
    const a = arrays[k];
    const core = present(sig.inputs[k]);
    if (a.ndim < core.length) {
      throw new RangeError(
        `Input operand ${k} of ${spec.name}() does not have enough dimensions (has ${a.ndim}, gufunc core ` +
          `with signature ${spec.signature} requires ${core.length})`,
      );
    }
    const lead = a.ndim - core.length;
    for (let c = 0; c < core.length; c++) {
      const name = core[c];
      const size = a.shape[lead + c];
      if (dims[name] === undefined) dims[name] = size;
      else if (dims[name] !== size) {
        throw new RangeError(
          `Input operand ${k} of ${spec.name}() has a mismatch in its core dimension ${c}, with gufunc ` +
            `signature ${spec.signature} (size ${size} is different from ${dims[name]})`,
        );
      }
    }
    loopShape = broadcastShapes(loopShape, a.shape.slice(0, lead), spec.name);
  }
  for (const core of sig.outputs) {
    for (const name of core) {
      if (dims[name] === undefined) {
        throw new TypeError(
          `Invalid gufunc signature ${spec.signature}: output dimension ${name} is not bound by any input`,
        );
      }
    }
  }
  // The sizes every kernel (and LAPACK) sees: checked again here, where they are bound, so
  // that no value read from an array after checkNDArray (a getter) can reach LAPACK.
  for (const name in dims) {
    const d = dims[name];
    if (!(Number.isSafeInteger(d) && d >= 0)) {
      throw new TypeError(
        `Invalid NDArray for ${spec.name}(): core dimension ${name} is ${
          describeValue(d)
        }, not a non-negative integer`,
      );
    }
  }
  const outDTypes = sig.outputs.map((_, j) => spec.outDTypes?.[j]?.(result) ?? result);
  const outShapes = sig.outputs.map((core) => [...loopShape, ...present(core).map((n) => dims[n])]);
  if (given !== undefined) {
    given.forEach((o, j) => {
      const it = nOut === 1 ? "it" : `out[${j}]`;
      if (o.dtype !== outDTypes[j]) {
        throw new TypeError(
          `Invalid out for ${spec.name}(): ${it} has dtype ${o.dtype}, but the result is ${
            outDTypes[j]
          }`,
        );
      }
      if (!sameList(o.shape, outShapes[j])) {
        throw new RangeError(
          `Invalid out for ${spec.name}(): ${it} has shape (${
            o.shape.join(", ")
          }), but the result has shape ` +
            `(${outShapes[j].join(", ")})`,
        );
      }
    });
  }
  const items = shapeSize(loopShape);
  // The core dimensions each operand has (the missing ones are size 1: no scratch layout changes).
  const cores = [...sig.inputs, ...sig.outputs].map((core) => present(core).map((n) => dims[n]));
  const fpis = [
    ...sig.inputs.map(() => floatsPerItem(computation)),
    ...sig.outputs.map((_, j) => floatsPerItem(spec.outDTypes?.[j]?.(computation) ?? computation)),
  ];
  const dimList = cores.flat();
  // Loop strides (0 on broadcast dimensions) and core strides, in floats. Outputs we allocate
  // are C-contiguous; given outputs keep their own strides.
  const L = loopShape.length;
  const nOps = nIn + nOut;
  const loopStrides = new Float64Array(nOps * Math.max(L, 1));
  const coreStrides: number[][] = [];
  const outStrides = outShapes.map((shape, j) => given?.[j]?.strides ?? cStrides(shape));
  for (let k = 0; k < nOps; k++) {
    const shape = k < nIn ? arrays[k].shape : outShapes[k - nIn];
    const strides = k < nIn ? arrays[k].strides : outStrides[k - nIn];
    const f = k < nIn ? floatsPerItem(arrays[k].dtype) : floatsPerItem(outDTypes[k - nIn]);
    const lead = shape.length - cores[k].length;
    for (let d = 0; d < lead; d++) {
      loopStrides[k * L + (L - lead + d)] = shape[d] === 1 ? 0 : strides[d] * f;
    }
    coreStrides.push(strides.slice(lead).map((s) => s * f));
  }
  // Nothing to compute (numpy returns empty results without calling LAPACK).
  const empty = items === 0 || outShapes.every((s) => shapeSize(s) === 0);
  const inDTypes = arrays.map((a) => a.dtype);
  const { inplace, readOnly } = spec;
  const one = empty || L > 0 ? undefined : noCopies({
    inplace,
    readOnly,
    layouts: sig.layouts,
    cores,
    coreStrides,
    fpis,
    computation,
    inDTypes,
    outDTypes,
  });
  return {
    computation,
    result,
    inDTypes,
    inShapes: arrays.map((a) => a.shape.slice()),
    inStrides: arrays.map((a) => a.strides.slice()),
    outGiven: given !== undefined,
    outStrides,
    dims,
    loopShape,
    outShapes,
    outDTypes,
    items,
    empty,
    cores,
    fpis,
    coreStrides,
    loopStrides,
    small: dimList.every((d) => d <= (spec.smallDim ?? smallDimOf(spec.name))),
    lean: L === 0 && !empty && computation === result &&
      computation === doubleDType(computation) && arrays.every((a) => a.dtype === computation),
    direct: one?.direct,
    borrowed: one?.borrowed,
    cloned: one?.cloned,
    // An empty call runs no kernel, so no kernel factory (no LAPACK workspace query) either:
    // an empty array may still have a dimension LAPACK's integers cannot hold (0 x 2**31).
    cache: empty
      ? emptyCache(computation, dimList)
      : makeCache(spec, factory, dims, computation, cores, fpis, dimList, nIn),
  };
}

/**
 * Runs a gufunc on NDArray inputs already converted; returns its outputs. The public
 * functions are thin wrappers over this.
 */
export function runGufunc(
  spec: GufuncSpec,
  inputs: readonly NDArray[],
  options?: GufuncOptions,
): NDArray[] {
  let arrays = inputs as readonly FloatNDArray[];
  const sig = parsed(spec);
  // The hot loop's call (one matrix, no options or `out` alone, the last call's kind): its
  // plan, without the checks of options and dtypes that cannot change what it resolves to.
  const last = sig.plans[0];
  if (last !== undefined && last.lean && !last.cache.busy && leanMatches(last, inputs)) {
    const out = options === undefined ? undefined : leanOut(last, inputs, options);
    if (out !== null && last.outGiven === (out !== undefined)) {
      const outs = out === undefined ? newOutputs(last, inputs, spec.inplace) : [out];
      const cloned = out === undefined ? clonedMask : 0;
      const failures = execute(spec, last, sig.layouts, inputs, outs, "raise", cloned);
      if (failures !== undefined) raise(spec, last, failures, "raise");
      return outs;
    }
  }
  const nIn = sig.inputs.length;
  const nOut = sig.outputs.length;
  if (arrays.length !== nIn) {
    throw new TypeError(
      `Wrong number of arrays for ${spec.name}(): it takes ${nIn} array argument${
        nIn === 1 ? "" : "s"
      }, got ${arrays.length}`,
    );
  }
  // Nothing reaches a kernel (and LAPACK) from a forged or tampered array.
  for (let k = 0; k < nIn; k++) checkNDArray(arrays[k], k, spec.name);
  // int32 and bool compute in float64, as in numpy's linalg: converted once, up front.
  for (let k = 0; k < nIn; k++) {
    const d: string = arrays[k].dtype;
    if (d === "int32" || d === "bool") {
      arrays = arrays.map((a) =>
        (a.dtype as string) === "int32" || (a.dtype as string) === "bool"
          ? a.astype("float64") as FloatNDArray
          : a
      );
      break;
    }
  }
  const errors = options?.errors ?? "raise";
  if (errors !== "raise" && errors !== "nan") {
    throw new TypeError(
      `Invalid errors option for ${spec.name}(): expected "raise" or "nan", got ${
        describeValue(errors)
      }`,
    );
  }
  const out = options?.out;
  const given = out === undefined ? undefined : Array.isArray(out) ? out : [out];
  if (given !== undefined) {
    if (given.length !== nOut) {
      throw new TypeError(
        `Invalid out for ${spec.name}(): expected ${nOut} array${
          nOut === 1 ? "" : "s"
        }, got ${given.length}`,
      );
    }
    for (let j = 0; j < nOut; j++) {
      const o = given[j];
      if (!(o instanceof NDArray)) {
        throw new TypeError(
          `Invalid out for ${spec.name}(): expected an NDArray${
            nOut === 1 ? "" : ` at index ${j}`
          }, got ${describeValue(o)}`,
        );
      }
      checkNDArray(o, nOut === 1 ? "out" : `out[${j}]`, spec.name);
    }
  }
  let { computation, result } = resolveDTypes(arrays, options, spec.name);
  if (spec.kernels[computation] === undefined) {
    computation = fallbackKernel(spec.kernels, spec.name, result, options?.dtype !== undefined);
    if (isComplex(computation) && !isComplex(result)) result = complexDType(result);
  }
  if (isComplex(computation)) {
    arrays = arrays.map((a) =>
      isComplex(a.dtype) ? a : a.astype(complexDType(a.dtype)) as FloatNDArray
    );
  }

  const plans = sig.plans;
  let plan: Plan | undefined;
  for (let i = 0; i < plans.length; i++) {
    const p = plans[i];
    if (planMatches(p, arrays, computation, result, given)) {
      if (p.cache.busy) break; // a kernel calling its own gufunc: a fresh plan, not kept
      plan = p;
      if (i > 0) {
        plans.copyWithin(1, 0, i);
        plans[0] = p;
      }
      break;
    }
  }
  if (plan === undefined) {
    plan = makePlan(spec, sig, arrays, computation, result, given);
    if (!plans.some((p) => p.cache.busy)) {
      // Only the newest plan may be large: older ones stay, newest first, while their scratch
      // (and so, roughly, their kernels' workspace) together is small.
      const kept = [plan];
      let room = SMALL_PLAN_FLOATS;
      for (let i = 0; i < plans.length && kept.length < PLANS_PER_GUFUNC; i++) {
        const floats = plans[i].cache.scratch.length;
        if (floats <= room) {
          kept.push(plans[i]);
          room -= floats;
        }
      }
      sig.plans = kept;
    }
  }
  if (given !== undefined) {
    for (let j = 0; j < nOut; j++) {
      const o = given[j];
      for (let k = 0; k < arrays.length; k++) {
        if (sharesMemory(arrays[k].data, o.data)) {
          throw new RangeError(
            `Invalid out for ${spec.name}(): ${
              nOut === 1 ? "it" : `out[${j}]`
            } shares memory with an input; inputs are never modified`,
          );
        }
      }
    }
  }
  const outs: NDArray[] = given ?? newOutputs(plan, arrays, spec.inplace);
  if (plan.empty) return outs;
  const cloned = given === undefined ? clonedMask : 0;
  const failures = execute(spec, plan, sig.layouts, arrays, outs, errors, cloned);
  if (failures !== undefined) raise(spec, plan, failures, errors);
  return outs;
}

/** Whether a call without options is `p`'s (a lean plan): well-formed inputs of its key. */
function leanMatches(p: Plan, inputs: readonly NDArray[]): boolean {
  if (inputs.length !== p.inDTypes.length) return false;
  for (let k = 0; k < inputs.length; k++) {
    const a = inputs[k];
    if (
      !isWellFormed(a) || a.dtype !== p.inDTypes[k] || !sameList(a.shape, p.inShapes[k]) ||
      !sameList(a.strides, p.inStrides[k])
    ) return false;
  }
  return true;
}

/** `out`, when the options are `out` alone (read in the general path's order), well-formed, of
 * `p`'s key and sharing no memory with the inputs; else null: the general path says why. */
function leanOut(p: Plan, inputs: readonly NDArray[], options: GufuncOptions): NDArray | null {
  if (options.errors !== undefined) return null;
  const o = options.out;
  if (
    !(o instanceof NDArray) || options.dtype !== undefined || options.precision !== undefined ||
    p.outDTypes.length !== 1 || !isWellFormed(o) || o.dtype !== p.outDTypes[0] ||
    !sameList(o.shape, p.outShapes[0]) || !sameList(o.strides, p.outStrides[0])
  ) return null;
  for (let k = 0; k < inputs.length; k++) if (sharesMemory(inputs[k].data, o.data)) return null;
  return o;
}

/** Set by `newOutputs`: bit k, input k is in the output made as its copy (see Plan.cloned). */
let clonedMask = 0;

/** The result arrays of a call without `out`; sets `clonedMask`. */
function newOutputs(
  plan: Plan,
  inputs: readonly NDArray[],
  inplace: readonly number[] | undefined,
): NDArray[] {
  const n = plan.outShapes.length;
  const outs: NDArray[] = new Array(n);
  clonedMask = 0;
  for (let j = 0; j < n; j++) {
    const d = plan.outDTypes[j], shape = plan.outShapes[j], strides = plan.outStrides[j];
    const size = shapeSize(shape);
    let data: ArrayData | undefined;
    if (plan.cloned?.includes(j)) {
      const a = inputs[inplace![j]];
      if (a.offset === 0 && a.data.length === size * floatsPerItem(d)) {
        data = copyOf(a.data as FloatArray, d === "float64" || d === "complex128");
        if (data !== undefined) clonedMask |= 1 << inplace![j];
      }
    }
    outs[j] = resultArray(data ?? allocArrayData(d, size), d, shape.slice(), strides.slice());
  }
  return outs;
}

/** The loop: copy in, kernel, copy out, for every item of the stack. Returns failures. */
function execute(
  spec: GufuncSpec,
  plan: Plan,
  layouts: boolean[],
  arrays: readonly NDArray[],
  outs: NDArray[],
  errors: "raise" | "nan",
  cloned: number,
): number[] | undefined {
  const { cache, cores, fpis, coreStrides, loopStrides, loopShape, items } = plan;
  const { kernel, views } = cache;
  const nIn = arrays.length;
  const nOut = outs.length;
  const nOps = nIn + nOut;
  const L = loopShape.length;
  threadsFor(plan.small);
  let failures: number[] | undefined; // item, info pairs
  let skip = 0; // bit j: output j was written in place (one matrix: see Plan.direct)
  let lent = 0; // bit k: input k is read where it is (one matrix: see Plan.borrowed)
  let placed = 0; // bit k: input k is in its direct output already (see Plan.cloned)
  cache.busy = true;
  try {
    if (L === 0) {
      // One matrix: no odometer. Outputs LAPACK may write in place get their own storage as
      // the scratch view (and so does the input that shares it), and no copy out.
      // (The views are put back in `finally`; no array is made per call.)
      const vs = views;
      const direct = plan.direct;
      if (direct !== undefined) {
        for (let i = 0; i < direct.length; i++) {
          const j = direct[i];
          const o = outs[j];
          const k = nIn + j;
          if (o.offset !== 0 || o.data.length !== views[k].length) continue;
          const from = spec.inplace![j];
          vs[k] = vs[from] = o.data as FloatArray;
          skip |= 1 << j;
          placed |= cloned & (1 << from);
        }
      }
      const borrowed = plan.borrowed;
      if (borrowed !== undefined) {
        for (let i = 0; i < borrowed.length; i++) {
          const k = borrowed[i];
          const a = arrays[k];
          if (a.offset !== 0 || a.data.length !== views[k].length) continue;
          if (!(a.data.buffer instanceof ArrayBuffer)) continue; // shared: copied, as before
          vs[k] = a.data as FloatArray;
          lent |= 1 << k;
        }
      }
      for (let k = 0; k < nIn; k++) {
        if (((lent | placed) & (1 << k)) !== 0) continue;
        const a = arrays[k];
        copyIn(a.data, a.offset * fpis[k], coreStrides[k], cores[k], vs[k], layouts[k], fpis[k]);
      }
      const info = kernel(vs);
      if (info !== 0) {
        failures = [0, info];
        if (info < 0 || errors === "raise") return failures;
        for (let j = 0; j < nOut; j++) vs[nIn + j].fill(NaN);
      }
      for (let j = 0; j < nOut; j++) {
        if ((skip & (1 << j)) !== 0) continue;
        const k = nIn + j;
        const o = outs[j];
        copyOut(vs[k], o.data, o.offset * fpis[k], coreStrides[k], cores[k], layouts[k], fpis[k]);
      }
      return failures;
    }
    const offsets = new Float64Array(nOps);
    for (let k = 0; k < nOps; k++) {
      const a = k < nIn ? arrays[k] : outs[k - nIn];
      offsets[k] = a.offset * fpis[k];
    }
    const idx = new Int32Array(L);
    for (let item = 0; item < items; item++) {
      for (let k = 0; k < nIn; k++) {
        copyIn(arrays[k].data, offsets[k], coreStrides[k], cores[k], views[k], layouts[k], fpis[k]);
      }
      const info = kernel(views);
      if (info !== 0) {
        (failures ??= []).push(item, info);
        if (info < 0 || errors === "raise") break;
        for (let j = 0; j < nOut; j++) views[nIn + j].fill(NaN);
      }
      for (let j = 0; j < nOut; j++) {
        const k = nIn + j;
        copyOut(views[k], outs[j].data, offsets[k], coreStrides[k], cores[k], layouts[k], fpis[k]);
      }
      // Odometer over the loop dimensions.
      for (let d = L - 1; d >= 0; d--) {
        for (let k = 0; k < nOps; k++) offsets[k] += loopStrides[k * L + d];
        if (++idx[d] < loopShape[d]) break;
        for (let k = 0; k < nOps; k++) offsets[k] -= loopStrides[k * L + d] * loopShape[d];
        idx[d] = 0;
      }
    }
  } finally {
    cache.busy = false;
    if (skip !== 0 || lent !== 0) {
      for (let k = 0; k < nOps; k++) views[k] = cache.home[k];
    }
  }
  return failures;
}

/** Turns recorded failures into the error the caller sees. */
function raise(spec: GufuncSpec, plan: Plan, failures: number[], errors: "raise" | "nan"): void {
  for (let i = 0; i < failures.length; i += 2) {
    const info = failures[i + 1];
    if (info < 0) {
      throw new Error(
        `Internal error in ${spec.name} (${plan.computation}): LAPACK rejected argument ${-info} (info ${info}); ` +
          `this is a bug in dlapack, please report it with the input shapes`,
      );
    }
  }
  if (errors !== "raise") return;
  const item = failures[0];
  const info = failures[1];
  const msg = spec.failure?.(info, plan.dims) ??
    `The kernel of ${spec.name}() failed: info ${info}`;
  if (plan.loopShape.length === 0) throw new LinAlgError(msg);
  // "Singular matrix: U[2,2] is exactly zero" -> "Singular matrix: item 3 of the stack, U[2,2] ..."
  const cut = msg.indexOf(": ");
  const where = `${itemLabel(item, plan.loopShape)} of the stack`;
  throw new LinAlgError(
    cut < 0 ? `${msg}: ${where}` : `${msg.slice(0, cut)}: ${where}, ${msg.slice(cut + 2)}`,
  );
}

const SCRATCH_PAD = 64;

function makeCache(
  spec: GufuncSpec,
  factory: KernelFactory,
  dims: Dims,
  dtype: DType,
  cores: number[][],
  fpis: number[],
  dimList: number[],
  nIn: number,
): CallCache {
  const sizes = cores.map((c, k) => c.reduce((p, d) => p * d, 1) * fpis[k]);
  const shared = (k: number) => (k >= nIn ? spec.inplace?.[k - nIn] ?? -1 : -1);
  // One block for every operand: the floats, whatever their per-item count.
  let total = 0;
  for (let k = 0; k < sizes.length; k++) if (shared(k) < 0) total += sizes[k];
  // Padded for OpenBLAS before 0.3.24, whose Haswell complex gemv kernels read a little past
  // the end of their matrix (OpenBLAS issue 4013): the pad keeps such reads inside our block.
  const pad = quirks().gemvOverRead ? SCRATCH_PAD : 0;
  const scratch = allocData(realDType(dtype), total + pad);
  gufuncStats.scratchAllocations++;
  const views: FloatArray[] = [];
  let at = 0;
  for (let k = 0; k < sizes.length; k++) {
    const from = shared(k);
    if (from >= 0) {
      views.push(views[from]);
    } else {
      views.push(scratch.subarray(at, at + sizes[k]));
      at += sizes[k];
    }
  }
  gufuncStats.kernelCreations++;
  return {
    dtype,
    dims: dimList,
    kernel: factory({ dims, dtype }),
    scratch,
    views,
    home: views.slice(),
    busy: false,
  };
}

/** The cache of a call with nothing to compute: its kernel never runs. */
function emptyCache(dtype: DType, dimList: number[]): CallCache {
  return {
    dtype,
    dims: dimList,
    kernel: () => 0,
    scratch: allocData(realDType(dtype), 0),
    views: [],
    home: [],
    busy: false,
  };
}

/** A batched function made by `gufunc()`. */
export type GufuncFunction = (
  ...args: Array<ArrayLike | GufuncOptions | undefined>
) => NDArray | NDArray[];

/**
 * Builds a batched function from a signature and per-dtype kernels, like numpy's generalized
 * ufuncs: stacks broadcast, each kernel sees one item at a time in Fortran-order buffers
 * (inputs then outputs), and returns 0 on success or a positive failure code. The function
 * takes the input arrays, then optionally `GufuncOptions` (`out`, `errors`, `precision`,
 * `dtype`; any other key is a TypeError).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gufunc, type NDArray } from "jsr:@dlapack/dlapack";
 * // Sum of each row: (m,n)->(m). Buffers are column-major.
 * const rowSum = gufunc({
 *   name: "rowSum",
 *   signature: "(m,n)->(m)",
 *   kernels: {
 *     float64: ({ dims: { m, n } }) => ([a, out]) => {
 *       for (let i = 0; i < m; i++) {
 *         let s = 0;
 *         for (let j = 0; j < n; j++) s += a[i + j * m];
 *         out[i] = s;
 *       }
 *       return 0;
 *     },
 *   },
 * });
 * const r = rowSum([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]) as NDArray;
 * assert.deepEqual(r.toArray(), [[3, 7], [11, 15]]);
 * ```
 */
export function gufunc(spec: GufuncSpec): GufuncFunction {
  if (typeof spec !== "object" || spec === null) {
    throw new TypeError(`Invalid gufunc spec: expected an object, got ${describeValue(spec)}`);
  }
  // The name appears in every message: a string, so that formatting it runs no user code.
  if (typeof spec.name !== "string") {
    throw new TypeError(`Invalid gufunc name: expected a string, got ${describeValue(spec.name)}`);
  }
  if (typeof spec.kernels !== "object" || spec.kernels === null) {
    throw new TypeError(
      `Invalid kernels for gufunc ${spec.name}(): expected an object of kernel factories, got ${
        describeValue(spec.kernels)
      }`,
    );
  }
  const sig = parseSignature(spec.signature);
  const nIn = sig.inputs.length;
  return (...args) => {
    const options = args.length > nIn ? args[nIn] as GufuncOptions | undefined : undefined;
    checkOptions(options, spec.name, GUFUNC_OPTION_KEYS);
    const arrays = args.slice(0, nIn).map((a, k) => {
      if (a instanceof NDArray) checkNDArray(a, k, spec.name);
      return asarray(a as ArrayLike);
    });
    const outs = runGufunc(spec, arrays, options);
    return outs.length === 1 ? outs[0] : outs;
  };
}
