/**
 * Exact constants and numbers for building expressions.
 */
import { FluxionTypeError, describeValue } from '../core/errors.js';
import { E as E_NODE, PI } from './canon.js';
import { Expr, mkExact } from './expr.js';
import { rat, type Int } from './rational.js';

/**
 * The constant `π`, exact (`sin(pi)` is `0`).
 *
 * @example
 * ```ts
 * import { pi, sin, cos } from 'fluxion';
 * sin(pi).toString(); // '0'
 * cos(pi).toString(); // '-1'
 * ```
 */
export const pi: Expr = PI;

/**
 * Euler's number `e`, exact (`log(E)` is `1`; `E^x` is `exp(x)`).
 *
 * @example
 * ```ts
 * import { E, log } from 'fluxion';
 * log(E).toString(); // '1'
 * ```
 */
export const E: Expr = E_NODE;

/**
 * An exact rational number `p/q` as an expression (SymPy's `Rational` / `S`), so
 * `sqrt(exact(18))` stays exact instead of becoming a float.
 *
 * @param p numerator (an integer or bigint)
 * @param q denominator (a non-zero integer or bigint), default 1
 * @returns the reduced number
 * @example
 * ```ts
 * import { exact, sqrt, pow } from 'fluxion';
 * sqrt(exact(18)).toString(); // '3*sqrt(2)'
 * pow(exact(2, 3), -2).toString(); // '9/4'
 * ```
 */
export function exact(p: number | bigint, q: number | bigint = 1): Expr {
  const toInt = (v: number | bigint, what: string): Int => {
    if (typeof v === 'bigint') return v;
    if (!Number.isSafeInteger(v)) {
      throw new FluxionTypeError(`exact: the ${what} must be a safe integer or a bigint; got ${describeValue(v)}.`);
    }
    return v;
  };
  const r = rat(toInt(p, 'numerator'), toInt(q, 'denominator'));
  return mkExact(r);
}
