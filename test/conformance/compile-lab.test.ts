// The lab's functions compiled every way (lambdify of SymPy-style diff, jit, vmap fast path,
// compositions) against SymPy's exact derivatives (fixture made by
// test/fixtures/compile/lab_functions.py at 40 digits).
import { describe, expect, it } from 'vitest';
import { abs, add, cos, diff, div, exp, grad, jit, lambdify, log, mul, pow, sin, sub, symbols, vmap } from '../../src/index.js';
import type { Expr, Num } from '../../src/index.js';
import lab from '../fixtures/compile/lab_functions.json';

type Case = { f: string; df: string; points: { x: number; f: number; df: number }[] };
const cases = lab as Record<string, Case>;

const p = (t: Num) => add(sub(mul(2, pow(t, 3)), mul(3, pow(t, 2))), 5);
const FUNCTIONS: Record<string, (x: Num) => Num> = {
  square: (x) => pow(x, 2),
  cube: (x) => pow(x, 3),
  poly_simple: p,
  f_polynomial: (x) => p(p(p(x))),
  reciprocal: (x) => div(1, x),
  exp: (x) => exp(x),
  log: (x) => log(x),
  sin: (x) => sin(x),
  cos: (x) => cos(x),
  abs_sin_cos: (x) => add(abs(x), mul(sin(x), cos(x))),
};

// f_polynomial's derivative reaches 1e24 through heavy cancellation; 1e-12 relative holds
// for every function here.
function close(got: number, want: number, what: string): void {
  expect(Math.abs(got - want), `${what}: got ${got}, SymPy ${want}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
}

const [x] = symbols('x');

describe.each(Object.keys(FUNCTIONS))('%s', (name) => {
  const f = FUNCTIONS[name]!;
  const c = cases[name]!;
  const xs = Float64Array.from(c.points, (q) => q.x);

  it('jit(f), jit(vmap(grad(f))) and the closure backend match SymPy', () => {
    const fx = jit(f)(xs) as Float64Array;
    const a = jit(vmap(grad(f)))(xs) as Float64Array;
    const b = jit(vmap(grad(f)), { backend: 'closure' })(xs) as Float64Array;
    c.points.forEach((q, i) => {
      close(fx[i]!, q.f, `f(${q.x})`);
      close(a[i]!, q.df, `f'(${q.x})`);
      expect(Object.is(a[i], b[i])).toBe(true);
    });
  });

  it('vmap(grad(f)) (staged fast path), jit(grad(f)) and grad(jit(f)) match SymPy', () => {
    const v = vmap(grad(f))(xs) as Float64Array;
    c.points.forEach((q, i) => {
      close(v[i]!, q.df, `vmap f'(${q.x})`);
      close(jit(grad(f))(q.x) as number, q.df, `jit(grad) f'(${q.x})`);
      close(grad(jit(f))(q.x) as number, q.df, `grad(jit) f'(${q.x})`);
    });
  });

  it('lambdify(x, diff(f(x), x)) matches SymPy on arrays and numbers', () => {
    const d = lambdify(x, diff(f(x) as Expr, x));
    const r = d(xs) as Float64Array;
    c.points.forEach((q, i) => {
      close(r[i]!, q.df, `lambdify f'(${q.x})`);
      expect(d(q.x)).toBe(r[i]);
    });
  });
});
