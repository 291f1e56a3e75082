#!/usr/bin/env node
// The `fluxion` command: diff, plot and the lab replay. The only file in src/ that uses Node APIs.
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, diff, type Expr } from './symbolic/index.js';
import { latex } from './print/index.js';
import { lambdify } from './compile/index.js';
import { plot } from './plot/index.js';
import { runLab } from './lab.js';

const HELP = `fluxion: symbolic, numerical and automatic differentiation

Usage:
  fluxion diff "<expression>" [--wrt x] [--order n] [--latex]
      Prints the derivative of the expression (parsed with ^ or ** for powers).
      --wrt x     the variable to differentiate by (default: the only free symbol, else x)
      --order n   the n-th derivative (default 1)
      --latex     print LaTeX instead of plain text
  fluxion plot "<expression>" [-o file.svg] [--wrt x] [--xmin -5] [--xmax 5] [--samples 100]
      Plots f (red) and f' (blue) as an SVG; without -o the SVG goes to standard output.
  fluxion lab [--out lab-output] [--runs 7]
      Replays the lab "Differentiation in Python: Symbolic, Numerical and Automatic" cell by
      cell, writes its plots to the --out folder and times section 5 (median of --runs runs).
  fluxion --help | --version

Examples:
  fluxion diff "exp(-2*x) + 3*sin(3*x)"          9*cos(3*x) - 2*exp(-2*x)
  fluxion diff "x^3*y" --wrt y --latex
  fluxion plot "abs(x)" -o abs.svg

Exit status: 0 on success, 2 on bad input (the parser's error is printed with a caret), 1 otherwise.`;

const VERSION = '0.1.0';

/** Bad command-line input: printed without a stack trace, exit status 2. */
class UsageError extends Error {}

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--wrt', '--order', '--xmin', '--xmax', '--samples', '-o', '--output', '--out', '--runs']);
const BOOLEAN_FLAGS = new Set(['--latex', '--help', '-h', '--version']);

function parseArgs(args: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value.`);
      flags.set(name === '--output' ? '-o' : name, value);
    } else if (BOOLEAN_FLAGS.has(a)) {
      flags.set(a === '-h' ? '--help' : a, true);
    } else if (a.startsWith('-') && a.length > 1 && !/^-[\d.]/.test(a)) {
      throw new UsageError(`unknown option ${a}. See fluxion --help.`);
    } else {
      positional.push(a);
    }
  }
  return { positional, flags };
}

function numberFlag(p: Parsed, name: string, fallback: number, integer = false): number {
  const v = p.flags.get(name);
  if (v === undefined) return fallback;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || (integer && (!Number.isInteger(n) || n < 1))) {
    throw new UsageError(`${name} must be ${integer ? 'a positive integer' : 'a number'}, got ${JSON.stringify(v)}.`);
  }
  return n;
}

function stringFlag(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Parses the expression argument; a parse error becomes a UsageError carrying the parser's message. */
function parseExpression(p: Parsed, command: string): Expr {
  if (p.positional.length !== 1) {
    throw new UsageError(`fluxion ${command} takes one expression in quotes, got ${p.positional.length} arguments. See fluxion --help.`);
  }
  try {
    return parse(p.positional[0]!);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** The variable to differentiate by: --wrt, else the only free symbol, else x. */
function variableOf(p: Parsed, e: Expr): Expr {
  const wrt = stringFlag(p, '--wrt');
  if (wrt !== undefined) {
    if (!/^[A-Za-z_][A-Za-z_0-9]*$/.test(wrt)) throw new UsageError(`--wrt must be a variable name, got ${JSON.stringify(wrt)}.`);
    return parse(wrt);
  }
  const free = e.freeSymbols();
  if (free.length === 1) return free[0]!;
  if (free.length === 0) return parse('x');
  throw new UsageError(
    `the expression has several variables (${free.map(String).join(', ')}): say which one to differentiate by with --wrt.`,
  );
}

function commandDiff(p: Parsed, print: (s: string) => void): void {
  const e = parseExpression(p, 'diff');
  const x = variableOf(p, e);
  const order = numberFlag(p, '--order', 1, true);
  const d = diff(e, x, order);
  print(p.flags.has('--latex') ? latex(d) : d.toString());
}

function commandPlot(p: Parsed, print: (s: string) => void): void {
  const e = parseExpression(p, 'plot');
  const free = e.freeSymbols();
  const x = variableOf(p, e);
  const others = free.filter((s) => s !== x);
  if (others.length > 0) {
    throw new UsageError(`fluxion plot needs an expression of one variable; ${others.map(String).join(', ')} would be left unknown.`);
  }
  const d = diff(e, x);
  const name = x.toString();
  const svg = plot(lambdify([x], e), lambdify([x], d), {
    xMin: numberFlag(p, '--xmin', -5),
    xMax: numberFlag(p, '--xmax', 5),
    samples: numberFlag(p, '--samples', 100, true),
    label1: `f(${name}) = ${e.toString()}`,
    label2: `f'(${name}) = ${d.toString()}`,
  });
  const file = stringFlag(p, '-o');
  if (file === undefined) {
    process.stdout.write(svg);
  } else {
    writeFileSync(file, svg);
    print(`wrote ${file}: f(${name}) = ${e.toString()} in red, f'(${name}) = ${d.toString()} in blue`);
  }
}

/**
 * Runs the lab replay, writing its plots as SVG files into `outDir` (created if missing).
 *
 * @param options `outDir` (default `lab-output`), `runs` for section 5 (default 7), `print`
 */
export function runLabToDisk(options: { outDir?: string; runs?: number; print?: (line: string) => void } = {}): void {
  const outDir = resolve(options.outDir ?? 'lab-output');
  const print = options.print ?? ((line: string) => console.log(line));
  mkdirSync(outDir, { recursive: true });
  const rel = relative(process.cwd(), outDir);
  // Inside the current folder: say it relative to it; elsewhere: the absolute path.
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? outDir : rel;
  runLab({
    print,
    runs: options.runs,
    savePlot(file, svg) {
      writeFileSync(join(outDir, file), svg);
      return join(shown, file);
    },
  });
  print(`Every plot of the lab is in ${outDir}${shown === outDir ? '' : ` (${shown})`}.`);
}

/**
 * Runs the command line `args` (without `node` and the script) and returns the exit status.
 *
 * @param args the arguments, e.g. `['diff', 'x^2']`
 */
export function main(args: readonly string[]): number {
  const print = (s: string) => process.stdout.write(s + '\n');
  try {
    const p = parseArgs(args);
    if (p.flags.has('--version')) {
      print(VERSION);
      return 0;
    }
    const [command, ...rest] = p.positional;
    if (p.flags.has('--help') || command === 'help') {
      print(HELP);
      return 0;
    }
    if (command === undefined) {
      process.stderr.write(HELP + '\n');
      return 2;
    }
    const sub = { positional: rest, flags: p.flags };
    switch (command) {
      case 'diff':
        commandDiff(sub, print);
        return 0;
      case 'plot':
        commandPlot(sub, print);
        return 0;
      case 'lab':
        if (rest.length > 0) throw new UsageError(`fluxion lab takes no arguments besides --out and --runs, got ${rest.join(' ')}.`);
        runLabToDisk({ outDir: stringFlag(p, '--out'), runs: numberFlag(p, '--runs', 7, true), print });
        return 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}. Commands: diff, plot, lab. See fluxion --help.`);
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`fluxion: ${message}\n`);
    if (e instanceof UsageError) return 2;
    if (e instanceof Error && e.name !== 'Error' && /Parse|Syntax/i.test(e.name)) return 2;
    return 1;
  }
}

/** Whether this module is the program node was started with (not imported by examples/lab.mjs). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  let self: string;
  try {
    self = fileURLToPath(import.meta.url);
  } catch {
    return true; // the CommonJS build has no import.meta.url; it is only ever run as a program
  }
  try {
    return realpathSync(script) === realpathSync(self);
  } catch {
    return false;
  }
}

if (isEntryPoint()) process.exitCode = main(process.argv.slice(2));
