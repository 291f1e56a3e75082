// Jacobians: jacfwd pushes basis tangents of an input through jvp (columns), one jvp per
// direction for a few directions and one vmap-batched jvp for many; jacrev pulls one basis
// cotangent per output element back through one tape (rows). Both assemble the blocks with
// the differentiable `index`, `stack` and `reshape`, so they compose with each other and
// with every transformation (hessian = jacfwd(jacrev(f))).
import { FluxionTypeError } from '../core/errors.js';
import { shapeSize, type NDArray } from '../core/kinds.js';
import type { Operand } from '../core/trace.js';
import { bind } from '../core/bind.js';
import type { Primitive } from '../core/primitive.js';
import { index, reshape, stackPrimitive } from '../ops/indexing.js';
import { makeArray } from '../ops/reduce.js';
import { shapeOf, zerosOf } from './common.js';
import { vmapEager } from './vmap.js';
import { flattenInputs, resolveArgnums, type GradOptions } from './grad.js';
import { jvpFlat } from './jvp.js';
import { unflatten, type Flat } from './pytree.js';
import { vjpFlat } from './vjp.js';

// Up to this many directions, jacfwd runs one jvp per direction; past it, one batched jvp.
// Measured on small functions: up to about 8 directions the loop is as fast or faster
// (vmap's setup dominates); at 12, batching is 1.3-3x faster, and 3x at 100.
const PER_DIRECTION_MAX = 8;

// Every basis direction of `shape` at once: the identity, shaped [n, ...shape].
function identityBasis(shape: readonly number[]): Operand {
  const n = shapeSize(shape);
  const data = new Float64Array(n * n);
  for (let j = 0; j < n; j++) data[j * n + j] = 1;
  return (shape.length === 0 ? data : makeArray(data, [n, ...shape])) as Operand;
}

// e_j: zeros of `shape` with a 1 at flat position j
function basis(shape: readonly number[], j: number): Operand {
  if (shape.length === 0) return 1;
  const data = new Float64Array(shapeSize(shape));
  data[j] = 1;
  return makeArray(data, shape) as Operand;
}

// Stacks blocks (each of shape `blockShape`) along a new axis at `axis`, then reshapes
// that axis into `axisShape`.
function assemble(blocks: Operand[], blockShape: readonly number[], axis: number, axisShape: readonly number[]): Operand {
  const size = shapeSize(axisShape);
  const target = [...blockShape.slice(0, axis), ...axisShape, ...blockShape.slice(axis)];
  if (size === 1 && blocks.length === 1) return reshape(blocks[0]!, target);
  return reshape(stackAt(blocks, axis), target);
}

function stackAt(blocks: Operand[], axis: number): Operand {
  return bind(stackPrimitive as unknown as Primitive, blocks, { axis });
}

// The Jacobian pytree: the output's structure, each leaf holding the input's structure,
// each of those leaves the block d out_leaf / d in_leaf of shape [...outShape, ...inShape].
function nest(outDef: Flat['def'], inDef: Flat['def'], blocks: Operand[][]): unknown {
  const perOut = blocks.map((row) => (inDef.kind === 'leaf' ? row[0] : unflatten(inDef, row)));
  return outDef.kind === 'leaf' ? perOut[0] : unflatten(outDef, perOut);
}

function checkFunction(f: unknown, name: string): void {
  if (typeof f !== 'function') throw new FluxionTypeError(`${name}: the first argument must be a function, got ${typeof f}.`);
}

function singleArgnum(options: GradOptions | undefined, nargs: number, name: string): number {
  const a = options?.argnums;
  if (Array.isArray(a)) throw new FluxionTypeError(`${name}: argnums must be one argument position (a number) here.`);
  return resolveArgnums(a as number | undefined, nargs, name)[0]!;
}

/**
 * The Jacobian by forward mode, `J[i, j] = ∂fᵢ/∂xⱼ`: for more than a few input elements,
 * one `jvp` whose tangent carries every basis direction at once (`vmap` over the identity),
 * as JAX does; for up to 8, one `jvp` per direction, which is faster there. Best
 * when there are fewer inputs than outputs. For `f: R^n → R^m` the result has shape
 * `[m, n]` (in general `[...outShape, ...inShape]`), as `{ data, shape }`.
 *
 * @param f the function, written with fluxion ops (use `index` and `stack` for vectors)
 * @param options `argnums`: which argument (default 0)
 * @returns a function returning the Jacobian (type it with `jacfwd<number>` etc. when it is not an N-D array)
 * @example
 * ```ts
 * import { jacfwd, stack, index, mul, sin } from 'fluxion';
 * const J = jacfwd((v) => stack([mul(index(v, 0), index(v, 1)), sin(index(v, 0))]))(Float64Array.of(1, 2));
 * J.shape; // [2, 2]
 * J.data[1]; // 1
 * ```
 */
export function jacfwd<R = NDArray>(f: (...args: never[]) => unknown, options?: GradOptions): (...args: unknown[]) => R {
  checkFunction(f, 'jacfwd');
  const g = f as (...args: unknown[]) => unknown;
  return (...args: unknown[]) => {
    const argnum = singleArgnum(options, args.length, 'jacfwd');
    const inputs = flattenInputs(args, [argnum], 'jacfwd');
    const inFlat = inputs[0]!.flat;
    const inShapes = inFlat.leaves.map((l) => shapeOf(l));
    // cols[leaf][o]: the tangents of output leaf o along each basis direction of that input
    // leaf (one column of shape outShape per direction).
    const cols: Operand[][][] = [];
    let outFlat: Flat | undefined;
    let outShapes: (readonly number[])[] = [];
    const push = (tangents: readonly (Operand | null)[]) => {
      const res = jvpFlat(g, args, inputs, [tangents], 'jacfwd');
      outFlat = res.out;
      outShapes = res.primals.map((p) => shapeOf(p));
      return res.tangents.map((t, o) => t ?? (zerosOf(outShapes[o]!) as Operand));
    };
    inShapes.forEach((shape, leafIdx) => {
      const n = shapeSize(shape);
      const only = (t: Operand) => inShapes.map((_s, k) => (k === leafIdx ? t : null));
      if (n <= PER_DIRECTION_MAX) {
        // a few directions: one jvp each costs less than batching them
        const perDirection = Array.from({ length: n }, (_, j) => push(only(basis(shape, j))));
        cols.push(outShapes.map((_s, o) => perDirection.map((ts) => ts[o]!)));
        return;
      }
      // many directions: one jvp whose tangent carries all of them (vmap over the identity)
      const batched = vmapEager(
        (t: unknown) => Object.fromEntries(push(only(t as Operand)).map((t2, o) => [`o${o}`, t2])),
        0,
        [identityBasis(shape)],
      ) as Record<string, Operand>;
      // keyed by output above, not an array: an array of numbers would read as one vector
      cols.push(outShapes.map((_s, o) => Array.from({ length: n }, (_, j) => index(batched[`o${o}`]!, j))));
    });
    // no input elements: evaluate once for the output structure
    if (outFlat === undefined) push(inShapes.map(() => null));
    const blocks = outShapes.map((os, o) =>
      inShapes.map((is, leafIdx) => {
        const columns = cols[leafIdx]![o] ?? [];
        if (columns.length === 0) return makeArray(new Float64Array(0), [...os, ...is]) as Operand;
        return assemble(columns, os, os.length, is);
      }),
    );
    return nest(outFlat!.def, inFlat.def, blocks) as R;
  };
}

/**
 * The Jacobian by reverse mode, `J[i, j] = ∂fᵢ/∂xⱼ`: one tape, then one pullback per
 * output element: best when there are fewer outputs than inputs. Shape
 * `[...outShape, ...inShape]`.
 *
 * @param f the function, written with fluxion ops
 * @param options `argnums`: which argument (default 0)
 * @returns a function returning the Jacobian
 * @example
 * ```ts
 * import { jacrev, stack, index, mul } from 'fluxion';
 * jacrev((v) => stack([mul(index(v, 0), index(v, 1)), index(v, 1)]))([3, 4]).data; // Float64Array [4, 3, 0, 1]
 * ```
 */
export function jacrev<R = NDArray>(f: (...args: never[]) => unknown, options?: GradOptions): (...args: unknown[]) => R {
  checkFunction(f, 'jacrev');
  const g = f as (...args: unknown[]) => unknown;
  return (...args: unknown[]) => {
    const argnum = singleArgnum(options, args.length, 'jacrev');
    const inputs = flattenInputs(args, [argnum], 'jacrev');
    const inFlat = inputs[0]!.flat;
    const inShapes = inFlat.leaves.map((l) => shapeOf(l));
    const res = vjpFlat(g, args, inputs, 'jacrev');
    const outShapes = res.primals.map((p) => shapeOf(p));
    const blocks = outShapes.map((os, o) => {
      const m = shapeSize(os);
      // rows[j][leaf]: the cotangent of every input leaf for output element j
      const rows: Operand[][] = [];
      for (let j = 0; j < m; j++) {
        const cts = outShapes.map((s, k) => (k === o ? basis(s, j) : null));
        rows.push(res.pullback(cts)[0]!);
      }
      return inShapes.map((is, leafIdx) => {
        const r = rows.map((row) => row[leafIdx]!);
        if (r.length === 0) return makeArray(new Float64Array(0), [...os, ...is]) as Operand;
        return assemble(r, is, 0, os);
      });
    });
    return nest(res.out.def, inFlat.def, blocks) as R;
  };
}

/**
 * The Hessian `H[i, j] = ∂²f/∂xᵢ∂xⱼ` of a scalar function: forward mode over reverse mode,
 * `jacfwd(jacrev(f))`. Shape `[...inShape, ...inShape]`.
 *
 * @param f a scalar-output function, written with fluxion ops
 * @param options `argnums`: which argument (default 0)
 * @returns a function returning the Hessian
 * @example
 * ```ts
 * import { hessian, mul, index } from 'fluxion';
 * hessian((v) => mul(index(v, 0), index(v, 1)))([1, 2]).data; // Float64Array [0, 1, 1, 0]
 * hessian((x) => mul(x, mul(x, x)))(2); // 12
 * ```
 */
export function hessian<R = NDArray>(f: (...args: never[]) => unknown, options?: GradOptions): (...args: unknown[]) => R {
  checkFunction(f, 'hessian');
  return jacfwd<R>(jacrev(f, options), options);
}
