// The entry for Cloudflare Workers (`workerd` condition, which wrangler
// uses): a `.wasm` import, which wrangler's bundler (and workerd's own module
// rules) turn into a compiled WebAssembly.Module. No init() needed.
import wasm from './crdb_cloud_js_bg.wasm';
import { useLoader } from './core.js';

useLoader(() => wasm);

export { CloudClient, CloudApiError, OPERATIONS, init, initSync } from './core.js';
