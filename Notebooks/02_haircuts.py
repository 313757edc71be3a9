# ---
# jupyter:
#   jupytext:
#     formats: py:percent
# ---

# %% [markdown]
# # Haircuts of a crypto collateral basket
#
# Reads what `tailrisk haircut ... --out DIR` wrote (`summary.json`, `assets.csv`):
# BTC/ETH/LINK collateral against USDC debt, risk measured relative to USDC.
#
# 1. Per asset: the standalone haircut `H_i` (the asset alone, as a lending protocol lists it),
#    the Euler-allocated haircut `h_i` (its share of the basket's tail), and the basket-level
#    figures `H_sum` (no diversification), `H_p` (portfolio) and the credited haircut
#    `H_sum − κ (H_sum − H_p)`.
# 2. The health factor `HF = Σ C_i LT_i / D` after a uniform fall `x` of every collateral price:
#    `HF(x) = HF · (1 − x)`, from asset-level and from allocated thresholds.

# %%
import json
import os
import pathlib

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from notebook_paths import HERE, OUTPUT, ROOT  # noqa: F401 (shared paths)
OUT = OUTPUT
DIR = OUT / "02_haircut"
summary = json.loads((DIR / "summary.json").read_text())
assets = pd.read_csv(DIR / "assets.csv")
basket = summary["basket"]
unit = summary["numeraire"]["name"]
label = (f"{summary['measure'].upper()} {summary['confidence']:.1%}, horizon {summary['horizon']} "
         f"({summary['horizon_method']}), {summary['simulation']['scenarios']:,} scenarios; {summary['method']} "
         f"({summary['distribution']}), {summary['first_date']} to {summary['last_date']}")
assets

# %% Standalone vs allocated vs credited haircuts
fig, ax = plt.subplots(figsize=(11, 4.5))
x = np.arange(len(assets))
width = 0.38
standalone = ax.bar(x - width / 2, 100 * assets["standalone_haircut_floored"], width, label="standalone $H_i$")
allocated = ax.bar(x + width / 2, 100 * assets["allocated_haircut"], width, label="allocated $h_i$ (Euler)")
for bars in (standalone, allocated):
    ax.bar_label(bars, fmt="{:.1f}%", fontsize=8, padding=2)
for value, name, style in [(basket["haircut_sum"], "$H_{sum}$ (no diversification)", ":"),
                           (basket["credited_haircut"], f"credited, κ = {summary['policy']['diversification-credit']}", "-"),
                           (basket["haircut_portfolio"], "$H_p$ (portfolio)", "--")]:
    ax.axhline(100 * value, color="black", linestyle=style, linewidth=1, label=f"{name}: {value:.2%}")
ax.set_xticks(x, assets["asset"])
ax.set_ylabel("haircut, % of value")
ax.set_title(f"Haircuts against {unit} debt\n{label}", fontsize=10)
ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the bars, hiding none
fig.tight_layout()
fig.savefig(OUT / "02_haircuts.png", dpi=120)
plt.show()

# %% Health factor against a uniform market drop
if "health_factor" in basket:
    drop = np.linspace(0, 0.6, 121)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for key, name in [("health_factor", "standalone thresholds"), ("health_factor_allocated", "allocated thresholds")]:
        hf = basket[key]
        ax.plot(100 * drop, hf * (1 - drop), label=f"{name} (HF {hf:.3f})")
        if hf > 1:
            ax.axvline(100 * (1 - 1 / hf), color="grey", linestyle=":", linewidth=1)
    ax.axhline(1, color="red", linewidth=1, label="liquidation (HF = 1)")
    ax.set_xlabel("uniform fall of every collateral price, %")
    ax.set_ylabel("health factor")
    ax.set_title(f"Basket {basket['value']:,.0f} {unit} against debt {basket['debt']:,.0f} {unit} "
                 f"on {summary['valuation_date']}", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(OUT / "02_health_factor.png", dpi=120)
    plt.show()
