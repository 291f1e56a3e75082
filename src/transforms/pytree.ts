// Pytrees: the nested plain arrays and objects that transformations accept and return.
// Leaves are numbers, Float64Arrays, N-D arrays { data, shape } and boxed values
// (tracers, symbolic expressions); a plain array whose entries are all numbers is ONE
// leaf (a vector), any other plain array or plain object is a node. Traversals use
// explicit stacks, so a deeply nested input cannot overflow the JavaScript stack.
import { FluxionTypeError, describeValue } from '../core/errors.js';
import { checkNDArray, isNDArray, type NDArray } from '../core/kinds.js';
import { isBoxed, type Operand } from '../core/trace.js';

/** A leaf after validation: numbers[] have become Float64Arrays. */
export type Leaf = number | Float64Array | NDArray | Operand;

/** The structure of a pytree, without its leaves. */
export type TreeDef =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'list'; readonly children: readonly TreeDef[] }
  | { readonly kind: 'dict'; readonly keys: readonly string[]; readonly children: readonly TreeDef[] };

const LEAF: TreeDef = Object.freeze({ kind: 'leaf' });

/** A flattened pytree: its leaves in order, their paths (`.w[2]`) and its structure. */
export interface Flat {
  readonly leaves: Leaf[];
  readonly paths: string[];
  readonly def: TreeDef;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function allNumbers(a: readonly unknown[]): boolean {
  for (const x of a) if (typeof x !== 'number') return false;
  return true;
}

function badLeaf(where: string, path: string, v: unknown): FluxionTypeError {
  const at = path === '' ? '' : ` at path ${path}`;
  const what = typeof v === 'string' ? 'a string' : typeof v === 'boolean' ? 'a boolean' : describeValue(v);
  if (v === undefined && where.startsWith('the output')) {
    return new FluxionTypeError(`${where}${at} is undefined: did the function forget to return its result?`);
  }
  return new FluxionTypeError(
    `${where}${at} is ${what}; expected a number, a Float64Array, a number[], an N-D array { data, shape }, ` +
      'or plain arrays/objects nesting them. Convert it to numbers first.',
  );
}

/**
 * Flattens a pytree, validating every leaf.
 *
 * @param tree the value
 * @param where how to name the value in an error, e.g. "`grad(f)(...)`: argument 0"
 */
export function flatten(tree: unknown, where: string): Flat {
  // fast path: a single number, vector or tracer
  if (typeof tree === 'number' || tree instanceof Float64Array || isBoxed(tree)) return { leaves: [tree], paths: [''], def: LEAF };
  const leaves: Leaf[] = [];
  const paths: string[] = [];
  // Each frame builds the children of one node; a result slot receives the finished def.
  interface Frame {
    readonly value: unknown;
    readonly path: string;
    readonly set: (d: TreeDef) => void;
  }
  let root: TreeDef = LEAF;
  const stack: Frame[] = [{ value: tree, path: '', set: (d) => (root = d) }];
  while (stack.length > 0) {
    const { value: v, path, set } = stack.pop()!;
    if (typeof v === 'number') {
      leaves.push(v);
      paths.push(path);
      set(LEAF);
    } else if (v instanceof Float64Array || isBoxed(v)) {
      leaves.push(v);
      paths.push(path);
      set(LEAF);
    } else if (isNDArray(v)) {
      checkNDArray(v, `${where}${path === '' ? '' : ` at path ${path}`}`);
      leaves.push(v);
      paths.push(path);
      set(LEAF);
    } else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      leaves.push(Float64Array.from(v as unknown as ArrayLike<number>));
      paths.push(path);
      set(LEAF);
    } else if (Array.isArray(v)) {
      if (v.length > 0 && allNumbers(v)) {
        leaves.push(Float64Array.from(v as number[]));
        paths.push(path);
        set(LEAF);
        continue;
      }
      const children: TreeDef[] = new Array<TreeDef>(v.length);
      set({ kind: 'list', children });
      // push in reverse so leaves come out in order
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i], path: `${path}[${i}]`, set: (d) => (children[i] = d) });
      }
    } else if (isPlainObject(v)) {
      const keys = Object.keys(v);
      const children: TreeDef[] = new Array<TreeDef>(keys.length);
      set({ kind: 'dict', keys, children });
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        const seg = /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
        stack.push({ value: v[k], path: `${path}${seg}`, set: (d) => (children[i] = d) });
      }
    } else {
      throw badLeaf(where, path, v);
    }
  }
  return { leaves, paths, def: root };
}

/** Number of leaves of a structure. */
export function leafCount(def: TreeDef): number {
  let n = 0;
  const stack: TreeDef[] = [def];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (d.kind === 'leaf') n++;
    else for (const c of d.children) stack.push(c);
  }
  return n;
}

/**
 * Rebuilds a pytree of the given structure from leaves in order.
 *
 * @param def the structure
 * @param leaves the leaves, as many as `def` has
 */
export function unflatten<T>(def: TreeDef, leaves: readonly T[]): unknown {
  if (def.kind === 'leaf') return leaves[0];
  let next = 0;
  let root: unknown;
  interface Frame {
    readonly def: TreeDef;
    readonly set: (v: unknown) => void;
  }
  // Children are pushed in reverse so they take leaves in order.
  const stack: Frame[] = [{ def, set: (v) => (root = v) }];
  while (stack.length > 0) {
    const { def: d, set } = stack.pop()!;
    if (d.kind === 'leaf') {
      set(leaves[next++]);
    } else if (d.kind === 'list') {
      const out: unknown[] = new Array<unknown>(d.children.length);
      set(out);
      for (let i = d.children.length - 1; i >= 0; i--) stack.push({ def: d.children[i]!, set: (v) => (out[i] = v) });
    } else {
      const out: Record<string, unknown> = {};
      for (const k of d.keys) out[k] = undefined; // keep key order
      set(out);
      for (let i = d.children.length - 1; i >= 0; i--) {
        const k = d.keys[i]!;
        stack.push({ def: d.children[i]!, set: (v) => (out[k] = v) });
      }
    }
  }
  return root;
}

/**
 * Flattens `value` following the structure `def` (of another pytree, e.g. a function's
 * output): where `def` has a leaf, the value there is taken whole as one leaf, so a
 * `number[]` matching a list of scalar leaves is read as that list, not as a vector.
 *
 * @param value the pytree to read (a cotangent or tangent)
 * @param def the structure it must have
 * @param where how to name the value in an error
 */
export function flattenAs(value: unknown, def: TreeDef, where: string): Flat {
  const leaves: Leaf[] = [];
  const paths: string[] = [];
  const stack: { v: unknown; d: TreeDef; path: string }[] = [{ v: value, d: def, path: '' }];
  while (stack.length > 0) {
    const { v, d, path } = stack.pop()!;
    if (d.kind === 'leaf') {
      const f = flatten(v, `${where}${path === '' ? '' : ` at path ${path}`}`);
      if (f.def.kind !== 'leaf') {
        throw new FluxionTypeError(`${where}${path === '' ? '' : ` at path ${path}`} must be one number or array, got a nested value.`);
      }
      leaves.push(f.leaves[0]!);
      paths.push(path);
    } else if (d.kind === 'list') {
      if (!Array.isArray(v) || v.length !== d.children.length) {
        throw new FluxionTypeError(
          `${where}${path === '' ? '' : ` at path ${path}`} must be an array of ${d.children.length} entries (the structure of the output), got ${describeValue(v)}.`,
        );
      }
      for (let i = d.children.length - 1; i >= 0; i--) stack.push({ v: v[i], d: d.children[i]!, path: `${path}[${i}]` });
    } else {
      if (!isPlainObject(v)) {
        throw new FluxionTypeError(`${where}${path === '' ? '' : ` at path ${path}`} must be an object with keys ${d.keys.join(', ')}, got ${describeValue(v)}.`);
      }
      for (let i = d.children.length - 1; i >= 0; i--) {
        const k = d.keys[i]!;
        if (!(k in v)) throw new FluxionTypeError(`${where}${path === '' ? '' : ` at path ${path}`} is missing the key ${JSON.stringify(k)}.`);
        stack.push({ v: v[k], d: d.children[i]!, path: `${path}.${k}` });
      }
    }
  }
  return { leaves, paths, def };
}
