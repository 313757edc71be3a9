"""References for the copulas over empirical marginals (methods.md §8).

Reads the shared price files in ../../../../../shared/data (beside the repository;
not copied here) and writes copula_fixtures.json next to this script.

(a) Kendall's tau-b per pair: scipy.stats.kendalltau (variant "b", ties in either
    series counted: tau_b = (n_c - n_d) / sqrt((n_0 - n_1)(n_0 - n_2))), and the
    copula correlation R_ij = sin(pi tau_ij / 2), on the daily log returns of
    BTC, ETH, LTC, XRP, LINK (last 500 common returns of the crypto file) and of
    AAPL, MSFT, JPM, XOM, KO (last 1000 common returns of the S&P file). A tie-heavy
    pair: the crypto BTC and ETH returns rounded to whole percent (stale-price-like ties).
(b) Pseudo-observations u = rank / (T + 1) with average ranks (scipy.stats.rankdata),
    and the empirical marginal quantile by np.interp through (k/(T+1), z_(k)),
    constant outside [1/(T+1), T/(T+1)], at a few u.
(c) t-copula lower tail dependence 2 t_{nu+1}(-sqrt((nu+1)(1-rho)/(1+rho))), and
    C(u, u)/u at u = 0.01 for rho = 0.8, nu = 4 by scipy's multivariate_t CDF (and for
    the Gaussian copula by multivariate_normal's CDF).
(d) nu by maximum pseudo-likelihood with R fixed (two-step estimator): maximize
    sum_t log c(u_t) over nu in [1, 100] with minimize_scalar(method="bounded",
    xatol=1e-8), c = f_{nu,R}(x)/prod f_nu(x_i), x_i = t_nu^{-1}(u_i).
(e) GPD tails: u_hat = F^-1(0.1) (np.interp as in (b)), genpareto.fit(u_hat - z[z < u_hat],
    floc=0) gives (xi, beta); the upper side mirrored: z[z > F^-1(0.9)] - F^-1(0.9). SciPy's
    fit stops at Nelder-Mead's default tolerance, so a polished optimum (Nelder-Mead from
    SciPy's fit, xatol 1e-13) and both log-likelihoods are recorded too.
(f) `cov --tail-dependence` (PairTailDependence): per pair of the crypto basket, the empirical
    lower tail dependence C_n(u,u)/u = #{t: U_ti <= u and U_tj <= u} / (T u) on the
    pseudo-observations of (b) at u = 0.05 and 0.01, and the closed-form t-copula lambda_L at
    the fitted nu of (d) and rho of (a); and the copula diagonals C(u,u) of the t-copula
    (scipy multivariate_t.cdf, randomized QMC, maxpts 2e6, fixed seed) and of the Gaussian
    copula (multivariate_normal.cdf) at a few (rho, nu, u).

Run: python3 make_copula_fixtures.py  (NumPy, SciPy; versions recorded in the output)
"""
import csv
import json
import math
from importlib.metadata import version
from pathlib import Path

import numpy as np
from scipy import stats
from scipy.optimize import minimize, minimize_scalar
from scipy.special import gammaln

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[4] / "shared" / "data"
BASKETS = {
    "crypto": ("crypto_coinmetrics_daily.csv", ["BTC", "ETH", "LTC", "XRP", "LINK"], 500),
    "equity": ("equity_sp500_skfolio_daily.csv", ["AAPL", "MSFT", "JPM", "XOM", "KO"], 1000),
}
PROBES = [0.0005, 0.001, 0.01, 0.0999, 0.25, 0.5, 0.77, 0.9, 0.999, 0.9999]


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


def quantile(z, u):
    t = len(z)
    return float(np.interp(u, np.arange(1, t + 1) / (t + 1), np.sort(z)))


def t_copula_loglik(nu, u, r):
    x = stats.t.ppf(u, nu)
    d = r.shape[0]
    rinv = np.linalg.inv(r)
    _, logdet = np.linalg.slogdet(r)
    q = np.einsum("ti,ij,tj->t", x, rinv, x)
    joint = (gammaln((nu + d) / 2) - gammaln(nu / 2) - d / 2 * math.log(nu * math.pi) - logdet / 2
             - (nu + d) / 2 * np.log1p(q / nu))
    margins = stats.t.logpdf(x, nu).sum(axis=1)
    return float(np.sum(joint - margins))


def gpd_loglik(y, xi, beta):
    return float(np.sum(stats.genpareto.logpdf(y, xi, loc=0, scale=beta))) if beta > 0 else -np.inf


def basket(file, assets, window):
    dates, r = read_wide(DATA / file, assets)
    dates, r = dates[-window:], r[-window:]
    t, d = r.shape
    tau = np.eye(d)
    for i in range(d):
        for j in range(i + 1, d):
            tau[i, j] = tau[j, i] = stats.kendalltau(r[:, i], r[:, j], variant="b").statistic
    corr = np.sin(np.pi * tau / 2)
    u = np.column_stack([stats.rankdata(r[:, i]) / (t + 1) for i in range(d)])
    fit = minimize_scalar(lambda nu: -t_copula_loglik(nu, u, corr), bounds=(1, 100), method="bounded",
                          options={"xatol": 1e-8})
    tails = []
    for i in range(d):
        z = r[:, i]
        lo, hi = quantile(z, 0.1), quantile(z, 0.9)
        side = {}
        for key, y in (("lower", lo - z[z < lo]), ("upper", z[z > hi] - hi)):
            xi, _, beta = stats.genpareto.fit(y, floc=0)
            # genpareto.fit stops at Nelder-Mead's default xtol (1e-4): polish from there to a tight optimum.
            tight = minimize(lambda p: -gpd_loglik(y, p[0], p[1]), [xi, beta], method="Nelder-Mead",
                             options={"xatol": 1e-13, "fatol": 1e-15, "maxiter": 20000})
            side.update({key + "Xi": float(xi), key + "Beta": float(beta), key + "Count": int(len(y)),
                         key + "LogLikelihood": gpd_loglik(y, xi, beta),
                         key + "TightXi": float(tight.x[0]), key + "TightBeta": float(tight.x[1]),
                         key + "TightLogLikelihood": -float(tight.fun)})
        tails.append({"lowerThreshold": lo, "upperThreshold": hi, **side})
    rows = [0, 1, t // 2, t - 1]
    return {
        "file": file, "assets": assets, "window": window, "firstDate": dates[0], "lastDate": dates[-1],
        "sumSquares": [float(x) for x in (r ** 2).sum(axis=0)],
        "kendallTau": tau.tolist(), "correlation": corr.tolist(),
        "rows": rows, "pseudoObservations": [u[k].tolist() for k in rows],
        "probes": PROBES, "quantiles": [[quantile(r[:, i], p) for p in PROBES] for i in range(d)],
        "degreesOfFreedom": float(fit.x), "logLikelihood": -float(fit.fun),
        "logLikelihoodAt4": t_copula_loglik(4.0, u, corr),
        "tails": tails,
    }


def pair_tail_dependence(crypto):
    _, r = read_wide(DATA / crypto["file"], crypto["assets"])
    r = r[-crypto["window"]:]
    t, d = r.shape
    u = np.column_stack([stats.rankdata(r[:, i]) / (t + 1) for i in range(d)])
    nu, levels = crypto["degreesOfFreedom"], [0.05, 0.01]
    pairs = []
    for i in range(d):
        for j in range(i + 1, d):
            rho = crypto["correlation"][i][j]
            counts = [int(np.sum((u[:, i] <= q) & (u[:, j] <= q))) for q in levels]
            pairs.append({"first": i, "second": j, "counts": counts,
                          "empirical": [c / (t * q) for c, q in zip(counts, levels)],
                          "lambda": float(2 * stats.t.cdf(-math.sqrt((nu + 1) * (1 - rho) / (1 + rho)), nu + 1))})
    diagonals = []
    for rho, nu_, q in [(0.858, 3.97, 0.05), (0.5, 4.0, 0.01), (0.3, 1.5, 0.05), (0.9, 30.0, 0.01), (-0.3, 6.0, 0.05)]:
        shape = np.array([[1, rho], [rho, 1]])
        x = stats.t.ppf(q, nu_)
        ct = float(stats.multivariate_t(loc=[0, 0], shape=shape, df=nu_).cdf([x, x], maxpts=2_000_000,
                                                                             random_state=20261202))
        cg = float(stats.multivariate_normal(mean=[0, 0], cov=shape).cdf(stats.norm.ppf([q, q])))
        diagonals.append({"rho": rho, "nu": nu_, "u": q, "tCopula": ct, "gaussianCopula": cg})
    return {"levels": levels, "degreesOfFreedom": nu, "pairs": pairs, "diagonals": diagonals}


def main():
    out = {"numpy": version("numpy"), "scipy": version("scipy"), "baskets": {}}
    for name, (file, assets, window) in BASKETS.items():
        out["baskets"][name] = basket(file, assets, window)
    _, r = read_wide(DATA / BASKETS["crypto"][0], ["BTC", "ETH"])
    x, y = np.round(r[-500:, 0] * 100), np.round(r[-500:, 1] * 100)
    out["ties"] = {"x": x.tolist(), "y": y.tolist(),
                   "tauB": float(stats.kendalltau(x, y, variant="b").statistic),
                   "averageRanks": (stats.rankdata(x) / (len(x) + 1)).tolist()}
    rho, nu, level = 0.8, 4.0, 0.01
    shape = np.array([[1, rho], [rho, 1]])
    q = stats.t.ppf(level, nu)
    mt = stats.multivariate_t(loc=[0, 0], shape=shape, df=nu)
    # scipy integrates by randomized quasi-Monte Carlo: two seeds show its own error.
    runs = [float(mt.cdf([q, q], maxpts=2_000_000, random_state=s)) for s in (20261201, 7)]
    cuu = runs[0]
    g = float(stats.multivariate_normal(mean=[0, 0], cov=shape).cdf(stats.norm.ppf([level, level])))
    out["tailDependence"] = {
        "rho": rho, "nu": nu,
        "lambda": float(2 * stats.t.cdf(-math.sqrt((nu + 1) * (1 - rho) / (1 + rho)), nu + 1)),
        "u": level, "tCopulaRatio": cuu / level, "tCopulaRatioOtherSeed": runs[1] / level, "gaussianCopulaRatio": g / level,
        "extra": [{"rho": rr, "nu": nn,
                   "lambda": float(2 * stats.t.cdf(-math.sqrt((nn + 1) * (1 - rr) / (1 + rr)), nn + 1))}
                  for rr, nn in [(0.3, 2.5), (0.5, 10.0), (-0.2, 1.0), (0.95, 50.0)]],
    }
    out["pairTailDependence"] = pair_tail_dependence(out["baskets"]["crypto"])
    (HERE / "copula_fixtures.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
