// Public types of crdb-cloud. The model types (pkg/models.d.ts) are generated
// from the Rust SDK's wire models and the method signatures (pkg/api.d.ts)
// from its operation table, when the package is built.
// The build copies this file into pkg/, beside them.
import type { Any, Cluster, CmekClusterInfo, Restore } from './models.js';
import type { CloudClientOperations } from './api.js';

export * from './models.js';
export type { CloudClientOperations, OperationInfo } from './api.js';
export { OPERATIONS } from './api.js';

/**
 * A global class's instance type, or `never` where the project's libs do not
 * declare it: the types need neither the DOM lib nor @types/node.
 */
type Global<K extends string> = typeof globalThis extends { [P in K]: { prototype: infer T } } ? T : never;
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer T } } } ? T : never;

/** What `init` accepts: a compiled `WebAssembly.Module`, the wasm's bytes, or where to fetch them. */
export type InitInput =
  | WasmModule
  | ArrayBuffer
  | ArrayBufferView
  | Global<'Response'>
  | Global<'Request'>
  | Global<'URL'>
  | string;

/**
 * Loads the wasm. Optional: the first call does it, from beside the package's
 * entry (browsers and bundlers fetch it, Node, Deno and Bun read it, Workers
 * import it). Pass a module, bytes or URL when a tool has moved it.
 */
export declare function init(source?: InitInput | Promise<InitInput>): Promise<void>;

/** Loads the wasm at once from a compiled module or the wasm's bytes. */
export declare function initSync(source: WasmModule | ArrayBuffer | ArrayBufferView): void;

/** Options of `new CloudClient(options)`; each is checked when the client is made. */
export interface ClientOptions {
  /** The service account API key (required). */
  apiKey: string;
  /** Where the API lives: an http(s) URL (default `https://cockroachlabs.cloud`). */
  baseUrl?: string | undefined;
  /** The `Cc-Version` header (default `2024-09-16`). */
  version?: string | undefined;
  /**
   * The `User-Agent` header, sent from Node, Deno, Bun and Workers. Browsers
   * send their own and do not let a page change it, so there it is not sent.
   */
  userAgent?: string | undefined;
  /** Give up on one attempt after this many milliseconds (default 30000). */
  timeoutMs?: number | undefined;
  /** Retries: a whole number ≥ 0 for both kinds, or the policy's fields. */
  retries?: number | RetryOptions | undefined;
  /** Keep under this many requests a second on the client side (a whole number ≥ 1). */
  rateLimit?: number | undefined;
}

/** The retry policy, field by field; absent fields keep their defaults. */
export interface RetryOptions {
  /** Retries after a 429, any method (default 3). */
  maxRateLimitRetries?: number | undefined;
  /** Retries of a GET after a 5xx, a timeout or a lost connection (default 3). */
  maxRetries?: number | undefined;
  /** First backoff step in milliseconds (default 200). */
  baseDelayMs?: number | undefined;
  /** Ceiling of one backoff in milliseconds, `Retry-After` included (default 30000). */
  maxDelayMs?: number | undefined;
}

/** The options every method takes as its last argument. */
export interface CallOptions {
  /**
   * Abort the call: its request is aborted, no retry follows, and the call
   * rejects at once with a `CloudApiError` of kind `cancelled`.
   */
  signal?: Global<'AbortSignal'> | undefined;
}

/** How a waiter polls. */
export interface WaitOptions {
  /** Time between polls in milliseconds (default 5000). */
  intervalMs?: number | undefined;
  /** Give up after this many milliseconds (default 3600000). */
  timeoutMs?: number | undefined;
  /** Stop when this signal aborts (the poll in flight too); the waiter then throws a `CloudApiError` of kind `cancelled`. */
  signal?: Global<'AbortSignal'> | undefined;
}

/** Which failure a `CloudApiError` reports. */
export type CloudApiErrorKind =
  /** The API answered with an error status. */
  | 'api'
  /** HTTP 429 after the configured retries; see `retryAfter`. */
  | 'rate_limited'
  /** The API could not be reached. */
  | 'transport'
  /** No answer within `timeoutMs`. */
  | 'timeout'
  /** The answer did not decode (a body that is not JSON, such as an HTML page). */
  | 'decode'
  /** A bad option of `new CloudClient`, or the SDK refused to send the request (bad body or query). */
  | 'invalid_request'
  /** A waiter ran out of time. */
  | 'wait_timeout'
  /** A waiter saw a state the wanted one cannot follow. */
  | 'failed'
  /** A call's or a waiter's signal aborted. */
  | 'cancelled'
  /** The WebAssembly could not be fetched, read or compiled (the message names the fix). */
  | 'wasm'
  | 'other';

/** Every failure of a call. */
export declare class CloudApiError extends Error {
  constructor(message: string, fields?: { kind?: CloudApiErrorKind; status?: number; code?: number; details?: Any[]; retryAfter?: number | undefined; cause?: unknown });
  readonly name: 'CloudApiError';
  readonly kind: CloudApiErrorKind;
  /** HTTP status; 0 when no answer came. */
  readonly status: number;
  /** gRPC code from the error body (5 NOT_FOUND, 8 RESOURCE_EXHAUSTED, ...); 0 when none. */
  readonly code: number;
  /** The error body's details. */
  readonly details: Any[];
  /** Seconds the server asked to wait (HTTP 429). */
  readonly retryAfter?: number | undefined;
}

export interface CloudClient extends CloudClientOperations {}

/**
 * A CockroachDB Cloud API client: one async method per operation, named after its
 * operationId (`listClusters`, `getCmekClusterInfo`, ...), `...All` async iterators
 * over paged lists, and waiters. Requests and answers use the API's field names;
 * int64 values are decimal strings.
 */
export declare class CloudClient {
  constructor(options: ClientOptions);
  /** Polls the cluster until it is CREATED; fails at once on CREATION_FAILED or DELETED. */
  waitForCluster(clusterId: string, options?: WaitOptions): Promise<Cluster>;
  /** Polls the restore until it is SUCCESS; fails at once on FAILED. */
  waitForRestore(clusterId: string, restoreId: string, options?: WaitOptions): Promise<Restore>;
  /** Polls until no CMEK operation is in progress; fails on a *_FAILED status. */
  waitForCmek(clusterId: string, options?: WaitOptions): Promise<CmekClusterInfo>;
}
