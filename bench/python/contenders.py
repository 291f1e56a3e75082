"""Python contenders of fluxion's benchmark (numpy, SymPy, JAX, python-flint).

Run by bench/run.mjs, one fresh process per (case, contender):
    python contenders.py CASE CONTENDER WARMUP REPS BUDGET_S
Prints one JSON object on stdout:
    {"cold_ms", "cold_phases", "warm": {"samples", "median", "min", "phases"}, "result", "version"}
cold = the first call in this fresh process (imports done, inputs built, SymPy cache empty);
warm = after WARMUP untimed calls, REPS timed samples (fewer if BUDGET_S runs out, at least 3);
a sample holds `inner` calls when one call is shorter than 2 ms.
SymPy's cache is cleared before every call (outside the timed region), so warm SymPy
figures are real work, not cache hits. A result that is an array is sent as the values at
the same sampled indices the JavaScript side uses (bench/lib/check.mjs: sampleIndices).
"""
import json
import math
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
N = 1_000_000
NS = 100_000


def sample_indices(n, count=65):
    s = {i for i in (0, 1, 2, n - 3, n - 2, n - 1) if 0 <= i < n}
    for k in range(count):
        # JavaScript's Math.round: halves go up.
        s.add(int(math.floor(k * (n - 1) / (count - 1) + 0.5)))
    return sorted(s)


def digest(v):
    import numpy as np

    if isinstance(v, str):
        return {"text": v}
    a = np.asarray(v, dtype=np.float64)
    if a.ndim == 0:
        return {"scalar": float(a)}
    idx = sample_indices(a.shape[0])
    return {"n": int(a.shape[0]), "idx": idx, "values": [float(a[i]) for i in idx]}


def p_text(t):
    return f"2*({t})**3 - 3*({t})**2 + 5"


FUN_TEXT = {
    "x2": "x**2",
    "fpoly": p_text(p_text(p_text("x"))),
    "expsin": "exp(-2*x) + 3*sin(3*x)",
    "abs": "Abs(x)",
    "abssincos": "Abs(x) + sin(x)*cos(x)",
}


def load_algebra():
    with open(os.path.join(HERE, "..", "fixtures", "algebra.json")) as fh:
        return json.load(fh)["cases"]


# ----------------------------------------------------------------------------------------
# Contenders. Each maker returns (phases, version): phases is a list of (name, fn(prev)).


def sympy_symbolic(fun, order, npts):
    import numpy as np
    import sympy
    from sympy import symbols, diff, lambdify, sympify

    xs = np.linspace(-5, 5, npts)
    x = symbols("x")

    if fun == "fpoly":
        # The lab's own construction: p applied 3 times to the symbol.
        def build():
            t = x
            for _ in range(3):
                t = 2 * t**3 - 3 * t**2 + 5
            return t
    else:
        text = FUN_TEXT[fun]

        def build():
            return sympify(text, locals={"x": x})

    phases = [
        ("diff", lambda _: diff(build(), x, order)),
        ("compile", lambda d: lambdify(x, d, "numpy")),
        ("evaluate", lambda f: f(xs)),
    ]
    return phases, "sympy " + sympy.__version__


def numpy_gradient(case):
    import numpy as np

    xs = np.linspace(-5, 5, N)
    if case == "gradient-uniform":
        fs = np.exp(-2 * xs) + 3 * np.sin(3 * xs)
        h = float(xs[1] - xs[0])
        return [("gradient", lambda _: np.gradient(fs, h))], "numpy " + np.__version__
    if case == "lab5-x2-numerical":
        f = lambda v: v**2
    else:
        def f(v):
            for _ in range(3):
                v = 2 * v**3 - 3 * v**2 + 5
            return v
    return [("gradient", lambda _: np.gradient(f(xs), xs))], "numpy " + np.__version__


def jax_setup():
    import jax

    jax.config.update("jax_enable_x64", True)
    jax.config.update("jax_platforms", "cpu")
    return jax


def jax_fun(fun):
    if fun == "x2":
        return lambda v: v**2

    def f(v):
        for _ in range(3):
            v = 2 * v**3 - 3 * v**2 + 5
        return v

    return f


def jax_auto(fun, jitted):
    jax = jax_setup()
    import jax.numpy as jnp
    import numpy as np

    xs = jnp.array(np.linspace(-5, 5, N))
    g = jax.vmap(jax.grad(jax_fun(fun)))
    if jitted:
        g = jax.jit(g)
    return [("run", lambda _: g(xs).block_until_ready())], "jax " + jax.__version__


def jax_point(fun, order, x0, jitted):
    jax = jax_setup()
    import jax.numpy as jnp

    g = jax.grad(jax_fun(fun))
    if order == 2:
        g = jax.grad(g)
    if jitted:
        g = jax.jit(g)
    x = jnp.float64(x0)
    return [("run", lambda _: float(g(x)))], "jax " + jax.__version__


def jax_sum_sin(jitted):
    jax = jax_setup()
    import jax.numpy as jnp
    import numpy as np

    xs = jnp.array(np.linspace(-5, 5, N))
    g = jax.grad(lambda v: jnp.sum(jnp.sin(v) * v))
    if jitted:
        g = jax.jit(g)
    return [("run", lambda _: g(xs).block_until_ready())], "jax " + jax.__version__


def sympy_algebra(case):
    import sympy
    from sympy import symbols, expand, factor, sympify

    c = load_algebra()[case]
    x, y, z = symbols("x y z")
    text = c["input"].replace("^", "**")
    op = expand if c["op"] == "expand" else factor
    return [("run", lambda _: str(op(sympify(text, locals={"x": x, "y": y, "z": z}))))], "sympy " + sympy.__version__


def parse_terms(text, names):
    """A sum of monomials `c*x^a*y^b` (the fixture's expanded inputs) -> {exponents: coeff}."""
    import re

    out = {}
    for sign, term in re.findall(r"([+-]?)\s*([^+-]+)", text.replace(" ", "")):
        coeff, exps = 1, [0] * len(names)
        for f in term.split("*"):
            if f.isdigit():
                coeff *= int(f)
            else:
                base, _, e = f.partition("^")
                exps[names.index(base)] += int(e or 1)
        key = tuple(exps)
        out[key] = out.get(key, 0) + (-coeff if sign == "-" else coeff)
    return out


def flint_algebra(case):
    import re

    import flint

    c = load_algebra()[case]
    version = "python-flint " + flint.__version__
    text = c["input"]
    names = tuple(n for n in ("x", "y", "z") if re.search(n, text))
    if c["op"] == "factor" and names == ("x",):
        d = parse_terms(text, names)
        coeffs = [0] * (max(k[0] for k in d) + 1)
        for (k,), v in d.items():
            coeffs[k] = v

        def run(_):
            content, fl = flint.fmpz_poly(coeffs).factor()
            return "*".join([str(content)] + [f"({q})^{m}" for q, m in fl])

        return [("run", run)], version
    ctx = flint.fmpz_mpoly_ctx.get(names, "lex")
    if c["op"] == "expand":
        m = re.fullmatch(r"\((.*)\)\^(\d+)", text.replace(" ", ""))
        base_terms, power = m.group(1).split("+"), int(m.group(2))

        def run(_):
            gs = ctx.gens()
            acc = ctx.from_dict({})
            for t in base_terms:
                acc = acc + (gs[names.index(t)] if t in names else int(t))
            return str(acc**power)

        return [("run", run)], version
    d = parse_terms(text, names)

    def run(_):
        content, fl = ctx.from_dict(d).factor()
        return "*".join([str(content)] + [f"({q})^{m}" for q, m in fl])

    return [("run", run)], version


def make(case, contender):
    if case.startswith("lab5-") and case.endswith("-symbolic"):
        return sympy_symbolic(case.split("-")[1], 1, N)
    if case.startswith("symbolic-") and case != "symbolic-fpoly-2nd":
        return sympy_symbolic(case.split("-")[1], 1, NS)
    if case == "symbolic-fpoly-2nd":
        return sympy_symbolic("fpoly", 2, NS)
    if case.endswith("-numerical") or case == "gradient-uniform":
        return numpy_gradient(case)
    if case.startswith("lab5-") and case.endswith("-automatic"):
        return jax_auto(case.split("-")[1], False)
    if case.startswith("jit-"):
        return jax_auto(case.split("-")[1], True)
    if case == "grad-sum-sinv":
        return jax_sum_sin(contender == "jax-jit")
    if case == "grad-x2-point":
        return jax_point("x2", 1, 3.0, contender == "jax-jit")
    if case == "grad-fpoly-point":
        return jax_point("fpoly", 1, 0.5, contender == "jax-jit")
    if case == "grad2-fpoly-point":
        return jax_point("fpoly", 2, 0.5, contender == "jax-jit")
    if contender == "sympy":
        return sympy_algebra(case)
    if contender == "flint":
        return flint_algebra(case)
    raise RuntimeError(f"no Python contender {contender} for case {case}")


def clear_caches():
    if "sympy" in sys.modules:
        from sympy.core.cache import clear_cache

        clear_cache()


def call(phases, inner=1):
    times = {}
    total = 0.0
    value = None
    for _ in range(inner):
        prev = None
        for name, fn in phases:
            t0 = time.perf_counter()
            prev = fn(prev)
            dt = (time.perf_counter() - t0) * 1000 / inner
            times[name] = times.get(name, 0.0) + dt
            total += dt
        value = prev
    return total, times, value


def median(xs):
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def main():
    case, contender, warmup, reps, budget = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    phases, version = make(case, contender)
    clear_caches()
    cold, cold_phases, value = call(phases)
    out = {"version": version, "cold_ms": cold, "cold_phases": cold_phases, "result": digest(value)}
    if reps == 0:
        # Another fresh-process first call only (run.mjs repeats cold runs this way).
        out["warm"] = None
        print(json.dumps(out))
        return
    if cold > 2500:
        # A slow first call may be compilation (JAX): one more call decides whether the
        # contender is too slow to repeat within the run's budget (then cold is its figure).
        clear_caches()
        second, _, _ = call(phases)
        if second > 2500:
            out["warm"] = None
            print(json.dumps(out))
            return
    samples, phase_samples = [], {}
    start = time.perf_counter()
    for _ in range(warmup):
        clear_caches()
        call(phases)
    # Calls shorter than 2 ms are repeated `inner` times per sample.
    clear_caches()
    t, _, _ = call(phases)
    inner = max(1, min(2000, int(2.0 / max(t, 1e-4))))
    if "sympy" in sys.modules and contender == "sympy":
        inner = 1  # the cache is cleared before each call; never repeat inside a sample
    for r in range(reps):
        clear_caches()
        ms, ph, _ = call(phases, inner)
        samples.append(ms)
        for k, v in ph.items():
            phase_samples.setdefault(k, []).append(v)
        if r + 1 >= 3 and time.perf_counter() - start > budget:
            break
    out["warm"] = {
        "samples": len(samples),
        "inner": inner,
        "median": median(samples),
        "min": min(samples),
        "phases": {k: {"median": median(v), "min": min(v)} for k, v in phase_samples.items()} if len(phases) > 1 else None,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
