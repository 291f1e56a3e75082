import { describe, expect, it } from 'vitest';
import {
  abs, add, cos, diff, div, evalf, exp, func, grad, jit, lambdify, log, mul, neg, parse, pow, sin, sqrt, sub, symbols, vmap,
  defineFunction, FluxionError,
} from '../../src/index.js';
import type { Expr, Num } from '../../src/index.js';
import { mulberry32, uniform } from '../util/prng.js';

const [x, y, z] = symbols('x y z') as [Expr, Expr, Expr];

describe('lambdify', () => {
  it('evaluates on numbers, arrays, number[] and N-D arrays, broadcasting scalars', () => {
    const f = lambdify([x, y], add(mul(x, y), sin(x)));
    expect(f(2, 3)).toBe(2 * 3 + Math.sin(2));
    expect(Array.from(f(Float64Array.of(1, 2), 3) as Float64Array)).toEqual([3 + Math.sin(1), 6 + Math.sin(2)]);
    expect(Array.from(f([1, 2], [0, 1]) as Float64Array)).toEqual([Math.sin(1), 2 + Math.sin(2)]);
    const nd = f({ data: Float64Array.of(1, 2, 3, 4), shape: [2, 2] }, 0) as unknown as { data: Float64Array; shape: number[] };
    expect(nd.shape).toEqual([2, 2]);
    expect(Array.from(nd.data)).toEqual([1, 2, 3, 4].map(Math.sin));
  });

  it('returns an array of the input length for a constant expression', () => {
    expect(Array.from(lambdify(x, parse('3/4'))(Float64Array.of(1, 2, 3)) as Float64Array)).toEqual([0.75, 0.75, 0.75]);
    expect(Array.from(lambdify(x, 2)([5, 6]) as Float64Array)).toEqual([2, 2]);
    expect(lambdify(x, 2)(5)).toBe(2);
  });

  it('evaluates d|x|/dx = sign(x) everywhere, 0 at the kink', () => {
    expect(Array.from(lambdify(x, diff(abs(x), x))([1, -2, 0]) as Float64Array)).toEqual([1, -1, 0]);
  });

  it('writes into an out array', () => {
    const out = new Float64Array(2);
    const r = lambdify(x, mul(x, x))(Float64Array.of(3, 4), { out });
    expect(r).toBe(out);
    expect(Array.from(out)).toEqual([9, 16]);
  });

  it('accepts tracers, so transformations compose with it', () => {
    const f = lambdify(x, mul(x, sin(x)));
    const df = (t: number) => Math.sin(t) + t * Math.cos(t);
    expect(grad(f as (t: Num) => Num)(0.5)).toBeCloseTo(df(0.5), 15);
    const batched = vmap(grad(f as (t: Num) => Num))(Float64Array.of(0.5, 1.5)) as Float64Array;
    expect(batched[1]).toBeCloseTo(df(1.5), 14);
    expect(jit(f as (t: Num) => Num)(0.25)).toBe(0.25 * Math.sin(0.25));
  });

  it('applied to expressions, substitutes them', () => {
    const f = lambdify([x, y], add(mul(x, y), 1));
    expect(String(f(z, z))).toBe(String(add(pow(z, 2), 1)));
  });

  it('computes every shared subexpression once', () => {
    const s = sin(mul(x, y));
    const f = lambdify([x, y], add(mul(s, s), exp(s)));
    expect((f.ir().match(/= sin\(/g) ?? []).length).toBe(1);
  });

  it('names a free symbol missing from the arguments', () => {
    expect(() => lambdify([x], add(x, mul(y, z)))).toThrow(/free symbols y, z .*not among the arguments \[x\]/);
  });

  it('refuses an unevaluated Derivative with a clear error', () => {
    const f = func('f');
    expect(() => lambdify(x, diff(f(x), x))).toThrow(FluxionError);
    expect(() => lambdify(x, diff(f(x), x))).toThrow(/unevaluated Derivative of the undefined function f/);
  });

  it('rejects non-symbol arguments and repeated symbols', () => {
    expect(() => lambdify([add(x, 1)] as Expr[], x)).toThrow(/must be a symbol/);
    expect(() => lambdify([x, x], x)).toThrow(/twice/);
  });

  it('compiles user functions: through print.js when safe, else through a function table', () => {
    const softplusLam = defineFunction({
      name: 'softplus_lambdify_test',
      impl: (t: number) => Math.log1p(Math.exp(t)),
      partials: [(t) => div(1, add(1, exp(neg(t))))],
    });
    const e = softplusLam(mul(2, x)) as Expr;
    const f = lambdify(x, e);
    expect(f(0.5)).toBe(Math.log1p(Math.exp(1)));
    expect(f.source()).toMatch(/f0\(/);
    expect(f(Float64Array.of(0.5)) as Float64Array).toEqual(Float64Array.of(Math.log1p(Math.exp(1))));
  });
});

// Random expressions over the symbolic ops, seeded.
function randomExpr(rand: () => number, depth: number): Expr {
  const leaf = (): Expr | number => {
    const r = rand();
    if (r < 0.4) return x;
    if (r < 0.7) return y;
    if (r < 0.85) return Math.floor(rand() * 7) - 3;
    return Math.round(uniform(rand, -3, 3) * 100) / 100;
  };
  const go = (d: number): Expr | number => go1(d) as Expr | number;
  const go1 = (d: number): Num => {
    if (d === 0 || rand() < 0.15) return leaf();
    const r = rand();
    const a = () => go(d - 1);
    if (r < 0.15) return add(a(), a());
    if (r < 0.3) return mul(a(), a());
    if (r < 0.4) return sub(a(), a());
    if (r < 0.5) return div(a(), add(2, pow(go(d - 1), 2)));
    if (r < 0.6) return pow(a(), Math.floor(rand() * 4) + 1);
    if (r < 0.7) return sin(a());
    if (r < 0.78) return cos(a());
    if (r < 0.86) return exp(mul(0.1, a()));
    if (r < 0.93) return log(add(1, pow(a(), 2)));
    return sqrt(add(1, abs(a())));
  };
  const e = go(depth);
  return typeof e === 'number' ? add(x, e) : e;
}

describe('lambdify agrees with evalf (property test)', () => {
  it('on random expressions and their derivatives, both backends identical', () => {
    const rand = mulberry32(0x5eed);
    let compared = 0;
    for (let trial = 0; trial < 120; trial++) {
      const e0 = randomExpr(rand, 1 + Math.floor(rand() * 4));
      const e = trial % 3 === 0 ? diff(e0, x) : e0;
      const f = lambdify([x, y], e);
      const g = lambdify([x, y], e, { backend: 'closure' });
      const xs = Float64Array.from({ length: 9 }, () => uniform(rand, -2, 2));
      const ys = Float64Array.from({ length: 9 }, () => uniform(rand, -2, 2));
      const a = f(xs, ys) as Float64Array;
      const b = g(xs, ys) as Float64Array;
      for (let i = 0; i < xs.length; i++) {
        expect(Object.is(a[i], b[i]), `trial ${trial}: backends differ at ${i}`).toBe(true);
        const ref = evalf(e, { x: xs[i]!, y: ys[i]! });
        if (!Number.isFinite(ref)) {
          expect(Number.isNaN(ref) ? Number.isNaN(a[i]!) : a[i] === ref).toBe(true);
          continue;
        }
        // Integer powers are products here and Math.pow in evalf: a few ulps, amplified by cancellation.
        const scale = Math.max(1, Math.abs(ref));
        expect(Math.abs(a[i]! - ref), `trial ${trial} ${String(e)} at x=${xs[i]}, y=${ys[i]}`).toBeLessThanOrEqual(1e-9 * scale);
        expect(f(xs[i]!, ys[i]!)).toBe(a[i]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(900);
  });
});
