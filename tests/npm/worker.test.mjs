// The example Cloudflare Worker (web/sdk/examples/worker) in workerd through
// miniflare's API (no port), calling the real local server on loopback.
// Miniflare does no npm resolution, so the worker's two bare imports are
// mapped through the package's own `exports` map, as wrangler's bundler would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { ROOT, startServer, importPackage } from './server.mjs';

const SDK = resolve(ROOT, 'web/sdk');
const pkgJson = JSON.parse(readFileSync(join(SDK, 'package.json'), 'utf8'));
const target = (spec) => {
  const sub = spec === 'crdb-cloud' ? '.' : `.${spec.slice('crdb-cloud'.length)}`;
  const e = pkgJson.exports[sub];
  assert.ok(e, `package.json exports has no ${sub}`);
  return typeof e === 'string' ? e : e.default;
};

let server;
let mf;
before(async () => { server = await startServer(); });
after(async () => { await mf?.dispose(); await server?.stop(); });

test('the example worker lists clusters from the local server as JSON', async () => {
  // A cluster to list, made through the package in Node.
  const { CloudClient } = await importPackage();
  const node = new CloudClient({ apiKey: server.apiKey, baseUrl: server.url });
  const made = await node.createCluster({ name: 'from-node', provider: 'GCP', spec: { plan: 'BASIC', serverless: { regions: ['us-central1'] } } });

  const worker = readFileSync(join(SDK, 'examples/worker/worker.js'), 'utf8')
    .replace(/from '(crdb-cloud(?:\/[\w.]+)?)'/g, (_, spec) => `from './crdb-cloud/${target(spec).replace(/^\.\//, '')}'`);
  mf = new Miniflare({
    modulesRoot: SDK,
    modules: workerModules(worker),
    compatibilityDate: '2025-01-01',
    bindings: { COCKROACH_API_KEY: server.apiKey, COCKROACH_API_URL: server.url },
  });
  const res = await mf.dispatchFetch('http://worker.local/');
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.match(res.headers.get('content-type'), /application\/json/);
  const body = JSON.parse(text);
  assert.ok(body.clusters.some((c) => c.id === made.id && c.name === 'from-node'), text);

  // Errors come back as CloudApiError inside workerd too.
  await mf.setOptions({
    modulesRoot: SDK,
    modules: workerModules(worker),
    compatibilityDate: '2025-01-01',
    bindings: { COCKROACH_API_KEY: 'CCDB1_wrong', COCKROACH_API_URL: server.url },
  });
  const denied = await mf.dispatchFetch('http://worker.local/');
  assert.equal(denied.status, 401, await denied.text());
});

/** The worker and the package files it loads, as workerd modules under web/sdk. */
function workerModules(worker) {
  const file = (rel) => join(SDK, 'crdb-cloud', rel);
  return [
    { type: 'ESModule', path: join(SDK, 'worker.js'), contents: worker },
    { type: 'ESModule', path: file('src/index.js'), contents: readFileSync(join(SDK, 'src/index.js')) },
    { type: 'ESModule', path: file('pkg/api.js'), contents: readFileSync(join(SDK, 'pkg/api.js')) },
    { type: 'ESModule', path: file('pkg/crdb_cloud_js.js'), contents: readFileSync(join(SDK, 'pkg/crdb_cloud_js.js')) },
    { type: 'CompiledWasm', path: file('pkg/crdb_cloud_js_bg.wasm'), contents: readFileSync(join(SDK, 'pkg/crdb_cloud_js_bg.wasm')) },
  ];
}
