// Behaviour of the transformations against exact math: the lab's section 4 cells,
// perturbation confusion, strong zeros, pytrees, errors, tracers.
import { describe, expect, it } from 'vitest';
import {
  abs, add, cos, defineFunction, div, exp, gt, grad, hessian, index, jacfwd, jacrev, jvp, linspace, log, mul, neg, pow,
  sign, sin, sqrt, stack, sub, sum, symbols, diff, Tracer, TracerError, valueAndGrad, vjp, vmap, where, FluxionTypeError,
  ShapeError, jit, lambdify,
} from '../../src/index.js';
import type { NDArray, Num } from '../../src/index.js';
import { vmapEager } from '../../src/transforms/vmap.js';

const f = (x: Num) => pow(x, 2);

describe('the lab, section 4.2', () => {
  it('grad(f)(3) = 6 and f(3) = 9', () => {
    expect(f(3)).toBe(9);
    expect(grad(f)(3.0)).toBe(6);
  });
  it('accepts integer inputs (JAX refuses grad(f)(3) with int32; JS numbers are floats)', () => {
    expect(grad(f)(3)).toBe(6);
  });
  it('grad of an array-valued function: the JAX-quality error', () => {
    expect(() => grad(f)(Float64Array.of(1, 2, 3))).toThrow(
      'Gradient only defined for scalar-output functions. Output had shape: [3]. ' +
        'Use vmap(grad(f)) for elementwise derivatives, or jacrev(f) for the full Jacobian.',
    );
  });
  it('vmap(grad(f))([1, 2, 3]) = [2, 4, 6]', () => {
    expect(Array.from(vmap(grad(f))([1, 2, 3]))).toEqual([2, 4, 6]);
  });
  it('x_array * 2 and x_array[2]', () => {
    expect(Array.from(mul([1, 2, 3], 2))).toEqual([2, 4, 6]);
    expect(index([1, 2, 3], 2)).toBe(3);
  });

  // Each commented g of the lab with its derivative written out by hand.
  const xs = linspace(-5, 5, 101);
  const pos = linspace(0.1, 5, 50);
  const cases: [string, (x: Num) => Num, (x: number) => number, Float64Array][] = [
    ['x**3', (x) => pow(x, 3), (x) => 3 * x * x, xs],
    ['2*x**3 - 3*x**2 + 5', (x) => add(sub(mul(2, pow(x, 3)), mul(3, pow(x, 2))), 5), (x) => 6 * x * x - 6 * x, xs],
    ['1/x', (x) => div(1, x), (x) => -1 / (x * x), pos],
    ['exp(x)', exp, Math.exp, xs],
    ['log(x)', log, (x) => 1 / x, pos],
    ['sin(x)', sin, Math.cos, xs],
    ['cos(x)', cos, (x) => -Math.sin(x), xs],
    ['abs(x)', abs, Math.sign, xs],
    ['abs(x) + sin(x)*cos(x)', (x) => add(abs(x), mul(sin(x), cos(x))), (x) => Math.sign(x) + Math.cos(2 * x), xs],
  ];
  it.each(cases)('vmap(grad(g)) for g = %s', (_name, g, dg, pts) => {
    const got = vmap(grad(g))(pts);
    expect(got).toBeInstanceOf(Float64Array);
    pts.forEach((x, i) => {
      const e = dg(x);
      expect(Math.abs(got[i]! - e), `at ${x}`).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(e)));
    });
  });
  it('abs at 0: sign(0) = 0 (JAX returns 1), in every mode', () => {
    expect(grad(abs)(0)).toBe(0);
    expect(jvp(abs, [0], [1])[1]).toBe(0);
    expect(Array.from(vmap(grad(abs))([0]))).toEqual([0]);
    expect(Array.from(jacrev((v: Num) => abs(v))(Float64Array.of(0, 2)).data)).toEqual([0, 0, 0, 1]);
  });
});

describe('perturbation confusion (tags per transformation instance)', () => {
  const fwdD = (g: (x: Num) => Num) => (x: Num) => jvp(g, [x], [1])[1] as Num;
  const revD = (g: (x: Num) => Num) => (x: Num) => grad(g)(x) as Num;
  // d/dx [x · (d/dy (x + y))(1)] at x = 1 is 1 (a confused implementation gives 2)
  const siskind = (outer: typeof fwdD, inner: typeof fwdD) => outer((x) => mul(x, inner((y) => add(x, y))(1)))(1);
  // Autodidax: f(x) = x · derivative(y ↦ x, 0) is 0 for every x, so f' = 0
  const autodidax = (outer: typeof fwdD, inner: typeof fwdD) => outer((x) => mul(x, inner(() => x)(0)))(3);
  const pairs: [string, typeof fwdD, typeof fwdD][] = [
    ['forward over forward', fwdD, fwdD],
    ['reverse over reverse', revD, revD],
    ['forward over reverse', fwdD, revD],
    ['reverse over forward', revD, fwdD],
  ];
  it.each(pairs)('%s', (_n, outer, inner) => {
    expect(siskind(outer, inner)).toBe(1);
    expect(autodidax(outer, inner)).toBe(0);
  });
  it('vmap over grad of a closure over the batch variable', () => {
    // for each x: d/dy [x·y] at y = 1 is x
    expect(Array.from(vmap((x: Num) => grad((y: Num) => mul(x, y))(1))([2, 3]) as Float64Array)).toEqual([2, 3]);
  });
});

describe('higher order and compositions', () => {
  const p = (x: Num) => add(sub(mul(2, pow(x, 3)), mul(3, pow(x, 2))), 5);
  it('grad∘grad∘grad of 2x³ - 3x² + 5 is 12', () => {
    expect(grad(grad(grad(p)))(0.7)).toBe(12);
  });
  it('jvp of grad is the second derivative', () => {
    expect(jvp(grad(p), [2], [1])).toEqual([12, 18]);
  });
  it('jacfwd(jacrev) = jacrev(jacfwd) = hessian on Rosenbrock', () => {
    const rosen = (v: Num) => add(pow(sub(1, index(v, 0)), 2), mul(100, pow(sub(index(v, 1), pow(index(v, 0), 2)), 2)));
    const x = Float64Array.of(1.5, -0.5);
    // exact: H = [[1200x² - 400y + 2, -400x], [-400x, 200]]
    const exact = [1200 * 2.25 + 200 + 2, -600, -600, 200];
    for (const H of [hessian(rosen)(x), jacfwd(jacrev(rosen))(x), jacrev(jacfwd(rosen))(x)]) {
      expect(H.shape).toEqual([2, 2]);
      Array.from(H.data).forEach((h, i) => expect(h).toBeCloseTo(exact[i]!, 10));
    }
  });
  it('second order through a sum feeding structural ops: every Hessian route agrees', () => {
    // f(v) = Σ (Σv)·[v0, v1] = (v0 + v1)², H = [[2, 2], [2, 2]]
    const q = (v: Num) => sum(mul(sum(v), stack([index(v, 0), index(v, 1)])));
    const x = Float64Array.of(1, 2);
    for (const H of [jacrev(jacrev(q))(x), jacfwd(jacrev(q))(x), jacrev(jacfwd(q))(x), jacrev(grad(q))(x), hessian(q)(x)]) {
      expect(Array.from(H.data)).toEqual([2, 2, 2, 2]);
    }
  });
  it('jacfwd batches many directions into one jvp and gives the per-direction numbers', () => {
    let calls = 0;
    const f = (v: Num, w: Num) => {
      calls++;
      return { a: mul(sin(v), index(w, 0)), b: sum(mul(v, v)) };
    };
    const v = Float64Array.from({ length: 10 }, (_, i) => 0.3 * i - 1);
    const w = Float64Array.of(5, 7);
    // ten directions: one batched pass
    const J = jacfwd<{ a: NDArray; b: Float64Array }>(f, { argnums: 0 })(v, w);
    expect(calls).toBe(1);
    // exact: ∂a/∂v = w0·diag(cos v), ∂b/∂v = 2v
    expect(J.a.shape).toEqual([10, 10]);
    v.forEach((vi, i) => v.forEach((_, j) => expect(J.a.data[i * 10 + j]).toBe(i === j ? Math.cos(vi) * 5 : 0)));
    expect(Array.from(J.b)).toEqual(Array.from(v, (x) => 2 * x));
    // two directions: one jvp each; an output that does not depend on w gives zeros
    calls = 0;
    const Jw = jacfwd<{ a: NDArray; b: Float64Array }>(f, { argnums: 1 })(v, w);
    expect(calls).toBe(2);
    expect(Jw.a.shape).toEqual([10, 2]);
    v.forEach((vi, i) => expect([Jw.a.data[2 * i], Jw.a.data[2 * i + 1]]).toEqual([Math.sin(vi), 0]));
    expect(Array.from(Jw.b)).toEqual([0, 0]);
  });

  it('the Hessian of the 12-variable Rosenbrock function (batched jacfwd) is the closed form', () => {
    const n = 12;
    const rosen = (v: Num) => {
      let acc: Num = 0;
      for (let i = 0; i < n - 1; i++) {
        const xi = index(v, i);
        acc = add(acc, add(mul(100, pow(sub(index(v, i + 1), pow(xi, 2)), 2)), pow(sub(1, xi), 2)));
      }
      return acc;
    };
    const x = Float64Array.from({ length: n }, (_, i) => Math.cos(i) * 1.2);
    // exact: H[i][i] = 1200 x_i² - 400 x_{i+1} + 2 (i < n-1) + 200 (i > 0), H[i][i±1] = -400 x_min(i, i±1)
    const exact = (i: number, j: number): number => {
      if (i === j) return (i < n - 1 ? 1200 * x[i]! ** 2 - 400 * x[i + 1]! + 2 : 0) + (i > 0 ? 200 : 0);
      return Math.abs(i - j) === 1 ? -400 * x[Math.min(i, j)]! : 0;
    };
    for (const H of [hessian(rosen)(x), jacfwd(jacrev(rosen))(x), jacrev(jacfwd(rosen))(x)]) {
      expect(H.shape).toEqual([n, n]);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const e = exact(i, j);
          expect(Math.abs(H.data[i * n + j]! - e), `H[${i}][${j}]`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)) * 100);
        }
      }
    }
  });

  it('the issue example: jacfwd of stack([v0·v1, sin v0]) at (1, 2)', () => {
    const J = jacfwd((v: Num) => stack([mul(index(v, 0), index(v, 1)), sin(index(v, 0))]))(Float64Array.of(1, 2));
    expect(J.shape).toEqual([2, 2]);
    expect(Array.from(J.data)).toEqual([2, 1, Math.cos(1), 0]);
  });
  it('grad(x => sum(vmap(f)(x))) is the elementwise derivative', () => {
    const g = grad((x: Num) => sum(vmap(sin)(x) as Num));
    expect(Array.from(g(Float64Array.of(0, 1)) as Float64Array)).toEqual([1, Math.cos(1)]);
  });
  it('vmap(grad) of a function of vectors over the rows of a matrix', () => {
    const rows: NDArray = { data: Float64Array.of(1, 2, 3, 4), shape: [2, 2] };
    const out = vmap<NDArray>(grad((v: Num) => mul(index(v, 0), index(v, 1))))(rows);
    expect(out.shape).toEqual([2, 2]);
    expect(Array.from(out.data)).toEqual([2, 1, 4, 3]);
  });
  it('a 1-axis N-D batch comes back as a Float64Array', () => {
    const out = vmapEager(grad((x: Num) => mul(x, x)), 0, [{ data: Float64Array.of(1, 2), shape: [2] }]);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out as Float64Array)).toEqual([2, 4]);
  });
  it('nested vmap', () => {
    const m: NDArray = { data: Float64Array.of(1, 2, 3, 4, 5, 6), shape: [2, 3] };
    const out = vmap<NDArray>(vmap((x: Num) => mul(x, x)))(m);
    expect(out.shape).toEqual([2, 3]);
    expect(Array.from(out.data)).toEqual([1, 4, 9, 16, 25, 36]);
  });
  it('reverse mode reduces a broadcast scalar cotangent back to the scalar (sum)', () => {
    // d/da Σ (a · v) = Σ v
    expect(grad((a: Num, v: Num) => sum(mul(a, v)))(2, Float64Array.of(1, 2, 3))).toBe(6);
    // d/da Σ (a + v) = n
    expect(grad((a: Num, v: Num) => sum(add(a, v)))(2, Float64Array.of(1, 2, 3))).toBe(3);
    // forward mode broadcasts a scalar tangent to the array output
    expect(Array.from(jvp((a: Num) => add(a, Float64Array.of(1, 2)), [1], [1])[1] as Float64Array)).toEqual([1, 1]);
  });
  it('sum cotangents broadcast lazily, and results never alias inputs or captured constants', () => {
    const c = Float64Array.of(3, 4);
    const x = Float64Array.of(1, 2);
    const g = grad((v: Num) => sum(mul(v, c)))(x) as Float64Array;
    expect(Array.from(g)).toEqual([3, 4]);
    expect(g).not.toBe(c);
    const id = grad((v: Num) => sum(v))(x) as Float64Array;
    expect(Array.from(id)).toEqual([1, 1]);
    const [, pullback] = vjp((v: Num) => v, x);
    const ct = Float64Array.of(5, 6);
    const back = pullback(ct)[0] as Float64Array;
    expect(Array.from(back)).toEqual([5, 6]);
    expect(back).not.toBe(ct);
    // d/dv_i Σ_j (v_j + Σ_k v_k) = 1 + n;  d/dv_i Σ_j (Σ_k v_k)·v_j = d/dv_i (Σ v)² = 2 Σ v
    expect(Array.from(grad((v: Num) => sum(add(v, sum(v))))(x) as Float64Array)).toEqual([3, 3]);
    expect(Array.from(grad((v: Num) => sum(mul(sum(v), v)))(x) as Float64Array)).toEqual([6, 6]);
  });
  it('reverse mode costs one pass: f(v) = Σ sin(v)·v on 1e4 points matches the exact gradient', () => {
    const v = linspace(-3, 3, 10000);
    const g = grad((x: Num) => sum(mul(sin(x), x)))(v) as Float64Array;
    v.forEach((x, i) => expect(Math.abs(g[i]! - (Math.cos(x) * x + Math.sin(x)))).toBeLessThanOrEqual(1e-15 * 4));
  });
});

describe('strong zero: where never poisons gradients', () => {
  const h = (x: Num) => where(gt(x, 0), sqrt(x), 0);
  it('grad(x => where(gt(x, 0), sqrt(x), 0))(0) is 0 (JAX: NaN)', () => {
    expect(grad(h)(0)).toBe(0);
    expect(jvp(h, [0], [1])[1]).toBe(0);
  });
  it('elementwise, with arrays', () => {
    expect(Array.from(vmap(grad(h))([0, 4, -1]))).toEqual([0, 0.25, 0]);
    expect(Array.from(grad((v: Num) => sum(h(v)))(Float64Array.of(0, 4, -1)) as Float64Array)).toEqual([0, 0.25, 0]);
  });
  it('and at second order', () => {
    expect(grad(grad(h))(0)).toBe(0);
    expect(jvp(grad(h), [0], [1])[1]).toBe(0);
    expect(hessian<number>(h)(0)).toBe(0);
    expect(Array.from(vmap(grad(grad(h)))([0, 4]))).toEqual([0, -1 / 32]);
    expect(grad(grad((x: Num) => where(gt(x, 0), log(x), 0)))(0)).toBe(0);
  });
});

describe('pytrees', () => {
  it('grad(loss)({ w, b }) returns { w, b }', () => {
    const xs = Float64Array.of(1, 2);
    const loss = (p: { w: Num; b: Num }) => sum(pow(add(mul(p.w, xs), p.b), 2));
    const g = grad(loss)({ w: Float64Array.of(0.5, -1), b: 0.25 }) as { w: Float64Array; b: number };
    // residuals r = w·x + b = [0.75, -1.75]; dL/dw = 2 r x, dL/db = 2 Σ r
    expect(Array.from(g.w)).toEqual([1.5, -7]);
    expect(g.b).toBe(-2);
    expect(Object.keys(g)).toEqual(['w', 'b']);
  });
  it('nested lists and argnums tuples', () => {
    const fn = (a: [Num, { c: Num }], k: Num) => mul(mul(a[0], a[1].c), k);
    const [ga, gk] = grad(fn, { argnums: [0, 1] })([2, { c: 3 }], 5) as [[number, { c: number }], number];
    expect(ga).toEqual([15, { c: 10 }]);
    expect(gk).toBe(6);
  });
  it('valueAndGrad', () => {
    expect(valueAndGrad((x: Num) => pow(x, 3))(2)).toEqual([8, 12]);
  });
  it('vjp with pytree output', () => {
    const [out, pullback] = vjp((x: Num) => ({ a: mul(x, 2), b: [sin(x)] }), 0);
    expect(out).toEqual({ a: 0, b: [0] });
    expect(pullback({ a: 1, b: [10] })).toEqual([12]);
  });
  it('a number[] leaf is a vector (its gradient is a Float64Array)', () => {
    const g = grad((v: Num) => sum(mul(v, v)))([1, 2]);
    expect(g).toBeInstanceOf(Float64Array);
    expect(Array.from(g)).toEqual([2, 4]);
  });
});

describe('errors', () => {
  it('non-numeric input names the argument and the path', () => {
    expect(() => grad((p: { w: Num }) => sum(p.w))({ w: [1, 2, 'x'] as unknown as number[] })).toThrow(
      /^grad\(f\)\(\.\.\.\): argument 0 at path \.w\[2\] is a string; expected a number/,
    );
    expect(() => grad(f)(null)).toThrow(/argument 0 is null/);
    expect(() => grad(f)(new Date())).toThrow(FluxionTypeError);
    expect(() => grad(f)({})).toThrow('grad(f)(...): argument 0 (plain object) holds no numbers, so there is nothing to differentiate.');
  });
  it('argnums out of range', () => {
    expect(() => grad((x: Num) => x, { argnums: 2 })(1, 2)).toThrow(
      'grad: argnums 2 is out of range: the function was called with 2 positional argument(s), so argnums must be between 0 and 1.',
    );
  });
  it('vmap with different lengths names both arguments', () => {
    expect(() => vmap((a: Num, b: Num) => add(a, b))([1, 2, 3], [1, 2])).toThrow(
      'vmap got inconsistent sizes for the mapped axis 0: argument 0 has length 3 but argument 1 has length 2.',
    );
    expect(() => vmap((a: Num) => a)(3)).toThrow(ShapeError);
  });
  it('under vmap, grad of a per-example vector output names the per-example shape', () => {
    expect(() => vmap(grad((x: Num) => stack([x, mul(x, x)])))([1, 2, 3])).toThrow(
      'Gradient only defined for scalar-output functions. Output had shape: [2].',
    );
    expect(() => vmapEager(grad((x: Num) => stack([x, mul(x, x)])), 0, [[1, 2, 3]])).toThrow('Output had shape: [2].');
  });
  it('a function that returns nothing', () => {
    expect(() => grad((x: Num) => void mul(x, 2))(3)).toThrow(
      'the output of the function given to grad is undefined: did the function forget to return its result?',
    );
  });
  it('a non-scalar pytree output to grad', () => {
    expect(() => grad((x: Num) => [x, x])(1)).toThrow(/Gradient only defined for scalar-output functions/);
  });
  it('jvp tangent with the wrong shape', () => {
    expect(() => jvp(sin, [Float64Array.of(1, 2)], [Float64Array.of(1)])).toThrow(/tangent 0 has shape \[1\] but its primal has shape \[2\]/);
  });
  it('an escaped tracer names its transformation', () => {
    let leaked: Num = 0;
    grad((x: Num) => {
      leaked = x;
      return x;
    })(1);
    expect(() => sin(leaked)).toThrow(TracerError);
    expect(() => sin(leaked)).toThrow(/traced by grad was used after grad returned/);
    let leakedV: Num = 0;
    vmap((x: Num) => (leakedV = x))([1]);
    expect(() => mul(leakedV, 2)).toThrow(/traced by vmap/);
  });
  it('JavaScript operators on a tracer throw and name the op to use', () => {
    expect(() => grad((x: Num) => (x as unknown as number) * 2)(1)).toThrow(/a grad tracer.*mul/s);
    expect(() => grad((x: Num) => ((x as unknown as number) > 0 ? x : 0))(1)).toThrow(/where\(gt\(x, 0\), a, b\)/);
  });
});

describe('tracers and user-defined functions', () => {
  it('chainable methods', () => {
    expect(grad((x: Num) => (x as Tracer).mul(x).add(1))(3)).toBe(6);
    expect(grad((x: Num) => (x as Tracer).sin().mul(2))(0)).toBe(2);
    expect(jvp((x: Num) => (x as Tracer).pow(3).sub(x), [2], [1])).toEqual([6, 11]);
  });
  it('defineFunction: a custom rule works in every transformation and in diff', () => {
    // softplus(x) = log(1 + e^x), softplus' = σ(x)
    const softplus = defineFunction({
      name: 'softplus_test',
      impl: (x) => Math.log1p(Math.exp(x)),
      partials: [(x) => div(1, add(1, exp(neg(x))))],
    });
    const sigma = (x: number) => 1 / (1 + Math.exp(-x));
    expect(grad(softplus)(0.3)).toBeCloseTo(sigma(0.3), 15);
    expect(jvp(softplus, [0.3], [1])[1]).toBeCloseTo(sigma(0.3), 15);
    expect(grad(grad(softplus))(0.3)).toBeCloseTo(sigma(0.3) * (1 - sigma(0.3)), 15);
    const v = vmap(grad(softplus))([-1, 2]);
    expect(v[0]).toBeCloseTo(sigma(-1), 15);
    expect(v[1]).toBeCloseTo(sigma(2), 15);
    const [x] = symbols('x');
    expect(String(diff(softplus(x as never) as never, x as never))).toBe(String(div(1, add(1, exp(neg(x as never))))));
    expect(String(softplus(x as never))).toBe('softplus_test(x)');
    // compiled: jit of vmap of grad, and lambdify of the symbolic derivative
    const compiled = jit(vmap(grad(softplus)))(Float64Array.of(-1, 2)) as Float64Array;
    expect(compiled[0]).toBeCloseTo(sigma(-1), 15);
    const lam = lambdify([x as never], diff(softplus(x as never) as never, x as never) as never) as (a: Float64Array) => Float64Array;
    expect(lam(Float64Array.of(2))[0]).toBeCloseTo(sigma(2), 15);
  });
  it('grad over symbolic arguments equals diff', () => {
    const [x] = symbols('x');
    const q = (t: Num) => add(sub(mul(2, pow(t, 3)), mul(3, pow(t, 2))), 5);
    expect(grad(q)(x as never)).toBe(diff(q(x as never) as never, x as never));
    expect(String(grad(abs)(x as never))).toBe(String(sign(x as never)));
  });
});

describe('no recursion on deep inputs', () => {
  it('a chain of 100k ops: the tape and the backward pass are loops', () => {
    // f(x) = x + 1e-5·x + … applied 1e5 times, i.e. x·(1 + 1e-5)^1e5
    const chain = (x: Num) => {
      let y = x;
      for (let i = 0; i < 100000; i++) y = add(y, mul(1e-5, y));
      return y;
    };
    const expected = Math.pow(1 + 1e-5, 100000);
    expect(Math.abs((grad(chain)(1) as number) - expected) / expected).toBeLessThanOrEqual(1e-9);
    expect(Math.abs((jvp(chain, [1], [1])[1] as number) - expected) / expected).toBeLessThanOrEqual(1e-9);
  });
  it('a pytree nested 100k levels deep', () => {
    let tree: unknown = { a: 2 };
    for (let i = 0; i < 100000; i++) tree = [tree];
    const deepest = (t: unknown): Num => {
      let v = t;
      while (Array.isArray(v)) v = v[0];
      return (v as { a: Num }).a;
    };
    let g = grad((t: unknown) => mul(deepest(t), deepest(t)))(tree);
    let depth = 0;
    while (Array.isArray(g)) {
      g = g[0];
      depth++;
    }
    expect(depth).toBe(100000);
    expect(g).toEqual({ a: 4 });
  });
});

