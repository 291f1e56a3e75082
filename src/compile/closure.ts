// The closure backend: no code strings at all, for pages whose Content-Security-Policy
// forbids `unsafe-eval`. It evaluates the IR block by block (BLOCK elements at a time), so
// the working set stays in cache. A pass over a block costs far more than an arithmetic
// operation in it, so passes are few: nodes `k·x + k'`, `k - x`, `-x` with a scalar `k` are
// read through affine views by the loops of their consumers (loops.ts); an arithmetic node
// used once by another is computed inside that node's pass, and so are both products of a
// sum of two products; a computed output is written straight into the output array. Loops
// are specialized for plain and scaled views (identity operations still cost throughput).
// Other primitives run their record's `kernel` (else a loop calling `impl`), one pass each.
// It performs exactly the IEEE operations of the source backend, in the same order.
import { FluxionError } from '../core/errors.js';
import type { ElementwisePrimitive, Primitive } from '../core/primitive.js';
import { getPrimitive } from '../core/registry.js';
import { addPrimitive, divPrimitive, mulPrimitive, negPrimitive, subPrimitive } from '../ops/arithmetic.js';
import { affineLoop, BINARY, BINARY_PLAIN, BINARY_SCALED, BOTH, BOTH_SCALED, PAIR, PAIR_PLAIN_PRODUCT } from './loops.js';
import type { Kernel, Plan } from './plan.js';

/** Elements per block. */
export const BLOCK = 1024;

type Frame = (number | Float64Array)[];
type Arr = Float64Array;
type Instr = (V: Frame) => void;
type Fn = (...xs: number[]) => number;

// Generic loops for primitives without a kernel of their own. Every operand is a number or
// an array of exactly `d.length` elements (the current block).
function unaryLoop(d: Arr, f: (x: number) => number, A: Arr): void {
  for (let j = 0; j < d.length; j++) d[j] = f(A[j]!);
}
function binaryLoop(d: Arr, f: (x: number, y: number) => number, a: number | Arr, b: number | Arr): void {
  const n = d.length;
  if (typeof a === 'number') { const B = b as Arr; for (let j = 0; j < n; j++) d[j] = f(a, B[j]!); }
  else if (typeof b === 'number') { for (let j = 0; j < n; j++) d[j] = f(a[j]!, b); }
  else { for (let j = 0; j < n; j++) d[j] = f(a[j]!, b[j]!); }
}
function naryLoop(d: Arr, f: Fn, ops: readonly (number | Arr)[]): void {
  const k = ops.length;
  const xs = new Array<number>(k);
  for (let j = 0; j < d.length; j++) {
    for (let m = 0; m < k; m++) {
      const o = ops[m]!;
      xs[m] = typeof o === 'number' ? o : o[j]!;
    }
    d[j] = f(...xs);
  }
}
function copyInto(d: Arr, start: number, A: Arr): void {
  for (let j = 0; j < A.length; j++) d[start + j] = A[j]!;
}

// The block loop lives in its own function so that it is optimized as a whole function
// (not entered mid-loop by on-stack replacement on every call).
function runBlocks(
  instrs: readonly Instr[],
  V: Frame,
  n: number,
  globals: readonly [number, Arr][],
  scratch: readonly [number, Arr, Arr][],
  outIds: Int32Array,
  dests: readonly Arr[],
  direct: readonly [number, Arr][],
): void {
  const m = instrs.length;
  const q = outIds.length;
  for (let start = 0; start < n; start += BLOCK) {
    const len = n - start < BLOCK ? n - start : BLOCK;
    if (len < BLOCK) for (const [id, , tail] of scratch) V[id] = tail;
    for (const [id, whole] of globals) V[id] = whole.subarray(start, start + len);
    for (const [id, whole] of direct) V[id] = whole.subarray(start, start + len);
    for (let k = 0; k < m; k++) instrs[k]!(V);
    // Other outputs are copied after the whole block is computed, so an output array may
    // alias an input.
    for (let k = 0; k < q; k++) copyInto(dests[k]!, start, V[outIds[k]!] as Arr);
  }
}

/** An operand read as `s·V[b][j] + c`: `b` a frame slot holding a block, `s`, `c` slots holding numbers. */
interface View {
  readonly b: number;
  readonly s: number;
  readonly c: number;
}

/** One pass over a block. */
type Step =
  | { readonly kind: 'affine'; readonly id: number; readonly v: View }
  | { readonly kind: 'binary'; readonly id: number; readonly op: number; readonly x: View; readonly y: View; readonly so: number; readonly co: number }
  | { readonly kind: 'pair'; readonly id: number; readonly op1: number; readonly x: View; readonly y: View; readonly sm: number; readonly cm: number; readonly op2: number; readonly side: number; readonly z: View; readonly so: number; readonly co: number }
  | { readonly kind: 'both'; readonly id: number; readonly index: number; readonly x: View; readonly y: View; readonly sl: number; readonly cl: number; readonly z: View; readonly w: View; readonly sr: number; readonly cr: number; readonly so: number; readonly co: number }
  | { readonly kind: 'prim'; readonly id: number; readonly prim: ElementwisePrimitive; readonly args: readonly number[] };

const OP_MT = 4;
const ARITH = new Map<Primitive, number>([
  [addPrimitive, 0],
  [subPrimitive, 1],
  [mulPrimitive, 2],
  [divPrimitive, 3],
]);

function stepOperands(st: Step): number[] {
  switch (st.kind) {
    case 'affine': return [st.v.b];
    case 'binary': return [st.x.b, st.y.b];
    case 'pair': return [st.x.b, st.y.b, st.z.b];
    case 'both': return [st.x.b, st.y.b, st.z.b, st.w.b];
    default: return st.args.slice();
  }
}

/**
 * Compiles a plan to a kernel built from closures only (no `new Function`, no `eval`).
 * Each block of {@link BLOCK} elements is computed pass by pass: arithmetic through the
 * loops of `loops.ts` (affine operand views; pairs of operations and sums of two products
 * fused), other primitives
 * with the record's own array `kernel` when it has one (it must equal its `impl`
 * elementwise), else a loop calling `impl`.
 *
 * @param plan the layout of an elementwise IR for one signature
 * @returns the kernel
 */
export function compileClosure(plan: Plan): Kernel {
  const { ir, varying } = plan;
  const count = ir.nodes.length;
  const scalarSteps: ((V: Frame, I: readonly (number | Arr)[]) => void)[] = [];
  const applyIds: number[] = [];
  const arrayInputs: [number, number][] = [];
  const arrayConsts: [number, Arr][] = [];

  ir.nodes.forEach((n, id) => {
    if (n.op === 'input') {
      const index = n.index;
      if (varying[id] === 1) arrayInputs.push([id, index]);
      else scalarSteps.push((V, I) => { V[id] = I[index]!; });
      return;
    }
    if (n.op === 'const') {
      const value = n.value;
      if (typeof value === 'number') scalarSteps.push((V) => { V[id] = value; });
      else arrayConsts.push([id, value]);
      return;
    }
    const prim = n.prim;
    if (prim.kind !== 'elementwise') throw new FluxionError(`The closure backend cannot compile ${prim.name}: it is not elementwise.`);
    const args = n.args;
    const impl = prim.impl;
    if (varying[id] === 1) {
      applyIds.push(id);
    } else if (args.length === 1) {
      const a = args[0]!;
      scalarSteps.push((V) => { V[id] = impl(V[a] as number); });
    } else if (args.length === 2) {
      const a = args[0]!, b = args[1]!;
      scalarSteps.push((V) => { V[id] = impl(V[a] as number, V[b] as number); });
    } else {
      scalarSteps.push((V) => { V[id] = impl(...args.map((a) => V[a] as number)); });
    }
  });

  // Extra frame slots (after the nodes): numbers the views need, and a block of -0 that a
  // scalar operand v is read through (1·(-0) + v is exactly v).
  let nextSlot = count;
  const literalSlots = new Map<string, number>();
  const literalValues: [number, number][] = [];
  const literalOf = new Map<number, number>();
  const lit = (v: number): number => {
    const key = Object.is(v, -0) ? '-0' : String(v);
    let k = literalSlots.get(key);
    if (k === undefined) {
      k = nextSlot++;
      literalSlots.set(key, k);
      literalValues.push([k, v]);
      literalOf.set(k, v);
    }
    return k;
  };
  const ONE = lit(1);
  const NEG_ZERO = lit(-0);
  const zeroBlock = nextSlot++;
  const valueOf = (slot: number): number | undefined => {
    if (slot >= count) return literalOf.get(slot);
    const n = ir.nodes[slot]!;
    return n.op === 'const' && typeof n.value === 'number' ? n.value : undefined;
  };
  const plain = (b: number): View => ({ b, s: ONE, c: NEG_ZERO });

  const mulTangent = getPrimitive('mul_tangent');
  const opOf = (prim: Primitive): number | undefined => (mulTangent !== undefined && prim === mulTangent ? OP_MT : ARITH.get(prim));
  const steps: Step[] = [];
  // The view of every varying node; `materialized` when its value is in a block of its own.
  const views: (View | undefined)[] = new Array<View | undefined>(count);
  const materialized = new Uint8Array(count);
  for (const [id] of arrayInputs) { views[id] = plain(id); materialized[id] = 1; }
  for (const [id] of arrayConsts) { views[id] = plain(id); materialized[id] = 1; }
  // The value of a varying node as a block (a pass computing it when it is only a view).
  const materialize = (id: number): number => {
    if (materialized[id] === 0) {
      steps.push({ kind: 'affine', id, v: views[id]! });
      views[id] = plain(id);
      materialized[id] = 1;
    }
    return id;
  };
  const viewOf = (a: number): View => (varying[a] === 1 ? views[a]! : { b: zeroBlock, s: ONE, c: a });
  const isPlain = (v: View) => v.s === ONE && v.c === NEG_ZERO;

  for (const id of applyIds) {
    const n = ir.nodes[id] as { prim: Primitive; args: readonly number[] };
    const args = n.args;
    const prim = n.prim;
    // Affine nodes: one varying operand, the other a scalar constant k.
    if (args.length === 2 && (prim === mulPrimitive || prim === addPrimitive || prim === subPrimitive)) {
      const vi = varying[args[0]!] === 1 ? 0 : 1;
      const x = args[vi]!, k = args[1 - vi]!;
      const kv = varying[k] === 0 ? valueOf(k) : undefined;
      if (kv !== undefined) {
        const v = views[x]!;
        let view: View | undefined;
        if (prim === mulPrimitive) {
          // (s·b + c)·k is s·b·k only when the view is plain.
          view = isPlain(v) ? { b: v.b, s: k, c: NEG_ZERO } : { b: materialize(x), s: k, c: NEG_ZERO };
        } else if (prim === addPrimitive || vi === 0) {
          // x + k, x - k = x + (-k)
          const c = prim === addPrimitive ? k : lit(-kv);
          view = v.c === NEG_ZERO ? { b: v.b, s: v.s, c } : { b: materialize(x), s: ONE, c };
        } else {
          // k - x = (-x) + k, and -(s·b) = (-s)·b exactly
          const sv = valueOf(v.s);
          view = v.c === NEG_ZERO && sv !== undefined ? { b: v.b, s: lit(-sv), c: k } : { b: materialize(x), s: lit(-1), c: k };
        }
        views[id] = view;
        continue;
      }
    }
    if (prim === negPrimitive && args.length === 1) {
      const v = views[args[0]!]!;
      const sv = valueOf(v.s);
      views[id] = v.c === NEG_ZERO && sv !== undefined ? { b: v.b, s: lit(-sv), c: NEG_ZERO } : { b: materialize(args[0]!), s: lit(-1), c: NEG_ZERO };
      continue;
    }
    const op = args.length === 2 && args[0] !== args[1] ? opOf(prim) : undefined;
    if (op !== undefined || (args.length === 2 && opOf(prim) !== undefined)) {
      steps.push({ kind: 'binary', id, op: opOf(prim)!, x: viewOf(args[0]!), y: viewOf(args[1]!), so: ONE, co: NEG_ZERO });
    } else {
      steps.push({ kind: 'prim', id, prim: prim as ElementwisePrimitive, args: args.map((a) => (varying[a] === 1 ? materialize(a) : a)) });
    }
    views[id] = plain(id);
    materialized[id] = 1;
  }
  for (const o of ir.outputs) if (varying[o] === 1) materialize(o);

  // A view that had to be materialized (s·b + c as a block of its own) is computed right
  // after b, and every later read of that same view reads the block instead. When nothing
  // else reads b, b's pass writes s·b + c directly (its result view) and b never exists.
  const produced = new Set<number>();
  for (const st of steps) produced.add(st.id);
  const viewKey = (v: View) => `${v.b},${v.s},${v.c}`;
  const hoisted = new Map<number, Step[]>();
  for (const st of steps) {
    if (st.kind !== 'affine' || !produced.has(st.v.b)) continue;
    const list = hoisted.get(st.v.b);
    if (list === undefined) hoisted.set(st.v.b, [st]);
    else list.push(st);
  }
  const emittedViews = new Map<string, number>();
  const swap = (u: View): View => {
    const m = emittedViews.get(viewKey(u));
    return m === undefined ? u : plain(m);
  };
  let order: Step[] = [];
  const emit = (first: Step) => {
    const pending = [first];
    while (pending.length > 0) {
      const st = pending.pop()!;
      if (st.kind === 'binary') order.push({ ...st, x: swap(st.x), y: swap(st.y) });
      else order.push(st);
      if (st.kind === 'affine') emittedViews.set(viewKey(st.v), st.id);
      const next = hoisted.get(st.id);
      if (next !== undefined) for (let k = next.length - 1; k >= 0; k--) pending.push(next[k]!);
    }
  };
  for (const st of steps) if (st.kind !== 'affine' || !produced.has(st.v.b)) emit(st);
  const countReads = (list: readonly Step[]) => {
    const r = new Int32Array(nextSlot);
    for (const st of list) for (const a of stepOperands(st)) r[a]!++;
    for (const o of ir.outputs) r[o]! += 2;
    return r;
  };
  let reads = countReads(order);
  order = order.flatMap<Step>((st, k) => {
    if (st.kind === 'affine') {
      const prev = order[k - 1];
      if (prev !== undefined && prev.kind === 'binary' && prev.id === st.v.b && isPlain({ b: 0, s: prev.so, c: prev.co }) && reads[st.v.b] === 1) return [];
      return [st];
    }
    const next = order[k + 1];
    if (st.kind === 'binary' && next !== undefined && next.kind === 'affine' && next.v.b === st.id && isPlain({ b: 0, s: st.so, c: st.co }) && reads[st.id] === 1) {
      return [{ ...st, id: next.id, so: next.v.s, co: next.v.c }];
    }
    return [st];
  });

  // Pair fusion: a binary pass whose block is read by exactly one later binary pass (and is
  // not an output) is computed inside that pass; its result view and the reader's view of
  // it must not both scale.
  reads = countReads(order);
  const stepOf = new Map<number, number>();
  order.forEach((st, k) => stepOf.set(st.id, k));
  const removed = new Uint8Array(order.length);
  // The inner pass of `mid`, when it can be computed inside its only reader.
  const fusable = (mid: View): number | undefined => {
    const k1 = stepOf.get(mid.b);
    if (k1 === undefined || reads[mid.b] !== 1 || removed[k1] === 1) return undefined;
    const inner = order[k1]!;
    if (inner.kind !== 'binary') return undefined;
    return isPlain({ b: 0, s: inner.so, c: inner.co }) || isPlain(mid) ? k1 : undefined;
  };
  // The inner result view seen by the reader: the reader's view of it, or its own result view.
  const midView = (inner: Step & { kind: 'binary' }, mid: View): [number, number] =>
    isPlain({ b: 0, s: inner.so, c: inner.co }) ? [mid.s, mid.c] : [inner.so, inner.co];
  const isProduct = (op: number) => op === 2 || op === OP_MT;
  order.forEach((st, k) => {
    if (st.kind !== 'binary' || removed[k] === 1 || (st.op !== 0 && st.op !== 1) || st.x.b === st.y.b) return;
    const kl = fusable(st.x), kr = fusable(st.y);
    if (kl === undefined || kr === undefined) return;
    const l = order[kl] as Step & { kind: 'binary' }, r = order[kr] as Step & { kind: 'binary' };
    if (!isProduct(l.op) || !isProduct(r.op)) return;
    removed[kl] = 1;
    removed[kr] = 1;
    const [sl, cl] = midView(l, st.x), [sr, cr] = midView(r, st.y);
    const index = (st.op === 0 ? 0 : 4) + (l.op === 2 ? 0 : 2) + (r.op === 2 ? 0 : 1);
    order[k] = { kind: 'both', id: st.id, index, x: l.x, y: l.y, sl, cl, z: r.x, w: r.y, sr, cr, so: st.so, co: st.co };
  });
  order.forEach((st, k) => {
    if (st.kind !== 'binary' || removed[k] === 1) return;
    for (let side = 0; side < 2; side++) {
      const mid = side === 0 ? st.x : st.y;
      const k1 = stepOf.get(mid.b);
      if (k1 === undefined || reads[mid.b] !== 1 || removed[k1] === 1) continue;
      const inner = order[k1]!;
      if (inner.kind !== 'binary') continue;
      const innerPlain = isPlain({ b: 0, s: inner.so, c: inner.co });
      if (!innerPlain && !isPlain(mid)) continue;
      removed[k1] = 1;
      order[k] = {
        kind: 'pair', id: st.id, op1: inner.op, x: inner.x, y: inner.y,
        sm: innerPlain ? mid.s : inner.so, cm: innerPlain ? mid.c : inner.co,
        op2: st.op, side, z: side === 0 ? st.y : st.x, so: st.so, co: st.co,
      };
      return;
    }
  });
  const passes = order.filter((_, k) => removed[k] === 0);

  const instrs: Instr[] = [];
  for (const st of passes) {
    const id = st.id;
    if (st.kind === 'affine') {
      const { b, s, c } = st.v;
      instrs.push((V) => affineLoop(V[id] as Arr, V[b] as Arr, V[s] as number, V[c] as number));
    } else if (st.kind === 'binary' && isPlain(st.x) && isPlain(st.y) && st.so === ONE && st.co === NEG_ZERO) {
      const f = BINARY_PLAIN[st.op]!;
      const xb = st.x.b, yb = st.y.b;
      instrs.push((V) => f(V[id] as Arr, V[xb] as Arr, V[yb] as Arr));
    } else if (st.kind === 'binary' && st.x.c === NEG_ZERO && st.y.c === NEG_ZERO && st.so === ONE && st.co === NEG_ZERO) {
      const f = BINARY_SCALED[st.op]!;
      const { b: xb, s: xs } = st.x, { b: yb, s: ys } = st.y;
      instrs.push((V) => f(V[id] as Arr, V[xb] as Arr, V[xs] as number, V[yb] as Arr, V[ys] as number));
    } else if (st.kind === 'binary') {
      const f = BINARY[st.op]!;
      const { b: xb, s: xs, c: xc } = st.x, { b: yb, s: ys, c: yc } = st.y;
      const so = st.so, co = st.co;
      instrs.push((V) => f(V[id] as Arr, V[xb] as Arr, V[xs] as number, V[xc] as number, V[yb] as Arr, V[ys] as number, V[yc] as number, V[so] as number, V[co] as number));
    } else if (st.kind === 'pair' && (st.op1 === 2 || st.op1 === OP_MT) && isPlain(st.x) && isPlain(st.y)) {
      const f = PAIR_PLAIN_PRODUCT[(st.op1 === 2 ? 0 : 10) + st.op2 * 2 + st.side]!;
      const xb = st.x.b, yb = st.y.b, { b: zb, s: zs, c: zc } = st.z;
      const sm = st.sm, cm = st.cm, so = st.so, co = st.co;
      instrs.push((V) => f(V[id] as Arr, V[xb] as Arr, V[yb] as Arr, V[sm] as number, V[cm] as number, V[zb] as Arr, V[zs] as number, V[zc] as number, V[so] as number, V[co] as number));
    } else if (st.kind === 'pair') {
      const f = PAIR[st.op1 * 10 + st.op2 * 2 + st.side]!;
      const { b: xb, s: xs, c: xc } = st.x, { b: yb, s: ys, c: yc } = st.y, { b: zb, s: zs, c: zc } = st.z;
      const sm = st.sm, cm = st.cm, so = st.so, co = st.co;
      instrs.push((V) =>
        f(
          V[id] as Arr, V[xb] as Arr, V[xs] as number, V[xc] as number, V[yb] as Arr, V[ys] as number, V[yc] as number,
          V[sm] as number, V[cm] as number, V[zb] as Arr, V[zs] as number, V[zc] as number, V[so] as number, V[co] as number,
        ),
      );
    } else if (
      st.kind === 'both' && st.x.c === NEG_ZERO && st.y.c === NEG_ZERO && st.z.c === NEG_ZERO && st.w.c === NEG_ZERO &&
      st.sl === ONE && st.cl === NEG_ZERO && st.sr === ONE && st.cr === NEG_ZERO && st.so === ONE && st.co === NEG_ZERO
    ) {
      const f = BOTH_SCALED[st.index]!;
      const { b: xb, s: xs } = st.x, { b: yb, s: ys } = st.y, { b: zb, s: zs } = st.z, { b: wb, s: ws } = st.w;
      instrs.push((V) => f(V[id] as Arr, V[xb] as Arr, V[xs] as number, V[yb] as Arr, V[ys] as number, V[zb] as Arr, V[zs] as number, V[wb] as Arr, V[ws] as number));
    } else if (st.kind === 'both') {
      const f = BOTH[st.index]!;
      const { b: xb, s: xs, c: xc } = st.x, { b: yb, s: ys, c: yc } = st.y, { b: zb, s: zs, c: zc } = st.z, { b: wb, s: ws, c: wc } = st.w;
      const sl = st.sl, cl = st.cl, sr = st.sr, cr = st.cr, so = st.so, co = st.co;
      instrs.push((V) =>
        f(
          V[id] as Arr, V[xb] as Arr, V[xs] as number, V[xc] as number, V[yb] as Arr, V[ys] as number, V[yc] as number, V[sl] as number, V[cl] as number,
          V[zb] as Arr, V[zs] as number, V[zc] as number, V[wb] as Arr, V[ws] as number, V[wc] as number, V[sr] as number, V[cr] as number,
          V[so] as number, V[co] as number,
        ),
      );
    } else {
      const args = st.args;
      const kernel = st.prim.kernel;
      const impl = st.prim.impl;
      if (kernel !== undefined) {
        if (args.length === 1) { const a = args[0]!; instrs.push((V) => kernel(V[id] as Arr, V[a]!)); }
        else if (args.length === 2) { const a = args[0]!, b = args[1]!; instrs.push((V) => kernel(V[id] as Arr, V[a]!, V[b]!)); }
        else instrs.push((V) => kernel(V[id] as Arr, ...args.map((a) => V[a]!)));
      } else if (args.length === 1) {
        const a = args[0]!;
        const f = impl as (x: number) => number;
        instrs.push((V) => unaryLoop(V[id] as Arr, f, V[a] as Arr));
      } else if (args.length === 2) {
        const a = args[0]!, b = args[1]!;
        const f = impl as (x: number, y: number) => number;
        instrs.push((V) => binaryLoop(V[id] as Arr, f, V[a]!, V[b]!));
      } else {
        instrs.push((V) => naryLoop(V[id] as Arr, impl, args.map((a) => V[a]!)));
      }
    }
  }

  // Buffer allocation by liveness: a block buffer is reused once its value is dead, so the
  // working set stays a handful of blocks (in L1) however long the program is. Loops may
  // write in place (each element is read before it is written).
  const scratchIds = passes.map((st) => st.id);
  const operandsOf = passes.map(stepOperands);
  const lastUse = new Int32Array(nextSlot).fill(-1);
  scratchIds.forEach((_id, pos) => {
    for (const a of operandsOf[pos]!) lastUse[a] = pos;
  });
  for (const o of ir.outputs) lastUse[o] = scratchIds.length;
  const bufferOf = new Int32Array(nextSlot).fill(-1);
  const free: number[] = [];
  let nBuffers = 0;
  scratchIds.forEach((id, pos) => {
    for (const a of new Set(operandsOf[pos]!)) if (bufferOf[a]! >= 0 && lastUse[a] === pos) free.push(bufferOf[a]!);
    bufferOf[id] = free.length > 0 ? free.pop()! : nBuffers++;
  });

  const outputs = ir.outputs;
  const outIsArray = plan.outputIsArray;
  const varyingOutputs: number[] = [];
  outputs.forEach((o, k) => { if (varying[o] === 1) varyingOutputs.push(k); });
  const varyingOutputIds = Int32Array.from(varyingOutputs, (k) => outputs[k]!);
  const usesZeroBlock = passes.some((st) => stepOperands(st).includes(zeroBlock));

  return (I, O, S, n) => {
    const V: Frame = new Array<number | Float64Array>(nextSlot).fill(0);
    for (const step of scalarSteps) step(V, I);
    for (const [k, v] of literalValues) V[k] = v;
    if (varyingOutputs.length > 0 && n > 0) {
      const size = Math.min(BLOCK, n);
      const globals: [number, Arr][] = arrayConsts.slice();
      for (const [id, index] of arrayInputs) globals.push([id, I[index] as Arr]);
      const buffers = Array.from({ length: nBuffers }, () => new Float64Array(size));
      const tails = buffers.map((b) => b.subarray(0, n % BLOCK));
      const scratch: [number, Arr, Arr][] = scratchIds.map((id) => {
        const k = bufferOf[id]!;
        V[id] = buffers[k]!;
        return [id, buffers[k]!, tails[k]!];
      });
      if (usesZeroBlock) {
        const zeros = new Float64Array(size).fill(-0);
        V[zeroBlock] = zeros;
        scratch.push([zeroBlock, zeros, zeros.subarray(0, n % BLOCK)]);
      }
      // A computed output is written by its pass straight into the output array (no copy)
      // when that array shares memory with no input, constant or other output.
      const direct: [number, Arr][] = [];
      const copied: number[] = [];
      const buffersSeen = new Set<ArrayBufferLike>(globals.map(([, g]) => g.buffer));
      const outBuffers = varyingOutputs.map((k) => O[k]!.buffer);
      const distinct = new Set(outBuffers).size === outBuffers.length && outBuffers.every((b) => !buffersSeen.has(b));
      const directIds = new Set<number>();
      varyingOutputs.forEach((k, pos) => {
        const id = varyingOutputIds[pos]!;
        if (distinct && bufferOf[id]! >= 0 && !directIds.has(id)) {
          directIds.add(id);
          direct.push([id, O[k]!]);
        } else {
          copied.push(pos);
        }
      });
      runBlocks(instrs, V, n, globals, scratch, Int32Array.from(copied, (pos) => varyingOutputIds[pos]!), copied.map((pos) => O[varyingOutputs[pos]!]!), direct);
    }
    for (let k = 0; k < outputs.length; k++) {
      const o = outputs[k]!;
      if (varying[o] === 1) continue;
      if (outIsArray[k]) O[k]!.fill(V[o] as number);
      else S[k] = V[o] as number;
    }
  };
}
