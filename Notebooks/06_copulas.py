# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Copulas: do the simulated crashes come together as the data's do?
#
# A t-copula over empirical marginals with generalized Pareto tails (the "GARCH–EVT–copula"
# model of McNeil & Frey 2000, here without the filter) on BTC/ETH/LINK, last 500 common
# daily returns of the shared crypto file. Three runs of the release binary
# (`Notebooks/run_all.py` runs them first; run alone, the notebook runs them itself when
# their outputs are missing, and skips with a message when `../shared/data` is absent):
#
# ```console
# $ tailrisk simulate ../shared/data/crypto_coinmetrics_daily.csv --weights BTC=0.5,ETH=0.3,LINK=0.2 \
#     --value 1000000 --window 500 --dist t-copula --df fit --tails gpd --scenarios 20000 --tail 20000 \
#     --quiet --out Notebooks/output/06_simulate
# $ tailrisk cov ../shared/data/crypto_coinmetrics_daily.csv --assets BTC,ETH,LINK --window 500 \
#     --tail-dependence --out Notebooks/output/06_cov
# ```
#
# `summary.json` of `simulate` holds the fitted copula (`copula`: ν, the τ-b correlation, each
# marginal's GPD tails: threshold û, ξ, β), and `tail.csv` with `--tail` equal to the scenario
# count holds *every* scenario's P&L per asset, `V_i (e^{r_i} − 1)`, so each scenario's returns
# `r_i = ln(1 + P&L_i / V_i)` come back exactly. Ranks are invariant under the marginal
# transform, so the ranks of the simulated returns are a sample of the copula itself.
#
# Figures: (1) pseudo-observations of the data against the same number of simulated copula
# draws, per pair; (2) each asset's lower tail: the empirical probability `P(r ≤ x)` of the
# returns on a log scale against the fitted GPD tail `0.1 (1 + ξ (û − x)/β)^{−1/ξ}` below the
# threshold, and the simulated returns' own empirical tail; (3) `cov --tail-dependence`:
# empirical `C_n(u,u)/u` with its binomial SE against the fitted t and Gaussian copulas.

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
from scipy.stats import rankdata

ROOT = pathlib.Path.cwd() if (pathlib.Path.cwd() / "Package.swift").exists() else pathlib.Path.cwd().parent
OUTPUT = pathlib.Path(os.environ.get("TAILRISK_NOTEBOOK_OUTPUT", ROOT / "Notebooks" / "output"))
CRYPTO = ROOT.parent / "shared" / "data" / "crypto_coinmetrics_daily.csv"
BINARY = pathlib.Path(os.environ.get("TAILRISK_BINARY", ROOT / ".build" / "release" / "tailrisk"))
ASSETS = ["BTC", "ETH", "LINK"]
SIM, COV = OUTPUT / "06_simulate", OUTPUT / "06_cov"
COMMANDS = {
    SIM: ["simulate", str(CRYPTO), "--weights", "BTC=0.5,ETH=0.3,LINK=0.2", "--value", "1000000", "--window", "500",
          "--dist", "t-copula", "--df", "fit", "--tails", "gpd", "--scenarios", "20000", "--tail", "20000",
          "--quiet", "--out", str(SIM)],
    COV: ["cov", str(CRYPTO), "--assets", ",".join(ASSETS), "--window", "500", "--tail-dependence", "--out", str(COV)],
}
for directory, command in COMMANDS.items():
    if (directory / "summary.json").exists():
        continue
    if not CRYPTO.exists():
        print(f"skipping the copula notebook: {CRYPTO} is not beside the repository (../shared/data is absent)")
        raise SystemExit(0)
    if not BINARY.exists():
        sys.exit(f"{directory} is missing and {BINARY} is not built: run `swift build -c release` first")
    print(f"running {BINARY.name} {' '.join(command)}")
    subprocess.run([str(BINARY), *command], check=True, stdout=subprocess.DEVNULL)

summary = json.loads((SIM / "summary.json").read_text())
copula = summary["copula"]
print(f"copula: {copula['family']}, ν = {copula['df']:.2f} (fitted: {copula['df_fitted']}), "
      f"{summary['observations']} returns {summary['first_date']} → {summary['last_date']}")
print("τ-b correlation sin(πτ/2):")
print(pd.DataFrame(copula["correlation"], index=copula["assets"], columns=copula["assets"]).round(3))

# %% [markdown]
# ## The data and the simulated scenarios
#
# The returns are read from the price file over the dates the run used (the returns after
# `first_date`, the price date the window starts from, up to `last_date`, on the dates where all
# three have a price); the scenarios from `tail.csv`.

# %%
prices = pd.read_csv(CRYPTO, parse_dates=["date"]).set_index("date")[ASSETS].dropna()
returns = np.log(prices / prices.shift(1)).dropna()
returns = returns[(returns.index > summary["first_date"]) & (returns.index <= summary["last_date"])]
assert len(returns) == summary["observations"], (len(returns), summary["observations"])
values = {p["asset"]: p["value"] for p in summary["basket"]["positions"]}
tail = pd.read_csv(SIM / "tail.csv")
simulated = pd.DataFrame({a: np.log1p(tail[a] / values[a]) for a in ASSETS})
print(f"{len(simulated):,} simulated scenarios of {summary['scenarios']:,}; {len(returns)} days of data")


def pseudo(frame):
    return frame.apply(lambda c: rankdata(c) / (len(c) + 1))


u_data, u_sim = pseudo(returns), pseudo(simulated)

# %% [markdown]
# ## 1. Pseudo-observations against simulated copula draws
#
# Each panel: one pair, the data's 500 pseudo-observations (black) over 500 simulated draws
# (orange; the first 500 scenarios of the file, which are the largest losses first, so a
# random subset is taken instead). The lower-left corner is where crashes come together;
# the dashed square is `u ≤ 5%`.

# %%
rng = np.random.default_rng(20261202)
subset = u_sim.iloc[rng.choice(len(u_sim), size=len(u_data), replace=False)]
pairs = [(0, 1), (0, 2), (1, 2)]
fig, axes = plt.subplots(1, 3, figsize=(13, 4.4))
for ax, (i, j) in zip(axes, pairs):
    a, b = ASSETS[i], ASSETS[j]
    ax.scatter(subset[a], subset[b], s=6, color="tab:orange", alpha=0.6, label=f"t-copula (ν {copula['df']:.1f})")
    ax.scatter(u_data[a], u_data[b], s=6, color="black", alpha=0.7, label="data")
    ax.plot([0, 0.05, 0.05], [0.05, 0.05, 0], "--", color="grey", lw=0.8)
    ax.set(xlabel=f"u {a}", ylabel=f"u {b}", xlim=(0, 1), ylim=(0, 1), title=f"{a}–{b}")
    ax.set_aspect("equal")
axes[0].legend(loc="upper left", fontsize=8)
fig.suptitle("pseudo-observations rank/(T+1): data against simulated t-copula draws")
fig.tight_layout()
fig.savefig(OUTPUT / "06_copula_scatter.png", dpi=120)

# %% [markdown]
# ## 2. The fitted GPD tails on a log scale
#
# Below the threshold `û = F̂⁻¹(0.1)` the model's lower tail is `P(r ≤ x) = 0.1 (1 + ξ (û − x)/β)^{−1/ξ}`
# (methods.md §8), drawn beyond the worst day to show the extrapolation the empirical tails
# cannot make; the dots are the data's empirical `k/(T+1)`, the thin line the simulated returns'.

# %%
fig, axes = plt.subplots(1, 3, figsize=(13, 4.2), sharey=True)
for ax, a in zip(axes, ASSETS):
    m = copula["marginals"][a]
    lower = m["lower"]
    x = np.sort(returns[a].to_numpy())
    k = np.arange(1, len(x) + 1) / (len(x) + 1)
    ax.semilogy(x[k <= 0.2], k[k <= 0.2], "o", ms=3, color="black", label="data k/(T+1)")
    s = np.sort(simulated[a].to_numpy())
    ks = np.arange(1, len(s) + 1) / (summary["scenarios"] + 1)
    ax.semilogy(s[ks <= 0.2], ks[ks <= 0.2], "-", lw=1, color="tab:orange", label="simulated")
    u_hat, xi, beta = lower["threshold"], lower["xi"], lower["beta"]
    grid = np.linspace(min(x[0], s[0]) * 1.3, u_hat, 300)
    y = u_hat - grid
    p = 0.1 * (1 + xi * y / beta) ** (-1 / xi) if abs(xi) > 1e-12 else 0.1 * np.exp(-y / beta)
    ax.semilogy(grid, p, "-", lw=2, color="tab:blue", label=f"GPD ξ {xi:.2f}, β {beta:.3f}")
    ax.axvline(u_hat, color="grey", lw=0.8, ls=":")
    ax.set(title=f"{a}: lower tail ({lower['exceedances']} exceedances)", xlabel="daily log return", ylim=(1e-5, 0.25))
axes[0].set_ylabel("P(r ≤ x)")
for ax in axes:
    ax.legend(fontsize=8, loc="lower right")
fig.tight_layout()
fig.savefig(OUTPUT / "06_gpd_tails.png", dpi=120)

# %% [markdown]
# ## 3. Lower tail dependence per pair
#
# `cov --tail-dependence`: the empirical `C_n(u,u)/u` (± its binomial SE) at `u` = 5% and 1%
# against the fitted t-copula's and the Gaussian copula's `C(u,u)/u`, and the t-copula's limit λ_L.

# %%
td = pd.read_csv(COV / "tail_dependence.csv")
td["pair"] = td["asset1"] + "–" + td["asset2"]
print(td[["pair", "u", "joint_days", "empirical", "empirical_se", "t_copula", "gaussian_copula",
          "t_copula_lambda"]].round(3).to_string(index=False))
fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
for ax, (u, group) in zip(axes, td.groupby("u", sort=False)):
    xs = np.arange(len(group))
    ax.errorbar(xs - 0.15, group["empirical"], yerr=group["empirical_se"], fmt="o", color="black", label="empirical")
    ax.plot(xs, group["t_copula"], "s", color="tab:orange", label="t-copula C(u,u)/u")
    ax.plot(xs + 0.15, group["gaussian_copula"], "^", color="tab:green", label="Gaussian C(u,u)/u")
    ax.plot(xs, group["t_copula_lambda"], "_", ms=20, color="tab:orange", label="t-copula λ_L (u → 0)")
    ax.set(xticks=xs, xticklabels=group["pair"], title=f"u = {u:.0%}", ylim=(0, 1.2))
axes[0].set_ylabel("C(u,u)/u")
axes[0].legend(fontsize=8)
fig.tight_layout()
fig.savefig(OUTPUT / "06_tail_dependence.png", dpi=120)
