// The worker's path check (web/edge/src/path.js), on its own.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { unsafePath } from '../../web/edge/src/path.js';

it('lets API paths through, SCIM .search included', () => {
  for (const p of ['/api/v1/clusters', '/api/v1/clusters/abc/sql-users/max%20roach', '/api/scim/v2/Groups/.search', '/api/v1/']) {
    assert.equal(unsafePath(p), null, p);
  }
});

it('refuses what an upstream could read as a step out of the API', () => {
  for (const p of ['/api/v1/..', '/api/v1/%2e%2e', '/api/v1/.%2E/x', '/api/v1/%2e', '/api/v1/a%2f..%2fb',
    '/api/v1/a%5cb', '/api/v1/a\\b', '/api/v1/%00', '/api/v1/%0d%0aHost:x', '/api/v1/%zz', '/api/v1/%e0%a4%a']) {
    assert.notEqual(unsafePath(p), null, p);
  }
});
