// Array loops of the closure backend, written out longhand: one function per operation (and
// per pair of operations), so each loop is compiled for exactly its arithmetic (a loop
// that picked its operation per element would pay a dispatch on every element).
//
// Every operand is read through an affine view `s·X[j] + c`, and every result is written
// through one, `so·r + co` (all numbers): a node `k·x`, `x + k`, `k·x + k'`, `k - x` or `-x`
// with a scalar `k` then costs no pass of its own. A plain operand or result uses
// `1·x + (-0)`, which is exactly `x` (x·1 = x and x + (-0) = x for every double, signed
// zeros and NaN included), so each view rounds exactly where the node it replaces rounds.
// Op codes: 0 add, 1 sub, 2 mul, 3 div, 4 the chain rule's strong-zero product
// (t === 0 ? 0 : t·p).

type Arr = Float64Array;

/** `d[j] = s·X[j] + c`. */
export function affineLoop(d: Arr, X: Arr, s: number, c: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = s * X[j]! + c;
}

function bin_add(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = so * ((sx * X[j]! + cx) + (sy * Y[j]! + cy)) + co;
}
function bin_sub(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = so * ((sx * X[j]! + cx) - (sy * Y[j]! + cy)) + co;
}
function bin_mul(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = so * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + co;
}
function bin_div(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = so * ((sx * X[j]! + cx) / (sy * Y[j]! + cy)) + co;
}
function bin_mt(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; d[j] = so * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + co; }
}

/** `d[j] = so·op(sx·X[j] + cx, sy·Y[j] + cy) + co`, indexed by op code. */
export const BINARY: readonly ((d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, so: number, co: number) => void)[] = [bin_add, bin_sub, bin_mul, bin_div, bin_mt];

function pair_add_add_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) + (sy * Y[j]! + cy)) + cm; d[j] = so * (m + (sz * Z[j]! + cz)) + co; }
}
function pair_add_add_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) + (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) + m) + co; }
}
function pair_add_sub_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) + (sy * Y[j]! + cy)) + cm; d[j] = so * (m - (sz * Z[j]! + cz)) + co; }
}
function pair_add_sub_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) + (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) - m) + co; }
}
function pair_add_mul_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) + (sy * Y[j]! + cy)) + cm; d[j] = so * (m * (sz * Z[j]! + cz)) + co; }
}
function pair_add_mul_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) + (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) * m) + co; }
}
function pair_add_div_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) + (sy * Y[j]! + cy)) + cm; d[j] = so * (m / (sz * Z[j]! + cz)) + co; }
}
function pair_add_div_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) + (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) / m) + co; }
}
function pair_add_mt_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) + (sy * Y[j]! + cy)) + cm; d[j] = so * (m === 0 ? 0 : m * (sz * Z[j]! + cz)) + co; }
}
function pair_add_mt_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) + (sy * Y[j]! + cy)) + cm; const u = (sz * Z[j]! + cz); d[j] = so * (u === 0 ? 0 : u * m) + co; }
}
function pair_sub_add_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) - (sy * Y[j]! + cy)) + cm; d[j] = so * (m + (sz * Z[j]! + cz)) + co; }
}
function pair_sub_add_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) - (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) + m) + co; }
}
function pair_sub_sub_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) - (sy * Y[j]! + cy)) + cm; d[j] = so * (m - (sz * Z[j]! + cz)) + co; }
}
function pair_sub_sub_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) - (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) - m) + co; }
}
function pair_sub_mul_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) - (sy * Y[j]! + cy)) + cm; d[j] = so * (m * (sz * Z[j]! + cz)) + co; }
}
function pair_sub_mul_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) - (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) * m) + co; }
}
function pair_sub_div_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) - (sy * Y[j]! + cy)) + cm; d[j] = so * (m / (sz * Z[j]! + cz)) + co; }
}
function pair_sub_div_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) - (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) / m) + co; }
}
function pair_sub_mt_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) - (sy * Y[j]! + cy)) + cm; d[j] = so * (m === 0 ? 0 : m * (sz * Z[j]! + cz)) + co; }
}
function pair_sub_mt_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) - (sy * Y[j]! + cy)) + cm; const u = (sz * Z[j]! + cz); d[j] = so * (u === 0 ? 0 : u * m) + co; }
}
function pair_mul_add_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cm; d[j] = so * (m + (sz * Z[j]! + cz)) + co; }
}
function pair_mul_add_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) + m) + co; }
}
function pair_mul_sub_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cm; d[j] = so * (m - (sz * Z[j]! + cz)) + co; }
}
function pair_mul_sub_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) - m) + co; }
}
function pair_mul_mul_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cm; d[j] = so * (m * (sz * Z[j]! + cz)) + co; }
}
function pair_mul_mul_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) * m) + co; }
}
function pair_mul_div_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cm; d[j] = so * (m / (sz * Z[j]! + cz)) + co; }
}
function pair_mul_div_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) / m) + co; }
}
function pair_mul_mt_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cm; d[j] = so * (m === 0 ? 0 : m * (sz * Z[j]! + cz)) + co; }
}
function pair_mul_mt_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cm; const u = (sz * Z[j]! + cz); d[j] = so * (u === 0 ? 0 : u * m) + co; }
}
function pair_div_add_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) / (sy * Y[j]! + cy)) + cm; d[j] = so * (m + (sz * Z[j]! + cz)) + co; }
}
function pair_div_add_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) / (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) + m) + co; }
}
function pair_div_sub_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) / (sy * Y[j]! + cy)) + cm; d[j] = so * (m - (sz * Z[j]! + cz)) + co; }
}
function pair_div_sub_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) / (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) - m) + co; }
}
function pair_div_mul_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) / (sy * Y[j]! + cy)) + cm; d[j] = so * (m * (sz * Z[j]! + cz)) + co; }
}
function pair_div_mul_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) / (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) * m) + co; }
}
function pair_div_div_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) / (sy * Y[j]! + cy)) + cm; d[j] = so * (m / (sz * Z[j]! + cz)) + co; }
}
function pair_div_div_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) / (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) / m) + co; }
}
function pair_div_mt_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) / (sy * Y[j]! + cy)) + cm; d[j] = so * (m === 0 ? 0 : m * (sz * Z[j]! + cz)) + co; }
}
function pair_div_mt_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * ((sx * X[j]! + cx) / (sy * Y[j]! + cy)) + cm; const u = (sz * Z[j]! + cz); d[j] = so * (u === 0 ? 0 : u * m) + co; }
}
function pair_mt_add_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const m = sm * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cm; d[j] = so * (m + (sz * Z[j]! + cz)) + co; }
}
function pair_mt_add_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const m = sm * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) + m) + co; }
}
function pair_mt_sub_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const m = sm * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cm; d[j] = so * (m - (sz * Z[j]! + cz)) + co; }
}
function pair_mt_sub_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const m = sm * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) - m) + co; }
}
function pair_mt_mul_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const m = sm * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cm; d[j] = so * (m * (sz * Z[j]! + cz)) + co; }
}
function pair_mt_mul_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const m = sm * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) * m) + co; }
}
function pair_mt_div_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const m = sm * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cm; d[j] = so * (m / (sz * Z[j]! + cz)) + co; }
}
function pair_mt_div_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const m = sm * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cm; d[j] = so * ((sz * Z[j]! + cz) / m) + co; }
}
function pair_mt_mt_L(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const m = sm * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cm; d[j] = so * (m === 0 ? 0 : m * (sz * Z[j]! + cz)) + co; }
}
function pair_mt_mt_R(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const m = sm * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cm; const u = (sz * Z[j]! + cz); d[j] = so * (u === 0 ? 0 : u * m) + co; }
}

/**
 * Two operations in one pass: `so·op2(sm·op1(vx, vy) + cm, vz) + co` (side L) or with
 * `vz` on the left (side R), indexed by `op1 * 10 + op2 * 2 + side`.
 */
export const PAIR: readonly ((d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number) => void)[] = [
  pair_add_add_L, pair_add_add_R, pair_add_sub_L, pair_add_sub_R,
  pair_add_mul_L, pair_add_mul_R, pair_add_div_L, pair_add_div_R,
  pair_add_mt_L, pair_add_mt_R, pair_sub_add_L, pair_sub_add_R,
  pair_sub_sub_L, pair_sub_sub_R, pair_sub_mul_L, pair_sub_mul_R,
  pair_sub_div_L, pair_sub_div_R, pair_sub_mt_L, pair_sub_mt_R,
  pair_mul_add_L, pair_mul_add_R, pair_mul_sub_L, pair_mul_sub_R,
  pair_mul_mul_L, pair_mul_mul_R, pair_mul_div_L, pair_mul_div_R,
  pair_mul_mt_L, pair_mul_mt_R, pair_div_add_L, pair_div_add_R,
  pair_div_sub_L, pair_div_sub_R, pair_div_mul_L, pair_div_mul_R,
  pair_div_div_L, pair_div_div_R, pair_div_mt_L, pair_div_mt_R,
  pair_mt_add_L, pair_mt_add_R, pair_mt_sub_L, pair_mt_sub_R,
  pair_mt_mul_L, pair_mt_mul_R, pair_mt_div_L, pair_mt_div_R,
  pair_mt_mt_L, pair_mt_mt_R,
];

function both_mul_add_mul(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sl: number, cl: number, Z: Arr, sz: number, cz: number, W: Arr, sw: number, cw: number, sr: number, cr: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const l = sl * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cl; const r = sr * ((sz * Z[j]! + cz) * (sw * W[j]! + cw)) + cr; d[j] = so * (l + r) + co; }
}
function both_mul_add_mt(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sl: number, cl: number, Z: Arr, sz: number, cz: number, W: Arr, sw: number, cw: number, sr: number, cr: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const l = sl * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cl; const u = sz * Z[j]! + cz; const r = sr * (u === 0 ? 0 : u * (sw * W[j]! + cw)) + cr; d[j] = so * (l + r) + co; }
}
function both_mt_add_mul(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sl: number, cl: number, Z: Arr, sz: number, cz: number, W: Arr, sw: number, cw: number, sr: number, cr: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const l = sl * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cl; const r = sr * ((sz * Z[j]! + cz) * (sw * W[j]! + cw)) + cr; d[j] = so * (l + r) + co; }
}
function both_mt_add_mt(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sl: number, cl: number, Z: Arr, sz: number, cz: number, W: Arr, sw: number, cw: number, sr: number, cr: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const l = sl * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cl; const u = sz * Z[j]! + cz; const r = sr * (u === 0 ? 0 : u * (sw * W[j]! + cw)) + cr; d[j] = so * (l + r) + co; }
}
function both_mul_sub_mul(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sl: number, cl: number, Z: Arr, sz: number, cz: number, W: Arr, sw: number, cw: number, sr: number, cr: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const l = sl * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cl; const r = sr * ((sz * Z[j]! + cz) * (sw * W[j]! + cw)) + cr; d[j] = so * (l - r) + co; }
}
function both_mul_sub_mt(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sl: number, cl: number, Z: Arr, sz: number, cz: number, W: Arr, sw: number, cw: number, sr: number, cr: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const l = sl * ((sx * X[j]! + cx) * (sy * Y[j]! + cy)) + cl; const u = sz * Z[j]! + cz; const r = sr * (u === 0 ? 0 : u * (sw * W[j]! + cw)) + cr; d[j] = so * (l - r) + co; }
}
function both_mt_sub_mul(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sl: number, cl: number, Z: Arr, sz: number, cz: number, W: Arr, sw: number, cw: number, sr: number, cr: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const l = sl * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cl; const r = sr * ((sz * Z[j]! + cz) * (sw * W[j]! + cw)) + cr; d[j] = so * (l - r) + co; }
}
function both_mt_sub_mt(d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sl: number, cl: number, Z: Arr, sz: number, cz: number, W: Arr, sw: number, cw: number, sr: number, cr: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]! + cx; const l = sl * (t === 0 ? 0 : t * (sy * Y[j]! + cy)) + cl; const u = sz * Z[j]! + cz; const r = sr * (u === 0 ? 0 : u * (sw * W[j]! + cw)) + cr; d[j] = so * (l - r) + co; }
}

/**
 * A sum or difference of two products in one pass (the chain rule's accumulation):
 * `so·(l ± r) + co` with `l = sl·op1(vx, vy) + cl`, `r = sr·op3(vz, vw) + cr`, op1 and op3
 * each a product (2) or a strong-zero product (4). Indexed by `(op2 === add ? 0 : 4) +
 * (op1 === mul ? 0 : 2) + (op3 === mul ? 0 : 1)`.
 */
export const BOTH: readonly ((d: Arr, X: Arr, sx: number, cx: number, Y: Arr, sy: number, cy: number, sl: number, cl: number, Z: Arr, sz: number, cz: number, W: Arr, sw: number, cw: number, sr: number, cr: number, so: number, co: number) => void)[] = [
  both_mul_add_mul, both_mul_add_mt, both_mt_add_mul, both_mt_add_mt,
  both_mul_sub_mul, both_mul_sub_mt, both_mt_sub_mul, both_mt_sub_mt,
];

// Specializations for the common case of views without additive constants and results
// written as they are (the general loops' identity operations are real floating-point
// work: a pass is bound by arithmetic throughput, not by memory, once the block is in cache).
function plain_add(d: Arr, X: Arr, Y: Arr): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = X[j]! + Y[j]!;
}
function plain_sub(d: Arr, X: Arr, Y: Arr): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = X[j]! - Y[j]!;
}
function plain_mul(d: Arr, X: Arr, Y: Arr): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = X[j]! * Y[j]!;
}
function plain_div(d: Arr, X: Arr, Y: Arr): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = X[j]! / Y[j]!;
}
function plain_mt(d: Arr, X: Arr, Y: Arr): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = X[j]!; d[j] = t === 0 ? 0 : t * Y[j]!; }
}
function scaled_add(d: Arr, X: Arr, sx: number, Y: Arr, sy: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = (sx * X[j]!) + (sy * Y[j]!);
}
function scaled_sub(d: Arr, X: Arr, sx: number, Y: Arr, sy: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = (sx * X[j]!) - (sy * Y[j]!);
}
function scaled_mul(d: Arr, X: Arr, sx: number, Y: Arr, sy: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = (sx * X[j]!) * (sy * Y[j]!);
}
function scaled_div(d: Arr, X: Arr, sx: number, Y: Arr, sy: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) d[j] = (sx * X[j]!) / (sy * Y[j]!);
}
function scaled_mt(d: Arr, X: Arr, sx: number, Y: Arr, sy: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]!; d[j] = t === 0 ? 0 : t * (sy * Y[j]!); }
}

/** `d[j] = op(X[j], Y[j])`, indexed by op code. */
export const BINARY_PLAIN: readonly ((d: Arr, X: Arr, Y: Arr) => void)[] = [plain_add, plain_sub, plain_mul, plain_div, plain_mt];

/** `d[j] = op(sx·X[j], sy·Y[j])`, indexed by op code. */
export const BINARY_SCALED: readonly ((d: Arr, X: Arr, sx: number, Y: Arr, sy: number) => void)[] = [scaled_add, scaled_sub, scaled_mul, scaled_div, scaled_mt];

function scaled_mul_add_mul(d: Arr, X: Arr, sx: number, Y: Arr, sy: number, Z: Arr, sz: number, W: Arr, sw: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const l = (sx * X[j]!) * (sy * Y[j]!); const r = (sz * Z[j]!) * (sw * W[j]!); d[j] = l + r; }
}
function scaled_mul_add_mt(d: Arr, X: Arr, sx: number, Y: Arr, sy: number, Z: Arr, sz: number, W: Arr, sw: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const l = (sx * X[j]!) * (sy * Y[j]!); const u = sz * Z[j]!; const r = u === 0 ? 0 : u * (sw * W[j]!); d[j] = l + r; }
}
function scaled_mt_add_mul(d: Arr, X: Arr, sx: number, Y: Arr, sy: number, Z: Arr, sz: number, W: Arr, sw: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]!; const l = t === 0 ? 0 : t * (sy * Y[j]!); const r = (sz * Z[j]!) * (sw * W[j]!); d[j] = l + r; }
}
function scaled_mt_add_mt(d: Arr, X: Arr, sx: number, Y: Arr, sy: number, Z: Arr, sz: number, W: Arr, sw: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]!; const l = t === 0 ? 0 : t * (sy * Y[j]!); const u = sz * Z[j]!; const r = u === 0 ? 0 : u * (sw * W[j]!); d[j] = l + r; }
}
function scaled_mul_sub_mul(d: Arr, X: Arr, sx: number, Y: Arr, sy: number, Z: Arr, sz: number, W: Arr, sw: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const l = (sx * X[j]!) * (sy * Y[j]!); const r = (sz * Z[j]!) * (sw * W[j]!); d[j] = l - r; }
}
function scaled_mul_sub_mt(d: Arr, X: Arr, sx: number, Y: Arr, sy: number, Z: Arr, sz: number, W: Arr, sw: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const l = (sx * X[j]!) * (sy * Y[j]!); const u = sz * Z[j]!; const r = u === 0 ? 0 : u * (sw * W[j]!); d[j] = l - r; }
}
function scaled_mt_sub_mul(d: Arr, X: Arr, sx: number, Y: Arr, sy: number, Z: Arr, sz: number, W: Arr, sw: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]!; const l = t === 0 ? 0 : t * (sy * Y[j]!); const r = (sz * Z[j]!) * (sw * W[j]!); d[j] = l - r; }
}
function scaled_mt_sub_mt(d: Arr, X: Arr, sx: number, Y: Arr, sy: number, Z: Arr, sz: number, W: Arr, sw: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = sx * X[j]!; const l = t === 0 ? 0 : t * (sy * Y[j]!); const u = sz * Z[j]!; const r = u === 0 ? 0 : u * (sw * W[j]!); d[j] = l - r; }
}

/** {@link BOTH} with views `s·X[j]` and plain middle and result views, same indexing. */
export const BOTH_SCALED: readonly ((d: Arr, X: Arr, sx: number, Y: Arr, sy: number, Z: Arr, sz: number, W: Arr, sw: number) => void)[] = [
  scaled_mul_add_mul, scaled_mul_add_mt, scaled_mt_add_mul, scaled_mt_add_mt,
  scaled_mul_sub_mul, scaled_mul_sub_mt, scaled_mt_sub_mul, scaled_mt_sub_mt,
];

function plainxy_mul_add_L(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * (X[j]! * Y[j]!) + cm; d[j] = so * (m + (sz * Z[j]! + cz)) + co; }
}
function plainxy_mul_add_R(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * (X[j]! * Y[j]!) + cm; d[j] = so * ((sz * Z[j]! + cz) + m) + co; }
}
function plainxy_mul_sub_L(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * (X[j]! * Y[j]!) + cm; d[j] = so * (m - (sz * Z[j]! + cz)) + co; }
}
function plainxy_mul_sub_R(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * (X[j]! * Y[j]!) + cm; d[j] = so * ((sz * Z[j]! + cz) - m) + co; }
}
function plainxy_mul_mul_L(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * (X[j]! * Y[j]!) + cm; d[j] = so * (m * (sz * Z[j]! + cz)) + co; }
}
function plainxy_mul_mul_R(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * (X[j]! * Y[j]!) + cm; d[j] = so * ((sz * Z[j]! + cz) * m) + co; }
}
function plainxy_mul_div_L(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * (X[j]! * Y[j]!) + cm; d[j] = so * (m / (sz * Z[j]! + cz)) + co; }
}
function plainxy_mul_div_R(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * (X[j]! * Y[j]!) + cm; d[j] = so * ((sz * Z[j]! + cz) / m) + co; }
}
function plainxy_mul_mt_L(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * (X[j]! * Y[j]!) + cm; d[j] = so * (m === 0 ? 0 : m * (sz * Z[j]! + cz)) + co; }
}
function plainxy_mul_mt_R(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const m = sm * (X[j]! * Y[j]!) + cm; const u = (sz * Z[j]! + cz); d[j] = so * (u === 0 ? 0 : u * m) + co; }
}
function plainxy_mt_add_L(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = X[j]!; const m = sm * (t === 0 ? 0 : t * Y[j]!) + cm; d[j] = so * (m + (sz * Z[j]! + cz)) + co; }
}
function plainxy_mt_add_R(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = X[j]!; const m = sm * (t === 0 ? 0 : t * Y[j]!) + cm; d[j] = so * ((sz * Z[j]! + cz) + m) + co; }
}
function plainxy_mt_sub_L(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = X[j]!; const m = sm * (t === 0 ? 0 : t * Y[j]!) + cm; d[j] = so * (m - (sz * Z[j]! + cz)) + co; }
}
function plainxy_mt_sub_R(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = X[j]!; const m = sm * (t === 0 ? 0 : t * Y[j]!) + cm; d[j] = so * ((sz * Z[j]! + cz) - m) + co; }
}
function plainxy_mt_mul_L(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = X[j]!; const m = sm * (t === 0 ? 0 : t * Y[j]!) + cm; d[j] = so * (m * (sz * Z[j]! + cz)) + co; }
}
function plainxy_mt_mul_R(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = X[j]!; const m = sm * (t === 0 ? 0 : t * Y[j]!) + cm; d[j] = so * ((sz * Z[j]! + cz) * m) + co; }
}
function plainxy_mt_div_L(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = X[j]!; const m = sm * (t === 0 ? 0 : t * Y[j]!) + cm; d[j] = so * (m / (sz * Z[j]! + cz)) + co; }
}
function plainxy_mt_div_R(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = X[j]!; const m = sm * (t === 0 ? 0 : t * Y[j]!) + cm; d[j] = so * ((sz * Z[j]! + cz) / m) + co; }
}
function plainxy_mt_mt_L(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = X[j]!; const m = sm * (t === 0 ? 0 : t * Y[j]!) + cm; d[j] = so * (m === 0 ? 0 : m * (sz * Z[j]! + cz)) + co; }
}
function plainxy_mt_mt_R(d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number): void {
  const n = d.length;
  for (let j = 0; j < n; j++) { const t = X[j]!; const m = sm * (t === 0 ? 0 : t * Y[j]!) + cm; const u = (sz * Z[j]! + cz); d[j] = so * (u === 0 ? 0 : u * m) + co; }
}

/**
 * {@link PAIR} with a product (op1 = 2) or strong-zero product (op1 = 4) of plain operands,
 * indexed by `(op1 === 2 ? 0 : 10) + op2 * 2 + side`.
 */
export const PAIR_PLAIN_PRODUCT: readonly ((d: Arr, X: Arr, Y: Arr, sm: number, cm: number, Z: Arr, sz: number, cz: number, so: number, co: number) => void)[] = [
  plainxy_mul_add_L, plainxy_mul_add_R, plainxy_mul_sub_L, plainxy_mul_sub_R,
  plainxy_mul_mul_L, plainxy_mul_mul_R, plainxy_mul_div_L, plainxy_mul_div_R,
  plainxy_mul_mt_L, plainxy_mul_mt_R, plainxy_mt_add_L, plainxy_mt_add_R,
  plainxy_mt_sub_L, plainxy_mt_sub_R, plainxy_mt_mul_L, plainxy_mt_mul_R,
  plainxy_mt_div_L, plainxy_mt_div_R, plainxy_mt_mt_L, plainxy_mt_mt_R,
];
