#!/usr/bin/env python3
"""A strong Numba peer for S1/S2 (issue 15): the `tailrisk simulate` job as one `prange` kernel.

What it does per block of `ROWS` (256) scenarios, on each of `threads` Numba threads:
- normals from its own ziggurat (256 layers, Doornik's one-draw fast path as in TailRisk's
  `Ziggurat`, the sign applied without a branch) over a xoshiro256++ state seeded per block
  by SplitMix64 (so a block draws the same numbers on whichever thread runs it);
- the correlation `r = μ + L z` by a hand triangular loop, asset by asset: row `i` of the
  sub-block (256 doubles, in L1) accumulates `L[i, j] · z_j` for `j ≤ i`, the `z` sub-block
  (d × 256, column per scenario) staying in L2; the innermost loop runs over the 256
  scenarios, contiguous, so LLVM vectorises it (AVX-512 here);
- exact revaluation `loss −= V_i expm1(r_i)` by the same degree-13 Taylor polynomial as
  TailRisk's `fastExpm1` (falling back to `math.expm1` for a sub-block holding |r| ≥ ln2/2);
- losses into one array; VaR/ES from one `np.partition` of the `⌈n(1 − α)⌉` largest.
Cost: n·d normals, n·d² flops, n·d expm1 and multiply-adds; memory 8n bytes of losses.

`numba_peer.simulate(mu, lower, values, n, levels, seed, pnl, threads)` has the signature of
`numpy_job.simulate`; call `warm(d)` once before timing it in-process (the JIT compiles on
the first call; `cache=True` keeps the machine code in `__pycache__` for later processes).
`Benchmarks/numba_job.py` is the whole command.

Usage: python3 Benchmarks/numba_peer.py [--assets 50] [--scenarios 1000000] [--threads 2] [--repeat 3]
       (times the warm kernel in-process on the synthetic model and prints JSON)
"""
import json
import math
import pathlib
import sys
import time

import numba
import numpy as np
from numba import njit, prange

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import numpy_job  # noqa: E402
from numpy_job import tail_estimates  # noqa: E402  the same order statistics as the NumPy peer

ROWS = 256
LAYERS = 256
TAIL_START = 3.6541528853610088
EXPM1_BOUND = 0.34657359027997264


def ziggurat_tables():
    """`X[0] = V/f(R)`, `X[1] = R`, …, `X[256] = 0`; `ratio[i] = X[i+1]/X[i]`; `f[i] = exp(−X[i]²/2)`."""
    from math import erfc, exp, log, pi, sqrt

    r = TAIL_START
    dens = lambda t: exp(-0.5 * t * t)  # noqa: E731
    v = r * dens(r) + sqrt(pi / 2) * erfc(r / sqrt(2))
    x = np.empty(LAYERS + 1)
    x[0], x[1] = v / dens(r), r
    for i in range(2, LAYERS):
        x[i] = sqrt(-2 * log(v / x[i - 1] + dens(x[i - 1])))
    x[LAYERS] = 0
    ratio = x[1:] / x[:-1]
    f = np.exp(-0.5 * x * x)
    return x, ratio, f


ZX, ZRATIO, ZF = ziggurat_tables()
U64 = np.uint64


@njit(inline="always")
def _rotl(x, k):
    return (x << U64(k)) | (x >> U64(64 - k))


@njit(inline="always")
def _splitmix(x):
    x = x + U64(0x9E3779B97F4A7C15)
    z = x
    z = (z ^ (z >> U64(30))) * U64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> U64(27))) * U64(0x94D049BB133111EB)
    return x, z ^ (z >> U64(31))


@njit(inline="always")
def _next(s0, s1, s2, s3):
    """xoshiro256++: (output, new state) from the state in four uint64 scalars (kept in registers)."""
    result = _rotl(s0 + s3, 23) + s0
    t = s1 << U64(17)
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = _rotl(s3, 45)
    return result, s0, s1, s2, s3


@njit
def _slow_normal(bits, s0, s1, s2, s3, zx, zratio, zf):
    """The ziggurat's rare path: Marsaglia's tail beyond R for layer 0, else the wedge test.
    Returns (normal, new state)."""
    scale = 1.0 / 9007199254740992.0
    while True:
        i = int(bits & U64(0xFF))
        u = float(bits >> U64(11)) * scale
        sign = 1.0 - 2.0 * float((bits >> U64(8)) & U64(1))
        if u < zratio[i]:
            return sign * u * zx[i], s0, s1, s2, s3
        if i == 0:
            while True:
                b1, s0, s1, s2, s3 = _next(s0, s1, s2, s3)
                b2, s0, s1, s2, s3 = _next(s0, s1, s2, s3)
                t = -math.log(1.0 - float(b1 >> U64(11)) * scale) / TAIL_START
                y = -math.log(1.0 - float(b2 >> U64(11)) * scale)
                if 2 * y > t * t:
                    return sign * (TAIL_START + t), s0, s1, s2, s3
        c = u * zx[i]
        b1, s0, s1, s2, s3 = _next(s0, s1, s2, s3)
        if zf[i] + float(b1 >> U64(11)) * scale * (zf[i + 1] - zf[i]) < math.exp(-0.5 * c * c):
            return sign * c, s0, s1, s2, s3
        bits, s0, s1, s2, s3 = _next(s0, s1, s2, s3)


@njit(inline="always")
def _fill_normals(z, count, s0, s1, s2, s3, zx, zratio, zf):
    """`count` standard normals into the flat array `z` (one 64-bit draw each on the fast path)."""
    for k in range(count):
        bits, s0, s1, s2, s3 = _next(s0, s1, s2, s3)
        i = int(bits & U64(0xFF))
        u = float(bits >> U64(11)) * (1.0 / 9007199254740992.0)
        sign = 1.0 - 2.0 * float((bits >> U64(8)) & U64(1))
        if u < zratio[i]:
            z[k] = sign * (u * zx[i])
        else:
            z[k], s0, s1, s2, s3 = _slow_normal(bits, s0, s1, s2, s3, zx, zratio, zf)
    return s0, s1, s2, s3


@njit(inline="always")
def _expm1_poly(x):
    p = 1.0 / 6227020800.0
    p = p * x + 1.0 / 479001600.0
    p = p * x + 1.0 / 39916800.0
    p = p * x + 1.0 / 3628800.0
    p = p * x + 1.0 / 362880.0
    p = p * x + 1.0 / 40320.0
    p = p * x + 1.0 / 5040.0
    p = p * x + 1.0 / 720.0
    p = p * x + 1.0 / 120.0
    p = p * x + 1.0 / 24.0
    p = p * x + 1.0 / 6.0
    p = p * x + 0.5
    return x + x * x * p


@njit(parallel=True, cache=True, fastmath=False, boundscheck=False)
def kernel(mu, lower, values, n, seed, threads, exact, zx, zratio, zf):
    """Losses of `n` scenarios; block `b` (ROWS scenarios) seeded by SplitMix64(seed, b),
    blocks dealt round-robin to `threads` workers."""
    d = mu.size
    losses = np.empty(n)
    blocks = (n + ROWS - 1) // ROWS
    for t in prange(threads):
        z = np.empty(d * ROWS)  # z[j * ROWS + r]: normal j of scenario r
        x = np.empty(ROWS)
        acc = np.empty(ROWS)
        for b in range(t, blocks, threads):
            first = b * ROWS
            rows = min(ROWS, n - first)
            w = U64(seed) * U64(0x9E3779B97F4A7C15) ^ U64(b)
            w, s0 = _splitmix(w)
            w, s1 = _splitmix(w)
            w, s2 = _splitmix(w)
            w, s3 = _splitmix(w)
            _fill_normals(z, d * ROWS, s0, s1, s2, s3, zx, zratio, zf)
            for r in range(ROWS):
                acc[r] = 0.0
            for i in range(d):
                m = mu[i]
                for r in range(ROWS):
                    x[r] = m
                for j in range(i + 1):
                    lij = lower[i, j]
                    base = j * ROWS
                    for r in range(ROWS):
                        x[r] += lij * z[base + r]
                v = values[i]
                if exact:
                    big = 0.0
                    for r in range(ROWS):
                        big = max(big, abs(x[r]))
                    if big < EXPM1_BOUND:
                        for r in range(ROWS):
                            acc[r] -= v * _expm1_poly(x[r])
                    else:
                        for r in range(ROWS):
                            acc[r] -= v * math.expm1(x[r])
                else:
                    for r in range(ROWS):
                        acc[r] -= v * x[r]
            for r in range(rows):
                losses[first + r] = acc[r]
    return losses


def simulate(mu, lower, values, n, levels, seed, pnl="exact", threads=2):
    numba.set_num_threads(threads)
    losses = kernel(np.ascontiguousarray(mu), np.ascontiguousarray(lower), np.ascontiguousarray(values),
                    n, seed, threads, pnl == "exact", ZX, ZRATIO, ZF)
    return tail_estimates(losses, levels)


def warm(d=50):
    """Compiles (or loads from the cache) the kernel: one small run."""
    eye = np.eye(d) * 0.01
    simulate(np.zeros(d), eye, np.ones(d), 4 * ROWS, [0.99], 1, "exact", min(2, numba.config.NUMBA_NUM_THREADS))


def main():
    a = numpy_job.peer_parser(__doc__.splitlines()[0]).parse_args()
    _, (mu, lower, values) = numpy_job.synthetic_model(a.assets)
    start = time.perf_counter()
    warm(a.assets)
    compile_s = time.perf_counter() - start
    times, result = [], None
    for _ in range(a.repeat):
        start = time.perf_counter()
        result = simulate(mu, lower, values, a.scenarios, [0.99, 0.975], 1, a.pnl, a.threads)
        times.append(time.perf_counter() - start)
    print(json.dumps({"assets": a.assets, "scenarios": a.scenarios, "threads": a.threads,
                      "first_call_seconds": compile_s, "seconds": times, "results": result,
                      "threading_layer": numba.threading_layer()}))


if __name__ == "__main__":
    main()
