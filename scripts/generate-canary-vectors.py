#!/usr/bin/env python3
"""Generate reference vectors for CygniRollout's canary statistics with SciPy.

For seeded sample pairs (x = canary, y = baseline) it records:
  - Mann-Whitney U p-values from scipy.stats.mannwhitneyu(x, y, method="asymptotic",
    use_continuity=True) for alternative two-sided, greater and less. SciPy's asymptotic
    method always applies the tie correction; the engine implements the same normal
    approximation with tie and continuity corrections.
  - U, SciPy's statistic for x.
  - The Hodges-Lehmann estimate: numpy.median of all pairwise differences x[i] - y[j].

Usage: python3 scripts/generate-canary-vectors.py [OUTPUT]
Default output: Tests/CygniRolloutTests/Vectors/mann-whitney.json (committed; tests read it).
"""
import json
import pathlib
import sys

import numpy as np
import scipy
from scipy import stats

SEED = 20261127


def sample_pairs(rng):
    """Shapes the engine meets: latencies, error rates, ties, shifts, tiny and unequal sizes."""
    pairs = []
    for n, m in [(5, 5), (8, 12), (20, 20), (50, 50), (60, 45), (200, 180)]:
        # Continuous latency-like data, with and without a shift.
        for shift in [0.0, 0.05, 0.3]:
            y = rng.lognormal(mean=4.0, sigma=0.4, size=m)
            x = rng.lognormal(mean=4.0, sigma=0.4, size=n) * (1 + shift)
            pairs.append(("lognormal shift %.2f" % shift, x, y))
        # Error-rate-like data with many ties (rounded to 0.1%).
        y = np.round(rng.beta(1, 200, size=m), 3)
        x = np.round(rng.beta(1, 60, size=n), 3)
        pairs.append(("rounded error rates", x, y))
        # Integer counts: heavy ties.
        y = rng.poisson(3, size=m).astype(float)
        x = rng.poisson(4, size=n).astype(float)
        pairs.append(("poisson counts", x, y))
        # Canary lower than baseline.
        y = rng.normal(100, 10, size=m)
        x = rng.normal(85, 10, size=n)
        pairs.append(("normal lower", x, y))
    # Identical samples and a constant side.
    base = rng.normal(50, 5, size=30)
    pairs.append(("identical", base.copy(), base.copy()))
    pairs.append(("constant vs varied", np.full(25, 7.0), rng.normal(7, 1, size=25)))
    return pairs


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                       pathlib.Path(__file__).resolve().parent.parent /
                       "Tests/CygniRolloutTests/Vectors/mann-whitney.json")
    rng = np.random.default_rng(SEED)
    vectors = []
    for name, x, y in sample_pairs(rng):
        x = [float(v) for v in x]
        y = [float(v) for v in y]
        row = {"name": name, "x": x, "y": y}
        for alternative, key in [("two-sided", "twoSided"), ("greater", "greater"), ("less", "less")]:
            result = stats.mannwhitneyu(x, y, alternative=alternative, method="asymptotic", use_continuity=True)
            row["pValue_" + key] = float(result.pvalue)
            row["u"] = float(result.statistic) if alternative == "two-sided" else row["u"]
        row["hodgesLehmann"] = float(np.median(np.subtract.outer(np.array(x), np.array(y))))
        vectors.append(row)
    document = {
        "generator": "scripts/generate-canary-vectors.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "seed": SEED,
        "method": "mannwhitneyu asymptotic, use_continuity=True, tie-corrected; HL = median(x[i] - y[j])",
        "vectors": vectors,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document, indent=1) + "\n")
    print("wrote %d vectors to %s" % (len(vectors), out))


if __name__ == "__main__":
    main()
