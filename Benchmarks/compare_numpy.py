#!/usr/bin/env python3
"""`make bench`: TailRisk against NumPy on the same Monte Carlo jobs, in one run.

S1: 50 assets, 10⁶ scenarios, exact P&L (each asset's return is kept and revalued).
S2: 200 assets, 10⁶ scenarios, exact P&L.
For each: whole commands as a user runs them (`tailrisk simulate … --quiet --format json`
against `python3 Benchmarks/numpy_job.py …`: CSV reading and start-up included), then the
engine alone in-process (`engine-timer`, built from the nested Benchmarks package) against
the NumPy core timed in this process (no imports, no CSV), idiomatic and blocked two-thread.
Then `--pnl linear` against NumPy's best blocked version, the phases of one engine run, and
the backtest job of the README. Runs alternate (TailRisk, NumPy, TailRisk, …); medians and
ratios are printed, and everything is written to .build/bench/results.json.
The compiled peers (`jit_peers.py`) run beside NumPy: Numba (`numba_peer.py`: its own ziggurat,
a hand triangular loop, `prange` over two threads) and JAX (`jax_peer.py`: one jitted XLA program,
`jax.random.normal` blocks, `z Lᵀ`, `expm1`, over two CPU devices), each as a whole command
(`numba_job.py`, `jax_job.py`: start-up, the import and the compiled code loaded from the
peer's cache, filled by one untimed run first) and warm in-process (compiled before the clock
starts), each checked against tailrisk first. A peer whose library is absent is skipped with a note.
`--peers` times only TailRisk, blocked NumPy, Numba and JAX at S1 and S2 (whole and in-process;
`make bench` runs it a second time with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset) and
writes .build/bench/peers[-TAG].json. `--check-peers` runs only the compiled peers' checks (S1).

Usage: python3 Benchmarks/compare_numpy.py [--repeats 5] [--scenarios 1000000] [--quick] [--peers [--tag T]]
           [--check-peers]
"""
import argparse
import json
import os
import pathlib
import platform
import resource
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import jit_peers  # noqa: E402  the optional Numba and JAX peers
import make_synthetic  # noqa: E402
import numpy_job  # noqa: E402

TAILRISK = ROOT / ".build" / "release" / "tailrisk"
TIMER = HERE / ".build" / "release" / "engine-timer"
SCRATCH = ROOT / ".build" / "bench"
LEVELS = [0.99, 0.975]


def wall(command, env=None):
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, command))}\n{done.stderr}")
    return elapsed, done.stdout


def alternate(runners, repeats):
    """Runs each named runner once per round, in turn, `repeats` rounds; returns name -> times."""
    times = {name: [] for name in runners}
    for _ in range(repeats):
        for name, run in runners.items():
            times[name].append(run())
    return times


def report(title, times, reference, goals=()):
    print(f"\n{title}")
    medians = {k: statistics.median(v) for k, v in times.items()}
    for name, m in medians.items():
        spread = f"{min(times[name]):.3f}–{max(times[name]):.3f}"
        ratio = medians[reference] / m
        print(f"  {name:<34} median {m:8.3f} s  ({spread}, n={len(times[name])})  {reference} / this = {ratio:5.2f}×")
    verdicts = []
    for fast, slow, goal in goals:
        ratio = medians[slow] / medians[fast]
        ok = ratio >= goal
        verdicts.append({"fast": fast, "slow": slow, "ratio": ratio, "goal": goal, "met": ok})
        print(f"  goal: {fast} ≥ {goal}× faster than {slow}: {ratio:.2f}× {'MET' if ok else 'MISSED'}")
    return {"times": times, "medians": medians, "goals": verdicts}


def environment():
    from threadpoolctl import threadpool_info

    keys = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"]
    env = {k: os.environ.get(k) for k in keys}
    blas = [{k: i.get(k) for k in ("internal_api", "version", "num_threads", "architecture")} for i in threadpool_info()]
    info = {"cpu_count": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__,
            "numpy_blas": blas, "environment": env}
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}; "
          f"Python {info['python']}, NumPy {np.__version__}; NumPy BLAS: {blas}")
    print("environment (left as found; OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE can slow NumPy's OpenBLAS "
          "and TailRisk's alike): " + ", ".join(f"{k}={v}" for k, v in env.items()))
    return info


def build_timer():
    print("building engine-timer (swift build --package-path Benchmarks -c release --product engine-timer)")
    subprocess.run(["swift", "build", "--package-path", str(HERE), "-c", "release", "--product", "engine-timer"],
                   check=True, stdout=subprocess.DEVNULL)


def weights_flag(d):
    return ",".join(f"S{i + 1:03d}={1 / d:.10f}" for i in range(d))


def smoke_check(path, d):
    """The NumPy job and `tailrisk simulate` agree on a small run (different random numbers: within 4%)."""
    flags = ["--weights", weights_flag(d), "--value", "1000000", "--scenarios", "200000"]
    _, out = wall([sys.executable, str(HERE / "numpy_job.py"), str(path), *flags])
    _, out_blocked = wall([sys.executable, str(HERE / "numpy_job.py"), str(path), *flags, "--blocked"])
    _, mine = wall([str(TAILRISK), "simulate", str(path), *flags, "--quiet", "--format", "json"])
    theirs = json.loads(out)["results"][0]
    blocked = json.loads(out_blocked)["results"][0]
    ours = next(r for r in json.loads(mine)["results"] if r["confidence"] == 0.99)
    for name, other in [("numpy", theirs), ("numpy blocked", blocked)]:
        for key in ("var", "es"):
            gap = abs(other[key] / ours[key] - 1)
            if gap > 0.04:
                sys.exit(f"check failed: {name} {key} {other[key]:.0f} vs tailrisk {ours[key]:.0f}")
    print(f"check: numpy_job.py (idiomatic and blocked) and tailrisk agree on synth{d} at 99% "
          f"(VaR {theirs['var']:.0f} / {blocked['var']:.0f} / {ours['var']:.0f}): ok")


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed_command(command):
    """(wall seconds, CPU seconds of the child, all its threads) of one command."""
    before = child_cpu()
    elapsed, _ = wall(command)
    return elapsed, child_cpu() - before


def timed_call(function):
    """(wall seconds, CPU seconds of this process, all threads) of one call."""
    start, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - start, time.process_time() - cpu


def split_report(title, pairs, reference, goal=2.0):
    """Wall and CPU tables of (wall, cpu) runs: the CPU seconds are what a run costs whatever else
    shares the cores; on a loaded machine they are the fairer comparison of the work done."""
    out = {}
    for k, label in ((0, "wall"), (1, "CPU (all threads)")):
        times = {name: [p[k] for p in runs] for name, runs in pairs.items()}
        out[label] = report(f"{title} — {label} seconds", times, reference,
                            [(reference, name, goal) for name in times if name != reference])
    return out


def peers(args, files, results):
    """TailRisk against its strongest peers (blocked NumPy, Numba, JAX), whole and in-process, S1 and S2."""
    n, reps = args.scenarios, args.repeats
    for job, d in (("S1", 50), ("S2", 200)):
        path = files[d]
        flags = ["--weights", weights_flag(d), "--value", "1000000", "--scenarios", str(n)]
        tr = [str(TAILRISK), "simulate", str(path), *flags, "--quiet", "--format", "json", "--threads", "2"]
        py = [sys.executable, str(HERE / "numpy_job.py"), str(path), *flags, "--blocked"]
        runners = {"tailrisk 2 threads": lambda: timed_command(tr), "numpy blocked 2 threads": lambda: timed_command(py),
                   **jit_peers.whole(path, flags, timed_command)}
        whole = alternate(runners, reps)
        results[f"{job} whole command"] = split_report(
            f"{job}: {d} assets, {n:,} scenarios, exact P&L, whole commands; load {os.getloadavg()[0]:.2f}",
            whole, "tailrisk 2 threads")
        mu, lower, values = numpy_job.model_from_prices(path, {f"S{i + 1:03d}": 1 / d for i in range(d)}, 1e6)

        def timer():
            _, out = wall([str(TIMER), "--assets", str(d), "--scenarios", str(n), "--threads", "2"])
            r = json.loads(out)
            return r["seconds"][0], r["cpu_seconds"][0]

        runners = {"engine 2 threads": timer,
                   "numpy blocked 2 threads": lambda: timed_call(
                       lambda: numpy_job.blocked(mu, lower, values, n, LEVELS, 1, "exact")),
                   **jit_peers.in_process(d, mu, lower, values, n, LEVELS, timed_call)}
        engine = alternate(runners, reps)
        results[f"{job} engine alone"] = split_report(
            f"{job}: in-process (engine-timer; NumPy and warm Numba and JAX in this process); load {os.getloadavg()[0]:.2f}",
            engine, "engine 2 threads")
    out = SCRATCH / f"peers{'-' + args.tag if args.tag else ''}.json"
    out.write_text(json.dumps(results, indent=2, default=float))
    print(f"\nall timings: {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--scenarios", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="10⁵ scenarios, 1 repetition: a smoke run")
    parser.add_argument("--peers", action="store_true",
                        help="only TailRisk, blocked NumPy, Numba and JAX, whole command and in-process, S1 and S2")
    parser.add_argument("--check-peers", action="store_true", help="only the Numba and JAX agreement checks (S1)")
    parser.add_argument("--tag", default="", help="suffix of the --peers results file")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress as it happens, also through a pipe
    if args.quick:
        args.repeats, args.scenarios = 1, 100_000
    n, reps = args.scenarios, args.repeats
    if not TAILRISK.exists():
        sys.exit(f"{TAILRISK} is missing: run `make release` first")
    results = {"environment": environment(), "scenarios": n, "repeats": reps}
    jit_peers.notes()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    files = {d: make_synthetic.write_csv(SCRATCH / f"synth{d}.csv", d) for d in (50, 200)}
    if args.check_peers:
        results["checks"] = jit_peers.check(files[50], 50, n, wall, TAILRISK, weights_flag(50))
        (SCRATCH / "peer-checks.json").write_text(json.dumps(results, indent=2, default=float))
        return
    build_timer()
    if args.peers:
        return peers(args, files, results)
    smoke_check(files[50], 50)
    jit_peers.check(files[50], 50, n, wall, TAILRISK, weights_flag(50))

    for job, d, goals in [("S1", 50, [("tailrisk 2 threads", "numpy idiomatic", 5.0),
                                      ("tailrisk 2 threads", "numpy blocked 2 threads", 2.5)]),
                          ("S2", 200, [("tailrisk 2 threads", "numpy idiomatic", 4.0)])]:
        path = files[d]
        flags = ["--weights", weights_flag(d), "--value", "1000000", "--scenarios", str(n)]
        tr = [str(TAILRISK), "simulate", str(path), *flags, "--quiet", "--format", "json"]
        py = [sys.executable, str(HERE / "numpy_job.py"), str(path), *flags]
        whole = alternate({
            "tailrisk 2 threads": lambda: wall(tr + ["--threads", "2"])[0],
            "numpy idiomatic": lambda: wall(py)[0],
            "tailrisk 1 thread": lambda: wall(tr + ["--threads", "1"])[0],
            "numpy blocked 2 threads": lambda: wall(py + ["--blocked"])[0],
            **jit_peers.whole(path, flags, lambda command: wall(command)[0]),
        }, reps)
        results[f"{job} whole command"] = report(
            f"{job}: {d} assets, {n:,} scenarios, exact P&L — whole commands (CSV, start-up included)",
            whole, "numpy idiomatic", goals)

        mu, lower, values = numpy_job.model_from_prices(path, {f"S{i + 1:03d}": 1 / d for i in range(d)}, 1e6)

        def timer(threads, pnl="exact"):
            _, out = wall([str(TIMER), "--assets", str(d), "--scenarios", str(n), "--threads", str(threads),
                           "--pnl", pnl])
            return json.loads(out)["seconds"][0]

        def in_process(function, pnl="exact"):
            start = time.perf_counter()
            function(mu, lower, values, n, LEVELS, 1, pnl)
            return time.perf_counter() - start

        def in_process_call(thunk):
            start = time.perf_counter()
            thunk()
            return time.perf_counter() - start

        engine = alternate({
            "engine 2 threads": lambda: timer(2),
            "numpy idiomatic": lambda: in_process(numpy_job.simulate),
            "engine 1 thread": lambda: timer(1),
            "numpy blocked 2 threads": lambda: in_process(numpy_job.blocked),
            **jit_peers.in_process(d, mu, lower, values, n, LEVELS, in_process_call),
        }, reps)
        results[f"{job} engine alone"] = report(
            f"{job}: engine alone in-process (model built, no CSV, no start-up)", engine, "numpy idiomatic",
            goals=[("engine 2 threads", "numpy idiomatic", goals[0][2]), ("engine 2 threads", "engine 1 thread", 1.8)]
            + ([("engine 2 threads", "numpy blocked 2 threads", 2.5)] if job == "S1" else []))

        linear = alternate({
            "engine 2 threads linear": lambda: timer(2, "linear"),
            "numpy blocked 2 threads linear": lambda: in_process(numpy_job.blocked, "linear"),
        }, reps)
        results[f"{job} linear"] = report(f"{job}: --pnl linear, engine alone against NumPy's best blocked version",
                                          linear, "numpy blocked 2 threads linear")

        _, out = wall([str(TIMER), "--assets", str(d), "--scenarios", str(n), "--threads", "2", "--phases"])
        phases = json.loads(out)["phases"]
        results[f"{job} phases"] = phases
        total = phases["engine_one_thread"]
        print(f"  where the time goes (one thread, {total:.3f} s): " + ", ".join(
            f"{k} {v:.3f} s ({100 * v / total:.0f}%)" for k, v in phases.items() if k != "engine_one_thread"))
        print("  (rest = expm1, P&L dot products, tail bookkeeping and the Euler regeneration of the tail scenarios)")

    sp = ROOT / "Data" / "sp500_skfolio_daily.csv"
    with open(sp) as f:
        assets = f.readline().strip().split(",")[1:]
    backtest = [str(TAILRISK), "backtest", str(sp), "--weights", ",".join(f"{a}=0.05" for a in assets),
                "--value", "1000000", "--window", "250", "--method", "historical,normal",
                "--confidence", "0.99,0.975", "--format", "json"]
    bt = alternate({"tailrisk backtest (20 assets, window 250)": lambda: wall(backtest)[0]}, reps)
    results["backtest whole command"] = report("backtest job of the README: " + " ".join(
        a if len(a) < 60 else a[:40] + "…" for a in backtest[1:]), bt, "tailrisk backtest (20 assets, window 250)")

    out = SCRATCH / "results.json"
    out.write_text(json.dumps(results, indent=2, default=float))
    print(f"\nall timings: {out}")


if __name__ == "__main__":
    main()
