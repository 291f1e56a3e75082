import { describe, expect, it } from 'vitest';
import { factor, parse } from '../../src/index.js';
import cases from '../fixtures/print/factor_print.json';

describe('factor prints its factors in SymPy order', () => {
  it.each((cases as { input: string; factor: string }[]).map((c) => [c.input, c.factor] as const))('factor(%s) is %s', (input, expected) => {
    expect(factor(parse(input)).toString()).toBe(expected);
  });
});
