"""Reference historical replays (methods.md §9) on the shared crypto file.

Writes replay.json next to this script: for a BTC/ETH/DAI basket against USDC
debt, the returns of each window relative to USDC (r_i - r_USDC, log returns of
the dates where all four have a price) applied to today's basket (values
q_i P_i / P_USDC on the last date):

- path V_t = sum_i C_i exp(R_i(t)), pnl_t = sum_i C_i expm1(R_i(t)), R the cumulative sum;
- total loss -pnl_n; worst h-step loss max_k sum_i C_i (1 - exp(sum of h returns from k)),
  earliest on ties; HF_t = sum_i C_i LT_i exp(R_i(t)) / D; liquidated on the first HF_t < 1.

Run: python3 make_replay_fixture.py (needs NumPy, pandas and ../shared/data).
"""
import json
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
PRICES = os.path.join(HERE, "../../../../../shared/data/crypto_coinmetrics_daily.csv")

COLLATERAL = {"BTC": 10.0, "ETH": 120.0, "DAI": 20000.0}
LT = {"BTC": 0.8, "ETH": 0.8, "DAI": 0.9}
CASES = [
    {"from": "2020-03-05", "to": "2020-03-20", "horizon": 1, "debt": 100000.0},
    {"from": "2020-03-05", "to": "2020-03-20", "horizon": 3, "debt": 120000.0},
    {"from": "2020-02-01", "to": "2020-05-31", "horizon": 10, "debt": 110000.0},
]


def main():
    prices = pd.read_csv(PRICES, index_col="date")
    assets = list(COLLATERAL)
    table = prices[assets + ["USDC"]].dropna()
    logp = np.log(table.to_numpy())
    r = np.diff(logp, axis=0)
    rel = r[:, :-1] - r[:, -1:]
    dates = list(table.index)
    ret_dates = dates[1:]
    last = table.to_numpy()[-1]
    values = np.array([COLLATERAL[a] for a in assets]) * last[:-1] / last[-1]
    lts = np.array([LT[a] for a in assets])
    out = {"collateral": COLLATERAL, "lt": LT, "debt_asset": "USDC", "values": values.tolist(), "cases": []}
    for case in CASES:
        rows = [k for k, d in enumerate(ret_dates) if case["from"] <= d <= case["to"]]
        w = rel[rows]
        h, debt = case["horizon"], case["debt"]
        cum = np.cumsum(w, axis=0)
        pnl = np.expm1(cum) @ values
        hf = (np.exp(cum) * values * lts).sum(axis=1) / debt
        losses = []
        for k in range(len(rows) - h + 1):
            s = w[k:k + h].sum(axis=0)
            losses.append(-(values * np.expm1(s)).sum())
        k = int(np.argmax(losses))
        s = w[k:k + h].sum(axis=0)
        below = np.nonzero(hf < 1)[0]
        out["cases"].append({
            **case,
            "returns": len(rows),
            "total_loss": float(-pnl[-1]),
            "worst_loss": float(losses[k]),
            "worst_start": ret_dates[rows[k]],
            "worst_end": ret_dates[rows[k + h - 1]],
            "health_factor_start": float((values * lts).sum() / debt),
            "health_factor_after_worst": float((values * lts * np.exp(s)).sum() / debt),
            "min_health_factor": float(hf.min()),
            "min_health_factor_date": ret_dates[rows[int(np.argmin(hf))]],
            "liquidated_on": ret_dates[rows[below[0]]] if len(below) else None,
            "path_pnl": pnl.tolist(),
            "path_hf": hf.tolist(),
        })
    with open(os.path.join(HERE, "replay.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
