# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Liquidation cascades: forced sales that move prices, and bad debt at risk
#
# `tailrisk stress --accounts BOOK` runs the round-by-round cascade of methods.md §9 on a
# lending book: every account with `HF < 1` is liquidated (close factor 0.5 at `HF ≥ 0.95`,
# else 1; collateral worth `r(1 + β)` seized, largest position first; all of it when the
# account holds less), the seized collateral is sold, and the cumulative square-root impact
# `P = P0 exp(−Y σ √(Q/ADV))` pushes the price down for the next round. The book is the
# synthetic one of `scripts/make_synthetic_book.py` (10,000 accounts borrowing USDC against
# BTC and ETH, fixed seed), the depth `Data/cascade_liquidity.csv` (on-chain-sized ADV:
# 2,000 BTC, 60,000 ETH per day). Three runs, all measured in USDC:
#
# ```console
# $ tailrisk stress ../shared/data/crypto_coinmetrics_daily.csv --accounts Data/synthetic_book.csv \
#     --lt ETH=0.8,BTC=0.75 --liquidity Data/cascade_liquidity.csv --from 2019-01-01 \
#     --replay 2020-03-05:2020-03-20 --out Notebooks/output/07_cascade_replay
# $ tailrisk stress … --monte-carlo --scenarios 20000 --horizon 10 --dist t --out Notebooks/output/07_cascade_mc
# $ tailrisk stress … --recommend-lt --lt-grid 0.3:0.9:0.05 --scenarios 2000 --horizon 10 --dist t \
#     --out Notebooks/output/07_cascade_lt
# ```
#
# `Notebooks/run_all.py` runs them before this notebook; run alone, the notebook runs them
# when their output is missing, and skips with a message when `../shared/data` is absent.

# %%
import json
import os
import pathlib
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

ROOT = pathlib.Path.cwd() if (pathlib.Path.cwd() / "Package.swift").exists() else pathlib.Path.cwd().parent
OUTPUT = pathlib.Path(os.environ.get("TAILRISK_NOTEBOOK_OUTPUT", ROOT / "Notebooks" / "output"))
CRYPTO = ROOT.parent / "shared" / "data" / "crypto_coinmetrics_daily.csv"
BINARY = pathlib.Path(os.environ.get("TAILRISK_BINARY", ROOT / ".build" / "release" / "tailrisk"))
BASE = ["--accounts", str(ROOT / "Data" / "synthetic_book.csv"), "--lt", "ETH=0.8,BTC=0.75",
        "--liquidity", str(ROOT / "Data" / "cascade_liquidity.csv"), "--from", "2019-01-01"]
RUNS = {
    "07_cascade_replay": ["--replay", "2020-03-05:2020-03-20"],
    "07_cascade_mc": ["--monte-carlo", "--scenarios", "20000", "--horizon", "10", "--dist", "t"],
    "07_cascade_lt": ["--recommend-lt", "--lt-grid", "0.3:0.9:0.05", "--scenarios", "2000", "--horizon", "10",
                      "--dist", "t"],
}
for folder, flags in RUNS.items():
    if (OUTPUT / folder / "summary.json").exists():
        continue
    if not CRYPTO.exists():
        print(f"skipping the cascades: {CRYPTO} is not beside the repository (../shared/data is absent)")
        raise SystemExit(0)
    if not BINARY.exists():
        sys.exit(f"{OUTPUT / folder} is missing and {BINARY} is not built: run `swift build -c release` first")
    command = [str(BINARY), "stress", str(CRYPTO), *BASE, *flags, "--out", str(OUTPUT / folder)]
    print("running", " ".join(command[1:]))
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
summary = {f: json.loads((OUTPUT / f / "summary.json").read_text()) for f in RUNS}

# %% [markdown]
# ## One cascade: the March-2020 replay
#
# The window's returns (relative to USDC) move today's prices; round 0 is the shocked
# market before any liquidation, each later row the market after that round's sales.
# Bad debt is `Σ max(0, d_k − Σ c P)` at market prices after each round.

# %%
rounds = pd.read_csv(OUTPUT / "07_cascade_replay" / "cascade_rounds.csv")
c = summary["07_cascade_replay"]["cascades"][0]["cascade"]
print(f"{c['rounds']} rounds, {c['liquidations']} liquidations, liquidated {c['liquidated_value']:,.0f} USDC, "
      f"bad debt {c['bad_debt']:,.0f} USDC, capped: {c['capped']}")
print(rounds[["round", "liquidations", "seized_value", "bad_debt", "price_BTC", "price_ETH"]].to_string(index=False))
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for asset, color in [("BTC", "tab:orange"), ("ETH", "tab:blue")]:
    axes[0].plot(rounds["round"], rounds[f"price_{asset}"] / rounds[f"price_{asset}"].iloc[0] * 100,
                 marker="o", color=color, label=asset)
axes[0].set(xlabel="round", ylabel="market price, % of the shocked price", title="price path through the cascade")
axes[0].legend()
axes[1].bar(rounds["round"], rounds["seized_value"] / 1e6, color="0.7", label="seized this round")
axes[1].plot(rounds["round"], rounds["bad_debt"] / 1e6, marker="o", color="tab:red", label="bad debt after the round")
axes[1].set(xlabel="round", ylabel="million USDC", title="liquidations and bad debt per round")
axes[1].legend()
fig.tight_layout()
fig.savefig(OUTPUT / "07_cascade_rounds.png", dpi=120)

# %% [markdown]
# ## Bad debt over Monte Carlo shocks
#
# 10-day shocks of the fitted Student-t model (relative to USDC), one cascade each; the
# protocol's bad-debt VaR is a high quantile of bad debt, liquidations at risk the same
# quantile of the liquidated value, each with its 95% order-statistic interval.

# %%
mc = summary["07_cascade_mc"]["monte_carlo"]
shocks = pd.read_csv(OUTPUT / "07_cascade_mc" / "monte_carlo_shocks.csv")
for level, v in mc["bad_debt_var"].items():
    lar = mc["liquidations_at_risk"][level]
    print(f"{float(level):.0%}: bad-debt VaR {v['value']:,.0f} [{v['ci95_low']:,.0f}, {v['ci95_high']:,.0f}], "
          f"LaR {lar['value']:,.0f}")
print(f"P(bad debt > 0) = {mc['probability_of_bad_debt']:.2%}, mean {mc['mean_bad_debt']:,.0f} USDC")
positive = shocks["bad_debt"][shocks["bad_debt"] > 0]
fig, ax = plt.subplots(figsize=(7, 4))
if len(positive):
    ax.hist(positive / 1e6, bins=np.logspace(np.log10(max(positive.min(), 1) / 1e6), np.log10(positive.max() / 1e6), 40),
            color="tab:red", alpha=0.7)
    ax.set_xscale("log")
for level, v in mc["bad_debt_var"].items():
    if v["value"] > 0:
        ax.axvline(v["value"] / 1e6, color="k", ls="--", lw=1)
        ax.text(v["value"] / 1e6, ax.get_ylim()[1] * 0.9, f" VaR {float(level):.0%}", fontsize=8)
ax.set(xlabel="bad debt, million USDC (shocks with bad debt only)", ylabel="shocks",
       title=f"bad debt over {mc['shocks']:,} shocks ({len(positive):,} with bad debt)")
fig.tight_layout()
fig.savefig(OUTPUT / "07_bad_debt_distribution.png", dpi=120)

# %% [markdown]
# ## Recommended against haircut-based thresholds
#
# For each asset, each grid LT re-levers the book (every account borrows the same share of
# its borrowing power) and runs the same shocks; the recommended LT is the largest whose
# 99% VaR of the bad debt attributed to the asset (each account's bad debt split over its
# collateral by value) stays within 0.1% of the debt attributed to it. The haircut's LT(H) is
# `(1 − H)/(1 + β)` from the 99% ES of the asset alone (methods.md §5), without the
# liquidity add-on (which would sell the whole book at once), from the same 2,000 scenarios.

# %%
scan = pd.read_csv(OUTPUT / "07_cascade_lt" / "lt_scan.csv")
rec = summary["07_cascade_lt"]["recommended_lt"]
fig, axes = plt.subplots(1, len(rec), figsize=(5.5 * len(rec), 4), squeeze=False)
for ax, (asset, r) in zip(axes[0], rec.items()):
    s = scan[scan["asset"] == asset]
    ax.plot(s["lt"], s["bad_debt_var"] / s["asset_debt"] * 100, marker="o",
            label="99% VaR of the bad debt attributed to the asset")
    ax.axhline(0.1, color="0.4", ls=":", label="tolerance 0.1%")
    if r["recommended"] is not None:
        ax.axvline(r["recommended"], color="tab:green", label=f"recommended {r['recommended']:.2f}")
    if r["haircut_lt"] is not None:
        ax.axvline(r["haircut_lt"], color="tab:purple", ls="--", label=f"haircut LT(H) {r['haircut_lt']:.2f}")
    ax.set(xlabel=f"LT of {asset}", ylabel=f"% of the debt attributed to {asset}", title=asset)
    ax.legend(fontsize=8)
    print(f"{asset}: current {r['current']:.2f}, recommended {r['recommended']}, haircut LT(H) {r['haircut_lt']:.3f}")
fig.tight_layout()
fig.savefig(OUTPUT / "07_recommended_lt.png", dpi=120)
