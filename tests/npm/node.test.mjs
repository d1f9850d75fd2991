// The npm package in Node against the real local server: every method
// family once, errors, a 429 retry, the paging iterator, and waiters with a
// timeout and with an AbortSignal.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, importPackage } from './server.mjs';

const { CloudClient, CloudApiError, OPERATIONS, init } = await importPackage();

const day = 24 * 3600 * 1000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

async function rejects(promise, check) {
  let err;
  try { await promise; } catch (e) { err = e; }
  assert.ok(err, 'expected a rejection');
  assert.ok(err instanceof CloudApiError, `not a CloudApiError: ${err?.stack ?? err}`);
  assert.ok(err instanceof Error);
  check(err);
  return err;
}

describe('against crdb-cloud-server', () => {
  let server;
  let client;
  let basic; // a Basic cluster
  let advanced; // an Advanced cluster

  before(async () => {
    server = await startServer();
    await init();
    client = new CloudClient({ apiKey: server.apiKey, baseUrl: server.url, rateLimit: 8 });
  });
  after(async () => { await server?.stop(); });

  test('the package exports a method per operation of its table', () => {
    assert.ok(OPERATIONS.length >= 39, `${OPERATIONS.length} operations`);
    for (const op of OPERATIONS) {
      assert.equal(typeof client[op.name], 'function', op.name);
      if (op.items) assert.equal(typeof client[`${op.name}All`], 'function', `${op.name}All`);
    }
    for (const name of ['listClusters', 'createCluster', 'getCmekClusterInfo', 'editDatabase2']) {
      assert.equal(typeof client[name], 'function', name);
    }
  });

  test('organization', async () => {
    const org = await client.getOrganizationInfo();
    assert.equal(typeof org.id, 'string');
    assert.ok(org.id.length > 0);
  });

  test('clusters: create, wait, read, list, update, connection string, nodes, versions, regions', async () => {
    const created = await client.createCluster({
      name: 'npm-basic', provider: 'GCP',
      spec: { plan: 'BASIC', serverless: { regions: ['us-central1'] } },
    });
    assert.equal(created.name, 'npm-basic');
    basic = await client.waitForCluster(created.id, { intervalMs: 50, timeoutMs: 20000 });
    assert.equal(basic.state, 'CREATED');
    const got = await client.getCluster(created.id);
    assert.equal(got.id, created.id);
    assert.equal(typeof got.labels, 'object');
    const page = await client.listClusters({ pagination: { limit: 50 } });
    assert.ok(page.clusters.some((c) => c.id === created.id));
    const updated = await client.updateCluster(created.id, { labels: { team: 'npm' } });
    assert.equal(updated.id, created.id);
    const conn = await client.getConnectionString(created.id, { database: 'defaultdb' });
    assert.equal(typeof conn.connection_string, 'string');
    const versions = await client.listMajorClusterVersions();
    assert.ok(versions.versions.length > 0);
    const regions = await client.listAvailableRegions({ provider: 'GCP', serverless: true });
    assert.ok(regions.regions.length > 0);

    const adv = await client.createCluster({
      name: 'npm-advanced', provider: 'AWS',
      spec: { plan: 'ADVANCED', dedicated: { region_nodes: { 'us-east-1': 3 }, hardware: { machine_spec: { num_virtual_cpus: 4 }, storage_gib: 15 } } },
    });
    advanced = await client.waitForCluster(adv.id, { intervalMs: 50, timeoutMs: 20000 });
    assert.equal(advanced.state, 'CREATED');
    const nodes = await client.listClusterNodes(adv.id, { region_name: 'us-east-1' });
    assert.ok(Array.isArray(nodes.nodes ?? []));
  });

  test('sql users, with the paging iterator over several pages', async () => {
    const names = ['npm_a', 'npm_b', 'npm_c', 'npm_d', 'npm_e'];
    for (const name of names) {
      const u = await client.createSqlUser(basic.id, { name, password: 'correct-horse-battery-staple' });
      assert.equal(u.name, name);
    }
    await client.updateSqlUserPassword(basic.id, 'npm_a', { password: 'another-long-password-1' });
    let pages = 0;
    const paged = new CloudClient({ apiKey: server.apiKey, baseUrl: server.url });
    const pageCall = paged.listSqlUsers.bind(paged);
    paged.listSqlUsers = (...args) => { pages++; return pageCall(...args); };
    const seen = [];
    for await (const u of paged.listSqlUsersAll(basic.id, { pagination: { limit: 2 } })) seen.push(u.name);
    for (const name of names) assert.ok(seen.includes(name), `${name} not listed: ${seen}`);
    assert.equal(new Set(seen).size, seen.length, 'an item came twice');
    assert.ok(pages >= 3, `only ${pages} page calls for ${seen.length} users at 2 a page`);
    const deleted = await client.deleteSqlUser(basic.id, 'npm_e');
    assert.equal(deleted.name, 'npm_e');
  });

  test('databases', async () => {
    const db = await client.createDatabase(basic.id, { name: 'npm_db' });
    assert.equal(db.name, 'npm_db');
    const list = await client.listDatabases(basic.id);
    assert.ok(list.databases.some((d) => d.name === 'npm_db'));
    const renamed = await client.editDatabase(basic.id, 'npm_db', { name: 'npm_db', new_name: 'npm_db2' });
    assert.equal(renamed.name, 'npm_db2');
    const again = await client.editDatabase2(basic.id, { name: 'npm_db2', new_name: 'npm_db3' });
    assert.equal(again.name, 'npm_db3');
    const gone = await client.deleteDatabase(basic.id, 'npm_db3');
    assert.equal(gone.name, 'npm_db3');
    const all = [];
    for await (const d of client.listDatabasesAll(basic.id)) all.push(d.name);
    assert.ok(!all.includes('npm_db3'));
  });

  test('backups and restores, with waitForRestore', async () => {
    const cfg = await client.getBackupConfiguration(advanced.id);
    assert.equal(typeof cfg.enabled, 'boolean');
    const changed = await client.updateBackupConfiguration(advanced.id, { enabled: true, frequency_minutes: 60 });
    assert.equal(changed.frequency_minutes, 60);
    const backups = await client.listBackups(advanced.id, { start_time: iso(Date.now() - 30 * day) });
    assert.ok(Array.isArray(backups.backups));
    const restore = await client.createRestore(advanced.id, backups.backups.length
      ? { type: 'CLUSTER', backup_id: backups.backups[0].id }
      : { type: 'CLUSTER', source_cluster_id: advanced.id });
    assert.equal(typeof restore.id, 'string');
    const done = await client.waitForRestore(advanced.id, restore.id, { intervalMs: 50, timeoutMs: 20000 });
    assert.equal(done.status, 'SUCCESS');
    assert.equal((await client.getRestore(advanced.id, restore.id)).id, restore.id);
    const restores = await client.listRestores(advanced.id);
    assert.ok(restores.restores.some((r) => r.id === restore.id));
  });

  test('cmek, with waitForCmek', async () => {
    const key = (region) => ({ region, key_spec: { type: 'AWS_KMS', uri: `arn:aws:kms:${region}:123456789012:key/npm`, auth_principal: 'arn:aws:iam::123456789012:role/npm' } });
    const enabled = await client.enableCmekSpec(advanced.id, { region_specs: [key('us-east-1')] });
    assert.equal(typeof enabled.status, 'string');
    const settled = await client.waitForCmek(advanced.id, { intervalMs: 50, timeoutMs: 20000 });
    assert.equal(settled.status, 'ENABLED');
    const info = await client.getCmekClusterInfo(advanced.id);
    assert.equal(info.status, 'ENABLED');
    await client.updateCmekSpec(advanced.id, { region_specs: [key('us-east-1')] });
    await client.waitForCmek(advanced.id, { intervalMs: 50, timeoutMs: 20000 });
  });

  test('maintenance windows, version deferral, blackout windows', async () => {
    const mw = await client.setMaintenanceWindow(advanced.id, { offset_duration: '7200s', window_duration: '21600s' });
    assert.equal(mw.window_duration, '21600s');
    assert.equal((await client.getMaintenanceWindow(advanced.id)).offset_duration, '7200s');

    const vd = await client.setClusterVersionDeferral(advanced.id, { deferral_policy: 'DEFERRAL_60_DAYS' });
    assert.equal(vd.deferral_policy, 'DEFERRAL_60_DAYS');
    assert.equal((await client.getClusterVersionDeferral(advanced.id)).deferral_policy, 'DEFERRAL_60_DAYS');

    const start = Date.now() + 8 * day; // the API wants 7 days of notice
    const bw = await client.createBlackoutWindow(advanced.id, { start_time: iso(start), end_time: iso(start + day) });
    assert.equal(typeof bw.id, 'string');
    assert.equal((await client.getBlackoutWindow(advanced.id, bw.id)).id, bw.id);
    const longer = await client.updateBlackoutWindow(advanced.id, bw.id, { end_time: iso(start + 2 * day) });
    assert.equal(Date.parse(longer.end_time), start + 2 * day - ((start + 2 * day) % 1000));
    const list = await client.listBlackoutWindows(advanced.id);
    assert.ok(list.blackout_windows.some((w) => w.id === bw.id));
    await client.deleteBlackoutWindow(advanced.id, bw.id);
    await client.deleteMaintenanceWindow(advanced.id);
  });

  test('errors are CloudApiError with status and code', async () => {
    await rejects(client.getCluster('00000000-0000-4000-8000-000000000000'), (e) => {
      assert.equal(e.status, 404);
      assert.equal(e.code, 5);
      assert.equal(e.kind, 'api');
      assert.equal(e.name, 'CloudApiError');
      assert.ok(Array.isArray(e.details));
      assert.ok(e.message.length > 0);
    });
    const stranger = new CloudClient({ apiKey: 'CCDB1_not_a_key', baseUrl: server.url });
    await rejects(stranger.getOrganizationInfo(), (e) => {
      assert.equal(e.status, 401);
      assert.equal(e.code, 16);
    });
    await rejects(client.createSqlUser(basic.id, { name: 5 }), (e) => {
      assert.equal(e.kind, 'invalid_request');
      assert.equal(e.status, 0);
    });
    await rejects(client.listClusters({ showInactive: true }), (e) => assert.equal(e.kind, 'invalid_request'));
    assert.throws(() => new CloudClient({ apiKey: '' }), CloudApiError);
    assert.throws(() => new CloudClient({ apiKey: 'k', baseUrl: 'ftp://x' }), (e) => e instanceof CloudApiError && e.kind === 'invalid_request');
    await assert.rejects(client.getCluster(), TypeError);
  });

  test('deleting the clusters', async () => {
    const gone = await client.deleteCluster(basic.id);
    assert.equal(gone.id, basic.id);
    await client.deleteCluster(advanced.id);
  });
});

describe('rate limit (10 requests a second per key)', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  test('a burst without retries meets 429; with retries every call succeeds', async () => {
    const noRetry = new CloudClient({ apiKey: server.apiKey, baseUrl: server.url, retries: 0 });
    const burst = await Promise.allSettled(Array.from({ length: 30 }, () => noRetry.getOrganizationInfo()));
    const limited = burst.filter((r) => r.status === 'rejected').map((r) => r.reason);
    assert.ok(limited.length > 0, 'no 429 in a burst of 30');
    for (const e of limited) {
      assert.ok(e instanceof CloudApiError);
      assert.equal(e.status, 429);
      assert.equal(e.kind, 'rate_limited');
      assert.equal(e.code, 8);
      assert.ok(e.retryAfter > 0, `retryAfter ${e.retryAfter}`);
    }
    await new Promise((r) => setTimeout(r, 1500));
    const retrying = new CloudClient({ apiKey: server.apiKey, baseUrl: server.url, retries: 5 });
    const all = await Promise.all(Array.from({ length: 25 }, () => retrying.getOrganizationInfo()));
    assert.equal(all.length, 25);
    for (const org of all) assert.equal(typeof org.id, 'string');
  });
});

describe('waiters: timeout and abort', () => {
  // With instant transitions the server never leaves a cluster CREATING, so
  // a tiny stub plays a cluster that never finishes.
  let stub;
  let url;
  let polls = 0;
  before(async () => {
    stub = http.createServer((req, res) => {
      polls++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'slow', name: 'slow', state: 'CREATING' }));
    });
    await new Promise((r) => stub.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${stub.address().port}`;
  });
  after(() => new Promise((r) => stub.close(r)));

  test('waitForCluster gives up after timeoutMs with the last state', async () => {
    const c = new CloudClient({ apiKey: 'k', baseUrl: url });
    const t0 = Date.now();
    const err = await rejects(c.waitForCluster('slow', { intervalMs: 20, timeoutMs: 300 }), (e) => {
      assert.equal(e.kind, 'wait_timeout');
      assert.match(e.message, /CREATING/);
    });
    const took = Date.now() - t0;
    assert.ok(took >= 250 && took < 3000, `took ${took} ms`);
    assert.ok(polls >= 3, `${polls} polls`);
    return err;
  });

  test('waitForCluster stops when its AbortSignal aborts', async () => {
    const c = new CloudClient({ apiKey: 'k', baseUrl: url });
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(new Error('user gave up')), 150);
    await rejects(c.waitForCluster('slow', { intervalMs: 10000, timeoutMs: 60000, signal: ac.signal }), (e) => {
      assert.equal(e.kind, 'cancelled');
      assert.equal(e.cause?.message, 'user gave up');
    });
    const took = Date.now() - t0;
    assert.ok(took < 2000, `abort took ${took} ms`);
    await rejects(c.waitForCluster('slow', { signal: AbortSignal.abort() }), (e) => assert.equal(e.kind, 'cancelled'));
  });
});

describe('per-call AbortSignal, against a server that answers 503', () => {
  let stub;
  let url;
  let hits = 0;
  before(async () => {
    stub = http.createServer((req, res) => {
      hits++;
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 14, message: 'unavailable', details: [] }));
    });
    await new Promise((r) => stub.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${stub.address().port}`;
  });
  after(() => new Promise((r) => stub.close(r)));

  test('an abort during the retry backoff rejects at once, and no retry follows', async () => {
    const c = new CloudClient({ apiKey: 'k', baseUrl: url, retries: { maxRetries: 5, baseDelayMs: 400, maxDelayMs: 400 } });
    const ac = new AbortController();
    hits = 0;
    const t0 = Date.now();
    // Full jitter: the first backoff is uniform in [0, 400] ms, so a retry may
    // come before the abort; none may come after it.
    let atAbort = 0;
    setTimeout(() => { atAbort = hits; ac.abort(new Error('enough')); }, 150);
    await rejects(c.getCluster('c1', { signal: ac.signal }), (e) => {
      assert.equal(e.kind, 'cancelled');
      assert.equal(e.cause?.message, 'enough');
    });
    const took = Date.now() - t0;
    assert.ok(took < 400, `abort took ${took} ms`);
    await new Promise((r) => setTimeout(r, 1500)); // the backoffs that would have retried
    assert.ok(atAbort >= 1, `no request before the abort (${atAbort})`);
    assert.equal(hits, atAbort, 'requests after the abort');
    // Without an abort the client does retry: 1 + 2 attempts.
    const quick = new CloudClient({ apiKey: 'k', baseUrl: url, retries: { maxRetries: 2, baseDelayMs: 20, maxDelayMs: 20 } });
    hits = 0;
    await rejects(quick.getCluster('c1', { signal: new AbortController().signal }), (e) => assert.equal(e.status, 503));
    assert.equal(hits, 3);
  });

  test('the call options argument is checked', async () => {
    const c = new CloudClient({ apiKey: 'k', baseUrl: url });
    await assert.rejects(c.getCluster('c1', { signal: 'no' }), /signal must be an AbortSignal/);
    await assert.rejects(c.getCluster('c1', { timeout: 5 }), /unknown call option "timeout"/);
    await assert.rejects(c.listClusters(undefined, 5), /the last argument is \{ signal\? \}/);
  });
});

// Audit logs, billing, roles, service accounts, API keys, folders.
describe('organization resources against crdb-cloud-server', () => {
  let server;
  let client;
  before(async () => {
    server = await startServer();
    client = new CloudClient({ apiKey: server.apiKey, baseUrl: server.url, rateLimit: 8 });
  });
  after(async () => { await server?.stop(); });

  const orgAdmin = { name: 'ORG_MEMBER', resource: { type: 'ORGANIZATION' } };

  test('service accounts, API keys and roles', async (t) => {
    const sa = await client.createServiceAccount({ name: 'npm-sa', description: 'from the npm tests', roles: [orgAdmin] });
    assert.equal(sa.name, 'npm-sa');
    assert.equal((await client.getServiceAccount(sa.id)).id, sa.id);
    const renamed = await client.updateServiceAccount(sa.id, { description: 'changed' });
    assert.equal(renamed.description, 'changed');
    const accounts = [];
    for await (const a of client.listServiceAccountsAll({ pagination: { limit: 1 } })) accounts.push(a.id);
    assert.ok(accounts.includes(sa.id));

    const made = await client.createApiKey({ name: 'npm-key', service_account_id: sa.id });
    assert.equal(typeof made.secret, 'string');
    assert.equal(made.api_key.service_account_id, sa.id);
    assert.equal((await client.getApiKey(made.api_key.id)).name, 'npm-key');
    assert.equal((await client.updateApiKey(made.api_key.id, { name: 'npm-key-2' })).name, 'npm-key-2');
    const keys = await client.listApiKeys({ service_account_id: sa.id });
    assert.ok(keys.api_keys.some((k) => k.id === made.api_key.id));
    const asSa = new CloudClient({ apiKey: made.secret, baseUrl: server.url });
    assert.equal(typeof (await asSa.getOrganizationInfo()).id, 'string');

    const roles = await client.getAllRolesForUser(sa.id);
    assert.ok(Array.isArray(roles.roles ?? []));
    const set = await client.setRolesForUser(sa.id, { roles: [orgAdmin, { name: 'BILLING_VIEWER', resource: { type: 'ORGANIZATION' } }] });
    assert.ok((set.roles ?? []).some((r) => r.name === 'BILLING_VIEWER'));
    const grants = await client.listRoleGrants();
    assert.ok(Array.isArray(grants.grants ?? []));
    await rejects(client.getPersonUsersByEmail({ email: 'nobody@example.invalid' }), (e) => assert.ok(e.status >= 400, `${e.status}`));

    await client.deleteApiKey(made.api_key.id);
    await rejects(client.getApiKey(made.api_key.id), (e) => assert.equal(e.status, 404));
    await client.deleteServiceAccount(sa.id);
  });

  test('folders', async (t) => {
    const f = await client.createFolder({ name: 'npm-folder', labels: { team: 'npm' } });
    assert.equal(f.name, 'npm-folder');
    assert.equal((await client.getFolder(f.resource_id)).resource_id, f.resource_id);
    assert.equal((await client.updateFolder(f.resource_id, { name: 'npm-folder-2' })).name, 'npm-folder-2');
    const folders = await client.listFolders();
    assert.ok(folders.folders.some((x) => x.resource_id === f.resource_id));
    const contents = [];
    for await (const r of client.listFolderContentsAll(f.resource_id)) contents.push(r);
    assert.deepEqual(contents, []);
    await client.deleteFolder(f.resource_id);
    await rejects(client.getFolder(f.resource_id), (e) => assert.equal(e.status, 404));
  });

  test('audit logs (time cursor) and invoices', async (t) => {
    const first = await client.listAuditLogs({ limit: 2 });
    assert.ok(Array.isArray(first.entries ?? []));
    let n = 0;
    for await (const entry of client.listAuditLogsAll({ limit: 2 })) {
      assert.equal(typeof entry, 'object');
      if (++n >= 20) break;
    }
    const invoices = await client.listInvoices();
    assert.ok(Array.isArray(invoices.invoices));
    if (invoices.invoices.length) {
      const id = invoices.invoices[0].invoice_id;
      assert.equal((await client.getInvoice(id)).invoice_id, id);
    }
  });
});
