// The `fluxion` command, spawned as a user runs it: the built dist/cli.js (run `npm run
// build` first), and once from a packed tarball installed into a fresh project (npx fluxion).
// Derivatives are compared with SymPy's (test/fixtures/lab/make_fixtures.py, "cli").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlot } from '../plot/svg-helpers.js';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const fixtures = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/lab/lab.json'), 'utf8')) as {
  cli: { args: string[]; text: string; latex: string }[];
};

let work = '';
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` before the CLI tests.');
  work = mkdtempSync(join(tmpdir(), 'fluxion-cli-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function fluxion(args: string[], cwd = work) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('fluxion diff', () => {
  it.each(fixtures.cli.map((c) => [c.args.join(' '), c] as const))('%s equals SymPy', (_name, c) => {
    const plain = fluxion(['diff', ...c.args]);
    expect(plain.stderr).toBe('');
    expect(plain.status).toBe(0);
    expect(plain.stdout).toBe(c.text + '\n');
    const tex = fluxion(['diff', ...c.args, '--latex']);
    expect(tex.status).toBe(0);
    expect(tex.stdout).toBe(c.latex + '\n');
  });

  it('prints the parser error with a caret under the offending token and exits 2', () => {
    const input = 'sin(x) * * 2';
    const r = fluxion(['diff', input]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    const echo = lines.findIndex((l) => l.includes(input));
    expect(echo, `stderr should quote the input:\n${r.stderr}`).toBeGreaterThanOrEqual(0);
    const caretLine = lines[echo + 1] ?? '';
    expect(caretLine.trim()).toBe('^');
    // the second '*' (index 9) is where an operand was expected
    expect(caretLine.indexOf('^') - lines[echo]!.indexOf(input)).toBe(9);
  });

  it('names an unknown function and exits 2', () => {
    const r = fluxion(['diff', 'frobnicate(x) + 1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('frobnicate');
  });

  it('asks for --wrt when the expression has several variables, and rejects a bad --order', () => {
    const several = fluxion(['diff', 'x*y']);
    expect(several.status).toBe(2);
    expect(several.stderr).toContain('--wrt');
    for (const bad of ['0', '1.5', 'two']) {
      const r = fluxion(['diff', 'x^2', '--order', bad]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--order');
    }
  });
});

describe('fluxion plot', () => {
  it('plots f (red) and its derivative (blue) to the file given by -o', () => {
    const r = fluxion(['plot', 'abs(x)', '-o', 'abs.svg']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('abs.svg');
    const g = readPlot(readFileSync(join(work, 'abs.svg'), 'utf8'));
    const xs = Array.from({ length: 100 }, (_, i) => (i === 99 ? 5 : -5 + (i * 10) / 99));
    const red = g.lines.get('#ff0000')!;
    expect(red).toHaveLength(1);
    red[0]!.forEach(([px, py], i) => {
      expect(Math.abs(px - g.X(xs[i]!))).toBeLessThan(0.006);
      expect(Math.abs(py - g.Y(Math.abs(xs[i]!)))).toBeLessThan(0.006);
    });
    // d|x|/dx = sign(x): two flat pieces, no line across the jump at 0
    const blue = g.lines.get('#0000ff')!;
    expect(blue).toHaveLength(2);
    expect(blue[0]!.every(([, py]) => Math.abs(py - g.Y(-1)) < 0.006)).toBe(true);
    expect(blue[1]!.every(([, py]) => Math.abs(py - g.Y(1)) < 0.006)).toBe(true);
    expect(g.texts.some((t) => t.includes('abs(x)'))).toBe(true);
    expect(g.texts.some((t) => t.includes('sign(x)'))).toBe(true);
  });

  it('writes the SVG to standard output without -o, and honours --xmin/--xmax/--samples', () => {
    const r = fluxion(['plot', 'x^2', '--xmin', '0', '--xmax', '2', '--samples', '11']);
    expect(r.status).toBe(0);
    const g = readPlot(r.stdout);
    expect(g.xlim).toEqual([-0.1, 2.1]);
    expect(g.lines.get('#ff0000')![0]).toHaveLength(11);
  });

  it('rejects an expression of two variables and bad input with exit status 2', () => {
    expect(fluxion(['plot', 'x*y', '--wrt', 'x']).status).toBe(2);
    const bad = fluxion(['plot', '(x', '-o', 'bad.svg']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/\^/);
    expect(existsSync(join(work, 'bad.svg'))).toBe(false);
  });
});

describe('fluxion help and usage', () => {
  it('--help prints the usage and exits 0', () => {
    const r = fluxion(['--help']);
    expect(r.status).toBe(0);
    for (const word of ['fluxion diff', 'fluxion plot', 'fluxion lab', '--wrt', '--order', '--latex']) expect(r.stdout).toContain(word);
  });
  it('no command, an unknown command or an unknown option exit 2', () => {
    expect(fluxion([]).status).toBe(2);
    const unknown = fluxion(['integrate', 'x']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('integrate');
    expect(fluxion(['diff', 'x^2', '--frob']).status).toBe(2);
  });
});

describe('npx fluxion lab from the packed tarball', () => {
  it('replays the lab from an installed package and writes the plots in the current folder', () => {
    const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = join(work, pack.stdout.trim().split('\n').pop()!);
    const project = join(work, 'consumer');
    rmSync(project, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: project, encoding: 'utf8', timeout: 120_000 });
    expect(install.status, install.stderr).toBe(0);
    const lab = spawnSync('npx', ['--no-install', 'fluxion', 'lab', '--runs', '1'], { cwd: project, encoding: 'utf8', timeout: 180_000 });
    expect(lab.status, lab.stderr).toBe(0);
    expect(lab.stdout).toContain('## 5 - Computational Efficiency');
    expect(lab.stdout).toContain('plot saved to lab-output/01_f_and_dfdx.svg');
    expect(readdirSync(join(project, 'lab-output')).filter((f) => f.endsWith('.svg'))).toHaveLength(15);
  }, 300_000);
});
