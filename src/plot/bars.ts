import { FluxionTypeError, describeValue } from '../core/errors.js';
import { niceStep, px, xmlEscape } from './svg.js';

/** One bar of {@link barChart}. */
export interface Bar {
  /** Text on the left of the bar. */
  readonly label: string;
  /** The bar's value. NaN, ±Infinity (and values ≤ 0 on a log scale) draw no bar, only the note. */
  readonly value: number;
  /** Text after the bar's end (default: the value with 3 significant digits and the unit). */
  readonly note?: string;
  /** An optional second value on the same row, drawn as a diamond (e.g. a reference implementation). */
  readonly marker?: number;
}

/** Options of {@link barChart}. Every field is optional. */
export interface BarChartOptions {
  /** Title above the chart. */
  readonly title?: string;
  /** Width of the SVG in pixels (default `900`); the height follows from the number of bars. */
  readonly width?: number;
  /** Logarithmic value axis (default `false`). */
  readonly log?: boolean;
  /** Where bars start: bars above it point right, bars below point left (default `1` on a log axis, else `0`). */
  readonly reference?: number;
  /** Unit appended to tick labels and default notes, e.g. `×` or ` ms` (default none). */
  readonly unit?: string;
  /** Legend text for bars at or above the reference (no legend entry when absent). */
  readonly above?: string;
  /** Legend text for bars below the reference (no legend entry when absent). */
  readonly below?: string;
  /** Legend text for the diamonds (no legend entry when absent). */
  readonly markerLabel?: string;
}

const ABOVE = '#2a9d3a';
const BELOW = '#d62728';
const MARKER = '#1f4e99';

function sig3(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

/**
 * A horizontal bar chart as a self-contained SVG document: one row per bar, its label on the
 * left, the bar drawn from a reference value (`1` on a log axis: speed-ups and ratios; `0`
 * on a linear one) to its value, green at or above the reference and red below, a note after
 * it, and an optional diamond marker per row. Used for benchmark tables.
 *
 * The `<g class="bars">` element carries `data-xlim` (the axis ends, as values), `data-log`
 * and `data-box` (`left top width height` in pixels), so a reader can map values to pixels.
 *
 * @param bars the rows, top to bottom
 * @param options title, width, log axis, reference, unit and legend texts (see {@link BarChartOptions})
 * @returns an SVG document (`<svg xmlns="http://www.w3.org/2000/svg" …>…</svg>`)
 * @example
 * ```ts
 * import { barChart } from 'fluxion';
 * const svg = barChart([{ label: 'gradient, 1e6 points', value: 3.2 }, { label: 'grad at a point', value: 0.8 }], { log: true, unit: '×' });
 * svg.startsWith('<svg'); // true
 * svg.includes('3.2×'); // true
 * ```
 */
export function barChart(bars: readonly Bar[], options: BarChartOptions = {}): string {
  if (!Array.isArray(bars)) throw new FluxionTypeError(`barChart: bars must be an array of { label, value }, got ${describeValue(bars)}.`);
  bars.forEach((b, i) => {
    if (typeof b !== 'object' || b === null || typeof b.label !== 'string' || typeof b.value !== 'number') {
      throw new FluxionTypeError(`barChart: bars[${i}] must be { label: string, value: number }, got ${describeValue(b)}.`);
    }
  });
  const log = options.log ?? false;
  const ref = options.reference ?? (log ? 1 : 0);
  const unit = options.unit ?? '';
  const width = options.width ?? 900;
  if (!Number.isFinite(width) || width < 300) throw new FluxionTypeError(`barChart: width must be at least 300 pixels, got ${describeValue(width)}.`);
  if (!Number.isFinite(ref) || (log && ref <= 0)) {
    throw new FluxionTypeError(`barChart: reference must be a finite number${log ? ' above 0 on a log axis' : ''}, got ${describeValue(ref)}.`);
  }
  const drawable = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && (!log || v > 0);

  // Axis range: every drawable value and the reference.
  let lo = ref;
  let hi = ref;
  for (const b of bars) {
    for (const v of [b.value, b.marker]) {
      if (drawable(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  let ticks: number[];
  if (log) {
    const a = Math.floor(Math.log10(lo));
    const b = Math.max(a + 1, Math.ceil(Math.log10(hi)));
    lo = 10 ** a;
    hi = 10 ** b;
    ticks = [];
    for (let k = a; k <= b; k++) ticks.push(10 ** k);
  } else {
    if (lo === hi) hi = lo + 1;
    const step = niceStep(hi - lo, 6);
    lo = Math.floor(lo / step) * step;
    hi = Math.ceil(hi / step) * step;
    ticks = [];
    for (let k = Math.round(lo / step); k * step <= hi + step * 1e-9; k++) ticks.push(Number((k * step).toPrecision(12)));
  }

  const longest = Math.max(8, ...bars.map((b) => b.label.length));
  const left = Math.min(Math.max(120, 7 * longest + 16), width * 0.45);
  const right = width - 150;
  const rowH = 22;
  const top = options.title === undefined ? 16 : 44;
  const hasLegend = options.above !== undefined || options.below !== undefined || options.markerLabel !== undefined;
  const height = top + bars.length * rowH + 30 + (hasLegend ? 26 : 0);
  const X = log
    ? (v: number) => left + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (right - left)
    : (v: number) => left + ((v - lo) / (hi - lo)) * (right - left);
  const fmtTick = (v: number) => `${log && v < 1 ? String(Number(v.toPrecision(1))) : sig3(v)}${unit}`;

  const S: string[] = [];
  S.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
  );
  S.push(`<rect x="0" y="0" width="${px(width)}" height="${px(height)}" fill="#ffffff"/>`);
  if (options.title !== undefined) S.push(`<text x="${px(width / 2)}" y="24" text-anchor="middle" font-size="14">${xmlEscape(options.title)}</text>`);
  const bottom = top + bars.length * rowH;
  S.push(`<g class="bars" data-xlim="${lo} ${hi}" data-log="${log}" data-box="${px(left)} ${px(top)} ${px(right - left)} ${px(bottom - top)}">`);
  for (const t of ticks) {
    const x = X(t);
    const isRef = Math.abs(t - ref) <= 1e-12 * Math.max(1, Math.abs(ref));
    S.push(`<line x1="${px(x)}" y1="${px(top - 4)}" x2="${px(x)}" y2="${px(bottom)}" stroke="${isRef ? '#000000' : '#dddddd'}" shape-rendering="crispEdges"/>`);
    S.push(`<text x="${px(x)}" y="${px(bottom + 16)}" text-anchor="middle">${xmlEscape(fmtTick(t))}</text>`);
  }
  if (!ticks.some((t) => Math.abs(t - ref) <= 1e-12 * Math.max(1, Math.abs(ref)))) {
    S.push(`<line x1="${px(X(ref))}" y1="${px(top - 4)}" x2="${px(X(ref))}" y2="${px(bottom)}" stroke="#000000" shape-rendering="crispEdges"/>`);
  }
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const label = b.label.length > 70 ? b.label.slice(0, 68) + '…' : b.label;
    S.push(`<text x="${px(left - 8)}" y="${px(y + 15)}" text-anchor="end">${xmlEscape(label)}</text>`);
    let noteX = X(ref) + 6;
    if (drawable(b.value)) {
      const x1 = X(ref);
      const x2 = X(b.value);
      const colour = b.value >= ref ? ABOVE : BELOW;
      S.push(
        `<rect class="bar" data-value="${b.value}" x="${px(Math.min(x1, x2))}" y="${px(y + 4)}" width="${px(Math.max(1, Math.abs(x2 - x1)))}" height="${rowH - 8}" fill="${colour}"/>`,
      );
      noteX = Math.max(x1, x2) + 6;
    }
    if (drawable(b.marker)) {
      const x = X(b.marker);
      S.push(`<path class="marker" data-value="${b.marker}" d="M${px(x)} ${px(y + 3)} l5 8 l-5 8 l-5 -8 z" fill="${MARKER}"/>`);
      noteX = Math.max(noteX, x + 8);
    }
    const note = b.note ?? (Number.isFinite(b.value) ? `${sig3(b.value)}${unit}` : 'no value');
    S.push(`<text x="${px(noteX)}" y="${px(y + 15)}" fill="#333333">${xmlEscape(note)}</text>`);
  });
  S.push('</g>');
  if (hasLegend) {
    const ly = height - 14;
    let lx = left;
    const item = (shape: string, text: string) => {
      S.push(shape.replace(/@X/g, px(lx)).replace(/@Y/g, px(ly)));
      S.push(`<text x="${px(lx + 16)}" y="${px(ly + 4)}">${xmlEscape(text)}</text>`);
      lx += 40 + 7 * text.length;
    };
    S.push('<g class="legend">');
    if (options.above !== undefined) item(`<rect x="@X" y="@Y" width="12" height="10" transform="translate(0 -6)" fill="${ABOVE}"/>`, options.above);
    if (options.below !== undefined) item(`<rect x="@X" y="@Y" width="12" height="10" transform="translate(0 -6)" fill="${BELOW}"/>`, options.below);
    if (options.markerLabel !== undefined) {
      item(`<path d="M@X @Y m6 -7 l5 7 l-5 7 l-5 -7 z" fill="${MARKER}"/>`, options.markerLabel);
    }
    S.push('</g>');
  }
  S.push('</svg>');
  return S.join('\n') + '\n';
}
