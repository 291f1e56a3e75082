/**
 * Text form of float number nodes, shared by the printers and the parser so that
 * `parse(print(f))` is the same node.
 *
 * A float with `digits === undefined` prints its shortest round-trip form, always marked as
 * a float (`4.0`, `0.1`, `1e+21`); with `digits = d` it prints `toPrecision(d)` (`4.2426407`,
 * `4.00`, `4.`). Non-finite floats print `oo`, `-oo`, `nan`.
 */

/** The printed form of a float value. */
export function formatFloat(v: number, digits: number | undefined): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'oo';
  if (v === -Infinity) return '-oo';
  let s = digits === undefined ? String(v) : v.toPrecision(Math.min(100, digits));
  if (!/[.e]/.test(s)) s += digits === undefined ? '.0' : '.';
  return s;
}

/** Number of significant digits written in a decimal literal (`0.00120` → 3, `4.` → 1). */
export function significantDigits(text: string): number {
  const mant = text.split(/[eE]/)[0]!.replace('.', '');
  const stripped = mant.replace(/^0+/, '');
  return Math.max(1, stripped.length);
}

/**
 * The `digits` a parsed float literal gets: `undefined` when the literal is the value's
 * shortest form, else the count of significant digits it was written with.
 */
export function literalDigits(text: string, v: number): number | undefined {
  if (formatFloat(v, undefined) === text) return undefined;
  return significantDigits(text);
}
