// Property tests over random expression trees (seeded): one tree is one function written
// with fluxion's ops, so the same code runs symbolically, eagerly, batched and compiled.
// Laws checked: jit (exact mode) returns the eager numbers bit for bit; fastmath stays
// within rounding of them; symbolic diff agrees with grad (a different evaluation order,
// so within rounding amplified by cancellation). test/symbolic/properties.test.ts checks
// diff against central finite differences.
import { describe, expect, it } from 'vitest';
import { abs, add, cos, diff, div, exp, gt, grad, jit, lambdify, log, mul, pow, sin, sqrt, sub, symbols, tanh, vmap, where } from '../../src/index.js';
import type { Expr, Num } from '../../src/index.js';
import { mulberry32, uniform } from '../util/prng.js';

type Tree = { op: 'x' } | { op: 'c'; value: number } | { op: string; args: Tree[]; k?: number };

function randomTree(rand: () => number, depth: number): Tree {
  if (depth === 0 || rand() < 0.15) {
    return rand() < 0.6 ? { op: 'x' } : { op: 'c', value: rand() < 0.5 ? Math.floor(rand() * 7) - 3 : Math.round(uniform(rand, -3, 3) * 100) / 100 };
  }
  const a = () => randomTree(rand, depth - 1);
  const ops = ['add', 'sub', 'mul', 'div', 'pow', 'sin', 'cos', 'exp', 'log', 'sqrt', 'tanh', 'where'];
  const op = ops[Math.floor(rand() * ops.length)]!;
  const arity = ['add', 'sub', 'mul', 'div'].includes(op) ? 2 : op === 'where' ? 3 : 1;
  return { op, args: Array.from({ length: arity }, a), k: 1 + Math.floor(rand() * 4) };
}

/** The tree as a polymorphic function: numbers, arrays, expressions and tracers alike. */
function build(t: Tree, x: Num): Num {
  switch (t.op) {
    case 'x':
      return x;
    case 'c':
      return (t as { value: number }).value;
  }
  const n = t as { op: string; args: Tree[]; k: number };
  const [a, b, c] = n.args.map((s) => build(s, x)) as [Num, Num, Num];
  switch (n.op) {
    case 'add': return add(a, b);
    case 'sub': return sub(a, b);
    case 'mul': return mul(a, b);
    case 'div': return div(a, add(2, pow(b, 2)));
    case 'pow': return pow(a, n.k);
    case 'sin': return sin(a);
    case 'cos': return cos(a);
    case 'exp': return exp(mul(0.1, a));
    case 'log': return log(add(1, pow(a, 2)));
    case 'sqrt': return sqrt(add(1, abs(a)));
    case 'tanh': return tanh(a);
    default: return where(gt(a, 0), b, c);
  }
}

describe('random expression trees: jit, eager and symbolic diff', () => {
  it('agree: jit bit for bit with eager, fastmath and symbolic diff to rounding', () => {
    const rand = mulberry32(0x7ee5);
    const [X] = symbols('x');
    let compared = 0;
    for (let trial = 0; trial < 80; trial++) {
      const tree = randomTree(rand, 1 + Math.floor(rand() * 4));
      const f = (x: Num) => add(build(tree, x), mul(0, x)); // a function of x even when the tree is constant
      const xs = Float64Array.from({ length: 11 }, () => uniform(rand, -2, 2));

      const eager = vmap(grad(f))(xs);
      const compiled = jit(vmap(grad(f)))(xs) as Float64Array;
      const closure = jit(vmap(grad(f)), { backend: 'closure' })(xs) as Float64Array;
      const fast = jit(vmap(grad(f)), { fastmath: true })(xs) as Float64Array;
      const eager2 = vmap(grad(grad(f)))(xs);
      const compiled2 = jit(vmap(grad(grad(f))))(xs) as Float64Array;
      const e = build(tree, X as Num) as Expr;
      const d1 = lambdify(X as Expr, diff(e, X as Expr))(xs) as Float64Array | number;
      const d2 = lambdify(X as Expr, diff(e, X as Expr, 2))(xs) as Float64Array | number;

      xs.forEach((x, i) => {
        const what = `trial ${trial} at x = ${x}`;
        const g = eager[i]!;
        expect(Object.is(compiled[i], g), `${what}: jit vs eager`).toBe(true);
        expect(Object.is(closure[i], g), `${what}: closure vs eager`).toBe(true);
        expect(Object.is(compiled2[i], eager2[i]), `${what}: jit vs eager, second derivative`).toBe(true);
        expect(Object.is(jit(grad(f))(x), grad(f)(x)), `${what}: jit(grad) at a point`).toBe(true);
        if (!Number.isFinite(g)) return;
        // Rounding differences are amplified by cancellation: compare at the scale of the
        // function's derivatives there.
        const scale = Math.max(1, Math.abs(g), Math.abs(eager2[i]!));
        expect(Math.abs(fast[i]! - g), `${what}: fastmath`).toBeLessThanOrEqual(1e-9 * scale);
        const s1 = typeof d1 === 'number' ? d1 : d1[i]!;
        const s2 = typeof d2 === 'number' ? d2 : d2[i]!;
        expect(Math.abs(s1 - g), `${what}: diff vs grad`).toBeLessThanOrEqual(1e-9 * scale);
        if (Number.isFinite(eager2[i]!)) expect(Math.abs(s2 - eager2[i]!), `${what}: diff² vs grad²`).toBeLessThanOrEqual(1e-8 * scale);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(700);
  });
});
