/**
 * Shared machinery of the printers: SymPy's ordering of terms and factors, precedence,
 * the records' print templates, and an iterative emitter (explicit stack, output pieces
 * joined once) so deep expressions print in linear time without recursion.
 */
import type { Primitive } from '../core/primitive.js';
import { addPrimitive, mulPrimitive, powPrimitive } from '../ops/arithmetic.js';
import { expPrimitive } from '../ops/elementary.js';
import { E, ONE, build, mulN, powB } from '../symbolic/canon.js';
import { isNegated, structuralCompare } from '../symbolic/canon.js';
import { evalf } from '../symbolic/evaluate.js';
import { mkExact, type Expr } from '../symbolic/expr.js';
import { ratCmp, ratNeg, ratSign, type Rational } from '../symbolic/rational.js';

/** Precedence levels (higher binds tighter). */
export const PREC = { ADD: 10, MUL: 20, NEG: 25, POW: 30, ATOM: 100 } as const;

// ---------------------------------------------------------------------------------------
// Templates: a record's print form called with placeholders, split into literal pieces and
// argument slots, so printing never materializes a child's text.

const SLOT = (i: number): string => `\u0000${i}\u0000`;

/** A print template: literal pieces interleaved with argument indices. */
export type Template = readonly (string | number)[];

const cache = new Map<string, Map<Primitive, Template>>();

/** The template of `prim`'s `str` or `latex` form. */
export function template(prim: Primitive, form: 'str' | 'latex'): Template {
  let m = cache.get(form);
  if (m === undefined) cache.set(form, (m = new Map()));
  let t = m.get(prim);
  if (t === undefined) {
    const arity = prim.kind === 'elementwise' ? prim.arity : prim.print[form].length;
    const text = prim.print[form](...Array.from({ length: arity }, (_, i) => SLOT(i)));
    const parts: (string | number)[] = [];
    const re = /\u0000(\d+)\u0000/g;
    let last = 0;
    for (let mm = re.exec(text); mm !== null; mm = re.exec(text)) {
      if (mm.index > last) parts.push(text.slice(last, mm.index));
      parts.push(Number(mm[1]));
      last = re.lastIndex;
    }
    if (last < text.length) parts.push(text.slice(last));
    t = parts;
    m.set(prim, t);
  }
  return t;
}

/** Whether a template is a function-call form `name(…)` (so its arguments need no parentheses). */
export function isCallTemplate(prim: Primitive): boolean {
  const t = template(prim, 'str');
  return typeof t[0] === 'string' && t[0] === `${prim.name}(` && t[t.length - 1] === ')';
}

// ---------------------------------------------------------------------------------------
// SymPy's ordering

// SymPy's class ordering of functions (default_sort_key): (rank, index, name).
const FUNC_INDEX: Record<string, number> = { exp: 10, log: 11, sin: 20, cos: 21, tan: 22, sinh: 30, cosh: 31, tanh: 32 };
const SYMPY_NAME: Record<string, string> = { abs: 'Abs', heaviside: 'Heaviside', maximum: 'Max', minimum: 'Min', where: 'Piecewise' };

type Key = readonly [number, number, string];

function classKey(e: Expr): Key {
  switch (e.kind) {
    case 'number':
      return [0, 0, ''];
    case 'constant':
      return [1, 0, e.name];
    case 'symbol':
      return [2, 0, e.name];
    case 'apply':
      if (e.derivs!.every((k) => k === 0)) return [4, 0, e.name];
      return [5, e.args.every((a) => a.kind === 'symbol') ? 0 : 1, 'Derivative'];
    case 'call': {
      const p = e.prim!;
      if (p === addPrimitive) return [3, 1, 'Add'];
      if (p === mulPrimitive) return [3, 0, 'Mul'];
      if (p === powPrimitive) return classKey(e.args[0]!);
      const name = SYMPY_NAME[p.name] ?? p.name;
      if (p.name === 'maximum' || p.name === 'minimum') return [5, 0, name];
      if (p.name === 'where') return [4, 0, name];
      return [4, FUNC_INDEX[p.name] ?? 10000, name];
    }
  }
}

function cmpKey(a: Key, b: Key): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

function baseOf(e: Expr): Expr {
  return e.prim === powPrimitive ? e.args[0]! : e;
}

/**
 * Order of factors in a printed product (SymPy's `default_sort_key`): numbers and numeric
 * powers, constants, symbols, sums, functions; a power sorts with its base, after it.
 */
export function factorCompare(a: Expr, b: Expr, depth = 0): number {
  if (a === b) return 0;
  const c = cmpKey(classKey(a), classKey(b));
  if (c !== 0) return c;
  const ba = baseOf(a);
  const bb = baseOf(b);
  if (ba !== bb) {
    const sums = ba.prim === addPrimitive && bb.prim === addPrimitive;
    return sums && depth < MAX_SORT_DEPTH ? sumCompare(ba, bb, depth + 1) : structuralCompare(ba, bb);
  }
  const pa = a.prim === powPrimitive ? 1 : 0;
  const pb = b.prim === powPrimitive ? 1 : 0;
  if (pa !== pb) return pa - pb;
  return structuralCompare(a, b);
}

// SymPy's sort key recurses into sums; past this depth the structural order decides, so a
// pathological nesting cannot exhaust the stack.
const MAX_SORT_DEPTH = 32;

/**
 * SymPy's `sort_key` order of two sums: fewer terms first, then term by term in printed
 * order, each by its non-numeric part and only then by its coefficient, so `x - y` sorts
 * before `x + y` and `factor(x^2 - y^2)` prints `(x - y)*(x + y)`.
 */
function sumCompare(a: Expr, b: Expr, depth: number): number {
  const ta = orderedTerms(a);
  const tb = orderedTerms(b);
  if (ta.length !== tb.length) return ta.length - tb.length;
  for (let i = 0; i < ta.length; i++) {
    const [ca, ra] = coeffTail(ta[i]!);
    const [cb, rb] = coeffTail(tb[i]!);
    const byTail = ra === rb ? 0 : factorCompare(ra, rb, depth);
    if (byTail !== 0) return byTail;
    const byCoeff = ratCmp(ca, cb);
    if (byCoeff !== 0) return byCoeff;
  }
  return 0;
}

interface TermInfo {
  readonly term: Expr;
  readonly monom: Map<Expr, number>;
  readonly coeff: number;
}

/** `c * tail` with `c` the rational coefficient of `e` (SymPy's `as_coeff_Mul(rational=True)`). */
function coeffTail(e: Expr): [Rational, Expr] {
  if (e.exact !== undefined) return [e.exact, ONE];
  if (e.prim === mulPrimitive && e.args[0]!.exact !== undefined) {
    const rest = e.args.slice(1);
    return [e.args[0]!.exact, rest.length === 1 ? rest[0]! : mulN(rest)];
  }
  return [{ p: 1, q: 1 }, e];
}

/**
 * SymPy's `decompose_power`: a factor as `gen^n` with an integer `n` (`x^3 → (x, 3)`,
 * `exp(-2*x) → (exp(x), -2)`, `x^(3/2) → (sqrt(x), 3)`).
 */
function decomposePower(f: Expr): [Expr, number] {
  let base: Expr;
  let ex: Expr;
  let rebuild: (b: Expr, e: Expr) => Expr;
  if (f.prim === powPrimitive) {
    base = f.args[0]!;
    ex = f.args[1]!;
    rebuild = (b, e) => powB(b, e);
  } else if (f.prim === expPrimitive) {
    base = E;
    ex = f.args[0]!;
    rebuild = (_b, e) => build(expPrimitive, [e]);
  } else return [f, 1];
  if (ex.kind === 'number') {
    if (ex.exact === undefined) return [f, 1];
    if (ex.exact.q === 1) return [base, Number(ex.exact.p)];
    return [rebuild(base, mkExact({ p: 1, q: ex.exact.q })), Number(ex.exact.p)];
  }
  const [c, tail] = coeffTail(ex);
  if (c.p === 1 && c.q === 1) return [f, 1];
  if (c.p === -1 && c.q === 1) return [rebuild(base, tail), -1];
  return [rebuild(base, mulN([mkExact({ p: 1, q: c.q }), tail])), Number(c.p)];
}

function termInfo(t: Expr): TermInfo {
  const monom = new Map<Expr, number>();
  let coeff = 1;
  const factors = t.prim === mulPrimitive ? t.args : [t];
  for (const f of factors) {
    if (f.kind === 'number') {
      coeff *= f.value;
      continue;
    }
    if (f.isNumeric) {
      coeff *= numericValueOf(f);
      continue;
    }
    const [gen, ex] = decomposePower(f);
    monom.set(gen, (monom.get(gen) ?? 0) + ex);
  }
  return { term: t, monom, coeff };
}

function numericValueOf(e: Expr): number {
  // Only used to order ties; evalf is iterative.
  return evalf(e);
}

// Generators: a power with a non-integer exponent is its own generator and sorts before
// its base (SymPy prints sqrt(x) + x).
function genCompare(a: Expr, b: Expr): number {
  const c = cmpKey(classKey(a), classKey(b));
  if (c !== 0) return c;
  const ba = baseOf(a);
  const bb = baseOf(b);
  if (ba !== bb) return structuralCompare(ba, bb);
  const pa = a.prim === powPrimitive ? 0 : 1;
  const pb = b.prim === powPrimitive ? 0 : 1;
  if (pa !== pb) return pa - pb;
  return structuralCompare(a, b);
}

/**
 * The terms of a sum in SymPy's printing order: lexicographic in the exponents of the
 * generators (symbols, then functions), highest first; number-like terms last.
 */
export function orderedTerms(add: Expr): readonly Expr[] {
  // Expressions are immutable and hash-consed: the order of a sum's terms is computed once,
  // however often the printer and the factor sort ask for it.
  let terms = termOrderCache.get(add);
  if (terms === undefined) termOrderCache.set(add, (terms = computeOrderedTerms(add)));
  return terms;
}

const termOrderCache = new WeakMap<Expr, readonly Expr[]>();

function computeOrderedTerms(add: Expr): readonly Expr[] {
  // SymPy's special case: a positive number and a negated term print as `1 - x`.
  if (add.args.length === 2) {
    const [a, b] = add.args as [Expr, Expr];
    const isNum = (e: Expr): boolean => e.kind === 'number' || e.kind === 'constant';
    const [n, m] = isNum(a) ? [a, b] : [b, a];
    if (isNum(n) && n.value > 0 && m.prim === mulPrimitive && m.args.length === 2 && m.args[0]!.kind === 'number' && m.args[0]!.value < 0) {
      return [n, m];
    }
  }
  const infos = add.args.map(termInfo);
  const gens = new Set<Expr>();
  for (const i of infos) for (const g of i.monom.keys()) gens.add(g);
  const sorted = [...gens].sort(genCompare);
  infos.sort((a, b) => {
    for (const g of sorted) {
      const d = (b.monom.get(g) ?? 0) - (a.monom.get(g) ?? 0);
      if (d !== 0) return d;
    }
    if (a.coeff !== b.coeff) return a.coeff - b.coeff;
    return structuralCompare(a.term, b.term);
  });
  return infos.map((i) => i.term);
}

/** The factors of a product (coefficient excluded) in printing order. */
export function orderedFactors(mul: Expr): Expr[] {
  return mul.args.filter((a) => a.kind !== 'number').sort((a, b) => factorCompare(a, b));
}

// ---------------------------------------------------------------------------------------
// Helpers on numbers

/** Whether an exact number is negative. */
export function isNegativeNumber(e: Expr): boolean {
  return e.kind === 'number' && (e.exact !== undefined ? ratSign(e.exact) < 0 : e.value < 0);
}

/** Whether `e` is an exact number equal to `p/q`. */
export function isExactRatio(e: Expr, p: number, q: number): boolean {
  return e.exact !== undefined && e.exact.p === p && e.exact.q === q;
}

/** Whether an exponent is a negative exact number (so the power prints as a denominator). */
export function isNegativeExponent(e: Expr): boolean {
  return e.exact !== undefined && ratSign(e.exact) < 0;
}

/** `-r` for an exact exponent. */
export function negRational(e: Expr): { p: number | bigint; q: number | bigint } {
  return ratNeg(e.exact!);
}

export { isNegated };

/**
 * Precedence of `e` as printed, shared by the text and LaTeX printers; they differ only in
 * how a power binds (`powPrec`) and how a non-arithmetic call binds (`callPrec`).
 */
export function precedenceOf(e: Expr, powPrec: (exponent: Expr) => number, callPrec: (p: Primitive) => number): number {
  switch (e.kind) {
    case 'number':
      if (isNegativeNumber(e)) return PREC.NEG;
      return e.exact !== undefined && e.exact.q !== 1 ? PREC.MUL : PREC.ATOM;
    case 'symbol':
    case 'constant':
    case 'apply':
      return PREC.ATOM;
    case 'call': {
      const p = e.prim!;
      if (p === addPrimitive) return PREC.ADD;
      if (p === mulPrimitive) return isNegated(e) ? PREC.NEG : PREC.MUL;
      if (p === powPrimitive) return powPrec(e.args[1]!);
      return callPrec(p);
    }
  }
}

/**
 * The actions of a sum in SymPy's term order: `a - b + c`, with `leadingMinus` before a
 * negative first term (`-` in text, `- ` in LaTeX).
 */
export function sumActions(e: Expr, leadingMinus: string): Action[] {
  const out: Action[] = [];
  orderedTerms(e).forEach((t, i) => {
    const tn = isNegated(t);
    if (i === 0) out.push(...(tn ? [leadingMinus, { e: t, neg: true }] : [{ e: t, neg: false }]));
    else out.push(tn ? ' - ' : ' + ', { e: t, neg: tn });
  });
  return out;
}

/**
 * A printing action: literal text, or a node to print (`neg`: print its negation, for
 * terms after a minus sign), optionally wrapped in parentheses.
 */
export type Action = string | { readonly e: Expr; readonly neg: boolean };

/**
 * Runs an emitter iteratively: `expand(e, neg)` gives the actions for one node; nodes in
 * those actions are expanded in turn. Returns the concatenated text.
 */
export function emit(root: Expr, expand: (e: Expr, neg: boolean) => Action[]): string {
  const out: string[] = [];
  const stack: Action[] = [{ e: root, neg: false }];
  while (stack.length > 0) {
    const a = stack.pop()!;
    if (typeof a === 'string') {
      out.push(a);
      continue;
    }
    const acts = expand(a.e, a.neg);
    for (let i = acts.length - 1; i >= 0; i--) stack.push(acts[i]!);
  }
  return out.join('');
}
