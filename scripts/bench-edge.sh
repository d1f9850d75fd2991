#!/usr/bin/env bash
# The console at the edge, benchmarked (not a test): the worker script's
# size (gzip) and the latency its pass-through adds in workerd on loopback
# (scripts/bench/edge.mjs), then the console's first load through the worker
# (scripts/bench-console.sh --edge). Builds the console and the server.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
bash scripts/build-console.sh >/dev/null
cargo build -q --release -p crdb-cloud-server
node web/edge/prepare.mjs
node scripts/bench/edge.mjs
[ "${1:-}" = --no-console ] || bash scripts/bench-console.sh --edge
