// The closure backend: no code strings at all, for pages whose Content-Security-Policy
// forbids `unsafe-eval`. It evaluates the IR block by block (BLOCK elements at a time, one
// small loop per node, the primitive record's `kernel` where it has one), so the working set
// stays in cache.
// It performs exactly the IEEE operations of the source backend, in the same order.
import { FluxionError } from '../core/errors.js';
import type { Kernel, Plan } from './plan.js';

/** Elements per block. */
export const BLOCK = 256;

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
): void {
  const m = instrs.length;
  const q = outIds.length;
  for (let start = 0; start < n; start += BLOCK) {
    const len = n - start < BLOCK ? n - start : BLOCK;
    if (len < BLOCK) for (const [id, , tail] of scratch) V[id] = tail;
    for (const [id, whole] of globals) V[id] = whole.subarray(start, start + len);
    for (let k = 0; k < m; k++) instrs[k]!(V);
    // Outputs are written after the whole block is computed, so an output array may
    // alias an input.
    for (let k = 0; k < q; k++) copyInto(dests[k]!, start, V[outIds[k]!] as Arr);
  }
}

/**
 * Compiles a plan to a kernel built from closures only (no `new Function`, no `eval`).
 * Each block of {@link BLOCK} elements is computed node by node with the primitive
 * record's own array `kernel` when it has one (it must equal its `impl` elementwise),
 * else a loop calling `impl`.
 *
 * @param plan the layout of an elementwise IR for one signature
 * @returns the kernel
 */
export function compileClosure(plan: Plan): Kernel {
  const { ir, varying } = plan;
  const count = ir.nodes.length;
  const scalarSteps: ((V: Frame, I: readonly (number | Arr)[]) => void)[] = [];
  const instrs: Instr[] = [];
  const scratchIds: number[] = [];
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
    if (varying[id] === 0) {
      if (args.length === 1) {
        const a = args[0]!;
        scalarSteps.push((V) => { V[id] = impl(V[a] as number); });
      } else if (args.length === 2) {
        const a = args[0]!, b = args[1]!;
        scalarSteps.push((V) => { V[id] = impl(V[a] as number, V[b] as number); });
      } else {
        scalarSteps.push((V) => { V[id] = impl(...args.map((a) => V[a] as number)); });
      }
      return;
    }
    scratchIds.push(id);
    const kernel = prim.kernel;
    // A kernel needs at least one array operand; unary kernels need their operand to be one.
    if (kernel !== undefined) {
      if (args.length === 1) { const a = args[0]!; instrs.push((V) => kernel(V[id] as Arr, V[a]!)); }
      else if (args.length === 2) { const a = args[0]!, b = args[1]!; instrs.push((V) => kernel(V[id] as Arr, V[a]!, V[b]!)); }
      else instrs.push((V) => kernel(V[id] as Arr, ...args.map((a) => V[a]!)));
      return;
    }
    if (args.length === 1) {
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
  });

  // Buffer allocation by liveness: a block buffer is reused once its value is dead, so the
  // working set stays a handful of blocks (in L1) however long the program is. Kernels may
  // write in place (each element is read before it is written).
  const lastUse = new Int32Array(count).fill(-1);
  for (const id of scratchIds) {
    const n = ir.nodes[id]!;
    if (n.op === 'apply') for (const a of n.args) lastUse[a] = id;
  }
  for (const o of ir.outputs) lastUse[o] = count;
  const bufferOf = new Int32Array(count).fill(-1);
  const free: number[] = [];
  let nBuffers = 0;
  for (const id of scratchIds) {
    const n = ir.nodes[id]!;
    if (n.op === 'apply') {
      for (const a of new Set(n.args)) if (bufferOf[a]! >= 0 && lastUse[a] === id) free.push(bufferOf[a]!);
    }
    bufferOf[id] = free.length > 0 ? free.pop()! : nBuffers++;
  }

  const outputs = ir.outputs;
  const outIsArray = plan.outputIsArray;
  const varyingOutputs: number[] = [];
  outputs.forEach((o, k) => { if (varying[o] === 1) varyingOutputs.push(k); });
  const varyingOutputIds = Int32Array.from(varyingOutputs, (k) => outputs[k]!);

  return (I, O, S, n) => {
    const V: Frame = new Array<number | Float64Array>(count).fill(0);
    for (const step of scalarSteps) step(V, I);
    if (varyingOutputs.length > 0 && n > 0) {
      const globals: [number, Arr][] = arrayConsts.slice();
      for (const [id, index] of arrayInputs) globals.push([id, I[index] as Arr]);
      const buffers = Array.from({ length: nBuffers }, () => new Float64Array(Math.min(BLOCK, n)));
      const tails = buffers.map((b) => b.subarray(0, n % BLOCK));
      const scratch: [number, Arr, Arr][] = scratchIds.map((id) => {
        const k = bufferOf[id]!;
        V[id] = buffers[k]!;
        return [id, buffers[k]!, tails[k]!];
      });
      runBlocks(instrs, V, n, globals, scratch, varyingOutputIds, varyingOutputs.map((k) => O[k]!));
    }
    for (let k = 0; k < outputs.length; k++) {
      const o = outputs[k]!;
      if (varying[o] === 1) continue;
      if (outIsArray[k]) O[k]!.fill(V[o] as number);
      else S[k] = V[o] as number;
    }
  };
}
