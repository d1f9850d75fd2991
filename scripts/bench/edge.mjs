// The console at the edge (a benchmark, not a test): the worker script's
// size as wrangler would upload it (esbuild bundle, gzip -9), and the
// latency the pass-through adds: GET /api/v1/clusters/{id} through the
// worker in workerd against the same call straight to crdb-cloud-server,
// both on loopback, alternating, each timed alone. Run by scripts/bench-edge.sh.
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { ROOT, startServer } from '../../tests/console/helpers.mjs';
import { startEdge, wranglerConfig } from '../../tests/edge/helpers.mjs';

const KEY = 'CCDB1_bench_edge_key';
const CALLS = Number(process.env.BENCH_CALLS || 200);
const WARMUP = 20;

const bundle = await build({
  entryPoints: [resolve(ROOT, wranglerConfig().main)], bundle: true, format: 'esm', write: false,
  platform: 'neutral', target: 'es2022',
});
const script = bundle.outputFiles[0].contents;
console.log(`worker script (esbuild bundle, as uploaded): ${script.length} bytes, gzip -9 ${gzipSync(script, { level: 9 }).length} bytes`);

const { child, url: base } = await startServer(KEY, ['--transitions', 'instant', '--rate-limit', '100000']);
const edge = await startEdge(base);
try {
  const created = await fetch(`${base}/api/v1/clusters`, {
    method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench-edge', provider: 'GCP', spec: { plan: 'BASIC', serverless: { regions: ['us-central1'] } } }),
  }).then((r) => r.json());
  const path = `/api/v1/clusters/${created.id}`;
  const time = async (origin) => {
    const t0 = performance.now();
    const res = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${KEY}` } });
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${origin}: HTTP ${res.status}`);
    return ms;
  };
  const direct = [];
  const through = [];
  for (let i = 0; i < WARMUP + CALLS; i++) {
    // Which goes first alternates, so neither always meets a warmer path.
    let d, w;
    if (i % 2) { d = await time(base); w = await time(edge.url); } else { w = await time(edge.url); d = await time(base); }
    if (i >= WARMUP) { direct.push(d); through.push(w); }
  }
  const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  const line = (name, xs) => console.log(`${name.padEnd(26)} median ${q(xs, 0.5).toFixed(3)} ms, p90 ${q(xs, 0.9).toFixed(3)} ms`);
  console.log(`GET ${path.replace(created.id, '{id}')}, ${CALLS} calls each (after ${WARMUP} warm-up), alternating:`);
  line('direct to the server', direct);
  line('through the worker', through);
  console.log(`added by the worker: median ${(q(through, 0.5) - q(direct, 0.5)).toFixed(3)} ms, ` +
    `p90 ${(q(through, 0.9) - q(direct, 0.9)).toFixed(3)} ms`);
} finally {
  await edge.stop();
  child.kill();
}
