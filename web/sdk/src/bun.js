// The entry for Bun (`bun` condition): the wasm imported as a file, which
// `bun build --compile` embeds in the executable (a path under /$bunfs).
import wasmPath from './crdb_cloud_js_bg.wasm' with { type: 'file' };
import { useLoader, wasmError } from './core.js';

useLoader(async () => {
  try {
    return await Bun.file(wasmPath).arrayBuffer();
  } catch (e) {
    throw wasmError(`could not read its WebAssembly at ${wasmPath}: ${e.message}`, e);
  }
});

export { CloudClient, CloudApiError, OPERATIONS, init, initSync } from './core.js';
