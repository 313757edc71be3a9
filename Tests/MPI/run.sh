#!/bin/bash
# MPI tests (make mpi-test): the MPI build under `mpirun -np 2` and `-np 3` writes and prints
# the bytes of one process, for var, simulate and haircut, normal, t and bootstrap laws, with and
# without standalone haircuts, with --target-precision, and for cascade Monte Carlo (stress --accounts);
# a rank that dies fails the run with nothing written.
set -u
BIN=${BIN:-.build-mpi/debug/tailrisk}
MPIRUN=${MPIRUN:-mpirun --oversubscribe --allow-run-as-root}
DATA=Data/sp500_skfolio_daily.csv
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0

# The JSON and files without the echoed command line and the output directory.
strip() { grep -v -e '"command":' -e '"directory":' -e '"seconds":' "$1"; }

# same NAME OUTFILES -- ARGS: run ARGS alone and under -np 2 and 3, compare stdout and --out files.
same() {
    local name=$1; shift
    local files=$1; shift
    "$BIN" "$@" --out "$TMP/$name-1" >"$TMP/$name-1.stdout" 2>"$TMP/$name-1.stderr" || {
        echo "FAIL $name: one process exited non-zero: $(head -2 "$TMP/$name-1.stderr")"; failures=$((failures + 1)); return; }
    for np in 2 3; do
        if ! $MPIRUN -np $np "$BIN" "$@" --out "$TMP/$name-$np" >"$TMP/$name-$np.stdout" 2>"$TMP/$name-$np.stderr"; then
            echo "FAIL $name: -np $np exited non-zero: $(head -3 "$TMP/$name-$np.stderr")"; failures=$((failures + 1)); continue
        fi
        local ok=1
        diff <(strip "$TMP/$name-1.stdout") <(strip "$TMP/$name-$np.stdout") >/dev/null || { echo "FAIL $name -np $np: stdout differs"; ok=0; }
        for f in $files; do
            if [ "$f" = summary.json ]; then
                diff <(strip "$TMP/$name-1/$f") <(strip "$TMP/$name-$np/$f") >/dev/null || { echo "FAIL $name -np $np: $f differs"; ok=0; }
            else
                cmp -s "$TMP/$name-1/$f" "$TMP/$name-$np/$f" || { echo "FAIL $name -np $np: $f differs"; ok=0; }
            fi
        done
        if [ $ok = 1 ]; then echo "ok   $name -np $np"; else failures=$((failures + 1)); fi
    done
}

BASKET=(--assets AAPL,JPM,XOM,KO --weights AAPL=0.4,JPM=0.3,XOM=0.2,KO=0.1 --value 1000000 --window 750 --seed 7)
same simulate-normal "summary.json tail.csv histogram.csv" simulate $DATA "${BASKET[@]}" --quiet --scenarios 50000 --format json
same simulate-t "summary.json tail.csv histogram.csv" simulate $DATA "${BASKET[@]}" --quiet --scenarios 30000 --dist t --df 4 --horizon 3 --format json
same simulate-bootstrap "summary.json tail.csv histogram.csv" simulate $DATA "${BASKET[@]}" --quiet --scenarios 30000 --dist bootstrap --format json
same simulate-precision "summary.json tail.csv histogram.csv" simulate $DATA "${BASKET[@]}" --quiet --scenarios 4096 --target-precision 1.5% --max-scenarios 400000 --format json
same var-mc "summary.json pnl.csv" var $DATA "${BASKET[@]}" --method monte-carlo --scenarios 40000 --format json
same haircut-standalone "summary.json assets.csv" haircut $DATA --collateral AAPL=1000,JPM=2000,XOM=500 --scenarios 40000 --seed 3 --format json
same haircut-one "summary.json assets.csv" haircut $DATA --collateral KO=1000 --scenarios 40000 --dist t --df 5 --format json

# Cascade Monte Carlo on the engine (issue 22): a small lending book on the equity prices, the debt in USD (priced at 1).
printf 'account,asset,quantity\na,AAPL,100\na,USD,-9000\nb,JPM,50\nb,AAPL,20\nb,USD,-7000\nc,KO,200\nc,USD,-6000\nd,AAPL,30\nd,KO,100\nd,USD,-6500\n' > "$TMP/book.csv"
CASCADE=(--accounts "$TMP/book.csv" --lt AAPL=0.8,JPM=0.75,KO=0.8 --monte-carlo --horizon 10 --window 750 --format json)
same cascade-mc "summary.json monte_carlo_shocks.csv cascade_outcomes.csv" stress $DATA "${CASCADE[@]}" --scenarios 9000 --dist t
same cascade-breaker "summary.json monte_carlo_shocks.csv" stress $DATA "${CASCADE[@]}" --scenarios 9000 --breaker 10%
same cascade-precision "summary.json monte_carlo_shocks.csv" stress $DATA "${CASCADE[@]}" --scenarios 4096 --target-precision 20% --max-scenarios 200000

# A rank that dies: the run exits non-zero and writes nothing.
if $MPIRUN -np 2 bash -c 'if [ "$OMPI_COMM_WORLD_RANK" = 1 ]; then kill -9 $$; fi; exec "$0" "$@"' \
        "$BIN" simulate $DATA "${BASKET[@]}" --quiet --scenarios 50000 --out "$TMP/dead" >/dev/null 2>&1; then
    echo "FAIL dead rank: exit status 0"; failures=$((failures + 1))
elif [ -e "$TMP/dead" ]; then
    echo "FAIL dead rank: $TMP/dead was written"; failures=$((failures + 1))
else
    echo "ok   a dead rank fails the run, nothing written"
fi

if [ $failures -gt 0 ]; then echo "$failures MPI check(s) failed"; exit 1; fi
echo "all MPI checks passed"
