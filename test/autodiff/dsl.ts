// The S-expression language of test/fixtures/autodiff/make_fixtures.py, interpreted with
// fluxion's ops: "(add (mul 2 (pow x 3)) (sin x))" becomes a function of x (or of v).
import * as fx from '../../src/index.js';
import type { Num } from '../../src/index.js';

type Tree = number | string | Tree[];

export function parse(src: string): Tree {
  const toks = src.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').trim().split(/\s+/);
  let pos = 0;
  const read = (): Tree => {
    const t = toks[pos++]!;
    if (t === '(') {
      const list: Tree[] = [toks[pos++]!];
      while (toks[pos] !== ')') list.push(read());
      pos++;
      return list;
    }
    const n = Number(t);
    return Number.isNaN(n) ? t : n;
  };
  const tree = read();
  if (pos !== toks.length) throw new Error(`trailing tokens in ${src}`);
  return tree;
}

const unary: Record<string, (a: Num) => Num> = {
  neg: fx.neg, sqrt: fx.sqrt, exp: fx.exp, log: fx.log, abs: fx.abs, sign: fx.sign, sin: fx.sin, cos: fx.cos,
  tan: fx.tan, asin: fx.asin, acos: fx.acos, atan: fx.atan, sinh: fx.sinh, cosh: fx.cosh, tanh: fx.tanh,
  expm1: fx.expm1, log1p: fx.log1p, heaviside: fx.heaviside, sum: fx.sum,
};
const binary: Record<string, (a: Num, b: Num) => Num> = {
  add: fx.add, sub: fx.sub, mul: fx.mul, div: fx.div, pow: fx.pow, maximum: fx.maximum, minimum: fx.minimum,
  gt: fx.gt, ge: fx.ge, lt: fx.lt, le: fx.le,
};

function evaluate(tree: Tree, env: Record<string, Num>): Num {
  if (typeof tree === 'number') return tree;
  if (typeof tree === 'string') {
    const v = env[tree];
    if (v === undefined) throw new Error(`unknown variable ${tree}`);
    return v;
  }
  const [op, ...args] = tree as [string, ...Tree[]];
  if (op === 'index') return fx.index(evaluate(args[0]!, env), args[1] as number);
  if (op === 'stack') return fx.stack(args.map((a) => evaluate(a, env)));
  if (op === 'where') return fx.where(evaluate(args[0]!, env), evaluate(args[1]!, env), evaluate(args[2]!, env));
  const vals = args.map((a) => evaluate(a, env));
  if (op in unary) return unary[op]!(vals[0]!);
  if (op in binary) return binary[op]!(vals[0]!, vals[1]!);
  throw new Error(`unknown op ${op}`);
}

/** The fixture's function as a fluxion function of its variable (`x`, `v` or `m`). */
export function compileDsl(src: string, variable: 'x' | 'v' | 'm' = 'x'): (a: Num) => Num {
  const tree = parse(src);
  return (a: Num) => evaluate(tree, { [variable]: a });
}
