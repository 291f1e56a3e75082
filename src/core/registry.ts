import { FluxionError } from './errors.js';
import type { Primitive } from './primitive.js';

// The one table of primitives: the parser's name table, the printers and the registry
// tests all iterate it.
const table = new Map<string, Primitive>();

/** Adds a primitive to the registry; names are unique. */
export function registerPrimitive(p: Primitive): void {
  const existing = table.get(p.name);
  if (existing !== undefined && existing !== p) {
    throw new FluxionError(`A primitive named "${p.name}" is already registered. Pick another name for your function.`);
  }
  table.set(p.name, p);
}

/**
 * Looks a primitive up by its registry name.
 *
 * @example
 * ```ts
 * import { getPrimitive } from 'fluxion';
 * getPrimitive('sin')?.kind; // 'elementwise'
 * ```
 */
export function getPrimitive(name: string): Primitive | undefined {
  return table.get(name);
}

/**
 * Every registered primitive, in registration order.
 *
 * @example
 * ```ts
 * import { allPrimitives } from 'fluxion';
 * allPrimitives().some((p) => p.name === 'exp'); // true
 * ```
 */
export function allPrimitives(): readonly Primitive[] {
  return [...table.values()];
}
