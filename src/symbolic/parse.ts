/**
 * The expression parser: text → canonical `Expr`, with Python/SymPy precedence. An
 * operator-precedence (shunting-yard) parser with explicit stacks, so 100 000 nested
 * parentheses or function calls never overflow the JS stack.
 */
import { FluxionError } from '../core/errors.js';
import { allPrimitives, getPrimitive } from '../core/registry.js';
import type { Primitive } from '../core/primitive.js';
import { addPrimitive, divPrimitive, mulPrimitive, negPrimitive, powPrimitive, subPrimitive } from '../ops/arithmetic.js';
import { eqPrimitive, gePrimitive, gtPrimitive, lePrimitive, ltPrimitive, nePrimitive, wherePrimitive } from '../ops/compare.js';
import {
  absPrimitive,
  expm1Primitive,
  expPrimitive,
  heavisidePrimitive,
  log1pPrimitive,
  logPrimitive,
  maximumPrimitive,
  minimumPrimitive,
  signPrimitive,
  sqrtPrimitive,
} from '../ops/elementary.js';
import {
  acosPrimitive,
  asinPrimitive,
  atanPrimitive,
  coshPrimitive,
  cosPrimitive,
  sinhPrimitive,
  sinPrimitive,
  tanhPrimitive,
  tanPrimitive,
} from '../ops/trig.js';
import { E, PI, addN, build, ONE, ZERO } from './canon.js';
import { diff } from './diff.js';
import { subs } from './evaluate.js';
import { Expr, mkApply, mkFloat, mkInt, mkSymbol } from './expr.js';
import { isDeclaredFunction, piecewise } from './functions.js';
import { literalDigits } from './numfmt.js';
import { normInt } from './rational.js';

/**
 * A syntax error in `parse`: says where (0-based `position`, and a caret line in the
 * message) and what was expected.
 *
 * @example
 * ```ts
 * import { parse, ParseError } from 'fluxion';
 * try { parse('2*x +'); } catch (e) { e instanceof ParseError; } // true
 * ```
 */
export class ParseError extends FluxionError {
  constructor(
    message: string,
    /** 0-based offset of the offending character. */
    readonly position: number,
    /** The text being parsed. */
    readonly input: string,
  ) {
    super(`${message}\n  ${input}\n  ${' '.repeat(position)}^`);
  }
}

type TokKind = 'num' | 'id' | 'op' | '(' | ')' | ',' | 'end';
interface Token {
  readonly kind: TokKind;
  readonly text: string;
  readonly pos: number;
}

function tokenize(src: string): Token[] {
  const toks: Token[] = [];
  const re = /\s+|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|[-+*/^])|([(),])/y;
  let i = 0;
  while (i < src.length) {
    re.lastIndex = i;
    const m = re.exec(src);
    if (m === null) {
      throw new ParseError(
        `parse: unexpected character ${JSON.stringify(src[i])} at column ${i + 1}; expected a number, a name, an operator (+ - * / ^ **), a comma or a parenthesis`,
        i,
        src,
      );
    }
    if (m[1] !== undefined) toks.push({ kind: 'num', text: m[1], pos: i });
    else if (m[2] !== undefined) toks.push({ kind: 'id', text: m[2], pos: i });
    else if (m[3] !== undefined) toks.push({ kind: 'op', text: m[3] === '**' ? '^' : m[3], pos: i });
    else if (m[4] !== undefined) toks.push({ kind: m[4] as '(' | ')' | ',', text: m[4], pos: i });
    i = re.lastIndex;
  }
  toks.push({ kind: 'end', text: '', pos: src.length });
  return toks;
}

/** A parenthesized list `(a, b)`: only an argument of Derivative, Subs or Piecewise. */
interface Tuple {
  readonly items: readonly Value[];
  readonly pos: number;
}
type Value = Expr | Tuple;

/**
 * The terms of a `+`/`-` chain, collected so that a sum of n terms is built once (linear)
 * instead of term by term (each canonical add flattens its whole left side: quadratic).
 */
class PendingSum {
  constructor(
    readonly terms: Expr[],
    readonly pos: number,
  ) {}
}
type Slot = Value | PendingSum;

type OpEntry =
  | { readonly k: 'bin'; readonly op: string; readonly prec: number; readonly pos: number }
  | { readonly k: 'un'; readonly op: string; readonly prec: number; readonly pos: number }
  | { readonly k: 'paren'; readonly pos: number; readonly call: string | undefined; readonly base: number; commas: number };

const BIN_PREC: Record<string, number> = { '+': 10, '-': 10, '*': 20, '/': 20, '^': 30 };
const UNARY_PREC = 25;

const ALIASES: Record<string, string> = { Abs: 'abs', Heaviside: 'heaviside', Max: 'maximum', Min: 'minimum', ln: 'log' };

function describeTok(t: Token): string {
  return t.kind === 'end' ? 'the end of the input' : `'${t.text}'`;
}

/**
 * Parses a formula into a canonical expression. Precedence and associativity follow
 * Python/SymPy: `^` and `**` are powers and bind tighter than a unary minus on their left
 * (`-x^2` is `-(x^2)`), are right-associative (`x^2^3` is `x^8`) and accept a signed
 * exponent (`2^-x`). Functions are the registry's primitives (`sin`, `exp`, `abs`, …, plus
 * SymPy's `Abs`, `Heaviside`, `Max`, `Min`, `ln`), names declared with `func`, and
 * `Derivative`, `Subs`, `Piecewise`. `pi` and `e`/`E` are constants; integers are exact,
 * decimals and scientific notation are floats. Errors give the position with a caret line
 * and what was expected.
 *
 * @param text the formula
 * @returns the expression; `parse(e.toString()) === e` for every expression
 * @example
 * ```ts
 * import { parse } from 'fluxion';
 * parse('2*x^3 - 3*x**2 + 5').toString(); // '2*x^3 - 3*x^2 + 5'
 * parse('x^2^3').toString(); // 'x^8'
 * parse('sqrt(18)').toString(); // '3*sqrt(2)'
 * ```
 */
export function parse(text: string): Expr {
  if (typeof text !== 'string') throw new FluxionError(`parse: expected a string, got ${typeof text}.`);
  const toks = tokenize(text);
  const values: Slot[] = [];
  const ops: OpEntry[] = [];
  let expectOperand = true;

  const fail = (msg: string, pos: number): never => {
    throw new ParseError(`parse: ${msg}`, pos, text);
  };
  const settle = (v: Slot): Value => (v instanceof PendingSum ? wrap(v.pos, () => addN(v.terms)) : v);
  const asExpr = (slot: Slot): Expr => {
    const v = settle(slot);
    return v instanceof Expr ? v : fail('a parenthesized list (a, b) is only allowed as an argument of Derivative, Subs or Piecewise', v.pos);
  };
  const wrap = <T>(pos: number, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ParseError || !(e instanceof FluxionError)) throw e;
      return fail(e.message.replace(/\.$/, '') + ` (at column ${pos + 1})`, pos);
    }
  };
  const reduce = (op: OpEntry): void => {
    if (op.k === 'un') {
      const a = asExpr(values.pop()!);
      values.push(op.op === '-' ? wrap(op.pos, () => build(negPrimitive, [a])) : a);
      return;
    }
    if (op.k !== 'bin') return;
    if (op.op === '+' || op.op === '-') {
      const rhs = asExpr(values.pop()!);
      const term = op.op === '-' ? wrap(op.pos, () => build(negPrimitive, [rhs])) : rhs;
      const lhs = values.pop()!;
      if (lhs instanceof PendingSum) lhs.terms.push(term);
      values.push(lhs instanceof PendingSum ? lhs : new PendingSum([asExpr(lhs), term], op.pos));
      return;
    }
    const b = asExpr(values.pop()!);
    const a = asExpr(values.pop()!);
    const prim = { '+': addPrimitive, '-': subPrimitive, '*': mulPrimitive, '/': divPrimitive, '^': powPrimitive }[op.op]!;
    values.push(wrap(op.pos, () => build(prim, [a, b])));
  };

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (expectOperand) {
      if (t.kind === 'num') {
        values.push(numberValue(t.text));
        expectOperand = false;
      } else if (t.kind === 'id') {
        if (toks[i + 1]!.kind === '(') {
          ops.push({ k: 'paren', pos: toks[i + 1]!.pos, call: t.text, base: values.length, commas: 0 });
          checkFunctionName(t, text);
          i++;
        } else {
          values.push(nameValue(t.text));
          expectOperand = false;
        }
      } else if (t.kind === '(') {
        ops.push({ k: 'paren', pos: t.pos, call: undefined, base: values.length, commas: 0 });
      } else if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
        ops.push({ k: 'un', op: t.text, prec: UNARY_PREC, pos: t.pos });
      } else {
        fail(`expected a number, a name, '(' or a unary minus at column ${t.pos + 1}, found ${describeTok(t)}`, t.pos);
      }
      continue;
    }
    // expecting an operator, ',' or ')'
    if (t.kind === 'op') {
      const prec = BIN_PREC[t.text]!;
      const right = t.text === '^';
      for (;;) {
        const top = ops[ops.length - 1];
        if (top === undefined || top.k === 'paren') break;
        if (top.prec > prec || (top.prec === prec && !right)) reduce(ops.pop()!);
        else break;
      }
      ops.push({ k: 'bin', op: t.text, prec, pos: t.pos });
      expectOperand = true;
    } else if (t.kind === ',' || t.kind === ')') {
      let top = ops[ops.length - 1];
      while (top !== undefined && top.k !== 'paren') {
        reduce(ops.pop()!);
        top = ops[ops.length - 1];
      }
      if (top === undefined) fail(`unmatched '${t.text}' at column ${t.pos + 1}`, t.pos);
      const paren = top as Extract<OpEntry, { k: 'paren' }>;
      if (t.kind === ',') {
        paren.commas++;
        expectOperand = true;
        continue;
      }
      ops.pop();
      const items = values.splice(paren.base).map(settle);
      if (paren.call !== undefined) {
        values.push(applyFunction(paren.call, items, paren.pos, fail, wrap));
      } else if (paren.commas > 0) {
        values.push({ items, pos: paren.pos });
      } else {
        values.push(items[0]!);
      }
    } else if (t.kind === 'end') {
      while (ops.length > 0) {
        const op = ops.pop()!;
        if (op.k === 'paren') fail(`'(' at column ${op.pos + 1} is never closed; expected ')' before the end of the input`, op.pos);
        reduce(op);
      }
    } else {
      const hint = t.kind === 'id' || t.kind === 'num' || t.kind === '(' ? ' (write * for a product, e.g. 2*x)' : '';
      fail(`expected an operator (+ - * / ^ **), ',' or ')' at column ${t.pos + 1}, found ${describeTok(t)}${hint}`, t.pos);
    }
  }
  if (values.length !== 1) fail('expected an expression', text.length);
  return asExpr(values[0]!);
}

function numberValue(s: string): Expr {
  if (/^\d+$/.test(s)) return mkInt(s.length <= 15 ? Number(s) : normInt(BigInt(s)));
  const v = Number(s);
  return mkFloat(v, literalDigits(s, v));
}

function nameValue(name: string): Expr {
  switch (name) {
    case 'pi':
      return PI;
    case 'E':
    case 'e':
      return E;
    case 'oo':
      return mkFloat(Infinity);
    case 'nan':
      return mkFloat(NaN);
    case 'True':
      return ONE;
    case 'False':
      return ZERO;
    default:
      return mkSymbol(name);
  }
}

const SPECIAL = new Set(['Derivative', 'Subs', 'Piecewise']);

// fluxion's own functions, referenced here so that a bundler never drops their records
// (the registry is filled when the ops modules load); user primitives come from the registry.
const BUILTIN: readonly Primitive[] = [
  sqrtPrimitive, expPrimitive, logPrimitive, absPrimitive, signPrimitive, heavisidePrimitive, maximumPrimitive,
  minimumPrimitive, expm1Primitive, log1pPrimitive, sinPrimitive, cosPrimitive, tanPrimitive, asinPrimitive,
  acosPrimitive, atanPrimitive, sinhPrimitive, coshPrimitive, tanhPrimitive, gtPrimitive, gePrimitive, ltPrimitive,
  lePrimitive, eqPrimitive, nePrimitive, wherePrimitive, addPrimitive, subPrimitive, mulPrimitive, divPrimitive,
  negPrimitive, powPrimitive,
];

function lookup(name: string): Primitive | undefined {
  return BUILTIN.find((p) => p.name === name) ?? getPrimitive(name);
}

function checkFunctionName(t: Token, text: string): void {
  const name = ALIASES[t.text] ?? t.text;
  if (SPECIAL.has(name) || lookup(name) !== undefined || isDeclaredFunction(name)) return;
  const known = allPrimitives()
    .filter((p) => p.kind === 'elementwise')
    .map((p) => p.name)
    .join(', ');
  throw new ParseError(
    `parse: unknown function '${t.text}' at column ${t.pos + 1}. Known functions: ${known}, Abs, Heaviside, Max, Min, ln, ` +
      `Derivative, Subs, Piecewise; declare an undefined function first with func('${t.text}')`,
    t.pos,
    text,
  );
}

function applyFunction(
  rawName: string,
  items: Value[],
  pos: number,
  fail: (msg: string, pos: number) => never,
  wrap: <T>(pos: number, f: () => T) => T,
): Expr {
  const name = ALIASES[rawName] ?? rawName;
  const exprArg = (v: Value | undefined, what: string): Expr => {
    if (v === undefined) return fail(`${rawName}: missing ${what}`, pos);
    if (v instanceof Expr) return v;
    return fail(`${rawName}: expected an expression as ${what}, found a parenthesized list`, v.pos);
  };
  if (name === 'Derivative') {
    const e = exprArg(items[0], 'the expression to differentiate');
    const vars: (Expr | number)[] = [];
    for (const v of items.slice(1)) {
      if (v instanceof Expr) vars.push(v);
      else {
        const [s, n] = v.items;
        if (v.items.length !== 2 || !(s instanceof Expr) || !(n instanceof Expr) || n.exact === undefined || n.exact.q !== 1) {
          fail('Derivative: a variable with a count is written (x, 2)', v.pos);
        }
        vars.push(s as Expr, Number((n as Expr).exact!.p));
      }
    }
    if (vars.length === 0) fail('Derivative: give the variables to differentiate by, e.g. Derivative(f(x), x)', pos);
    return wrap(pos, () => diff(e, ...vars));
  }
  if (name === 'Subs') {
    const e = exprArg(items[0], 'the expression');
    const olds = items[1];
    const news = items[2];
    if (olds === undefined || news === undefined || items.length !== 3) fail('Subs takes (expression, old, new)', pos);
    const ol = olds instanceof Expr ? [olds] : (olds as Tuple).items;
    const nl = news instanceof Expr ? [news] : (news as Tuple).items;
    if (ol.length !== nl.length) fail('Subs: the lists of old and new values differ in length', pos);
    const m = new Map<Expr, Expr>();
    ol.forEach((o, i) => m.set(exprArg(o, 'an old value'), exprArg(nl[i], 'a new value')));
    return wrap(pos, () => subs(e, m));
  }
  if (name === 'Piecewise') {
    const pieces = items.map((v) => {
      if (v instanceof Expr || v.items.length !== 2) return fail('Piecewise takes (value, condition) pairs', pos);
      return [exprArg(v.items[0], 'a value'), exprArg(v.items[1], 'a condition')] as const;
    });
    return wrap(pos, () => piecewise(...pieces));
  }
  const args = items.map((v, i) => exprArg(v, `argument ${i + 1}`));
  const prim = lookup(name);
  if ((name === 'maximum' || name === 'minimum') && prim !== undefined && args.length > 2) {
    // SymPy's n-ary Max/Min: a left fold
    return wrap(pos, () => args.slice(1).reduce((acc, a) => build(prim, [acc, a]), args[0]!));
  }
  if (prim !== undefined) return wrap(pos, () => build(prim, args));
  // a declared undefined function (checked when the name was read)
  if (args.length === 0) fail(`${rawName}: an undefined function needs at least one argument`, pos);
  return mkApply(name, args, args.map(() => 0));
}
