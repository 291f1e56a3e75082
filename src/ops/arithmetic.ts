import { elementwise } from '../core/primitive.js';
import { addKernel, divKernel, MAX_PRODUCT_POWER, mulKernel, negKernel, powByProducts, powKernel, subKernel } from './kernels.js';

export { MAX_PRODUCT_POWER, powByProducts };
import { log } from './elementary.js';
import { binaryOp, unaryOp } from './signatures.js';

// Infix precedences shared by every printer: higher binds tighter.
export const PREC_ADD = 10;
export const PREC_MUL = 20;
export const PREC_NEG = 25;
export const PREC_POW = 30;

/** The primitive record of {@link add}. */
export const addPrimitive = elementwise({
  name: 'add',
  total: true,
  impl: (a: number, b: number) => a + b,
  // d(a + b) = da + db
  partials: [() => 1, () => 1],
  kernel: addKernel,
  infix: { symbol: '+', precedence: PREC_ADD },
  print: { str: (a, b) => `${a} + ${b}`, latex: (a, b) => `${a} + ${b}`, js: (a, b) => `(${a} + ${b})` },
});

/** The primitive record of {@link sub}. */
export const subPrimitive = elementwise({
  name: 'sub',
  total: true,
  impl: (a: number, b: number) => a - b,
  // d(a - b) = da - db
  partials: [() => 1, () => -1],
  kernel: subKernel,
  infix: { symbol: '-', precedence: PREC_ADD },
  print: { str: (a, b) => `${a} - ${b}`, latex: (a, b) => `${a} - ${b}`, js: (a, b) => `(${a} - ${b})` },
});

/** The primitive record of {@link mul}. */
export const mulPrimitive = elementwise({
  name: 'mul',
  total: true,
  impl: (a: number, b: number) => a * b,
  // d(a b) = b da + a db
  partials: [(_a, b) => b, (a) => a],
  kernel: mulKernel,
  infix: { symbol: '*', precedence: PREC_MUL },
  print: { str: (a, b) => `${a}*${b}`, latex: (a, b) => `${a} ${b}`, js: (a, b) => `(${a} * ${b})` },
});

/** The primitive record of {@link div}. */
export const divPrimitive = elementwise({
  name: 'div',
  impl: (a: number, b: number) => a / b,
  // d(a / b) = da / b - (a / b) db / b
  partials: [(_a, b) => div(1, b), (_a, b, out) => neg(div(out, b))],
  domain: [[-3, 3], [0.5, 3]],
  kernel: divKernel,
  infix: { symbol: '/', precedence: PREC_MUL },
  print: { str: (a, b) => `${a}/${b}`, latex: (a, b) => `\\frac{${a}}{${b}}`, js: (a, b) => `(${a} / ${b})` },
});

/** The primitive record of {@link neg}. */
export const negPrimitive = elementwise({
  name: 'neg',
  total: true,
  impl: (a: number) => -a,
  partials: [() => -1],
  kernel: negKernel,
  infix: { symbol: '-', precedence: PREC_NEG },
  print: { str: (a) => `-${a}`, latex: (a) => `- ${a}`, js: (a) => `(-${a})` },
});

/** The primitive record of {@link pow}. */
export const powPrimitive = elementwise({
  name: 'pow',
  impl: (a: number, b: number) => (Number.isInteger(b) && b >= -MAX_PRODUCT_POWER && b <= MAX_PRODUCT_POWER ? powByProducts(a, b) : Math.pow(a, b)),
  // d(a^b) = b a^(b-1) da + a^b log(a) db
  partials: [(a, b) => mul(b, pow(a, sub(b, 1))), (a, _b, out) => mul(out, log(a))],
  domain: [[0.2, 3], [-2.5, 2.5]],
  kernel: powKernel,
  infix: { symbol: '^', precedence: PREC_POW },
  print: { str: (a, b) => `${a}^${b}`, latex: (a, b) => `${a}^{${b}}`, js: (a, b) => `Math.pow(${a}, ${b})` },
});

/**
 * Sum `a + b`, elementwise; scalars broadcast against arrays.
 *
 * @param a first term
 * @param b second term
 * @returns `a + b`, of the same kind as the inputs
 * @example
 * ```ts
 * import { add } from 'fluxion';
 * add(2, 3); // 5
 * add([1, 2], 10); // Float64Array [11, 12]
 * ```
 */
export const add = binaryOp(addPrimitive);

/**
 * Difference `a - b`, elementwise.
 *
 * @param a minuend
 * @param b subtrahend
 * @returns `a - b`
 * @example
 * ```ts
 * import { sub } from 'fluxion';
 * sub(5, 3); // 2
 * ```
 */
export const sub = binaryOp(subPrimitive);

/**
 * Product `a * b`, elementwise.
 *
 * @param a first factor
 * @param b second factor
 * @returns `a * b`
 * @example
 * ```ts
 * import { mul } from 'fluxion';
 * mul(4, 2.5); // 10
 * mul([1, 2, 3], 2); // Float64Array [2, 4, 6]
 * ```
 */
export const mul = binaryOp(mulPrimitive);

/**
 * Quotient `a / b`, elementwise, with IEEE semantics on numbers (`1/0 = Infinity`).
 *
 * @param a dividend
 * @param b divisor
 * @returns `a / b`
 * @example
 * ```ts
 * import { div } from 'fluxion';
 * div(1, 4); // 0.25
 * ```
 */
export const div = binaryOp(divPrimitive);

/**
 * Negation `-x`, elementwise.
 *
 * @param x the value
 * @returns `-x`
 * @example
 * ```ts
 * import { neg } from 'fluxion';
 * neg(3); // -3
 * ```
 */
export const neg = unaryOp(negPrimitive);

/**
 * Power `a^b`, elementwise (`Math.pow`, except integer exponents up to 4 in size, which are
 * repeated products so that eager, `jit` and `lambdify` results agree bit for bit).
 *
 * @param a base
 * @param b exponent
 * @returns `a^b`
 * @example
 * ```ts
 * import { pow } from 'fluxion';
 * pow(2, 10); // 1024
 * ```
 */
export const pow = binaryOp(powPrimitive);
