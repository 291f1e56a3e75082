/**
 * The public polynomial algebra on expressions: expand, factor, factorList, cancel,
 * together, collect and the Poly view.
 */
import { FluxionError, FluxionTypeError, describeValue } from '../core/errors.js';
import { addPrimitive, mulPrimitive, powPrimitive } from '../ops/arithmetic.js';
import { addN, mulN, powB, splitCoeff, ONE, ZERO } from '../symbolic/canon.js';
import { Expr, mkExact, toExpr, type ExprLike } from '../symbolic/expr.js';
import { normInt, rat } from '../symbolic/rational.js';
import {
  Gens,
  intValue,
  keepCoeffMul,
  rebuildAtom,
  sortedGenOrder,
  spToExpr,
  toPoly,
  toRatFunc,
} from './convert.js';
import { type Dmp, dmpGcd } from './dmp.js';
import { dmpFactorList } from './mfactor.js';
import {
  type SPoly,
  spAsConst,
  spConst,
  spScale,
  spFromDmp,
  spToDmp,
  spVarsUsed,
} from './spoly.js';
import { bgcd } from './zz.js';

function asExpr(e: unknown, fn: string): Expr {
  if (e instanceof Expr) return e;
  if (typeof e === 'number') return toExpr(e, fn);
  throw new FluxionTypeError(`${fn}: expected an expression (Expr) or a number, got ${describeValue(e)}. Build one with symbols('x') or parse('...').`);
}

/** Text of an expression for an error message (the printer may not be loaded). */
function show(e: Expr): string {
  try {
    return e.toString();
  } catch {
    return `an expression with ${e.nodes().length} nodes`;
  }
}

function ratExpr(p: bigint, q: bigint): Expr {
  return mkExact(rat(normInt(p), normInt(q)));
}

/**
 * Expands products and integer powers of sums (multinomially), everywhere in the expression,
 * with exact (arbitrarily large) coefficients.
 *
 * Note: like SymPy's `expand`: function arguments are expanded too; denominators
 * `(x + 1)^-2` become `1/(x^2 + 2*x + 1)`. Results that would exceed 2 000 000 terms are
 * refused up front with an error giving the estimated size.
 *
 * @param e the expression
 * @returns the expanded expression
 * @example
 * ```ts
 * import { expand, symbols, mul, pow, add } from 'fluxion';
 * const [x] = symbols('x');
 * expand(mul(x, add(pow(x, 3), mul(2, pow(x, 2))))).toString(); // 'x^4 + 2*x^3'
 * ```
 */
export function expand(e: ExprLike): Expr {
  return expandWithin(asExpr(e, 'expand'));
}

/** Internal: `expand` with a custom term limit (simplify uses a small one). */
export function expandWithin(x: Expr, maxTerms?: number): Expr {
  const gens = new Gens();
  if (maxTerms !== undefined) gens.maxTerms = maxTerms;
  const p = toPoly(x, gens, true);
  return spToExpr(p, gens.list);
}

interface PolyFactors {
  c: [bigint, bigint];
  factors: [SPoly, number][];
}

/** Factorization over Q of a polynomial over generators (variables in SymPy's order). */
function factorSPoly(p: SPoly, gens: readonly Expr[]): PolyFactors {
  const k = spAsConst(p);
  if (k) return { c: k, factors: [] };
  const order = sortedGenOrder(gens, spVarsUsed(p));
  const [f, den] = spToDmp(p, order);
  const [c, fl] = dmpFactorList(f, order.length - 1);
  const g = bgcd(c, den);
  return {
    c: [c / g, den / g],
    factors: fl.map(([h, m]) => [spFromDmp(h, order), m] as [SPoly, number]),
  };
}

/** `[num/g, den/g]` with `g = gcd(num, den)`, denominators normalized to integer form. */
function cancelPair(num: SPoly, den: SPoly, gens: readonly Expr[]): [SPoly, SPoly] {
  if (spAsConst(den)) return [num, den];
  if (num.coefs.length === 0) return [num, spConst(1n)];
  const used = [...new Set([...spVarsUsed(num), ...spVarsUsed(den)])];
  const order = sortedGenOrder(gens, used);
  const [nd, nden] = spToDmp(num, order);
  const [dd, dden] = spToDmp(den, order);
  const [, a, b] = dmpGcd(nd as Dmp, dd as Dmp, order.length - 1);
  return [spFromDmp(a, order, nden), spFromDmp(b, order, dden)];
}

function factorShallow(x: Expr, maxTerms?: number): { coeff: Expr; parts: [Expr, number][] } {
  const gens = new Gens();
  if (maxTerms !== undefined) gens.maxTerms = maxTerms;
  const rf = toRatFunc(x, gens);
  const [num, den] = cancelPair(rf.num, rf.den, gens.list);
  const fn = factorSPoly(num, gens.list);
  const fd = factorSPoly(den, gens.list);
  const p = fn.c[0] * fd.c[1], q = fn.c[1] * fd.c[0];
  const parts: [Expr, number][] = [];
  for (const [f, m] of fn.factors) parts.push([spToExpr(f, gens.list), m]);
  for (const [f, m] of fd.factors) parts.push([spToExpr(f, gens.list), -m]);
  return { coeff: ratExpr(q < 0n ? -p : p, q < 0n ? -q : q), parts };
}

function assemble(r: { coeff: Expr; parts: [Expr, number][] }): Expr {
  return keepCoeffMul(
    r.coeff,
    r.parts.map(([f, m]) => powB(f, mkExact(rat(m)))),
  );
}

function isPolyNode(n: Expr): boolean {
  if (n.kind !== 'call') return false;
  if (n.prim === addPrimitive || n.prim === mulPrimitive) return true;
  return n.prim === powPrimitive && intValue(n.args[1] as Expr) !== undefined;
}

/**
 * Replaces every atom (function call, non-integer power) by the same atom with factored
 * arguments, bottom-up over the DAG (iterative: deep nesting cannot overflow the stack).
 */
function factorAtomArgs(x: Expr, maxTerms?: number): Expr {
  const out = new Map<Expr, Expr>();
  for (const n of x.nodes()) {
    if (n.kind !== 'call' && n.kind !== 'apply') {
      out.set(n, n);
      continue;
    }
    const args = n.args.map((a) => out.get(a) as Expr);
    if (isPolyNode(n)) {
      let same = true;
      for (let i = 0; i < args.length; i++) if (args[i] !== n.args[i]) same = false;
      out.set(n, same ? n : rebuildAtom(n, args));
      continue;
    }
    // Atom arguments are already done (children first); sums and products get factored.
    const fargs = args.map((a) => (isPolyNode(a) ? assemble(factorShallow(a, maxTerms)) : a));
    out.set(n, rebuildAtom(n, fargs));
  }
  return out.get(x) as Expr;
}

/** Common factors of the terms of a sum (SymPy's `factor_terms`): `[[base, exponent]...], rest`. */
function commonTermFactors(x: Expr): [[Expr, number][], Expr] | null {
  let common: Map<Expr, number> | null = null;
  for (const t of x.args) {
    const [, rest] = splitCoeff(t);
    const fs = rest.kind === 'call' && rest.prim === mulPrimitive ? rest.args : [rest];
    const here = new Map<Expr, number>();
    for (const f of fs) {
      const k = f.kind === 'call' && f.prim === powPrimitive ? intValue(f.args[1] as Expr) : undefined;
      if (k !== undefined && k > 0) here.set(f.args[0] as Expr, k);
      else if (f.kind !== 'number') here.set(f, 1);
    }
    if (common === null) common = here;
    else for (const [b, k] of common) {
      const h = here.get(b);
      if (h === undefined) common.delete(b);
      else if (h < k) common.set(b, h);
    }
    if (common.size === 0) return null;
  }
  if (common === null || common.size === 0) return null;
  const list = [...common];
  const inv = list.map(([b, k]) => powB(b, mkExact(rat(-k))));
  return [list, addN(x.args.map((t) => mulN([t, ...inv])))];
}

type Factored = { coeff: Expr; parts: [Expr, number][] };

/**
 * Factors a product factor by factor, a power of a sum by factoring its base, and a sum
 * whose terms share factors by pulling them out first (SymPy's `_symbolic_factor_list` and
 * `factor_terms` do the same): much cheaper than expanding everything. Equal irreducible
 * factors are merged (they are normalized the same way), so numerator and denominator
 * factors still cancel. Depth is bounded; past it the sum is expanded and factored whole.
 */
function factorMultiplicative(x: Expr, maxTerms: number | undefined, depth = 0, memo = new Map<Expr, Factored>()): Factored {
  const hit = memo.get(x);
  if (hit) return hit;
  let r: Factored;
  const isMulNode = x.kind === 'call' && x.prim === mulPrimitive;
  const k = x.kind === 'call' && x.prim === powPrimitive ? intValue(x.args[1] as Expr) : undefined;
  const isPowNode = k !== undefined && (x.args[0] as Expr).kind !== 'number';
  const split = depth < 40 && x.kind === 'call' && x.prim === addPrimitive ? commonTermFactors(x) : null;
  if (depth >= 40 || (!isMulNode && !isPowNode && !split)) {
    r = factorShallow(x, maxTerms);
  } else {
    const pieces: [Factored, number][] = [];
    if (isMulNode) {
      for (const a of x.args) pieces.push([a.kind === 'number' ? { coeff: a, parts: [] } : factorMultiplicative(a, maxTerms, depth + 1, memo), 1]);
    } else if (isPowNode) {
      pieces.push([factorMultiplicative(x.args[0] as Expr, maxTerms, depth + 1, memo), k as number]);
    } else {
      const [common, rest] = split as [[Expr, number][], Expr];
      for (const [b, m] of common) pieces.push([factorMultiplicative(b, maxTerms, depth + 1, memo), m]);
      pieces.push([factorMultiplicative(rest, maxTerms, depth + 1, memo), 1]);
    }
    let coeff: Expr = ONE;
    const mult = new Map<Expr, number>();
    for (const [p, scale] of pieces) {
      coeff = mulN([coeff, powB(p.coeff, mkExact(rat(scale)))]);
      for (const [f, m] of p.parts) mult.set(f, (mult.get(f) ?? 0) + m * scale);
    }
    const parts: [Expr, number][] = [];
    for (const [f, m] of mult) if (m !== 0) parts.push([f, m]);
    r = { coeff, parts };
  }
  memo.set(x, r);
  return r;
}

function factorCore(x: Expr, maxTerms?: number): { coeff: Expr; parts: [Expr, number][] } {
  return factorMultiplicative(factorAtomArgs(x, maxTerms), maxTerms);
}

/** Internal: `factor` with a custom expansion limit (simplify uses a small one). */
export function factorWithin(x: Expr, maxTerms?: number): Expr {
  if (x.kind !== 'call' && x.kind !== 'apply') return x;
  return assemble(factorCore(x, maxTerms));
}

/**
 * Factors into irreducible factors over the rationals, `e = c * prod f_i^e_i`: the content
 * `c`, then each irreducible polynomial factor `f_i` with its multiplicity `e_i`. Rational functions are cancelled first and the
 * denominator is factored too; non-polynomial parts (`sin(x)`, `exp(x)`) are treated as
 * variables and their arguments factored, like SymPy.
 *
 * Note: univariate polynomials go through square-free decomposition, factorization modulo a
 * small prime (Cantor–Zassenhaus), Hensel lifting and Zassenhaus recombination;
 * multivariate ones through evaluation, multivariate Hensel lifting and recombination.
 *
 * @param e the expression
 * @returns the factored expression
 * @example
 * ```ts
 * import { factor, parse } from 'fluxion';
 * factor(parse('x^4 + 2*x^3')).toString(); // 'x^3*(x + 2)'
 * factor(parse('x^2 - 1')).toString(); // '(x - 1)*(x + 1)'
 * factor(parse('2*x + 2')).toString(); // '2*(x + 1)'
 * ```
 */
export function factor(e: ExprLike): Expr {
  const x = asExpr(e, 'factor');
  if (x.kind !== 'call' && x.kind !== 'apply') return x;
  return assemble(factorCore(x));
}

/** The result of {@link factorList}: `e = content * prod factor^multiplicity`. */
export interface FactorList {
  /** The rational content (with the sign). */
  readonly content: Expr;
  /** Irreducible factors with multiplicities (negative for denominator factors). */
  readonly factors: readonly (readonly [Expr, number])[];
}

/**
 * The factorization as data: `{ content, factors: [[factor, multiplicity], ...] }` with
 * `e = content * prod factor^multiplicity` (SymPy's `factor_list`).
 *
 * @param e the expression
 * @returns the content and the irreducible factors with their multiplicities
 * @example
 * ```ts
 * import { factorList, symbols, add, mul, pow } from 'fluxion';
 * const [x] = symbols('x');
 * const r = factorList(add(mul(2, pow(x, 2)), mul(4, x)));
 * r.content.toString(); // '2'
 * r.factors.map(([f, m]) => `${f}^${m}`).join(' '); // 'x^1 x + 2^1'
 * ```
 */
export function factorList(e: ExprLike): FactorList {
  const x = asExpr(e, 'factorList');
  if (x.kind === 'number') return { content: x, factors: [] };
  const { coeff, parts } = factorCore(x);
  return { content: coeff, factors: parts.map(([f, m]) => [f, m] as const) };
}

/**
 * Puts a rational function in lowest terms `p/q` (expanded, no common factor, via the
 * polynomial gcd).
 *
 * @param e the expression
 * @returns the cancelled form
 * @example
 * ```ts
 * import { cancel, symbols, div, sub, pow } from 'fluxion';
 * const [x] = symbols('x');
 * cancel(div(sub(pow(x, 2), 1), sub(x, 1))).toString(); // 'x + 1'
 * ```
 */
export function cancel(e: ExprLike): Expr {
  return cancelWithin(asExpr(e, 'cancel'));
}

/** Internal: `cancel` with a custom expansion limit (simplify uses a small one). */
export function cancelWithin(x: Expr, maxTerms?: number): Expr {
  if (x.kind !== 'call') return x;
  const gens = new Gens();
  if (maxTerms !== undefined) gens.maxTerms = maxTerms;
  const rf = toRatFunc(x, gens);
  const [num, den] = cancelPair(rf.num, rf.den, gens.list);
  const dc = spAsConst(den);
  // The denominator cancelled to a constant (possibly negative): divide it out.
  if (dc) return spToExpr(spScale(num, dc[1], dc[0]), gens.list);
  // num/den = (A/a)/(B/b) with integer polynomials A, B = (A b)/(B a); then the denominator
  // gets a positive leading coefficient and the common integer content is removed.
  const order = sortedGenOrder(gens.list, [...new Set([...spVarsUsed(num), ...spVarsUsed(den)])]);
  const [A, a] = spToDmp(num, order);
  const [B, b] = spToDmp(den, order);
  const sign = leadingSign(B, order.length - 1) < 0 ? -1n : 1n;
  const N = spFromDmp(A, order), D = spFromDmp(B, order);
  let nc = N.coefs.map((c) => c * b * sign), dcs = D.coefs.map((c) => c * a * sign);
  let g = 0n;
  for (const c of nc) g = bgcd(g, c);
  for (const c of dcs) g = bgcd(g, c);
  if (g > 1n) {
    nc = nc.map((c) => c / g);
    dcs = dcs.map((c) => c / g);
  }
  const NE = spToExpr({ exps: N.exps, coefs: nc, den: 1n }, gens.list);
  const DE = spToExpr({ exps: D.exps, coefs: dcs, den: 1n }, gens.list);
  return mulN([NE, powB(DE, mkExact(rat(-1)))]);
}

function leadingSign(f: Dmp, u: number): number {
  let g: unknown = f;
  for (let i = 0; i < u; i++) g = (g as Dmp)[0];
  const c = (g as bigint[])[0] as bigint;
  return c < 0n ? -1 : 1;
}

function splitNumDen(t: Expr): [Expr[], Map<Expr, number>] {
  const fs = t.kind === 'call' && t.prim === mulPrimitive ? t.args : [t];
  const num: Expr[] = [];
  const den = new Map<Expr, number>();
  for (const f of fs) {
    if (f.kind === 'call' && f.prim === powPrimitive) {
      const k = intValue(f.args[1] as Expr);
      if (k !== undefined && k < 0) {
        den.set(f.args[0] as Expr, -k);
        continue;
      }
    }
    if (f.kind === 'number' && f.exact !== undefined && f.exact.q !== 1) {
      num.push(mkExact(rat(f.exact.p, 1)));
      const d = mkExact(rat(f.exact.q, 1));
      den.set(d, 1);
      continue;
    }
    num.push(f);
  }
  return [num, den];
}

/**
 * Combines a sum of fractions over a common denominator (the least common multiple of the
 * denominators' factors, `a/(x y) + b/x = (a + b y)/(x y)`), without expanding or cancelling
 * (SymPy's `together`).
 *
 * @param e the expression
 * @returns one fraction
 * @example
 * ```ts
 * import { together, symbols, div, add } from 'fluxion';
 * const [x, y] = symbols('x y');
 * together(add(div(1, x), div(1, y))).toString(); // '(x + y)/(x*y)'
 * ```
 */
export function together(e: ExprLike): Expr {
  const x = asExpr(e, 'together');
  const out = new Map<Expr, Expr>();
  for (const n of x.nodes()) {
    if (n.kind !== 'call') {
      out.set(n, n);
      continue;
    }
    const args = n.args.map((a) => out.get(a) ?? a);
    if (n.prim !== addPrimitive) {
      out.set(n, rebuildAtom(n, args));
      continue;
    }
    const split = args.map(splitNumDen);
    const L = new Map<Expr, number>();
    for (const [, d] of split) for (const [b, k] of d) L.set(b, Math.max(L.get(b) ?? 0, k));
    if (L.size === 0) {
      out.set(n, addN(args));
      continue;
    }
    const nums: Expr[] = [];
    for (const [num, d] of split) {
      const fs = num.slice();
      for (const [b, k] of L) {
        const m = k - (d.get(b) ?? 0);
        if (m > 0) fs.push(powB(b, mkExact(rat(m))));
      }
      nums.push(mulN(fs));
    }
    const dens: Expr[] = [];
    for (const [b, k] of L) dens.push(powB(b, mkExact(rat(-k))));
    const numer = addN(nums);
    out.set(n, mulN([numer, ...dens]));
  }
  return out.get(x) ?? x;
}

/**
 * Collects the terms of the expanded expression by powers of `x`:
 * `sum_k c_k(other symbols) * x^k`.
 *
 * @param e the expression
 * @param x the symbol (or atom, like `sin(y)`) to collect
 * @returns the collected sum
 * @example
 * ```ts
 * import { collect, parse, symbols } from 'fluxion';
 * const [x] = symbols('x');
 * collect(parse('a*x + b*x + 1'), x).toString(); // 'x*(a + b) + 1'
 * ```
 */
export function collect(e: ExprLike, x: Expr): Expr {
  const ex = asExpr(e, 'collect');
  if (!(x instanceof Expr)) throw new FluxionTypeError(`collect: the variable must be an Expr (a symbol), got ${describeValue(x)}.`);
  const gens = new Gens();
  const p = toPoly(ex, gens, true);
  const i = gens.has(x);
  if (i === undefined) return spToExpr(p, gens.list);
  const groups = new Map<number, { exps: number[][]; coefs: bigint[] }>();
  for (let t = 0; t < p.coefs.length; t++) {
    const e0 = (p.exps[t] as readonly number[]).slice();
    const k = e0[i] ?? 0;
    if (i < e0.length) e0[i] = 0;
    const g = groups.get(k) ?? { exps: [], coefs: [] };
    g.exps.push(e0);
    g.coefs.push(p.coefs[t] as bigint);
    groups.set(k, g);
  }
  const terms: Expr[] = [];
  for (const [k, g] of groups) {
    const c = spToExpr({ exps: g.exps, coefs: g.coefs, den: p.den }, gens.list);
    terms.push(mulN([c, powB(x, mkExact(rat(k)))]));
  }
  return addN(terms);
}

/**
 * A univariate polynomial view of an expression in `x`: coefficients are expressions in the
 * other symbols (exact numbers when there are none). Made by {@link poly}.
 *
 * @example
 * ```ts
 * import { poly, parse, symbols } from 'fluxion';
 * const [x] = symbols('x');
 * const p = poly(parse('a*x^2 + 3'), x);
 * p.leadingCoeff.toString(); // 'a'
 * p.coeff(0).toString(); // '3'
 * ```
 */
export class Poly {
  /** The variable. */
  readonly gen: Expr;
  /** All coefficients, leading first (`coeffs[0]` multiplies `x^degree`). */
  readonly coeffs: readonly Expr[];
  /** @internal */
  constructor(gen: Expr, coeffs: readonly Expr[]) {
    this.gen = gen;
    this.coeffs = coeffs;
  }
  /** The degree (`-Infinity` for the zero polynomial, like SymPy). */
  get degree(): number {
    return this.coeffs.length === 0 ? -Infinity : this.coeffs.length - 1;
  }
  /** The leading coefficient (`0` for the zero polynomial). */
  get leadingCoeff(): Expr {
    return this.coeffs[0] ?? ZERO;
  }
  /** The coefficient of `x^k`. */
  coeff(k: number): Expr {
    const n = this.coeffs.length - 1;
    return k < 0 || k > n ? ZERO : (this.coeffs[n - k] as Expr);
  }
  /** Evaluates at `x = v` by Horner's rule (exact for exact inputs). */
  eval(v: ExprLike): Expr {
    const a = toExpr(v, 'Poly.eval');
    let r: Expr = ZERO;
    for (const c of this.coeffs) r = expand(addN([mulN([r, a]), c]));
    return r;
  }
  /** The polynomial as an expression. */
  asExpr(): Expr {
    const n = this.coeffs.length - 1;
    return addN(this.coeffs.map((c, i) => mulN([c, powB(this.gen, mkExact(rat(n - i)))])));
  }
}

/**
 * The polynomial view of `e` in the variable `x` (SymPy's `Poly(e, x)`): degree,
 * coefficients, leading coefficient, evaluation.
 *
 * @param e a polynomial in `x` (other symbols and functions are allowed in the coefficients)
 * @param x the variable
 * @returns the Poly
 * @example
 * ```ts
 * import { poly, symbols, add, mul, pow } from 'fluxion';
 * const [x] = symbols('x');
 * const p = poly(add(mul(2, pow(x, 3)), 5), x);
 * p.degree; // 3
 * p.coeffs.map(String).join(' '); // '2 0 0 5'
 * p.eval(2).toString(); // '21'
 * ```
 */
export function poly(e: ExprLike, x: Expr): Poly {
  const ex = asExpr(e, 'poly');
  if (!(x instanceof Expr) || x.kind !== 'symbol') throw new FluxionTypeError(`poly: the variable must be a symbol, got ${describeValue(x)}.`);
  const gens = new Gens();
  const i = gens.of(x);
  const p = toPoly(ex, gens, true);
  for (let j = 1; j < gens.list.length; j++) {
    const g = gens.list[j] as Expr;
    if (g.nodes().includes(x)) {
      throw new FluxionError(`poly: ${show(ex)} is not a polynomial in ${x.name}: it contains ${show(g)}. Use factor/cancel/expand for such expressions.`);
    }
  }
  let deg = -1;
  for (const e0 of p.exps) deg = Math.max(deg, e0[i] ?? 0);
  if (p.coefs.length === 0) return new Poly(x, []);
  const buckets: { exps: number[][]; coefs: bigint[] }[] = [];
  for (let k = 0; k <= deg; k++) buckets.push({ exps: [], coefs: [] });
  for (let t = 0; t < p.coefs.length; t++) {
    const e0 = (p.exps[t] as readonly number[]).slice();
    const k = e0[i] ?? 0;
    if (i < e0.length) e0[i] = 0;
    const b = buckets[deg - k] as { exps: number[][]; coefs: bigint[] };
    b.exps.push(e0);
    b.coefs.push(p.coefs[t] as bigint);
  }
  return new Poly(
    x,
    buckets.map((b) => (b.coefs.length ? spToExpr({ exps: b.exps, coefs: b.coefs, den: p.den }, gens.list) : ZERO)),
  );
}

