// Batching (vmap): f runs ONCE on BatchTracers whose values carry the whole batch along
// axis 0. Elementwise primitives apply to the batched arrays directly (array kernels, no
// per-element calls of f); structural primitives use their record's batch rule. Each
// vmap call runs at its own level of the interpreter stack, so vmap(grad(f)) and
// grad(x => sum(vmap(f)(x))) compose.
import { ConcreteValueError, FluxionTypeError, ShapeError } from '../core/errors.js';
import { isNDArray } from '../core/kinds.js';
import type { Primitive } from '../core/primitive.js';
import { bind } from '../core/bind.js';
import { MainTrace, TRACE, withNewTrace, type Operand, type Params } from '../core/trace.js';
import { index, stack } from '../ops/indexing.js';
import { fillLikePrimitive } from '../ops/reduce.js';
import { sameShape, shapeOf, showShape } from './common.js';
import { flatten, unflatten } from './pytree.js';
import { Tracer } from './tracer.js';
import { NOT_STAGED, stagedVmap } from './stage.js';

/** A batch of values (axis 0 of `val`) standing for one value inside `f`. */
export class BatchTracer extends Tracer {
  private shapeCache: readonly number[] | undefined;
  constructor(
    readonly trace: BatchTrace,
    readonly val: Operand,
  ) {
    super();
  }
  get [TRACE](): BatchTrace {
    return this.trace;
  }
  /** The shape of one example (the batched value's shape without axis 0). */
  get shape(): readonly number[] {
    return (this.shapeCache ??= shapeOf(this.val).slice(1));
  }
}

const fill = fillLikePrimitive as unknown as Primitive;

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** The interpreter of one vmap call; `size` is the batch length. */
export class BatchTrace extends MainTrace {
  constructor(
    level: number,
    transform: string,
    readonly size: number,
  ) {
    super(level, transform);
  }

  process(prim: Primitive, args: readonly Operand[], params: Params): Operand {
    const n = args.length;
    const vals = new Array<Operand>(n);
    const axes = new Array<number | null>(n);
    for (let i = 0; i < n; i++) {
      const a = args[i]!;
      if (a instanceof BatchTracer && a.trace === this) {
        vals[i] = a.val;
        axes[i] = 0;
      } else {
        vals[i] = a;
        axes[i] = null;
      }
    }
    if (prim.kind === 'elementwise') return new BatchTracer(this, this.elementwise(prim, vals, axes));
    const [out, axis] = prim.batch(vals, axes, params);
    if (axis === null) return out;
    if (axis !== 0) throw new ShapeError(`internal: the batch rule of ${prim.name} put the batch axis at ${axis}; rules must return 0.`);
    return new BatchTracer(this, out);
  }

  // Per example, elementwise operands are scalars or share one shape S. When some example
  // shape is not scalar, operands are broadcast to [size, ...S] first; otherwise the
  // batched vectors and the unbatched scalars combine directly.
  private elementwise(prim: Primitive, vals: Operand[], axes: (number | null)[]): Operand {
    let common: readonly number[] | null = null;
    const shapes = vals.map((v, i) => {
      const s = axes[i] === 0 ? shapeOf(v).slice(1) : shapeOf(v);
      if (s.length > 0) {
        if (common === null) common = s;
        else if (!sameShape(common, s)) {
          throw new ShapeError(
            `${prim.name} under vmap: one example has operands of shapes ${showShape(common)} and ${showShape(s)}. ` +
              'Elementwise ops need equal shapes (or a scalar).',
          );
        }
      }
      return s;
    });
    if (common === null) return bind(prim, vals);
    const S: readonly number[] = common;
    const full = [this.size, ...S];
    const out = vals.map((v, i) => {
      const rank = shapes[i]!.length;
      if (axes[i] === 0) return rank === 0 ? bind(fill, [0, v], { dims: [0], shape: full }) : v;
      return rank === 0 ? v : bind(fill, [0, v], { dims: range(1, S.length + 1), shape: full });
    });
    return bind(prim, out);
  }
}

/** What `inAxes` may be: one entry for every argument, or one per argument. */
export type InAxes = 0 | null | readonly (0 | null)[];

/** Options of {@link vmap}. */
export interface VmapOptions {
  /**
   * Which arguments are mapped over their axis 0 (`0`) and which are passed to every
   * example unchanged (`null`). One value for all arguments, or an array with one entry
   * per argument. Default `0`.
   */
  readonly inAxes?: InAxes;
  /**
   * Let the compiled loop refactor sums and products, as `jit(f, { fastmath: true })` does
   * (results agree with the eager path to rounding rather than bit for bit). Only the
   * compiled path is affected. Default false.
   */
  readonly fastmath?: boolean;
}

function resolveInAxes(inAxes: InAxes | undefined, nargs: number): (0 | null)[] {
  const list: readonly unknown[] = inAxes === undefined ? Array<0>(nargs).fill(0) : Array.isArray(inAxes) ? inAxes : Array<unknown>(nargs).fill(inAxes);
  if (list.length !== nargs) {
    throw new FluxionTypeError(
      `vmap: inAxes has ${list.length} entries but the function was called with ${nargs} argument(s). Give one entry (0 or null) per argument.`,
    );
  }
  return list.map((a, i) => {
    if (a === 0 || a === null) return a;
    throw new FluxionTypeError(
      `vmap: inAxes entry ${i} is ${String(a)}; fluxion maps axis 0 (use 0) or leaves an argument unmapped (use null).`,
    );
  });
}

/** Runs `f` once on batch tracers and returns its outputs with the batch on axis 0 (the eager path of {@link vmap}; exported for tests). */
export function vmapEager(f: (...args: unknown[]) => unknown, inAxes: InAxes | undefined, args: unknown[]): unknown {
  const axes = resolveInAxes(inAxes, args.length);
  const mapped = axes.flatMap((a, i) => (a === 0 ? [{ arg: i, flat: flatten(args[i], `vmap(f)(...): argument ${i}`) }] : []));
  let size = -1;
  let sizeFrom = '';
  for (const { arg, flat } of mapped) {
    flat.leaves.forEach((leaf, j) => {
      const where = `argument ${arg}${flat.paths[j] ? ` at path ${flat.paths[j]}` : ''}`;
      const s = shapeOf(leaf);
      if (s.length === 0) {
        throw new ShapeError(
          `vmap: ${where} is a scalar, so it has no axis 0 to map over. Pass an array, or mark the argument unmapped with inAxes: null.`,
        );
      }
      if (size >= 0 && s[0] !== size) {
        throw new ShapeError(
          `vmap got inconsistent sizes for the mapped axis 0: ${sizeFrom} has length ${size} but ${where} has length ${s[0]}. ` +
            'Map arrays of one length, or mark an argument unmapped with inAxes: null.',
        );
      }
      size = s[0]!;
      sizeFrom = where;
    });
  }
  if (size < 0) {
    throw new FluxionTypeError('vmap: no argument is mapped (every inAxes entry is null, or there are no array leaves). Map at least one array.');
  }
  let needsConcrete = false;
  const batched = withNewTrace(
    (level) => new BatchTrace(level, 'vmap', size),
    (trace) => {
      const callArgs = args.slice();
      for (const { arg, flat } of mapped) {
        callArgs[arg] = unflatten(flat.def, flat.leaves.map((leaf) => new BatchTracer(trace, leaf as Operand)));
      }
      let result: unknown;
      try {
        result = f(...callArgs);
      } catch (e) {
        // f branched on one of this vmap's tracers (`x > 0 ? … : …`): it needs each
        // example's concrete value, so it is run once per example below.
        if (e instanceof ConcreteValueError && e.owner === trace) {
          needsConcrete = true;
          return undefined;
        }
        throw e;
      }
      const out = flatten(result, 'the output of the function given to vmap');
      const leaves = out.leaves.map((leaf) => {
        if (leaf instanceof BatchTracer && leaf.trace === trace) {
          const v = leaf.val;
          // a batch of scalars given as a 1-axis N-D array comes back as a Float64Array
          return isNDArray(v) && v.shape.length === 1 ? v.data : v;
        }
        // the same value for every example: broadcast it along a new axis 0
        const s = shapeOf(leaf);
        return bind(fill, [0, leaf as Operand], { dims: range(1, s.length + 1), shape: [size, ...s] });
      });
      return unflatten(out.def, leaves);
    },
  );
  return needsConcrete ? vmapPerExample(f, args, mapped, size) : batched;
}

/**
 * The fallback of {@link vmapEager} for functions that need concrete values: `f` runs once
 * per example on that example's slice of every mapped argument, and the results are
 * stacked along a new axis 0. Built from the `index` and `stack` ops, so it still composes
 * with an outer transformation.
 */
function vmapPerExample(
  f: (...args: unknown[]) => unknown,
  args: readonly unknown[],
  mapped: readonly { readonly arg: number; readonly flat: ReturnType<typeof flatten> }[],
  size: number,
): unknown {
  const perLeaf: Operand[][] = [];
  let def: ReturnType<typeof flatten>['def'] | undefined;
  let shapes: (readonly number[])[] = [];
  for (let i = 0; i < size; i++) {
    const callArgs = args.slice();
    for (const { arg, flat } of mapped) callArgs[arg] = unflatten(flat.def, flat.leaves.map((leaf) => index(leaf as Operand, i)));
    const out = flatten(f(...callArgs), 'the output of the function given to vmap');
    const here = out.leaves.map((leaf) => shapeOf(leaf));
    if (def === undefined) {
      def = out.def;
      shapes = here;
      for (let k = 0; k < out.leaves.length; k++) perLeaf.push([]);
    } else if (here.length !== shapes.length || here.some((s, k) => !sameShape(s, shapes[k]!))) {
      throw new ShapeError(
        `vmap: the function gave results of different shapes for example 0 (${shapes.map(showShape).join(', ')}) and example ${i} ` +
          `(${here.map(showShape).join(', ')}); every example must give the same shapes.`,
      );
    }
    out.leaves.forEach((leaf, k) => perLeaf[k]!.push(leaf as Operand));
  }
  if (def === undefined) {
    throw new ShapeError(
      'vmap: the mapped axis has length 0 and the function branches on its argument, so the shape of its result is unknown. ' +
        'Pass at least one example, or write the branch as where(gt(x, 0), a, b) so vmap can batch it.',
    );
  }
  return unflatten(
    def,
    perLeaf.map((leaves) => stack(leaves)),
  );
}

/**
 * Vectorizing map: `vmap(f)(xs)` computes `f` for every entry along axis 0 of `xs` and
 * stacks the results, `[f(xs[0]), f(xs[1]), …]`, but runs `f` only once, on whole arrays:
 * every elementwise op becomes one array loop. Composes with every transformation:
 * `vmap(grad(f))(xs)` is the derivative at every point of `xs`. A pure elementwise `f` is
 * compiled into one loop over the batch. A function that needs concrete values (a JavaScript
 * `if` or `>` on its argument) still works, where JAX's `vmap` raises: it is run once per
 * example and the results are stacked (slower; `where(gt(x, 0), a, b)` keeps it batched).
 *
 * @param f the per-example function, written with fluxion ops
 * @param options `inAxes`: which arguments are mapped (0) or shared (null); `fastmath`: let the compiled loop refactor sums and products
 * @returns the batched function; outputs have the batch on axis 0 (typed `Float64Array` by default: use `vmap<NDArray>(f)` for N-D results)
 * @example
 * ```ts
 * import { vmap, grad, mul, add } from 'fluxion';
 * vmap(grad((x) => mul(x, x)))([1, 2, 3]); // Float64Array [2, 4, 6]
 * vmap((x, c) => add(x, c), { inAxes: [0, null] })([1, 2], 10); // Float64Array [11, 12]
 * vmap((x) => (x > 0 ? mul(x, 2) : 0))([3, -1]); // Float64Array [6, 0]
 * ```
 */
export function vmap<R = Float64Array>(f: (...args: never[]) => unknown, options?: VmapOptions): (...args: unknown[]) => R {
  if (typeof f !== 'function') throw new FluxionTypeError(`vmap: the first argument must be a function, got ${typeof f}.`);
  const g = f as (...args: unknown[]) => unknown;
  const inAxes = options?.inAxes;
  // Fast path: a pure elementwise f is staged and run as one compiled loop over the batch.
  const staged = stagedVmap(g, inAxes, options?.fastmath === true ? { fastmath: true } : {});
  return (...args: unknown[]) => {
    const r = staged(args);
    return (r === NOT_STAGED ? vmapEager(g, inAxes, args) : r) as R;
  };
}
