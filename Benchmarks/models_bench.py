#!/usr/bin/env python3
"""`make bench` (second part): the conditional models of issue 9, timed as a user runs them.

- FHS backtest: `tailrisk backtest Data/sp500_skfolio_daily.csv` on the 20 S&P 500 stocks
  (equal weights, 250-day window, full 1990–2022 history, 8,062 forecast days) with
  `--method fhs` (ewma filter) and with `--method fhs --filter garch` (a GARCH(1,1) refit
  per asset per day: 161,240 fits).
- GARCH fits for 50 assets: `tailrisk var --method fhs --filter garch` on the last 250
  returns of a synthetic 50-asset file (Benchmarks/make_synthetic.py), whole process
  (start-up, CSV, 50 QMLE fits, the FHS scenarios); the same command with `--filter ewma`
  is timed beside it (on a busy machine the difference of two medians is noise; the whole
  process with the fits staying well under a second is the goal).
Medians of `--repeats` runs; the release binary must exist (`make release`).
Usage: python3 Benchmarks/models_bench.py [--repeats 3] [--skip-garch-backtest]
"""
import argparse
import pathlib
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import make_synthetic  # noqa: E402

TAILRISK = ROOT / ".build" / "release" / "tailrisk"
SCRATCH = ROOT / ".build" / "bench"
SP500 = ROOT / "Data" / "sp500_skfolio_daily.csv"
STOCKS = ["AAPL", "AMD", "BAC", "BBY", "CVX", "GE", "HD", "JNJ", "JPM", "KO",
          "LLY", "MRK", "MSFT", "PEP", "PFE", "PG", "RRC", "UNH", "WMT", "XOM"]


def median_seconds(command, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-garch-backtest", action="store_true")
    args = parser.parse_args()
    if not TAILRISK.exists():
        sys.exit("build the release binary first: make release")
    SCRATCH.mkdir(parents=True, exist_ok=True)
    weights = ",".join(f"{s}=0.05" for s in STOCKS)
    backtest = [str(TAILRISK), "backtest", str(SP500), "--weights", weights, "--value", "1000000",
                "--window", "250", "--method", "fhs", "--format", "json"]
    rows = [("backtest --method fhs, 20 stocks, 8,062 days", median_seconds(backtest, args.repeats))]
    if not args.skip_garch_backtest:
        rows.append(("backtest --method fhs --filter garch, same", median_seconds(backtest + ["--filter", "garch"], 1)))
    prices = make_synthetic.write_csv(SCRATCH / "synthetic_50.csv", 50)
    names = [f"S{i + 1:03d}" for i in range(50)]
    var = [str(TAILRISK), "var", str(prices), "--weights", ",".join(f"{n}=0.02" for n in names), "--value", "1000000",
           "--window", "250", "--method", "fhs", "--format", "json"]
    ewma = median_seconds(var, args.repeats)
    garch = median_seconds(var + ["--filter", "garch"], args.repeats)
    rows += [("var --method fhs, 50 assets × 250 days (ewma), whole process", ewma),
             ("var --method fhs --filter garch, same, whole process with 50 GARCH fits", garch)]
    width = max(len(r[0]) for r in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:8.3f} s")


if __name__ == "__main__":
    main()
