// No user string ever reaches generated code: symbol names, function names and print forms
// of user-defined primitives are never printed into the source.
import { describe, expect, it } from 'vitest';
import { defineFunction, getPrimitive, jit, mul } from '../../src/index.js';
import type { Num } from '../../src/index.js';
import { elementwise } from '../../src/core/primitive.js';
import { isSafeExpression, numberLiteral } from '../../src/compile/source.js';
import { IRBuilder } from '../../src/compile/ir.js';
import { compileIR } from '../../src/compile/program.js';
import { lambdify } from '../../src/compile/lambdify.js';
import { mkCall, mkInt, mkSymbol } from '../../src/symbolic/expr.js';

const HOSTILE = 'a"+process.exit()+"';
const g = globalThis as { pwned?: number };

describe('generated source', () => {
  it('never contains a hostile symbol name', () => {
    const x = mkSymbol(HOSTILE);
    const y = mkSymbol("y');globalThis.pwned=1;('");
    const e = mkCall(getPrimitive('add')!, [mkCall(getPrimitive('mul')!, [mkInt(3), x]), mkCall(getPrimitive('sin')!, [y])]);
    const f = lambdify([x, y], e);
    const src = f.source();
    expect(src).not.toContain('process');
    expect(src).not.toContain('pwned');
    expect(src).not.toMatch(/['`]/);
    expect(Array.from(f(Float64Array.of(1, 2), 0) as Float64Array)).toEqual([3, 6]);
    expect(g.pwned).toBeUndefined();
  });

  it('calls a user-defined primitive through a table, whatever its name and print form', () => {
    const evil = elementwise({
      name: 'evil_fn',
      impl: (a: number) => a + 100,
      partials: [() => 1],
      print: {
        str: (a) => `evil(${a})`,
        latex: (a) => `evil(${a})`,
        js: (a) => `(globalThis.pwned = 1, "${HOSTILE}", ${a})`,
      },
    });
    const b = new IRBuilder();
    const x = b.input();
    const ir = b.finish([b.apply(evil, [x])]);
    for (const backend of ['source', 'closure'] as const) {
      const p = compileIR(ir, [true], [true], { backend });
      expect(p.source).not.toContain('pwned');
      expect(p.source).not.toContain('process');
      expect(p.source).toMatch(/f0\(r0\)/);
      expect(Array.from(p.run([Float64Array.of(1, 2)])[0] as Float64Array)).toEqual([101, 102]);
    }
    expect(g.pwned).toBeUndefined();
  });

  it('never prints a defineFunction name or a hostile print.js form', () => {
    const process_exit = defineFunction({
      name: 'process_exit',
      impl: (a: number) => 2 * a,
      partials: [() => 2],
      print: { js: (a) => `process.exit(${a})` },
    });
    const constructor = defineFunction({ name: 'constructor', impl: (a: number) => a + 1, partials: [() => 1] });
    const j = jit((t: Num) => constructor(process_exit(mul(t, 3))));
    expect(Array.from(j(Float64Array.of(1, 2)) as Float64Array)).toEqual([7, 13]);
    const src = j.source();
    expect(src).not.toMatch(/process|constructor/);
    expect(src).toMatch(/f0\(/);
    expect(src).toMatch(/f1\(/);
  });

  it('uses only whitelisted identifiers', () => {
    const b = new IRBuilder();
    const x = b.input();
    const y = b.input();
    const e = b.apply(getPrimitive('where')!, [b.apply(getPrimitive('gt')!, [x, y]), b.apply(getPrimitive('exp')!, [x]), b.constant(-0)]);
    const p = compileIR(b.finish([e]), [true, false], [true]);
    const body = p.source.replace(/^"use strict";\n/, '');
    const identifiers = new Set(body.match(/[A-Za-z_$][A-Za-z0-9_$]*/g));
    for (const id of identifiers) {
      expect(id).toMatch(/^(?:[hracof]\d+|i|n|I|O|S|C|F|Math|exp|fill|const|let|for|return|function|fluxionKernel)$/);
    }
  });
});

describe('isSafeExpression', () => {
  it('accepts fluxion print forms and rejects anything else', () => {
    expect(isSafeExpression('Math.sin(v1)')).toBe(true);
    expect(isSafeExpression('(v1 > 0 ? 1 : v1 < 0 ? 0 : v1 === 0 ? 0.5 : NaN)')).toBe(true);
    expect(isSafeExpression('Math.constructor("x")')).toBe(false);
    expect(isSafeExpression('v1["constructor"]')).toBe(false);
    expect(isSafeExpression('process.exit()')).toBe(false);
    expect(isSafeExpression('(v1 = 2)')).toBe(false);
    expect(isSafeExpression('`${v1}`')).toBe(false);
    expect(isSafeExpression('v1; v2')).toBe(false);
    expect(isSafeExpression('x')).toBe(false);
  });
});

describe('numberLiteral', () => {
  it('reads back as the same number, -0, NaN and infinities included', () => {
    const values = [0, -0, 1, -1, 0.1, -1e-300, 5e-324, -5e-324, 1.7976931348623157e308, NaN, Infinity, -Infinity, 1e21, 123456789.123];
    for (const v of values) {
      const read = new Function(`return -${numberLiteral(v)};`)() as number;
      expect(Object.is(-read, v), `${v} via ${numberLiteral(v)}`).toBe(true);
    }
  });
});
