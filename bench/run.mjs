// fluxion's benchmark: `npm run bench` (= npm run build && node bench/run.mjs).
//
// Installs the peers (bench/package.json devDependencies) when missing, runs every case of
// bench/cases.mjs on every contender, checks every answer, and writes docs/benchmarks.md and
// docs/benchmarks.svg (raw figures: bench/results/latest.json, not committed).
//
// Options: --only=ID[,ID...]  run only these cases (prefix match)
//          --no-write         print the summary, write nothing under docs/
//          --report-only      rewrite docs/ from bench/results/latest.json without running
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const write = !args.includes('--no-write');
const reportOnly = args.includes('--report-only');
const started = performance.now();

const log = (...a) => console.log(...a);

// ---------------------------------------------------------------------------------------
// 1. Peers installed? dist built?

function ensurePeers() {
  const pkg = JSON.parse(readFileSync(path.join(BENCH, 'package.json'), 'utf8'));
  const missing = Object.keys(pkg.devDependencies).filter((p) => !existsSync(path.join(BENCH, 'node_modules', p, 'package.json')));
  if (!missing.length) return;
  log(`installing benchmark peers (${missing.join(', ')}) into bench/node_modules ...`);
  const lock = existsSync(path.join(BENCH, 'package-lock.json'));
  const r = spawnSync('npm', [lock ? 'ci' : 'install', '--prefix', BENCH, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ${lock ? 'ci' : 'install'} --prefix bench failed (exit ${r.status}); peers are needed for the benchmark`);
}
ensurePeers();
if (!existsSync(path.join(ROOT, 'dist', 'index.js'))) {
  throw new Error('dist/index.js is missing: run `npm run bench` (which builds first) or `npm run build`.');
}
// Workers import a snapshot of the build, so a rebuild during the run changes nothing.
const SNAP = path.join(BENCH, 'results', 'fluxion');
mkdirSync(SNAP, { recursive: true });
copyFileSync(path.join(ROOT, 'dist', 'index.js'), path.join(SNAP, 'index.js'));
process.env.FLUXION_DIST = path.join(SNAP, 'index.js');

const { CASES, LIBS } = await import('./cases.mjs');
const { renderMarkdown, renderChart, summaryLine } = await import('./lib/report.mjs');

// ---------------------------------------------------------------------------------------
// 2. Python interpreters: numpy/SymPy in python3; JAX from .venv-oracle; python-flint wherever importable.

function pyCan(interp, code) {
  if (!interp) return null;
  const r = spawnSync(interp, ['-c', code], { encoding: 'utf8', timeout: 60000 });
  return r.status === 0 ? r.stdout.trim() : null;
}
const VENV = path.join(ROOT, '.venv-oracle', 'bin', 'python');
const PY = {};
PY.python3 = pyCan('python3', 'import numpy, sympy; print(numpy.__version__, sympy.__version__)') ? 'python3' : null;
PY.jax = existsSync(VENV) && pyCan(VENV, 'import jax; print(jax.__version__)') ? VENV : null;
PY.flint = [VENV, 'python3'].find((i) => (i === VENV ? existsSync(VENV) : true) && pyCan(i, 'import flint; print(flint.__version__)')) ?? null;
const PY_WHY = {
  python3: 'python3 with numpy and SymPy not found',
  jax: `JAX not importable (expected in ${path.relative(ROOT, VENV)}: python3 -m venv .venv-oracle && .venv-oracle/bin/pip install jax==0.10.2 jaxlib==0.10.2)`,
  flint: 'python-flint not importable (pip install python-flint into .venv-oracle to add it)',
};

// ---------------------------------------------------------------------------------------
// 3. Run.

const WARM_LIMIT_MS = 2500; // a contender whose first call takes longer is timed once (cold) only
const COLD_REPEAT_MS = 1500; // algebra: first calls faster than this are repeated in 2 more fresh processes
const results = [];
const importMs = new Map(); // longest import seen per peer, for the cold-call timeouts

function runJson(cmd, argv, timeoutMs) {
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { cwd: BENCH, encoding: 'utf8', timeout: Math.round(timeoutMs), maxBuffer: 64 << 20, killSignal: 'SIGKILL' });
  const wall = performance.now() - t0;
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL') return { status: 'timeout', error: `no answer within ${Math.round(timeoutMs / 1000)} s`, wall };
  const line = (r.stdout || '').trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (r.status !== 0 || !line) {
    const err = (r.stderr || '').trim().split('\n').filter((l) => /Error|error|Exception/.test(l)).pop() ?? (r.stderr || '').trim().split('\n').pop();
    return { status: 'error', error: (err || `exit ${r.status}`).slice(0, 200), wall };
  }
  return { ...JSON.parse(line), wall };
}

function checkPython(c, res) {
  // Python answers are checked here with the same functions the JS worker uses.
  return import('./lib/check.mjs').then(({ checkArray, checkScalar, checkExpand, checkFactor }) => {
    return import('./cases.mjs').then(({ makeContext }) => {
      const ref = c.reference(makeContext(c));
      const r = res.result;
      const ct = c.contenders.find((k) => k.name === res.contender);
      if (ref.kind === 'array') return checkArray(r.idx ? r : null, ref.value, ct.precision);
      if (ref.kind === 'scalar') return checkScalar(r.scalar, ref.value, ct.precision);
      if (ref.kind === 'expand') return checkExpand(r.text, ref.input, ref.terms);
      return checkFactor(r.text, ref.input, ref);
    });
  });
}

// The whole run must stay under 10 minutes on the project's 2-core machine: past this budget
// the remaining cases are listed as skipped rather than run.
const RUN_BUDGET_S = Number(process.env.BENCH_BUDGET_S ?? 540);
for (const c of reportOnly ? [] : CASES) {
  if (only && !only.some((o) => c.id.startsWith(o))) continue;
  const t0 = performance.now();
  if ((t0 - started) / 1000 > RUN_BUDGET_S) {
    const entries = c.contenders.map((k) => ({ contender: k.name, vs: k.vs ?? 'fluxion', status: 'skipped', error: `run budget of ${RUN_BUDGET_S} s used up` }));
    results.push({ id: c.id, group: c.group, title: c.title, points: c.points, basis: c.basis, entries, seconds: 0 });
    log(`${c.id}: skipped (run budget)`);
    continue;
  }
  const coldTimeout = c.algebra ? 3000 : 10000;
  const entries = [];
  for (const ct of c.contenders) {
    if (ct.missing) {
      entries.push({ contender: ct.name, vs: ct.vs ?? 'fluxion', status: 'missing', error: ct.missing, version: versionOf(ct.lib) });
    } else if (ct.kind === 'js') {
      // The cap is for the call: the process start and the peer's import (measured on its
      // earlier runs, 3 s until then) are allowed on top.
      const allowance = 500 + 2 * (importMs.get(ct.lib) ?? 1500);
      const r = runJson(process.execPath, ['worker.mjs', 'cold', c.id, ct.name], coldTimeout + allowance);
      if (Number.isFinite(r.importMs)) importMs.set(ct.lib, Math.max(importMs.get(ct.lib) ?? 0, r.importMs));
      if (r.status === 'timeout') r.error = `no answer within ${coldTimeout / 1000} s (after its import)`;
      entries.push({ ...r, contender: ct.name, vs: ct.vs ?? 'fluxion', version: r.version ?? versionOf(ct.lib) });
    } else {
      const interp = PY[ct.py];
      if (!interp) {
        entries.push({ contender: ct.name, vs: ct.vs ?? 'fluxion', status: 'absent', error: PY_WHY[ct.py] });
        continue;
      }
      const r = runJson(interp, ['python/contenders.py', c.id, ct.name, '1', '15', '2.5'], c.algebra ? 20000 : 60000);
      if (r.status === 'timeout' || r.status === 'error') {
        entries.push({ contender: ct.name, vs: ct.vs ?? 'fluxion', ...r });
        continue;
      }
      const chk = await checkPython(c, { ...r, contender: ct.name });
      entries.push({
        contender: ct.name,
        vs: ct.vs ?? 'fluxion',
        version: r.version,
        coldMs: r.cold_ms,
        coldPhases: r.cold_phases,
        status: chk.ok ? 'ok' : 'wrong',
        check: chk.detail,
        answer: !chk.ok && r.result?.text ? r.result.text.slice(0, 160) : undefined,
        warm: r.warm ? { ...r.warm, phases: r.warm.phases ?? undefined } : undefined,
      });
    }
  }
  // Algebra compares first calls: repeat each quick one in two more fresh processes and
  // keep the median, so one figure is not one sample of a noisy machine.
  if (c.algebra) {
    for (const e of entries) {
      if (e.status !== 'ok' || !(e.coldMs < COLD_REPEAT_MS)) continue;
      const ct = c.contenders.find((k) => k.name === e.contender);
      const runs = [e.coldMs];
      for (let k = 0; k < 2; k++) {
        const r = ct.kind === 'js'
          ? runJson(process.execPath, ['worker.mjs', 'cold', c.id, ct.name], coldTimeout + 500 + 2 * (importMs.get(ct.lib) ?? 1500))
          : runJson(PY[ct.py], ['python/contenders.py', c.id, ct.name, '0', '0', '0'], 20000);
        const ms = r.coldMs ?? r.cold_ms;
        if (Number.isFinite(ms)) runs.push(ms);
      }
      e.coldRuns = runs;
      e.coldMs = [...runs].sort((a, b) => a - b)[runs.length >> 1];
    }
  }
  // Warm, interleaved: the JS contenders that answered correctly (or wrongly: a wrong
  // answer is still timed, and reported as WRONG) quickly enough.
  const warmNames = entries
    .filter((e) => (e.status === 'ok' || e.status === 'wrong') && c.contenders.find((k) => k.name === e.contender).kind === 'js' && e.coldMs <= WARM_LIMIT_MS)
    .map((e) => e.contender);
  if (warmNames.length) {
    const w = runJson(process.execPath, ['worker.mjs', 'warm', c.id, warmNames.join(',')], 120000);
    for (const e of entries) {
      if (w[e.contender]) e.warm = w[e.contender];
      else if (warmNames.includes(e.contender)) e.warmError = w.error ?? 'no warm figure';
    }
  }
  const res = { id: c.id, group: c.group, title: c.title, points: c.points, basis: c.basis, entries, seconds: (performance.now() - t0) / 1000 };
  results.push(res);
  log(summaryLine(res));
}

function versionOf(lib) {
  const pkg = LIBS[lib]?.pkg;
  if (!pkg) return '';
  const file = pkg === 'fluxion' ? path.join(ROOT, 'package.json') : path.join(BENCH, 'node_modules', pkg, 'package.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')).version;
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------------------
// 4. Report.

const totalSeconds = (performance.now() - started) / 1000;
const machine = {
  os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
  cpu: `${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}`,
  memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
  node: process.version,
  load: os.loadavg().map((v) => v.toFixed(1)).join(' '),
  python: pyCan('python3', 'import sys; print(sys.version.split()[0])') ?? 'absent',
};
const LATEST = path.join(BENCH, 'results', 'latest.json');
let report = { date: new Date().toISOString(), machine, results, totalSeconds };
if (reportOnly) report = JSON.parse(readFileSync(LATEST, 'utf8'));
else writeFileSync(LATEST, JSON.stringify(report, null, 1));

if (write) {
  const { barChart } = await import(pathToFileURL(process.env.FLUXION_DIST).href);
  const svg = renderChart(report.results, barChart);
  writeFileSync(path.join(ROOT, 'docs', 'benchmarks.svg'), svg);
  const md = renderMarkdown({ ...report, py: PY, pyWhy: PY_WHY, cases: CASES });
  writeFileSync(path.join(ROOT, 'docs', 'benchmarks.md'), md);
  log(`wrote docs/benchmarks.md and docs/benchmarks.svg (run: ${report.totalSeconds.toFixed(0)} s)`);
} else {
  log(`done in ${totalSeconds.toFixed(0)} s (nothing written: --no-write)`);
}
