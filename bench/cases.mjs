// Every benchmark case, every contender. A case has a reference (exact math evaluated
// in float64, or SymPy's counts for the algebra rows) and a list of contenders:
//   kind 'js'  — set up in a worker process; `setup(ctx)` returns { run } or { phases }
//   kind 'py'  — bench/python/contenders.py, run by run.mjs in its own process
// A contender that cannot do the case throws Missing('why') from setup: that becomes the
// "missing feature" entry of the table. Every other exception is recorded with its text.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compileInfix } from './lib/tojs.mjs';

/** Thrown by an adapter when a peer has no such feature. */
export class Missing extends Error {}

export const N = 1_000_000;
export const NS = 100_000;

/** numpy.linspace(a, b, n): a + i*step, last point set to b (numpy's own formula). */
export function linspace(a, b, n) {
  const x = new Float64Array(n);
  const step = (b - a) / (n - 1);
  for (let i = 0; i < n; i++) x[i] = a + i * step;
  x[n - 1] = b;
  return x;
}

export const ALGEBRA = JSON.parse(readFileSync(new URL('./fixtures/algebra.json', import.meta.url), 'utf8'));

// ---------------------------------------------------------------------------------------
// The lab's functions, once per library.

/** p(t) = 2t^3 - 3t^2 + 5 as text, with `t` parenthesised. */
const pText = (t, pow = '^', mul = '*') => `2${mul}(${t})${pow}3 - 3${mul}(${t})${pow}2 + 5`;
/** f_polynomial = p(p(p(x))) as text. */
const fpolyText = (pow = '^', mul = '*') => pText(pText(pText('x', pow, mul), pow, mul), pow, mul);

const FUNS = {
  x2: {
    title: 'x^2',
    text: 'x^2',
    latex: 'x^2',
    fx: (fx) => (x) => fx.pow(x, 2),
    jaxjs: (x) => x.ref.mul(x),
    tf: (tf) => (x) => tf.square(x),
    d1: (x) => 2 * x,
    d2: () => 2,
  },
  fpoly: {
    title: 'f_polynomial',
    text: fpolyText(),
    latex: fpolyText('^', ''),
    fx: (fx) => {
      const p = (t) => fx.add(fx.sub(fx.mul(2, fx.pow(t, 3)), fx.mul(3, fx.pow(t, 2))), 5);
      return (x) => p(p(p(x)));
    },
    jaxjs: (x) => {
      const p = (t) => t.ref.mul(t.ref).mul(t.ref).mul(2).sub(t.ref.mul(t).mul(3)).add(5);
      return p(p(p(x)));
    },
    tf: (tf) => {
      const p = (t) => tf.add(tf.sub(tf.mul(2, tf.pow(t, 3)), tf.mul(3, tf.square(t))), 5);
      return (x) => p(p(p(x)));
    },
    // Reference derivatives: the chain rule written out (exact math, float64).
    d1: (x) => {
      const dp = (t) => 6 * t * t - 6 * t;
      const p = (t) => 2 * t ** 3 - 3 * t ** 2 + 5;
      const u1 = p(x);
      const u2 = p(u1);
      return dp(u2) * dp(u1) * dp(x);
    },
    d2: (x) => {
      const p = (t) => 2 * t ** 3 - 3 * t ** 2 + 5;
      const dp = (t) => 6 * t * t - 6 * t;
      const ddp = (t) => 12 * t - 6;
      let g = x;
      let g1 = 1;
      let g2 = 0;
      for (let k = 0; k < 3; k++) {
        const ng2 = ddp(g) * g1 * g1 + dp(g) * g2;
        g1 = dp(g) * g1;
        g2 = ng2;
        g = p(g);
      }
      return g2;
    },
  },
  expsin: {
    title: 'exp(-2x) + 3 sin(3x)',
    text: 'exp(-2*x) + 3*sin(3*x)',
    latex: '\\exp(-2x)+3\\sin(3x)',
    fx: (fx) => (x) => fx.add(fx.exp(fx.mul(-2, x)), fx.mul(3, fx.sin(fx.mul(3, x)))),
    d1: (x) => -2 * Math.exp(-2 * x) + 9 * Math.cos(3 * x),
  },
  abs: {
    title: '|x|',
    text: 'abs(x)',
    latex: '|x|',
    fx: (fx) => (x) => fx.abs(x),
    d1: (x) => Math.sign(x),
  },
  abssincos: {
    title: '|x| + sin(x) cos(x)',
    text: 'abs(x) + sin(x)*cos(x)',
    latex: '|x|+\\sin(x)\\cos(x)',
    fx: (fx) => (x) => fx.add(fx.abs(x), fx.mul(fx.sin(x), fx.cos(x))),
    d1: (x) => Math.sign(x) + Math.cos(2 * x),
  },
};

// ---------------------------------------------------------------------------------------
// Peer loaders (each worker imports only what it runs).

export const LIBS = {
  // run.mjs snapshots dist/ (FLUXION_DIST) so a concurrent rebuild cannot pull it away mid-run.
  fluxion: { pkg: 'fluxion', load: () => import(process.env.FLUXION_DIST ? pathToFileURL(process.env.FLUXION_DIST).href : '../dist/index.js') },
  mathjs: { pkg: 'mathjs', load: () => import('mathjs') },
  nerdamer: {
    pkg: 'nerdamer',
    load: async () => {
      const n = (await import('nerdamer')).default;
      await import('nerdamer/Algebra.js');
      await import('nerdamer/Calculus.js');
      return n;
    },
  },
  algebrite: { pkg: 'algebrite', load: async () => (await import('algebrite')).default },
  ce: {
    pkg: '@cortex-js/compute-engine',
    load: async () => {
      const CE = await import('@cortex-js/compute-engine');
      return { CE, ce: new CE.ComputeEngine() };
    },
  },
  tfjs: {
    pkg: '@tensorflow/tfjs',
    load: async () => {
      // tfjs prints a hint to install tfjs-node; the point here is the pure-JS CPU backend.
      const log = console.log;
      console.log = () => {};
      try {
        const tf = await import('@tensorflow/tfjs');
        await tf.setBackend('cpu');
        await tf.ready();
        return tf;
      } finally {
        console.log = log;
      }
    },
  },
  jaxjs: {
    pkg: '@jax-js/jax',
    load: async () => {
      // jax-js tests `data instanceof Float16Array` before Float64Array; Node 20 has no
      // Float16Array global, so without this empty placeholder every Float64Array input throws
      // "Float16Array is not defined". The placeholder matches nothing.
      globalThis.Float16Array ??= class Float16Array {};
      return import('@jax-js/jax');
    },
  },
  ndgrad: {
    pkg: 'ndarray-gradient',
    load: async () => ({ nd: (await import('ndarray')).default, grad: (await import('ndarray-gradient')).default }),
  },
  loop: { pkg: null, load: async () => null },
};

function need(fx, ...names) {
  for (const n of names) if (typeof fx[n] !== 'function') throw new Missing(`fluxion does not export ${n}() yet`);
}

function disposeJax(a) {
  try {
    a.dispose();
  } catch {
    /* already consumed by dataSync */
  }
}

/** Evaluate a scalar function at every point (what a peer without array evaluation must do). */
function pointwise(f, xs) {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = f(xs[i]);
  return out;
}

// ---------------------------------------------------------------------------------------
// Contender builders, by method.

/** Symbolic path: diff, compile, evaluate on `xs`; `order` 1 or 2. */
function symbolicContenders(fun, order) {
  const py = { kind: 'py', name: 'sympy', lib: 'sympy', py: 'python3', label: 'SymPy diff + lambdify(numpy) + evaluate', precision: 'f64' };
  return [
    {
      kind: 'js', name: 'fluxion', lib: 'fluxion', label: 'fluxion diff + lambdify + evaluate', precision: 'f64',
      setup: ({ fx, xs }) => {
        need(fx, 'symbols', 'diff', 'lambdify');
        return {
          phases: [
            ['diff', () => { const [x] = fx.symbols('x'); return [x, order === 1 ? fx.diff(FUNS[fun].fx(fx)(x), x) : fx.diff(FUNS[fun].fx(fx)(x), x, 2)]; }],
            ['compile', ([x, d]) => fx.lambdify([x], d)],
            ['evaluate', (f) => f(xs)],
          ],
          // Issue 3's structure target (derivative DAG ≤ 4 × the function's), measured after the timed call.
          info: () => {
            if (typeof fx.topoOrder !== 'function') return '';
            const [x] = fx.symbols('x');
            const f = FUNS[fun].fx(fx)(x);
            const d = fx.diff(f, x, order);
            const nf = fx.topoOrder(f).length;
            const nd = fx.topoOrder(d).length;
            return `DAG nodes: f ${nf}, derivative ${nd} (${(nd / nf).toFixed(2)}×)`;
          },
        };
      },
    },
    {
      kind: 'js', name: 'mathjs', lib: 'mathjs', label: 'math.js derivative + compile + evaluate per point', precision: 'f64',
      setup: ({ lib, xs }) => ({
        phases: [
          ['diff', () => { let d = lib.derivative(FUNS[fun].text, 'x'); if (order === 2) d = lib.derivative(d, 'x'); return d; }],
          ['compile', (d) => { const code = d.compile(); const scope = { x: 0 }; return (v) => { scope.x = v; return code.evaluate(scope); }; }],
          ['evaluate', (f) => pointwise(f, xs)],
        ],
      }),
    },
    {
      kind: 'js', name: 'nerdamer', lib: 'nerdamer', label: 'nerdamer diff + buildFunction + evaluate per point', precision: 'f64',
      setup: ({ lib, xs }) => ({
        phases: [
          ['diff', () => (order === 1 ? lib.diff(FUNS[fun].text, 'x') : lib.diff(FUNS[fun].text, 'x', 2))],
          ['compile', (d) => d.buildFunction(['x'])],
          ['evaluate', (f) => pointwise(f, xs)],
        ],
      }),
    },
    {
      kind: 'js', name: 'algebrite', lib: 'algebrite', label: 'Algebrite d() + adapter compile (no compiler of its own) + evaluate per point', precision: 'f64',
      setup: ({ lib, xs }) => ({
        phases: [
          ['diff', () => lib.run(order === 1 ? `d(${FUNS[fun].text},x)` : `d(${FUNS[fun].text},x,2)`)],
          ['compile', (d) => { if (/Stop|error/i.test(d)) throw new Error(`Algebrite: ${d}`); return compileInfix(d); }],
          ['evaluate', (f) => pointwise(f, xs)],
        ],
      }),
    },
    {
      kind: 'js', name: 'ce', lib: 'ce', label: 'Compute Engine D + compile + evaluate per point', precision: 'f64',
      setup: ({ lib, xs }) => {
        const { CE, ce } = lib;
        return {
          phases: [
            ['diff', () => { let d = ce.box(['D', ce.parse(FUNS[fun].latex), 'x']).evaluate(); if (order === 2) d = ce.box(['D', d, 'x']).evaluate(); return d; }],
            ['compile', (d) => { const c = CE.compile(d); if (!c.success) throw new Error(`Compute Engine could not compile ${d.toString()}`); const scope = { x: 0 }; return (v) => { scope.x = v; return c.run(scope); }; }],
            ['evaluate', (f) => pointwise(f, xs)],
          ],
        };
      },
    },
    py,
    {
      kind: 'js', name: 'loop', lib: 'loop', label: 'hand-written JS loop of the derivative', precision: 'f64',
      setup: ({ xs }) => ({ phases: [['evaluate', () => HAND[`${fun}:${order}`](xs)]] }),
    },
  ];
}

/** Hand-written loops: what a careful programmer types for each derivative. */
const HAND = {
  'x2:1': (xs) => {
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = 2 * xs[i];
    return out;
  },
  'fpoly:1': (xs, out = new Float64Array(xs.length)) => {
    for (let i = 0; i < xs.length; i++) {
      const t0 = xs[i];
      const t1 = (2 * t0 - 3) * t0 * t0 + 5;
      const t2 = (2 * t1 - 3) * t1 * t1 + 5;
      out[i] = 6 * t0 * (t0 - 1) * (6 * t1 * (t1 - 1)) * (6 * t2 * (t2 - 1));
    }
    return out;
  },
  'fpoly:2': (xs) => {
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const t0 = xs[i];
      const a0 = 6 * t0 * (t0 - 1);
      const b0 = 12 * t0 - 6;
      const t1 = (2 * t0 - 3) * t0 * t0 + 5;
      const a1 = 6 * t1 * (t1 - 1);
      const b1 = 12 * t1 - 6;
      const t2 = (2 * t1 - 3) * t1 * t1 + 5;
      const a2 = 6 * t2 * (t2 - 1);
      const b2 = 12 * t2 - 6;
      // f'' = p''(t2) (t2')^2 + p'(t2) t2'', t2' = a1 a0, t2'' = b1 a0^2 + a1 b0
      const d2 = a1 * a0;
      out[i] = b2 * d2 * d2 + a2 * (b1 * a0 * a0 + a1 * b0);
    }
    return out;
  },
  'expsin:1': (xs) => {
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = 9 * Math.cos(3 * xs[i]) - 2 * Math.exp(-2 * xs[i]);
    return out;
  },
  'abs:1': (xs) => {
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = Math.sign(xs[i]);
    return out;
  },
  'abssincos:1': (xs) => {
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const c = Math.cos(xs[i]);
      const s = Math.sin(xs[i]);
      out[i] = Math.sign(xs[i]) + c * c - s * s;
    }
    return out;
  },
  'x2:1:out': (xs, out) => {
    for (let i = 0; i < xs.length; i++) out[i] = 2 * xs[i];
    return out;
  },
};

/** The hand loop of numpy.gradient's non-uniform formula (edge order 1), f computed inline. */
function handGradientCoords(fv, x) {
  const n = x.length;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = fv(x[i]);
  const out = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    const dx1 = x[i] - x[i - 1];
    const dx2 = x[i + 1] - x[i];
    out[i] = (-dx2 / (dx1 * (dx1 + dx2))) * f[i - 1] + ((dx2 - dx1) / (dx1 * dx2)) * f[i] + (dx1 / (dx2 * (dx1 + dx2))) * f[i + 1];
  }
  out[0] = (f[1] - f[0]) / (x[1] - x[0]);
  out[n - 1] = (f[n - 1] - f[n - 2]) / (x[n - 1] - x[n - 2]);
  return out;
}

/** Reference numpy.gradient(f, x) for coordinates x (numpy's non-uniform formula). */
function refGradientCoords(f, x) {
  const n = f.length;
  const out = new Float64Array(n);
  out[0] = (f[1] - f[0]) / (x[1] - x[0]);
  out[n - 1] = (f[n - 1] - f[n - 2]) / (x[n - 1] - x[n - 2]);
  for (let i = 1; i < n - 1; i++) {
    const h1 = x[i] - x[i - 1];
    const h2 = x[i + 1] - x[i];
    out[i] = (-h2 / (h1 * (h1 + h2))) * f[i - 1] + ((h2 - h1) / (h1 * h2)) * f[i] + (h1 / (h2 * (h1 + h2))) * f[i + 1];
  }
  return out;
}

/** Numerical path on 1e6 points: gradient(f(x), x), f evaluated inside the timed call as in the lab. */
function numericalContenders(fun) {
  const scalarF = fun === 'x2' ? (v) => v * v : (v) => { for (let k = 0; k < 3; k++) v = (2 * v - 3) * v * v + 5; return v; };
  return [
    {
      kind: 'js', name: 'fluxion', lib: 'fluxion', label: 'fluxion gradient(f(x), x), f with fluxion ops', precision: 'f64',
      setup: ({ fx, xs }) => {
        need(fx, 'gradient');
        const f = FUNS[fun].fx(fx);
        return { run: () => fx.gradient(f(xs), xs) };
      },
    },
    { kind: 'py', name: 'numpy', lib: 'numpy', py: 'python3', label: 'numpy.gradient(f(x), x)', precision: 'f64' },
    {
      kind: 'js', name: 'ndgrad', lib: 'ndgrad', label: 'ndarray-gradient (unit spacing, rescaled by the adapter)', precision: 'f64',
      setup: ({ lib, xs }) => ({
        run: () => {
          const n = xs.length;
          const f = new Float64Array(n);
          for (let i = 0; i < n; i++) f[i] = scalarF(xs[i]);
          const dst = lib.nd(new Float64Array(n), [n, 1]);
          lib.grad(dst, lib.nd(f, [n]));
          // ndarray-gradient returns (f[i-1] - f[i+1]) / 2 with clamped edges on unit spacing.
          const s = -1 / (xs[1] - xs[0]);
          const out = dst.data;
          for (let i = 0; i < n; i++) out[i] *= s;
          return out;
        },
      }),
    },
    {
      kind: 'js', name: 'loop', lib: 'loop', label: "hand-written JS loop of numpy's formula", precision: 'f64',
      setup: ({ xs }) => ({ run: () => handGradientCoords(scalarF, xs) }),
    },
  ];
}

/** Automatic path on 1e6 points: vmap(grad(f)) (and jit of it). */
function automaticContenders(fun, withJit) {
  const list = [];
  if (!withJit) {
    list.push(
      {
        kind: 'js', name: 'fluxion', lib: 'fluxion', label: 'fluxion vmap(grad(f))', precision: 'f64',
        setup: ({ fx, xs }) => {
          need(fx, 'vmap', 'grad');
          const g = fx.vmap(fx.grad(FUNS[fun].fx(fx)));
          return { run: () => g(xs) };
        },
      },
      {
        kind: 'js', name: 'fluxion-fast', lib: 'fluxion', label: 'fluxion vmap(grad(f), { fastmath: true })', precision: 'f64',
        setup: ({ fx, xs }) => {
          need(fx, 'vmap', 'grad');
          const g = fx.vmap(fx.grad(FUNS[fun].fx(fx)), { fastmath: true });
          return { run: () => g(xs) };
        },
      },
      { kind: 'py', name: 'jax', lib: 'jax', py: 'jax', label: 'JAX vmap(grad(f)) eager, float64', precision: 'f64' },
      {
        kind: 'js', name: 'jaxjs', lib: 'jaxjs', label: 'jax-js vmap(grad(f)) eager, float64 (wasm)', precision: 'f64',
        setup: ({ lib, xs }) => {
          const xa = lib.numpy.array(xs);
          const g = lib.vmap(lib.grad(FUNS[fun].jaxjs));
          return { run: () => { const r = g(xa.ref); const d = r.dataSync(); disposeJax(r); return d; } };
        },
      },
      {
        kind: 'js', name: 'tfjs', lib: 'tfjs', label: 'TensorFlow.js grad of sum (float32 only; cpu backend)', precision: 'f32',
        setup: ({ lib: tf, xs }) => {
          const x32 = Float32Array.from(xs);
          const g = tf.grad(FUNS[fun].tf(tf));
          return { run: () => tf.tidy(() => g(tf.tensor1d(x32)).dataSync()) };
        },
      },
      {
        kind: 'js', name: 'loop', lib: 'loop', label: 'hand-written JS loop of the derivative', precision: 'f64',
        setup: ({ xs }) => ({ run: () => HAND[`${fun}:1`](xs) }),
      },
    );
  } else {
    list.push(
      {
        kind: 'js', name: 'fluxion', lib: 'fluxion', label: 'fluxion jit(vmap(grad(f))), fresh output', precision: 'f64',
        setup: ({ fx, xs }) => {
          need(fx, 'jit', 'vmap', 'grad');
          const g = fx.jit(fx.vmap(fx.grad(FUNS[fun].fx(fx))));
          return { run: () => g(xs) };
        },
      },
      {
        kind: 'js', name: 'fluxion-out', lib: 'fluxion', label: 'fluxion jit(vmap(grad(f))) with { out }', precision: 'f64',
        setup: ({ fx, xs }) => {
          need(fx, 'jit', 'vmap', 'grad');
          const g = fx.jit(fx.vmap(fx.grad(FUNS[fun].fx(fx))));
          const out = new Float64Array(xs.length);
          return { run: () => g(xs, { out }) };
        },
      },
      {
        kind: 'js', name: 'fluxion-fast', lib: 'fluxion', label: 'fluxion jit(vmap(grad(f)), { fastmath: true }), fresh output', precision: 'f64',
        setup: ({ fx, xs }) => {
          need(fx, 'jit', 'vmap', 'grad');
          const g = fx.jit(fx.vmap(fx.grad(FUNS[fun].fx(fx))), { fastmath: true });
          return { run: () => g(xs) };
        },
      },
      {
        kind: 'js', name: 'fluxion-fast-out', lib: 'fluxion', label: 'fluxion jit(vmap(grad(f)), { fastmath: true }) with { out }', precision: 'f64',
        setup: ({ fx, xs }) => {
          need(fx, 'jit', 'vmap', 'grad');
          const g = fx.jit(fx.vmap(fx.grad(FUNS[fun].fx(fx))), { fastmath: true });
          const out = new Float64Array(xs.length);
          return { run: () => g(xs, { out }) };
        },
      },
      {
        // Every call jits a new function and calls it once: trace + compile + first run, in a
        // process where fluxion itself is already loaded and warm. Each function adds its own
        // tiny term c·x (c = k·2^-1000, far below the check's tolerance), so its generated
        // source is new and no compilation cache can serve it.
        kind: 'js', name: 'fluxion-first', lib: 'fluxion', label: 'fluxion first call of a new jit(vmap(grad(f))) (trace + compile + run)', precision: 'f64',
        setup: ({ fx, xs }) => {
          need(fx, 'jit', 'vmap', 'grad');
          const f = FUNS[fun].fx(fx);
          let k = 0;
          return {
            run: () => {
              const c = ++k * 2 ** -1000;
              return fx.jit(fx.vmap(fx.grad((x) => fx.add(f(x), fx.mul(c, x)))))(xs);
            },
          };
        },
      },
      {
        kind: 'js', name: 'fluxion-closure', lib: 'fluxion', label: "fluxion jit(vmap(grad(f)), { backend: 'closure' }) (no new Function)", precision: 'f64',
        setup: ({ fx, xs }) => {
          need(fx, 'jit', 'vmap', 'grad');
          const g = fx.jit(fx.vmap(fx.grad(FUNS[fun].fx(fx))), { backend: 'closure' });
          return { run: () => g(xs) };
        },
      },
      { kind: 'py', name: 'jax-jit', lib: 'jax', py: 'jax', label: 'JAX jit(vmap(grad(f))), float64', precision: 'f64' },
      {
        kind: 'js', name: 'jaxjs-jit', lib: 'jaxjs', label: 'jax-js jit(vmap(grad(f))), float64 (wasm)', precision: 'f64',
        setup: ({ lib, xs }) => {
          const xa = lib.numpy.array(xs);
          const g = lib.jit(lib.vmap(lib.grad(FUNS[fun].jaxjs)));
          return { run: () => { const r = g(xa.ref); const d = r.dataSync(); disposeJax(r); return d; } };
        },
      },
      {
        kind: 'js', name: 'loop', lib: 'loop', label: 'hand-written JS loop, fresh output', precision: 'f64',
        setup: ({ xs }) => ({ run: () => HAND[`${fun}:1`](xs) }),
      },
      {
        kind: 'js', name: 'loop-out', lib: 'loop', label: 'hand-written JS loop into a reused array', precision: 'f64', vs: 'fluxion-out',
        setup: ({ xs }) => {
          const out = new Float64Array(xs.length);
          return { run: () => (fun === 'x2' ? HAND['x2:1:out'](xs, out) : HAND['fpoly:1'](xs, out)) };
        },
      },
    );
  }
  return list;
}

/** grad (order 1) or grad(grad) (order 2) at one point, per call. */
function pointContenders(fun, order, x0) {
  const nest = (grad, f) => (order === 1 ? grad(f) : grad(grad(f)));
  return [
    {
      kind: 'js', name: 'fluxion', lib: 'fluxion', label: order === 1 ? 'fluxion grad(f)(x0)' : 'fluxion grad(grad(f))(x0)', precision: 'f64',
      setup: ({ fx }) => {
        need(fx, 'grad');
        const g = nest(fx.grad, FUNS[fun].fx(fx));
        return { run: () => g(x0) };
      },
    },
    {
      kind: 'js', name: 'fluxion-jit', lib: 'fluxion', label: order === 1 ? 'fluxion jit(grad(f))(x0)' : 'fluxion jit(grad(grad(f)))(x0)', precision: 'f64',
      setup: ({ fx }) => {
        need(fx, 'grad', 'jit');
        const g = fx.jit(nest(fx.grad, FUNS[fun].fx(fx)));
        return { run: () => g(x0) };
      },
    },
    { kind: 'py', name: 'jax', lib: 'jax', py: 'jax', label: 'JAX grad eager, float64', precision: 'f64' },
    { kind: 'py', name: 'jax-jit', lib: 'jax', py: 'jax', label: 'JAX jit(grad), float64', precision: 'f64', vs: 'fluxion-jit' },
    {
      kind: 'js', name: 'jaxjs', lib: 'jaxjs', label: 'jax-js grad eager, float64 (wasm)', precision: 'f64',
      setup: ({ lib }) => {
        const g = nest(lib.grad, FUNS[fun].jaxjs);
        return { run: () => g(lib.numpy.array(x0, { dtype: lib.numpy.float64 })).dataSync()[0] };
      },
    },
    {
      kind: 'js', name: 'tfjs', lib: 'tfjs', label: 'TensorFlow.js tf.grad (float32, cpu backend)', precision: 'f32',
      setup: ({ lib: tf }) => {
        const g = nest(tf.grad, FUNS[fun].tf(tf));
        return { run: () => tf.tidy(() => g(tf.scalar(x0)).dataSync()[0]) };
      },
    },
    {
      kind: 'js', name: 'loop', lib: 'loop', label: 'hand-written JS derivative', precision: 'f64', vs: 'fluxion-jit',
      setup: () => {
        const h = HAND[`${fun}:${order}`] ?? (order === 1 ? HAND['x2:1'] : null);
        const one = new Float64Array(1);
        one[0] = x0;
        return { run: () => h(one)[0] };
      },
    },
  ];
}
HAND['x2:2'] = (xs) => new Float64Array(xs.length).fill(2);

/** expand / factor on the algebra cases. */
function algebraContenders(id) {
  const c = ALGEBRA.cases[id];
  const op = c.op;
  const input = c.input;
  return [
    {
      kind: 'js', name: 'fluxion', lib: 'fluxion', label: `fluxion parse + ${op}`, precision: 'exact',
      setup: ({ fx }) => {
        need(fx, 'parse', op);
        return { run: () => String(fx[op](fx.parse(input))) };
      },
    },
    {
      kind: 'js', name: 'nerdamer', lib: 'nerdamer', label: `nerdamer ${op}`, precision: 'exact',
      setup: ({ lib }) => ({ run: () => lib[op](input).toString() }),
    },
    {
      kind: 'js', name: 'algebrite', lib: 'algebrite', label: `Algebrite ${op}`, precision: 'exact',
      setup: ({ lib }) => ({
        run: () => {
          const r = lib.run(`${op}(${input})`);
          if (/^Stop/.test(r)) throw new Error(`Algebrite: ${r}`);
          return r;
        },
      }),
    },
    {
      kind: 'js', name: 'ce', lib: 'ce', label: `Compute Engine ${op}`, precision: 'exact',
      setup: ({ lib }) => {
        const { CE, ce } = lib;
        const latex = input.replace(/\^(\d+)/g, '^{$1}');
        return { run: () => CE[op](ce.parse(latex)).toString() };
      },
    },
    {
      kind: 'js', name: 'mathjs', lib: 'mathjs', label: op === 'expand' ? 'math.js rationalize (its expander)' : 'math.js', precision: 'exact',
      // Known without running it: no process is spent on it.
      missing: op === 'factor' ? 'math.js has no polynomial factorization' : undefined,
      setup: ({ lib }) => ({ run: () => lib.rationalize(input).toString() }),
    },
    { kind: 'py', name: 'sympy', lib: 'sympy', py: 'python3', label: `SymPy ${op} (cache cleared before every call)`, precision: 'exact' },
    { kind: 'py', name: 'flint', lib: 'flint', py: 'flint', label: `python-flint ${op} (input converted outside the timed call)`, precision: 'exact' },
  ];
}

// ---------------------------------------------------------------------------------------
// The cases.

const arrayRef = (fn) => ({ xs }) => ({ kind: 'array', value: Float64Array.from(xs, fn) });

export const CASES = [
  // The lab's section 5, exactly: 1e6 points.
  ...['x2', 'fpoly'].flatMap((fun) => [
    {
      id: `lab5-${fun}-symbolic`, group: 'Lab section 5 (1e6 points)', title: `symbolic: diff + lambdify + evaluate, ${FUNS[fun].title}`, basis: 'cold',
      points: N, reference: arrayRef(FUNS[fun].d1), contenders: symbolicContenders(fun, 1),
    },
    {
      id: `lab5-${fun}-numerical`, group: 'Lab section 5 (1e6 points)', title: `numerical: gradient(f(x), x), ${FUNS[fun].title}`, basis: 'warm',
      points: N,
      reference: ({ xs }) => {
        const fv = fun === 'x2' ? (v) => v * v : (v) => { for (let k = 0; k < 3; k++) v = 2 * v * v * v - 3 * v * v + 5; return v; };
        return { kind: 'array', value: refGradientCoords(Float64Array.from(xs, fv), xs) };
      },
      contenders: numericalContenders(fun),
    },
    {
      id: `lab5-${fun}-automatic`, group: 'Lab section 5 (1e6 points)', title: `automatic: vmap(grad(f)), ${FUNS[fun].title}`, basis: 'warm',
      points: N, reference: arrayRef(FUNS[fun].d1), contenders: automaticContenders(fun, false),
    },
  ]),
  ...['x2', 'fpoly'].map((fun) => ({
    id: `jit-${fun}`, group: 'jit (1e6 points)', title: `jit(vmap(grad(f))), ${FUNS[fun].title}`, basis: 'warm',
    // Fresh 8 MB outputs make GC pauses land on whichever contender triggers them: more
    // rounds, so the medians of the yardstick table settle.
    reps: 41, budgetMs: 8000,
    points: N, reference: arrayRef(FUNS[fun].d1), contenders: automaticContenders(fun, true),
  })),
  // Symbolic diff + compile + evaluate of the lab's other expressions.
  ...['expsin', 'abs', 'abssincos'].map((fun) => ({
    id: `symbolic-${fun}`, group: 'Symbolic diff + compile + evaluate (1e5 points)', title: `d/dx ${FUNS[fun].title}`, basis: 'cold',
    points: NS, reference: arrayRef(FUNS[fun].d1), contenders: symbolicContenders(fun, 1),
  })),
  {
    id: 'symbolic-fpoly-2nd', group: 'Second derivatives', title: 'd²/dx² f_polynomial: diff + compile + evaluate (1e5 points)', basis: 'cold',
    points: NS, reference: arrayRef(FUNS.fpoly.d2), contenders: symbolicContenders('fpoly', 2),
  },
  {
    id: 'grad2-fpoly-point', group: 'Second derivatives', title: 'grad(grad(f_polynomial))(0.5), per call', basis: 'warm',
    points: 1, reference: () => ({ kind: 'scalar', value: FUNS.fpoly.d2(0.5) }), contenders: pointContenders('fpoly', 2, 0.5),
  },
  // Gradient (numerical) on 1e6 points with a scalar spacing.
  {
    id: 'gradient-uniform', group: 'gradient (1e6 points)', title: 'gradient(f, h), f = exp(-2x) + 3 sin(3x) sampled, scalar spacing', basis: 'warm',
    points: N,
    reference: ({ fs, h }) => {
      const n = fs.length;
      const out = new Float64Array(n);
      for (let i = 1; i < n - 1; i++) out[i] = (fs[i + 1] - fs[i - 1]) / (2 * h);
      out[0] = (fs[1] - fs[0]) / h;
      out[n - 1] = (fs[n - 1] - fs[n - 2]) / h;
      return { kind: 'array', value: out };
    },
    contenders: [
      {
        kind: 'js', name: 'fluxion', lib: 'fluxion', label: 'fluxion gradient(f, h)', precision: 'f64',
        setup: ({ fx, fs, h }) => { need(fx, 'gradient'); return { run: () => fx.gradient(fs, h) }; },
      },
      { kind: 'py', name: 'numpy', lib: 'numpy', py: 'python3', label: 'numpy.gradient(f, h)', precision: 'f64' },
      {
        kind: 'js', name: 'ndgrad', lib: 'ndgrad', label: 'ndarray-gradient (unit spacing, rescaled by the adapter)', precision: 'f64',
        setup: ({ lib, fs, h }) => ({
          run: () => {
            const n = fs.length;
            const dst = lib.nd(new Float64Array(n), [n, 1]);
            lib.grad(dst, lib.nd(fs, [n]));
            const out = dst.data;
            for (let i = 0; i < n; i++) out[i] *= -1 / h;
            return out;
          },
        }),
      },
      {
        kind: 'js', name: 'loop', lib: 'loop', label: 'hand-written JS loop', precision: 'f64',
        setup: ({ fs, h }) => ({
          run: () => {
            const n = fs.length;
            const out = new Float64Array(n);
            const h2 = 2 * h;
            for (let i = 1; i < n - 1; i++) out[i] = (fs[i + 1] - fs[i - 1]) / h2;
            out[0] = (fs[1] - fs[0]) / h;
            out[n - 1] = (fs[n - 1] - fs[n - 2]) / h;
            return out;
          },
        }),
      },
    ],
  },
  // Reverse mode on a vector: the cheap-gradient bound (issue 5).
  {
    id: 'grad-sum-sinv', group: 'grad at a point', title: 'grad(v => sum(sin(v) * v)) on 1e6 values', basis: 'warm',
    points: N, reference: arrayRef((v) => Math.sin(v) + v * Math.cos(v)),
    contenders: [
      {
        kind: 'js', name: 'fluxion', lib: 'fluxion', label: 'fluxion grad(f)(v)', precision: 'f64',
        setup: ({ fx, xs }) => {
          need(fx, 'grad', 'sum');
          const g = fx.grad((v) => fx.sum(fx.mul(fx.sin(v), v)));
          return { run: () => g(xs) };
        },
      },
      {
        kind: 'js', name: 'fluxion-f', lib: 'fluxion', label: 'fluxion f(v) alone (the cheap-gradient bound: grad ≤ 4 × this)', precision: 'f64', evalOnly: true,
        setup: ({ fx, xs }) => ({ run: () => fx.sum(fx.mul(fx.sin(xs), xs)) }),
      },
      { kind: 'py', name: 'jax', lib: 'jax', py: 'jax', label: 'JAX grad(f) eager, float64', precision: 'f64' },
      { kind: 'py', name: 'jax-jit', lib: 'jax', py: 'jax', label: 'JAX jit(grad(f)), float64', precision: 'f64' },
      {
        kind: 'js', name: 'jaxjs', lib: 'jaxjs', label: 'jax-js grad(f) eager, float64 (wasm)', precision: 'f64',
        setup: ({ lib, xs }) => {
          const xa = lib.numpy.array(xs);
          const g = lib.grad((v) => lib.numpy.sin(v.ref).mul(v).sum());
          return { run: () => { const r = g(xa.ref); const d = r.dataSync(); disposeJax(r); return d; } };
        },
      },
      {
        kind: 'js', name: 'tfjs', lib: 'tfjs', label: 'TensorFlow.js tf.grad (float32, cpu backend)', precision: 'f32',
        setup: ({ lib: tf, xs }) => {
          const x32 = Float32Array.from(xs);
          const g = tf.grad((v) => tf.sum(tf.mul(tf.sin(v), v)));
          return { run: () => tf.tidy(() => g(tf.tensor1d(x32)).dataSync()) };
        },
      },
      {
        kind: 'js', name: 'loop', lib: 'loop', label: 'hand-written JS loop of sin(v) + v cos(v)', precision: 'f64',
        setup: ({ xs }) => ({
          run: () => {
            const out = new Float64Array(xs.length);
            for (let i = 0; i < xs.length; i++) out[i] = Math.sin(xs[i]) + xs[i] * Math.cos(xs[i]);
            return out;
          },
        }),
      },
    ],
  },
  // grad at a point.
  {
    id: 'grad-x2-point', group: 'grad at a point', title: 'grad(x^2)(3.0), per call', basis: 'warm',
    points: 1, reference: () => ({ kind: 'scalar', value: 6 }), contenders: pointContenders('x2', 1, 3.0),
  },
  {
    id: 'grad-fpoly-point', group: 'grad at a point', title: 'grad(f_polynomial)(0.5), per call', basis: 'warm',
    points: 1, reference: () => ({ kind: 'scalar', value: FUNS.fpoly.d1(0.5) }), contenders: pointContenders('fpoly', 1, 0.5),
  },
  // Algebra.
  ...Object.keys(ALGEBRA.cases).map((id) => {
    const c = ALGEBRA.cases[id];
    return {
      id, group: 'Algebra (exact)', title: c.title, points: 0, algebra: true, basis: 'cold',
      reference: () => (c.op === 'expand' ? { kind: 'expand', input: c.input, terms: c.terms } : { kind: 'factor', input: c.input, count: c.count, distinct: c.distinct }),
      contenders: algebraContenders(id),
    };
  }),
];

/** Inputs shared by every contender of a case (built outside any timed region). */
export function makeContext(c) {
  const ctx = {};
  if (c.points > 1) ctx.xs = linspace(-5, 5, c.points);
  if (c.id === 'gradient-uniform') {
    ctx.h = ctx.xs[1] - ctx.xs[0];
    ctx.fs = Float64Array.from(ctx.xs, (v) => Math.exp(-2 * v) + 3 * Math.sin(3 * v));
  }
  return ctx;
}

export const FUN_TEXT = Object.fromEntries(Object.entries(FUNS).map(([k, v]) => [k, v.text]));
