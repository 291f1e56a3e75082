import { describe, expect, it } from 'vitest';
import { FluxionError, FluxionTypeError, ShapeError, gradient } from '../../src/index.js';
import type { NDArray, NestedNumbers } from '../../src/index.js';

// Behaviour specific to fluxion (input kinds, documented deviations from numpy on invalid
// input). Values are checked against exact arithmetic on small integer data, where every
// difference quotient is exact in float64.

const f6 = [1, 2, 4, 7, 11, 16]; // differences 1, 2, 3, 4, 5

describe('gradient: result kinds', () => {
  it('Float64Array and number[] in, Float64Array out (new array, inputs untouched)', () => {
    const a = Float64Array.from(f6);
    const ga = gradient(a);
    expect(ga).toBeInstanceOf(Float64Array);
    expect(ga).not.toBe(a);
    expect(Array.from(a)).toEqual(f6);
    // exact: (f[i+1] - f[i-1]) / 2 = 1.5, 2.5, 3.5, 4.5; ends 1 and 5
    expect(Array.from(ga)).toEqual([1, 1.5, 2.5, 3.5, 4.5, 5]);
    expect(Array.from(gradient(f6))).toEqual([1, 1.5, 2.5, 3.5, 4.5, 5]);
  });

  it('a 1-D { data, shape } stays an N-D array; axis 0, -1, [0] and null all mean the one axis', () => {
    const nd: NDArray = { data: Float64Array.from(f6), shape: [6] };
    const r = gradient(nd);
    expect(r).not.toBeInstanceOf(Float64Array);
    const one = r as NDArray;
    expect([...one.shape]).toEqual([6]);
    for (const axis of [0, -1, [0], null] as const) {
      const g = gradient(Float64Array.from(f6), { axis });
      expect(Array.from(g)).toEqual(Array.from(one.data));
    }
  });

  it('N-D: one axis gives one { data, shape }, several give an array in the order asked', () => {
    const m: NDArray = { data: Float64Array.of(1, 2, 6, 3, 5, 5), shape: [2, 3] };
    const byRow = gradient(m, { axis: 1 });
    expect([...byRow.shape]).toEqual([2, 3]);
    expect(Array.from(byRow.data)).toEqual([1, 2.5, 4, 2, 1, 0]);
    const both = gradient(m, { axis: [1, 0] }) as NDArray[];
    expect(both.length).toBe(2);
    expect(Array.from(both[0]!.data)).toEqual([1, 2.5, 4, 2, 1, 0]);
    expect(Array.from(both[1]!.data)).toEqual([2, 3, -1, 2, 3, -1]);
    // nested arrays are read like numpy reads nested lists
    const nested = gradient([[1, 2, 6], [3, 5, 5]]) as NDArray[];
    expect(Array.from(nested[1]!.data)).toEqual([1, 2.5, 4, 2, 1, 0]);
  });

  it('other typed arrays are read as float64 (numpy\'s TestGradient unsigned/int cases)', () => {
    // numpy: gradient([5, 4, 3, 2, 1] as uint8) is [-1] * 5; gradient([0, 2, 4], [3, 2, 1] as uint8) is [-2] * 3
    expect(Array.from(gradient(Uint8Array.of(5, 4, 3, 2, 1)))).toEqual([-1, -1, -1, -1, -1]);
    expect(Array.from(gradient(Int32Array.of(0, 2, 4), Uint8Array.of(3, 2, 1)))).toEqual([-2, -2, -2]);
    expect(() => gradient(BigInt64Array.of(1n, 2n) as never)).toThrow(FluxionTypeError);
  });

  it('a 0-d { data, shape: [] } spacing is a scalar, as a 0-d array is in numpy', () => {
    const g = gradient(f6, { data: Float64Array.of(0.5), shape: [] });
    expect(Array.from(g)).toEqual([2, 3, 5, 7, 9, 10]);
  });
});

describe('gradient: documented deviations from numpy (invalid input only)', () => {
  it('edgeOrder other than 1 or 2 is rejected (numpy treats 0 and negatives as 2)', () => {
    for (const edgeOrder of [0, -1, 3, 1.5, Number.NaN]) {
      expect(() => gradient(f6, { edgeOrder: edgeOrder as 1 })).toThrow(FluxionError);
      expect(() => gradient(f6, { edgeOrder: edgeOrder as 1 })).toThrow(/edgeOrder must be 1 or 2/);
    }
  });

  it('axis: [] and 0-D f throw (numpy returns an empty tuple)', () => {
    expect(() => gradient({ data: Float64Array.of(1, 2, 3, 4), shape: [2, 2] }, { axis: [] })).toThrow(ShapeError);
    expect(() => gradient({ data: Float64Array.of(3), shape: [] })).toThrow(/no axis to differentiate/);
  });

  it('coordinates along an axis of length 0 or 1 report the too-small shape (numpy: IndexError)', () => {
    expect(() => gradient([3], [0])).toThrow(/Shape of array too small to calculate a numerical gradient/);
    expect(() => gradient([], [])).toThrow(ShapeError);
  });

  it('a zero number step with edgeOrder 2 throws like numpy\'s ZeroDivisionError; edgeOrder 1 divides by zero', () => {
    expect(() => gradient(f6, 0, { edgeOrder: 2 })).toThrow(/float division by zero/);
    expect(Array.from(gradient(f6, 0))).toEqual([Infinity, Infinity, Infinity, Infinity, Infinity, Infinity]);
  });
});

describe('gradient: bad input gets a clear error', () => {
  it('unknown options are named (a hint for numpy\'s edge_order)', () => {
    expect(() => gradient(f6, { edge_order: 2 } as never)).toThrow(FluxionTypeError);
    expect(() => gradient(f6, { edge_order: 2 } as never)).toThrow(/Did you mean 'edgeOrder'/);
  });

  it('non-integer axis, ragged nested arrays, non-numbers and mismatched shapes', () => {
    expect(() => gradient(f6, { axis: 0.5 })).toThrow(FluxionTypeError);
    expect(() => gradient([[1, 2, 3], [4, 5]])).toThrow(/ragged/);
    expect(() => gradient([1, 'a', 3] as never)).toThrow(FluxionTypeError);
    expect(() => gradient('123' as never)).toThrow(/must be a Float64Array/);
    expect(() => gradient({ data: new Float64Array(5), shape: [2, 3] })).toThrow(ShapeError);
    expect(() => gradient(f6, 'x' as never)).toThrow(FluxionTypeError);
  });

  it('says how many spacing arguments were given for how many axes', () => {
    const m: NDArray = { data: new Float64Array(12), shape: [3, 4] };
    expect(() => gradient(m, 1, 2, 3)).toThrow(/got 3 spacing arguments for 2 axes/);
    expect(() => gradient(m, [0, 1, 2], 2, { axis: 0 })).toThrow(/invalid number of arguments/);
  });

  it('the too-small message names the axis and what edgeOrder needs', () => {
    const m: NDArray = { data: new Float64Array(6), shape: [3, 2] };
    expect(() => gradient(m, { edgeOrder: 2 })).toThrow(/Axis 1 has 2 elements and edgeOrder 2 needs 3/);
  });
});

describe('gradient: deep nesting does not overflow the stack', () => {
  it('a 1 × 1 × … × 3 nested array 5000 levels deep is read iteratively', () => {
    let v: unknown = [1, 4, 9];
    for (let i = 0; i < 4999; i++) v = [v];
    const r = gradient(v as NestedNumbers, { axis: -1 });
    expect(r.shape.length).toBe(5000);
    expect(Array.from(r.data)).toEqual([3, 4, 5]);
  });
});
