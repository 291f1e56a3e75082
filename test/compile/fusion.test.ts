// The IR folds (x·(-1)·c → x·(-c), (x·2^k)·c → x·(2^k·c), ((x+0)·c)+0 → (x·c)+0, x·1 → x,
// x + (-0) → x) and the closure backend's fusion (affine operand views, pairs of operations
// in one pass) must not change a single bit. Oracle: each operation of the UNREWRITTEN
// program applied in order, element by element, with the primitive's own `impl` (IEEE
// arithmetic), compared with Object.is (-0 and NaN included) against both backends.
import { describe, expect, it } from 'vitest';
import { add, jit, mul, type ElementwisePrimitive } from '../../src/index.js';
import { formatIR, IRBuilder } from '../../src/compile/ir.js';
import { compileIR } from '../../src/compile/program.js';
import { BLOCK } from '../../src/compile/closure.js';
import { addPrimitive, divPrimitive, mulPrimitive, negPrimitive, subPrimitive } from '../../src/ops/arithmetic.js';
import { mulTangentPrimitive } from '../../src/transforms/strongzero.js';
import { mulberry32, uniform } from '../util/prng.js';

const BINARY: readonly ElementwisePrimitive[] = [addPrimitive, subPrimitive, mulPrimitive, divPrimitive, mulTangentPrimitive];
// Constants that make the folds' edge cases happen: signed zeros, ±1, powers of two (both
// sides of 1), infinities, NaN, and magnitudes that overflow or underflow when scaled.
const CONSTS = [1, -1, 2, -2, 4, 0.5, -0.25, 3, -3, 1.5, 6, -6, 0.1, 7, 0];
const EDGE_CONSTS = [0, -0, 1e308, 1e-310, Infinity, -Infinity, NaN];
const VALUES = [0, -0, 1, -1, 1e308, -1e308, 5e-324, -5e-324, 1e-310, Infinity, -Infinity, NaN, 0.1, 3];

type Op = { prim: ElementwisePrimitive; args: ({ node: number } | { value: number })[] };

function randomOps(rand: () => number, nInputs: number, size: number): Op[] {
  const ops: Op[] = [];
  const node = () => ({ node: Math.floor(rand() * (nInputs + ops.length)) });
  // Mostly the latest node, so chains (the fused shapes) are common.
  const recent = () => ({ node: nInputs + ops.length - 1 - Math.floor(rand() * Math.min(3, ops.length)) });
  const operand = () => {
    const r = rand();
    if (r < 0.05) return { value: EDGE_CONSTS[Math.floor(rand() * EDGE_CONSTS.length)]! };
    if (r < 0.4) return { value: CONSTS[Math.floor(rand() * CONSTS.length)]! };
    if (r < 0.7 && ops.length > 0) return recent();
    return node();
  };
  for (let k = 0; k < size; k++) {
    if (rand() < 0.1) {
      ops.push({ prim: negPrimitive, args: [ops.length > 0 ? recent() : node()] });
      continue;
    }
    if (rand() < 0.45 && ops.length > 0) {
      // A scalar step on the latest node (the shapes the folds and affine views rewrite).
      const prim = [mulPrimitive, mulPrimitive, addPrimitive, subPrimitive, mulTangentPrimitive][Math.floor(rand() * 5)]!;
      const k = rand() < 0.1 ? { value: EDGE_CONSTS[Math.floor(rand() * EDGE_CONSTS.length)]! } : { value: CONSTS[Math.floor(rand() * CONSTS.length)]! };
      const args = rand() < 0.5 ? [recent(), k] : [k, recent()];
      ops.push({ prim, args });
      continue;
    }
    const prim = BINARY[Math.floor(rand() * BINARY.length)]!;
    const args = [operand(), operand()];
    if ('value' in args[0]! && 'value' in args[1]!) args[rand() < 0.5 ? 0 : 1] = ops.length > 0 ? recent() : node();
    ops.push({ prim, args });
  }
  return ops;
}

function reference(ops: readonly Op[], inputs: readonly (number | Float64Array)[], n: number): Float64Array[] {
  const values: Float64Array[] = inputs.map((v) => (typeof v === 'number' ? new Float64Array(n).fill(v) : v));
  for (const op of ops) {
    const out = new Float64Array(n);
    const f = op.prim.impl as (...xs: number[]) => number;
    for (let i = 0; i < n; i++) out[i] = f(...op.args.map((a) => ('value' in a ? a.value : values[a.node]![i]!)));
    values.push(out);
  }
  return values;
}

describe('exact folds and closure fusion', () => {
  it('random arithmetic chains: both backends equal op-by-op IEEE evaluation bit for bit', () => {
    const rand = mulberry32(0xf05e);
    let compared = 0;
    for (let trial = 0; trial < 300; trial++) {
      const nInputs = 1 + Math.floor(rand() * 2);
      const ops = randomOps(rand, nInputs, 3 + Math.floor(rand() * 25));
      const b = new IRBuilder();
      const ids: number[] = [];
      for (let k = 0; k < nInputs; k++) ids.push(b.input());
      for (const op of ops) ids.push(b.apply(op.prim, op.args.map((a) => ('value' in a ? b.constant(a.value) : ids[a.node]!))));
      const picks = [ids.length - 1, nInputs + Math.floor(rand() * ops.length), ids.length - 2];
      const ir = b.finish(picks.map((p) => ids[p]!));
      const mask = Array.from({ length: nInputs }, (_, k) => k === 0 || rand() < 0.7);
      const n = [1, 5, BLOCK - 1, BLOCK + 3, 2 * BLOCK + 9][trial % 5]!;
      const value = () => (rand() < 0.15 ? VALUES[Math.floor(rand() * VALUES.length)]! : uniform(rand, -3, 3) * 10 ** Math.floor(uniform(rand, -3, 3)));
      const inputs = mask.map((isArray) => (isArray ? Float64Array.from({ length: n }, value) : value()));
      const expected = reference(ops, inputs, n);
      for (const backend of ['source', 'closure'] as const) {
        const results = compileIR(ir, mask, ir.outputs.map(() => true), { backend, length: n }).run(inputs);
        picks.forEach((p, k) => {
          const got = results[k] as Float64Array;
          const want = expected[p]!;
          for (let i = 0; i < n; i++) {
            if (!Object.is(got[i], want[i])) {
              expect.fail(`trial ${trial} ${backend} output ${k} element ${i}: ${got[i]} vs ${want[i]}\n${ops.map((o) => o.prim.name).join(' ')}`);
            }
            compared++;
          }
        });
      }
    }
    expect(compared).toBeGreaterThan(100_000);
  });

  it('every fused shape (binary, pair both sides, sum of two products) with plain, scaled and affine operands', () => {
    const rand = mulberry32(0x5a4e);
    const n = BLOCK + 5;
    const pool = [0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324, 1e308, -2.5];
    // The first 1000 elements: every combination of special values for the first three
    // inputs (the fourth cycles through them too); the rest random.
    const at = (i: number, k: number) => pool[k === 3 ? (i * 7) % 10 : Math.floor(i / 10 ** k) % 10]!;
    const inputs = Array.from({ length: 4 }, (_, k) => Float64Array.from({ length: n }, (_, i) => (i < 1000 ? at(i, k) : uniform(rand, -4, 4))));
    type Tree = { leaf: number; form: number } | { prim: ElementwisePrimitive; l: Tree; r: Tree };
    const leaf = (k: number, form: number): Tree => ({ leaf: k, form });
    // form 0: x, 1: x·(-3), 2: x·0.5 + 2, 3: 7 - x
    const build = (b: IRBuilder, ids: number[], t: Tree): number => {
      if ('leaf' in t) {
        const x = ids[t.leaf]!;
        if (t.form === 1) return b.apply(mulPrimitive, [x, b.constant(-3)]);
        if (t.form === 2) return b.apply(addPrimitive, [b.apply(mulPrimitive, [x, b.constant(0.5)]), b.constant(2)]);
        if (t.form === 3) return b.apply(subPrimitive, [b.constant(7), x]);
        return x;
      }
      return b.apply(t.prim, [build(b, ids, t.l), build(b, ids, t.r)]);
    };
    const evaluate = (t: Tree, i: number): number => {
      if ('leaf' in t) {
        const x = inputs[t.leaf]![i]!;
        return t.form === 1 ? x * -3 : t.form === 2 ? x * 0.5 + 2 : t.form === 3 ? 7 - x : x;
      }
      return (t.prim.impl as (a: number, b: number) => number)(evaluate(t.l, i), evaluate(t.r, i));
    };
    const shapes: Tree[] = [];
    const form = () => Math.floor(rand() * 4);
    for (const p1 of BINARY) {
      for (const f of [0, 1, 2]) shapes.push({ prim: p1, l: leaf(0, f), r: leaf(1, f === 2 ? 1 : f) });
      for (const p2 of BINARY) {
        for (const inner of [form(), 0]) {
          shapes.push({ prim: p2, l: { prim: p1, l: leaf(0, inner), r: leaf(1, inner) }, r: leaf(2, form()) });
          shapes.push({ prim: p2, l: leaf(2, form()), r: { prim: p1, l: leaf(0, inner), r: leaf(1, inner) } });
        }
        for (const p3 of BINARY) {
          for (const f of [0, 1, form()]) shapes.push({ prim: p2, l: { prim: p1, l: leaf(0, f), r: leaf(1, f) }, r: { prim: p3, l: leaf(2, f), r: leaf(3, f) } });
        }
      }
    }
    for (const t of shapes) {
      const b = new IRBuilder();
      const ids = [b.input(), b.input(), b.input(), b.input()];
      const ir = b.finish([build(b, ids, t)]);
      for (const backend of ['source', 'closure'] as const) {
        const [got] = compileIR(ir, [true, true, true, true], [true], { backend }).run(inputs) as Float64Array[];
        for (let i = 0; i < n; i++) {
          const want = evaluate(t, i);
          if (!Object.is(got![i], want)) expect.fail(`${backend} element ${i}: ${got![i]} vs ${want}\n${formatIR(ir)}`);
        }
      }
    }
    expect(shapes.length).toBeGreaterThan(400);
  });

  it('(g·k1 ⊙ p) ± (g·k2 ⊙ q), one branch in the source backend: exact for every k, signed zeros, ∞, NaN, subnormal g', () => {
    const special = [0, -0, 1, -1, 5e-324, -5e-324, 1e-310, 1e308, -1e308, Infinity, -Infinity, NaN, 0.75];
    // every combination of g, p, q from the special values, as three arrays
    const m = special.length;
    const n = m * m * m;
    const gs = new Float64Array(n), ps = new Float64Array(n), qs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      gs[i] = special[i % m]!;
      ps[i] = special[Math.floor(i / m) % m]!;
      qs[i] = special[Math.floor(i / (m * m))]!;
    }
    const mt = mulTangentPrimitive.impl as (t: number, p: number) => number;
    for (const prim of [addPrimitive, subPrimitive]) {
      for (const [k1, k2] of [[1, 1], [-3, 2], [0.5, 2], [2, 0.25], [1e300, -1], [-1, Infinity]] as const) {
        const b = new IRBuilder();
        const [g, p, q] = [b.input(), b.input(), b.input()];
        const scaled = (k: number) => (k === 1 ? g : b.apply(mulPrimitive, [g, b.constant(k)]));
        const ir = b.finish([b.apply(prim, [b.apply(mulTangentPrimitive, [scaled(k1), p]), b.apply(mulTangentPrimitive, [scaled(k2), q])])]);
        for (const backend of ['source', 'closure'] as const) {
          const [got] = compileIR(ir, [true, true, true], [true], { backend }).run([gs, ps, qs]) as Float64Array[];
          for (let i = 0; i < n; i++) {
            const l = mt(gs[i]! * k1, ps[i]!), r = mt(gs[i]! * k2, qs[i]!);
            const want = prim === addPrimitive ? l + r : l - r;
            if (!Object.is(got![i], want)) expect.fail(`${backend} ${prim.name} k1=${k1} k2=${k2} g=${gs[i]} p=${ps[i]} q=${qs[i]}: ${got![i]} vs ${want}`);
          }
        }
      }
    }
  });

  it('(x·k)·c and ((x + 0)·c) + 0 on subnormals, overflow, signed zeros and NaN: exact for every k, c', () => {
    const xs = Float64Array.from([...VALUES, 5e-324, 1.5e-323, 2.5e-323, 3e-308, 2.2250738585072014e-308, 8.98846567431158e307, 1.7976931348623157e308, -7e-310]);
    const ks = [1, -1, 2, -2, 4, 0.5, -0.5, 0.25, 3, 1024, 2 ** 1023, 0, -0, Infinity, NaN];
    for (const k of ks) {
      for (const c of [...ks, 1.5, -3, 0.1, 7, 1e308, 1e-308]) {
        const b = new IRBuilder();
        const x = b.input();
        const scaled = b.apply(mulPrimitive, [b.apply(mulPrimitive, [x, b.constant(k)]), b.constant(c)]);
        const normalized = b.apply(addPrimitive, [b.apply(mulPrimitive, [b.apply(addPrimitive, [b.apply(mulPrimitive, [x, b.constant(k)]), b.constant(0)]), b.constant(c)]), b.constant(0)]);
        const ir = b.finish([scaled, normalized]);
        for (const backend of ['source', 'closure'] as const) {
          const [got1, got2] = compileIR(ir, [true], [true, true], { backend }).run([xs]) as Float64Array[];
          xs.forEach((v, i) => {
            const want1 = v * k * c;
            const want2 = ((v * k + 0) * c) + 0;
            if (!Object.is(got1![i], want1)) expect.fail(`${backend}: (${v}·${k})·${c} gave ${got1![i]}, IEEE ${want1}`);
            if (!Object.is(got2![i], want2)) expect.fail(`${backend}: ((${v}·${k} + 0)·${c}) + 0 gave ${got2![i]}, IEEE ${want2}`);
          });
        }
      }
    }
  });

  it('folds shrink the program: ((c·(-1) + 0)·3 + 0) ⊙ p keeps one product and one + 0', () => {
    const b = new IRBuilder();
    const c = b.input();
    const p = b.input();
    const neg = b.apply(addPrimitive, [b.apply(mulPrimitive, [c, b.constant(-1)]), b.constant(0)]);
    const scaled = b.apply(addPrimitive, [b.apply(mulPrimitive, [neg, b.constant(3)]), b.constant(0)]);
    const ir = b.finish([b.apply(mulTangentPrimitive, [scaled, p])]);
    // (c·(-3) + 0) ⊙ p: inputs, the constants -3 and 0, one mul, one add, the product
    const names = ir.nodes.map((nd) => (nd.op === 'apply' ? nd.prim.name : nd.op === 'const' ? String(nd.value) : 'in'));
    expect(names.sort()).toEqual(['-3', '0', 'add', 'in', 'in', 'mul', 'mul_tangent']);
  });
});

describe('closure backend output arrays', () => {
  const f = (x: number | Float64Array) => {
    const g = x as unknown as Parameters<typeof add>[0];
    const y = add(mul(mul(g, g), 3), mul(g, -2));
    return [y, y, add(y, g)] as const;
  };
  const xs = Float64Array.from({ length: 2 * BLOCK + 7 }, (_, i) => (i - BLOCK) / 7);
  const want = (x: number) => [(x * x) * 3 + x * -2, (x * x) * 3 + x * -2, ((x * x) * 3 + x * -2) + x];

  it('writes results into out arrays, an output aliasing the input, or two outputs of one node', () => {
    for (const backend of ['source', 'closure'] as const) {
      const g = jit(f as unknown as (x: Float64Array) => Float64Array[], { backend });
      // distinct out arrays
      const outs = [new Float64Array(xs.length), new Float64Array(xs.length), new Float64Array(xs.length)];
      const r1 = g(xs, { out: outs }) as unknown as Float64Array[];
      // the input itself as the first out array (computed in place)
      const inPlace = xs.slice();
      const r2 = g(inPlace, { out: [inPlace, undefined, undefined] }) as unknown as Float64Array[];
      // an out array sharing memory with the input (a view of the same buffer)
      const shared = new Float64Array(2 * xs.length);
      shared.set(xs);
      const view = shared.subarray(0, xs.length);
      const r3 = g(view, { out: [shared.subarray(xs.length), undefined, undefined] }) as unknown as Float64Array[];
      xs.forEach((x, i) => {
        const w = want(x);
        for (let k = 0; k < 3; k++) {
          expect(Object.is(r1[k]![i], w[k]), `${backend} distinct outs ${k} at ${i}`).toBe(true);
          expect(Object.is(r2[k]![i], w[k]), `${backend} in place ${k} at ${i}`).toBe(true);
          expect(Object.is(r3[k]![i], w[k]), `${backend} shared buffer ${k} at ${i}`).toBe(true);
        }
      });
      expect(r1[0]).toBe(outs[0]);
      expect(r2[0]).toBe(inPlace);
    }
  });
});
