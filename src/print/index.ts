// The print barrel: re-exports of this area's public API.
export { str } from './str.js';
export { latex } from './latex.js';
