// Every registered elementwise primitive, symbolically: build prim(x1, …, xn), differentiate
// by each argument through the record's partials, and compare with central finite
// differences of the record's impl at points of its domain. Also: printing and parsing
// every primitive application round-trips.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/prng.js';
import { bind } from '../../src/core/bind.js';
import { allPrimitives, diff, evalf, parse, symbol, type ElementwisePrimitive, type Expr } from '../../src/index.js';

const prng = mulberry32;

const elementwise = allPrimitives().filter((p): p is ElementwisePrimitive => p.kind === 'elementwise' && !p.name.includes('tangent'));

describe('symbolic diff of every registered primitive', () => {
  it('covers the arithmetic, elementary, trigonometric and comparison families', () => {
    const names = elementwise.map((p) => p.name);
    for (const n of ['add', 'mul', 'pow', 'div', 'sub', 'neg', 'sqrt', 'exp', 'log', 'abs', 'sin', 'tanh', 'maximum', 'where']) {
      expect(names).toContain(n);
    }
  });
  for (const prim of elementwise) {
    it(prim.name, () => {
      const r = prng(prim.name.length * 7919);
      const vars = Array.from({ length: prim.arity }, (_, i) => symbol(`a${i}`));
      const e = bind(prim, vars) as Expr;
      expect(parse(e.toString())).toBe(e);
      for (let k = 0; k < 5; k++) {
        const point = prim.domain.map(([lo, hi]) => lo + (hi - lo) * (0.05 + 0.9 * r()));
        if (prim.name === 'where') point[0] = r() < 0.5 ? 1 : 0;
        const values = Object.fromEntries(vars.map((v, i) => [v.name, point[i]!]));
        expect(evalf(e, values)).toBeCloseTo(prim.impl(...point), 12);
        for (let i = 0; i < prim.arity; i++) {
          const d = diff(e, vars[i]!);
          const got = evalf(d, values);
          if (!prim.differentiable) {
            expect(got).toBe(0);
            continue;
          }
          if (prim.name === 'where' && i === 0) continue; // the condition has no derivative
          const h = 1e-5 * Math.max(1, Math.abs(point[i]!));
          const at = (t: number): number => prim.impl(...point.map((p, j) => (j === i ? t : p)));
          const fd = (at(point[i]! + h) - at(point[i]! - h)) / (2 * h);
          expect(Math.abs(got - fd), `d${prim.name}/d${vars[i]!.name} at ${point}: ${d}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
        }
      }
    });
  }
});
