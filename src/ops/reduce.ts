import { FluxionTypeError, ShapeError } from '../core/errors.js';
import { isNDArray } from '../core/kinds.js';
import { structural, type Concrete } from '../core/primitive.js';
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

/** Broadcasts a scalar (or per-batch scalars) to the shape of `like`: the adjoint of `sum`. */
export const fillLikePrimitive = structural({
  name: 'fill_like',
  impl: ([like, value]) => {
    const v = value as number;
    if (typeof like === 'number') return v;
    if (isNDArray(like)) return { data: new Float64Array(like.data.length).fill(v), shape: like.shape.slice() };
    return new Float64Array((like as Float64Array).length).fill(v);
  },
  shape: ([like]) => like ?? [],
  jvp: (primals, [, tv]) => (tv === null || tv === undefined ? null : fillLike(primals[0]!, tv)),
  vjp: (_primals, g) => [null, sum(g)],
  batch: () => {
    throw new FluxionTypeError('fill_like: batching is provided by the vmap transformation.');
  },
  symbolic: () => {
    throw new FluxionTypeError('fill_like has no symbolic form: it only appears inside reverse-mode derivatives of sum.');
  },
  print: { str: (a, b) => `fill_like(${a}, ${b})`, latex: (a, b) => `\\mathbf{1}_{${a}} ${b}`, js: (_a, b) => `${b}` },
});

/** The primitive record of {@link sum}. */
export const sumPrimitive = structural({
  name: 'sum',
  impl: ([x]) => {
    const d = flatData(x!);
    return typeof d === 'number' ? d : pairwiseSum(d);
  },
  shape: () => [],
  // d sum(x) = sum(dx)
  jvp: (_p, [t]) => (t === null || t === undefined ? null : sum(t)),
  // the cotangent of every element is the output's cotangent
  vjp: ([x], g) => [fillLike(x!, g)],
  batch: () => {
    throw new FluxionTypeError('sum: batching is provided by the vmap transformation.');
  },
  symbolic: () => {
    throw new FluxionTypeError('sum needs a vector; a symbolic expression is a scalar. Add the terms with add instead.');
  },
  print: { str: (a) => `sum(${a})`, latex: (a) => `\\sum ${a}`, js: (a) => `sum(${a})` },
});

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
 * @returns the filled array
 * @example
 * ```ts
 * import { fillLike } from 'fluxion';
 * fillLike([0, 0, 0], 2); // Float64Array [2, 2, 2]
 * ```
 */
export function fillLike(like: Operand, value: Operand): Operand {
  return bind(fillLikePrimitive, [like, value]);
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
