// The lab's plots rendered by a real browser: every SVG the lab replay writes is shown in one
// page by headless Chromium (Debian's `chromium`), screenshotted to PNG, decoded, and the
// red and blue curves are looked for at the pixels where the functions' exact values put
// them (through the transform each SVG declares on its axes), and not where they must not be.
//
// Needs /usr/bin/chromium: CI installs it (`apt-get install -y chromium`); run as root this
// test installs it when missing, otherwise it fails and says how to install it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLab } from '../../src/lab.js';
import { decodePng, type Image } from './png.js';
import { readPlot, type PlotGeometry } from './svg-helpers.js';

const W = 640;
const H = 480;
const COLS = 4;

function findChromium(): string {
  const look = () => ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  let found = look();
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'inherit', timeout: 600_000 });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { env, stdio: 'inherit', timeout: 600_000 });
    found = look();
    if (found) return found;
  }
  throw new Error(
    'The plot rendering test needs Chromium and it is not installed. Install Debian\'s package: `sudo apt-get install -y chromium`.',
  );
}

interface Rendered {
  file: string;
  geometry: PlotGeometry;
  col: number;
  row: number;
}

let work = '';
let image: Image;
const plots = new Map<string, Rendered>();

beforeAll(() => {
  const chromium = findChromium();
  work = mkdtempSync(join(tmpdir(), 'fluxion-browser-'));
  const files: string[] = [];
  runLab({
    print: () => {},
    runs: 1,
    savePlot(file, svg) {
      writeFileSync(join(work, file), svg);
      files.push(file);
      return file;
    },
  });
  const rows = Math.ceil(files.length / COLS);
  const cells = files.map((file, k) => {
    const col = k % COLS;
    const row = Math.floor(k / COLS);
    plots.set(file, { file, geometry: readPlot(readFileSync(join(work, file), 'utf8')), col, row });
    return `<img src="${file}" width="${W}" height="${H}" style="position:absolute;left:${col * W}px;top:${row * H}px">`;
  });
  writeFileSync(
    join(work, 'page.html'),
    `<!doctype html><html><body style="margin:0;background:#fff">${cells.join('')}</body></html>`,
  );
  const png = join(work, 'page.png');
  execFileSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      `--user-data-dir=${join(work, 'profile')}`,
      `--window-size=${COLS * W},${rows * H}`,
      `--screenshot=${png}`,
      `file://${join(work, 'page.html')}`,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  image = decodePng(readFileSync(png));
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

type Colour = 'red' | 'blue' | 'black';
function pixel(x: number, y: number): [number, number, number] {
  const i = 4 * (y * image.width + x);
  return [image.rgba[i]!, image.rgba[i + 1]!, image.rgba[i + 2]!];
}
function is(colour: Colour, [r, g, b]: [number, number, number]): boolean {
  if (colour === 'red') return r > 180 && g < 90 && b < 90;
  if (colour === 'blue') return b > 180 && r < 90 && g < 90;
  return r < 110 && g < 110 && b < 110;
}
/** Whether a pixel of `colour` lies within `radius` of the plot's pixel (px, py). */
function near(p: Rendered, colour: Colour, px: number, py: number, radius = 3): boolean {
  const cx = Math.round(p.col * W + px);
  const cy = Math.round(p.row * H + py);
  for (let y = cy - radius; y <= cy + radius; y++) {
    for (let x = cx - radius; x <= cx + radius; x++) {
      if (x >= 0 && y >= 0 && x < image.width && y < image.height && is(colour, pixel(x, y))) return true;
    }
  }
  return false;
}

const SAMPLES = Array.from({ length: 100 }, (_, i) => (i === 99 ? 5 : -5 + (i * 10) / 99));

/**
 * Checks a curve where it is visible: at every `every`-th sample point (or, with
 * `midpoints`, halfway between samples, where the blue dots drawn on top leave the red line
 * uncovered), where the value is finite, inside the box and outside the legend.
 */
function expectCurve(
  file: string,
  colour: 'red' | 'blue',
  f: (x: number) => number,
  keep: (x: number) => boolean = () => true,
  { every = 7, midpoints = false } = {},
) {
  const p = plots.get(file);
  expect(p, `the lab wrote no ${file}`).toBeDefined();
  const g = p!.geometry;
  const [lx, ly, lw, lh] = g.legend;
  const dots = g.dots.get('#0000ff') ?? [];
  // Blue is drawn over red: where the blue curve passes close by, red may be hidden.
  const blueVertices = colour === 'red' ? [...(g.lines.get('#0000ff') ?? []).flat(), ...dots] : [];
  let checked = 0;
  for (let i = 3; i < SAMPLES.length - 1; i += every) {
    const x = midpoints ? (SAMPLES[i]! + SAMPLES[i + 1]!) / 2 : SAMPLES[i]!;
    const y = f(x);
    if (!keep(x) || !Number.isFinite(y)) continue;
    const px = g.X(x);
    const py = g.Y(y);
    if (py < g.box[1] || py > g.box[1] + g.box[3]) continue;
    if (px > lx - 4 && px < lx + lw + 4 && py > ly - 4 && py < ly + lh + 4) continue;
    if (midpoints && dots.some(([dx, dy]) => Math.hypot(dx - px, dy - py) < 6)) continue;
    if (!midpoints && blueVertices.some(([bx, by]) => Math.hypot(bx - px, by - py) < 6)) continue;
    expect(near(p!, colour, px, py), `${file}: no ${colour} pixel at x = ${x}, y = ${y}`).toBe(true);
    checked++;
  }
  expect(checked, `${file}: too few visible ${colour} points checked`).toBeGreaterThanOrEqual(3);
}

const sign = (x: number) => Math.sign(x);

describe('the lab plots rendered by Chromium', () => {
  it('draws both curves of every lab plot where the functions put them', () => {
    expect(plots.size).toBe(15);
    expectCurve('01_f_and_dfdx.svg', 'red', (x) => x * x);
    expectCurve('01_f_and_dfdx.svg', 'blue', (x) => 2 * x);
    expectCurve('02_f_symb_and_dfdx_symb.svg', 'red', (x) => x * x);
    expectCurve('02_f_symb_and_dfdx_symb.svg', 'blue', (x) => 2 * x);
    expectCurve('03_numerical_x2.svg', 'blue', (x) => 2 * x, (x) => Math.abs(x) < 4.9);
    // In 03 and 05 the blue dots sit on the red line, and exp is its own derivative: blue hides
    // red (as in the lab's matplotlib figures); the red shows in the legend.
    for (const file of ['03_numerical_x2.svg', '05_numerical_abs.svg', '07_g_exp.svg']) {
      const p = plots.get(file)!;
      const [lx, ly] = p.geometry.legend;
      expect(near(p, 'red', lx + 20, ly + 15, 1), `${file}: no red line sample in the legend`).toBe(true);
    }
    expectCurve('04_numerical_composed.svg', 'red', (x) => 9 * Math.cos(3 * x) - 2 * Math.exp(-2 * x), () => true, {
      every: 1,
      midpoints: true,
    });
    expectCurve('04_numerical_composed.svg', 'blue', (x) => 9 * Math.cos(3 * x) - 2 * Math.exp(-2 * x), (x) => x > -2);
    expectCurve('05_numerical_abs.svg', 'blue', sign, (x) => Math.abs(x) > 0.2);
    expectCurve('06_f_and_vmap_grad_f.svg', 'red', (x) => x * x);
    expectCurve('06_f_and_vmap_grad_f.svg', 'blue', (x) => 2 * x);
    const gs: [string, (x: number) => number, (x: number) => number, (x: number) => boolean][] = [
      ['cube', (x) => x ** 3, (x) => 3 * x * x, () => true],
      ['polynomial', (x) => 2 * x ** 3 - 3 * x * x + 5, (x) => 6 * x * x - 6 * x, () => true],
      ['reciprocal', (x) => 1 / x, (x) => -1 / (x * x), () => true],
      ['exp', Math.exp, Math.exp, () => true],
      ['log', Math.log, (x) => 1 / x, () => true],
      ['sin', Math.sin, Math.cos, () => true],
      ['cos', Math.cos, (x) => -Math.sin(x), () => true],
      ['abs', Math.abs, sign, () => true],
      ['abs_plus_sin_cos', (x) => Math.abs(x) + Math.sin(x) * Math.cos(x), (x) => sign(x) + Math.cos(2 * x), () => true],
    ];
    for (const [name, g, dg, keep] of gs) {
      if (name !== 'exp') expectCurve(`07_g_${name}.svg`, 'red', g, keep, { every: 1 });
      expectCurve(`07_g_${name}.svg`, 'blue', dg, keep, { every: 3 });
    }
  });

  it('shows the numerical derivative of |x| at -0.5 and 0.5 next to the jump (blue dots)', () => {
    const p = plots.get('05_numerical_abs.svg')!;
    const g = p.geometry;
    expect(near(p, 'blue', g.X(SAMPLES[49]!), g.Y(-0.5), 2)).toBe(true);
    expect(near(p, 'blue', g.X(SAMPLES[50]!), g.Y(0.5), 2)).toBe(true);
  });

  it('draws nothing across the jump of d|x|/dx and nothing where no curve passes', () => {
    const p = plots.get('07_g_abs.svg')!;
    const g = p.geometry;
    // The column at x = 0 between y = -0.7 and y = 0.7 holds no blue: the jump is not bridged.
    for (let y = Math.ceil(g.Y(0.7)); y <= Math.floor(g.Y(-0.7)); y++) {
      expect(near(p, 'blue', g.X(0), y, 1), `blue at x = 0, pixel row ${y}`).toBe(false);
    }
    // Mirror images of the curves are empty: |x| is never negative, x^2 never at -9.
    expect(near(p, 'red', g.X(3), g.Y(-3))).toBe(false);
    const q = plots.get('01_f_and_dfdx.svg')!;
    expect(near(q, 'red', q.geometry.X(3), q.geometry.Y(-9))).toBe(false);
    expect(near(q, 'blue', q.geometry.X(3), q.geometry.Y(-6))).toBe(false);
  });

  it('renders the spines through the origin in black', () => {
    for (const file of ['01_f_and_dfdx.svg', '07_g_sin.svg']) {
      const p = plots.get(file)!;
      const g = p.geometry;
      expect(near(p, 'black', g.X(0), g.box[1] + 5, 1), `${file}: no vertical spine at x = 0`).toBe(true);
      expect(near(p, 'black', g.box[0] + 5, g.Y(0), 1), `${file}: no horizontal spine at y = 0`).toBe(true);
    }
  });
});
