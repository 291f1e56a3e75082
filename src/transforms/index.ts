// The transforms barrel: automatic differentiation (jvp, vjp, grad family, jacobians,
// vmap) and user-defined primitives.
export { Tracer } from './tracer.js';
export { jvp } from './jvp.js';
export { vjp } from './vjp.js';
export { grad, valueAndGrad, type GradOptions, type GradFn, type ValueAndGradFn } from './grad.js';
export { jit, type JitFunction, type JitCallOptions } from './jit.js';
export { vmap, type VmapOptions, type InAxes } from './vmap.js';
export { jacfwd, jacrev, hessian } from './jacobian.js';
export { defineFunction, type FunctionSpec, type DefinedFunction } from './define.js';
