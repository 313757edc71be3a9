"""Rolling-window scan of tailrisk's GARCH(1,1) fits against the `arch` package (issue 21).

For every STEP-th date of a wide price file, runs

    tailrisk var FILE --positions A=1,B=1,... --method fhs --filter garch --to DATE --window W --format json

over the assets with at least W + 1 prices up to that date (every asset of one run is
fitted on the same last W returns), and records each asset's fitted omega, alpha, beta
and log-likelihood from the JSON's filter.garch. With --arch it also fits
arch_model(r, mean="Zero", vol="GARCH", p=1, q=1, dist="normal", rescale=False) to
r and to 100 r (omega and the log-likelihood brought back to r's units), the references
of methods.md §8, on the same returns.

    python3 scripts/garch_window_scan.py --binary .build/debug/tailrisk --out new.csv [--arch]
    python3 scripts/garch_window_scan.py --compare old.csv new.csv

--compare prints how many windows changed (|Δℓ| > 1e-9 relative), by how much, and how
many end below arch (by more than 1e-6 relative, methods.md §8's tolerance; arch's fits
above the persistence cap 1 - 1e-6 are not references, when the scan recorded alpha + beta).
"""
import argparse
import csv
import json
import math
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CRYPTO = ["BTC", "ETH", "LTC", "XRP", "BCH", "ADA", "LINK", "MKR", "DOGE", "XLM", "ETC"]


def read_wide(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    return rows[0][1:], rows[1:]


def arch_fit(r, scale):
    """arch's log-likelihood in r's units and its persistence alpha + beta."""
    from arch import arch_model
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = arch_model(scale * r, mean="Zero", vol="GARCH", p=1, q=1, dist="normal", rescale=False).fit(disp="off")
    return float(res.loglikelihood) + len(r) * math.log(scale), float(res.params["alpha[1]"] + res.params["beta[1]"])


def scan(args):
    assets, rows = read_wide(args.data)
    wanted = args.assets.split(",") if args.assets else [a for a in assets if a in CRYPTO] or assets
    cols = {a: assets.index(a) + 1 for a in wanted}
    out = open(args.out, "w")
    out.write("date,asset,loglik,omega,alpha,beta" + (",arch,arch100,arch_p,arch100_p" if args.arch else "") + "\n")
    for end in range(args.window, len(rows), args.step):
        date = rows[end][0]
        block = rows[end - args.window: end + 1]
        live = [a for a in wanted if all(r[cols[a]] for r in block)]
        if not live:
            continue
        cmd = [args.binary, "var", str(args.data), "--positions", ",".join(f"{a}=1" for a in live), "--method", "fhs",
               "--filter", "garch", "--to", date, "--window", str(args.window), "--format", "json"]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            print(date, run.stderr.strip(), file=sys.stderr)
            continue
        fits = json.loads(run.stdout)["filter"]["garch"]
        for a in live:
            g = fits[a]
            line = f"{date},{a},{g['log_likelihood']!r},{g['omega']!r},{g['alpha']!r},{g['beta']!r}"
            if args.arch:
                p = np.array([float(r[cols[a]]) for r in block])
                r = np.log(p[1:] / p[:-1])
                (l1, p1), (l2, p2) = arch_fit(r, 1.0), arch_fit(r, 100.0)
                line += f",{l1!r},{l2!r},{p1!r},{p2!r}"
            out.write(line + "\n")
        out.flush()


def compare(old_path, new_path):
    def load(path):
        with open(path) as f:
            return {(r["date"], r["asset"]): r for r in csv.DictReader(f)}
    old, new = load(old_path), load(new_path)
    keys = sorted(set(old) & set(new))
    gains = []
    for k in keys:
        a, b = float(old[k]["loglik"]), float(new[k]["loglik"])
        if abs(b - a) > 1e-9 * abs(a):
            gains.append((b - a, k, old[k], new[k]))
    print(f"{len(keys)} windows, {len(gains)} changed")
    if gains:
        d = sorted(g[0] for g in gains)
        print(f"change in log-likelihood: min {d[0]:.6f}, median {d[len(d) // 2]:.6f}, max {d[-1]:.6f}; "
              f"{sum(x < 0 for x in d)} lower")
        for g, k, o, n in sorted(gains, reverse=True)[:10]:
            print(f"  {k[0]} {k[1]}: {float(o['loglik']):.4f} (alpha {float(o['alpha']):.4f}, beta {float(o['beta']):.4f})"
                  f" -> {float(n['loglik']):.4f} (alpha {float(n['alpha']):.4f}, beta {float(n['beta']):.5f})")
    # arch's log-likelihoods from whichever scan recorded them (--arch), where its fit is admissible
    # (alpha + beta <= 1 - 1e-6, methods.md §8; arch's own bound lets it end slightly above).
    def admissible(t, k, key):
        p = t[k].get(key + "_p")
        return p is None or p == "" or float(p) <= 1 - 1e-6 + 1e-12
    refs = {}
    for t in (new, old):
        for k in keys:
            if t[k].get("arch") and k not in refs:
                values = [float(t[k][key]) for key in ("arch", "arch100") if admissible(t, k, key)]
                if values:
                    refs[k] = max(values)
    for name, table in (("old", old), ("new", new)):
        below = [k for k in keys if k in refs and float(table[k]["loglik"]) < refs[k] - 1e-6 * abs(refs[k])]
        if refs:
            print(f"{name}: {len(below)} of {len(refs)} windows below max(arch(r), arch(100 r)) by more than 1e-6 relative"
                  + "".join(f"\n  {k[0]} {k[1]}: {float(table[k]['loglik']):.4f} < {refs[k]:.4f}" for k in below[:10]))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary")
    p.add_argument("--data", type=Path, default=DATA / "crypto_coinmetrics_daily.csv")
    p.add_argument("--assets", help="comma list (default: the non-stable crypto assets of the file, else all)")
    p.add_argument("--window", type=int, default=250)
    p.add_argument("--step", type=int, default=20)
    p.add_argument("--out")
    p.add_argument("--arch", action="store_true")
    p.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"))
    args = p.parse_args()
    if args.compare:
        compare(*args.compare)
    else:
        scan(args)


if __name__ == "__main__":
    main()
