#!/usr/bin/env bash
# Web console benchmark (not a test): first-load transfer and the time to a
# rendered table of 1,000 clusters in headless Chromium
# (scripts/bench/console-first-load.mjs). Builds the console and the server.
# --edge: the same, with the page served and the API passed through by the
# edge worker (web/edge) in workerd in front of the server.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
bash scripts/build-console.sh >/dev/null
cargo build -q --release -p crdb-cloud-server
if [ "${1:-}" = --edge ]; then
  node web/edge/prepare.mjs
  BENCH_EDGE=1 node scripts/bench/console-first-load.mjs
else
  node scripts/bench/console-first-load.mjs
fi
