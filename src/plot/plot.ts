import { FluxionTypeError, describeValue } from '../core/errors.js';
import { linspace } from '../numeric/linspace.js';
import { niceStep, px, xmlEscape } from './svg.js';

/**
 * A function `plot` can draw: one that takes the whole `Float64Array` of sample points
 * (a fluxion op composition, `vmap(grad(f))`, a lambdified expression) or one that takes a
 * single number (a plain JavaScript function). `plot` tries the array first and falls back
 * to calling it point by point.
 */
export type PlotFunction = ((x: Float64Array) => unknown) | ((x: number) => unknown);

/** Options of {@link plot}. Every field is optional. */
export interface PlotOptions {
  /** Left end of the sampled interval (default `-5`). */
  readonly xMin?: number;
  /** Right end of the sampled interval (default `5`). */
  readonly xMax?: number;
  /** Number of sample points, `linspace(xMin, xMax, samples)` (default `100`). */
  readonly samples?: number;
  /** Legend label of the first (red) series (default `f(x)`). */
  readonly label1?: string;
  /** Legend label of the second (blue) series (default `f'(x)`). */
  readonly label2?: string;
  /** Width of the SVG in pixels (default `640`). */
  readonly width?: number;
  /** Height of the SVG in pixels (default `480`). */
  readonly height?: number;
  /** Lower end of the y axis (default: the data's minimum minus a 5% margin). */
  readonly yMin?: number;
  /** Upper end of the y axis (default: the data's maximum plus a 5% margin). */
  readonly yMax?: number;
  /** Optional title printed above the axes. */
  readonly title?: string;
}

/** Pure red and pure blue: matplotlib's `'r'` and `'b'`. */
const RED = '#ff0000';
const BLUE = '#0000ff';

/** A series to draw: its values at the sample points and, for lines, how to refine it. */
interface Series {
  readonly ys: Float64Array;
  readonly style: 'line' | 'dots';
  readonly color: string;
  readonly label: string;
  /** Evaluates the function at one point (used to tell jumps from steep slopes). */
  readonly at?: (x: number) => number;
  /** The function's values halfway between neighbouring samples (lines only). */
  readonly mids?: Float64Array;
}

/**
 * Draws `f1` as a red line and, optionally, `f2` as a blue line (a function) or blue dots
 * (an array of values at the sample points), on axes that cross at the origin, with a
 * legend: the lab's `plot_f1_and_f2`, as a self-contained SVG document string.
 *
 * Samples are `linspace(xMin, xMax, samples)`. NaN and ±Infinity leave gaps, and no line is
 * drawn across a discontinuity: where two neighbouring samples differ by more than 5% of
 * the plot's height, `plot` bisects the interval and breaks the line if the difference does
 * not shrink (a jump such as `d|x|/dx` at 0, or a pole such as `1/x` at 0), while a steep but
 * continuous stretch stays connected.
 *
 * The root `<g class="axes">` element carries `data-xlim`, `data-ylim` (the data
 * coordinates of the plotting box's edges) and `data-box` (`left top width height` in
 * pixels), so a reader can map values to pixels.
 *
 * @param f1 the first function, drawn as a red line
 * @param f2 the second function (blue line), or its values at the sample points (blue dots)
 * @param options interval, sample count, labels, size and y range (see {@link PlotOptions})
 * @returns an SVG document (`<svg xmlns="http://www.w3.org/2000/svg" …>…</svg>`)
 * @example
 * ```ts
 * import { plot, mul } from 'fluxion';
 * const svg = plot((x) => mul(x, x), (x) => mul(2, x), { samples: 5 });
 * svg.startsWith('<svg'); // true
 * svg.includes('stroke="#ff0000"'); // true
 * ```
 */
export function plot(
  f1: (x: Float64Array) => unknown,
  f2?: ((x: Float64Array) => unknown) | Float64Array | readonly number[] | null,
  options?: PlotOptions,
): string;
/**
 * Same as the signature above, for any mix of array functions and plain JavaScript functions
 * of one number (those are called point by point, like `numpy.vectorize`).
 *
 * @param f1 the first function, drawn as a red line
 * @param f2 the second function (blue line), or its values at the sample points (blue dots)
 * @param options interval, sample count, labels, size and y range (see {@link PlotOptions})
 * @returns an SVG document
 * @example
 * ```ts
 * import { plot } from 'fluxion';
 * const dAbs = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : null);
 * plot(dAbs, undefined, { samples: 3 }).includes('<path'); // true
 * ```
 */
export function plot(f1: PlotFunction, f2?: PlotFunction | Float64Array | readonly number[] | null, options?: PlotOptions): string;
export function plot(
  f1: PlotFunction,
  f2?: PlotFunction | Float64Array | readonly number[] | null,
  options: PlotOptions = {},
): string {
  const xMin = options.xMin ?? -5;
  const xMax = options.xMax ?? 5;
  const samples = options.samples ?? 100;
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  checkFinite('xMin', xMin);
  checkFinite('xMax', xMax);
  if (!(xMax > xMin)) {
    throw new FluxionTypeError(`plot: xMax must be greater than xMin, got xMin = ${xMin}, xMax = ${xMax}. Swap them or widen the interval.`);
  }
  if (!Number.isInteger(samples) || samples < 2) {
    throw new FluxionTypeError(`plot: samples must be an integer of at least 2, got ${describeValue(samples)}.`);
  }
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isFinite(v) || v < 100) {
      throw new FluxionTypeError(`plot: ${name} must be a number of pixels of at least 100, got ${describeValue(v)}.`);
    }
  }
  if (typeof f1 !== 'function') {
    throw new FluxionTypeError(`plot: the first argument must be a function, got ${describeValue(f1)}. Pass x => f(x).`);
  }
  const xs = linspace(xMin, xMax, samples);
  const mid = new Float64Array(samples - 1);
  for (let i = 0; i < mid.length; i++) mid[i] = xs[i]! + (xs[i + 1]! - xs[i]!) / 2;
  const line = (f: PlotFunction, which: string, color: string, label: string): Series => {
    const at = pointEvaluator(f);
    return { ys: sampleFunction(f, at, xs, which), mids: sampleFunction(f, at, mid, which), style: 'line', color, label, at };
  };
  const series: Series[] = [line(f1, 'f1', RED, options.label1 ?? 'f(x)')];
  if (f2 !== undefined && f2 !== null) {
    const label = options.label2 ?? "f'(x)";
    if (typeof f2 === 'function') {
      series.push(line(f2, 'f2', BLUE, label));
    } else if (f2 instanceof Float64Array || Array.isArray(f2)) {
      if (f2.length !== samples) {
        throw new FluxionTypeError(
          `plot: f2 given as an array must hold one value per sample point: expected ${samples} values, got ${f2.length}. ` +
            'Compute it on linspace(xMin, xMax, samples), or pass a function.',
        );
      }
      series.push({ ys: Float64Array.from(f2, (v) => (typeof v === 'number' ? v : NaN)), style: 'dots', color: BLUE, label });
    } else {
      throw new FluxionTypeError(`plot: f2 must be a function or an array of values, got ${describeValue(f2)}.`);
    }
  }
  return render(xs, series, { xMin, xMax, width, height, options });
}

function checkFinite(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new FluxionTypeError(`plot: ${name} must be a finite number, got ${describeValue(v)}.`);
  }
}

/** Reads one number out of whatever a function returned for a single point. */
function scalarOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if ((v instanceof Float64Array || Array.isArray(v)) && v.length === 1) {
    const first: unknown = v[0];
    return typeof first === 'number' ? first : NaN;
  }
  // null / undefined (numpy.vectorize's None) and anything else: no value here.
  return NaN;
}

/** Evaluates `f` at every sample: the whole array first, point by point when that fails. */
function sampleFunction(f: PlotFunction, at: (x: number) => number, xs: Float64Array, which: string): Float64Array {
  let whole: unknown;
  try {
    whole = (f as (x: Float64Array) => unknown)(Float64Array.from(xs));
  } catch {
    whole = undefined;
  }
  if ((whole instanceof Float64Array || Array.isArray(whole)) && whole.length === xs.length) {
    return Float64Array.from(whole as ArrayLike<unknown>, (v) => (typeof v === 'number' ? v : NaN));
  }
  const ys = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    try {
      ys[i] = at(xs[i]!);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new FluxionTypeError(`plot: ${which} could not be evaluated at x = ${xs[i]}: ${msg}`);
    }
  }
  return ys;
}

/** Evaluates `f` at one point, as a number or as a one-element array, whichever it accepts. */
function pointEvaluator(f: PlotFunction): (x: number) => number {
  let mode: 'number' | 'array' | undefined;
  return (x: number) => {
    if (mode !== 'array') {
      try {
        const v = scalarOf((f as (x: number) => unknown)(x));
        if (mode === 'number' || !Number.isNaN(v)) {
          mode = 'number';
          return v;
        }
      } catch (e) {
        if (mode === 'number') throw e;
      }
    }
    const v = scalarOf((f as (x: Float64Array) => unknown)(Float64Array.of(x)));
    if (mode === undefined && !Number.isNaN(v)) mode = 'array';
    return v;
  };
}

/**
 * Whether the function jumps (or has a pole or a gap) between `a` and `b`, given its values
 * there and at the midpoint, which differ a lot. Bisects every piece whose end values still
 * differ by a tenth of the original difference: a continuous function's pieces all become
 * tame as they shrink, while at a jump or a pole some piece keeps a large difference down to
 * adjacent floating-point numbers (or meets NaN/Infinity). Iterative, with an evaluation budget.
 */
function jumpsBetween(at: (x: number) => number, a: number, b: number, fa: number, fb: number, fm: number): boolean {
  if (!Number.isFinite(fm)) return true;
  const d0 = Math.max(Math.abs(fb - fa), Math.abs(fm - fa), Math.abs(fb - fm));
  const m0 = a + (b - a) / 2;
  const pieces: [number, number, number, number][] = [
    [a, m0, fa, fm],
    [m0, b, fm, fb],
  ];
  let budget = 400;
  while (pieces.length > 0) {
    const [pa, pb, ya, yb] = pieces.pop()!;
    if (Math.abs(yb - ya) < 0.1 * d0) continue;
    const m = pa + (pb - pa) / 2;
    // A large difference between adjacent floats, or more work than a continuous function needs.
    if (!(m > pa && m < pb) || --budget < 0) return true;
    const y = at(m);
    if (!Number.isFinite(y)) return true;
    pieces.push([pa, m, ya, y], [m, pb, y, yb]);
  }
  return false;
}

interface Frame {
  readonly xMin: number;
  readonly xMax: number;
  readonly width: number;
  readonly height: number;
  readonly options: PlotOptions;
}

/** Tick positions within `[lo, hi]`, multiples of a nice step. */
function ticks(lo: number, hi: number, target: number): { values: number[]; step: number } {
  const step = niceStep(hi - lo, target);
  const values: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  for (let k = first; k * step <= hi + step * 1e-9 && values.length < 50; k++) values.push(k * step);
  return { values, step };
}

/** Formats a tick value with as many decimals as the step needs, matplotlib-style minus sign. */
function tickLabel(v: number, step: number): string {
  const decimals = Math.max(0, Math.min(12, Math.ceil(-Math.log10(step) - 1e-9) + (Math.round(step / 10 ** Math.floor(Math.log10(step))) === 2.5 ? 1 : 0)));
  let s = Math.abs(v) < step * 1e-9 ? '0' : v.toFixed(decimals);
  if (Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-4 && s !== '0')) s = v.toExponential(2).replace(/\.?0+e/, 'e');
  return s.replace(/^-/, '\u2212');
}

function render(xs: Float64Array, series: readonly Series[], frame: Frame): string {
  const { width, height, options } = frame;
  // The plotting box: matplotlib's default subplot position.
  const left = 0.125 * width;
  const right = 0.9 * width;
  const top = 0.12 * height;
  const bottom = 0.89 * height;
  const boxW = right - left;
  const boxH = bottom - top;

  // x limits: the sampled interval plus matplotlib's 5% margin.
  const xPad = 0.05 * (frame.xMax - frame.xMin);
  const x0 = frame.xMin - xPad;
  const x1 = frame.xMax + xPad;

  // y limits: finite data plus a 5% margin, unless given.
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const y of s.ys) {
      if (Number.isFinite(y)) {
        if (y < lo) lo = y;
        if (y > hi) hi = y;
      }
    }
  }
  if (!(lo <= hi)) {
    lo = -1;
    hi = 1;
  } else if (lo === hi) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= d;
    hi += d;
  } else {
    const pad = 0.05 * (hi - lo);
    lo -= pad;
    hi += pad;
  }
  if (!Number.isFinite(hi - lo)) {
    lo = -Number.MAX_VALUE / 4;
    hi = Number.MAX_VALUE / 4;
  }
  const y0 = options.yMin ?? lo;
  const y1 = options.yMax ?? hi;
  checkFinite('yMin', y0);
  checkFinite('yMax', y1);
  if (!(y1 > y0)) throw new FluxionTypeError(`plot: yMax must be greater than yMin, got yMin = ${y0}, yMax = ${y1}.`);

  const X = (x: number) => left + ((x - x0) / (x1 - x0)) * boxW;
  const Y = (y: number) => bottom - ((y - y0) / (y1 - y0)) * boxH;

  // Spines through the origin when it is in view, else along the box's edges.
  const spineX = x0 <= 0 && 0 <= x1 ? X(0) : left;
  const spineY = y0 <= 0 && 0 <= y1 ? Y(0) : bottom;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
  );
  out.push(`<rect x="0" y="0" width="${px(width)}" height="${px(height)}" fill="#ffffff"/>`);
  if (options.title !== undefined) {
    out.push(`<text x="${px((left + right) / 2)}" y="${px(top / 2)}" text-anchor="middle" font-size="14">${xmlEscape(options.title)}</text>`);
  }
  out.push(
    `<g class="axes" data-xlim="${x0} ${x1}" data-ylim="${y0} ${y1}" data-box="${px(left)} ${px(top)} ${px(boxW)} ${px(boxH)}">`,
  );
  out.push(`<defs><clipPath id="${CLIP_ID}"><rect x="${px(left)}" y="${px(top)}" width="${px(boxW)}" height="${px(boxH)}"/></clipPath></defs>`);

  // Ticks and tick labels on the spines.
  const xt = ticks(x0, x1, 8);
  const yt = ticks(y0, y1, 8);
  const tickParts: string[] = [];
  for (const v of xt.values) {
    const p = X(v);
    tickParts.push(`<line x1="${px(p)}" y1="${px(spineY)}" x2="${px(p)}" y2="${px(spineY + 4)}"/>`);
  }
  for (const v of yt.values) {
    const p = Y(v);
    tickParts.push(`<line x1="${px(spineX - 4)}" y1="${px(p)}" x2="${px(spineX)}" y2="${px(p)}"/>`);
  }
  out.push(`<g class="ticks" stroke="#000000" stroke-width="1" shape-rendering="crispEdges">${tickParts.join('')}</g>`);
  const labelParts: string[] = [];
  for (const v of xt.values) {
    labelParts.push(`<text x="${px(X(v))}" y="${px(spineY + 17)}" text-anchor="middle">${tickLabel(v, xt.step)}</text>`);
  }
  for (const v of yt.values) {
    labelParts.push(`<text x="${px(spineX - 7)}" y="${px(Y(v) + 4)}" text-anchor="end">${tickLabel(v, yt.step)}</text>`);
  }
  out.push(`<g class="tick-labels" fill="#000000">${labelParts.join('')}</g>`);

  // The two visible spines (matplotlib: left at the centre, bottom at zero; right and top hidden).
  out.push(
    `<g class="spines" stroke="#000000" stroke-width="1" shape-rendering="crispEdges">` +
      `<line x1="${px(spineX)}" y1="${px(top)}" x2="${px(spineX)}" y2="${px(bottom)}"/>` +
      `<line x1="${px(left)}" y1="${px(spineY)}" x2="${px(right)}" y2="${px(spineY)}"/></g>`,
  );

  // The data.
  const ySpan = y1 - y0;
  const pixelPoints: [number, number][] = [];
  for (const s of series) {
    if (s.style === 'dots') {
      const dots: string[] = [];
      for (let i = 0; i < xs.length; i++) {
        const y = s.ys[i]!;
        if (!Number.isFinite(y)) continue;
        const p: [number, number] = [X(xs[i]!), Y(y)];
        pixelPoints.push(p);
        dots.push(`<circle cx="${px(p[0])}" cy="${px(p[1])}" r="2.5"/>`);
      }
      out.push(`<g class="series dots" fill="${s.color}" stroke="none" clip-path="url(#${CLIP_ID})">${dots.join('')}</g>`);
    } else {
      const d: string[] = [];
      let penDown = false;
      for (let i = 0; i < xs.length; i++) {
        const y = s.ys[i]!;
        if (!Number.isFinite(y)) {
          penDown = false;
          continue;
        }
        if (penDown && i > 0 && s.at !== undefined && s.mids !== undefined) {
          // A big step between neighbours, or a midpoint far outside them, may be a jump or a pole.
          const prev = s.ys[i - 1]!;
          const m = s.mids[i - 1]!;
          const far = 0.05 * ySpan;
          const suspicious =
            !Number.isFinite(m) || Math.abs(y - prev) > far || m > Math.max(y, prev) + far || m < Math.min(y, prev) - far;
          if (suspicious && jumpsBetween(s.at, xs[i - 1]!, xs[i]!, prev, y, m)) penDown = false;
        }
        const p: [number, number] = [X(xs[i]!), Y(y)];
        pixelPoints.push(p);
        d.push(`${penDown ? 'L' : 'M'}${px(p[0])} ${px(p[1])}`);
        penDown = true;
      }
      out.push(
        `<path class="series line" d="${d.join(' ')}" fill="none" stroke="${s.color}" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round" clip-path="url(#${CLIP_ID})"/>`,
      );
    }
  }

  // The legend, in the corner that hides the fewest points (matplotlib's loc='best').
  const longest = Math.max(...series.map((s) => s.label.length));
  const legW = 44 + 7 * longest;
  const legH = 10 + 20 * series.length;
  const candidates: [number, number][] = [
    [right - legW - 8, top + 8],
    [left + 8, top + 8],
    [left + 8, bottom - legH - 8],
    [right - legW - 8, bottom - legH - 8],
    [(left + right - legW) / 2, top + 8],
    [(left + right - legW) / 2, bottom - legH - 8],
  ];
  let best = candidates[0]!;
  let bestCount = Infinity;
  for (const c of candidates) {
    let n = 0;
    for (const [qx, qy] of pixelPoints) if (qx >= c[0] && qx <= c[0] + legW && qy >= c[1] && qy <= c[1] + legH) n++;
    if (n < bestCount) {
      bestCount = n;
      best = c;
    }
  }
  const [lx, ly] = best;
  const leg: string[] = [
    `<rect x="${px(lx)}" y="${px(ly)}" width="${px(legW)}" height="${px(legH)}" rx="3" fill="#ffffff" fill-opacity="0.8" stroke="#cccccc"/>`,
  ];
  series.forEach((s, k) => {
    const cy = ly + 15 + 20 * k;
    if (s.style === 'dots') {
      leg.push(`<circle cx="${px(lx + 20)}" cy="${px(cy)}" r="2.5" fill="${s.color}"/>`);
    } else {
      leg.push(`<line x1="${px(lx + 8)}" y1="${px(cy)}" x2="${px(lx + 32)}" y2="${px(cy)}" stroke="${s.color}" stroke-width="1.5"/>`);
    }
    leg.push(`<text x="${px(lx + 38)}" y="${px(cy + 4)}" fill="#000000">${xmlEscape(s.label)}</text>`);
  });
  out.push(`<g class="legend">${leg.join('')}</g>`);
  out.push('</g></svg>');
  // A clip-path id derived from the content: stable output, and several plots inlined in one
  // HTML page do not clip each other.
  const doc = out.join('\n') + '\n';
  return doc.split(CLIP_ID).join(`fluxion-plot-${fnv1a(doc)}`);
}

/** Placeholder for the clip-path id until the document's hash is known. */
const CLIP_ID = '@@clip@@';

/** FNV-1a hash of a string, as 8 hex digits. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
