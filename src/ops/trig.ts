import { elementwise } from '../core/primitive.js';
import { add, div, neg, pow, sub } from './arithmetic.js';
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
  impl: Math.sin,
  partials: [(x) => cos(x)],
  print: trigPrint('sin', '\\sin'),
});

/** The primitive record of {@link cos}. */
export const cosPrimitive = elementwise({
  name: 'cos',
  impl: Math.cos,
  partials: [(x) => neg(sin(x))],
  print: trigPrint('cos', '\\cos'),
});

/** The primitive record of {@link tan}. */
export const tanPrimitive = elementwise({
  name: 'tan',
  impl: Math.tan,
  // d tan(x) = tan(x)^2 + 1 (SymPy's form)
  partials: [(_x, out) => add(pow(out, 2), 1)],
  domain: [[-1.2, 1.2]],
  print: trigPrint('tan', '\\tan'),
});

/** The primitive record of {@link asin}. */
export const asinPrimitive = elementwise({
  name: 'asin',
  impl: Math.asin,
  // d asin(x) = 1 / sqrt(1 - x^2)
  partials: [(x) => div(1, sqrt(sub(1, pow(x, 2))))],
  domain: [[-0.9, 0.9]],
  print: trigPrint('asin', '\\operatorname{asin}'),
});

/** The primitive record of {@link acos}. */
export const acosPrimitive = elementwise({
  name: 'acos',
  impl: Math.acos,
  // d acos(x) = -1 / sqrt(1 - x^2)
  partials: [(x) => neg(div(1, sqrt(sub(1, pow(x, 2)))))],
  domain: [[-0.9, 0.9]],
  print: trigPrint('acos', '\\operatorname{acos}'),
});

/** The primitive record of {@link atan}. */
export const atanPrimitive = elementwise({
  name: 'atan',
  impl: Math.atan,
  // d atan(x) = 1 / (x^2 + 1)
  partials: [(x) => div(1, add(pow(x, 2), 1))],
  print: trigPrint('atan', '\\operatorname{atan}'),
});

/** The primitive record of {@link sinh}. */
export const sinhPrimitive = elementwise({
  name: 'sinh',
  impl: Math.sinh,
  partials: [(x) => cosh(x)],
  print: trigPrint('sinh', '\\sinh'),
});

/** The primitive record of {@link cosh}. */
export const coshPrimitive = elementwise({
  name: 'cosh',
  impl: Math.cosh,
  partials: [(x) => sinh(x)],
  print: trigPrint('cosh', '\\cosh'),
});

/** The primitive record of {@link tanh}. */
export const tanhPrimitive = elementwise({
  name: 'tanh',
  impl: Math.tanh,
  // d tanh(x) = 1 - tanh(x)^2
  partials: [(_x, out) => sub(1, pow(out, 2))],
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

