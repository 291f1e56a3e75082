import { describe, expect, it } from 'vitest';
import * as fx from '../../src/index.js';
import { derivative } from '../../src/index.js';
import fixture from '../fixtures/numeric/derivative.json';

// Oracle: SymPy's symbolic derivatives (orders 1-4) evaluated by mpmath at 50 digits and
// rounded once to float64 (test/fixtures/numeric/make_derivative_fixtures.py). The functions
// themselves are written here in JavaScript, the same formulas as the fixture's `js` field.

interface Case { name: string; js: string; x: number; order: 1 | 2 | 3 | 4; exact: number; wellConditioned: boolean }
const cases = fixture.cases as Case[];

const F: Record<string, (x: number) => number> = {
  sin: (x) => Math.sin(x),
  cos: (x) => Math.cos(x),
  exp: (x) => Math.exp(x),
  lab_composed: (x) => Math.exp(-2 * x) + 3 * Math.sin(3 * x),
  lab_poly: (x) => 2 * x ** 3 - 3 * x ** 2 + 5,
  log: (x) => Math.log(x),
  sqrt: (x) => Math.sqrt(x),
  atan: (x) => Math.atan(x),
  tanh: (x) => Math.tanh(x),
  runge: (x) => 1 / (1 + 25 * x * x),
  exp_sin: (x) => Math.exp(Math.sin(x)),
  gauss: (x) => x * Math.exp(-x * x),
  recip_shift: (x) => 1 / (x + 5),
  sinh: (x) => Math.sinh(x),
  cosh: (x) => Math.cosh(x),
  log1p: (x) => Math.log1p(x),
  quintic: (x) => x ** 5 - 2 * x,
  sin_sq: (x) => Math.sin(x * x),
  sin_times_exp: (x) => Math.sin(x) * Math.exp(x / 3),
  rational: (x) => (x * x + 1) / (x * x + 4),
  x_log_x: (x) => x * Math.log(x),
  cbrt: (x) => Math.cbrt(x),
  logistic: (x) => 1 / (1 + Math.exp(-x)),
  erf_like_exp2: (x) => Math.exp((-x * x) / 2),
};

const results = cases.map((c) => {
  const f = F[c.name];
  if (!f) throw new Error(`test has no JavaScript function for ${c.name}`);
  const r = derivative(f, c.x, { order: c.order });
  return { c, r, abs: Math.abs(r.value - c.exact) };
});

describe('derivative against exact derivatives (SymPy + mpmath)', () => {
  it('has a JavaScript function for every fixture function and many cases per order', () => {
    for (const o of [1, 2, 3, 4]) expect(cases.filter((c) => c.order === o).length).toBeGreaterThan(200);
    expect(cases.filter((c) => c.order === 1 && c.wellConditioned).length).toBeGreaterThan(150);
  });

  it('order 1: relative error at most 1e-10 at every well-conditioned point', () => {
    const bad = results.filter(({ c, abs }) => c.order === 1 && c.wellConditioned && !(abs <= 1e-10 * Math.abs(c.exact)));
    expect(bad.map(({ c, r }) => `${c.name}@${c.x}: ${r.value} vs ${c.exact}`)).toEqual([]);
  });

  it.each([
    [2, 1e-8],
    [3, 1e-6],
    [4, 1e-5],
  ] as const)('order %i: relative error at most %s at every well-conditioned point', (order, tol) => {
    const bad = results.filter(({ c, abs }) => c.order === order && c.wellConditioned && !(abs <= tol * Math.abs(c.exact)));
    expect(bad.map(({ c, r }) => `${c.name}@${c.x}: ${r.value} vs ${c.exact}`)).toEqual([]);
  });

  it('the error estimate bounds the true error on the whole test set (every order, every point)', () => {
    const bad = results.filter(({ abs, r }) => !(abs <= r.error));
    expect(bad.map(({ c, r, abs }) => `${c.name}@${c.x} order ${c.order}: |err| ${abs} > estimate ${r.error}`)).toEqual([]);
  });

  it('the error estimate is informative, not just huge (order 1: at most 1e-8 relative where well-conditioned)', () => {
    const loose = results.filter(({ c, r }) => c.order === 1 && c.wellConditioned && !(r.error <= 1e-8 * Math.abs(c.exact)));
    expect(loose.map(({ c, r }) => `${c.name}@${c.x}: ${r.error}`)).toEqual([]);
  });

  it('array input gives the same numbers as point-by-point calls', () => {
    const sinCases = results.filter(({ c }) => c.name === 'sin' && c.order === 1);
    const xs = Float64Array.from(sinCases, ({ c }) => c.x);
    const r = derivative(Math.sin, xs);
    expect(r.value).toBeInstanceOf(Float64Array);
    expect(r.error).toBeInstanceOf(Float64Array);
    sinCases.forEach(({ r: single }, i) => {
      expect(Object.is(r.value[i], single.value)).toBe(true);
      expect(Object.is(r.error[i], single.error)).toBe(true);
    });
    const fromList = derivative(Math.sin, Array.from(xs));
    expect(Array.from(fromList.value)).toEqual(Array.from(r.value));
  });

  it('accepts a fluxion polymorphic function (the lab f_composed written with fluxion ops)', () => {
    const fComposed = (x: fx.Num): fx.Num => fx.add(fx.exp(fx.mul(-2, x)), fx.mul(3, fx.sin(fx.mul(3, x))));
    const lab = results.filter(({ c }) => c.name === 'lab_composed');
    for (const { c } of lab) {
      const r = derivative(fComposed, c.x, { order: c.order });
      expect(Math.abs(r.value - c.exact)).toBeLessThanOrEqual(r.error);
    }
  });
});
