/**
 * Symbolic differentiation by forward accumulation over the expression DAG: one pass in
 * topological order, a derivative memoized per node, every primitive through its record's
 * `partials` (called with `Expr` arguments and the node as `out`).
 */
import { FluxionError, FluxionTypeError, describeValue } from '../core/errors.js';
import type { ElementwisePrimitive, PartialRule } from '../core/primitive.js';
import { addPrimitive, mulPrimitive } from '../ops/arithmetic.js';
import { ONE, ZERO, addN, mulN } from './canon.js';
import { Expr, installExprMethods, mkApply, toExpr, topoOrder } from './expr.js';

function partialTerm(rule: PartialRule, args: readonly Expr[], out: Expr, da: Expr): Expr | undefined {
  const p = rule(...args, out);
  if (p === 0) return undefined; // "identically zero": skip the term
  const pe = toExpr(p, 'partial derivative');
  if (pe === ZERO) return undefined;
  return mulN([pe, da]);
}

// n-ary add/mul: the record is binary, so argument i is seen as `op(a_i, rest)`; `rest` is
// built only when the partial reads it (mul's does: d(a*b)/da = b).
function naryTerms(n: Expr, prim: ElementwisePrimitive, d: Map<Expr, Expr>, terms: Expr[]): void {
  const rule = prim.partials[0]!;
  const args = n.args;
  for (let i = 0; i < args.length; i++) {
    const da = d.get(args[i]!)!;
    if (da === ZERO) continue;
    let rest: Expr = ZERO;
    if (rule.length >= 2) {
      const others = args.filter((_, j) => j !== i);
      rest = others.length === 1 ? others[0]! : prim === mulPrimitive ? mulN(others) : addN(others);
    }
    const t = partialTerm(rule, [args[i]!, rest], n, da);
    if (t !== undefined) terms.push(t);
  }
}

/** `d e / d x` for a symbol `x` (one derivative). */
export function diffOnce(e: Expr, x: Expr): Expr {
  const d = new Map<Expr, Expr>();
  for (const n of topoOrder(e)) {
    let r: Expr = ZERO;
    if (n.kind === 'symbol') {
      r = n === x ? ONE : ZERO;
    } else if (n.kind === 'call' || n.kind === 'apply') {
      let any = false;
      for (const a of n.args) if (d.get(a) !== ZERO) any = true;
      if (any) {
        const terms: Expr[] = [];
        if (n.kind === 'apply') {
          // d f(g1, …, gk) = Σ (∂_i f)(g) · d g_i
          for (let i = 0; i < n.args.length; i++) {
            const da = d.get(n.args[i]!)!;
            if (da === ZERO) continue;
            const derivs = n.derivs!.slice();
            derivs[i] = derivs[i]! + 1;
            terms.push(mulN([mkApply(n.name, n.args, derivs), da]));
          }
        } else {
          const prim = n.prim!;
          if (prim.kind !== 'elementwise') {
            throw new FluxionTypeError(`diff: ${prim.name} has no symbolic derivative.`);
          }
          if ((prim === addPrimitive || prim === mulPrimitive) && n.args.length !== 2) {
            naryTerms(n, prim, d, terms);
          } else {
            for (let i = 0; i < n.args.length; i++) {
              const da = d.get(n.args[i]!)!;
              if (da === ZERO) continue;
              const t = partialTerm(prim.partials[i]!, n.args, n, da);
              if (t !== undefined) terms.push(t);
            }
          }
        }
        r = terms.length === 0 ? ZERO : terms.length === 1 ? terms[0]! : addN(terms);
      }
    }
    d.set(n, r);
  }
  return d.get(e)!;
}

function checkSymbol(v: unknown): Expr {
  if (v instanceof Expr && v.kind === 'symbol') return v;
  const what = v instanceof Expr ? `the expression ${v.toString()}` : describeValue(v);
  throw new FluxionTypeError(
    `diff: can only differentiate with respect to a symbol; got ${what}. Create symbols with symbols('x y') ` +
      '(to differentiate with respect to an expression, substitute a fresh symbol for it first).',
  );
}

/**
 * Derivative of `e` with respect to each of `vars` in turn (`diff(e, x, y)` is
 * `∂²e/∂y∂x`); a count after a symbol repeats it (`diff(e, x, 3)` is `∂³e/∂x³`).
 *
 * @param e the expression (a number differentiates to 0)
 * @param vars symbols, each optionally followed by a non-negative integer count
 * @returns the derivative, canonical and sharing subexpressions with `e`
 * @example
 * ```ts
 * import { symbols, diff, pow, exp, sin, mul, add } from 'fluxion';
 * const [x] = symbols('x');
 * diff(pow(x, 3), x).toString(); // '3*x^2'
 * diff(add(exp(mul(-2, x)), mul(3, sin(mul(3, x)))), x).toString(); // '9*cos(3*x) - 2*exp(-2*x)'
 * diff(pow(x, 4), x, 3).toString(); // '24*x'
 * ```
 */
export function diff(e: Expr | number, ...vars: (Expr | number)[]): Expr {
  let r = toExpr(e, 'diff');
  if (vars.length === 0) {
    const free = r.freeSymbols();
    if (free.length !== 1) {
      throw new FluxionTypeError(
        `diff: no variable given and the expression has ${free.length} free symbols; say which one: diff(e, x).`,
      );
    }
    vars = [free[0]!];
  }
  for (let i = 0; i < vars.length; i++) {
    const x = checkSymbol(vars[i]);
    let count = 1;
    const next = vars[i + 1];
    if (typeof next === 'number') {
      if (!Number.isInteger(next) || next < 0) {
        throw new FluxionError(`diff: a derivative order must be a non-negative integer; got ${next}.`);
      }
      count = next;
      i++;
    }
    for (let k = 0; k < count; k++) {
      if (r === ZERO) break;
      r = diffOnce(r, x);
    }
  }
  return r;
}

installExprMethods({ diff: (e, vars) => diff(e, ...vars) });
