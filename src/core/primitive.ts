import { FluxionError } from './errors.js';
import type { NDArray } from './kinds.js';
import { registerPrimitive } from './registry.js';
import type { Operand, Params } from './trace.js';

/** A concrete value: what a primitive's `impl` consumes and produces. */
export type Concrete = number | Float64Array | NDArray;

/** The printed forms of a primitive application, given its printed arguments. */
export interface PrintForms {
  /** Plain text, e.g. `sin(x)`. */
  readonly str: (...args: string[]) => string;
  /** LaTeX in SymPy's style, e.g. `\sin{\left(x \right)}`. */
  readonly latex: (...args: string[]) => string;
  /** A JavaScript expression over already-computed operands, e.g. `Math.sin(x)`. */
  readonly js: (...args: string[]) => string;
}

/**
 * One partial derivative of an elementwise primitive, written with fluxion's polymorphic
 * ops so it works on numbers, arrays, expressions and tracers alike. It receives the
 * primitive's arguments followed by its output (so `exp` can reuse its value). Returning
 * the literal `0` means "identically zero" and lets every layer skip the term.
 */
export type PartialRule = (...argsThenOutput: Operand[]) => Operand;

/** The closed interval a test may sample an argument from: `[low, high]`. */
export type Interval = readonly [number, number];

/**
 * Cheap local rewrites the symbolic engine applies when it builds a node of this
 * primitive (`sin(0) → 0`). Receives the argument expressions and a toolkit of exact
 * helpers from the symbolic layer; returns a replacement or `undefined` to keep the node.
 */
export type CanonRule = (kit: CanonKit, ...args: Operand[]) => Operand | undefined;

/**
 * Helpers the symbolic layer hands to `canon` rules, so that `src/ops` can state
 * simplifications without importing `src/symbolic`.
 */
export interface CanonKit {
  /** Whether `e` is exactly the number `n` (exact, not a float, unless `n` is a float). */
  isNumber(e: Operand, n?: number): boolean;
  /** Whether `e` is an exact rational (or integer). */
  isRational(e: Operand): boolean;
  /** The value of an exact numeric expression, if it is one. */
  numericValue(e: Operand): number | undefined;
  /** Whether `e` prints with a leading minus sign (a negative coefficient). */
  isNegated(e: Operand): boolean;
  /** `-e`, built canonically. */
  neg(e: Operand): Operand;
  /** Whether `e` is an application of the named primitive; returns its arguments if so. */
  match(e: Operand, primitive: string): readonly Operand[] | undefined;
  /** The exact number `n` (an integer or `p/q` with `q` given) as an expression. */
  exact(p: number, q?: number): Operand;
  /** The constant π. */
  readonly pi: Operand;
  /** The constant e. */
  readonly e: Operand;
  /** Whether `e` is the named constant. */
  isConstant(e: Operand, name: 'pi' | 'E'): boolean;
  /** Whether `e` is a float number (not exact). */
  isFloat(e: Operand): boolean;
}

/** How an infix primitive prints: its operator symbol and binding strength. */
export interface InfixForm {
  /** The operator, e.g. `+`. */
  readonly symbol: string;
  /** Binding strength; higher binds tighter (`^` above `*` above `+`). */
  readonly precedence: number;
}

/** What `elementwise` needs to define a primitive that acts on each element separately. */
export interface ElementwiseSpec {
  /** Registry name; also the name the parser and printers use. */
  readonly name: string;
  /** The number → number kernel. Its length is the primitive's arity. */
  readonly impl: (...xs: number[]) => number;
  /** One partial derivative per argument (see {@link PartialRule}). */
  readonly partials: readonly PartialRule[];
  /** Where tests may sample each argument (defaults to `[-3, 3]`). */
  readonly domain?: readonly Interval[];
  /** Optional cheap symbolic rewrite applied at construction. */
  readonly canon?: CanonRule;
  /** Printed forms. */
  readonly print: PrintForms;
  /**
   * Optional fast loop over arrays. Operands are scalars or arrays of length `out.length`;
   * it must equal applying `impl` elementwise.
   */
  readonly kernel?: (out: Float64Array, ...args: (number | Float64Array)[]) => void;
  /** Infix operator metadata for printers (`+`, `*`, `^`, comparisons). */
  readonly infix?: InfixForm;
  /** False for piecewise-constant primitives (comparisons, sign): every partial is zero. */
  readonly differentiable?: boolean;
  /**
   * True when `impl` is finite for every finite argument: no pole, no restricted domain, and
   * no overflow short of a product of huge numbers. `add`, `mul`, `sin`, `tanh` are total;
   * `div`, `log`, `sqrt` are not, nor is `exp` (it overflows from 710 on).
   * The `fastmath` compiler relies on it: a chain-rule product whose partial is built from
   * total primitives cannot be 0·∞, so it needs no strong-zero test.
   */
  readonly total?: boolean;
}

/** An elementwise primitive as registered: the spec plus its arity. */
export interface ElementwisePrimitive extends ElementwiseSpec {
  /** Tells elementwise and structural primitives apart. */
  readonly kind: 'elementwise';
  /** Number of arguments, taken from `impl`. */
  readonly arity: number;
  readonly domain: readonly Interval[];
  readonly differentiable: boolean;
}

/** The shape of an abstract value: `[]` for a scalar, `[n]` for a vector. */
export type Shape = readonly number[];

/**
 * What `structural` needs to define a primitive that is not elementwise (`sum`, `dot`,
 * `where`, `index`, `stack`). Every rule is a required field, so a primitive with a
 * missing rule does not compile.
 */
export interface StructuralSpec<P extends Params = Params> {
  /** Registry name. */
  readonly name: string;
  /** Concrete evaluation on numbers and arrays. */
  readonly impl: (args: readonly Concrete[], params: P) => Concrete;
  /** Output shape from argument shapes (abstract evaluation, used by staging). */
  readonly shape: (argShapes: readonly Shape[], params: P) => Shape;
  /**
   * Forward rule: the output tangent from the primal arguments and their tangents
   * (`null` means an exactly-zero tangent), written with fluxion ops.
   */
  readonly jvp: (primals: readonly Operand[], tangents: readonly (Operand | null)[], params: P, output: Operand) => Operand | null;
  /**
   * Reverse rule: the cotangent of each argument from the output cotangent (`null` for
   * arguments that get none), written with fluxion ops.
   */
  readonly vjp: (primals: readonly Operand[], cotangent: Operand, params: P, output: Operand) => readonly (Operand | null)[];
  /**
   * Batching rule: applies the primitive to arguments that carry a batch axis (`axes[i]`,
   * or `null` when argument `i` is not batched). Returns the result and its batch axis.
   */
  readonly batch: (args: readonly Operand[], axes: readonly (number | null)[], params: P) => readonly [Operand, number | null];
  /** How a symbolic expression represents an application (or a clear error if it cannot). */
  readonly symbolic: (args: readonly Operand[], params: P) => Operand;
  /** Printed forms; `params` are available through the closure of `symbolic`. */
  readonly print: PrintForms;
}

/** A structural primitive as registered. */
export interface StructuralPrimitive<P extends Params = Params> extends StructuralSpec<P> {
  /** Tells elementwise and structural primitives apart. */
  readonly kind: 'structural';
}

/** Any registered primitive. */
export type Primitive = ElementwisePrimitive | StructuralPrimitive;

/**
 * Defines and registers an elementwise primitive from its one record. Every layer of
 * fluxion (symbolic diff, forward and reverse mode, vmap, printing, compilation) reads
 * this record; nothing else defines the function.
 *
 * @param spec the record: name, impl, partials, print forms, optional canon and domain
 * @returns the registered primitive, to be applied with {@link bind}
 */
export function elementwise(spec: ElementwiseSpec): ElementwisePrimitive {
  const arity = spec.impl.length;
  if (spec.partials.length !== arity) {
    throw new FluxionError(
      `Primitive ${spec.name}: impl takes ${arity} argument(s) but ${spec.partials.length} partial(s) were given. Give one partial per argument.`,
    );
  }
  const prim: ElementwisePrimitive = {
    ...spec,
    kind: 'elementwise',
    arity,
    domain: spec.domain ?? Array.from({ length: arity }, () => [-3, 3] as const),
    differentiable: spec.differentiable ?? true,
  };
  registerPrimitive(prim);
  return prim;
}

/**
 * Defines and registers a structural primitive. Unlike {@link elementwise}, it must state
 * every rule (forward, reverse, batching, shape, symbolic) explicitly.
 *
 * @param spec the record with every rule
 * @returns the registered primitive
 */
export function structural<P extends Params>(spec: StructuralSpec<P>): StructuralPrimitive<P> {
  const prim: StructuralPrimitive<P> = { ...spec, kind: 'structural' };
  registerPrimitive(prim as unknown as StructuralPrimitive);
  return prim;
}
