"""References for GJR-GARCH(1,1) fits (issue 22): arch's fit of each series, written to gjr_fixtures.json.

The model (methods.md section 8, GARCH family, o = 1): zero-mean returns,
sigma^2_{t+1} = omega + (alpha + gamma 1[r_t < 0]) r_t^2 + beta sigma^2_t, with arch's backcast
b = sum_{i<=tau} 0.94^{i-1} r_i^2 / sum 0.94^{i-1}, tau = min(75, T), in place of r_0^2 and sigma^2_0
and b/2 in place of r_0^2 1[r_0 < 0], so sigma^2_1 = omega + (alpha + gamma/2 + beta) b;
loglik = -1/2 sum (ln 2 pi + ln sigma^2_t + r_t^2 / sigma^2_t).
Constraints (arch's GARCH.constraints): omega > 0, alpha >= 0, alpha + gamma >= 0, beta >= 0,
alpha + gamma/2 + beta < 1.

For each series:
- `arch`: arch_model(r, mean="Zero", vol="GARCH", p=1, o=1, q=1, dist="normal", rescale=False).fit()
  (the reference the issue names), parameters and log-likelihood;
- `arch100`: the same on 100 r, omega / 1e4 and loglik + T ln 100 in r's units (arch's optimizer
  often stops early on raw daily returns, whose variance is ~1e-4; on 100 r it is well scaled);
- `literal`: our own written-out recursion's log-likelihood at arch's parameters (checks the formula).

Series: (1) the last 250 log returns up to a date of assets of the shared CoinMetrics and S&P 500
files (read from ../../../../../shared/data, not copied); (2) a synthetic GJR series written out in
full (NumPy default_rng(2222), omega 2e-6, alpha 0.03, gamma 0.12, beta 0.88, 1000 days).

Run: pip install -r ../../../../scripts/requirements.txt; python3 make_gjr_fixtures.py
"""
import csv
import json
import math
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np
from arch import arch_model

# arch's backcast, as the GARCH(1,1) face fixtures compute it (one definition for both scripts).
from make_garch_face_fixtures import backcast

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[4] / "shared" / "data"
CRYPTO = DATA / "crypto_coinmetrics_daily.csv"
EQUITY = DATA / "equity_sp500_skfolio_daily.csv"
WINDOW = 250
REAL = [(CRYPTO, "BTC", "2020-06-30"), (CRYPTO, "ETH", "2022-12-30"),
        (EQUITY, "AAPL", "2020-12-31"), (EQUITY, "JPM", "2009-06-30"), (EQUITY, "XOM", "2015-12-31")]


def returns_to(path, asset, last, window):
    with open(path) as f:
        rows = list(csv.reader(f))
    c = rows[0].index(asset)
    prices = [(r[0], float(r[c])) for r in rows[1:] if r[c]]
    dates = [d for d, _ in prices]
    end = max(i for i, d in enumerate(dates) if d <= last)
    p = np.array([x for _, x in prices[end - window: end + 1]])
    return prices[end - window + 1][0], prices[end][0], np.log(p[1:] / p[:-1])


def literal_loglik(r, omega, alpha, gamma, beta):
    b = backcast(r)
    s2 = omega + (alpha + gamma / 2 + beta) * b
    total = 0.0
    for x in r:
        total += math.log(2 * math.pi) + math.log(s2) + x * x / s2
        s2 = omega + (alpha + (gamma if x < 0 else 0.0)) * x * x + beta * s2
    return -0.5 * total


def arch_fit(r, scale):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = arch_model(scale * r, mean="Zero", vol="GARCH", p=1, o=1, q=1, dist="normal",
                         rescale=False).fit(disp="off")
    p = res.params
    return {"omega": float(p["omega"]) / scale ** 2, "alpha": float(p["alpha[1]"]), "gamma": float(p["gamma[1]"]),
            "beta": float(p["beta[1]"]), "logLikelihood": float(res.loglikelihood) + len(r) * math.log(scale)}


def case(name, r, **extra):
    a = arch_fit(r, 1.0)
    out = {"name": name, "count": len(r), "sumSquares": float(np.sum(r ** 2)), "arch": a,
           "arch100": arch_fit(r, 100.0),
           "literal": literal_loglik(r, a["omega"], a["alpha"], a["gamma"], a["beta"])}
    out.update(extra)
    return out


def synthetic():
    rng = np.random.default_rng(2222)
    n, omega, alpha, gamma, beta = 1000, 2e-6, 0.03, 0.12, 0.88
    r, s2 = np.empty(n), omega / (1 - alpha - gamma / 2 - beta)
    for i in range(n):
        r[i] = math.sqrt(s2) * rng.standard_normal()
        s2 = omega + (alpha + (gamma if r[i] < 0 else 0.0)) * r[i] ** 2 + beta * s2
    return [case("synthetic GJR(1,1,1), 1000 days", r, returns=r.tolist())]


def main():
    real = []
    for path, asset, last in REAL:
        first, end, r = returns_to(path, asset, last, WINDOW)
        real.append(case(f"{asset} {WINDOW} returns to {end}", r, file=path.name, asset=asset,
                         firstDate=first, lastDate=end))
    out = {"generator": "make_gjr_fixtures.py", "numpy": np.__version__, "arch": version("arch"),
           "real": real, "synthetic": synthetic()}
    (HERE / "gjr_fixtures.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
