/**
 * apart: partial fraction decomposition of a univariate rational function over Q.
 */
import { FluxionError, FluxionTypeError, describeValue } from '../core/errors.js';
import { addN, mulN, powB } from '../symbolic/canon.js';
import { Expr, mkExact, toExpr, type ExprLike } from '../symbolic/expr.js';
import { normInt, rat } from '../symbolic/rational.js';
import { cancel } from './api.js';
import { Gens, spToExpr, toRatFunc } from './convert.js';
import { type Dup, dupContent, dupStrip } from './dup.js';
import { dupFactorList } from './factor-uni.js';
import { type SPoly, spFromDmp, spToDmp } from './spoly.js';
import { bgcd } from './zz.js';

// Univariate polynomials over Q: integer coefficients (leading first) over one denominator.
interface Q {
  c: Dup;
  d: bigint;
}

function qn(c: Dup, d: bigint): Q {
  c = dupStrip(c);
  if (d < 0n) {
    d = -d;
    c = c.map((x) => -x);
  }
  if (c.length === 0) return { c, d: 1n };
  const g = bgcd(dupContent(c), d);
  return g === 1n ? { c, d } : { c: c.map((x) => x / g), d: d / g };
}

function qAdd(a: Q, b: Q): Q {
  const n = Math.max(a.c.length, b.c.length);
  const r = new Array<bigint>(n).fill(0n);
  for (let i = 0; i < a.c.length; i++) r[n - a.c.length + i] = (r[n - a.c.length + i] as bigint) + (a.c[i] as bigint) * b.d;
  for (let i = 0; i < b.c.length; i++) r[n - b.c.length + i] = (r[n - b.c.length + i] as bigint) + (b.c[i] as bigint) * a.d;
  return qn(r, a.d * b.d);
}

function qNeg(a: Q): Q {
  return { c: a.c.map((x) => -x), d: a.d };
}

function qMul(a: Q, b: Q): Q {
  if (!a.c.length || !b.c.length) return { c: [], d: 1n };
  const r = new Array<bigint>(a.c.length + b.c.length - 1).fill(0n);
  for (let i = 0; i < a.c.length; i++) for (let j = 0; j < b.c.length; j++) r[i + j] = (r[i + j] as bigint) + (a.c[i] as bigint) * (b.c[j] as bigint);
  return qn(r, a.d * b.d);
}

/** `[q, r]` with `a = q b + r`, `deg r < deg b` (exact over Q). */
function qDivmod(a: Q, b: Q): [Q, Q] {
  const db = b.c.length - 1;
  if (db < 0) throw new RangeError('division by the zero polynomial');
  let r = a;
  let q: Q = { c: [], d: 1n };
  const lb = b.c[0] as bigint;
  for (let guard = 0; r.c.length - 1 >= db; guard++) {
    if (guard > a.c.length + 1) throw new RangeError('polynomial division did not terminate');
    const k = r.c.length - 1 - db;
    // term t = (lc(r)/r.d) / (lb/b.d) x^k
    const tc = new Array<bigint>(k + 1).fill(0n);
    tc[0] = (r.c[0] as bigint) * b.d;
    const t = qn(tc, r.d * lb);
    q = qAdd(q, t);
    r = qAdd(r, qNeg(qMul(t, b)));
  }
  return [q, r];
}

/** `s` with `s a = 1 (mod m)` over Q. */
function qInvMod(a: Q, m: Q): Q {
  let r0 = m, r1 = qDivmod(a, m)[1];
  let s0: Q = { c: [], d: 1n }, s1: Q = { c: [1n], d: 1n };
  while (r1.c.length) {
    const [q, r] = qDivmod(r0, r1);
    [r0, r1] = [r1, r];
    [s0, s1] = [s1, qAdd(s0, qNeg(qMul(q, s1)))];
  }
  if (r0.c.length !== 1) throw new RangeError('apart: factors are not coprime');
  return qMul(s0, { c: [r0.d], d: r0.c[0] as bigint });
}

function qPow(a: Q, n: number): Q {
  let r: Q = { c: [1n], d: 1n };
  for (let i = 0; i < n; i++) r = qMul(r, a);
  return r;
}

/**
 * Partial fraction decomposition of a rational function of one variable over the rationals:
 * the polynomial part plus `sum_i sum_j B_ij(x) / d_i(x)^j` with `d_i` the irreducible factors
 * of the denominator and `deg B_ij < deg d_i` (SymPy's `apart`).
 *
 * @param e a rational function of one symbol (exact rational coefficients)
 * @param x the variable (default: the only symbol of `e`)
 * @returns the sum of partial fractions
 * @example
 * ```ts
 * import { apart, parse } from 'fluxion';
 * apart(parse('1/(x^2 - 1)')).toString(); // '-1/(2*(x + 1)) + 1/(2*(x - 1))'
 * apart(parse('(x^3 + 1)/(x^2 + x)')).toString(); // 'x - 1 + 1/x'
 * ```
 */
export function apart(e: ExprLike, x?: Expr): Expr {
  const ex = toExpr(e, 'apart');
  if (x !== undefined && (!(x instanceof Expr) || x.kind !== 'symbol')) {
    throw new FluxionTypeError(`apart: the variable must be a symbol, got ${describeValue(x)}.`);
  }
  const gens = new Gens();
  if (x !== undefined) gens.of(x);
  const rf = toRatFunc(cancel(ex), gens);
  if (gens.list.length === 0) return ex;
  if (gens.list.length > 1 || (gens.list[0] as Expr).kind !== 'symbol') {
    throw new FluxionError(
      `apart: only rational functions of one symbol are supported; this one involves ${gens.list.length} generators. Use together/cancel, or substitute values for the other symbols.`,
    );
  }
  const asQ = (p: SPoly): Q => {
    const [f, den] = spToDmp(p, [0]);
    return qn(f as Dup, den);
  };
  const fromQ = (q: Q): Expr => spToExpr(spFromDmp(q.c, [0], q.d), gens.list);
  const N = asQ(rf.num), D = asQ(rf.den);
  const [S, R] = qDivmod(N, D);
  const terms: Expr[] = [fromQ(S)];
  if (R.c.length) {
    const [, fl] = dupFactorList(D.c);
    const parts = fl.map(([f, m]) => [qn(f, 1n), m] as [Q, number]);
    // D = lc * prod d_i^m_i with lc the remaining rational factor
    let prodAll: Q = { c: [1n], d: 1n };
    for (const [f, m] of parts) prodAll = qMul(prodAll, qPow(f, m));
    const scale = qDivmod(D, prodAll)[0]; // a constant
    const Rs = qDivmod(R, scale)[0];
    for (const [d, m] of parts) {
      const Qi = qPow(d, m);
      let Mi: Q = { c: [1n], d: 1n };
      for (const [d2, m2] of parts) if (d2 !== d) Mi = qMul(Mi, qPow(d2, m2));
      // A = R * Mi^-1 mod Qi; then A / d^m = sum_j B_j / d^j by d-adic expansion of A
      let A = qDivmod(qMul(Rs, qInvMod(Mi, Qi)), Qi)[1];
      const dExpr = fromQ(d);
      for (let j = m; j >= 1 && A.c.length; j--) {
        const [q, r] = qDivmod(A, d);
        if (r.c.length) {
          // content outside, like SymPy: -(x + 1)/(4*(x^2 + 1))
          let g = dupContent(r.c);
          if ((r.c[0] as bigint) < 0n) g = -g;
          const prim = fromQ({ c: r.c.map((t) => t / g), d: 1n });
          terms.push(mulN([mkExact(rat(normInt(g), normInt(r.d))), prim, powB(dExpr, mkExact(rat(-j)))]));
        }
        A = q;
      }
    }
  }
  return addN(terms);
}
