import { describe, expect, it } from 'vitest';
import { linspace } from '../../src/index.js';
import fixture from '../fixtures/core/linspace.json';

interface Case { start: number; stop: number; num: number; values: number[]; indices?: number[] }

describe('linspace equals numpy.linspace bit for bit', () => {
  it.each((fixture.cases as Case[]).map((c) => [`${c.start}..${c.stop} (${c.num})`, c] as const))('%s', (_label, c) => {
    const got = linspace(c.start, c.stop, c.num);
    expect(got.length).toBe(c.num);
    const idx = c.indices ?? c.values.map((_, i) => i);
    idx.forEach((i, k) => expect(Object.is(got[i], c.values[k])).toBe(true));
  });

  it('defaults to 50 points and ends exactly at stop', () => {
    const y = linspace(0, 0.3);
    expect(y.length).toBe(50);
    expect(y[49]).toBe(0.3);
  });

  it('rejects a negative or fractional count with a clear message', () => {
    expect(() => linspace(0, 1, -1)).toThrow(/non-negative integer/);
    expect(() => linspace(0, 1, 2.5)).toThrow(/non-negative integer/);
  });
});
