// Registry-driven checks of the transformations: for EVERY registered primitive (built-in,
// internal, and any added later), forward mode agrees with central finite differences of
// the primitive's own kernel, reverse and forward mode pass the dot-product test
// ⟨c, J t⟩ = ⟨Jᵀ c, t⟩, vmap agrees with evaluating example by example, and grad over
// symbolic arguments equals the symbolic engine's diff.
import { describe, expect, it } from 'vitest';
import { allPrimitives, diff, evalf, grad, jvp, symbols, vjp, vmap } from '../../src/index.js';
import type { ElementwisePrimitive, NDArray, Operand, Primitive, StructuralPrimitive } from '../../src/index.js';
import { bind } from '../../src/core/bind.js';
import { vmapEager } from '../../src/transforms/vmap.js';
import '../../src/transforms/strongzero.js';
import { mulberry32, uniform } from '../util/prng.js';

type Value = number | Float64Array | NDArray;

const rand = mulberry32(0x5eed);

function flat(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (v instanceof Float64Array) return Array.from(v);
  return Array.from((v as NDArray).data);
}

function like(v: Value, data: number[]): Value {
  if (typeof v === 'number') return data[0]!;
  if (v instanceof Float64Array) return Float64Array.from(data);
  return { data: Float64Array.from(data), shape: v.shape.slice() };
}

function randomLike(v: Value): Value {
  return like(v, flat(v).map(() => uniform(rand, -1, 1)));
}

function dot(a: unknown, b: unknown): number {
  const x = flat(a);
  const y = flat(b);
  expect(x.length).toBe(y.length);
  return x.reduce((s, xi, i) => s + xi * y[i]!, 0);
}

// Central difference with one Richardson step along direction t (error O(h^4)).
function directional(f: (args: Value[]) => unknown, args: Value[], t: Value[]): number[] {
  const at = (h: number) => {
    const plus = args.map((a, i) => like(a, flat(a).map((x, k) => x + h * flat(t[i]!)[k]!)));
    const minus = args.map((a, i) => like(a, flat(a).map((x, k) => x - h * flat(t[i]!)[k]!)));
    const fp = flat(f(plus));
    const fm = flat(f(minus));
    return fp.map((v, k) => (v - fm[k]!) / (2 * h));
  };
  const h = 1e-3;
  const a1 = at(h);
  const a2 = at(h / 2);
  return a2.map((v, k) => (4 * v - a1[k]!) / 3);
}

function expectClose(actual: number[], expected: number[], tol: number, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((a, k) => {
    const e = expected[k]!;
    expect(Math.abs(a - e), `${what}[${k}]: got ${a}, expected ${e}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(e)));
  });
}

// Sample arguments of a primitive: elementwise ones from the record's domain (vectors of 4,
// so the array paths run), structural ones from this table.
const STRUCTURAL_SAMPLES: Record<string, () => { args: Value[]; params: Record<string, unknown>; linearIn?: number[] }[]> = {
  sum: () => [
    { args: [Float64Array.of(0.3, -1.2, 2, 0.7)], params: {} },
    { args: [{ data: Float64Array.of(1, 2, 3, 4, 5, 6), shape: [2, 3] }], params: { axes: [1] } },
    { args: [{ data: Float64Array.of(1, 2, 3, 4, 5, 6), shape: [2, 3] }], params: { axes: [0] } },
  ],
  fill_like: () => [
    { args: [Float64Array.of(0, 0, 0), 1.5], params: {} },
    { args: [{ data: new Float64Array(6), shape: [2, 3] }, Float64Array.of(1, -2)], params: { dims: [0] } },
    { args: [{ data: new Float64Array(6), shape: [2, 3] }, Float64Array.of(1, -2, 3)], params: { dims: [1] } },
  ],
  index: () => [
    { args: [Float64Array.of(0.5, 1.5, -2, 3)], params: { i: 2, axis: 0 } },
    { args: [{ data: Float64Array.of(1, 2, 3, 4, 5, 6), shape: [2, 3] }], params: { i: 1, axis: 1 } },
  ],
  index_scatter: () => [
    { args: [0.75], params: { i: 1, axis: 0, shape: [3] } },
    { args: [Float64Array.of(1, 2)], params: { i: 2, axis: 1, shape: [2, 3] } },
  ],
  stack: () => [
    { args: [0.5, -1, 2], params: { axis: 0 } },
    { args: [Float64Array.of(1, 2), Float64Array.of(3, 4)], params: { axis: 1 } },
  ],
  reshape: () => [{ args: [Float64Array.of(1, 2, 3, 4, 5, 6)], params: { shape: [2, 3] } }],
};

function samples(p: Primitive): { args: Value[]; params: Record<string, unknown> }[] {
  if (p.kind === 'elementwise') {
    return [0, 1, 2].map(() => ({
      args: p.domain.map(([lo, hi]) => Float64Array.from({ length: 4 }, () => uniform(rand, lo, hi))),
      params: {},
    }));
  }
  const make = STRUCTURAL_SAMPLES[p.name];
  if (make === undefined) {
    throw new Error(`No sample arguments for the structural primitive ${p.name}: add some to STRUCTURAL_SAMPLES.`);
  }
  return make();
}

const apply = (p: Primitive, params: Record<string, unknown>) => (...args: Operand[]) => bind(p, args, params);

const prims = allPrimitives();

describe.each(prims.map((p) => [p.name, p] as const))('%s', (name, p) => {
  // fill_like's first argument only gives the shape: its derivative is zero by design
  const differentiableArgs = (n: number) => Array.from({ length: n }, (_, i) => !(name === 'fill_like' && i === 0));

  it('jvp equals central finite differences of the kernel', () => {
    for (const { args, params } of samples(p)) {
      const f = apply(p, params);
      const diffable = differentiableArgs(args.length);
      const t = args.map((a, i) => (diffable[i] ? randomLike(a) : like(a, flat(a).map(() => 0))));
      const [, tOut] = jvp(f, args, t);
      const fd = directional((xs) => bind(p, xs, params), args, t);
      expectClose(flat(tOut), fd, 1e-6, `${name} jvp`);
    }
  });

  it('vjp and jvp pass the dot-product test ⟨c, J t⟩ = ⟨Jᵀ c, t⟩', () => {
    for (const { args, params } of samples(p)) {
      const f = apply(p, params);
      const diffable = differentiableArgs(args.length);
      const t = args.map((a, i) => (diffable[i] ? randomLike(a) : like(a, flat(a).map(() => 0))));
      const [out, tOut] = jvp(f, args, t);
      const c = randomLike(out as Value);
      const [, pullback] = vjp(f, ...args);
      const cts = pullback(c as never);
      const lhs = dot(c, tOut);
      const rhs = cts.reduce((s: number, ct, i) => s + (diffable[i] ? dot(ct, t[i]) : 0), 0);
      expect(Math.abs(lhs - rhs), `${name}: ⟨c, Jt⟩ = ${lhs}, ⟨Jᵀc, t⟩ = ${rhs}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(lhs)));
    }
  });

  it('vmap over a batch of 3 equals evaluating each example', () => {
    const batch = samples(p);
    const sameShapes = batch.every((s) => s.args.length === batch[0]!.args.length &&
      s.args.every((a, i) => JSON.stringify(shapeOf(a)) === JSON.stringify(shapeOf(batch[0]!.args[i]!))) &&
      JSON.stringify(s.params) === JSON.stringify(batch[0]!.params));
    const groups = sameShapes ? [batch] : batch.map((s) => [s, s, s]);
    for (const group of groups) {
      const params = group[0]!.params;
      const per = group.map(({ args }) => flat(bind(p, args, params)));
      const stacked = group[0]!.args.map((a, i) => stackValues(group.map((s) => s.args[i]!), a));
      // map every argument, and (for two or more arguments) leave the last one unmapped
      const out = vmap(apply(p, params) as (...a: never[]) => unknown)(...stacked);
      expectClose(flat(out), per.flat(), 0, `${name} vmap`);
      // the eager batching rules themselves (vmap may take a staged fast path)
      expectClose(flat(vmapEager(apply(p, params) as (...a: unknown[]) => unknown, 0, stacked)), per.flat(), 0, `${name} eager vmap`);
      if (group[0]!.args.length >= 2) {
        const lastShared = group.map(({ args }) => flat(bind(p, [...args.slice(0, -1), group[0]!.args.at(-1)!], params)));
        const inAxes = group[0]!.args.map((_a, i) => (i === group[0]!.args.length - 1 ? null : 0));
        const out2 = vmap(apply(p, params) as (...a: never[]) => unknown, { inAxes })(...stacked.slice(0, -1), group[0]!.args.at(-1)!);
        expectClose(flat(out2), lastShared.flat(), 0, `${name} vmap with an unmapped argument`);
        const out3 = vmapEager(apply(p, params) as (...a: unknown[]) => unknown, inAxes, [...stacked.slice(0, -1), group[0]!.args.at(-1)!]);
        expectClose(flat(out3), lastShared.flat(), 0, `${name} eager vmap with an unmapped argument`);
      }
    }
  });

  if (p.kind === 'elementwise' && p.arity <= 2) {
    it('grad over symbols equals diff', () => {
      const syms = symbols(p.arity === 1 ? 'x' : 'x y') as unknown as Operand[];
      const expr = bind(p, syms);
      for (let i = 0; i < p.arity; i++) {
        const g: unknown = (grad(apply(p, {}) as (...a: never[]) => unknown, { argnums: i }) as (...a: unknown[]) => unknown)(...syms);
        const d: unknown = diff(expr as never, syms[i] as never);
        // identical expressions, or (where forms differ) equal at sample points of the domain
        if (g !== d) {
          for (let k = 0; k < 3; k++) {
            const pt = p.domain.map(([lo, hi]) => uniform(rand, lo, hi));
            const env = Object.fromEntries(syms.map((s, j) => [String(s), pt[j]!]));
            expect(Number(evalf(g as never, env as never)), `${name}: grad vs diff`).toBeCloseTo(Number(evalf(d as never, env as never)), 12);
          }
        }
      }
    });
  }
});

function shapeOf(v: Value): number[] {
  if (typeof v === 'number') return [];
  if (v instanceof Float64Array) return [v.length];
  return v.shape.slice();
}

function stackValues(vals: Value[], first: Value): Value {
  const s = shapeOf(first);
  const data = Float64Array.from(vals.flatMap(flat));
  if (s.length === 0) return data;
  return { data, shape: [vals.length, ...s] };
}

describe('registry coverage', () => {
  it('every structural primitive has sample arguments here', () => {
    const missing = prims.filter((p): p is StructuralPrimitive => p.kind === 'structural').map((p) => p.name).filter((n) => !(n in STRUCTURAL_SAMPLES));
    expect(missing).toEqual([]);
  });
  it('elementwise primitives are the majority and include the chain rule product', () => {
    const names = prims.filter((p): p is ElementwisePrimitive => p.kind === 'elementwise').map((p) => p.name);
    expect(names).toContain('mul_tangent');
    expect(names).toContain('sin');
  });
});
