// plot(): geometry checked against exact math (the sample points are numpy.linspace's
// -5 + i*10/99, the curves are the functions' values), well-formedness by an XML checker.
import { describe, expect, it } from 'vitest';
import { FluxionTypeError, abs, add, div, log, mul, neg, pow, sign, tan, tanh } from '../../src/index.js';
import { plot } from '../../src/plot/index.js';
import { readPlot } from './svg-helpers.js';
import { parseXml } from './xml.js';

const RED = '#ff0000';
const BLUE = '#0000ff';
const xsOf = (n = 100, a = -5, b = 5) => Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + (i * (b - a)) / (n - 1)));

/** Pixel points must be the data points through the declared transform (output rounds to 0.01 px). */
function expectOnCurve(points: [number, number][], xs: number[], ys: number[], X: (x: number) => number, Y: (y: number) => number) {
  expect(points.length).toBe(xs.length);
  points.forEach(([px, py], i) => {
    expect(Math.abs(px - X(xs[i]!))).toBeLessThan(0.006);
    expect(Math.abs(py - Y(ys[i]!))).toBeLessThan(0.006);
  });
}

describe('plot: the lab plot_f1_and_f2', () => {
  it('draws f1 red and f2 blue through every sample, on axes crossing at the origin', () => {
    const g = readPlot(plot((x) => pow(x, 2), (x) => mul(2, x)));
    const xs = xsOf();
    expect(g.xlim).toEqual([-5.5, 5.5]);
    // y: data range [-10, 25] plus 5% margins (matplotlib's autoscale).
    expect(g.ylim[0]).toBeCloseTo(-11.75, 12);
    expect(g.ylim[1]).toBeCloseTo(26.75, 12);
    const red = g.lines.get(RED)!;
    const blue = g.lines.get(BLUE)!;
    expect(red).toHaveLength(1);
    expect(blue).toHaveLength(1);
    expectOnCurve(red[0]!, xs, xs.map((x) => x * x), g.X, g.Y);
    expectOnCurve(blue[0]!, xs, xs.map((x) => 2 * x), g.X, g.Y);
    expect(Math.abs(g.spines.x - g.X(0))).toBeLessThan(0.006);
    expect(Math.abs(g.spines.y - g.Y(0))).toBeLessThan(0.006);
    expect(g.texts).toContain('f(x)');
    expect(g.texts).toContain("f'(x)");
  });

  it('draws f2 given as values as blue dots at the sample points, skipping NaN', () => {
    const xs = xsOf();
    const values = xs.map((x) => (Math.abs(x) < 1 ? NaN : 2 * x));
    const g = readPlot(plot((x) => pow(x, 2), Float64Array.from(values), { label1: "f'(x) exact", label2: "f'(x) approximate" }));
    const dots = g.dots.get(BLUE)!;
    const kept = xs.filter((_, i) => !Number.isNaN(values[i]!));
    expectOnCurve(dots, kept, kept.map((x) => 2 * x), g.X, g.Y);
    expect(g.texts).toContain("f'(x) approximate");
  });

  it('accepts plain number -> number functions (point by point), like numpy.vectorize', () => {
    const viaArray = plot((x) => mul(x, x));
    const viaNumbers = plot((x: number) => x * x);
    expect(viaNumbers).toBe(viaArray);
  });

  it('leaves a gap where the function has no value (null, NaN, ±Infinity)', () => {
    // The lab's dfdx_abs returns None at 0.
    const byHand = (t: number) => (t > 0 ? 1 : t < 0 ? -1 : null);
    const g = readPlot(plot(byHand, undefined, { xMin: -1, xMax: 1, samples: 3 }));
    expect(g.lines.get(RED)).toHaveLength(2);
    const lg = readPlot(plot((x) => log(x)));
    const sub = lg.lines.get(RED)!;
    expect(sub).toHaveLength(1);
    expect(sub[0]!.every(([px]) => px > lg.X(0))).toBe(true);
    expect(sub[0]!.length).toBe(50);
  });

  it('breaks the line at jumps and poles but not on steep continuous stretches', () => {
    const count = (f: (x: Float64Array) => unknown) => readPlot(plot(f)).lines.get(RED)!.length;
    expect(count((x) => sign(x))).toBe(2); // d|x|/dx
    expect(count((x) => abs(x))).toBe(1);
    expect(count((x) => div(1, x))).toBe(2); // pole with a sign change
    expect(count((x) => neg(div(1, mul(x, x))))).toBe(2); // symmetric pole: neighbours are equal
    expect(count((x) => tanh(mul(50, x)))).toBe(1); // steep but continuous
    expect(count((x) => add(pow(tan(x), 2), 1))).toBe(5); // d tan/dx: double poles at ±pi/2, ±3pi/2, off the sample grid
    expect(readPlot(plot((t: number) => Math.atan(1000 * (t - 0.3)))).lines.get(RED)).toHaveLength(1);
    expect(readPlot(plot((t: number) => Math.floor(t))).lines.get(RED)).toHaveLength(11); // 10 jumps in (-5, 5]
    expect(readPlot(plot((t: number) => Math.sin(t) + (t < 1.234 ? 0 : 3))).lines.get(RED)).toHaveLength(2);
  });

  it('no segment of a broken line crosses the jump of sign(x)', () => {
    const g = readPlot(plot((x) => abs(x), (x) => sign(x)));
    const [leftPart, rightPart] = g.lines.get(BLUE)! as [[number, number][], [number, number][]];
    const x0 = g.X(0);
    expect(leftPart.every(([px, py]) => px < x0 && Math.abs(py - g.Y(-1)) < 0.006)).toBe(true);
    expect(rightPart.every(([px, py]) => px > x0 && Math.abs(py - g.Y(1)) < 0.006)).toBe(true);
  });

  it('puts the spines on the box edges when the origin is out of view', () => {
    const g = readPlot(plot((t: number) => t + 10, undefined, { xMin: 1, xMax: 3 }));
    expect(g.spines.x).toBeCloseTo(g.box[0], 2);
    expect(g.spines.y).toBeCloseTo(g.box[1] + g.box[3], 2);
  });

  it('honours size, y range, title, and escapes labels', () => {
    const svg = plot((x) => x, undefined, { width: 300, height: 200, yMin: -1, yMax: 1, title: 'a < b & c', label1: '"q" <f>' });
    const g = readPlot(svg);
    expect(g.root.attrs.width).toBe('300');
    expect(g.root.attrs.height).toBe('200');
    expect(g.ylim).toEqual([-1, 1]);
    expect(g.texts).toContain('a < b & c');
    expect(g.texts).toContain('"q" <f>');
  });

  it('rejects bad arguments with FluxionTypeError', () => {
    expect(() => plot((x) => x, [1, 2, 3])).toThrow(/expected 100 values, got 3/);
    expect(() => plot((x) => x, undefined, { xMin: 2, xMax: 1 })).toThrow(FluxionTypeError);
    expect(() => plot((x) => x, undefined, { samples: 1 })).toThrow(FluxionTypeError);
    expect(() => plot(3 as unknown as (x: number) => number)).toThrow(/must be a function/);
  });
});

describe('the XML checker used above rejects malformed documents', () => {
  it.each([
    ['<a><b></a></b>', /does not match/],
    ['<a x=1/>', /not quoted/],
    ['<a x="1" x="2"/>', /duplicate/],
    ['<a/><b/>', /content after the root|second root/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a x="<"/>', /'<' in attribute/],
    ['<a>', /unclosed/],
    ['text<a/>', /text before the root/],
  ])('%s', (src, msg) => {
    expect(() => parseXml(src)).toThrow(msg);
  });
  it('accepts a well-formed document and decodes entities', () => {
    const root = parseXml('<?xml version="1.0"?><!-- c --><a k="&lt;&amp;"><b>x &#65;</b></a>');
    expect(root.attrs.k).toBe('<&');
    expect(root.children[0]!.text).toBe('x A');
  });
});
