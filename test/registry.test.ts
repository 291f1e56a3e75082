// Registry-driven tests: every primitive, including ones added later, is checked here
// without new test code.
import { describe, expect, it } from 'vitest';
import { allPrimitives } from '../src/index.js';
import { evalConcrete } from '../src/core/bind.js';
import type { ElementwisePrimitive, Operand } from '../src/index.js';
import { mulberry32, uniform } from './util/prng.js';

const prims = allPrimitives();
const elementwisePrims = prims.filter((p): p is ElementwisePrimitive => p.kind === 'elementwise');

function samplePoint(p: ElementwisePrimitive, rand: () => number): number[] {
  return p.domain.map(([lo, hi]) => uniform(rand, lo, hi));
}

// Central difference with one Richardson step: error O(h^4), so 1e-7 relative is a fair bar.
function numericPartial(f: (...xs: number[]) => number, xs: number[], k: number): number {
  const at = (h: number) => {
    const plus = xs.slice();
    const minus = xs.slice();
    plus[k] = xs[k]! + h;
    minus[k] = xs[k]! - h;
    return (f(...plus) - f(...minus)) / (2 * h);
  };
  const h = 1e-3 * Math.max(1, Math.abs(xs[k]!));
  return (4 * at(h / 2) - at(h)) / 3;
}

describe('registry', () => {
  it('holds the foundation primitives under unique, parseable names', () => {
    const names = prims.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const required of ['add', 'sub', 'mul', 'div', 'neg', 'pow', 'sqrt', 'exp', 'log', 'sin', 'cos', 'tan', 'asin', 'acos',
      'atan', 'sinh', 'cosh', 'tanh', 'abs', 'sign', 'maximum', 'minimum', 'where', 'gt', 'ge', 'lt', 'le', 'eq', 'sum']) {
      expect(names).toContain(required);
    }
    for (const n of names) expect(n).toMatch(/^[a-z_][a-z0-9_]*$/);
  });

  describe.each(prims.map((p) => [p.name, p] as const))('%s', (_name, p) => {
    it('has every print form, each using its arguments', () => {
      const arity = p.kind === 'elementwise' ? p.arity : 1;
      const args = Array.from({ length: arity }, (_, i) => `ARG${i}`);
      for (const form of ['str', 'latex', 'js'] as const) {
        const printed = p.print[form](...args);
        expect(typeof printed).toBe('string');
        if (!(p.name === 'fill_like' && form === 'js')) expect(printed).toContain('ARG0');
      }
    });
  });

  describe.each(elementwisePrims.map((p) => [p.name, p] as const))('%s (elementwise)', (_name, p) => {
    it('gives on arrays exactly what impl gives on each number', () => {
      const rand = mulberry32(0x5eed ^ p.name.length);
      const n = 17;
      const cols = p.domain.map(([lo, hi]) => Float64Array.from({ length: n }, () => uniform(rand, lo, hi)));
      const onArrays = evalConcrete(p, cols) as Float64Array;
      expect(onArrays).toBeInstanceOf(Float64Array);
      for (let i = 0; i < n; i++) {
        expect(Object.is(onArrays[i], p.impl(...cols.map((c) => c[i]!)))).toBe(true);
      }
      // A scalar broadcasts against the arrays in every position.
      for (let k = 0; k < p.arity && p.arity > 1; k++) {
        const mixed: Operand[] = cols.slice();
        mixed[k] = cols[k]![3]!;
        const out = evalConcrete(p, mixed) as Float64Array;
        for (let i = 0; i < n; i++) {
          const xs = cols.map((c) => c[i]!);
          xs[k] = cols[k]![3]!;
          expect(Object.is(out[i], p.impl(...xs))).toBe(true);
        }
      }
    });

    it('is finite on finite arguments when it says it is total (fastmath relies on it)', () => {
      if (p.total !== true) return;
      // Poles and domain edges sit at small integers and halves; overflow of exp-like
      // functions starts near 710. Every combination of these arguments must stay finite.
      const grid = [-750, -50, -3, -2, -1, -0.5, -0, 0, 1e-300, 0.5, 1, 2, 3, 50, 750];
      const tuples: number[][] = [[]];
      for (let k = 0; k < p.arity; k++) tuples.splice(0, tuples.length, ...tuples.flatMap((t) => grid.map((g) => [...t, g])));
      for (const xs of tuples) expect(Number.isFinite(p.impl(...xs)), `${p.name}(${xs.join(', ')})`).toBe(true);
    });

    it('has partials that match central finite differences inside its domain', () => {
      const rand = mulberry32(0xd1ff ^ (p.name.charCodeAt(0) << 8));
      for (let trial = 0; trial < 20; trial++) {
        const xs = samplePoint(p, rand);
        const out = p.impl(...xs);
        for (let k = 0; k < p.arity; k++) {
          const rule = p.partials[k]!(...xs, out);
          expect(typeof rule).toBe('number');
          const fd = numericPartial(p.impl, xs, k);
          expect(Math.abs((rule as number) - fd)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(fd)));
        }
      }
    });
  });
});
