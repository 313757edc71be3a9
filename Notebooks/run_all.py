#!/usr/bin/env python3
"""Run every notebook headless: first the CLI commands that write its inputs, then
the notebook itself (a jupytext percent-format script), which saves its PNGs in
Notebooks/output/.

Usage: python3 Notebooks/run_all.py [--binary .build/release/tailrisk]
"""
import argparse
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Notebooks" / "output"
SHARED = ROOT.parent / "shared" / "data"
CRYPTO = SHARED / "crypto_coinmetrics_daily.csv"
SP500 = ROOT / "Data" / "sp500_skfolio_daily.csv"

CASCADE = ["--accounts", str(ROOT / "Data" / "synthetic_book.csv"), "--lt", "ETH=0.8,BTC=0.75",
           "--liquidity", str(ROOT / "Data" / "cascade_liquidity.csv"), "--from", "2019-01-01"]

# notebook -> commands (argument lists after the binary) that write its inputs
NOTEBOOKS = {
    "01_loss_distribution.py": [
        ["simulate", str(SP500), "--positions-file", str(ROOT / "Data" / "positions.csv"),
         "--window", "1000", "--scenarios", "200000", "--quiet", "--out", str(OUT / "01_simulate")],
    ],
    "02_haircuts.py": [
        ["haircut", str(CRYPTO), "--collateral", "BTC=10,ETH=120,LINK=5000", "--debt", "USDC=100000",
         "--scenarios", "200000", "--out", str(OUT / "02_haircut")],
    ],
    "03_backtest.py": [
        ["backtest", str(CRYPTO), "--positions", "BTC=1,ETH=30", "--window", "250",
         "--method", "historical,normal,cornish-fisher,monte-carlo", "--confidence", "0.99,0.975",
         "--out", str(OUT / "03_backtest")],
    ],
    "04_model_comparison.py": [
        ["backtest", str(CRYPTO), "--weights", "BTC=0.5,ETH=0.5", "--value", "1000000", "--window", "250",
         "--method", "all", "--confidence", "0.99,0.975", "--out", str(OUT / "04_model_comparison")],
    ],
    "05_stress_replays.py": [
        ["stress", str(CRYPTO), "--collateral", "BTC=10,ETH=120,DAI=20000", "--debt", "USDC=100000",
         "--lt", "BTC=0.8,ETH=0.8,DAI=0.9", "--catalogue", str(ROOT / "Data" / "stress_catalogue.yaml"),
         "--out", str(OUT / "05_stress_usdc")],
        ["stress", str(CRYPTO), "--collateral", "BTC=10,ETH=120", "--debt", "USD=80000",
         "--lt", "BTC=0.8,ETH=0.8", "--catalogue", str(ROOT / "Data" / "stress_catalogue.yaml"),
         "--out", str(OUT / "05_stress_usd")],
    ],
    "06_copulas.py": [
        ["simulate", str(CRYPTO), "--weights", "BTC=0.5,ETH=0.3,LINK=0.2", "--value", "1000000", "--window", "500",
         "--dist", "t-copula", "--df", "fit", "--tails", "gpd", "--scenarios", "20000", "--tail", "20000",
         "--quiet", "--out", str(OUT / "06_simulate")],
        ["cov", str(CRYPTO), "--assets", "BTC,ETH,LINK", "--window", "500", "--tail-dependence",
         "--out", str(OUT / "06_cov")],
    "07_cascades.py": [
        ["stress", str(CRYPTO), *CASCADE, "--replay", "2020-03-05:2020-03-20", "--out", str(OUT / "07_cascade_replay")],
        ["stress", str(CRYPTO), *CASCADE, "--monte-carlo", "--scenarios", "20000", "--horizon", "10", "--dist", "t",
         "--out", str(OUT / "07_cascade_mc")],
        ["stress", str(CRYPTO), *CASCADE, "--recommend-lt", "--lt-grid", "0.3:0.9:0.05", "--scenarios", "2000",
         "--horizon", "10", "--dist", "t", "--out", str(OUT / "07_cascade_lt")],
    ],
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "tailrisk"))
    parser.add_argument("only", nargs="*", help="notebook file names to run (default: all present)")
    args = parser.parse_args()
    import jupytext  # validates the percent format

    OUT.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, MPLBACKEND="Agg", TAILRISK_NOTEBOOK_OUTPUT=str(OUT))
    ran = 0
    for name, commands in NOTEBOOKS.items():
        path = ROOT / "Notebooks" / name
        if not path.exists() or (args.only and name not in args.only):
            continue
        if "crypto" in " ".join(" ".join(c) for c in commands) and not CRYPTO.exists():
            print(f"skipping {name}: {CRYPTO} is not beside the repository")
            continue
        for command in commands:
            subprocess.run([args.binary, *command], check=True, stdout=subprocess.DEVNULL)
        jupytext.read(path)  # raises if the file is not a valid percent-format notebook
        subprocess.run([sys.executable, str(path)], check=True, env=env, cwd=ROOT)
        print(f"notebook {name}: ok")
        ran += 1
    print(f"{ran} notebooks ran, outputs in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
