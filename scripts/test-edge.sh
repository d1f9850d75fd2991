#!/usr/bin/env bash
# Tests of the console at the edge (web/edge): the Cloudflare Worker in real
# workerd (the workerd pinned in package.json, run through miniflare's API
# from wrangler.jsonc), its UPSTREAM the real crdb-cloud-server on
# loopback, and Playwright in headless Chromium against the worker's URL.
# Reuses dist/ and target/release/crdb-cloud-server from
# scripts/test-console.sh (run it first; they are built here only when
# missing). Fails loudly on any failure or when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
fail() { printf '\n\033[1;31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }

[ -x node_modules/workerd/bin/workerd ] && [ -d node_modules/miniflare ] || npm ci --no-audit --no-fund
[ -f dist/index.html ] || bash scripts/build-console.sh || fail "console build"
[ -x "$TARGET_DIR/release/crdb-cloud-server" ] || cargo build --release -p crdb-cloud-server || fail "server build"
# wrangler's build step: checks dist/ and keeps its .gz copies out of the assets.
node web/edge/prepare.mjs || fail "web/edge/prepare.mjs"

echo "==> node --test tests/edge (workerd $(node_modules/workerd/bin/workerd --version 2>/dev/null | awk '{print $2}'))"
LOG=$(mktemp)
set +e
CONSOLE_SERVER_BIN="$TARGET_DIR/release/crdb-cloud-server" CONSOLE_DIST="$PWD/dist" \
  node --test --test-reporter=tap tests/edge/ 2>&1 | tee "$LOG"
STATUS=${PIPESTATUS[0]}
set -e
PASSED=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$LOG" | tail -1)
FAILED=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$LOG" | tail -1)
rm -f "$LOG"
[ "$STATUS" -eq 0 ] || fail "edge tests (node --test exited $STATUS)"
[ "${FAILED:-1}" = 0 ] || fail "edge tests: ${FAILED:-?} failed"
[ "${PASSED:-0}" -gt 0 ] || fail "edge tests: none ran"
echo "test-edge: $PASSED passed, 0 failed"
