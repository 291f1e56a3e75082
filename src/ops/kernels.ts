// Fast array loops for the hottest primitives. Each is a separate function so V8 inlines
// the arithmetic instead of calling a shared, megamorphic `impl`.

type Arg = number | Float64Array;

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
    else if (b === 1) out.set(A);
    else for (let i = 0; i < n; i++) out[i] = Math.pow(A[i]!, b);
  } else if (typeof a === 'number') { const B = b as Float64Array; for (let i = 0; i < n; i++) out[i] = Math.pow(a, B[i]!); }
  else { const A = a as Float64Array, B = b as Float64Array; for (let i = 0; i < n; i++) out[i] = Math.pow(A[i]!, B[i]!); }
}
