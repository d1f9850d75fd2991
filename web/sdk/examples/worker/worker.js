// A Cloudflare Worker that lists the organization's clusters and answers JSON.
// Deploy with wrangler (see wrangler.toml); set the secret COCKROACH_API_KEY.
// The package's `workerd` entry imports its wasm as a module, which wrangler
// bundles; no init() and no wrangler rule needed.
import { CloudClient, CloudApiError } from 'crdb-cloud';

export default {
  async fetch(request, env) {
    const client = new CloudClient({
      apiKey: env.COCKROACH_API_KEY,
      baseUrl: env.COCKROACH_API_URL || undefined, // default https://cockroachlabs.cloud
    });
    try {
      const clusters = [];
      for await (const c of client.listClustersAll()) {
        clusters.push({ id: c.id, name: c.name, state: c.state, plan: c.plan });
      }
      return Response.json({ clusters });
    } catch (e) {
      if (e instanceof CloudApiError) {
        return Response.json({ error: e.message, status: e.status, code: e.code }, { status: e.status || 502 });
      }
      throw e;
    }
  },
};
