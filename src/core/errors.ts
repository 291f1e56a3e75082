/**
 * Base class of every error fluxion throws on purpose. Messages say what was wrong,
 * what was given, and what to do instead.
 *
 * @example
 * ```ts
 * import { add, FluxionError } from 'fluxion';
 * let caught: unknown;
 * try { add(new Float64Array(2), new Float64Array(3)); } catch (e) { caught = e; }
 * caught instanceof FluxionError; // true
 * ```
 */
export class FluxionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Two values whose shapes cannot be combined (arrays of different lengths, a vector where
 * a scalar was required, …).
 *
 * @example
 * ```ts
 * import { mul, ShapeError } from 'fluxion';
 * let caught: unknown;
 * try { mul([1, 2], [1, 2, 3]); } catch (e) { caught = e; }
 * caught instanceof ShapeError; // true
 * ```
 */
export class ShapeError extends FluxionError {}

/**
 * A value of the wrong kind: a string or `null` where a number was expected, a tracer used
 * as a JavaScript primitive, and so on.
 *
 * @example
 * ```ts
 * import { sin, FluxionTypeError } from 'fluxion';
 * let caught: unknown;
 * try { sin('1' as unknown as number); } catch (e) { caught = e; }
 * caught instanceof FluxionTypeError; // true
 * ```
 */
export class FluxionTypeError extends FluxionError {}

/**
 * A transformation's value (a tracer) was used after its transformation returned, or in a
 * way that would silently give a wrong derivative.
 *
 * @example
 * ```ts
 * import { TracerError } from 'fluxion';
 * new TracerError('escaped').name; // 'TracerError'
 * ```
 */
export class TracerError extends FluxionError {}

/**
 * A tracer was asked for a concrete value (`x > 0`, `+x`, `x * 2` on a tracer, or on a
 * symbolic expression). It carries the trace that owns the tracer, so the transformation
 * that made it can step aside: `vmap` then runs `f` one example at a time, `jit` runs `f`
 * eagerly. Under `grad` it reaches the caller: use `where(gt(x, 0), a, b)`.
 *
 * @example
 * ```ts
 * import { grad, ConcreteValueError } from 'fluxion';
 * let caught: unknown;
 * try { grad((x) => (x > 0 ? x : 0))(1); } catch (e) { caught = e; }
 * caught instanceof ConcreteValueError; // true
 * ```
 */
export class ConcreteValueError extends TracerError {
  constructor(
    message: string,
    /** The trace (interpreter) that owns the tracer. */
    readonly owner: object,
  ) {
    super(message);
  }
}

/** Describes a value for an error message: its kind and, for arrays, its length or shape. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return `number ${v}`;
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (v instanceof Float64Array) return `Float64Array of length ${v.length}`;
  if (Array.isArray(v)) return `array of length ${v.length}`;
  if (typeof v === 'object') {
    const ctor = (v as { constructor?: { name?: string } }).constructor?.name;
    return ctor && ctor !== 'Object' ? `${ctor}` : 'plain object';
  }
  return typeof v;
}
