// `npm pack` of web/sdk gives a tarball that installs into an empty folder,
// imports as 'crdb-cloud' (and 'crdb-cloud/wasm'), and calls the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, startServer } from './server.mjs';

let server;
let dir;
before(async () => { server = await startServer(); dir = mkdtempSync(join(tmpdir(), 'crdb-cloud-pack-')); });
after(async () => { await server?.stop(); rmSync(dir, { recursive: true, force: true }); });

test('npm pack → npm install in an empty folder → import and call', () => {
  const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], resolve(ROOT, 'web/sdk')));
  const files = packed[0].files.map((f) => f.path).sort();
  for (const f of ['package.json', 'README.md', 'src/index.js', 'src/index.d.ts', 'pkg/crdb_cloud_js.js', 'pkg/crdb_cloud_js_bg.wasm', 'pkg/api.js', 'pkg/api.d.ts', 'pkg/models.d.ts']) {
    assert.ok(files.includes(f), `${f} not in the tarball: ${files}`);
  }
  assert.ok(!files.some((f) => f.startsWith('scripts/') || f.startsWith('examples/')), `${files}`);
  const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')));
  const app = join(dir, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), '{"name":"app","private":true,"type":"module"}');
  npm(['install', '--offline', '--no-package-lock', tarball], app);
  writeFileSync(join(app, 'main.js'), `
    import { CloudClient, CloudApiError } from 'crdb-cloud';
    import { fileURLToPath } from 'node:url';
    import { existsSync } from 'node:fs';
    const wasm = fileURLToPath(import.meta.resolve('crdb-cloud/wasm'));
    const client = new CloudClient({ apiKey: process.argv[3], baseUrl: process.argv[2] });
    const org = await client.getOrganizationInfo();
    console.log(JSON.stringify({ org: org.id, wasm: existsSync(wasm), cls: typeof CloudApiError }));
  `);
  const out = execFileSync(process.execPath, ['main.js', server.url, server.apiKey], { cwd: app, encoding: 'utf8' });
  const r = JSON.parse(out.trim());
  assert.equal(typeof r.org, 'string');
  assert.equal(r.wasm, true);
  assert.equal(r.cls, 'function');
});
