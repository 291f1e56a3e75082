/**
 * Canonical construction of symbolic expressions: the level-0 trace's `process`.
 *
 * Only cheap, local work happens here (SymPy's automatic evaluation, trimmed): flatten
 * `add`/`mul`, fold numbers, collect like terms and powers of one base, drop identities,
 * distribute a number over a sum (`2*(x + 1) → 2*x + 2`), exact powers and roots of
 * rationals (`sqrt(18) → 3*sqrt(2)`), then each primitive's `canon` hook.
 */
import { FluxionError, FluxionTypeError } from '../core/errors.js';
import type { CanonKit, Primitive } from '../core/primitive.js';
import type { Operand, Params } from '../core/trace.js';
import { addPrimitive, divPrimitive, mulPrimitive, negPrimitive, powPrimitive, subPrimitive } from '../ops/arithmetic.js';
import { absPrimitive, expPrimitive } from '../ops/elementary.js';
import { wherePrimitive } from '../ops/compare.js';
import {
  Expr,
  installArithmetic,
  installExprMethods,
  mkCall,
  mkConstant,
  mkExact,
  mkFloat,
  mkInt,
  toExpr,
} from './expr.js';
import {
  big,
  bitLength,
  divByZero,
  exactRoot,
  normInt,
  rat,
  ratAdd,
  ratCmp,
  ratIsInt,
  ratMul,
  ratNeg,
  ratPowInt,
  ratSign,
  type Int,
  type Rational,
} from './rational.js';

/** Exact 0. */
export const ZERO = mkInt(0);
/** Exact 1. */
export const ONE = mkInt(1);
/** Exact -1. */
export const NEG_ONE = mkInt(-1);
/** Exact 1/2. */
export const HALF = mkExact(rat(1, 2));
/** The constant π. */
export const PI = mkConstant('pi');
/** The constant e. */
export const E = mkConstant('E');

// ---------------------------------------------------------------------------------------
// Numbers

/** Whether `e` is a number node. */
export function isNumber(e: Expr): boolean {
  return e.kind === 'number';
}

function isZeroNode(e: Expr): boolean {
  return e.exact !== undefined && e.value === 0;
}

/** Whether `e` is the exact number `n`. */
export function isExactInt(e: Expr, n: number): boolean {
  return e.exact !== undefined && e.exact.q === 1 && e.exact.p === n;
}

function floatDigits(a: Expr, b: Expr): number | undefined {
  if (a.exact === undefined && b.exact === undefined) {
    if (a.digits === undefined || b.digits === undefined) return undefined;
    return Math.min(a.digits, b.digits);
  }
  return a.exact === undefined ? a.digits : b.digits;
}

function mkFloatChecked(v: number, digits: number | undefined): Expr {
  return mkFloat(digits === undefined ? v : roundDigits(v, digits), digits);
}

/** `v` rounded to `digits` significant digits. */
export function roundDigits(v: number, digits: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(digits)) : v;
}

/** Sum of two number nodes. */
export function numAdd(a: Expr, b: Expr): Expr {
  if (a.exact !== undefined && b.exact !== undefined) return mkExact(ratAdd(a.exact, b.exact));
  return mkFloatChecked(a.value + b.value, floatDigits(a, b));
}

/** Product of two number nodes. */
export function numMul(a: Expr, b: Expr): Expr {
  if (a.exact !== undefined && b.exact !== undefined) return mkExact(ratMul(a.exact, b.exact));
  return mkFloatChecked(a.value * b.value, floatDigits(a, b));
}

/** Whether `e` is a negative number. */
function isNegNumber(e: Expr): boolean {
  return e.kind === 'number' && (e.exact !== undefined ? ratSign(e.exact) < 0 : e.value < 0);
}

/** Whether `e` prints with a leading minus: a negative number or a product with a negative coefficient. */
export function isNegated(e: Expr): boolean {
  if (e.kind === 'number') return isNegNumber(e);
  if (e.kind === 'call' && e.prim === mulPrimitive) return isNegNumber(e.args[0]!);
  return false;
}

/**
 * Whether a sum is better written as the negation of another (SymPy's
 * `could_extract_minus_sign`), so odd and even functions can pull the sign out:
 * `sin(1 - x) = -sin(x - 1)`, `cos(y - x) = cos(x - y)`. More negated terms than positive
 * ones decides; on a tie, a positive number term with symbols (`1 - x`) or a negative one
 * without (`-3 + sqrt(2)`), else a negated term holding the alphabetically first symbol
 * (`y - x`). Exactly one of `s` and `-s` qualifies.
 */
export function couldExtractMinus(e: Expr): boolean {
  if (e.prim !== addPrimitive) return false;
  let neg = 0;
  for (const t of e.args) if (isNegated(t)) neg++;
  const pos = e.args.length - neg;
  if (neg !== pos) return neg > pos;
  const first = e.args[0]!;
  // x - 1 rather than 1 - x; but 3 - sqrt(2) rather than -3 + sqrt(2) (SymPy's choices)
  if (first.kind === 'number' && e.args.length > 1) return e.isNumeric ? isNegated(first) : !isNegated(first);
  // The deciding term is chosen by its sign-free form, which s and -s share, so exactly one
  // of them is "negated" (otherwise sin(s) and sin(-s) could rewrite into each other forever).
  let best: Expr | undefined;
  let bestAbs: Expr | undefined;
  for (const t of e.args) {
    const abs = isNegated(t) ? mulN([NEG_ONE, t]) : t;
    if (bestAbs === undefined || compareSignFree(abs, bestAbs) < 0) {
      best = t;
      bestAbs = abs;
    }
  }
  return best !== undefined && isNegated(best);
}

// By the alphabetically first symbol (terms without symbols last), then canonically.
function compareSignFree(a: Expr, b: Expr): number {
  const sa = a.firstSymbol;
  const sb = b.firstSymbol;
  if (sa !== sb) {
    if (sa === undefined) return 1;
    if (sb === undefined) return -1;
    return sa < sb ? -1 : 1;
  }
  return canonicalCompare(a, b);
}

// ---------------------------------------------------------------------------------------
// Canonical order of add/mul arguments: number first, then by structural hash, ties broken
// by an iterative structural comparison (so the order never depends on creation order).

const KIND_RANK = { number: 0, symbol: 1, constant: 2, call: 3, apply: 4 } as const;

function cmpLocal(a: Expr, b: Expr): number {
  if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (a.kind === 'number') {
    if (a.exact !== undefined && b.exact !== undefined) return ratCmp(a.exact, b.exact);
    if (a.exact === undefined && b.exact !== undefined) return 1;
    if (a.exact !== undefined && b.exact === undefined) return -1;
    if (a.value !== b.value) return a.value < b.value ? -1 : 1;
    return (a.digits ?? 99) - (b.digits ?? 99);
  }
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.args.length !== b.args.length) return a.args.length - b.args.length;
  if (a.derivs !== undefined && b.derivs !== undefined) {
    for (let i = 0; i < a.derivs.length; i++) {
      const d = a.derivs[i]! - b.derivs[i]!;
      if (d !== 0) return d;
    }
  }
  return 0;
}

/** Total structural order on expressions (iterative). */
export function structuralCompare(a: Expr, b: Expr): number {
  if (a === b) return 0;
  const stack: [Expr, Expr][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    const c = cmpLocal(x, y);
    if (c !== 0) return c;
    for (let i = x.args.length - 1; i >= 0; i--) stack.push([x.args[i]!, y.args[i]!]);
  }
  return 0;
}

/** Canonical argument order of commutative nodes. */
export function canonicalCompare(a: Expr, b: Expr): number {
  if (a === b) return 0;
  const an = a.kind === 'number';
  const bn = b.kind === 'number';
  if (an !== bn) return an ? -1 : 1;
  if (a.hash !== b.hash) return a.hash < b.hash ? -1 : 1;
  return structuralCompare(a, b);
}

// ---------------------------------------------------------------------------------------
// add

/** Splits a term into numeric coefficient and the rest (`3*x*y → [3, x*y]`). */
export function splitCoeff(t: Expr): [Expr, Expr] {
  if (t.kind === 'number') return [t, ONE];
  if (t.prim === mulPrimitive && t.args[0]!.kind === 'number') {
    const rest = t.args.slice(1);
    return [t.args[0]!, rest.length === 1 ? rest[0]! : mkCall(mulPrimitive, rest)];
  }
  return [ONE, t];
}

function termTimes(c: Expr, rest: Expr): Expr {
  if (isExactInt(c, 1)) return rest;
  if (rest === ONE) return c;
  if (rest.prim === mulPrimitive) return mkCall(mulPrimitive, [c, ...rest.args]);
  return mkCall(mulPrimitive, [c, rest]);
}

/** Canonical n-ary sum. */
export function addN(items: readonly Expr[]): Expr {
  let num: Expr = ZERO;
  const coeffs = new Map<Expr, Expr>();
  const push = (t: Expr): void => {
    if (t.kind === 'number') {
      num = numAdd(num, t);
      return;
    }
    const [c, rest] = splitCoeff(t);
    const prev = coeffs.get(rest);
    coeffs.set(rest, prev === undefined ? c : numAdd(prev, c));
  };
  for (const it of items) {
    if (it.prim === addPrimitive) for (const a of it.args) push(a);
    else push(it);
  }
  const terms: Expr[] = [];
  let nested: Expr[] | undefined;
  for (const [rest, c] of coeffs) {
    if (c.value === 0) continue;
    const t = termTimes(c, rest);
    // 2*(x + 1) - (x + 1) collects to the sum x + 1, whose terms must be collected again
    if (t.prim === addPrimitive) (nested ??= []).push(t);
    else terms.push(t);
  }
  if (nested !== undefined) return addN([num, ...terms, ...nested]);
  // where(c, a1, b1) + where(c, a2, b2) = where(c, a1 + a2, b1 + b2)
  const byCond = new Map<Expr, Expr[]>();
  for (const t of terms) {
    if (t.prim !== wherePrimitive) continue;
    const l = byCond.get(t.args[0]!);
    if (l === undefined) byCond.set(t.args[0]!, [t]);
    else l.push(t);
  }
  for (const [c, ws] of byCond) {
    if (ws.length < 2) continue;
    const merged = build(wherePrimitive, [c, addN(ws.map((w) => w.args[1]!)), addN(ws.map((w) => w.args[2]!))]);
    return addN([num, ...terms.filter((t) => !ws.includes(t)), merged]);
  }
  if (terms.length === 0) return num;
  const dropNum = num.value === 0 && (num.exact !== undefined || terms.length > 0);
  if (terms.length === 1 && dropNum) return terms[0]!;
  terms.sort(canonicalCompare);
  return mkCall(addPrimitive, dropNum ? terms : [num, ...terms]);
}

// ---------------------------------------------------------------------------------------
// mul

function isPosIntNode(e: Expr): boolean {
  return e.exact !== undefined && e.exact.q === 1 && ratSign(e.exact) > 0;
}

function isNonIntRational(e: Expr): boolean {
  return e.exact !== undefined && e.exact.q !== 1;
}

/** Canonical n-ary product. */
export function mulN(items: readonly Expr[]): Expr {
  let coeff: Expr = ONE;
  const exps = new Map<Expr, Expr[]>();
  // exp(a t) * exp(b t) = exp((a + b) t) for numbers a, b (SymPy's rule; exp(x)*exp(y) stays)
  let expGroups: Map<Expr, Expr[]> | undefined;
  const push = (f: Expr): void => {
    if (f.kind === 'number') {
      coeff = numMul(coeff, f);
      return;
    }
    if (f.prim === expPrimitive) {
      const key = splitCoeff(f.args[0]!)[1];
      expGroups ??= new Map();
      const l = expGroups.get(key);
      if (l === undefined) expGroups.set(key, [f]);
      else l.push(f);
      return;
    }
    let base = f;
    let e: Expr = ONE;
    if (f.prim === powPrimitive) {
      base = f.args[0]!;
      e = f.args[1]!;
    }
    const l = exps.get(base);
    if (l === undefined) exps.set(base, [e]);
    else l.push(e);
  };
  for (const it of items) {
    if (it.prim === mulPrimitive) for (const a of it.args) push(a);
    else push(it);
  }
  if (expGroups !== undefined) {
    for (const group of expGroups.values()) {
      const f = group.length === 1 ? group[0]! : build(expPrimitive, [addN(group.map((g) => g.args[0]!))]);
      if (f.kind === 'number') coeff = numMul(coeff, f);
      else if (f.prim === expPrimitive) {
        const l = exps.get(f);
        if (l === undefined) exps.set(f, [ONE]);
        else l.push(ONE);
      }
      else push(f);
    }
  }
  if (coeff.exact !== undefined && coeff.value === 0) {
    return coeff;
  }
  const factors: Expr[] = [];
  // Numeric bases with the same rational exponent combine: sqrt(2)*sqrt(3) = sqrt(6).
  const numericRoots = new Map<string, [Expr, Rational, number]>();
  const addFactor = (p: Expr): void => {
    if (p.kind === 'number') coeff = numMul(coeff, p);
    else if (p.prim === mulPrimitive) {
      for (const a of p.args) {
        if (a.kind === 'number') coeff = numMul(coeff, a);
        else factors.push(a);
      }
    } else factors.push(p);
  };
  for (const [base, list] of exps) {
    const e = list.length === 1 ? list[0]! : addN(list);
    if (isPosIntNode(base) && isNonIntRational(e)) {
      const key = `${e.exact!.p}/${e.exact!.q}`;
      const prev = numericRoots.get(key);
      if (prev === undefined) numericRoots.set(key, [base, e.exact!, list.length]);
      else numericRoots.set(key, [numMul(prev[0], base), e.exact!, prev[2] + list.length]);
      continue;
    }
    // A base seen once keeps its (already canonical) factor.
    const p = list.length === 1 ? (e === ONE ? base : mkCall(powPrimitive, [base, e])) : powB(base, e);
    addFactor(p);
  }
  // a lone numeric root is already canonical; combined ones are re-simplified
  for (const [base, e, count] of numericRoots.values()) {
    addFactor(count === 1 ? mkCall(powPrimitive, [base, mkExact(e)]) : powB(base, mkExact(e)));
  }
  if (coeff.exact !== undefined && coeff.value === 0) return coeff;
  if (factors.length === 0) return coeff;
  // where(c, a, 0) * t = where(c, a*t, 0): the branch not taken stays an exact zero even
  // where t is infinite (the strong zero of the chain rule, so d/dx of a piecewise
  // function never evaluates 0 * Inf = NaN).
  const wi = factors.findIndex((f) => f.prim === wherePrimitive && (isZeroNode(f.args[1]!) || isZeroNode(f.args[2]!)));
  if (wi >= 0 && (factors.length > 1 || !isExactInt(coeff, 1))) {
    const w = factors[wi]!;
    const rest = mulN([coeff, ...factors.filter((_, i) => i !== wi)]);
    return build(wherePrimitive, [w.args[0]!, mulN([w.args[1]!, rest]), mulN([w.args[2]!, rest])]);
  }
  if (factors.length === 1 && isExactInt(coeff, 1)) return factors[0]!;
  // Note: unlike SymPy, a number is never distributed over a sum (2*(x + 1) stays): SymPy's
  // rule depends on the order of construction, which would break hash-consing (the same
  // expression built two ways must be one node) and the print/parse round trip.
  factors.sort(canonicalCompare);
  return mkCall(mulPrimitive, isExactInt(coeff, 1) ? factors : [coeff, ...factors]);
}

// ---------------------------------------------------------------------------------------
// pow

const SMALL_PRIMES: number[] = (() => {
  const ps: number[] = [];
  for (let n = 2; ps.length < 168; n++) {
    let prime = true;
    for (const p of ps) {
      if (p * p > n) break;
      if (n % p === 0) {
        prime = false;
        break;
      }
    }
    if (prime) ps.push(n);
  }
  return ps;
})();

/** `n^(r/q)` for a positive integer `n` and `0 < r < q`: extracts perfect `q`-th powers. */
function intRoot(n: Int, r: number, q: number): Expr {
  let bn = big(n);
  // perfect power n = a^k: rewrite as a^(k r / q)
  for (let k = Math.min(60, bitLength(n)); k >= 2; k--) {
    const a = exactRoot(bn, k);
    if (a !== undefined && a > 1n) {
      return powB(mkInt(normInt(a)), mkExact(rat(k * r, q)));
    }
  }
  // extract q-th power factors by trial division
  let outside = 1n;
  for (const p of SMALL_PRIMES) {
    const bp = BigInt(p);
    const pq = bp ** BigInt(q);
    if (pq > bn) break;
    while (bn % pq === 0n) {
      bn /= pq;
      outside *= bp;
    }
  }
  const rootPart = mkCall(powPrimitive, [mkInt(normInt(bn)), mkExact(rat(r, q))]);
  if (outside === 1n) return rootPart;
  const c = ratPowInt({ p: normInt(outside), q: 1 }, r);
  if (c === undefined) return rootPart;
  return bn === 1n ? mkExact(c) : mkCall(mulPrimitive, [mkExact(c), rootPart]);
}

/** Exact `b^e` for rational `b` and rational `e`, or `undefined` to keep it unevaluated. */
function ratPow(b: Rational, e: Rational): Expr | undefined {
  if (ratSign(b) === 0) {
    const s = ratSign(e);
    if (s > 0) return ZERO;
    if (s < 0) throw divByZero();
    return ONE;
  }
  if (ratIsInt(e)) {
    const r = ratPowInt(b, e.p);
    return r === undefined ? undefined : mkExact(r);
  }
  if (ratSign(b) < 0) {
    if (b.p === -1 && b.q === 1) return undefined;
    // (-n)^e = (-1)^e * n^e, kept as a product like SymPy (2*(-1)^(1/3)).
    const pos = ratPow(ratNeg(b), e);
    if (pos === undefined) return undefined;
    return mulN([pos, mkCall(powPrimitive, [NEG_ONE, powExpReduce(e)])]);
  }
  if (typeof e.q !== 'number' || typeof e.p !== 'number' || e.q > 1000) return undefined;
  const q = e.q;
  const k = Math.floor(e.p / q);
  const r = e.p - k * q;
  const intPart = ratPowInt(b, k);
  if (intPart === undefined) return undefined;
  const parts: Expr[] = [mkExact(intPart)];
  if (b.p !== 1) parts.push(intRoot(b.p, r, q));
  if (b.q !== 1) {
    // (1/d)^(r/q) = d^(-1) * d^((q - r)/q)
    parts.push(mkExact(rat(1, b.q)));
    parts.push(intRoot(b.q, q - r, q));
  }
  return mulN(parts);
}

// (-1)^(p/q) with p/q reduced to (-1, 1]
function powExpReduce(e: Rational): Expr {
  const two = rat(2);
  let r = e;
  while (ratCmp(r, rat(1)) > 0) r = ratAdd(r, ratNeg(two));
  while (ratCmp(r, rat(-1)) <= 0) r = ratAdd(r, two);
  return mkExact(r);
}

/** Canonical power `b^e`. */
export function powB(b: Expr, e: Expr): Expr {
  if (e.exact !== undefined) {
    if (e.value === 0) return ONE;
    if (isExactInt(e, 1)) return b;
  }
  if (isExactInt(b, 1)) return ONE;
  if (b.kind === 'number' && e.kind === 'number') {
    if (b.exact !== undefined && e.exact !== undefined) {
      const r = ratPow(b.exact, e.exact);
      if (r !== undefined) return r;
      return mkCall(powPrimitive, [b, e]);
    }
    if (b.value === 0 && e.value < 0) throw divByZero();
    const v = powPrimitive.impl(b.value, e.value);
    if (!Number.isNaN(v)) return mkFloatChecked(v, floatDigits(b, e));
    return mkCall(powPrimitive, [b, e]);
  }
  if (b === E) return build(expPrimitive, [e]);
  if (b.exact !== undefined && b.value === 0 && e.kind === 'number' && e.value < 0) throw divByZero();
  const eInt = e.exact !== undefined && e.exact.q === 1;
  if (b.prim === powPrimitive) {
    const [x, a] = b.args as [Expr, Expr];
    if (eInt) return powB(x, mulN([a, e]));
    if (a.exact !== undefined && a.exact.q === 1 && e.exact !== undefined) {
      const ae = ratMul(a.exact, e.exact);
      const aEven = big(a.exact.p) % 2n === 0n;
      if (ratIsInt(ae) && aEven) {
        const odd = big(ae.p) % 2n !== 0n;
        return powB(odd ? build(absPrimitive, [x]) : x, mkExact(ae));
      }
    }
  }
  if (b.prim === mulPrimitive) {
    if (eInt) return mulN(b.args.map((f) => powB(f, e)));
    const c = b.args[0]!;
    if (e.exact !== undefined && c.exact !== undefined && ratSign(c.exact) > 0) {
      const rest = b.args.slice(1);
      return mulN([powB(c, e), powB(rest.length === 1 ? rest[0]! : mkCall(mulPrimitive, rest), e)]);
    }
  }
  if (b.prim === expPrimitive && eInt) return build(expPrimitive, [mulN([b.args[0]!, e])]);
  return mkCall(powPrimitive, [b, e]);
}

// ---------------------------------------------------------------------------------------
// The canon kit handed to the records' hooks

function asExpr(v: Operand): Expr {
  return toExpr(v, 'canon');
}

/** The helpers `canon` hooks receive. */
export const KIT: CanonKit = {
  isNumber(e: Operand, n?: number): boolean {
    if (!(e instanceof Expr) || e.kind !== 'number') return false;
    if (n === undefined) return true;
    if (Number.isInteger(n)) return e.exact !== undefined && e.exact.q === 1 && e.exact.p === n;
    return e.value === n;
  },
  isRational(e: Operand): boolean {
    return e instanceof Expr && e.exact !== undefined;
  },
  numericValue(e: Operand): number | undefined {
    if (!(e instanceof Expr)) return typeof e === 'number' ? e : undefined;
    return e.kind === 'number' || e.kind === 'constant' ? e.value : undefined;
  },
  isNegated(e: Operand): boolean {
    return e instanceof Expr && (isNegated(e) || couldExtractMinus(e));
  },
  neg(e: Operand): Operand {
    const x = asExpr(e);
    // -(a + b) distributes here (and only here), so that odd/even canon hooks see x - 1
    return x.prim === addPrimitive ? addN(x.args.map((t) => mulN([NEG_ONE, t]))) : mulN([NEG_ONE, x]);
  },
  match(e: Operand, primitive: string): readonly Operand[] | undefined {
    if (!(e instanceof Expr) || e.kind !== 'call' || e.name !== primitive) return undefined;
    return e.args;
  },
  exact(p: number, q = 1): Operand {
    return mkExact(rat(p, q));
  },
  pi: PI,
  e: E,
  isConstant(e: Operand, name: 'pi' | 'E'): boolean {
    return e instanceof Expr && e.kind === 'constant' && e.name === name;
  },
  isFloat(e: Operand): boolean {
    return e instanceof Expr && e.kind === 'number' && e.exact === undefined;
  },
};

// ---------------------------------------------------------------------------------------
// process: the level-0 trace

function arityError(prim: Primitive, n: number): FluxionError {
  const want = prim.kind === 'elementwise' ? prim.arity : '?';
  return new FluxionTypeError(`${prim.name} takes ${want} argument(s), got ${n}.`);
}

// Values of exact numbers through a non-differentiable primitive are exact again (sign,
// comparisons, heaviside): 0, ±1 or 1/2.
function exactFromValue(v: number): Expr | undefined {
  if (Number.isInteger(v)) return mkInt(v);
  if (v === 0.5) return HALF;
  return undefined;
}

/**
 * Builds the canonical expression for `prim(args)` (the symbolic trace's `process`).
 * Numbers are lifted (integers exact, other numbers floats); arrays are an error.
 */
export function build(prim: Primitive, args: readonly Operand[], params: Params = {}): Expr {
  const xs = args.map((a, i) => toExpr(a, `${prim.name}: argument ${i + 1}`));
  if (prim.kind === 'structural') return toExpr(prim.symbolic(xs, params), prim.name);
  if (xs.length !== prim.arity) throw arityError(prim, xs.length);
  switch (prim) {
    case addPrimitive:
      return addN(xs);
    case subPrimitive:
      return addN([xs[0]!, mulN([NEG_ONE, xs[1]!])]);
    case mulPrimitive:
      return mulN(xs);
    case divPrimitive:
      return mulN([xs[0]!, powB(xs[1]!, NEG_ONE)]);
    case negPrimitive:
      return mulN([NEG_ONE, xs[0]!]);
    case powPrimitive:
      return powB(xs[0]!, xs[1]!);
    default:
      break;
  }
  let allNumeric = true;
  let anyFloat = false;
  let allExact = true;
  for (const x of xs) {
    if (x.kind === 'number') {
      if (x.exact === undefined) {
        anyFloat = true;
        allExact = false;
      }
    } else if (x.kind === 'constant') {
      allExact = allExact && true;
    } else {
      allNumeric = false;
    }
  }
  if (allNumeric && anyFloat) {
    const v = prim.impl(...xs.map((x) => x.value));
    if (!Number.isNaN(v)) {
      let digits: number | undefined;
      for (const x of xs) if (x.exact === undefined) digits = digits === undefined ? x.digits : x.digits === undefined ? undefined : Math.min(digits, x.digits);
      return mkFloatChecked(v, digits);
    }
  }
  if (allNumeric && allExact && !prim.differentiable) {
    const r = exactFromValue(prim.impl(...xs.map((x) => x.value)));
    if (r !== undefined) return r;
  }
  if (prim.canon !== undefined) {
    const r = prim.canon(KIT, ...xs);
    if (r !== undefined) return toExpr(r, prim.name);
  }
  return mkCall(prim, xs);
}

installArithmetic({
  add: addPrimitive,
  sub: subPrimitive,
  mul: mulPrimitive,
  div: divPrimitive,
  pow: powPrimitive,
  neg: negPrimitive,
});
installExprMethods({ build });
