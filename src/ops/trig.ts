import { elementwise } from '../core/primitive.js';
import { add, div, mul, neg, pow, sub } from './arithmetic.js';
import { sqrt } from './elementary.js';
import { unaryOp } from './signatures.js';

const trigPrint = (name: string, latexName: string) => ({
  str: (a: string) => `${name}(${a})`,
  latex: (a: string) => `${latexName}{\\left(${a} \\right)}`,
  js: (a: string) => `Math.${name}(${a})`,
});

/** The primitive record of {@link sin}. */
export const sinPrimitive = elementwise({
  name: 'sin',
  total: true,
  impl: Math.sin,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.sin(x[i]!); },
  partials: [(x) => cos(x)],
  // sin(0) = 0, sin(pi) = 0, sin(-x) = -sin(x)
  canon: (kit, x) => (kit.isNumber(x, 0) || kit.isConstant(x, 'pi') ? kit.exact(0) : kit.isNegated(x) ? neg(sin(kit.neg(x))) : undefined),
  print: trigPrint('sin', '\\sin'),
});

/** The primitive record of {@link cos}. */
export const cosPrimitive = elementwise({
  name: 'cos',
  total: true,
  impl: Math.cos,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.cos(x[i]!); },
  partials: [(x) => neg(sin(x))],
  // cos(0) = 1, cos(pi) = -1, cos(-x) = cos(x)
  canon: (kit, x) => (kit.isNumber(x, 0) ? kit.exact(1) : kit.isConstant(x, 'pi') ? kit.exact(-1) : kit.isNegated(x) ? cos(kit.neg(x)) : undefined),
  print: trigPrint('cos', '\\cos'),
});

/** The primitive record of {@link tan}. */
export const tanPrimitive = elementwise({
  name: 'tan',
  impl: Math.tan,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.tan(x[i]!); },
  // d tan(x) = tan(x)^2 + 1 (SymPy's form)
  partials: [(_x, out) => add(pow(out, 2), 1)],
  domain: [[-1.2, 1.2]],
  // tan(0) = 0, tan(-x) = -tan(x)
  canon: (kit, x) => (kit.isNumber(x, 0) ? kit.exact(0) : kit.isNegated(x) ? neg(tan(kit.neg(x))) : undefined),
  print: trigPrint('tan', '\\tan'),
});

/** The primitive record of {@link asin}. */
export const asinPrimitive = elementwise({
  name: 'asin',
  impl: Math.asin,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.asin(x[i]!); },
  // d asin(x) = 1 / sqrt(1 - x^2)
  partials: [(x) => div(1, sqrt(sub(1, pow(x, 2))))],
  domain: [[-0.9, 0.9]],
  // asin(0) = 0, asin(-x) = -asin(x)
  canon: (kit, x) => (kit.isNumber(x, 0) ? kit.exact(0) : kit.isNegated(x) ? neg(asin(kit.neg(x))) : undefined),
  print: trigPrint('asin', '\\operatorname{asin}'),
});

/** The primitive record of {@link acos}. */
export const acosPrimitive = elementwise({
  name: 'acos',
  impl: Math.acos,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.acos(x[i]!); },
  // d acos(x) = -1 / sqrt(1 - x^2)
  partials: [(x) => neg(div(1, sqrt(sub(1, pow(x, 2)))))],
  domain: [[-0.9, 0.9]],
  // acos(1) = 0
  canon: (kit, x) => (kit.isNumber(x, 1) ? kit.exact(0) : undefined),
  print: trigPrint('acos', '\\operatorname{acos}'),
});

/** The primitive record of {@link atan}. */
export const atanPrimitive = elementwise({
  name: 'atan',
  total: true,
  impl: Math.atan,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.atan(x[i]!); },
  // d atan(x) = 1 / (x^2 + 1)
  partials: [(x) => div(1, add(pow(x, 2), 1))],
  // atan(0) = 0, atan(-x) = -atan(x)
  canon: (kit, x) => (kit.isNumber(x, 0) ? kit.exact(0) : kit.isNegated(x) ? neg(atan(kit.neg(x))) : undefined),
  print: trigPrint('atan', '\\operatorname{atan}'),
});

/** The primitive record of {@link sinh}. */
export const sinhPrimitive = elementwise({
  name: 'sinh',
  impl: Math.sinh,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.sinh(x[i]!); },
  partials: [(x) => cosh(x)],
  // sinh(0) = 0, sinh(-x) = -sinh(x)
  canon: (kit, x) => (kit.isNumber(x, 0) ? kit.exact(0) : kit.isNegated(x) ? neg(sinh(kit.neg(x))) : undefined),
  print: trigPrint('sinh', '\\sinh'),
});

/** The primitive record of {@link cosh}. */
export const coshPrimitive = elementwise({
  name: 'cosh',
  impl: Math.cosh,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.cosh(x[i]!); },
  partials: [(x) => sinh(x)],
  // cosh(0) = 1, cosh(-x) = cosh(x)
  canon: (kit, x) => (kit.isNumber(x, 0) ? kit.exact(1) : kit.isNegated(x) ? cosh(kit.neg(x)) : undefined),
  print: trigPrint('cosh', '\\cosh'),
});

/** The primitive record of {@link tanh}. */
export const tanhPrimitive = elementwise({
  name: 'tanh',
  total: true,
  impl: Math.tanh,
  kernel: (o, a) => { const x = a as Float64Array; for (let i = 0; i < o.length; i++) o[i] = Math.tanh(x[i]!); },
  // d tanh(x) = 1 - tanh(x)^2, factored as (1 - t)(1 + t): 1 - t is exact near t = ±1,
  // where 1 - t^2 cancels (JAX factors it the same way).
  partials: [(_x, out) => mul(sub(1, out), add(1, out))],
  // tanh(0) = 0, tanh(-x) = -tanh(x)
  canon: (kit, x) => (kit.isNumber(x, 0) ? kit.exact(0) : kit.isNegated(x) ? neg(tanh(kit.neg(x))) : undefined),
  print: trigPrint('tanh', '\\tanh'),
});

/**
 * Sine, elementwise (radians).
 *
 * @param x angle in radians
 * @returns `sin(x)`
 * @example
 * ```ts
 * import { sin } from 'fluxion';
 * sin(0); // 0
 * ```
 */
export const sin = unaryOp(sinPrimitive);

/**
 * Cosine, elementwise (radians).
 *
 * @param x angle in radians
 * @returns `cos(x)`
 * @example
 * ```ts
 * import { cos } from 'fluxion';
 * cos(0); // 1
 * ```
 */
export const cos = unaryOp(cosPrimitive);

/**
 * Tangent, elementwise (radians).
 *
 * @param x angle in radians
 * @returns `tan(x)`
 * @example
 * ```ts
 * import { tan } from 'fluxion';
 * tan(0); // 0
 * ```
 */
export const tan = unaryOp(tanPrimitive);

/**
 * Inverse sine, elementwise; `NaN` outside `[-1, 1]`.
 *
 * @param x the sine
 * @returns `asin(x)` in `[-π/2, π/2]`
 * @example
 * ```ts
 * import { asin } from 'fluxion';
 * asin(0); // 0
 * ```
 */
export const asin = unaryOp(asinPrimitive);

/**
 * Inverse cosine, elementwise; `NaN` outside `[-1, 1]`.
 *
 * @param x the cosine
 * @returns `acos(x)` in `[0, π]`
 * @example
 * ```ts
 * import { acos } from 'fluxion';
 * acos(1); // 0
 * ```
 */
export const acos = unaryOp(acosPrimitive);

/**
 * Inverse tangent, elementwise.
 *
 * @param x the tangent
 * @returns `atan(x)` in `(-π/2, π/2)`
 * @example
 * ```ts
 * import { atan } from 'fluxion';
 * atan(0); // 0
 * ```
 */
export const atan = unaryOp(atanPrimitive);

/**
 * Hyperbolic sine, elementwise.
 *
 * @param x the argument
 * @returns `sinh(x)`
 * @example
 * ```ts
 * import { sinh } from 'fluxion';
 * sinh(0); // 0
 * ```
 */
export const sinh = unaryOp(sinhPrimitive);

/**
 * Hyperbolic cosine, elementwise.
 *
 * @param x the argument
 * @returns `cosh(x)`
 * @example
 * ```ts
 * import { cosh } from 'fluxion';
 * cosh(0); // 1
 * ```
 */
export const cosh = unaryOp(coshPrimitive);

/**
 * Hyperbolic tangent, elementwise.
 *
 * @param x the argument
 * @returns `tanh(x)`
 * @example
 * ```ts
 * import { tanh } from 'fluxion';
 * tanh(0); // 0
 * ```
 */
export const tanh = unaryOp(tanhPrimitive);

