// The clusters list refreshes itself while a cluster is CREATING (transitions
// advanced by hand through the local admin API), demo data fills the table,
// an unreachable server shows an error in plain words, and so does a
// section whose code cannot be fetched.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHOTS, startServer, launch } from './helpers.mjs';

const KEY = 'CCDB1_e2e_refresh_test_key';
let server, base, browser, page;
const pageErrors = [];

async function api(method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

describe('clusters list, live', { concurrency: false }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ child: server, url: base } = await startServer(KEY, ['--transitions', 'manual', '--demo']));
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(base);
    await page.getByLabel('API key').fill(KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Clusters' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    server?.kill();
  });

  it('shows CREATING, then CREATED without a reload', async () => {
    const created = await api('POST', '/api/v1/clusters', {
      name: 'live-refresh', provider: 'GCP',
      spec: { plan: 'STANDARD', serverless: { regions: ['us-central1'], usage_limits: { provisioned_virtual_cpus: '2' } } },
    });
    assert.equal(created.state, 'CREATING');
    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = page.locator('tr[data-cluster="live-refresh"]');
    await row.getByText('CREATING', { exact: true }).waitFor();
    await page.getByText('Refreshing while clusters change').waitFor();
    await page.screenshot({ path: resolve(SHOTS, '11-clusters-demo-creating.png'), fullPage: true });
    await api('POST', `/local/v1/clusters/${created.id}/advance`);
    // No click, no reload: the page reads the list again by itself.
    await row.getByText('CREATED', { exact: true }).waitFor({ timeout: 10000 });
    await page.getByText('Refreshing while clusters change').waitFor({ state: 'hidden', timeout: 10000 });
  });

  it('filters the demo clusters by plan and sorts by creation time', async () => {
    const rows = page.locator('tbody tr');
    const all = await rows.count();
    assert.ok(all >= 3, `demo clusters: ${all}`);
    await page.getByLabel('Plan').selectOption('STANDARD');
    const standard = await rows.allInnerTexts();
    assert.ok(standard.length > 0 && standard.length < all);
    for (const r of standard) assert.match(r, /Standard/);
    await page.getByLabel('Plan').selectOption('');
    await page.getByRole('button', { name: 'Created' }).click();
    await page.getByRole('button', { name: 'Created' }).click();
    assert.equal(await page.locator('th[aria-sort="descending"]').innerText(), 'Created ▼');
    assert.equal(await rows.first().getAttribute('data-cluster'), 'live-refresh', 'newest first');
  });

  it('shows the nodes and hardware of an Advanced cluster', async () => {
    await page.getByRole('link', { name: 'demo-advanced' }).click();
    await page.getByRole('heading', { name: 'Nodes' }).waitFor();
    const nodes = page.locator('section', { has: page.getByRole('heading', { name: 'Nodes' }) }).locator('tbody tr');
    await nodes.first().waitFor();
    assert.ok(await nodes.count() >= 3, 'at least 3 nodes');
    assert.match(await nodes.first().innerText(), /us-east-1/);
    assert.match(await page.locator('dl.spec').innerText(), /vCPUs/);
    await page.screenshot({ path: resolve(SHOTS, '13-cluster-advanced-overview.png'), fullPage: true });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
    await page.getByRole('heading', { name: 'Clusters' }).waitFor();
  });

  it('creates an Advanced cluster (nodes per region, machine size) that stays CREATING', async () => {
    await page.getByRole('link', { name: 'Create cluster' }).first().click();
    await page.getByLabel('Advanced').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('AWS').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('us-east-1').check();
    await page.getByRole('button', { name: 'Next' }).click();
    const nodes = page.getByLabel('Nodes per region');
    await nodes.fill('2');
    await page.getByText('At least 3.', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Next' }).isDisabled(), true);
    await nodes.fill('3');
    await page.getByLabel('Machine size').selectOption('8');
    await page.screenshot({ path: resolve(SHOTS, '14-wizard-advanced-capacity.png'), fullPage: true });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Cluster name').fill('adv-from-wizard');
    await page.getByRole('button', { name: 'Next' }).click();
    assert.match(await page.locator('dl.spec').innerText(), /3 nodes per region, 8 vCPUs/);
    await page.getByRole('button', { name: 'Create cluster' }).click();
    await page.getByRole('heading', { name: 'adv-from-wizard' }).waitFor();
    await page.locator('.page-head').getByText('CREATING', { exact: true }).waitFor();
    assert.match(await page.locator('dl.spec').innerText(), /8 vCPUs/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
    await page.locator('tr[data-cluster="adv-from-wizard"]').getByText('CREATING', { exact: true }).waitFor();
  });

  it('fetches a section the first time it opens, and says so in plain words when it cannot', async () => {
    // The Organization pages are their own wasm chunk, not yet fetched here.
    const chunk = /split_console_organization\.wasm$/;
    const fail = (route) => route.abort('internetdisconnected');
    await page.route(chunk, fail);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Organization' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /could not be loaded/);
    await page.screenshot({ path: resolve(SHOTS, '15-section-not-loaded.png'), fullPage: true });
    await page.unroute(chunk, fail);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Organization', level: 1 }).waitFor();
    await nav.getByRole('link', { name: 'Clusters' }).click();
    await page.getByRole('heading', { name: 'Clusters' }).waitFor();
  });

  it('says in plain words when the server cannot be reached', async () => {
    server.kill();
    await new Promise((r) => server.once('exit', r));
    await page.getByRole('button', { name: 'Refresh' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 20000 });
    assert.match(await alert.innerText(), /Could not reach the server/);
    await page.screenshot({ path: resolve(SHOTS, '12-clusters-unreachable.png'), fullPage: true });
    assert.deepEqual(pageErrors, []);
  });
});
