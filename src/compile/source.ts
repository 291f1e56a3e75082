// The source backend: one fused JavaScript loop per IR and signature, compiled with
// `new Function`. The text is built only from the IR: identifiers come from a fixed
// whitelist (h0, r0, …, a0, o0, c0, f0, i, n, I, O, S, C, F), numbers are printed with
// Number#toString, and a primitive's `print.js` form (which must compute exactly what its
// `impl` computes; the registry test checks every registered record) is used only when
// every token it produces is on a whitelist. Anything else (a user-defined function whose
// print form names it) is called through a function table, never printed.
import { FluxionError } from '../core/errors.js';
import type { Primitive } from '../core/primitive.js';
import { getPrimitive } from '../core/registry.js';
import { addPrimitive, mulPrimitive, subPrimitive } from '../ops/arithmetic.js';
import type { IRNode } from './ir.js';
import type { Kernel, Plan } from './plan.js';

const MATH_MEMBERS: ReadonlySet<string> = new Set([
  'abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'cbrt', 'ceil', 'cos', 'cosh', 'exp', 'expm1', 'floor',
  'fround', 'hypot', 'log', 'log10', 'log1p', 'log2', 'max', 'min', 'pow', 'round', 'sign', 'sin', 'sinh', 'sqrt', 'tan',
  'tanh', 'trunc', 'PI', 'E',
]);

const TOKEN = /\s+|[vhr]\d+|Math\.([A-Za-z0-9]+)|\d+(?:\.\d+)?(?:e[+-]?\d+)?|NaN|Infinity|===|!==|<=|>=|&&|\|\||[-+*/%<>?:(),!]/y;

/**
 * Whether a JavaScript expression consists only of whitelisted tokens: node identifiers
 * `v<k>`, `h<k>`, `r<k>`, whitelisted `Math` members, numeric literals, `NaN`, `Infinity`, arithmetic and
 * comparison operators, `?:`, parentheses and commas. No strings, brackets, braces,
 * assignments or other identifiers can pass.
 *
 * @param code the expression text
 */
export function isSafeExpression(code: string): boolean {
  let pos = 0;
  while (pos < code.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(code);
    if (m === null || m.index !== pos || m[0].length === 0) return false;
    if (m[1] !== undefined && !MATH_MEMBERS.has(m[1])) return false;
    pos += m[0].length;
  }
  return true;
}

/**
 * A JavaScript literal for a number that reads back as exactly the same number
 * (`-0`, `NaN` and the infinities included), parenthesized when negative.
 *
 * @param v the number
 */
export function numberLiteral(v: number): string {
  if (typeof v !== 'number') throw new FluxionError(`Only numbers can become literals; got ${typeof v}.`);
  if (Number.isNaN(v)) return '(0 / 0)';
  if (v === Infinity) return '(1 / 0)';
  if (v === -Infinity) return '(-1 / 0)';
  if (Object.is(v, -0)) return '(-0)';
  const s = v.toString();
  return v < 0 ? `(${s})` : s;
}

/** The generated text of a kernel plus the tables its code refers to by index. */
export interface GeneratedSource {
  /** The body of a function of `C` (constant vectors) and `F` (impls) returning the kernel. */
  readonly body: string;
  /** Constant vectors, referred to as `C[k]`. */
  readonly constants: readonly Float64Array[];
  /** Impls of primitives without a trusted print form, referred to as `F[k]`. */
  readonly functions: readonly ((...xs: number[]) => number)[];
}

/**
 * Generates the fused loop for a plan. Nodes that do not vary are computed once before the
 * loop (`h` registers); varying nodes are computed inside it (`r` registers, declared in
 * the loop body so no value is carried from one iteration to the next); constants are
 * inlined as literals. Registers are reused once their value is dead, so a program of any
 * size needs only as many locals as values live at once (a 100 000-node chain needs three).
 *
 * @param plan the layout of an elementwise IR for one signature
 * @returns the code and the tables it indexes
 */
export function generateSource(plan: Plan): GeneratedSource {
  const { ir, varying } = plan;
  const count = ir.nodes.length;
  const constants: Float64Array[] = [];
  const functions: ((...xs: number[]) => number)[] = [];
  const fnIndex = new Map<Primitive, number>();
  const tables: string[] = [];
  const head: string[] = [];
  const loop: string[] = [];
  const tail: string[] = [];

  // Emission order: every non-varying computed node, then every varying one (each in IR order).
  const isScalarConst = (id: number) => {
    const n = ir.nodes[id]!;
    return n.op === 'const' && typeof n.value === 'number';
  };
  const order: number[] = [];
  for (let id = 0; id < count; id++) if (varying[id] === 0 && !isScalarConst(id)) order.push(id);
  const firstLoop = order.length;
  for (let id = 0; id < count; id++) if (varying[id] === 1) order.push(id);
  const position = new Int32Array(count).fill(-1);
  order.forEach((id, k) => (position[id] = k));
  const END = order.length;
  // A sum (or difference) of two strong-zero products whose tangents are the same value g
  // scaled by constants k with |k| ≥ 1, each product used only by the sum, needs one branch:
  // g·k is 0 exactly when g is (no such product underflows, NaN and ±∞ stay nonzero), so
  // (g·k1 ⊙ p) ± (g·k2 ⊙ q) is `g === 0 ? 0 : g·k1·p ± g·k2·q` bit for bit (+0 ± +0 is +0).
  const guardOf = new Map<number, number>();
  const plainProducts = new Set<number>();
  const mulTangent = getPrimitive('mul_tangent');
  if (mulTangent !== undefined) {
    const uses = new Int32Array(count);
    for (const n of ir.nodes) if (n.op === 'apply') for (const a of n.args) uses[a]!++;
    for (const o of ir.outputs) uses[o]! += 2;
    const scalarConst = (id: number) => {
      const n = ir.nodes[id]!;
      return n.op === 'const' && typeof n.value === 'number' ? n.value : undefined;
    };
    const scaledFrom = (id: number): number => {
      const n = ir.nodes[id]!;
      if (n.op !== 'apply' || n.prim !== mulPrimitive) return id;
      for (let side = 0; side < 2; side++) {
        const k = scalarConst(n.args[side]!);
        if (k !== undefined && Number.isFinite(k) && Math.abs(k) >= 1) return n.args[1 - side]!;
      }
      return id;
    };
    const product = (id: number) => {
      const n = ir.nodes[id]!;
      return n.op === 'apply' && n.prim === mulTangent && uses[id] === 1 && varying[id] === 1 && !plainProducts.has(id) ? n.args : undefined;
    };
    ir.nodes.forEach((n, id) => {
      if (n.op !== 'apply' || (n.prim !== addPrimitive && n.prim !== subPrimitive) || varying[id] !== 1) return;
      const l = product(n.args[0]!), r = product(n.args[1]!);
      if (l === undefined || r === undefined || n.args[0] === n.args[1]) return;
      const g = scaledFrom(l[0]!);
      if (g !== scaledFrom(r[0]!) || scalarConst(g) !== undefined) return;
      guardOf.set(id, g);
      plainProducts.add(n.args[0]!);
      plainProducts.add(n.args[1]!);
    });
  }
  const operandsOf = (n: IRNode & { op: 'apply' }, id: number): readonly number[] => {
    const g = guardOf.get(id);
    return g === undefined ? n.args : [...n.args, g];
  };

  const lastUse = new Int32Array(count).fill(-1);
  for (const id of order) {
    const n = ir.nodes[id]!;
    if (n.op !== 'apply') continue;
    for (const a of operandsOf(n, id)) {
      // A value computed before the loop and used inside it stays live through the loop.
      const use = varying[a] === 0 && varying[id] === 1 ? END : position[id]!;
      if (use > lastUse[a]!) lastUse[a] = use;
    }
  }
  for (const o of ir.outputs) lastUse[o] = END;

  const name: string[] = new Array<string>(count);
  const pools = { h: [] as number[], r: [] as number[] };
  const sizes = { h: 0, r: 0 };
  const operand = (a: number): string => {
    const n = ir.nodes[a]!;
    return n.op === 'const' && typeof n.value === 'number' ? numberLiteral(n.value) : name[a]!;
  };

  order.forEach((id, pos) => {
    const kind = pos < firstLoop ? 'h' : 'r';
    const n = ir.nodes[id]!;
    let expr: string;
    if (n.op === 'input') {
      if (varying[id] === 1) {
        tables.push(`const a${id} = I[${n.index}];`);
        expr = `a${id}[i]`;
      } else {
        expr = `I[${n.index}]`;
      }
    } else if (n.op === 'const') {
      tables.push(`const c${id} = C[${constants.length}];`);
      constants.push(n.value as Float64Array);
      expr = `c${id}[i]`;
    } else {
      const prim = n.prim;
      if (prim.kind !== 'elementwise') throw new FluxionError(`The source backend cannot compile ${prim.name}: it is not elementwise.`);
      const operands = n.args.map(operand);
      let printed: unknown;
      try {
        printed = prim.print.js(...operands);
      } catch {
        printed = undefined;
      }
      const g = guardOf.get(id);
      if (plainProducts.has(id)) {
        printed = `(${operands[0]!} * ${operands[1]!})`;
      } else if (g !== undefined) {
        printed = `(${operand(g)} === 0 ? 0 : ${operands[0]!} ${n.prim === addPrimitive ? '+' : '-'} ${operands[1]!})`;
      }
      if (typeof printed === 'string' && isSafeExpression(printed)) {
        expr = printed;
      } else {
        let k = fnIndex.get(prim);
        if (k === undefined) {
          k = functions.length;
          functions.push(prim.impl);
          fnIndex.set(prim, k);
          tables.push(`const f${k} = F[${k}];`);
        }
        expr = `f${k}(${operands.join(', ')})`;
      }
      // Operands whose last use is this node give their registers back (the new value may
      // take one of them: the right-hand side is evaluated first).
      for (const a of new Set(operandsOf(n, id))) {
        if (lastUse[a] === pos && name[a] !== undefined && (varying[a] === 1 ? 'r' : 'h') === kind) {
          pools[kind].push(Number(name[a]!.slice(1)));
        }
      }
    }
    const reg = pools[kind].length > 0 ? pools[kind].pop()! : sizes[kind]++;
    name[id] = `${kind}${reg}`;
    (kind === 'h' ? head : loop).push(`${name[id]} = ${expr};`);
    // A value nobody uses frees its register at once.
    if (lastUse[id]! < 0) pools[kind].push(reg);
  });

  ir.outputs.forEach((o, k) => {
    if (plan.outputIsArray[k]) {
      if (varying[o] === 1) {
        tables.push(`const o${k} = O[${k}];`);
        loop.push(`o${k}[i] = ${operand(o)};`);
      } else {
        tail.push(`O[${k}].fill(${operand(o)});`);
      }
    } else {
      tail.push(`S[${k}] = ${operand(o)};`);
    }
  });

  const decl = (kind: 'h' | 'r') => (sizes[kind] > 0 ? [`let ${Array.from({ length: sizes[kind] }, (_, k) => `${kind}${k}`).join(', ')};`] : []);
  const body = [
    '"use strict";',
    'return function fluxionKernel(I, O, S, n) {',
    ...tables.map((l) => `  ${l}`),
    ...decl('h').map((l) => `  ${l}`),
    ...head.map((l) => `  ${l}`),
    ...(loop.length > 0 ? ['  for (let i = 0; i < n; i++) {', ...decl('r').map((l) => `    ${l}`), ...loop.map((l) => `    ${l}`), '  }'] : []),
    ...tail.map((l) => `  ${l}`),
    '};',
  ].join('\n');
  return { body, constants, functions };
}

/**
 * Compiles generated source with `new Function`. Throws whatever the environment throws
 * when code generation from strings is forbidden (a Content-Security-Policy without
 * `unsafe-eval`); the caller falls back to the closure backend.
 *
 * @param gen the generated source
 * @returns the kernel
 */
export function compileSource(gen: GeneratedSource): Kernel {
  const factory = new Function('C', 'F', gen.body) as (C: readonly Float64Array[], F: readonly ((...xs: number[]) => number)[]) => Kernel;
  return factory(gen.constants, gen.functions);
}
