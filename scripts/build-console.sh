#!/usr/bin/env bash
# Builds the web console (crates/console) into dist/ with Trunk, offline:
# cargo (wasm32, wasm-release profile), wasm-bindgen 0.2.130, wasm-opt from
# npm binaryen 132. Installs the pinned Trunk when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
TRUNK_VERSION=0.21.14   # trunk >= 0.22.0-beta.2 needs rustc >= 1.96.1
NEED_TRUNK=1 bash scripts/setup.sh
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi
trunk build --release --offline=true "$@"
# Trunk's default loader is an inline script; Trunk.toml swaps it for
# web/boot.js. Fail if an inline script ever comes back (the CSP blocks it).
if grep -Eq '<script( type="module")?>' dist/index.html; then
  echo "build-console: dist/index.html has an inline script; the CSP would block it" >&2
  exit 1
fi
# Precompressed copies, which the server sends to browsers accepting gzip.
for f in dist/*.wasm dist/*.js dist/*.css; do gzip -9 -k -f -n "$f"; done
gz() { stat -c %s "$1.gz"; }
for f in dist/*.wasm dist/*.js dist/*.css; do
  printf '%-48s %9d bytes, gzip -9 %8d\n' "$f" "$(stat -c %s "$f")" "$(gz "$f")"
done
