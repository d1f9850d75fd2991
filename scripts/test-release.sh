#!/usr/bin/env bash
# The Rust packages publish cleanly, with nothing published:
# `cargo publish --dry-run` for crdb-cloud and crdb-cloud-server together
# (cargo packages both, builds each packaged crate against the other
# packaged one, and checks crates.io for the dependencies), their file lists
# (`cargo package --list`), and the packaged server, which has no console
# (the crate does not carry dist/), starting and saying so. The npm side
# (`npm publish --dry-run` in web/sdk) is tests/npm/pack.test.mjs.
# Prints "test-release: N passed, 0 failed".
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR=never
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
LOGS=$(mktemp -d)
PASSED=0
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\n\033[1;31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }
pass() { PASSED=$((PASSED + 1)); echo "ok - $*"; }

# `cargo package --list` of $1 holds each of the other arguments, and
# nothing from outside the crate.
lists() {
  local crate=$1; shift
  cargo package --list --allow-dirty -p "$crate" > "$LOGS/$crate.list" || fail "cargo package --list -p $crate"
  for f in "$@"; do
    grep -qx "$f" "$LOGS/$crate.list" || fail "$crate: $f is not packaged: $(tr '\n' ' ' < "$LOGS/$crate.list")"
  done
  if grep -E '^(\.\./|/)|^dist/|^target/' "$LOGS/$crate.list"; then fail "$crate packages files from outside it"; fi
  pass "$crate packages $(wc -l < "$LOGS/$crate.list") files, README and sources among them"
}

step "cargo package --list"
lists crdb-cloud Cargo.toml README.md src/lib.rs src/client.rs
lists crdb-cloud-server Cargo.toml README.md build.rs src/main.rs src/embedded.rs src/web.rs

step "cargo publish --dry-run (crdb-cloud, crdb-cloud-server)"
# --allow-dirty: the test command runs on work in progress as well as on a clean clone.
cargo publish --dry-run --allow-dirty -p crdb-cloud -p crdb-cloud-server 2>&1 | tee "$LOGS/publish.log" \
  || fail "cargo publish --dry-run"
grep -q 'Verifying crdb-cloud v' "$LOGS/publish.log" || fail "crdb-cloud was not verified"
grep -q 'Verifying crdb-cloud-server v' "$LOGS/publish.log" || fail "crdb-cloud-server was not verified"
grep -q 'aborting upload due to dry run' "$LOGS/publish.log" || fail "the dry run did not reach the upload step"
# (No repository or homepage yet: cargo's warning about those is expected.)
if grep -Ei '^warning: manifest has no .*(description|license)' "$LOGS/publish.log"; then
  fail "a package lacks a description or license"
fi
pass "cargo publish --dry-run builds both packaged crates"

step "the packaged server (no dist/) starts and says no console is built in"
# Cargo verifies in the workspace's target dir, so the packaged server's
# binary is the one in target/debug now (the next cargo build of the
# workspace puts its own back). Built after the console, the workspace's
# would say "built in"; the packaged crate has no dist/ to embed.
BIN="$TARGET_DIR/debug/crdb-cloud-server"
[ -x "$BIN" ] || fail "no packaged server binary at $BIN"
"$BIN" --version | tee "$LOGS/version.txt"
grep -q '^web console: not built in' "$LOGS/version.txt" || fail "--version of the packaged server: $(cat "$LOGS/version.txt")"
"$BIN" --in-memory --listen 127.0.0.1:0 > "$LOGS/start.txt" 2>&1 &
PID=$!
for _ in $(seq 100); do grep -q '^web console:' "$LOGS/start.txt" && break; sleep 0.1; done
kill "$PID" 2>/dev/null || true
wait "$PID" 2>/dev/null || true
cat "$LOGS/start.txt"
grep -q '^crdb-cloud-server listening on http://127.0.0.1:' "$LOGS/start.txt" || fail "the packaged server did not start"
grep -q '^web console: not built in (build it with ./scripts/build-console.sh in a clone' "$LOGS/start.txt" \
  || fail "the packaged server did not say that no console is built in"
pass "the packaged server starts and says how to get a console"

echo "test-release: $PASSED passed, 0 failed"
