// Benchmark (not a test): Node cold start to the first answer. Each run is a
// fresh `node` process that imports the package and calls
// getOrganizationInfo on the local server, against one that does the same
// call with plain fetch; both report the time from process start
// (performance.now()) and the spawn-to-exit wall clock. The two alternate.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, startServer } from './server.mjs';

const N = Number(process.env.BENCH_N ?? 15);
const entry = pathToFileURL(resolve(ROOT, 'web/sdk/pkg/node.js')).href;
const server = await startServer();
const scripts = {
  'crdb-cloud': `import { CloudClient } from ${JSON.stringify(entry)};
    const c = new CloudClient({ apiKey: process.argv[2], baseUrl: process.argv[1] });
    const org = await c.getOrganizationInfo();
    if (!org.id) process.exit(1);
    console.log(performance.now());`,
  fetch: `const r = await fetch(process.argv[1] + '/api/v1/organization', { headers: { authorization: 'Bearer ' + process.argv[2], 'cc-version': '2024-09-16', accept: 'application/json' } });
    const org = JSON.parse(await r.text());
    if (!org.id) process.exit(1);
    console.log(performance.now());`,
};
const times = { 'crdb-cloud': { first: [], wall: [] }, fetch: { first: [], wall: [] } };
try {
  for (let i = 0; i < N + 1; i++) {
    for (const name of i % 2 ? ['fetch', 'crdb-cloud'] : ['crdb-cloud', 'fetch']) {
      await new Promise((r) => setTimeout(r, 120)); // the server's 10/s rate limit
      const t0 = performance.now();
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', scripts[name], server.url, server.apiKey], { encoding: 'utf8' });
      const wall = performance.now() - t0;
      if (i === 0) continue; // warms the file cache
      times[name].first.push(Number(out.trim()));
      times[name].wall.push(wall);
    }
  }
} finally {
  await server.stop();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`Node ${process.version} cold start to the first answer (getOrganizationInfo), ${N} runs each, medians:`);
for (const [name, t] of Object.entries(times)) {
  console.log(`  ${name.padEnd(11)} first answer ${median(t.first).toFixed(1)} ms after process start, process ${median(t.wall).toFixed(1)} ms`);
}
console.log(`  difference   ${(median(times['crdb-cloud'].first) - median(times.fetch.first)).toFixed(1)} ms`);
