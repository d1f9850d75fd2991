// The entry for browsers, web workers and bundlers (`browser`, `worker` and
// `default` conditions): the wasm beside this file, found with
// `new URL(…, import.meta.url)`, which webpack, Vite and Parcel turn into an
// emitted asset. No `node:` import is reachable from here.
import { fetchWasm, useLoader } from './core.js';

useLoader(() => fetchWasm(new URL('./crdb_cloud_js_bg.wasm', import.meta.url)));

export { CloudClient, CloudApiError, OPERATIONS, init, initSync } from './core.js';
