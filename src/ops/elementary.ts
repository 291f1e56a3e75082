import { elementwise } from '../core/primitive.js';
import { add, div, mul, neg, pow, sub } from './arithmetic.js';
import { binaryOp, unaryOp } from './signatures.js';

const fn = (name: string, latex: (a: string) => string, js: string) => ({
  str: (a: string) => `${name}(${a})`,
  latex,
  js: (a: string) => `${js}(${a})`,
});

/** The primitive record of {@link sqrt}. */
export const sqrtPrimitive = elementwise({
  name: 'sqrt',
  impl: Math.sqrt,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.sqrt(x[i]!); },
  // d sqrt(x) = 1 / (2 sqrt(x))
  partials: [(_x, out) => div(1, mul(2, out))],
  domain: [[0.1, 5]],
  // sqrt(x) = x^(1/2): the symbolic engine has no separate sqrt node.
  canon: (kit, x) => pow(x, kit.exact(1, 2)),
  print: fn('sqrt', (a) => `\\sqrt{${a}}`, 'Math.sqrt'),
});

/** The primitive record of {@link exp}. */
export const expPrimitive = elementwise({
  name: 'exp',
  impl: Math.exp,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.exp(x[i]!); },
  // d exp(x) = exp(x)
  partials: [(_x, out) => out],
  // exp(0) = 1, exp(1) = e, exp(log(x)) = x
  canon: (kit, x) => (kit.isNumber(x, 0) ? kit.exact(1) : kit.isNumber(x, 1) ? kit.e : kit.match(x, 'log')?.[0]),
  print: fn('exp', (a) => `e^{${a}}`, 'Math.exp'),
});

/** The primitive record of {@link log}. */
export const logPrimitive = elementwise({
  name: 'log',
  impl: Math.log,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.log(x[i]!); },
  // d log(x) = 1 / x
  partials: [(x) => div(1, x)],
  domain: [[0.1, 5]],
  // log(1) = 0, log(e) = 1, log(exp(x)) = x (x real)
  canon: (kit, x) => (kit.isNumber(x, 1) ? kit.exact(0) : kit.isConstant(x, 'E') ? kit.exact(1) : kit.match(x, 'exp')?.[0]),
  print: fn('log', (a) => `\\log{\\left(${a} \\right)}`, 'Math.log'),
});

/** The primitive record of {@link abs}. */
export const absPrimitive = elementwise({
  name: 'abs',
  total: true,
  impl: Math.abs,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.abs(x[i]!); },
  // d|x| = sign(x); at the kink sign(0) = 0 (JAX uses 1 there).
  partials: [(x) => sign(x)],
  // |n| for numbers and constants, |-x| = |x|, ||x|| = |x|, |x^(2k)| = x^(2k) (x real)
  canon: (kit, x) => {
    if (kit.isNegated(x)) return abs(kit.neg(x));
    // |c x| = c |x| for a positive number c
    const m = kit.match(x, 'mul');
    if (m !== undefined && kit.isNumber(m[0]!)) return mul(m[0]!, abs(m.slice(1).reduce((a, b) => mul(a, b))));
    if (kit.isNumber(x) || kit.isConstant(x, 'pi') || kit.isConstant(x, 'E') || kit.match(x, 'abs') !== undefined) return x;
    const p = kit.match(x, 'pow');
    const n = p === undefined ? undefined : kit.isRational(p[1]!) ? kit.numericValue(p[1]!) : undefined;
    return n !== undefined && n % 2 === 0 ? x : undefined;
  },
  print: fn('abs', (a) => `\\left|{${a}}\\right|`, 'Math.abs'),
});

/** The primitive record of {@link sign}. */
export const signPrimitive = elementwise({
  name: 'sign',
  total: true,
  // Math.sign keeps -0 and NaN, like numpy.sign.
  impl: Math.sign,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.sign(x[i]!); },
  partials: [() => 0],
  differentiable: false,
  // sign(-x) = -sign(x); sign(pi) = sign(e) = 1; sign(c x) = sign(x) for c > 0
  canon: (kit, x) => {
    if (kit.isNegated(x)) return neg(sign(kit.neg(x)));
    if (kit.isConstant(x, 'pi') || kit.isConstant(x, 'E')) return kit.exact(1);
    // sign(c x) = sign(x) for a positive number c
    const m = kit.match(x, 'mul');
    return m !== undefined && kit.isNumber(m[0]!) ? sign(m.slice(1).reduce((a, b) => mul(a, b))) : undefined;
  },
  print: fn('sign', (a) => `\\operatorname{sign}{\\left(${a} \\right)}`, 'Math.sign'),
});

/** The primitive record of {@link heaviside}. */
export const heavisidePrimitive = elementwise({
  name: 'heaviside',
  total: true,
  // H(0) = 1/2, SymPy's Heaviside convention (numpy.heaviside(x, 0.5)).
  impl: (x: number) => (x > 0 ? 1 : x < 0 ? 0 : x === 0 ? 0.5 : NaN),
  partials: [() => 0],
  differentiable: false,
  print: {
    str: (a) => `heaviside(${a})`,
    latex: (a) => `\\theta\\left(${a}\\right)`,
    js: (a) => `(${a} > 0 ? 1 : ${a} < 0 ? 0 : ${a} === 0 ? 0.5 : NaN)`,
  },
});

/** The primitive record of {@link maximum}. */
export const maximumPrimitive = elementwise({
  name: 'maximum',
  total: true,
  // NaN propagates, as in numpy.maximum.
  impl: (a: number, b: number) => Math.max(a, b),
  // d max(a, b) = H(a - b) da + H(b - a) db; a tie splits the derivative in halves (as JAX does).
  partials: [(a, b) => heaviside(sub(a, b)), (a, b) => heaviside(sub(b, a))],
  // max(a, a) = a; exact numbers and constants are compared
  canon: (kit, a, b) => {
    if (a === b) return a;
    const va = kit.numericValue(a!);
    const vb = kit.numericValue(b!);
    if (va === undefined || vb === undefined || kit.isFloat(a!) || kit.isFloat(b!)) return undefined;
    return va >= vb ? a : b;
  },
  print: {
    str: (a, b) => `maximum(${a}, ${b})`,
    latex: (a, b) => `\\max\\left(${a}, ${b}\\right)`,
    js: (a, b) => `Math.max(${a}, ${b})`,
  },
});

/** The primitive record of {@link minimum}. */
export const minimumPrimitive = elementwise({
  name: 'minimum',
  total: true,
  impl: (a: number, b: number) => Math.min(a, b),
  // d min(a, b) = H(b - a) da + H(a - b) db
  partials: [(a, b) => heaviside(sub(b, a)), (a, b) => heaviside(sub(a, b))],
  // min(a, a) = a; exact numbers and constants are compared
  canon: (kit, a, b) => {
    if (a === b) return a;
    const va = kit.numericValue(a!);
    const vb = kit.numericValue(b!);
    if (va === undefined || vb === undefined || kit.isFloat(a!) || kit.isFloat(b!)) return undefined;
    return va <= vb ? a : b;
  },
  print: {
    str: (a, b) => `minimum(${a}, ${b})`,
    latex: (a, b) => `\\min\\left(${a}, ${b}\\right)`,
    js: (a, b) => `Math.min(${a}, ${b})`,
  },
});

/** The primitive record of {@link expm1}. */
export const expm1Primitive = elementwise({
  name: 'expm1',
  impl: Math.expm1,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.expm1(x[i]!); },
  // d (e^x - 1) = e^x = expm1(x) + 1
  partials: [(_x, out) => add(out, 1)],
  // expm1(0) = 0
  canon: (kit, x) => (kit.isNumber(x, 0) ? x : undefined),
  print: fn('expm1', (a) => `e^{${a}} - 1`, 'Math.expm1'),
});

/** The primitive record of {@link log1p}. */
export const log1pPrimitive = elementwise({
  name: 'log1p',
  impl: Math.log1p,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.log1p(x[i]!); },
  // d log(1 + x) = 1 / (1 + x)
  partials: [(x) => div(1, add(x, 1))],
  domain: [[-0.9, 5]],
  // log1p(0) = 0
  canon: (kit, x) => (kit.isNumber(x, 0) ? x : undefined),
  print: fn('log1p', (a) => `\\log{\\left(${a} + 1 \\right)}`, 'Math.log1p'),
});

/**
 * Square root `√x`, elementwise (`NaN` for negative numbers, like numpy).
 *
 * @param x the radicand
 * @returns `sqrt(x)`
 * @example
 * ```ts
 * import { sqrt } from 'fluxion';
 * sqrt(16); // 4
 * ```
 */
export const sqrt = unaryOp(sqrtPrimitive);

/**
 * Exponential `e^x`, elementwise.
 *
 * @param x the exponent
 * @returns `exp(x)`
 * @example
 * ```ts
 * import { exp } from 'fluxion';
 * exp(0); // 1
 * ```
 */
export const exp = unaryOp(expPrimitive);

/**
 * Natural logarithm `ln x`, elementwise.
 *
 * @param x the argument
 * @returns `log(x)`
 * @example
 * ```ts
 * import { log } from 'fluxion';
 * log(1); // 0
 * ```
 */
export const log = unaryOp(logPrimitive);

/**
 * Absolute value `|x|`, elementwise. Its derivative is `sign(x)`, so 0 at the kink.
 *
 * @param x the value
 * @returns `|x|`
 * @example
 * ```ts
 * import { abs } from 'fluxion';
 * abs(-2); // 2
 * ```
 */
export const abs = unaryOp(absPrimitive);

/**
 * Sign `sign(x)` ∈ {-1, 0, 1}, elementwise (`NaN` stays `NaN`).
 *
 * @param x the value
 * @returns `sign(x)`
 * @example
 * ```ts
 * import { sign } from 'fluxion';
 * sign(-2); // -1
 * ```
 */
export const sign = unaryOp(signPrimitive);

/**
 * Heaviside step `H(x)`: 0 for `x < 0`, 1/2 at 0 (SymPy's convention), 1 for `x > 0`.
 *
 * @param x the value
 * @returns `H(x)`
 * @example
 * ```ts
 * import { heaviside } from 'fluxion';
 * heaviside(0); // 0.5
 * ```
 */
export const heaviside = unaryOp(heavisidePrimitive);

/**
 * Elementwise maximum `max(a, b)`; `NaN` propagates like `numpy.maximum`.
 *
 * @param a first value
 * @param b second value
 * @returns `max(a, b)`
 * @example
 * ```ts
 * import { maximum } from 'fluxion';
 * maximum(2, 3); // 3
 * ```
 */
export const maximum = binaryOp(maximumPrimitive);

/**
 * Elementwise minimum `min(a, b)`; `NaN` propagates like `numpy.minimum`.
 *
 * @param a first value
 * @param b second value
 * @returns `min(a, b)`
 * @example
 * ```ts
 * import { minimum } from 'fluxion';
 * minimum(2, 3); // 2
 * ```
 */
export const minimum = binaryOp(minimumPrimitive);

/**
 * `e^x - 1`, accurate for small `x`.
 *
 * @param x the exponent
 * @returns `expm1(x)`
 * @example
 * ```ts
 * import { expm1 } from 'fluxion';
 * expm1(0); // 0
 * ```
 */
export const expm1 = unaryOp(expm1Primitive);

/**
 * `ln(1 + x)`, accurate for small `x`.
 *
 * @param x the argument
 * @returns `log1p(x)`
 * @example
 * ```ts
 * import { log1p } from 'fluxion';
 * log1p(0); // 0
 * ```
 */
export const log1p = unaryOp(log1pPrimitive);

