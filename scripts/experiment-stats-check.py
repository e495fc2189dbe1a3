#!/usr/bin/env python3
"""Checks the experiment report's statistics against statsmodels and scipy (issue 24 §4).

The Swift code (KizashiCore/Experiments) computes Newcombe's hybrid score interval (method 10,
Wilson-based) for differences of proportions and Welch's interval (Welch–Satterthwaite df, Student
t quantile) for differences of means. This script recomputes them with the reference packages:

    statsmodels.stats.proportion.confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff")
    scipy.stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    scipy.stats.t.ppf(0.975, df)

Modes:
  scripts/experiment-stats-check.py
      recomputes every case of Tests/KizashiCoreTests/Fixtures/experiment-stats.json (the cases the
      Swift test `ExperimentStatisticsTests.referenceCases` checks the Swift code against) and fails
      when statsmodels/scipy disagree with the stored values by more than 1e-9: so the fixture is
      what the packages say, and the Swift test then holds the Swift code to it.
  scripts/experiment-stats-check.py --write
      regenerates that fixture from fixed seeds (random cases plus the hand-worked ones).
  scripts/experiment-stats-check.py --report report.json
      checks the Newcombe intervals of a `kizashi experiment report NAME --format json` output
      against statsmodels, from the counts in its groups.

Needs: python3 -m venv /tmp/v && /tmp/v/bin/pip install scipy statsmodels
"""
import argparse, json, os, random, sys

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "Tests", "KizashiCoreTests", "Fixtures", "experiment-stats.json")
TOL = 1e-9


def newcombe(x1, n1, x2, n2):
    lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff", alpha=0.05)
    return float(lo), float(hi)


def welch(a, b):
    r = stats.ttest_ind(a, b, equal_var=False)
    ci = r.confidence_interval(0.95)
    return float(r.df), float(ci.low), float(ci.high)


def generate():
    rng = random.Random(24)
    cases = {"newcombe": [], "welch": [], "t975": []}
    # The hand-worked cases of the Swift tests first.
    for x1, n1, x2, n2 in [(30, 100, 10, 50), (0, 10, 0, 5), (5, 5, 0, 5), (1, 4, 0, 2), (2, 4, 1, 2), (1, 1, 0, 1)]:
        cases["newcombe"].append({"x1": x1, "n1": n1, "x2": x2, "n2": n2})
    for _ in range(40):
        n1, n2 = rng.randint(1, 3000), rng.randint(1, 800)
        cases["newcombe"].append({"x1": rng.randint(0, n1), "n1": n1, "x2": rng.randint(0, n2), "n2": n2})
    for a, b in [([1, 2, 3, 4], [2, 4, 9]), ([1000, 500, 0, 0], [200, 0]), ([1000, 0, 0, 0], [0, 0])]:
        cases["welch"].append({"a": a, "b": b})
    for _ in range(30):
        # Pipeline-like data: mostly zeros, a few deals of a few million yen.
        def sample(n, p):
            return [rng.choice([0.0] * 5 + [round(rng.uniform(1e5, 5e7), 2)]) if rng.random() < p else 0.0
                    for _ in range(n)]
        a, b = sample(rng.randint(2, 400), 0.6), sample(rng.randint(2, 120), 0.5)
        if np.var(a) == 0 and np.var(b) == 0:
            a[0] = 1e6
        cases["welch"].append({"a": a, "b": b})
    for df in [1, 2, 2.5, 3, 3.792, 5, 10, 30, 123.456, 1000, 99999, 100001, 1e6, 1e9]:
        cases["t975"].append({"df": df})
    for c in cases["newcombe"]:
        c["lower"], c["upper"] = newcombe(c["x1"], c["n1"], c["x2"], c["n2"])
    for c in cases["welch"]:
        c["df"], c["lower"], c["upper"] = welch(c["a"], c["b"])
    for c in cases["t975"]:
        c["t"] = float(stats.t.ppf(0.975, c["df"]))
    return cases


def check_fixture():
    with open(FIXTURE) as f:
        cases = json.load(f)
    bad = 0
    for c in cases["newcombe"]:
        lo, hi = newcombe(c["x1"], c["n1"], c["x2"], c["n2"])
        if abs(lo - c["lower"]) > TOL or abs(hi - c["upper"]) > TOL:
            bad += 1
            print("newcombe differs:", c, lo, hi)
    for c in cases["welch"]:
        df, lo, hi = welch(c["a"], c["b"])
        scale = max(1.0, abs(c["lower"]), abs(c["upper"]))
        if abs(df - c["df"]) > TOL * max(1, df) or abs(lo - c["lower"]) > TOL * scale or abs(hi - c["upper"]) > TOL * scale:
            bad += 1
            print("welch differs:", c["df"], df, c["lower"], lo)
    for c in cases["t975"]:
        t = float(stats.t.ppf(0.975, c["df"]))
        if abs(t - c["t"]) > TOL:
            bad += 1
            print("t differs:", c, t)
    n = sum(len(v) for v in cases.values())
    print(f"{n - bad}/{n} cases agree with statsmodels/scipy")
    return bad == 0


def check_report(path):
    with open(path) as f:
        r = json.load(f)
    g, d = r["groups"], r["differences"]
    pairs = [("engaged_rate", "engaged_accounts", "accounts"),
             ("opportunity_rate", "accounts_with_opportunity", "accounts"),
             ("win_rate", "won", "closed")]
    ok = True
    for key, num, den in pairs:
        t, h = g["treated"], g["holdout"]
        ci = d[key]["ci95"]
        if t[den] == 0 or h[den] == 0:
            ok &= ci is None
            print(f"{key}: no interval (an empty group) — {'ok' if ci is None else 'WRONG'}")
            continue
        lo, hi = newcombe(t[num], t[den], h[num], h[den])
        agree = abs(lo - ci["lower"]) <= TOL and abs(hi - ci["upper"]) <= TOL
        ok &= agree
        print(f"{key}: kizashi [{ci['lower']:.12f}, {ci['upper']:.12f}] statsmodels [{lo:.12f}, {hi:.12f}] "
              f"{'ok' if agree else 'DIFFERENT'}")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="regenerate the fixture")
    ap.add_argument("--report", help="a kizashi experiment report in JSON to check")
    a = ap.parse_args()
    if a.write:
        with open(FIXTURE, "w") as f:
            json.dump(generate(), f, indent=1)
            f.write("\n")
        print("wrote", os.path.normpath(FIXTURE))
        return 0
    if a.report:
        return 0 if check_report(a.report) else 1
    return 0 if check_fixture() else 1


if __name__ == "__main__":
    sys.exit(main())
