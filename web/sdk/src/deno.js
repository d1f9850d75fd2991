// The entry for Deno (`deno` condition): the wasm read from beside this file
// (needs --allow-read for it).
import { useLoader, wasmError } from './core.js';

useLoader(async () => {
  const url = new URL('./crdb_cloud_js_bg.wasm', import.meta.url);
  try {
    return await Deno.readFile(url);
  } catch (e) {
    throw wasmError(`could not read its WebAssembly at ${url}: ${e.message} (deno run --allow-read)`, e);
  }
});

export { CloudClient, CloudApiError, OPERATIONS, init, initSync } from './core.js';
