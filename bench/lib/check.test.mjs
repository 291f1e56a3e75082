// The benchmark's answer checks must catch wrong answers, or a fast wrong peer would be
// reported as fast. Exact expectations only (hand-checkable algebra), no timing.
import { describe, expect, it } from 'vitest';
import { checkArray, checkExpand, checkFactor, checkScalar, parsePoly, evalExact, sampleIndices } from './check.mjs';
import { compileInfix } from './tojs.mjs';

describe('checkFactor', () => {
  const input = 'x^4 + 2*x^3';
  const counts = { count: 4, distinct: 2 };
  it('accepts the factorization in SymPy, Algebrite, nerdamer and Compute Engine syntax', () => {
    for (const s of ['x**3*(x + 2)', 'x^3*(x+2)', '(2+x)*x^3', '(x + 2) * x^(3)', '1*(x)^3*(x + 2)^1']) {
      expect(checkFactor(s, input, counts).ok, s).toBe(true);
    }
  });
  it('rejects the input returned unfactored, an incomplete factorization and a wrong product', () => {
    expect(checkFactor('x^4 + 2*x^3', input, counts).ok).toBe(false);
    expect(checkFactor('x*(x^3 + 2*x^2)', input, counts).ok).toBe(false);
    expect(checkFactor('x^3*(x + 3)', input, counts).ok).toBe(false);
  });
  it('counts multiplicities of powers: (x + y + 1)^3 is 3 factors, 1 distinct', () => {
    expect(checkFactor('(x + y + 1)^3', 'x^3 + 3*x^2*y + 3*x^2 + 3*x*y^2 + 6*x*y + 3*x + y^3 + 3*y^2 + 3*y + 1', { count: 3, distinct: 1 }).ok).toBe(true);
  });
  it('reads negative coefficients written as (-448)*x and a leading minus', () => {
    expect(checkFactor('-1*(x + (-1))^1*(x + 1)^1', '1 - x^2', { count: 2, distinct: 2 }).ok).toBe(true);
  });
});

describe('checkExpand', () => {
  it('accepts x^2 + 2x + 1 in explicit and implicit syntax, with the right term count', () => {
    expect(checkExpand('x^2 + 2*x + 1', '(x+1)^2', 3).ok).toBe(true);
    expect(checkExpand('x^(2) + 2x + 1', '(x+1)^2', 3).ok).toBe(true);
  });
  it('rejects an unexpanded answer, a wrong coefficient and a wrong term count', () => {
    expect(checkExpand('(x+1)^2', '(x+1)^2', 3).ok).toBe(false);
    expect(checkExpand('x*(x + 2) + 1', '(x+1)^2', 3).ok).toBe(false);
    expect(checkExpand('x^2 + 2*x + 2', '(x+1)^2', 3).ok).toBe(false);
    expect(checkExpand('x^2 + x + x + 1', '(x+1)^2', 3).ok).toBe(false);
  });
});

describe('exact evaluation', () => {
  it('evaluates big powers exactly: (x + y + z + 1)^20 at (2, 3, 5) is 11^20', () => {
    expect(evalExact(parsePoly('(x+y+z+1)^20'), { x: 2, y: 3, z: 5 })).toEqual([11n ** 20n, 1n]);
  });
  it('gives -x^2 Python precedence and reads x/2 as a rational', () => {
    expect(evalExact(parsePoly('-x^2'), { x: 3 })).toEqual([-9n, 1n]);
    expect(evalExact(parsePoly('x/2'), { x: 3 })).toEqual([3n, 2n]);
  });
});

describe('checkArray and checkScalar', () => {
  const ref = Float64Array.of(1, 2, 3, 4);
  it('accepts values within the float64 tolerance and rejects one wrong edge value', () => {
    expect(checkArray(Float64Array.of(1, 2, 3, 4 * (1 + 1e-13)), ref).ok).toBe(true);
    const r = checkArray(Float64Array.of(0.5, 2, 3, 4), ref);
    expect(r.ok).toBe(false);
    expect(r.detail).toContain('index 0');
  });
  it('lets float32 peers through at float32 accuracy only', () => {
    expect(checkArray(Float32Array.of(1, 2, 3, 4.0001), ref, 'f32').ok).toBe(true);
    expect(checkArray(Float32Array.of(1, 2, 3, 4.1), ref, 'f32').ok).toBe(false);
  });
  it('checks sampled answers (from Python) at their indices', () => {
    const big = Float64Array.from({ length: 1000 }, (_, i) => i);
    const idx = sampleIndices(1000);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(999);
    expect(checkArray({ n: 1000, idx, values: idx.map((i) => i) }, big).ok).toBe(true);
    expect(checkArray({ n: 1000, idx, values: idx.map((i) => (i === 999 ? 0 : i)) }, big).ok).toBe(false);
    expect(checkArray({ n: 999, idx, values: idx }, big).ok).toBe(false);
  });
  it('compares scalars', () => {
    expect(checkScalar(6, 6).ok).toBe(true);
    expect(checkScalar(6.5, 6).ok).toBe(false);
  });
});

describe('compileInfix (the Algebrite adapter)', () => {
  it('compiles derivative strings with Math functions and Python precedence', () => {
    expect(compileInfix('9*cos(3*x)-2*exp(-2*x)')(0)).toBe(7);
    expect(compileInfix('-x^2')(3)).toBe(-9);
    expect(compileInfix('sgn(x)')(-2)).toBe(-1);
    expect(compileInfix('2^-x')(1)).toBe(0.5);
  });
  it('refuses names outside its whitelist', () => {
    expect(() => compileInfix('process(x)')).toThrow(/unsupported name/);
  });
});
