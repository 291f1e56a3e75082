// SymPy oracle: parse each fixture expression, differentiate it with fluxion, and compare
// values of f, f', f'' (and ∂²f/∂x∂y) with SymPy's at the sample points (1e-12 relative).
// Fixtures: test/fixtures/symbolic/make_fixtures.py (sympy 1.14, fixed seed).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diff, evalf, parse, symbols } from '../../src/index.js';

interface Point {
  at: Record<string, number>;
  f: number;
  d1: number;
  d2: number;
  dxy?: number;
}
interface Entry {
  source: string;
  expr: string;
  vars: string[];
  points: Point[];
  d1?: string;
}
const fixtures = JSON.parse(readFileSync(new URL('../fixtures/symbolic/diff_fixtures.json', import.meta.url), 'utf8')) as {
  entries: Entry[];
};
const [x, y] = symbols('x y');

function close(actual: number, expected: number, what: string): void {
  const tol = 1e-12 * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new Error(`${what}: got ${actual}, SymPy ${expected} (|diff| ${Math.abs(actual - expected)} > ${tol})`);
  }
}

describe('symbolic diff against SymPy fixtures', () => {
  it('has at least 200 expressions from the lab, SymPy tests and random compositions', () => {
    expect(fixtures.entries.length).toBeGreaterThanOrEqual(200);
    const sources = new Set(fixtures.entries.map((e) => e.source));
    expect([...sources].sort()).toEqual(['lab', 'random', 'sympy-tests']);
  });

  for (const [i, en] of fixtures.entries.entries()) {
    it(`#${i} ${en.source}: ${en.expr.length > 70 ? en.expr.slice(0, 70) + '…' : en.expr}`, () => {
      const e = parse(en.expr);
      const d1 = diff(e, x);
      const d2 = diff(e, x, 2);
      const dxy = en.vars.includes('y') ? diff(e, x, y) : undefined;
      const sympyD1 = en.d1 !== undefined ? parse(en.d1) : undefined;
      for (const p of en.points) {
        const at = p.at;
        close(evalf(e, at), p.f, `f at ${JSON.stringify(at)}`);
        close(evalf(d1, at), p.d1, `f' at ${JSON.stringify(at)}`);
        close(evalf(d2, at), p.d2, `f'' at ${JSON.stringify(at)}`);
        if (dxy !== undefined) close(evalf(dxy, at), p.dxy!, `d2f/dxdy at ${JSON.stringify(at)}`);
        if (sympyD1 !== undefined) close(evalf(sympyD1, at), p.d1, `SymPy's printed f' at ${JSON.stringify(at)}`);
      }
      // print / parse round trip of the expression and its derivatives
      for (const g of [e, d1, d2, ...(dxy ? [dxy] : [])]) expect(parse(g.toString())).toBe(g);
    });
  }
});
