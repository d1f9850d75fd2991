// Starts the real local Cloud API server (crdb-cloud-server) for a test
// file: in memory, instant transitions, a known bootstrap key, a free port.
// The binary is ${CARGO_TARGET_DIR:-target}/debug/crdb-cloud-server unless
// CRDB_SERVER_BIN says otherwise. A missing binary is a failure, not a skip.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const API_KEY = 'CCDB1_npm_test_bootstrap_key';

export function serverBinary() {
  if (process.env.CRDB_SERVER_BIN) return resolve(process.env.CRDB_SERVER_BIN);
  const target = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : resolve(ROOT, 'target');
  return resolve(target, 'debug', 'crdb-cloud-server');
}

/**
 * Starts a server; resolves with { url, apiKey, stop() } once
 * GET /api/v1/organization answers 200.
 */
export async function startServer({ timeoutMs = 20000 } = {}) {
  const bin = serverBinary();
  if (!existsSync(bin)) {
    throw new Error(`crdb-cloud-server binary not found at ${bin}: build it (cargo build -p crdb-cloud-server) or set CRDB_SERVER_BIN`);
  }
  const args = ['--listen', '127.0.0.1:0', '--in-memory', '--bootstrap-api-key', API_KEY, '--transitions', 'instant'];
  const [cmd, argv] = bin.endsWith('.mjs') ? [process.execPath, [bin, ...args]] : [bin, args];
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server printed no URL within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (d) => {
      output += d;
      // "http://127.0.0.1:PORT" (or a bare "127.0.0.1:PORT") anywhere in its output.
      const m = output.match(/(https?:\/\/)?(?:127\.0\.0\.1|localhost|0\.0\.0\.0):(\d{2,5})\b/);
      if (m) { clearTimeout(timer); resolveUrl(`${m[1] ?? 'http://'}127.0.0.1:${m[2]}`.replace('https://', 'http://')); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/v1/organization`, { headers: { authorization: `Bearer ${API_KEY}`, 'cc-version': '2024-09-16' } });
      if (r.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) { child.kill(); throw new Error(`server at ${url} did not answer /api/v1/organization:\n${output}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    apiKey: API_KEY,
    output: () => output,
    stop: () => new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    }),
  };
}

/** Imports the built package (web/sdk/pkg) by path: its Node entry. */
export async function importPackage() {
  return import(resolve(ROOT, 'web/sdk/pkg/node.js'));
}
