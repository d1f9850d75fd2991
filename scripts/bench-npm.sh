#!/usr/bin/env bash
# npm package benchmark (not a test): gzip -9 size of the wasm and of the JS
# (wasm-bindgen glue, and the wrapper with its operation table), and the time
# of getCluster through the package against a hand-written fetch + JSON.parse
# on the same local server (tests/npm/bench.mjs). Needs crdb-cloud-server
# (see tests/npm/server.mjs; CRDB_SERVER_BIN overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
(cd web/sdk && npm run build) >/dev/null 2>&1 || { echo "npm run build failed" >&2; exit 1; }
if [ -z "${CRDB_SERVER_BIN:-}" ] && grep -qs '^name = "crdb-cloud-server"' crates/*/Cargo.toml; then
  cargo build -q -p crdb-cloud-server
fi
P=web/sdk/pkg
size() { stat -c %s "$1"; }
gz() { cat "$@" | gzip -9 -c | wc -c; }
OPS=$(node -e "import('./$P/api.js').then(m => console.log(m.OPERATIONS.length))")
echo "crdb-cloud npm package, $OPS operations"
printf 'wasm (wasm-opt -Oz):          %8d bytes, gzip -9 %7d bytes\n' "$(size $P/crdb_cloud_js_bg.wasm)" "$(gz $P/crdb_cloud_js_bg.wasm)"
printf 'JS glue (wasm-bindgen):       %8d bytes, gzip -9 %7d bytes\n' "$(size $P/crdb_cloud_js.js)" "$(gz $P/crdb_cloud_js.js)"
printf 'JS wrapper + op table:        %8d bytes, gzip -9 %7d bytes\n' "$(( $(size $P/core.js) + $(size $P/browser.js) + $(size $P/api.js) ))" "$(gz $P/core.js $P/browser.js $P/api.js)"
TOTAL=$(( $(gz $P/crdb_cloud_js_bg.wasm) + $(gz $P/crdb_cloud_js.js) + $(gz $P/core.js $P/browser.js $P/api.js) ))
printf 'total gzip -9:                %8d bytes (%.1f KiB; target <= 150 KiB)\n' "$TOTAL" "$(echo "$TOTAL / 1024" | bc -l)"
node tests/npm/bench.mjs
node tests/npm/bench-cold.mjs
