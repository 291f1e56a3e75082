/**
 * Exact rational arithmetic for the symbolic engine.
 *
 * A value is `{ p, q }` with `q > 0` and `gcd(p, q) = 1`. Each part is a JS `number` while
 * it is a safe integer and a `bigint` beyond that (never a bigint that would fit a number),
 * so equal values always have identical representations.
 */
import { FluxionError } from '../core/errors.js';

/** An exact integer: a safe-integer `number`, or a `bigint` outside the safe range. */
export type Int = number | bigint;

/** An exact rational `p/q`, reduced, with `q > 0`. */
export interface Rational {
  /** Numerator (any sign). */
  readonly p: Int;
  /** Denominator (positive). */
  readonly q: Int;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const SMALL = 67108864; // 2^26: products of two such numbers are exact in float64

/** Normalizes a bigint to a number when it is a safe integer. */
export function normInt(b: bigint): Int {
  return b <= MAX_SAFE && b >= -MAX_SAFE ? Number(b) : b;
}

/** The bigint value of an exact integer. */
export function big(n: Int): bigint {
  return typeof n === 'bigint' ? n : BigInt(n);
}

/** `gcd(a, b) >= 0` of two bigints (Euclid). */
export function bgcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function ngcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Greatest common divisor of two exact integers (non-negative). */
export function gcdInt(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') return ngcd(a, b);
  return normInt(bgcd(big(a), big(b)));
}

/** Builds the reduced rational `p/q`; throws on a zero denominator. */
export function rat(p: Int, q: Int = 1): Rational {
  if (typeof p === 'number' && typeof q === 'number') {
    if (q === 0) throw divByZero();
    if (q === 1) return { p: p === 0 ? 0 : p, q: 1 };
    const g = ngcd(p, q);
    let pp = p / g;
    let qq = q / g;
    if (qq < 0) {
      pp = -pp;
      qq = -qq;
    }
    return { p: pp === 0 ? 0 : pp, q: qq };
  }
  let bp = big(p);
  let bq = big(q);
  if (bq === 0n) throw divByZero();
  const g = bgcd(bp, bq);
  bp /= g;
  bq /= g;
  if (bq < 0n) {
    bp = -bp;
    bq = -bq;
  }
  return { p: normInt(bp), q: normInt(bq) };
}

/** The error for an exact division by zero. */
export function divByZero(): FluxionError {
  return new FluxionError(
    'Division by zero in an exact expression (for example 1/0 or 0^-1). fluxion does not build a complex infinity; ' +
      'check the denominator, or use floats (1.0/0 evaluates to Infinity numerically).',
  );
}

function small(n: Int): n is number {
  return typeof n === 'number' && n < SMALL && n > -SMALL;
}

/** `a + b`. */
export function ratAdd(a: Rational, b: Rational): Rational {
  if (small(a.p) && small(a.q) && small(b.p) && small(b.q)) {
    if (a.q === 1 && b.q === 1) return { p: a.p + b.p, q: 1 };
    return rat(a.p * b.q + b.p * a.q, a.q * b.q);
  }
  return rat(big(a.p) * big(b.q) + big(b.p) * big(a.q), big(a.q) * big(b.q));
}

/** `a * b`. */
export function ratMul(a: Rational, b: Rational): Rational {
  if (small(a.p) && small(a.q) && small(b.p) && small(b.q)) {
    if (a.q === 1 && b.q === 1) return { p: a.p * b.p === 0 ? 0 : a.p * b.p, q: 1 };
    return rat(a.p * b.p, a.q * b.q);
  }
  return rat(big(a.p) * big(b.p), big(a.q) * big(b.q));
}

/** `-a`. */
export function ratNeg(a: Rational): Rational {
  return { p: typeof a.p === 'number' ? (a.p === 0 ? 0 : -a.p) : normInt(-a.p), q: a.q };
}

/** `1/a`; throws on zero. */
export function ratInv(a: Rational): Rational {
  return rat(a.q, a.p);
}

/** Sign of `a`: -1, 0 or 1. */
export function ratSign(a: Rational): number {
  return typeof a.p === 'number' ? Math.sign(a.p) : a.p > 0n ? 1 : a.p < 0n ? -1 : 0;
}

/** Compares two rationals: negative, zero or positive like `a - b`. */
export function ratCmp(a: Rational, b: Rational): number {
  if (typeof a.p === 'number' && typeof a.q === 'number' && typeof b.p === 'number' && typeof b.q === 'number') {
    if (a.q === b.q) return a.p - b.p;
    if (small(a.p) && small(a.q) && small(b.p) && small(b.q)) return a.p * b.q - b.p * a.q;
  }
  const d = big(a.p) * big(b.q) - big(b.p) * big(a.q);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}

/** Whether `a` equals the integer `n`. */
export function ratIs(a: Rational, n: number): boolean {
  return a.q === 1 && a.p === n;
}

/** Whether `a` is an integer. */
export function ratIsInt(a: Rational): boolean {
  return a.q === 1;
}

/** Maximal bits an exact power may have before it is left unevaluated. */
export const MAX_EXACT_BITS = 100_000;

/** Approximate bit length of an exact integer. */
export function bitLength(n: Int): number {
  if (typeof n === 'number') return n === 0 ? 0 : Math.floor(Math.log2(Math.abs(n))) + 1;
  return (n < 0n ? -n : n).toString(2).length;
}

/**
 * `a^n` for an integer `n`; returns `undefined` when the result would be unreasonably
 * large (over {@link MAX_EXACT_BITS} bits). Throws on `0^negative`.
 */
export function ratPowInt(a: Rational, n: Int): Rational | undefined {
  const bn = big(n);
  if (bn === 0n) return { p: 1, q: 1 };
  if (bn < 0n) {
    if (ratSign(a) === 0) throw divByZero();
    return ratPowInt(ratInv(a), normInt(-bn));
  }
  const bits = Math.max(bitLength(a.p), bitLength(a.q));
  if (bits > 1 && Number(bn) * bits > MAX_EXACT_BITS) return undefined;
  if (typeof a.p === 'number' && typeof a.q === 'number' && typeof n === 'number') {
    const pp = Math.pow(a.p, n);
    const qq = Math.pow(a.q, n);
    if (Number.isSafeInteger(pp) && Number.isSafeInteger(qq)) return { p: pp, q: qq };
  }
  return { p: normInt(big(a.p) ** bn), q: normInt(big(a.q) ** bn) };
}

/** The float value of an exact rational (correct even when both parts exceed float range). */
export function ratToNumber(a: Rational): number {
  if (typeof a.p === 'number' && typeof a.q === 'number') return a.p / a.q;
  const p = big(a.p);
  const q = big(a.q);
  const fp = Number(p);
  const fq = Number(q);
  if (Number.isFinite(fp) && Number.isFinite(fq)) return fp / fq;
  // Scale both down to keep 60 significant bits.
  const shift = BigInt(Math.max(0, Math.max(bitLength(p), bitLength(q)) - 1000));
  const r = Number(p >> shift) / Number(q >> shift);
  return r;
}

/** Integer k-th root of a non-negative bigint if it is exact, else `undefined`. */
export function exactRoot(n: bigint, k: number): bigint | undefined {
  if (n < 0n) return undefined;
  if (n < 2n) return n;
  const guess = BigInt(Math.round(Math.pow(Number(n), 1 / k)));
  if (Number.isFinite(Math.pow(Number(n), 1 / k)) && Number(n) < 2 ** 1000) {
    for (let d = -2n; d <= 2n; d++) {
      const g = guess + d;
      if (g >= 0n && g ** BigInt(k) === n) return g;
    }
    if (Number(n) < 2 ** 50) return undefined;
  }
  // Newton iteration for big values.
  const bk = BigInt(k);
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / k));
  for (;;) {
    const y = ((bk - 1n) * x + n / x ** (bk - 1n)) / bk;
    if (y >= x) break;
    x = y;
  }
  return x ** bk === n ? x : undefined;
}

/** Prints a rational as `p` or `p/q`. */
export function ratToString(a: Rational): string {
  return a.q === 1 ? String(a.p) : `${a.p}/${a.q}`;
}
