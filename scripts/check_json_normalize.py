"""Checks that a tailrisk JSON result loads into one pandas frame with one
pandas.json_normalize call (README, "Reading the results").

Usage: python3 check_json_normalize.py KEY FILE [COLUMN ...]
Loads FILE, calls pandas.json_normalize(doc[KEY]) and checks that the frame
has one row per record and every COLUMN given (nested keys joined by dots,
e.g. es_contributions.BTC). Prints "ok ROWSxCOLUMNS" or exits non-zero.
"""
import json
import sys

import pandas as pd


def main():
    key, path, columns = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(path) as f:
        doc = json.load(f)
    frame = pd.json_normalize(doc[key])
    if len(frame) != len(doc[key]):
        sys.exit(f"{len(frame)} rows for {len(doc[key])} records")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        sys.exit(f"missing columns {missing}; have {list(frame.columns)}")
    print(f"ok {frame.shape[0]}x{frame.shape[1]}")


if __name__ == "__main__":
    main()
