// Staging: run a function once on abstract values (tracers that know only their shape) and
// record every primitive it applies into the compiler's IR. This is how `jit` and the
// `vmap` fast path see a user's function as one straight-line program.
import { FluxionError, FluxionTypeError, ShapeError, describeValue } from '../core/errors.js';
import { toFloat64Array } from '../core/kinds.js';
import type { Primitive, Shape } from '../core/primitive.js';
import { Boxed, MainTrace, TRACE, withNewTrace, type Operand, type Params, type Trace } from '../core/trace.js';
import { IRBuilder, type IR } from '../compile/ir.js';
import { Tracer } from './tracer.js';

/**
 * Thrown while staging when a function cannot be recorded as a straight-line program (it
 * mixes in a value of an outer transformation, uses N-D arrays, returns something that is
 * not a number, vector or tuple of them). Callers catch it and run the function eagerly.
 */
export class NotStageableError extends FluxionError {}

/** An abstract value being staged: an IR node id and a shape (`[]` or `[n]`). */
export class StageTracer extends Tracer {
  /** @internal */
  constructor(
    private readonly owner: StageTrace,
    /** The IR node that computes this value. */
    readonly node: number,
    private readonly abstractShape: Shape,
  ) {
    super();
  }

  /** `[]` for a scalar, `[n]` for a vector. */
  get shape(): readonly number[] {
    return this.abstractShape;
  }

  /** The staging trace that owns this value. */
  get [TRACE](): Trace {
    return this.owner;
  }

  /** A short description, for error messages. */
  override toString(): string {
    return `StageTracer(v${this.node}, shape [${this.shape.join(', ')}])`;
  }
}

/** The staging interpreter: each primitive application becomes an IR node. */
export class StageTrace extends MainTrace {
  /** The program being recorded. */
  readonly builder = new IRBuilder();

  constructor(level: number, transform: string) {
    super(level, transform);
  }

  /** Wraps IR node `node` of shape `shape` as a tracer of this trace. */
  tracer(node: number, shape: Shape): StageTracer {
    return new StageTracer(this, node, shape);
  }

  /** The IR node and shape of an operand: a tracer of this trace or a captured constant. */
  lift(v: unknown, what: string): [number, Shape] {
    if (v instanceof StageTracer && v[TRACE] === this) return [v.node, v.shape];
    if (v instanceof Boxed) {
      throw new NotStageableError(`${what} is a value of an outer transformation (${v[TRACE].transform}); staging cannot capture it.`);
    }
    if (typeof v === 'number') return [this.builder.constant(v), []];
    if (v instanceof Float64Array) return [this.builder.constantArray(v), [v.length]];
    if (Array.isArray(v)) {
      const a = toFloat64Array(v as readonly number[], what);
      return [this.builder.constantArray(a), [a.length]];
    }
    if (typeof v === 'object' && v !== null && 'shape' in v) {
      throw new NotStageableError(`${what} is an N-D array; staging handles numbers and vectors.`);
    }
    throw new FluxionTypeError(`${what} must be a number, a Float64Array, a number[] or a traced value; got ${describeValue(v)}.`);
  }

  process(prim: Primitive, args: readonly Operand[], params: Params): Operand {
    const ids: number[] = [];
    const shapes: Shape[] = [];
    args.forEach((a, i) => {
      const [id, shape] = this.lift(a, `${prim.name}: argument ${i + 1}`);
      ids.push(id);
      shapes.push(shape);
    });
    let shape: Shape;
    if (prim.kind === 'elementwise') {
      shape = [];
      let from = -1;
      shapes.forEach((s, i) => {
        if (s.length === 0) return;
        if (shape.length > 0 && s[0] !== shape[0]) {
          throw new ShapeError(
            `${prim.name}: argument ${from + 1} has length ${shape[0]} but argument ${i + 1} has length ${s[0]}. ` +
              'Elementwise ops need arrays of equal length (scalars broadcast).',
          );
        }
        shape = s;
        from = i;
      });
    } else {
      shape = prim.shape(shapes, params);
      if (shape.length > 1) throw new NotStageableError(`${prim.name} produced an N-D value; staging handles numbers and vectors.`);
    }
    return this.tracer(this.builder.apply(prim, ids, params), shape);
  }
}

/** A function recorded by {@link stageFunction}. */
export interface StagedFunction {
  /** The recorded program (dead code removed). */
  readonly ir: IR;
  /** Shape of each output. */
  readonly outputShapes: readonly Shape[];
  /** Whether the function returned one value or an array (tuple) of values. */
  readonly tuple: boolean;
}

/**
 * Runs `f` once on abstract arguments of the given shapes and records the primitives it
 * applies. Constants it captures (numbers, vectors) become IR constants; operations on
 * constants alone are evaluated while staging, so they are folded in.
 *
 * Throws {@link NotStageableError} (or the `TracerError` of a JavaScript operator applied
 * to a tracer, e.g. a data-dependent `if`) when `f` cannot be staged.
 *
 * @param f the function
 * @param argShapes one shape per argument: `[]` for a number, `[n]` for a vector
 * @param transform name used in error messages (`jit`, `vmap`)
 * @returns the IR, the output shapes and whether `f` returned a tuple
 */
export function stageFunction(f: (...args: Operand[]) => unknown, argShapes: readonly Shape[], transform = 'jit'): StagedFunction {
  return withNewTrace(
    (level) => new StageTrace(level, transform),
    (trace) => {
      const inputs = argShapes.map((s) => trace.tracer(trace.builder.input(), s));
      const result = f(...inputs);
      const tuple = Array.isArray(result);
      const outs: readonly unknown[] = tuple ? (result as readonly unknown[]) : [result];
      const ids: number[] = [];
      const shapes: Shape[] = [];
      outs.forEach((o, k) => {
        if (Array.isArray(o)) throw new NotStageableError('Nested arrays of results are not staged.');
        const [id, shape] = trace.lift(o, `result ${k + 1}`);
        ids.push(id);
        shapes.push(shape);
      });
      return { ir: trace.builder.finish(ids), outputShapes: shapes, tuple };
    },
  );
}
