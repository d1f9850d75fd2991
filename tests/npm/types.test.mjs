// Types: tsc --noEmit over a usage file importing 'crdb-cloud' (the built
// package, linked into a scratch node_modules), and the generated model
// declarations against the upstream spec's schema properties (read at test
// time, never copied): every @spec interface must have the spec's fields,
// every enum union the spec's values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT } from './server.mjs';

const SDK = resolve(ROOT, 'web/sdk');
const TSC = resolve(ROOT, 'node_modules/typescript/bin/tsc');
const SPEC = process.env.CLOUD_API_SPEC ?? resolve(ROOT, '../shared/cloud-api/openapi.json');

test('tsc --noEmit accepts the typed usage file (and its @ts-expect-error lines)', () => {
  assert.ok(existsSync(join(SDK, 'pkg/models.d.ts')), 'build the package first (npm run build in web/sdk)');
  const dir = mkdtempSync(join(tmpdir(), 'crdb-cloud-types-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(SDK, join(dir, 'node_modules/crdb-cloud'), 'dir');
    cpSync(resolve(ROOT, 'tests/npm/types'), dir, { recursive: true });
    // usage_b.ts touches the family B operations, once the SDK (and so the package) has them.
    const api = readFileSync(join(SDK, 'pkg/api.js'), 'utf8');
    if (api.includes('"listAuditLogs"')) {
      const cfg = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
      cfg.files.push('usage_b.ts');
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(cfg));
    }
    let out = '';
    try {
      out = execFileSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    } catch (e) {
      assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
    }
    assert.equal(out.trim(), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** interface name -> { spec, fields } from the generated declarations. */
function declaredInterfaces() {
  const text = readFileSync(join(SDK, 'pkg/models.d.ts'), 'utf8');
  const out = new Map();
  const re = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\nexport interface (\w+) \{\n([\s\S]*?)\n\}/g;
  for (const m of text.matchAll(re)) {
    const spec = m[1].match(/@spec (\S+)/)?.[1];
    const body = m[3].replace(/\/\*\*[\s\S]*?\*\//g, '');
    const fields = [...body.matchAll(/^ {2}("?[\w@.]+"?)\??:/gm)].map((f) => f[1].replace(/"/g, ''));
    out.set(m[2], { spec, fields });
  }
  return out;
}

test('every generated model interface has every field of its spec schema', (t) => {
  assert.ok(existsSync(SPEC), `spec not found at ${SPEC} (set CLOUD_API_SPEC)`);
  const schemas = JSON.parse(readFileSync(SPEC, 'utf8')).components.schemas;
  const decls = declaredInterfaces();
  assert.ok(decls.size > 40, `only ${decls.size} interfaces parsed`);
  const problems = [];
  let compared = 0;
  for (const [name, { spec, fields }] of decls) {
    if (!spec || !schemas[spec]?.properties) continue;
    compared++;
    const want = Object.keys(schemas[spec].properties);
    const missing = want.filter((f) => !fields.includes(f));
    const extra = fields.filter((f) => !want.includes(f));
    if (missing.length) problems.push(`${name} (${spec}) lacks ${missing.join(', ')}`);
    if (extra.length) t.diagnostic(`${name} (${spec}) has fields the spec lacks (SDK additions): ${extra.join(', ')}`);
  }
  assert.ok(compared > 30, `only ${compared} interfaces matched a spec schema`);
  assert.deepEqual(problems, []);
});

test('every enum union has exactly the spec values', () => {
  const schemas = JSON.parse(readFileSync(SPEC, 'utf8')).components.schemas;
  const text = readFileSync(join(SDK, 'pkg/models.d.ts'), 'utf8');
  const problems = [];
  let compared = 0;
  for (const m of text.matchAll(/@spec (\S+)\n \*\/\nexport type (\w+) =([\s\S]*?);\n/g)) {
    const values = [...m[3].matchAll(/\| "([^"]*)"/g)].map((v) => v[1]);
    const want = schemas[m[1]]?.enum;
    if (!want) continue;
    compared++;
    const missing = want.filter((v) => !values.includes(v));
    if (missing.length) problems.push(`${m[2]} lacks ${missing.join(', ')}`);
  }
  assert.ok(compared > 10, `only ${compared} enums matched`);
  assert.deepEqual(problems, []);
});
