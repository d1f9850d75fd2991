// Shared by the edge worker's tests and benchmark: the worker (web/edge) in
// real workerd, set up from wrangler.jsonc the way wrangler sets it
// up, and a tap in front of the real server that records what the worker
// sends on and can play a down upstream.
import { createServer, request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { Miniflare, Log, LogLevel } from 'miniflare';
import { ROOT } from '../console/helpers.mjs';

export const EDGE = resolve(ROOT, 'web/edge');
/** The workerd the project pins (package.json), not the one miniflare carries. */
export const WORKERD = process.env.EDGE_WORKERD || resolve(ROOT, 'node_modules/workerd/bin/workerd');

/** wrangler.jsonc, its comments taken out. */
export function wranglerConfig() {
  const text = readFileSync(resolve(ROOT, 'wrangler.jsonc'), 'utf8');
  // Line comments only where they start a line (after spaces): no string in the file holds `//` there.
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
}

/** A miniflare Log that keeps every line, for the tests that look for a key in them. */
class KeptLog extends Log {
  constructor(lines) {
    super(LogLevel.DEBUG);
    this.lines = lines;
  }

  log(message) {
    this.lines.push(message);
  }
}

/**
 * Starts the worker in workerd on a loopback port with UPSTREAM = `upstream`
 * and the assets, variables and compatibility date of wrangler.jsonc.
 * Resolves {url, logs, persist, stop}: `logs` every line workerd and miniflare
 * printed, `persist` the folder that would hold anything the worker stored
 * (caches, KV, ...).
 */
export async function startEdge(upstream, vars = {}) {
  if (!existsSync(WORKERD)) throw new Error(`no workerd at ${WORKERD} (npm ci installs it)`);
  const config = wranglerConfig();
  const logs = [];
  const persist = mkdtempSync(resolve(tmpdir(), 'edge-persist-'));
  const keep = (stream) => stream.on('data', (chunk) => logs.push(String(chunk)));
  process.env.MINIFLARE_WORKERD_PATH = WORKERD;
  const mf = new Miniflare({
    name: config.name,
    modules: true,
    modulesRoot: resolve(EDGE, 'src'),
    // wrangler bundles the worker's ES modules into one; here each is loaded as one.
    modulesRules: [{ type: 'ESModule', include: ['**/*.js'] }],
    scriptPath: resolve(ROOT, config.main),
    compatibilityDate: config.compatibility_date,
    bindings: { ...config.vars, UPSTREAM: upstream, ...vars },
    assets: {
      directory: process.env.CONSOLE_DIST || resolve(ROOT, config.assets.directory),
      binding: config.assets.binding,
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: config.assets.run_worker_first },
      assetConfig: { not_found_handling: config.assets.not_found_handling },
    },
    // No Request.cf from Cloudflare's network (none here): its placeholder.
    cf: false,
    host: '127.0.0.1',
    port: 0,
    defaultPersistRoot: persist,
    cachePersist: resolve(persist, 'cache'),
    log: new KeptLog(logs),
    handleRuntimeStdio: (stdout, stderr) => { keep(stdout); keep(stderr); },
  });
  let timer;
  const late = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`workerd did not start within 30 s: ${logs.join('')}`)), 30000);
  });
  const url = await Promise.race([mf.ready, late]).then((u) => u.origin, async (e) => {
    await mf.dispose().catch(() => {});
    throw e;
  }).finally(() => clearTimeout(timer));
  return { url, logs, persist, stop: () => mf.dispose() };
}

/**
 * A pass-through in front of the real server that records each request the
 * worker sends on ({method, url, headers, answer: the upstream's answer headers}); `down()` closes it so that
 * connecting fails, as with an upstream that is down, and `up()` opens it
 * again on the same port.
 */
export async function startTap(target) {
  const seen = [];
  const sockets = new Set();
  const to = new URL(target);
  const server = createServer((req, res) => {
    const entry = { method: req.method, url: req.url, headers: { ...req.headers }, answer: null };
    seen.push(entry);
    const out = httpRequest({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        entry.answer = { ...answer.headers };
        res.writeHead(answer.statusCode, answer.rawHeaders);
        answer.pipe(res);
      });
    out.on('error', () => { res.destroy(); });
    req.pipe(out);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  const listen = (port) => new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  await listen(0);
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    down: () => new Promise((ok) => { server.close(ok); for (const s of sockets) s.destroy(); }),
    up: () => listen(port),
    stop: () => { server.close(); for (const s of sockets) s.destroy(); },
  };
}
