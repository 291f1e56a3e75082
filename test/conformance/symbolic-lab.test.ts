// The lab's section 2 (SymPy) cell by cell, with the outputs the lab prints.
import { describe, expect, it } from 'vitest';
import {
  FluxionTypeError,
  N,
  abs,
  add,
  diff,
  evalf,
  exact,
  exp,
  fn,
  latex,
  mul,
  parse,
  pow,
  sin,
  sqrt,
  sub,
  symbols,
} from '../../src/index.js';

const [x, y] = symbols('x y');

describe('lab section 2.1: symbolic computation', () => {
  it('sqrt(18) is exact: 3*sqrt(2)', () => {
    const r = sqrt(exact(18));
    expect(r.toString()).toBe('3*sqrt(2)');
    expect(latex(r)).toBe('3 \\sqrt{2}');
    expect(parse('sqrt(18)')).toBe(r);
  });
  it('N(sqrt(18), 8) prints 4.2426407', () => {
    expect(N(sqrt(exact(18)), 8).toString()).toBe('4.2426407');
  });
  it('expr = 2*x**2 - x*y', () => {
    const expr = sub(mul(2, pow(x, 2)), mul(x, y));
    expect(latex(expr)).toBe('2 x^{2} - x y');
    expect(expr.toString()).toBe('2*x^2 - x*y');
  });
  it('expr_manip = x*(expr + x*y + x**3) keeps its product form', () => {
    const expr = sub(mul(2, pow(x, 2)), mul(x, y));
    const manip = mul(x, add(add(expr, mul(x, y)), pow(x, 3)));
    expect(latex(manip)).toBe('x \\left(x^{3} + 2 x^{2}\\right)');
    expect(manip.toString()).toBe('x*(x^3 + 2*x^2)');
  });
  it('expr.evalf(subs={x:-1, y:2}) is 4.0', () => {
    const expr = sub(mul(2, pow(x, 2)), mul(x, y));
    expect(evalf(expr, { x: -1, y: 2 })).toBe(4);
    expect(expr.evalf({ x: -1, y: 2 })).toBe(4);
  });
  it('f_symb = x**2 evaluates to 9.0 at 3', () => {
    expect(evalf(pow(x, 2), { x: 3 })).toBe(9);
  });
  it('an expression applied to an array is a clear error (SymPy: \'Pow\' object is not callable)', () => {
    const fSymb = pow(x, 2);
    expect(() => mul(fSymb, Float64Array.of(1, 2, 3))).toThrow(FluxionTypeError);
    expect(() => mul(fSymb, Float64Array.of(1, 2, 3))).toThrow(/lambdify/);
  });
  it('made array-friendly, f_symb on [1 2 3] gives [1 4 9]', () => {
    expect(fn(pow(x, 2))(Float64Array.of(1, 2, 3))).toEqual(Float64Array.of(1, 4, 9));
  });
});

describe('lab section 2.2: symbolic differentiation', () => {
  it('diff(x**3, x) = 3 x^2', () => {
    const d = diff(pow(x, 3), x);
    expect(d.toString()).toBe('3*x^2');
    expect(latex(d)).toBe('3 x^{2}');
  });
  it('diff(exp(-2*x) + 3*sin(3*x), x)', () => {
    const d = diff(add(exp(mul(-2, x)), mul(3, sin(mul(3, x)))), x);
    expect(d.toString()).toBe('9*cos(3*x) - 2*exp(-2*x)');
    expect(latex(d)).toBe('9 \\cos{\\left(3 x \\right)} - 2 e^{- 2 x}');
  });
  it("f'(x) = 2x on [1 2 3] is [2 4 6]", () => {
    const d = diff(pow(x, 2), x);
    expect(d.toString()).toBe('2*x');
    expect(fn(d)(Float64Array.of(1, 2, 3))).toEqual(Float64Array.of(2, 4, 6));
  });
});

describe('lab section 2.3: where SymPy fails, fluxion evaluates', () => {
  it('diff(abs(x), x) is sign(x)', () => {
    const d = diff(abs(x), x);
    expect(d.toString()).toBe('sign(x)');
    expect(latex(d)).toBe('\\operatorname{sign}{\\left(x \\right)}');
  });
  it('evaluates at -2 to -1 (SymPy leaves an unevaluated Derivative(re(x)))', () => {
    expect(evalf(diff(abs(x), x), { x: -2 })).toBe(-1);
  });
  it('evaluates on [1, -2, 0] to [1, -1, 0] (SymPy\'s lambdify raises)', () => {
    expect(fn(diff(abs(x), x))(Float64Array.of(1, -2, 0))).toEqual(Float64Array.of(1, -1, 0));
  });
});
