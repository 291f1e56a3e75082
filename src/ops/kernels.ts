// Fast array loops for the hottest primitives. Each is a separate function so V8 inlines
// the arithmetic instead of calling a shared, megamorphic `impl`.

type Arg = number | Float64Array;

/** Integer exponents up to this size are computed by repeated multiplication. */
export const MAX_PRODUCT_POWER = 4;

/**
 * `x^n` for an integer `|n| ≤ 4` by the products every layer uses (eager kernels, the
 * compiler's lowering, both backends): `x^2 = x*x`, `x^3 = (x*x)*x`, `x^4 = (x*x)*(x*x)`,
 * `x^-n = 1/x^n`. One definition keeps eager, `jit` and `lambdify` results bit-identical.
 * Note: numpy's `x**3` calls C `pow` (correctly rounded), so the last bit may differ there.
 */
export function powByProducts(x: number, n: number): number {
  const m = n < 0 ? -n : n;
  const p = m === 0 ? 1 : m === 1 ? x : m === 2 ? x * x : m === 3 ? x * x * x : (x * x) * (x * x);
  return n < 0 ? 1 / p : p;
}


/** Loop for `out[i] = a[i] + b[i]` with scalar broadcast. */
export function addKernel(out: Float64Array, a?: Arg, b?: Arg): void {
  const n = out.length;
  if (typeof a === 'number') { const B = b as Float64Array; for (let i = 0; i < n; i++) out[i] = a + B[i]!; }
  else if (typeof b === 'number') { const A = a as Float64Array; for (let i = 0; i < n; i++) out[i] = A[i]! + b; }
  else { const A = a as Float64Array, B = b as Float64Array; for (let i = 0; i < n; i++) out[i] = A[i]! + B[i]!; }
}
/** Loop for `out[i] = a[i] - b[i]` with scalar broadcast. */
export function subKernel(out: Float64Array, a?: Arg, b?: Arg): void {
  const n = out.length;
  if (typeof a === 'number') { const B = b as Float64Array; for (let i = 0; i < n; i++) out[i] = a - B[i]!; }
  else if (typeof b === 'number') { const A = a as Float64Array; for (let i = 0; i < n; i++) out[i] = A[i]! - b; }
  else { const A = a as Float64Array, B = b as Float64Array; for (let i = 0; i < n; i++) out[i] = A[i]! - B[i]!; }
}
/** Loop for `out[i] = a[i] * b[i]` with scalar broadcast. */
export function mulKernel(out: Float64Array, a?: Arg, b?: Arg): void {
  const n = out.length;
  if (typeof a === 'number') { const B = b as Float64Array; for (let i = 0; i < n; i++) out[i] = a * B[i]!; }
  else if (typeof b === 'number') { const A = a as Float64Array; for (let i = 0; i < n; i++) out[i] = A[i]! * b; }
  else { const A = a as Float64Array, B = b as Float64Array; for (let i = 0; i < n; i++) out[i] = A[i]! * B[i]!; }
}
/** Loop for `out[i] = a[i] / b[i]` with scalar broadcast. */
export function divKernel(out: Float64Array, a?: Arg, b?: Arg): void {
  const n = out.length;
  if (typeof a === 'number') { const B = b as Float64Array; for (let i = 0; i < n; i++) out[i] = a / B[i]!; }
  else if (typeof b === 'number') { const A = a as Float64Array; for (let i = 0; i < n; i++) out[i] = A[i]! / b; }
  else { const A = a as Float64Array, B = b as Float64Array; for (let i = 0; i < n; i++) out[i] = A[i]! / B[i]!; }
}
/** Loop for `out[i] = -a[i]`. */
export function negKernel(out: Float64Array, a?: Arg): void {
  const A = a as Float64Array;
  for (let i = 0; i < out.length; i++) out[i] = -A[i]!;
}
/** Loop for `out[i] = a[i] ^ b[i]`; a scalar exponent 2 is `x * x` (bit-identical to `Math.pow(x, 2)`). */
export function powKernel(out: Float64Array, a?: Arg, b?: Arg): void {
  const n = out.length;
  if (typeof b === 'number') {
    const A = a as Float64Array;
    if (b === 2) for (let i = 0; i < n; i++) { const x = A[i]!; out[i] = x * x; }
    else if (b === 3) for (let i = 0; i < n; i++) { const x = A[i]!; out[i] = x * x * x; }
    else if (b === 1) out.set(A);
    else if (Number.isInteger(b) && Math.abs(b) <= MAX_PRODUCT_POWER) for (let i = 0; i < n; i++) out[i] = powByProducts(A[i]!, b);
    else for (let i = 0; i < n; i++) out[i] = Math.pow(A[i]!, b);
  } else if (typeof a === 'number') { const B = b as Float64Array; for (let i = 0; i < n; i++) out[i] = powImpl(a, B[i]!); }
  else { const A = a as Float64Array, B = b as Float64Array; for (let i = 0; i < n; i++) out[i] = powImpl(A[i]!, B[i]!); }
}

function powImpl(a: number, b: number): number {
  return Number.isInteger(b) && Math.abs(b) <= MAX_PRODUCT_POWER ? powByProducts(a, b) : Math.pow(a, b);
}
