// Deno (npm `deno`): imports the package by file URL, loads the wasm by
// itself, makes calls against the real local server and reports the error class.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, startServer } from './server.mjs';

const DENO = resolve(ROOT, 'node_modules/.bin/deno');
let server;
let dir;
before(async () => { server = await startServer(); dir = mkdtempSync(join(tmpdir(), 'crdb-cloud-deno-')); });
after(async () => { await server?.stop(); rmSync(dir, { recursive: true, force: true }); });

test('Deno imports the package and calls the server', async () => {
  const script = join(dir, 'main.mjs');
  writeFileSync(script, `
    import { CloudClient, CloudApiError } from ${JSON.stringify(pathToFileURL(resolve(ROOT, 'web/sdk/src/index.js')).href)};
    const [url, key] = Deno.args;
    const client = new CloudClient({ apiKey: key, baseUrl: url });
    const org = await client.getOrganizationInfo();
    const page = await client.listClusters({ pagination: { limit: 10 } });
    let err;
    try { await client.getCluster('00000000-0000-4000-8000-000000000000'); } catch (e) { err = e; }
    console.log(JSON.stringify({ org: org.id, clusters: Array.isArray(page.clusters), error: err instanceof CloudApiError, status: err?.status }));
  `);
  const out = await new Promise((done, fail) => execFile(DENO,
    ['run', '--no-prompt', '--allow-net=127.0.0.1', `--allow-read=${resolve(ROOT, 'web/sdk')},${dir}`, script, server.url, server.apiKey],
    { env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, 'cache'), NO_COLOR: '1' }, timeout: 60000 },
    (e, stdout, stderr) => (e ? fail(new Error(`deno failed: ${e.message}\n${stdout}\n${stderr}`)) : done(stdout))));
  const result = JSON.parse(out.trim().split('\n').pop());
  assert.equal(typeof result.org, 'string');
  assert.ok(result.org.length > 0);
  assert.equal(result.clusters, true);
  assert.equal(result.error, true);
  assert.equal(result.status, 404);
});
