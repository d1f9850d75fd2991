#!/usr/bin/env bash
# Builds everything in release mode and starts the local Cloud API server
# with demo data on an embedded data dir, printing the URL and an API key.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
bash scripts/setup.sh
if [ ! -d crates/server ]; then
  cargo build --release --workspace
  echo "The SDK is built; the local server (crates/server) is not part of this checkout yet."
  exit 0
fi
cargo build --release -p crdb-cloud-server
DATA_DIR=${CRDB_CLOUD_DATA_DIR:-$PWD/.data}
exec ./target/release/crdb-cloud-server --data-dir "$DATA_DIR" --demo "$@"
