#!/usr/bin/env bash
# Honest traffic with the sign-in/bad-token rate limit on and off (issue #12): the same binary,
# two servers on the small world, wrk against GET /api/v1/tenants/t-contoso/rooms with a valid
# token, alternating on/off/on/off so the machine's drift shows.
# Usage: bench/sign_in_limit_bench.sh [seconds per run, default 10] [connections, default 8]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
duration=${1:-10}
connections=${2:-8}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
server="$root/build/native/src/server/trm-server"
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

start() {  # name, extra args...
    local name=$1; shift
    "$server" --listen 127.0.0.1:0 --seed "$root/tests/api/small_world.json" --dev-auth "$@" >"$work/$name.out" &
    pids+=($!)
    for _ in $(seq 100); do grep -q listening "$work/$name.out" 2>/dev/null && break; sleep 0.1; done
    sed -n 's/.*127.0.0.1:\([0-9]*\).*/\1/p' "$work/$name.out"
}
on=$(start on)
off=$(start off --sign-in-rate 0)
token() {
    curl -s -X POST "http://127.0.0.1:$1/api/v1/auth/dev-login" -d '{"upn":"ann@contoso.example"}' |
        python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])'
}
t_on=$(token "$on"); t_off=$(token "$off")
echo "# honest traffic, rate limit on vs off: $(nproc) cores, ${duration}s per run, $connections connections"
for round in 1 2; do
    for mode in on off; do
        port=$([ $mode = on ] && echo "$on" || echo "$off")
        tok=$([ $mode = on ] && echo "$t_on" || echo "$t_off")
        rps=$(wrk -t2 -c"$connections" -d"${duration}s" -H "Authorization: Bearer $tok" \
              "http://127.0.0.1:$port/api/v1/tenants/t-contoso/rooms" | sed -n 's/Requests\/sec: *//p')
        echo "round $round, limit $mode: $rps requests/s"
    done
done
