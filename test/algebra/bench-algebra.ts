// Manual benchmark of the algebra layer (not a test): the five rows of issue #4.
// Run: npx esbuild test/algebra/bench-algebra.ts --bundle --platform=node --format=esm \
//        --outfile=/tmp/bench-algebra.mjs && node /tmp/bench-algebra.mjs
// Each row runs in fresh processes: the cold first call (JIT not yet warm), the first call
// after the library was exercised on unrelated inputs (compiled code, no reused results: the
// closest match to SymPy's first call with its cache cleared), then 20 repetitions (median).
// Times are CPU time of the process (robust to a loaded machine).
import { execFileSync } from 'node:child_process';
import { add, diff, expand, factor, mul, parse, pow, sub, symbols, type Expr } from '../../src/index.js';

const [x, y, z] = symbols('x y z');
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

/** Unrelated work that compiles the library's code paths (no result is reused: other symbols, no binomials). */
function warmUp(): void {
  const [u, v, w] = symbols('u v w');
  for (let i = 0; i < 3; i++) {
    factor(expand(mul(mul(add(pow(u, 7), add(mul(3, u), 1)), add(pow(u, 5), sub(mul(2, pow(u, 2)), 7))), pow(add(pow(u, 3), 4), 2))));
    factor(expand(mul(add(mul(u, v), 3), sub(pow(u, 2), mul(w, v)))));
    factor(diff(pow(add(pow(u, 3), add(u, 2)), 4), u));
    expand(pow(add(add(u, v), 2), 9));
  }
}

const which = process.argv[2];
if (which !== undefined) {
  const row = rows[which]!;
  if (process.argv[3] === 'warm') warmUp();
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
  console.log('| case | fluxion cold first call (ms) | fluxion first call, library warmed on other inputs (ms) | fluxion repeated median (ms) | SymPy first call (ms, issue #4) | ratio cold | ratio warmed |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, row] of Object.entries(rows)) {
    const run = (mode: string): { first: number; median: number } =>
      JSON.parse(execFileSync(process.execPath, [process.argv[1]!, name, mode], { encoding: 'utf8' })) as { first: number; median: number };
    const cold = run('cold');
    const warm = run('warm');
    console.log(
      `| ${name} | ${cold.first.toFixed(1)} | ${warm.first.toFixed(1)} | ${cold.median.toFixed(2)} | ${row.sympyMs} | ${(row.sympyMs / cold.first).toFixed(1)}x | ${(row.sympyMs / warm.first).toFixed(1)}x |`,
    );
  }
}
