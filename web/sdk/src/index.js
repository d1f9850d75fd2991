// crdb-cloud: a CockroachDB Cloud API client. The engine is the Rust SDK
// (crates/sdk) compiled to WebAssembly (crates/js); this file is the public
// face: CloudClient with one method per operation, async iterators over
// paged lists, waiters that honour an AbortSignal, and CloudApiError.
import initWasm, { initSync as initWasmSync, WasmClient, CancelHandle } from '../pkg/crdb_cloud_js.js';
import { OPERATIONS } from '../pkg/api.js';

export { OPERATIONS };

/** Every failure of a call: an API error answer, a rate limit, a lost connection, a timeout, a bad request, a waiter giving up. */
export class CloudApiError extends Error {
  constructor(message, fields = {}) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'CloudApiError';
    /** Which failure: api, rate_limited, transport, timeout, decode, invalid_request, wait_timeout, failed, cancelled. */
    this.kind = fields.kind ?? 'api';
    /** HTTP status; 0 when no answer came. */
    this.status = fields.status ?? 0;
    /** gRPC code from the error body; 0 when none. */
    this.code = fields.code ?? 0;
    /** The error body's details. */
    this.details = fields.details ?? [];
    /** Seconds the server asked to wait (429). */
    this.retryAfter = fields.retryAfter ?? undefined;
  }
}

/** Turns what the wasm threw (the JSON of a CloudApiError) into a CloudApiError. */
function toError(e) {
  if (typeof e === 'string') {
    let f;
    try { f = JSON.parse(e); } catch { /* not ours */ }
    if (f && f.name === 'CloudApiError') return new CloudApiError(f.message, f);
    return new CloudApiError(e, { kind: 'other' });
  }
  return e;
}

let ready = false;
let pending = null;

function wasmUrl() {
  if (typeof import.meta.url !== 'string' || !import.meta.url) {
    throw new CloudApiError(
      'crdb-cloud: cannot locate its wasm here; call init(module) first (in a worker: import wasm from "crdb-cloud/wasm"; await init(wasm))',
      { kind: 'invalid_request' });
  }
  return new URL('../pkg/crdb_cloud_js_bg.wasm', import.meta.url);
}

/** Where the wasm comes from when init() is not given it: the file beside this module. */
async function defaultSource() {
  const url = wasmUrl();
  if (url.protocol === 'file:') {
    if (globalThis.Deno?.readFile) return globalThis.Deno.readFile(url);
    const { readFile } = await import('node:fs/promises');
    return readFile(url);
  }
  return url; // browsers and bundlers: fetched (and compiled while streaming)
}

/**
 * Loads the wasm. Optional in browsers, Node and Deno (the first call does it);
 * in a Cloudflare Worker pass the compiled module: `import wasm from 'crdb-cloud/wasm'`.
 */
export function init(source) {
  if (ready) return Promise.resolve();
  pending ??= (async () => {
    const input = source === undefined ? await defaultSource() : await source;
    await initWasm({ module_or_path: input });
    ready = true;
  })().catch((e) => { pending = null; throw e; });
  return pending;
}

/** Loads the wasm at once from a compiled `WebAssembly.Module` or the wasm's bytes. */
export function initSync(source) {
  if (ready) return;
  initWasmSync({ module: source });
  ready = true;
}

/**
 * The one place a request leaves: the SDK (in wasm) hands each attempt here
 * and keeps retries, the rate limit and error decoding. Answers
 * [status, retryAfter, body]; status -1 is a timeout, -2 no answer.
 */
async function send(method, url, headers, body, timeoutMs) {
  const h = {};
  for (let i = 0; i < headers.length; i += 2) h[headers[i]] = headers[i + 1];
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
  try {
    const r = await fetch(url, { method, headers: h, body, signal: controller.signal });
    const text = await r.text();
    return [r.status, r.headers.get('retry-after') ?? '', text];
  } catch (e) {
    return timedOut ? [-1, 'timeout', ''] : [-2, String(e?.cause?.message ?? e?.message ?? e), ''];
  } finally {
    clearTimeout(timer);
  }
}

const OPTIONS = Symbol('options');
const INNER = Symbol('inner');

function makeInner(options) {
  try {
    return new WasmClient(options, send);
  } catch (e) {
    throw toError(e);
  }
}

async function innerOf(client) {
  if (!client[INNER]) {
    await init();
    client[INNER] ??= makeInner(client[OPTIONS]);
  }
  return client[INNER];
}

/**
 * A CockroachDB Cloud API client. Requests and answers are plain objects with the
 * API's field names; int64 values are decimal strings.
 */
export class CloudClient {
  constructor(options) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError('new CloudClient({ apiKey, baseUrl?, ... }): an options object is required');
    }
    Object.defineProperty(this, OPTIONS, { value: JSON.stringify(options) });
    Object.defineProperty(this, INNER, { value: ready ? makeInner(this[OPTIONS]) : undefined, writable: true });
  }

  /** Polls the cluster until it is CREATED; fails at once on CREATION_FAILED or DELETED. */
  waitForCluster(clusterId, options) {
    return wait(this, 'waitForCluster', [clusterId], options);
  }

  /** Polls the restore until it is SUCCESS; fails at once on FAILED. */
  waitForRestore(clusterId, restoreId, options) {
    return wait(this, 'waitForRestore', [clusterId, restoreId], options);
  }

  /** Polls the cluster's CMEK state until no operation is in progress; fails on *_FAILED. */
  waitForCmek(clusterId, options) {
    return wait(this, 'waitForCmek', [clusterId], options);
  }
}

function checkIds(name, names, ids) {
  if (ids.length < names.length || ids.slice(0, names.length).some((v) => typeof v !== 'string')) {
    throw new TypeError(`${name}(${names.join(', ')}): ${names.length} string argument(s) expected`);
  }
}

async function wait(client, method, ids, { intervalMs, timeoutMs, signal } = {}) {
  checkIds(method, method === 'waitForRestore' ? ['clusterId', 'restoreId'] : ['clusterId'], ids);
  const inner = await innerOf(client);
  if (signal?.aborted) throw new CloudApiError('cancelled', { kind: 'cancelled', cause: signal.reason });
  const handle = signal ? new CancelHandle() : undefined;
  const onAbort = () => handle.cancel();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return JSON.parse(await inner[method](...ids, intervalMs, timeoutMs, handle?.fork()));
  } catch (e) {
    const err = toError(e);
    if (err instanceof CloudApiError && err.kind === 'cancelled' && signal) err.cause = signal.reason;
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    handle?.free();
  }
}

/** One method per operation (and an async iterator per paged list), from the wasm's operation table. */
for (const op of OPERATIONS) {
  const n = op.params.length;
  const camel = op.params.map((p) => p.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase()));
  async function call(...args) {
    checkIds(op.name, camel, args);
    let i = n;
    const body = op.body ? args[i++] : undefined;
    const query = op.query ? args[i++] : undefined;
    if (op.body && (body === null || typeof body !== 'object')) {
      throw new TypeError(`${op.name}: the body (${op.body}) must be an object`);
    }
    const inner = await innerOf(this);
    let text;
    try {
      text = await inner.call(op.name, args.slice(0, n),
        query == null ? '' : JSON.stringify(query),
        body === undefined ? '' : JSON.stringify(body));
    } catch (e) {
      throw toError(e);
    }
    return JSON.parse(text);
  }
  Object.defineProperty(call, 'name', { value: op.name });
  Object.defineProperty(CloudClient.prototype, op.name, { value: call, writable: true, configurable: true });
  if (!op.items) continue;
  const [from, to] = [op.next.from.split('.'), op.next.to.split('.')];
  async function* all(...args) {
    const fixed = n + (op.body ? 1 : 0);
    checkIds(`${op.name}All`, camel, args);
    let query = structuredClone(args[fixed] ?? {});
    const seen = new Set();
    for (;;) {
      const page = await this[op.name](...args.slice(0, fixed), query);
      const items = page[op.items] ?? [];
      yield* items;
      const next = from.reduce((v, k) => v?.[k], page); // e.g. pagination.next_page
      if (!next || items.length === 0 || seen.has(next)) return; // a repeated cursor would loop forever
      seen.add(next);
      query = structuredClone(query);
      let at = query;
      for (const k of to.slice(0, -1)) at = at[k] ??= {};
      at[to[to.length - 1]] = next; // e.g. pagination.page
    }
  }
  Object.defineProperty(all, 'name', { value: `${op.name}All` });
  Object.defineProperty(CloudClient.prototype, `${op.name}All`, { value: all, writable: true, configurable: true });
}
