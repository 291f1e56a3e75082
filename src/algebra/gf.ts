// Dense univariate polynomials over GF(p), p a prime below 2^26 (so products fit a double
// exactly). Coefficients are numbers in [0, p), leading coefficient first.
// Note: Cantor–Zassenhaus (distinct-degree, then equal-degree splitting), as in SymPy
// `polys/galoistools.py` (`gf_ddf_zassenhaus`, `gf_edf_zassenhaus`).

export type Gf = number[];

export function gfStrip(f: Gf): Gf {
  let i = 0;
  while (i < f.length && f[i] === 0) i++;
  return i === 0 ? f : f.slice(i);
}

export function gfFromInt(f: readonly bigint[], p: number): Gf {
  const P = BigInt(p);
  return gfStrip(
    f.map((c) => {
      let r = Number(c % P) | 0;
      if (r < 0) r += p;
      return r;
    }),
  );
}

export function gfToInt(f: Gf, p: number): bigint[] {
  const h = p >> 1;
  return f.map((c) => BigInt(c > h ? c - p : c));
}

export function gfInv(a: number, p: number): number {
  let [r0, r1] = [a % p, p];
  let [s0, s1] = [1, 0];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1) throw new RangeError(`${a} is not invertible modulo ${p}`);
  return ((s0 % p) + p) % p;
}

export function gfAdd(f: Gf, g: Gf, p: number): Gf {
  if (f.length < g.length) [f, g] = [g, f];
  const k = f.length - g.length;
  const r = f.slice();
  for (let i = 0; i < g.length; i++) r[i + k] = ((r[i + k] as number) + (g[i] as number)) % p;
  return gfStrip(r);
}

export function gfSub(f: Gf, g: Gf, p: number): Gf {
  return gfAdd(f, g.map((c) => (c === 0 ? 0 : p - c)), p);
}

export function gfMulGround(f: Gf, c: number, p: number): Gf {
  if (c === 0) return [];
  return f.map((a) => (a * c) % p);
}

export function gfMul(f: Gf, g: Gf, p: number): Gf {
  const df = f.length, dg = g.length;
  if (!df || !dg) return [];
  const n = df + dg - 1;
  const r = new Array<number>(n);
  if (Math.min(df, dg) * (p - 1) * (p - 1) < 9007199254740992) {
    // Delayed reduction: the whole convolution sum fits a double exactly.
    for (let k = 0; k < n; k++) {
      const lo = k - dg + 1 > 0 ? k - dg + 1 : 0;
      const hi = k < df - 1 ? k : df - 1;
      let acc = 0;
      for (let i = lo; i <= hi; i++) acc += (f[i] as number) * (g[k - i] as number);
      r[k] = (acc % p) | 0;
    }
    return r;
  }
  r.fill(0);
  for (let i = 0; i < df; i++) {
    const a = f[i] as number;
    if (a === 0) continue;
    for (let j = 0; j < dg; j++) r[i + j] = ((r[i + j] as number) + a * (g[j] as number)) % p;
  }
  return r;
}

/** `[q, r]` with `f = q g + r`, `deg r < deg g`. */
export function gfDivmod(f: Gf, g: Gf, p: number): [Gf, Gf] {
  const dg = g.length - 1;
  if (dg < 0) throw new RangeError('division by zero polynomial');
  const df = f.length - 1;
  if (df < dg) return [[], f];
  const inv = gfInv(g[0] as number, p);
  const r = f.slice();
  const nq = df - dg + 1;
  // Delayed reduction when nq subtractions of products below p^2 cannot overflow 2^53.
  const lazy = (nq + 1) * (p - 1) * (p - 1) < 9007199254740992;
  for (let i = 0; i < nq; i++) {
    let c = ((((r[i] as number) % p) * inv) % p) | 0;
    if (c < 0) c += p;
    r[i] = c;
    if (c === 0) continue;
    if (lazy) for (let j = 1; j <= dg; j++) r[i + j] = (r[i + j] as number) - c * (g[j] as number);
    else for (let j = 1; j <= dg; j++) r[i + j] = ((r[i + j] as number) - c * (g[j] as number)) % p;
  }
  const q = r.slice(0, nq);
  const rem = r.slice(nq);
  for (let i = 0; i < rem.length; i++) {
    let v = ((rem[i] as number) % p) | 0;
    if (v < 0) v += p;
    rem[i] = v;
  }
  return [gfStrip(q), gfStrip(rem)];
}

export function gfRem(f: Gf, g: Gf, p: number): Gf {
  return gfDivmod(f, g, p)[1];
}

export function gfMonic(f: Gf, p: number): Gf {
  if (!f.length || f[0] === 1) return f;
  return gfMulGround(f, gfInv(f[0] as number, p), p);
}

export function gfGcd(f: Gf, g: Gf, p: number): Gf {
  while (g.length) [f, g] = [g, gfRem(f, g, p)];
  return gfMonic(f, p);
}

/** `[s, t, h]` with `s f + t g = h = gcd(f, g)` monic. */
export function gfGcdex(f: Gf, g: Gf, p: number): [Gf, Gf, Gf] {
  if (!f.length && !g.length) return [[1], [], []];
  let r0 = f, r1 = g;
  let s0: Gf = [1], s1: Gf = [];
  let t0: Gf = [], t1: Gf = [1];
  while (r1.length) {
    const [q, r] = gfDivmod(r0, r1, p);
    [r0, r1] = [r1, r];
    [s0, s1] = [s1, gfSub(s0, gfMul(q, s1, p), p)];
    [t0, t1] = [t1, gfSub(t0, gfMul(q, t1, p), p)];
  }
  const inv = gfInv(r0[0] as number, p);
  return [gfMulGround(s0, inv, p), gfMulGround(t0, inv, p), gfMulGround(r0, inv, p)];
}

export function gfDiff(f: Gf, p: number): Gf {
  const n = f.length - 1;
  const r: Gf = [];
  for (let i = 0; i < n; i++) r.push(((f[i] as number) * ((n - i) % p)) % p);
  return gfStrip(r);
}

/**
 * `f^e mod g` for a BigInt exponent: square-and-multiply on Float64Array buffers with delayed
 * reduction (sums stay exact below 2^53 because `2 n p^2 < 2^53` is checked first).
 */
export function gfPowMod(f: Gf, e: bigint, g: Gf, p: number): Gf {
  const n = g.length - 1;
  if (n <= 0) return [];
  if (2 * n * (p - 1) * (p - 1) >= 9007199254740992) return gfPowModSlow(f, e, g, p);
  const inv = gfInv(g[0] as number, p);
  // low-to-high coefficients of monic(g), without the leading 1
  const gl = new Float64Array(n);
  for (let j = 0; j < n; j++) gl[j] = ((g[n - j] as number) * inv) % p;
  const base = new Float64Array(n);
  const fr = gfRem(f, g, p);
  for (let j = 0; j < fr.length; j++) base[fr.length - 1 - j] = fr[j] as number;
  const prod = new Float64Array(2 * n - 1);
  const mulmod = (a: Float64Array, b: Float64Array, out: Float64Array): void => {
    prod.fill(0);
    for (let i = 0; i < n; i++) {
      const x = a[i] as number;
      if (x === 0) continue;
      for (let j = 0; j < n; j++) prod[i + j] = (prod[i + j] as number) + x * (b[j] as number);
    }
    for (let i = 2 * n - 2; i >= n; i--) {
      let c = (prod[i] as number) % p;
      if (c === 0) continue;
      if (c < 0) c += p;
      const off = i - n;
      for (let j = 0; j < n; j++) prod[off + j] = (prod[off + j] as number) - c * (gl[j] as number);
      // keep magnitudes bounded: reduce the row just below before it is used as a multiplier
      prod[i - 1] = (prod[i - 1] as number) % p;
    }
    for (let j = 0; j < n; j++) {
      let v = (prod[j] as number) % p;
      if (v < 0) v += p;
      out[j] = v;
    }
  };
  let r = new Float64Array(n);
  let t = new Float64Array(n);
  if (e === 0n) {
    r[0] = 1;
  } else {
    r.set(base);
    const bits = e.toString(2);
    for (let k = 1; k < bits.length; k++) {
      mulmod(r, r, t);
      [r, t] = [t, r];
      if (bits[k] === '1') {
        mulmod(r, base, t);
        [r, t] = [t, r];
      }
    }
  }
  const out: Gf = [];
  for (let j = n - 1; j >= 0; j--) out.push(r[j] as number);
  return gfStrip(out);
}

function gfPowModSlow(f: Gf, e: bigint, g: Gf, p: number): Gf {
  let r: Gf = [1];
  let b = gfRem(f, g, p);
  while (e > 0n) {
    if (e & 1n) r = gfRem(gfMul(r, b, p), g, p);
    e >>= 1n;
    if (e > 0n) b = gfRem(gfMul(b, b, p), g, p);
  }
  return gfRem(r, g, p);
}

/** True when `f` is square-free modulo p. */
export function gfSqfP(f: Gf, p: number): boolean {
  if (f.length <= 1) return true;
  return gfGcd(f, gfDiff(f, p), p).length === 1;
}

/** Distinct-degree factorization of a monic square-free `f`: `[[g, d], ...]`. */
export function gfDdf(f: Gf, p: number): [Gf, number][] {
  const out: [Gf, number][] = [];
  let g: Gf = [1, 0];
  let i = 1;
  const P = BigInt(p);
  while (2 * i <= f.length - 1) {
    g = gfPowMod(g, P, f, p);
    const h = gfGcd(f, gfSub(g, [1, 0], p), p);
    if (h.length > 1) {
      out.push([h, i]);
      f = gfDivmod(f, h, p)[0];
      g = gfRem(g, f, p);
    }
    i++;
  }
  if (f.length > 1) out.push([f, f.length - 1]);
  return out;
}

/** Equal-degree splitting of a product of irreducibles of degree n (p odd). */
export function gfEdf(f: Gf, n: number, p: number, rng: () => number): Gf[] {
  const out: Gf[] = [];
  const stack: Gf[] = [f];
  const e = (BigInt(p) ** BigInt(n) - 1n) / 2n;
  let guard = 0;
  while (stack.length) {
    const h = stack.pop() as Gf;
    if (h.length - 1 <= n) {
      out.push(h);
      continue;
    }
    for (;;) {
      if (++guard > 100000) throw new RangeError('equal-degree factorization did not terminate');
      const deg = h.length - 1;
      const r: Gf = [1];
      for (let i = 0; i < deg - 1; i++) r.push(Math.floor(rng() * p));
      const rr = gfStrip(r);
      if (rr.length <= 1) continue;
      const s = gfPowMod(rr, e, h, p);
      const g = gfGcd(h, gfSub(s, [1], p), p);
      if (g.length > 1 && g.length < h.length) {
        stack.push(g, gfDivmod(h, g, p)[0]);
        break;
      }
    }
  }
  return out;
}

/**
 * Factor a square-free `f` modulo an odd prime p: `[lc, monic irreducible factors]`.
 */
export function gfFactorSqf(f: Gf, p: number, rng: () => number): [number, Gf[]] {
  const lc = f[0] as number;
  const g = gfMonic(f, p);
  if (g.length <= 2) return [lc, g.length === 2 ? [g] : []];
  const out: Gf[] = [];
  for (const [h, d] of gfDdf(g, p)) {
    if (h.length - 1 === d) out.push(h);
    else out.push(...gfEdf(h, d, p, rng));
  }
  return [lc, out];
}
