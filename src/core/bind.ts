import { evalElementwise, toConcrete } from './evaluate.js';
import type { Concrete, Primitive } from './primitive.js';
import { findTopTrace, type Operand, type Params } from './trace.js';

const NO_PARAMS: Params = Object.freeze({});

/**
 * Applies a primitive to its arguments (Autodidax's `bind`): sends the application to
 * the innermost transformation among the arguments' owners, or evaluates it on numbers
 * and arrays when every argument is concrete.
 *
 * @param prim the primitive
 * @param args its arguments
 * @param params parameters of a structural primitive
 */
export function bind(prim: Primitive, args: readonly Operand[], params: Params = NO_PARAMS): Operand {
  const top = findTopTrace(args);
  if (top !== undefined) return top.process(prim, args, params);
  return evalConcrete(prim, args, params);
}

/** Evaluates a primitive on concrete operands (the bottom of the interpreter stack). */
export function evalConcrete(prim: Primitive, args: readonly unknown[], params: Params = NO_PARAMS): Concrete {
  if (prim.kind === 'elementwise') return evalElementwise(prim, args);
  const concrete = args.map((a, i) => toConcrete(a, prim.name, i));
  return prim.impl(concrete, params);
}
