// Dense recursive multivariate polynomials over Z (SymPy's `dmp_*` representation): a
// polynomial in u+1 variables x0 > x1 > ... > xu is a list of coefficients (polynomials in
// x1..xu), leading first. Level 0 is a `Dup` (BigInt array). The zero polynomial is `[]` at
// every level, and the leading coefficient of a non-zero polynomial is never zero.
// Recursion here is on the number of variables (small), never on the input size.

import {
  type Dup,
  dupAdd,
  dupDiff,
  dupDiv,
  dupEval,
  dupGcd,
  dupMaxNorm,
  dupMul,
  dupMulGround,
  dupNeg,
  dupPrem,
  dupQuoGround,
  dupShift,
  dupStrip,
  dupSub,
  dupTrunc,
} from './dup.js';
import { babs, bgcd, isqrt } from './zz.js';

export type Dmp = unknown[];

const L = (f: Dmp): Dmp[] => f as Dmp[];
const D = (f: Dmp): Dup => f as Dup;

export function dmpStrip(f: Dmp, u: number): Dmp {
  if (u === 0) return dupStrip(D(f));
  let i = 0;
  while (i < f.length && (f[i] as Dmp).length === 0) i++;
  return i === 0 ? f : f.slice(i);
}

export function dmpIsZero(f: Dmp): boolean {
  return f.length === 0;
}

/** The constant polynomial `c` at level u. */
export function dmpGround(c: bigint, u: number): Dmp {
  if (c === 0n) return [];
  let r: Dmp = [c];
  for (let i = 0; i < u; i++) r = [r];
  return r;
}

export function dmpOne(u: number): Dmp {
  return dmpGround(1n, u);
}

export function dmpDegree(f: Dmp): number {
  return f.length - 1;
}

/** Degree in variable `j` (0 = outermost); -1 for zero. */
export function dmpDegreeIn(f: Dmp, j: number, u: number): number {
  if (f.length === 0) return -1;
  if (j === 0) return f.length - 1;
  let m = -1;
  for (const c of L(f)) m = Math.max(m, dmpDegreeIn(c, j - 1, u - 1));
  return m;
}

/** Degrees in every variable. */
export function dmpDegrees(f: Dmp, u: number): number[] {
  const out: number[] = [];
  for (let j = 0; j <= u; j++) out.push(dmpDegreeIn(f, j, u));
  return out;
}

/** The leading coefficient in x0 (level u-1). */
export function dmpLC(f: Dmp): Dmp {
  return (f[0] as Dmp | undefined) ?? [];
}

/** The integer leading coefficient (lexicographic). */
export function dmpGroundLC(f: Dmp, u: number): bigint {
  while (u > 0) {
    if (f.length === 0) return 0n;
    f = f[0] as Dmp;
    u--;
  }
  return f.length ? (f[0] as bigint) : 0n;
}

export function dmpAdd(f: Dmp, g: Dmp, u: number): Dmp {
  if (u === 0) return dupAdd(D(f), D(g));
  if (f.length === 0) return g;
  if (g.length === 0) return f;
  const [a, b] = f.length >= g.length ? [f, g] : [g, f];
  const k = a.length - b.length;
  const r = a.slice();
  for (let i = 0; i < b.length; i++) r[i + k] = dmpAdd(r[i + k] as Dmp, b[i] as Dmp, u - 1);
  return k === 0 ? dmpStrip(r, u) : r;
}

export function dmpNeg(f: Dmp, u: number): Dmp {
  if (u === 0) return dupNeg(D(f));
  return L(f).map((c) => dmpNeg(c, u - 1));
}

export function dmpSub(f: Dmp, g: Dmp, u: number): Dmp {
  if (u === 0) return dupSub(D(f), D(g));
  return dmpAdd(f, dmpNeg(g, u), u);
}

export function dmpMulGround(f: Dmp, c: bigint, u: number): Dmp {
  if (c === 0n) return [];
  if (c === 1n) return f;
  if (u === 0) return dupMulGround(D(f), c);
  return L(f).map((x) => dmpMulGround(x, c, u - 1));
}

/** Exact division of every integer coefficient by `c`. */
export function dmpQuoGround(f: Dmp, c: bigint, u: number): Dmp {
  if (c === 1n) return f;
  if (u === 0) return dupQuoGround(D(f), c);
  return L(f).map((x) => dmpQuoGround(x, c, u - 1));
}

export function dmpMul(f: Dmp, g: Dmp, u: number): Dmp {
  if (u === 0) return dupMul(D(f), D(g));
  if (f.length === 0 || g.length === 0) return [];
  const r: Dmp[] = new Array<Dmp>(f.length + g.length - 1).fill([]);
  for (let i = 0; i < f.length; i++) {
    const a = f[i] as Dmp;
    if (a.length === 0) continue;
    for (let j = 0; j < g.length; j++) {
      const b = g[j] as Dmp;
      if (b.length === 0) continue;
      r[i + j] = dmpAdd(r[i + j] as Dmp, dmpMul(a, b, u - 1), u - 1);
    }
  }
  return dmpStrip(r, u);
}

export function dmpPow(f: Dmp, n: number, u: number): Dmp {
  let r = dmpOne(u);
  let b = f;
  while (n > 0) {
    if (n & 1) r = dmpMul(r, b, u);
    n >>= 1;
    if (n) b = dmpMul(b, b, u);
  }
  return r;
}

/** Derivative in x0. */
export function dmpDiff(f: Dmp, u: number): Dmp {
  if (u === 0) return dupDiff(D(f));
  const n = f.length - 1;
  const r: Dmp[] = [];
  for (let i = 0; i < n; i++) r.push(dmpMulGround(f[i] as Dmp, BigInt(n - i), u - 1));
  return dmpStrip(r, u);
}

/** `f(a, x1, ...)`: evaluate x0 at an integer (level u-1 result). */
export function dmpEval(f: Dmp, a: bigint, u: number): Dmp {
  if (u === 0) {
    const v = dupEval(D(f), a);
    return v === 0n ? [] : [v];
  }
  let r: Dmp = [];
  for (const c of L(f)) r = dmpAdd(dmpMulGround(r, a, u - 1), c, u - 1);
  return r;
}

/** Evaluate variable `j` at `a` (result has one variable fewer). */
export function dmpEvalIn(f: Dmp, j: number, a: bigint, u: number): Dmp {
  if (j === 0) return dmpEval(f, a, u);
  return dmpStrip(
    L(f).map((c) => dmpEvalIn(c, j - 1, a, u - 1)),
    u - 1,
  );
}

/** `max |coeff|`. */
export function dmpMaxNorm(f: Dmp, u: number): bigint {
  if (u === 0) return dupMaxNorm(D(f));
  let m = 0n;
  for (const c of L(f)) {
    const x = dmpMaxNorm(c, u - 1);
    if (x > m) m = x;
  }
  return m;
}

/** `sum coeff^2`. */
export function dmpSumSquares(f: Dmp, u: number): bigint {
  if (u === 0) {
    let s = 0n;
    for (const c of D(f)) s += c * c;
    return s;
  }
  let s = 0n;
  for (const c of L(f)) s += dmpSumSquares(c, u - 1);
  return s;
}

/** gcd of all integer coefficients (>= 0). */
export function dmpGroundContent(f: Dmp, u: number): bigint {
  if (u === 0) {
    let g = 0n;
    for (const c of D(f)) {
      g = bgcd(g, c);
      if (g === 1n) break;
    }
    return g;
  }
  let g = 0n;
  for (const c of L(f)) {
    g = bgcd(g, dmpGroundContent(c, u - 1));
    if (g === 1n) break;
  }
  return g;
}

export function dmpGroundPrimitive(f: Dmp, u: number): [bigint, Dmp] {
  const c = dmpGroundContent(f, u);
  if (c === 0n) return [0n, []];
  return [c, dmpQuoGround(f, c, u)];
}

/** Coefficients reduced symmetrically modulo `m`. */
export function dmpGroundTrunc(f: Dmp, m: bigint, u: number): Dmp {
  if (u === 0) return dupTrunc(D(f), m);
  return dmpStrip(
    L(f).map((c) => dmpGroundTrunc(c, m, u - 1)),
    u,
  );
}

/**
 * Division over Z[x1..xu][x0]: stops when the leading coefficient of the remainder is not
 * divisible (`r == []` iff `g | f`).
 */
export function dmpDiv(f: Dmp, g: Dmp, u: number): [Dmp, Dmp] {
  if (u === 0) return dupDiv(D(f), D(g));
  const dg = g.length - 1;
  if (dg < 0) throw new RangeError('polynomial division by zero');
  const lcg = g[0] as Dmp;
  let r = f;
  let dr = r.length - 1;
  if (dr < dg) return [[], f];
  const q: Dmp[] = new Array<Dmp>(dr - dg + 1).fill([]);
  const qn = q.length;
  while (r.length && dr >= dg) {
    const [c, rr] = dmpDiv(r[0] as Dmp, lcg, u - 1);
    if (rr.length) break;
    const j = dr - dg;
    q[qn - 1 - j] = c;
    // r -= c * x^j * g
    const h = r.slice();
    for (let i = 0; i <= dg; i++) h[i] = dmpSub(h[i] as Dmp, dmpMul(c, g[i] as Dmp, u - 1), u - 1);
    r = dmpStrip(h, u);
    const nd = r.length - 1;
    if (nd >= dr) throw new RangeError('polynomial division failed to reduce the degree');
    dr = nd;
  }
  return [dmpStrip(q, u), r];
}

/** Exact quotient or null. */
export function dmpExquo(f: Dmp, g: Dmp, u: number): Dmp | null {
  const [q, r] = dmpDiv(f, g, u);
  return r.length === 0 ? q : null;
}

/** Pseudo-remainder in x0. */
export function dmpPrem(f: Dmp, g: Dmp, u: number): Dmp {
  if (u === 0) return dupPrem(D(f), D(g));
  const dg = g.length - 1;
  let dr = f.length - 1;
  if (dr < dg) return f;
  let N = dr - dg + 1;
  const lcg = g[0] as Dmp;
  let r = f;
  while (r.length && dr >= dg) {
    const lr = r[0] as Dmp;
    const h = L(r).map((c) => dmpMul(c, lcg, u - 1));
    for (let i = 0; i <= dg; i++) h[i] = dmpSub(h[i] as Dmp, dmpMul(lr, g[i] as Dmp, u - 1), u - 1);
    r = dmpStrip(h, u);
    dr = r.length - 1;
    N--;
  }
  if (N > 0) {
    const m = dmpPow(lcg, N, u - 1);
    r = L(r).map((c) => dmpMul(c, m, u - 1));
  }
  return r;
}

/** Content in x0: gcd of the coefficients (level u-1), positive ground leading coefficient. */
export function dmpContent(f: Dmp, u: number): Dmp {
  if (u === 0) {
    const c = dmpGroundContent(f, 0);
    return c === 0n ? [] : [c];
  }
  let g: Dmp = [];
  for (const c of L(f)) {
    g = dmpGcd(g, c, u - 1)[0];
    if (g.length && dmpIsGroundOne(g, u - 1)) break;
  }
  return g;
}

function dmpIsGroundOne(f: Dmp, u: number): boolean {
  while (u > 0) {
    if (f.length !== 1) return false;
    f = f[0] as Dmp;
    u--;
  }
  return f.length === 1 && f[0] === 1n;
}

/** True when `f` does not depend on any variable. */
export function dmpIsGround(f: Dmp, u: number): boolean {
  while (u > 0) {
    if (f.length > 1) return false;
    if (f.length === 0) return true;
    f = f[0] as Dmp;
    u--;
  }
  return f.length <= 1;
}

/** `[content, primitive part]` in x0. */
export function dmpPrimitive(f: Dmp, u: number): [Dmp, Dmp] {
  const c = dmpContent(f, u);
  if (c.length === 0) return [[], []];
  if (dmpIsGroundOne(c, u - 1)) return [c, f];
  return [c, L(f).map((x) => dmpExquo(x, c, u - 1) as Dmp)];
}

function trivial(f: Dmp, g: Dmp, u: number): [Dmp, Dmp, Dmp] | null {
  const one = dmpOne(u);
  if (f.length === 0 && g.length === 0) return [[], [], []];
  if (f.length === 0) return dmpGroundLC(g, u) < 0n ? [dmpNeg(g, u), [], dmpNeg(one, u)] : [g, [], one];
  if (g.length === 0) return dmpGroundLC(f, u) < 0n ? [dmpNeg(f, u), dmpNeg(one, u), []] : [f, one, []];
  return null;
}

function interpolateMulti(h: Dmp, x: bigint, v: number): Dmp {
  const f: Dmp[] = [];
  let guard = 0;
  while (h.length) {
    if (++guard > 100000) throw new RangeError('gcd interpolation did not terminate');
    const g = dmpGroundTrunc(h, x, v);
    f.push(g);
    h = dmpQuoGround(dmpSub(h, g, v), x, v);
  }
  f.reverse();
  const r = dmpStrip(f, v + 1);
  return dmpGroundLC(r, v + 1) < 0n ? dmpNeg(r, v + 1) : r;
}

/** Primitive-PRS gcd (always correct, slow): the fallback of the heuristic gcd. */
function dmpPrsGcd(f: Dmp, g: Dmp, u: number): Dmp {
  const [cf, pf] = dmpPrimitive(f, u);
  const [cg, pg] = dmpPrimitive(g, u);
  const c = dmpGcd(cf, cg, u - 1)[0];
  let a = pf, b = pg;
  if (a.length < b.length) [a, b] = [b, a];
  let guard = 0;
  while (b.length) {
    if (++guard > 100000) throw new RangeError('gcd did not terminate');
    const r = dmpPrem(a, b, u);
    a = b;
    b = r.length ? dmpPrimitive(r, u)[1] : [];
  }
  const h = dmpStrip(
    L(dmpPrimitive(a, u)[1]).map((x) => dmpMul(x, c, u - 1)),
    u,
  );
  return dmpGroundLC(h, u) < 0n ? dmpNeg(h, u) : h;
}

/**
 * `[h, f/h, g/h]`, `h = gcd(f, g)` with positive ground leading coefficient.
 * Note: heuristic GCD (SymPy `dmp_zz_heu_gcd`) with a primitive-PRS fallback.
 */
export function dmpGcd(f: Dmp, g: Dmp, u: number): [Dmp, Dmp, Dmp] {
  if (u === 0) return dupGcd(D(f), D(g));
  const t = trivial(f, g, u);
  if (t) return t;
  const cf = dmpGroundContent(f, u), cg = dmpGroundContent(g, u);
  const gc = bgcd(cf, cg);
  const F = dmpQuoGround(f, gc, u), G = dmpQuoGround(g, gc, u);
  if (dmpIsGround(F, u) || dmpIsGround(G, u)) {
    return [dmpGround(gc, u), F, G];
  }
  const fn = dmpMaxNorm(F, u), gn = dmpMaxNorm(G, u);
  const B = 2n * (fn < gn ? fn : gn) + 29n;
  const s99 = 99n * isqrt(B);
  let x = B < s99 ? B : s99;
  const a1 = fn / babs(dmpGroundLC(F, u)), a2 = gn / babs(dmpGroundLC(G, u));
  const alt = 2n * (a1 < a2 ? a1 : a2) + 2n;
  if (alt > x) x = alt;
  const v = u - 1;
  for (let i = 0; i < 6; i++) {
    const ff = dmpEval(F, x, u), gg = dmpEval(G, x, u);
    if (ff.length && gg.length) {
      const [hh, cffh, cfgh] = dmpGcd(ff, gg, v);
      const h = dmpGroundPrimitive(interpolateMulti(hh, x, v), u)[1];
      if (h.length) {
        const q1 = dmpExquo(F, h, u);
        if (q1) {
          const q2 = dmpExquo(G, h, u);
          if (q2) return [dmpMulGround(h, gc, u), q1, q2];
        }
      }
      const cff = interpolateMulti(cffh, x, v);
      if (cff.length) {
        const h2 = dmpExquo(F, cff, u);
        if (h2) {
          const q2 = dmpExquo(G, h2, u);
          if (q2) return [dmpMulGround(h2, gc, u), cff, q2];
        }
      }
      const cfg = interpolateMulti(cfgh, x, v);
      if (cfg.length) {
        const h3 = dmpExquo(G, cfg, u);
        if (h3) {
          const q1 = dmpExquo(F, h3, u);
          if (q1) return [dmpMulGround(h3, gc, u), q1, cfg];
        }
      }
    }
    x = (73794n * x * isqrt(isqrt(x))) / 27011n;
  }
  const h = dmpPrsGcd(f, g, u);
  return [h, dmpExquo(f, h, u) as Dmp, dmpExquo(g, h, u) as Dmp];
}

/**
 * Square-free decomposition in x0 of a polynomial primitive in x0 (Yun):
 * `[[a_i, i], ...]` with `f = sign * prod a_i^i`.
 */
export function dmpSqfList(f: Dmp, u: number): [Dmp, number][] {
  if (dmpGroundLC(f, u) < 0n) f = dmpNeg(f, u);
  const out: [Dmp, number][] = [];
  if (f.length <= 1) return out;
  const h = dmpDiff(f, u);
  let [g, p, q] = dmpGcd(f, h, u);
  let i = 1;
  for (;;) {
    const d = dmpSub(q, dmpDiff(p, u), u);
    if (d.length === 0) {
      if (p.length > 1) out.push([p, i]);
      break;
    }
    [g, p, q] = dmpGcd(p, d, u);
    if (g.length > 1) out.push([g, i]);
    i++;
    if (i > f.length + 1) throw new RangeError('square-free decomposition did not terminate');
  }
  return out;
}

/** `f(x0, x1 + a1, ..., xu + au)`: Taylor shift of the inner variables. */
export function dmpShiftInner(f: Dmp, a: readonly bigint[], u: number): Dmp {
  if (u === 0) return f;
  return dmpStrip(
    L(f).map((c) => dmpShift(c, a, u - 1)),
    u,
  );
}

/** `f(x0 + a0, x1 + a1, ...)`. */
export function dmpShift(f: Dmp, a: readonly bigint[], u: number): Dmp {
  const a0 = a[0] as bigint;
  if (u === 0) return dupShift(D(f), a0);
  let g: Dmp[] = L(f).slice();
  if (a0 !== 0n) {
    const n = g.length - 1;
    for (let i = n; i > 0; i--)
      for (let j = 0; j < i; j++) g[j + 1] = dmpAdd(g[j + 1] as Dmp, dmpMulGround(g[j] as Dmp, a0, u - 1), u - 1);
  }
  g = g.map((c) => dmpShift(c, a.slice(1), u - 1));
  return dmpStrip(g, u);
}

/** All terms: `[exponents (x0..xu), coefficient]`. */
export function dmpTerms(f: Dmp, u: number): [number[], bigint][] {
  const out: [number[], bigint][] = [];
  const walk = (g: Dmp, v: number, prefix: number[]): void => {
    const n = g.length - 1;
    for (let i = 0; i <= n; i++) {
      if (v === 0) {
        const c = g[i] as bigint;
        if (c !== 0n) out.push([[...prefix, n - i], c]);
      } else {
        const c = g[i] as Dmp;
        if (c.length) walk(c, v - 1, [...prefix, n - i]);
      }
    }
  };
  walk(f, u, []);
  return out;
}

/** Build from terms `[exponents (x0..xu), coefficient]` (duplicates are added). */
export function dmpFromTerms(terms: readonly (readonly [readonly number[], bigint])[], u: number): Dmp {
  const build = (ts: readonly (readonly [readonly number[], bigint])[], v: number, k: number): Dmp => {
    let deg = -1;
    for (const [e] of ts) deg = Math.max(deg, e[k] as number);
    if (deg < 0) return [];
    if (v === 0) {
      const r = new Array<bigint>(deg + 1).fill(0n);
      for (const [e, c] of ts) r[deg - (e[k] as number)] = (r[deg - (e[k] as number)] as bigint) + c;
      return dupStrip(r);
    }
    const groups: (readonly [readonly number[], bigint])[][] = [];
    for (let i = 0; i <= deg; i++) groups.push([]);
    for (const t of ts) (groups[deg - (t[0][k] as number)] as (readonly [readonly number[], bigint])[]).push(t);
    return dmpStrip(
      groups.map((gs) => (gs.length ? build(gs, v - 1, k + 1) : [])),
      v,
    );
  };
  return build(terms, u, 0);
}

