// Rollup: resolve npm packages for the browser. The wasm is not referenced
// by an import, so Rollup leaves it out: the README's recipe copies it
// beside the bundle (tests/npm/tools.test.mjs does just that).
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default {
  input: 'src/index.js',
  output: { dir: 'dist-rollup', format: 'es' },
  plugins: [nodeResolve({ browser: true })],
};
