import { FluxionError, FluxionTypeError, ShapeError, describeValue } from '../core/errors.js';
import { checkNDArray, isNDArray, shapeSize, toFloat64Array, type NDArray, type VectorInput } from '../core/kinds.js';

/**
 * Nested arrays of numbers (`[[1, 2], [3, 4]]`), accepted by {@link gradient} like numpy
 * accepts nested lists: rectangular, row-major.
 */
export type NestedNumbers = readonly (number | NestedNumbers)[];

/**
 * Typed arrays other than `Float64Array` that {@link gradient} reads as float64, as numpy
 * converts integer arrays (`Int32Array` samples, `Uint8Array` coordinates, …).
 */
export type NumericTypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array;

/**
 * One spacing argument of {@link gradient}: a scalar step, or the sample coordinates along
 * one axis (a 1-D `Float64Array`, `number[]` or `{ data, shape: [n] }`). A 0-D
 * `{ data, shape: [] }` counts as a scalar, as a 0-d array does in numpy.
 */
export type GradientSpacing = number | VectorInput | NumericTypedArray | NDArray;

/** Options of {@link gradient}. */
export interface GradientOptions {
  /**
   * Accuracy of the one-sided differences at the two ends of each axis: `1` (default,
   * numpy's default) or `2`. numpy silently treats `0` and negative values as `2`;
   * fluxion rejects everything but `1` and `2`.
   */
  edgeOrder?: 1 | 2;
  /**
   * The axis or axes to differentiate along; negative values count from the end. Absent
   * or `null` (numpy's `None`): every axis.
   */
  axis?: number | readonly number[] | null;
}

/** The arguments after `f`: spacing values, optionally followed by an options object. */
export type GradientArgs = GradientSpacing[] | [...GradientSpacing[], GradientOptions];

/**
 * One resolved spacing: a uniform step, or the (unevenly spaced) coordinates. `pyScalar`
 * marks a step given as a plain number, which numpy holds as a Python float (division by
 * a zero Python float raises; by a numpy float it gives ±Infinity).
 */
type AxisSpacing =
  | { uniform: true; dx: number; pyScalar: boolean }
  | { uniform: false; x: Float64Array };

interface Input {
  data: Float64Array;
  shape: number[];
  /** true when `f` was a Float64Array / flat number[] (the result is a Float64Array). */
  flat: boolean;
}

const TOO_SMALL =
  'Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) elements are required.';

function isOptions(v: unknown): v is GradientOptions {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && !isNDArray(v)
  );
}

/** Flattens nested number arrays iteratively, checking they are rectangular. */
function fromNested(v: NestedNumbers, what: string): { data: Float64Array; shape: number[] } {
  const shape: number[] = [];
  let probe: unknown = v;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe.length > 0 ? probe[0] : undefined;
  }
  const data = new Float64Array(shapeSize(shape));
  let k = 0;
  // Explicit stack of [array, depth]; children pushed in reverse to keep row-major order.
  const stack: [readonly unknown[], number][] = [[v, 0]];
  while (stack.length > 0) {
    const [arr, depth] = stack.pop()!;
    if (arr.length !== shape[depth]) {
      throw new ShapeError(
        `gradient: ${what} is a ragged nested array (an axis-${depth} row has ${arr.length} entries, expected ${shape[depth]}). Pass a rectangular array or { data, shape }.`,
      );
    }
    if (depth === shape.length - 1) {
      for (let i = 0; i < arr.length; i++) {
        const x = arr[i];
        if (typeof x !== 'number') {
          throw new FluxionTypeError(
            `gradient: ${what} must contain only numbers, found ${describeValue(x)} at depth ${depth + 1}. Convert the values to numbers first.`,
          );
        }
        data[k++] = x;
      }
    } else {
      for (let i = arr.length - 1; i >= 0; i--) {
        const child = arr[i];
        if (!Array.isArray(child)) {
          throw new ShapeError(
            `gradient: ${what} is a ragged nested array (found ${describeValue(child)} where a row of ${shape[depth + 1]} was expected). Pass a rectangular array or { data, shape }.`,
          );
        }
        stack.push([child, depth + 1]);
      }
    }
  }
  return { data, shape };
}

/** Another numeric typed array (Int32Array, Float32Array, …), read as float64 like numpy. */
function otherTypedArray(v: unknown): v is ArrayLike<number> {
  return (
    ArrayBuffer.isView(v) &&
    !(v instanceof DataView) &&
    !(v instanceof Float64Array) &&
    typeof (v as unknown as ArrayLike<unknown>)[0] !== 'bigint'
  );
}

function toInput(f: unknown): Input {
  if (f instanceof Float64Array) return { data: f, shape: [f.length], flat: true };
  if (otherTypedArray(f)) {
    const data = Float64Array.from(f);
    return { data, shape: [data.length], flat: true };
  }
  if (isNDArray(f)) {
    checkNDArray(f, 'gradient');
    return { data: f.data, shape: [...f.shape], flat: false };
  }
  if (Array.isArray(f)) {
    if (f.length > 0 && Array.isArray(f[0])) {
      const { data, shape } = fromNested(f as NestedNumbers, 'f');
      return { data, shape, flat: false };
    }
    const data = toFloat64Array(f as readonly number[], 'gradient: f');
    return { data, shape: [data.length], flat: true };
  }
  throw new FluxionTypeError(
    `gradient: f must be a Float64Array, an array of numbers or an N-D array { data, shape }, got ${describeValue(f)}. Sample the function first, e.g. gradient(map(f, x), x).`,
  );
}

function normalizeAxes(axis: GradientOptions['axis'], ndim: number): number[] {
  if (axis === undefined || axis === null) {
    const all: number[] = [];
    for (let i = 0; i < ndim; i++) all.push(i);
    return all;
  }
  const list: readonly unknown[] = typeof axis === 'number' ? [axis] : Array.isArray(axis) ? axis : [axis];
  const out: number[] = [];
  for (const a of list) {
    if (typeof a !== 'number' || !Number.isInteger(a)) {
      throw new FluxionTypeError(
        `gradient: axis must be an integer or a list of integers, got ${describeValue(a)}.`,
      );
    }
    if (a < -ndim || a >= ndim) {
      // numpy: AxisError "axis 3 is out of bounds for array of dimension 2"
      throw new ShapeError(
        `gradient: axis ${a} is out of bounds for array of dimension ${ndim}. Use an axis in [${-ndim}, ${ndim - 1}].`,
      );
    }
    const n = a < 0 ? a + ndim : a;
    if (out.includes(n)) {
      throw new ShapeError(
        `gradient: repeated axis ${n} in axis [${list.join(', ')}]. List each axis once.`,
      );
    }
    out.push(n);
  }
  return out;
}

/** A spacing argument as a scalar, or `undefined` when it is an array. */
function scalarOf(s: GradientSpacing): number | undefined {
  if (typeof s === 'number') return s;
  if (isNDArray(s) && s.shape.length === 0) {
    checkNDArray(s, 'gradient: spacing');
    return s.data[0]!;
  }
  return undefined;
}

/** Coordinates of one axis → its spacing (numpy reduces constant steps to the scalar case). */
function resolveCoordinates(s: GradientSpacing, len: number, axis: number, index: number): AxisSpacing {
  let x: Float64Array;
  if (s instanceof Float64Array) x = s;
  else if (otherTypedArray(s)) x = Float64Array.from(s);
  else if (isNDArray(s)) {
    checkNDArray(s, 'gradient: spacing');
    if (s.shape.length !== 1) {
      throw new ShapeError(
        `gradient: distances must be either scalars or 1d; spacing argument ${index} has shape [${s.shape.join(', ')}]. Pass a scalar step or one coordinate array per axis.`,
      );
    }
    x = s.data;
  } else if (Array.isArray(s)) {
    if (s.length > 0 && Array.isArray(s[0])) {
      throw new ShapeError(
        `gradient: distances must be either scalars or 1d; spacing argument ${index} is a nested array. Pass a scalar step or one coordinate array per axis.`,
      );
    }
    x = toFloat64Array(s, `gradient: spacing argument ${index}`);
  } else {
    throw new FluxionTypeError(
      `gradient: spacing argument ${index} must be a number or a coordinate array, got ${describeValue(s)}.`,
    );
  }
  if (x.length !== len) {
    throw new ShapeError(
      `gradient: when 1d, distances must match the length of the corresponding dimension; spacing argument ${index} has ${x.length} coordinates but axis ${axis} has ${len} elements.`,
    );
  }
  if (len < 2) {
    // numpy fails here with IndexError on diffx[0]; fluxion reports the real problem.
    throw new ShapeError(
      `gradient: ${TOO_SMALL} Axis ${axis} has ${len} element${len === 1 ? '' : 's'}.`,
    );
  }
  // numpy: diffx = np.diff(x); if (diffx == diffx[0]).all(): diffx = diffx[0]
  const d0 = x[1]! - x[0]!;
  // diffx[0] == diffx[0] is part of numpy's test: a NaN first step is never uniform.
  let uniform = d0 === d0;
  for (let i = 1; i < len - 1; i++) {
    if (!(x[i + 1]! - x[i]! === d0)) {
      uniform = false;
      break;
    }
  }
  if (uniform) return { uniform: true, dx: d0, pyScalar: false };
  // The steps x[i+1] - x[i] are recomputed where needed: the same float64 subtraction as
  // np.diff, so the same bits, without an extra array and an extra pass.
  return { uniform: false, x };
}

/** Differentiates along one axis; `outer × n × inner` is the shape seen from that axis. */
function gradientAxis(
  f: Float64Array,
  outer: number,
  n: number,
  inner: number,
  sp: AxisSpacing,
  edgeOrder: 1 | 2,
): Float64Array {
  const out = new Float64Array(f.length);
  const stride = n * inner;
  const last = (n - 1) * inner;
  if (sp.uniform) {
    const dx = sp.dx;
    // numpy: out[1:-1] = (f[2:] - f[:-2]) / (2. * ax_dx)
    const twoDx = 2 * dx;
    if (inner === 1) {
      for (let o = 0, base = 0; o < outer; o++, base += stride) {
        for (let k = base + 1, end = base + n - 1; k < end; k++) out[k] = (f[k + 1]! - f[k - 1]!) / twoDx;
      }
    } else {
      for (let o = 0, base = 0; o < outer; o++, base += stride) {
        for (let k = base + inner, end = base + last; k < end; k++) out[k] = (f[k + inner]! - f[k - inner]!) / twoDx;
      }
    }
    if (edgeOrder === 1) {
      // numpy: out[0] = (f[1] - f[0]) / dx; out[-1] = (f[-1] - f[-2]) / dx
      for (let o = 0, base = 0; o < outer; o++, base += stride) {
        for (let j = 0; j < inner; j++) {
          const k0 = base + j;
          const kn = k0 + last;
          out[k0] = (f[k0 + inner]! - f[k0]!) / dx;
          out[kn] = (f[kn]! - f[kn - inner]!) / dx;
        }
      }
    } else {
      if (dx === 0 && sp.pyScalar) {
        // numpy divides a Python float here (-1.5 / ax_dx), which raises ZeroDivisionError; a
        // zero step from coordinates or a 0-d array is a numpy float and gives ±Infinity.
        throw new FluxionError(
          'gradient: float division by zero: a spacing of 0 cannot be used with edgeOrder 2 (numpy raises ZeroDivisionError). Pass a non-zero step.',
        );
      }
      // numpy: a, b, c = -1.5/dx, 2./dx, -0.5/dx; out[0] = a*f[0] + b*f[1] + c*f[2]
      const a0 = -1.5 / dx;
      const b0 = 2 / dx;
      const c0 = -0.5 / dx;
      // numpy: a, b, c = 0.5/dx, -2./dx, 1.5/dx; out[-1] = a*f[-3] + b*f[-2] + c*f[-1]
      const an = 0.5 / dx;
      const bn = -2 / dx;
      const cn = 1.5 / dx;
      const i2 = 2 * inner;
      for (let o = 0, base = 0; o < outer; o++, base += stride) {
        for (let j = 0; j < inner; j++) {
          const k0 = base + j;
          const kn = k0 + last;
          out[k0] = a0 * f[k0]! + b0 * f[k0 + inner]! + c0 * f[k0 + i2]!;
          out[kn] = an * f[kn - i2]! + bn * f[kn - inner]! + cn * f[kn]!;
        }
      }
    }
    return out;
  }

  const x = sp.x;
  // numpy: ax_dx = np.diff(x); dx1 = ax_dx[0:-1]; dx2 = ax_dx[1:]
  //   a = -(dx2) / (dx1 * (dx1 + dx2)); b = (dx2 - dx1) / (dx1 * dx2); c = dx1 / (dx2 * (dx1 + dx2))
  //   out[1:-1] = a * f[:-2] + b * f[1:-1] + c * f[2:]
  if (inner === 1) {
    for (let o = 0, base = 0; o < outer; o++, base += stride) {
      for (let i = 1; i < n - 1; i++) {
        const dx1 = x[i]! - x[i - 1]!;
        const dx2 = x[i + 1]! - x[i]!;
        const a = -dx2 / (dx1 * (dx1 + dx2));
        const b = (dx2 - dx1) / (dx1 * dx2);
        const c = dx1 / (dx2 * (dx1 + dx2));
        const k = base + i;
        out[k] = a * f[k - 1]! + b * f[k]! + c * f[k + 1]!;
      }
    }
  } else {
    for (let o = 0, base = 0; o < outer; o++, base += stride) {
      for (let i = 1; i < n - 1; i++) {
        const dx1 = x[i]! - x[i - 1]!;
        const dx2 = x[i + 1]! - x[i]!;
        const a = -dx2 / (dx1 * (dx1 + dx2));
        const b = (dx2 - dx1) / (dx1 * dx2);
        const c = dx1 / (dx2 * (dx1 + dx2));
        for (let k = base + i * inner, end = k + inner; k < end; k++) {
          out[k] = a * f[k - inner]! + b * f[k]! + c * f[k + inner]!;
        }
      }
    }
  }
  if (edgeOrder === 1) {
    // numpy: out[0] = (f[1] - f[0]) / ax_dx[0]; out[-1] = (f[-1] - f[-2]) / ax_dx[-1]
    const dx0 = x[1]! - x[0]!;
    const dxn = x[n - 1]! - x[n - 2]!;
    for (let o = 0, base = 0; o < outer; o++, base += stride) {
      for (let j = 0; j < inner; j++) {
        const k0 = base + j;
        const kn = k0 + last;
        out[k0] = (f[k0 + inner]! - f[k0]!) / dx0;
        out[kn] = (f[kn]! - f[kn - inner]!) / dxn;
      }
    }
  } else {
    // numpy, left edge: dx1 = ax_dx[0]; dx2 = ax_dx[1]
    //   a = -(2. * dx1 + dx2) / (dx1 * (dx1 + dx2)); b = (dx1 + dx2) / (dx1 * dx2); c = - dx1 / (dx2 * (dx1 + dx2))
    let dx1 = x[1]! - x[0]!;
    let dx2 = x[2]! - x[1]!;
    const a0 = -(2 * dx1 + dx2) / (dx1 * (dx1 + dx2));
    const b0 = (dx1 + dx2) / (dx1 * dx2);
    const c0 = -dx1 / (dx2 * (dx1 + dx2));
    // numpy, right edge: dx1 = ax_dx[-2]; dx2 = ax_dx[-1]
    //   a = (dx2) / (dx1 * (dx1 + dx2)); b = - (dx2 + dx1) / (dx1 * dx2); c = (2. * dx2 + dx1) / (dx2 * (dx1 + dx2))
    dx1 = x[n - 2]! - x[n - 3]!;
    dx2 = x[n - 1]! - x[n - 2]!;
    const an = dx2 / (dx1 * (dx1 + dx2));
    const bn = -(dx2 + dx1) / (dx1 * dx2);
    const cn = (2 * dx2 + dx1) / (dx2 * (dx1 + dx2));
    const i2 = 2 * inner;
    for (let o = 0, base = 0; o < outer; o++, base += stride) {
      for (let j = 0; j < inner; j++) {
        const k0 = base + j;
        const kn = k0 + last;
        out[k0] = a0 * f[k0]! + b0 * f[k0 + inner]! + c0 * f[k0 + i2]!;
        out[kn] = an * f[kn - i2]! + bn * f[kn - inner]! + cn * f[kn]!;
      }
    }
  }
  return out;
}

/**
 * The gradient of sampled values, number for number what `numpy.gradient` returns:
 * second-order central differences `(f[i+1] - f[i-1]) / (2h)` inside (the non-uniform
 * three-point formula when the coordinates are unevenly spaced) and one-sided differences
 * of order `edgeOrder` at both ends of each axis.
 *
 * Spacing, as in numpy: nothing (step 1 on every axis); one scalar for every axis; or one
 * scalar or coordinate array per differentiated axis. Coordinates may be increasing,
 * decreasing or uneven; coordinates with exactly constant steps take the uniform branch, as
 * numpy's `(np.diff(x) == np.diff(x)[0]).all()` test decides. Results are bit-identical to
 * numpy 2.x (same formulas, same operation order); NaN and Infinity propagate as in numpy.
 *
 * Returns one result when one axis is differentiated (a `Float64Array` for `Float64Array`,
 * typed-array or `number[]` input, `{ data, shape }` for N-D input, including 1-D
 * `{ data, shape: [n] }`) and an array of results, one per axis in the order of `axis`, when
 * several are. Inputs are never modified.
 *
 * Note: follows `numpy.gradient` (`numpy/lib/_function_base_impl.py`) branch for branch.
 * Deviations, all on invalid input: `edgeOrder` other than 1 or 2 throws (numpy treats 0 and
 * negative values as 2); `axis: []` and 0-D `f` throw (numpy returns an empty tuple); a
 * coordinate array of length below 2 reports the too-small shape (numpy raises IndexError).
 * Like numpy, a spacing of `0` given as a number with `edgeOrder: 2` throws ("float division
 * by zero", numpy's ZeroDivisionError), while zero steps from coordinates give ±Infinity.
 *
 * @param f sampled values: `Float64Array` (or another numeric typed array, read as float64),
 *   `number[]`, nested `number[][]` or `{ data, shape }`
 * @param args spacing arguments, optionally followed by `{ edgeOrder, axis }`
 * @returns the derivative along each requested axis
 * @throws ShapeError when an axis has fewer than `edgeOrder + 1` samples, coordinates and axis
 *   lengths differ, or an axis is out of range or repeated
 * @throws FluxionTypeError when the number of spacing arguments is wrong or an option is unknown
 * @throws FluxionError when `edgeOrder` is not 1 or 2, or a number step of 0 meets `edgeOrder: 2`
 * @example
 * ```ts
 * import { gradient } from 'fluxion';
 * gradient([1, 2, 4, 7, 11, 16]); // Float64Array [1, 1.5, 2.5, 3.5, 4.5, 5]
 * gradient([1, 2, 4, 7, 11, 16], 2); // Float64Array [0.5, 0.75, 1.25, 1.75, 2.25, 2.5]
 * gradient([1, 2, 4, 7, 11, 16], { edgeOrder: 2 }); // Float64Array [0.5, 1.5, 2.5, 3.5, 4.5, 5.5]
 * gradient([1, 2, 4, 7, 11], [0, 1, 1.5, 3.5, 4]); // Float64Array [1, 2.9999999999999996, 3.5, 6.700000000000001, 8]
 * gradient({ data: Float64Array.of(1, 2, 6, 3, 4, 5), shape: [2, 3] }, { axis: 1 }).data; // Float64Array [1, 2.5, 4, 1, 1, 1]
 * ```
 */
export function gradient(f: VectorInput | NumericTypedArray, ...args: GradientArgs): Float64Array;
export function gradient(
  f: NDArray | NestedNumbers,
  ...args: [...GradientSpacing[], GradientOptions & { axis: number }]
): NDArray;
export function gradient(f: NDArray | NestedNumbers, ...args: GradientArgs): NDArray | NDArray[];
export function gradient(
  f: VectorInput | NumericTypedArray | NDArray | NestedNumbers,
  ...args: GradientArgs
): Float64Array | NDArray | NDArray[] {
  const input = toInput(f);
  const { data, shape } = input;
  const N = shape.length;

  let opts: GradientOptions = {};
  let spacing = args as readonly GradientSpacing[];
  if (args.length > 0 && isOptions(args[args.length - 1])) {
    opts = args[args.length - 1] as GradientOptions;
    spacing = args.slice(0, -1) as GradientSpacing[];
    for (const key of Object.keys(opts)) {
      if (key !== 'edgeOrder' && key !== 'axis') {
        const hint = key === 'edge_order' ? " Did you mean 'edgeOrder'?" : '';
        throw new FluxionTypeError(`gradient: unknown option '${key}'.${hint} Options are edgeOrder and axis.`);
      }
    }
  }

  const axes = normalizeAxes(opts.axis, N);
  if (axes.length === 0) {
    throw new ShapeError(
      `gradient: there is no axis to differentiate along (f has shape [${shape.join(', ')}], axis ${JSON.stringify(opts.axis ?? null)}). numpy returns an empty tuple here; pass at least one axis of an array with at least one dimension.`,
    );
  }

  // numpy: n == 0 → 1.0 on every axis; n == 1 and scalar → that scalar on every axis;
  // n == len(axes) → one scalar or 1-D coordinate array per axis; otherwise TypeError.
  const n = spacing.length;
  const resolved: AxisSpacing[] = [];
  const first = n === 1 ? scalarOf(spacing[0]!) : undefined;
  if (n === 0) {
    for (let i = 0; i < axes.length; i++) resolved.push({ uniform: true, dx: 1, pyScalar: true });
  } else if (first !== undefined) {
    const pyScalar = typeof spacing[0] === 'number';
    for (let i = 0; i < axes.length; i++) resolved.push({ uniform: true, dx: first, pyScalar });
  } else if (n === axes.length) {
    for (let i = 0; i < n; i++) {
      const s = spacing[i]!;
      const scalar = scalarOf(s);
      if (scalar !== undefined) resolved.push({ uniform: true, dx: scalar, pyScalar: typeof s === 'number' });
      else resolved.push(resolveCoordinates(s, shape[axes[i]!]!, axes[i]!, i));
    }
  } else {
    throw new FluxionTypeError(
      `gradient: invalid number of arguments: got ${n} spacing argument${n === 1 ? '' : 's'} for ${axes.length} ax${axes.length === 1 ? 'is' : 'es'}. Pass none (unit spacing), one scalar for every axis, or one scalar or coordinate array per axis.`,
    );
  }

  const edgeOrder = opts.edgeOrder ?? 1;
  if (edgeOrder !== 1 && edgeOrder !== 2) {
    throw new FluxionError(
      `gradient: edgeOrder must be 1 or 2, got ${describeValue(edgeOrder)}. (numpy raises "'edge_order' greater than 2 not supported" above 2 and silently uses 2 for 0 and negative values; fluxion rejects both.)`,
    );
  }

  const results: Float64Array[] = [];
  for (let i = 0; i < axes.length; i++) {
    const axis = axes[i]!;
    const len = shape[axis]!;
    if (len < edgeOrder + 1) {
      throw new ShapeError(
        `gradient: ${TOO_SMALL} Axis ${axis} has ${len} element${len === 1 ? '' : 's'} and edgeOrder ${edgeOrder} needs ${edgeOrder + 1}.`,
      );
    }
    let outer = 1;
    for (let k = 0; k < axis; k++) outer *= shape[k]!;
    let inner = 1;
    for (let k = axis + 1; k < N; k++) inner *= shape[k]!;
    results.push(gradientAxis(data, outer, len, inner, resolved[i]!, edgeOrder));
  }

  if (input.flat) return results[0]!;
  const wrapped = results.map((r): NDArray => ({ data: r, shape: [...shape] }));
  return wrapped.length === 1 ? wrapped[0]! : wrapped;
}
