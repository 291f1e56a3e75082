/**
 * LaTeX printer in SymPy's style (`2 x^{2} - x y`, `3 \sqrt{2}`, `\frac{1}{x}`,
 * `9 \cos{\left(3 x \right)} - 2 e^{- 2 x}`), function calls from the records' `latex` forms.
 */
import { addPrimitive, mulPrimitive, powPrimitive } from '../ops/arithmetic.js';
import { installExprMethods, mkExact, toExpr, type Expr } from '../symbolic/expr.js';
import { formatFloat } from '../symbolic/numfmt.js';
import {
  PREC,
  emit,
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
import { applyParts } from './str.js';

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi',
  'omicron', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi',
  'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

/** LaTeX for a symbol name: Greek letters as commands, `x1`/`x_1` subscripted. */
export function latexName(name: string): string {
  const dummy = /^_xi_(\d+)$/.exec(name);
  if (dummy) return `\\xi_{${dummy[1]}}`;
  const m = /^([A-Za-z]+)_?(\d+)$/.exec(name) ?? /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  const head = (s: string): string => (GREEK.has(s) ? `\\${s}` : s);
  if (m) return `${head(m[1]!)}_{${head(m[2]!)}}`;
  return head(name);
}

function latexPowPrec(ex: Expr): number {
  if (isNegativeExponent(ex)) return PREC.MUL;
  if (ex.exact !== undefined && ex.exact.p === 1) return PREC.ATOM;
  return PREC.POW;
}

function latexPrec(e: Expr): number {
  // Every other call prints as a LaTeX command or with \left( \right): an atom.
  return precedenceOf(e, latexPowPrec, () => PREC.ATOM);
}

function node(e: Expr, parens = false): Action[] {
  return parens ? ['\\left(', { e, neg: false }, '\\right)'] : [{ e, neg: false }];
}

function numberLatex(e: Expr, neg: boolean): string {
  if (e.exact !== undefined) {
    const negative = isNegativeNumber(e) !== neg;
    const p = String(e.exact.p).replace('-', '');
    const body = e.exact.q === 1 ? p : `\\frac{${p}}{${e.exact.q}}`;
    return negative ? (e.exact.q === 1 ? `-${body}` : `- ${body}`) : body;
  }
  return floatLatex(neg ? -e.value : e.value, e.digits);
}

function floatLatex(v: number, digits: number | undefined): string {
  return formatFloat(v, digits).replace(/^oo$/, '\\infty').replace(/^-oo$/, '-\\infty').replace(/^nan$/, '\\text{NaN}');
}

// `\sin{\left(x \right)}` → `\sin^{2}{\left(x \right)}`: SymPy's form for powers of the
// trigonometric and hyperbolic functions (others print `\log{\left(x \right)}^{2}`).
const FOLDED_POWER = new Set(['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh']);
const FUNC_HEAD = /^(\\[A-Za-z]+|\\operatorname\{[A-Za-z]+\})(\{\\left\()/;

function powLatex(b: Expr, ex: Expr): Action[] {
  if (isExactRatio(ex, 1, 1)) return node(b);
  if (isNegativeExponent(ex)) return ['\\frac{1}{', ...powLatex(b, mkExact(negRational(ex))), '}'];
  if (ex.exact !== undefined && ex.exact.p === 1 && ex.exact.q !== 1) {
    return [ex.exact.q === 2 ? '\\sqrt{' : `\\sqrt[${ex.exact.q}]{`, { e: b, neg: false }, '}'];
  }
  if (b.kind === 'call' && FOLDED_POWER.has(b.prim!.name)) {
    const t = template(b.prim!, 'latex');
    const head = typeof t[0] === 'string' ? FUNC_HEAD.exec(t[0]) : null;
    if (head) {
      const rest = (t[0] as string).slice(head[1]!.length);
      const out: Action[] = [head[1]!, '^{', { e: ex, neg: false }, '}', rest];
      for (const part of t.slice(1)) out.push(typeof part === 'string' ? part : { e: b.args[part]!, neg: false });
      return out;
    }
  }
  return [...node(b, latexPrec(b) < PREC.ATOM), '^{', { e: ex, neg: false }, '}'];
}

function startsWithDigit(a: Action[]): boolean {
  const f = a[0];
  if (typeof f === 'string') return /^[0-9]/.test(f);
  return f !== undefined && f.e.kind === 'number' && !isNegativeNumber(f.e);
}

function mulLatex(e: Expr, neg: boolean): Action[] {
  const first = e.args[0]!;
  const c = first.kind === 'number' ? first : undefined;
  const negative = (c !== undefined && isNegativeNumber(c)) !== neg;
  const numer: { a: Action[]; bare: Action[] }[] = [];
  const denom: { a: Action[]; bare: Action[] }[] = [];
  const lit = (t: string): { a: Action[]; bare: Action[] } => ({ a: [t], bare: [t] });
  if (c !== undefined) {
    if (c.exact !== undefined) {
      const p = String(c.exact.p).replace('-', '');
      const q = String(c.exact.q);
      if (p !== '1') numer.push(lit(p));
      if (q !== '1') denom.push(lit(q));
    } else {
      numer.push(lit(floatLatex(Math.abs(c.value), c.digits)));
    }
  }
  for (const f of orderedFactors(e)) {
    if (f.prim === powPrimitive && isNegativeExponent(f.args[1]!)) {
      const ex = mkExact(negRational(f.args[1]!));
      const b = f.args[0]!;
      denom.push(isExactRatio(ex, 1, 1) ? { a: node(b, latexPrec(b) < PREC.MUL), bare: node(b) } : { a: powLatex(b, ex), bare: powLatex(b, ex) });
    } else {
      numer.push({ a: node(f, latexPrec(f) < PREC.MUL), bare: node(f) });
    }
  }
  const join = (items: Action[][]): Action[] => {
    const out: Action[] = [];
    items.forEach((it, i) => {
      if (i > 0) out.push(startsWithDigit(it) && numer.length > 0 ? ' \\cdot ' : ' ');
      out.push(...it);
    });
    return out;
  };
  const sign: Action[] = negative ? ['- '] : [];
  if (denom.length === 0) return [...sign, ...join(numer.map((n) => n.a))];
  // inside \frac{…}{…} a lone sum needs no parentheses
  const part = (items: { a: Action[]; bare: Action[] }[]): Action[] => (items.length === 1 ? items[0]!.bare : join(items.map((n) => n.a)));
  return [...sign, '\\frac{', ...(numer.length === 0 ? ['1'] : part(numer)), '}{', ...part(denom), '}'];
}

function derivLatex(e: Expr): Action[] {
  const derivs = e.derivs!;
  const { direct, dummies } = applyParts(e);
  const call: Action[] = [`${latexName(e.name)}{\\left(`];
  e.args.forEach((a, i) => {
    if (i > 0) call.push(',');
    call.push({ e: dummies.get(i) ?? a, neg: false });
  });
  call.push(' \\right)}');
  const total = derivs.reduce((s, k) => s + k, 0);
  if (total === 0) return call;
  const vars = derivs.map((k, i) => [k, dummies.get(i) ?? e.args[i]!] as const).filter(([k]) => k > 0);
  const nvars = vars.length;
  const d = nvars === 1 ? 'd' : '\\partial';
  const out: Action[] = [total === 1 ? `\\frac{${d}}{` : `\\frac{${d}^{${total}}}{`];
  vars.forEach(([k, v], i) => {
    out.push(i === 0 ? `${d} ` : `\\${d === 'd' ? 'd' : 'partial'} `, { e: v, neg: false });
    if (k > 1) out.push(`^{${k}}`);
  });
  out.push('} ', ...call);
  if (direct) return out;
  const subsList: Action[] = [];
  [...dummies.entries()].forEach(([i, v], j) => {
    if (j > 0) subsList.push('\\\\ ');
    subsList.push({ e: v, neg: false }, '=', { e: e.args[i]!, neg: false });
  });
  return ['\\left. ', ...out, ' \\right|_{\\substack{ ', ...subsList, ' }}'];
}

function expandLatex(e: Expr, neg: boolean): Action[] {
  switch (e.kind) {
    case 'number':
      return [numberLatex(e, neg)];
    case 'symbol':
      return [latexName(e.name)];
    case 'constant':
      return [e.name === 'pi' ? '\\pi' : 'e'];
    case 'apply':
      return derivLatex(e);
    case 'call':
      break;
  }
  const p = e.prim!;
  if (p === addPrimitive) {
    return sumActions(e, '- ');
  }
  if (p === mulPrimitive) return mulLatex(e, neg);
  if (p === powPrimitive) return powLatex(e.args[0]!, e.args[1]!);
  return template(p, 'latex').map((part) => (typeof part === 'string' ? part : { e: e.args[part]!, neg: false }));
}

/**
 * LaTeX form of an expression in SymPy's style.
 *
 * @param e the expression (or a number)
 * @returns LaTeX source
 * @example
 * ```ts
 * import { symbols, latex, sub, mul, pow, sqrt, div } from 'fluxion';
 * const [x, y] = symbols('x y');
 * latex(sub(mul(2, pow(x, 2)), mul(x, y))); // '2 x^{2} - x y'
 * latex(div(1, x)); // '\\frac{1}{x}'
 * ```
 */
export function latex(e: Expr | number): string {
  return emit(toExpr(e, 'latex'), expandLatex);
}

installExprMethods({ latex: (e) => emit(e, expandLatex) });
