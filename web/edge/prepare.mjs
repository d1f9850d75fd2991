// wrangler's build step (wrangler.jsonc): fails in plain words when the
// console is not built yet, and keeps the build's .gz copies out of the
// uploaded assets (Cloudflare compresses by itself).
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist');
if (!existsSync(resolve(dist, 'index.html'))) {
  console.error(`web/edge: no console in ${dist}; build it first with ./scripts/build-console.sh`);
  process.exit(1);
}
writeFileSync(resolve(dist, '.assetsignore'), '*.gz\n');
