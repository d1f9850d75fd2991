// Compiled by tsc with lib es2022 + types node (no DOM lib) and
// exactOptionalPropertyTypes: the package's types must hold up there.
import { CloudClient, CloudApiError, init, type ClientOptions, type CallOptions, type Cluster } from 'crdb-cloud';

const options: ClientOptions = {
  apiKey: process.env['COCKROACH_API_KEY'] ?? '',
  baseUrl: process.env['COCKROACH_API_URL'] || undefined, // explicit undefined is allowed
  retries: { maxRetries: 2, baseDelayMs: undefined },
  userAgent: 'my-tool/1.0',
};
const client = new CloudClient(options);
// @ts-expect-error apiKey is required
new CloudClient({ baseUrl: 'http://127.0.0.1:8080' });
// @ts-expect-error no such option
new CloudClient({ apiKey: 'k', colour: 'red' });

export async function main(): Promise<void> {
  await init();
  const ac = new AbortController();
  const call: CallOptions = { signal: ac.signal };
  const page = await client.listClusters({ pagination: { limit: 10 } }, call);
  const first: Cluster | undefined = page.clusters?.[0];
  // A possibly-undefined value in a query (exactOptionalPropertyTypes).
  await client.listClusters({ pagination: { page: page.pagination?.next_page, limit: undefined } });
  if (first) await client.getCluster(first.id, { signal: AbortSignal.timeout(1000) });
  for await (const c of client.listClustersAll(undefined, { signal: ac.signal })) console.log(c.name);
  await client.waitForCluster('id', { intervalMs: 50, signal: ac.signal, timeoutMs: undefined });
  // @ts-expect-error unknown call option
  await client.getCluster('id', { timeout: 5 });
  try {
    await client.getCluster('id');
  } catch (e) {
    if (e instanceof CloudApiError) {
      const k: 'decode' | 'wasm' | 'cancelled' | string = e.kind;
      console.log(k, e.status, e.code, e.retryAfter);
    }
  }
}
