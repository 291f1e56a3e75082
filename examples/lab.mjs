// The lab "Differentiation in Python: Symbolic, Numerical and Automatic" (SymPy, NumPy, JAX),
// replayed in TypeScript with fluxion: `npm run lab` builds the package and runs this file.
// The cells themselves are in src/lab.ts (shipped inside the `fluxion` command, so that
// `npx fluxion lab` replays the same lab from an installed package); docs/guide.md walks
// through them as a tutorial.
//
//   node examples/lab.mjs [--out lab-output] [--runs 7]
import { runLabToDisk } from '../dist/cli.js';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = flag('--runs');
runLabToDisk({ outDir: flag('--out') ?? 'lab-output', runs: runs === undefined ? undefined : Number(runs) });
