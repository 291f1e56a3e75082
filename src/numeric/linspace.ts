import { FluxionTypeError } from '../core/errors.js';

/**
 * `num` evenly spaced values from `start` to `stop` inclusive, bit for bit the values
 * `numpy.linspace(start, stop, num)` returns (the last one is exactly `stop`).
 * Note: follows numpy's `linspace` (`numpy/_core/function_base.py`): `i * step + start`,
 * with the step-is-zero branch and the endpoint overwrite.
 *
 * @param start first value
 * @param stop last value
 * @param num how many values (a non-negative integer, default 50)
 * @returns a `Float64Array` of length `num`
 * @example
 * ```ts
 * import { linspace } from 'fluxion';
 * linspace(-5, 5, 5); // Float64Array [-5, -2.5, 0, 2.5, 5]
 * ```
 */
export function linspace(start: number, stop: number, num = 50): Float64Array {
  if (!Number.isInteger(num) || num < 0) {
    throw new FluxionTypeError(`linspace: num must be a non-negative integer, got ${num}.`);
  }
  if (typeof start !== 'number' || typeof stop !== 'number') {
    throw new FluxionTypeError('linspace: start and stop must be numbers.');
  }
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  if (div > 0) {
    const step = delta / div;
    if (step === 0) {
      for (let i = 0; i < num; i++) out[i] = (i / div) * delta + start;
    } else {
      for (let i = 0; i < num; i++) out[i] = i * step + start;
    }
    out[num - 1] = stop;
  } else if (num === 1) {
    // numpy: step is NaN, y = 0 * delta + start
    out[0] = 0 * delta + start;
  }
  return out;
}
