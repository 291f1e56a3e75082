// Compiling an IR for one signature with either backend, and running the result.
import { FluxionError, FluxionTypeError, ShapeError, describeValue } from '../core/errors.js';
import { compileClosure } from './closure.js';
import { fastMathIR } from './fastmath.js';
import type { IR } from './ir.js';
import { makePlan, type Backend, type Kernel, type Plan } from './plan.js';
import { compileSource, generateSource } from './source.js';

/** Options shared by {@link lambdify} and `jit`. */
export interface CompileOptions {
  /**
   * `'source'` generates one fused loop and compiles it with `new Function` (falling back to
   * `'closure'` when the environment forbids it, unless `'source'` was asked for explicitly);
   * `'closure'` never generates code. Both give identical results. Default: source with fallback.
   */
  readonly backend?: Backend;
  /**
   * Lets the compiler treat sums and products as real-number algebra: it pulls out common
   * factors and uses Horner's scheme (a reverse-mode derivative often shrinks to the
   * operation count of a hand-written one), and it drops the chain rule's strong-zero test
   * where the partial derivative is finite for finite inputs. Like C's `-ffast-math` or
   * Numba's `fastmath=True`, it assumes values are finite and ignores the sign of zero:
   * results may differ from the eager path in the last bits, and where an infinity, a NaN
   * or a signed zero flows through a refactored sum.
   * Default: false (compiled results are bit-identical to the eager path). It applies to
   * fused loops; a `jit` program with a reduction runs op by op, unchanged.
   */
  readonly fastmath?: boolean;
}

/** An IR compiled for one signature (which inputs are arrays). */
export interface CompiledProgram {
  /** The backend that runs it. */
  readonly backend: Backend;
  /** The generated JavaScript (also for the closure backend, which does not run it). */
  readonly source: string;
  /** The loop layout. */
  readonly plan: Plan;
  /**
   * Runs the program. Array inputs must share one length `n`; array outputs have length `n`
   * and are written into `outs[k]` when given (which may alias an input).
   */
  run(inputs: readonly (number | Float64Array)[], outs?: readonly (Float64Array | undefined)[]): (number | Float64Array)[];
}

/** Options of {@link compileIR}. */
export interface CompileIROptions extends CompileOptions {
  /** The loop length when no input or constant is an array but outputs are arrays. */
  readonly length?: number;
  /** Called when the source backend was wanted but `new Function` threw. */
  readonly onFallback?: (error: unknown) => void;
}

/**
 * Compiles an elementwise IR for one signature.
 *
 * @param ir the program (every application elementwise)
 * @param inputIsArray per input, whether it is a Float64Array (else a number, broadcast)
 * @param outputIsArray per output, whether it is returned as a Float64Array
 * @param options backend choice
 * @returns the compiled program
 */
export function compileIR(
  ir: IR,
  inputIsArray: readonly boolean[],
  outputIsArray: readonly boolean[],
  options: CompileIROptions = {},
): CompiledProgram {
  if (options.fastmath === true) ir = fastMathIR(ir);
  const plan = makePlan(ir, inputIsArray, outputIsArray);
  const gen = generateSource(plan);
  let backend: Backend = options.backend ?? 'source';
  let kernel: Kernel | undefined;
  if (backend === 'source') {
    try {
      kernel = compileSource(gen);
    } catch (e) {
      if (options.backend === 'source') {
        throw new FluxionError(
          `The source backend could not compile (new Function threw: ${e instanceof Error ? e.message : String(e)}). ` +
            "The page's Content-Security-Policy probably forbids 'unsafe-eval'; use { backend: 'closure' }.",
        );
      }
      options.onFallback?.(e);
      backend = 'closure';
    }
  }
  if (kernel === undefined) kernel = compileClosure(plan);
  const k: Kernel = kernel;

  // The loop length, from constant vectors when no input is an array.
  let constLength = -1;
  for (const n of ir.nodes) if (n.op === 'const' && typeof n.value !== 'number') constLength = n.value.length;
  const nOut = ir.outputs.length;
  const scalarOnly = !outputIsArray.some((b) => b);
  // All numbers in, all numbers out: a call at a point, where the checks and allocations
  // below would cost more than the program. Its scalar slots are reused (the kernel writes
  // them last, after anything it calls has returned).
  const pointwise = scalarOnly && constLength < 0 && !inputIsArray.some((b) => b);
  const pointSlots: number[] = new Array<number>(nOut).fill(0);
  const NO_OUTPUTS: readonly (Float64Array | undefined)[] = [];

  return {
    backend,
    source: gen.body,
    plan,
    run(inputs, outs) {
      if (pointwise && inputs.length === ir.nInputs) {
        let numbers = true;
        for (let i = 0; i < inputs.length; i++) if (typeof inputs[i] !== 'number') numbers = false;
        if (numbers) {
          k(inputs, NO_OUTPUTS, pointSlots, 0);
          return pointSlots.slice();
        }
      }
      if (inputs.length !== ir.nInputs) {
        throw new FluxionTypeError(`The compiled function takes ${ir.nInputs} argument(s), got ${inputs.length}.`);
      }
      let n = -1;
      let from = -1;
      for (let i = 0; i < inputs.length; i++) {
        const v = inputs[i];
        const isArr = v instanceof Float64Array;
        if (isArr !== inputIsArray[i] || (!isArr && typeof v !== 'number')) {
          throw new FluxionTypeError(
            `Argument ${i + 1} must be ${inputIsArray[i] ? 'a Float64Array' : 'a number'} for this compiled signature; got ${describeValue(v)}.`,
          );
        }
        if (isArr) {
          if (n >= 0 && v.length !== n) {
            throw new ShapeError(
              `Argument ${from + 1} has length ${n} but argument ${i + 1} has length ${v.length}. Arrays must have equal lengths (numbers broadcast).`,
            );
          }
          n = v.length;
          from = i;
        }
      }
      if (constLength >= 0) {
        if (n >= 0 && constLength !== n) {
          throw new ShapeError(`A constant vector captured by the function has length ${constLength} but the arguments have length ${n}.`);
        }
        n = constLength;
      }
      if (n < 0) n = options.length ?? 0;
      const O: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(nOut);
      if (!scalarOnly) {
        for (let k2 = 0; k2 < nOut; k2++) {
          if (!outputIsArray[k2]) continue;
          const given = outs?.[k2];
          if (given !== undefined) {
            if (!(given instanceof Float64Array)) {
              throw new FluxionTypeError(`The out array must be a Float64Array; got ${describeValue(given)}.`);
            }
            if (given.length !== n) {
              throw new ShapeError(`The out array has length ${given.length} but the result has length ${n}. Pass an out array of length ${n}.`);
            }
            O[k2] = given;
          } else {
            O[k2] = new Float64Array(n);
          }
        }
      }
      const S: number[] = new Array<number>(nOut);
      k(inputs, O, S, n);
      const result: (number | Float64Array)[] = new Array<number | Float64Array>(nOut);
      for (let k2 = 0; k2 < nOut; k2++) result[k2] = outputIsArray[k2] ? O[k2]! : S[k2]!;
      return result;
    },
  };
}
