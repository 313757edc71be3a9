#!/usr/bin/env python3
"""A JAX-on-CPU peer for S1/S2: the `tailrisk simulate` job as one jit-compiled XLA program.

What it does, in float64 (`jax_enable_x64`), for `n` scenarios cut into blocks of `ROWS` (4096):
- block `b` draws its `ROWS × d` standard normals by `jax.random.normal` (threefry2x32, XLA's
  erf⁻¹ transform) from the key `fold_in(key(seed), b)`, so a block draws the same numbers
  whichever worker runs it and whatever the number of workers;
- the correlation `r = μ + z Lᵀ` as one dense `ROWS × d` by `d × d` matrix product (XLA's dot);
- exact revaluation `loss = −Σ V_i expm1(r_i)` (`jnp.expm1`, fused with the add of `μ`, then a
  matrix-vector product), or `−r·V` for linear P&L; the block written into the loss vector;
- the blocks run in a `lax.fori_loop` on each worker; VaR/ES from one `np.partition` of the
  `⌈n(1 − α)⌉` largest losses (`numpy_job.tail_estimates`, on the losses JAX hands back without
  a copy). `lax.top_k` of the 25,000 largest of 10⁶ cost 0.3 s of CPU here against ~0.01 s for the
  partition, so the tail is taken in NumPy.
Cost: n·d normals (the dominant cost: ~27 ns each in float64 on one core here, against ~8 ns for
the raw threefry bits; the `rbg` key was slower), n·d² flops, n·d expm1; memory 8n bytes of
losses plus two `ROWS × d` blocks per worker. The last block of each worker is whole (XLA shapes
are static): up to `threads·ROWS − 1` scenarios beyond `n` are simulated and dropped (0.8% at 10⁶).
ROWS measured at 10⁶ scenarios, S1/S2 wall: 65536 1.43 s/–, 16384 1.07/5.70 s, 4096 1.00/5.38 s.

Two threads, set before `import jax` (each only when the caller has not set it):
- `NPROC=2`: the size of the XLA CPU client's intra-op thread pool (its `DefaultThreadPoolSize`
  reads NPROC, else the core count): the cap, measured — with NPROC=1 CPU seconds = wall seconds;
- `XLA_FLAGS=--xla_cpu_multi_thread_eigen=true` (the default, said explicitly): the dot runs on
  that pool. (`intra_op_parallelism_threads` is not an XLA flag: `--intra_op_parallelism_threads`
  aborts, the bare word is ignored.)
- `jax_num_cpu_devices=2` (or `JAX_PEER_DEVICES`) and `jax.shard_map` over a mesh of `threads`
  devices, device `w` taking blocks `w, w + threads, …`: on one device XLA split S1's program over
  both threads but ran S2's on one (11.5 s wall = 11.5 s CPU); on two devices both jobs use two.

`jax_peer.simulate(mu, lower, values, n, levels, seed, pnl, threads)` has the signature of
`numpy_job.simulate`; call `warm(d)` once before timing it in-process (XLA compiles per shape:
`n`, `d`, `threads` and `pnl`; `warm(d, n)` compiles the shape to be timed).
`Benchmarks/jax_job.py` is the whole command.

Usage: python3 Benchmarks/jax_peer.py [--assets 50] [--scenarios 1000000] [--threads 2] [--repeat 3]
       (times the warm program in-process on the synthetic model and prints JSON)
"""
import functools
import json
import os
import pathlib
import sys
import time

DEVICES = int(os.environ.get("JAX_PEER_DEVICES", "2"))
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=true")
os.environ.setdefault("NPROC", str(DEVICES))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from jax import lax  # noqa: E402
from jax.sharding import Mesh, NamedSharding, PartitionSpec  # noqa: E402

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_num_cpu_devices", DEVICES)

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import numpy_job  # noqa: E402
from numpy_job import tail_estimates  # noqa: E402  the same order statistics as the NumPy peer

ROWS = 4096


@functools.lru_cache(maxsize=None)
def program(n, d, threads, exact):
    """The jitted program for one shape: (key, μ, L, V) → losses, shape (threads, blocks per worker · ROWS)."""
    if threads > jax.device_count():
        raise ValueError(f"{threads} threads asked, {jax.device_count()} CPU devices (set JAX_PEER_DEVICES)")
    per_worker = -(-n // (ROWS * threads))
    mesh = Mesh(np.array(jax.devices()[:threads]), ("w",))

    def worker(key, mu, lower, values, index):
        w = index[0]

        def block(j, out):
            z = jax.random.normal(jax.random.fold_in(key, j * threads + w), (ROWS, d), jnp.float64)
            r = z @ lower.T + mu
            loss = -(jnp.expm1(r) @ values) if exact else -(r @ values)
            return lax.dynamic_update_slice(out, loss, (j * ROWS,))
        return lax.fori_loop(0, per_worker, block, jnp.empty(per_worker * ROWS))[None]

    rep = PartitionSpec()
    mapped = jax.shard_map(worker, mesh=mesh, in_specs=(rep, rep, rep, rep, PartitionSpec("w")),
                           out_specs=PartitionSpec("w"), check_vma=False)
    index = jax.device_put(np.arange(threads), NamedSharding(mesh, PartitionSpec("w")))
    return jax.jit(mapped), index, per_worker


def losses(mu, lower, values, n, seed, pnl="exact", threads=2):
    """The n losses in scenario order (block b of ROWS at rows b·ROWS …), as a NumPy array."""
    run, index, per_worker = program(n, mu.size, threads, pnl == "exact")
    out = np.asarray(run(jax.random.key(seed), mu, lower, values, index))  # (threads, per_worker · ROWS)
    # worker w's local block j is global block j·threads + w: reorder, then drop the padding rows past n
    return out.reshape(threads, per_worker, ROWS).transpose(1, 0, 2).reshape(-1)[:n]


def simulate(mu, lower, values, n, levels, seed, pnl="exact", threads=2):
    return tail_estimates(losses(np.asarray(mu), np.asarray(lower), np.asarray(values), n, seed, pnl, threads),
                          levels)


def warm(d=50, n=1_000_000, threads=2, pnl="exact"):
    """Compiles the program for (n, d, threads, pnl): one run on a diagonal model."""
    simulate(np.zeros(d), np.eye(d) * 0.01, np.ones(d), n, [0.99], 1, pnl, threads)


def main():
    a = numpy_job.peer_parser(__doc__.splitlines()[0]).parse_args()
    _, (mu, lower, values) = numpy_job.synthetic_model(a.assets)
    start = time.perf_counter()
    warm(a.assets, a.scenarios, a.threads, a.pnl)
    compile_s = time.perf_counter() - start
    times, cpu, result = [], [], None
    for _ in range(a.repeat):
        start, c = time.perf_counter(), time.process_time()
        result = simulate(mu, lower, values, a.scenarios, [0.99, 0.975], 1, a.pnl, a.threads)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - c)
    print(json.dumps({"assets": a.assets, "scenarios": a.scenarios, "threads": a.threads,
                      "first_call_seconds": compile_s, "seconds": times, "cpu_seconds": cpu, "results": result,
                      "jax": jax.__version__, "devices": jax.device_count(),
                      "XLA_FLAGS": os.environ["XLA_FLAGS"], "NPROC": os.environ["NPROC"]}))


if __name__ == "__main__":
    main()
