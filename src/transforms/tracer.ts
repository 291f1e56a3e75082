// The base class of every transformation's values (dual numbers, tape nodes, batches):
// a Boxed value with a shape and chainable methods that call fluxion's polymorphic ops.
import { Boxed, TRACE, type Trace } from '../core/trace.js';
import { add, div, mul, neg, pow, sub } from '../ops/arithmetic.js';
import { abs, exp, expm1, log, log1p, maximum, minimum, sign, sqrt } from '../ops/elementary.js';
import { acos, asin, atan, cos, cosh, sin, sinh, tan, tanh } from '../ops/trig.js';
import { eq, ge, gt, le, lt, ne } from '../ops/compare.js';
import { sum } from '../ops/reduce.js';
import { index } from '../ops/indexing.js';
import type { Num } from '../ops/signatures.js';

/**
 * A value standing for a number or array while a transformation (`grad`, `jvp`, `vjp`,
 * `vmap`, `jacfwd`, …) runs your function. Use fluxion's ops on it (`mul(x, x)`) or its
 * chainable methods (`x.mul(x).add(1)`); JavaScript operators (`x * x`, `x > 0`) throw,
 * because they would silently give a wrong derivative.
 *
 * @example
 * ```ts
 * import { grad, Tracer } from 'fluxion';
 * grad((x) => (x as Tracer).mul(x).add(1))(3); // 6
 * ```
 */
export abstract class Tracer extends Boxed {
  /** The shape of the value this tracer stands for (`[]` for a scalar). */
  abstract get shape(): readonly number[];
  /** The trace that owns this value. */
  abstract override get [TRACE](): Trace;

  /** `this + y`. @param y the other term @returns the sum */
  add(y: Num): Tracer {
    return add(this, y) as Tracer;
  }
  /** `this - y`. @param y the subtrahend @returns the difference */
  sub(y: Num): Tracer {
    return sub(this, y) as Tracer;
  }
  /** `this * y`. @param y the other factor @returns the product */
  mul(y: Num): Tracer {
    return mul(this, y) as Tracer;
  }
  /** `this / y`. @param y the divisor @returns the quotient */
  div(y: Num): Tracer {
    return div(this, y) as Tracer;
  }
  /** `this ^ y`. @param y the exponent @returns the power */
  pow(y: Num): Tracer {
    return pow(this, y) as Tracer;
  }
  /** `-this`. @returns the negation */
  neg(): Tracer {
    return neg(this) as Tracer;
  }
  /** `√this`. @returns the square root */
  sqrt(): Tracer {
    return sqrt(this) as Tracer;
  }
  /** `e^this`. @returns the exponential */
  exp(): Tracer {
    return exp(this) as Tracer;
  }
  /** `e^this - 1`. @returns expm1 */
  expm1(): Tracer {
    return expm1(this) as Tracer;
  }
  /** `ln this`. @returns the natural logarithm */
  log(): Tracer {
    return log(this) as Tracer;
  }
  /** `ln(1 + this)`. @returns log1p */
  log1p(): Tracer {
    return log1p(this) as Tracer;
  }
  /** `|this|`. @returns the absolute value */
  abs(): Tracer {
    return abs(this) as Tracer;
  }
  /** `sign(this)`, piecewise constant. @returns -1, 0 or 1 */
  sign(): Num {
    return sign(this);
  }
  /** `sin(this)`. @returns the sine */
  sin(): Tracer {
    return sin(this) as Tracer;
  }
  /** `cos(this)`. @returns the cosine */
  cos(): Tracer {
    return cos(this) as Tracer;
  }
  /** `tan(this)`. @returns the tangent */
  tan(): Tracer {
    return tan(this) as Tracer;
  }
  /** `asin(this)`. @returns the arcsine */
  asin(): Tracer {
    return asin(this) as Tracer;
  }
  /** `acos(this)`. @returns the arccosine */
  acos(): Tracer {
    return acos(this) as Tracer;
  }
  /** `atan(this)`. @returns the arctangent */
  atan(): Tracer {
    return atan(this) as Tracer;
  }
  /** `sinh(this)`. @returns the hyperbolic sine */
  sinh(): Tracer {
    return sinh(this) as Tracer;
  }
  /** `cosh(this)`. @returns the hyperbolic cosine */
  cosh(): Tracer {
    return cosh(this) as Tracer;
  }
  /** `tanh(this)`. @returns the hyperbolic tangent */
  tanh(): Tracer {
    return tanh(this) as Tracer;
  }
  /** `max(this, y)`. @param y the other value @returns the maximum */
  maximum(y: Num): Tracer {
    return maximum(this, y) as Tracer;
  }
  /** `min(this, y)`. @param y the other value @returns the minimum */
  minimum(y: Num): Tracer {
    return minimum(this, y) as Tracer;
  }
  /** `this > y` as 1 or 0 (a condition for `where`). @param y right side @returns the condition */
  gt(y: Num): Num {
    return gt(this, y);
  }
  /** `this >= y` as 1 or 0. @param y right side @returns the condition */
  ge(y: Num): Num {
    return ge(this, y);
  }
  /** `this < y` as 1 or 0. @param y right side @returns the condition */
  lt(y: Num): Num {
    return lt(this, y);
  }
  /** `this <= y` as 1 or 0. @param y right side @returns the condition */
  le(y: Num): Num {
    return le(this, y);
  }
  /** `this == y` as 1 or 0. @param y right side @returns the condition */
  eq(y: Num): Num {
    return eq(this, y);
  }
  /** `this != y` as 1 or 0. @param y right side @returns the condition */
  ne(y: Num): Num {
    return ne(this, y);
  }
  /** Sum of all elements. @returns `Σ this` */
  sum(): Tracer {
    return sum(this) as Tracer;
  }
  /** Element (or row) `i`, JAX's `x[i]`. @param i the position @returns `this[i]` */
  index(i: number): Tracer {
    return index(this, i) as Tracer;
  }

  /** A short description: the transformation and the shape, never the value. */
  override toString(): string {
    const t = this[TRACE];
    return `Tracer<${t.transform}, level ${t.level}, shape [${this.shape.join(', ')}]>`;
  }
}
