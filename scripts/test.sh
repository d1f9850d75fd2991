#!/usr/bin/env bash
# Runs every test of the project and fails loudly when any part fails or
# runs no test. Installs what it needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=never
LOGS=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\n\033[1;31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }

# Runs a cargo test command, shows its output, and checks it ran tests.
TOTAL_PASSED=0
cargo_tests() {
  local name=$1; shift
  step "$name"
  local log="$LOGS/$(echo "$name" | tr -c 'a-z0-9' '_').log"
  if ! "$@" 2>&1 | tee "$log"; then fail "$name"; fi
  local passed
  passed=$(grep -E '^test result: ok\.' "$log" | awk '{s+=$4} END {print s+0}')
  grep -qE '^test result: FAILED' "$log" && fail "$name"
  [ "$passed" -gt 0 ] || fail "$name ran no test"
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
}

step "setup"
bash scripts/setup.sh

step "format and lints"
cargo fmt --all -- --check || fail "cargo fmt (run cargo fmt)"
cargo clippy --workspace --all-targets -- -D warnings || fail "clippy (native)"
cargo clippy -p crdb-cloud -p crdb-cloud-js --all-targets --target wasm32-unknown-unknown -- -D warnings || fail "clippy (wasm32)"

cargo_tests "native tests (unit, integration, doc)" cargo test --workspace

step "starting the wasm test fixture"
FIXTURE_PORT=18787
node crates/sdk/tests/fixture-server.mjs "$FIXTURE_PORT" > "$LOGS/fixture.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 300); do
  grep -q listening "$LOGS/fixture.log" && break
  kill -0 "${PIDS[-1]}" 2>/dev/null || break
  sleep 0.1
done
grep -q listening "$LOGS/fixture.log" \
  || fail "fixture server did not start on port $FIXTURE_PORT: $(cat "$LOGS/fixture.log"; ss -ltnp 2>/dev/null | grep ":$FIXTURE_PORT " || true)"
export CRDB_FIXTURE_URL="http://127.0.0.1:$FIXTURE_PORT"

cargo_tests "wasm32 tests in Node" cargo test -p crdb-cloud --target wasm32-unknown-unknown --test wasm_node
cargo_tests "wasm32 tests in headless Chromium" cargo test -p crdb-cloud --target wasm32-unknown-unknown --test wasm_browser

step "npm package: Node, Chromium, bundlers (webpack, esbuild, Rollup, Vite), wrangler dev, Deno, Bun, tsc"
bash scripts/test-npm.sh 2>&1 | tee "$LOGS/npm.log" || fail "npm package tests"
NPM_PASSED=$(sed -n 's/^npm-tests: \([0-9]*\) passed.*/\1/p' "$LOGS/npm.log" | tail -1)
[ "${NPM_PASSED:-0}" -gt 0 ] || fail "npm package tests ran no test"
TOTAL_PASSED=$((TOTAL_PASSED + NPM_PASSED))

step "web console: logic, components in Chromium, --console/--upstream, built in, Playwright end to end"
bash scripts/test-console.sh 2>&1 | tee "$LOGS/console.log" || fail "console tests"
CONSOLE_PASSED=$(sed -n 's/^test-console: \([0-9]*\) passed.*/\1/p' "$LOGS/console.log" | tail -1)
[ "${CONSOLE_PASSED:-0}" -gt 0 ] || fail "console tests ran no test"
TOTAL_PASSED=$((TOTAL_PASSED + CONSOLE_PASSED))

step "console at the edge: the worker in workerd, Playwright through it"
bash scripts/test-edge.sh 2>&1 | tee "$LOGS/edge.log" || fail "edge tests"
EDGE_PASSED=$(sed -n 's/^test-edge: \([0-9]*\) passed.*/\1/p' "$LOGS/edge.log" | tail -1)
[ "${EDGE_PASSED:-0}" -gt 0 ] || fail "edge tests ran no test"
TOTAL_PASSED=$((TOTAL_PASSED + EDGE_PASSED))

step "conformance: schemathesis against the upstream spec"
bash scripts/test-conformance.sh 2>&1 | tee "$LOGS/conformance.log" || fail "conformance (schemathesis)"
grep -q "Tested: 64" "$LOGS/conformance.log" || fail "conformance did not test the 64 operations"
CONFORMANCE_CASES=$(sed -n 's/^ *\([0-9]*\) generated, \([0-9]*\) passed.*/\2/p' "$LOGS/conformance.log" | tail -1)
[ "${CONFORMANCE_CASES:-0}" -gt 0 ] || fail "conformance ran no test case"
# Counted as one test per operation checked (each ran many generated cases).
TOTAL_PASSED=$((TOTAL_PASSED + 64))

step "release: cargo publish --dry-run and package lists (crdb-cloud, crdb-cloud-server)"
bash scripts/test-release.sh 2>&1 | tee "$LOGS/release.log" || fail "release checks"
RELEASE_PASSED=$(sed -n 's/^test-release: \([0-9]*\) passed.*/\1/p' "$LOGS/release.log" | tail -1)
[ "${RELEASE_PASSED:-0}" -gt 0 ] || fail "release checks ran no test"
TOTAL_PASSED=$((TOTAL_PASSED + RELEASE_PASSED))

printf '\n\033[1;32mAll tests passed.\033[0m\n'
echo "test-suite: $TOTAL_PASSED passed, 0 failed"
