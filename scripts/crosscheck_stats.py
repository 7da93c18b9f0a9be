#!/usr/bin/env python3
"""Cross-check onset's statistics core against independent Python/SciPy computations.

Writes deterministic inputs (2x2 tables, Weibull samples exact and rounded into day/week
ranges) to inputs.json in a temporary folder, runs the Swift test `StatisticsCrossCheckTests`
with ONSET_STATS_CROSSCHECK_DIR pointing there, reads its outputs.json and compares:

- PRR, ROR, their 95 % CIs, expected count, IC, IC025, IC975 (plain formulas, data-formats.md
  §5.2) and the Yates chi-squared (scipy.stats.chi2_contingency(correction=True)) to 1e-9
  relative; which measures are undefined must agree too;
- Weibull shape beta: exact data against scipy.stats.weibull_min.fit(x, floc=0) (1e-3
  relative) and against the root of the likelihood equation by scipy.optimize.brentq (1e-8);
  censored data against the interval-censored likelihood maximised with scipy.optimize (1e-3);
  scale, the Wald CI of beta (numerical Hessian) and the log-likelihood too;
- quartiles: exact data against numpy.percentile (type 7) to 1e-9; censored data against a
  dense Turnbull EM written here to 1e-6, with onset's innermost intervals checked against a
  brute-force construction and its masses checked for the NPMLE's Kuhn-Tucker conditions
  (s_j*|d_j - 1| <= 1e-9 on the support, d_j <= 1 + 1e-6 off it) and a log-likelihood no
  lower than the plain EM's (by > 1e-9).

Exits 1 on any mismatch, printing the worst relative error per quantity (for the KKT and
log-likelihood checks, the worst value itself).
Requires numpy and scipy: installed in the pyenv Python here; the Makefile will install them with
pip for CI.

Usage: scripts/crosscheck_stats.py [--seed N] [--scratch-path DIR] [--keep DIR]
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from scipy import optimize, stats

Z95 = 1.96
# Relative error is |x - y| / max(|x|, |y|, FLOOR): values this close to zero are compared
# absolutely, since a relative error between two roundings of ~0 says nothing.
FLOOR = 1e-6


# ---------------------------------------------------------------------------------------------
# Inputs


def make_tables(rng):
    fixed = [
        ("hand", 10, 90, 40, 860),
        ("strong", 20, 80, 100, 9800),
        ("yates-capped", 3, 2, 2, 1),
        ("a0", 0, 10, 5, 100),
        ("b0", 5, 0, 5, 100),
        ("c0", 5, 5, 0, 100),
        ("d0", 5, 5, 5, 0),
        ("no-event", 0, 10, 0, 100),
        ("b0-d0", 4, 0, 6, 0),
        ("ones", 1, 1, 1, 1),
        ("faers-sized", 3, 50, 200, 2_000_000),
    ]
    tables = [dict(name=n, a=a, b=b, c=c, d=d) for n, a, b, c, d in fixed]
    for i in range(60):
        small = i % 2 == 0
        a = int(rng.integers(0, 8 if small else 500))
        b = int(rng.integers(0, 30 if small else 5000))
        c = int(rng.integers(0, 40 if small else 20000))
        d = int(rng.integers(0, 200 if small else 3_000_000))
        tables.append(dict(name=f"random-{i}", a=a, b=b, c=c, d=d))
    return tables


def make_samples(rng):
    """Weibull samples: (name, ranges, kind) with kind 'exact' or 'censored'."""
    specs = [(0.5, 5, 30), (0.7, 10, 50), (1.0, 30, 100), (1.5, 10, 200), (3.0, 60, 80), (1.2, 200, 400)]
    samples = []
    for k, (shape, scale, n) in enumerate(specs):
        x = scale * rng.weibull(shape, n)
        samples.append((f"exact-{k}-b{shape}", [[float(t)] for t in x], "exact"))
        ranges = []
        for t in x:
            r = rng.random()
            if r < 0.55:  # reported to the day
                day = math.floor(t)
                ranges.append([float(day), float(day + 1)])
            elif r < 0.85:  # reported to the week
                week = math.floor(t / 7) * 7
                ranges.append([float(week), float(week + 7)])
            else:  # an exact time (kept only if positive, as continuous draws are)
                ranges.append([float(t)])
        samples.append((f"censored-{k}-b{shape}", ranges, "censored"))
    return samples


# ---------------------------------------------------------------------------------------------
# Independent computations


def disproportionality(t):
    a, b, c, d = t["a"], t["b"], t["c"], t["d"]
    n = a + b + c + d
    out = {}
    out["expected"] = (a + b) * (a + c) / n
    if a + b > 0 and c > 0:
        out["prr"] = (a / (a + b)) / (c / (c + d))
        if a > 0:
            se = math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d))
            out["prrLower"] = math.exp(math.log(out["prr"]) - Z95 * se)
            out["prrUpper"] = math.exp(math.log(out["prr"]) + Z95 * se)
    if b > 0 and c > 0:
        out["ror"] = (a * d) / (b * c)
        if a > 0 and d > 0:
            se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
            out["rorLower"] = math.exp(math.log(out["ror"]) - Z95 * se)
            out["rorUpper"] = math.exp(math.log(out["ror"]) + Z95 * se)
    if min(a + b, c + d, a + c, b + d) > 0:
        chi2, p, _, _ = stats.chi2_contingency(np.array([[a, b], [c, d]]), correction=True)
        out["chiSquared"] = float(chi2)
        out["chiSquaredP"] = float(p)
    x = a + 0.5
    ic = math.log2(x / (out["expected"] + 0.5))
    out["ic"] = ic
    out["ic025"] = ic - 3.3 * x ** -0.5 - 2 * x ** -1.5
    out["ic975"] = ic + 2.4 * x ** -0.5 - 0.5 * x ** -1.5
    # An undefined PRR with c = 0 and a > 0 is unbounded, so at least 2.
    prr_at_least_2 = out["prr"] >= 2 if "prr" in out else (c == 0 and a > 0)
    out["evans"] = prr_at_least_2 and out.get("chiSquared", 0) >= 4 and a >= 3
    out["rorSignal"] = out.get("rorLower", 0) > 1
    out["icSignal"] = out["ic025"] > 0
    return out


def weibull_loglik(theta, exact, lower, upper):
    """Interval-censored Weibull log-likelihood in (log beta, log eta)."""
    beta, eta = math.exp(theta[0]), math.exp(theta[1])
    ll = 0.0
    if len(exact):
        ll += stats.weibull_min.logpdf(exact, beta, scale=eta).sum()
    if len(lower):
        ul = (lower / eta) ** beta
        ur = (upper / eta) ** beta
        ll += (-ul + np.log(-np.expm1(-(ur - ul)))).sum()
    return ll if np.isfinite(ll) else -1e300


def split_ranges(ranges):
    exact, lower, upper = [], [], []
    for r in ranges:
        lo, hi = r[0], r[-1]
        if lo == hi and lo > 0:
            exact.append(lo)
        elif lo == hi:  # exact day 0 is the first day, [0, 1], as in onset
            lower.append(0.0)
            upper.append(1.0)
        else:
            lower.append(max(0.0, lo))
            upper.append(hi)
    return np.array(exact), np.array(lower), np.array(upper)


def weibull_reference(ranges, kind):
    exact, lower, upper = split_ranges(ranges)
    if kind == "exact":
        shape, _, scale = stats.weibull_min.fit(exact, floc=0)
        theta = np.array([math.log(shape), math.log(scale)])
    else:
        mids = np.concatenate([exact, (lower + upper) / 2])
        start = np.array([0.0, math.log(mids.mean())])
        f = lambda th: -weibull_loglik(th, exact, lower, upper)
        res = optimize.minimize(f, start, method="Nelder-Mead",
                                options=dict(xatol=1e-12, fatol=1e-12, maxiter=20000))
        res = optimize.minimize(f, res.x, method="BFGS", options=dict(gtol=1e-9))
        theta = res.x
    # Observed information by central differences, for the Wald CI on log beta.
    h = 1e-4
    ll = lambda th: weibull_loglik(th, exact, lower, upper)
    hess = np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            ei, ej = np.eye(2)[i] * h, np.eye(2)[j] * h
            hess[i, j] = (ll(theta + ei + ej) - ll(theta + ei - ej) - ll(theta - ei + ej)
                          + ll(theta - ei - ej)) / (4 * h * h)
    cov = np.linalg.inv(-hess)
    se = math.sqrt(cov[0, 0])
    ref = {
        "shape": math.exp(theta[0]),
        "scale": math.exp(theta[1]),
        "shapeLower": math.exp(theta[0] - Z95 * se),
        "shapeUpper": math.exp(theta[0] + Z95 * se),
        "logLikelihood": ll(theta),
    }
    if kind == "exact":
        # weibull_min.fit stops ~1e-6 short of the optimum; the likelihood equation pins it down:
        # sum(x^b ln x) / sum(x^b) - 1/b - mean(ln x) = 0 (increasing in b).
        lx = np.log(exact)
        def equation(b):
            w = np.exp(b * (lx - lx.max()))
            return (w * lx).sum() / w.sum() - 1 / b - lx.mean()
        ref["shapeRoot"] = optimize.brentq(equation, 1e-3, 1e3, xtol=1e-14, rtol=1e-15)
    return ref


def turnbull_problem(ranges):
    """Brute-force innermost intervals (Turnbull 1976) and the dense alpha matrix of unique ranges."""
    counts = {}
    for r in ranges:
        key = (r[0], r[-1])
        counts[key] = counts.get(key, 0) + 1
    lefts = sorted({l for l, _ in counts})
    rights = sorted({r for _, r in counts})
    support = []
    for L in lefts:
        for R in rights:
            if R < L:
                continue
            # innermost: no other left end in (L, R] and no other right end in [L, R)
            if any(L < l <= R for l in lefts) or any(L <= r < R for r in rights):
                continue
            support.append((L, R))
    support.sort()
    rows = list(counts)
    alpha = np.array([[1.0 if l <= q and p <= r else 0.0 for q, p in support] for l, r in rows])
    weights = np.array([counts[k] for k in rows], dtype=float)
    return support, alpha, weights


def turnbull_em(alpha, weights, tolerance=1e-12, max_iterations=300_000):
    """Plain self-consistency EM with a dense alpha matrix."""
    s = np.full(alpha.shape[1], 1 / alpha.shape[1])
    total = weights.sum()
    for _ in range(max_iterations):
        new = s * (alpha.T @ (weights / (alpha @ s))) / total
        done = np.abs(new - s).max() < tolerance
        s = new
        if done:
            break
    return s / s.sum()


def turnbull_kkt_violations(alpha, weights, masses):
    """Breaches of the NPMLE conditions: d_j = 1 where s_j > 0 and d_j <= 1 where s_j = 0.

    On the support the breach is weighted by the mass, s_j * |d_j - 1|, which is the size of
    the next EM step: EM stopped at an absolute step of 1e-10 leaves |d_j - 1| near 1e-10 / s_j.
    """
    d = alpha.T @ (weights / (alpha @ masses)) / weights.sum()
    positive = masses > 0
    on = (masses[positive] * np.abs(d[positive] - 1)).max(initial=0)
    off = np.maximum(d[~positive] - 1, 0).max(initial=0)
    return float(on), float(off)


def turnbull_loglik(alpha, weights, masses):
    return float((weights * np.log(alpha @ masses)).sum())


def turnbull_quantile(support, masses, p, tol=1e-9):
    """Same reading as onset: uniform mass inside an interval, midpoint of a flat stretch."""
    carrying = [(iv, m) for iv, m in zip(support, masses) if m > tol]
    below = 0.0
    for k, ((q, pp), m) in enumerate(carrying):
        through = below + m
        if abs(through - p) <= tol and k + 1 < len(carrying):
            return (pp + carrying[k + 1][0][0]) / 2
        if through > p or k + 1 == len(carrying):
            return q + min(1, max(0, (p - below) / m)) * (pp - q)
        below = through
    return None


QUARTILES = (("censoredQ1", 0.25), ("censoredMedian", 0.5), ("censoredQ3", 0.75))


# ---------------------------------------------------------------------------------------------
# Comparison


class Report:
    def __init__(self):
        self.worst = {}
        self.failures = []

    def bound(self, where, key, value, limit):
        """Checks a quantity that should be at most `limit` (reported in the error column)."""
        worst = self.worst.get(key)
        if worst is None or value > worst[0]:
            self.worst[key] = (value, limit, where)
        if not value <= limit:
            self.failures.append(f"{where}.{key}: {value!r} exceeds {limit}")

    def compare(self, where, key, ours, theirs, tolerance):
        if ours is None or theirs is None:
            if (ours is None) != (theirs is None):
                self.failures.append(f"{where}.{key}: onset {ours!r}, reference {theirs!r}")
            return
        if isinstance(theirs, bool):
            if ours != theirs:
                self.failures.append(f"{where}.{key}: onset {ours}, reference {theirs}")
            return
        err = abs(ours - theirs) / max(abs(ours), abs(theirs), FLOOR)
        worst = self.worst.get(key)
        if worst is None or err > worst[0]:
            self.worst[key] = (err, tolerance, where)
        if err > tolerance:
            self.failures.append(f"{where}.{key}: onset {ours!r}, reference {theirs!r}, rel {err:.3g}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--swift", default=os.environ.get("SWIFT", "swift"))
    parser.add_argument("--scratch-path", default=os.environ.get("ONSET_SCRATCH_PATH"))
    parser.add_argument("--keep", help="write inputs/outputs here instead of a temporary folder")
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    tables = make_tables(rng)
    samples = make_samples(rng)
    quantile_sets = [(n, r) for n, r, _ in samples]
    inputs = {
        "tables": tables,
        "weibull": [{"name": n, "ranges": r} for n, r, _ in samples],
        "quantiles": [{"name": n, "ranges": r} for n, r in quantile_sets],
    }

    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="onset-crosscheck-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "outputs.json").unlink(missing_ok=True)
        (folder / "inputs.json").write_text(json.dumps(inputs))
        command = [args.swift, "test", "--filter", "StatisticsCrossCheck"]
        if args.scratch_path:
            command[2:2] = ["--scratch-path", args.scratch_path]
        env = dict(os.environ, ONSET_STATS_CROSSCHECK_DIR=str(folder))
        run = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
        if run.returncode != 0 or not (folder / "outputs.json").exists():
            sys.stdout.write(run.stdout[-4000:])
            sys.stderr.write(run.stderr[-4000:])
            print("crosscheck: the Swift test failed or wrote no outputs.json", file=sys.stderr)
            return 1
        outputs = json.loads((folder / "outputs.json").read_text())

    report = Report()
    for table, ours in zip(tables, outputs["tables"]):
        ref = disproportionality(table)
        where = f"table {table['name']} {table['a']},{table['b']},{table['c']},{table['d']}"
        for key in ("prr", "prrLower", "prrUpper", "ror", "rorLower", "rorUpper", "chiSquared",
                    "chiSquaredP", "expected", "ic", "ic025", "ic975", "evans", "rorSignal", "icSignal"):
            report.compare(where, key, ours.get(key), ref.get(key), 1e-9)

    for (name, ranges, kind), ours in zip(samples, outputs["weibull"]):
        ref = weibull_reference(ranges, kind)
        where = f"weibull {name}"
        report.compare(where, f"shape[{kind}]", ours.get("shape"), ref["shape"], 1e-3)
        if kind == "exact":
            report.compare(where, "shape[exact, root]", ours.get("shape"), ref["shapeRoot"], 1e-8)
        report.compare(where, f"scale[{kind}]", ours.get("scale"), ref["scale"], 1e-3)
        report.compare(where, f"shapeCI[{kind}]", ours.get("shapeLower"), ref["shapeLower"], 1e-3)
        report.compare(where, f"shapeCI[{kind}]", ours.get("shapeUpper"), ref["shapeUpper"], 1e-3)
        report.compare(where, f"logLik[{kind}]", ours.get("logLikelihood"), ref["logLikelihood"], 1e-6)

    for (name, ranges), ours in zip(quantile_sets, outputs["quantiles"]):
        where = f"quantiles {name}"
        if all(len(r) == 1 for r in ranges):
            x = np.array([r[0] for r in ranges])
            for key, p in (("exactQ1", 25), ("exactMedian", 50), ("exactQ3", 75)):
                report.compare(where, key, ours.get(key), float(np.percentile(x, p)), 1e-9)
        support, alpha, weights = turnbull_problem(ranges)
        em = turnbull_em(alpha, weights)
        ours_support = [tuple(x) for x in ours.get("turnbullSupport") or []]
        if ours_support != support:
            report.failures.append(f"{where}: Turnbull intervals differ ({len(ours_support)} vs {len(support)})")
            continue
        if ours.get("turnbullConverged") is not True:
            report.failures.append(f"{where}: onset's Turnbull fit did not converge")
        masses = np.array(ours["turnbullMasses"])
        on_support, off_support = turnbull_kkt_violations(alpha, weights, masses)
        report.bound(where, "turnbullKKT[s>0]", on_support, 1e-9)
        report.bound(where, "turnbullKKT[s=0]", off_support, 1e-6)
        # onset's NPMLE must be at least as likely as the plain EM's.
        shortfall = turnbull_loglik(alpha, weights, em) - turnbull_loglik(alpha, weights, masses)
        report.bound(where, "turnbullLogLikShort", shortfall, 1e-9)
        for key, p in QUARTILES:
            report.compare(where, key, ours.get(key), turnbull_quantile(support, em, p), 1e-6)
            report.compare(where, key + "[own]", ours.get(key), turnbull_quantile(support, masses, p), 1e-12)

    print(f"crosscheck (seed {args.seed}): {len(tables)} tables, {len(samples)} Weibull samples")
    print(f"{'quantity':<22} {'worst rel. error':>16} {'tolerance':>10}  where")
    for key, (err, tol, where) in report.worst.items():
        print(f"{key:<22} {err:16.3e} {tol:10.0e}  {where}")
    if report.failures:
        print(f"\n{len(report.failures)} mismatch(es):", file=sys.stderr)
        for line in report.failures[:40]:
            print("  " + line, file=sys.stderr)
        return 1
    print("all agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
