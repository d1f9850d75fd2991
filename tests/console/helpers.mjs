// Shared by the console's end-to-end tests: the server binary, the browser.
import { spawn } from 'node:child_process';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = process.env.CARGO_TARGET_DIR || resolve(ROOT, 'target');
export const SERVER = process.env.CONSOLE_SERVER_BIN || resolve(TARGET, 'release/crdb-cloud-server');
export const DIST = process.env.CONSOLE_DIST || resolve(ROOT, 'dist');
export const SHOTS = resolve(ROOT, 'target/screenshots');

/**
 * Starts the real server binary serving the console from DIST (or, with
 * `{ console: 'built-in' }`, the one built into it); resolves {child, url, out}
 * (`out()`: what it has printed so far).
 */
export function startServer(key, extra = [], { console = DIST } = {}) {
  const from = console === 'built-in' ? [] : ['--console', console];
  return new Promise((ok, fail) => {
    const child = spawn(SERVER, ['--listen', '127.0.0.1:0', '--in-memory', ...from,
      '--bootstrap-api-key', key, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 15000);
    const read = (chunk) => {
      out += chunk;
      const m = out.match(/crdb-cloud-server listening on (\S+)/);
      if (m) { clearTimeout(timer); ok({ child, url: m[1], out: () => out }); }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}: ${out}`)); });
  });
}

/** Headless Chromium as TOOLCHAIN.md §5 says. */
export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
