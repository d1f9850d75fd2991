// End-to-end test of the web console: the real server binary serving the
// built console (dist/), driven by Playwright in headless Chromium.
// Run with: node --test tests/console/   (scripts/test-console.sh does it)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHOTS, startServer as start, launch } from './helpers.mjs';

const KEY = 'CCDB1_e2e_console_test_key';
const NAME = 'e2e-basic-1';

let server, browser, context, page, base;
const problems = [];   // CSP violations, page errors, console errors

const startServer = () => start(KEY, ['--transitions', 'instant']);

async function shot(name, p = page) {
  await p.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
}

function watch(p) {
  p.on('console', (m) => {
    const text = m.text();
    // The wrong-key attempt is meant to fail with 401; Chromium logs that.
    if (/status of 401/.test(text)) return;
    if (m.type() === 'error' || /Content.Security.Policy/i.test(text)) problems.push(`console: ${text}`);
  });
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
}

describe('web console', { concurrency: false }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ child: server, url: base } = await startServer());
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    // Runs before the page's own scripts and outside its CSP.
    await context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page = await context.newPage();
    watch(page);
  });

  after(async () => {
    await browser?.close();
    server?.kill();
  });

  it('serves the console with security headers and no inline script', async () => {
    const res = await fetch(`${base}/clusters/some-id`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const html = await res.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script has a src');
    assert.doesNotMatch(html, /\sstyle=/, 'no inline style');
  });

  it('refuses a wrong key in plain words, then signs in', async () => {
    await page.goto(base);
    await page.getByLabel('API key').waitFor();
    assert.equal(await page.getByLabel('Server URL').inputValue(), base);
    await shot('01-sign-in');
    await page.getByLabel('API key').fill('CCDB1_wrong_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not accepted' }).waitFor();
    assert.match(await page.getByRole('alert').innerText(), /code 16, HTTP 401/);
    await page.getByLabel('API key').fill(KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Clusters' }).waitFor();
    await page.getByText('No clusters yet.').waitFor();
    // The key is nowhere but memory: not the URL, not localStorage, not sessionStorage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href);
    assert.ok(!stored.includes(KEY), stored);
    await shot('02-clusters-empty');
  });

  it('creates a Basic cluster through the wizard', async () => {
    await page.getByRole('link', { name: 'Create cluster' }).first().click();
    await page.getByRole('heading', { name: 'Create a cluster' }).waitFor();
    await page.getByLabel('Basic').check();
    await shot('03-wizard-plan');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('GCP').check();
    await page.getByRole('button', { name: 'Next' }).click();
    const next = page.getByRole('button', { name: 'Next' });
    await page.getByLabel('us-central1').check();
    await shot('04-wizard-regions');
    await next.click();
    await page.getByLabel('Request units per month').waitFor();
    await next.click();
    const name = page.getByLabel('Cluster name');
    await name.fill('Bad_Name');
    await page.locator('#cluster-name-hint').getByText('is not allowed').waitFor();
    assert.equal(await next.isDisabled(), true);
    await name.fill(NAME);
    await page.locator('#cluster-name-hint').getByText('Valid name.').waitFor();
    await shot('05-wizard-name');
    await next.click();
    await page.getByRole('heading', { name: 'Review' }).waitFor();
    await shot('06-wizard-review');
    await page.getByRole('button', { name: 'Create cluster' }).click();
    await page.waitForURL(/\/clusters\/[^/]+$/);
    await page.getByRole('heading', { name: NAME }).waitFor();
  });

  it('lists the new cluster as CREATED', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
    const row = page.locator(`tr[data-cluster="${NAME}"]`);
    await row.waitFor();
    await row.getByText('CREATED', { exact: true }).waitFor({ timeout: 15000 });
    assert.match(await row.innerText(), /Basic/);
    assert.match(await row.innerText(), /us-central1/);
    await shot('07-clusters-list');
  });

  it('shows the overview with a connection string to copy', async () => {
    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('heading', { name: 'Connect' }).waitFor();
    await page.getByRole('button', { name: 'Connect…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect to the cluster' });
    await dialog.waitFor();
    await dialog.getByText('No SQL user yet').waitFor();
    await dialog.getByLabel('Connection string', { exact: true }).getByText(/postgresql:\/\//).waitFor();
    await dialog.getByRole('button', { name: 'Copy the connection string' }).click();
    await dialog.getByText('Copied').waitFor();
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /postgresql:\/\//);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('No nodes to show').waitFor();
    await shot('08-cluster-overview');
  });

  it('refuses to delete while protected, then deletes by name', async () => {
    await page.getByRole('link', { name: 'Delete' }).click();
    await page.waitForURL(/\/delete$/);
    const toggle = page.getByRole('switch');
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    await toggle.click();
    await page.getByText('Delete protection is on', { exact: true }).waitFor();
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    const confirm = page.getByLabel(/to confirm/);
    await confirm.fill(NAME);
    const del = page.getByRole('button', { name: 'Delete cluster' });
    assert.equal(await del.isDisabled(), true, 'protected clusters cannot be deleted');
    await shot('09-cluster-delete');
    await toggle.click();
    await page.getByText('Delete protection is off', { exact: true }).waitFor();
    await confirm.fill(NAME + 'x');
    assert.equal(await del.isDisabled(), true, 'the name must match');
    await confirm.fill(NAME);
    await del.click();
    await page.waitForURL(/\/clusters$/);
    await page.getByText('No clusters yet.').waitFor();
  });

  it('keeps a deep link through a reload when remembered in the tab', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
    await page.getByRole('heading', { name: 'Clusters' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').fill(KEY);
    await page.getByLabel(/Remember in this tab/).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Clusters' }).waitFor();
    await page.goto(`${base}/clusters/new`);
    await page.getByRole('heading', { name: 'Create a cluster' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'sign-out forgets the key');
  });

  it('opens a remembered tab on the clusters list with one read of it', async () => {
    // The list is read while the app is still drawn; the page picks that
    // read up instead of sending its own.
    const created = await fetch(`${base}/api/v1/clusters`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'e2e-early-read', provider: 'GCP',
        spec: { plan: 'BASIC', serverless: { regions: ['us-central1'] } } }),
    });
    assert.equal(created.status, 200);
    await page.evaluate(([url, key]) => sessionStorage.setItem('crdb-console.session', `${url}\n${key}`), [base, KEY]);
    const reads = [];
    const calls = [];
    const count = (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) calls.push(path);
      if (path === '/api/v1/clusters' && r.method() === 'GET') reads.push(r.url());
    };
    // A new page starts its own rate limiter afresh while the server's bucket
    // for this key still counts the requests just made: let it refill (10 a
    // second) so the new page meets no 429.
    await new Promise((ok) => setTimeout(ok, 1100));
    page.on('request', count);
    await page.goto(`${base}/clusters`);
    await page.locator('table.clusters tr[data-cluster="e2e-early-read"]').waitFor();
    // Sent while the app is drawn, so before the header's organization read,
    // which goes out once the app has been drawn.
    assert.deepEqual(calls.slice(0, 2), ['/api/v1/clusters', '/api/v1/organization']);
    assert.equal(await page.locator('.pager .count').innerText(), '1 cluster');
    const isRead = (r) => new URL(r.url()).pathname === '/api/v1/clusters' && r.request().method() === 'GET';
    await Promise.all([page.waitForResponse(isRead), page.getByRole('button', { name: 'Refresh' }).click()]);
    await page.waitForTimeout(300);
    page.off('request', count);
    assert.equal(reads.length, 2, `one read on opening, one on Refresh: ${reads.join(', ')}`);
  });

  it('signs out, saying why, when the key stops working', async () => {
    // A remembered key the server no longer accepts (as after a revocation).
    await page.evaluate((url) => sessionStorage.setItem('crdb-console.session', `${url}\nCCDB1_revoked_key`), base);
    await page.reload();
    const notice = page.getByRole('status').filter({ hasText: 'You were signed out' });
    await notice.waitFor();
    assert.match(await notice.innerText(), /not accepted.*code 16, HTTP 401/);
    await page.getByLabel('API key').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'the refused key is forgotten');
    await page.getByLabel('API key').fill(KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    assert.equal(await page.getByText('You were signed out').count(), 0, 'the notice goes away');
  });

  it('fits a phone and follows the dark colour scheme', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true });
    await phone.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective));
    });
    const p = await phone.newPage();
    watch(p);
    await p.goto(base);
    await p.getByLabel('API key').fill(KEY);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Clusters' }).waitFor();
    await p.getByText(/\d+ clusters?$/).waitFor();
    const bg = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(15, 18, 32)', 'dark theme background');
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    await shot('10-phone-dark', p);
    assert.deepEqual(await p.evaluate(() => window.__csp), []);
    await phone.close();
  });

  it('saw no CSP violation and no page error', async () => {
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(problems, []);
  });
});
