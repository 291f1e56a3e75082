// grad and valueAndGrad: reverse mode (the tape in vjp.ts) seeded with 1 for a function
// with a scalar output, over one or several arguments (argnums), each a pytree.
import { FluxionError, FluxionTypeError, describeValue } from '../core/errors.js';
import type { NDArray } from '../core/kinds.js';
import type { Operand } from '../core/trace.js';
import { shapeOf, showShape } from './common.js';
import { flatten, unflatten, type Flat } from './pytree.js';
import { RevTrace, RevTracer, vjpFlat } from './vjp.js';
import { JvpTrace, JvpTracer, lowerJvp } from './jvp.js';
import { BatchTracer } from './vmap.js';
import { isBoxed, withNewTrace } from '../core/trace.js';
import { conform } from './common.js';

/** Options of {@link grad}, {@link valueAndGrad}, `jacfwd`, `jacrev` and `hessian`. */
export interface GradOptions {
  /**
   * Which positional argument(s) to differentiate with respect to (default 0). An array
   * gives a tuple of derivatives, one per listed argument.
   */
  readonly argnums?: number | readonly number[];
}

/** Checks `argnums` against a call and returns them as a list. */
export function resolveArgnums(argnums: number | readonly number[] | undefined, nargs: number, name: string): number[] {
  const list = argnums === undefined ? [0] : typeof argnums === 'number' ? [argnums] : [...argnums];
  if (list.length === 0) throw new FluxionTypeError(`${name}: argnums is empty. Give at least one argument position.`);
  const seen = new Set<number>();
  for (const a of list) {
    if (!Number.isInteger(a)) throw new FluxionTypeError(`${name}: argnums must hold integers, got ${String(a)}.`);
    if (a < 0 || a >= nargs) {
      throw new FluxionTypeError(
        `${name}: argnums ${a} is out of range: the function was called with ${nargs} positional argument(s)` +
          (nargs > 0 ? `, so argnums must be between 0 and ${nargs - 1}.` : '. Pass the arguments to differentiate.'),
      );
    }
    if (seen.has(a)) throw new FluxionTypeError(`${name}: argnums lists argument ${a} twice.`);
    seen.add(a);
  }
  return list;
}

/** Flattens the differentiated arguments, naming each in errors (`grad(f)(...): argument 0`). */
export function flattenInputs(args: readonly unknown[], argnums: readonly number[], name: string): { arg: number; flat: Flat }[] {
  return argnums.map((arg) => {
    const where = `${name}(f)(...): argument ${arg}`;
    const flat = flatten(args[arg], where);
    if (flat.leaves.length === 0) {
      throw new FluxionTypeError(
        `${where} (${describeValue(args[arg])}) holds no numbers, so there is nothing to differentiate. ` +
          'Pass a number, an array, or an object/array holding them.',
      );
    }
    return { arg, flat };
  });
}

/**
 * The function `grad` returns: the gradient has the type of the differentiated argument
 * (a `number[]` argument gives a `Float64Array`).
 */
export interface GradFn {
  (x: number, ...rest: unknown[]): number;
  (x: Float64Array | readonly number[], ...rest: unknown[]): Float64Array;
  (x: NDArray, ...rest: unknown[]): NDArray;
  <T>(x: T, ...rest: unknown[]): T;
}

/** The function `valueAndGrad` returns: `[value, gradient]`. */
export interface ValueAndGradFn {
  (x: number, ...rest: unknown[]): [number, number];
  (x: Float64Array | readonly number[], ...rest: unknown[]): [number, Float64Array];
  (x: NDArray, ...rest: unknown[]): [number, NDArray];
  <T>(x: T, ...rest: unknown[]): [Operand, T];
}

function scalarOutputError(shape: readonly number[] | null): FluxionError {
  const had = shape === null ? 'a nested array/object (a pytree with several leaves)' : `shape: ${showShape(shape)}`;
  return new FluxionTypeError(
    `Gradient only defined for scalar-output functions. Output had ${had}. ` +
      'Use vmap(grad(f)) for elementwise derivatives, or jacrev(f) for the full Jacobian.',
  );
}

// The common case, a gradient with respect to one scalar (a number, or a scalar tracer or
// expression under another transformation): no pytree bookkeeping.
function gradScalar(f: (...args: unknown[]) => unknown, args: unknown[], name: string): [Operand, unknown] {
  return withNewTrace(
    (level) => new RevTrace(level, name),
    (trace) => {
      const x = trace.input(args[0] as Operand);
      const callArgs = args.slice();
      callArgs[0] = x;
      const out = f(...callArgs);
      if (out instanceof RevTracer && out.trace === trace) {
        const s = shapeOf(out.primal);
        if (s.length !== 0) throw scalarOutputError(s);
        const g = trace.backward([[out.id, 1]], [x.id])[0]!;
        return [out.primal, g === null ? 0 : conform(g, args[0] as Operand)];
      }
      // an output that does not depend on x (or not a tracer at all): check it is a scalar
      const flat = flatten(out, `the output of the function given to ${name}`);
      if (flat.leaves.length !== 1 || flat.def.kind !== 'leaf') throw scalarOutputError(null);
      const s = shapeOf(flat.leaves[0]);
      if (s.length !== 0) throw scalarOutputError(s);
      return [flat.leaves[0] as Operand, 0];
    },
  );
}

// The same derivative by forward mode (one dual-number pass, tangent 1), used when the
// scalar is a batch under vmap: vmap(grad(f)) then keeps no tape of whole-batch arrays,
// each intermediate is freed as soon as it is used (the same count of array passes, a
// fraction of the memory).
function gradForward(f: (...args: unknown[]) => unknown, args: unknown[], name: string): [Operand, unknown] {
  return withNewTrace(
    (level) => new JvpTrace(level, name),
    (trace) => {
      const callArgs = args.slice();
      callArgs[0] = new JvpTracer(trace, args[0] as Operand, 1);
      const out = f(...callArgs);
      const flat = out instanceof JvpTracer ? null : flatten(out, `the output of the function given to ${name}`);
      if (flat !== null && (flat.leaves.length !== 1 || flat.def.kind !== 'leaf')) throw scalarOutputError(null);
      const leaf = flat === null ? out : flat.leaves[0];
      const [primal, tangent] = lowerJvp(leaf, trace);
      const s = shapeOf(primal);
      if (s.length !== 0) throw scalarOutputError(s);
      return [primal, tangent === null ? 0 : tangent];
    },
  );
}

function gradImpl(
  f: (...args: unknown[]) => unknown,
  options: GradOptions | undefined,
  args: unknown[],
  name: string,
): [Operand, unknown] {
  const a0 = args[0];
  if (options?.argnums === undefined && (typeof a0 === 'number' || (isBoxed(a0) && shapeOf(a0).length === 0))) {
    return a0 instanceof BatchTracer ? gradForward(f, args, name) : gradScalar(f, args, name);
  }
  const argnums = resolveArgnums(options?.argnums, args.length, name);
  const inputs = flattenInputs(args, argnums, name);
  const res = vjpFlat(f, args, inputs, name);
  if (res.out.leaves.length !== 1 || res.out.def.kind !== 'leaf') throw scalarOutputError(null);
  const value = res.primals[0]!;
  const s = shapeOf(value);
  if (s.length !== 0) throw scalarOutputError(s);
  const cts = res.pullback([1]);
  const grads = cts.map((leaves, i) => unflatten(inputs[i]!.flat.def, leaves));
  const single = options?.argnums === undefined || typeof options.argnums === 'number';
  return [value, single ? grads[0] : grads];
}

function checkFunction(f: unknown, name: string): void {
  if (typeof f !== 'function') throw new FluxionTypeError(`${name}: the first argument must be a function, got ${typeof f}.`);
}

/**
 * The gradient of a scalar-valued function, `∇f`, by reverse mode (a tape of the ops `f`
 * applies). With respect to argument 0 by default; `argnums` picks others. Arguments may be
 * numbers, `Float64Array`s, N-D arrays or nested arrays/objects of them, and the gradient
 * has the same structure (`grad(loss)({ w, b })` returns `{ w, b }`). Integers are fine:
 * JavaScript numbers are floats (JAX refuses `grad(f)(3)`; fluxion gives the derivative).
 *
 * Strategy: reverse mode; for a single scalar that is a batch under `vmap` (so `vmap(grad(f))`
 * with scalar examples) one forward-mode pass gives the same derivative without keeping a
 * tape of whole-batch arrays.
 *
 * Kinks: `grad(abs)(0)` is `sign(0) = 0` (JAX returns 1), matching `diff(abs(x), x) = sign(x)`.
 * `where` never poisons a gradient: `grad(x => where(gt(x, 0), sqrt(x), 0))(0)` is 0 (JAX: NaN).
 *
 * @param f a function with a scalar output, written with fluxion ops
 * @param options `argnums`: the argument(s) to differentiate
 * @returns a function with `f`'s arguments returning the gradient
 * @example
 * ```ts
 * import { grad, mul, pow, sin, abs } from 'fluxion';
 * grad((x) => pow(x, 2))(3); // 6
 * grad((x, y) => mul(x, y), { argnums: 1 })(3, 4); // 3
 * grad(abs)(0); // 0
 * grad(sin)(0); // 1
 * ```
 */
export function grad(f: (...args: never[]) => unknown, options: GradOptions & { readonly argnums: readonly number[] }): (...args: unknown[]) => unknown[];
export function grad(f: (...args: never[]) => unknown, options?: GradOptions): GradFn;
export function grad(f: (...args: never[]) => unknown, options?: GradOptions): GradFn | ((...args: unknown[]) => unknown[]) {
  checkFunction(f, 'grad');
  const g = f as (...args: unknown[]) => unknown;
  return ((...args: unknown[]) => gradImpl(g, options, args, 'grad')[1]) as GradFn;
}

/**
 * The value and the gradient of a scalar-valued function in one pass, `[f(x), ∇f(x)]`.
 *
 * @param f a function with a scalar output, written with fluxion ops
 * @param options `argnums`: the argument(s) to differentiate
 * @returns a function returning `[value, gradient]`
 * @example
 * ```ts
 * import { valueAndGrad, pow } from 'fluxion';
 * valueAndGrad((x) => pow(x, 3))(2); // [8, 12]
 * ```
 */
export function valueAndGrad(
  f: (...args: never[]) => unknown,
  options: GradOptions & { readonly argnums: readonly number[] },
): (...args: unknown[]) => [Operand, unknown[]];
export function valueAndGrad(f: (...args: never[]) => unknown, options?: GradOptions): ValueAndGradFn;
export function valueAndGrad(
  f: (...args: never[]) => unknown,
  options?: GradOptions,
): ValueAndGradFn | ((...args: unknown[]) => [Operand, unknown[]]) {
  checkFunction(f, 'valueAndGrad');
  const g = f as (...args: unknown[]) => unknown;
  return ((...args: unknown[]) => gradImpl(g, options, args, 'valueAndGrad')) as ValueAndGradFn;
}
