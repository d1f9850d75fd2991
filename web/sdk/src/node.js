// The entry for Node (`node` condition; `require('crdb-cloud')` loads it too,
// through Node's require(esm), from Node 20.19): the wasm read from beside this file.
import { readFile } from 'node:fs/promises';
import { useLoader, wasmError } from './core.js';

useLoader(async () => {
  const url = new URL('./crdb_cloud_js_bg.wasm', import.meta.url);
  try {
    return await readFile(url);
  } catch (e) {
    throw wasmError(`could not read its WebAssembly at ${url}: ${e.message}; a bundler may have moved it, then await init(bytesOrModule) first`, e);
  }
});

export { CloudClient, CloudApiError, OPERATIONS, init, initSync } from './core.js';
