# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # What a risk committee looks at
#
# One collateral basket (BTC 10, ETH 120, LINK 5,000 against 100,000 USDC of debt), seen
# six ways, each from a `tailrisk … --out DIR` run that `Notebooks/run_all.py` makes first
# (small scenario counts, so the pictures take seconds; the figures move a little with more):
#
# 1. correlations over the whole sample and in the COVID crash (`cov --correlation`, `--from/--to`);
# 2. the method comparison of the main `var` table (`var --method all`);
# 3. the haircut grid, horizon × confidence, simulated against √h scaling (`haircut --grid`, grid.csv);
# 4. current against stressed haircuts (`stress --set-correlation … --depeg …`);
# 5. rolling VaR of the current basket with its exceedances (`backtest`, exceedances.csv);
# 6. the log-scale tail of the historical losses against each model's VaR (`var`, pnl.csv).
#
# Money is in the price currency of the file (US dollars for the Coin Metrics prices;
# the haircut and stress figures are measured in the debt asset, USDC).

# %%
import json
import os
import pathlib

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch


from notebook_paths import HERE, OUTPUT, ROOT  # noqa: F401 (shared paths)
SOURCE = {name: OUTPUT / f"09_{name}" for name in ["cov_all", "cov_stress", "var", "haircut", "stress", "backtest"]}
missing = [str(p) for p in SOURCE.values() if not (p / "summary.json").exists()]
if missing:
    raise SystemExit(f"missing {', '.join(missing)}: run `python3 Notebooks/run_all.py 09_committee.py` first")


def load(name):
    return json.loads((SOURCE[name] / "summary.json").read_text())


def save(fig, filename):
    fig.savefig(OUTPUT / filename, dpi=110)
    plt.show()  # inline under Jupyter
    print(f"saved {OUTPUT / filename}")


CURRENCY = "USD"
UNIT = load("haircut")["numeraire"]["name"]

# %% [markdown]
# ## 1. Correlations: whole sample and the COVID crash
# Left the sample correlation of daily log returns over the whole aligned history,
# middle the same over the stress window, right the change. A committee reads the
# right panel: diversification that vanishes when it is needed.

# %%
cov_all, cov_stress = load("cov_all"), load("cov_stress")
corr_all = pd.read_csv(SOURCE["cov_all"] / "correlation.csv", index_col=0)
corr_stress = pd.read_csv(SOURCE["cov_stress"] / "correlation.csv", index_col=0)
assert list(corr_all.index) == list(corr_stress.index)
fig, axes = plt.subplots(1, 3, figsize=(17, 5.4))
panels = [(corr_all, f"whole sample, {cov_all['first_date']} to {cov_all['last_date']} "
                     f"({cov_all['observations']} returns)", "RdBu_r", (-1, 1)),
          (corr_stress, f"stress window, {cov_stress['first_date']} to {cov_stress['last_date']} "
                        f"({cov_stress['observations']} returns)", "RdBu_r", (-1, 1)),
          (corr_stress - corr_all, "change (stress − whole sample)", "PuOr_r", (-1, 1))]
for k, (ax, (matrix, title, cmap, (lo, hi))) in enumerate(zip(axes, panels)):
    image = ax.imshow(matrix.to_numpy(), cmap=cmap, vmin=lo, vmax=hi)
    names = list(matrix.index)
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right")
    ax.set_yticks(range(len(names)), names)
    for i in range(len(names)):
        for j in range(len(names)):
            v = matrix.iloc[i, j]
            ax.text(j, i, f"{v:+.2f}" if k == 2 else f"{v:.2f}",
                    ha="center", va="center", fontsize=7.5, color="white" if abs(v) > 0.6 else "black")
    ax.set_title(title, fontsize=10)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
fig.suptitle(f"Correlation of daily log returns ({cov_all['estimator']} estimator), whole sample against the "
             "COVID crash", fontsize=12)
fig.tight_layout()
save(fig, "09_correlation.png")

# %% [markdown]
# ## 2. The method comparison of the main `var` table
# VaR and ES of the basket per method at 99% and 97.5%, each bar labelled with its
# amount; a hatched bar is a row the tool itself marks unusable.

# %%
var = load("var")
results = pd.DataFrame(var["results"])
value = var["basket"]["value"]
methods = list(dict.fromkeys(results["method"]))
levels = [c for c in (0.975, 0.99) if c in set(results["confidence"])]
fig, axes = plt.subplots(1, len(levels), figsize=(7.5 * len(levels), 4.8), squeeze=False)
for ax, level in zip(axes[0], levels):
    rows = results[results["confidence"] == level].set_index("method").loc[methods]
    x = np.arange(len(methods))
    for offset, key, colour in [(-0.2, "var", "#3182bd"), (0.2, "es", "#e6550d")]:
        unusable = rows.get("unusable", pd.Series(False, index=rows.index)).fillna(False).astype(bool)
        bars = ax.bar(x + offset, rows[key] / 1e3, width=0.4, color=colour, label=key.upper(),
                      hatch=None, edgecolor="white")
        for bar, bad in zip(bars, unusable):
            if bad:
                bar.set_hatch("///")
        ax.bar_label(bars, labels=[f"{v / 1e3:,.1f}k\n{v / value:.1%}" for v in rows[key]], fontsize=7, padding=2)
    ax.set_xticks(x, methods, rotation=20, ha="right")
    ax.set_ylim(0, rows[["var", "es"]].to_numpy().max() / 1e3 * 1.25)
    ax.set_ylabel(f"one-day loss, thousands {CURRENCY}")
    ax.set_title(f"{level:.1%}", fontsize=11)
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Patch(facecolor="white", edgecolor="0.3", hatch="///", label="unusable (the tool's own mark)"))
    ax.legend(handles=handles, fontsize=8, loc="upper left", ncol=3)
    ax.grid(axis="y", alpha=0.3)
fig.suptitle(f"One-day VaR and ES per method, basket {value:,.0f} {CURRENCY} on {var['last_date']} "
             f"({var['observations']} returns from {var['first_date']})", fontsize=12)
fig.tight_layout()
save(fig, "09_methods.png")
print(results[["method", "confidence", "var", "es", "var_fraction", "es_fraction"]].to_string(index=False))

# %% [markdown]
# ## 3. The haircut grid: horizon × confidence, simulated against √h
# Each collateral asset's standalone haircut, simulated over h daily draws (solid) and
# the one-day figure scaled by √h (dashed); where they part, the √h rule misstates the
# margin period of risk.

# %%
haircut = load("haircut")
grid = pd.read_csv(SOURCE["haircut"] / "grid.csv")
collateral = [a["asset"] for a in haircut["assets"]] if isinstance(haircut["assets"][0], dict) else haircut["assets"]
grid = grid[grid["asset"].isin(collateral)]
fig, axes = plt.subplots(1, len(collateral), figsize=(5.2 * len(collateral), 4.2), squeeze=False, sharey=True)
for ax, asset in zip(axes[0], collateral):
    g = grid[grid["asset"] == asset]
    for level, colour in zip(sorted(g["confidence"].unique()), ["#3182bd", "#e6550d"]):
        d = g[g["confidence"] == level].sort_values("horizon")
        ax.plot(d["horizon"], 100 * d["simulated"], marker="o", color=colour, label=f"{level:.1%} simulated")
        ax.plot(d["horizon"], 100 * d["sqrt_scaled"], marker="x", ls="--", color=colour, label=f"{level:.1%} √h")
        last = d.iloc[-1]
        ax.annotate(f"{last['simulated']:.1%}", (last["horizon"], 100 * last["simulated"]), fontsize=8,
                    xytext=(4, 0), textcoords="offset points", va="center", color=colour)
    ax.set_xticks(sorted(g["horizon"].unique()))
    ax.set_xlabel("horizon (rows of the aligned table, days)")
    ax.set_title(asset, fontsize=11)
    ax.grid(alpha=0.3)
axes[0][0].set_ylabel("standalone haircut, % of value")
axes[0][-1].legend(fontsize=8, loc="upper left")
fig.suptitle(f"Haircut grid, {haircut['measure'].upper()}, {haircut['method']} ({haircut['distribution']}), "
             f"{haircut['simulation']['scenarios']:,} scenarios, measured in {UNIT}, "
             f"{haircut['first_date']} to {haircut['last_date']}", fontsize=11)
fig.tight_layout()
save(fig, "09_haircut_grid.png")

# %% [markdown]
# ## 4. Current against stressed haircuts
# From `stress`: the basket's haircuts today (before) and after a correlation break
# (the collateral pairs set near one) and after a USDC depeg, per asset and for the
# basket ($H_p$ and the credited haircut).

# %%
stress = load("stress")
cases = [(f"correlation break {b['set_correlation']}", b) for b in stress["correlation_breaks"]]
cases += [(f"depeg {d['depeg']}", d) for d in stress["depegs"]]
before = cases[0][1]["before"]
columns = list(before["standalone_haircuts"]) + ["basket $H_p$", "credited"]


def haircut_row(outcome):
    return [outcome["standalone_haircuts"][a] for a in before["standalone_haircuts"]] + \
        [outcome["haircut_portfolio"], outcome["credited_haircut"]]


series = [("today", haircut_row(before))] + [(name, haircut_row(case["after"])) for name, case in cases]
fig, ax = plt.subplots(figsize=(12, 4.8))
x = np.arange(len(columns))
width = 0.8 / len(series)
for k, ((name, row), colour) in enumerate(zip(series, ["#9e9e9e", "#e6550d", "#756bb1", "#31a354"])):
    bars = ax.bar(x - 0.4 + width * (k + 0.5), 100 * np.array(row), width, label=name, color=colour)
    ax.bar_label(bars, fmt="{:.1f}%", fontsize=7, padding=2)
ax.set_xticks(x, columns)
ax.set_ylabel("haircut, % of value")
ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
ax.grid(axis="y", alpha=0.3)
ax.set_title(f"Haircuts today and stressed, {stress['confidence']:.1%}, horizon {stress['horizon']}, "
             f"{stress['distribution']} Monte Carlo, in {UNIT}, valued {stress['valuation_date']}", fontsize=10)
fig.tight_layout()
save(fig, "09_stressed_haircuts.png")

# %% [markdown]
# ## 5. Rolling VaR of the current basket with its exceedances
# Today's quantities held constant through the history; each day's VaR forecast from
# the window before it. Marked: the days whose loss exceeded the forecast.

# %%
backtest = load("backtest")
days = pd.read_csv(SOURCE["backtest"] / "exceedances.csv", parse_dates=["date"])
tests = pd.DataFrame(backtest["tests"])
level = tests["confidence"].max()
fig, ax = plt.subplots(figsize=(14, 5))
ax.plot(days["date"].drop_duplicates(), days.drop_duplicates("date")["pnl"] / 1e3, color="0.6", lw=0.6,
        label="realised P&L")
# hollow markers of decreasing size, so a day exceeded by several methods shows every one
for (method, d), colour, marker, size in zip(days[days["confidence"] == level].groupby("method", sort=False),
                                             ["#3182bd", "#e6550d", "#31a354", "#756bb1"], "osD^", [90, 55, 28, 14]):
    hit = d[d["exceeded"]]
    ax.plot(d["date"], -d["var"] / 1e3, color=colour, lw=1.0, label=f"−VaR {level:.1%} {method}")
    ax.scatter(hit["date"], hit["pnl"] / 1e3, marker=marker, s=size, zorder=3, facecolors="none",
               edgecolors=colour, linewidths=1.3,
               label=f"{method}: {len(hit)} exceedances (expected {len(d) * (1 - level):.1f})")
ax.set_ylabel(f"one-day P&L, thousands {CURRENCY}")
ax.grid(alpha=0.3)
ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, frameon=False)
ax.set_title(f"Rolling {backtest['window']}-day VaR of today's basket ({', '.join(backtest['assets'])}, "
             f"value {backtest['basket']['value']:,.0f} {CURRENCY} held constant), "
             f"{days['date'].min():%Y-%m-%d} to {days['date'].max():%Y-%m-%d}", fontsize=10)
fig.tight_layout()
save(fig, "09_rolling_var.png")
print(tests[["method", "confidence", "exceedances", "expected_exceedances", "kupiec_p", "traffic_light"]]
      .to_string(index=False, float_format=lambda v: f"{v:.3f}"))

# %% [markdown]
# ## 6. The tail: historical losses against each model's
# The historical one-day losses of today's basket (pnl.csv) as P(loss ≥ x) on a log
# scale, and each method's VaR at 95% … 99.9% placed at P = 1 − confidence. A model
# whose points lie left of the historical curve understates the tail there.

# %%
pnl = pd.read_csv(SOURCE["var"] / "pnl.csv")
losses = np.sort(-pnl["pnl"].to_numpy())[::-1]
exceedance = np.arange(1, len(losses) + 1) / len(losses)
fig, ax = plt.subplots(figsize=(10, 5.5))
keep = losses > 0
ax.step(losses[keep] / 1e3, exceedance[keep], where="post", color="black", lw=1.3,
        label=f"historical losses ({len(losses)} days)")
for (method, rows), marker in zip(results.groupby("method", sort=False), "osD^v<>"):
    rows = rows.sort_values("confidence")
    ax.plot(rows["var"] / 1e3, 1 - rows["confidence"], marker=marker, lw=1, label=f"{method} VaR")
ax.set_yscale("log")
ax.set_xlabel(f"one-day loss, thousands {CURRENCY}")
ax.set_ylabel("P(loss ≥ x), log scale")
ax.set_ylim(0.5 / len(losses), 0.2)
ax.set_xlim(0, losses.max() / 1e3 * 1.05)
ax.grid(alpha=0.3, which="both")
ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
ax.set_title(f"Tail of the basket's losses, {var['first_date']} to {var['last_date']}: history against the models",
             fontsize=10)
fig.tight_layout()
save(fig, "09_tail.png")
