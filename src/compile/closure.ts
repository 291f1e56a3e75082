// The closure backend: no code strings at all, for pages whose Content-Security-Policy
// forbids `unsafe-eval`. It evaluates the IR block by block (BLOCK elements at a time, one
// small loop per node), so each loop stays monomorphic and the working set stays in cache.
// It performs exactly the IEEE operations of the source backend, in the same order.
import { FluxionError } from '../core/errors.js';
import { addPrimitive, divPrimitive, mulPrimitive, negPrimitive, subPrimitive } from '../ops/arithmetic.js';
import type { Kernel, Plan } from './plan.js';

/** Elements per block. */
export const BLOCK = 256;

type Frame = (number | Float64Array)[];
type Instr = (F: Frame, start: number, len: number) => void;
type Arr = Float64Array;

// One loop per operation and operand layout: array-array, array-scalar, scalar-array.
// `ao`/`bo` are the offsets of the operands (the block start for whole inputs, 0 for blocks).
function addAA(d: Arr, A: Arr, ao: number, B: Arr, bo: number, len: number): void { for (let j = 0; j < len; j++) d[j] = A[ao + j]! + B[bo + j]!; }
function addAS(d: Arr, A: Arr, ao: number, b: number, len: number): void { for (let j = 0; j < len; j++) d[j] = A[ao + j]! + b; }
function addSA(d: Arr, a: number, B: Arr, bo: number, len: number): void { for (let j = 0; j < len; j++) d[j] = a + B[bo + j]!; }
function subAA(d: Arr, A: Arr, ao: number, B: Arr, bo: number, len: number): void { for (let j = 0; j < len; j++) d[j] = A[ao + j]! - B[bo + j]!; }
function subAS(d: Arr, A: Arr, ao: number, b: number, len: number): void { for (let j = 0; j < len; j++) d[j] = A[ao + j]! - b; }
function subSA(d: Arr, a: number, B: Arr, bo: number, len: number): void { for (let j = 0; j < len; j++) d[j] = a - B[bo + j]!; }
function mulAA(d: Arr, A: Arr, ao: number, B: Arr, bo: number, len: number): void { for (let j = 0; j < len; j++) d[j] = A[ao + j]! * B[bo + j]!; }
function mulAS(d: Arr, A: Arr, ao: number, b: number, len: number): void { for (let j = 0; j < len; j++) d[j] = A[ao + j]! * b; }
function mulSA(d: Arr, a: number, B: Arr, bo: number, len: number): void { for (let j = 0; j < len; j++) d[j] = a * B[bo + j]!; }
function divAA(d: Arr, A: Arr, ao: number, B: Arr, bo: number, len: number): void { for (let j = 0; j < len; j++) d[j] = A[ao + j]! / B[bo + j]!; }
function divAS(d: Arr, A: Arr, ao: number, b: number, len: number): void { for (let j = 0; j < len; j++) d[j] = A[ao + j]! / b; }
function divSA(d: Arr, a: number, B: Arr, bo: number, len: number): void { for (let j = 0; j < len; j++) d[j] = a / B[bo + j]!; }
function negA(d: Arr, A: Arr, ao: number, len: number): void { for (let j = 0; j < len; j++) d[j] = -A[ao + j]!; }
function copyA(d: Arr, dOff: number, A: Arr, ao: number, len: number): void { for (let j = 0; j < len; j++) d[dOff + j] = A[ao + j]!; }

type Fn = (...xs: number[]) => number;
function unaryA(d: Arr, f: (x: number) => number, A: Arr, ao: number, len: number): void { for (let j = 0; j < len; j++) d[j] = f(A[ao + j]!); }
function binaryAA(d: Arr, f: (x: number, y: number) => number, A: Arr, ao: number, B: Arr, bo: number, len: number): void { for (let j = 0; j < len; j++) d[j] = f(A[ao + j]!, B[bo + j]!); }
function binaryAS(d: Arr, f: (x: number, y: number) => number, A: Arr, ao: number, b: number, len: number): void { for (let j = 0; j < len; j++) d[j] = f(A[ao + j]!, b); }
function binarySA(d: Arr, f: (x: number, y: number) => number, a: number, B: Arr, bo: number, len: number): void { for (let j = 0; j < len; j++) d[j] = f(a, B[bo + j]!); }
function naryLoop(d: Arr, f: Fn, ops: readonly (number | Arr)[], offs: readonly number[], len: number): void {
  const k = ops.length;
  const xs = new Array<number>(k);
  for (let j = 0; j < len; j++) {
    for (let m = 0; m < k; m++) {
      const o = ops[m]!;
      xs[m] = typeof o === 'number' ? o : o[offs[m]! + j]!;
    }
    d[j] = f(...xs);
  }
}

const fast = new Map([
  [addPrimitive, [addAA, addAS, addSA]],
  [subPrimitive, [subAA, subAS, subSA]],
  [mulPrimitive, [mulAA, mulAS, mulSA]],
  [divPrimitive, [divAA, divAS, divSA]],
] as const);

// The block loop lives in its own function so that it is optimized as a whole function
// (not entered mid-loop by on-stack replacement on every call).
function runBlocks(
  instrs: readonly Instr[],
  F: Frame,
  n: number,
  outIds: Int32Array,
  outGlobal: Uint8Array,
  dests: readonly Float64Array[],
): void {
  const m = instrs.length;
  const q = outIds.length;
  for (let start = 0; start < n; start += BLOCK) {
    const len = n - start < BLOCK ? n - start : BLOCK;
    for (let k = 0; k < m; k++) instrs[k]!(F, start, len);
    // Outputs are written after the whole block is computed, so an output array may
    // alias an input.
    for (let k = 0; k < q; k++) {
      copyA(dests[k]!, start, F[outIds[k]!] as Arr, outGlobal[k] === 1 ? start : 0, len);
    }
  }
}

/**
 * Compiles a plan to a kernel built from closures only (no `new Function`, no `eval`).
 *
 * @param plan the layout of an elementwise IR for one signature
 * @returns the kernel
 */
export function compileClosure(plan: Plan): Kernel {
  const { ir, varying } = plan;
  const count = ir.nodes.length;
  // Whether a varying node's array is indexed from the block start (whole inputs and
  // constant vectors) or from 0 (a per-block scratch buffer).
  const global = new Uint8Array(count);
  const scalarSteps: ((F: Frame, I: readonly (number | Arr)[]) => void)[] = [];
  const instrs: Instr[] = [];
  const scratchIds: number[] = [];
  const arrayInputs: [number, number][] = [];

  ir.nodes.forEach((n, id) => {
    if (n.op === 'input') {
      if (varying[id] === 1) {
        global[id] = 1;
        arrayInputs.push([id, n.index]);
      } else {
        const index = n.index;
        scalarSteps.push((F, I) => { F[id] = I[index]!; });
      }
      return;
    }
    if (n.op === 'const') {
      const value = n.value;
      if (typeof value !== 'number') global[id] = 1;
      scalarSteps.push((F) => { F[id] = value; });
      return;
    }
    const prim = n.prim;
    if (prim.kind !== 'elementwise') throw new FluxionError(`The closure backend cannot compile ${prim.name}: it is not elementwise.`);
    const args = n.args;
    if (varying[id] === 0) {
      const impl = prim.impl;
      if (args.length === 1) {
        const a = args[0]!;
        scalarSteps.push((F) => { F[id] = impl(F[a] as number); });
      } else if (args.length === 2) {
        const a = args[0]!, b = args[1]!;
        scalarSteps.push((F) => { F[id] = impl(F[a] as number, F[b] as number); });
      } else {
        scalarSteps.push((F) => { F[id] = impl(...args.map((a) => F[a] as number)); });
      }
      return;
    }
    scratchIds.push(id);
    const offsetOf = (a: number) => (global[a] === 1 ? 1 : 0);
    if (args.length === 1 && prim === negPrimitive) {
      const a = args[0]!, ag = offsetOf(a);
      instrs.push((F, s, len) => negA(F[id] as Arr, F[a] as Arr, ag * s, len));
      return;
    }
    if (args.length === 1) {
      const a = args[0]!, ag = offsetOf(a);
      const f = prim.impl as (x: number) => number;
      instrs.push((F, s, len) => unaryA(F[id] as Arr, f, F[a] as Arr, ag * s, len));
      return;
    }
    if (args.length === 2) {
      const a = args[0]!, b = args[1]!, ag = offsetOf(a), bg = offsetOf(b);
      const kernels = fast.get(prim as never);
      const va = varying[a] === 1, vb = varying[b] === 1;
      if (kernels !== undefined) {
        const [aa, as, sa] = kernels;
        if (va && vb) instrs.push((F, s, len) => aa(F[id] as Arr, F[a] as Arr, ag * s, F[b] as Arr, bg * s, len));
        else if (va) instrs.push((F, s, len) => as(F[id] as Arr, F[a] as Arr, ag * s, F[b] as number, len));
        else instrs.push((F, s, len) => sa(F[id] as Arr, F[a] as number, F[b] as Arr, bg * s, len));
        return;
      }
      const f = prim.impl as (x: number, y: number) => number;
      if (va && vb) instrs.push((F, s, len) => binaryAA(F[id] as Arr, f, F[a] as Arr, ag * s, F[b] as Arr, bg * s, len));
      else if (va) instrs.push((F, s, len) => binaryAS(F[id] as Arr, f, F[a] as Arr, ag * s, F[b] as number, len));
      else instrs.push((F, s, len) => binarySA(F[id] as Arr, f, F[a] as number, F[b] as Arr, bg * s, len));
      return;
    }
    const f = prim.impl;
    const flags = args.map((a) => global[a]!);
    instrs.push((F, s, len) => naryLoop(F[id] as Arr, f, args.map((a) => F[a]!), flags.map((g) => g * s), len));
  });

  const outputs = ir.outputs;
  const outIsArray = plan.outputIsArray;
  const varyingOutputs: number[] = [];
  outputs.forEach((o, k) => { if (varying[o] === 1) varyingOutputs.push(k); });
  const varyingOutputIds = Int32Array.from(varyingOutputs, (k) => outputs[k]!);
  const varyingOutputGlobal = Uint8Array.from(varyingOutputIds, (o) => global[o]!);

  return (I, O, S, n) => {
    const F: Frame = new Array<number | Float64Array>(count);
    for (const [id, index] of arrayInputs) F[id] = I[index]!;
    for (const step of scalarSteps) step(F, I);
    if (varyingOutputs.length > 0) {
      for (const id of scratchIds) F[id] = new Float64Array(Math.min(BLOCK, n));
      const dests = varyingOutputs.map((k) => O[k]!);
      runBlocks(instrs, F, n, varyingOutputIds, varyingOutputGlobal, dests);
    }
    for (let k = 0; k < outputs.length; k++) {
      const o = outputs[k]!;
      if (varying[o] === 1) continue;
      if (outIsArray[k]) O[k]!.fill(F[o] as number);
      else S[k] = F[o] as number;
    }
  };
}
