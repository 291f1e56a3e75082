import { describe, expect, it } from 'vitest';
import { getPrimitive, type Primitive } from '../../src/index.js';
import { IRBuilder, eliminateDeadCode, optimizeIR, formatIR } from '../../src/compile/ir.js';

const P = (name: string): Primitive => getPrimitive(name)!;

describe('IR construction', () => {
  it('numbers values: the same application of the same operands is one node', () => {
    const b = new IRBuilder();
    const x = b.input();
    const s1 = b.apply(P('sin'), [x]);
    const s2 = b.apply(P('sin'), [x]);
    expect(s2).toBe(s1);
    expect(b.apply(P('cos'), [x])).not.toBe(s1);
    expect(b.constant(2)).toBe(b.constant(2));
    expect(b.constant(0)).not.toBe(b.constant(-0));
    expect(b.constant(NaN)).toBe(b.constant(NaN));
  });

  it('folds applications whose operands are all constants, with the record impl', () => {
    const b = new IRBuilder();
    b.input();
    const c = b.apply(P('sin'), [b.constant(2)]);
    expect(b.scalarConstant(c)).toBe(Math.sin(2));
    const d = b.apply(P('div'), [b.constant(1), b.constant(-0)]);
    expect(b.scalarConstant(d)).toBe(-Infinity);
  });

  it('lowers small integer powers to products, as x*x, (x*x)*x, (x*x)*(x*x), 1/x^n', () => {
    const b = new IRBuilder();
    const x = b.input();
    const p2 = b.apply(P('pow'), [x, b.constant(2)]);
    const p3 = b.apply(P('pow'), [x, b.constant(3)]);
    const pm2 = b.apply(P('pow'), [x, b.constant(-2)]);
    const p1 = b.apply(P('pow'), [x, b.constant(1)]);
    const p0 = b.apply(P('pow'), [x, b.constant(0)]);
    const p5 = b.apply(P('pow'), [x, b.constant(5)]);
    const ph = b.apply(P('pow'), [x, b.constant(0.5)]);
    expect(p1).toBe(x);
    expect(b.scalarConstant(p0)).toBe(1);
    const ir = b.finish([p2, p3, pm2, p5, ph]);
    expect(formatIR(ir)).toBe(
      [
        'v0 = input 0',
        'v1 = mul(v0, v0)',
        'v2 = mul(v1, v0)',
        'v3 = 1',
        'v4 = div(v3, v1)',
        'v5 = 5',
        'v6 = pow(v0, v5)',
        'v7 = 0.5',
        'v8 = pow(v0, v7)',
        'return v1, v2, v4, v6, v8',
      ].join('\n'),
    );
  });

  it('eliminates dead code and keeps every input', () => {
    const b = new IRBuilder();
    const x = b.input();
    const y = b.input();
    b.apply(P('exp'), [y]);
    const s = b.apply(P('sin'), [x]);
    const ir = b.finish([s, s]);
    expect(ir.nodes.length).toBe(3);
    expect(ir.nInputs).toBe(2);
    expect(ir.outputs).toEqual([2, 2]);
    expect(eliminateDeadCode(ir).nodes.length).toBe(3);
  });

  it('optimizeIR re-applies numbering, folding and lowering to a hand-made IR', () => {
    const sin = P('sin');
    const ir = {
      nInputs: 1,
      nodes: [
        { op: 'input', index: 0 },
        { op: 'apply', prim: sin, args: [0], params: {} },
        { op: 'apply', prim: sin, args: [0], params: {} },
        { op: 'const', value: 3 },
        { op: 'apply', prim: P('pow'), args: [2, 3], params: {} },
        { op: 'apply', prim: P('add'), args: [1, 4], params: {} },
      ],
      outputs: [5],
    } as const;
    expect(formatIR(optimizeIR(ir))).toBe(['v0 = input 0', 'v1 = sin(v0)', 'v2 = mul(v1, v1)', 'v3 = mul(v2, v1)', 'v4 = add(v1, v3)', 'return v4'].join('\n'));
  });

  it('rejects operands that are not earlier nodes and inputs declared late', () => {
    const b = new IRBuilder();
    const x = b.input();
    expect(() => b.apply(P('sin'), [x + 1])).toThrow(/not an earlier node/);
    b.constant(1);
    expect(() => b.input()).toThrow(/inputs must be declared before/);
  });
});
