#!/usr/bin/env bash
# Builds the npm package (web/sdk) and runs its tests (tests/npm): Node
# (every method family, errors, 429, paging, waiters), headless Chromium
# across origins, tsc --noEmit, and the packed tarball installed into a fresh
# folder and tried with webpack, esbuild, Rollup, Vite (build, dev server),
# next build --webpack, wrangler dev --local, Node ESM/require, Deno, Bun, bun build --compile and
# tsc without the DOM lib (tests/npm/tools.test.mjs; the tools are pinned by
# tests/npm/bundlers/package-lock.json and installed once).
# They run against the real crdb-cloud-server (built here when the workspace
# has it; CRDB_SERVER_BIN overrides). Exits non-zero on any failure, or when
# no test ran; prints node's test summary.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=never DENO_NO_UPDATE_CHECK=1
fail() { printf '\n\033[1;31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }

[ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/tsc ] || npm ci --no-audit --no-fund

# The bundlers and runtimes the packed package is tried with: one install,
# redone only when their lockfile changes.
TOOLS=tests/npm/bundlers
SUM=$(cat "$TOOLS/package.json" "$TOOLS/package-lock.json" | sha256sum | cut -c1-64)
if [ "$(cat "$TOOLS/node_modules/.install-stamp" 2>/dev/null)" != "$SUM" ]; then
  echo "==> npm ci ($TOOLS)"
  (cd "$TOOLS" && npm ci --no-audit --no-fund) || fail "npm ci in $TOOLS"
  echo "$SUM" > "$TOOLS/node_modules/.install-stamp"
fi

echo "==> npm run build (web/sdk)"
(cd web/sdk && npm run build) || fail "npm run build"

if [ -z "${CRDB_SERVER_BIN:-}" ] && grep -qs '^name = "crdb-cloud-server"' crates/*/Cargo.toml; then
  echo "==> cargo build -p crdb-cloud-server"
  cargo build -p crdb-cloud-server || fail "building crdb-cloud-server"
fi

echo "==> node --test tests/npm"
LOG=$(mktemp)
set +e
node --test --test-reporter=tap tests/npm/*.test.mjs 2>&1 | tee "$LOG"
STATUS=${PIPESTATUS[0]}
set -e
echo
echo "==> npm package test summary"
grep -E '^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' "$LOG" || true
PASSED=$(grep -E '^# pass ' "$LOG" | awk '{print $3}')
FAILED=$(grep -E '^# fail ' "$LOG" | awk '{print $3}')
rm -f "$LOG"
[ "$STATUS" -eq 0 ] || fail "npm package tests (node --test exited $STATUS)"
[ "${FAILED:-1}" = 0 ] || fail "npm package tests: ${FAILED:-?} failed"
[ "${PASSED:-0}" -gt 0 ] || fail "npm package tests: none ran"
echo "npm-tests: $PASSED passed, 0 failed"
