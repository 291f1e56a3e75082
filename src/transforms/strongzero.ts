// The chain rule's multiply, with a STRONG zero: a tangent (or cotangent) that is exactly 0
// times any partial, even an infinite or NaN one, is 0. This is what keeps the branch that
// `where` did not take from poisoning a derivative: grad(x => where(gt(x, 0), sqrt(x), 0))(0)
// is 0 (JAX gives NaN there, because its 0 * inf is NaN).
import { bind } from '../core/bind.js';
import { elementwise } from '../core/primitive.js';
import { findTopTrace, type Operand } from '../core/trace.js';
import { add, mul } from '../ops/arithmetic.js';
import { binaryOp } from '../ops/signatures.js';

type Arg = number | Float64Array;

// out[i] = t[i] === 0 ? 0 : t[i] * p[i], scalars broadcast
function mulTangentKernel(out: Float64Array, t?: Arg, p?: Arg): void {
  const n = out.length;
  if (typeof t === 'number') {
    const P = p as Float64Array;
    if (t === 0) out.fill(0);
    else for (let i = 0; i < n; i++) out[i] = t * P[i]!;
  } else if (typeof p === 'number') {
    const T = t as Float64Array;
    for (let i = 0; i < n; i++) {
      const a = T[i]!;
      out[i] = a === 0 ? 0 : a * p;
    }
  } else {
    const T = t as Float64Array;
    const P = p as Float64Array;
    for (let i = 0; i < n; i++) {
      const a = T[i]!;
      out[i] = a === 0 ? 0 : a * P[i]!;
    }
  }
}

/**
 * The primitive record of the chain rule's strong-zero product `t ⊙ p`: `0` where the
 * tangent `t` is exactly zero, else `t · p`. Registered like every primitive, so derivatives
 * of derivatives (and staged, compiled derivatives) go through it too.
 */
export const mulTangentPrimitive = elementwise({
  name: 'mul_tangent',
  total: true,
  impl: (t: number, p: number) => (t === 0 ? 0 : t * p),
  // d(t ⊙ p) = p dt + t dp; both terms are again strong-zero products in the chain rule
  partials: [(_t, p) => p, (t) => t],
  kernel: mulTangentKernel,
  print: {
    str: (t, p) => `mul_tangent(${t}, ${p})`,
    latex: (t, p) => `${t} \\odot ${p}`,
    js: (t, p) => `(${t} === 0 ? 0 : ${t} * ${p})`,
  },
});

const mulTangentOp = binaryOp(mulTangentPrimitive);

/**
 * The chain rule's product of a tangent (or cotangent) `t` and a partial derivative `p`,
 * with a strong zero. Fast paths: numbers; `t === 1` returns `p`; `t === 0` or `p === 0`
 * returns 0. On symbolic expressions it is the ordinary product (no 0·∞ arises there).
 *
 * @param t the tangent or cotangent
 * @param p the partial derivative
 * @returns `t ⊙ p`
 */
export function mulTangent(t: Operand, p: Operand): Operand {
  if (typeof t === 'number') {
    if (t === 0) return 0;
    if (typeof p === 'number') return t * p;
    if (t === 1) return p;
  } else if (p === 0) {
    return 0;
  } else if (p === 1) {
    return t;
  }
  const top = findTopTrace([t, p]);
  if (top !== undefined && top.level === 0) return mul(t, p);
  return top === undefined ? mulTangentOp(t, p) : bind(mulTangentPrimitive, [t, p]);
}

/** Adds two tangents where `null` is an exact zero. */
export function addTangent(a: Operand | null, b: Operand | null): Operand | null {
  if (a === null) return b;
  if (b === null) return a;
  return add(a, b);
}
