/**
 * fluxion: differentiation in all three ways (symbolic, numerical, automatic) for
 * TypeScript, on `Float64Array`, with zero dependencies.
 *
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './ops/index.js';
export * from './numeric/index.js';
export * from './symbolic/index.js';
export * from './algebra/index.js';
export * from './print/index.js';
export * from './transforms/index.js';
export * from './compile/index.js';
export * from './plot/index.js';
