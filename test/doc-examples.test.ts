// Runs the `@example` of every export of the public surface. A line of the form
// `expr; // value` (or `const name = expr; // value`) is checked: the comment is a JS
// literal (number, string, boolean, null, array) or `Float64Array [a, b, …]`.
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import * as fx from '../src/index.js';

interface Example { exportName: string; index: number; code: string }

function collectExamples(): { examples: Example[]; missing: string[] } {
  const program = ts.createProgram(['src/index.ts'], {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile('src/index.ts');
  if (!source) throw new Error('src/index.ts not found');
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error('src/index.ts has no module symbol');
  const examples: Example[] = [];
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const isValue = (symbol.flags & (ts.SymbolFlags.Value | ts.SymbolFlags.Class)) !== 0;
    if (!isValue) continue;
    const tags = symbol.getJsDocTags(checker).filter((t) => t.name === 'example');
    if (tags.length === 0) missing.push(exported.name);
    tags.forEach((tag, index) => {
      const text = ts.displayPartsToString(tag.text);
      const fenced = /```(?:ts|typescript|js)?\n([\s\S]*?)```/.exec(text);
      examples.push({ exportName: exported.name, index, code: fenced ? fenced[1]! : text });
    });
  }
  return { examples, missing };
}

const KEYWORD = /^(const|let|var|try|if|for|while|function|class|return|throw|import|export|type|interface|await\s+import|\}|\{)\b/;

function parseExpected(comment: string): { kind: 'value'; value: unknown } | { kind: 'float64'; values: number[] } | undefined {
  const c = comment.trim();
  const f64 = /^Float64Array \[(.*)\]$/.exec(c);
  if (f64) return { kind: 'float64', values: f64[1]!.trim() === '' ? [] : f64[1]!.split(',').map((s) => Number(s.trim())) };
  if (/^-?(\d|NaN|Infinity)/.test(c) && !Number.isNaN(Number(c))) return { kind: 'value', value: Number(c) };
  if (c === 'NaN') return { kind: 'value', value: NaN };
  if (/^'.*'$/.test(c)) return { kind: 'value', value: c.slice(1, -1).replace(/\\\\/g, '\\') };
  if (/^".*"$/.test(c)) return { kind: 'value', value: JSON.parse(c) as string };
  if (c === 'true' || c === 'false' || c === 'null' || c === 'undefined') {
    return { kind: 'value', value: c === 'undefined' ? undefined : (JSON.parse(c) as unknown) };
  }
  if (/^\[.*\]$/.test(c)) {
    try {
      return { kind: 'value', value: JSON.parse(c) as unknown };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Rewrites an example into a function body whose checked lines call `__check`. */
function instrument(code: string): string {
  const out: string[] = [];
  code.split('\n').forEach((line, lineNo) => {
    if (/^\s*import\s+type\b/.test(line)) return;
    const star = /^\s*import\s+\*\s+as\s+(\w+)\s+from\s+['"]fluxion['"];?\s*$/.exec(line);
    if (star) { out.push(`const ${star[1]} = __fx;`); return; }
    const named = /^\s*import\s*\{([^}]*)\}\s*from\s+['"]fluxion['"];?\s*$/.exec(line);
    if (named) {
      const names = named[1]!.split(',').map((s) => s.trim()).filter((s) => s && !s.startsWith('type '));
      out.push(`const { ${names.join(', ')} } = __fx;`);
      return;
    }
    const m = /^(\s*)(.*?);\s*\/\/\s*(.+)$/.exec(line);
    const expected = m ? parseExpected(m[3]!) : undefined;
    if (m && expected) {
      const stmt = m[2]!;
      const decl = /^(const|let|var)\s+(\w+)(\s*:[^=]+)?\s*=\s*([\s\S]+)$/.exec(stmt);
      if (decl) {
        out.push(`${m[1]}${decl[1]} ${decl[2]} = ${decl[4]};`);
        out.push(`__check(${lineNo + 1}, ${decl[2]}, ${JSON.stringify(m[3]!.trim())});`);
        return;
      }
      if (!KEYWORD.test(stmt.trim())) {
        out.push(`${m[1]}__check(${lineNo + 1}, (${stmt}), ${JSON.stringify(m[3]!.trim())});`);
        return;
      }
    }
    out.push(line);
  });
  return out.join('\n');
}

function check(line: number, actual: unknown, expectedText: string): void {
  const expected = parseExpected(expectedText)!;
  const where = `line ${line}: expected ${expectedText}`;
  if (expected.kind === 'float64') {
    expect(actual, where).toBeInstanceOf(Float64Array);
    const arr = Array.from(actual as Float64Array);
    expect(arr.length, where).toBe(expected.values.length);
    arr.forEach((v, i) => expectClose(v, expected.values[i]!, where));
    return;
  }
  if (typeof expected.value === 'number') {
    expect(typeof actual, where).toBe('number');
    expectClose(actual as number, expected.value, where);
    return;
  }
  if (typeof expected.value === 'string' && typeof actual !== 'string') {
    expect(String(actual), where).toBe(expected.value);
    return;
  }
  if (Array.isArray(expected.value) && actual instanceof Float64Array) {
    expect(Array.from(actual), where).toEqual(expected.value);
    return;
  }
  expect(actual, where).toEqual(expected.value);
}

function expectClose(actual: number, expected: number, where: string): void {
  if (Number.isNaN(expected)) { expect(Number.isNaN(actual), where).toBe(true); return; }
  if (!Number.isFinite(expected) || expected === 0) { expect(actual, where).toBe(expected); return; }
  expect(Math.abs(actual - expected) / Math.abs(expected), `${where}, got ${actual}`).toBeLessThanOrEqual(1e-12);
}

async function runExample(code: string): Promise<void> {
  const js = ts.transpileModule(instrument(code), {
    compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext },
  }).outputText;
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (
    ...a: unknown[]
  ) => Promise<void>;
  await new AsyncFunction('__fx', '__check', js)(fx, check);
}

const { examples, missing } = collectExamples();

describe('TSDoc examples of the public surface', () => {
  it('exist for every exported value', () => {
    expect(missing).toEqual([]);
  });

  it('catches an example whose printed value is wrong', async () => {
    await expect(runExample("import { add } from 'fluxion';\nadd(2, 2); // 5")).rejects.toThrow(/expected 5/);
    await expect(runExample("import { add } from 'fluxion';\nadd([1], 1); // Float64Array [3]")).rejects.toThrow();
    await expect(runExample("import { add } from 'fluxion';\nconst y = add(2, 2); // 4")).resolves.toBeUndefined();
  });

  it.each(examples.map((e) => [`${e.exportName} #${e.index + 1}`, e] as const))('%s runs and prints what it says', async (_n, e) => {
    await runExample(e.code);
  });
});

describe('README quick start', () => {
  it('runs as one program and prints what its comments say', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Documentation'));
    const blocks = [...quick.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    await runExample(blocks.join('\n'));
  });
});
