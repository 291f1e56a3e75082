// jit: stage a function once per input signature, compile the IR to one fused loop, cache.
import { FluxionTypeError, ShapeError, TracerError, describeValue } from '../core/errors.js';
import type { Shape } from '../core/primitive.js';
import { Boxed, type Operand } from '../core/trace.js';
import { formatIR, isElementwiseIR, replayIR, type IR } from '../compile/ir.js';
import { compileIR, type CompileOptions, type CompiledProgram } from '../compile/program.js';
import { NotStageableError, stageFunction } from './stage.js';

/** Per-call options of a jitted function, passed as an extra last argument. */
export interface JitCallOptions {
  /** Array(s) to write the result(s) into: one `Float64Array`, or one per tuple element. */
  readonly out?: Float64Array | readonly (Float64Array | undefined)[];
}

/** A function compiled by {@link jit}: same arguments and results as the original. */
export interface JitFunction<A extends unknown[], R> {
  /** Runs the compiled function (compiling it first for a new signature). */
  (...args: A): R;
  /** Runs the compiled function, writing array results into `options.out`. */
  (...args: [...A, JitCallOptions]): R;
  /**
   * The generated JavaScript of the loop for the given example arguments (or for the most
   * recent call when none are given).
   */
  source(...args: A | []): string;
  /**
   * What ran the most recent call: `source` or `closure` (a compiled loop), `replay` (a
   * staged program with reductions, run op by op), or `eager` (`f` itself: it needed
   * concrete values, or was called under an outer transformation).
   */
  readonly lastBackend: 'source' | 'closure' | 'replay' | 'eager' | undefined;
}

type Entry =
  | { readonly kind: 'compiled'; readonly program: CompiledProgram; readonly tuple: boolean; readonly ir: IR }
  | { readonly kind: 'replay'; readonly ir: IR; readonly tuple: boolean; readonly shapes: readonly Shape[] }
  | { readonly kind: 'eager'; readonly reason: string };

const MAX_SIGNATURES = 64;

function isCallOptions(v: unknown): v is JitCallOptions {
  if (typeof v !== 'object' || v === null || v instanceof Boxed || ArrayBuffer.isView(v) || Array.isArray(v)) return false;
  return Object.prototype.hasOwnProperty.call(v, 'out') && !('data' in v);
}

/**
 * Compiles `f` just in time: on the first call with a given signature (which arguments are
 * numbers, which are vectors, and their lengths) it runs `f` once on abstract values,
 * records the primitives into fluxion's IR, and compiles that into one fused JavaScript loop
 * (or the closure backend when `new Function` is unavailable); later calls with the same
 * signature run the loop directly. Results equal the eager path's (integer powers are
 * computed as products, which may differ from `Math.pow` in the last bit).
 *
 * Composes with every transformation: `jit(grad(f))`, `jit(vmap(grad(f)))`, and under an
 * outer transformation (`grad(jit(f))`, `vmap(jit(f))`) it simply runs `f` on the outer
 * tracers. A function that needs concrete values (`if (x > 0)`) is run eagerly instead.
 * Like JAX's `jit`, values a function captures from its closure are read once, when a
 * signature is first compiled (use `vmap`, which re-stages on every call, for functions
 * whose captured values change).
 *
 * With `{ fastmath: true }` the compiler may refactor sums and products (common factors,
 * Horner's scheme), so a reverse-mode derivative runs at the speed of a hand-written one;
 * results then agree with the eager path to rounding rather than bit for bit.
 *
 * @param f a function of numbers and vectors built from fluxion ops
 * @param options `{ backend: 'source' | 'closure' }` to force a backend; `{ fastmath: true }`
 *   to allow refactoring sums and products
 * @returns the compiled function; pass `{ out }` as an extra last argument to reuse an output array
 * @example
 * ```ts
 * import { jit, mul, add } from 'fluxion';
 * const f = jit((x) => add(mul(x, x), 1));
 * f(3); // 10
 * f(Float64Array.of(1, 2)); // Float64Array [2, 5]
 * const g = jit((x) => add(mul(x, x), mul(x, 3)), { fastmath: true }); // x·(x + 3)
 * g(2); // 10
 * ```
 */
export function jit<A extends Operand[], R>(f: (...args: A) => R, options: CompileOptions = {}): JitFunction<A, R> {
  if (typeof f !== 'function') throw new FluxionTypeError(`jit needs a function; got ${describeValue(f)}.`);
  const cache = new Map<string, Entry>();
  let lastKey: string | undefined;
  let lastBackend: JitFunction<A, R>['lastBackend'];

  const prepare = (raw: readonly unknown[]): { key: string; inputs: (number | Float64Array)[] } | undefined => {
    const inputs: (number | Float64Array)[] = [];
    const parts: string[] = [];
    for (const a of raw) {
      if (typeof a === 'number') {
        inputs.push(a);
        parts.push('n');
      } else if (a instanceof Float64Array) {
        inputs.push(a);
        parts.push(`v${a.length}`);
      } else if (Array.isArray(a) && a.every((x) => typeof x === 'number')) {
        const arr = Float64Array.from(a as number[]);
        inputs.push(arr);
        parts.push(`v${arr.length}`);
      } else {
        return undefined;
      }
    }
    return { key: parts.join(','), inputs };
  };

  const build = (inputs: readonly (number | Float64Array)[]): Entry => {
    const shapes: Shape[] = inputs.map((v) => (typeof v === 'number' ? [] : [v.length]));
    let staged;
    try {
      staged = stageFunction(f as unknown as (...args: Operand[]) => unknown, shapes, 'jit');
    } catch (e) {
      if (e instanceof TracerError || e instanceof NotStageableError) return { kind: 'eager', reason: e.message };
      throw e;
    }
    const { ir, outputShapes, tuple } = staged;
    if (!isElementwiseIR(ir)) return { kind: 'replay', ir, tuple, shapes: outputShapes };
    let length = 0;
    for (const s of [...shapes, ...outputShapes]) if (s.length > 0) length = s[0]!;
    const program = compileIR(
      ir,
      shapes.map((s) => s.length > 0),
      outputShapes.map((s) => s.length > 0),
      { ...options, length },
    );
    return { kind: 'compiled', program, tuple, ir };
  };

  const lookup = (key: string, inputs: readonly (number | Float64Array)[]): Entry => {
    let entry = cache.get(key);
    if (entry === undefined) {
      entry = build(inputs);
      if (cache.size >= MAX_SIGNATURES) cache.delete(cache.keys().next().value as string);
      cache.set(key, entry);
    }
    lastKey = key;
    return entry;
  };

  // The signature of the most recent compiled call (-1: a number, else a vector's length),
  // so that repeated calls with the same kinds of arguments skip building a cache key.
  let hot: { readonly key: string; readonly kinds: Int32Array; readonly entry: Entry & { kind: 'compiled' } } | undefined;
  const matchesHot = (args: readonly unknown[], kinds: Int32Array): boolean => {
    if (args.length !== kinds.length) return false;
    for (let i = 0; i < kinds.length; i++) {
      const a = args[i];
      const k = kinds[i]!;
      if (k < 0 ? typeof a !== 'number' : !(a instanceof Float64Array) || a.length !== k) return false;
    }
    return true;
  };

  const call = (...rawArgs: unknown[]): R => {
    if (hot !== undefined && matchesHot(rawArgs, hot.kinds)) {
      lastBackend = hot.entry.program.backend;
      lastKey = hot.key;
      const results = hot.entry.program.run(rawArgs as (number | Float64Array)[]);
      return (hot.entry.tuple ? results : results[0]) as R;
    }
    let callOptions: JitCallOptions | undefined;
    if (rawArgs.length > 0 && isCallOptions(rawArgs[rawArgs.length - 1])) callOptions = rawArgs.pop() as JitCallOptions;
    // Under an outer transformation (or on values staging does not handle) run f on the
    // given values: the outer trace records or differentiates its operations directly.
    const prepared = rawArgs.some((a) => a instanceof Boxed) ? undefined : prepare(rawArgs);
    if (prepared === undefined) {
      lastBackend = 'eager';
      return writeOut((f as (...a: unknown[]) => R)(...rawArgs), callOptions);
    }
    const entry = lookup(prepared.key, prepared.inputs);
    if (entry.kind === 'eager') {
      lastBackend = 'eager';
      return writeOut((f as (...a: unknown[]) => R)(...rawArgs), callOptions);
    }
    if (entry.kind === 'replay') {
      lastBackend = 'replay';
      const results = replayIR(entry.ir, prepared.inputs);
      return writeOut((entry.tuple ? results : results[0]) as R, callOptions);
    }
    lastBackend = entry.program.backend;
    if (prepared.inputs.every((v, i) => v === rawArgs[i])) {
      hot = { key: prepared.key, kinds: Int32Array.from(prepared.inputs, (v) => (typeof v === 'number' ? -1 : v.length)), entry };
    }
    const outOpt = callOptions?.out;
    const outs = outOpt === undefined ? undefined : outOpt instanceof Float64Array ? [outOpt] : outOpt;
    const results = entry.program.run(prepared.inputs, outs);
    return (entry.tuple ? results : results[0]) as R;
  };

  const jitted = call as unknown as JitFunction<A, R>;
  Object.defineProperty(jitted, 'lastBackend', { get: () => lastBackend });
  (jitted as { source: JitFunction<A, R>['source'] }).source = (...args: A | []): string => {
    let entry: Entry | undefined;
    if (args.length > 0) {
      const prepared = prepare(args);
      if (prepared === undefined) throw new FluxionTypeError('jit(f).source needs example arguments that are numbers or vectors.');
      entry = lookup(prepared.key, prepared.inputs);
    } else {
      if (lastKey === undefined) throw new FluxionTypeError('jit(f).source() needs example arguments until the function has been called once.');
      entry = cache.get(lastKey);
    }
    if (entry === undefined) throw new FluxionTypeError('jit(f).source(): the signature is no longer cached; pass example arguments.');
    if (entry.kind === 'eager') return `// not compiled: ${entry.reason.split('\n')[0]}\n`;
    if (entry.kind === 'replay') return `// not fused (contains a reduction); runs op by op:\n${formatIR(entry.ir)}\n`;
    return entry.program.source;
  };
  return jitted;
}

function writeOut<R>(result: R, options: JitCallOptions | undefined): R {
  const out = options?.out;
  if (out === undefined) return result;
  const outs = out instanceof Float64Array ? [out] : out;
  const results: readonly unknown[] = out instanceof Float64Array ? [result] : Array.isArray(result) ? result : [result];
  results.forEach((r, k) => {
    const o = outs[k];
    if (o === undefined) return;
    if (!(r instanceof Float64Array)) return;
    if (o.length !== r.length) {
      throw new ShapeError(`The out array has length ${o.length} but the result has length ${r.length}. Pass an out array of length ${r.length}.`);
    }
    o.set(r);
  });
  if (out instanceof Float64Array) return (result instanceof Float64Array ? out : result) as R;
  return (Array.isArray(result) ? result.map((r, k) => (r instanceof Float64Array && outs[k] !== undefined ? outs[k] : r)) : result) as R;
}
