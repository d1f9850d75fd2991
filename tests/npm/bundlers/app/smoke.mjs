import * as sdk from 'crdb-cloud';
import { run } from './smoke-run.mjs';

const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
await run(sdk, args);
