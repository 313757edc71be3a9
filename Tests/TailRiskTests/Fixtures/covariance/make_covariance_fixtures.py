#!/usr/bin/env python3
"""Reference values for the covariance estimators and the positive-definite repair.

Usage: python3 make_covariance_fixtures.py [DATA_DIR]
DATA_DIR defaults to ../../../../../shared/data relative to this script, i.e. the
shared price files beside the repository. Writes covariance_fixtures.json next to
this script. Needs numpy, pandas, scikit-learn; the constant-correlation values are
cross-checked against PyPortfolioOpt when it is importable
(pip install --no-deps pyportfolioopt==1.6.0 scikit-base; its cvxpy is not needed).
Last run with numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1.

Return matrices (written into the JSON, so the Swift tests do not depend on a CSV
reader; rows are dates, columns assets, values r_t = ln(P_t / P_{t-1}) computed as
np.log(P[1:] / P[:-1])):
  crypto       BTC, ETH, LTC, LINK, MKR from crypto_coinmetrics_daily.csv, dates
               where all five have a price (intersect: 2017-12-26 .. 2020-07-27,
               945 prices, 944 returns).
  equity       all 20 assets of equity_sp500_skfolio_daily.csv, the last 501 prices
               (500 returns ending 2022-12-28).
  equity_short the last 16 prices of the same file (15 returns < 20 assets: the
               sample covariance is singular).
  pairwise     the crypto returns with deterministic gaps: asset k (0-based) keeps
               only rows 200k .. 200k+804, the others are NaN; not written again: the
               Swift test rebuilds it from the crypto returns, `step` and `length`.

References:
  sample       np.cov(ddof=1)
  ledoit_wolf  sklearn.covariance.LedoitWolf() (centres, divisor T)
  oas          sklearn.covariance.OAS() (centres, divisor T)
  ewma         a literal loop: seed = mean of r r^T over the first m = min(T, 30)
               returns, then S = lam*S + (1-lam)*outer(r, r) over the rest, lam = 0.94
  ledoit_wolf_cc  literal NumPy transcription of PyPortfolioOpt 1.6.0
               CovarianceShrinkage._ledoit_wolf_constant_correlation (S with ddof=1);
               checked against pypfopt itself when importable
  pairwise     pandas DataFrame.cov() (pairwise complete, ddof=1)
  repair       eigenvalue clipping of the correlation matrix (floor 1e-8, rescaled to
               unit diagonal, variances restored) and Higham (2002) alternating
               projections with Dykstra's correction, eigenvalue floor 1e-8,
               stopping when the relative changes of X and Y and ||Y - X||/||Y|| are
               all <= 1e-10.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.covariance import OAS, LedoitWolf

HERE = Path(__file__).resolve().parent
DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "../../../../../shared/data"
FLOOR = 1e-8
HIGHAM_TOL = 1e-10
LAMBDA = 0.94
WARM_UP = 30


def log_returns(prices):
    p = prices.to_numpy(dtype=float)
    return np.log(p[1:] / p[:-1])


def ewma(r, lam=LAMBDA, warm_up=WARM_UP):
    t, d = r.shape
    m = min(t, warm_up)
    s = np.zeros((d, d))
    for k in range(m):
        s += np.outer(r[k], r[k])
    s /= m
    for k in range(m, t):
        s = lam * s + (1 - lam) * np.outer(r[k], r[k])
    return s


def constant_correlation(returns):
    """PyPortfolioOpt 1.6.0 _ledoit_wolf_constant_correlation, frequency 1."""
    X = returns
    t, n = X.shape
    S = pd.DataFrame(X).cov().to_numpy()
    var = np.diag(S).reshape(-1, 1)
    std = np.sqrt(var)
    _var = np.tile(var, (n,))
    _std = np.tile(std, (n,))
    r_bar = (np.sum(S / (_std * _std.T)) - n) / (n * (n - 1))
    F = r_bar * (_std * _std.T)
    F[np.eye(n) == 1] = var.reshape(-1)
    Xm = X - X.mean(axis=0)
    y = Xm**2
    pi_mat = np.dot(y.T, y) / t - 2 * np.dot(Xm.T, Xm) * S / t + S**2
    pi_hat = np.sum(pi_mat)
    term1 = np.dot((Xm**3).T, Xm) / t
    help_ = np.dot(Xm.T, Xm) / t
    help_diag = np.diag(help_)
    term2 = np.tile(help_diag, (n, 1)).T * S
    term3 = help_ * _var
    term4 = _var * S
    theta_mat = term1 - term2 - term3 + term4
    theta_mat[np.eye(n) == 1] = np.zeros(n)
    rho_hat = sum(np.diag(pi_mat)) + r_bar * np.sum(np.dot((1 / std), std.T) * theta_mat)
    gamma_hat = np.linalg.norm(S - F, "fro") ** 2
    kappa_hat = (pi_hat - rho_hat) / gamma_hat
    delta = max(0.0, min(1.0, kappa_hat / t))
    return delta * F + (1 - delta) * S, delta


def check_against_pypfopt(returns, cov, delta):
    if "pypfopt" in sys.modules:
        from pypfopt.risk_models import CovarianceShrinkage
    else:
        try:  # pypfopt's package __init__ needs cvxpy; load risk_models on its own
            import importlib.util
            import types

            spec = importlib.util.find_spec("pypfopt")
            if spec is None:
                return "pypfopt not installed"
            pkg = types.ModuleType("pypfopt")
            pkg.__path__ = list(spec.submodule_search_locations)
            sys.modules["pypfopt"] = pkg
            from pypfopt.risk_models import CovarianceShrinkage
        except Exception as e:  # noqa: BLE001
            sys.modules.pop("pypfopt", None)
            return f"pypfopt not importable: {e}"
    cs = CovarianceShrinkage(pd.DataFrame(returns), returns_data=True, frequency=1)
    ref = cs.ledoit_wolf(shrinkage_target="constant_correlation").to_numpy()
    assert abs(cs.delta - delta) < 1e-14, (cs.delta, delta)
    assert np.max(np.abs(ref - cov)) <= 1e-14 * np.max(np.abs(cov))
    return "matches pypfopt 1.6.0"


def to_correlation(sigma):
    s = np.sqrt(np.diag(sigma))
    return sigma / np.outer(s, s), s


def clip(sigma, floor=FLOOR):
    c, s = to_correlation(sigma)
    w, v = np.linalg.eigh(c)
    c = (v * np.maximum(w, floor)) @ v.T
    c = c / np.sqrt(np.outer(np.diag(c), np.diag(c)))
    np.fill_diagonal(c, 1.0)
    return c * np.outer(s, s)


def higham(a, floor=FLOOR, tol=HIGHAM_TOL, max_iter=10_000):
    """Higham (2002), Algorithm 3.3, with an eigenvalue floor in the PSD projection."""
    y = a.copy()
    x = a.copy()
    ds = np.zeros_like(a)
    for k in range(1, max_iter + 1):
        r = y - ds
        w, v = np.linalg.eigh(r)
        x_new = (v * np.maximum(w, floor)) @ v.T
        x_new = (x_new + x_new.T) / 2
        ds = x_new - r
        y_new = x_new.copy()
        np.fill_diagonal(y_new, 1.0)
        fro = np.linalg.norm
        dx = fro(x_new - x) / fro(x_new)
        dy = fro(y_new - y) / fro(y_new)
        dxy = fro(y_new - x_new) / fro(y_new)
        x, y = x_new, y_new
        if max(dx, dy, dxy) <= tol:
            return y, k
    raise RuntimeError("Higham did not converge")


def estimators(r):
    lw = LedoitWolf().fit(r)
    oas = OAS().fit(r)
    cc, cc_delta = constant_correlation(r)
    return {
        "mean": r.mean(axis=0).tolist(),
        "sample": np.cov(r, rowvar=False, ddof=1).tolist(),
        "ledoit_wolf": lw.covariance_.tolist(),
        "ledoit_wolf_shrinkage": float(lw.shrinkage_),
        "oas": oas.covariance_.tolist(),
        "oas_shrinkage": float(oas.shrinkage_),
        "ewma": ewma(r).tolist(),
        "ledoit_wolf_cc": cc.tolist(),
        "ledoit_wolf_cc_shrinkage": float(cc_delta),
        "ledoit_wolf_cc_check": check_against_pypfopt(r, cc, cc_delta),
    }


def pairwise_mask(t, d, step=200, length=805):
    keep = np.zeros((t, d), dtype=bool)
    for k in range(d):
        keep[step * k : step * k + length, k] = True
    return keep


def repair_case(sigma):
    c, s = to_correlation(sigma)
    h, iterations = higham(c)
    return {
        "sigma": sigma.tolist(),
        "min_eigenvalue": float(np.linalg.eigvalsh(sigma)[0]),
        "clipped": clip(sigma).tolist(),
        "higham_correlation": h.tolist(),
        "higham_iterations": iterations,
        "higham": (h * np.outer(s, s)).tolist(),
    }


def main():
    crypto_prices = pd.read_csv(DATA / "crypto_coinmetrics_daily.csv", index_col="date")
    crypto_assets = ["BTC", "ETH", "LTC", "LINK", "MKR"]
    crypto = crypto_prices[crypto_assets].dropna(how="any")
    equity_prices = pd.read_csv(DATA / "equity_sp500_skfolio_daily.csv", index_col="date")
    cases = {}
    for name, prices in [
        ("crypto", crypto),
        ("equity", equity_prices.iloc[-501:]),
        ("equity_short", equity_prices.iloc[-16:]),
    ]:
        r = log_returns(prices)
        cases[name] = {
            "assets": list(prices.columns),
            "first_price_date": prices.index[0],
            "dates": list(prices.index[1:]),
            "returns": r.tolist(),
            **estimators(r),
        }
    r = log_returns(crypto)
    keep = pairwise_mask(*r.shape)
    gappy = np.where(keep, r, np.nan)
    pairwise = pd.DataFrame(gappy).cov(min_periods=2).to_numpy()
    hand = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.9], [0.1, 0.9, 1.0]])
    vols = np.array([0.2, 0.3, 0.1])
    out = {
        "generator": "make_covariance_fixtures.py",
        "lambda": LAMBDA,
        "warm_up": WARM_UP,
        "floor": FLOOR,
        "higham_tolerance": HIGHAM_TOL,
        "cases": cases,
        "pairwise": {
            "source": "crypto",
            "step": 200,
            "length": 805,
            "covariance": pairwise.tolist(),
            "mean": np.nanmean(gappy, axis=0).tolist(),
            "repair": repair_case(pairwise),
        },
        "hand_made": {"vols": vols.tolist(), "repair": repair_case(hand * np.outer(vols, vols))},
    }
    path = HERE / "covariance_fixtures.json"
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    for name, case in cases.items():
        print(name, np.shape(case["returns"]), case["ledoit_wolf_cc_check"])
    print("pairwise min eigenvalue", out["pairwise"]["repair"]["min_eigenvalue"],
          "higham iterations", out["pairwise"]["repair"]["higham_iterations"])
    print("hand-made min eigenvalue", out["hand_made"]["repair"]["min_eigenvalue"],
          "higham iterations", out["hand_made"]["repair"]["higham_iterations"])
    print("wrote", path)


if __name__ == "__main__":
    main()
