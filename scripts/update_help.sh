#!/usr/bin/env bash
# Rewrites Tests/CLITests/Help/*.txt, the pinned `--help` texts (HelpCLITests), from a built binary:
#   scripts/update_help.sh [BINARY]      (default .build/debug/tailrisk; `make help` builds and runs it)
# Review the diff: every change of help text should be intended.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/tailrisk}
DIR=Tests/CLITests/Help
mkdir -p "$DIR"
rm -f "$DIR"/*.txt
export COLUMNS=100   # the width HelpCLITests uses
"$BIN" --help > "$DIR/tailrisk.txt"
for sub in var cov simulate haircut stress backtest merge run; do
    "$BIN" "$sub" --help > "$DIR/$sub.txt"
done
echo "wrote $DIR: $(ls "$DIR" | tr '\n' ' ')"
