// A scripted HTTP fixture for the wasm32 tests (Node and headless Chromium).
// Cluster ids choose the behaviour by prefix; each id counts its own hits,
// so tests use fresh ids. Usage: node fixture-server.mjs [port]
import http from 'node:http';

const port = Number(process.argv[2] ?? 18787);
const hits = new Map();

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, cc-version, content-type',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-expose-headers': 'retry-after, cc-version',
};

const cluster = (id, state) => JSON.stringify({
  id, name: `name-${id}`.slice(0, 20), state, plan: 'BASIC', cloud_provider: 'GCP',
  operation_status: 'UNSPECIFIED', upgrade_status: 'FINALIZED', cockroach_version: 'v24.1.0',
  config: { serverless: { routing_id: 'r', upgrade_type: 'AUTOMATIC', usage_limits: { request_unit_limit: '50000000' } } },
  regions: [], creator_id: 'x', cidr_range: '', labels: {},
});

function answer(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...cors, ...headers });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (req.method === 'OPTIONS') return answer(res, 204, '');
  const url = new URL(req.url, 'http://fixture');
  const m = url.pathname.match(/^\/api\/v1\/clusters\/([^/]+)$/);
  if (url.pathname === '/hits') {
    return answer(res, 200, JSON.stringify(hits.get(url.searchParams.get('id')) ?? 0));
  }
  if (!m || req.method !== 'GET') return answer(res, 404, '{"code":5,"message":"no such route","details":[]}');
  const id = decodeURIComponent(m[1]);
  const n = (hits.get(id) ?? 0) + 1;
  hits.set(id, n);
  if (req.headers.authorization !== 'Bearer test-key') {
    return answer(res, 401, '{"code":16,"message":"unauthenticated","details":[]}');
  }
  if (id.startsWith('rate-limited') && n === 1) {
    return answer(res, 429, '{"code":8,"message":"rate limit exceeded","details":[]}', { 'retry-after': '1' });
  }
  if (id.startsWith('unicode')) {
    return answer(res, 200, JSON.stringify({ ...JSON.parse(cluster(id, 'CREATED')), cidr_range: 'zürich ☃ 東京' }));
  }
  if (id.startsWith('not-utf8')) {
    // A message whose bytes are not UTF-8 (Latin-1 "é").
    res.writeHead(500, { 'content-type': 'application/json', ...cors });
    return res.end(Buffer.concat([Buffer.from('{"code":13,"message":"caf'), Buffer.from([0xe9]), Buffer.from('","details":[]}')]));
  }
  if (id.startsWith('missing')) return answer(res, 404, '{"code":5,"message":"cluster not found","details":[]}');
  if (id.startsWith('flaky') && n <= 2) return answer(res, 503, '{"code":14,"message":"try later","details":[]}');
  if (id.startsWith('slow')) return setTimeout(() => answer(res, 200, cluster(id, 'CREATED')), 3000);
  if (id.startsWith('creating')) return answer(res, 200, cluster(id, n < 3 ? 'CREATING' : 'CREATED'));
  return answer(res, 200, cluster(id, 'CREATED'));
});

server.listen(port, '127.0.0.1', () => console.log(`fixture listening on http://127.0.0.1:${port}`));
