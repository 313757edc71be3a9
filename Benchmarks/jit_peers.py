"""The optional compiled peers of `compare_numpy.py`: Numba (`numba_peer.py`) and JAX (`jax_peer.py`).

Each peer is a module with `simulate(mu, lower, values, n, levels, seed, pnl, threads)` (the
signature of `numpy_job.simulate`) and `warm(d, …)`, and a whole command `<name>_job.py`. A peer
whose library does not import (`import numba`, `import jax`) is left out of `PEERS` and a note
says so (`make benchdeps` installs both). What this file gives `compare_numpy.py`:
- `whole(path, flags, measure)`: {"<name> 2 threads": runner} of the whole commands, each run
  once untimed first (Numba fills its `cache=True` machine code, JAX its persistent compilation
  cache), `measure(command)` being the timer (wall, or wall and CPU);
- `in_process(d, mu, lower, values, n, levels, measure)`: {"<name> warm 2 threads": runner},
  each peer compiled for the shape before the clock starts, `measure(thunk)` the timer;
- `check(path, d, n, wall, tailrisk, weights)`: each whole command against `tailrisk simulate`
  on n scenarios (different random numbers), within Monte Carlo error (see `check`).
Cost: nothing beyond the runs themselves; importing jax takes about 1 s.
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PEERS = {}  # name -> module, in the order the tables print them
NOTES = []
try:
    import numba_peer

    PEERS["numba"] = numba_peer
except ImportError:
    NOTES.append("numba is not installed (pip install numba): the Numba peer is skipped")
try:
    import jax_peer

    PEERS["jax"] = jax_peer
except ImportError:
    NOTES.append("jax is not installed (pip install -r Benchmarks/requirements.txt): the JAX peer is skipped")


def notes():
    for note in NOTES:
        print(note)


def job(name):
    return HERE / f"{name}_job.py"


def whole(path, flags, measure):
    """{"<name> 2 threads": runner} for `alternate`, after one untimed run that fills each peer's cache."""
    runners = {}
    for name in PEERS:
        command = [sys.executable, str(job(name)), str(path), *flags]
        measure(command)
        runners[f"{name} 2 threads"] = lambda command=command: measure(command)
    return runners


def in_process(d, mu, lower, values, n, levels, measure):
    """{"<name> warm 2 threads": runner}: each peer compiled (or loaded) for this shape before the clock starts."""
    runners = {}
    for name, peer in PEERS.items():
        peer.warm(d) if name == "numba" else peer.warm(d, n)
        runners[f"{name} warm 2 threads"] = lambda peer=peer: measure(
            lambda: peer.simulate(mu, lower, values, n, levels, 1, "exact", 2))
    return runners


def check(path, d, n, wall, tailrisk, weights):
    """Each peer's whole command against tailrisk simulate on n scenarios (different random numbers): VaR
    and ES at 99% and 97.5% printed side by side, with TailRisk's 95% VaR interval and ES standard error;
    fails when the ES differ by more than 4 TailRisk SEs or the VaR by more than the interval's width (each
    about 2.8 standard deviations of the difference of two independent estimates: a false alarm ≈ 0.5% a
    level). Returns {name: [{confidence, var, es, tailrisk_var, tailrisk_es, var_ci, es_se, ok}]}."""
    flags = ["--weights", weights, "--value", "1000000", "--scenarios", str(n)]
    _, mine = wall([str(tailrisk), "simulate", str(path), *flags, "--quiet", "--format", "json"])
    ours = {r["confidence"]: r for r in json.loads(mine)["results"]}
    out = {}
    for name in PEERS:
        wall([sys.executable, str(job(name)), str(path), *flags])  # compiles into the cache, untimed
        _, theirs = wall([sys.executable, str(job(name)), str(path), *flags])
        out[name] = []
        for r in json.loads(theirs)["results"]:
            o = ours[r["confidence"]]
            lo, hi = o["var_ci"]
            ok = abs(r["var"] - o["var"]) <= hi - lo and abs(r["es"] - o["es"]) <= 4 * o["es_se"]
            print(f"check: {job(name).name} vs tailrisk, synth{d}, {n:,} scenarios, {r['confidence']:.1%}: "
                  f"VaR {r['var']:.1f} vs {o['var']:.1f} (TailRisk 95% CI {lo:.1f}–{hi:.1f}), "
                  f"ES {r['es']:.1f} vs {o['es']:.1f} (TailRisk SE {o['es_se']:.1f}, "
                  f"gap {abs(r['es'] - o['es']) / o['es_se']:.1f} SE): {'ok' if ok else 'FAILED'}")
            out[name].append({**r, "tailrisk_var": o["var"], "tailrisk_es": o["es"], "var_ci": [lo, hi],
                              "es_se": o["es_se"], "ok": ok})
        if not all(r["ok"] for r in out[name]):
            sys.exit(f"{name} peer disagrees with tailrisk beyond Monte Carlo error")
    return out
