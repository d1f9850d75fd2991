// Issue 16's defects, one test each, against the real server (--in-memory
// --transitions instant --console dist) in headless Chromium. Clusters are
// made through the API; what is checked is the console. Screenshots go to
// target/screenshots/defect-*.png.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHOTS, startServer, launch } from './helpers.mjs';

const KEY = 'CCDB1_e2e_defects_test_key';

let server, browser, page, base;
const problems = [];
const ids = {};

const shot = (name) => page.screenshot({ path: resolve(SHOTS, `defect-${name}.png`), fullPage: true });

/** Calls the API with the bootstrap key (or `key`); resolves the parsed body. */
async function api(method, path, body, key = KEY) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return json;
}

const ADVANCED = {
  name: 'd16-advanced', provider: 'AWS',
  spec: { dedicated: { hardware: { machine_spec: { num_virtual_cpus: 4 }, storage_gib: 150 }, region_nodes: { 'us-east-1': 3 } } },
};
const STANDARD = {
  name: 'd16-standard', provider: 'GCP',
  spec: { plan: 'STANDARD', serverless: { regions: ['us-central1'], usage_limits: { provisioned_virtual_cpus: '2' } } },
};

/** Opens a cluster's tab by URL and waits for its header. */
async function openTab(cluster, tab = 'overview') {
  await page.goto(`${base}/clusters/${ids[cluster]}/${tab}`);
  await page.getByRole('heading', { name: cluster, exact: true }).waitFor();
}

/** Types into a field as a person does: click, End, then keys. */
async function keys(field, ...presses) {
  await field.click();
  await field.press('End');
  for (const p of presses) {
    if (p.length > 1 && /^[A-Z]/.test(p)) await field.press(p); else await field.pressSequentially(p);
  }
}

describe('issue 16 defects', { concurrency: false }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ child: server, url: base } = await startServer(KEY, ['--transitions', 'instant']));
    for (const c of [ADVANCED, STANDARD]) ids[c.name] = (await api('POST', '/clusters', c)).id;
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10000);
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(base);
    await page.getByLabel('API key').fill(KEY);
    // Remembered in the tab, so opening a tab by URL keeps the session.
    await page.getByLabel(/Remember in this tab/).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Clusters' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    server?.kill();
  });

  it('1: number fields keep what is typed and refuse absurd values', async () => {
    // The wizard's capacity step.
    await page.getByRole('link', { name: 'Create cluster' }).first().click();
    const next = page.getByRole('button', { name: 'Next' });
    await page.getByLabel('Advanced').check();
    await next.click();
    await page.getByLabel('AWS').check();
    await next.click();
    await page.getByLabel('us-east-1').check();
    await next.click();
    const storage = page.getByLabel('Storage per node (GiB)');
    await keys(storage, 'Backspace', 'Backspace', 'Backspace');
    assert.equal(await storage.inputValue(), '');
    await page.locator('#storage-per-node-error').getByText('Enter a number.').waitFor();
    assert.equal(await next.isDisabled(), true);
    await keys(storage, '16');
    assert.equal(await storage.inputValue(), '16');
    assert.equal(await page.locator('#storage-per-node-error').innerText(), '');
    assert.equal(await next.isDisabled(), false);
    await storage.fill('');
    await keys(storage, '1.5');
    assert.equal(await storage.inputValue(), '1.5');
    await page.locator('#storage-per-node-error').getByText(/whole number/).waitFor();
    await storage.fill('99999999');
    await page.locator('#storage-per-node-error').getByText('At most 16,384.').waitFor();
    assert.equal(await next.isDisabled(), true);
    const nodes = page.getByLabel('Nodes per region');
    await keys(nodes, 'Backspace');
    assert.equal(await nodes.inputValue(), '');
    await keys(nodes, '8');
    assert.equal(await nodes.inputValue(), '8');
    await shot('1-wizard-numbers');
    // The Capacity tab: the same fields, the same limits.
    await openTab('d16-advanced', 'capacity');
    const tabNodes = page.getByLabel('Nodes per region');
    assert.equal(await tabNodes.inputValue(), '3');
    await keys(tabNodes, 'Backspace', '16');
    assert.equal(await tabNodes.inputValue(), '16');
    await keys(tabNodes, '0');
    await page.locator('#nodes-per-region-error').getByText('At most 150.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Apply' }).isDisabled(), true);
    await shot('1-capacity-numbers');
  });

  it('2: managed backups can be disabled, and retention locks after its change', async () => {
    await openTab('d16-standard', 'backups');
    const enabled = page.getByLabel('Managed backups enabled');
    await enabled.waitFor();
    assert.equal(await enabled.isChecked(), true);
    await enabled.uncheck();
    assert.equal(await page.getByLabel('Frequency').isDisabled(), true);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Backup settings saved.').waitFor();
    assert.equal((await api('GET', `/clusters/${ids['d16-standard']}/backups-config`)).enabled, false);
    await enabled.check();
    await page.getByLabel('Retention').selectOption('7');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Backup settings saved.').waitFor();
    const now = await api('GET', `/clusters/${ids['d16-standard']}/backups-config`);
    assert.deepEqual([now.enabled, now.retention_days], [true, 7]);
    assert.equal(await page.getByLabel('Retention').isDisabled(), true);
    await page.getByText('Retention has had its one allowed change').waitFor();
    await shot('2-backups');
  });

  it('3: a key holding only CLUSTER_ADMIN signs in and sees what it may', async () => {
    const org = await api('GET', '/organization');
    const res = await fetch(`${base}/local/v1/service-accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'd16-cluster-admin',
        roles: [{ role: 'CLUSTER_ADMIN', resource_type: 'ORGANIZATION', resource_id: org.id }] }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const { secret } = await res.json();
    // The API itself refuses this key the organization, and lists clusters.
    await assert.rejects(api('GET', '/organization', undefined, secret), /403/);
    await api('GET', '/clusters', undefined, secret);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await context.newPage();
    p.setDefaultTimeout(10000);
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await p.goto(base);
    await p.getByLabel('API key').fill(secret);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Clusters' }).waitFor();
    await p.locator('tr[data-cluster="d16-standard"]').waitFor();
    await p.getByText('Limited key', { exact: true }).waitFor();
    await p.screenshot({ path: resolve(SHOTS, 'defect-3-limited-key.png'), fullPage: true });
    // What it may not see says why.
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    await p.getByRole('alert').filter({ hasText: "This key's roles do not allow that" }).first().waitFor();
    await context.close();
  });

  it('8: switching a cluster\'s tabs keeps the cluster page loaded', async () => {
    await openTab('d16-standard');
    const tabs = page.getByRole('navigation', { name: 'Cluster' });
    await tabs.evaluate((el) => { el.dataset.mark = 'kept'; });
    let loads = 0;
    const id = ids['d16-standard'];
    const count = (req) => { if (new URL(req.url()).pathname === `/api/v1/clusters/${id}`) loads += 1; };
    page.on('request', count);
    for (const tab of ['Capacity', 'Overview', 'SQL users', 'Overview']) {
      await tabs.getByRole('link', { name: tab, exact: true }).click();
      await page.waitForURL(new RegExp(`/clusters/${id}`));
      assert.equal(await page.getByText('Loading the cluster…').count(), 0, `after ${tab}`);
      assert.equal(await page.locator('.crumbs').innerText().then((t) => t.includes(id)), false);
    }
    await page.getByRole('heading', { name: 'Connect' }).waitFor();
    page.off('request', count);
    // The same page, not a new one: the mark on the tab bar is still there.
    assert.equal(await tabs.getAttribute('data-mark'), 'kept');
    assert.ok(loads <= 1, `the cluster was read ${loads} times`);
  });

  it('5: the header and what it disables follow the live state', async () => {
    // A server whose operations take 6 s, so the restore's LOCKED shows.
    const SLOW_KEY = 'CCDB1_e2e_defects_slow_key';
    const slow = await startServer(SLOW_KEY, ['--transitions', 'delay:6s']);
    try {
      const call = (method, path, body) => fetch(`${slow.url}${path}`, {
        method, headers: { authorization: `Bearer ${SLOW_KEY}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (r) => {
        const text = await r.text();
        assert.ok(r.ok, `${path}: ${r.status} ${text}`);
        return text ? JSON.parse(text) : {};
      });
      const { id } = await call('POST', '/api/v1/clusters', ADVANCED);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const p = await context.newPage();
      p.setDefaultTimeout(15000);
      p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      await p.goto(slow.url);
      await p.getByLabel('API key').fill(SLOW_KEY);
      await p.getByLabel(/Remember in this tab/).check();
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.getByRole('heading', { name: 'Clusters' }).waitFor();
      await p.goto(`${slow.url}/clusters/${id}/backups`);
      const head = p.locator('.page-head');
      await head.getByText('CREATED', { exact: true }).waitFor();
      await call('POST', `/local/v1/clusters/${id}/backups`, {});
      await p.getByRole('button', { name: 'Restore the newest backup' }).click();
      await p.getByRole('button', { name: 'Confirm' }).click();
      await head.getByText('LOCKED', { exact: true }).waitFor({ timeout: 3000 });
      await head.getByText('Full cluster restore running').waitFor();
      await p.getByText('changes can be made once it is CREATED again').waitFor();
      await p.screenshot({ path: resolve(SHOTS, 'defect-5-locked.png'), fullPage: true });
      // On another tab too: the header says LOCKED and the form is disabled.
      await p.getByRole('navigation', { name: 'Cluster' }).getByRole('link', { name: 'Capacity', exact: true }).click();
      await head.getByText('LOCKED', { exact: true }).waitFor();
      assert.equal(await p.getByRole('button', { name: 'Apply' }).isDisabled(), true);
      assert.equal(await p.getByLabel('Nodes per region').isDisabled(), true);
      // When the restore is over, by itself.
      await head.getByText('CREATED', { exact: true }).waitFor({ timeout: 15000 });
      assert.equal(await p.getByLabel('Nodes per region').isDisabled(), false);
      await context.close();
    } finally {
      slow.child.kill();
    }
  });

  it('7: failed and deleted clusters are listed when the State filter asks', async () => {
    const gone = await api('POST', '/clusters', { ...STANDARD, name: 'd16-deleted' });
    await api('DELETE', `/clusters/${gone.id}`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
    await page.locator('tr[data-cluster="d16-standard"]').waitFor();
    assert.equal(await page.locator('tr[data-cluster="d16-deleted"]').count(), 0);
    await page.getByLabel('State').selectOption('DELETED');
    const row = page.locator('tr[data-cluster="d16-deleted"]');
    await row.getByText('DELETED', { exact: true }).waitFor();
    await page.getByLabel('State').selectOption('');
    await page.locator('tr[data-cluster="d16-deleted"]').waitFor({ state: 'detached' });
    // A failed creation, on a server where creating takes a while.
    const SLOW_KEY = 'CCDB1_e2e_defects_fail_key';
    const slow = await startServer(SLOW_KEY, ['--transitions', 'delay:30s']);
    try {
      const call = (method, path, body) => fetch(`${slow.url}${path}`, {
        method, headers: { authorization: `Bearer ${SLOW_KEY}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (r) => {
        const text = await r.text();
        assert.ok(r.ok, `${path}: ${r.status} ${text}`);
        return text ? JSON.parse(text) : {};
      });
      const { id } = await call('POST', '/api/v1/clusters', { ...STANDARD, name: 'd16-failed' });
      await call('POST', `/local/v1/clusters/${id}/fail`);
      await call('POST', '/api/v1/clusters', { ...STANDARD, name: 'd16-active' });
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const p = await context.newPage();
      p.setDefaultTimeout(10000);
      p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      await p.goto(slow.url);
      await p.getByLabel('API key').fill(SLOW_KEY);
      await p.getByLabel(/Remember in this tab/).check();
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.locator('tr[data-cluster="d16-active"]').waitFor();
      assert.equal(await p.locator('tr[data-cluster="d16-failed"]').count(), 0);
      await p.getByLabel('State').selectOption('CREATION_FAILED');
      const failed = p.locator('tr[data-cluster="d16-failed"]');
      await failed.getByText('CREATION_FAILED', { exact: true }).waitFor();
      await failed.getByRole('link', { name: 'd16-failed' }).click();
      await p.locator('.page-head').getByText('CREATION_FAILED', { exact: true }).waitFor();
      await p.getByText('could not be created. Delete it').waitFor();
      await p.screenshot({ path: resolve(SHOTS, 'defect-7-failed.png'), fullPage: true });
      await context.close();
    } finally {
      slow.child.kill();
    }
  });

  it('4: the Connect dialog builds the string for a user, a database and a tool', async () => {
    const id = ids['d16-standard'];
    await api('POST', `/clusters/${id}/sql-users`, { name: 'maxroach', password: 'a-long-password-123' });
    await api('POST', `/clusters/${id}/databases`, { name: 'bank' });
    await openTab('d16-standard');
    const asked = [];
    page.on('request', (r) => { if (r.url().includes('/connection-string')) asked.push(new URL(r.url()).search); });
    await page.getByRole('button', { name: 'Connect…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect to the cluster' });
    await dialog.getByLabel('SQL user').selectOption('maxroach');
    await dialog.getByLabel('Database').selectOption('bank');
    await dialog.getByLabel('Tool').selectOption('jdbc');
    const snippet = dialog.getByLabel('Connection string', { exact: true });
    await snippet.getByText(/user=maxroach&password=<ENTER-SQL-USER-PASSWORD>/).waitFor();
    assert.match(await snippet.innerText(), /^jdbc:postgresql:\/\/[^/]+:26257\/bank\?sslmode=verify-full/);
    assert.equal(await snippet.locator('mark').innerText(), '<ENTER-SQL-USER-PASSWORD>');
    await dialog.getByLabel('Tool').selectOption('cockroach-sql');
    await dialog.getByLabel('Operating system').selectOption('WINDOWS');
    await snippet.getByText(/%APPDATA%/).waitFor();
    assert.match(await snippet.innerText(), /^cockroach sql --url "postgresql:\/\/maxroach:<ENTER-SQL-USER-PASSWORD>@[^/]+:26257\/bank\?/);
    const last = new URLSearchParams(asked.at(-1));
    assert.deepEqual([last.get('sql_user'), last.get('database'), last.get('os')], ['maxroach', 'bank', 'WINDOWS']);
    await shot('4-connect');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('6: restores and key URIs are checked before sending, and restores confirmed', async () => {
    const posted = [];
    const watch = (r) => { if (r.method() === 'POST' && /\/restores$|\/cmek$/.test(new URL(r.url()).pathname)) posted.push(r.url()); };
    page.on('request', watch);
    await openTab('d16-advanced', 'backups');
    const start = page.getByRole('button', { name: 'Start restore' });
    await page.getByLabel('Database', { exact: true }).fill('nosuchdb');
    await page.getByText('The cluster has no database named nosuchdb').waitFor();
    assert.equal(await start.isDisabled(), true);
    await page.getByLabel('What').selectOption('TABLE');
    await page.getByLabel('Database', { exact: true }).fill('defaultdb');
    await page.getByLabel('Table (schema.table)').fill('a.b.c');
    await page.getByText('Write the table as table or schema.table, not a.b.c.').waitFor();
    assert.equal(await start.isDisabled(), true);
    await page.getByLabel('Table (schema.table)').fill('public.rides');
    await start.click();
    // A click only asks; nothing is sent until Confirm.
    await page.getByText('Restore it from the newest backup?').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await shot('6-restore-guard');
    await openTab('d16-advanced', 'security');
    const uri = page.getByLabel('Key URI for us-east-1');
    await uri.fill('not a uri');
    await uri.blur();
    await page.getByRole('button', { name: 'Enable CMEK' }).click();
    await page.getByRole('alert').filter({ hasText: 'An AWS KMS key ARN looks like arn:aws:kms:' }).waitFor();
    await shot('6-cmek-guard');
    page.off('request', watch);
    assert.deepEqual(posted, []);
  });

  it('10: a wrong key is refused in plain words, without "Something went wrong" or "sign out"', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(base);
    await p.getByLabel('API key').fill('CCDB1_not_a_key_of_this_server');
    await p.getByRole('button', { name: 'Sign in' }).click();
    const alert = p.getByRole('alert').filter({ hasText: 'not accepted' });
    await alert.waitFor();
    const text = await alert.innerText();
    assert.doesNotMatch(text, /Something went wrong/);
    assert.doesNotMatch(text, /sign out/i);
    assert.equal(await p.getByRole('alert').count(), 1);
    await context.close();
  });

  it('11: titles follow the page, unknown tabs say so, no patch deferral on Standard, Escape cancels', async () => {
    await openTab('d16-standard', 'maintenance');
    await page.getByText('Patch deferral and maintenance and blackout windows are for Advanced clusters').waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Patch upgrades' }).count(), 0);
    assert.equal(await page.title(), 'd16-standard · Maintenance · Cloud Console');
    await openTab('d16-advanced', 'maintenance');
    await page.getByRole('heading', { name: 'Patch upgrades' }).waitFor();
    // Escape closes a SQL user's confirmation, as Cancel does.
    await openTab('d16-standard', 'sql-users');
    const row = page.getByRole('row', { name: /maxroach/ });
    await row.getByRole('button', { name: 'New password' }).click();
    await row.getByRole('button', { name: 'Confirm' }).waitFor();
    await page.keyboard.press('Escape');
    await row.getByRole('button', { name: 'Confirm' }).waitFor({ state: 'detached' });
    assert.equal(await row.getByRole('button', { name: 'New password' }).evaluate((b) => b === document.activeElement), true);
    // Deleting the key this console is signed in with says so first.
    await page.goto(`${base}/organization/api-keys`);
    const mine = page.locator('tr').filter({ has: page.getByText('CCDB1_e2e', { exact: true }) });
    await mine.getByRole('button', { name: /Delete/ }).click();
    await mine.getByText('It is the key you are signed in with').waitFor();
    await page.keyboard.press('Escape');
    await openTab('d16-standard', 'no-such-tab');
    await page.getByText('A cluster has no tab named "no-such-tab".').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
    await page.getByRole('heading', { name: 'Clusters' }).waitFor();
    assert.equal(await page.title(), 'Clusters · Cloud Console');
  });

  it('9: at phone width the tabs, the wizard buttons and the audit log fit', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      await openTab('d16-advanced');
      const width = 360;
      for (const link of await page.getByRole('navigation', { name: 'Cluster' }).getByRole('link').all()) {
        const box = await link.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= width, `${await link.innerText()} is in view`);
      }
      await shot('9-phone-tabs');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
      await page.getByRole('link', { name: 'Create cluster' }).first().click();
      const back = await page.getByRole('button', { name: 'Back' }).boundingBox();
      const next = await page.getByRole('button', { name: 'Next' }).boundingBox();
      assert.ok(Math.abs(back.y - next.y) < 2, `Back at ${back.y}, Next at ${next.y}`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
      await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Audit log', exact: true }).click();
      const row = page.locator('table.audit tbody tr').first();
      await row.waitFor();
      for (const cell of await row.locator('td, th').all()) {
        const box = await cell.boundingBox();
        assert.ok(box.x + box.width <= width + 1, `an audit cell ends at ${box.x + box.width}`);
      }
      const table = await page.locator('table.audit').boundingBox();
      assert.ok(table.width <= width, `the audit table is ${table.width} px wide`);
      await shot('9-phone-audit');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('saw no page error', () => {
    assert.deepEqual(problems, []);
  });
});
