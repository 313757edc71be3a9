#!/usr/bin/env python3
"""The `tailrisk simulate` job with the Numba kernel of `numba_peer.py`, as a whole command.

Same inputs and output as `numpy_job.py` (pandas CSV read, log returns, mean, covariance,
Cholesky, then `numba_peer.simulate` on two threads, VaR/ES at each level as JSON). Timed as
a user runs it: interpreter start-up, `import numba` and the kernel's machine code included.
The kernel is compiled with `cache=True`: the first run in a fresh checkout compiles it
(about 10 s here) and writes it to `Benchmarks/__pycache__`; later runs load it from there.
`compare_numpy.py` runs this once untimed first, so its timings are of the cached case;
`--no-cache` would not help a user and is not offered.

Usage: python3 Benchmarks/numba_job.py PRICES.csv --weights A=0.5,B=0.5 --value 1000000
           [--scenarios 1000000] [--confidence 0.99,0.975] [--seed 1] [--threads 2]
"""
import argparse
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import numba_peer  # noqa: E402
import numpy_job  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prices")
    parser.add_argument("--weights", required=True)
    parser.add_argument("--value", type=float, required=True)
    parser.add_argument("--scenarios", type=int, default=1_000_000)
    parser.add_argument("--confidence", default="0.99,0.975")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--pnl", choices=["exact", "linear"], default="exact")
    args = parser.parse_args()
    weights = {k: float(v) for k, v in (p.split("=") for p in args.weights.split(","))}
    levels = [float(c) for c in args.confidence.split(",")]
    mu, lower, values = numpy_job.model_from_prices(args.prices, weights, args.value)
    results = numba_peer.simulate(mu, lower, values, args.scenarios, levels, args.seed, args.pnl, args.threads)
    print(json.dumps({"scenarios": args.scenarios, "results": results}, indent=2))


if __name__ == "__main__":
    main()
