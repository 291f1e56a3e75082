import { FluxionTypeError, ShapeError, describeValue } from './errors.js';

/**
 * An N-dimensional array of float64 values in row-major order.
 *
 * @example
 * ```ts
 * import type { NDArray } from 'fluxion';
 * const m: NDArray = { data: Float64Array.of(1, 2, 3, 4), shape: [2, 2] };
 * ```
 */
export interface NDArray {
  /** The values, row-major. Its length is the product of `shape`. */
  readonly data: Float64Array;
  /** The extent of each axis. */
  readonly shape: readonly number[];
}

/** Array input accepted wherever a vector is expected; results are always `Float64Array`. */
export type VectorInput = Float64Array | readonly number[];

/**
 * Tests whether `v` is an N-D array `{ data: Float64Array, shape: number[] }`.
 *
 * @example
 * ```ts
 * import { isNDArray } from 'fluxion';
 * isNDArray({ data: new Float64Array(6), shape: [2, 3] }); // true
 * ```
 */
export function isNDArray(v: unknown): v is NDArray {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as { data?: unknown; shape?: unknown };
  return o.data instanceof Float64Array && Array.isArray(o.shape);
}

/** Number of elements of a shape (1 for the empty shape of a scalar). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Checks that an N-D array's data length matches its shape. */
export function checkNDArray(a: NDArray, where: string): void {
  for (const s of a.shape) {
    if (!Number.isInteger(s) || s < 0) {
      throw new ShapeError(`${where}: shape [${a.shape.join(', ')}] has an invalid extent ${s}. Extents must be non-negative integers.`);
    }
  }
  const n = shapeSize(a.shape);
  if (n !== a.data.length) {
    throw new ShapeError(
      `${where}: shape [${a.shape.join(', ')}] needs ${n} values but data has ${a.data.length}. Make data.length equal the product of shape.`,
    );
  }
}

/**
 * Converts a `number[]` (or `Float64Array`, returned as is) to a `Float64Array`,
 * rejecting non-numeric entries with an error that names their position.
 *
 * @example
 * ```ts
 * import { toFloat64Array } from 'fluxion';
 * toFloat64Array([1, 2, 3]); // Float64Array [1, 2, 3]
 * ```
 */
export function toFloat64Array(v: VectorInput, what = 'argument'): Float64Array {
  if (v instanceof Float64Array) return v;
  if (!Array.isArray(v)) {
    throw new FluxionTypeError(`${what} must be a Float64Array or an array of numbers, got ${describeValue(v)}.`);
  }
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x !== 'number') {
      throw new FluxionTypeError(
        `${what}[${i}] must be a number, got ${describeValue(x)}. Convert the array to numbers (or a Float64Array) first.`,
      );
    }
    out[i] = x;
  }
  return out;
}

/** Tests for a plain array of numbers or any typed array other than Float64Array (inputs we convert). */
export function isNumericArrayInput(v: unknown): v is readonly number[] {
  return Array.isArray(v);
}
