// The packed package as a new user meets it: `npm pack` of web/sdk, installed
// from the tarball into a fresh folder (under tests/npm/bundlers, whose
// lockfile pins the tools: one shared install), then
//  - built with webpack 5, esbuild (browser), Rollup, Vite (build and dev
//    server) and Next.js (`next build --webpack`, a static export), each
//    page loaded in headless Chromium calling the real local server on
//    another origin (listClusters must answer);
//  - the example worker, unchanged, under `wrangler dev --local`;
//  - Node ESM and require, Deno, Bun and a `bun build --compile` executable
//    (tests/npm/bundlers/app/smoke-run.mjs: a call, an HTML answer, aborts,
//    userAgent, bad options);
//  - tsc with lib es2022 + types node and exactOptionalPropertyTypes, and with no types.
// The bytes each page ships and the browser's first call are printed as
// diagnostics (BENCHMARKS.md).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from './server.mjs';

const SDK = resolve(ROOT, 'web/sdk');
const TOOLS = resolve(ROOT, 'tests/npm/bundlers');
const BIN = join(TOOLS, 'node_modules/.bin');
const ROOT_BIN = resolve(ROOT, 'node_modules/.bin');
const WASM = 'crdb_cloud_js_bg.wasm';
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json', '.css': 'text/css' };

/** Runs a command; resolves with its output, rejects with it (and the command) on failure. */
function sh(cmd, args, { cwd, env, timeout = 180000 } = {}) {
  return new Promise((done, fail) => execFile(cmd, args, { cwd, env: { ...process.env, ...env }, timeout, maxBuffer: 64 << 20 },
    (e, stdout, stderr) => (e ? fail(new Error(`${cmd} ${args.join(' ')} failed: ${e.message}\n${stdout}\n${stderr}`)) : done(stdout + stderr))));
}

/** Runs `jobs` (functions returning promises) at most `n` at a time. */
async function limited(n, jobs) {
  const results = [];
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]().then((v) => ({ ok: v }), (e) => ({ error: e }));
    }
  }));
  return results;
}

const freePort = () => new Promise((done) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => done(port)); });
});

/** A static file server for one built folder; with `fallback`, unknown paths get its index.html (as dev servers do). */
function serve(dir, { fallback = false } = {}) {
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir)) { res.writeHead(403); return res.end(); }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      if (fallback) {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(await readFile(join(dir, 'index.html')));
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({
    url: `http://localhost:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  })));
}

/**
 * A server that is not the API: 200 text/html for every path, and under
 * /slow/ an answer only after 10 s. It records the User-Agent it is sent.
 */
function oddServer() {
  const agents = [];
  const server = http.createServer((req, res) => {
    agents.push(req.headers['user-agent'] ?? '');
    if (req.url.startsWith('/slow/')) {
      const timer = setTimeout(() => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{}'); }, 10000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Not the API</title><p>Hello</p>');
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({
    url: `http://127.0.0.1:${server.address().port}`,
    agents,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  })));
}

/** Starts a long-running tool and resolves once its output matches `ready`; stop() ends its process group. */
function start(cmd, args, { cwd, env, ready, timeout = 60000 }) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stop = () => new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    try { process.kill(-child.pid, 'SIGTERM'); } catch { done(); }
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => { stop(); fail(new Error(`${cmd} not ready in ${timeout} ms:\n${output}`)); }, timeout);
    const onData = (d) => {
      output += d;
      const m = output.replace(/\x1b\[[0-9;]*m/g, '').match(ready);
      if (m) { clearTimeout(timer); done({ match: m, stop, output: () => output }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`${cmd} exited (${code}):\n${output}`)); });
  });
}

let api;
let odd;
let app;
let browser;
let tarball;
const named = `bundled-${Date.now() % 1e6}`;

before(async () => {
  api = await startServer();
  odd = await oddServer();
  const scratch = mkdtempSync(join(TOOLS, '.run-'));
  const npmEnv = { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const packed = JSON.parse(await sh('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: SDK, env: npmEnv }));
  tarball = { path: join(scratch, packed[0].filename), files: packed[0].files.map((f) => f.path).sort() };
  app = join(scratch, 'app');
  cpSync(join(TOOLS, 'app'), app, { recursive: true });
  writeFileSync(join(app, 'package.json'), '{"name":"app","private":true,"type":"module"}\n');
  await sh('npm', ['install', '--offline', '--no-package-lock', tarball.path], { cwd: app, env: npmEnv });
  // A cluster for every listClusters to find.
  const { CloudClient } = await import(join(app, 'node_modules/crdb-cloud/pkg/node.js'));
  const node = new CloudClient({ apiKey: api.apiKey, baseUrl: api.url });
  await node.createCluster({ name: named, provider: 'GCP', spec: { plan: 'BASIC', serverless: { regions: ['us-central1'] } } });
});

after(async () => {
  await browser?.close();
  await odd?.close();
  await api?.stop();
  if (app && !process.env.KEEP_NPM_RUN) rmSync(resolve(app, '..'), { recursive: true, force: true });
});

test('the tarball holds the entries, glue, wasm and types, and no build scripts', () => {
  for (const f of ['package.json', 'README.md', 'pkg/core.js', 'pkg/browser.js', 'pkg/node.js', 'pkg/deno.js', 'pkg/bun.js',
    'pkg/workerd.js', 'pkg/index.d.ts', 'pkg/crdb_cloud_js.js', `pkg/${WASM}`, 'pkg/api.js', 'pkg/api.d.ts', 'pkg/models.d.ts']) {
    assert.ok(tarball.files.includes(f), `${f} not in the tarball: ${tarball.files}`);
  }
  assert.ok(!tarball.files.some((f) => f.startsWith('scripts/') || f.startsWith('examples/') || f.startsWith('src/')), `${tarball.files}`);
});

describe('bundlers, each page in headless Chromium', () => {
  // Each build: [name, command, args, output folder, html page to write (null: the build writes one)].
  const webpack = ['webpack', join(BIN, 'webpack'), ['--mode', 'production', '--output-path', 'dist-webpack'], 'dist-webpack',
    '<!doctype html><meta charset="utf-8"><script src="main.js"></script>'];
  const esbuild = ['esbuild', join(BIN, 'esbuild'), ['src/index.js', '--bundle', '--minify', '--format=esm', '--platform=browser', '--outdir=dist-esbuild'], 'dist-esbuild',
    '<!doctype html><meta charset="utf-8"><script type="module" src="index.js"></script>', true];
  const rollup = ['rollup', join(BIN, 'rollup'), ['-c', 'rollup.config.mjs'], 'dist-rollup',
    '<!doctype html><meta charset="utf-8"><script type="module" src="index.js"></script>', true];
  const vite = ['vite build', join(BIN, 'vite'), ['build', '--outDir', 'dist-vite', '--logLevel', 'warn'], 'dist-vite', null];
  // Next.js with webpack, the App Router page in app/next; its config only
  // asks for a static export (next/out), served here like the other bundles.
  const nextjs = ['next build --webpack', join(BIN, 'next'), ['build', '--webpack', 'next'], 'next/out', null];
  const builds = [webpack, esbuild, rollup, vite, nextjs];
  const built = new Map();

  before(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    // Two at a time: the machine has two cores.
    const results = await limited(2, builds.map(([name, cmd, args, out, page, copyWasm]) => async () => {
      const t0 = performance.now();
      await sh(cmd, args, { cwd: app, env: { NEXT_TELEMETRY_DISABLED: '1' } });
      if (page) writeFileSync(join(app, out, 'index.html'), page);
      // The bundle as esbuild and Rollup leave it, for the error test below.
      if (copyWasm) cpSync(join(app, out), join(app, `${out}-bare`), { recursive: true });
      // The README's recipe for esbuild and Rollup: the wasm beside the bundle.
      if (copyWasm) copyFileSync(join(app, 'node_modules/crdb-cloud/pkg', WASM), join(app, out, WASM));
      return performance.now() - t0;
    }));
    builds.forEach(([name], i) => built.set(name, results[i]));
  });

  for (const [name, , , out, , copyWasm] of builds) {
    test(`${name}${copyWasm ? ' (and the wasm copied beside the bundle)' : ' (no config)'}: the page lists clusters`, async (t) => {
      const r = built.get(name);
      if (r.error) throw r.error;
      t.diagnostic(`${name}: built in ${Math.round(r.ok)} ms`);
      const dir = join(app, out);
      const js = readdirSync(dir, { recursive: true }).filter((f) => /\.m?js$/.test(f)).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
      assert.doesNotMatch(js, /["']node:/, `${name}: a node: import reached the browser bundle`);
      const site = await serve(dir);
      try {
        await loadAndList(t, name, site.url);
      } finally {
        await site.close();
      }
    });
  }

  test('esbuild without the recipe, on a server answering 404 or its HTML page for the wasm: a wasm CloudApiError naming the recipes', async () => {
    const r = built.get('esbuild');
    if (r.error) throw r.error;
    for (const fallback of [false, true]) {
      const site = await serve(join(app, 'dist-esbuild-bare'), { fallback });
      try {
        const result = await loadPage(site.url);
        assert.equal(result.kind, 'wasm', JSON.stringify(result));
        assert.match(result.error, fallback ? /is not its WebAssembly \(HTTP 200, text\/html/ : /answered HTTP 404/);
        assert.match(result.error, /optimizeDeps: \{ exclude: \['crdb-cloud'\] \}/);
        assert.match(result.error, /copy node_modules\/crdb-cloud\/pkg\/crdb_cloud_js_bg\.wasm beside your bundle/);
      } finally {
        await site.close();
      }
    }
  });

  test('Vite dev server, with the README recipe (optimizeDeps.exclude): the page lists clusters', async (t) => {
    const port = await freePort();
    const dev = await start(join(BIN, 'vite'), ['--config', 'vite.dev.config.mjs', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      { cwd: app, ready: /Local:\s+(http:\/\/\S+)/ });
    try {
      await loadAndList(t, 'vite dev', `http://localhost:${port}`);
    } finally {
      await dev.stop();
    }
  });

  test('Vite dev server without the recipe: it works, or the error names the recipe', async (t) => {
    const port = await freePort();
    rmSync(join(app, 'node_modules/.vite'), { recursive: true, force: true });
    const dev = await start(join(BIN, 'vite'), ['--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      { cwd: app, ready: /Local:\s+(http:\/\/\S+)/ });
    try {
      const result = await loadPage(`http://localhost:${port}`);
      if (result.error) {
        assert.equal(result.kind, 'wasm', result.error);
        assert.match(result.error, /optimizeDeps: \{ exclude: \['crdb-cloud'\] \}/);
        t.diagnostic(`vite dev without the recipe: ${result.error.slice(0, 160)}…`);
      } else {
        assert.ok(result.clusters.includes(named), JSON.stringify(result));
        t.diagnostic('vite dev without the recipe: works');
      }
    } finally {
      await dev.stop();
    }
  });
});

/** Opens the page with the API's address; resolves with window.__result and what the page fetched. */
async function loadPage(url, shipped) {
  const page = await browser.newPage();
  const logs = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  if (shipped) {
    page.on('response', async (res) => {
      const u = new URL(res.url());
      if (u.origin !== new URL(url).origin || !res.ok()) return;
      const body = await res.body().catch(() => null);
      if (!body) return;
      const kind = u.pathname.endsWith('.wasm') ? 'wasm' : /\.m?js$/.test(u.pathname) ? 'js' : 'other';
      shipped[kind] = (shipped[kind] ?? 0) + gzipSync(body, { level: 9 }).length;
      shipped[`${kind}Raw`] = (shipped[`${kind}Raw`] ?? 0) + body.length;
    });
  }
  try {
    await page.goto(`${url}/?api=${encodeURIComponent(api.url)}&key=${encodeURIComponent(api.apiKey)}`);
    await page.waitForFunction(() => window.__result, null, { timeout: 30000 });
    const result = await page.evaluate(() => window.__result);
    result.logs = logs;
    return result;
  } catch (e) {
    throw new Error(`${e.message}\n${logs.join('\n')}`);
  } finally {
    await page.close();
  }
}

async function loadAndList(t, name, url) {
  const shipped = {};
  const result = await loadPage(url, shipped);
  assert.equal(result.error, undefined, `${name}: ${result.error}\n${result.logs.join('\n')}`);
  assert.ok(result.clusters.includes(named), `${name}: ${JSON.stringify(result)}`);
  assert.ok(shipped.wasm > 0, `${name}: no wasm fetched`);
  t.diagnostic(`${name}: ships js ${shipped.js} B gzip (${shipped.jsRaw} raw), wasm ${shipped.wasm} B gzip (${shipped.wasmRaw} raw); first call ${result.firstCallMs.toFixed(0)} ms (wasm loaded), second ${result.secondCallMs.toFixed(0)} ms`);
}

test('the example worker, unchanged, under wrangler dev --local calls the local server', async (t) => {
  const dir = join(app, 'worker');
  mkdirSync(dir);
  for (const f of ['worker.js', 'wrangler.toml']) copyFileSync(join(SDK, 'examples/worker', f), join(dir, f));
  const port = await freePort();
  const t0 = performance.now();
  const wrangler = await start(...wranglerCommand(), {
    cwd: dir,
    env: { WRANGLER_SEND_METRICS: 'false', WRANGLER_LOG_PATH: join(dir, 'logs'), XDG_CONFIG_HOME: join(dir, 'config'), CI: 'true', NO_COLOR: '1' },
    ready: /Ready on (http:\/\/\S+)/,
    timeout: 90000,
  });
  try {
    t.diagnostic(`wrangler dev ready in ${Math.round(performance.now() - t0)} ms`);
    const res = await fetch(`http://127.0.0.1:${port}/`);
    const text = await res.text();
    assert.equal(res.status, 200, `${text}\n${wrangler.output()}`);
    assert.ok(JSON.parse(text).clusters.some((c) => c.name === named), text);
  } finally {
    await wrangler.stop();
  }

  function wranglerCommand() {
    // --config: wrangler looks for wrangler.json(c) up the tree before a
    // wrangler.toml beside it, and this folder sits under the repository,
    // whose wrangler.jsonc is the edge console's.
    const args = ['dev', '--config', 'wrangler.toml', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', '0',
      '--var', `COCKROACH_API_KEY:${api.apiKey}`, '--var', `COCKROACH_API_URL:${api.url}`];
    return [process.env.WRANGLER_NODE ?? join(BIN, 'node'), [resolve(ROOT, 'node_modules/wrangler/bin/wrangler.js'), ...args]];
  }
});

describe('runtimes run the smoke set (tests/npm/bundlers/app/smoke-run.mjs)', () => {
  const args = () => [api.url, api.apiKey, odd.url];
  const runtimes = [
    ['Node ESM', () => [process.execPath, ['smoke.mjs', ...args(), 'node']]],
    ['Node require', () => [process.execPath, ['smoke.cjs', ...args(), 'node-require']]],
    ['Deno', () => [join(ROOT_BIN, 'deno'), ['run', '--no-prompt', '--allow-net=127.0.0.1', '--allow-read=.', 'smoke.mjs', ...args(), 'deno']]],
    ['Bun', () => [join(BIN, 'bun'), ['smoke.mjs', ...args(), 'bun']]],
  ];
  for (const [name, command] of runtimes) {
    test(name, async (t) => {
      const [cmd, argv] = command();
      checkSmoke(t, name, await sh(cmd, argv, { cwd: app, env: { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(app, '.deno'), NO_COLOR: '1' } }), argv.at(-1));
    });
  }

  test('bun build --compile: the executable carries the wasm', async (t) => {
    const exe = join(app, 'smoke-bun');
    await sh(join(BIN, 'bun'), ['build', '--compile', 'smoke.mjs', '--outfile', exe], { cwd: app });
    t.diagnostic(`executable ${statSync(exe).size} B`);
    // Run from elsewhere, so nothing beside the package on disk can help.
    checkSmoke(t, 'bun --compile', await sh(exe, [...args(), 'bun-compiled'], { cwd: resolve(app, '..') }), 'bun-compiled');
  });
});

/** Judges one smoke run's JSON line. */
function checkSmoke(t, name, output, runtime) {
  const line = output.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  assert.ok(line, `${name}: no result line:\n${output}`);
  const r = JSON.parse(line);
  assert.deepEqual([r.badWasm.cloud, r.badWasm.kind], [true, 'wasm'], `${name}: ${line}`);
  assert.match(r.badWasm.message, /did not compile/);
  assert.ok(r.clusters >= 1, `${name}: ${line}`);
  assert.deepEqual([r.html.cloud, r.html.kind, r.html.status], [true, 'decode', 200], `${name}: ${line}`);
  assert.match(r.html.message, /text\/html, not JSON/);
  assert.deepEqual([r.abortBefore.cloud, r.abortBefore.kind], [true, 'cancelled'], `${name}: ${line}`);
  assert.deepEqual([r.abortDuring.cloud, r.abortDuring.kind], [true, 'cancelled'], `${name}: ${line}`);
  assert.ok(r.abortDuring.ms < 3000, `${name}: the abort took ${r.abortDuring.ms} ms`);
  assert.ok(odd.agents.includes(`crdb-smoke (${runtime})`), `${name}: userAgent not received: ${odd.agents}`);
  const want = [
    /options must be an object/, /apiKey is required/, /apiKey is required/, /retries must be a whole number ≥ 0/,
    /retries must be a whole number ≥ 0/, /retries\.maxRetries must be a whole number ≥ 0/, /baseUrl must be an http: or https: URL/,
    /timeoutMs must be a number of milliseconds > 0/, /rateLimit must be a whole number ≥ 1/, /unknown option "colour"/,
  ];
  assert.equal(r.bad.length, want.length);
  r.bad.forEach((b, i) => {
    assert.ok(b.threw && b.cloud && b.kind === 'invalid_request', `${name}: bad options #${i}: ${JSON.stringify(b)}`);
    assert.match(b.message, want[i]);
  });
}

describe('tsc over the installed package', () => {
  const tsc = resolve(ROOT, 'node_modules/typescript/bin/tsc');
  for (const [name, config] of [['lib es2022 + types node, exactOptionalPropertyTypes, a .cts require', 'tsconfig.json'],
    ['lib es2022, no types at all', 'tsconfig.bare.json']]) {
    test(name, async () => {
      // @types/node comes from the shared install (the folder above the app's).
      const out = await sh(process.execPath, [tsc, '-p', config], { cwd: app }).catch((e) => assert.fail(e.message));
      assert.equal(out.trim(), '');
    });
  }
});
