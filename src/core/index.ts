// The core barrel: value kinds, errors, primitive builders, registry, dispatch.
export { FluxionError, ShapeError, FluxionTypeError, TracerError, ConcreteValueError } from './errors.js';
export { isNDArray, toFloat64Array, type NDArray, type VectorInput } from './kinds.js';
export { getPrimitive, allPrimitives } from './registry.js';
export {
  type Concrete,
  type PrintForms,
  type PartialRule,
  type Interval,
  type InfixForm,
  type CanonRule,
  type CanonKit,
  type ElementwiseSpec,
  type ElementwisePrimitive,
  type StructuralSpec,
  type StructuralPrimitive,
  type Primitive,
  type Shape,
} from './primitive.js';
export { Boxed, isBoxed, type Trace, type Operand, type Params } from './trace.js';
