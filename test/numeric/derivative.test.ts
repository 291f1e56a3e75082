import { describe, expect, it } from 'vitest';
import { FluxionError, FluxionTypeError, derivative } from '../../src/index.js';

// Cases outside the SymPy fixture: far from the origin, narrow features, constants, the
// edge of a domain, kinks. Exact derivatives are written by hand (d/dx sin = cos, …).

const bounded = (r: { value: number; error: number }, exact: number): boolean =>
  Math.abs(r.value - exact) <= r.error;

describe('derivative: hard places', () => {
  it('sin at x = 1e4 and 1e6, orders 1-4 (steps far too large must not fool it)', () => {
    for (const x of [1e4, 1e6]) {
      const exact = [Math.cos(x), -Math.sin(x), -Math.cos(x), Math.sin(x)];
      for (const order of [1, 2, 3, 4] as const) {
        const r = derivative(Math.sin, x, { order });
        expect(bounded(r, exact[order - 1]!), `x=${x} order ${order}: ${r.value} ± ${r.error}`).toBe(true);
        expect(Math.abs(r.value - exact[order - 1]!)).toBeLessThan(1e-8);
      }
    }
  });

  it('log at x = 1e12 (f varies on the scale of x), orders 1-4', () => {
    const x = 1e12;
    const exact = [1 / x, -1 / x ** 2, 2 / x ** 3, -6 / x ** 4];
    for (const order of [1, 2, 3, 4] as const) {
      const r = derivative(Math.log, x, { order });
      expect(bounded(r, exact[order - 1]!)).toBe(true);
      expect(Math.abs(r.value / exact[order - 1]! - 1)).toBeLessThan(1e-6);
    }
  });

  it('a narrow feature: sin(1000 x) at 0.5', () => {
    const r = derivative((x) => Math.sin(1000 * x), 0.5);
    const exact = 1000 * Math.cos(500);
    expect(bounded(r, exact)).toBe(true);
    expect(Math.abs(r.value / exact - 1)).toBeLessThan(1e-10);
  });

  it('tiny values: exp at -700 (relative accuracy kept near the underflow threshold)', () => {
    const r = derivative(Math.exp, -700);
    expect(bounded(r, Math.exp(-700))).toBe(true);
    expect(Math.abs(r.value / Math.exp(-700) - 1)).toBeLessThan(1e-10);
  });

  it('a constant has derivative 0 at every order, with a small error bound', () => {
    for (const order of [1, 2, 3, 4] as const) {
      const r = derivative(() => 3, 1, { order });
      expect(r.value).toBe(0);
      expect(r.error).toBeLessThan(1e-9);
    }
  });

  it('near the edge of the domain: log at 1e-3 shrinks its steps to stay inside', () => {
    const r = derivative(Math.log, 1e-3);
    expect(bounded(r, 1000)).toBe(true);
    expect(Math.abs(r.value / 1000 - 1)).toBeLessThan(1e-10);
  });

  it('NaN when no step gives finite values (sqrt at 0, a NaN function, x not finite)', () => {
    expect(derivative(Math.sqrt, 0).value).toBeNaN();
    expect(derivative(() => NaN, 1).error).toBeNaN();
    expect(derivative(Math.sin, Infinity).value).toBeNaN();
    expect(derivative(Math.sin, NaN).value).toBeNaN();
  });

  it('at a kink the symmetric difference gives abs\'(0) = 0 (fluxion\'s sign(0))', () => {
    expect(derivative(Math.abs, 0).value).toBe(0);
  });

  it('initialStep, stepFactor and maxSteps are honoured (a small fixed start still converges)', () => {
    let calls = 0;
    const f = (x: number): number => {
      calls++;
      return Math.exp(x);
    };
    const r = derivative(f, 1, { initialStep: 0.01, stepFactor: 2, maxSteps: 6 });
    expect(bounded(r, Math.E)).toBe(true);
    expect(Math.abs(r.value / Math.E - 1)).toBeLessThan(1e-10);
    // at most 6 runs of 6 steps, 2 evaluations per step
    expect(calls).toBeLessThanOrEqual(6 * 6 * 2);
  });
});

describe('derivative: input checking', () => {
  it('rejects bad options with what was given', () => {
    expect(() => derivative(Math.sin, 1, { order: 5 as 1 })).toThrow(FluxionError);
    expect(() => derivative(Math.sin, 1, { order: 0 as 1 })).toThrow(/order must be 1, 2, 3 or 4, got number 0/);
    expect(() => derivative(Math.sin, 1, { stepFactor: 1 })).toThrow(/greater than 1/);
    expect(() => derivative(Math.sin, 1, { maxSteps: 1 })).toThrow(/at least 2/);
    expect(() => derivative(Math.sin, 1, { initialStep: -1 })).toThrow(/positive/);
    expect(() => derivative(Math.sin, 1, { step: 1 } as never)).toThrow(/unknown option 'step'/);
  });

  it('rejects a non-function, a function returning a non-number and non-numeric points', () => {
    expect(() => derivative(3 as never, 1)).toThrow(FluxionTypeError);
    expect(() => derivative(((x: number) => [x]) as never, 1)).toThrow(/must return a number/);
    expect(() => derivative(Math.sin, '1' as never)).toThrow(FluxionTypeError);
    expect(() => derivative(Math.sin, [1, '2'] as never)).toThrow(/x\[1\] must be a number/);
  });
});
