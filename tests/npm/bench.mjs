// Benchmark (not a test): getCluster through the package against a
// hand-written fetch + JSON.parse, on the same local server, in Node.
// The server allows 10 requests a second per key, so calls are paced
// (one every PACE_MS) and each is timed alone; the two ways alternate.
import { startServer, importPackage } from './server.mjs';

const N = Number(process.env.BENCH_N ?? 100);
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 110);
const server = await startServer();
try {
  const { CloudClient, init } = await importPackage();
  await init();
  const client = new CloudClient({ apiKey: server.apiKey, baseUrl: server.url, retries: 0 });
  const cluster = await client.createCluster({ name: 'bench-cluster', provider: 'GCP', spec: { plan: 'BASIC', serverless: { regions: ['us-central1'] } } });
  await client.waitForCluster(cluster.id, { intervalMs: 200, timeoutMs: 20000 });
  const headers = { authorization: `Bearer ${server.apiKey}`, 'cc-version': '2024-09-16', accept: 'application/json' };
  const byHand = async (id) => {
    const r = await fetch(`${server.url}/api/v1/clusters/${encodeURIComponent(id)}`, { headers });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return JSON.parse(await r.text());
  };
  const sdk = (id) => client.getCluster(id);
  const pause = () => new Promise((r) => setTimeout(r, PACE_MS));
  const times = { sdk: [], fetch: [] };
  for (let i = 0; i < N + 5; i++) {
    for (const [name, fn] of i % 2 ? [['sdk', sdk], ['fetch', byHand]] : [['fetch', byHand], ['sdk', sdk]]) {
      await pause();
      const t0 = performance.now();
      const c = await fn(cluster.id);
      const dt = performance.now() - t0;
      if (c.id !== cluster.id) throw new Error('wrong answer');
      if (i >= 5) times[name].push(dt); // the first 5 rounds warm up
    }
  }
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
    return { median: q(0.5), p90: q(0.9), mean: s.reduce((a, b) => a + b, 0) / s.length };
  };
  const a = stats(times.sdk);
  const b = stats(times.fetch);
  const ms = (x) => `${x.toFixed(3)} ms`;
  console.log(`getCluster, ${N} calls each, paced ${PACE_MS} ms (server rate limit), Node ${process.version}`);
  console.log(`  crdb-cloud   median ${ms(a.median)}  p90 ${ms(a.p90)}  mean ${ms(a.mean)}`);
  console.log(`  fetch+parse  median ${ms(b.median)}  p90 ${ms(b.p90)}  mean ${ms(b.mean)}`);
  console.log(`  ratio (median) ${(a.median / b.median).toFixed(2)}x, (mean) ${(a.mean / b.mean).toFixed(2)}x  (target <= 1.2x)`);
} finally {
  await server.stop();
}
