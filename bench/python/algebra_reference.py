"""Writes bench/fixtures/algebra.json: the algebra benchmark's inputs and SymPy's answers.

Deterministic (no randomness). Run: python3 bench/python/algebra_reference.py
The inputs are strings every peer can parse (`^` for powers, explicit `*`); the expected
term counts and factor counts come from SymPy (the oracle), not from fluxion.
"""
import json
import os

import sympy
from sympy import symbols, expand, factor_list, diff, Poly
from sympy.polys.specialpolys import swinnerton_dyer_poly

x, y, z = symbols("x y z")


def s(e):
    return str(e).replace("**", "^")


def p(t):
    return 2 * t**3 - 3 * t**2 + 5


def f_polynomial(t):
    for _ in range(3):
        t = p(t)
    return t


def factor_counts(e):
    content, fl = factor_list(e)
    return {"count": sum(m for _, m in fl), "distinct": len(fl), "content": str(content)}


sd32 = expand(swinnerton_dyer_poly(5, x))
e12 = expand((x + y + z + 1) ** 12)
dfp = expand(diff(f_polynomial(x), x))

cases = {
    "expand-xyz1-20": {
        "title": "expand((x+y+z+1)^20)",
        "op": "expand",
        "input": "(x+y+z+1)^20",
        "terms": len(expand((x + y + z + 1) ** 20).args),
    },
    "factor-x120-1": {
        "title": "factor(x^120 - 1)",
        "op": "factor",
        "input": "x^120 - 1",
        **factor_counts(x**120 - 1),
    },
    "factor-sd32": {
        "title": "factor(Swinnerton-Dyer, degree 32)",
        "op": "factor",
        "input": s(sd32),
        "degree": Poly(sd32, x).degree(),
        **factor_counts(sd32),
    },
    "factor-expand-xyz1-12": {
        "title": "factor(expand((x+y+z+1)^12))",
        "op": "factor",
        "input": s(e12),
        **factor_counts(e12),
    },
    "factor-diff-fpoly": {
        "title": "factor(diff(f_polynomial))",
        "op": "factor",
        "input": s(dfp),
        **factor_counts(dfp),
    },
}

out = {"generator": "bench/python/algebra_reference.py", "sympy": sympy.__version__, "cases": cases}
here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "..", "fixtures", "algebra.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print("wrote", os.path.normpath(path))
for k, v in cases.items():
    print(k, {kk: vv for kk, vv in v.items() if kk != "input"}, len(v["input"]), "chars")
