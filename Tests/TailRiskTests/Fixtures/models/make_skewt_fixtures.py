"""References for Hansen's (1994) skewed Student-t (issue 22), written to skewt_fixtures.json.

arch.univariate.SkewStudent (parameters eta = nu > 2, lambda in (-1, 1); zero mean, unit variance):
- `ppf`, `cdf` and the log-density (`loglikelihood(..., individual=True)` with sigma2 = 1) on grids,
  for several (nu, lambda);
- `basket`: VaR and ES at 99% and 97.5% of the exact loss -sum_i V_i (exp(r_i) - 1) of a two-asset
  basket, r = L z with z_1, z_2 independent skewed-t(5, -0.3) and L the Cholesky factor of
  [[0.035^2, 0.8 0.035 0.045], [., 0.045^2]] (methods.md section 4's check case), values 50 and 50:
  N = 4,000,000 draws by inverse CDF (arch's ppf of NumPy default_rng(2024) uniforms), the VaR the
  order statistic ceil(N alpha) of the losses from the top, the ES the mean of the losses at or beyond
  it; with each figure's Monte Carlo standard error (VaR: the binomial order-statistic interval's
  half-width / 1.96; ES: the tail losses' standard deviation / sqrt(N alpha)).

Run: pip install -r ../../../../scripts/requirements.txt; python3 make_skewt_fixtures.py
"""
import json
import math
from importlib.metadata import version
from pathlib import Path

import numpy as np
import scipy
from arch.univariate import SkewStudent

HERE = Path(__file__).resolve().parent
PARAMETERS = [(5.0, -0.3), (4.0, 0.5), (10.0, 0.0), (2.5, -0.8), (30.0, 0.2), (3.0, 0.95)]
PROBABILITIES = [1e-6, 1e-4, 0.001, 0.01, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.99, 0.999, 0.9999]
POINTS = [-8.0, -5.0, -3.0, -2.0, -1.0, -0.5, -0.1, 0.0, 0.1, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0]


def laws():
    d = SkewStudent()
    out = []
    for nu, lam in PARAMETERS:
        x = np.array(POINTS)
        out.append({"df": nu, "skew": lam, "probabilities": PROBABILITIES,
                    "quantiles": [float(d.ppf(p, [nu, lam])) for p in PROBABILITIES],
                    "points": POINTS, "cdf": [float(v) for v in d.cdf(x, [nu, lam])],
                    "logDensity": [float(v) for v in d.loglikelihood([nu, lam], x, np.ones_like(x), individual=True)]})
    return out


def basket():
    nu, lam, n = 5.0, -0.3, 4_000_000
    s = np.array([[0.035 ** 2, 0.8 * 0.035 * 0.045], [0.8 * 0.035 * 0.045, 0.045 ** 2]])
    chol = np.linalg.cholesky(s)
    rng = np.random.default_rng(2024)
    d = SkewStudent()
    z = np.stack([d.ppf(rng.random(n), [nu, lam]) for _ in range(2)])
    r = chol @ z
    values = np.array([50.0, 50.0])
    loss = -(values[:, None] * np.expm1(r)).sum(axis=0)
    order = np.sort(loss)[::-1]
    out = []
    for level in [0.99, 0.975]:
        alpha = 1 - level
        k = math.ceil(n * alpha)
        var = float(order[k - 1])
        tail = order[:k]
        half = 1.96 * math.sqrt(n * alpha * (1 - alpha))
        lo, hi = float(order[min(n - 1, int(k + half))]), float(order[max(0, int(k - half))])
        out.append({"level": level, "var": var, "es": float(tail.mean()),
                    "varSE": (hi - lo) / 2 / 1.96, "esSE": float(tail.std(ddof=1) / math.sqrt(k))})
    return {"df": nu, "skew": lam, "values": values.tolist(), "covariance": s.tolist(), "draws": n,
            "levels": out}


def main():
    out = {"generator": "make_skewt_fixtures.py", "numpy": np.__version__, "scipy": scipy.__version__,
           "arch": version("arch"), "laws": laws(), "basket": basket()}
    (HERE / "skewt_fixtures.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
