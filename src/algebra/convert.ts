// Expr ⇄ polynomial conversion. Everything that is not a sum, product, integer power or
// exact number is a generator ("atom"), as in SymPy: sin(x), exp(x), x^(1/2), floats.
// Traversals are iterative over the expression DAG (children first, each node once).

import { FluxionError } from '../core/errors.js';
import { addPrimitive, mulPrimitive, powPrimitive } from '../ops/arithmetic.js';
import { addN, canonicalCompare, mulN, NEG_ONE, powB, structuralCompare, ONE, ZERO } from '../symbolic/canon.js';
import { Expr, mkApply, mkCall, mkExact, topoOrder, topoOrderWithin } from '../symbolic/expr.js';
import { big, normInt, rat } from '../symbolic/rational.js';
import { build } from '../symbolic/canon.js';
import {
  type SPoly,
  SP_ZERO,
  spAdd,
  spSum,
  spAsConst,
  spConst,
  spGen,
  spMaxDegs,
  spMaxCoef,
  spMul,
  spNvars,
  spPow,
} from './spoly.js';
import { bitLength } from './zz.js';

/** Largest number of terms an expansion may produce before it is refused. */
export const MAX_TERMS = 2_000_000;
/** Largest total coefficient size (bits) an expansion may produce before it is refused. */
export const MAX_BITS = 4e9;

/** The generator table of one conversion: atom ⇄ variable index. */
export class Gens {
  readonly list: Expr[] = [];
  /** Largest number of terms an expansion in this conversion may produce. */
  maxTerms = MAX_TERMS;
  private readonly index = new Map<Expr, number>();
  of(e: Expr): number {
    let i = this.index.get(e);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(e);
      this.index.set(e, i);
    }
    return i;
  }
  has(e: Expr): number | undefined {
    return this.index.get(e);
  }
}

function isAdd(e: Expr): boolean {
  return e.kind === 'call' && e.prim === addPrimitive;
}
function isMul(e: Expr): boolean {
  return e.kind === 'call' && e.prim === mulPrimitive;
}
function isPow(e: Expr): boolean {
  return e.kind === 'call' && e.prim === powPrimitive;
}

/** The integer value of an exact integer node, else undefined. */
export function intValue(e: Expr): number | undefined {
  if (e.kind !== 'number' || e.exact === undefined || e.exact.q !== 1) return undefined;
  const p = e.exact.p;
  return typeof p === 'number' ? p : undefined;
}

function binomLog2(n: number, k: number): number {
  // log2 C(n, k)
  k = Math.min(k, n - k);
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log2((n - k + i) / i);
  return s;
}

function fmtCount(log2: number): string {
  if (log2 < 50) return Math.round(2 ** log2).toLocaleString('en-US');
  const l10 = log2 * Math.log10(2);
  const exp = Math.floor(l10);
  return `${(10 ** (l10 - exp)).toFixed(1)}e${exp}`;
}

/** Refuses an expansion `base^n` whose result would be too large (estimated up front). */
function checkPow(a: SPoly, n: number, what: () => string, limit = MAX_TERMS): void {
  const t = a.coefs.length;
  if (t <= 1 || n <= 1) return;
  const nv = spNvars(a);
  const degs = spMaxDegs(a, nv);
  let boxLog = 0;
  for (const d of degs) if (d > 0) boxLog += Math.log2(n * d + 1);
  const termsLog = Math.min(binomLog2(n + t - 1, t - 1), boxLog);
  const coefBits = n * Math.log2(t) + n * bitLength(spMaxCoef(a)) + bitLength(a.den) * n + 1;
  if (termsLog > Math.log2(limit) || termsLog + Math.log2(coefBits) > Math.log2(MAX_BITS)) {
    throw new FluxionError(
      `expand: ${what()} would have about ${fmtCount(termsLog)} terms (coefficients up to about ${Math.round(coefBits)} bits); ` +
        `refusing to expand more than ${limit.toLocaleString('en-US')} terms. Keep it unexpanded, or expand a smaller power.`,
    );
  }
}

function checkMul(a: SPoly, b: SPoly, limit = MAX_TERMS): void {
  const ta = a.coefs.length, tb = b.coefs.length;
  if (ta * tb <= limit) return;
  const nv = Math.max(spNvars(a), spNvars(b));
  const da = spMaxDegs(a, nv), db = spMaxDegs(b, nv);
  let box = 1;
  for (let i = 0; i < nv; i++) box *= (da[i] as number) + (db[i] as number) + 1;
  const est = Math.min(ta * tb, box);
  if (est > limit) {
    throw new FluxionError(
      `expand: a product of ${ta} and ${tb} terms would have up to about ${fmtCount(Math.log2(est))} terms; ` +
        `refusing to expand more than ${limit.toLocaleString('en-US')} terms. Keep it unexpanded.`,
    );
  }
}

/** Builds the expression of a polynomial over the generators. */
export function spToExpr(p: SPoly, gens: readonly Expr[]): Expr {
  const c = spAsConst(p);
  if (c) return mkExact(rat(normInt(c[0]), normInt(c[1])));
  let symbolsOnly = true;
  for (const e of p.exps) for (let j = 0; j < e.length; j++) if (e[j] !== 0 && (gens[j] as Expr).kind !== 'symbol') symbolsOnly = false;
  if (symbolsOnly) return spToExprFast(p, gens);
  const terms: Expr[] = [];
  for (let i = 0; i < p.coefs.length; i++) {
    const e = p.exps[i] as readonly number[];
    const fs: Expr[] = [mkExact(rat(normInt(p.coefs[i] as bigint), normInt(p.den)))];
    for (let j = 0; j < e.length; j++) {
      const k = e[j] as number;
      if (k !== 0) fs.push(powB(gens[j] as Expr, mkExact(rat(k))));
    }
    terms.push(mulN(fs));
  }
  return addN(terms);
}

// Polynomials in symbols: distinct monomials are already canonical terms, so the nodes are
// built directly in canonical order (what addN/mulN would produce, without their work).
function spToExprFast(p: SPoly, gens: readonly Expr[]): Expr {
  const powCache = new Map<number, Map<number, Expr>>();
  const powOf = (j: number, k: number): Expr => {
    let m = powCache.get(j);
    if (!m) powCache.set(j, (m = new Map()));
    let r = m.get(k);
    if (!r) m.set(k, (r = k === 1 ? (gens[j] as Expr) : mkCall(powPrimitive, [gens[j] as Expr, mkExact(rat(k))])));
    return r;
  };
  const terms: Expr[] = [];
  let num: Expr | undefined;
  for (let i = 0; i < p.coefs.length; i++) {
    const e = p.exps[i] as readonly number[];
    const coef = mkExact(rat(normInt(p.coefs[i] as bigint), normInt(p.den)));
    const fs: Expr[] = [];
    for (let j = 0; j < e.length; j++) {
      const k = e[j] as number;
      if (k !== 0) fs.push(powOf(j, k));
    }
    if (fs.length === 0) {
      num = coef;
      continue;
    }
    if (fs.length > 1) fs.sort(canonicalCompare);
    const one = coef === ONE;
    terms.push(one && fs.length === 1 ? (fs[0] as Expr) : mkCall(mulPrimitive, one ? fs : [coef, ...fs]));
  }
  terms.sort(canonicalCompare);
  if (num !== undefined) terms.unshift(num);
  return terms.length === 1 ? (terms[0] as Expr) : mkCall(addPrimitive, terms);
}

/** Rebuilds an atom with new arguments (calls through the canonical constructor). */
export function rebuildAtom(e: Expr, args: readonly Expr[]): Expr {
  let same = true;
  for (let i = 0; i < args.length; i++) if (args[i] !== e.args[i]) same = false;
  if (same) return e;
  if (e.kind === 'apply') return mkApply(e.name, args, e.derivs ?? []);
  if (e.prim === addPrimitive) return addN(args);
  if (e.prim === mulPrimitive) return mulN(args);
  if (e.prim === powPrimitive) return powB(args[0] as Expr, args[1] as Expr);
  if (e.kind === 'call' && e.prim) return build(e.prim, args);
  return e;
}

/**
 * Nodes of the polynomial skeleton of `e` (sums, products, integer powers and their
 * operands), children first, without entering atoms (iterative).
 */
export function polyTopo(e: Expr): Expr[] {
  return topoOrderWithin(isPolyNode, [e]);
}

function isPolyNode(n: Expr): boolean {
  return isAdd(n) || isMul(n) || (isPow(n) && intValue(n.args[1] as Expr) !== undefined);
}

/**
 * Every atom of `e` (function call, non-integer power, undefined function) rebuilt with
 * expanded arguments, children first over the whole DAG (iterative). Each argument that is a
 * sum or product is expanded with its own generator table, so nesting stays linear.
 */
function expandAtoms(e: Expr, limit: number): Map<Expr, Expr> {
  const T = new Map<Expr, Expr>();
  for (const n of topoOrder(e)) {
    if ((n.kind !== 'call' && n.kind !== 'apply') || isPolyNode(n)) continue;
    const args = n.args.map((a) => {
      if (!isPolyNode(a)) return T.get(a) ?? a;
      const local = new Gens();
      local.maxTerms = limit;
      return spToExpr(skeletonPoly(a, local, T, true), local.list);
    });
    T.set(n, rebuildAtom(n, args));
  }
  return T;
}

/**
 * Expanded polynomial of `e` over generators (atoms). With `deep`, atoms get expanded
 * arguments and negative integer powers of sums expanded denominators (SymPy's `expand`).
 */
export function toPoly(e: Expr, gens: Gens, deep: boolean): SPoly {
  if (!deep) return skeletonPoly(e, gens, undefined, false);
  return skeletonPoly(e, gens, expandAtoms(e, gens.maxTerms), true);
}

function skeletonPoly(e: Expr, gens: Gens, atoms: Map<Expr, Expr> | undefined, deep: boolean): SPoly {
  const polyOf = new Map<Expr, SPoly>();
  for (const n of polyTopo(e)) {
    let p: SPoly;
    if (n.kind === 'number' && n.exact !== undefined) {
      p = spConst(big(n.exact.p), big(n.exact.q));
    } else if (isAdd(n)) {
      p = spSum(n.args.map((a) => polyOf.get(a) as SPoly));
    } else if (isMul(n)) {
      p = spConst(1n);
      for (const a of n.args) {
        const q = polyOf.get(a) as SPoly;
        checkMul(p, q, gens.maxTerms);
        p = spMul(p, q);
      }
    } else if (isPow(n) && intValue(n.args[1] as Expr) !== undefined) {
      const k = intValue(n.args[1] as Expr) as number;
      const b = polyOf.get(n.args[0] as Expr) as SPoly;
      if (k >= 0) {
        checkPow(b, k, () => `(${b.coefs.length} terms)^${k}`, gens.maxTerms);
        p = spPow(b, k);
      } else {
        const bc = spAsConst(b);
        if (bc && bc[0] !== 0n) {
          const m = -k;
          p = spConst(bc[1] ** BigInt(m), bc[0] ** BigInt(m));
        } else if (deep && b.coefs.length > 1) {
          checkPow(b, -k, () => `(${b.coefs.length} terms)^${-k}`, gens.maxTerms);
          p = atomPoly(powB(spToExpr(spPow(b, -k), gens.list), mkExact(rat(-1))), gens);
        } else if (deep) {
          p = atomPoly(powB(spToExpr(b, gens.list), n.args[1] as Expr), gens);
        } else {
          p = atomPoly(n, gens);
        }
      }
    } else {
      p = atomPoly(atoms?.get(n) ?? n, gens);
    }
    polyOf.set(n, p);
  }
  return polyOf.get(e) as SPoly;
}

function atomPoly(a: Expr, gens: Gens): SPoly {
  // Atoms that turned out to be numbers or polynomial after rebuilding.
  if (a.kind === 'number' && a.exact !== undefined) return spConst(big(a.exact.p), big(a.exact.q));
  if (a === ZERO) return SP_ZERO;
  if (a === ONE) return spConst(1n);
  if (isAdd(a) || isMul(a)) return toPoly(a, gens, false);
  return spGen(gens.of(a));
}

/** A rational function `num / den` over generators. */
export interface RatFunc {
  num: SPoly;
  den: SPoly;
}

/**
 * `e` as a rational function of its atoms (no cancellation): sums over a common
 * denominator, negative integer powers move to the denominator.
 */
export function toRatFunc(e: Expr, gens: Gens): RatFunc {
  const order = polyTopo(e);
  const val = new Map<Expr, RatFunc>();
  const one = spConst(1n);
  const sameDen = (a: SPoly, b: SPoly): boolean => {
    if (a.coefs.length !== b.coefs.length || a.den !== b.den) return false;
    const d = spAdd(a, { exps: b.exps, coefs: b.coefs.map((c) => -c), den: b.den });
    return d.coefs.length === 0;
  };
  for (const n of order) {
    let r: RatFunc;
    if (n.kind === 'number' && n.exact !== undefined) {
      r = { num: spConst(big(n.exact.p), big(n.exact.q)), den: one };
    } else if (isAdd(n)) {
      // Terms over a constant denominator are summed in one pass; others pairwise.
      const plain: SPoly[] = [];
      let num = SP_ZERO, den = one;
      for (const a of n.args) {
        const t = val.get(a) as RatFunc;
        if (spAsConst(t.den)) plain.push(t.num);
        else if (sameDen(t.den, den)) num = spAdd(num, t.num);
        else {
          num = spAdd(spMul(num, t.den), spMul(t.num, den));
          den = spMul(den, t.den);
        }
      }
      if (plain.length) num = spAdd(num, spMul(spSum(plain), den));
      r = { num, den };
    } else if (isMul(n)) {
      let num = one, den = one;
      for (const a of n.args) {
        const t = val.get(a) as RatFunc;
        checkMul(num, t.num, gens.maxTerms);
        num = spMul(num, t.num);
        den = spMul(den, t.den);
      }
      r = { num, den };
    } else if (isPow(n) && intValue(n.args[1] as Expr) !== undefined) {
      const k = intValue(n.args[1] as Expr) as number;
      const b = val.get(n.args[0] as Expr) as RatFunc;
      const m = Math.abs(k);
      checkPow(b.num, m, () => `a power ^${m}`, gens.maxTerms);
      checkPow(b.den, m, () => `a power ^${m}`, gens.maxTerms);
      const pn = spPow(b.num, m), pd = spPow(b.den, m);
      if (k >= 0) r = { num: pn, den: pd };
      else {
        if (pn.coefs.length === 0) throw new FluxionError('Division by zero: a zero polynomial raised to a negative power.');
        r = { num: pd, den: pn };
      }
    } else {
      r = { num: atomPoly(n, gens), den: one };
    }
    // Normalize: constant denominators fold into the numerator.
    const dc = spAsConst(r.den);
    if (dc && !(dc[0] === 1n && dc[1] === 1n)) {
      if (dc[0] === 0n) throw new FluxionError('Division by zero in a rational expression.');
      r = { num: spMul(r.num, spConst(dc[1], dc[0])), den: one };
    }
    val.set(n, r);
  }
  return val.get(e) as RatFunc;
}

/**
 * Generator order for polynomial algorithms: symbols by name first, then other atoms in
 * structural order (SymPy sorts generators the same way).
 */
export function sortedGenOrder(gens: readonly Expr[], used: readonly number[]): number[] {
  const u = used.slice();
  u.sort((i, j) => {
    const a = gens[i] as Expr, b = gens[j] as Expr;
    const sa = a.kind === 'symbol', sb = b.kind === 'symbol';
    if (sa !== sb) return sa ? -1 : 1;
    if (sa && sb) return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    return structuralCompare(a, b);
  });
  return u;
}

/** A product that keeps `c*(a + b)` unevaluated when `c` is a number other than ±1 (SymPy's `_keep_coeff`). */
export function keepCoeffMul(coeff: Expr, factors: readonly Expr[]): Expr {
  const rest = mulN(factors);
  if (coeff === ONE) return rest;
  if (rest.kind === 'call' && rest.prim === addPrimitive) {
    // SymPy distributes -1 over a lone sum (factor(3 - y) is 3 - y), keeps any other
    // coefficient outside it (factor(2 - 2*y) is -2*(y - 1)).
    if (coeff === NEG_ONE) return addN(rest.args.map((t) => mulN([NEG_ONE, t])));
    return mkCall(mulPrimitive, [coeff, rest]);
  }
  return mulN([coeff, rest]);
}
