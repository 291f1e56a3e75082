// The numeric barrel: array kernels, numpy-exact gradient, derivative, linspace.
export { linspace } from './linspace.js';
export {
  gradient,
  type GradientOptions,
  type GradientSpacing,
  type GradientArgs,
  type NestedNumbers,
  type NumericTypedArray,
} from './gradient.js';
export {
  derivative,
  type DerivativeOptions,
  type DerivativeResult,
  type DerivativeArrayResult,
  type ScalarFunction,
} from './derivative.js';
