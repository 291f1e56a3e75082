// The ops family barrel: every math function fluxion defines.
export { add, sub, mul, div, neg, pow } from './arithmetic.js';
export { sqrt, exp, log, abs, sign, heaviside, maximum, minimum, expm1, log1p } from './elementary.js';
export { sin, cos, tan, asin, acos, atan, sinh, cosh, tanh } from './trig.js';
export { gt, ge, lt, le, eq, ne, where } from './compare.js';
export { sum, dot, fillLike, type FillLikeParams } from './reduce.js';
export type { Num, UnaryOp, BinaryOp, TernaryOp } from './signatures.js';
export { index, stack, reshape } from './indexing.js';
