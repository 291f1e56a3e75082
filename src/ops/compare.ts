import { elementwise, type ElementwiseSpec } from '../core/primitive.js';
import { binaryOp, ternaryOp } from './signatures.js';

const comparison = (name: string, symbol: string, latex: string, impl: (a: number, b: number) => number): ElementwiseSpec => ({
  name,
  impl,
  // Piecewise constant: the derivative is zero wherever it exists.
  partials: [() => 0, () => 0],
  differentiable: false,
  total: true,
  infix: { symbol, precedence: 5 },
  print: {
    str: (a, b) => `${name}(${a}, ${b})`,
    latex: (a, b) => `${a} ${latex} ${b}`,
    js: (a, b) => `(${a} ${symbol} ${b} ? 1 : 0)`,
  },
});

/** The primitive record of {@link gt}. */
export const gtPrimitive = elementwise(comparison('gt', '>', '>', (a, b) => (a > b ? 1 : 0)));
/** The primitive record of {@link ge}. */
export const gePrimitive = elementwise(comparison('ge', '>=', '\\geq', (a, b) => (a >= b ? 1 : 0)));
/** The primitive record of {@link lt}. */
export const ltPrimitive = elementwise(comparison('lt', '<', '<', (a, b) => (a < b ? 1 : 0)));
/** The primitive record of {@link le}. */
export const lePrimitive = elementwise(comparison('le', '<=', '\\leq', (a, b) => (a <= b ? 1 : 0)));
/** The primitive record of {@link eq}. */
export const eqPrimitive = elementwise(comparison('eq', '===', '=', (a, b) => (a === b ? 1 : 0)));
/** The primitive record of {@link ne}. */
export const nePrimitive = elementwise(comparison('ne', '!==', '\\neq', (a, b) => (a !== b ? 1 : 0)));

/** The primitive record of {@link where}. */
export const wherePrimitive = elementwise({
  name: 'where',
  total: true,
  impl: (c: number, a: number, b: number) => (c !== 0 ? a : b),
  // d where(c, a, b) = where(c, da, 0) + where(c, 0, db). The chain rule's zero is strong
  // (0 · ∞ = 0), so the branch not taken contributes an exact zero even where its own
  // derivative is infinite or NaN.
  partials: [() => 0, (c) => where(c, 1, 0), (c) => where(c, 0, 1)],
  domain: [[-1, 1], [-3, 3], [-3, 3]],
  // a constant condition picks its branch; equal branches need no condition
  canon: (kit, c, a, b) => {
    if (a === b) return a;
    const v = kit.isFloat(c!) ? undefined : kit.numericValue(c!);
    return v === undefined ? undefined : v !== 0 ? a : b;
  },
  print: {
    str: (c, a, b) => `where(${c}, ${a}, ${b})`,
    latex: (c, a, b) => `\\begin{cases} ${a} & \\text{for}\\: ${c} \\\\ ${b} & \\text{otherwise} \\end{cases}`,
    js: (c, a, b) => `(${c} !== 0 ? ${a} : ${b})`,
  },
});

/**
 * `a > b` elementwise, as 1 (true) or 0 (false). Use it as the condition of {@link where}.
 *
 * @param a left side
 * @param b right side
 * @returns 1 where `a > b`, else 0
 * @example
 * ```ts
 * import { gt } from 'fluxion';
 * gt(2, 1); // 1
 * ```
 */
export const gt = binaryOp(gtPrimitive);

/**
 * `a >= b` elementwise, as 1 or 0.
 *
 * @param a left side
 * @param b right side
 * @returns 1 where `a >= b`, else 0
 * @example
 * ```ts
 * import { ge } from 'fluxion';
 * ge(1, 1); // 1
 * ```
 */
export const ge = binaryOp(gePrimitive);

/**
 * `a < b` elementwise, as 1 or 0.
 *
 * @param a left side
 * @param b right side
 * @returns 1 where `a < b`, else 0
 * @example
 * ```ts
 * import { lt } from 'fluxion';
 * lt(1, 2); // 1
 * ```
 */
export const lt = binaryOp(ltPrimitive);

/**
 * `a <= b` elementwise, as 1 or 0.
 *
 * @param a left side
 * @param b right side
 * @returns 1 where `a <= b`, else 0
 * @example
 * ```ts
 * import { le } from 'fluxion';
 * le(2, 1); // 0
 * ```
 */
export const le = binaryOp(lePrimitive);

/**
 * `a == b` elementwise, as 1 or 0 (`NaN` equals nothing).
 *
 * @param a left side
 * @param b right side
 * @returns 1 where `a == b`, else 0
 * @example
 * ```ts
 * import { eq } from 'fluxion';
 * eq(2, 2); // 1
 * ```
 */
export const eq = binaryOp(eqPrimitive);

/**
 * `a != b` elementwise, as 1 or 0.
 *
 * @param a left side
 * @param b right side
 * @returns 1 where `a != b`, else 0
 * @example
 * ```ts
 * import { ne } from 'fluxion';
 * ne(2, 2); // 0
 * ```
 */
export const ne = binaryOp(nePrimitive);

/**
 * Elementwise select `c ? a : b` (any nonzero `c` is true), like `numpy.where`. Under
 * differentiation the branch not taken contributes an exact zero, even where its own
 * derivative is infinite or NaN (JAX gives NaN there).
 *
 * @param c the condition, usually from {@link gt} and friends
 * @param a value where `c` is true
 * @param b value where `c` is false
 * @returns the selected values
 * @example
 * ```ts
 * import { where, gt } from 'fluxion';
 * where(gt(-2, 0), 1, -1); // -1
 * ```
 */
export const where = ternaryOp(wherePrimitive);
