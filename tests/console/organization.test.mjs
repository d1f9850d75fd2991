// End-to-end test of the console's Organization section: the real server
// binary serving the built console (dist/), driven by Playwright in
// headless Chromium. Run with: node --test tests/console/
import { describe, it, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHOTS, startServer as start, launch } from './helpers.mjs';

const KEY = 'CCDB1_e2e_organization_test_key';

let server, browser, context, page, base;
const problems = [];   // CSP violations, page errors, console errors
const throttled = [];  // 429s the client retried, with the step that met them
let current = '';      // the step running
const patches = [];    // PATCH requests to folders (an illegal move sends none)

async function shot(name, p = page) {
  await p.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
}

function watch(p) {
  p.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error' || /Content.Security.Policy/i.test(text)) {
      // Errors the tests provoke on purpose answer 4xx; Chromium logs those.
      if (/status of 40[0349]/.test(text)) return;
      // The console's client keeps to the same 10 requests a second as the
      // server, with no margin, so a long burst of clicks may meet a 429
      // now and then; the client waits as told and retries (tested by the
      // steps going on), and Chromium logs the refused attempt.
      if (/status of 429/.test(text)) return;
      problems.push(`console: ${text}`);
    }
  });
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  p.on('response', (r) => {
    if (r.status() === 429) throttled.push(`${current}: ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
}

/** A call to the server's API with `key`: by default the checker's, an
 * account of its own, so the test's calls do not use up the console's
 * rate limit (per account). */
let checkerKey;
async function api(path, { method = 'GET', body, key = checkerKey } = {}) {
  for (;;) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 429) {   // the rate limit: wait as told, then again
      const wait = Number(res.headers.get('retry-after') || '1');
      await new Promise((r) => setTimeout(r, wait * 1000));
      continue;
    }
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
}

/** A service account made through the local admin API (bootstrap key),
 * allowed to do everything this test does; resolves {id, name, secret}. */
async function admin(name) {
  const org = await api('/api/v1/organization', { key: KEY });
  const grant = (role) => ({ role, resource_type: 'ORGANIZATION', resource_id: org.id });
  return api('/local/v1/service-accounts', {
    method: 'POST',
    key: KEY,
    body: { name, roles: ['ORG_ADMIN', 'FOLDER_ADMIN', 'CLUSTER_ADMIN'].map(grant) },
  });
}

/** Every audit log entry, newest first, straight from the API. */
async function auditEntries() {
  const all = [];
  let from;
  for (;;) {
    const q = new URLSearchParams({ sort_order: 'DESC', limit: '200' });
    if (from) q.set('starting_from', from);
    const page = await api(`/api/v1/auditlogevents?${q}`);
    const entries = page.entries || [];
    all.push(...entries);
    if (!entries.length || !page.next_starting_from || page.next_starting_from === from) return all;
    from = page.next_starting_from;
  }
}

const tab = (name) => page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name, exact: true });
const folder = (name) => page.locator(`li[data-folder="${name}"]`);
const folderRow = (name) => page.locator(`li[data-folder="${name}"] > .folder-row`);
const status = (text) => page.locator('.done-note').filter({ hasText: text });

async function signIn(p) {
  await p.goto(base);
  await p.getByLabel('API key').fill(KEY);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('heading', { name: 'Clusters' }).waitFor();
}

describe('web console: organization', { concurrency: false }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ child: server, url: base } = await start(KEY, ['--transitions', 'instant']));
    checkerKey = (await admin('e2e-checker')).secret;
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page = await context.newPage();
    watch(page);
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && /\/api\/v1\/folders\//.test(r.url())) patches.push(r.url());
    });
  });

  beforeEach((t) => { current = t.name; });

  after(async () => {
    await browser?.close();
    server?.kill();
  });

  it('shows the organization info', async () => {
    await signIn(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    await page.waitForURL(/\/organization$/);
    await page.getByRole('heading', { name: 'Organization', level: 1 }).waitFor();
    const org = await api('/api/v1/organization');
    const name = page.locator('dd[data-field="name"]');
    await name.waitFor();
    assert.equal(await name.innerText(), org.name);
    assert.equal(await page.locator('dd[data-field="id"]').innerText(), org.id);
    assert.match(await page.locator('dd[data-field="created"]').innerText(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    assert.equal(await tab('Info').getAttribute('aria-current'), 'page');
    await shot('org-info');
  });

  it('creates, renames, moves and deletes folders in a tree', async () => {
    await tab('Folders').click();
    await page.waitForURL(/\/organization\/folders$/);
    await page.getByText('No folders yet.').waitFor();
    const name = page.getByLabel('Folder name');
    const create = page.getByRole('button', { name: 'Create folder' });

    // a blank name is refused before anything is sent
    await create.click();
    await page.getByRole('alert').filter({ hasText: 'Enter a folder name.' }).waitFor();

    await name.fill('Team A');
    await create.click();
    await folder('Team A').waitFor();
    await status('Folder “Team A” created.').waitFor();
    await name.fill('backend');
    await page.getByLabel('Inside').selectOption({ label: 'Team A' });
    await create.click();
    await folder('Team A').locator('li[data-folder="backend"]').waitFor();
    await name.fill('Data');
    await create.click();
    await folder('Data').waitFor();

    // rename the child
    await page.getByRole('button', { name: 'Rename backend' }).click();
    const newName = page.getByLabel('New name');
    assert.equal(await newName.inputValue(), 'backend');
    assert.ok(await newName.evaluate((el) => el === document.activeElement), 'the field takes focus');
    await newName.fill('services');
    await page.getByRole('button', { name: 'Save name' }).click();
    await folder('Team A').locator('li[data-folder="services"]').waitFor();
    await status('renamed to “services”').waitFor();

    // illegal moves are refused in plain words, and nothing is sent
    await page.getByRole('button', { name: 'Move Team A' }).click();
    const into = page.getByLabel('Move into');
    await into.selectOption({ label: 'Team A / services' });
    const hint = page.locator('.inline-form .hint');
    await hint.filter({ hasText: '“Team A” cannot be moved into “services”: that folder is inside it.' }).waitFor();
    assert.equal(await into.getAttribute('aria-invalid'), 'true');
    const before = patches.length;
    await page.getByRole('button', { name: 'Move here' }).click();
    await into.selectOption({ label: 'Team A' });
    await hint.filter({ hasText: '“Team A” cannot be moved into itself.' }).waitFor();
    await page.getByRole('button', { name: 'Move here' }).click();
    await shot('org-folders-refused');
    assert.equal(patches.length, before, 'an illegal move sends no request');
    await into.press('Escape');
    await into.waitFor({ state: 'detached' });

    // a legal move
    await page.getByRole('button', { name: 'Move services' }).click();
    await page.getByLabel('Move into').selectOption({ label: 'Data' });
    await page.locator('.inline-form .hint').filter({ hasText: 'Ready to move.' }).waitFor();
    await page.getByRole('button', { name: 'Move here' }).click();
    await folder('Data').locator('li[data-folder="services"]').waitFor();
    await status('moved to “Data”').waitFor();
    assert.equal(await folder('Team A').locator('li').count(), 0);
    const moved = (await api('/api/v1/folders')).folders.find((f) => f.name === 'services');
    const data = (await api('/api/v1/folders')).folders.find((f) => f.name === 'Data');
    assert.equal(moved.parent_id, data.resource_id);

    // contents of a folder
    await page.getByRole('button', { name: 'Contents of Data' }).click();
    await folder('Data').locator('.contents-list').getByText('services').waitFor();
    await shot('org-folders');

    // a folder that is not empty cannot be deleted: the API says why
    await folderRow('Data').getByRole('button', { name: 'Delete' }).click();
    await folderRow('Data').getByText('Delete “Data”?').waitFor();
    await folderRow('Data').getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('alert').filter({ hasText: 'is not empty' }).waitFor();

    // an empty one can
    await folderRow('services').getByRole('button', { name: 'Delete' }).click();
    await folderRow('services').getByRole('button', { name: 'Confirm' }).click();
    await status('Folder “services” deleted.').waitFor();
    await folder('services').waitFor({ state: 'detached' });
    const names = (await api('/api/v1/folders')).folders.map((f) => f.name).sort();
    assert.deepEqual(names, ['Data', 'Team A']);
  });

  it('creates and edits a service account', async () => {
    await tab('Service accounts').click();
    await page.waitForURL(/\/organization\/service-accounts$/);
    await page.locator('tr[data-account="bootstrap-admin"]').waitFor();
    await page.locator('#sa-name').fill('ci-bot');
    await page.getByLabel('Description (optional)').fill('Builds');
    await page.getByText('Roles on the organization (optional)').click();
    await page.getByLabel('Org Member').check();
    await page.getByLabel('Cluster Monitor').check();
    await page.getByRole('button', { name: 'Create service account' }).click();
    const row = page.locator('tr[data-account="ci-bot"]');
    await row.waitFor();
    await status('Service account “ci-bot” created.').waitFor();
    assert.match(await row.innerText(), /Builds/);
    assert.match(await row.innerText(), /Org Member/);
    assert.match(await row.innerText(), /Cluster Monitor/);

    await page.getByRole('button', { name: 'Edit ci-bot' }).click();
    await page.getByLabel('Description', { exact: true }).fill('Builds and deploys');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await status('Service account “ci-bot” saved.').waitFor();
    await row.getByText('Builds and deploys').waitFor();

    // one to delete
    await page.locator('#sa-name').fill('short-lived');
    await page.getByRole('button', { name: 'Create service account' }).click();
    const doomed = page.locator('tr[data-account="short-lived"]');
    await doomed.waitFor();
    await doomed.getByRole('button', { name: 'Delete' }).click();
    await doomed.getByRole('button', { name: 'Confirm' }).click();
    await doomed.waitFor({ state: 'detached' });
    await shot('org-service-accounts');
  });

  let secret;
  it('creates an API key, shows its secret once, and the key works', async () => {
    await tab('API keys').click();
    await page.waitForURL(/\/organization\/api-keys$/);
    await page.getByLabel('Key name').fill('ci-key');
    await page.getByLabel('Service account').selectOption({ label: 'ci-bot' });
    await page.getByRole('button', { name: 'Create key' }).click();
    const region = page.getByRole('region', { name: 'Secret of API key “ci-key”' });
    await region.waitFor();
    secret = await region.getByRole('textbox').inputValue();
    assert.ok(secret.length > 20, secret);
    await region.getByRole('button', { name: 'Copy the secret' }).click();
    await region.getByText('Copied', { exact: true }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
    const row = page.locator('tr[data-key="ci-key"]');
    await row.waitFor();
    assert.match(await row.innerText(), /ci-bot/);
    await shot('org-api-keys');

    // the key works, as ci-bot
    const res = await fetch(`${base}/api/v1/organization`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).id, (await api('/api/v1/organization')).id);

    // shown once: gone when dismissed, and never again
    await region.getByRole('button', { name: 'I have copied it' }).click();
    await region.waitFor({ state: 'detached' });
    await tab('Info').click();
    await tab('API keys').click();
    await page.locator('tr[data-key="ci-key"]').waitFor();
    assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');

    // rename
    await page.getByRole('button', { name: 'Rename ci-key' }).click();
    await page.getByLabel('New key name').fill('ci-key-2');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.locator('tr[data-key="ci-key-2"]').waitFor();

    // delete another
    await page.getByLabel('Key name').fill('throwaway');
    await page.getByLabel('Service account').selectOption({ label: 'ci-bot' });
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('region', { name: 'Secret of API key “throwaway”' }).waitFor();
    const doomed = page.locator('tr[data-key="throwaway"]');
    await doomed.getByRole('button', { name: 'Delete' }).click();
    await doomed.getByRole('button', { name: 'Confirm' }).click();
    await doomed.waitFor({ state: 'detached' });
    const keys = (await api('/api/v1/api-keys')).api_keys.map((k) => k.name);
    assert.ok(keys.includes('ci-key-2') && !keys.includes('throwaway'), keys.join());
  });

  it('grants a role on a folder and removes it', async () => {
    await tab('Role grants').click();
    await page.waitForURL(/\/organization\/roles$/);
    await page.locator('tr[data-grant="bootstrap-admin ORG_ADMIN Organization"]').waitFor();
    await page.getByLabel('Who').selectOption({ label: 'ci-bot' });
    await page.getByLabel('On', { exact: true }).selectOption({ label: 'Folder' });
    await page.getByLabel('Folder', { exact: true }).selectOption({ label: 'Team A' });
    // only the roles that fit a folder are offered
    const offered = await page.getByLabel('Role', { exact: true }).locator('option').allInnerTexts();
    assert.ok(offered.includes('Folder Admin') && !offered.includes('Org Administrator'), offered.join());
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Folder Admin' });
    await page.getByRole('button', { name: 'Grant role' }).click();
    const row = page.locator('tr[data-grant="ci-bot FOLDER_ADMIN Folder Team A"]');
    await row.waitFor();
    await status('Role Folder Admin granted.').waitFor();
    await shot('org-roles');

    // a person the server does not know: the API's answer in plain words
    await page.getByLabel('Who').selectOption({ label: 'A person, by email…' });
    await page.getByLabel('Email address').fill('nobody@example.com');
    await page.getByLabel('On', { exact: true }).selectOption({ label: 'Organization' });
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Org Member' });
    await page.getByRole('button', { name: 'Grant role' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not found' }).waitFor();

    await row.getByRole('button', { name: 'Remove' }).click();
    await row.getByText('Remove Folder Admin on Folder Team A from ci-bot?').waitFor();
    await row.getByRole('button', { name: 'Confirm' }).click();
    await row.waitFor({ state: 'detached' });
    await status('Role Folder Admin removed from ci-bot.').waitFor();
    const sa = (await api('/api/v1/service-accounts')).service_accounts.find((s) => s.name === 'ci-bot');
    assert.deepEqual(sa.roles.map((r) => r.name).sort(), ['CLUSTER_MONITOR', 'ORG_MEMBER']);
  });

  it('shows invoices in a table and a chart, and an invoice’s items', async () => {
    // a cluster, so the current month's draft has an item
    await api('/api/v1/clusters', {
      method: 'POST',
      body: { name: 'org-billing-1', provider: 'GCP', plan: 'BASIC', spec: { serverless: { regions: ['us-central1'] } } },
    });
    await tab('Invoices').click();
    await page.waitForURL(/\/organization\/invoices$/);
    const chart = page.getByRole('img', { name: /^Monthly invoice totals in USD, 1 month from/ });
    await chart.waitFor();
    assert.equal(await chart.locator('rect').count(), 1);
    assert.match(await chart.locator('rect title').first().textContent(), /^\d{4}-\d\d: \$\d/);
    const rows = page.locator('tr[data-invoice]');
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), /Draft/);
    await rows.first().getByRole('button', { name: /^Details of/ }).click();
    const detail = page.locator('.invoice-detail');
    await detail.getByRole('heading', { name: 'org-billing-1' }).waitFor();
    await detail.getByText('Basic cluster').waitFor();
    await shot('org-invoices');
    await detail.getByRole('button', { name: 'Close' }).click();

    // several months (the local server bills from the organization's
    // creation month only, so earlier months are served by the test)
    const month = (m, usd, status) => ({
      invoice_id: `inv-2026-0${m}`, period_start: `2026-0${m}-01T00:00:00Z`, period_end: `2026-0${m + 1}-01T00:00:00Z`,
      totals: [{ amount: usd, currency: 'USD' }], balances: [{ amount: 0, currency: 'USD' }], invoice_items: [], status,
    });
    const fixture = { invoices: [month(1, 120, 'FINALIZED'), month(2, 480.5, 'FINALIZED'), month(3, 60, 'DRAFT')] };
    const isList = (url) => new URL(url).pathname === '/api/v1/invoices';
    await page.route(isList, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(fixture) }));
    await tab('Info').click();
    await tab('Invoices').click();
    const many = page.getByRole('img', { name: /3 months from 2026-01 to 2026-03; highest \$480\.50 in 2026-02; latest \$60\.00 in 2026-03/ });
    await many.waitFor();
    assert.equal(await many.locator('rect').count(), 3);
    const heights = await many.locator('rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('height'))));
    assert.ok(heights[1] > heights[0] && heights[0] > heights[2] && heights[2] > 0, heights.join());
    assert.equal(await page.locator('tr[data-invoice]').first().getAttribute('data-invoice'), 'inv-2026-03', 'newest first');
    await shot('org-invoices-chart');

    // no invoices at all
    await page.unroute(isList);
    await page.route(isList, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"invoices":[]}' }));
    await tab('Info').click();
    await tab('Invoices').click();
    await page.getByText('No invoices yet.').waitFor();
    await page.unroute(isList);
  });

  it('shows the audit log newest first, filters it, and loads more on scroll', async () => {
    // Another account makes enough entries to need several pages.
    const bot = await admin('bulk-bot');
    const teamA = (await api('/api/v1/folders')).folders.find((f) => f.name === 'Team A');
    for (let i = 1; i <= 40; i++) {
      await api(`/api/v1/folders/${teamA.resource_id}`, { method: 'PATCH', body: { name: `Team A ${i}` }, key: bot.secret });
    }
    const all = await auditEntries();
    assert.ok(all.length > 50, `${all.length} entries`);

    await tab('Audit log').click();
    await page.waitForURL(/\/organization\/audit-log$/);
    const rows = page.locator('table.audit tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 25, 'one page at first');
    // newest first: the last rename by bulk-bot leads
    assert.match(await rows.first().innerText(), /bulk-bot/);
    assert.match(await rows.first().innerText(), /Update folder/);
    const times = await rows.locator('td[data-label="Time"]').allInnerTexts();
    assert.deepEqual([...times].sort().reverse(), times, 'times never go up');
    await shot('org-audit-log');

    // the keyboard way: Load more
    const more = page.getByRole('button', { name: 'Load more' });
    await more.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('table.audit tbody tr').length >= 50);

    // scrolling to the end loads the rest
    for (let i = 0; i < 10 && !(await page.getByText('That is the whole log.').isVisible()); i++) {
      await page.locator('.sentinel').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
    }
    await page.getByText('That is the whole log.').waitFor();
    assert.equal(await rows.count(), all.length, 'every entry, once');
    // what this test did is there
    const actions = await page.locator('table.audit tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.action));
    for (const a of ['CREATE_FOLDER', 'UPDATE_FOLDER', 'DELETE_FOLDER', 'CREATE_SERVICE_ACCOUNT', 'UPDATE_SERVICE_ACCOUNT',
      'DELETE_SERVICE_ACCOUNT', 'CREATE_API_KEY', 'UPDATE_API_KEY', 'DELETE_API_KEY', 'ADD_USER_TO_ROLE', 'REMOVE_USER_FROM_ROLE']) {
      assert.ok(actions.includes(`AUDIT_LOG_ACTION_${a}`), a);
    }

    // filters narrow it
    await page.getByLabel('Action').selectOption({ label: 'Create API key' });
    await page.getByText(/^2 of \d+ entries read match$/).waitFor();
    assert.equal(await rows.count(), 2);
    assert.deepEqual(await rows.locator('td[data-label="Resource"]').allInnerTexts(), ['throwaway', 'ci-key']);
    await page.getByLabel('Actor').fill('bulk');
    await page.getByText('No entry read so far matches the filters.').waitFor();
    await page.getByLabel('Action').selectOption({ label: 'Any' });
    await page.getByText(/^40 of \d+ entries read match$/).waitFor();
    const actors = await rows.locator('td[data-label="Actor"]').allInnerTexts();
    assert.ok(actors.every((a) => a === 'bulk-bot'), actors.join());
    await shot('org-audit-log-filtered');
    const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
    await page.getByLabel('From (UTC)').fill(tomorrow);
    await page.getByText('No entry read so far matches the filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText(`${all.length} entries read`, { exact: true }).waitFor();
  });

  it('says in plain words when the API refuses a list', async () => {
    const refuse = (route) => route.fulfill({
      status: 403, contentType: 'application/json',
      body: JSON.stringify({ code: 7, message: 'the caller\'s roles do not allow ListServiceAccounts', details: [] }),
    });
    const isList = (url) => new URL(url).pathname === '/api/v1/service-accounts';
    await page.route(isList, refuse);
    await tab('Info').click();
    await tab('Service accounts').click();
    const alert = page.getByRole('alert').filter({ hasText: 'This key\'s roles do not allow that' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /ListServiceAccounts.*code 7, HTTP 403/);
    await shot('org-error');
    await page.unroute(isList);
  });

  it('fits a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true });
    await phone.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective));
    });
    const p = await phone.newPage();
    watch(p);
    await signIn(p);
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    for (const [name, ready] of [
      ['Info', 'dd[data-field="name"]'],
      ['Folders', 'li[data-folder="Team A 40"]'],
      ['Service accounts', 'tr[data-account="ci-bot"]'],
      ['API keys', 'tr[data-key="ci-key-2"]'],
      ['Role grants', 'tr[data-grant]'],
      ['Invoices', 'tr[data-invoice]'],
      ['Audit log', 'table.audit tbody tr'],
    ]) {
      await p.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name, exact: true }).click();
      await p.locator(ready).first().waitFor();
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} is ${overflow}px wider than the phone`);
      if (name === 'API keys') await shot('org-phone-api-keys', p);
    }
    await shot('org-phone-audit-log', p);
    assert.deepEqual(await p.evaluate(() => window.__csp), []);
    await phone.close();
  });

  it('saw no CSP violation and no page error', async () => {
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(problems, []);
    for (const t of throttled) console.log(`# met the rate limit, retried: ${t}`);
  });
});
