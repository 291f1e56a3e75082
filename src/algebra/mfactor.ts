// Multivariate factorization over Z.
//
// Driver: integer content, content in the main variable (factored recursively with one
// variable fewer), square-free decomposition (Yun, multivariate gcd), then each square-free
// primitive part by evaluation and lifting:
//   1. pick integer values `a` for the other variables keeping the degree in x and the
//      image square-free; factor the image `Q(x, a)` over Z (Zassenhaus);
//   2. shift `y -> y + a` and lift the monic image factors to power series in all other
//      variables at once (y-adic Hensel lifting, ideal (y1..yk), one total degree at a
//      time), modulo a prime larger than twice a coefficient bound (Gelfond–Mahler), with
//      the true leading coefficient `lc_x(Q)` kept as a separate factor;
//   3. recombine subsets (Zassenhaus): `lc_x(Q) * prod G_i` truncated past the degree bound
//      is `(lc Q / lc h) * h` for a true factor `h`; its primitive part is tried by exact
//      division.
// Note: the same scheme as Kaltofen's / von zur Gathen–Gerhard's (Modern Computer Algebra,
// §15–16) bivariate Zassenhaus algorithm, generalized to several variables.

import { type Dup, dupDiff, dupGcd } from './dup.js';
import { dupFactorList } from './factor-uni.js';
import {
  type Dmp,
  dmpContent,
  dmpDegrees,
  dmpExquo,
  dmpFromTerms,
  dmpGroundLC,
  dmpGroundPrimitive,
  dmpIsGround,
  dmpLC,
  dmpMul,
  dmpNeg,
  dmpPrimitive,
  dmpShiftInner,
  dmpSqfList,
  dmpStrip,
  dmpSumSquares,
  dmpTerms,
} from './dmp.js';
import { FluxionError } from '../core/errors.js';
import { bmodinv, isqrt, makeRng, nextPrime, symmod } from './zz.js';

// ---------------------------------------------------------------------------------------
// Univariate arithmetic modulo a (big) prime P: BigInt arrays, leading coefficient first.

function pStrip(f: bigint[]): bigint[] {
  let i = 0;
  while (i < f.length && f[i] === 0n) i++;
  return i === 0 ? f : f.slice(i);
}

function pRed(f: bigint[], P: bigint): bigint[] {
  return pStrip(
    f.map((c) => {
      const r = c % P;
      return r < 0n ? r + P : r;
    }),
  );
}

function pAdd(f: bigint[], g: bigint[], P: bigint): bigint[] {
  if (!f.length) return g;
  if (!g.length) return f;
  const [a, b] = f.length >= g.length ? [f, g] : [g, f];
  const k = a.length - b.length;
  const r = a.slice();
  for (let i = 0; i < b.length; i++) {
    let v = (r[i + k] as bigint) + (b[i] as bigint);
    if (v >= P) v -= P;
    r[i + k] = v;
  }
  return pStrip(r);
}

function pSub(f: bigint[], g: bigint[], P: bigint): bigint[] {
  return pAdd(
    f,
    g.map((c) => (c === 0n ? 0n : P - c)),
    P,
  );
}

function pMul(f: bigint[], g: bigint[], P: bigint): bigint[] {
  if (!f.length || !g.length) return [];
  const r = new Array<bigint>(f.length + g.length - 1).fill(0n);
  for (let i = 0; i < f.length; i++) {
    const a = f[i] as bigint;
    if (a === 0n) continue;
    for (let j = 0; j < g.length; j++) r[i + j] = (r[i + j] as bigint) + a * (g[j] as bigint);
  }
  return pRed(r, P);
}

function pScale(f: bigint[], c: bigint, P: bigint): bigint[] {
  return pRed(
    f.map((x) => x * c),
    P,
  );
}

function pDivmod(f: bigint[], g: bigint[], P: bigint): [bigint[], bigint[]] {
  const dg = g.length - 1;
  const df = f.length - 1;
  if (df < dg) return [[], f];
  const inv = bmodinv(g[0] as bigint, P);
  const r = f.slice();
  const nq = df - dg + 1;
  for (let i = 0; i < nq; i++) {
    const c = ((r[i] as bigint) * inv) % P;
    r[i] = c;
    if (c === 0n) continue;
    for (let j = 1; j <= dg; j++) r[i + j] = ((r[i + j] as bigint) - c * (g[j] as bigint)) % P;
  }
  return [pRed(r.slice(0, nq), P), pRed(r.slice(nq), P)];
}

/** `s` with `s f = 1 (mod g, P)`, or null when not coprime. */
function pInvMod(f: bigint[], g: bigint[], P: bigint): bigint[] | null {
  let r0 = g, r1 = pDivmod(f, g, P)[1];
  let s0: bigint[] = [], s1: bigint[] = [1n];
  while (r1.length) {
    const [q, r] = pDivmod(r0, r1, P);
    [r0, r1] = [r1, r];
    [s0, s1] = [s1, pSub(s0, pMul(q, s1, P), P)];
  }
  if (r0.length !== 1) return null;
  return pScale(s0, bmodinv(r0[0] as bigint, P), P);
}

// ---------------------------------------------------------------------------------------
// Truncated multivariate power series with coefficients in (Z/P)[x].

type Series = Map<number, bigint[]>;

interface Monos {
  base: number;
  k: number;
  exps: Map<number, number[]>;
  deg: Map<number, number>;
  byDeg: number[][];
}

function makeMonos(k: number, N: number): Monos {
  // C(N + k, k) monomials of total degree <= N in k variables.
  let count = 1;
  for (let i = 1; i <= k; i++) count = (count * (N + i)) / i;
  if (count > 2_000_000) {
    throw new FluxionError(
      `factor: multivariate Hensel lifting would track about ${Math.round(count).toLocaleString('en-US')} monomials (${k} variables up to total degree ${N}); refusing. Factor with fewer variables or lower degree.`,
    );
  }
  const base = N + 1;
  const exps = new Map<number, number[]>();
  const deg = new Map<number, number>();
  const byDeg: number[][] = [];
  for (let d = 0; d <= N; d++) byDeg.push([]);
  const e = new Array<number>(k).fill(0);
  const rec = (j: number, left: number, total: number): void => {
    if (j === k) {
      let key = 0;
      let m = 1;
      for (let t = 0; t < k; t++) {
        key += (e[t] as number) * m;
        m *= base;
      }
      exps.set(key, e.slice());
      deg.set(key, total);
      (byDeg[total] as number[]).push(key);
      return;
    }
    for (let v = 0; v <= left; v++) {
      e[j] = v;
      rec(j + 1, left - v, total + v);
    }
    e[j] = 0;
  };
  rec(0, N, 0);
  return { base, k, exps, deg, byDeg };
}

function leq(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] as number) > (b[i] as number)) return false;
  return true;
}

function seriesMul(A: Series, B: Series, N: number, M: Monos, P: bigint): Series {
  const out: Series = new Map();
  for (const [ka, pa] of A) {
    const da = M.deg.get(ka) as number;
    for (const [kb, pb] of B) {
      if (da + (M.deg.get(kb) as number) > N) continue;
      const k = ka + kb;
      const prod = pMul(pa, pb, P);
      const old = out.get(k);
      out.set(k, old ? pAdd(old, prod, P) : prod);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------

function evalGround(f: Dmp, a: readonly bigint[], v: number, off: number): bigint {
  const x = a[off] as bigint;
  let r = 0n;
  if (v === 0) {
    for (const c of f as bigint[]) r = r * x + c;
    return r;
  }
  for (const c of f as Dmp[]) r = r * x + evalGround(c, a, v - 1, off + 1);
  return r;
}

/**
 * Irreducible factors of `Q` in Z[x0..xu], `u >= 1`, primitive in x0, square-free, with
 * `deg_x0 Q >= 1` and a positive ground leading coefficient.
 */
function factorSqfPrimitive(Q: Dmp, u: number): Dmp[] {
  const n = Q.length - 1;
  if (n <= 1) return [Q];
  const k = u;
  const lcQ = dmpLC(Q);
  const rng = makeRng(0xfac7 + n * 31 + k);
  // 1. evaluation points
  let best: { a: bigint[]; L0: bigint; hs: Dup[] } | null = null;
  let good = 0;
  for (let attempt = 0; attempt < 400 && good < 3; attempt++) {
    const R = 1 + Math.floor(attempt / 4);
    const a: bigint[] = [];
    for (let j = 0; j < k; j++) a.push(attempt === 0 ? 0n : BigInt(Math.floor(rng() * (2 * R + 1)) - R));
    const L0 = evalGround(lcQ, a, u - 1, 0);
    if (L0 === 0n) continue;
    const f0 = (Q as Dmp[]).map((c) => evalGround(c, a, u - 1, 0));
    if (dupGcd(f0, dupDiff(f0))[0].length > 1) continue;
    const [, fl] = dupFactorList(f0);
    const hs = fl.map(([h]) => h);
    if (hs.length === 1) return [Q];
    good++;
    if (!best || hs.length < best.hs.length) best = { a, L0, hs };
  }
  if (!best) {
    throw new FluxionError(
      'factor: no integer evaluation point (400 tried) keeps this multivariate polynomial square-free with its degree; cannot factor it.',
    );
  }
  const { a, L0, hs } = best;
  const r = hs.length;
  // 2. shift and set up the series
  const Qs = dmpShiftInner(Q, a, u);
  const terms = dmpTerms(Qs, u);
  let N0 = 0, NL = 0;
  for (const [e] of terms) {
    let t = 0;
    for (let j = 1; j <= k; j++) t += e[j] as number;
    if (t > N0) N0 = t;
    if (e[0] === n && t > NL) NL = t;
  }
  const N = N0 + NL;
  const M = makeMonos(k, N);
  const keyOf = (e: readonly number[]): number => {
    let key = 0, m = 1;
    for (let j = 1; j <= k; j++) {
      key += (e[j] as number) * m;
      m *= M.base;
    }
    return key;
  };
  const LQ = dmpMul([dmpLC(Qs)], Qs, u);
  const degs = dmpDegrees(LQ, u);
  let Dsum = 0;
  for (const d of degs) Dsum += d;
  const bound = (1n << BigInt(Dsum)) * (isqrt(dmpSumSquares(LQ, u)) + 1n);
  let P = nextPrime(2n * bound + 1n);
  let gs: bigint[][] = [];
  let ss: bigint[][] = [];
  for (let tries = 0; ; tries++) {
    if (tries > 50) throw new FluxionError('factor: no prime found for which the univariate image factors stay coprime (50 tried); cannot factor this polynomial.');
    gs = hs.map((h) => pScale(h, bmodinv(h[0] as bigint, P), P));
    ss = [];
    let ok = L0 % P !== 0n;
    for (let i = 0; ok && i < r; i++) {
      let prod: bigint[] = [1n];
      for (let j = 0; j < r; j++) if (j !== i) prod = pDivmod(pMul(prod, gs[j] as bigint[], P), gs[i] as bigint[], P)[1];
      const s = pInvMod(prod, gs[i] as bigint[], P);
      if (!s) ok = false;
      else ss.push(s);
    }
    if (ok) break;
    P = nextPrime(P + 2n);
  }
  const Qser: Series = new Map();
  const Lser: Series = new Map();
  const toSeries = (ts: [number[], bigint][], target: Series, onlyLc: boolean): void => {
    for (const [e, c] of ts) {
      if (onlyLc && e[0] !== n) continue;
      const key = keyOf(e);
      const poly = target.get(key) ?? [];
      const deg = onlyLc ? 0 : (e[0] as number);
      const add = new Array<bigint>(deg + 1).fill(0n);
      add[0] = ((c % P) + P) % P;
      target.set(key, pAdd(poly, pStrip(add), P));
    }
  };
  toSeries(terms, Qser, false);
  toSeries(terms, Lser, true);
  const G: Series[] = gs.map((g) => new Map([[0, g]]));
  const W: Series[] = [Lser];
  const L0P = ((L0 % P) + P) % P;
  const invL0 = bmodinv(L0P, P);
  for (let j = 1; j <= r; j++) {
    W.push(new Map([[0, pMul((W[j - 1] as Series).get(0) as bigint[], gs[j - 1] as bigint[], P)]]));
  }
  // Lifting, one total degree at a time.
  for (let d = 1; d <= N; d++) {
    for (const m of M.byDeg[d] as number[]) {
      const em = M.exps.get(m) as number[];
      for (let j = 1; j <= r; j++) {
        const Wp = W[j - 1] as Series;
        const Gj = G[j - 1] as Series;
        let acc: bigint[] = [];
        for (const [k1, p1] of Wp) {
          const e1 = M.exps.get(k1) as number[];
          if (!leq(e1, em)) continue;
          const p2 = Gj.get(m - k1);
          if (p2) acc = pAdd(acc, pMul(p1, p2, P), P);
        }
        if (acc.length) (W[j] as Series).set(m, acc);
      }
      const e = pSub(Qser.get(m) ?? [], (W[r] as Series).get(m) ?? [], P);
      if (!e.length) continue;
      const deltas: bigint[][] = [];
      for (let j = 0; j < r; j++) {
        const t = pScale(pMul(ss[j] as bigint[], e, P), invL0, P);
        const dj = pDivmod(t, gs[j] as bigint[], P)[1];
        deltas.push(dj);
        if (dj.length) (G[j] as Series).set(m, dj);
      }
      let delta: bigint[] = [];
      for (let j = 1; j <= r; j++) {
        delta = pAdd(pMul(delta, gs[j - 1] as bigint[], P), pMul((W[j - 1] as Series).get(0) as bigint[], deltas[j - 1] as bigint[], P), P);
        if (delta.length) {
          const Wj = W[j] as Series;
          const cur = pAdd(Wj.get(m) ?? [], delta, P);
          if (cur.length) Wj.set(m, cur);
          else Wj.delete(m);
        }
      }
    }
  }
  // 3. recombination
  const fromSeries = (S: Series): Dmp => {
    const ts: [number[], bigint][] = [];
    for (const [key, poly] of S) {
      const ey = M.exps.get(key) as number[];
      const dx = poly.length - 1;
      for (let i = 0; i <= dx; i++) {
        const c = symmod(poly[i] as bigint, P);
        if (c !== 0n) ts.push([[dx - i, ...ey], c]);
      }
    }
    return dmpFromTerms(ts, u);
  };
  const lcSeries = (F: Dmp): Series => {
    const out: Series = new Map();
    for (const [e, c] of dmpTerms(dmpLC(F), u - 1)) {
      const key = keyOf([0, ...e]);
      out.set(key, [((c % P) + P) % P]);
    }
    return out;
  };
  let T: number[] = [];
  for (let i = 0; i < r; i++) T.push(i);
  const found: Dmp[] = [];
  let Qcur = Qs;
  let Lcur = Lser;
  let s = 1;
  let guard = 0;
  while (2 * s <= T.length) {
    const idx: number[] = [];
    for (let i = 0; i < s; i++) idx.push(i);
    let hit = false;
    for (;;) {
      if (++guard > 200000) {
        throw new FluxionError(`factor: recombining ${r} lifted factors needs more than 200000 trial divisions; this multivariate polynomial is beyond the evaluation-and-lifting method.`);
      }
      let H: Series = Lcur;
      for (const i of idx) H = seriesMul(H, G[T[i] as number] as Series, N, M, P);
      let Hd = fromSeries(H);
      if (Hd.length > 1) {
        Hd = dmpGroundPrimitive(dmpPrimitive(Hd, u)[1], u)[1];
        if (dmpGroundLC(Hd, u) < 0n) Hd = dmpNeg(Hd, u);
        const q = dmpExquo(Qcur, Hd, u);
        if (q) {
          found.push(Hd);
          Qcur = q;
          Lcur = lcSeries(Qcur);
          const S = new Set(idx.map((i) => T[i] as number));
          T = T.filter((i) => !S.has(i));
          hit = true;
          break;
        }
      }
      let p = s - 1;
      while (p >= 0 && (idx[p] as number) === T.length - s + p) p--;
      if (p < 0) break;
      idx[p] = (idx[p] as number) + 1;
      for (let j = p + 1; j < s; j++) idx[j] = (idx[j - 1] as number) + 1;
    }
    if (!hit) s++;
  }
  if (Qcur.length > 1) found.push(Qcur);
  const neg = a.map((x) => -x);
  return found.map((h) => {
    let g = dmpShiftInner(h, neg, u);
    if (dmpGroundLC(g, u) < 0n) g = dmpNeg(g, u);
    return g;
  });
}

/**
 * Complete factorization over Z of a polynomial in u+1 variables:
 * `[c, [[f_i, e_i], ...]]`, `f = c * prod f_i^e_i`, each `f_i` irreducible with a positive
 * leading integer coefficient.
 */
export function dmpFactorList(f: Dmp, u: number): [bigint, [Dmp, number][]] {
  if (u === 0) return dupFactorList(f as Dup) as [bigint, [Dmp, number][]];
  if (f.length === 0) return [0n, []];
  let [cont, F] = dmpGroundPrimitive(f, u);
  if (dmpGroundLC(F, u) < 0n) {
    cont = -cont;
    F = dmpNeg(F, u);
  }
  const out: [Dmp, number][] = [];
  if (F.length === 1) {
    const [c2, fl] = dmpFactorList(F[0] as Dmp, u - 1);
    for (const [g, e] of fl) out.push([[g], e]);
    return [cont * c2, out];
  }
  const C = dmpContent(F, u);
  if (!dmpIsGround(C, u - 1)) {
    const [c2, fl] = dmpFactorList(C, u - 1);
    cont *= c2;
    for (const [g, e] of fl) out.push([[g], e]);
    F = dmpStrip(
      (F as Dmp[]).map((c) => dmpExquo(c, C, u - 1) as Dmp),
      u,
    );
  }
  for (const [g, e] of dmpSqfList(F, u)) {
    for (const h of factorSqfPrimitive(g, u)) out.push([h, e]);
  }
  // Normalize signs: every factor with a positive ground leading coefficient.
  for (const item of out) {
    if (dmpGroundLC(item[0], u) < 0n) {
      item[0] = dmpNeg(item[0], u);
      if (item[1] % 2 === 1) cont = -cont;
    }
  }
  return [cont, out];
}

