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
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import numba_peer  # noqa: E402
import numpy_job  # noqa: E402


def main() -> None:
    args = numpy_job.job_parser(__doc__.splitlines()[0], threads=True).parse_args()
    numpy_job.run_job(args, lambda mu, lower, values, n, levels, seed, pnl:
                      numba_peer.simulate(mu, lower, values, n, levels, seed, pnl, args.threads))


if __name__ == "__main__":
    main()
