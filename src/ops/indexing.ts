// Structural primitives that build and take apart arrays: index (JAX's v[i]), stack,
// reshape, and index_scatter (the adjoint of index). Each states its forward, reverse and
// batching rule, so vector functions written with them work under every transformation.
import { FluxionTypeError, ShapeError } from '../core/errors.js';
import { isNDArray, shapeSize, type NDArray } from '../core/kinds.js';
import { structural, type Concrete, type Primitive, type StructuralPrimitive } from '../core/primitive.js';
import { bind } from '../core/bind.js';
import type { Operand, Params } from '../core/trace.js';
import { fillLikePrimitive, makeArray, shapeOf, zerosOf } from './reduce.js';
import type { Num } from './signatures.js';

// bind, typed for a structural primitive with its own parameter record
function apply<P extends Params>(p: StructuralPrimitive<P>, args: readonly Operand[], params: P): Operand {
  return bind(p as unknown as Primitive, args, params);
}

function dataOf(c: Concrete): Float64Array {
  if (typeof c === 'number') return Float64Array.of(c);
  return isNDArray(c) ? c.data : c;
}

function shapeOfConcrete(c: Concrete): readonly number[] {
  if (typeof c === 'number') return [];
  return isNDArray(c) ? c.shape : [c.length];
}

function without(shape: readonly number[], axis: number): number[] {
  return shape.filter((_, k) => k !== axis);
}

function inserted(shape: readonly number[], axis: number, n: number): number[] {
  const out = shape.slice();
  out.splice(axis, 0, n);
  return out;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** Parameters of {@link indexPrimitive} and {@link indexScatterPrimitive}. */
export interface IndexParams extends Readonly<Record<string, unknown>> {
  /** The (non-negative) position taken along `axis`. */
  readonly i: number;
  /** The axis indexed (0 for `v[i]`; batching shifts it). */
  readonly axis: number;
}

/** Parameters of {@link indexScatterPrimitive}: {@link IndexParams} plus the output shape. */
export interface IndexScatterParams extends IndexParams {
  /** Shape of the result (the shape of the indexed value). */
  readonly shape: readonly number[];
}

// out = v[..., i, ...] with `i` on `axis` (row-major: outer blocks × inner rows)
function take(v: Concrete, i: number, axis: number): Concrete {
  const shape = shapeOfConcrete(v);
  const n = shape[axis];
  if (n === undefined) {
    throw new ShapeError(`index: cannot index a value of shape [${shape.join(', ')}] along axis ${axis}. Index a vector or an N-D array.`);
  }
  if (!Number.isInteger(i) || i < 0 || i >= n) {
    throw new ShapeError(`index: position ${i} is out of range for an axis of length ${n}. Use an integer from ${-n} to ${n - 1}.`);
  }
  const data = dataOf(v);
  const outShape = without(shape, axis);
  const inner = shapeSize(shape.slice(axis + 1));
  const outer = shapeSize(shape.slice(0, axis));
  if (outShape.length === 0) return data[i]!;
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    const from = (o * n + i) * inner;
    out.set(data.subarray(from, from + inner), o * inner);
  }
  return makeArray(out, outShape);
}

// zeros of `shape` with `g` placed at position i of `axis` (the adjoint of take)
function scatter(g: Concrete, i: number, axis: number, shape: readonly number[]): Concrete {
  const n = shape[axis]!;
  const inner = shapeSize(shape.slice(axis + 1));
  const outer = shapeSize(shape.slice(0, axis));
  const out = new Float64Array(shapeSize(shape));
  const src = dataOf(g);
  if (src.length !== outer * inner) {
    throw new ShapeError(`index_scatter: got ${src.length} values for ${outer * inner} positions of shape [${shape.join(', ')}].`);
  }
  for (let o = 0; o < outer; o++) out.set(src.subarray(o * inner, (o + 1) * inner), (o * n + i) * inner);
  return makeArray(out, shape);
}

/** The primitive record of {@link index}. */
export const indexPrimitive: StructuralPrimitive<IndexParams> = structural<IndexParams>({
  name: 'index',
  impl: ([v], { i, axis }) => take(v!, i, axis),
  shape: ([s], { axis }) => without(s ?? [], axis),
  // d v[i] = dv[i]
  jvp: (_p, [t], params) => (t === null || t === undefined ? null : apply(indexPrimitive, [t], params)),
  // the cotangent of v is zero except at position i
  vjp: ([v], g, { i, axis }) => [apply(indexScatterPrimitive, [g], { i, axis, shape: shapeOf(v).slice() })],
  // the batch axis comes first, so the indexed axis moves one to the right
  batch: ([v], _axes, { i, axis }) => [apply(indexPrimitive, [v!], { i, axis: axis + 1 }), 0],
  symbolic: () => {
    throw new FluxionTypeError('index needs a vector or an N-D array; a symbolic expression is a scalar and cannot be indexed.');
  },
  print: { str: (a) => `index(${a})`, latex: (a) => `\\left(${a}\\right)_{i}`, js: (a) => `${a}` },
});

/** The primitive record of the adjoint of {@link index}: zeros with one slice set. */
export const indexScatterPrimitive: StructuralPrimitive<IndexScatterParams> = structural<IndexScatterParams>({
  name: 'index_scatter',
  impl: ([g], { i, axis, shape }) => scatter(g!, i, axis, shape),
  shape: (_s, { shape }) => shape,
  // linear in g
  jvp: (_p, [t], params) => (t === null || t === undefined ? null : apply(indexScatterPrimitive, [t], params)),
  vjp: (_p, g, { i, axis }) => [apply(indexPrimitive, [g], { i, axis })],
  batch: ([g], _axes, { i, axis, shape }) => [
    apply(indexScatterPrimitive, [g!], { i, axis: axis + 1, shape: [shapeOf(g)[0]!, ...shape] }),
    0,
  ],
  symbolic: () => {
    throw new FluxionTypeError('index_scatter has no symbolic form: it only appears inside reverse-mode derivatives of index.');
  },
  print: { str: (a) => `index_scatter(${a})`, latex: (a) => `e_{i} ${a}`, js: (a) => `${a}` },
});

/** Parameters of {@link stackPrimitive}: the new axis. */
export interface StackParams extends Readonly<Record<string, unknown>> {
  /** Position of the new axis in the result. */
  readonly axis: number;
}

function stackConcrete(args: readonly Concrete[], axis: number): Concrete {
  const k = args.length;
  if (k === 0) throw new ShapeError('stack needs at least one value; got an empty list.');
  const shape = shapeOfConcrete(args[0]!);
  for (let j = 1; j < k; j++) {
    const s = shapeOfConcrete(args[j]!);
    if (s.length !== shape.length || s.some((e, d) => e !== shape[d])) {
      throw new ShapeError(
        `stack: value 0 has shape [${shape.join(', ')}] but value ${j} has shape [${s.join(', ')}]. Stack values of one shape.`,
      );
    }
  }
  const inner = shapeSize(shape.slice(axis));
  const outer = shapeSize(shape.slice(0, axis));
  const out = new Float64Array(k * inner * outer);
  for (let j = 0; j < k; j++) {
    const a = args[j]!;
    if (typeof a === 'number') {
      out[j] = a;
      continue;
    }
    const src = dataOf(a);
    for (let o = 0; o < outer; o++) out.set(src.subarray(o * inner, (o + 1) * inner), (o * k + j) * inner);
  }
  return makeArray(out, inserted(shape, axis, k));
}

/** The primitive record of {@link stack}. */
export const stackPrimitive: StructuralPrimitive<StackParams> = structural<StackParams>({
  name: 'stack',
  impl: (args, { axis }) => stackConcrete(args, axis),
  shape: (shapes, { axis }) => inserted(shapes[0] ?? [], axis, shapes.length),
  // d stack(a, b, …) = stack(da, db, …), zeros standing in for constant entries
  jvp: (primals, tangents, params) => {
    if (tangents.every((t) => t === null)) return null;
    return apply(stackPrimitive, tangents.map((t, j) => t ?? zerosOf(shapeOf(primals[j]))), params);
  },
  // entry j's cotangent is slice j of the output's cotangent
  vjp: (primals, g, { axis }) => primals.map((_p, j) => apply(indexPrimitive, [g], { i: j, axis })),
  // unbatched entries are broadcast along the batch axis first
  batch: (args, axes, { axis }) => {
    const first = axes.indexOf(0);
    const b = shapeOf(args[first]!)[0]!;
    const vals = args.map((a, j) => {
      if (axes[j] === 0) return a;
      const s = shapeOf(a);
      return bind(fillLikePrimitive, [0, a], { dims: range(1, s.length + 1), shape: [b, ...s] });
    });
    return [apply(stackPrimitive, vals, { axis: axis + 1 }), 0];
  },
  symbolic: () => {
    throw new FluxionTypeError('stack builds an array; a symbolic expression is a scalar. Keep symbolic values in a JS array instead.');
  },
  print: { str: (...a) => `stack(${a.join(', ')})`, latex: (...a) => `\\left[${a.join(', ')}\\right]`, js: (...a) => `[${a.join(', ')}]` },
});

/** Parameters of {@link reshapePrimitive}: the new shape. */
export interface ReshapeParams extends Readonly<Record<string, unknown>> {
  /** The shape of the result (same number of elements). */
  readonly shape: readonly number[];
}

/** The primitive record of {@link reshape}. */
export const reshapePrimitive: StructuralPrimitive<ReshapeParams> = structural<ReshapeParams>({
  name: 'reshape',
  impl: ([x], { shape }) => {
    const data = dataOf(x!);
    if (data.length !== shapeSize(shape)) {
      throw new ShapeError(
        `reshape: a value of shape [${shapeOfConcrete(x!).join(', ')}] has ${data.length} elements; shape [${shape.join(', ')}] needs ${shapeSize(shape)}.`,
      );
    }
    return makeArray(data, shape);
  },
  shape: (_s, { shape }) => shape,
  jvp: (_p, [t], params) => (t === null || t === undefined ? null : apply(reshapePrimitive, [t], params)),
  vjp: ([x], g) => [apply(reshapePrimitive, [g], { shape: shapeOf(x).slice() })],
  batch: ([x], _axes, { shape }) => [apply(reshapePrimitive, [x!], { shape: [shapeOf(x)[0]!, ...shape] }), 0],
  symbolic: () => {
    throw new FluxionTypeError('reshape needs an array; a symbolic expression is a scalar.');
  },
  print: { str: (a) => `reshape(${a})`, latex: (a) => a, js: (a) => a },
});

/**
 * Element `i` of a vector, or row `i` of an N-D array (JAX's `v[i]`), differentiable and
 * batchable. Negative `i` counts from the end.
 *
 * @param v a vector or N-D array (or a tracer standing for one)
 * @param i the position, an integer in `[-n, n)`
 * @returns `v[i]`: a number for a vector, an array of one rank less otherwise
 * @example
 * ```ts
 * import { index } from 'fluxion';
 * index([10, 20, 30], 1); // 20
 * index([10, 20, 30], -1); // 30
 * ```
 */
export function index(v: Float64Array | readonly number[], i: number): number;
export function index(v: Num, i: number): Num;
export function index(v: Num, i: number): Num {
  if (!Number.isInteger(i)) throw new FluxionTypeError(`index: position must be an integer, got ${String(i)}.`);
  const n = shapeOf(v)[0];
  if (n === undefined) {
    throw new ShapeError('index: cannot index a scalar. Index a vector (Float64Array, number[]) or an N-D array.');
  }
  if (i < -n || i >= n) {
    throw new ShapeError(`index: position ${i} is out of range for length ${n}. Use an integer from ${-n} to ${n - 1}.`);
  }
  const j = i < 0 ? i + n : i;
  if (v instanceof Float64Array) return v[j]!;
  return apply(indexPrimitive, [v], { i: j, axis: 0 });
}

/**
 * Stacks values of one shape along a new first axis (`numpy.stack`): scalars become a
 * vector, vectors become the rows of a matrix. Differentiable and batchable, so a vector
 * function `R^n → R^m` returns `stack([f1, …, fm])`.
 *
 * @param values the entries, all of one shape
 * @returns a `Float64Array` for scalars, an N-D array `{ data, shape: [k, …] }` otherwise
 * @example
 * ```ts
 * import { stack } from 'fluxion';
 * stack([1, 2, 3]); // Float64Array [1, 2, 3]
 * stack([[1, 2], [3, 4]]).shape; // [2, 2]
 * ```
 */
export function stack(values: readonly number[]): Float64Array;
export function stack(values: readonly (Float64Array | readonly number[])[]): NDArray;
export function stack(values: readonly Num[]): Num;
export function stack(values: readonly Num[]): Num {
  if (!Array.isArray(values)) throw new FluxionTypeError('stack takes an array of values: stack([a, b, c]).');
  if (values.length === 0) throw new ShapeError('stack needs at least one value; got an empty list.');
  return apply(stackPrimitive, values as readonly Operand[], { axis: 0 }) as Num;
}

/**
 * The same values with a new shape (row-major, like `numpy.reshape`). Differentiable and
 * batchable.
 *
 * @param x a vector or N-D array
 * @param shape the new shape; its size must equal the number of elements
 * @returns the reshaped value (a number for shape `[]`, a `Float64Array` for one axis)
 * @example
 * ```ts
 * import { reshape } from 'fluxion';
 * reshape([1, 2, 3, 4], [4]); // Float64Array [1, 2, 3, 4]
 * ```
 */
export function reshape(x: Num, shape: readonly number[]): Num {
  return apply(reshapePrimitive, [x], { shape: shape.slice() });
}
