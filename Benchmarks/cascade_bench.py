#!/usr/bin/env python3
"""`make bench` (liquidation cascades, issue 11): 10,000 accounts × 10⁵ Monte Carlo shocks.

Times one `tailrisk stress --accounts Data/synthetic_book.csv … --monte-carlo` run (the README's job: 10-day
Student-t shocks, the DEX-sized depth of Data/cascade_liquidity.csv, LT ETH 0.8 / BTC 0.75) on the release
binary and prints its wall time, CPU time (user + system, from the child's rusage) and peak RSS, with the
cascades per second. This is a benchmark, not a test: timings depend on the machine and its load.

Usage: python3 Benchmarks/cascade_bench.py [--scenarios 100000] [--threads 2] [--binary PATH] [--prices CSV]
"""
import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "tailrisk"))
    parser.add_argument("--prices", default=str(ROOT.parent / "shared" / "data" / "crypto_coinmetrics_daily.csv"))
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    if not pathlib.Path(args.binary).exists():
        sys.exit(f"{args.binary} is missing: run `make release` first")
    if not pathlib.Path(args.prices).exists():
        sys.exit(f"{args.prices} is missing (the shared price files); give --prices CSV")
    book = ROOT / "Data" / "synthetic_book.csv"
    accounts = len({line.split(",", 1)[0] for line in book.read_text().splitlines()[1:] if line})
    command = [args.binary, "stress", args.prices, "--accounts", str(book), "--lt", "ETH=0.8,BTC=0.75",
               "--liquidity", str(ROOT / "Data" / "cascade_liquidity.csv"), "--from", "2019-01-01",
               "--monte-carlo", "--scenarios", str(args.scenarios), "--horizon", "10", "--dist", "t",
               "--threads", str(args.threads)]
    print(" ".join(command))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        # wait4 gives this child's own rusage (CPU and max RSS), not that of every child so far.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed ({os.waitstatus_to_exitcode(status)}):\n{stderr}")
    cpu = usage.ru_utime + usage.ru_stime
    header = next((line for line in stdout.splitlines() if line.startswith("Monte Carlo:")), "")
    load = os.getloadavg()[0]
    print(header)
    print(f"{accounts:,} accounts × {args.scenarios:,} shocks, --threads {args.threads}: "
          f"wall {wall:.1f} s, CPU {cpu:.1f} s (user {usage.ru_utime:.1f} + sys {usage.ru_stime:.1f}), "
          f"peak RSS {usage.ru_maxrss / 1024:.0f} MiB, {args.scenarios / wall:,.0f} cascades/s wall; "
          f"load average {load:.1f}")


if __name__ == "__main__":
    main()
