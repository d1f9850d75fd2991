// `npm pack` of web/sdk gives a tarball that holds exactly what package.json's
// `files` names, installs into an empty folder, imports as 'crdb-cloud' (and
// 'crdb-cloud/wasm') and calls the real server; `npm publish --dry-run`
// passes and would publish those same files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, startServer } from './server.mjs';

let server;
let dir;
before(async () => { server = await startServer(); dir = mkdtempSync(join(tmpdir(), 'crdb-cloud-pack-')); });
after(async () => { await server?.stop(); rmSync(dir, { recursive: true, force: true }); });

const SDK = resolve(ROOT, 'web/sdk');
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });

/** The files `files` names (folders walked), plus package.json, which npm always packs. */
function named() {
  const walk = (rel) => statSync(join(SDK, rel)).isDirectory()
    ? readdirSync(join(SDK, rel)).flatMap((e) => walk(join(rel, e)))
    : [rel];
  const { files } = JSON.parse(readFileSync(join(SDK, 'package.json'), 'utf8'));
  return ['package.json', ...files.flatMap((f) => walk(f.replace(/\/$/, '')))].sort();
}

test('npm pack → npm install in an empty folder → import and call', () => {
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], SDK));
  const files = packed[0].files.map((f) => f.path).sort();
  assert.deepEqual(files, named(), 'the tarball holds exactly what `files` names');
  for (const f of ['package.json', 'README.md', 'src/index.js', 'src/index.d.ts', 'pkg/crdb_cloud_js.js', 'pkg/crdb_cloud_js_bg.wasm', 'pkg/api.js', 'pkg/api.d.ts', 'pkg/models.d.ts']) {
    assert.ok(files.includes(f), `${f} not in the tarball: ${files}`);
  }
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

test('npm publish --dry-run passes and would publish exactly those files', () => {
  const out = JSON.parse(npm(['publish', '--dry-run', '--json'], SDK));
  // npm 11 keys the answer by package name; older ones answer the package itself.
  const pkg = out.files ? out : out['crdb-cloud'];
  assert.equal(pkg.name, 'crdb-cloud');
  assert.equal(pkg.version, JSON.parse(readFileSync(join(SDK, 'package.json'), 'utf8')).version);
  assert.deepEqual(pkg.files.map((f) => f.path).sort(), named());
});
