// The symbolic barrel: re-exports of this area's public API.
export { Expr, isExpr, topoOrder, type ExprKind, type ExprLike, type SubsMap, type ValueMap } from './expr.js';
export type { Rational, Int } from './rational.js';
export { symbols, symbol, fn, type ExprFunction, type Symbols, type NameList, type ExprPerName } from './api.js';
export { parse, ParseError } from './parse.js';
export { diff } from './diff.js';
export { subs, evalf, N } from './evaluate.js';
export { func, piecewise, type UndefinedFunction } from './functions.js';
export { pi, E, exact } from './constants.js';
