#!/usr/bin/env bash
# Builds the web console, then the server in release mode with that console
# built in, and starts the local Cloud API server with demo data on a data
# dir in the clone, serving the console at its URL and printing the URL and
# an API key.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
bash scripts/setup.sh
bash scripts/build-console.sh
cargo build --release -p crdb-cloud-server
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
DATA_DIR=${CRDB_CLOUD_DATA_DIR:-$PWD/.data}
if [ -f "$DATA_DIR/bootstrap-api-key" ]; then
  echo "API key (from $DATA_DIR/bootstrap-api-key): $(cat "$DATA_DIR/bootstrap-api-key")"
fi
echo "Open the console at the URL below and sign in with the API key."
exec "$TARGET_DIR/release/crdb-cloud-server" --data-dir "$DATA_DIR" --demo "$@"
