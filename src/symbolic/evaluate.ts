/**
 * Substitution and evaluation of expressions: `subs` (exact), `evalf` (to a number), `N`
 * (to a float expression with a number of significant digits) and `evaluate` (re-applies
 * every node's primitive with `bind`, so numbers, arrays, expressions and tracers flow
 * through). All walks are iterative over the DAG in topological order.
 */
import { bind } from '../core/bind.js';
import { FluxionError, FluxionTypeError, describeValue } from '../core/errors.js';
import type { Operand } from '../core/trace.js';
import { addPrimitive, divPrimitive, mulPrimitive, powPrimitive } from '../ops/arithmetic.js';
import { sqrtPrimitive } from '../ops/elementary.js';
import { addN, build, mulN, powB, roundDigits } from './canon.js';
import { Expr, installExprMethods, mkApply, mkFloat, mkSymbol, toExpr, topoOrder, type ExprLike, type SubsMap, type ValueMap } from './expr.js';

/** Rebuilds node `n` with new arguments, canonically (reuses `n` when nothing changed). */
export function rebuild(n: Expr, args: readonly Expr[]): Expr {
  let same = true;
  for (let i = 0; i < args.length; i++) if (args[i] !== n.args[i]) same = false;
  return same ? n : rebuildForce(n, args);
}

function unevaluable(n: Expr, what: string): FluxionError {
  const isDeriv = n.derivs !== undefined && n.derivs.some((k) => k > 0);
  return new FluxionTypeError(
    `${what}: cannot evaluate ${isDeriv ? 'the unevaluated derivative ' : 'the undefined function '}${n.toString()}: ` +
      `${n.name} was declared with func('${n.name}') and has no formula. Substitute an expression for it first ` +
      `(e.subs(new Map([[${n.name}(x), …]]))) or define it with fluxion ops.`,
  );
}

/**
 * Exact substitution: replaces symbols (by name, or by symbol in a `Map`; a `Map` may also
 * key any subexpression) with numbers or expressions, rebuilding canonically.
 *
 * @param e the expression
 * @param map `{ x: 2, y: z }` or `new Map([[x, 2]])`
 * @returns the substituted expression (integers stay exact)
 * @example
 * ```ts
 * import { symbols, subs, mul, pow, sub } from 'fluxion';
 * const [x, y, z] = symbols('x y z');
 * const e = sub(mul(2, pow(x, 2)), mul(x, y));
 * subs(e, { x: 2, y: z }).toString(); // '8 - 2*z'
 * ```
 */
export function subs(e: Expr | number, map: SubsMap | ReadonlyMap<Expr, ExprLike>): Expr {
  const root = toExpr(e, 'subs');
  const repl = new Map<Expr, Expr>();
  if (map instanceof Map) {
    for (const [k, v] of map) {
      if (!(k instanceof Expr)) throw new FluxionTypeError(`subs: Map keys must be expressions; got ${describeValue(k)}.`);
      repl.set(k, toExpr(v, `subs: value for ${k.toString()}`));
    }
  } else {
    for (const [k, v] of Object.entries(map as SubsMap)) repl.set(mkSymbol(k), toExpr(v, `subs: value for ${k}`));
  }
  if (repl.size === 0) return root;
  const out = new Map<Expr, Expr>();
  for (const n of topoOrder(root)) {
    const r = repl.get(n);
    if (r !== undefined) out.set(n, r);
    else if (n.args.length === 0) out.set(n, n);
    else out.set(n, rebuild(n, n.args.map((a) => out.get(a)!)));
  }
  return out.get(root)!;
}

function missingSymbols(e: Expr, has: (name: string) => boolean): string[] {
  const missing: string[] = [];
  for (const s of e.freeSymbols()) if (!has(s.name)) missing.push(s.name);
  return missing;
}

/**
 * Numeric value of `e` with the given symbol values (float64 arithmetic, each node's
 * `impl`).
 *
 * @param e the expression
 * @param values a number for every free symbol
 * @returns the value
 * @example
 * ```ts
 * import { symbols, evalf, mul, pow, sub, abs, diff } from 'fluxion';
 * const [x, y] = symbols('x y');
 * evalf(sub(mul(2, pow(x, 2)), mul(x, y)), { x: -1, y: 2 }); // 4
 * evalf(diff(abs(x), x), { x: -2 }); // -1
 * ```
 */
export function evalf(e: Expr | number, values: ValueMap = {}): number {
  if (typeof e === 'number') return e;
  const root = toExpr(e, 'evalf');
  for (const [k, v] of Object.entries(values)) {
    if (typeof v !== 'number') {
      throw new FluxionTypeError(`evalf: the value of ${k} must be a number; got ${describeValue(v)}. Use subs for expressions, lambdify for arrays.`);
    }
  }
  const missing = missingSymbols(root, (n) => Object.prototype.hasOwnProperty.call(values, n));
  if (missing.length > 0) {
    throw new FluxionError(
      `evalf: no value given for ${missing.join(', ')}. Pass one for every free symbol: evalf(e, { ${missing.map((m) => `${m}: …`).join(', ')} }).`,
    );
  }
  const vals = new Map<Expr, number>();
  for (const n of topoOrder(root)) {
    let v: number;
    switch (n.kind) {
      case 'number':
      case 'constant':
        v = n.value;
        break;
      case 'symbol':
        v = values[n.name]!;
        break;
      case 'apply':
        throw unevaluable(n, 'evalf');
      case 'call': {
        const prim = n.prim!;
        const a = n.args;
        if (prim === addPrimitive) {
          v = vals.get(a[0]!)!;
          for (let i = 1; i < a.length; i++) v += vals.get(a[i]!)!;
        } else if (prim === mulPrimitive) {
          v = vals.get(a[0]!)!;
          for (let i = 1; i < a.length; i++) v *= vals.get(a[i]!)!;
        } else if (prim === powPrimitive) {
          v = powValue(vals.get(a[0]!)!, a[1]!, vals.get(a[1]!)!);
        } else if (prim.kind === 'elementwise') {
          v = prim.impl(...a.map((c) => vals.get(c)!));
        } else {
          throw new FluxionTypeError(`evalf: ${prim.name} cannot appear in a symbolic expression.`);
        }
        break;
      }
    }
    vals.set(n, v);
  }
  return vals.get(root)!;
}

/** `b^e` in float64, using `sqrt` and division for the exponents 1/2, -1/2 and -1. */
function powValue(b: number, eNode: Expr, e: number): number {
  const ex = eNode.exact;
  if (ex !== undefined && ex.q === 2) {
    if (ex.p === 1) return Math.sqrt(b);
    if (ex.p === -1) return 1 / Math.sqrt(b);
  }
  if (ex !== undefined && ex.q === 1 && ex.p === -1) return 1 / b;
  return powPrimitive.impl(b, e);
}

/**
 * Numerical approximation as a float expression printing `digits` significant digits
 * (SymPy's `N`). Free symbols stay symbolic unless `values` gives them numbers.
 *
 * @param e the expression
 * @param digits significant digits, 1 to 15 (float64 holds no more)
 * @param values optional numbers for free symbols
 * @returns a float expression
 * @example
 * ```ts
 * import { N, parse } from 'fluxion';
 * N(parse('sqrt(18)'), 8).toString(); // '4.2426407'
 * N(parse('pi')).toString(); // '3.14159265358979'
 * ```
 */
export function N(e: Expr | number, digits = 15, values: ValueMap = {}): Expr {
  if (!Number.isInteger(digits) || digits < 1 || digits > 15) {
    throw new RangeError(
      `N: digits must be an integer from 1 to 15 (float64 arithmetic holds about 15.9 significant digits); got ${digits}. ` +
        'Arbitrary precision is not implemented.',
    );
  }
  const root = toExpr(e, 'N');
  const out = new Map<Expr, Expr>();
  for (const n of topoOrder(root)) {
    let r: Expr;
    switch (n.kind) {
      case 'number':
      case 'constant':
        r = mkFloat(n.value);
        break;
      case 'symbol': {
        const v = values[n.name];
        r = v === undefined ? n : mkFloat(v);
        break;
      }
      default: {
        let args = n.args.map((a) => out.get(a)!);
        // keep exact exponents on symbolic bases: N(sqrt(x)) is sqrt(x), not x^0.5
        if (n.prim === powPrimitive && args[0]!.kind !== 'number' && n.args[1]!.exact !== undefined) args = [args[0]!, n.args[1]!];
        r = rebuildForce(n, args);
      }
    }
    out.set(n, r);
  }
  const approx = out.get(root)!;
  // round every float to `digits`
  const fin = new Map<Expr, Expr>();
  for (const n of topoOrder(approx)) {
    if (n.kind === 'number' && n.exact === undefined) fin.set(n, mkFloat(roundDigits(n.value, digits), digits));
    else if (n.args.length === 0) fin.set(n, n);
    else fin.set(n, rebuild(n, n.args.map((a) => fin.get(a)!)));
  }
  return fin.get(approx)!;
}

function rebuildForce(n: Expr, args: readonly Expr[]): Expr {
  if (n.kind === 'apply') return mkApply(n.name, args, n.derivs!);
  const prim = n.prim!;
  if (prim === addPrimitive) return addN(args);
  if (prim === mulPrimitive) return mulN(args);
  if (prim === powPrimitive) return powB(args[0]!, args[1]!);
  return build(prim, args);
}

/**
 * Evaluates `e` by re-applying each node's primitive with `bind`, with `env` giving a
 * value for each symbol: numbers, arrays, expressions or tracers (so transformations see
 * every operation). With no `Expr` among the values, numbers and constants enter as
 * floats; otherwise they stay exact.
 *
 * @param e the expression
 * @param env value of each symbol
 * @returns the value, of the kind of the inputs
 */
export function evaluate(e: Expr, env: ReadonlyMap<Expr, Operand>): Operand {
  let exprMode = false;
  for (const v of env.values()) if (v instanceof Expr) exprMode = true;
  const vals = new Map<Expr, Operand>();
  for (const n of topoOrder(e)) {
    let v: Operand;
    switch (n.kind) {
      case 'number':
      case 'constant':
        v = exprMode ? n : n.value;
        break;
      case 'symbol': {
        const s = env.get(n);
        if (s === undefined) {
          if (!exprMode) throw new FluxionError(`No value given for the symbol ${n.name}.`);
          v = n;
        } else v = s;
        break;
      }
      case 'apply':
        if (!exprMode) throw unevaluable(n, 'evaluate');
        v = mkApply(n.name, n.args.map((a) => toExpr(vals.get(a), 'evaluate')), n.derivs!);
        break;
      case 'call': {
        const prim = n.prim!;
        const a = n.args.map((c) => vals.get(c)!);
        if ((prim === addPrimitive || prim === mulPrimitive) && a.length > 2) {
          let acc = a[0]!;
          for (let i = 1; i < a.length; i++) acc = bind(prim, [acc, a[i]!]);
          v = acc;
        } else if (prim === powPrimitive && !exprMode && n.args[1]!.exact !== undefined) {
          const ex = n.args[1]!.exact;
          if (ex.q === 2 && ex.p === 1) v = bind(sqrtPrimitive, [a[0]!]);
          else if (ex.q === 1 && ex.p === -1) v = bind(divPrimitive, [1, a[0]!]);
          else v = bind(prim, a);
        } else {
          v = bind(prim, a);
        }
        break;
      }
    }
    vals.set(n, v);
  }
  return vals.get(e)!;
}

installExprMethods({ subs, evalf: (e, v) => evalf(e, v) });
