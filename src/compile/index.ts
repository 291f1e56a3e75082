// The compile barrel: re-exports of this area's public API.
export { lambdify, type LambdifiedFunction, type LambdifyCallOptions, type LambdifyArg } from './lambdify.js';
export type { CompileOptions } from './program.js';
export type { Backend } from './plan.js';
