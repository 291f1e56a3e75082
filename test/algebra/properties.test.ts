// Property tests with a seeded PRNG: expand(factor(p)) == expand(p), and every factor of
// degree 2 or 3 has no rational root (checked by the rational root theorem, independently
// of the factorization code).
import { describe, expect, it } from 'vitest';
import { add, cancel, collect, div, expand, factor, factorList, mul, parse, pow, symbols, together, type Expr } from '../../src/index.js';
import { makeRng } from '../../src/algebra/zz.js';
import { poly } from '../../src/algebra/api.js';

const [x, y] = symbols('x y');

function randPoly(rng: () => number, vars: Expr[], deg: number, cmax: number): Expr {
  let e: Expr = parse('0');
  const nterms = 1 + Math.floor(rng() * 4);
  for (let t = 0; t < nterms; t++) {
    let m: Expr = parse(String(Math.floor(rng() * (2 * cmax + 1)) - cmax));
    let left = deg;
    for (const v of vars) {
      const k = Math.floor(rng() * (left + 1));
      left -= k;
      m = mul(m, pow(v, k)) as Expr;
    }
    e = add(e, m) as Expr;
  }
  return e;
}

function randProduct(rng: () => number, vars: Expr[]): Expr {
  let p: Expr = parse('1');
  const k = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < k; i++) {
    const f = randPoly(rng, vars, 1 + Math.floor(rng() * 3), 6);
    p = mul(p, pow(f, 1 + Math.floor(rng() * 2))) as Expr;
  }
  return p;
}

function divisors(n: bigint): bigint[] {
  if (n < 0n) n = -n;
  const out: bigint[] = [];
  for (let d = 1n; d * d <= n; d++) {
    if (n % d === 0n) {
      out.push(d);
      if (d * d !== n) out.push(n / d);
    }
  }
  return out;
}

/** Rational root theorem: does the integer polynomial (leading first) have a rational root? */
function hasRationalRoot(cs: bigint[]): boolean {
  const an = cs[0] as bigint;
  const a0 = cs[cs.length - 1] as bigint;
  if (a0 === 0n) return true;
  for (const p of divisors(a0)) {
    for (const q of divisors(an)) {
      for (const s of [1n, -1n]) {
        // q^n f(s p / q) = sum c_i (s p)^(n-i) q^i
        const n = cs.length - 1;
        let v = 0n;
        for (let i = 0; i <= n; i++) v += (cs[i] as bigint) * (s * p) ** BigInt(n - i) * q ** BigInt(i);
        if (v === 0n) return true;
      }
    }
  }
  return false;
}

describe('expand(factor(p)) == expand(p)', () => {
  it('univariate random products (60 seeds)', () => {
    const rng = makeRng(12345);
    for (let i = 0; i < 60; i++) {
      const p = randProduct(rng, [x]);
      expect(expand(factor(p))).toBe(expand(p));
    }
  });
  it('bivariate random products (40 seeds)', () => {
    const rng = makeRng(777);
    for (let i = 0; i < 40; i++) {
      const p = randProduct(rng, [x, y]);
      expect(expand(factor(p))).toBe(expand(p));
    }
  });
});

describe('expand(factor(e)) == expand(e) on unexpanded sums of products sharing factors', () => {
  it('univariate and bivariate (50 seeds)', () => {
    const rng = makeRng(99);
    for (let i = 0; i < 50; i++) {
      const vars = i % 2 ? [x] : [x, y];
      const a = randProduct(rng, vars), b = randProduct(rng, vars), c = randProduct(rng, vars);
      // a*b^2 - 3*a*b*c + a: the terms share a (and b), as chain-rule derivatives do
      const e = add(add(mul(a, pow(b, 2)), mul(-3, mul(a, mul(b, c)))), a) as Expr;
      expect(expand(factor(e))).toBe(expand(e));
      expect(factorList(e).factors.every(([, m]) => m > 0)).toBe(true);
    }
  });
});

describe('factors of degree 2 and 3 have no rational root', () => {
  it('univariate random products (60 seeds)', () => {
    const rng = makeRng(4242);
    let checked = 0;
    for (let i = 0; i < 60; i++) {
      const p = randProduct(rng, [x]);
      for (const [f] of factorList(p).factors) {
        const pf = poly(f, x);
        if (pf.degree < 2 || pf.degree > 3) continue;
        const cs = pf.coeffs.map((c) => {
          expect(c.exact?.q).toBe(1);
          return BigInt(c.exact!.p);
        });
        expect(hasRationalRoot(cs)).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('collect and together preserve the value', () => {
  it('collect(e, x): same expansion, each power of x once (40 seeds)', () => {
    const rng = makeRng(31337);
    for (let i = 0; i < 40; i++) {
      const e = randProduct(rng, [x, y]);
      const c = collect(e, x);
      expect(expand(c)).toBe(expand(e));
      const terms = c.kind === 'call' && c.name === 'add' ? c.args : [c];
      const powers = terms.map((t) => {
        const fs = t.kind === 'call' && t.name === 'mul' ? t.args : [t];
        let k = 0;
        for (const f of fs) {
          if (f === x) k += 1;
          else if (f.kind === 'call' && f.name === 'pow' && f.args[0] === x) k += Number(f.args[1]!.exact!.p);
        }
        return k;
      });
      // x^0 terms stay flattened into the sum (as in SymPy); every other power occurs once
      const nonzero = powers.filter((k) => k !== 0);
      expect(new Set(nonzero).size).toBe(nonzero.length);
    }
  });
  it('together(a/b + c/d) is one fraction equal to the sum (30 seeds)', () => {
    const rng = makeRng(2718);
    for (let i = 0; i < 30; i++) {
      const a = randProduct(rng, [x]), b = randProduct(rng, [x]), c = randProduct(rng, [x]), d = randProduct(rng, [x]);
      if (expand(b).kind === 'number' || expand(d).kind === 'number') continue;
      const e = add(div(a, b), div(c, d)) as Expr;
      const t = together(e);
      expect(t.kind === 'call' && t.name === 'add').toBe(false);
      expect(cancel(t)).toBe(cancel(e));
    }
  });
});
