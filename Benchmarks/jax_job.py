#!/usr/bin/env python3
"""The `tailrisk simulate` job with the JAX program of `jax_peer.py`, as a whole command.

Same inputs and output as `numpy_job.py` (pandas CSV read, log returns, mean, covariance,
Cholesky, then `jax_peer.simulate` on two threads, i.e. two XLA CPU devices, VaR/ES at each
level as JSON). Timed as a user runs it: interpreter start-up, `import jax` (which sets
`NPROC=2`, `XLA_FLAGS=--xla_cpu_multi_thread_eigen=true` and two CPU devices, see
`jax_peer.py`), tracing, and the compiled program. Like the Numba peer's `cache=True`, the job
switches on JAX's persistent compilation cache (`Benchmarks/__pycache__/jax-cache`, every
program kept however fast it compiled): the first run of a shape compiles it (about 2 s here)
and writes it there, later runs load it (tracing and lowering still run, ~0.3 s).
`compare_numpy.py` runs this once untimed first, so its timings are of the cached case.

Usage: python3 Benchmarks/jax_job.py PRICES.csv --weights A=0.5,B=0.5 --value 1000000
           [--scenarios 1000000] [--confidence 0.99,0.975] [--seed 1] [--threads 2]
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import jax_peer  # noqa: E402
import numpy_job  # noqa: E402

CACHE = pathlib.Path(__file__).resolve().parent / "__pycache__" / "jax-cache"


def main() -> None:
    args = numpy_job.job_parser(__doc__.splitlines()[0], threads=True).parse_args()
    jax_peer.jax.config.update("jax_compilation_cache_dir", str(CACHE))
    jax_peer.jax.config.update("jax_persistent_cache_min_compile_time_secs", 0)
    jax_peer.jax.config.update("jax_persistent_cache_min_entry_size_bytes", -1)
    numpy_job.run_job(args, lambda mu, lower, values, n, levels, seed, pnl:
                      jax_peer.simulate(mu, lower, values, n, levels, seed, pnl, args.threads))


if __name__ == "__main__":
    main()
