#!/usr/bin/env node
// A rough in-memory stand-in for crdb-cloud-server, for developing the npm
// package before the real server is merged. The committed tests run against
// the real binary; point CRDB_SERVER_BIN at this file to try them here.
// Same flags as the server: --listen HOST:PORT --in-memory
// --bootstrap-api-key KEY --transitions instant; prints its URL.
import http from 'node:http';
import { randomUUID } from 'node:crypto';

const argv = process.argv.slice(2);
const flag = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const [host, port] = flag('--listen', '127.0.0.1:0').split(':');
const KEY = flag('--bootstrap-api-key', 'dev-key');

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, cc-version, content-type, accept',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-expose-headers': 'retry-after',
};
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const err = (status, code, message) => ({ status, body: { code, message, details: [] } });
const ok = (body) => ({ status: 200, body });

const clusters = new Map();
const sub = new Map(); // `${clusterId}/${kind}` -> Map(name -> obj)
const coll = (cid, kind) => { const k = `${cid}/${kind}`; if (!sub.has(k)) sub.set(k, new Map()); return sub.get(k); };
const restores = new Map();
const tokens = { tokens: 10, at: Date.now() };

function page(items, url) {
  const limit = Number(url.searchParams.get('pagination.limit') || 100);
  const start = Number(url.searchParams.get('pagination.page') || 0);
  const slice = items.slice(start, start + limit);
  const next = start + limit < items.length ? String(start + limit) : undefined;
  return { slice, pagination: next ? { next_page: next } : null };
}

function route(method, path, url, body) {
  const p = path.split('/').slice(3).map(decodeURIComponent); // after /api/v1
  if (p[0] === 'organization' && method === 'GET') return ok({ id: 'org-1', name: 'local', label: 'local', created_at: '2024-01-01T00:00:00Z' });
  if (p[0] === 'cluster-versions') return ok({ versions: [{ version: 'v24.3', release_type: 'REGULAR', support_status: 'SUPPORTED' }], pagination: null });
  if (p[0] !== 'clusters') return err(404, 5, 'no such route');
  if (p.length === 1 && method === 'GET') {
    const { slice, pagination } = page([...clusters.values()], url);
    return ok({ clusters: slice, pagination });
  }
  if (p.length === 1 && method === 'POST') {
    if (!body?.name) return err(400, 3, 'name is required');
    const c = { id: randomUUID(), name: body.name, cockroach_version: 'v24.3.0', plan: body.spec?.plan ?? 'BASIC', cloud_provider: body.provider,
      state: 'CREATING', creator_id: 'x', operation_status: 'CLUSTER_STATUS_UNSPECIFIED', config: { serverless: { routing_id: 'r', upgrade_type: 'AUTOMATIC' } },
      regions: (body.spec?.serverless?.regions ?? []).map((name) => ({ name, sql_dns: 'h', ui_dns: '', internal_dns: '', node_count: 0 })),
      created_at: now(), updated_at: now(), labels: {}, cidr_range: '', upgrade_status: 'FINALIZED' };
    clusters.set(c.id, c);
    return ok(c);
  }
  if (p[1] === 'available-regions') return ok({ regions: [{ name: 'us-central1', location: 'Iowa', provider: 'GCP', serverless: true, distance: 0 }], pagination: null });
  const c = clusters.get(p[1]);
  if (!c) return err(404, 5, 'cluster not found');
  if (p.length === 2) {
    if (method === 'GET') { const r = ok({ ...c }); if (c.state === 'CREATING') c.state = 'CREATED'; return r; }
    if (method === 'PATCH') { Object.assign(c, body.labels ? { labels: body.labels } : {}); return ok(c); }
    if (method === 'DELETE') { clusters.delete(c.id); return ok({ ...c, state: 'DELETED' }); }
  }
  const kind = p[2];
  if (kind === 'connection-string') return ok({ connection_string: `postgresql://u@h:26257/${url.searchParams.get('database') ?? 'defaultdb'}`, params: { Host: 'h', Port: '26257', Database: 'defaultdb', Username: 'u' } });
  if (kind === 'nodes') return ok({ nodes: [], pagination: null });
  if (kind === 'sql-users' || kind === 'databases' || kind === 'blackout-windows') {
    const m = coll(c.id, kind);
    const key = kind === 'databases' && p.length === 3 && method === 'PATCH' ? body.name : p[3];
    if (p.length === 3 && method === 'GET') {
      const { slice, pagination } = page([...m.values()], url);
      return ok({ [kind === 'sql-users' ? 'users' : kind === 'databases' ? 'databases' : 'blackout_windows']: slice, pagination });
    }
    if (p.length === 3 && method === 'POST') {
      const id = kind === 'blackout-windows' ? randomUUID() : body.name;
      if (m.has(id)) return err(409, 6, 'already exists');
      const o = kind === 'sql-users' ? { name: body.name } : kind === 'databases' ? { name: body.name, table_count: '0' } : { id, cluster_id: c.id, start_time: body.start_time, end_time: body.end_time };
      m.set(id, o);
      return ok(o);
    }
    const o = m.get(key);
    if (!o) return err(404, 5, `${kind} not found`);
    if (method === 'GET') return ok(o);
    if (method === 'DELETE') { m.delete(key); return ok(o); }
    if (method === 'PATCH' && kind === 'databases') { m.delete(key); const n = { ...o, name: body.new_name }; m.set(n.name, n); return ok(n); }
    if (method === 'PATCH') { Object.assign(o, body); return ok(o); }
    if (method === 'PUT') return ok(o);
  }
  if (kind === 'cmek') {
    if (method === 'GET') return c.cmek ? ok(c.cmek) : err(404, 5, 'cmek not enabled');
    c.cmek = { status: 'ENABLED', region_infos: (body.region_specs ?? []).map((r) => ({ region: r.region, status: 'ENABLED', key_infos: [{ spec: r.key_spec, status: 'ENABLED' }] })) };
    return ok(c.cmek);
  }
  if (kind === 'backups-config') {
    c.backups ??= { enabled: true, retention_days: 30, frequency_minutes: 60 };
    if (method === 'PATCH') Object.assign(c.backups, body);
    return ok(c.backups);
  }
  if (kind === 'backups') return ok({ backups: [{ id: 'b-1', as_of_time: '2024-09-16T00:00:00Z' }], pagination: null });
  if (kind === 'restores') {
    if (method === 'POST') { const r = { id: randomUUID(), backup_id: body.backup_id ?? '', status: 'PENDING', created_at: now(), type: body.type, completion_percent: 0 }; restores.set(r.id, r); return ok(r); }
    if (p.length === 3) return ok({ restores: [...restores.values()], pagination: null });
    const r = restores.get(p[3]);
    if (!r) return err(404, 5, 'restore not found');
    const out = { ...r }; r.status = 'SUCCESS'; r.completion_percent = 1; return ok(out);
  }
  if (kind === 'maintenance-window') {
    if (method === 'PUT') { c.mw = body; return ok(body); }
    if (method === 'DELETE') { const w = c.mw ?? {}; c.mw = undefined; return ok(w); }
    return c.mw ? ok(c.mw) : err(404, 5, 'no maintenance window');
  }
  if (kind === 'version-deferral') {
    if (method === 'PUT') c.vd = { deferral_policy: body.deferral_policy };
    return ok(c.vd ?? { deferral_policy: 'NOT_DEFERRED' });
  }
  return err(404, 5, 'no such route');
}

const server = http.createServer((req, res) => {
  const send = (status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...cors, ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  if (req.method === 'OPTIONS') return send(204, '');
  let raw = '';
  req.on('data', (d) => { raw += d; });
  req.on('end', () => {
    const url = new URL(req.url, 'http://x');
    if (req.headers.authorization !== `Bearer ${KEY}`) return send(401, { code: 16, message: 'unauthenticated', details: [] });
    const t = Date.now();
    tokens.tokens = Math.min(10, tokens.tokens + ((t - tokens.at) / 1000) * 10);
    tokens.at = t;
    if (tokens.tokens < 1) return send(429, { code: 8, message: 'rate limit exceeded', details: [] }, { 'retry-after': '1' });
    tokens.tokens -= 1;
    let body;
    try { body = raw ? JSON.parse(raw) : undefined; } catch { return send(400, { code: 3, message: 'bad json', details: [] }); }
    const r = route(req.method, url.pathname, url, body);
    send(r.status, r.body);
  });
});
server.listen(Number(port), host, () => {
  console.log(`crdb-cloud-server listening on http://${host}:${server.address().port}`);
});
