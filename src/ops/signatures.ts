import { bind } from '../core/bind.js';
import type { NDArray } from '../core/kinds.js';
import type { Primitive } from '../core/primitive.js';
import type { Boxed, Operand } from '../core/trace.js';

/**
 * Any value fluxion's polymorphic ops accept: a number, a vector (`Float64Array` or
 * `number[]`), an N-D array, a symbolic expression or a tracer. Write your functions over
 * `Num` and they work with every transformation.
 */
export type Num = Operand;

/** A one-argument op: returns the same kind of value it is given. */
export interface UnaryOp {
  (x: number): number;
  (x: Float64Array | readonly number[]): Float64Array;
  (x: NDArray): NDArray;
  <T extends Boxed>(x: T): T;
  (x: Num): Num;
}

/** A two-argument op: scalars broadcast against arrays; boxed values win. */
export interface BinaryOp {
  (a: number, b: number): number;
  <T extends Boxed>(a: T, b: T | number): T;
  <T extends Boxed>(a: T | number, b: T): T;
  (a: number | Float64Array | readonly number[], b: number | Float64Array | readonly number[]): Float64Array;
  (a: NDArray | number, b: NDArray | number): NDArray;
  (a: Num, b: Num): Num;
}

/** A three-argument op (`where`). */
export interface TernaryOp {
  (c: number, a: number, b: number): number;
  <T extends Boxed>(c: T, a: T | number, b: T | number): T;
  <T extends Boxed>(c: Num, a: T, b: T | number): T;
  <T extends Boxed>(c: Num, a: T | number, b: T): T;
  (c: number | Float64Array | readonly number[], a: number | Float64Array | readonly number[], b: number | Float64Array | readonly number[]): Float64Array;
  (c: Num, a: Num, b: Num): Num;
}

/** Wraps a one-argument primitive as a polymorphic op, with a fast path for numbers. */
export function unaryOp(p: Primitive & { impl: unknown }): UnaryOp {
  if (p.kind !== 'elementwise') return ((x: Num) => bind(p, [x])) as UnaryOp;
  const impl = p.impl;
  return ((x: Num) => (typeof x === 'number' ? impl(x) : bind(p, [x]))) as UnaryOp;
}

/** Wraps a two-argument elementwise primitive as a polymorphic op. */
export function binaryOp(p: Primitive): BinaryOp {
  if (p.kind !== 'elementwise') return ((a: Num, b: Num) => bind(p, [a, b])) as BinaryOp;
  const impl = p.impl;
  return ((a: Num, b: Num) =>
    typeof a === 'number' && typeof b === 'number' ? impl(a, b) : bind(p, [a, b])) as BinaryOp;
}

/** Wraps a three-argument elementwise primitive as a polymorphic op. */
export function ternaryOp(p: Primitive): TernaryOp {
  return ((c: Num, a: Num, b: Num) => bind(p, [c, a, b])) as TernaryOp;
}
