#!/usr/bin/env bash
# Runs the fuzz targets that `make fuzz-build` puts in .build-fuzz/debug/.
#
#   Fuzz/run.sh smoke RUNS     each target for RUNS inputs from -seed=1, starting from
#                              Fuzz/Corpus alone: the same inputs every time (make fuzz-smoke)
#   Fuzz/run.sh long SECONDS   each target for SECONDS, growing its working corpus in
#                              .build-fuzz/corpus/<target>/ across runs (make fuzz)
#
# A crash, a trap (precondition, overflow, bounds), a timeout (10 s on one input), an
# out-of-memory (2 GB in all, or 256 MB in one allocation) or an ASan report fails the
# run; the input that caused it is in .build-fuzz/artifacts/<target>/ and replays with
# `.build-fuzz/debug/<target> FILE`.
# Errors the readers throw are not findings.
set -uo pipefail
mode=${1:?usage: Fuzz/run.sh smoke RUNS | long SECONDS}
amount=${2:?usage: Fuzz/run.sh smoke RUNS | long SECONDS}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/.build-fuzz/debug
# Swift's backtracer would take the crash signal first; libFuzzer's handler must see it
# to write the input out.
export SWIFT_BACKTRACE=enable=no
# Same Set/Dictionary order in every process, so a smoke run repeats exactly.
export SWIFT_DETERMINISTIC_HASHING=1
common=(-rss_limit_mb=2048 -malloc_limit_mb=256 -max_len=65536 -timeout=10 -print_final_stats=1)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
targets=(
    "FuzzPriceReader prices"
    "FuzzPolicyReader policy"
    "FuzzAccountBookReader accounts"
    "FuzzLiquidityReader liquidity"
    "FuzzCatalogueReader catalogue"
    "FuzzScenarioReader scenarios"
    "FuzzRunFileReader runfile"
    "FuzzPositionsReader positions"
    "FuzzShardReader shard"
    "FuzzRunPlanReader runplan"
)
for pair in "${targets[@]}"; do
    read -r target seeds <<<"$pair"
    artifacts=$root/.build-fuzz/artifacts/$target
    mkdir -p "$artifacts"
    case $mode in
        smoke) work=$scratch/$target; limits=(-seed=1 -runs="$amount") ;;
        long) work=$root/.build-fuzz/corpus/$target; limits=(-max_total_time="$amount") ;;
        *) echo "Fuzz/run.sh: unknown mode $mode" >&2; exit 2 ;;
    esac
    mkdir -p "$work"
    log=$scratch/$target.log
    start=$SECONDS
    if "$bin/$target" "${common[@]}" "${limits[@]}" -artifact_prefix="$artifacts/" \
        "$work" "$root/Fuzz/Corpus/$seeds" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        echo "fuzz $target: ${runs:-?} inputs in $((SECONDS - start)) s, $cov, no crash"
    else
        echo "fuzz $target: FAILED after $((SECONDS - start)) s"
        grep -E 'ERROR|SUMMARY|Fatal error|Test unit written|==[0-9]+==' "$log" | head -20
        echo "  full log: $log (kept in $artifacts/last.log); replay: $bin/$target <file above>"
        cp "$log" "$artifacts/last.log"
        status=1
    fi
done
exit $status
