// Dense univariate polynomials over Z: BigInt coefficient arrays, leading coefficient first
// (SymPy's `dup_*` convention). The zero polynomial is `[]`; results are always stripped.
// Note: algorithms follow SymPy `polys/densearith.py`, `euclidtools.py`, `sqfreetools.py`.

import { babs, bgcd, isqrt } from './zz.js';

export type Dup = bigint[];

/** Remove leading zeros. */
export function dupStrip(f: Dup): Dup {
  let i = 0;
  while (i < f.length && f[i] === 0n) i++;
  return i === 0 ? f : f.slice(i);
}

/** Degree (`-1` for the zero polynomial). */
export function dupDegree(f: Dup): number {
  return f.length - 1;
}

/** Leading coefficient (`0` for zero). */
export function dupLC(f: Dup): bigint {
  return f.length ? (f[0] as bigint) : 0n;
}

/** Trailing (constant) coefficient. */
export function dupTC(f: Dup): bigint {
  return f.length ? (f[f.length - 1] as bigint) : 0n;
}

export function dupAdd(f: Dup, g: Dup): Dup {
  const df = f.length, dg = g.length;
  if (df === 0) return g;
  if (dg === 0) return f;
  if (df === dg) {
    const r = new Array<bigint>(df);
    for (let i = 0; i < df; i++) r[i] = (f[i] as bigint) + (g[i] as bigint);
    return dupStrip(r);
  }
  const [a, b] = df > dg ? [f, g] : [g, f];
  const k = a.length - b.length;
  const r = a.slice();
  for (let i = 0; i < b.length; i++) r[i + k] = (r[i + k] as bigint) + (b[i] as bigint);
  return r;
}

export function dupNeg(f: Dup): Dup {
  return f.map((c) => -c);
}

export function dupSub(f: Dup, g: Dup): Dup {
  return dupAdd(f, dupNeg(g));
}

export function dupMulGround(f: Dup, c: bigint): Dup {
  if (c === 0n) return [];
  if (c === 1n) return f;
  return f.map((a) => a * c);
}

/** Exact division of every coefficient by `c`. */
export function dupQuoGround(f: Dup, c: bigint): Dup {
  if (c === 1n) return f;
  return f.map((a) => a / c);
}

export function dupMul(f: Dup, g: Dup): Dup {
  const df = f.length, dg = g.length;
  if (df === 0 || dg === 0) return [];
  if (f === g) return dupSqr(f);
  const r = new Array<bigint>(df + dg - 1).fill(0n);
  for (let i = 0; i < df; i++) {
    const a = f[i] as bigint;
    if (a === 0n) continue;
    for (let j = 0; j < dg; j++) r[i + j] = (r[i + j] as bigint) + a * (g[j] as bigint);
  }
  return r;
}

export function dupSqr(f: Dup): Dup {
  const n = f.length;
  if (n === 0) return [];
  const r = new Array<bigint>(2 * n - 1).fill(0n);
  for (let i = 0; i < n; i++) {
    const a = f[i] as bigint;
    if (a === 0n) continue;
    r[2 * i] = (r[2 * i] as bigint) + a * a;
    const a2 = a + a;
    for (let j = i + 1; j < n; j++) r[i + j] = (r[i + j] as bigint) + a2 * (f[j] as bigint);
  }
  return r;
}

export function dupPow(f: Dup, n: number): Dup {
  let r: Dup = [1n];
  let b = f;
  while (n > 0) {
    if (n & 1) r = dupMul(r, b);
    n >>= 1;
    if (n) b = dupSqr(b);
  }
  return r;
}

/** Derivative. */
export function dupDiff(f: Dup): Dup {
  const n = f.length - 1;
  if (n <= 0) return [];
  const r = new Array<bigint>(n);
  for (let i = 0; i < n; i++) r[i] = (f[i] as bigint) * BigInt(n - i);
  return dupStrip(r);
}

/** `f(a)` by Horner. */
export function dupEval(f: Dup, a: bigint): bigint {
  let r = 0n;
  for (const c of f) r = r * a + c;
  return r;
}

/** `max |coeff|`. */
export function dupMaxNorm(f: Dup): bigint {
  let m = 0n;
  for (const c of f) {
    const a = babs(c);
    if (a > m) m = a;
  }
  return m;
}

/** `sum |coeff|`. */
export function dupL1Norm(f: Dup): bigint {
  let m = 0n;
  for (const c of f) m += babs(c);
  return m;
}

/** `sqrt(sum coeff^2)` rounded up. */
export function dupL2NormUp(f: Dup): bigint {
  let s = 0n;
  for (const c of f) s += c * c;
  return isqrt(s) + 1n;
}

/** Content: gcd of coefficients, sign of the leading coefficient. */
export function dupContent(f: Dup): bigint {
  let g = 0n;
  for (const c of f) {
    g = bgcd(g, c);
    if (g === 1n) break;
  }
  return g;
}

/** `[content, primitive part]` with positive content. */
export function dupPrimitive(f: Dup): [bigint, Dup] {
  if (f.length === 0) return [0n, []];
  const c = dupContent(f);
  return [c, c === 1n ? f : dupQuoGround(f, c)];
}

/** Coefficients reduced symmetrically modulo `m`. */
export function dupTrunc(f: Dup, m: bigint): Dup {
  const half = m >> 1n;
  const r = new Array<bigint>(f.length);
  for (let i = 0; i < f.length; i++) {
    let v = (f[i] as bigint) % m;
    if (v < 0n) v += m;
    if (v > half) v -= m;
    r[i] = v;
  }
  return dupStrip(r);
}

/**
 * Division over Z: `[q, r]` where the loop stops as soon as the leading coefficient of the
 * remainder is not divisible by `lc(g)` (so `r == []` iff `g | f` exactly).
 */
export function dupDiv(f: Dup, g: Dup): [Dup, Dup] {
  const dg = g.length - 1;
  if (dg < 0) throw new RangeError('polynomial division by zero');
  const lcg = g[0] as bigint;
  let df = f.length - 1;
  if (df < dg) return [[], f];
  const r = f.slice();
  const q = new Array<bigint>(df - dg + 1).fill(0n);
  let start = 0;
  while (df >= dg) {
    const lr = r[start] as bigint;
    if (lr !== 0n) {
      if (lr % lcg !== 0n) break;
      const c = lr / lcg;
      q[q.length - 1 - (df - dg)] = c;
      for (let j = 0; j <= dg; j++) r[start + j] = (r[start + j] as bigint) - c * (g[j] as bigint);
    }
    start++;
    df--;
  }
  return [dupStrip(q), dupStrip(r.slice(start))];
}

/** Exact quotient `f / g` or `null` when `g` does not divide `f`. */
export function dupExquo(f: Dup, g: Dup): Dup | null {
  const [q, r] = dupDiv(f, g);
  return r.length === 0 ? q : null;
}

/** Pseudo-remainder `prem(f, g)`: `lc(g)^(df-dg+1) f = q g + r`. */
export function dupPrem(f: Dup, g: Dup): Dup {
  const dg = g.length - 1;
  let df = f.length - 1;
  if (df < dg) return f;
  let N = df - dg + 1;
  const lcg = g[0] as bigint;
  let r = f.slice();
  while (df >= dg && r.length) {
    const lr = r[0] as bigint;
    const j = df - dg;
    // r = lc(g) * r - lr * x^j * g
    const nr = r.map((c) => c * lcg);
    for (let i = 0; i <= dg; i++) nr[i] = (nr[i] as bigint) - lr * (g[i] as bigint);
    void j;
    r = dupStrip(nr);
    N--;
    df = r.length - 1;
  }
  return dupMulGround(r, lcg ** BigInt(N));
}

/** `f(x + a)` (Taylor shift). */
export function dupShift(f: Dup, a: bigint): Dup {
  const g = f.slice();
  const n = g.length - 1;
  if (a === 0n) return g;
  for (let i = n; i > 0; i--) for (let j = 0; j < i; j++) g[j + 1] = (g[j + 1] as bigint) + a * (g[j] as bigint);
  return g;
}

/** `f(g(x))` (Horner). */
export function dupCompose(f: Dup, g: Dup): Dup {
  let r: Dup = [];
  for (const c of f) r = dupAdd(dupMul(r, g), c === 0n ? [] : [c]);
  return r;
}

function interpolateInt(h: bigint, x: bigint): Dup {
  const f: bigint[] = [];
  const half = x >> 1n;
  while (h !== 0n) {
    let g = h % x;
    if (g < 0n) g += x;
    if (g > half) g -= x;
    f.push(g);
    h = (h - g) / x;
  }
  f.reverse();
  return f.length && (f[0] as bigint) < 0n ? dupNeg(f) : f;
}

/** Primitive-PRS gcd (slow, always correct): used when the heuristic gcd gives up. */
function dupPrsGcd(f: Dup, g: Dup): Dup {
  const cf = dupContent(f), cg = dupContent(g);
  let a = dupPrimitive(f)[1], b = dupPrimitive(g)[1];
  if (a.length < b.length) [a, b] = [b, a];
  let guard = 0;
  while (b.length) {
    if (++guard > 100000) throw new RangeError('gcd did not terminate');
    const r = dupPrem(a, b);
    a = b;
    b = r.length ? dupPrimitive(r)[1] : [];
  }
  let h = dupMulGround(a, bgcd(cf, cg));
  if (h.length && (h[0] as bigint) < 0n) h = dupNeg(h);
  return h;
}

/**
 * `[h, f/h, g/h]` with `h = gcd(f, g)` (positive leading coefficient).
 * Note: the heuristic GCD of Char, Geddes and Gonnet, as in SymPy `dup_zz_heu_gcd`, with a
 * primitive-PRS fallback.
 */
export function dupGcd(f: Dup, g: Dup): [Dup, Dup, Dup] {
  if (f.length === 0 && g.length === 0) return [[], [], []];
  if (f.length === 0) {
    const s = (g[0] as bigint) < 0n;
    return [s ? dupNeg(g) : g, [], [s ? -1n : 1n]];
  }
  if (g.length === 0) {
    const s = (f[0] as bigint) < 0n;
    return [s ? dupNeg(f) : f, [s ? -1n : 1n], []];
  }
  const cf = dupContent(f), cg = dupContent(g);
  const gc = bgcd(cf, cg);
  if (f.length === 1 || g.length === 1) {
    return [[gc], dupQuoGround(f, gc), dupQuoGround(g, gc)];
  }
  const F = dupQuoGround(f, gc), G = dupQuoGround(g, gc);
  const fn = dupMaxNorm(F), gn = dupMaxNorm(G);
  const B = 2n * (fn < gn ? fn : gn) + 29n;
  const s99 = 99n * isqrt(B);
  let x = B < s99 ? B : s99;
  const alt = 2n * minB(fn / babs(F[0] as bigint), gn / babs(G[0] as bigint)) + 2n;
  if (alt > x) x = alt;
  for (let i = 0; i < 6; i++) {
    const ff = dupEval(F, x), gg = dupEval(G, x);
    if (ff !== 0n && gg !== 0n) {
      const hh = bgcd(ff, gg);
      let h = dupPrimitive(interpolateInt(hh, x))[1];
      let cff = dupExquo(F, h);
      if (cff) {
        const cfg = dupExquo(G, h);
        if (cfg) return [dupMulGround(h, gc), cff, cfg];
      }
      const cffI = interpolateInt(ff / hh, x);
      if (cffI.length) {
        const h2 = dupExquo(F, cffI);
        if (h2) {
          const cfg = dupExquo(G, h2);
          if (cfg) return [dupMulGround(h2, gc), cffI, cfg];
        }
      }
      const cfgI = interpolateInt(gg / hh, x);
      if (cfgI.length) {
        h = dupExquo(G, cfgI) ?? [];
        if (h.length) {
          cff = dupExquo(F, h);
          if (cff) return [dupMulGround(h, gc), cff, cfgI];
        }
      }
    }
    x = (73794n * x * isqrt(isqrt(x))) / 27011n;
  }
  const h = dupPrsGcd(f, g);
  return [h, dupExquo(f, h) as Dup, dupExquo(g, h) as Dup];
}

function minB(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/**
 * Square-free decomposition (Yun): `[content, [[a_i, i], ...]]` with `f = content * prod a_i^i`,
 * each `a_i` primitive, square-free, pairwise coprime, positive leading coefficient.
 */
export function dupSqfList(f: Dup): [bigint, [Dup, number][]] {
  let [c, p] = dupPrimitive(f);
  if (p.length && (p[0] as bigint) < 0n) {
    c = -c;
    p = dupNeg(p);
  }
  if (p.length <= 1) return [p.length ? c * (p[0] as bigint) : 0n, []];
  const out: [Dup, number][] = [];
  const h = dupDiff(p);
  let [g, pb, q] = dupGcd(p, h);
  let i = 1;
  for (;;) {
    const d = dupSub(q, dupDiff(pb));
    if (d.length === 0) {
      if (pb.length > 1) out.push([pb, i]);
      break;
    }
    [g, pb, q] = dupGcd(pb, d);
    if (g.length > 1) out.push([g, i]);
    i++;
    if (i > p.length + 1) throw new RangeError('square-free decomposition did not terminate');
  }
  return [c, out];
}
