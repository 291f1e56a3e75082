import { FluxionTypeError, ShapeError, describeValue } from './errors.js';
import { isNDArray, toFloat64Array, type NDArray } from './kinds.js';
import type { Concrete, ElementwisePrimitive } from './primitive.js';

type Flat = number | Float64Array;

/**
 * Normalizes a concrete operand: `number[]` becomes a `Float64Array`; anything that is not
 * a number, array or N-D array is rejected with the argument's position.
 */
export function toConcrete(v: unknown, op: string, position: number): Concrete {
  if (typeof v === 'number' || v instanceof Float64Array) return v;
  if (Array.isArray(v)) return toFloat64Array(v, `${op}: argument ${position + 1}`);
  if (isNDArray(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  throw new FluxionTypeError(
    `${op}: argument ${position + 1} must be a number, a Float64Array, a number[] or an N-D array { data, shape }; got ${describeValue(v)}.`,
  );
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Applies an elementwise primitive to concrete operands. Scalars broadcast against arrays;
 * arrays must agree in length (or N-D shape). Returns a number when every operand is one.
 */
export function evalElementwise(prim: ElementwisePrimitive, raw: readonly unknown[]): Concrete {
  const n = raw.length;
  if (n !== prim.arity) {
    throw new FluxionTypeError(`${prim.name} takes ${prim.arity} argument(s), got ${n}.`);
  }
  // Scalar fast path: the common case for grad at a point.
  if (n === 1 && typeof raw[0] === 'number') return prim.impl(raw[0]);
  if (n === 2 && typeof raw[0] === 'number' && typeof raw[1] === 'number') return prim.impl(raw[0], raw[1]);

  let length = -1;
  let lengthFrom = -1;
  let ndShape: readonly number[] | undefined;
  const flat: Flat[] = new Array<Flat>(n);
  for (let i = 0; i < n; i++) {
    const c = toConcrete(raw[i], prim.name, i);
    let arr: Flat;
    if (isNDArray(c)) {
      if (ndShape !== undefined && !sameShape(ndShape, c.shape)) {
        throw new ShapeError(
          `${prim.name}: operands have shapes [${ndShape.join(', ')}] and [${c.shape.join(', ')}]. Elementwise ops need equal shapes (or a scalar).`,
        );
      }
      ndShape = c.shape;
      arr = c.data;
    } else {
      arr = c;
    }
    if (arr instanceof Float64Array) {
      if (length >= 0 && arr.length !== length) {
        throw new ShapeError(
          `${prim.name}: argument ${lengthFrom + 1} has length ${length} but argument ${i + 1} has length ${arr.length}. ` +
            'Elementwise ops need arrays of equal length (scalars broadcast).',
        );
      }
      length = arr.length;
      lengthFrom = i;
    }
    flat[i] = arr;
  }
  if (length < 0) return prim.impl(...(flat as number[]));
  const out = new Float64Array(length);
  if (prim.kernel !== undefined) {
    prim.kernel(out, ...flat);
  } else {
    genericLoop(prim.impl, out, flat);
  }
  if (ndShape !== undefined) {
    const nd: NDArray = { data: out, shape: ndShape.slice() };
    return nd;
  }
  return out;
}

function genericLoop(impl: (...xs: number[]) => number, out: Float64Array, flat: readonly Flat[]): void {
  const len = out.length;
  const [a, b, c] = flat;
  if (flat.length === 1) {
    const A = a as Float64Array;
    for (let i = 0; i < len; i++) out[i] = impl(A[i]!);
  } else if (flat.length === 2) {
    // Specialize on which side is a scalar so the loop body has no per-element branching.
    if (typeof a === 'number') { const B = b as Float64Array; for (let i = 0; i < len; i++) out[i] = impl(a, B[i]!); }
    else if (typeof b === 'number') { for (let i = 0; i < len; i++) out[i] = impl(a![i]!, b); }
    else { const B = b as Float64Array; for (let i = 0; i < len; i++) out[i] = impl(a![i]!, B[i]!); }
  } else if (flat.length === 3) {
    const at = (f: Flat | undefined, i: number): number => (typeof f === 'number' ? f : f![i]!);
    for (let i = 0; i < len; i++) out[i] = impl(at(a, i), at(b, i), at(c, i));
  } else {
    const scratch = new Array<number>(flat.length);
    for (let i = 0; i < len; i++) {
      for (let k = 0; k < flat.length; k++) {
        const f = flat[k]!;
        scratch[k] = typeof f === 'number' ? f : f[i]!;
      }
      out[i] = impl(...scratch);
    }
  }
}
