#!/usr/bin/env python3
"""Table, CSV and --out snapshots of the golden commands, to check that a change of the report
code (issue 22: one report writer) leaves every output as it was.

scripts/golden.py pins the JSON; this pins the rest. Each run of scripts/golden.py's RUNS is
made twice: `--format table --out DIR` (stdout and every file of DIR) and `--format csv`.

    python3 scripts/report_snapshot.py write DIR [NAME ...] [--binary B]   # DIR/NAME.table, NAME.csv, NAME.out/
    python3 scripts/report_snapshot.py compare BEFORE AFTER                # diff -r after normalization

Normalization (compare) blanks what changes from run to run: elapsed times (`1.23 s`), the
version, the `command` line and the BLAS build string of summary.json, and `wrote DIR/` lines.
"""
import argparse
import difflib
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden  # noqa: E402

ROOT = golden.ROOT
# One fixed --out path, so the command lines recorded in the files are the same for every snapshot.
WORK = os.path.join(tempfile.gettempdir(), "tailrisk-report-snapshot")


def write(directory, binary, names):
    os.makedirs(directory, exist_ok=True)
    # One snapshot at a time: two would share WORK (held until this process exits).
    lock = open(WORK + ".lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    for name in names:
        args = golden.RUNS[name]
        shutil.rmtree(WORK, ignore_errors=True)
        os.makedirs(WORK)
        out = os.path.join(WORK, "out")
        base = [a for a in args if a != "OUT"]
        if "--out" in base:
            base.remove("--out")
        for fmt, extra in (("table", ["--out", out]), ("csv", [])):
            done = subprocess.run([binary, *base, "--format", fmt, *extra], cwd=ROOT,
                                  capture_output=True, text=True, timeout=1800)
            with open(os.path.join(directory, f"{name}.{fmt}"), "w") as f:
                f.write(f"exit {done.returncode}\n{done.stdout}\n--- stderr\n{done.stderr}")
        target = os.path.join(directory, name + ".out")
        shutil.rmtree(target, ignore_errors=True)
        if os.path.isdir(out):
            shutil.copytree(out, target)
        print(f"{name}: done", flush=True)


def normalized(path):
    with open(path, errors="replace") as f:
        text = f.read()
    text = re.sub(r"\d+\.\d+ s\b", "T s", text)
    text = re.sub(r'"(seconds|elapsed|version|command)": [^\n]*', r'"\1": X', text)
    text = re.sub(r'"(config|kernel|threads)": "[^"\n]*"', r'"\1": X', text)
    return text.splitlines(keepends=True)


def compare(before, after):
    different = 0
    for dirpath, _, files in sorted(os.walk(before)):
        for name in sorted(files):
            old = os.path.join(dirpath, name)
            new = os.path.join(after, os.path.relpath(old, before))
            if not os.path.exists(new):
                print(f"MISSING {os.path.relpath(new, after)}")
                different += 1
                continue
            diff = list(difflib.unified_diff(normalized(old), normalized(new), old, new, n=1))
            if diff:
                different += 1
                sys.stdout.writelines(diff[:60])
    for dirpath, _, files in os.walk(after):
        for name in files:
            if not os.path.exists(os.path.join(before, os.path.relpath(os.path.join(dirpath, name), after))):
                print(f"NEW {os.path.relpath(os.path.join(dirpath, name), after)}")
                different += 1
    print(f"{different} file(s) differ")
    return different


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    w = sub.add_parser("write")
    w.add_argument("directory")
    w.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "tailrisk"))
    w.add_argument("names", nargs="*")
    c = sub.add_parser("compare")
    c.add_argument("before")
    c.add_argument("after")
    a = parser.parse_args()
    if a.mode == "write":
        names = a.names or list(golden.RUNS)
        if not os.path.exists(os.path.join(golden.SHARED, "crypto_coinmetrics_daily.csv")):
            names = [n for n in names if not any("../shared" in x for x in golden.RUNS[n])]
        write(a.directory, os.path.abspath(a.binary), names)
    else:
        sys.exit(1 if compare(a.before, a.after) else 0)


if __name__ == "__main__":
    main()
