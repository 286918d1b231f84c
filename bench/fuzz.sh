#!/usr/bin/env bash
# Long fuzz runs (issue #12): each libFuzzer target of the native-debug build (ASan + UBSan) for
# MINUTES, from the checked-in seed corpus, into a scratch corpus; prints runs, runs/s, coverage
# (libFuzzer's cov: and ft: counters) and whether it found anything, one line per target.
# Usage: bench/fuzz.sh [minutes per target, default 10] [parallel jobs, default 1] [targets…]
# Needs: cmake --preset native-debug && cmake --build --preset native-debug (tests/run does it).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
minutes=${1:-10}
jobs=${2:-1}
shift $(( $# > 2 ? 2 : $# )) || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_http fuzz_body fuzz_seed fuzz_token fuzz_oidc fuzz_portal)
work=${FUZZ_WORK:-$(mktemp -d)}
echo "# fuzz: ${minutes} min per target, $jobs at a time, $(nproc) cores, $(date -u +%F), corpus in $work"
run() {
    local t=$1 dir="$work/$t"
    mkdir -p "$dir/corpus" "$dir/crashes"
    "$root/build/native-debug/fuzz/$t" -max_total_time=$((minutes * 60)) -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$dir/crashes/" \
        "$dir/corpus" "$root/fuzz/corpus/$t" >"$dir/log" 2>&1 || true
    local runs rate cov ft found
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log")
    cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$dir/log" | tail -1 | cut -d' ' -f2)
    found=$(ls "$dir/crashes" | wc -l)
    echo "| $t | ${minutes} min | ${runs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | $found |"
}
echo "| target | time | runs | runs/s | cov (edges) | ft (features) | crashes/leaks/timeouts |"
echo "|---|---|---:|---:|---:|---:|---:|"
active=0
for t in "${targets[@]}"; do
    run "$t" &
    active=$((active + 1))
    if [ "$active" -ge "$jobs" ]; then wait -n; active=$((active - 1)); fi
done
wait
