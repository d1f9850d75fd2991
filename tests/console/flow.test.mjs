// The console's whole flow, as issue 5 lists it, against the real server
// (--in-memory --transitions instant --console dist) in headless Chromium:
// a cluster on each plan, scaling, SQL users, databases, backups and a
// restore, CMEK, maintenance, the organization's service accounts, API keys
// and role grants, the audit log, and protected deletion. Screenshots of
// every view go to target/screenshots/flow-*.png.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHOTS, startServer, launch } from './helpers.mjs';

const KEY = 'CCDB1_e2e_flow_test_key';
const PLANS = [
  { plan: 'Basic', name: 'flow-basic' },
  { plan: 'Standard', name: 'flow-standard' },
  { plan: 'Advanced', name: 'flow-advanced' },
];

let server, browser, page, base;
const problems = [];

const shot = (name) => page.screenshot({ path: resolve(SHOTS, `flow-${name}.png`), fullPage: true });

/** Opens a tab of a cluster from the clusters list. */
async function openTab(name, tab) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, exact: true }).waitFor();
  if (tab) {
    await page.getByRole('navigation', { name: 'Cluster' }).getByRole('link', { name: tab, exact: true }).click();
  }
}

async function createCluster({ plan, name }) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
  await page.getByRole('link', { name: 'Create cluster' }).first().click();
  await page.getByRole('heading', { name: 'Create a cluster' }).waitFor();
  const next = page.getByRole('button', { name: 'Next' });
  await page.getByLabel(plan).check();
  await next.click();
  await page.getByLabel('GCP').check();
  await next.click();
  await page.getByLabel('us-central1').check();
  await next.click();
  if (plan === 'Standard') await page.getByLabel('Provisioned vCPUs').fill('2');
  if (plan === 'Advanced') await page.getByLabel('Nodes per region').fill('3');
  await next.click();
  await page.getByLabel('Cluster name').fill(name);
  await next.click();
  await page.getByRole('heading', { name: 'Review' }).waitFor();
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await page.getByRole('heading', { name, exact: true }).waitFor();
}

describe('console flow', { concurrency: false }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ child: server, url: base } = await startServer(KEY, ['--transitions', 'instant']));
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective));
    });
    page = await context.newPage();
    page.setDefaultTimeout(10000);
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    // Chromium logs every 4xx fetch; the API errors this flow provokes are
    // checked on the page instead.
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(base);
    await page.getByLabel('API key').fill(KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Clusters' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    server?.kill();
  });

  it('creates a cluster on each plan and sees each become CREATED', async () => {
    for (const c of PLANS) await createCluster(c);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
    for (const { plan, name } of PLANS) {
      const row = page.locator(`tr[data-cluster="${name}"]`);
      await row.getByText('CREATED', { exact: true }).waitFor({ timeout: 15000 });
      assert.match(await row.innerText(), new RegExp(plan));
    }
    await page.getByText('3 clusters', { exact: true }).waitFor();
    await shot('clusters');
  });

  it('scales the Standard cluster', async () => {
    await openTab('flow-standard', 'Capacity');
    const vcpus = page.getByLabel('Provisioned vCPUs');
    assert.equal(await vcpus.inputValue(), '2');
    await vcpus.fill('1');
    await page.getByText('At least 2.', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Apply' }).isDisabled(), true);
    await vcpus.fill('6');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Saved.').waitFor();
    await shot('capacity');
    await page.getByRole('navigation', { name: 'Cluster' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByText('6 provisioned vCPUs').waitFor({ timeout: 15000 });
  });

  it('creates a SQL user with a generated password shown once', async () => {
    await openTab('flow-standard', 'SQL users');
    await page.getByLabel('User name').fill('1bad');
    await page.getByText('Start with a letter or an underscore.').waitFor();
    await page.getByLabel('User name').fill('maxroach');
    await page.getByRole('button', { name: 'Create user' }).click();
    const secret = page.getByRole('region', { name: 'Password for maxroach' });
    await secret.waitFor();
    const password = await secret.getByRole('textbox').inputValue();
    assert.match(password, /^[A-Za-z0-9]{24}$/);
    await secret.getByRole('button', { name: 'Copy the secret' }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), password);
    await page.getByRole('row', { name: /maxroach/ }).waitFor();
    await shot('sql-users');
    await secret.getByRole('button', { name: 'I have copied it' }).click();
    await secret.waitFor({ state: 'detached' });
    // A new password replaces the old one, shown once too.
    const row = page.getByRole('row', { name: /maxroach/ });
    await row.getByRole('button', { name: 'New password' }).click();
    await row.getByRole('button', { name: 'Confirm' }).click();
    const again = page.getByRole('region', { name: 'Password for maxroach' });
    await again.waitFor();
    assert.notEqual(await again.getByRole('textbox').inputValue(), password);
  });

  it('creates, renames and deletes databases', async () => {
    await openTab('flow-standard', 'Databases');
    await page.getByRole('row', { name: /defaultdb/ }).waitFor();
    await page.getByLabel('Database name').fill('bad-name');
    await page.getByRole('button', { name: 'Create database' }).click();
    await page.getByRole('alert').filter({ hasText: "'-' is not allowed" }).waitFor();
    await page.getByLabel('Database name').fill('movr');
    await page.getByRole('button', { name: 'Create database' }).click();
    const row = page.getByRole('row', { name: /movr/ });
    await row.waitFor();
    await row.getByRole('button', { name: 'Rename movr' }).click();
    await page.getByLabel('New name for movr').fill('movr2');
    await row.getByRole('button', { name: 'Save' }).click();
    // The open form's value is part of the old row's name: wait for the
    // rename to land and the list to be read again.
    await page.getByLabel('New name for movr').waitFor({ state: 'detached' });
    await page.locator('table.databases tbody th', { hasText: /^movr2$/ }).waitFor();
    await shot('databases');
    const renamed = page.getByRole('row', { name: /movr2/ });
    await renamed.getByRole('button', { name: 'Delete' }).click();
    await renamed.getByRole('button', { name: 'Confirm' }).click();
    await renamed.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /defaultdb/ }).waitFor();
  });

  it('changes backup settings and restores to SUCCESS', async () => {
    await openTab('flow-standard', 'Backup and restore');
    await page.getByLabel('Frequency').selectOption('30');
    await page.getByLabel('Retention').selectOption('7');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Backup settings saved.').waitFor();
    // Retention may change once: the field locks after it, and when the
    // console did not see the change (a later visit), the API's refusal
    // locks it too.
    assert.equal(await page.getByLabel('Retention').isDisabled(), true);
    await openTab('flow-standard', 'Backup and restore');
    await page.getByLabel('Retention').selectOption('90');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: /code 9/ }).waitFor();
    assert.equal(await page.getByLabel('Retention').isDisabled(), true);
    await page.getByRole('row', { name: /UTC/ }).first().waitFor();
    await page.getByRole('button', { name: 'Restore the newest backup' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('tr.restore[data-status="SUCCESS"]').waitFor({ timeout: 20000 });
    await shot('backups');
  });

  it('enables, rotates and revokes CMEK on the Advanced cluster', async () => {
    await openTab('flow-basic', 'Security');
    await page.getByText('CMEK is available on Advanced clusters only.').waitFor();
    await openTab('flow-advanced', 'Security');
    await page.locator('.cmek-status').getByText('DISABLED').waitFor();
    await page.getByRole('button', { name: 'Enable CMEK' }).click();
    await page.getByRole('alert').filter({ hasText: 'Key URI for us-central1: Enter the key URI.' }).waitFor();
    const uri = page.getByLabel('Key URI for us-central1');
    await uri.fill('projects/p/locations/us-central1/keyRings/r/cryptoKeys/k1');
    await uri.blur();
    await page.getByRole('button', { name: 'Enable CMEK' }).click();
    await page.locator('.cmek-status').getByText('ENABLED').waitFor({ timeout: 15000 });
    await shot('security');
    await page.getByLabel('Key URI for us-central1').fill('projects/p/locations/us-central1/keyRings/r/cryptoKeys/k2');
    await page.getByLabel('Key URI for us-central1').blur();
    await page.getByRole('button', { name: 'Rotate keys' }).click();
    await page.getByRole('cell', { name: /cryptoKeys\/k2/ }).waitFor({ timeout: 15000 });
    await page.locator('.cmek-status').getByText('ENABLED').waitFor({ timeout: 15000 });
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('.cmek-status').getByText('REVOKED').waitFor({ timeout: 15000 });
    assert.equal(await page.getByRole('button', { name: 'Rotate keys' }).isDisabled(), true);
  });

  it('sets the maintenance window, a blackout window and the patch deferral', async () => {
    await openTab('flow-advanced', 'Maintenance');
    await page.getByText('No maintenance window').waitFor();
    await page.getByLabel('Day (UTC)').selectOption({ label: 'Saturday' });
    await page.getByLabel('Starts at (UTC)').selectOption({ label: '02:00' });
    await page.getByLabel('Length (hours)').fill('4');
    await page.getByRole('button', { name: 'Save window' }).click();
    await page.getByRole('alert').filter({ hasText: 'at least 6 hours' }).waitFor();
    await page.getByLabel('Length (hours)').fill('8');
    await page.getByRole('button', { name: 'Save window' }).click();
    await page.getByText('Now: Saturday 02:00–10:00 UTC (8 hours)').waitFor();
    await page.getByRole('button', { name: 'Add blackout window' }).click();
    const blackout = page.locator('ul.blackouts li').first();
    await blackout.waitFor();
    // Move it: a day longer.
    const before = await blackout.locator('.blackout-span').innerText();
    await blackout.getByRole('button', { name: /^Change the blackout/ }).click();
    const end = blackout.getByLabel('New end (UTC)');
    const endAt = new Date(`${await end.inputValue()}:00Z`);
    endAt.setUTCDate(endAt.getUTCDate() + 1);
    await end.fill(endAt.toISOString().slice(0, 16));
    await blackout.getByRole('button', { name: 'Save' }).click();
    await page.locator('.blackout-span').filter({ hasText: endAt.toISOString().slice(0, 10) }).waitFor();
    assert.notEqual(await page.locator('.blackout-span').first().innerText(), before);
    await page.getByLabel('Policy').selectOption('DEFERRAL_30_DAYS');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText(/Next patch not before/).waitFor();
    await shot('maintenance');
  });

  it('upgrades an older Advanced cluster, rolls back, upgrades again and finalizes', async () => {
    // The wizard makes clusters on the newest version; this one starts older.
    const res = await fetch(`${base}/api/v1/clusters`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'flow-older', provider: 'GCP', plan: 'ADVANCED',
        spec: { dedicated: { region_nodes: { 'us-central1': 3 }, cockroach_version: 'v25.1',
          hardware: { machine_spec: { num_virtual_cpus: 4 }, storage_gib: 15 } } },
      }),
    });
    assert.equal(res.status, 200, await res.text());
    await openTab('flow-older', 'Maintenance');
    const status = page.locator('.upgrade-status');
    await status.getByText('UPGRADE_AVAILABLE').waitFor();
    const upgrade = page.getByRole('button', { name: /^Upgrade to v25\.2/ });
    await upgrade.click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await status.getByText('PENDING_FINALIZATION').waitFor({ timeout: 20000 });
    await shot('upgrade-pending');
    await page.getByRole('button', { name: 'Roll back' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await status.getByText('UPGRADE_AVAILABLE').waitFor({ timeout: 20000 });
    await page.getByText(/^v25\.1/).waitFor();
    await upgrade.click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await status.getByText('PENDING_FINALIZATION').waitFor({ timeout: 20000 });
    await page.getByRole('button', { name: 'Finalize upgrade' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await status.getByText('FINALIZED').waitFor({ timeout: 20000 });
    await page.getByText(/^v25\.2/).waitFor();
  });

  it('restores one database of the Advanced cluster under a new name', async () => {
    await openTab('flow-advanced', 'Backup and restore');
    await page.getByLabel('What').selectOption('TABLE');
    await page.getByLabel('Database', { exact: true }).fill('defaultdb');
    await page.getByText('Enter the table to restore.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Start restore' }).isDisabled(), true);
    await page.getByLabel('What').selectOption('DATABASE');
    await page.getByLabel('New name (optional)').fill('defaultdb_copy');
    await page.getByRole('button', { name: 'Start restore' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    const done = page.locator('tr.restore[data-status="SUCCESS"]');
    await done.filter({ hasText: 'DATABASE' }).waitFor({ timeout: 20000 });
  });

  it('moves a cluster into a folder', async () => {
    const res = await fetch(`${base}/api/v1/folders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Flow team' }),
    });
    assert.equal(res.status, 200, await res.text());
    await openTab('flow-standard');
    await page.locator('.folder-now').getByText('Organization (top level)').waitFor();
    await page.getByLabel('Move to').selectOption({ label: 'Flow team' });
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await page.locator('.folder-now').getByText('Flow team').waitFor();
    await shot('overview');
  });

  it('shows every cluster tab at phone width without sideways scrolling', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, colorScheme: 'dark' });
    await phone.addInitScript(([u, k]) => sessionStorage.setItem('crdb-console.session', `${u}\n${k}`), [base, KEY]);
    const p = await phone.newPage();
    p.setDefaultTimeout(10000);
    await p.goto(`${base}/clusters`);
    await p.getByRole('link', { name: 'flow-advanced', exact: true }).click();
    for (const tab of ['Overview', 'Capacity', 'SQL users', 'Databases', 'Backup and restore', 'Security', 'Maintenance', 'Delete']) {
      await p.getByRole('navigation', { name: 'Cluster' }).getByRole('link', { name: tab, exact: true }).click();
      await p.locator('.card').first().waitFor();
      await p.waitForTimeout(150);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${tab}: page is ${overflow}px wider than the phone`);
    }
    await p.screenshot({ path: resolve(SHOTS, 'flow-phone-maintenance.png'), fullPage: true });
    await phone.close();
  });

  it('refuses to delete a protected cluster, then unprotects and deletes it', async () => {
    await openTab('flow-basic', 'Delete');
    const toggle = page.getByRole('switch');
    await toggle.click();
    await page.getByText('Delete protection is on', { exact: true }).waitFor();
    // The API refuses too (not just the disabled button).
    const id = page.url().split('/').at(-2);
    const refused = await page.evaluate(async ([id, key]) => {
      const r = await fetch(`/api/v1/clusters/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } });
      return { status: r.status, body: await r.json() };
    }, [id, KEY]);
    assert.equal(refused.status, 400);
    assert.match(refused.body.message, /delete protection/);
    await shot('delete');
    await toggle.click();
    await page.getByText('Delete protection is off', { exact: true }).waitFor();
    await page.getByLabel(/to confirm/).fill('flow-basic');
    await page.getByRole('button', { name: 'Delete cluster' }).click();
    await page.waitForURL(/\/clusters$/);
    await page.locator('tr[data-cluster="flow-standard"]').waitFor();
    assert.equal(await page.locator('tr[data-cluster="flow-basic"]').count(), 0);
  });

  it('finds what this flow did in the audit log', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Audit log', exact: true }).click();
    const rows = page.locator('table.audit tbody tr');
    await rows.first().waitFor();
    const more = page.getByRole('button', { name: 'Load more' });
    for (let i = 0; i < 20 && !(await page.getByText('That is the whole log.').isVisible()); i++) {
      if (await more.isVisible()) await more.click();
      await page.waitForTimeout(200);
    }
    await page.getByText('That is the whole log.').waitFor();
    const actions = new Set(await rows.evaluateAll((rs) => rs.map((r) => r.dataset.action)));
    for (const a of ['CREATE_CLUSTER', 'UPDATE_CLUSTER', 'CREATE_SQL_USER', 'CHANGE_SQL_USER_PASSWORD',
      'RESTORE_CLUSTER', 'UPDATE_CMEK', 'REVOKE_CMEK', 'SET_CLUSTER_MAINTENANCE_WINDOW',
      'CREATE_CLUSTER_BLACKOUT_WINDOW', 'UPDATE_CLUSTER_VERSION_UPGRADE_DEFERRAL', 'UPDATE_CLUSTER_MAJOR_VERSION',
      'ROLLBACK_CLUSTER_MAJOR_VERSION_UPDATE', 'FINALIZE_CLUSTER_MAJOR_VERSION_UPDATE', 'SET_DELETE_PROTECTION',
      'DELETE_CLUSTER']) {
      assert.ok(actions.has(`AUDIT_LOG_ACTION_${a}`), `${a} in ${[...actions].join(' ')}`);
    }
    await shot('audit-log');
  });

  it('waits out a 429 by itself, with a short notice', async () => {
    const admin = (method, body) => fetch(`${base}/local/v1/faults`, {
      method,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const put = await admin('PUT', { rules: [{ operations: ['ListClusters'], status: 429, rate: 1 }] });
    assert.equal(put.status, 200, await put.text());
    // From another page, so the clusters page reads the list afresh.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clusters' }).click();
    const notice = page.locator('.retry-notice');
    await notice.getByText(/429 Too Many Requests\)\. Retrying in \d s/).waitFor();
    await shot('rate-limited');
    assert.equal((await admin('DELETE')).status, 200);
    await page.locator('tr[data-cluster="flow-standard"]').waitFor();
    await notice.waitFor({ state: 'detached' });
  });

  it('saw no CSP violation and no page error', async () => {
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(problems, []);
  });
});
