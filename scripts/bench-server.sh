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
LOG="$DATA/server.log"
"$TARGET_DIR/release/crdb-cloud-server" --listen 127.0.0.1:0 --data-dir "$DATA/data" --bootstrap-api-key "$KEY" \
  --transitions instant --rate-limit 100000000 > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 100); do grep -q "listening on" "$LOG" && break; sleep 0.1; done
URL=$(sed -n 's/^crdb-cloud-server listening on //p' "$LOG")
AUTH="Authorization: Bearer $KEY"
DURATION=${BENCH_SECONDS:-10}
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$PID/status"; }

echo "== sequential durable creates (one connection, one request at a time, ${DURATION}s)"
wrk -t1 -c1 -d"${DURATION}s" -H "$AUTH" -s scripts/bench/create-cluster.lua "$URL/api/v1/clusters" | grep -E "Requests/sec|Latency|Non-2xx"

COUNT=$(curl -s -H "$AUTH" "$URL/api/v1/clusters?pagination.limit=500" | grep -o '"id"' | wc -l)
echo "== filling up to 10,000 clusters"
while [ "$(curl -s -H "$AUTH" -o /dev/null -w '%{http_code}' "$URL/api/v1/organization")" = 200 ]; do
  TOTAL=$(sqlite3 "$DATA/data/crdb-cloud.sqlite3" "select count(*) from resources where kind='cluster'" 2>/dev/null || echo 0)
  [ "$TOTAL" -ge 10000 ] && break
  wrk -t2 -c8 -d2s -H "$AUTH" -s scripts/bench/create-cluster.lua "$URL/api/v1/clusters" > /dev/null
done
ID=$(curl -s -H "$AUTH" "$URL/api/v1/clusters?pagination.limit=1" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)
echo "   resident memory with $TOTAL clusters: $(rss_mb) MB"

echo "== GET one cluster (2 threads, 32 connections, ${DURATION}s)"
wrk -t2 -c32 -d"${DURATION}s" -H "$AUTH" "$URL/api/v1/clusters/$ID" | grep -E "Requests/sec|Latency|Non-2xx"
echo "== list 100 clusters (2 threads, 32 connections, ${DURATION}s)"
wrk -t2 -c32 -d"${DURATION}s" -H "$AUTH" "$URL/api/v1/clusters?pagination.limit=100" | grep -E "Requests/sec|Latency|Non-2xx"
echo "   resident memory after the runs: $(rss_mb) MB (first count seen: $COUNT)"
