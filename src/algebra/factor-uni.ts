// Univariate factorization over Z: square-free decomposition, factorization modulo a small
// prime (Cantor–Zassenhaus), multifactor quadratic Hensel lifting, and Zassenhaus
// recombination with degree-set pruning and cheap trace / constant-term tests.
// Note: follows SymPy `polys/factortools.py` (`dup_zz_hensel_lift`, `dup_zz_zassenhaus`,
// `dup_zz_cyclotomic_factor`), with the d-1 (trace) test of Abbott–Shoup–Zimmermann added.

import {
  type Dup,
  dupAdd,
  dupDegree,
  dupExquo,
  dupL1Norm,
  dupLC,
  dupMaxNorm,
  dupMul,
  dupMulGround,
  dupNeg,
  dupPrimitive,
  dupSqfList,
  dupSub,
  dupTrunc,
  dupL2NormUp,
} from './dup.js';
import { gfDdf, gfEdf, gfFromInt, gfGcdex, gfMonic, gfMul, gfSqfP, gfToInt, type Gf } from './gf.js';
import { FluxionError } from '../core/errors.js';
import { bmodinv, bitLength, makeRng, smallPrimes, symmod } from './zz.js';

/**
 * One quadratic Hensel step: lift `f = g h (mod m)` with `s g + t h = 1 (mod m)` to a modulus
 * `M` dividing `m^2` (`M = m^2` is the classical step; a smaller `M` stops exactly at the
 * precision needed).
 */
/**
 * `[q, r]` with `f = q h + r (mod M)` for a monic `h`: the leading coefficient is reduced
 * before each elimination step, so nothing grows past `n M^2` (exact division over Z by a
 * monic `h` with large coefficients would make the quotient grow exponentially).
 */
function divModMonic(f: Dup, h: Dup, M: bigint): [Dup, Dup] {
  const dh = h.length - 1;
  const df = f.length - 1;
  if (df < dh) return [[], dupTrunc(f, M)];
  const r = f.slice();
  const nq = df - dh + 1;
  const q = new Array<bigint>(nq);
  for (let i = 0; i < nq; i++) {
    const c = (r[i] as bigint) % M;
    q[i] = c;
    if (c === 0n) continue;
    for (let j = 1; j <= dh; j++) r[i + j] = (r[i + j] as bigint) - c * (h[j] as bigint);
  }
  return [dupTrunc(q, M), dupTrunc(r.slice(nq), M)];
}

function henselStep(M: bigint, f: Dup, g: Dup, h: Dup, s: Dup, t: Dup, last: boolean): [Dup, Dup, Dup, Dup] {
  const e = dupTrunc(dupSub(f, dupMul(g, h)), M);
  const [q, r] = divModMonic(dupMul(s, e), h, M);
  const u = dupAdd(dupMul(t, e), dupMul(q, g));
  const G = dupTrunc(dupAdd(g, u), M);
  const H = dupTrunc(dupAdd(h, r), M);
  // After the last step only G and H are used: lifting s and t too would be half its work.
  if (last) return [G, H, s, t];
  const u2 = dupAdd(dupMul(s, G), dupMul(t, H));
  const b = dupTrunc(dupSub(u2, [1n]), M);
  const [c, d] = divModMonic(dupMul(s, b), H, M);
  const u3 = dupAdd(dupMul(t, b), dupMul(c, G));
  const S = dupTrunc(dupSub(s, d), M);
  const T = dupTrunc(dupSub(t, u3), M);
  return [G, H, S, T];
}

/**
 * Lift the monic modular factors `fl` of `f` (mod p) to monic factors mod `p^l`.
 * The split is a balanced binary tree; recursion depth is `log2(#factors)`.
 */
function henselLift(p: number, f: Dup, fl: Gf[], l: number): Dup[] {
  const r = fl.length;
  const P = BigInt(p);
  const pl = P ** BigInt(l);
  const lc = dupLC(f);
  if (r === 1) return [dupTrunc(dupMulGround(f, bmodinv(lc, pl)), pl)];
  const k = r >> 1;
  // Precisions p^e_0 < p^e_1 < ... = p^l with e_{k+1} <= 2 e_k (halving from l).
  const es: number[] = [];
  for (let e = l; e > 1; e = Math.ceil(e / 2)) es.push(e);
  es.reverse();
  let g: Gf = gfFromInt([lc], p);
  for (const fi of fl.slice(0, k)) g = gfMul(g, fi, p);
  let h: Gf = fl[k] as Gf;
  for (const fi of fl.slice(k + 1)) h = gfMul(h, fi, p);
  const [s, t] = gfGcdex(g, h, p);
  let G = gfToInt(g, p), H = gfToInt(h, p), S = gfToInt(s, p), T = gfToInt(t, p);
  es.forEach((e, k) => ([G, H, S, T] = henselStep(P ** BigInt(e), f, G, H, S, T, k === es.length - 1)));
  return [...henselLift(p, G, fl.slice(0, k), l), ...henselLift(p, H, fl.slice(k), l)];
}

/** `x^n - 1` or `x^n + 1`: returns `[n, sign]` else null. */
function binomialForm(f: Dup): [number, number] | null {
  const n = f.length - 1;
  if (n < 2 || f[0] !== 1n) return null;
  const tc = f[n] as bigint;
  if (tc !== 1n && tc !== -1n) return null;
  for (let i = 1; i < n; i++) if (f[i] !== 0n) return null;
  return [n, tc === 1n ? 1 : -1];
}

function moebius(n: number): number {
  let m = 1;
  for (let p = 2; p * p <= n; p++) {
    if (n % p !== 0) continue;
    n /= p;
    if (n % p === 0) return 0;
    m = -m;
  }
  return n > 1 ? -m : m;
}

/**
 * The cyclotomic polynomial `Φ_n = prod_{d | n} (x^d - 1)^μ(n/d)` (leading coefficient first):
 * multiply by the binomials with `μ = 1`, then divide exactly by those with `μ = -1`, each in
 * O(n) coefficient operations.
 */
export function cyclotomic(n: number): Dup {
  // low-to-high coefficients
  let f: bigint[] = [1n];
  const ds = divisors(n);
  for (const d of ds) {
    if (moebius(n / d) !== 1) continue;
    const r = new Array<bigint>(f.length + d).fill(0n);
    for (let i = 0; i < r.length; i++) r[i] = (i >= d ? (f[i - d] as bigint) : 0n) - (i < f.length ? (f[i] as bigint) : 0n);
    f = r;
  }
  for (const d of ds) {
    if (moebius(n / d) !== -1) continue;
    // f = q (x^d - 1)  =>  q[i] = q[i - d] - f[i]
    const q = new Array<bigint>(f.length - d);
    for (let i = 0; i < q.length; i++) q[i] = (i >= d ? (q[i - d] as bigint) : 0n) - (f[i] as bigint);
    f = q;
  }
  return f.reverse();
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

/** Fraction `a / m` in `[0, 1)` as a double, for BigInt `0 <= a < m`. */
function fracOf(a: bigint, m: bigint): number {
  const shift = BigInt(Math.max(0, bitLength(m) - 60));
  return Number(a >> shift) / Number(m >> shift);
}

/** Degrees reachable as subset sums of `degs` (bitset as a Uint8Array of length n+1). */
function subsetSums(degs: number[], n: number): Uint8Array {
  const s = new Uint8Array(n + 1);
  s[0] = 1;
  for (const d of degs) for (let k = n - d; k >= 0; k--) if (s[k]) s[k + d] = 1;
  return s;
}

/** Largest degree factored by Zassenhaus (binomials x^n ± 1 have no limit). */
export const MAX_ZASSENHAUS_DEGREE = 1000;

function recombinationLimit(n: number, r: number): FluxionError {
  return new FluxionError(
    `factor: recombining ${r} modular factors of a degree-${n} polynomial needs more than 50 million subset checks; ` +
      'this input is beyond the Zassenhaus algorithm (a lattice-based method would be needed). Factor a smaller polynomial, or keep it unfactored.',
  );
}

/**
 * Enumerates the subsets of size `s` of `0..n-1` (lexicographic) whose degree sum is allowed
 * and whose trace (sum of fractional second coefficients) is within `ratio` of an integer;
 * calls `test` on each; stops at the first subset it accepts (`true`), or `false` when none
 * is, or `null` past 50 million subsets (the work bound). Numbers only: the hot loop of the
 * recombination.
 */
function scanSubsets(
  s: number,
  degT: Int32Array,
  uT: Float64Array,
  allowed: Uint8Array,
  ratio: number,
  test: (idx: Int32Array) => boolean,
): boolean | null {
  const n = degT.length;
  const idx = new Int32Array(s);
  for (let k = 0; k < s; k++) idx[k] = k;
  const lo = ratio + 1e-9, hi = 1 - ratio - 1e-9;
  // With 2s = n a subset and its complement describe the same split: keep those with 0.
  const half = 2 * s === n;
  // Prefix sums over the chosen positions: the next combination only changes a suffix.
  const degPre = new Int32Array(s + 1);
  const trPre = new Float64Array(s + 1);
  let from = 0;
  let work = 0;
  for (;;) {
    if (++work > 50_000_000) return null;
    if (half && idx[0] !== 0) return false;
    for (let k = from; k < s; k++) {
      const j = idx[k] as number;
      degPre[k + 1] = (degPre[k] as number) + (degT[j] as number);
      trPre[k + 1] = (trPre[k] as number) + (uT[j] as number);
    }
    const deg = degPre[s] as number;
    let tr = trPre[s] as number;
    tr -= Math.floor(tr);
    if (allowed[deg] === 1 && (tr <= lo || tr >= hi) && test(idx)) return true;
    let k = s - 1;
    while (k >= 0 && (idx[k] as number) === n - s + k) k--;
    if (k < 0) return false;
    idx[k] = (idx[k] as number) + 1;
    from = k;
    for (let j = k + 1; j < s; j++) idx[j] = (idx[j - 1] as number) + 1;
  }
}

/**
 * Zassenhaus: irreducible factors of a square-free primitive `f` with `lc(f) > 0`,
 * `deg f >= 1` and `f(0) != 0`.
 */
export function zassenhaus(f: Dup): Dup[] {
  const n = dupDegree(f);
  if (n <= 1) return [f];
  const bin = binomialForm(f);
  if (bin) {
    const [m, sgn] = bin;
    const out: Dup[] = [];
    if (sgn < 0) for (const d of divisors(m)) out.push(cyclotomic(d));
    else for (const d of divisors(2 * m)) if (m % d !== 0) out.push(cyclotomic(d));
    return out;
  }
  if (n > MAX_ZASSENHAUS_DEGREE) {
    throw new FluxionError(
      `factor: a square-free part of degree ${n} is past the limit of ${MAX_ZASSENHAUS_DEGREE} for Zassenhaus factorization (the modular arithmetic is quadratic in the degree); keep it unfactored.`,
    );
  }
  const rng = makeRng(0x5eed + n);
  let b = dupLC(f);
  // Bound on the coefficients of b/lc(h) * h for any factor h of f (Mignotte).
  const B = dupL2NormUp(f) * (1n << BigInt(n)) * b;
  // Try a few primes: keep the one with the fewest factors; intersect the degree sets.
  let allowed = new Uint8Array(n + 1).fill(1);
  let tried = 0;
  // Distinct-degree factorization only, to compare primes; equal-degree splitting runs once,
  // for the chosen prime.
  let best: [number, [Gf, number][], number] | null = null;
  for (const p of smallPrimes()) {
    if (p < 3) continue;
    if (b % BigInt(p) === 0n) continue;
    const F = gfFromInt(f, p);
    if (F.length - 1 !== n || !gfSqfP(F, p)) continue;
    const ddf = gfDdf(gfMonic(F, p), p);
    const degsP: number[] = [];
    for (const [h, d] of ddf) for (let k = 0; k < (h.length - 1) / d; k++) degsP.push(d);
    if (degsP.length === 1) return [f];
    const sums = subsetSums(degsP, n);
    let any = false;
    for (let k = 1; k < n; k++) {
      allowed[k] = allowed[k]! & sums[k]!;
      if (allowed[k]) any = true;
    }
    if (!any) return [f];
    if (!best || degsP.length < best[2]) best = [p, ddf, degsP.length];
    if (++tried >= 3) break;
  }
  if (!best) {
    throw new FluxionError(
      `factor: no prime below 20000 keeps this degree-${n} polynomial square-free (its discriminant has every small prime as a factor); it cannot be factored with small-prime Zassenhaus.`,
    );
  }
  const p = best[0];
  const modular: Gf[] = [];
  for (const [h, d] of best[1]) {
    if (h.length - 1 === d) modular.push(h);
    else modular.push(...gfEdf(h, d, p, rng));
  }
  const P = BigInt(p);
  // p^l > 2 B 2^16: room for a selective trace test.
  let l = 1;
  let pl = P;
  const target = 2n * B * (1n << 16n);
  while (pl <= target) {
    pl *= P;
    l++;
  }
  const g = henselLift(p, f, modular, l);
  const r = g.length;
  const degs = g.map((x) => x.length - 1);
  const tcs = g.map((x) => x[x.length - 1] as bigint);
  const sec = g.map((x) => (x.length > 1 ? (x[1] as bigint) : 0n));
  // Power sums of the roots of each lifted factor: p1 = -a1, p2 = a1^2 - 2 a2. They add up
  // over a subset, and give its x^(d-2) coefficient e2 = (P1^2 - P2) / 2: a second test for
  // subsets whose traces cancel (factors paired as h(x), h(-x), as in Swinnerton-Dyer's).
  const pw1 = g.map((x) => -(x.length > 1 ? (x[1] as bigint) : 0n));
  const pw2 = g.map((x) => {
    const a1 = x.length > 1 ? (x[1] as bigint) : 0n;
    const a2 = x.length > 2 ? (x[2] as bigint) : 0n;
    return a1 * a1 - 2n * a2;
  });
  const inv2 = (pl + 1n) / 2n;
  const ratio = fracOf(B, pl);
  let T: number[] = [];
  for (let i = 0; i < r; i++) T.push(i);
  const factors: Dup[] = [];
  let F = f;
  let s = 1;
  let guard = 0;
  while (2 * s <= T.length) {
    const tl = T.length;
    const bm = ((b % pl) + pl) % pl;
    const fc = F[F.length - 1] as bigint;
    const bfc = b * fc;
    const degT = new Int32Array(tl);
    const uT = new Float64Array(tl);
    for (let j = 0; j < tl; j++) {
      const i = T[j] as number;
      degT[j] = degs[i] as number;
      let v = (bm * (sec[i] as bigint)) % pl;
      if (v < 0n) v += pl;
      uT[j] = fracOf(v, pl);
    }
    const Tnow = T;
    const hit = scanSubsets(s, degT, uT, allowed, ratio, (idx) => {
      if (++guard > 5_000_000) throw recombinationLimit(n, r);
      // x^(d-2) coefficient test (power sums).
      let P1 = 0n, P2 = 0n;
      for (let k = 0; k < s; k++) {
        const i = Tnow[idx[k] as number] as number;
        P1 += pw1[i] as bigint;
        P2 += pw2[i] as bigint;
      }
      const e2 = symmod(((((P1 * P1 - P2) % pl) * inv2) % pl) * bm, pl);
      if (e2 > B || -e2 > B) return false;
      // Constant-term test: b * prod g_i(0) must divide b * f(0).
      let q = bm;
      for (let k = 0; k < s; k++) q = (q * (tcs[Tnow[idx[k] as number] as number] as bigint)) % pl;
      q = symmod(q, pl);
      if (q !== 0n && bfc % q !== 0n) return false;
      const S = new Set<number>();
      for (let k = 0; k < s; k++) S.add(Tnow[idx[k] as number] as number);
      let G: Dup = [b];
      for (const i of S) G = dupTrunc(dupMul(G, g[i] as Dup), pl);
      // A true candidate (b / lc h) * h has every coefficient bounded by B.
      if (dupMaxNorm(G) > B) return false;
      let H: Dup = [b];
      for (const i of Tnow) if (!S.has(i)) H = dupTrunc(dupMul(H, g[i] as Dup), pl);
      let accepted: [Dup, Dup] | null = null;
      if (dupL1Norm(G) * dupL1Norm(H) <= B) {
        accepted = [dupPrimitive(G)[1], dupPrimitive(H)[1]];
      } else {
        const Gp = dupPrimitive(G)[1];
        const Q = dupExquo(F, Gp);
        if (Q) accepted = [Gp, Q];
      }
      if (!accepted) return false;
      factors.push(accepted[0]);
      F = accepted[1];
      b = dupLC(F);
      T = T.filter((i) => !S.has(i));
      return true;
    });
    if (hit === null) throw recombinationLimit(n, r);
    if (!hit) s++;
  }
  factors.push(F);
  return factors;
}

/**
 * Complete factorization over Z: `[c, [[f_i, e_i], ...]]`, `f = c * prod f_i^e_i`, each
 * `f_i` primitive, irreducible, positive leading coefficient.
 */
export function dupFactorList(f: Dup): [bigint, [Dup, number][]] {
  if (f.length === 0) return [0n, []];
  if (f.length === 1) return [f[0] as bigint, []];
  let [c, p] = dupPrimitive(f);
  if ((p[0] as bigint) < 0n) {
    c = -c;
    p = dupNeg(p);
  }
  const out: [Dup, number][] = [];
  let k = 0;
  while ((p[p.length - 1 - k] as bigint) === 0n) k++;
  if (k > 0) {
    out.push([[1n, 0n], k]);
    p = p.slice(0, p.length - k);
  }
  if (p.length > 1) {
    const [c2, sqf] = binomialForm(p) || isSqfByModular(p) ? [1n, [[p, 1]] as [Dup, number][]] : dupSqfList(p);
    c *= c2;
    for (const [g, e] of sqf) for (const h of zassenhaus(g)) out.push([h, e]);
  }
  out.sort((a, b) => a[0].length - b[0].length || cmpDup(a[0], b[0]) || a[1] - b[1]);
  return [c, out];
}

/** Cheap sufficient test: `f` square-free modulo a prime not dividing `lc(f)` implies square-free. */
function isSqfByModular(f: Dup): boolean {
  const lc = dupLC(f);
  let tries = 0;
  for (const p of smallPrimes()) {
    if (p < 3 || lc % BigInt(p) === 0n) continue;
    if (gfSqfP(gfFromInt(f, p), p)) return true;
    if (++tries >= 12) return false;
  }
  return false;
}

function cmpDup(a: Dup, b: Dup): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as bigint, y = b[i] as bigint;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

