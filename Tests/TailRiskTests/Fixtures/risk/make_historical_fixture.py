"""Historical VaR/ES of 250 Student-t P&L values under both quantile conventions.

Writes historical_student_t.json next to this script. References:
- linear: numpy.quantile(losses, c, method="linear"); ES = mean of losses >= VaR
  (PerformanceAnalytics' convention);
- order statistic: sort losses descending, k = n*alpha computed in exact
  decimal arithmetic, VaR = L_(ceil k), Acerbi-Tasche ES.
Run: python3 make_historical_fixture.py
"""
import json
import math
from decimal import Decimal
from pathlib import Path

import numpy as np

rng = np.random.default_rng(20240611)
n = 250
pnl = 1000.0 * 0.02 * rng.standard_t(df=4, size=n)  # $1000 position, 2% scale
losses = -pnl
levels = ["0.95", "0.975", "0.99"]

out = {"pnl": pnl.tolist(), "levels": []}
for c in levels:
    conf = float(c)
    k_dec = Decimal(n) * (Decimal(1) - Decimal(c))
    k = float(k_dec)
    kc = math.ceil(k_dec)
    desc = np.sort(losses)[::-1]
    var_os = desc[kc - 1]
    es_os = (desc[: kc - 1].sum() + var_os * (k - kc + 1)) / k
    var_lin = float(np.quantile(losses, conf, method="linear"))
    es_lin = float(losses[losses >= var_lin].mean())
    out["levels"].append({
        "confidence": conf,
        "orderStatistic": {"var": float(var_os), "es": float(es_os)},
        "linear": {"var": var_lin, "es": es_lin},
    })

Path(__file__).with_name("historical_student_t.json").write_text(json.dumps(out, indent=1))
