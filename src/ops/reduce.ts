import { FluxionTypeError, ShapeError } from '../core/errors.js';
import { isNDArray, shapeSize } from '../core/kinds.js';
import { structural, type Concrete, type StructuralPrimitive } from '../core/primitive.js';
import { bind } from '../core/bind.js';
import type { Operand } from '../core/trace.js';
import { mul } from './arithmetic.js';
import type { Num } from './signatures.js';

/**
 * Pairwise summation with numpy's blocking (8-way unrolled leaves of at most 128 values),
 * so sums round the way `numpy.sum` rounds.
 * Note: follows numpy `pairwise_sum` in `numpy/_core/src/umath/loops_utils.h.src`.
 */
export function pairwiseSum(a: Float64Array, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= 128) {
    let r0 = a[start]!, r1 = a[start + 1]!, r2 = a[start + 2]!, r3 = a[start + 3]!;
    let r4 = a[start + 4]!, r5 = a[start + 5]!, r6 = a[start + 6]!, r7 = a[start + 7]!;
    let i = 8;
    const m = n - (n % 8);
    for (; i < m; i += 8) {
      const k = start + i;
      r0 += a[k]!; r1 += a[k + 1]!; r2 += a[k + 2]!; r3 += a[k + 3]!;
      r4 += a[k + 4]!; r5 += a[k + 5]!; r6 += a[k + 6]!; r7 += a[k + 7]!;
    }
    let res = (r0 + r1 + (r2 + r3)) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

function flatData(c: Concrete): Float64Array | number {
  return isNDArray(c) ? c.data : c;
}

const EMPTY_SHAPE: readonly number[] = Object.freeze([]) as readonly number[];

/**
 * The shape of any operand: `[]` for numbers and symbolic expressions, `[n]` for vectors,
 * `shape` for N-D arrays, and a tracer's own `shape` (the shape of the value it stands for).
 */
export function shapeOf(v: unknown): readonly number[] {
  if (typeof v === 'number') return EMPTY_SHAPE;
  if (v instanceof Float64Array || Array.isArray(v)) return [v.length];
  if (isNDArray(v)) return v.shape;
  const s = (v as { shape?: unknown } | null)?.shape;
  return Array.isArray(s) ? (s as readonly number[]) : EMPTY_SHAPE;
}

/** Wraps row-major data of the given shape in the canonical kind: number, Float64Array or N-D array. */
export function makeArray(data: Float64Array, shape: readonly number[]): Concrete {
  if (shape.length === 0) return data[0]!;
  if (shape.length === 1) return data;
  return { data, shape: shape.slice() };
}

/** Zeros of the given shape, in the canonical kind (`0` for a scalar). */
export function zerosOf(shape: readonly number[]): Concrete {
  return shape.length === 0 ? 0 : makeArray(new Float64Array(shapeSize(shape)), shape);
}

function concreteData(c: Concrete): Float64Array {
  if (typeof c === 'number') return Float64Array.of(c);
  return isNDArray(c) ? c.data : c;
}

function concreteShape(c: Concrete): readonly number[] {
  if (typeof c === 'number') return EMPTY_SHAPE;
  return isNDArray(c) ? c.shape : [c.length];
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

function complement(axes: readonly number[], rank: number): number[] {
  return range(0, rank).filter((a) => !axes.includes(a));
}

function stridesOf(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= shape[i]!;
  }
  return st;
}

function checkAxes(axes: readonly number[], rank: number, op: string): void {
  for (const a of axes) {
    if (!Number.isInteger(a) || a < 0 || a >= rank) {
      throw new ShapeError(`${op}: axis ${a} is out of range for a value of rank ${rank}. Axes go from 0 to ${rank - 1}.`);
    }
  }
}

// Sum over `axes` of row-major data. Trailing axes (the common case: a total sum, or the
// per-example sums of a batch) use numpy's pairwise summation row by row.
function sumAxes(x: Concrete, axes: readonly number[] | undefined): Concrete {
  const shape = concreteShape(x);
  const rank = shape.length;
  const ax = axes ?? range(0, rank);
  checkAxes(ax, rank, 'sum');
  if (ax.length === 0) return x;
  const data = concreteData(x);
  const kept = complement(ax, rank);
  const outShape = kept.map((a) => shape[a]!);
  const sorted = [...ax].sort((a, b) => a - b);
  const trailing = sorted.every((a, k) => a === rank - sorted.length + k);
  if (trailing) {
    const rows = shapeSize(outShape);
    const width = rows === 0 ? 0 : data.length / rows;
    if (outShape.length === 0) return pairwiseSum(data, 0, data.length);
    const out = new Float64Array(rows);
    for (let r = 0; r < rows; r++) out[r] = pairwiseSum(data, r * width, width);
    return makeArray(out, outShape);
  }
  const out = new Float64Array(shapeSize(outShape));
  const outStrides = stridesOf(outShape);
  // map each input axis to its stride in the output (0 for summed axes)
  const mapStride = new Array<number>(rank).fill(0);
  kept.forEach((a, k) => (mapStride[a] = outStrides[k]!));
  walkStrided(shape, mapStride, (i, o) => {
    out[o] = out[o]! + data[i]!;
  });
  return makeArray(out, outShape);
}

// Visits every element of a row-major array of `shape` in order: `i` is its flat index and
// `o` an offset that moves by `mapStride[d]` along axis d (0 for axes that do not move it).
function walkStrided(shape: readonly number[], mapStride: readonly number[], visit: (i: number, o: number) => void): void {
  const rank = shape.length;
  const n = shapeSize(shape);
  const idx = new Array<number>(rank).fill(0);
  let o = 0;
  for (let i = 0; i < n; i++) {
    visit(i, o);
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]!++;
      o += mapStride[d]!;
      if (idx[d]! < shape[d]!) break;
      o -= mapStride[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
}

// Broadcasts `value` to `shape`, value's axis k going to output axis dims[k] (JAX's
// broadcast_in_dim).
function broadcastInDim(value: Concrete, shape: readonly number[], dims: readonly number[]): Concrete {
  const vshape = concreteShape(value);
  if (vshape.length !== dims.length || dims.some((d, k) => shape[d] !== vshape[k])) {
    throw new ShapeError(
      `fill_like: a value of shape [${vshape.join(', ')}] cannot be broadcast to [${shape.join(', ')}] along axes [${dims.join(', ')}].`,
    );
  }
  const n = shapeSize(shape);
  const out = new Float64Array(n);
  if (typeof value === 'number') return makeArray(out.fill(value), shape);
  const v = concreteData(value);
  const rank = shape.length;
  const lead = dims.every((d, k) => d === k);
  const trail = dims.every((d, k) => d === rank - dims.length + k);
  if (lead) {
    const block = n / Math.max(v.length, 1);
    for (let i = 0; i < v.length; i++) out.fill(v[i]!, i * block, (i + 1) * block);
  } else if (trail) {
    for (let off = 0; off < n; off += v.length) out.set(v, off);
  } else {
    const vStrides = stridesOf(vshape);
    const mapStride = new Array<number>(rank).fill(0);
    dims.forEach((d, k) => (mapStride[d] = vStrides[k]!));
    walkStrided(shape, mapStride, (i, o) => {
      out[i] = v[o]!;
    });
  }
  return makeArray(out, shape);
}

/** Parameters of {@link fillLike}: where the value's axes go, and an optional explicit output shape. */
export interface FillLikeParams extends Readonly<Record<string, unknown>> {
  /** Output axes that the value's axes map to, in order (default `[]`: a scalar value). */
  readonly dims?: readonly number[];
  /** Output shape; when given, `like` is ignored (used by batching rules). */
  readonly shape?: readonly number[];
}

/** Parameters of {@link sumPrimitive}: the axes to reduce (default: all). */
export interface SumParams extends Readonly<Record<string, unknown>> {
  /** The axes to sum over; the result keeps the others, in order. */
  readonly axes?: readonly number[];
}

/**
 * Broadcasts a value (a scalar, or one value per entry of some axes) to the shape of
 * `like`: the adjoint of `sum`, and the broadcast that batching rules use.
 */
export const fillLikePrimitive: StructuralPrimitive<FillLikeParams> = structural<FillLikeParams>({
  name: 'fill_like',
  impl: ([like, value], { dims, shape }) => broadcastInDim(value!, shape ?? concreteShape(like!), dims ?? []),
  shape: ([like], { shape }) => shape ?? like ?? [],
  // d fill(like, v) = fill(like, dv)
  jvp: (primals, [, tv], params) => (tv === null || tv === undefined ? null : fillLike(primals[0]!, tv, params)),
  // the adjoint of a broadcast sums over the broadcast axes
  vjp: ([like], g, { dims, shape }) => {
    const rank = (shape ?? shapeOf(like)).length;
    return [null, sumOver(g, complement(dims ?? [], rank))];
  },
  batch: ([like, value], [likeAxis, valueAxis], { dims, shape }) => {
    const batched = likeAxis === 0 ? like! : value!;
    const b = shapeOf(batched)[0]!;
    const outShape = likeAxis === 0 && shape === undefined ? shapeOf(like).slice() : [b, ...(shape ?? shapeOf(like))];
    const shifted = (dims ?? []).map((d) => d + 1);
    const newDims = valueAxis === 0 ? [0, ...shifted] : shifted;
    return [bind(fillLikePrimitive, [0, value!], { dims: newDims, shape: outShape }), 0];
  },
  symbolic: () => {
    throw new FluxionTypeError('fill_like has no symbolic form: it only appears inside reverse-mode derivatives of sum.');
  },
  print: { str: (a, b) => `fill_like(${a}, ${b})`, latex: (a, b) => `\\mathbf{1}_{${a}} ${b}`, js: (_a, b) => `${b}` },
});

/** The primitive record of {@link sum}. */
export const sumPrimitive: StructuralPrimitive<SumParams> = structural<SumParams>({
  name: 'sum',
  impl: ([x], { axes }) => {
    if (axes === undefined) {
      const d = flatData(x!);
      return typeof d === 'number' ? d : pairwiseSum(d);
    }
    return sumAxes(x!, axes);
  },
  shape: ([s], { axes }) => (axes === undefined ? [] : complement(axes, (s ?? []).length).map((a) => s![a]!)),
  // d sum(x) = sum(dx)
  jvp: (_p, [t], params) => (t === null || t === undefined ? null : bind(sumPrimitive, [t], params)),
  // the cotangent of every summed element is the output's cotangent. For a total sum that
  // is the scalar g itself, standing for g at every element: reverse mode broadcasts it
  // lazily (elementwise rules use it as it is), saving an array pass.
  vjp: ([x], g, { axes }) => {
    const rank = shapeOf(x).length;
    if (axes === undefined && shapeOf(g).length === 0) return [g];
    return [fillLike(x!, g, { dims: axes === undefined ? [] : complement(axes, rank) })];
  },
  // per example, sum over the example's own axes (all axes after the batch axis)
  batch: ([x], _axes, { axes }) => {
    const rank = shapeOf(x).length;
    const newAxes = axes === undefined ? range(1, rank) : axes.map((a) => a + 1);
    return [bind(sumPrimitive, [x!], { axes: newAxes }), 0];
  },
  symbolic: () => {
    throw new FluxionTypeError('sum needs a vector; a symbolic expression is a scalar. Add the terms with add instead.');
  },
  print: { str: (a) => `sum(${a})`, latex: (a) => `\\sum ${a}`, js: (a) => `sum(${a})` },
});

/** Sums `x` over the given axes (internal; `sum` sums everything). */
export function sumOver(x: Operand, axes: readonly number[]): Operand {
  if (axes.length === 0) return x;
  return bind(sumPrimitive, [x], { axes });
}

/**
 * Sum of all elements, `Σᵢ xᵢ` (numpy's pairwise summation, so results match `numpy.sum`).
 * A number is its own sum.
 *
 * @param x a vector, N-D array or number
 * @returns the total, a scalar
 * @example
 * ```ts
 * import { sum } from 'fluxion';
 * sum([1, 2, 3.5]); // 6.5
 * ```
 */
export function sum(x: number | Float64Array | readonly number[]): number;
export function sum(x: Num): Num;
export function sum(x: Num): Num {
  if (x instanceof Float64Array) return pairwiseSum(x);
  return bind(sumPrimitive, [x]);
}

/**
 * `like`-shaped array filled with `value` (internal adjoint of {@link sum}).
 *
 * @param like the value whose shape the result takes
 * @param value the fill value
 * @param params optional: `dims` maps the value's axes to output axes (broadcast one value per row)
 * @returns the filled array
 * @example
 * ```ts
 * import { fillLike } from 'fluxion';
 * fillLike([0, 0, 0], 2); // Float64Array [2, 2, 2]
 * ```
 */
export function fillLike(like: Operand, value: Operand, params?: FillLikeParams): Operand {
  return bind(fillLikePrimitive, [like, value], params);
}

/**
 * Dot product `Σᵢ aᵢ bᵢ` of two vectors of equal length.
 *
 * @param a first vector
 * @param b second vector
 * @returns the scalar product
 * @example
 * ```ts
 * import { dot } from 'fluxion';
 * dot([1, 2, 3], [4, 5, 6]); // 32
 * ```
 */
export function dot(a: number | Float64Array | readonly number[], b: number | Float64Array | readonly number[]): number;
export function dot(a: Num, b: Num): Num;
export function dot(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new ShapeError('dot needs two vectors; got two numbers. Use mul for scalars.');
  }
  return sum(mul(a, b));
}
