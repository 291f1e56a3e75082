// The algebra barrel: re-exports of this area's public API.
export { expand, factor, factorList, cancel, together, collect, poly, Poly, type FactorList } from './api.js';
export { apart } from './apart.js';
export { simplify } from './simplify.js';
