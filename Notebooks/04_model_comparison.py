# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Model comparison: which VaR/ES model holds up on the crypto basket?
#
# `tailrisk backtest --method all` runs every method side by side on the same rolling
# window: the static ones (historical, normal, Cornish–Fisher), filtered historical
# simulation under the EWMA filter (`fhs`) and under GARCH(1,1) refitted on every window
# (`fhs-garch`), and the Monte Carlo laws (`monte-carlo` = normal, `-t`, `-bootstrap`,
# `-fhs`). It ranks them per confidence level by the mean FZ0 score (Patton, Ziegel &
# Chen; losses as fractions of the basket value, lower is better), compares each with
# the best by Diebold–Mariano, and recommends the passing method with the lowest score.
#
# The run behind this notebook (BTC/ETH equal weights, 1,000,000 held constant, 250-day
# window, the shared file's full common history, 2016-04 → 2020-07, 1,565 forecast days):
#
# ```console
# $ tailrisk backtest ../shared/data/crypto_coinmetrics_daily.csv --weights BTC=0.5,ETH=0.5 \
#     --value 1000000 --window 250 --method all --confidence 0.99,0.975 --out Notebooks/output/04_model_comparison
# ```
#
# `Notebooks/run_all.py` runs it before this notebook. It keeps the default 10,000
# Monte Carlo scenarios per day and the full history: about 15 s in the release build on
# the shared 2-core machine (most of it the four Monte Carlo laws; the daily GARCH refit
# is about 2.5 s of CPU), so neither `--from` nor `--scenarios` is cut and the numbers are
# the ones the README's table shows. Run alone, the notebook runs the command itself when
# its output is missing, and skips with a message when `../shared/data` is absent.
#
# Reads `summary.json` (`tests`, `ranking`, `recommendation`) and `exceedances.csv` (long
# form `date,method,confidence,pnl,var,es,exceeded`). Three figures: the rolling 99% VaR
# of each method against the realised losses, the exceedance counts against the expected
# count, and the FZ0 ranking.

# %%
import json
import os
import pathlib
import subprocess
import sys

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from scipy.stats import binom

from notebook_paths import HERE, OUTPUT, ROOT  # noqa: F401 (shared paths)
SOURCE = OUTPUT / "04_model_comparison"
CRYPTO = ROOT.parent / "shared" / "data" / "crypto_coinmetrics_daily.csv"
BINARY = pathlib.Path(os.environ.get("TAILRISK_BINARY", ROOT / ".build" / "release" / "tailrisk"))
COMMAND = ["backtest", str(CRYPTO), "--weights", "BTC=0.5,ETH=0.5", "--value", "1000000", "--window", "250",
           "--method", "all", "--confidence", "0.99,0.975", "--out", str(SOURCE)]

if not (SOURCE / "summary.json").exists():
    if not CRYPTO.exists():
        print(f"skipping the model comparison: {CRYPTO} is not beside the repository (../shared/data is absent)")
        raise SystemExit(0)
    if not BINARY.exists():
        sys.exit(f"{SOURCE} is missing and {BINARY} is not built: run `swift build -c release` first")
    print(f"running {BINARY.name} {' '.join(COMMAND)}")
    subprocess.run([str(BINARY), *COMMAND], check=True, stdout=subprocess.DEVNULL)

summary = json.loads((SOURCE / "summary.json").read_text())
days = pd.read_csv(SOURCE / "exceedances.csv", parse_dates=["date"])
tests = pd.DataFrame(summary["tests"])
ranking = pd.DataFrame(summary["ranking"])
recommended = {r["confidence"]: r["method"] for r in summary["recommendation"]}
methods = list(dict.fromkeys(tests["method"]))  # the order the run gave
levels = sorted(tests["confidence"].unique(), reverse=True)
value = summary["basket"]["value"]
print(f"{summary['forecast_days']} forecast days {summary.get('first_forecast')} → {summary.get('last_forecast')}, "
      f"window {summary['window']}, {summary.get('scenarios_per_day', '?')} Monte Carlo scenarios per day")
print(f"methods: {', '.join(methods)}")

# %% [markdown]
# ## The ranking
#
# Per level, sorted by rank (1 = lowest mean FZ0 among all methods at that level).
# `passes` means the VaR test (Kupiec and Christoffersen conditional coverage p ≥ 5%,
# not red) and the ES test (McNeil–Frey p ≥ 5%) both pass; `dm_p` is the Diebold–Mariano
# p-value of the method's score against the rank-1 method.

# %%
table = ranking.merge(tests[["method", "confidence", "exceedances", "expected_exceedances", "christoffersen_p_cc",
                             "traffic_light", "mcneil_frey_p", "var_pass", "es_pass"]],
                      on=["method", "confidence"], how="left")
table = table.sort_values(["confidence", "rank"], ascending=[False, True])
shown = table[["confidence", "rank", "method", "fz0", "dm_p", "passes", "exceedances", "expected_exceedances",
               "christoffersen_p_cc", "traffic_light", "mcneil_frey_p"]].rename(
    columns={"expected_exceedances": "expected", "christoffersen_p_cc": "cc_p", "traffic_light": "zone",
             "mcneil_frey_p": "mf_p"})
shown["dm_p"] = [("(best)" if r == 1 else "–") if pd.isna(p) else f"{p:.3f}" for p, r in zip(shown["dm_p"], shown["rank"])]
shown["mf_p"] = ["–" if pd.isna(p) else f"{p:.3f}" for p in shown["mf_p"]]
shown["passes"] = shown["passes"].map({True: "yes", False: "no"})
print(shown.to_string(index=False, formatters={
    "confidence": lambda x: f"{x:.1%}", "fz0": lambda x: f"{x:.4f}", "expected": lambda x: f"{x:.1f}",
    "cc_p": lambda x: f"{x:.3f}"}))
for level in levels:
    pick = recommended.get(level)
    print(f"recommendation at {level:.1%}: " + (pick if pick else "none passes its VaR and ES backtests"))

# %% [markdown]
# ## 1. Rolling 99% VaR against the realised losses
#
# Losses are `−P&L` as a percentage of the basket value (gains are left out: only the
# loss side can exceed a VaR). Nine VaR lines on one axis would be unreadable, so the
# methods are split into three panels: the static models, the filtered ones (volatility
# rescaled by EWMA or GARCH), and the Monte Carlo laws without a filter. A marker is an
# exceedance of that method; where several methods of a panel are exceeded on the same
# day their markers sit on the same loss, drawn in decreasing size so each stays visible.
# The scale stops just above the largest loss (12 March 2020, about 40% of the basket);
# a VaR line that goes beyond it is named in the panel with its peak.

# %%
GROUPS = [
    ("static models", ["historical", "normal", "cornish-fisher"]),
    ("filtered historical simulation", ["fhs", "fhs-garch", "monte-carlo-fhs"]),
    ("Monte Carlo laws without a filter", ["monte-carlo", "monte-carlo-t", "monte-carlo-bootstrap"]),
]
grouped = {m for _, group in GROUPS for m in group}
leftover = [m for m in methods if m not in grouped]  # a method added later still gets drawn
if leftover:
    GROUPS.append(("other methods", leftover))
COLOURS = ["tab:blue", "tab:orange", "tab:green"]
MARKERS = [("o", 46), ("s", 26), ("^", 12)]
level = 0.99 if 0.99 in levels else levels[0]
at_level = days[days["confidence"] == level]
realised = at_level[at_level["method"] == methods[0]].set_index("date")["pnl"]
loss_pct = (-realised / value * 100).clip(lower=0)
top = loss_pct.max() * 1.1

fig, axes = plt.subplots(len(GROUPS), 1, figsize=(15, 3.6 * len(GROUPS)), sharex=True, squeeze=False)
for ax, (title, group) in zip(axes[:, 0], GROUPS):
    ax.vlines(loss_pct.index, 0, loss_pct.values, color="0.6", lw=0.8)
    handles = [Line2D([], [], color="0.6", lw=2, label="realised loss")]
    off_scale = []
    for i, method in enumerate(m for m in group if m in methods):
        d = at_level[at_level["method"] == method]
        colour, (marker, size) = COLOURS[i % 3], MARKERS[i % 3]
        hit = d[d["exceeded"]]
        ax.plot(d["date"], d["var"] / value * 100, color=colour, lw=1.1)
        ax.scatter(hit["date"], -hit["pnl"] / value * 100, s=size, marker=marker, facecolors="none",
                   edgecolors=colour, linewidths=1.2, zorder=3)
        handles.append(Line2D([], [], color=colour, marker=marker, markerfacecolor="none", lw=1.1,
                              label=f"{method}: {len(hit)} exceedances"))
        peak = d.loc[d["var"].idxmax()]
        if peak["var"] / value * 100 > top:
            off_scale.append(f"{method} VaR off scale: peaks at {peak['var'] / value:.1%} on {peak['date']:%Y-%m-%d}")
    expected = len(loss_pct) * (1 - level)
    ax.set_title(f"{title}: VaR {level:.0%} (expected {expected:.1f} exceedances in {len(loss_pct)} days)",
                 loc="left", fontsize=11)
    ax.set_ylabel("% of basket value")
    ax.set_ylim(0, top)
    ax.grid(alpha=0.3)
    # below the axes, where it hides no exceedance
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.08), fontsize=9, ncol=4, frameon=False)
    if off_scale:
        ax.text(0.995, 0.97, "\n".join(off_scale), transform=ax.transAxes, ha="right", va="top", fontsize=8.5,
                bbox=dict(facecolor="white", edgecolor="0.7", alpha=0.9))
fig.suptitle(f"Rolling {summary['window']}-day one-day VaR {level:.0%} against the realised loss, "
             f"{' / '.join(summary['assets'])} equal weights, {value:,.0f} held constant, "
             f"{summary.get('first_forecast')} to {summary.get('last_forecast')}", fontsize=12)
fig.tight_layout()
fig.savefig(OUTPUT / "04_rolling_var.png", dpi=110)
plt.show()  # inline under Jupyter
print(f"saved {OUTPUT / '04_rolling_var.png'}")

# %% [markdown]
# ## 2. Exceedances against the expected count
#
# One bar per method and level; the dashed line is the expected count `T(1−α)` and the
# shaded band the central 95% range of a Binomial(`T`, 1−α) count, what a correct model
# would give 19 times out of 20 (the Kupiec test in counts). Colour: green when the VaR
# and the ES test both pass, orange when the VaR test passes but the ES test fails, red
# when the VaR test fails. The label over a bar is the count and the Basel zone.

# %%
STATUS = {"both pass": "#4daf4a", "VaR passes, ES fails": "#ff9f1c", "VaR fails": "#e41a1c"}


def status(row):
    if not row["var_pass"]:
        return "VaR fails"
    return "both pass" if row["es_pass"] else "VaR passes, ES fails"


fig, axes = plt.subplots(1, len(levels), figsize=(7.5 * len(levels), 5.6), squeeze=False)
for ax, level in zip(axes[0], levels):
    rows = tests[tests["confidence"] == level].set_index("method").loc[[m for m in methods if m in
                                                                      set(tests["method"])]]
    n = int(rows["observations"].max())
    expected = rows["expected_exceedances"].max()
    lo, hi = binom.ppf(0.025, n, 1 - level), binom.ppf(0.975, n, 1 - level)
    x = range(len(rows))
    ax.axhspan(lo, hi, color="0.88", zorder=0)
    ax.axhline(expected, color="0.25", ls="--", lw=1)
    bars = ax.bar(x, rows["exceedances"], color=[STATUS[status(r)] for _, r in rows.iterrows()], zorder=2)
    for bar, (_, r) in zip(bars, rows.iterrows()):
        ax.annotate(f"{r['exceedances']}\n{r['traffic_light']}", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(list(x), rows.index, rotation=35, ha="right")
    ax.set_ylim(0, rows["exceedances"].max() * 1.22)
    ax.set_ylabel(f"exceedances in {n} days")
    ax.set_title(f"VaR {level:.1%}: expected {expected:.1f}, 95% binomial range {lo:.0f}–{hi:.0f}", fontsize=11)
    ax.grid(axis="y", alpha=0.3)
handles = [Line2D([], [], color="0.25", ls="--", lw=1, label="expected T(1−α)"),
           Patch(color="0.88", label="central 95% of Binomial(T, 1−α)")]
handles += [Patch(color=c, label=s) for s, c in STATUS.items()]
fig.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=9, frameon=False)
fig.suptitle(f"Exceedances per method against the expected count, {summary.get('first_forecast')} to "
             f"{summary.get('last_forecast')}", fontsize=12)
fig.tight_layout(rect=(0, 0.06, 1, 1))
fig.savefig(OUTPUT / "04_exceedances.png", dpi=110)
plt.show()  # inline under Jupyter
print(f"saved {OUTPUT / '04_exceedances.png'}")

# %% [markdown]
# ## 3. The FZ0 ranking
#
# The mean FZ0 scores of all methods lie close together (a few percent apart),
# so the bars show each method's score **above the best** at that level (0 for rank 1),
# with the mean score itself in the label. The number at the end of a bar is the
# Diebold–Mariano p-value against the rank-1 method: a large p means the data cannot
# tell the two apart. Hatched bars fail a backtest and cannot be recommended; the
# recommended method (the passing one with the lowest score) sits on a yellow band and is
# marked ★ (it is rank 1 when rank 1 passes, so its bar has length 0).

# %%
fig, axes = plt.subplots(1, len(levels), figsize=(7.5 * len(levels), 0.45 * len(methods) + 2.2), squeeze=False)
for ax, level in zip(axes[0], levels):
    rows = ranking[ranking["confidence"] == level].sort_values("rank")
    best = rows["fz0"].min()
    pick = recommended.get(level)
    excess = rows["fz0"] - best
    y = list(range(len(rows)))
    for yi, (_, r), gap in zip(y, rows.iterrows(), excess):
        chosen = r["method"] == pick
        if chosen:
            ax.axhspan(yi - 0.5, yi + 0.5, color="#fff2a8", zorder=0)
        ax.barh(yi, gap, color="#2c7fb8" if r["passes"] else "#bdbdbd", hatch=None if r["passes"] else "///",
                edgecolor="#2c7fb8" if r["passes"] else "#969696", linewidth=0.6, height=0.7, zorder=2)
        note = "best" if pd.isna(r["dm_p"]) else f"DM p {r['dm_p']:.3f}"
        ax.annotate(note + ("  ★ recommended" if chosen else ""), (gap, yi), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=8.5,
                    fontweight="bold" if chosen else "normal")
    ax.set_yticks(y, [f"{int(r['rank'])}. {r['method']} ({r['fz0']:.3f})" for _, r in rows.iterrows()])
    for tick, method in zip(ax.get_yticklabels(), rows["method"]):
        tick.set_fontweight("bold" if method == pick else "normal")
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, excess.max() * 1.45 if excess.max() > 0 else 1)
    ax.set_xlabel("mean FZ0 score minus the best at this level (lower is better)")
    ax.set_title(f"{level:.1%}: recommended " + (pick if pick else "— none passes"), fontsize=11)
    ax.grid(axis="x", alpha=0.3)
fig.legend(handles=[Patch(facecolor="#2c7fb8", label="passes the VaR and the ES test"),
                    Patch(facecolor="#bdbdbd", hatch="///", edgecolor="#969696", label="fails a test"),
                    Patch(facecolor="#fff2a8", label="recommended: lowest score among the passing methods")],
           loc="lower center", ncol=3, fontsize=9, frameon=False)
fig.suptitle("Ranking by mean FZ0 score (method label: rank, method, mean score); "
             "Diebold–Mariano p-value against rank 1", fontsize=12)
fig.tight_layout(rect=(0, 0.05, 1, 1))
fig.savefig(OUTPUT / "04_fz0_ranking.png", dpi=110)
plt.show()  # inline under Jupyter
print(f"saved {OUTPUT / '04_fz0_ranking.png'}")
