// Correctness checks: every contender's answer is compared with a reference before its
// time is reported. A fast wrong answer is reported as WRONG, never as fast.
//
// Arrays: JavaScript contenders are compared element by element with the reference array;
// Python contenders send the values at SAMPLE_COUNT fixed indices (ends included), compared
// with the reference at the same indices.
// Polynomials (expand / factor): the answer (a string in any peer's syntax) is parsed and
// evaluated EXACTLY (BigInt rationals) at integer points, compared with the input's value,
// and its shape is checked (expanded: a sum of monomials with the expected term count;
// factored: the expected number of irreducible factors with multiplicity).

/** Indices sampled from an array of length n: both ends, and evenly spaced ones between. */
export function sampleIndices(n, count = 65) {
  const set = new Set([0, 1, 2, n - 3, n - 2, n - 1].filter((i) => i >= 0 && i < n));
  for (let k = 0; k < count; k++) set.add(Math.round((k * (n - 1)) / (count - 1)));
  return [...set].sort((a, b) => a - b);
}

/** Tolerances by precision of the contender's arithmetic. */
export const TOL = {
  f64: { rtol: 1e-9, atolScale: 1e-12 },
  f32: { rtol: 2e-3, atolScale: 1e-5 },
};

function maxAbs(a) {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m && Number.isFinite(v)) m = v;
  }
  return m;
}

function close(a, b, rtol, atol) {
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (!Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= rtol * Math.abs(b) + atol;
}

/**
 * Compare an array answer (full or sampled) with the reference array.
 * @param answer array-like of numbers, or { n, idx, values } from a Python contender
 * @returns { ok, detail }
 */
export function checkArray(answer, reference, precision = 'f64') {
  const { rtol, atolScale } = TOL[precision] ?? TOL.f64;
  const atol = atolScale * maxAbs(reference);
  if (answer == null) return { ok: false, detail: 'no result' };
  if (answer.idx) {
    if (answer.n !== reference.length) return { ok: false, detail: `length ${answer.n}, expected ${reference.length}` };
    for (let k = 0; k < answer.idx.length; k++) {
      const i = answer.idx[k];
      const a = answer.values[k] ?? NaN;
      if (!close(a, reference[i], rtol, atol)) return { ok: false, detail: `at index ${i}: ${a}, expected ${reference[i]}` };
    }
    return { ok: true, detail: `${answer.idx.length} sampled values agree (rtol ${rtol})` };
  }
  if (typeof answer.length !== 'number') return { ok: false, detail: `not an array: ${String(answer).slice(0, 60)}` };
  if (answer.length !== reference.length) return { ok: false, detail: `length ${answer.length}, expected ${reference.length}` };
  let bad = 0;
  let first = -1;
  for (let i = 0; i < reference.length; i++) {
    if (!close(answer[i], reference[i], rtol, atol)) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad) return { ok: false, detail: `${bad} of ${reference.length} values differ; first at index ${first}: ${answer[first]}, expected ${reference[first]}` };
  return { ok: true, detail: `all ${reference.length} values agree (rtol ${rtol})` };
}

/** Compare a scalar answer with the reference value. */
export function checkScalar(answer, reference, precision = 'f64') {
  const { rtol } = TOL[precision] ?? TOL.f64;
  const a = typeof answer === 'number' ? answer : Number(answer);
  if (!close(a, reference, rtol, 0)) return { ok: false, detail: `${answer}, expected ${reference}` };
  return { ok: true, detail: `${a} (expected ${reference})` };
}

// ---------------------------------------------------------------------------------------
// Exact polynomial checks.

/** Rationals as [num, den] BigInt pairs, den > 0, reduced. */
function gcd(a, b) {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b) [a, b] = [b, a % b];
  return a;
}
function rat(n, d = 1n) {
  if (d === 0n) throw new Error('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return [n / g, d / g];
}
const radd = (a, b) => rat(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const rmul = (a, b) => rat(a[0] * b[0], a[1] * b[1]);
const rneg = (a) => [-a[0], a[1]];
function rpow(a, e) {
  if (e < 0n) return rpow(rat(a[1], a[0]), -e);
  let r = [1n, 1n];
  let b = a;
  while (e > 0n) {
    if (e & 1n) r = rmul(r, b);
    b = rmul(b, b);
    e >>= 1n;
  }
  return r;
}
const req = (a, b) => a[0] === b[0] && a[1] === b[1];

/** Tokenize a polynomial written by any peer: `**` or `^`, implicit products (`20y`, `2(x+1)`). */
function tokenize(s) {
  const toks = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (/[0-9]/.test(c)) {
      let j = i;
      while (j < s.length && /[0-9]/.test(s[j])) j++;
      if (s[j] === '.') throw new Error(`decimal number in an exact answer near "${s.slice(i, j + 3)}"`);
      toks.push({ t: 'num', v: BigInt(s.slice(i, j)) });
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < s.length && /[A-Za-z_0-9]/.test(s[j])) j++;
      toks.push({ t: 'id', v: s.slice(i, j) });
      i = j;
    } else if (c === '*' && s[i + 1] === '*') { toks.push({ t: '^' }); i += 2; }
    else if ('+-*/^()'.includes(c)) { toks.push({ t: c }); i++; }
    else if (c === '·' || c === '×' || c === '⋅') { toks.push({ t: '*' }); i++; }
    else throw new Error(`unexpected character "${c}" in "${s.slice(Math.max(0, i - 10), i + 10)}"`);
  }
  // implicit multiplication
  const out = [];
  for (const tk of toks) {
    const prev = out[out.length - 1];
    if (prev && (prev.t === 'num' || prev.t === 'id' || prev.t === ')') && (tk.t === 'num' || tk.t === 'id' || tk.t === '(')) out.push({ t: '*' });
    out.push(tk);
  }
  return out;
}

/**
 * Parse to an AST: {k:'num',v} {k:'sym',v} {k:'add',a:[...]} {k:'mul',a:[...]}
 * {k:'pow',b,e} {k:'neg',a} {k:'div',a,b}. Precedence: ^ (right assoc) > unary - > * / > + -.
 */
export function parsePoly(s) {
  const toks = tokenize(s);
  let p = 0;
  const peek = () => toks[p];
  const eat = (t) => {
    if (!toks[p] || toks[p].t !== t) throw new Error(`expected ${t} at token ${p} in "${s.slice(0, 80)}"`);
    return toks[p++];
  };
  function sum() {
    const terms = [];
    let first = true;
    for (;;) {
      let sign = 1;
      if (!first || peek()?.t === '-' || peek()?.t === '+') {
        if (peek()?.t === '+') p++;
        else if (peek()?.t === '-') { p++; sign = -1; }
        else if (!first) break;
      }
      const t = product();
      terms.push(sign < 0 ? { k: 'neg', a: t } : t);
      first = false;
      if (peek()?.t !== '+' && peek()?.t !== '-') break;
    }
    return terms.length === 1 ? terms[0] : { k: 'add', a: terms };
  }
  function product() {
    let node = unary();
    const fs = [node];
    for (;;) {
      if (peek()?.t === '*') { p++; fs.push(unary()); }
      else if (peek()?.t === '/') { p++; const d = unary(); fs.push({ k: 'pow', b: d, e: { k: 'num', v: -1n } }); }
      else break;
    }
    return fs.length === 1 ? node : { k: 'mul', a: fs };
  }
  function unary() {
    if (peek()?.t === '-') { p++; return { k: 'neg', a: unary() }; }
    if (peek()?.t === '+') { p++; return unary(); }
    return power();
  }
  function power() {
    const b = atom();
    if (peek()?.t === '^') { p++; const e = unary(); return { k: 'pow', b, e }; }
    return b;
  }
  function atom() {
    const tk = peek();
    if (!tk) throw new Error(`unexpected end of "${s.slice(0, 80)}"`);
    if (tk.t === 'num') { p++; return { k: 'num', v: tk.v }; }
    if (tk.t === 'id') { p++; return { k: 'sym', v: tk.v }; }
    if (tk.t === '(') { p++; const e = sum(); eat(')'); return e; }
    throw new Error(`unexpected "${tk.t}" in "${s.slice(0, 80)}"`);
  }
  const e = sum();
  if (p !== toks.length) throw new Error(`trailing input at token ${p} in "${s.slice(0, 80)}"`);
  return e;
}

/** Evaluate an AST exactly at a point { x: BigInt, ... }. Iterative post-order (deep sums). */
export function evalExact(ast, point) {
  const stack = [[ast, false]];
  const vals = [];
  while (stack.length) {
    const [n, done] = stack.pop();
    if (!done) {
      stack.push([n, true]);
      const kids = n.k === 'add' || n.k === 'mul' ? n.a : n.k === 'pow' ? [n.b, n.e] : n.k === 'neg' ? [n.a] : [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], false]);
      continue;
    }
    switch (n.k) {
      case 'num': vals.push([n.v, 1n]); break;
      case 'sym': {
        if (!(n.v in point)) throw new Error(`unknown symbol ${n.v}`);
        vals.push([BigInt(point[n.v]), 1n]);
        break;
      }
      case 'neg': vals.push(rneg(vals.pop())); break;
      case 'add': case 'mul': {
        const xs = vals.splice(vals.length - n.a.length);
        vals.push(xs.reduce(n.k === 'add' ? radd : rmul));
        break;
      }
      case 'pow': {
        const e = vals.pop();
        const b = vals.pop();
        if (e[1] !== 1n) throw new Error('non-integer exponent');
        vals.push(rpow(b, e[0]));
        break;
      }
      default: throw new Error(`bad node ${n.k}`);
    }
  }
  return vals[0];
}

function isConst(n) {
  const st = [n];
  while (st.length) {
    const m = st.pop();
    if (m.k === 'sym') return false;
    if (m.k === 'add' || m.k === 'mul') st.push(...m.a);
    else if (m.k === 'pow') st.push(m.b, m.e);
    else if (m.k === 'neg') st.push(m.a);
  }
  return true;
}

/** A monomial: a product of numbers and integer powers of symbols, no sums inside. */
function isMonomial(n) {
  if (n.k === 'neg') return isMonomial(n.a);
  if (n.k === 'num' || n.k === 'sym') return true;
  if (n.k === 'pow') return n.b.k === 'sym' && isConst(n.e);
  if (n.k === 'mul') return n.a.every((f) => f.k !== 'add' && f.k !== 'mul' && isMonomial(f));
  return false;
}

/** The factors of a product at top level, as [ast, multiplicity] for non-constant ones. */
export function topFactors(ast) {
  let n = ast;
  while (n.k === 'neg') n = n.a;
  const fs = n.k === 'mul' ? n.a : [n];
  const out = [];
  for (let f of fs) {
    while (f.k === 'neg') f = f.a;
    if (isConst(f)) continue;
    if (f.k === 'pow' && isConst(f.e)) {
      const e = evalExact(f.e, {});
      if (e[1] !== 1n || e[0] < 1n) throw new Error('non-positive-integer exponent in a factor');
      out.push([f.b, Number(e[0])]);
    } else out.push([f, 1]);
  }
  return out;
}

const POINTS = [
  { x: 2, y: 3, z: 5 },
  { x: -3, y: 7, z: -2 },
  { x: 11, y: -1, z: 4 },
];

/**
 * Check an expand answer: same exact values as the input at three integer points, and a
 * sum of `terms` monomials.
 */
export function checkExpand(answer, input, terms) {
  try {
    const a = parsePoly(String(answer));
    const ref = parsePoly(input);
    for (const pt of POINTS) if (!req(evalExact(a, pt), evalExact(ref, pt))) return { ok: false, detail: `value differs at ${JSON.stringify(pt)}` };
    const ts = a.k === 'add' ? a.a : [a];
    if (!ts.every(isMonomial)) return { ok: false, detail: 'not expanded (a term is not a monomial)' };
    if (ts.length !== terms) return { ok: false, detail: `${ts.length} terms, expected ${terms}` };
    return { ok: true, detail: `${terms} monomials, exact values agree` };
  } catch (e) {
    return { ok: false, detail: `unreadable answer: ${e.message}` };
  }
}

/**
 * Check a factor answer: same exact values as the input, and `count` non-constant factors
 * counted with multiplicity (`distinct` of them different), each of degree ≥ 1.
 * Irreducibility itself is not re-proved here; the count is SymPy's (an oracle, see
 * bench/python/algebra_reference.py), and a product of the right number of factors with the
 * right value cannot hide a missed factorization.
 */
export function checkFactor(answer, input, { count, distinct }) {
  try {
    const a = parsePoly(String(answer));
    const ref = parsePoly(input);
    for (const pt of POINTS) if (!req(evalExact(a, pt), evalExact(ref, pt))) return { ok: false, detail: `value differs at ${JSON.stringify(pt)}` };
    const fs = topFactors(a);
    const total = fs.reduce((s, [, m]) => s + m, 0);
    if (total !== count || fs.length !== distinct) {
      return { ok: false, detail: `${fs.length} distinct factors (${total} with multiplicity), expected ${distinct} (${count})` };
    }
    return { ok: true, detail: `${distinct} distinct factors, ${count} with multiplicity; exact values agree` };
  } catch (e) {
    return { ok: false, detail: `unreadable answer: ${e.message}` };
  }
}
