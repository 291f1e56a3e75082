// docs/benchmarks.md and docs/benchmarks.svg from the run's results.

/** Columns of the summary table: a title and the contender names that fill it. */
export const COLUMNS = [
  ['math.js', ['mathjs']],
  ['nerdamer', ['nerdamer']],
  ['Algebrite', ['algebrite']],
  ['Compute Engine', ['ce']],
  ['TF.js', ['tfjs']],
  ['jax-js', ['jaxjs', 'jaxjs-jit']],
  ['ndarray-gradient', ['ndgrad']],
  ['numpy', ['numpy']],
  ['SymPy', ['sympy']],
  ['JAX', ['jax', 'jax-jit']],
  ['python-flint', ['flint']],
  ['hand loop', ['loop', 'loop-out']],
];

const VARIANT = { 'jax-jit': 'jit', jax: 'eager', 'jaxjs-jit': 'jit', jaxjs: 'eager', 'loop-out': 'out', loop: 'fresh', 'fluxion-out': 'out', 'fluxion-jit': 'jit' };

/** The figure a ratio is made of: the warm median when there is one (and the basis is warm), else the cold call. */
export function figure(e, basis = 'warm') {
  return basis === 'warm' && e?.warm ? e.warm.median : e?.coldMs;
}

/**
 * peer time / fluxion time: above 1, fluxion is faster. The case's basis decides: 'cold'
 * (first calls in fresh processes: symbolic and algebra cases, where caches would flatter a
 * repeated call) or 'warm' (medians; falls back to cold when a side has no warm figure).
 * `basis` forces one.
 */
export function ratio(res, name, basis = res.basis) {
  const p = res.entries.find((e) => e.contender === name);
  const fx = res.entries.find((e) => e.contender === (p?.vs ?? 'fluxion'));
  if (!fx || fx.status !== 'ok' || !p || p.status !== 'ok') return undefined;
  // The hand loop of a symbolic case only evaluates: it is compared with fluxion's evaluation
  // phase (warm medians), which is what the loop is the practical limit of.
  if (name.startsWith('loop') && fx.warm?.phases?.evaluate && p.warm) {
    return basis === 'cold' && !fx.warm ? undefined : { value: p.warm.median / fx.warm.phases.evaluate.median, basis: 'warm, evaluation phase' };
  }
  if ((basis === 'warm' || basis === 'warm-only') && fx.warm && p.warm) return { value: p.warm.median / fx.warm.median, basis: 'warm' };
  if (basis === 'warm-only') return undefined;
  return { value: p.coldMs / fx.coldMs, basis: 'cold' };
}

export function fmtMs(ms) {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '—';
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  if (ms >= 0.001) return `${(ms * 1000).toFixed(2)} µs`;
  return `${(ms * 1e6).toFixed(1)} ns`;
}

export function fmtRatio(r) {
  if (r === undefined || !Number.isFinite(r)) return '—';
  if (r < 1) return `${r.toPrecision(2)}×`;
  return r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

const STATUS_TEXT = { wrong: 'WRONG', timeout: 'timeout', error: 'error', missing: 'missing', absent: 'absent', skipped: 'skipped' };

export function summaryLine(res) {
  const parts = res.entries.map((e) => {
    if (e.status !== 'ok') return `${e.contender}=${STATUS_TEXT[e.status] ?? e.status}`;
    const r = e.contender === 'fluxion' ? null : ratio(res, e.contender);
    return `${e.contender}=${fmtMs(figure(e, r?.basis ?? res.basis))}${r ? ` (${fmtRatio(r.value)})` : ''}`;
  });
  return `${res.id} [${res.seconds.toFixed(1)} s]: ${parts.join('  ')}`;
}

function cell(res, names) {
  const present = names.map((n) => res.entries.find((e) => e.contender === n)).filter(Boolean);
  if (!present.length) return '';
  return present
    .map((e) => {
      const tag = present.length > 1 ? `${VARIANT[e.contender] ?? e.contender} ` : '';
      if (e.status !== 'ok') return `${tag}${STATUS_TEXT[e.status] ?? e.status}`;
      const r = ratio(res, e.contender);
      if (!r) return `${tag}(fluxion n/a)`;
      return `${tag}${fmtRatio(r.value)}${r.basis !== res.basis ? 'ᶜ' : ''}`;
    })
    .join('<br>');
}

const esc = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function phasesText(e) {
  const ph = e.warm?.phases ? Object.fromEntries(Object.entries(e.warm.phases).map(([k, v]) => [k, v.median])) : e.coldPhases;
  if (!ph || Object.keys(ph).length < 2) return '';
  return Object.entries(ph).map(([k, v]) => `${k} ${fmtMs(v)}`).join(', ') + (e.warm?.phases ? ' (warm)' : ' (cold)');
}

/** Where fluxion is not the fastest correct entry: [{ res, what, loop }] (loop: the hand-written limit). */
export function notFastest(results) {
  const out = [];
  for (const res of results) {
    const fx = res.entries.find((e) => e.contender === 'fluxion');
    if (!fx || fx.status !== 'ok') {
      out.push({ res, what: fx ? `fluxion: ${STATUS_TEXT[fx.status] ?? fx.status}${fx.error ? ` (${fx.error})` : fx.check ? ` (${fx.check})` : ''}` : 'fluxion absent' });
      continue;
    }
    for (const e of res.entries) {
      if (e.contender.startsWith('fluxion') || e.status !== 'ok') continue;
      // A cold-basis case also lists a peer that is faster on warm medians.
      const rw = res.basis === 'cold' && !e.contender.startsWith('loop') ? ratio(res, e.contender, 'warm-only') : undefined;
      const rcold = rw ? ratio(res, e.contender, 'cold') : undefined;
      if (rw && rw.value < 1 && rcold && rcold.value >= 1) {
        const fxv = res.entries.find((k) => k.contender === e.vs) ?? fx;
        out.push({ res, loop: false, what: `on warm medians (repeated calls), ${e.contender} is ${fmtRatio(1 / rw.value)} faster than ${fxv.contender} (${fmtMs(e.warm.median)} vs ${fmtMs(fxv.warm.median)}); on first calls fluxion is ${fmtRatio(rcold.value)} faster` });
      }
      const r = ratio(res, e.contender);
      const fxv = res.entries.find((k) => k.contender === e.vs) ?? fx;
      const phase = r?.basis.startsWith('warm, evaluation');
      const a = phase ? e.warm.median : figure(e, r?.basis);
      const b = phase ? fxv.warm.phases.evaluate.median : figure(fxv, r?.basis);
      if (r && r.value < 1) out.push({ res, loop: e.contender.startsWith('loop'), what: `${e.contender} is ${fmtRatio(1 / r.value)} faster than ${fxv.contender} (${r.basis}: ${fmtMs(a)} vs ${fmtMs(b)})` });
    }
  }
  return out;
}

/**
 * The jit section's own yardsticks, in one table per function: each compiled variant over
 * the hand loop it is like (fresh output or `out`), the closure backend over the source
 * backend, first calls over the steady state, and JAX's eager vmap(grad) over jit.
 */
export function jitTargets(results) {
  const L = [];
  const jitResults = results.filter((r) => r.id.startsWith('jit-'));
  if (jitResults.length === 0) return L;
  L.push('## jit against its yardsticks');
  L.push('');
  L.push('Warm medians of one run unless marked. *fastmath* lets the compiler refactor sums and products (results may differ from the eager path in the last bits); the default is bit-identical to the eager path. *First call, new function*: every sample jits a new function (its own generated source) in a process where fluxion is warm; *first call, fresh process*: the first call after importing fluxion in a new process, which also pays for V8 compiling fluxion itself and for the output pages being touched the first time.');
  L.push('');
  L.push('| case | measure | value | target |');
  L.push('|---|---|---:|---|');
  const warm = (res, name) => {
    const e = res.entries.find((k) => k.contender === name);
    return e && e.status === 'ok' ? e : undefined;
  };
  for (const res of jitResults) {
    const row = (measure, num, den, target, numOf = (e) => e.warm?.median, denOf = (e) => e.warm?.median) => {
      const a = warm(res, num);
      const b = warm(res, den);
      const v = a && b ? numOf(a) / denOf(b) : undefined;
      L.push(`| [${esc(res.title)}](#${res.id}) | ${measure} | ${v === undefined || !Number.isFinite(v) ? '—' : fmtRatio(v)} | ${target} |`);
    };
    row('jit / hand loop, fresh output', 'fluxion', 'loop', '≤ 1.3×');
    row('jit / hand loop, with `out`', 'fluxion-out', 'loop-out', '≤ 1.3×');
    row('jit fastmath / hand loop, fresh output', 'fluxion-fast', 'loop', '≤ 1.3×');
    row('jit fastmath / hand loop, with `out`', 'fluxion-fast-out', 'loop-out', '≤ 1.3×');
    row('closure backend / source backend', 'fluxion-closure', 'fluxion', '≤ 5×');
    row('first call, new function / steady state', 'fluxion-first', 'fluxion', '≤ 3×');
    row('first call, fresh process / steady state', 'fluxion', 'fluxion', '≤ 3×', (e) => e.coldMs);
    const fun = res.id.slice('jit-'.length);
    const eager = results.find((r) => r.id === `lab5-${fun}-automatic`);
    const jax = eager && warm(eager, 'jax');
    for (const [name, what] of [['fluxion', 'jit'], ['fluxion-fast', 'jit fastmath']]) {
      const fx = warm(res, name);
      const v = jax && fx ? jax.warm.median / fx.warm.median : undefined;
      L.push(`| [${esc(res.title)}](#${res.id}) | JAX eager vmap(grad(f)) / ${what} | ${v === undefined ? '—' : fmtRatio(v)} | ${fun === 'fpoly' ? '≥ 5×' : ''} |`);
    }
  }
  L.push('');
  return L;
}

export function renderMarkdown({ date: when, results, machine, totalSeconds, py, pyWhy, cases }) {
  const L = [];
  const date = (when ?? new Date().toISOString()).slice(0, 16).replace('T', ' ');
  L.push('# Benchmarks');
  L.push('');
  L.push(`Generated by \`npm run bench\` (\`bench/run.mjs\`) on ${date} UTC in ${totalSeconds.toFixed(0)} s. Do not edit by hand: run it again.`);
  L.push('');
  L.push('Every contender\'s answer is checked against a reference before its time counts: a fast wrong answer is reported as **WRONG**, not as fast. ' +
    'Each cell is **the peer\'s time divided by fluxion\'s** in the same run: above 1× fluxion is faster, below 1× the peer is. ' +
    'Symbolic and algebra cases compare **first calls in fresh processes** (cold: what a user waits for, and no cache can flatter a repeated call); numeric cases compare **warm medians**, where ᶜ marks a cold ratio used because a side was too slow to repeat (first call over 2.5 s). The details give both figures. ' +
    '*timeout*: no answer within the cap (3 s for algebra, 10 s otherwise, counted after the peer\'s import); *missing*: the peer has no such feature; ' +
    '*absent*: the Python package is not installed here; *error*: the peer threw (text in the details). The **hand loop** is the practical limit, a hand-written JavaScript loop of the same derivative. Like is compared with like: JAX\'s `jit` and the hand loop at a point with fluxion\'s `jit(grad(f))`, the hand loop writing into a reused array with fluxion\'s `{ out }` call; everything else with fluxion\'s plain call (first row of each case).');
  L.push('');
  L.push('## Summary: peer time / fluxion time');
  L.push('');
  const cols = COLUMNS.filter(([, names]) => results.some((r) => r.entries.some((e) => names.includes(e.contender))));
  L.push(`| case | fluxion | ${cols.map(([t]) => t).join(' | ')} |`);
  L.push(`|---|---:|${cols.map(() => '---:').join('|')}|`);
  for (const res of results) {
    const fx = res.entries.find((e) => e.contender === 'fluxion');
    const fxText = fx ? (fx.status === 'ok' ? `${fmtMs(figure(fx, res.basis))}${res.basis === 'cold' ? ' (cold)' : ''}` : STATUS_TEXT[fx.status] ?? fx.status) : '';
    L.push(`| [${esc(res.title)}](#${res.id}) | ${fxText} | ${cols.map(([, names]) => cell(res, names)).join(' | ')} |`);
  }
  L.push('');
  L.push('![fluxion speed-up over the fastest correct peer, per case (log scale)](benchmarks.svg)');
  L.push('');
  L.push('The chart is drawn by fluxion\'s own `barChart` (plot module): per case, the bar is fluxion\'s speed-up over the fastest correct peer (green: fluxion faster, red: the peer), the diamond the hand-written loop.');
  L.push('');
  L.push(...jitTargets(results));
  const nf = notFastest(results);
  L.push('## Where fluxion is not the fastest correct entry');
  L.push('');
  L.push('Against peers:');
  L.push('');
  if (!nf.some((k) => !k.loop)) L.push('- nowhere in this run.');
  for (const { res, what } of nf.filter((k) => !k.loop)) L.push(`- [${esc(res.title)}](#${res.id}): ${what}`);
  L.push('');
  L.push('Why, where it happens (structural reasons, not noise): JAX `jit` compiles through XLA to vectorized (SIMD) machine code, and numpy\'s kernels are vectorized C, while JavaScript has no SIMD for `Float64Array` loops, so the best a JavaScript library can do is the hand loop\'s speed; python-flint is FLINT, C with hand-tuned multiprecision arithmetic, listed as the practical limit of exact algebra. A single figure within about 1.3× of another on this shared machine is within its noise: compare medians and minimums in the details.');
  L.push('');
  L.push('Against the hand-written JavaScript loop (the practical limit):');
  L.push('');
  if (!nf.some((k) => k.loop)) L.push('- nowhere in this run.');
  for (const { res, what } of nf.filter((k) => k.loop)) L.push(`- [${esc(res.title)}](#${res.id}): ${what}`);
  L.push('');
  L.push('## Machine');
  L.push('');
  L.push(`- OS: ${machine.os}`);
  L.push(`- CPU: ${machine.cpu}, memory ${machine.memory}`);
  L.push(`- Node.js: ${machine.node}; Python: ${machine.python}`);
  L.push(`- Load average at the end of the run: ${machine.load} (the machine is shared: read medians and minimums, not single figures)`);
  L.push('');
  L.push('## Versions');
  L.push('');
  const versions = new Map();
  for (const res of results) for (const e of res.entries) if (e.version) versions.set(labelOf(cases, res.id, e.contender, true), e.version);
  L.push('| contender | version |');
  L.push('|---|---|');
  for (const [k, v] of [...versions].sort()) L.push(`| ${k} | ${esc(v)} |`);
  for (const [k, interp] of Object.entries(py)) if (!interp) L.push(`| ${k === 'python3' ? 'numpy / SymPy' : k === 'jax' ? 'JAX' : 'python-flint'} | absent: ${esc(pyWhy[k])} |`);
  L.push('');
  L.push('## How it is measured');
  L.push('');
  L.push('- **Cold**: the first call of the contender in a fresh process (`node bench/worker.mjs cold …`, or a fresh `python3`), after its modules are imported and its inputs built; import time is not counted. For SymPy the cache is empty.');
  L.push('- **Warm**: in one process per case, every JavaScript contender is warmed up (2 untimed calls, then one that calibrates the sample size), then timed in up to 15 rounds (at least 3, until a 2.5 s budget is used); in each round every contender runs once, in an order that rotates from round to round, so a shared machine\'s drifts hit all alike. Calls shorter than 2 ms are repeated within a sample and divided. The heap is not forced between samples (a forced full GC flushes the bytecode of functions run once per round and V8\'s compilation cache, which penalizes larger libraries and fresh lambdify output); the rotation spreads ordinary GC pauses over all contenders. Median and minimum over the samples.');
  L.push('- **Python** contenders (numpy, SymPy, JAX with `jax_enable_x64`, python-flint) run the same protocol in their own process (`bench/python/contenders.py`), between the JavaScript cold and warm runs of the same case; SymPy\'s cache is cleared before every timed call. JAX results are blocked on (`block_until_ready`).');
  L.push('- **Checks**: arrays are compared element by element with the reference (Python arrays at 65 sampled indices, ends included): relative tolerance 1e-9 in float64, 2e-3 for float32-only peers (TF.js). Expand answers must be a sum of the expected number of monomials with the same exact values at integer points; factor answers must have SymPy\'s number of irreducible factors (with multiplicity) and the same exact values (BigInt arithmetic, any peer\'s syntax).');
  L.push('- **Inputs**: `x = linspace(-5, 5, n)` as numpy builds it; the lab\'s `f(x) = x^2` and `f_polynomial` (p(t) = 2t³ − 3t² + 5 applied three times). Peers without array evaluation are called point by point (that is their API). Algebrite has no compiler: its derivative string is turned into a function by a small parser in `bench/lib/tojs.mjs`.');
  L.push('- Algebra: a first call faster than 1.5 s is repeated in two more fresh processes, and the median of the three is the cold figure.');
  L.push('- A contender whose first call takes over 2.5 s is not repeated (Python: unless its second call is faster, as JAX’s is after compiling): its only figure is the cold call.');
  L.push('');
  L.push('## Details');
  let group = '';
  for (const res of results) {
    if (res.group !== group) {
      group = res.group;
      L.push('');
      L.push(`### ${group}`);
    }
    L.push('');
    L.push(`<a id="${res.id}"></a>`);
    L.push(`#### ${esc(res.title)}`);
    L.push('');
    L.push(`Ratio basis: ${res.basis}.`);
    L.push('');
    L.push('| contender | answer | cold | warm median | warm min | peer / fluxion cold | peer / fluxion warm | notes |');
    L.push('|---|---|---:|---:|---:|---:|---:|---|');
    for (const e of res.entries) {
      let rc = e.contender === 'fluxion' ? null : ratio(res, e.contender, 'cold');
      const rw = e.contender === 'fluxion' ? null : ratio(res, e.contender, 'warm-only');
      const phaseRatio = rc?.basis.startsWith('warm, evaluation');
      if (phaseRatio) rc = null;
      const rwText = e.contender === 'fluxion' || !rw ? '' : fmtRatio(rw.value) + (phaseRatio ? ' (vs evaluate phase)' : '');
      const status = e.status === 'ok' ? 'ok' : `**${STATUS_TEXT[e.status] ?? e.status}**`;
      const notes = [e.info ?? '', e.coldRuns ? `cold: median of ${e.coldRuns.length} fresh processes (${e.coldRuns.map(fmtMs).join(', ')})` : '', phasesText(e), e.status === 'ok' ? '' : e.check ?? '', e.error ?? '', e.answer ? `answer: \`${e.answer}\`` : '', e.warmError ? `warm: ${e.warmError}` : '']
        .filter(Boolean)
        .join('; ');
      L.push(`| ${esc(labelOf(cases, res.id, e.contender))} | ${status} | ${fmtMs(e.coldMs)} | ${fmtMs(e.warm?.median)} | ${fmtMs(e.warm?.min)} | ${rc ? fmtRatio(rc.value) : ''} | ${rwText} | ${esc(notes)} |`);
    }
  }
  L.push('');
  return L.join('\n');
}

function labelOf(cases, id, name, short = false) {
  const ct = cases.find((c) => c.id === id)?.contenders.find((k) => k.name === name);
  if (!ct) return name;
  if (short) return { fluxion: 'fluxion', mathjs: 'mathjs', nerdamer: 'nerdamer', algebrite: 'algebrite', ce: '@cortex-js/compute-engine', tfjs: '@tensorflow/tfjs', jaxjs: '@jax-js/jax', ndgrad: 'ndarray-gradient', sympy: 'SymPy', numpy: 'numpy', jax: 'JAX', flint: 'python-flint', loop: 'hand loop' }[ct.lib] ?? ct.lib;
  return ct.label;
}

// ---------------------------------------------------------------------------------------
// The chart: fluxion's speed-up over the fastest correct peer, per case, on a log scale,
// drawn by fluxion's own plot module (`barChart`); the diamond is the hand-written loop.

export function renderChart(results, barChart) {
  if (typeof barChart !== 'function') throw new Error('fluxion does not export barChart(): the chart is drawn with fluxion\'s plot module');
  const bars = results.map((res) => {
    const fx = res.entries.find((e) => e.contender === 'fluxion');
    let best;
    for (const e of res.entries) {
      if (e.contender.startsWith('fluxion') || e.contender.startsWith('loop') || e.status !== 'ok') continue;
      const r = ratio(res, e.contender);
      if (r && (!best || r.value < best.value)) best = { ...r, name: e.contender };
    }
    const loop = ratio(res, 'loop');
    const label = res.title.length > 58 ? `${res.title.slice(0, 56)}…` : res.title;
    if (fx?.status !== 'ok') return { label, value: NaN, note: 'fluxion: no checked result' };
    if (!best) return { label, value: NaN, note: 'no correct peer', marker: loop?.value };
    const note = best.value >= 1 ? `${fmtRatio(best.value)} faster than ${best.name}` : `${best.name} ${fmtRatio(1 / best.value)} faster`;
    return { label, value: best.value, note, marker: loop?.value };
  });
  return barChart(bars, {
    title: 'fluxion speed-up over the fastest correct peer (peer time / fluxion time, log scale)',
    width: 1060,
    log: true,
    reference: 1,
    unit: '×',
    above: 'fluxion faster',
    below: 'peer faster',
    markerLabel: 'hand-written JS loop (below 1×: the loop is faster)',
  });
}
