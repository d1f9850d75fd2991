// First load of the web console (a benchmark, not a test): bytes sent over
// the wire for wasm + JS + CSS (the server sends the build's gzip files), and
// the time from navigation to a rendered clusters table holding 1,000
// clusters, in headless Chromium. Run by scripts/bench-console.sh. With
// BENCH_EDGE=1 (bench-console.sh --edge) the page and its API calls go
// through the edge worker (web/edge) in workerd, in front of the same server.
import { startServer, launch } from '../../tests/console/helpers.mjs';

const KEY = 'CCDB1_bench_console_key';
const CLUSTERS = 1000;
const RUNS = Number(process.env.BENCH_RUNS || 21);

const { child, url: server } = await startServer(KEY, ['--transitions', 'instant', '--rate-limit', '100000']);
const edge = process.env.BENCH_EDGE === '1'
  ? await (await import('../../tests/edge/helpers.mjs')).startEdge(server)
  : null;
const url = edge ? edge.url : server;
if (edge) console.log(`through the edge worker at ${url} (UPSTREAM ${server})`);
try {
  const create = (i) => fetch(`${url}/api/v1/clusters`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `load-${String(i).padStart(6, '0')}`, provider: 'GCP',
      spec: { plan: 'BASIC', serverless: { regions: ['us-central1'] } } }),
  }).then((r) => { if (!r.ok) throw new Error(`create ${i}: HTTP ${r.status}`); });
  for (let i = 0; i < CLUSTERS; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, CLUSTERS - i) }, (_, k) => create(i + k)));
  }

  const browser = await launch();
  // A fresh context for each load: nothing cached, the key remembered in the
  // tab. The first load only records the bytes on the wire (the listener
  // asks the browser for each response's size, which is not free); the
  // timed loads after it run without a listener.
  const load = async (sizes) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(([url, key]) => {
      sessionStorage.setItem('crdb-console.session', `${url}\n${key}`);
    }, [url, KEY]);
    const page = await context.newPage();
    if (sizes) {
      page.on('response', async (r) => {
        const type = r.request().resourceType();
        if (!['script', 'stylesheet', 'fetch'].includes(type) && !r.url().endsWith('.wasm')) return;
        if (r.url().includes('/api/')) return;
        const s = await r.request().sizes().catch(() => null);
        if (s) sizes[r.url().split('/').pop()] = s.responseBodySize;
      });
    }
    // The page times itself: an init script looks for the table on every
    // animation frame and logs the time. (Playwright's waitForFunction would
    // first compile its own injected script in the page, ~15 ms of the
    // page's main thread in the middle of the load.)
    await context.addInitScript((n) => {
      const check = () => {
        const count = document.querySelector('.pager .count');
        if (count && count.textContent === `${n} clusters` && document.querySelector('table.clusters tbody tr')) {
          console.debug(`bench:table ${performance.now()}`);
        } else {
          requestAnimationFrame(check);
        }
      };
      requestAnimationFrame(check);
    }, CLUSTERS);
    const rendered = new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('no table of clusters within 30 s')), 30000);
      page.on('console', (m) => {
        const hit = /^bench:table (\S+)$/.exec(m.text());
        if (hit) { clearTimeout(timer); ok(Number(hit[1])); }
      });
    });
    await page.goto(`${url}/clusters`);
    const t = await rendered;
    await page.waitForTimeout(200);
    await context.close();
    return t;
  };
  const transfer = {};
  await load(transfer);
  const times = [];
  for (let run = 0; run < RUNS; run++) times.push(await load(null));
  await browser.close();
  times.sort((a, b) => a - b);
  const total = Object.entries(transfer).filter(([f]) => /\.(wasm|js|css)$/.test(f));
  for (const [f, b] of total) console.log(`  ${f.padEnd(48)} ${String(b).padStart(8)} bytes on the wire`);
  const sum = total.reduce((s, [, b]) => s + b, 0);
  console.log(`first-load transfer (wasm + JS + CSS): ${sum} bytes (${(sum / 1024).toFixed(1)} KiB; target <= 300 KiB)`);
  console.log(`navigation -> table of ${CLUSTERS} clusters rendered: median ${times[RUNS >> 1].toFixed(0)} ms, ` +
    `min ${times[0].toFixed(0)} ms, max ${times[RUNS - 1].toFixed(0)} ms over ${RUNS} cold loads (target <= 250 ms)`);
} finally {
  await edge?.stop();
  child.kill();
}
