import { describe, expect, it } from 'vitest';
import { FluxionError, FluxionTypeError, ShapeError, gradient, linspace } from '../../src/index.js';
import type { GradientOptions, GradientSpacing, NDArray, NestedNumbers } from '../../src/index.js';
import fixture from '../fixtures/numeric/gradient.json';

// Oracle: numpy.gradient (numpy 2.x), fixtures made by test/fixtures/numeric/make_fixtures.py.
// Every value is compared bit for bit (Object.is per element: NaN equals NaN, 0 differs from
// -0). No ulp tolerance is needed anywhere: fluxion evaluates numpy's formulas in numpy's
// operation order, and neither side fuses multiply-adds.

type Enc = number | string;
interface EncArr { shape: number[]; data: Enc[] }
interface EncSpacing { scalar?: Enc; scalar0d?: Enc; coords?: Enc[]; list?: boolean; coordsNd?: EncArr }
interface Case {
  name: string;
  origin: string;
  kind: 'flat' | 'list' | 'nd' | 'nested';
  f: EncArr;
  spacing: EncSpacing[];
  options: { edgeOrder?: number; axis?: number | number[] };
  expected?: { tuple: boolean; results: EncArr[] };
  error?: { type: string; message: string };
}

const cases = fixture.cases as Case[];

function dec(v: Enc): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new Error(`bad encoded float ${v}`);
}
const decArr = (a: Enc[]): Float64Array => Float64Array.from(a, dec);

function nest(data: Float64Array, shape: number[]): NestedNumbers {
  const build = (offset: number, depth: number): NestedNumbers => {
    const n = shape[depth]!;
    if (depth === shape.length - 1) return Array.from(data.subarray(offset, offset + n));
    let stride = 1;
    for (let k = depth + 1; k < shape.length; k++) stride *= shape[k]!;
    return Array.from({ length: n }, (_, i) => build(offset + i * stride, depth + 1));
  };
  return build(0, 0);
}

function makeF(c: Case): Float64Array | number[] | NDArray | NestedNumbers {
  const data = decArr(c.f.data);
  switch (c.kind) {
    case 'flat':
      return data;
    case 'list':
      return Array.from(data);
    case 'nd':
      return { data, shape: c.f.shape };
    case 'nested':
      return nest(data, c.f.shape);
  }
}

function makeSpacing(s: EncSpacing): GradientSpacing {
  if (s.scalar !== undefined) return dec(s.scalar);
  if (s.scalar0d !== undefined) return { data: Float64Array.of(dec(s.scalar0d)), shape: [] };
  if (s.coords !== undefined) return s.list ? s.coords.map(dec) : decArr(s.coords);
  if (s.coordsNd !== undefined) return { data: decArr(s.coordsNd.data), shape: s.coordsNd.shape };
  throw new Error('bad spacing');
}

function run(c: Case): unknown {
  const f = makeF(c);
  const spacing = c.spacing.map(makeSpacing);
  const hasOpts = Object.keys(c.options).length > 0;
  const args = hasOpts ? [...spacing, c.options as GradientOptions] : spacing;
  return (gradient as (f: unknown, ...a: unknown[]) => unknown)(f, ...args);
}

function sameBits(got: Float64Array, want: Float64Array): string | undefined {
  if (got.length !== want.length) return `length ${got.length} != ${want.length}`;
  for (let i = 0; i < got.length; i++) {
    if (!Object.is(got[i], want[i])) return `element ${i}: got ${got[i]}, numpy ${want[i]}`;
  }
  return undefined;
}

const errorClass: Record<string, typeof FluxionError> = {
  ValueError: ShapeError,
  AxisError: ShapeError,
  TypeError: FluxionTypeError,
  ZeroDivisionError: FluxionError,
};

describe('gradient equals numpy.gradient bit for bit', () => {
  const ok = cases.filter((c) => c.expected);
  it('the fixture covers every branch', () => {
    expect(ok.length).toBeGreaterThan(300);
    expect(cases.filter((c) => c.error).length).toBeGreaterThan(30);
    expect(cases.filter((c) => c.origin === 'numpy').length).toBeGreaterThan(60);
  });

  it.each(ok.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = run(c);
    const want = c.expected!;
    const results: unknown[] = want.tuple ? (got as unknown[]) : [got];
    if (want.tuple) expect(Array.isArray(got)).toBe(true);
    expect(results.length).toBe(want.results.length);
    results.forEach((r, k) => {
      const w = want.results[k]!;
      let data: Float64Array;
      if (c.kind === 'flat' || c.kind === 'list') {
        expect(r).toBeInstanceOf(Float64Array);
        data = r as Float64Array;
      } else {
        const nd = r as NDArray;
        expect(nd.data).toBeInstanceOf(Float64Array);
        expect([...nd.shape]).toEqual(w.shape);
        data = nd.data;
      }
      expect(sameBits(data, decArr(w.data))).toBeUndefined();
    });
  });
});

describe('gradient rejects what numpy rejects, in numpy\'s words', () => {
  const bad = cases.filter((c) => c.error);
  it.each(bad.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const err = c.error!;
    let thrown: unknown;
    try {
      run(c);
    } catch (e) {
      thrown = e;
    }
    const message = (thrown as Error).message;
    if (c.name === 'error: edge_order 3') {
      // an invalid option value, not a shape problem: the base class, numpy's words quoted
      expect(thrown).toBeInstanceOf(FluxionError);
      expect(message).toContain(`"${err.message}"`);
    } else {
      expect(thrown).toBeInstanceOf(errorClass[err.type] ?? FluxionError);
      expect(message).toContain(err.message);
    }
  });
});

describe("the lab's section 3 cells", () => {
  const lab = (name: string): Case => cases.find((c) => c.name.startsWith(name))!;
  const x = linspace(-5, 5, 100);
  const want = (c: Case): Float64Array => decArr(c.expected!.results[0]!.data);

  it('np.gradient(f(x), x) for x^2 on linspace(-5, 5, 100)', () => {
    const c = lab('lab: x^2');
    expect(sameBits(x, decArr(c.spacing[0]!.coords!))).toBeUndefined();
    const fx = x.map((v) => v * v); // numpy's x**2 is x*x
    expect(sameBits(fx, decArr(c.f.data))).toBeUndefined();
    expect(sameBits(gradient(fx, x), want(c))).toBeUndefined();
  });

  it('np.gradient(f_composed(x), x) for exp(-2x) + 3 sin(3x)', () => {
    // f's samples come from numpy (Math.exp/Math.sin may differ from numpy's libm in the last
    // bit, which would change the input, not gradient); the derivative is then bit for bit.
    const c = lab('lab: exp(-2x)');
    expect(sameBits(gradient(decArr(c.f.data), x), want(c))).toBeUndefined();
    // and it approximates the exact derivative -2 exp(-2x) + 9 cos(3x) as the lab's plot shows
    const g = want(c);
    for (let i = 1; i < 99; i++) {
      const exact = -2 * Math.exp(-2 * x[i]!) + 9 * Math.cos(3 * x[i]!);
      expect(Math.abs(g[i]! - exact)).toBeLessThan(0.02 * Math.max(1, Math.abs(exact)) + 0.2);
    }
  });

  it('np.gradient(abs(x), x) gives 0.5 and -0.5 next to the jump', () => {
    const c = lab('lab: abs');
    const fx = x.map(Math.abs);
    const g = gradient(fx, x);
    expect(sameBits(g, want(c))).toBeUndefined();
    // x[49] < 0 < x[50]: the central differences there straddle the kink
    expect(x[49]! < 0 && x[50]! > 0).toBe(true);
    // away from the jump the slope is ±1 (up to the rounding of the non-uniform formula)
    expect(Math.abs(g[48]! + 1)).toBeLessThan(1e-12);
    expect(Math.abs(g[51]! - 1)).toBeLessThan(1e-12);
    expect(Math.abs(g[49]! + 0.5)).toBeLessThan(1e-12);
    expect(Math.abs(g[50]! - 0.5)).toBeLessThan(1e-12);
  });
});

describe('gradient at the benchmark size (1e6 points, sampled positions)', () => {
  interface Large { name: string; f: 'x^2' | 'abs(x)'; edgeOrder: 1 | 2; n: number; indices: number[]; values: Enc[] }
  const large = (fixture as unknown as { large: Large[] }).large;
  const x = linspace(-5, 5, 1_000_000);
  it.each(large.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const fx = c.f === 'x^2' ? x.map((v) => v * v) : x.map(Math.abs);
    const g = gradient(fx, x, { edgeOrder: c.edgeOrder });
    c.indices.forEach((i, k) => {
      expect(Object.is(g[i], dec(c.values[k]!)), `index ${i}`).toBe(true);
    });
  });
});
