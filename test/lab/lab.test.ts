// The lab replay, end to end: runs `node examples/lab.mjs` against the built package (run
// `npm run build` first) and compares every printed `label = value` with the numbers NumPy,
// SymPy and JAX (float64) produce for the same cells (test/fixtures/lab/make_fixtures.py).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlot } from '../plot/svg-helpers.js';

type Encoded = number | 'NaN' | 'Infinity' | '-Infinity';
type Fixture =
  | { kind: 'number'; value: Encoded; rtol: number }
  | { kind: 'array'; values: Encoded[]; rtol: number }
  | { kind: 'ends'; length: number; head: Encoded[]; tail: Encoded[]; rtol: number }
  | { kind: 'string'; value: string }
  | { kind: 'expr'; text: string; latex: string };

interface Fixtures {
  values: Record<string, Fixture>;
  jax: null | {
    g: Record<string, Encoded[]>;
    'grad(f)(3.0)': number;
    'vmap(grad(f))(xArrayJnp)': number[];
    resAuto: number[];
    resPolynomialAuto: number[];
  };
}

const ROOT = resolve(__dirname, '../..');
const fixtures = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/lab/lab.json'), 'utf8')) as Fixtures;
const dec = (v: Encoded): number => (typeof v === 'number' ? v : Number(v));

interface Printed {
  value: string;
  latex?: string;
}

let outDir = '';
let stdout = '';
const printed = new Map<string, Printed[]>();

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) {
    throw new Error('dist/cli.js is missing: run `npm run build` before this test (the lab replay runs the built package).');
  }
  outDir = mkdtempSync(join(tmpdir(), 'fluxion-lab-'));
  const run = spawnSync(process.execPath, ['examples/lab.mjs', '--out', outDir, '--runs', '2'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  stdout = run.stdout;
  if (run.status !== 0) throw new Error(`the lab exited with ${run.status}:\n${run.stderr}\n${run.stdout.slice(-2000)}`);
  let last: Printed | undefined;
  for (const line of stdout.split('\n')) {
    const latex = /^ {2}LaTeX: (.*)$/.exec(line);
    if (latex && last) {
      last.latex = latex[1]!;
      continue;
    }
    const at = line.lastIndexOf(' = ');
    if (at <= 0 || line.startsWith(' ')) {
      last = undefined;
      continue;
    }
    const entry: Printed = { value: line.slice(at + 3) };
    const label = line.slice(0, at);
    printed.set(label, [...(printed.get(label) ?? []), entry]);
    last = entry;
  }
}, 200_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

function parseArray(text: string): { values: number[]; length: number; elided: boolean } {
  const m = /^Float64Array(?:\((\d+)\))? \[(.*)\]$/.exec(text);
  if (!m) throw new Error(`not a printed Float64Array: ${text}`);
  const parts = m[2]!.trim() === '' ? [] : m[2]!.split(', ');
  const elided = parts.includes('…');
  return { values: parts.filter((p) => p !== '…').map(Number), length: m[1] ? Number(m[1]) : parts.length, elided };
}

function expectClose(actual: number, expected: number, rtol: number, what: string): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected) || rtol === 0) {
    expect(Object.is(actual, expected) || actual === expected, `${what}: got ${actual}, expected ${expected}`).toBe(true);
  } else {
    expect(Math.abs(actual - expected), `${what}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(rtol * Math.abs(expected));
  }
}

describe('npm run lab: every printed value equals NumPy / SymPy', () => {
  it.each(Object.entries(fixtures.values))('%s', (label, fx) => {
    const seen = printed.get(label);
    expect(seen, `the lab printed no line "${label} = …"`).toBeDefined();
    for (const p of seen!) {
      switch (fx.kind) {
        case 'number':
          expectClose(Number(p.value), dec(fx.value), fx.rtol, label);
          break;
        case 'string':
          expect(JSON.parse(p.value)).toBe(fx.value);
          break;
        case 'expr':
          expect(p.value).toBe(fx.text);
          expect(p.latex).toBe(fx.latex);
          break;
        case 'array': {
          const a = parseArray(p.value);
          expect(a.elided).toBe(false);
          expect(a.values.length).toBe(fx.values.length);
          a.values.forEach((v, i) => expectClose(v, dec(fx.values[i]!), fx.rtol, `${label}[${i}]`));
          break;
        }
        case 'ends': {
          const a = parseArray(p.value);
          expect(a.length).toBe(fx.length);
          expect(a.values.length).toBe(6);
          [...fx.head, ...fx.tail].forEach((v, i) => expectClose(a.values[i]!, dec(v), fx.rtol, `${label} end value ${i}`));
          break;
        }
      }
    }
  });
});

describe('npm run lab: the cells where SymPy and JAX fail', () => {
  it('shows that an Expr is not callable, and the JAX-style error of grad on an array', () => {
    expect(stdout).toMatch(/^fSymb\(xArray\) throws TypeError: .+/m);
    expect(stdout).toMatch(
      /^grad\(f\)\(xArrayJnp\) throws \w+: Gradient only defined for scalar-output functions\. Output had shape: \[3\]\./m,
    );
  });
  it('notes what SymPy did beside the working answers', () => {
    expect(stdout).toContain("'Pow' object is not callable");
    expect(stdout).toContain('-Subs(Derivative(re(x), x), x, -2)');
    expect(stdout).toContain('PrintMethodNotImplementedError');
  });
  it('agrees with JAX (float64) on every autodiff value except at the kink of |x|, where JAX differs by 1', () => {
    if (fixtures.jax === null) throw new Error('lab.json was made without the JAX venv; rerun make_fixtures.py with /work/main/.venv-oracle');
    const jax = fixtures.jax;
    expect(Number(printed.get('grad(f)(3.0)')![0]!.value)).toBe(jax['grad(f)(3.0)']);
    expect(parseArray(printed.get('vmap(grad(f))(xArrayJnp)')![0]!.value).values).toEqual(jax['vmap(grad(f))(xArrayJnp)']);
    for (const [name, values] of Object.entries(jax.g)) {
      const ours = parseArray(printed.get(`g(x) = ${name}: vmap(grad(g))(probe)`)![0]!.value).values;
      values.forEach((v, i) => {
        const j = dec(v);
        if (name.startsWith('abs(x)') && i === 2) {
          expect(j - ours[i]!, `${name} at 0: JAX takes d|x|/dx(0) = 1, fluxion sign(0) = 0`).toBe(1);
        } else {
          expectClose(ours[i]!, j, 1e-12, `${name}[${i}] vs JAX`);
        }
      });
    }
    const auto = parseArray(printed.get('resPolynomialAuto')![0]!.value).values;
    auto.forEach((v, i) => expectClose(v, jax.resPolynomialAuto[i]!, 1e-12, `resPolynomialAuto[${i}] vs JAX`));
  });
});

describe('npm run lab: section 5 and the plots', () => {
  it('checks the results equal and prints the timing table', () => {
    const checks = stdout.match(/check: symbolic, automatic and jit \(both modes\) equal the hand-written loop: (\w+)/g) ?? [];
    expect(checks).toEqual([
      'check: symbolic, automatic and jit (both modes) equal the hand-written loop: yes',
      'check: symbolic, automatic and jit (both modes) equal the hand-written loop: yes',
    ]);
    const rows = stdout.split('\n').filter((l) => l.startsWith('| '));
    expect(rows[0]).toMatch(/\| method +\| x\^2 first \| x\^2 median \| f_polynomial first \| f_polynomial median \|/);
    expect(rows.slice(1).map((r) => r.split('|')[1]!.trim())).toEqual([
      'symbolic: lambdify([x], diff(f(x), x))(xs)',
      'numerical: gradient(f(xs), xs)',
      'automatic: vmap(grad(f))(xs)',
      'automatic, compiled: jit(vmap(grad(f)))(xs)',
      'compiled, fastmath: jit(vmap(grad(f)), { fastmath: true })(xs)',
      'hand-written loop',
    ]);
    for (const r of rows.slice(1)) {
      for (const cell of r.split('|').slice(2, 6)) expect(Number(cell.trim())).toBeGreaterThanOrEqual(0);
    }
  });

  it('writes every plot of the lab as a well-formed SVG with red (and blue) series, and says where', () => {
    const files = readdirSync(outDir).filter((f) => f.endsWith('.svg')).sort();
    expect(files).toHaveLength(15);
    for (const file of files) {
      expect(stdout).toContain(`plot saved to ${join(outDir, file)}`);
      const g = readPlot(readFileSync(join(outDir, file), 'utf8'));
      expect(g.lines.get('#ff0000')!.flat().length, `${file}: red points`).toBeGreaterThan(40);
      const blue = [...(g.lines.get('#0000ff') ?? []).flat(), ...(g.dots.get('#0000ff') ?? [])];
      expect(blue.length, `${file}: blue points`).toBeGreaterThan(40);
    }
    expect(stdout).toContain(`Every plot of the lab is in ${outDir}`);
  });
});
