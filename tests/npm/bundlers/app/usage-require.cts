// CommonJS TypeScript: require() of the ESM-only package (TS 5.8+, module nodenext; Node 20.19+).
import sdk = require('crdb-cloud');

const client = new sdk.CloudClient({ apiKey: 'k' });
export const pending: Promise<unknown> = client.listClusters();
