#!/usr/bin/env bash
# Benchmarks of the local server (see BENCHMARKS.md): GET one cluster, list
# 100 clusters, sequential durable creates, and resident memory with 10,000
# clusters. Uses wrk (Debian) on loopback; the server runs in release mode on
# a fresh data dir with the rate limit lifted.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null && command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk sqlite3 >/dev/null; }
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
cargo build -q --release -p crdb-cloud-server
DATA=$(mktemp -d)
KEY=bench-key
PID=
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
# Starts a fresh server on its own data dir; sets PID and URL.
start_server() {
  kill $PID 2>/dev/null || true
  local dir="$DATA/$1"
  mkdir -p "$dir"
  "$TARGET_DIR/release/crdb-cloud-server" --listen 127.0.0.1:0 --data-dir "$dir/data" --bootstrap-api-key "$KEY" \
    --transitions instant --rate-limit 100000000 > "$dir/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 100); do grep -q "listening on" "$dir/server.log" && break; sleep 0.1; done
  URL=$(sed -n 's/^crdb-cloud-server listening on //p' "$dir/server.log")
}
AUTH="Authorization: Bearer $KEY"
DURATION=${BENCH_SECONDS:-10}
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$PID/status"; }

start_server creates
echo "== sequential durable creates (one connection, one request at a time, ${DURATION}s)"
wrk -t1 -c1 -d"${DURATION}s" -H "$AUTH" -s scripts/bench/create-cluster.lua "$URL/api/v1/clusters" | grep -E "Requests/sec|Latency|Non-2xx"

start_server reads
echo "== 10,000 clusters on a fresh server"
python3 scripts/bench/fill.py "$URL" "$KEY" 10000
TOTAL=$(sqlite3 "$DATA/reads/data/crdb-cloud.sqlite3" "select count(*) from resources where kind='cluster'")
echo "   resident memory with $TOTAL clusters: $(rss_mb) MB"
ID=$(curl -s -H "$AUTH" "$URL/api/v1/clusters?pagination.limit=1" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)

echo "== GET one cluster (2 threads, 32 connections, ${DURATION}s)"
wrk -t2 -c32 -d"${DURATION}s" -H "$AUTH" "$URL/api/v1/clusters/$ID" | grep -E "Requests/sec|Latency|Non-2xx"
echo "== list 100 clusters (2 threads, 32 connections, ${DURATION}s)"
wrk -t2 -c32 -d"${DURATION}s" -H "$AUTH" "$URL/api/v1/clusters?pagination.limit=100" | grep -E "Requests/sec|Latency|Non-2xx"
echo "   resident memory after the runs: $(rss_mb) MB"

echo "== GET one cluster while 500 idle connections are open (1 connection, 8s, latency percentiles)"
PORT=${URL##*:}
python3 scripts/bench/idle.py 127.0.0.1 "$PORT" 500 > "$DATA/idle.log" 2>&1 &
IDLE=$!
for _ in $(seq 100); do grep -q "open" "$DATA/idle.log" && break; sleep 0.1; done
wrk -t1 -c1 -d8s --latency -H "$AUTH" "$URL/api/v1/clusters/$ID" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx"
kill $IDLE 2>/dev/null || true
