#!/usr/bin/env python3
"""`make bench` (scaling out): S1 (50 assets, 10⁷ scenarios, exact P&L) as one process, as 4 shards run
one after another then merged, and under `mpirun -np 2` when the MPI build exists.

Reports wall time, peak memory (max RSS) per process, the merge time and the shard file sizes, and
checks that the merged tail.csv and histogram.csv are the bytes of the single run (and the MPI run's).
This is a benchmark, not a test: timings depend on the machine and its load.

Usage: python3 Benchmarks/shards_bench.py [--scenarios 10000000] [--shards 4] [--binary PATH] [--mpi-binary PATH]
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import make_synthetic  # noqa: E402

SCRATCH = ROOT / ".build" / "bench" / "shards"


def run(command):
    """Wall seconds and peak RSS (MiB) of one command (of its largest process: mpirun reports its ranks')."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(map(str, command))}\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024


def same_files(a, b):
    return all((a / f).read_bytes() == (b / f).read_bytes() for f in ("tail.csv", "histogram.csv"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=10_000_000)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "tailrisk"))
    parser.add_argument("--mpi-binary", default=str(ROOT / ".build-mpi" / "release" / "tailrisk"))
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    if not pathlib.Path(args.binary).exists():
        sys.exit(f"{args.binary} is missing: run `make release` first")
    shutil.rmtree(SCRATCH, ignore_errors=True)
    SCRATCH.mkdir(parents=True)
    d = 50
    prices = make_synthetic.write_csv(SCRATCH / "synth50.csv", d)
    weights = ",".join(f"S{i + 1:03d}={1 / d:.10f}" for i in range(d))
    job = [args.binary, "simulate", str(prices), "--weights", weights, "--value", "1000000",
           "--scenarios", str(args.scenarios), "--threads", str(args.threads), "--quiet"]
    print(f"S1: {d} assets, {args.scenarios:,} scenarios, exact P&L, {args.threads} threads a process")

    seconds, rss = run(job + ["--out", str(SCRATCH / "one")])
    print(f"  one process                 {seconds:8.2f} s   peak {rss:7.1f} MiB")

    total = 0.0
    sizes = []
    for i in range(1, args.shards + 1):
        out = SCRATCH / f"shard-{i}"
        seconds, rss = run(job + ["--shard", f"{i}/{args.shards}", "--out", str(out)])
        total += seconds
        sizes.append((out / "shard.bin").stat().st_size)
        print(f"  shard {i}/{args.shards}                 {seconds:8.2f} s   peak {rss:7.1f} MiB   "
              f"shard.bin {sizes[-1] / 1e6:.2f} MB")
    shards = [str(SCRATCH / f"shard-{i}") for i in range(1, args.shards + 1)]
    seconds, rss = run([args.binary, "merge", *shards, "--out", str(SCRATCH / "merged"), "--quiet"])
    print(f"  merge                       {seconds:8.2f} s   peak {rss:7.1f} MiB")
    print(f"  {args.shards} shards + merge            {total + seconds:8.2f} s   "
          f"shard files {sum(sizes) / 1e6:.2f} MB in all")
    print(f"  merged files = one process: {same_files(SCRATCH / 'one', SCRATCH / 'merged')}")

    mpirun = shutil.which("mpirun")
    if mpirun and pathlib.Path(args.mpi_binary).exists():
        mpi_job = [args.mpi_binary] + job[1:]
        seconds, rss = run([mpirun, "--oversubscribe", "--allow-run-as-root", "-np", "2", *mpi_job,
                            "--threads", str(max(1, args.threads // 2)), "--out", str(SCRATCH / "mpi2")])
        print(f"  mpirun -np 2                {seconds:8.2f} s   peak {rss:7.1f} MiB (largest rank)")
        print(f"  MPI files = one process:    {same_files(SCRATCH / 'one', SCRATCH / 'mpi2')}")
    else:
        print(f"  (no MPI run: {args.mpi_binary} or mpirun missing; "
              "swift build -c release --traits MPI --scratch-path .build-mpi)")


if __name__ == "__main__":
    main()
