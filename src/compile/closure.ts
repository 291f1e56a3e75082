// The closure backend: no code strings at all, for pages whose Content-Security-Policy
// forbids `unsafe-eval`. It evaluates the IR block by block (BLOCK elements at a time, one
// small loop per node, the primitive record's `kernel` where it has one), so the working set
// stays in cache.
// It performs exactly the IEEE operations of the source backend, in the same order.
import { FluxionError } from '../core/errors.js';
import type { Primitive } from '../core/primitive.js';
import { addPrimitive, divPrimitive, mulPrimitive, subPrimitive } from '../ops/arithmetic.js';
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

// Fused pairs of arithmetic nodes: `op2(op1(x, y), z)` (side L) or `op2(z, op1(x, y))` (side R)
// in one pass, with exactly the two roundings of the unfused nodes (JavaScript never
// contracts a*b + c). Every operand is a block (scalars are broadcast into a block once per
// call). Index: op1 * 8 + op2 * 2 + side, ops in the order add, sub, mul, div.
function f_add_add_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) + Z[j]!; }
function f_add_add_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! + (X[j]! + Y[j]!); }
function f_add_sub_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) - Z[j]!; }
function f_add_sub_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! - (X[j]! + Y[j]!); }
function f_add_mul_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) * Z[j]!; }
function f_add_mul_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! * (X[j]! + Y[j]!); }
function f_add_div_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) / Z[j]!; }
function f_add_div_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! / (X[j]! + Y[j]!); }
function f_sub_add_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) + Z[j]!; }
function f_sub_add_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! + (X[j]! - Y[j]!); }
function f_sub_sub_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) - Z[j]!; }
function f_sub_sub_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! - (X[j]! - Y[j]!); }
function f_sub_mul_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) * Z[j]!; }
function f_sub_mul_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! * (X[j]! - Y[j]!); }
function f_sub_div_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) / Z[j]!; }
function f_sub_div_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! / (X[j]! - Y[j]!); }
function f_mul_add_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) + Z[j]!; }
function f_mul_add_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! + (X[j]! * Y[j]!); }
function f_mul_sub_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) - Z[j]!; }
function f_mul_sub_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! - (X[j]! * Y[j]!); }
function f_mul_mul_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) * Z[j]!; }
function f_mul_mul_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! * (X[j]! * Y[j]!); }
function f_mul_div_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) / Z[j]!; }
function f_mul_div_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! / (X[j]! * Y[j]!); }
function f_div_add_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) + Z[j]!; }
function f_div_add_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! + (X[j]! / Y[j]!); }
function f_div_sub_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) - Z[j]!; }
function f_div_sub_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! - (X[j]! / Y[j]!); }
function f_div_mul_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) * Z[j]!; }
function f_div_mul_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! * (X[j]! / Y[j]!); }
function f_div_div_L(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) / Z[j]!; }
function f_div_div_R(d: Arr, X: Arr, Y: Arr, Z: Arr): void { for (let j = 0; j < d.length; j++) d[j] = Z[j]! / (X[j]! / Y[j]!); }
const FUSED: readonly ((d: Arr, X: Arr, Y: Arr, Z: Arr) => void)[] = [
  f_add_add_L, f_add_add_R, f_add_sub_L, f_add_sub_R,
  f_add_mul_L, f_add_mul_R, f_add_div_L, f_add_div_R,
  f_sub_add_L, f_sub_add_R, f_sub_sub_L, f_sub_sub_R,
  f_sub_mul_L, f_sub_mul_R, f_sub_div_L, f_sub_div_R,
  f_mul_add_L, f_mul_add_R, f_mul_sub_L, f_mul_sub_R,
  f_mul_mul_L, f_mul_mul_R, f_mul_div_L, f_mul_div_R,
  f_div_add_L, f_div_add_R, f_div_sub_L, f_div_sub_R,
  f_div_mul_L, f_div_mul_R, f_div_div_L, f_div_div_R,
];
// Both operands fused: `op2(op1(x, y), op3(z, w))`. Index: op1 * 16 + op2 * 4 + op3.
function g_add_add_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) + (Z[j]! + W[j]!); }
function g_add_add_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) + (Z[j]! - W[j]!); }
function g_add_add_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) + (Z[j]! * W[j]!); }
function g_add_add_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) + (Z[j]! / W[j]!); }
function g_add_sub_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) - (Z[j]! + W[j]!); }
function g_add_sub_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) - (Z[j]! - W[j]!); }
function g_add_sub_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) - (Z[j]! * W[j]!); }
function g_add_sub_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) - (Z[j]! / W[j]!); }
function g_add_mul_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) * (Z[j]! + W[j]!); }
function g_add_mul_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) * (Z[j]! - W[j]!); }
function g_add_mul_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) * (Z[j]! * W[j]!); }
function g_add_mul_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) * (Z[j]! / W[j]!); }
function g_add_div_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) / (Z[j]! + W[j]!); }
function g_add_div_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) / (Z[j]! - W[j]!); }
function g_add_div_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) / (Z[j]! * W[j]!); }
function g_add_div_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! + Y[j]!) / (Z[j]! / W[j]!); }
function g_sub_add_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) + (Z[j]! + W[j]!); }
function g_sub_add_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) + (Z[j]! - W[j]!); }
function g_sub_add_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) + (Z[j]! * W[j]!); }
function g_sub_add_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) + (Z[j]! / W[j]!); }
function g_sub_sub_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) - (Z[j]! + W[j]!); }
function g_sub_sub_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) - (Z[j]! - W[j]!); }
function g_sub_sub_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) - (Z[j]! * W[j]!); }
function g_sub_sub_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) - (Z[j]! / W[j]!); }
function g_sub_mul_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) * (Z[j]! + W[j]!); }
function g_sub_mul_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) * (Z[j]! - W[j]!); }
function g_sub_mul_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) * (Z[j]! * W[j]!); }
function g_sub_mul_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) * (Z[j]! / W[j]!); }
function g_sub_div_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) / (Z[j]! + W[j]!); }
function g_sub_div_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) / (Z[j]! - W[j]!); }
function g_sub_div_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) / (Z[j]! * W[j]!); }
function g_sub_div_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! - Y[j]!) / (Z[j]! / W[j]!); }
function g_mul_add_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) + (Z[j]! + W[j]!); }
function g_mul_add_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) + (Z[j]! - W[j]!); }
function g_mul_add_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) + (Z[j]! * W[j]!); }
function g_mul_add_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) + (Z[j]! / W[j]!); }
function g_mul_sub_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) - (Z[j]! + W[j]!); }
function g_mul_sub_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) - (Z[j]! - W[j]!); }
function g_mul_sub_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) - (Z[j]! * W[j]!); }
function g_mul_sub_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) - (Z[j]! / W[j]!); }
function g_mul_mul_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) * (Z[j]! + W[j]!); }
function g_mul_mul_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) * (Z[j]! - W[j]!); }
function g_mul_mul_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) * (Z[j]! * W[j]!); }
function g_mul_mul_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) * (Z[j]! / W[j]!); }
function g_mul_div_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) / (Z[j]! + W[j]!); }
function g_mul_div_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) / (Z[j]! - W[j]!); }
function g_mul_div_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) / (Z[j]! * W[j]!); }
function g_mul_div_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! * Y[j]!) / (Z[j]! / W[j]!); }
function g_div_add_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) + (Z[j]! + W[j]!); }
function g_div_add_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) + (Z[j]! - W[j]!); }
function g_div_add_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) + (Z[j]! * W[j]!); }
function g_div_add_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) + (Z[j]! / W[j]!); }
function g_div_sub_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) - (Z[j]! + W[j]!); }
function g_div_sub_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) - (Z[j]! - W[j]!); }
function g_div_sub_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) - (Z[j]! * W[j]!); }
function g_div_sub_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) - (Z[j]! / W[j]!); }
function g_div_mul_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) * (Z[j]! + W[j]!); }
function g_div_mul_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) * (Z[j]! - W[j]!); }
function g_div_mul_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) * (Z[j]! * W[j]!); }
function g_div_mul_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) * (Z[j]! / W[j]!); }
function g_div_div_add(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) / (Z[j]! + W[j]!); }
function g_div_div_sub(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) / (Z[j]! - W[j]!); }
function g_div_div_mul(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) / (Z[j]! * W[j]!); }
function g_div_div_div(d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr): void { for (let j = 0; j < d.length; j++) d[j] = (X[j]! / Y[j]!) / (Z[j]! / W[j]!); }
const FUSED_BOTH: readonly ((d: Arr, X: Arr, Y: Arr, Z: Arr, W: Arr) => void)[] = [
  g_add_add_add, g_add_add_sub, g_add_add_mul, g_add_add_div,
  g_add_sub_add, g_add_sub_sub, g_add_sub_mul, g_add_sub_div,
  g_add_mul_add, g_add_mul_sub, g_add_mul_mul, g_add_mul_div,
  g_add_div_add, g_add_div_sub, g_add_div_mul, g_add_div_div,
  g_sub_add_add, g_sub_add_sub, g_sub_add_mul, g_sub_add_div,
  g_sub_sub_add, g_sub_sub_sub, g_sub_sub_mul, g_sub_sub_div,
  g_sub_mul_add, g_sub_mul_sub, g_sub_mul_mul, g_sub_mul_div,
  g_sub_div_add, g_sub_div_sub, g_sub_div_mul, g_sub_div_div,
  g_mul_add_add, g_mul_add_sub, g_mul_add_mul, g_mul_add_div,
  g_mul_sub_add, g_mul_sub_sub, g_mul_sub_mul, g_mul_sub_div,
  g_mul_mul_add, g_mul_mul_sub, g_mul_mul_mul, g_mul_mul_div,
  g_mul_div_add, g_mul_div_sub, g_mul_div_mul, g_mul_div_div,
  g_div_add_add, g_div_add_sub, g_div_add_mul, g_div_add_div,
  g_div_sub_add, g_div_sub_sub, g_div_sub_mul, g_div_sub_div,
  g_div_mul_add, g_div_mul_sub, g_div_mul_mul, g_div_mul_div,
  g_div_div_add, g_div_div_sub, g_div_div_mul, g_div_div_div,
];
const ARITH = new Map<Primitive, number>([
  [addPrimitive, 0],
  [subPrimitive, 1],
  [mulPrimitive, 2],
  [divPrimitive, 3],
]);

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

  // Pair fusion: an arithmetic node whose only use is the next arithmetic node's operand is
  // computed inside that node's loop (depth two at most), halving the passes over a block.
  const arith = (id: number): number | undefined => {
    const n = ir.nodes[id]!;
    return n.op === 'apply' && n.args.length === 2 ? ARITH.get(n.prim) : undefined;
  };
  const uses = new Int32Array(count);
  for (const id of applyIds) for (const a of (ir.nodes[id] as { args: readonly number[] }).args) uses[a]!++;
  for (const o of ir.outputs) uses[o] = 2;
  const fusedInto = new Int32Array(count).fill(-1);
  // side 0: the left operand is fused, 1: the right one, 2: both.
  const fusedChild = new Map<number, { child: number; side: number }>();
  for (const id of applyIds) {
    if (arith(id) === undefined) continue;
    const args = (ir.nodes[id] as { args: readonly number[] }).args;
    const ok = (m: number) => varying[m] === 1 && arith(m) !== undefined && uses[m] === 1 && fusedInto[m] === -1 && !fusedChild.has(m);
    const l = args[0]!, r = args[1]!;
    if (l !== r && ok(l) && ok(r)) {
      fusedInto[l] = id;
      fusedInto[r] = id;
      fusedChild.set(id, { child: l, side: 2 });
    } else if (l !== r && ok(l)) {
      fusedInto[l] = id;
      fusedChild.set(id, { child: l, side: 0 });
    } else if (l !== r && ok(r)) {
      fusedInto[r] = id;
      fusedChild.set(id, { child: r, side: 1 });
    }
  }

  // Scalar operands of fused kernels are broadcast into blocks, at frame slots count + k.
  const broadcastSlot = new Map<number, number>();
  const slotOf = (a: number): number => {
    if (varying[a] === 1) return a;
    let k = broadcastSlot.get(a);
    if (k === undefined) broadcastSlot.set(a, (k = count + broadcastSlot.size));
    return k;
  };

  const instrs: Instr[] = [];
  const scratchIds: number[] = [];
  const operandsOf: number[][] = [];
  for (const id of applyIds) {
    if (fusedInto[id] !== -1) continue;
    const n = ir.nodes[id] as { prim: Primitive & { kind: 'elementwise' }; args: readonly number[] };
    const args = n.args;
    scratchIds.push(id);
    const fused = fusedChild.get(id);
    if (fused !== undefined && fused.side === 2) {
      const l = args[0]!, r = args[1]!;
      const lm = (ir.nodes[l] as { args: readonly number[] }).args, rm = (ir.nodes[r] as { args: readonly number[] }).args;
      const x = slotOf(lm[0]!), y = slotOf(lm[1]!), z = slotOf(rm[0]!), w = slotOf(rm[1]!);
      const k = FUSED_BOTH[arith(l)! * 16 + arith(id)! * 4 + arith(r)!]!;
      instrs.push((V) => k(V[id] as Arr, V[x] as Arr, V[y] as Arr, V[z] as Arr, V[w] as Arr));
      operandsOf.push([lm[0]!, lm[1]!, rm[0]!, rm[1]!]);
      continue;
    }
    if (fused !== undefined) {
      const m = ir.nodes[fused.child] as { args: readonly number[] };
      const x = slotOf(m.args[0]!), y = slotOf(m.args[1]!), z = slotOf(args[1 - fused.side]!);
      const k = FUSED[arith(fused.child)! * 8 + arith(id)! * 2 + fused.side]!;
      instrs.push((V) => k(V[id] as Arr, V[x] as Arr, V[y] as Arr, V[z] as Arr));
      operandsOf.push([m.args[0]!, m.args[1]!, args[1 - fused.side]!]);
      continue;
    }
    operandsOf.push(args.slice());
    const prim = n.prim;
    const kernel = prim.kernel;
    const impl = prim.impl;
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

  // Buffer allocation by liveness: a block buffer is reused once its value is dead, so the
  // working set stays a handful of blocks (in L1) however long the program is. Kernels may
  // write in place (each element is read before it is written).
  const lastUse = new Int32Array(count).fill(-1);
  scratchIds.forEach((_id, pos) => {
    for (const a of operandsOf[pos]!) lastUse[a] = pos;
  });
  for (const o of ir.outputs) lastUse[o] = scratchIds.length;
  const bufferOf = new Int32Array(count).fill(-1);
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
  const broadcasts = [...broadcastSlot];

  return (I, O, S, n) => {
    const V: Frame = new Array<number | Float64Array>(count + broadcasts.length).fill(0);
    for (const step of scalarSteps) step(V, I);
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
      for (const [id, slot] of broadcasts) {
        const whole = new Float64Array(size).fill(V[id] as number);
        V[slot] = whole;
        scratch.push([slot, whole, whole.subarray(0, n % BLOCK)]);
      }
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
