// The release server binary serves the console built into it, with no
// --console flag: the page, a deep link and a wasm asset over HTTP with
// their headers, then one sign-in in headless Chromium.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { DIST, SERVER, startServer, launch } from './helpers.mjs';

const KEY = 'CCDB1_e2e_built_in_console_key';

/** A GET with exactly these request headers; resolves {status, headers, body}. */
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

function consoleHeaders(r, what) {
  assert.equal(r.status, 200, what);
  assert.match(r.headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/, what);
  assert.match(r.headers['content-security-policy'], /frame-ancestors 'none'/, what);
  assert.equal(r.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(r.headers['referrer-policy'], 'no-referrer', what);
}

describe('the console built into the release binary', { concurrency: false }, () => {
  let server, base, browser;
  before(async () => {
    server = await startServer(KEY, ['--transitions', 'instant'], { console: 'built-in' });
    base = server.url;
  });
  after(async () => {
    await browser?.close();
    server?.child.kill();
  });

  it('says so in --version and at start', async () => {
    const version = execFileSync(SERVER, ['--version'], { encoding: 'utf8' });
    assert.match(version, /^crdb-cloud-server \d+\.\d+\.\d+\nCc-Version 2024-09-16\nweb console: built in \(\d+ files\)\n$/);
    const said = new RegExp(`web console: ${base}/ \\(built in`);
    // The line right after the URL line may arrive a moment later.
    for (let i = 0; i < 100 && !said.test(server.out()); i++) await new Promise((r) => setTimeout(r, 20));
    assert.match(server.out(), said);
  });

  it('serves the page and deep links with the console headers', async () => {
    const page = await get(`${base}/`);
    consoleHeaders(page, '/');
    assert.match(page.headers['content-type'], /^text\/html/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.equal(page.body.toString(), readFileSync(resolve(DIST, 'index.html'), 'utf8'));
    const deep = await get(`${base}/clusters/some-id/capacity`);
    consoleHeaders(deep, 'deep link');
    assert.match(deep.headers['content-type'], /^text\/html/);
    assert.deepEqual(deep.body, page.body);
    const missing = await get(`${base}/pkg-none/nothing.wasm`);
    assert.equal(missing.status, 404);
  });

  it('serves the wasm gzip-encoded, or decoded, with its headers', async () => {
    const html = (await get(`${base}/`)).body.toString();
    const wasm = html.match(/href="(\/pkg-[0-9a-f]+\/[^"]+_bg\.wasm)"/)?.[1];
    assert.ok(wasm, `no wasm named in ${html}`);
    const onDisk = readFileSync(resolve(DIST, wasm.slice(1)));
    const gz = await get(`${base}${wasm}`, { 'accept-encoding': 'gzip, deflate, br' });
    consoleHeaders(gz, 'wasm, gzip');
    assert.equal(gz.headers['content-type'], 'application/wasm');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gz.body, readFileSync(resolve(DIST, `${wasm.slice(1)}.gz`)));
    const plain = await get(`${base}${wasm}`);
    consoleHeaders(plain, 'wasm, identity');
    assert.equal(plain.headers['content-type'], 'application/wasm');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(plain.body.equals(onDisk), 'the decoded wasm is the built one');
    const again = await get(`${base}${wasm}`, { 'accept-encoding': 'gzip', 'if-none-match': gz.headers.etag });
    assert.equal(again.status, 304);
  });

  it('signs in in Chromium', async () => {
    browser = await launch();
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    await page.goto(`${base}/clusters`);
    await page.getByLabel('API key').fill(KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Clusters' }).waitFor();
    await page.getByText('No clusters yet.').waitFor();
    assert.deepEqual(problems, []);
  });
});
