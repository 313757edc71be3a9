#!/usr/bin/env python3
"""Precision per second (issue 15, methods.md §10): scenarios and time to SE(ES) < 0.5%.

S1 (50 synthetic assets, exact P&L, equal weights, $1M) at 99.9% ES, with
`--variance-reduction none`, `antithetic` and `importance`, each driven by
`--target-precision 0.5%` (whole rounds of stream units until the target is met),
timed as whole processes (`tailrisk simulate … --quiet --format json`). Prints the
scenarios each needed, the wall time, the reached SE/ES, the ratio of scenarios
against plain sampling, and the variance reduction factor the importance run
reports (plain §4 SE at its estimates over its batch-means SE, squared), then
NumPy's time (blocked, two threads, whole process) for as many plain scenarios
as TailRisk's plain run needed: its time to the same precision.

Usage: python3 Benchmarks/precision_per_second.py [--binary .build/release/tailrisk]
                                                  [--confidence 0.999] [--target 0.5%]
A benchmark, not a test: the numbers depend on the machine and its load.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import make_synthetic  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", default=str(ROOT / ".build" / "release" / "tailrisk"))
    p.add_argument("--confidence", default="0.999")
    p.add_argument("--target", default="0.5%")
    p.add_argument("--assets", type=int, default=50)
    p.add_argument("--threads", default="2")
    p.add_argument("--dist", default="normal", help="the law (normal, t, ...; NumPy's job is normal only)")
    p.add_argument("--df", default="5")
    p.add_argument("--first", default="8192", help="scenarios of the first round (the floor of every method)")
    args = p.parse_args()
    scratch = ROOT / ".build" / "bench"
    scratch.mkdir(parents=True, exist_ok=True)
    d = args.assets
    path = make_synthetic.write_csv(scratch / f"synth{d}.csv", d)
    weights = ",".join(f"S{i + 1:03d}={1 / d:.10f}" for i in range(d))
    base = [args.binary, "simulate", str(path), "--weights", weights, "--value", "1000000",
            "--confidence", args.confidence, "--target-precision", args.target, "--scenarios", args.first,
            "--max-scenarios", "100000000", "--threads", args.threads, "--quiet", "--format", "json",
            "--dist", args.dist] + (["--df", args.df] if args.dist in ("t", "t-copula") else [])
    print(f"S1: {d} assets, {args.dist} law, exact P&L, ES at {args.confidence}, target SE(ES) < {args.target} of ES, "
          f"{args.threads} threads, whole process ({args.binary})")
    print(f"{'method':<11} {'scenarios':>11} {'seconds':>8} {'SE/ES':>8} {'vs plain':>9} {'factor':>8}")
    plain = None
    for method in ["none", "antithetic", "importance"]:
        start = time.perf_counter()
        out = subprocess.run(base + ["--variance-reduction", method], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if out.returncode != 0:
            sys.exit(f"{method}: {out.stderr.strip()}")
        j = json.loads(out.stdout)
        r = j["results"][0]
        n = j["scenarios"]
        plain = plain or n
        factor = r.get("variance_reduction_factor")
        print(f"{method:<11} {n:>11,} {seconds:>8.2f} {r['es_se'] / r['es']:>8.3%} {plain / n:>8.1f}x "
              f"{'' if factor is None else f'{factor:8.0f}'}")
    # NumPy has no importance sampling: its time to the same precision is a plain run of as many
    # scenarios as TailRisk's plain run needed (the same law, so the same SE at the same count),
    # in its best (blocked, two-thread) form, whole process.
    if args.dist != "normal":
        return
    job = [sys.executable, str(HERE / "numpy_job.py"), str(path), "--weights", weights, "--value", "1000000",
           "--confidence", args.confidence, "--scenarios", str(plain), "--blocked"]
    start = time.perf_counter()
    out = subprocess.run(job, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"numpy: {out.stderr.strip()}")
    print(f"{'numpy':<11} {plain:>11,} {seconds:>8.2f} {'(plain)':>8} {1:>8.1f}x   blocked NumPy, as many scenarios as plain")


if __name__ == "__main__":
    main()
