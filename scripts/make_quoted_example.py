#!/usr/bin/env python3
"""Write Data/examples/quoted_prices.csv, a price file as pandas writes it from a spreadsheet.

From Data/sp500_skfolio_daily.csv (BSD-3-Clause, see Data/README.md), 2021-01-04 .. 2022-12-28:
AAPL, MSFT, JPM and XOM as they are, plus EW20, an equal-weighted index of all 20 stocks of the
file, rebalanced daily and rebased to 10,000 on the first date (level_t = level_{t-1} * mean_i
P_i,t / P_i,t-1), so some prices carry thousands separators. Written the way
`df.map("{:,.3f}".format).to_csv(path, quoting=csv.QUOTE_ALL)` writes a frame with an unnamed
date index: every cell quoted, an empty first header cell (pandas' index), `"11,004.210"`.
Run from anywhere: python3 scripts/make_quoted_example.py
"""
import csv
import pathlib

import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "Data" / "sp500_skfolio_daily.csv"
TARGET = ROOT / "Data" / "examples" / "quoted_prices.csv"


def main() -> None:
    prices = pd.read_csv(SOURCE, index_col="date", parse_dates=True)
    prices = prices.loc["2021-01-04":]
    growth = (prices / prices.shift(1)).mean(axis=1)
    growth.iloc[0] = 1.0
    frame = prices[["AAPL", "MSFT", "JPM", "XOM"]].copy()
    frame["EW20"] = 10_000 * growth.cumprod()
    frame.index.name = None
    frame.index = frame.index.strftime("%Y-%m-%d")
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    frame.map("{:,.3f}".format).to_csv(TARGET, quoting=csv.QUOTE_ALL)
    print(f"{TARGET.relative_to(ROOT)}: {len(frame)} dates, {', '.join(frame.columns)}")


if __name__ == "__main__":
    main()
