#!/usr/bin/env python3
"""The limit of this machine for S1 and S2, and the engine's distance to it (issue 15).

The engine's unavoidable work per scenario of d assets is d normals, the triangular product
(d² flops: d(d+1)/2 multiply-adds), d `expm1` and a d-term dot product. `limit-probe` times
each ingredient alone with the library's own pieces (`fillNormals`, `BLAS.multiplyRowsByLowerTransposed`
at the engine's block shape, `fastExpm1InPlace`, the four-chain dot), on one thread and on two
threads at once. The floor on two cores is

    floor = n · (d·t_normal + d²/F_dtrmm + d·t_expm1 + d·t_dot) / 2

with the one-thread figures (the ideal: two cores each as fast as one alone), and the same with
the two-threads-at-once figures (what each core gets while the other works too). The engine's own
bookkeeping — one keyed generator `Xoshiro256PlusPlus(seed:scenario:)` and one tail offer per
scenario — is not in the floor; it is printed beside it. The engine's in-process time
(`engine-timer`, `MonteCarloEngine.run` after a warm-up) is the median of alternating runs with
1 and 2 threads, which also gives the thread scaling (and the median of the paired ratios,
robust to a noisy neighbour). Goal (issue 15): engine ≤ 1.3× floor.

That floor is the library's ingredients'; the hardware's is lower. Where the CPU has AVX2 and
FMA and a C compiler is present, `hardware_floor.c` (compiled `-O3 -mavx2 -mfma`) times what the
vector units give for the same normals (8 keyed xoshiro256++ lanes, the same numbers as the
library's) and the same `expm1` polynomial, and NumPy's one-thread `dgemm` on large matrices
stands for the best triangular product: the hardware floor is the same sum with those figures.

Usage: python3 Benchmarks/machine_limit.py [--repeats 3] [--scenarios 1000000]
Writes .build/bench/machine_limit.json.
"""
import argparse
import functools
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
RELEASE = HERE / ".build" / "release"
SCRATCH = ROOT / ".build" / "bench"


def build():
    for product in ("engine-timer", "limit-probe"):
        subprocess.run(["swift", "build", "--package-path", str(HERE), "-c", "release", "--product", product],
                       check=True, stdout=subprocess.DEVNULL)


def run_json(command):
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stderr}")
    return json.loads(done.stdout)


def probe(d, threads):
    return run_json([str(RELEASE / "limit-probe"), "--assets", str(d), "--threads", str(threads)])


def engine(d, n, threads):
    """(wall seconds, CPU seconds of all threads) of one timed engine run."""
    out = run_json([str(RELEASE / "engine-timer"), "--assets", str(d), "--scenarios", str(n),
                    "--threads", str(threads), "--pnl", "exact"])
    return out["seconds"][0], out["cpu_seconds"][0]


@functools.cache
def dgemm_peak():
    """NumPy's one-core dgemm rate on 2000 × 2000 (GFLOP/s, best of 5): measured once per run."""
    code = ("import numpy as np, time\n"
            "a = np.random.default_rng(1).random((2000, 2000)); best = 9.0\n"
            "for _ in range(5):\n t = time.perf_counter(); a @ a; best = min(best, time.perf_counter() - t)\n"
            "print(2 * 2000 ** 3 / best / 1e9)")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    return float(subprocess.run([sys.executable, "-c", code], env=env, check=True,
                                stdout=subprocess.PIPE, text=True).stdout)


def hardware(d):
    """`hardware_floor.c` for d assets and NumPy's one-core dgemm peak, or (None, why not)."""
    flags = open("/proc/cpuinfo").read().split() if os.path.exists("/proc/cpuinfo") else []
    if "avx2" not in flags or "fma" not in flags:
        return None, "no AVX2/FMA on this CPU (or not Linux)"
    if not shutil.which("cc"):
        return None, "no C compiler (cc) on this machine"
    binary = SCRATCH / "hardware-floor"
    SCRATCH.mkdir(parents=True, exist_ok=True)
    if not binary.exists() or binary.stat().st_mtime < (HERE / "hardware_floor.c").stat().st_mtime:
        done = subprocess.run(["cc", "-O3", "-mavx2", "-mfma", str(HERE / "hardware_floor.c"), "-lm", "-o", str(binary)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode != 0:
            return None, "cc could not build hardware_floor.c: " + done.stdout.strip()[:200]
    out = run_json([str(binary), str(d)])
    out["dgemm_peak_gflops"] = dgemm_peak()
    return out, None


def floor_parts(p, d, n, cores=2):
    """Seconds of each ingredient for n scenarios spread over `cores` cores."""
    parts = {
        "normals": n * d * p["normal_ns"],
        "dtrmm": n * d * d / p["dtrmm_gflops"],
        "expm1": n * d * p["expm1_ns"],
        "dot": n * d * p["dot_ns_per_element"],
    }
    return {k: v * 1e-9 / cores for k, v in parts.items()}


def median_probe(d, threads, repeats):
    runs = [probe(d, threads) for _ in range(repeats)]
    keys = [k for k, v in runs[0].items() if isinstance(v, float)]
    out = dict(runs[0])
    for k in keys:
        out[k] = statistics.median(r[k] for r in runs)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--scenarios", type=int, default=1_000_000)
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    build()
    n = args.scenarios
    env = {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    print(f"machine limit (issue 15): {os.cpu_count()} cores; load {os.getloadavg()[0]:.2f}; environment {env}")
    results = {"environment": env, "scenarios": n}
    for job, d in (("S1", 50), ("S2", 200)):
        times = {1: [], 2: []}
        cpu = {1: [], 2: []}
        probes = {1: [], 2: []}
        for _ in range(args.repeats):  # alternate: probe, engine 2 threads, engine 1 thread
            probes[1].append(probe(d, 1))
            probes[2].append(probe(d, 2))
            for t in (2, 1):
                wall, used = engine(d, n, t)
                times[t].append(wall)
                cpu[t].append(used)
        p = {t: {k: (statistics.median(r[k] for r in probes[t]) if isinstance(v, float) else v)
                 for k, v in probes[t][0].items()} for t in (1, 2)}
        e1, e2 = statistics.median(times[1]), statistics.median(times[2])
        c1, c2 = statistics.median(cpu[1]), statistics.median(cpu[2])
        print(f"\n{job}: {d} assets, {n:,} scenarios, exact P&L; BLAS kernel {p[1]['blas_kernel']}, "
              f"blocks of {p[1]['block_rows']} rows")
        for t in (1, 2):
            q = p[t]
            print(f"  ingredients, {t} thread{'s' if t > 1 else ''} at once (per thread): normal {q['normal_ns']:.2f} ns, "
                  f"dtrmm {q['dtrmm_gflops']:.1f} GFLOP/s, expm1 {q['expm1_ns']:.2f} ns, dot {q['dot_ns_per_element']:.2f} "
                  f"ns/element; engine bookkeeping: keyed generator {q['keyed_generator_ns']:.1f} ns, "
                  f"tail offer {q['tail_offer_ns']:.1f} ns per scenario")
        job_out = {"assets": d, "probe_one_thread": p[1], "probe_two_threads": p[2],
                   "engine_seconds": {"1": times[1], "2": times[2]},
                   "engine_cpu_seconds": {"1": cpu[1], "2": cpu[2]}}
        for label, q in (("ideal", p[1]), ("both cores busy", p[2])):
            parts = floor_parts(q, d, n)
            floor = sum(parts.values())
            extra = n * (q["keyed_generator_ns"] + q["tail_offer_ns"]) * 1e-9 / 2
            print(f"  floor on 2 cores ({label}): {floor:.3f} s = " + " + ".join(f"{k} {v:.3f}" for k, v in parts.items())
                  + f"; + engine bookkeeping {extra:.3f} s")
            job_out[f"floor {label}"] = {"seconds": floor, "parts": parts, "bookkeeping": extra,
                                         "engine_multiple": e2 / floor, "engine_cpu_multiple": c2 / (2 * floor)}
        f_ideal = job_out["floor ideal"]["seconds"]
        f_busy = job_out["floor both cores busy"]["seconds"]
        print(f"  engine 2 threads: median {e2:.3f} s ({min(times[2]):.3f}–{max(times[2]):.3f}); "
              f"1 thread {e1:.3f} s ({min(times[1]):.3f}–{max(times[1]):.3f})")
        print(f"  engine / floor: {e2 / f_ideal:.2f}× (ideal), {e2 / f_busy:.2f}× (both cores busy); goal ≤ 1.3×: "
              f"{'MET' if e2 / f_ideal <= 1.3 else 'MISSED'}")
        print(f"  thread scaling: 1 thread / 2 threads = {e1 / e2:.2f}× (goal ≥ 1.85×); one-thread floor "
              f"{2 * f_ideal:.3f} s, engine 1 thread / it = {e1 / (2 * f_ideal):.2f}×")
        print(f"  engine CPU time (all threads): 2 threads {c2:.3f} s, 1 thread {c1:.3f} s; CPU / (2 × floor) = "
              f"{c2 / (2 * f_ideal):.2f}× (ideal), {c2 / (2 * f_busy):.2f}× (both busy) — the distance in work, "
              f"whatever else runs; the second thread does {c2 / c1:.2f}× the CPU work of one, and the cores were "
              f"busy {c2 / (2 * e2):.0%} of the 2-thread wall time")
        paired = statistics.median(a / b for a, b in zip(times[1], times[2]))
        print(f"  thread scaling, median of the {args.repeats} paired runs: {paired:.2f}×")
        hw, why = hardware(d)
        if hw:
            q = {"normal_ns": hw["normal_ns"], "dtrmm_gflops": hw["dgemm_peak_gflops"], "expm1_ns": hw["expm1_ns"],
                 "dot_ns_per_element": p[1]["dot_ns_per_element"]}
            parts = floor_parts(q, d, n)
            floor = sum(parts.values())
            print(f"  hardware (AVX2/FMA, hardware_floor.c): normal {hw['normal_ns']:.2f} ns with every rejection "
                  f"redone in its lane ({hw['normal_fast_path_ns']:.2f} ns for the fast path alone), expm1 "
                  f"{hw['expm1_ns']:.2f} ns, dgemm peak {hw['dgemm_peak_gflops']:.1f} GFLOP/s (NumPy, one core)")
            print(f"  hardware floor on 2 cores: {floor:.3f} s = " + " + ".join(f"{k} {v:.3f}" for k, v in parts.items())
                  + f"; engine / it = {e2 / floor:.2f}×")
            job_out["hardware"] = dict(hw, floor_seconds=floor, parts=parts, engine_multiple=e2 / floor)
        else:
            print(f"  hardware floor: not measured ({why})")
        job_out["thread_scaling"] = e1 / e2
        job_out["thread_scaling_paired"] = paired
        job_out["work_inflation"] = c2 / c1
        job_out["utilisation"] = c2 / (2 * e2)
        results[job] = job_out
    SCRATCH.mkdir(parents=True, exist_ok=True)
    (SCRATCH / "machine_limit.json").write_text(json.dumps(results, indent=2))
    print(f"\nload afterwards {os.getloadavg()[0]:.2f}; all numbers: {SCRATCH / 'machine_limit.json'}")


if __name__ == "__main__":
    main()
