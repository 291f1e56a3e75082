// Conformance of expand / factor / factorList against SymPy (fixtures made by
// test/fixtures/algebra/make_fixtures.py): expanded coefficients must be identical; the
// factorization must have the same content and the same irreducible factors up to order
// and sign.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apart, cancel, expand, factorList, parse, type Expr } from '../../src/index.js';
import { Gens, toPoly, toRatFunc } from '../../src/algebra/convert.js';
import { spMaxDegs, spMul, spSub, type SPoly } from '../../src/algebra/spoly.js';
import { dmpFactorList } from '../../src/algebra/mfactor.js';
import { dmpFromTerms, dmpTerms, type Dmp } from '../../src/algebra/dmp.js';
import { symbol } from '../../src/symbolic/api.js';

type Terms = [number[], string][];
interface Case {
  name: string;
  vars: string[];
  input: string;
  expanded: Terms;
  text: string;
  content: string;
  factors: [Terms, number][];
}

interface RationalCase {
  name: string;
  vars: string[];
  input: string;
  num: Terms;
  den: Terms;
  content: string;
  factors: [Terms, number][];
}

const data = JSON.parse(readFileSync(new URL('../fixtures/algebra/polys.json', import.meta.url), 'utf8')) as {
  cases: Case[];
  rational: RationalCase[];
  apart: { name: string; input: string; apart: string }[];
};
const cases = data.cases;

/** Terms of an expression over the case's variables, as sorted strings (no printer involved). */
function termsOf(e: Expr, vars: string[]): string[] {
  const gens = new Gens();
  for (const v of vars) gens.of(symbol(v));
  const p = toPoly(e, gens, false);
  expect(gens.list.length, `only the variables ${vars.join(', ')} may occur`).toBe(vars.length);
  const out: string[] = [];
  for (let i = 0; i < p.coefs.length; i++) {
    const ex = vars.map((_, j) => (p.exps[i] as readonly number[])[j] ?? 0);
    const c = p.coefs[i] as bigint;
    out.push(`${ex.join(',')}:${p.den === 1n ? String(c) : `${c}/${p.den}`}`);
  }
  return out.sort();
}

function fixtureTerms(t: Terms): string[] {
  return t.map(([e, c]) => `${e.join(',')}:${c}`).sort();
}

/** Canonical key of a factor up to sign: the terms with the sign making the first term positive. */
function keyUpToSign(ts: string[]): string {
  const first = ts[0] as string;
  const neg = first.split(':')[1]?.startsWith('-');
  return ts
    .map((s) => {
      if (!neg) return s;
      const [e, c] = s.split(':') as [string, string];
      return `${e}:${c.startsWith('-') ? c.slice(1) : '-' + c}`;
    })
    .sort()
    .join(' ');
}

function absRat(s: string): string {
  return s.startsWith('-') ? s.slice(1) : s;
}

describe('expand matches SymPy coefficients', () => {
  it('has at least 150 fixture polynomials', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });
  for (const c of cases) {
    it(c.name, () => {
      const e = expand(parse(c.input));
      expect(termsOf(e, c.vars)).toEqual(fixtureTerms(c.expanded));
    });
  }
});

describe('factorList matches SymPy factor_list (content, factors up to order and sign)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = factorList(parse(c.text));
      expect(r.content.kind).toBe('number');
      const got = r.factors.map(([f, m]) => `${keyUpToSign(termsOf(f, c.vars))} ^${m}`).sort();
      const want = c.factors.map(([f, m]) => `${keyUpToSign(fixtureTerms(f))} ^${m}`).sort();
      expect(got).toEqual(want);
      const cont = r.content.exact!;
      const contStr = cont.q === 1 ? String(cont.p) : `${cont.p}/${cont.q}`;
      expect(absRat(contStr)).toBe(absRat(c.content));
    });
  }
});

describe('dense multivariate factorization (no Expr layer) matches SymPy', () => {
  for (const c of cases) {
    it(c.name, () => {
      const u = c.vars.length - 1;
      const f = dmpFromTerms(
        c.expanded.map(([e, k]) => [e, BigInt(k)] as [number[], bigint]),
        u,
      );
      const [content, fl] = dmpFactorList(f as Dmp, u);
      const toKey = (g: Dmp): string =>
        keyUpToSign(
          dmpTerms(g, u)
            .map(([e, k]) => `${e.join(',')}:${k}`)
            .sort(),
        );
      const got = fl.map(([g, m]) => `${toKey(g)} ^${m}`).sort();
      const want = c.factors.map(([g, m]) => `${keyUpToSign(fixtureTerms(g))} ^${m}`).sort();
      expect(got).toEqual(want);
      expect(absRat(String(content))).toBe(absRat(c.content));
    });
  }
});

function spOf(t: Terms): SPoly {
  return { exps: t.map(([e]) => e), coefs: t.map(([, c]) => BigInt(c)), den: 1n };
}

describe('cancel matches SymPy lowest terms', () => {
  it('has rational-function fixtures', () => {
    expect(data.rational.length).toBeGreaterThanOrEqual(30);
  });
  for (const c of data.rational) {
    it(c.name, () => {
      const gens = new Gens();
      for (const v of c.vars) gens.of(symbol(v));
      const r = toRatFunc(cancel(parse(c.input)), gens);
      expect(gens.list.length).toBe(c.vars.length);
      const N = spOf(c.num), D = spOf(c.den);
      // same rational function: r.num * D == r.den * N
      expect(spSub(spMul(r.num, D), spMul(r.den, N)).coefs.length).toBe(0);
      // in lowest terms: the denominator has SymPy's degree in every variable
      const nv = c.vars.length;
      expect(spMaxDegs(r.den, nv)).toEqual(spMaxDegs(D, nv));
      expect(spMaxDegs(r.num, nv)).toEqual(spMaxDegs(N, nv));
    });
  }
});

describe('factorList of rational functions matches SymPy (cancelled, denominator factors negative)', () => {
  for (const c of data.rational) {
    it(c.name, () => {
      const r = factorList(parse(c.input));
      const got = r.factors.map(([f, m]) => `${keyUpToSign(termsOf(f, c.vars))} ^${m}`).sort();
      const want = c.factors.map(([f, m]) => `${keyUpToSign(fixtureTerms(f))} ^${m}`).sort();
      expect(got).toEqual(want);
      const cont = r.content.exact!;
      expect(absRat(cont.q === 1 ? String(cont.p) : `${cont.p}/${cont.q}`)).toBe(absRat(c.content));
    });
  }
});

describe('apart matches SymPy (the same canonical expression: hash-consed, so identical)', () => {
  it('has partial-fraction fixtures', () => {
    expect(data.apart.length).toBeGreaterThanOrEqual(20);
  });
  for (const c of data.apart) {
    it(c.name, () => {
      expect(apart(parse(c.input))).toBe(parse(c.apart));
    });
  }
});
