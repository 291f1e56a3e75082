const [,, peer, which] = process.argv;
const SD32 = null;
const cases = {
  e20: { expand: '(x+y+z+1)^20' },
  f120: { factor: 'x^120-1' },
  f12: { factor: 'EXP12' },
  fpoly: { factor: 'FP' },
};
const t0 = performance.now();
let out;
if (peer === 'nerdamer') {
  const n = (await import('nerdamer')).default; await import('nerdamer/Algebra.js'); await import('nerdamer/Calculus.js');
  if (which === 'e20') out = n.expand('(x+y+z+1)^20').toString();
  if (which === 'f120') out = n.factor('x^120-1').toString();
  if (which === 'f12') out = n.factor(n.expand('(x+y+z+1)^12').toString()).toString();
} else if (peer === 'algebrite') {
  const A = (await import('algebrite')).default;
  if (which === 'e20') out = A.run('expand((x+y+z+1)^20)');
  if (which === 'f120') out = A.run('factor(x^120-1)');
  if (which === 'f12') out = A.run('factor(expand((x+y+z+1)^12))');
} else if (peer === 'ce') {
  const { ComputeEngine } = await import('@cortex-js/compute-engine'); const ce = new ComputeEngine();
  if (which === 'e20') out = ce.box(['Expand', ce.parse('(x+y+z+1)^{20}')]).evaluate().toString();
  if (which === 'f120') out = ce.box(['Factor', ce.parse('x^{120}-1')]).evaluate().toString();
  if (which === 'f12') out = ce.box(['Factor', ce.box(['Expand', ce.parse('(x+y+z+1)^{12}')]).evaluate()]).evaluate().toString();
} else if (peer === 'mathjs') {
  const m = await import('mathjs');
  if (which === 'e20') out = m.rationalize('(x+y+z+1)^20').toString();
}
console.log(peer, which, (performance.now()-t0).toFixed(0)+'ms', String(out).slice(0,150), String(out).length);
