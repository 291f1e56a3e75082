// 100 000-level nesting: construction, hashing, printing, parsing, diff, subs, evaluation
// are iterative and never overflow the JS stack.
import { describe, expect, it } from 'vitest';
import { add, diff, evalf, fn, latex, parse, sin, sub, subs, symbols, topoOrder, type Expr } from '../../src/index.js';

const [x] = symbols('x');
const DEPTH = 100_000;

describe(`${DEPTH}-level nesting`, () => {
  it('parses deeply nested parentheses, unary minus and power towers', () => {
    expect(parse('('.repeat(DEPTH) + 'x' + ')'.repeat(DEPTH))).toBe(x);
    expect(parse('-'.repeat(DEPTH) + 'x')).toBe(x);
    const tower = parse(Array.from({ length: DEPTH }, () => 'x').join('^'));
    expect(topoOrder(tower).length).toBe(DEPTH);
    expect(parse(tower.toString())).toBe(tower);
  }, 60_000);
  it('builds sin(x - sin(x - …)) (sign extraction from sums at every level)', () => {
    let e: Expr = x;
    for (let i = 0; i < DEPTH; i++) e = sin(sub(x, e));
    expect(e.toString().length).toBeGreaterThan(DEPTH * 6);
  }, 60_000);
  it('builds, prints, re-parses, differentiates and evaluates sin(sin(…) + x) + x', () => {
    // e_k = sin(e_{k-1}) + x; its derivative stays linear in size: d_k = cos(e_{k-1}) d_{k-1} + 1
    let e: Expr = x;
    for (let i = 0; i < DEPTH; i++) e = add(sin(e), x);
    const text = e.toString();
    expect(text.startsWith('x + sin(x + sin(')).toBe(true);
    expect(parse(text)).toBe(e);
    expect(latex(e).length).toBeGreaterThan(DEPTH * 10);
    const d = diff(e, x);
    expect(topoOrder(d).length).toBeLessThan(6 * DEPTH);
    // reference values by a plain loop
    const x0 = 0.3;
    let v = x0;
    let dv = 1;
    for (let i = 0; i < DEPTH; i++) {
      dv = Math.cos(v) * dv + 1;
      v = Math.sin(v) + x0;
    }
    expect(evalf(e, { x: x0 })).toBeCloseTo(v, 12);
    expect(evalf(d, { x: x0 })).toBeCloseTo(dv, 9);
    expect(fn(e)(x0)).toBeCloseTo(v, 12);
    expect(subs(e, { x: x0 }).value).toBeCloseTo(v, 12);
  }, 120_000);
});
