// Staging: run a function once on abstract values (tracers that know only their shape) and
// record every primitive it applies into the compiler's IR. This is how `jit` and the
// `vmap` fast path see a user's function as one straight-line program.
import { bind } from '../core/bind.js';
import { FluxionError, FluxionTypeError, ShapeError, TracerError, describeValue } from '../core/errors.js';
import { toFloat64Array } from '../core/kinds.js';
import type { Primitive, Shape } from '../core/primitive.js';
import { Boxed, MainTrace, TRACE, withNewTrace, type Operand, type Params, type Trace } from '../core/trace.js';
import { IRBuilder, isElementwiseIR, replayIR, type IR } from '../compile/ir.js';
import { compileIR, type CompileOptions, type CompiledProgram } from '../compile/program.js';
import { fillLikePrimitive, shapeOf } from '../ops/reduce.js';
import { Tracer } from './tracer.js';
import { mulTangentPrimitive } from './strongzero.js';
import { addPrimitive, mulPrimitive } from '../ops/arithmetic.js';

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
    if (prim === mulTangentPrimitive) return this.tracer(this.strongZeroProduct(ids[0]!, ids[1]!), shape);
    return this.tracer(this.builder.apply(prim, ids, params), shape);
  }

  // The chain rule's strong-zero product t ⊙ p = (t === 0 ? 0 : t·p) with a constant
  // operand, rewritten without the branch where that is exact bit for bit:
  //  - c ⊙ p with c ≠ 0 (or NaN) is c·p;
  //  - t ⊙ c with c finite and |c| ≥ 1 is t·c + 0: for t ≠ 0, |t·c| ≥ |t| > 0 cannot underflow
  //    to zero, so adding +0 changes nothing; for t = ±0 it turns ±0 into +0.
  //  - (a + 0) ⊙ p is a ⊙ p: `+ 0` only turns -0 into +0, and ⊙ gives +0 for either zero.
  private strongZeroProduct(t: number, p: number): number {
    const b = this.builder;
    for (let a = b.zeroNormalizedOperand(t); a !== undefined; a = b.zeroNormalizedOperand(t)) t = a;
    const tc = b.scalarConstant(t);
    if (tc !== undefined && tc !== 0) return b.apply(mulPrimitive, [t, p]);
    const pc = b.scalarConstant(p);
    if (pc !== undefined && Number.isFinite(pc) && Math.abs(pc) >= 1) {
      return b.apply(addPrimitive, [b.apply(mulPrimitive, [t, p]), b.constant(0)]);
    }
    return b.apply(mulTangentPrimitive, [t, p]);
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
        if (!(typeof o === 'number' || o instanceof Float64Array || o instanceof Boxed)) {
          throw new NotStageableError(`Result ${k + 1} is ${describeValue(o)}; staging handles numbers, vectors and one level of array (tuple).`);
        }
        const [id, shape] = trace.lift(o, `result ${k + 1}`);
        ids.push(id);
        shapes.push(shape);
      });
      return { ir: trace.builder.finish(ids), outputShapes: shapes, tuple };
    },
  );
}

// ---------------------------------------------------------------------------------------
// The staged fast path of vmap

/** Returned by a {@link stagedVmap} function when `f` has to run on the eager path. */
export const NOT_STAGED: unique symbol = Symbol('fluxion.notStaged');

/**
 * A key that is equal for two IRs exactly when they compute the same thing.
 *
 * @param ir the program
 * @param arrayId names a constant vector (by identity)
 */
export function irKey(ir: IR, arrayId: (a: Float64Array) => number): string {
  const parts: string[] = [String(ir.nInputs)];
  for (const n of ir.nodes) {
    if (n.op === 'input') parts.push(`i${n.index}`);
    else if (n.op === 'const') {
      if (typeof n.value === 'number') parts.push(Object.is(n.value, -0) ? 'c-0' : `c${n.value}`);
      else parts.push(`a${arrayId(n.value)}`);
    } else {
      parts.push(`${n.prim.name}(${n.args.join(',')})${Object.keys(n.params).length > 0 ? JSON.stringify(n.params) : ''}`);
    }
  }
  parts.push(`=>${ir.outputs.join(',')}`);
  return parts.join(';');
}

function mappedFlags(inAxes: unknown, nargs: number): boolean[] | undefined {
  if (inAxes === undefined || inAxes === 0) return Array.from({ length: nargs }, () => true);
  if (inAxes === null) return undefined;
  if (!Array.isArray(inAxes) || inAxes.length !== nargs) return undefined;
  const flags: boolean[] = [];
  for (const a of inAxes as readonly unknown[]) {
    if (a === 0) flags.push(true);
    else if (a === null) flags.push(false);
    else return undefined;
  }
  return flags.some((m) => m) ? flags : undefined;
}

const MAX_PROGRAMS = 32;

/**
 * The staged fast path of `vmap(f)`: stages `f` once per call on scalar abstract values
 * (one example), and when the recorded program is elementwise (a pure function of its
 * inputs built from fluxion ops), runs it as ONE compiled loop over the batch; compiled
 * loops are cached by the program they compute, so a closure whose captured constants
 * change is recompiled, never stale. Under an outer transformation it replays the program
 * through that transformation. Returns {@link NOT_STAGED} whenever the eager batching path
 * must run instead: `f` needs concrete values (a data-dependent `if`), uses reductions or
 * N-D examples, or an argument is not a vector of scalars.
 *
 * @param f the per-example function
 * @param inAxes vmap's `inAxes` option (`0`, `null` or one of them per argument)
 * @param options backend choice
 * @returns a function of the argument list giving the batched result or {@link NOT_STAGED}
 */
export function stagedVmap(
  f: (...args: unknown[]) => unknown,
  inAxes: unknown,
  options: CompileOptions = {},
): (args: readonly unknown[]) => unknown {
  const programs = new Map<string, CompiledProgram>();
  const arrays = new WeakMap<Float64Array, number>();
  let nextArray = 0;
  const arrayId = (a: Float64Array): number => {
    let id = arrays.get(a);
    if (id === undefined) arrays.set(a, (id = nextArray++));
    return id;
  };
  let eagerOnly = false;
  let compiled = 0;
  return (args) => {
    if (eagerOnly) return NOT_STAGED;
    const mapped = mappedFlags(inAxes, args.length);
    if (mapped === undefined) return NOT_STAGED;
    let boxed = false;
    let n = -1;
    const inputs: (number | Float64Array)[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (!mapped[i]) {
        if (typeof a !== 'number') return NOT_STAGED;
        inputs.push(a);
        continue;
      }
      let len: number;
      if (a instanceof Boxed) {
        const s = shapeOf(a);
        if (s.length !== 1) return NOT_STAGED;
        len = s[0]!;
        boxed = true;
      } else if (a instanceof Float64Array) {
        len = a.length;
        inputs.push(a);
      } else if (Array.isArray(a) && a.every((v) => typeof v === 'number')) {
        const arr = Float64Array.from(a as number[]);
        len = arr.length;
        inputs.push(arr);
      } else {
        return NOT_STAGED;
      }
      if (n >= 0 && len !== n) return NOT_STAGED;
      n = len;
    }
    let staged: StagedFunction;
    try {
      staged = stageFunction(f as (...a: Operand[]) => unknown, args.map(() => []), 'vmap');
    } catch (e) {
      if (e instanceof TracerError || e instanceof NotStageableError) {
        eagerOnly = true;
        return NOT_STAGED;
      }
      return NOT_STAGED;
    }
    const { ir, tuple, outputShapes } = staged;
    // One example must be a scalar function of scalars: no reductions, no captured vectors.
    if (!isElementwiseIR(ir) || outputShapes.some((s) => s.length > 0) || ir.nodes.some((x) => x.op === 'const' && typeof x.value !== 'number')) {
      return NOT_STAGED;
    }
    if (boxed) {
      const outs = replayIR(ir, args as Operand[]).map((o) =>
        // An output that does not depend on the batch comes back as a number: broadcast it.
        shapeOf(o).length === 0 ? bind(fillLikePrimitive as unknown as Primitive, [0, o], { dims: [], shape: [n] }) : o,
      );
      return tuple ? outs : outs[0];
    }
    const mask = mapped;
    const key = `${mask.map((m) => (m ? 'a' : 's')).join('')}|${irKey(ir, arrayId)}`;
    let program = programs.get(key);
    if (program === undefined) {
      // A function whose captured constants change on every call would compile on every
      // call: after MAX_PROGRAMS distinct programs, new ones take the eager path instead.
      if (compiled >= MAX_PROGRAMS) return NOT_STAGED;
      program = compileIR(ir, mask, ir.outputs.map(() => true), { ...options, length: n });
      compiled++;
      programs.set(key, program);
    }
    const results = program.run(inputs);
    return tuple ? results : results[0];
  };
}
