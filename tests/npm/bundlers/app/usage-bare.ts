// Compiled with lib es2022 and no types at all (neither DOM nor Node): the
// package's declarations must not need them.
import { CloudClient, type ClientOptions } from 'crdb-cloud';

const options: ClientOptions = { apiKey: 'k', timeoutMs: undefined };
export const listing = new CloudClient(options).listClusters(undefined, {});
