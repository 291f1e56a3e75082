// barChart(): bar geometry checked against the values (linear and log10 scales computed
// here), well-formedness by the XML checker.
import { describe, expect, it } from 'vitest';
import { FluxionTypeError } from '../../src/index.js';
import { barChart } from '../../src/plot/index.js';
import { allElements, parseXml } from './xml.js';

function read(svg: string) {
  const root = parseXml(svg);
  const els = allElements(root);
  const g = els.find((e) => e.attrs.class === 'bars')!;
  const [lo, hi] = g.attrs['data-xlim']!.split(' ').map(Number) as [number, number];
  const [left, , w] = g.attrs['data-box']!.split(' ').map(Number) as [number, number, number];
  const log = g.attrs['data-log'] === 'true';
  const X = (v: number) => (log ? left + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * w : left + ((v - lo) / (hi - lo)) * w);
  const bars = els.filter((e) => e.name === 'rect' && e.attrs.class === 'bar');
  const texts = els.filter((e) => e.name === 'text').map((e) => e.text);
  return { root, lo, hi, X, bars, texts, els };
}

describe('barChart', () => {
  it('draws log-scale bars from 1: right and green above, left and red below', () => {
    const c = read(barChart([{ label: 'a', value: 30 }, { label: 'b', value: 0.25 }, { label: 'c', value: 1 }], { log: true, unit: '×' }));
    expect([c.lo, c.hi]).toEqual([0.1, 100]);
    const [a, b] = c.bars as [(typeof c.bars)[0], (typeof c.bars)[0]];
    expect(Number(a.attrs.x)).toBeCloseTo(c.X(1), 2);
    expect(Number(a.attrs.width)).toBeCloseTo(c.X(30) - c.X(1), 1);
    expect(a.attrs.fill).toBe('#2a9d3a');
    expect(Number(b.attrs.x)).toBeCloseTo(c.X(0.25), 2);
    expect(Number(b.attrs.x) + Number(b.attrs.width)).toBeCloseTo(c.X(1), 1);
    expect(b.attrs.fill).toBe('#d62728');
    // one decade is the same width everywhere on a log axis
    expect(c.X(10) - c.X(1)).toBeCloseTo(c.X(100) - c.X(10), 6);
    expect(c.texts).toEqual(expect.arrayContaining(['a', 'b', 'c', '30×', '0.25×', '1×', '0.1×', '100×']));
  });

  it('draws linear bars from 0, markers as diamonds, notes and legend', () => {
    const svg = barChart(
      [
        { label: 'fluxion <fast>', value: 12, marker: 9, note: '12 ms & ok' },
        { label: 'peer', value: 40 },
      ],
      { unit: ' ms', title: 'time', above: 'measured', markerLabel: 'hand loop' },
    );
    const c = read(svg);
    expect(c.lo).toBe(0);
    expect(c.hi).toBeGreaterThanOrEqual(40);
    const [a, b] = c.bars as [(typeof c.bars)[0], (typeof c.bars)[0]];
    expect(Number(a.attrs.width) / Number(b.attrs.width)).toBeCloseTo(12 / 40, 2);
    const marker = c.els.find((e) => e.attrs.class === 'marker')!;
    expect(Number(/^M([\d.]+)/.exec(marker.attrs.d!)![1])).toBeCloseTo(c.X(9), 2);
    expect(c.texts).toEqual(expect.arrayContaining(['fluxion <fast>', '12 ms & ok', '40 ms', 'time', 'measured', 'hand loop']));
  });

  it('draws no bar for values it cannot place, and says so', () => {
    const c = read(barChart([{ label: 'failed', value: NaN }, { label: 'zero', value: 0 }, { label: 'ok', value: 2 }], { log: true }));
    expect(c.bars).toHaveLength(1);
    expect(c.texts).toContain('no value');
  });

  it('rejects bad input', () => {
    expect(() => barChart('x' as unknown as [])).toThrow(FluxionTypeError);
    expect(() => barChart([{ label: 'a', value: '1' as unknown as number }])).toThrow(/bars\[0\]/);
    expect(() => barChart([], { log: true, reference: 0 })).toThrow(/reference/);
  });
});
