#!/usr/bin/env bash
# Service throughput and latency under wrk (Debian's), on loopback, against the demo world ×10:
#   - GET /api/v1/health                         no-op baseline on the same server
#   - GET /api/v1/tenants/{contoso}/rooms?limit=50  an authorised page (partner caller, scope checks)
#   - POST /api/v1/tenants/{contoso}/incidents   a durable write (journal + audit, fsync'd)
# Usage: bench/service_bench.sh [seconds per run, default 10] [connections, default 8]
# Needs the native build (tests/run or cmake --build --preset native) and wrk (apt-get install wrk).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
duration=${1:-10}
connections=${2:-8}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
server="$root/build/native/src/server/trm-server"
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT

python3 "$root/tools/make_demo_world.py" --scale 10 >"$work/world.json"
"$server" --listen 127.0.0.1:0 --db "$work/trm.sqlite" --seed "$work/world.json" --dev-auth >"$work/out" &
pid=$!
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.2; done
port=$(sed -n 's/.*127.0.0.1:\([0-9]*\).*/\1/p' "$work/out")
base="http://127.0.0.1:$port/api/v1"

token=$(curl -s -X POST "$base/auth/dev-login" -d '{"upn":"nia@northwind.example"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])')
contoso=$(python3 -c 'import json,sys;w=json.load(open(sys.argv[1]));print([t["id"] for t in w["tenants"] if t["name"]=="Contoso"][0])' "$work/world.json")
room=$(curl -s -H "Authorization: Bearer $token" "$base/tenants/$contoso/rooms?limit=1" | python3 -c 'import sys,json;print(json.load(sys.stdin)["items"][0]["id"])')
rooms=$(curl -s -H "Authorization: Bearer $token" "$base/tenants/$contoso/rooms?limit=500" | python3 -c 'import sys,json;d=json.load(sys.stdin);print(len(d["items"]), "+" if d["nextCursor"] else "")')

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"roomIds":["$room"],"title":"Benchmark issue","description":"Recorded by wrk","highImpact":false}'
LUA

echo "# trm-server under wrk: $(nproc) cores, ${duration}s per run, $connections connections, demo world x10"
echo "# rooms visible to the caller in Contoso: $rooms"
run() {
    local name=$1; shift
    echo "## $name"
    wrk --latency -t2 -c"$connections" -d"${duration}s" "$@" | grep -E "Requests/sec|Latency +[0-9]|^ +50%|^ +99%|Non-2xx"
}
run "GET /health (baseline)" "$base/health"
run "GET /tenants/{id}/rooms?limit=50 (authorised page)" -H "Authorization: Bearer $token" "$base/tenants/$contoso/rooms?limit=50"
run "POST /tenants/{id}/incidents (durable write)" -s "$work/post.lua" "$base/tenants/$contoso/incidents"
