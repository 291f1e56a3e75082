import { ConcreteValueError, TracerError } from './errors.js';
import type { NDArray } from './kinds.js';
import type { Primitive } from './primitive.js';

/**
 * The key under which a boxed value (an `Expr` or a tracer) holds the trace that owns it.
 * Dispatch reads it to send an op to the right interpreter.
 */
export const TRACE: unique symbol = Symbol('fluxion.trace');

/** Parameters of a structural primitive application (an index, an axis, a count). */
export type Params = Readonly<Record<string, unknown>>;

/**
 * An interpreter that a primitive application can be sent to (Autodidax's `Trace`).
 * The symbolic engine is the trace at level 0; each running transformation (grad, jvp,
 * vmap, jit) owns one trace with a unique higher level.
 */
export interface Trace {
  /** Higher levels are newer (inner) transformations; 0 is the symbolic engine. */
  readonly level: number;
  /** The transformation's user-facing name, for error messages (`grad`, `vmap`, …). */
  readonly transform: string;
  /** True once the transformation that owns this trace has returned. */
  readonly retired: boolean;
  /** Applies `prim` to `args`, at least one of which belongs to this trace. */
  process(prim: Primitive, args: readonly Operand[], params: Params): Operand;
}

/**
 * Base class of values that belong to a trace: symbolic expressions and tracers.
 * Their JavaScript operators are disabled, because `x * x` on such a value would silently
 * compute the wrong thing: use fluxion's ops (`mul(x, x)`) or the chainable methods.
 *
 * @example
 * ```ts
 * import { Boxed } from 'fluxion';
 * typeof Boxed; // 'function'
 * ```
 */
export abstract class Boxed {
  /** The trace that owns this value. */
  abstract get [TRACE](): Trace;

  /** Disallows `+x`, `x * y`, `x > 0` and friends, naming the op to use instead. */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === 'string') return this.toString();
    const owner = this[TRACE];
    const what = owner.level === 0 ? 'a symbolic expression' : `a ${owner.transform} tracer`;
    throw new ConcreteValueError(
      `JavaScript operators cannot be used on ${what}: they would silently give a wrong result or derivative. ` +
        'Use fluxion ops instead: add, sub, mul, div, pow, neg (or the methods x.add(y), x.mul(y), …), and for comparisons ' +
        'where(gt(x, 0), a, b) instead of `x > 0 ? a : b`. Use String(x) to print it.',
      owner,
    );
  }
}

/**
 * Any value an op accepts: a plain number, a vector (`Float64Array`, or `number[]` as
 * input), an N-D array, or a boxed value (symbolic expression or tracer).
 */
export type Operand = number | Float64Array | readonly number[] | NDArray | Boxed;

/**
 * Tests whether `v` is a boxed value (an `Expr` or a tracer) rather than a plain number
 * or array.
 *
 * @param v any value
 * @returns true for expressions and tracers
 * @example
 * ```ts
 * import { isBoxed } from 'fluxion';
 * isBoxed(3); // false
 * ```
 */
export function isBoxed(v: unknown): v is Boxed {
  return v instanceof Boxed;
}

/**
 * A trace with the bookkeeping every transformation needs: its level on the interpreter
 * stack and whether its transformation has returned.
 */
export abstract class MainTrace implements Trace {
  /** Set when the owning transformation returns; using its tracers afterwards is an error. */
  retired = false;
  constructor(
    readonly level: number,
    readonly transform: string,
  ) {}
  abstract process(prim: Primitive, args: readonly Operand[], params: Params): Operand;
}

const stack: MainTrace[] = [];

/**
 * Runs `body` with a new trace on the interpreter stack (Autodidax's `new_main`). The trace
 * gets a level above every live trace, so nested transformations never confuse each
 * other's values; it is retired when `body` returns or throws.
 *
 * @param make builds the trace for the level it is given
 * @param body the transformation's work
 */
export function withNewTrace<T extends MainTrace, R>(make: (level: number) => T, body: (trace: T) => R): R {
  const trace = make(stack.length + 1);
  stack.push(trace);
  try {
    return body(trace);
  } finally {
    stack.pop();
    trace.retired = true;
  }
}

/** Number of transformations currently running (the depth of the interpreter stack). */
export function traceDepth(): number {
  return stack.length;
}

/**
 * Picks the trace an application goes to: the one with the highest level among the
 * arguments' owners, or `undefined` when all arguments are concrete.
 */
export function findTopTrace(args: readonly unknown[]): Trace | undefined {
  let top: Trace | undefined;
  for (const a of args) {
    if (a instanceof Boxed) {
      const t = a[TRACE];
      if (t.retired) {
        throw new TracerError(
          `A value traced by ${t.transform} was used after ${t.transform} returned (the tracer escaped, for example ` +
            `through a closure or a global). Return it from the function you transform instead of storing it.`,
        );
      }
      if (top === undefined || t.level > top.level) top = t;
    }
  }
  return top;
}
