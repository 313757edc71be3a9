"""Kupiec and Christoffersen references on a real series.

Equal-weight BTC/ETH basket ($50 each, constant), daily log returns on the
dates where both have a price in ../../../../../shared/data/crypto_coinmetrics_daily.csv
(the shared data beside the repository; not copied here). For each day
t >= 250 the historical VaR (order statistic, k = 250*alpha, VaR = L_(ceil k),
Acerbi-Tasche ES) is forecast from the 250 exact P&Ls before t with NumPy;
an exceedance is L_t > VaR_t. The exceedance vector goes to vartests'
kupiec_test (PyPI `vartests`, version recorded in the output); Christoffersen's
independence and conditional coverage LRs come from the literal transition-count
formula below. Writes kupiec_btc_eth.json next to this script.
Run: pip install vartests; python3 make_kupiec_fixture.py
"""
import json
from importlib.metadata import version
import math
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import vartests
from scipy.stats import chi2

here = Path(__file__).resolve().parent
csv = here.parents[4] / "shared" / "data" / "crypto_coinmetrics_daily.csv"
prices = pd.read_csv(csv, usecols=["date", "BTC", "ETH"]).dropna()
r = np.log(prices[["BTC", "ETH"]].to_numpy()[1:] / prices[["BTC", "ETH"]].to_numpy()[:-1])
dates = prices["date"].to_numpy()[1:]
values = np.array([50.0, 50.0])
pnl = (values * np.expm1(r)).sum(axis=1)
window = 250


def xlogy(n, x):
    return 0.0 if n == 0 else n * math.log(x)


def christoffersen(hits):
    n = np.zeros((2, 2), dtype=int)
    for a, b in zip(hits[:-1], hits[1:]):
        n[a, b] += 1
    n00, n01, n10, n11 = n[0, 0], n[0, 1], n[1, 0], n[1, 1]
    pi01 = n01 / (n00 + n01) if n00 + n01 else 0.0
    pi11 = n11 / (n10 + n11) if n10 + n11 else 0.0
    pi = (n01 + n11) / (len(hits) - 1)
    lr = -2 * (xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi) - xlogy(n00, 1 - pi01)
               - xlogy(n01, pi01) - xlogy(n10, 1 - pi11) - xlogy(n11, pi11))
    return max(lr, 0.0), [int(n00), int(n01), int(n10), int(n11)]


out = {"source": "crypto_coinmetrics_daily.csv BTC+ETH, $50 each, exact P&L, intersected dates",
       "vartests": version("vartests"),
       "window": window, "firstDate": str(dates[window]), "lastDate": str(dates[-1]),
       "days": int(len(pnl) - window), "levels": []}
for c in ["0.99", "0.975"]:
    k = float(Decimal(window) * (Decimal(1) - Decimal(c)))
    kc = math.ceil(k)
    var, es = [], []
    for t in range(window, len(pnl)):
        desc = np.sort(-pnl[t - window:t])[::-1]
        var.append(desc[kc - 1])
        es.append((desc[: kc - 1].sum() + desc[kc - 1] * (k - kc + 1)) / k)
    var = np.array(var)
    hits = (-pnl[window:] > var).astype(int)
    kup = vartests.kupiec_test(hits, risk_conf_level=float(c))
    lr_ind, counts = christoffersen(hits)
    lr_cc = kup["statistic"] + lr_ind
    out["levels"].append({
        "confidence": float(c),
        "exceeded": "".join(str(h) for h in hits),
        "exceedances": int(hits.sum()),
        "kupiecLR": kup["statistic"], "kupiecP": kup["p-value"],
        "transitions": counts,
        "christoffersenLRInd": lr_ind, "christoffersenPInd": float(chi2.sf(lr_ind, 1)),
        "christoffersenLRCC": lr_cc, "christoffersenPCC": float(chi2.sf(lr_cc, 2)),
    })
    if c == "0.99":  # the forecast series of one level, to check the rolling engine
        out["levels"][-1].update({"var": var.tolist(), "es": [float(x) for x in es]})

(here / "kupiec_btc_eth.json").write_text(json.dumps(out))
