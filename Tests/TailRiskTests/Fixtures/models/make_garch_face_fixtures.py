"""References for GARCH(1,1) fits whose optimum lies on a face of the admissible set (issue 21).

Writes garch_face_fixtures.json next to this script. methods.md §8: Gaussian QMLE of
sigma^2_t = omega + alpha r^2_{t-1} + beta sigma^2_{t-1}, omega > 0, alpha, beta >= 0,
alpha + beta <= 1 - 1e-6, sigma^2_1 = omega + (alpha + beta) b with arch's backcast
b = sum_{i<=tau} 0.94^{i-1} r_i^2 / sum 0.94^{i-1}, tau = min(75, T);
loglik = -1/2 sum (ln 2 pi + ln sigma^2_t + r_t^2 / sigma^2_t).

For each series:
- `arch`: arch_model(r, mean="Zero", vol="GARCH", p=1, q=1, dist="normal", rescale=False)
  (the reference methods.md names), and `arch100`: the same on 100 r, omega / 1e4 and
  loglik + T ln 100 in r's units;
- `best`: an independent multi-start of scipy's SLSQP on y = r / rms(r) over the box with
  the constraint alpha + beta <= 1 - 1e-6, from alpha in {0, 0.02, 0.1}, beta in {0.6, 0.9,
  0.97, 0.995} and omega = s (1 - alpha - beta), s in {0.3, 1, 3} (36 starts, faces
  included), the best kept; its parameters in r's units and its literal log-likelihood;
- `face`: the bounds `best` lies on (alpha < 1e-5: "alpha = 0", beta < 1e-5: "beta = 0",
  alpha + beta > 1 - 1e-5: "alpha + beta = 1 - 1e-6").

Series: (1) windows of the shared CoinMetrics and S&P files (read from ../../../../../shared/data,
not copied) where tailrisk's fit before issue 21 stopped below arch or arch on 100 r
(found with scripts/garch_window_scan.py), the returns being the last 250 log returns of
the asset up to `lastDate`; (2) synthetic series written out in full, drawn here with
NumPy's default_rng(2112): a variance decaying geometrically (optimum on alpha = 0), an
ARCH(1) (optimum on beta = 0) and a variance growing 1% a day (optimum at the persistence cap).

Run: pip install -r ../../../../scripts/requirements.txt; python3 make_garch_face_fixtures.py
"""
import csv
import json
import math
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np
from arch import arch_model
from scipy.optimize import minimize
from scipy.signal import lfilter

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[4] / "shared" / "data"
CRYPTO = DATA / "crypto_coinmetrics_daily.csv"
CAP = 1 - 1e-6
WINDOW = 250
EQUITY = DATA / "equity_sp500_skfolio_daily.csv"
# (file, asset, last date): windows where the fit before issue 21 ended below arch or the
# multi-start (scripts/garch_window_scan.py: crypto every 20th day, equity every 80th).
REAL = [(CRYPTO, "BTC", "2012-04-28"), (CRYPTO, "BTC", "2014-07-07"), (CRYPTO, "BTC", "2014-08-16"),
        (EQUITY, "PFE", "1992-04-02"), (EQUITY, "MSFT", "1993-11-01"), (EQUITY, "JPM", "1995-06-02")]


def returns_to(path, asset, last, window):
    with open(path) as f:
        rows = list(csv.reader(f))
    c = rows[0].index(asset)
    prices = [(r[0], float(r[c])) for r in rows[1:] if r[c]]
    end = [d for d, _ in prices].index(last)
    p = np.array([x for _, x in prices[end - window: end + 1]])
    return prices[end - window + 1][0], np.log(p[1:] / p[:-1])


def backcast(r):
    tau = min(75, len(r))
    w = 0.94 ** np.arange(tau)
    return float(np.sum(w * r[:tau] ** 2) / np.sum(w))


def variances(r, omega, alpha, beta):
    s1 = omega + (alpha + beta) * backcast(r)
    rest, _ = lfilter([1.0], [1.0, -beta], omega + alpha * r[:-1] ** 2, zi=[beta * s1])
    return np.concatenate([[s1], rest])


def loglik(r, omega, alpha, beta):
    s2 = variances(r, omega, alpha, beta)
    if np.any(s2 <= 0):
        return -math.inf
    return float(-0.5 * np.sum(np.log(2 * np.pi) + np.log(s2) + r ** 2 / s2))


def literal_loglik(r, omega, alpha, beta):
    """The recursion written out, as a check on the filtered one."""
    s2 = omega + (alpha + beta) * backcast(r)
    total = 0.0
    for x in r:
        total += math.log(2 * math.pi) + math.log(s2) + x * x / s2
        s2 = omega + alpha * x * x + beta * s2
    return -0.5 * total


def arch_fit(r, scale):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = arch_model(scale * r, mean="Zero", vol="GARCH", p=1, q=1, dist="normal", rescale=False).fit(disp="off")
    p = res.params
    return {"omega": float(p["omega"]) / scale ** 2, "alpha": float(p["alpha[1]"]), "beta": float(p["beta[1]"]),
            "logLikelihood": float(res.loglikelihood) + len(r) * math.log(scale)}


def multistart(r):
    m = float(np.mean(r * r))
    y = r / math.sqrt(m)
    best = (-math.inf, None)
    cons = [{"type": "ineq", "fun": lambda x: CAP - x[1] - x[2]}]
    for a0 in [0.0, 0.02, 0.1]:
        for b0 in [0.6, 0.9, 0.97, 0.995]:
            for s in [0.3, 1.0, 3.0]:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    res = minimize(lambda x: -loglik(y, *x), [s * (1 - a0 - b0), a0, b0], method="SLSQP",
                                   bounds=[(1e-12, 1e3), (0, 1), (0, 1)], constraints=cons,
                                   options={"ftol": 1e-13, "maxiter": 1000})
                if np.isfinite(res.fun) and -res.fun > best[0] and res.x[1] + res.x[2] <= CAP + 1e-12:
                    best = (-res.fun, res.x)
    o, a, b = (float(v) for v in best[1])
    o *= m
    b = min(b, CAP - a)
    face = []
    if a < 1e-5:
        face.append("alpha = 0")
    if b < 1e-5:
        face.append("beta = 0")
    if a + b > 1 - 1e-5:
        face.append("alpha + beta = 1 - 1e-6")
    return {"omega": o, "alpha": a, "beta": b, "logLikelihood": literal_loglik(r, o, a, b)}, face


def case(name, r, **extra):
    best, face = multistart(r)
    out = {"name": name, "count": len(r), "sumSquares": float(np.sum(r ** 2)),
           "arch": arch_fit(r, 1.0), "arch100": arch_fit(r, 100.0), "best": best, "face": face}
    out.update(extra)
    return out


def synthetic():
    out = []
    rng = np.random.default_rng(2112)
    # (a) A variance decaying geometrically from a high start: no news effect, alpha = 0.
    t = np.arange(250)
    r = 0.04 * np.sqrt(0.992 ** t) * rng.standard_normal(250)
    out.append(case("decaying variance, 250 days", r, returns=r.tolist()))
    # (b) ARCH(1), omega 1e-4, alpha 0.8: no variance memory, beta = 0.
    r, s2 = np.empty(600), 2e-4
    for i in range(600):
        r[i] = math.sqrt(s2) * rng.standard_normal()
        s2 = 1e-4 + 0.8 * r[i] ** 2
    out.append(case("ARCH(1), 600 days", r, returns=r.tolist()))
    # (c) A variance growing 1% a day: persistence at its cap.
    r = 0.01 * np.sqrt(1.01 ** t) * rng.standard_normal(250)
    out.append(case("growing variance, 250 days", r, returns=r.tolist()))
    return out


def main():
    real = []
    for path, asset, last in REAL:
        first, r = returns_to(path, asset, last, WINDOW)
        real.append(case(f"{asset} {WINDOW} returns to {last}", r, file=path.name, asset=asset, window=WINDOW,
                         firstDate=first, lastDate=last))
    out = {"generator": "make_garch_face_fixtures.py", "numpy": np.__version__, "arch": version("arch"),
           "real": real, "synthetic": synthetic()}
    (HERE / "garch_face_fixtures.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
