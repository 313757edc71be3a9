#!/usr/bin/env python3
"""The golden set: about 30 tailrisk runs over every subcommand, law and filter, kept as normalized JSON.

Issue 22 ("one typed model, one engine, one report writer") moves most of the code; before anything
moves, these outputs are pinned, and after each step they must come out the same. Each run is a
command line with `--format json` (or `--out DIR`, whose summary.json is read), on Data/ and
../shared/data (skipped, with a message, where ../shared is absent).

    python3 scripts/golden.py --write            # (re)write Tests/Golden/NAME.json from the release binary
    python3 scripts/golden.py --check            # compare; exit 1 with the differing paths when any differs
    python3 scripts/golden.py --check --exact    # the same, but numbers must be equal to the bit
    python3 scripts/golden.py --check NAME ...   # only these runs

Normalization drops what legitimately changes from run to run or machine to machine: elapsed
times, the version, the command line, the BLAS build string, absolute paths (made relative to the
repository) and output directories. Numbers are compared to 1e-9 relative (1e-12 absolute) by
default, because OpenBLAS's kernel (recorded in each JSON's `blas`) may change last bits between
processors; --exact compares bytes, which is what a refactor on one machine must keep.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "Tests", "Golden")
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))
CRYPTO = "../shared/data/crypto_coinmetrics_daily.csv"
EQUITY = "../shared/data/equity_sp500_skfolio_daily.csv"
SP = "Data/sp500_skfolio_daily.csv"
POS = ["--positions-file", "Data/positions.csv"]
BASKET = ["--weights", "BTC=0.5,ETH=0.3,LINK=0.2", "--value", "1000000", "--from", "2019-01-01"]
COLL = ["--collateral", "BTC=10,ETH=120,LINK=5000", "--debt", "USDC=100000"]
BOOK = ["--accounts", "Data/synthetic_book.csv", "--lt", "ETH=0.8,BTC=0.75",
        "--liquidity", "Data/cascade_liquidity.csv", "--from", "2019-01-01"]
MC = ["--method", "monte-carlo", "--scenarios", "50000"]

# name -> arguments after `tailrisk`. A run with "--out" among its arguments is read from its summary.json.
RUNS = {
    "var_sp500_all": ["var", SP, *POS, "--window", "1000"],
    "var_sp500_linear_quantile": ["var", SP, *POS, "--window", "1000", "--method", "historical",
                                  "--quantile", "linear", "--confidence", "0.99,0.975,0.95"],
    "var_sp500_ledoit_wolf": ["var", SP, *POS, "--window", "1000", "--method", "normal,monte-carlo",
                              "--estimator", "ledoit-wolf", "--scenarios", "50000"],
    "var_sp500_ewma_zero_mean": ["var", SP, *POS, "--window", "1000", "--method", "normal",
                                 "--estimator", "ewma", "--zero-mean"],
    "var_sp500_contributions": ["var", SP, *POS, "--window", "1000", *MC, "--contributions"],
    "var_sp500_importance": ["var", SP, *POS, "--window", "1000", "--method", "monte-carlo",
                             "--confidence", "0.999", "--scenarios", "16384", "--variance-reduction", "importance"],
    "var_sp500_antithetic": ["var", SP, *POS, "--window", "1000", *MC, "--variance-reduction", "antithetic"],
    "var_run_file": ["var", "--config", "Data/examples/run.yaml"],
    "var_quoted": ["var", "Data/examples/quoted_prices.csv", "--positions", "AAPL=2000,MSFT=1000,EW20=20"],
    "var_crypto_t": ["var", CRYPTO, *BASKET, *MC, "--dist", "t", "--df", "4", "--horizon", "10"],
    "var_crypto_bootstrap": ["var", CRYPTO, *BASKET, *MC, "--dist", "bootstrap", "--horizon", "5"],
    "var_crypto_fhs_ewma": ["var", CRYPTO, *BASKET, "--method", "fhs"],
    "var_crypto_fhs_garch": ["var", CRYPTO, *BASKET, "--method", "fhs", "--filter", "garch"],
    "var_crypto_mc_fhs_garch": ["var", CRYPTO, *BASKET, *MC, "--dist", "fhs", "--filter", "garch",
                                "--horizon", "5"],
    "var_crypto_gaussian_copula": ["var", CRYPTO, *BASKET, *MC, "--dist", "gaussian-copula"],
    "var_crypto_t_copula": ["var", CRYPTO, *BASKET, *MC, "--dist", "t-copula", "--df", "5"],
    "var_crypto_skew_t": ["var", CRYPTO, *BASKET, *MC, "--dist", "skew-t", "--df", "5", "--skew", "-0.3",
                          "--horizon", "5"],
    "var_crypto_fhs_gjr": ["var", CRYPTO, *BASKET, "--method", "fhs", "--filter", "gjr"],
    "var_crypto_cornish_fisher": ["var", CRYPTO, *BASKET, "--method", "cornish-fisher,normal"],
    "cov_sp500_oas": ["cov", SP, "--assets", "AAPL,JPM,XOM", "--window", "1000", "--estimator", "oas",
                      "--correlation"],
    "cov_sp500_ewma": ["cov", SP, "--window", "1000", "--estimator", "ewma"],
    "cov_crypto_tail_dependence": ["cov", CRYPTO, "--assets", "BTC,ETH,LINK", "--window", "500",
                                   "--tail-dependence"],
    "simulate_sp500": ["simulate", SP, *POS, "--window", "1000", "--scenarios", "50000", "--out", "OUT"],
    "haircut_crypto_normal": ["haircut", CRYPTO, *COLL, "--dist", "normal", "--scenarios", "50000"],
    "haircut_crypto_stress_grid": ["haircut", CRYPTO, *COLL, "--horizon", "10", "--scenarios", "50000",
                                   "--stress-window", "2020-03-01:2020-04-30", "--grid"],
    "haircut_crypto_fhs": ["haircut", CRYPTO, *COLL, "--dist", "fhs", "--scenarios", "50000"],
    "haircut_crypto_t_copula": ["haircut", CRYPTO, *COLL, "--dist", "t-copula", "--df", "fit",
                                "--scenarios", "50000"],
    "stress_replay": ["stress", CRYPTO, "--collateral", "BTC=10,ETH=120,DAI=20000", "--debt", "USDC=100000",
                      "--replay", "2020-03-01:2020-04-30", "--catalogue", "Data/stress_catalogue.yaml",
                      "--horizon", "3"],
    "stress_shocks": ["stress", CRYPTO, "--collateral", "BTC=10,ETH=120,DAI=20000", "--debt", "USDC=100000",
                      "--lt", "BTC=0.8,ETH=0.8,DAI=0.9", "--shock", "BTC=-30%", "--shock", "BTC=-30%,ETH=-40%",
                      "--conditional"],
    "stress_depeg": ["stress", CRYPTO, "--collateral", "BTC=10,ETH=120,DAI=20000", "--debt", "USDC=100000",
                     "--depeg", "USDC=10%@2%", "--depeg", "DAI=-20%@5%"],
    "stress_correlation_break": ["stress", CRYPTO, *COLL, "--set-correlation", "BTC:ETH=0",
                                 "--scenarios", "50000"],
    "stress_cascade_replay": ["stress", CRYPTO, *BOOK, "--replay", "2020-03-05:2020-03-20",
                              "--shock", "ETH=-25%,BTC=-20%", "--oracle-deviation", "2%",
                              "--oracle-heartbeat", "3", "--breaker", "10%"],
    "stress_cascade_monte_carlo": ["stress", CRYPTO, *BOOK, "--monte-carlo", "--scenarios", "5000",
                                   "--horizon", "10", "--dist", "t"],
    "backtest_crypto_all": ["backtest", CRYPTO, "--positions", "BTC=1,ETH=30", "--from", "2019-06-01",
                            "--window", "250", "--method", "historical,normal,fhs", "--confidence", "0.99"],
    "backtest_crypto_garch": ["backtest", CRYPTO, "--positions", "BTC=1,ETH=30", "--from", "2019-06-01",
                              "--window", "250", "--method", "fhs", "--filter", "garch", "--confidence", "0.99,0.975"],
    "backtest_equity_mc": ["backtest", EQUITY, "--weights", "AAPL=0.5,KO=0.5", "--value", "1000000",
                           "--from", "2019-01-01", "--window", "250", "--method", "monte-carlo",
                           "--scenarios", "2000"],
}

# Keys whose values change between runs or machines, wherever they appear.
DROPPED = {"seconds", "elapsed", "elapsed_seconds", "time", "wall_seconds", "version", "command",
           "command_line", "blas", "out", "output", "written", "files"}


def normalize(value):
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in sorted(value.items()) if k not in DROPPED}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if isinstance(value, str):
        return value.replace(ROOT + "/", "").replace(os.path.dirname(ROOT) + "/", "../")
    return value


def run(binary, name, args):
    """The normalized JSON of one run, or raises with the command's message."""
    with tempfile.TemporaryDirectory() as tmp:
        argv = [os.path.join(tmp, "out") if a == "OUT" else a for a in args]
        if "--out" not in argv:
            argv = argv + ["--format", "json"]
        done = subprocess.run([binary, *argv], cwd=ROOT, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"{name}: exit {done.returncode}: {done.stderr.strip()[:500]}")
        if "--out" in argv:
            with open(os.path.join(tmp, "out", "summary.json")) as f:
                data = json.load(f)
        else:
            data = json.loads(done.stdout)
    return normalize(data)


def differences(old, new, path="$", exact=False, out=None):
    """Paths where `new` departs from `old`: keys, types, strings exactly; numbers within tolerance."""
    out = [] if out is None else out
    if isinstance(old, dict) and isinstance(new, dict):
        for k in sorted(set(old) | set(new)):
            if k not in old or k not in new:
                out.append(f"{path}.{k}: {'added' if k in new else 'removed'}")
            else:
                differences(old[k], new[k], f"{path}.{k}", exact, out)
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            out.append(f"{path}: {len(old)} → {len(new)} items")
        for i, (a, b) in enumerate(zip(old, new)):
            differences(a, b, f"{path}[{i}]", exact, out)
    elif isinstance(old, (int, float)) and isinstance(new, (int, float)) \
            and not isinstance(old, bool) and not isinstance(new, bool):
        if exact:
            if old != new:
                out.append(f"{path}: {old!r} → {new!r}")
        elif not math.isclose(old, new, rel_tol=1e-9, abs_tol=1e-12):
            out.append(f"{path}: {old!r} → {new!r}")
    elif old != new:
        out.append(f"{path}: {str(old)[:80]!r} → {str(new)[:80]!r}")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    parser.add_argument("--exact", action="store_true")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "tailrisk"))
    parser.add_argument("names", nargs="*")
    a = parser.parse_args()
    names = a.names or list(RUNS)
    unknown = [n for n in names if n not in RUNS]
    if unknown:
        sys.exit(f"unknown run(s): {', '.join(unknown)}; known: {', '.join(RUNS)}")
    if not os.path.exists(os.path.join(SHARED, "crypto_coinmetrics_daily.csv")):
        names = [n for n in names if not any("../shared" in x for x in RUNS[n])]
        print(f"golden: ../shared/data is absent: skipping the runs that read it ({len(names)} left)")
    os.makedirs(GOLDEN, exist_ok=True)
    failed = passed = 0
    for name in names:
        path = os.path.join(GOLDEN, name + ".json")
        try:
            data = run(a.binary, name, RUNS[name])
        except Exception as e:  # noqa: BLE001 - reported, counted
            print(f"FAIL {name}: {e}")
            failed += 1
            continue
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        if a.write:
            with open(path, "w") as f:
                f.write(text)
            print(f"wrote {os.path.relpath(path, ROOT)}")
            passed += 1
            continue
        if not os.path.exists(path):
            print(f"FAIL {name}: no golden file {os.path.relpath(path, ROOT)} (run --write)")
            failed += 1
            continue
        with open(path) as f:
            old = json.load(f)
        diff = differences(old, data, exact=a.exact)
        if diff:
            failed += 1
            print(f"FAIL {name}: {len(diff)} difference(s)")
            for d in diff[:12]:
                print(f"    {d}")
        else:
            passed += 1
    print(f"golden: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
