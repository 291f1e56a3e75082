// The `fastmath` rewrite of an IR: sums and products of float64 values are treated as the
// real-number polynomials they stand for, and re-emitted with fewer operations (common
// factors pulled out, Horner's scheme). A reverse-mode program is full of sums like
// (g·-3)·(2t) + (g·2)·(3t²), which the chain rule writes term by term; as a polynomial that
// is 6·g·t·(t - 1), four operations instead of nine, which is what a person writes by hand.
//
// Rounding changes (reassociation is not exact in floating point), so this runs only when a
// caller asks for it, like -ffast-math or Numba's fastmath=True. One more assumption, also
// fastmath's: values are finite. A chain-rule product `t ⊙ p` whose partial `p` is built
// from total primitives (finite on finite arguments) cannot be 0·∞, so it becomes a plain
// product; where `p` can be infinite (1/x, log, sqrt) the strong zero stays, so the branch a
// `where` did not take still cannot poison a gradient.
import type { Primitive } from '../core/primitive.js';
import { getPrimitive } from '../core/registry.js';
import { addPrimitive, divPrimitive, mulPrimitive, negPrimitive, subPrimitive } from '../ops/arithmetic.js';
import { IRBuilder, type IR } from './ir.js';

// Bounds that keep the rewrite linear-time and its recursion shallow: a node whose
// polynomial would exceed them is kept as an opaque value (an atom) instead.
const MAX_TERMS = 24;
const MAX_DEGREE = 12;

/** A monomial `coef · Π atoms[k]^exps[k]`, atoms sorted by node id. */
interface Term {
  readonly coef: number;
  readonly atoms: readonly number[];
  readonly exps: readonly number[];
}

/** A polynomial over atoms (IR node ids whose values are used as they are). */
type Poly = readonly Term[];

const monoKey = (t: Term): string => {
  let s = '';
  for (let k = 0; k < t.atoms.length; k++) s += `${t.atoms[k]}^${t.exps[k]} `;
  return s;
};

const degreeOf = (t: Term): number => t.exps.reduce((a, b) => a + b, 0);

function constantPoly(c: number): Poly {
  return c === 0 ? [] : [{ coef: c, atoms: [], exps: [] }];
}

function atomPoly(id: number): Poly {
  return [{ coef: 1, atoms: [id], exps: [1] }];
}

/** a + s·b, like terms combined, zero terms dropped (fastmath: x - x is 0). */
function addPolys(a: Poly, b: Poly, s: number): Poly {
  const byKey = new Map<string, Term>();
  const order: string[] = [];
  const put = (t: Term, scale: number) => {
    const key = monoKey(t);
    const hit = byKey.get(key);
    if (hit === undefined) order.push(key);
    byKey.set(key, { ...t, coef: (hit?.coef ?? 0) + scale * t.coef });
  };
  for (const t of a) put(t, 1);
  for (const t of b) put(t, s);
  const out: Term[] = [];
  for (const key of order) {
    const t = byKey.get(key)!;
    if (t.coef !== 0) out.push(t);
  }
  return out;
}

function scalePoly(p: Poly, c: number): Poly {
  return c === 0 ? [] : p.map((t) => ({ ...t, coef: t.coef * c }));
}

function mulTerms(x: Term, y: Term): Term {
  const atoms: number[] = [];
  const exps: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.atoms.length || j < y.atoms.length) {
    const a = i < x.atoms.length ? x.atoms[i]! : Infinity;
    const b = j < y.atoms.length ? y.atoms[j]! : Infinity;
    if (a === b) {
      atoms.push(a);
      exps.push(x.exps[i++]! + y.exps[j++]!);
    } else if (a < b) {
      atoms.push(a);
      exps.push(x.exps[i++]!);
    } else {
      atoms.push(b);
      exps.push(y.exps[j++]!);
    }
  }
  return { coef: x.coef * y.coef, atoms, exps };
}

/** The product when one side is a single term (a sum times a sum is never expanded). */
function mulPolys(a: Poly, b: Poly): Poly | undefined {
  if (a.length === 0 || b.length === 0) return [];
  if (a.length === 1) return b.map((t) => mulTerms(a[0]!, t));
  if (b.length === 1) return a.map((t) => mulTerms(t, b[0]!));
  return undefined;
}

// Coefficients that overflow (1e200 · 1e200) would turn into ∞ - ∞: such a node stays as written.
const withinBounds = (p: Poly): boolean => p.length <= MAX_TERMS && p.every((t) => degreeOf(t) <= MAX_DEGREE && Number.isFinite(t.coef));

/**
 * Rewrites an elementwise IR under fastmath rules: every sum, difference, negation and
 * product (and division by a nonzero constant) is read as a polynomial over the values
 * around it and emitted again with common factors pulled out and in Horner form; chain-rule
 * products whose partial is finite for finite inputs lose their strong-zero test. The
 * result computes the same real-number function; its float64 rounding may differ from the
 * eager path's in the last bits.
 *
 * @param ir an IR (applications in topological order)
 * @returns the rewritten IR
 */
export function fastMathIR(ir: IR): IR {
  const nodes = ir.nodes;
  const count = nodes.length;
  const mulTangent: Primitive | undefined = getPrimitive('mul_tangent');

  // Which values are finite whenever the inputs are (fastmath assumes finite inputs).
  const finite = new Uint8Array(count);
  nodes.forEach((n, id) => {
    if (n.op === 'input') finite[id] = 1;
    else if (n.op === 'const') finite[id] = typeof n.value === 'number' ? (Number.isFinite(n.value) ? 1 : 0) : n.value.every(Number.isFinite) ? 1 : 0;
    else finite[id] = n.prim.kind === 'elementwise' && n.prim.total === true && n.args.every((a) => finite[a] === 1) ? 1 : 0;
  });

  const uses = new Int32Array(count);
  for (const n of nodes) if (n.op === 'apply') for (const a of n.args) uses[a]!++;
  for (const o of ir.outputs) uses[o]! += 2;

  const scalarOf = (id: number): number | undefined => {
    const n = nodes[id]!;
    return n.op === 'const' && typeof n.value === 'number' && Number.isFinite(n.value) ? n.value : undefined;
  };

  // The polynomial of each node; `undefined` marks a node emitted as its own operation
  // (an opaque application, or arithmetic past the bounds), which others see as an atom.
  const polys: (Poly | undefined)[] = new Array<Poly | undefined>(count);
  // How a node appears inside another node's polynomial: a sum used more than once stays
  // one shared value, and a sum is never expanded inside a product with another sum.
  const asOperand = (id: number): Poly => {
    const c = scalarOf(id);
    if (c !== undefined) return constantPoly(c);
    const p = polys[id];
    if (p === undefined || (p.length > 1 && uses[id]! > 1)) return atomPoly(id);
    return p;
  };
  const product = (x: number, y: number): Poly | undefined => {
    const px = asOperand(x);
    const py = asOperand(y);
    // A sum times a sum is not expanded: both stay whole, as atoms.
    return mulPolys(px, py) ?? mulPolys(atomPoly(x), atomPoly(y));
  };

  // ±∞ and NaN constants are not numbers algebra may move around (∞·a - ∞·b is NaN where
  // ∞·(a - b) is not): an operation on one stays as written.
  const nonFiniteConstant = (id: number): boolean => {
    const n = nodes[id]!;
    return n.op === 'const' && typeof n.value === 'number' && !Number.isFinite(n.value);
  };

  nodes.forEach((n, id) => {
    if (n.op !== 'apply') return;
    const [x, y] = n.args as [number, number];
    if (n.args.some(nonFiniteConstant)) return;
    let p: Poly | undefined;
    if (n.prim === addPrimitive) p = addPolys(asOperand(x), asOperand(y), 1);
    else if (n.prim === subPrimitive) p = addPolys(asOperand(x), asOperand(y), -1);
    else if (n.prim === negPrimitive) p = scalePoly(asOperand(x), -1);
    else if (n.prim === mulPrimitive || (n.prim === mulTangent && finite[y] === 1)) p = product(x, y);
    else if (n.prim === divPrimitive) {
      const c = scalarOf(y);
      if (c !== undefined && c !== 0) p = scalePoly(asOperand(x), 1 / c);
    }
    // A coefficient that underflowed to zero leaves no term (fastmath: 0·x is 0).
    if (p !== undefined && p.some((t) => t.coef === 0)) p = p.filter((t) => t.coef !== 0);
    polys[id] = p !== undefined && withinBounds(p) ? p : undefined;
  });

  // Which nodes must exist as values in the new program: outputs, operands of opaque
  // applications, and the atoms of every polynomial that is emitted. Walked from the last
  // node back, so every user is settled before the nodes it reads.
  const needed = new Uint8Array(count);
  for (const o of ir.outputs) needed[o] = 1;
  for (let id = count - 1; id >= 0; id--) {
    if (needed[id] !== 1) continue;
    const n = nodes[id]!;
    if (n.op !== 'apply') continue;
    const p = polys[id];
    if (p === undefined) for (const a of n.args) needed[a] = 1;
    else for (const t of p) for (const a of t.atoms) needed[a] = 1;
  }

  const b = new IRBuilder();
  const map = new Int32Array(count).fill(-1);
  const emitter = new PolyEmitter(b, map);
  nodes.forEach((n, id) => {
    if (n.op === 'input') map[id] = b.input();
    else if (needed[id] !== 1) return;
    else if (n.op === 'const') map[id] = typeof n.value === 'number' ? b.constant(n.value) : b.constantArray(n.value);
    else {
      const p = polys[id];
      map[id] = p === undefined ? b.apply(n.prim, n.args.map((a) => map[a]!), n.params) : emitter.emit(p);
    }
  });
  return b.finish(ir.outputs.map((o) => map[o]!));
}

/** A value, possibly negated (so a caller can subtract it rather than negate it). */
interface Signed {
  readonly id: number;
  readonly negated: boolean;
}

/** Emits polynomials into an IR with few operations: common factors, then Horner. */
class PolyEmitter {
  constructor(
    private readonly b: IRBuilder,
    private readonly map: Int32Array,
  ) {}

  /** Emits `p` and returns the node id of its value. */
  emit(p: Poly): number {
    const v = this.emitSum(p);
    return v.negated ? this.b.apply(negPrimitive, [v.id]) : v.id;
  }

  private mul(x: number, y: number): number {
    return this.b.apply(mulPrimitive, [x, y]);
  }

  /** Π atom^exp, by products (shared prefixes are value-numbered into one node). */
  private monomial(atoms: readonly number[], exps: readonly number[]): number | undefined {
    let acc: number | undefined;
    for (let k = 0; k < atoms.length; k++) {
      const base = this.map[atoms[k]!]!;
      let e = exps[k]!;
      let power: number | undefined;
      let square = base;
      while (e > 0) {
        if ((e & 1) === 1) power = power === undefined ? square : this.mul(power, square);
        e >>= 1;
        if (e > 0) square = this.mul(square, square);
      }
      if (power !== undefined) acc = acc === undefined ? power : this.mul(acc, power);
    }
    return acc;
  }

  /** A sum: its constant, then groups of terms sharing an atom, added or subtracted. */
  private emitSum(p: Poly): Signed {
    let constant = 0;
    let rest: Term[] = [];
    for (const t of p) {
      if (t.atoms.length === 0) constant += t.coef;
      else rest.push(t);
    }
    const parts: Signed[] = [];
    while (rest.length > 0) {
      if (rest.length === 1 || commonAtoms(rest).length > 0) {
        parts.push(this.emitFactored(rest));
        break;
      }
      // No factor common to all: take the terms that contain the most frequent atom.
      const x = mostFrequentAtom(rest);
      const group = rest.filter((t) => t.atoms.includes(x));
      parts.push(this.emitFactored(group));
      rest = rest.filter((t) => !t.atoms.includes(x));
    }
    if (parts.length === 0) return { id: this.b.constant(constant), negated: false };
    // Start from a positive part when there is one, so the rest are added or subtracted.
    const first = parts.findIndex((s) => !s.negated);
    if (first > 0) parts.unshift(parts.splice(first, 1)[0]!);
    let acc = parts[0]!;
    for (let k = 1; k < parts.length; k++) {
      const part = parts[k]!;
      const op = part.negated === acc.negated ? addPrimitive : subPrimitive;
      acc = { id: this.b.apply(op, [acc.id, part.id]), negated: acc.negated };
    }
    if (constant !== 0) {
      // acc.negated: the value is -acc, so -acc + c = -(acc - c).
      const c = acc.negated ? -constant : constant;
      acc = { id: this.b.apply(c > 0 ? addPrimitive : subPrimitive, [acc.id, this.b.constant(Math.abs(c))]), negated: acc.negated };
    }
    return acc;
  }

  /** Terms (at least one) as s · G · Q: common coefficient, common monomial, remaining sum. */
  private emitFactored(terms: readonly Term[]): Signed {
    const shared = commonAtoms(terms);
    const magnitude = Math.abs(terms[0]!.coef);
    const sign = terms.every((t) => t.coef < 0) ? -1 : 1;
    // Pull out |c| when every coefficient is ±c, and the sign when every one is negative.
    const s = sign * (terms.every((t) => Math.abs(t.coef) === magnitude) ? magnitude : 1);
    const inner = terms.map((t) => divideTerm(t, s, shared));
    const g = this.monomial(
      shared.map(([a]) => a),
      shared.map(([, e]) => e),
    );
    if (inner.length === 1 && inner[0]!.atoms.length === 0) {
      // A single term: its whole coefficient multiplies the monomial.
      const k = s * inner[0]!.coef;
      return this.scaled(g!, Math.abs(k), k < 0);
    }
    const q = this.emitSum(inner);
    const value = g === undefined ? q.id : this.mul(g, q.id);
    return this.scaled(value, Math.abs(s), s < 0 !== q.negated);
  }

  private scaled(id: number, c: number, negated: boolean): Signed {
    return { id: c === 1 ? id : this.mul(this.b.constant(c), id), negated };
  }
}

/** The atoms (with their smallest exponent) that every term contains. */
function commonAtoms(terms: readonly Term[]): [number, number][] {
  const first = terms[0]!;
  const out: [number, number][] = [];
  for (let k = 0; k < first.atoms.length; k++) {
    const a = first.atoms[k]!;
    let e = first.exps[k]!;
    for (let j = 1; j < terms.length && e > 0; j++) {
      const t = terms[j]!;
      const at = t.atoms.indexOf(a);
      e = at < 0 ? 0 : Math.min(e, t.exps[at]!);
    }
    if (e > 0) out.push([a, e]);
  }
  return out;
}

/** The atom that occurs in the most terms (the lowest id among ties). */
function mostFrequentAtom(terms: readonly Term[]): number {
  const counts = new Map<number, number>();
  for (const t of terms) for (const a of t.atoms) counts.set(a, (counts.get(a) ?? 0) + 1);
  let best = -1;
  let bestCount = 0;
  for (const [a, c] of counts) if (c > bestCount || (c === bestCount && a < best)) [best, bestCount] = [a, c];
  return best;
}

/** t / (c · Π shared), where every shared atom divides t. */
function divideTerm(t: Term, c: number, shared: readonly [number, number][]): Term {
  const atoms: number[] = [];
  const exps: number[] = [];
  for (let k = 0; k < t.atoms.length; k++) {
    const s = shared.find(([a]) => a === t.atoms[k]);
    const e = t.exps[k]! - (s === undefined ? 0 : s[1]);
    if (e > 0) {
      atoms.push(t.atoms[k]!);
      exps.push(e);
    }
  }
  return { coef: t.coef / c, atoms, exps };
}
