/**
 * Entry points of the symbolic engine: symbols, and functions from text.
 */
import { FluxionError, FluxionTypeError, describeValue } from '../core/errors.js';
import type { Boxed, Operand } from '../core/trace.js';
import type { Num } from '../ops/signatures.js';
import { evaluate } from './evaluate.js';
import { Expr, mkSymbol } from './expr.js';
import { parse } from './parse.js';

/** The names in a literal list like `'x y'` or `'x, y'`, as a tuple type. */
export type NameList<S extends string> = S extends `${infer A},${infer B}`
  ? [...NameList<A>, ...NameList<B>]
  : S extends ` ${infer R}` | `${infer R} `
    ? NameList<R>
    : S extends `${infer A} ${infer B}`
      ? [...NameList<A>, ...NameList<B>]
      : S extends ''
        ? []
        : [S];

/**
 * What `symbols(names)` returns: a tuple with one `Expr` per name when `names` is a string
 * literal (so `const [x, y] = symbols('x y')` gives two `Expr`s, not `Expr | undefined`),
 * else `Expr[]`.
 */
export type Symbols<S extends string> = string extends S ? Expr[] : ExprPerName<NameList<S>>;

/** One `Expr` per element of a tuple of names (a homomorphic mapped type keeps the tuple). */
export type ExprPerName<T extends unknown[]> = { [K in keyof T]: Expr };

/**
 * Creates symbols from a list of names separated by spaces or commas (SymPy's
 * `symbols`). Symbols are real.
 *
 * @param names `'x y'` or `'x, y'`
 * @returns one symbol per name, in order (a tuple type for a literal list)
 * @example
 * ```ts
 * import { symbols } from 'fluxion';
 * const [x, y] = symbols('x y');
 * x.add(y).toString(); // 'x + y'
 * ```
 */
export function symbols<S extends string>(names: S): Symbols<S> {
  if (typeof names !== 'string') throw new FluxionTypeError(`symbols: expected a string of names like 'x y'; got ${describeValue(names)}.`);
  const list = names.split(/[\s,]+/).filter((s) => s.length > 0);
  if (list.length === 0) throw new FluxionError(`symbols: no names in ${JSON.stringify(names)}; write symbols('x y').`);
  return list.map(symbol) as Symbols<S>;
}

/**
 * One real symbol.
 *
 * @param name the symbol's name (an identifier, so that printed expressions parse back)
 * @returns the symbol (the same object for the same name)
 * @example
 * ```ts
 * import { symbol, symbols } from 'fluxion';
 * symbol('x') === symbols('x')[0]; // true
 * ```
 */
export function symbol(name: string): Expr {
  if (typeof name !== 'string' || name.length === 0) {
    throw new FluxionTypeError(`symbol: a name must be a non-empty string; got ${describeValue(name)}.`);
  }
  return mkSymbol(name);
}

/**
 * A function compiled from an expression, polymorphic like fluxion's ops: numbers give a
 * number, arrays an array, expressions an expression, tracers a tracer.
 */
export interface ExprFunction {
  (...args: number[]): number;
  <T extends Boxed>(...args: (T | number)[]): T;
  (...args: Num[]): Num;
  /** The expression. */
  readonly expr: Expr;
  /** Its parameters, in call order. */
  readonly params: readonly Expr[];
}

/**
 * Turns a formula into a polymorphic function of its free symbols (alphabetical order,
 * or the order given). It evaluates by re-applying fluxion's ops, so it works on numbers,
 * `Float64Array`s, expressions and under `grad`, `vmap`, `jit`.
 *
 * @param text a formula for `parse`, or an expression
 * @param order parameter names in call order (default: free symbols sorted by name)
 * @returns the function
 * @example
 * ```ts
 * import { fn } from 'fluxion';
 * const f = fn('2*x^3 - 3*x^2 + 5');
 * f(3); // 32
 * f(Float64Array.of(0, 1)); // Float64Array [5, 4]
 * fn('x - y', ['y', 'x'])(1, 10); // 9
 * ```
 */
export function fn(text: string | Expr, order?: readonly string[]): ExprFunction {
  const e = text instanceof Expr ? text : parse(text);
  const free = e.freeSymbols();
  let params: Expr[];
  if (order === undefined) params = free;
  else {
    params = order.map((n) => symbol(n));
    const missing = free.filter((s) => !params.includes(s)).map((s) => s.name);
    if (missing.length > 0) {
      throw new FluxionError(`fn: the formula uses ${missing.join(', ')} but the parameter list [${order.join(', ')}] does not name it; add it.`);
    }
    if (new Set(order).size !== order.length) throw new FluxionError(`fn: a parameter is listed twice in [${order.join(', ')}].`);
  }
  const f = (...args: Operand[]): Operand => {
    if (args.length !== params.length) {
      throw new FluxionTypeError(
        `fn(${JSON.stringify(e.toString())}) takes ${params.length} argument(s) (${params.map((p) => p.name).join(', ')}), got ${args.length}.`,
      );
    }
    const env = new Map<Expr, Operand>();
    params.forEach((p, i) => env.set(p, args[i]!));
    return evaluate(e, env);
  };
  Object.defineProperty(f, 'expr', { value: e });
  Object.defineProperty(f, 'params', { value: Object.freeze(params.slice()) });
  return f as unknown as ExprFunction;
}
