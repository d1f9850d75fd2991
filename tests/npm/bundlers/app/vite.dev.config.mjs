// The README's recipe for the Vite dev server: serve the package as it is,
// without pre-bundling, so its wasm stays beside it.
import { defineConfig } from 'vite';

export default defineConfig({
  optimizeDeps: { exclude: ['crdb-cloud'] },
});
