// CommonJS: require() of the ESM-only package (Node's require(esm), 20.19+).
const sdk = require('crdb-cloud');

import('./smoke-run.mjs').then(({ run }) => run(sdk, process.argv.slice(2))).catch((e) => {
  console.error(e);
  process.exit(1);
});
