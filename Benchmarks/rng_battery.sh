#!/usr/bin/env bash
# The statistical battery on the default seed's scenario streams (issue 21, item 10; README,
# "Conventions"). Builds rng-battery (Benchmarks/Sources/RNGBattery), runs its `check` (tail
# frequencies at 10⁻¹…10⁻⁵, χ² over 1,024 bins of Φ(z), moments, lag correlations inside and across
# scenarios) and pipes its streams into dieharder (Debian's package; installed here if missing):
# Φ(z) of the engine's normals in scenario order, and the generators' raw words.
#   Benchmarks/rng_battery.sh [SCENARIOS_FOR_CHECK] [DIM]      (defaults 200000000, 6)
# Every test starts at scenario 0, so a run repeats exactly. Not part of make test (it takes tens of
# minutes on 2 cores); the results of a run are in Benchmarks/RNG_BATTERY.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scenarios=${1:-200000000}
dim=${2:-6}
command -v dieharder >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dieharder >/dev/null; }
swift build --package-path Benchmarks -c release --product rng-battery >/dev/null
bin=Benchmarks/.build/release/rng-battery
echo "== rng-battery check --seed 20260101 --dim $dim --scenarios $scenarios"
"$bin" check --seed 20260101 --dim "$dim" --scenarios "$scenarios"
# dieharder's tests by number: birthdays, OPERM5, 32x32 and 6x8 ranks, bitstream, count-the-1s
# (stream and byte), parking lot, minimum distance 2d and 3d, squeeze, runs, craps, Marsaglia–Tsang GCD,
# STS monobit, runs and serial, RGB bit distribution, minimum distance, permutations, lagged sums,
# Kolmogorov–Smirnov, and the DAB byte distribution, DCT, fill tree and monobit 2.
# rgb_minimum_distance (201) runs in 2 to 5 dimensions, as `dieharder -a` runs it: alone, with no -n, it
# tests dimension 0 and fails every generator (NumPy's PCG64 through the same Φ(z) pipe included).
# -Y 1 reruns a WEAK result with more samples until it passes or fails, as dieharder's manual advises.
tests="0 1 2 3 4 8 9 10 11 12 13 15 16 17 100 101 102 200 201:2 201:3 201:4 201:5 202 203 204 205 206 207 208 209"
for source in normals raw; do
    flag=""; [ "$source" = raw ] && flag="--raw"
    echo "== dieharder on the $source stream (seed 20260101, dim $dim)"
    for t in $tests; do
        d=${t%%:*}; n=""; [ "$t" != "$d" ] && n="-n ${t#*:}"
        "$bin" stream --seed 20260101 --dim "$dim" --scenarios 0 $flag | dieharder -g 200 -Y 1 -d "$d" $n 2>&1 \
            | grep -E 'PASSED|WEAK|FAILED' || true
    done
done
