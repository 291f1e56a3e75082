// User-defined primitives: the same record every built-in op has, so a function defined
// here works in jvp, vjp/grad, vmap, symbolic diff, printing and compilation (JAX's
// custom_jvp, but one rule table serves every layer).
import { bind } from '../core/bind.js';
import { FluxionError } from '../core/errors.js';
import { elementwise, type ElementwisePrimitive, type Interval, type PartialRule, type PrintForms } from '../core/primitive.js';
import { binaryOp, unaryOp, type BinaryOp, type Num, type UnaryOp } from '../ops/signatures.js';

/** What {@link defineFunction} needs. */
export interface FunctionSpec {
  /** A unique identifier (letters, digits, `_`), used by the registry, printers and parser. */
  readonly name: string;
  /** The number → number kernel; its length is the function's arity. */
  readonly impl: (...xs: number[]) => number;
  /**
   * One partial derivative per argument, written with fluxion ops; each receives the
   * arguments followed by the output. Return the literal `0` for an identically zero partial.
   */
  readonly partials: readonly PartialRule[];
  /** Printed forms; defaults print `name(a, b)`. Give `js` (a JS expression) to inline it in compiled code; without it compiled code calls `impl`. */
  readonly print?: Partial<PrintForms>;
  /** Where tests may sample each argument (default `[-3, 3]`). */
  readonly domain?: readonly Interval[];
}

/** A user-defined op: callable like any fluxion op, with its registered record attached. */
export type DefinedFunction = ((...args: Num[]) => Num) & {
  /** The registered primitive record. */
  readonly primitive: ElementwisePrimitive;
};

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Defines a new elementwise function with its own derivative rules (like JAX's
 * `custom_jvp`). It is registered as a primitive, so it works with numbers, arrays,
 * symbolic expressions and every transformation; higher derivatives come from
 * differentiating the partials, which are themselves fluxion ops.
 *
 * @param spec name, kernel, partials (one per argument) and optional print forms
 * @returns the op: unary or binary ops get the usual typed signatures
 * @example
 * ```ts
 * import { defineFunction, grad, exp, add, div, neg } from 'fluxion';
 * const softplus = defineFunction({
 *   name: 'softplus_doc',
 *   impl: (x) => Math.log1p(Math.exp(x)),
 *   partials: [(x) => div(1, add(1, exp(neg(x))))],
 * });
 * softplus(0); // 0.6931471805599453
 * grad(softplus)(0); // 0.5
 * ```
 */
export function defineFunction(spec: FunctionSpec & { impl: (x: number) => number }): UnaryOp & DefinedFunction;
export function defineFunction(spec: FunctionSpec & { impl: (a: number, b: number) => number }): BinaryOp & DefinedFunction;
export function defineFunction(spec: FunctionSpec): DefinedFunction;
export function defineFunction(spec: FunctionSpec): DefinedFunction {
  if (typeof spec !== 'object' || spec === null) throw new FluxionError('defineFunction takes a record { name, impl, partials }.');
  const { name, impl, partials } = spec;
  if (typeof name !== 'string' || !IDENT.test(name)) {
    throw new FluxionError(`defineFunction: name must be an identifier (letters, digits, _), got ${JSON.stringify(name)}.`);
  }
  if (typeof impl !== 'function') throw new FluxionError(`defineFunction(${name}): impl must be a function (number, …) => number.`);
  if (!Array.isArray(partials) || partials.some((p) => typeof p !== 'function')) {
    throw new FluxionError(`defineFunction(${name}): partials must be an array of functions, one per argument.`);
  }
  const call = (...a: string[]): string => `${name}(${a.join(', ')})`;
  const print: PrintForms = {
    str: spec.print?.str ?? call,
    latex: spec.print?.latex ?? ((...a: string[]) => `\\operatorname{${name.replace(/_/g, '\\_')}}\\left(${a.join(', ')}\\right)`),
    js:
      spec.print?.js ??
      (() => {
        throw new FluxionError(
          `${name} was defined without a JavaScript source form (print.js); code generators call its impl instead.`,
        );
      }),
  };
  const prim = elementwise({
    name,
    impl,
    partials,
    print,
    ...(spec.domain !== undefined ? { domain: spec.domain } : {}),
  });
  const op =
    prim.arity === 1 ? unaryOp(prim) : prim.arity === 2 ? binaryOp(prim) : (...args: Num[]): Num => bind(prim, args);
  Object.defineProperty(op, 'primitive', { value: prim, enumerable: true });
  return op as DefinedFunction;
}
