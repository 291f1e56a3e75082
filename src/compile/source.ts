// The source backend: one fused JavaScript loop per IR and signature, compiled with
// `new Function`. The text is built only from the IR: identifiers come from a fixed
// whitelist (v0, v1, …, a0, o0, c0, f0, i, n, I, O, S, C, F), numbers are printed with
// Number#toString, and a primitive's `print.js` form (which must compute exactly what its
// `impl` computes; the registry test checks every registered record) is used only when
// every token it produces is on a whitelist. Anything else (a user-defined function whose
// print form names it) is called through a function table, never printed.
import { FluxionError } from '../core/errors.js';
import type { Primitive } from '../core/primitive.js';
import type { Kernel, Plan } from './plan.js';

const MATH_MEMBERS: ReadonlySet<string> = new Set([
  'abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'cbrt', 'ceil', 'cos', 'cosh', 'exp', 'expm1', 'floor',
  'fround', 'hypot', 'log', 'log10', 'log1p', 'log2', 'max', 'min', 'pow', 'round', 'sign', 'sin', 'sinh', 'sqrt', 'tan',
  'tanh', 'trunc', 'PI', 'E',
]);

const TOKEN = /\s+|v\d+|Math\.([A-Za-z0-9]+)|\d+(?:\.\d+)?(?:e[+-]?\d+)?|NaN|Infinity|===|!==|<=|>=|&&|\|\||[-+*/%<>?:(),!]/y;

/**
 * Whether a JavaScript expression consists only of whitelisted tokens: node identifiers
 * `v<k>`, whitelisted `Math` members, numeric literals, `NaN`, `Infinity`, arithmetic and
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
 * Generates the fused loop for a plan: nodes that do not vary are computed once before the
 * loop; every varying node is one `const` inside it, in the IR's order.
 *
 * @param plan the layout of an elementwise IR for one signature
 * @returns the code and the tables it indexes
 */
export function generateSource(plan: Plan): GeneratedSource {
  const { ir, varying } = plan;
  const constants: Float64Array[] = [];
  const functions: ((...xs: number[]) => number)[] = [];
  const fnIndex = new Map<Primitive, number>();
  const head: string[] = [];
  const loop: string[] = [];
  const tail: string[] = [];

  ir.nodes.forEach((n, id) => {
    const v = `v${id}`;
    if (n.op === 'input') {
      if (varying[id] === 1) {
        head.push(`const a${id} = I[${n.index}];`);
        loop.push(`const ${v} = a${id}[i];`);
      } else {
        head.push(`const ${v} = I[${n.index}];`);
      }
      return;
    }
    if (n.op === 'const') {
      if (typeof n.value === 'number') {
        head.push(`const ${v} = ${numberLiteral(n.value)};`);
      } else {
        head.push(`const c${id} = C[${constants.length}];`);
        constants.push(n.value);
        loop.push(`const ${v} = c${id}[i];`);
      }
      return;
    }
    const prim = n.prim;
    if (prim.kind !== 'elementwise') throw new FluxionError(`The source backend cannot compile ${prim.name}: it is not elementwise.`);
    const operands = n.args.map((a) => `v${a}`);
    let expr: string | undefined;
    let printed: unknown;
    try {
      printed = prim.print.js(...operands);
    } catch {
      printed = undefined;
    }
    if (typeof printed === 'string' && isSafeExpression(printed)) expr = printed;
    if (expr === undefined) {
      let k = fnIndex.get(prim);
      if (k === undefined) {
        k = functions.length;
        functions.push(prim.impl);
        fnIndex.set(prim, k);
        head.unshift(`const f${k} = F[${k}];`);
      }
      expr = `f${k}(${operands.join(', ')})`;
    }
    (varying[id] === 1 ? loop : head).push(`const ${v} = ${expr};`);
  });

  ir.outputs.forEach((o, k) => {
    if (plan.outputIsArray[k]) {
      if (varying[o] === 1) {
        head.push(`const o${k} = O[${k}];`);
        loop.push(`o${k}[i] = v${o};`);
      } else {
        tail.push(`O[${k}].fill(v${o});`);
      }
    } else {
      tail.push(`S[${k}] = v${o};`);
    }
  });

  const body = [
    '"use strict";',
    'return function fluxionKernel(I, O, S, n) {',
    ...head.map((l) => `  ${l}`),
    ...(loop.length > 0 ? ['  for (let i = 0; i < n; i++) {', ...loop.map((l) => `    ${l}`), '  }'] : []),
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
