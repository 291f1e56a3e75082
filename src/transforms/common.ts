// Helpers shared by the transformations: shapes, broadcasting a derivative to its
// primal's shape, summing it back down, and zeros.
import { bind } from '../core/bind.js';
import { ShapeError } from '../core/errors.js';
import type { ElementwisePrimitive, Primitive } from '../core/primitive.js';
import type { Operand, Params } from '../core/trace.js';
import { fillLikePrimitive, shapeOf, sum, zerosOf } from '../ops/reduce.js';

export { shapeOf, zerosOf };

/** Whether two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `[3, 2]` as text for messages. */
export function showShape(s: readonly number[]): string {
  return `[${s.join(', ')}]`;
}

/**
 * Makes a derivative `d` have the shape of `primal`: a scalar derivative of an array is
 * broadcast (every element moves together); an array derivative of a scalar is summed
 * (reverse mode with a broadcast scalar input).
 */
export function conform(d: Operand, primal: Operand): Operand {
  const ps = shapeOf(primal);
  const ds = shapeOf(d);
  if (ps.length === ds.length) return d;
  if (ps.length === 0) return sum(d);
  if (ds.length === 0) return bind(fillLikePrimitive as unknown as Primitive, [0, d], { shape: ps.slice(), dims: [] });
  throw new ShapeError(`internal: a derivative of shape ${showShape(ds)} cannot stand for a value of shape ${showShape(ps)}.`);
}

/** Calls partial `k` of an elementwise primitive with the primal args followed by the output. */
export function callPartial(prim: ElementwisePrimitive, k: number, primals: readonly Operand[], out: Operand): Operand {
  const rule = prim.partials[k]!;
  switch (primals.length) {
    case 1:
      return rule(primals[0]!, out);
    case 2:
      return rule(primals[0]!, primals[1]!, out);
    case 3:
      return rule(primals[0]!, primals[1]!, primals[2]!, out);
    default:
      return rule(...primals, out);
  }
}

/** Applies a primitive to values below the current trace (fast path: scalar elementwise). */
export function applyBelow(prim: Primitive, primals: readonly Operand[], params: Params): Operand {
  if (prim.kind === 'elementwise') {
    if (primals.length === 1) {
      const a = primals[0];
      if (typeof a === 'number') return prim.impl(a);
    } else if (primals.length === 2) {
      const a = primals[0];
      const b = primals[1];
      if (typeof a === 'number' && typeof b === 'number') return prim.impl(a, b);
    }
  }
  return bind(prim, primals, params);
}
