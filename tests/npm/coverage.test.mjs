// Every operation the Rust SDK has a client method for is a method of the
// package (so when new families reach the SDK, forgetting the one-line entry
// in crates/js/src/ops.rs fails here), and nothing else is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, importPackage } from './server.mjs';

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

test('the package has a method for every SDK operation method', async () => {
  const { OPERATIONS, CloudClient } = await importPackage();
  const table = readFileSync(resolve(ROOT, 'crates/sdk/src/operation.rs'), 'utf8');
  const ids = [...table.matchAll(/^\s+[A-Z0-9_]+ = "[^"]+" \w+ "[^"]+" "(\w+)";/gm)].map((m) => m[1]);
  assert.equal(ids.length, 64, 'operation.rs should list 64 operations');
  const dir = resolve(ROOT, 'crates/sdk/src/api');
  const source = readdirSync(dir).filter((f) => f.endsWith('.rs')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const sdkMethods = new Set([...source.matchAll(/pub async fn (\w+)\(/g)].map((m) => m[1]));
  const snake = (id) => id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
  const implemented = ids.filter((id) => sdkMethods.has(snake(id)));
  assert.ok(implemented.length >= 39, `${implemented.length} SDK operations found`);
  const names = new Set(OPERATIONS.map((o) => o.name));
  const missing = implemented.filter((id) => !names.has(camel(snake(id))));
  assert.deepEqual(missing, [], 'SDK operations without a package method (add them to crates/js/src/ops.rs)');
  const extra = OPERATIONS.filter((o) => !implemented.includes(o.id)).map((o) => o.name);
  assert.deepEqual(extra, []);
  for (const n of names) assert.equal(typeof CloudClient.prototype[n], 'function', n);
});
