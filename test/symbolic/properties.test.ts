// Property tests with a seeded PRNG: diff agrees with central finite differences, the
// printed form parses back to the same node, subs agrees with evalf, construction order
// does not matter.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/prng.js';
import {
  E,
  abs,
  acos,
  add,
  asin,
  atan,
  cos,
  cosh,
  diff,
  div,
  evalf,
  exact,
  exp,
  expm1,
  latex,
  log,
  log1p,
  maximum,
  minimum,
  mul,
  parse,
  pi,
  pow,
  sin,
  sinh,
  sqrt,
  sub,
  subs,
  symbols,
  tanh,
  type Expr,
} from '../../src/index.js';

const [x, y] = symbols('x y');

const prng = mulberry32;

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const one = exact(1);
const pos = (u: Expr): Expr => add(one, mul(u, u)); // 1 + u^2 > 0

const UNARY: ((u: Expr) => Expr)[] = [
  sin, cos, atan, sinh, cosh, tanh, exp, abs, expm1,
  (u) => log(pos(u)),
  (u) => sqrt(pos(u)),
  (u) => log1p(mul(u, u)),
  (u) => asin(div(u, add(2, mul(u, u)))),
  (u) => acos(div(u, add(2, mul(u, u)))),
];
const BINARY: ((a: Expr, b: Expr, r: R) => Expr)[] = [
  add, sub, mul,
  (a, b) => div(a, pos(b)),
  (a, _b, r) => pow(a, pick(r, [2, 3, -1, -2])),
  (a, _b, r) => pow(pos(a), pick(r, [exact(1, 2), exact(3, 2), exact(-1, 3)])),
  maximum, minimum,
];

function leaf(r: R, twoVars: boolean, floats: boolean): Expr {
  const u = r();
  if (u < 0.5) return twoVars && r() < 0.4 ? y : x;
  if (u < 0.7) return exact(pick(r, [1, 2, 3, -1, -2, 5]));
  if (u < 0.8) return exact(pick(r, [1, 2, 3, -3]), pick(r, [2, 3, 4, 7]));
  if (u < 0.88) return pick(r, [pi, E]);
  return floats ? parse(pick(r, ['0.5', '1.25', '2.75', '0.1', '3.0', '1e-3', '4.2426407'])) : exact(2);
}

function randomExpr(r: R, depth: number, twoVars = false, floats = false): Expr {
  if (depth === 0 || r() < 0.2) return leaf(r, twoVars, floats);
  if (r() < 0.45) return pick(r, UNARY)(randomExpr(r, depth - 1, twoVars, floats));
  return pick(r, BINARY)(randomExpr(r, depth - 1, twoVars, floats), randomExpr(r, depth - 1, twoVars, floats), r);
}

function centralDiff(f: (t: number) => number, t: number, h: number): number {
  return (f(t + h) - f(t - h)) / (2 * h);
}

describe('properties (seeded)', () => {
  it('diff agrees with central finite differences (first and second derivatives)', () => {
    const r = prng(12345);
    let checked = 0;
    let trials = 0;
    for (let k = 0; k < 200; k++) {
      const e = randomExpr(r, 1 + Math.floor(r() * 4), r() < 0.3);
      if (!e.freeSymbols().includes(x)) continue;
      const d1 = diff(e, x);
      const d2 = diff(d1, x);
      for (let p = 0; p < 3; p++) {
        trials++;
        const at = { x: (r() * 4 - 2), y: r() * 4 - 2 };
        const f = (t: number): number => evalf(e, { ...at, x: t });
        const g = (t: number): number => evalf(d1, { ...at, x: t });
        const h = 1e-4 * Math.max(1, Math.abs(at.x));
        for (const [fun, der] of [[f, d1], [g, d2]] as const) {
          const exactValue = evalf(der, at);
          const fd1 = centralDiff(fun, at.x, h);
          const fd2 = centralDiff(fun, at.x, h / 2);
          // skip points where finite differences are themselves unreliable (near a kink
          // of abs/max/min or where the function is huge)
          const scale = Math.max(1, Math.abs(fd2));
          if (!Number.isFinite(fd1) || !Number.isFinite(fd2) || Math.abs(fd1 - fd2) > 1e-5 * scale || scale > 1e6) continue;
          // Richardson extrapolation: error O(h^4)
          const rich = (4 * fd2 - fd1) / 3;
          expect(Math.abs(exactValue - rich), `${e} at ${JSON.stringify(at)}: d = ${der}`).toBeLessThanOrEqual(1e-6 * scale);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0.7 * 2 * trials * 0.5);
  });

  it('parse(e.toString()) is e, and latex prints, for random expressions with floats and constants', () => {
    const r = prng(777);
    for (let k = 0; k < 400; k++) {
      const e = randomExpr(r, 1 + Math.floor(r() * 5), r() < 0.5, true);
      const text = e.toString();
      expect(parse(text), text).toBe(e);
      const d = diff(e, x);
      expect(parse(d.toString()), d.toString()).toBe(d);
      expect(latex(e)).not.toMatch(/undefined|NaN|\u0000/);
    }
  });

  it('subs with exact values agrees with evalf', () => {
    const r = prng(4242);
    let n = 0;
    for (let k = 0; k < 200; k++) {
      const e = randomExpr(r, 1 + Math.floor(r() * 3), true);
      const q = exact(Math.floor(r() * 9) - 4, pick(r, [1, 2, 3, 4]));
      const v = evalf(e, { x: q.value, y: 0.75 });
      if (!Number.isFinite(v)) continue;
      let s: Expr;
      try {
        s = subs(e, { x: q, y: exact(3, 4) });
      } catch {
        continue; // an exact division by zero, reported as an error
      }
      const w = evalf(s);
      expect(Math.abs(w - v), `${e} at x = ${q}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v)));
      n++;
    }
    expect(n).toBeGreaterThan(150);
  });

  it('odd and even functions see s and -s consistently: sin(s) + sin(-s) = 0, cos(-s) = cos(s)', () => {
    const r = prng(2024);
    for (let k = 0; k < 200; k++) {
      // terms are function applications or symbols times numbers (never sums, which a
      // number does not distribute over, so -(a - b) and b - a are different nodes)
      const atom = (): Expr => (r() < 0.3 ? pick(r, [x, y]) : pick(r, UNARY)(randomExpr(r, 2, true)));
      const terms = Array.from({ length: 2 + Math.floor(r() * 3) }, () => mul(pick(r, [1, -1, 2, -3]), atom()));
      const sum = terms.reduce((a, b) => add(a, b));
      const negSum = terms.reduce((a, b) => sub(a, b), exact(0));
      expect(add(sin(sum), sin(negSum)).toString(), String(sum)).toBe('0');
      expect(cos(negSum)).toBe(cos(sum));
    }
  });

  it('construction order does not matter (hash-consing of commutative operations)', () => {
    const r = prng(99);
    for (let k = 0; k < 200; k++) {
      const terms = Array.from({ length: 2 + Math.floor(r() * 4) }, () => randomExpr(r, 2, true));
      const shuffled = [...terms].sort(() => r() - 0.5);
      expect(shuffled.reduce((a, b) => add(a, b))).toBe(terms.reduce((a, b) => add(a, b)));
      expect(shuffled.reduce((a, b) => mul(a, b))).toBe(terms.reduce((a, b) => mul(a, b)));
    }
  });
});
