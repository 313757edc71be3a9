#!/usr/bin/env python3
"""A synthetic lending book for `tailrisk stress --accounts` (README "Liquidation cascades").

10,000 accounts borrowing USDC against BTC and/or ETH, written as
`account,asset,quantity` (a negative USDC quantity is the debt). Fixed seed:
the file is the same on every run. Prices are those of the last date of
../shared/data/crypto_coinmetrics_daily.csv (2020-07-27), so that every
account starts healthy (HF > 1) at the liquidation thresholds below.

    python3 scripts/make_synthetic_book.py Data/synthetic_book.csv

Design: collateral value lognormal (median $20k, σ_log 1.2); 55% ETH only,
25% BTC only, 20% both (split uniformly); each account borrows a share u of
its borrowing power Σ q P (LT − 0.05) with u ~ Beta(4, 2) clipped to
[0.05, 0.995], so a tail of accounts sits near liquidation.
"""
import sys

import numpy as np

SEED = 20260101
ACCOUNTS = 10_000
PRICES = {"BTC": 11046.5083295149, "ETH": 323.233886908241}
LT = {"BTC": 0.75, "ETH": 0.80}
BUFFER = 0.05


def main(path: str) -> None:
    rng = np.random.default_rng(SEED)
    value = np.exp(rng.normal(np.log(20_000), 1.2, ACCOUNTS))
    kind = rng.choice(3, size=ACCOUNTS, p=[0.55, 0.25, 0.20])
    eth_share = np.where(kind == 0, 1.0, np.where(kind == 1, 0.0, rng.uniform(0.1, 0.9, ACCOUNTS)))
    u = np.clip(rng.beta(4, 2, ACCOUNTS), 0.05, 0.995)
    lines = ["account,asset,quantity"]
    for k in range(ACCOUNTS):
        eth_value = value[k] * eth_share[k]
        btc_value = value[k] - eth_value
        power = eth_value * (LT["ETH"] - BUFFER) + btc_value * (LT["BTC"] - BUFFER)
        name = f"acct{k:05d}"
        if eth_value > 0:
            lines.append(f"{name},ETH,{eth_value / PRICES['ETH']:.6f}")
        if btc_value > 0:
            lines.append(f"{name},BTC,{btc_value / PRICES['BTC']:.8f}")
        lines.append(f"{name},USDC,{-u[k] * power:.2f}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Data/synthetic_book.csv")
