// Benchmark (not a test): gradient(f(x), x) on 1e6 points, the lab's call, against a
// hand-written JS loop computing the same numbers and against numpy.gradient, in one run.
//
// Run: npm run build && node test/numeric/gradient.bench.mjs
//   or FLUXION=/tmp/fx.mjs node test/numeric/gradient.bench.mjs after
//      npx esbuild src/index.ts --bundle --format=esm --outfile=/tmp/fx.mjs
// Reports the minimum over interleaved repetitions of the process's CPU time (user +
// system), for JS and for numpy alike: the machine is shared, and CPU time with a minimum is
// the statistic least disturbed by other processes. Wall-clock minima are printed too.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const target = process.env.FLUXION
  ? pathToFileURL(path.resolve(process.env.FLUXION)).href
  : new URL('../../dist/index.js', import.meta.url).href;
const { gradient, linspace } = await import(target);

const N = 1_000_000;
const REPS = Number(process.env.REPS ?? 40);
const x = linspace(-5, 5, N);
const f = x.map((v) => v * v);

// The loop a careful user would write for numpy's non-uniform formula (edge order 1).
function handLoop(f, x) {
  const n = f.length;
  const out = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    const dx1 = x[i] - x[i - 1];
    const dx2 = x[i + 1] - x[i];
    const a = -dx2 / (dx1 * (dx1 + dx2));
    const b = (dx2 - dx1) / (dx1 * dx2);
    const c = dx1 / (dx2 * (dx1 + dx2));
    out[i] = a * f[i - 1] + b * f[i] + c * f[i + 1];
  }
  out[0] = (f[1] - f[0]) / (x[1] - x[0]);
  out[n - 1] = (f[n - 1] - f[n - 2]) / (x[n - 1] - x[n - 2]);
  return out;
}
// The uniform-step loop (numpy's scalar-spacing branch).
function handUniform(f, h) {
  const n = f.length;
  const out = new Float64Array(n);
  const h2 = 2 * h;
  for (let i = 1; i < n - 1; i++) out[i] = (f[i + 1] - f[i - 1]) / h2;
  out[0] = (f[1] - f[0]) / h;
  out[n - 1] = (f[n - 1] - f[n - 2]) / h;
  return out;
}

// Same numbers first: the comparison is only fair if both compute the same thing.
const g = gradient(f, x);
const hl = handLoop(f, x);
for (let i = 0; i < N; i++) if (!Object.is(g[i], hl[i])) throw new Error(`mismatch at ${i}`);

const cases = {
  'fluxion gradient(f, x)': () => gradient(f, x),
  'hand loop (non-uniform)': () => handLoop(f, x),
  'fluxion gradient(f, 0.01)': () => gradient(f, 0.01),
  'hand loop (uniform)': () => handUniform(f, 0.01),
};
const best = Object.fromEntries(Object.keys(cases).map((k) => [k, Infinity]));
const wall = Object.fromEntries(Object.keys(cases).map((k) => [k, Infinity]));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (let r = 0; r < REPS; r++) {
  for (const [k, fn] of Object.entries(cases)) {
    const w0 = performance.now();
    const c0 = cpuMs();
    fn();
    best[k] = Math.min(best[k], cpuMs() - c0);
    wall[k] = Math.min(wall[k], performance.now() - w0);
  }
}

const py = spawnSync(
  'python3',
  [
    '-c',
    `import numpy as np, timeit, time
x = np.linspace(-5, 5, ${N}); f = x**2
for t in (time.process_time, time.perf_counter):
    print(min(timeit.repeat(lambda: np.gradient(f, x), number=1, repeat=${REPS}, timer=t)) * 1e3)
    print(min(timeit.repeat(lambda: np.gradient(f, 0.01), number=1, repeat=${REPS}, timer=t)) * 1e3)`,
  ],
  { encoding: 'utf8' },
);
const [npNonUniform, npUniform, npWallNonUniform, npWallUniform] =
  py.status === 0 ? py.stdout.trim().split('\n').map(Number) : [NaN, NaN, NaN, NaN];

const row = (k, v, w) => console.log(`${k.padEnd(32)} ${v.toFixed(2).padStart(8)} ms CPU ${w.toFixed(2).padStart(8)} ms wall`);
for (const [k, v] of Object.entries(best)) row(k, v, wall[k]);
row('numpy gradient(f, x)', npNonUniform, npWallNonUniform);
row('numpy gradient(f, 0.01)', npUniform, npWallUniform);
console.log(
  `ratio fluxion/loop: non-uniform ${(best['fluxion gradient(f, x)'] / best['hand loop (non-uniform)']).toFixed(2)}x, ` +
    `uniform ${(best['fluxion gradient(f, 0.01)'] / best['hand loop (uniform)']).toFixed(2)}x; ` +
    `numpy/fluxion: ${(npNonUniform / best['fluxion gradient(f, x)']).toFixed(1)}x, ${(npUniform / best['fluxion gradient(f, 0.01)']).toFixed(1)}x`,
);
