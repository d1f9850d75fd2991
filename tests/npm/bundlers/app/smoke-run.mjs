// What each runtime checks (Node ESM and require, Deno, Bun, a Bun
// executable): a wasm that does not compile, a listClusters call against the real local server, a server
// answering 200 text/html, a per-call abort (before and during a call), the
// userAgent option reaching the server, and bad options failing at
// construction. Prints one line of JSON for the test to judge.
export async function run({ CloudClient, CloudApiError, init }, [api, key, odd, runtime]) {
  const out = { runtime };
  // A wasm that does not compile: a CloudApiError, and the next call still loads the real one.
  out.badWasm = await client0(init(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff])), CloudApiError);
  const client = new CloudClient({ apiKey: key, baseUrl: api });
  const { clusters = [] } = await client.listClusters();
  out.clusters = clusters.length;
  const html = new CloudClient({ apiKey: key, baseUrl: odd, userAgent: `crdb-smoke (${runtime})`, retries: 0 });
  out.html = await client0(html.listClusters(), CloudApiError);
  out.abortBefore = await client0(client.listClusters(undefined, { signal: AbortSignal.abort() }), CloudApiError);
  const ac = new AbortController();
  const t0 = Date.now();
  setTimeout(() => ac.abort(), 100);
  const slow = new CloudClient({ apiKey: key, baseUrl: `${odd}/slow` });
  out.abortDuring = await client0(slow.getCluster('c1', { signal: ac.signal }), CloudApiError);
  out.abortDuring.ms = Date.now() - t0;
  out.bad = [];
  for (const options of [undefined, {}, { apiKey: '' }, { apiKey: 'k', retries: -1 }, { apiKey: 'k', retries: 1.5 },
    { apiKey: 'k', retries: { maxRetries: 'x' } }, { apiKey: 'k', baseUrl: 'ftp://x' }, { apiKey: 'k', timeoutMs: 0 },
    { apiKey: 'k', rateLimit: 0 }, { apiKey: 'k', colour: 'red' }]) {
    try {
      new CloudClient(options);
      out.bad.push({ threw: false });
    } catch (e) {
      out.bad.push({ threw: true, cloud: e instanceof CloudApiError, kind: e.kind, message: e.message });
    }
  }
  console.log(JSON.stringify(out));
}

async function client0(promise, CloudApiError) {
  try {
    await promise;
    return { threw: false };
  } catch (e) {
    return { threw: true, cloud: e instanceof CloudApiError, kind: e.kind, status: e.status, message: e.message };
  }
}
