/**
 * Symbolic expressions: immutable, hash-consed nodes.
 *
 * NODE SHAPE (stable; the compiler and printers walk it):
 *
 * Every node is an {@link Expr} with a `kind`:
 *
 * - `'number'`  an exact rational or a float.
 *     `value: number` is its float value (always set).
 *     `exact: Rational | undefined` is `{ p, q }` (reduced, `q > 0`, parts are safe-integer
 *     numbers or bigints) for exact numbers, `undefined` for floats.
 *     `isFloat: boolean`; `digits: number | undefined` = significant digits a float prints
 *     with (`undefined`: shortest round-trip form).
 * - `'symbol'`  a real variable; `name` is its name.
 * - `'constant'` `pi` or `E`; `name` is `'pi'` or `'E'`, `value` is `Math.PI` / `Math.E`.
 * - `'call'`    an application of a registered primitive: `prim: Primitive` (the registry
 *     record) and `args: readonly Expr[]`. Canonical form guarantees:
 *       `add` and `mul` are n-ary with `args.length >= 2` (flattened; the record's `impl`
 *       is binary, so fold left to evaluate); `pow` is binary (`args = [base, exponent]`);
 *       there are never `sub`, `div`, `neg` or `sqrt` nodes (`a - b` is `a + (-1)*b`,
 *       `a/b` is `a*b^-1`, `sqrt(x)` is `x^(1/2)`); every other primitive has
 *       `args.length === prim.arity`. Piecewise functions are `where(cond, a, b)` calls.
 * - `'apply'`   an undefined function application `f(args)` (from `func('f')`), possibly
 *     differentiated: `name` is `'f'`, `args: readonly Expr[]`, `derivs: readonly number[]`
 *     (one count per argument; all zero for plain `f(x)`; `[1]` is `f'(x)`). It has no
 *     numeric value: evaluating or compiling it is an error.
 *
 * Every node has `args` (empty for leaves), a unique creation `id`, a structural `hash`
 * (deterministic across runs), `isNumeric` (no symbol, no undefined function inside) and
 * `prim` (`undefined` except for calls). Equal expressions
 * are the same object (`a === b`), so maps keyed by node are CSE tables.
 *
 * Helpers: {@link isExpr} guard, {@link topoOrder} (iterative post-order: children before
 * parents, each node once), {@link freeSymbolsOf}.
 */
import { FluxionTypeError, describeValue } from '../core/errors.js';
import type { Primitive } from '../core/primitive.js';
import { Boxed, TRACE, type Operand, type Params, type Trace } from '../core/trace.js';
import { formatFloat } from './numfmt.js';
import { ratToNumber, type Int, type Rational } from './rational.js';

/** The kinds of symbolic node (see the module header for each kind's fields). */
export type ExprKind = 'number' | 'symbol' | 'constant' | 'call' | 'apply';

/** Values accepted where an expression is expected: an `Expr` or a plain number. */
export type ExprLike = Expr | number;

/** Substitution map: symbol name → value. */
export type SubsMap = Readonly<Record<string, ExprLike>>;

/** Value map for numeric evaluation: symbol name → number. */
export type ValueMap = Readonly<Record<string, number>>;

/** Methods of {@link Expr} implemented in other modules of the symbolic/print layers. */
interface ExprMethods {
  build(prim: Primitive, args: readonly Operand[], params: Params): Expr;
  diff(e: Expr, vars: readonly (Expr | number)[]): Expr;
  subs(e: Expr, map: SubsMap | ReadonlyMap<Expr, ExprLike>): Expr;
  evalf(e: Expr, values: ValueMap): number;
  str(e: Expr): string;
  latex(e: Expr): string;
}

const methods: Partial<ExprMethods> = {};

/**
 * Installs the implementation of `Expr` methods that live in other modules (construction,
 * diff, subs, evalf, printers). Internal: called once by those modules when they load.
 */
export function installExprMethods(m: Partial<ExprMethods>): void {
  Object.assign(methods, m);
}

function need<K extends keyof ExprMethods>(k: K): ExprMethods[K] {
  const f = methods[k];
  if (f === undefined) {
    throw new FluxionTypeError(`Expr.${k} is not available: import it from 'fluxion' (the ${k === 'str' || k === 'latex' ? 'print' : 'symbolic'} module was not loaded).`);
  }
  return f as ExprMethods[K];
}

/** The symbolic engine's trace: level 0, never retired. */
class SymbolicTrace implements Trace {
  readonly level = 0;
  readonly transform = 'symbolic';
  readonly retired = false;
  process(prim: Primitive, args: readonly Operand[], params: Params): Operand {
    return need('build')(prim, args, params);
  }
}

/** The one symbolic trace (level 0). */
export const SYMBOLIC: Trace = new SymbolicTrace();

const NO_ARGS: readonly Expr[] = Object.freeze([]);
let nextId = 0;

/**
 * A symbolic expression: an immutable, hash-consed node (equal expressions are the same
 * object). Build expressions with {@link symbols} and fluxion's ops (`add`, `sin`, …) or
 * the chainable methods; JavaScript operators (`x * y`) throw. A JS integer mixed with an
 * expression becomes an exact integer, any other JS number a float (`mul(0.5, x)` is
 * `0.5*x`; write `exact(1, 2)` for the rational); a `Float64Array` is an error.
 *
 * @example
 * ```ts
 * import { symbols, mul, pow } from 'fluxion';
 * const [x, y] = symbols('x y');
 * mul(2, pow(x, 2)).sub(x.mul(y)).toString(); // '2*x^2 - x*y'
 * ```
 */
export class Expr extends Boxed {
  /** Unique creation number (identity; not stable across runs). */
  readonly id: number;
  /** Structural hash, deterministic across runs. */
  readonly hash: number;
  /** True when the expression contains no symbol and no undefined function (`sqrt(2)*pi`). */
  readonly isNumeric: boolean;
  /** The alphabetically first free symbol's name (`undefined` when there is none). */
  readonly firstSymbol: string | undefined;
  /** @internal Scratch mark of the current traversal (topoOrder). */
  visitMark: number;
  /** @internal */
  constructor(
    /** The node kind. */
    readonly kind: ExprKind,
    /** Symbol, constant or undefined-function name; the primitive's name for calls; `''` for numbers. */
    readonly name: string,
    /** Children: call/apply arguments; empty for leaves. */
    readonly args: readonly Expr[],
    /** The primitive record of a `'call'` node. */
    readonly prim: Primitive | undefined,
    /** Float value of numbers and constants; `NaN` for other kinds. */
    readonly value: number,
    /** Exact value of exact numbers. */
    readonly exact: Rational | undefined,
    /** Significant digits a float prints with (`undefined`: shortest round-trip form). */
    readonly digits: number | undefined,
    /** Derivative counts per argument of an `'apply'` node. */
    readonly derivs: readonly number[] | undefined,
    hash: number,
  ) {
    super();
    this.id = nextId++;
    this.hash = hash;
    let numeric = kind === 'number' || kind === 'constant' || kind === 'call';
    if (kind === 'call') for (const a of args) if (!a.isNumeric) numeric = false;
    this.isNumeric = numeric;
    let first: string | undefined = kind === 'symbol' ? name : undefined;
    for (const a of args) if (a.firstSymbol !== undefined && (first === undefined || a.firstSymbol < first)) first = a.firstSymbol;
    this.firstSymbol = first;
    // Not frozen: `visitMark` is traversal scratch (see topoOrder). Every other field is readonly.
    this.visitMark = 0;
  }

  /** The symbolic trace (level 0), so ops build expressions. */
  get [TRACE](): Trace {
    return SYMBOLIC;
  }

  /** Whether this is a float number. */
  get isFloat(): boolean {
    return this.kind === 'number' && this.exact === undefined;
  }

  /** `this + b`. */
  add(b: ExprLike): Expr {
    return need('build')(prims().add, [this, b], NO_PARAMS);
  }
  /** `this - b`. */
  sub(b: ExprLike): Expr {
    return need('build')(prims().sub, [this, b], NO_PARAMS);
  }
  /** `this * b`. */
  mul(b: ExprLike): Expr {
    return need('build')(prims().mul, [this, b], NO_PARAMS);
  }
  /** `this / b`. */
  div(b: ExprLike): Expr {
    return need('build')(prims().div, [this, b], NO_PARAMS);
  }
  /** `this ^ b`. */
  pow(b: ExprLike): Expr {
    return need('build')(prims().pow, [this, b], NO_PARAMS);
  }
  /** `-this`. */
  neg(): Expr {
    return need('build')(prims().neg, [this], NO_PARAMS);
  }
  /**
   * Derivative with respect to the given symbols in turn; a number after a symbol repeats
   * it (`e.diff(x, 3)`, `e.diff(x, y)`).
   */
  diff(...vars: (Expr | number)[]): Expr {
    return need('diff')(this, vars);
  }
  /** Exact substitution of symbols (by name or by symbol) with numbers or expressions. */
  subs(map: SubsMap | ReadonlyMap<Expr, ExprLike>): Expr {
    return need('subs')(this, map);
  }
  /** Numeric value with the given symbol values; throws if a free symbol has none. */
  evalf(values: ValueMap = {}): number {
    return need('evalf')(this, values);
  }
  /** Plain-text form in SymPy's style (`2*x^2 - x*y`); `parse` reads it back. */
  override toString(): string {
    return need('str')(this);
  }
  /** LaTeX form in SymPy's style (`2 x^{2} - x y`). */
  toLatex(): string {
    return need('latex')(this);
  }
  /** The free symbols, sorted by name. */
  freeSymbols(): Expr[] {
    return freeSymbolsOf(this);
  }
  /** Nodes of this expression, children before parents, each once. */
  nodes(): Expr[] {
    return topoOrder(this);
  }
  /** For `JSON.stringify`: the plain-text form. */
  toJSON(): string {
    return this.toString();
  }
}

const NO_PARAMS: Params = Object.freeze({});

// The arithmetic records are looked up lazily through the registry-free import below to
// avoid loading src/ops from this file (construction lives in canon.ts).
let arith: { add: Primitive; sub: Primitive; mul: Primitive; div: Primitive; pow: Primitive; neg: Primitive } | undefined;

/** Internal: the arithmetic primitive records, installed by the construction module. */
export function installArithmetic(a: NonNullable<typeof arith>): void {
  arith = a;
}

function prims(): NonNullable<typeof arith> {
  if (arith === undefined) throw new FluxionTypeError('The symbolic construction module was not loaded.');
  return arith;
}

/**
 * Tests whether `v` is a symbolic expression.
 *
 * @param v any value
 * @returns true for an `Expr`
 * @example
 * ```ts
 * import { isExpr, symbols } from 'fluxion';
 * isExpr(symbols('x')[0]); // true
 * isExpr(2); // false
 * ```
 */
export function isExpr(v: unknown): v is Expr {
  return v instanceof Expr;
}

// ---------------------------------------------------------------------------------------
// Interning

// Intern table: key → node. Keys use children's ids, so building a key is O(arity).
// Entries are weak: an expression nobody holds can be garbage-collected (a parent holds
// its children, so a live node's key never names a dead child). Dead entries are swept
// whenever the table has doubled since the last sweep (amortized O(1) per node). Where
// WeakRef is missing the table holds nodes strongly.
interface Ref {
  deref(): Expr | undefined;
}
const HAS_WEAK = typeof WeakRef === 'function';
const table = new Map<string, Ref | Expr>();
let sweepAt = 1 << 16;

function sweep(): void {
  for (const [k, r] of table) if (!(r instanceof Expr) && r.deref() === undefined) table.delete(k);
  sweepAt = Math.max(1 << 16, 2 * table.size);
}

function lookup(key: string): Expr | undefined {
  const r = table.get(key);
  if (r === undefined || r instanceof Expr) return r;
  return r.deref();
}

function store(key: string, e: Expr): void {
  table.set(key, HAS_WEAK ? new WeakRef(e) : e);
  if (table.size > sweepAt) sweep();
}

function strHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number, v: number): number {
  h ^= v;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return h >>> 0;
}

function intern(
  key: string,
  kind: ExprKind,
  name: string,
  args: readonly Expr[],
  prim: Primitive | undefined,
  value: number,
  exact: Rational | undefined,
  digits: number | undefined,
  derivs: readonly number[] | undefined,
  hash: number,
): Expr {
  const found = lookup(key);
  if (found !== undefined) return found;
  const e = new Expr(kind, name, args, prim, value, exact, digits, derivs, hash);
  store(key, e);
  return e;
}

/** The exact number `r` (already reduced). */
export function mkExact(r: Rational): Expr {
  const key = `n${r.p}/${r.q}`;
  const found = lookup(key);
  if (found !== undefined) return found;
  return intern(key, 'number', '', NO_ARGS, undefined, ratToNumber(r), { p: r.p, q: r.q }, undefined, undefined, strHash(key));
}

/** The exact integer `n`. */
export function mkInt(n: Int): Expr {
  return mkExact({ p: n, q: 1 });
}

/**
 * A float number node. `digits` is how many significant digits it prints with
 * (`undefined`: the shortest form that reads back to the same double).
 */
export function mkFloat(v: number, digits?: number): Expr {
  if (v === 0) v = 0; // no -0 node
  // a float whose `digits` form is its shortest form is the same node as the plain float
  if (digits !== undefined && formatFloat(v, digits) === formatFloat(v, undefined)) digits = undefined;
  const key = `f${v}:${digits ?? ''}`;
  const found = lookup(key);
  if (found !== undefined) return found;
  return intern(key, 'number', '', NO_ARGS, undefined, v, undefined, digits, undefined, strHash(key));
}

/** A real symbol. */
export function mkSymbol(name: string): Expr {
  const key = `s${name}`;
  const found = lookup(key);
  if (found !== undefined) return found;
  return intern(key, 'symbol', name, NO_ARGS, undefined, NaN, undefined, undefined, undefined, strHash(key));
}

/** The constant `pi` or `E`. */
export function mkConstant(name: 'pi' | 'E'): Expr {
  const key = `c${name}`;
  return intern(key, 'constant', name, NO_ARGS, undefined, name === 'pi' ? Math.PI : Math.E, undefined, undefined, undefined, strHash(key));
}

/** A raw call node (no canonicalization: use the ops to build canonical expressions). */
export function mkCall(prim: Primitive, args: readonly Expr[]): Expr {
  let key = `p${prim.name}`;
  let h = strHash(prim.name);
  for (const a of args) {
    key += ',' + a.id;
    h = mix(h, a.hash);
  }
  const found = lookup(key);
  if (found !== undefined) return found;
  return intern(key, 'call', prim.name, Object.freeze(args.slice()), prim, NaN, undefined, undefined, undefined, h);
}

/** A raw undefined-function application `f(args)`, differentiated `derivs[i]` times in argument `i`. */
export function mkApply(name: string, args: readonly Expr[], derivs: readonly number[]): Expr {
  let key = `a${name}[${derivs.join(',')}]`;
  let h = strHash(key);
  for (const a of args) {
    key += ',' + a.id;
    h = mix(h, a.hash);
  }
  const found = lookup(key);
  if (found !== undefined) return found;
  return intern(key, 'apply', name, Object.freeze(args.slice()), undefined, NaN, undefined, undefined, Object.freeze(derivs.slice()), h);
}

// ---------------------------------------------------------------------------------------
// Traversal

let epoch = 0;

/**
 * All nodes of `roots`, children before parents, each node once (iterative, safe for
 * 100 000-level nesting). The compiler and every symbolic walk use it.
 *
 * @param roots the expressions
 * @returns their nodes in topological order
 * @example
 * ```ts
 * import { symbols, topoOrder, add, sin } from 'fluxion';
 * const [x] = symbols('x');
 * topoOrder(add(sin(x), x)).map(String); // ["x", "sin(x)", "x + sin(x)"]
 * ```
 */
export function topoOrder(...roots: Expr[]): Expr[] {
  return topoOrderWithin(undefined, roots);
}

/**
 * {@link topoOrder} that enters only the nodes `enter` accepts: the others are listed but
 * their arguments are not visited (the polynomial skeleton of an expression stops at its
 * atoms this way).
 *
 * @param enter which nodes to descend into (every node when undefined)
 * @param roots the expressions
 * @returns the visited nodes, children first
 */
export function topoOrderWithin(enter: ((e: Expr) => boolean) | undefined, roots: readonly Expr[]): Expr[] {
  // Visited nodes carry this traversal's epoch in `visitMark` (no Set: this is the hot
  // loop of diff, subs, evaluation and compilation). The loop calls nothing that could
  // start another traversal (an `enter` predicate must not either), so one counter suffices.
  const mark = ++epoch;
  const out: Expr[] = [];
  const stack: Expr[] = [];
  const idx: number[] = [];
  for (const r of roots) {
    if (r.visitMark === mark) continue;
    stack.push(r);
    idx.push(0);
    r.visitMark = mark;
    while (stack.length > 0) {
      const top = stack.length - 1;
      const n = stack[top]!;
      const i = idx[top]!;
      if (i < n.args.length && (enter === undefined || enter(n))) {
        idx[top] = i + 1;
        const c = n.args[i]!;
        if (c.visitMark !== mark) {
          c.visitMark = mark;
          stack.push(c);
          idx.push(0);
        }
      } else {
        stack.pop();
        idx.pop();
        out.push(n);
      }
    }
  }
  return out;
}

/** The free symbols of `e`, sorted by name. */
export function freeSymbolsOf(e: Expr): Expr[] {
  const syms = topoOrder(e).filter((n) => n.kind === 'symbol');
  syms.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return syms;
}

/** Converts a number or expression to an expression (integers exact, others floats). */
export function toExpr(v: unknown, where = 'symbolic op'): Expr {
  if (v instanceof Expr) return v;
  if (typeof v === 'number') return Number.isInteger(v) ? mkInt(v) : mkFloat(v);
  if (typeof v === 'bigint') return mkInt(v >= -BigInt(Number.MAX_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
  if (v instanceof Float64Array || Array.isArray(v)) {
    throw new FluxionTypeError(
      `${where}: cannot combine a symbolic expression with ${describeValue(v)}. An Expr is a scalar formula: ` +
        'evaluate it on arrays with lambdify(args, expr) or fn(text), or substitute numbers with subs/evalf.',
    );
  }
  throw new FluxionTypeError(`${where}: expected an Expr or a number, got ${describeValue(v)}.`);
}
