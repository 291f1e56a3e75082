// Forward mode: dual numbers. A JvpTracer carries a primal value and its tangent (null is
// an exact zero); every elementwise primitive's tangent is Σᵢ tᵢ ⊙ ∂ᵢf, with the partials
// taken from the primitive's record and ⊙ the strong-zero product. Structural primitives
// use their record's jvp rule. Each jvp call runs at its own level of the interpreter stack.
import { FluxionTypeError, ShapeError } from '../core/errors.js';
import type { Primitive } from '../core/primitive.js';
import { MainTrace, TRACE, withNewTrace, type Operand, type Params } from '../core/trace.js';
import { addTangent, mulTangent } from './strongzero.js';
import { applyBelow, callPartial, conform, sameShape, shapeOf, showShape, zerosOf } from './common.js';
import { flatten, flattenAs, unflatten, type Flat } from './pytree.js';
import { Tracer } from './tracer.js';

/** A dual number `primal + tangent·ε` of one forward-mode transformation. */
export class JvpTracer extends Tracer {
  constructor(
    readonly trace: JvpTrace,
    readonly primal: Operand,
    readonly tangent: Operand | null,
  ) {
    super();
  }
  get [TRACE](): JvpTrace {
    return this.trace;
  }
  get shape(): readonly number[] {
    return shapeOf(this.primal);
  }
}

/** The interpreter of one forward-mode transformation instance. */
export class JvpTrace extends MainTrace {
  process(prim: Primitive, args: readonly Operand[], params: Params): Operand {
    const n = args.length;
    const primals = args.slice();
    const tangents: (Operand | null)[] = n === 1 ? [null] : n === 2 ? [null, null] : new Array<Operand | null>(n).fill(null);
    for (let i = 0; i < n; i++) {
      const a = primals[i];
      if (a instanceof JvpTracer && a.trace === this) {
        primals[i] = a.primal;
        tangents[i] = a.tangent;
      }
    }
    const out = applyBelow(prim, primals, params);
    if (prim.kind === 'elementwise') {
      // piecewise-constant primitives (comparisons, sign) give constants
      if (!prim.differentiable) return out;
      let t: Operand | null = null;
      for (let i = 0; i < n; i++) {
        const ti = tangents[i]!;
        if (ti === null) continue;
        const p = callPartial(prim, i, primals, out);
        if (p === 0) continue;
        t = addTangent(t, mulTangent(ti, p));
      }
      if (t !== null && typeof out !== 'number') t = conform(t, out);
      return new JvpTracer(this, out, t);
    }
    return new JvpTracer(this, out, prim.jvp(primals, tangents, params, out));
  }
}

/** Splits an output leaf into primal and tangent for the trace `trace`. */
export function lowerJvp(leaf: unknown, trace: JvpTrace): [Operand, Operand | null] {
  if (leaf instanceof JvpTracer && leaf.trace === trace) return [leaf.primal, leaf.tangent];
  return [leaf as Operand, null];
}

/**
 * Runs `f` on dual numbers: `primals` and `tangents` are flat leaves; a `null` tangent is
 * zero. Returns the output structure, its primal leaves and its tangent leaves (null = 0).
 */
export function jvpFlat(
  f: (...args: unknown[]) => unknown,
  args: readonly unknown[],
  inputs: readonly { arg: number; flat: Flat }[],
  tangents: readonly (readonly (Operand | null)[])[],
  name: string,
): { out: Flat; primals: Operand[]; tangents: (Operand | null)[] } {
  return withNewTrace(
    (level) => new JvpTrace(level, name),
    (trace) => {
      const callArgs = args.slice();
      inputs.forEach(({ arg, flat }, k) => {
        const ts = tangents[k]!;
        const leaves = flat.leaves.map((leaf, j) => new JvpTracer(trace, leaf, ts[j] ?? null));
        callArgs[arg] = unflatten(flat.def, leaves);
      });
      const result = f(...callArgs);
      const out = flatten(result, `the output of the function given to ${name}`);
      const primals: Operand[] = [];
      const ts: (Operand | null)[] = [];
      for (const leaf of out.leaves) {
        const [p, t] = lowerJvp(leaf, trace);
        primals.push(p);
        ts.push(t === null ? null : conform(t, p));
      }
      return { out, primals, tangents: ts };
    },
  );
}

/**
 * Forward-mode derivative (Jacobian-vector product): evaluates `f` at `primals` and its
 * directional derivative along `tangents`, `∂f(x)·t`, in one pass on dual numbers.
 * Inputs and outputs may be numbers, arrays or nested arrays/objects (pytrees); each
 * tangent has its primal's structure and shapes.
 *
 * @param f the function to differentiate, written with fluxion ops
 * @param primals the point, one entry per argument of `f`
 * @param tangents the direction, one entry per argument, shaped like `primals`
 * @returns `[f(...primals), ∂f · tangents]`
 * @example
 * ```ts
 * import { jvp, sin, mul } from 'fluxion';
 * jvp((x) => mul(x, x), [3], [1]); // [9, 6]
 * jvp(sin, [0], [2]); // [0, 2]
 * ```
 */
export function jvp<Out = unknown>(
  f: (...args: never[]) => Out,
  primals: readonly unknown[],
  tangents: readonly unknown[],
): [Out, Out] {
  if (typeof f !== 'function') throw new FluxionTypeError(`jvp: the first argument must be a function, got ${typeof f}.`);
  if (!Array.isArray(primals) || !Array.isArray(tangents)) {
    throw new FluxionTypeError('jvp takes arrays of arguments: jvp(f, [x, y], [tx, ty]).');
  }
  if (primals.length !== tangents.length) {
    throw new FluxionTypeError(
      `jvp: got ${primals.length} primal(s) but ${tangents.length} tangent(s). Give one tangent per argument, shaped like it.`,
    );
  }
  const inputs = primals.map((p, i) => ({ arg: i, flat: flatten(p, `jvp: primal ${i}`) }));
  const ts = tangents.map((t, i) => {
    const fp = inputs[i]!.flat;
    const ft = flattenAs(t, fp.def, `jvp: tangent ${i}`);
    ft.leaves.forEach((leaf, j) => {
      const ps = shapeOf(fp.leaves[j]);
      const tsh = shapeOf(leaf);
      if (!sameShape(ps, tsh)) {
        throw new ShapeError(
          `jvp: tangent ${i}${ft.paths[j] ? ` at path ${ft.paths[j]}` : ''} has shape ${showShape(tsh)} but its primal has shape ${showShape(ps)}.`,
        );
      }
    });
    return ft.leaves as Operand[];
  });
  const res = jvpFlat(f as (...args: unknown[]) => unknown, primals, inputs, ts, 'jvp');
  const tOut = res.tangents.map((t, j) => t ?? zerosOf(shapeOf(res.primals[j])));
  return [unflatten(res.out.def, res.primals) as Out, unflatten(res.out.def, tOut) as Out];
}

