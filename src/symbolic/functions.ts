/**
 * Undefined functions (`func('f')`) and piecewise definitions.
 */
import { FluxionError, FluxionTypeError, describeValue } from '../core/errors.js';
import { getPrimitive } from '../core/registry.js';
import { wherePrimitive } from '../ops/compare.js';
import { build } from './canon.js';
import { Expr, mkApply, toExpr, type ExprLike } from './expr.js';

/** An undefined function: call it with expressions to get `f(x, …)` nodes. */
export interface UndefinedFunction {
  /** Applies the function: `f(x)` is an unevaluated application. */
  (...args: ExprLike[]): Expr;
  /** The function's name. */
  readonly functionName: string;
}

// Names declared with func(): the parser reads them back (the table only grows, like the
// intern table).
const declared = new Set<string>();

/** Whether `name` was declared with {@link func}. */
export function isDeclaredFunction(name: string): boolean {
  return declared.has(name);
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Declares an undefined function `f` (SymPy's `Function('f')`). Its applications are
 * unevaluated nodes; `diff` applies the chain rule to them and gives unevaluated
 * derivatives (`Derivative(f(x), x)`). Evaluating or compiling them is an error.
 *
 * @param name an identifier that is not a registered primitive
 * @returns the function; call it with expressions
 * @example
 * ```ts
 * import { func, symbols, diff, sin } from 'fluxion';
 * const f = func('f');
 * const [x] = symbols('x');
 * diff(f(x), x).toString(); // 'Derivative(f(x), x)'
 * diff(f(sin(x)), x).toString(); // 'cos(x)*Subs(Derivative(f(_xi_1), _xi_1), _xi_1, sin(x))'
 * ```
 */
export function func(name: string): UndefinedFunction {
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new FluxionTypeError(`func: a function name must be an identifier (letters, digits, _); got ${describeValue(name)}.`);
  }
  if (getPrimitive(name) !== undefined || RESERVED.has(name)) {
    throw new FluxionError(`func: "${name}" is already a built-in function; pick another name for an undefined function.`);
  }
  declared.add(name);
  const f = (...args: ExprLike[]): Expr => {
    if (args.length === 0) throw new FluxionTypeError(`${name}: an undefined function needs at least one argument.`);
    const xs = args.map((a, i) => toExpr(a, `${name}: argument ${i + 1}`));
    return mkApply(name, xs, xs.map(() => 0));
  };
  Object.defineProperty(f, 'functionName', { value: name });
  return f as UndefinedFunction;
}

/** Names the parser treats specially; they cannot be undefined functions. */
export const RESERVED = new Set(['Derivative', 'Subs', 'Piecewise', 'Abs', 'Heaviside', 'Max', 'Min', 'ln', 'pi', 'E', 'e', 'oo', 'nan', 'True', 'False']);

/**
 * A piecewise expression from `[value, condition]` pairs, the first true condition
 * winning; the last condition must be `true` (the "otherwise" branch). Built on the
 * elementwise `where` primitive, so it evaluates, differentiates and compiles like any
 * other function; conditions come from `gt`, `lt`, … (1 for true, 0 for false).
 *
 * @param pieces `[value, condition]` pairs; the last condition is `true`
 * @returns the expression `where(c1, v1, where(c2, v2, …))`
 * @example
 * ```ts
 * import { piecewise, symbols, gt, neg, evalf } from 'fluxion';
 * const [x] = symbols('x');
 * const absx = piecewise([x, gt(x, 0)], [neg(x), true]);
 * evalf(absx, { x: -3 }); // 3
 * ```
 */
export function piecewise(...pieces: (readonly [ExprLike, ExprLike | boolean])[]): Expr {
  if (pieces.length === 0) throw new FluxionTypeError('piecewise: give at least one [value, condition] pair.');
  const last = pieces[pieces.length - 1]!;
  const lastCond = last[1];
  const isTrue = lastCond === true || (lastCond instanceof Expr && lastCond.exact !== undefined && lastCond.value !== 0) || lastCond === 1;
  if (!isTrue) {
    throw new FluxionError(
      'piecewise: the last piece must have the condition true (an "otherwise" branch), so the expression is defined everywhere. ' +
        'Add [value, true] at the end.',
    );
  }
  let acc = toExpr(last[0], 'piecewise');
  for (let i = pieces.length - 2; i >= 0; i--) {
    const [v, c] = pieces[i]!;
    const cond = c === true ? 1 : c === false ? 0 : c;
    acc = build(wherePrimitive, [toExpr(cond, 'piecewise condition'), toExpr(v, 'piecewise'), acc]);
  }
  return acc;
}
