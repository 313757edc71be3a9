"""Reference values for the Collateral tests, computed independently with NumPy/SciPy.

Writes report.json next to this script:
- "two_asset": the normal two-asset example of methods.md §4 (linear P&L, 1 day,
  99% VaR): standalone and portfolio haircuts and the EMIR-capped credited haircut.
- "report": a three-asset basket with a hedging asset (negative Euler
  contribution), normal ES at 99%, floors, a liquidity table and a debt; the
  expected rows and basket figures of HaircutCalculator.report (floors on both
  sides of the benefit: H_sum = sum a_i max(H_i, f_i), H_p' = sum a_i max(h_i, f_i)).
Run: python3 make_report.py
"""
import json
import os

import numpy as np
from scipy.stats import norm


def two_asset():
    v = np.array([50.0, 50.0])
    sd = np.array([0.035, 0.045])
    corr = np.array([[1.0, 0.8], [0.8, 1.0]])
    cov = np.outer(sd, sd) * corr
    z = norm.ppf(0.99)
    sigma_p = np.sqrt(v @ cov @ v)
    var_p = z * sigma_p
    var_i = z * sd * v
    h_sum = var_i.sum() / v.sum()
    h_p = var_p / v.sum()
    return {
        "values": v.tolist(),
        "standalone_var": var_i.tolist(),
        "portfolio_var": var_p,
        "haircut_sum": h_sum,
        "haircut_portfolio": h_p,
        "credited_percent": 100 * (h_sum - 0.8 * (h_sum - h_p)),
        "contributions": (v * (cov @ v) / sigma_p * z).tolist(),
    }


def report():
    assets = ["BTC", "ETH", "HEDGE"]
    v = np.array([60.0, 30.0, 10.0])
    q = np.array([0.001, 0.01, 10.0])
    sd = np.array([0.035, 0.045, 0.03])
    corr = np.array([[1.0, 0.8, -0.9], [0.8, 1.0, -0.7], [-0.9, -0.7, 1.0]])
    assert np.linalg.eigvalsh(corr).min() > 0
    cov = np.outer(sd, sd) * corr
    alpha = 0.01
    es_factor = norm.pdf(norm.ppf(1 - alpha)) / alpha
    sigma_p = np.sqrt(v @ cov @ v)
    standalone = es_factor * sd            # ES_i / V_i
    contributions = es_factor * v * (cov @ v) / sigma_p
    allocated = contributions / v
    h_p = es_factor * sigma_p / v.sum()
    floors = {"BTC": 0.01, "ETH": 0.5}
    liquidity = {"BTC": (0.01, 0.001), "ETH": (1.0, 0.002), "HEDGE": (1000.0, 0.01)}
    beta, buffer, kappa, debt = 0.05, 0.05, 0.8, 40.0

    rows = []
    for i, a in enumerate(assets):
        f = floors.get(a, -np.inf)
        hs, ha = max(standalone[i], f), max(allocated[i], f)
        adv, spread = liquidity[a]
        s = sd[i] * np.sqrt(q[i] / adv) + spread / 2
        lt_raw, lta_raw = (1 - hs - s) / (1 + beta), (1 - ha - s) / (1 + beta)
        lt, lta = np.clip(lt_raw, 0, 1 / (1 + beta)), np.clip(lta_raw, 0, 1 / (1 + beta))
        rows.append({
            "asset": a, "standalone": hs, "allocated_raw": allocated[i], "allocated": ha, "addon": s,
            "lt": lt, "lt_clamped": bool(lt != lt_raw), "lt_allocated": lta, "lt_allocated_clamped": bool(lta != lta_raw),
            "ltv": max(0.0, lt - buffer), "ltv_allocated": max(0.0, lta - buffer),
        })
    a_w = v / v.sum()
    h_sum = float(a_w @ np.array([r["standalone"] for r in rows]))
    # Floors on both sides: H_p' = sum a_i max(h_i, f_i) (issue 12).
    h_p_floored = float(a_w @ np.array([r["allocated"] for r in rows]))
    lt = np.array([r["lt"] for r in rows])
    lta = np.array([r["lt_allocated"] for r in rows])
    hf, hfa = v @ lt / debt, v @ lta / debt
    return {
        "inputs": {
            "assets": assets, "quantities": q.tolist(), "values": v.tolist(), "daily_volatility": sd.tolist(),
            "standalone": standalone.tolist(), "allocated": allocated.tolist(), "portfolio": h_p,
            "floors": floors, "liquidity_csv": "asset,adv,spread\n" + "".join(
                f"{a},{adv!r},{spread!r}\n" for a, (adv, spread) in liquidity.items()),
            "bonus": beta, "buffer": buffer, "credit": kappa, "debt": debt,
        },
        "rows": rows,
        "basket": {
            "value": float(v.sum()), "haircut_sum": h_sum, "haircut_portfolio": h_p,
            "haircut_portfolio_floored": h_p_floored,
            "diversification_benefit": 1 - h_p_floored / h_sum,
            "credited": max(h_sum - kappa * (h_sum - h_p_floored), h_p_floored),
            "max_borrow": float(v @ np.array([r["ltv"] for r in rows])),
            "max_borrow_allocated": float(v @ np.array([r["ltv_allocated"] for r in rows])),
            "health_factor": hf, "price_drop": 1 - 1 / hf,
            "health_factor_allocated": hfa, "price_drop_allocated": 1 - 1 / hfa,
        },
    }


if __name__ == "__main__":
    out = {"two_asset": two_asset(), "report": report()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, default=float)
    print(json.dumps(out["two_asset"], indent=1))
    print([(r["asset"], r["allocated_raw"], r["lt_allocated_clamped"]) for r in out["report"]["rows"]])
