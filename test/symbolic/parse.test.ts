// The parser: Python/SymPy precedence, numbers, names, errors with position and caret.
import { describe, expect, it } from 'vitest';
import { E, ParseError, evalf, exact, func, parse, pi, pow, symbols } from '../../src/index.js';

const [x, y] = symbols('x y');
const s = (t: string): string => parse(t).toString();

describe('precedence and associativity (Python/SymPy)', () => {
  it('-x^2 is -(x^2)', () => {
    expect(evalf(parse('-x^2'), { x: 3 })).toBe(-9);
    expect(s('-2^2')).toBe('-4');
    expect(s('-x**2')).toBe('-x^2');
  });
  it('^ is right-associative: x^2^3 = x^8, 2^3^2 = 512', () => {
    expect(parse('x^2^3')).toBe(pow(x, 8));
    expect(s('2^3^2')).toBe('512');
    expect(s('2**3**2')).toBe('512');
  });
  it('a signed exponent: 2^-x = 2^(-x), 2**-x*3 = 3*2^(-x), x^-2^2 = x^(-4)', () => {
    expect(evalf(parse('2^-x'), { x: 1 })).toBe(0.5);
    expect(parse('2**-x*3')).toBe(parse('3*(2^(-x))'));
    expect(parse('x^-2^2')).toBe(pow(x, -4));
  });
  it('* and / are left-associative at one level; + and - below', () => {
    expect(evalf(parse('8/4/2'), {})).toBe(1);
    expect(evalf(parse('1 - 2 - 3'), {})).toBe(-4);
    expect(evalf(parse('2*3^2 + -4/2'), {})).toBe(16);
    expect(s('-x*y')).toBe('-x*y');
    expect(s('+x')).toBe('x');
    expect(s('--x')).toBe('x');
  });
});

describe('atoms', () => {
  it('integers are exact, decimals and scientific notation floats', () => {
    expect(parse('3')).toBe(exact(3));
    expect(parse('123456789012345678901234567890').exact!.p).toBe(123456789012345678901234567890n);
    expect(parse('2.5').isFloat).toBe(true);
    expect(parse('2.5').value).toBe(2.5);
    expect(parse('1e-3').value).toBe(0.001);
    expect(parse('1.5E+2').value).toBe(150);
    expect(parse('.5').value).toBe(0.5);
  });
  it('pi, e and E', () => {
    expect(parse('pi')).toBe(pi);
    expect(parse('e')).toBe(E);
    expect(parse('E')).toBe(E);
  });
  it('functions by registry name and SymPy aliases', () => {
    expect(s('Abs(x)')).toBe('abs(x)');
    expect(s('Heaviside(x)')).toBe('heaviside(x)');
    expect(s('Max(x, y)')).toBe('maximum(x, y)');
    expect(s('Min(x, y, 3)')).toBe(s('minimum(minimum(x, y), 3)'));
    expect(s('ln(x)')).toBe('log(x)');
    expect(s('sqrt(x)')).toBe('sqrt(x)');
    expect(s('expm1(x) + log1p(x)')).toBe('expm1(x) + log1p(x)');
    expect(parse('sin(x)*cos(y)').freeSymbols()).toEqual([x, y]);
  });
  it('Derivative, Subs and Piecewise in SymPy syntax', () => {
    const f = func('f');
    expect(parse('Derivative(f(x), x)')).toBe(f(x).diff(x));
    expect(parse('Derivative(f(x), (x, 2))')).toBe(f(x).diff(x, 2));
    expect(parse('Derivative(x^3, x)').toString()).toBe('3*x^2');
    expect(parse('Subs(x^2 + y, x, 3)').toString()).toBe('y + 9');
    expect(parse('Piecewise((x, gt(x, 0)), (-x, True))').toString()).toBe('where(gt(x, 0), x, -x)');
  });
});

describe('errors: position, caret line, what was expected', () => {
  const err = (t: string): ParseError => {
    try {
      parse(t);
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      return e as ParseError;
    }
    throw new Error(`parse(${t}) did not throw`);
  };
  it('a missing operand at the end', () => {
    const e = err('2*x +');
    expect(e.message).toMatch(/expected a number, a name, '\(' or a unary minus at column 6, found the end of the input/);
    expect(e.message).toContain('\n  2*x +\n       ^');
    expect(e.position).toBe(5);
  });
  it('implicit multiplication is rejected with a hint', () => {
    const e = err('2x');
    expect(e.message).toMatch(/expected an operator .* found 'x' \(write \* for a product/);
    expect(e.position).toBe(1);
  });
  it('unknown functions are named', () => {
    const e = err('1 + foo(x)');
    expect(e.message).toMatch(/unknown function 'foo' at column 5/);
    expect(e.message).toMatch(/func\('foo'\)/);
    expect(e.position).toBe(4);
  });
  it('unbalanced parentheses', () => {
    expect(err('(x + 1').message).toMatch(/'\(' at column 1 is never closed/);
    expect(err('x + 1)').message).toMatch(/unmatched '\)' at column 6/);
  });
  it('bad characters and arity', () => {
    expect(err('x $ y').message).toMatch(/unexpected character "\$" at column 3/);
    expect(err('sin(x, y)').message).toMatch(/sin takes 1 argument\(s\), got 2/);
    expect(err('1/0').message).toMatch(/Division by zero/);
    expect(err('').message).toMatch(/expected a number/);
  });
});
