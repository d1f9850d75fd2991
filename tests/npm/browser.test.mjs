// Headless Chromium (Debian's, through playwright-core): a page served from
// one origin (http://localhost:A) imports the package as an ES module and
// calls the real local server on another (http://127.0.0.1:B), so every
// call is a CORS request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from './server.mjs';

const SDK = resolve(ROOT, 'web/sdk');
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json' };

const PAGE = `<!doctype html><meta charset="utf-8"><title>crdb-cloud smoke</title>
<script type="module">
  import { CloudClient, CloudApiError } from '/pkg/browser.js';
  const params = new URLSearchParams(location.search);
  const out = { steps: [] };
  try {
    const client = new CloudClient({ apiKey: params.get('key'), baseUrl: params.get('api') });
    const org = await client.getOrganizationInfo();
    out.steps.push('org:' + (typeof org.id));
    const made = await client.createCluster({ name: 'from-browser', provider: 'GCP', spec: { plan: 'BASIC', serverless: { regions: ['us-central1'] } } });
    const ready = await client.waitForCluster(made.id, { intervalMs: 50, timeoutMs: 10000 });
    out.steps.push('ready:' + ready.state);
    const names = [];
    for await (const c of client.listClustersAll({ pagination: { limit: 1 } })) names.push(c.name);
    out.steps.push('listed:' + names.includes('from-browser'));
    const user = await client.createSqlUser(made.id, { name: 'browser_user', password: 'a-long-browser-password' });
    out.steps.push('user:' + user.name);
    try { await client.getCluster('00000000-0000-4000-8000-000000000000'); }
    catch (e) { out.steps.push('error:' + (e instanceof CloudApiError) + ':' + e.status + ':' + e.code); }
    const ac = new AbortController(); ac.abort();
    try { await client.waitForCluster(made.id, { signal: ac.signal }); }
    catch (e) { out.steps.push('abort:' + e.kind); }
    await client.deleteCluster(made.id);
    out.steps.push('deleted');
  } catch (e) {
    out.error = String(e && e.stack || e) + ' ' + JSON.stringify(e);
  }
  window.__result = out;
</script>`;

let api;
let site;
let siteUrl;
let browser;
before(async () => {
  api = await startServer();
  site = http.createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(PAGE);
    }
    const file = normalize(join(SDK, path));
    if (!file.startsWith(SDK)) { res.writeHead(403); return res.end(); }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => site.listen(0, '127.0.0.1', r));
  siteUrl = `http://localhost:${site.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
after(async () => {
  await browser?.close();
  await new Promise((r) => (site ? site.close(r) : r()));
  await api?.stop();
});

test('a page on another origin runs the smoke set in Chromium', async () => {
  const page = await browser.newPage();
  const logs = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  const apiOrigin = new URL(api.url).origin;
  assert.notEqual(new URL(siteUrl).origin, apiOrigin, 'page and API must be different origins');
  await page.goto(`${siteUrl}/?api=${encodeURIComponent(api.url)}&key=${encodeURIComponent(api.apiKey)}`);
  await page.waitForFunction(() => window.__result, null, { timeout: 30000 });
  const result = await page.evaluate(() => window.__result);
  assert.equal(result.error, undefined, `${result.error}\n${logs.join('\n')}`);
  assert.deepEqual(result.steps, [
    'org:string', 'ready:CREATED', 'listed:true', 'user:browser_user',
    'error:true:404:5', 'abort:cancelled', 'deleted',
  ], logs.join('\n'));
  await page.close();
});
