// Reading fluxion's plot SVGs back: the declared data → pixel transform, the subpaths of
// each line series, the dots. Shared by the plot, lab and browser tests.
import { allElements, parseXml, type XmlElement } from './xml.js';

export interface PlotGeometry {
  root: XmlElement;
  /** Data x → pixel x. */
  X(x: number): number;
  /** Data y → pixel y. */
  Y(y: number): number;
  xlim: [number, number];
  ylim: [number, number];
  box: [number, number, number, number];
  /** Subpaths (pixel points) of each line series, keyed by stroke colour. */
  lines: Map<string, [number, number][][]>;
  /** Dots (pixel centres), keyed by fill colour. */
  dots: Map<string, [number, number][]>;
  /** The spines: [vertical x, horizontal y] in pixels. */
  spines: { x: number; y: number };
  texts: string[];
  /** The legend's box: [x, y, width, height] in pixels. */
  legend: [number, number, number, number];
}

const nums = (s: string | undefined): number[] => (s ?? '').trim().split(/\s+/).map(Number);

export function readPlot(svg: string): PlotGeometry {
  const root = parseXml(svg);
  if (root.name !== 'svg' || root.attrs.xmlns !== 'http://www.w3.org/2000/svg') throw new Error('root is not an SVG element');
  const els = allElements(root);
  const axes = els.find((e) => e.name === 'g' && e.attrs.class === 'axes');
  if (!axes) throw new Error('no <g class="axes">');
  const [x0, x1] = nums(axes.attrs['data-xlim']) as [number, number];
  const [y0, y1] = nums(axes.attrs['data-ylim']) as [number, number];
  const box = nums(axes.attrs['data-box']) as [number, number, number, number];
  const [left, top, w, h] = box;
  const X = (x: number) => left + ((x - x0) / (x1 - x0)) * w;
  const Y = (y: number) => top + h - ((y - y0) / (y1 - y0)) * h;
  const lines = new Map<string, [number, number][][]>();
  const dots = new Map<string, [number, number][]>();
  for (const e of els) {
    if (e.name === 'path' && (e.attrs.class ?? '').includes('series')) {
      const subpaths: [number, number][][] = [];
      for (const m of (e.attrs.d ?? '').matchAll(/([ML])\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)) {
        if (m[1] === 'M') subpaths.push([]);
        subpaths[subpaths.length - 1]!.push([Number(m[2]), Number(m[3])]);
      }
      lines.set(e.attrs.stroke!, subpaths);
    }
    if (e.name === 'g' && (e.attrs.class ?? '').includes('dots')) {
      dots.set(
        e.attrs.fill!,
        e.children.filter((c) => c.name === 'circle').map((c) => [Number(c.attrs.cx), Number(c.attrs.cy)] as [number, number]),
      );
    }
  }
  const spineGroup = els.find((e) => e.name === 'g' && e.attrs.class === 'spines');
  if (!spineGroup || spineGroup.children.length !== 2) throw new Error('expected two spines');
  const [v, hz] = spineGroup.children as [XmlElement, XmlElement];
  const texts = els.filter((e) => e.name === 'text').map((e) => e.text);
  const legendRect = els.find((e) => e.name === 'g' && e.attrs.class === 'legend')?.children.find((c) => c.name === 'rect');
  if (!legendRect) throw new Error('no legend');
  const legend = (['x', 'y', 'width', 'height'] as const).map((k) => Number(legendRect.attrs[k])) as [number, number, number, number];
  return {
    root,
    X,
    Y,
    xlim: [x0, x1],
    ylim: [y0, y1],
    box,
    lines,
    dots,
    spines: { x: Number(v.attrs.x1), y: Number(hz.attrs.y1) },
    texts,
    legend,
  };
}
