// Sparse multivariate polynomials over Q: integer (BigInt) numerators with one common
// denominator. Exponent vectors may be shorter than the number of variables (missing
// trailing exponents are 0). Multiplication packs exponent vectors into one number (a
// mixed-radix key, so adding keys multiplies monomials) and accumulates in JS numbers
// whenever every partial sum provably stays below 2^53, BigInt otherwise.

import { type Dmp, dmpFromTerms, dmpTerms } from './dmp.js';
import { babs, bgcd } from './zz.js';

/** A sparse polynomial over Q: `sum coefs[i] * x^exps[i] / den`, `den > 0`. */
export interface SPoly {
  readonly exps: readonly (readonly number[])[];
  readonly coefs: readonly bigint[];
  readonly den: bigint;
}

export const SP_ZERO: SPoly = { exps: [], coefs: [], den: 1n };

function trimKey(e: readonly number[]): string {
  let n = e.length;
  while (n > 0 && e[n - 1] === 0) n--;
  let s = '';
  for (let i = 0; i < n; i++) s += (i ? ',' : '') + e[i];
  return s;
}

/** The constant `num / den`. */
export function spConst(num: bigint, den = 1n): SPoly {
  if (num === 0n) return SP_ZERO;
  return spNormalize({ exps: [[]], coefs: [num], den });
}

/** The variable with index `i`. */
export function spGen(i: number): SPoly {
  const e = new Array<number>(i + 1).fill(0);
  e[i] = 1;
  return { exps: [e], coefs: [1n], den: 1n };
}

export function spIsZero(a: SPoly): boolean {
  return a.coefs.length === 0;
}

/** Constant polynomial: `[num, den]`, else null. */
export function spAsConst(a: SPoly): [bigint, bigint] | null {
  if (a.coefs.length === 0) return [0n, 1n];
  if (a.coefs.length === 1 && (a.exps[0] as readonly number[]).every((x) => x === 0)) return [a.coefs[0] as bigint, a.den];
  return null;
}

/** Reduce the common denominator against the content. */
export function spNormalize(a: SPoly): SPoly {
  let den = a.den;
  let coefs = a.coefs;
  if (den < 0n) {
    den = -den;
    coefs = coefs.map((c) => -c);
  }
  if (den === 1n) return coefs === a.coefs ? a : { exps: a.exps, coefs, den };
  let g = den;
  for (const c of coefs) {
    g = bgcd(g, c);
    if (g === 1n) break;
  }
  if (g !== 1n) {
    coefs = coefs.map((c) => c / g);
    den /= g;
  }
  return { exps: a.exps, coefs, den };
}

export function spNeg(a: SPoly): SPoly {
  return { exps: a.exps, coefs: a.coefs.map((c) => -c), den: a.den };
}

/** Multiply by the rational `num / den`. */
export function spScale(a: SPoly, num: bigint, den = 1n): SPoly {
  if (num === 0n) return SP_ZERO;
  if (num === den) return a;
  return spNormalize({ exps: a.exps, coefs: a.coefs.map((c) => c * num), den: a.den * den });
}

/** a + b: the two-term case of {@link spSum}. */
export function spAdd(a: SPoly, b: SPoly): SPoly {
  return spSum([a, b]);
}

export function spSub(a: SPoly, b: SPoly): SPoly {
  return spAdd(a, spNeg(b));
}

/** Sum of many polynomials (one pass over one hash map). */
export function spSum(list: readonly SPoly[]): SPoly {
  const nz = list.filter((p) => p.coefs.length > 0);
  if (nz.length === 0) return SP_ZERO;
  if (nz.length === 1) return nz[0] as SPoly;
  let den = 1n;
  for (const p of nz) den = (den / bgcd(den, p.den)) * p.den;
  const map = new Map<string, number>();
  const exps: (readonly number[])[] = [];
  const coefs: bigint[] = [];
  for (const p of nz) {
    const m = den / p.den;
    for (let i = 0; i < p.coefs.length; i++) {
      const e = p.exps[i] as readonly number[];
      const c = m === 1n ? (p.coefs[i] as bigint) : (p.coefs[i] as bigint) * m;
      const k = trimKey(e);
      const j = map.get(k);
      if (j === undefined) {
        map.set(k, exps.length);
        exps.push(e);
        coefs.push(c);
      } else coefs[j] = (coefs[j] as bigint) + c;
    }
  }
  const oe: (readonly number[])[] = [];
  const oc: bigint[] = [];
  for (let i = 0; i < coefs.length; i++) {
    if (coefs[i] !== 0n) {
      oe.push(exps[i] as readonly number[]);
      oc.push(coefs[i] as bigint);
    }
  }
  return spNormalize({ exps: oe, coefs: oc, den });
}

/** Number of variables used (longest exponent vector). */
export function spNvars(a: SPoly): number {
  let n = 0;
  for (const e of a.exps) if (e.length > n) n = e.length;
  return n;
}

/** Maximum exponent of every variable. */
export function spMaxDegs(a: SPoly, nv: number): number[] {
  const d = new Array<number>(nv).fill(0);
  for (const e of a.exps) for (let i = 0; i < e.length; i++) if ((e[i] as number) > (d[i] as number)) d[i] = e[i] as number;
  return d;
}

const TWO53 = 9007199254740992;

function isConstTerm(e: readonly number[]): boolean {
  for (let i = 0; i < e.length; i++) if (e[i] !== 0) return false;
  return true;
}

export function spMul(a: SPoly, b: SPoly): SPoly {
  const na = a.coefs.length, nb = b.coefs.length;
  if (na === 0 || nb === 0) return SP_ZERO;
  if (na === 1 && nb === 1) {
    // monomial * monomial
    const ea = a.exps[0] as readonly number[], eb = b.exps[0] as readonly number[];
    const n = Math.max(ea.length, eb.length);
    const e = new Array<number>(n);
    for (let i = 0; i < n; i++) e[i] = (ea[i] ?? 0) + (eb[i] ?? 0);
    return spNormalize({ exps: [e], coefs: [(a.coefs[0] as bigint) * (b.coefs[0] as bigint)], den: a.den * b.den });
  }
  if (na === 1 && isConstTerm(a.exps[0] as readonly number[])) return spScale(b, a.coefs[0] as bigint, a.den);
  if (nb === 1 && isConstTerm(b.exps[0] as readonly number[])) return spScale(a, b.coefs[0] as bigint, b.den);
  const nv = Math.max(spNvars(a), spNvars(b));
  const da = spMaxDegs(a, nv), db = spMaxDegs(b, nv);
  const radix: number[] = [];
  let total = 1;
  for (let i = 0; i < nv; i++) {
    radix.push(total);
    total *= (da[i] as number) + (db[i] as number) + 1;
  }
  const den = a.den * b.den;
  if (total >= TWO53) return spMulGeneric(a, b, den);
  const pack = (e: readonly number[]): number => {
    let k = 0;
    for (let i = 0; i < e.length; i++) k += (e[i] as number) * (radix[i] as number);
    return k;
  };
  const ka = a.exps.map(pack), kb = b.exps.map(pack);
  let maxA = 0, maxB = 0;
  for (const c of a.coefs) maxA = Math.max(maxA, Math.abs(Number(c)));
  for (const c of b.coefs) maxB = Math.max(maxB, Math.abs(Number(c)));
  const useNum = maxA * maxB * Math.min(na, nb) < TWO53 / 2;
  const dense = total <= Math.max(1 << 16, 4 * na * nb);
  const unpack = (k: number): number[] => unpackKey(k, radix, nv);
  const exps: number[][] = [];
  const coefs: bigint[] = [];
  if (useNum) {
    const ca = a.coefs.map(Number), cb = b.coefs.map(Number);
    if (dense) {
      const acc = new Float64Array(total);
      const used = new Uint8Array(total);
      for (let i = 0; i < na; i++) {
        const x = ca[i] as number, k0 = ka[i] as number;
        for (let j = 0; j < nb; j++) {
          const k = k0 + (kb[j] as number);
          acc[k] = (acc[k] as number) + x * (cb[j] as number);
          used[k] = 1;
        }
      }
      for (let k = 0; k < total; k++) {
        if (used[k] && acc[k] !== 0) {
          exps.push(unpack(k));
          coefs.push(BigInt(acc[k] as number));
        }
      }
    } else {
      const m = new Map<number, number>();
      for (let i = 0; i < na; i++) {
        const x = ca[i] as number, k0 = ka[i] as number;
        for (let j = 0; j < nb; j++) {
          const k = k0 + (kb[j] as number);
          m.set(k, (m.get(k) ?? 0) + x * (cb[j] as number));
        }
      }
      for (const [k, v] of m) {
        if (v !== 0) {
          exps.push(unpack(k));
          coefs.push(BigInt(v));
        }
      }
    }
  } else if (dense) {
    const acc = new Array<bigint | undefined>(total);
    for (let i = 0; i < na; i++) {
      const x = a.coefs[i] as bigint, k0 = ka[i] as number;
      for (let j = 0; j < nb; j++) {
        const k = k0 + (kb[j] as number);
        const p = x * (b.coefs[j] as bigint);
        const o = acc[k];
        acc[k] = o === undefined ? p : o + p;
      }
    }
    for (let k = 0; k < total; k++) {
      const v = acc[k];
      if (v !== undefined && v !== 0n) {
        exps.push(unpack(k));
        coefs.push(v);
      }
    }
  } else {
    const m = new Map<number, bigint>();
    for (let i = 0; i < na; i++) {
      const x = a.coefs[i] as bigint, k0 = ka[i] as number;
      for (let j = 0; j < nb; j++) {
        const k = k0 + (kb[j] as number);
        const p = x * (b.coefs[j] as bigint);
        const o = m.get(k);
        m.set(k, o === undefined ? p : o + p);
      }
    }
    for (const [k, v] of m) {
      if (v !== 0n) {
        exps.push(unpack(k));
        coefs.push(v);
      }
    }
  }
  return spNormalize({ exps, coefs, den });
}

function spMulGeneric(a: SPoly, b: SPoly, den: bigint): SPoly {
  const m = new Map<string, [number[], bigint]>();
  for (let i = 0; i < a.coefs.length; i++) {
    const ea = a.exps[i] as readonly number[];
    for (let j = 0; j < b.coefs.length; j++) {
      const eb = b.exps[j] as readonly number[];
      const n = Math.max(ea.length, eb.length);
      const e: number[] = [];
      for (let t = 0; t < n; t++) e.push((ea[t] ?? 0) + (eb[t] ?? 0));
      const k = trimKey(e);
      const p = (a.coefs[i] as bigint) * (b.coefs[j] as bigint);
      const o = m.get(k);
      if (o) o[1] += p;
      else m.set(k, [e, p]);
    }
  }
  const exps: number[][] = [];
  const coefs: bigint[] = [];
  for (const [e, c] of m.values()) {
    if (c !== 0n) {
      exps.push(e);
      coefs.push(c);
    }
  }
  return spNormalize({ exps, coefs, den });
}

/** `a^n` for an integer `n >= 0`. */
export function spPow(a: SPoly, n: number): SPoly {
  if (n === 0) return spConst(1n);
  if (n === 1) return a;
  if (a.coefs.length === 0) return SP_ZERO;
  if (a.coefs.length === 1) {
    const e = (a.exps[0] as readonly number[]).map((x) => x * n);
    return spNormalize({ exps: [e], coefs: [(a.coefs[0] as bigint) ** BigInt(n)], den: a.den ** BigInt(n) });
  }
  if (a.coefs.length <= 8) return spMultinomial(a, n);
  let r: SPoly | null = null;
  let b = a;
  let k = n;
  while (k > 0) {
    if (k & 1) r = r ? spMul(r, b) : b;
    k >>= 1;
    if (k) b = spMul(b, b);
  }
  return r as SPoly;
}

/**
 * `a^n` by the multinomial theorem: one pass over the compositions `k_1 + ... + k_t = n`,
 * coefficient `n!/(k_1!...k_t!) * prod c_i^k_i`, exponents packed into one number key.
 */
function spMultinomial(a: SPoly, n: number): SPoly {
  const t = a.coefs.length;
  const nv = spNvars(a);
  const deg = spMaxDegs(a, nv);
  const radix: number[] = [];
  let total = 1;
  for (let i = 0; i < nv; i++) {
    radix.push(total);
    total *= n * (deg[i] as number) + 1;
  }
  if (total >= TWO53) {
    let r = a;
    for (let i = 1; i < n; i++) r = spMul(r, a);
    return r;
  }
  const keys = a.exps.map((e) => {
    let k = 0;
    for (let i = 0; i < e.length; i++) k += (e[i] as number) * (radix[i] as number);
    return k;
  });
  const fact: bigint[] = [1n];
  for (let i = 1; i <= n; i++) fact.push((fact[i - 1] as bigint) * BigInt(i));
  const pows: bigint[][] = a.coefs.map((c) => {
    const row: bigint[] = [1n];
    for (let i = 1; i <= n; i++) row.push((row[i - 1] as bigint) * c);
    return row;
  });
  const acc = new Map<number, bigint>();
  const fn = fact[n] as bigint;
  // Iterative enumeration of compositions (k_0..k_{t-1}), last part implied.
  const ks = new Array<number>(t).fill(0);
  ks[t - 1] = n;
  for (;;) {
    let key = 0;
    let denom = 1n;
    let prod = 1n;
    for (let i = 0; i < t; i++) {
      const k = ks[i] as number;
      if (k === 0) continue;
      key += k * (keys[i] as number);
      denom *= fact[k] as bigint;
      prod *= (pows[i] as bigint[])[k] as bigint;
    }
    const c = (fn / denom) * prod;
    const o = acc.get(key);
    acc.set(key, o === undefined ? c : o + c);
    // next composition: move one unit from the last part leftwards (odometer on parts 0..t-2)
    let i = t - 2;
    while (i >= 0) {
      if ((ks[t - 1] as number) > 0) {
        ks[i] = (ks[i] as number) + 1;
        ks[t - 1] = (ks[t - 1] as number) - 1;
        break;
      }
      // reset part i, give its units back to the last part, carry to i-1
      ks[t - 1] = (ks[t - 1] as number) + (ks[i] as number);
      ks[i] = 0;
      i--;
    }
    if (i < 0) break;
  }
  const exps: number[][] = [];
  const coefs: bigint[] = [];
  for (const [k0, c] of acc) {
    if (c === 0n) continue;
    exps.push(unpackKey(k0, radix, nv));
    coefs.push(c);
  }
  return spNormalize({ exps, coefs, den: a.den ** BigInt(n) });
}

/** Total degree. */
export function spTotalDegree(a: SPoly): number {
  let m = -1;
  for (const e of a.exps) {
    let s = 0;
    for (const x of e) s += x;
    if (s > m) m = s;
  }
  return m;
}

/** `max |coefficient numerator|`. */
export function spMaxCoef(a: SPoly): bigint {
  let m = 0n;
  for (const c of a.coefs) {
    const x = babs(c);
    if (x > m) m = x;
  }
  return m;
}

/**
 * Dense recursive integer form over the variables `order` (`order[0]` is the main variable):
 * `[dmp, den]` with `a = dmp / den`. Variables outside `order` must not occur.
 */
export function spToDmp(a: SPoly, order: readonly number[]): [Dmp, bigint] {
  const terms: [number[], bigint][] = [];
  for (let i = 0; i < a.coefs.length; i++) {
    const e = a.exps[i] as readonly number[];
    terms.push([order.map((v) => e[v] ?? 0), a.coefs[i] as bigint]);
  }
  return [dmpFromTerms(terms, order.length - 1), a.den];
}

/** Inverse of {@link spToDmp}. */
export function spFromDmp(f: Dmp, order: readonly number[], den = 1n): SPoly {
  const nv = order.length ? Math.max(...order) + 1 : 0;
  const exps: number[][] = [];
  const coefs: bigint[] = [];
  for (const [e, c] of dmpTerms(f, order.length - 1)) {
    const x = new Array<number>(nv).fill(0);
    for (let i = 0; i < order.length; i++) x[order[i] as number] = e[i] as number;
    exps.push(x);
    coefs.push(c);
  }
  return spNormalize({ exps, coefs, den });
}

/** Indices of the variables that occur. */
export function spVarsUsed(a: SPoly): number[] {
  const s = new Set<number>();
  for (const e of a.exps) for (let i = 0; i < e.length; i++) if (e[i] !== 0) s.add(i);
  return [...s].sort((x, y) => x - y);
}

/** The exponent vector packed into the mixed-radix integer `k` (radix[i]: place value of variable i). */
function unpackKey(k: number, radix: readonly number[], nv: number): number[] {
  const e = new Array<number>(nv);
  for (let i = nv - 1; i >= 0; i--) {
    const r = radix[i] as number;
    const q = Math.floor(k / r);
    e[i] = q;
    k -= q * r;
  }
  return e;
}
