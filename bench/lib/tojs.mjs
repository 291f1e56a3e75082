// A small adapter for peers that differentiate but cannot compile (Algebrite): turns an
// infix answer string (`9*cos(3*x)-2*exp(-2*x)`, `x^2`, `sgn(x)`) into a JavaScript function
// of one variable. The answer is parsed, never pasted: only numbers, the variable, the
// operators and a fixed whitelist of Math functions reach the generated source.

const FUNCS = {
  exp: 'Math.exp', log: 'Math.log', sin: 'Math.sin', cos: 'Math.cos', tan: 'Math.tan',
  abs: 'Math.abs', sqrt: 'Math.sqrt', sgn: 'Math.sign', sign: 'Math.sign',
};

/** Compile `text` (a function of `variable`) into `(x) => number`. */
export function compileInfix(text, variable = 'x') {
  const toks = text.match(/\d+\.?\d*(?:e[+-]?\d+)?|[A-Za-z_]\w*|\*\*|[-+*/^(),]/g) ?? [];
  if (toks.join('') !== text.replace(/\s+/g, '')) throw new Error(`cannot read "${text.slice(0, 60)}"`);
  let p = 0;
  const peek = () => toks[p];
  const eat = (t) => {
    if (toks[p] !== t) throw new Error(`expected ${t} in "${text.slice(0, 60)}"`);
    p++;
  };
  const sum = () => {
    let s = term();
    while (peek() === '+' || peek() === '-') s = `(${s}${toks[p++]}${term()})`;
    return s;
  };
  const term = () => {
    let s = unary();
    while (peek() === '*' || peek() === '/') s = `(${s}${toks[p++]}${unary()})`;
    return s;
  };
  const unary = () => {
    if (peek() === '-') { p++; return `(-${unary()})`; }
    if (peek() === '+') { p++; return unary(); }
    return power();
  };
  const power = () => {
    const b = atom();
    if (peek() === '^' || peek() === '**') { p++; return `(${b}**${unary()})`; }
    return b;
  };
  const atom = () => {
    const t = toks[p++];
    if (t === undefined) throw new Error('unexpected end');
    if (/^\d/.test(t)) return `(${Number(t)})`;
    if (t === '(') { const s = sum(); eat(')'); return s; }
    if (t === variable) return 'x';
    if (t === 'e' && peek() !== '(') return `(${Math.E})`;
    if (t === 'pi') return `(${Math.PI})`;
    if (Object.hasOwn(FUNCS, t)) { eat('('); const a = sum(); eat(')'); return `${FUNCS[t]}(${a})`; }
    throw new Error(`unsupported name "${t}"`);
  };
  const src = sum();
  if (p !== toks.length) throw new Error(`trailing input in "${text.slice(0, 60)}"`);
  return new Function('x', `return ${src};`);
}
