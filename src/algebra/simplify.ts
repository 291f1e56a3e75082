/**
 * simplify: a cost-driven search over exact rewrites (cancel, factor, expand, together,
 * exponential/logarithm rules, the Pythagorean identity, double angles). A rewrite is kept only when it
 * lowers the cost; the search stops when nothing improves or after an iteration cap, and
 * returns the best form seen.
 */
import { FluxionError } from '../core/errors.js';
import { addPrimitive, mulPrimitive, powPrimitive } from '../ops/arithmetic.js';
import { expPrimitive, logPrimitive } from '../ops/elementary.js';
import { cosPrimitive, sinPrimitive } from '../ops/trig.js';
import { addN, build, HALF, mulN, splitCoeff, ONE } from '../symbolic/canon.js';
import { type Expr, mkInt, toExpr, type ExprLike } from '../symbolic/expr.js';

const HALF_E = HALF;
const TWO_E = mkInt(2);
import { cancelWithin, expandWithin, factorWithin, together } from './api.js';
import { intValue, rebuildAtom } from './convert.js';

/**
 * The cost of an expression: `[tree size, distinct nodes]` (the tree size counts shared
 * subexpressions once per occurrence, like SymPy's `count_ops` counts operations).
 */
export function exprCost(e: Expr): [number, number] {
  const size = new Map<Expr, number>();
  const nodes = e.nodes();
  for (const n of nodes) {
    let s = 1;
    for (const a of n.args) s += size.get(a) as number;
    // A number with a big numerator or denominator costs its digits / 16.
    if (n.kind === 'number' && n.exact !== undefined) {
      const digits = String(n.exact.p).length + String(n.exact.q).length;
      s += Math.floor(digits / 16);
    }
    size.set(n, Math.min(s, Number.MAX_SAFE_INTEGER));
  }
  return [size.get(e) as number, nodes.length];
}

function lessCost(a: Expr, b: Expr): boolean {
  const [s1, d1] = exprCost(a);
  const [s2, d2] = exprCost(b);
  if (s1 !== s2) return s1 < s2;
  if (d1 !== d2) return d1 < d2;
  return false;
}

/** Rebuilds every node bottom-up with `f` applied after its arguments were rebuilt. */
function rewriteBottomUp(e: Expr, f: (n: Expr) => Expr): Expr {
  const out = new Map<Expr, Expr>();
  for (const n of e.nodes()) {
    const args = n.args.map((a) => out.get(a) as Expr);
    let m = n;
    if (n.kind === 'call' || n.kind === 'apply') {
      let same = true;
      for (let i = 0; i < args.length; i++) if (args[i] !== n.args[i]) same = false;
      if (!same) {
        if (n.prim === addPrimitive) m = addN(args);
        else if (n.prim === mulPrimitive) m = mulN(args);
        else m = rebuildAtom(n, args);
      }
    }
    out.set(n, f(m));
  }
  return out.get(e) as Expr;
}

/** exp/log rules valid for real arguments: `log(exp(a)) = a`, `exp(log(a)) = a`, `exp(a)*exp(b) = exp(a + b)`, `exp(n*log(a)) = a^n`. */
function expLogRules(e: Expr): Expr {
  return rewriteBottomUp(e, (n) => {
    if (n.prim === logPrimitive) {
      const a = n.args[0] as Expr;
      if (a.prim === expPrimitive) return a.args[0] as Expr;
    }
    if (n.prim === expPrimitive) {
      const a = n.args[0] as Expr;
      if (a.prim === logPrimitive) return a.args[0] as Expr;
      if (a.prim === mulPrimitive && a.args.length === 2) {
        const [c, l] = a.args as [Expr, Expr];
        if (intValue(c) !== undefined && l.prim === logPrimitive) return build(powPrimitive, [l.args[0] as Expr, c]);
      }
    }
    if (n.prim === mulPrimitive) {
      const exps = n.args.filter((f) => f.prim === expPrimitive);
      if (exps.length >= 2) {
        const rest = n.args.filter((f) => f.prim !== expPrimitive);
        return mulN([...rest, build(expPrimitive, [addN(exps.map((f) => f.args[0] as Expr))])]);
      }
    }
    return n;
  });
}

/** Splits a term `c * R * f(a)^2` for `f` in {sin, cos}: `[c, R, f, a]`. */
function trigSquare(t: Expr): [Expr, Expr, 'sin' | 'cos', Expr] | undefined {
  const [c, rest] = splitCoeff(t);
  const fs = rest.prim === mulPrimitive ? rest.args : [rest];
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i] as Expr;
    if (f.prim === powPrimitive && intValue(f.args[1] as Expr) === 2) {
      const b = f.args[0] as Expr;
      if (b.prim === sinPrimitive || b.prim === cosPrimitive) {
        const others = fs.filter((_, j) => j !== i);
        return [c, others.length ? mulN(others) : ONE, b.prim === sinPrimitive ? 'sin' : 'cos', b.args[0] as Expr];
      }
    }
  }
  return undefined;
}

/** The Pythagorean identity on sums: `c R sin²a + c R cos²a = c R`, `c R - c R sin²a = c R cos²a` (and with cos). */
function pythagorean(e: Expr): Expr {
  return rewriteBottomUp(e, (n) => {
    if (n.prim !== addPrimitive) return n;
    const terms = n.args.slice();
    let changed = true;
    let guard = 0;
    while (changed && guard++ < terms.length + 2) {
      changed = false;
      outer: for (let i = 0; i < terms.length; i++) {
        const ti = trigSquare(terms[i] as Expr);
        if (!ti) continue;
        const [c, R, f, a] = ti;
        for (let j = 0; j < terms.length; j++) {
          if (j === i) continue;
          const tj = terms[j] as Expr;
          const sj = trigSquare(tj);
          if (sj && sj[2] !== f && sj[3] === a && sj[1] === R && sj[0] === c) {
            terms.splice(Math.max(i, j), 1);
            terms.splice(Math.min(i, j), 1);
            terms.push(mulN([c, R]));
            changed = true;
            break outer;
          }
          // c R - c R f² = c R g²
          const [cj, Rj] = splitCoeff(tj);
          if (Rj === R && cj.exact !== undefined && c.exact !== undefined && addN([cj, c]).value === 0) {
            const other = build(f === 'sin' ? cosPrimitive : sinPrimitive, [a]);
            terms.splice(Math.max(i, j), 1);
            terms.splice(Math.min(i, j), 1);
            terms.push(mulN([cj, R, build(powPrimitive, [other, 2])]));
            changed = true;
            break outer;
          }
        }
      }
    }
    return addN(terms);
  });
}

/** Double angles: `2 sin(a) cos(a) = sin(2a)`, `cos²a - sin²a = cos(2a)`. */
function doubleAngle(e: Expr): Expr {
  return rewriteBottomUp(e, (n) => {
    if (n.prim === mulPrimitive) {
      const sins = n.args.filter((f) => f.prim === sinPrimitive);
      for (const sn of sins) {
        const a = sn.args[0] as Expr;
        const cs = n.args.find((f) => f.prim === cosPrimitive && f.args[0] === a);
        if (cs) {
          const rest = n.args.filter((f) => f !== sn && f !== cs);
          return mulN([HALF_E, ...rest, build(sinPrimitive, [mulN([TWO_E, a])])]);
        }
      }
      return n;
    }
    if (n.prim !== addPrimitive) return n;
    const terms = n.args.slice();
    for (let i = 0; i < terms.length; i++) {
      const ti = trigSquare(terms[i] as Expr);
      if (!ti || ti[2] !== 'cos') continue;
      const [c, R, , a] = ti;
      for (let j = 0; j < terms.length; j++) {
        const tj = trigSquare(terms[j] as Expr);
        if (tj && tj[2] === 'sin' && tj[3] === a && tj[1] === R && addN([tj[0], c]).value === 0 && c.exact !== undefined) {
          const keep = terms.filter((_, k) => k !== i && k !== j);
          return addN([...keep, mulN([c, R, build(cosPrimitive, [mulN([TWO_E, a])])])]);
        }
      }
    }
    return n;
  });
}

function hasTrig(e: Expr): boolean {
  return e.nodes().some((n) => n.prim === sinPrimitive || n.prim === cosPrimitive);
}

/** A trigonometric pipeline: factor, the Pythagorean identity, expand, double angles (`sin⁴x - cos⁴x = -cos(2x)`). */
function trigPipeline(e: Expr): Expr {
  if (!hasTrig(e)) return e;
  return doubleAngle(expand(pythagorean(factor(e))));
}

// Inside simplify, expansions are refused (the rewrite skipped) past 50 terms per node of
// the input: simplify never explodes an expression to look for a smaller one.
const limitFor = (e: Expr): number => 1000 + 50 * exprCost(e)[0];
function expand(e: Expr): Expr {
  return expandWithin(e, limitFor(e));
}
function factor(e: Expr): Expr {
  return factorWithin(e, limitFor(e));
}
function cancel(e: Expr): Expr {
  return cancelWithin(e, limitFor(e));
}

const REWRITES: readonly ((e: Expr) => Expr)[] = [cancel, factor, expand, together, expLogRules, pythagorean, doubleAngle, trigPipeline];

/** Expressions up to this tree size also try every two-step composition of rewrites. */
const PAIR_SEARCH_SIZE = 80;

/**
 * Simplifies an expression: tries cancel, factor, expand, together, the exponential and
 * logarithm rules valid for real symbols (`log(exp(a)) = a`), the Pythagorean identity
 * (`sin(x)^2 + cos(x)^2 = 1`) and double angles (`2 sin(x) cos(x) = sin(2x)`), keeping
 * a rewrite only when it lowers the cost (tree size, then the number of distinct nodes); small
 * expressions also try two rewrites in a row. Stops when nothing improves or after
 * `maxIterations` rounds and returns the best form seen.
 *
 * Note: like SymPy's `simplify`, but deterministic and monotone: the result is never more
 * costly than the input.
 *
 * @param e the expression
 * @param maxIterations the cap on improvement rounds (default 8)
 * @returns the simplest form found
 * @example
 * ```ts
 * import { simplify, symbols, add, pow, sin, cos, div, sub } from 'fluxion';
 * const [x] = symbols('x');
 * simplify(add(pow(sin(x), 2), pow(cos(x), 2))).toString(); // '1'
 * simplify(div(sub(pow(x, 2), 1), sub(x, 1))).toString(); // 'x + 1'
 * ```
 */
export function simplify(e: ExprLike, maxIterations = 8): Expr {
  let best = toExpr(e, 'simplify');
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new FluxionError(`simplify: maxIterations must be a non-negative integer, got ${maxIterations}.`);
  }
  // Each (rewrite, input) pair runs once per call: compositions revisit the same forms.
  const memo = new Map<(x: Expr) => Expr, Map<Expr, Expr | undefined>>();
  const attempt = (r: (x: Expr) => Expr, x: Expr): Expr | undefined => {
    let m = memo.get(r);
    if (!m) memo.set(r, (m = new Map()));
    if (m.has(x)) return m.get(x);
    let out: Expr | undefined;
    try {
      out = r(x);
    } catch (err) {
      if (!(err instanceof FluxionError || err instanceof RangeError)) throw err;
      out = undefined;
    }
    m.set(x, out);
    return out;
  };
  for (let it = 0; it < maxIterations; it++) {
    let improved = false;
    const firstStep: Expr[] = [];
    for (const r of REWRITES) {
      const c = attempt(r, best);
      if (c === undefined || c === best) continue;
      firstStep.push(c);
      if (lessCost(c, best)) {
        best = c;
        improved = true;
      }
    }
    const size = exprCost(best)[0];
    if (!improved && size <= PAIR_SEARCH_SIZE) {
      // A rewrite that first grows the expression may enable one that shrinks it below the
      // start (factor, then the Pythagorean identity): the composition must lower the cost.
      // Only modest intermediate forms are explored (at most 4x the size, plus 20 nodes).
      for (const c1 of firstStep) {
        if (exprCost(c1)[0] > 4 * size + 20) continue;
        for (const r of REWRITES) {
          const c2 = attempt(r, c1);
          if (c2 !== undefined && lessCost(c2, best)) {
            best = c2;
            improved = true;
          }
        }
      }
    }
    if (!improved) break;
  }
  return best;
}

