/**
 * Plain-text printer in SymPy's style (`^` for powers): SymPy's term order and minimal
 * parentheses, function calls from the records' `str` forms. `parse` reads every output
 * back to the same expression.
 */
import { addPrimitive, mulPrimitive, powPrimitive } from '../ops/arithmetic.js';
import { installExprMethods, mkExact, mkSymbol, type Expr } from '../symbolic/expr.js';
import { formatFloat } from '../symbolic/numfmt.js';
import { ratToString } from '../symbolic/rational.js';
import {
  PREC,
  emit,
  isCallTemplate,
  isExactRatio,
  isNegativeExponent,
  isNegativeNumber,
  negRational,
  orderedFactors,
  precedenceOf,
  sumActions,
  template,
  type Action,
} from './common.js';

/** Precedence of `e` as printed. */
export function strPrec(e: Expr): number {
  return precedenceOf(e, powPrec, (p) =>
    isCallTemplate(p) ? PREC.ATOM : ((p.kind === 'elementwise' ? p.infix?.precedence : undefined) ?? PREC.ATOM),
  );
}

function powPrec(ex: Expr): number {
  if (isExactRatio(ex, 1, 2)) return PREC.ATOM;
  if (isExactRatio(ex, -1, 2) || isExactRatio(ex, -1, 1)) return PREC.MUL;
  if (isExactRatio(ex, 1, 1)) return PREC.ATOM;
  return PREC.POW;
}

function node(e: Expr, parens = false): Action[] {
  return parens ? ['(', { e, neg: false }, ')'] : [{ e, neg: false }];
}

function numberText(e: Expr, neg: boolean): string {
  if (e.exact !== undefined) {
    const s = ratToString(e.exact);
    if (!neg) return s;
    return s.startsWith('-') ? s.slice(1) : '-' + s;
  }
  return formatFloat(neg ? -e.value : e.value, e.digits);
}

/** Actions for `b^ex` (ex may be a synthesized positive exponent of a denominator). */
function powActions(b: Expr, ex: Expr): Action[] {
  if (isExactRatio(ex, 1, 1)) return node(b);
  if (isExactRatio(ex, 1, 2)) return ['sqrt(', { e: b, neg: false }, ')'];
  if (isExactRatio(ex, -1, 2)) return ['1/sqrt(', { e: b, neg: false }, ')'];
  if (isExactRatio(ex, -1, 1)) return ['1/', ...node(b, strPrec(b) < PREC.POW)];
  return [...node(b, strPrec(b) < PREC.ATOM), '^', ...node(ex, strPrec(ex) < PREC.ATOM)];
}

function mulActions(e: Expr, neg: boolean): Action[] {
  const first = e.args[0]!;
  const c = first.kind === 'number' ? first : undefined;
  const negative = (c !== undefined && isNegativeNumber(c)) !== neg;
  const numer: { a: Action[]; prec: number }[] = [];
  const denom: { a: Action[]; prec: number }[] = [];
  if (c !== undefined) {
    if (c.exact !== undefined) {
      const p = String(c.exact.p).replace('-', '');
      const q = String(c.exact.q);
      if (p !== '1') numer.push({ a: [p], prec: PREC.ATOM });
      if (q !== '1') denom.push({ a: [q], prec: PREC.ATOM });
    } else {
      numer.push({ a: [formatFloat(Math.abs(c.value), c.digits)], prec: PREC.ATOM });
    }
  }
  for (const f of orderedFactors(e)) {
    if (f.prim === powPrimitive && isNegativeExponent(f.args[1]!)) {
      const ex = mkExact(negRational(f.args[1]!));
      denom.push({ a: powActions(f.args[0]!, ex), prec: isExactRatio(ex, 1, 1) ? strPrec(f.args[0]!) : powPrec(ex) });
    } else {
      numer.push({ a: node(f, strPrec(f) < PREC.MUL), prec: PREC.MUL });
    }
  }
  const out: Action[] = negative ? ['-'] : [];
  if (numer.length === 0) out.push('1');
  numer.forEach((n, i) => {
    if (i > 0) out.push('*');
    out.push(...n.a);
  });
  if (denom.length === 1) {
    const d = denom[0]!;
    out.push('/');
    if (d.prec < PREC.POW) out.push('(', ...d.a, ')');
    else out.push(...d.a);
  } else if (denom.length > 1) {
    out.push('/(');
    denom.forEach((d, i) => {
      if (i > 0) out.push('*');
      if (d.prec < PREC.MUL) out.push('(', ...d.a, ')');
      else out.push(...d.a);
    });
    out.push(')');
  }
  return out;
}

/**
 * How an (possibly differentiated) undefined function application prints. Plain `f(x)`;
 * derivatives at distinct symbols as `Derivative(f(x, y), x, (y, 2))`; otherwise SymPy's
 * `Subs(Derivative(f(_xi_1), _xi_1), _xi_1, g(x))`.
 */
export function applyParts(e: Expr): { direct: boolean; dummies: Map<number, Expr> } {
  const derivs = e.derivs!;
  const dummies = new Map<number, Expr>();
  if (derivs.every((k) => k === 0)) return { direct: true, dummies };
  let direct = true;
  for (let i = 0; i < derivs.length; i++) {
    if (derivs[i] === 0) continue;
    const a = e.args[i]!;
    if (a.kind !== 'symbol') direct = false;
    else {
      for (let j = 0; j < e.args.length; j++) {
        if (j !== i && e.args[j]!.freeSymbols().includes(a)) direct = false;
      }
    }
  }
  if (!direct) {
    let k = 1;
    for (let i = 0; i < derivs.length; i++) if (derivs[i]! > 0) dummies.set(i, mkSymbol(`_xi_${k++}`));
  }
  return { direct, dummies };
}

function applyActions(e: Expr): Action[] {
  const derivs = e.derivs!;
  const { direct, dummies } = applyParts(e);
  const call: Action[] = [e.name + '('];
  e.args.forEach((a, i) => {
    if (i > 0) call.push(', ');
    call.push({ e: dummies.get(i) ?? a, neg: false });
  });
  call.push(')');
  if (derivs.every((k) => k === 0)) return call;
  const out: Action[] = ['Derivative(', ...call];
  derivs.forEach((k, i) => {
    if (k === 0) return;
    const v = dummies.get(i) ?? e.args[i]!;
    if (k === 1) out.push(', ', { e: v, neg: false });
    else out.push(', (', { e: v, neg: false }, `, ${k})`);
  });
  out.push(')');
  if (direct) return out;
  const olds = [...dummies.values()];
  const news = [...dummies.keys()].map((i) => e.args[i]!);
  const list = (xs: Expr[]): Action[] => {
    if (xs.length === 1) return [{ e: xs[0]!, neg: false }];
    const r: Action[] = ['('];
    xs.forEach((x, i) => {
      if (i > 0) r.push(', ');
      r.push({ e: x, neg: false });
    });
    r.push(')');
    return r;
  };
  return ['Subs(', ...out, ', ', ...list(olds), ', ', ...list(news), ')'];
}

function expandStr(e: Expr, neg: boolean): Action[] {
  switch (e.kind) {
    case 'number':
      return [numberText(e, neg)];
    case 'symbol':
    case 'constant':
      return [e.name];
    case 'apply':
      return applyActions(e);
    case 'call':
      break;
  }
  const p = e.prim!;
  if (p === addPrimitive) {
    return sumActions(e, '-');
  }
  if (p === mulPrimitive) return mulActions(e, neg);
  if (p === powPrimitive) return powActions(e.args[0]!, e.args[1]!);
  const t = template(p, 'str');
  const callLike = isCallTemplate(p);
  const myPrec = strPrec(e);
  const out: Action[] = [];
  for (const part of t) {
    if (typeof part === 'string') out.push(part);
    else {
      const a = e.args[part]!;
      out.push(...node(a, !callLike && strPrec(a) <= myPrec));
    }
  }
  return out;
}

/**
 * Plain-text form of an expression in SymPy's style, with `^` for powers and minimal
 * parentheses; `parse` reads it back to the same expression.
 *
 * @param e the expression (or a number)
 * @returns its text
 * @example
 * ```ts
 * import { symbols, str, mul, add, pow } from 'fluxion';
 * const [x] = symbols('x');
 * str(mul(x, add(pow(x, 3), mul(2, pow(x, 2))))); // 'x*(x^3 + 2*x^2)'
 * ```
 */
export function str(e: Expr | number): string {
  if (typeof e === 'number') return String(e);
  return emit(e, expandStr);
}

installExprMethods({ str: (e) => emit(e, expandStr) });

