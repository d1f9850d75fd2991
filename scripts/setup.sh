#!/usr/bin/env bash
# Installs what building and testing need, skipping what is already there:
# the wasm32 target, wasm-bindgen-cli at the Cargo.lock version, Trunk and
# wasm-split-cli for the console (NEED_TRUNK=1), Chromium and
# ChromeDriver (Debian), and the npm tools (binaryen's wasm-opt, Playwright...).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
ver() { "$@" --version 2>/dev/null | head -1 | awk '{print $2}'; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

WBG=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ "$(ver wasm-bindgen)" != "$WBG" ]; then
  say "installing wasm-bindgen-cli $WBG (about 2 minutes)"
  cargo install --locked wasm-bindgen-cli --version "$WBG" --force \
    || cargo install wasm-bindgen-cli --version "$WBG" --force
fi

if [ "${NEED_TRUNK:-0}" = 1 ] && [ "$(ver trunk)" != "0.21.14" ]; then
  say "installing trunk 0.21.14 (about 6 minutes)"
  cargo install --locked trunk --version 0.21.14 --force
fi
# wasm-split-cli splits the console's wasm at its split points (Trunk
# 0.21 cannot; scripts/console-wasm.sh runs it as a Trunk hook).
if [ "${NEED_TRUNK:-0}" = 1 ] && ! cargo install --list | grep -qx 'wasm_split_cli_support v0.2.4:'; then
  say "installing wasm-split-cli 0.2.4 (about 2 minutes)"
  cargo install --locked wasm_split_cli_support --version 0.2.4 --features build-binary --force
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing chromium and chromium-driver from Debian"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver
fi

if [ -f package.json ]; then
  STAMP=node_modules/.install-stamp
  SUM=$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-64)
  if [ "$(cat "$STAMP" 2>/dev/null)" != "$SUM" ]; then
    say "installing npm packages"
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
    echo "$SUM" > "$STAMP"
  fi
fi
