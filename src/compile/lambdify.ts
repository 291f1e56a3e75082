// lambdify: a symbolic expression (a hash-consed DAG) to a fast numeric function, through
// the one IR and the two backends. Every shared subexpression is computed once.
import { FluxionError, FluxionTypeError, ShapeError, describeValue } from '../core/errors.js';
import { isNDArray, toFloat64Array, type NDArray } from '../core/kinds.js';
import { Boxed, type Operand } from '../core/trace.js';
import { Expr, isExpr, topoOrder } from '../symbolic/expr.js';
import { IRBuilder, formatIR, replayIR, type IR } from './ir.js';
import { compileIR, type CompileOptions, type CompiledProgram } from './program.js';

/** Per-call options of a lambdified function, passed as an extra last argument. */
export interface LambdifyCallOptions {
  /** Array to write the result into (its length must be the inputs' length). */
  readonly out?: Float64Array;
}

/** A value a lambdified function accepts for one argument. */
export type LambdifyArg = number | Float64Array | readonly number[] | NDArray | Boxed;

/**
 * A function compiled by {@link lambdify}: numbers give a number; any array argument gives a
 * `Float64Array` of that length (numbers broadcast); tracers and expressions give a tracer
 * or expression (the operations are applied through the active transformation).
 */
export interface LambdifiedFunction {
  /** On numbers: a number. */
  (...args: number[]): number;
  /** With any array argument: a `Float64Array` of that length (numbers broadcast). */
  (...args: (number | Float64Array | readonly number[])[]): Float64Array;
  /** With an `{ out }` options object last: the result is written into `out`. */
  (...args: [...(number | Float64Array | readonly number[])[], LambdifyCallOptions]): Float64Array;
  /** On N-D arrays, tracers or expressions: the same kind back. */
  (...args: LambdifyArg[]): Operand;
  /** The generated JavaScript for a signature: `'scalar'` arguments or `'array'` ones (default: all arrays). */
  source(kinds?: readonly ('scalar' | 'array')[]): string;
  /** A readable listing of the IR (`v3 = mul(v0, v2)`). */
  ir(): string;
}

function describeExpr(e: Expr): string {
  try {
    return e.toString();
  } catch {
    return e.kind === 'apply' ? `${e.name}(…)` : `<${e.kind} ${e.name}>`;
  }
}

/**
 * Builds the IR of `exprs` as functions of `params` (each a symbol).
 *
 * @param params the argument symbols, in order
 * @param exprs the expressions to compute
 * @returns the IR (optimized: shared subexpressions once, constants folded, dead code removed)
 */
export function exprToIR(params: readonly Expr[], exprs: readonly Expr[]): IR {
  const b = new IRBuilder();
  const ids = new Map<Expr, number>();
  params.forEach((p, i) => {
    if (!isExpr(p) || p.kind !== 'symbol') {
      throw new FluxionTypeError(`lambdify: argument ${i + 1} must be a symbol; got ${isExpr(p) ? describeExpr(p) : describeValue(p)}.`);
    }
    if (ids.has(p)) throw new FluxionTypeError(`lambdify: symbol ${p.name} appears twice among the arguments.`);
    ids.set(p, b.input());
  });
  const nodes = topoOrder(...exprs);
  const missing = nodes.filter((n) => n.kind === 'symbol' && !ids.has(n)).map((n) => n.name).sort();
  if (missing.length > 0) {
    const given = params.map((p) => p.name).join(', ');
    throw new FluxionError(
      `lambdify: the expression has free symbol${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that ${missing.length > 1 ? 'are' : 'is'} not among the arguments [${given}]. ` +
        'Add them to the arguments, or substitute values first with subs.',
    );
  }
  for (const n of nodes) {
    if (ids.has(n)) continue;
    let id: number;
    switch (n.kind) {
      case 'number':
      case 'constant':
        id = b.constant(n.value);
        break;
      case 'apply': {
        const isDerivative = (n.derivs ?? []).some((d) => d > 0);
        throw new FluxionError(
          `lambdify: cannot compile ${describeExpr(n)}: it is ${isDerivative ? 'an unevaluated Derivative of' : 'an application of'} the undefined function ${n.name}, which has no numeric value. ` +
            'Substitute a concrete expression for it (subs) before lambdify.',
        );
      }
      case 'call': {
        const prim = n.prim;
        if (prim === undefined || prim.kind !== 'elementwise') {
          throw new FluxionError(`lambdify: cannot compile ${describeExpr(n)}: ${n.name} is not an elementwise function of numbers.`);
        }
        const args = n.args.map((a) => ids.get(a)!);
        if (args.length > prim.arity && prim.arity === 2) {
          // n-ary add/mul: fold left, as the symbolic evaluator does.
          let acc = b.apply(prim, [args[0]!, args[1]!]);
          for (let k = 2; k < args.length; k++) acc = b.apply(prim, [acc, args[k]!]);
          id = acc;
        } else {
          if (args.length !== prim.arity) {
            throw new FluxionError(`lambdify: ${n.name} takes ${prim.arity} argument(s) but the expression gives it ${args.length}.`);
          }
          id = b.apply(prim, args);
        }
        break;
      }
      default:
        throw new FluxionError(`lambdify: unexpected expression node ${describeExpr(n)}.`);
    }
    ids.set(n, id);
  }
  return b.finish(exprs.map((e) => ids.get(e)!));
}

function isCallOptions(v: unknown): v is LambdifyCallOptions {
  if (typeof v !== 'object' || v === null || v instanceof Boxed || ArrayBuffer.isView(v) || Array.isArray(v)) return false;
  return Object.prototype.hasOwnProperty.call(v, 'out') && !('data' in v);
}

/**
 * Compiles a symbolic expression into a fast numeric function of the given symbols
 * (SymPy's `lambdify`). On numbers it returns a number; on `Float64Array`s (or `number[]`)
 * it runs one fused loop and returns a `Float64Array` (numbers broadcast, and a constant
 * expression still gives an array of the input's length); on tracers it applies the same
 * operations through the active transformation, so `grad(lambdify([x], e))` works.
 * Generated code contains only IR-derived identifiers and numeric literals: symbol names
 * never reach it.
 *
 * @param args the argument symbols (one symbol or an array of them)
 * @param e the expression (or a number)
 * @param options `{ backend: 'source' | 'closure' }` to force a backend; `{ fastmath: true }` to let the compiler refactor sums and products
 * @returns the compiled function; pass `{ out }` as an extra last argument to reuse an array
 * @example
 * ```ts
 * import { symbols, lambdify, mul, add } from 'fluxion';
 * const [x, y] = symbols('x y');
 * const f = lambdify([x, y], add(mul(x, x), y));
 * f(3, 1); // 10
 * f(Float64Array.of(1, 2), 1); // Float64Array [2, 5]
 * ```
 */
export function lambdify(args: Expr | readonly Expr[], e: Expr | number, options: CompileOptions = {}): LambdifiedFunction {
  const params = isExpr(args) ? [args] : Array.isArray(args) ? (args as readonly Expr[]) : undefined;
  if (params === undefined) throw new FluxionTypeError(`lambdify: args must be a symbol or an array of symbols; got ${describeValue(args)}.`);
  let expr: Expr;
  if (isExpr(e)) expr = e;
  else if (typeof e === 'number') return makeFunction(exprToIRConst(params, e), options);
  else {
    throw new FluxionTypeError(`lambdify: the expression must be an Expr or a number; got ${describeValue(e)}.`);
  }
  return makeFunction(exprToIR(params, [expr]), options);
}

function exprToIRConst(params: readonly Expr[], v: number): IR {
  const b = new IRBuilder();
  params.forEach((p, i) => {
    if (!isExpr(p) || p.kind !== 'symbol') throw new FluxionTypeError(`lambdify: argument ${i + 1} must be a symbol.`);
    b.input();
  });
  return b.finish([b.constant(v)]);
}

function makeFunction(ir: IR, options: CompileOptions): LambdifiedFunction {
  const programs = new Map<string, CompiledProgram>();
  const nIn = ir.nInputs;
  const program = (mask: readonly boolean[]): CompiledProgram => {
    const key = mask.map((m) => (m ? 'a' : 's')).join('');
    let p = programs.get(key);
    if (p === undefined) {
      const anyArray = mask.some((m) => m);
      p = compileIR(ir, mask, ir.outputs.map(() => anyArray), options);
      programs.set(key, p);
    }
    return p;
  };

  const call = (...raw: unknown[]): Operand => {
    let out: Float64Array | undefined;
    if (raw.length === nIn + 1 && isCallOptions(raw[nIn])) {
      const o = (raw.pop() as LambdifyCallOptions).out;
      if (o !== undefined && !(o instanceof Float64Array)) throw new FluxionTypeError(`The out option must be a Float64Array; got ${describeValue(o)}.`);
      out = o;
    }
    if (raw.length !== nIn) {
      throw new FluxionTypeError(`This lambdified function takes ${nIn} argument(s), got ${raw.length}.`);
    }
    if (raw.some((v) => v instanceof Boxed)) return replayIR(ir, raw as Operand[])[0]!;
    const inputs: (number | Float64Array)[] = new Array<number | Float64Array>(nIn);
    const mask: boolean[] = new Array<boolean>(nIn);
    let ndShape: readonly number[] | undefined;
    for (let i = 0; i < nIn; i++) {
      const v = raw[i];
      if (typeof v === 'number') {
        inputs[i] = v;
        mask[i] = false;
      } else if (v instanceof Float64Array) {
        inputs[i] = v;
        mask[i] = true;
      } else if (Array.isArray(v)) {
        inputs[i] = toFloat64Array(v as readonly number[], `argument ${i + 1}`);
        mask[i] = true;
      } else if (isNDArray(v)) {
        if (ndShape !== undefined && ndShape.join(',') !== v.shape.join(',')) {
          throw new ShapeError(`Arguments have shapes [${ndShape.join(', ')}] and [${v.shape.join(', ')}]; N-D arguments need equal shapes.`);
        }
        ndShape = v.shape;
        inputs[i] = v.data;
        mask[i] = true;
      } else {
        throw new FluxionTypeError(
          `Argument ${i + 1} must be a number, a Float64Array, a number[], an N-D array or a tracer; got ${describeValue(v)}.`,
        );
      }
    }
    const result = program(mask).run(inputs, out === undefined ? undefined : [out])[0]!;
    if (ndShape !== undefined) {
      const nd: NDArray = { data: result as Float64Array, shape: ndShape.slice() };
      return nd as unknown as Operand;
    }
    return result;
  };
  const f = call as unknown as LambdifiedFunction;
  (f as { source: LambdifiedFunction['source'] }).source = (kinds) =>
    program(kinds === undefined ? Array.from({ length: nIn }, () => true) : kinds.map((k) => k === 'array')).source;
  (f as { ir: LambdifiedFunction['ir'] }).ir = () => formatIR(ir);
  return f;
}
