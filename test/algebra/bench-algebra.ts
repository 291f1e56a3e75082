// Manual benchmark of the algebra layer (not a test): the five rows of issue #4.
// Run: npx esbuild test/algebra/bench-algebra.ts --bundle --platform=node --format=esm \
//        --outfile=/tmp/bench-algebra.mjs && node /tmp/bench-algebra.mjs
// Each row runs in a fresh process (first call = cold JIT, like SymPy's first call with its
// cache cleared), then 20 warm repetitions (median). Times are CPU time of the process.
import { execFileSync } from 'node:child_process';
import { add, diff, expand, factor, mul, parse, pow, sub, symbols, type Expr } from '../../src/index.js';

const [x, y, z] = symbols('x y z') as [Expr, Expr, Expr];
const s4 = add(add(add(x, y), z), 1) as Expr;
const fpoly = (t: Expr): Expr => add(sub(mul(2, pow(t, 3)), mul(3, pow(t, 2))), 5) as Expr;

// Swinnerton-Dyer polynomial of degree 32 (coefficients from SymPy's swinnerton_dyer_poly(5)).
const SD5 =
  'x^32 - 448*x^30 + 84864*x^28 - 9028096*x^26 + 602397952*x^24 - 26625650688*x^22 + 801918722048*x^20 - 16665641517056*x^18 + 239210760462336*x^16 - 2349014746136576*x^14 + 15459151516270592*x^12 - 65892492886671360*x^10 + 172580952324702208*x^8 - 255690851718529024*x^6 + 183876928237731840*x^4 - 44660812492570624*x^2 + 2000989041197056';

const rows: Record<string, { prepare: () => Expr; run: (e: Expr) => Expr; sympyMs: number }> = {
  'expand((x+y+z+1)^20)': { prepare: () => pow(s4, 20) as Expr, run: expand, sympyMs: 430 },
  'factor(x^120 - 1)': { prepare: () => parse('x^120 - 1'), run: factor, sympyMs: 19 },
  'factor(Swinnerton-Dyer deg 32)': { prepare: () => parse(SD5), run: factor, sympyMs: 216 },
  'factor(expand((x+y+z+1)^12))': { prepare: () => expand(pow(s4, 12)), run: factor, sympyMs: 309 },
  'factor(diff(f_polynomial))': { prepare: () => diff(fpoly(fpoly(fpoly(x))), x), run: factor, sympyMs: 63 },
};

const which = process.argv[2];
if (which !== undefined) {
  const row = rows[which]!;
  const e = row.prepare();
  // CPU time of this process (user + system), robust to a loaded machine.
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const t0 = cpu();
  row.run(e);
  const first = cpu() - t0;
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = cpu();
    row.run(e);
    times.push(cpu() - t);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ first, median: times[10], min: times[0] }));
} else {
  console.log('| case | fluxion first call (ms) | fluxion warm median (ms) | SymPy (ms, issue #4) | ratio (first) |');
  console.log('|---|---|---|---|---|');
  for (const [name, row] of Object.entries(rows)) {
    const out = execFileSync(process.execPath, [process.argv[1]!, name], { encoding: 'utf8' });
    const r = JSON.parse(out) as { first: number; median: number; min: number };
    console.log(`| ${name} | ${r.first.toFixed(1)} | ${r.median.toFixed(2)} | ${row.sympyMs} | ${(row.sympyMs / r.first).toFixed(1)}x |`);
  }
}
