# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # The simulated loss distribution, with VaR and ES
#
# Reads what `tailrisk simulate … --out DIR` wrote: `histogram.csv` (every simulated
# portfolio loss, binned; an underflow and an overflow row at the ends), `tail.csv`
# (the largest losses with each asset's P&L, largest first) and `summary.json` (the
# VaR and ES per confidence level, their uncertainty and the Euler ES contributions).
# Left: the whole distribution with VaR and ES marked. Right: the tail, from the
# exported scenarios. Below: what each asset contributes to ES, from the Euler
# allocation and, independently, from the mean P&L of the exported tail scenarios.

# %%
import json
import os
import pathlib

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from notebook_paths import HERE, OUTPUT, ROOT  # noqa: F401 (shared paths)
SOURCE = OUTPUT / "01_simulate"
summary = json.loads((SOURCE / "summary.json").read_text())
histogram = pd.read_csv(SOURCE / "histogram.csv")
tail = pd.read_csv(SOURCE / "tail.csv")
results = pd.DataFrame(summary["results"])
value = summary["basket"]["value"]
n = summary["scenarios"]
assets = list(tail.columns[3:])
CURRENCY = "price currency"  # summary["basket"]["currency_note"]: values are in the file's price currency
MODEL = (f"Monte Carlo ({summary['distribution']}, {summary['estimator']} covariance, {summary['mean']} mean), "
         f"{summary['first_date']} to {summary['last_date']}")
print(f"{n:,} scenarios, seed {summary['seed']}, basket value {value:,.0f}, {len(assets)} assets")
print(results[["confidence", "var", "es", "var_fraction", "es_fraction", "es_se"]].to_string(index=False))

# %% [markdown]
# Consistency of the files: the histogram counts every scenario once, and the
# order statistics of the exported tail reproduce the reported VaR and ES.

# %%
assert histogram["count"].sum() == n, "histogram does not count every scenario"
for _, r in results.iterrows():
    k = int(np.ceil(n * (1 - r["confidence"]) - 1e-9))
    if k <= len(tail):
        top = tail["loss"].to_numpy()[:k]
        print(f"{r['confidence']:.3f}: VaR {r['var']:,.0f} vs {k}-th largest loss {top[-1]:,.0f}; "
              f"ES {r['es']:,.0f} vs mean of the {k} largest {top.mean():,.0f}")

# %%
bins = histogram[np.isfinite(histogram["bin_lower"]) & np.isfinite(histogram["bin_upper"])]
width = bins["bin_upper"] - bins["bin_lower"]
density = bins["count"] / (n * width)
colours = plt.cm.viridis(np.linspace(0.15, 0.75, len(results)))

fig = plt.figure(figsize=(14, 9))
grid = fig.add_gridspec(2, 2, height_ratios=[1.1, 1])
full, zoom, split = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[1, :])

full.bar(bins["bin_lower"] / 1e3, density * 1e3, width=width / 1e3, align="edge", color="#9ecae1", edgecolor="none")
for (_, r), c in zip(results.iterrows(), colours):
    label = f"{r['confidence']:.1%}"
    full.axvline(r["var"] / 1e3, color=c, linestyle="--", label=f"VaR {label} {r['var']:,.0f}")
    full.axvline(r["es"] / 1e3, color=c, linestyle="-", label=f"ES {label} {r['es']:,.0f}")
seen = bins[bins["count"] > 0]
full.set_xlim(seen["bin_lower"].min() / 1e3, seen["bin_upper"].max() / 1e3)
full.set_xlabel(f"loss (thousands, {CURRENCY}; gains are negative)")
full.set_ylabel("density per thousand")
full.set_title(f"Portfolio loss over {summary['horizon']} step(s): {n:,} scenarios", fontsize=10)
# below the axes, where it hides no bar
full.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, frameon=False)

# The tail on a log scale: P(loss ≥ x) from the exported largest losses (rank / scenarios),
# so the far tail is as visible as the body; VaR at confidence c sits where P = 1 − c.
losses = np.sort(tail["loss"].to_numpy())[::-1]
exceedance = np.arange(1, len(losses) + 1) / n
zoom.step(losses / 1e3, exceedance, where="post", color="#e6550d", lw=1.2, label="simulated P(loss ≥ x)")
for (_, r), c in zip(results.iterrows(), colours):
    zoom.axvline(r["var"] / 1e3, color=c, linestyle="--", label=f"VaR {r['confidence']:.1%}")
    zoom.axvline(r["es"] / 1e3, color=c, linestyle="-", label=f"ES {r['confidence']:.1%}")
    zoom.axhline(1 - r["confidence"], color=c, linestyle=":", linewidth=0.8)
    if "var_ci" in r and isinstance(r["var_ci"], list):
        zoom.axvspan(r["var_ci"][0] / 1e3, r["var_ci"][1] / 1e3, color=c, alpha=0.15)
zoom.set_yscale("log")
zoom.set_xlabel(f"loss (thousands, {CURRENCY})")
zoom.set_ylabel("P(loss ≥ x), log scale")
zoom.set_title(f"Tail of the {len(tail):,} largest losses (tail.csv); shaded: 95% VaR intervals", fontsize=10)
zoom.legend(fontsize=8, loc="lower left", framealpha=0.9)  # the curve falls to the right: lower left is empty

# ES contributions at the lowest confidence whose tail tail.csv holds in full: Euler (summary.json)
# against the mean P&L of the same tail scenarios.
tail_size = {c: int(np.ceil(n * (1 - c) - 1e-9)) for c in results["confidence"]}
covered = [c for c, k in tail_size.items() if k <= len(tail)] or [results["confidence"].max()]
low = results[results["confidence"] == min(covered)].iloc[0]
k = min(tail_size[low["confidence"]], len(tail))
from_tail = -tail[assets].iloc[:k].mean()
euler = pd.Series(low["es_contributions"])[assets]
x = np.arange(len(assets))
bars_euler = split.bar(x - 0.2, euler / 1e3, width=0.4, label="Euler ES contribution (summary.json)",
                       color="#3182bd")
bars_tail = split.bar(x + 0.2, from_tail / 1e3, width=0.4, label=f"−mean P&L over the {k:,} largest losses (tail.csv)",
          color="#e6550d")
split.set_xticks(x, assets, rotation=45 if len(assets) > 10 else 0)
if len(assets) <= 12:
    for bars in (bars_euler, bars_tail):
        split.bar_label(bars, fmt="{:,.1f}", fontsize=7, padding=2)
split.set_ylabel(f"thousands, {CURRENCY}")
split.set_title(f"Who carries the {low['confidence']:.1%} ES of {low['es']:,.0f}")
split.axhline(0, color="black", linewidth=0.6)
split.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
fig.suptitle(MODEL, fontsize=11)
fig.tight_layout()
fig.savefig(OUTPUT / "01_loss_distribution.png", dpi=110)
plt.show()
print(f"wrote {OUTPUT / '01_loss_distribution.png'}")
