// Reverse mode: a tape. While f runs, every primitive applied to this transformation's
// values appends one node to a flat list in execution order (a Wengert list); the
// backward pass is a loop over that list from the end, accumulating cotangents
// ct[input] += ct[node] ⊙ ∂f/∂input with the partials taken from the primitive's record
// (structural primitives use their vjp rule). Partials are fluxion ops evaluated on the
// primal values, so when the pullback runs inside another transformation they are traced
// too: that is how grad(grad(f)) and jacfwd(jacrev(f)) work.
import { FluxionTypeError, ShapeError } from '../core/errors.js';
import { isNDArray, type NDArray } from '../core/kinds.js';
import type { Primitive } from '../core/primitive.js';
import { MainTrace, TRACE, withNewTrace, type Operand, type Params } from '../core/trace.js';
import { addTangent, mulTangent } from './strongzero.js';
import { applyBelow, callPartial, conform, sameShape, shapeOf, showShape, zerosOf } from './common.js';
import { sum } from '../ops/reduce.js';
import { flatten, flattenAs, unflatten, type Flat } from './pytree.js';
import { Tracer } from './tracer.js';

/** A value recorded on a reverse-mode tape: its primal and its node number. */
export class RevTracer extends Tracer {
  constructor(
    readonly trace: RevTrace,
    readonly primal: Operand,
    readonly id: number,
  ) {
    super();
  }
  get [TRACE](): RevTrace {
    return this.trace;
  }
  get shape(): readonly number[] {
    return shapeOf(this.primal);
  }
}

// A contribution to a cotangent: an array one for a scalar primal is summed (the primal
// was broadcast); a scalar one for an array primal stays a lazy broadcast.
function reduceTo(c: Operand, primal: Operand): Operand {
  const cs = shapeOf(c);
  if (cs.length === 0) return c;
  return shapeOf(primal).length === 0 ? sum(c) : c;
}

/** One tape node: a primitive application (inputs have `prim === null`). */
interface Node {
  readonly prim: Primitive | null;
  readonly params: Params;
  readonly primals: readonly Operand[];
  /** Node number of each argument on this tape, or -1 for a constant. */
  readonly parents: readonly number[];
  readonly out: Operand;
}

const NO_PARAMS: Params = Object.freeze({});

/** The interpreter of one reverse-mode transformation instance; owns its tape. */
export class RevTrace extends MainTrace {
  readonly tape: Node[] = [];

  /** Records an input of the function being differentiated. */
  input(primal: Operand): RevTracer {
    const id = this.tape.length;
    this.tape.push({ prim: null, params: NO_PARAMS, primals: [], parents: [], out: primal });
    return new RevTracer(this, primal, id);
  }

  process(prim: Primitive, args: readonly Operand[], params: Params): Operand {
    const n = args.length;
    // the node's primals: the arguments with this trace's tracers unwrapped
    const primals = args.slice();
    const parents = n === 1 ? [-1] : n === 2 ? [-1, -1] : new Array<number>(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const a = primals[i];
      if (a instanceof RevTracer && a.trace === this) {
        primals[i] = a.primal;
        parents[i] = a.id;
      }
    }
    const out = applyBelow(prim, primals, params);
    // piecewise-constant primitives (comparisons, sign) give constants
    if (prim.kind === 'elementwise' && !prim.differentiable) return out;
    const id = this.tape.length;
    this.tape.push({ prim, params, primals, parents, out });
    return new RevTracer(this, out, id);
  }

  /**
   * Copies a concrete array cotangent that IS one of the tape's own values or one of the
   * seeds (fast paths such as `1 ⊙ p = p` return values as they are), so a caller never
   * gets an alias of its input, a captured constant or an intermediate.
   */
  unalias(c: Operand, seeds: readonly (Operand | null)[]): Operand {
    const data = c instanceof Float64Array ? c : isNDArray(c) ? c.data : null;
    if (data === null) return c;
    const same = (v: unknown) => v === data || (isNDArray(v) && v.data === data);
    let hit = seeds.some(same);
    for (let k = 0; !hit && k < this.tape.length; k++) {
      const node = this.tape[k]!;
      hit = same(node.out) || node.primals.some(same);
    }
    if (!hit) return c;
    return c instanceof Float64Array ? c.slice() : { data: data.slice(), shape: (c as NDArray).shape.slice() };
  }

  /**
   * The backward pass: given the cotangent of some nodes, the cotangents of the inputs
   * (`null` = zero). A loop from the last node to the first; never recursion.
   *
   * A cotangent may be a scalar standing for an array of that value everywhere (what the
   * cotangent of `sum(x)` is): elementwise rules consume it as it is (`g ⊙ ∂f` broadcasts),
   * structural rules get it materialized, and {@link vjpFlat} broadcasts it at the end.
   * That saves one array pass per node after a `sum`.
   */
  backward(seeds: readonly (readonly [number, Operand])[], inputIds: readonly number[]): (Operand | null)[] {
    const tape = this.tape;
    const ct = new Array<Operand | null>(tape.length).fill(null);
    let last = -1;
    for (const [id, g] of seeds) {
      ct[id] = addTangent(ct[id]!, g);
      if (id > last) last = id;
    }
    for (let k = last; k >= 0; k--) {
      const g = ct[k]!;
      if (g === null) continue;
      const node = tape[k]!;
      const prim = node.prim;
      if (prim === null) continue; // an input: keep its cotangent
      ct[k] = null; // free memory as we go
      const { primals, parents, out } = node;
      if (prim.kind === 'elementwise') {
        for (let i = 0; i < parents.length; i++) {
          const p = parents[i]!;
          if (p < 0) continue;
          const partial = callPartial(prim, i, primals, out);
          if (partial === 0) continue;
          let c = mulTangent(g, partial);
          if (typeof out !== 'number') {
            const pi = primals[i]!;
            if (shapeOf(pi).length === 0) {
              // a scalar operand broadcast against an array: sum its contributions
              if (shapeOf(c).length > 0) c = sum(c);
              else if (shapeOf(out).length > 0) c = sum(conform(c, out));
            }
          }
          ct[p] = addTangent(ct[p]!, c);
        }
      } else {
        // structural rules need the cotangent in full: materialize a lazy scalar
        const full = typeof out !== 'number' && shapeOf(g).length === 0 && shapeOf(out).length > 0 ? conform(g, out) : g;
        const cs = prim.vjp(primals, full, node.params, out);
        for (let i = 0; i < parents.length; i++) {
          const p = parents[i]!;
          const c = cs[i];
          if (p < 0 || c === null || c === undefined) continue;
          ct[p] = addTangent(ct[p]!, reduceTo(c, primals[i]!));
        }
      }
    }
    return inputIds.map((id) => ct[id]!);
  }
}

/** What {@link vjpFlat} returns: the output and a pullback over flat cotangent leaves. */
export interface VjpResult {
  readonly out: Flat;
  readonly primals: Operand[];
  /** Cotangent leaves of the output (null = 0) → cotangent leaves of every input (zeros materialized). */
  readonly pullback: (cts: readonly (Operand | null)[]) => Operand[][];
}

/**
 * Runs `f` with the leaves of the chosen arguments recorded on a fresh tape.
 *
 * @param f the function
 * @param args all arguments
 * @param inputs the differentiated arguments, flattened
 * @param name the transformation's name for messages (`grad`, `vjp`, …)
 */
export function vjpFlat(
  f: (...args: unknown[]) => unknown,
  args: readonly unknown[],
  inputs: readonly { arg: number; flat: Flat }[],
  name: string,
): VjpResult {
  return withNewTrace(
    (level) => new RevTrace(level, name),
    (trace) => {
      const callArgs = args.slice();
      const ids: number[][] = inputs.map(({ arg, flat }) => {
        const tracers = flat.leaves.map((leaf) => trace.input(leaf as Operand));
        callArgs[arg] = unflatten(flat.def, tracers);
        return tracers.map((t) => t.id);
      });
      const result = f(...callArgs);
      const out = flatten(result, `the output of the function given to ${name}`);
      const outIds: number[] = [];
      const primals = out.leaves.map((leaf) => {
        if (leaf instanceof RevTracer && leaf.trace === trace) {
          outIds.push(leaf.id);
          return leaf.primal;
        }
        outIds.push(-1);
        return leaf as Operand;
      });
      const flatIds = ids.flat();
      const pullback = (cts: readonly (Operand | null)[]): Operand[][] => {
        const seeds: [number, Operand][] = [];
        cts.forEach((c, j) => {
          const id = outIds[j]!;
          if (c !== null && id >= 0) seeds.push([id, c]);
        });
        const res = trace.backward(seeds, flatIds);
        let k = 0;
        return inputs.map(({ flat }) =>
          flat.leaves.map((leaf) => {
            const c = res[k++]!;
            return c === null ? zerosOf(shapeOf(leaf)) : trace.unalias(conform(c, leaf as Operand), cts);
          }),
        );
      };
      return { out, primals, pullback };
    },
  );
}

/**
 * Reverse-mode derivative (vector-Jacobian product): evaluates `f` at `primals`, recording
 * a tape, and returns the output with a pullback `ct ↦ ctᵀ ∂f` that gives one cotangent
 * per argument (shaped like it). Inputs and outputs may be pytrees.
 *
 * @param f the function to differentiate, written with fluxion ops
 * @param primals the point: the arguments of `f`
 * @returns `[f(...primals), pullback]`; `pullback(ct)` returns an array with one cotangent per argument
 * @example
 * ```ts
 * import { vjp, mul } from 'fluxion';
 * const [y, pullback] = vjp((x, w) => mul(x, w), 3, 4);
 * y; // 12
 * pullback(1); // [4, 3]
 * ```
 */
export function vjp<Out = unknown>(
  f: (...args: never[]) => Out,
  ...primals: unknown[]
): [Out, (cotangent: Out) => unknown[]] {
  if (typeof f !== 'function') throw new FluxionTypeError(`vjp: the first argument must be a function, got ${typeof f}.`);
  const inputs = primals.map((p, i) => ({ arg: i, flat: flatten(p, `vjp(f)(...): argument ${i}`) }));
  const res = vjpFlat(f as (...args: unknown[]) => unknown, primals, inputs, 'vjp');
  const pullback = (cotangent: Out): unknown[] => {
    const ct = flattenAs(cotangent, res.out.def, 'vjp: the cotangent');
    ct.leaves.forEach((leaf, j) => {
      const os = shapeOf(res.primals[j]);
      if (!sameShape(os, shapeOf(leaf))) {
        throw new ShapeError(
          `vjp: the cotangent${ct.paths[j] ? ` at path ${ct.paths[j]}` : ''} has shape ${showShape(shapeOf(leaf))} but the output has shape ${showShape(os)}.`,
        );
      }
    });
    const cts = res.pullback(ct.leaves as Operand[]);
    return cts.map((leaves, i) => unflatten(inputs[i]!.flat.def, leaves));
  };
  return [unflatten(res.out.def, res.primals) as Out, pullback];
}
