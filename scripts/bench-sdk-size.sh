#!/usr/bin/env bash
# Size of a small wasm32 release program calling list_clusters, after
# wasm-bindgen (--target web) and wasm-opt -Oz (npm binaryen), raw and gzip -9.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build -q --profile wasm-release --target wasm32-unknown-unknown -p crdb-cloud --example wasm_list_clusters
OUT=$(mktemp -d)
wasm-bindgen --target web --out-dir "$OUT" "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/examples/wasm_list_clusters.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  "$OUT/wasm_list_clusters_bg.wasm" -o "$OUT/opt.wasm"
size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
printf 'wasm after wasm-bindgen: %8d bytes\n' "$(size "$OUT/wasm_list_clusters_bg.wasm")"
printf 'wasm after wasm-opt -Oz: %8d bytes, gzip -9 %8d bytes\n' "$(size "$OUT/opt.wasm")" "$(gz "$OUT/opt.wasm")"
printf 'JS glue:                 %8d bytes, gzip -9 %8d bytes\n' "$(size "$OUT/wasm_list_clusters.js")" "$(gz "$OUT/wasm_list_clusters.js")"
