// The transforms barrel: automatic differentiation (jvp, vjp, grad family, jacobians,
// vmap) and user-defined primitives.
export { Tracer } from './tracer.js';
export { jvp } from './jvp.js';
export { vjp } from './vjp.js';
export { grad, valueAndGrad, type GradOptions } from './grad.js';
export { jit, type JitFunction, type JitCallOptions } from './jit.js';
