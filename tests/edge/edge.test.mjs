// The console at the edge (web/edge): the worker in real workerd, its
// UPSTREAM the real crdb-cloud-server on loopback (through a tap that
// records what the worker sends on), and headless Chromium against the
// worker's URL. Run by scripts/test-edge.sh after scripts/test-console.sh
// has built dist/ and the release server.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, SHOTS, startServer, launch } from '../console/helpers.mjs';
import { startEdge, startTap } from './helpers.mjs';

const KEY = 'CCDB1_e2e_edge_secret_key';
let server, base, tap, edge, browser, context, page;
const problems = [];
const browserUrls = [];

const auth = { authorization: `Bearer ${KEY}` };
const shot = (name) => page.screenshot({ path: resolve(SHOTS, `edge-${name}.png`), fullPage: true });

/** A raw request whose target is sent exactly as written (fetch would normalise it). */
function raw(url, path, headers = {}) {
  return new Promise((ok, fail) => {
    const u = new URL(url);
    const req = httpRequest({ host: u.hostname, port: u.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** The Status body of an error answer, checked for its shape. */
async function statusBody(res) {
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const body = await res.json();
  assert.deepEqual(Object.keys(body).sort(), ['code', 'details', 'message']);
  return body;
}

/** What the tap saw since `from`. */
const sentOn = (from) => tap.seen.slice(from);

/** Every file under `dir`, with its contents. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => resolve(dir, String(f)))
    .filter((f) => statSync(f).isFile())
    .map((f) => ({ f, text: readFileSync(f, 'latin1') }));
}

const faults = (method, body) => fetch(`${base}/local/v1/faults`, {
  method, headers: { ...auth, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
});

describe('the console at the edge', { concurrency: false, timeout: 180000 }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ child: server, url: base } = await startServer(KEY, ['--transitions', 'delay:3s']));
    tap = await startTap(base);
    edge = await startEdge(tap.url);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await edge?.stop();
    tap?.stop();
    server?.kill();
  });

  describe('over HTTP', () => {
    it('serves the console with the same headers as the local server', async () => {
      const index = readFileSync(resolve(process.env.CONSOLE_DIST || resolve(ROOT, 'dist'), 'index.html'), 'utf8');
      const wasm = index.match(/href="(\/pkg-[^"]+_bg\.wasm)"/)?.[1];
      const icon = index.match(/rel="icon"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*rel="icon"/)?.slice(1).find(Boolean);
      assert.ok(wasm && icon, 'index.html names its wasm and icon');
      for (const path of ['/', '/clusters', wasm, icon]) {
        const [here, local] = await Promise.all([fetch(`${edge.url}${path}`), fetch(`${base}${path}`)]);
        assert.equal(here.status, 200, path);
        for (const h of ['content-security-policy', 'x-content-type-options', 'referrer-policy']) {
          assert.ok(here.headers.get(h), `${path}: ${h}`);
          assert.equal(here.headers.get(h), local.headers.get(h), `${path}: ${h}`);
        }
        assert.equal(here.headers.get('content-type').split(';')[0], local.headers.get('content-type').split(';')[0], path);
        if (local.headers.get('cache-control') === 'no-cache') assert.equal(here.headers.get('cache-control'), 'no-cache', path);
      }
      assert.match(await (await fetch(`${edge.url}/`)).text(), /<title>Cloud Console/);
    });

    it('falls back to the page for deep links, and answers 404 for a missing file', async () => {
      const page = await fetch(`${edge.url}/clusters/abc/sql-users`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<title>Cloud Console/);
      assert.equal((await fetch(`${edge.url}/pkg-none/missing.js`)).status, 404);
      const post = await fetch(`${edge.url}/`, { method: 'POST' });
      assert.equal(post.status, 405);
      assert.equal((await statusBody(post)).code, 5);
    });

    it('answers 404 with a Status body for API paths it does not pass on', async () => {
      const from = tap.seen.length;
      for (const path of ['/api/v2/clusters', '/api', '/local/v1/faults', '/api/v1x']) {
        const res = await fetch(`${edge.url}${path}`, { headers: auth });
        assert.equal(res.status, 404, path);
        assert.equal((await statusBody(res)).code, 5, path);
      }
      assert.deepEqual(sentOn(from), [], 'nothing reached the upstream');
    });

    it('passes a request without Authorization on as the upstream answers it', async () => {
      const [here, direct] = await Promise.all([fetch(`${edge.url}/api/v1/clusters`), fetch(`${base}/api/v1/clusters`)]);
      assert.equal(direct.status, 401);
      assert.equal(here.status, 401);
      const body = await statusBody(here);
      assert.equal(body.code, 16);
      assert.deepEqual(body, await direct.json());
    });

    it('passes Authorization and Cc-Version on, and drops cookies and other headers', async () => {
      const from = tap.seen.length;
      const res = await fetch(`${edge.url}/api/v1/clusters?pagination.limit=5`, {
        headers: {
          ...auth, 'cc-version': '2024-09-16', cookie: 'CF_Authorization=abc; session=1',
          'x-forwarded-for': '203.0.113.9', 'x-custom': 'no', 'cf-access-jwt-assertion': 'jwt',
        },
      });
      assert.equal(res.status, 200, await res.clone().text());
      assert.ok(Array.isArray((await res.json()).clusters));
      const [seen] = sentOn(from);
      assert.equal(seen.url, '/api/v1/clusters?pagination.limit=5');
      assert.equal(seen.headers.authorization, auth.authorization);
      assert.equal(seen.headers['cc-version'], '2024-09-16');
      for (const h of ['cookie', 'x-forwarded-for', 'x-custom', 'cf-access-jwt-assertion']) {
        assert.equal(seen.headers[h], undefined, `${h} was dropped`);
      }
      assert.equal(res.headers.get('set-cookie'), null);
    });

    it('streams a body both ways (SCIM too)', async () => {
      const create = await fetch(`${edge.url}/api/v1/clusters`, {
        method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'edge-http', provider: 'GCP', spec: { plan: 'BASIC', serverless: { regions: ['us-central1'] } } }),
      });
      assert.equal(create.status, 200, await create.clone().text());
      assert.equal((await create.json()).name, 'edge-http');
      const [here, direct] = await Promise.all([
        fetch(`${edge.url}/api/scim/v2/ResourceTypes`, { headers: auth }),
        fetch(`${base}/api/scim/v2/ResourceTypes`, { headers: auth }),
      ]);
      assert.equal(here.status, direct.status);
      assert.equal(await here.text(), await direct.text());
    });

    it('returns a 429 with its Retry-After and X-RateLimit-* unchanged', async () => {
      assert.equal((await faults('PUT', { rules: [{ operations: ['ListClusters'], status: 429, rate: 1 }] })).status, 200);
      const from = tap.seen.length;
      try {
        const res = await fetch(`${edge.url}/api/v1/clusters`, { headers: auth });
        assert.equal(res.status, 429);
        assert.equal((await statusBody(res)).code, 8);
        const upstream = sentOn(from)[0].answer;
        const limits = (h) => Object.fromEntries(Object.entries(h).filter(([n]) => n === 'retry-after' || n.startsWith('x-ratelimit-')));
        const mine = limits(Object.fromEntries(res.headers));
        assert.ok(mine['retry-after'], 'Retry-After came back');
        assert.deepEqual(mine, limits(upstream));
      } finally {
        assert.equal((await faults('DELETE')).status, 200);
      }
    });

    it('refuses paths that would step out of the API, before sending anything', async () => {
      const from = tap.seen.length;
      // The URL parser resolves these to /local/v1/faults, which the worker does not pass on.
      for (const path of ['/api/v1/../../local/v1/faults', '/api/v1/%2e%2e/%2E%2e/local/v1/faults', '/api/v1/.%2e/.%2e/local/v1/faults']) {
        const res = await raw(edge.url, path, auth);
        assert.equal(res.status, 404, `${path}: ${res.body}`);
        assert.equal(JSON.parse(res.body).code, 5, path);
      }
      // Encoded slashes and backslashes could be read as steps by an upstream.
      for (const path of ['/api/v1/clusters/..%2f..%2f..%2flocal%2fv1%2ffaults', '/api/v1/clusters/%2e%2e%5c%2e%2e%5clocal',
        '/api/v1/clusters/%2E%2E%2F', '/api/v1/clusters/%zz']) {
        const res = await raw(edge.url, path, auth);
        assert.equal(res.status, 400, `${path}: ${res.body}`);
        assert.equal(JSON.parse(res.body).code, 3, path);
      }
      assert.deepEqual(sentOn(from), [], 'nothing reached the upstream');
    });

    it('refuses pages of other sites unless ALLOWED_ORIGINS names them', async () => {
      const from = tap.seen.length;
      const res = await fetch(`${edge.url}/api/v1/clusters`, { headers: { ...auth, origin: 'https://elsewhere.example' } });
      assert.equal(res.status, 403);
      assert.equal((await statusBody(res)).code, 7);
      assert.deepEqual(sentOn(from), []);
      const team = await startEdge(tap.url, { ALLOWED_ORIGINS: 'https://team.example, https://ops.example' });
      try {
        const pre = await fetch(`${team.url}/api/v1/clusters`, {
          method: 'OPTIONS',
          headers: { origin: 'https://ops.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
        });
        assert.equal(pre.status, 204);
        assert.equal(pre.headers.get('access-control-allow-origin'), 'https://ops.example');
        assert.match(pre.headers.get('access-control-allow-headers'), /authorization/);
        const ok = await fetch(`${team.url}/api/v1/clusters`, { headers: { ...auth, origin: 'https://team.example' } });
        assert.equal(ok.status, 200);
        assert.equal(ok.headers.get('access-control-allow-origin'), 'https://team.example');
        assert.match(ok.headers.get('access-control-expose-headers'), /retry-after/);
        const other = await fetch(`${team.url}/api/v1/clusters`, { headers: { ...auth, origin: 'https://elsewhere.example' } });
        assert.equal(other.status, 403);
      } finally {
        await team.stop();
      }
    });

    it('says what is wrong when UPSTREAM is not an http(s) URL', async () => {
      const bad = await startEdge(tap.url, { UPSTREAM: 'cockroachlabs.cloud' });
      try {
        const res = await fetch(`${bad.url}/api/v1/clusters`, { headers: auth });
        assert.equal(res.status, 500);
        const body = await statusBody(res);
        assert.equal(body.code, 13);
        assert.match(body.message, /UPSTREAM setting must start with https:\/\/ or http:\/\/, not "cockroachlabs.cloud"/);
      } finally {
        await bad.stop();
      }
    });

    it('answers 502 with a Status body when the upstream is down', async () => {
      await tap.down();
      try {
        const res = await fetch(`${edge.url}/api/v1/clusters`, { headers: auth });
        assert.equal(res.status, 502);
        const body = await statusBody(res);
        assert.equal(body.code, 14);
        assert.match(body.message, /upstream API could not be reached/);
      } finally {
        await tap.up();
      }
    });
  });

  describe('in Chromium', () => {
    before(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      page = await context.newPage();
      page.setDefaultTimeout(10000);
      page.on('request', (r) => browserUrls.push(r.url()));
      page.on('framenavigated', (f) => browserUrls.push(f.url()));
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
      });
    });

    it('signs in with the worker as its server, by default', async () => {
      await page.goto(edge.url);
      assert.equal(await page.getByLabel('Server URL').inputValue(), edge.url);
      await page.getByLabel('API key').fill(KEY);
      await page.getByLabel('Remember in this tab (until the tab is closed)').check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Clusters' }).waitFor();
      await page.locator('tr[data-cluster="edge-http"]').waitFor();
      await shot('clusters');
    });

    it('creates a cluster and watches it become CREATED', async () => {
      await page.getByRole('link', { name: 'Create cluster' }).first().click();
      await page.getByRole('heading', { name: 'Create a cluster' }).waitFor();
      const next = page.getByRole('button', { name: 'Next' });
      await page.getByLabel('Basic').check();
      await next.click();
      await page.getByLabel('GCP').check();
      await next.click();
      await page.getByLabel('us-central1').check();
      await next.click();
      await next.click();
      await page.getByLabel('Cluster name').fill('edge-basic');
      await next.click();
      await page.getByRole('heading', { name: 'Review' }).waitFor();
      await page.getByRole('button', { name: 'Create cluster' }).click();
      await page.getByRole('heading', { name: 'edge-basic', exact: true }).waitFor();
      await page.locator('.page-head').getByText('CREATING', { exact: true }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
      // The list reads itself again while a cluster is CREATING.
      await page.locator('tr[data-cluster="edge-basic"]').getByText('CREATED', { exact: true }).waitFor({ timeout: 20000 });
    });

    it("opens the cluster's SQL users and adds one", async () => {
      await page.getByRole('link', { name: 'edge-basic', exact: true }).click();
      await page.getByRole('heading', { name: 'edge-basic', exact: true }).waitFor();
      await page.getByRole('navigation', { name: 'Cluster' }).getByRole('link', { name: 'SQL users', exact: true }).click();
      await page.getByLabel('User name').fill('maxroach');
      await page.getByRole('button', { name: 'Create user' }).click();
      await page.getByRole('region', { name: 'Password for maxroach' }).waitFor();
      await shot('sql-users');
    });

    it('reloads a deep link', async () => {
      const deep = page.url();
      assert.match(deep, /\/clusters\/[^/]+\/sql-users$/);
      const answer = await page.reload();
      assert.equal(answer.status(), 200);
      assert.equal(page.url(), deep);
      await page.getByRole('heading', { name: 'edge-basic', exact: true }).waitFor();
      await page.getByText('maxroach').first().waitFor();
    });

    it("shows a 429 from the upstream in the console's notice, and recovers", async () => {
      assert.equal((await faults('PUT', { rules: [{ operations: ['ListClusters'], status: 429, rate: 1 }] })).status, 200);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Organization' }).click();
      await nav.getByRole('link', { name: 'Clusters' }).click();
      const notice = page.locator('.retry-notice');
      await notice.getByText(/429 Too Many Requests\)\. Retrying in \d s/).waitFor();
      await shot('rate-limited');
      assert.equal((await faults('DELETE')).status, 200);
      await page.locator('tr[data-cluster="edge-basic"]').waitFor({ timeout: 15000 });
      await notice.waitFor({ state: 'detached' });
    });

    it("shows an upstream that is down as the console's unreachable state", async () => {
      await tap.down();
      try {
        await page.getByRole('button', { name: 'Refresh' }).click();
        const alert = page.getByRole('alert');
        await alert.waitFor({ timeout: 30000 });
        assert.match(await alert.innerText(), /unavailable.*upstream API could not be reached.*HTTP 502/s);
        await shot('upstream-down');
      } finally {
        await tap.up();
      }
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.locator('tr[data-cluster="edge-basic"]').waitFor({ timeout: 15000 });
    });

    it('signs out', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.reload();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    });

    it('saw no CSP violation and no page error', async () => {
      assert.deepEqual(await page.evaluate(() => window.__csp), []);
      assert.deepEqual(problems, []);
    });
  });

  it('never put the key in a log, a stored file or a URL', async () => {
    assert.ok(tap.seen.length > 10 && browserUrls.length > 10, 'the checks below had traffic to look at');
    const logs = edge.logs.join('');
    assert.ok(logs.length > 0, 'the worker logs were captured');
    assert.equal(logs.includes(KEY), false, 'a log line holds the key');
    for (const { f, text } of filesUnder(edge.persist)) assert.equal(text.includes(KEY), false, `${f} holds the key`);
    for (const u of [...browserUrls, ...tap.seen.map((s) => s.url)]) assert.equal(decodeURIComponent(u).includes(KEY), false, u);
    // And it did go through: the upstream got the key, in its header only.
    assert.ok(tap.seen.some((s) => s.headers.authorization === auth.authorization));
  });
});
