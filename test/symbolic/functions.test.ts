// Undefined functions and unevaluated derivatives, piecewise, Heaviside, max/min, kinks.
import { describe, expect, it } from 'vitest';
import {
  FluxionError,
  abs,
  diff,
  evalf,
  exact,
  fn,
  func,
  gt,
  heaviside,
  latex,
  maximum,
  minimum,
  mul,
  neg,
  parse,
  piecewise,
  pow,
  sin,
  sqrt,
  subs,
  symbols,
  where,
  type Expr,
} from '../../src/index.js';

const [x, y, z] = symbols('x y z');

describe('undefined functions and Derivative', () => {
  const f = func('f');
  const g = func('g');
  it('prints like SymPy and parses back', () => {
    const cases: [Expr, string][] = [
      [f(x), 'f(x)'],
      [diff(f(x), x), 'Derivative(f(x), x)'],
      [diff(f(x), x, 2), 'Derivative(f(x), (x, 2))'],
      [diff(f(x, y), x, y), 'Derivative(f(x, y), x, y)'],
      [diff(f(sin(x)), x), 'cos(x)*Subs(Derivative(f(_xi_1), _xi_1), _xi_1, sin(x))'],
      [diff(mul(x, f(x)), x), 'x*Derivative(f(x), x) + f(x)'],
    ];
    for (const [e, text] of cases) {
      expect(e.toString()).toBe(text);
      expect(parse(text)).toBe(e);
    }
  });
  it('chain rule through nested undefined functions: d f(g(x)) = f\'(g(x)) g\'(x)', () => {
    const d = diff(f(g(x)), x);
    expect(d.toString()).toBe('Derivative(g(x), x)*Subs(Derivative(f(_xi_1), _xi_1), _xi_1, g(x))');
    expect(subs(d, new Map([[g(x), pow(x, 2)], [diff(g(x), x), mul(2, x)]]))).toBe(diff(f(pow(x, 2)), x));
  });
  it('latex in SymPy style', () => {
    expect(latex(diff(f(x), x, 2))).toBe('\\frac{d^{2}}{d x^{2}} f{\\left(x \\right)}');
    expect(latex(diff(f(sin(x)), x))).toBe(
      '\\cos{\\left(x \\right)} \\left. \\frac{d}{d \\xi_{1}} f{\\left(\\xi_{1} \\right)} \\right|_{\\substack{ \\xi_{1}=\\sin{\\left(x \\right)} }}',
    );
  });
  it('evaluating an undefined function or its derivative is a clear error', () => {
    expect(() => evalf(f(x), { x: 1 })).toThrow(/cannot evaluate the undefined function f\(x\)/);
    expect(() => evalf(diff(f(x), x), { x: 1 })).toThrow(/cannot evaluate the unevaluated derivative Derivative\(f\(x\), x\)/);
    expect(() => fn(diff(f(x), x))(1)).toThrow(FluxionError);
  });
  it('built-in names cannot be redefined', () => {
    expect(() => func('sin')).toThrow(/already a built-in/);
    expect(() => func('2f')).toThrow(/identifier/);
  });
});

describe('kinks: abs, sign, Heaviside, maximum/minimum, piecewise', () => {
  it('d|x|/dx = sign(x): -1, 1, and 0 at the kink', () => {
    const d = diff(abs(x), x);
    expect([evalf(d, { x: -2 }), evalf(d, { x: 3 }), evalf(d, { x: 0 })]).toEqual([-1, 1, 0]);
    expect(diff(d, x).toString()).toBe('0');
  });
  it('heaviside(0) = 1/2 exactly; max/min ties split the derivative in halves', () => {
    expect(heaviside(exact(0)).toString()).toBe('1/2');
    const dm = diff(maximum(x, y), x);
    expect(dm.toString()).toBe('heaviside(x - y)');
    expect(evalf(dm, { x: 1, y: 1 })).toBe(0.5);
    expect(evalf(diff(minimum(x, mul(2, y)), y), { x: 5, y: 1 })).toBe(2);
  });
  it('piecewise on the where primitive; the branch not taken contributes an exact zero', () => {
    const p = piecewise([sqrt(x), gt(x, 0)], [neg(x), true]);
    expect(p.toString()).toBe('where(gt(x, 0), sqrt(x), -x)');
    const d = diff(p, x);
    expect(evalf(d, { x: 4 })).toBe(0.25);
    expect(evalf(d, { x: -4 })).toBe(-1);
    expect(evalf(d, { x: 0 })).toBe(-1);
    expect(parse(p.toString())).toBe(p);
    expect(piecewise([x, gt(exact(2), 1)], [y, true])).toBe(x);
    expect(where(gt(x, 0), z, z)).toBe(z);
  });
  it('piecewise without an otherwise branch is an error', () => {
    expect(() => piecewise([x, gt(x, 0)])).toThrow(/last piece must have the condition true/);
  });
});
