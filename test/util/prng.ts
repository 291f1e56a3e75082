// The seeded PRNG of property tests: the same mulberry32 the factorizer uses, so a seed
// gives the same sequence on every machine.
export { makeRng as mulberry32 } from '../../src/algebra/zz.js';

/** A uniform sample from `[lo, hi]`. */
export function uniform(rand: () => number, lo: number, hi: number): number {
  return lo + (hi - lo) * rand();
}
