// The one intermediate representation that lambdify (from an Expr DAG) and staging (from
// tracing) both produce, and that both backends compile: inputs, topologically ordered
// applications of primitive records, constants, outputs.
import { bind } from '../core/bind.js';
import { FluxionError } from '../core/errors.js';
import type { Primitive } from '../core/primitive.js';
import type { Operand, Params } from '../core/trace.js';
import { addPrimitive, divPrimitive, MAX_PRODUCT_POWER, mulPrimitive, powPrimitive } from '../ops/arithmetic.js';

/** A node of the IR. Operands always refer to earlier nodes (topological order). */
export type IRNode =
  /** The `index`-th argument of the compiled function. */
  | { readonly op: 'input'; readonly index: number }
  /** A number, or a constant vector captured from a closure during staging. */
  | { readonly op: 'const'; readonly value: number | Float64Array }
  /** An application of a primitive record to earlier nodes. */
  | { readonly op: 'apply'; readonly prim: Primitive; readonly args: readonly number[]; readonly params: Params };

/** A straight-line program: `nodes[k]` for `k < nInputs` are the inputs, in order. */
export interface IR {
  readonly nInputs: number;
  readonly nodes: readonly IRNode[];
  /** Node ids of the results, in order (an id may repeat). */
  readonly outputs: readonly number[];
}

const NO_PARAMS: Params = Object.freeze({});

// Integer exponents lowered to multiplications (and one division for negative ones).
// Both backends then run the same IEEE operations, so they agree bit for bit, and the fused
// loop needs no Math.pow call: x^2 → x*x, x^3 → (x*x)*x, x^4 → (x*x)*(x*x), x^-n → 1/x^n.
const MAX_LOWERED_POWER = MAX_PRODUCT_POWER;

function constKey(v: number): string {
  // Distinguishes -0 from 0; every NaN is one constant.
  return Object.is(v, -0) ? 'c:-0' : `c:${v}`;
}

/** Whether `s` is ±2^k for an integer k ≥ 0 (multiplying by it only shifts the exponent). */
function isScaleUp(s: number): boolean {
  const m = Math.abs(s);
  if (!Number.isFinite(m) || m < 1) return false;
  let e = m;
  while (e > 1 && e % 2 === 0) e /= 2;
  return e === 1;
}

/**
 * Builds an IR with value numbering (an application of the same primitive to the same
 * operands is recorded once), constant folding (an elementwise application whose operands
 * are all scalar constants becomes a constant, computed with the record's `impl`, exactly
 * what the backends would compute) and lowering of small integer powers to products.
 */
export class IRBuilder {
  private readonly nodeList: IRNode[] = [];
  private readonly numbering = new Map<string, number>();
  private readonly arrayConsts = new Map<Float64Array, number>();
  private inputs = 0;

  /** Number of nodes recorded so far. */
  get size(): number {
    return this.nodeList.length;
  }

  /** The node with id `id`. */
  node(id: number): IRNode {
    const n = this.nodeList[id];
    if (n === undefined) throw new FluxionError(`IR node ${id} does not exist (the IR has ${this.nodeList.length} nodes).`);
    return n;
  }

  /** Adds the next input; inputs must be added before any other node. */
  input(): number {
    if (this.nodeList.length !== this.inputs) {
      throw new FluxionError('IRBuilder: inputs must be declared before constants and applications.');
    }
    const id = this.nodeList.length;
    this.nodeList.push({ op: 'input', index: this.inputs++ });
    return id;
  }

  /** A scalar constant (deduplicated; `-0` and `0` are different constants). */
  constant(v: number): number {
    const key = constKey(v);
    const hit = this.numbering.get(key);
    if (hit !== undefined) return hit;
    const id = this.nodeList.length;
    this.nodeList.push({ op: 'const', value: v });
    this.numbering.set(key, id);
    return id;
  }

  /** A constant vector (deduplicated by identity). */
  constantArray(a: Float64Array): number {
    const hit = this.arrayConsts.get(a);
    if (hit !== undefined) return hit;
    const id = this.nodeList.length;
    this.nodeList.push({ op: 'const', value: a });
    this.arrayConsts.set(a, id);
    return id;
  }

  /** The scalar constant value of node `id`, if it is one. */
  scalarConstant(id: number): number | undefined {
    const n = this.nodeList[id];
    return n !== undefined && n.op === 'const' && typeof n.value === 'number' ? n.value : undefined;
  }

  /**
   * Records `prim(args)`, or returns the id of an equal earlier node or of its folded value.
   *
   * @param prim the primitive record
   * @param args operand node ids
   * @param params parameters of a structural primitive
   */
  apply(prim: Primitive, args: readonly number[], params: Params = NO_PARAMS): number {
    for (const a of args) {
      if (!Number.isInteger(a) || a < 0 || a >= this.nodeList.length) {
        throw new FluxionError(`IRBuilder: operand ${a} of ${prim.name} is not an earlier node.`);
      }
    }
    if (prim.kind === 'elementwise') {
      if (args.length !== prim.arity) {
        throw new FluxionError(`IRBuilder: ${prim.name} takes ${prim.arity} operand(s), got ${args.length}.`);
      }
      const values: number[] = [];
      for (const a of args) {
        const v = this.scalarConstant(a);
        if (v === undefined) break;
        values.push(v);
      }
      if (values.length === args.length) return this.constant(prim.impl(...values));
      if (prim === powPrimitive) {
        const lowered = this.lowerPower(args[0]!, args[1]!);
        if (lowered !== undefined) return lowered;
      }
      if (prim === mulPrimitive) {
        const folded = this.foldSignedProduct(args[0]!, args[1]!);
        if (folded !== undefined) return folded;
      }
      if (prim === addPrimitive) {
        const folded = this.foldZeroNormalization(args[0]!, args[1]!);
        if (folded !== undefined) return folded;
      }
    }
    const structuralWithParams = prim.kind === 'structural' && Object.keys(params).length > 0;
    const key = structuralWithParams ? undefined : `a:${prim.name}:${args.join(',')}`;
    if (key !== undefined) {
      const hit = this.numbering.get(key);
      if (hit !== undefined && this.nodeList[hit]!.op === 'apply' && (this.nodeList[hit] as { prim: Primitive }).prim === prim) return hit;
    }
    const id = this.nodeList.length;
    this.nodeList.push({ op: 'apply', prim, args: args.slice(), params });
    if (key !== undefined) this.numbering.set(key, id);
    return id;
  }

  /** The operands of `id` when it is an application of `prim`. */
  private applicationOf(id: number, prim: Primitive): readonly number[] | undefined {
    const n = this.nodeList[id];
    return n !== undefined && n.op === 'apply' && n.prim === prim ? n.args : undefined;
  }

  /**
   * `x + 0` (either order, `+0` only) as `x`: the node that normalizes `-0` to `+0` and
   * leaves every other value unchanged.
   *
   * @param id a node id
   * @returns the normalized operand, or undefined when `id` is not such a node
   */
  zeroNormalizedOperand(id: number): number | undefined {
    const args = this.applicationOf(id, addPrimitive);
    if (args === undefined) return undefined;
    const isPlusZero = (a: number) => Object.is(this.scalarConstant(a), 0);
    if (isPlusZero(args[1]!)) return args[0]!;
    if (isPlusZero(args[0]!)) return args[1]!;
    return undefined;
  }

  // (a·s)·c with s = ±1 and c a scalar constant is a·(s·c), exactly: multiplying by -1
  // only flips the sign, and round-to-nearest is symmetric, so (-a)·c = -(a·c) = a·(-c)
  // bit for bit (signed zeros and NaN included).
  private foldSignedProduct(x: number, y: number): number | undefined {
    let c = this.scalarConstant(y);
    let v = x;
    if (c === undefined) {
      c = this.scalarConstant(x);
      v = y;
    }
    if (c === undefined) return undefined;
    // x·1 is x for every x (signed zeros and NaN included).
    if (c === 1) return v;
    const inner = this.applicationOf(v, mulPrimitive);
    if (inner === undefined) return undefined;
    for (let side = 0; side < 2; side++) {
      const s = this.scalarConstant(inner[side]!);
      if (s === 1 || s === -1) return this.apply(mulPrimitive, [inner[1 - side]!, this.constant(s * c)]);
      // (a·2^k)·c with k ≥ 0 and |c| ≥ 1 is a·(2^k·c): a·2^k is exact (no underflow when
      // scaling up; when it overflows, |a·2^k·c| overflows too, to the same infinity), so
      // both sides are the one rounding of the exact product a·2^k·c.
      if (s !== undefined && isScaleUp(s) && Number.isFinite(c) && Math.abs(c) >= 1 && Number.isFinite(s * c)) {
        return this.apply(mulPrimitive, [inner[1 - side]!, this.constant(s * c)]);
      }
    }
    return undefined;
  }

  // ((a + 0)·c) + 0 is (a·c) + 0, exactly, for every scalar constant c: the inner `+ 0`
  // only turns a = -0 into +0, and ±0·c + 0 is +0 (c finite) or NaN (c infinite or NaN)
  // for either sign of the zero.
  private foldZeroNormalization(x: number, y: number): number | undefined {
    // x + (-0) is x for every x (-0 + -0 is -0, +0 + -0 is +0).
    if (Object.is(this.scalarConstant(y), -0)) return x;
    if (Object.is(this.scalarConstant(x), -0)) return y;
    if (!Object.is(this.scalarConstant(y), 0) && !Object.is(this.scalarConstant(x), 0)) return undefined;
    const v = Object.is(this.scalarConstant(y), 0) ? x : y;
    const prod = this.applicationOf(v, mulPrimitive);
    if (prod === undefined) return undefined;
    for (let side = 0; side < 2; side++) {
      if (this.scalarConstant(prod[1 - side]!) === undefined) continue;
      const a = this.zeroNormalizedOperand(prod[side]!);
      if (a === undefined) continue;
      return this.apply(addPrimitive, [this.apply(mulPrimitive, [a, prod[1 - side]!]), this.constant(0)]);
    }
    return undefined;
  }

  private lowerPower(base: number, exponent: number): number | undefined {
    const n = this.scalarConstant(exponent);
    if (n === undefined || !Number.isInteger(n) || Math.abs(n) > MAX_LOWERED_POWER) return undefined;
    // Math.pow(x, 0) is 1 for every x, NaN included.
    if (n === 0) return this.constant(1);
    const m = Math.abs(n);
    let p: number;
    if (m === 1) p = base;
    else if (m === 2) p = this.apply(mulPrimitive, [base, base]);
    else if (m === 3) p = this.apply(mulPrimitive, [this.apply(mulPrimitive, [base, base]), base]);
    else {
      const sq = this.apply(mulPrimitive, [base, base]);
      p = this.apply(mulPrimitive, [sq, sq]);
    }
    return n < 0 ? this.apply(divPrimitive, [this.constant(1), p]) : p;
  }

  /**
   * Finishes the IR: keeps only the nodes the outputs depend on (dead-code elimination)
   * and renumbers them, inputs first.
   *
   * @param outputs node ids of the results
   */
  finish(outputs: readonly number[]): IR {
    return eliminateDeadCode({ nInputs: this.inputs, nodes: this.nodeList, outputs });
  }
}

/**
 * Dead-code elimination: drops every node no output depends on (inputs are kept, since
 * they are positional) and renumbers the rest in their original, topological order.
 *
 * @param ir the program
 * @returns an equivalent program without dead nodes
 */
export function eliminateDeadCode(ir: IR): IR {
  const live = new Uint8Array(ir.nodes.length);
  const stack: number[] = [];
  for (const o of ir.outputs) stack.push(o);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (live[id] === 1) continue;
    live[id] = 1;
    const n = ir.nodes[id];
    if (n === undefined) throw new FluxionError(`IR output or operand ${id} does not exist.`);
    if (n.op === 'apply') for (const a of n.args) if (live[a] === 0) stack.push(a);
  }
  for (let k = 0; k < ir.nInputs; k++) live[k] = 1;
  const renumber = new Int32Array(ir.nodes.length).fill(-1);
  const nodes: IRNode[] = [];
  ir.nodes.forEach((n, id) => {
    if (live[id] !== 1) return;
    renumber[id] = nodes.length;
    nodes.push(n.op === 'apply' ? { op: 'apply', prim: n.prim, args: n.args.map((a) => renumber[a]!), params: n.params } : n);
  });
  return { nInputs: ir.nInputs, nodes, outputs: ir.outputs.map((o) => renumber[o]!) };
}

/**
 * Re-runs every optimization on an IR (value numbering, constant folding, integer-power
 * lowering, dead-code elimination) by rebuilding it.
 *
 * @param ir any IR whose nodes are in topological order
 * @returns the optimized IR
 */
export function optimizeIR(ir: IR): IR {
  const b = new IRBuilder();
  const map: number[] = [];
  ir.nodes.forEach((n, id) => {
    if (n.op === 'input') map[id] = b.input();
    else if (n.op === 'const') map[id] = typeof n.value === 'number' ? b.constant(n.value) : b.constantArray(n.value);
    else map[id] = b.apply(n.prim, n.args.map((a) => map[a]!), n.params);
  });
  return b.finish(ir.outputs.map((o) => map[o]!));
}

/**
 * Runs an IR by applying each primitive through {@link bind}: on numbers and arrays this is
 * the eager evaluator; on tracers (grad, jvp, vmap, staging) it records the operations in
 * the enclosing transformation, so compiled functions compose with every transform.
 *
 * @param ir the program
 * @param inputs one value per input
 * @returns one value per output
 */
export function replayIR(ir: IR, inputs: readonly Operand[]): Operand[] {
  if (inputs.length !== ir.nInputs) {
    throw new FluxionError(`The compiled function takes ${ir.nInputs} argument(s), got ${inputs.length}.`);
  }
  const values: Operand[] = new Array<Operand>(ir.nodes.length);
  ir.nodes.forEach((n, id) => {
    if (n.op === 'input') values[id] = inputs[n.index]!;
    else if (n.op === 'const') values[id] = n.value;
    else values[id] = bind(n.prim, n.args.map((a) => values[a]!), n.params);
  });
  return ir.outputs.map((o) => values[o]!);
}

/** Whether every application in the IR is elementwise (so it fuses into one loop). */
export function isElementwiseIR(ir: IR): boolean {
  return ir.nodes.every((n) => n.op !== 'apply' || n.prim.kind === 'elementwise');
}

/**
 * A readable listing of an IR, one node per line (`v3 = mul(v0, v2)`), for debugging.
 *
 * @param ir the program
 */
export function formatIR(ir: IR): string {
  const lines = ir.nodes.map((n, id) => {
    if (n.op === 'input') return `v${id} = input ${n.index}`;
    if (n.op === 'const') return `v${id} = ${typeof n.value === 'number' ? String(n.value) : `[vector of ${n.value.length}]`}`;
    return `v${id} = ${n.prim.name}(${n.args.map((a) => `v${a}`).join(', ')})`;
  });
  lines.push(`return ${ir.outputs.map((o) => `v${o}`).join(', ')}`);
  return lines.join('\n');
}
