// subs, evalf, N, fn: exact substitution, numeric evaluation, polymorphic functions.
import { describe, expect, it } from 'vitest';
import {
  E,
  FluxionError,
  N,
  add,
  cos,
  diff,
  evalf,
  exact,
  exp,
  fn,
  grad,
  log,
  mul,
  parse,
  pi,
  pow,
  sin,
  sqrt,
  sub,
  subs,
  symbols,
  vmap,
  type Expr,
} from '../../src/index.js';

const [x, y, z] = symbols('x y z');

describe('subs (exact)', () => {
  it('substitutes numbers exactly and symbols by expressions', () => {
    const e = sub(mul(2, pow(x, 2)), mul(x, y));
    expect(subs(e, { x: 2, y: z }).toString()).toBe('8 - 2*z');
    expect(subs(e, { x: exact(1, 2), y: 3 }).toString()).toBe('-1');
    expect(subs(sqrt(x), { x: 18 }).toString()).toBe('3*sqrt(2)');
    expect(subs(add(x, y), new Map([[x, y]])).toString()).toBe('2*y');
    expect(subs(sin(x), { x: pi }).toString()).toBe('0');
  });
  it('unchanged subexpressions are reused (same object)', () => {
    const e = add(sin(y), x);
    expect(subs(e, { z: 1 })).toBe(e);
  });
  it('division by zero through substitution is a clear error', () => {
    expect(() => subs(pow(x, -1), { x: 0 })).toThrow(/Division by zero/);
  });
});

describe('evalf', () => {
  it('evaluates with float64 arithmetic', () => {
    expect(evalf(add(exp(x), log(y)), { x: 1, y: 2 })).toBe(Math.exp(1) + Math.log(2));
    expect(evalf(mul(pi, E))).toBe(Math.PI * Math.E);
    expect(evalf(parse('1/3'))).toBe(1 / 3);
  });
  it('names every symbol without a value', () => {
    expect(() => evalf(add(x, mul(y, z)), { x: 1 })).toThrow(/no value given for y, z/);
  });
});

describe('N', () => {
  it('prints the requested significant digits', () => {
    expect(N(sqrt(exact(18)), 8).toString()).toBe('4.2426407');
    expect(N(pi).toString()).toBe('3.14159265358979');
    expect(N(exact(4), 3).toString()).toBe('4.00');
    expect(N(add(x, pi), 5).toString()).toBe('x + 3.1416');
    expect(N(sqrt(x)).toString()).toBe('sqrt(x)');
    expect(N(mul(x, y), 4, { x: 2, y: 0.5 }).toString()).toBe('1.000');
  });
  it('parse reads N results back to the same node', () => {
    for (const e of [N(sqrt(exact(18)), 8), N(pi, 1), N(exact(1, 3), 15), N(mul(pi, x), 3)]) expect(parse(e.toString())).toBe(e);
  });
  it('digits above 15 are a RangeError', () => {
    expect(() => N(pi, 20)).toThrow(RangeError);
    expect(() => N(pi, 20)).toThrow(/at most|1 to 15/);
    expect(() => N(pi, 0)).toThrow(RangeError);
  });
});

describe('diff arguments', () => {
  it('differentiating by a non-symbol, or with a bad count, says so', () => {
    expect(() => diff(pow(x, 2), mul(2, x))).toThrow(/can only differentiate with respect to a symbol; got the expression 2\*x/);
    expect(() => diff(pow(x, 2), 3 as unknown as Expr)).toThrow(/with respect to a symbol; got number 3/);
    expect(() => diff(pow(x, 2), x, -1)).toThrow(/non-negative integer/);
    expect(() => diff(add(x, y))).toThrow(/2 free symbols/);
    expect(diff(pow(x, 3)).toString()).toBe('3*x^2');
    expect(diff(pow(x, 3), x, 0)).toBe(pow(x, 3));
    expect(diff(mul(x, y), x, y).toString()).toBe('1');
  });
});

describe('fn', () => {
  it('a polymorphic function of the free symbols in alphabetical order', () => {
    const f = fn('2*x^3 - 3*x^2 + 5');
    expect(f(3)).toBe(32);
    expect(f(Float64Array.of(0, 1, 2))).toEqual(Float64Array.of(5, 4, 9));
    expect((f(y) as Expr).toString()).toBe('2*y^3 - 3*y^2 + 5');
    const g = fn('x - y');
    expect(g(10, 1)).toBe(9);
    expect(fn('x - y', ['y', 'x'])(10, 1)).toBe(-9);
  });
  it('works under grad and vmap (tracers flow through the ops)', () => {
    expect(grad(fn('x^2') as (x: number) => number)(3)).toBe(6);
    const d = fn(diff(parse('sin(x)*x'), x));
    expect(grad(fn('sin(x)*x') as (x: number) => number)(0.7)).toBeCloseTo(d(0.7) as number, 14);
    expect(vmap(fn('x^2 + 1') as (x: number) => number)(Float64Array.of(1, 2))).toEqual(Float64Array.of(2, 5));
  });
  it('uses sqrt for x^(1/2) so results match Math.sqrt', () => {
    expect(fn('sqrt(x)')(2)).toBe(Math.sqrt(2));
    expect(fn(cos(x))(0)).toBe(1);
  });
  it('clear errors for a wrong parameter list or call', () => {
    expect(() => fn('x + y', ['x'])).toThrow(/uses y but the parameter list \[x\] does not name it/);
    expect(() => fn('x + y')(1)).toThrow(/takes 2 argument\(s\) \(x, y\), got 1/);
    expect(() => fn('x')).not.toThrow();
    expect(() => evalf(x, { x: 'a' as unknown as number })).toThrow(FluxionError);
  });
});
