// Compiled autodiff against JAX (float64): every function of the autodiff fixtures
// (test/fixtures/autodiff/autodiff.json) under jit(vmap(grad(f))), the vmap fast path,
// jit(grad(grad(f))), grad(jit(f)), vmap(jit(grad(f))) and jit(grad(f)) of vector functions;
// the closure backend gives arrays identical to the source backend's; the same with fastmath.
import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/autodiff/autodiff.json';
import { grad, jit, vmap } from '../../src/index.js';
import type { Num } from '../../src/index.js';
import { compileDsl } from '../autodiff/dsl.js';

interface ScalarCase { expr: string; points: number[]; value: number[]; grad: number[]; grad2: number[]; vmap_grad: number[] }
interface SvCase { expr: string; n: number; points: number[][]; grad: number[][] }
interface Kink { expr: string; point: number; expected: number }

const scalar = fixture.scalar as ScalarCase[];
const sv = fixture.scalar_of_vector as SvCase[];
const kinks = fixture.kinks as Kink[];

// The deviation the autodiff conformance test documents: tanh's partial 1 - tanh^2 cancels.
const KNOWN: Record<string, number> = { '(tanh (mul 2 (sinh x)))': 1e-3 };

// Relative 1e-12; a derivative that is zero up to rounding is compared at the scale of the
// function's other derivatives at that point (as in the autodiff conformance test).
function close(a: number, e: number, what: string, rel: number, scale: number): void {
  const tol = Math.max(rel * Math.abs(e), 1e-15 * scale);
  if (tol === 0) expect(a, what).toBe(e);
  else expect(Math.abs(a - e), `${what}: got ${a}, JAX ${e}`).toBeLessThanOrEqual(tol);
}

describe('compiled scalar functions vs JAX', () => {
  it('covers the fixture', () => expect(scalar.length).toBeGreaterThanOrEqual(100));

  describe.each(scalar.map((c) => [c.expr, c] as const))('%s', (expr, c) => {
    const f = compileDsl(expr);
    const rel = KNOWN[expr] ?? 1e-12;
    const pts = Float64Array.from(c.points);
    const scaleAt = (i: number) => Math.max(Math.abs(c.value[i]!), Math.abs(c.grad[i]!), Math.abs(c.grad2[i]!));

    it('jit(vmap(grad(f))) and the staged vmap(grad(f)) match JAX; closure = source', () => {
      const a = jit(vmap(grad(f)))(pts) as Float64Array;
      const b = jit(vmap(grad(f)), { backend: 'closure' })(pts) as Float64Array;
      const v = vmap(grad(f))(pts) as Float64Array;
      c.points.forEach((x, i) => {
        close(a[i]!, c.vmap_grad[i]!, `jit(vmap(grad)) at ${x}`, rel, scaleAt(i));
        close(v[i]!, c.vmap_grad[i]!, `vmap(grad) at ${x}`, rel, scaleAt(i));
        expect(Object.is(a[i], b[i]), `closure vs source at ${x}`).toBe(true);
      });
    });

    it('with fastmath, jit(vmap(grad(f))) and jit(grad(grad(f))) still match JAX; closure = source', () => {
      // Refactored sums round differently from the eager path, yet stay as close to JAX.
      const fastRel = rel;
      const a = jit(vmap(grad(f)), { fastmath: true })(pts) as Float64Array;
      const b = jit(vmap(grad(f)), { fastmath: true, backend: 'closure' })(pts) as Float64Array;
      const g2 = jit(vmap(grad(grad(f))), { fastmath: true })(pts) as Float64Array;
      // Reassociation may turn +0 into -0 (equal numbers; Object.is tells them apart).
      const closeFast = (v: number, e: number, what: string, i: number) => (v === 0 && e === 0 ? undefined : close(v, e, what, fastRel, scaleAt(i)));
      c.points.forEach((x, i) => {
        closeFast(a[i]!, c.vmap_grad[i]!, `fastmath jit(vmap(grad)) at ${x}`, i);
        closeFast(g2[i]!, c.grad2[i]!, `fastmath jit(vmap(grad(grad))) at ${x}`, i);
        expect(Object.is(a[i], b[i]), `fastmath closure vs source at ${x}`).toBe(true);
      });
    });

    it('jit(grad(grad(f))), grad(jit(f)) and vmap(jit(grad(f))) match JAX', () => {
      const g2 = jit(grad(grad(f)));
      const gj = grad(jit(f));
      const vj = vmap(jit(grad(f)))(pts) as Float64Array;
      c.points.forEach((x, i) => {
        close(g2(x) as number, c.grad2[i]!, `jit(grad(grad)) at ${x}`, rel === 1e-12 ? 1e-11 : rel, scaleAt(i));
        close(gj(x) as number, c.grad[i]!, `grad(jit) at ${x}`, rel, scaleAt(i));
        close(vj[i]!, c.grad[i]!, `vmap(jit(grad)) at ${x}`, rel, scaleAt(i));
      });
    });
  });
});

describe('compiled gradients of functions of a vector vs JAX', () => {
  describe.each(sv.map((c) => [c.expr, c] as const))('%s', (expr, c) => {
    it('jit(grad(f)) matches JAX', () => {
      const g = jit(grad(compileDsl(expr, 'v') as (v: Num) => Num));
      c.points.forEach((p, k) => {
        const r = g(Float64Array.from(p)) as Float64Array;
        const e = c.grad[k]!;
        const scale = Math.max(...e.map(Math.abs));
        e.forEach((ei, i) => close(r[i]!, ei, `${expr} at point ${k}, component ${i}`, 1e-12, scale));
      });
    });
  });
});

describe('kinks, compiled', () => {
  it.each(kinks.map((k) => [k.expr, k] as const))('%s', (expr, k) => {
    const f = compileDsl(expr);
    const r = jit(vmap(grad(f)))(Float64Array.of(k.point, k.point)) as Float64Array;
    expect(r[0]).toBe(k.expected);
    expect(jit(grad(f))(k.point)).toBe(k.expected);
  });
});
