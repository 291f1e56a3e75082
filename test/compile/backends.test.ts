// Both backends run exactly the same IEEE operations: on random programs over every
// elementwise primitive, the source backend, the closure backend and the eager evaluator
// (replaying the IR through bind) agree element for element (Object.is: -0 and NaN too);
// under fastmath the two backends still agree with each other bit for bit.
import { describe, expect, it } from 'vitest';
import { allPrimitives, type ElementwisePrimitive } from '../../src/index.js';
import { IRBuilder, replayIR, type IR } from '../../src/compile/ir.js';
import { compileIR } from '../../src/compile/program.js';
import { BLOCK } from '../../src/compile/closure.js';
import { mulberry32, uniform } from '../util/prng.js';

const elementwise = allPrimitives().filter((p): p is ElementwisePrimitive => p.kind === 'elementwise');
const SPECIAL = [0, -0, 1, -1, 2, 3, 0.5, -2.5, NaN, Infinity, -Infinity, 1e-300, 1e300];

function sameElements(a: number | Float64Array, b: number | Float64Array): string | undefined {
  if (typeof a === 'number' || typeof b === 'number') {
    return typeof a === 'number' && typeof b === 'number' && Object.is(a, b) ? undefined : `${String(a)} vs ${String(b)}`;
  }
  if (a.length !== b.length) return `lengths ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `element ${i}: ${a[i]} vs ${b[i]}`;
  return undefined;
}

function randomProgram(rand: () => number, nInputs: number, size: number): IR {
  const b = new IRBuilder();
  const pool: number[] = [];
  for (let k = 0; k < nInputs; k++) pool.push(b.input());
  const pick = () => pool[Math.floor(rand() * pool.length)]!;
  const operand = (prim: ElementwisePrimitive, position: number) => {
    const r = rand();
    if (prim.name === 'pow' && position === 1 && r < 0.6) return b.constant(Math.floor(rand() * 11) - 5);
    if (r < 0.15) return b.constant(SPECIAL[Math.floor(rand() * SPECIAL.length)]!);
    if (r < 0.25) return b.constant(uniform(rand, -3, 3));
    return pick();
  };
  for (let k = 0; k < size; k++) {
    const prim = elementwise[Math.floor(rand() * elementwise.length)]!;
    const args = Array.from({ length: prim.arity }, (_, i) => operand(prim, i));
    pool.push(b.apply(prim, args));
  }
  const outs = [pool[pool.length - 1]!, pick(), pool[pool.length - 2]!];
  return b.finish(outs);
}

function randomInputs(rand: () => number, mask: readonly boolean[], n: number): (number | Float64Array)[] {
  const value = () => (rand() < 0.1 ? SPECIAL[Math.floor(rand() * SPECIAL.length)]! : uniform(rand, -4, 4));
  return mask.map((isArray) => (isArray ? Float64Array.from({ length: n }, value) : value()));
}

describe('source and closure backends', () => {
  it('agree with each other and with eager evaluation on random programs', () => {
    const rand = mulberry32(0xc0ffee);
    let checked = 0;
    for (let trial = 0; trial < 150; trial++) {
      const nInputs = 1 + Math.floor(rand() * 3);
      const ir = randomProgram(rand, nInputs, 4 + Math.floor(rand() * 20));
      const mask = Array.from({ length: nInputs }, (_, k) => k === 0 || rand() < 0.5);
      // Lengths around the block size exercise the partial last block.
      const n = [1, 7, BLOCK - 1, BLOCK, BLOCK + 3, 3 * BLOCK + 17][trial % 6]!;
      const inputs = randomInputs(rand, mask, n);
      const outIsArray = ir.outputs.map(() => true);
      const src = compileIR(ir, mask, outIsArray, { backend: 'source' });
      const clo = compileIR(ir, mask, outIsArray, { backend: 'closure' });
      expect(src.backend).toBe('source');
      expect(clo.backend).toBe('closure');
      const a = src.run(inputs);
      const b = clo.run(inputs);
      const eager = replayIR(ir, inputs);
      // fastmath rewrites the program, but both backends must still run the same one
      const fa = compileIR(ir, mask, outIsArray, { backend: 'source', fastmath: true }).run(inputs);
      const fb = compileIR(ir, mask, outIsArray, { backend: 'closure', fastmath: true }).run(inputs);
      for (let k = 0; k < a.length; k++) {
        expect(sameElements(a[k]!, b[k]!), `trial ${trial} output ${k} source vs closure`).toBeUndefined();
        expect(sameElements(fa[k]!, fb[k]!), `trial ${trial} output ${k} fastmath source vs closure`).toBeUndefined();
        let e = eager[k] as number | Float64Array;
        if (typeof e === 'number') e = new Float64Array(n).fill(e);
        expect(sameElements(a[k]!, e), `trial ${trial} output ${k} source vs eager`).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBe(450);
  });

  it('agree on all-scalar signatures (no loop) and return numbers', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 60; trial++) {
      const ir = randomProgram(rand, 2, 10);
      const mask = [false, false];
      const inputs = randomInputs(rand, mask, 0);
      const flags = ir.outputs.map(() => false);
      const a = compileIR(ir, mask, flags, { backend: 'source' }).run(inputs);
      const b = compileIR(ir, mask, flags, { backend: 'closure' }).run(inputs);
      const e = replayIR(ir, inputs);
      a.forEach((v, k) => {
        expect(typeof v).toBe('number');
        expect(sameElements(v, b[k]!)).toBeUndefined();
        expect(sameElements(v, e[k] as number)).toBeUndefined();
      });
    }
  });

  it('write into given output arrays, which may alias an input', () => {
    const b = new IRBuilder();
    const x = b.input();
    const sq = b.apply(elementwise.find((p) => p.name === 'mul')!, [x, x]);
    const ir = b.finish([b.apply(elementwise.find((p) => p.name === 'add')!, [sq, x])]);
    for (const backend of ['source', 'closure'] as const) {
      const p = compileIR(ir, [true], [true], { backend });
      const xs = Float64Array.from({ length: 2 * BLOCK + 5 }, (_, i) => i - 100);
      const expected = xs.map((v) => v * v + v);
      const [r] = p.run([xs], [xs]);
      expect(r).toBe(xs);
      expect(sameElements(xs, expected)).toBeUndefined();
    }
  });

  it('compile a 100 000-node chain (no deep recursion, a handful of locals)', () => {
    const b = new IRBuilder();
    const x = b.input();
    const add = elementwise.find((p) => p.name === 'add')!;
    const sin = elementwise.find((p) => p.name === 'sin')!;
    let v = x;
    for (let k = 0; k < 50_000; k++) v = b.apply(add, [b.apply(sin, [v]), b.constant(k % 100)]);
    const ir = b.finish([v]);
    const xs = Float64Array.of(0.1, 0.2, 0.3);
    const prog = compileIR(ir, [true], [true], { backend: 'source' });
    expect(prog.source).toMatch(/let r0;\n/);
    const a = prog.run([xs])[0]!;
    const c = compileIR(ir, [true], [true], { backend: 'closure' }).run([xs])[0]!;
    let ref = 0.2;
    for (let k = 0; k < 50_000; k++) ref = Math.sin(ref) + (k % 100);
    expect((a as Float64Array)[1]).toBe(ref);
    expect(sameElements(a, c)).toBeUndefined();
  });
});

describe('every elementwise primitive of the registry', () => {
  describe.each(elementwise.map((p) => [p.name, p] as const))('%s', (_name, prim) => {
    it('compiles in both backends and equals its impl bit for bit', () => {
      const rand = mulberry32(prim.name.length * 7919 + prim.arity);
      const b = new IRBuilder();
      const ins = Array.from({ length: prim.arity }, () => b.input());
      const ir = b.finish([b.apply(prim, ins)]);
      const n = 300;
      const cols = prim.domain.map(([lo, hi], k) =>
        Float64Array.from({ length: n }, (_, i) => (i < SPECIAL.length ? SPECIAL[(i + k) % SPECIAL.length]! : uniform(rand, lo, hi))),
      );
      const expected = Float64Array.from({ length: n }, (_, i) => prim.impl(...cols.map((c) => c[i]!)));
      const mask = cols.map(() => true);
      for (const backend of ['source', 'closure'] as const) {
        const [r] = compileIR(ir, mask, [true], { backend }).run(cols);
        expect(sameElements(r!, expected), `${prim.name} ${backend}`).toBeUndefined();
      }
      // Scalar operands broadcast (the first argument a number, the rest arrays).
      if (prim.arity === 1) return;
      const scalar0 = cols[0]![n - 1]!;
      const mixed = [scalar0, ...cols.slice(1)];
      const mixedMask = mixed.map((v) => typeof v !== 'number');
      const expectedMixed = Float64Array.from({ length: n }, (_, i) => prim.impl(scalar0, ...cols.slice(1).map((c) => c[i]!)));
      for (const backend of ['source', 'closure'] as const) {
        const [r] = compileIR(ir, mixedMask, [true], { backend }).run(mixed);
        expect(sameElements(r!, expectedMixed), `${prim.name} ${backend} broadcast`).toBeUndefined();
      }
    });
  });
});
