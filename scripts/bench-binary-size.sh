#!/usr/bin/env bash
# Size of the release crdb-cloud-server binary with the console built in
# (the default `console` feature, after scripts/build-console.sh) and
# without it (--no-default-features), as built and stripped, and what the
# console adds: the staged files it embeds (gzip copies for the big ones).
# Leaves the default build in target/release.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
BIN="$TARGET_DIR/release/crdb-cloud-server"
[ -f dist/index.html ] || { echo "bench-binary-size: build the console first (scripts/build-console.sh)" >&2; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
size() { stat -c %s "$1"; }
stripped() { strip -o "$OUT/stripped" "$1"; size "$OUT/stripped"; }

cargo build -q --release -p crdb-cloud-server --no-default-features
cp "$BIN" "$OUT/without"
cargo build -q --release -p crdb-cloud-server
cp "$BIN" "$OUT/with"
# The staged folder of the build just made (build.rs writes $OUT_DIR/console).
STAGED=$(ls -td "$TARGET_DIR"/release/build/crdb-cloud-server-*/out/console | head -1)

printf '%-34s %12s %12s\n' binary "as built" stripped
printf '%-34s %12d %12d\n' "without the console" "$(size "$OUT/without")" "$(stripped "$OUT/without")"
printf '%-34s %12d %12d\n' "with the console built in" "$(size "$OUT/with")" "$(stripped "$OUT/with")"
printf 'dist/: %d files, %d bytes; embedded (staged): %d files, %d bytes\n' \
  "$(find dist -type f | wc -l)" "$(find dist -type f -printf '%s\n' | awk '{s+=$1} END {print s}')" \
  "$(find "$STAGED" -type f | wc -l)" "$(find "$STAGED" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')"
"$BIN" --version
