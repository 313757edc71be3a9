#!/usr/bin/env python3
"""The `tailrisk simulate` job written in NumPy, for `make bench`.

Reads the price CSV, takes log returns, the sample mean and covariance, its
Cholesky factor, simulates `N(μ, Σ)` scenarios, revalues exactly
(loss = −Σ V_i (e^{r_i} − 1)) and reads VaR and ES off the largest losses with
`np.partition`. `simulate` is the idiomatic single-call version; `blocked` is
the best version we could write: blocks of 4096 rows in preallocated buffers,
shared between Python threads (NumPy releases the GIL in the generator, the
matmul and the ufuncs) with BLAS pinned to one thread per worker.

Usage: python3 Benchmarks/numpy_job.py PRICES.csv --weights A=0.5,B=0.5 --value 1000000
           [--scenarios 1000000] [--confidence 0.99,0.975] [--seed 1] [--pnl exact|linear]
"""
import argparse
import json
import math
import threading

import numpy as np
import pandas as pd

BLOCK = 4096


def tail_estimates(losses, levels):
    """VaR as the ⌈nα⌉-th largest loss, ES as the mean of the ⌈nα⌉ largest (one partition)."""
    n = losses.size
    kmax = max(math.ceil(n * (1 - c) - 1e-9) for c in levels)
    tail = np.sort(np.partition(losses, n - kmax)[n - kmax:])[::-1]
    out = []
    for c in levels:
        k = math.ceil(n * (1 - c) - 1e-9)
        out.append({"confidence": c, "var": float(tail[k - 1]), "es": float(tail[:k].mean())})
    return out


def simulate(mu, lower, values, n, levels, seed, pnl="exact"):
    """Idiomatic NumPy: all scenarios at once."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((n, mu.size))
    x = z @ lower.T
    x += mu
    losses = -(np.expm1(x) @ values) if pnl == "exact" else -(x @ values)
    return tail_estimates(losses, levels)


def blocked(mu, lower, values, n, levels, seed, pnl="exact", threads=2):
    """Blocks of 4096 rows over `threads` Python threads, one BLAS thread each.
    Linear P&L uses the shortcut loss = −(μ·V + z·(Lᵀ V)), a matrix-vector product."""
    from threadpoolctl import threadpool_limits

    d = mu.size
    losses = np.empty(n)
    upper = np.ascontiguousarray(lower.T)
    b = upper @ values
    m = float(mu @ values)

    def work(t):
        rng = np.random.default_rng([seed, t])
        z = np.empty((BLOCK, d))
        x = np.empty((BLOCK, d))
        for start in range(t * BLOCK, n, threads * BLOCK):
            rows = min(BLOCK, n - start)
            zb = z[:rows]
            rng.standard_normal(out=zb)
            if pnl == "linear":
                np.matmul(zb, b, out=losses[start:start + rows])
                losses[start:start + rows] += m
                np.negative(losses[start:start + rows], out=losses[start:start + rows])
                continue
            xb = x[:rows]
            np.matmul(zb, upper, out=xb)
            xb += mu
            np.expm1(xb, out=xb)
            np.matmul(xb, values, out=losses[start:start + rows])
            np.negative(losses[start:start + rows], out=losses[start:start + rows])

    with threadpool_limits(limits=1, user_api="blas"):
        workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    return tail_estimates(losses, levels)


def model_from_prices(path, weights, value):
    prices = pd.read_csv(path, index_col=0)
    returns = np.diff(np.log(prices.to_numpy()), axis=0)
    mu = returns.mean(axis=0)
    covariance = np.cov(returns, rowvar=False)
    lower = np.linalg.cholesky(covariance)
    w = np.array([weights[a] for a in prices.columns])
    return mu, lower, w * value


def job_parser(description, threads=False):
    """The whole-command arguments every peer job takes (`numpy_job`, `numba_job`, `jax_job`)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("prices")
    parser.add_argument("--weights", required=True)
    parser.add_argument("--value", type=float, required=True)
    parser.add_argument("--scenarios", type=int, default=1_000_000)
    parser.add_argument("--confidence", default="0.99,0.975")
    parser.add_argument("--seed", type=int, default=1)
    if threads:
        parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--pnl", choices=["exact", "linear"], default="exact")
    return parser


def run_job(args, simulate):
    """Reads the prices, fits the model, runs `simulate(mu, lower, values, n, levels, seed, pnl)`, prints JSON."""
    weights = {k: float(v) for k, v in (p.split("=") for p in args.weights.split(","))}
    levels = [float(c) for c in args.confidence.split(",")]
    mu, lower, values = model_from_prices(args.prices, weights, args.value)
    results = simulate(mu, lower, values, args.scenarios, levels, args.seed, args.pnl)
    print(json.dumps({"scenarios": args.scenarios, "results": results}, indent=2))


def synthetic_model(d):
    """(path, (mu, lower, values)): the S1/S2 synthetic CSV of d assets in `.build/bench`, equal weights, 10⁶."""
    import pathlib

    import make_synthetic

    scratch = pathlib.Path(__file__).resolve().parent.parent / ".build" / "bench"
    scratch.mkdir(parents=True, exist_ok=True)
    path = make_synthetic.write_csv(scratch / f"synth{d}.csv", d)
    return path, model_from_prices(path, {f"S{i + 1:03d}": 1 / d for i in range(d)}, 1e6)


def peer_parser(description):
    """The in-process timing arguments of `numba_peer.py` and `jax_peer.py`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--assets", type=int, default=50)
    parser.add_argument("--scenarios", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pnl", choices=["exact", "linear"], default="exact")
    return parser


def main() -> None:
    parser = job_parser(__doc__.splitlines()[0])
    parser.add_argument("--blocked", action="store_true", help="the blocked two-thread version")
    args = parser.parse_args()
    run_job(args, blocked if args.blocked else simulate)


if __name__ == "__main__":
    main()
