// Measurement utilities shared by every JavaScript contender.
//
// How a figure is made (docs/benchmarks.md repeats this):
// - cold: the first call of the contender in a fresh child process (modules already
//   imported, inputs already built; the import time is reported apart);
// - warm: after `warmup` untimed calls, `reps` timed rounds; in each round every contender
//   of the case is called once, in an order that rotates from round to round
//   (interleaving), so slow drifts of a shared machine hit every contender alike;
// - a timed sample may hold `inner` calls (for microsecond calls), its time divided by inner;
// - the heap is NOT forced between samples: a forced full GC ages and flushes the bytecode
//   of functions run once per round and clears V8's compilation cache, which slows libraries
//   with more code (and freshly compiled lambdify output) far more than a tiny hand loop; the
//   interleaving spreads ordinary GC pauses over every contender instead;
// - we report the median and the minimum of the samples, in milliseconds.
import { performance } from 'node:perf_hooks';

/** Median of a list of numbers (the list is not modified). */
export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Minimum of a list of numbers. */
export function min(xs) {
  return xs.length === 0 ? NaN : Math.min(...xs);
}

/**
 * Time one call of `run` (or of `inner` calls) in milliseconds.
 * Phased contenders report the time of each phase too.
 */
export function timeOnce(contender, inner = 1) {
  if (contender.phases) {
    const phaseMs = {};
    let total = 0;
    let value;
    for (let k = 0; k < inner; k++) {
      let prev;
      for (const [name, fn] of contender.phases) {
        const t0 = performance.now();
        prev = fn(prev);
        const dt = performance.now() - t0;
        phaseMs[name] = (phaseMs[name] ?? 0) + dt / inner;
        total += dt / inner;
      }
      value = prev;
      if (contender.finish) contender.finish(value);
    }
    return { ms: total, phaseMs, value };
  }
  let value;
  const t0 = performance.now();
  for (let k = 0; k < inner; k++) value = contender.run();
  const ms = (performance.now() - t0) / inner;
  if (contender.finish) contender.finish(value);
  return { ms, value };
}

/**
 * Interleaved warm measurement of several contenders.
 * @param contenders array of { name, run | phases, finish? }
 * @param opts { warmup, reps, minReps, budgetMs, sampleMs } — stops early (after at least
 *        minReps rounds) when the rounds so far have used budgetMs.
 * @returns { [name]: { samples, median, min, phases?: {name: median} } }
 */
export function interleaved(contenders, { warmup = 2, reps = 15, minReps = 3, budgetMs = 4000, sampleMs = 2 } = {}) {
  // Calls shorter than sampleMs are repeated `inner` times per sample (calibrated after warm-up).
  const inner = new Map();
  for (const c of contenders) {
    for (let w = 0; w < warmup; w++) timeOnce(c, 1);
    const t = timeOnce(c, 1).ms;
    inner.set(c.name, Math.max(1, Math.min(2000, Math.floor(sampleMs / Math.max(t, 1e-4)))));
  }
  const samples = new Map(contenders.map((c) => [c.name, []]));
  const phaseSamples = new Map(contenders.map((c) => [c.name, {}]));
  const start = performance.now();
  for (let r = 0; r < reps; r++) {
    for (let j = 0; j < contenders.length; j++) {
      const c = contenders[(j + r) % contenders.length];
      const { ms, phaseMs } = timeOnce(c, inner.get(c.name));
      samples.get(c.name).push(ms);
      if (phaseMs) {
        const ps = phaseSamples.get(c.name);
        for (const [k, v] of Object.entries(phaseMs)) (ps[k] ??= []).push(v);
      }
    }
    if (r + 1 >= minReps && performance.now() - start > budgetMs) break;
  }
  const out = {};
  for (const c of contenders) {
    const s = samples.get(c.name);
    const ps = phaseSamples.get(c.name);
    const phases = Object.keys(ps).length
      ? Object.fromEntries(Object.entries(ps).map(([k, v]) => [k, { median: median(v), min: min(v) }]))
      : undefined;
    out[c.name] = { samples: s.length, inner: inner.get(c.name), median: median(s), min: min(s), phases };
  }
  return out;
}
