# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Backtest: realised P&L against the VaR and ES forecasts
#
# Reads what `tailrisk backtest … --out DIR` wrote: `exceedances.csv` (one row per
# day, method and confidence: realised P&L, the VaR and ES forecast the day before,
# and whether the loss exceeded the VaR) and `summary.json` (the `tests` array).
# One panel per method: the realised P&L, −VaR and −ES over time with the
# exceedances marked, and the coverage and ES tests in a table beside.

# %%
import json
import os
import pathlib

import matplotlib.pyplot as plt
import pandas as pd

from notebook_paths import HERE, OUTPUT, ROOT  # noqa: F401 (shared paths)
SOURCE = OUTPUT / "03_backtest"
days = pd.read_csv(SOURCE / "exceedances.csv", parse_dates=["date"])
summary = json.loads((SOURCE / "summary.json").read_text())
tests = pd.DataFrame(summary["tests"])
confidence = tests["confidence"].max()
methods = list(dict.fromkeys(tests["method"]))
print(f"{summary['forecast_days']} forecast days, window {summary['window']}, methods {methods}")

# %% [markdown]
# The test table: exceedances against the expected count, Kupiec and Christoffersen
# p-values, the Basel zone, McNeil–Frey and Acerbi–Szekely Z2.

# %%
columns = ["method", "confidence", "exceedances", "expected_exceedances", "kupiec_p", "christoffersen_p_ind",
           "christoffersen_p_cc", "traffic_light", "mcneil_frey_p", "acerbi_szekely_z2"]
print(tests[columns].to_string(index=False, float_format=lambda x: f"{x:.3f}"))


# %%
def cell(row, key, digits=3):
    value = row[key]
    return "–" if value is None or pd.isna(value) else f"{value:.{digits}f}"


zone_colour = {"green": "#c7e9c0", "yellow": "#fff3b0", "red": "#f4b6b6"}
fig, axes = plt.subplots(len(methods), 2, figsize=(15, 3.2 * len(methods)), squeeze=False,
                         gridspec_kw={"width_ratios": [3, 1.25]})
for (ax, side), method in zip(axes, methods):
    d = days[(days["method"] == method) & (days["confidence"] == confidence)]
    hit = d[d["exceeded"]]
    ax.plot(d["date"], d["pnl"], color="0.55", lw=0.6, label="realised P&L")
    ax.plot(d["date"], -d["var"], color="tab:blue", lw=1.0, label=f"−VaR {confidence:.1%}")
    ax.plot(d["date"], -d["es"], color="tab:purple", lw=1.0, ls="--", label=f"−ES {confidence:.1%}")
    ax.scatter(hit["date"], hit["pnl"], color="tab:red", s=16, zorder=3, label=f"exceedances ({len(hit)})")
    ax.set_title(f"{method}: {len(hit)} exceedances in {len(d)} days (expected {len(d) * (1 - confidence):.1f}), "
                 f"{d['date'].min():%Y-%m-%d} to {d['date'].max():%Y-%m-%d}", fontsize=10)
    ax.set_ylabel("one-day P&L (price currency)")
    # below the axes, where it hides no point
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), fontsize=8, ncol=4, frameon=False)
    ax.grid(alpha=0.3)
    side.axis("off")
    rows = tests[tests["method"] == method]
    text = [["conf", "exc", "Kupiec p", "CC p", "zone", "MF p", "Z2"]]
    colours = [["white"] * 7]
    for _, r in rows.iterrows():
        text.append([f"{r['confidence']:.1%}", str(r["exceedances"]), cell(r, "kupiec_p"),
                     cell(r, "christoffersen_p_cc"), r["traffic_light"], cell(r, "mcneil_frey_p"),
                     cell(r, "acerbi_szekely_z2", 2)])
        colours.append(["white"] * 4 + [zone_colour[r["traffic_light"]]] + ["white"] * 2)
    table = side.table(cellText=text, cellColours=colours, loc="center")
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    table.scale(1.15, 1.4)
fig.suptitle(f"Rolling {summary['window']}-day backtest, {', '.join(summary['assets'])} basket "
             f"(value {summary['basket']['value']:,.0f} held constant)")
fig.tight_layout()
fig.savefig(OUTPUT / "03_backtest.png", dpi=110)
plt.show()
print(f"saved {OUTPUT / '03_backtest.png'}")
