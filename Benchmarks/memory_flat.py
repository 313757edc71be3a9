#!/usr/bin/env python3
"""Memory stays flat in the scenario count (issue 15: 10⁹ scenarios of 50 assets at 99.9% under 1 GiB).

Runs `tailrisk simulate synth50.csv --confidence 0.999 --scenarios N --threads 2 --quiet --format json`
under `/usr/bin/time -v` for increasing N and prints the peak RSS beside the tail's expected
size. What grows with N is the tail: each of the `w` workers keeps a `TailBuffer` of at most
`2·c` entries of 24 bytes (loss, scenario index, likelihood ratio), plus the merged one, with

    c = TailEstimator.capacity = max(⌈nα⌉, upper rank of the 95% VaR interval) ≈ nα + 1.96·√(nα(1−α)) + 1

(α = 0.001 here), so the tail costs about (w + 1)·2·c·24 bytes: 9.6 MB at 10⁸, 96 MB at 10⁹ for
w = 2. Under importance sampling `ImportanceShift.capacity` keeps a larger fraction (the kept
fraction of the tilted law) plus one unit, still 24 bytes an entry. Everything else (the model,
one 512 KiB block and one 4096-row unit of losses per worker, the Euler regeneration) does not
depend on N. The script fits RSS = a + b·N on the runs and extrapolates to 10⁹; `--max 1e9`
runs it too (about 10× the 10⁸ run's time).

Usage: python3 Benchmarks/memory_flat.py [--max 1e8] [--threads 2] [--binary .build/release/tailrisk]
"""
import argparse
import json
import math
import pathlib
import re
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import make_synthetic  # noqa: E402

ALPHA = 0.001
ENTRY_BYTES = 24


def capacity(n, alpha=ALPHA):
    """TailEstimator.capacity at one level, by the normal approximation of the binomial quantile."""
    k = n * alpha
    return max(math.ceil(k - 1e-9), math.ceil(k + 1.96 * math.sqrt(k * (1 - alpha))) + 1)


def peak_rss(command):
    """(seconds, peak resident set in bytes) of one run under /usr/bin/time -v."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stderr[-2000:]}")
    kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return elapsed, kb * 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max", type=float, default=1e8, help="largest scenario count to run (1e6, 1e7, … up to it)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--binary", default=str(ROOT / ".build" / "release" / "tailrisk"))
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    scratch = ROOT / ".build" / "bench"
    scratch.mkdir(parents=True, exist_ok=True)
    path = make_synthetic.write_csv(scratch / "synth50.csv", 50)
    weights = ",".join(f"S{i + 1:03d}={1 / 50:.10f}" for i in range(50))
    w = args.threads
    print(f"memory: tailrisk simulate, 50 assets, 99.9%, --threads {w}, peak RSS by /usr/bin/time -v")
    rows = []
    n = 10**6
    while n <= args.max:
        cmd = [args.binary, "simulate", str(path), "--weights", weights, "--value", "1000000", "--confidence", "0.999",
               "--scenarios", str(n), "--threads", str(w), "--quiet", "--format", "json"]
        seconds, rss = peak_rss(cmd)
        tail = (w + 1) * 2 * capacity(n) * ENTRY_BYTES
        rows.append({"scenarios": n, "seconds": seconds, "peak_rss_bytes": rss, "tail_bound_bytes": tail})
        print(f"  {n:>13,} scenarios: peak RSS {rss / 2**20:7.1f} MiB in {seconds:6.1f} s; "
              f"tail bound (w+1)·2c·24 B = {tail / 2**20:6.1f} MiB (c = {capacity(n):,})")
        n *= 10
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        slope = (b["peak_rss_bytes"] - a["peak_rss_bytes"]) / (b["scenarios"] - a["scenarios"])
        base = a["peak_rss_bytes"] - slope * a["scenarios"]
        for target in (10**9,):
            if any(r["scenarios"] == target for r in rows):
                continue
            fit = base + slope * target
            bound = base + (w + 1) * 2 * capacity(target) * ENTRY_BYTES
            print(f"  10⁹ extrapolated: {fit / 2**20:.0f} MiB by the fit ({slope:.3f} bytes per scenario above "
                  f"{base / 2**20:.0f} MiB), {bound / 2**20:.0f} MiB by the tail bound; goal < 1024 MiB: "
                  f"{'MET' if max(fit, bound) < 2**30 else 'MISSED'} (not run; --max 1e9 runs it)")
    out = scratch / "memory_flat.json"
    out.write_text(json.dumps(rows, indent=2))
    print(f"  all numbers: {out}")


if __name__ == "__main__":
    main()
