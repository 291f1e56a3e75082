// docs/guide.md is executable: its ```ts blocks run in order as one program against the
// public surface (src/index.ts), and every line `expr; // value` (or `const name = expr;
// // value`) is checked: numbers, `Float64Array [a, b]`, quoted strings (compared with
// String(value)) or an expression's printed text. So the tutorial cannot drift from fluxion.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as fx from '../../src/index.js';

const ROOT = resolve(__dirname, '../..');
const guide = readFileSync(join(ROOT, 'docs/guide.md'), 'utf8');

interface Check {
  line: number;
  code: string;
  expected: string;
  actual: unknown;
}

function buildProgram(): { source: string; names: string[]; count: number } {
  const names = new Set<string>();
  const out: string[] = [];
  let count = 0;
  const lines = guide.split('\n');
  let inTs = false;
  lines.forEach((text, i) => {
    if (/^```ts\s*$/.test(text)) return void (inTs = true);
    if (/^```/.test(text)) return void (inTs = false);
    if (!inTs) return;
    const imp = /^import \{([^}]*)\} from '([^']+)';\s*$/.exec(text);
    if (imp) {
      if (imp[2] === 'fluxion') {
        for (const n of imp[1]!.split(',').map((s) => s.trim())) if (n && !n.startsWith('type ')) names.add(n);
      } else if (imp[2] !== 'node:fs') {
        throw new Error(`guide line ${i + 1}: unexpected import from ${imp[2]}`);
      }
      return;
    }
    const m = /^(.*?);\s*\/\/\s*(.+?)\s*$/.exec(text);
    if (m && !m[1]!.includes('//')) {
      count++;
      const code = m[1]!;
      const decl = /^const (\w+) = (.*)$/.exec(code);
      if (decl) {
        out.push(`${code};`);
        out.push(`__check(${i + 1}, ${JSON.stringify(code)}, ${JSON.stringify(m[2])}, ${decl[1]});`);
      } else {
        out.push(`__check(${i + 1}, ${JSON.stringify(code)}, ${JSON.stringify(m[2])}, (${code}));`);
      }
    } else {
      out.push(text);
    }
  });
  return { source: out.join('\n'), names: [...names], count };
}

function matches(expected: string, actual: unknown): boolean {
  const f64 = /^Float64Array \[(.*)\]$/.exec(expected);
  if (f64) {
    const want = f64[1]!.split(',').map((s) => Number(s.trim()));
    return actual instanceof Float64Array && actual.length === want.length && want.every((w, k) => Object.is(actual[k], w));
  }
  if (/^-?(\d|Infinity)/.test(expected) && !Number.isNaN(Number(expected))) return actual === Number(expected);
  const quoted = /^'(.*)'$/.exec(expected);
  if (quoted) return String(actual) === quoted[1];
  return String(actual) === expected;
}

describe('docs/guide.md runs and prints what it says', () => {
  it('every checked line of every TypeScript block', () => {
    const { source, names, count } = buildProgram();
    expect(count).toBeGreaterThan(25);
    const missing = names.filter((n) => !(n in fx));
    expect(missing, 'names the guide imports from fluxion but fluxion does not export').toEqual([]);
    const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    const checks: Check[] = [];
    const run = new Function('fx', '__check', 'writeFileSync', `const { ${names.join(', ')} } = fx;\n${js}`);
    run(fx, (line: number, code: string, expected: string, actual: unknown) => checks.push({ line, code, expected, actual }), () => {});
    expect(checks).toHaveLength(count);
    const wrong = checks
      .filter((c) => !matches(c.expected, c.actual))
      .map((c) => `line ${c.line}: ${c.code} gives ${c.actual instanceof Float64Array ? `Float64Array [${[...c.actual].join(', ')}]` : String(c.actual)}, the guide says ${c.expected}`);
    expect(wrong).toEqual([]);
  }, 60_000);
});
