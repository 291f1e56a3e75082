// Integer helpers on BigInt: gcd, integer square root, primality, a seeded PRNG.

import { bgcd } from '../symbolic/rational.js';

export { bgcd };

/** `|a|` for a BigInt. */
export function babs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/** `lcm(a, b) >= 0`. */
export function blcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  return babs((a / bgcd(a, b)) * b);
}

/** Number of bits of `|a|`. */
export function bitLength(a: bigint): number {
  if (a < 0n) a = -a;
  if (a === 0n) return 0;
  return a.toString(2).length;
}

/** `floor(sqrt(n))` for `n >= 0` (Newton iteration). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** `b^e mod m` for `e >= 0`, `m > 0`. */
export function bmodpow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n % m;
  b %= m;
  if (b < 0n) b += m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

/** Modular inverse of `a` modulo `m` (throws when not invertible). */
export function bmodinv(a: bigint, m: bigint): bigint {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new RangeError('not invertible');
  return ((s0 % m) + m) % m;
}

const SMALL_PRIMES: number[] = (() => {
  const out: number[] = [];
  const N = 20000;
  const sieve = new Uint8Array(N + 1);
  for (let i = 2; i <= N; i++) {
    if (sieve[i]) continue;
    out.push(i);
    for (let j = i * i; j <= N; j += i) sieve[j] = 1;
  }
  return out;
})();

/** The primes below 20000, ascending. */
export function smallPrimes(): readonly number[] {
  return SMALL_PRIMES;
}

/** Deterministic Miller–Rabin with the first 20 prime bases (probable prime for huge n). */
export function isProbablePrime(n: bigint): boolean {
  if (n < 2n) return false;
  for (const p of SMALL_PRIMES.slice(0, 60)) {
    const bp = BigInt(p);
    if (n === bp) return true;
    if (n % bp === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  outer: for (const a of SMALL_PRIMES.slice(0, 20)) {
    let x = bmodpow(BigInt(a), d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let i = 1; i < s; i++) {
      x = (x * x) % n;
      if (x === n - 1n) continue outer;
    }
    return false;
  }
  return true;
}

/** The smallest probable prime `>= n`. */
export function nextPrime(n: bigint): bigint {
  if (n <= 2n) return 2n;
  if ((n & 1n) === 0n) n++;
  while (!isProbablePrime(n)) n += 2n;
  return n;
}

/** A small deterministic PRNG (mulberry32): returns floats in `[0, 1)`. */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Symmetric residue of `a` modulo `m`: in `(-m/2, m/2]`. */
export function symmod(a: bigint, m: bigint): bigint {
  let r = a % m;
  if (r < 0n) r += m;
  if (r > m >> 1n) r -= m;
  return r;
}
