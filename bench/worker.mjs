// One benchmark process, started by run.mjs (never run by hand, though it can be):
//   node bench/worker.mjs cold CASE CONTENDER      first call in this fresh process + check
//   node bench/worker.mjs warm CASE C1,C2,...       interleaved warm repetitions
// Prints one JSON line on stdout.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { CASES, LIBS, Missing, makeContext } from './cases.mjs';
import { interleaved, timeOnce } from './lib/measure.mjs';
import { checkArray, checkScalar, checkExpand, checkFactor } from './lib/check.mjs';

const [mode, caseId, names] = process.argv.slice(2);
const c = CASES.find((k) => k.id === caseId);
if (!c) throw new Error(`no case ${caseId}`);

/** The version of an installed peer (bench/node_modules) or of fluxion itself. */
export function versionOf(lib) {
  const pkg = LIBS[lib]?.pkg;
  if (!pkg) return '';
  const url = pkg === 'fluxion' ? new URL('../package.json', import.meta.url) : new URL(`./node_modules/${pkg}/package.json`, import.meta.url);
  try {
    return JSON.parse(readFileSync(url, 'utf8')).version;
  } catch {
    return '?';
  }
}

async function prepare(ct, ctx) {
  const t0 = performance.now();
  const lib = await LIBS[ct.lib].load();
  const importMs = performance.now() - t0;
  const fx = ct.lib === 'fluxion' ? lib : undefined;
  const made = await ct.setup({ ...ctx, lib, fx });
  return { importMs, made };
}

function check(value, ref, precision) {
  if (ref.kind === 'array') {
    if (typeof value === 'number') return { ok: false, detail: `a number (${value}), expected an array` };
    return checkArray(value, ref.value, precision);
  }
  if (ref.kind === 'scalar') return checkScalar(value, ref.value, precision);
  if (ref.kind === 'expand') return checkExpand(value, ref.input, ref.terms);
  return checkFactor(value, ref.input, ref);
}

function errorText(e) {
  const s = e && e.message ? e.message : String(e);
  return s.split('\n')[0].slice(0, 200);
}

async function cold(name) {
  const ct = c.contenders.find((k) => k.name === name);
  const ctx = makeContext(c);
  const ref = c.reference(ctx);
  const out = { contender: name, version: versionOf(ct.lib) };
  let prepared;
  try {
    prepared = await prepare(ct, ctx);
  } catch (e) {
    return { ...out, status: e instanceof Missing ? 'missing' : 'error', error: errorText(e) };
  }
  out.importMs = prepared.importMs;
  let r;
  try {
    r = timeOnce(prepared.made, 1);
  } catch (e) {
    return { ...out, status: e instanceof Missing ? 'missing' : 'error', error: errorText(e) };
  }
  out.coldMs = r.ms;
  if (r.phaseMs) out.coldPhases = r.phaseMs;
  const chk = ct.evalOnly ? { ok: true, detail: 'f itself (a yardstick, not a derivative): not checked' } : check(r.value, ref, ct.precision);
  if (prepared.made.info) out.info = prepared.made.info();
  out.status = chk.ok ? 'ok' : 'wrong';
  out.check = chk.detail;
  if (!chk.ok && typeof r.value === 'string') out.answer = r.value.slice(0, 160);
  return out;
}

async function warm(list) {
  const ctx = makeContext(c);
  const ready = [];
  for (const name of list) {
    const ct = c.contenders.find((k) => k.name === name);
    const { made } = await prepare(ct, ctx);
    ready.push({ name, ...made });
  }
  return interleaved(ready, { warmup: 2, reps: c.reps ?? 15, minReps: 3, budgetMs: c.budgetMs ?? 2500 });
}

const result = mode === 'cold' ? await cold(names) : await warm(names.split(','));
process.stdout.write(JSON.stringify(result) + '\n');
// Some peers keep timers or worker threads alive; the answer is written, so leave.
process.exit(0);
