"""Diebold-Mariano reference (methods.md §8) for ModelChoiceTests.

Writes dm.json: two AR(1)-correlated score series (seeded NumPy draws), the DM
statistic with a Newey-West long-run variance (Bartlett weights,
floor(T^(1/3)) lags, autocovariances with divisor T) and the two-sided p from
N(0, 1) via scipy.stats.norm. A literal transcription of the formula, written
independently of the Swift code.
"""
import json
import numpy as np
from scipy.stats import norm

rng = np.random.default_rng(20261201)
T = 500
e = rng.standard_normal(T)
d = np.empty(T)
d[0] = e[0]
for t in range(1, T):
    d[t] = 0.4 * d[t - 1] + e[t]
a = 1.0 + 0.3 * rng.standard_normal(T)
b = a - (0.02 + 0.1 * d)          # b scores lower on average: a vs b has positive mean difference

diff = a - b
m = int(np.floor(T ** (1 / 3)))
dm = diff - diff.mean()
gam = [np.sum(dm[k:] * dm[:T - k]) / T for k in range(m + 1)]
v = gam[0] + 2 * sum((1 - k / (m + 1)) * gam[k] for k in range(1, m + 1))
stat = diff.mean() / np.sqrt(v / T)
p = 2 * norm.sf(abs(stat))
json.dump({"a": a.tolist(), "b": b.tolist(), "lags": m, "statistic": stat, "p": p},
          open(__file__.replace("make_dm_fixture.py", "dm.json"), "w"))
print(m, stat, p)
