// The numeric barrel: array kernels, numpy-exact gradient, derivative, linspace.
export { linspace } from './linspace.js';
