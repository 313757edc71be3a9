"""Cornish-Fisher (modified) VaR and ES: a literal Python port of
PerformanceAnalytics' VaR.CornishFisher / operES.CornishFisher and Ipower
(R package PerformanceAnalytics, R/VaR.CornishFisher.R and R/ES.CornishFisher.R).

Writes cornish_fisher.json next to this script with three P&L samples:
Student-t (fat tails), a right-skewed one (lognormal gains) and a left-skewed
one (negative lognormal), each at 95%, 97.5%, 99%.
Run: python3 make_cornish_fisher_fixture.py
"""
import json
from pathlib import Path

import numpy as np
from scipy.stats import norm


def centeredmoment(r, power):
    location = np.mean(r)
    return np.mean((r - location) ** power)


def Ipower(power, h):
    fullprod = 1.0
    if power % 2 == 0:
        pstar = power // 2
        for j in range(1, pstar + 1):
            fullprod = fullprod * (2 * j)
        I = fullprod * norm.pdf(h)
        for i in range(1, pstar + 1):
            prod = 1.0
            for j in range(1, i + 1):
                prod = prod * (2 * j)
            I = I + (fullprod / prod) * (h ** (2 * i)) * norm.pdf(h)
    else:
        pstar = (power - 1) // 2
        for j in range(0, pstar + 1):
            fullprod = fullprod * ((2 * j) + 1)
        I = -fullprod * norm.cdf(h)
        for i in range(0, pstar + 1):
            prod = 1.0
            for j in range(0, i + 1):
                prod = prod * ((2 * j) + 1)
            I = I + (fullprod / prod) * (h ** ((2 * i) + 1)) * norm.pdf(h)
    return I


def VaR_CornishFisher(R, p):
    alpha = 1 - p
    z = norm.ppf(alpha)
    m2 = centeredmoment(R, 2)
    skew = centeredmoment(R, 3) / m2 ** 1.5
    exkurt = centeredmoment(R, 4) / m2 ** 2 - 3
    h = z + (1 / 6) * (z ** 2 - 1) * skew + (1 / 24) * (z ** 3 - 3 * z) * exkurt \
        - (1 / 36) * (2 * z ** 3 - 5 * z) * skew ** 2
    VaR = np.mean(R) + h * np.sqrt(m2)
    return -VaR


def operES_CornishFisher(R, p, r=2):
    alpha = 1 - p
    z = norm.ppf(alpha)
    location = np.mean(R)
    m2 = centeredmoment(R, 2)
    m3 = centeredmoment(R, 3)
    m4 = centeredmoment(R, 4)
    skew = m3 / m2 ** (3 / 2)
    exkurt = m4 / m2 ** 2 - 3
    h = z + (1 / 6) * (z ** 2 - 1) * skew
    if r == 2:
        h = h + (1 / 24) * (z ** 3 - 3 * z) * exkurt - (1 / 36) * (2 * z ** 3 - 5 * z) * skew ** 2
    MES = norm.pdf(h)
    MES = MES + (1 / 24) * (Ipower(4, h) - 6 * Ipower(2, h) + 3 * norm.pdf(h)) * exkurt
    MES = MES + (1 / 6) * (Ipower(3, h) - 3 * Ipower(1, h)) * skew
    MES = MES + (1 / 72) * (Ipower(6, h) - 15 * Ipower(4, h) + 45 * Ipower(2, h) - 15 * norm.pdf(h)) * (skew ** 2)
    MES = -location - np.sqrt(m2) * min(-MES / alpha, h)
    return MES


rng = np.random.default_rng(7)
samples = {
    "studentT": 100.0 * 0.02 * rng.standard_t(df=5, size=500),
    "rightSkewed": 100.0 * (rng.lognormal(0.0, 0.5, size=400) - 1.1),
    "leftSkewed": -100.0 * (rng.lognormal(0.0, 0.5, size=400) - 1.1),
}
levels = [0.95, 0.975, 0.99]
out = []
for name, x in samples.items():
    m2 = centeredmoment(x, 2)
    out.append({
        "name": name,
        "pnl": x.tolist(),
        "mean": float(np.mean(x)),
        "m2": float(m2),
        "skewness": float(centeredmoment(x, 3) / m2 ** 1.5),
        "excessKurtosis": float(centeredmoment(x, 4) / m2 ** 2 - 3),
        "levels": [{"confidence": p, "var": float(VaR_CornishFisher(x, p)),
                    "es": float(operES_CornishFisher(x, p))} for p in levels],
    })

Path(__file__).with_name("cornish_fisher.json").write_text(json.dumps(out, indent=1))
