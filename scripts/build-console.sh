#!/usr/bin/env bash
# Builds the web console (crates/console) into dist/ with Trunk, offline:
# the page, styles and icons by Trunk; the wasm by its post_build hook
# scripts/console-wasm.sh (cargo wasm-release, wasm-split-cli 0.2.4,
# wasm-bindgen 0.2.130, wasm-opt from npm binaryen 132). Installs the pinned
# Trunk and wasm-split-cli when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
TRUNK_VERSION=0.21.14   # trunk >= 0.22.0-beta.2 needs rustc >= 1.96.1
NEED_TRUNK=1 bash scripts/setup.sh
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi
trunk build --release --offline=true "$@"
# The page starts the wasm from the glue the hook points it at. Fail if an
# inline script ever comes back (the CSP blocks it) or the hook did not run.
if grep -Eq '<script( type="module")?>' dist/index.html; then
  echo "build-console: dist/index.html has an inline script; the CSP would block it" >&2
  exit 1
fi
if grep -q 'console-start.js' dist/index.html || ! ls dist/pkg-*/*_bg.wasm >/dev/null 2>&1; then
  echo "build-console: the wasm hook (scripts/console-wasm.sh) did not run" >&2
  exit 1
fi
# Precompressed copies, which the server sends to browsers accepting gzip.
shopt -s nullglob
ASSETS=(dist/*.css dist/pkg-*/*.js dist/pkg-*/*.wasm)
for f in "${ASSETS[@]}"; do gzip -9 -k -f -n "$f"; done
gz() { stat -c %s "$1.gz"; }
for f in "${ASSETS[@]}"; do
  printf '%-72s %9d bytes, gzip -9 %8d\n' "$f" "$(stat -c %s "$f")" "$(gz "$f")"
done
