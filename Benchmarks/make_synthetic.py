#!/usr/bin/env python3
"""Synthetic daily prices for the benchmarks: `d` assets over ~1000 business days.

A random correlation structure (three common factors plus idiosyncratic noise),
daily volatilities drawn uniformly in 1–5%, a small drift; log returns are
multivariate normal and prices start at 100. The seed is fixed, so every run of
`make bench` times the same files. Written to a scratch directory, never committed.

Usage: python3 Benchmarks/make_synthetic.py OUT_DIR [--assets 50 200] [--days 1000]
"""
import argparse
import pathlib

import numpy as np


def synthetic_prices(d: int, days: int = 1000, seed: int = 20260101):
    """Returns (dates, names, prices[days + 1, d])."""
    rng = np.random.default_rng([seed, d])
    loadings = rng.normal(0.0, 0.5, size=(d, 3))
    c = loadings @ loadings.T + np.eye(d)
    s = 1.0 / np.sqrt(np.diag(c))
    correlation = c * np.outer(s, s)
    vols = rng.uniform(0.01, 0.05, size=d)
    covariance = correlation * np.outer(vols, vols)
    returns = rng.standard_normal((days, d)) @ np.linalg.cholesky(covariance).T + 0.0002
    prices = 100.0 * np.exp(np.vstack([np.zeros(d), np.cumsum(returns, axis=0)]))
    dates = np.busday_offset("2021-01-04", np.arange(days + 1), roll="forward")
    names = [f"S{i + 1:03d}" for i in range(d)]
    return dates, names, prices


def write_csv(path: pathlib.Path, d: int, days: int = 1000) -> pathlib.Path:
    dates, names, prices = synthetic_prices(d, days)
    with open(path, "w") as f:
        f.write("date," + ",".join(names) + "\n")
        for day, row in zip(dates, prices):
            f.write(str(day) + "," + ",".join(f"{p:.6f}" for p in row) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--assets", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--days", type=int, default=1000)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for d in args.assets:
        print(write_csv(args.out / f"synth{d}.csv", d, args.days))


if __name__ == "__main__":
    main()
