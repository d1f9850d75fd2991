#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): builds the console's wasm and splits it
# at its split points (`wasm_split` in crates/console/src/app.rs), so the
# first load carries only sign-in, the frame and the clusters table, and
# each other section (create wizard, cluster tabs, Organization) is fetched
# the first time it opens. Trunk 0.21 cannot split a wasm (it runs
# wasm-bindgen straight after cargo), so this does what its Rust pipeline
# would, with the split in the middle:
#
#   cargo build (the bin keeps its relocations: crates/console/build.rs)
#   -> wasm-split-cli 0.2.4 (main module, one module per section, shared chunks,
#      and __wasm_split.js, which fetches and links them)
#   -> wasm-bindgen (the Cargo.lock version; --keep-lld-exports keeps the
#      table and the shared exports the chunks link against)
#   -> wasm-opt -O3 from npm binaryen (release only; for speed: the gzip sizes
#      match -Oz's within 2%, and the first load's table is drawn ~15-30 ms
#      sooner, BENCHMARKS.md)
#
# Everything lands in $TRUNK_STAGING_DIR/pkg-<hash>/ (the hash is the built
# wasm's, so a new build never reuses a cached chunk), and the page's script
# tag and preload links are pointed at it.
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by trunk build (Trunk.toml hook), not by hand}"
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
PUBLIC_URL=${TRUNK_PUBLIC_URL:-/}
STEM=crdb-cloud-console

RELEASE=$([ "${TRUNK_PROFILE:-debug}" = release ] && echo 1 || echo 0)
if [ "$RELEASE" = 1 ]; then
  PROFILE=(--profile wasm-release); OUT="$TARGET_DIR/wasm32-unknown-unknown/wasm-release"
else
  PROFILE=(); OUT="$TARGET_DIR/wasm32-unknown-unknown/debug"
fi
cargo build -p crdb-cloud-console --bin "$STEM" --target wasm32-unknown-unknown "${PROFILE[@]}"
INPUT="$OUT/$STEM.wasm"

HASH=$(sha256sum "$INPUT" | cut -c1-16)
PKG="pkg-$HASH"
SPLIT=$(mktemp -d)
trap 'rm -rf "$SPLIT"' EXIT
wasm-split-cli "$INPUT" "$SPLIT" --target web --out-name "$STEM"
rm -rf "${TRUNK_STAGING_DIR:?}"/pkg-*
DEST="$TRUNK_STAGING_DIR/$PKG"
mkdir -p "$DEST"
wasm-bindgen --target web --no-typescript --keep-lld-exports \
  --out-dir "$DEST" --out-name "$STEM" "$SPLIT/$STEM.wasm"
cp "$SPLIT"/__wasm_split.js "$DEST/"
find "$SPLIT" -maxdepth 1 -name '*.wasm' ! -name "$STEM.wasm" -exec cp {} "$DEST/" \;

if [ "$RELEASE" = 1 ]; then
  # The features rustc's wasm32 target emits, which binaryen must keep; its
  # warning about wasm-split's extra name subsection is noise.
  for f in "$DEST"/*.wasm; do
    wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      --strip-debug --strip-producers "$f" -o "$f" 2>&1 | sed '/unknown name subsection/d' >&2
  done
fi

# The page loads the glue itself as its one module script (the CSP allows
# no inline script), so the glue ends by running the wasm: one request fewer
# than a separate start script. Preload what the glue needs alongside it:
# the split loader it imports and the main wasm.
GLUE="$DEST/$STEM.js"
grep -q '__wbg_init as default' "$GLUE" || { echo "console-wasm: the wasm-bindgen glue has no __wbg_init" >&2; exit 1; }
cat >> "$GLUE" <<'JS'
// Runs the console (appended by scripts/console-wasm.sh; the page loads this module).
await __wbg_init({ module_or_path: new URL('./crdb-cloud-console_bg.wasm', import.meta.url) });
JS
HTML="$TRUNK_STAGING_DIR/index.html"
AT="$PUBLIC_URL$PKG"
grep -q 'src="/console-start.js"' "$HTML" || { echo "console-wasm: no start script in $HTML" >&2; exit 1; }
PRELOAD="<link rel=\"modulepreload\" href=\"$AT/__wasm_split.js\"><link rel=\"preload\" href=\"$AT/${STEM}_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>"
sed -i -e '/data-trunk-skip/d' -e "s#src=\"/console-start.js\"#src=\"$AT/$STEM.js\"#" \
  -e "s#</head>#$PRELOAD</head>#" "$HTML"
echo "console-wasm: $PKG: $(find "$DEST" -name '*.wasm' | wc -l) wasm modules"
