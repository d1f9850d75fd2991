#!/usr/bin/env bash
# Tests of the web console: its plain logic natively, its components in
# headless Chromium (wasm-bindgen-test), the server's --console/--upstream
# and command-line tests (now with the console built in), and end to end
# with Playwright against the real release server binary serving the built
# console from dist/ and, with no --console flag, from inside itself
# (tests/console/built-in.test.mjs). Fails loudly on any failure or when a part
# runs no test.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=never
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
LOGS=$(mktemp -d)
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\n\033[1;31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }
TOTAL=0

# Runs a cargo test command and checks that it passed tests.
cargo_tests() {
  local name=$1; shift
  step "$name"
  local log="$LOGS/$(echo "$name" | tr -c 'a-zA-Z0-9' '_').log"
  if ! "$@" 2>&1 | tee "$log"; then fail "$name"; fi
  grep -qE '^test result: FAILED' "$log" && fail "$name"
  local passed
  passed=$(grep -E '^test result: ok\.' "$log" | awk '{s+=$4} END {print s+0}')
  [ "$passed" -gt 0 ] || fail "$name ran no test"
  TOTAL=$((TOTAL + passed))
}

step "build the console (Trunk, release)"
bash scripts/build-console.sh || fail "console build"
step "build the server (release)"
cargo build --release -p crdb-cloud-server || fail "server build"

step "clippy (console, wasm32)"
cargo clippy -p crdb-cloud-console --all-targets --target wasm32-unknown-unknown -- -D warnings \
  || fail "clippy (console, wasm32)"

cargo_tests "console logic (native)" cargo test -p crdb-cloud-console
cargo_tests "console components (headless Chromium)" \
  cargo test -p crdb-cloud-console --target wasm32-unknown-unknown --test browser
cargo_tests "server: --console, the built-in console, --upstream, command line" \
  cargo test -p crdb-cloud-server --test console --test cli

step "end to end (Playwright, headless Chromium)"
E2E_LOG="$LOGS/e2e.log"
if ! CONSOLE_SERVER_BIN="$TARGET_DIR/release/crdb-cloud-server" CONSOLE_DIST="$PWD/dist" \
    node --test --test-reporter=tap tests/console/ 2>&1 | tee "$E2E_LOG"; then
  fail "end to end"
fi
E2E_PASS=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$E2E_LOG" | tail -1)
E2E_FAIL=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$E2E_LOG" | tail -1)
[ "${E2E_FAIL:-1}" = 0 ] || fail "end to end: ${E2E_FAIL:-?} failed"
[ "${E2E_PASS:-0}" -gt 0 ] || fail "end to end ran no test"
TOTAL=$((TOTAL + E2E_PASS))
echo "screenshots: $(ls target/screenshots/*.png 2>/dev/null | wc -l) in target/screenshots/"

printf '\n\033[1;32mAll console tests passed.\033[0m\n'
echo "test-console: $TOTAL passed, 0 failed"
