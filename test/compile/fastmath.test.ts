// The fastmath rewrite: the same real-number function with fewer operations.
// Oracles: exact integer arithmetic (float64 is exact on small integers, in any order, so
// a refactored program must give exactly the eager numbers there), the operation count of
// the hand-written chain rule, and the strong-zero law for partials that can be infinite.
import { describe, expect, it } from 'vitest';
import { add, div, gt, grad, jit, lambdify, log, mul, pow, sqrt, sub, symbols, vmap, where } from '../../src/index.js';
import type { ElementwisePrimitive, Num } from '../../src/index.js';
import { getPrimitive } from '../../src/core/registry.js';
import { fastMathIR } from '../../src/compile/fastmath.js';
import { IRBuilder, replayIR, type IR } from '../../src/compile/ir.js';
import { compileIR } from '../../src/compile/program.js';
import { stageFunction } from '../../src/transforms/stage.js';
import { mulberry32 } from '../util/prng.js';

const p = (t: Num) => add(sub(mul(2, pow(t, 3)), mul(3, pow(t, 2))), 5);
const fPoly = (x: Num) => p(p(p(x)));
const applications = (ir: IR) => ir.nodes.filter((n) => n.op === 'apply');

// Primitives that map integers to integers (or exact halves): float64 is exact on them.
const INTEGER_OPS = ['add', 'sub', 'mul', 'neg', 'mul_tangent', 'abs', 'sign', 'maximum', 'minimum', 'where', 'gt', 'heaviside'].map(
  (name) => getPrimitive(name) as ElementwisePrimitive,
);

function randomIntegerProgram(rand: () => number, nInputs: number, size: number): IR {
  const b = new IRBuilder();
  const pool: number[] = [];
  for (let k = 0; k < nInputs; k++) pool.push(b.input());
  const pick = () => (rand() < 0.2 ? b.constant(Math.floor(rand() * 9) - 4) : pool[Math.floor(rand() * pool.length)]!);
  for (let k = 0; k < size; k++) {
    // Arithmetic three times as often as the rest, so sums of products dominate.
    const prim = rand() < 0.75 ? INTEGER_OPS[Math.floor(rand() * 5)]! : INTEGER_OPS[5 + Math.floor(rand() * (INTEGER_OPS.length - 5))]!;
    pool.push(b.apply(prim, Array.from({ length: prim.arity }, pick)));
  }
  return b.finish([pool[pool.length - 1]!, pool[pool.length - 2]!]);
}

/** Whether every intermediate value is an integer (or half) small enough for float64 to be exact. */
function exactlyRepresented(ir: IR, inputs: readonly Float64Array[]): boolean {
  const every: IR = { ...ir, outputs: ir.nodes.map((_, id) => id) };
  return replayIR(every, inputs).every((v) => {
    const a = v as number | Float64Array;
    const values = typeof a === 'number' ? [a] : Array.from(a);
    return values.every((x) => Number.isInteger(2 * x) && Math.abs(x) < 2 ** 30);
  });
}

describe('fastmath', () => {
  it('gives exactly the eager numbers where float64 arithmetic is exact (random integer programs)', () => {
    const rand = mulberry32(0xfa57);
    let checked = 0;
    let shrunk = 0;
    for (let trial = 0; trial < 400; trial++) {
      const nInputs = 1 + Math.floor(rand() * 3);
      const ir = randomIntegerProgram(rand, nInputs, 3 + Math.floor(rand() * 14));
      const inputs = Array.from({ length: nInputs }, () => Float64Array.from({ length: 9 }, () => Math.floor(rand() * 7) - 3));
      if (!exactlyRepresented(ir, inputs)) continue;
      const eager = replayIR(ir, inputs);
      const fast = fastMathIR(ir);
      if (applications(fast).length < applications(ir).length) shrunk++;
      for (const backend of ['source', 'closure'] as const) {
        const run = compileIR(ir, inputs.map(() => true), ir.outputs.map(() => true), { backend, fastmath: true }).run(inputs);
        run.forEach((r, k) => {
          const e = eager[k] as Float64Array | number;
          const ev = typeof e === 'number' ? new Float64Array(9).fill(e) : e;
          // === rather than Object.is: reassociation may flip the sign of a zero.
          Array.from(r as Float64Array).forEach((v, i) => expect(v === ev[i], `trial ${trial}, output ${k}, element ${i}: ${v} vs ${ev[i]}`).toBe(true));
        });
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(250);
    // The rewrite is not vacuous: many programs get shorter.
    expect(shrunk).toBeGreaterThan(checked / 4);
  });

  it("compiles f_polynomial's reverse-mode gradient to no more operations than the hand-written chain rule", () => {
    // By hand: t1 = (2t0 - 3)·t0·t0 + 5 and t2 likewise (5 operations each), then
    // f' = 6·t0·(t0 - 1) · 6·t1·(t1 - 1) · 6·t2·(t2 - 1) (11 operations): 21 in all.
    const { ir } = stageFunction(vmap(grad(fPoly)) as (x: Num) => Num, [[16]]);
    const exact = applications(ir);
    const fast = applications(fastMathIR(ir));
    expect(fast.length).toBeLessThanOrEqual(21);
    expect(exact.length).toBeGreaterThan(21);
    // Every chain-rule product there has a polynomial partial: no strong-zero test is left.
    expect(fast.some((n) => n.prim.name === 'mul_tangent')).toBe(false);
    expect(exact.some((n) => n.prim.name === 'mul_tangent')).toBe(true);
  });

  it('agrees with the eager gradient of f_polynomial to a few ulps, and with the closure backend exactly', () => {
    const xs = Float64Array.from({ length: 257 }, (_, i) => -1.5 + (3 * i) / 256);
    const eager = vmap(grad(fPoly))(xs) as Float64Array;
    const fast = jit(vmap(grad(fPoly)), { fastmath: true })(xs) as Float64Array;
    const closure = jit(vmap(grad(fPoly)), { fastmath: true, backend: 'closure' })(xs) as Float64Array;
    xs.forEach((x, i) => {
      expect(Math.abs(fast[i]! - eager[i]!), `at ${x}`).toBeLessThanOrEqual(1e-13 * Math.abs(eager[i]!) + 1e-300);
      expect(closure[i] === fast[i], `closure at ${x}`).toBe(true);
    });
  });

  it('keeps the strong zero where a partial can be infinite, so where still does not poison gradients', () => {
    const f = (x: Num) => where(gt(x, 0), sqrt(x), 0);
    const g = (x: Num) => where(gt(x, 0), log(x), 0);
    for (const h of [f, g]) {
      const r = jit(vmap(grad(h)), { fastmath: true })(Float64Array.of(0, -1, 4)) as Float64Array;
      expect(Array.from(r)).toEqual(Array.from(vmap(grad(h))(Float64Array.of(0, -1, 4)) as Float64Array));
      expect(Number.isNaN(r[0]!)).toBe(false);
      expect(jit(grad(h), { fastmath: true })(0)).toBe(0);
    }
  });

  it('folds division by a constant into the coefficients', () => {
    // x/4 + x/2 = 0.75·x: one product; x/4 + 3x/4 = x: nothing left to compute.
    const h = (x: Num) => add(div(x, 4), div(x, 2));
    const { ir } = stageFunction(h as (x: Num) => Num, [[3]]);
    expect(applications(fastMathIR(ir)).map((n) => n.prim.name)).toEqual(['mul']);
    expect(Array.from(jit(h, { fastmath: true })(Float64Array.of(1, 2, -8)) as Float64Array)).toEqual([0.75, 1.5, -6]);
    const whole = (x: Num) => add(div(x, 4), div(mul(x, 3), 4));
    expect(applications(fastMathIR(stageFunction(whole as (x: Num) => Num, [[3]]).ir))).toEqual([]);
  });

  it('vmap accepts fastmath for its compiled loop', () => {
    const xs = Float64Array.from({ length: 65 }, (_, i) => -1.5 + (3 * i) / 64);
    const fast = vmap(grad(fPoly), { fastmath: true })(xs);
    const jitted = jit(vmap(grad(fPoly)), { fastmath: true })(xs) as Float64Array;
    const eager = vmap(grad(fPoly))(xs);
    xs.forEach((x, i) => {
      expect(fast[i] === jitted[i], `same program as jit fastmath at ${x}`).toBe(true);
      expect(Math.abs(fast[i]! - eager[i]!), `at ${x}`).toBeLessThanOrEqual(1e-13 * Math.abs(eager[i]!) + 1e-300);
    });
    expect(xs.some((_, i) => fast[i] !== eager[i])).toBe(true);
  });

  it('drops terms whose coefficient underflows, and leaves operations on ±∞ as written', () => {
    // (x·c)·c with c = 1e-170: the folded coefficient c² underflows to 0, as x·c·c does
    const b = new IRBuilder();
    const x = b.input();
    const c = b.constant(1e-170);
    const mulP = getPrimitive('mul')!;
    const tiny = b.finish([b.apply(mulP, [b.apply(mulP, [x, c]), c])]);
    expect(compileIR(tiny, [true], [true], { fastmath: true }).run([Float64Array.of(0.5, -3)])[0]).toEqual(Float64Array.of(0, 0));
    // v + -∞·(u - v) must not become v·(1 + ∞) - ∞·u (∞ - ∞ = NaN)
    const b2 = new IRBuilder();
    const u = b2.input();
    const v = b2.input();
    const scaled = b2.apply(mulP, [b2.constant(-Infinity), b2.apply(getPrimitive('sub')!, [u, v])]);
    const inf = b2.finish([b2.apply(getPrimitive('add')!, [v, scaled])]);
    const run = compileIR(inf, [true, true], [true], { fastmath: true }).run([Float64Array.of(2, 1), Float64Array.of(1, 2)])[0];
    expect(Array.from(run as Float64Array)).toEqual([-Infinity, Infinity]);
  });

  it('lambdify accepts fastmath too', () => {
    const [x] = symbols('x');
    const e = fPoly(x) as Parameters<typeof lambdify>[1];
    const xs = Float64Array.from({ length: 33 }, (_, i) => -1 + i / 16);
    const exact = lambdify(x, e)(xs) as Float64Array;
    const fast = lambdify(x, e, { fastmath: true })(xs) as Float64Array;
    xs.forEach((v, i) => expect(Math.abs(fast[i]! - exact[i]!), `at ${v}`).toBeLessThanOrEqual(1e-13 * Math.abs(exact[i]!)));
  });

  it('stays linear on long chains and wide sums (no blow-up, no deep recursion)', () => {
    const b = new IRBuilder();
    const x = b.input();
    const mulP = getPrimitive('mul')!;
    const addP = getPrimitive('add')!;
    let acc = x;
    for (let k = 0; k < 100_000; k++) acc = b.apply(k % 3 === 0 ? mulP : addP, [acc, k % 5 === 0 ? b.constant(1.0000001) : x]);
    const ir = b.finish([acc]);
    const xs = Float64Array.of(0.5, -0.25, 1e-3);
    const eager = replayIR(ir, [xs])[0] as Float64Array;
    const fast = compileIR(ir, [true], [true], { fastmath: true }).run([xs])[0] as Float64Array;
    xs.forEach((v, i) => {
      const e = eager[i]!;
      expect(Number.isFinite(fast[i]!) === Number.isFinite(e), `at ${v}`).toBe(true);
      if (Number.isFinite(e)) expect(Math.abs(fast[i]! - e), `at ${v}`).toBeLessThanOrEqual(1e-9 * Math.abs(e));
    });
  });
});
