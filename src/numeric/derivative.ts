import { FluxionError, FluxionTypeError, describeValue } from '../core/errors.js';
import type { Num } from '../ops/signatures.js';

/** Options of {@link derivative}. */
export interface DerivativeOptions {
  /** Which derivative: `1` (default) to `4`. */
  order?: 1 | 2 | 3 | 4;
  /**
   * The first (largest) step. Default `scale · max(1, |x|)` with `scale` 0.1 for the first
   * derivative, 0.2, 0.3, 0.4 for orders 2 to 4 (higher derivatives need larger steps
   * against rounding). It need not be small: the extrapolation works from large steps.
   */
  initialStep?: number;
  /** Ratio between successive steps, greater than 1 (default `1.4`, as in Ridders' method). */
  stepFactor?: number;
  /** Maximum number of steps per attempt, at least 2 (default `12`). */
  maxSteps?: number;
}

/** The result of {@link derivative} at one point. */
export interface DerivativeResult {
  /** The estimated derivative. `NaN` when no step gave finite function values. */
  value: number;
  /** An estimate of `|value - exact|` (extrapolation disagreement plus rounding error). */
  error: number;
}

/** The result of {@link derivative} at every point of an array. */
export interface DerivativeArrayResult {
  /** The estimated derivative at each point. */
  value: Float64Array;
  /** The error estimate at each point. */
  error: Float64Array;
}

/** A function of one number; a fluxion polymorphic function (`(x: Num) => Num`) qualifies. */
export type ScalarFunction = (x: number) => Num;

const EPS = 2 ** -52;
// Relative accuracy assumed of each function value: a few ulps, as for a short composition
// of correctly rounded (or nearly) library functions.
const F_ULPS = 4;
const SAFE = 2;
// Retry from smaller starting steps until the estimate is this good (relative), at most
// MAX_RUNS runs with finite values.
const GOOD = 1e-13;
const MAX_RUNS = 3;

// Second-order central difference formulas for the m-th derivative,
// D(h) = f^(m)(x) + c1 h^2 + c2 h^4 + …  (only even powers, so Richardson steps by h^2):
//   m = 1: (f(x+h) - f(x-h)) / (2h)
//   m = 2: (f(x+h) - 2 f(x) + f(x-h)) / h^2
//   m = 3: (f(x+2h) - 2 f(x+h) + 2 f(x-h) - f(x-2h)) / (2h^3)
//   m = 4: (f(x+2h) - 4 f(x+h) + 6 f(x) - 4 f(x-h) + f(x-2h)) / h^4
// Each returns the estimate and a bound on its rounding error.
interface Stencil {
  value: number;
  noise: number;
}

function callF(f: ScalarFunction, t: number): number {
  const y = f(t);
  if (typeof y !== 'number') {
    throw new FluxionTypeError(
      `derivative: f must return a number, but f(${t}) returned ${describeValue(y)}. Pass a function of one number returning one number.`,
    );
  }
  return y;
}

function stencil(f: ScalarFunction, x: number, f0: number, hNominal: number, m: number): Stencil {
  // Use a step that is exactly representable relative to x: h = (x + h) - x, so the
  // abscissae x ± h (and x ± 2h) are the points the formula assumes.
  const h = x + hNominal - x;
  if (h === 0) return { value: NaN, noise: Infinity };
  if (m === 1) {
    const fp = callF(f, x + h);
    const fm = callF(f, x - h);
    const value = (fp - fm) / (2 * h);
    const noise = (F_ULPS * EPS * (Math.abs(fp) + Math.abs(fm))) / (2 * h) + 2 * EPS * Math.abs(value);
    return { value, noise };
  }
  if (m === 2) {
    const fp = callF(f, x + h);
    const fm = callF(f, x - h);
    const value = (fp - 2 * f0 + fm) / (h * h);
    const noise = (F_ULPS * EPS * (Math.abs(fp) + 2 * Math.abs(f0) + Math.abs(fm))) / (h * h) + 3 * EPS * Math.abs(value);
    return { value, noise };
  }
  const fp = callF(f, x + h);
  const fm = callF(f, x - h);
  const fpp = callF(f, x + 2 * h);
  const fmm = callF(f, x - 2 * h);
  if (m === 3) {
    const h3 = h * h * h;
    const value = (fpp - 2 * fp + 2 * fm - fmm) / (2 * h3);
    const sum = Math.abs(fpp) + 2 * Math.abs(fp) + 2 * Math.abs(fm) + Math.abs(fmm);
    return { value, noise: (F_ULPS * EPS * sum) / (2 * h3) + 4 * EPS * Math.abs(value) };
  }
  const h4 = h * h * h * h;
  const value = (fpp - 4 * fp + 6 * f0 - 4 * fm + fmm) / h4;
  const sum = Math.abs(fpp) + 4 * Math.abs(fp) + 6 * Math.abs(f0) + 4 * Math.abs(fm) + Math.abs(fmm);
  return { value, noise: (F_ULPS * EPS * sum) / h4 + 5 * EPS * Math.abs(value) };
}

/**
 * One run of Ridders' method: central differences at steps h0, h0/c, h0/c², … extrapolated
 * to h → 0 in a Neville tableau (Richardson extrapolation in h²); keeps the entry whose
 * error estimate (disagreement with its neighbours, or its rounding error if larger) is
 * smallest, and stops once the diagonal moves away by more than twice that estimate.
 */
function ridders(
  f: ScalarFunction,
  x: number,
  f0: number,
  h0: number,
  m: number,
  c: number,
  ntab: number,
): DerivativeResult {
  const c2 = c * c;
  // a[j][i]: j extrapolations applied to the estimate with step h0 / c^i; noise alike.
  const a: Float64Array[] = [];
  const z: Float64Array[] = [];
  for (let j = 0; j < ntab; j++) {
    a.push(new Float64Array(ntab));
    z.push(new Float64Array(ntab));
  }
  let best = NaN;
  let err = Infinity;
  let h = h0;
  const s0 = stencil(f, x, f0, h, m);
  a[0]![0] = s0.value;
  z[0]![0] = s0.noise;
  for (let i = 1; i < ntab; i++) {
    h /= c;
    const s = stencil(f, x, f0, h, m);
    a[0]![i] = s.value;
    z[0]![i] = s.noise;
    let fac = c2;
    for (let j = 1; j <= i; j++) {
      // Richardson: eliminate the h^(2j) term.
      const hi = a[j - 1]![i]!;
      const lo = a[j - 1]![i - 1]!;
      const v = (hi * fac - lo) / (fac - 1);
      a[j]![i] = v;
      const noise = (z[j - 1]![i]! * fac + z[j - 1]![i - 1]!) / (fac - 1);
      z[j]![i] = noise;
      fac *= c2;
      const errt = Math.max(Math.abs(v - hi), Math.abs(v - lo), noise);
      if (errt <= err) {
        err = errt;
        best = v;
      }
    }
    if (Math.abs(a[i]![i]! - a[i - 1]![i - 1]!) >= SAFE * err) break;
  }
  if (!Number.isFinite(best)) return { value: NaN, error: Infinity };
  return { value: best, error: err };
}

function derivativeAt(f: ScalarFunction, x: number, m: number, opts: Required<Omit<DerivativeOptions, 'initialStep'>> & { initialStep: number | undefined }): DerivativeResult {
  if (!Number.isFinite(x)) return { value: NaN, error: NaN };
  const f0 = m === 2 || m === 4 ? callF(f, x) : 0;
  const scale = opts.initialStep ?? [0.1, 0.2, 0.3, 0.4][m - 1]! * Math.max(1, Math.abs(x));
  // Adaptive start: a step that leaves f's domain (NaN/Infinity) is shrunk, and a run that
  // did not converge well is retried from smaller steps; the best estimate wins.
  const runs: DerivativeResult[] = [];
  let best: DerivativeResult | undefined;
  let h0 = scale;
  for (let attempt = 0; attempt < 40 && runs.length < MAX_RUNS; attempt++) {
    const r = ridders(f, x, f0, h0, m, opts.stepFactor, opts.maxSteps);
    if (Number.isFinite(r.value)) {
      runs.push(r);
      if (best === undefined || r.error < best.error) best = r;
      if (best.error <= GOOD * Math.abs(best.value)) break;
    }
    h0 /= 8;
  }
  if (best === undefined) return { value: NaN, error: NaN };
  // The tableau's estimate is the smallest of many noisy estimates, so it can be optimistic:
  // report twice it, and never less than the disagreement with the closest other run
  // (runs from different starting steps must agree within their errors).
  let error = 2 * best.error;
  let closest = Infinity;
  for (const r of runs) if (r !== best) closest = Math.min(closest, Math.abs(r.value - best.value));
  if (closest < Infinity) error = Math.max(error, closest);
  return { value: best.value, error };
}

/**
 * The numerical derivative of a function at a point, or at every point of an array, with an
 * error estimate: central differences at shrinking steps, extrapolated to step 0
 * (Richardson extrapolation in a Neville tableau, Ridders' method), with an adaptive
 * choice of the starting step. Orders 1 to 4: `f'`, `f''`, `f'''`, `f''''`.
 *
 * For the first derivative of a smooth function at a well-conditioned point the relative
 * error is typically below `1e-12`; `error` estimates `|value - exact|` from the
 * disagreement between neighbouring extrapolations and the rounding error of the function
 * values (assumed accurate to a few ulps).
 *
 * Note: compare `scipy.differentiate.derivative` (first derivative only, high-order stencil,
 * step reduced by 2 per iteration, error = difference of successive estimates). This uses
 * Ridders' tableau (Numerical Recipes §5.7, `dfridr`) and adds a rounding-error term.
 *
 * @param f a function of one number returning a number (a fluxion polymorphic function works)
 * @param x the point, or an array of points (`Float64Array` or `number[]`)
 * @param options `order` (1–4), `initialStep`, `stepFactor`, `maxSteps`
 * @returns `{ value, error }` (numbers for a point, `Float64Array`s for an array)
 * @example
 * ```ts
 * import { derivative } from 'fluxion';
 * const r = derivative(Math.exp, 1);
 * Math.abs(r.value - Math.E) < 1e-12; // true
 * Math.abs(r.value - Math.E) <= r.error; // true
 * Math.abs(derivative(Math.sin, 0, { order: 3 }).value + 1) < 1e-6; // true
 * derivative((x) => x * x, [1, 2]).value; // Float64Array [2, 4]
 * ```
 */
export function derivative(f: ScalarFunction, x: number, options?: DerivativeOptions): DerivativeResult;
export function derivative(
  f: ScalarFunction,
  x: Float64Array | readonly number[],
  options?: DerivativeOptions,
): DerivativeArrayResult;
export function derivative(
  f: ScalarFunction,
  x: number | Float64Array | readonly number[],
  options: DerivativeOptions = {},
): DerivativeResult | DerivativeArrayResult {
  if (typeof f !== 'function') {
    throw new FluxionTypeError(`derivative: f must be a function of one number, got ${describeValue(f)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!['order', 'initialStep', 'stepFactor', 'maxSteps'].includes(key)) {
      throw new FluxionTypeError(
        `derivative: unknown option '${key}'. Options are order, initialStep, stepFactor and maxSteps.`,
      );
    }
  }
  const order = options.order ?? 1;
  if (order !== 1 && order !== 2 && order !== 3 && order !== 4) {
    throw new FluxionError(`derivative: order must be 1, 2, 3 or 4, got ${describeValue(order)}.`);
  }
  const stepFactor = options.stepFactor ?? 1.4;
  if (typeof stepFactor !== 'number' || !(stepFactor > 1) || !Number.isFinite(stepFactor)) {
    throw new FluxionError(`derivative: stepFactor must be a finite number greater than 1, got ${describeValue(stepFactor)}.`);
  }
  const maxSteps = options.maxSteps ?? 12;
  if (!Number.isInteger(maxSteps) || maxSteps < 2) {
    throw new FluxionError(`derivative: maxSteps must be an integer of at least 2, got ${describeValue(maxSteps)}.`);
  }
  const initialStep = options.initialStep;
  if (initialStep !== undefined && !(initialStep > 0 && Number.isFinite(initialStep))) {
    throw new FluxionError(`derivative: initialStep must be a positive finite number, got ${describeValue(initialStep)}.`);
  }
  const opts = { order, stepFactor, maxSteps, initialStep };
  if (typeof x === 'number') return derivativeAt(f, x, order, opts);
  if (!(x instanceof Float64Array) && !Array.isArray(x)) {
    throw new FluxionTypeError(
      `derivative: x must be a number, a Float64Array or an array of numbers, got ${describeValue(x)}.`,
    );
  }
  const n = x.length;
  const value = new Float64Array(n);
  const error = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi: unknown = x[i];
    if (typeof xi !== 'number') {
      throw new FluxionTypeError(`derivative: x[${i}] must be a number, got ${describeValue(xi)}.`);
    }
    const r = derivativeAt(f, xi, order, opts);
    value[i] = r.value;
    error[i] = r.error;
  }
  return { value, error };
}
