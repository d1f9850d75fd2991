// What `npm pack` and `npm publish` of web/sdk would ship: exactly what
// package.json's `files` names (plus package.json), and `npm publish
// --dry-run` passes. Installing and using the tarball in every bundler and
// runtime is tools.test.mjs's part.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT } from './server.mjs';

const SDK = resolve(ROOT, 'web/sdk');
let dir;
before(() => { dir = mkdtempSync(join(tmpdir(), 'crdb-cloud-pack-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });

/** The files `files` names (folders walked), plus package.json, which npm always packs. */
function named() {
  const walk = (rel) => statSync(join(SDK, rel)).isDirectory()
    ? readdirSync(join(SDK, rel)).flatMap((e) => walk(join(rel, e)))
    : [rel];
  const { files } = JSON.parse(readFileSync(join(SDK, 'package.json'), 'utf8'));
  return ['package.json', ...files.flatMap((f) => walk(f.replace(/\/$/, '')))].sort();
}

test('the tarball holds exactly what `files` names', () => {
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], SDK));
  assert.deepEqual(packed[0].files.map((f) => f.path).sort(), named());
});

test('npm publish --dry-run passes and would publish exactly those files', () => {
  const out = JSON.parse(npm(['publish', '--dry-run', '--json'], SDK));
  // npm 11 keys the answer by package name; older ones answer the package itself.
  const pkg = out.files ? out : out['crdb-cloud'];
  assert.equal(pkg.name, 'crdb-cloud');
  assert.equal(pkg.version, JSON.parse(readFileSync(join(SDK, 'package.json'), 'utf8')).version);
  assert.deepEqual(pkg.files.map((f) => f.path).sort(), named());
});
