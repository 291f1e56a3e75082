import { describe, expect, it } from 'vitest';
import { add, mul, sin, sum, dot, where, gt, maximum, ShapeError, FluxionTypeError } from '../../src/index.js';
import sums from '../fixtures/core/sum.json';

describe('concrete evaluation of ops', () => {
  it('broadcasts scalars against arrays and keeps numbers as numbers', () => {
    expect(add(2, 3)).toBe(5);
    expect(Array.from(add([1, 2], 10))).toEqual([11, 12]);
    expect(Array.from(mul(2, Float64Array.of(1.5, -2)))).toEqual([3, -4]);
  });

  it('names both lengths when arrays disagree', () => {
    expect(() => add([1, 2], [1, 2, 3])).toThrow(ShapeError);
    expect(() => add([1, 2], [1, 2, 3])).toThrow(/length 2 .* length 3/);
  });

  it('applies ops to N-D arrays elementwise, keeping the shape', () => {
    const m = { data: Float64Array.of(0, Math.PI / 2, Math.PI, 0), shape: [2, 2] };
    const s = sin(m);
    expect(s.shape).toEqual([2, 2]);
    expect(s.data[1]).toBe(1);
    expect(() => add(m, { data: new Float64Array(3), shape: [3] })).toThrow(/shapes \[2, 2\] and \[3\]/);
  });

  it('rejects non-numeric input naming the position', () => {
    expect(() => add(1, null as unknown as number)).toThrow(FluxionTypeError);
    expect(() => add(1, null as unknown as number)).toThrow(/argument 2/);
    expect(() => add([1, 'a' as unknown as number], 1)).toThrow(/\[1\] must be a number/);
  });

  it('where selects per element; maximum propagates NaN like numpy', () => {
    expect(Array.from(where(gt([1, -1, 0], 0), 10, -10))).toEqual([10, -10, -10]);
    expect(Number.isNaN(maximum(NaN, 1))).toBe(true);
  });

  it.each(sums.cases.map((c) => [c.values.length, c] as const))('sum of %i values rounds exactly like numpy.sum', (_n, c) => {
    expect(Object.is(sum(Float64Array.from(c.values)), c.sum)).toBe(true);
  });

  it('dot is the exact scalar product on small integers', () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(1 * 4 + 2 * 5 + 3 * 6);
  });
});
