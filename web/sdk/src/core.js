// crdb-cloud: a CockroachDB Cloud API client. The engine is the Rust SDK
// (crates/sdk) compiled to WebAssembly (crates/js); this file is the public
// face shared by every runtime: CloudClient with one method per operation,
// async iterators over paged lists, waiters, per-call AbortSignals, option
// checks and CloudApiError. How the wasm is found differs per runtime and
// lives in the entry files beside it (browser.js, node.js, deno.js, bun.js,
// workerd.js), chosen by the `exports` conditions of package.json.
//
// The build copies src/ into pkg/, beside the wasm-bindgen glue and the
// wasm, so the relative imports below are those of pkg/.
import initWasm, { initSync as initWasmSync, WasmClient, CancelHandle } from './crdb_cloud_js.js';
import { OPERATIONS } from './api.js';

export { OPERATIONS };

/** Every failure of a call: an API error answer, a rate limit, a lost connection, a timeout, a bad request, a waiter giving up. */
export class CloudApiError extends Error {
  constructor(message, fields = {}) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'CloudApiError';
    /** Which failure: api, rate_limited, transport, timeout, decode, invalid_request, wait_timeout, failed, cancelled, wasm. */
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
  if (e instanceof CloudApiError) return e;
  if (typeof e === 'string') {
    let f;
    try { f = JSON.parse(e); } catch { /* not ours */ }
    if (f && f.name === 'CloudApiError') return new CloudApiError(f.message, f);
    return new CloudApiError(e, { kind: 'other' });
  }
  return new CloudApiError(String(e?.message ?? e), { kind: 'other', cause: e });
}

// What to tell people whose tool moved the package's files (README, "Bundlers").
const RECIPES = 'Vite dev server: add optimizeDeps: { exclude: [\'crdb-cloud\'] } to vite.config; '
  + 'esbuild or Rollup: copy node_modules/crdb-cloud/pkg/crdb_cloud_js_bg.wasm beside your bundle; '
  + 'anywhere: await init(urlOrModuleOrBytes) first (README, "Bundlers")';

/** A CloudApiError of kind `wasm`: the WebAssembly could not be had or compiled. */
export function wasmError(message, cause) {
  return new CloudApiError(`crdb-cloud: ${message}`, { kind: 'wasm', cause });
}

/**
 * Fetches the wasm from `url` (the browser entry's `new URL(…, import.meta.url)`)
 * and checks it is one: a bundler that moved the package answers 404, or
 * an HTML page (status 200), in its place.
 */
export async function fetchWasm(url) {
  let r;
  try {
    r = await fetch(url);
  } catch (e) {
    throw wasmError(`could not fetch its WebAssembly from ${url}: ${e?.message ?? e}. ${RECIPES}`, e);
  }
  if (!r.ok) throw wasmError(`fetching its WebAssembly from ${url} answered HTTP ${r.status}. ${RECIPES}`);
  const type = r.headers.get('content-type') ?? '';
  if (/^application\/wasm\b/i.test(type) && typeof WebAssembly.instantiateStreaming === 'function') return r;
  const bytes = new Uint8Array(await r.arrayBuffer());
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw wasmError(`${url} is not its WebAssembly (HTTP ${r.status}, ${type || 'no content type'}, ${bytes.length} bytes). ${RECIPES}`);
  }
  return bytes;
}

let ready = false;
let pending = null;
let defaultSource = () => {
  throw wasmError(`no way to find its WebAssembly in this runtime: ${RECIPES}`);
};

/** Set by each entry file: how this runtime finds the wasm when init() is not given it. */
export function useLoader(load) {
  defaultSource = load;
}

/**
 * Loads the wasm. Optional everywhere the package's entry knows where the wasm
 * is (the first call does it); give it a compiled `WebAssembly.Module`, the
 * bytes, a `Response` or a URL to load it from elsewhere.
 */
export function init(source) {
  if (ready) return Promise.resolve();
  pending ??= (async () => {
    const input = source === undefined ? await defaultSource() : await source;
    try {
      await initWasm({ module_or_path: input });
    } catch (e) {
      throw wasmError(`its WebAssembly did not compile or start: ${e?.message ?? e}`, e);
    }
    ready = true;
  })().catch((e) => { pending = null; throw e instanceof CloudApiError ? e : wasmError(String(e?.message ?? e), e); });
  return pending;
}

/** Loads the wasm at once from a compiled `WebAssembly.Module` or the wasm's bytes. */
export function initSync(source) {
  if (ready) return;
  try {
    initWasmSync({ module: source });
  } catch (e) {
    throw wasmError(`its WebAssembly did not compile or start: ${e?.message ?? e}`, e);
  }
  ready = true;
}

// Browsers choose the User-Agent themselves (and a custom header would need
// the API's CORS approval), so there the userAgent option is not sent.
const IN_BROWSER = typeof document !== 'undefined' || typeof importScripts === 'function';

// Status the send function answers for a request of an aborted call: the SDK
// takes it as a final answer (no retry) and the wrapper has already thrown
// the call's `cancelled` error.
const ABORTED = 499;

/**
 * The one place a request leaves: the SDK (in wasm) hands each attempt here
 * and keeps retries, the rate limit and error decoding. Answers
 * [status, retryAfter, body]; status -1 is a timeout, -2 no answer.
 * `calls` maps the call's tag to its signal and what came back.
 */
function makeSend(calls, userAgent) {
  return async function send(method, url, headers, body, timeoutMs, tag) {
    const call = calls.get(tag);
    if (!call || call.signal?.aborted) return [ABORTED, '', ''];
    const h = {};
    for (let i = 0; i < headers.length; i += 2) h[headers[i]] = headers[i + 1];
    if (userAgent !== undefined && !IN_BROWSER) h['user-agent'] = userAgent;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
    const onAbort = () => controller.abort();
    call.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const r = await fetch(url, { method, headers: h, body, signal: controller.signal });
      const text = await r.text();
      call.status = r.status;
      call.type = r.headers.get('content-type') ?? '';
      return [r.status, r.headers.get('retry-after') ?? '', text];
    } catch (e) {
      if (call.signal?.aborted) return [ABORTED, '', ''];
      return timedOut ? [-1, 'timeout', ''] : [-2, String(e?.cause?.message ?? e?.message ?? e), ''];
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
    }
  };
}

const OPTIONS = Symbol('options');
const INNER = Symbol('inner');
const CALLS = Symbol('calls');
let lastTag = 0;

function makeInner(client) {
  try {
    return new WasmClient(client[OPTIONS].json, makeSend(client[CALLS], client[OPTIONS].userAgent));
  } catch (e) {
    throw toError(e);
  }
}

async function innerOf(client) {
  if (!client[INNER]) {
    await init();
    client[INNER] ??= makeInner(client);
  }
  return client[INNER];
}

const OPTION_NAMES = ['apiKey', 'baseUrl', 'version', 'userAgent', 'timeoutMs', 'retries', 'rateLimit'];
const RETRY_NAMES = ['maxRateLimitRetries', 'maxRetries', 'baseDelayMs', 'maxDelayMs'];
const isWhole = (v, min) => Number.isInteger(v) && v >= min && v <= 0xffffffff;
const isMillis = (v) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const shown = (v) => (typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' ? (v === null ? 'null' : 'an object') : String(v));

/** The option checks of `new CloudClient(options)`, in JavaScript's terms; throws the first problem. */
function checkOptions(o) {
  const bad = (message) => new CloudApiError(`new CloudClient(options): ${message}`, { kind: 'invalid_request' });
  if (o === null || typeof o !== 'object' || Array.isArray(o)) {
    throw bad(`options must be an object like { apiKey: '...' }, not ${shown(o)}`);
  }
  for (const k of Object.keys(o)) {
    if (!OPTION_NAMES.includes(k)) throw bad(`unknown option "${k}" (the options are ${OPTION_NAMES.join(', ')})`);
  }
  const given = (k) => o[k] !== undefined;
  if (typeof o.apiKey !== 'string' || o.apiKey.trim() === '') {
    throw bad(`apiKey is required: a non-empty string (a service account API key), not ${shown(o.apiKey)}`);
  }
  if (given('baseUrl')) {
    let u = null;
    try { u = typeof o.baseUrl === 'string' ? new URL(o.baseUrl) : null; } catch { /* below */ }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) {
      throw bad(`baseUrl must be an http: or https: URL like 'https://cockroachlabs.cloud', not ${shown(o.baseUrl)}`);
    }
  }
  if (given('version') && (typeof o.version !== 'string' || o.version.trim() === '')) {
    throw bad(`version must be a non-empty string like '2024-09-16', not ${shown(o.version)}`);
  }
  if (given('userAgent') && (typeof o.userAgent !== 'string' || /[\r\n]/.test(o.userAgent))) {
    throw bad(`userAgent must be a string on one line, not ${shown(o.userAgent)}`);
  }
  if (given('timeoutMs') && !isMillis(o.timeoutMs)) {
    throw bad(`timeoutMs must be a number of milliseconds > 0, not ${shown(o.timeoutMs)}`);
  }
  if (given('retries')) {
    const r = o.retries;
    const shape = 'retries must be a whole number ≥ 0, or { maxRateLimitRetries?, maxRetries?, baseDelayMs?, maxDelayMs? }';
    if (typeof r === 'number') {
      if (!isWhole(r, 0)) throw bad(`${shape}, not ${shown(r)}`);
    } else if (r !== null && typeof r === 'object' && !Array.isArray(r)) {
      for (const k of Object.keys(r)) {
        if (!RETRY_NAMES.includes(k)) throw bad(`unknown option "retries.${k}" (${RETRY_NAMES.join(', ')})`);
      }
      for (const k of ['maxRateLimitRetries', 'maxRetries']) {
        if (r[k] !== undefined && !isWhole(r[k], 0)) throw bad(`retries.${k} must be a whole number ≥ 0, not ${shown(r[k])}`);
      }
      for (const k of ['baseDelayMs', 'maxDelayMs']) {
        if (r[k] !== undefined && !isMillis(r[k])) throw bad(`retries.${k} must be a number of milliseconds > 0, not ${shown(r[k])}`);
      }
    } else {
      throw bad(`${shape}, not ${shown(r)}`);
    }
  }
  if (given('rateLimit') && !isWhole(o.rateLimit, 1)) {
    throw bad(`rateLimit must be a whole number ≥ 1 (requests a second), not ${shown(o.rateLimit)}`);
  }
}

/** The options argument every method takes last: `{ signal }`. */
function callOptions(name, o) {
  if (o === undefined) return undefined;
  if (o === null || typeof o !== 'object') throw new TypeError(`${name}: the last argument is { signal? }, not ${shown(o)}`);
  for (const k of Object.keys(o)) {
    if (k !== 'signal') throw new TypeError(`${name}: unknown call option "${k}" (the call options are: signal)`);
  }
  const s = o.signal;
  if (s !== undefined && (s === null || typeof s.aborted !== 'boolean' || typeof s.addEventListener !== 'function')) {
    throw new TypeError(`${name}: signal must be an AbortSignal`);
  }
  return s;
}

const cancelled = (signal) => new CloudApiError('cancelled', { kind: 'cancelled', cause: signal.reason });

/** Parses an answer's body; a body that is not JSON is a `decode` CloudApiError naming what came. */
function parseAnswer(text, call) {
  try {
    return JSON.parse(text);
  } catch (e) {
    const start = text.slice(0, 60).replace(/\s+/g, ' ');
    throw new CloudApiError(
      `the server answered HTTP ${call.status} with ${call.type || 'no content type'}, not JSON: ${JSON.stringify(start)}${text.length > 60 ? '…' : ''}`,
      { kind: 'decode', status: call.status, cause: e });
  }
}

/**
 * Runs one call of the wasm client under a fresh tag: its fetches see the
 * call's signal, an abort rejects at once with kind `cancelled` (the SDK
 * then stops, as every later request of the call answers ABORTED), and a
 * body that is not JSON becomes a `decode` error.
 */
async function run(client, signal, start) {
  if (signal?.aborted) throw cancelled(signal);
  const tag = (lastTag = (lastTag % 0xfffffffe) + 1);
  const call = { signal, status: 0, type: '' };
  client[CALLS].set(tag, call);
  let onAbort;
  try {
    const answer = start(tag);
    let text;
    if (signal) {
      answer.catch(() => {}); // settles later when the abort wins the race
      const aborted = new Promise((_, reject) => {
        onAbort = () => reject(cancelled(signal));
        signal.addEventListener('abort', onAbort, { once: true });
      });
      text = await Promise.race([answer, aborted]);
    } else {
      text = await answer;
    }
    return parseAnswer(text, call);
  } catch (e) {
    if (signal?.aborted) throw cancelled(signal);
    throw toError(e);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    client[CALLS].delete(tag);
  }
}

/**
 * A CockroachDB Cloud API client. Requests and answers are plain objects with the
 * API's field names; int64 values are decimal strings.
 */
export class CloudClient {
  constructor(options) {
    checkOptions(options);
    Object.defineProperty(this, OPTIONS, { value: { json: JSON.stringify(options), userAgent: options.userAgent } });
    Object.defineProperty(this, CALLS, { value: new Map() });
    Object.defineProperty(this, INNER, { value: ready ? makeInner(this) : undefined, writable: true });
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

async function wait(client, method, ids, options = {}) {
  checkIds(method, method === 'waitForRestore' ? ['clusterId', 'restoreId'] : ['clusterId'], ids);
  const { intervalMs, timeoutMs, signal } = options;
  if (signal !== undefined) callOptions(method, { signal });
  const inner = await innerOf(client);
  const handle = signal ? new CancelHandle() : undefined;
  const onAbort = () => handle.cancel();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await run(client, signal, (tag) => inner[method](...ids, intervalMs, timeoutMs, handle?.fork(), tag));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    handle?.free();
  }
}

/** One method per operation (and an async iterator per paged list), from the wasm's operation table. */
for (const op of OPERATIONS) {
  const n = op.params.length;
  const camel = op.params.map((p) => p.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase()));
  const fixed = n + (op.body ? 1 : 0) + (op.query ? 1 : 0); // the options argument comes after these
  async function call(...args) {
    checkIds(op.name, camel, args);
    let i = n;
    const body = op.body ? args[i++] : undefined;
    const query = op.query ? args[i++] : undefined;
    if (op.body && (body === null || typeof body !== 'object')) {
      throw new TypeError(`${op.name}: the body (${op.body}) must be an object`);
    }
    const signal = callOptions(op.name, args[fixed]);
    const inner = await innerOf(this);
    return run(this, signal, (tag) => inner.call(op.name, args.slice(0, n),
      query == null ? '' : JSON.stringify(query),
      body === undefined ? '' : JSON.stringify(body), tag));
  }
  Object.defineProperty(call, 'name', { value: op.name });
  Object.defineProperty(CloudClient.prototype, op.name, { value: call, writable: true, configurable: true });
  if (!op.items) continue;
  const [from, to] = [op.next.from.split('.'), op.next.to.split('.')];
  async function* all(...args) {
    const before = n + (op.body ? 1 : 0);
    checkIds(`${op.name}All`, camel, args);
    let query = structuredClone(args[before] ?? {});
    const options = args[before + 1];
    callOptions(`${op.name}All`, options);
    const seen = new Set();
    for (;;) {
      const page = await this[op.name](...args.slice(0, before), ...(op.query ? [query] : []), options);
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
