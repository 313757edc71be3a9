"""References for the volatility filters, filtered historical simulation and model choice.

Reads the shared price files in ../../../../../shared/data (beside the repository;
not copied here) and writes model_fixtures.json next to this script. Everything
below follows ../shared/docs/methods.md §4 and §8 literally in NumPy; GARCH fits
come from the `arch` package (Kevin Sheppard), version recorded in the output.

(a) EWMA filter (lambda 0.94): sigma^2_1 = mean(r_1^2..r_m^2), m = min(30, T),
    sigma^2_{t+1} = lambda sigma^2_t + (1 - lambda) r_t^2 for t = 1..T; z_t = r_t / sigma_t.
    Deterministic FHS: scenario s is sigma_{T+1} * z_s, exact P&L sum V_i (exp(r_i) - 1);
    for a horizon h the overlapping h-day sums of the scaled residuals. VaR/ES by the
    order statistic and the Acerbi-Tasche ES (k = n alpha, VaR = L_(ceil k)).
    Baskets: $50 BTC + $50 ETH on the last 250 common returns of the crypto file,
    $20 each of AAPL, MSFT, JPM, XOM, KO on the last 1000 common returns of the S&P file.
(b) GARCH(1,1) fits with arch_model(r, mean="Zero", vol="GARCH", p=1, q=1,
    dist="normal", rescale=False) on raw daily log returns: parameters and log-likelihood
    (the reference methods.md names). At that scale arch's optimizer often stops at its
    starting values, so `scaled100` also records arch's fit of 100 r, with omega / 1e4 and
    log-likelihood + T ln 100 in raw units, and the literal log-likelihood at those
    parameters: a harder reference for our optimizer.
(c) FHS with the GARCH filter given arch's fitted parameters (per asset of each basket):
    sigma^2_1 = omega + (alpha + beta) b, b = sum_{i<=tau} 0.94^{i-1} r_i^2 / sum 0.94^{i-1},
    tau = min(75, T); sigma^2_{t+1} = omega + alpha r_t^2 + beta sigma^2_t. Over h days the
    variance of the window starting at s follows its residuals:
    sigma^2_{T+k+1} = omega + alpha sigma^2_{T+k} z^2_{s+k-1} + beta sigma^2_{T+k}.
(d) FZ0 scores (Patton, Ziegel & Chen 2019, losses positive) on synthetic arrays, and the
    Diebold-Mariano statistic with a literal Newey-West (Bartlett, L = floor(T^(1/3)) by
    integer cube root) variance, two-sided p from N(0, 1).

Run: pip install -r ../../../../scripts/requirements.txt; python3 make_model_fixtures.py
"""
import csv
import json
import math
import warnings
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path

import numpy as np
from arch import arch_model
from scipy.stats import norm

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[4] / "shared" / "data"
CRYPTO = DATA / "crypto_coinmetrics_daily.csv"
EQUITY = DATA / "equity_sp500_skfolio_daily.csv"
LEVELS = ["0.99", "0.975"]


def read_wide(path, assets):
    """Dates and log returns between consecutive dates where every asset has a price."""
    with open(path) as f:
        rows = list(csv.reader(f))
    header = rows[0]
    cols = [header.index(a) for a in assets]
    dates, prices = [], []
    for row in rows[1:]:
        cells = [row[c] for c in cols]
        if all(cells):
            dates.append(row[0])
            prices.append([float(x) for x in cells])
    p = np.array(prices)
    return dates[1:], np.log(p[1:] / p[:-1])


# ---------------------------------------------------------------- filters
def ewma_filter(r, lam=0.94):
    T = len(r)
    m = min(30, T)
    s2 = np.empty(T + 1)
    s2[0] = np.mean(r[:m] ** 2)
    for t in range(T):
        s2[t + 1] = lam * s2[t] + (1 - lam) * r[t] ** 2
    return np.sqrt(s2[:T]), math.sqrt(s2[T])


def backcast(r):
    tau = min(75, len(r))
    w = 0.94 ** np.arange(tau)
    return float(np.sum(w * r[:tau] ** 2) / np.sum(w))


def garch_filter(r, omega, alpha, beta):
    T = len(r)
    s2 = np.empty(T + 1)
    s2[0] = omega + (alpha + beta) * backcast(r)
    for t in range(T):
        s2[t + 1] = omega + alpha * r[t] ** 2 + beta * s2[t]
    return np.sqrt(s2[:T]), math.sqrt(s2[T])


def garch_loglik(r, omega, alpha, beta):
    s, _ = garch_filter(r, omega, alpha, beta)
    return float(-0.5 * np.sum(np.log(2 * np.pi) + np.log(s ** 2) + r ** 2 / s ** 2))


def arch_fit(r, scale=1.0):
    """arch's fit of scale * r, with omega and the log-likelihood brought back to r's units."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = arch_model(scale * r, mean="Zero", vol="GARCH", p=1, q=1, dist="normal",
                         rescale=False).fit(disp="off")
    p = res.params
    return {"omega": float(p["omega"]) / scale ** 2, "alpha": float(p["alpha[1]"]), "beta": float(p["beta[1]"]),
            "logLikelihood": float(res.loglikelihood) + len(r) * math.log(scale),
            "convergenceFlag": int(res.convergence_flag)}, res


# ---------------------------------------------------------------- FHS
def fhs_returns(z, next_sigma, h, garch=None):
    """(T - h + 1) x d scenario log returns; garch: list of (omega, alpha, beta) per asset or None."""
    T, d = z.shape
    out = np.zeros((T - h + 1, d))
    for i in range(d):
        for s in range(T - h + 1):
            v = next_sigma[i] ** 2
            total = 0.0
            for k in range(h):
                total += math.sqrt(v) * z[s + k, i]
                if garch is not None:
                    o, a, b = garch[i]
                    v = o + a * v * z[s + k, i] ** 2 + b * v
            out[s, i] = total
    return out


def order_statistic(losses, c):
    n = len(losses)
    k = float(Decimal(n) * (Decimal(1) - Decimal(c)))
    kc = math.ceil(k)
    desc = np.sort(losses)[::-1]
    var = desc[kc - 1]
    es = (desc[: kc - 1].sum() + var * (k - kc + 1)) / k
    return float(var), float(es)


def risk_table(scen, values):
    losses = -(values * np.expm1(scen)).sum(axis=1)
    out = []
    for c in LEVELS:
        v, e = order_statistic(losses, c)
        out.append({"confidence": float(c), "var": v, "es": e})
    return out


def sample_rows(T):
    """Rows whose sigma and residual the fixture keeps (the whole path for short windows)."""
    return list(range(0, T, max(1, T // 25))) + [T - 1]


def basket_case(name, path, assets, window, values, horizons=(1, 10)):
    dates, r = read_wide(path, assets)
    dates, r = dates[-window:], r[-window:]
    T, d = r.shape
    rows = sample_rows(T)
    case = {"file": path.name, "assets": assets, "window": window, "firstDate": dates[0], "lastDate": dates[-1],
            "values": values, "sumSquares": [float(np.sum(r[:, i] ** 2)) for i in range(d)], "rows": rows}
    # (a) EWMA
    sig = np.empty((T, d)); nxt = np.empty(d)
    for i in range(d):
        sig[:, i], nxt[i] = ewma_filter(r[:, i])
    z = r / sig
    case["ewma"] = {"lambda": 0.94, "next": nxt.tolist(),
                    "sigmas": [sig[t].tolist() for t in rows], "residuals": [z[t].tolist() for t in rows],
                    "sumSigmas": sig.sum(axis=0).tolist(),
                    "horizons": [{"horizon": h, "levels": risk_table(fhs_returns(z, nxt, h), np.array(values))}
                                 for h in horizons]}
    # (c) GARCH given arch's parameters
    params, fits = [], []
    sig = np.empty((T, d)); nxt = np.empty(d)
    for i in range(d):
        f, res = arch_fit(r[:, i])
        fits.append(f)
        params.append((f["omega"], f["alpha"], f["beta"]))
        sig[:, i], nxt[i] = garch_filter(r[:, i], *params[-1])
        gap = np.max(np.abs(res.conditional_volatility - sig[:, i]) / sig[:, i])
        assert gap < 1e-10, f"arch's conditional volatility differs from the literal recursion by {gap}"
    z = r / sig
    case["garch"] = {"fits": fits, "next": nxt.tolist(),
                     "sigmas": [sig[t].tolist() for t in rows], "residuals": [z[t].tolist() for t in rows],
                     "sumSigmas": sig.sum(axis=0).tolist(),
                     "horizons": [{"horizon": h, "levels": risk_table(fhs_returns(z, nxt, h, params),
                                                                     np.array(values))} for h in horizons]}
    return case


# ---------------------------------------------------------------- (b) GARCH fits
def garch_series(path, asset, window):
    dates, r = read_wide(path, [asset])
    r = r[:, 0]
    if window is not None:
        dates, r = dates[-window:], r[-window:]
    f, _ = arch_fit(r)
    scaled, _ = arch_fit(r, 100.0)
    scaled["literalLogLikelihood"] = garch_loglik(r, scaled["omega"], scaled["alpha"], scaled["beta"])
    f.update({"scaled100": scaled,"file": path.name, "asset": asset, "window": window, "count": len(r),
              "firstDate": dates[0], "lastDate": dates[-1], "sumSquares": float(np.sum(r ** 2)),
              "literalLogLikelihood": garch_loglik(r, f["omega"], f["alpha"], f["beta"])})
    return f


# ---------------------------------------------------------------- (d) FZ0 and Diebold-Mariano
def fz0(L, q, e, alpha):
    return (L >= q) * (L - q) / (alpha * e) + q / e + np.log(e) - 1


def cube_root_floor(n):
    k = int(round(n ** (1 / 3)))
    while k ** 3 > n:
        k -= 1
    while (k + 1) ** 3 <= n:
        k += 1
    return k


def diebold_mariano(d):
    T = len(d)
    lags = cube_root_floor(T)
    u = d - d.mean()
    lrv = np.dot(u, u) / T
    for j in range(1, lags + 1):
        lrv += 2 * (1 - j / (lags + 1)) * np.dot(u[j:], u[:-j]) / T
    stat = d.mean() / math.sqrt(lrv / T)
    return {"lags": lags, "meanDifference": float(d.mean()), "longRunVariance": float(lrv),
            "statistic": float(stat), "p": float(2 * norm.sf(abs(stat)))}


def model_choice():
    rng = np.random.default_rng(20260101)
    n, alpha = 200, 0.01
    L = rng.standard_t(4, n) * 0.02
    qa = 0.05 + 0.01 * rng.standard_normal(n); ea = qa * 1.3
    qb = 0.045 + 0.015 * rng.standard_normal(n); eb = qb * 1.25
    ea[[3, 50, 120]] = [0.0, -0.01, 0.0]            # days method a cannot score
    eb[[7, 50]] = [-0.02, 0.0]
    sa = np.where(ea > 0, fz0(L, qa, np.where(ea > 0, ea, 1), alpha), np.nan)
    sb = np.where(eb > 0, fz0(L, qb, np.where(eb > 0, eb, 1), alpha), np.nan)
    common = ~np.isnan(sa) & ~np.isnan(sb)
    synthetic = {"alpha": alpha, "losses": L.tolist(), "varA": qa.tolist(), "esA": ea.tolist(),
                 "varB": qb.tolist(), "esB": eb.tolist(),
                 "scoresA": [None if math.isnan(x) else float(x) for x in sa],
                 "scoresB": [None if math.isnan(x) else float(x) for x in sb],
                 "meanA": float(np.nanmean(sa)), "skippedA": int(np.isnan(sa).sum()),
                 "meanB": float(np.nanmean(sb)), "skippedB": int(np.isnan(sb).sum()),
                 "commonDays": int(common.sum()),
                 "dieboldMariano": diebold_mariano(sa[common] - sb[common])}
    # A formula series of 1000 days (L = 10 exactly, where floor(1000 ** (1/3)) in floats gives 9).
    t = np.arange(1000)
    d = 0.05 + np.sin(0.37 * t) + 0.5 * np.cos(0.11 * t) + ((t * 7919) % 13) / 13.0 - 0.5
    formula = {"formula": "0.05 + sin(0.37 t) + 0.5 cos(0.11 t) + ((7919 t) mod 13)/13 - 0.5, t = 0..999",
               "dieboldMariano": diebold_mariano(d)}
    checks = [{"alpha": 0.01, "var": 2.0, "es": 3.0, "loss": 5.0, "score": float(fz0(5.0, 2.0, 3.0, 0.01))},
              {"alpha": 0.01, "var": 2.0, "es": 3.0, "loss": 1.0, "score": float(fz0(1.0, 2.0, 3.0, 0.01))}]
    return {"checks": checks, "synthetic": synthetic, "formula": formula}


def main():
    out = {"generator": "make_model_fixtures.py", "numpy": np.__version__, "arch": version("arch"),
           "baskets": {
               "crypto": basket_case("crypto", CRYPTO, ["BTC", "ETH"], 250, [50.0, 50.0]),
               "equity": basket_case("equity", EQUITY, ["AAPL", "MSFT", "JPM", "XOM", "KO"], 1000, [20.0] * 5),
           }}
    series = []
    for asset in ["BTC", "ETH", "LTC"]:
        for window in [None, 1000, 250]:
            series.append(garch_series(CRYPTO, asset, window))
    for asset in ["AAPL", "MSFT", "JPM", "XOM", "KO"]:
        for window in [None, 1000, 250]:
            series.append(garch_series(EQUITY, asset, window))
    out["garchSeries"] = series
    out["modelChoice"] = model_choice()
    (HERE / "model_fixtures.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
