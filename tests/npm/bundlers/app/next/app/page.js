'use client';
// The page as a Next.js user writes it: a client component importing the
// package, listing the clusters of the local server named in the query string
// once mounted, and leaving the outcome in window.__result for the test.
import { useEffect, useState } from 'react';
import { CloudClient } from 'crdb-cloud';

async function listTwice() {
  const started = performance.now();
  const q = new URLSearchParams(location.search);
  const client = new CloudClient({ apiKey: q.get('key') ?? '', baseUrl: q.get('api') ?? undefined });
  const { clusters = [] } = await client.listClusters();
  const firstCallMs = performance.now() - started; // loads the wasm, then calls
  const again = performance.now();
  await client.listClusters();
  return { clusters: clusters.map((c) => c.name), firstCallMs, secondCallMs: performance.now() - again };
}

export default function Page() {
  const [names, setNames] = useState([]);
  useEffect(() => {
    listTwice().then(
      (out) => { setNames(out.clusters); window.__result = out; },
      (e) => { window.__result = { error: `${e?.name}: ${e?.message}`, kind: e?.kind }; },
    );
  }, []);
  return <ul>{names.map((n) => <li key={n}>{n}</li>)}</ul>;
}
