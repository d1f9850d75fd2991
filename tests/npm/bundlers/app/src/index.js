// The page every bundler builds (webpack's default entry): list the clusters
// of the local server named in the query string, and leave the outcome in
// window.__result for the test.
import { CloudClient } from 'crdb-cloud';

const started = performance.now();
(async () => {
  const q = new URLSearchParams(location.search);
  const out = {};
  try {
    const client = new CloudClient({ apiKey: q.get('key') ?? '', baseUrl: q.get('api') ?? undefined });
    const { clusters = [] } = await client.listClusters();
    out.clusters = clusters.map((c) => c.name);
    out.firstCallMs = performance.now() - started; // loads the wasm, then calls
    const again = performance.now();
    await client.listClusters();
    out.secondCallMs = performance.now() - again;
  } catch (e) {
    out.error = `${e?.name}: ${e?.message}`;
    out.kind = e?.kind;
  }
  window.__result = out;
})();
